/**
 * SQL for an activity's questions and their options.
 */
import type { AreaTx } from '../../db/database.ts';
import type { Question, QuestionOption, QuestionSettings, QuestionType } from './question-types.ts';

export type NewOption = Omit<QuestionOption, 'id' | 'position'>;
export type QuestionInput = {
  type: QuestionType;
  text: string;
  easyRead: string;
  hint: string;
  required: boolean;
  settings: QuestionSettings;
  showIf: { questionId: string; optionId: string } | null;
};

/** Every question of an activity with its options, in order: two queries however many there are. */
export async function listQuestions(tx: AreaTx, areaId: string, activityId: string): Promise<Question[]> {
  const rows = await tx.selectFrom('question').selectAll().where('area_id', '=', areaId).where('activity_id', '=', activityId).orderBy('position').execute();
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
