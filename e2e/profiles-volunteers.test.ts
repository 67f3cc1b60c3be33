/**
 * Choosing a volunteer (issue 17 §3) in a browser: a young person says what matters and chooses who
 * to meet by keyboard at 320 px; they rate an introduction (faces, words, carry on?) at 320 px by
 * keyboard alone AND with JavaScript off; the coordinator's pages (volunteers, a volunteer with
 * errors, introductions with the young person's say). Every page and state is checked with axe at
 * 320 and 1280 px (pages seen with JavaScript off through a copy).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { createVolunteer, recordMet } from '../src/modules/profiles/index.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();
const R = `/a/${DEMO_SLUG}`;
const YOUNG_EMAIL = 'maya.young@riverside.example';

type Setup = { areaId: string; youngPersonId: string; sam: string; priya: string; jo: string };
let made: Setup | undefined;

/** A young person (8–11) who signs in with an email address here, and three volunteers (one with no DBS check). */
async function setup(): Promise<Setup> {
  if (made) return made;
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const accountId = await createAccount(db, { email: YOUNG_EMAIL, displayName: 'Maya', password: DEMO_PASSWORD });
  await addMember(db, areaId, accountId, 'young_person', null);
  const youngPersonId = await withArea(db, areaId, async (tx) => (await tx.insertInto('young_person').values({ area_id: areaId, account_id: accountId, age_band: '8_11' }).returning('id').executeTakeFirstOrThrow()).id);
  // The demo's own volunteers (a Sam and a Priya among them) are put away: this test's young person
  // chooses among this test's volunteers only, by name.
  await withArea(db, areaId, (tx) => tx.updateTable('volunteer').set({ active: false }).where('area_id', '=', areaId).execute());
  const today = new Date().toISOString().slice(0, 10);
  const base = { kind: 'volunteer' as const, organisationId: null, availability: 'Saturday mornings', dbsCheckedOn: today, active: true };
  const sam = await createVolunteer(db, areaId, null, { ...base, displayName: 'Sam', about: 'I am Sam. I like football and being outside. I am calm and I listen.', interests: ['football', 'park'], skills: ['makaton'], traits: ['calm', 'funny'] });
  const priya = await createVolunteer(db, areaId, null, { ...base, kind: 'support_worker', displayName: 'Priya', about: 'I love drawing and animals.', interests: ['art', 'animals'], skills: ['bsl'], traits: ['patient'] });
  const jo = await createVolunteer(db, areaId, null, { ...base, displayName: 'Jo NoCheck', about: 'No DBS check yet.', interests: ['football'], skills: ['makaton'], traits: ['calm'], dbsCheckedOn: null });
  made = { areaId, youngPersonId, sam, priya, jo };
  return made;
}

const youngBase = (s: Setup) => `${R}/young/${s.youngPersonId}`;

async function introductionWith(volunteerId: string): Promise<string> {
  const s = await setup();
  return withArea(suite.e2e.db, s.areaId, async (tx) => (await tx.selectFrom('introduction as i').innerJoin('match_request as m', 'm.id', 'i.match_request_id').select('i.id').where('m.young_person_id', '=', s.youngPersonId).where('i.volunteer_id', '=', volunteerId).executeTakeFirstOrThrow()).id);
}

test('a young person says what matters and chooses who to meet at 320 px by keyboard', async () => {
  const s = await setup();
  const page = await suite.pageAs(YOUNG_EMAIL, { viewport: PHONE });
  await page.goto(`${youngBase(s)}/volunteer`);
  assert.match(await page.locator('h1').innerText(), /What matters to you\?/);
  await expectAccessible(page, 'what matters (step 1)');
  await expectNoSidewaysScroll(page, 'what matters (step 1)');

  // Sending nothing: an error, by keyboard.
  await tabTo(page, 'button', 'See people I could meet', 120);
  await pressEnter(page);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose at least one thing that matters to you/);
  await expectAccessible(page, 'what matters with an error');

  // Ticks by keyboard: Space on the card's checkbox.
  await page.goto(`${youngBase(s)}/volunteer/wishes`);
  await tabTo(page, 'input[name="wishes"][value="football"]');
  await page.keyboard.press('Space');
  await tabTo(page, 'input[name="wishes"][value="makaton"]');
  await page.keyboard.press('Space');
  await tabTo(page, 'textarea#words');
  await page.keyboard.type('Someone who likes trains');
  await tabTo(page, 'button', 'See people I could meet');
  await pressEnter(page);
  assert.equal(new URL(page.url()).pathname, `${youngBase(s)}/volunteer`);
  const people = await page.locator('.chorus-volunteers-person h2').allInnerTexts();
  assert.match(people[0]!, /^Sam/, 'the best match first');
  assert.ok(!people.some((p) => p.includes('Jo NoCheck')), 'never someone without a DBS check');
  assert.match(await page.locator('.chorus-volunteers-people').innerText(), /Sam likes football and knows Makaton\./);
  await expectAccessible(page, 'people you could meet (step 2)');
  await expectNoSidewaysScroll(page, 'people you could meet (step 2)');

  // "I want to meet Sam" by keyboard.
  await tabTo(page, 'button', 'I want to meet Sam');
  await pressEnter(page);
  assert.match(await page.locator('#mine').locator('..').innerText(), /You chose to meet Sam\. A grown-up will tell you when you can meet\./);
  await expectAccessible(page, 'after choosing (step 3)');
  // More than one: Priya too.
  await tabTo(page, 'button', 'I want to meet Priya');
  await pressEnter(page);
  assert.equal(await page.locator('.chorus-volunteers-mine__item').count(), 2);
});

