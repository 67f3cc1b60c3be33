/**
 * SQL for the retention schedule: each area's periods (retention_setting), the record of what the job
 * removed (retention_run), and the deletions themselves, one function per kind of data. Each deletion
 * removes only what is due at the cutoff it is given, so running it twice removes nothing the second
 * time; the service records the count in the same transaction.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

// ── Settings ──────────────────────────────────────────────────────────────────────────────────────

export type StoredSetting = { kind: string; periodDays: number; updatedAt: Date };

export async function listSettings(tx: AreaTx, areaId: string): Promise<StoredSetting[]> {
  const rows = await tx.selectFrom('retention_setting').select(['kind', 'period_days', 'updated_at']).where('area_id', '=', areaId).orderBy('kind').execute();
  return rows.map((r) => ({ kind: r.kind, periodDays: r.period_days, updatedAt: r.updated_at }));
}

/**
 * Makes saves of one area's schedule take turns until the transaction ends. An advisory lock, because
 * the rows to lock may not exist yet (no row means the default).
 */
export async function lockSchedule(tx: AreaTx, areaId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`chorus.retention:${areaId}`}, 0))`.execute(tx);
}

export async function upsertSetting(tx: AreaTx, areaId: string, kind: string, periodDays: number, actorId: string): Promise<void> {
  await tx
    .insertInto('retention_setting')
    .values({ area_id: areaId, kind, period_days: periodDays, updated_by: actorId, updated_at: sql<Date>`now()` as never })
    .onConflict((oc) => oc.columns(['area_id', 'kind']).doUpdateSet({ period_days: periodDays, updated_by: actorId, updated_at: sql<Date>`now()` as never }))
    .execute();
}

export async function deleteSetting(tx: AreaTx, areaId: string, kind: string): Promise<void> {
  await tx.deleteFrom('retention_setting').where('area_id', '=', areaId).where('kind', '=', kind).execute();
}

// ── What the job removed ─────────────────────────────────────────────────────────────────────────

export type RunSummary = { kind: string; cutoff: Date; removed: number; ranAt: Date };

/**
 * The latest runs, newest first. A kind removed in several batches in one run has one row per batch,
 * all with the same cutoff: they are added up here.
 */
export async function listRuns(tx: AreaTx, areaId: string, limit: number): Promise<RunSummary[]> {
  const rows = await tx
    .selectFrom('retention_run')
    .select(['kind', 'cutoff', sql<string>`sum(removed)`.as('removed'), sql<Date>`max(ran_at)`.as('ran_at')])
    .where('area_id', '=', areaId)
    .groupBy(['kind', 'cutoff'])
    .orderBy(sql`max(ran_at)`, 'desc')
    .orderBy('kind')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ kind: r.kind, cutoff: new Date(r.cutoff), removed: Number(r.removed), ranAt: new Date(r.ran_at) }));
}

export async function insertRun(tx: AreaTx, areaId: string, kind: string, cutoff: Date, removed: number): Promise<void> {
  await tx.insertInto('retention_run').values({ area_id: areaId, kind, cutoff, removed }).execute();
}

// ── signups ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Sign-ups and adjustment requests of activities that ended before the cutoff. An activity is dated
 * by its end, else its start; one with no date (a survey) by when it closed, and only while it is
 * closed (reopening keeps the old closed_at). An open activity with no date is never due.
 * Adjustment requests go first, so those of a sign-up are counted too (they would go by cascade).
 */
export async function deleteSignups(tx: AreaTx, areaId: string, cutoff: Date): Promise<number> {
  const due = tx
    .selectFrom('activity')
    .select('id')
    .where('area_id', '=', areaId)
    .where(sql<Date | null>`coalesce(ends_at, starts_at, case when status in ('closed', 'feedback_given') then closed_at end)`, '<', cutoff);
  const requests = await tx.deleteFrom('adjustment_request').where('area_id', '=', areaId).where('activity_id', 'in', due).executeTakeFirst();
  const signups = await tx.deleteFrom('activity_signup').where('area_id', '=', areaId).where('activity_id', 'in', due).executeTakeFirst();
  return Number(requests.numDeletedRows) + Number(signups.numDeletedRows);
}

// ── hear_back ─────────────────────────────────────────────────────────────────────────────────────

/** How people asked to hear back (and so their addresses), for responses submitted before the cutoff. */
export async function deleteHearBackContacts(tx: AreaTx, areaId: string, cutoff: Date): Promise<number> {
  const result = await tx
    .deleteFrom('feedback_contact')
    .where('area_id', '=', areaId)
    .where('response_id', 'in', (eb) => eb.selectFrom('response').select('id').where('area_id', '=', areaId).where('submitted_at', '<', cutoff))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ── unsent_responses ──────────────────────────────────────────────────────────────────────────────

/**
 * Responses never submitted whose last change (to the response or any answer) is before the cutoff.
 * Their answers, adjustment requests and consent records go with them (ON DELETE CASCADE).
 */
export async function deleteUnsentResponses(tx: AreaTx, areaId: string, cutoff: Date): Promise<number> {
  const result = await tx
    .deleteFrom('response')
    .where('area_id', '=', areaId)
    .where('status', '=', 'in_progress')
    .where('updated_at', '<', cutoff)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('answer').select(sql`1`.as('one')).whereRef('answer.response_id', '=', 'response.id').where('answer.updated_at', '>=', cutoff))))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ── original_text ─────────────────────────────────────────────────────────────────────────────────
// contribution.original_deleted_at (migration 2026-12-04T2300) is written as SQL text until the
// table types in db/database.ts name it.

export type StoredRedaction = { id: string; start: number; end: number; kind: string; undone: boolean };
export type KeptOriginal = { id: string; originalText: string; redactedText: string; redactions: StoredRedaction[] };

/**
 * Up to `limit` contributions recorded before the cutoff whose original words are still kept, oldest
 * first, locked until the transaction ends (as a lead changing a redaction locks them), with their
 * redactions.
 */
export async function findKeptOriginals(tx: AreaTx, areaId: string, cutoff: Date, limit: number): Promise<KeptOriginal[]> {
  const rows = await tx
    .selectFrom('contribution')
    .select(['id', 'original_text', 'redacted_text'])
    .where('area_id', '=', areaId)
    .where('created_at', '<', cutoff)
    .where(sql<boolean>`original_deleted_at is null`)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();
  if (rows.length === 0) return [];
  const redactions = await tx
    .selectFrom('redaction')
    .select(['id', 'contribution_id', 'start_offset', 'end_offset', 'kind', 'undone_at'])
    .where('area_id', '=', areaId)
    .where('contribution_id', 'in', rows.map((r) => r.id))
    .orderBy('start_offset')
    .orderBy('created_at')
    .execute();
  const byContribution = Map.groupBy(redactions, (r) => r.contribution_id);
  return rows.map((r) => ({
    id: r.id,
    originalText: r.original_text,
    redactedText: r.redacted_text,
    redactions: (byContribution.get(r.id) ?? []).map((x) => ({ id: x.id, start: x.start_offset, end: x.end_offset, kind: x.kind, undone: x.undone_at !== null })),
  }));
}

/**
 * The original words of these contributions become their redacted text, marked deleted at `at`; each
 * redaction's offsets move to where its placeholder (or its put-back words) now sit in that text.
 * The same words are also kept where they were typed: the survey answer (a free-text answer's text, a
 * card sort's comment) and the response's "anything else". Those become the redacted text too, or the
 * original words would outlive their period there.
 * Returns how many contributions changed (one already done is not changed again).
 */
export async function replaceOriginals(tx: AreaTx, areaId: string, ids: readonly string[], moved: ReadonlyArray<{ id: string; start: number; end: number }>, at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const due = sql`select id, response_id, question_id, source, redacted_text from contribution
    where area_id = ${areaId} and id = any(${[...ids]}::uuid[]) and original_deleted_at is null and response_id is not null`;
  await sql`
    update answer set value = jsonb_set(answer.value, '{text}', to_jsonb(c.redacted_text))
    from (${due}) as c
    where c.source = 'free_text' and answer.area_id = ${areaId} and answer.response_id = c.response_id
      and answer.question_id = c.question_id and answer.value ->> 'kind' = 'text'`.execute(tx);
  await sql`
    update answer set value = jsonb_set(answer.value, '{comment}', to_jsonb(c.redacted_text))
    from (${due}) as c
    where c.source = 'card_sort' and answer.area_id = ${areaId} and answer.response_id = c.response_id
      and answer.question_id = c.question_id and answer.value ->> 'kind' = 'card_sort' and answer.value ? 'comment'`.execute(tx);
  await sql`
    update response set anything_else = c.redacted_text
    from (${due}) as c
    where c.source = 'anything_else' and response.area_id = ${areaId} and response.id = c.response_id`.execute(tx);
  if (moved.length > 0) {
    await sql`
      update redaction set start_offset = m.start_offset, end_offset = m.end_offset
      from (select unnest(${moved.map((m) => m.id)}::uuid[]) as id, unnest(${moved.map((m) => m.start)}::int[]) as start_offset,
                   unnest(${moved.map((m) => m.end)}::int[]) as end_offset) as m
      where redaction.id = m.id and redaction.area_id = ${areaId}`.execute(tx);
  }
  const result = await sql`
    update contribution set original_text = redacted_text, original_deleted_at = ${at}
    where area_id = ${areaId} and id = any(${[...ids]}::uuid[]) and original_deleted_at is null`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

// ── audit_log ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Audit entries written before the cutoff. The app may not delete from the audit log itself: the one
 * function that may (migration 2026-12-04T2300) works only on this transaction's area and never on
 * entries under two years old.
 */
export async function purgeAuditEvents(tx: AreaTx, areaId: string, cutoff: Date): Promise<number> {
  const { rows } = await sql<{ removed: number }>`select purge_audit_events(${areaId}::uuid, ${cutoff}::timestamptz) as removed`.execute(tx);
  return Number(rows[0]?.removed ?? 0);
}

// ── safeguarding ──────────────────────────────────────────────────────────────────────────────────

/**
 * Concerns closed before the cutoff, with their actions and alerts (ON DELETE CASCADE). Open concerns
 * are never touched. Needs a transaction with the safeguarding wall lowered (withSafeguarding): only
 * ids and dates are read.
 */
export async function deleteClosedConcerns(tx: AreaTx, areaId: string, cutoff: Date): Promise<number> {
  const result = await tx
    .deleteFrom('safeguarding_concern')
    .where('area_id', '=', areaId)
    .where('closed_at', 'is not', null)
    .where('closed_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ── sessions ──────────────────────────────────────────────────────────────────────────────────────
// A session belongs to an account, not an area (the table has no area_id and no row-level security).

export type IdleSession = { idHash: string; accountId: string; lastSeenAt: Date };

/** Sessions last used before `before`, locked until the transaction ends. */
export async function findIdleSessions(tx: AreaTx, before: Date): Promise<IdleSession[]> {
  const rows = await tx.selectFrom('session').select(['id_hash', 'account_id', 'last_seen_at']).where('last_seen_at', '<', before).forUpdate().execute();
  return rows.map((r) => ({ idHash: r.id_hash, accountId: r.account_id, lastSeenAt: r.last_seen_at }));
}

/**
 * Moves this transaction into another area (transaction-local, as withArea sets it): the sessions
 * kind reads each area's memberships and records each area's count in one transaction.
 */
export async function enterArea(tx: AreaTx, areaId: string): Promise<void> {
  await sql`select set_config('app.area_id', ${areaId}, true)`.execute(tx);
}

/** Which of these accounts are members of the area the transaction is in. */
export async function membersAmong(tx: AreaTx, areaId: string, accountIds: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  // In slices: one statement's parameters are limited (65,535).
  for (let i = 0; i < accountIds.length; i += 5000) {
    const slice = accountIds.slice(i, i + 5000);
    const rows = await tx.selectFrom('area_membership').select('account_id').distinct().where('area_id', '=', areaId).where('account_id', 'in', slice).execute();
    found.push(...rows.map((r) => r.account_id));
  }
  return found;
}

/** Deletes these sessions if they are still unused since `before`; returns the account of each one deleted. */
export async function deleteSessions(tx: AreaTx, idHashes: readonly string[], before: Date): Promise<string[]> {
  const gone: string[] = [];
  for (let i = 0; i < idHashes.length; i += 5000) {
    const rows = await tx.deleteFrom('session').where('id_hash', 'in', idHashes.slice(i, i + 5000)).where('last_seen_at', '<', before).returning('account_id').execute();
    gone.push(...rows.map((r) => r.account_id));
  }
  return gone;
}
