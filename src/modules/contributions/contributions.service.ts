/**
 * Contributions: every view in one place. Personal details are removed as each one arrives; the
 * redacted text is what every page, export and report uses.
 *
 * Who sees what (issue 3 §3, privacy first):
 * - leads, and practitioners for their own organisation's activities ('contribution.review'), see
 *   every contribution with its receipt code, review its redactions and moderate it;
 * - decision makers read the redacted text of contributions that are not hidden, without receipt
 *   codes (a receipt code leads back to one person's answers);
 * - only participation leads ('contribution.view_original') may see the original words, by a
 *   deliberate POST, and each look is audited. No other function here returns original_text.
 * Area admins run the area's settings, not its conversations: they read no contributions.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { getActivity, type Activity } from '../activities/activities.service.ts';
import { isId } from '../../lib/ids.ts';
import { pageOf, type Page } from '../../lib/pagination.ts';
import { audit } from '../privacy/audit.service.ts';
import { insertHeldContribution, screenText, type ConcernContext, type ScreenInput } from '../privacy/safeguarding.service.ts';
import { withdrawQuotes } from '../feedback/responses.service.ts';
import { listAreas as listAreaIdsAndNames } from '../areas/areas.service.ts';
import { listQuestions, writtenTypes } from '../surveys/questions.service.ts';
import * as repo from './contributions.repository.ts';
import { applySpans, findPersonalDetails, spansForTerm, type RedactionKind, type Span } from './redaction.ts';

export type { ContributionFilter, RedactionTerm, TermKind } from './contributions.repository.ts';
/** How redactions become text, for the privacy module's retention (decision 0016). */
export { applySpans, type RedactionKind, type Span } from './redaction.ts';

/** A view as it arrives: the words as written, before redaction. */
export type NewContribution = Omit<repo.NewContributionRow, 'originalText' | 'redactedText' | 'needsReview' | 'spans' | 'safeguardingHold'> & { text: string };

/**
 * The key that names one written answer for safeguarding: the same while the person is still
 * answering (surveys screen each save) and once it is sent as a contribution, so one answer makes one
 * concern however often it is saved.
 */
export function answerSourceKey(responseId: string, questionId: string | null, source: repo.NewContributionRow['source']): string {
  return `response:${responseId}/${questionId ?? ''}/${source}`;
}

/**
 * Records the contributions of one submitted response, inside the caller's transaction (so a
 * response and its contributions are saved together or not at all). Replays add nothing.
 *
 * A contribution from which anything was removed automatically is marked "needs review": software
 * can remove a word that mattered or miss a name, so a person checks each one.
 *
 * Every one is screened for a possible disclosure of harm first (privacy/safeguarding.service.ts):
 * one that may be is held, invisible to everyone but the safeguarding leads until one has looked.
 * Returns whether a new concern was raised, so the caller can send the alerts once it has committed.
 */
export async function addContributionsForResponse(tx: AreaTx, areaId: string, items: readonly NewContribution[], context: ConcernContext = {}): Promise<{ concernRaised: boolean }> {
  const { concernRaised } = await addScreened(
    tx,
    areaId,
    items,
    (item) => ({
      channel: 'survey',
      sourceKey: answerSourceKey(item.responseId, item.questionId, item.source),
      activityId: item.activityId,
      responseId: item.responseId,
      context: { ...context, receiptCode: item.receiptCode, supporter: item.supporterRelationship },
    }),
    (item) => ({ receiptCode: item.receiptCode }),
    (item, screened) =>
      repo.insertContribution(tx, areaId, {
        activityId: item.activityId,
        questionId: item.questionId,
        responseId: item.responseId,
        accountId: item.accountId,
        supporterRelationship: item.supporterRelationship,
        receiptCode: item.receiptCode,
        source: item.source,
        ...screened,
      }),
  );
  return { concernRaised };
}

/** What a stored contribution gets from its words: the redacted text, review flag and safeguarding hold. */
type Screened = Pick<repo.NewContributionRow, 'originalText' | 'redactedText' | 'needsReview' | 'spans' | 'safeguardingHold'>;

