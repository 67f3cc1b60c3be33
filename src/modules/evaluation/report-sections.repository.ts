/**
 * SQL for the evaluation module's report sections (issue 14): period- and scope-aware counts of the
 * module's own tables, each one query however many activities, ratings or checks. The activities
 * themselves (which are in the report's scope and period) come from the activities module's service;
 * their ids are passed in (`null`: the whole area, no filter by activity).
 *
 * Periods are London calendar dates, both included: a row's timestamp is in the period when it is on
 * or after the start of `from` and before the start of the day after `to`, London time (so the
 * timestamp's own index can be used).
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { CommonLevel } from './data/common-levels.ts';
import type { CheckVersion, ImpactItemId } from './data/impact-questions.ts';
import type { LundyElement } from './data/lundy.ts';

export type Period = { from: string; to: string };

const startOf = (p: Period) => sql`((${p.from}::date)::timestamp AT TIME ZONE 'Europe/London')`;
const endOf = (p: Period) => sql`((${p.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;

/** The newest staff rating of each of these activities: its common level. One query. */
export async function latestLevels(tx: AreaTx, areaId: string, activityIds: readonly string[]): Promise<Map<string, CommonLevel>> {
  if (activityIds.length === 0) return new Map();
  const { rows } = await sql<{ activity_id: string; common_level: CommonLevel }>`
    SELECT DISTINCT ON (activity_id) activity_id, common_level
    FROM activity_level_rating
    WHERE area_id = ${areaId} AND activity_id = ANY(${[...activityIds]}::uuid[])
    ORDER BY activity_id, rated_at DESC, id`.execute(tx);
  return new Map(rows.map((r) => [r.activity_id, r.common_level]));
}

/**
 * Participants' ratings made in the period, counted by common level (people, not activities), of
 * these activities (null: any of the area's). One query.
 */
export async function ratingsByLevel(tx: AreaTx, areaId: string, period: Period, activityIds: readonly string[] | null): Promise<Map<CommonLevel, number>> {
  const { rows } = await sql<{ common_level: CommonLevel; n: string }>`
    SELECT common_level, count(*) AS n
    FROM participant_rating
    WHERE area_id = ${areaId} AND created_at >= ${startOf(period)} AND created_at < ${endOf(period)}
      AND (${activityIds === null}::boolean OR activity_id = ANY(${[...(activityIds ?? [])]}::uuid[]))
    GROUP BY common_level`.execute(tx);
  return new Map(rows.map((r) => [r.common_level, Number(r.n)]));
}

/** Every rating of these activities, counted by activity and common level (for what participants said of each). One query. */
export async function ratingsByActivity(tx: AreaTx, areaId: string, activityIds: readonly string[]): Promise<Array<{ activityId: string; commonLevel: CommonLevel; count: number }>> {
  if (activityIds.length === 0) return [];
  const { rows } = await sql<{ activity_id: string; common_level: CommonLevel; n: string }>`
    SELECT activity_id, common_level, count(*) AS n
    FROM participant_rating
    WHERE area_id = ${areaId} AND activity_id = ANY(${[...activityIds]}::uuid[])
    GROUP BY activity_id, common_level`.execute(tx);
  return rows.map((r) => ({ activityId: r.activity_id, commonLevel: r.common_level, count: Number(r.n) }));
}

/** Per activity and Lundy element: points (yes 1, partly ½, no 0) and the answers that count. One query. */
export async function lundyTallies(tx: AreaTx, areaId: string, templateId: string, activityIds: readonly string[]): Promise<Array<{ activityId: string; element: LundyElement; points: number; counted: number }>> {
  if (activityIds.length === 0) return [];
  const { rows } = await sql<{ activity_id: string; element: LundyElement; points: string; counted: string }>`
    SELECT activity_id, split_part(item_id, '.', 2) AS element,
      coalesce(sum(CASE answer WHEN 'yes' THEN 1 WHEN 'partly' THEN 0.5 WHEN 'no' THEN 0 END), 0) AS points,
      count(*) FILTER (WHERE answer <> 'not_applicable') AS counted
    FROM lundy_answer
    WHERE area_id = ${areaId} AND template_id = ${templateId} AND activity_id = ANY(${[...activityIds]}::uuid[])
    GROUP BY activity_id, split_part(item_id, '.', 2)`.execute(tx);
  return rows.map((r) => ({ activityId: r.activity_id, element: r.element, points: Number(r.points), counted: Number(r.counted) }));
}

