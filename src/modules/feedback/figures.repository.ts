/**
 * SQL for the feedback figures ("keeping the promise"): closure rate, time to feedback, what is
 * overdue and what is not in a theme yet, "do you feel listened to?" answers and notice deliveries.
 *
 * Every figure is worked out by PostgreSQL in a fixed number of aggregate queries (CTEs, FILTER,
 * percentile_cont, GROUPING SETS), so the dashboard costs the same number of queries for an area with
 * ten themes as for one with a thousand (QUALITY.md: no N+1). Only counts and activity titles leave
 * the database: no contribution text, no names.
 *
 * Every function runs inside withArea (row-level security is the second lock); each still names its
 * area so the indexes on area_id are used.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AreaTx, ListenedRating, NoticeStatus } from '../../db/database.ts';

/** The area's promise: weeks after an activity closes by which a response is due (default 12). */
export async function findFeedbackWeeks(tx: AreaTx, areaId: string): Promise<number> {
  const row = await tx.selectFrom('area').select('feedback_weeks').where('id', '=', areaId).executeTakeFirst();
  return row?.feedback_weeks ?? 12;
}

/**
 * One row per activity with its counts (the shared heart of every query below).
 *
 * - visible: contributions not hidden by a moderator;
 * - answered: visible contributions whose theme has a published response;
 * - unthemed: visible contributions in no theme;
 * - days_to_feedback: whole days from closing to the first publication of a response to any theme
 *   holding one of its visible contributions (0 if that came before it closed: a theme can span
 *   activities); only for activities that closed (status closed or feedback given);
 * - days_overdue: for a closed activity (not yet marked "feedback given") whose deadline
 *   (closed_at + feedback_weeks) has passed with no published response touching it, whole days since
 *   the deadline.
 */
function activityFiguresCte(areaId: string, now: Date, onlyActivityId: string | null): RawBuilder<unknown> {
  const oneActivity = onlyActivityId ? sql`AND a.id = ${onlyActivityId}` : sql``;
  const oneActivityContributions = onlyActivityId ? sql`AND c.activity_id = ${onlyActivityId}` : sql``;
  return sql`
    settings AS (
      SELECT coalesce((SELECT feedback_weeks FROM area WHERE id = ${areaId}), 12) AS feedback_weeks
    ),
    per_contribution AS (
      SELECT c.activity_id, tc.theme_id, tr.first_published_at
      FROM contribution c
      LEFT JOIN theme_contribution tc ON tc.contribution_id = c.id AND tc.area_id = ${areaId}
      LEFT JOIN theme_response tr ON tr.theme_id = tc.theme_id AND tr.area_id = ${areaId} AND tr.published_at IS NOT NULL
      WHERE c.area_id = ${areaId} AND c.hidden_at IS NULL ${oneActivityContributions}
    ),
    per_activity AS (
      SELECT a.id, a.organisation_id, a.title, a.status, a.closed_at, a.created_by,
        count(pc.activity_id) AS visible,
        count(pc.first_published_at) AS answered,
        count(pc.activity_id) FILTER (WHERE pc.theme_id IS NULL) AS unthemed,
        min(pc.first_published_at) AS first_published_at
      FROM activity a
      LEFT JOIN per_contribution pc ON pc.activity_id = a.id
      WHERE a.area_id = ${areaId} ${oneActivity}
      GROUP BY a.id
    ),
    -- Durations in seconds (epoch), not calendar intervals: adding "12 weeks" to a timestamptz in a
    -- session time zone with summer time would move the deadline by an hour.
    figures AS (
      SELECT pa.*,
        CASE WHEN pa.status IN ('closed', 'feedback_given') AND pa.closed_at IS NOT NULL AND pa.first_published_at IS NOT NULL
          THEN greatest(0, floor(extract(epoch FROM pa.first_published_at - pa.closed_at) / 86400))::int END AS days_to_feedback,
        CASE WHEN pa.status = 'closed' AND pa.closed_at IS NOT NULL AND pa.first_published_at IS NULL
            AND extract(epoch FROM ${now}::timestamptz - pa.closed_at) > s.feedback_weeks * 604800
          THEN floor((extract(epoch FROM ${now}::timestamptz - pa.closed_at) - s.feedback_weeks * 604800) / 86400)::int END AS days_overdue
      FROM per_activity pa CROSS JOIN settings s
    )`;
}

type CountText = string | number;

