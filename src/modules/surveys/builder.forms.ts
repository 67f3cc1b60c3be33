/**
 * The question builder's forms. A question form has a changing number of option rows and several
 * buttons (save, add another option, choose or remove a symbol), so it is read into a Draft (every
 * value as typed, to show again) and checked separately, with the activity's other questions at hand
 * for conditions. Error texts are catalogue keys under surveys.builder.errors.
 */
import { DEFAULT_FREE_TEXT_MAX, ITEM_TYPES, isQuestionType, LEAD_WRITTEN_OPTION_TYPES, OPTION_TYPES, readyMadeOptions, type Question, type QuestionSettings, type QuestionType } from './question-types.ts';
import type { NewOption, QuestionChange } from './questions.service.ts';
import { findSymbol, MAX_QUERY_LENGTH } from '../../lib/symbols.ts';

/** The limits the database enforces (migration 2026-11-22T1210), checked here first. */
export const LIMITS = { text: 500, easyRead: 500, hint: 500, label: 200, optionEasyRead: 200, altText: 200 } as const;
export const FREE_TEXT_LIMIT = 5000;
export const MIN_OPTIONS = 2;
/** Rows shown on an empty form: enough for most questions, with "Add another" for more. */
export const STARTING_ROWS = 6;

/** Most options a question may have: long lists are hard for everyone, and hardest for children. */
export function maxOptions(type: QuestionType): number {
  if (type === 'single_choice' || type === 'multiple_choice') return 20;
  if (type === 'smiley_scale') return 5;
  if (type === 'yes_no_not_sure') return 3;
  return 12;
}

/** Types whose option rows are ready-made and fixed in number (the lead may reword them). */
const READY_MADE: ReadonlySet<QuestionType> = new Set(['smiley_scale', 'yes_no_not_sure']);

export function hasOptionRows(type: QuestionType): boolean {
  return OPTION_TYPES.has(type) || ITEM_TYPES.has(type);
}

export function rowNoun(type: QuestionType): 'options' | 'items' {
  return ITEM_TYPES.has(type) ? 'items' : 'options';
}

export type OptionRow = { id: string; label: string; easyRead: string; symbol: string; altText: string };

/** A question form as typed: strings kept exactly, so a page shown again loses nothing. */
export type Draft = {
  type: QuestionType;
  text: string;
  easyRead: string;
  hint: string;
  required: boolean;
  points: string;
  min: string;
  max: string;
  maxRating: string;
  maxLength: string;
  allowComment: boolean;
  /** "questionId:optionId", or "" for everyone. */
  showIf: string;
  options: OptionRow[];
};

const blankRow = (): OptionRow => ({ id: '', label: '', easyRead: '', symbol: '', altText: '' });
const readyMadeRows = (type: QuestionType, settings: QuestionSettings): OptionRow[] =>
  readyMadeOptions(type, settings).map((o) => ({ id: '', label: o.label, easyRead: o.easyRead, symbol: o.symbol ?? '', altText: o.altText }));

export function blankDraft(type: QuestionType): Draft {
  return {
    type,
    text: '',
    easyRead: '',
    hint: '',
    required: false,
    points: type === 'smiley_scale' ? '3' : '',
    min: '',
    max: '',
    maxRating: type === 'rating' ? '5' : '',
    maxLength: type === 'free_text' ? String(DEFAULT_FREE_TEXT_MAX) : '',
    allowComment: false,
    showIf: '',
    options: READY_MADE.has(type)
      ? readyMadeRows(type, { points: 3 })
      : LEAD_WRITTEN_OPTION_TYPES.has(type)
        ? Array.from({ length: STARTING_ROWS }, blankRow)
        : [],
  };
}

export function draftFromQuestion(question: Question): Draft {
  const s = question.settings;
  const rows = question.options.map((o) => ({ id: o.id, label: o.label, easyRead: o.easyRead, symbol: o.symbol ?? '', altText: o.altText }));
  if (LEAD_WRITTEN_OPTION_TYPES.has(question.type)) {
    // Room for one more, and at least the usual number of rows.
    const wanted = Math.min(maxOptions(question.type), Math.max(STARTING_ROWS, rows.length + 1));
    while (rows.length < wanted) rows.push(blankRow());
  }
  return {
    type: question.type,
    text: question.text,
    easyRead: question.easyRead,
    hint: question.hint,
    required: question.required,
    points: s.points ? String(s.points) : question.type === 'smiley_scale' ? String(question.options.length) : '',
    min: s.min === undefined ? '' : String(s.min),
    max: s.max === undefined ? '' : String(s.max),
    maxRating: s.maxRating ? String(s.maxRating) : '',
    maxLength: s.maxLength ? String(s.maxLength) : '',
    allowComment: s.allowComment === true,
    showIf: question.showIf ? `${question.showIf.questionId}:${question.showIf.optionId}` : '',
    options: rows,
  };
}

