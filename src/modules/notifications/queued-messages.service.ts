/**
 * Single messages queued in the transaction that calls for them, and sent through the area's own
 * transport (the transactional outbox pattern). A service writes the message with `queueMessage`
 * inside its own transaction; the route asks for it to go straight after that transaction commits
 * (`sendQueuedNow`), and a minute job sends anything left: a crash between the two loses nothing.
 *
 * At most once: claimed and committed before the send; a refused send is tried again up to
 * MAX_ATTEMPTS times; one lost mid-send becomes 'unknown' and is never resent. Once it has gone, or
 * finally failed, the row forgets who it went to and what it said.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import type { NotifierFor } from './notifications.service.ts';
import { listAreas } from '../areas/areas.service.ts';
import * as repo from './queued-messages.repository.ts';
import { asSendFailure } from './transports.ts';
import { describeFailure } from './notices.sender.ts';

export type { NewMessage } from './queued-messages.repository.ts';

export const MAX_ATTEMPTS = 3;
const STALE_AFTER_MS = 10 * 60_000;
const english = translator('en');

export type QueueSummary = { sent: number; failed: number; unknown: number };

/** Queues one message in the caller's transaction: it is sent only if that transaction commits. */
export function queueMessage(tx: AreaTx, areaId: string, message: repo.NewMessage): Promise<string> {
  return repo.insertMessage(tx, areaId, message);
}

/** Sends what is waiting, in every area (the job) or in one (straight after a request: no need to list the areas). */
export async function sendQueuedMessages(db: Db, notifierFor: NotifierFor, options: { now?: Date; area?: { id: string; slug: string }; limit?: number } = {}): Promise<QueueSummary> {
  const now = options.now ?? new Date();
  const summary: QueueSummary = { sent: 0, failed: 0, unknown: 0 };
  const areas = options.area ? [options.area] : await listAreas(db);
  for (const area of areas) {
    const claimed = await withArea(db, area.id, async (tx) => {
      summary.unknown += await repo.markStale(tx, area.id, new Date(now.getTime() - STALE_AFTER_MS), english('notifications.sendErrors.stale'));
      return repo.claim(tx, area.id, now, options.limit ?? 100, MAX_ATTEMPTS);
    });
    if (claimed.length === 0) continue;
    const notifier = await notifierFor(area.id).catch((error: unknown) => ({ send: async () => Promise.reject(error) }));
    for (const message of claimed) {
      let outcome: { ok: true; at: Date } | { ok: false; error: string; last: boolean };
      try {
        await notifier.send({ channel: message.channel, recipient: message.recipient, subject: message.subject, body: message.body, areaSlug: area.slug, reference: message.id });
        outcome = { ok: true, at: new Date() };
      } catch (error) {
        outcome = { ok: false, error: describeFailure(asSendFailure(error)), last: message.attempts >= MAX_ATTEMPTS };
      }
      await withArea(db, area.id, (tx) => repo.finish(tx, area.id, message.id, outcome));
      if (outcome.ok) summary.sent += 1;
      else summary.failed += 1;
    }
  }
  return summary;
}

/**
 * Straight after the transaction that queued a message has committed: send the area's queue now,
 * so a person gets their email while still on the page. A failure is logged and left to the job.
 */
export async function sendQueuedNow(db: Db, notifierFor: NotifierFor, area: { id: string; slug: string }, log: (error: unknown) => void): Promise<void> {
  await sendQueuedMessages(db, notifierFor, { area }).catch(log);
}
