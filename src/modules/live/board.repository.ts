/**
 * The sticky-note board's SQL (issue 15 §2): notes (live_post kind 'note'), clusters and dots
 * (live_vote). Every function takes the area and runs in the caller's transaction (the service owns
 * it, so the change and its event commit together). Reads are a fixed number of queries whatever the
 * number of notes, clusters or people.
 */
import { sql } from 'kysely';
import type { AreaTx, LiveColour, LivePostStatus } from '../../db/database.ts';

export type BoardNote = {
  id: string;
  participantId: string | null;
  shownText: string;
  symbol: string | null;
  colour: LiveColour;
  columnKey: string;
  clusterId: string | null;
  position: number;
  status: LivePostStatus;
  votes: number;
  createdAt: Date;
};

export type BoardCluster = { id: string; title: string; columnKey: string; position: number };

/**
 * The notes a viewer may see, with their dot counts, in board order. `mine`: also this participant's
 * own notes that wait (pending, or held: the writer is told only that it waits). `staff`: pending
 * ones too (held ones never: their words wait for the safeguarding lead). Never original_text.
 */
export async function listNotes(tx: AreaTx, areaId: string, interactionId: string, viewer: { mine?: string; staff?: boolean }): Promise<BoardNote[]> {
  let query = tx
    .selectFrom('live_post as p')
    .select((eb) => [
      'p.id',
      'p.participant_id',
      'p.shown_text',
      'p.symbol',
      'p.colour',
      'p.column_key',
      'p.cluster_id',
      'p.position',
      'p.status',
      'p.created_at',
      eb.selectFrom('live_vote as v').select(eb.fn.countAll<string>().as('n')).whereRef('v.post_id', '=', 'p.id').where('v.area_id', '=', areaId).as('votes'),
    ])
    .where('p.area_id', '=', areaId)
    .where('p.interaction_id', '=', interactionId)
    .where('p.kind', '=', 'note');
  query = query.where((eb) => {
    const ors = [eb('p.status', '=', 'shown')];
    if (viewer.staff) ors.push(eb('p.status', '=', 'pending'));
    if (viewer.mine) ors.push(eb.and([eb('p.participant_id', '=', viewer.mine), eb('p.status', 'in', ['pending', 'held'])]));
    return eb.or(ors);
  });
  const rows = await query.orderBy('p.position').orderBy('p.created_at').orderBy('p.id').execute();
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    shownText: r.shown_text,
    symbol: r.symbol,
    colour: r.colour,
    columnKey: r.column_key,
    clusterId: r.cluster_id,
    position: r.position,
    status: r.status,
    votes: Number(r.votes ?? 0),
    createdAt: r.created_at,
  }));
}

export async function listClusters(tx: AreaTx, areaId: string, interactionId: string): Promise<BoardCluster[]> {
  const rows = await tx
    .selectFrom('live_cluster')
    .select(['id', 'title', 'column_key', 'position'])
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, columnKey: r.column_key, position: r.position }));
}

/** Which notes of this board the participant has put a dot on. */
export async function myDots(tx: AreaTx, areaId: string, interactionId: string, participantId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('live_vote as v')
    .innerJoin('live_post as p', (join) => join.onRef('p.id', '=', 'v.post_id').onRef('p.area_id', '=', 'v.area_id'))
    .select('v.post_id')
    .where('v.area_id', '=', areaId)
    .where('v.participant_id', '=', participantId)
    .where('p.interaction_id', '=', interactionId)
    .execute();
  return new Set(rows.map((r) => r.post_id));
}

/** Takes the participant's row lock until commit: their notes and dots on any board go one at a time. */
export async function lockParticipant(tx: AreaTx, areaId: string, participantId: string): Promise<void> {
  await tx.selectFrom('live_participant').select('id').where('area_id', '=', areaId).where('id', '=', participantId).forUpdate().executeTakeFirst();
}

/** Takes the interaction row's lock: board changes by staff (clusters, moves, order) go one at a time. */
export async function lockInteraction(tx: AreaTx, areaId: string, interactionId: string): Promise<void> {
  await tx.selectFrom('live_interaction').select('id').where('area_id', '=', areaId).where('id', '=', interactionId).forUpdate().executeTakeFirst();
}

export async function findNoteByClientKey(tx: AreaTx, areaId: string, interactionId: string, participantId: string | null, clientKey: string): Promise<{ id: string; columnKey: string } | undefined> {
  const row = await tx
    .selectFrom('live_post')
    .select(['id', 'column_key'])
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .where('client_key', '=', clientKey)
    .where((eb) => (participantId ? eb('participant_id', '=', participantId) : eb('participant_id', 'is', null)))
    .executeTakeFirst();
  return row ? { id: row.id, columnKey: row.column_key } : undefined;
}

export type NewNote = {
  id: string;
  participantId: string | null;
  originalText: string;
  shownText: string;
  symbol: string | null;
  colour: LiveColour;
  columnKey: string;
  clusterId: string | null;
  status: LivePostStatus;
  flags: string[];
  clientKey: string;
};