/** Chooses the face and the answer with arrow keys, types words, sends: keyboard only. */
async function rateByKeyboard(page: Page, words: string): Promise<void> {
  await tabTo(page, 'input[name="feeling"]');
  for (let n = 0; n < 4; n += 1) await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('input[name="feeling"]:checked').getAttribute('value'), '5');
  await tabTo(page, 'textarea#words');
  await page.keyboard.type(words);
  await tabTo(page, 'input[name="carryOn"]');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('input[name="carryOn"]:checked').getAttribute('value'), 'yes');
  await tabTo(page, 'button', 'Send');
  await pressEnter(page);
}

test('a young person rates an introduction at 320 px with the keyboard only', async () => {
  const s = await setup();
  const intro = await introductionWith(s.sam);
  const page = await suite.pageAs(YOUNG_EMAIL, { viewport: PHONE });
  await page.goto(`${youngBase(s)}/introductions/${intro}`);
  assert.match(await page.locator('main').innerText(), /You have not met Sam yet/);
  await expectAccessible(page, 'not met yet');
  await recordMet(suite.e2e.db, s.areaId, null, intro);

  await page.goto(`${youngBase(s)}/volunteer`);
  await tabTo(page, 'a', 'Tell us how meeting Sam went');
  await pressEnter(page);
  assert.equal(await page.locator('h1').innerText(), 'How did meeting Sam go?');
  await expectAccessible(page, 'how did it go');
  await expectNoSidewaysScroll(page, 'how did it go');
  // Sending nothing: both questions say so, by keyboard.
  await tabTo(page, 'button', 'Send', 120);
  await pressEnter(page);
  const summary = await page.locator('.govuk-error-summary').innerText();
  assert.match(summary, /Choose a face/);
  assert.match(summary, /Choose yes, no or not sure/);
  await expectAccessible(page, 'how did it go, with errors');

  await rateByKeyboard(page, 'We played football');
  assert.match(await page.locator('main').innerText(), /Thank you for telling us/);
  assert.match(await page.locator('main').innerText(), /I want to see Sam again/);
  await expectAccessible(page, 'thank you');
  const row = await withArea(suite.e2e.db, s.areaId, (tx) => tx.selectFrom('introduction').select(['feeling', 'words', 'carry_on', 'said_at']).where('id', '=', intro).executeTakeFirstOrThrow());
  assert.deepEqual([row.feeling, row.words, row.carry_on, row.said_at !== null], [5, 'We played football', 'yes', true]);
});

test('a young person rates an introduction at 320 px with JavaScript off', async () => {
  const s = await setup();
  const intro = await introductionWith(s.priya);
  await recordMet(suite.e2e.db, s.areaId, null, intro);
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await page.goto('/sign-in');
  await page.getByLabel('Email address', { exact: true }).fill(YOUNG_EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await submit(page, 'Sign in');
  const mirror = await suite.pageAs(YOUNG_EMAIL, { viewport: PHONE });

  await page.goto(`${youngBase(s)}/introductions/${intro}`);
  // A tap on the card (its label) chooses it, as on a phone.
  await page.locator('label[for="carryOn-3"]').click();
  await submit(page, 'Send');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose a face/);
  assert.ok(await page.getByLabel('Not sure').isChecked(), 'what was chosen stays');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'rating with an error, JavaScript off');

  await page.locator('label[for="feeling-4"]').click();
  await page.getByLabel('Tell us about meeting Priya (you do not have to)').fill('Priya drew a cat');
  await submit(page, 'Send');
  assert.match(await page.locator('main').innerText(), /Thank you for telling us/);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'thank you, JavaScript off');
  const row = await withArea(suite.e2e.db, s.areaId, (tx) => tx.selectFrom('introduction').select(['feeling', 'words', 'carry_on']).where('id', '=', intro).executeTakeFirstOrThrow());
  assert.deepEqual([row.feeling, row.words, row.carry_on], [4, 'Priya drew a cat', 'not_sure']);
});

test('the coordinator\'s pages: volunteers, a volunteer with errors, introductions with the young person\'s say', async () => {
  const s = await setup();
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(`${R}/volunteers`);
  assert.match(await page.locator('main').innerText(), /Jo NoCheck[\s\S]*No DBS check recorded: never suggested/);
  await expectAccessible(page, 'volunteers');
  await expectNoSidewaysScroll(page, 'volunteers');

  await page.goto(`${R}/volunteers/new`);
  await expectAccessible(page, 'new volunteer');
  await page.getByLabel('Day').fill('31');
  await page.getByLabel('Month').fill('2');
  await page.getByLabel('Year').fill('2026');
  await submit(page, 'Add');
  const errors = await page.locator('.govuk-error-summary').innerText();
  assert.match(errors, /Enter their first name/);
  assert.match(errors, /DBS check date must be a real date/);
  await expectAccessible(page, 'new volunteer with errors');

  await page.goto(`${R}/volunteers/${s.sam}`);
  await expectAccessible(page, 'edit volunteer');

  await page.goto(`${R}/introductions`);
  const text = await page.locator('main').innerText();
  assert.match(text, /Maya chose to meet Sam/);
  assert.match(text, /Very happy/);
  assert.match(text, /Maya has not said yet|Not sure/);
  await expectAccessible(page, 'introductions');
  await expectNoSidewaysScroll(page, 'introductions');
});
