/**
 * Reads PostgreSQL's catalogue to find gaps in the tenancy wall: area tables without row-level
 * security enabled AND forced, or without a policy; and an app role that could get round it.
 */
import { sql, type Kysely } from 'kysely';

export type CatalogueProblem = { table: string; problem: string };

export async function findRlsProblems(owner: Kysely<any>): Promise<CatalogueProblem[]> {
  const rows = await sql<{ table: string; enabled: boolean; forced: boolean; policies: string }>`
    select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
           (select count(*) from pg_policy p where p.polrelid = c.oid) as policies
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'area_id' and not a.attisdropped)
    order by c.relname`.execute(owner);
  const problems: CatalogueProblem[] = [];
  for (const row of rows.rows) {
    if (!row.enabled) problems.push({ table: row.table, problem: 'row-level security is not enabled' });
    if (!row.forced) problems.push({ table: row.table, problem: 'row-level security is not forced' });
    if (Number(row.policies) === 0) problems.push({ table: row.table, problem: 'no policy' });
  }
  return problems;
}

export async function findAppRoleProblems(owner: Kysely<any>, role = 'chorus_app'): Promise<string[]> {
  const found = await sql<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>`
    select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = ${role}`.execute(owner);
  const r = found.rows[0];
  if (!r) return [`role ${role} does not exist`];
  const problems: string[] = [];
  if (r.rolsuper) problems.push('is a superuser');
  if (r.rolbypassrls) problems.push('can bypass row-level security');
  if (r.rolcreaterole) problems.push('can create roles');
  if (r.rolcreatedb) problems.push('can create databases');
  const owned = await sql<{ relname: string }>`
    select c.relname from pg_class c join pg_roles r on r.oid = c.relowner
    where r.rolname = ${role} and c.relkind in ('r', 'p', 'v', 'S')`.execute(owner);
  for (const o of owned.rows) problems.push(`owns ${o.relname} (an owner is not bound by forced RLS policies it can drop)`);
  return problems;
}
