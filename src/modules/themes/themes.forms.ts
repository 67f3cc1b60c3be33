/**
 * Forms for themes: a theme's words, symbol and citation; adding contributions to a theme; what to
 * do with the contributions ticked on a theme page; merging; accepting a suggestion. Messages are
 * catalogue keys (themes.validation.*). Every value is checked here, so nothing a person types (or
 * an attacker crafts) reaches SQL in a shape PostgreSQL would refuse.
 */
import { z } from 'zod';
import { isId } from '../../lib/ids.ts';
import { findSymbol } from '../../lib/symbols.ts';

const K = 'themes.validation.';

const str = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) ? str(value[0]) : '');
const text = (value: unknown) => str(value).trim();
/** A repeated field (checkboxes) as a list of strings, whatever arrived. */
export const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string').slice(0, 1000);
/** Ticked ids, well formed and each once (anything else cannot be a contribution of the area). */
export const tickedIds = (value: unknown): string[] => [...new Set(list(value).filter(isId))];

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 3000;
export const EASY_READ_MAX = 1000;
export const ALT_MAX = 200;
export const CITATION_MAX = 500;

// ── A theme's words ───────────────────────────────────────────────────────────────────────────────

/** What the theme form carries, typed or not (kept as typed, to show again). */
export type ThemeDraft = {
  title: string;
  summary: string;
  easyReadSummary: string;
  symbol: string;
  symbolAlt: string;
  citedQuestionId: string;
  citation: string;
};

/** A symbol's code point; one OpenMoji does not have (a tampered form) is dropped, never stored. */
function knownSymbol(value: unknown): string {
  const symbol = text(value).toUpperCase();
  return findSymbol(symbol) ? symbol : '';
}

/** The theme form as typed, to show again (and for the steps that only redisplay it). */
export function draftFromBody(body: unknown): ThemeDraft {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    title: str(b.title),
    summary: str(b.summary),
    easyReadSummary: str(b.easyReadSummary),
    symbol: knownSymbol(b.symbol),
    symbolAlt: str(b.symbolAlt),
    citedQuestionId: text(b.citedQuestionId),
    citation: str(b.citation),
  };
}

/** The buttons of the theme form: save, or one of the steps that only redisplay it. */
export type ThemeFormAction = 'save' | 'chooseSymbol' | 'removeSymbol' | 'writeCitation' | 'search' | 'pickSymbol' | 'cancelSymbol';
const ACTIONS: readonly ThemeFormAction[] = ['save', 'chooseSymbol', 'removeSymbol', 'writeCitation', 'search', 'pickSymbol', 'cancelSymbol'];

export function formAction(body: unknown): ThemeFormAction {
  const value = text((body as Record<string, unknown> | undefined)?.action);
  return (ACTIONS as readonly string[]).includes(value) ? (value as ThemeFormAction) : 'save';
}

export const searchQuery = (body: unknown) => text((body as Record<string, unknown> | undefined)?.q).slice(0, 100);

/** A field's text with the spaces at its ends removed (what is stored). */
const trimmed = z.preprocess(text, z.string());

/**
 * The theme form, checked before saving. `questionIds` are the questions this theme may cite (the
 * form's list, and the one it cites now). Field names are the form's, in the page's order.
 */
export function themeForm(questionIds: readonly string[]) {
  return z
    .object({
      title: z.preprocess(text, z.string().min(1, `${K}title.missing`).max(TITLE_MAX, `${K}title.tooLong`)),
      summary: z.preprocess(text, z.string().max(SUMMARY_MAX, `${K}summary.tooLong`)),
      easyReadSummary: z.preprocess(text, z.string().max(EASY_READ_MAX, `${K}easyReadSummary.tooLong`)),
      symbol: z.preprocess(knownSymbol, z.string()),
      symbolAlt: z.preprocess(text, z.string().max(ALT_MAX, `${K}symbolAlt.tooLong`)),
      citedQuestionId: z.preprocess(text, z.string().refine((id) => id === '' || questionIds.includes(id), `${K}citedQuestionId.unknown`)),
      citation: z.preprocess(text, z.string().max(CITATION_MAX, `${K}citation.tooLong`)),
    })
    .superRefine((theme, ctx) => {
      // A symbol is an image: people who cannot see it need its words.
      if (theme.symbol && !theme.symbolAlt) ctx.addIssue({ code: 'custom', path: ['symbolAlt'], message: `${K}symbolAlt.missing` });
      if (theme.citation && !theme.citedQuestionId) ctx.addIssue({ code: 'custom', path: ['citedQuestionId'], message: `${K}citedQuestionId.missing` });
    });
}

/** "Search" in the symbol picker: the words to look for. */
export const symbolSearchForm = z.object({
  q: z.preprocess((value) => text(value).slice(0, 100), z.string().min(1, `${K}q.missing`)),
});

/** "Use this symbol" in the picker: one OpenMoji has, by its code point. */
export const symbolChoiceForm = z.object({
  chosenSymbol: z.preprocess((value) => text(value).toUpperCase(), z.string().refine((hexcode) => findSymbol(hexcode) !== undefined, `${K}chosenSymbol.missing`)),
});

/** "Write a sentence about the results": one of the questions this theme may cite. */
export function citationForm(questionIds: readonly string[]) {
  return z.object({
    citedQuestionId: z.preprocess(text, z.string().min(1, `${K}citedQuestionId.choose`).refine((id) => questionIds.includes(id), `${K}citedQuestionId.unknown`)),
  });
}

