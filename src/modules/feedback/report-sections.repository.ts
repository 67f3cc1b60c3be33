/**
 * SQL behind the feedback module's report sections (issue 14 §1): one query per figure set, however
 * many activities, themes or contributions the area has. The closure figure is one aggregate over the
 * period's contributions (a hash join against the answered views), so no contribution row, and no
 * contribution's words, ever leave the database. Published responses are read from the copy frozen at
 * publication (theme_response.published_content), as the public pages read them.
 *
 * The period and scope rules are the report contract's (src/modules/reports/sections.ts):
 * - a contribution belongs to the period of its created_at; an activity to the period when it took
 *   place (coalesce(starts_at, opened_at, created_at) on a London date); a published response to the
 *   period of its first publication;
 * - scope 'organisation' keeps that organisation's activities and what hangs off them (their
 *   contributions, and responses published about them); scope 'service' keeps activities whose
 *   `services` include it (and responses published about that service).
 */
import { sql, type RawBuilder } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { ReportScope } from '../reports/index.ts';
import type { PublishedRow } from './public.repository.ts';

type CountText = string | number | null;

/** The scope's condition on an activity row called `a`. */
function scopeCondition(scope: ReportScope): RawBuilder<unknown> {
  if (scope.kind === 'organisation') return sql`AND a.organisation_id = ${scope.organisationId}::uuid`;
  if (scope.kind === 'service') return sql`AND ${scope.service} = ANY(a.services)`;
  return sql``;
}

/**
 * For a row with an activity id: the scope's condition, as a look-up of that one activity by its key
 * (nothing at all for the whole area, where every contribution counts).
 */
function inScope(areaId: string, scope: ReportScope, activityId: RawBuilder<unknown>): RawBuilder<unknown> {
  if (scope.kind === 'area') return sql``;
  return sql`AND EXISTS (SELECT 1 FROM activity a WHERE a.area_id = ${areaId} AND a.id = ${activityId} ${scopeCondition(scope)})`;
}

const activityInPeriod = (from: string, to: string) =>
  sql<boolean>`((coalesce(a.starts_at, a.opened_at, a.created_at) AT TIME ZONE 'Europe/London')::date BETWEEN ${from}::date AND ${to}::date)`;
const periodStart = (from: string) => sql<Date>`((${from}::date)::timestamp AT TIME ZONE 'Europe/London')`;
const periodEnd = (to: string) => sql<Date>`(((${to}::date) + 1)::timestamp AT TIME ZONE 'Europe/London')`;

export type PeriodFeedbackFigures = {
  feedbackWeeks: number;
  /** Visible contributions made in the period (to the scope's activities). */
  visible: number;
  /** Those of them whose theme has a published response now. */
  answered: number;
  /** The period's activities that have closed (status closed or feedback given). */
  closedActivities: number;
  /** Those of them that have had a response published (the base of the median). */
  withFeedback: number;
  medianDaysToFeedback: number | null;
  /** The period's activities overdue at `now` (as figures.repository.ts defines it). */
  overdue: number;
};

/**
 * Closure, time to feedback and overdue for the period and scope, in ONE query, with the feedback
 * figures' own definitions (figures.repository.ts): a view is answered when a theme holding it has a
 * published response; time to feedback is whole days from an activity closing to the first
 * publication of a response to a theme holding one of its visible views (0 when that came first);
 * an activity is overdue when it is closed (not yet "feedback given"), its deadline (closed_at +
 * the area's feedback weeks) has passed and no published response touches it. A view in two
 * answered themes is counted once.
 */
export async function periodFeedbackFigures(tx: AreaTx, areaId: string, scope: ReportScope, from: string, to: string, now: Date): Promise<PeriodFeedbackFigures> {
  const { rows } = await periodFeedbackQuery(areaId, scope, from, to, now).execute(tx);
  const r = rows[0]!;
  return {
    feedbackWeeks: Number(r.feedback_weeks),
    visible: Number(r.visible ?? 0),
    answered: Number(r.answered ?? 0),
    closedActivities: Number(r.closed_activities ?? 0),
    withFeedback: Number(r.with_feedback ?? 0),
    medianDaysToFeedback: r.median_days === null ? null : Number(r.median_days),
    overdue: Number(r.overdue ?? 0),
  };
}

