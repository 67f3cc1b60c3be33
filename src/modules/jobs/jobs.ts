/**
 * Every scheduled job Chorus runs. Adding one is one line: a name, how often (milliseconds, or a
 * time rule such as { weekday: 'monday', at: '07:00' } in England's time), and what it does.
 */
import { purgeOldContacts } from '../feedback/contacts.service.ts';
import { sendOverdueDigests } from '../feedback/overdue.ts';
import { sendPendingNotices } from '../notifications/notices.sender.ts';
import type { Job } from './scheduler.ts';
import { MINUTE } from './schedule.ts';

export const JOBS: readonly Job[] = [
  // "We did …" notices by email, text message and supporter, written when a response is published.
  { name: 'send-notices', every: MINUTE, run: (c) => sendPendingNotices(c.db, c.notifierFor, { now: c.now, limit: 200, signal: c.signal }) },
  // Each activity owner hears once a week what is past the area's feedback deadline.
  { name: 'overdue-digest', every: { weekday: 'monday', at: '07:00' }, run: (c) => sendOverdueDigests(c.db, c.notifierFor, { baseUrl: c.baseUrl, now: c.now }) },
  // How-to-hear-back addresses are kept for a year after the response, then deleted.
  { name: 'purge-contacts', every: { at: '03:30' }, run: (c) => purgeOldContacts(c.db, c.now) },
];
