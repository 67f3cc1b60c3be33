/**
 * The Kysely instance and the one way into an area's data: withArea().
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { AreaTx, Database, Db } from './database.ts';

// A DATE column is a calendar day, not an instant: keep it as 'YYYY-MM-DD' rather than a local Date.
pg.types.setTypeParser(1082, (value) => value);

/**
 * How long a request waits for a connection before it gets the 503 page: a database that does not
 * answer at all (a network that drops packets) must not hold requests for minutes.
 */
const CONNECT_TIMEOUT_MS = 10_000;

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: 'chorus', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  keepErrorsHandled(pool);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A dropped connection (PostgreSQL killed or restarting) must not crash the process (issue 10).
 * The pool's own listener covers only idle clients: a client checked out by a transaction, between
 * two statements, emits 'error' (57P01 "terminating connection due to unexpected postmaster exit")
 * with nobody listening, and Node ends the process. Every client gets a listener of its own; the
 * query in progress still fails (the request answers 503) and the pool drops the broken client.
 */
export function keepErrorsHandled(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * Runs fn in a transaction where row-level security shows only this area's rows.
 * set_config(…, true) is transaction-local, so a pooled connection never carries one area's
 * setting into another request.
 */
export async function withArea<T>(db: Db, areaId: string, fn: (tx: AreaTx) => Promise<T>, accountId?: string): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.area_id', ${areaId}, true), set_config('app.account_id', ${accountId ?? ''}, true)`.execute(trx);
    return fn(trx as AreaTx);
  });
}

/** A transaction that may read the memberships of one account across areas, and nothing area-owned. */
export async function withAccount<T>(db: Db, accountId: string, fn: (tx: AreaTx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.account_id', ${accountId}, true)`.execute(trx);
    return fn(trx as AreaTx);
  });
}

/**
 * withArea, with the safeguarding wall lowered: concerns become readable and contributions on
 * safeguarding hold visible. Only the safeguarding service calls this, after it has checked that
 * the person is a designated safeguarding lead (or for Chorus' own alerting and data-rights work).
 * Row-level security refuses both to every other transaction (migration 2026-12-04T2200).
 */
export async function withSafeguarding<T>(db: Db, areaId: string, fn: (tx: AreaTx) => Promise<T>, accountId?: string): Promise<T> {
  return withArea(db, areaId, async (tx) => {
    await enterSafeguarding(tx);
    return fn(tx);
  }, accountId);
}

/** Lowers the safeguarding wall for the rest of this transaction (see withSafeguarding). */
export async function enterSafeguarding(tx: AreaTx): Promise<void> {
  await sql`select set_config('app.safeguarding', 'on', true)`.execute(tx);
}

/** Raises it again, for the rest of this transaction. */
export async function leaveSafeguarding(tx: AreaTx): Promise<void> {
  await sql`select set_config('app.safeguarding', '', true)`.execute(tx);
}
