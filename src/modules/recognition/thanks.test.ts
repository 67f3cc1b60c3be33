/**
 * Recognition, part C (issue 17 §2), as leads, young people and attackers meet it: who came is
 * recorded once; thanks go once per person and activity (a double submit adds nothing) by email where
 * we hold an address and through a supporter where we do not; the overdue figure on a known data set;
 * certificates only with current name consent and never served after it is withdrawn; the PDF holds
 * the consented name and no one else's; nobody else reads a certificate or a record (404), including
 * direct ids from North Vale; no 500 on odd input.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { testActivity } from '../../testing/activities.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, DEMO_PASSWORD, testApp, type TestDb } from '../../testing/harness.ts';
import { createRequire } from 'node:module';
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { createActivity } from '../activities/activities.service.ts';
import { createArea } from '../areas/areas.service.ts';
import { sendOverdueDigests } from '../feedback/figures.service.ts';
import type { NotifierFor, OutgoingMessage } from '../notifications/notifications.service.ts';
import { makeCertificate, NoNameConsentError, recordAttendance, recordNameConsent, sendThanks, thanksOverview, withdrawNameConsent } from './thanks.service.ts';

const DAY = 86_400_000;

GlobalWorkerOptions.workerSrc = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');

/** A PDF's pages and text, as a reader's library reads them. */
async function openPdf(buffer: Buffer): Promise<{ pages: number; text: string }> {
  const task = getDocument({ data: new Uint8Array(buffer), useSystemFonts: false });
  const pdf = await task.promise;
  const texts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  const pages = pdf.numPages;
  await task.destroy();
  return { pages, text: texts.join('\n') };
}

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;
let lead: Client;

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
});
after(async () => {
  await app?.close();
  await t?.drop();
});

const signUp = (areaId: string, activityId: string, name: string, email = '') =>
  withArea(t.db, areaId, async (tx) => (await tx.insertInto('activity_signup').values({ area_id: areaId, activity_id: activityId, name, email, idempotency_key: `${name}-${activityId}` }).returning('id').executeTakeFirstOrThrow()).id);

const endedActivity = async (areaId: string, title: string, daysAgo: number, now = new Date()) =>
  (await createActivity(t.db, areaId, null, testActivity({ title, startsAt: new Date(now.getTime() - daysAgo * DAY - 3_600_000), endsAt: new Date(now.getTime() - daysAgo * DAY) }))).id;

test('who came: the lead ticks sign-ups and saves; ticking again adds nobody twice', async () => {
  const areaId = fx.riverside.id;
  const activityId = await endedActivity(areaId, 'Youth forum: who came', 2);
  await signUp(areaId, activityId, 'Priya Came');
  await signUp(areaId, activityId, 'Tom Stayed Home');
  const page = await lead.get(`/a/riverside/activities/${activityId}/attendance`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Priya Came/);
  const key = /name="came" type="checkbox" value="(s:[^"]+)"[^>]*>\s*<label[^>]*>\s*Priya Came/.exec(page.body)?.[1] ?? /value="(s:[0-9a-f-]+)"/.exec(page.body)![1]!;
  for (let i = 0; i < 2; i += 1) {
    const saved = await lead.post(`/a/riverside/activities/${activityId}/attendance`, { came: key });
    assert.equal(saved.statusCode, 303);
    await lead.get(`/a/riverside/activities/${activityId}/attendance`);
  }
  const rows = await withArea(t.db, areaId, (tx) => tx.selectFrom('attendance').select('person_key').where('activity_id', '=', activityId).execute());
  assert.deepEqual(rows.map((r) => r.person_key), [key]);
});

