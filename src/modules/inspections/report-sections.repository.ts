/**
 * SQL for the inspections module's report section (issue 16 §3): every figure of the period in ONE
 * query, whatever the number of programmes, visits or actions. The period and scope rules are the
 * report contract's (src/modules/reports/sections.ts): a visit belongs to the period when it was
 * done (visited, or reported when no visit date was recorded), a report when it was sent, a
 * re-inspection when it was planned, a response when it was sent; scope 'organisation' and
 * 'service' keep the programmes whose activity is that organisation's or has that service (the
 * same look-up of the activity row as the feedback module's sections).
 */
import { sql, type RawBuilder } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { ReportScope } from '../reports/index.ts';

export type VisitFigures = {
  done: number;
  reported: number;
  low: number;
  middle: number;
  high: number;
  reinspections: number;
  responded: number;
  actions: number;
  meeting: number;
};

function scopeCondition(scope: ReportScope): RawBuilder<unknown> {
  if (scope.kind === 'organisation') return sql`AND a.organisation_id = ${scope.organisationId}::uuid`;
  if (scope.kind === 'service') return sql`AND ${scope.service} = ANY(a.services)`;
  return sql``;
}

const inPeriod = (column: RawBuilder<unknown>, from: string, to: string) => sql`((${column}) AT TIME ZONE 'Europe/London')::date BETWEEN ${from}::date AND ${to}::date`;

export async function visitFigures(tx: AreaTx, areaId: string, scope: ReportScope, from: string, to: string): Promise<VisitFigures> {
  const { rows } = await sql<Record<keyof VisitFigures, string>>`
    WITH v AS (
      SELECT v.id, v.provider_id, v.visited_at, v.reported_at, v.overall_rating, v.reinspection_of, v.created_at,
             v.provider_responded_at, g.standard_at_or_above
      FROM inspection_visit v
      JOIN inspection_programme g ON g.area_id = v.area_id AND g.id = v.programme_id
      JOIN activity a ON a.area_id = g.area_id AND a.id = g.activity_id
      WHERE v.area_id = ${areaId} AND v.status <> 'cancelled' ${scopeCondition(scope)}
    ),
    latest AS (
      SELECT DISTINCT ON (provider_id) provider_id, overall_rating, standard_at_or_above
      FROM v
      WHERE reported_at IS NOT NULL AND (reported_at AT TIME ZONE 'Europe/London')::date <= ${to}::date
      ORDER BY provider_id, reported_at DESC
    )
    SELECT
      (SELECT count(*) FROM v WHERE (visited_at IS NOT NULL OR reported_at IS NOT NULL) AND ${inPeriod(sql`coalesce(visited_at, reported_at)`, from, to)}) AS done,
      (SELECT count(*) FROM v WHERE reported_at IS NOT NULL AND ${inPeriod(sql`reported_at`, from, to)}) AS reported,
      (SELECT count(*) FROM v WHERE reported_at IS NOT NULL AND ${inPeriod(sql`reported_at`, from, to)} AND round(overall_rating) <= 2) AS low,
      (SELECT count(*) FROM v WHERE reported_at IS NOT NULL AND ${inPeriod(sql`reported_at`, from, to)} AND round(overall_rating) = 3) AS middle,
      (SELECT count(*) FROM v WHERE reported_at IS NOT NULL AND ${inPeriod(sql`reported_at`, from, to)} AND round(overall_rating) >= 4) AS high,
      (SELECT count(*) FROM v WHERE reinspection_of IS NOT NULL AND ${inPeriod(sql`created_at`, from, to)}) AS reinspections,
      (SELECT count(DISTINCT provider_id) FROM v WHERE provider_responded_at IS NOT NULL AND ${inPeriod(sql`provider_responded_at`, from, to)}) AS responded,
      (SELECT count(*) FROM inspection_action ia JOIN v ON v.id = ia.visit_id WHERE ia.area_id = ${areaId} AND ${inPeriod(sql`ia.created_at`, from, to)}) AS actions,
      (SELECT count(*) FROM latest WHERE overall_rating >= standard_at_or_above) AS meeting
  `.execute(tx);
  const r = rows[0]!;
  return {
    done: Number(r.done),
    reported: Number(r.reported),
    low: Number(r.low),
    middle: Number(r.middle),
    high: Number(r.high),
    reinspections: Number(r.reinspections),
    responded: Number(r.responded),
    actions: Number(r.actions),
    meeting: Number(r.meeting),
  };
}
