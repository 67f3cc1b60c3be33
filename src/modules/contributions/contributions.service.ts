/**
 * Contributions: every view in one place. Personal details are removed as each one arrives; the
 * redacted text is what every page, export and report uses.
 */
import type { AreaTx } from '../../db/database.ts';
import * as repo from './contributions.repository.ts';
import { applySpans, findPersonalDetails } from './redaction.ts';

export type NewContribution = {
  activityId: string;
  questionId: string | null;
  responseId: string;
  accountId: string | null;
  supporterRelationship: string | null;
  receiptCode: string;
  source: 'free_text' | 'card_sort' | 'anything_else';
  text: string;
};

/**
 * Records the contributions of one submitted response, inside the caller's transaction (so a
 * response and its contributions are saved together or not at all). Replays add nothing.
 */
export async function addContributionsForResponse(tx: AreaTx, areaId: string, items: readonly NewContribution[]): Promise<void> {
  const texts = items.filter((i) => i.text.trim().length > 0);
  if (texts.length === 0) return;
  const lists = await repo.redactionLists(tx, areaId);
  for (const item of texts) {
    const { spans, needsReview } = findPersonalDetails(item.text, lists);
    await repo.insertContribution(tx, areaId, {
      activityId: item.activityId,
      questionId: item.questionId,
      responseId: item.responseId,
      accountId: item.accountId,
      supporterRelationship: item.supporterRelationship,
      receiptCode: item.receiptCode,
      source: item.source,
      originalText: item.text,
      redactedText: applySpans(item.text, spans),
      needsReview,
      spans,
    });
  }
}
