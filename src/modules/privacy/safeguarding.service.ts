/**
 * Safeguarding: a child who discloses harm is never missed (issue 9 §1).
 *
 * The one interface every channel uses: screenText(). Surveys call it for each free-text answer as it
 * is saved and again as it becomes a contribution; live sessions, boards, panels, inspections and
 * profiles call it the same way with their own channel name and a key for the piece of text. It
 * checks the words against the phrase lists (safeguarding-detector.ts plus the area's own phrases)
 * and, when they may be a disclosure, records a concern and queues the alerts, in the caller's
 * transaction: the words and their concern are saved together or not at all.
 *
 * Who sees what: only designated safeguarding leads read a concern (the words, the context, the
 * decision). PostgreSQL enforces it too: concerns, and contributions on safeguarding hold, are
 * visible only inside withSafeguarding(), which this module opens after checking the role. Area
 * admins see counts. Alerts say THAT there is a concern, never what was written.
 */
import type { AreaTx, ConcernDecision, ConcernSeverityColumn, Db } from '../../db/database.ts';
import { enterSafeguarding, leaveSafeguarding, withArea, withSafeguarding } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { activeMembersWithRoleIn } from '../accounts/members.service.ts';
import { displayNamesOf } from '../accounts/accounts.service.ts';
import { activityTitlesIn } from '../activities/activities.service.ts';
import { findContactPreference } from '../feedback/contacts.service.ts';
import { withdrawQuotes } from '../feedback/responses.service.ts';
import { audit } from './audit.service.ts';
import * as repo from './safeguarding.repository.ts';
import { detectConcern, type AreaPhrase, type ConcernCategory, type ConcernSeverity } from './safeguarding-detector.ts';
import { alertRecipients, queueAlerts } from './safeguarding.alerts.ts';

export type { Concern, ConcernAction, ConcernFigures, ConcernSummary, AreaPhraseRow, AlertCounts } from './safeguarding.repository.ts';
// Sending alerts lives beside this file; other modules and the jobs reach it through here (decision 0016).
export { OVERDUE_AFTER_MS, remindUnreviewedConcerns, sendAlertsNow, sendSafeguardingAlerts, type AlertSummary } from './safeguarding.alerts.ts';

/** What a channel knows about where the words came from, shown to the safeguarding lead. */
export type ConcernContext = {
  /** How the person answered: 'anonymous', 'signed_in' or 'supported'. */
  mode?: string;
  /** Who helped them, when someone did ('parent', 'teaching_assistant', …). */
  supporter?: string | null;
  receiptCode?: string | null;
  /** The question the words answered, as the person saw it. */
  question?: string | null;
  language?: string;
};

export type ScreenInput = {
  /** 'survey' today; 'live', 'board', 'panel', 'inspection', 'profile' as those channels arrive. */
  channel: string;
  /** Stable for one piece of text in its channel (an answer, a sticky note), however often it is saved. */
  sourceKey: string;
  text: string;
  activityId?: string | null;
  responseId?: string | null;
  context?: ConcernContext;
};

export type ScreenOutcome = {
  /** The open concern about these words, if there is one. */
  concernId: string | null;
  /** Keep what these words become (a contribution) out of everyone's sight until a lead has looked. */
  hold: boolean;
  /** A concern was recorded just now: call sendAlertsNow() once the transaction has committed. */
  raised: boolean;
};

const NOTHING: ScreenOutcome = { concernId: null, hold: false, raised: false };

/**
 * Checks one piece of a participant's free text, inside the caller's transaction. Returns what the
 * caller must do with the words. Never throws for what the words say; never changes them.
 */
