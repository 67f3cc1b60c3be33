/**
 * The question builder's forms. A question form has a changing number of option rows and several
 * buttons (save, add another option, choose or remove a symbol), so it is read into a Draft (every
 * value as typed, to show again) and checked separately, with the activity's other questions at hand
 * for conditions. Error texts are catalogue keys under surveys.builder.errors.
 */
import { z } from 'zod';
import { findSymbol, MAX_QUERY_LENGTH } from '../../lib/symbols.ts';
import type { BuilderProblem, QuestionSettings, SettingsDraft } from './question-types/definition.ts';
import { formText } from './question-types/definition.ts';
import { isQuestionType, questionType, readyMadeOptions, type Question, type QuestionType } from './question-types.ts';
import type { NewOption, QuestionChange } from './questions.service.ts';
import { londonToUtc, parseClockTime, realDate } from '../activities/activities.service.ts';

/** The limits the database enforces (migration 2026-11-22T1210), checked here first. */
export const LIMITS = { text: 500, easyRead: 500, hint: 500, label: 200, optionEasyRead: 200, altText: 200 } as const;
export const MIN_OPTIONS = 2;
/** Rows shown on an empty form: enough for most questions, with "Add another" for more. */
export const STARTING_ROWS = 6;

/** Most options a question may have: long lists are hard for everyone, and hardest for children. */
export function maxOptions(type: QuestionType): number {
  return questionType(type).builder.maxOptions;
}

export function hasOptionRows(type: QuestionType): boolean {
  return questionType(type).builder.rows !== 'none';
}

export function rowNoun(type: QuestionType): 'options' | 'items' {
  return questionType(type).builder.rowNoun;
}

const writtenRows = (type: QuestionType) => questionType(type).builder.rows === 'written';
const readyMadeRowsFor = (type: QuestionType) => questionType(type).builder.rows === 'ready-made';

export type OptionRow = { id: string; label: string; easyRead: string; symbol: string; altText: string };

/** A question form as typed: strings kept exactly, so a page shown again loses nothing. */
export type Draft = {
  type: QuestionType;
  text: string;
  easyRead: string;
  hint: string;
  required: boolean;
  /** The type's own settings fields, as typed (question-types/). */
  settings: SettingsDraft;
  /** "questionId:optionId", or "" for everyone. */
  showIf: string;
  options: OptionRow[];
};

const blankRow = (): OptionRow => ({ id: '', label: '', easyRead: '', symbol: '', altText: '' });
const readyMadeRows = (type: QuestionType, settings: QuestionSettings): OptionRow[] =>
  readyMadeOptions(type, settings).map((o) => ({ id: '', label: o.label, easyRead: o.easyRead, symbol: o.symbol ?? '', altText: o.altText }));

export function blankDraft(type: QuestionType): Draft {
  const settings = questionType(type).builder.blankSettings();
  return {
    type,
    text: '',
    easyRead: '',
    hint: '',
    required: false,
    settings,
    showIf: '',
    options: readyMadeRowsFor(type) ? readyMadeRows(type, settingsOf(type, settings) ?? {}) : writtenRows(type) ? Array.from({ length: STARTING_ROWS }, blankRow) : [],
  };
}

/** The settings as typed, if they are valid (to choose ready-made rows before the form is checked). */
function settingsOf(type: QuestionType, settings: SettingsDraft): QuestionSettings | undefined {
  const parsed = questionType(type).builder.settingsSchema.safeParse(asBody(settings));
  return parsed.success ? parsed.data : undefined;
}

/** Settings as a form body would send them: a ticked box as "yes". */
const asBody = (settings: SettingsDraft) => Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v === true ? 'yes' : v === false ? '' : v]));

