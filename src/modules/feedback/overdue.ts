/**
 * The weekly overdue digest: each person who owns an overdue activity (closed longer than the area's
 * feedback deadline with no published response) gets one email listing those activities, with links
 * to put it right. Counts, titles and dates only: no contribution text, nothing about any child.
 *
 * Who is told: the account that created the activity, if it is not disabled and still has a staff
 * role in the area; otherwise (nobody, or someone who has left) every participation lead of the area,
 * so an orphaned promise is never forgotten. Each person gets one email per run, however many
 * activities it lists.
 *
 * Once a week: the scheduler (scheduled_job, shared by every instance) runs this weekly, and that is
 * what makes it weekly. As a second guard, each area's digest for an ISO week is written to the audit
 * log in the same transaction that sends it, under an advisory lock: a second call for the same week
 * (a retry, a second instance, a restart) finds the record and sends nothing. If the process dies
 * between sending and committing, that area's digest may go again on the next run: a duplicate
 * reminder is better than a lost one. An email that fails is not retried until the next week; the
 * run ends with an error so the scheduler records it.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { STAFF_ROLES } from '../../lib/authorisation.ts';
import { translator } from '../../lib/messages/messages.ts';
import { listAreas } from '../areas/areas.service.ts';
import type { NotifierFor } from '../notifications/notifications.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { overdueThanks, type OverdueThanks } from '../recognition/index.ts';
import * as repo from './figures.repository.ts';

const DIGEST_ACTION = 'feedback.overdue_emailed';

/** ISO 8601 week of a moment, in UTC ("2026-W48"): the key that makes a week's digest happen once. */
export function isoWeek(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the week's year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export class OverdueDigestError extends Error {}

type Digest = { recipient: repo.Recipient; activities: repo.ActivityFiguresRow[]; thanks: OverdueThanks[] };

/**
 * Sends this week's overdue digests for every area. Returns how many emails were sent. Throws
 * OverdueDigestError after trying every area when any email could not be sent (its message holds
 * counts only, no addresses).
 */
export async function sendOverdueDigests(db: Db, notifierFor: NotifierFor, options: { baseUrl: string; now: Date }): Promise<number> {
  const week = isoWeek(options.now);
  const base = options.baseUrl.replace(/\/+$/, '');
  let sent = 0;
  let failed = 0;
  for (const area of await listAreas(db)) {
    const result = await withArea(db, area.id, async (tx) => {
      await repo.lockKey(tx, `overdue-digest:${area.id}`);
      if (await repo.digestAlreadySent(tx, area.id, DIGEST_ACTION, week)) return { sent: 0, failed: 0 };
      const overdue = await repo.overdueActivities(tx, area.id, options.now);
      // Thanks overdue (recognition, issue 17): a section of its own, to the same owners.
      const thanks = await overdueThanks(tx, area.id, options.now);
      if (overdue.length === 0 && thanks.length === 0) return { sent: 0, failed: 0 };
      const weeks = await repo.findFeedbackWeeks(tx, area.id);

      const ownerIds = [...new Set([...overdue, ...thanks].map((a) => a.createdBy).filter((id): id is string => id !== null))];
      const owners = new Map((await repo.activeOwners(tx, area.id, ownerIds, STAFF_ROLES)).map((o) => [o.accountId, o]));
      const orphaned = [...overdue, ...thanks].filter((a) => !a.createdBy || !owners.has(a.createdBy));
      const leads = orphaned.length > 0 ? await repo.activeLeads(tx, area.id) : [];

      const digests = new Map<string, Digest>();
      const add = (recipient: repo.Recipient, activity: repo.ActivityFiguresRow) => {
        const digest = digests.get(recipient.accountId) ?? { recipient, activities: [], thanks: [] };
        digest.activities.push(activity);
        digests.set(recipient.accountId, digest);
      };
      const addThanks = (recipient: repo.Recipient, activity: OverdueThanks) => {
        const digest = digests.get(recipient.accountId) ?? { recipient, activities: [], thanks: [] };
        digest.thanks.push(activity);
        digests.set(recipient.accountId, digest);
      };
      for (const activity of overdue) {
        const owner = activity.createdBy ? owners.get(activity.createdBy) : undefined;
        if (owner) add(owner, activity);
        else for (const lead of leads) add(lead, activity);
      }
      for (const activity of thanks) {
        const owner = activity.createdBy ? owners.get(activity.createdBy) : undefined;
        if (owner) addThanks(owner, activity);
        else for (const lead of leads) addThanks(lead, activity);
      }

      const notifier = await notifierFor(area.id);
      let areaSent = 0;
      let areaFailed = 0;
      for (const digest of digests.values()) {
        try {
          await notifier.send({ channel: 'email', recipient: digest.recipient.email, areaSlug: area.slug, ...digestEmail(digest, { base, slug: area.slug, areaName: area.name, weeks }) });
          areaSent += 1;
        } catch {
          areaFailed += 1;
        }
      }
      // Counts only: the audit log shows how many were told, not who. (The action is written out
      // here, not as DIGEST_ACTION, so the audit-label test finds it.)
      await audit(tx, area.id, null, 'feedback.overdue_emailed', { type: 'area', id: area.id, detail: { week, emails: areaSent, failed: areaFailed, activities: overdue.length, thanks: thanks.length } });
      return { sent: areaSent, failed: areaFailed };
    });
    sent += result.sent;
    failed += result.failed;
  }
  if (failed > 0) throw new OverdueDigestError(`${failed} overdue feedback email(s) could not be sent; ${sent} were sent`);
  return sent;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** The email's words. Staff read it, in English (accounts keep no language preference yet). */
function digestEmail(digest: Digest, where: { base: string; slug: string; areaName: string; weeks: number }): { subject: string; body: string } {
  const t = translator('en');
  const areaUrl = `${where.base}/a/${where.slug}`;
  const lines = digest.activities.map((a) =>
    [
      t('feedback.overdue.email.item', { title: a.title, closed: dateFormat.format(a.closedAt!), count: a.daysOverdue! }),
      t('feedback.overdue.email.themesLink', { url: `${areaUrl}/manage/themes?activity=${a.activityId}` }),
      t('feedback.overdue.email.viewsLink', { url: `${areaUrl}/activities/${a.activityId}/contributions` }),
    ].join('\n'),
  );
  const feedback = digest.activities.length
    ? [t('feedback.overdue.email.intro', { count: where.weeks }), lines.join('\n\n'), t('feedback.overdue.email.whatToDo'), t('feedback.overdue.email.dashboard', { url: `${areaUrl}/manage/feedback` }), t('feedback.overdue.email.why')]
    : [];
  // Thanks overdue (recognition, issue 17): its own section, counts and titles only.
  const thanks = digest.thanks.length
    ? [
        t('recognition.thanks.digest.heading'),
        digest.thanks.map((a) => [t('recognition.thanks.digest.item', { title: a.title, count: a.notThanked, ended: dateFormat.format(a.endedAt) }), `${areaUrl}/activities/${a.activityId}/thanks`].join('\n')).join('\n\n'),
      ]
    : [];
  return {
    subject: digest.activities.length ? t('feedback.overdue.email.subject', { count: digest.activities.length, area: where.areaName }) : t('recognition.thanks.digest.subject', { count: digest.thanks.length, area: where.areaName }),
    body: [t('feedback.overdue.email.greeting', { name: digest.recipient.displayName }), ...feedback, ...thanks].join('\n\n'),
  };
}
