/**
 * Moderation and safety for live sessions (issue 15 §1): every piece of text a participant writes
 * (a word cloud's words, an open answer, a question, a sticky note) passes through screenLiveText
 * before anyone else can see it. Owned by the moderation part; called by participate and board.
 *
 * - Personal details are removed with the contributions module's redaction and the area's own lists
 *   (names, schools, places): the big screen is public, so "[name]" replaces a name before it.
 * - Swearing is found with `obscenity` (its English list and the transformers that catch "sh1t" and
 *   "f*ck") and masked with asterisks. Place names and words that only contain a rude word
 *   (Penistone, Scunthorpe, Cumming) are allowed: a child from Penistone must not be told off.
 * - Anything that may be a disclosure of harm goes to privacy/safeguarding's screenText (channel
 *   'live', the caller's key for the words): a concern is raised, the alerts are queued, and the
 *   words are held: status 'held', never on any screen, never in an event's payload.
 * - Status: held beats pending beats shown. A session with moderation 'approve' keeps everything
 *   waiting for the facilitator; in a 'direct' session, words that had anything removed or masked
 *   wait too, so the facilitator sees them before the room does.
 */
import { englishDataset, englishRecommendedTransformers, RegExpMatcher, TextCensor, asteriskCensorStrategy } from 'obscenity';
import type { AreaTx, Db, LivePostStatus } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { getActivity } from '../activities/activities.service.ts';
import { liveRedactor } from '../contributions/contributions.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import { appendEvent, getSession, type LiveSession } from './core.ts';
import * as repo from './moderation.repository.ts';

export type ScreenedText = {
  /** What may be shown on screens: personal details removed, swearing masked. */
  shownText: string;
  status: LivePostStatus;
  /** Why it waits or is held: 'personal_details', 'profanity', 'safeguarding'. */
  flags: string[];
  /** A new safeguarding concern was raised: send the alerts once the transaction has committed. */
  concernRaised: boolean;
};

export type LiveTextInput = {
  session: LiveSession;
  interactionId: string;
  /** Stable per piece of text ('post:<id>', 'answer:<interaction>/<participant>'), one concern each. */
  sourceKey: string;
  text: string;
  participantId: string | null;
  receiptCode: string | null;
};

/** The key a post's words are screened under, during the session and again as a contribution. */
export const postSourceKey = (postId: string) => `post:${postId}`;
/** The key an answer's words (a word cloud's) are screened under. */
export const answerSourceKey = (interactionId: string, participantId: string) => `answer:${interactionId}/${participantId}`;

// ── Swearing ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Real places and surnames in England and Scotland that contain a word on the list, and a name a
 * child may write about a pantomime: allowed whole (obscenity's own whitelist already lets
 * Scunthorpe, Cockermouth, Sussex and "assessment" through). Tested in moderation.test.ts.
 */
const ALLOWED = ['penistone', 'shitterton', 'shittlehope', 'bitchfield', 'cumming', 'dick whittington'];

const dataset = englishDataset.build();
const matcher = new RegExpMatcher({ ...dataset, whitelistedTerms: [...(dataset.whitelistedTerms ?? []), ...ALLOWED], ...englishRecommendedTransformers });
const censor = new TextCensor().setStrategy(asteriskCensorStrategy());

/** The text with any swearing masked by asterisks, and whether there was any. */
export function maskSwearing(text: string): { text: string; found: boolean } {
  const matches = matcher.getAllMatches(text, true);
  return matches.length === 0 ? { text, found: false } : { text: censor.applyTo(text, matches), found: true };
}

// ── Screening ────────────────────────────────────────────────────────────────────────────────────

export async function screenLiveText(tx: AreaTx, areaId: string, input: LiveTextInput): Promise<ScreenedText> {
  const redact = await liveRedactor(tx, areaId);
  const redacted = redact(input.text);
  const masked = maskSwearing(redacted.text);
  const where = await repo.findScreeningContext(tx, areaId, input.interactionId, input.participantId);
  // The words as written are screened: a disclosure often names the person it is about.
  const safeguarding = await screenText(tx, areaId, {
    channel: 'live',
    sourceKey: input.sourceKey,
    text: input.text,
    activityId: input.session.activityId,
    responseId: where.responseId,
    context: { receiptCode: input.receiptCode, question: where.prompt },
  });
  if (safeguarding.hold) return { shownText: masked.text, status: 'held', flags: ['safeguarding'], concernRaised: safeguarding.raised };
  const flags = [...(redacted.found ? ['personal_details'] : []), ...(masked.found ? ['profanity'] : [])];
  const status: LivePostStatus = input.session.moderation === 'approve' || flags.length > 0 ? 'pending' : 'shown';
  return { shownText: masked.text, status, flags, concernRaised: safeguarding.raised };
}

// ── The queue ────────────────────────────────────────────────────────────────────────────────────