test('thanks go once per person and activity: a double submit adds nothing and sends no second email', async () => {
  const areaId = fx.riverside.id;
  const activityId = await endedActivity(areaId, 'Youth forum: thanks', 3);
  const withEmail = await signUp(areaId, activityId, 'Ama Emailed', 'ama@example.com');
  const noEmail = await signUp(areaId, activityId, 'Ben Nonemail');
  await recordAttendance(t.db, areaId, null, activityId, [{ signupId: withEmail }, { signupId: noEmail }, { accountId: fx.riverside.youngAccountId }]);
  await lead.get(`/a/riverside/activities/${activityId}/thanks`);
  const form = { message: 'Thank you for coming to the youth forum.', symbol: '2B50' };
  const first = await lead.post(`/a/riverside/activities/${activityId}/thanks`, form);
  assert.equal(first.statusCode, 303);
  const second = await lead.post(`/a/riverside/activities/${activityId}/thanks`, form);
  assert.equal(second.statusCode, 303);
  const thanks = await withArea(t.db, areaId, (tx) => tx.selectFrom('thanks').select(['person_key', 'channel']).where('activity_id', '=', activityId).orderBy('person_key').execute());
  assert.equal(thanks.length, 3);
  const byKey = new Map(thanks.map((r) => [r.person_key, r.channel]));
  assert.equal(byKey.get(`s:${withEmail}`), 'email');
  assert.equal(byKey.get(`s:${noEmail}`), 'supporter');
  const emails = await withArea(t.db, areaId, (tx) => tx.selectFrom('queued_message').select('recipient').where('purpose', '=', 'thanks').where('recipient', '=', 'ama@example.com').execute());
  assert.equal(emails.length, 1, 'one email, not two');
  // The lead is told who could not be reached directly, to pass it on.
  const landed = await lead.get(first.headers.location as string);
  assert.match(landed.body, /Please pass these on[\s\S]*Ben Nonemail/);
  // The young person sees it on their own page.
  const young = new Client(app);
  await young.signIn('only-young-person@riverside.example');
  const mine = await young.get(`/a/riverside/young/${fx.riverside.youngPersonId}/thanks`);
  assert.equal(mine.statusCode, 200);
  assert.match(mine.body, /Thank you for coming to the youth forum\./);
});

test('the overdue figure on a known set: two activities past the deadline, one within it, one all thanked', async () => {
  const area = await createArea(t.db, { slug: 'thanks-sums', name: 'Thanks Sums', contactEmail: 'hello@sums.example' });
  const now = new Date('2026-11-30T12:00:00Z');
  const late1 = await endedActivity(area.id, 'Late one', 20, now);
  const late2 = await endedActivity(area.id, 'Late two', 15, now);
  const recent = await endedActivity(area.id, 'Recent', 5, now);
  const done = await endedActivity(area.id, 'All thanked', 30, now);
  const people = async (activityId: string, n: number) => {
    const ids = [];
    for (let i = 0; i < n; i += 1) ids.push({ signupId: await signUp(area.id, activityId, `P${i}`) });
    await recordAttendance(t.db, area.id, null, activityId, ids);
    return ids;
  };
  const l1 = await people(late1, 3);
  await people(late2, 2);
  await people(recent, 4);
  await people(done, 2);
  await sendThanks(t.db, area.id, null, done, { message: 'Thanks' });
  await sendThanks(t.db, area.id, null, late1, { message: 'Thanks', personKeys: [`s:${l1[0]!.signupId}`] });
  // Part B's rule gives everyone who came a voucher; one person of 'Late one' has theirs.
  await withArea(t.db, area.id, async (tx) => {
    const budget = await tx.insertInto('recognition_budget').values({ area_id: area.id, name: 'Vouchers', amount_pence: 10_000 }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('reward_rule').values({ area_id: area.id, earned_by: 'attended', kind: 'voucher', value_pence: 1_000, budget_id: budget.id }).execute();
    await tx.insertInto('reward').values({ area_id: area.id, activity_id: late1, signup_id: l1[0]!.signupId, kind: 'voucher', value_pence: 1_000, budget_id: budget.id }).execute();
  });
  const { dueDays, activities } = await thanksOverview(t.db, area.id, now);
  assert.equal(dueDays, 14);
  const overdue = activities.filter((a) => a.overdue);
  assert.deepEqual(overdue.map((a) => [a.title, a.notThanked]).sort(), [['Late one', 2], ['Late two', 2]]);
  assert.equal(overdue.reduce((s, a) => s + a.notThanked, 0), 4);
  assert.equal(activities.find((a) => a.title === 'Recent')!.overdue, false);
  assert.equal(activities.find((a) => a.title === 'All thanked')!.notThanked, 0);
  assert.deepEqual(activities.map((a) => [a.title, a.noReward]).sort(), [['All thanked', 2], ['Late one', 2], ['Late two', 2], ['Recent', 4]]);
});

test('the deadline: saved by the lead; a stale save keeps what was typed and says someone else saved first', async () => {
  const form = await lead.get('/a/riverside/recognition/settings');
  assert.equal(form.statusCode, 200);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
  assert.equal((await lead.post('/a/riverside/recognition/settings', { thanksDueDays: '21', version })).statusCode, 303);
  await lead.get('/a/riverside/recognition/settings');
  const stale = await lead.post('/a/riverside/recognition/settings', { thanksDueDays: '30', version });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else changed the deadline to 21 days/);
  assert.match(stale.body, /value="30"/);
  const bad = await lead.post('/a/riverside/recognition/settings', { thanksDueDays: 'lots', version: '1' });
  assert.equal(bad.statusCode, 422);
  const overview = await lead.get('/a/riverside/recognition');
  assert.equal(overview.statusCode, 200);
  assert.match(overview.body, /within 21 days/);
});

