/**
 * SQL for responses and their answers. Every function takes the area id and runs inside withArea
 * (row-level security is the second lock).
 */
import { sql, type Selectable } from 'kysely';
import type { AreaTx, ResponseTable } from '../../db/database.ts';
import type { AboutYou, AboutYouColumn } from './about-you.ts';
import type { SavedAnswer } from './answers.ts';
import type { AnswerValue } from './question-types.ts';

export type ResponseMode = 'anonymous' | 'signed_in' | 'supported';
export const SUPPORTER_RELATIONSHIPS = ['parent', 'teaching_assistant', 'speech_language_therapist', 'youth_worker', 'other'] as const;
export type SupporterRelationship = (typeof SUPPORTER_RELATIONSHIPS)[number];
export const SUPPORT_METHODS = ['symbols', 'talking_mat', 'makaton', 'eye_gaze', 'observation', 'spoken'] as const;
export type SupportMethod = (typeof SUPPORT_METHODS)[number];

export type ResponseRecord = {
  id: string;
  activityId: string;
  mode: ResponseMode;
  accountId: string | null;
  supporterRelationship: SupporterRelationship | null;
  supporterRelationshipOther: string;
  supportMethods: SupportMethod[];
  supporterAccountId: string | null;
  status: 'in_progress' | 'submitted';
  accessTokenHash: string;
  receiptCode: string | null;
  anythingElse: string;
  aboutYou: AboutYou;
  language: string;
  startedAt: Date;
  submittedAt: Date | null;
};

function toResponse(row: Selectable<ResponseTable>): ResponseRecord {
  return {
    id: row.id,
    activityId: row.activity_id,
    mode: row.mode,
    accountId: row.account_id,
    supporterRelationship: row.supporter_relationship as SupporterRelationship | null,
    supporterRelationshipOther: row.supporter_relationship_other,
    supportMethods: row.support_methods as SupportMethod[],
    supporterAccountId: row.supporter_account_id,
    status: row.status,
    accessTokenHash: row.access_token_hash,
    receiptCode: row.receipt_code,
    anythingElse: row.anything_else,
    aboutYou: { age_band: row.age_band, sex: row.sex, ethnicity: row.ethnicity, need_type: row.need_type, support_level: row.support_level },
    language: row.language,
    startedAt: row.started_at,
    submittedAt: row.submitted_at,
  };
}

export type NewResponse = {
  activityId: string;
  mode: ResponseMode;
  accountId: string | null;
  supporterAccountId: string | null;
  accessTokenHash: string;
  idempotencyKey: string;
  language: string;
};

/**
 * Starts a response once per idempotency key: a replay of the same form finds the row the first
 * one made (ON CONFLICT waits for a concurrent insert to commit, then does nothing).
 * Undefined when the key belongs to a response this area and activity cannot see.
 */
