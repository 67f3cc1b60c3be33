/**
 * SQL for programmes and their co-designed criteria (issue 16 §2). Every function takes the area id
 * and runs inside withArea.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type ProgrammeInput = {
  title: string;
  focus: string;
  ratingWords: Record<string, string>;
  reinspectAtOrBelow: number;
  reinspectAfterDays: number;
  standardAtOrAbove: number;
};

export async function insertProgramme(tx: AreaTx, areaId: string, input: ProgrammeInput & { activityId: string; panelId: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('inspection_programme')
    .values({
      area_id: areaId,
      activity_id: input.activityId,
      panel_id: input.panelId,
      title: input.title,
      focus: input.focus,
      rating_words: JSON.stringify(input.ratingWords),
      reinspect_at_or_below: input.reinspectAtOrBelow,
      reinspect_after_days: input.reinspectAfterDays,
      standard_at_or_above: input.standardAtOrAbove,
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves the programme if nobody else did since `version` was read; false otherwise. */
export async function updateProgramme(tx: AreaTx, areaId: string, id: string, version: number, input: ProgrammeInput): Promise<boolean> {
  const r = await tx
    .updateTable('inspection_programme')
    .set({
      title: input.title,
      focus: input.focus,
      rating_words: JSON.stringify(input.ratingWords),
      reinspect_at_or_below: input.reinspectAtOrBelow,
      reinspect_after_days: input.reinspectAfterDays,
      standard_at_or_above: input.standardAtOrAbove,
      version: sql`version + 1`,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Programmes by id (a list of programmes on one page, one query). */
export async function programmesByIds(tx: AreaTx, areaId: string, ids: readonly string[]): Promise<Array<{ id: string; title: string; panelId: string }>> {
  if (ids.length === 0) return [];
  const rows = await tx.selectFrom('inspection_programme').select(['id', 'title', 'panel_id']).where('area_id', '=', areaId).where('id', 'in', ids).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, panelId: r.panel_id }));
}

export async function insertCriterion(tx: AreaTx, areaId: string, input: { programmeId: string; title: string; goodLooksLike: string; symbol: string | null; proposedBy: string | null; status: 'proposed' | 'agreed' }): Promise<string> {
  // Serialise additions to one programme's list, so two at once do not take the same position.
  await sql`select pg_advisory_xact_lock(hashtext(${`inspection_criterion:${input.programmeId}`}))`.execute(tx);
  const next = await tx
    .selectFrom('inspection_criterion')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('n'))
    .where('area_id', '=', areaId)
    .where('programme_id', '=', input.programmeId)
    .executeTakeFirstOrThrow();
  const row = await tx
    .insertInto('inspection_criterion')
    .values({ area_id: areaId, programme_id: input.programmeId, title: input.title, good_looks_like: input.goodLooksLike, symbol: input.symbol, proposed_by: input.proposedBy, status: input.status, position: Number(next.n) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setCriterionStatus(tx: AreaTx, areaId: string, programmeId: string, criterionId: string, status: 'proposed' | 'agreed' | 'dropped'): Promise<boolean> {
  const r = await tx.updateTable('inspection_criterion').set({ status }).where('area_id', '=', areaId).where('programme_id', '=', programmeId).where('id', '=', criterionId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
