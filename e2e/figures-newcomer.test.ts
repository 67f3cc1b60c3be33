/**
 * Issue 12, figures and a newcomer's start, in a real browser:
 * - the lead's feedback figures: operational counts exact (3 overdue shows as 3), a trend by month as
 *   a table and a chart with its words, and a CSV download safe to open in a spreadsheet, while the
 *   public pages keep counts of 1 to 7 hidden;
 * - the yearly (regulation 56) publication lists each theme once, with its services;
 * - the public charter and its easy-read page show each commitment once, under its own heading only;
 * - the demo is what the README promises: 60 parent responses spread over the weeks the survey was
 *   open, and a workshop whose checklist is met (so not in the school holidays).
 * Every page is checked with axe at 320 px and 1280 px, for sideways scrolling at 320 px, used by
 * keyboard only, and with JavaScript off.
 */
import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createActivity, emptyActivityDetails, setActivityStatus } from '../src/modules/activities/activities.service.ts';
import { addOrganisation, findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { backdateClosed } from '../src/seed/demo-sql.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading } from './support.ts';

const a = `/a/${DEMO_SLUG}`;
const suite = e2eFile();
const DAY = 86_400_000;
/** An organisation name written to break out of a spreadsheet cell. */
const HOSTILE = '=HYPERLINK("http://evil.example","Click me")';

async function expectGood(page: Page, label: string): Promise<void> {
  await expectAccessible(page, label);
  await expectNoSidewaysScroll(page, label);
}

/** Tabs (keyboard only) to the link or button with this accessible name, then presses Enter. */
async function keyboardTo(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.innerText || el.getAttribute('aria-label') || el.getAttribute('value') || '').replace(/\s+/g, ' ').trim() : '';
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`could not reach "${name}" with the Tab key`);
}

/** The rows of the table with this caption, each as its cells' words. */
async function tableRows(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
}

let areaId: string;
let ready: Promise<void> | undefined;

/** The demo area's id, and (once per file) the two extra overdue activities. */
function setUp(): Promise<void> {
  ready ??= addOverdue();
  return ready;
}

async function addOverdue(): Promise<void> {
  const db = suite.e2e.db;
  areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  // Two more overdue activities beside the demo's one: three in all, one of them run by an
  // organisation whose name is a spreadsheet formula.
  const hostile = await addOrganisation(db, areaId, null, { name: HOSTILE, kind: 'charity' });
  for (const [title, organisationId, weeks] of [['Travel training: what helps?', hostile.id, 20], ['Respite at weekends', null, 30]] as const) {
    const activity = await createActivity(db, areaId, null, { ...emptyActivityDetails(), organisationId, title, purpose: 'Tell us.', type: 'survey', level: 'strategic', stage: 'review', services: [], audience: 'parent_carers', ageBands: [], contactName: 'Jess', contactEmail: 'jess@riverside.example' });
    await setActivityStatus(db, areaId, null, activity.id, 'open');
    await setActivityStatus(db, areaId, null, activity.id, 'closed');
    await backdateClosed(db, areaId, activity.id, new Date(Date.now() - weeks * 7 * DAY));
  }
}

