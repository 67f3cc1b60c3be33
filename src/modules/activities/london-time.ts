/**
 * Wall-clock time in England and Wales. Activities are typed and shown in Europe/London time and
 * stored as instants (timestamptz); the conversion goes through Intl so the clock changes in March
 * and October are handled by the platform's time-zone data, with no dependency.
 */

const ZONE = 'Europe/London';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export type LondonParts = {
  /** 'YYYY-MM-DD' in London. */
  date: string;
  /** 'HH:MM' in London, 24-hour. */
  time: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  year: number;
  month: number;
  day: number;
};

/** The London calendar date and clock time of an instant. */
export function londonParts(instant: Date): LondonParts {
  const parts: Record<string, string> = {};
  for (const p of partsFormat.formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year), month = Number(parts.month), day = Number(parts.day);
  const hour = Number(parts.hour), minute = Number(parts.minute);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    minutes: hour * 60 + minute,
    weekday: WEEKDAYS[parts.weekday!] ?? 0,
    year,
    month,
    day,
  };
}

/** Minutes London is ahead of UTC at this instant (0 in winter, 60 in summer). */
function offsetMinutes(instant: Date): number {
  const p = londonParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, Math.floor(p.minutes / 60), p.minutes % 60);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/**
 * The instant a London wall-clock time names. In the hour the clocks go forward (01:00–02:00 on the
 * last Sunday of March) the time does not exist: the later reading is used. In the hour that repeats
 * in October, the first one (British Summer Time) is used.
 */
export function londonToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Try the offset in force an hour either side: one of them gives back the same wall-clock time.
  for (const probe of [naive - 3_600_000, naive, naive + 3_600_000]) {
    const candidate = new Date(naive - offsetMinutes(new Date(probe)) * 60000);
    if (londonParts(candidate).time === time.padStart(5, '0') && londonParts(candidate).date === date) return candidate;
  }
  return new Date(naive - offsetMinutes(new Date(naive - 86_400_000)) * 60000);
}

/** 'HH:MM' → minutes since midnight (also accepts 'HH:MM:SS' as PostgreSQL time columns give). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whole calendar days from one 'YYYY-MM-DD' to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/**
 * Reads a time as people type it: "14:30", "2:30pm", "2.30 pm", "9am", "0930". Returns 'HH:MM'
 * (24-hour) or undefined when it is not a real time.
 */
export function parseClockTime(input: string): string | undefined {
  const text = input.trim().toLowerCase().replace(/\s+/g, '');
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm)?$/.exec(text);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3];
  // "0930" without a separator: the regex reads it as 09 + 30 only when four digits were typed.
  if (match[2] === undefined && !half) return undefined;
  if (minute > 59) return undefined;
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    if (half === 'am' && hour === 12) hour = 0;
    if (half === 'pm' && hour !== 12) hour += 12;
  } else if (hour > 23) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const longFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Tuesday 10 March 2026" (GOV.UK style: no comma), for a London instant or a 'YYYY-MM-DD' day.
 * Welsh uses the same order with Welsh names.
 */
export function longDate(value: Date | string, lang: string = 'en'): string {
  let format = longFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
    longFormats.set(lang, format);
  }
  // A calendar day is taken at midday UTC, which is the same day in London all year.
  const instant = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}
