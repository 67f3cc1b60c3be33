/**
 * Keeping the promise: the feedback figures a partnership is judged by (DESIGN.md §3; FRAMEWORKS.md
 * §10: "let us know how our views have been implemented and if not, why not").
 *
 * - Closure rate: visible contributions whose theme has a published response ÷ all visible
 *   contributions (per activity, per organisation, for the area).
 * - Time to feedback: whole days from an activity closing to the first publication of a response to
 *   any theme holding one of its contributions; the median per organisation and for the area.
 * - Overdue: closed (not yet "feedback given"), closed longer ago than the area's feedback deadline
 *   (area.feedback_weeks, default 12: the Cabinet Office consultation principle, a local promise and
 *   not a law), and no published response to any theme holding its contributions.
 * - Unthemed: visible contributions in no theme.
 *
 * - Trend: the same, month by month (London time), for up to the last twelve months.
 *
 * Counts only: nothing here reads what anyone wrote or who they are, so reading the figures is not
 * audited (the CSV download is, as every export is). These are counts of the partnership's own work
 * (views answered, activities overdue), so staff see them exactly: a count of 3 overdue activities
 * points at no person. Public pages never show them. "Do you feel listened to?" answers are small-number suppressed even for staff: with 1–7
 * answers the faces could point at a person.
 */
import type { Db, ListenedRating } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { type Cell, type Sheet } from '../../lib/csv.ts';
import { isId } from '../../lib/ids.ts';
import { isSmall, percentOf, suppressRow, type Shown, type Suppression } from '../../lib/suppression.ts';
import { LISTENED_RATINGS } from './response-statuses.ts';
import * as repo from './figures.repository.ts';
import { audit } from '../privacy/audit.service.ts';

export type { ActivityFiguresRow } from './figures.repository.ts';
/** The weekly digest of overdue feedback, which the jobs module runs (decision 0016). */
export { sendOverdueDigests } from './overdue.ts';

/** Closure as a fraction (0–1) and a whole percentage; both null when there are no views to answer. */
export type Closure = { answered: number; visible: number; rate: number | null; percent: number | null };

export function closure(answered: number, visible: number): Closure {
  return { answered, visible, rate: visible > 0 ? answered / visible : null, percent: percentOf(answered, visible) };
}

export type GroupFigures = {
  /** null: the partnership as a whole (activities no single organisation owns). */
  organisationId: string | null;
  organisationName: string | null;
  closure: Closure;
  unthemed: number;
  closedActivities: number;
  withFeedback: number;
  /** Median whole days from close to first published response; null when none has had one yet. */
  medianDaysToFeedback: number | null;
  overdue: number;
};

export type OverdueActivity = {
  activityId: string;
  title: string;
  organisationId: string | null;
  organisationName: string | null;
  closedAt: Date;
  daysOverdue: number;
};

export type UnthemedActivity = { activityId: string; title: string; organisationId: string | null; unthemed: number; visible: number };

export const LISTENED_KEYS: readonly ListenedRating[] = LISTENED_RATINGS.map((r) => r.key);

/** One row of "do you feel listened to?" as a viewer may see it (hidden counts are null). */
export type ListenedRow = {
  activityId: string | null;
  title: string | null;
  cells: Record<ListenedRating, Shown>;
  total: Shown;
};

export const NOTICE_STATUSES: readonly repo.NoticeState[] = ['pending', 'sending', 'sent', 'failed', 'unknown', 'to_print', 'printed'];

export type FeedbackDashboard = {
  feedbackWeeks: number;
  area: GroupFigures;
  organisations: GroupFigures[];
  overdue: OverdueActivity[];
  unthemed: UnthemedActivity[];
  listened: { area: ListenedRow; activities: ListenedRow[]; anyHidden: boolean };
  notices: Array<{ status: repo.NoticeState; count: number }>;
  /** Up to the last TREND_MONTHS months, oldest first, from the first with anything in it; this month last. */
  trend: MonthTrend[];
};

