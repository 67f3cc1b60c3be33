/**
 * The retention schedule (issue 9 §2): each area's periods (Chorus' defaults unless an area admin
 * changed them, within limits: retention-schedule.ts), and the nightly job that deletes what is due.
 *
 * "Exactly once": the scheduler runs the job once per due time across instances, and the job may
 * still be run again (after a crash, or by hand). So every deletion removes only what is older than
 * its cutoff and is recorded in retention_run in the same transaction: a second run finds nothing due
 * and records nothing. A kind that removed nothing records nothing: retention_run lists what was
 * actually deleted (counts only), and the scheduled_job table already shows that the job ran.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea, withSafeguarding } from '../../db/db.ts';
import { ConflictError } from '../../lib/errors.ts';
import { applySpans, type RedactionKind, type Span } from '../contributions/contributions.service.ts';
import { listAreas } from '../areas/areas.service.ts';
import { audit } from './audit.service.ts';
import * as repo from './retention.repository.ts';
import {
  cutoffFor,
  isRetentionKind,
  periodFromDays,
  periodToDays,
  RETENTION_SCHEDULE,
  retentionRule,
  type PeriodUnit,
  type RetentionKind,
} from './retention-schedule.ts';

// ── The schedule of one area ──────────────────────────────────────────────────────────────────────

/** One kind's period in an area, in the kind's unit. */
export type AreaPeriod = {
  kind: RetentionKind;
  unit: PeriodUnit;
  period: number;
  defaultPeriod: number;
  min: number;
  max: number;
  /** True when the area has not set its own (or set Chorus' default). */
  isDefault: boolean;
};

function periodsFrom(settings: readonly repo.StoredSetting[]): AreaPeriod[] {
  const stored = new Map(settings.map((s) => [s.kind, s.periodDays]));
  return RETENTION_SCHEDULE.map((rule) => {
    const days = stored.get(rule.kind);
    const period = days === undefined ? rule.defaultPeriod : periodFromDays(days, rule);
    return { kind: rule.kind, unit: rule.unit, period, defaultPeriod: rule.defaultPeriod, min: rule.min, max: rule.max, isDefault: period === rule.defaultPeriod };
  });
}

/** What the page's hidden field carries: the periods the admin saw, so a save over someone else's is caught. */
export function scheduleFingerprint(periods: readonly AreaPeriod[]): string {
  return periods.map((p) => `${p.kind}=${p.period}`).join(';');
}

export type RetentionRun = { kind: RetentionKind; cutoff: Date; removed: number; ranAt: Date };

export type RetentionSchedule = { periods: AreaPeriod[]; fingerprint: string; runs: RetentionRun[] };

/** The area's schedule and the latest runs of the job (what it removed, counts only). */
export async function getRetentionSchedule(db: Db, areaId: string, runLimit = 30): Promise<RetentionSchedule> {
  return withArea(db, areaId, async (tx) => {
    const periods = periodsFrom(await repo.listSettings(tx, areaId));
    const runs = (await repo.listRuns(tx, areaId, runLimit)).filter((r): r is RetentionRun => isRetentionKind(r.kind));
    return { periods, fingerprint: scheduleFingerprint(periods), runs };
  });
}

/** One kind's period in an area (for pages that promise it, such as "we delete it 12 months after you answer"). */
export async function retentionPeriod(db: Db, areaId: string, kind: RetentionKind): Promise<{ period: number; unit: PeriodUnit }> {
  const periods = await withArea(db, areaId, async (tx) => periodsFrom(await repo.listSettings(tx, areaId)));
  const found = periods.find((p) => p.kind === kind)!;
  return { period: found.period, unit: found.unit };
}

/**
 * What the privacy notice shows: the area's periods, or Chorus' defaults where no area is known (the
 * installation's own notice). `areaSet` says whether the area changed any.
 */
export async function privacyNoticeSchedule(db: Db, areaId: string | undefined | null): Promise<{ periods: AreaPeriod[]; areaSet: boolean }> {
  const periods = areaId ? await withArea(db, areaId, async (tx) => periodsFrom(await repo.listSettings(tx, areaId))) : periodsFrom([]);
  return { periods, areaSet: periods.some((p) => !p.isDefault) };
}

export type ScheduleInput = { periods: Record<RetentionKind, number>; seen: string };

/**
 * Saves the area's periods. A period equal to Chorus' default removes the area's own setting, so the
 * area follows the default. Saving what is already saved changes nothing (a double submit is
 * harmless); saving over a schedule someone else changed since the page was shown (`seen`) is a
 * ConflictError. Audited with each change (from, to), in the same transaction.
 * Returns the kinds that changed.
 */
