/**
 * What a question type is: one object that owns everything about the type, so that adding a type
 * means adding one file here (with its template in views/respond/types/<name>.njk, any settings
 * fields in views/builder/settings/<name>.njk, and its words in the message catalogues) and one line
 * in the registry (index.ts). Modelled on DEFRA's forms engine, where each component is one class
 * with its view model, validation and errors.
 *
 * A type owns:
 *   builder      its option rows (none, written by the lead, or ready-made), its settings: how they
 *                are read from the builder form, checked, and summed up in the question list;
 *   answer       how an answer is read from a submitted page and checked, shown again in the form,
 *                read back safely from the database, and put into words;
 *   view         what its template needs beyond the question's words and options;
 *   results      how answers are counted, in one of the shared result layouts (ResultKind);
 *   export       its spreadsheet columns;
 *   contribution the free text an answer carries, which becomes a contribution.
 *
 * Pure: no database, no request. Words come in through `Words` functions.
 */
import { z, type ZodType } from 'zod';

/** Stored in answer.value (JSON): each type's value has its own `kind`. */
export type StoredValue = { readonly kind: string; readonly [key: string]: unknown };

/** Card sort piles, Talking Mats style. */
export const CARD_PILES = ['like', 'unsure', 'dislike'] as const;
export type CardPile = (typeof CARD_PILES)[number];

/**
 * Stored in question.settings. Only the keys of the question's own type are used; a type that
 * needs another setting adds its key here only if other code must read it (none does today).
 */
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
  [key: string]: unknown;
};

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
  /** A registered type's name (index.ts). */
  type: string;
  text: string;
  easyRead: string;
  hint: string;
  required: boolean;
  settings: QuestionSettings;
  showIf: { questionId: string; optionId: string } | null;
  options: QuestionOption[];
};

export type ReadyMadeOption = Omit<QuestionOption, 'id' | 'position'>;

/** A problem with an answer: the field it belongs to and its catalogue key (surveys.respond.errors.<key>). */
export type AnswerError = { field: string; key: string; params?: Record<string, string | number> };

/** A submitted form body, as Fastify's form parser gives it: strings, arrays of strings, or anything a hostile client sends. */
export type Body = Record<string, unknown>;

/** Words from the message catalogue, in the reader's language. */
export type Words = (key: string, params?: Record<string, unknown>) => string;

/** The shared result layouts (views/results/results.njk): a new type picks one. */
export type ResultKind = 'options' | 'multiple' | 'distribution' | 'months' | 'ranking' | 'card_sort' | 'free_text';

/** One line of a breakdown: an option, a value or range of values, or a month ("2026-03"). */
export type Tallied = { label: string; symbol?: string | null; month?: string; count: number };

/** What a type's counting gives: how many answered, and the rows of its layout. */
export type TypeTally = {
  answered: number;
  rows?: Tallied[];
  median?: number | null;
  ranking?: Array<{ label: string; averageRank: number; first: number }>;
  cardSort?: Array<{ label: string; piles: [number, number, number]; notPlaced: number }>;
};

export type Cell = string | number | null;

/** What an export cell may need besides the answer: the words of the reader's language, and the contribution text for written answers. */
export type ExportContext = {
  t: Words;
  /** The text to show for words the person wrote (redacted, held or hidden as the export allows), by contribution source. */
  writtenText(source: string, fallback: string | null): Cell;
};

export type ExportColumn<V extends StoredValue> = {
  /** Whether this question has the column (card sort's comments only when it asks for them); always when absent. */
  when?(question: Question): boolean;
  /** One column for each of the question's options (card sort: one per card), each given its option. */
  eachOption?: boolean;
  header(question: Question, t: Words, option?: QuestionOption): string;
  cell(question: Question, value: V | null, context: ExportContext, option?: QuestionOption): Cell;
};

/** The builder's settings fields as typed (strings, or a ticked box), to show again unchanged. */
export type SettingsDraft = Record<string, string | boolean>;

export type BuilderProblem = { field: string; key: string; params?: Record<string, unknown> };

