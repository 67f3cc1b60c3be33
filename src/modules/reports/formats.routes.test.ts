/**
 * The report's downloads (issue 14 §3, acceptance 2 and 4), through the routes, for a report made and
 * published through the service with the real sections (REPORT_SECTIONS) over the demo area:
 * - each file downloads with its type and a safe file name, staff downloads are audited and never
 *   cached, and a draft's files are "page not found" to the public;
 * - every figure and table cell on the public page is in the PDF's text, the DOCX's text and the
 *   XLSX's cells, written the same way;
 * - privacy: participants' names and email addresses, seeded in accounts, responses, contributions and
 *   "hear back" details, reach none of the page, the easy-read page, the PDF, the DOCX or the XLSX, and
 *   no count of 1 to 7 is shown as a number.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { REPORT_SECTIONS } from '../../report-sections.ts';
import { readPage } from '../../testing/dom.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { insertResponse } from '../../testing/responses.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { openDocx, openPdf, openXlsx, squash, xlsxTexts } from './formats.testing.ts';
import { approveReport, createReport, publishedDocument, publishReport, submitForReview } from './reports.service.ts';

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;
const tr = translator('en');
let publishedId: string;
let draftId: string;

const SECRET_NAMES = ['Persephone Quillfeather', 'Bartholomew Zanzibar', 'Quillfeather', 'Zanzibar'];
const SECRET_EMAILS = ['persephone.quillfeather@example.org', 'bart.zanzibar@example.net', 'hearback.zanzibar@example.com'];
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+/;

async function makeReport(title: string, publish: boolean): Promise<string> {
  const id = await createReport(t.db, REPORT_SECTIONS, fx.riverside.id, null, {
    kind: 'board', title, audienceBoardId: null, audienceText: 'SEND Partnership Board', authors: 'Riverside Parent Carer Forum and the participation team',
    scope: { kind: 'area' }, from: '2025-09-01', to: '2027-12-31',
  }, tr);
  if (publish) {
    await submitForReview(t.db, fx.riverside.id, null, id);
    await approveReport(t.db, fx.riverside.id, null, id);
    await publishReport(t.db, REPORT_SECTIONS, fx.riverside.id, null, id, tr, 'en');
  }
  return id;
}

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
  const areaId = fx.riverside.id;
  // Participants with names and email addresses: an account, signed-in and anonymous responses whose
  // words name them, their contributions, and "hear back" details; three responses, a count of 1 to 7.
  const persephone = await createAccount(t.db, { email: SECRET_EMAILS[0]!, displayName: SECRET_NAMES[0]!, password: 'a long enough password 1' });
  await addMember(t.db, areaId, persephone, 'parent_carer', null);
  const bart = await createAccount(t.db, { email: SECRET_EMAILS[1]!, displayName: SECRET_NAMES[1]!, password: 'a long enough password 2' });
  await addMember(t.db, areaId, bart, 'young_person', null);
  await withArea(t.db, areaId, async (tx) => {
    for (const [i, accountId] of [persephone, bart, null].entries()) {
      const { id } = await insertResponse(tx, areaId, {
        activityId: fx.riverside.activityId,
        mode: accountId ? 'signed_in' : 'anonymous',
        accountId,
        anythingElse: `I am ${SECRET_NAMES[i % 2]!}, email me at ${SECRET_EMAILS[i % 2]!}`,
        answers: [{ questionId: fx.riverside.questionId, value: `${SECRET_NAMES[1]!} says hello from ${SECRET_EMAILS[1]!}` }],
      });
      await tx
        .insertInto('contribution')
        .values({ area_id: areaId, activity_id: fx.riverside.activityId, question_id: fx.riverside.questionId, response_id: id, account_id: accountId, source: 'free_text', original_text: `My name is ${SECRET_NAMES[0]!} (${SECRET_EMAILS[0]!})`, redacted_text: 'My name is [name] ([email])' })
        .execute();
      await tx.insertInto('feedback_contact').values({ area_id: areaId, response_id: id, channel: 'email', address: SECRET_EMAILS[2]!, updated_at: new Date() }).execute();
    }
  });
  publishedId = await makeReport('Annual board report for the formats test', true);
  draftId = await makeReport('Six-month draft for the formats test', false);
});
after(async () => {
  await app?.close();
  await t?.drop();
});

const TYPES = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

async function files(client: Client, base: string) {
  const out = {} as Record<keyof typeof TYPES, Buffer>;
  for (const format of Object.keys(TYPES) as Array<keyof typeof TYPES>) {
    const response = await client.get(`${base}/report.${format}`);
    assert.equal(response.statusCode, 200, `${base}/report.${format}`);
    assert.equal(response.headers['content-type'], TYPES[format]);
    assert.match(String(response.headers['content-disposition']), new RegExp(`^attachment; filename="annual-board-report-for-the-formats-test-2025-09-01-to-2027-12-31\\.${format}"$`));
    out[format] = response.rawPayload;
  }
  return out;
}

test('the public downloads of a published report: PDF, DOCX and XLSX, each opening in a reader’s library', async () => {
  const anyone = new Client(app);
  const f = await files(anyone, `/a/riverside/reports/${publishedId}`);
  const pdf = await openPdf(f.pdf);
  assert.equal(pdf.marked, true);
  assert.ok(pdf.roles.has('H1') && pdf.roles.has('H2'));
  assert.ok(pdf.pages >= 2);
  const docx = await openDocx(f.docx);
  assert.match(docx.html, /<h1>Annual board report for the formats test<\/h1>/);
  const xlsx = await openXlsx(f.xlsx);
  assert.equal(xlsx.names[0], 'About');
});

test('a draft’s files, an unknown id and another area’s report are "page not found" to the public; staff get any report’s files, never cached, and the download is audited', async () => {
  const anyone = new Client(app);
  for (const url of [`/a/riverside/reports/${draftId}/report.pdf`, `/a/riverside/reports/not-an-id/report.docx`, `/a/north-vale/reports/${publishedId}/report.xlsx`]) {
    assert.equal((await anyone.get(url)).statusCode, 404, url);
  }
  const published = await anyone.get(`/a/riverside/reports/${publishedId}/report.pdf`);
  assert.match(String(published.headers['cache-control']), /public/);

  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const draft = await lead.get(`/a/riverside/manage/reports/${draftId}/report.docx`);
  assert.equal(draft.statusCode, 200);
  assert.equal(draft.headers['cache-control'], 'no-store');
  const docx = await openDocx(draft.rawPayload);
  assert.ok(docx.text.includes('Draft: not approved yet.'));
  const audited = await withArea(t.db, fx.riverside.id, (tx) => tx.selectFrom('audit_event').select(['subject_id', 'detail']).where('action', '=', 'reports.downloaded').execute());
  assert.ok(audited.some((a) => a.subject_id === draftId));

  // Someone with an account but no right to view reports is refused the staff download.
  const child = new Client(app);
  await child.signIn('only-parent-carer@riverside.example');
  assert.notEqual((await child.get(`/a/riverside/manage/reports/${draftId}/report.pdf`)).statusCode, 200);
});

test('every figure and table cell on the public page is in the PDF, the DOCX and the XLSX, written the same way', async () => {
  const anyone = new Client(app);
  const page = readPage((await anyone.get(`/a/riverside/reports/${publishedId}`)).body);
  const report = page.document.querySelector('.chorus-report')!;
  const onPage = [
    ...[...report.querySelectorAll('.chorus-report__figure-value')].map((e) => squash(e.textContent ?? '')),
    ...[...report.querySelectorAll('table th, table td')].map((e) => squash(e.textContent ?? '')),
  ].filter(Boolean);
  assert.ok(onPage.length > 10, `the page has figures and tables to compare (${onPage.length})`);
  const f = await files(anyone, `/a/riverside/reports/${publishedId}`);
  // A PDF's lines wrap where the page does, and a reader may join a wrapped line without a space: compare without spaces.
  const bare = (text: string) => text.replace(/\s+/g, '');
  const pdfText = bare((await openPdf(f.pdf)).text);
  const docxText = squash((await openDocx(f.docx)).text);
  const cells = new Set(xlsxTexts(await openXlsx(f.xlsx)).map(squash));
  const missing: string[] = [];
  for (const text of onPage) {
    if (!pdfText.includes(bare(text))) missing.push(`PDF: ${text}`);
    if (!docxText.includes(text)) missing.push(`DOCX: ${text}`);
    if (!cells.has(text)) missing.push(`XLSX: ${text}`);
  }
  assert.deepEqual(missing, []);
});

test('privacy: no participant’s name or email address reaches the page, the easy-read page, the PDF, the DOCX or the XLSX; a count a section hid carries no number and reads as "fewer than 8" or "hidden" in every file', async () => {
  const anyone = new Client(app);
  const base = `/a/riverside/reports/${publishedId}`;
  const html = readPage((await anyone.get(base)).body).document.querySelector('main')!.textContent ?? '';
  const easy = readPage((await anyone.get(`${base}/easy-read`)).body).document.querySelector('main')!.textContent ?? '';
  const f = await files(anyone, base);
  const formats = {
    page: squash(html),
    easyRead: squash(easy),
    pdf: squash((await openPdf(f.pdf)).text),
    docx: squash((await openDocx(f.docx)).text),
    xlsx: squash(xlsxTexts(await openXlsx(f.xlsx)).join(' | ')),
  };
  // Every participant of the demo area, by name and email address, as well as the ones seeded here.
  const participants = await withArea(t.db, fx.riverside.id, (tx) => tx
    .selectFrom('account')
    .innerJoin('area_membership', 'area_membership.account_id', 'account.id')
    .select(['account.display_name as name', 'account.email as email'])
    .where('area_membership.area_id', '=', fx.riverside.id)
    .where('area_membership.role', 'in', ['child', 'young_person', 'parent_carer'])
    .execute());
  assert.ok(participants.length >= 2);
  for (const [format, text] of Object.entries(formats)) {
    for (const secret of [...SECRET_NAMES, ...SECRET_EMAILS, ...participants.flatMap((p) => (p.email ? [p.name, p.email] : [p.name]))]) {
      assert.ok(!text.includes(secret), `${format} does not show "${secret}"`);
    }
    assert.doesNotMatch(text, EMAIL, `${format} holds no email address`);
  }
  // Counts: a count the section hid (1 to 7, or secondary) carries no number in the frozen document, so
  // no file can show it; each file says so in words. (The contract does not mark which counts are of
  // people, and counts of activities are not hidden, so a small number alone proves nothing here.)
  const doc = await publishedDocument(t.db, fx.riverside.id, publishedId);
  let hidden = 0;
  for (const section of doc.sections) {
    for (const cell of [...(section.content?.figures ?? []), ...(section.content?.tables ?? []).flatMap((x) => x.rows.flat())]) {
      if (typeof cell === 'string' || cell.suppression === undefined || cell.suppression === 'none') continue;
      hidden += 1;
      assert.equal(cell.value, null, `a hidden count in "${section.title}" carries no number`);
    }
  }
  assert.ok(hidden > 0, 'the seeded small counts are hidden somewhere in the report');
  if (hidden > 0) {
    for (const [format, text] of Object.entries(formats)) {
      if (format === 'easyRead') continue;
      assert.ok(text.includes('fewer than 8') || text.includes('hidden'), `${format} says a count is hidden`);
    }
  }
});
