/**
 * The activities module's report sections on a data set built by hand (the expected figures are
 * worked out in the comments): what we did, and planning promises kept; the period and scope
 * filters; counts of 1 to 7 people hidden; an empty period; and the same number of queries for 10
 * and for 1,000 activities.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { testActivity } from '../../testing/activities.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { insertResponse } from '../../testing/responses.ts';
import type { ActivityInput } from './activities.service.ts';
import { createActivity } from './activities.service.ts';
import { addOrganisation, createArea } from '../areas/areas.service.ts';
import type { CountCell, ReportScope, SectionContent, SectionContext } from '../reports/index.ts';
import { activitiesReportSections } from './report-sections.service.ts';

const NOW = new Date('2026-07-15T10:00:00Z');
const FROM = '2026-01-01';
const TO = '2026-06-30';

let t: TestDb;
let areaId: string;
let orgA: string;
let orgB: string;

const section = (key: string) => activitiesReportSections.find((s) => s.key === key)!;

function context(db: Db, scope: ReportScope = { kind: 'area' }, from = FROM, to = TO, id = areaId): SectionContext {
  return { db, areaId: id, scope, from, to, t: translator('en'), lang: 'en', now: NOW };
}

async function addActivity(db: Db, area: string, input: Partial<ActivityInput>, dates: { openedAt: Date | null; createdAt?: Date; status?: string }): Promise<string> {
  const activity = await createActivity(db, area, null, testActivity(input));
  const createdAt = dates.createdAt ?? dates.openedAt ?? new Date('2025-01-01T00:00:00Z');
  await withArea(db, area, (tx) =>
    sql`UPDATE activity SET opened_at = ${dates.openedAt}, status = ${dates.status ?? 'closed'}, created_at = ${createdAt} WHERE id = ${activity.id}`.execute(tx),
  );
  return activity.id;
}

async function addResponses(db: Db, area: string, activityId: string, count: number, submittedAt: Date, status: 'submitted' | 'in_progress' = 'submitted'): Promise<void> {
  await withArea(db, area, async (tx) => {
    for (let i = 0; i < count; i += 1) {
      const r = await insertResponse(tx, area, { activityId, answers: [], status });
      await tx.updateTable('response').set({ submitted_at: status === 'submitted' ? submittedAt : null }).where('id', '=', r.id).execute();
    }
  });
}

async function addViews(db: Db, area: string, activityId: string, count: number, createdAt: Date, hidden = false): Promise<void> {
  await withArea(db, area, (tx) =>
    tx
      .insertInto('contribution')
      .values(
        Array.from({ length: count }, (_, i) => ({
          area_id: area,
          activity_id: activityId,
          source: 'free_text' as const,
          original_text: `View ${i} from Alice Example, alice@example.com`,
          redacted_text: `View ${i} from [name], [email]`,
          created_at: createdAt,
          hidden_at: hidden ? createdAt : null,
          hidden_reason: hidden ? 'Off topic' : null,
        })),
      )
      .execute(),
  );
}

async function addRequests(db: Db, area: string, activityId: string, statuses: Array<'new' | 'arranged' | 'not_possible'>): Promise<void> {
  await withArea(db, area, (tx) => tx.insertInto('adjustment_request').values(statuses.map((status) => ({ area_id: area, activity_id: activityId, adjustments: ['breaks'], status }))).execute());
}

/**
 * The known area (period 1 January to 30 June 2026, no term dates so every weekday is a school day,
 * notice 14 days):
 *
 * | activity | type     | audience | org | service   | took place            | opened  | venue     | responses in period | views in period     |
 * | W1       | workshop | children | A   | Education | Tue 10 Mar 16:30      | 1 Feb   | in person, access recorded, offers breaks | 3 | 9 |
 * | W2       | workshop | children | A   | Education | Wed 11 Mar 10:00      | 5 Mar   | in person, nothing recorded, no adjustments | 0 | 0 |
 * | S1       | survey   | both     | B   | Health    | opened 15 Feb (no date)| 15 Feb | none      | 10 (+1 unfinished, +2 before the period) | 20 (+1 hidden) |
 * | M1       | meeting  | parents  | B   | —         | Fri 1 May 18:00       | 1 Apr   | online    | 0 | 0 |
 * | OLD      | survey   | both     | A   | —         | opened 1 Nov 2025 (before) | 1 Nov 2025 | none | 4 | 2 |
 * | FUT      | event    | both     | A   | —         | 1 Aug 2026 (after)    | 1 Jun   | none      | 0 | 0 |
 *
 * Area: 4 activities held (W1, W2, S1, M1); responses 3 + 10 + 4 = 17; views 9 + 20 + 2 = 31.
 * By type: survey 1 activity, 14 responses, 22 views; workshop 2, 3 (hidden), 9; meeting 1, 0 (hidden, secondary), 0.
 * Organisation A: 2 activities; responses 3 + 4 = 7 (hidden); views 11. Service Health: 1 activity, 10 responses, 20 views.
 *
 * Promises: notice W1 ok (37 days), W2 short (6), M1 ok (30), S1 untimed → 2 kept, 1 not.
 * School hours: W1 after school, W2 clashes, S1 untimed, M1 for parents → 1 and 1. Venue access: W1 yes,
 * W2 no (S1 no venue, M1 online) → 1 and 1. Adjustments offered: W1 only → 1 and 3.
 * Adjustment requests (W1): 9 arranged, 2 not possible → made 11, arranged 9, not possible hidden, open 0 hidden (secondary).
 */