export const versionField = z.coerce.number().int().min(1).max(2_147_483_647);

// ── Adding contributions to a theme (the unthemed page and suggestions) ─────────────────────────

/** Ticked comments: at least one. */
const ticked = z.preprocess(tickedIds, z.array(z.string()).min(1, `${K}contribution.missing`));

/** A new theme's title, checked only when a new theme is what the lead chose. */
function checkNewTitle(title: string, ctx: z.RefinementCtx) {
  if (!title.trim()) ctx.addIssue({ code: 'custom', path: ['title'], message: `${K}newTitle.missing` });
  else if (title.trim().length > TITLE_MAX) ctx.addIssue({ code: 'custom', path: ['title'], message: `${K}title.tooLong` });
}

export type AssignValues = { contributions: string[]; target: string; themeId: string; title: string };
export type AssignChoice = { kind: 'existing'; themeId: string } | { kind: 'new'; title: string };

/** The theme the unthemed page's form names: a theme's id as the radio's value, or target=existing with a themeId. */
const chosenThemeId = (target: string, themeId: string) => (isId(target) ? target : target === 'existing' ? themeId : '');

/** The unthemed page's form as typed, to show again. */
export function assignValues(body: unknown): AssignValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const themeId = chosenThemeId(text(b.target), text(b.themeId));
  return { contributions: tickedIds(b.contribution), target: themeId || text(b.target), themeId, title: str(b.title) };
}

/**
 * The unthemed page's form: the ticked contributions, and the theme to add them to: one of the list
 * (its id), or "new" with a title typed.
 */
export const assignForm = z
  .object({
    contribution: ticked,
    target: trimmed,
    themeId: trimmed,
    title: z.preprocess(str, z.string()),
  })
  .superRefine((form, ctx) => {
    if (form.target === 'new') checkNewTitle(form.title, ctx);
    else if (!isId(chosenThemeId(form.target, form.themeId))) ctx.addIssue({ code: 'custom', path: ['target'], message: `${K}target.missing` });
  })
  .transform((form): { ids: string[]; choice: AssignChoice } => ({
    ids: form.contribution,
    choice: form.target === 'new' ? { kind: 'new', title: form.title.trim() } : { kind: 'existing', themeId: chosenThemeId(form.target, form.themeId) },
  }));

/** A suggestion's form as typed: which suggestion, its ticks and the title kept or typed. */
export function acceptValues(body: unknown): { key: string; ids: string[]; title: string } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return { key: text(b.suggestion).slice(0, 300), ids: tickedIds(b.contribution), title: str(b.title) };
}

/**
 * Accepting a suggestion: its ticked comments, and the theme it names (`themeId`) or the title the
 * lead kept or typed for a new one.
 */
export const acceptForm = z
  .object({
    contribution: ticked,
    themeId: z.preprocess((value) => (isId(text(value)) ? text(value) : ''), z.string()),
    title: z.preprocess(str, z.string()),
  })
  .superRefine((form, ctx) => {
    if (!form.themeId) checkNewTitle(form.title, ctx);
  });

// ── A theme page's contributions ──────────────────────────────────────────────────────────────────

export const CONTRIBUTION_ACTIONS = ['quote', 'unquote', 'remove', 'move'] as const;
export type ContributionAction = (typeof CONTRIBUTION_ACTIONS)[number];

/** Where the summary's link goes for each field whose id is not its name (the first button). */
export const CONTRIBUTION_ACTION_IDS = { action: 'action-quote' };

/** The theme page's buttons for the ticked comments: quote, stop quoting, remove, or move (to a theme). */
export const contributionActionForm = z
  .object({
    action: z.preprocess(text, z.enum(CONTRIBUTION_ACTIONS, `${K}action.missing`)),
    contribution: ticked,
    moveTo: z.preprocess((value) => (isId(text(value)) ? text(value) : ''), z.string()),
  })
  .superRefine((form, ctx) => {
    if (form.action === 'move' && !form.moveTo) ctx.addIssue({ code: 'custom', path: ['moveTo'], message: `${K}moveTo.missing` });
  });

/** The theme chosen in "move to", as typed (a well-formed id or nothing), to show again. */
export const moveToValue = (body: unknown) => {
  const value = text((body as Record<string, unknown> | undefined)?.moveTo);
  return isId(value) ? value : '';
};

export const mergeForm = z.object({
  into: z.preprocess(text, z.string().refine(isId, `${K}into.missing`)),
});

/** The theme chosen in "merge into", as typed (a well-formed id or nothing), to show again. */
export const intoValue = (body: unknown) => {
  const value = text((body as Record<string, unknown> | undefined)?.into);
  return isId(value) ? value : '';
};

/** The activity filter from a query string ('' when none or not an id). */
export function activityFilter(query: unknown): string {
  const value = text((query as Record<string, unknown> | undefined)?.activity);
  return isId(value) ? value : '';
}

/**
 * "Also suggest from other activities": suggestions come from the activity being themed unless the
 * lead ticks this (issue 12 §3), so a comment about another service never lands in this one's theme.
 */
export function widerFilter(query: unknown): boolean {
  return text((query as Record<string, unknown> | undefined)?.wider) === 'yes';
}
