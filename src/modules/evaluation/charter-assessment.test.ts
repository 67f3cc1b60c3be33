/**
 * The charter, self-assessed (issue 13 §3), through the routes as people use them: the demo year,
 * an organisation rating itself (its own practitioners only), the form's errors with nothing lost,
 * someone else saving first, finishing, a forum's rating beside it and where they differ, opening
 * and closing a year (closed years read-only), the public page (closed years only, no names), the
 * reminder job (the right people, once), and the query counts for 10 and 1,000 activities.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import type { Actor } from '../../lib/authorisation.ts';
import { readPage } from '../../testing/dom.ts';
import { NORTH_VALE_SECRETS, twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, DEMO_PASSWORD, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { testActivity } from '../../testing/activities.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { createActivity } from '../activities/activities.service.ts';
import { addForum, addOrganisation, createArea, listForumsAndBoards, listOrganisations } from '../areas/areas.service.ts';
import {
  closeYear,
  finishSelfAssessment,
  forumForm,
  londonToday,
  openYear,
  principleForm,
  saveForumRatings,
  savePrinciple,
  remindCharterSelfAssessments,
} from './charter-assessment.service.ts';
import { principleRating } from './data/charter-assessment-scale.ts';

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;
const YEAR = Number(londonToday().slice(0, 4));
const base = '/a/riverside/manage/evaluation/charter';
let org: Map<string, string>;

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
  org = new Map((await listOrganisations(t.db, fx.riverside.id)).map((o) => [o.name, o.id]));
});
after(async () => {
  await app?.close();
  await t?.drop();
});

async function signedIn(email: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(email);
  return client;
}

/** A new staff account in an area, attached to an organisation. */
async function staff(db: Db, areaId: string, email: string, role: 'practitioner' | 'participation_lead' | 'decision_maker' | 'area_admin', organisationId: string | null): Promise<string> {
  const id = await createAccount(db, { email, displayName: email.split('@')[0]!, password: DEMO_PASSWORD });
  await addMember(db, areaId, id, role, organisationId);
  return id;
}

function leadActor(areaId: string, accountId: string): Actor {
  return { accountId, email: 'x@example.com', displayName: 'Lead', isOperator: false, rolesByArea: new Map([[areaId, ['participation_lead']]]) };
}

const storedRatings = (organisationId: string) =>
  t.owner.selectFrom('charter_assessment_rating').selectAll().where('organisation_id', '=', organisationId).execute();

test("a principle's rating from its commitments (Chorus' own rule): met only when all are met, not yet only when none is, none until all are rated", () => {
  assert.equal(principleRating({ total: 3, rated: 3, met: 3, notYet: 0 }), 'met');
  assert.equal(principleRating({ total: 3, rated: 3, met: 2, notYet: 0 }), 'partly');
  assert.equal(principleRating({ total: 3, rated: 3, met: 0, notYet: 2 }), 'partly', 'one partly among not yets');
  assert.equal(principleRating({ total: 3, rated: 3, met: 1, notYet: 2 }), 'partly');
  assert.equal(principleRating({ total: 3, rated: 3, met: 0, notYet: 3 }), 'not_yet');
  assert.equal(principleRating({ total: 3, rated: 2, met: 2, notYet: 0 }), undefined);
  assert.equal(principleRating({ total: 0, rated: 0, met: 0, notYet: 0 }), undefined);
});

test('the demo: this year open with a deadline, two organisations finished, one not started, and the forum says the trust does not yet communicate well', async () => {
  const lead = await signedIn('lead@riverside.example');
  const response = await lead.get(base);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), `Riverside SEND Partnership Charter self-assessment ${YEAR}`);
  assert.match(page.text(), /Open until .+ \(21 days left\)/);
  assert.match(page.text(), /2 of 4 organisations have finished\. 1 in progress, 1 not started\./);
  const rows = page.tableRows('Organisations');
  assert.deepEqual(rows.map((r) => [r[0], r[1]!.split(' ')[0]]), [
    ['Riverside Youth Voice', 'Not'],
    ['Riverside Parent Carer Forum', 'In'],
    ['Riverside Council', 'Finished'],
    ['Riverside NHS Trust', 'Finished'],
  ]);
  const differences = page.tableRows('Where the forums see it differently');
  const communicate = differences.find((r) => r[0] === 'Riverside NHS Trust' && r[1] === 'Communicate');
  assert.ok(communicate, differences.map((r) => r.join(' | ')).join('\n'));
  assert.equal(communicate[2], 'Met');
  assert.match(communicate[3]!, /^Not yet Riverside Parent Carer Forum, agreed .+ The forum rated this lower than the organisation did\.$/);
  // Last year beside this year, and last year is there to read.
  assert.ok(page.getByRole('link', { name: `${YEAR - 1} (closed, read only)` }));
  const lastYear = readPage((await lead.get(`${base}/${YEAR - 1}`)).body);
  assert.match(lastYear.text(), /This year was closed on/);
  assert.equal(lastYear.queryByRole('link', { name: /Record a forum/ }), null);
});

