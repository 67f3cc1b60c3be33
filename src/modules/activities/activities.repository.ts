/**
 * SQL for activities. Every function takes the area id and runs inside withArea.
 */
import { sql, type Selectable } from 'kysely';
import type { ActivityTable, AreaTx } from '../../db/database.ts';
import type { ActivityStatus, ActivityType, Adjustment, AgeBand, Audience, GroundRule, Level, Stage, VenueAccess, VenueKind } from './activity-options.ts';

export type Activity = {
  id: string;
  areaId: string;
  organisationId: string | null;
  title: string;
  purpose: string;
  easyReadPurpose: string;
  type: ActivityType;
  level: Level;
  stage: Stage;
  services: string[];
  audience: Audience;
  ageBands: AgeBand[];
  startsAt: Date | null;
  endsAt: Date | null;
  venueKind: VenueKind;
  venueName: string;
  venueAddress: string;
  joiningInstructions: string;
  venueAccessRecorded: boolean;
  venueAccess: VenueAccess[];
  questionsShared: boolean;
  adjustmentsOffered: Adjustment[];
  interpreterLanguages: string;
  groundRules: GroundRule[];
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  status: ActivityStatus;
  childrenMode: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  /** When the owner was reminded that the survey closes soon (once per closing date). */
  closingReminderSentAt: Date | null;
  /**
   * The level planned on the area's ladder (issue 13): the rung's reference and its name when
   * planned, and the common level it maps to (the evaluation module's). Null when not planned yet.
   */
  plannedRung: string | null;
  plannedRungName: string;
  plannedLevel: string | null;
  /** Who will decide what happens with people's views: one of the area's boards, or a named role. */
  decidedByBoardId: string | null;
  decidedByRole: string;
};

/** The planning fields the activity form sets; other callers (the seed, tests, surveys) may leave them out. */
export type PlannedLevelFields = Pick<Activity, 'plannedRung' | 'plannedRungName' | 'plannedLevel' | 'decidedByBoardId' | 'decidedByRole'>;

/** What a person fills in to describe an activity (everything but status and bookkeeping). */
export type ActivityInput = Omit<Activity, 'id' | 'areaId' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'openedAt' | 'closedAt' | 'closingReminderSentAt' | keyof PlannedLevelFields> &
  Partial<PlannedLevelFields>;

export function toActivity(row: Selectable<ActivityTable>): Activity {
  return {
    id: row.id,
    areaId: row.area_id,
    organisationId: row.organisation_id,
    title: row.title,
    purpose: row.purpose,
    easyReadPurpose: row.easy_read_purpose,
    type: row.type as ActivityType,
    level: row.level as Level,
    stage: row.stage as Stage,
    services: row.services,
    audience: row.audience as Audience,
    ageBands: row.age_bands as AgeBand[],
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    venueKind: row.venue_kind as VenueKind,
    venueName: row.venue_name,
    venueAddress: row.venue_address,
    joiningInstructions: row.joining_instructions,
    venueAccessRecorded: row.venue_access_recorded,
    venueAccess: row.venue_access as VenueAccess[],
    questionsShared: row.questions_shared,
    adjustmentsOffered: row.adjustments_offered as Adjustment[],
    interpreterLanguages: row.interpreter_languages,
    groundRules: row.ground_rules as GroundRule[],
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    status: row.status as ActivityStatus,
    childrenMode: row.children_mode,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    closingReminderSentAt: row.closing_reminder_sent_at,
    plannedRung: row.planned_rung,
    plannedRungName: row.planned_rung_name,
    plannedLevel: row.planned_level,
    decidedByBoardId: row.decided_by_board_id,
    decidedByRole: row.decided_by_role,
  };
}

