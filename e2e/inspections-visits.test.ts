/**
 * Young inspectors on a phone (issue 16 §2), in a browser: an inspector rates and writes at 320 px
 * by keyboard; a lost connection mid-visit loses nothing typed (offline: "Not saved yet", a reload
 * with no signal brings the words back, back online they are saved); with JavaScript off each
 * criterion saves with its own button; the staff pages (programmes, the programme, its checklist,
 * planning a visit, the visit with its planning checks, photos). Every page and state is checked
 * with axe at 320 and 1280 px (pages seen with JavaScript off through a copy).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { agreeCriterion, createProgramme, planVisit, proposeCriterion } from '../src/modules/inspections/index.ts';
import { memberCodeHash, newMemberCode, parseMemberCode } from '../src/modules/panels/index.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();
const R = `/a/${DEMO_SLUG}`;

type Setup = { programmeId: string; visitId: string; memberId: string; code: string; criteria: string[]; areaId: string; activityId: string };
let made: Setup | undefined;

/** A programme on the demo's first activity with three agreed criteria, a ready inspector and a planned visit. */
async function setup(): Promise<Setup> {
  if (made) return made;
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const activityId = await withArea(db, areaId, async (tx) => (await tx.selectFrom('activity').select('id').where('type', '!=', 'survey').orderBy('created_at').executeTakeFirstOrThrow()).id);
  const programmeId = await createProgramme(db, null, areaId, activityId, {
    title: 'Inclusive physical activity at holiday clubs',
    focus: 'Can every child join in the games?',
    ratingWords: { 1: 'Not good. Lots needs to change.', 2: 'Needs work.', 3: 'OK.', 4: 'Good.', 5: 'Brilliant!' },
    reinspectAtOrBelow: 3,
    reinspectAfterDays: 90,
    standardAtOrAbove: 4,
  });
  const panelId = await withArea(db, areaId, async (tx) => (await tx.selectFrom('inspection_programme').select('panel_id').where('id', '=', programmeId).executeTakeFirstOrThrow()).panel_id);
  const now = new Date();
  const code = newMemberCode();
  const memberId = await withArea(db, areaId, async (tx) =>
    (await tx.insertInto('panel_member').values({ area_id: areaId, panel_id: panelId, member_kind: 'young_person', display_name: 'Amara', age_band: '12_15', code_hash: memberCodeHash(parseMemberCode(code)!), training_done_at: now, consent_at: now, parental_consent_at: now, conflict: 'none', conflict_declared_at: now, rules_agreed_at: now }).returning('id').executeTakeFirstOrThrow()).id,
  );
  const criteria: string[] = [];
  for (const [title, symbol, good] of [['Easy to get in', '267F', 'A ramp and wide doors'], ['Games everyone can play', '26BD', 'Staff change the rules so everyone joins in'], ['A quiet place', '1F92B', 'Somewhere calm to take a break']] as const) {
    const { id } = await proposeCriterion(db, areaId, programmeId, { memberId, actorId: null }, { title, goodLooksLike: good, symbol });
    await agreeCriterion(db, areaId, programmeId, id, 'agreed');
    criteria.push(id);
  }
  const provider = await withArea(db, areaId, async (tx) => (await tx.insertInto('inspection_provider').values({ area_id: areaId, name: 'Meadow Lane Holiday Club', venue: 'Meadow Lane Sports Hall', contact_email: 'hello@meadowlane.example' }).returning('id').executeTakeFirstOrThrow()).id);
  const visitId = await planVisit(db, null, areaId, programmeId, { providerId: provider, startsAt: new Date(Date.now() + 21 * 86_400_000), venueAccess: ['step_free'] });
  made = { programmeId, visitId, memberId, code, criteria, areaId, activityId };
  return made;
}

/**
 * A browser context signed in as the young inspector, as they would: typing the code on their card
 * on the members' sign-in page (whose cookie must then reach the inspection pages too).
 */
async function inspectorContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const s = await setup();
  const context = await suite.e2e.newContext({ viewport: PHONE, ...options });
  const page = await context.newPage();
  await page.goto(`${R}/panels/sign-in`);
  await page.getByLabel('Type your code').fill(s.code.toLowerCase());
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
  assert.equal(new URL(page.url()).pathname, `${R}/panels/mine`);
  await page.close();
  return context;
}

