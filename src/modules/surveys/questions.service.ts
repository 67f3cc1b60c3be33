/**
 * An activity's questions: what the builder, the answering pages, results, exports and the demo
 * seed use to read and add them.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { audit } from '../privacy/audit.service.ts';
import type { Question } from './question-types.ts';
import * as repo from './questions.repository.ts';

export type { NewOption, QuestionChange, QuestionInput } from './questions.repository.ts';
// The question types, for other modules, the demo seed and tests (surveys/question-types/).
export { citableTypes, readyMadeOptions, writtenTypes } from './question-types.ts';
export type { AnswerValue, Question, QuestionType } from './question-types.ts';

export function listQuestions(db: Db, areaId: string, activityId: string): Promise<Question[]> {
  return withArea(db, areaId, (tx) => repo.listQuestions(tx, areaId, activityId));
}

export async function addQuestion(db: Db, areaId: string, actorId: string | null, activityId: string, input: repo.QuestionInput, options: repo.NewOption[]): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const id = await repo.insertQuestion(tx, areaId, activityId, input, options);
    await audit(tx, areaId, actorId, 'question.added', { type: 'question', id, detail: { activityId } });
    return id;
  });
}
