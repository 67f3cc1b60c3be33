/**
 * SQL for sending the notices written at publication (feedback_notice), and for the lead's view of
 * how that went. Every function runs inside withArea: row-level security shows one area's notices.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

/** Channels the job sends. Letters are printed by a lead, never sent by the job. */
export const SENT_CHANNELS = ['email', 'sms', 'supporter'] as const;
export type SentChannel = (typeof SENT_CHANNELS)[number];
export type NoticeChannel = SentChannel | 'letter';
export type NoticeStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'printed' | 'unknown';

export type ClaimedNotice = {
  id: string;
  channel: SentChannel;
  subject: string;
  body: string;
  /** Read from feedback_contact as the notice is claimed; empty when the contact was deleted. */
  address: string;
};

/**
 * Notices claimed more than `cutoff` ago and never marked sent or failed: the sender stopped (a crash,
 * a kill) somewhere between handing them over and hearing back. They may have arrived, so they
 * become 'unknown' and are never sent again automatically.
 */
export async function markStale(tx: AreaTx, cutoff: Date, reason: string): Promise<number> {
  const result = await tx
    .updateTable('feedback_notice')
    .set({ status: 'unknown', last_error: reason })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims up to `limit` pending notices: they become 'sending' in this transaction, which the caller
 * commits before sending anything. SKIP LOCKED lets two senders run at once, each taking different
 * rows; a row another sender has just claimed is re-checked after its lock and no longer 'pending'.
 */
export async function claimPending(tx: AreaTx, now: Date, limit: number): Promise<ClaimedNotice[]> {
  const claimed = await sql<{ id: string; channel: SentChannel; subject: string; body: string; response_id: string }>`
    update feedback_notice n
       set status = 'sending', claimed_at = ${now}
      from (select id from feedback_notice
             where status = 'pending' and channel in ('email', 'sms', 'supporter')
             order by created_at, id
             limit ${limit}
             for update skip locked) c
     where n.id = c.id
    returning n.id, n.channel, n.subject, n.body, n.response_id`.execute(tx);
  if (claimed.rows.length === 0) return [];
  const contacts = await tx
    .selectFrom('feedback_contact')
    .select(['response_id', 'address'])
    .where('response_id', 'in', claimed.rows.map((r) => r.response_id))
    .execute();
  const addressOf = new Map(contacts.map((c) => [c.response_id, c.address]));
  return claimed.rows.map((r) => ({ id: r.id, channel: r.channel, subject: r.subject, body: r.body, address: addressOf.get(r.response_id) ?? '' }));
}

export async function markSent(tx: AreaTx, id: string, sentAt: Date, reference: string | null): Promise<void> {
  await tx
    .updateTable('feedback_notice')
    .set({ status: 'sent', sent_at: sentAt, provider_reference: reference ? reference.slice(0, 200) : null, last_error: '' })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** 'failed' (a lead may retry) or 'unknown' (may have arrived: never retried automatically). */
export async function markNotSent(tx: AreaTx, id: string, status: 'failed' | 'unknown', reason: string): Promise<void> {
  await tx
    .updateTable('feedback_notice')
    .set({ status, attempts: sql<number>`attempts + 1`, last_error: reason.slice(0, 500) })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** Claimed but never handed to a provider (the instance is stopping): safe to send later. */
export async function release(tx: AreaTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('feedback_notice').set({ status: 'pending', claimed_at: null }).where('id', 'in', ids).where('status', '=', 'sending').execute();
}

export type DeliveryCount = { channel: NoticeChannel; status: NoticeStatus; count: number };

export async function countByChannelAndStatus(tx: AreaTx): Promise<DeliveryCount[]> {
  const rows = await tx
    .selectFrom('feedback_notice')
    .select(['channel', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['channel', 'status'])
    .execute();
  return rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.n) }));
}

/** The reasons failed and unknown notices give, most common first. */
export async function countProblems(tx: AreaTx, limit: number): Promise<Array<{ status: 'failed' | 'unknown'; reason: string; count: number }>> {
  const rows = await tx
    .selectFrom('feedback_notice')
    .select(['status', 'last_error', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', 'in', ['failed', 'unknown'])
    .groupBy(['status', 'last_error'])
    .orderBy('n', 'desc')
    .orderBy('last_error')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ status: r.status as 'failed' | 'unknown', reason: r.last_error, count: Number(r.n) }));
}

/** Failed notices go back to 'pending' for the next run of the job. */
export async function retryFailed(tx: AreaTx): Promise<number> {
  const result = await tx
    .updateTable('feedback_notice')
    .set({ status: 'pending', claimed_at: null })
    .where('status', '=', 'failed')
    .where('channel', 'in', [...SENT_CHANNELS])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
