/**
 * The reports workflow through its pages (issue 14 §1, §2): making a report (its parts from the
 * section registry, the forums' written parts), the whole way from draft to published, two authors
 * writing the same part (the second sees both and loses nothing), publishing freezes the figures while
 * a new version's draft shows the new ones, only approved reports publish, nothing published can be
 * edited, a writer writes only their own part, another area's report is not there, and the list and
 * report pages take the same number of queries however many reports and parts there are.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import type { Actor } from '../../lib/authorisation.ts';
import { translator } from '../../lib/messages/messages.ts';
import { readPage, within } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity } from '../activities/activities.service.ts';
import { REPORT_SECTIONS } from '../../report-sections.ts';
import { countCell, type ReportSectionDefinition } from './sections.ts';
import * as reports from './reports.service.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;

const en = translator('en');
const email = (role: string) => `only-${role.replace('_', '-')}@riverside.example`;
const base = '/a/riverside/manage/reports';
const versionIn = (html: string) => readPage(html).hiddenValue('version') ?? '';
const locationOf = (response: { headers: Record<string, unknown> }) => String(response.headers.location ?? '');
const idFrom = (location: string) => location.split('/').pop()!;

async function signedIn(role: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(email(role));
  return client;
}

/**
 * A small section list of the test's own, so the freeze test does not depend on the other modules'
 * sections: activities made in the period, counted in one query.
 */
const ACTIVITIES_MADE: ReportSectionDefinition = {
  key: 'test.activities_made',
  order: 1,
  kinds: ['board', 'local_account', 'annual_publication'],
  question: null,
  title: () => 'Activities made',
  build: async (context) => {
    const row = await withArea(context.db, context.areaId, (tx) =>
      tx
        .selectFrom('activity')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('area_id', '=', context.areaId)
        .where((eb) => eb(eb.fn('date', [eb.ref('created_at')]), '>=', context.from))
        .where((eb) => eb(eb.fn('date', [eb.ref('created_at')]), '<=', context.to))
        .executeTakeFirstOrThrow(),
    );
    const count = Number(row.n);
    return { paragraphs: [`${count} activities were made.`], figures: [{ label: 'Activities made', ...countCell(count) }], tables: [], charts: [], quotes: [], notes: [], easyRead: [], empty: count === 0 };
  },
};
const TEST_SECTIONS: readonly ReportSectionDefinition[] = [ACTIVITIES_MADE];

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const newReportForm = (overrides: Record<string, string> = {}) => ({
  kind: 'board',
  period: 'year',
  'from-day': '',
  'from-month': '',
  'from-year': '',
  'to-day': '',
  'to-month': '',
  'to-year': '',
  title: '',
  audience: 'other',
  audienceText: 'The SEND Partnership Board',
  authors: 'Riverside Parent Carer Forum and the participation team',
  scope: 'area',
  organisationId: '',
  service: '',
  ...overrides,
});

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
});

after(async () => {
  await app?.close();
  await t?.drop();
});

/** Makes a board report through the page, as a lead; returns its id. */
async function makeReport(lead: Client, overrides: Record<string, string> = {}): Promise<string> {
  await lead.get(`${base}/new`);
  const made = await lead.post(`${base}/new`, newReportForm(overrides));
  assert.equal(made.statusCode, 303, made.body);
  return idFrom(locationOf(made));
}

test('a board report starts with one part per registered board section, in order, and the forums\' two written parts', async () => {
  const lead = await signedIn('participation_lead');
  const id = await makeReport(lead);
  const page = readPage((await lead.get(`${base}/${id}`)).body);
  assert.match(page.heading(), /^Board report: /);
  const cards = page.getAllByRole('heading', { level: 3 }).map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
  const expected = reports.sectionsForKind(REPORT_SECTIONS, 'board').map((s, i) => `${i + 1}. ${s.title(en)}`);
  const n = expected.length;
  assert.deepEqual(cards, [...expected, `${n + 1}. What parent carers say`, `${n + 2}. What children and young people say`]);
  // The written parts are credited to the area's forums of those audiences.
  const view = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en);
  assert.equal(view.parts.at(-2)!.forumName, 'Riverside Parent Carer Forum');
  assert.equal(view.parts.at(-1)!.forumName, 'Riverside Youth Council');
  assert.equal(view.report.status, 'draft');
  const year = Number(today().slice(0, 4));
  assert.equal(view.report.to, today());
  assert.ok(view.report.from.startsWith(String(year - 1)));
});

