/**
 * SQL for an activity's questions and their options.
 */
import { sql, type Selectable } from 'kysely';
import type { AreaTx, QuestionTable } from '../../db/database.ts';
import type { Question, QuestionOption, QuestionSettings, QuestionType } from './question-types.ts';

export type NewOption = Omit<QuestionOption, 'id' | 'position'>;
/** A question as written, before it has an id, a place in the list or options. */
export type QuestionInput = Omit<Question, 'id' | 'activityId' | 'position' | 'options'>;

/** Every question of an activity with its options, in order: two queries however many there are. */
export async function listQuestions(tx: AreaTx, areaId: string, activityId: string): Promise<Question[]> {
  const rows = await tx.selectFrom('question').selectAll().where('area_id', '=', areaId).where('activity_id', '=', activityId).orderBy('position').execute();
  return withOptions(tx, areaId, rows);
}

/** How many questions the activity has (the start page says how long a survey takes). */
export async function countQuestions(tx: AreaTx, areaId: string, activityId: string): Promise<number> {
  const row = await tx.selectFrom('question').select((eb) => eb.fn.countAll<string>().as('n')).where('area_id', '=', areaId).where('activity_id', '=', activityId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Questions by id, in any activities of the area (for a person's data download). */
export async function findQuestions(tx: AreaTx, areaId: string, ids: readonly string[]): Promise<Question[]> {
  if (ids.length === 0) return [];
  const rows = await tx.selectFrom('question').selectAll().where('area_id', '=', areaId).where('id', 'in', [...ids]).orderBy('position').execute();
  return withOptions(tx, areaId, rows);
}

async function withOptions(tx: AreaTx, areaId: string, rows: Array<Selectable<QuestionTable>>): Promise<Question[]> {
  if (rows.length === 0) return [];
  const options = await tx
    .selectFrom('question_option')
    .selectAll()
    .where('area_id', '=', areaId)
    .where(
      'question_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    activityId: row.activity_id,
    position: row.position,
    type: row.type as QuestionType,
    text: row.text,
    easyRead: row.easy_read,
    hint: row.hint,
    required: row.required,
    settings: row.settings as QuestionSettings,
    showIf: row.show_if_question_id && row.show_if_option_id ? { questionId: row.show_if_question_id, optionId: row.show_if_option_id } : null,
    options: options
      .filter((o) => o.question_id === row.id)
      .map((o) => ({ id: o.id, position: o.position, label: o.label, easyRead: o.easy_read, symbol: o.symbol, altText: o.alt_text })),
  }));
}

/** Adds a question at the end of the activity's list, with its options in the order given. */
export async function insertQuestion(tx: AreaTx, areaId: string, activityId: string, input: QuestionInput, options: NewOption[]): Promise<string> {
  const last = await tx
    .selectFrom('question')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
  const { id } = await tx
    .insertInto('question')
    .values({
      area_id: areaId,
      activity_id: activityId,
      position: Number(last?.max ?? 0) + 1,
      type: input.type,
      text: input.text,
      easy_read: input.easyRead,
      hint: input.hint,
      required: input.required,
      settings: JSON.stringify(input.settings),
      show_if_question_id: input.showIf?.questionId ?? null,
      show_if_option_id: input.showIf?.optionId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.length > 0) {
    await tx
      .insertInto('question_option')
      .values(options.map((o, i) => ({ area_id: areaId, question_id: id, position: i + 1, label: o.label, easy_read: o.easyRead, symbol: o.symbol, alt_text: o.altText })))
      .execute();
  }
  return id;
}

// ── The builder's changes (builder.service.ts) ─────────────────────────────────────────────────

/**
 * Serialises every change to one activity's question list (positions, conditions, double submits):
 * the lock is held until the transaction ends and touches no table another module owns.
 */
export async function lockQuestionList(tx: AreaTx, activityId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`question-list:${activityId}`}, 0))`.execute(tx);
}

/** Whether anyone has started or sent a response: after that, changing questions would spoil results. */
export async function hasResponses(tx: AreaTx, areaId: string, activityId: string): Promise<boolean> {
  // Someone joining the activity's live session (channel 'live') answered none of its questions.
  const row = await tx.selectFrom('response').select('id').where('area_id', '=', areaId).where('activity_id', '=', activityId).where('channel', '=', 'survey').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** When the activity's newest question was added (to spot a form sent twice). */
export async function newestQuestion(tx: AreaTx, areaId: string, activityId: string): Promise<{ id: string; createdAt: Date } | undefined> {
  const row = await tx
    .selectFrom('question')
    .select(['id', 'created_at'])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .orderBy('created_at', 'desc')
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { id: row.id, createdAt: row.created_at };
}

export type QuestionChange = Omit<QuestionInput, 'type'>;

export async function updateQuestion(tx: AreaTx, areaId: string, questionId: string, change: QuestionChange): Promise<void> {
  await tx
    .updateTable('question')
    .set({
      text: change.text,
      easy_read: change.easyRead,
      hint: change.hint,
      required: change.required,
      settings: JSON.stringify(change.settings),
      show_if_question_id: change.showIf?.questionId ?? null,
      show_if_option_id: change.showIf?.optionId ?? null,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', questionId)
    .execute();
}

/**
 * Makes the question's options exactly these, in this order: rows with an id keep it (so
 * conditions on them stay valid), rows without one are added, options not listed are removed.
 */
export async function replaceOptions(tx: AreaTx, areaId: string, questionId: string, options: Array<NewOption & { id: string | null }>): Promise<void> {
  const keep = options.flatMap((o) => (o.id ? [o.id] : []));
  let remove = tx.deleteFrom('question_option').where('area_id', '=', areaId).where('question_id', '=', questionId);
  if (keep.length > 0) remove = remove.where('id', 'not in', keep);
  await remove.execute();
  for (const [i, o] of options.entries()) {
    const values = { position: i + 1, label: o.label, easy_read: o.easyRead, symbol: o.symbol, alt_text: o.altText };
    if (o.id) await tx.updateTable('question_option').set(values).where('area_id', '=', areaId).where('question_id', '=', questionId).where('id', '=', o.id).execute();
    else await tx.insertInto('question_option').values({ area_id: areaId, question_id: questionId, ...values }).execute();
  }
}

/** Numbers the activity's questions 1, 2, 3… in the order given. */
export async function setQuestionOrder(tx: AreaTx, areaId: string, activityId: string, questionIds: string[]): Promise<void> {
  for (const [i, id] of questionIds.entries()) {
    await tx.updateTable('question').set({ position: i + 1 }).where('area_id', '=', areaId).where('activity_id', '=', activityId).where('id', '=', id).execute();
  }
}

/** Removes the conditions that point at this question (it is being deleted). Returns how many. */
export async function clearConditionsOn(tx: AreaTx, areaId: string, questionId: string): Promise<number> {
  const result = await tx
    .updateTable('question')
    .set({ show_if_question_id: null, show_if_option_id: null })
    .where('area_id', '=', areaId)
    .where('show_if_question_id', '=', questionId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteQuestion(tx: AreaTx, areaId: string, activityId: string, questionId: string): Promise<boolean> {
  const result = await tx.deleteFrom('question').where('area_id', '=', areaId).where('activity_id', '=', activityId).where('id', '=', questionId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
