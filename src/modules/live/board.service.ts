/**
 * The sticky-note board (issue 15 §2): what Jamboard did, for every child. The list is the real
 * interface (every note, cluster and dot made, moved and read by keyboard and screen reader); the
 * canvas (assets/live-board.js) is drawn on top of the same forms.
 *
 * Rules held here:
 * - a participant's words go through screenLiveText before anyone else sees them; only shown_text
 *   ever leaves this file;
 * - a resent note form adds nothing (the form's client key, under the participant's row lock);
 * - dots: at most dotsPerPerson per person per board, one per note (live_vote's key), counted under
 *   the participant's row lock so parallel taps cannot pass the limit;
 * - a participant moves only their own note; staff move any, make and remove clusters;
 * - every change appends its event (core.ts appendEvent) in the same transaction;
 * - a board that is not open (ready, locked, closed) or a session not running is read-only.
 */
import { randomUUID } from 'node:crypto';
import type { AreaTx, Db, LiveColour } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { findSymbol } from '../../lib/symbols.ts';
import { hashToken } from '../../lib/tokens.ts';
import { findActivityIn } from '../activities/activities.service.ts';
import { audit } from '../privacy/audit.service.ts';
import type { ClusterInput, NoteInput } from './board.forms.ts';
import * as repo from './board.repository.ts';
import { appendEvent, getInteraction, getParticipantByTokenHash, getSession, readSettings, type BoardColumn, type BoardSettings, type LiveInteraction, type LiveParticipant, type LiveSession } from './core.ts';
import { screenLiveText } from './moderation.service.ts';
// The participant's receipt code, for a safeguarding concern to name (the participate part's read, same module).
import { responseReceiptCode } from './participate.repository.ts';

export type { BoardCluster, BoardNote } from './board.repository.ts';

export type Board = { session: LiveSession; interaction: LiveInteraction; settings: BoardSettings; activityTitle?: string };

/** Why a board takes no changes, or null when it does. */
export type ReadOnlyReason = null | 'notOpen' | 'locked' | 'closed' | 'ended';

export function readOnlyReason(board: Board): ReadOnlyReason {
  if (board.session.status === 'ended') return 'ended';
  if (board.session.status !== 'running') return 'notOpen';
  if (board.interaction.state === 'open') return null;
  return board.interaction.state === 'ready' ? 'notOpen' : board.interaction.state;
}

export class BoardReadOnlyError extends ConflictError {
  readonly reason: Exclude<ReadOnlyReason, null>;
  constructor(reason: Exclude<ReadOnlyReason, null>) {
    super(`board is read-only: ${reason}`);
    this.reason = reason;
  }
}

/** The browser has not joined this session (or its cookie is gone): the page sends them to join. */
export class NotParticipantError extends ForbiddenError {}

/** Not enough dots left: the page says so kindly. */
export class NoDotsLeftError extends ConflictError {}

export type NoteView = {
  id: string;
  text: string;
  symbol: string | null;
  symbolName: string | null;
  colour: LiveColour;
  columnKey: string;
  clusterId: string | null;
  votes: number;
  mine: boolean;
  dotted: boolean;
  waiting: boolean;
  byFacilitator: boolean;
};
export type ClusterView = { id: string; title: string; columnKey: string; notes: NoteView[] };
export type ColumnView = BoardColumn & { clusters: ClusterView[]; notes: NoteView[]; count: number };
export type BoardView = { columns: ColumnView[]; clusters: ClusterView[]; dotsPerPerson: number; dotsUsed: number; dotsLeft: number; total: number };

// ── Loading ──────────────────────────────────────────────────────────────────────────────────────

async function loadBoard(tx: AreaTx, areaId: string, sessionId: string, interactionId: string): Promise<Board> {
  const session = isId(sessionId) ? await getSession(tx, areaId, sessionId) : undefined;
  const interaction = session && isId(interactionId) ? await getInteraction(tx, areaId, session.id, interactionId) : undefined;
  if (!session || !interaction || interaction.kind !== 'board') throw new NotFoundError('board');
  return { session, interaction, settings: readSettings('board', interaction.settings) };
}

/** The board as staff reach it: the activity's, in its organisation for a practitioner. */
async function loadStaffBoard(tx: AreaTx, actor: Actor | null, areaId: string, activityId: string, sessionId: string, interactionId: string, action: 'live.run' | 'live.view'): Promise<Board> {
  const activity = isId(activityId) ? await findActivityIn(tx, areaId, activityId) : undefined;
  if (!activity) throw new NotFoundError('activity');
  if (!can(actor, action, { areaId, organisationId: activity.organisationId ?? undefined })) throw new ForbiddenError();
  const board = await loadBoard(tx, areaId, sessionId, interactionId);
  if (board.session.activityId !== activity.id) throw new NotFoundError('board');
  return { ...board, activityTitle: activity.title };
}

