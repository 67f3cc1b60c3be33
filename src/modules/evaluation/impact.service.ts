/**
 * Evaluation (issue 13 §4): what taking part did.
 *
 * - The four evaluation questions, in the area's own words (data/impact-questions.ts holds ours).
 * - (1) and (2), answered by staff for an activity and for each of its published responses, with
 *   evidence and who answered when.
 * - (3) the participant impact check, asked when someone first takes part and again later. A
 *   person's answers are linked by HMAC-SHA-256 of their receipt code or account id, under a key
 *   kept per area: the tables never hold a name, a code or an account id, and staff see totals only
 *   (paired change per item, fewer than 8 pairs not shown).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { parseReceiptCode } from '../../lib/codes.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { SMALLEST_SHOWN, isSmall, suppressEach, suppressRow, type Suppression } from '../../lib/suppression.ts';
import { activityTitlesIn, getActivity } from '../activities/activities.service.ts';
import { displayNamesOf } from '../accounts/accounts.service.ts';
import { publishedResponsesOf, type PublicEntry } from '../feedback/public.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { activitiesSentSince, sentResponseLink } from '../surveys/respond.service.ts';
import {
  AGAIN_AFTER_MONTHS,
  CHECK_VERSIONS,
  EVALUATION_QUESTIONS,
  IMPACT_ITEMS,
  ITEM_IDS,
  type CheckVersion,
  type EvaluationQuestionId,
  type ImpactItemId,
} from './data/impact-questions.ts';
import * as repo from './impact.repository.ts';

export type { ChangeInput, ImpactChange } from './impact.repository.ts';

// ── Settings: the questions' wording, and when to ask again ───────────────────────────────────

export type QuestionSettings = {
  /** The area's own wording by question id; a question without one uses ours. */
  wording: Partial<Record<EvaluationQuestionId, string>>;
  againAfterMonths: number;
  againAfterActivities: number | null;
};

const DEFAULTS: QuestionSettings = { wording: {}, againAfterMonths: AGAIN_AFTER_MONTHS, againAfterActivities: null };

function toQuestionSettings(s: repo.ImpactSettings | undefined): QuestionSettings {
  if (!s) return DEFAULTS;
  const wording: Partial<Record<EvaluationQuestionId, string>> = {};
  for (const q of EVALUATION_QUESTIONS) {
    const own = s.questionWording[q.id];
    if (typeof own === 'string' && own.trim()) wording[q.id] = own;
  }
  return { wording, againAfterMonths: s.againAfterMonths, againAfterActivities: s.againAfterActivities };
}

export async function questionSettings(db: Db, areaId: string): Promise<QuestionSettings> {
  return toQuestionSettings(await withArea(db, areaId, (tx) => repo.findSettings(tx, areaId)));
}

const newKey = () => randomBytes(32).toString('hex');

/** Saves the area's wording (an empty box, or our own words, go back to ours) and when to ask again; audited. */
export async function saveQuestionSettings(db: Db, areaId: string, actorId: string | null, input: QuestionSettings, shipped: Record<EvaluationQuestionId, string>): Promise<void> {
  const wording: Record<string, string> = {};
  for (const q of EVALUATION_QUESTIONS) {
    const own = input.wording[q.id]?.trim();
    if (own && own !== shipped[q.id]) wording[q.id] = own;
  }
  await withArea(db, areaId, async (tx) => {
    await repo.ensureSettings(tx, areaId, newKey());
    await repo.updateSettings(tx, areaId, actorId, { questionWording: wording, againAfterMonths: input.againAfterMonths, againAfterActivities: input.againAfterActivities });
    await audit(tx, areaId, actorId, 'evaluation.impact_settings_saved', {
      type: 'area',
      id: areaId,
      detail: { ownWording: Object.keys(wording), againAfterMonths: input.againAfterMonths, againAfterActivities: input.againAfterActivities },
    });
  });
}

// ── (1) and (2) for one activity ─────────────────────────────────────────────────────────────

export type ChangeView = repo.ImpactChange & { recordedByName: string | null; updatedByName: string | null };

export type ActivityImpact = {
  activity: Awaited<ReturnType<typeof getActivity>>;
  /** The answer for the activity as a whole, if there is one. */
  overall: ChangeView | null;
  /** Each published response of the activity, with its answer if there is one. */
  responses: Array<{ response: PublicEntry; change: ChangeView | null }>;
};

