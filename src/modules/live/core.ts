/**
 * The live module's shared core (issue 15): what every part reads and the one way to record that
 * something changed. Each part (sessions, participate, board, moderation, stream, contributions) has
 * its own files; they meet here.
 *
 * - Interaction settings are JSON in the database, checked here with zod on the way in and out.
 * - `appendEvent` is the only writer of live_event. Call it in the same transaction as the change:
 *   it takes the session row's lock to number the event (so numbers are in commit order, without
 *   gaps: a screen that reconnects with Last-Event-ID misses nothing and gets nothing twice) and
 *   queues a NOTIFY that PostgreSQL delivers to every instance at commit (stream.ts listens).
 * - Audiences: 'everyone' reaches participants' devices, the big screen and the console; 'screen'
 *   the big screen and the console; 'staff' the console only. A tally whose results are hidden goes
 *   to staff; words not yet approved never reach 'everyone' or 'screen'.
 */
import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AreaTx, Db, LiveAudience, LiveColour, LiveInteractionKind, LiveInteractionState } from '../../db/database.ts';
import { CODE_ALPHABET } from '../../lib/codes.ts';
import { isId } from '../../lib/ids.ts';
import { hashToken } from '../../lib/tokens.ts';

export type { LiveAudience, LiveColour, LiveInteractionKind, LiveInteractionState, LivePostStatus } from '../../db/database.ts';

export const INTERACTION_KINDS: readonly LiveInteractionKind[] = ['choice', 'word_cloud', 'scale', 'open_text', 'ranking', 'qanda', 'board'];
export const COLOURS: readonly LiveColour[] = ['yellow', 'blue', 'green', 'pink', 'orange', 'purple'];
/** Kinds answered once per participant (live_answer) and tallied; the others are posts (live_post). */
export const ANSWER_KINDS: ReadonlySet<LiveInteractionKind> = new Set(['choice', 'word_cloud', 'scale', 'ranking']);

// ── Settings per kind (JSON, checked) ────────────────────────────────────────────────────────────

const symbolRef = z.string().regex(/^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$/);
export const optionSchema = z.object({ id: z.string().regex(/^[a-z0-9]{1,12}$/), label: z.string().min(1).max(80), symbol: symbolRef.nullable() });
export const columnSchema = z.object({ key: z.string().regex(/^[a-z0-9]{1,12}$/), title: z.string().min(1).max(60), colour: z.enum(COLOURS as [LiveColour, ...LiveColour[]]) });

export const settingsSchemas = {
  /** 2 to 8 options, each with words and (usually) an OpenMoji symbol. */
  choice: z.object({ options: z.array(optionSchema).min(2).max(8), multiple: z.boolean().default(false) }),
  /** Up to `maxWords` words (1 to 3) per participant. */
  word_cloud: z.object({ maxWords: z.number().int().min(1).max(3).default(3) }),
  /** 1 to 5, shown as faces, stars or numbers, with the words for each end. */
  scale: z.object({ style: z.enum(['faces', 'stars', 'numbers']).default('faces'), lowLabel: z.string().max(40).default(''), highLabel: z.string().max(40).default('') }),
  open_text: z.object({}).default({}),
  /** 2 to 8 options to put in order. */
  ranking: z.object({ options: z.array(optionSchema).min(2).max(8) }),
  qanda: z.object({}).default({}),
  /** 1 to 6 columns ("What's good / What's not / Ideas") and dots per person (0 = no voting). */
  board: z.object({ columns: z.array(columnSchema).min(1).max(6), dotsPerPerson: z.number().int().min(0).max(10).default(3) }),
} as const;

export type ChoiceSettings = z.infer<typeof settingsSchemas.choice>;
export type WordCloudSettings = z.infer<typeof settingsSchemas.word_cloud>;
export type ScaleSettings = z.infer<typeof settingsSchemas.scale>;
export type RankingSettings = z.infer<typeof settingsSchemas.ranking>;
export type BoardSettings = z.infer<typeof settingsSchemas.board>;
export type LiveOption = z.infer<typeof optionSchema>;
export type BoardColumn = z.infer<typeof columnSchema>;

export type SettingsFor<K extends LiveInteractionKind> = z.infer<(typeof settingsSchemas)[K]>;

