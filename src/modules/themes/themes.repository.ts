/**
 * SQL for themes ("you said") and which contributions are in them. Every function runs inside
 * withArea and also names the area: row-level security is the second lock, not the only one.
 *
 * Contributions are read here only as their redacted text (never original_text), and only what a
 * theme page needs. The theme's response (theme_response) belongs to the feedback module: the
 * service asks it where each response stands (feedback/responses.service.ts responseStates).
 */
import { sql } from 'kysely';
import type { AreaTx, ContributionSource } from '../../db/database.ts';

/** A theme's own words, wherever a theme is shown: lead pages, the public copy, letters. */
export type ThemeWords = {
  title: string;
  summary: string;
  easyReadSummary: string;
  symbol: string | null;
  symbolAlt: string;
  /** "Most children chose …", already checked against suppression when it was written. */
  citation: string;
};

export type ThemeSummary = {
  id: string;
  title: string;
  symbol: string | null;
  symbolAlt: string;
  /** Visible contributions (a hidden one is not counted: nobody outside the review pages sees it). */
  contributionCount: number;
  quoteCount: number;
};

export type Theme = { id: string } & ThemeWords & {
  citedQuestionId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ThemeContribution = {
  id: string;
  /** The survey response it came from (null for channels without one): whose consent to quote counts. */
  responseId: string | null;
  activityId: string;
  activityTitle: string;
  questionText: string | null;
  /** For a live session's contribution (issue 15), the interaction's prompt: what was asked. */
  livePrompt: string | null;
  source: ContributionSource;
  redactedText: string;
  needsReview: boolean;
  hidden: boolean;
  isQuote: boolean;
  createdAt: Date;
};

export type UnthemedContribution = Omit<ThemeContribution, 'isQuote' | 'hidden'>;

export type ThemeInput = {
  title: string;
  summary: string;
  easyReadSummary: string;
  symbol: string | null;
  symbolAlt: string;
  citedQuestionId: string | null;
  citation: string;
};

// ── Themes ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Every theme of the area with its counts, in one statement however many themes
 * there are (the counts are correlated subqueries PostgreSQL runs per row, not queries we send).
 * With an activity, only themes holding at least one of its contributions.
 */
export async function listThemes(tx: AreaTx, areaId: string, filter: { activityId?: string } = {}): Promise<ThemeSummary[]> {
  let query = tx
    .selectFrom('theme')
    .select((eb) => [
      'theme.id',
      'theme.title',
      'theme.symbol',
      'theme.symbol_alt',
      eb
        .selectFrom('theme_contribution')
        .innerJoin('contribution', 'contribution.id', 'theme_contribution.contribution_id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('theme_contribution.theme_id', '=', 'theme.id')
        .where('contribution.hidden_at', 'is', null)
        .as('contribution_count'),
      eb
        .selectFrom('theme_contribution')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('theme_contribution.theme_id', '=', 'theme.id')
        .where('theme_contribution.is_quote', '=', true)
        .as('quote_count'),
    ])
    .where('theme.area_id', '=', areaId);
  if (filter.activityId) {
    const activityId = filter.activityId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('theme_contribution')
          .innerJoin('contribution', 'contribution.id', 'theme_contribution.contribution_id')
          .select(sql`1`.as('one'))
          .whereRef('theme_contribution.theme_id', '=', 'theme.id')
          .where('contribution.activity_id', '=', activityId),
      ),
    );
  }
  const rows = await query.orderBy(sql`lower(theme.title)`).orderBy('theme.id').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    symbol: r.symbol,
    symbolAlt: r.symbol_alt,
    contributionCount: Number(r.contribution_count ?? 0),
    quoteCount: Number(r.quote_count ?? 0),
  }));
}

/** Id and title of every theme, for "move to" and "add to" lists. */
export async function listThemeTitles(tx: AreaTx, areaId: string): Promise<Array<{ id: string; title: string; summary: string }>> {
  return tx.selectFrom('theme').select(['id', 'title', 'summary']).where('area_id', '=', areaId).orderBy(sql`lower(title)`).orderBy('id').execute();
}