export function draftFromQuestion(question: Question): Draft {
  const rows = question.options.map((o) => ({ id: o.id, label: o.label, easyRead: o.easyRead, symbol: o.symbol ?? '', altText: o.altText }));
  if (writtenRows(question.type)) {
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
    settings: questionType(question.type).builder.draftSettings(question),
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
    settings: Object.fromEntries(Object.entries(blankDraft(type).settings).map(([name, blank]) => [name, typeof blank === 'boolean' ? ticked(body, name) : field(body, name)])),
    showIf: field(body, 'showIf'),
  };
  if (!hasOptionRows(type)) return { ...draft, options: [] };
  const count = Math.min(maxOptions(type), Math.max(0, Number.parseInt(field(body, 'rows'), 10) || 0));
  draft.options = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const row = (name: string) => field(body, `option-${n}-${name}`);
    return { id: row('id'), label: row('label'), easyRead: row('easyRead'), symbol: row('symbol').trim().toUpperCase(), altText: row('altText') };
  });
  // Ready-made rows follow the settings chosen: a change from 3 faces to 5 brings the 5 faces (their
  // words can be changed after). A yes / no / not sure list always has its three answers.
  if (readyMadeRowsFor(type)) {
    const settings = settingsOf(type, draft.settings);
    const ready = settings ? readyMadeRows(type, settings) : [];
    if (settings && draft.options.length !== ready.length) draft.options = ready;
  }
  if (writtenRows(type) && draft.options.length === 0) draft.options = [blankRow()];
  return draft;
}

/** Only the wording may change once people have answered. */
export function wordingFromBody(question: Question, input: unknown): Draft {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  return { ...draftFromQuestion(question), text: field(body, 'text'), easyRead: field(body, 'easyRead'), hint: field(body, 'hint') };
}

export function addRow(draft: Draft): Draft {
  if (!writtenRows(draft.type) || draft.options.length >= maxOptions(draft.type)) return draft;
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

export type Problem = BuilderProblem;

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

const E = 'surveys.builder.errors.';

/** At most `max` characters, counted as PostgreSQL's length() counts them (an emoji is one, not two). */
const atMost = (max: number) => (value: string) => [...value].length <= max;


/** Zod's problems as the builder's: the message is the catalogue key, the path the field. */
function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'text'), key: issue.message, ...('params' in issue && issue.params ? { params: issue.params as Record<string, unknown> } : {}) }));
}

/** The type's settings, checked by its own schema (question-types/). */
function checkSettings(draft: Draft, problems: Problem[]): QuestionSettings {
  const parsed = questionType(draft.type).builder.settingsSchema.safeParse(asBody(draft.settings));
  if (parsed.success) return parsed.data;
  problems.push(...problemsOf(parsed.error));
  return {};
}

/** A row nobody typed in: left out, as the form says. */
const isEmptyRow = (o: OptionRow) => !o.label.trim() && !o.easyRead.trim() && !o.symbol && !o.altText.trim();

/**
 * One option (or item) row, in two parts so that every problem is found in one round: its words,
 * and its symbol with the alt text that goes with it. Problems point at the row's fields by name
 * ("label"); checkOptions turns them into the row's own field ids ("option-3-label").
 */
function rowSchemas(noun: 'options' | 'items', symbolRequired: boolean) {
  const key = (name: string) => `${E}${noun}.${name}`;
  const trimmed = z.string().transform((v) => v.trim());
  const words = z.object({
    label: trimmed
      .refine((v) => v !== '', { message: key('labelMissing') })
      .refine(atMost(LIMITS.label), { message: key('labelTooLong'), params: { max: LIMITS.label } }),
    easyRead: trimmed.refine(atMost(LIMITS.optionEasyRead), { message: key('easyReadTooLong'), params: { max: LIMITS.optionEasyRead } }),
  });
  const picture = z
    .object({ symbol: z.string(), altText: trimmed })
    .superRefine((row, ctx) => {
      const known = row.symbol ? findSymbol(row.symbol) : undefined;
      const problem = (field: string, message: string, params: Record<string, unknown> = {}) => ctx.addIssue({ code: 'custom', path: [field], message, params });
      if (row.symbol && !known) problem('symbol', key('symbolInvalid'));
      if (!row.symbol && symbolRequired) problem('symbol', `${E}options.symbolMissing`);
      if (known && !row.altText) problem('altText', key('altTextMissing'));
      if (known && !atMost(LIMITS.altText)(row.altText)) problem('altText', key('altTextTooLong'), { max: LIMITS.altText });
    })
    .transform((row) => {
      const symbol = row.symbol ? (findSymbol(row.symbol)?.hexcode ?? null) : null;
      return { symbol, altText: symbol ? row.altText : '' };
    });
  return { words, picture };
}

