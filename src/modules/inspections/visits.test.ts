/**
 * Visits (issue 16 §2), through HTTP as the lead and a young inspector would use them: planning a
 * visit makes its own activity with the existing planning checks; the inspector's saves (one row per
 * criterion, replaced; a member with checklist gaps refused); recording the visit gives time once.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { findActivity, storedPlanningChecks } from '../activities/activities.service.ts';
import { findVisit } from './core.ts';
import { planVisit } from './visits.service.ts';

let app: FastifyInstance;
let t: TestDb;
let areas: TwoAreas;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
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