export async function saveRetentionSchedule(db: Db, areaId: string, actorId: string, input: ScheduleInput): Promise<RetentionKind[]> {
  for (const rule of RETENTION_SCHEDULE) {
    const value = input.periods[rule.kind];
    if (!Number.isInteger(value) || value < rule.min || value > rule.max) throw new RangeError(`retention period for ${rule.kind} out of limits`);
  }
  return withArea(db, areaId, async (tx) => {
    await repo.lockSchedule(tx, areaId);
    const current = periodsFrom(await repo.listSettings(tx, areaId));
    const changes = current.filter((p) => input.periods[p.kind] !== p.period);
    if (changes.length === 0) return [];
    if (scheduleFingerprint(current) !== input.seen) throw new ConflictError('retention schedule changed');
    for (const p of changes) {
      const to = input.periods[p.kind];
      if (to === p.defaultPeriod) await repo.deleteSetting(tx, areaId, p.kind);
      else await repo.upsertSetting(tx, areaId, p.kind, periodToDays(to, p.unit), actorId);
    }
    const detail = Object.fromEntries(changes.map((p) => [p.kind, { from: p.period, to: input.periods[p.kind], unit: p.unit }]));
    await audit(tx, areaId, actorId, 'retention.changed', { type: 'retention_setting', id: areaId, detail });
    return changes.map((p) => p.kind);
  }, actorId);
}

// ── Original words after their period: the redactions move onto the redacted copy ────────────────

/**
 * When the original words of a contribution are replaced by its redacted copy, each redaction's
 * offsets must point into that copy: at its placeholder while it is active, at the put-back words once
 * undone. Otherwise a lead changing a redaction later would recompute the text from the wrong places.
 * Afterwards applying the active redactions to the copy gives the copy back, unchanged, and undoing one
 * cannot bring back a word that is no longer stored.
 *
 * The placeholders are found with applySpans itself (no copy of its merging rules): a position p of
 * the original is a boundary between placeholders and kept text when redacting the text before p and
 * the text after p separately gives the same copy. Returns the redactions whose offsets change.
 */
export function movedRedactions(original: string, redacted: string, redactions: readonly repo.StoredRedaction[]): Array<{ id: string; start: number; end: number }> {
  const active: Span[] = redactions.filter((r) => !r.undone).map((r) => ({ start: r.start, end: r.end, kind: r.kind as RedactionKind }));
  const positions = new Map<number, number>();
  /** Where position p of the original falls in the redacted copy, or -1 if p is inside a placeholder. */
  const inCopy = (p: number): number => {
    const known = positions.get(p);
    if (known !== undefined) return known;
    let at = -1;
    if (!active.some((s) => s.start < p && p < s.end)) {
      const before = applySpans(original.slice(0, p), active.filter((s) => s.end <= p));
      const after = applySpans(original.slice(p), active.filter((s) => s.start >= p).map((s) => ({ ...s, start: s.start - p, end: s.end - p })));
      if (before + after === redacted) at = before.length;
    }
    positions.set(p, at);
    return at;
  };
  // The copy no longer matches its redactions (it should always): leave them where they are. Applying
  // them to the copy can then only hide more, never show a removed word.
  if (inCopy(0) < 0 || inCopy(original.length) < 0) return [];
  const moved: Array<{ id: string; start: number; end: number }> = [];
  for (const r of redactions) {
    let from = Math.max(0, Math.min(r.start, original.length));
    while (inCopy(from) < 0) from -= 1;
    let to = Math.max(0, Math.min(r.end, original.length));
    while (inCopy(to) < 0) to += 1;
    const start = inCopy(from);
    const end = inCopy(to);
    if (end > start && (start !== r.start || end !== r.end)) moved.push({ id: r.id, start, end });
  }
  return moved;
}

// ── The job ───────────────────────────────────────────────────────────────────────────────────────

/** Contributions changed per transaction: each batch is saved and recorded on its own, so a crash loses no work. */
const ORIGINALS_PER_BATCH = 500;

type Deleter = (tx: AreaTx, areaId: string, cutoff: Date) => Promise<number>;

const DELETERS: Record<Exclude<RetentionKind, 'original_text' | 'sessions'>, Deleter> = {
  signups: repo.deleteSignups,
  hear_back: repo.deleteHearBackContacts,
  unsent_responses: repo.deleteUnsentResponses,
  audit_log: repo.purgeAuditEvents,
  safeguarding: repo.deleteClosedConcerns,
};

async function deleteDue(db: Db, areaId: string, kind: keyof typeof DELETERS, cutoff: Date): Promise<number> {
  const run = async (tx: AreaTx) => {
    const removed = await DELETERS[kind](tx, areaId, cutoff);
    if (removed > 0) await repo.insertRun(tx, areaId, kind, cutoff, removed);
    return removed;
  };
  // Closed concerns are readable only with the safeguarding wall lowered; the job reads their ids and
  // dates, never their words.
  return kind === 'safeguarding' ? withSafeguarding(db, areaId, run) : withArea(db, areaId, run);
}

/**
 * Original words recorded before the cutoff are replaced by the redacted copy. With the safeguarding
 * wall lowered, so contributions on safeguarding hold are covered too: their words are also in the
 * concern's own record, which follows the safeguarding period.
 */