/** Adds a note at the end of the board. Returns false when the same form was already sent (its key). */
export async function insertNote(tx: AreaTx, areaId: string, interactionId: string, note: NewNote): Promise<boolean> {
  const next = await tx
    .selectFrom('live_post')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`0`).as('last'))
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .executeTakeFirst();
  const inserted = await tx
    .insertInto('live_post')
    .values({
      id: note.id,
      area_id: areaId,
      interaction_id: interactionId,
      participant_id: note.participantId,
      kind: 'note',
      original_text: note.originalText,
      shown_text: note.shownText,
      symbol: note.symbol,
      colour: note.colour,
      column_key: note.columnKey,
      cluster_id: note.clusterId,
      position: Number(next?.last ?? 0) + 1,
      status: note.status,
      flags: note.flags,
      client_key: note.clientKey,
      updated_at: new Date(),
    })
    .onConflict((oc) => oc.columns(['interaction_id', 'participant_id', 'client_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(inserted);
}

export async function findNote(tx: AreaTx, areaId: string, interactionId: string, postId: string): Promise<BoardNote | undefined> {
  const row = await tx
    .selectFrom('live_post')
    .select(['id', 'participant_id', 'shown_text', 'symbol', 'colour', 'column_key', 'cluster_id', 'position', 'status', 'created_at'])
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .where('kind', '=', 'note')
    .where('id', '=', postId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    participantId: row.participant_id,
    shownText: row.shown_text,
    symbol: row.symbol,
    colour: row.colour,
    columnKey: row.column_key,
    clusterId: row.cluster_id,
    position: row.position,
    status: row.status,
    votes: 0,
    createdAt: row.created_at,
  };
}

export async function placeNote(tx: AreaTx, areaId: string, postId: string, place: { columnKey: string; clusterId: string | null; position?: number }): Promise<void> {
  await tx
    .updateTable('live_post')
    .set({ column_key: place.columnKey, cluster_id: place.clusterId, ...(place.position ? { position: place.position } : {}), updated_at: new Date(), version: sql`version + 1` } as never)
    .where('area_id', '=', areaId)
    .where('id', '=', postId)
    .execute();
}

/** Numbers a group of notes 1, 2, 3… in the order given (after a move up or down). */
export async function renumber(tx: AreaTx, areaId: string, postIds: readonly string[]): Promise<void> {
  if (postIds.length === 0) return;
  const values = sql.join(postIds.map((id, i) => sql`(${id}::uuid, ${i + 1}::int)`));
  await sql`update live_post set position = v.pos, updated_at = now() from (values ${values}) as v(id, pos) where live_post.area_id = ${areaId} and live_post.id = v.id`.execute(tx);
}

export async function countMyDots(tx: AreaTx, areaId: string, interactionId: string, participantId: string): Promise<number> {
  const row = await tx
    .selectFrom('live_vote as v')
    .innerJoin('live_post as p', (join) => join.onRef('p.id', '=', 'v.post_id').onRef('p.area_id', '=', 'v.area_id'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('v.area_id', '=', areaId)
    .where('v.participant_id', '=', participantId)
    .where('p.interaction_id', '=', interactionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Puts a dot; false when this person's dot was already on the note (the primary key). */
export async function insertDot(tx: AreaTx, areaId: string, postId: string, participantId: string): Promise<boolean> {
  const row = await tx.insertInto('live_vote').values({ area_id: areaId, post_id: postId, participant_id: participantId }).onConflict((oc) => oc.columns(['post_id', 'participant_id']).doNothing()).returning('post_id').executeTakeFirst();
  return Boolean(row);
}

export async function deleteDot(tx: AreaTx, areaId: string, postId: string, participantId: string): Promise<boolean> {
  const rows = await tx.deleteFrom('live_vote').where('area_id', '=', areaId).where('post_id', '=', postId).where('participant_id', '=', participantId).returning('post_id').execute();
  return rows.length > 0;
}

export async function countDots(tx: AreaTx, areaId: string, postId: string): Promise<number> {
  const row = await tx.selectFrom('live_vote').select((eb) => eb.fn.countAll<string>().as('n')).where('area_id', '=', areaId).where('post_id', '=', postId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findCluster(tx: AreaTx, areaId: string, interactionId: string, clusterId: string): Promise<BoardCluster | undefined> {
  const row = await tx.selectFrom('live_cluster').select(['id', 'title', 'column_key', 'position']).where('area_id', '=', areaId).where('interaction_id', '=', interactionId).where('id', '=', clusterId).executeTakeFirst();
  return row ? { id: row.id, title: row.title, columnKey: row.column_key, position: row.position } : undefined;
}

export async function insertCluster(tx: AreaTx, areaId: string, interactionId: string, title: string, columnKey: string): Promise<string> {
  const next = await tx
    .selectFrom('live_cluster')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`0`).as('last'))
    .where('area_id', '=', areaId)
    .where('interaction_id', '=', interactionId)
    .executeTakeFirst();
  const row = await tx.insertInto('live_cluster').values({ area_id: areaId, interaction_id: interactionId, title, column_key: columnKey, position: Number(next?.last ?? 0) + 1 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCluster(tx: AreaTx, areaId: string, clusterId: string, title: string, columnKey: string): Promise<void> {
  await tx.updateTable('live_cluster').set({ title, column_key: columnKey }).where('area_id', '=', areaId).where('id', '=', clusterId).execute();
  // A cluster's notes go with it to its column.
  await tx.updateTable('live_post').set({ column_key: columnKey, updated_at: new Date() }).where('area_id', '=', areaId).where('cluster_id', '=', clusterId).execute();
}

/** Removes a cluster; its notes stay on the board, in the same column, outside any cluster. */
export async function deleteCluster(tx: AreaTx, areaId: string, clusterId: string): Promise<void> {
  await tx.deleteFrom('live_cluster').where('area_id', '=', areaId).where('id', '=', clusterId).execute();
}
