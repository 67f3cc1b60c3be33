/**
 * Planning checks: what a participation lead should look at before an activity opens. Pure (no
 * database, no clock: `now` is passed in) so every rule can be tested on its own.
 *
 * Each check says ok, warning or not_applicable, with a reason (a message key under
 * activities.checks.<key>.<reason>) and the figures the plain-words detail needs. Warnings never
 * block: a lead may have good reasons (an evening session in term time is fine for parents).
 *
 * Times are London wall-clock times (Europe/London): the school day and the school run happen there.
 */
import { BANK_HOLIDAYS, type BankHolidayData } from './bank-holidays.ts';
import { daysBetween, londonParts, longDate, minutesOf, weekdayOf } from './london-time.ts';
import type { PlanningSettings } from '../areas/areas.service.ts';
import { TIMED_TYPES, type ActivityType, type Adjustment, type Audience, type GroundRule, type VenueAccess, type VenueKind } from './activity-options.ts';

export const CHECK_KEYS = [
  'notice',
  'school_hours',
  'school_run',
  'school_holidays',
  'bank_holidays',
  'venue_access',
  'questions_shared',
  'adjustments',
  'ground_rules',
  'co_production',
] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];
export type CheckResult = 'ok' | 'warning' | 'not_applicable';

export type PlanningCheck = {
  key: CheckKey;
  result: CheckResult;
  /** Which plain-words explanation applies: activities.checks.<key>.<reason>. */
  reason: string;
  /**
   * Figures for the explanation. Values named date* are 'YYYY-MM-DD'; holiday is a bank-holiday key;
   * venueAccess, adjustments and groundRules are comma-separated option values.
   */
  params: Record<string, string | number>;
};

// The area's notice period and school day are the areas module's; the checks only read them.
export type { PlanningSettings };

export const DEFAULT_SETTINGS: PlanningSettings = {
  minNoticeDays: 14,
  schoolDayStarts: '08:45',
  schoolDayEnds: '15:15',
  dropOffStarts: '08:15',
  dropOffEnds: '09:15',
  pickUpStarts: '14:45',
  pickUpEnds: '15:45',
};

export type TermDate = { startsOn: string; endsOn: string };

export type PlanningContext = {
  settings: PlanningSettings;
  termDates: readonly TermDate[];
  now: Date;
  bankHolidays?: BankHolidayData;
};

export type PlannedActivity = {
  type: ActivityType;
  audience: Audience;
  startsAt: Date | null;
  endsAt: Date | null;
  venueKind: VenueKind;
  venueAccessRecorded: boolean;
  venueAccess: readonly VenueAccess[];
  questionsShared: boolean;
  adjustmentsOffered: readonly Adjustment[];
  groundRules: readonly GroundRule[];
  /** Notice is counted from when it opened, once it has (and from now before that). */
  openedAt: Date | null;
  /**
   * The planned level on Chorus' common scale (the evaluation module's: issue 13), and who will
   * decide. Optional so that callers that do not plan levels need not say.
   */
  plannedLevel?: string | null;
  decidedByBoardId?: string | null;
  decidedByRole?: string;
};

const check = (key: CheckKey, result: CheckResult, reason: string, params: PlanningCheck['params'] = {}): PlanningCheck => ({ key, result, reason, params });

/** What kind of day a London date is, for the school checks. */
type Day = {
  date: string;
  weekend: boolean;
  bankHoliday: { key: string; substitute: boolean } | undefined;
  /** The area entered term dates that reach this date (a holiday can only be judged inside them). */
  covered: boolean;
  inTerm: boolean;
};

function classify(date: string, context: PlanningContext): Day {
  const holidays = context.bankHolidays ?? BANK_HOLIDAYS;
  const weekday = weekdayOf(date);
  const terms = context.termDates;
  const covered = terms.length > 0 && terms.some((t) => t.startsOn <= date) && terms.some((t) => t.endsOn >= date);
  return {
    date,
    weekend: weekday === 0 || weekday === 6,
    bankHoliday: holidays.holidays.find((h) => h.date === date),
    covered,
    inTerm: terms.some((t) => t.startsOn <= date && date <= t.endsOn),
  };
}

/**
 * A school day: a weekday that is not a bank holiday and falls in a term. Where the area has not
 * entered terms that reach the date, every other weekday is taken to be one (the cautious answer).
 */
function isSchoolDay(day: Day): boolean {
  if (day.weekend || day.bankHoliday) return false;
  return day.covered ? day.inTerm : true;
}

/** The session as London minutes on its first day; a session running past midnight ends at 24:00. */
function sessionMinutes(startsAt: Date, endsAt: Date | null): { date: string; start: number; end: number; startTime: string; endTime: string } {
  const start = londonParts(startsAt);
  const end = endsAt ? londonParts(endsAt) : undefined;
  const endMinutes = !end ? start.minutes + 60 : end.date === start.date ? end.minutes : 24 * 60;
  return { date: start.date, start: start.minutes, end: Math.max(endMinutes, start.minutes + 1), startTime: start.time, endTime: end?.time ?? start.time };
}

