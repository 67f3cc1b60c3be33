/**
 * SQL for participants' own ratings (issue 13 §1): the area's scale, rating links and the ratings.
 * Every function runs inside withArea. Nothing here returns one person's rating to a staff page:
 * the only reads of ratings are counts (grouped) and, for the person themselves, their own rating
 * by their response or by the rating id their browser holds.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { CommonLevel } from './data/common-levels.ts';
import type { RatingStepKey, RatingVariant } from './data/ratings-scale.ts';

export type StoredScaleStep = {
  step: RatingStepKey;
  /** null: Chorus' own words (in the reader's language). */
  childrenWords: string | null;
  parentCarerWords: string | null;
  symbol: string;
  commonLevel: CommonLevel;
  updatedAt: Date;
};

export async function listScaleSteps(tx: AreaTx, areaId: string): Promise<StoredScaleStep[]> {
  const rows = await tx.selectFrom('rating_scale_step').selectAll().where('area_id', '=', areaId).execute();
  return rows.map((r) => ({
    step: r.step as RatingStepKey,
    childrenWords: r.children_words,
    parentCarerWords: r.parent_carer_words,
    symbol: r.symbol,
    commonLevel: r.common_level as CommonLevel,
    updatedAt: r.updated_at,
  }));
}

export async function replaceScaleSteps(tx: AreaTx, areaId: string, actorId: string | null, steps: ReadonlyArray<Omit<StoredScaleStep, 'updatedAt'>>): Promise<void> {
  await tx.deleteFrom('rating_scale_step').where('area_id', '=', areaId).execute();
  if (steps.length === 0) return;
  await tx
    .insertInto('rating_scale_step')
    .values(steps.map((s) => ({ area_id: areaId, step: s.step, children_words: s.childrenWords, parent_carer_words: s.parentCarerWords, symbol: s.symbol, common_level: s.commonLevel, updated_by: actorId })))
    .execute();
}

export async function deleteScaleSteps(tx: AreaTx, areaId: string): Promise<void> {
  await tx.deleteFrom('rating_scale_step').where('area_id', '=', areaId).execute();
}

// ── Rating links ─────────────────────────────────────────────────────────────────────────────────

export type RatingLink = {
  id: string;
  activityId: string;
  code: string;
  variant: RatingVariant;
  createdAt: Date;
  closesAt: Date;
  closedAt: Date | null;
};

const LINK_COLUMNS = ['id', 'activity_id', 'code', 'variant', 'created_at', 'closes_at', 'closed_at'] as const;
type LinkRow = { id: string; activity_id: string; code: string; variant: string; created_at: Date; closes_at: Date; closed_at: Date | null };
const toLink = (r: LinkRow): RatingLink => ({ id: r.id, activityId: r.activity_id, code: r.code, variant: r.variant as RatingVariant, createdAt: r.created_at, closesAt: r.closes_at, closedAt: r.closed_at });

/** The activity's link that is not closed by hand (it may have passed closes_at). */
export async function findUnclosedLink(tx: AreaTx, areaId: string, activityId: string): Promise<RatingLink | undefined> {
  const row = await tx.selectFrom('rating_link').select(LINK_COLUMNS).where('area_id', '=', areaId).where('activity_id', '=', activityId).where('closed_at', 'is', null).executeTakeFirst();
  return row && toLink(row);
}

export async function findLinkByCode(tx: AreaTx, areaId: string, code: string): Promise<RatingLink | undefined> {
  const row = await tx.selectFrom('rating_link').select(LINK_COLUMNS).where('area_id', '=', areaId).where('code', '=', code).executeTakeFirst();
  return row && toLink(row);
}