before(async () => {
  t = await createTestDb();
  const area = await createArea(t.db, { slug: 'report-activities', name: 'Report Activities', contactEmail: 'lead@example.com' });
  areaId = area.id;
  orgA = (await addOrganisation(t.db, areaId, null, { name: 'Org A', kind: 'council' })).id;
  orgB = (await addOrganisation(t.db, areaId, null, { name: 'Org B', kind: 'nhs' })).id;
  const inPerson = { venueKind: 'in_person' as const, venueName: 'Hall', venueAddress: '1 Street' };
  const w1 = await addActivity(
    t.db,
    areaId,
    { title: 'W1', type: 'workshop', audience: 'children_young_people', organisationId: orgA, services: ['Education'], startsAt: new Date('2026-03-10T16:30:00Z'), ...inPerson, venueAccessRecorded: true, venueAccess: ['step_free'], adjustmentsOffered: ['breaks'] },
    { openedAt: new Date('2026-02-01T10:00:00Z') },
  );
  await addActivity(t.db, areaId, { title: 'W2', type: 'workshop', audience: 'children_young_people', organisationId: orgA, services: ['Education'], startsAt: new Date('2026-03-11T10:00:00Z'), ...inPerson }, { openedAt: new Date('2026-03-05T10:00:00Z') });
  const s1 = await addActivity(t.db, areaId, { title: 'S1', type: 'survey', audience: 'both', organisationId: orgB, services: ['Health'] }, { openedAt: new Date('2026-02-15T10:00:00Z') });
  await addActivity(t.db, areaId, { title: 'M1', type: 'meeting', audience: 'parent_carers', organisationId: orgB, startsAt: new Date('2026-05-01T17:00:00Z'), venueKind: 'online' }, { openedAt: new Date('2026-04-01T10:00:00Z') });
  const old = await addActivity(t.db, areaId, { title: 'OLD', type: 'survey', audience: 'both', organisationId: orgA }, { openedAt: new Date('2025-11-01T10:00:00Z') });
  await addActivity(t.db, areaId, { title: 'FUT', type: 'event', audience: 'both', organisationId: orgA, startsAt: new Date('2026-08-01T10:00:00Z') }, { openedAt: new Date('2026-06-01T10:00:00Z'), status: 'open' });

  await addResponses(t.db, areaId, w1, 3, new Date('2026-03-10T18:00:00Z'));
  await addResponses(t.db, areaId, s1, 10, new Date('2026-03-01T12:00:00Z'));
  await addResponses(t.db, areaId, s1, 1, new Date('2026-03-01T12:00:00Z'), 'in_progress');
  await addResponses(t.db, areaId, s1, 2, new Date('2025-12-20T12:00:00Z'));
  await addResponses(t.db, areaId, old, 4, new Date('2026-01-05T12:00:00Z'));
  await addViews(t.db, areaId, w1, 9, new Date('2026-03-10T18:00:00Z'));
  await addViews(t.db, areaId, s1, 20, new Date('2026-03-01T12:00:00Z'));
  await addViews(t.db, areaId, s1, 1, new Date('2026-03-01T12:00:00Z'), true);
  await addViews(t.db, areaId, old, 2, new Date('2026-01-05T12:00:00Z'));
  await addRequests(t.db, areaId, w1, [...Array<'arranged'>(9).fill('arranged'), 'not_possible', 'not_possible']);
});
after(async () => {
  await t?.drop();
});