/** Settings as stored, read back; a value that no longer fits its kind falls back to a default. */
export function readSettings<K extends LiveInteractionKind>(kind: K, raw: unknown): SettingsFor<K> {
  const parsed = settingsSchemas[kind].safeParse(raw ?? {});
  if (parsed.success) return parsed.data as SettingsFor<K>;
  return DEFAULT_SETTINGS[kind] as SettingsFor<K>;
}

export const DEFAULT_SETTINGS: { [K in LiveInteractionKind]: SettingsFor<K> } = {
  choice: { options: [{ id: 'a', label: 'Yes', symbol: '1F44D' }, { id: 'b', label: 'No', symbol: '1F44E' }], multiple: false },
  word_cloud: { maxWords: 3 },
  scale: { style: 'faces', lowLabel: '', highLabel: '' },
  open_text: {},
  ranking: { options: [{ id: 'a', label: 'First idea', symbol: null }, { id: 'b', label: 'Second idea', symbol: null }] },
  qanda: {},
  board: {
    columns: [
      { key: 'good', title: "What's good", colour: 'green' },
      { key: 'not', title: "What's not", colour: 'pink' },
      { key: 'ideas', title: 'Ideas', colour: 'yellow' },
    ],
    dotsPerPerson: 3,
  },
};

// ── Answer values (live_answer.value) ────────────────────────────────────────────────────────────

export const answerSchemas = {
  choice: z.object({ options: z.array(z.string()).min(1).max(8) }),
  word_cloud: z.object({ words: z.array(z.string().min(1).max(40)).min(1).max(3) }),
  scale: z.object({ value: z.number().int().min(1).max(5) }),
  ranking: z.object({ order: z.array(z.string()).min(2).max(8) }),
} as const;
export type AnswerKind = keyof typeof answerSchemas;
export type AnswerValue<K extends AnswerKind> = z.infer<(typeof answerSchemas)[K]>;

// ── What the parts read ──────────────────────────────────────────────────────────────────────────

export type LiveSession = {
  id: string;
  areaId: string;
  activityId: string;
  title: string;
  joinCode: string;
  status: 'draft' | 'running' | 'ended';
  moderation: 'approve' | 'direct';
  currentInteractionId: string | null;
  eventSeq: number;
  version: number;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  contributionsMadeAt: Date | null;
};

export type LiveInteraction = {
  id: string;
  sessionId: string;
  position: number;
  kind: LiveInteractionKind;
  prompt: string;
  symbol: string | null;
  settings: unknown;
  resultsHidden: boolean;
  revealedAt: Date | null;
  state: LiveInteractionState;
  closedAt: Date | null;
  frozenTally: unknown;
  version: number;
};

export type LiveParticipant = {
  id: string;
  sessionId: string;
  responseId: string;
  nickname: string;
  groupSize: number;
  joinedAt: Date;
};

type SessionRow = { id: string; area_id: string; activity_id: string; title: string; join_code: string; status: LiveSession['status']; moderation: LiveSession['moderation']; current_interaction_id: string | null; event_seq: string; version: number; created_at: Date; started_at: Date | null; ended_at: Date | null; contributions_made_at: Date | null };

function toSession(r: SessionRow): LiveSession {
  return {
    id: r.id,
    areaId: r.area_id,
    activityId: r.activity_id,
    title: r.title,
    joinCode: r.join_code,
    status: r.status,
    moderation: r.moderation,
    currentInteractionId: r.current_interaction_id,
    eventSeq: Number(r.event_seq),
    version: r.version,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    contributionsMadeAt: r.contributions_made_at,
  };
}

export async function getSession(tx: AreaTx, areaId: string, sessionId: string): Promise<LiveSession | undefined> {
  if (!isId(sessionId)) return undefined;
  const row = await tx.selectFrom('live_session').selectAll().where('area_id', '=', areaId).where('id', '=', sessionId).executeTakeFirst();
  return row ? toSession(row as SessionRow) : undefined;
}

export async function listSessionsForActivity(tx: AreaTx, areaId: string, activityId: string): Promise<LiveSession[]> {
  const rows = await tx.selectFrom('live_session').selectAll().where('area_id', '=', areaId).where('activity_id', '=', activityId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => toSession(r as SessionRow));
}

