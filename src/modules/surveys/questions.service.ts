/**
 * An activity's questions: what the builder, the answering pages, results, exports and the demo
 * seed use to read and add them.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { audit } from '../privacy/audit.service.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { describeAnswer } from './answers.ts';
import { readAnswer, type Question } from './question-types.ts';
import * as repo from './questions.repository.ts';
import * as responsesRepo from './responses.repository.ts';

export type { NewOption, QuestionChange, QuestionInput } from './questions.repository.ts';
// The question types, for other modules, the demo seed and tests (surveys/question-types/).
export { citableTypes, readyMadeOptions, writtenTypes } from './question-types.ts';
export type { AnswerValue, Question, QuestionType } from './question-types.ts';

export function listQuestions(db: Db, areaId: string, activityId: string): Promise<Question[]> {
  return withArea(db, areaId, (tx) => repo.listQuestions(tx, areaId, activityId));
}

/** Questions by id, in any of the area's activities. */
export function findQuestions(db: Db, areaId: string, ids: readonly string[]): Promise<Question[]> {
  return withArea(db, areaId, (tx) => repo.findQuestions(tx, areaId, ids));
}

/** A stored answer in words, one line per part, as its question's type puts it (options by their words). */
export function answerInWords(question: Question, value: unknown, t: Translate, lang: string): string[] {
  const checked = readAnswer(question, value);
  return checked ? describeAnswer(question, checked, (o) => o.label, t, lang) : [];
}

export async function addQuestion(db: Db, areaId: string, actorId: string | null, activityId: string, input: repo.QuestionInput, options: repo.NewOption[]): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const id = await repo.insertQuestion(tx, areaId, activityId, input, options);
    await audit(tx, areaId, actorId, 'question.added', { type: 'question', id, detail: { activityId } });
    return id;
  });
}

/** How many responses each activity's survey has had sent (staff lists: not suppressed, it says nothing about anyone). */
export function countSubmittedResponses(db: Db, areaId: string): Promise<Map<string, number>> {
  return withArea(db, areaId, (tx) => responsesRepo.countSubmittedByActivity(tx, areaId));
}

/**
 * For the Lundy checklist (evaluation): each activity's submitted responses and how many were given
 * with a supporter, in one query for all of them. Staff pages only.
 */
export function supportedResponseCounts(db: Db, areaId: string, activityIds: readonly string[]): Promise<Map<string, { submitted: number; supported: number }>> {
  return withArea(db, areaId, (tx) => responsesRepo.countSupportedByActivity(tx, areaId, activityIds));
}
