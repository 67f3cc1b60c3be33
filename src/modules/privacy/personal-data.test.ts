/**
 * The personal-data catalogue against the database it describes: every column of every table of a
 * migrated database is classified, nothing classified has gone, and what the catalogue says it can do
 * (find by a column, set it to null, anonymise it, delete children before parents) the schema allows.
 * A new table or column added by a migration fails here, naming it, until someone decides about it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { translator } from '../../lib/messages/messages.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { CATALOGUE, downloadTables, isDateColumn, SEARCH_KINDS, type TableEntry } from './personal-data.ts';

let t: TestDb;
type ColumnInfo = { table: string; column: string; nullable: boolean; type: string };
let columns: ColumnInfo[] = [];

before(async () => {
  t = await createTestDb();
  const rows = await sql<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>`
    select c.table_name, c.column_name, c.is_nullable, c.data_type
      from information_schema.columns c
      join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
     where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
     order by c.table_name, c.ordinal_position`.execute(t.owner);
  columns = rows.rows.map((r) => ({ table: r.table_name, column: r.column_name, nullable: r.is_nullable === 'YES', type: r.data_type }));
});
after(async () => t.drop());

const entries = new Map<string, TableEntry>(CATALOGUE);
const info = (table: string, column: string) => columns.find((c) => c.table === table && c.column === column);

test('every column of every table in the database is classified, and every classified column exists', () => {
  assert.ok(columns.length > 300, `read ${columns.length} columns`);
  const unclassified = columns.filter((c) => entries.get(c.table)?.columns[c.column] === undefined).map((c) => `${c.table}.${c.column}`);
  assert.deepEqual(unclassified, [], `not in src/modules/privacy/personal-data.ts (is each personal or not?): ${unclassified.join(', ')}`);
  const gone = CATALOGUE.flatMap(([table, entry]) => Object.keys(entry.columns).filter((column) => !info(table, column)).map((column) => `${table}.${column}`));
  assert.deepEqual(gone, [], `classified in personal-data.ts but not in the database: ${gone.join(', ')}`);
});

test("each table's key is its primary key", async () => {
  const rows = await sql<{ table_name: string; columns: string[] }>`
    select tc.table_name, array_agg(k.column_name::text order by k.ordinal_position) as columns
      from information_schema.table_constraints tc
      join information_schema.key_column_usage k on k.constraint_name = tc.constraint_name and k.table_schema = tc.table_schema
     where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
     group by tc.table_name`.execute(t.owner);
  const primary = new Map(rows.rows.map((r) => [r.table_name, [...r.columns].sort()]));
  const wrong = CATALOGUE.filter(([table, entry]) => JSON.stringify([...entry.key].sort()) !== JSON.stringify(primary.get(table))).map(([table]) => table);
  assert.deepEqual(wrong, [], `key is not the primary key: ${wrong.join(', ')}`);
});

test('every personal column is found and acted on by a link, or says why it is left as it is', () => {
  const problems: string[] = [];
  for (const [table, entry] of CATALOGUE) {
    const links = entry.links ?? [];
    const hasRowLink = links.some((l) => l.holds === 'row');
    for (const [column, kind] of Object.entries(entry.columns)) {
      const linked = links.some((l) => l.column === column);
      if (kind === 'not_personal' && linked) problems.push(`${table}.${column} finds people but is classified not personal`);
      if (kind === 'personal' && !hasRowLink && !linked && !entry.untouched?.[column]) problems.push(`${table}.${column} is personal, but nothing finds it and no reason says why it stays`);
    }
    for (const column of [...Object.keys(entry.untouched ?? {}), ...Object.keys(entry.withheld ?? {}), ...(entry.context ?? [])]) {
      if (!(column in entry.columns)) problems.push(`${table}.${column} is named but is not a column`);
    }
    for (const column of Object.keys(entry.untouched ?? {})) if (entry.columns[column] !== 'personal') problems.push(`${table}.${column} is untouched but not personal`);
    for (const column of Object.keys(entry.withheld ?? {})) if (entry.columns[column] !== 'personal') problems.push(`${table}.${column} is withheld but not personal`);
    if (entry.withheld && !hasRowLink) problems.push(`${table} withholds columns from a download it never shows whole`);
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('what each link does, the schema allows', () => {
  const problems: string[] = [];
  for (const [table, entry] of CATALOGUE) {
    if (entry.gives && (!info(table, entry.gives.column) || !info(table, entry.gives.when.column))) problems.push(`${table}: gives names a column it does not have`);
    for (const link of entry.links ?? []) {
      const where = `${table}.${link.column} (${link.by})`;
      const column = info(table, link.column);
      if (!column) {
        problems.push(`${where}: no such column`);
        continue;
      }
      const idFinder = ['account', 'response', 'contribution', 'signup'].includes(link.by);
      if (link.jsonKey && column.type !== 'jsonb') problems.push(`${where}: jsonKey on a ${column.type} column`);
      else if (idFinder && !link.jsonKey && !link.text && column.type !== 'uuid') problems.push(`${where}: compared as a uuid but is ${column.type}`);
      if (link.text && column.type !== 'text') problems.push(`${where}: marked text but is ${column.type}`);
      if (link.erase.action === 'set_null' && (!column.nullable || link.holds !== 'column')) problems.push(`${where}: set_null needs a nullable column the row is not about`);
      if (link.erase.action === 'delete' && link.holds !== 'row') problems.push(`${where}: deletes a row that is not about the person`);
      if (link.erase.action === 'withdraw_quotes' && column.type !== 'jsonb') problems.push(`${where}: withdraw_quotes on a ${column.type} column`);
      if (link.erase.action === 'anonymise') {
        for (const [target, value] of Object.entries(link.erase.values)) {
          const targetInfo = info(table, target);
          if (!targetInfo) problems.push(`${where}: anonymises ${target}, which is not a column`);
          else if (value === 'null' && !targetInfo.nullable) problems.push(`${where}: sets ${target} to null, which is NOT NULL`);
          else if (entry.columns[target] !== 'personal' && value !== 'now') problems.push(`${where}: anonymises ${target}, which is not personal`);
        }
      }
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('tables are listed parents first, so erasure (in reverse) deletes children before parents', async () => {
  // Two tables that point at each other (a live session's current step, and the step's session) cannot
  // both come first: the link that is set to NULL when its target goes does not constrain the order.
  const rows = await sql<{ child: string; parent: string }>`
    select distinct c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname
       and not (k.confdeltype = 'n' and exists (select 1 from pg_constraint r where r.contype = 'f' and r.conrelid = k.confrelid and r.confrelid = k.conrelid))`.execute(t.owner);
  assert.ok(rows.rows.length > 40, `read ${rows.rows.length} foreign keys`);
  const order = CATALOGUE.map(([table]) => table as string);
  const wrong = rows.rows.filter((r) => order.indexOf(r.parent) > order.indexOf(r.child)).map((r) => `${r.child} is listed before its parent ${r.parent}`);
  assert.deepEqual(wrong, [], wrong.join('\n'));
});

test('every table and column a download can show has words in English and Welsh', () => {
  const missing: string[] = [];
  const shown = new Set<string>();
  for (const kind of SEARCH_KINDS) {
    for (const table of downloadTables(kind)) {
      const entry = entries.get(table)!;
      for (const language of ['en', 'cy'] as const) {
        const tr = translator(language);
        for (const key of [`dataRights.tables.${table}.title`, `dataRights.tables.${table}.description`]) if (tr(key) === key) missing.push(`${language}: ${key}`);
      }
      const whole = (entry.links ?? []).some((l) => l.holds === 'row');
      for (const [column, kind2] of Object.entries(entry.columns)) {
        const mine = whole ? kind2 === 'personal' && !entry.withheld?.[column] : (entry.links ?? []).some((l) => l.column === column);
        if (entry.withheld?.[column]) continue;
        if (mine || entry.key.includes(column) || isDateColumn(column) || entry.context?.includes(column)) shown.add(column);
      }
    }
  }
  for (const column of shown) {
    for (const language of ['en', 'cy'] as const) {
      const key = `dataRights.columns.${column}`;
      if (translator(language)(key) === key) missing.push(`${language}: ${key}`);
    }
  }
  // Every table a search can find has words for the results and erasure pages, whether or not it is
  // downloaded: what it is, and why anything kept is kept or how anything anonymised is changed.
  for (const [table, entry] of CATALOGUE) {
    const links = entry.links ?? [];
    if (!links.length) continue;
    const keys = [`dataRights.tables.${table}.title`, `dataRights.tables.${table}.description`];
    if (links.some((l) => l.erase.action === 'keep')) keys.push(`dataRights.tables.${table}.kept`);
    if (links.some((l) => l.erase.action === 'anonymise' || l.erase.action === 'withdraw_quotes')) keys.push(`dataRights.tables.${table}.anonymised`);
    for (const language of ['en', 'cy'] as const) for (const key of keys) if (translator(language)(key) === key) missing.push(`${language}: ${key}`);
  }
  assert.deepEqual([...new Set(missing)], []);
});
