/**
 * SQL for contributions and their redactions.
 */
import type { AreaTx } from '../../db/database.ts';
import type { Span } from './redaction.ts';

export type NewContributionRow = {
  activityId: string;
  questionId: string | null;
  responseId: string;
  accountId: string | null;
  supporterRelationship: string | null;
  receiptCode: string;
  source: 'free_text' | 'card_sort' | 'anything_else';
  originalText: string;
  redactedText: string;
  needsReview: boolean;
  spans: Span[];
};

/** Inserts a contribution and its automatic redactions, once: a replay of the same answer adds nothing. */
export async function insertContribution(tx: AreaTx, areaId: string, c: NewContributionRow): Promise<void> {
  const row = await tx
    .insertInto('contribution')
    .values({
      area_id: areaId,
      activity_id: c.activityId,
      question_id: c.questionId,
      response_id: c.responseId,
      account_id: c.accountId,
      supporter_relationship: c.supporterRelationship,
      receipt_code: c.receiptCode,
      source: c.source,
      original_text: c.originalText,
      redacted_text: c.redactedText,
      needs_review: c.needsReview,
    })
    .onConflict((oc) => oc.columns(['response_id', 'question_id', 'source']).where('response_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row || c.spans.length === 0) return;
  await tx
    .insertInto('redaction')
    .values(c.spans.map((s) => ({ area_id: areaId, contribution_id: row.id, start_offset: s.start, end_offset: s.end, kind: s.kind, method: 'automatic' as const })))
    .execute();
}

/** The area's own lists for redaction: its terms, and the names of everyone with a role in it. */
export async function redactionLists(tx: AreaTx, areaId: string): Promise<{ names: string[]; schools: string[]; places: string[] }> {
  const terms = await tx.selectFrom('redaction_term').select(['kind', 'term']).where('area_id', '=', areaId).execute();
  const people = await tx
    .selectFrom('area_membership')
    .innerJoin('account', 'account.id', 'area_membership.account_id')
    .select('account.display_name')
    .where('area_membership.area_id', '=', areaId)
    .distinct()
    .execute();
  return {
    names: [...terms.filter((t) => t.kind === 'name').map((t) => t.term), ...people.map((p) => p.display_name)],
    schools: terms.filter((t) => t.kind === 'school').map((t) => t.term),
    places: terms.filter((t) => t.kind === 'place').map((t) => t.term),
  };
}