/** How many months the trend shows: a year, so the same month last year is not yet in it. */
export const TREND_MONTHS = 12;

/** One month of the trend: staff see every count exactly (they are counts of work, not of people). */
export type MonthTrend = Omit<repo.MonthFigures, 'answered'> & { closure: Closure };

/**
 * The months from the first one with anything in it: a new area's page (or a demo seeded in
 * December) is not a column of empty months. This month is always shown, even when it is quiet.
 */
function sinceFirstActivity(months: repo.MonthFigures[]): repo.MonthFigures[] {
  const first = months.findIndex((m) => m.received > 0 || m.published > 0 || m.closed > 0);
  return first === -1 ? months.slice(-1) : months.slice(first);
}

function toMonth(m: repo.MonthFigures): MonthTrend {
  const { answered, ...rest } = m;
  return { ...rest, closure: closure(answered, m.received) };
}

function toGroup(g: repo.FiguresGroup): GroupFigures {
  return {
    organisationId: g.organisationId,
    organisationName: g.organisationName,
    closure: closure(g.answered, g.visible),
    unthemed: g.unthemed,
    closedActivities: g.closedActivities,
    withFeedback: g.withFeedback,
    medianDaysToFeedback: g.medianDaysToFeedback,
    overdue: g.overdue,
  };
}

const EMPTY_GROUP: repo.FiguresGroup = {
  organisationId: null,
  organisationName: null,
  isArea: true,
  visible: 0,
  answered: 0,
  unthemed: 0,
  closedActivities: 0,
  withFeedback: 0,
  medianDaysToFeedback: null,
  overdue: 0,
};

/**
 * Everything on the lead dashboard, read in one transaction with a fixed number of queries however
 * many activities, themes and contributions the area has.
 */
export async function feedbackDashboard(db: Db, areaId: string, now: Date = new Date()): Promise<FeedbackDashboard> {
  return withArea(db, areaId, async (tx) => {
    const feedbackWeeks = await repo.findFeedbackWeeks(tx, areaId);
    const groups = await repo.groupFigures(tx, areaId, now);
    const attention = await repo.activitiesNeedingAttention(tx, areaId, now);
    const listened = await repo.listenedCounts(tx, areaId);
    const notices = await repo.noticeCounts(tx, areaId);
    const months = await repo.monthlyFigures(tx, areaId, now, TREND_MONTHS);
    return {
      feedbackWeeks,
      area: toGroup(groups.find((g) => g.isArea) ?? EMPTY_GROUP),
      organisations: groups.filter((g) => !g.isArea).map(toGroup),
      overdue: attention.filter((a) => a.daysOverdue !== null).map(toOverdue),
      unthemed: attention
        .filter((a) => a.unthemed > 0)
        .sort((a, b) => b.unthemed - a.unthemed || a.title.localeCompare(b.title))
        .map((a) => ({ activityId: a.activityId, title: a.title, organisationId: a.organisationId, unthemed: a.unthemed, visible: a.visible })),
      listened: listenedTable(listened),
      notices: NOTICE_STATUSES.map((status) => ({ status, count: notices[status] ?? 0 })),
      trend: sinceFirstActivity(months).map(toMonth),
    };
  });
}

function toOverdue(a: repo.ActivityFiguresRow): OverdueActivity {
  return { activityId: a.activityId, title: a.title, organisationId: a.organisationId, organisationName: a.organisationName, closedAt: a.closedAt!, daysOverdue: a.daysOverdue! };
}

export type ActivityFigures = {
  activityId: string;
  closure: Closure;
  unthemed: number;
  /** Whole days from close to the first published response touching it; null if none yet or not closed. */
  daysToFeedback: number | null;
  overdue: boolean;
  daysOverdue: number | null;
  listened: ListenedRow;
};

/**
 * One activity's figures, for pages that show an activity (two queries in one transaction).
 * Undefined for an id that is malformed or not in this area.
 */
