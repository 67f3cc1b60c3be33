/**
 * Sends the notices written when a response is published ("we did …") by email, text message or to
 * the person's supporter, through the area's own transport.
 *
 * At most once: a batch is claimed ('sending') and committed BEFORE anything is sent. If the process
 * dies mid-send, those notices stay 'sending' and, after ten minutes, become 'unknown': shown to the
 * lead and never resent by the job, because telling someone twice is worse than asking a lead to look.
 * Letters are never sent here: a lead prints them.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { listAreas } from '../areas/areas.service.ts';
import type { Notifier, NotifierFor } from './notifications.service.ts';
import * as repo from './notices.repository.ts';
import { asSendFailure, SendFailure } from './transports.ts';

/** A notice still 'sending' after this long was lost mid-send. */
export const STALE_AFTER_MS = 10 * 60_000;

export type SendSummary = { sent: number; failed: number; unknown: number; released: number };

const english = translator('en');

/** Plain words for why a message was not sent (kept in last_error, shown to leads). No secrets, no addresses. */
export function describeFailure(failure: SendFailure): string {
  return english(`notifications.sendErrors.${failure.reason}`, { detail: failure.detail });
}

/**
 * Sends up to `limit` pending notices in each area. Safe to run in several instances at once: each
 * notice is claimed by one of them only. Stops at a safe point when `signal` aborts, putting back the
 * notices it had claimed but not yet handed to a provider.
 */
export async function sendPendingNotices(
  db: Db,
  notifierFor: NotifierFor,
  options: { now?: Date; limit?: number; signal?: AbortSignal } = {},
): Promise<SendSummary> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 100;
  const summary: SendSummary = { sent: 0, failed: 0, unknown: 0, released: 0 };
  const staleReason = english('notifications.sendErrors.stale');

  for (const area of await listAreas(db)) {
    if (options.signal?.aborted) break;
    const claimed = await withArea(db, area.id, async (tx) => {
      summary.unknown += await repo.markStale(tx, new Date(now.getTime() - STALE_AFTER_MS), staleReason);
      return repo.claimPending(tx, now, limit);
    });
    if (claimed.length === 0) continue;

    let notifier: Notifier;
    try {
      notifier = await notifierFor(area.id);
    } catch {
      notifier = { send: async () => Promise.reject(new SendFailure('settings_unreadable')) };
    }

    for (const [index, notice] of claimed.entries()) {
      if (options.signal?.aborted) {
        const rest = claimed.slice(index).map((n) => n.id);
        await withArea(db, area.id, (tx) => repo.release(tx, rest));
        summary.released += rest.length;
        break;
      }
      const channel = notice.channel === 'sms' ? 'sms' : 'email';
      let outcome: { ok: true; reference: string | null } | { ok: false; failure: SendFailure };
      try {
        if (!notice.address) throw new SendFailure('no_address');
        const result = await notifier.send({ channel, recipient: notice.address, subject: notice.subject, body: notice.body, areaSlug: area.slug, reference: notice.id });
        outcome = { ok: true, reference: result?.reference ?? null };
      } catch (error) {
        outcome = { ok: false, failure: asSendFailure(error) };
      }
      // Recorded outside the try: if this write fails after a send, the notice stays 'sending' and
      // turns 'unknown', rather than being marked failed and sent again on a retry.
      if (outcome.ok) {
        const { reference } = outcome;
        await withArea(db, area.id, (tx) => repo.markSent(tx, notice.id, new Date(), reference));
        summary.sent += 1;
      } else {
        const status = outcome.failure.uncertain ? 'unknown' : 'failed';
        const reason = describeFailure(outcome.failure);
        await withArea(db, area.id, (tx) => repo.markNotSent(tx, notice.id, status, reason));
        summary[status] += 1;
      }
    }
  }
  return summary;
}