test('the new report form: every problem in one round, in the page\'s order, and what was typed is kept', async () => {
  const lead = await signedIn('participation_lead');
  await lead.get(`${base}/new`);
  const response = await lead.post(`${base}/new`, newReportForm({ kind: '', period: 'custom', 'from-day': '31', 'from-month': '2', 'from-year': '2026', authors: '', audienceText: '', scope: 'service', service: 'Not a service' }));
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  assert.deepEqual(page.errorLinks(), [
    '#kind Select what kind of report it is',
    '#from-day The start date must be a real date',
    '#to-day Enter the date the period ends',
    '#audienceText Enter who the report is for',
    '#authors Enter who wrote the report',
    '#service Select the service the report covers',
  ]);
  assert.match(page.document.title, /^Error: /);
  assert.equal(within(page.getByRole('group', { name: /^From/ })).getByLabelText('Day').getAttribute('value'), '31');
  // The end before the start is refused.
  const reversed = await lead.post(`${base}/new`, newReportForm({ period: 'custom', 'from-day': '2', 'from-month': '3', 'from-year': '2026', 'to-day': '1', 'to-month': '3', 'to-year': '2026' }));
  assert.equal(reversed.statusCode, 422);
  assert.deepEqual(readPage(reversed.body).errorSummary(), ['The end date must be the same as or after the start date']);
  // Any dates, a title of their own, one organisation.
  const org = (await reports.reportChoices(t.db, areas.riverside.id)).organisations.find((o) => o.name === 'Riverside NHS Trust')!;
  const ok = await lead.post(`${base}/new`, newReportForm({ kind: 'local_account', period: 'custom', 'from-day': '1', 'from-month': '4', 'from-year': '2026', 'to-day': '30', 'to-month': '9', 'to-year': '2026', title: 'Our own title', scope: 'organisation', organisationId: org.id }));
  assert.equal(ok.statusCode, 303);
  const view = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, idFrom(locationOf(ok)), en);
  assert.equal(view.report.title, 'Our own title');
  assert.deepEqual([view.report.from, view.report.to], ['2026-04-01', '2026-09-30']);
  assert.equal(view.report.scopeLabel, 'Riverside NHS Trust');
  assert.ok(view.parts.every((p) => p.kind === 'section'), 'a local account has no forums\' parts by default');
});