async function participantOf(tx: AreaTx, areaId: string, sessionId: string, token: string | undefined): Promise<LiveParticipant | undefined> {
  return token && isId(sessionId) ? getParticipantByTokenHash(tx, areaId, sessionId, hashToken(token)) : undefined;
}

/** Where a note's column or cluster no longer exists (the columns were edited), it shows in the first column. */
function present(settings: BoardSettings, notes: repo.BoardNote[], clusters: repo.BoardCluster[], me: { participantId?: string; dots?: Set<string> }): BoardView {
  const keys = new Set(settings.columns.map((c) => c.key));
  const first = settings.columns[0]!.key;
  const columnOf = (key: string) => (keys.has(key) ? key : first);
  const clusterViews: ClusterView[] = clusters.map((c) => ({ id: c.id, title: c.title, columnKey: columnOf(c.columnKey), notes: [] }));
  const byCluster = new Map(clusterViews.map((c) => [c.id, c]));
  const columns: ColumnView[] = settings.columns.map((c) => ({ ...c, clusters: clusterViews.filter((cl) => cl.columnKey === c.key), notes: [], count: 0 }));
  const byColumn = new Map(columns.map((c) => [c.key, c]));
  for (const n of notes) {
    const view: NoteView = {
      id: n.id,
      text: n.shownText,
      symbol: n.symbol,
      symbolName: n.symbol ? (findSymbol(n.symbol)?.name ?? null) : null,
      colour: n.colour,
      columnKey: columnOf(n.columnKey),
      clusterId: n.clusterId && byCluster.has(n.clusterId) ? n.clusterId : null,
      votes: n.status === 'shown' ? n.votes : 0,
      mine: Boolean(me.participantId) && n.participantId === me.participantId,
      dotted: me.dots?.has(n.id) ?? false,
      waiting: n.status !== 'shown',
      byFacilitator: n.participantId === null,
    };
    const cluster = view.clusterId ? byCluster.get(view.clusterId) : undefined;
    // A note in a cluster shows under it (in the cluster's column).
    if (cluster) {
      view.columnKey = cluster.columnKey;
      cluster.notes.push(view);
    } else byColumn.get(view.columnKey)!.notes.push(view);
    byColumn.get(view.columnKey)!.count += 1;
  }
  const dotsUsed = me.dots?.size ?? 0;
  return { columns, clusters: clusterViews, dotsPerPerson: settings.dotsPerPerson, dotsUsed, dotsLeft: Math.max(0, settings.dotsPerPerson - dotsUsed), total: notes.length };
}

export type ParticipantBoard = Board & { participant: LiveParticipant | undefined; view: BoardView | undefined };

/** A participant's board: shown notes and their own that wait; their dots. No participant: no view (the page sends them to join). */
export async function participantBoard(db: Db, areaId: string, sessionId: string, interactionId: string, token: string | undefined): Promise<ParticipantBoard> {
  return withArea(db, areaId, async (tx) => {
    const board = await loadBoard(tx, areaId, sessionId, interactionId);
    if (board.session.status === 'draft') throw new NotFoundError('board');
    const participant = await participantOf(tx, areaId, board.session.id, token);
    if (!participant) return { ...board, participant, view: undefined };
    const [notes, clusters, dots] = await Promise.all([
      repo.listNotes(tx, areaId, board.interaction.id, { mine: participant.id }),
      repo.listClusters(tx, areaId, board.interaction.id),
      repo.myDots(tx, areaId, board.interaction.id, participant.id),
    ]);
    return { ...board, participant, view: present(board.settings, notes, clusters, { participantId: participant.id, dots }) };
  });
}

/** The board for staff: shown and pending notes (held ones never: they wait for the safeguarding lead). */
export async function staffBoard(db: Db, actor: Actor | null, areaId: string, activityId: string, sessionId: string, interactionId: string, action: 'live.run' | 'live.view' = 'live.run'): Promise<Board & { view: BoardView }> {
  return withArea(db, areaId, async (tx) => {
    const board = await loadStaffBoard(tx, actor, areaId, activityId, sessionId, interactionId, action);
    const [notes, clusters] = await Promise.all([repo.listNotes(tx, areaId, board.interaction.id, { staff: true }), repo.listClusters(tx, areaId, board.interaction.id)]);
    return { ...board, view: present(board.settings, notes, clusters, {}) };
  });
}