export async function closeLink(tx: AreaTx, areaId: string, linkId: string, actorId: string | null, at: Date): Promise<boolean> {
  const result = await tx.updateTable('rating_link').set({ closed_at: at, closed_by: actorId }).where('area_id', '=', areaId).where('id', '=', linkId).where('closed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Inserts a link; undefined when the code is already taken in the area (the caller draws another). */
export async function insertLink(tx: AreaTx, areaId: string, input: { activityId: string; code: string; variant: RatingVariant; actorId: string | null; closesAt: Date }): Promise<RatingLink | undefined> {
  const row = await tx
    .insertInto('rating_link')
    .values({ area_id: areaId, activity_id: input.activityId, code: input.code, variant: input.variant, created_by: input.actorId, closes_at: input.closesAt })
    .onConflict((oc) => oc.columns(['area_id', 'code']).doNothing())
    .returning(LINK_COLUMNS)
    .executeTakeFirst();
  return row && toLink(row);
}

// ── Ratings ──────────────────────────────────────────────────────────────────────────────────────

export type NewRating = { activityId: string; step: RatingStepKey; commonLevel: CommonLevel; variant: RatingVariant };

/** The response's rating, made or changed (one per response). */
export async function upsertResponseRating(tx: AreaTx, areaId: string, responseId: string, rating: NewRating): Promise<void> {
  await tx
    .insertInto('participant_rating')
    .values({ area_id: areaId, activity_id: rating.activityId, response_id: responseId, step: rating.step, common_level: rating.commonLevel, variant: rating.variant })
    .onConflict((oc) =>
      oc
        .columns(['area_id', 'response_id'])
        .where('response_id', 'is not', null)
        .doUpdateSet({ step: rating.step, common_level: rating.commonLevel, variant: rating.variant, updated_at: sql`now()` }),
    )
    .execute();
}

/** The step a response chose, for that person's own thank-you page. */
export async function findResponseRating(tx: AreaTx, areaId: string, responseId: string): Promise<RatingStepKey | undefined> {
  const row = await tx.selectFrom('participant_rating').select('step').where('area_id', '=', areaId).where('response_id', '=', responseId).executeTakeFirst();
  return row?.step as RatingStepKey | undefined;
}

export async function insertLinkRating(tx: AreaTx, areaId: string, linkId: string, rating: NewRating): Promise<string> {
  const row = await tx
    .insertInto('participant_rating')
    .values({ area_id: areaId, activity_id: rating.activityId, rating_link_id: linkId, step: rating.step, common_level: rating.commonLevel, variant: rating.variant })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a rating given through this link; false when there is no such rating (for this link). */
export async function updateLinkRating(tx: AreaTx, areaId: string, linkId: string, ratingId: string, rating: NewRating): Promise<boolean> {
  const result = await tx
    .updateTable('participant_rating')
    .set({ step: rating.step, common_level: rating.commonLevel, variant: rating.variant, updated_at: sql`now()` })
    .where('area_id', '=', areaId)
    .where('rating_link_id', '=', linkId)
    .where('id', '=', ratingId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The step of a rating given through this link, for the browser that holds its id. */
export async function findLinkRating(tx: AreaTx, areaId: string, linkId: string, ratingId: string): Promise<RatingStepKey | undefined> {
  const row = await tx.selectFrom('participant_rating').select('step').where('area_id', '=', areaId).where('rating_link_id', '=', linkId).where('id', '=', ratingId).executeTakeFirst();
  return row?.step as RatingStepKey | undefined;
}

/** How many chose each step for one activity (counts only). */
export async function countSteps(tx: AreaTx, areaId: string, activityId: string): Promise<Map<RatingStepKey, number>> {
  const rows = await tx
    .selectFrom('participant_rating')
    .select(['step', (eb) => eb.fn.countAll<string>().as('n')])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .groupBy('step')
    .execute();
  return new Map(rows.map((r) => [r.step as RatingStepKey, Number(r.n)]));
}

export type LevelCount = { activityId: string; commonLevel: CommonLevel; variant: RatingVariant; count: number };

/** Every activity's ratings in the area, counted by common level and whose words: one query. */
export async function countLevelsByActivity(tx: AreaTx, areaId: string): Promise<LevelCount[]> {
  const rows = await tx
    .selectFrom('participant_rating')
    .select(['activity_id', 'common_level', 'variant', (eb) => eb.fn.countAll<string>().as('n')])
    .where('area_id', '=', areaId)
    .groupBy(['activity_id', 'common_level', 'variant'])
    .execute();
  return rows.map((r) => ({ activityId: r.activity_id, commonLevel: r.common_level as CommonLevel, variant: r.variant as RatingVariant, count: Number(r.n) }));
}
