/**
 * The question builder's rules. Every change runs in one transaction holding the activity's
 * question-list lock, so positions, conditions and double submits cannot interleave.
 *
 * Once anyone has started answering, only wording may change: adding, removing, reordering or
 * changing options would make answers already given mean something else.
 */
import { createHash } from 'node:crypto';
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import type { Actor } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { getManagedActivity, type Activity } from '../activities/activities.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { questionType, type Question } from './question-types.ts';
import * as repo from './questions.repository.ts';

/** Refused because people have started answering (shown as its own page, status 409). */
export class QuestionsLockedError extends Error {
  readonly statusCode = 409;
  constructor() {
    super('questions are locked: the activity has responses');
  }
}

/** Refused because a condition would point at a later question. */
export class MoveBlockedError extends Error {
  readonly statusCode = 409;
  /** The question with the condition, and the one it depends on (their current numbers). */
  readonly dependant: number;
  readonly dependsOn: number;
  constructor(dependant: number, dependsOn: number) {
    super('move would leave a condition pointing forward');
    this.dependant = dependant;
    this.dependsOn = dependsOn;
  }
}

export type Builder = { activity: Activity; questions: Question[]; locked: boolean };

/** The activity (if this person may manage it), its questions in order, and whether they are locked. */
export async function loadBuilder(db: Db, actor: Actor | null, areaId: string, activityId: string): Promise<Builder> {
  const activity = await getManagedActivity(db, actor, areaId, activityId);
  return withArea(db, areaId, async (tx) => ({
    activity,
    questions: await repo.listQuestions(tx, areaId, activityId),
    locked: await repo.hasResponses(tx, areaId, activityId),
  }));
}

/** What a question is, as a short hash: sent with the edit form to notice someone else's change. */
export function fingerprint(question: Question): string {
  const { type, text, easyRead, hint, required, settings, showIf, options } = question;
  return createHash('sha256').update(JSON.stringify({ type, text, easyRead, hint, required, settings: sortKeys(settings), showIf, options })).digest('base64url').slice(0, 22);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
}

type OptionContent = repo.NewOption;
const optionContent = (o: OptionContent) => ({ label: o.label, easyRead: o.easyRead, symbol: o.symbol ?? null, altText: o.altText });

