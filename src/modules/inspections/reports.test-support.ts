/**
 * Helpers for the reports part's tests: visits, inspectors and ratings written straight into the
 * tables (what the visits part's pages would have saved), so each test has its own visit.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import type { InspectionIds } from '../../testing/fixtures.ts';

export type Area = InspectionIds & { id: string; activityId: string };

export async function newProvider(db: Db, area: Area, name: string, contactEmail = 'provider@example.com'): Promise<string> {
  return withArea(db, area.id, async (tx) => (await tx.insertInto('inspection_provider').values({ area_id: area.id, name, venue: 'The hall', contact_email: contactEmail }).returning('id').executeTakeFirstOrThrow()).id);
}

export async function newVisit(db: Db, area: Area, options: { providerId?: string; programmeId?: string } = {}): Promise<string> {
  return withArea(db, area.id, async (tx) =>
    (await tx.insertInto('inspection_visit').values({ area_id: area.id, programme_id: options.programmeId ?? area.programmeId, provider_id: options.providerId ?? area.providerId, activity_id: area.activityId, status: 'visited', visited_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id,
  );
}

export async function newInspector(db: Db, area: Area, name: string, panelId = area.inspectorPanelId): Promise<string> {
  const now = new Date();
  return withArea(db, area.id, async (tx) =>
    (await tx
      .insertInto('panel_member')
      .values({ area_id: area.id, panel_id: panelId, member_kind: 'young_person', display_name: name, age_band: '12_15', code_hash: randomBytes(16).toString('hex'), training_done_at: now, consent_at: now, parental_consent_at: now, conflict: 'none', conflict_declared_at: now, rules_agreed_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()).id,
  );
}

export async function newCriterion(db: Db, area: Area, title: string, position: number, programmeId = area.programmeId): Promise<string> {
  return withArea(db, area.id, async (tx) => (await tx.insertInto('inspection_criterion').values({ area_id: area.id, programme_id: programmeId, title, symbol: '1F6BB', status: 'agreed', position }).returning('id').executeTakeFirstOrThrow()).id);
}

export async function rate(db: Db, area: Area, visitId: string, criterionId: string, memberId: string, rating: number | null, note = ''): Promise<void> {
  await withArea(db, area.id, (tx) =>
    tx
      .insertInto('inspection_rating')
      .values({ area_id: area.id, visit_id: visitId, criterion_id: criterionId, member_id: memberId, rating, note })
      .onConflict((oc) => oc.columns(['visit_id', 'criterion_id', 'member_id']).doUpdateSet({ rating, note }))
      .execute(),
  );
}

export async function setRules(db: Db, area: Area, rules: { reinspectAtOrBelow: number; standardAtOrAbove: number }, programmeId = area.programmeId): Promise<void> {
  await withArea(db, area.id, (tx) => tx.updateTable('inspection_programme').set({ reinspect_at_or_below: rules.reinspectAtOrBelow, standard_at_or_above: rules.standardAtOrAbove }).where('id', '=', programmeId).execute());
}

export const reportUrl = (slug: string, programmeId: string, visitId: string) => `/a/${slug}/inspections/${programmeId}/visits/${visitId}/report`;
