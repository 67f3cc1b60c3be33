/**
 * Test support for live sessions' moderation and contributions: a running session, someone joining
 * (their 'live' response and participant row), and a note written as the participate and board parts
 * write one (screened first). Used by moderation.test.ts and contributions.test.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { appendEvent, getSession, newJoinCode } from './core.ts';
import { postSourceKey, screenLiveText } from './moderation.service.ts';

/** A running session on the activity with one open interaction of this kind. */
export async function runningSession(db: Db, areaId: string, activityId: string, options: { moderation: 'approve' | 'direct'; kind?: 'board' | 'open_text' | 'qanda'; prompt?: string }): Promise<{ sessionId: string; interactionId: string }> {
  return withArea(db, areaId, async (tx) => {
    const code = newJoinCode();
    const session = await tx.insertInto('live_session').values({ area_id: areaId, activity_id: activityId, title: 'Youth forum', join_code: code, status: 'running', moderation: options.moderation, started_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('live_join_code').values({ code, area_id: areaId, session_id: session.id }).execute();
    const interaction = await tx
      .insertInto('live_interaction')
      .values({ area_id: areaId, session_id: session.id, position: 1, kind: options.kind ?? 'open_text', prompt: options.prompt ?? 'What would make the youth club better?', settings: '{}', state: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { sessionId: session.id, interactionId: interaction.id };
  });
}

/** Someone joining the session: their 'live' response (with a receipt code) and their participant row. */
export async function joinAs(db: Db, areaId: string, activityId: string, sessionId: string): Promise<{ participantId: string; responseId: string; receiptCode: string }> {
  return withArea(db, areaId, async (tx) => {
    const receiptCode = `L${randomBytes(5).toString('hex').toUpperCase()}-X`;
    const response = await tx
      .insertInto('response')
      .values({ area_id: areaId, activity_id: activityId, mode: 'anonymous', access_token_hash: randomBytes(16).toString('hex'), idempotency_key: randomBytes(16).toString('hex'), receipt_code: receiptCode, status: 'submitted', submitted_at: new Date(), channel: 'live' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const participant = await tx
      .insertInto('live_participant')
      .values({ area_id: areaId, session_id: sessionId, token_hash: randomBytes(16).toString('hex'), response_id: response.id, rules_agreed_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { participantId: participant.id, responseId: response.id, receiptCode };
  });
}

/**
 * A participant writes a note, as the participate and board parts do: screened first, saved with
 * what the screen said, and an event for whoever may know (the words only when shown).
 */
export async function writeNote(db: Db, areaId: string, sessionId: string, interactionId: string, who: { participantId: string; receiptCode: string }, text: string, options: { keyFromForm?: boolean } = {}) {
  return withArea(db, areaId, async (tx) => {
    const session = (await getSession(tx, areaId, sessionId))!;
    const id = crypto.randomUUID();
    const clientKey = randomBytes(8).toString('hex');
    // The answering pages name a post's words by the form that sent them; the board by the post's id.
    const sourceKey = options.keyFromForm ? `post:${interactionId}/${who.participantId}/${clientKey}` : postSourceKey(id);
    const screened = await screenLiveText(tx, areaId, { session, interactionId, sourceKey, text, participantId: who.participantId, receiptCode: who.receiptCode });
    await tx
      .insertInto('live_post')
      .values({ id, area_id: areaId, interaction_id: interactionId, participant_id: who.participantId, kind: 'text', original_text: text, shown_text: screened.shownText, status: screened.status, flags: screened.flags, client_key: clientKey })
      .execute();
    if (screened.status === 'shown') await appendEvent(tx, areaId, sessionId, 'post.shown', 'everyone', { interactionId, post: { id, kind: 'text', shownText: screened.shownText, symbol: null, colour: 'yellow', columnKey: '', clusterId: null, votes: 0 } });
    else await appendEvent(tx, areaId, sessionId, screened.status === 'held' ? 'post.held' : 'post.pending', 'staff', { interactionId, postId: id });
    return { id, ...screened };
  });
}

