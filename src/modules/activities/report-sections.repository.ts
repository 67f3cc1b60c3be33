/**
 * SQL behind the activities module's report sections (issue 14 §1). Each function is ONE query,
 * whatever the number of activities or contributions: counts are worked out by PostgreSQL
 * (GROUPING SETS, FILTER), and no contribution, response or sign-up row ever leaves the database.
 *
 * The period and scope rules are the report contract's (src/modules/reports/sections.ts):
 * - an activity belongs to the period when it took place: coalesce(starts_at, opened_at, created_at)
 *   falls on a London date between `from` and `to` (both included);
 * - a response belongs to the period of its submission, a contribution to that of its created_at;
 * - scope 'organisation' keeps that organisation's activities (and what hangs off them), scope
 *   'service' keeps activities whose `services` include it.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { ReportScope } from '../reports/index.ts';
import { toActivity, type Activity } from './activities.repository.ts';

type CountText = string | number | null;

/** The scope's condition on an activity row called `a`. */
export function scopeCondition(scope: ReportScope): RawBuilder<unknown> {
  if (scope.kind === 'organisation') return sql`AND a.organisation_id = ${scope.organisationId}::uuid`;
  if (scope.kind === 'service') return sql`AND ${scope.service} = ANY(a.services)`;
  return sql``;
}

/** The period's condition on an activity row called `a`: when it took place, as a London date. */
export function activityInPeriod(from: string, to: string): RawBuilder<boolean> {
  return sql<boolean>`((coalesce(a.starts_at, a.opened_at, a.created_at) AT TIME ZONE 'Europe/London')::date BETWEEN ${from}::date AND ${to}::date)`;
}

/** The first moment of `from` and the first moment after `to`, London time (so indexes on timestamps are used). */
export function periodStart(from: string): RawBuilder<Date> {
  return sql<Date>`((${from}::date)::timestamp AT TIME ZONE 'Europe/London')`;
}
export function periodEnd(to: string): RawBuilder<Date> {
  return sql<Date>`(((${to}::date) + 1)::timestamp AT TIME ZONE 'Europe/London')`;
}

/** One group of the overview: a type, an audience, or (both null) the whole period. */
export type OverviewGroup = {
  type: string | null;
  audience: string | null;
  isTotal: boolean;
  /** Activities that took place in the period. */
  activities: number;
  /** Submitted responses (one person each) to the scope's activities, submitted in the period. */
  responses: number;
  /** Visible contributions (views) to the scope's activities, made in the period. */
  views: number;
  /** Places booked (not cancelled) at the period's activities. */
  places: number;
};

/**
 * What happened in the period, by type, by audience and in total, in one query. Responses and views
 * are grouped by the type and audience of the activity they answered.
 */
export async function overviewGroups(tx: AreaTx, areaId: string, scope: ReportScope, from: string, to: string): Promise<OverviewGroup[]> {
  const { rows } = await sql<{ type: string | null; audience: string | null; is_total: number; activities: CountText; responses: CountText; views: CountText; places: CountText }>`
    WITH scoped AS (
      SELECT a.id, a.type, a.audience, ${activityInPeriod(from, to)} AS in_period
      FROM activity a
      WHERE a.area_id = ${areaId} ${scopeCondition(scope)}
    ),
    responses AS (
      SELECT r.activity_id, count(*) AS n
      FROM response r
      WHERE r.area_id = ${areaId} AND r.status = 'submitted'
        AND r.submitted_at >= ${periodStart(from)} AND r.submitted_at < ${periodEnd(to)}
        AND r.activity_id IN (SELECT id FROM scoped)
      GROUP BY r.activity_id
    ),
    views AS (
      SELECT c.activity_id, count(*) AS n
      FROM contribution c
      WHERE c.area_id = ${areaId} AND c.hidden_at IS NULL
        AND c.created_at >= ${periodStart(from)} AND c.created_at < ${periodEnd(to)}
        AND c.activity_id IN (SELECT id FROM scoped)
      GROUP BY c.activity_id
    ),
    places AS (
      SELECT s.activity_id, sum(s.people) AS n
      FROM activity_signup s
      WHERE s.area_id = ${areaId} AND s.cancelled_at IS NULL
        AND s.activity_id IN (SELECT id FROM scoped WHERE in_period)
      GROUP BY s.activity_id
    ),
    joined AS (
      SELECT sc.type, sc.audience, sc.in_period, coalesce(r.n, 0) AS responses, coalesce(v.n, 0) AS views, coalesce(p.n, 0) AS places
      FROM scoped sc
      LEFT JOIN responses r ON r.activity_id = sc.id
      LEFT JOIN views v ON v.activity_id = sc.id
      LEFT JOIN places p ON p.activity_id = sc.id
      WHERE sc.in_period OR r.n IS NOT NULL OR v.n IS NOT NULL
    )
    SELECT type, audience, grouping(type, audience) = 3 AS is_total,
      count(*) FILTER (WHERE in_period) AS activities,
      coalesce(sum(responses), 0) AS responses,
      coalesce(sum(views), 0) AS views,
      coalesce(sum(places), 0) AS places
    FROM joined
    GROUP BY GROUPING SETS ((type), (audience), ())
  `.execute(tx);
  return rows.map((r) => ({
    type: r.type,
    audience: r.audience,
    isTotal: Boolean(r.is_total),
    activities: Number(r.activities ?? 0),
    responses: Number(r.responses ?? 0),
    views: Number(r.views ?? 0),
    places: Number(r.places ?? 0),
  }));
}

/** The period's activities in the scope, whole (the planning checks read every planning field). One query. */
export async function activitiesInPeriod(tx: AreaTx, areaId: string, scope: ReportScope, from: string, to: string): Promise<Activity[]> {
  const { rows } = await sql<Parameters<typeof toActivity>[0]>`
    SELECT a.* FROM activity a
    WHERE a.area_id = ${areaId} AND ${activityInPeriod(from, to)} ${scopeCondition(scope)}
    ORDER BY a.id
  `.execute(tx);
  return rows.map(toActivity);
}

export type AdjustmentTotals = { made: number; arranged: number; notPossible: number; open: number };

/** Adjustment requests made for the period's activities in the scope, by status. One query. */
export async function adjustmentTotals(tx: AreaTx, areaId: string, scope: ReportScope, from: string, to: string): Promise<AdjustmentTotals> {
  const { rows } = await sql<{ made: CountText; arranged: CountText; not_possible: CountText; open: CountText }>`
    SELECT count(*) AS made,
      count(*) FILTER (WHERE ar.status = 'arranged') AS arranged,
      count(*) FILTER (WHERE ar.status = 'not_possible') AS not_possible,
      count(*) FILTER (WHERE ar.status = 'new') AS open
    FROM adjustment_request ar
    JOIN activity a ON a.id = ar.activity_id AND a.area_id = ${areaId}
    WHERE ar.area_id = ${areaId} AND ${activityInPeriod(from, to)} ${scopeCondition(scope)}
  `.execute(tx);
  const r = rows[0];
  return { made: Number(r?.made ?? 0), arranged: Number(r?.arranged ?? 0), notPossible: Number(r?.not_possible ?? 0), open: Number(r?.open ?? 0) };
}