export async function screenText(tx: AreaTx, areaId: string, input: ScreenInput): Promise<ScreenOutcome> {
  const text = input.text.trim();
  if (!text) return NOTHING;
  const areaPhrases = await areaPhrasesFor(tx, areaId);
  const found = detectConcern(text, { areaPhrases });
  await enterSafeguarding(tx);
  try {
    const existing = await repo.findAutomaticConcern(tx, areaId, input.channel, input.sourceKey);
    if (!found.flagged) {
      // Words flagged earlier and then changed before sending: the earlier words still stand.
      return existing && !existing.closedAt ? { concernId: existing.id, hold: true, raised: false } : NOTHING;
    }
    if (existing) {
      if (!existing.text.includes(text)) await repo.appendDisclosedText(tx, areaId, existing.id, text, found.severity!);
      if (existing.closedAt && !existing.text.includes(text)) {
        // New words after a lead closed the concern: it is open again, and the leads are told again.
        await repo.reopenConcern(tx, areaId, existing.id);
        await queueAlerts(tx, areaId, existing.id, 'new');
        return { concernId: existing.id, hold: true, raised: true };
      }
      return { concernId: existing.id, hold: !existing.closedAt, raised: false };
    }
    const concernId = await repo.insertConcern(tx, areaId, {
      origin: 'automatic',
      channel: input.channel,
      sourceKey: input.sourceKey,
      activityId: input.activityId ?? null,
      responseId: input.responseId ?? null,
      contributionId: null,
      text,
      severity: found.severity!,
      categories: found.categories,
      ruleIds: found.ruleIds,
      context: { ...input.context },
      raisedBy: null,
      raisedReason: '',
    });
    if (!concernId) {
      // Another request for the same words won the race and raised it: nothing more to do here.
      const winner = await repo.findAutomaticConcern(tx, areaId, input.channel, input.sourceKey);
      return { concernId: winner?.id ?? null, hold: true, raised: false };
    }
    await queueAlerts(tx, areaId, concernId, 'new');
    // The audit log is read by area admins: what happened, never the words.
    await audit(tx, areaId, null, 'safeguarding.concern_flagged', { type: 'safeguarding_concern', id: concernId, detail: { channel: input.channel, severity: found.severity } });
    return { concernId, hold: true, raised: true };
  } finally {
    await leaveSafeguarding(tx);
  }
}

async function areaPhrasesFor(tx: AreaTx, areaId: string): Promise<AreaPhrase[]> {
  const rows = await repo.listAreaPhrases(tx, areaId);
  return rows.map((r) => ({ phrase: r.phrase, category: r.category as ConcernCategory, severity: r.severity as ConcernSeverity }));
}

/**
 * Which of these keys (a channel's names for pieces of text) already have a concern raised
 * automatically: keys only, never words. Lets a channel that named the same words in more than one
 * way (live sessions) screen them again under the key they were first screened with.
 */
export async function keysWithConcerns(tx: AreaTx, areaId: string, channel: string, sourceKeys: readonly string[]): Promise<Set<string>> {
  await enterSafeguarding(tx);
  try {
    return new Set(await repo.automaticConcernKeys(tx, areaId, channel, sourceKeys));
  } finally {
    await leaveSafeguarding(tx);
  }
}

/**
 * Writes a contribution that a concern holds back: the insert runs with the wall lowered (a held
 * row cannot otherwise be written and read back), the concern is linked to it, and the wall goes up.
 */
export async function insertHeldContribution(tx: AreaTx, areaId: string, concernId: string, context: ConcernContext, insert: () => Promise<string | undefined>): Promise<string | undefined> {
  await enterSafeguarding(tx);
  try {
    const contributionId = await insert();
    if (contributionId) await repo.linkContribution(tx, areaId, concernId, contributionId, { ...context });
    return contributionId;
  } finally {
    await leaveSafeguarding(tx);
  }
}

/**
 * Which answers of an activity are held, as `responseId/questionId/source` keys (questionId empty for
 * "anything else"): ids only, never words, so an export can say "held" instead of reading the words
 * from the answer row. Chorus' own look behind the wall, for no person's eyes.
 */
export async function heldAnswerKeys(db: Db, areaId: string, activityId: string): Promise<Set<string>> {
  const rows = await withSafeguarding(db, areaId, (tx) => repo.heldContributionKeys(tx, areaId, activityId));
  return new Set(rows.map((r) => `${r.responseId}/${r.questionId ?? ''}/${r.source}`));
}

// ── Raised by staff ──────────────────────────────────────────────────────────────────────────────

