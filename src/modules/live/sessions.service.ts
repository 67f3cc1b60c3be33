/**
 * Preparing and running a live session (issue 15), the staff side: an activity's sessions, the
 * sequence of interactions, and the console's state changes. Every change is one transaction that
 * takes the session row's lock and records what changed with appendEvent (core.ts), so the screens,
 * the console and participants' devices learn of it in commit order.
 *
 * Who may: `live.run` (leads; practitioners for their own organisation's activities) prepares and
 * runs; `live.view` also lets decision makers read the results. The route gate asks "anyone in the
 * area?"; here the activity's organisation is checked.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { getActivity, type Activity } from '../activities/activities.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { appendEvent, getInteraction, getSession, listInteractions, listSessionsForActivity, newJoinCode, type LiveInteraction, type LiveSession } from './core.ts';
import { tallyInteraction, tallyInteractions, type Tally } from './tally.ts';
import * as repo from './sessions.repository.ts';
import { countParticipants } from './participate.repository.ts';

export type { NewInteraction, ShownPost } from './sessions.repository.ts';

/** The activity, if this person may run (or read) its live sessions: ForbiddenError if not. */
export async function authorisedActivity(db: Db, actor: Actor | null, areaId: string, activityId: string, action: 'live.run' | 'live.view'): Promise<Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, action, { areaId, organisationId: activity.organisationId })) throw new ForbiddenError(action);
  return activity;
}

export async function sessionsOf(db: Db, areaId: string, activityId: string): Promise<LiveSession[]> {
  return withArea(db, areaId, (tx) => listSessionsForActivity(tx, areaId, activityId));
}

export type Loaded = { activity: Activity; session: LiveSession; interactions: LiveInteraction[] };

/** A session of this activity with its interactions in order, if this person may act on it. */
export async function loadSession(db: Db, actor: Actor | null, areaId: string, activityId: string, sessionId: string, action: 'live.run' | 'live.view'): Promise<Loaded> {
  const activity = await authorisedActivity(db, actor, areaId, activityId, action);
  return withArea(db, areaId, async (tx) => {
    const session = await getSession(tx, areaId, sessionId);
    if (!session || session.activityId !== activity.id) throw new NotFoundError('live session');
    return { activity, session, interactions: await listInteractions(tx, areaId, sessionId) };
  });
}

const isUniqueClash = (error: unknown) => (error as { code?: string }).code === '23505';

/**
 * A new session with a join code no other session has (in any area). A random code clashing with
 * one in use is rare (31^6 codes); it is checked first, and a clash with a session made at the same
 * moment elsewhere fails the insert, which is tried again with a new code.
 */
export async function createSession(db: Db, actorId: string, areaId: string, activityId: string, input: { title: string; moderation: 'approve' | 'direct' }): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withArea(db, areaId, async (tx) => {
        let joinCode = newJoinCode();
        for (let i = 0; i < 5 && (await repo.joinCodeTaken(tx, joinCode)); i += 1) joinCode = newJoinCode();
        const id = await repo.insertSession(tx, areaId, { activityId, title: input.title, moderation: input.moderation, joinCode, createdBy: actorId });
        await audit(tx, areaId, actorId, 'live.session.created', { type: 'live_session', id, detail: { activityId, moderation: input.moderation } });
        return id;
      });
    } catch (error) {
      if (!isUniqueClash(error) || attempt >= 3) throw error;
    }
  }
}

async function lockedInteraction(tx: AreaTx, areaId: string, sessionId: string, interactionId: string): Promise<LiveInteraction> {
  await repo.lockSession(tx, areaId, sessionId);
  const interaction = await getInteraction(tx, areaId, sessionId, interactionId);
  if (!interaction) throw new NotFoundError('interaction');
  return interaction;
}

const changed = (tx: AreaTx, areaId: string, sessionId: string) => appendEvent(tx, areaId, sessionId, 'interactions.changed', 'staff', {});