test('certificates only with name consent, the PDF holds the consented name, and withdrawal stops new and old ones', async () => {
  const areaId = fx.riverside.id;
  const activityId = await endedActivity(areaId, 'Certificate club', 4);
  const sam = await signUp(areaId, activityId, 'Samira Fullname-Secret');
  await recordAttendance(t.db, areaId, null, activityId, [{ signupId: sam }]);
  const key = `s:${sam}`;
  await assert.rejects(makeCertificate(t.db, areaId, null, { signupId: sam }, { title: 'Well done', whatTheyDid: 'x', minutes: 0 }), NoNameConsentError);
  const person = `/a/riverside/recognition/people/${key}`;
  assert.equal((await lead.get(person)).statusCode, 200);
  const refused = await lead.post(`${person}/certificates`, { title: 'Well done', whatTheyDid: 'Helped', hours: '2' });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /not agreed to their name being used/);
  assert.equal((await lead.post(`${person}/consent`, { name: 'Sami', givenBy: 'self' })).statusCode, 303);
  await lead.get(person);
  const made = await lead.post(`${person}/certificates`, { title: 'Certificate of thanks', whatTheyDid: 'Helped plan the summer holiday club', hours: '2.5' });
  assert.equal(made.statusCode, 303);
  const id = /certificate-([0-9a-f-]{36})/.exec(made.headers.location as string)![1]!;
  const pdf = await lead.get(`/a/riverside/recognition/certificates/${id}`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const opened = await openPdf(pdf.rawPayload);
  assert.equal(opened.pages, 1);
  assert.match(opened.text, /Sami/);
  assert.match(opened.text, /Helped plan the summer holiday club/);
  assert.match(opened.text, /2 hours 30 minutes/);
  assert.doesNotMatch(opened.text, /Fullname-Secret|Alex/);
  assert.match(opened.text, /Riverside/);
  assert.doesNotMatch(opened.text, /GOV\.UK/);
  // Withdrawn: the old certificate is no longer served and no new one can be made.
  await lead.get(person);
  assert.equal((await lead.post(`${person}/consent/withdraw`)).statusCode, 303);
  assert.equal((await lead.get(`/a/riverside/recognition/certificates/${id}`)).statusCode, 404);
  await assert.rejects(makeCertificate(t.db, areaId, null, { signupId: sam }, { title: 'Again', whatTheyDid: 'x', minutes: 0 }), NoNameConsentError);
  await lead.get(person);
  assert.equal((await lead.post(`${person}/certificates`, { title: 'Again', whatTheyDid: 'Helped', hours: '' })).statusCode, 422);
  // The record then says "a young person", not a name.
  const record = await lead.get(`${person}/record`);
  assert.match(record.body, /A young person took part/);
  assert.doesNotMatch(record.body, /Sami\b/);
});