/** Only what everyone may see (shown notes), for the big screen and the exports. */
export async function shownBoard(db: Db, actor: Actor | null, areaId: string, activityId: string, sessionId: string, interactionId: string, action: 'live.run' | 'live.view'): Promise<Board & { view: BoardView }> {
  return withArea(db, areaId, async (tx) => {
    const board = await loadStaffBoard(tx, actor, areaId, activityId, sessionId, interactionId, action);
    const [notes, clusters] = await Promise.all([repo.listNotes(tx, areaId, board.interaction.id, {}), repo.listClusters(tx, areaId, board.interaction.id)]);
    return { ...board, view: present(board.settings, notes, clusters, {}) };
  });
}

/** Records that staff took a board out of Chorus (CSV, Excel, image, print). */
export async function auditBoardExport(db: Db, actor: Actor, areaId: string, interactionId: string, format: string): Promise<void> {
  await withArea(db, areaId, (tx) => audit(tx, areaId, actor.accountId, 'live.board.exported', { type: 'live_interaction', id: interactionId, detail: { format } }), actor.accountId);
}

// ── Events ───────────────────────────────────────────────────────────────────────────────────────

function shownPayload(interactionId: string, note: { id: string; shownText: string; symbol: string | null; colour: LiveColour; columnKey: string; clusterId: string | null }, votes = 0) {
  return { interactionId, post: { id: note.id, kind: 'note', shownText: note.shownText, symbol: note.symbol, colour: note.colour, columnKey: note.columnKey, clusterId: note.clusterId, votes } };
}

function writable(board: Board): void {
  const reason = readOnlyReason(board);
  if (reason) throw new BoardReadOnlyError(reason);
}

// ── Participants ─────────────────────────────────────────────────────────────────────────────────

/** `concernRaised`: the note may be a disclosure and a concern was raised; the caller sends the alerts now that it is committed. */
export type NoteAdded = { added: boolean; status: 'shown' | 'pending' | 'held' | 'hidden'; columnTitle: string; concernRaised: boolean };

/**
 * A participant's note. The participant's row lock makes the client-key check and the insert one
 * step, so a form sent twice (a double tap, a resent page) adds one note and screens its words once.
 */
export async function addParticipantNote(db: Db, areaId: string, sessionId: string, interactionId: string, token: string | undefined, input: NoteInput): Promise<NoteAdded> {
  return withArea(db, areaId, async (tx) => {
    const board = await loadBoard(tx, areaId, sessionId, interactionId);
    const participant = await participantOf(tx, areaId, board.session.id, token);
    if (!participant) throw new NotParticipantError('not a participant');
    writable(board);
    const columnTitle = board.settings.columns.find((c) => c.key === input.column)?.title ?? '';
    await repo.lockParticipant(tx, areaId, participant.id);
    const existing = await repo.findNoteByClientKey(tx, areaId, board.interaction.id, participant.id, input.clientKey);
    if (existing) return { added: false, status: 'shown' as const, columnTitle, concernRaised: false };
    const id = randomUUID();
    const screened = input.text
      ? await screenLiveText(tx, areaId, { session: board.session, interactionId: board.interaction.id, sourceKey: `post:${id}`, text: input.text, participantId: participant.id, receiptCode: await responseReceiptCode(tx, areaId, participant.responseId) })
      : { shownText: '', status: board.session.moderation === 'approve' ? ('pending' as const) : ('shown' as const), flags: [], concernRaised: false };
    const note = { id, participantId: participant.id, originalText: input.text, shownText: screened.shownText, symbol: input.symbol, colour: input.colour, columnKey: input.column, clusterId: null, status: screened.status, flags: screened.flags, clientKey: input.clientKey };
    await repo.insertNote(tx, areaId, board.interaction.id, note);
    if (screened.status === 'shown') await appendEvent(tx, areaId, board.session.id, 'post.shown', 'everyone', shownPayload(board.interaction.id, note));
    else if (screened.status === 'held') await appendEvent(tx, areaId, board.session.id, 'post.held', 'staff', { interactionId: board.interaction.id, postId: id });
    else if (screened.status === 'pending') await appendEvent(tx, areaId, board.session.id, 'post.pending', 'staff', { interactionId: board.interaction.id, postId: id });
    return { added: true, status: screened.status, columnTitle, concernRaised: screened.concernRaised };
  });
}

