/**
 * Answers as a survey page reads and shows them, for every question type: each step asks the
 * question's type (question-types/) and adds only what all types share ("I don't want to answer
 * this", required questions, conditional questions). Pure functions: no database, no request.
 *
 * Form fields (the templates in views/respond/types/ name them the same way):
 *   answer                      one choice, several choices (repeated), text, number, rating
 *   answer-day/-month/-year     date (the GOV.UK date input)
 *   rank-<optionId>             ranking: one numbered select per item
 *   pile-<optionId>, comment    card sort: one set of radios per card, and "tell us why"
 *   action                      which button: continue, decline ("I don't want to answer this") or save
 *
 * Error keys are looked up under surveys.respond.errors.<key> (or errorsEasy.<key> in children's mode).
 */
import type { AnswerError, Body, Question, QuestionOption, StoredValue, Words } from './question-types/definition.ts';
import { isShown, questionType } from './question-types.ts';

export { cleanText, MAX_COMMENT, MAX_TEXT, type AnswerError } from './question-types/definition.ts';
export { textLimit } from './question-types/free-text.ts';
export { ratingMax } from './question-types/rating.ts';

export type ParsedAnswer =
  | { kind: 'declined' }
  /** value null: nothing given (allowed when the question is not required). */
  | { kind: 'answer'; value: StoredValue | null }
  | { kind: 'invalid'; errors: AnswerError[] };

/** A saved answer: a value, or "I don't want to answer this". */
export type SavedAnswer = { value: StoredValue | null; declined: boolean };

/**
 * Reads the answer to one question from a submitted page. "I don't want to answer this" is always
 * accepted, whatever else was sent; otherwise the answer must be valid for the question's type, and
 * present when the question is required.
 */
export function parseAnswer(question: Question, body: Body): ParsedAnswer {
  if (body.action === 'decline') return { kind: 'declined' };
  const definition = questionType(question.type);
  const errors: AnswerError[] = [];
  const value = definition.answer.parse(question, body, errors);
  if (errors.length > 0) return { kind: 'invalid', errors };
  if (value === null && question.required) return { kind: 'invalid', errors: [definition.answer.required(question)] };
  return { kind: 'answer', value };
}

/** The form values that show a saved answer back in the page. */
export function formValues(question: Question, saved: SavedAnswer | undefined): Record<string, string | string[]> {
  if (!saved?.value) return {};
  const definition = questionType(question.type);
  const value = definition.answer.read(saved.value);
  return value ? definition.answer.formValues(value) : {};
}

/**
 * The questions a person is asked, given their answers, in order. A question is shown when its
 * condition holds on the answers to questions that were themselves shown: an answer left over
 * from a question that is now hidden never opens another.
 */
export function visibleQuestions(questions: readonly Question[], answers: ReadonlyMap<string, SavedAnswer>): Question[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const shownAnswers = new Map<string, StoredValue | null>();
  const visible: Question[] = [];
  for (const question of questions) {
    if (!isShown(question, shownAnswers, byId)) continue;
    visible.push(question);
    const answer = answers.get(question.id);
    if (answer) shownAnswers.set(question.id, answer.value);
  }
  return visible;
}

/** Words people wrote in their answers: what becomes a contribution when they submit. */
export function writtenViews(questions: readonly Question[], answers: ReadonlyMap<string, SavedAnswer>): Array<{ questionId: string; source: 'free_text' | 'card_sort'; text: string }> {
  return questions.flatMap((question) => {
    const definition = questionType(question.type);
    const saved = answers.get(question.id)?.value;
    const value = saved && definition.written ? definition.answer.read(saved) : null;
    const written = value ? definition.written!(value) : null;
    return written ? [{ questionId: question.id, ...written }] : [];
  });
}

/** One line of an answer on "check your answers": its words, and the chosen option's symbol when it has one. */
export type AnswerLine = { text: string; symbol: string | null };

/** An answer in words with the symbols a child chose beside them (describeAnswer, plus the type's lineSymbols). */
export function describeAnswerLines(question: Question, value: StoredValue, label: (option: QuestionOption) => string, words: Words, lang = 'en'): AnswerLine[] {
  const definition = questionType(question.type);
  const checked = definition.answer.read(value);
  if (!checked) return [];
  const symbols = definition.answer.lineSymbols?.(question, checked) ?? [];
  return definition.answer.describe(question, checked, label, words, lang).map((text, i) => ({ text, symbol: symbols[i] ?? null }));
}

/**
 * An answer in words, one line per part, for "check your answers" (and a supporter reading it
 * back). `label` gives an option's words (easy read in children's mode); `words` the catalogue.
 */
export function describeAnswer(question: Question, value: StoredValue, label: (option: QuestionOption) => string, words: Words, lang = 'en'): string[] {
  const definition = questionType(question.type);
  const checked = definition.answer.read(value);
  return checked ? definition.answer.describe(question, checked, label, words, lang) : [];
}
