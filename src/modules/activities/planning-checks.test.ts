/**
 * Planning checks, rule by rule: each outcome, and the edges a lead would trip over (a session that
 * ends exactly when school starts, a Saturday, a half-term day, a bank holiday, British Summer Time).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { translator } from '../../lib/messages/messages.ts';
import { BANK_HOLIDAYS } from './bank-holidays.ts';
import { londonToUtc } from './london-time.ts';
import { CHECK_KEYS, DEFAULT_SETTINGS, describePlanningCheck, runPlanningChecks, warningCount, type CheckKey, type PlannedActivity, type PlanningContext } from './planning-checks.ts';

/** Riverside's school year 2025–26 (half terms are the gaps). */
const TERMS = [
  { startsOn: '2025-09-03', endsOn: '2025-10-24' },
  { startsOn: '2025-11-03', endsOn: '2025-12-19' },
  { startsOn: '2026-01-05', endsOn: '2026-02-13' },
  { startsOn: '2026-02-23', endsOn: '2026-03-27' },
  { startsOn: '2026-04-13', endsOn: '2026-07-22' },
];

const at = (date: string, time: string) => londonToUtc(date, time);

/** A children's workshop on Tuesday 10 March 2026 (term time), 4pm to 5:30pm, with everything done. */
function planned(overrides: Partial<PlannedActivity> = {}): PlannedActivity {
  return {
    type: 'workshop',
    audience: 'children_young_people',
    startsAt: at('2026-03-10', '16:00'),
    endsAt: at('2026-03-10', '17:30'),
    venueKind: 'in_person',
    venueAccessRecorded: true,
    venueAccess: ['step_free', 'quiet_room'],
    questionsShared: true,
    adjustmentsOffered: ['symbols', 'breaks'],
    groundRules: ['respect', 'ok_to_leave'],
    openedAt: null,
    ...overrides,
  };
}

function context(overrides: Partial<PlanningContext> = {}): PlanningContext {
  return { settings: DEFAULT_SETTINGS, termDates: TERMS, now: new Date('2026-01-10T12:00:00Z'), ...overrides };
}

function check(key: CheckKey, activity: PlannedActivity, ctx: PlanningContext = context()) {
  const found = runPlanningChecks(activity, ctx).find((c) => c.key === key);
  assert.ok(found, `no ${key} check`);
  return found;
}

/** A session on this London date and times. */
const session = (date: string, from: string, to: string, audience: PlannedActivity['audience'] = 'children_young_people') =>
  planned({ audience, startsAt: at(date, from), endsAt: at(date, to) });

test('every check runs, in checklist order, and a well-planned term-time evening workshop has no warnings', () => {
  const checks = runPlanningChecks(planned({ audience: 'both' }), context());
  assert.deepEqual(checks.map((c) => c.key), [...CHECK_KEYS]);
  assert.deepEqual(checks.filter((c) => c.result === 'warning'), []);
  assert.equal(warningCount(checks), 0);
});