/**
 * A member of staff is worried by a contribution: it is held at once, the leads are alerted, and the
 * words leave any public copy that quotes them. The caller has checked that this person may read the
 * contribution; this checks the safeguarding role. Raising it again makes a second record, with its own reason.
 */
export async function raiseConcernAboutContribution(db: Db, actor: Actor, areaId: string, contributionId: string, reason: string): Promise<{ concernId: string; raised: boolean }> {
  if (!can(actor, 'safeguarding.raise', { areaId, anyOrganisation: true })) throw new ForbiddenError('safeguarding.raise');
  return withSafeguarding(db, areaId, async (tx) => {
    const contribution = await repo.findContributionForConcern(tx, areaId, contributionId);
    if (!contribution) throw new NotFoundError('contribution');
    const sourceKey = `contribution:${contribution.id}`;
    const concernId = await repo.insertConcern(tx, areaId, {
      origin: 'staff',
      channel: contribution.responseId ? 'survey' : 'contribution',
      sourceKey,
      activityId: contribution.activityId,
      responseId: contribution.responseId,
      contributionId: contribution.id,
      text: contribution.text,
      severity: 'high',
      categories: [],
      ruleIds: [],
      context: { receiptCode: contribution.receiptCode, supporter: contribution.supporterRelationship },
      raisedBy: actor.accountId,
      raisedReason: reason,
    });
    if (!concernId) throw new Error('a raised concern was not saved');
    await repo.setContributionHold(tx, areaId, contribution.id, true);
    await withdrawQuotes(tx, areaId, [{ contributionId: contribution.id, text: contribution.redactedText }], { askToPublishAgain: false });
    await queueAlerts(tx, areaId, concernId, 'new');
    await audit(tx, areaId, actor.accountId, 'safeguarding.concern_raised', { type: 'safeguarding_concern', id: concernId, detail: { origin: 'staff' } });
    return { concernId, raised: true };
  });
}

// ── The safeguarding lead's work ──────────────────────────────────────────────────────────────────

function assertLead(actor: Actor, areaId: string): void {
  if (!can(actor, 'safeguarding.review', { areaId })) throw new ForbiddenError('safeguarding.review');
}

export async function listConcerns(db: Db, actor: Actor, areaId: string, now = new Date()): Promise<{ open: repo.ConcernSummary[]; closed: repo.ConcernSummary[]; figures: repo.ConcernFigures; alerts: repo.AlertCounts }> {
  assertLead(actor, areaId);
  return withSafeguarding(db, areaId, async (tx) => {
    const { open, closed } = await repo.listConcerns(tx, areaId, 50);
    const titles = await activityTitlesIn(tx, areaId, [...open, ...closed].flatMap((c) => (c.activityId ? [c.activityId] : [])));
    const titled = (c: repo.ConcernSummaryRow): repo.ConcernSummary => ({ ...c, activityTitle: (c.activityId && titles.get(c.activityId)) || null });
    return { open: open.map(titled), closed: closed.map(titled), figures: await repo.concernFigures(tx, areaId, now), alerts: await repo.alertCounts(tx, areaId) };
  });
}

/** Counts only, for area admins and the dashboard: no words, no ids. */
export async function concernFiguresFor(db: Db, actor: Actor, areaId: string, now = new Date()): Promise<(repo.ConcernFigures & { hasLead: boolean }) | null> {
  if (!can(actor, 'safeguarding.figures', { areaId })) return null;
  return withSafeguarding(db, areaId, async (tx) => ({ ...(await repo.concernFigures(tx, areaId, now)), hasLead: (await activeMembersWithRoleIn(tx, areaId, 'safeguarding_lead')).length > 0 }));
}

export type ConcernPage = {
  concern: repo.Concern;
  actions: repo.ConcernAction[];
  /** Whether the words, as a contribution, are still held (null: they never became one). */
  contributionHeld: boolean | null;
  /** How the person asked to hear back: the way, never the address (null: not chosen). */
  contactChannel: string | null;
};

