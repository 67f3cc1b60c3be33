/**
 * SQL of "what taking part did" (issue 13 §4): the area's impact settings, staff's answers to
 * questions (1) and (2), and the participant impact checks. Every function takes the area's
 * transaction; each list is one query however many activities or people there are.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { CheckVersion, ImpactItemId } from './data/impact-questions.ts';

export type ImpactSettings = {
  linkKey: string;
  questionWording: Record<string, string>;
  againAfterMonths: number;
  againAfterActivities: number | null;
  updatedAt: Date | null;
};

export async function findSettings(tx: AreaTx, areaId: string): Promise<ImpactSettings | undefined> {
  const row = await tx.selectFrom('impact_setting').selectAll().where('area_id', '=', areaId).executeTakeFirst();
  return (
    row && {
      linkKey: row.link_key,
      questionWording: row.question_wording ?? {},
      againAfterMonths: row.again_after_months,
      againAfterActivities: row.again_after_activities,
      updatedAt: row.updated_at,
    }
  );
}

/** The area's settings row, made with a new linking key the first time (a second maker's key loses: ON CONFLICT). */
export async function ensureSettings(tx: AreaTx, areaId: string, newKey: string): Promise<ImpactSettings> {
  await tx.insertInto('impact_setting').values({ area_id: areaId, link_key: newKey }).onConflict((oc) => oc.column('area_id').doNothing()).execute();
  return (await findSettings(tx, areaId))!;
}

export async function updateSettings(
  tx: AreaTx,
  areaId: string,
  actorId: string | null,
  input: { questionWording: Record<string, string>; againAfterMonths: number; againAfterActivities: number | null },
): Promise<void> {
  await tx
    .updateTable('impact_setting')
    .set({
      question_wording: JSON.stringify(input.questionWording),
      again_after_months: input.againAfterMonths,
      again_after_activities: input.againAfterActivities,
      updated_by: actorId,
      updated_at: new Date(),
    })
    .where('area_id', '=', areaId)
    .execute();
}

// ── (1) and (2): what we did differently, and what difference it made ─────────────────────────

export type ImpactChange = {
  activityId: string;
  /** null: the answer for the activity as a whole. */
  themeResponseId: string | null;
  didDifferently: string;
  differentlyEvidence: string;
  impactOnUsers: string;
  impactEvidence: string;
  recordedBy: string | null;
  recordedAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
};

type ChangeRow = {
  activity_id: string;
  theme_response_id: string | null;
  did_differently: string;
  differently_evidence: string;
  impact_on_users: string;
  impact_evidence: string;
  recorded_by: string | null;
  recorded_at: Date;
  updated_by: string | null;
  updated_at: Date;
};

const CHANGE_COLUMNS = [
  'activity_id',
  'theme_response_id',
  'did_differently',
  'differently_evidence',
  'impact_on_users',
  'impact_evidence',
  'recorded_by',
  'recorded_at',
  'updated_by',
  'updated_at',
] as const;

function toChange(r: ChangeRow): ImpactChange {
  return {
    activityId: r.activity_id,
    themeResponseId: r.theme_response_id,
    didDifferently: r.did_differently,
    differentlyEvidence: r.differently_evidence,
    impactOnUsers: r.impact_on_users,
    impactEvidence: r.impact_evidence,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

export async function listChangesForActivity(tx: AreaTx, areaId: string, activityId: string): Promise<ImpactChange[]> {
  const rows = await tx.selectFrom('impact_change').select(CHANGE_COLUMNS).where('area_id', '=', areaId).where('activity_id', '=', activityId).execute();
  return rows.map(toChange);
}

/** Every answer in the area, newest first (the area's evaluation page). */
export async function listChanges(tx: AreaTx, areaId: string, limit: number): Promise<ImpactChange[]> {
  const rows = await tx
    .selectFrom('impact_change')
    .select(CHANGE_COLUMNS)
    .where('area_id', '=', areaId)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toChange);
}

export type ChangeInput = { didDifferently: string; differentlyEvidence: string; impactOnUsers: string; impactEvidence: string };

/** Saves one answer (insert, or update keeping who first recorded it); says whether it was new. */
export async function saveChange(tx: AreaTx, areaId: string, actorId: string | null, activityId: string, themeResponseId: string | null, input: ChangeInput): Promise<{ created: boolean }> {
  const values = {
    did_differently: input.didDifferently,
    differently_evidence: input.differentlyEvidence,
    impact_on_users: input.impactOnUsers,
    impact_evidence: input.impactEvidence,
    updated_by: actorId,
    updated_at: new Date(),
  };
  let update = tx.updateTable('impact_change').set(values).where('area_id', '=', areaId).where('activity_id', '=', activityId);
  update = themeResponseId ? update.where('theme_response_id', '=', themeResponseId) : update.where('theme_response_id', 'is', null);
  const updated = await update.executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return { created: false };
  await tx
    .insertInto('impact_change')
    .values({ area_id: areaId, activity_id: activityId, theme_response_id: themeResponseId, recorded_by: actorId, recorded_at: values.updated_at, ...values })
    .execute();
  return { created: true };
}

/** How many activities have an answer, and how many published responses (one query). */
export async function countChanges(tx: AreaTx, areaId: string): Promise<{ activities: number; responses: number }> {
  const row = await tx
    .selectFrom('impact_change')
    .select([sql<string>`count(DISTINCT activity_id)`.as('activities'), sql<string>`count(theme_response_id)`.as('responses')])
    .where('area_id', '=', areaId)
    .executeTakeFirst();
  return { activities: Number(row?.activities ?? 0), responses: Number(row?.responses ?? 0) };
}

// ── (3) the participant impact check ─────────────────────────────────────────────────────────

export type Participant = { id: string; version: CheckVersion; lastRound: number; lastAnsweredAt: Date | null };

/** The participants with this link (one per version at most), with their latest check: one query. */
export async function findParticipants(tx: AreaTx, areaId: string, linkHash: string): Promise<Participant[]> {
  const rows = await tx
    .selectFrom('impact_participant as p')
    .leftJoin('impact_check as c', (join) => join.onRef('c.participant_id', '=', 'p.id').onRef('c.area_id', '=', 'p.area_id'))
    .select(['p.id', 'p.version', sql<number>`coalesce(max(c.round), 0)`.as('last_round'), sql<Date | null>`max(c.answered_at)`.as('last_at')])
    .where('p.area_id', '=', areaId)
    .where('p.link_hash', '=', linkHash)
    .groupBy(['p.id', 'p.version'])
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, lastRound: Number(r.last_round), lastAnsweredAt: r.last_at ? new Date(r.last_at) : null }));
}

