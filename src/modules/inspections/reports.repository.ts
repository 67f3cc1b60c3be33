/**
 * The SQL of reports, the provider's response and the public ratings (issue 16 §2): the
 * inspections module's own tables only. Every function takes the area and reads through its
 * transaction (row-level security holds the rest).
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type VisitForSend = {
  id: string;
  programmeId: string;
  providerId: string;
  providerName: string;
  contactEmail: string;
  status: string;
  version: number;
};

/** The visit, locked for the send (two leads pressing at once send once). */
export async function lockVisitForSend(tx: AreaTx, areaId: string, programmeId: string, visitId: string): Promise<VisitForSend | undefined> {
  const row = await tx
    .selectFrom('inspection_visit as v')
    .innerJoin('inspection_provider as p', (j) => j.onRef('p.id', '=', 'v.provider_id').onRef('p.area_id', '=', 'v.area_id'))
    .select(['v.id', 'v.programme_id', 'v.provider_id', 'p.name', 'p.contact_email', 'v.status', 'v.version'])
    .where('v.area_id', '=', areaId)
    .where('v.programme_id', '=', programmeId)
    .where('v.id', '=', visitId)
    .forUpdate('v')
    .executeTakeFirst();
  return row ? { id: row.id, programmeId: row.programme_id, providerId: row.provider_id, providerName: row.name, contactEmail: row.contact_email, status: row.status, version: row.version } : undefined;
}