async function replaceOriginalTexts(db: Db, areaId: string, cutoff: Date, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { changed, more } = await withSafeguarding(db, areaId, async (tx) => {
      const batch = await repo.findKeptOriginals(tx, areaId, cutoff, ORIGINALS_PER_BATCH);
      if (batch.length === 0) return { changed: 0, more: false };
      const moved = batch.flatMap((c) => movedRedactions(c.originalText, c.redactedText, c.redactions));
      const count = await repo.replaceOriginals(tx, areaId, batch.map((c) => c.id), moved, now);
      if (count > 0) await repo.insertRun(tx, areaId, 'original_text', cutoff, count);
      return { changed: count, more: batch.length === ORIGINALS_PER_BATCH };
    });
    total += changed;
    if (!more) return total;
  }
}

/**
 * Sessions belong to accounts, not areas. A session is deleted once it has been unused for longer than
 * the longest period of the areas its account belongs to (Chorus' default for an account in no area),
 * so no area loses a record it may need for an investigation. One transaction deletes them and
 * records, for each area, how many of its members' sessions went.
 */
async function deleteIdleSessions(db: Db, now: Date, areaCutoffs: ReadonlyMap<string, Date>): Promise<number> {
  const rule = retentionRule('sessions');
  const defaultCutoff = cutoffFor(now, rule.defaultPeriod, rule.unit);
  const latest = new Date(Math.max(defaultCutoff.getTime(), ...[...areaCutoffs.values()].map((d) => d.getTime())));
  return db.transaction().execute(async (trx) => {
    const tx = trx as AreaTx;
    const idle = await repo.findIdleSessions(tx, latest);
    if (idle.length === 0) return 0;
    const accounts = [...new Set(idle.map((s) => s.accountId))];
    const areasOf = new Map<string, string[]>();
    for (const areaId of areaCutoffs.keys()) {
      await repo.enterArea(tx, areaId);
      for (const accountId of await repo.membersAmong(tx, areaId, accounts)) areasOf.set(accountId, [...(areasOf.get(accountId) ?? []), areaId]);
    }
    const cutoffOf = (accountId: string): Date => {
      const areas = areasOf.get(accountId);
      if (!areas) return defaultCutoff;
      return new Date(Math.min(...areas.map((a) => areaCutoffs.get(a)!.getTime())));
    };
    const due = Map.groupBy(idle.filter((s) => s.lastSeenAt < cutoffOf(s.accountId)), (s) => cutoffOf(s.accountId).getTime());
    const gone: string[] = [];
    for (const [cutoff, sessions] of due) gone.push(...(await repo.deleteSessions(tx, sessions.map((s) => s.idHash), new Date(cutoff))));
    const perArea = new Map<string, number>();
    for (const accountId of gone) for (const areaId of areasOf.get(accountId) ?? []) perArea.set(areaId, (perArea.get(areaId) ?? 0) + 1);
    for (const [areaId, removed] of perArea) {
      await repo.enterArea(tx, areaId);
      await repo.insertRun(tx, areaId, 'sessions', areaCutoffs.get(areaId)!, removed);
    }
    return gone.length;
  });
}

/**
 * The nightly job: applies every area's schedule at `now` and returns how many records it removed
 * (rows deleted, and originals replaced). One kind failing in one area does not stop the others; the
 * job then fails with the kinds and areas (never any data) so the scheduler records it, and the next
 * run picks up what was left.
 */
export async function applyRetention(db: Db, now: Date): Promise<number> {
  let total = 0;
  const failures: string[] = [];
  const attempt = async (what: string, work: () => Promise<number>) => {
    try {
      total += await work();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message : 'failed'}`);
    }
  };
  const sessionCutoffs = new Map<string, Date>();
  let everyAreaRead = true;
  for (const { id: areaId } of await listAreas(db)) {
    let periods: AreaPeriod[];
    try {
      periods = periodsFrom(await withArea(db, areaId, (tx) => repo.listSettings(tx, areaId)));
    } catch (error) {
      failures.push(`settings of area ${areaId}: ${error instanceof Error ? error.message : 'failed'}`);
      everyAreaRead = false;
      continue;
    }
    for (const { kind, period, unit } of periods) {
      const cutoff = cutoffFor(now, period, unit);
      if (kind === 'sessions') sessionCutoffs.set(areaId, cutoff);
      else if (kind === 'original_text') await attempt(`${kind} in area ${areaId}`, () => replaceOriginalTexts(db, areaId, cutoff, now));
      else await attempt(`${kind} in area ${areaId}`, () => deleteDue(db, areaId, kind, cutoff));
    }
  }
  // Without every area's period, a member's longest period is unknown: sessions wait for the next run.
  if (everyAreaRead) await attempt('sessions', () => deleteIdleSessions(db, now, sessionCutoffs));
  if (failures.length > 0) throw new Error(`retention: ${failures.length} part(s) failed: ${failures.join('; ')}`.slice(0, 450));
  return total;
}
