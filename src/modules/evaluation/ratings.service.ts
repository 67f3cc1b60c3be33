/**
 * Evaluation (issue 13 §1): participants rate an activity themselves, on a child-friendly symbol
 * scale ("Grown-ups decided everything / Grown-ups asked us / We decided together / We led it"),
 * at the end of a survey (its thank-you page) or through a short code after a meeting.
 *
 * Anonymous to staff except as totals: nothing here gives a staff page one person's rating. Staff
 * see how many chose each step, with counts of 1 to 7 hidden (and secondary suppression), even for
 * their own activity: a rating is an opinion about them. A person sees only their own rating
 * (their response's, or the one their browser holds the id of).
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { newReceiptCode, parseReceiptCode } from '../../lib/codes.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { isSmall, shownRow, SMALLEST_SHOWN, suppressRow, type Shown } from '../../lib/suppression.ts';
import { findSymbol, searchSymbols } from '../../lib/symbols.ts';
import { findActivityIn } from '../activities/activities.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { levelOrder, type CommonLevel } from './data/common-levels.ts';
import { DEFAULT_RATING_STEPS, RATING_STEP_KEYS, type RatingStepKey, type RatingVariant } from './data/ratings-scale.ts';
import * as repo from './ratings.repository.ts';

export type { RatingStepKey, RatingVariant } from './data/ratings-scale.ts';
export type { RatingLink } from './ratings.repository.ts';

/**
 * What participants said about one activity, as totals only. `commonLevel` is the level most of them
 * chose, mapped to Chorus' common levels; null when fewer ratings than the suppression threshold
 * (src/lib/suppression.ts) were given, so that a handful of people cannot be picked out.
 */
export type ParticipantRatingSummary = {
  activityId: string;
  total: number;
  commonLevel: CommonLevel | null;
  /**
   * Whose words the ratings were given in: 'children' (children and young people's scale),
   * 'parent_carers', or 'both'. For saying "young people said they were asked".
   */
  voice: RatingVariant | 'both';
  /** True when the total is 1 to 7: show "fewer than 8", never the number or the level. */
  suppressed: boolean;
};

// ── The scale ────────────────────────────────────────────────────────────────────────────────────

export type ScaleStep = {
  key: RatingStepKey;
  order: number;
  symbol: string;
  commonLevel: CommonLevel;
  /** The words shown, per variant: the area's own, or Chorus' in the reader's language. */
  words: Record<RatingVariant, string>;
  /** Which words are the area's own (false: Chorus' default). */
  own: Record<RatingVariant, boolean>;
};

export type RatingScale = {
  steps: ScaleStep[];
  /** True when the area changed anything (words, pictures or mapping). */
  changed: boolean;
  /** What the settings page's hidden field carries, so a save over someone else's is caught. */
  fingerprint: string;
};

/** Chorus' own words for a step, in the reader's language. */
export function defaultWords(t: Translate, key: RatingStepKey, variant: RatingVariant): string {
  return t(`evaluation.ratings.steps.${key}.${variant === 'children' ? 'children' : 'parentCarers'}`);
}

function scaleFrom(stored: readonly repo.StoredScaleStep[], t: Translate): RatingScale {
  const byKey = new Map(stored.map((s) => [s.step, s]));
  const steps = DEFAULT_RATING_STEPS.map((d): ScaleStep => {
    const s = byKey.get(d.key);
    return {
      key: d.key,
      order: d.order,
      symbol: s?.symbol ?? d.symbol,
      commonLevel: s?.commonLevel ?? d.commonLevel,
      words: { children: s?.childrenWords ?? defaultWords(t, d.key, 'children'), parent_carers: s?.parentCarerWords ?? defaultWords(t, d.key, 'parent_carers') },
      own: { children: Boolean(s?.childrenWords), parent_carers: Boolean(s?.parentCarerWords) },
    };
  }).sort((a, b) => a.order - b.order);
  const fingerprint = stored
    .map((s) => `${s.step}|${s.childrenWords ?? ''}|${s.parentCarerWords ?? ''}|${s.symbol}|${s.commonLevel}`)
    .sort()
    .join(';');
  return { steps, changed: stored.length > 0, fingerprint };
}

export async function getRatingScale(db: Db, areaId: string, t: Translate): Promise<RatingScale> {
  return withArea(db, areaId, async (tx) => scaleFrom(await repo.listScaleSteps(tx, areaId), t));
}

/** The answers of the scale in one variant's words, for the picture cards. */
export function scaleChoices(scale: RatingScale, variant: RatingVariant, current?: RatingStepKey) {
  // The words beside each picture say what it means, so the picture's alt text is empty.
  return scale.steps.map((s) => ({ value: s.key, text: s.words[variant], symbol: s.symbol, alt: '', checked: s.key === current }));
}

