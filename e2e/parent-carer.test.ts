/**
 * A parent carer's evening (issue 12 §2): signing in lands on a page of their own (what is open,
 * what they signed up for, what changed because of them), not on the account page; signing up is
 * pre-filled and can be cancelled, and the lead sees it; "what changed because of you" includes
 * the answers they gave with their child. Each page is checked with axe at 320 px and 1280 px, and
 * each journey is done with the keyboard only and JavaScript off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { createActivity, londonToUtc, setActivityStatus, type ActivityInput } from '../src/modules/activities/activities.service.ts';
import { signUp } from '../src/modules/activities/signups.service.ts';
import { addContributionsForResponse } from '../src/modules/contributions/contributions.service.ts';
import { whatChanged } from '../src/modules/feedback/my-views.service.ts';
import { listAudit } from '../src/modules/privacy/audit.service.ts';
import { addQuestion } from '../src/modules/surveys/questions.service.ts';
import { insertResponse } from '../src/testing/responses.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading } from './support.ts';

const suite = e2eFile();
const a = `/a/${DEMO_SLUG}`;
const parent = demoAccount('parent_carer');
let areaId: string;
let parentId: string;
let workshopId: string;
let coffeeId: string;

/** A London date this many days from now, 'YYYY-MM-DD'. */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function session(title: string, days: number): ActivityInput {
  return {
    organisationId: null,
    title,
    purpose: 'Parent carers tell us what works.',
    easyReadPurpose: '',
    type: 'workshop',
    level: 'strategic',
    stage: 'design',
    services: ['Short breaks'],
    audience: 'parent_carers',
    ageBands: [],
    startsAt: londonToUtc(daysAhead(days), '18:30'),
    endsAt: londonToUtc(daysAhead(days), '20:00'),
    venueKind: 'in_person',
    venueName: 'Riverside Library',
    venueAddress: '2 High Street, Riverside, RV1 3CD',
    joiningInstructions: '',
    venueAccessRecorded: true,
    venueAccess: ['step_free'],
    questionsShared: true,
    adjustmentsOffered: ['breaks'],
    interpreterLanguages: '',
    groundRules: ['respect'],
    contactName: 'Jess Patel',
    contactEmail: 'participation@riverside.example',
    contactPhone: '',
    childrenMode: false,
  };
}

/** The file's own data, made once before its first test (the app starts in e2eFile's hook). */
let made: Promise<void> | undefined;
const setUp = () => (made ??= makeData());

async function makeData(): Promise<void> {
  const { db } = suite.e2e;
  const area = (await findAreaBySlug(db, DEMO_SLUG))!;
  areaId = area.id;
  parentId = (await db.selectFrom('account').select('id').where('email', '=', parent.email).executeTakeFirstOrThrow()).id;
  const workshop = await createActivity(db, areaId, null, session('Evening workshop: short breaks booking', 24));
  await setActivityStatus(db, areaId, null, workshop.id, 'open');
  workshopId = workshop.id;
  const coffee = await createActivity(db, areaId, null, session('Parent carers coffee evening', 31));
  await setActivityStatus(db, areaId, null, coffee.id, 'open');
  coffeeId = coffee.id;
  // Lou signed up to the workshop earlier, signed in.
  await signUp(db, areaId, workshopId, { name: 'Lou', email: parent.email, phone: '', people: 1, adjustments: [], details: '', idempotencyKey: 'parent-e2e-workshop', accountId: parentId });

  // A survey Lou answered twice: once for themself, once with their child (the supporter mode).
  const survey = await createActivity(db, areaId, null, { ...session('Holiday clubs survey', 0), type: 'survey', startsAt: null, endsAt: null, venueKind: 'none', venueName: '', venueAddress: '' });
  const question = await addQuestion(db, areaId, null, survey.id, { type: 'free_text', text: 'What would make the holiday club better?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  await withArea(db, areaId, async (tx) => {
    const own = await insertResponse(tx, areaId, { activityId: survey.id, mode: 'signed_in', accountId: parentId, answers: [] });
    await addContributionsForResponse(tx, areaId, [{ activityId: survey.id, questionId: question, responseId: own.id, accountId: parentId, supporterRelationship: null, receiptCode: own.receiptCode!, source: 'free_text', text: 'Evening sessions so working parents can come' }]);
    const supported = await insertResponse(tx, areaId, { activityId: survey.id, mode: 'supported', supporterRelationship: 'parent', supportMethods: ['read_aloud'], supporterAccountId: parentId, answers: [] });
    await addContributionsForResponse(tx, areaId, [{ activityId: survey.id, questionId: question, responseId: supported.id, accountId: null, supporterRelationship: 'parent', receiptCode: supported.receiptCode!, source: 'free_text', text: 'A quiet room with beanbags' }]);
  });
}