/** Whether the question already says exactly this (a form sent twice finds its work done). */
function sameContent(question: Question, change: repo.QuestionChange, options: OptionContent[]): boolean {
  const a = { text: question.text, easyRead: question.easyRead, hint: question.hint, required: question.required, settings: sortKeys(question.settings), showIf: question.showIf, options: question.options.map(optionContent) };
  const b = { text: change.text, easyRead: change.easyRead, hint: change.hint, required: change.required, settings: sortKeys(change.settings), showIf: change.showIf, options: options.map(optionContent) };
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A condition must name an option of an earlier question that has options to choose from. */
function conditionValid(showIf: repo.QuestionChange['showIf'], earlier: Question[]): boolean {
  if (!showIf) return true;
  const target = earlier.find((q) => q.id === showIf.questionId);
  return !!target && questionType(target.type).builder.drivesConditions && target.options.some((o) => o.id === showIf.optionId);
}

/** A form sent twice within this time with the same question is one question, not two. */
const REPLAY_WINDOW_MS = 10 * 60 * 1000;

/**
 * Adds a question at the end. The form was checked against the list as it was read; this checks
 * again under the lock (someone may have changed the list in between: that is a 409).
 */
export async function createQuestion(db: Db, areaId: string, actorId: string, activityId: string, input: repo.QuestionInput, options: repo.NewOption[]): Promise<{ id: string; number: number }> {
  return withArea(db, areaId, async (tx) => {
    await repo.lockQuestionList(tx, activityId);
    if (await repo.hasResponses(tx, areaId, activityId)) throw new QuestionsLockedError();
    const questions = await repo.listQuestions(tx, areaId, activityId);
    if (!conditionValid(input.showIf, questions)) throw new ConflictError('condition no longer valid');
    const newest = await repo.newestQuestion(tx, areaId, activityId);
    const previous = newest && questions.find((q) => q.id === newest.id);
    if (previous && previous.type === input.type && Date.now() - newest.createdAt.getTime() < REPLAY_WINDOW_MS && sameContent(previous, input, options)) {
      return { id: previous.id, number: previous.position };
    }
    const id = await repo.insertQuestion(tx, areaId, activityId, input, options);
    await audit(tx, areaId, actorId, 'question.added', { type: 'question', id, detail: { activityId, questionType: input.type } });
    return { id, number: questions.length + 1 };
  });
}

async function lockedQuestion(tx: AreaTx, areaId: string, activityId: string, questionId: string) {
  await repo.lockQuestionList(tx, activityId);
  const questions = await repo.listQuestions(tx, areaId, activityId);
  const question = questions.find((q) => q.id === questionId);
  if (!question) throw new NotFoundError('question');
  return { questions, question };
}

/**
 * Saves a whole question (before anyone has answered). `seen` is the fingerprint of the question
 * the form was made from: if it changed since, the lead is told rather than overwriting.
 */
export async function saveQuestion(
  db: Db,
  areaId: string,
  actorId: string,
  activityId: string,
  questionId: string,
  seen: string,
  change: repo.QuestionChange,
  options: Array<repo.NewOption & { id: string | null }>,
): Promise<{ number: number }> {
  return withArea(db, areaId, async (tx) => {
    const { questions, question } = await lockedQuestion(tx, areaId, activityId, questionId);
    if (await repo.hasResponses(tx, areaId, activityId)) throw new QuestionsLockedError();
    if (fingerprint(question) !== seen) {
      if (sameContent(question, change, options)) return { number: question.position };
      throw new ConflictError('question changed since it was read');
    }
    const earlier = questions.filter((q) => q.position < question.position);
    if (!conditionValid(change.showIf, earlier)) throw new ConflictError('condition no longer valid');
    const own = new Set(question.options.map((o) => o.id));
    const rows = options.map((o) => ({ ...o, id: o.id && own.has(o.id) ? o.id : null }));
    const kept = new Set(rows.flatMap((o) => (o.id ? [o.id] : [])));
    const removed = question.options.filter((o) => !kept.has(o.id)).map((o) => o.id);
    if (questions.some((q) => q.showIf && removed.includes(q.showIf.optionId))) throw new ConflictError('a removed option is used by a condition');
    await repo.updateQuestion(tx, areaId, questionId, change);
    await repo.replaceOptions(tx, areaId, questionId, rows);
    await audit(tx, areaId, actorId, 'question.changed', { type: 'question', id: questionId, detail: { activityId } });
    return { number: question.position };
  });
}

/** Changes only the wording: allowed at any time, because the answers still mean the same. */
export async function rewordQuestion(
  db: Db,
  areaId: string,
  actorId: string,
  activityId: string,
  questionId: string,
  seen: string,
  wording: { text: string; easyRead: string; hint: string },
): Promise<{ number: number }> {
  return withArea(db, areaId, async (tx) => {
    const { question } = await lockedQuestion(tx, areaId, activityId, questionId);
    const change = { text: wording.text, easyRead: wording.easyRead, hint: wording.hint, required: question.required, settings: question.settings, showIf: question.showIf };
    if (fingerprint(question) !== seen) {
      if (sameContent(question, change, question.options)) return { number: question.position };
      throw new ConflictError('question changed since it was read');
    }
    await repo.updateQuestion(tx, areaId, questionId, change);
    await audit(tx, areaId, actorId, 'question.reworded', { type: 'question', id: questionId, detail: { activityId } });
    return { number: question.position };
  });
}

/**
 * Moves a question one place up or down. `from` is the number the lead saw: if the question is no
 * longer there (the form was sent twice), nothing more happens. A move that would leave a question
 * shown only after a question that now comes later is refused.
 */
export async function moveQuestion(
  db: Db,
  areaId: string,
  actorId: string,
  activityId: string,
  questionId: string,
  direction: 'up' | 'down',
  from: number,
): Promise<'moved' | 'unchanged'> {
  return withArea(db, areaId, async (tx) => {
    const { questions, question } = await lockedQuestion(tx, areaId, activityId, questionId);
    if (await repo.hasResponses(tx, areaId, activityId)) throw new QuestionsLockedError();
    const index = questions.indexOf(question);
    const otherIndex = direction === 'up' ? index - 1 : index + 1;
    const other = questions[otherIndex];
    if (question.position !== from || !other) return 'unchanged';
    const [first, second] = direction === 'up' ? [other, question] : [question, other];
    // After the swap `first` comes after `second`: `second` must not depend on `first`.
    if (second.showIf?.questionId === first.id) throw new MoveBlockedError(second.position, first.position);
    const order = questions.map((q) => q.id);
    order[index] = other.id;
    order[otherIndex] = question.id;
    await repo.setQuestionOrder(tx, areaId, activityId, order);
    await audit(tx, areaId, actorId, 'question.moved', { type: 'question', id: questionId, detail: { activityId, from: question.position, to: other.position } });
    return 'moved';
  });
}

/**
 * Deletes a question. Questions shown only after it lose that condition (they are then shown to
 * everyone: the confirmation page says so first). Deleting twice is harmless.
 */
export async function deleteQuestion(db: Db, areaId: string, actorId: string, activityId: string, questionId: string): Promise<{ deleted: boolean; clearedConditions: number }> {
  return withArea(db, areaId, async (tx) => {
    await repo.lockQuestionList(tx, activityId);
    if (await repo.hasResponses(tx, areaId, activityId)) throw new QuestionsLockedError();
    const questions = await repo.listQuestions(tx, areaId, activityId);
    if (!questions.some((q) => q.id === questionId)) return { deleted: false, clearedConditions: 0 };
    const clearedConditions = await repo.clearConditionsOn(tx, areaId, questionId);
    await repo.deleteQuestion(tx, areaId, activityId, questionId);
    await repo.setQuestionOrder(tx, areaId, activityId, questions.filter((q) => q.id !== questionId).map((q) => q.id));
    await audit(tx, areaId, actorId, 'question.deleted', { type: 'question', id: questionId, detail: { activityId, clearedConditions } });
    return { deleted: true, clearedConditions };
  });
}
