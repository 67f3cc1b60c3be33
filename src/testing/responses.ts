/**
 * Test data: submitted responses written straight to the tables (no answering pages, no rules), so
 * results, suppression and exports can be tested with exact numbers. Never used by the app.
 */
import { randomBytes } from 'node:crypto';
import type { AreaTx } from '../db/database.ts';

/** A response with its answers, as the answering pages would store them. */
export type NewResponse = {
  activityId: string;
  status?: 'in_progress' | 'submitted';
  mode?: 'anonymous' | 'signed_in' | 'supported';
  accountId?: string | null;
  supporterRelationship?: 'parent' | 'teaching_assistant' | 'speech_language_therapist' | 'youth_worker' | 'other' | null;
  supportMethods?: string[];
  supporterAccountId?: string | null;
  submittedAt?: Date;
  anythingElse?: string;
  ageBand?: string | null;
  answers: Array<{ questionId: string; value: unknown; declined?: boolean }>;
};

export async function insertResponse(tx: AreaTx, areaId: string, input: NewResponse): Promise<{ id: string; receiptCode: string | null }> {
  const submitted = (input.status ?? 'submitted') === 'submitted';
  const receiptCode = submitted ? randomBytes(6).toString('hex').toUpperCase() : null;
  const { id } = await tx
    .insertInto('response')
    .values({
      area_id: areaId,
      activity_id: input.activityId,
      mode: input.mode ?? 'anonymous',
      account_id: input.accountId ?? null,
      supporter_relationship: input.supporterRelationship ?? null,
      support_methods: input.supportMethods ?? [],
      supporter_account_id: input.supporterAccountId ?? null,
      status: submitted ? 'submitted' : 'in_progress',
      access_token_hash: randomBytes(16).toString('hex'),
      idempotency_key: randomBytes(16).toString('hex'),
      receipt_code: receiptCode,
      anything_else: input.anythingElse ?? '',
      age_band: input.ageBand ?? null,
      submitted_at: submitted ? (input.submittedAt ?? new Date()) : null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.answers.length > 0) {
    await tx
      .insertInto('answer')
      .values(
        input.answers.map((a) => ({
          area_id: areaId,
          response_id: id,
          question_id: a.questionId,
          value: a.declined ? null : JSON.stringify(a.value),
          declined: a.declined ?? false,
          updated_at: new Date(),
        })),
      )
      .execute();
  }
  return { id, receiptCode };
}
