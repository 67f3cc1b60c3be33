/**
 * Defence in depth (issue 10 §5): a foreign key between two area tables carries area_id, so the
 * database itself refuses a row in one area that points at another area's row, whoever writes it.
 * Checked in the catalogue (a new single-column key fails here, named) and by trying, as the owner
 * connection, which row-level security does not stop from writing across areas.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { twoAreas, type TwoAreas } from '../testing/fixtures.ts';
import { createTestDb, type TestDb } from '../testing/harness.ts';

let t: TestDb;
let areas: TwoAreas;
before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
});
after(async () => t.drop());

/**
 * Every foreign key from a table with area_id to another table with area_id that does not pair
 * area_id with area_id, or whose ON DELETE SET NULL would also null area_id.
 */
async function findSingleAreaKeys(owner: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string; child: string; parent: string; columns: string[]; parent_columns: string[]; on_delete: string; set_null_columns: string[] | null }>`
    with area_table as (
      select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'area_id' and not a.attisdropped)
    )
    select k.conname as name, child.relname as child, parent.relname as parent,
           array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as columns,
           array(select a.attname::text from unnest(k.confkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as parent_columns,
           k.confdeltype as on_delete,
           array(select a.attname::text from unnest(k.confdelsetcols) u(n) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n) as set_null_columns
      from pg_constraint k
      join pg_class child on child.oid = k.conrelid
      join pg_class parent on parent.oid = k.confrelid
     where k.contype = 'f' and k.conrelid in (select oid from area_table) and k.confrelid in (select oid from area_table)
     order by child.relname, k.conname`.execute(owner);
  const problems: string[] = [];
  for (const r of rows) {
    const at = r.columns.indexOf('area_id');
    if (at < 0 || r.parent_columns[at] !== 'area_id') problems.push(`${r.child}.${r.name} → ${r.parent}: (${r.columns.join(', ')}) does not pair area_id with area_id`);
    // 'n' is SET NULL: without a column list it would set area_id (NOT NULL) to null too.
    else if (r.on_delete === 'n' && (!r.set_null_columns?.length || r.set_null_columns.includes('area_id'))) problems.push(`${r.child}.${r.name} → ${r.parent}: ON DELETE SET NULL needs a column list without area_id`);
  }
  return problems;
}