function checkOptions(draft: Draft, context: CheckContext, problems: Problem[]): Array<NewOption & { id: string | null }> {
  const noun = rowNoun(draft.type);
  const fixed = readyMadeRowsFor(draft.type);
  const schemas = rowSchemas(noun, questionType(draft.type).builder.symbolRequired === true);
  const existingIds = new Set(context.existing?.options.map((o) => o.id) ?? []);
  const options: Array<NewOption & { id: string | null }> = [];
  const seen = new Map<string, number>();
  let firstEmpty: number | undefined;
  draft.options.forEach((row, i) => {
    const n = i + 1;
    if (!fixed && isEmptyRow(row)) {
      firstEmpty ??= n;
      return;
    }
    const words = schemas.words.safeParse(row);
    const picture = schemas.picture.safeParse(row);
    for (const result of [words, picture]) {
      if (!result.success) for (const p of problemsOf(result.error)) problems.push({ ...p, field: `option-${n}-${p.field}`, params: { ...p.params, n } });
    }
    // Two rows with the same words would be the same answer twice: across rows, so checked here.
    const label = row.label.trim();
    const same = seen.get(label.toLocaleLowerCase('en-GB'));
    if (label && same !== undefined) problems.push({ field: `option-${n}-label`, key: `${E}${noun}.duplicate`, params: { n, other: same } });
    else if (label) seen.set(label.toLocaleLowerCase('en-GB'), n);
    if (words.success && picture.success) options.push({ ...words.data, ...picture.data, id: existingIds.has(row.id) ? row.id : null });
  });
  const typed = draft.options.filter((row) => fixed || !isEmptyRow(row)).length;
  if (typed < MIN_OPTIONS) problems.push({ field: `option-${firstEmpty ?? 1}-label`, key: `${E}${noun}.tooFew`, params: { min: MIN_OPTIONS } });

  // An option that a later question's condition points at cannot go: that question would be
  // shown to nobody, or to everyone, without the lead having decided which.
  if (context.existing) {
    const kept = new Set(draft.options.map((r) => r.id).filter((id) => existingIds.has(id)));
    for (const removed of context.existing.options.filter((o) => !kept.has(o.id) || isEmptyRow(draft.options.find((r) => r.id === o.id)!))) {
      const dependant = context.later.find((q) => q.showIf?.optionId === removed.id);
      if (!dependant) continue;
      const rowIndex = draft.options.findIndex((r) => r.id === removed.id);
      // A ready-made row that went with a change of settings (5 faces to 3): the settings field that removed it.
      const settingsField = Object.keys(draft.settings)[0];
      const target = rowIndex >= 0 ? `option-${rowIndex + 1}-label` : fixed && settingsField ? settingsField : 'option-1-label';
      problems.push({ field: target, key: `${E}options.inUse`, params: { label: removed.label, number: dependant.position } });
    }
  }
  return options;
}