test('a practitioner rates their own organisation page by page, and is refused another organisation', async () => {
  const youthVoice = org.get('Riverside Youth Voice')!;
  const council = org.get('Riverside Council')!;
  await staff(t.db, fx.riverside.id, 'yv-practitioner@riverside.example', 'practitioner', youthVoice);
  const practitioner = await signedIn('yv-practitioner@riverside.example');
  const url = `${base}/${YEAR}/organisations/${youthVoice}/principles/1`;
  const form = readPage((await practitioner.get(url)).body);
  assert.equal(form.heading(), 'Welcome and care');
  assert.ok(form.getByRole('group', { name: 'How well does your organisation keep commitment 1?' }));

  const answers = {
    seen: form.hiddenValue('seen') ?? '',
    'c1-rating': 'met', 'c1-note': 'Our welcome survey of 40 families.',
    'c2-rating': 'partly', 'c2-url': 'https://riverside.example/report', 'c2-action': 'Quiet room at every session.', 'c2-owner': 'Youth worker lead', 'c2-due-day': '1', 'c2-due-month': '6', 'c2-due-year': String(YEAR + 1),
  };
  const saved = await practitioner.post(url, answers);
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `${base}/${YEAR}/organisations/${youthVoice}/principles/2`, 'on to the next principle');
  const rows = await storedRatings(youthVoice);
  const byRating = Object.fromEntries(rows.map((r) => [r.rating, r]));
  assert.equal(rows.length, 2, 'the third commitment, left blank, is not rated');
  assert.equal(byRating.met!.evidence_note, 'Our welcome survey of 40 families.');
  assert.equal(byRating.partly!.action_owner, 'Youth worker lead');
  assert.equal(byRating.partly!.action_due_on, `${YEAR + 1}-06-01`);
  const audited = await t.owner.selectFrom('audit_event').select(['action', 'subject_id']).where('action', '=', 'evaluation.charter_self_assessed').where('subject_id', '=', youthVoice).execute();
  assert.equal(audited.length, 1, 'the save is in the audit log, against the organisation');

  // The organisation's page shows what was saved; the area's shows it in progress.
  const overview = readPage((await practitioner.get(`${base}/${YEAR}/organisations/${youthVoice}`)).body);
  assert.match(overview.text(), /2 of 15 commitments rated/);
  const welcome = overview.tableRows('Welcome and care');
  assert.ok(welcome.some((r) => r[1] === 'Partly' && /Quiet room at every session\.\s*By Youth worker lead, by 1 June/.test(r[3]!)), JSON.stringify(welcome));

  // Another organisation: refused, and nothing changes.
  const before = await storedRatings(council);
  assert.equal((await practitioner.get(`${base}/${YEAR}/organisations/${council}/principles/1`)).statusCode, 403);
  await practitioner.get(url);
  assert.equal((await practitioner.post(`${base}/${YEAR}/organisations/${council}/principles/1`, { 'c1-rating': 'not_yet', 'c1-action': 'x', 'c1-owner': 'x', 'c1-due-day': '1', 'c1-due-month': '1', 'c1-due-year': '2030' })).statusCode, 403);
  assert.equal((await practitioner.post(`${base}/${YEAR}/organisations/${council}/finish`)).statusCode, 403);
  assert.deepEqual(await storedRatings(council), before);
  // They may read another organisation's self-assessment, without the links to change it.
  const councilPage = readPage((await practitioner.get(`${base}/${YEAR}/organisations/${council}`)).body);
  assert.match(councilPage.text(), /Only this organisation's practitioners and participation leads can change these ratings/);
  assert.equal(councilPage.queryByRole('link', { name: 'Welcome and care' }), null);
  // A decision maker reads the area's view, but rates nothing.
  const decisionMaker = await signedIn('decision-maker@riverside.example');
  assert.equal((await decisionMaker.get(base)).statusCode, 200);
  assert.equal((await decisionMaker.get(url)).statusCode, 403);
});