export type FiguresGroup = {
  /** null with isArea false: the partnership as a whole (activities owned by no one organisation). */
  organisationId: string | null;
  organisationName: string | null;
  isArea: boolean;
  visible: number;
  answered: number;
  unthemed: number;
  closedActivities: number;
  /** Closed activities that have had a response published (the base of the median). */
  withFeedback: number;
  medianDaysToFeedback: number | null;
  overdue: number;
};

/** The figures per organisation and for the whole area, in one query (GROUPING SETS). */
export async function groupFigures(tx: AreaTx, areaId: string, now: Date): Promise<FiguresGroup[]> {
  const { rows } = await sql<{
    organisation_id: string | null;
    organisation_name: string | null;
    is_area: number;
    visible: CountText;
    answered: CountText;
    unthemed: CountText;
    closed_activities: CountText;
    with_feedback: CountText;
    median_days: number | null;
    overdue: CountText;
  }>`
    WITH ${activityFiguresCte(areaId, now, null)}
    SELECT f.organisation_id, o.name AS organisation_name, grouping(f.organisation_id, o.name) AS is_area,
      coalesce(sum(f.visible), 0) AS visible,
      coalesce(sum(f.answered), 0) AS answered,
      coalesce(sum(f.unthemed), 0) AS unthemed,
      count(*) FILTER (WHERE f.status IN ('closed', 'feedback_given') AND f.closed_at IS NOT NULL) AS closed_activities,
      count(f.days_to_feedback) AS with_feedback,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days_to_feedback) AS median_days,
      count(f.days_overdue) AS overdue
    FROM figures f
    LEFT JOIN organisation o ON o.id = f.organisation_id AND o.area_id = ${areaId}
    GROUP BY GROUPING SETS ((f.organisation_id, o.name), ())
    ORDER BY grouping(f.organisation_id, o.name), o.name NULLS FIRST
  `.execute(tx);
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    isArea: Number(r.is_area) !== 0,
    visible: Number(r.visible),
    answered: Number(r.answered),
    unthemed: Number(r.unthemed),
    closedActivities: Number(r.closed_activities),
    withFeedback: Number(r.with_feedback),
    medianDaysToFeedback: r.median_days === null ? null : Number(r.median_days),
    overdue: Number(r.overdue),
  }));
}

/** One calendar month (London time) of the trend. */
export type MonthFigures = {
  /** The first day of the month, 'YYYY-MM-01'. */
  month: string;
  /** Visible views that arrived that month, and how many of those have a published answer now. */
  received: number;
  answered: number;
  /** Responses to themes first published that month. */
  published: number;
  /** Activities that closed that month, those of them that have had an answer, and their median days. */
  closed: number;
  withFeedback: number;
  medianDaysToFeedback: number | null;
};

/**
 * The last `months` calendar months (London time), oldest first, this month last, in one query:
 * a month with nothing in it is a row of zeros, so a quiet month shows as quiet rather than missing.
 * Counts of work done, not of people: nothing here says who anyone is or what they said.
 */
export async function monthlyFigures(tx: AreaTx, areaId: string, now: Date, months: number): Promise<MonthFigures[]> {
  const { rows } = await sql<{
    month: string;
    received: CountText;
    answered: CountText;
    published: CountText;
    closed: CountText;
    with_feedback: CountText;
    median_days: number | null;
  }>`
    WITH ${activityFiguresCte(areaId, now, null)},
    this_month AS (
      SELECT date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Europe/London') AS start
    ),
    months AS (
      SELECT generate_series(tm.start - make_interval(months => ${months - 1}::int), tm.start, interval '1 month') AS start
      FROM this_month tm
    ),
    views AS (
      SELECT date_trunc('month', c.created_at AT TIME ZONE 'Europe/London') AS start,
        count(*) AS received,
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM theme_contribution tc
          JOIN theme_response tr ON tr.theme_id = tc.theme_id AND tr.area_id = ${areaId} AND tr.published_at IS NOT NULL
          WHERE tc.contribution_id = c.id AND tc.area_id = ${areaId}
        )) AS answered
      FROM contribution c
      WHERE c.area_id = ${areaId} AND c.hidden_at IS NULL
      GROUP BY 1
    ),
    published AS (
      SELECT date_trunc('month', tr.first_published_at AT TIME ZONE 'Europe/London') AS start, count(*) AS published
      FROM theme_response tr
      WHERE tr.area_id = ${areaId} AND tr.published_at IS NOT NULL AND tr.first_published_at IS NOT NULL
      GROUP BY 1
    ),
    closed AS (
      SELECT date_trunc('month', f.closed_at AT TIME ZONE 'Europe/London') AS start,
        count(*) AS closed,
        count(f.days_to_feedback) AS with_feedback,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days_to_feedback) AS median_days
      FROM figures f
      WHERE f.status IN ('closed', 'feedback_given') AND f.closed_at IS NOT NULL
      GROUP BY 1
    )
    SELECT to_char(m.start, 'YYYY-MM-DD') AS month,
      coalesce(v.received, 0) AS received, coalesce(v.answered, 0) AS answered,
      coalesce(p.published, 0) AS published,
      coalesce(c.closed, 0) AS closed, coalesce(c.with_feedback, 0) AS with_feedback, c.median_days
    FROM months m
    LEFT JOIN views v ON v.start = m.start
    LEFT JOIN published p ON p.start = m.start
    LEFT JOIN closed c ON c.start = m.start
    ORDER BY m.start
  `.execute(tx);
  return rows.map((r) => ({
    month: r.month,
    received: Number(r.received),
    answered: Number(r.answered),
    published: Number(r.published),
    closed: Number(r.closed),
    withFeedback: Number(r.with_feedback),
    medianDaysToFeedback: r.median_days === null ? null : Number(r.median_days),
  }));
}