test('the whole way: draft → review → approved (who approved) → published (frozen), with its history; then nothing can be edited, and a new version is a draft', async () => {
  const lead = await signedIn('participation_lead');
  const id = await makeReport(lead);
  let page = readPage((await lead.get(`${base}/${id}`)).body);
  // A lead cannot approve; a decision maker cannot publish.
  assert.equal(page.queryByRole('button', { name: 'Approve this report' }), null);
  assert.equal((await lead.post(`${base}/${id}/submit`)).statusCode, 303);
  assert.equal((await lead.post(`${base}/${id}/approve`)).statusCode, 403);

  const approver = await signedIn('decision_maker');
  page = readPage((await approver.get(`${base}/${id}`)).body);
  page.getByRole('button', { name: 'Approve this report' });
  assert.equal((await approver.post(`${base}/${id}/approve`)).statusCode, 303);
  assert.equal((await approver.post(`${base}/${id}/publish`)).statusCode, 403);

  await lead.get(`${base}/${id}`);
  const published = await lead.post(`${base}/${id}/publish`);
  assert.equal(published.statusCode, 303);
  page = readPage((await lead.get(`${base}/${id}`)).body);
  assert.match(page.text(), /Published/);
  assert.match(page.text(), /By Only decision_maker/);
  assert.match(page.text(), /By Only participation_lead/);
  const history = readPage((await lead.get(`${base}/${id}/history`)).body).text();
  for (const line of ['Published it Only participation_lead', 'Approved it Only decision_maker', 'Sent it for review Only participation_lead', 'Made the report Only participation_lead']) {
    assert.ok(history.includes(line), `history has "${line}": ${history}`);
  }
  assert.ok(history.indexOf('Published it') < history.indexOf('Approved it'), 'newest first');

  // Nothing published can be edited: every edit is refused with a clear page, and nothing changes.
  const view = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en);
  const part = view.parts[0]!;
  const attempts = [
    [`${base}/${id}/details`, { ...newReportForm({ title: 'Changed' }), version: String(view.report.version), 'from-day': '1', 'from-month': '1', 'from-year': '2026', 'to-day': '2', 'to-month': '1', 'to-year': '2026' }],
    [`${base}/${id}/parts/${part.id}`, { commentary: 'Changed after publishing', version: String(part.version) }],
    [`${base}/${id}/parts/${part.id}/move`, { direction: 'down', version: String(view.report.version) }],
    [`${base}/${id}/parts/${part.id}/remove`, { version: String(view.report.version) }],
    [`${base}/${id}/parts/new`, { title: 'A late part', forumId: '', writerAccountId: '', version: String(view.report.version) }],
    [`${base}/${id}/parts/${part.id}/writer`, { forumId: '', writerAccountId: '', version: String(view.report.version) }],
    [`${base}/${id}/delete`, {}],
  ] as const;
  for (const [url, form] of attempts) {
    const response = await lead.post(url, { ...form });
    assert.equal(response.statusCode, 409, url);
    assert.equal(readPage(response.body).heading(), 'This report is published and cannot be changed', url);
  }
  const after = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en);
  assert.deepEqual(after.parts.map((p) => [p.id, p.commentary, p.position]), view.parts.map((p) => [p.id, p.commentary, p.position]));
  assert.equal(after.report.title, view.report.title);
  // Sending back or publishing again is refused too.
  assert.equal((await approver.post(`${base}/${id}/send-back`, { reason: 'Too late' })).statusCode, 409);

  // A new version: a draft, edition 2, same parts and words, remembering where it came from.
  await lead.get(`${base}/${id}`);
  const made = await lead.post(`${base}/${id}/new-version`);
  assert.equal(made.statusCode, 303);
  const nextId = idFrom(locationOf(made));
  assert.notEqual(nextId, id);
  const next = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, nextId, en);
  assert.equal(next.report.status, 'draft');
  assert.equal(next.report.edition, 2);
  assert.equal(next.report.previousReportId, id);
  assert.deepEqual(next.parts.map((p) => p.heading), view.parts.map((p) => p.heading));
  // Asking twice gives the same new version, not a third.
  assert.equal(locationOf(await lead.post(`${base}/${id}/new-version`)), locationOf(made));
});

