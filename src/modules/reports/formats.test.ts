/**
 * The report as PDF, DOCX and XLSX (issue 14 §3, acceptance 2), from a document made by hand: each
 * file opens in a reader's library, has the report's structure (a tagged PDF with headings, tables and
 * figures; Word headings and tables; one sheet per table), and holds every figure and table cell as
 * the page writes it (format.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../../lib/messages/messages.ts';
import { reportBlocks, reportFileName, tableText } from './formats.blocks.ts';
import { renderDocx } from './formats.docx.ts';
import { sampleDocument } from './formats.fixture.ts';
import { renderPdfWithPages } from './formats.pdf.ts';
import { openDocx, openPdf, openXlsx, squash, xlsxTexts } from './formats.testing.ts';
import { renderXlsx, sheetNames } from './formats.xlsx.ts';
import { formatCount } from './format.ts';

const t = translator('en');
const doc = sampleDocument();

/** Every figure and table cell of the document as the page writes it. */
function expectedTexts(d = doc, tr = t, lang: 'en' | 'cy' = 'en'): string[] {
  return d.sections.flatMap((s) =>
    s.content ? [...s.content.figures.map((f) => formatCount(f, tr, lang)), ...s.content.tables.flatMap((x) => { const tt = tableText(x, s.title, tr, lang); return [...tt.header, ...tt.rows.flat()]; })] : [],
  );
}

test('the PDF is tagged: marked, in English, titled, with headings, tables with header cells, and the chart as a figure with its description', async () => {
  const { buffer } = await renderPdfWithPages(doc, t, 'en');
  assert.equal(buffer.subarray(0, 5).toString(), '%PDF-');
  const pdf = await openPdf(buffer);
  assert.equal(pdf.marked, true, 'MarkInfo Marked');
  assert.equal(pdf.title, doc.header.title);
  for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'Figure', 'BlockQuote']) assert.ok(pdf.roles.has(role), `a ${role} element`);
  assert.equal(pdf.roles.get('H1'), 1, 'one H1: the title');
  assert.ok(pdf.parents.has('Table>TR') && pdf.parents.has('TR>TH') && pdf.parents.has('TR>TD'), 'rows inside tables, cells inside rows');
  // One Table per table in the document, and one Figure per chart, described by its own sentence.
  assert.equal(pdf.roles.get('Table'), 3);
  assert.deepEqual(pdf.figureAlts, ['Activities by level. Informing had the most activities; co-production had 12 planned.']);
});

test('the PDF has every figure and table cell as the page writes them, the text around them, and page numbers that count its pages', async () => {
  const { buffer, pages } = await renderPdfWithPages(doc, t, 'en');
  const pdf = await openPdf(buffer);
  const text = squash(pdf.text);
  for (const expected of expectedTexts()) assert.ok(text.includes(squash(expected)), `the PDF shows "${expected}"`);
  for (const words of ['Are we doing things differently?', 'We held more co-designed workshops than last year.', 'Written by Riverside Parent Carer Forum', 'The new bus times mean I get to school before the bell.', 'Counts of 1 to 7 people are shown as “fewer than 8”', 'Page 1 of']) {
    assert.ok(text.includes(words), `the PDF says "${words}"`);
  }
  assert.equal(pages, pdf.pages, 'the renderer counts the pages the reader finds');
  assert.ok(text.includes(`Page ${pdf.pages} of ${pdf.pages}`));
});

test('a short report takes the cover and one page for each question and written part, no more', async () => {
  // Without the chart, every part of the fixture fits on its page, so the count is known beforehand.
  const short = sampleDocument();
  short.sections = short.sections.map((s) => (s.content ? { ...s, content: { ...s.content, charts: [] } } : s));
  const breaks = reportBlocks(short, t, 'en').filter((b) => b.kind === 'pageBreak').length;
  assert.equal(breaks, 5, 'four questions and a written part');
  const { buffer, pages } = await renderPdfWithPages(short, t, 'en');
  const pdf = await openPdf(buffer);
  assert.equal(pdf.pages, breaks + 1);
  assert.equal(pages, pdf.pages);
  assert.ok(squash(pdf.text).includes('Page 6 of 6'));
});

test('a long table runs over onto more pages, and the page numbers say so', async () => {
  const long = sampleDocument();
  const rows = Array.from({ length: 120 }, (_, i) => [`Row ${i + 1}`, { value: i + 1 }] as const);
  long.sections = [{ ...long.sections[1]!, content: { ...long.sections[1]!.content!, charts: [], quotes: [], tables: [{ id: 'long', caption: 'Long', columns: [{ label: 'Name' }, { label: 'Count', numeric: true }], rows }] } }];
  const { buffer, pages } = await renderPdfWithPages(long, t, 'en');
  const pdf = await openPdf(buffer);
  assert.equal(pages, pdf.pages);
  assert.ok(pdf.pages > 3, `120 rows need more than one page after the cover (${pdf.pages} pages)`);
  const text = squash(pdf.text);
  assert.ok(text.includes('Row 1 ') && text.includes('Row 120'));
});

test('Welsh: the PDF keeps ŵ and ŷ (an embedded font that has them) and is marked as Welsh; its own words are Welsh', async () => {
  const cy = translator('cy');
  const welsh = sampleDocument({ lang: 'cy', title: 'Adroddiad blynyddol: dŵr a thŷ' });
  const { buffer } = await renderPdfWithPages(welsh, cy, 'cy');
  const pdf = await openPdf(buffer);
  const text = squash(pdf.text);
  assert.ok(text.includes('dŵr a thŷ'), 'the title with ŵ and ŷ');
  assert.ok(text.includes('Ŵyr a ŷd'), 'a quote with Ŵ and ŷ');
  assert.ok(text.includes('Tudalen 1 o'), 'page numbers in Welsh');
  assert.ok(text.includes('llai nag 8'), 'a hidden count in Welsh');
  assert.match(buffer.toString('latin1'), /\/Lang \(cy-GB\)/);
});

