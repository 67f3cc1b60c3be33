/**
 * A report as people read it (issue 14 §3), in a browser: the public list, a published report's page
 * and its easy-read version, and the staff easy-read preview of a draft. axe at 320 and 1280 px on
 * each; the report page with JavaScript off; at 320 px the page itself never scrolls sideways (a
 * wide table scrolls in its own region); printing hides the site's header, menus, footer and links
 * and keeps the report; a keyboard user skims the report through its contents list.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { approveReport, createReport, getReport, publishReport, submitForReview, writePart } from '../src/modules/reports/reports.service.ts';
import { translator } from '../src/lib/messages/messages.ts';
import { REPORT_SECTIONS } from '../src/report-sections.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, mirrorWithoutScripts, pageHeading } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const suite = e2eFile();
const lead = demoAccount('participation_lead').email;
const tr = translator('en');
const TITLE = 'Annual report to the SEND Partnership Board (browser test)';

let made: { published: string; draft: string } | undefined;
/** A published board report with the parent carer forum's words, and a draft; made once per file. */
async function reports(): Promise<{ published: string; draft: string }> {
  if (made) return made;
  const db = suite.e2e.db;
  const area = (await findAreaBySlug(db, DEMO_SLUG))!;
  const admin = await db.selectFrom('account').select('id').where('email', '=', demoAccount('area_admin').email).executeTakeFirstOrThrow();
  const actor = { accountId: admin.id, email: demoAccount('area_admin').email, displayName: 'Admin', isOperator: false, rolesByArea: new Map([[area.id, ['area_admin' as const]]]) };
  const make = async (title: string, publish: boolean) => {
    const id = await createReport(db, REPORT_SECTIONS, area.id, admin.id, {
      kind: 'board', title, audienceBoardId: null, audienceText: 'SEND Partnership Board', authors: 'Riverside Parent Carer Forum and the participation team',
      scope: { kind: 'area' }, from: '2025-09-01', to: '2026-12-31',
    }, tr);
    const view = await getReport(db, REPORT_SECTIONS, area.id, id, tr);
    const forumPart = view.parts.find((p) => p.kind === 'written')!;
    await writePart(db, REPORT_SECTIONS, area.id, actor, id, forumPart.id, 'The council listened to us more this year.\n\nLetters still come late.', forumPart.version, tr);
    if (publish) {
      await submitForReview(db, area.id, admin.id, id);
      await approveReport(db, area.id, admin.id, id);
      await publishReport(db, REPORT_SECTIONS, area.id, admin.id, id, tr, 'en');
    }
    return id;
  };
  made = { published: await make(TITLE, true), draft: await make('Six-month draft (browser test)', false) };
  return made;
}

/** At 320 px the page itself does not scroll sideways (WCAG 1.4.10); tables may scroll in their own region. */
async function expectPageFitsPhone(page: Page, label: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  const { page: width, regions } = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    regions: [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .filter((el) => !el.closest('.chorus-report__table-wrap'))
      .map((el) => el.tagName.toLowerCase()),
  }));
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(width <= 320, `${label}: ${width} px wide at 320 px`);
  assert.deepEqual(regions, [], `${label}: only tables, inside their own scrolling region, may be wider than a phone`);
}

test('the public list, a published report and its easy-read version: accessible at 320 and 1280 px, and with JavaScript off', async () => {
  const { published } = await reports();
  const page = await suite.pageAs(null);
  await page.goto(A);
  await page.getByRole('link', { name: 'Reports to the board' }).click();
  assert.equal(await pageHeading(page), 'Reports');
  await expectAccessible(page, 'public reports list');
  await page.getByRole('link', { name: TITLE, exact: true }).click();
  assert.equal(new URL(page.url()).pathname, `${A}/reports/${published}`);
  assert.equal(await pageHeading(page), TITLE);
  assert.ok(await page.getByText(/Published on .*; they will not change\./).isVisible());
  assert.ok(await page.getByRole('img', { name: 'Activities held by kind' }).count(), 'a chart is an image named by its title');
  await expectAccessible(page, 'published report');
  await expectPageFitsPhone(page, 'published report');
  const noJs = await suite.pageAs(null, { javaScriptEnabled: false });
  await noJs.goto(`${A}/reports/${published}`);
  await expectAccessible(await mirrorWithoutScripts(noJs, await suite.pageAs(null)), 'published report (JavaScript off)');

  await page.getByRole('link', { name: 'Easy read version' }).click();
  assert.equal(await pageHeading(page), TITLE);
  assert.ok(await page.getByText('This is a short version of a report.').isVisible());
  assert.ok(await page.getByText('The council listened to us more this year.').isVisible());
  await expectAccessible(page, 'easy-read report');
  await expectPageFitsPhone(page, 'easy-read report');
});

test('staff preview the easy-read version of a draft', async () => {
  const { draft } = await reports();
  const page = await suite.pageAs(lead);
  await page.goto(`${A}/manage/reports/${draft}/easy-read`);
  assert.equal(await pageHeading(page), 'Six-month draft (browser test)');
  assert.ok(await page.getByText('This report is not finished yet. The numbers may change.').isVisible());
  await expectAccessible(page, 'staff easy-read preview (draft)');
  // A draft is not public.
  const anyone = await suite.pageAs(null);
  const response = await anyone.goto(`${A}/reports/${draft}`);
  assert.equal(response?.status(), 404);
});

test('printed, the report is the report: no site header, menu, footer, back link or downloads; a page per question; links as words', async () => {
  const { published } = await reports();
  const page = await suite.pageAs(null);
  await page.goto(`${A}/reports/${published}`);
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['header.govuk-template__header', '.govuk-footer', '.govuk-back-link', '.chorus-language', '.chorus-report__links']) {
    assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is not printed`);
  }
  assert.ok(await page.getByRole('heading', { level: 1, name: TITLE }).isVisible());
  assert.ok(await page.getByRole('navigation', { name: 'Contents' }).isVisible(), 'the contents list is printed');
  const styles = await page.evaluate(() => {
    const part = document.querySelector('.chorus-report__part')!;
    const link = document.querySelector('.chorus-report__contents a')!;
    const body = getComputedStyle(document.body).color;
    return { breakBefore: getComputedStyle(part).breakBefore, linkColour: getComputedStyle(link).color, body, underline: getComputedStyle(link).textDecorationLine };
  });
  assert.equal(styles.breakBefore, 'page');
  assert.equal(styles.linkColour, styles.body, 'links print in the text colour');
  assert.equal(styles.underline, 'none');
  const pdf = await page.pdf({ format: 'A4', path: '/tmp/reports-document-e2e-print.pdf' });
  assert.ok(pdf.length > 10_000);
  assert.ok(pdf.subarray(0, 5).toString() === '%PDF-');
});

test('a keyboard user skims the report: Tab reaches the contents, Enter goes to that question', async () => {
  const { published } = await reports();
  const page = await suite.pageAs(null);
  await page.goto(`${A}/reports/${published}`);
  const first = tr('evaluation.impact.questions.differently');
  let reached = false;
  for (let i = 0; i < 60 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((name) => document.activeElement?.textContent?.trim() === name && !!document.activeElement?.closest('.chorus-report__contents'), first);
  }
  assert.ok(reached, 'Tab reaches the first question in the contents');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, '#question-differently');
  const inView = await page.evaluate(() => {
    const box = document.getElementById('question-differently')!.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  });
  assert.ok(inView, 'the question is on the screen');
});