test('only an approved report publishes; a decision maker sends one back with a reason', async () => {
  const lead = await signedIn('participation_lead');
  const id = await makeReport(lead);
  await lead.get(`${base}/${id}`);
  const early = await lead.post(`${base}/${id}/publish`);
  assert.equal(early.statusCode, 409);
  assert.match(readPage(early.body).text(), /Nothing was changed: the report is now "Draft"/);
  await lead.post(`${base}/${id}/submit`);
  assert.equal((await lead.post(`${base}/${id}/publish`)).statusCode, 409);
  const row = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('report').select(['status', 'snapshot', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow());
  assert.deepEqual(row, { status: 'review', snapshot: null, published_at: null });

  const approver = await signedIn('decision_maker');
  await approver.get(`${base}/${id}/send-back`);
  const blank = await approver.post(`${base}/${id}/send-back`, { reason: '  ' });
  assert.equal(blank.statusCode, 422);
  assert.deepEqual(readPage(blank.body).errorSummary(), ['Enter why you are sending it back']);
  assert.equal((await approver.post(`${base}/${id}/send-back`, { reason: 'Add the young people\'s part, please.' })).statusCode, 303);
  const history = readPage((await approver.get(`${base}/${id}/history`)).body).text();
  assert.match(history, /Sent it back to draft: Add the young people's part, please\. Only decision_maker/);
  assert.equal((await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en)).report.status, 'draft');
});

test('two authors writing the same part: the second sees what the first saved beside their own words, and nothing is lost', async () => {
  const lead = await signedIn('participation_lead');
  const admin = await signedIn('area_admin');
  const id = await makeReport(lead);
  const part = (await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en)).parts[0]!;
  const url = `${base}/${id}/parts/${part.id}`;
  const leadPage = await lead.get(url);
  const adminPage = await admin.get(url);
  assert.equal(versionIn(leadPage.body), versionIn(adminPage.body));

  const first = await lead.post(url, { commentary: 'The lead\'s words.\n\nA second paragraph.', version: versionIn(leadPage.body) });
  assert.equal(first.statusCode, 303);
  const second = await admin.post(url, { commentary: 'The admin\'s words.', version: versionIn(adminPage.body) });
  assert.equal(second.statusCode, 409);
  const page = readPage(second.body);
  assert.match(page.text(), /Someone else changed this while you were working on it/);
  assert.match(page.text(), /Only participation_lead saved a change first/);
  // Theirs is shown, and what this person typed is still in the box.
  assert.match(page.text(), /What Only participation_lead saved The lead's words\.\s*A second paragraph\./);
  assert.equal(page.valueOf(/What you typed/), 'The admin\'s words.');
  // Nothing was overwritten.
  assert.equal((await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en)).parts[0]!.commentary, 'The lead\'s words.\n\nA second paragraph.');
  // Saving again from the conflict page (which carries the new version) saves it, knowingly.
  const again = await admin.post(url, { commentary: 'The admin\'s words, after reading the lead\'s.', version: versionIn(second.body) });
  assert.equal(again.statusCode, 303);
  assert.equal((await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en)).parts[0]!.commentary, 'The admin\'s words, after reading the lead\'s.');
  // The same words saved twice from one version (a double click) are not a conflict.
  const page2 = await lead.get(url);
  const words = { commentary: 'Same words.', version: versionIn(page2.body) };
  assert.equal((await lead.post(url, words)).statusCode, 303);
  assert.equal((await lead.post(url, words)).statusCode, 303);
});

test('ten writers saving one part from the same version at once: exactly one wins, the others are told, nothing is half-saved', async () => {
  const id = await reports.createReport(t.db, TEST_SECTIONS, areas.riverside.id, null, { kind: 'board', title: 'Race', audienceBoardId: null, audienceText: 'Board', authors: 'Us', scope: { kind: 'area' }, from: '2026-01-01', to: '2026-06-30' }, en);
  const view = await reports.getReport(t.db, TEST_SECTIONS, areas.riverside.id, id, en);
  const part = view.parts[0]!;
  const actor: Actor = { accountId: areas.riverside.memberIds.participation_lead, email: email('participation_lead'), displayName: 'Lead', isOperator: false, rolesByArea: new Map([[areas.riverside.id, ['participation_lead'] as const]]) };
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => reports.writePart(t.db, TEST_SECTIONS, areas.riverside.id, actor, id, part.id, `Writer ${i}`, part.version, en)));
  assert.equal(results.filter((r) => r.ok).length, 1);
  const saved = (await reports.getReport(t.db, TEST_SECTIONS, areas.riverside.id, id, en)).parts[0]!;
  assert.equal(saved.version, part.version + 1);
  assert.match(saved.commentary, /^Writer \d$/);
  for (const r of results) if (!r.ok) assert.equal(r.current.commentary, saved.commentary);
});

