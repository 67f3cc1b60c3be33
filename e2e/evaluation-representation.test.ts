/**
 * Who takes part, compared with everyone (issue 13 §5), in a real browser: axe at 320 px and
 * 1280 px and no sideways scrolling at 320 px in each state (no population figures yet; the demo's
 * figures and comparison; a refused file; figures typed in wrongly, then saved), an import done
 * with the keyboard alone, and the comparison's tables and charts read as a screen reader finds them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { createArea } from '../src/modules/areas/areas.service.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, submit, e2eFile } from './support.ts';

const suite = e2eFile();
const demo = `/a/${DEMO_SLUG}/manage/evaluation`;

test('no population figures yet: the comparison, the figures, the import and the typed-in pages', async () => {
  const area = await createArea(suite.e2e.db, { slug: 'rep-e2e-empty', name: 'Empty Vale Partnership', contactEmail: 'hello@empty.example' });
  const lead = await createAccount(suite.e2e.db, { email: 'lead@empty.example', displayName: 'Empty Lead', password: DEMO_PASSWORD });
  await addMember(suite.e2e.db, area.id, lead, 'participation_lead', null);
  const page = await suite.pageAs('lead@empty.example');
  const base = '/a/rep-e2e-empty/manage/evaluation';

  await page.goto(`${base}/representation`);
  assert.ok(await page.getByRole('heading', { name: 'No population figures yet' }).isVisible());
  await expectAccessible(page, 'comparison, empty');
  await expectNoSidewaysScroll(page, 'comparison, empty');
  await page.getByRole('link', { name: 'Add population figures' }).click();
  assert.ok(await page.getByText('There are no population figures yet.').isVisible());
  await expectAccessible(page, 'population, empty');
  await expectNoSidewaysScroll(page, 'population, empty');
  await page.goto(`${base}/population/import`);
  await expectAccessible(page, 'import, empty');
  await expectNoSidewaysScroll(page, 'import, empty');
  await page.goto(`${base}/population/new`);
  await expectAccessible(page, 'typed in, empty');
  await expectNoSidewaysScroll(page, 'typed in, empty');
});

test("the demo's comparison: flags, charts with their tables, hidden small numbers, and downloads", async () => {
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(`${demo}/representation`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Riverside SEND Partnership\nWho takes part, compared with everyone');
  const flags = await page.locator('.chorus-representation__flag').allInnerTexts();
  assert.ok(flags.some((f) => /^Under-represented: Asian or Asian British \(ethnic group\)\. 11 of \d+ participants/.test(f)), flags.join('\n'));
  // A chart is an image named by its title; the table beside it is the data, with small numbers hidden.
  assert.ok(await page.getByRole('img', { name: 'Type of need: share of participants and share of population' }).isVisible());
  const needTable = page.getByRole('table', { name: 'Type of need: participants and population' });
  assert.ok(await needTable.getByRole('cell', { name: 'fewer than 8' }).first().isVisible());
  // The table scrolls inside its own box, which a keyboard can reach.
  const region = page.getByRole('region', { name: 'Type of need: participants and population' });
  await region.focus();
  assert.equal(await region.evaluate((el) => el === document.activeElement), true);
  await expectAccessible(page, 'comparison, demo');
  await expectNoSidewaysScroll(page, 'comparison, demo');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download every table (Excel, one sheet per table)' }).click()]);
  assert.match(download.suggestedFilename(), /^who-takes-part-riverside-\d{4}-\d{2}-\d{2}\.xlsx$/);

  await page.goto(`${demo}/population`);
  assert.ok(await page.getByRole('table', { name: /^Ethnic group/ }).isVisible());
  await expectAccessible(page, 'population, demo');
  await expectNoSidewaysScroll(page, 'population, demo');
});

test('a refused file lists each bad line, and the keyboard alone can import a good one', async () => {
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(`${demo}/population/import`);
  await page.getByLabel('CSV file').setInputFiles({ name: 'census.csv', mimeType: 'text/csv', buffer: Buffer.from('characteristic,group,count\nsex,F,1130\nsex,X,10\nneed,ASD,-4\n') });
  await page.getByLabel('Day').fill('15');
  await page.getByLabel('Month').fill('1');
  await page.getByLabel('Year').fill('2026');
  await page.getByLabel('Where do the figures come from?').fill('January census');
  assert.equal((await submit(page, 'Import figures')).status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#file', '#file']);
  assert.deepEqual(await page.locator('.govuk-error-summary li').allInnerTexts(), ['Line 3: ‘X’ is not a sex code. Use F or M', 'Line 4: the count ‘-4’ is less than 0']);
  assert.equal(await page.getByLabel('Where do the figures come from?').inputValue(), 'January census');
  await expectAccessible(page, 'import, file refused');
  await expectNoSidewaysScroll(page, 'import, file refused');

  // Keyboard only: the file chosen (a browser's file dialog is outside the page), the rest typed and sent with Enter.
  await page.getByLabel('CSV file').setInputFiles({ name: 'census.csv', mimeType: 'text/csv', buffer: Buffer.from('characteristic,group,count\nsex,F,1100\nsex,M,1300\n') });
  await page.getByLabel('Where do the figures come from?').focus();
  await page.keyboard.press('End');
  await page.keyboard.type(', keyboard');
  await page.keyboard.press('Tab');
  await Promise.all([page.waitForURL(/\/population$/), page.keyboard.press('Enter')]);
  assert.match(await page.getByRole('alert').innerText(), /Population figures imported\. Groups: 2/);
  assert.ok(await page.getByText('As at 15 January 2026. Source: January census, keyboard').first().isVisible());
});

test('figures typed in: a wrong number is refused beside its box, then saved', async () => {
  const page = await suite.pageAs(demoAccount('area_admin').email);
  await page.goto(`${demo}/population/new`);
  await page.getByLabel('Day').fill('1');
  await page.getByLabel('Month').fill('2');
  await page.getByLabel('Year').fill('2026');
  await page.getByLabel('Where do the figures come from?').fill('Local count');
  await page.getByLabel('EHC plan (E)').fill('-3');
  await page.getByLabel('SEN support (K)').fill('1400');
  assert.equal((await submit(page, 'Save figures')).status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#count-support_level-ehc_plan']);
  assert.equal(await page.getByLabel('SEN support (K)').inputValue(), '1400');
  await expectAccessible(page, 'typed in, error');
  await expectNoSidewaysScroll(page, 'typed in, error');
  await page.getByLabel('EHC plan (E)').fill('1000');
  assert.equal((await submit(page, 'Save figures')).status(), 303);
  assert.match(await page.getByRole('alert').innerText(), /Population figures saved\. Groups: 2/);
  await expectAccessible(page, 'population, after saving');
});