export async function activityFigures(db: Db, areaId: string, activityId: string, now: Date = new Date()): Promise<ActivityFigures | undefined> {
  if (!isId(activityId)) return undefined;
  return withArea(db, areaId, async (tx) => {
    const row = await repo.oneActivityFigures(tx, areaId, activityId, now);
    if (!row) return undefined;
    const listened = (await repo.listenedCounts(tx, areaId, activityId)).find((g) => !g.isArea);
    const counts = listened?.counts ?? { yes: 0, a_bit: 0, no: 0 };
    return {
      activityId,
      closure: closure(row.answered, row.visible),
      unthemed: row.unthemed,
      daysToFeedback: row.daysToFeedback,
      overdue: row.daysOverdue !== null,
      daysOverdue: row.daysOverdue,
      listened: shownRow(activityId, row.title, counts, suppressTable([countsOf(counts)], countsOf(counts)).rows[0]!),
    };
  });
}

export type { LundyFeedbackRow, LundyTheme } from './figures.repository.ts';

/**
 * For the Lundy checklist (evaluation): each activity's closure, time to feedback and the themes
 * holding its views with who decided each response, in one query for all of them. Counts of work,
 * no names and no words anyone wrote.
 */
export async function lundyFeedbackEvidence(db: Db, areaId: string, activityIds: readonly string[], now: Date = new Date()): Promise<Map<string, repo.LundyFeedbackRow>> {
  const ids = activityIds.filter(isId);
  if (ids.length === 0) return new Map();
  const rows = await withArea(db, areaId, (tx) => repo.lundyFeedbackRows(tx, areaId, ids, now));
  return new Map(rows.map((r) => [r.activityId, r]));
}

// ── "Do you feel listened to?" with small numbers hidden ────────────────────────────────────────

const countsOf = (c: repo.ListenedCounts): number[] => LISTENED_KEYS.map((k) => c[k]);

function shownCell(count: number, suppression: Suppression): Shown {
  return suppression === 'none' ? { count, percent: null, suppression } : { count: null, percent: null, suppression };
}

/** suppressions: one per rating, then the total's. */
function shownRow(activityId: string | null, title: string | null, counts: repo.ListenedCounts, suppressions: readonly Suppression[]): ListenedRow {
  const values = countsOf(counts);
  const total = values.reduce((s, c) => s + c, 0);
  const cells = Object.fromEntries(LISTENED_KEYS.map((k, i) => [k, shownCell(values[i]!, suppressions[i]!)])) as Record<ListenedRating, Shown>;
  return { activityId, title, cells, total: shownCell(total, suppressions[LISTENED_KEYS.length]!) };
}

function listenedTable(groups: repo.ListenedGroup[]): FeedbackDashboard['listened'] {
  const activities = groups.filter((g) => !g.isArea);
  const areaCounts = groups.find((g) => g.isArea)?.counts ?? { yes: 0, a_bit: 0, no: 0 };
  const { rows, area } = suppressTable(activities.map((g) => countsOf(g.counts)), countsOf(areaCounts));
  const shownActivities = activities.map((g, i) => shownRow(g.activityId, g.title, g.counts, rows[i]!));
  const shownArea = shownRow(null, null, areaCounts, area);
  const anyHidden = [...rows, area].some((r) => r.some((s) => s !== 'none'));
  return { area: shownArea, activities: shownActivities, anyHidden };
}

/**
 * Small-number suppression for a table of counts with totals both ways: one row per activity (its
 * answers by rating, then the row's total) and the area's row (each column's sum).
 *
 * Each row is suppressed with suppressRow (counts 1–7 hidden; a second cell hidden when one alone
 * would be worked out from the row's total). A count can also be worked out down a column: the area's
 * "yes" minus every other activity's "yes". So, until nothing changes, any row or column with exactly
 * one hidden cell gets a second one hidden: the smallest non-zero shown cell of that line, preferring
 * the activities' rating cells over totals and the area's row, which people read first.
 *
 * Returns one suppression per cell: for each row, its ratings then its total.
 */