/** Saves the summaries if nobody saved since `version`; false when someone else did. */
export async function updateSummaries(tx: AreaTx, areaId: string, visitId: string, version: number, input: { summary: string; easyReadSummary: string }): Promise<boolean> {
  const result = await tx
    .updateTable('inspection_visit')
    .set({ summary: input.summary, easy_read_summary: input.easyReadSummary, version: sql<number>`version + 1` })
    .where('area_id', '=', areaId)
    .where('id', '=', visitId)
    .where('version', '=', version)
    .where('status', 'in', ['planned', 'visited'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markReported(tx: AreaTx, areaId: string, visitId: string, input: { overall: number; tokenHash: string; expiresAt: Date; now: Date }): Promise<void> {
  await tx
    .updateTable('inspection_visit')
    .set({
      overall_rating: input.overall,
      status: 'reported',
      reported_at: input.now,
      provider_token_hash: input.tokenHash,
      provider_token_expires_at: input.expiresAt,
      findings_made_at: input.now,
      version: sql<number>`version + 1`,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', visitId)
    .execute();
}

/** The re-inspection this visit asked for, if any (there is at most one). */
export async function findReinspection(tx: AreaTx, areaId: string, visitId: string): Promise<{ id: string; programmeId: string; activityId: string } | undefined> {
  const row = await tx.selectFrom('inspection_visit').select(['id', 'programme_id', 'activity_id']).where('area_id', '=', areaId).where('reinspection_of', '=', visitId).executeTakeFirst();
  return row ? { id: row.id, programmeId: row.programme_id, activityId: row.activity_id } : undefined;
}

export type Action = { id: string; action: string; dueOn: string | null; position: number };

export async function listActions(tx: AreaTx, areaId: string, visitId: string): Promise<Action[]> {
  const rows = await tx.selectFrom('inspection_action').select(['id', 'action', 'due_on', 'position']).where('area_id', '=', areaId).where('visit_id', '=', visitId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, action: r.action, dueOn: r.due_on === null ? null : String(r.due_on).slice(0, 10), position: r.position }));
}

/** The visit a provider's link opens (still valid), locked when responding. */
export async function findVisitByTokenHash(tx: AreaTx, areaId: string, tokenHash: string, now: Date, lock = false): Promise<{ id: string; programmeId: string } | undefined> {
  let query = tx
    .selectFrom('inspection_visit')
    .select(['id', 'programme_id'])
    .where('area_id', '=', areaId)
    .where('provider_token_hash', '=', tokenHash)
    .where('provider_token_expires_at', '>', now)
    .where('status', 'in', ['reported', 'responded']);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { id: row.id, programmeId: row.programme_id } : undefined;
}

export async function saveResponse(tx: AreaTx, areaId: string, visitId: string, response: string, actions: ReadonlyArray<{ action: string; dueOn: string }>, now: Date): Promise<boolean> {
  const result = await tx
    .updateTable('inspection_visit')
    .set({ provider_response: response, provider_responded_at: now, status: 'responded', version: sql<number>`version + 1` })
    .where('area_id', '=', areaId)
    .where('id', '=', visitId)
    .where('status', '=', 'reported')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  if (actions.length > 0) {
    await tx
      .insertInto('inspection_action')
      .values(actions.map((a, i) => ({ area_id: areaId, visit_id: visitId, action: a.action, due_on: a.dueOn, position: i + 1 })))
      .execute();
  }
  return true;
}

export type LatestRated = {
  providerId: string;
  providerName: string;
  venue: string;
  visitId: string;
  programmeId: string;
  programmeTitle: string;
  overall: number;
  reportedAt: Date;
  standardAtOrAbove: number;
  summary: string;
  easyReadSummary: string;
};

/** Each provider's latest reported visit (one row per provider), with its programme's standard. */
export async function latestReportedVisits(tx: AreaTx, areaId: string, providerId?: string): Promise<LatestRated[]> {
  let query = tx
    .selectFrom('inspection_visit as v')
    .innerJoin('inspection_provider as p', (j) => j.onRef('p.id', '=', 'v.provider_id').onRef('p.area_id', '=', 'v.area_id'))
    .innerJoin('inspection_programme as g', (j) => j.onRef('g.id', '=', 'v.programme_id').onRef('g.area_id', '=', 'v.area_id'))
    .distinctOn('v.provider_id')
    .select(['v.provider_id', 'p.name', 'p.venue', 'v.id', 'v.programme_id', 'g.title', 'v.overall_rating', 'v.reported_at', 'g.standard_at_or_above', 'v.summary', 'v.easy_read_summary'])
    .where('v.area_id', '=', areaId)
    .where('v.status', 'in', ['reported', 'responded'])
    .where('v.overall_rating', 'is not', null)
    .where('v.reported_at', 'is not', null);
  if (providerId) query = query.where('v.provider_id', '=', providerId);
  const rows = await query.orderBy('v.provider_id').orderBy('v.reported_at', 'desc').execute();
  return rows.map((r) => ({
    providerId: r.provider_id,
    providerName: r.name,
    venue: r.venue,
    visitId: r.id,
    programmeId: r.programme_id,
    programmeTitle: r.title,
    overall: Number(r.overall_rating),
    reportedAt: r.reported_at!,
    standardAtOrAbove: r.standard_at_or_above,
    summary: r.summary,
    easyReadSummary: r.easy_read_summary,
  }));
}

/** The mean rating per agreed criterion of one visit, in the criteria's order. */
export async function criterionMeans(tx: AreaTx, areaId: string, visitId: string, programmeId: string): Promise<Array<{ criterionId: string; title: string; symbol: string | null; mean: number | null }>> {
  const rows = await tx
    .selectFrom('inspection_criterion as c')
    .leftJoin('inspection_rating as r', (j) => j.onRef('r.criterion_id', '=', 'c.id').onRef('r.area_id', '=', 'c.area_id').on('r.visit_id', '=', visitId))
    .select(['c.id', 'c.title', 'c.symbol', 'c.position', sql<string | null>`round(avg(r.rating)::numeric, 1)`.as('mean')])
    .where('c.area_id', '=', areaId)
    .where('c.programme_id', '=', programmeId)
    .where('c.status', '=', 'agreed')
    .groupBy(['c.id', 'c.title', 'c.symbol', 'c.position'])
    .orderBy('c.position')
    .execute();
  return rows.map((r) => ({ criterionId: r.id, title: r.title, symbol: r.symbol, mean: r.mean === null ? null : Number(r.mean) }));
}
