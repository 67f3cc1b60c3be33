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

export function draftFromBody(body: unknown): ThemeDraft {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const symbol = text(b.symbol).toUpperCase();
  return {
    title: str(b.title),
    summary: str(b.summary),
    easyReadSummary: str(b.easyReadSummary),
    // A symbol OpenMoji does not have (a tampered form) is dropped, not stored.
    symbol: findSymbol(symbol) ? symbol : '',
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
export const chosenSymbol = (body: unknown) => text((body as Record<string, unknown> | undefined)?.chosenSymbol).toUpperCase();

/**
 * Checks a theme draft. `questionIds` are the questions this theme may cite (the form's list).
 * Returns field → message key for each problem, in the order the fields appear on the page.
 */
export function checkDraft(draft: ThemeDraft, questionIds: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const title = draft.title.trim();
  if (!title) problems.title = `${K}title.missing`;
  else if (title.length > TITLE_MAX) problems.title = `${K}title.tooLong`;
  if (draft.summary.trim().length > SUMMARY_MAX) problems.summary = `${K}summary.tooLong`;
  if (draft.easyReadSummary.trim().length > EASY_READ_MAX) problems.easyReadSummary = `${K}easyReadSummary.tooLong`;
  if (draft.symbol && !draft.symbolAlt.trim()) problems.symbolAlt = `${K}symbolAlt.missing`;
  else if (draft.symbolAlt.trim().length > ALT_MAX) problems.symbolAlt = `${K}symbolAlt.tooLong`;
  if (draft.citedQuestionId && !questionIds.includes(draft.citedQuestionId)) problems.citedQuestionId = `${K}citedQuestionId.unknown`;
  if (draft.citation.trim() && !draft.citedQuestionId) problems.citedQuestionId = `${K}citedQuestionId.missing`;
  if (draft.citation.trim().length > CITATION_MAX) problems.citation = `${K}citation.tooLong`;
  return problems;
}

export const versionField = z.coerce.number().int().min(1).max(2_147_483_647);

// ── Adding contributions to a theme (the unthemed page and suggestions) ─────────────────────────

export type AssignValues = { contributions: string[]; target: string; themeId: string; title: string };
export type AssignChoice = { kind: 'existing'; themeId: string } | { kind: 'new'; title: string };

/**
 * The unthemed page's form: the ticked contributions, and the theme to add them to: one of the list
 * (its id), or "new" with a title typed. (target=existing with a themeId is read the same way.)
 * Returns the choice, or problems (field → message key) with the values to show again.
 */
export function parseAssign(body: unknown): { ok: true; ids: string[]; choice: AssignChoice; values: AssignValues } | { ok: false; problems: Record<string, string>; values: AssignValues } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const target = text(b.target);
  const themeId = isId(target) ? target : target === 'existing' ? text(b.themeId) : '';
  const values: AssignValues = { contributions: tickedIds(b.contribution), target: themeId || target, themeId, title: str(b.title) };
  const problems: Record<string, string> = {};
  if (values.contributions.length === 0) problems.contribution = `${K}contribution.missing`;
  let choice: AssignChoice | undefined;
  if (target === 'new') {
    const title = values.title.trim();
    if (!title) problems.title = `${K}newTitle.missing`;
    else if (title.length > TITLE_MAX) problems.title = `${K}title.tooLong`;
    else choice = { kind: 'new', title };
  } else if (isId(themeId)) {
    choice = { kind: 'existing', themeId };
  } else {
    problems.target = `${K}target.missing`;
  }
  if (Object.keys(problems).length > 0 || !choice) return { ok: false, problems, values };
  return { ok: true, ids: values.contributions, choice, values };
}

/**
 * Accepting a suggestion: its ticked comments, and the theme it names (`themeId`) or the title the
 * lead kept or typed for a new one.
 */
export function parseAccept(body: unknown): { key: string; ids: string[]; themeId: string; title: string; problems: Record<string, string> } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const key = text(b.suggestion).slice(0, 300);
  const ids = tickedIds(b.contribution);
  const themeId = text(b.themeId);
  const title = str(b.title);
  const problems: Record<string, string> = {};
  if (ids.length === 0) problems.contribution = `${K}contribution.missing`;
  if (!isId(themeId)) {
    if (!title.trim()) problems.title = `${K}newTitle.missing`;
    else if (title.trim().length > TITLE_MAX) problems.title = `${K}title.tooLong`;
  }
  return { key, ids, themeId: isId(themeId) ? themeId : '', title, problems };
}

// ── A theme page's contributions ──────────────────────────────────────────────────────────────────

export const CONTRIBUTION_ACTIONS = ['quote', 'unquote', 'remove', 'move'] as const;
export type ContributionAction = (typeof CONTRIBUTION_ACTIONS)[number];

export function parseContributionAction(body: unknown): { action: ContributionAction | null; ids: string[]; moveTo: string; problems: Record<string, string> } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const raw = text(b.action);
  const action = (CONTRIBUTION_ACTIONS as readonly string[]).includes(raw) ? (raw as ContributionAction) : null;
  const ids = tickedIds(b.contribution);
  const moveTo = text(b.moveTo);
  const problems: Record<string, string> = {};
  if (ids.length === 0) problems.contribution = `${K}contribution.missing`;
  if (action === 'move' && !isId(moveTo)) problems.moveTo = `${K}moveTo.missing`;
  return { action, ids, moveTo: isId(moveTo) ? moveTo : '', problems };
}

export function parseMerge(body: unknown): { into: string; problems: Record<string, string> } {
  const into = text((body as Record<string, unknown> | undefined)?.into);
  return isId(into) ? { into, problems: {} } : { into: '', problems: { into: `${K}into.missing` } };
}

/** A page number from a query string (anything odd is page 1). */
export function pageNumber(query: unknown): number {
  const n = Number(str((query as Record<string, unknown> | undefined)?.page));
  return Number.isInteger(n) && n > 0 && n < 1_000_000 ? n : 1;
}

/** The activity filter from a query string ('' when none or not an id). */
export function activityFilter(query: unknown): string {
  const value = text((query as Record<string, unknown> | undefined)?.activity);
  return isId(value) ? value : '';
}
