/**
 * The report sections' indexes (migration 2026-12-05T1110, issue 14 §4): they apply, roll back and
 * apply again, and the period's count of visible contributions (what "What we did" and "What changed"
 * count) can be answered from the index alone, row-level security included, without the table.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { withArea } from './db.ts';
import { down, up } from './migrations/2026-12-05T1110_reports_indexes.ts';
import { twoAreas, type TwoAreas } from '../testing/fixtures.ts';
import { createTestDb, type TestDb } from '../testing/harness.ts';

let t: TestDb;
let areas: TwoAreas;
before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
});
after(async () => t.drop());

async function indexDefinition(owner: Kysely<any>): Promise<string | null> {
  const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'contribution_report_period_idx'`.execute(owner);
  return rows[0]?.indexdef ?? null;
}

test('the report index is there after migrating, goes on rolling back and comes back on migrating again', async () => {
  const before = await indexDefinition(t.owner);
  assert.match(before ?? '', /ON public\.contribution USING btree \(area_id, created_at\) INCLUDE \(activity_id, id, safeguarding_hold\) WHERE \(hidden_at IS NULL\)/);
  await down(t.owner);
  assert.equal(await indexDefinition(t.owner), null);
  await up(t.owner);
  assert.equal(await indexDefinition(t.owner), before);
});

test("a period's count of visible contributions per activity is read from the index alone, as the app reads it", async () => {
  // 40,000 contributions of a few sentences over two years (a fortieth hidden), as the owner, then
  // VACUUM ANALYZE as autovacuum would: the table is then much wider than the index.
  await sql`
    insert into contribution (area_id, activity_id, source, original_text, redacted_text, created_at, hidden_at, hidden_reason)
    select ${areas.riverside.id}::uuid, ${areas.riverside.activityId}::uuid, 'free_text', repeat('The club was too loud and the bus came late. ', 6) || i, repeat('The club was too loud and the bus came late. ', 6) || i,
      ${'2026-12-05T12:00:00Z'}::timestamptz - i * interval '26 minutes',
      case when i % 40 = 0 then now() end, case when i % 40 = 0 then 'Off topic' end
    from generate_series(1, 40000) i`.execute(t.owner);
  await sql`vacuum analyze contribution`.execute(t.owner);
  const plan = await withArea(t.db, areas.riverside.id, async (tx) => {
    const { rows } = await sql<{ 'QUERY PLAN': string }>`
      explain select c.activity_id, count(*) from contribution c
       where c.area_id = ${areas.riverside.id} and c.hidden_at is null
         and c.created_at >= ${'2025-12-06T00:00:00Z'}::timestamptz and c.created_at < ${'2026-12-06T00:00:00Z'}::timestamptz
       group by c.activity_id`.execute(tx);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
  assert.match(plan, /Index Only Scan using contribution_report_period_idx on contribution/);
});