/** axe at 320 and 1280 px, and no sideways scroll on a phone. */
async function checkPage(page: Page, label: string): Promise<void> {
  await expectAccessible(page, label);
  await expectNoSidewaysScroll(page, label);
}

/** A browser with JavaScript off, where the person moves with the Tab key only. */
async function keyboardPage(): Promise<{ page: Page; tabTo: (name: RegExp | string) => Promise<void> }> {
  const page = await suite.pageAs(null, { javaScriptEnabled: false });
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    // The words a screen reader would say for a link (visually hidden ones too), spaces folded.
    return `${el?.textContent?.replace(/\s+/g, ' ').trim() || (el as HTMLInputElement | null)?.value || ''}|${el?.id ?? ''}`;
  });
  const tabTo = async (name: RegExp | string) => {
    for (let i = 0; i < 120; i += 1) {
      await page.keyboard.press('Tab');
      const [text, id] = (await focused()).split('|');
      if (typeof name === 'string' ? id === name || text === name : name.test(text ?? '')) return;
    }
    throw new Error(`never reached ${String(name)} with the Tab key on ${page.url()}`);
  };
  return { page, tabTo };
}

/** Signs in by the keyboard on a JavaScript-free page; returns the path it landed on. */
async function signInByKeyboard(k: Awaited<ReturnType<typeof keyboardPage>>, email: string, path = '/sign-in'): Promise<string> {
  await k.page.goto(path);
  await k.tabTo('email');
  await k.page.keyboard.type(email);
  await k.tabTo('password');
  await k.page.keyboard.type(DEMO_PASSWORD);
  await Promise.all([k.page.waitForURL((url) => url.pathname !== '/sign-in'), k.page.keyboard.press('Enter')]);
  return new URL(k.page.url()).pathname;
}