test('the fixture certificate: the young person and their parent carer read it; other staff, other areas and strangers get 404', async () => {
  const url = `/a/riverside/recognition/certificates/${fx.riverside.certificateId}`;
  const young = new Client(app);
  await young.signIn('only-young-person@riverside.example');
  assert.equal((await young.get(url)).statusCode, 200);
  assert.equal((await young.get(`/a/riverside/young/${fx.riverside.youngPersonId}/record`)).statusCode, 200);
  const parent = new Client(app);
  await parent.signIn('only-parent-carer@riverside.example');
  assert.equal((await parent.get(url)).statusCode, 200);
  assert.equal((await parent.get(`/a/riverside/young/${fx.riverside.youngPersonId}/thanks`)).statusCode, 200);
  // A practitioner with no organisation manages nobody's recognition: refused on people's pages
  // (before any lookup), and the certificate is not there for them (404).
  const practitioner = new Client(app);
  await practitioner.signIn('only-practitioner@riverside.example');
  assert.equal((await practitioner.get(url)).statusCode, 404);
  assert.equal((await practitioner.get(`/a/riverside/recognition/people/${fx.riverside.personKey}`)).statusCode, 403);
  assert.equal((await practitioner.get(`/a/riverside/recognition/people/${fx.riverside.personKey}/record`)).statusCode, 403);
  // Another adult in the area: nothing.
  const board = new Client(app);
  await board.signIn('only-decision-maker@riverside.example');
  assert.equal((await board.get(url)).statusCode, 404);
  assert.equal((await board.get(`/a/riverside/young/${fx.riverside.youngPersonId}/thanks`)).statusCode, 404);
  // Staff never open a young person's own pages.
  assert.equal((await lead.get(`/a/riverside/young/${fx.riverside.youngPersonId}/thanks`)).statusCode, 404);
  // North Vale's ids through Riverside's address: 404.
  assert.equal((await lead.get(`/a/riverside/recognition/certificates/${fx.northVale.certificateId}`)).statusCode, 404);
  assert.equal((await lead.get(`/a/riverside/recognition/people/${fx.northVale.personKey}`)).statusCode, 404);
  assert.equal((await lead.get(`/a/riverside/young/${fx.northVale.youngPersonId}/thanks`)).statusCode, 404);
  assert.equal((await lead.get(`/a/riverside/activities/${fx.northVale.activityId}/thanks`)).statusCode, 404);
  // The person's page lists their vouchers from the rewards part; their own record only given ones.
  const personPage = await lead.get(`/a/riverside/recognition/people/${fx.riverside.personKey}`);
  assert.match(personPage.body, /£10 High street voucher for Riverside fixture survey/);
  assert.doesNotMatch((await young.get(`/a/riverside/young/${fx.riverside.youngPersonId}/record`)).body, /High street voucher/);
  // The lead reads the fixture's certificate; the young person is named only by their consented name.
  const pdf = await lead.get(url);
  assert.equal(pdf.statusCode, 200);
  const opened = await openPdf(pdf.rawPayload);
  assert.match(opened.text.replace(/\s+/g, ' '), /Riverside fixture survey Alex/);
  assert.doesNotMatch(opened.text, /Only young_person|North Vale/);
});

