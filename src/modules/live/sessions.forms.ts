/**
 * The sessions part's forms (issue 15): a new session, and an interaction's form (one form for every
 * kind, with the kind's own settings). Without JavaScript the form has a fixed number of option and
 * column rows; blank rows are ignored. A draft carries exactly what was typed, so an error, a stale
 * edit or a trip to the symbol picker never loses anything.
 */
import { z } from 'zod';
import type { LiveColour, LiveInteractionKind } from '../../db/database.ts';
import { findSymbol } from '../../lib/symbols.ts';
import { COLOURS, INTERACTION_KINDS, readSettings, settingsSchemas, type LiveInteraction } from './core.ts';

const K = 'live.sessions.errors.';

export const newSessionForm = z.object({
  title: z.string({ error: `${K}titleMissing` }).trim().min(1, `${K}titleMissing`).max(200, `${K}titleTooLong`),
  moderation: z.enum(['approve', 'direct'], { error: `${K}moderationMissing` }),
});

export const kindForm = z.object({ kind: z.enum(INTERACTION_KINDS as [LiveInteractionKind, ...LiveInteractionKind[]], { error: `${K}kindMissing` }) });

export const isKind = (value: unknown): value is LiveInteractionKind => typeof value === 'string' && (INTERACTION_KINDS as readonly string[]).includes(value);

export const MAX_OPTIONS = 8;
export const MAX_COLUMNS = 6;

export type OptionRow = { n: number; id: string; label: string; symbol: string };
export type ColumnRow = { n: number; key: string; title: string; colour: string };

/** The form as typed (strings throughout), whatever state it is in. */
export type Draft = {
  kind: LiveInteractionKind;
  prompt: string;
  symbol: string;
  resultsHidden: boolean;
  multiple: boolean;
  style: string;
  lowLabel: string;
  highLabel: string;
  maxWords: string;
  dotsPerPerson: string;
  options: OptionRow[];
  columns: ColumnRow[];
};

export const hasOptions = (kind: LiveInteractionKind) => kind === 'choice' || kind === 'ranking';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Rows shown: the filled ones and room for more, up to the most a kind allows. */
function padRows<T extends { n: number }>(rows: T[], filled: (r: T) => boolean, min: number, max: number, blank: (n: number) => T): T[] {
  const last = rows.reduce((m, r) => (filled(r) ? Math.max(m, r.n) : m), 0);
  // Rows already on the form stay (a row added with "Add another" is blank until typed in).
  const count = Math.min(max, Math.max(min, last + 2, ...rows.map((r) => r.n)));
  return Array.from({ length: count }, (_, i) => rows.find((r) => r.n === i + 1) ?? blank(i + 1));
}

const blankOption = (n: number): OptionRow => ({ n, id: '', label: '', symbol: '' });
const blankColumn = (n: number): ColumnRow => ({ n, key: '', title: '', colour: COLOURS[(n - 1) % COLOURS.length]! });

export function padDraft(draft: Draft): Draft {
  return {
    ...draft,
    options: hasOptions(draft.kind) ? padRows(draft.options, (r) => !!(r.label.trim() || r.symbol), 4, MAX_OPTIONS, blankOption) : [],
    columns: draft.kind === 'board' ? padRows(draft.columns, (r) => !!r.title.trim(), 3, MAX_COLUMNS, blankColumn) : [],
  };
}

export function blankDraft(kind: LiveInteractionKind): Draft {
  const settings = readSettings(kind, undefined) as Record<string, unknown>;
  const fromSettings = draftFromInteraction({ kind, prompt: '', symbol: null, settings, resultsHidden: false });
  // A new choice starts with the ready-made Yes / No; a ranking with empty rows to fill.
  return kind === 'ranking' ? padDraft({ ...fromSettings, options: [] }) : fromSettings;
}

export function draftFromInteraction(i: Pick<LiveInteraction, 'kind' | 'prompt' | 'symbol' | 'settings' | 'resultsHidden'>): Draft {
  const s = readSettings(i.kind, i.settings) as Record<string, unknown>;
  const options = (s.options as { id: string; label: string; symbol: string | null }[] | undefined) ?? [];
  const columns = (s.columns as { key: string; title: string; colour: string }[] | undefined) ?? [];
  return padDraft({
    kind: i.kind,
    prompt: i.prompt,
    symbol: i.symbol ?? '',
    resultsHidden: i.resultsHidden,
    multiple: s.multiple === true,
    style: typeof s.style === 'string' ? s.style : 'faces',
    lowLabel: str(s.lowLabel),
    highLabel: str(s.highLabel),
    maxWords: String(s.maxWords ?? 3),
    dotsPerPerson: String(s.dotsPerPerson ?? 3),
    options: options.map((o, n) => ({ n: n + 1, id: o.id, label: o.label, symbol: o.symbol ?? '' })),
    columns: columns.map((c, n) => ({ n: n + 1, key: c.key, title: c.title, colour: c.colour })),
  });
}