describe('notice', () => {
  test('enough notice is ok; less than the area asks for is a warning with the number of days', () => {
    assert.deepEqual(check('notice', planned()), { key: 'notice', result: 'ok', reason: 'enough', params: { count: 59, min: 14 } });
    const short = check('notice', planned(), context({ now: new Date('2026-02-25T12:00:00Z') }));
    assert.deepEqual(short, { key: 'notice', result: 'warning', reason: 'short', params: { count: 13, min: 14 } });
  });

  test('exactly the minimum is enough, and the area sets the minimum', () => {
    assert.equal(check('notice', planned(), context({ now: new Date('2026-02-24T20:00:00Z') })).result, 'ok');
    assert.equal(check('notice', planned(), context({ now: new Date('2026-02-25T08:00:00Z'), settings: { ...DEFAULT_SETTINGS, minNoticeDays: 7 } })).result, 'ok');
    assert.equal(check('notice', planned(), context({ now: new Date('2026-02-25T08:00:00Z'), settings: { ...DEFAULT_SETTINGS, minNoticeDays: 28 } })).params.min, 28);
  });

  test('counts London calendar days: a 00:30 start in summer is the next day in London but not in UTC', () => {
    const midnight = planned({ startsAt: at('2026-06-10', '00:30'), endsAt: at('2026-06-10', '01:30') });
    assert.equal(midnight.startsAt!.toISOString(), '2026-06-09T23:30:00.000Z');
    assert.deepEqual(check('notice', midnight, context({ now: new Date('2026-05-27T12:00:00Z') })).params, { count: 14, min: 14 });
  });

  test('once open, notice is counted from the day it opened, not from today', () => {
    const opened = planned({ openedAt: new Date('2026-02-01T09:00:00Z') });
    assert.equal(check('notice', opened, context({ now: new Date('2026-03-09T09:00:00Z') })).result, 'ok');
  });

  test('a date in the past, or no date, is a warning; a survey has no notice to give', () => {
    assert.equal(check('notice', planned(), context({ now: new Date('2026-03-11T09:00:00Z') })).reason, 'passed');
    assert.deepEqual(check('notice', planned({ startsAt: null, endsAt: null })), { key: 'notice', result: 'warning', reason: 'no_date', params: { min: 14 } });
    assert.equal(check('notice', planned({ type: 'survey' })).result, 'not_applicable');
  });
});

describe("children's sessions and school hours", () => {
  test('after school on a school day is ok; during lessons is a warning with the times', () => {
    assert.equal(check('school_hours', session('2026-03-10', '16:00', '17:30')).reason, 'outside');
    const clash = check('school_hours', session('2026-03-10', '10:00', '11:00'));
    assert.equal(clash.result, 'warning');
    assert.deepEqual(clash.params, { date: '2026-03-10', start: '10:00', end: '11:00', schoolStart: '08:45', schoolEnd: '15:15' });
  });

  test('a session ending exactly when school starts, or starting exactly when it ends, does not clash', () => {
    assert.equal(check('school_hours', session('2026-03-10', '07:45', '08:45')).result, 'ok');
    assert.equal(check('school_hours', session('2026-03-10', '15:15', '16:00')).result, 'ok');
    assert.equal(check('school_hours', session('2026-03-10', '07:45', '08:46')).result, 'warning', 'one minute into the school day');
    assert.equal(check('school_hours', session('2026-03-10', '15:14', '16:00')).result, 'warning', 'one minute before it ends');
  });

  test('Saturdays, half term and bank holidays are not school days', () => {
    for (const date of ['2026-03-14', '2026-02-17', '2026-05-04']) {
      const result = check('school_hours', session(date, '10:00', '12:00'));
      assert.deepEqual([result.result, result.reason], ['ok', 'not_school_day'], date);
    }
  });

  test('the first and last days of a term are school days', () => {
    assert.equal(check('school_hours', session('2026-02-23', '10:00', '11:00')).result, 'warning');
    assert.equal(check('school_hours', session('2026-03-27', '10:00', '11:00')).result, 'warning');
    assert.equal(check('school_hours', session('2026-03-30', '10:00', '11:00')).result, 'ok', 'the Monday after term ends');
  });

  test('uses London time in summer: 4pm British Summer Time is after school, though it is 3pm UTC', () => {
    const summer = session('2026-06-10', '16:00', '17:00');
    assert.equal(summer.startsAt!.toISOString(), '2026-06-10T15:00:00.000Z');
    assert.equal(check('school_hours', summer).result, 'ok');
    assert.equal(check('school_hours', session('2026-06-10', '09:00', '10:00')).result, 'warning');
  });

  test("with no term dates, weekdays are taken to be school days; the area's own school day is used", () => {
    assert.equal(check('school_hours', session('2026-02-17', '10:00', '11:00'), context({ termDates: [] })).result, 'warning');
    const late = context({ settings: { ...DEFAULT_SETTINGS, schoolDayEnds: '15:45:00' } });
    assert.equal(check('school_hours', session('2026-03-10', '15:30', '16:30'), late).result, 'warning');
  });

  test('does not apply to sessions for parent carers only, or to surveys', () => {
    assert.equal(check('school_hours', session('2026-03-10', '10:00', '11:00', 'parent_carers')).result, 'not_applicable');
    assert.equal(check('school_hours', planned({ type: 'survey' })).result, 'not_applicable');
    assert.equal(check('school_hours', session('2026-03-10', '10:00', '11:00', 'both')).result, 'warning');
  });
});