export type ActivityFiguresRow = {
  activityId: string;
  title: string;
  status: string;
  organisationId: string | null;
  organisationName: string | null;
  createdBy: string | null;
  closedAt: Date | null;
  visible: number;
  answered: number;
  unthemed: number;
  daysToFeedback: number | null;
  daysOverdue: number | null;
};

type ActivityRowDb = {
  id: string;
  title: string;
  status: string;
  organisation_id: string | null;
  organisation_name: string | null;
  created_by: string | null;
  closed_at: Date | null;
  visible: CountText;
  answered: CountText;
  unthemed: CountText;
  days_to_feedback: number | null;
  days_overdue: number | null;
};

function toActivityRow(r: ActivityRowDb): ActivityFiguresRow {
  return {
    activityId: r.id,
    title: r.title,
    status: r.status,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    createdBy: r.created_by,
    closedAt: r.closed_at,
    visible: Number(r.visible),
    answered: Number(r.answered),
    unthemed: Number(r.unthemed),
    daysToFeedback: r.days_to_feedback,
    daysOverdue: r.days_overdue,
  };
}

/**
 * The activities that need a lead's attention: overdue, or holding views in no theme. One query;
 * the rows are only those two kinds (never every activity of the area).
 */
export async function activitiesNeedingAttention(tx: AreaTx, areaId: string, now: Date): Promise<ActivityFiguresRow[]> {
  const { rows } = await sql<ActivityRowDb>`
    WITH ${activityFiguresCte(areaId, now, null)}
    SELECT f.id, f.title, f.status, f.organisation_id, o.name AS organisation_name, f.created_by, f.closed_at,
      f.visible, f.answered, f.unthemed, f.days_to_feedback, f.days_overdue
    FROM figures f
    LEFT JOIN organisation o ON o.id = f.organisation_id AND o.area_id = ${areaId}
    WHERE f.days_overdue IS NOT NULL OR f.unthemed > 0
    ORDER BY f.days_overdue DESC NULLS LAST, f.unthemed DESC, f.title, f.id
  `.execute(tx);
  return rows.map(toActivityRow);
}

/** One activity's figures, or undefined when there is no such activity in the area. */
export async function oneActivityFigures(tx: AreaTx, areaId: string, activityId: string, now: Date): Promise<ActivityFiguresRow | undefined> {
  const { rows } = await sql<ActivityRowDb>`
    WITH ${activityFiguresCte(areaId, now, activityId)}
    SELECT f.id, f.title, f.status, f.organisation_id, o.name AS organisation_name, f.created_by, f.closed_at,
      f.visible, f.answered, f.unthemed, f.days_to_feedback, f.days_overdue
    FROM figures f
    LEFT JOIN organisation o ON o.id = f.organisation_id AND o.area_id = ${areaId}
  `.execute(tx);
  return rows[0] && toActivityRow(rows[0]);
}

// ── For the Lundy checklist (evaluation): audience and influence evidence ─────────────────────────