export async function findTheme(tx: AreaTx, areaId: string, themeId: string, options: { forUpdate?: boolean } = {}): Promise<Theme | undefined> {
  let query = tx
    .selectFrom('theme')
    .select([
      'theme.id',
      'theme.title',
      'theme.summary',
      'theme.easy_read_summary',
      'theme.symbol',
      'theme.symbol_alt',
      'theme.cited_question_id',
      'theme.citation',
      'theme.version',
      'theme.created_at',
      'theme.updated_at',
    ])
    .where('theme.area_id', '=', areaId)
    .where('theme.id', '=', themeId);
  if (options.forUpdate) query = query.forUpdate('theme');
  const row = await query.executeTakeFirst();
  return (
    row && {
      id: row.id,
      title: row.title,
      summary: row.summary,
      easyReadSummary: row.easy_read_summary,
      symbol: row.symbol,
      symbolAlt: row.symbol_alt,
      citedQuestionId: row.cited_question_id,
      citation: row.citation,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  );
}

/** A theme with this title (ignoring case and spaces at the ends), other than `exceptId`. */
export async function findThemeByTitle(tx: AreaTx, areaId: string, title: string, exceptId?: string): Promise<{ id: string; title: string; createdBy: string | null; createdAt: Date; version: number } | undefined> {
  let query = tx
    .selectFrom('theme')
    .select(['id', 'title', 'created_by', 'created_at', 'version'])
    .where('area_id', '=', areaId)
    .where(sql`lower(btrim(title))`, '=', title.trim().toLowerCase());
  if (exceptId) query = query.where('id', '<>', exceptId);
  const row = await query.executeTakeFirst();
  return row && { id: row.id, title: row.title, createdBy: row.created_by, createdAt: row.created_at, version: row.version };
}

/**
 * Makes two people creating or renaming themes at the same moment take turns, so the "no two
 * themes with one title" check cannot be passed by both at once. Transaction-scoped.
 */
export async function lockThemeTitles(tx: AreaTx, areaId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`theme-titles:${areaId}`}))`.execute(tx);
}

export async function insertTheme(tx: AreaTx, areaId: string, actorId: string | null, input: ThemeInput): Promise<string> {
  const row = await tx
    .insertInto('theme')
    .values({
      area_id: areaId,
      title: input.title,
      summary: input.summary,
      easy_read_summary: input.easyReadSummary,
      symbol: input.symbol,
      symbol_alt: input.symbol ? input.symbolAlt : '',
      cited_question_id: input.citedQuestionId,
      citation: input.citedQuestionId ? input.citation : '',
      created_by: actorId,
      updated_at: sql`now()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves the theme's words if it is still at `expectedVersion`; false if someone saved in between. */