export type PeriodPairedRow = { version: CheckVersion; item: ImpactItemId; pairs: number; better: number; same: number; worse: number };

/**
 * The participant impact check, paired: each person's first answer against their latest later one
 * given in the period (the later answer is what the period saw), only where both answered the item.
 * One query however many people.
 */
export async function pairedChangeIn(tx: AreaTx, areaId: string, items: readonly ImpactItemId[], period: Period): Promise<PeriodPairedRow[]> {
  const { rows } = await sql<{ version: CheckVersion; item: ImpactItemId; pairs: string; better: string; same: string; worse: string }>`
    WITH latest AS (
      SELECT DISTINCT ON (participant_id) participant_id, answers
      FROM impact_check
      WHERE area_id = ${areaId} AND round > 1 AND answered_at >= ${startOf(period)} AND answered_at < ${endOf(period)}
      ORDER BY participant_id, round DESC
    ), pairs AS (
      SELECT p.version, i.item, (f.answers ->> i.item)::int AS first, (l.answers ->> i.item)::int AS later
      FROM latest l
      JOIN impact_participant p ON p.area_id = ${areaId} AND p.id = l.participant_id
      JOIN impact_check f ON f.area_id = p.area_id AND f.participant_id = p.id AND f.round = 1
      CROSS JOIN unnest(${[...items]}::text[]) AS i(item)
      WHERE f.answers ? i.item AND l.answers ? i.item
    )
    SELECT version, item, count(*) AS pairs,
      count(*) FILTER (WHERE later > first) AS better,
      count(*) FILTER (WHERE later = first) AS same,
      count(*) FILTER (WHERE later < first) AS worse
    FROM pairs GROUP BY version, item`.execute(tx);
  return rows.map((r) => ({ version: r.version, item: r.item, pairs: Number(r.pairs), better: Number(r.better), same: Number(r.same), worse: Number(r.worse) }));
}

/** How many people answered the impact check in the period: first time, and again. One query. */
export async function checksIn(tx: AreaTx, areaId: string, period: Period): Promise<{ first: number; again: number }> {
  const { rows } = await sql<{ first: string; again: string }>`
    SELECT count(DISTINCT participant_id) FILTER (WHERE round = 1) AS first, count(DISTINCT participant_id) FILTER (WHERE round > 1) AS again
    FROM impact_check
    WHERE area_id = ${areaId} AND answered_at >= ${startOf(period)} AND answered_at < ${endOf(period)}`.execute(tx);
  return { first: Number(rows[0]?.first ?? 0), again: Number(rows[0]?.again ?? 0) };
}

/** Of these activities: how many have staff's answer about what they did differently, and about what changed for service users. One query. */
export async function changeCounts(tx: AreaTx, areaId: string, activityIds: readonly string[]): Promise<{ differently: number; users: number; any: number; responses: number }> {
  if (activityIds.length === 0) return { differently: 0, users: 0, any: 0, responses: 0 };
  const { rows } = await sql<{ differently: string; users: string; any: string; responses: string }>`
    SELECT count(DISTINCT activity_id) FILTER (WHERE btrim(did_differently) <> '') AS differently,
      count(DISTINCT activity_id) FILTER (WHERE btrim(impact_on_users) <> '') AS users,
      count(DISTINCT activity_id) FILTER (WHERE btrim(did_differently) <> '' OR btrim(impact_on_users) <> '') AS any,
      count(theme_response_id) FILTER (WHERE btrim(did_differently) <> '' OR btrim(impact_on_users) <> '') AS responses
    FROM impact_change
    WHERE area_id = ${areaId} AND activity_id = ANY(${[...activityIds]}::uuid[])`.execute(tx);
  const r = rows[0];
  return { differently: Number(r?.differently ?? 0), users: Number(r?.users ?? 0), any: Number(r?.any ?? 0), responses: Number(r?.responses ?? 0) };
}
