/**
 * Themes ("you said"): a lead groups contributions under a heading, writes what they say in plain
 * English and in easy read with a symbol, picks quotes, and may cite a question's results. Decision
 * makers read themes; only participation leads change them (theme.view / theme.manage).
 *
 * Rules kept here:
 * - a contribution is in one theme at most (theme_contribution's key), and only contributions of the
 *   area that are not hidden are put in a theme: ids from a form that are made up, another area's
 *   (row-level security hides them) or hidden are left out, never an error page;
 * - a quote is the redacted text of a visible contribution whose redactions a person has checked;
 * - a cited result never rests on a count of 1 to 7 (src/lib/suppression.ts), because a theme is
 *   published and a small count could point at someone;
 * - a theme whose response is published is not merged or deleted: people were told about it;
 * - every change is audited, with ids and counts, never the words of a contribution.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { translator, type Language, type Translate } from '../../lib/messages/messages.ts';
import { isId } from '../../lib/ids.ts';
import { pageOf, type Page } from '../../lib/pagination.ts';
import { responseStates, type ResponseState } from '../feedback/responses.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { agreedToQuotes } from '../privacy/consent.service.ts';
import { citableTypes } from '../surveys/questions.service.ts';
import { getResults } from '../surveys/results.service.ts';
import { isSmall } from '../../lib/suppression.ts';
import * as repo from './themes.repository.ts';
import { isCourtesy, suggest, type Suggestion } from './suggestions.ts';

export type { CitableQuestion, ThemeContribution, ThemeInput, ThemeWords, UnthemedContribution } from './themes.repository.ts';
export type { ResponseState };

/** A theme with where its response stands (null: never answered). */
export type Theme = repo.Theme & { response: ResponseState | null };
/** A theme as the list shows it, with its counts and where its response stands. */
export type ThemeSummary = repo.ThemeSummary & { response: ResponseState | null };

export const PAGE_SIZE = 50;
/** The suggestions page reads at most this many unthemed contributions (the newest). */
export const SUGGESTION_LIMIT = 500;

/** Input for a new or changed theme. Without a citation sentence, one is written from the results. */
export type NewThemeInput = {
  title: string;
  summary?: string;
  easyReadSummary?: string;
  symbol?: string | null;
  symbolAlt?: string;
  citedQuestionId?: string | null;
  citation?: string;
  /** The language of a citation sentence written for you (default English). */
  language?: Language;
};

export class ThemeTitleTakenError extends Error {
  readonly themeId: string;
  readonly title: string;
  constructor(themeId: string, title: string) {
    super('a theme with this title exists');
    this.themeId = themeId;
    this.title = title;
  }
}

/** Someone else saved the theme first; `current` is what they saved. */
export class ThemeChangedError extends ConflictError {
  readonly current: Theme;
  constructor(current: Theme) {
    super('theme changed since it was read');
    this.current = current;
  }
}

/** Merging or deleting a theme whose response the public has seen. */
export class ThemePublishedError extends ConflictError {
  constructor() {
    super('theme response is published');
  }
}

export type CitationProblem = 'not_found' | 'not_choice' | 'no_answers' | 'small';
export class CitationError extends Error {
  readonly problem: CitationProblem;
  constructor(problem: CitationProblem) {
    super(`cannot cite: ${problem}`);
    this.problem = problem;
  }
}

export type QuoteProblem = 'hidden' | 'needs_review' | 'not_in_theme' | 'no_consent';
export class QuoteRefusedError extends Error {
  readonly refused: Array<{ id: string; problem: QuoteProblem }>;
  constructor(refused: Array<{ id: string; problem: QuoteProblem }>) {
    super('cannot quote');
    this.refused = refused;
  }
}

/** Well-formed ids only, each once: anything else could not be a contribution or theme of this area. */
const ids = (values: readonly string[]) => [...new Set(values.filter(isId))];

const isPublished = (theme: Theme) => !!theme.response?.publishedAt;

/** Themes with where each one's response stands, asked of the feedback module in one query. */
async function withResponses<T extends { id: string }>(tx: AreaTx, areaId: string, themes: T[]): Promise<Array<T & { response: ResponseState | null }>> {
  const states = await responseStates(tx, areaId, themes.map((t) => t.id));
  return themes.map((t) => ({ ...t, response: states.get(t.id) ?? null }));
}