test('the form says what is wrong with each commitment, keeps every word typed, and never fails on odd input', async () => {
  const lead = await signedIn('lead@riverside.example');
  const pcf = org.get('Riverside Parent Carer Forum')!;
  const url = `${base}/${YEAR}/organisations/${pcf}/principles/2`;
  const seen = readPage((await lead.get(url)).body).hiddenValue('seen') ?? '';
  const before = await storedRatings(pcf);
  const response = await lead.post(url, {
    seen,
    'c1-note': 'Typed without choosing',
    'c2-rating': 'partly', 'c2-note': 'Some evidence', 'c2-due-day': '31', 'c2-due-month': '2', 'c2-due-year': '2027',
    'c3-rating': 'met',
    'c4-rating': 'met', 'c4-url': 'javascript:alert(1)', 'c4-activity': fx.northVale.activityId,
  });
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  assert.match(page.document.title, /^Error: /);
  assert.deepEqual(page.errorLinks(), [
    '#c1-rating Select met, partly or not yet for commitment 1',
    '#c2-action Enter what you will do about commitment 2',
    '#c2-owner Enter who will do it for commitment 2',
    '#c2-due-day By when for commitment 2 must be a real date',
    '#c3-note Give evidence for commitment 3: a few words, an activity or a link',
    '#c4-url Enter the link for commitment 4 starting https://, or leave it empty',
    '#c4-activity Select an activity from the list for commitment 4',
  ]);
  assert.equal(page.valueOf('What shows it (commitment 1)'), 'Typed without choosing');
  assert.equal(page.valueOf('What shows it (commitment 2)'), 'Some evidence');
  assert.ok(page.document.getElementById('c2-rating-2')?.hasAttribute('checked'), 'partly stays chosen for commitment 2');
  assert.equal(page.valueOf('A link that shows it (commitment 4)'), 'javascript:alert(1)');
  assert.deepEqual(await storedRatings(pcf), before, 'nothing saved');

  // Arrays, objects and strange values: a page of errors, not a failure.
  const odd = await lead.post(url, { seen, 'c1-rating': ['met', 'partly'], 'c2-rating': 'excellent', 'c3-due-day': '99' });
  assert.equal(odd.statusCode, 422);
  // Two ratings at once for commitment 1 count as none chosen (and nothing else was typed there).
  assert.deepEqual(readPage(odd.body).errorSummary(), [
    'Select met, partly or not yet for commitment 2',
    'Select met, partly or not yet for commitment 3',
  ]);
});

test('someone else saving the same page first: the second person keeps what they typed and sees what was saved', async () => {
  const pcf = org.get('Riverside Parent Carer Forum')!;
  const url = `${base}/${YEAR}/organisations/${pcf}/principles/3`;
  const first = await signedIn('lead@riverside.example');
  await staff(t.db, fx.riverside.id, 'pcf-worker@riverside.example', 'practitioner', pcf);
  const other = await signedIn('pcf-worker@riverside.example');
  const seenFirst = readPage((await first.get(url)).body).hiddenValue('seen') ?? '';
  const seenOther = readPage((await other.get(url)).body).hiddenValue('seen') ?? '';
  assert.equal((await first.post(url, { seen: seenFirst, 'c1-rating': 'met', 'c1-note': 'First person' })).statusCode, 303);
  const late = await other.post(url, { seen: seenOther, 'c1-rating': 'not_yet', 'c1-action': 'Second person\'s plan', 'c1-owner': 'Chair', 'c1-due-day': '1', 'c1-due-month': '1', 'c1-due-year': '2030' });
  assert.equal(late.statusCode, 409);
  const page = readPage(late.body);
  assert.match(page.text(), /Someone else saved this principle while you were working on it/);
  assert.equal(page.valueOf('What you will do (commitment 1)'), 'Second person\'s plan');
  assert.match(page.text(), /They saved: Met/);
  const stored = (await storedRatings(pcf)).find((r) => r.evidence_note === 'First person');
  assert.equal(stored?.rating, 'met', 'the first save stands');
  // Saving again from the page they now see goes through.
  assert.equal((await other.post(url, { seen: page.hiddenValue('seen') ?? '', 'c1-rating': 'not_yet', 'c1-action': 'Second person\'s plan', 'c1-owner': 'Chair', 'c1-due-day': '1', 'c1-due-month': '1', 'c1-due-year': '2030' })).statusCode, 303);
});

