/**
 * The scheduler on a real database: with two instances a due job runs once; a restart neither repeats
 * a job that already ran nor forgets one that fell due while stopped; a failing job is recorded and
 * does not stop the others. Plus the times rules give, across the clock changes.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { listJobs } from './jobs.repository.ts';
import { JOBS } from './jobs.ts';
import { runDueJobs, startScheduler, type Job, type Scheduler } from './scheduler.ts';
import { DAY, HOUR, MINUTE, nextRun } from './schedule.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(() => t.drop());
beforeEach(async () => {
  await t.owner.deleteFrom('scheduled_job').execute();
});

/** A job that counts its runs. */
function counting(name: string, every: Job['every'] = HOUR): Job & { runs: number } {
  const job = {
    name,
    every,
    runs: 0,
    async run() {
      job.runs += 1;
    },
  };
  return job;
}

/** Waits until every scheduler has looked for jobs at least `ticks` times (no fixed sleeps). */
async function untilTicked(schedulers: Scheduler[], ticks: number): Promise<void> {
  while (schedulers.some((s) => s.ticks < ticks)) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function row(name: string) {
  return (await listJobs(t.db)).find((j) => j.name === name);
}

test('two schedulers on one database, started together: a due job runs once', async () => {
  const job = counting('digest-once');
  const schedulers = [startScheduler({ db: t.db, jobs: [job], intervalMs: 10 }), startScheduler({ db: t.db, jobs: [job], intervalMs: 10 })];
  try {
    await untilTicked(schedulers, 5);
  } finally {
    await Promise.all(schedulers.map((s) => s.stop()));
  }
  assert.equal(job.runs, 1);
  const stored = (await row('digest-once'))!;
  assert.equal(stored.runs, 1);
  assert.ok(stored.nextRunAt.getTime() > Date.now() + 50 * MINUTE, 'the next run is an hour on');
  assert.ok(stored.lastFinishedAt);
});

test('many instances racing for one due run: exactly one wins', async () => {
  const job = counting('race');
  const now = new Date();
  const outcomes = await Promise.all(Array.from({ length: 8 }, () => runDueJobs(t.db, [job], now)));
  assert.equal(outcomes.flat().length, 1);
  assert.equal(job.runs, 1);
});

test('a restart does not re-run a job whose next run is ahead, and runs one that fell due while stopped', async () => {
  const job = counting('weekly-thing', 7 * DAY);
  const first = startScheduler({ db: t.db, jobs: [job], intervalMs: 10 });
  await untilTicked([first], 2);
  await first.stop();
  assert.equal(job.runs, 1);

  // Restarted a minute later: nothing is due.
  const restarted = startScheduler({ db: t.db, jobs: [job], intervalMs: 10, clock: () => new Date(Date.now() + MINUTE) });
  await untilTicked([restarted], 3);
  await restarted.stop();
  assert.equal(job.runs, 1, 'not run again after a restart');

  // Restarted eight days later: the run that fell due while stopped happens, once.
  const later = startScheduler({ db: t.db, jobs: [job], intervalMs: 10, clock: () => new Date(Date.now() + 8 * DAY) });
  await untilTicked([later], 3);
  await later.stop();
  assert.equal(job.runs, 2);
  assert.equal((await row('weekly-thing'))!.runs, 2);
});

test('a failing job records its error and the next job still runs; it is tried again at its next time', async () => {
  const failing: Job = {
    name: 'always-fails',
    every: HOUR,
    run: async () => {
      throw new Error('the mail server is down');
    },
  };
  const fine = counting('runs-fine');
  const logged: string[] = [];
  const log = { info: () => {}, error: (data: Record<string, unknown>, message: string) => logged.push(`${message}: ${String(data.job)} ${String(data.error)}`) };
  const now = new Date();
  const outcomes = await runDueJobs(t.db, [failing, fine], now, { log });
  assert.deepEqual(outcomes, [{ name: 'always-fails', ok: false, error: 'Error: the mail server is down' }, { name: 'runs-fine', ok: true }]);
  assert.equal(fine.runs, 1);
  assert.deepEqual(logged, ['scheduled job failed: always-fails Error: the mail server is down']);
  const stored = (await row('always-fails'))!;
  assert.equal(stored.lastError, 'Error: the mail server is down');
  assert.equal(stored.runs, 1);

  assert.deepEqual(await runDueJobs(t.db, [failing, fine], new Date(now.getTime() + MINUTE), { log }), [], 'not retried before its next time');
  const next = await runDueJobs(t.db, [failing, fine], new Date(now.getTime() + HOUR), { log });
  assert.deepEqual(next.map((o) => o.name), ['always-fails', 'runs-fine'], 'tried again an hour later');
});

test('stop() waits for a job in progress', async () => {
  let finished = false;
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const slow: Job = {
    name: 'slow-job',
    every: HOUR,
    run: async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 50));
      finished = true;
    },
  };
  const scheduler = startScheduler({ db: t.db, jobs: [slow], intervalMs: 10 });
  await running;
  await scheduler.stop();
  assert.equal(finished, true);
  assert.ok((await row('slow-job'))!.lastFinishedAt, 'its finish was recorded before stop() returned');
});