export type ScaleInput = {
  steps: Record<RatingStepKey, { childrenWords: string; parentCarerWords: string; symbol: string; commonLevel: CommonLevel }>;
  seen: string;
};

/**
 * Saves the area's scale. Words equal to Chorus' own (in the language the admin saw them in) are
 * stored as "Chorus' own", so they stay translated; anything else is the area's, in both languages.
 */
export async function saveRatingScale(db: Db, areaId: string, actorId: string, input: ScaleInput, t: Translate): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const current = scaleFrom(await repo.listScaleSteps(tx, areaId), t);
    if (current.fingerprint !== input.seen) throw new ConflictError('the rating scale was changed by someone else');
    const steps = RATING_STEP_KEYS.map((key) => {
      const s = input.steps[key];
      const children = s.childrenWords === defaultWords(t, key, 'children') ? null : s.childrenWords;
      const parents = s.parentCarerWords === defaultWords(t, key, 'parent_carers') ? null : s.parentCarerWords;
      return { step: key, childrenWords: children, parentCarerWords: parents, symbol: s.symbol, commonLevel: s.commonLevel };
    });
    const defaults = new Map(DEFAULT_RATING_STEPS.map((d) => [d.key, d]));
    const allDefault = steps.every((s) => !s.childrenWords && !s.parentCarerWords && s.symbol === defaults.get(s.step)!.symbol && s.commonLevel === defaults.get(s.step)!.commonLevel);
    await repo.replaceScaleSteps(tx, areaId, actorId, allDefault ? [] : steps);
    await audit(tx, areaId, actorId, 'evaluation.rating_scale.changed', { type: 'rating_scale', detail: { steps: steps.map((s) => ({ step: s.step, symbol: s.symbol, level: s.commonLevel, ownWords: Boolean(s.childrenWords || s.parentCarerWords) })) } });
  }, actorId);
}

/** Puts Chorus' own scale back (words, pictures and mapping). */
export async function resetRatingScale(db: Db, areaId: string, actorId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await repo.deleteScaleSteps(tx, areaId);
    await audit(tx, areaId, actorId, 'evaluation.rating_scale.reset', { type: 'rating_scale' });
  }, actorId);
}

/**
 * A symbol from what an admin typed: an OpenMoji code ("1F91D", "U+1F91D") or a word to search for
 * ("handshake"): the best match. undefined when nothing fits.
 */
export function symbolFromTyped(typed: string): { hexcode: string; name: string } | undefined {
  const text = typed.trim();
  if (!text) return undefined;
  const code = text.toUpperCase().replace(/^U\+/, '');
  const exact = /^[0-9A-F]{2,6}(-[0-9A-F]{2,6})*$/.test(code) ? findSymbol(code) : undefined;
  // An area's own picture is not offered here: the scale's pictures are OpenMoji's (the table says so).
  if (exact && !exact.hexcode.startsWith('PIC:')) return exact;
  return searchSymbols(text, 1)[0];
}

// ── Which words an activity's participants see ──────────────────────────────────────────────────

/** Children's words in children's mode or for children and young people; otherwise parent carers'. */
export function variantForActivity(activity: { childrenMode: boolean; audience: string }): RatingVariant {
  return activity.childrenMode || activity.audience === 'children_young_people' ? 'children' : 'parent_carers';
}

// ── At the end of a survey (its thank-you page) ─────────────────────────────────────────────────

export type ResponseRatingOffer = {
  variant: RatingVariant;
  choices: ReturnType<typeof scaleChoices>;
  /** The step this response chose, if any, and its words. */
  current: RatingStepKey | null;
  currentWords: string | null;
};

/** The rating question for a survey's thank-you page, with what this response chose (if anything). */
export async function ratingOfferForResponse(db: Db, areaId: string, responseId: string, activity: { childrenMode: boolean; audience: string }, t: Translate): Promise<ResponseRatingOffer> {
  const variant = variantForActivity(activity);
  return withArea(db, areaId, async (tx) => {
    const scale = scaleFrom(await repo.listScaleSteps(tx, areaId), t);
    const current = (await repo.findResponseRating(tx, areaId, responseId)) ?? null;
    return { variant, choices: scaleChoices(scale, variant, current ?? undefined), current, currentWords: current ? scale.steps.find((s) => s.key === current)!.words[variant] : null };
  });
}

/** A response's rating, made or changed (one per response). The common level is mapped as the area's scale says now. */
export async function rateResponse(db: Db, areaId: string, input: { responseId: string; activityId: string; step: RatingStepKey; activity: { childrenMode: boolean; audience: string } }, t: Translate): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const scale = scaleFrom(await repo.listScaleSteps(tx, areaId), t);
    const step = scale.steps.find((s) => s.key === input.step)!;
    await repo.upsertResponseRating(tx, areaId, input.responseId, { activityId: input.activityId, step: input.step, commonLevel: step.commonLevel, variant: variantForActivity(input.activity) });
  });
}

