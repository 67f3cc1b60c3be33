/**
 * "What happened to my views": the contributions a receipt code stands for, as their author may
 * see them again. Only the redacted text leaves this function, and hidden (moderated) ones are left
 * out: a receipt code is something people write down, so it must never reveal more than a public page.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';

export type ReceiptContribution = {
  id: string;
  activityId: string;
  questionId: string | null;
  source: 'free_text' | 'card_sort' | 'anything_else';
  redactedText: string;
  createdAt: Date;
};

/** The visible contributions made with this receipt code in this area, oldest first. */
export async function listContributionsByReceipt(db: Db, areaId: string, receiptCode: string): Promise<ReceiptContribution[]> {
  // One small read with no other users, so it sits here rather than in the module's repository
  // (owned by another piece of work); it uses the (area_id, receipt_code) index.
  const rows = await withArea(db, areaId, (tx) =>
    tx
      .selectFrom('contribution')
      .select(['id', 'activity_id', 'question_id', 'source', 'redacted_text', 'created_at'])
      .where('area_id', '=', areaId)
      .where('receipt_code', '=', receiptCode)
      .where('hidden_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, activityId: r.activity_id, questionId: r.question_id, source: r.source, redactedText: r.redacted_text, createdAt: r.created_at }));
}