describe('parent sessions and the school run', () => {
  test('drop-off, pick-up, both, or clear of both', () => {
    const reason = (from: string, to: string) => check('school_run', session('2026-03-10', from, to, 'parent_carers'));
    assert.deepEqual([reason('09:00', '10:00').result, reason('09:00', '10:00').reason], ['warning', 'drop_off']);
    assert.deepEqual([reason('14:00', '15:00').result, reason('14:00', '15:00').reason], ['warning', 'pick_up']);
    assert.equal(reason('08:00', '16:00').reason, 'both');
    assert.deepEqual([reason('10:00', '12:00').result, reason('10:00', '12:00').reason], ['ok', 'clear']);
    assert.equal(reason('09:15', '14:45').result, 'ok', 'between the end of drop-off and the start of pick-up exactly');
  });

  test('no school run at weekends or in the holidays; not for sessions only for children', () => {
    assert.equal(check('school_run', session('2026-03-14', '09:00', '10:00', 'parent_carers')).reason, 'not_school_day');
    assert.equal(check('school_run', session('2026-02-16', '09:00', '10:00', 'parent_carers')).reason, 'not_school_day');
    assert.equal(check('school_run', session('2026-03-10', '09:00', '10:00', 'children_young_people')).result, 'not_applicable');
    assert.equal(check('school_run', session('2026-03-10', '09:00', '10:00', 'both')).result, 'warning');
  });
});

describe('school holidays', () => {
  test('term time is ok; a half-term weekday is a warning; a Saturday is the weekend', () => {
    assert.deepEqual([check('school_holidays', planned()).result, check('school_holidays', planned()).reason], ['ok', 'term_time']);
    const halfTerm = check('school_holidays', session('2026-02-17', '10:00', '12:00'));
    assert.deepEqual([halfTerm.result, halfTerm.reason, halfTerm.params.date], ['warning', 'holiday', '2026-02-17']);
    assert.equal(check('school_holidays', session('2026-02-14', '10:00', '12:00')).reason, 'weekend');
  });

  test('the day after a term ends is a holiday; its last day is not', () => {
    assert.equal(check('school_holidays', session('2026-07-22', '10:00', '11:00')).result, 'ok');
    assert.equal(check('school_holidays', session('2026-07-23', '10:00', '11:00')).result, 'warning');
  });

  test('cannot be judged without term dates, or beyond the last term entered: a warning that says so', () => {
    assert.equal(check('school_holidays', planned(), context({ termDates: [] })).reason, 'no_terms');
    const later = check('school_holidays', session('2027-03-09', '16:00', '17:00'));
    assert.deepEqual([later.result, later.reason], ['warning', 'not_covered']);
  });
});

describe('bank holidays (England and Wales)', () => {
  test('a bank holiday is a warning naming it; a substitute day says so; another day is ok', () => {
    assert.deepEqual(check('bank_holidays', session('2026-05-04', '10:00', '12:00')), { key: 'bank_holidays', result: 'warning', reason: 'clash', params: { date: '2026-05-04', holiday: 'early_may' } });
    assert.equal(check('bank_holidays', session('2026-12-28', '10:00', '12:00')).reason, 'clash_substitute');
    assert.equal(check('bank_holidays', planned()).result, 'ok');
  });

  test('uses the London date: 00:30 on the summer bank holiday is still the bank holiday', () => {
    assert.equal(check('bank_holidays', session('2026-08-31', '00:30', '01:00')).reason, 'clash');
  });

  test('a year the shipped data does not cover is a warning to check by hand', () => {
    const far = check('bank_holidays', session('2031-05-06', '10:00', '12:00'));
    assert.deepEqual([far.result, far.reason, far.params.year], ['warning', 'no_data', 2031]);
  });

  test('the shipped data has eight a year, every one a weekday, with its source', () => {
    for (let year = BANK_HOLIDAYS.firstYear; year <= BANK_HOLIDAYS.lastYear; year += 1) {
      const days = BANK_HOLIDAYS.holidays.filter((h) => h.date.startsWith(`${year}-`));
      assert.equal(days.length, 8, String(year));
      for (const h of days) assert.ok(![0, 6].includes(new Date(`${h.date}T12:00:00Z`).getUTCDay()), `${h.date} is a weekday`);
    }
  });
});

