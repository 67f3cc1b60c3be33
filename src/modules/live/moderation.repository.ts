/**
 * SQL for moderating a live session: what waits for the facilitator, and a post's status changing.
 * original_text never leaves this file: the queue, the events and the pages use shown_text.
 */
import { sql } from 'kysely';
import type { AreaTx, LivePostStatus } from '../../db/database.ts';

/** What the safeguarding lead is told about where words came from: the question, and whose response. */
export async function findScreeningContext(tx: AreaTx, areaId: string, interactionId: string, participantId: string | null): Promise<{ prompt: string | null; responseId: string | null }> {
  const interaction = await tx.selectFrom('live_interaction').select('prompt').where('area_id', '=', areaId).where('id', '=', interactionId).executeTakeFirst();
  const participant = participantId
    ? await tx.selectFrom('live_participant').select('response_id').where('area_id', '=', areaId).where('id', '=', participantId).executeTakeFirst()
    : undefined;
  return { prompt: interaction?.prompt ?? null, responseId: participant?.response_id ?? null };
}

export type QueuedPost = { id: string; interactionId: string; prompt: string; kind: 'text' | 'question' | 'note'; status: LivePostStatus; shownText: string; symbol: string | null; flags: string[]; createdAt: Date };

/** A session's posts waiting for the facilitator or hidden by them (oldest first), never held ones' words. */
export async function listModeratedPosts(tx: AreaTx, areaId: string, sessionId: string): Promise<QueuedPost[]> {
  const rows = await tx
    .selectFrom('live_post as p')
    .innerJoin('live_interaction as i', (j) => j.onRef('i.area_id', '=', 'p.area_id').onRef('i.id', '=', 'p.interaction_id'))
    .select(['p.id', 'p.interaction_id', 'i.prompt', 'p.kind', 'p.status', 'p.shown_text', 'p.symbol', 'p.flags', 'p.created_at'])
    .where('p.area_id', '=', areaId)
    .where('i.session_id', '=', sessionId)
    .where('p.status', 'in', ['pending', 'hidden'])
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, interactionId: r.interaction_id, prompt: r.prompt, kind: r.kind, status: r.status, shownText: r.shown_text, symbol: r.symbol, flags: r.flags, createdAt: r.created_at }));
}

/** How many posts and answers of a session are held for the safeguarding lead: a number, no words. */
export async function countHeld(tx: AreaTx, areaId: string, sessionId: string): Promise<number> {
  const row = await sql<{ held: string }>`
    select (select count(*) from live_post p join live_interaction i on i.area_id = p.area_id and i.id = p.interaction_id
             where p.area_id = ${areaId} and i.session_id = ${sessionId} and p.status = 'held')
         + (select count(*) from live_answer a join live_interaction i on i.area_id = a.area_id and i.id = a.interaction_id
             where a.area_id = ${areaId} and i.session_id = ${sessionId} and a.held) as held
  `.execute(tx);
  return Number(row.rows[0]?.held ?? 0);
}

export type LockedPost = { id: string; interactionId: string; kind: 'text' | 'question' | 'note'; status: LivePostStatus; shownText: string; symbol: string | null; colour: string; columnKey: string; clusterId: string | null; votes: number };

/** One post of the session, locked until commit so two facilitators' clicks are taken in turn. */
export async function lockPost(tx: AreaTx, areaId: string, sessionId: string, postId: string): Promise<LockedPost | undefined> {
  const row = await tx
    .selectFrom('live_post as p')
    .innerJoin('live_interaction as i', (j) => j.onRef('i.area_id', '=', 'p.area_id').onRef('i.id', '=', 'p.interaction_id'))
    .select(['p.id', 'p.interaction_id', 'p.kind', 'p.status', 'p.shown_text', 'p.symbol', 'p.colour', 'p.column_key', 'p.cluster_id'])
    .select((eb) => eb.selectFrom('live_vote as v').select(eb.fn.countAll<string>().as('n')).whereRef('v.post_id', '=', 'p.id').as('votes'))
    .where('p.area_id', '=', areaId)
    .where('i.session_id', '=', sessionId)
    .where('p.id', '=', postId)
    .forUpdate('p')
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, interactionId: row.interaction_id, kind: row.kind, status: row.status, shownText: row.shown_text, symbol: row.symbol, colour: row.colour, columnKey: row.column_key, clusterId: row.cluster_id, votes: Number(row.votes ?? 0) };
}

export async function setPostStatus(tx: AreaTx, areaId: string, postId: string, status: 'shown' | 'hidden', actorId: string, hiddenReason: string): Promise<void> {
  await tx
    .updateTable('live_post')
    .set({ status, hidden_reason: hiddenReason, moderated_by: actorId, moderated_at: sql`now()`, updated_at: sql`now()`, version: sql`version + 1` } as never)
    .where('area_id', '=', areaId)
    .where('id', '=', postId)
    .execute();
}
