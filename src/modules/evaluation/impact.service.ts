/**
 * Evaluation (issue 13 §4): what taking part did.
 */
import type { Db } from '../../db/database.ts';

/** An invitation, on a survey's thank-you page, to answer the participant impact check (first time or again). */
export type ImpactOffer = { href: string; kind: 'first' | 'again' };

/** Whether the person who sent this response should be offered the impact check now, and where it is. */
export async function impactOfferForResponse(db: Db, areaId: string, responseId: string): Promise<ImpactOffer | null> {
  void db; void areaId; void responseId;
  return null;
}