// ── Rating links (a short code after a meeting) ─────────────────────────────────────────────────

/** A link stays open this long unless staff close it sooner: long enough for a group to get round to it. */
export const RATING_LINK_DAYS = 14;

export function isLinkOpen(link: repo.RatingLink, now: Date = new Date()): boolean {
  return link.closedAt === null && link.closesAt.getTime() > now.getTime();
}

export type RatingLinkPage = {
  link: (repo.RatingLink & { open: boolean }) | null;
  totals: RatingTotals;
  scale: RatingScale;
  suggestedVariant: RatingVariant;
};

export type RatingTotals = {
  /** Every rating of the activity, from its survey's thank-you page and from its links. */
  total: number;
  /** The total as staff may see it: null when 1 to 7. */
  shownTotal: number | null;
  rows: Array<{ key: RatingStepKey; symbol: string; words: Record<RatingVariant, string>; commonLevel: CommonLevel; shown: Shown }>;
};

function totalsFrom(scale: RatingScale, counts: Map<RatingStepKey, number>): RatingTotals {
  const numbers = scale.steps.map((s) => counts.get(s.key) ?? 0);
  const total = numbers.reduce((a, b) => a + b, 0);
  // Each person is in one step, and the total is shown: suppressRow hides a second count when one
  // small count could be worked out from the total and the rest. Staff never see exact small counts.
  const shown = shownRow(numbers, suppressRow(numbers), total, false);
  return {
    total,
    shownTotal: isSmall(total) ? null : total,
    rows: scale.steps.map((s, i) => ({ key: s.key, symbol: s.symbol, words: s.words, commonLevel: s.commonLevel, shown: shown[i]! })),
  };
}

/** The staff page of an activity's rating link: the link (if any), the totals so far, and the scale. */
export async function ratingLinkPage(db: Db, areaId: string, activity: { id: string; childrenMode: boolean; audience: string }, t: Translate, now: Date = new Date()): Promise<RatingLinkPage> {
  return withArea(db, areaId, async (tx) => {
    const scale = scaleFrom(await repo.listScaleSteps(tx, areaId), t);
    const link = await repo.findUnclosedLink(tx, areaId, activity.id);
    const totals = totalsFrom(scale, await repo.countSteps(tx, areaId, activity.id));
    return { link: link ? { ...link, open: isLinkOpen(link, now) } : null, totals, scale, suggestedVariant: variantForActivity(activity) };
  });
}

/** A new link for the activity (any link still open for it is closed first). */
export async function createRatingLink(db: Db, areaId: string, actorId: string | null, activityId: string, variant: RatingVariant, now: Date = new Date()): Promise<repo.RatingLink> {
  return withArea(db, areaId, async (tx) => {
    const activity = await findActivityIn(tx, areaId, activityId);
    if (!activity) throw new NotFoundError('activity');
    const old = await repo.findUnclosedLink(tx, areaId, activityId);
    if (old) await repo.closeLink(tx, areaId, old.id, actorId, now);
    const closesAt = new Date(now.getTime() + RATING_LINK_DAYS * 86_400_000);
    // 31^6 codes per area: a clash is rare; draw again if it happens.
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const link = await repo.insertLink(tx, areaId, { activityId, code: newRatingCode(), variant, actorId, closesAt });
      if (link) {
        await audit(tx, areaId, actorId, 'evaluation.rating_link.created', { type: 'activity', id: activityId, detail: { variant } });
        return link;
      }
    }
    throw new Error('could not draw a free rating code');
  }, actorId ?? undefined);
}

/** Closes the activity's link now; false when it had none open. */
export async function closeRatingLink(db: Db, areaId: string, actorId: string, activityId: string, now: Date = new Date()): Promise<boolean> {
  return withArea(db, areaId, async (tx) => {
    const link = await repo.findUnclosedLink(tx, areaId, activityId);
    if (!link) return false;
    await repo.closeLink(tx, areaId, link.id, actorId, now);
    await audit(tx, areaId, actorId, 'evaluation.rating_link.closed', { type: 'activity', id: activityId });
    return true;
  }, actorId);
}

/** The same shape as a receipt code ("7KQ-4MZ"): short enough for a child to copy from a screen. */
function newRatingCode(): string {
  return newReceiptCode();
}

/** What someone typed or followed, made canonical ("7kq 4mz" → "7KQ-4MZ"); undefined if it cannot be a code. */
export function parseRatingCode(typed: unknown): string | undefined {
  return parseReceiptCode(typed);
}