function checkCondition(draft: Draft, context: CheckContext, problems: Problem[]): QuestionChange['showIf'] {
  if (draft.showIf === '') return null;
  const [questionId = '', optionId = ''] = draft.showIf.split(':');
  const earlier = context.earlier.find((q) => q.id === questionId && questionType(q.type).builder.drivesConditions);
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

const wordingField = (name: 'text' | 'easyRead' | 'hint', required = false) => {
  const trimmed = formText.transform((v) => v.trim());
  const limited = trimmed.refine(atMost(LIMITS[name]), { message: `${E}${name}.tooLong`, params: { max: LIMITS[name] } });
  return required ? limited.refine((v) => v !== '', { message: `${E}${name}.missing` }) : limited;
};

/** The wording every question has. */
const wordingSchema = z.object({ text: wordingField('text', true), easyRead: wordingField('easyRead'), hint: wordingField('hint') });

/** The question's wording, trimmed, with any problem added to `problems`. */
function wordingOf(draft: Draft, problems: Problem[]): { text: string; easyRead: string; hint: string } {
  const parsed = wordingSchema.safeParse(draft);
  if (parsed.success) return parsed.data;
  problems.push(...problemsOf(parsed.error));
  return { text: draft.text.trim(), easyRead: draft.easyRead.trim(), hint: draft.hint.trim() };
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

// ── When the survey is open ──────────────────────────────────────────────────────────────────────

/** What a time box means when it is left empty: a survey opens at the start of the working day and closes at the end of the day. */
export const DEFAULT_OPENING_TIME = '09:00';
export const DEFAULT_CLOSING_TIME = '23:59';

export const DATES_FIELD_IDS = { opens: 'opens-day', closes: 'closes-day' };

type DateBoxes = { day: string; month: string; year: string };
const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const boxes = (b: Record<string, unknown>, prefix: string): DateBoxes => ({ day: str(b[`${prefix}-day`]), month: str(b[`${prefix}-month`]), year: str(b[`${prefix}-year`]) });
const e = (key: string) => `surveys.builder.errors.dates.${key}`;

/**
 * The dates page: an opening and a closing date, each with an optional time, as London wall-clock
 * times. The closing moment must come after the opening one and be in the future (`now`).
 */
export function surveyDatesForm(now: Date) {
  return z.preprocess(
    (body) => {
      const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      const opens = { ...boxes(b, 'opens'), time: str(b.opensTime) };
      const closes = { ...boxes(b, 'closes'), time: str(b.closesTime) };
      return { opens, opensTime: opens.time, closes: { ...closes, opens }, closesTime: closes.time };
    },
    z
      .object({
        opens: z.object({ day: z.string(), month: z.string(), year: z.string(), time: z.string() }).transform((d, ctx) => {
          const date = realDate(d.day, d.month, d.year);
          if (date === undefined) ctx.addIssue({ code: 'custom', message: e('opens.missing') });
          else if (date === 'invalid') ctx.addIssue({ code: 'custom', message: e('opens.invalid') });
          return typeof date === 'string' && date !== 'invalid' ? date : '';
        }),
        opensTime: z.string().transform((t, ctx) => {
          const time = t ? parseClockTime(t) : DEFAULT_OPENING_TIME;
          if (!time) ctx.addIssue({ code: 'custom', message: e('opensTime.invalid') });
          return time ?? '';
        }),
        closes: z
          .object({ day: z.string(), month: z.string(), year: z.string(), time: z.string(), opens: z.object({ day: z.string(), month: z.string(), year: z.string(), time: z.string() }) })
          .transform((d, ctx) => {
            const date = realDate(d.day, d.month, d.year);
            if (date === undefined) ctx.addIssue({ code: 'custom', message: e('closes.missing') });
            else if (date === 'invalid') ctx.addIssue({ code: 'custom', message: e('closes.invalid') });
            else {
              const opensDate = realDate(d.opens.day, d.opens.month, d.opens.year);
              const closesAt = londonToUtc(date, parseClockTime(d.time) ?? DEFAULT_CLOSING_TIME);
              const opensAt = typeof opensDate === 'string' && opensDate !== 'invalid' ? londonToUtc(opensDate, parseClockTime(d.opens.time) ?? DEFAULT_OPENING_TIME) : undefined;
              if (opensAt && closesAt.getTime() <= opensAt.getTime()) ctx.addIssue({ code: 'custom', message: e('closes.beforeOpening') });
              else if (closesAt.getTime() <= now.getTime()) ctx.addIssue({ code: 'custom', message: e('closes.past') });
            }
            return typeof date === 'string' && date !== 'invalid' ? date : '';
          }),
        closesTime: z.string().transform((t, ctx) => {
          const time = t ? parseClockTime(t) : DEFAULT_CLOSING_TIME;
          if (!time) ctx.addIssue({ code: 'custom', message: e('closesTime.invalid') });
          return time ?? '';
        }),
      })
      .transform((d) => ({ opensAt: londonToUtc(d.opens, d.opensTime), closesAt: londonToUtc(d.closes, d.closesTime) })),
  );
}