const figure = (content: SectionContent, label: string) => content.figures.find((f) => f.label === label);
const value = (cell: unknown) => (cell as CountCell).value;
const rowOf = (content: SectionContent, tableId: string, label: string) => content.tables.find((x) => x.id === tableId)!.rows.find((r) => r[0] === label)!;

test('what we did: activities held by type and by audience, responses and views of the period', async () => {
  const content = await section('activities.overview').build(context(t.db));
  assert.equal(content.empty, false);
  assert.equal(figure(content, 'Activities held')?.value, 4);
  assert.equal(figure(content, 'Responses received')?.value, 17);
  assert.equal(figure(content, 'Views shared')?.value, 31);
  const survey = rowOf(content, 'by_type', 'Survey');
  assert.deepEqual([value(survey[1]), value(survey[2]), value(survey[3])], [1, 14, 22]);
  const workshop = rowOf(content, 'by_type', 'Workshop');
  assert.deepEqual([value(workshop[1]), value(workshop[2]), value(workshop[3])], [2, null, 9]);
  assert.equal((workshop[2] as CountCell).suppression, 'small');
  // One hidden count in a column whose total is shown: one more is hidden so it cannot be worked out.
  const meeting = rowOf(content, 'by_type', 'Meeting');
  assert.equal((meeting[2] as CountCell).suppression, 'secondary');
  assert.equal(content.tables.find((x) => x.id === 'by_type')!.rows.length, 3);
  const children = rowOf(content, 'by_audience', 'Children and young people');
  assert.deepEqual([value(children[1]), value(children[3])], [2, 9]);
  assert.equal(content.charts[0]!.tableId, 'by_type');
  assert.match(content.paragraphs.join(' '), /4 activities took place/);
  assert.ok(content.easyRead.length >= 1 && content.easyRead.length <= 3);
  assert.ok(content.easyRead.every((line) => line.symbol && /^[0-9A-F]+$/.test(line.symbol)));
});

test('what we did: the scope keeps one organisation’s or one service’s activities, and hides 1 to 7 responses', async () => {
  const a = await section('activities.overview').build(context(t.db, { kind: 'organisation', organisationId: orgA }));
  assert.equal(figure(a, 'Activities held')?.value, 2);
  assert.equal(figure(a, 'Responses received')?.value, null);
  assert.equal(figure(a, 'Responses received')?.suppression, 'small');
  assert.equal(figure(a, 'Views shared')?.value, 11);
  assert.match(a.paragraphs.join(' '), /fewer than 8 responses/);
  assert.ok(!a.paragraphs.join(' ').includes(' 7 responses'));
  assert.ok(a.notes.some((n) => n.includes('fewer than 8')));
  const health = await section('activities.overview').build(context(t.db, { kind: 'service', service: 'Health' }));
  assert.equal(figure(health, 'Activities held')?.value, 1);
  assert.equal(figure(health, 'Responses received')?.value, 10);
  assert.equal(figure(health, 'Views shared')?.value, 20);
});

test('what we did: another period counts only what happened in it, and an empty period says so kindly', async () => {
  // Only FUT took place in August; nothing was answered.
  const august = await section('activities.overview').build(context(t.db, { kind: 'area' }, '2026-08-01', '2026-08-31'));
  assert.equal(figure(august, 'Activities held')?.value, 1);
  const empty = await section('activities.overview').build(context(t.db, { kind: 'area' }, '2024-01-01', '2024-12-31'));
  assert.equal(empty.empty, true);
  assert.equal(empty.figures.length, 0);
  assert.match(empty.paragraphs[0]!, /No activities took place/);
  const promises = await section('activities.planning_promises').build(context(t.db, { kind: 'area' }, '2024-01-01', '2024-12-31'));
  assert.equal(promises.empty, true);
});