test('publishing freezes the figures: activities added afterwards leave the published document unchanged; a new version shows them', async () => {
  const area = areas.riverside.id;
  const lead = areas.riverside.memberIds.participation_lead;
  const from = '2020-01-01';
  const to = today();
  const id = await reports.createReport(t.db, TEST_SECTIONS, area, lead, { kind: 'board', title: 'Frozen', audienceBoardId: null, audienceText: 'Board', authors: 'Us', scope: { kind: 'area' }, from, to }, en);
  await reports.submitForReview(t.db, area, lead, id);
  await reports.approveReport(t.db, area, areas.riverside.memberIds.decision_maker, id);
  await reports.publishReport(t.db, TEST_SECTIONS, area, lead, id, en, 'en');
  const before = await reports.publishedDocument(t.db, area, id);
  const figure = (doc: Awaited<ReturnType<typeof reports.publishedDocument>>) => doc.sections.find((s) => s.key === 'test.activities_made')!.content!.figures[0]!.value;
  const counted = figure(before)!;
  assert.ok(before.frozen);
  assert.equal(before.header.status, 'published');

  for (let i = 0; i < 3; i += 1) await createActivity(t.db, area, null, testActivity({ title: `Made after publishing ${i}` }));

  const afterwards = await reports.publishedDocument(t.db, area, id);
  assert.deepEqual(afterwards, before);
  assert.equal(figure(await reports.reportDocumentForStaff(t.db, TEST_SECTIONS, area, id, en, 'en')), counted, 'staff read the frozen copy too');
  const nextId = await reports.makeNewVersion(t.db, area, lead, id);
  const draft = await reports.reportDocumentForStaff(t.db, TEST_SECTIONS, area, nextId, en, 'en');
  assert.equal(figure(draft), counted + 3);
  assert.equal(draft.frozen, false);
  // And through the pages with the real sections: the published report's preview is the snapshot.
  const client = await signedIn('participation_lead');
  const preview = await client.get(`${base}/${id}/preview`);
  assert.equal(preview.statusCode, 200);
  assert.match(readPage(preview.body).heading(), /Frozen/);
  // The report page leads staff to every way of reading it, and each link works.
  const links = readPage((await client.get(`${base}/${id}`)).body).links();
  const expected: Array<[RegExp, string]> = [
    [/^Easy read version/, 'text/html'],
    [/^Download as PDF$/, 'application/pdf'],
    [/^Download as a Word document$/, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [/^Download the tables as a spreadsheet$/, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    [/^The published report on the public site$/, 'text/html'],
  ];
  for (const [name, type] of expected) {
    const link = links.find((l) => name.test(l.name));
    assert.ok(link, `no link ${name}`);
    const response = await client.get(link.href);
    assert.equal(response.statusCode, 200, link.href);
    assert.ok(String(response.headers['content-type']).startsWith(type), `${link.href}: ${response.headers['content-type']}`);
  }
});

test('the published list and document: only published reports, and NotFound for a draft', async () => {
  const area = areas.riverside.id;
  const id = await reports.createReport(t.db, TEST_SECTIONS, area, null, { kind: 'local_account', title: 'Not yet', audienceBoardId: null, audienceText: 'Families', authors: 'Us', scope: { kind: 'area' }, from: '2026-01-01', to: '2026-03-31' }, en);
  await assert.rejects(reports.publishedDocument(t.db, area, id), /Not found/);
  await assert.rejects(reports.publishedDocument(t.db, area, 'not-an-id'), /Not found/);
  const listed = await reports.listPublishedReports(t.db, area);
  assert.ok(!listed.some((r) => r.id === id));
  assert.ok(listed.every((r, i) => i === 0 || r.publishedAt <= listed[i - 1]!.publishedAt), 'newest first');
});

test('a writer writes only the part given to them, finds it on their own list, and is refused every other part', async () => {
  const lead = await signedIn('participation_lead');
  const id = await makeReport(lead);
  const view = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en);
  const parentPart = view.parts.find((p) => p.heading === 'What parent carers say')!;
  const otherPart = view.parts.find((p) => p.heading === 'What children and young people say')!;
  // The lead gives the parent carers' part to the parent carer.
  const assignPage = await lead.get(`${base}/${id}/parts/${parentPart.id}/writer`);
  const given = await lead.post(`${base}/${id}/parts/${parentPart.id}/writer`, { forumId: parentPart.forumId!, writerAccountId: areas.riverside.memberIds.parent_carer, version: versionIn(assignPage.body) });
  assert.equal(given.statusCode, 303);

  const parent = await signedIn('parent_carer');
  // Their own page says so, and leads to the part.
  const own = readPage((await parent.get('/a/riverside/your-page')).body);
  own.getByRole('heading', { level: 2, name: 'Reports you are helping to write' });
  assert.match(own.text(), /You have been asked to write 1 part of a report\./);
  assert.equal(own.getByRole('link', { name: 'Write your parts' }).getAttribute('href'), '/a/riverside/reports/writing');
  const list = readPage((await parent.get('/a/riverside/reports/writing')).body);
  const link = list.getByRole('link', { name: 'What parent carers say' });
  assert.equal(link.getAttribute('href'), `${base}/${id}/parts/${parentPart.id}`);
  const form = await parent.get(`${base}/${id}/parts/${parentPart.id}`);
  assert.equal(form.statusCode, 200);
  assert.match(readPage(form.body).text(), /The report will say this part was written by Riverside Parent Carer Forum/);
  const saved = await parent.post(`${base}/${id}/parts/${parentPart.id}`, { commentary: 'Families told us the new short breaks are better.', version: versionIn(form.body) });
  assert.equal(saved.statusCode, 303);
  assert.equal(locationOf(saved), '/a/riverside/reports/writing');

  // Another part, the report page and the list: not theirs. A link to another part sends them to
  // their own parts, saying why, and shows nothing of it.
  const other = await parent.get(`${base}/${id}/parts/${otherPart.id}`);
  assert.equal(other.statusCode, 303);
  assert.equal(locationOf(other), '/a/riverside/reports/writing');
  assert.match(readPage((await parent.get('/a/riverside/reports/writing')).body).flash() ?? '', /That part was given to someone else to write/);
  assert.equal((await parent.post(`${base}/${id}/parts/${otherPart.id}`, { commentary: 'Not mine', version: String(otherPart.version) })).statusCode, 404);
  assert.equal((await parent.get(`${base}/${id}`)).statusCode, 403);
  assert.equal((await parent.get(base)).statusCode, 403);
  // Staff who can read reports but not write this part are told it is not theirs.
  const practitioner = await signedIn('practitioner');
  const refused = await practitioner.get(`${base}/${id}/parts/${otherPart.id}`);
  assert.equal(refused.statusCode, 303);
  assert.equal(locationOf(refused), `${base}/${id}`);
  await practitioner.get(`${base}/${id}`);
  assert.equal((await practitioner.post(`${base}/${id}/parts/${otherPart.id}`, { commentary: 'Not mine either', version: String(otherPart.version) })).statusCode, 404);
  assert.equal((await practitioner.get(`${base}/${id}`)).statusCode, 200);
  const after = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en);
  assert.equal(after.parts.find((p) => p.id === otherPart.id)!.commentary, '');
  assert.equal(after.parts.find((p) => p.id === parentPart.id)!.commentary, 'Families told us the new short breaks are better.');
  // The published document credits the forum, never the person.
  assert.equal(after.parts.find((p) => p.id === parentPart.id)!.forumName, 'Riverside Parent Carer Forum');
});

