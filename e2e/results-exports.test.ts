/**
 * Results by group and the exports, as a participation lead uses them (issue 12, §3):
 * - results shown for one group (an "About you" answer, or with a supporter or not) through a GET
 *   form that works with JavaScript off and keeps the choice in the address; a small group, or a
 *   group that would give a small one away by difference, shows why instead of figures;
 * - each question compared across the groups of one "About you" question, small groups hidden;
 * - the CSV with one column per card of a card sort and "About you" answers in words (the anonymous
 *   file too), and the Excel file with a summary sheet and one sheet per question, read back as a
 *   lead would open them.
 * axe at 320 px and 1280 px on every page and state (through a copy without scripts when JavaScript
 * is off), keyboard only for the comparison form.
 */
import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug, listOrganisations } from '../src/modules/areas/areas.service.ts';
import { translator } from '../src/lib/messages/messages.ts';
import { addQuestion, readyMadeOptions, type AnswerValue } from '../src/modules/surveys/questions.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { insertResponse } from '../src/testing/responses.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts } from './support.ts';

const suite = e2eFile();
const LEAD = demoAccount('participation_lead').email;
const t = translator('en');
/** An "About you" answer's words, as the answering pages show them. */
const words = (column: 'age_band' | 'need_type', value: string) => t(`surveys.respond.aboutYou.${column === 'age_band' ? 'age' : 'need'}.options.${value}`);
let url: string;

/**
 * 30 responses: 10 with a supporter; ages 8 to 11 (14), 12 to 15 (12) and 16 to 18 (4); need
 * ASD (20) and SLCN (10). Question 1: 20 happy, 7 okay, 3 sad (every supported response happy).
 */
let made: Promise<void> | undefined;
const setUp = () => (made ??= makeData());

async function makeData(): Promise<void> {
  const db = suite.e2e.db;
  const area = (await findAreaBySlug(db, DEMO_SLUG))!;
  const council = (await listOrganisations(db, area.id)).find((o) => o.name === 'Riverside Council')!.id;
  const activity = await createActivity(
    db,
    area.id,
    null,
    testActivity({ organisationId: council, title: 'Groups check: the summer scheme', purpose: 'To test results by group.', stage: 'design', audience: 'children_young_people', contactEmail: 'participation@riverside.example', childrenMode: true }),
  );
  const base = { easyRead: '', hint: '', required: false, showIf: null };
  const label = (l: string) => ({ label: l, easyRead: '', symbol: null, altText: '' });
  const smiley = await addQuestion(db, area.id, null, activity.id, { ...base, type: 'smiley_scale', text: 'How do you feel about the summer scheme? [part 1: feelings]', settings: { points: 3 } }, readyMadeOptions('smiley_scale', { points: 3 }));
  const sort = await addQuestion(db, area.id, null, activity.id, { ...base, type: 'card_sort', text: 'Sort these: which would you like / not like?', settings: {} }, ['Swimming', 'Cooking', 'A quiet room'].map(label));
  const options = await withArea(db, area.id, (tx) => tx.selectFrom('question_option').select(['id', 'question_id']).orderBy('position').execute());
  const of = (questionId: string) => options.filter((o) => o.question_id === questionId).map((o) => o.id);
  const [happy, okay, sad] = of(smiley);
  const cards = of(sort);
  for (let i = 0; i < 30; i += 1) {
    const answers: Array<{ questionId: string; value: AnswerValue }> = [
      { questionId: smiley, value: { kind: 'option', optionId: (i < 20 ? happy : i < 27 ? okay : sad)! } },
      { questionId: sort, value: { kind: 'card_sort', piles: { [cards[0]!]: i % 2 ? 'like' : 'dislike', [cards[1]!]: 'unsure', [cards[2]!]: 'like' } } },
    ];
    await withArea(db, area.id, async (tx) => {
      const { id } = await insertResponse(tx, area.id, { activityId: activity.id, mode: i < 10 ? 'supported' : 'anonymous', supporterRelationship: i < 10 ? 'parent' : null, ageBand: i < 14 ? '8_11' : i < 26 ? '12_15' : '16_18', answers });
      await tx.updateTable('response').set({ need_type: i % 3 === 0 ? 'SLCN' : 'ASD' }).where('id', '=', id).execute();
    });
  }
  url = `/a/${DEMO_SLUG}/activities/${activity.id}`;
}

async function checked(page: Page, mirror: Page, label: string): Promise<void> {
  await expectAccessible(await mirrorWithoutScripts(page, mirror), label);
  await expectNoSidewaysScroll(page, label);
}