const ratingRow = async (criterionId: string) => {
  const s = await setup();
  return withArea(suite.e2e.db, s.areaId, (tx) => tx.selectFrom('inspection_rating').select(['rating', 'note']).where('visit_id', '=', s.visitId).where('criterion_id', '=', criterionId).where('member_id', '=', s.memberId).executeTakeFirst());
};

const statusOf = (page: Page, criterionId: string) => page.locator(`#criterion-${criterionId} [data-inspect-status]`);

test('an inspector rates and writes on a phone at 320 px by keyboard, saved as they go', async () => {
  const s = await setup();
  const context = await inspectorContext();
  const page = await context.newPage();
  await page.goto(`${R}/inspections/${s.programmeId}/me`);
  await expectAccessible(page, 'inspector: my inspections');
  await expectNoSidewaysScroll(page, 'my inspections');
  await tabTo(page, 'a', 'Rate this place');
  await pressEnter(page);
  assert.match(page.url(), /\/inspect$/);
  await expectAccessible(page, 'inspector: rate this place');
  await expectNoSidewaysScroll(page, 'rate this place');
  // The first star card for the first criterion, then the arrow keys choose 4 stars.
  await tabTo(page, `#rating-${s.criteria[0]}`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, `#note-${s.criteria[0]}`);
  await page.keyboard.type('The ramp is steep but there is a rail.');
  await statusOf(page, s.criteria[0]!).filter({ hasText: /^Saved$/ }).waitFor();
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('chorus-inspect:')).length === 0);
  assert.deepEqual(await ratingRow(s.criteria[0]!), { rating: 4, note: 'The ramp is steep but there is a rail.' });
  await expectAccessible(page, 'inspector: saved');
  await context.close();
});

test('a lost connection mid-visit loses nothing typed: offline, reload with no signal, back online and saved', async () => {
  const s = await setup();
  const context = await inspectorContext();
  const page = await context.newPage();
  const url = `${R}/inspections/${s.programmeId}/visits/${s.visitId}/inspect`;
  await page.goto(url);
  // The page is kept for no signal once its small service worker is looking after it.
  await page.waitForFunction(async () => navigator.serviceWorker.controller?.state === 'activated' && Boolean(await (await caches.open('chorus-inspect-v1')).match(location.pathname)));
  await context.setOffline(true);
  const words = 'There was no quiet room, only a cupboard.';
  await page.locator(`label[for="rating-${s.criteria[2]}-2"]`).click();
  await page.locator(`#note-${s.criteria[2]}`).fill(words);
  await statusOf(page, s.criteria[2]!).filter({ hasText: 'Not saved yet: we will keep trying when you are back online' }).waitFor();
  await expectAccessible(page, 'inspector: offline, not saved yet');
  assert.equal(await ratingRow(s.criteria[2]!), undefined, 'nothing reached the server');
  await page.reload();
  assert.equal(await page.locator(`#note-${s.criteria[2]}`).inputValue(), words, 'the words are back after a reload with no signal');
  assert.ok(await page.locator(`#rating-${s.criteria[2]}-2`).isChecked());
  await statusOf(page, s.criteria[2]!).filter({ hasText: 'Not saved yet' }).waitFor();
  await context.setOffline(false);
  await statusOf(page, s.criteria[2]!).filter({ hasText: /^Saved$/ }).waitFor();
  assert.deepEqual(await ratingRow(s.criteria[2]!), { rating: 2, note: words });
  await context.close();
});

test('a server that could not answer is tried again by itself, with no "back online" from the phone', async () => {
  const s = await setup();
  const context = await inspectorContext();
  const page = await context.newPage();
  await page.goto(`${R}/inspections/${s.programmeId}/visits/${s.visitId}/inspect`);
  // The first save meets a server that cannot answer (as a phone on a weak signal or a busy
  // server would); the phone still says it is online, so only the script's own retry can save it.
  let refused = 0;
  await page.route('**/inspect', async (route) => {
    if (route.request().method() === 'POST' && refused === 0) {
      refused += 1;
      await route.fulfill({ status: 503, body: 'busy' });
    } else {
      await route.continue();
    }
  });
  await page.locator(`label[for="rating-${s.criteria[1]}-3"]`).click();
  await statusOf(page, s.criteria[1]!).filter({ hasText: 'Not saved yet' }).waitFor();
  assert.equal(refused, 1);
  assert.equal(await ratingRow(s.criteria[1]!), undefined, 'the refused save did not reach the server');
  await statusOf(page, s.criteria[1]!).filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });
  assert.equal((await ratingRow(s.criteria[1]!))?.rating, 3);
  await context.close();
});

