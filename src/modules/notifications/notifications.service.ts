/**
 * One interface for every way Chorus tells people things. The built-in outbox keeps messages
 * (viewable by the operator in demo mode); GOV.UK Notify and SMTP transports plug in behind the same
 * interface, chosen per area (issue 4).
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

/** What a transport says once it has accepted a message. */
export type SendResult = { transport: string; reference: string | null };

export type Notifier = {
  send(message: OutgoingMessage): Promise<SendResult | void>;
};

/** The notifier an area's messages go through (its own Notify or SMTP settings, else the outbox). */
export type NotifierFor = (areaId: string) => Promise<Notifier>;

/** Keeps messages in the outbox table and sends nothing: the development and demo transport. */
export function outboxNotifier(db: Db): Notifier {
  return {
    async send(message) {
      await repo.insertMessage(db, { ...message, areaSlug: message.areaSlug ?? null, transport: 'outbox' });
      return { transport: 'outbox', reference: null };
    },
  };
}

/** Every area uses the outbox until its settings say otherwise (filled in by the transports work). */
export function areaNotifiers(db: Db, _secret: string): NotifierFor {
  const outbox = outboxNotifier(db);
  return async () => outbox;
}

export function listOutbox(db: Db, limit = 100): Promise<repo.OutboxMessage[]> {
  return repo.listRecent(db, limit);
}