/** The theme (as the repository reads it, locked or not) with its response, or undefined. */
async function withResponse(tx: AreaTx, areaId: string, theme: repo.Theme | undefined): Promise<Theme | undefined> {
  return theme && (await withResponses(tx, areaId, [theme]))[0];
}

// ── Reading ───────────────────────────────────────────────────────────────────────────────────────

export function listThemes(db: Db, areaId: string, filter: { activityId?: string } = {}): Promise<ThemeSummary[]> {
  const activityId = isId(filter.activityId) ? filter.activityId : undefined;
  return withArea(db, areaId, async (tx) => withResponses(tx, areaId, await repo.listThemes(tx, areaId, { activityId })));
}

export type ThemesOverview = {
  themes: ThemeSummary[];
  /** Visible contributions in no theme (of the chosen activity, if one is chosen). */
  unthemed: number;
  activities: Array<{ id: string; title: string }>;
  activityId: string | undefined;
};

/** The themes page: a fixed number of queries however many themes or contributions there are. */
export async function themesOverview(db: Db, areaId: string, filter: { activityId?: string } = {}): Promise<ThemesOverview> {
  return withArea(db, areaId, async (tx) => {
    const activities = await repo.listActivitiesWithContributions(tx, areaId);
    // Another area's activity matches nothing here (every query names the area): an empty list.
    const activityId = isId(filter.activityId) ? filter.activityId : undefined;
    return {
      themes: await withResponses(tx, areaId, await repo.listThemes(tx, areaId, { activityId })),
      unthemed: await repo.countUnthemed(tx, areaId, activityId),
      activities,
      activityId,
    };
  });
}

export type UnthemedPage = Page & {
  items: repo.UnthemedContribution[];
  activities: Array<{ id: string; title: string }>;
  activityId: string | undefined;
  themes: Array<{ id: string; title: string }>;
};

/** One page (PAGE_SIZE) of visible contributions in no theme, newest first. */
export async function listUnthemed(db: Db, areaId: string, filter: { activityId?: string }, page: number): Promise<UnthemedPage> {
  return withArea(db, areaId, async (tx) => {
    const activities = await repo.listActivitiesWithContributions(tx, areaId);
    const activityId = isId(filter.activityId) ? filter.activityId : undefined;
    const shown = pageOf(page, await repo.countUnthemed(tx, areaId, activityId), PAGE_SIZE);
    const items = await repo.listUnthemed(tx, areaId, { activityId, limit: shown.limit, offset: shown.offset });
    const themes = (await repo.listThemeTitles(tx, areaId)).map(({ id, title }) => ({ id, title }));
    return { ...shown, items, activities, activityId, themes };
  });
}

export async function findTheme(db: Db, areaId: string, themeId: string): Promise<Theme | undefined> {
  if (!isId(themeId)) return undefined;
  return withArea(db, areaId, async (tx) => withResponse(tx, areaId, await repo.findTheme(tx, areaId, themeId)));
}

export type ThemePage = Page & {
  theme: Theme;
  /** With whether each may be quoted now: the person agreed (their latest choice). */
  contributions: Array<repo.ThemeContribution & { quoteAllowed: boolean }>;
  /** Every other theme, for "move to" and "merge into". */
  otherThemes: Array<{ id: string; title: string }>;
};

/**
 * A theme with one page of its contributions. Hidden contributions only for those who manage
 * themes (they see them marked as hidden); a decision maker reads visible ones only.
 * NotFoundError for a bad, unknown or other area's id.
 */
export async function getTheme(db: Db, areaId: string, themeId: string, options: { page?: number; includeHidden?: boolean } = {}): Promise<ThemePage> {
  if (!isId(themeId)) throw new NotFoundError('theme');
  return withArea(db, areaId, async (tx) => {
    const theme = await withResponse(tx, areaId, await repo.findTheme(tx, areaId, themeId));
    if (!theme) throw new NotFoundError('theme');
    const includeHidden = options.includeHidden ?? false;
    const first = await repo.listThemeContributions(tx, areaId, themeId, { includeHidden, limit: PAGE_SIZE, offset: 0 });
    // The first page comes with the count: only a later page costs a second query.
    const shown = pageOf(options.page ?? 1, first.total, PAGE_SIZE);
    const contributions = shown.page === 1 ? first.items : (await repo.listThemeContributions(tx, areaId, themeId, { includeHidden, limit: shown.limit, offset: shown.offset })).items;
    const otherThemes = (await repo.listThemeTitles(tx, areaId)).filter((t) => t.id !== themeId).map(({ id, title }) => ({ id, title }));
    const agreed = await agreedToQuotes(tx, areaId, contributions.flatMap((c) => (c.responseId ? [c.responseId] : [])));
    const withConsent = contributions.map((c) => ({ ...c, quoteAllowed: c.responseId !== null && agreed.has(c.responseId) }));
    return { ...shown, theme, contributions: withConsent, otherThemes };
  });
}