/** Chooses a group in the "Show the answers of" form and sends it (a GET form: no script needed). */
async function showGroup(page: Page, group: string): Promise<void> {
  await page.getByLabel('Show the answers of').selectOption({ label: group });
  await Promise.all([page.waitForURL(/[?&]group=/), page.getByRole('button', { name: 'Show this group' }).click()]);
}

/** A table's rows as cell texts, the row header first. */
async function tableRows(page: Page, name: string): Promise<string[][]> {
  return page.getByRole('table', { name }).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim())));
}

test('Results for one group, chosen with JavaScript off and kept in the address; a small group, or one that would give a small group away, shows why instead of figures', async () => {
  await setUp();
  const page = await suite.pageAs(LEAD, { javaScriptEnabled: false });
  const mirror = await suite.pageAs(LEAD);
  await page.goto(`${url}/results`);
  await checked(page, mirror, 'results: everyone, with the group form');

  await showGroup(page, 'With a supporter');
  assert.match(page.url(), /group=supported%3Ayes/);
  assert.equal(await page.getByLabel('Show the answers of').locator('option:checked').innerText(), 'With a supporter', 'the choice is kept');
  await page.getByRole('heading', { name: 'Showing the answers of: With a supporter' }).waitFor();
  const rows = await tableRows(page, 'How people answered question 1');
  assert.deepEqual(rows.map((r) => r.slice(0, 2)), [['Happy', '10'], ['Okay', '0'], ['Sad', '0']], 'only the 10 supported responses are counted');
  await checked(page, mirror, 'results: with a supporter');

  // A group of 4 people: no figures at all, and the reason.
  await showGroup(page, `${t('surveys.respond.aboutYou.age.short')}: ${words('age_band', '16_18')}`);
  await page.getByText('Fewer than 8 people in this group have responded', { exact: false }).waitFor();
  assert.equal(await page.getByRole('table').count(), 0);
  await checked(page, mirror, 'results: a small group');

  // 12 people aged 12 to 15: enough on its own, but everyone minus this group minus 8 to 11 would be
  // the 4 aged 16 to 18, so it is hidden as well.
  await showGroup(page, `${t('surveys.respond.aboutYou.age.short')}: ${words('age_band', '12_15')}`);
  await page.getByText('so that a smaller group cannot be worked out', { exact: false }).waitFor();
  assert.equal(await page.getByRole('table').count(), 0);

  await showGroup(page, `${t('surveys.respond.aboutYou.age.short')}: ${words('age_band', '8_11')}`);
  assert.deepEqual((await tableRows(page, 'How people answered question 1')).map((r) => r.slice(0, 2)), [['Happy', '14'], ['Okay', '0'], ['Sad', '0']]);

  // A hand-made address with a group that does not exist: the error pattern, no 500.
  const response = await page.goto(`${url}/results?group=age%3Anonsense`);
  assert.equal(response?.status(), 422);
  assert.match(await page.title(), /^Error: /);
});

test('Each question compared across groups (keyboard only): small groups hidden, and no hidden number can be worked out from the rest of its row', async () => {
  await setUp();
  const page = await suite.pageAs(LEAD);
  const mirror = await suite.pageAs(LEAD);
  await page.goto(`${url}/results`);
  const compare = page.getByLabel('Compare groups by');
  await compare.focus();
  await compare.selectOption({ label: 'With a supporter or on their own' });
  await page.keyboard.press('Tab');
  await Promise.all([page.waitForURL(/[?&]by=supported/), page.keyboard.press('Enter')]);
  const bySupport = await tableRows(page, 'Question 1, compared by: With a supporter or on their own');
  // Columns: answer, with a supporter, on their own, everyone. Okay and Sad on their own are 7 and 3.
  assert.deepEqual(bySupport[0], ['Answered this question', '10', '20', '30']);
  assert.deepEqual(bySupport[1], ['Happy', '10, 100%', '10, 50%', '20, 67%']);
  assert.deepEqual(bySupport[2]!.slice(2), ['fewer than 8', 'fewer than 8']);
  for (const row of bySupport.slice(1)) {
    // An attacker's sum: a row adds up to everyone's count, so one hidden cell alone would be the total minus the rest.
    const hiddenCells = row.slice(1).filter((cell) => !/^\d/.test(cell)).length;
    assert.ok(hiddenCells === 0 || hiddenCells >= 2, `row ${row[0]}: ${hiddenCells} hidden cell`);
  }
  await checked(page, mirror, 'results: compared by supported or not');

  await compare.selectOption({ label: 'Age' });
  await Promise.all([page.waitForURL(/[?&]by=age/), page.getByRole('button', { name: 'Compare' }).click()]);
  const headers = await page.getByRole('table', { name: 'Question 1, compared by: Age' }).locator('thead th').allInnerTexts();
  assert.deepEqual(headers.map((h) => h.replace(/\s+/g, ' ').trim()), ['Answer', `${words('age_band', '8_11')} (14 people)`, 'Everyone (30 people)']);
  // The small group and the one hidden with it are listed with the reason: everyone minus 8 to 11
  // is then 16 people in two groups, never the 4 aged 16 to 18.
  const hidden = await page.getByRole('list').filter({ hasText: 'fewer than 8 people' }).getByRole('listitem').allInnerTexts();
  assert.deepEqual(hidden, [`${words('age_band', '12_15')}: hidden, so that a smaller group cannot be worked out by taking the other groups away from everyone`, `${words('age_band', '16_18')}: fewer than 8 people`]);
  const byAge = await tableRows(page, 'Question 1, compared by: Age');
  assert.deepEqual(byAge[1], ['Happy', '14, 100%', '20, 67%']);
  await checked(page, mirror, 'results: compared by age');
});

