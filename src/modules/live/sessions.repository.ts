/**
 * The sessions part's SQL (issue 15): sessions and their join codes, the sequence of interactions,
 * the console's state changes, and the shown posts and counts that the screens read. Every function
 * takes the caller's transaction and area; reads of the shared rows (sessions, interactions) are
 * core.ts's.
 */
import { sql } from 'kysely';
import type { AreaTx, LiveColour, LiveInteractionKind, LiveInteractionState } from '../../db/database.ts';

export type NewInteraction = { kind: LiveInteractionKind; prompt: string; symbol: string | null; settings: unknown; resultsHidden: boolean };

export async function joinCodeTaken(tx: AreaTx, code: string): Promise<boolean> {
  const row = await tx.selectFrom('live_join_code').select('code').where('code', '=', code).executeTakeFirst();
  return !!row;
}

export async function insertSession(tx: AreaTx, areaId: string, input: { activityId: string; title: string; moderation: 'approve' | 'direct'; joinCode: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('live_session')
    .values({ area_id: areaId, activity_id: input.activityId, title: input.title, moderation: input.moderation, join_code: input.joinCode, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('live_join_code').values({ code: input.joinCode, area_id: areaId, session_id: row.id }).execute();
  return row.id;
}

/** Takes the session row's lock: every change to a session's sequence or state is one at a time. */
export async function lockSession(tx: AreaTx, areaId: string, sessionId: string): Promise<void> {
  await tx.selectFrom('live_session').select('id').where('area_id', '=', areaId).where('id', '=', sessionId).forUpdate().executeTakeFirst();
}

export async function lastPosition(tx: AreaTx, areaId: string, sessionId: string): Promise<number> {
  const row = await tx.selectFrom('live_interaction').select(sql<number>`coalesce(max(position), 0)`.as('n')).where('area_id', '=', areaId).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertInteraction(tx: AreaTx, areaId: string, sessionId: string, position: number, input: NewInteraction): Promise<string> {
  const row = await tx
    .insertInto('live_interaction')
    .values({ area_id: areaId, session_id: sessionId, position, kind: input.kind, prompt: input.prompt, symbol: input.symbol, settings: JSON.stringify(input.settings), results_hidden: input.resultsHidden })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Makes room at `position` (everything from there moves one down the list). */
export async function shiftFrom(tx: AreaTx, areaId: string, sessionId: string, position: number, by: 1 | -1): Promise<void> {
  await tx
    .updateTable('live_interaction')
    .set({ position: sql`position + ${by}` } as never)
    .where('area_id', '=', areaId)
    .where('session_id', '=', sessionId)
    .where('position', '>=', position)
    .execute();
}

/** Saves an interaction's content if it is still the version the form was made from. */
export async function updateInteraction(tx: AreaTx, areaId: string, interactionId: string, version: number, input: Omit<NewInteraction, 'kind'>): Promise<boolean> {
  const result = await tx
    .updateTable('live_interaction')
    .set({ prompt: input.prompt, symbol: input.symbol, settings: JSON.stringify(input.settings), results_hidden: input.resultsHidden, version: sql`version + 1` } as never)
    .where('area_id', '=', areaId)
    .where('id', '=', interactionId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPosition(tx: AreaTx, areaId: string, interactionId: string, position: number): Promise<void> {
  await tx.updateTable('live_interaction').set({ position, version: sql`version + 1` } as never).where('area_id', '=', areaId).where('id', '=', interactionId).execute();
}

export async function deleteInteraction(tx: AreaTx, areaId: string, interactionId: string): Promise<void> {
  await tx.deleteFrom('live_interaction').where('area_id', '=', areaId).where('id', '=', interactionId).execute();
}

/** How many answers and posts an interaction holds (deleting it loses them). */
export async function answerCount(tx: AreaTx, areaId: string, interactionId: string): Promise<number> {
  const row = await sql<{ n: string }>`
    select (select count(*) from live_answer where area_id = ${areaId} and interaction_id = ${interactionId})
         + (select count(*) from live_post where area_id = ${areaId} and interaction_id = ${interactionId}) as n`.execute(tx);
  return Number(row.rows[0]?.n ?? 0);
}

export async function setSessionState(tx: AreaTx, areaId: string, sessionId: string, change: { status?: 'running' | 'ended'; currentInteractionId?: string | null; startedAt?: Date; endedAt?: Date }): Promise<void> {
  await tx
    .updateTable('live_session')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.currentInteractionId !== undefined ? { current_interaction_id: change.currentInteractionId } : {}),
      ...(change.startedAt ? { started_at: change.startedAt } : {}),
      ...(change.endedAt ? { ended_at: change.endedAt } : {}),
      version: sql`version + 1`,
    } as never)
    .where('area_id', '=', areaId)
    .where('id', '=', sessionId)
    .execute();
}

/** Locks an interaction's row until the transaction ends (waits for answers in flight: they share-lock it). */
export async function lockInteractionForChange(tx: AreaTx, areaId: string, interactionId: string): Promise<void> {
  await tx.selectFrom('live_interaction').select('id').where('area_id', '=', areaId).where('id', '=', interactionId).forUpdate().executeTakeFirst();
}

export async function setInteractionState(tx: AreaTx, areaId: string, interactionId: string, state: LiveInteractionState, frozen?: { tally: unknown; at: Date }): Promise<void> {
  await tx
    .updateTable('live_interaction')
    .set({ state, ...(frozen ? { frozen_tally: JSON.stringify(frozen.tally), closed_at: frozen.at } : {}), version: sql`version + 1` } as never)
    .where('area_id', '=', areaId)
    .where('id', '=', interactionId)
    .execute();
}

export async function setRevealed(tx: AreaTx, areaId: string, interactionId: string, revealedAt: Date | null): Promise<void> {
  await tx.updateTable('live_interaction').set({ revealed_at: revealedAt, version: sql`version + 1` } as never).where('area_id', '=', areaId).where('id', '=', interactionId).execute();
}

export type ShownPost = { id: string; interactionId: string; kind: 'text' | 'question' | 'note'; shownText: string; symbol: string | null; colour: LiveColour; columnKey: string; clusterId: string | null; position: number; votes: number };

/**
 * The shown posts (never pending, hidden or held ones, and never the original words) of some
 * interactions, with their votes, in one query whatever the number of interactions or posts.
 */
export async function shownPosts(tx: AreaTx, areaId: string, interactionIds: readonly string[]): Promise<ShownPost[]> {
  if (interactionIds.length === 0) return [];
  const rows = await tx
    .selectFrom('live_post as p')
    .leftJoin('live_vote as v', (j) => j.onRef('v.post_id', '=', 'p.id').onRef('v.area_id', '=', 'p.area_id'))
    .select(['p.id', 'p.interaction_id', 'p.kind', 'p.shown_text', 'p.symbol', 'p.colour', 'p.column_key', 'p.cluster_id', 'p.position', 'p.created_at', sql<string>`count(v.post_id)`.as('votes')])
    .where('p.area_id', '=', areaId)
    .where('p.interaction_id', 'in', interactionIds)
    .where('p.status', '=', 'shown')
    .groupBy('p.id')
    .orderBy('p.position')
    .orderBy('p.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    interactionId: r.interaction_id,
    kind: r.kind as ShownPost['kind'],
    shownText: r.shown_text,
    symbol: r.symbol,
    colour: r.colour as LiveColour,
    columnKey: r.column_key,
    clusterId: r.cluster_id,
    position: r.position,
    votes: Number(r.votes),
  }));
}

/** The clusters' titles on boards (for the screen's grouping), one query. */
export async function clusterTitles(tx: AreaTx, areaId: string, interactionIds: readonly string[]): Promise<Map<string, string>> {
  if (interactionIds.length === 0) return new Map();
  const rows = await tx.selectFrom('live_cluster').select(['id', 'title']).where('area_id', '=', areaId).where('interaction_id', 'in', interactionIds).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}