function columns(input: ActivityInput) {
  return {
    organisation_id: input.organisationId,
    title: input.title,
    purpose: input.purpose,
    easy_read_purpose: input.easyReadPurpose,
    type: input.type,
    level: input.level,
    stage: input.stage,
    services: input.services,
    audience: input.audience,
    age_bands: input.ageBands,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    venue_kind: input.venueKind,
    venue_name: input.venueName,
    venue_address: input.venueAddress,
    joining_instructions: input.joiningInstructions,
    venue_access_recorded: input.venueAccessRecorded,
    venue_access: input.venueAccess,
    questions_shared: input.questionsShared,
    adjustments_offered: input.adjustmentsOffered,
    interpreter_languages: input.interpreterLanguages,
    ground_rules: input.groundRules,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    children_mode: input.childrenMode,
    // Left out, they stay as they are (callers that do not plan levels do not clear them).
    ...(input.plannedLevel !== undefined ? { planned_rung: input.plannedRung ?? null, planned_rung_name: input.plannedRungName ?? '', planned_level: input.plannedLevel } : {}),
    ...(input.decidedByBoardId !== undefined ? { decided_by_board_id: input.decidedByBoardId } : {}),
    ...(input.decidedByRole !== undefined ? { decided_by_role: input.decidedByRole } : {}),
  };
}

