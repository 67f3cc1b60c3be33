/**
 * What the feedback module ("we did") reads of a theme ("you said") to answer it and publish the
 * answer: the theme's words and how many visible contributions it holds, its quotes, the activities
 * behind it, and taking words out of quotes. Theme rows are read and mapped only in
 * themes.repository.ts; the feedback module asks here instead of querying theme tables itself.
 *
 * Every function runs in the caller's transaction (withArea), because publishing freezes the theme
 * and its response together under the response's row lock.
 *
 * Why a file of its own rather than themes.service.ts: that service cites survey results
 * (surveys → privacy → feedback), so feedback importing it would make the modules import each other
 * in a circle. This file depends on nothing but the themes repository.
 */
import type { AreaTx } from '../../db/database.ts';
import { isId } from '../../lib/ids.ts';
import * as repo from './themes.repository.ts';

export type { ThemeWords } from './themes.repository.ts';

/** A theme as its response shows it: its words, and the visible contributions in it. */
export type ThemeToAnswer = { id: string } & repo.ThemeWords & {
  /** Contributions in the theme that are not hidden by moderation. */
  contributionCount: number;
};

/** The theme, or undefined for a bad, unknown or other area's id. */
export async function findThemeToAnswer(tx: AreaTx, areaId: string, themeId: string): Promise<ThemeToAnswer | undefined> {
  if (!isId(themeId)) return undefined;
  const theme = await repo.findTheme(tx, areaId, themeId);
  if (!theme) return undefined;
  const { id, title, summary, easyReadSummary, symbol, symbolAlt, citation } = theme;
  return { id, title, summary, easyReadSummary, symbol, symbolAlt, citation, contributionCount: await repo.countVisibleContributions(tx, areaId, themeId) };
}

export async function themeExists(tx: AreaTx, areaId: string, themeId: string): Promise<boolean> {
  return isId(themeId) && (await repo.findTheme(tx, areaId, themeId)) !== undefined;
}

/**
 * What a publication freezes beside the words: the quotes (redacted text of visible contributions a
 * lead chose, never the original words) and the activities the visible contributions came from.
 */
export async function themeQuotesAndActivities(tx: AreaTx, areaId: string, themeId: string): Promise<{ quotes: string[]; activities: Array<{ id: string; title: string; services: string[] }> }> {
  return { quotes: await repo.listQuoteTexts(tx, areaId, themeId), activities: await repo.listThemeActivities(tx, areaId, themeId) };
}

/**
 * Stops quoting these contributions (their words are leaving the public pages: held for
 * safeguarding, redacted anew or erased) and returns the themes they are in.
 */
export function unquoteContributions(tx: AreaTx, areaId: string, contributionIds: readonly string[]): Promise<string[]> {
  return repo.unquoteContributions(tx, areaId, [...new Set(contributionIds.filter(isId))]);
}
