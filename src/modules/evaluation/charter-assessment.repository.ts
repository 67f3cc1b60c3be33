/**
 * SQL for the charter self-assessment (issue 13 §3): the yearly cycles with their copy of the
 * charter, organisations' ratings of themselves, forums' ratings, and reminders. Every function
 * takes the area's transaction and the area id. Each page section is one query, whatever the number
 * of organisations, forums or activities.
 */
import { sql } from 'kysely';
import type { AreaTx, CharterRating } from '../../db/database.ts';

export type Cycle = {
  id: string;
  year: number;
  deadlineOn: string;
  status: 'open' | 'closed';
  charterTitle: string;
  openedAt: Date;
  closedAt: Date | null;
};

const cycleColumns = ['id', 'year', 'deadline_on', 'status', 'charter_title', 'opened_at', 'closed_at'] as const;

function toCycle(row: { id: string; year: number; deadline_on: string; status: 'open' | 'closed'; charter_title: string; opened_at: Date; closed_at: Date | null }): Cycle {
  return { id: row.id, year: row.year, deadlineOn: row.deadline_on, status: row.status, charterTitle: row.charter_title, openedAt: row.opened_at, closedAt: row.closed_at };
}

export async function listCycles(tx: AreaTx, areaId: string): Promise<Cycle[]> {
  return (await tx.selectFrom('charter_assessment_cycle').select(cycleColumns).where('area_id', '=', areaId).orderBy('year', 'desc').execute()).map(toCycle);
}

export async function findCycleByYear(tx: AreaTx, areaId: string, year: number): Promise<Cycle | undefined> {
  const row = await tx.selectFrom('charter_assessment_cycle').select(cycleColumns).where('area_id', '=', areaId).where('year', '=', year).executeTakeFirst();
  return row && toCycle(row);
}

export async function findOpenCycle(tx: AreaTx, areaId: string): Promise<Cycle | undefined> {
  const row = await tx.selectFrom('charter_assessment_cycle').select(cycleColumns).where('area_id', '=', areaId).where('status', '=', 'open').executeTakeFirst();
  return row && toCycle(row);
}

