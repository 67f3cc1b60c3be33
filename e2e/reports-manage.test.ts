/**
 * Making, writing, approving and publishing a report in a browser (issue 14 §2): axe (WCAG 2.2 A/AA)
 * at 320 px and 1280 px on the list, the new report form (empty and with errors), the report page as a
 * draft, under review and published, the part page (normal, with an error, after someone else saved),
 * adding a part, sending back, the history and the writer's own list; a report made and a part written
 * with the keyboard only; and the same with JavaScript off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { translator } from '../src/lib/messages/messages.ts';
import { approveReport, createReport, getReport, writePart } from '../src/modules/reports/reports.service.ts';
import { REPORT_SECTIONS } from '../src/report-sections.ts';
import { DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, submit } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const suite = e2eFile();
const tr = translator('en');
const lead = demoAccount('participation_lead').email;

async function areaAndLead(): Promise<{ areaId: string; leadId: string; decisionMakerId: string }> {
  const db = suite.e2e.db;
  const area = (await findAreaBySlug(db, DEMO_SLUG))!;
  const id = async (email: string) => (await db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  return { areaId: area.id, leadId: await id(lead), decisionMakerId: await id(demoAccount('decision_maker').email) };
}

/** A draft board report made through the service (the form has its own test below). */
async function draftReport(title: string): Promise<string> {
  const { areaId, leadId } = await areaAndLead();
  return createReport(suite.e2e.db, REPORT_SECTIONS, areaId, leadId, { kind: 'board', title, audienceBoardId: null, audienceText: 'SEND Partnership Board', authors: 'The participation team', scope: { kind: 'area' }, from: '2025-12-01', to: '2026-11-30' }, tr);
}

const tabUntil = async (page: Page, done: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 250; i += 1) {
    await page.keyboard.press('Tab');
    if (await done()) return;
  }
  assert.fail(`Tab never reached ${what}`);
};
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
const pressToPost = async (page: Page, key: string) => {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()), page.keyboard.press(key)]);
  await page.waitForLoadState('load');
  return response;
};

