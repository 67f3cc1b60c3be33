/** SQL for the queue of single messages (queued_message). Every function takes the area's transaction. */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type NewMessage = {
  /** What the message is for, in a word ("receipt"): for the lead's counts and the logs, never its words. */
  purpose: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  /** The response it is about: erasing the response erases the message. */
  responseId?: string | null;
};

export type ClaimedMessage = { id: string; channel: 'email' | 'sms'; recipient: string; subject: string; body: string; attempts: number };

export async function insertMessage(tx: AreaTx, areaId: string, message: NewMessage): Promise<string> {
  const row = await tx
    .insertInto('queued_message')
    .values({ area_id: areaId, response_id: message.responseId ?? null, purpose: message.purpose, channel: message.channel, recipient: message.recipient, subject: message.subject, body: message.body })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Messages claimed before `cutoff` and never finished: they may have gone, so they are not sent again, and their words go. */
export async function markStale(tx: AreaTx, areaId: string, cutoff: Date, reason: string): Promise<number> {
  const result = await tx
    .updateTable('queued_message')
    .set({ status: 'unknown', last_error: reason, recipient: '', subject: '', body: '' })
    .where('area_id', '=', areaId)
    .where('status', '=', 'sending')
    .where('claimed_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Claims what is due (new, or refused fewer than `maxAttempts` times), committed before anything is sent. */
export async function claim(tx: AreaTx, areaId: string, now: Date, limit: number, maxAttempts: number): Promise<ClaimedMessage[]> {
  const result = await sql<{ id: string; channel: 'email' | 'sms'; recipient: string; subject: string; body: string; attempts: number }>`
    update queued_message set status = 'sending', claimed_at = ${now}, attempts = attempts + 1
     where id in (select id from queued_message
                   where area_id = ${areaId} and (status = 'pending' or (status = 'failed' and attempts < ${maxAttempts}))
                   order by created_at limit ${limit} for update skip locked)
    returning id, channel, recipient, subject, body, attempts`.execute(tx);
  return result.rows;
}

/** What happened: sent, or refused (tried again later, until the last attempt, when its words go). */
export async function finish(tx: AreaTx, areaId: string, id: string, outcome: { ok: true; at: Date } | { ok: false; error: string; last: boolean }): Promise<void> {
  const wipe = { recipient: '', subject: '', body: '' };
  const change = outcome.ok
    ? { status: 'sent' as const, sent_at: outcome.at, last_error: '', ...wipe }
    : { status: 'failed' as const, last_error: outcome.error.slice(0, 500), ...(outcome.last ? wipe : {}) };
  await tx.updateTable('queued_message').set(change).where('area_id', '=', areaId).where('id', '=', id).execute();
}
