/**
 * The tenancy wall, checked in PostgreSQL's own catalogue and by trying to cross it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../testing/harness.ts';
import { withArea } from './db.ts';
import { findAppRoleProblems, findRlsProblems } from './rls-catalogue.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(async () => t.drop());

test('every table with an area_id has row-level security enabled, forced and with a policy', async () => {
  assert.deepEqual(await findRlsProblems(t.owner), []);
  const areaTables = await sql<{ n: string }>`select count(distinct table_name) as n from information_schema.columns where table_schema = 'public' and column_name = 'area_id'`.execute(t.owner);
  assert.ok(Number(areaTables.rows[0]!.n) >= 10, 'the check looked at the area tables');
});

test('the catalogue check notices a table whose policy or forcing is removed', async () => {
  await sql`alter table organisation no force row level security`.execute(t.owner);
  await sql`drop policy forum_area on forum`.execute(t.owner);
  try {
    const problems = await findRlsProblems(t.owner);
    assert.deepEqual(problems, [
      { table: 'forum', problem: 'no policy' },
      { table: 'organisation', problem: 'row-level security is not forced' },
    ]);
  } finally {
    await sql`alter table organisation force row level security`.execute(t.owner);
    await sql.raw(`create policy forum_area on forum using (area_id = nullif(current_setting('app.area_id', true), '')::uuid) with check (area_id = nullif(current_setting('app.area_id', true), '')::uuid)`).execute(t.owner);
  }
});

test('the app connects as a role that owns nothing, is not superuser and cannot bypass RLS', async () => {
  assert.deepEqual(await findAppRoleProblems(t.owner), []);
  const who = await sql<{ user: string }>`select current_user as user`.execute(t.db);
  assert.equal(who.rows[0]!.user, 'chorus_app');
});

test("one area's rows are invisible and unwritable from another area's transaction", async () => {
  const a = await t.db.insertInto('area').values({ slug: 'area-a', name: 'A', contact_email: 'a@example.com' }).returning('id').executeTakeFirstOrThrow();
  const b = await t.db.insertInto('area').values({ slug: 'area-b', name: 'B', contact_email: 'b@example.com' }).returning('id').executeTakeFirstOrThrow();
  await withArea(t.db, b.id, (tx) => tx.insertInto('organisation').values({ area_id: b.id, name: 'Secret B org', kind: 'council' }).execute());

  const seenFromA = await withArea(t.db, a.id, (tx) => tx.selectFrom('organisation').select('name').execute());
  assert.deepEqual(seenFromA, []);
  const seenWithoutArea = await t.db.selectFrom('organisation').select('name').execute();
  assert.deepEqual(seenWithoutArea, [], 'no area set: nothing visible');
  await assert.rejects(
    withArea(t.db, a.id, (tx) => tx.insertInto('organisation').values({ area_id: b.id, name: 'Planted', kind: 'council' }).execute()),
    /row-level security/,
  );
  const updated = await withArea(t.db, a.id, (tx) => tx.updateTable('organisation').set({ name: 'Hijacked' }).where('area_id', '=', b.id).executeTakeFirst());
  assert.equal(Number(updated.numUpdatedRows), 0);
});

test('the area setting does not leak from one transaction to the next on a pooled connection', async () => {
  const a = await t.db.selectFrom('area').select('id').where('slug', '=', 'area-b').executeTakeFirstOrThrow();
  await withArea(t.db, a.id, async () => {});
  const after = await sql<{ v: string | null }>`select current_setting('app.area_id', true) as v`.execute(t.db);
  assert.ok(!after.rows[0]!.v, 'app.area_id is empty outside withArea');
});

test('the audit log is append-only for the app', async () => {
  const a = await t.db.selectFrom('area').select('id').where('slug', '=', 'area-a').executeTakeFirstOrThrow();
  await withArea(t.db, a.id, (tx) => tx.insertInto('audit_event').values({ area_id: a.id, actor_account_id: null, action: 'test', subject_type: 'x' }).execute());
  await assert.rejects(withArea(t.db, a.id, (tx) => tx.deleteFrom('audit_event').execute()), /permission denied/);
  await assert.rejects(withArea(t.db, a.id, (tx) => tx.updateTable('audit_event').set({ action: 'changed' }).execute()), /permission denied/);
});