test('parts: add a written part, move it up, remove it; a stale page changes nothing', async () => {
  const lead = await signedIn('participation_lead');
  const id = await makeReport(lead);
  let page = await lead.get(`${base}/${id}/parts/new`);
  const stale = versionIn(page.body);
  const empty = await lead.post(`${base}/${id}/parts/new`, { title: '', forumId: '', writerAccountId: '', version: stale });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorSummary(), ['Enter a heading for the part']);
  assert.equal((await lead.post(`${base}/${id}/parts/new`, { title: 'What the Young Inspectors found', forumId: '', writerAccountId: '', version: stale })).statusCode, 303);
  let view = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en);
  const added = view.parts.at(-1)!;
  assert.equal(added.heading, 'What the Young Inspectors found');
  // A second add from the same (now stale) page: refused, what was typed kept.
  const again = await lead.post(`${base}/${id}/parts/new`, { title: 'Typed on a stale page', forumId: '', writerAccountId: '', version: stale });
  assert.equal(again.statusCode, 409);
  assert.equal(readPage(again.body).valueOf('Heading'), 'Typed on a stale page');
  page = await lead.get(`${base}/${id}`);
  const current = versionIn(page.body);
  assert.equal((await lead.post(`${base}/${id}/parts/${added.id}/move`, { direction: 'up', version: current })).statusCode, 303);
  view = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en);
  assert.equal(view.parts.at(-2)!.id, added.id);
  assert.deepEqual(view.parts.map((p) => p.position), view.parts.map((_p, i) => i + 1));
  // The same stale version again: nothing moves, the page says so.
  const staleMove = await lead.post(`${base}/${id}/parts/${added.id}/move`, { direction: 'up', version: current });
  assert.equal(staleMove.statusCode, 409);
  assert.match(readPage(staleMove.body).text(), /Someone changed this report's parts while you were looking/);
  assert.equal((await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en)).parts.at(-2)!.id, added.id);
  page = await lead.get(`${base}/${id}`);
  assert.equal((await lead.post(`${base}/${id}/parts/${added.id}/remove`, { version: versionIn(page.body) })).statusCode, 303);
  view = await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en);
  assert.ok(!view.parts.some((p) => p.id === added.id));
  assert.deepEqual(view.parts.map((p) => p.position), view.parts.map((_p, i) => i + 1));
});