export async function insertActivity(tx: AreaTx, areaId: string, createdBy: string | null, input: ActivityInput): Promise<Activity> {
  const row = await tx
    .insertInto('activity')
    .values({ area_id: areaId, created_by: createdBy, ...columns(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toActivity(row);
}

/** Saves changes if nobody else saved since `version` was read; undefined when someone did. */
export async function updateActivity(tx: AreaTx, areaId: string, id: string, version: number, input: ActivityInput): Promise<Activity | undefined> {
  const row = await tx
    .updateTable('activity')
    .set({ ...columns(input), version: version + 1, updated_at: new Date() })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row && toActivity(row);
}

export async function setActivityStatus(tx: AreaTx, areaId: string, id: string, status: ActivityStatus): Promise<Activity | undefined> {
  const now = new Date();
  const row = await tx
    .updateTable('activity')
    .set({
      status,
      updated_at: now,
      version: (eb) => eb('version', '+', 1),
      ...(status === 'open' ? { opened_at: now } : {}),
      ...(status === 'closed' ? { closed_at: now } : {}),
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toActivity(row);
}

export async function findActivity(tx: AreaTx, areaId: string, id: string): Promise<Activity | undefined> {
  const row = await tx.selectFrom('activity').selectAll().where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return row && toActivity(row);
}

/** Titles by activity id. */
export async function findActivityTitles(tx: AreaTx, areaId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('activity').select(['id', 'title']).where('area_id', '=', areaId).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export type ActivityFilter = { statuses?: ActivityStatus[]; organisationId?: string };

export async function listActivities(tx: AreaTx, areaId: string, filter: ActivityFilter = {}): Promise<Activity[]> {
  let query = tx.selectFrom('activity').selectAll().where('area_id', '=', areaId);
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  const rows = await query.orderBy('starts_at', (ob) => ob.asc().nullsLast()).orderBy('created_at', 'desc').execute();
  return rows.map(toActivity);
}

/** An activity as a report section sees it (issue 14): enough to count, scope and name it. */
export type ReportActivity = { id: string; title: string; organisationId: string | null; audience: Audience; plannedLevel: string | null; held: boolean };

/**
 * For report sections (issue 14): the area's activities in a report's scope (one organisation's, or
 * those whose services include one), drafts left out, each saying whether it was held in the period:
 * `coalesce(starts_at, opened_at, created_at)` on a London date from `from` to `to`, both included.
 * `heldOnly`: only those held in the period. One query.
 */
export async function reportActivities(
  tx: AreaTx,
  areaId: string,
  options: { from: string; to: string; organisationId?: string; service?: string; heldOnly?: boolean },
): Promise<ReportActivity[]> {
  const held = sql<boolean>`((coalesce(starts_at, opened_at, created_at) AT TIME ZONE 'Europe/London')::date BETWEEN ${options.from}::date AND ${options.to}::date)`;
  let query = tx
    .selectFrom('activity')
    .select(['id', 'title', 'organisation_id', 'audience', 'planned_level', held.as('held')])
    .where('area_id', '=', areaId)
    .where('status', '<>', 'draft');
  if (options.organisationId) query = query.where('organisation_id', '=', options.organisationId);
  if (options.service) query = query.where(sql<boolean>`${options.service} = ANY(services)`);
  if (options.heldOnly) query = query.where(held);
  const rows = await query.orderBy(sql`coalesce(starts_at, opened_at, created_at)`).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, title: r.title, organisationId: r.organisation_id, audience: r.audience as Audience, plannedLevel: r.planned_level, held: Boolean(r.held) }));
}

/** These activities of the area (any order; ids not in the area are left out). One query. */
/** Every service the area's activities are tagged with, once each, in alphabetical order (one query). */
export async function listServiceNames(tx: AreaTx, areaId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom(sql<{ service: string }>`(select distinct unnest(services) as service from activity where area_id = ${areaId})`.as('s'))
    .select('s.service')
    .orderBy('s.service')
    .limit(500)
    .execute();
  return rows.map((r) => r.service);
}

export async function findActivitiesByIds(tx: AreaTx, areaId: string, ids: readonly string[]): Promise<Activity[]> {
  if (ids.length === 0) return [];
  const rows = await tx.selectFrom('activity').selectAll().where('area_id', '=', areaId).where('id', 'in', [...new Set(ids)]).execute();
  return rows.map(toActivity);
}

export type AdjustmentRequestCounts = { open: number; arranged: number; notPossible: number };

/** Adjustment requests of these activities by status, in one query. */
export async function adjustmentRequestCounts(tx: AreaTx, areaId: string, activityIds: readonly string[]): Promise<Map<string, AdjustmentRequestCounts>> {
  if (activityIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('adjustment_request')
    .select([
      'activity_id',
      sql<string>`count(*) FILTER (WHERE status = 'new')`.as('open'),
      sql<string>`count(*) FILTER (WHERE status = 'arranged')`.as('arranged'),
      sql<string>`count(*) FILTER (WHERE status = 'not_possible')`.as('not_possible'),
    ])
    .where('area_id', '=', areaId)
    .where('activity_id', 'in', [...new Set(activityIds)])
    .groupBy('activity_id')
    .execute();
  return new Map(rows.map((r) => [r.activity_id, { open: Number(r.open), arranged: Number(r.arranged), notPossible: Number(r.not_possible) }]));
}

export type AdjustmentRequestInput = { activityId: string; signupId?: string | null; responseId?: string | null; adjustments: Adjustment[]; details: string; contact: string };

export async function insertAdjustmentRequest(tx: AreaTx, areaId: string, input: AdjustmentRequestInput): Promise<string> {
  const row = await tx
    .insertInto('adjustment_request')
    .values({
      area_id: areaId,
      activity_id: input.activityId,
      signup_id: input.signupId ?? null,
      response_id: input.responseId ?? null,
      adjustments: input.adjustments,
      details: input.details,
      contact: input.contact,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// ── Planning: the stored results of each check (the area's settings are the areas module's) ────

export type StoredCheck = { key: string; result: 'ok' | 'warning' | 'not_applicable'; detail: string; checkedAt: Date };

/** Replaces the activity's stored check results with this round's (one row per check). */
export async function savePlanningChecks(tx: AreaTx, areaId: string, activityId: string, checks: ReadonlyArray<{ key: string; result: StoredCheck['result']; detail: string }>): Promise<void> {
  await tx.deleteFrom('planning_check').where('area_id', '=', areaId).where('activity_id', '=', activityId).execute();
  if (checks.length === 0) return;
  const now = new Date();
  await tx
    .insertInto('planning_check')
    .values(checks.map((c) => ({ area_id: areaId, activity_id: activityId, check_key: c.key, result: c.result, detail: c.detail, checked_at: now })))
    .execute();
}

export async function listPlanningChecks(tx: AreaTx, areaId: string, activityId: string): Promise<StoredCheck[]> {
  const rows = await tx
    .selectFrom('planning_check')
    .select(['check_key', 'result', 'detail', 'checked_at'])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .execute();
  return rows.map((r) => ({ key: r.check_key, result: r.result, detail: r.detail, checkedAt: r.checked_at }));
}

/**
 * The activity this person created with this title in the last few minutes, if any: a second press
 * of "Save" (or a resent form) finds it instead of making a copy.
 */
export async function findRecentActivityBy(tx: AreaTx, areaId: string, createdBy: string, title: string, since: Date): Promise<Activity | undefined> {
  const row = await tx
    .selectFrom('activity')
    .selectAll()
    .where('area_id', '=', areaId)
    .where('created_by', '=', createdBy)
    .where('title', '=', title)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row && toActivity(row);
}

/** Serialises transactions that use the same key until they end (for guards against double submits). */
export async function lockKey(tx: AreaTx, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
}

// ── Survey dates ──────────────────────────────────────────────────────────────────────────────

/**
 * Sets when a survey opens and closes (its starts_at and ends_at). A new closing date clears the
 * reminder, so the owner hears about the new date too. Undefined when someone saved first.
 */
export async function setSurveyDates(tx: AreaTx, areaId: string, id: string, version: number, opensAt: Date, closesAt: Date): Promise<Activity | undefined> {
  const row = await tx
    .updateTable('activity')
    .set((eb) => ({
      starts_at: opensAt,
      ends_at: closesAt,
      closing_reminder_sent_at: eb.case().when('ends_at', 'is distinct from', closesAt).then(sql<Date | null>`null`).else(eb.ref('closing_reminder_sent_at')).end(),
      version: version + 1,
      updated_at: new Date(),
    }))
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row && toActivity(row);
}

/** Open surveys whose closing moment has come. */
export async function listSurveysPastClosing(tx: AreaTx, areaId: string, now: Date): Promise<Activity[]> {
  const rows = await tx.selectFrom('activity').selectAll().where('area_id', '=', areaId).where('type', '=', 'survey').where('status', '=', 'open').where('ends_at', '<=', now).execute();
  return rows.map(toActivity);
}

/**
 * Marks open surveys closing between now and `until` as reminded, and returns them with the owner's
 * address: the account that created it (if still active), else the activity's contact email. One
 * UPDATE … WHERE closing_reminder_sent_at IS NULL, so two runs at once remind once.
 */
export async function claimClosingReminders(tx: AreaTx, areaId: string, now: Date, until: Date): Promise<Array<Activity & { ownerEmail: string; ownerName: string }>> {
  const rows = await tx
    .updateTable('activity')
    .set({ closing_reminder_sent_at: now })
    .where('area_id', '=', areaId)
    .where('type', '=', 'survey')
    .where('status', '=', 'open')
    .where('closing_reminder_sent_at', 'is', null)
    .where('ends_at', '>', now)
    .where('ends_at', '<=', until)
    .returningAll()
    .execute();
  if (rows.length === 0) return [];
  const creators = rows.map((r) => r.created_by).filter((id): id is string => id !== null);
  const accounts = creators.length
    ? await tx.selectFrom('account').select(['id', 'email', 'display_name']).where('id', 'in', creators).where('disabled_at', 'is', null).execute()
    : [];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return rows.map((r) => {
    const owner = r.created_by ? byId.get(r.created_by) : undefined;
    return { ...toActivity(r), ownerEmail: owner?.email ?? r.contact_email, ownerName: owner?.display_name ?? r.contact_name };
  });
}
