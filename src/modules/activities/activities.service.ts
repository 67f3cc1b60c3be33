/**
 * Co-production activities: what other modules call (surveys, contributions, seed) to find and
 * check activities. Planning checks, sign-ups and term dates live beside this file.
 */
import { isId } from '../../lib/ids.ts';
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { translator, type Translate } from '../../lib/messages/messages.ts';
import { findPlanningSettingsIn, findSettings, listAreas } from '../areas/areas.service.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import { TIMED_TYPES, type ActivityStatus } from './activity-options.ts';
import * as repo from './activities.repository.ts';
import { DEFAULT_SETTINGS, describePlanningCheck, runPlanningChecks, type PlanningCheck, type PlanningContext } from './planning-checks.ts';
import * as terms from './term-dates.repository.ts';
import { londonParts as londonPartsOf } from './london-time.ts';
import { clockText, dayText, haveYourSayItems, type HaveYourSayItem } from './activity-view.ts';

export type { Activity, ActivityInput, ActivityFilter, StoredCheck } from './activities.repository.ts';
// What other modules and the seed use of the activity's fixed lists and England's clock (decision 0016).
export { ACTIVITY_TYPES, ADJUSTMENTS, AGE_BANDS, GROUND_RULES, VENUE_ACCESS } from './activity-options.ts';
export type { Adjustment, AgeBand } from './activity-options.ts';
export { londonParts, londonToUtc, parseClockTime } from './london-time.ts';
export { clockText, dayText } from './activity-view.ts';
// The builder's dates page reads its date boxes the same way as the activity form.
export { realDate } from './activities.forms.ts';
// The inspections module shows a visit's planning checks the way the activity page does.
export { describePlanningCheck, type PlanningCheck } from './planning-checks.ts';

type OptionalDetails = Omit<repo.ActivityInput, 'organisationId' | 'title' | 'purpose' | 'type' | 'level' | 'stage' | 'audience' | 'contactName' | 'contactEmail'>;

/** An activity's optional details as an empty form leaves them (fresh arrays each time). */
export function emptyActivityDetails(): OptionalDetails {
  return {
    easyReadPurpose: '',
    services: [],
    ageBands: [],
    startsAt: null,
    endsAt: null,
    venueKind: 'none',
    venueName: '',
    venueAddress: '',
    joiningInstructions: '',
    venueAccessRecorded: false,
    venueAccess: [],
    questionsShared: false,
    adjustmentsOffered: [],
    interpreterLanguages: '',
    groundRules: [],
    contactPhone: '',
    childrenMode: false,
  };
}

/** The services the area's activities are tagged with (a report can cover one service). */
export function listServiceNames(db: Db, areaId: string): Promise<string[]> {
  return withArea(db, areaId, (tx) => repo.listServiceNames(tx, areaId));
}

export async function findActivity(db: Db, areaId: string, activityId: string): Promise<repo.Activity | undefined> {
  if (!isId(activityId)) return undefined;
  return withArea(db, areaId, (tx) => repo.findActivity(tx, areaId, activityId));
}

/**
 * The activity, read inside the caller's transaction (for modules that already hold one, such as the
 * survey pages, which read the response, its questions and its activity together).
 */
export function findActivityIn(tx: AreaTx, areaId: string, activityId: string): Promise<repo.Activity | undefined> {
  return repo.findActivity(tx, areaId, activityId);
}

/** Activities' titles by id, read inside the caller's transaction (lists that name the activity). */
export function activityTitlesIn(tx: AreaTx, areaId: string, activityIds: readonly string[]): Promise<Map<string, string>> {
  return repo.findActivityTitles(tx, areaId, activityIds);
}

/** The activity, or NotFoundError (also for an id from another area: RLS hides it). */
export async function getActivity(db: Db, areaId: string, activityId: string): Promise<repo.Activity> {
  const activity = await findActivity(db, areaId, activityId);
  if (!activity) throw new NotFoundError('activity');
  return activity;
}

/** Whether this person may change the activity (leads: any; practitioners: their organisation's). */
export function canManageActivity(actor: Actor | null, activity: repo.Activity): boolean {
  return can(actor, 'activity.manage', { areaId: activity.areaId, organisationId: activity.organisationId });
}

