/**
 * Reading an answer from a submitted question page, for all 11 question types, and turning a saved
 * answer back into form values and words. Pure functions: no database, no request.
 *
 * Form fields (the templates in views/respond/ name them the same way):
 *   answer                      one choice, several choices (repeated), text, number, rating
 *   answer-day/-month/-year     date (the GOV.UK date input)
 *   rank-<optionId>             ranking: one numbered select per item
 *   pile-<optionId>, comment    card sort: one set of radios per card, and "tell us why"
 *   action                      which button: continue, decline ("I don't want to answer this") or save
 *
 * Error keys are looked up under surveys.respond.errors.<key> (or errorsEasy.<key> in children's mode).
 */
import { CARD_PILES, DEFAULT_FREE_TEXT_MAX, isShown, type AnswerValue, type CardPile, type Question, type QuestionOption } from './question-types.ts';

export type AnswerError = { field: string; key: string; params?: Record<string, string | number> };

export type ParsedAnswer =
  | { kind: 'declined' }
  /** value null: nothing given (allowed when the question is not required). */
  | { kind: 'answer'; value: AnswerValue | null }
  | { kind: 'invalid'; errors: AnswerError[] };

/** A saved answer: a value, or "I don't want to answer this". */
export type SavedAnswer = { value: AnswerValue | null; declined: boolean };

type Body = Record<string, unknown>;

/** The most text anyone can write in one box (contributions hold up to 5,000 characters). */
export const MAX_TEXT = 5000;
export const MAX_COMMENT = 1000;
/** Numbers beyond this are not answers anyone means, and would lose precision. */
const NUMBER_LIMIT = 1e12;

/**
 * Text as it should be stored: no NUL or other control characters (PostgreSQL refuses NUL, and
 * they are never meant), no lone UTF-16 surrogates (they cannot be stored as JSON), Windows line
 * endings made plain, and no spaces around it.
 */
export function cleanText(value: unknown): string {
  const raw = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
  return raw
    .toWellFormed()
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim();
}

/** One choice: '' when nothing was chosen, null when the field was tampered with (several values, an object). */
function single(value: unknown): string | null {
  if (value === undefined || value === '') return '';
  return typeof value === 'string' ? value.trim() : null;
}

function many(value: unknown): string[] | null {
  if (value === undefined || value === '') return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.filter((v) => v !== '');
  return null;
}

export function textLimit(question: Question): number {
  const max = question.settings.maxLength ?? DEFAULT_FREE_TEXT_MAX;
  return Math.min(Math.max(1, Math.trunc(max)), MAX_TEXT);
}

export function ratingMax(question: Question): number {
  return question.settings.maxRating === 10 ? 10 : 5;
}

const fieldOf = (kind: 'rank' | 'pile', option: QuestionOption) => `${kind}-${option.id}`;

/**
 * Reads the answer to one question from a submitted page. "I don't want to answer this" is always
 * accepted, whatever else was sent; otherwise the answer must be valid for the question's type, and
 * present when the question is required.
 */
export function parseAnswer(question: Question, body: Body): ParsedAnswer {
  if (body.action === 'decline') return { kind: 'declined' };
  const errors: AnswerError[] = [];
  const value = read(question, body, errors);
  if (errors.length > 0) return { kind: 'invalid', errors };
  if (value === null && question.required) return { kind: 'invalid', errors: [requiredError(question)] };
  return { kind: 'answer', value };
}

function requiredError(question: Question): AnswerError {
  const first = question.options[0];
  switch (question.type) {
    case 'multiple_choice':
      return { field: 'answer', key: 'chooseSome' };
    case 'free_text':
      return { field: 'answer', key: 'enterText' };
    case 'number':
      return { field: 'answer', key: 'enterNumber' };
    case 'date':
      return { field: 'answer-day', key: 'enterDate' };
    case 'rating':
      return { field: 'answer', key: 'chooseRating', params: { max: ratingMax(question) } };
    case 'ranking':
      return { field: first ? fieldOf('rank', first) : 'answer', key: 'rankAll', params: { count: question.options.length } };
    case 'card_sort':
      return { field: first ? fieldOf('pile', first) : 'answer', key: 'sortAll' };
    default:
      return { field: 'answer', key: 'chooseOne' };
  }
}

