/**
 * Evaluation (issue 13 §1): participants rate an activity themselves, on a child-friendly symbol scale.
 * (Skeleton: the ratings part fills this in; the contract below is what the ladders part reads.)
 */
import type { Db } from '../../db/database.ts';
import type { CommonLevel } from './data/common-levels.ts';

/**
 * What participants said about one activity, as totals only. `commonLevel` is the level most of them
 * chose, mapped to Chorus' common levels; null when fewer ratings than the suppression threshold
 * (src/lib/suppression.ts) were given, so that a handful of people cannot be picked out.
 */
export type ParticipantRatingSummary = {
  activityId: string;
  total: number;
  commonLevel: CommonLevel | null;
};

/** Every rated activity's summary in the area, in one query (pages must not query per activity). */
export async function participantRatingSummaries(db: Db, areaId: string): Promise<Map<string, ParticipantRatingSummary>> {
  void db; void areaId;
  return new Map();
}