/** The area and session a typed join code opens, read before any area is known (any area's code). */
export async function findJoinCode(db: Db, code: string): Promise<{ areaId: string; sessionId: string } | undefined> {
  const row = await db.selectFrom('live_join_code').select(['area_id', 'session_id']).where('code', '=', code).executeTakeFirst();
  return row ? { areaId: row.area_id, sessionId: row.session_id } : undefined;
}

export const JOIN_CODE_LENGTH = 6;

/** A new random join code from the unambiguous alphabet (no 0/O, 1/I/L): 31^6 ≈ 887 million. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A typed join code, tidied (spaces, dashes, lower case); undefined when it cannot be one. */
export function parseJoinCode(typed: unknown): string | undefined {
  if (typeof typed !== 'string') return undefined;
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return new RegExp(`^[${CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`).test(code) ? code : undefined;
}

type InteractionRow = { id: string; session_id: string; position: number; kind: LiveInteractionKind; prompt: string; symbol: string | null; settings: unknown; results_hidden: boolean; revealed_at: Date | null; state: LiveInteractionState; closed_at: Date | null; frozen_tally: unknown; version: number };

function toInteraction(r: InteractionRow): LiveInteraction {
  return {
    id: r.id,
    sessionId: r.session_id,
    position: r.position,
    kind: r.kind,
    prompt: r.prompt,
    symbol: r.symbol,
    settings: readSettings(r.kind, r.settings),
    resultsHidden: r.results_hidden,
    revealedAt: r.revealed_at,
    state: r.state,
    closedAt: r.closed_at,
    frozenTally: r.frozen_tally,
    version: r.version,
  };
}

export async function listInteractions(tx: AreaTx, areaId: string, sessionId: string): Promise<LiveInteraction[]> {
  const rows = await tx
    .selectFrom('live_interaction')
    .select(['id', 'session_id', 'position', 'kind', 'prompt', 'symbol', 'settings', 'results_hidden', 'revealed_at', 'state', 'closed_at', 'frozen_tally', 'version'])
    .where('area_id', '=', areaId)
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .execute();
  return rows.map((r) => toInteraction(r as InteractionRow));
}

export async function getInteraction(tx: AreaTx, areaId: string, sessionId: string, interactionId: string): Promise<LiveInteraction | undefined> {
  if (!isId(interactionId)) return undefined;
  const row = await tx
    .selectFrom('live_interaction')
    .select(['id', 'session_id', 'position', 'kind', 'prompt', 'symbol', 'settings', 'results_hidden', 'revealed_at', 'state', 'closed_at', 'frozen_tally', 'version'])
    .where('area_id', '=', areaId)
    .where('session_id', '=', sessionId)
    .where('id', '=', interactionId)
    .executeTakeFirst();
  return row ? toInteraction(row as InteractionRow) : undefined;
}

export async function getParticipantByTokenHash(tx: AreaTx, areaId: string, sessionId: string, tokenHash: string): Promise<LiveParticipant | undefined> {
  const row = await tx
    .selectFrom('live_participant')
    .select(['id', 'session_id', 'response_id', 'nickname', 'group_size', 'joined_at'])
    .where('area_id', '=', areaId)
    .where('session_id', '=', sessionId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? { id: row.id, sessionId: row.session_id, responseId: row.response_id, nickname: row.nickname, groupSize: row.group_size, joinedAt: row.joined_at } : undefined;
}

// ── Events ───────────────────────────────────────────────────────────────────────────────────────

/** The PostgreSQL channel every instance listens on; the payload is "<session id>:<seq>". */
export const NOTIFY_CHANNEL = 'chorus_live';

export type LiveEvent = { seq: number; kind: string; audience: LiveAudience; payload: unknown; createdAt: Date };

/**
 * Records that something changed in a session, in the caller's transaction: numbers it after the
 * session's last event (taking the session row's lock until commit) and notifies every instance at
 * commit. Returns the event's number. Kinds in use are listed in events.md beside this file.
 */
export async function appendEvent(tx: AreaTx, areaId: string, sessionId: string, kind: string, audience: LiveAudience, payload: unknown): Promise<number> {
  const bumped = await tx
    .updateTable('live_session')
    .set({ event_seq: sql`event_seq + 1` } as never)
    .where('area_id', '=', areaId)
    .where('id', '=', sessionId)
    .returning('event_seq')
    .executeTakeFirstOrThrow();
  const seq = Number(bumped.event_seq);
  await tx.insertInto('live_event').values({ area_id: areaId, session_id: sessionId, seq, kind, audience, payload: JSON.stringify(payload ?? {}) }).execute();
  await sql`select pg_notify(${NOTIFY_CHANNEL}, ${`${sessionId}:${seq}`})`.execute(tx);
  return seq;
}

/** Events after `afterSeq` that an audience may see, oldest first (for SSE and for resuming). */
export async function eventsAfter(tx: AreaTx, areaId: string, sessionId: string, afterSeq: number, audiences: readonly LiveAudience[], limit = 500): Promise<LiveEvent[]> {
  const rows = await tx
    .selectFrom('live_event')
    .select(['seq', 'kind', 'audience', 'payload', 'created_at'])
    .where('area_id', '=', areaId)
    .where('session_id', '=', sessionId)
    .where('seq', '>', String(afterSeq) as never)
    .where('audience', 'in', audiences)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, audience: r.audience, payload: r.payload, createdAt: r.created_at }));
}

