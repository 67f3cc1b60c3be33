/**
 * Applying for a grant (issue 16 §1) as a provider does: sign in by the emailed link (read from the
 * outbox), save, come back, send: once by keyboard alone, once on a 320 px phone with JavaScript
 * off. axe at 320 and 1280 px on every page and state: the open rounds, a round, signing in, the
 * email sent, the link (and an expired one), the form (empty, filled, with errors), checking,
 * my applications, a closed round, and the staff's round page.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addGrantQuestion } from '../src/modules/panels/index.ts';
import { DEMO_SLUG, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();
const G = `/a/${DEMO_SLUG}/grants`;

type Round = { id: string; q1: string; q2: string };

async function makeRound(title: string, closesInDays = 14): Promise<Round> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const id = await withArea(db, areaId, async (tx) => {
    const activity = await tx.selectFrom('activity').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('panel')
      .values({ area_id: areaId, activity_id: activity.id, kind: 'grant', title, purpose: 'Clubs and trips in the summer holidays for disabled children and young people.', pot_pence: 1_500_000, closes_at: new Date(Date.now() + closesInDays * 86_400_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  const q1 = await addGrantQuestion(db, areaId, null, id, { text: 'Who will your project help?', hint: 'Tell us about the children and young people.', maxWords: 20 });
  const q2 = await addGrantQuestion(db, areaId, null, id, { text: 'How will young people shape it?', hint: '', maxWords: 100 });
  return { id, q1, q2 };
}

/** The sign-in link in the last email to this address, as a path. */
async function linkFrom(email: string): Promise<string> {
  const message = await suite.e2e.db.selectFrom('outbox_message').select('body').where('recipient', '=', email).orderBy('created_at', 'desc').executeTakeFirst();
  assert.ok(message, `an email to ${email}`);
  const match = /https?:\/\/[^/\s]+(\/a\/[a-z-]+\/grants\/sign-in\/[A-Za-z0-9_-]+)/.exec(message.body);
  assert.ok(match, 'a sign-in link in the email');
  return match[1]!;
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test('a provider signs in by the link, saves, comes back and sends, with the keyboard alone', async () => {
  const round = await makeRound('Summer holiday clubs 2027');
  const page = await suite.pageAs(null);
  await page.goto(G);
  assert.equal(await pageHeading(page), 'Apply for a grant');
  await expectAccessible(page, 'open rounds');
  await tabTo(page, 'a', 'Summer holiday clubs 2027');
  await pressEnter(page);
  assert.match(await pageHeading(page), /Summer holiday clubs 2027/);
  assert.ok(await page.getByText('A panel of young people reads your application, asks you questions they wrote themselves, and scores your answers.').isVisible());
  await expectAccessible(page, 'a round');
  await tabTo(page, 'a.govuk-button--start');
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Sign in to apply for a grant');
  await expectAccessible(page, 'sign in');
  // Sent empty: the error, then the address.
  await tabTo(page, 'button.govuk-button');
  await pressEnter(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#email']);
  await expectAccessible(page, 'sign in with an error');
  await typeInto(page, '#email', 'keyboard.club@example.org');
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Check your email');
  assert.ok(await page.getByText('If that address can apply, we have sent a link to it.').isVisible());
  await expectAccessible(page, 'link sent');

  const link = await linkFrom('keyboard.club@example.org');
  await page.goto(link);
  assert.equal(await pageHeading(page), 'Sign in to your grant application');
  await expectAccessible(page, 'the link');
  await tabTo(page, 'button.govuk-button', 'Continue');
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Your grant applications');
  await expectAccessible(page, 'my applications, none yet');

  await page.goto(`${G}/${round.id}/apply`);
  await expectAccessible(page, 'the form, empty');
  await typeInto(page, '#organisationName', 'Keyboard Kids CIC');
  await typeInto(page, '#contactName', 'Morgan Tabber');
  await typeInto(page, '#projectTitle', 'Summer sensory trips');
  await typeInto(page, '#amount', '3,200');
  await typeInto(page, `#answer-${round.q1}`, 'Children aged 5 to 11 with autism.');
  await tabTo(page, 'button.govuk-button', 'Save and come back later');
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Your grant applications');
  assert.ok(await page.getByText('Your application is saved.', { exact: false }).isVisible());
  await expectAccessible(page, 'my applications, a draft');

  await tabTo(page, 'a', 'Carry on with this application');
  await pressEnter(page);
  assert.equal(await page.locator('#organisationName').inputValue(), 'Keyboard Kids CIC');
  assert.equal(await page.locator('#amount').inputValue(), '3,200');
  assert.equal(await page.locator(`#answer-${round.q1}`).inputValue(), 'Children aged 5 to 11 with autism.');
  // Over the word limit (20) and a question not answered: errors, the words kept.
  await typeInto(page, `#answer-${round.q1}`, 'Children aged 5 to 11 with autism and their brothers and sisters who are often left out of trips in the summer holidays and want to join in.');
  await tabTo(page, 'button.govuk-button', 'Continue');
  await pressEnter(page);
  assert.deepEqual(await errorSummaryLinks(page), [`#answer-${round.q1}`, `#answer-${round.q2}`]);
  assert.match(await page.locator(`#answer-${round.q1}`).inputValue(), /^Children aged 5 to 11 with autism/);
  await expectAccessible(page, 'the form with errors');
  await typeInto(page, `#answer-${round.q1}`, 'Children aged 5 to 11 with autism, and their brothers and sisters.');
  await typeInto(page, `#answer-${round.q2}`, 'Our youth forum chooses the trips and runs the planning meetings.');
  await tabTo(page, 'button.govuk-button', 'Continue');
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Summer holiday clubs 2027 Check your answers before sending');
  assert.ok(await page.getByText('£3,200').isVisible());
  await expectAccessible(page, 'check your answers');
  await tabTo(page, 'button.govuk-button', 'Send application');
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Your grant applications');
  assert.ok(await page.getByText('Sent: waiting for the panel').isVisible());
  await expectAccessible(page, 'my applications, sent');

  // The lead's page for the round: the application, its label and the pot.
  const lead = await suite.pageAs('lead@riverside.example');
  await lead.goto(`/a/${DEMO_SLUG}/panels/${round.id}/round`);
  assert.ok(await lead.getByText('Keyboard Kids CIC: Summer sensory trips').isVisible());
  assert.ok(await lead.getByRole('heading', { name: 'Application 1' }).isVisible());
  await expectAccessible(lead, 'staff round page');
  await expectNoSidewaysScroll(lead, 'staff round page');
});

test('on a 320 px phone with JavaScript off: sign in by the link, save with gaps, come back, send', async () => {
  const round = await makeRound('Saturday clubs fund');
  const page = await suite.pageAs(null, { javaScriptEnabled: false, viewport: PHONE });
  const mirror = await suite.pageAs(null);
  await page.goto(`${G}/sign-in`);
  await page.getByLabel('Email address').fill('phone.club@example.org');
  await submit(page, 'Send me a link');
  await page.goto(await linkFrom('phone.club@example.org'));
  await submit(page, 'Continue');
  assert.equal(await pageHeading(page), 'Your grant applications');

  await page.goto(`${G}/${round.id}/apply`);
  await expectNoSidewaysScroll(page, 'the form at 320 px');
  await page.getByLabel('Name of your organisation or group').fill('Phone Play Group');
  await page.getByLabel('How much are you asking for?').fill('£1,250.50');
  await submit(page, 'Save and come back later');
  assert.equal(await pageHeading(page), 'Your grant applications');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'my applications at 320 px, no JavaScript');

  await page.getByRole('link', { name: /Carry on with this application/ }).click();
  assert.equal(await page.getByLabel('Name of your organisation or group').inputValue(), 'Phone Play Group');
  assert.equal(await page.getByLabel('How much are you asking for?').inputValue(), '1,250.50');
  await submit(page, 'Continue');
  assert.deepEqual(await errorSummaryLinks(page), ['#contactName', '#projectTitle', `#answer-${round.q1}`, `#answer-${round.q2}`]);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'the form with errors at 320 px, no JavaScript');
  await page.getByLabel('Your name').fill('Ali Phone');
  await page.getByLabel('Project title').fill('Saturday messy play');
  await page.getByLabel('1. Who will your project help?').fill('Under fives with additional needs.');
  await page.getByLabel('2. How will young people shape it?').fill('Older siblings on our youth panel choose the themes.');
  await submit(page, 'Continue');
  assert.equal(await pageHeading(page), 'Saturday clubs fund Check your answers before sending');
  await expectNoSidewaysScroll(page, 'check at 320 px');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'check at 320 px, no JavaScript');
  await submit(page, 'Send application');
  assert.ok(await page.getByText('Your application has been sent.', { exact: false }).isVisible());
  const areaId = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id;
  const rows = await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('panel_candidate').select('label').where('panel_id', '=', round.id).execute());
  assert.deepEqual(rows, [{ label: 'Application 1' }]);
});

test('a used link, and a round that has closed, say so kindly', async () => {
  const round = await makeRound('Closed fund', 14);
  const page = await suite.pageAs(null);
  await page.goto(`${G}/sign-in`);
  await page.getByLabel('Email address').fill('late.club@example.org');
  await submit(page, 'Send me a link');
  const link = await linkFrom('late.club@example.org');
  await page.goto(link);
  await submit(page, 'Continue');
  await page.goto(link);
  assert.equal(await pageHeading(page), 'This link has expired or been used');
  await expectAccessible(page, 'a used link');
  const areaId = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id;
  await withArea(suite.e2e.db, areaId, (tx) => tx.updateTable('panel').set({ closes_at: new Date(Date.now() - 60_000) }).where('id', '=', round.id).execute());
  await page.goto(`${G}/${round.id}/apply`);
  assert.ok(await page.getByText('This round has closed, so applications cannot be sent or changed any more.', { exact: false }).isVisible());
  await expectAccessible(page, 'apply after closing');
  await page.goto(`${G}/${round.id}`);
  await expectAccessible(page, 'a closed round');
});