/** A submitted value as one string: hostile bodies may send arrays, objects or nothing. */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  // NUL is already removed from every form field before any route (app.ts).
  return typeof first === 'string' ? first : '';
}

const ticked = (body: Record<string, unknown>, name: string) => field(body, name) === 'yes';

/**
 * Reads a submitted question form. Only the question's own type decides which fields count; the
 * number of rows is capped, so a body cannot ask for a million rows.
 */
export function draftFromBody(type: QuestionType, input: unknown): Draft {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const draft: Draft = {
    ...blankDraft(type),
    text: field(body, 'text'),
    easyRead: field(body, 'easyRead'),
    hint: field(body, 'hint'),
    required: ticked(body, 'required'),
    points: field(body, 'points'),
    min: field(body, 'min'),
    max: field(body, 'max'),
    maxRating: field(body, 'maxRating'),
    maxLength: field(body, 'maxLength'),
    allowComment: ticked(body, 'allowComment'),
    showIf: field(body, 'showIf'),
  };
  if (!hasOptionRows(type)) return { ...draft, options: [] };
  const count = Math.min(maxOptions(type), Math.max(0, Number.parseInt(field(body, 'rows'), 10) || 0));
  draft.options = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const row = (name: string) => field(body, `option-${n}-${name}`);
    return { id: row('id'), label: row('label'), easyRead: row('easyRead'), symbol: row('symbol').trim().toUpperCase(), altText: row('altText') };
  });
  // Ready-made faces follow the number chosen: a change from 3 to 5 brings the 5 faces (their
  // words can be changed after). A yes / no / not sure list always has its three answers.
  if (type === 'smiley_scale' && (draft.points === '3' || draft.points === '5') && draft.options.length !== Number(draft.points)) {
    draft.options = readyMadeRows(type, { points: Number(draft.points) as 3 | 5 });
  }
  if (type === 'yes_no_not_sure' && draft.options.length !== 3) draft.options = readyMadeRows(type, {});
  if (LEAD_WRITTEN_OPTION_TYPES.has(type) && draft.options.length === 0) draft.options = [blankRow()];
  return draft;
}

/** Only the wording may change once people have answered. */
export function wordingFromBody(question: Question, input: unknown): Draft {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  return { ...draftFromQuestion(question), text: field(body, 'text'), easyRead: field(body, 'easyRead'), hint: field(body, 'hint') };
}

export function addRow(draft: Draft): Draft {
  if (!LEAD_WRITTEN_OPTION_TYPES.has(draft.type) || draft.options.length >= maxOptions(draft.type)) return draft;
  return { ...draft, options: [...draft.options, blankRow()] };
}

/** Which button sent the question form (or the symbol picker, which carries the form with it). */
export type FormAction =
  | { kind: 'save' }
  | { kind: 'addRow' }
  | { kind: 'chooseSymbol'; row: number }
  | { kind: 'removeSymbol'; row: number }
  | { kind: 'search'; row: number }
  | { kind: 'pickSymbol'; row: number }
  | { kind: 'cancelSymbol'; row: number }
  /** A picker button for a row that is not there: show the form again rather than guess. */
  | { kind: 'redisplay' };

export function formAction(input: unknown, draft: Draft): FormAction {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const action = field(body, 'action');
  const inRange = (n: number) => Number.isInteger(n) && n >= 1 && n <= draft.options.length;
  const rowOf = (text: string) => Number.parseInt(text, 10);
  const m = /^(symbol|removeSymbol)-(\d{1,3})$/.exec(action);
  if (m) return inRange(rowOf(m[2]!)) ? { kind: m[1] === 'symbol' ? 'chooseSymbol' : 'removeSymbol', row: rowOf(m[2]!) } : { kind: 'redisplay' };
  const row = rowOf(field(body, 'symbolFor'));
  if (action === 'search' || action === 'pickSymbol' || action === 'cancelSymbol') return inRange(row) ? { kind: action, row } : { kind: 'redisplay' };
  if (action === 'addRow') return { kind: 'addRow' };
  return { kind: 'save' };
}

