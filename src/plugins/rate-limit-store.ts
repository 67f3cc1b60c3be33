/**
 * Where @fastify/rate-limit keeps its counts (its documented custom `store`), so the guessing limits
 * hold across every instance of an installation (issue 10 §5, decision 0015).
 *
 * - A route's own limit (`config.rateLimit`: receipt codes, resume codes, hear-back) is counted in
 *   PostgreSQL, in rate_limit_hit: one statement per request, an upsert of this window's count that
 *   also reads the previous window's. Two instances behind a load balancer therefore share one limit,
 *   and an attacker gains nothing by being spread across them.
 * - The installation-wide per-address limit (every other request, assets included) is counted in
 *   this instance's memory, unless `globalInPostgres`: it is a brake on floods, not on guessing, and
 *   a database round trip on every request, including every stylesheet, buys little (decision 0015).
 *
 * Routes share a count when their limits name the same `groupId` ("what happened to my views?" and
 * its "listened" answer both take a receipt code); otherwise each route pattern counts on its own.
 *
 * The stored key is HMAC-SHA-256(secret, limit name + address key) in hex, never the address: a
 * database dump shows no internet address, and without the installation's secret no address can be
 * tried against it (a plain hash of an IPv4 address is undone by trying all 2^32 of them).
 *
 * Windows are fixed (date_bin on the database's clock, so instances with skewed clocks agree) and the
 * count is the sliding-window estimate: this window's count plus the previous window's, weighted by
 * how much of it still lies inside the last `timeWindow`. A guesser cannot double the limit by
 * straddling a window boundary, and a limit reached just before a boundary still holds just after it.
 * Windows older than two of the longest window are deleted at most once a minute by each instance.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/** What the plugin passes to the store's constructor and to child(): the merged limit options. */
type LimitOptions = {
  timeWindow?: unknown;
  groupId?: string;
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
};

export type RateLimitStoreOptions = {
  /** Keys the hash of every stored key (the installation's secret: the same for every instance). */
  keySecret: string;
  /** Count the installation-wide limit in PostgreSQL too, not only routes' own limits. */
  globalInPostgres?: boolean;
};

const SWEEP_EVERY_MS = 60_000;

/**
 * The sliding-window estimate: this window's count, plus the previous window's count times the part
 * of the previous window still inside the last `windowMs`. Rounded up: near a boundary it refuses
 * rather than lets one more through.
 */
export function slidingCount(current: number, previous: number, elapsedMs: number, windowMs: number): number {
  const stillInside = 1 - Math.min(Math.max(elapsedMs / windowMs, 0), 1);
  return current + Math.ceil(previous * stillInside);
}

/** The stored key: hex HMAC-SHA-256 of the limit's name and the plugin's key (the address, or address|response). */
export function storedKey(secret: string, scope: string, key: string): string {
  return createHmac('sha256', secret).update(`${scope}\n${key}`).digest('hex');
}

/** The name a limit is counted under: its groupId, else its route (method and URL pattern, never a real URL). */
function scopeOf(options: LimitOptions): string {
  if (options.groupId) return `group:${options.groupId}`;
  const { method, url } = options.routeInfo ?? {};
  if (!url) throw new Error('rate-limit store: a limit outside a route needs a groupId to be counted under');
  return `route:${[method ?? ''].flat().join(',')} ${url}`;
}

/** The per-instance count for the installation-wide limit: fixed windows that start at an address's first request. */
class MemoryWindows {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();
  private lastSweep = Date.now();

  hit(key: string, windowMs: number): Result {
    const now = Date.now();
    if (now - this.lastSweep > windowMs) this.sweep(now, windowMs);
    let entry = this.windows.get(key);
    if (!entry || entry.startedAt + windowMs <= now) {
      entry = { count: 0, startedAt: now };
      this.windows.set(key, entry);
    }
    entry.count += 1;
    return { current: entry.count, ttl: entry.startedAt + windowMs - now };
  }

  /** Forgets finished windows, so the map holds at most one window's worth of addresses. */
  private sweep(now: number, windowMs: number) {
    this.lastSweep = now;
    for (const [key, entry] of this.windows) if (entry.startedAt + windowMs <= now) this.windows.delete(key);
  }
}

/**
 * The store class to pass as @fastify/rate-limit's `store` option, and close() to wait for a
 * clean-up still running (call it when the app closes, before the database pool ends).
 */