test('finishing needs every commitment rated; then the area sees it finished', async () => {
  const youthVoice = org.get('Riverside Youth Voice')!;
  const lead = await signedIn('lead@riverside.example');
  const overviewUrl = `${base}/${YEAR}/organisations/${youthVoice}`;
  await lead.get(overviewUrl);
  const early = await lead.post(`${overviewUrl}/finish`);
  assert.equal(early.statusCode, 422);
  assert.deepEqual(readPage(early.body).errorSummary(), ['Rate every commitment before you mark the self-assessment as finished']);
  // Rate the rest through the pages, as the lead.
  for (let n = 1; n <= 4; n += 1) {
    const url = `${overviewUrl}/principles/${n}`;
    const page = readPage((await lead.get(url)).body);
    const count = page.getAllByRole('group', { name: /How well does your organisation keep commitment/ }).length;
    const answers: Record<string, string> = { seen: page.hiddenValue('seen') ?? '' };
    for (let i = 1; i <= count; i += 1) Object.assign(answers, { [`c${i}-rating`]: 'met', [`c${i}-note`]: `Evidence ${n}.${i}` });
    assert.equal((await lead.post(url, answers)).statusCode, 303, url);
  }
  await lead.get(overviewUrl);
  assert.equal((await lead.post(`${overviewUrl}/finish`)).statusCode, 303);
  const area = readPage((await lead.get(base)).body);
  assert.match(area.text(), /3 of 4 organisations have finished/);
  assert.match(area.tableRows('Organisations').find((r) => r[0] === 'Riverside Youth Voice')![1]!, /^Finished/);
});

test("a lead records a forum's agreed rating beside the organisation's own; others may not", async () => {
  const youthVoice = org.get('Riverside Youth Voice')!;
  const { forums } = await listForumsAndBoards(t.db, fx.riverside.id);
  const youthCouncil = forums.find((f) => f.name === 'Riverside Youth Council')!;
  const url = `${base}/${YEAR}/forums/${youthCouncil.id}/organisations/${youthVoice}`;
  const lead = await signedIn('lead@riverside.example');
  const page = readPage((await lead.get(url)).body);
  assert.match(page.text(), /Record the rating Riverside Youth Council agreed together at its meeting.+a participation lead records what they agreed/);
  const empty = await lead.post(url, { 'agreed-day': '1', 'agreed-month': '1', 'agreed-year': String(YEAR + 5) });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorSummary(), ['Select the forum\'s rating for at least one principle', 'The date the forum agreed this must be today or in the past']);
  const today = londonToday();
  const [y, m, d] = today.split('-');
  const saved = await lead.post(url, { 'p1-rating': 'met', 'p3-rating': 'not_yet', 'p3-note': 'Letters are too long.', 'agreed-day': d!, 'agreed-month': m!, 'agreed-year': y! });
  assert.equal(saved.statusCode, 303);
  const area = readPage((await lead.get(base)).body);
  const row = area.tableRows('Where the forums see it differently').find((r) => r[0] === 'Riverside Youth Voice');
  assert.deepEqual(row?.slice(0, 3), ['Riverside Youth Voice', 'Communicate', 'Met']);
  assert.match(row![3]!, /^Not yet Riverside Youth Council, agreed/);
  const overview = readPage((await lead.get(`${base}/${YEAR}/organisations/${youthVoice}`)).body);
  assert.match(overview.text(), /Riverside Youth Council \(agreed .+\): Not yet Differs from yours The forum said: Letters are too long\./);

  for (const email of ['practitioner@riverside.example', 'decision-maker@riverside.example']) {
    const client = await signedIn(email);
    assert.equal((await client.get(url)).statusCode, 403, email);
  }
});

test("another area's organisations and forums are not found here", async () => {
  const lead = await signedIn('lead@riverside.example');
  const { forums } = await listForumsAndBoards(t.db, fx.northVale.id);
  const nvOrg = (await listOrganisations(t.db, fx.northVale.id))[0]!.id;
  for (const url of [
    `${base}/${YEAR}/organisations/${nvOrg}`,
    `${base}/${YEAR}/organisations/${nvOrg}/principles/1`,
    `${base}/${YEAR}/forums/${forums[0]!.id}/organisations/${org.get('Riverside Council')}`,
    `${base}/${YEAR}/organisations/not-an-id`,
    `${base}/1999`,
    `${base}/abcd`,
  ]) {
    const response = await lead.get(url);
    assert.equal(response.statusCode, 404, url);
    for (const secret of NORTH_VALE_SECRETS) assert.ok(!response.body.includes(secret), url);
  }
});