/** The activity, if this person may manage it: ForbiddenError if not. */
export async function getManagedActivity(db: Db, actor: Actor | null, areaId: string, activityId: string): Promise<repo.Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (!canManageActivity(actor, activity)) throw new ForbiddenError('activity.manage');
  return activity;
}

export function listActivities(db: Db, areaId: string, filter: repo.ActivityFilter = {}): Promise<repo.Activity[]> {
  return withArea(db, areaId, (tx) => repo.listActivities(tx, areaId, filter));
}

export type { ReportActivity } from './activities.repository.ts';

/**
 * For report sections (issue 14): the activities in a report's scope, drafts left out, each saying
 * whether it was held in the period (see repo.reportActivities). One query.
 */
export function reportActivities(
  db: Db,
  areaId: string,
  options: { from: string; to: string; organisationId?: string; service?: string; heldOnly?: boolean },
): Promise<repo.ReportActivity[]> {
  return withArea(db, areaId, (tx) => repo.reportActivities(tx, areaId, options));
}

/** The same form sent twice (a double click, a resend) within this time makes one activity. */
const DUPLICATE_WINDOW_MS = 5 * 60_000;

function sameInput(activity: repo.Activity, input: repo.ActivityInput): boolean {
  const pick = (a: repo.ActivityInput) => JSON.stringify(Object.keys(input).sort().map((k) => [k, a[k as keyof repo.ActivityInput]]));
  return pick(activity) === pick(input);
}

/**
 * Creates an activity and stores its planning checks. When a person sends the very same form again
 * within a few minutes, the first activity is returned instead of a copy (a natural guard against
 * double submits: the activity table has no idempotency key).
 */
export async function createActivity(db: Db, areaId: string, actorId: string | null, input: repo.ActivityInput): Promise<repo.Activity> {
  return withArea(db, areaId, async (tx) => {
    if (actorId) {
      await repo.lockKey(tx, `activity.create:${areaId}:${actorId}`);
      const recent = await repo.findRecentActivityBy(tx, areaId, actorId, input.title, new Date(Date.now() - DUPLICATE_WINDOW_MS));
      if (recent && sameInput(recent, input)) return recent;
    }
    const activity = await repo.insertActivity(tx, areaId, actorId, input);
    await storePlanningChecks(tx, areaId, activity, new Date());
    await audit(tx, areaId, actorId, 'activity.created', { type: 'activity', id: activity.id });
    return activity;
  });
}

/**
 * Creates an activity inside the caller's transaction and stores its planning checks (the
 * inspections module plans a visit as its own activity, in the same transaction as the visit).
 */
export async function createActivityIn(tx: AreaTx, areaId: string, actorId: string | null, input: repo.ActivityInput): Promise<repo.Activity> {
  const activity = await repo.insertActivity(tx, areaId, actorId, input);
  await storePlanningChecks(tx, areaId, activity, new Date());
  await audit(tx, areaId, actorId, 'activity.created', { type: 'activity', id: activity.id });
  return activity;
}

export async function updateActivity(db: Db, areaId: string, actorId: string | null, id: string, version: number, input: repo.ActivityInput): Promise<repo.Activity> {
  return withArea(db, areaId, async (tx) => {
    const updated = await repo.updateActivity(tx, areaId, id, version, input);
    if (!updated) {
      if (!(await repo.findActivity(tx, areaId, id))) throw new NotFoundError('activity');
      throw new ConflictError('activity changed since it was read');
    }
    await storePlanningChecks(tx, areaId, updated, new Date());
    await audit(tx, areaId, actorId, 'activity.changed', { type: 'activity', id });
    return updated;
  });
}

export async function setActivityStatus(db: Db, areaId: string, actorId: string | null, id: string, status: repo.Activity['status']): Promise<repo.Activity> {
  return withArea(db, areaId, async (tx) => {
    const updated = await repo.setActivityStatus(tx, areaId, id, status);
    if (!updated) throw new NotFoundError('activity');
    if (status === 'open') await storePlanningChecks(tx, areaId, updated, new Date());
    await audit(tx, areaId, actorId, 'activity.status_changed', { type: 'activity', id, detail: { status } });
    return updated;
  });
}

/** Where an activity may go next: open → closed → feedback given; a closed one may open again. */
const NEXT_STATUSES: Record<ActivityStatus, readonly ActivityStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'feedback_given'],
  feedback_given: [],
};

