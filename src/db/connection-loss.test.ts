/**
 * The database going away under a running app (issue 10 §1), in-process: the connection to
 * PostgreSQL is cut through a proxy while transactions hold connections between two statements
 * (the case that crashed Chorus: a checked-out client's 'error' event with nobody listening).
 * The process survives, every failure reads as "database unavailable", readiness says so, the
 * scheduler keeps ticking, and all of it recovers by itself when the connection is restored.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { appRoleUrl } from './bootstrap.ts';
import type { Db } from './database.ts';
import { createDb } from './db.ts';
import { isDatabaseUnavailable } from './unavailable.ts';
import { HOUR, startScheduler, type Job } from '../modules/jobs/index.ts';
import { cuttableProxy, type CuttableProxy } from '../testing/cuttable-proxy.ts';
import { readPage } from '../testing/dom.ts';
import { createTestDb, testApp, type TestDb } from '../testing/harness.ts';

let t: TestDb;
let proxy: CuttableProxy;
let db: Db;
let app: FastifyInstance;

before(async () => {
  t = await createTestDb();
  const owner = new URL(t.ownerUrl);
  proxy = await cuttableProxy({ host: owner.hostname, port: Number(owner.port) });
  db = createDb(proxy.through(await appRoleUrl(t.ownerUrl)), { max: 8 });
  app = await testApp(db);
});
after(async () => {
  await app.close();
  await db.destroy();
  await proxy.close();
  await t.drop();
});

const until = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

test('connections cut mid-transaction: the process lives, every failure is "unavailable", the same pool works again', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let between = 0;
  // Six transactions each hold a connection between two statements; two more connections sit idle.
  const holding = Array.from({ length: 6 }, () =>
    db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      between += 1;
      await gate;
      await sql`select 2`.execute(trx);
    }),
  );
  await Promise.all([sql`select 1`.execute(db), sql`select 1`.execute(db)]);
  await until(() => between === 6);

  proxy.cut();
  // Let every client see its connection end while checked out: the moment that used to crash.
  await new Promise((resolve) => setTimeout(resolve, 100));
  release();
  const outcomes = await Promise.allSettled(holding);
  assert.ok(outcomes.every((o) => o.status === 'rejected'), 'no transaction claims to have finished');
  for (const o of outcomes) assert.ok(isDatabaseUnavailable((o as PromiseRejectedResult).reason), `unavailable: ${String((o as PromiseRejectedResult).reason)}`);

  const whileCut = await sql`select 1`.execute(db).then(() => undefined, (error: unknown) => error);
  assert.ok(isDatabaseUnavailable(whileCut), `a new query fails as unavailable: ${String(whileCut)}`);

  proxy.restore();
  const { rows } = await sql<{ answer: number }>`select 42 as answer`.execute(db);
  assert.equal(rows[0]!.answer, 42, 'the pool reconnects by itself');
});

test('pages answer 503 and readiness says so while the database is away, and 200 again when it is back', async () => {
  assert.equal((await app.inject('/health/ready')).statusCode, 200);
  proxy.cut();
  try {
    const ready = await app.inject('/health/ready');
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(ready.json(), { status: 'database unavailable' });
    assert.equal((await app.inject('/health/live')).statusCode, 200, 'the process itself is fine');
    const page = await app.inject('/a/riverside');
    assert.equal(page.statusCode, 503);
    assert.equal(readPage(page.body).heading(), 'Sorry, the service is unavailable');
    assert.equal(page.headers['retry-after'], '30');
  } finally {
    proxy.restore();
  }
  assert.equal((await app.inject('/health/ready')).statusCode, 200);
  // No area is seeded here: a 404 is the database answering.
  assert.equal((await app.inject('/a/riverside')).statusCode, 404);
});

test('the scheduler keeps ticking through the outage and runs a due job once the database is back', async () => {
  let runs = 0;
  const job: Job = { name: 'outage-probe', every: HOUR, run: async () => void (runs += 1) };
  const errors: string[] = [];
  const log = { info: () => {}, error: (_data: Record<string, unknown>, message: string) => void errors.push(message) };
  let clock = Date.now();
  const scheduler = startScheduler({ db, jobs: [job], intervalMs: 10, log, clock: () => new Date(clock) });
  try {
    await until(() => runs === 1);
    proxy.cut();
    clock += 2 * HOUR;
    const ticksAtCut = scheduler.ticks;
    await until(() => scheduler.ticks >= ticksAtCut + 5);
    assert.equal(runs, 1, 'nothing runs without the database');
    assert.ok(errors.includes('could not look for scheduled jobs'), 'each failed look is logged');
    proxy.restore();
    await until(() => runs === 2);
  } finally {
    proxy.restore();
    await scheduler.stop();
  }
});

test('what counts as the database being unavailable', () => {
  const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  for (const e of [coded('57P01'), coded('57P03'), coded('08006'), coded('53300'), coded('ECONNREFUSED'), new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect'), new AggregateError([coded('ECONNREFUSED')]), new Error('wrapped', { cause: coded('57P01') })]) {
    assert.equal(isDatabaseUnavailable(e), true, String(e));
  }
  for (const e of [coded('23505'), coded('57014'), coded('42P01'), new Error('Not found: area'), undefined, 'ECONNREFUSED']) {
    assert.equal(isDatabaseUnavailable(e), false, String(e));
  }
});