test('a year is opened with a deadline, one at a time; closed, it cannot change, and only then is it public', async () => {
  const area = await createArea(t.db, { slug: 'charter-years', name: 'Charter Years', contactEmail: 'c@example.com' });
  const a = await addOrganisation(t.db, area.id, null, { name: 'Alpha Council', kind: 'council' });
  const b = await addOrganisation(t.db, area.id, null, { name: 'Beta Trust', kind: 'nhs' });
  const leadId = await staff(t.db, area.id, 'years-lead@example.com', 'participation_lead', null);
  await addForum(t.db, area.id, leadId, { name: 'Years Parent Carer Forum', audience: 'parent_carers', description: '', easyRead: '', meets: '', boardIds: [] });
  const lead = await signedIn('years-lead@example.com');
  const areaBase = '/a/charter-years/manage/evaluation/charter';
  assert.match(readPage((await lead.get(areaBase)).body).text(), /No year of the charter self-assessment has been opened yet/);

  await lead.get(`${areaBase}/new-year`);
  const bad = await lead.post(`${areaBase}/new-year`, { year: '26', 'deadline-day': '1', 'deadline-month': '1', 'deadline-year': '2001' });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(readPage(bad.body).errorLinks(), ['#year Enter the year as 4 digits, for example 2026', '#deadline-day The deadline must be today or in the future']);
  assert.equal(readPage(bad.body).valueOf('Year of the self-assessment'), '26');
  const opened = await lead.post(`${areaBase}/new-year`, { year: '2030', 'deadline-day': '31', 'deadline-month': '3', 'deadline-year': '2031' });
  assert.equal(opened.statusCode, 303);
  await lead.get(`${areaBase}/new-year`);
  assert.match(readPage((await lead.get(`${areaBase}/new-year`)).body).text(), /The 2030 self-assessment is open until 31 March 2031/);
  const second = await lead.post(`${areaBase}/new-year`, { year: '2031', 'deadline-day': '31', 'deadline-month': '3', 'deadline-year': '2032' });
  assert.equal(second.statusCode, 422);

  // Rate Alpha fully (all met) and Beta one principle; the forum says Alpha only partly welcomes.
  const actor = leadActor(area.id, leadId);
  for (let n = 1; n <= 4; n += 1) {
    const form = await principleForm(t.db, actor, area.id, '2030', a.id, String(n));
    await savePrinciple(t.db, actor, area.id, form, form.principle.statements.map((s) => ({ statementId: s.id, rating: 'met', evidenceUrl: '', evidenceActivityId: null, evidenceNote: 'Alpha evidence', actionText: '', actionOwner: '', actionDueOn: null })), form.seen);
  }
  await finishSelfAssessment(t.db, actor, area.id, '2030', a.id);
  const betaForm = await principleForm(t.db, actor, area.id, '2030', b.id, '1');
  await savePrinciple(t.db, actor, area.id, betaForm, betaForm.principle.statements.map((s) => ({ statementId: s.id, rating: 'not_yet', evidenceUrl: '', evidenceActivityId: null, evidenceNote: '', actionText: 'Beta plan', actionOwner: 'Beta boss', actionDueOn: '2031-01-01' })), betaForm.seen);
  const { forums } = await listForumsAndBoards(t.db, area.id);
  const ff = await forumForm(t.db, area.id, '2030', forums[0]!.id, a.id);
  await saveForumRatings(t.db, leadId, area.id, ff, { agreedOn: '2030-03-01', ratings: [{ principleId: ff.principles[0]!.principle.id, rating: 'partly', note: '' }] });

  // While the year is open the public page shows nothing of it.
  const visitor = new Client(app);
  const before = readPage((await visitor.get('/a/charter-years/charter/how-we-are-doing')).body);
  assert.match(before.text(), /We have not finished a year of checking ourselves against our charter yet/);

  await lead.get(`${areaBase}/2030/close`);
  assert.match(readPage((await lead.get(`${areaBase}/2030/close`)).body).text(), /1 organisations have not finished/);
  assert.equal((await lead.post(`${areaBase}/2030/close`)).statusCode, 303);
  const alphaBefore = await storedRatings(a.id);
  // Closed: read-only everywhere.
  assert.equal((await lead.get(`/a/charter-years/manage/evaluation/charter/2030/organisations/${a.id}/principles/1`)).statusCode, 409);
  await lead.get(`${areaBase}/2030/organisations/${a.id}`);
  assert.equal((await lead.post(`${areaBase}/2030/organisations/${a.id}/principles/1`, { 'c1-rating': 'not_yet' })).statusCode, 409);
  assert.equal((await lead.post(`${areaBase}/2030/organisations/${a.id}/finish`)).statusCode, 409);
  assert.equal((await lead.post(`${areaBase}/2030/close`)).statusCode, 409);
  assert.equal((await lead.get(`${areaBase}/2030/forums/${forums[0]!.id}/organisations/${a.id}`)).statusCode, 409);
  assert.deepEqual(await storedRatings(a.id), alphaBefore);
  const readOnly = readPage((await lead.get(`${areaBase}/2030/organisations/${a.id}`)).body);
  assert.match(readOnly.text(), /The 2030 self-assessment is closed: this is what was recorded/);
  assert.equal(readOnly.queryByRole('button', { name: 'Mark as finished' }), null);

  // The public page: the closed year's counts, and no names of organisations or people.
  for (const path of ['/a/charter-years/charter/how-we-are-doing', '/a/charter-years/charter/how-we-are-doing/easy-read']) {
    const response = await visitor.get(path);
    assert.equal(response.statusCode, 200);
    for (const name of ['Alpha Council', 'Beta Trust', 'Beta boss', 'Beta plan', 'Alpha evidence', 'years-lead']) assert.ok(!response.body.includes(name), `${path} shows ${name}`);
  }
  const open = readPage((await visitor.get('/a/charter-years/charter/how-we-are-doing')).body);
  assert.match(open.text(), /In 2030, 1 of the 2 organisations in our partnership finished checking themselves against our charter/);
  const welcome = open.section('Welcome and care');
  assert.match(welcome, /1 of 2 say they meet this/);
  assert.match(welcome, /1 of 2 say they do not meet this yet/);
  assert.match(welcome, /Actions planned to do better: 3/);
  assert.match(welcome, /Of the 1 organisations it rated: 0 meet this, 1 partly, 0 not yet\. Years Parent Carer Forum rated 1 of them lower than they rated themselves\./);
  assert.match(open.section('Communicate'), /1 of 2 say they meet this.+1 of 2 did not rate all of it/);
  const easy = readPage((await visitor.get('/a/charter-years/charter/how-we-are-doing/easy-read')).body);
  assert.match(easy.text(), /In 2030, we asked 2 organisations to check if they keep our promises\. 1 of them finished\./);
  // The next year can now be opened, and the last one is there beside it.
  assert.equal((await lead.post(`${areaBase}/new-year`, { year: '2031', 'deadline-day': '31', 'deadline-month': '3', 'deadline-year': '2032' })).statusCode, 303);
  const next = readPage((await lead.get(areaBase)).body);
  assert.equal(next.heading(), 'Charter Years Charter self-assessment 2031');
  assert.deepEqual(next.tableRows('2031 beside last year')[0], ['Welcome and care', 'Met 0, partly 0, not yet 0', 'Met 1, partly 0, not yet 1']);
});