export type Problem = { field: string; key: string; params?: Record<string, unknown> };

/** A checked question, ready for the service. Option rows keep their ids so conditions stay valid. */
export type CheckedQuestion = { change: QuestionChange; options: Array<NewOption & { id: string | null }> };

export type CheckContext = {
  /** The questions before this one (all of them, for a new question). */
  earlier: Question[];
  /** The question being changed, if it exists. */
  existing?: Question;
  /** The questions after it (their conditions may point at its options). */
  later: Question[];
};

const NUMBER = /^-?\d{1,9}(\.\d{1,4})?$/;
const E = 'surveys.builder.errors.';

function checkLength(problems: Problem[], fieldName: string, value: string, max: number, key: string, params: Record<string, unknown> = {}) {
  // Counted in characters as PostgreSQL's length() counts them (an emoji is one, not two).
  if ([...value].length > max) problems.push({ field: fieldName, key: `${E}${key}`, params: { ...params, max } });
}

function checkSettings(draft: Draft, problems: Problem[]): QuestionSettings {
  switch (draft.type) {
    case 'smiley_scale':
      if (draft.points !== '3' && draft.points !== '5') problems.push({ field: 'points', key: `${E}points.missing` });
      return { points: draft.points === '5' ? 5 : 3 };
    case 'rating':
      if (draft.maxRating !== '5' && draft.maxRating !== '10') problems.push({ field: 'maxRating', key: `${E}maxRating.missing` });
      return { maxRating: draft.maxRating === '10' ? 10 : 5 };
    case 'free_text': {
      const typed = draft.maxLength.trim();
      if (typed === '') return { maxLength: DEFAULT_FREE_TEXT_MAX };
      const value = /^\d{1,5}$/.test(typed) ? Number(typed) : Number.NaN;
      if (!(value >= 1 && value <= FREE_TEXT_LIMIT)) problems.push({ field: 'maxLength', key: `${E}maxLength.invalid`, params: { max: FREE_TEXT_LIMIT } });
      return { maxLength: value };
    }
    case 'number': {
      const settings: QuestionSettings = {};
      for (const name of ['min', 'max'] as const) {
        const typed = draft[name].trim();
        if (typed === '') continue;
        if (NUMBER.test(typed)) settings[name] = Number(typed);
        else problems.push({ field: name, key: `${E}${name}.invalid` });
      }
      if (settings.min !== undefined && settings.max !== undefined && settings.min > settings.max) problems.push({ field: 'max', key: `${E}max.belowMin` });
      return settings;
    }
    case 'card_sort':
      return { allowComment: draft.allowComment };
    default:
      return {};
  }
}

/** A row nobody typed in: left out, as the form says. */
const isEmptyRow = (o: OptionRow) => !o.label.trim() && !o.easyRead.trim() && !o.symbol && !o.altText.trim();

