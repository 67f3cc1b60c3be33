/**
 * Visits (issue 16 §2), through HTTP as the lead and a young inspector would use them: planning a
 * visit makes its own activity with the existing planning checks; the inspector's saves (one row per
 * criterion, replaced; a member with checklist gaps refused); recording the visit gives time once.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { findActivity, storedPlanningChecks } from '../activities/activities.service.ts';
import { findVisit, listRatings } from './core.ts';
import { addMember, memberClient } from './inspections.test-support.ts';
import { planVisit } from './visits.service.ts';

let app: FastifyInstance;
let t: TestDb;
let areas: TwoAreas;
let lead: Client;
const R = '/a/riverside';

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
});
after(async () => {
  await app.close();
  await t.drop();
});

test('planVisit makes the visit its own inspection activity, with the programme activity’s organisation and stored planning checks', async () => {
  const r = areas.riverside;
  const startsAt = new Date(Date.now() + 2 * 86_400_000);
  const visitId = await planVisit(t.db, r.memberIds.participation_lead, r.id, r.programmeId, { providerId: r.providerId, startsAt });
  const visit = await withArea(t.db, r.id, (tx) => findVisit(tx, r.id, r.programmeId, visitId));
  assert.ok(visit);
  assert.equal(visit.status, 'planned');
  assert.notEqual(visit.activityId, r.activityId);
  const activity = (await findActivity(t.db, r.id, visit.activityId))!;
  const parent = (await findActivity(t.db, r.id, r.activityId))!;
  assert.equal(activity.type, 'inspection');
  assert.equal(activity.organisationId, parent.organisationId);
  assert.equal(activity.title, "Young inspectors' visit: Riverside fixture survey provider");
  assert.equal(activity.startsAt?.getTime(), startsAt.getTime());
  assert.equal(activity.endsAt?.getTime(), startsAt.getTime() + 2 * 3_600_000);
  const checks = await storedPlanningChecks(t.db, r.id, visit.activityId);
  assert.ok(checks.length > 0, 'planning checks stored for the visit');
  // Two days' notice is short: the notice check says so.
  assert.ok(checks.some((c) => c.key === 'notice' && c.result === 'warning'), JSON.stringify(checks));
});

test('planVisit refuses a provider or programme of another area', async () => {
  const r = areas.riverside;
  const nv = areas.northVale;
  await assert.rejects(planVisit(t.db, null, r.id, r.programmeId, { providerId: nv.providerId, startsAt: new Date() }), /not found|provider/i);
  await assert.rejects(planVisit(t.db, null, r.id, nv.programmeId, { providerId: r.providerId, startsAt: new Date() }), /not found|programme/i);
});

const visitUrl = (visitId: string) => `${R}/inspections/${areas.riverside.programmeId}/visits/${visitId}`;

test('a lead plans a visit through the form, adding a provider; the visit page shows its planning checks and links to the activity’s details', async () => {
  const r = areas.riverside;
  const url = `${R}/inspections/${r.programmeId}/visits/new`;
  await lead.get(url);
  const bad = await lead.post(url, { provider: 'new', providerName: '', providerEmail: 'not an email', day: '31', month: '2', year: '2027', start: '25:00' });
  assert.equal(bad.statusCode, 422);
  for (const message of ['Enter the provider’s name', 'Enter an email address like name@example.com', 'Enter a real date', 'Enter a time like 10am or 16:30'].map((m) => m.replace('’', '&#39;'))) assert.ok(bad.body.includes(message) || bad.body.includes(message.replace('&#39;', '’')), message);
  assert.match(bad.body, /value="not an email"/);
  const soon = new Date(Date.now() + 3 * 86_400_000);
  const made = await lead.post(url, { provider: 'new', providerName: 'Splash Holiday Club', providerVenue: 'Mill Lane Pool', providerEmail: 'bookings@splash.example', day: String(soon.getUTCDate()), month: String(soon.getUTCMonth() + 1), year: String(soon.getUTCFullYear()), start: '10am', end: '12:30', venueAccess: ['step_free', 'accessible_toilet'], adjustments: 'quiet_space' });
  assert.equal(made.statusCode, 303, made.body.slice(0, 300));
  const visitId = String(made.headers.location).split('/').pop()!;
  const visit = (await withArea(t.db, r.id, (tx) => findVisit(tx, r.id, r.programmeId, visitId)))!;
  const activity = (await findActivity(t.db, r.id, visit.activityId))!;
  assert.equal(activity.title, "Young inspectors' visit: Splash Holiday Club");
  assert.equal(activity.venueName, 'Mill Lane Pool');
  assert.deepEqual(activity.venueAccess, ['step_free', 'accessible_toilet']);
  const page = await lead.get(visitUrl(visitId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Planning checks/);
  assert.match(page.body, /planning-checks-1/, 'the activity’s task list of checks');
  assert.match(page.body, new RegExp(`href="${R}/activities/${visit.activityId}/edit"`));
  // The same name again is the same provider: choose it from the list.
  await lead.get(url);
  const twice = await lead.post(url, { provider: 'new', providerName: 'splash holiday club', day: String(soon.getUTCDate()), month: String(soon.getUTCMonth() + 1), year: String(soon.getUTCFullYear()), start: '10am' });
  assert.equal(twice.statusCode, 409);
  assert.match(twice.body, /There is already a provider with this name/);
});

test('the inspector’s saves: one row per criterion, replaced on each save; JSON for the script, a redirect back to the criterion without it', async () => {
  const r = areas.riverside;
  const inspector = await memberClient(app, t.db, r.id, r.inspectorId);
  const url = `${visitUrl(r.visitId)}/inspect`;
  const page = await inspector.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Easy to get in/);
  assert.match(page.body, /Brilliant/, 'the programme’s words for each rating');
  const first = await inspector.post(url, { criterionId: r.inspectionCriterionId, rating: '2', note: 'The ramp is steep' });
  assert.equal(first.statusCode, 303);
  assert.equal(first.headers.location, `${url}#criterion-${r.inspectionCriterionId}`);
  await inspector.get(url);
  const second = await inspector.post(url, { criterionId: r.inspectionCriterionId, rating: '4', note: 'The ramp is steep but has a rail' }, { headers: { accept: 'application/json' } });
  assert.equal(second.statusCode, 200);
  assert.deepEqual(JSON.parse(second.body), { saved: true });
  const ratings = (await withArea(t.db, r.id, (tx) => listRatings(tx, r.id, r.visitId))).filter((x) => x.memberId === r.inspectorId);
  assert.equal(ratings.length, 1);
  assert.deepEqual({ rating: ratings[0]!.rating, note: ratings[0]!.note }, { rating: 4, note: 'The ramp is steep but has a rail' });
  const shown = await inspector.get(url);
  assert.match(shown.body, /The ramp is steep but has a rail/);
  assert.match(shown.body, /value="4" checked/);
  // Nonsense is refused, never a 500, and the words typed stay.
  await inspector.get(url);
  const bad = await inspector.post(url, { criterionId: r.inspectionCriterionId, rating: '9', note: 'Kept words' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Kept words/);
  await inspector.get(url);
  const unknown = await inspector.post(url, { criterionId: areas.northVale.inspectionCriterionId, rating: '3', note: '' });
  assert.equal(unknown.statusCode, 404);
});

test('a member with checklist gaps may not inspect (page and saves refused); strangers and staff-less browsers see nothing', async () => {
  const r = areas.riverside;
  const notReady = await memberClient(app, t.db, r.id, await addMember(t.db, r.id, r.inspectorPanelId, 'Sam'));
  const url = `${visitUrl(r.visitId)}/inspect`;
  const page = await notReady.get(url);
  assert.equal(page.statusCode, 403);
  assert.match(page.body, /Not ready to inspect yet/);
  const save = await notReady.post(url, { criterionId: r.inspectionCriterionId, rating: '5', note: '' }, { headers: { accept: 'application/json' } });
  assert.equal(save.statusCode, 403);
  assert.equal((await withArea(t.db, r.id, (tx) => listRatings(tx, r.id, r.visitId))).filter((x) => x.rating === 5).length, 0);
  // Anyone who is not one of the programme's inspectors is sent to the members' sign-in page, with nothing of the visit.
  for (const client of [new Client(app), await memberClient(app, t.db, areas.northVale.id, areas.northVale.inspectorId)]) {
    const response = await client.get(url);
    assert.deepEqual([response.statusCode, response.headers.location], [303, `${R}/panels/sign-in`]);
  }
});

test('recording the visit marks it visited and gives each inspector who went their time once, however often it is sent', async () => {
  const r = areas.riverside;
  const visitId = await planVisit(t.db, null, r.id, r.programmeId, { providerId: r.providerId, startsAt: new Date(Date.now() - 86_400_000) });
  const url = visitUrl(visitId);
  await lead.get(url);
  const bad = await lead.post(`${url}/record`, { day: '1', month: '1', year: '2099', hours: 'lots' });
  assert.equal(bad.statusCode, 422);
  for (const m of ['The visit date cannot be in the future', 'Enter hours between 0.25 and 12', 'Tick who went']) assert.ok(bad.body.includes(m), m);
  const today = new Date();
  const form = { day: String(today.getUTCDate()), month: String(today.getUTCMonth() + 1), year: String(today.getUTCFullYear()), hours: '1.5', went: r.inspectorId };
  await lead.get(url);
  assert.equal((await lead.post(`${url}/record`, form)).statusCode, 303);
  assert.equal((await lead.post(`${url}/record`, form)).statusCode, 303);
  const time = await withArea(t.db, r.id, (tx) => tx.selectFrom('time_given').select(['panel_member_id', 'minutes', 'kind']).where('source_key', '=', `visit:${visitId}`).execute());
  assert.deepEqual(time, [{ panel_member_id: r.inspectorId, minutes: 90, kind: 'inspection' }]);
  const visit = (await withArea(t.db, r.id, (tx) => findVisit(tx, r.id, r.programmeId, visitId)))!;
  assert.equal(visit.status, 'visited');
  const page = await lead.get(url);
  assert.match(page.body, /The time each young inspector gave is recorded/);
});

test('a decision maker sees the visit but cannot plan or record; a practitioner of another organisation sees nothing', async () => {
  const r = areas.riverside;
  const dm = new Client(app);
  await dm.signIn('only-decision-maker@riverside.example');
  const page = await dm.get(visitUrl(r.visitId));
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /name="hours"/);
  assert.equal((await dm.get(`${R}/inspections/${r.programmeId}/visits/new`)).statusCode, 403);
  const practitioner = new Client(app);
  await practitioner.signIn('only-practitioner@riverside.example');
  assert.notEqual((await practitioner.get(visitUrl(r.visitId))).statusCode, 200);
});

test('the inspector’s page reads the same number of queries however many criteria it has', async () => {
  const r = areas.riverside;
  const counted = countingDb(t.db);
  const countApp = await testApp(counted.db);
  try {
    const inspector = await memberClient(countApp, t.db, r.id, r.inspectorId);
    const measure = async () => {
      counted.reset();
      assert.equal((await inspector.get(`${visitUrl(r.visitId)}/inspect`)).statusCode, 200);
      return counted.count();
    };
    const before = await measure();
    await withArea(t.db, r.id, async (tx) => {
      for (let i = 0; i < 5; i += 1) await tx.insertInto('inspection_criterion').values({ area_id: r.id, programme_id: r.programmeId, title: `Extra ${i}`, status: 'agreed', position: 10 + i }).execute();
    });
    assert.equal(await measure(), before);
  } finally {
    await countApp.close();
  }
});