test('two people changing the details at once: the second sees both, keeps what they typed, and nothing is lost', async () => {
  const lead = await signedIn('participation_lead');
  const admin = await signedIn('area_admin');
  const id = await makeReport(lead);
  const url = `${base}/${id}/details`;
  const a = await lead.get(url);
  const b = await admin.get(url);
  const { kind: _kind, period: _period, ...details } = newReportForm();
  const form = (title: string, html: string) => ({ ...details, title, 'from-day': '1', 'from-month': '1', 'from-year': '2026', 'to-day': '30', 'to-month': '6', 'to-year': '2026', version: versionIn(html) });
  assert.equal((await lead.post(url, form('The lead\'s title', a.body))).statusCode, 303);
  const second = await admin.post(url, form('The admin\'s title', b.body));
  assert.equal(second.statusCode, 409);
  const page = readPage(second.body);
  assert.deepEqual(page.tableRows('What is saved now, and what you typed')[0], ['Title Different', 'The lead\'s title', 'The admin\'s title']);
  assert.equal(page.valueOf('Title'), 'The admin\'s title');
  assert.equal((await reports.getReport(t.db, REPORT_SECTIONS, areas.riverside.id, id, en)).report.title, 'The lead\'s title');
});

test('another area\'s report is not there, on every page', async () => {
  const nv = areas.northVale;
  const id = await reports.createReport(t.db, TEST_SECTIONS, nv.id, nv.adminId, { kind: 'board', title: 'North Vale Secret Report', audienceBoardId: null, audienceText: 'Board', authors: 'Them', scope: { kind: 'area' }, from: '2026-01-01', to: '2026-06-30' }, en);
  const partId = (await reports.getReport(t.db, TEST_SECTIONS, nv.id, id, en)).parts[0]!.id;
  const lead = await signedIn('area_admin');
  for (const url of [`${base}/${id}`, `${base}/${id}/preview`, `${base}/${id}/history`, `${base}/${id}/details`, `${base}/${id}/parts/${partId}`, `${base}/${id}/parts/${partId}/writer`]) {
    const response = await lead.get(url);
    assert.equal(response.statusCode, 404, url);
    assert.ok(!response.body.includes('North Vale Secret Report'));
  }
  await lead.get(base);
  assert.equal((await lead.post(`${base}/${id}/submit`)).statusCode, 404);
  assert.equal((await lead.post(`${base}/${id}/parts/${partId}`, { commentary: 'x', version: '1' })).statusCode, 404);
  assert.equal((await reports.getReport(t.db, TEST_SECTIONS, nv.id, id, en)).report.status, 'draft');
});