test('every foreign key between two area tables carries area_id', async () => {
  assert.deepEqual(await findSingleAreaKeys(t.owner), []);
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from pg_constraint k
     where k.contype = 'f' and k.connamespace = 'public'::regnamespace
       and exists (select 1 from pg_attribute a where a.attrelid = k.conrelid and a.attname = 'area_id')
       and exists (select 1 from pg_attribute a where a.attrelid = k.confrelid and a.attname = 'area_id')`.execute(t.owner);
  assert.ok(Number(rows[0]!.n) >= 40, `the check looked at ${rows[0]!.n} keys between area tables`);
});

test('the catalogue check notices a single-column key between area tables, and a SET NULL that would null area_id', async () => {
  await sql`alter table theme_contribution add constraint planted_fkey foreign key (contribution_id) references contribution(id)`.execute(t.owner);
  await sql`alter table contribution add constraint planted_null_fkey foreign key (area_id, question_id) references question(area_id, id) on delete set null`.execute(t.owner);
  try {
    assert.deepEqual(await findSingleAreaKeys(t.owner), [
      'contribution.planted_null_fkey → question: ON DELETE SET NULL needs a column list without area_id',
      'theme_contribution.planted_fkey → contribution: (contribution_id) does not pair area_id with area_id',
    ]);
  } finally {
    await sql`alter table theme_contribution drop constraint planted_fkey`.execute(t.owner);
    await sql`alter table contribution drop constraint planted_null_fkey`.execute(t.owner);
  }
});

/** Runs fn as the owner in a transaction set to North Vale, then rolls it back (nothing stays). */
async function inNorthVale(fn: (tx: Kysely<any>) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await t.owner
    .transaction()
    .execute(async (tx) => {
      await sql`select set_config('app.area_id', ${areas.northVale.id}, true)`.execute(tx);
      await fn(tx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
}

/** The foreign key violation (23503) a statement ended with, or undefined if it worked. */
async function violation(tx: Kysely<any>, statement: () => Promise<unknown>): Promise<string | undefined> {
  await sql`savepoint attempt`.execute(tx);
  try {
    await statement();
    await sql`release savepoint attempt`.execute(tx);
    return undefined;
  } catch (error) {
    await sql`rollback to savepoint attempt`.execute(tx);
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code !== '23503') throw error;
    return constraint;
  }
}

test("the database refuses a North Vale row that points at a Riverside row, and accepts North Vale's own", async () => {
  const nv = areas.northVale;
  const rv = areas.riverside;
  await inNorthVale(async (tx) => {
    // A North Vale contribution to a Riverside activity, new or moved there.
    const contribute = (activityId: string) => () =>
      tx.insertInto('contribution').values({ area_id: nv.id, activity_id: activityId, source: 'free_text', original_text: 'Planted', redacted_text: 'Planted' }).returning('id').executeTakeFirstOrThrow();
    assert.equal(await violation(tx, contribute(rv.activityId)), 'contribution_area_id_activity_id_fkey');
    const own = await contribute(nv.activityId)();
    const move = () => tx.updateTable('contribution').set({ activity_id: rv.activityId }).where('id', '=', own.id).execute();
    assert.equal(await violation(tx, move), 'contribution_area_id_activity_id_fkey');

    // A theme in North Vale gathering a Riverside contribution (one in no theme yet: a contribution
    // is in one theme at most, and that key would refuse it first).
    await sql`select set_config('app.area_id', ${rv.id}, true)`.execute(tx);
    const riverside = await tx.insertInto('contribution').values({ area_id: rv.id, activity_id: rv.activityId, source: 'free_text', original_text: 'Riverside words', redacted_text: 'Riverside words' }).returning('id').executeTakeFirstOrThrow();
    await sql`select set_config('app.area_id', ${nv.id}, true)`.execute(tx);
    const theme = await tx.insertInto('theme').values({ area_id: nv.id, title: 'Planted theme' }).returning('id').executeTakeFirstOrThrow();
    const gather = (contributionId: string) => () => tx.insertInto('theme_contribution').values({ area_id: nv.id, theme_id: theme.id, contribution_id: contributionId }).execute();
    assert.equal(await violation(tx, gather(riverside.id)), 'theme_contribution_area_id_contribution_id_fkey');
    assert.equal(await violation(tx, gather(own.id)), undefined, 'its own contribution is fine');

    // A North Vale theme citing a Riverside question, and a North Vale theme answer decided by a Riverside board.
    const cite = () => tx.updateTable('theme').set({ cited_question_id: rv.questionId }).where('id', '=', nv.themeId).execute();
    assert.equal(await violation(tx, cite), 'theme_area_id_cited_question_id_fkey');
    const riversideBoard = await tx.selectFrom('board').select('id').where('area_id', '=', rv.id).executeTakeFirstOrThrow();
    const decide = () => tx.updateTable('theme_response').set({ decided_by_board_id: riversideBoard.id }).where('theme_id', '=', nv.themeId).execute();
    assert.equal(await violation(tx, decide), 'theme_response_area_id_decided_by_board_id_fkey');
  });
});

test('ON DELETE SET NULL still empties only the link: deleting a question keeps its contributions, in their area', async () => {
  const nv = areas.northVale;
  await inNorthVale(async (tx) => {
    await tx.updateTable('theme').set({ cited_question_id: nv.questionId }).where('id', '=', nv.themeId).execute();
    await tx.deleteFrom('question').where('id', '=', nv.questionId).execute();
    const contribution = await tx.selectFrom('contribution').select(['area_id', 'question_id']).where('id', '=', nv.contributionId).executeTakeFirstOrThrow();
    assert.deepEqual(contribution, { area_id: nv.id, question_id: null });
    const theme = await tx.selectFrom('theme').select(['area_id', 'cited_question_id']).where('id', '=', nv.themeId).executeTakeFirstOrThrow();
    assert.deepEqual(theme, { area_id: nv.id, cited_question_id: null });
  });
});