export async function addInteraction(db: Db, areaId: string, sessionId: string, input: repo.NewInteraction): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await repo.lockSession(tx, areaId, sessionId);
    const id = await repo.insertInteraction(tx, areaId, sessionId, (await repo.lastPosition(tx, areaId, sessionId)) + 1, input);
    await changed(tx, areaId, sessionId);
    return id;
  });
}

/** Saves an edit; ConflictError if someone changed the interaction since the form was made. */
export async function saveInteraction(db: Db, areaId: string, sessionId: string, interactionId: string, version: number, input: Omit<repo.NewInteraction, 'kind'>): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await lockedInteraction(tx, areaId, sessionId, interactionId);
    if (!(await repo.updateInteraction(tx, areaId, interactionId, version, input))) throw new ConflictError('interaction changed');
    await changed(tx, areaId, sessionId);
  });
}

/** Swaps an interaction with its neighbour above or below (nothing at either end). */
export async function moveInteraction(db: Db, areaId: string, sessionId: string, interactionId: string, direction: 'up' | 'down'): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await lockedInteraction(tx, areaId, sessionId, interactionId);
    const all = await listInteractions(tx, areaId, sessionId);
    const i = all.findIndex((x) => x.id === interactionId);
    const j = direction === 'up' ? i - 1 : i + 1;
    const here = all[i];
    const there = all[j];
    if (!here || !there) return;
    await repo.setPosition(tx, areaId, here.id, there.position);
    await repo.setPosition(tx, areaId, there.id, here.position);
    await changed(tx, areaId, sessionId);
  });
}

/** A copy straight after the original, ready to run (no answers, results as the original's). */
export async function duplicateInteraction(db: Db, areaId: string, sessionId: string, interactionId: string): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const original = await lockedInteraction(tx, areaId, sessionId, interactionId);
    await repo.shiftFrom(tx, areaId, sessionId, original.position + 1, 1);
    const id = await repo.insertInteraction(tx, areaId, sessionId, original.position + 1, { kind: original.kind, prompt: original.prompt, symbol: original.symbol, settings: original.settings, resultsHidden: original.resultsHidden });
    await changed(tx, areaId, sessionId);
    return id;
  });
}

export async function answersFor(db: Db, areaId: string, interactionId: string): Promise<number> {
  return withArea(db, areaId, (tx) => repo.answerCount(tx, areaId, interactionId));
}

/** Deletes an interaction and its answers; the ones after it move up. Audited when answers are lost. */
export async function deleteInteraction(db: Db, actorId: string, areaId: string, sessionId: string, interactionId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const interaction = await lockedInteraction(tx, areaId, sessionId, interactionId);
    const answers = await repo.answerCount(tx, areaId, interactionId);
    await repo.deleteInteraction(tx, areaId, interactionId);
    await repo.shiftFrom(tx, areaId, sessionId, interaction.position + 1, -1);
    if (answers > 0) await audit(tx, areaId, actorId, 'live.interaction.deleted', { type: 'live_session', id: sessionId, detail: { kind: interaction.kind, answers } });
    await changed(tx, areaId, sessionId);
  });
}

// ── The console ──────────────────────────────────────────────────────────────────────────────────

/** A console action that no longer fits (the session or interaction moved on meanwhile). */
export class StaleActionError extends ConflictError {
  constructor() {
    super('that already changed');
  }
}

async function lockedSession(tx: AreaTx, areaId: string, sessionId: string): Promise<LiveSession> {
  await repo.lockSession(tx, areaId, sessionId);
  const session = await getSession(tx, areaId, sessionId);
  if (!session) throw new NotFoundError('live session');
  return session;
}

const sessionEvent = (tx: AreaTx, areaId: string, sessionId: string, status: LiveSession['status'], currentInteractionId: string | null) =>
  appendEvent(tx, areaId, sessionId, 'session.state', 'everyone', { status, currentInteractionId });

/** Whether the big screen shows an interaction's results now. */
export const resultsShown = (i: Pick<LiveInteraction, 'resultsHidden' | 'revealedAt'>) => !i.resultsHidden || i.revealedAt !== null;

