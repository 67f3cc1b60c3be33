/**
 * The participate part's SQL (issue 15): joining (a response and a participant), answers once per
 * participant and interaction, participants' own posts (open text, Q&A questions) and upvotes.
 * Every function takes the area's transaction (row-level security) and the area id.
 */
import { sql } from 'kysely';
import type { AreaTx, LiveInteractionState, LivePostStatus } from '../../db/database.ts';

export async function receiptCodeTaken(tx: AreaTx, areaId: string, code: string): Promise<boolean> {
  const row = await tx.selectFrom('response').select('id').where('area_id', '=', areaId).where('receipt_code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** The response behind a participant: already submitted (a live answer is given as it is made), with its receipt code. */
export async function insertLiveResponse(tx: AreaTx, areaId: string, input: { activityId: string; tokenHash: string; receiptCode: string; language: string }): Promise<string> {
  const now = new Date();
  const row = await tx
    .insertInto('response')
    .values({
      area_id: areaId,
      activity_id: input.activityId,
      mode: 'anonymous',
      account_id: null,
      supporter_relationship: null,
      support_methods: [] as never,
      supporter_account_id: null,
      status: 'submitted',
      access_token_hash: input.tokenHash,
      resume_code_hash: null,
      idempotency_key: `live:${input.tokenHash}`,
      receipt_code: input.receiptCode,
      age_band: null,
      sex: null,
      ethnicity: null,
      need_type: null,
      support_level: null,
      language: input.language,
      updated_at: now,
      submitted_at: now,
      channel: 'live',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertParticipant(tx: AreaTx, areaId: string, input: { sessionId: string; tokenHash: string; responseId: string; nickname: string; groupSize: number }): Promise<string> {
  const row = await tx
    .insertInto('live_participant')
    .values({ area_id: areaId, session_id: input.sessionId, token_hash: input.tokenHash, response_id: input.responseId, nickname: input.nickname, group_size: input.groupSize, rules_agreed_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many joined, and how many people that is (a group of 3 is 3 people). */
export async function countParticipants(tx: AreaTx, areaId: string, sessionId: string): Promise<{ count: number; people: number }> {
  const row = await tx
    .selectFrom('live_participant')
    .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(group_size), 0)`.as('people')])
    .where('area_id', '=', areaId)
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), people: Number(row.people) };
}

/**
 * The session row, locked as appendEvent would lock it, taken first: the facilitator's actions lock
 * the session and then the interaction, so an answer locking in the same order never deadlocks
 * with them (it waits, or they wait).
 */
export async function lockSession(tx: AreaTx, areaId: string, sessionId: string): Promise<void> {
  await tx.selectFrom('live_session').select('id').where('area_id', '=', areaId).where('id', '=', sessionId).forNoKeyUpdate().executeTakeFirst();
}

/**
 * The interaction's state, its row locked against a change of state until this transaction ends
 * (FOR SHARE: answers do not wait for each other, but a facilitator's lock or close waits for every
 * answer in flight, and an answer that comes after it sees the new state).
 */
export async function lockInteractionState(tx: AreaTx, areaId: string, sessionId: string, interactionId: string): Promise<{ state: LiveInteractionState; resultsHidden: boolean; revealedAt: Date | null } | undefined> {
  const row = await tx
    .selectFrom('live_interaction')
    .select(['state', 'results_hidden', 'revealed_at'])
    .where('area_id', '=', areaId)
    .where('session_id', '=', sessionId)
    .where('id', '=', interactionId)
    .forShare()
    .executeTakeFirst();
  return row ? { state: row.state, resultsHidden: row.results_hidden, revealedAt: row.revealed_at } : undefined;
}

export type StoredAnswer = { value: unknown; shownText: string; held: boolean };

export async function findAnswer(tx: AreaTx, areaId: string, interactionId: string, participantId: string): Promise<StoredAnswer | undefined> {
  const row = await tx
    .selectFrom('live_answer')
    .select(['value', 'shown_text', 'held'])
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return row ? { value: row.value, shownText: row.shown_text, held: row.held } : undefined;
}

/**
 * One answer per participant and interaction: a new one is added, a different one replaces it, the
 * same one again changes nothing. Returns whether anything changed.
 */
export async function upsertAnswer(tx: AreaTx, areaId: string, input: { interactionId: string; participantId: string; value: unknown; shownText: string; held: boolean }): Promise<boolean> {
  const value = JSON.stringify(input.value);
  const rows = await tx
    .insertInto('live_answer')
    .values({ area_id: areaId, interaction_id: input.interactionId, participant_id: input.participantId, value, shown_text: input.shownText, held: input.held })
    .onConflict((oc) =>
      oc
        .columns(['interaction_id', 'participant_id'])
        .doUpdateSet({ value: sql`excluded.value`, shown_text: sql`excluded.shown_text`, held: sql`excluded.held`, updated_at: sql`now()` } as never)
        .where(sql<boolean>`(live_answer.value, live_answer.shown_text, live_answer.held) is distinct from (excluded.value, excluded.shown_text, excluded.held)`),
    )
    .returning('interaction_id')
    .execute();
  return rows.length > 0;
}

/** Adds a participant's post once per form (its client key): undefined when that form was already sent. */
export async function insertPost(
  tx: AreaTx,
  areaId: string,
  input: { interactionId: string; participantId: string; kind: 'text' | 'question'; originalText: string; shownText: string; status: LivePostStatus; flags: string[]; clientKey: string },
): Promise<string | undefined> {
  const position = await tx
    .selectFrom('live_post')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', input.interactionId)
    .executeTakeFirstOrThrow();
  const row = await tx
    .insertInto('live_post')
    .values({
      area_id: areaId,
      interaction_id: input.interactionId,
      participant_id: input.participantId,
      kind: input.kind,
      original_text: input.originalText,
      shown_text: input.shownText,
      status: input.status,
      flags: input.flags as never,
      client_key: input.clientKey,
      position: Number(position.next),
    })
    .onConflict((oc) => oc.columns(['interaction_id', 'participant_id', 'client_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The id a post already has for this form, when it was sent before. */
export async function findPostByClientKey(tx: AreaTx, areaId: string, interactionId: string, participantId: string, clientKey: string): Promise<{ id: string; status: LivePostStatus } | undefined> {
  return tx
    .selectFrom('live_post')
    .select(['id', 'status'])
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .where('participant_id', '=', participantId)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
}

export type OwnPost = { id: string; shownText: string; status: LivePostStatus };

/** What this participant wrote for an interaction, as it may be shown (never the original words). */
export async function listOwnPosts(tx: AreaTx, areaId: string, interactionId: string, participantId: string): Promise<OwnPost[]> {
  const rows = await tx
    .selectFrom('live_post')
    .select(['id', 'shown_text', 'status'])
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .where('participant_id', '=', participantId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, shownText: r.shown_text, status: r.status }));
}

export type ShownQuestion = { id: string; shownText: string; votes: number; mine: boolean; votedByMe: boolean };

/** A Q&A's questions on the screen, most upvoted first, with whether this participant upvoted each (one query). */
export async function listShownQuestions(tx: AreaTx, areaId: string, interactionId: string, participantId: string): Promise<ShownQuestion[]> {
  const rows = await tx
    .selectFrom('live_post as p')
    .leftJoin('live_vote as v', (j) => j.onRef('v.post_id', '=', 'p.id').onRef('v.area_id', '=', 'p.area_id'))
    .select([
      'p.id',
      'p.shown_text',
      'p.participant_id',
      'p.position',
      sql<string>`count(v.participant_id)`.as('votes'),
      sql<boolean>`coalesce(bool_or(v.participant_id = ${participantId}), false)`.as('voted'),
    ])
    .where('p.area_id', '=', areaId)
    .where('p.interaction_id', '=', interactionId)
    .where('p.kind', '=', 'question')
    .where('p.status', '=', 'shown')
    .groupBy(['p.id', 'p.shown_text', 'p.participant_id', 'p.position'])
    .orderBy(sql`count(v.participant_id)`, 'desc')
    .orderBy('p.position')
    .execute();
  return rows.map((r) => ({ id: r.id, shownText: r.shown_text, votes: Number(r.votes), mine: r.participant_id === participantId, votedByMe: r.voted }));
}

/** A shown question of this interaction, locked while its votes change. */
export async function lockShownQuestion(tx: AreaTx, areaId: string, interactionId: string, postId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('live_post')
    .select('id')
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .where('id', '=', postId)
    .where('kind', '=', 'question')
    .where('status', '=', 'shown')
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds this participant's upvote, or takes it away if they had given one. Returns the votes now. */
export async function toggleVote(tx: AreaTx, areaId: string, postId: string, participantId: string, wanted: boolean): Promise<{ changed: boolean; votes: number }> {
  let changed: boolean;
  if (wanted) {
    const added = await tx.insertInto('live_vote').values({ area_id: areaId, post_id: postId, participant_id: participantId }).onConflict((oc) => oc.columns(['post_id', 'participant_id']).doNothing()).returning('post_id').execute();
    changed = added.length > 0;
  } else {
    const removed = await tx.deleteFrom('live_vote').where('area_id', '=', areaId).where('post_id', '=', postId).where('participant_id', '=', participantId).returning('post_id').execute();
    changed = removed.length > 0;
  }
  const n = await tx.selectFrom('live_vote').select(sql<string>`count(*)`.as('n')).where('area_id', '=', areaId).where('post_id', '=', postId).executeTakeFirstOrThrow();
  return { changed, votes: Number(n.n) };
}

export async function responseReceiptCode(tx: AreaTx, areaId: string, responseId: string): Promise<string | null> {
  const row = await tx.selectFrom('response').select('receipt_code').where('area_id', '=', areaId).where('id', '=', responseId).executeTakeFirst();
  return row?.receipt_code ?? null;
}