export function nextStatuses(status: ActivityStatus): readonly ActivityStatus[] {
  return NEXT_STATUSES[status];
}

/**
 * Moves an activity on (open, close, feedback given) for someone who may manage it. Asking for the
 * status it already has changes nothing (a double click); a move that is not allowed from here
 * (someone else closed it meanwhile) is a ConflictError.
 */
export async function changeActivityStatus(db: Db, actor: Actor, areaId: string, id: string, to: ActivityStatus): Promise<{ activity: repo.Activity; changed: boolean }> {
  return withArea(db, areaId, async (tx) => {
    const activity = await repo.findActivity(tx, areaId, id);
    if (!activity) throw new NotFoundError('activity');
    if (!canManageActivity(actor, activity)) throw new ForbiddenError('activity.manage');
    if (activity.status === to) return { activity, changed: false };
    if (!NEXT_STATUSES[activity.status].includes(to)) throw new ConflictError(`activity is ${activity.status}`);
    const updated = (await repo.setActivityStatus(tx, areaId, id, to))!;
    if (to === 'open') await storePlanningChecks(tx, areaId, updated, new Date());
    await audit(tx, areaId, actor.accountId, 'activity.status_changed', { type: 'activity', id, detail: { status: to } });
    return { activity: updated, changed: true };
  });
}

// ── Planning checks ─────────────────────────────────────────────────────────────────────────────

async function planningContext(tx: AreaTx, areaId: string, now: Date): Promise<PlanningContext> {
  const settings = (await findPlanningSettingsIn(tx, areaId)) ?? DEFAULT_SETTINGS;
  const termDates = await terms.listTermDates(tx, areaId);
  return { settings, termDates, now };
}

/**
 * Runs every check and stores each result with its detail in plain English (the stored record is
 * for reports; pages describe the checks again in the reader's language).
 */
async function storePlanningChecks(tx: AreaTx, areaId: string, activity: repo.Activity, now: Date): Promise<PlanningCheck[]> {
  const checks = runPlanningChecks(activity, await planningContext(tx, areaId, now));
  const en = translator('en');
  await repo.savePlanningChecks(tx, areaId, activity.id, checks.map((c) => ({ key: c.key, result: c.result, detail: describePlanningCheck(c, en, 'en').detail })));
  return checks;
}

/** The checks as they stand now (the dates of a term or the notice left may have changed since saving). */
export function planningChecks(db: Db, areaId: string, activity: repo.Activity, now: Date = new Date()): Promise<PlanningCheck[]> {
  return withArea(db, areaId, async (tx) => runPlanningChecks(activity, await planningContext(tx, areaId, now)));
}

export type { AdjustmentRequestCounts } from './activities.repository.ts';

/** What the Lundy checklist (evaluation) reads about an activity's space: the activity, its planning checks now, and its adjustment requests. */
export type SpaceEvidence = { activity: repo.Activity; checks: PlanningCheck[]; requests: repo.AdjustmentRequestCounts; minNoticeDays: number };

/**
 * For the Lundy checklist: each activity with its planning checks as they stand now and its
 * adjustment requests by status. A fixed number of queries (activities, settings, terms, requests)
 * however many activities are asked for.
 */
export function spaceEvidenceFor(db: Db, areaId: string, activityIds: readonly string[], now: Date = new Date()): Promise<Map<string, SpaceEvidence>> {
  return withArea(db, areaId, async (tx) => {
    const ids = activityIds.filter(isId);
    const activities = await repo.findActivitiesByIds(tx, areaId, ids);
    if (activities.length === 0) return new Map();
    const context = await planningContext(tx, areaId, now);
    const requests = await repo.adjustmentRequestCounts(tx, areaId, ids);
    const none = { open: 0, arranged: 0, notPossible: 0 };
    return new Map(activities.map((a) => [a.id, { activity: a, checks: runPlanningChecks(a, context), requests: requests.get(a.id) ?? none, minNoticeDays: context.settings.minNoticeDays }]));
  });
}

/** The results stored when the activity was last created, edited or opened. */
export function storedPlanningChecks(db: Db, areaId: string, activityId: string): Promise<repo.StoredCheck[]> {
  return withArea(db, areaId, (tx) => repo.listPlanningChecks(tx, areaId, activityId));
}