test('reminders go before the deadline to the staff of organisations not finished, who can fill it in, once per stage', async () => {
  const area = await createArea(t.db, { slug: 'charter-reminders', name: 'Charter Reminders', contactEmail: 'c@example.com' });
  const done = await addOrganisation(t.db, area.id, null, { name: 'Done Council', kind: 'council' });
  const late = await addOrganisation(t.db, area.id, null, { name: 'Late Trust', kind: 'nhs' });
  const empty = await addOrganisation(t.db, area.id, null, { name: 'Empty Charity', kind: 'charity' });
  const leadId = await staff(t.db, area.id, 'rem-lead@example.com', 'participation_lead', late.id);
  await staff(t.db, area.id, 'rem-practitioner@example.com', 'practitioner', late.id);
  await staff(t.db, area.id, 'rem-decider@example.com', 'decision_maker', late.id);
  await staff(t.db, area.id, 'rem-done@example.com', 'practitioner', done.id);
  await staff(t.db, area.id, 'rem-partnership@example.com', 'practitioner', null);
  const now = new Date('2031-03-01T09:00:00Z');
  await openYear(t.db, area.id, leadId, { year: 2031, deadlineOn: '2031-03-11' });
  const actor = leadActor(area.id, leadId);
  for (let n = 1; n <= 4; n += 1) {
    const form = await principleForm(t.db, actor, area.id, '2031', done.id, String(n));
    await savePrinciple(t.db, actor, area.id, form, form.principle.statements.map((s) => ({ statementId: s.id, rating: 'met', evidenceUrl: '', evidenceActivityId: null, evidenceNote: 'Yes', actionText: '', actionOwner: '', actionDueOn: null })), form.seen);
  }
  await finishSelfAssessment(t.db, actor, area.id, '2031', done.id);

  const queued = async () =>
    (await t.owner.selectFrom('queued_message').select(['recipient', 'subject', 'body']).where('area_id', '=', area.id).where('purpose', '=', 'charter_reminder').orderBy('recipient').execute());

  // 25 days before: too early.
  assert.deepEqual(await remindCharterSelfAssessments(t.db, { now: new Date('2031-02-14T09:00:00Z'), baseUrl: 'https://chorus.example' }), { organisations: 0, messages: 0 });
  // 10 days before: the 14-day reminder, to Late Trust's lead and practitioner only.
  const first = await remindCharterSelfAssessments(t.db, { now, baseUrl: 'https://chorus.example' });
  assert.deepEqual(first, { organisations: 2, messages: 2 }, 'Late Trust (2 people) and Empty Charity (nobody)');
  const messages = await queued();
  assert.deepEqual(messages.map((m) => m.recipient), ['rem-lead@example.com', 'rem-practitioner@example.com']);
  assert.equal(messages[0]!.subject, 'Late Trust: the charter self-assessment is due by 11 March 2031');
  assert.match(messages[0]!.body, /10 days from today/);
  assert.ok(messages[0]!.body.includes(`https://chorus.example/a/charter-reminders/manage/evaluation/charter/2031/organisations/${late.id}`));
  // Run again the same day, and the next: nothing more.
  assert.deepEqual(await remindCharterSelfAssessments(t.db, { now, baseUrl: 'https://chorus.example' }), { organisations: 0, messages: 0 });
  assert.deepEqual(await remindCharterSelfAssessments(t.db, { now: new Date('2031-03-02T09:00:00Z'), baseUrl: 'https://chorus.example' }), { organisations: 0, messages: 0 });
  // 3 days before: the last reminder, once.
  const last = new Date('2031-03-08T09:00:00Z');
  assert.deepEqual(await remindCharterSelfAssessments(t.db, { now: last, baseUrl: 'https://chorus.example' }), { organisations: 2, messages: 2 });
  assert.deepEqual(await remindCharterSelfAssessments(t.db, { now: last, baseUrl: 'https://chorus.example' }), { organisations: 0, messages: 0 });
  assert.equal((await queued()).length, 4);
  // After the deadline: none.
  assert.deepEqual(await remindCharterSelfAssessments(t.db, { now: new Date('2031-03-12T09:00:00Z'), baseUrl: 'https://chorus.example' }), { organisations: 0, messages: 0 });
  // The area's page says who was reminded, and where nobody could be.
  const lead = await signedIn('rem-lead@example.com');
  const rows = readPage((await lead.get('/a/charter-reminders/manage/evaluation/charter')).body).tableRows('Organisations');
  assert.match(rows.find((r) => r[0] === 'Late Trust')![3]!, /^8 March 2031 \(4 people\)$/);
  assert.match(rows.find((r) => r[0] === 'Empty Charity')![3]!, /nobody to remind/);
  assert.equal(rows.find((r) => r[0] === 'Done Council')![3], 'None yet');

  // The lead moves the deadline on: the reminders go again before the new one, once.
  await lead.get('/a/charter-reminders/manage/evaluation/charter/2031/deadline');
  const bad = await lead.post('/a/charter-reminders/manage/evaluation/charter/2031/deadline', { 'deadline-day': '30', 'deadline-month': '2', 'deadline-year': '2031' });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(readPage(bad.body).errorLinks(), ['#deadline-day The deadline must be a real date']);
  assert.equal((await lead.post('/a/charter-reminders/manage/evaluation/charter/2031/deadline', { 'deadline-day': '30', 'deadline-month': '4', 'deadline-year': '2031' })).statusCode, 303);
  assert.match(readPage((await lead.get('/a/charter-reminders/manage/evaluation/charter')).body).text(), /Open until 30 April 2031/);
  const again = new Date('2031-04-20T09:00:00Z');
  assert.deepEqual(await remindCharterSelfAssessments(t.db, { now: again, baseUrl: 'https://chorus.example' }), { organisations: 2, messages: 2 });
  assert.deepEqual(await remindCharterSelfAssessments(t.db, { now: again, baseUrl: 'https://chorus.example' }), { organisations: 0, messages: 0 });
  assert.equal((await queued()).length, 6);
  const practitioner = await signedIn('rem-practitioner@example.com');
  assert.equal((await practitioner.get('/a/charter-reminders/manage/evaluation/charter/2031/deadline')).statusCode, 403, 'only leads and admins move the deadline');
  void empty;
});

