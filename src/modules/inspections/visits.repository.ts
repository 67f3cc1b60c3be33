/**
 * SQL for visits (issue 16 §2): providers, visits, the inspectors' ratings saved as they go, and
 * time given. Every function takes the area id and runs inside withArea.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type Provider = { id: string; name: string; venue: string; contactEmail: string };

export async function listProviders(tx: AreaTx, areaId: string): Promise<Provider[]> {
  const rows = await tx.selectFrom('inspection_provider').select(['id', 'name', 'venue', 'contact_email']).where('area_id', '=', areaId).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, venue: r.venue, contactEmail: r.contact_email }));
}

export async function findProvider(tx: AreaTx, areaId: string, providerId: string): Promise<Provider | undefined> {
  const r = await tx.selectFrom('inspection_provider').select(['id', 'name', 'venue', 'contact_email']).where('area_id', '=', areaId).where('id', '=', providerId).executeTakeFirst();
  return r ? { id: r.id, name: r.name, venue: r.venue, contactEmail: r.contact_email } : undefined;
}

export async function findProviderByName(tx: AreaTx, areaId: string, name: string): Promise<Provider | undefined> {
  const r = await tx
    .selectFrom('inspection_provider')
    .select(['id', 'name', 'venue', 'contact_email'])
    .where('area_id', '=', areaId)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return r ? { id: r.id, name: r.name, venue: r.venue, contactEmail: r.contact_email } : undefined;
}

export async function insertProvider(tx: AreaTx, areaId: string, input: { name: string; venue: string; contactEmail: string }): Promise<string> {
  const row = await tx.insertInto('inspection_provider').values({ area_id: areaId, name: input.name, venue: input.venue, contact_email: input.contactEmail }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertVisit(
  tx: AreaTx,
  areaId: string,
  input: { programmeId: string; providerId: string; activityId: string; reinspectionOf: string | null; createdBy: string | null },
): Promise<string> {
  const row = await tx
    .insertInto('inspection_visit')
    .values({ area_id: areaId, programme_id: input.programmeId, provider_id: input.providerId, activity_id: input.activityId, reinspection_of: input.reinspectionOf, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type VisitRow = { id: string; providerName: string; activityId: string; status: string; overallRating: number | null; reinspectionOf: string | null; startsAt: Date | null; visitedAt: Date | null; reportedAt: Date | null };

/** A programme's visits with their provider's name and their activity's start (one query). */
export async function listVisits(tx: AreaTx, areaId: string, programmeId: string): Promise<VisitRow[]> {
  const rows = await tx
    .selectFrom('inspection_visit as v')
    .innerJoin('inspection_provider as p', (j) => j.onRef('p.id', '=', 'v.provider_id').onRef('p.area_id', '=', 'v.area_id'))
    .innerJoin('activity as a', (j) => j.onRef('a.id', '=', 'v.activity_id').onRef('a.area_id', '=', 'v.area_id'))
    .select(['v.id', 'p.name as provider_name', 'v.activity_id', 'v.status', 'v.overall_rating', 'v.reinspection_of', 'a.starts_at', 'v.visited_at', 'v.reported_at'])
    .where('v.area_id', '=', areaId)
    .where('v.programme_id', '=', programmeId)
    .orderBy('a.starts_at')
    .orderBy('v.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    providerName: r.provider_name,
    activityId: r.activity_id,
    status: r.status,
    overallRating: r.overall_rating === null ? null : Number(r.overall_rating),
    reinspectionOf: r.reinspection_of,
    startsAt: r.starts_at,
    visitedAt: r.visited_at,
    reportedAt: r.reported_at,
  }));
}

/** Replaces one inspector's rating and note for one criterion (one row each). */
export async function upsertRating(tx: AreaTx, areaId: string, input: { visitId: string; criterionId: string; memberId: string; rating: number | null; note: string }): Promise<void> {
  await tx
    .insertInto('inspection_rating')
    .values({ area_id: areaId, visit_id: input.visitId, criterion_id: input.criterionId, member_id: input.memberId, rating: input.rating, note: input.note, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['visit_id', 'criterion_id', 'member_id']).doUpdateSet({ rating: input.rating, note: input.note, updated_at: new Date() }))
    .execute();
}

export async function listMemberRatings(tx: AreaTx, areaId: string, visitId: string, memberId: string): Promise<Array<{ criterionId: string; rating: number | null; note: string }>> {
  const rows = await tx.selectFrom('inspection_rating').select(['criterion_id', 'rating', 'note']).where('area_id', '=', areaId).where('visit_id', '=', visitId).where('member_id', '=', memberId).execute();
  return rows.map((r) => ({ criterionId: r.criterion_id, rating: r.rating, note: r.note }));
}

export async function markVisited(tx: AreaTx, areaId: string, visitId: string, version: number, visitedAt: Date): Promise<boolean> {
  const r = await tx
    .updateTable('inspection_visit')
    .set({ status: 'visited', visited_at: visitedAt, version: sql`version + 1` })
    .where('area_id', '=', areaId)
    .where('id', '=', visitId)
    .where('version', '=', version)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many agreed criteria this inspector has rated on each visit of a programme (one query). */
export async function ratedCounts(tx: AreaTx, areaId: string, programmeId: string, memberId: string | null): Promise<Map<string, Map<string, number>>> {
  let query = tx
    .selectFrom('inspection_rating as r')
    .innerJoin('inspection_criterion as c', (j) => j.onRef('c.id', '=', 'r.criterion_id').onRef('c.area_id', '=', 'r.area_id'))
    .select(['r.visit_id', 'r.member_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('r.area_id', '=', areaId)
    .where('c.programme_id', '=', programmeId)
    .where('c.status', '=', 'agreed')
    .where('r.rating', 'is not', null);
  if (memberId) query = query.where('r.member_id', '=', memberId);
  const rows = await query.groupBy(['r.visit_id', 'r.member_id']).execute();
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const byMember = out.get(r.visit_id) ?? new Map<string, number>();
    byMember.set(r.member_id, Number(r.n));
    out.set(r.visit_id, byMember);
  }
  return out;
}

export async function countProposedBy(tx: AreaTx, areaId: string, programmeId: string, memberId: string): Promise<number> {
  const r = await tx.selectFrom('inspection_criterion').select((eb) => eb.fn.countAll<string>().as('n')).where('area_id', '=', areaId).where('programme_id', '=', programmeId).where('proposed_by', '=', memberId).executeTakeFirstOrThrow();
  return Number(r.n);
}

