/**
 * Safeguarding alerts: an email (and a text message, where a lead gave a mobile number) to each
 * designated safeguarding lead, through the area's own transport, the moment a concern is raised.
 *
 * What an alert says: that there is a possible concern in this area, and a link to sign in and read
 * it. Never the child's words, the activity or anything that identifies the child: email and text messages pass through providers and phones' lock screens.
 *
 * Exactly once per person, way and concern: the alert rows are written with the concern (a unique
 * key), claimed ('sending') and committed before anything is sent. A refused send is tried again by
 * the minute job, up to MAX_ALERT_ATTEMPTS times; one lost mid-send (the process died) becomes
 * 'unknown' and is not resent, and the 24-hour reminder still follows if nobody opens the concern.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea, withSafeguarding } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { emailsOf } from '../accounts/accounts.service.ts';
import { activeMembersWithRoleIn } from '../accounts/members.service.ts';
import { listAreas } from '../areas/areas.service.ts';
import { asSendFailure, describeFailure, type Notifier, type NotifierFor } from '../notifications/notifications.service.ts';
import * as repo from './safeguarding.repository.ts';

const STALE_AFTER_MS = 10 * 60_000;
/** A concern nobody has opened for this long is reminded once, and shown as overdue. */
export const OVERDUE_AFTER_MS = 24 * 3600_000;
const english = translator('en');

export type AlertSummary = { sent: number; failed: number; unknown: number };

type Where = { baseUrl: string; now?: Date; areaId?: string };

/** The area's members with this role who can be alerted, with the mobile number each gave (if any). */
export async function alertRecipients(tx: AreaTx, areaId: string, role: 'safeguarding_lead' | 'area_admin'): Promise<repo.AlertRecipient[]> {
  const members = await activeMembersWithRoleIn(tx, areaId, role);
  const mobiles = await repo.findMobiles(tx, areaId, members.map((m) => m.accountId));
  return members.map((m) => ({ ...m, mobile: mobiles.get(m.accountId) ?? null, role }));
}

/** Alerts for the area's safeguarding leads; with none, its area admins (who are told to name one). */
export async function queueAlerts(tx: AreaTx, areaId: string, concernId: string, kind: 'new' | 'reminder'): Promise<number> {
  const leads = await alertRecipients(tx, areaId, 'safeguarding_lead');
  const admins = leads.length === 0 || kind === 'reminder' ? await alertRecipients(tx, areaId, 'area_admin') : [];
  // A reminder goes to the admins as well: they can chase a lead without reading the words.
  const adminsNotLeads = admins.filter((a) => !leads.some((l) => l.accountId === a.accountId)).map((a) => ({ ...a, mobile: null }));
  return repo.insertAlerts(tx, areaId, concernId, kind, [...leads, ...adminsNotLeads]);
}

/** Sends every alert waiting in each area (or in one area, straight after a concern is raised). */
export async function sendSafeguardingAlerts(db: Db, notifierFor: NotifierFor, where: Where): Promise<AlertSummary> {
  const now = where.now ?? new Date();
  const summary: AlertSummary = { sent: 0, failed: 0, unknown: 0 };
  const areas = (await listAreas(db)).filter((a) => !where.areaId || a.id === where.areaId);
  for (const area of areas) {
    const claimed = await withArea(db, area.id, async (tx) => {
      summary.unknown += await repo.markStaleAlerts(tx, area.id, new Date(now.getTime() - STALE_AFTER_MS));
      return repo.claimAlerts(tx, area.id, now, 100);
    });
    if (claimed.length === 0) continue;
    const emails = await emailsOf(db, claimed.map((a) => a.accountId));
    let notifier: Notifier;
    try {
      notifier = await notifierFor(area.id);
    } catch (error) {
      notifier = { send: async () => Promise.reject(error) };
    }
    for (const alert of claimed) {
      const message = alertMessage(alert, { baseUrl: where.baseUrl, slug: area.slug, areaName: area.name });
      let outcome: { ok: true } | { ok: false; error: string };
      try {
        await notifier.send({ channel: alert.channel, recipient: alert.channel === 'sms' ? alert.mobile ?? '' : emails.get(alert.accountId) ?? '', areaSlug: area.slug, reference: alert.id, ...message });
        outcome = { ok: true };
      } catch (error) {
        outcome = { ok: false, error: describeFailure(asSendFailure(error)) };
      }
      await withArea(db, area.id, (tx) => repo.finishAlert(tx, area.id, alert.id, outcome));
      if (outcome.ok) summary.sent += 1;
      else summary.failed += 1;
    }
  }
  return summary;
}

/**
 * Straight after a request that raised a concern has committed: send its alerts now rather than at
 * the next minute. Failures are left for the minute job; the request never waits for a provider.
 */
export function sendAlertsNow(db: Db, notifierFor: NotifierFor, baseUrl: string, areaId: string, log: (error: unknown) => void): void {
  sendSafeguardingAlerts(db, notifierFor, { baseUrl, areaId }).catch(log);
}

/**
 * The one reminder: a concern nobody has opened within 24 hours is re-alerted to the leads and the
 * area admins (who can chase, but not read it). Marked reminded in the same transaction that queues
 * the reminders, so it happens once; the reminders go out with the next send.
 */
export async function remindUnreviewedConcerns(db: Db, notifierFor: NotifierFor, where: Where): Promise<number> {
  const now = where.now ?? new Date();
  let reminded = 0;
  for (const area of await listAreas(db)) {
    reminded += await withSafeguarding(db, area.id, async (tx) => {
      const due = await repo.takeConcernsToRemind(tx, area.id, new Date(now.getTime() - OVERDUE_AFTER_MS));
      for (const concernId of due) await queueAlerts(tx, area.id, concernId, 'reminder');
      return due.length;
    });
  }
  if (reminded > 0) await sendSafeguardingAlerts(db, notifierFor, { ...where, now });
  return reminded;
}

/** The words of an alert. Staff read them, in English (accounts keep no language preference yet). */
export function alertMessage(alert: Pick<repo.ClaimedAlert, 'id' | 'concernId' | 'kind' | 'channel' | 'recipientRole'>, where: { baseUrl: string; slug: string; areaName: string }): { subject: string; body: string } {
  const base = where.baseUrl.replace(/\/+$/, '');
  const forLead = alert.recipientRole === 'safeguarding_lead';
  const url = forLead ? `${base}/a/${where.slug}/safeguarding/concerns/${alert.concernId}` : `${base}/a/${where.slug}/manage/safeguarding`;
  const key = `safeguarding.alert.${alert.kind}.${forLead ? 'lead' : 'admin'}`;
  const subject = english(`${key}.subject`, { area: where.areaName });
  if (alert.channel === 'sms') return { subject: '', body: english(`${key}.sms`, { area: where.areaName, url }) };
  return { subject, body: [english(`${key}.body`, { area: where.areaName }), english('safeguarding.alert.link', { url }), english('safeguarding.alert.noWords')].join('\n\n') };
}