/** The query behind periodFeedbackFigures (exported for the bench and EXPLAIN). */
export function periodFeedbackQuery(areaId: string, scope: ReportScope, from: string, to: string, now: Date) {
  return sql<{
    feedback_weeks: number;
    visible: CountText;
    answered: CountText;
    closed_activities: CountText;
    with_feedback: CountText;
    median_days: number | null;
    overdue: CountText;
  }>`
    WITH settings AS (
      SELECT coalesce((SELECT feedback_weeks FROM area WHERE id = ${areaId}), 12) AS feedback_weeks
    ),
    answered_themes AS MATERIALIZED (
      SELECT tr.theme_id, tr.first_published_at
      FROM theme_response tr
      WHERE tr.area_id = ${areaId} AND tr.published_at IS NOT NULL
    ),
    -- Each view in an answered theme once, with the first publication that touched it, then the
    -- visible ones with their activity and date. Driven from the themes (few) through their views by
    -- index (LATERAL … OFFSET 0 keeps that order), so the plan is the same good one whether or not the
    -- tables have statistics yet: never a scan of every contribution per theme.
    answered_ids AS MATERIALIZED (
      SELECT tc.contribution_id, min(at.first_published_at) AS first_published_at
      FROM answered_themes at
      CROSS JOIN LATERAL (
        SELECT tc.contribution_id FROM theme_contribution tc
        WHERE tc.theme_id = at.theme_id AND tc.area_id = ${areaId}
        OFFSET 0
      ) tc
      GROUP BY tc.contribution_id
    ),
    answered_views AS MATERIALIZED (
      SELECT c.activity_id, c.created_at, ai.first_published_at
      FROM answered_ids ai
      CROSS JOIN LATERAL (
        SELECT c.activity_id, c.created_at FROM contribution c
        WHERE c.id = ai.contribution_id AND c.area_id = ${areaId} AND c.hidden_at IS NULL
        OFFSET 0
      ) c
    ),
    views AS (
      SELECT count(*) AS visible
      FROM contribution c
      WHERE c.area_id = ${areaId} AND c.hidden_at IS NULL
        AND c.created_at >= ${periodStart(from)} AND c.created_at < ${periodEnd(to)}
        ${inScope(areaId, scope, sql`c.activity_id`)}
    ),
    answered AS (
      SELECT count(*) AS answered
      FROM answered_views av
      WHERE av.created_at >= ${periodStart(from)} AND av.created_at < ${periodEnd(to)}
        ${inScope(areaId, scope, sql`av.activity_id`)}
    ),
    firsts AS MATERIALIZED (
      SELECT av.activity_id, min(av.first_published_at) AS first_published_at
      FROM answered_views av
      GROUP BY av.activity_id
    ),
    per_activity AS (
      SELECT a.status IN ('closed', 'feedback_given') AND a.closed_at IS NOT NULL AS closed,
        CASE WHEN a.status IN ('closed', 'feedback_given') AND a.closed_at IS NOT NULL AND f.first_published_at IS NOT NULL
          THEN greatest(0, floor(extract(epoch FROM f.first_published_at - a.closed_at) / 86400))::int END AS days_to_feedback,
        (a.status = 'closed' AND a.closed_at IS NOT NULL AND f.first_published_at IS NULL
          AND extract(epoch FROM ${now}::timestamptz - a.closed_at) > st.feedback_weeks * 604800) AS overdue
      FROM activity a
      LEFT JOIN firsts f ON f.activity_id = a.id
      CROSS JOIN settings st
      WHERE a.area_id = ${areaId} AND ${activityInPeriod(from, to)} ${scopeCondition(scope)}
    ),
    activity_figures AS (
      SELECT count(*) FILTER (WHERE closed) AS closed_activities,
        count(days_to_feedback) AS with_feedback,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_feedback) AS median_days,
        count(*) FILTER (WHERE overdue) AS overdue
      FROM per_activity
    )
    SELECT st.feedback_weeks, v.visible, an.answered, af.closed_activities, af.with_feedback, af.median_days, af.overdue
    FROM settings st CROSS JOIN views v CROSS JOIN answered an CROSS JOIN activity_figures af
  `;
}

/**
 * The responses first published in the period, about the scope's activities (or, for a service,
 * published under that service), newest first, with the area's name: one query. Only the frozen
 * public copy is read, never the working copy and never a contribution.
 */
export async function publishedInPeriod(tx: AreaTx, areaId: string, scope: ReportScope, from: string, to: string): Promise<{ areaName: string; rows: PublishedRow[] }> {
  const about =
    scope.kind === 'area'
      ? sql``
      : sql`AND (EXISTS (SELECT 1 FROM activity a WHERE a.area_id = ${areaId} AND a.id = ANY(tr.published_activity_ids) ${scopeCondition(scope)})
          ${scope.kind === 'service' ? sql`OR ${scope.service} = ANY(tr.published_services)` : sql``})`;
  const { rows } = await sql<{
    area_name: string;
    id: string | null;
    published_content: unknown;
    published_services: string[] | null;
    published_activity_ids: string[] | null;
    first_published_at: Date | null;
    published_at: Date | null;
  }>`
    SELECT ar.name AS area_name, tr.id, tr.published_content, tr.published_services, tr.published_activity_ids, tr.first_published_at, tr.published_at
    FROM area ar
    LEFT JOIN theme_response tr ON tr.area_id = ar.id AND tr.published_at IS NOT NULL
      AND tr.first_published_at >= ${periodStart(from)} AND tr.first_published_at < ${periodEnd(to)}
      ${about}
    WHERE ar.id = ${areaId}
    ORDER BY tr.first_published_at DESC NULLS LAST, tr.id DESC
  `.execute(tx);
  return {
    areaName: rows[0]?.area_name ?? '',
    rows: rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: r.id!,
        content: r.published_content,
        services: r.published_services ?? [],
        activityIds: r.published_activity_ids ?? [],
        firstPublishedAt: r.first_published_at!,
        publishedAt: r.published_at!,
      })),
  };
}