function read(question: Question, body: Body, errors: AnswerError[]): AnswerValue | null {
  const optionIds = new Set(question.options.map((o) => o.id));
  switch (question.type) {
    case 'single_choice':
    case 'smiley_scale':
    case 'yes_no_not_sure':
    case 'picture_choice': {
      const chosen = single(body.answer);
      if (chosen === '') return null;
      if (chosen === null || !optionIds.has(chosen)) {
        errors.push({ field: 'answer', key: 'chooseFromList' });
        return null;
      }
      return { kind: 'option', optionId: chosen };
    }
    case 'multiple_choice': {
      const chosen = many(body.answer);
      if (chosen === null || chosen.some((id) => !optionIds.has(id))) {
        errors.push({ field: 'answer', key: 'chooseFromList' });
        return null;
      }
      if (chosen.length === 0) return null;
      // In the order the options are shown, each once, however the browser sent them.
      return { kind: 'options', optionIds: question.options.filter((o) => chosen.includes(o.id)).map((o) => o.id) };
    }
    case 'free_text': {
      const text = cleanText(body.answer);
      if (text === '') return null;
      const max = textLimit(question);
      if (text.length > max) {
        errors.push({ field: 'answer', key: 'tooLong', params: { max } });
        return null;
      }
      return { kind: 'text', text };
    }
    case 'number':
      return readNumber(question, body, errors);
    case 'date':
      return readDate(body, errors);
    case 'rating': {
      const chosen = single(body.answer);
      if (chosen === '') return null;
      const max = ratingMax(question);
      const n = chosen !== null && /^\d{1,2}$/.test(chosen) ? Number(chosen) : NaN;
      if (!(n >= 1 && n <= max)) {
        errors.push({ field: 'answer', key: 'chooseRating', params: { max } });
        return null;
      }
      return { kind: 'rating', value: n };
    }
    case 'ranking':
      return readRanking(question, body, errors);
    case 'card_sort':
      return readCardSort(question, body, errors);
  }
}

function readNumber(question: Question, body: Body, errors: AnswerError[]): AnswerValue | null {
  const typed = cleanText(body.answer).replace(/[\s,]/g, '');
  if (typed === '') return null;
  const { min, max } = question.settings;
  const n = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(typed) ? Number(typed) : NaN;
  if (!Number.isFinite(n) || Math.abs(n) > NUMBER_LIMIT) {
    errors.push({ field: 'answer', key: 'notNumber' });
    return null;
  }
  const low = typeof min === 'number' && n < min;
  const high = typeof max === 'number' && n > max;
  if (low || high) {
    if (typeof min === 'number' && typeof max === 'number') errors.push({ field: 'answer', key: 'between', params: { min, max } });
    else if (low) errors.push({ field: 'answer', key: 'tooSmall', params: { min: min! } });
    else errors.push({ field: 'answer', key: 'tooBig', params: { max: max! } });
    return null;
  }
  return { kind: 'number', value: n };
}

function readDate(body: Body, errors: AnswerError[]): AnswerValue | null {
  const parts = { day: cleanText(body['answer-day']), month: cleanText(body['answer-month']), year: cleanText(body['answer-year']) };
  if (!parts.day && !parts.month && !parts.year) return null;
  const missing = (['day', 'month', 'year'] as const).find((p) => !parts[p]);
  if (missing) {
    errors.push({ field: `answer-${missing}`, key: `dateMissing${missing[0]!.toUpperCase()}${missing.slice(1)}` });
    return null;
  }
  const day = Number(parts.day), month = Number(parts.month), year = Number(parts.year);
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    /^\d{1,2}$/.test(parts.day) && /^\d{1,2}$/.test(parts.month) && /^\d{4}$/.test(parts.year) &&
    year >= 1900 && year <= 2100 &&
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) {
    errors.push({ field: 'answer-day', key: 'dateReal' });
    return null;
  }
  return { kind: 'date', date: date.toISOString().slice(0, 10) };
}

function readRanking(question: Question, body: Body, errors: AnswerError[]): AnswerValue | null {
  const count = question.options.length;
  const typed = question.options.map((option) => ({ option, raw: single(body[fieldOf('rank', option)]) }));
  if (typed.every((t) => t.raw === '')) return null;
  const firstWith = new Map<number, QuestionOption>();
  const ranked: Array<{ option: QuestionOption; rank: number }> = [];
  for (const { option, raw } of typed) {
    const rank = raw && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (!(rank >= 1 && rank <= count)) {
      errors.push({ field: fieldOf('rank', option), key: 'rankMissing', params: { item: option.label, count } });
      continue;
    }
    const earlier = firstWith.get(rank);
    if (earlier) {
      errors.push({ field: fieldOf('rank', option), key: 'rankDuplicate', params: { item: option.label, other: earlier.label, rank } });
      continue;
    }
    firstWith.set(rank, option);
    ranked.push({ option, rank });
  }
  if (errors.length > 0) return null;
  return { kind: 'ranking', order: ranked.sort((a, b) => a.rank - b.rank).map((r) => r.option.id) };
}

