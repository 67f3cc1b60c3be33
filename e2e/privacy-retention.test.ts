/**
 * The retention schedule page and the privacy notice in a real browser: axe at 320 px and 1280 px in
 * every state (schedule as Chorus' defaults with nothing deleted yet, with errors, saved, with what the
 * job deleted; the notice for an area and for the installation), no sideways scrolling at 320 px,
 * saving by keyboard only, and saving with JavaScript off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { DEMO_SLUG, demoAccount, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, signIn, submit, e2eFile } from './support.ts';

const SCHEDULE = `/a/${DEMO_SLUG}/manage/privacy/retention`;
const suite = e2eFile();

async function adminPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await suite.pageAs(null, options);
  await signIn(page, demoAccount('area_admin').email);
  return page;
}

async function banner(page: Page, text: RegExp): Promise<void> {
  await page.getByRole('alert').filter({ hasText: text }).waitFor({ timeout: 5000 });
}

test('the schedule: defaults with nothing deleted, errors, saved, and what the job deleted all pass axe and reflow at 320 px', async () => {
  const page = await adminPage();
  await page.goto(SCHEDULE);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Retention schedule');
  assert.ok(await page.getByRole('table', { name: 'How long each kind of information is kept' }).isVisible());
  assert.equal(await page.getByLabel('Sign-ups for activities').inputValue(), '6');
  assert.ok(await page.getByText('Nothing has been deleted yet.').isVisible());
  await expectAccessible(page, 'schedule empty');
  await expectNoSidewaysScroll(page, 'schedule empty');

  // Errors: a missing period and one over its limit; what was typed stays.
  await page.getByLabel('Sign-ups for activities').fill('');
  await page.getByLabel('Audit log').fill('9');
  const failed = await submit(page, 'Save retention periods');
  assert.equal(failed.status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#signups', '#audit_log']);
  assert.equal(await page.getByLabel('Audit log').inputValue(), '9');
  await expectAccessible(page, 'schedule error');
  await expectNoSidewaysScroll(page, 'schedule error');

  // Saved.
  await page.getByLabel('Sign-ups for activities').fill('3');
  await page.getByLabel('Audit log').fill('7');
  assert.equal((await submit(page, 'Save retention periods')).status(), 303);
  await banner(page, /Retention periods saved/);
  assert.ok(await page.getByText('3 months after the activity').isVisible());
  await expectAccessible(page, 'schedule saved');

  // What the job deleted: as the job records it (counts only).
  const area = await suite.e2e.db.selectFrom('area').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow();
  await withArea(suite.e2e.db, area.id, (tx) =>
    tx
      .insertInto('retention_run')
      .values([
        { area_id: area.id, kind: 'signups', cutoff: new Date('2026-06-01T03:45:00Z'), removed: 12 },
        { area_id: area.id, kind: 'original_text', cutoff: new Date('2024-12-01T03:45:00Z'), removed: 250 },
        { area_id: area.id, kind: 'safeguarding', cutoff: new Date('2020-12-01T03:45:00Z'), removed: 1 },
      ])
      .execute(),
  );
  await page.goto(SCHEDULE);
  assert.ok(await page.getByRole('table', { name: 'What has been deleted' }).isVisible());
  assert.ok(await page.getByText('Older than 1 June 2026').isVisible());
  await expectAccessible(page, 'schedule with runs');
  await expectNoSidewaysScroll(page, 'schedule with runs');
});

test('the privacy notice, for an area and for the installation, passes axe and reflows at 320 px', async () => {
  const page = await suite.pageAs(null);
  for (const path of [`/a/${DEMO_SLUG}/privacy`, '/privacy', `/a/${DEMO_SLUG}/privacy?lang=cy`]) {
    await page.goto(path);
    assert.ok(await page.getByRole('heading', { level: 2, name: /How long we keep your information|Am ba hyd rydyn ni’?'?n cadw eich gwybodaeth/ }).isVisible(), path);
    await expectAccessible(page, `privacy notice ${path}`);
    await expectNoSidewaysScroll(page, `privacy notice ${path}`);
  }
});

test('saving by keyboard only: Tab to the field, type, Tab to Save and press Enter', async () => {
  const page = await adminPage();
  await page.goto(SCHEDULE);
  const focused = () => page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '' }));
  let reached = false;
  for (let i = 0; i < 80 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = (await focused()).id === 'unsent_responses';
  }
  assert.ok(reached, 'Tab reaches the field');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('120');
  for (let i = 0; i < 20 && (await focused()).text !== 'Save retention periods'; i += 1) await page.keyboard.press('Tab');
  assert.equal((await focused()).text, 'Save retention periods');
  await Promise.all([page.waitForURL((url) => url.pathname === SCHEDULE), page.keyboard.press('Enter')]);
  await banner(page, /Retention periods saved/);
  assert.equal(await page.getByLabel('Answers never sent').inputValue(), '120');
  assert.ok(await page.getByText('120 days after the last change').isVisible());
});

test('saving with JavaScript off: the form posts and the page shows the new period', async () => {
  const page = await adminPage({ javaScriptEnabled: false });
  await page.goto(SCHEDULE);
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');
  await page.getByLabel('Sign-in records').fill('14');
  const response = await submit(page, 'Save retention periods');
  assert.equal(response.status(), 303);
  assert.ok(await page.getByText('Retention periods saved.').isVisible());
  assert.equal(await page.getByLabel('Sign-in records').inputValue(), '14');
  assert.ok(await page.getByText('14 days after last use').isVisible());
});
