/**
 * "What happened to my views?" (by receipt code) and "What changed because of you" (signed in): a
 * person's own contributions, each with the published answer to its theme, in easy read.
 *
 * A receipt code is something people write down, so what it shows must never be more than a
 * public page plus the person's own words with personal details already removed: the redacted text
 * only (automatic redaction runs as each contribution arrives), nothing hidden by a moderator, and
 * never anyone else's words: the answer is shown without its quotes.
 */
import type { Db, ListenedRating, ResponseStatus } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { parseReceiptCode } from '../../lib/codes.ts';
import * as repo from './public.repository.ts';
import { easyLines, toEntry } from './public.service.ts';

/** The published answer to a contribution's theme, as the easy-read pages show it (no quotes). */
export type EasyAnswer = {
  title: string;
  symbol: string | null;
  symbolAlt: string;
  status: ResponseStatus;
  statusSymbol: string;
  weDidLines: string[];
  reasonLines: string[];
  publishedAt: Date;
};

export type MyView = {
  id: string;
  activityTitle: string;
  /** The question as the person saw it (easy read in children's mode), or null for "anything else". */
  question: string | null;
  text: string;
  answer: EasyAnswer | null;
  /** Given by a signed-in parent carer with their child (the survey's supporter mode). */
  withChild?: boolean;
};

export type ReceiptViews = {
  response: { activityTitle: string; submittedAt: Date; listened: ListenedRating | null };
  views: MyView[];
  /** True when at least one view has a published answer (then "Do you feel listened to?" is asked). */
  anyAnswered: boolean;
};

function answerOf(published: repo.OwnContribution['published']): EasyAnswer | null {
  if (!published) return null;
  const entry = toEntry({ id: published.id, content: published.content, services: [], firstPublishedAt: published.firstPublishedAt, publishedAt: published.publishedAt });
  if (!entry) return null;
  return {
    title: entry.title,
    symbol: entry.symbol,
    symbolAlt: entry.symbolAlt,
    status: entry.status,
    statusSymbol: entry.statusSymbol,
    weDidLines: easyLines(entry.whatChangedEasyRead || entry.whatChanged),
    reasonLines: entry.status === 'cannot' ? easyLines(entry.reason) : [],
    publishedAt: entry.publishedAt,
  };
}

function toView(c: repo.OwnContribution): MyView {
  const question = c.childrenMode && c.questionEasyRead ? c.questionEasyRead : c.questionText;
  return { id: c.id, activityTitle: c.activityTitle, question: question || null, text: c.redactedText, answer: answerOf(c.published) };
}

/** What a receipt code shows, or undefined when the code is malformed or unknown in this area. */
export async function lookupMyViews(db: Db, areaId: string, typed: unknown): Promise<ReceiptViews | undefined> {
  const code = parseReceiptCode(typed);
  if (!code) return undefined;
  return withArea(db, areaId, async (tx) => {
    const response = await repo.findResponseByReceipt(tx, areaId, code);
    if (!response) return undefined;
    const views = (await repo.listOwnContributions(tx, areaId, { receiptCode: code })).map(toView);
    return {
      response: { activityTitle: response.activityTitle, submittedAt: response.submittedAt, listened: response.listened },
      views,
      anyAnswered: views.some((v) => v.answer !== null),
    };
  });
}

/**
 * "Do you feel listened to?": one answer per response (the receipt code's), which a later answer
 * replaces. Returns false when the code is unknown in this area.
 */
export async function recordListened(db: Db, areaId: string, receiptCode: unknown, rating: ListenedRating): Promise<boolean> {
  const code = parseReceiptCode(receiptCode);
  if (!code) return false;
  return withArea(db, areaId, async (tx) => {
    const response = await repo.findResponseByReceipt(tx, areaId, code);
    if (!response) return false;
    await repo.upsertListened(tx, areaId, { id: response.id, activityId: response.activityId }, rating);
    return true;
  });
}

export type WhatChanged = { activities: Array<{ title: string; views: MyView[] }>; answered: number; total: number };

/**
 * A signed-in person's own contributions in this area, across all activities, grouped by activity:
 * their own answers, and the ones they gave with their child as the survey's supporter (marked).
 */
export async function whatChanged(db: Db, areaId: string, accountId: string): Promise<WhatChanged> {
  const views = await withArea(db, areaId, async (tx) =>
    (await repo.listOwnContributions(tx, areaId, { accountId })).map((c) => ({ activityId: c.activityId, view: { ...toView(c), withChild: c.withChild } })),
  );
  const byActivity = new Map<string, { title: string; views: MyView[] }>();
  for (const { activityId, view } of views) {
    const group = byActivity.get(activityId) ?? { title: view.activityTitle, views: [] };
    group.views.push(view);
    byActivity.set(activityId, group);
  }
  return { activities: [...byActivity.values()], answered: views.filter((v) => v.view.answer).length, total: views.length };
}