test('the DOCX opens in mammoth with Word headings, one table per table with its header row repeated, the chart as a picture with its description, and page numbers in the footer', async () => {
  const file = await openDocx(await renderDocx(doc, t, 'en'));
  assert.equal((file.html.match(/<h1>/g) ?? []).length, 1);
  assert.ok(file.html.includes('<h1>Annual board report 2025 to 2026: Ŵ ŷ &lt;b&gt;&amp;&lt;/b&gt;</h1>'), 'the title as Heading 1, escaped');
  assert.ok(file.html.includes('<h2>Are we doing things differently?</h2>'));
  assert.ok(file.html.includes('<h3>How we involved people</h3>'));
  assert.equal((file.html.match(/<table>/g) ?? []).length, 3);
  assert.ok(file.html.includes('<th><p><strong>Level</strong></p></th>') || /<thead>[\s\S]*Level/.test(file.html), 'the header row is a header');
  assert.equal((file.xml.match(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/g) ?? []).length, 3, 'each table’s header row repeats on every page');
  assert.match(file.html, /<img alt="Informing had the most activities; co-production had 12 planned\." src="data:image\/png;base64,/);
  assert.match(file.footers, /PAGE/);
  assert.match(file.footers, /NUMPAGES/);
  assert.ok(file.headers.includes('Annual board report 2025 to 2026'));
  const text = squash(file.text);
  for (const expected of expectedTexts()) assert.ok(text.includes(squash(expected)), `the DOCX shows "${expected}"`);
  assert.ok(text.includes('Written by Riverside Parent Carer Forum'));
});

test('the XLSX has an About sheet first, the key figures, then one sheet per table with its header row; counts are numbers and hidden counts are words', async () => {
  const book = await openXlsx(await renderXlsx(doc, t, 'en'));
  assert.equal(book.names[0], 'About');
  assert.equal(book.names[1], 'Key figures');
  assert.equal(book.names.length, 2 + 3, 'one sheet per table');
  const about = book.sheets.get('About')!;
  assert.deepEqual(about[0], ['Title', doc.header.title]);
  assert.ok(about.some((row) => row[0] === 'Period' && row[1] === '1 September 2025 to 31 August 2026'));
  assert.ok(about.some((row) => row[0] === 'About the figures' && String(row[1]).includes('fewer than 8')));
  const levels = book.sheets.get(book.names[2]!)!;
  assert.deepEqual(levels, [
    ['Level', 'Planned', 'Achieved'],
    ['Informing', 24, 20],
    ['Consulting', 'fewer than 8', 9],
    ['Co-production', 12, 'hidden'],
  ]);
  const themes = book.sheets.get(book.names[3]!)!;
  assert.equal(themes[1]![1], '120 (40%)', 'a count with its share is written as the page shows it');
  assert.equal(themes[2]![0], `'=HYPERLINK("http://evil")`, 'text that would be a formula is neutralised');
  const figures = book.sheets.get('Key figures')!;
  assert.deepEqual(figures[1], ['How we involved people', 'Activities held', 1204, '']);
  assert.equal(figures[2]![2], 'fewer than 8');
  const cells = xlsxTexts(book);
  for (const expected of expectedTexts()) assert.ok(cells.includes(expected), `the XLSX holds "${expected}"`);
});

test('sheet names are ones Excel accepts: at most 31 characters, no forbidden characters, none twice, never "History"', () => {
  const names = sheetNames(['About', 'about', 'Themes: [draft]/final?*\\', 'A'.repeat(40), 'A'.repeat(40), 'History', '', "'quoted'"]);
  assert.deepEqual(names, ['About', 'about (2)', 'Themes draft final', 'A'.repeat(31), `${'A'.repeat(27)} (2)`, 'History (sheet)', 'Sheet', 'quoted']);
  for (const name of names) assert.ok(name.length <= 31 && !/[:\\/?*[\]]/.test(name));
});

test('a file name is the title and period in safe letters', () => {
  assert.equal(reportFileName(doc, 'pdf'), 'annual-board-report-2025-to-2026-w-y-b-b-2025-09-01-to-2026-08-31.pdf');
  assert.equal(reportFileName(sampleDocument({ title: '"; rm -rf / \r\n' }), 'docx'), 'rm-rf-2025-09-01-to-2026-08-31.docx');
  assert.equal(reportFileName(sampleDocument({ title: 'ŵŷ' }), 'xlsx'), 'wy-2025-09-01-to-2026-08-31.xlsx');
});

test('Welsh: the Word file and the workbook use Welsh for their own words and keep ŵ and ŷ', async () => {
  const cy = translator('cy');
  const welsh = sampleDocument({ lang: 'cy', title: 'Adroddiad blynyddol: dŵr a thŷ' });
  const word = await openDocx(await renderDocx(welsh, cy, 'cy'));
  assert.ok(word.html.includes('<h1>Adroddiad blynyddol: dŵr a thŷ</h1>'));
  assert.match(word.footers, /Tudalen /);
  assert.match(word.xml, /llai nag 8/);
  const book = await openXlsx(await renderXlsx(welsh, cy, 'cy'));
  assert.equal(book.names[0], 'Amdano');
  assert.deepEqual(book.sheets.get('Amdano')![0], ['Teitl', 'Adroddiad blynyddol: dŵr a thŷ']);
});