/** The latest closed year (what the public page shows). */
export async function findLatestClosedCycle(tx: AreaTx, areaId: string): Promise<Cycle | undefined> {
  const row = await tx
    .selectFrom('charter_assessment_cycle')
    .select(cycleColumns)
    .where('area_id', '=', areaId)
    .where('status', '=', 'closed')
    .orderBy('year', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toCycle(row);
}

export type SnapshotPrinciple = { title: string; description: string; easyRead: string; symbol: string | null; statements: string[] };

/** Opens a year with its own copy of the charter's principles and commitments. */
export async function insertCycle(
  tx: AreaTx,
  areaId: string,
  values: { year: number; deadlineOn: string; charterTitle: string; openedBy: string; principles: SnapshotPrinciple[] },
): Promise<string> {
  const cycle = await tx
    .insertInto('charter_assessment_cycle')
    .values({ area_id: areaId, year: values.year, deadline_on: values.deadlineOn, charter_title: values.charterTitle, opened_by: values.openedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [index, p] of values.principles.entries()) {
    const principle = await tx
      .insertInto('charter_assessment_principle')
      .values({ area_id: areaId, cycle_id: cycle.id, position: index + 1, title: p.title, description: p.description, easy_read: p.easyRead, symbol: p.symbol })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (p.statements.length > 0) {
      await tx
        .insertInto('charter_assessment_statement')
        .values(p.statements.map((text, i) => ({ area_id: areaId, cycle_id: cycle.id, principle_id: principle.id, position: i + 1, text })))
        .execute();
    }
  }
  return cycle.id;
}

/** Closes an open year; false when it was not open (closed already, by someone else). */
export async function closeCycle(tx: AreaTx, areaId: string, cycleId: string, actorId: string, organisationIds: readonly string[]): Promise<boolean> {
  const result = await tx
    .updateTable('charter_assessment_cycle')
    .set({ status: 'closed', closed_at: new Date(), closed_by: actorId })
    .where('area_id', '=', areaId)
    .where('id', '=', cycleId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  // The year keeps the list of organisations it asked, finished or not.
  if (organisationIds.length > 0) {
    await tx
      .insertInto('charter_self_assessment')
      .values(organisationIds.map((id) => ({ area_id: areaId, cycle_id: cycleId, organisation_id: id })))
      .onConflict((oc) => oc.columns(['area_id', 'cycle_id', 'organisation_id']).doNothing())
      .execute();
  }
  return true;
}

/** Moves an open year's deadline; false when the year is not open. */
export async function updateDeadline(tx: AreaTx, areaId: string, cycleId: string, deadlineOn: string): Promise<boolean> {
  const result = await tx
    .updateTable('charter_assessment_cycle')
    .set({ deadline_on: deadlineOn })
    .where('area_id', '=', areaId)
    .where('id', '=', cycleId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Forgets reminders of stages that are ahead again (fewer days before than are now left), so they go again. */
export async function forgetRemindersAhead(tx: AreaTx, areaId: string, cycleId: string, daysLeft: number): Promise<void> {
  await tx.deleteFrom('charter_assessment_reminder').where('area_id', '=', areaId).where('cycle_id', '=', cycleId).where('days_before', '<', daysLeft).execute();
}

export type Statement = { id: string; position: number; text: string };
export type Principle = { id: string; position: number; title: string; description: string; easyRead: string; symbol: string | null; statements: Statement[] };

/** A year's principles with their commitments, in one query. */
export async function listPrinciples(tx: AreaTx, areaId: string, cycleId: string): Promise<Principle[]> {
  const rows = await tx
    .selectFrom('charter_assessment_principle as p')
    .leftJoin('charter_assessment_statement as s', (join) => join.onRef('s.principle_id', '=', 'p.id').onRef('s.area_id', '=', 'p.area_id'))
    .select(['p.id', 'p.position', 'p.title', 'p.description', 'p.easy_read', 'p.symbol', 's.id as statement_id', 's.position as statement_position', 's.text'])
    .where('p.area_id', '=', areaId)
    .where('p.cycle_id', '=', cycleId)
    .orderBy('p.position')
    .orderBy('s.position')
    .execute();
  const principles: Principle[] = [];
  for (const row of rows) {
    let principle = principles.at(-1);
    if (!principle || principle.id !== row.id) {
      principle = { id: row.id, position: row.position, title: row.title, description: row.description, easyRead: row.easy_read, symbol: row.symbol, statements: [] };
      principles.push(principle);
    }
    if (row.statement_id) principle.statements.push({ id: row.statement_id, position: row.statement_position!, text: row.text! });
  }
  return principles;
}

export type Rating = {
  statementId: string;
  rating: CharterRating;
  evidenceUrl: string;
  evidenceActivityId: string | null;
  evidenceNote: string;
  actionText: string;
  actionOwner: string;
  actionDueOn: string | null;
  updatedAt: Date;
};

/** One organisation's ratings in one year. */
export async function listRatings(tx: AreaTx, areaId: string, cycleId: string, organisationId: string): Promise<Rating[]> {
  const rows = await tx
    .selectFrom('charter_assessment_rating')
    .select(['statement_id', 'rating', 'evidence_url', 'evidence_activity_id', 'evidence_note', 'action_text', 'action_owner', 'action_due_on', 'updated_at'])
    .where('area_id', '=', areaId)
    .where('cycle_id', '=', cycleId)
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => ({
    statementId: r.statement_id,
    rating: r.rating,
    evidenceUrl: r.evidence_url,
    evidenceActivityId: r.evidence_activity_id,
    evidenceNote: r.evidence_note,
    actionText: r.action_text,
    actionOwner: r.action_owner,
    actionDueOn: r.action_due_on,
    updatedAt: r.updated_at,
  }));
}

export type RatingInput = Omit<Rating, 'updatedAt'>;

export async function upsertRatings(tx: AreaTx, areaId: string, cycleId: string, organisationId: string, actorId: string, ratings: readonly RatingInput[]): Promise<void> {
  await tx
    .insertInto('charter_self_assessment')
    .values({ area_id: areaId, cycle_id: cycleId, organisation_id: organisationId })
    .onConflict((oc) => oc.columns(['area_id', 'cycle_id', 'organisation_id']).doNothing())
    .execute();
  for (const r of ratings) {
    const values = {
      rating: r.rating,
      evidence_url: r.evidenceUrl,
      evidence_activity_id: r.evidenceActivityId,
      evidence_note: r.evidenceNote,
      action_text: r.actionText,
      action_owner: r.actionOwner,
      action_due_on: r.actionDueOn,
      updated_by: actorId,
      updated_at: new Date(),
    };
    await tx
      .insertInto('charter_assessment_rating')
      .values({ area_id: areaId, cycle_id: cycleId, organisation_id: organisationId, statement_id: r.statementId, ...values })
      .onConflict((oc) => oc.columns(['area_id', 'cycle_id', 'organisation_id', 'statement_id']).doUpdateSet(values))
      .execute();
  }
}

export type SelfAssessment = { finishedAt: Date | null };

export async function findSelfAssessment(tx: AreaTx, areaId: string, cycleId: string, organisationId: string): Promise<SelfAssessment | undefined> {
  const row = await tx
    .selectFrom('charter_self_assessment')
    .select('finished_at')
    .where('area_id', '=', areaId)
    .where('cycle_id', '=', cycleId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row && { finishedAt: row.finished_at };
}

/** Marks an organisation's year finished when every commitment has a rating; false otherwise. */
export async function markFinished(tx: AreaTx, areaId: string, cycleId: string, organisationId: string, actorId: string): Promise<boolean> {
  const result = await sql<{ id: string }>`
    update charter_self_assessment sa set finished_at = coalesce(sa.finished_at, now()), finished_by = coalesce(sa.finished_by, ${actorId}::uuid)
     where sa.area_id = ${areaId} and sa.cycle_id = ${cycleId} and sa.organisation_id = ${organisationId}
       and (select count(*) from charter_assessment_statement s where s.area_id = ${areaId} and s.cycle_id = ${cycleId})
         = (select count(*) from charter_assessment_rating r where r.area_id = ${areaId} and r.cycle_id = ${cycleId} and r.organisation_id = ${organisationId})
    returning sa.id`.execute(tx);
  return result.rows.length > 0;
}

export type OrganisationProgress = { organisationId: string; rated: number; listed: boolean; finishedAt: Date | null; lastRemindedAt: Date | null; reminded: number };

/** Every organisation's progress in one year, in one query: what it rated, whether it finished, its reminders. */
export async function listProgress(tx: AreaTx, areaId: string, cycleId: string): Promise<OrganisationProgress[]> {
  const result = await sql<{ organisation_id: string; rated: number | null; listed: boolean; finished_at: Date | null; last_reminded_at: Date | null; reminded: number | null }>`
    with r as (select organisation_id, count(*)::int as rated from charter_assessment_rating where area_id = ${areaId} and cycle_id = ${cycleId} group by organisation_id),
         s as (select organisation_id, finished_at from charter_self_assessment where area_id = ${areaId} and cycle_id = ${cycleId}),
         m as (select organisation_id, max(sent_at) as last_reminded_at, sum(recipients)::int as reminded from charter_assessment_reminder where area_id = ${areaId} and cycle_id = ${cycleId} group by organisation_id)
    select organisation_id, r.rated, s.organisation_id is not null as listed, s.finished_at, m.last_reminded_at, m.reminded
      from r full join s using (organisation_id) full join m using (organisation_id)`.execute(tx);
  return result.rows.map((row) => ({
    organisationId: row.organisation_id,
    rated: row.rated ?? 0,
    listed: row.listed,
    finishedAt: row.finished_at,
    lastRemindedAt: row.last_reminded_at,
    reminded: row.reminded ?? 0,
  }));
}

export type PrincipleCounts = { cycleId: string; principleId: string; organisationId: string; total: number; rated: number; met: number; notYet: number; actions: number };

/**
 * Each organisation's counts per principle (how many commitments it has, rated, met, not yet, and
 * how many actions), for one or more years, in one query.
 */
export async function principleCounts(tx: AreaTx, areaId: string, cycleIds: readonly string[]): Promise<PrincipleCounts[]> {
  if (cycleIds.length === 0) return [];
  const result = await sql<{ cycle_id: string; principle_id: string; organisation_id: string; total: number; rated: number; met: number; not_yet: number; actions: number }>`
    with n as (select principle_id, count(*)::int as total from charter_assessment_statement
                where area_id = ${areaId} and cycle_id = any(${cycleIds}::uuid[]) group by principle_id)
    select r.cycle_id, s.principle_id, r.organisation_id, n.total,
           count(*)::int as rated,
           (count(*) filter (where r.rating = 'met'))::int as met,
           (count(*) filter (where r.rating = 'not_yet'))::int as not_yet,
           (count(*) filter (where r.action_text <> ''))::int as actions
      from charter_assessment_rating r
      join charter_assessment_statement s on s.area_id = r.area_id and s.id = r.statement_id
      join n on n.principle_id = s.principle_id
     where r.area_id = ${areaId} and r.cycle_id = any(${cycleIds}::uuid[])
     group by r.cycle_id, s.principle_id, r.organisation_id, n.total`.execute(tx);
  return result.rows.map((r) => ({ cycleId: r.cycle_id, principleId: r.principle_id, organisationId: r.organisation_id, total: r.total, rated: r.rated, met: r.met, notYet: r.not_yet, actions: r.actions }));
}

export type ForumRating = { forumId: string; organisationId: string; principleId: string; rating: CharterRating; note: string; agreedOn: string };

/** A year's forum ratings (optionally of one organisation), in one query. */
export async function listForumRatings(tx: AreaTx, areaId: string, cycleId: string, organisationId?: string): Promise<ForumRating[]> {
  let query = tx
    .selectFrom('charter_forum_rating')
    .select(['forum_id', 'organisation_id', 'principle_id', 'rating', 'note', 'agreed_on'])
    .where('area_id', '=', areaId)
    .where('cycle_id', '=', cycleId);
  if (organisationId) query = query.where('organisation_id', '=', organisationId);
  const rows = await query.execute();
  return rows.map((r) => ({ forumId: r.forum_id, organisationId: r.organisation_id, principleId: r.principle_id, rating: r.rating, note: r.note, agreedOn: r.agreed_on }));
}

export async function upsertForumRatings(
  tx: AreaTx,
  areaId: string,
  cycleId: string,
  forumId: string,
  organisationId: string,
  actorId: string,
  agreedOn: string,
  ratings: ReadonlyArray<{ principleId: string; rating: CharterRating; note: string }>,
): Promise<void> {
  for (const r of ratings) {
    const values = { rating: r.rating, note: r.note, agreed_on: agreedOn, recorded_by: actorId, recorded_at: new Date() };
    await tx
      .insertInto('charter_forum_rating')
      .values({ area_id: areaId, cycle_id: cycleId, forum_id: forumId, organisation_id: organisationId, principle_id: r.principleId, ...values })
      .onConflict((oc) => oc.columns(['area_id', 'forum_id', 'organisation_id', 'principle_id']).doUpdateSet(values))
      .execute();
  }
}

/** Organisations of an open year that have finished. */
export async function finishedOrganisations(tx: AreaTx, areaId: string, cycleId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('charter_self_assessment')
    .select('organisation_id')
    .where('area_id', '=', areaId)
    .where('cycle_id', '=', cycleId)
    .where('finished_at', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}

/** Organisations already reminded at this stage or a later one (fewer days before). */
export async function remindedOrganisations(tx: AreaTx, areaId: string, cycleId: string, daysBefore: number): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('charter_assessment_reminder')
    .select('organisation_id')
    .where('area_id', '=', areaId)
    .where('cycle_id', '=', cycleId)
    .where('days_before', '<=', daysBefore)
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}

/**
 * Claims one reminder: true for the one run that inserted it (the unique key makes two runs at once
 * remind once).
 */
export async function claimReminder(tx: AreaTx, areaId: string, cycleId: string, organisationId: string, daysBefore: number, now: Date): Promise<string | undefined> {
  const row = await tx
    .insertInto('charter_assessment_reminder')
    .values({ area_id: areaId, cycle_id: cycleId, organisation_id: organisationId, days_before: daysBefore, sent_at: now })
    .onConflict((oc) => oc.columns(['area_id', 'cycle_id', 'organisation_id', 'days_before']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function setReminderRecipients(tx: AreaTx, areaId: string, reminderId: string, recipients: number): Promise<void> {
  await tx.updateTable('charter_assessment_reminder').set({ recipients }).where('area_id', '=', areaId).where('id', '=', reminderId).execute();
}
