/**
 * The feedback figures dashboard in a real browser: axe (WCAG 2.2 A/AA) at 320 px and 1280 px with
 * data (overdue, unthemed, hidden small numbers) and for an empty area; no sideways scrolling at
 * 320 px; the tables are named by their captions; and a lead reaches it, opens the definitions and
 * follows an overdue activity's link with the keyboard only.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { createArea, findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { insertResponse } from '../src/testing/responses.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, type E2e, expectAccessible, expectNoSidewaysScroll, signedInPage, startE2e } from './support.ts';

let e2e: E2e;
const OVERDUE_TITLE = 'Dashboard check: short breaks review that closed long ago';
const EMPTY_LEAD = 'lead@empty-dashboard.example';
let overdueId: string;

before(async () => {
  e2e = await startE2e();
  const db = e2e.db;
  const area = (await findAreaBySlug(db, DEMO_SLUG))!;
  const closedLongAgo = new Date(Date.now() - 120 * 86_400_000);
  overdueId = (await createActivity(db, area.id, null, testActivity({ title: OVERDUE_TITLE }))).id;
  const unthemedId = (await createActivity(db, area.id, null, testActivity({ title: 'Dashboard check: youth club survey' }))).id;
  await withArea(db, area.id, async (tx) => {
    await tx.updateTable('activity').set({ status: 'closed', closed_at: closedLongAgo }).where('id', '=', overdueId).execute();
    await tx.updateTable('activity').set({ status: 'open' }).where('id', '=', unthemedId).execute();
    await tx
      .insertInto('contribution')
      .values(Array.from({ length: 5 }, (_, i) => ({ area_id: area.id, activity_id: i < 2 ? overdueId : unthemedId, source: 'free_text' as const, original_text: `View ${i}`, redacted_text: `View ${i}` })))
      .execute();
    // "Do you feel listened to?": 12 yes, 9 a bit, 2 no (shown as "fewer than 8").
    for (const [rating, count] of [['yes', 12], ['a_bit', 9], ['no', 2]] as const) {
      for (let i = 0; i < count; i += 1) {
        const response = await insertResponse(tx, area.id, { activityId: overdueId, answers: [] });
        await tx.insertInto('listened_rating').values({ area_id: area.id, response_id: response.id, activity_id: overdueId, rating, updated_at: new Date() }).execute();
      }
    }
  });

  const empty = await createArea(db, { slug: 'empty-dashboard', name: 'Empty Dashboard Partnership', contactEmail: 'hello@empty-dashboard.example' });
  const lead = await createAccount(db, { email: EMPTY_LEAD, displayName: 'Empty Lead', password: DEMO_PASSWORD });
  await addMember(db, empty.id, lead, 'participation_lead', null);
});
after(async () => {
  await e2e?.close();
});

test('the dashboard with data: accessible at 320 and 1280 px, tables named by their captions', async () => {
  const page = await signedInPage(e2e, demoAccount('participation_lead').email);
  const response = await page.goto(`/a/${DEMO_SLUG}/manage/feedback`);
  assert.equal(response?.status(), 200);
  await expectAccessible(page, 'feedback dashboard (data)');
  await expectNoSidewaysScroll(page, 'feedback dashboard (data)');

  const overdue = page.getByRole('table', { name: 'Overdue activities, most overdue first' });
  const row = overdue.getByRole('row', { name: new RegExp(OVERDUE_TITLE) });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /36 days/);
  assert.equal(await row.getByRole('link', { name: `Themes for ${OVERDUE_TITLE}` }).getAttribute('href'), `/a/${DEMO_SLUG}/manage/themes?activity=${overdueId}`);
  assert.equal(await row.getByRole('link', { name: `Views for ${OVERDUE_TITLE}` }).getAttribute('href'), `/a/${DEMO_SLUG}/activities/${overdueId}/contributions`);

  const listened = page.getByRole('table', { name: 'Answers to "Do you feel listened to?"' });
  const listenedRow = listened.getByRole('row', { name: new RegExp(OVERDUE_TITLE) });
  // Which other numbers are hidden beside the small one depends on the whole table (the demo's own
  // answers are in it too): the rules are that 2 never shows and never stands alone.
  const cells = await listenedRow.getByRole('cell').allInnerTexts();
  assert.equal(cells[2], 'fewer than 8', 'two "no" answers never show');
  cells.forEach((cell, i) => assert.ok([String([12, 9, 2][i]), 'hidden', 'fewer than 8'].includes(cell), cell));
  assert.ok(cells.filter((c) => c === 'hidden' || c === 'fewer than 8').length >= 2, 'a hidden number has company in its row');
  assert.match(await listenedRow.getByRole('rowheader').innerText(), /Answers: 23/);
  assert.equal(await page.getByRole('table', { name: 'Views not in a theme, by activity' }).count(), 1);
  assert.equal(await page.getByRole('table', { name: 'Answers by organisation' }).count(), 1);
  assert.equal(await page.getByRole('table', { name: 'What needs doing, by organisation' }).count(), 1);
  assert.match(await row.innerText(), /Run by: The partnership as a whole/);
  await page.context().close();
});

test('the dashboard for an empty area: accessible at 320 and 1280 px, and says there is nothing yet', async () => {
  const page = await signedInPage(e2e, EMPTY_LEAD);
  const response = await page.goto('/a/empty-dashboard/manage/feedback');
  assert.equal(response?.status(), 200);
  await expectAccessible(page, 'feedback dashboard (empty)');
  await expectNoSidewaysScroll(page, 'feedback dashboard (empty)');
  await page.getByText('Nothing is overdue. Every activity past its deadline has a published response.').waitFor({ timeout: 2000 });
  await page.getByText('Nobody has answered yet.').waitFor({ timeout: 2000 });
  assert.equal(await page.getByRole('table', { name: 'Overdue activities, most overdue first' }).count(), 0);
  await page.context().close();
});

type Focused = { tag: string; text: string; href: string | null };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', text: (el?.innerText ?? '').replace(/\s+/g, ' ').trim(), href: el?.getAttribute('href') ?? null };
  });
}

async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, maxTabs = 60): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return;
    stops.push(`${f.tag} "${f.text.slice(0, 40)}"`);
  }
  assert.fail(`Tab never reached ${what}; stops:\n  ${stops.join('\n  ')}`);
}

test('keyboard only: from the manage page to the dashboard, the definitions, and an overdue activity\'s themes', async () => {
  const page = await signedInPage(e2e, demoAccount('participation_lead').email);
  await page.goto(`/a/${DEMO_SLUG}/manage`);
  await tabTo(page, (f) => f.href === `/a/${DEMO_SLUG}/manage/feedback`, 'the feedback figures link');
  await Promise.all([page.waitForURL(`**/a/${DEMO_SLUG}/manage/feedback`), page.keyboard.press('Enter')]);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Are we keeping our promise\?/);

  await tabTo(page, (f) => f.text === 'What these figures mean', 'the definitions');
  await page.keyboard.press('Enter');
  await page.getByText('Time to feedback: the number of whole days', { exact: false }).waitFor({ state: 'visible', timeout: 2000 });

  await tabTo(page, (f) => f.href === `/a/${DEMO_SLUG}/manage/themes?activity=${overdueId}`, 'the overdue activity\'s themes link');
  await Promise.all([page.waitForURL((url) => url.pathname === `/a/${DEMO_SLUG}/manage/themes`), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).searchParams.get('activity'), overdueId);
  await page.context().close();
});