test('the list, the new report form (empty and with errors) and the report page as a draft, under review and published', async () => {
  const page = await suite.pageAs(lead);
  await page.goto(`${A}/manage`);
  await page.getByRole('link', { name: 'Reports to the board' }).click();
  assert.equal(await pageHeading(page), 'Reports');
  assert.ok(await page.getByRole('link', { name: /Annual report to the SEND Partnership Board/ }).isVisible(), 'the demo\'s published report is listed');
  await expectAccessible(page, 'reports list');

  await page.getByRole('button', { name: 'Make a report' }).click();
  assert.equal(await pageHeading(page), 'Make a report');
  await expectAccessible(page, 'new report');
  await page.getByLabel('Other dates').check();
  // The dates show once "Other dates" is chosen (CSS, no script needed).
  await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('31');
  await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('2');
  await page.getByRole('group', { name: 'From' }).getByLabel('Year').fill('2026');
  await page.getByLabel('Written by').fill('');
  assert.equal((await submit(page, 'Make the report')).status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#kind', '#from-day', '#to-day', '#audience', '#authors']);
  assert.equal(await page.getByRole('group', { name: 'From' }).getByLabel('Day').inputValue(), '31');
  await expectAccessible(page, 'new report, errors');
  await expectNoSidewaysScroll(page, 'new report, errors');

  const id = await draftReport('Board report (browser test)');
  await page.goto(`${A}/manage/reports/${id}`);
  assert.equal(await pageHeading(page), 'Board report (browser test)');
  await expectAccessible(page, 'report, draft');
  await expectNoSidewaysScroll(page, 'report, draft');
  await submit(page, 'Send for review');
  assert.ok(await page.getByRole('alert').filter({ hasText: 'Sent for review' }).isVisible());
  await expectAccessible(page, 'report, under review');

  const approver = await suite.pageAs(demoAccount('decision_maker').email);
  await approver.goto(`${A}/manage/reports/${id}/send-back`);
  assert.equal(await pageHeading(approver), 'Send it back to draft');
  await submit(approver, 'Send it back');
  assert.deepEqual(await errorSummaryLinks(approver), ['#reason']);
  await expectAccessible(approver, 'send back, errors');
  await approver.goto(`${A}/manage/reports/${id}`);
  await submit(approver, 'Approve this report');
  await expectAccessible(approver, 'report, approved (decision maker)');

  await page.reload();
  await submit(page, 'Publish this report');
  assert.ok(await page.getByRole('alert').filter({ hasText: 'Published. Its figures are frozen' }).isVisible());
  await expectAccessible(page, 'report, published');
  await page.getByRole('link', { name: 'History: who did what, and when' }).click();
  assert.equal(await pageHeading(page), 'History');
  await expectAccessible(page, 'report history');
  await page.goto(`${A}/manage/reports/${id}/preview`);
  assert.equal(await pageHeading(page), 'Board report (browser test)');
  await expectAccessible(page, 'report preview (published)');
});

test('the part page: normal, with an error, and after someone else saved; adding a part; the writer\'s own list', async () => {
  const { areaId, leadId } = await areaAndLead();
  const id = await draftReport('Parts (browser test)');
  const view = await getReport(suite.e2e.db, REPORT_SECTIONS, areaId, id, tr);
  const section = view.parts.find((p) => p.kind === 'section') ?? view.parts[0]!;
  const page = await suite.pageAs(lead);
  await page.goto(`${A}/manage/reports/${id}/parts/${section.id}`);
  assert.match(await pageHeading(page), /^Write: /);
  await expectAccessible(page, 'part');
  await expectNoSidewaysScroll(page, 'part');

  await page.getByLabel('Commentary').fill('x'.repeat(10_001));
  assert.equal((await submit(page, 'Save')).status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#commentary']);
  await expectAccessible(page, 'part, error');

  await page.getByLabel('Commentary').fill('My words, typed while someone else saved.');
  const actor = { accountId: leadId, email: lead, displayName: 'Lead', isOperator: false, rolesByArea: new Map([[areaId, ['participation_lead' as const]]]) };
  await writePart(suite.e2e.db, REPORT_SECTIONS, areaId, actor, id, section.id, 'Saved first by someone else.', section.version, tr);
  assert.equal((await submit(page, 'Save')).status(), 409);
  assert.ok(await page.getByText('Saved first by someone else.').isVisible());
  assert.equal(await page.getByLabel('What you typed (not saved yet)').inputValue(), 'My words, typed while someone else saved.');
  await expectAccessible(page, 'part, conflict');

  await page.goto(`${A}/manage/reports/${id}/parts/new`);
  assert.equal(await pageHeading(page), 'Add a written part');
  await expectAccessible(page, 'add a part');
  await page.getByLabel('Heading').fill('What the Young Inspectors found');
  await page.getByLabel('Which forum is it credited to?').selectOption({ label: 'Young Inspectors' });
  await page.getByLabel('Who in the area writes it?').selectOption({ label: 'Lou Davies' });
  assert.equal((await submit(page, 'Add the part')).status(), 303);
  assert.ok(await page.getByRole('link', { name: 'What the Young Inspectors found', exact: true }).isVisible());

  const parent = await suite.pageAs(demoAccount('parent_carer').email);
  await parent.goto(`${A}/your-page`);
  await parent.getByRole('link', { name: 'Write your parts' }).click();
  assert.equal(await pageHeading(parent), 'Reports you are helping to write');
  await expectAccessible(parent, 'the writer\'s own list');
  await parent.getByRole('link', { name: 'What the Young Inspectors found' }).first().click();
  assert.equal(await pageHeading(parent), 'Write: What the Young Inspectors found');
  await expectAccessible(parent, 'a written part, by its writer');
});

test('a report made and a part written with the keyboard only', async () => {
  const page = await suite.pageAs(lead);
  await page.goto(`${A}/manage/reports/new`);
  await tabUntil(page, async () => (await focusedId(page)) === 'kind', 'the first kind, "Board report"');
  await page.keyboard.press('Space');
  await tabUntil(page, async () => (await focusedId(page)) === 'period', 'the first period');
  await page.keyboard.press('Space');
  await tabUntil(page, async () => (await focusedId(page)) === 'title', 'the title');
  await page.keyboard.type('Keyboard report');
  await tabUntil(page, async () => (await focusedId(page)) === 'audience', 'who it is for');
  await page.keyboard.press('ArrowDown');
  await tabUntil(page, async () => (await focusedId(page)) === 'scope', 'the first scope');
  await page.keyboard.press('Space');
  await tabUntil(page, async () => (await focusedText(page)) === 'Make the report', 'the button');
  assert.equal((await pressToPost(page, 'Enter')).status(), 303);
  assert.equal(await pageHeading(page), 'Keyboard report');

  await tabUntil(page, async () => (await focusedText(page)) === 'What parent carers say', 'the parent carers\' part');
  await Promise.all([page.waitForURL(/\/parts\//), page.keyboard.press('Enter')]);
  await tabUntil(page, async () => (await focusedId(page)) === 'commentary', 'the commentary');
  await page.keyboard.type('Written with the keyboard.');
  await tabUntil(page, async () => (await focusedText(page)) === 'Save', 'Save');
  const [saved] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.waitForURL((u) => !u.pathname.includes('/parts/')), page.keyboard.press('Enter')]);
  assert.equal(saved.status(), 303);
  await page.getByRole('alert').filter({ hasText: 'Your words are saved' }).waitFor({ timeout: 5000 });
  assert.ok(await page.getByText('Written with the keyboard.').isVisible());
});

test('with JavaScript off: a report made, a part written, and the pages accessible as they are', async () => {
  const page = await suite.pageAs(lead, { javaScriptEnabled: false });
  const mirror = await suite.pageAs(lead);
  await page.goto(`${A}/manage/reports/new`);
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');
  await page.getByLabel('Local account summary').check();
  await page.getByLabel('Other dates').check();
  const from = page.getByRole('group', { name: 'From' });
  await from.getByLabel('Day').fill('1');
  await from.getByLabel('Month').fill('4');
  await from.getByLabel('Year').fill('2026');
  const to = page.getByRole('group', { name: 'To' });
  await to.getByLabel('Day').fill('30');
  await to.getByLabel('Month').fill('9');
  await to.getByLabel('Year').fill('2026');
  await page.getByLabel('Who it is for').selectOption({ label: 'SEND Partnership Board' });
  await page.getByLabel('One member organisation').check();
  // Chosen, then not chosen: the organisation is asked for.
  assert.equal((await submit(page, 'Make the report')).status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#organisationId']);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'new report, errors, JavaScript off');
  await page.getByLabel('Which organisation?').selectOption({ label: 'Riverside NHS Trust' });
  assert.equal((await submit(page, 'Make the report')).status(), 303);
  assert.equal(await pageHeading(page), 'Local account: April 2026 to September 2026');
  assert.ok(await page.getByText('Riverside NHS Trust').first().isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'report, JavaScript off');

  await page.locator('.chorus-report-parts__heading a').first().click();
  await page.getByLabel('Commentary').fill('Written without JavaScript.\n\nA second paragraph.');
  assert.equal((await submit(page, 'Save')).status(), 303);
  // The move buttons name their part for a screen reader ("Move down What we did").
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()), page.getByRole('button', { name: /^Move down/ }).first().click()]);
  await page.waitForLoadState('load');
  assert.ok(await page.getByRole('alert').filter({ hasText: 'Part moved' }).isVisible());
  await submit(page, 'Send for review');
  const { areaId, decisionMakerId } = await areaAndLead();
  const id = page.url().split('/').pop()!;
  await approveReport(suite.e2e.db, areaId, decisionMakerId, id);
  await page.reload();
  await submit(page, 'Publish this report');
  assert.ok(await page.getByRole('alert').filter({ hasText: 'Published' }).isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'published report, JavaScript off');
  // Nothing published changes: the part page says so.
  const part = (await getReport(suite.e2e.db, REPORT_SECTIONS, areaId, id, tr)).parts[0]!;
  await page.goto(`${A}/manage/reports/${id}/parts/${part.id}`);
  assert.equal(await pageHeading(page), 'This report is published and cannot be changed');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'locked page, JavaScript off');
});

