/**
 * SQL for the outbox: every message Chorus sends is recorded here, whatever carried it.
 */
import type { Db } from '../../db/database.ts';

export type OutboxMessage = {
  id: string;
  areaSlug: string | null;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  transport: string;
  createdAt: Date;
};

/** `sentAt` is set for messages a real provider accepted (their row is a record, not the message). */
export async function insertMessage(db: Db, message: Omit<OutboxMessage, 'id' | 'createdAt'> & { sentAt?: Date }): Promise<void> {
  await db
    .insertInto('outbox_message')
    .values({
      area_slug: message.areaSlug,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      transport: message.transport,
      sent_at: message.sentAt ?? null,
    })
    .execute();
}

export async function listRecent(db: Db, limit: number): Promise<OutboxMessage[]> {
  const rows = await db.selectFrom('outbox_message').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    areaSlug: r.area_slug,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    transport: r.transport,
    createdAt: r.created_at,
  }));
}
