/**
 * The question types a survey can use, the settings each takes, and the shape of each answer.
 * Shared by the builder (leads), the pages people answer, results and exports: the one place that
 * says what an answer to each type looks like.
 */

export const QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'smiley_scale',
  'yes_no_not_sure',
  'free_text',
  'number',
  'date',
  'rating',
  'ranking',
  'card_sort',
  'picture_choice',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === 'string' && (QUESTION_TYPES as readonly string[]).includes(value);
}

/** Types whose answers pick from the question's options (and so can drive a conditional question). */
export const OPTION_TYPES: ReadonlySet<QuestionType> = new Set(['single_choice', 'multiple_choice', 'smiley_scale', 'yes_no_not_sure', 'picture_choice']);
/** Types that list items to order or sort rather than choose between. */
export const ITEM_TYPES: ReadonlySet<QuestionType> = new Set(['ranking', 'card_sort']);
/** Types whose options the lead writes (smiley scale and yes / no / not sure come ready-made). */
export const LEAD_WRITTEN_OPTION_TYPES: ReadonlySet<QuestionType> = new Set(['single_choice', 'multiple_choice', 'picture_choice', 'ranking', 'card_sort']);

/** Card sort piles, Talking Mats style. */
export const CARD_PILES = ['like', 'unsure', 'dislike'] as const;
export type CardPile = (typeof CARD_PILES)[number];

/** Stored in question.settings. Only the keys of the question's own type are used. */
export type QuestionSettings = {
  /** smiley_scale: 3 or 5 faces. */
  points?: 3 | 5;
  /** number: inclusive limits. */
  min?: number;
  max?: number;
  /** rating: 1 to maxRating. */
  maxRating?: 5 | 10;
  /** free_text: most characters accepted (default 1000). */
  maxLength?: number;
  /** card_sort: offer a "tell us why" box. */
  allowComment?: boolean;
};

export const DEFAULT_FREE_TEXT_MAX = 1000;

/** Stored in answer.value (JSON). One shape per kind of question. */
export type AnswerValue =
  | { kind: 'option'; optionId: string } // single_choice, smiley_scale, yes_no_not_sure, picture_choice
  | { kind: 'options'; optionIds: string[] } // multiple_choice
  | { kind: 'text'; text: string } // free_text
  | { kind: 'number'; value: number } // number
  | { kind: 'date'; date: string } // date, YYYY-MM-DD
  | { kind: 'rating'; value: number } // rating, 1..maxRating
  | { kind: 'ranking'; order: string[] } // ranking: option ids, most important first
  | { kind: 'card_sort'; piles: Record<string, CardPile>; comment?: string }; // card_sort: option id → pile

export type QuestionOption = {
  id: string;
  position: number;
  label: string;
  easyRead: string;
  /** OpenMoji hexcode, served at /symbols/<hexcode>.svg. */
  symbol: string | null;
  altText: string;
};

export type Question = {
  id: string;
  activityId: string;
  position: number;
  type: QuestionType;
  text: string;
  easyRead: string;
  hint: string;
  required: boolean;
  settings: QuestionSettings;
  showIf: { questionId: string; optionId: string } | null;
  options: QuestionOption[];
};

/** Ready-made options for the types that have them; the lead may reword them afterwards. */
export function readyMadeOptions(type: QuestionType, settings: QuestionSettings): Array<Omit<QuestionOption, 'id' | 'position'>> {
  const option = (label: string, symbol: string, easyRead = '') => ({ label, easyRead, symbol, altText: label });
  if (type === 'yes_no_not_sure') {
    return [option('Yes', '1F44D'), option('No', '1F44E'), option('Not sure', '1F914')];
  }
  if (type === 'smiley_scale') {
    return settings.points === 5
      ? [option('Very happy', '1F604'), option('Happy', '1F642'), option('Okay', '1F610'), option('Sad', '1F641'), option('Very sad', '1F622')]
      : [option('Happy', '1F642'), option('Okay', '1F610'), option('Sad', '1F641')];
  }
  return [];
}

/** Whether a question is shown, given the answers so far (conditional questions). */
export function isShown(question: Question, answers: ReadonlyMap<string, AnswerValue | null>): boolean {
  if (!question.showIf) return true;
  const earlier = answers.get(question.showIf.questionId);
  if (!earlier) return false;
  if (earlier.kind === 'option') return earlier.optionId === question.showIf.optionId;
  if (earlier.kind === 'options') return earlier.optionIds.includes(question.showIf.optionId);
  return false;
}