test('planning promises: notice, school hours, venue access and adjustments by the checklist’s rules; requests met', async () => {
  const content = await section('activities.planning_promises').build(context(t.db));
  assert.equal(content.empty, false);
  const table = content.tables.find((x) => x.id === 'promises')!;
  const counts = table.rows.map((r) => [value(r[1]), value(r[2]), value(r[3])]);
  assert.deepEqual(counts, [
    [2, 1, 67],
    [1, 1, 50],
    [1, 1, 50],
    [1, 3, 25],
  ]);
  assert.match(String(table.rows[0]![0]), /14 days/);
  const requests = content.tables.find((x) => x.id === 'adjustment_requests')!.rows[0]!;
  assert.deepEqual(requests.map(value), [11, 9, null, null]);
  assert.deepEqual(requests.map((c) => (c as CountCell).suppression), ['none', 'none', 'small', 'secondary']);
  assert.equal(figure(content, 'Activities checked')?.value, 4);
  assert.ok(content.figures.length >= 2 && content.figures.length <= 4);
  assert.match(content.paragraphs.join(' '), /We arranged 9 of them/);
});

test('planning promises: the scope keeps one organisation’s activities', async () => {
  const content = await section('activities.planning_promises').build(context(t.db, { kind: 'organisation', organisationId: orgB }));
  const table = content.tables.find((x) => x.id === 'promises')!;
  // S1 (survey, no venue, no adjustments) and M1 (meeting for parents online, 30 days' notice, no adjustments).
  assert.deepEqual(table.rows.map((r) => [value(r[1]), value(r[2])]), [
    [1, 0],
    [0, 0],
    [0, 0],
    [0, 2],
  ]);
  assert.equal(table.rows[1]![3], 'Does not apply');
  assert.match(content.paragraphs.join(' '), /Nobody asked for an adjustment/);
});

test('the sections make the same number of queries for 10 activities as for 1,000', async (ctx) => {
  const counts: Record<string, number[]> = {};
  for (const size of [10, 1000]) {
    const area = await createArea(t.db, { slug: `report-activities-${size}`, name: `Size ${size}`, contactEmail: 'lead@example.com' });
    const template = await addActivity(t.db, area.id, { title: 'Template', type: 'workshop', audience: 'children_young_people', startsAt: new Date('2026-03-10T16:30:00Z') }, { openedAt: new Date('2026-02-01T10:00:00Z') });
    await addViews(t.db, area.id, template, 3, new Date('2026-03-10T18:00:00Z'));
    await addRequests(t.db, area.id, template, ['arranged']);
    await withArea(t.db, area.id, async (tx) => {
      await sql`INSERT INTO activity (area_id, title, purpose, type, level, stage, services, audience, age_bands, starts_at, contact_name, contact_email, status, opened_at, created_at, updated_at)
        SELECT area_id, title || g, purpose, type, level, stage, services, audience, age_bands, starts_at, contact_name, contact_email, status, opened_at, created_at, updated_at
        FROM activity, generate_series(2, ${size}) AS g WHERE id = ${template}`.execute(tx);
      await sql`INSERT INTO contribution (area_id, activity_id, source, original_text, redacted_text, created_at)
        SELECT a.area_id, a.id, 'free_text', 'A view', 'A view', '2026-03-10T18:00:00Z' FROM activity a WHERE a.area_id = ${area.id}`.execute(tx);
      await sql`INSERT INTO adjustment_request (area_id, activity_id, status) SELECT a.area_id, a.id, 'arranged' FROM activity a WHERE a.area_id = ${area.id}`.execute(tx);
    });
    for (const s of activitiesReportSections) {
      const counter = countingDb(t.db);
      const content = await s.build(context(counter.db, { kind: 'area' }, FROM, TO, area.id));
      assert.equal(content.empty, false);
      (counts[s.key] ??= []).push(counter.count());
    }
  }
  for (const [key, [small, large]] of Object.entries(counts)) {
    assert.equal(small, large, `${key}: ${small} vs ${large} queries`);
    ctx.diagnostic(`${key}: ${small} queries for 10 activities, ${large} for 1,000`);
  }
});