// ── What people can take part in ────────────────────────────────────────────────────────────────

export function isTimed(activity: Pick<repo.Activity, 'type'>): boolean {
  return TIMED_TYPES.has(activity.type);
}

/** A timed activity that has not finished yet (one with no date yet counts as upcoming). */
export function isUpcoming(activity: repo.Activity, now: Date = new Date()): boolean {
  const end = activity.endsAt ?? activity.startsAt;
  return !end || end.getTime() >= now.getTime();
}

export type TakePart = { surveys: repo.Activity[]; sessions: repo.Activity[] };

/** "Have your say": open surveys, and open timed activities that have not happened yet, soonest first. */
export async function listTakePart(db: Db, areaId: string, now: Date = new Date()): Promise<TakePart> {
  const open = await listActivities(db, areaId, { statuses: ['open'] });
  return {
    surveys: open.filter((a) => a.type === 'survey' && isAcceptingResponses(a, now)),
    sessions: open.filter((a) => isTimed(a) && isUpcoming(a, now)),
  };
}

/**
 * What the area home shows under "Have your say", in the reader's language: each open survey and
 * upcoming activity with who it is for, when, and how to join.
 */
export async function haveYourSay(
  db: Db,
  area: { id: string; slug: string },
  t: Translate,
  lang: string,
  now: Date = new Date(),
): Promise<{ surveys: HaveYourSayItem[]; sessions: HaveYourSayItem[] }> {
  return haveYourSayItems(await listTakePart(db, area.id, now), area.slug, t, lang);
}

/** An open timed activity for the public page, or NotFoundError (drafts and closed ones are not public). */
export async function getPublicActivity(db: Db, areaId: string, activityId: string): Promise<repo.Activity> {
  const activity = await findActivity(db, areaId, activityId);
  if (!activity || activity.status !== 'open' || !isTimed(activity)) throw new NotFoundError('activity');
  return activity;
}

export type { AdjustmentRequestInput } from './activities.repository.ts';

/**
 * A participant's request for what they need to take part (at sign-up, or when answering a survey).
 * What they wrote is screened for a possible disclosure of harm like every other free text; the
 * minute job sends the alert.
 */
export function requestAdjustment(db: Db, areaId: string, input: repo.AdjustmentRequestInput): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const id = await repo.insertAdjustmentRequest(tx, areaId, input);
    if (input.details) await screenText(tx, areaId, { channel: 'adjustment_request', sourceKey: `adjustment:${id}`, text: input.details, activityId: input.activityId, responseId: input.responseId ?? null });
    return id;
  });
}

// ── Survey dates: opening, closing by itself, the owner's reminder, feedback due ──────────────────

/**
 * Whether people can answer the survey now: it is open, its opening moment has come and its closing
 * moment has not. The dates are checked here as well as by the minute job, so a survey closes on the
 * dot, not up to a minute late; the job then records the close as a lead closing it by hand would.
 */
export function isAcceptingResponses(activity: Pick<repo.Activity, 'status' | 'startsAt' | 'endsAt' | 'type'>, now: Date = new Date()): boolean {
  if (activity.status !== 'open') return false;
  if (activity.type !== 'survey') return true;
  if (activity.startsAt && activity.startsAt.getTime() > now.getTime()) return false;
  return !activity.endsAt || activity.endsAt.getTime() > now.getTime();
}

/** An open survey whose opening date has not come yet: people cannot see it until then. */
export function opensLater(activity: Pick<repo.Activity, 'status' | 'startsAt' | 'type'>, now: Date = new Date()): boolean {
  return activity.type === 'survey' && activity.status === 'open' && !!activity.startsAt && activity.startsAt.getTime() > now.getTime();
}

/**
 * "This survey closes on Friday 12 December 2026" (with "at 5pm" unless it closes at the end of the
 * day), in London time and the reader's language; '' when the survey has no closing date.
 */
export function closingText(activity: Pick<repo.Activity, 'type' | 'endsAt'>, lang: string, t: Translate): string {
  if (activity.type !== 'survey' || !activity.endsAt) return '';
  const day = dayText(activity.endsAt, lang);
  const endOfDay = londonPartsOf(activity.endsAt).time === '23:59';
  return endOfDay ? t('activities.survey.closesOn', { day }) : t('activities.survey.closesOnAt', { day, time: clockText(activity.endsAt, lang, t) });
}