/**
 * What every channel (surveys, live sessions, panels, inspections) does with words before they are
 * stored, inside the caller's transaction: the area's redaction lists are read once; each text's
 * personal details are removed (and it is marked "needs review" when anything was), then it is
 * screened for safeguarding under its channel and key, and a held one goes in with its concern.
 * `insert` returns the new id, or nothing when the row was there already (a replay adds nothing).
 */
async function addScreened<T extends { text: string }>(
  tx: AreaTx,
  areaId: string,
  items: readonly T[],
  screenAs: (item: T) => Omit<ScreenInput, 'text'>,
  heldContext: (item: T) => ConcernContext,
  insert: (item: T, screened: Screened) => Promise<string | undefined>,
): Promise<{ added: number; concernRaised: boolean }> {
  const texts = items.filter((i) => i.text.trim().length > 0);
  if (texts.length === 0) return { added: 0, concernRaised: false };
  const lists = await repo.redactionLists(tx, areaId);
  let concernRaised = false;
  let added = 0;
  for (const item of texts) {
    const { spans, needsReview } = findPersonalDetails(item.text, lists);
    const outcome = await screenText(tx, areaId, { ...screenAs(item), text: item.text });
    concernRaised ||= outcome.raised;
    const screened: Screened = { originalText: item.text, redactedText: applySpans(item.text, spans), needsReview: needsReview || spans.length > 0, spans, safeguardingHold: outcome.hold };
    const id = outcome.hold && outcome.concernId
      ? await insertHeldContribution(tx, areaId, outcome.concernId, heldContext(item), () => insert(item, screened))
      : await insert(item, screened);
    if (id) added += 1;
  }
  return { added, concernRaised };
}

// ── Live sessions (issue 15) ─────────────────────────────────────────────────────────────────────

/**
 * The redaction step for words written in a live session, before anyone sees them: the same engine
 * and the area's own lists as for contributions, inside the caller's transaction (one query for the
 * lists, then a pure function). `found` says whether anything was removed.
 */
export async function liveRedactor(tx: AreaTx, areaId: string): Promise<(text: string) => { text: string; found: boolean }> {
  const lists = await repo.redactionLists(tx, areaId);
  return (text) => {
    const { spans } = findPersonalDetails(text, lists);
    return { text: spans.length > 0 ? applySpans(text, spans) : text, found: spans.length > 0 };
  };
}

/** A live answer or post becoming a contribution (live/contributions.ts makes these after a session). */
export type NewLiveContribution = {
  activityId: string;
  responseId: string;
  receiptCode: string;
  liveSessionId: string;
  liveInteractionId: string;
  /** 'answer:<interaction id>' or 'post:<post id>': one contribution per answer or post. */
  liveKey: string;
  /** The words as written (the original, never the screened text): redaction is applied here. */
  text: string;
  /** The key the words were screened under while live, so they make no second concern. */
  sourceKey: string;
  /** What the participant saw as the question. */
  question: string;
  /** Hidden by a facilitator during the session: stays hidden, with their reason. */
  hidden: { reason: string; by: string | null } | null;
};

/**
 * Records live answers and posts as contributions, inside the caller's transaction, once each (a
 * second run adds nothing). The same steps as a survey's: personal details removed (and the
 * contribution marked "needs review" when anything was), then safeguarding screening with channel
 * 'live' and the key used during the session, so words held then stay held and make no new concern.
 */
export function addLiveContributions(tx: AreaTx, areaId: string, items: readonly NewLiveContribution[]): Promise<{ added: number; concernRaised: boolean }> {
  return addScreened(
    tx,
    areaId,
    items,
    (item) => ({ channel: 'live', sourceKey: item.sourceKey, activityId: item.activityId, responseId: item.responseId, context: { receiptCode: item.receiptCode, question: item.question } }),
    (item) => ({ receiptCode: item.receiptCode, question: item.question }),
    (item, screened) =>
      repo.insertLiveContribution(tx, areaId, {
        activityId: item.activityId,
        responseId: item.responseId,
        receiptCode: item.receiptCode,
        liveSessionId: item.liveSessionId,
        liveInteractionId: item.liveInteractionId,
        liveKey: item.liveKey,
        hidden: item.hidden,
        ...screened,
      }),
  );
}

// ── Panels and inspections (issue 16) ───────────────────────────────────────────────────────────