export type QuestionTypeDefinition<V extends StoredValue = StoredValue> = {
  /** Stored in question.type and used in URLs and template names. */
  name: string;
  builder: {
    /** Option rows: none, written by the lead, or ready-made (the lead may reword them). */
    rows: 'none' | 'written' | 'ready-made';
    /** What the rows are called: options to choose between, or items to order or sort. */
    rowNoun: 'options' | 'items';
    /** Catalogue key under surveys.builder.form.rows for the rows' hint ("faces", "pictures"…). */
    rowsKey?: string;
    /** Most rows: long lists are hard for everyone, and hardest for children. */
    maxOptions: number;
    /** Every option needs a symbol (picture choice). */
    symbolRequired?: boolean;
    /** Answers pick from the options, so a later question can be shown only to people who chose one. */
    drivesConditions: boolean;
    /** Ready-made rows for these settings. */
    readyMade?(settings: QuestionSettings): ReadyMadeOption[];
    /** Settings fields: their values on an empty form. Names are the form fields' names. */
    blankSettings(): SettingsDraft;
    /** The settings as the form shows them for a saved question. */
    draftSettings(question: Question): SettingsDraft;
    /** The settings fields read from the submitted form (only this type's). */
    settingsSchema: ZodType<QuestionSettings, unknown>;
    /** The settings in words, for the question list ("3 faces"), or null when there are none. */
    summary?(question: Question, t: Words): string | null;
  };
  answer: {
    /** Reads an answer (null: nothing given), adding problems to `errors`. */
    parse(question: Question, body: Body, errors: AnswerError[]): V | null;
    /** The message when a required question is left: the field it points at and its key. */
    required(question: Question): AnswerError;
    /** The form values that show a saved answer again. */
    formValues(value: V): Record<string, string | string[]>;
    /** A stored value checked against this type's shape; anything else is left out, never allowed to break a page. */
    read(raw: unknown): V | null;
    /** The answer in words, one line per part, for "check your answers". */
    describe(question: Question, value: V, label: (option: QuestionOption) => string, t: Words, lang: string): string[];
    /** The option ids this answer chose (for conditional questions); empty when the type chooses none. */
    chosenOptions?(value: V): string[];
    /** The symbol beside each line `describe` gives (check your answers), when the lines are options. */
    lineSymbols?(question: Question, value: V): Array<string | null>;
  };
  view?: {
    /** Its templates, when not at the usual places: views/respond/types/<name>.njk and views/builder/settings/<name>.njk. */
    templates?: { answer?: string; settings?: string };
    /** What the type's template needs beyond the question's words, hint and options. */
    model?(question: Question): Record<string, unknown>;
    /** Options shown side by side (faces, pictures). */
    inline?: boolean;
    /** Pixels for an option's symbol. */
    symbolSize?(childrenMode: boolean): number;
  };
  results: {
    kind: ResultKind;
    /** Counts the valid answers to one question. */
    tally(question: Question, values: readonly V[]): TypeTally;
    /** Results of this type can be quoted on a theme ("7 in 10 said…"). */
    citable?: boolean;
  };
  /** Spreadsheet columns, one or more per question. */
  export: Array<ExportColumn<V>>;
  /** Words the person wrote in this answer: they become a contribution (source names the kind of text). */
  written?(value: V): { source: 'free_text' | 'card_sort'; text: string } | null;
};

/** Where a type's answer template and builder settings template are. */
export function templatesOf(definition: QuestionTypeDefinition): { answer: string; settings: string } {
  return {
    answer: definition.view?.templates?.answer ?? `surveys/views/respond/types/${definition.name}.njk`,
    settings: definition.view?.templates?.settings ?? `surveys/views/builder/settings/${definition.name}.njk`,
  };
}

/** A type as its file writes it: the builder's usual parts may be left out (see BUILDER_DEFAULTS). */
export type QuestionTypeInput<V extends StoredValue> = Omit<QuestionTypeDefinition<V>, 'builder'> & {
  builder: Partial<QuestionTypeDefinition<V>['builder']> & Pick<QuestionTypeDefinition<V>['builder'], 'rows'>;
};

/**
 * A type for the registry, with the builder's usual parts filled in: options (not items), no
 * rows beyond what `rows` says, no conditions, no settings. The registry holds types of different
 * value shapes; every value given to a type's functions has first passed its own `read` or `parse`,
 * so the shapes never mix.
 */
export function defineQuestionType<V extends StoredValue>(input: QuestionTypeInput<V>): QuestionTypeDefinition {
  const definition: QuestionTypeDefinition<V> = {
    ...input,
    builder: { rowNoun: 'options', maxOptions: 0, drivesConditions: false, blankSettings: () => ({}), draftSettings: () => ({}), settingsSchema: noSettings, ...input.builder },
  };
  return definition as unknown as QuestionTypeDefinition;
}

// ── Small pieces the type files share ──────────────────────────────────────────────────────────

/** The most text anyone can write in one box (contributions hold up to 5,000 characters). */
export const MAX_TEXT = 5000;
export const MAX_COMMENT = 1000;
export const DEFAULT_FREE_TEXT_MAX = 1000;

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
export function single(value: unknown): string | null {
  if (value === undefined || value === '') return '';
  return typeof value === 'string' ? value.trim() : null;
}

/** Several choices: [] when none, null when tampered with. */
export function many(value: unknown): string[] | null {
  if (value === undefined || value === '') return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.filter((v) => v !== '');
  return null;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An option's words by id, or undefined when the option no longer exists. */
export const optionLabel = (question: Question, id: string) => question.options.find((o) => o.id === id)?.label;

/** A ready-made option: its words, a symbol, and alt text the same as the words. */
export const readyOption = (label: string, symbol: string, easyRead = ''): ReadyMadeOption => ({ label, easyRead, symbol, altText: label });

/** The column for a question's answer: "Q3. What do you like?" */
export const questionHeader = (question: Question, t: Words) => t('surveys.results.export.columns.question', { number: question.position, question: question.text });

/** A builder form field as one string: hostile bodies may send arrays, objects or nothing. */
export const formText = z.preprocess((value) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}, z.string());

/** A type with no settings. */
export const noSettings = z.object({}).transform((): QuestionSettings => ({}));