/** What waits for the facilitator in a session, for the console (views/moderation/queue.njk). */
export type ModerationQueue = {
  pending: { id: string; interactionId: string; shownText: string; flags: string[]; createdAt: Date; prompt?: string; kind?: 'text' | 'question' | 'note'; symbol?: string | null }[];
  held: number;
  /** Taken off the screen by a facilitator, to put back if that was a mistake. */
  hidden?: { id: string; interactionId: string; shownText: string; flags: string[]; createdAt: Date; prompt: string; kind: 'text' | 'question' | 'note'; symbol: string | null }[];
};

export async function moderationQueue(tx: AreaTx, areaId: string, sessionId: string): Promise<ModerationQueue> {
  const posts = await repo.listModeratedPosts(tx, areaId, sessionId);
  const held = await repo.countHeld(tx, areaId, sessionId);
  const item = (p: repo.QueuedPost) => ({ id: p.id, interactionId: p.interactionId, shownText: p.shownText, flags: p.flags, createdAt: p.createdAt, prompt: p.prompt, kind: p.kind, symbol: p.symbol });
  return { pending: posts.filter((p) => p.status === 'pending').map(item), held, hidden: posts.filter((p) => p.status === 'hidden').map(item) };
}

/** The session of an activity, if this person may run it: NotFoundError or ForbiddenError if not. */
async function runnableSession(db: Db, actor: Actor, areaId: string, activityId: string, sessionId: string): Promise<LiveSession> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, 'live.run', { areaId, organisationId: activity.organisationId })) throw new ForbiddenError('live.run');
  const session = isId(sessionId) ? await withArea(db, areaId, (tx) => getSession(tx, areaId, sessionId)) : undefined;
  if (!session || session.activityId !== activity.id) throw new NotFoundError('live session');
  return session;
}

export type QueuePage = { session: LiveSession; queue: ModerationQueue; canSeeConcerns: boolean };

export async function getQueuePage(db: Db, actor: Actor, areaId: string, activityId: string, sessionId: string): Promise<QueuePage> {
  const session = await runnableSession(db, actor, areaId, activityId, sessionId);
  const queue = await withArea(db, areaId, (tx) => moderationQueue(tx, areaId, session.id));
  return { session, queue, canSeeConcerns: can(actor, 'safeguarding.review', { areaId }) };
}

// ── Showing and hiding ───────────────────────────────────────────────────────────────────────────

/** The post as 'post.shown' carries it (events.md): the screened words only. */
function shownPayload(p: repo.LockedPost) {
  return { interactionId: p.interactionId, post: { id: p.id, kind: p.kind, shownText: p.shownText, symbol: p.symbol, colour: p.colour, columnKey: p.columnKey, clusterId: p.clusterId, votes: p.votes } };
}

/**
 * Takes a post off every screen: one transaction sets it hidden and appends 'post.hidden' for
 * everyone, so every screen and device drops it on that one event. Hiding a hidden post changes
 * nothing. Held words are the safeguarding lead's, not the facilitator's: not found here.
 */
export async function hidePost(db: Db, actor: Actor, areaId: string, activityId: string, sessionId: string, postId: string, reason: string): Promise<void> {
  const session = await runnableSession(db, actor, areaId, activityId, sessionId);
  if (!isId(postId)) throw new NotFoundError('live post');
  await withArea(db, areaId, async (tx) => {
    const post = await repo.lockPost(tx, areaId, session.id, postId);
    if (!post || post.status === 'held') throw new NotFoundError('live post');
    if (post.status === 'hidden') return;
    // Once a session has ended its posts become contributions: a lead hides those on the contributions page.
    if (session.status === 'ended') throw new ConflictError('live session ended');
    await repo.setPostStatus(tx, areaId, post.id, 'hidden', actor.accountId, reason.trim());
    await appendEvent(tx, areaId, session.id, 'post.hidden', 'everyone', { interactionId: post.interactionId, postId: post.id });
    await audit(tx, areaId, actor.accountId, 'live_post.hidden', { type: 'live_post', id: post.id, detail: { sessionId: session.id, was: post.status } });
  });
}

/**
 * Puts a post on the screens: approving one that waited, or undoing a hide. Appends 'post.shown'
 * (everyone) with the screened post. Showing a shown post changes nothing.
 */
export async function showPost(db: Db, actor: Actor, areaId: string, activityId: string, sessionId: string, postId: string): Promise<void> {
  const session = await runnableSession(db, actor, areaId, activityId, sessionId);
  if (!isId(postId)) throw new NotFoundError('live post');
  await withArea(db, areaId, async (tx) => {
    const post = await repo.lockPost(tx, areaId, session.id, postId);
    if (!post || post.status === 'held') throw new NotFoundError('live post');
    if (post.status === 'shown') return;
    if (session.status === 'ended') throw new ConflictError('live session ended');
    await repo.setPostStatus(tx, areaId, post.id, 'shown', actor.accountId, '');
    await appendEvent(tx, areaId, session.id, 'post.shown', 'everyone', shownPayload(post));
    await audit(tx, areaId, actor.accountId, 'live_post.shown', { type: 'live_post', id: post.id, detail: { sessionId: session.id, was: post.status } });
  });
}
