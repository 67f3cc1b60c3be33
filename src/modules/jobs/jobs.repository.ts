/**
 * SQL for scheduled_job: one row per job, shared by every instance of the installation.
 * The table has no area: it holds names and times, nothing about anyone.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export type JobRow = {
  name: string;
  nextRunAt: Date;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastError: string;
  runs: number;
};

/** Adds rows for jobs not seen before; existing rows (and their times) are left alone. */
export async function ensureJobs(db: Db, jobs: Array<{ name: string; firstRunAt: Date }>): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('scheduled_job')
    .values(jobs.map((j) => ({ name: j.name, next_run_at: j.firstRunAt })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Claims a due run: one UPDATE that moves next_run_at forward. Whichever instance's UPDATE matches
 * first wins; PostgreSQL makes the other wait on the row lock, re-check `next_run_at <= now` against
 * the new value, and match nothing. True when this caller won and must run the job.
 */
export async function claimDueJob(db: Db, name: string, now: Date, next: Date): Promise<boolean> {
  const row = await db
    .updateTable('scheduled_job')
    .set({ next_run_at: next, last_started_at: now })
    .where('name', '=', name)
    .where('next_run_at', '<=', now)
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordFinish(db: Db, name: string, finishedAt: Date, error: string): Promise<void> {
  await db
    .updateTable('scheduled_job')
    .set({ last_finished_at: finishedAt, last_error: error.slice(0, 500), runs: sql<number>`runs + 1` })
    .where('name', '=', name)
    .execute();
}

export async function listJobs(db: Db): Promise<JobRow[]> {
  const rows = await db.selectFrom('scheduled_job').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    name: r.name,
    nextRunAt: r.next_run_at,
    lastStartedAt: r.last_started_at,
    lastFinishedAt: r.last_finished_at,
    lastError: r.last_error,
    runs: r.runs,
  }));
}

/** Brings a claimed job's next run forward (never later than it already is): a retry after an outage. */
export async function runAgainBy(db: Db, name: string, at: Date): Promise<void> {
  await db.updateTable('scheduled_job').set({ next_run_at: sql<Date>`least(next_run_at, ${at})` }).where('name', '=', name).execute();
}
