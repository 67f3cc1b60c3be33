/**
 * Starts a server again when it stops on its own (issue 10 §1, decision 0014): the first attempt
 * after 1 s, then 2, 4, 8 … up to 30 s between attempts, until it runs. A server that dies again
 * soon after coming back keeps the longer wait; one that has run for a minute starts from 1 s again.
 * Every step is one plain log line an operator can act on.
 */

/** pino-shaped: app.log fits. */
export type SupervisorLog = {
  warn(data: Record<string, unknown>, message: string): void;
  error(data: Record<string, unknown>, message: string): void;
};

export type Backoff = {
  /** Wait before the first attempt. */
  firstMs: number;
  /** The longest wait between attempts. */
  maxMs: number;
  /** Running this long after a restart resets the wait to firstMs. */
  stableMs: number;
};

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1000, maxMs: 30_000, stableMs: 60_000 };

export type Supervisor = {
  /** The server stopped without being asked to; `how` is e.g. "signal SIGKILL" or "exit code 1". */
  stopped(how: string): void;
  /** No more restarts; waits for an attempt in progress to finish (the caller then stops the server). */
  close(): Promise<void>;
  /** True from an unexpected stop until the server runs again. */
  readonly restarting: boolean;
};

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 500);
}

export function superviseServer(options: { name: string; start: () => Promise<void>; log: SupervisorLog; backoff?: Partial<Backoff> }): Supervisor {
  const { name, start, log } = options;
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  let wait = backoff.firstMs;
  let closed = false;
  let restarting = false;
  let downSince = 0;
  let attempts = 0;
  let timer: NodeJS.Timeout | undefined;
  let stableTimer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> | undefined;

  const schedule = () => {
    timer = setTimeout(() => {
      attempt = tryStart().finally(() => {
        attempt = undefined;
      });
    }, wait);
  };

  const tryStart = async () => {
    if (closed) return;
    attempts += 1;
    try {
      await start();
    } catch (error) {
      if (closed) return;
      wait = Math.min(wait * 2, backoff.maxMs);
      log.warn({ attempt: attempts, reason: reason(error), retryInMs: wait }, `${name} did not start again (attempt ${attempts}): ${reason(error)}. Trying again in ${seconds(wait)}.`);
      schedule();
      return;
    }
    if (closed) return;
    restarting = false;
    const downMs = Date.now() - downSince;
    log.warn({ attempt: attempts, downMs }, `${name} is running again, ${seconds(downMs)} after it stopped (attempt ${attempts}).`);
    // Dying again soon after would wait longer; a minute's good running earns the short wait back.
    wait = Math.min(wait * 2, backoff.maxMs);
    stableTimer = setTimeout(() => {
      wait = backoff.firstMs;
    }, backoff.stableMs);
    stableTimer.unref();
  };

  return {
    get restarting() {
      return restarting;
    },
    stopped(how: string) {
      if (closed || restarting) return;
      restarting = true;
      clearTimeout(stableTimer);
      downSince = Date.now();
      attempts = 0;
      log.error({ how, retryInMs: wait }, `${name} stopped unexpectedly (${how}). Pages answer 503 until it is back; restarting it in ${seconds(wait)}.`);
      schedule();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(stableTimer);
      await attempt;
    },
  };
}