/** Sets when a survey opens and closes (the builder's dates page); ConflictError when someone saved first. */
export async function setSurveyDates(db: Db, actor: Actor, areaId: string, id: string, version: number, opensAt: Date, closesAt: Date): Promise<repo.Activity> {
  return withArea(db, areaId, async (tx) => {
    const activity = await repo.findActivity(tx, areaId, id);
    if (!activity) throw new NotFoundError('activity');
    if (!canManageActivity(actor, activity)) throw new ForbiddenError('activity.manage');
    const updated = await repo.setSurveyDates(tx, areaId, id, version, opensAt, closesAt);
    if (!updated) throw new ConflictError('activity changed since it was read');
    await audit(tx, areaId, actor.accountId, 'activity.changed', { type: 'activity', id, detail: { dates: true } });
    return updated;
  });
}

/**
 * When a survey closes (or closed): its closing date, unless a lead closed it earlier by hand (or
 * it has no closing date), then the moment they did.
 */
export function closingMoment(activity: Pick<repo.Activity, 'status' | 'endsAt' | 'closedAt'>): Date | null {
  const closedEarly = activity.closedAt && (activity.status === 'closed' || activity.status === 'feedback_given') && (!activity.endsAt || activity.closedAt.getTime() < activity.endsAt.getTime());
  return closedEarly ? activity.closedAt : activity.endsAt;
}

/** How long before a survey closes its owner is reminded. */
export const CLOSING_REMINDER_MS = 3 * 86_400_000;

/**
 * When feedback is due: the area's deadline (feedback within N weeks) after the survey closed, or,
 * while it is open, after its closing date. Undefined when neither is known yet.
 */
export function feedbackDue(activity: Pick<repo.Activity, 'closedAt' | 'endsAt' | 'type' | 'status'>, feedbackWeeks: number): Date | undefined {
  const from = activity.closedAt ?? (activity.type === 'survey' ? activity.endsAt : null);
  if (!from) return undefined;
  return new Date(from.getTime() + feedbackWeeks * 7 * 86_400_000);
}

/** The area's feedback deadline in weeks (12 unless the area set its own). */
export async function feedbackWeeksOf(db: Db, areaId: string): Promise<number> {
  return (await findSettings(db, areaId))?.feedbackWeeks ?? 12;
}

export type SurveyDatesSummary = { closed: number; reminded: number };

/**
 * The minute job: closes every open survey whose closing moment has passed (the same change and
 * audit record as a lead pressing "Close", with the reason), and queues the owner's one reminder
 * for each survey closing within three days. The reminder is claimed and queued in one
 * transaction, so it goes once however many times or instances run this.
 */
export async function runSurveyDates(db: Db, options: { now: Date; baseUrl: string }): Promise<SurveyDatesSummary> {
  const summary: SurveyDatesSummary = { closed: 0, reminded: 0 };
  const base = options.baseUrl.replace(/\/+$/, '');
  const en = translator('en');
  for (const area of await listAreas(db)) {
    await withArea(db, area.id, async (tx) => {
      for (const survey of await repo.listSurveysPastClosing(tx, area.id, options.now)) {
        await repo.setActivityStatus(tx, area.id, survey.id, 'closed');
        await audit(tx, area.id, null, 'activity.status_changed', { type: 'activity', id: survey.id, detail: { status: 'closed', reason: 'closing_date' } });
        summary.closed += 1;
      }
      const due = await repo.claimClosingReminders(tx, area.id, options.now, new Date(options.now.getTime() + CLOSING_REMINDER_MS));
      for (const survey of due) {
        if (!survey.ownerEmail) continue;
        const closes = survey.endsAt!;
        const when = `${dayText(closes, 'en')} at ${clockText(closes, 'en', en)}`;
        await queueMessage(tx, area.id, {
          purpose: 'survey_closing',
          channel: 'email',
          recipient: survey.ownerEmail,
          subject: en('activities.reminder.subject', { title: survey.title, when }),
          body: en('activities.reminder.body', { name: survey.ownerName, title: survey.title, when, url: `${base}/a/${area.slug}/activities/${survey.id}` }),
        });
        summary.reminded += 1;
      }
    });
  }
  return summary;
}
