/**
 * Every scheduled job Chorus runs. Adding one is one line: a name, how often (milliseconds, or a
 * time rule such as { weekday: 'monday', at: '07:00' } in England's time), and what it does.
 */
import { runSurveyDates } from '../activities/activities.service.ts';
import { sendOverdueDigests } from '../feedback/figures.service.ts';
import { rescanRedactions } from '../contributions/contributions.service.ts';
import { sendPendingNotices } from '../notifications/notifications.service.ts';
import { sendQueuedMessages } from '../notifications/queued-messages.service.ts';
import { applyRetention } from '../privacy/retention.service.ts';
import { remindCharterSelfAssessments } from '../evaluation/index.ts';
import { remindUnreviewedConcerns, sendSafeguardingAlerts } from '../privacy/safeguarding.service.ts';
import { makeLiveContributions } from '../live/index.ts';
import type { Job } from './scheduler.ts';
import { MINUTE } from './schedule.ts';

export const JOBS: readonly Job[] = [
  // "We did …" notices by email, text message and supporter, written when a response is published.
  { name: 'send-notices', every: MINUTE, run: (c) => sendPendingNotices(c.db, c.notifierFor, { now: c.now, limit: 200, signal: c.signal }) },
  // Single messages queued with the change that called for them (a receipt code by email): anything
  // the request did not send straight away, or a refused send to try again.
  { name: 'send-queued-messages', every: MINUTE, run: (c) => sendQueuedMessages(c.db, c.notifierFor, { now: c.now }) },
  // Surveys close by themselves at their closing time (recorded like a lead closing one by hand), and
  // each owner is reminded once, 3 days before (queued, then sent by send-queued-messages).
  { name: 'survey-dates', every: MINUTE, run: (c) => runSurveyDates(c.db, { now: c.now, baseUrl: c.baseUrl }) },
  // Each activity owner hears once a week what is past the area's feedback deadline.
  { name: 'overdue-digest', every: { weekday: 'monday', at: '07:00' }, run: (c) => sendOverdueDigests(c.db, c.notifierFor, { baseUrl: c.baseUrl, now: c.now }) },
  // Safeguarding alerts are sent the moment a concern is raised; this catches any that a crash or a
  // failed send left behind, and sends the one reminder for a concern nobody has looked at in 24 hours.
  { name: 'safeguarding-alerts', every: MINUTE, run: (c) => sendSafeguardingAlerts(c.db, c.notifierFor, { baseUrl: c.baseUrl, now: c.now }) },
  { name: 'safeguarding-reminders', every: 15 * MINUTE, run: (c) => remindUnreviewedConcerns(c.db, c.notifierFor, { baseUrl: c.baseUrl, now: c.now }) },
  // A better redaction engine reads older contributions again (a few hundred at a time per area).
  { name: 'redaction-rescan', every: 10 * MINUTE, run: (c) => rescanRedactions(c.db) },
  // Staff of organisations that have not finished the charter self-assessment are reminded 14 and
  // 3 days before the deadline, once each (queued, then sent by send-queued-messages).
  { name: 'charter-reminders', every: { at: '08:00' }, run: (c) => remindCharterSelfAssessments(c.db, { now: c.now, baseUrl: c.baseUrl }) },
  // Every answer and note of an ended live session becomes a contribution (ending a session asks at
  // once; this catches any that a crash or a failed run left behind).
  { name: 'live-contributions', every: MINUTE, run: (c) => makeLiveContributions(c.db) },
  // The area's retention schedule: deletes what is due, once, and records what it removed.
  { name: 'retention', every: { at: '03:45' }, run: (c) => applyRetention(c.db, c.now) },
];