const interactionEvent = (tx: AreaTx, areaId: string, sessionId: string, i: LiveInteraction) =>
  appendEvent(tx, areaId, sessionId, 'interaction.state', 'everyone', { interactionId: i.id, state: i.state, resultsHidden: !resultsShown(i) });

/** Opening an interaction that is ready (moving to one opens it: people can answer straight away). */
async function openIfReady(tx: AreaTx, areaId: string, sessionId: string, interaction: LiveInteraction | undefined): Promise<void> {
  if (!interaction || interaction.state !== 'ready') return;
  await repo.setInteractionState(tx, areaId, interaction.id, 'open');
  await interactionEvent(tx, areaId, sessionId, { ...interaction, state: 'open' });
}

/** Starts a prepared session: it runs, on its first interaction (opened), or where it was left. */
export async function startSession(db: Db, actorId: string, areaId: string, sessionId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const session = await lockedSession(tx, areaId, sessionId);
    if (session.status !== 'draft') throw new StaleActionError();
    const interactions = await listInteractions(tx, areaId, sessionId);
    const current = interactions.find((i) => i.id === session.currentInteractionId) ?? interactions[0];
    await repo.setSessionState(tx, areaId, sessionId, { status: 'running', startedAt: new Date(), currentInteractionId: current?.id ?? null });
    await openIfReady(tx, areaId, sessionId, current);
    await sessionEvent(tx, areaId, sessionId, 'running', current?.id ?? null);
    await audit(tx, areaId, actorId, 'live.session.started', { type: 'live_session', id: sessionId });
  });
}

/** Moves the session to an interaction (Next, Previous or any), opening it if it was ready. */
export async function goTo(db: Db, areaId: string, sessionId: string, interactionId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const session = await lockedSession(tx, areaId, sessionId);
    if (session.status !== 'running') throw new StaleActionError();
    const interaction = await getInteraction(tx, areaId, sessionId, interactionId);
    if (!interaction) throw new NotFoundError('interaction');
    if (session.currentInteractionId === interaction.id) return;
    await repo.setSessionState(tx, areaId, sessionId, { currentInteractionId: interaction.id });
    await openIfReady(tx, areaId, sessionId, interaction);
    await sessionEvent(tx, areaId, sessionId, 'running', interaction.id);
  });
}

export type InteractionAction = 'open' | 'lock' | 'close' | 'reveal' | 'hide';

const ALLOWED: Record<'open' | 'lock' | 'close', readonly LiveInteraction['state'][]> = { open: ['ready', 'locked'], lock: ['open'], close: ['ready', 'open', 'locked'] };

/** Freezes an interaction: its tally as it is now and the time, in the caller's transaction. */
async function freeze(tx: AreaTx, areaId: string, interaction: LiveInteraction, at: Date): Promise<Tally> {
  // Votes hold the interaction's row share-locked until they commit, and take no lock on the session:
  // locking the row here waits for every vote in flight, and the tally counted after it includes them
  // (a vote that comes later sees 'closed' and is refused).
  await repo.lockInteractionForChange(tx, areaId, interaction.id);
  const tally = await tallyInteraction(tx, areaId, { ...interaction, state: 'open' });
  await repo.setInteractionState(tx, areaId, interaction.id, 'closed', { tally, at });
  return tally;
}

/**
 * Opens (or reopens a locked one), locks (no new answers), closes (the tally frozen for good) an
 * interaction, or reveals or hides its results on the big screen. A closed interaction's tally never
 * changes again: it is the one written here.
 */