/** Choice questions of the activities whose contributions are in the theme, for citing. */
export function citableQuestions(db: Db, areaId: string, themeId: string): Promise<repo.CitableQuestion[]> {
  if (!isId(themeId)) return Promise.resolve([]);
  return withArea(db, areaId, (tx) => repo.listCitableQuestions(tx, areaId, themeId, citableTypes()));
}

// ── Citing a question's results ───────────────────────────────────────────────────────────────────

/** “A”, “B” and “C” (the catalogue's word for "and": Intl's Welsh writes "a(c)"). */
function listOf(labels: readonly string[], t: Translate): string {
  const quoted = labels.map((l) => `“${l}”`);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} ${t('themes.citation.and')} ${quoted.at(-1)}`;
}

/**
 * A sentence about a choice question's results, from the real answers, such as "Most people who
 * answered chose “A quiet room” (18 of 30)." It uses the results as anyone but the activity's own
 * staff sees them (small counts hidden), and is refused (CitationError 'small') when a count it
 * would state or give away is 1 to 7: those who answered, those who chose the answer, and those
 * who did not (answered minus chose).
 */
export async function writeCitation(db: Db, areaId: string, questionId: string, t: Translate): Promise<string> {
  if (!isId(questionId)) throw new CitationError('not_found');
  const question = await withArea(db, areaId, (tx) => repo.findQuestion(tx, areaId, questionId));
  if (!question) throw new CitationError('not_found');
  // Which types can be cited is each question type's to say (surveys/question-types/).
  if (!citableTypes().includes(question.type)) throw new CitationError('not_choice');
  const { results } = await getResults(db, null, areaId, question.activityId);
  if (results.tooFew) throw new CitationError('small');
  const shown = results.questions.find((q) => q.id === question.id);
  if (!shown) throw new CitationError('not_found');
  const answered = shown.answered.count;
  if (answered === null || shown.breakdownHidden) throw new CitationError('small');
  if (answered === 0) throw new CitationError('no_answers');
  const visible = shown.rows.filter((r) => r.cell.count !== null) as Array<{ label: string; cell: { count: number } }>;
  const top = Math.max(0, ...visible.map((r) => r.cell.count));
  if (top === 0) throw new CitationError(visible.length === shown.rows.length ? 'no_answers' : 'small');
  const leaders = visible.filter((r) => r.cell.count === top).map((r) => r.label);
  if (isSmall(top) || isSmall(answered) || isSmall(answered - top)) throw new CitationError('small');
  const facts = { count: top, answered };
  if (shown.kind === 'multiple') {
    return leaders.length > 1
      ? t('themes.citation.multipleTie', { ...facts, options: listOf(leaders, t) })
      : t('themes.citation.multiple', { ...facts, option: listOf(leaders, t) });
  }
  if (leaders.length > 1) return t('themes.citation.tie', { ...facts, options: listOf(leaders, t) });
  return t(top * 2 > answered ? 'themes.citation.most' : 'themes.citation.mostOften', { ...facts, option: listOf(leaders, t) });
}

// ── Creating and changing themes ──────────────────────────────────────────────────────────────────

/** The input as stored, with the citation sentence written (or checked) against the results. */
async function prepare(db: Db, areaId: string, input: NewThemeInput): Promise<repo.ThemeInput> {
  const questionId = input.citedQuestionId || null;
  let citation = (input.citation ?? '').trim();
  if (questionId) {
    // Written now even when the lead typed their own: the same check refuses a small count.
    const written = await writeCitation(db, areaId, questionId, translator(input.language ?? 'en'));
    if (!citation) citation = written;
  } else {
    citation = '';
  }
  const symbol = input.symbol || null;
  return {
    title: input.title.trim(),
    summary: (input.summary ?? '').trim(),
    easyReadSummary: (input.easyReadSummary ?? '').trim(),
    symbol,
    symbolAlt: symbol ? (input.symbolAlt ?? '').trim() : '',
    citedQuestionId: questionId,
    citation,
  };
}

/** Replays of the same form by the same person within this time make one theme (a double click). */
const REPLAY_WINDOW_MS = 5 * 60_000;

/**
 * Creates a theme and returns its id. Two themes never share a title (ThemeTitleTakenError), except
 * that the very same person sending the very same title again within a few minutes gets the theme
 * they just made: a double submit makes one theme.
 */
export async function createTheme(db: Db, areaId: string, actorId: string | null, input: NewThemeInput): Promise<string> {
  const values = await prepare(db, areaId, input);
  return withArea(db, areaId, async (tx) => {
    await repo.lockThemeTitles(tx, areaId);
    const same = await repo.findThemeByTitle(tx, areaId, values.title);
    if (same) {
      const theme = await repo.findTheme(tx, areaId, same.id);
      const replay =
        actorId !== null &&
        same.createdBy === actorId &&
        same.version === 1 &&
        Date.now() - same.createdAt.getTime() < REPLAY_WINDOW_MS &&
        theme?.title === values.title &&
        theme.summary === values.summary &&
        theme.easyReadSummary === values.easyReadSummary &&
        theme.symbol === values.symbol;
      if (replay) return same.id;
      throw new ThemeTitleTakenError(same.id, same.title);
    }
    const id = await repo.insertTheme(tx, areaId, actorId, values);
    await audit(tx, areaId, actorId, 'theme.create', { type: 'theme', id, detail: { cites: values.citedQuestionId } });
    return id;
  });
}

/**
 * Saves a theme's words if nobody saved since `expectedVersion` was read: ThemeChangedError (with
 * what they saved) if someone did, so nobody's change is silently overwritten.
 */
export async function updateTheme(db: Db, areaId: string, actorId: string | null, themeId: string, input: NewThemeInput, expectedVersion: number): Promise<void> {
  if (!isId(themeId)) throw new NotFoundError('theme');
  const values = await prepare(db, areaId, input);
  await withArea(db, areaId, async (tx) => {
    await repo.lockThemeTitles(tx, areaId);
    const current = await withResponse(tx, areaId, await repo.findTheme(tx, areaId, themeId, { forUpdate: true }));
    if (!current) throw new NotFoundError('theme');
    if (current.version !== expectedVersion) throw new ThemeChangedError(current);
    const same = await repo.findThemeByTitle(tx, areaId, values.title, themeId);
    if (same) throw new ThemeTitleTakenError(same.id, same.title);
    if (!(await repo.updateTheme(tx, areaId, themeId, expectedVersion, values))) throw new ThemeChangedError(current);
    await audit(tx, areaId, actorId, 'theme.update', { type: 'theme', id: themeId, detail: { version: expectedVersion + 1 } });
  });
}

async function lockedTheme(tx: AreaTx, areaId: string, themeId: string): Promise<Theme> {
  if (!isId(themeId)) throw new NotFoundError('theme');
  const theme = await withResponse(tx, areaId, await repo.findTheme(tx, areaId, themeId, { forUpdate: true }));
  if (!theme) throw new NotFoundError('theme');
  return theme;
}

/**
 * Puts contributions in a theme, moving them out of any other. Ids that are not visible
 * contributions of this area are left out. With onlyUnthemed, contributions already in a theme are
 * left where they are (the unthemed page and suggestions: a double submit, or another lead who got
 * there first, changes nothing). Returns how many were added.
 */
export async function assignContributions(
  db: Db,
  areaId: string,
  actorId: string | null,
  themeId: string,
  contributionIds: readonly string[],
  options: { onlyUnthemed?: boolean } = {},
): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    const theme = await lockedTheme(tx, areaId, themeId);
    const found = await repo.lockContributions(tx, areaId, ids(contributionIds));
    const chosen = found.filter((c) => !c.hidden && c.themeId !== theme.id && (!options.onlyUnthemed || c.themeId === null)).map((c) => c.id);
    if (chosen.length === 0) return 0;
    await repo.assign(tx, areaId, actorId, theme.id, chosen);
    await audit(tx, areaId, actorId, 'theme.assign', { type: 'theme', id: theme.id, detail: { count: chosen.length } });
    return chosen.length;
  });
}

/**
 * A new theme holding these contributions, in one transaction. Only contributions still in no theme
 * are used: when none is left (the form was sent twice, or another lead themed them first) no theme
 * is made and the result is null.
 */
export async function assignToNewTheme(db: Db, areaId: string, actorId: string, title: string, contributionIds: readonly string[]): Promise<{ themeId: string; assigned: number } | null> {
  const values = await prepare(db, areaId, { title });
  return withArea(db, areaId, async (tx) => {
    const found = await repo.lockContributions(tx, areaId, ids(contributionIds));
    const chosen = found.filter((c) => !c.hidden && c.themeId === null).map((c) => c.id);
    if (chosen.length === 0) return null;
    await repo.lockThemeTitles(tx, areaId);
    const same = await repo.findThemeByTitle(tx, areaId, values.title);
    if (same) throw new ThemeTitleTakenError(same.id, same.title);
    const themeId = await repo.insertTheme(tx, areaId, actorId, values);
    await audit(tx, areaId, actorId, 'theme.create', { type: 'theme', id: themeId });
    await repo.assign(tx, areaId, actorId, themeId, chosen);
    await audit(tx, areaId, actorId, 'theme.assign', { type: 'theme', id: themeId, detail: { count: chosen.length } });
    return { themeId, assigned: chosen.length };
  });
}

/** Takes contributions out of a theme (they become unthemed). Returns how many were in it. */
export async function removeContributions(db: Db, areaId: string, actorId: string | null, themeId: string, contributionIds: readonly string[]): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    const theme = await lockedTheme(tx, areaId, themeId);
    const removed = await repo.unassign(tx, areaId, theme.id, ids(contributionIds));
    if (removed > 0) await audit(tx, areaId, actorId, 'theme.remove', { type: 'theme', id: theme.id, detail: { count: removed } });
    return removed;
  });
}

/** Moves contributions of one theme to another. Only those in the first theme move. */
export async function moveContributions(db: Db, areaId: string, actorId: string | null, fromThemeId: string, toThemeId: string, contributionIds: readonly string[]): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    // Locked in a fixed order, so two leads moving between the same two themes cannot deadlock.
    const [first, second] = [fromThemeId, toThemeId].sort();
    const a = await lockedTheme(tx, areaId, first!);
    const b = first === second ? a : await lockedTheme(tx, areaId, second!);
    const from = a.id === fromThemeId ? a : b;
    const to = a.id === toThemeId ? a : b;
    if (from.id === to.id) return 0;
    const found = await repo.lockContributions(tx, areaId, ids(contributionIds));
    const chosen = found.filter((c) => c.themeId === from.id).map((c) => c.id);
    if (chosen.length === 0) return 0;
    await repo.assign(tx, areaId, actorId, to.id, chosen);
    await audit(tx, areaId, actorId, 'theme.assign', { type: 'theme', id: to.id, detail: { count: chosen.length, from: from.id } });
    return chosen.length;
  });
}

/**
 * Marks contributions of a theme as quotes, or stops quoting them. All or nothing: if any of them
 * cannot be a quote (hidden, still to be reviewed, or not in this theme), QuoteRefusedError says
 * which and why, and nothing changes. Returns how many changed.
 */
export async function setQuotes(db: Db, areaId: string, actorId: string | null, themeId: string, contributionIds: readonly string[], isQuote: boolean): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    const theme = await lockedTheme(tx, areaId, themeId);
    const wanted = ids(contributionIds);
    const found = new Map((await repo.lockContributions(tx, areaId, wanted)).map((c) => [c.id, c]));
    // Words are quoted only with the person's say-so, as it stands now (privacy/consent.service.ts).
    const agreed = isQuote ? await agreedToQuotes(tx, areaId, [...found.values()].flatMap((c) => (c.responseId ? [c.responseId] : []))) : new Set<string>();
    const refused: Array<{ id: string; problem: QuoteProblem }> = [];
    for (const id of wanted) {
      const c = found.get(id);
      if (!c || c.themeId !== theme.id) refused.push({ id, problem: 'not_in_theme' });
      else if (isQuote && c.hidden) refused.push({ id, problem: 'hidden' });
      else if (isQuote && c.needsReview) refused.push({ id, problem: 'needs_review' });
      else if (isQuote && !(c.responseId && agreed.has(c.responseId))) refused.push({ id, problem: 'no_consent' });
    }
    if (refused.length > 0) throw new QuoteRefusedError(refused);
    const changed = await repo.setQuotes(tx, areaId, theme.id, wanted, isQuote);
    if (changed > 0) await audit(tx, areaId, actorId, 'theme.quote', { type: 'theme', id: theme.id, detail: { count: changed, quote: isQuote } });
    return changed;
  });
}

export async function setQuote(db: Db, areaId: string, actorId: string | null, themeId: string, contributionId: string, isQuote: boolean): Promise<void> {
  await setQuotes(db, areaId, actorId, themeId, [contributionId], isQuote);
}

/**
 * Merges one theme into another: its contributions move (quotes stay quotes) and it is deleted,
 * with any draft response it had. Refused (ThemePublishedError) when its response is published.
 */
export async function mergeThemes(db: Db, areaId: string, actorId: string | null, sourceId: string, targetId: string): Promise<number> {
  if (!isId(sourceId) || !isId(targetId) || sourceId === targetId) throw new NotFoundError('theme');
  return withArea(db, areaId, async (tx) => {
    const [first, second] = [sourceId, targetId].sort();
    const a = await lockedTheme(tx, areaId, first!);
    const b = await lockedTheme(tx, areaId, second!);
    const source = a.id === sourceId ? a : b;
    const target = a.id === targetId ? a : b;
    if (isPublished(source)) throw new ThemePublishedError();
    const moved = await repo.moveAll(tx, areaId, source.id, target.id);
    await repo.deleteTheme(tx, areaId, source.id);
    await audit(tx, areaId, actorId, 'theme.merge', { type: 'theme', id: target.id, detail: { merged: source.id, count: moved } });
    return moved;
  });
}

/** Deletes a theme; its contributions become unthemed. Refused when its response is published. */
export async function deleteTheme(db: Db, areaId: string, actorId: string | null, themeId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const theme = await lockedTheme(tx, areaId, themeId);
    if (isPublished(theme)) throw new ThemePublishedError();
    await repo.deleteTheme(tx, areaId, theme.id);
    await audit(tx, areaId, actorId, 'theme.delete', { type: 'theme', id: theme.id });
  });
}

// ── Suggestions ───────────────────────────────────────────────────────────────────────────────────

export type SuggestionWithComments = Suggestion & { comments: repo.UnthemedContribution[] };

export type Suggestions = {
  suggestions: SuggestionWithComments[];
  /** How many unthemed contributions were read (at most SUGGESTION_LIMIT) and how many there are. */
  analysed: number;
  total: number;
  activities: Array<{ id: string; title: string }>;
  activityId: string | undefined;
  /** Suggestions from every activity, because the lead asked (otherwise only the chosen one's). */
  wider: boolean;
  /** Comments read but left out because they only say thank you, "no comment" or the like. */
  courtesy: number;
};

/**
 * Suggested themes for the visible contributions in no theme (of one activity, if given): additions
 * to existing themes that share their words, then new themes around shared words. Nothing is
 * changed: a lead accepts a suggestion with assignContributions or assignToNewTheme.
 */
export async function suggestThemes(db: Db, areaId: string, filter: { activityId?: string; wider?: boolean } = {}): Promise<Suggestions> {
  const wider = filter.wider === true;
  const data = await withArea(db, areaId, async (tx) => {
    const activities = await repo.listActivitiesWithContributions(tx, areaId);
    const activityId = isId(filter.activityId) && activities.some((a) => a.id === filter.activityId) ? filter.activityId : undefined;
    // Only the activity being themed, unless the lead widened it; with neither, nothing to read yet.
    if (!activityId && !wider) return { activities, activityId, total: 0, comments: [], themes: [] };
    const from = wider ? undefined : activityId;
    return {
      activities,
      activityId,
      total: await repo.countUnthemed(tx, areaId, from),
      comments: await repo.listUnthemedForSuggestions(tx, areaId, from, SUGGESTION_LIMIT),
      themes: await repo.listThemeTitles(tx, areaId),
    };
  });
  const byId = new Map(data.comments.map((c) => [c.id, c]));
  const suggestions = suggest(data.comments.map((c) => ({ id: c.id, text: c.redactedText })), data.themes);
  return {
    suggestions: suggestions.map((s) => ({ ...s, comments: s.contributionIds.map((id) => byId.get(id)!) })),
    analysed: data.comments.length,
    total: data.total,
    activities: data.activities,
    activityId: data.activityId,
    wider,
    courtesy: data.comments.filter((c) => isCourtesy(c.redactedText)).length,
  };
}