test('with JavaScript off each criterion saves with its own button and the page comes back to it', async () => {
  const s = await setup();
  const context = await inspectorContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const mirror = await (await suite.e2e.newContext({ viewport: PHONE })).newPage();
  await page.goto(`${R}/inspections/${s.programmeId}/visits/${s.visitId}/inspect`);
  await page.locator(`label[for="rating-${s.criteria[1]}-5"]`).click();
  await page.locator(`#note-${s.criteria[1]}`).fill('Everyone played football, even in a wheelchair.');
  await page.locator(`#criterion-${s.criteria[1]} button[type="submit"]`).click();
  await page.waitForLoadState('load');
  assert.ok(page.url().endsWith(`#criterion-${s.criteria[1]}`), page.url());
  assert.equal(await statusOf(page, s.criteria[1]!).innerText(), 'Saved');
  assert.deepEqual(await ratingRow(s.criteria[1]!), { rating: 5, note: 'Everyone played football, even in a wheelchair.' });
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'inspector, no JavaScript: saved');
  // A note that is too long keeps what was typed and says why.
  await page.locator(`#note-${s.criteria[0]}`).fill('x'.repeat(3001));
  await page.locator(`#criterion-${s.criteria[0]} button[type="submit"]`).click();
  await page.waitForLoadState('load');
  assert.ok(await page.getByText('Use 3,000 characters or fewer').first().isVisible());
  assert.equal((await page.locator(`#note-${s.criteria[0]}`).inputValue()).length, 3001);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'inspector, no JavaScript: error');
  // The checklist: propose an idea with a symbol, without JavaScript.
  await page.goto(`${R}/inspections/${s.programmeId}/criteria`);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'inspector: our checklist');
  await page.getByLabel('What should we check?').fill('Changing rooms');
  await page.getByLabel('Find a picture').fill('door');
  await submit(page, 'Find pictures');
  assert.equal(await page.getByLabel('What should we check?').inputValue(), 'Changing rooms');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'inspector: symbols found');
  await page.locator('label[for="symbol-1"]').click();
  await submit(page, 'Send my idea');
  assert.ok(await page.getByText('Thank you. Your idea is on the list.').isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'inspector: idea sent');
  // Photos: the page says never of people.
  await page.goto(`${R}/inspections/${s.programmeId}/visits/${s.visitId}/photos`);
  assert.ok(await page.getByText('Never take photos of people.').isVisible());
  await submit(page, 'Add the photo');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'photos: errors');
  await context.close();
  await mirror.context().close();
});

test('staff pages: programmes, the programme, its checklist, planning a visit and the visit with its planning checks', async () => {
  const s = await setup();
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  await lead.goto(`${R}/activities/${s.activityId}`);
  await lead.getByRole('link', { name: 'Young inspectors', exact: true }).click();
  await expectAccessible(lead, 'programmes of an activity');
  await submit(lead, 'Start the programme');
  await expectAccessible(lead, 'new programme: errors');
  await lead.goto(`${R}/inspections/${s.programmeId}`);
  await expectAccessible(lead, 'programme page');
  await lead.goto(`${R}/inspections/${s.programmeId}/edit`);
  await expectAccessible(lead, 'edit programme');
  await lead.goto(`${R}/inspections/${s.programmeId}/criteria`);
  await expectAccessible(lead, 'checklist, staff');
  await lead.goto(`${R}/inspections/${s.programmeId}/visits/new`);
  await expectAccessible(lead, 'plan a visit');
  await submit(lead, 'Plan the visit');
  await expectAccessible(lead, 'plan a visit: errors');
  await lead.goto(`${R}/inspections/${s.programmeId}/visits/${s.visitId}`);
  assert.ok(await lead.getByRole('heading', { name: 'Planning checks' }).isVisible());
  await expectAccessible(lead, 'the visit');
  await lead.goto(`${R}/inspections/${s.programmeId}/visits/${s.visitId}/photos`);
  await expectAccessible(lead, 'photos, staff');
});