export async function changeInteraction(db: Db, areaId: string, sessionId: string, interactionId: string, action: InteractionAction): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const session = await lockedSession(tx, areaId, sessionId);
    if (session.status === 'ended') throw new StaleActionError();
    const interaction = await getInteraction(tx, areaId, sessionId, interactionId);
    if (!interaction) throw new NotFoundError('interaction');
    if (action === 'reveal' || action === 'hide') {
      const revealedAt = action === 'reveal' ? new Date() : null;
      if (action === 'reveal' && interaction.revealedAt) return;
      if (action === 'hide' && !interaction.revealedAt && interaction.resultsHidden) return;
      // Hiding results that were never meant to be hidden makes them hidden until revealed.
      if (action === 'hide' && !interaction.resultsHidden) {
        await repo.updateInteraction(tx, areaId, interaction.id, interaction.version, { prompt: interaction.prompt, symbol: interaction.symbol, settings: interaction.settings, resultsHidden: true });
      }
      await repo.setRevealed(tx, areaId, interaction.id, revealedAt);
      await interactionEvent(tx, areaId, sessionId, { ...interaction, revealedAt, resultsHidden: action === 'hide' ? true : interaction.resultsHidden });
      if (action === 'reveal') await appendEvent(tx, areaId, sessionId, 'tally', 'screen', { interactionId: interaction.id, tally: await tallyInteraction(tx, areaId, interaction) });
      return;
    }
    // Opening what is open, or locking what is locked, is already done (a double press, a retry).
    if ((action === 'open' && interaction.state === 'open') || (action === 'lock' && interaction.state === 'locked')) return;
    if (!ALLOWED[action].includes(interaction.state)) throw new StaleActionError();
    if (action === 'close') {
      const tally = await freeze(tx, areaId, interaction, new Date());
      await interactionEvent(tx, areaId, sessionId, { ...interaction, state: 'closed' });
      await appendEvent(tx, areaId, sessionId, 'tally', resultsShown(interaction) ? 'screen' : 'staff', { interactionId: interaction.id, tally });
      return;
    }
    const state = action === 'open' ? 'open' : 'locked';
    await repo.setInteractionState(tx, areaId, interaction.id, state);
    await interactionEvent(tx, areaId, sessionId, { ...interaction, state });
  });
}

/** Ends the session: every interaction still taking answers is closed, its tally frozen. */
export async function endSession(db: Db, actorId: string, areaId: string, sessionId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const session = await lockedSession(tx, areaId, sessionId);
    if (session.status === 'ended') throw new StaleActionError();
    const at = new Date();
    for (const interaction of await listInteractions(tx, areaId, sessionId)) {
      if (interaction.state === 'open' || interaction.state === 'locked') {
        await freeze(tx, areaId, interaction, at);
        await interactionEvent(tx, areaId, sessionId, { ...interaction, state: 'closed' });
      }
    }
    await repo.setSessionState(tx, areaId, sessionId, { status: 'ended', endedAt: at, ...(session.status === 'draft' ? { startedAt: at } : {}) });
    await sessionEvent(tx, areaId, sessionId, 'ended', session.currentInteractionId);
    await audit(tx, areaId, actorId, 'live.session.ended', { type: 'live_session', id: sessionId });
  });
}

// ── What the screens read ────────────────────────────────────────────────────────────────────────

export type Snapshot = {
  tallies: Map<string, Tally>;
  posts: repo.ShownPost[];
  clusters: Map<string, string>;
  participants: { count: number; people: number };
};

/**
 * Tallies, shown posts and who joined, for some of a session's interactions. Closed interactions
 * read their frozen tally (no query); open ones' tallies, posts and clusters are one or two queries
 * each, whatever the number of interactions.
 */
export async function snapshot(db: Db, areaId: string, sessionId: string, interactions: readonly LiveInteraction[]): Promise<Snapshot> {
  return withArea(db, areaId, async (tx) => {
    const tallies = await tallyInteractions(tx, areaId, interactions.filter((i) => i.state !== 'ready'));
    const postIds = interactions.filter((i) => i.kind === 'open_text' || i.kind === 'qanda' || i.kind === 'board').map((i) => i.id);
    return {
      tallies,
      posts: await repo.shownPosts(tx, areaId, postIds),
      clusters: await repo.clusterTitles(tx, areaId, interactions.filter((i) => i.kind === 'board').map((i) => i.id)),
      participants: await countParticipants(tx, areaId, sessionId),
    };
  });
}