export function rateLimitStore(db: Db, options: RateLimitStoreOptions) {
  const shared = { longestWindowMs: 0, lastSweep: 0, sweeping: Promise.resolve() };
  const memory = new MemoryWindows();

  /** Deletes windows too old to be this window or the previous one of any limit. */
  const sweep = () => {
    const now = Date.now();
    if (now - shared.lastSweep < SWEEP_EVERY_MS) return;
    shared.lastSweep = now;
    const seconds = (2 * shared.longestWindowMs) / 1000;
    shared.sweeping = db
      .deleteFrom('rate_limit_hit')
      .where('window_start', '<', sql<Date>`now() - make_interval(secs => ${seconds})`)
      .execute()
      // Only housekeeping: the next sweep tries again, and counting never depends on it.
      .then(() => undefined, () => undefined);
  };

  const hit = async (key: string, windowMs: number): Promise<Result> => {
    shared.longestWindowMs = Math.max(shared.longestWindowMs, windowMs);
    const seconds = windowMs / 1000;
    const { rows } = await sql<{ count: number; previous: number; elapsed_ms: number }>`
      with hit as (
        insert into rate_limit_hit as r (key, window_start, count)
        values (${key}, date_bin(make_interval(secs => ${seconds}), now(), timestamptz 'epoch'), 1)
        on conflict (key, window_start) do update set count = r.count + 1
        returning r.count, r.window_start
      )
      select hit.count,
             coalesce((select p.count from rate_limit_hit p
                        where p.key = ${key} and p.window_start = hit.window_start - make_interval(secs => ${seconds})), 0) as previous,
             (extract(epoch from now() - hit.window_start) * 1000)::float8 as elapsed_ms
        from hit`.execute(db);
    const row = rows[0]!;
    sweep();
    return { current: slidingCount(row.count, row.previous, row.elapsed_ms, windowMs), ttl: Math.max(0, windowMs - row.elapsed_ms) };
  };

  /** This window's and the previous window's counts for a stored key, without counting a request. */
  const peek = async (key: string, windowMs: number): Promise<number> => {
    shared.longestWindowMs = Math.max(shared.longestWindowMs, windowMs);
    const seconds = windowMs / 1000;
    const { rows } = await sql<{ current: number; previous: number; elapsed_ms: number }>`
      select coalesce((select count from rate_limit_hit where key = ${key} and window_start = w.start), 0) as current,
             coalesce((select count from rate_limit_hit where key = ${key} and window_start = w.start - make_interval(secs => ${seconds})), 0) as previous,
             (extract(epoch from now() - w.start) * 1000)::float8 as elapsed_ms
        from (select date_bin(make_interval(secs => ${seconds}), now(), timestamptz 'epoch') as start) w`.execute(db);
    const row = rows[0]!;
    return slidingCount(row.current, row.previous, row.elapsed_ms, windowMs);
  };

  /**
   * A named limit that counts only failures (wrong join codes: a right code must never use up a
   * room's allowance): `count` reads the sliding count for a key, `fail` adds one. Counted in
   * rate_limit_hit like every route limit, under the same keyed hash, so it holds across instances.
   */
  const failureLimit = (name: string, windowMs: number) => ({
    count: (key: string) => peek(storedKey(options.keySecret, `failures:${name}`, key), windowMs),
    fail: async (key: string) => (await hit(storedKey(options.keySecret, `failures:${name}`, key), windowMs)).current,
  });

  class PostgresRateLimitStore {
    /** Undefined for the installation-wide limit (the store the plugin constructs itself). */
    private readonly scope: string | undefined;

    constructor(limit: LimitOptions, scope?: string) {
      // Both change how long a window lasts per key, which fixed shared windows cannot do.
      if (limit.continueExceeding || limit.exponentialBackoff) throw new Error('rate-limit store: continueExceeding and exponentialBackoff are not supported');
      this.scope = scope;
    }

    incr(key: string, callback: Callback, timeWindow: number, _max: number): void {
      if (this.scope === undefined && !options.globalInPostgres) {
        callback(null, memory.hit(key, timeWindow));
        return;
      }
      hit(storedKey(options.keySecret, this.scope ?? 'global', key), timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    /** A route's own limit. (The plugin's types call the argument RouteOptions; it is the merged limit options.) */
    child(routeOptions: object): PostgresRateLimitStore {
      const limit = routeOptions as LimitOptions;
      return new PostgresRateLimitStore(limit, scopeOf(limit));
    }
  }

  return { Store: PostgresRateLimitStore, close: () => shared.sweeping, failureLimit };
}