function checkOptions(draft: Draft, context: CheckContext, problems: Problem[]): Array<NewOption & { id: string | null }> {
  const noun = rowNoun(draft.type);
  const fixed = READY_MADE.has(draft.type);
  const existingIds = new Set(context.existing?.options.map((o) => o.id) ?? []);
  const options: Array<NewOption & { id: string | null }> = [];
  const seen = new Map<string, number>();
  let firstEmpty: number | undefined;
  draft.options.forEach((row, i) => {
    const n = i + 1;
    const id = `option-${n}`;
    if (!fixed && isEmptyRow(row)) {
      firstEmpty ??= n;
      return;
    }
    const label = row.label.trim();
    const easyRead = row.easyRead.trim();
    const altText = row.altText.trim();
    if (!label) problems.push({ field: `${id}-label`, key: `${E}${noun}.labelMissing`, params: { n } });
    checkLength(problems, `${id}-label`, label, LIMITS.label, `${noun}.labelTooLong`, { n });
    checkLength(problems, `${id}-easyRead`, easyRead, LIMITS.optionEasyRead, `${noun}.easyReadTooLong`, { n });
    const symbol = row.symbol ? findSymbol(row.symbol)?.hexcode : undefined;
    if (row.symbol && !symbol) problems.push({ field: `${id}-symbol`, key: `${E}${noun}.symbolInvalid`, params: { n } });
    if (!row.symbol && draft.type === 'picture_choice') problems.push({ field: `${id}-symbol`, key: `${E}options.symbolMissing`, params: { n } });
    if (symbol && !altText) problems.push({ field: `${id}-altText`, key: `${E}${noun}.altTextMissing`, params: { n } });
    if (symbol) checkLength(problems, `${id}-altText`, altText, LIMITS.altText, `${noun}.altTextTooLong`, { n });
    const same = seen.get(label.toLocaleLowerCase('en-GB'));
    if (label && same !== undefined) problems.push({ field: `${id}-label`, key: `${E}${noun}.duplicate`, params: { n, other: same } });
    else if (label) seen.set(label.toLocaleLowerCase('en-GB'), n);
    options.push({ id: existingIds.has(row.id) ? row.id : null, label, easyRead, symbol: symbol ?? null, altText: symbol ? altText : '' });
  });
  if (options.length < MIN_OPTIONS) problems.push({ field: `option-${firstEmpty ?? 1}-label`, key: `${E}${noun}.tooFew`, params: { min: MIN_OPTIONS } });

  // An option that a later question's condition points at cannot go: that question would be
  // shown to nobody, or to everyone, without the lead having decided which.
  if (context.existing) {
    const kept = new Set(options.flatMap((o) => (o.id ? [o.id] : [])));
    for (const removed of context.existing.options.filter((o) => !kept.has(o.id))) {
      const dependant = context.later.find((q) => q.showIf?.optionId === removed.id);
      if (!dependant) continue;
      const rowIndex = draft.options.findIndex((r) => r.id === removed.id);
      const target = rowIndex >= 0 ? `option-${rowIndex + 1}-label` : draft.type === 'smiley_scale' ? 'points' : 'option-1-label';
      problems.push({ field: target, key: `${E}options.inUse`, params: { label: removed.label, number: dependant.position } });
    }
  }
  return options;
}

function checkCondition(draft: Draft, context: CheckContext, problems: Problem[]): QuestionChange['showIf'] {
  if (draft.showIf === '') return null;
  const [questionId = '', optionId = ''] = draft.showIf.split(':');
  const earlier = context.earlier.find((q) => q.id === questionId && OPTION_TYPES.has(q.type));
  if (!earlier || !earlier.options.some((o) => o.id === optionId)) {
    problems.push({ field: 'showIf', key: `${E}showIf.invalid` });
    return null;
  }
  return { questionId, optionId };
}

/** Checks a whole question form. Every problem is found in one round, as GOV.UK asks. */
export function checkDraft(draft: Draft, context: CheckContext): { ok: true; value: CheckedQuestion } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const { text, easyRead, hint } = wordingOf(draft, problems);
  const settings = checkSettings(draft, problems);
  const options = hasOptionRows(draft.type) ? checkOptions(draft, context, problems) : [];
  const showIf = checkCondition(draft, context, problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { change: { text, easyRead, hint, required: draft.required, settings, showIf }, options } };
}

/** Only the wording, once people have answered. */
export function checkWording(draft: Draft): { ok: true; value: { text: string; easyRead: string; hint: string } } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const wording = wordingOf(draft, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: wording };
}

/** The question's wording, trimmed, with any problem added to `problems`. */
function wordingOf(draft: Draft, problems: Problem[]): { text: string; easyRead: string; hint: string } {
  const text = draft.text.trim();
  if (!text) problems.push({ field: 'text', key: `${E}text.missing` });
  checkLength(problems, 'text', text, LIMITS.text, 'text.tooLong');
  const easyRead = draft.easyRead.trim();
  checkLength(problems, 'easyRead', easyRead, LIMITS.easyRead, 'easyRead.tooLong');
  const hint = draft.hint.trim();
  checkLength(problems, 'hint', hint, LIMITS.hint, 'hint.tooLong');
  return { text, easyRead, hint };
}

/** The type chosen on the first page. */
export function chosenType(input: unknown): QuestionType | undefined {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const type = field(body, 'type');
  return isQuestionType(type) ? type : undefined;
}

/** The words typed into the symbol search, kept to a sensible length. */
export function searchQuery(input: unknown): string {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  return field(body, 'q').trim().slice(0, MAX_QUERY_LENGTH);
}

export function chosenSymbol(input: unknown): string {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  return field(body, 'chosenSymbol').trim().toUpperCase();
}