/** A panel member's debrief or a young inspector's finding becoming a contribution. */
export type NewChannelContribution = {
  activityId: string;
  channel: 'panel' | 'inspection';
  /** Names the thing it came from, once: 'debrief:<member id>', 'finding:<visit>:<criterion>:<member>'. */
  sourceKey: string;
  /** The words as written: redaction is applied here. */
  text: string;
  /** The member's account, when they have one (never shown with the words). */
  accountId: string | null;
  /** What the words answer, for the safeguarding lead's context ("Young inspectors' visit: Toilets"). */
  question: string;
};

/**
 * Records panel and inspection words as contributions, inside the caller's transaction, once each
 * (a second run adds nothing): personal details removed (and marked "needs review" when anything
 * was), then safeguarding screening under the same channel and key, so words already screened when
 * they were typed make no second concern.
 */
export function addChannelContributions(tx: AreaTx, areaId: string, items: readonly NewChannelContribution[]): Promise<{ added: number; concernRaised: boolean }> {
  return addScreened(
    tx,
    areaId,
    items,
    (item) => ({ channel: item.channel, sourceKey: item.sourceKey, activityId: item.activityId, responseId: null, context: { question: item.question } }),
    (item) => ({ question: item.question }),
    (item, screened) => repo.insertChannelContribution(tx, areaId, { activityId: item.activityId, accountId: item.accountId, channel: item.channel, sourceKey: item.sourceKey, ...screened }),
  );
}

// ── Words written for publication (a report's commentary) ────────────────────────────────────────

/**
 * The redaction step for words staff or a forum write for publication, such as a report's
 * commentary (issue 14 §2: names never appear). The same engine and the area's own lists as for
 * people's views; one query for the lists, then a pure function for any number of texts.
 */
export async function publicationRedactor(db: Db, areaId: string): Promise<(text: string) => string> {
  const lists = await withArea(db, areaId, (tx) => repo.redactionLists(tx, areaId));
  return (text) => applySpans(text, findPersonalDetails(text, lists).spans);
}

// ── Reading older contributions again with a better engine ───────────────────────────────────────

/**
 * Reads contributions that an older redaction engine read (REDACTION_VERSION) again, up to `limit`
 * per area: whatever the new engine finds that no redaction covers yet (and that no lead put back)
 * is removed too, and the contribution goes back to "needs review", which also stops it being
 * quoted until a lead has looked. Words already quoted on a published page leave that page at once:
 * they were shown with a detail the engine now hides. Returns how many gained a redaction.
 */
export async function rescanRedactions(db: Db, options: { limit?: number } = {}): Promise<number> {
  const limit = options.limit ?? 500;
  let changed = 0;
  for (const area of await listAreaIdsAndNames(db)) {
    changed += await withArea(db, area.id, async (tx) => {
      const lists = await repo.redactionLists(tx, area.id);
      let here = 0;
      for (const c of await repo.listToRescan(tx, area.id, limit)) {
        const existing = await repo.listRedactions(tx, area.id, c.id);
        const { spans } = findPersonalDetails(c.original, lists);
        const added = spans.filter((s) => !existing.some((r) => r.start < s.end && s.start < r.end));
        const active = [...activeSpans(existing), ...added].sort((a, b) => a.start - b.start);
        const redactedText = added.length > 0 ? applySpans(c.original, active) : c.redacted;
        await repo.applyRescan(tx, area.id, c.id, added, redactedText);
        if (added.length > 0) {
          await withdrawQuotes(tx, area.id, [{ contributionId: c.id, text: c.redacted }], { askToPublishAgain: true });
          here += 1;
        }
      }
      return here;
    });
  }
  return changed;
}

// ── Who may see what ──────────────────────────────────────────────────────────────────────────────

/** 'review': every contribution and the tools; 'read': redacted, visible contributions only. */
export type ContributionAccess = 'review' | 'read';

export function contributionAccess(actor: Actor | null, activity: Activity): ContributionAccess | null {
  if (can(actor, 'contribution.review', { areaId: activity.areaId, organisationId: activity.organisationId })) return 'review';
  if (can(actor, 'contribution.read', { areaId: activity.areaId, organisationId: activity.organisationId })) return 'read';
  return null;
}

export function canViewOriginal(actor: Actor | null, activity: Activity): boolean {
  return contributionAccess(actor, activity) === 'review' && can(actor, 'contribution.view_original', { areaId: activity.areaId });
}