export type PublicRatingLink = {
  code: string;
  open: boolean;
  variant: RatingVariant;
  activityTitle: string;
  choices: ReturnType<typeof scaleChoices>;
  /** The step this browser chose through this link, if it holds a rating of it. */
  current: RatingStepKey | null;
  currentWords: string | null;
};

/**
 * The rating page behind a code in this area, or undefined for any code that is not this area's
 * (malformed, unknown, or another area's: one answer for all, so nothing can be learned from it).
 */
export async function findPublicRatingLink(db: Db, areaId: string, typed: unknown, heldRatingId: string | null, t: Translate, now: Date = new Date()): Promise<PublicRatingLink | undefined> {
  const code = parseRatingCode(typed);
  if (!code) return undefined;
  return withArea(db, areaId, async (tx) => {
    const link = await repo.findLinkByCode(tx, areaId, code);
    if (!link) return undefined;
    const activity = await findActivityIn(tx, areaId, link.activityId);
    if (!activity) return undefined;
    const scale = scaleFrom(await repo.listScaleSteps(tx, areaId), t);
    const current = heldRatingId && isUuid(heldRatingId) ? ((await repo.findLinkRating(tx, areaId, link.id, heldRatingId)) ?? null) : null;
    return {
      code: link.code,
      open: isLinkOpen(link, now),
      variant: link.variant,
      activityTitle: activity.title,
      choices: scaleChoices(scale, link.variant, current ?? undefined),
      current,
      currentWords: current ? scale.steps.find((s) => s.key === current)!.words[link.variant] : null,
    };
  });
}

export type LinkRatingOutcome = { outcome: 'saved'; ratingId: string; changed: boolean } | { outcome: 'closed' } | { outcome: 'unknown' };

/**
 * A rating through a link. `heldRatingId` is the rating this browser gave through this link before
 * (from its signed cookie): that one is changed rather than a second added, so one browser counts
 * once per link. Nothing about the person is stored.
 */
export async function rateThroughLink(db: Db, areaId: string, typed: unknown, step: RatingStepKey, heldRatingId: string | null, t: Translate, now: Date = new Date()): Promise<LinkRatingOutcome> {
  const code = parseRatingCode(typed);
  if (!code) return { outcome: 'unknown' };
  return withArea(db, areaId, async (tx) => {
    const link = await repo.findLinkByCode(tx, areaId, code);
    if (!link) return { outcome: 'unknown' } as const;
    if (!isLinkOpen(link, now)) return { outcome: 'closed' } as const;
    const scale = scaleFrom(await repo.listScaleSteps(tx, areaId), t);
    const rating = { activityId: link.activityId, step, commonLevel: scale.steps.find((s) => s.key === step)!.commonLevel, variant: link.variant };
    if (heldRatingId && isUuid(heldRatingId) && (await repo.updateLinkRating(tx, areaId, link.id, heldRatingId, rating))) {
      return { outcome: 'saved', ratingId: heldRatingId, changed: true } as const;
    }
    return { outcome: 'saved', ratingId: await repo.insertLinkRating(tx, areaId, link.id, rating), changed: false } as const;
  });
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

// ── Totals for other parts (the ladders' level page) ────────────────────────────────────────────

/**
 * Every rated activity's summary in the area, in one query (pages must not query per activity).
 * The level "most chose" is the common level with the most ratings; on a tie, the lower level (what
 * all of the tied groups would at least agree they had).
 */
export async function participantRatingSummaries(db: Db, areaId: string): Promise<Map<string, ParticipantRatingSummary>> {
  const counts = await withArea(db, areaId, (tx) => repo.countLevelsByActivity(tx, areaId));
  const byActivity = new Map<string, repo.LevelCount[]>();
  for (const c of counts) byActivity.set(c.activityId, [...(byActivity.get(c.activityId) ?? []), c]);
  const result = new Map<string, ParticipantRatingSummary>();
  for (const [activityId, rows] of byActivity) {
    const total = rows.reduce((sum, r) => sum + r.count, 0);
    const perLevel = new Map<CommonLevel, number>();
    for (const r of rows) perLevel.set(r.commonLevel, (perLevel.get(r.commonLevel) ?? 0) + r.count);
    let best: CommonLevel | null = null;
    for (const [level, n] of perLevel) {
      const bestCount = best ? perLevel.get(best)! : -1;
      if (n > bestCount || (n === bestCount && best && levelOrder(level) < levelOrder(best))) best = level;
    }
    const variants = new Set(rows.map((r) => r.variant));
    const suppressed = total < SMALLEST_SHOWN;
    result.set(activityId, { activityId, total, commonLevel: suppressed ? null : best, voice: variants.size > 1 ? 'both' : [...variants][0]!, suppressed });
  }
  return result;
}