/** A theme holding some of an activity's visible views, with what its response says about who decided. */
export type LundyTheme = {
  themeId: string;
  title: string;
  /** null when the theme has no response yet. */
  stage: string | null;
  status: string | null;
  boardName: string | null;
  decidedByRole: string;
  decidedOn: string | null;
  published: boolean;
  firstPublishedAt: string | null;
  hasReason: boolean;
  hasChange: boolean;
};

export type LundyFeedbackRow = ActivityFiguresRow & { feedbackWeeks: number; themes: LundyTheme[] };

/**
 * Each of these activities' feedback figures (as on the dashboard) and the themes holding its
 * visible views, each with its response's decision maker and publication, in ONE query however
 * many activities are asked for.
 */
export async function lundyFeedbackRows(tx: AreaTx, areaId: string, activityIds: readonly string[], now: Date): Promise<LundyFeedbackRow[]> {
  if (activityIds.length === 0) return [];
  const ids = [...new Set(activityIds)];
  const { rows } = await sql<ActivityRowDb & { feedback_weeks: number; themes: LundyTheme[] }>`
    WITH ${activityFiguresCte(areaId, now, null)},
    activity_themes AS (
      SELECT DISTINCT c.activity_id, t.id AS theme_id, t.title, tr.stage, tr.status, b.name AS board_name,
        coalesce(tr.decided_by_role, '') AS decided_by_role, tr.decided_on, tr.published_at IS NOT NULL AS published,
        tr.first_published_at, coalesce(tr.reason, '') <> '' AS has_reason, coalesce(tr.what_changed, '') <> '' AS has_change
      FROM contribution c
      JOIN theme_contribution tc ON tc.contribution_id = c.id AND tc.area_id = ${areaId}
      JOIN theme t ON t.id = tc.theme_id AND t.area_id = ${areaId}
      LEFT JOIN theme_response tr ON tr.theme_id = t.id AND tr.area_id = ${areaId}
      LEFT JOIN board b ON b.id = tr.decided_by_board_id AND b.area_id = ${areaId}
      WHERE c.area_id = ${areaId} AND c.hidden_at IS NULL AND c.activity_id = ANY(${ids}::uuid[])
    )
    SELECT f.id, f.title, f.status, f.organisation_id, NULL::text AS organisation_name, f.created_by, f.closed_at,
      f.visible, f.answered, f.unthemed, f.days_to_feedback, f.days_overdue, s.feedback_weeks,
      coalesce((
        SELECT json_agg(json_build_object(
          'themeId', at.theme_id, 'title', at.title, 'stage', at.stage, 'status', at.status, 'boardName', at.board_name,
          'decidedByRole', at.decided_by_role, 'decidedOn', at.decided_on, 'published', at.published,
          'firstPublishedAt', at.first_published_at, 'hasReason', at.has_reason, 'hasChange', at.has_change
        ) ORDER BY at.title, at.theme_id)
        FROM activity_themes at WHERE at.activity_id = f.id
      ), '[]'::json) AS themes
    FROM figures f CROSS JOIN settings s
    WHERE f.id = ANY(${ids}::uuid[])
  `.execute(tx);
  return rows.map((r) => ({ ...toActivityRow(r), feedbackWeeks: Number(r.feedback_weeks), themes: r.themes }));
}

export type ListenedCounts = Record<ListenedRating, number>;
export type ListenedGroup = { activityId: string | null; title: string | null; isArea: boolean; counts: ListenedCounts };

/**
 * "Do you feel listened to?" answers per activity and for the area, in one query. Pass an activity id
 * for that activity alone (its row, and an area row holding the same counts).
 */
export async function listenedCounts(tx: AreaTx, areaId: string, onlyActivityId: string | null = null): Promise<ListenedGroup[]> {
  const oneActivity = onlyActivityId ? sql`AND lr.activity_id = ${onlyActivityId}` : sql``;
  const { rows } = await sql<{ activity_id: string | null; title: string | null; is_area: number; yes: CountText; a_bit: CountText; no: CountText }>`
    SELECT lr.activity_id, a.title, grouping(lr.activity_id, a.title) AS is_area,
      count(*) FILTER (WHERE lr.rating = 'yes') AS yes,
      count(*) FILTER (WHERE lr.rating = 'a_bit') AS a_bit,
      count(*) FILTER (WHERE lr.rating = 'no') AS no
    FROM listened_rating lr
    JOIN activity a ON a.id = lr.activity_id AND a.area_id = ${areaId}
    WHERE lr.area_id = ${areaId} ${oneActivity}
    GROUP BY GROUPING SETS ((lr.activity_id, a.title), ())
    ORDER BY grouping(lr.activity_id, a.title), a.title, lr.activity_id
  `.execute(tx);
  return rows.map((r) => ({
    activityId: r.activity_id,
    title: r.title,
    isArea: Number(r.is_area) !== 0,
    counts: { yes: Number(r.yes), a_bit: Number(r.a_bit), no: Number(r.no) },
  }));
}