async function withNames(db: Db, changes: repo.ImpactChange[]): Promise<ChangeView[]> {
  const ids = [...new Set(changes.flatMap((c) => [c.recordedBy, c.updatedBy]).filter((id): id is string => Boolean(id)))];
  const names = ids.length ? await displayNamesOf(db, ids) : new Map<string, string>();
  return changes.map((c) => ({ ...c, recordedByName: (c.recordedBy && names.get(c.recordedBy)) || null, updatedByName: (c.updatedBy && names.get(c.updatedBy)) || null }));
}

export async function activityImpact(db: Db, areaId: string, activityId: string): Promise<ActivityImpact> {
  const activity = await getActivity(db, areaId, activityId);
  const [responses, changes] = await Promise.all([
    publishedResponsesOf(db, areaId, { activityId: activity.id }),
    withArea(db, areaId, (tx) => repo.listChangesForActivity(tx, areaId, activity.id)),
  ]);
  const named = await withNames(db, changes);
  const byResponse = new Map(named.filter((c) => c.themeResponseId).map((c) => [c.themeResponseId!, c]));
  return {
    activity,
    overall: named.find((c) => c.themeResponseId === null) ?? null,
    responses: responses.map((response) => ({ response, change: byResponse.get(response.id) ?? null })),
  };
}

/**
 * Saves staff's answers for the activity ('activity') or one of its published responses (its id).
 * A response that is not a published response of this activity is "not found".
 */
export async function saveActivityChange(db: Db, areaId: string, actorId: string | null, activityId: string, target: string, input: repo.ChangeInput): Promise<void> {
  let themeResponseId: string | null = null;
  if (target !== 'activity') {
    if (!isId(target)) throw new NotFoundError('response');
    const published = await publishedResponsesOf(db, areaId, { activityId });
    if (!published.some((r) => r.id === target)) throw new NotFoundError('response');
    themeResponseId = target;
  }
  await withArea(db, areaId, async (tx) => {
    const { created } = await repo.saveChange(tx, areaId, actorId, activityId, themeResponseId, input);
    await audit(tx, areaId, actorId, created ? 'evaluation.impact_answered' : 'evaluation.impact_changed', {
      type: 'activity',
      id: activityId,
      detail: { themeResponseId },
    });
  });
}

// ── The area's view: answers across activities, and paired change ────────────────────────────

/** How many answers the area page lists (newest first); the rest are on each activity's page. */
export const AREA_CHANGES_LIMIT = 200;

export type AreaChange = ChangeView & { activityTitle: string; responseTitle: string | null };

export type ShownCount = { count: number | null; suppression: Suppression };

export type ItemChange = {
  item: ImpactItemId;
  /** Fewer than 8 pairs: nothing about this item is shown. */
  suppressed: boolean;
  pairs: number | null;
  better: ShownCount;
  same: ShownCount;
  worse: ShownCount;
  /** The average of (later − first) on the 1 to 3 scale, to one decimal place; null when suppressed. */
  averageChange: number | null;
};

export type VersionResults = {
  version: CheckVersion;
  /** People who answered the first check only, and people with a first and a later one (suppressed when 1 to 7). */
  firstOnly: ShownCount;
  paired: ShownCount;
  items: ItemChange[];
};

export type AreaImpact = { settings: QuestionSettings; changes: AreaChange[]; results: VersionResults[] };

const show = (count: number, suppression: Suppression): ShownCount => (suppression === 'none' ? { count, suppression } : { count: null, suppression });