type ConcernRecords = { concern: repo.ConcernRow; activityTitle: string | null; actions: repo.ConcernActionRow[]; contributionHeld: boolean | null };

/** Adds what is kept outside the wall: who did what, by name, and how the person asked to hear back. */
async function withNamesAndContact(db: Db, areaId: string, records: ConcernRecords): Promise<ConcernPage> {
  const { concern, activityTitle, actions, contributionHeld } = records;
  const names = await displayNamesOf(db, [concern.raisedBy, concern.firstReviewedBy, concern.decidedBy, ...actions.map((a) => a.recordedBy)].flatMap((id) => (id ? [id] : [])));
  const nameOf = (id: string | null) => (id && names.get(id)) || null;
  const { raisedBy, firstReviewedBy, decidedBy, ...rest } = concern;
  const contact = concern.responseId ? await findContactPreference(db, areaId, concern.responseId) : undefined;
  return {
    concern: { ...rest, activityTitle, raisedByName: nameOf(raisedBy), firstReviewedByName: nameOf(firstReviewedBy), decidedByName: nameOf(decidedBy) },
    actions: actions.map(({ recordedBy, ...action }) => ({ ...action, recordedByName: nameOf(recordedBy) })),
    contributionHeld,
    contactChannel: contact?.channel ?? null,
  };
}

/** A concern with its actions and where its words stand, read inside the safeguarding wall. */
async function concernRecords(tx: AreaTx, areaId: string, concernId: string): Promise<ConcernRecords> {
  const concern = await repo.findConcern(tx, areaId, concernId);
  if (!concern) throw new NotFoundError('safeguarding_concern');
  const contribution = concern.contributionId ? await repo.findContributionForConcern(tx, areaId, concern.contributionId) : undefined;
  const titles = concern.activityId ? await activityTitlesIn(tx, areaId, [concern.activityId]) : new Map<string, string>();
  return {
    concern,
    activityTitle: (concern.activityId && titles.get(concern.activityId)) || null,
    actions: await repo.listActions(tx, areaId, concernId),
    contributionHeld: contribution ? contribution.hold : null,
  };
}

/** Opens a concern: the first open by a lead is its first review. Every look is audited. */
export async function openConcern(db: Db, actor: Actor, areaId: string, concernId: string): Promise<ConcernPage> {
  assertLead(actor, areaId);
  const page = await withSafeguarding(db, areaId, async (tx) => {
    if (!(await repo.findConcern(tx, areaId, concernId))) throw new NotFoundError('safeguarding_concern');
    await repo.markFirstReviewed(tx, areaId, concernId, actor.accountId);
    await audit(tx, areaId, actor.accountId, 'safeguarding.concern_read', { type: 'safeguarding_concern', id: concernId });
    return concernRecords(tx, areaId, concernId);
  }, actor.accountId);
  return withNamesAndContact(db, areaId, page);
}

/** Reads a concern again for a form that failed validation (no second audit entry for the same look). */
export async function findConcernForForm(db: Db, actor: Actor, areaId: string, concernId: string): Promise<ConcernPage> {
  assertLead(actor, areaId);
  return withNamesAndContact(db, areaId, await withSafeguarding(db, areaId, (tx) => concernRecords(tx, areaId, concernId)));
}

export class ConcernChangedError extends Error {}

export type DecisionInput = { decision: ConcernDecision; note: string; words: 'release' | 'keep_hidden' | null; version: number };

/**
 * Records the lead's decision and closes the concern. The words go back among the activity's views
 * only when the lead says they are about the service; otherwise they stay held for good.
 */
export async function decideConcern(db: Db, actor: Actor, areaId: string, concernId: string, input: DecisionInput): Promise<void> {
  assertLead(actor, areaId);
  await withSafeguarding(db, areaId, async (tx) => {
    const concern = await repo.findConcern(tx, areaId, concernId);
    if (!concern) throw new NotFoundError('safeguarding_concern');
    if (!(await repo.recordDecision(tx, areaId, concernId, input.version, { decision: input.decision, note: input.note, accountId: actor.accountId }))) throw new ConcernChangedError();
    if (concern.contributionId && input.words) await repo.setContributionHold(tx, areaId, concern.contributionId, input.words === 'keep_hidden');
    await audit(tx, areaId, actor.accountId, 'safeguarding.decision_recorded', { type: 'safeguarding_concern', id: concernId, detail: { decision: input.decision, words: input.words } });
  }, actor.accountId);
}