test('a record of what I did downloads as a PDF: the young person and their parent carer get theirs, with the name they agreed to; nobody else does', async () => {
  const own = `/a/riverside/young/${fx.riverside.youngPersonId}/record.pdf`;
  const young = new Client(app);
  await young.signIn('only-young-person@riverside.example');
  const page = await young.get(`/a/riverside/young/${fx.riverside.youngPersonId}/record`);
  assert.match(page.body, new RegExp(`href="${own}"`), 'the record page links to its PDF');
  const pdf = await young.get(own);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="record-of-what-i-did\.pdf"$/);
  assert.equal(pdf.headers['cache-control'], 'private, no-store');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const text = (await openPdf(pdf.rawPayload)).text.replace(/\s+/g, ' ');
  assert.match(text, /Riverside fixture survey Alex took part in making things better with Riverside SEND Partnership/);
  assert.match(text, /Riverside fixture survey/, 'the activity they came to');
  assert.match(text, /Thank you for taking part/, 'their certificate');
  assert.doesNotMatch(text, /Only young_person|North Vale|High street voucher/);
  const parent = new Client(app);
  await parent.signIn('only-parent-carer@riverside.example');
  assert.equal((await parent.get(own)).statusCode, 200);
  // Another adult, staff through the young person's own address, and another area's young person: 404.
  const board = new Client(app);
  await board.signIn('only-decision-maker@riverside.example');
  assert.equal((await board.get(own)).statusCode, 404);
  assert.equal((await lead.get(own)).statusCode, 404);
  assert.equal((await young.get(`/a/riverside/young/${fx.northVale.youngPersonId}/record.pdf`)).statusCode, 404);
  // Staff who may see the person download it from the person's page.
  const staff = await lead.get(`/a/riverside/recognition/people/${fx.riverside.personKey}/record.pdf`);
  assert.equal(staff.statusCode, 200);
  assert.match((await openPdf(staff.rawPayload)).text.replace(/\s+/g, ' '), /Riverside fixture survey Alex/);
});

test('a practitioner sees people who took part in their own organisation\'s activities, and no one else', async () => {
  const areaId = fx.riverside.id;
  const email = 'thanks-practitioner@riverside.example';
  const id = await createAccount(t.db, { email, displayName: 'Org Practitioner', password: DEMO_PASSWORD });
  await addMember(t.db, areaId, id, 'practitioner', fx.riverside.organisationId);
  const p = new Client(app);
  await p.signIn(email);
  assert.equal((await p.get(`/a/riverside/recognition/people/${fx.riverside.personKey}`)).statusCode, 200);
  assert.equal((await p.get(`/a/riverside/activities/${fx.riverside.activityId}/thanks`)).statusCode, 200);
  const other = await endedActivity(areaId, 'Partnership-only event', 2);
  const stranger = await signUp(areaId, other, 'Stranger Person');
  await recordAttendance(t.db, areaId, null, other, [{ signupId: stranger }]);
  assert.equal((await p.get(`/a/riverside/recognition/people/s:${stranger}`)).statusCode, 404);
  assert.notEqual((await p.get(`/a/riverside/activities/${other}/thanks`)).statusCode, 200);
});