async function download(page: Page, format: 'CSV' | 'Excel (.xlsx)'): Promise<Download> {
  await page.goto(`${url}/export`);
  await page.getByLabel(format).check();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  return file;
}

/** CSV text as rows of cells (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  return rows;
}

test('The anonymous CSV: one column per card, "About you" answers in words', async () => {
  await setUp();
  const page = await suite.pageAs(LEAD);
  const file = await download(page, 'CSV');
  const [header, ...rows] = parseCsv((await buffer(await file.createReadStream())).toString('utf8').replace(/^\uFEFF/, ''));
  assert.ok(header!.includes('Q2. Swimming') && header!.includes('Q2. Cooking') && header!.includes('Q2. A quiet room'), header!.join(' | '));
  const swimming = header!.indexOf('Q2. Swimming');
  assert.deepEqual(new Set(rows.map((r) => r[swimming])), new Set(['like', "don't like"]));
  const age = header!.indexOf('Age band');
  const need = header!.indexOf('Type of need');
  assert.ok(age > 0 && need > 0, 'the anonymous file has the About you answers');
  assert.equal(rows[0]![age], words('age_band', '8_11'));
  assert.equal(rows[0]![need], words('need_type', 'SLCN'));
  assert.ok(!rows.some((r) => r.includes('8_11') || r.includes('SLCN') || r.includes('ASD')), 'no codes');
  assert.equal(header!.includes('Email of the person who signed in'), false, 'still no personal details');
});

test('The Excel file: a summary sheet (small numbers hidden) and one sheet per question, with names Excel accepts', async () => {
  await setUp();
  const page = await suite.pageAs(LEAD);
  const file = await download(page, 'Excel (.xlsx)');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buffer(await file.createReadStream())) as unknown as ArrayBuffer);
  const names = workbook.worksheets.map((s) => s.name);
  assert.equal(names[0], 'Summary');
  assert.equal(names.length, 4, `summary, all responses, and 2 questions: ${names.join(' | ')}`);
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, 'unique');
  for (const name of names) assert.ok(name.length <= 31 && !/[[\]:*?/\\]/.test(name), `a valid sheet name: ${name}`);
  assert.match(names[2]!, /^Q1 /);
  assert.match(names[3]!, /^Q2 /);

  const text = (sheet: ExcelJS.Worksheet) => {
    const lines: string[] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v ?? '')).join(' | ')));
    return lines;
  };
  const summary = text(workbook.getWorksheet('Summary')!);
  assert.ok(summary.some((l) => l.includes('Groups check: the summer scheme')), summary.join('\n'));
  assert.ok(summary.some((l) => l === 'Responses sent | 30'), summary.join('\n'));
  assert.ok(summary.some((l) => l.startsWith('Q1. How do you feel about the summer scheme? [part 1: feelings] | Happy | 20')), summary.join('\n'));
  assert.ok(summary.some((l) => l.includes('Sad | fewer than 8')), 'small numbers are hidden in the summary: the file travels');

  const q2 = text(workbook.worksheets[3]!);
  assert.equal(q2[0], 'Response | Q2. Swimming | Q2. Cooking | Q2. A quiet room');
  assert.equal(q2.length, 31);
});