test('staff figures: 3 overdue shows as 3, a trend by month with a chart in words, and a safe CSV; public pages still hide 1 to 7', async () => {
  await setUp();
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(`${a}/manage/feedback`);
  assert.equal(await pageHeading(page), 'Riverside SEND Partnership Are we keeping our promise?');
  // Operational counts are exact for staff: nobody is picked out by "3 activities are late".
  const area = page.locator('.govuk-summary-list').first();
  assert.match(await area.innerText(), /3 activities are overdue/);
  const overdue = await tableRows(page, 'Overdue activities, most overdue first');
  assert.equal(overdue.length, 3);

  // The trend: a table by month (up to the last 12, from the first with anything in it), and a
  // chart whose words say the same. The activity closed 30 weeks ago starts it.
  const months = await tableRows(page, 'Views received and answered, by month');
  const firstMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(Date.now() - 30 * 7 * DAY));
  assert.equal(months[0]![0], firstMonth, 'from the first month with anything in it');
  assert.ok(months.length <= 12);
  const thisMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
  assert.equal(months.at(-1)![0], thisMonth);
  assert.ok(months.some((row) => /^\d+$/.test(row[1]!) && Number(row[1]) > 0), 'some month received views');
  const feedbackRows = await tableRows(page, 'Activities closed and time to feedback, by month');
  assert.deepEqual(feedbackRows.map((row) => row[0]), months.map((row) => row[0]), 'the same months');
  assert.ok(Number(feedbackRows[0]![2]) >= 1, 'an activity closed in the first month');
  // The chart's bars come with their words: a month, then "40% (12 of 30)" or "no views".
  const chart = page.getByRole('figure', { name: 'Share of views answered, by month' });
  const bars = await chart.getByRole('listitem').allInnerTexts();
  assert.equal(bars.length, months.length);
  assert.match(bars.at(-1)!.replace(/\s+/g, ' '), new RegExp(`^${thisMonth} (\\d+% \\(\\d+ of \\d+\\)|no views)$`));
  assert.ok(bars.some((bar) => /\d+% \(\d+ of \d+\)/.test(bar)), bars.join(' | '));
  await expectGood(page, 'figures with the trend');

  // The CSV, reached by keyboard only.
  const [download] = await Promise.all([page.waitForEvent('download'), keyboardTo(page, 'Download these figures (CSV)').then(() => page.keyboard.press('Enter'))]);
  assert.match(download.suggestedFilename(), /^feedback-figures-.*\.csv$/);
  const csv = (await buffer(await download.createReadStream())).toString('utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], '"Period","Organisation","Views received","Views answered","Closure rate (%)","Responses published","Activities closed","Median days to feedback","Overdue activities","Views not in a theme"');
  assert.ok(lines.some((l) => l.startsWith(`"${thisMonth}","All organisations",`)), 'a row for this month');
  const whole = lines.find((l) => l.startsWith('"All time","All organisations",'))!;
  assert.equal(whole.split(',')[8], '3', 'the 3 overdue activities, exact');
  // The hostile name is text in a spreadsheet, never a formula.
  assert.ok(lines.some((l) => l.startsWith(`"All time","'=HYPERLINK(""http://evil.example"",""Click me"")",`)), csv);
  assert.ok(!lines.some((l) => /(^|,)"?=/.test(l)), 'no cell starts with =');

  // The public pages: every count of 1 to 7 is still "fewer than 8".
  const visitor = await suite.pageAs(null);
  for (const path of [`${a}/you-said-we-did`, `${a}/you-said-we-did/easy-read`]) {
    await visitor.goto(path);
    const text = await visitor.locator('main').innerText();
    const counts = [...text.matchAll(/comments: (\d+)/gi)].map((m) => Number(m[1]));
    assert.ok(counts.every((n) => n === 0 || n >= 8), `${path}: ${counts.join(', ')}`);
    assert.match(text, /fewer than 8/i, `${path}: small counts shown as words`);
    assert.doesNotMatch(text, /overdue/i, `${path}: no staff figures`);
  }
});

test('staff figures with JavaScript off: the trend and the CSV link work', async () => {
  const page = await suite.pageAs(null, { javaScriptEnabled: false });
  await page.goto('/sign-in');
  await page.getByLabel('Email address', { exact: true }).fill(demoAccount('participation_lead').email);
  await page.getByLabel('Password', { exact: true }).fill('chorus-demo-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.goto(`${a}/manage/feedback`);
  assert.ok((await tableRows(page, 'Views received and answered, by month')).length >= 1);
  const href = await page.getByRole('link', { name: 'Download these figures (CSV)' }).getAttribute('href');
  const response = await page.request.get(href!);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'] ?? '', /^text\/csv/);
  const mirror = await mirrorWithoutScripts(page, await suite.pageAs(null));
  await expectGood(mirror, 'figures, JavaScript off');
});

test('the yearly publication lists each theme once, with its services', async () => {
  const page = await suite.pageAs(null);
  await page.goto(`${a}/you-said-we-did/annual`);
  await keyboardTo(page, new RegExp(`^Comments and responses first published in ${new Date().getUTCFullYear()}$`));
  await Promise.all([page.waitForURL(/annual\/\d{4}$/), page.keyboard.press('Enter')]);
  const titles = await page.locator('article.chorus-response').evaluateAll((articles) => articles.map((el) => el.querySelector('h2, h3')!.textContent!.trim()));
  assert.ok(titles.length >= 7, titles.join(' | '));
  assert.equal(new Set(titles).size, titles.length, `each theme once: ${titles.join(' | ')}`);
  const total = Number(/Themes and responses this year: (\d+)/.exec(await page.locator('main').innerText())![1]);
  assert.equal(titles.length, total);
  // A theme in two services says both, once.
  const pets = page.getByRole('article', { name: 'Bringing pets to the club' });
  assert.match(await pets.innerText(), /Services\s+Riverside Hub, Short breaks/);
  // The list by service links to the theme, not to a second copy of it.
  const byService = page.getByRole('navigation', { name: 'Themes by service' });
  const links = byService.getByRole('link', { name: 'Bringing pets to the club' });
  assert.equal(await links.count(), 2, 'listed under both its services');
  const target = await links.first().getAttribute('href');
  assert.equal(await page.locator(target!).count(), 1);
  await expectGood(page, 'yearly publication');
  const noScript = await suite.pageAs(null, { javaScriptEnabled: false });
  await noScript.goto(page.url());
  const mirror = await mirrorWithoutScripts(noScript, await suite.pageAs(null));
  await expectGood(mirror, 'yearly publication, JavaScript off');
});

test('the public charter shows each commitment once, under its own heading (fixed before issue 12 in 4b23ac9)', async () => {
  const admin = await suite.pageAs(demoAccount('area_admin').email);
  await admin.goto(`${a}/manage/charter`);
  await keyboardTo(admin, /^Edit /);
  await Promise.all([admin.waitForURL(/principles/), admin.keyboard.press('Enter')]);
  await admin.getByLabel('What we all commit to').fill('We say hello.\nWe listen.');
  await admin.getByLabel('What organisations commit to').fill('');
  await admin.getByLabel('What the forum commits to').fill('');
  const title = await admin.getByLabel('Principle', { exact: true }).inputValue();
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await admin.waitForURL(/manage\/charter$/);

  const visitor = await suite.pageAs(null, { javaScriptEnabled: false });
  await visitor.goto(`${a}/charter`);
  const section = await visitor.evaluate((name) => {
    const heading = [...document.querySelectorAll('h3')].find((h) => h.textContent!.trim() === name)!;
    const parts: string[] = [];
    for (let el = heading.nextElementSibling; el && el.tagName !== 'H3' && el.tagName !== 'H2'; el = el.nextElementSibling) parts.push((el as HTMLElement).innerText.trim());
    return parts;
  }, title);
  assert.deepEqual(section.slice(1), ['We all commit to', 'We say hello.\nWe listen.'], 'no "Organisations commit to" or "The forum commits to" with nothing of their own');
  const text = await visitor.locator('main').innerText();
  assert.equal(text.split('We say hello.').length - 1, 1, 'said once');
  const mirror = await mirrorWithoutScripts(visitor, await suite.pageAs(null));
  await expectGood(mirror, 'public charter');
  await visitor.goto(`${a}/charter/easy-read`);
  const easy = await visitor.locator('main').innerText();
  assert.ok(easy.includes(title));
  assert.doesNotMatch(easy, /commits? to/i, 'the easy-read page has the principles, not the lists');
  await expectGood(await mirrorWithoutScripts(visitor, await suite.pageAs(null)), 'easy-read charter');
});

test('the demo matches the README: 60 parent responses over the weeks the survey was open, and a workshop not in the holidays', async () => {
  await setUp();
  const ids = await withArea(suite.e2e.db, areaId, (tx) =>
    tx.selectFrom('activity').select(['id', 'title', 'closed_at']).where('area_id', '=', areaId).where('title', 'in', ['Short breaks: what works for your family?', 'Design the new Local Offer website together']).execute(),
  );
  const parents = ids.find((r) => r.title.startsWith('Short breaks'))!;
  const workshop = ids.find((r) => r.title.startsWith('Design'))!;
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  await lead.goto(`${a}/activities/${parents.id}/results`);
  const summary = await lead.locator('.govuk-summary-list').first().innerText();
  assert.match(summary, /Responses sent\s+60\b/, summary);
  const [, from, to] = /Dates\s+(\d{1,2} \w+ \d{4}) to (\d{1,2} \w+ \d{4})/.exec(summary)!;
  const days = (Date.parse(`${to} 12:00 UTC`) - Date.parse(`${from} 12:00 UTC`)) / DAY;
  assert.ok(days >= 21, `spread over the weeks it was open, not one moment: ${from} to ${to}`);
  assert.ok(Date.parse(`${to} 00:00 UTC`) <= parents.closed_at!.getTime(), 'all before it closed');

  await lead.goto(`${a}/activities/${workshop.id}`);
  const checklist = await lead.locator('main').innerText();
  assert.match(checklist, /Nothing to check: every check is fine or does not apply\./, 'the workshop\'s checklist is met');
  assert.match(checklist, /Not in the school holidays\n.+ is in term time\.\n\s*OK/);
  assert.match(checklist, /Not on a bank holiday\n.+ is not a bank holiday in England and Wales\.\n\s*OK/);
  await expectGood(lead, 'the workshop');
});
