/**
 * The published reports anyone can read (issue 14 §3): the list, a report's page and its easy-read
 * version show published reports only, from their frozen snapshot; a draft, another area's report and
 * a made-up id are "page not found"; the staff easy-read preview works for any report; and the
 * privacy note's promises hold on the page (no names, 1 to 7 shown as "fewer than 8").
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { translator } from '../../lib/messages/messages.ts';
import { createEnvironment } from '../../plugins/views.ts';
import { REPORT_SECTIONS } from '../../report-sections.ts';
import { readPage } from '../../testing/dom.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import type { ReportDocument } from './document.ts';
import { approveReport, createReport, getReport, publishReport, submitForReview, writePart } from './reports.service.ts';
import { countCell, emptySection } from './sections.ts';

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;
const tr = translator('en');
let publishedId: string;
let draftId: string;
let northValeId: string;

async function makeReport(areaId: string, title: string, publish: boolean): Promise<string> {
  const id = await createReport(t.db, REPORT_SECTIONS, areaId, null, {
    kind: 'board', title, audienceBoardId: null, audienceText: 'SEND Partnership Board', authors: 'Riverside Parent Carer Forum and the participation team',
    scope: { kind: 'area' }, from: '2025-09-01', to: '2026-12-31',
  }, tr);
  // The parent carer forum's own part, written by an area admin for the test.
  const adminId = areaId === fx.riverside.id ? fx.riverside.memberIds.area_admin : fx.northVale.adminId;
  const admin = { accountId: adminId, email: 'admin@example.com', displayName: 'Admin', isOperator: false, rolesByArea: new Map([[areaId, ['area_admin' as const]]]) };
  const view = await getReport(t.db, REPORT_SECTIONS, areaId, id, tr);
  const forumPart = view.parts.find((p) => p.kind === 'written')!;
  const saved = await writePart(t.db, REPORT_SECTIONS, areaId, admin, id, forumPart.id, 'We were listened to this year.\n\nBut the letters still came late.', forumPart.version, tr);
  assert.ok(saved.ok);
  if (publish) {
    await submitForReview(t.db, areaId, null, id);
    await approveReport(t.db, areaId, null, id);
    await publishReport(t.db, REPORT_SECTIONS, areaId, null, id, tr, 'en');
  }
  return id;
}

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
  publishedId = await makeReport(fx.riverside.id, 'Annual board report for the public test', true);
  draftId = await makeReport(fx.riverside.id, 'Six-month draft for the public test', false);
  northValeId = await makeReport(fx.northVale.id, 'North Vale secret report', true);
});
after(async () => {
  await app?.close();
  await t?.drop();
});

test('the public list shows the area\'s published reports only, with a link from the area home page', async () => {
  const anyone = new Client(app);
  const page = readPage((await anyone.get('/a/riverside/reports')).body);
  assert.equal(page.heading(), 'Reports');
  const links = page.links();
  assert.ok(links.some((l) => l.name === 'Annual board report for the public test' && l.href === `/a/riverside/reports/${publishedId}`));
  assert.ok(!page.text().includes('Six-month draft'), 'a draft is not listed');
  assert.ok(!page.text().includes('North Vale'), 'another area\'s report is not listed');
  const home = readPage((await anyone.get('/a/riverside')).body);
  assert.ok(home.links().some((l) => l.href === '/a/riverside/reports'));
  const nv = readPage((await anyone.get('/a/north-vale/reports')).body);
  assert.ok(nv.text().includes('North Vale secret report'));
  assert.ok(!nv.text().includes('Annual board report for the public test'));
});

test('a published report reads as a page: cover, published date, contents, the four questions, privacy note, downloads and easy read', async () => {
  const anyone = new Client(app);
  const response = await anyone.get(`/a/riverside/reports/${publishedId}`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'Annual board report for the public test');
  const text = page.text();
  assert.match(text, /Published on \d+ \w+ \d{4}\. The figures are as they were on .*; they will not change\./);
  assert.ok(!text.includes('these figures will change'), 'no draft banner');
  assert.match(text, /Period\s*1 September 2025 to 31 December 2026/);
  assert.match(text, /For\s*SEND Partnership Board/);
  assert.ok(page.getByRole('navigation', { name: 'Contents' }));
  for (const [i, q] of ['differently', 'impactOnUsers', 'impactOnParticipants', 'whoTakesPart'].entries()) assert.ok(page.getByRole('heading', { level: 2, name: `Question ${i + 1} of 4 ${tr(`evaluation.impact.questions.${q}`)}` }));
  assert.ok(page.getByRole('heading', { level: 2, name: 'How we keep people private' }));
  // The parent carer forum's part, credited to the forum, in full.
  const forum = page.section('What parent carers say');
  assert.match(forum, /Written by Riverside Parent Carer Forum/);
  assert.match(forum, /We were listened to this year\..*But the letters still came late\./);
  const hrefs = page.links().map((l) => l.href);
  for (const suffix of ['/easy-read', '/report.pdf', '/report.docx', '/report.xlsx']) assert.ok(hrefs.includes(`/a/riverside/reports/${publishedId}${suffix}`), suffix);
  // The running header for print carries the title as a CSS escape, never raw.
  assert.match(response.body, /@top-left \{ content: "Annual board report for the public test"/);
});

test('a draft, an unknown or malformed id, and another area\'s report are "page not found" on the public pages', async () => {
  const anyone = new Client(app);
  for (const url of [
    `/a/riverside/reports/${draftId}`,
    `/a/riverside/reports/${draftId}/easy-read`,
    `/a/riverside/reports/00000000-0000-4000-8000-000000000000`,
    '/a/riverside/reports/not-an-id',
    `/a/riverside/reports/${northValeId}`,
    `/a/north-vale/reports/${publishedId}`,
    `/a/north-vale/reports/${publishedId}/easy-read`,
  ]) {
    const response = await anyone.get(url);
    assert.equal(response.statusCode, 404, url);
    assert.ok(!response.body.includes('North Vale secret report') || url.startsWith('/a/north-vale/reports/'), url);
  }
});

test('the easy-read version: the title, who it is for, each section\'s short sentences with symbols, a link to the full report', async () => {
  const anyone = new Client(app);
  const response = await anyone.get(`/a/riverside/reports/${publishedId}/easy-read`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'Annual board report for the public test');
  assert.ok(page.getByText('This is a short version of a report.'));
  assert.ok(page.getByText('We wrote it for SEND Partnership Board.'));
  assert.ok(page.getByText('It tells you what happened from 1 September 2025 to 31 December 2026.'));
  const symbols = [...page.document.querySelectorAll('main img.chorus-symbol')];
  assert.ok(symbols.length >= 4);
  for (const img of symbols) assert.equal(img.getAttribute('alt'), '', 'the sentence beside it says what it means');
  assert.ok(page.links().some((l) => l.href === `/a/riverside/reports/${publishedId}` && l.name === 'Read the full report'));
  // Headings in words a child knows, not the board's ("Lundy scores: space, voice, …").
  const headings = [...page.document.querySelectorAll('main h2')].map((h) => h.textContent?.trim());
  assert.ok(headings.includes('Did we listen well?'), headings.join(' | '));
  assert.ok(headings.includes('What changed because of you'), headings.join(' | '));
  assert.ok(!headings.some((h) => h?.startsWith('Lundy scores')), headings.join(' | '));
  // The forum's own words: their first paragraph only.
  assert.ok(page.getByText('Riverside Parent Carer Forum says:'));
  assert.ok(page.getByText('We were listened to this year.'));
  assert.ok(!page.text().includes('the letters still came late'));
});

test('staff preview the easy-read version of any report, a draft too; not without an account or from another area', async () => {
  const lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
  const draft = await lead.get(`/a/riverside/manage/reports/${draftId}/easy-read`);
  assert.equal(draft.statusCode, 200);
  const page = readPage(draft.body);
  assert.ok(page.getByText('This report is not finished yet. The numbers may change.'));
  assert.ok(page.getByText(/This is how the easy-read version will look/));
  const anyone = new Client(app);
  const anonymous = await anyone.get(`/a/riverside/manage/reports/${draftId}/easy-read`);
  assert.notEqual(anonymous.statusCode, 200);
  assert.equal((await lead.get(`/a/riverside/manage/reports/${northValeId}/easy-read`)).statusCode, 404);
});

test('names never appear: no participant\'s or member\'s name, email or words typed with their details reach the public page', async () => {
  const anyone = new Client(app);
  const html = [(await anyone.get(`/a/riverside/reports/${publishedId}`)).body, (await anyone.get(`/a/riverside/reports/${publishedId}/easy-read`)).body].join('\n');
  for (const secret of ['Only child', 'Only young person', 'Only parent carer', 'only-child@riverside.example', '07700 900123', 'Zebedee Quux', 'North Vale']) assert.ok(!html.includes(secret), secret);
});

test('the public pages read a fixed number of queries: the list the same for 2 reports as for 5, a report the same whatever it holds', async (ctx) => {
  const counter = countingDb(t.db);
  const countingApp = await testApp(counter.db);
  try {
    const anyone = new Client(countingApp);
    const count = async (url: string) => {
      counter.reset();
      assert.equal((await anyone.get(url)).statusCode, 200, url);
      return counter.count();
    };
    const listBefore = await count('/a/riverside/reports');
    const reportPage = await count(`/a/riverside/reports/${publishedId}`);
    const easyRead = await count(`/a/riverside/reports/${publishedId}/easy-read`);
    for (let i = 0; i < 3; i++) await makeReport(fx.riverside.id, `Extra report ${i}`, true);
    assert.equal(await count('/a/riverside/reports'), listBefore, 'the list: one query for all reports');
    assert.equal(await count(`/a/riverside/reports/${publishedId}`), reportPage);
    ctx.diagnostic(`queries: list ${listBefore}, report ${reportPage}, easy read ${easyRead}`);
    assert.ok(reportPage <= 6 && easyRead <= 6, `a published report is read from its snapshot (${reportPage} and ${easyRead} queries)`);
  } finally {
    await countingApp.close();
  }
});

// ── The template itself, with a document made here (the promises of the privacy note) ──────────

const env = createEnvironment();
function render(document: ReportDocument, template = 'reports/views/document/body.njk'): string {
  return env.render(template, { document, t: tr, lang: 'en' });
}
const smallDocument: ReportDocument = {
  header: {
    id: 'r', kind: 'local_account', title: 'Small numbers', audience: 'Board', authors: 'Forum', scope: { kind: 'area' }, scopeLabel: 'Riverside', from: '2026-01-01', to: '2026-06-30',
    status: 'draft', edition: 1, approvedAt: null, publishedAt: null, areaName: 'Riverside', areaSlug: 'riverside', lang: 'en',
  },
  questions: [],
  sections: [{
    partId: 'p1', kind: 'section', key: 'x', title: 'Who came', question: null, commentary: [], writtenBy: null,
    content: {
      ...emptySection('x'), empty: false, paragraphs: [],
      figures: [{ label: 'Children', ...countCell(3, 'small') }, { label: 'Parents', ...countCell(97) }],
      tables: [{ id: 't', caption: 'By age', columns: [{ label: 'Age' }, { label: 'People', numeric: true }], rows: [['Younger', countCell(3, 'small')], ['Middle', countCell(6, 'secondary')], ['Older', countCell(86)]] }],
      charts: [{ id: 'c', title: 'By age', description: 'People by age', tableId: 't', labelColumn: 0, valueColumns: [1] }],
    },
  }],
  builtAt: '2026-07-01T09:00:00.000Z',
  frozen: false,
};

test('counts of 1 to 7 are shown as "fewer than 8" and the hidden numbers appear nowhere, in figures, tables and charts', () => {
  const html = render(smallDocument);
  const page = readPage(`<main>${html}</main>`);
  assert.ok(page.getByText('fewer than 8', { selector: '.chorus-report__figure-value' }));
  assert.deepEqual(page.tableRows('By age'), [['Younger', 'fewer than 8'], ['Middle', 'hidden'], ['Older', '86']]);
  const numbers = new Set(html.replace(/<[^>]+>/g, ' ').match(/\b\d+\b/g));
  assert.ok(numbers.has('86') && numbers.has('97'), 'shown numbers are there');
  for (const hidden of ['3', '6']) assert.ok(!numbers.has(hidden), `the hidden ${hidden} is nowhere in the page's text`);
  assert.match(html, /Draft: these figures will change until it is published\./);
  assert.ok(page.getByRole('heading', { level: 2, name: 'Who came' }), 'without questions, sections are h2');
});

test('the report template has no field that could carry a person\'s name: it reads only the document\'s own fields', () => {
  const source = ['body.njk', 'easy-read.njk'].map((f) => readFileSync(new URL(`./views/document/${f}`, import.meta.url), 'utf8')).join('\n');
  const headerFields = new Set([...source.matchAll(/\bh\.([a-zA-Z]+)/g)].map((m) => m[1]));
  assert.deepEqual([...headerFields].sort(), ['areaName', 'audience', 'authors', 'edition', 'from', 'kind', 'publishedAt', 'scopeLabel', 'status', 'title', 'to']);
  const sectionFields = new Set([...source.matchAll(/\bs\.([a-zA-Z]+)/g)].map((m) => m[1]));
  assert.deepEqual([...sectionFields].sort(), ['commentary', 'content', 'easyReadTitle', 'kind', 'missing', 'title', 'writtenBy']);
  // writtenBy is the part's forum's name (or null); the header's authors and audience are the report's own words.
});

test('the running header for print carries any title safely: nothing in it can end the string or the style element', () => {
  const hostile = { ...smallDocument, header: { ...smallDocument.header, title: 'Board "report" </style><script>alert(1)</script> \\ ŵ' } };
  const html = env.render('reports/views/document/print-head.njk', { document: hostile, styleNonce: 'n' });
  assert.ok(!html.includes('<script>') && html.split('</style>').length === 2, 'one style element, no script');
  const content = /@top-left \{ content: "([^"]*)"/.exec(html)?.[1] ?? '';
  assert.match(content, /^[A-Za-z0-9 \\]*$/, 'only letters, digits, spaces and escapes');
  // Decoded as CSS would, it is the title.
  assert.equal(content.replace(/\\([0-9a-f]+) /g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))), hostile.header.title);
});

test("in Welsh, the report's own words stay as written and the page's words are Welsh", async () => {
  const anyone = new Client(app);
  const page = readPage((await anyone.get(`/a/riverside/reports/${publishedId}?lang=cy`)).body);
  assert.equal(page.heading(), 'Annual board report for the public test');
  assert.ok(page.getByRole('heading', { level: 2, name: 'Cynnwys' }));
  assert.ok(page.getByRole('heading', { level: 2, name: 'Sut rydym yn cadw pobl yn breifat' }));
});