export function draftFromBody(kind: LiveInteractionKind, body: Record<string, unknown>): Draft {
  const options: OptionRow[] = [];
  for (let n = 1; n <= MAX_OPTIONS; n += 1) {
    if (!(`option-${n}-label` in body) && !(`option-${n}-symbol` in body)) continue;
    options.push({ n, id: str(body[`option-${n}-id`]), label: str(body[`option-${n}-label`]), symbol: str(body[`option-${n}-symbol`]) });
  }
  const columns: ColumnRow[] = [];
  for (let n = 1; n <= MAX_COLUMNS; n += 1) {
    if (!(`column-${n}-title` in body)) continue;
    columns.push({ n, key: str(body[`column-${n}-key`]), title: str(body[`column-${n}-title`]), colour: str(body[`column-${n}-colour`]) });
  }
  return padDraft({
    kind,
    prompt: str(body.prompt),
    symbol: str(body.symbol),
    resultsHidden: body.resultsHidden === 'yes',
    multiple: body.multiple === 'yes',
    style: str(body.style),
    lowLabel: str(body.lowLabel),
    highLabel: str(body.highLabel),
    maxWords: str(body.maxWords),
    dotsPerPerson: str(body.dotsPerPerson),
    options,
    columns,
  });
}

/** A symbol that exists in OpenMoji (the live tables take OpenMoji hexcodes only). */
export const knownSymbol = (value: string) => /^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$/.test(value) && !!findSymbol(value);

export type Problem = { field: string; key: string; params?: Record<string, unknown> };

export type Checked = { ok: true; prompt: string; symbol: string | null; settings: unknown; resultsHidden: boolean } | { ok: false; problems: Problem[] };

const rowId = (given: string, taken: Set<string>) => {
  if (/^[a-z0-9]{1,12}$/.test(given) && !taken.has(given)) return given;
  for (let i = 0; ; i += 1) {
    const id = i < 26 ? String.fromCharCode(97 + i) : `o${i}`;
    if (!taken.has(id)) return id;
  }
};

/** Checks a draft and, if it is right, gives the interaction to save (settings checked by core). */
export function checkDraft(draft: Draft): Checked {
  const problems: Problem[] = [];
  const prompt = draft.prompt.trim();
  if (!prompt) problems.push({ field: 'prompt', key: `${K}promptMissing` });
  else if (prompt.length > 300) problems.push({ field: 'prompt', key: `${K}promptTooLong` });
  if (draft.symbol && !knownSymbol(draft.symbol)) problems.push({ field: 'prompt', key: `${K}symbolUnknown` });
  let settings: unknown;
  switch (draft.kind) {
    case 'choice':
    case 'ranking': {
      const filled = draft.options.filter((o) => o.label.trim() || o.symbol);
      const taken = new Set<string>();
      const options: { id: string; label: string; symbol: string | null }[] = [];
      for (const o of filled) {
        const label = o.label.trim();
        if (!label) problems.push({ field: `option-${o.n}-label`, key: `${K}optionLabelMissing`, params: { n: o.n } });
        else if (label.length > 80) problems.push({ field: `option-${o.n}-label`, key: `${K}optionTooLong`, params: { n: o.n } });
        else if (options.some((p) => p.label.toLowerCase() === label.toLowerCase())) problems.push({ field: `option-${o.n}-label`, key: `${K}optionSame`, params: { n: o.n } });
        if (o.symbol && !knownSymbol(o.symbol)) problems.push({ field: `option-${o.n}-label`, key: `${K}symbolUnknown` });
        const id = rowId(o.id, taken);
        taken.add(id);
        options.push({ id, label, symbol: o.symbol && knownSymbol(o.symbol) ? o.symbol : null });
      }
      if (filled.length < 2) problems.push({ field: `option-${Math.min(filled.length + 1, MAX_OPTIONS)}-label`, key: `${K}optionsTooFew` });
      settings = draft.kind === 'choice' ? { options, multiple: draft.multiple } : { options };
      break;
    }
    case 'word_cloud': {
      const n = Number(draft.maxWords);
      if (![1, 2, 3].includes(n)) problems.push({ field: 'maxWords', key: `${K}maxWords` });
      settings = { maxWords: n };
      break;
    }
    case 'scale': {
      if (!['faces', 'stars', 'numbers'].includes(draft.style)) problems.push({ field: 'style', key: `${K}styleMissing` });
      for (const f of ['lowLabel', 'highLabel'] as const) if (draft[f].trim().length > 40) problems.push({ field: f, key: `${K}endTooLong` });
      settings = { style: draft.style, lowLabel: draft.lowLabel.trim(), highLabel: draft.highLabel.trim() };
      break;
    }
    case 'board': {
      const filled = draft.columns.filter((c) => c.title.trim());
      const taken = new Set<string>();
      const columns: { key: string; title: string; colour: LiveColour }[] = [];
      for (const c of filled) {
        const title = c.title.trim();
        if (title.length > 60) problems.push({ field: `column-${c.n}-title`, key: `${K}columnTooLong`, params: { n: c.n } });
        if (!(COLOURS as readonly string[]).includes(c.colour)) problems.push({ field: `column-${c.n}-colour`, key: `${K}colourMissing`, params: { n: c.n } });
        const key = rowId(c.key, taken);
        taken.add(key);
        columns.push({ key, title, colour: c.colour as LiveColour });
      }
      if (filled.length === 0) problems.push({ field: 'column-1-title', key: `${K}columnsTooFew` });
      const dots = draft.dotsPerPerson.trim();
      if (!/^\d{1,2}$/.test(dots) || Number(dots) > 10) problems.push({ field: 'dotsPerPerson', key: `${K}dots` });
      settings = { columns, dotsPerPerson: Number(dots) };
      break;
    }
    default:
      settings = {};
  }
  if (problems.length) return { ok: false, problems };
  const parsed = settingsSchemas[draft.kind].safeParse(settings);
  if (!parsed.success) return { ok: false, problems: [{ field: 'prompt', key: `${K}settings` }] };
  return { ok: true, prompt, symbol: draft.symbol || null, settings: parsed.data, resultsHidden: draft.resultsHidden };
}