export async function reopen(db: Db, actor: Actor, areaId: string, concernId: string): Promise<void> {
  assertLead(actor, areaId);
  await withSafeguarding(db, areaId, async (tx) => {
    const concern = await repo.findConcern(tx, areaId, concernId);
    if (!concern) throw new NotFoundError('safeguarding_concern');
    await repo.reopenConcern(tx, areaId, concernId);
    if (concern.contributionId) await repo.setContributionHold(tx, areaId, concern.contributionId, true);
    await audit(tx, areaId, actor.accountId, 'safeguarding.concern_reopened', { type: 'safeguarding_concern', id: concernId });
  });
}

export async function recordAction(db: Db, actor: Actor, areaId: string, concernId: string, action: { takenOn: string; description: string }): Promise<void> {
  assertLead(actor, areaId);
  await withSafeguarding(db, areaId, async (tx) => {
    if (!(await repo.findConcern(tx, areaId, concernId))) throw new NotFoundError('safeguarding_concern');
    await repo.insertAction(tx, areaId, concernId, { ...action, accountId: actor.accountId });
    await audit(tx, areaId, actor.accountId, 'safeguarding.action_recorded', { type: 'safeguarding_concern', id: concernId });
  });
}

// ── Settings: the leads' mobile numbers and the area's own phrases ─────────────────────────────────

export type SafeguardingSettings = { leads: repo.AlertRecipient[]; phrases: repo.AreaPhraseRow[] };

export async function findSettings(db: Db, actor: Actor, areaId: string): Promise<SafeguardingSettings> {
  if (!can(actor, 'safeguarding.settings', { areaId })) throw new ForbiddenError('safeguarding.settings');
  return withArea(db, areaId, async (tx) => ({ leads: await alertRecipients(tx, areaId, 'safeguarding_lead'), phrases: await repo.listAreaPhrases(tx, areaId) }));
}

export async function setLeadMobile(db: Db, actor: Actor, areaId: string, accountId: string, mobile: string | null): Promise<void> {
  if (!can(actor, 'safeguarding.settings', { areaId })) throw new ForbiddenError('safeguarding.settings');
  await withArea(db, areaId, async (tx) => {
    const leads = await activeMembersWithRoleIn(tx, areaId, 'safeguarding_lead');
    if (!leads.some((l) => l.accountId === accountId)) throw new NotFoundError('safeguarding_lead');
    await repo.setContactMobile(tx, areaId, accountId, mobile);
    await audit(tx, areaId, actor.accountId, 'safeguarding.mobile_changed', { type: 'account', id: accountId, detail: { set: mobile !== null } });
  });
}

export class PhraseExistsError extends Error {}

export async function addAreaPhrase(db: Db, actor: Actor, areaId: string, phrase: { phrase: string; category: ConcernCategory; severity: ConcernSeverityColumn }): Promise<void> {
  if (!can(actor, 'safeguarding.settings', { areaId })) throw new ForbiddenError('safeguarding.settings');
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.insertAreaPhrase(tx, areaId, { ...phrase, accountId: actor.accountId }))) throw new PhraseExistsError();
    await audit(tx, areaId, actor.accountId, 'safeguarding.phrase_added', { type: 'safeguarding_phrase', detail: { category: phrase.category, severity: phrase.severity } });
  });
}

export async function removeAreaPhrase(db: Db, actor: Actor, areaId: string, id: string): Promise<void> {
  if (!can(actor, 'safeguarding.settings', { areaId })) throw new ForbiddenError('safeguarding.settings');
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.deleteAreaPhrase(tx, areaId, id))) throw new NotFoundError('safeguarding_phrase');
    await audit(tx, areaId, actor.accountId, 'safeguarding.phrase_removed', { type: 'safeguarding_phrase', id });
  });
}