test('no 500 on odd input: bad keys, ids, fields and lists', async () => {
  for (const url of ['/a/riverside/recognition/people/zz', '/a/riverside/recognition/people/a:not-a-uuid', '/a/riverside/recognition/certificates/123', '/a/riverside/young/nope/thanks', '/a/riverside/young/nope/record', '/a/riverside/activities/nope/thanks', `/a/riverside/recognition/people/a:${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`]) {
    const r = await lead.get(url);
    assert.equal(r.statusCode, 404, url);
  }
  await lead.get(`/a/riverside/activities/${fx.riverside.activityId}/thanks`);
  const forms: Record<string, string | string[]>[] = [{ message: "" }, { message: "x".repeat(5000) }, { message: "ok", symbol: "../../etc" }, { message: "ok", who: ["nobody", "a:zz"] }];
  for (const form of forms) {
    const r = await lead.post(`/a/riverside/activities/${fx.riverside.activityId}/thanks`, form);
    assert.ok(r.statusCode < 500, `${r.statusCode} for ${JSON.stringify(form).slice(0, 60)}`);
  }
  const person = `/a/riverside/recognition/people/${fx.riverside.personKey}`;
  await lead.get(person);
  for (const form of [{ name: '', givenBy: 'nobody' }, { name: 'x'.repeat(500), givenBy: 'self' }]) assert.equal((await lead.post(`${person}/consent`, form)).statusCode, 422);
  for (const form of [{ title: '', whatTheyDid: '', hours: 'many' }, { title: 't', whatTheyDid: 'w', hours: '99999999' }]) assert.equal((await lead.post(`${person}/certificates`, form)).statusCode, 422);
  const r = await lead.post(`/a/riverside/activities/${fx.riverside.activityId}/attendance`, { came: ['a:zz', 's:../'] });
  assert.equal(r.statusCode, 303);
});

test('seed functions: consent replaced by a new name keeps one current consent; withdrawing twice is harmless', async () => {
  const areaId = fx.riverside.id;
  const activityId = await endedActivity(areaId, 'Seeded', 1);
  const s = await signUp(areaId, activityId, 'Seedy');
  await recordNameConsent(t.db, areaId, null, { signupId: s }, { name: 'First', givenBy: 'self' });
  await recordNameConsent(t.db, areaId, null, { signupId: s }, { name: 'Second', givenBy: 'parent_carer' });
  const current = await withArea(t.db, areaId, (tx) => tx.selectFrom('name_consent').select('name').where('person_key', '=', `s:${s}`).where('withdrawn_at', 'is', null).execute());
  assert.deepEqual(current.map((c) => c.name), ['Second']);
  await withdrawNameConsent(t.db, areaId, null, { signupId: s });
  await withdrawNameConsent(t.db, areaId, null, { signupId: s });
});

test('the weekly overdue digest tells the activity\'s owner about thanks overdue, in a section of its own', async () => {
  const area = await createArea(t.db, { slug: 'thanks-digest', name: 'Thanks Digest', contactEmail: 'hello@digest.example' });
  const owner = await createAccount(t.db, { email: 'owner@digest.example', displayName: 'Owner Olu', password: DEMO_PASSWORD });
  await addMember(t.db, area.id, owner, 'participation_lead', null);
  const now = new Date('2026-11-30T12:00:00Z');
  const late = (await createActivity(t.db, area.id, owner, testActivity({ title: 'Summer forum', startsAt: new Date(now.getTime() - 20 * DAY - 3_600_000), endsAt: new Date(now.getTime() - 20 * DAY) }))).id;
  const ids = [];
  for (const name of ['A', 'B', 'C']) ids.push({ signupId: await signUp(area.id, late, name) });
  await recordAttendance(t.db, area.id, null, late, ids);
  await sendThanks(t.db, area.id, null, late, { message: 'Thanks', personKeys: [`s:${ids[0]!.signupId}`] });
  const sent: (OutgoingMessage & { areaId: string })[] = [];
  const notifierFor: NotifierFor = async (areaId) => ({
    async send(message) {
      sent.push({ ...message, areaId });
      return { transport: 'test', reference: null };
    },
  });
  await sendOverdueDigests(t.db, notifierFor, { baseUrl: 'https://chorus.example', now });
  const mine = sent.filter((m) => m.areaId === area.id);
  assert.equal(mine.length, 1);
  assert.equal(mine[0]!.recipient, 'owner@digest.example');
  assert.match(mine[0]!.body, /Thanks overdue/);
  assert.match(mine[0]!.body, /Summer forum \(ended 10 November 2026\): 2 people not thanked yet/);
  assert.match(mine[0]!.body, new RegExp(`/a/thanks-digest/activities/${late}/thanks`));
  assert.doesNotMatch(mine[0]!.body, /\bA\b.*\bB\b/);
});
