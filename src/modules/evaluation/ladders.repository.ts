/**
 * SQL for ladders (issue 13 §1): the area's choice of ladder, its own variants, and staff's ratings
 * of the level each activity achieved. Every function takes the area id and runs inside withArea.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { CommonLevel } from './data/common-levels.ts';
import type { ShippedLadderKey } from './data/ladders.ts';

export type AreaLadderChoice = { ladderKey: ShippedLadderKey; variantId: null } | { ladderKey: null; variantId: string };

export async function findAreaLadder(tx: AreaTx, areaId: string): Promise<AreaLadderChoice | undefined> {
  const row = await tx.selectFrom('area_ladder').select(['ladder_key', 'variant_id']).where('area_id', '=', areaId).executeTakeFirst();
  if (!row) return undefined;
  return row.variant_id ? { ladderKey: null, variantId: row.variant_id } : { ladderKey: row.ladder_key as ShippedLadderKey, variantId: null };
}

export async function saveAreaLadder(tx: AreaTx, areaId: string, choice: AreaLadderChoice): Promise<void> {
  await tx
    .insertInto('area_ladder')
    .values({ area_id: areaId, ladder_key: choice.ladderKey, variant_id: choice.variantId, chosen_at: new Date() })
    .onConflict((oc) => oc.column('area_id').doUpdateSet({ ladder_key: choice.ladderKey, variant_id: choice.variantId, chosen_at: new Date() }))
    .execute();
}

export type VariantRung = { rungId: string; position: number; name: string; meaning: string; commonLevel: CommonLevel; edited: boolean };
export type Variant = { id: string; basedOn: ShippedLadderKey; name: string; version: number; updatedAt: Date; rungs: VariantRung[] };

/** Every variant of the area with its rungs (two queries, whatever the number of variants). */
export async function listVariants(tx: AreaTx, areaId: string): Promise<Variant[]> {
  const variants = await tx.selectFrom('ladder_variant').selectAll().where('area_id', '=', areaId).orderBy('created_at').execute();
  if (variants.length === 0) return [];
  const rungs = await tx.selectFrom('ladder_variant_rung').selectAll().where('area_id', '=', areaId).orderBy('position').execute();
  return variants.map((v) => ({
    id: v.id,
    basedOn: v.based_on as ShippedLadderKey,
    name: v.name,
    version: v.version,
    updatedAt: v.updated_at,
    rungs: rungs
      .filter((r) => r.variant_id === v.id)
      .map((r) => ({ rungId: r.rung_id, position: r.position, name: r.name, meaning: r.meaning, commonLevel: r.common_level as CommonLevel, edited: r.edited })),
  }));
}

export async function insertVariant(tx: AreaTx, areaId: string, basedOn: ShippedLadderKey, name: string, rungs: ReadonlyArray<Omit<VariantRung, 'edited'>>): Promise<string> {
  const row = await tx.insertInto('ladder_variant').values({ area_id: areaId, based_on: basedOn, name }).returning('id').executeTakeFirstOrThrow();
  await tx
    .insertInto('ladder_variant_rung')
    .values(rungs.map((r) => ({ area_id: areaId, variant_id: row.id, rung_id: r.rungId, position: r.position, name: r.name, meaning: r.meaning, common_level: r.commonLevel })))
    .execute();
  return row.id;
}

/** Saves the variant's wording if nobody saved since `version`; false when someone did. */
export async function updateVariant(tx: AreaTx, areaId: string, id: string, version: number, name: string, rungs: readonly VariantRung[]): Promise<boolean> {
  const updated = await tx
    .updateTable('ladder_variant')
    .set({ name, version: version + 1, updated_at: new Date() })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  // The positions are unique per variant and checked at commit (DEFERRABLE), so rungs may swap places.
  for (const r of rungs) {
    await tx
      .updateTable('ladder_variant_rung')
      .set({ position: r.position, name: r.name, meaning: r.meaning, common_level: r.commonLevel, edited: r.edited })
      .where('area_id', '=', areaId)
      .where('variant_id', '=', id)
      .where('rung_id', '=', r.rungId)
      .execute();
  }
  return true;
}

// ── Achieved levels ──────────────────────────────────────────────────────────────────────────────

export type LevelRating = {
  id: string;
  activityId: string;
  rungRef: string;
  rungName: string;
  ladderName: string;
  commonLevel: CommonLevel;
  justification: string;
  ratedBy: string | null;
  ratedAt: Date;
};

export type LevelRatingInput = { rungRef: string; rungName: string; ladderName: string; commonLevel: CommonLevel; justification: string };

export async function insertLevelRating(tx: AreaTx, areaId: string, activityId: string, ratedBy: string | null, input: LevelRatingInput): Promise<string> {
  const row = await tx
    .insertInto('activity_level_rating')
    .values({
      area_id: areaId,
      activity_id: activityId,
      rung_ref: input.rungRef,
      rung_name: input.rungName,
      ladder_name: input.ladderName,
      common_level: input.commonLevel,
      justification: input.justification,
      rated_by: ratedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every rating of one activity, newest first (staff's names are the accounts module's: the service adds them). */
export async function listLevelRatings(tx: AreaTx, areaId: string, activityId: string): Promise<LevelRating[]> {
  const rows = await tx
    .selectFrom('activity_level_rating')
    .selectAll()
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .orderBy('rated_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    activityId: r.activity_id,
    rungRef: r.rung_ref,
    rungName: r.rung_name,
    ladderName: r.ladder_name,
    commonLevel: r.common_level as CommonLevel,
    justification: r.justification,
    ratedBy: r.rated_by,
    ratedAt: r.rated_at,
  }));
}

/** The newest rating of every rated activity in the area: one query, whatever the number of activities. */
export async function latestLevelRatings(tx: AreaTx, areaId: string): Promise<Map<string, LevelRating>> {
  const rows = await sql<{
    id: string;
    activity_id: string;
    rung_ref: string;
    rung_name: string;
    ladder_name: string;
    common_level: string;
    justification: string;
    rated_by: string | null;
    rated_at: Date;
  }>`select distinct on (activity_id) id, activity_id, rung_ref, rung_name, ladder_name, common_level, justification, rated_by, rated_at
       from activity_level_rating where area_id = ${areaId}
      order by activity_id, rated_at desc, id`.execute(tx);
  return new Map(
    rows.rows.map((r) => [
      r.activity_id,
      {
        id: r.id,
        activityId: r.activity_id,
        rungRef: r.rung_ref,
        rungName: r.rung_name,
        ladderName: r.ladder_name,
        commonLevel: r.common_level as CommonLevel,
        justification: r.justification,
        ratedBy: r.rated_by,
        ratedAt: r.rated_at,
      },
    ]),
  );
}