test('changing the details (normal, and after someone else saved), who writes a part, and deleting a draft', async () => {
  const { areaId, leadId } = await areaAndLead();
  const id = await draftReport('Details (browser test)');
  const page = await suite.pageAs(lead);
  await page.goto(`${A}/manage/reports/${id}/details`);
  assert.equal(await pageHeading(page), 'Change the report\'s details');
  await expectAccessible(page, 'details');
  await page.getByLabel('Title').fill('My title');
  // Someone else saves first.
  const { saveDetails, getReport: current } = await import('../src/modules/reports/reports.service.ts');
  const before = await current(suite.e2e.db, REPORT_SECTIONS, areaId, id, tr);
  await saveDetails(suite.e2e.db, REPORT_SECTIONS, areaId, leadId, id, { title: 'Their title', audienceBoardId: null, audienceText: 'SEND Partnership Board', authors: 'The participation team', scope: { kind: 'area' }, from: before.report.from, to: before.report.to }, before.report.version, tr);
  const saved = await submit(page, 'Save the details');
  assert.equal(saved.status(), 409, (await errorSummaryLinks(page)).join(', '));
  assert.ok(await page.getByRole('table', { name: 'What is saved now, and what you typed' }).getByText('Their title').isVisible());
  assert.equal(await page.getByLabel('Title').inputValue(), 'My title');
  await expectAccessible(page, 'details, conflict');

  const part = before.parts.find((p) => p.kind === 'written')!;
  await page.goto(`${A}/manage/reports/${id}/parts/${part.id}/writer`);
  assert.match(await pageHeading(page), /^Who writes /);
  await expectAccessible(page, 'who writes a part');

  await page.goto(`${A}/manage/reports/${id}/delete`);
  assert.equal(await pageHeading(page), 'Delete this report?');
  await expectAccessible(page, 'delete a draft');
  await submit(page, 'Delete the report');
  assert.equal(await pageHeading(page), 'Reports');
});