/** The field a symbol button is for ('prompt', 'option-3'), if it is one of the form's. */
export function symbolTarget(value: string): string | undefined {
  if (value === 'prompt') return value;
  const m = /^option-(\d)$/.exec(value);
  return m && Number(m[1]) >= 1 && Number(m[1]) <= MAX_OPTIONS ? value : undefined;
}

/** A draft with a symbol put in (or taken out of) the prompt or an option row. */
export function withSymbol(draft: Draft, target: string, symbol: string): Draft {
  if (target === 'prompt') return { ...draft, symbol };
  const n = Number(target.slice('option-'.length));
  const options = draft.options.some((o) => o.n === n) ? draft.options.map((o) => (o.n === n ? { ...o, symbol } : o)) : [...draft.options, { ...blankOption(n), symbol }];
  return padDraft({ ...draft, options: options.sort((a, b) => a.n - b.n) });
}

/** One more blank option or column row, up to the most allowed (the form's "Add another" button). */
export function withExtraRow(draft: Draft, what: 'option' | 'column'): Draft {
  if (what === 'option' && hasOptions(draft.kind) && draft.options.length < MAX_OPTIONS) return { ...draft, options: [...draft.options, blankOption(draft.options.length + 1)] };
  if (what === 'column' && draft.kind === 'board' && draft.columns.length < MAX_COLUMNS) return { ...draft, columns: [...draft.columns, blankColumn(draft.columns.length + 1)] };
  return draft;
}

/** The draft as hidden fields (carried through the symbol picker). */
export function draftFields(draft: Draft, version: string): [string, string][] {
  const out: [string, string][] = [
    ['prompt', draft.prompt],
    ['symbol', draft.symbol],
    ['resultsHidden', draft.resultsHidden ? 'yes' : ''],
    ['multiple', draft.multiple ? 'yes' : ''],
    ['style', draft.style],
    ['lowLabel', draft.lowLabel],
    ['highLabel', draft.highLabel],
    ['maxWords', draft.maxWords],
    ['dotsPerPerson', draft.dotsPerPerson],
  ];
  for (const o of draft.options) out.push([`option-${o.n}-id`, o.id], [`option-${o.n}-label`, o.label], [`option-${o.n}-symbol`, o.symbol]);
  for (const c of draft.columns) out.push([`column-${c.n}-key`, c.key], [`column-${c.n}-title`, c.title], [`column-${c.n}-colour`, c.colour]);
  if (version) out.push(['version', version]);
  return out;
}