function readCardSort(question: Question, body: Body, errors: AnswerError[]): AnswerValue | null {
  const typed = question.options.map((option) => ({ option, raw: single(body[fieldOf('pile', option)]) }));
  const comment = question.settings.allowComment ? cleanText(body.comment) : '';
  const noneChosen = typed.every((t) => t.raw === '');
  if (noneChosen && comment === '') return null;
  if (noneChosen) {
    // Only a comment: one message, not one per card (a long list would overwhelm a child).
    const first = question.options[0];
    errors.push({ field: first ? fieldOf('pile', first) : 'answer', key: 'sortAll' });
  }
  const piles: Record<string, CardPile> = {};
  for (const { option, raw } of typed) {
    if (raw !== null && (CARD_PILES as readonly string[]).includes(raw)) piles[option.id] = raw as CardPile;
    else if (!noneChosen) errors.push({ field: fieldOf('pile', option), key: 'pileMissing', params: { item: option.label } });
  }
  if (comment.length > MAX_COMMENT) errors.push({ field: 'comment', key: 'commentTooLong', params: { max: MAX_COMMENT } });
  if (errors.length > 0) return null;
  return comment ? { kind: 'card_sort', piles, comment } : { kind: 'card_sort', piles };
}

/** The form values that show a saved answer (or what was typed, on an error) back in the page. */
export function formValues(question: Question, saved: SavedAnswer | undefined): Record<string, string | string[]> {
  const value = saved?.value;
  if (!value) return {};
  switch (value.kind) {
    case 'option':
      return { answer: value.optionId };
    case 'options':
      return { answer: value.optionIds };
    case 'text':
      return { answer: value.text };
    case 'number':
    case 'rating':
      return { answer: String(value.value) };
    case 'date': {
      const [year = '', month = '', day = ''] = value.date.split('-');
      return { 'answer-day': String(Number(day)), 'answer-month': String(Number(month)), 'answer-year': year };
    }
    case 'ranking':
      return Object.fromEntries(value.order.map((id, i) => [`rank-${id}`, String(i + 1)]));
    case 'card_sort':
      return { ...Object.fromEntries(Object.entries(value.piles).map(([id, pile]) => [`pile-${id}`, pile])), ...(value.comment ? { comment: value.comment } : {}) };
  }
  return {};
}

/**
 * The questions a person is asked, given their answers, in order. A question is shown when its
 * condition holds on the answers to questions that were themselves shown: an answer left over
 * from a question that is now hidden never opens another.
 */
export function visibleQuestions(questions: readonly Question[], answers: ReadonlyMap<string, SavedAnswer>): Question[] {
  const shownAnswers = new Map<string, AnswerValue | null>();
  const visible: Question[] = [];
  for (const question of questions) {
    if (!isShown(question, shownAnswers)) continue;
    visible.push(question);
    const answer = answers.get(question.id);
    if (answer) shownAnswers.set(question.id, answer.value);
  }
  return visible;
}

/** Free text people wrote in their answers: what becomes a contribution when they submit. */
export function writtenViews(questions: readonly Question[], answers: ReadonlyMap<string, SavedAnswer>): Array<{ questionId: string; source: 'free_text' | 'card_sort'; text: string }> {
  const out: Array<{ questionId: string; source: 'free_text' | 'card_sort'; text: string }> = [];
  for (const question of questions) {
    const value = answers.get(question.id)?.value;
    if (value?.kind === 'text' && value.text.trim()) out.push({ questionId: question.id, source: 'free_text', text: value.text });
    if (value?.kind === 'card_sort' && value.comment?.trim()) out.push({ questionId: question.id, source: 'card_sort', text: value.comment });
  }
  return out;
}

/**
 * An answer in words, one line per part, for "check your answers" (and a supporter reading it
 * back). `label` gives an option's words (easy read in children's mode); `words` the catalogue.
 */
export function describeAnswer(
  question: Question,
  value: AnswerValue,
  label: (option: QuestionOption) => string,
  words: (key: string, params?: Record<string, unknown>) => string,
  lang = 'en',
): string[] {
  const byId = new Map(question.options.map((o) => [o.id, o]));
  const name = (id: string) => {
    const option = byId.get(id);
    return option ? label(option) : '';
  };
  switch (value.kind) {
    case 'option':
      return [name(value.optionId)];
    case 'options':
      return value.optionIds.map(name);
    case 'text':
      return [value.text];
    case 'number':
      return [String(value.value)];
    case 'date': {
      const date = new Date(`${value.date}T12:00:00Z`);
      return [new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)];
    }
    case 'rating':
      return [words('surveys.respond.question.ratingValue', { value: value.value, max: ratingMax(question) })];
    case 'ranking':
      return value.order.map((id, i) => `${i + 1}. ${name(id)}`);
    case 'card_sort':
      return [
        ...question.options.filter((o) => value.piles[o.id]).map((o) => `${label(o)}: ${words(`surveys.respond.piles.${value.piles[o.id]}`)}`),
        ...(value.comment ? [value.comment] : []),
      ];
  }
  return [];
}