/**
 * Votes (answers to a choice, scale, word cloud or ranking) are not numbered events: a tally is state,
 * not history, and numbering every vote under the session row's lock let a room vote only a few dozen
 * times a second (docs/performance.md, issue 15 §4). An answer's transaction says only "this
 * interaction's tally changed" on this channel (payload "<session id>:<interaction id>", delivered at
 * commit, identical ones in one transaction folded). Each instance's hub counts the tally again at
 * most a few times a second and sends it to the screens watching that session; a screen that
 * reconnects draws its results from the database anyway.
 */
export const TALLY_CHANNEL = 'chorus_live_tally';

/** Says, at commit, that an interaction's tally changed (see TALLY_CHANNEL). */
export async function notifyTally(tx: AreaTx, sessionId: string, interactionId: string): Promise<void> {
  await sql`select pg_notify(${TALLY_CHANNEL}, ${`${sessionId}:${interactionId}`})`.execute(tx);
}

/** Which audiences a viewer receives. */
export const AUDIENCES_FOR: Record<'participant' | 'screen' | 'console', readonly LiveAudience[]> = {
  participant: ['everyone'],
  screen: ['everyone', 'screen'],
  console: ['everyone', 'screen', 'staff'],
};

// ── Participants' cookie and limits (shared by participate, board and stream) ────────────────────

/** A participant's cookie: signed, holding a random token, one per session (its path). */
export const PARTICIPANT_COOKIE = 'chorus_live';

/** The participant pages of a session live under this path; the cookie is scoped to it. */
export function participantBase(areaSlug: string, sessionId: string): string {
  return `/a/${areaSlug}/live/${sessionId}`;
}

/** The token in a request's participant cookie, if it carries a valid signed one. */
export function participantToken(request: FastifyRequest): string | undefined {
  const raw = request.cookies[PARTICIPANT_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** The participant a request belongs to in this session, if they joined it from this browser. */
export async function currentParticipant(tx: AreaTx, request: FastifyRequest, areaId: string, sessionId: string): Promise<LiveParticipant | undefined> {
  const token = participantToken(request);
  return token ? getParticipantByTokenHash(tx, areaId, sessionId, hashToken(token)) : undefined;
}

/**
 * Limits for participants' requests (issue 15 §1: a room of 200 shares one address). They replace the
 * installation-wide per-address limit on these routes and count per participant (their cookie), or
 * per session for requests without one, never per address:
 * - every participant action (answer, note, vote, move): 120 a minute each: two a second is far more
 *   than a person taps, and a script replaying a vote gains nothing (answers are once per person);
 * - a session's pages for browsers that have not joined (the join form itself): 2,000 a minute per
 *   session, enough for a hall of 500 joining at once.
 * Guessing join codes is limited on the code form itself (participate part): wrong codes per address.
 */
export const PARTICIPANT_LIMIT = {
  max: (_request: FastifyRequest, key: string) => (key.startsWith('p:') ? 120 : 2000),
  timeWindow: '1 minute',
  hook: 'preHandler' as const,
  groupId: 'live-participant',
  keyGenerator: (request: FastifyRequest) => {
    const token = participantToken(request);
    if (token) return `p:${hashToken(token)}`;
    return `s:${(request.params as Record<string, string | undefined>).sessionId ?? ''}`;
  },
};
