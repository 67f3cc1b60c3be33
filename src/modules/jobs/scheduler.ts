/**
 * Jobs that run on a schedule, in PostgreSQL (decision 0010). Every instance runs a scheduler; the
 * scheduled_job table makes each due run happen once: an instance runs a job only if its one
 * UPDATE moved that job's next_run_at forward. A restart changes nothing: the times are in the table.
 */
import type { Db } from '../../db/database.ts';
import { outboxNotifier, type Notifier, type NotifierFor } from '../notifications/notifications.service.ts';
import * as repo from './jobs.repository.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { firstRun, nextRun, type Every } from './schedule.ts';

/** pino-shaped: app.log fits. Only job names and plain messages are logged, never personal data. */
export type JobLog = {
  info(data: Record<string, unknown>, message: string): void;
  error(data: Record<string, unknown>, message: string): void;
};

/** What jobs may use besides the database. */
export type JobServices = {
  /** Each area's way of sending. */
  notifierFor: NotifierFor;
  /** The installation's way of sending (messages of no area). */
  notifier: Notifier;
  /** Public address, for links in messages. */
  baseUrl: string;
};

export type JobContext = JobServices & {
  db: Db;
  /** The time this run was due to start (tests pass their own clock). */
  now: Date;
  log: JobLog;
  /** Aborted when the instance is stopping: a long job should stop at a safe point. */
  signal: AbortSignal;
};

export type Job = {
  /** Lower-case words joined by hyphens ('send-notices'): the key of its scheduled_job row. */
  name: string;
  every: Every;
  run(context: JobContext): Promise<unknown>;
};

export type JobOutcome = { name: string; ok: boolean; error?: string };

const quiet: JobLog = { info: () => {}, error: () => {} };

function defaultServices(db: Db): JobServices {
  const outbox = outboxNotifier(db);
  return { notifier: outbox, notifierFor: async () => outbox, baseUrl: 'http://localhost:3000' };
}

/** The words recorded for a failed run: its kind and message, short. */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return 'the job failed';
}

/** How soon a job whose run the database interrupted is tried again. */
export const RETRY_AFTER_OUTAGE_MS = 5 * 60_000;

/**
 * Runs every job that is due at `now` and that this caller wins. A job that throws is logged and its
 * error recorded; it runs again at its next time (next_run_at moved forward when it was claimed), and
 * the other jobs still run. Returns what ran here.
 */
export async function runDueJobs(
  db: Db,
  jobs: readonly Job[],
  now: Date,
  options: { log?: JobLog; services?: JobServices; signal?: AbortSignal } = {},
): Promise<JobOutcome[]> {
  const log = options.log ?? quiet;
  const services = options.services ?? defaultServices(db);
  const signal = options.signal ?? new AbortController().signal;
  await repo.ensureJobs(db, jobs.map((job) => ({ name: job.name, firstRunAt: firstRun(job.every, now) })));
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    if (signal.aborted) break;
    if (!(await repo.claimDueJob(db, job.name, now, nextRun(job.every, now)))) continue;
    try {
      await job.run({ ...services, db, now, log, signal });
      await repo.recordFinish(db, job.name, new Date(), '');
      outcomes.push({ name: job.name, ok: true });
    } catch (error) {
      const message = describe(error);
      log.error({ job: job.name, error: message }, 'scheduled job failed');
      await repo.recordFinish(db, job.name, new Date(), message).catch(() => {});
      // The database went away mid-run: a nightly or weekly job is tried again in a few minutes,
      // not a day or a week later (every job is safe to run again: each says how in its own file).
      if (isDatabaseUnavailable(error)) await repo.runAgainBy(db, job.name, new Date(now.getTime() + RETRY_AFTER_OUTAGE_MS)).catch(() => {});
      outcomes.push({ name: job.name, ok: false, error: message });
    }
  }
  return outcomes;
}

export type Scheduler = {
  /** Stops ticking and waits for a job in progress to finish (it is asked to stop at a safe point). */
  stop(): Promise<void>;
  /** How many times this scheduler has looked for due jobs (for tests and health pages). */
  readonly ticks: number;
};

/**
 * Looks for due jobs now and then every intervalMs. The timer is unref'd: a scheduler never keeps the
 * process alive. A tick that fails (the database is down, say) is logged and the next tick tries again.
 */
export function startScheduler(options: {
  db: Db;
  jobs: readonly Job[];
  intervalMs?: number;
  log?: JobLog;
  services?: JobServices;
  /** The clock (tests move it forward). */
  clock?: () => Date;
}): Scheduler {
  const { db, jobs } = options;
  const intervalMs = options.intervalMs ?? 15_000;
  const log = options.log ?? quiet;
  const clock = options.clock ?? (() => new Date());
  const stopping = new AbortController();
  let ticks = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const tick = async () => {
    try {
      await runDueJobs(db, jobs, clock(), { log, services: options.services, signal: stopping.signal });
    } catch (error) {
      log.error({ error: describe(error) }, 'could not look for scheduled jobs');
    } finally {
      ticks += 1;
    }
  };
  const schedule = (delay: number) => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
    }, delay);
    timer.unref();
  };
  schedule(0);

  return {
    get ticks() {
      return ticks;
    },
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