/** Moves a participant's own note to another column (out of any cluster). Someone else's note: not found. */
export async function moveMyNote(db: Db, areaId: string, sessionId: string, interactionId: string, token: string | undefined, postId: string, columnKey: string): Promise<{ columnTitle: string }> {
  return withArea(db, areaId, async (tx) => {
    const board = await loadBoard(tx, areaId, sessionId, interactionId);
    const participant = await participantOf(tx, areaId, board.session.id, token);
    if (!participant) throw new NotParticipantError('not a participant');
    writable(board);
    const note = isId(postId) ? await repo.findNote(tx, areaId, board.interaction.id, postId) : undefined;
    if (!note || note.participantId !== participant.id || note.status === 'hidden') throw new NotFoundError('note');
    const column = board.settings.columns.find((c) => c.key === columnKey);
    if (!column) throw new NotFoundError('column');
    await repo.placeNote(tx, areaId, note.id, { columnKey, clusterId: null });
    await appendEvent(tx, areaId, board.session.id, 'post.moved', note.status === 'shown' ? 'everyone' : 'staff', { interactionId: board.interaction.id, postId: note.id, columnKey, clusterId: null, position: note.position });
    return { columnTitle: column.title };
  });
}

/**
 * Puts a dot on a shown note, or takes it back. The participant's row is locked first, so twenty
 * taps at once are counted one after another and never pass dotsPerPerson.
 */
export async function setDot(db: Db, areaId: string, sessionId: string, interactionId: string, token: string | undefined, postId: string, give: boolean): Promise<{ changed: boolean; dotsLeft: number }> {
  return withArea(db, areaId, async (tx) => {
    const board = await loadBoard(tx, areaId, sessionId, interactionId);
    const participant = await participantOf(tx, areaId, board.session.id, token);
    if (!participant) throw new NotParticipantError('not a participant');
    writable(board);
    const note = isId(postId) ? await repo.findNote(tx, areaId, board.interaction.id, postId) : undefined;
    if (!note || note.status !== 'shown') throw new NotFoundError('note');
    await repo.lockParticipant(tx, areaId, participant.id);
    const used = await repo.countMyDots(tx, areaId, board.interaction.id, participant.id);
    let changed: boolean;
    if (give) {
      if (used >= board.settings.dotsPerPerson) throw new NoDotsLeftError('no dots left');
      changed = await repo.insertDot(tx, areaId, note.id, participant.id);
    } else changed = await repo.deleteDot(tx, areaId, note.id, participant.id);
    if (changed) await appendEvent(tx, areaId, board.session.id, 'votes', 'everyone', { interactionId: board.interaction.id, postId: note.id, votes: await repo.countDots(tx, areaId, note.id) });
    const nowUsed = used + (changed ? (give ? 1 : -1) : 0);
    return { changed, dotsLeft: Math.max(0, board.settings.dotsPerPerson - nowUsed) };
  });
}

// ── Staff ────────────────────────────────────────────────────────────────────────────────────────

type StaffRef = { actor: Actor; areaId: string; activityId: string; sessionId: string; interactionId: string };

async function staffChange<T>(db: Db, ref: StaffRef, fn: (tx: AreaTx, board: Board) => Promise<T>): Promise<T> {
  return withArea(
    db,
    ref.areaId,
    async (tx) => {
      const board = await loadStaffBoard(tx, ref.actor, ref.areaId, ref.activityId, ref.sessionId, ref.interactionId, 'live.run');
      // A closed board keeps its record as it was; a locked one can still be tidied by its facilitator.
      if (board.interaction.state === 'closed' || board.session.status === 'ended') throw new BoardReadOnlyError(board.session.status === 'ended' ? 'ended' : 'closed');
      await repo.lockInteraction(tx, ref.areaId, board.interaction.id);
      return fn(tx, board);
    },
    ref.actor.accountId,
  );
}

/** A facilitator's note: shown at once (staff words are not screened as a child's are). A resent form adds nothing. */
export async function addFacilitatorNote(db: Db, ref: StaffRef, input: NoteInput): Promise<NoteAdded> {
  return staffChange(db, ref, async (tx, board) => {
    const columnTitle = board.settings.columns.find((c) => c.key === input.column)?.title ?? '';
    if (await repo.findNoteByClientKey(tx, ref.areaId, board.interaction.id, null, input.clientKey)) return { added: false, status: 'shown', columnTitle, concernRaised: false };
    const note = { id: randomUUID(), participantId: null, originalText: input.text, shownText: input.text, symbol: input.symbol, colour: input.colour, columnKey: input.column, clusterId: null, status: 'shown' as const, flags: [], clientKey: input.clientKey };
    await repo.insertNote(tx, ref.areaId, board.interaction.id, note);
    await appendEvent(tx, ref.areaId, board.session.id, 'post.shown', 'everyone', shownPayload(board.interaction.id, note));
    return { added: true, status: 'shown', columnTitle, concernRaised: false };
  });
}