describe('venue, questions, adjustments and ground rules', () => {
  test('venue access: recorded (with features or none) is ok, missing is a warning; online or no venue does not apply', () => {
    assert.deepEqual(check('venue_access', planned()).params, { venueAccess: 'step_free,quiet_room' });
    assert.equal(check('venue_access', planned({ venueAccess: [] })).reason, 'recorded_none');
    assert.equal(check('venue_access', planned({ venueAccessRecorded: false, venueAccess: [] })).result, 'warning');
    assert.equal(check('venue_access', planned({ venueKind: 'hybrid', venueAccessRecorded: false, venueAccess: [] })).result, 'warning');
    assert.equal(check('venue_access', planned({ venueKind: 'online', venueAccessRecorded: false })).result, 'not_applicable');
    assert.equal(check('venue_access', planned({ venueKind: 'none', venueAccessRecorded: false })).result, 'not_applicable');
  });

  test('questions shared in advance: ok or a warning; a survey does not apply', () => {
    assert.equal(check('questions_shared', planned()).result, 'ok');
    assert.equal(check('questions_shared', planned({ questionsShared: false })).result, 'warning');
    assert.equal(check('questions_shared', planned({ type: 'survey', questionsShared: false })).result, 'not_applicable');
  });

  test('adjustments and ground rules: ok when chosen, a warning when none', () => {
    assert.equal(check('adjustments', planned()).result, 'ok');
    assert.equal(check('adjustments', planned({ adjustmentsOffered: [] })).result, 'warning');
    assert.equal(check('ground_rules', planned()).result, 'ok');
    assert.equal(check('ground_rules', planned({ groundRules: [] })).result, 'warning');
    assert.equal(check('ground_rules', planned({ type: 'survey', groundRules: [] })).result, 'warning', 'surveys have ground rules too');
  });
});

describe('the checks in words', () => {
  const en = translator('en');
  test('English: dates written out, holidays and options by name, the plural of days right', () => {
    const holiday = describePlanningCheck(check('bank_holidays', session('2026-05-04', '10:00', '12:00')), en, 'en');
    assert.deepEqual(holiday, { title: 'Not on a bank holiday', detail: 'Monday 4 May 2026 is the early May bank holiday, a bank holiday.' });
    assert.equal(describePlanningCheck(check('adjustments', planned()), en).detail, 'Offered: Symbols and pictures, Breaks when you need them.');
    assert.equal(describePlanningCheck(check('notice', planned(), context({ now: new Date('2026-03-09T08:00:00Z') })), en).detail, "Only 1 day's notice. This area asks for at least 14 days, so families can arrange care, transport and time off.");
    assert.match(describePlanningCheck(check('school_hours', session('2026-03-10', '10:00', '11:00')), en).detail, /^It runs from 10:00 to 11:00 on Tuesday 10 March 2026, a school day\. School is from 08:45 to 15:15/);
  });

  test('Welsh: the same check in Welsh', () => {
    const cy = translator('cy');
    const words = describePlanningCheck(check('school_holidays', session('2026-02-17', '10:00', '12:00')), cy, 'cy');
    assert.equal(words.title, "Nid yn ystod gwyliau'r ysgol");
    assert.match(words.detail, /Chwefror 2026 yn ystod gwyliau'r ysgol/);
  });
});
