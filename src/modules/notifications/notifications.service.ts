/**
 * One interface for every way Chorus tells people things. Today the built-in outbox keeps messages
 * (viewable by the operator in demo mode); GOV.UK Notify and SMTP transports plug in behind the same
 * interface (issue 4).
 */
import type { Db } from '../../db/database.ts';
import * as repo from './notifications.repository.ts';

export type OutgoingMessage = {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  areaSlug?: string | null;
};

export type Notifier = {
  send(message: OutgoingMessage): Promise<void>;
};

/** Keeps messages in the outbox table and sends nothing: the development and demo transport. */
export function outboxNotifier(db: Db): Notifier {
  return {
    async send(message) {
      await repo.insertMessage(db, { ...message, areaSlug: message.areaSlug ?? null, transport: 'outbox' });
    },
  };
}

export function listOutbox(db: Db, limit = 100): Promise<repo.OutboxMessage[]> {
  return repo.listRecent(db, limit);
}