/** Paired change as staff may see it: small groups left out, small counts hidden (with secondary suppression). */
export function presentResults(rows: readonly repo.PairedRow[], totals: readonly repo.TakingPartRow[]): VersionResults[] {
  return CHECK_VERSIONS.map((version) => {
    const total = totals.find((t) => t.version === version) ?? { firstOnly: 0, paired: 0 };
    // No page shows their total, so neither can be worked out from the other: only the small ones are hidden.
    const [firstOnlyS, pairedS] = suppressEach([total.firstOnly, total.paired]);
    const items = IMPACT_ITEMS.map((item): ItemChange => {
      const row = rows.find((r) => r.version === version && r.item === item.id);
      const pairs = row?.pairs ?? 0;
      if (!row || pairs < SMALLEST_SHOWN) {
        const hidden: ShownCount = { count: null, suppression: pairs > 0 ? 'small' : 'none' };
        return { item: item.id, suppressed: pairs > 0, pairs: pairs > 0 ? null : 0, better: hidden, same: hidden, worse: hidden, averageChange: null };
      }
      const [b, s, w] = suppressRow([row.better, row.same, row.worse]);
      return {
        item: item.id,
        suppressed: false,
        pairs,
        better: show(row.better, b!),
        same: show(row.same, s!),
        worse: show(row.worse, w!),
        averageChange: Math.round((row.changeSum / pairs) * 10) / 10,
      };
    });
    return { version, firstOnly: show(total.firstOnly, firstOnlyS!), paired: show(total.paired, pairedS!), items };
  });
}

export async function areaImpact(db: Db, areaId: string): Promise<AreaImpact> {
  const { settings, changes, rows, totals } = await withArea(db, areaId, async (tx) => ({
    settings: toQuestionSettings(await repo.findSettings(tx, areaId)),
    changes: await repo.listChanges(tx, areaId, AREA_CHANGES_LIMIT),
    rows: await repo.pairedChange(tx, areaId, ITEM_IDS),
    totals: await repo.checkTotals(tx, areaId),
  }));
  const activityIds = [...new Set(changes.map((c) => c.activityId))];
  const responseIds = [...new Set(changes.flatMap((c) => (c.themeResponseId ? [c.themeResponseId] : [])))];
  const [titles, responses, named] = await Promise.all([
    activityIds.length ? withArea(db, areaId, (tx) => activityTitlesIn(tx, areaId, activityIds)) : Promise.resolve(new Map<string, string>()),
    publishedResponsesOf(db, areaId, { ids: responseIds }),
    withNames(db, changes),
  ]);
  const responseTitles = new Map(responses.map((r) => [r.id, r.title]));
  return {
    settings,
    changes: named.map((c) => ({ ...c, activityTitle: titles.get(c.activityId) ?? '', responseTitle: c.themeResponseId ? (responseTitles.get(c.themeResponseId) ?? null) : null })),
    results: presentResults(rows, totals),
  };
}

/** For the evaluation hub (and a summary anywhere): how many answers to (1)/(2), and people with paired checks (suppressed). */
export type ImpactSummary = { activitiesAnswered: number; responsesAnswered: number; pairedPeople: number | null; pairedSuppressed: boolean };

export async function impactSummary(db: Db, areaId: string): Promise<ImpactSummary> {
  const { counts, totals } = await withArea(db, areaId, async (tx) => ({ counts: await repo.countChanges(tx, areaId), totals: await repo.checkTotals(tx, areaId) }));
  const paired = totals.reduce((sum, t) => sum + t.paired, 0);
  // The area page shows each version's count: with one of them small, the total would give it away.
  const hidden = isSmall(paired) || totals.some((t) => isSmall(t.paired));
  return { activitiesAnswered: counts.activities, responsesAnswered: counts.responses, pairedPeople: hidden ? null : paired, pairedSuppressed: hidden };
}

// ── (3) the participant impact check: who is answering, and when to ask ──────────────────────

/** What links a person's checks: never stored as it is, only as a keyed hash. */
export type Link = { kind: 'receipt_code'; code: string } | { kind: 'account'; accountId: string };

function hashLink(key: string, link: Link): string {
  const value = link.kind === 'account' ? `account:${link.accountId}` : `receipt_code:${link.code}`;
  return createHmac('sha256', Buffer.from(key, 'hex')).update(value).digest('hex');
}

const MONTH_MS = 30.44 * 24 * 3600 * 1000;