export async function updateTheme(tx: AreaTx, areaId: string, themeId: string, expectedVersion: number, input: ThemeInput): Promise<boolean> {
  const result = await tx
    .updateTable('theme')
    .set({
      title: input.title,
      summary: input.summary,
      easy_read_summary: input.easyReadSummary,
      symbol: input.symbol,
      symbol_alt: input.symbol ? input.symbolAlt : '',
      cited_question_id: input.citedQuestionId,
      citation: input.citedQuestionId ? input.citation : '',
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', themeId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTheme(tx: AreaTx, areaId: string, themeId: string): Promise<void> {
  // theme_contribution rows go with it (ON DELETE CASCADE): the contributions become unthemed.
  await tx.deleteFrom('theme').where('area_id', '=', areaId).where('id', '=', themeId).execute();
}

// ── Contributions in themes ───────────────────────────────────────────────────────────────────────

/**
 * The contributions among `ids` that exist in this area, locked until the transaction ends (two
 * leads sorting the same comments take turns), with the theme each is in now.
 */
export async function lockContributions(
  tx: AreaTx,
  areaId: string,
  ids: readonly string[],
): Promise<Array<{ id: string; responseId: string | null; hidden: boolean; needsReview: boolean; themeId: string | null; isQuote: boolean }>> {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('contribution')
    .leftJoin('theme_contribution', 'theme_contribution.contribution_id', 'contribution.id')
    .select(['contribution.id', 'contribution.response_id', 'contribution.hidden_at', 'contribution.needs_review', 'theme_contribution.theme_id', 'theme_contribution.is_quote'])
    .where('contribution.area_id', '=', areaId)
    .where('contribution.id', 'in', [...ids])
    .orderBy('contribution.id')
    .forUpdate('contribution')
    .execute();
  return rows.map((r) => ({ id: r.id, responseId: r.response_id, hidden: r.hidden_at !== null, needsReview: r.needs_review, themeId: r.theme_id, isQuote: r.is_quote ?? false }));
}

/** Puts contributions in a theme (moving them out of any other); a moved contribution is no longer a quote. */
export async function assign(tx: AreaTx, areaId: string, actorId: string | null, themeId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .insertInto('theme_contribution')
    .values(ids.map((id) => ({ area_id: areaId, contribution_id: id, theme_id: themeId, added_by: actorId })))
    .onConflict((oc) =>
      oc.column('contribution_id').doUpdateSet({ theme_id: themeId, is_quote: false, added_by: actorId }).where('theme_contribution.theme_id', '<>', themeId),
    )
    .execute();
}

export async function unassign(tx: AreaTx, areaId: string, themeId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await tx.deleteFrom('theme_contribution').where('area_id', '=', areaId).where('theme_id', '=', themeId).where('contribution_id', 'in', [...ids]).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setQuotes(tx: AreaTx, areaId: string, themeId: string, ids: readonly string[], isQuote: boolean): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await tx
    .updateTable('theme_contribution')
    .set({ is_quote: isQuote })
    .where('area_id', '=', areaId)
    .where('theme_id', '=', themeId)
    .where('contribution_id', 'in', [...ids])
    .where('is_quote', '<>', isQuote)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Moves every contribution of one theme into another (quotes stay quotes: the words are the same). */
export async function moveAll(tx: AreaTx, areaId: string, fromThemeId: string, toThemeId: string): Promise<number> {
  const result = await tx.updateTable('theme_contribution').set({ theme_id: toThemeId }).where('area_id', '=', areaId).where('theme_id', '=', fromThemeId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Visible contributions in a theme (a hidden one is not counted: nobody outside the review pages sees it). */
export async function countVisibleContributions(tx: AreaTx, areaId: string, themeId: string): Promise<number> {
  const row = await tx
    .selectFrom('theme_contribution')
    .innerJoin('contribution', 'contribution.id', 'theme_contribution.contribution_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('theme_contribution.area_id', '=', areaId)
    .where('theme_contribution.theme_id', '=', themeId)
    .where('contribution.hidden_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Redacted text of the visible contributions a lead chose to quote, oldest first: never the original words. */
export async function listQuoteTexts(tx: AreaTx, areaId: string, themeId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('theme_contribution')
    .innerJoin('contribution', 'contribution.id', 'theme_contribution.contribution_id')
    .select('contribution.redacted_text')
    .where('theme_contribution.area_id', '=', areaId)
    .where('theme_contribution.theme_id', '=', themeId)
    .where('theme_contribution.is_quote', '=', true)
    .where('contribution.hidden_at', 'is', null)
    .orderBy('contribution.created_at')
    .orderBy('contribution.id')
    .execute();
  return rows.map((r) => r.redacted_text).filter((text) => text.trim().length > 0);
}

/** The activities a theme's visible contributions came from, with their services. */
export async function listThemeActivities(tx: AreaTx, areaId: string, themeId: string): Promise<Array<{ id: string; title: string; services: string[] }>> {
  return tx
    .selectFrom('activity')
    .select(['activity.id', 'activity.title', 'activity.services'])
    .where('activity.area_id', '=', areaId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('theme_contribution')
          .innerJoin('contribution', 'contribution.id', 'theme_contribution.contribution_id')
          .select(sql`1`.as('one'))
          .whereRef('contribution.activity_id', '=', 'activity.id')
          .where('theme_contribution.theme_id', '=', themeId)
          .where('contribution.hidden_at', 'is', null),
      ),
    )
    .orderBy('activity.title')
    .orderBy('activity.id')
    .execute();
}

/** Stops quoting these contributions, wherever they are; returns the themes they are in. */
export async function unquoteContributions(tx: AreaTx, areaId: string, contributionIds: readonly string[]): Promise<string[]> {
  if (contributionIds.length === 0) return [];
  const rows = await tx
    .selectFrom('theme_contribution')
    .select('theme_id')
    .distinct()
    .where('area_id', '=', areaId)
    .where('contribution_id', 'in', [...contributionIds])
    .execute();
  await tx.updateTable('theme_contribution').set({ is_quote: false }).where('area_id', '=', areaId).where('contribution_id', 'in', [...contributionIds]).where('is_quote', '=', true).execute();
  return rows.map((r) => r.theme_id);
}

const contributionColumns = [
  'contribution.id',
  'contribution.response_id',
  'contribution.activity_id',
  'activity.title as activity_title',
  'question.text as question_text',
  'contribution.source',
  'contribution.redacted_text',
  'contribution.needs_review',
  'contribution.created_at',
] as const;
const livePromptColumn = sql<string | null>`(select li.prompt from live_interaction li where li.id = contribution.live_interaction_id)`.as('live_prompt');

/** One page of a theme's contributions (hidden ones only when asked), oldest first, and how many there are. */
export async function listThemeContributions(
  tx: AreaTx,
  areaId: string,
  themeId: string,
  options: { includeHidden: boolean; limit: number; offset: number },
): Promise<{ items: ThemeContribution[]; total: number }> {
  let base = tx
    .selectFrom('theme_contribution')
    .innerJoin('contribution', 'contribution.id', 'theme_contribution.contribution_id')
    .where('theme_contribution.area_id', '=', areaId)
    .where('theme_contribution.theme_id', '=', themeId);
  if (!options.includeHidden) base = base.where('contribution.hidden_at', 'is', null);
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('activity', 'activity.id', 'contribution.activity_id')
    .leftJoin('question', 'question.id', 'contribution.question_id')
    .select([...contributionColumns, 'contribution.hidden_at', 'theme_contribution.is_quote'])
    .select(livePromptColumn)
    .orderBy('theme_contribution.is_quote', 'desc')
    .orderBy('contribution.created_at')
    .orderBy('contribution.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      responseId: r.response_id,
      activityId: r.activity_id,
      activityTitle: r.activity_title,
      questionText: r.question_text,
      livePrompt: r.live_prompt,
      source: r.source,
      redactedText: r.redacted_text,
      needsReview: r.needs_review,
      hidden: r.hidden_at !== null,
      isQuote: r.is_quote,
      createdAt: r.created_at,
    })),
  };
}

// ── Unthemed contributions ────────────────────────────────────────────────────────────────────────

function unthemedQuery(tx: AreaTx, areaId: string, activityId: string | undefined) {
  let query = tx
    .selectFrom('contribution')
    .where('contribution.area_id', '=', areaId)
    .where('contribution.hidden_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('theme_contribution').select(sql`1`.as('one')).whereRef('theme_contribution.contribution_id', '=', 'contribution.id'))));
  if (activityId) query = query.where('contribution.activity_id', '=', activityId);
  return query;
}

export async function countUnthemed(tx: AreaTx, areaId: string, activityId?: string): Promise<number> {
  const row = await unthemedQuery(tx, areaId, activityId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Visible contributions in no theme, newest first. */
export async function listUnthemed(tx: AreaTx, areaId: string, options: { activityId?: string; limit: number; offset: number }): Promise<UnthemedContribution[]> {
  const rows = await unthemedQuery(tx, areaId, options.activityId)
    .innerJoin('activity', 'activity.id', 'contribution.activity_id')
    .leftJoin('question', 'question.id', 'contribution.question_id')
    .select(contributionColumns)
    .select(livePromptColumn)
    .orderBy('contribution.created_at', 'desc')
    .orderBy('contribution.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    responseId: r.response_id,
    activityId: r.activity_id,
    activityTitle: r.activity_title,
    questionText: r.question_text,
    livePrompt: r.live_prompt,
    source: r.source,
    redactedText: r.redacted_text,
    needsReview: r.needs_review,
    createdAt: r.created_at,
  }));
}

/** Activities that have contributions, for the filters. */
export async function listActivitiesWithContributions(tx: AreaTx, areaId: string): Promise<Array<{ id: string; title: string }>> {
  return tx
    .selectFrom('activity')
    .select(['activity.id', 'activity.title'])
    .where('activity.area_id', '=', areaId)
    .where((eb) => eb.exists(eb.selectFrom('contribution').select(sql`1`.as('one')).whereRef('contribution.activity_id', '=', 'activity.id')))
    .orderBy(sql`lower(activity.title)`)
    .orderBy('activity.id')
    .execute();
}

// ── Questions a theme can cite ────────────────────────────────────────────────────────────────────

export type CitableQuestion = { id: string; activityId: string; activityTitle: string; text: string; type: string; position: number };

/** Questions of the given types (those whose results can be cited) in the activities whose contributions are in this theme (and the one it cites). */
export async function listCitableQuestions(tx: AreaTx, areaId: string, themeId: string, types: readonly string[]): Promise<CitableQuestion[]> {
  if (types.length === 0) return [];
  const rows = await tx
    .selectFrom('question')
    .innerJoin('activity', 'activity.id', 'question.activity_id')
    .select(['question.id', 'question.activity_id', 'activity.title as activity_title', 'question.text', 'question.type', 'question.position'])
    .where('question.area_id', '=', areaId)
    .where('question.type', 'in', [...types])
    .where((eb) =>
      eb.or([
        eb(
          'question.activity_id',
          'in',
          eb
            .selectFrom('theme_contribution')
            .innerJoin('contribution', 'contribution.id', 'theme_contribution.contribution_id')
            .select('contribution.activity_id')
            .where('theme_contribution.theme_id', '=', themeId),
        ),
        // The question cited now stays on the list even after its comments left the theme.
        eb('question.id', '=', eb.selectFrom('theme').select('theme.cited_question_id').where('theme.id', '=', themeId)),
      ]),
    )
    .orderBy(sql`lower(activity.title)`)
    .orderBy('question.activity_id')
    .orderBy('question.position')
    .execute();
  return rows.map((r) => ({ id: r.id, activityId: r.activity_id, activityTitle: r.activity_title, text: r.text, type: r.type, position: r.position }));
}

export async function findQuestion(tx: AreaTx, areaId: string, questionId: string): Promise<{ id: string; activityId: string; type: string; text: string } | undefined> {
  const row = await tx.selectFrom('question').select(['id', 'activity_id', 'type', 'text']).where('area_id', '=', areaId).where('id', '=', questionId).executeTakeFirst();
  return row && { id: row.id, activityId: row.activity_id, type: row.type, text: row.text };
}

// ── For suggestions ───────────────────────────────────────────────────────────────────────────────

/** The newest visible unthemed contributions, up to `limit`, for the suggestions page. */
export function listUnthemedForSuggestions(tx: AreaTx, areaId: string, activityId: string | undefined, limit: number): Promise<UnthemedContribution[]> {
  return listUnthemed(tx, areaId, { activityId, limit, offset: 0 });
}