/** Where a notice is: its delivery status, except that a letter not yet printed is waiting for a lead, not for sending. */
export type NoticeState = NoticeStatus | 'to_print';

/** How many "what happened to your view" notices are in each state. */
export async function noticeCounts(tx: AreaTx, areaId: string): Promise<Partial<Record<NoticeState, number>>> {
  const state = sql<NoticeState>`case when channel = 'letter' and status = 'pending' then 'to_print' else status end`;
  const rows = await tx
    .selectFrom('feedback_notice')
    .select([state.as('status'), (eb) => eb.fn.countAll<CountText>().as('count')])
    .where('area_id', '=', areaId)
    .groupBy(state)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

// ── The weekly overdue digest ───────────────────────────────────────────────────────────────────

/** Whole-area lock for one job, held until the transaction ends (two instances: one waits). */
export async function lockKey(tx: AreaTx, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
}

/** A person who may be emailed: a staff member of the area whose account is not disabled. */
export type Recipient = { accountId: string; email: string; displayName: string };

/**
 * The owners of these activities who can still be told: the account that created each one, if it
 * is not disabled and still belongs to the area with a staff role (someone who has left the
 * partnership is not emailed about it).
 */
export async function activeOwners(tx: AreaTx, areaId: string, accountIds: readonly string[], staffRoles: readonly string[]): Promise<Recipient[]> {
  if (accountIds.length === 0) return [];
  return tx
    .selectFrom('account')
    .select(['account.id as accountId', 'account.email', 'account.display_name as displayName'])
    .where('account.id', 'in', [...accountIds])
    .where('account.disabled_at', 'is', null)
    .where('account.email', 'is not', null)
    .$narrowType<{ email: string }>()
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('area_membership')
          .select('area_membership.id')
          .whereRef('area_membership.account_id', '=', 'account.id')
          .where('area_membership.area_id', '=', areaId)
          .where('area_membership.role', 'in', [...staffRoles]),
      ),
    )
    .execute();
}

/** The area's participation leads whose accounts are not disabled. */
export async function activeLeads(tx: AreaTx, areaId: string): Promise<Recipient[]> {
  return tx
    .selectFrom('account')
    .select(['account.id as accountId', 'account.email', 'account.display_name as displayName'])
    .where('account.disabled_at', 'is', null)
    .where('account.email', 'is not', null)
    .$narrowType<{ email: string }>()
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('area_membership')
          .select('area_membership.id')
          .whereRef('area_membership.account_id', '=', 'account.id')
          .where('area_membership.area_id', '=', areaId)
          .where('area_membership.role', '=', 'participation_lead'),
      ),
    )
    .orderBy('account.email')
    .execute();
}

/** Overdue activities only (the digest's list), oldest deadline first. */
export async function overdueActivities(tx: AreaTx, areaId: string, now: Date): Promise<ActivityFiguresRow[]> {
  const { rows } = await sql<ActivityRowDb>`
    WITH ${activityFiguresCte(areaId, now, null)}
    SELECT f.id, f.title, f.status, f.organisation_id, o.name AS organisation_name, f.created_by, f.closed_at,
      f.visible, f.answered, f.unthemed, f.days_to_feedback, f.days_overdue
    FROM figures f
    LEFT JOIN organisation o ON o.id = f.organisation_id AND o.area_id = ${areaId}
    WHERE f.days_overdue IS NOT NULL
    ORDER BY f.days_overdue DESC, f.title, f.id
  `.execute(tx);
  return rows.map(toActivityRow);
}

/**
 * Whether this week's digest already went out for the area. The audit log is the record (it says
 * what was sent and when); no table of its own is needed for a weekly job.
 */
export async function digestAlreadySent(tx: AreaTx, areaId: string, action: string, week: string): Promise<boolean> {
  const row = await tx
    .selectFrom('audit_event')
    .select('id')
    .where('area_id', '=', areaId)
    .where('action', '=', action)
    .where(sql<string>`detail->>'week'`, '=', week)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