/** The activity, if this person may review its contributions: NotFoundError or ForbiddenError if not. */
async function reviewableActivity(db: Db, actor: Actor, areaId: string, activityId: string): Promise<Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (contributionAccess(actor, activity) !== 'review') throw new ForbiddenError('contribution.review');
  return activity;
}

/**
 * A contribution as "raise a safeguarding concern" shows it: its redacted words, to someone who may
 * read them. One already held for safeguarding is out of reach (row-level security): not found.
 */
export async function findContributionToRaise(db: Db, actor: Actor, activity: Activity, contributionId: string): Promise<{ id: string; redactedText: string; createdAt: Date }> {
  const access = contributionAccess(actor, activity);
  if (!access) throw new ForbiddenError('contribution.read');
  const found = isId(contributionId) ? await withArea(db, activity.areaId, (tx) => repo.findContribution(tx, activity.areaId, activity.id, contributionId)) : undefined;
  if (!found || (access === 'read' && found.hiddenAt)) throw new NotFoundError('contribution');
  return { id: found.id, redactedText: found.redactedText, createdAt: found.createdAt };
}

// ── The list ──────────────────────────────────────────────────────────────────────────────────────

export const PAGE_SIZE = 50;

/** A contribution as a list shows it. For 'read' access the receipt code and moderation notes are left out. */
export type ContributionItem = repo.ContributionSummary;

export type ContributionList = {
  activity: Activity;
  access: ContributionAccess;
  /** Questions whose answers become contributions (for the filter), and every question's wording by id. */
  questions: Array<{ id: string; text: string }>;
  questionText: Record<string, string>;
  items: ContributionItem[];
} & Page;

/**
 * One page (PAGE_SIZE) of an activity's contributions, newest first, filtered. A fixed number of
 * queries whatever the page size. Decision makers never get hidden ones, receipt codes or
 * moderation notes, whatever filter they send.
 */
export async function listActivityContributions(db: Db, actor: Actor, areaId: string, activityId: string, filter: repo.ContributionFilter, page: number): Promise<ContributionList> {
  const activity = await getActivity(db, areaId, activityId);
  const access = contributionAccess(actor, activity);
  if (!access) throw new ForbiddenError('contribution.read');
  const effective: repo.ContributionFilter = access === 'review' ? filter : { ...filter, visibility: 'visible', toReview: undefined };
  const allQuestions = await listQuestions(db, areaId, activityId);
  const { items, shown } = await withArea(db, areaId, async (tx) => {
    // Counted first, so a page number past the end shows the last page rather than nothing.
    const shown = pageOf(page, await repo.countContributions(tx, areaId, activityId, effective), PAGE_SIZE);
    return { shown, items: await repo.listContributions(tx, areaId, activityId, effective, { limit: shown.limit, offset: shown.offset }) };
  });
  return {
    activity,
    access,
    // Questions whose answers hold words people wrote (each question type says whether it does).
    questions: allQuestions.filter((q) => writtenTypes().includes(q.type)).map((q) => ({ id: q.id, text: q.text })),
    questionText: Object.fromEntries(allQuestions.map((q) => [q.id, q.text])),
    items: access === 'review' ? items : items.map((i) => ({ ...i, receiptCode: null, needsReview: false, hiddenAt: null, hiddenReason: null })),
    ...shown,
  };
}

// ── One contribution, for review ──────────────────────────────────────────────────────────────────

/**
 * A redaction as a reviewer sees it: where it is (the redacted words around it) and what it was,
 * never the removed words themselves.
 */
export type RedactionView = {
  id: string;
  number: number;
  kind: RedactionKind;
  method: 'automatic' | 'lead';
  undoneAt: Date | null;
  before: string;
  /** The placeholder while active; once undone, what that stretch of text now shows. */
  middle: string;
  after: string;
};

export type ContributionReview = {
  activity: Activity;
  contribution: repo.ContributionSummary;
  questionText: string | null;
  redactions: RedactionView[];
  canViewOriginal: boolean;
};

const CONTEXT_CHARS = 40;

const activeSpans = (redactions: readonly repo.Redaction[]): Span[] => redactions.filter((r) => !r.undoneAt).map((r) => ({ start: r.start, end: r.end, kind: r.kind }));