export function suppressTable(rows: readonly (readonly number[])[], areaCounts: readonly number[]): { rows: Suppression[][]; area: Suppression[] } {
  const width = areaCounts.length;
  const grid = [...rows, areaCounts].map((r) => [...r, r.reduce((s, c) => s + c, 0)]);
  const areaRow = grid.length - 1;
  const state: Suppression[][] = grid.map((r) => {
    const row = suppressRow(r.slice(0, width));
    return [...row, isSmall(r[width]!) ? 'small' : 'none'];
  });
  const isProtected = (i: number, j: number) => i === areaRow || j === width;
  const lines: Array<Array<[number, number]>> = [
    ...grid.map((r, i) => r.map((_, j) => [i, j] as [number, number])),
    ...Array.from({ length: width + 1 }, (_, j) => grid.map((_, i) => [i, j] as [number, number])),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([i, j]) => state[i]![j] !== 'none').length !== 1) continue;
      const open = line.filter(([i, j]) => state[i]![j] === 'none');
      if (open.length === 0) continue;
      // A hidden 0 protects nothing when the line's other numbers show it must be 0, so a second
      // cell is a non-zero one when there is any (there always is when the hidden one is not 0:
      // the line's total is then at least 1).
      const nonZero = open.filter(([i, j]) => grid[i]![j]! > 0);
      const pool = nonZero.length > 0 ? nonZero : open;
      const preferred = pool.some(([i, j]) => !isProtected(i, j)) ? pool.filter(([i, j]) => !isProtected(i, j)) : pool;
      let pick = preferred[0]!;
      for (const cell of preferred) if (grid[cell[0]]![cell[1]]! < grid[pick[0]]![pick[1]]!) pick = cell;
      state[pick[0]]![pick[1]] = 'secondary';
      changed = true;
    }
  }
  return { rows: state.slice(0, areaRow), area: state[areaRow]! };
}

// ── The figures as a spreadsheet ───────────────────────────────────────────────────────────────

/** A month as people say it: "December 2026" ("Rhagfyr 2026" in Welsh). */
export function monthName(month: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}T12:00:00Z`));
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The dashboard as one table for a spreadsheet: a row per month (all organisations), then a row for
 * all time, then one per organisation. Columns that mean nothing for a row (overdue "in March") are
 * left empty. Text is made safe by the CSV writer (an organisation's name could be a formula).
 */
export function figuresSheet(f: FeedbackDashboard, t: Translate, lang: string): Sheet {
  const header = ['period', 'organisation', 'received', 'answered', 'closure', 'published', 'closed', 'median', 'overdue', 'unthemed'].map((k) => t(`feedback.figures.csv.${k}`));
  const all = t('feedback.figures.csv.allOrganisations');
  const allTime = t('feedback.figures.csv.allTime');
  const median = (days: number | null) => (days === null ? null : Math.round(days * 10) / 10);
  const months: Cell[][] = f.trend.map((m) => [monthName(m.month, lang), all, m.received, m.closure.answered, m.closure.percent, m.published, m.closed, median(m.medianDaysToFeedback), null, null]);
  // "Responses published" is counted by month only: left empty for all time rather than undercounted.
  const group = (g: GroupFigures, name: string): Cell[] => [
    allTime, name, g.closure.visible, g.closure.answered, g.closure.percent, null, g.closedActivities, median(g.medianDaysToFeedback), g.overdue, g.unthemed,
  ];
  const organisations = f.organisations.map((o) => group(o, o.organisationId ? (o.organisationName ?? '') : t('feedback.figures.organisations.partnership')));
  return { header, rows: [...months, group(f.area, all), ...organisations] };
}

/** The figures for a download, with an audit entry saying who took them (never what they held). */
export async function exportFigures(db: Db, areaId: string, actorAccountId: string | null, now: Date = new Date()): Promise<FeedbackDashboard> {
  const figures = await feedbackDashboard(db, areaId, now);
  await withArea(db, areaId, (tx) => audit(tx, areaId, actorAccountId, 'feedback.figures_exported', { type: 'area', id: areaId, detail: { format: 'csv' } }));
  return figures;
}
