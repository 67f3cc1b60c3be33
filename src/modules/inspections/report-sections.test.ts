/**
 * The inspections section of a board report on a known data set: visits done and reports sent in
 * the period, ratings by band (with 1–7 hidden and a second band hidden so the first cannot be
 * worked out), re-inspections, responses and actions, providers meeting the standard at the end of
 * the period (their latest report up to then), nothing named, and a fixed number of queries.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { testActivity } from '../../testing/activities.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { createActivity } from '../activities/activities.service.ts';
import { createArea } from '../areas/areas.service.ts';
import type { CountCell, SectionContext } from '../reports/index.ts';
import { inspectionsReportSections } from './report-sections.service.ts';

const FROM = '2026-01-01';
const TO = '2026-03-31';
const IN = new Date('2026-02-10T10:00:00Z');
let t: TestDb;
let areaId: string;
let emptyAreaId: string;

const section = inspectionsReportSections.find((s) => s.key === 'inspections.visits')!;
const context = (db: Db, id = areaId): SectionContext => ({ db, areaId: id, scope: { kind: 'area' }, from: FROM, to: TO, t: translator('en'), lang: 'en', now: new Date('2026-04-02T10:00:00Z') });

before(async () => {
  t = await createTestDb();
  areaId = (await createArea(t.db, { slug: 'insp-area', name: 'Inspections Area', contactEmail: 'a@example.com' })).id;
  emptyAreaId = (await createArea(t.db, { slug: 'insp-empty', name: 'Empty Area', contactEmail: 'b@example.com' })).id;
  const activityId = (await createActivity(t.db, areaId, null, testActivity({ title: 'Holiday clubs' }))).id;
  await withArea(t.db, areaId, async (tx) => {
    const panel = await tx.insertInto('panel').values({ area_id: areaId, activity_id: activityId, kind: 'inspection', title: 'Inspectors' }).returning('id').executeTakeFirstOrThrow();
    const programme = await tx.insertInto('inspection_programme').values({ area_id: areaId, activity_id: activityId, panel_id: panel.id, title: 'Clubs' }).returning('id').executeTakeFirstOrThrow();
    let n = 0;
    const visit = async (rating: number | null, reportedAt: Date | null, extra: { visitedAt?: Date | null; respondedAt?: Date; providerId?: string } = {}) => {
      n += 1;
      const providerId = extra.providerId ?? (await tx.insertInto('inspection_provider').values({ area_id: areaId, name: `Provider Secret ${n}` }).returning('id').executeTakeFirstOrThrow()).id;
      const row = await tx
        .insertInto('inspection_visit')
        .values({ area_id: areaId, programme_id: programme.id, provider_id: providerId, activity_id: activityId, status: extra.respondedAt ? 'responded' : reportedAt ? 'reported' : 'visited', visited_at: extra.visitedAt === undefined ? reportedAt : extra.visitedAt, reported_at: reportedAt, overall_rating: rating, provider_responded_at: extra.respondedAt ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { visitId: row.id, providerId };
    };
    const high = [];
    for (let i = 0; i < 9; i += 1) high.push(await visit(4.5, IN));
    const low = [];
    for (let i = 0; i < 8; i += 1) low.push(await visit(2.2, IN, { respondedAt: IN }));
    for (let i = 0; i < 3; i += 1) await visit(3.0, IN);
    // Visited in the period, report not sent yet.
    await visit(null, null, { visitedAt: IN });
    // Reported before the period at 5 stars: not in the period's counts, but meets the standard at its end.
    await visit(5.0, new Date('2025-12-01T10:00:00Z'));
    // A high provider's next visit, reported after the period at 2 stars: does not change the period.
    await visit(2.0, new Date('2026-05-01T10:00:00Z'), { providerId: high[0]!.providerId });
    // The low ones: a re-inspection each, planned in the period; their providers promised 2 actions each.
    for (const l of low) {
      await tx.insertInto('inspection_visit').values({ area_id: areaId, programme_id: programme.id, provider_id: l.providerId, activity_id: activityId, reinspection_of: l.visitId, created_at: IN }).execute();
      await tx.insertInto('inspection_action').values([1, 2].map((position) => ({ area_id: areaId, visit_id: l.visitId, action: 'Fix it', due_on: '2026-06-01', position, created_at: IN }))).execute();
    }
  });
});
after(() => t.drop());

const value = (cell: unknown) => (cell as CountCell).value;

test('the known data set: visits, reports, bands with small counts hidden, follow-up and the standard', async () => {
  const content = await section.build(context(t.db));
  assert.equal(content.empty, false);
  const figures = Object.fromEntries(content.figures.map((f) => [f.label, f.value]));
  assert.equal(figures['Visits done'], 21);
  assert.equal(figures['Reports sent'], 20);
  assert.equal(figures['Re-inspections planned'], 8);
  assert.equal(figures['Providers meeting the standard'], 10);
  const bands = content.tables.find((x) => x.id === 'ratings')!.rows;
  assert.equal(value(bands[2]![1]), 9, '4 to 5 stars');
  assert.equal(value(bands[1]![1]), null, '3 stars: 3 is hidden');
  assert.equal((bands[1]![1] as CountCell).suppression, 'small');
  assert.equal(value(bands[0]![1]), null, '1 to 2 stars: hidden too, or it would give the 3 away');
  assert.equal((bands[0]![1] as CountCell).suppression, 'secondary');
  const follow = content.tables.find((x) => x.id === 'follow_up')!.rows;
  assert.deepEqual(follow.map((r) => value(r[1])), [8, 8, 16, 10]);
  assert.ok(content.notes.some((n) => /hidden/.test(n)));
  assert.ok(content.easyRead.length >= 2 && content.easyRead.every((l) => l.text && l.symbol));
  assert.doesNotMatch(JSON.stringify(content), /Provider Secret/);
});

test('an area with no inspections says so, and the query count is the same either way', async () => {
  const counter = countingDb(t.db);
  const empty = await section.build(context(counter.db, emptyAreaId));
  const few = counter.count();
  assert.equal(empty.empty, true);
  counter.reset();
  await section.build(context(counter.db));
  assert.equal(counter.count(), few);
});
