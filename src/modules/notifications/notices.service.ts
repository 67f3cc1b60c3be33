/**
 * The lead's view of the notices sent after publication: how many went each way, what went wrong,
 * and putting failed ones back in the queue. Counts only: no names, no addresses.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { audit } from '../privacy/audit.service.ts';
import * as repo from './notices.repository.ts';

export type { DeliveryCount, NoticeChannel, NoticeStatus } from './notices.repository.ts';

/** A status as the lead reads it: a pending letter is waiting to be printed, not sent. */
export type ShownStatus = repo.NoticeStatus | 'letterPending';

export type DeliverySummary = {
  rows: Array<repo.DeliveryCount & { shown: ShownStatus }>;
  totals: Record<ShownStatus, number>;
  problems: Array<{ status: 'failed' | 'unknown'; reason: string; count: number }>;
};

const CHANNEL_ORDER: repo.NoticeChannel[] = ['email', 'sms', 'supporter', 'letter'];
const STATUS_ORDER: ShownStatus[] = ['pending', 'sending', 'sent', 'failed', 'unknown', 'letterPending', 'printed'];

/** Two queries whatever the number of notices. */
export async function deliverySummary(db: Db, areaId: string): Promise<DeliverySummary> {
  return withArea(db, areaId, async (tx) => {
    const rows = (await repo.countByChannelAndStatus(tx)).map((r) => ({ ...r, shown: (r.channel === 'letter' && r.status === 'pending' ? 'letterPending' : r.status) as ShownStatus }));
    rows.sort((a, b) => CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel) || STATUS_ORDER.indexOf(a.shown) - STATUS_ORDER.indexOf(b.shown));
    const totals = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<ShownStatus, number>;
    for (const row of rows) totals[row.shown] += row.count;
    const problems = totals.failed + totals.unknown > 0 ? await repo.countProblems(tx, 10) : [];
    return { rows, totals, problems };
  });
}

/** Puts every failed email, text message and supporter notice back in the queue. Returns how many. */
export async function retryFailedNotices(db: Db, areaId: string, actorId: string): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    const count = await repo.retryFailed(tx);
    if (count > 0) await audit(tx, areaId, actorId, 'notifications.retry', { type: 'feedback_notice', detail: { count } });
    return count;
  });
}