/** Half-open intervals: a session ending exactly when school starts does not overlap it. */
const overlaps = (a: { start: number; end: number }, from: string, to: string) => a.start < minutesOf(to) && a.end > minutesOf(from);

const short = (time: string) => time.slice(0, 5);

function noticeCheck(activity: PlannedActivity, context: PlanningContext, timed: boolean): PlanningCheck {
  const min = context.settings.minNoticeDays;
  if (!timed) return check('notice', 'not_applicable', 'untimed');
  if (!activity.startsAt) return check('notice', 'warning', 'no_date', { min });
  const from = activity.openedAt ?? context.now;
  if (activity.startsAt.getTime() <= from.getTime()) return check('notice', 'warning', 'passed', { date: londonParts(activity.startsAt).date });
  const days = daysBetween(londonParts(from).date, londonParts(activity.startsAt).date);
  // `count` picks the plural form of "day" in each language.
  return days >= min ? check('notice', 'ok', 'enough', { count: days, min }) : check('notice', 'warning', 'short', { count: days, min });
}

function schoolHoursCheck(activity: PlannedActivity, context: PlanningContext, timed: boolean): PlanningCheck {
  if (!timed) return check('school_hours', 'not_applicable', 'untimed');
  if (activity.audience === 'parent_carers') return check('school_hours', 'not_applicable', 'not_children');
  if (!activity.startsAt) return check('school_hours', 'not_applicable', 'no_date');
  const session = sessionMinutes(activity.startsAt, activity.endsAt);
  const day = classify(session.date, context);
  const { schoolDayStarts: from, schoolDayEnds: to } = context.settings;
  const params = { date: day.date, start: session.startTime, end: session.endTime, schoolStart: short(from), schoolEnd: short(to) };
  if (!isSchoolDay(day)) return check('school_hours', 'ok', 'not_school_day', params);
  if (overlaps(session, from, to)) return check('school_hours', 'warning', 'clash', params);
  return check('school_hours', 'ok', 'outside', params);
}

function schoolRunCheck(activity: PlannedActivity, context: PlanningContext, timed: boolean): PlanningCheck {
  if (!timed) return check('school_run', 'not_applicable', 'untimed');
  if (activity.audience === 'children_young_people') return check('school_run', 'not_applicable', 'not_parents');
  if (!activity.startsAt) return check('school_run', 'not_applicable', 'no_date');
  const session = sessionMinutes(activity.startsAt, activity.endsAt);
  const day = classify(session.date, context);
  const s = context.settings;
  const params = {
    date: day.date,
    start: session.startTime,
    end: session.endTime,
    dropOffStart: short(s.dropOffStarts),
    dropOffEnd: short(s.dropOffEnds),
    pickUpStart: short(s.pickUpStarts),
    pickUpEnd: short(s.pickUpEnds),
  };
  if (!isSchoolDay(day)) return check('school_run', 'ok', 'not_school_day', params);
  const dropOff = overlaps(session, s.dropOffStarts, s.dropOffEnds);
  const pickUp = overlaps(session, s.pickUpStarts, s.pickUpEnds);
  if (dropOff && pickUp) return check('school_run', 'warning', 'both', params);
  if (dropOff) return check('school_run', 'warning', 'drop_off', params);
  if (pickUp) return check('school_run', 'warning', 'pick_up', params);
  return check('school_run', 'ok', 'clear', params);
}

function schoolHolidaysCheck(activity: PlannedActivity, context: PlanningContext, timed: boolean): PlanningCheck {
  if (!timed) return check('school_holidays', 'not_applicable', 'untimed');
  if (!activity.startsAt) return check('school_holidays', 'not_applicable', 'no_date');
  const day = classify(londonParts(activity.startsAt).date, context);
  if (context.termDates.length === 0) return check('school_holidays', 'warning', 'no_terms', { date: day.date });
  if (!day.covered) return check('school_holidays', 'warning', 'not_covered', { date: day.date });
  if (day.weekend) return check('school_holidays', 'ok', 'weekend', { date: day.date });
  if (!day.inTerm) return check('school_holidays', 'warning', 'holiday', { date: day.date });
  return check('school_holidays', 'ok', 'term_time', { date: day.date });
}

function bankHolidaysCheck(activity: PlannedActivity, context: PlanningContext, timed: boolean): PlanningCheck {
  if (!timed) return check('bank_holidays', 'not_applicable', 'untimed');
  if (!activity.startsAt) return check('bank_holidays', 'not_applicable', 'no_date');
  const holidays = context.bankHolidays ?? BANK_HOLIDAYS;
  const date = londonParts(activity.startsAt).date;
  const year = Number(date.slice(0, 4));
  if (year < holidays.firstYear || year > holidays.lastYear) return check('bank_holidays', 'warning', 'no_data', { date, year });
  const holiday = holidays.holidays.find((h) => h.date === date);
  if (holiday) return check('bank_holidays', 'warning', holiday.substitute ? 'clash_substitute' : 'clash', { date, holiday: holiday.key });
  return check('bank_holidays', 'ok', 'clear', { date });
}

