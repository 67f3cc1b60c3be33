/**
 * When a job runs next. Either a fixed interval ("every minute") or a time of day in England,
 * optionally on one weekday ("Mondays at 07:00"): rules follow the clocks, so a weekly email
 * arrives at 7 in the morning in winter and in summer.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A local (Europe/London) time 'HH:MM', every day or on one weekday. */
export type TimeRule = { at: string; weekday?: Weekday };

/** Milliseconds between runs, or a time rule. */
export type Every = number | TimeRule;

const TIME_ZONE = 'Europe/London';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** The wall-clock reading in London at this instant, as if it were UTC. */
function londonWallClock(instant: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The instant at which London's clocks read this wall-clock time (the later one in the autumn's repeated hour). */
function londonToInstant(wall: number): number {
  // London is UTC+0 or UTC+1: try both offsets and keep one that reads back right.
  const candidates = [wall - HOUR, wall].filter((instant) => londonWallClock(instant) === wall);
  // In the spring gap (01:00–02:00 does not exist) neither reads back: run an hour later.
  return candidates.length > 0 ? candidates[candidates.length - 1]! : wall;
}

function parseAt(at: string): { hour: number; minute: number } {
  const m = /^(\d{2}):(\d{2})$/.exec(at);
  const hour = Number(m?.[1]), minute = Number(m?.[2]);
  if (!m || hour > 23 || minute > 59) throw new Error(`a job's time must be HH:MM, not ${at}`);
  return { hour, minute };
}

/** The first run strictly after `after`. */
export function nextRun(every: Every, after: Date): Date {
  if (typeof every === 'number') {
    if (!(every >= 1000)) throw new Error('a job cannot run more often than once a second');
    return new Date(after.getTime() + every);
  }
  const { hour, minute } = parseAt(every.at);
  const today = new Date(londonWallClock(after.getTime()));
  for (let day = 0; day <= 8; day += 1) {
    const wall = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + day, hour, minute);
    const weekday = WEEKDAYS[new Date(wall).getUTCDay()]!;
    if (every.weekday && weekday !== every.weekday) continue;
    const instant = londonToInstant(wall);
    if (instant > after.getTime()) return new Date(instant);
  }
  throw new Error('no next run found');
}

/** When a job seen for the first time first runs: interval jobs at once, rules at their next time. */
export function firstRun(every: Every, now: Date): Date {
  return typeof every === 'number' ? now : nextRun(every, now);
}
