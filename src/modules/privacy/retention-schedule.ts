/**
 * The retention schedule (issue 9 §2), as data: each kind of personal data Chorus deletes on a
 * schedule, Chorus' default period, the limits an area may choose within, what the period is counted
 * from, and why, with its source. The retention job (retention.service.ts) applies it, the schedule
 * page lets an area admin change the periods, and the privacy notice shows them.
 *
 * The words people read (what each kind covers, why, the privacy notice sentences) are in the
 * message catalogue (messages/{en,cy}.retention.json), so they exist in English and Welsh; `reason`
 * and `source` here are the record of why each default was chosen.
 *
 * source.status: 'ours'       — Chorus' own choice, not a published rule (the area should check it
 *                               fits its own records policy);
 *                'unverified' — the source named decides, but Chorus has not checked its figures:
 *                               the area must set its own period.
 *
 * No period here is a legal requirement. UK GDPR Article 5(1)(e) (storage limitation) asks that
 * personal data is kept no longer than needed for its purpose: each reason names that purpose.
 */
export type SourceStatus = 'ours' | 'unverified';

export type PeriodUnit = 'days' | 'months' | 'years';

export const RETENTION_KINDS = ['signups', 'hear_back', 'unsent_responses', 'original_text', 'sessions', 'audit_log', 'safeguarding'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export type RetentionRule = {
  kind: RetentionKind;
  /** The rows the job deletes (or, for original_text, the column it replaces). */
  appliesTo: string;
  /** What the period is counted from. */
  countedFrom: string;
  unit: PeriodUnit;
  /** Chorus' default, in `unit`. */
  defaultPeriod: number;
  /** The shortest and longest period an area may set, in `unit`. */
  min: number;
  max: number;
  reason: string;
  source: { citation: string; status: SourceStatus; url?: string; note?: string };
};

export const RETENTION_SCHEDULE: readonly RetentionRule[] = [
  {
    kind: 'signups',
    appliesTo: 'activity_signup rows, and adjustment_request rows (asked for at sign-up or when answering a survey) of the activity',
    countedFrom: "the activity's end, else its start, else (an activity with no date, such as a survey) when it closed; an open activity with no date is never due",
    unit: 'months',
    defaultPeriod: 6,
    min: 1,
    max: 24,
    reason: 'Names, contact details and access needs are needed to run the activity and to follow up afterwards (thanks, recognition, questions about what was arranged).',
    source: { citation: 'Chorus project default (issue 9 §2).', status: 'ours' },
  },
  {
    kind: 'hear_back',
    appliesTo: 'feedback_contact rows: how a person asked to hear what happened, with their email address or mobile number',
    countedFrom: 'when the response was submitted',
    unit: 'months',
    defaultPeriod: 12,
    min: 3,
    max: 24,
    reason: 'Time to tell people what happened to their views: the feedback deadline defaults to 12 weeks after an activity closes, and decisions often take longer.',
    source: {
      citation: "Chorus project default (issue 9 §2), replacing the fixed year of the earlier purge-contacts job. The feedback deadline is the area's own setting (12 weeks unless it changes it).",
      status: 'ours',
    },
  },
  {
    kind: 'unsent_responses',
    appliesTo: "response rows never submitted (status 'in_progress'), with their answers and adjustment requests",
    countedFrom: 'the last change to the response or any of its answers',
    unit: 'days',
    defaultPeriod: 90,
    min: 30,
    max: 365,
    reason: 'Lets people come back and finish: save and return is how many disabled children and young people, and busy parent carers, manage a survey.',
    source: { citation: 'Chorus project default (issue 9 §2).', status: 'ours' },
  },
  {
    kind: 'original_text',
    appliesTo: "contribution.original_text (the words before redaction), and the same words where they were typed (the survey answer's text or card-sort comment, response.anything_else): replaced by the redacted text; the redactions can no longer be undone",
    countedFrom: 'when the contribution was recorded (the response was submitted)',
    unit: 'months',
    defaultPeriod: 24,
    min: 6,
    max: 72,
    reason: 'Lets a participation lead check a redaction and put back words removed by mistake; after that the redacted copy serves themes and reports on its own.',
    source: { citation: 'Chorus project default (issue 9 §2).', status: 'ours' },
  },
  {
    kind: 'sessions',
    appliesTo: 'session rows (a signed-in browser: when it was created and last used, and its browser name)',
    countedFrom: 'the last use of the session (a session stops working long before: after at most 24 hours without use)',
    unit: 'days',
    defaultPeriod: 30,
    min: 1,
    max: 90,
    reason: 'To investigate a security problem, such as someone else using an account. A session belongs to an account, not an area: it is kept until the longest period of the areas the account belongs to has passed, so no area loses what it may need.',
    source: { citation: 'Chorus project default (issue 9 §2).', status: 'ours' },
  },
  {
    kind: 'audit_log',
    appliesTo: 'audit_event rows (who did what, when: never what people said)',
    countedFrom: 'when the entry was written',
    unit: 'years',
    defaultPeriod: 6,
    min: 2,
    max: 7,
    reason: 'Accountability: an area can show who looked at or changed personal data. This is Chorus\' default, not a legal rule.',
    source: {
      citation: 'Chorus project default (issue 9 §2).',
      status: 'ours',
      note: 'Six years is a common choice for records that may be needed in a claim, because many claims must be brought within six years (Limitation Act 1980); no law sets a period for this log.',
    },
  },
  {
    kind: 'safeguarding',
    appliesTo: 'safeguarding_concern rows that are closed, with their safeguarding_action and safeguarding_alert rows; open concerns are never deleted',
    countedFrom: 'when the concern was closed',
    unit: 'years',
    defaultPeriod: 6,
    min: 1,
    max: 25,
    reason: "Chorus' record is a first contact; the case itself lives in the area's safeguarding system. Set this to your own safeguarding records policy.",
    source: {
      citation: "The area's own safeguarding records policy, informed by the Information and Records Management Society (IRMS) retention toolkits.",
      status: 'unverified',
      note: 'Chorus has not checked the toolkit\'s periods: the six-year default only holds a place until the area sets its own.',
    },
  },
];

const BY_KIND = new Map(RETENTION_SCHEDULE.map((rule) => [rule.kind, rule]));

export function isRetentionKind(value: unknown): value is RetentionKind {
  return typeof value === 'string' && BY_KIND.has(value as RetentionKind);
}

export function retentionRule(kind: RetentionKind): RetentionRule {
  return BY_KIND.get(kind)!;
}

// retention_setting.period_days holds days (one column for every kind). A period in months or years
// is stored as its average length in days and read back by rounding: exact for every whole number
// of months or years in the limits, so what an admin typed is what they see again.
const DAYS_PER: Record<PeriodUnit, number> = { days: 1, months: 365.25 / 12, years: 365.25 };

export function periodToDays(period: number, unit: PeriodUnit): number {
  return Math.round(period * DAYS_PER[unit]);
}

/** A stored period, in the kind's unit, kept within today's limits (the limits may have narrowed since it was saved). */
export function periodFromDays(days: number, rule: RetentionRule): number {
  return Math.min(rule.max, Math.max(rule.min, Math.round(days / DAYS_PER[rule.unit])));
}

/**
 * The moment before which data of this kind is due: `now` less the period, on the calendar (12
 * months before 15 June 2027 is 15 June 2026, whatever the leap years), in UTC. A month end that
 * does not exist in the earlier month becomes that month's last day (6 months before 31 August is
 * 28 or 29 February).
 */
export function cutoffFor(now: Date, period: number, unit: PeriodUnit): Date {
  if (unit === 'days') return new Date(now.getTime() - period * 86_400_000);
  const months = unit === 'years' ? period * 12 : period;
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}