test('a parent carer signs in and lands on their own page: what is open, what they signed up for, what changed because of them', async () => {
  await setUp();
  const k = await keyboardPage();
  assert.equal(await signInByKeyboard(k, parent.email), `${a}/your-page`, 'not the account page');
  const { page } = k;
  assert.equal(await pageHeading(page), 'Your page');
  assert.ok(await page.getByText('Hello, Lou Davies').isVisible());

  const open = page.getByRole('region', { name: 'Open to you now' });
  assert.ok(await open.getByRole('link', { name: 'Parent carers coffee evening' }).isVisible(), 'an activity Lou can sign up to');
  const signedUp = page.getByRole('region', { name: 'What you signed up for' });
  const workshop = signedUp.getByRole('listitem').filter({ hasText: 'Evening workshop: short breaks booking' });
  assert.ok(await workshop.getByText(/6:30pm to 8pm/).isVisible(), 'the date and time');
  assert.equal(await workshop.getByRole('link', { name: /Cancel your place/ }).getAttribute('href'), `${a}/take-part/${workshopId}/cancel`);
  assert.equal(await open.getByRole('link', { name: 'Evening workshop: short breaks booking' }).count(), 0, 'what Lou signed up for is not offered again');
  const changed = page.getByRole('region', { name: 'What changed because of you' });
  // The demo seed gives Lou views of their own too: the page counts every one.
  const views = await whatChanged(suite.e2e.db, areaId, parentId);
  assert.ok(views.total >= 2);
  assert.ok(await changed.getByText(`You have told us ${views.total} things.`).isVisible());
  assert.ok(await changed.getByText(`We have answered ${views.answered} of them so far.`).isVisible());
  assert.equal(await changed.getByRole('link', { name: 'See what changed because of you' }).getAttribute('href'), `${a}/what-changed`);
  // The header links to it from every page.
  await page.goto(`${a}/you-said-we-did`);
  assert.equal(await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Your page' }).getAttribute('href'), `${a}/your-page`);

  const seen = await suite.pageAs(parent.email);
  assert.equal(new URL(seen.url()).pathname, `${a}/your-page`);
  await checkPage(seen, 'your page');

  // Staff land where their week starts; a `next` address still wins, and never leads off the site.
  const lead = await keyboardPage();
  assert.equal(await signInByKeyboard(lead, demoAccount('participation_lead').email), `${a}/activities`);
  const admin = await keyboardPage();
  assert.equal(await signInByKeyboard(admin, demoAccount('area_admin').email), `${a}/manage`);
  const next = await keyboardPage();
  assert.equal(await signInByKeyboard(next, parent.email, `/sign-in?next=${encodeURIComponent(`${a}/what-changed`)}`), `${a}/what-changed`);
  const evil = await keyboardPage();
  assert.equal(await signInByKeyboard(evil, parent.email, `/sign-in?next=${encodeURIComponent('//evil.example/x')}`), `${a}/your-page`);
});

test('signing up is filled in for a signed-in parent; they cancel after a check, and the lead sees it', async () => {
  await setUp();
  const k = await keyboardPage();
  await signInByKeyboard(k, parent.email);
  const { page, tabTo } = k;
  await page.goto(`${a}/take-part/${coffeeId}/sign-up`);
  assert.equal(await page.getByLabel('Your first name or a nickname').inputValue(), 'Lou', 'first name filled in');
  assert.equal(await page.getByLabel('Email address').inputValue(), parent.email, 'email filled in');
  await tabTo('name');
  await page.keyboard.press('End');
  await page.keyboard.type(' D');
  await tabTo('Sign up');
  await Promise.all([page.waitForURL(`**/take-part/${coffeeId}/signed-up`), page.keyboard.press('Enter')]);
  assert.equal(await pageHeading(page), 'You are signed up');
  const mirror = await suite.pageAs(parent.email);
  await mirror.goto(page.url());
  await checkPage(mirror, 'signed up, with a way to cancel');

  // Cancelling from the confirmation: a check first, and going back changes nothing.
  await tabTo(/Cancel your place/);
  await Promise.all([page.waitForURL(`**/take-part/${coffeeId}/cancel`), page.keyboard.press('Enter')]);
  assert.equal(await pageHeading(page), 'Cancel your place at Parent carers coffee evening?');
  await mirror.goto(page.url());
  await checkPage(mirror, 'cancel: check');
  await tabTo('Yes, cancel my place');
  await Promise.all([page.waitForURL(`**${a}/your-page`), page.keyboard.press('Enter')]);
  assert.ok(await page.getByRole('alert').getByText('You have cancelled your place at Parent carers coffee evening.').isVisible());
  const signedUp = page.getByRole('region', { name: 'What you signed up for' });
  assert.equal(await signedUp.getByText('Parent carers coffee evening').count(), 0, 'no longer listed');
  assert.ok(await page.getByRole('region', { name: 'Open to you now' }).getByRole('link', { name: 'Parent carers coffee evening' }).isVisible(), 'open to sign up again');

  // From their page: the workshop too.
  await tabTo(/Cancel your place at Evening workshop/);
  await Promise.all([page.waitForURL(`**/take-part/${workshopId}/cancel`), page.keyboard.press('Enter')]);
  await tabTo('Yes, cancel my place');
  await Promise.all([page.waitForURL(`**${a}/your-page`), page.keyboard.press('Enter')]);
  assert.equal(await signedUp.getByText('Evening workshop: short breaks booking').count(), 0, 'no longer listed');

  // Someone else cannot cancel Lou's place, or see it.
  const practitioner = await suite.pageAs(demoAccount('practitioner').email);
  const other = await practitioner.goto(`${a}/take-part/${coffeeId}/cancel`);
  assert.equal(other?.status(), 200);
  assert.ok(await practitioner.getByText('You have not signed up for this.').isVisible());
  assert.equal(await practitioner.getByRole('button', { name: 'Yes, cancel my place' }).count(), 0);

  // The lead: cancelled places shown apart, with when; the count is of people still coming.
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  await lead.goto(`${a}/activities/${coffeeId}/sign-ups`);
  assert.ok(await lead.getByText('No one is signed up at the moment.').isVisible());
  const cancelled = lead.getByRole('region', { name: 'Cancelled (1)' });
  assert.ok(await cancelled.getByRole('heading', { name: 'Lou D' }).isVisible(), 'what they typed');
  assert.ok(await cancelled.getByText('Cancelled on', { exact: true }).isVisible(), 'when they cancelled');
  await checkPage(lead, 'sign-ups with a cancelled place');
  const actions = (await listAudit(suite.e2e.db, areaId)).filter((e) => e.action === 'signup.cancelled');
  assert.equal(actions.length, 2, 'each cancellation is in the audit log');
  assert.equal(actions[0]!.actorName, 'Lou Davies');
});

test('“what changed because of you” includes the answers a parent gave with their child, labelled as such', async () => {
  await setUp();
  const k = await keyboardPage();
  await signInByKeyboard(k, parent.email);
  const { page } = k;
  await page.goto(`${a}/what-changed`);
  assert.equal(await pageHeading(page), 'What changed because of you');
  const own = page.getByRole('region', { name: 'What would make the holiday club better?' }).filter({ hasText: 'Evening sessions so working parents can come' });
  assert.equal(await own.getByText('Answers you gave with your child').count(), 0);
  const withChild = page.getByRole('region', { name: /What would make the holiday club better\?/ }).filter({ hasText: 'A quiet room with beanbags' });
  assert.ok(await withChild.getByText('Answers you gave with your child').isVisible(), 'labelled');
  assert.ok(await withChild.getByText('You and your child told us:').isVisible());
  assert.equal(await own.getByText('You told us:').count(), 1);
  const views = await whatChanged(suite.e2e.db, areaId, parentId);
  assert.ok(await page.getByText(`We have answered ${views.answered} of your ${views.total} views so far.`).isVisible());
  const seen = await suite.pageAs(parent.email);
  await seen.goto(`${a}/what-changed`);
  await checkPage(seen, 'what changed, with a child');
});

test('someone signed out signs up with an email on a phone, gets a link to cancel, cancels with it, and the lead sees it', async () => {
  await setUp();
  const { db } = suite.e2e;
  const picnic = await createActivity(db, areaId, null, session('Family picnic planning', 38));
  await setActivityStatus(db, areaId, null, picnic.id, 'open');
  const address = 'sam.picnic@example.com';

  // A phone, JavaScript off, nobody signed in.
  const page = await suite.pageAs(null, { javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
  await page.goto(`${a}/take-part/${picnic.id}/sign-up`);
  await page.getByLabel('Your first name or a nickname').fill('Sam');
  await page.getByLabel('Email address').fill(address);
  await Promise.all([page.waitForURL(`**/take-part/${picnic.id}/signed-up`), page.getByRole('button', { name: 'Sign up' }).click()]);
  assert.equal(await pageHeading(page), 'You are signed up');
  assert.ok(await page.getByText('We have sent you an email with a link to cancel your place if you cannot come.').isVisible(), 'only said because the email was queued');
  await checkPage(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'signed up signed out, email sent');

  // The email, as the outbox keeps it (no email service in tests): what, when, where, and the link.
  const sent = await db.selectFrom('outbox_message').select(['subject', 'body']).where('recipient', '=', address).execute();
  assert.equal(sent.length, 1, 'one email');
  assert.match(sent[0]!.subject, /Family picnic planning/);
  assert.match(sent[0]!.body, /6:30pm to 8pm/);
  assert.match(sent[0]!.body, /Riverside Library/);
  const link = /If you cannot come, cancel your place: (\S+)/.exec(sent[0]!.body)?.[1];
  assert.ok(link, 'a link to cancel');
  const url = new URL(link);
  assert.equal(url.origin, suite.e2e.baseUrl.replace(/\/$/, ''), 'the public address');

  // The link: a check first, then cancelled.
  await page.goto(url.pathname);
  assert.equal(await pageHeading(page), 'Cancel your place at Family picnic planning?');
  await checkPage(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'cancel by email link: check');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Yes, cancel my place' }).click()]);
  await page.waitForLoadState();
  assert.equal(await pageHeading(page), 'You have cancelled your place');
  assert.ok(await page.getByText('You have cancelled your place at Family picnic planning.').isVisible());
  await checkPage(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'cancel by email link: done');

  // The same link again says so and offers nothing to press; a made-up one gets a kind page that gives nothing away.
  await page.goto(url.pathname);
  assert.equal(await pageHeading(page), 'You have cancelled your place');
  assert.equal(await page.getByRole('button', { name: 'Yes, cancel my place' }).count(), 0);
  const made = await page.goto(`${a}/take-part/cancel/${'x'.repeat(43)}`);
  assert.equal(made?.status(), 404);
  assert.equal(await pageHeading(page), 'This link does not work');
  await checkPage(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'cancel by email link: unknown');

  // The lead sees the place cancelled.
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  await lead.goto(`${a}/activities/${picnic.id}/sign-ups`);
  const cancelled = lead.getByRole('region', { name: 'Cancelled (1)' });
  assert.ok(await cancelled.getByRole('heading', { name: 'Sam' }).isVisible());
  const actions = await withArea(db, areaId, (tx) => tx.selectFrom('audit_event').select(['actor_account_id']).where('action', '=', 'signup.cancelled').where('subject_id', '=', picnic.id).execute());
  assert.deepEqual(actions, [{ actor_account_id: null }], 'the cancellation is in the audit log, once, by nobody signed in');
});
