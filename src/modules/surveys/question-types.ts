/**
 * The question types a survey can use: the one place the rest of Chorus asks about them. Each type
 * is one definition in question-types/ (its builder fields and checks, answer parsing and checks,
 * view model, results, export columns and contribution text), registered in question-types/index.ts.
 * Live sessions will reuse the same types.
 */
import { REGISTRY } from './question-types/index.ts';
import type { Question, QuestionSettings, QuestionTypeDefinition, ReadyMadeOption, StoredValue } from './question-types/definition.ts';
import type { CardSortValue } from './question-types/card-sort.ts';
import type { OptionValue } from './question-types/choose-one.ts';
import type { DateValue } from './question-types/date.ts';
import type { TextValue } from './question-types/free-text.ts';
import type { OptionsValue } from './question-types/multiple-choice.ts';
import type { NumberValue } from './question-types/number.ts';
import type { RankingValue } from './question-types/ranking.ts';
import type { RatingValue } from './question-types/rating.ts';

export { CARD_PILES, DEFAULT_FREE_TEXT_MAX, type CardPile, type Question, type QuestionOption, type QuestionSettings, type QuestionTypeDefinition, type StoredValue } from './question-types/definition.ts';

/** A registered type's name ("single_choice", "card_sort"…). */
export type QuestionType = string;

/** The shapes the built-in types store (a value of any registered type is a StoredValue). */
export type AnswerValue = OptionValue | OptionsValue | TextValue | NumberValue | DateValue | RatingValue | RankingValue | CardSortValue;

const byName = new Map<string, QuestionTypeDefinition>(REGISTRY.map((d) => [d.name, d]));

/** Every type, in the order the builder offers them. */
export function questionTypes(): QuestionTypeDefinition[] {
  return [...byName.values()];
}

export function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === 'string' && byName.has(value);
}

/** A question's type. A name that is not registered is a programming error (the builder only stores registered names). */
export function questionType(name: string): QuestionTypeDefinition {
  const definition = byName.get(name);
  if (!definition) throw new Error(`Unknown question type: ${name}`);
  return definition;
}

/**
 * Adds a type, as a line in question-types/index.ts does. For tests that prove a new type needs
 * nothing else; Chorus itself registers its types in index.ts.
 */
export function registerQuestionType(definition: QuestionTypeDefinition): void {
  if (byName.has(definition.name)) throw new Error(`Question type ${definition.name} is already registered`);
  byName.set(definition.name, definition);
}

/** Ready-made options for the types that have them; the lead may reword them afterwards. */
export function readyMadeOptions(type: QuestionType, settings: QuestionSettings): ReadyMadeOption[] {
  return questionType(type).builder.readyMade?.(settings) ?? [];
}

/** A stored answer checked against its question's type; anything else (an old shape, a hand-edited row) is null. */
export function readAnswer(question: Question, raw: unknown): StoredValue | null {
  return questionType(question.type).answer.read(raw);
}

/** Whether a question is shown, given the answers so far (conditional questions) and the questions they answer. */
export function isShown(question: Question, answers: ReadonlyMap<string, StoredValue | null>, questions: ReadonlyMap<string, Question>): boolean {
  if (!question.showIf) return true;
  const earlier = answers.get(question.showIf.questionId);
  const source = questions.get(question.showIf.questionId);
  if (!earlier || !source) return false;
  return chosenOptions(source, earlier).includes(question.showIf.optionId);
}

/** The options an answer chose, by its question's type (none for types that do not choose options). */
export function chosenOptions(question: Question, value: StoredValue): string[] {
  const definition = questionType(question.type);
  const checked = definition.answer.read(value);
  return checked && definition.answer.chosenOptions ? definition.answer.chosenOptions(checked) : [];
}

/** Types whose results can be quoted on a theme. */
export function citableTypes(): QuestionType[] {
  return questionTypes().filter((d) => d.results.citable).map((d) => d.name);
}

/** Types whose answers can hold words people wrote (they become contributions). */
export function writtenTypes(): QuestionType[] {
  return questionTypes().filter((d) => d.written).map((d) => d.name);
}
