/**
 * The fixed lists an activity is described with. Labels live in the message catalogue under
 * activities.options.<list>.<value>; these are the stored values.
 */

export const ACTIVITY_TYPES = ['survey', 'consultation', 'workshop', 'meeting', 'event', 'focus_group', 'interview_panel', 'grant_panel', 'inspection', 'individual_planning'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const LEVELS = ['individual', 'strategic'] as const;
export type Level = (typeof LEVELS)[number];

export const STAGES = ['design', 'deliver', 'review'] as const;
export type Stage = (typeof STAGES)[number];

export const AUDIENCES = ['children_young_people', 'parent_carers', 'both'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Age bands for children and young people (SEND duties run from 0 to 25). */
export const AGE_BANDS = ['0_4', '5_7', '8_11', '12_15', '16_18', '19_25'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const STATUSES = ['draft', 'open', 'closed', 'feedback_given'] as const;
export type ActivityStatus = (typeof STATUSES)[number];

export const VENUE_KINDS = ['in_person', 'online', 'hybrid', 'none'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

/** Venue features recorded so families can judge before they travel. */
export const VENUE_ACCESS = ['step_free', 'accessible_toilet', 'changing_places', 'hoist', 'quiet_room', 'parking', 'public_transport'] as const;
export type VenueAccess = (typeof VENUE_ACCESS)[number];

/** Reasonable adjustments an activity can offer, and a participant can ask for. */
export const ADJUSTMENTS = [
  'makaton_signer',
  'bsl_interpreter',
  'symbols',
  'easy_read',
  'interpreter',
  'breaks',
  'extra_time',
  'refreshments',
  'transport',
  'childcare_respite',
] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number];

/** Ground-rule templates; the words are in the catalogue (activities.options.groundRules.*). */
export const GROUND_RULES = ['confidentiality', 'respect', 'ok_not_to_answer', 'ok_to_leave'] as const;
export type GroundRule = (typeof GROUND_RULES)[number];

/** Types that happen at a time (and so get notice, school-hours and holiday checks and a calendar file). */
export const TIMED_TYPES: ReadonlySet<ActivityType> = new Set(['consultation', 'workshop', 'meeting', 'event', 'focus_group', 'interview_panel', 'grant_panel', 'inspection', 'individual_planning']);

export function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