test('the list and report pages take the same number of queries for a few reports and parts as for many', async (ctx) => {
  const counter = countingDb(t.db);
  const countingApp = await testApp(counter.db);
  try {
    const client = new Client(countingApp);
    await client.signIn(email('participation_lead'));
    const area = areas.riverside.id;
    const input = (title: string) => ({ kind: 'annual_publication' as const, title, audienceBoardId: null, audienceText: 'Board', authors: 'Us', scope: { kind: 'area' as const }, from: '2026-01-01', to: '2026-06-30' });
    const measure = async (url: string) => {
      counter.reset();
      const response = await client.get(url);
      assert.equal(response.statusCode, 200, url);
      return counter.count();
    };
    const small = await reports.createReport(t.db, TEST_SECTIONS, area, null, input('Few parts'), en);
    const listFew = await measure(base);
    const reportFew = await measure(`${base}/${small}`);
    const big = await reports.createReport(t.db, TEST_SECTIONS, area, null, input('Many parts'), en);
    for (let i = 0; i < 30; i += 1) await reports.addWrittenPart(t.db, TEST_SECTIONS, area, null, big, { title: `Part ${i}`, forumId: null, writerAccountId: null }, (await reports.getReport(t.db, TEST_SECTIONS, area, big, en)).report.version, en);
    for (let i = 0; i < 30; i += 1) await reports.createReport(t.db, TEST_SECTIONS, area, null, input(`Another ${i}`), en);
    const listMany = await measure(base);
    const reportMany = await measure(`${base}/${big}`);
    assert.equal(listMany, listFew, `list: ${listFew} then ${listMany}`);
    assert.equal(reportMany, reportFew, `report page: ${reportFew} then ${reportMany}`);
    ctx.diagnostic(`queries: the list ${listFew}, the report page ${reportFew}, with 1 or 31 reports and 1 or 31 parts`);
  } finally {
    await countingApp.close();
  }
});

test('a draft can be deleted after a confirmation page; the deletion is in the audit log', async () => {
  const lead = await signedIn('participation_lead');
  const id = await makeReport(lead, { title: 'A draft to delete' });
  const confirm = readPage((await lead.get(`${base}/${id}/delete`)).body);
  assert.equal(confirm.heading(), 'Delete this report?');
  const deleted = await lead.post(`${base}/${id}/delete`);
  assert.equal(deleted.statusCode, 303);
  assert.equal(locationOf(deleted), base);
  assert.equal((await lead.get(`${base}/${id}`)).statusCode, 404);
  const audited = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('audit_event').select(['action', 'subject_id']).where('subject_id', '=', id).orderBy('at').execute());
  assert.deepEqual(audited.map((a) => a.action), ['report.create', 'report.delete']);
});

test('through the pages, with the real sections: the published report stays as it was when activities are added; its new version counts them', async () => {
  const lead = await signedIn('participation_lead');
  const approver = await signedIn('decision_maker');
  const id = await makeReport(lead, { title: 'Frozen through the pages' });
  await lead.get(`${base}/${id}`);
  await lead.post(`${base}/${id}/submit`);
  await approver.get(`${base}/${id}`);
  await approver.post(`${base}/${id}/approve`);
  await lead.get(`${base}/${id}`);
  assert.equal((await lead.post(`${base}/${id}/publish`)).statusCode, 303);
  await lead.get(`${base}/${id}`); // where the "Published" message is shown (and used up)
  const mainText = async (url: string) => readPage((await lead.get(url)).body).text('main');
  const before = await mainText(`${base}/${id}/preview`);
  const frozen = await reports.publishedDocument(t.db, areas.riverside.id, id);
  const held = (doc: typeof frozen) => doc.sections.find((s) => s.key === 'activities.overview')?.content?.figures.find((f) => f.label === 'Activities held')?.value;
  assert.equal(typeof held(frozen), 'number', 'the activities section is registered and counts activities');

  for (let i = 0; i < 3; i += 1) await createActivity(t.db, areas.riverside.id, null, testActivity({ title: `Held after publishing ${i}` }));

  assert.equal(await mainText(`${base}/${id}/preview`), before);
  assert.deepEqual(await reports.publishedDocument(t.db, areas.riverside.id, id), frozen);
  await lead.get(`${base}/${id}`);
  const next = idFrom(locationOf(await lead.post(`${base}/${id}/new-version`)));
  const draft = await reports.reportDocumentForStaff(t.db, REPORT_SECTIONS, areas.riverside.id, next, en, 'en');
  assert.equal(held(draft), held(frozen)! + 3);
  assert.notEqual(await mainText(`${base}/${next}/preview`), before);
});
