/**
 * Young inspectors' reports in a browser (issue 16 §2): a lead writes the summary and sends the
 * report; the provider opens the emailed link on a 320 px phone with JavaScript off and responds
 * with two actions by keyboard alone ("Add another action" posts and comes back with a new row,
 * nothing typed lost); the public ratings. Every page and state is checked with axe at 320 and
 * 1280 px (pages seen with JavaScript off through a copy: mirrorWithoutScripts).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();
const nextYear = String(new Date().getFullYear() + 1);

type Made = { reportUrl: string; providerId: string };

/** A programme on the demo's first activity, three agreed criteria, three inspectors and a rated visit. */
async function ratedVisit(providerName: string, ratings: number[]): Promise<Made> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  return withArea(db, areaId, async (tx) => {
    const activity = await tx.selectFrom('activity').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    let programme = await tx.selectFrom('inspection_programme').select(['id', 'panel_id']).where('title', '=', 'Inclusive holiday clubs').executeTakeFirst();
    if (!programme) {
      const panel = await tx.insertInto('panel').values({ area_id: areaId, activity_id: activity.id, kind: 'inspection', title: 'Young inspectors' }).returning('id').executeTakeFirstOrThrow();
      const made = await tx.insertInto('inspection_programme').values({ area_id: areaId, activity_id: activity.id, panel_id: panel.id, title: 'Inclusive holiday clubs', rating_words: JSON.stringify({ 1: 'Not good', 2: 'Needs work', 3: 'OK', 4: 'Good', 5: 'Brilliant' }) }).returning(['id', 'panel_id']).executeTakeFirstOrThrow();
      programme = made;
      for (const [i, [title, symbol]] of [['Easy to get in', '267F'], ['Toilets we can use', '1F6BB'], ['Staff who listen', '1F442']].entries()) {
        await tx.insertInto('inspection_criterion').values({ area_id: areaId, programme_id: made.id, title: title!, symbol, status: 'agreed', position: i + 1 }).execute();
      }
      const now = new Date();
      for (const name of ['Amara Hiddenname', 'Ben Hiddenname', 'Cal Hiddenname']) {
        await tx.insertInto('panel_member').values({ area_id: areaId, panel_id: panel.id, member_kind: 'young_person', display_name: name, age_band: '12_15', code_hash: randomBytes(16).toString('hex'), training_done_at: now, consent_at: now, parental_consent_at: now, conflict: 'none', conflict_declared_at: now, rules_agreed_at: now }).execute();
      }
    }
    const criteria = await tx.selectFrom('inspection_criterion').select('id').where('programme_id', '=', programme.id).orderBy('position').execute();
    const members = await tx.selectFrom('panel_member').select('id').where('panel_id', '=', programme.panel_id).orderBy('created_at').execute();
    const provider = await tx.insertInto('inspection_provider').values({ area_id: areaId, name: providerName, venue: 'Riverside Leisure Centre', contact_email: 'clubs@provider.example' }).returning('id').executeTakeFirstOrThrow();
    const visit = await tx.insertInto('inspection_visit').values({ area_id: areaId, programme_id: programme.id, provider_id: provider.id, activity_id: activity.id, status: 'visited', visited_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const notes = ['The ramp at the front was easy for my wheelchair.', 'The toilet door was heavy.', 'Staff said hello to everyone.'];
    for (const [ci, c] of criteria.entries()) {
      for (const [mi, m] of members.entries()) await tx.insertInto('inspection_rating').values({ area_id: areaId, visit_id: visit.id, criterion_id: c.id, member_id: m.id, rating: ratings[(ci + mi) % ratings.length]!, note: notes[(ci + mi) % notes.length]! }).execute();
    }
    return { reportUrl: `/a/${DEMO_SLUG}/inspections/${programme.id}/visits/${visit.id}/report`, providerId: provider.id };
  });
}

/** Writes the summaries and sends the report through the pages, as the lead; returns the provider's link from the email. */
async function writeAndSend(page: Page, made: Made, check: boolean): Promise<string> {
  await page.goto(made.reportUrl);
  if (check) await expectAccessible(page, 'report, not sent yet');
  await page.getByLabel('Summary in standard words').fill('A friendly club. The building was mostly easy to get around.\n\nThey would like a quiet space.');
  await page.getByLabel('Summary in easy read').fill('We liked the staff.\n\nWe want a quiet room.');
  await submit(page, 'Save the summary');
  assert.ok(await page.getByText('Summary saved').isVisible());
  if (check) await expectAccessible(page, 'report, summary saved');
  await page.getByRole('button', { name: 'Send the report to the provider' }).click();
  await page.waitForLoadState('load');
  assert.equal(await pageHeading(page), `${(await page.locator('.govuk-caption-l').innerText()).trim()} Send the report to the provider?`);
  if (check) await expectAccessible(page, 'send: confirm');
  await submit(page, 'Yes, send the report');
  if (check) await expectAccessible(page, 'report, sent');
  const email = await suite.e2e.db.selectFrom('outbox_message').select('body').where('recipient', '=', 'clubs@provider.example').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const link = /http\S+\/provider-report\/\S+/.exec(email.body)?.[0];
  assert.ok(link, email.body);
  assert.doesNotMatch(email.body, /Hiddenname/);
  return new URL(link).pathname;
}

test('a lead writes the summary and sends the report; a low rating plans a re-inspection the page links to', async () => {
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  const made = await ratedVisit('Sunny Days Play Scheme', [2, 3, 2]);
  await writeAndSend(lead, made, true);
  assert.ok(await lead.getByText('Report sent to the provider. A re-inspection has been planned.').isVisible());
  assert.ok(await lead.getByRole('link', { name: /Re-inspection planned for/ }).isVisible());
  assert.equal(await lead.getByText('Hiddenname').count(), 0);
  await lead.getByRole('link', { name: 'Read the easy-read report' }).click();
  await lead.waitForLoadState('load');
  assert.ok(await lead.getByText('They gave it 2.3 stars out of 5.').isVisible());
  await expectAccessible(lead, 'easy-read report');
});

test('a provider responds with two actions by keyboard alone, with JavaScript off, on a 320 px phone', async () => {
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  const made = await ratedVisit('Splash Holiday Club', [4, 5, 5]);
  const link = await writeAndSend(lead, made, false);
  const phone = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await phone.goto(link);
  assert.match(await pageHeading(phone), /Splash Holiday Club/);
  assert.equal(await phone.getByText('Hiddenname').count(), 0);
  await expectNoSidewaysScroll(phone, 'provider report at 320 px');
  await expectAccessible(await mirrorWithoutScripts(phone, await suite.pageAs(null)), 'provider report, JavaScript off');

  await tabTo(phone, 'textarea#response');
  await phone.keyboard.type('Thank you. We agree and will act on it.');
  await tabTo(phone, 'textarea#action1');
  await phone.keyboard.type('Put up picture signs');
  await tabTo(phone, 'input#day1');
  await phone.keyboard.type('1');
  await tabTo(phone, 'input#month1');
  await phone.keyboard.type('5');
  await tabTo(phone, 'input#year1');
  await phone.keyboard.type(nextYear);
  await tabTo(phone, 'button[name="add"]', 'Add another action');
  await pressEnter(phone);
  // The same form again, every word kept, a second row with its action field focused.
  assert.equal(await phone.locator('#response').inputValue(), 'Thank you. We agree and will act on it.');
  assert.equal(await phone.locator('#action1').inputValue(), 'Put up picture signs');
  assert.equal(await phone.locator('#year1').inputValue(), nextYear);
  assert.equal(await phone.evaluate(() => document.activeElement?.id), 'action2');
  await expectAccessible(await mirrorWithoutScripts(phone, await suite.pageAs(null)), 'provider form with a second action row, JavaScript off');
  await phone.keyboard.type('Make a quiet room');
  // A date forgotten: the error summary leads to it, and nothing typed is lost.
  await tabTo(phone, 'button:not([name])', 'Send your response');
  await pressEnter(phone);
  assert.deepEqual(await errorSummaryLinks(phone), ['#day2']);
  assert.equal(await phone.locator('#action2').inputValue(), 'Make a quiet room');
  await expectAccessible(await mirrorWithoutScripts(phone, await suite.pageAs(null)), 'provider form with an error, JavaScript off');
  await tabTo(phone, 'input#day2');
  await phone.keyboard.type('15');
  await tabTo(phone, 'input#month2');
  await phone.keyboard.type('6');
  await tabTo(phone, 'input#year2');
  await phone.keyboard.type(nextYear);
  await tabTo(phone, 'button:not([name])', 'Send your response');
  await pressEnter(phone);
  assert.ok(await phone.getByText('Thank you. Your response has been sent to the young inspectors.').isVisible());
  assert.ok(await phone.getByRole('cell', { name: 'Put up picture signs' }).isVisible());
  assert.ok(await phone.getByRole('cell', { name: 'Make a quiet room' }).isVisible());
  await expectAccessible(await mirrorWithoutScripts(phone, await suite.pageAs(null)), 'provider response sent, JavaScript off');
  await phone.getByRole('link', { name: 'Easy read report' }).click();
  await phone.waitForLoadState('load');
  await expectAccessible(await mirrorWithoutScripts(phone, await suite.pageAs(null)), 'provider easy read, JavaScript off');

  // The lead sees the response on the report page.
  await lead.goto(made.reportUrl);
  assert.ok(await lead.getByRole('heading', { name: "The provider's response" }).isVisible());
  assert.ok(await lead.getByRole('cell', { name: 'Make a quiet room' }).isVisible());
  await expectAccessible(lead, 'report with the response');

  // The provider now meets the standard: the public pages list it.
  const visitor = await suite.pageAs(null);
  await visitor.goto(`/a/${DEMO_SLUG}/young-inspectors`);
  assert.ok(await visitor.getByRole('link', { name: 'Splash Holiday Club' }).isVisible());
  assert.equal(await visitor.getByText('Sunny Days Play Scheme').count(), 0);
  await expectAccessible(visitor, 'public ratings');
  await visitor.getByRole('link', { name: 'Splash Holiday Club' }).click();
  await visitor.waitForLoadState('load');
  assert.ok(await visitor.getByText(/out of 5/).first().isVisible());
  await expectAccessible(visitor, 'public provider page');
});

test('a wrong link is a kind page that says what to do', async () => {
  const visitor = await suite.pageAs(null);
  await visitor.goto(`/a/${DEMO_SLUG}/provider-report/${'x'.repeat(43)}`);
  assert.equal(await pageHeading(visitor), 'This link does not work');
  await expectAccessible(visitor, 'provider link not found');
});