function venueAccessCheck(activity: PlannedActivity): PlanningCheck {
  if (activity.venueKind === 'none') return check('venue_access', 'not_applicable', 'no_venue');
  if (activity.venueKind === 'online') return check('venue_access', 'not_applicable', 'online');
  if (!activity.venueAccessRecorded) return check('venue_access', 'warning', 'missing');
  return activity.venueAccess.length > 0 ? check('venue_access', 'ok', 'recorded', { venueAccess: activity.venueAccess.join(',') }) : check('venue_access', 'ok', 'recorded_none');
}

function questionsSharedCheck(activity: PlannedActivity): PlanningCheck {
  // A survey is the questions: there is nothing to send ahead.
  if (activity.type === 'survey') return check('questions_shared', 'not_applicable', 'survey');
  return activity.questionsShared ? check('questions_shared', 'ok', 'shared') : check('questions_shared', 'warning', 'not_shared');
}

function adjustmentsCheck(activity: PlannedActivity): PlanningCheck {
  return activity.adjustmentsOffered.length > 0 ? check('adjustments', 'ok', 'offered', { adjustments: activity.adjustmentsOffered.join(',') }) : check('adjustments', 'warning', 'none');
}

function groundRulesCheck(activity: PlannedActivity): PlanningCheck {
  return activity.groundRules.length > 0 ? check('ground_rules', 'ok', 'chosen', { groundRules: activity.groundRules.join(',') }) : check('ground_rules', 'warning', 'none');
}

/** Levels at which people share decisions: Chorus' "co-design" and "co-produce" (issue 13 §1). */
const CO_PRODUCTION_LEVELS: ReadonlySet<string> = new Set(['co_design', 'co_produce']);

/**
 * An activity planned as co-production needs time (people cannot share decisions they hear about at
 * the last minute: the area's notice period) and someone who will decide (Lundy's "audience").
 */
function coProductionCheck(activity: PlannedActivity, context: PlanningContext, timed: boolean): PlanningCheck {
  const level = activity.plannedLevel ?? null;
  if (!level) return check('co_production', 'not_applicable', 'not_planned');
  if (!CO_PRODUCTION_LEVELS.has(level)) return check('co_production', 'not_applicable', 'not_co_production');
  const decider = Boolean(activity.decidedByBoardId) || Boolean(activity.decidedByRole?.trim());
  const min = context.settings.minNoticeDays;
  let days: number | undefined;
  if (timed && activity.startsAt) {
    const from = activity.openedAt ?? context.now;
    days = activity.startsAt.getTime() <= from.getTime() ? 0 : daysBetween(londonParts(from).date, londonParts(activity.startsAt).date);
  }
  const short = days !== undefined && days < min;
  if (short && !decider) return check('co_production', 'warning', 'short_no_decider', { count: days!, min });
  if (short) return check('co_production', 'warning', 'short', { count: days!, min });
  if (!decider) return check('co_production', 'warning', 'no_decider');
  return check('co_production', 'ok', 'ready');
}

/** Every check, in the order the checklist shows them. */
export function runPlanningChecks(activity: PlannedActivity, context: PlanningContext): PlanningCheck[] {
  const timed = TIMED_TYPES.has(activity.type);
  return [
    noticeCheck(activity, context, timed),
    schoolHoursCheck(activity, context, timed),
    schoolRunCheck(activity, context, timed),
    schoolHolidaysCheck(activity, context, timed),
    bankHolidaysCheck(activity, context, timed),
    venueAccessCheck(activity),
    questionsSharedCheck(activity),
    adjustmentsCheck(activity),
    groundRulesCheck(activity),
    coProductionCheck(activity, context, timed),
  ];
}

export function warningCount(checks: readonly PlanningCheck[]): number {
  return checks.filter((c) => c.result === 'warning').length;
}

/**
 * The check in words: a title and a plain-words detail in the reader's language. Dates are written
 * out ("Monday 6 April 2026"), a bank holiday and each option by its name.
 */
export function describePlanningCheck(
  planningCheck: PlanningCheck,
  t: (key: string, params?: Record<string, unknown>) => string,
  lang: string = 'en',
): { title: string; detail: string } {
  const params: Record<string, unknown> = { ...planningCheck.params };
  for (const [name, value] of Object.entries(planningCheck.params)) {
    if (name.startsWith('date') && typeof value === 'string') params[name] = longDate(value, lang);
  }
  if (typeof planningCheck.params.holiday === 'string') params.holiday = t(`activities.bankHolidays.${planningCheck.params.holiday}`);
  for (const list of ['venueAccess', 'adjustments', 'groundRules'] as const) {
    const value = planningCheck.params[list];
    if (typeof value === 'string') params[list] = value.split(',').map((v) => t(`activities.options.${list}.${v}`)).join(', ');
  }
  return {
    title: t(`activities.checks.${planningCheck.key}.title`),
    detail: t(`activities.checks.${planningCheck.key}.${planningCheck.reason}`, params),
  };
}