test('the job list: names fit the table, and sending notices runs every minute', () => {
  const names = JOBS.map((j) => j.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^[a-z][a-z0-9-]{1,60}$/);
  assert.equal(JOBS.find((j) => j.name === 'send-notices')?.every, MINUTE);
});

test('time rules follow England\'s clocks, in winter, in summer and across the changes', () => {
  const mondays7 = { weekday: 'monday' as const, at: '07:00' };
  // Winter (GMT): 07:00 London is 07:00 UTC. Wednesday 14 Jan 2026 → Monday 19 Jan.
  assert.equal(nextRun(mondays7, new Date('2026-01-14T12:00:00Z')).toISOString(), '2026-01-19T07:00:00.000Z');
  // Summer (BST): 07:00 London is 06:00 UTC.
  assert.equal(nextRun(mondays7, new Date('2026-07-01T12:00:00Z')).toISOString(), '2026-07-06T06:00:00.000Z');
  // Exactly at the time: the next one, a week later.
  assert.equal(nextRun(mondays7, new Date('2026-07-06T06:00:00Z')).toISOString(), '2026-07-13T06:00:00.000Z');
  // Clocks go forward on Sunday 29 March 2026: the Monday after is in BST.
  assert.equal(nextRun(mondays7, new Date('2026-03-28T12:00:00Z')).toISOString(), '2026-03-30T06:00:00.000Z');
  // Daily at 03:00, over the night the clocks go back (25 October 2026).
  assert.equal(nextRun({ at: '03:00' }, new Date('2026-10-24T12:00:00Z')).toISOString(), '2026-10-25T03:00:00.000Z');
  assert.equal(nextRun({ at: '03:00' }, new Date('2026-10-24T01:00:00Z')).toISOString(), '2026-10-24T02:00:00.000Z');
  assert.equal(nextRun(MINUTE, new Date('2026-01-01T00:00:00Z')).toISOString(), '2026-01-01T00:01:00.000Z');
  assert.throws(() => nextRun({ at: '25:00' }, new Date()), /HH:MM/);
});

test('a weekly job the database interrupted is tried again in minutes; one that fails for another reason waits its turn', async () => {
  const now = new Date('2026-12-07T07:00:00Z');
  const outage: Job = { name: 'weekly-outage', every: 7 * DAY, run: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })) };
  const broken: Job = { name: 'weekly-broken', every: 7 * DAY, run: async () => Promise.reject(new Error('a bug')) };
  await runDueJobs(t.db, [outage, broken], now);
  const retried = await row('weekly-outage');
  const waiting = await row('weekly-broken');
  assert.equal(retried!.nextRunAt.getTime(), now.getTime() + 5 * MINUTE);
  assert.equal(waiting!.nextRunAt.getTime(), now.getTime() + 7 * DAY);
  assert.match(retried!.lastError, /ECONNREFUSED/);
});