/** original[from, to) as everyone else sees it: every active span in it replaced, as applySpans does. */
function redactedSlice(original: string, spans: readonly Span[], from: number, to: number): string {
  const clipped = spans
    .filter((s) => s.end > from && s.start < to)
    .map((s) => ({ start: Math.max(s.start, from) - from, end: Math.min(s.end, to) - from, kind: s.kind }));
  return applySpans(original.slice(from, to), clipped);
}

/** The end of some text, cut at a space so words are not broken. */
function tail(text: string): string {
  if (text.length <= CONTEXT_CHARS) return text;
  const cut = text.slice(-CONTEXT_CHARS);
  const space = cut.indexOf(' ');
  return `…${space >= 0 ? cut.slice(space + 1) : cut}`;
}
function head(text: string): string {
  if (text.length <= CONTEXT_CHARS) return text;
  const cut = text.slice(0, CONTEXT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > 0 ? cut.slice(0, space) : cut}…`;
}

/** Where each redaction sits, built only from redacted text: no removed word can appear in it. */
function redactionViews(original: string, redactions: readonly repo.Redaction[]): RedactionView[] {
  const active = activeSpans(redactions);
  return redactions.map((r, i) => ({
    id: r.id,
    number: i + 1,
    kind: r.kind,
    method: r.method,
    undoneAt: r.undoneAt,
    before: tail(redactedSlice(original, active, 0, r.start)),
    middle: r.undoneAt ? redactedSlice(original, active, r.start, r.end) : applySpans(original.slice(r.start, r.end), [{ start: 0, end: r.end - r.start, kind: r.kind }]),
    after: head(redactedSlice(original, active, r.end, original.length)),
  }));
}

async function loadReview(tx: AreaTx, areaId: string, activity: Activity, contributionId: string): Promise<{ contribution: repo.ContributionSummary; original: string; redactions: repo.Redaction[] }> {
  const contribution = await repo.findContribution(tx, areaId, activity.id, contributionId);
  const original = contribution && (await repo.findOriginal(tx, areaId, activity.id, contributionId));
  if (!contribution || original === undefined) throw new NotFoundError('contribution');
  return { contribution, original, redactions: await repo.listRedactions(tx, areaId, contributionId) };
}

/** A contribution of this activity with its redactions (never its original words). */
export async function getContributionForReview(db: Db, actor: Actor, areaId: string, activityId: string, contributionId: string): Promise<ContributionReview> {
  const activity = await reviewableActivity(db, actor, areaId, activityId);
  if (!isId(contributionId)) throw new NotFoundError('contribution');
  const { contribution, original, redactions } = await withArea(db, areaId, (tx) => loadReview(tx, areaId, activity, contributionId));
  const questions = contribution.questionId ? await listQuestions(db, areaId, activityId) : [];
  return {
    activity,
    contribution,
    questionText: questions.find((q) => q.id === contribution.questionId)?.text ?? null,
    redactions: redactionViews(original, redactions),
    canViewOriginal: canViewOriginal(actor, activity),
  };
}

/**
 * The original words, for a participation lead who asked for them on purpose. The look is audited
 * in the same transaction that reads them: no audit row, no words.
 */
/** The retention schedule deleted the original words: only the redacted copy is left. */
export class OriginalDeletedError extends Error {
  readonly deletedAt: Date;
  constructor(deletedAt: Date) {
    super('the original words were deleted under the retention schedule');
    this.deletedAt = deletedAt;
  }
}

export async function viewOriginal(db: Db, actor: Actor, areaId: string, activityId: string, contributionId: string): Promise<string> {
  const activity = await reviewableActivity(db, actor, areaId, activityId);
  if (!canViewOriginal(actor, activity)) throw new ForbiddenError('contribution.view_original');
  if (!isId(contributionId)) throw new NotFoundError('contribution');
  return withArea(db, areaId, async (tx) => {
    const summary = await repo.findContribution(tx, areaId, activityId, contributionId);
    const original = await repo.findOriginal(tx, areaId, activityId, contributionId);
    if (!summary || original === undefined) throw new NotFoundError('contribution');
    if (summary.originalDeletedAt) throw new OriginalDeletedError(summary.originalDeletedAt);
    await audit(tx, areaId, actor.accountId, 'contribution.original_viewed', { type: 'contribution', id: contributionId, detail: { activityId } });
    return original;
  });
}

// ── Changing redactions ───────────────────────────────────────────────────────────────────────────

/** The words asked for are not in the text, or every place they appear is already removed. */
export class WordsNotFoundError extends Error {}

/**
 * Recomputes the redacted text from the original and the active redactions. Called in the same
 * transaction as every change, with the contribution row locked, so the text never disagrees with
 * the list of redactions.
 */
async function recompute(tx: AreaTx, areaId: string, contributionId: string, original: string): Promise<void> {
  const spans = activeSpans(await repo.listRedactions(tx, areaId, contributionId));
  await repo.setRedactedText(tx, areaId, contributionId, applySpans(original, spans));
}

async function lockedOriginal(tx: AreaTx, areaId: string, activityId: string, contributionId: string): Promise<string> {
  const original = await repo.findOriginal(tx, areaId, activityId, contributionId, { forUpdate: true });
  if (original === undefined) throw new NotFoundError('contribution');
  return original;
}

/**
 * Removes every place the words appear in the original (a detail the automatic check missed).
 * Places already inside a removed detail are left alone, and if nothing is left the answer is the
 * same as for words that are not there at all: someone who cannot see the original cannot use this
 * form to test a guess at what was removed. The audit row says what kind and how many, never the words.
 * Returns how many places were removed.
 */
export async function addRedaction(db: Db, actor: Actor, areaId: string, activityId: string, contributionId: string, input: { words: string; kind: RedactionKind }): Promise<number> {
  await reviewableActivity(db, actor, areaId, activityId);
  if (!isId(contributionId)) throw new NotFoundError('contribution');
  return withArea(db, areaId, async (tx) => {
    const original = await lockedOriginal(tx, areaId, activityId, contributionId);
    const active = activeSpans(await repo.listRedactions(tx, areaId, contributionId));
    const spans = spansForTerm(original, input.words, input.kind).filter((s) => !active.some((a) => a.start < s.end && s.start < a.end));
    if (spans.length === 0) throw new WordsNotFoundError();
    await repo.insertLeadRedactions(tx, areaId, contributionId, actor.accountId, spans);
    await recompute(tx, areaId, contributionId, original);
    await audit(tx, areaId, actor.accountId, 'redaction.added', { type: 'contribution', id: contributionId, detail: { activityId, kind: input.kind, places: spans.length } });
    return spans.length;
  });
}

/** Puts back the words one redaction removed. Undoing twice changes nothing the second time. */
export async function undoRedaction(db: Db, actor: Actor, areaId: string, activityId: string, contributionId: string, redactionId: string): Promise<void> {
  await reviewableActivity(db, actor, areaId, activityId);
  if (!isId(contributionId) || !isId(redactionId)) throw new NotFoundError('redaction');
  await withArea(db, areaId, async (tx) => {
    const original = await lockedOriginal(tx, areaId, activityId, contributionId);
    const summary = await repo.findContribution(tx, areaId, activityId, contributionId);
    if (summary?.originalDeletedAt) throw new OriginalDeletedError(summary.originalDeletedAt);
    const undone = await repo.undoRedaction(tx, areaId, contributionId, redactionId, actor.accountId);
    if (!undone) {
      if (!(await repo.listRedactions(tx, areaId, contributionId)).some((r) => r.id === redactionId)) throw new NotFoundError('redaction');
      return;
    }
    await recompute(tx, areaId, contributionId, original);
    await audit(tx, areaId, actor.accountId, 'redaction.undone', { type: 'contribution', id: contributionId, detail: { activityId, redactionId, kind: undone.kind, method: undone.method } });
  });
}

/** A person has checked the redactions: the contribution leaves the "to review" list. */
export async function markReviewed(db: Db, actor: Actor, areaId: string, activityId: string, contributionId: string): Promise<void> {
  await reviewableActivity(db, actor, areaId, activityId);
  if (!isId(contributionId)) throw new NotFoundError('contribution');
  await withArea(db, areaId, async (tx) => {
    await lockedOriginal(tx, areaId, activityId, contributionId);
    if (await repo.markReviewed(tx, areaId, contributionId)) {
      await audit(tx, areaId, actor.accountId, 'contribution.reviewed', { type: 'contribution', id: contributionId, detail: { activityId } });
    }
  });
}

// ── Moderation ────────────────────────────────────────────────────────────────────────────────────

/**
 * Hides a contribution from everything public and from results; staff still see it, marked hidden.
 * The reason stays on the contribution (staff wrote it), not in the audit row.
 */
export async function hideContribution(db: Db, actor: Actor, areaId: string, activityId: string, contributionId: string, reason: string): Promise<void> {
  await reviewableActivity(db, actor, areaId, activityId);
  if (!isId(contributionId)) throw new NotFoundError('contribution');
  await withArea(db, areaId, async (tx) => {
    await lockedOriginal(tx, areaId, activityId, contributionId);
    if (await repo.hideContribution(tx, areaId, contributionId, actor.accountId, reason)) {
      await audit(tx, areaId, actor.accountId, 'contribution.hidden', { type: 'contribution', id: contributionId, detail: { activityId } });
    }
  });
}

export async function unhideContribution(db: Db, actor: Actor, areaId: string, activityId: string, contributionId: string): Promise<void> {
  await reviewableActivity(db, actor, areaId, activityId);
  if (!isId(contributionId)) throw new NotFoundError('contribution');
  await withArea(db, areaId, async (tx) => {
    await lockedOriginal(tx, areaId, activityId, contributionId);
    if (await repo.unhideContribution(tx, areaId, contributionId)) {
      await audit(tx, areaId, actor.accountId, 'contribution.unhidden', { type: 'contribution', id: contributionId, detail: { activityId } });
    }
  });
}

// ── The area's own redaction lists ────────────────────────────────────────────────────────────────

export const TERM_KINDS = ['name', 'school', 'place'] as const satisfies readonly repo.TermKind[];

export function listRedactionTerms(db: Db, areaId: string): Promise<repo.RedactionTerm[]> {
  return withArea(db, areaId, (tx) => repo.listTerms(tx, areaId));
}

/**
 * Adds names, schools and places; ones already listed (in any letter case) are skipped. The audit
 * row counts them: the terms are often people's names, so they are not copied into the log.
 * Returns how many were new.
 */
export async function addRedactionTerms(db: Db, areaId: string, actorId: string, terms: ReadonlyArray<{ kind: repo.TermKind; term: string }>): Promise<number> {
  const seen = new Set<string>();
  const unique = terms.filter((t) => {
    const key = `${t.kind}:${t.term.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return withArea(db, areaId, async (tx) => {
    const added = await repo.insertTerms(tx, areaId, unique);
    if (added > 0) await audit(tx, areaId, actorId, 'redaction_terms.added', { type: 'redaction_term', detail: { count: added } });
    return added;
  });
}

/** Removes terms by id; ids not in this area's lists are ignored. Returns how many went. */
export async function removeRedactionTerms(db: Db, areaId: string, actorId: string, ids: readonly string[]): Promise<number> {
  const valid = ids.filter(isId);
  return withArea(db, areaId, async (tx) => {
    const removed = await repo.deleteTerms(tx, areaId, valid);
    if (removed.length > 0) await audit(tx, areaId, actorId, 'redaction_terms.removed', { type: 'redaction_term', detail: { count: removed.length } });
    return removed.length;
  });
}

// ── Removed details checked in batches ────────────────────────────────────────────────────────────

/** How many contributions one batch page reads: enough for a survey's worth of answers. */
const BATCH_LIMIT = 500;

/**
 * The words a removal took out, as they are compared: the same name written "Mrs Haverford" and
 * "mrs  haverford" is the same detail, checked once.
 */
export function sameWords(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** One place a batch's detail was removed, as a reviewer sees it: only redacted words around it. */
export type BatchPlace = { contributionId: string; createdAt: Date; before: string; middle: string; after: string };

/**
 * Identical automatic removals across an activity's answers (the same words, the same kind), checked
 * once: the reviewer keeps them all or puts the words back in every answer at once. The removed words
 * themselves are never in it: each group is shown by its kind and the redacted words around each place.
 */
export type RedactionBatch = {
  kind: RedactionKind;
  /** Every removal in the group (a detail twice in one answer is two removals, one answer). */
  redactionIds: string[];
  /** How many answers it is in. */
  answers: number;
  places: BatchPlace[];
};

export async function listRedactionBatches(db: Db, actor: Actor, areaId: string, activityId: string): Promise<{ activity: Activity; batches: RedactionBatch[]; partial: boolean }> {
  const activity = await reviewableActivity(db, actor, areaId, activityId);
  const contributions = await withArea(db, areaId, (tx) => repo.listBatchContributions(tx, areaId, activityId, BATCH_LIMIT + 1));
  const groups = new Map<string, RedactionBatch & { seen: Set<string> }>();
  for (const c of contributions.slice(0, BATCH_LIMIT)) {
    const active = activeSpans(c.redactions);
    for (const r of c.redactions) {
      if (r.method !== 'automatic' || r.undoneAt || r.confirmedAt) continue;
      const key = `${r.kind}\u0000${sameWords(c.original.slice(r.start, r.end))}`;
      const group = groups.get(key) ?? { kind: r.kind, redactionIds: [], answers: 0, places: [], seen: new Set<string>() };
      group.redactionIds.push(r.id);
      if (!group.seen.has(c.id)) {
        group.seen.add(c.id);
        group.answers += 1;
        group.places.push({
          contributionId: c.id,
          createdAt: c.createdAt,
          before: tail(redactedSlice(c.original, active, 0, r.start)),
          middle: applySpans(c.original.slice(r.start, r.end), [{ start: 0, end: r.end - r.start, kind: r.kind }]),
          after: head(redactedSlice(c.original, active, r.end, c.original.length)),
        });
      }
      groups.set(key, group);
    }
  }
  const batches = [...groups.values()]
    .map(({ seen: _seen, ...batch }) => batch)
    .sort((x, y) => y.answers - x.answers || REDACTION_KIND_ORDER.indexOf(x.kind) - REDACTION_KIND_ORDER.indexOf(y.kind) || (x.places[0]!.createdAt.getTime() - y.places[0]!.createdAt.getTime()));
  return { activity, batches, partial: contributions.length > BATCH_LIMIT };
}

const REDACTION_KIND_ORDER: readonly RedactionKind[] = ['name', 'school', 'address', 'email', 'phone', 'postcode', 'nhs_number', 'other'];

/**
 * A reviewer's decision on a batch: keep every removal (they leave the list) or put the words back
 * in every answer (each answer's text recomputed with its row locked, as undoRedaction does). Only
 * removals still open in this activity are acted on. Audited: how many, never the words. Returns how
 * many answers changed.
 */
export async function decideRedactionBatch(db: Db, actor: Actor, areaId: string, activityId: string, decision: 'keep' | 'restore', ids: readonly string[]): Promise<number> {
  await reviewableActivity(db, actor, areaId, activityId);
  const wanted = [...new Set(ids.filter(isId))];
  return withArea(db, areaId, async (tx) => {
    const open = await repo.findOpenRedactions(tx, areaId, activityId, wanted);
    const byContribution = new Map<string, string[]>();
    for (const r of open) byContribution.set(r.contributionId, [...(byContribution.get(r.contributionId) ?? []), r.id]);
    if (open.length === 0) return 0;
    if (decision === 'keep') {
      const kept = await repo.confirmRedactions(tx, areaId, open.map((r) => r.id), actor.accountId);
      await audit(tx, areaId, actor.accountId, 'redaction.confirmed', { type: 'activity', id: activityId, detail: { kind: open[0]!.kind, redactions: kept, answers: byContribution.size } });
      return byContribution.size;
    }
    for (const [contributionId, redactionIds] of [...byContribution].sort(([x], [y]) => (x < y ? -1 : 1))) {
      // Locked in a fixed order, so two reviewers deciding overlapping batches cannot deadlock.
      const original = await lockedOriginal(tx, areaId, activityId, contributionId);
      for (const redactionId of redactionIds) await repo.undoRedaction(tx, areaId, contributionId, redactionId, actor.accountId);
      await recompute(tx, areaId, contributionId, original);
      await audit(tx, areaId, actor.accountId, 'redaction.undone', { type: 'contribution', id: contributionId, detail: { activityId, kind: open[0]!.kind, method: 'automatic', places: redactionIds.length, batch: true } });
    }
    return byContribution.size;
  });
}