export type StaffMove = { place?: { column: string } | { cluster: string | null }; direction?: 'up' | 'down' };

/** Moves any note: to a column, into or out of a cluster, or up or down among its neighbours. Returns where it went, in words. */
export async function moveNote(db: Db, ref: StaffRef, postId: string, move: StaffMove): Promise<{ where: string }> {
  return staffChange(db, ref, async (tx, board) => {
    const note = isId(postId) ? await repo.findNote(tx, ref.areaId, board.interaction.id, postId) : undefined;
    if (!note || note.status === 'hidden' || note.status === 'held') throw new NotFoundError('note');
    let columnKey = note.columnKey;
    let clusterId = note.clusterId;
    let where = '';
    const columns = board.settings.columns;
    if (move.place && 'column' in move.place) {
      const column = columns.find((c) => c.key === (move.place as { column: string }).column);
      if (!column) throw new NotFoundError('column');
      columnKey = column.key;
      clusterId = null;
      where = column.title;
    } else if (move.place && 'cluster' in move.place) {
      const cluster = move.place.cluster && isId(move.place.cluster) ? await repo.findCluster(tx, ref.areaId, board.interaction.id, move.place.cluster) : undefined;
      if (!cluster) throw new NotFoundError('cluster');
      columnKey = cluster.columnKey;
      clusterId = cluster.id;
      where = cluster.title;
    }
    await repo.placeNote(tx, ref.areaId, note.id, { columnKey, clusterId });
    let position = note.position;
    if (move.direction) {
      // Its group (same column and cluster), in board order; swap with the neighbour and renumber.
      const all = await repo.listNotes(tx, ref.areaId, board.interaction.id, { staff: true });
      const group = all.filter((n) => n.columnKey === columnKey && n.clusterId === clusterId);
      const i = group.findIndex((n) => n.id === note.id);
      const j = move.direction === 'up' ? i - 1 : i + 1;
      if (i >= 0 && j >= 0 && j < group.length) {
        [group[i], group[j]] = [group[j]!, group[i]!];
        const ordered = group.map((n) => n.id);
        // Positions are board-wide; the group takes the slots its notes already held, in its new order.
        const slots = group.map((n) => n.position).sort((a, b) => a - b);
        if (new Set(slots).size === slots.length) {
          for (const [k, id] of ordered.entries()) await repo.placeNote(tx, ref.areaId, id, { columnKey, clusterId, position: slots[k]! });
        } else await repo.renumber(tx, ref.areaId, all.map((n) => n.id).filter((id) => !ordered.includes(id)).concat(ordered));
        position = ordered.indexOf(note.id) + 1;
      }
      where = move.direction;
    }
    await appendEvent(tx, ref.areaId, board.session.id, 'post.moved', note.status === 'shown' ? 'everyone' : 'staff', { interactionId: board.interaction.id, postId: note.id, columnKey, clusterId, position });
    return { where };
  });
}

export async function createCluster(db: Db, ref: StaffRef, input: ClusterInput): Promise<string> {
  return staffChange(db, ref, async (tx, board) => {
    const id = await repo.insertCluster(tx, ref.areaId, board.interaction.id, input.title, input.column);
    await appendEvent(tx, ref.areaId, board.session.id, 'clusters', 'everyone', { interactionId: board.interaction.id });
    return id;
  });
}

export async function renameCluster(db: Db, ref: StaffRef, clusterId: string, input: ClusterInput): Promise<void> {
  await staffChange(db, ref, async (tx, board) => {
    const cluster = isId(clusterId) ? await repo.findCluster(tx, ref.areaId, board.interaction.id, clusterId) : undefined;
    if (!cluster) throw new NotFoundError('cluster');
    await repo.updateCluster(tx, ref.areaId, cluster.id, input.title, input.column);
    await appendEvent(tx, ref.areaId, board.session.id, 'clusters', 'everyone', { interactionId: board.interaction.id });
  });
}

export async function removeCluster(db: Db, ref: StaffRef, clusterId: string): Promise<string> {
  return staffChange(db, ref, async (tx, board) => {
    const cluster = isId(clusterId) ? await repo.findCluster(tx, ref.areaId, board.interaction.id, clusterId) : undefined;
    if (!cluster) throw new NotFoundError('cluster');
    await repo.deleteCluster(tx, ref.areaId, cluster.id);
    await appendEvent(tx, ref.areaId, board.session.id, 'clusters', 'everyone', { interactionId: board.interaction.id });
    return cluster.title;
  });
}
