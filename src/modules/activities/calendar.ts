/**
 * A calendar invite (.ics, RFC 5545) for a timed activity, made with the `ics` package. Times are
 * written in UTC (with a trailing Z), so every calendar shows them in its own time zone correctly.
 */
import { createEvent, type DateArray } from 'ics';
import type { Activity } from './activities.repository.ts';

const utc = (d: Date): DateArray => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];

export type CalendarText = {
  /** Where it is, in words (venue and address, or "Online"). */
  location: string;
  /** Plain-text description: what, why, how to join, who to contact. */
  description: string;
};

/** The .ics file's text; undefined when the activity has no date to put in a calendar. */
export function activityCalendar(activity: Activity, url: string, words: CalendarText): string | undefined {
  if (!activity.startsAt) return undefined;
  const end = activity.endsAt ?? new Date(activity.startsAt.getTime() + 60 * 60_000);
  const { error, value } = createEvent({
    uid: `activity-${activity.id}@chorus`,
    productId: 'chorus/activities',
    start: utc(activity.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(end),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: activity.title,
    description: words.description,
    location: words.location || undefined,
    url,
    status: 'CONFIRMED',
    // Each saved change bumps the version: calendars replace the older copy of the event.
    sequence: activity.version,
    ...(activity.contactEmail ? { organizer: { name: activity.contactName, email: activity.contactEmail } } : {}),
  });
  if (error || !value) throw error ?? new Error('calendar file could not be made');
  return value;
}