/** The participant for this link and version, made if new. */
export async function ensureParticipant(tx: AreaTx, areaId: string, version: CheckVersion, linkKind: 'receipt_code' | 'account', linkHash: string): Promise<string> {
  await tx
    .insertInto('impact_participant')
    .values({ area_id: areaId, version, link_kind: linkKind, link_hash: linkHash })
    .onConflict((oc) => oc.columns(['area_id', 'version', 'link_hash']).doNothing())
    .execute();
  const row = await tx.selectFrom('impact_participant').select('id').where('area_id', '=', areaId).where('version', '=', version).where('link_hash', '=', linkHash).executeTakeFirstOrThrow();
  return row.id;
}

/** Adds the next round of a participant's checks (the row is locked, so two quick sends count once each). */
export async function addCheck(tx: AreaTx, areaId: string, participantId: string, answers: Partial<Record<ImpactItemId, number>>, answeredAt?: Date): Promise<number> {
  await tx.selectFrom('impact_participant').select('id').where('area_id', '=', areaId).where('id', '=', participantId).forUpdate().execute();
  const last = await tx.selectFrom('impact_check').select(sql<number>`coalesce(max(round), 0)`.as('n')).where('area_id', '=', areaId).where('participant_id', '=', participantId).executeTakeFirst();
  const round = Number(last?.n ?? 0) + 1;
  await tx
    .insertInto('impact_check')
    .values({ area_id: areaId, participant_id: participantId, round, answers: JSON.stringify(answers), ...(answeredAt ? { answered_at: answeredAt } : {}) })
    .execute();
  return round;
}

export type PairedRow = { version: CheckVersion; item: ImpactItemId; pairs: number; better: number; same: number; worse: number; changeSum: number };

/**
 * Paired change per version and item: each person's first answer against their latest later one,
 * counted only where both answered the item. One query however many people.
 */
export async function pairedChange(tx: AreaTx, areaId: string, items: readonly ImpactItemId[]): Promise<PairedRow[]> {
  const rows = await sql<{ version: CheckVersion; item: ImpactItemId; pairs: string; better: string; same: string; worse: string; change_sum: string }>`
    with latest as (
      select distinct on (participant_id) participant_id, answers
      from impact_check where area_id = ${areaId} and round > 1
      order by participant_id, round desc
    ), pairs as (
      select p.version, i.item, (f.answers ->> i.item)::int as first, (l.answers ->> i.item)::int as later
      from impact_participant p
      join impact_check f on f.area_id = p.area_id and f.participant_id = p.id and f.round = 1
      join latest l on l.participant_id = p.id
      cross join unnest(${[...items]}::text[]) as i(item)
      where p.area_id = ${areaId} and f.answers ? i.item and l.answers ? i.item
    )
    select version, item, count(*) as pairs,
      count(*) filter (where later > first) as better,
      count(*) filter (where later = first) as same,
      count(*) filter (where later < first) as worse,
      coalesce(sum(later - first), 0) as change_sum
    from pairs group by version, item`.execute(tx);
  return rows.rows.map((r) => ({
    version: r.version,
    item: r.item,
    pairs: Number(r.pairs),
    better: Number(r.better),
    same: Number(r.same),
    worse: Number(r.worse),
    changeSum: Number(r.change_sum),
  }));
}

export type TakingPartRow = { version: CheckVersion; firstOnly: number; paired: number };

/** How many people answered only once and how many also later, per version (one query). */
export async function checkTotals(tx: AreaTx, areaId: string): Promise<TakingPartRow[]> {
  const rows = await sql<{ version: CheckVersion; first_only: string; paired: string }>`
    select p.version,
      count(*) filter (where c.rounds = 1) as first_only,
      count(*) filter (where c.rounds > 1 and c.has_first) as paired
    from impact_participant p
    join (select participant_id, count(*) as rounds, bool_or(round = 1) as has_first from impact_check where area_id = ${areaId} group by participant_id) c on c.participant_id = p.id
    where p.area_id = ${areaId}
    group by p.version`.execute(tx);
  return rows.rows.map((r) => ({ version: r.version, firstOnly: Number(r.first_only), paired: Number(r.paired) }));
}