test('the pages make the same number of queries for 10 activities and 3 organisations as for 1,000 activities and 40', async (ctx) => {
  const leadId = fx.riverside.memberIds.participation_lead;
  async function build(slug: string, organisations: number, activities: number): Promise<{ areaId: string; organisationId: string; forumId: string }> {
    const area = await createArea(t.db, { slug, name: slug, contactEmail: 'c@example.com' });
    const orgs = [];
    for (let i = 0; i < organisations; i += 1) orgs.push(await addOrganisation(t.db, area.id, null, { name: `${slug} org ${i}`, kind: 'school' }));
    await withArea(t.db, area.id, (tx) => tx.insertInto('area_membership').values({ area_id: area.id, account_id: leadId, role: 'participation_lead', organisation_id: null }).execute());
    const first = await createActivity(t.db, area.id, null, testActivity({ organisationId: null, title: `${slug} activity` }));
    // The other activities are copies of the first, straight into the table (creating 1,000 through the service would take minutes).
    const columns = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'activity' and column_name <> 'id'`.execute(t.owner)).rows;
    const list = sql.raw(columns.map((c) => `"${c.column_name}"`).join(', '));
    await sql`insert into activity (${list}) select ${list} from activity, generate_series(2, ${activities}) where id = ${first.id}`.execute(t.owner);
    await addForum(t.db, area.id, leadId, { name: `${slug} forum`, audience: 'parent_carers', description: '', easyRead: '', meets: '', boardIds: [] });
    const { forums } = await listForumsAndBoards(t.db, area.id);
    const actor = leadActor(area.id, leadId);
    for (const year of [2029, 2030]) {
      await openYear(t.db, area.id, leadId, { year, deadlineOn: `${year}-12-31` });
      for (const o of orgs.slice(0, Math.ceil(organisations / 2))) {
        for (let n = 1; n <= 4; n += 1) {
          const form = await principleForm(t.db, actor, area.id, String(year), o.id, String(n));
          await savePrinciple(t.db, actor, area.id, form, form.principle.statements.map((s, i) => ({ statementId: s.id, rating: i % 2 ? 'met' : 'partly', evidenceUrl: '', evidenceActivityId: first.id, evidenceNote: 'e', actionText: i % 2 ? '' : 'a', actionOwner: 'o', actionDueOn: '2031-01-01' })), form.seen);
        }
        const ff = await forumForm(t.db, area.id, String(year), forums[0]!.id, o.id);
        await saveForumRatings(t.db, leadId, area.id, ff, { agreedOn: `${year}-01-01`, ratings: ff.principles.map((p) => ({ principleId: p.principle.id, rating: 'not_yet', note: '' })) });
      }
      if (year === 2029) await closeYear(t.db, area.id, leadId, String(year));
    }
    return { areaId: area.id, organisationId: orgs[0]!.id, forumId: forums[0]!.id };
  }
  const small = await build('charter-count-small', 3, 10);
  const large = await build('charter-count-large', 40, 1000);
  assert.equal(Number((await t.owner.selectFrom('activity').select((eb) => eb.fn.countAll().as('n')).where('area_id', '=', large.areaId).executeTakeFirstOrThrow()).n), 1000);

  const counter = countingDb(t.db);
  const countingApp = await testApp(counter.db);
  try {
    const lead = new Client(countingApp);
    await lead.signIn('only-participation-lead@riverside.example');
    const counts: Record<string, number[]> = {};
    for (const [slug, ids] of [['charter-count-small', small], ['charter-count-large', large]] as const) {
      const b = `/a/${slug}/manage/evaluation/charter`;
      const pages = {
        area: b,
        lastYear: `${b}/2029`,
        organisation: `${b}/2030/organisations/${ids.organisationId}`,
        principle: `${b}/2030/organisations/${ids.organisationId}/principles/2`,
        forum: `${b}/2030/forums/${ids.forumId}/organisations/${ids.organisationId}`,
        public: `/a/${slug}/charter/how-we-are-doing`,
        easyRead: `/a/${slug}/charter/how-we-are-doing/easy-read`,
      };
      for (const [name, url] of Object.entries(pages)) {
        await lead.get(url); // warm: sign-in and membership caches
        counter.reset();
        const response = await lead.get(url);
        assert.equal(response.statusCode, 200, url);
        (counts[name] ??= []).push(counter.count());
      }
    }
    for (const [name, [few, many]] of Object.entries(counts)) assert.equal(few, many, `${name}: ${few} vs ${many} queries`);
    ctx.diagnostic(`queries per request (session and area included), small vs large: ${Object.entries(counts).map(([n, c]) => `${n} ${c.join('/')}`).join(', ')}`);
  } finally {
    await countingApp.close();
  }
});