/** When a check is due: 'first' (never answered), 'again' (the interval or the number of activities has passed), or null. */
async function dueFor(db: Db, areaId: string, link: Link, version: CheckVersion, now: Date): Promise<'first' | 'again' | null> {
  const found = await withArea(db, areaId, async (tx) => {
    const settings = await repo.findSettings(tx, areaId);
    const participants = settings ? await repo.findParticipants(tx, areaId, hashLink(settings.linkKey, link)) : [];
    return { settings: toQuestionSettings(settings), participant: participants.find((p) => p.version === version) };
  });
  const last = found.participant?.lastAnsweredAt;
  if (!found.participant || !last) return 'first';
  if (now.getTime() - last.getTime() >= found.settings.againAfterMonths * MONTH_MS) return 'again';
  const n = found.settings.againAfterActivities;
  // "After N activities" is counted for accounts only: a receipt code belongs to one response.
  if (n && link.kind === 'account' && (await activitiesSentSince(db, areaId, link.accountId, last)) >= n) return 'again';
  return null;
}

/** An invitation, on a survey's thank-you page, to answer the participant impact check (first time or again). */
export type ImpactOffer = { href: string; kind: 'first' | 'again' };

/**
 * Whether the person who sent this response should be offered the impact check now, and where it
 * is. The href is relative to the response's pages (…/responses/<id>/impact-check), where the
 * response's own cookie (or the signed-in account that sent it) says who is answering.
 */
export async function impactOfferForResponse(db: Db, areaId: string, responseId: string, now: Date = new Date()): Promise<ImpactOffer | null> {
  const sent = await sentResponseLink(db, areaId, responseId);
  if (!sent) return null;
  const kind = await dueFor(db, areaId, linkOfResponse(sent), sent.childrenMode ? 'child' : 'parent_carer', now);
  return kind && { href: 'impact-check', kind };
}

/** Which check a signed-in person answers: a parent carer's, or a young person's (easy read); staff and supporters none. */
export function versionForRoles(roles: readonly string[]): CheckVersion | null {
  if (roles.includes('parent_carer')) return 'parent_carer';
  if (roles.includes('young_person')) return 'child';
  return null;
}

/** A signed-in person's own offer, for their page in the area: null when not due, or not a participant. */
export async function impactOfferForAccount(db: Db, areaId: string, accountId: string, roles: readonly string[], now: Date = new Date()): Promise<'first' | 'again' | null> {
  const version = versionForRoles(roles);
  return version && dueFor(db, areaId, { kind: 'account', accountId }, version, now);
}

function linkOfResponse(sent: { accountId: string | null; receiptCode: string }): Link {
  return sent.accountId ? { kind: 'account', accountId: sent.accountId } : { kind: 'receipt_code', code: sent.receiptCode };
}

/** Who answers the check on a response's page, and which version: from the sent response. */
export async function checkForResponse(db: Db, areaId: string, responseId: string, now: Date = new Date()): Promise<{ link: Link; version: CheckVersion; due: 'first' | 'again' | null } | undefined> {
  const sent = await sentResponseLink(db, areaId, responseId);
  if (!sent) return undefined;
  const link = linkOfResponse(sent);
  const version: CheckVersion = sent.childrenMode ? 'child' : 'parent_carer';
  return { link, version, due: await dueFor(db, areaId, link, version, now) };
}

/**
 * A receipt code typed to answer again: the version of the check first answered with it, or
 * undefined when no check was answered with that code (or it cannot be one).
 */
export async function checkForCode(db: Db, areaId: string, typed: unknown): Promise<{ link: Link; version: CheckVersion } | undefined> {
  const code = parseReceiptCode(typed);
  if (!code) return undefined;
  const link: Link = { kind: 'receipt_code', code };
  const participants = await withArea(db, areaId, async (tx) => {
    const settings = await repo.findSettings(tx, areaId);
    return settings ? repo.findParticipants(tx, areaId, hashLink(settings.linkKey, link)) : [];
  });
  const first = participants.find((p) => p.lastRound > 0);
  return first && { link, version: first.version };
}

export type CheckAnswers = Partial<Record<ImpactItemId, number>>;

/** Saves one check (the next round for this person); returns whether it was their first. */
export async function recordCheck(db: Db, areaId: string, link: Link, version: CheckVersion, answers: CheckAnswers, answeredAt?: Date): Promise<{ first: boolean }> {
  return withArea(db, areaId, async (tx) => {
    const settings = await repo.ensureSettings(tx, areaId, newKey());
    const participantId = await repo.ensureParticipant(tx, areaId, version, link.kind, hashLink(settings.linkKey, link));
    const round = await repo.addCheck(tx, areaId, participantId, answers, answeredAt);
    return { first: round === 1 };
  });
}