export async function insertResponseOnce(tx: AreaTx, areaId: string, r: NewResponse): Promise<{ id: string; created: boolean } | undefined> {
  const inserted = await tx
    .insertInto('response')
    .values({
      area_id: areaId,
      activity_id: r.activityId,
      mode: r.mode,
      account_id: r.accountId,
      supporter_account_id: r.supporterAccountId,
      access_token_hash: r.accessTokenHash,
      idempotency_key: r.idempotencyKey,
      language: r.language,
      support_methods: [],
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await tx
    .selectFrom('response')
    .select('id')
    .where('area_id', '=', areaId)
    .where('activity_id', '=', r.activityId)
    .where('idempotency_key', '=', r.idempotencyKey)
    .executeTakeFirst();
  return existing && { id: existing.id, created: false };
}

export async function findResponse(tx: AreaTx, areaId: string, id: string): Promise<ResponseRecord | undefined> {
  const row = await tx.selectFrom('response').selectAll().where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return row && toResponse(row);
}

/**
 * Locks the response row against a concurrent submit while an answer is saved (FOR SHARE
 * conflicts with the submit's UPDATE), and says whether it may still change.
 */
export async function lockInProgress(tx: AreaTx, areaId: string, id: string): Promise<boolean> {
  const row = await tx.selectFrom('response').select('status').where('area_id', '=', areaId).where('id', '=', id).forShare().executeTakeFirst();
  return row?.status === 'in_progress';
}

/** A signed-in person's unfinished responses to an activity (as respondent or supporter), newest first. */
export async function listInProgressForAccount(tx: AreaTx, areaId: string, activityId: string, accountId: string): Promise<Array<{ id: string; startedAt: Date; mode: ResponseMode }>> {
  const rows = await tx
    .selectFrom('response')
    .select(['id', 'started_at', 'mode'])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('status', '=', 'in_progress')
    .where((eb) => eb.or([eb('account_id', '=', accountId), eb('supporter_account_id', '=', accountId)]))
    .orderBy('started_at', 'desc')
    .limit(5)
    .execute();
  return rows.map((r) => ({ id: r.id, startedAt: r.started_at, mode: r.mode }));
}

export async function updateSupport(tx: AreaTx, areaId: string, id: string, s: { relationship: SupporterRelationship; relationshipOther: string; methods: SupportMethod[] }): Promise<void> {
  await tx
    .updateTable('response')
    .set({ supporter_relationship: s.relationship, supporter_relationship_other: s.relationshipOther, support_methods: s.methods, updated_at: new Date() })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .execute();
}

export async function updateAnythingElse(tx: AreaTx, areaId: string, id: string, text: string): Promise<void> {
  await tx.updateTable('response').set({ anything_else: text, updated_at: new Date() }).where('area_id', '=', areaId).where('id', '=', id).where('status', '=', 'in_progress').execute();
}

export async function updateAboutYou(tx: AreaTx, areaId: string, id: string, column: AboutYouColumn, value: string | null): Promise<void> {
  await tx
    .updateTable('response')
    .set({ [column]: value, updated_at: new Date() })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .execute();
}

export async function setAccessTokenHash(tx: AreaTx, areaId: string, id: string, hash: string): Promise<void> {
  await tx.updateTable('response').set({ access_token_hash: hash }).where('area_id', '=', areaId).where('id', '=', id).execute();
}

/**
 * Stores a new resume code's hash (replacing any earlier one); false once the response is submitted.
 * The hash is unique across all areas: a clash is a unique violation for the caller to retry.
 */
export async function setResumeCodeHash(tx: AreaTx, areaId: string, id: string, hash: string): Promise<boolean> {
  const result = await tx
    .updateTable('response')
    .set({ resume_code_hash: hash, updated_at: new Date() })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findInProgressByResumeHash(tx: AreaTx, areaId: string, hash: string): Promise<ResponseRecord | undefined> {
  const row = await tx
    .selectFrom('response')
    .selectAll()
    .where('area_id', '=', areaId)
    .where('resume_code_hash', '=', hash)
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  return row && toResponse(row);
}

export async function listAnswers(tx: AreaTx, areaId: string, responseId: string): Promise<Map<string, SavedAnswer>> {
  const rows = await tx.selectFrom('answer').select(['question_id', 'value', 'declined']).where('area_id', '=', areaId).where('response_id', '=', responseId).execute();
  return new Map(rows.map((r) => [r.question_id, { value: (r.value as AnswerValue | null) ?? null, declined: r.declined }]));
}

/** Saves one answer; saving the same question again replaces it, so a replayed page is harmless. */
export async function upsertAnswer(tx: AreaTx, areaId: string, responseId: string, questionId: string, answer: SavedAnswer): Promise<void> {
  const value = answer.value === null ? null : JSON.stringify(answer.value);
  await tx
    .insertInto('answer')
    .values({ area_id: areaId, response_id: responseId, question_id: questionId, value, declined: answer.declined, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['response_id', 'question_id']).doUpdateSet({ value, declined: answer.declined, updated_at: new Date() }))
    .execute();
}

export async function deleteAnswers(tx: AreaTx, areaId: string, responseId: string, questionIds: readonly string[]): Promise<void> {
  if (questionIds.length === 0) return;
  await tx.deleteFrom('answer').where('area_id', '=', areaId).where('response_id', '=', responseId).where('question_id', 'in', questionIds).execute();
}

/**
 * Marks the response submitted, if it is not already: of any number of concurrent submits exactly
 * one sees true (the others wait for its row lock, then find the status changed).
 */
export async function markSubmitted(tx: AreaTx, areaId: string, id: string, receiptCode: string): Promise<boolean> {
  const result = await tx
    .updateTable('response')
    .set({ status: 'submitted', receipt_code: receiptCode, submitted_at: new Date(), resume_code_hash: null, updated_at: new Date() })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function receiptCodeTaken(tx: AreaTx, areaId: string, code: string): Promise<boolean> {
  return Boolean(await tx.selectFrom('response').select('id').where('area_id', '=', areaId).where('receipt_code', '=', code).executeTakeFirst());
}

/**
 * Serialises requests that act on one response (FOR NO KEY UPDATE), without blocking another
 * transaction from inserting a row that references it (a foreign key check takes KEY SHARE).
 */
export async function lockResponse(tx: AreaTx, areaId: string, id: string): Promise<void> {
  await sql`select 1 from response where area_id = ${areaId} and id = ${id} for no key update`.execute(tx);
}

/**
 * Sent responses per activity (activities with none are left out), in one query however many
 * activities: for the lead's activities list. An operational count, so it is not suppressed on staff pages.
 */
/** Submitted responses of these activities, and how many of them were given with a supporter (one query). */
export async function countSupportedByActivity(tx: AreaTx, areaId: string, activityIds: readonly string[]): Promise<Map<string, { submitted: number; supported: number }>> {
  if (activityIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('response')
    .select(['activity_id', (eb) => eb.fn.countAll<string>().as('n'), sql<string>`count(*) FILTER (WHERE mode = 'supported')`.as('supported')])
    .where('area_id', '=', areaId)
    .where('status', '=', 'submitted')
    .where('channel', '=', 'survey')
    .where('activity_id', 'in', [...new Set(activityIds)])
    .groupBy('activity_id')
    .execute();
  return new Map(rows.map((r) => [r.activity_id, { submitted: Number(r.n), supported: Number(r.supported) }]));
}

export async function countSubmittedByActivity(tx: AreaTx, areaId: string): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('response')
    .select(['activity_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('area_id', '=', areaId)
    .where('status', '=', 'submitted')
    .where('channel', '=', 'survey')
    .groupBy('activity_id')
    .execute();
  return new Map(rows.map((r) => [r.activity_id, Number(r.n)]));
}

/** How many different activities this account has sent a response to since a moment (one query). */
export async function countActivitiesSentSince(tx: AreaTx, areaId: string, accountId: string, since: Date): Promise<number> {
  const row = await tx
    .selectFrom('response')
    .select(sql<string>`count(DISTINCT activity_id)`.as('n'))
    .where('area_id', '=', areaId)
    .where('status', '=', 'submitted')
    .where('account_id', '=', accountId)
    .where('submitted_at', '>', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
