/**
 * The Lundy checklist (issue 13 §2): proposals worked out from real records (planning checks,
 * formats, themes and responses) with links to the evidence; a person's override kept beside the
 * proposal; scores; the GOV.UK error pattern keeping what was typed; who may answer; the area's
 * checklist and wording; and the same number of queries for 10 and for 1,000 activities.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { testActivity } from '../../testing/activities.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, createTestDb, DEMO_PASSWORD, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { createActivity, setActivityStatus } from '../activities/activities.service.ts';
import { addBoard, addOrganisation, createArea, listForumsAndBoards } from '../areas/areas.service.ts';
import { lundyScoresFor } from './index.ts';
import { LUNDY_TEMPLATES } from './data/lundy.ts';
import { proposalsFor, scoreAnswers } from './lundy.service.ts';

const DAY = 86_400_000;

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

/** An element's words, spaces collapsed (as a screen reader would read them). */
const words = (page: ReturnType<typeof readPage>, selector: string) => (page.document.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

const url = (activityId: string, slug = 'riverside') => `/a/${slug}/activities/${activityId}/evaluation/lundy`;

/** A meeting a few days ahead, opened today: short notice, no ground rules, no adjustments. */
async function hurriedMeeting(db: Db, areaId: string, title: string, organisationId: string | null = null): Promise<string> {
  const meeting = await createActivity(
    db,
    areaId,
    null,
    testActivity({ title, type: 'meeting', audience: 'parent_carers', organisationId, startsAt: new Date(Date.now() + 3 * DAY), endsAt: new Date(Date.now() + 3 * DAY + 3_600_000), venueKind: 'online' }),
  );
  await setActivityStatus(db, areaId, null, meeting.id, 'open');
  return meeting.id;
}

/** The checklist's form fields as they stand on the page (answers checked, notes typed). */
function formOf(html: string, count: number): Record<string, string> {
  const page = readPage(html);
  const form: Record<string, string> = {};
  for (let n = 1; n <= count; n += 1) {
    const checked = page.document.querySelector<HTMLInputElement>(`input[name="answer-${n}"]:checked`);
    if (checked) form[`answer-${n}`] = checked.value;
    form[`note-${n}`] = page.document.querySelector<HTMLTextAreaElement>(`textarea[name="note-${n}"]`)?.value ?? '';
  }
  return form;
}

test('an activity without enough notice gets "no" for the notice question, with the evidence and a link to it', async () => {
  const id = await hurriedMeeting(t.db, fx.riverside.id, 'Hurried meeting about transport');
  const response = await lead.get(url(id));
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  const q1 = page.document.querySelector('#question-1')!;
  const q1Text = words(page, '#question-1');
  assert.match(q1Text, /Were children and young people’s views sought as early as possible\?/);
  assert.match(q1Text, /Chorus proposes: No\./);
  assert.match(q1Text, /only \d days, against the area’s minimum of 14 days/);
  const link = [...q1.querySelectorAll('a')].find((a) => /planning checklist/.test(a.textContent!));
  assert.equal(link?.getAttribute('href'), `/a/riverside/activities/${id}#checklist`);
  // The proposal is pre-selected for the person to confirm.
  assert.equal(page.document.querySelector<HTMLInputElement>('input[name="answer-1"]:checked')?.value, 'no');
  // No ground rules: "no" for the safe-space question; online, so no formats but standard English.
  assert.match(words(page, '#question-2'), /Chorus proposes: No\. No ground rules were chosen/);
  // Unverified wording is marked; verified Space wording is not.
  assert.match(words(page, '#question-4'), /Not yet checked against the source/);
  assert.doesNotMatch(q1Text, /Not yet checked against the source/);
});

test('an activity planned well gets "yes" from its planning records', async () => {
  const survey = await createActivity(
    t.db,
    fx.riverside.id,
    null,
    testActivity({ title: 'Well planned survey', stage: 'design', easyReadPurpose: 'Tell us what you think.', childrenMode: true, adjustmentsOffered: ['easy_read', 'symbols'] }),
  );
  const proposals = await proposalsFor(t.db, fx.riverside.id, 'riverside', survey.id);
  const answer = (itemId: string) => proposals.find((p) => p.itemId === itemId)?.proposal?.answer;
  assert.equal(answer('lundy.space.q1'), 'yes', 'a survey at the design stage asks early');
  assert.equal(answer('lundy.voice.q1'), 'yes', 'an easy read purpose, and the questions are seen as people answer');
  assert.equal(answer('lundy.voice.q3'), 'yes', 'symbols, read aloud and easy read');
  assert.equal(answer('lundy.audience.q1'), null, 'no views yet: nothing to go on');
});

test('audience and influence come from who decided each response and whether it was published, with links to each response', async () => {
  const areaId = fx.riverside.id;
  const survey = await createActivity(t.db, areaId, null, testActivity({ title: 'Survey with answers' }));
  await setActivityStatus(t.db, areaId, null, survey.id, 'open');
  await setActivityStatus(t.db, areaId, null, survey.id, 'closed');
  const board = (await listForumsAndBoards(t.db, areaId)).boards[0]!;
  const themeIds = await withArea(t.db, areaId, async (tx) => {
    const ids: string[] = [];
    for (const [i, spec] of [{ board: board.id, status: 'done' as const, published: true }, { board: null, status: 'cannot' as const, published: true }].entries()) {
      const contribution = await tx
        .insertInto('contribution')
        .values({ area_id: areaId, activity_id: survey.id, source: 'free_text', original_text: `View ${i}`, redacted_text: `View ${i}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const theme = await tx.insertInto('theme').values({ area_id: areaId, title: `Lundy theme ${i}` }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: theme.id, contribution_id: contribution.id }).execute();
      await tx
        .insertInto('theme_response')
        .values({
          area_id: areaId,
          theme_id: theme.id,
          status: spec.status,
          decided_by_board_id: spec.board,
          reason: spec.status === 'cannot' ? 'The budget is set until April.' : '',
          what_changed: spec.status === 'done' ? 'We moved the club to Saturdays.' : '',
          evidence_links: [],
          stage: 'published',
          first_published_at: new Date(),
          published_at: new Date(),
          published_content: JSON.stringify({}),
        })
        .execute();
      ids.push(theme.id);
    }
    return ids;
  });
  const page = readPage((await lead.get(url(survey.id))).body);
  const q9 = page.document.querySelector('#question-9')!; // Does that person or body have the power to make decisions?
  assert.match(words(page, '#question-9'), /Chorus proposes: Partly\. 1 of 2 responses name a board or a decision maker/);
  const hrefs = [...q9.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  for (const themeId of themeIds) assert.ok(hrefs.includes(`/a/riverside/manage/themes/${themeId}/response`), 'each response is linked');
  // Question 12: feedback explaining the reasons.
  assert.match(words(page, '#question-12'), /Chorus proposes: Yes\. 2 responses published within the area’s promise of 12 weeks, including 1 saying “we can’t, because” with the reason/);
  assert.match(words(page, '#question-11'), /Chorus proposes: Yes\. 2 of 2 views have a published response \(100%\)/);
});

test('a person overrides a proposal with a note: the override is kept beside the proposal, with who and when', async () => {
  const id = await hurriedMeeting(t.db, fx.riverside.id, 'Meeting to override');
  const first = await lead.get(url(id));
  const form = formOf(first.body, 12);
  form['answer-1'] = 'yes';
  form['note-1'] = 'Families asked for this date at the last forum meeting, so they had known for a month.';
  const saved = await lead.post(url(id), form);
  assert.equal(saved.statusCode, 303, readPage(saved.body).errorSummary().join(' | ') + JSON.stringify(form));
  const page = readPage((await lead.get(url(id))).body);
  assert.equal(page.flash(), 'Your answers have been saved.');
  const q1 = words(page, '#question-1');
  assert.match(q1, /Chorus proposes: No\./, 'the proposal is still shown');
  assert.match(q1, /Answered Yes by Only participation_lead on/);
  assert.match(q1, /Changed from Chorus’ proposal \(No\)/);
  assert.equal(page.document.querySelector<HTMLTextAreaElement>('textarea[name="note-1"]')!.value, form['note-1']);
  const row = await withArea(t.db, fx.riverside.id, (tx) => tx.selectFrom('lundy_answer').selectAll().where('activity_id', '=', id).where('item_id', '=', 'lundy.space.q1').executeTakeFirstOrThrow());
  assert.equal(row.proposed, 'no');
  assert.equal(row.proposed_reason, 'notice_short');
  assert.equal(row.answer, 'yes');
  assert.equal(row.answered_by, fx.riverside.memberIds.participation_lead);
  // A confirmed proposal is not an override.
  assert.doesNotMatch(words(page, '#question-2'), /Changed from Chorus’ proposal/);
  // The records change (ground rules are agreed afterwards): the page shows today's proposal and the
  // one the person saw when they answered.
  await withArea(t.db, fx.riverside.id, (tx) => tx.updateTable('activity').set({ ground_rules: ['confidentiality', 'respect'] }).where('id', '=', id).execute());
  const later = readPage((await lead.get(url(id))).body);
  assert.match(words(later, '#question-2'), /Chorus proposes: Yes\..*Answered No by Only participation_lead on .*When it was answered, Chorus proposed: No\./);
  assert.doesNotMatch(words(later, '#question-3'), /When it was answered/);
  // The area view counts it.
  const area = readPage((await lead.get('/a/riverside/manage/evaluation/lundy')).body);
  const rowText = area.tableRows(/Scores for each activity/).find((r) => r[0]!.includes('Meeting to override'));
  assert.ok(rowText, 'the activity is in the area view');
  assert.match(rowText[0]!, /Changed from Chorus’ proposal: 1/);
});

test('an override without a note, a note without an answer and a long note are refused with what was typed kept', async () => {
  const id = await hurriedMeeting(t.db, fx.riverside.id, 'Meeting with mistakes');
  const form = formOf((await lead.get(url(id))).body, 12);
  form['answer-1'] = 'partly';
  form['note-1'] = '';
  delete form['answer-5'];
  form['note-5'] = 'A note with no answer <script>alert(1)</script>';
  form['note-6'] = 'x'.repeat(1001);
  form['answer-7'] = 'maybe';
  const response = await lead.post(url(id), form);
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  assert.match(page.document.title, /^Error:/);
  assert.deepEqual(page.errorSummary(), [
    'Say why you changed Chorus’ proposal for question 1',
    'Select an answer for question 5, or remove its note',
    'The note for question 6 must be 1000 characters or fewer',
    'Select yes, partly, no or not applicable for question 7',
  ]);
  assert.deepEqual(page.errorLinks().map((l) => l.split(' ')[0]), ['#note-1', '#answer-5', '#note-6', '#answer-7']);
  assert.equal(page.document.querySelector<HTMLInputElement>('input[name="answer-1"]:checked')?.value, 'partly', 'the changed answer is kept');
  assert.equal(page.document.querySelector<HTMLTextAreaElement>('textarea[name="note-5"]')!.value, form['note-5']);
  assert.equal(page.document.querySelector<HTMLTextAreaElement>('textarea[name="note-6"]')!.value.length, 1001);
  assert.doesNotMatch(response.body, /<script>alert/);
  const rows = await withArea(t.db, fx.riverside.id, (tx) => tx.selectFrom('lundy_answer').select('item_id').where('activity_id', '=', id).execute());
  assert.equal(rows.length, 0, 'nothing was saved');
});

test('scores: yes 1, partly a half, no 0, not applicable left out, per element and overall', async () => {
  const scored = scoreAnswers([
    { element: 'space', answer: 'yes' },
    { element: 'space', answer: 'partly' },
    { element: 'space', answer: 'no' },
    { element: 'voice', answer: 'not_applicable' },
    { element: 'voice', answer: 'yes' },
  ]);
  assert.equal(scored.elements.space.percent, 50);
  assert.equal(scored.elements.voice.percent, 100);
  assert.equal(scored.elements.audience.percent, null);
  assert.equal(scored.overall.percent, 63, '2.5 of 4 questions that count');

  const area = await createArea(t.db, { slug: 'lundy-scores', name: 'Lundy Scores Area', contactEmail: 'a@lundy.example' });
  const leadId = await createAccount(t.db, { email: 'lead@lundy-scores.example', displayName: 'Scores Lead', password: DEMO_PASSWORD });
  await addMember(t.db, area.id, leadId, 'participation_lead', null);
  const client = new Client(app);
  await client.signIn('lead@lundy-scores.example');
  const empty = readPage((await client.get('/a/lundy-scores/manage/evaluation/lundy')).body);
  assert.match(empty.text(), /No activity’s Lundy checklist has been answered yet/);
  const id = await hurriedMeeting(t.db, area.id, 'Scored meeting');
  const form = formOf((await client.get(url(id, 'lundy-scores'))).body, 12);
  // Space: yes, partly, no (50%); Voice: not applicable, yes, unanswered (100%); the rest as proposed or empty.
  Object.assign(form, { 'answer-1': 'yes', 'note-1': 'Agreed at the forum.', 'answer-2': 'partly', 'note-2': 'We agreed rules on the day.', 'answer-3': 'no', 'note-3': '' });
  Object.assign(form, { 'answer-4': 'not_applicable', 'note-4': 'Nothing to read before.', 'answer-5': 'yes', 'note-5': 'Said in the invitation.' });
  delete form['answer-6'];
  for (let n = 7; n <= 12; n += 1) delete form[`answer-${n}`];
  assert.equal((await client.post(url(id, 'lundy-scores'), form)).statusCode, 303);
  const page = readPage((await client.get(url(id, 'lundy-scores'))).body);
  const scores = page.tableRows(/Scores for this activity/);
  assert.match(scores.find((r) => r[0] === 'Space')![1]!, /^50% \(1\.5 points from 3 questions\)/);
  assert.match(scores.find((r) => r[0] === 'Voice')![1]!, /^100% \(1 points from 1 questions\)/);
  assert.match(scores.find((r) => r[0] === 'Audience')![1]!, /Not answered yet/);
  assert.match(scores.find((r) => r[0] === 'Overall')![1]!, /^63%/);
  const summary = await lundyScoresFor(t.db, area.id);
  assert.equal(summary.activitiesChecked, 1);
  assert.equal(summary.elements.space.percent, 50);
  assert.equal(summary.overall.percent, 63);
  const areaPage = readPage((await client.get('/a/lundy-scores/manage/evaluation/lundy')).body);
  const month = areaPage.tableRows(/Scores by month/);
  assert.match(month.at(-1)![0]!, /All months/);
  assert.match(month.at(-1)![1]!, /50%/);
  assert.match(month.at(-1)![5]!, /63%/);
  // The chart beside the table says every value in words.
  const chart = areaPage.document.querySelector('svg[role="img"]')!;
  assert.equal(chart.querySelector('title')?.textContent, 'Scores by element over time');
  assert.match(chart.querySelector('desc')!.textContent!, /^Space: \w+ \d{4} 50%\. Voice: \w+ \d{4} 100%\. Audience: \w+ \d{4} No answers\. Influence: \w+ \d{4} No answers\.$/);
});

test('a practitioner answers only their own organisation’s activities; a decision maker only reads', async () => {
  const areaId = fx.riverside.id;
  const own = await addOrganisation(t.db, areaId, fx.riverside.memberIds.area_admin, { name: 'Lundy Test Trust', kind: 'nhs' });
  const other = await addOrganisation(t.db, areaId, fx.riverside.memberIds.area_admin, { name: 'Lundy Other College', kind: 'school' });
  const practitionerId = await createAccount(t.db, { email: 'lundy-practitioner@riverside.example', displayName: 'Lundy Practitioner', password: DEMO_PASSWORD });
  await addMember(t.db, areaId, practitionerId, 'practitioner', own.id);
  const ownActivity = await hurriedMeeting(t.db, areaId, 'Own trust meeting', own.id);
  const otherActivity = await hurriedMeeting(t.db, areaId, 'Other college meeting', other.id);
  const practitioner = new Client(app);
  await practitioner.signIn('lundy-practitioner@riverside.example');

  const mine = await practitioner.get(url(ownActivity));
  assert.equal(mine.statusCode, 200);
  assert.equal((await practitioner.post(url(ownActivity), formOf(mine.body, 12))).statusCode, 303);

  const theirs = await practitioner.get(url(otherActivity));
  assert.equal(theirs.statusCode, 200, 'evaluation is readable across the partnership');
  assert.match(readPage(theirs.body).text(), /Only a participation lead, or staff of the organisation running the activity, can answer it/);
  assert.equal(readPage(theirs.body).document.querySelector('input[name="answer-1"]'), null, 'no form to answer');
  // A real form token (from the sign-out form), so the refusal is about who they are, not the token.
  assert.notEqual(practitioner.csrf(), '');
  const refused = await practitioner.post(url(otherActivity), formOf(mine.body, 12));
  assert.equal(refused.statusCode, 403);
  // Refused before the form is read: a form with mistakes gets the same answer, not the error page.
  await practitioner.get(url(otherActivity));
  assert.equal((await practitioner.post(url(otherActivity), { 'answer-1': 'maybe' })).statusCode, 403);
  const rows = await withArea(t.db, areaId, (tx) => tx.selectFrom('lundy_answer').select('item_id').where('activity_id', '=', otherActivity).execute());
  assert.equal(rows.length, 0);

  const dm = new Client(app);
  await dm.signIn('only-decision-maker@riverside.example');
  assert.equal((await dm.get(url(otherActivity))).statusCode, 200);
  assert.equal((await dm.post(url(otherActivity), { 'answer-1': 'yes' })).statusCode, 403);
  const parent = new Client(app);
  await parent.signIn('only-parent-carer@riverside.example');
  assert.equal((await parent.get(url(otherActivity))).statusCode, 403);
  // Another area's activity is not found from Riverside.
  assert.equal((await lead.get(url(fx.northVale.activityId))).statusCode, 404);
});

test('the area chooses Norfolk’s checklist and changes a question’s words; Chorus’ own questions are labelled; a long question is refused and kept', async () => {
  const area = await createArea(t.db, { slug: 'lundy-template', name: 'Lundy Template Area', contactEmail: 'a@lundy-template.example' });
  const adminId = await createAccount(t.db, { email: 'admin@lundy-template.example', displayName: 'Template Admin', password: DEMO_PASSWORD });
  await addMember(t.db, area.id, adminId, 'area_admin', null);
  await addMember(t.db, area.id, adminId, 'participation_lead', null);
  await addBoard(t.db, area.id, adminId, { name: 'Template Board', description: 'Decides.' });
  const admin = new Client(app);
  await admin.signIn('admin@lundy-template.example');
  const page = readPage((await admin.get('/a/lundy-template/manage/evaluation/lundy/template')).body);
  assert.ok(page.isChecked(/Lundy checklist \(Irish national strategy, 2015\)/));
  assert.equal(page.document.querySelectorAll('.govuk-tag').length, 9, 'the nine unverified questions are marked');
  const switched = await admin.post('/a/lundy-template/manage/evaluation/lundy/template', { templateId: 'norfolk', version: page.hiddenValue('version')! });
  assert.equal(switched.statusCode, 303);
  const norfolk = readPage((await admin.get('/a/lundy-template/manage/evaluation/lundy/template')).body);
  assert.ok(norfolk.isChecked(/Norfolk’s Lundy model/));
  const norfolkItems = LUNDY_TEMPLATES.find((x) => x.id === 'norfolk')!.items;
  assert.equal(norfolk.document.querySelectorAll('textarea').length, norfolkItems.length);
  assert.match(norfolk.text(), /Chorus’ own question/);

  const form: Record<string, string> = { templateId: 'norfolk', version: norfolk.hiddenValue('version')! };
  norfolkItems.forEach((item, i) => (form[`wording-${i + 1}`] = item.wording));
  form['wording-1'] = 'Which ways to take part did we offer children and families?';
  form['wording-2'] = 'y'.repeat(301);
  const refused = await admin.post('/a/lundy-template/manage/evaluation/lundy/template', form);
  assert.equal(refused.statusCode, 422);
  const refusedPage = readPage(refused.body);
  assert.deepEqual(refusedPage.errorSummary(), ['Question 2 must be 300 characters or fewer']);
  assert.equal(refusedPage.valueOf(/question 1$/), form['wording-1']);
  form['wording-2'] = '';
  assert.equal((await admin.post('/a/lundy-template/manage/evaluation/lundy/template', form)).statusCode, 303);
  const id = await hurriedMeeting(t.db, area.id, 'Norfolk meeting');
  const checklist = readPage((await admin.get(url(id, 'lundy-template'))).body);
  const q1 = words(checklist, '#question-1');
  assert.match(q1, /Which ways to take part did we offer children and families\?/);
  assert.match(q1, /Our area’s own words/);
  assert.match(words(checklist, '#question-2'), /Is the venue accessible, friendly and safe\?/, 'an emptied question goes back to the source');
  assert.match(words(checklist, `#question-${norfolkItems.length}`), /Chorus’ own question/);

  // A practitioner may not change the checklist.
  const practitioner = new Client(app);
  await practitioner.signIn('only-practitioner@riverside.example');
  assert.equal((await practitioner.get('/a/riverside/manage/evaluation/lundy/template')).statusCode, 403);
});

/** An area with `count` activities, each with its checklist answered, straight into the tables. */
async function areaWithChecklists(db: Db, slug: string, count: number, leadId: string): Promise<void> {
  const area = await createArea(db, { slug, name: `Area ${slug}`, contactEmail: `hello@${slug}.example` });
  await withArea(db, area.id, async (tx) => {
    await tx.insertInto('area_membership').values({ area_id: area.id, account_id: leadId, role: 'participation_lead', organisation_id: null }).execute();
    const items = LUNDY_TEMPLATES[0]!.items;
    for (let start = 0; start < count; start += 200) {
      const batch = Array.from({ length: Math.min(200, count - start) }, (_, i) => ({
        area_id: area.id,
        title: `Activity ${start + i}`,
        purpose: 'To count queries.',
        type: 'survey',
        level: 'strategic',
        stage: 'review',
        audience: 'both',
        contact_name: 'Lead',
        contact_email: 'lead@example.com',
        starts_at: new Date(Date.UTC(2026, (start + i) % 12, 5)),
        updated_at: new Date(),
      }));
      const ids = await tx.insertInto('activity').values(batch).returning('id').execute();
      await tx
        .insertInto('lundy_answer')
        .values(ids.flatMap(({ id }, i) => items.map((item, j) => ({ area_id: area.id, activity_id: id, template_id: 'lundy_2015', item_id: item.id, proposed: 'yes', answer: (i + j) % 3 === 0 ? 'partly' : 'yes', answered_by: leadId }))))
        .execute();
    }
  });
}

test('the area view and an activity’s checklist make the same number of queries for 10 activities as for 1,000', async (ctx) => {
  const leadId = fx.riverside.memberIds.participation_lead;
  await areaWithChecklists(t.db, 'lundy-small', 10, leadId);
  await areaWithChecklists(t.db, 'lundy-large', 1000, leadId);
  const counter = countingDb(t.db);
  const countingApp = await testApp(counter.db);
  try {
    const client = new Client(countingApp);
    await client.signIn('only-participation-lead@riverside.example');
    const queries: Record<string, number[]> = { area: [], checklist: [] };
    for (const slug of ['lundy-small', 'lundy-large']) {
      const area = (await t.db.selectFrom('area').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
      const activityId = (await withArea(t.db, area, (tx) => tx.selectFrom('activity').select('id').where('area_id', '=', area).executeTakeFirstOrThrow())).id;
      for (const [key, path] of [['area', `/a/${slug}/manage/evaluation/lundy`], ['checklist', url(activityId, slug)]] as const) {
        await client.get(path); // warm: sign-in and membership caches
        counter.reset();
        const response = await client.get(path);
        assert.equal(response.statusCode, 200);
        queries[key]!.push(counter.count());
      }
    }
    const large = await lundyScoresFor(t.db, (await t.db.selectFrom('area').select('id').where('slug', '=', 'lundy-large').executeTakeFirstOrThrow()).id);
    assert.equal(large.activitiesChecked, 1000, 'the large area really has 1,000 checked activities');
    assert.equal(queries.area![0], queries.area![1], `area view queries: ${queries.area!.join(' vs ')}`);
    assert.equal(queries.checklist![0], queries.checklist![1], `checklist queries: ${queries.checklist!.join(' vs ')}`);
    ctx.diagnostic(`queries per request (session and area included): area view ${queries.area!.join(' and ')}, checklist ${queries.checklist!.join(' and ')}`);
  } finally {
    await countingApp.close();
  }
});

test('the demo area has Lundy checklists proposed from its records, with at least one override and its note', async () => {
  const riverside = fx.riverside.id;
  const rows = await withArea(t.db, riverside, (tx) => tx.selectFrom('lundy_answer').selectAll().where('area_id', '=', riverside).execute());
  const activities = new Set(rows.map((r) => r.activity_id));
  assert.ok(activities.size >= 4, `checklists for ${activities.size} demo activities`);
  const overrides = rows.filter((r) => r.proposed !== null && r.proposed !== r.answer);
  assert.ok(overrides.length >= 1 && overrides.every((r) => r.note.length > 0), 'an override, with its note');
  assert.ok(rows.some((r) => r.item_id === 'lundy.space.q1' && r.proposed === 'no' && r.proposed_reason === 'notice_short'), 'the hurried EHCP meeting gets "no" for notice');
});
