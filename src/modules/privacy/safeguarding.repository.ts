/**
 * All SQL of safeguarding. Every function that reads or writes a concern must run in a transaction
 * opened with withSafeguarding (db.ts): row-level security shows concerns to no other.
 *
 * Its own tables, and contributions: only this module lowers the safeguarding wall (decision 0013),
 * so holding, releasing and reading held words is here. People's names and addresses and activities'
 * titles come from the accounts and activities services (decision 0016).
 */
import { sql } from 'kysely';
import type { AreaTx, ConcernDecision, ConcernSeverityColumn } from '../../db/database.ts';

export type ConcernOrigin = 'automatic' | 'staff';

export type NewConcern = {
  origin: ConcernOrigin;
  channel: string;
  sourceKey: string;
  activityId: string | null;
  responseId: string | null;
  contributionId: string | null;
  text: string;
  severity: ConcernSeverityColumn;
  categories: string[];
  ruleIds: string[];
  context: Record<string, unknown>;
  raisedBy: string | null;
  raisedReason: string;
};

export type ConcernSummary = {
  id: string;
  origin: ConcernOrigin;
  channel: string;
  severity: ConcernSeverityColumn;
  categories: string[];
  activityId: string | null;
  activityTitle: string | null;
  createdAt: Date;
  firstReviewedAt: Date | null;
  decision: ConcernDecision | null;
  closedAt: Date | null;
};

export type Concern = ConcernSummary & {
  sourceKey: string;
  responseId: string | null;
  contributionId: string | null;
  text: string;
  ruleIds: string[];
  context: Record<string, unknown>;
  raisedByName: string | null;
  raisedReason: string;
  firstReviewedByName: string | null;
  decisionNote: string;
  decidedAt: Date | null;
  decidedByName: string | null;
  remindedAt: Date | null;
  version: number;
};

export type ConcernAction = { id: string; takenOn: string; description: string; recordedByName: string | null; createdAt: Date };

/** What the tables hold: ids where the pages show names and titles (the service looks those up). */
export type ConcernSummaryRow = Omit<ConcernSummary, 'activityTitle'>;
export type ConcernRow = Omit<Concern, 'activityTitle' | 'raisedByName' | 'firstReviewedByName' | 'decidedByName'> & {
  raisedBy: string | null;
  firstReviewedBy: string | null;
  decidedBy: string | null;
};
export type ConcernActionRow = Omit<ConcernAction, 'recordedByName'> & { recordedBy: string | null };

export async function findAutomaticConcern(tx: AreaTx, areaId: string, channel: string, sourceKey: string): Promise<{ id: string; text: string; closedAt: Date | null } | undefined> {
  const row = await tx
    .selectFrom('safeguarding_concern')
    .select(['id', 'disclosed_text', 'closed_at'])
    .where('area_id', '=', areaId)
    .where('origin', '=', 'automatic')
    .where('channel', '=', channel)
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  return row && { id: row.id, text: row.disclosed_text, closedAt: row.closed_at };
}

/** Which of these keys of a channel already have an automatic concern (keys only, never words). */
export async function automaticConcernKeys(tx: AreaTx, areaId: string, channel: string, sourceKeys: readonly string[]): Promise<string[]> {
  if (sourceKeys.length === 0) return [];
  const rows = await tx
    .selectFrom('safeguarding_concern')
    .select('source_key')
    .where('area_id', '=', areaId)
    .where('origin', '=', 'automatic')
    .where('channel', '=', channel)
    .where('source_key', 'in', [...sourceKeys])
    .execute();
  return rows.map((r) => r.source_key);
}

/** Inserts a concern; an automatic one for a source already flagged returns undefined (the unique index). */
export async function insertConcern(tx: AreaTx, areaId: string, c: NewConcern): Promise<string | undefined> {
  const row = await tx
    .insertInto('safeguarding_concern')
    .values({
      area_id: areaId,
      origin: c.origin,
      channel: c.channel,
      source_key: c.sourceKey,
      activity_id: c.activityId,
      response_id: c.responseId,
      contribution_id: c.contributionId,
      disclosed_text: c.text,
      severity: c.severity,
      categories: c.categories,
      rule_ids: c.ruleIds,
      context: JSON.stringify(c.context),
      raised_by: c.raisedBy,
      raised_reason: c.raisedReason,
    })
    .onConflict((oc) => oc.columns(['area_id', 'channel', 'source_key']).where('origin', '=', 'automatic').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * The person changed flagged words before sending them: the record keeps what they first wrote and
 * adds the new words, so a lead sees everything that was said.
 */
export async function appendDisclosedText(tx: AreaTx, areaId: string, concernId: string, text: string, severity: ConcernSeverityColumn): Promise<void> {
  await tx
    .updateTable('safeguarding_concern')
    .set({
      disclosed_text: sql<string>`left(disclosed_text || E'\n\n— later changed to —\n\n' || ${text}, 20000)`,
      severity: sql<ConcernSeverityColumn>`case when ${severity} = 'urgent' or severity = 'urgent' then 'urgent' when ${severity} = 'high' or severity = 'high' then 'high' else 'medium' end`,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', concernId)
    .execute();
}

export async function linkContribution(tx: AreaTx, areaId: string, concernId: string, contributionId: string, context: Record<string, unknown>): Promise<void> {
  await tx
    .updateTable('safeguarding_concern')
    .set({ contribution_id: contributionId, context: sql`context || ${JSON.stringify(context)}::jsonb` })
    .where('area_id', '=', areaId)
    .where('id', '=', concernId)
    .execute();
}

/** Holds (or releases) a contribution. Run with the safeguarding wall lowered, or a held row is out of reach. */
export async function setContributionHold(tx: AreaTx, areaId: string, contributionId: string, hold: boolean): Promise<boolean> {
  const result = await tx.updateTable('contribution').set({ safeguarding_hold: hold }).where('area_id', '=', areaId).where('id', '=', contributionId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findContributionForConcern(
  tx: AreaTx,
  areaId: string,
  contributionId: string,
): Promise<{ id: string; activityId: string; responseId: string | null; questionId: string | null; source: string; text: string; redactedText: string; receiptCode: string | null; supporterRelationship: string | null; hold: boolean } | undefined> {
  const row = await tx
    .selectFrom('contribution')
    .select(['id', 'activity_id', 'response_id', 'question_id', 'source', 'original_text', 'redacted_text', 'receipt_code', 'supporter_relationship', 'safeguarding_hold'])
    .where('area_id', '=', areaId)
    .where('id', '=', contributionId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      activityId: row.activity_id,
      responseId: row.response_id,
      questionId: row.question_id,
      source: row.source,
      text: row.original_text,
      redactedText: row.redacted_text,
      receiptCode: row.receipt_code,
      supporterRelationship: row.supporter_relationship,
      hold: row.safeguarding_hold,
    }
  );
}

export async function heldContributionKeys(tx: AreaTx, areaId: string, activityId: string): Promise<Array<{ responseId: string; questionId: string | null; source: string }>> {
  const rows = await tx
    .selectFrom('contribution')
    .select(['response_id', 'question_id', 'source'])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('safeguarding_hold', '=', true)
    .where('response_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ responseId: r.response_id!, questionId: r.question_id, source: r.source }));
}

// ── People to alert ───────────────────────────────────────────────────────────────────────────────

export type AlertRecipient = { accountId: string; email: string; displayName: string; mobile: string | null; role: 'safeguarding_lead' | 'area_admin' };

/** The mobile numbers these people gave for safeguarding alerts in this area, by account id. */
export async function findMobiles(tx: AreaTx, areaId: string, accountIds: readonly string[]): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await tx.selectFrom('safeguarding_contact').select(['account_id', 'mobile']).where('area_id', '=', areaId).where('account_id', 'in', [...new Set(accountIds)]).execute();
  return new Map(rows.map((r) => [r.account_id, r.mobile]));
}

export async function insertAlerts(tx: AreaTx, areaId: string, concernId: string, kind: 'new' | 'reminder', recipients: readonly AlertRecipient[]): Promise<number> {
  const values = recipients.flatMap((r) => [
    { area_id: areaId, concern_id: concernId, kind, account_id: r.accountId, channel: 'email' as const, recipient_role: r.role },
    ...(r.mobile ? [{ area_id: areaId, concern_id: concernId, kind, account_id: r.accountId, channel: 'sms' as const, recipient_role: r.role }] : []),
  ]);
  if (values.length === 0) return 0;
  const result = await tx.insertInto('safeguarding_alert').values(values).onConflict((oc) => oc.columns(['concern_id', 'kind', 'account_id', 'channel']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export type ClaimedAlert = { id: string; concernId: string; kind: 'new' | 'reminder'; channel: 'email' | 'sms'; recipientRole: 'safeguarding_lead' | 'area_admin'; accountId: string; mobile: string | null; attempts: number };

/** Alerts still 'sending' long after they were claimed were lost mid-send: 'unknown', never resent. */
export async function markStaleAlerts(tx: AreaTx, areaId: string, before: Date): Promise<number> {
  const result = await tx
    .updateTable('safeguarding_alert')
    .set({ status: 'unknown', last_error: 'Chorus stopped while sending this alert: it may not have arrived.' })
    .where('area_id', '=', areaId)
    .where('status', '=', 'sending')
    .where('claimed_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const MAX_ALERT_ATTEMPTS = 5;

/** Claims alerts to send (pending, or refused fewer than MAX_ALERT_ATTEMPTS times), committed before sending. */
export async function claimAlerts(tx: AreaTx, areaId: string, now: Date, limit: number): Promise<ClaimedAlert[]> {
  const result = await sql<{ id: string; concern_id: string; kind: 'new' | 'reminder'; channel: 'email' | 'sms'; recipient_role: 'safeguarding_lead' | 'area_admin'; attempts: number; account_id: string; mobile: string | null }>`
    with claimed as (
      update safeguarding_alert set status = 'sending', claimed_at = ${now}, attempts = attempts + 1
       where id in (select id from safeguarding_alert
                     where area_id = ${areaId} and (status = 'pending' or (status = 'failed' and attempts < ${MAX_ALERT_ATTEMPTS}))
                     order by created_at limit ${limit} for update skip locked)
      returning id, concern_id, kind, channel, recipient_role, attempts, account_id
    )
    select c.id, c.concern_id, c.kind, c.channel, c.recipient_role, c.attempts, c.account_id, sc.mobile
      from claimed c
      left join safeguarding_contact sc on sc.area_id = ${areaId} and sc.account_id = c.account_id`.execute(tx);
  return result.rows.map((r) => ({ id: r.id, concernId: r.concern_id, kind: r.kind, channel: r.channel, recipientRole: r.recipient_role, accountId: r.account_id, mobile: r.mobile, attempts: r.attempts }));
}

export async function finishAlert(tx: AreaTx, areaId: string, id: string, outcome: { ok: true } | { ok: false; error: string }): Promise<void> {
  await tx
    .updateTable('safeguarding_alert')
    .set(outcome.ok ? { status: 'sent', sent_at: sql`now()`, last_error: '' } : { status: 'failed', last_error: outcome.error.slice(0, 500) })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .execute();
}

export type AlertCounts = { sent: number; waiting: number; failed: number };

export async function alertCounts(tx: AreaTx, areaId: string): Promise<AlertCounts> {
  const row = await tx
    .selectFrom('safeguarding_alert')
    .select([
      sql<string>`count(*) filter (where status = 'sent')`.as('sent'),
      sql<string>`count(*) filter (where status in ('pending', 'sending'))`.as('waiting'),
      sql<string>`count(*) filter (where status in ('failed', 'unknown'))`.as('failed'),
    ])
    .where('area_id', '=', areaId)
    .executeTakeFirstOrThrow();
  return { sent: Number(row.sent), waiting: Number(row.waiting), failed: Number(row.failed) };
}

/** Open concerns nobody has looked at since `before`, not yet reminded about: marked reminded here. */
export async function takeConcernsToRemind(tx: AreaTx, areaId: string, before: Date): Promise<string[]> {
  const rows = await tx
    .updateTable('safeguarding_concern')
    .set({ reminded_at: sql`now()` })
    .where('area_id', '=', areaId)
    .where('first_reviewed_at', 'is', null)
    .where('closed_at', 'is', null)
    .where('reminded_at', 'is', null)
    .where('created_at', '<', before)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

// ── The safeguarding lead's pages ────────────────────────────────────────────────────────────────

const summaryColumns = [
  'c.id',
  'c.origin',
  'c.channel',
  'c.severity',
  'c.categories',
  'c.activity_id',
  'c.created_at',
  'c.first_reviewed_at',
  'c.decision',
  'c.closed_at',
] as const;

type SummaryRow = {
  id: string;
  origin: ConcernOrigin;
  channel: string;
  severity: ConcernSeverityColumn;
  categories: string[];
  activity_id: string | null;
  created_at: Date;
  first_reviewed_at: Date | null;
  decision: ConcernDecision | null;
  closed_at: Date | null;
};

const toSummary = (r: SummaryRow): ConcernSummaryRow => ({
  id: r.id,
  origin: r.origin,
  channel: r.channel,
  severity: r.severity,
  categories: r.categories,
  activityId: r.activity_id,
  createdAt: r.created_at,
  firstReviewedAt: r.first_reviewed_at,
  decision: r.decision,
  closedAt: r.closed_at,
});

/** Open concerns (oldest first: the longest wait on top), then the latest closed ones. */
export async function listConcerns(tx: AreaTx, areaId: string, closedLimit: number): Promise<{ open: ConcernSummaryRow[]; closed: ConcernSummaryRow[] }> {
  const base = tx.selectFrom('safeguarding_concern as c').select([...summaryColumns]).where('c.area_id', '=', areaId);
  const open = await base.where('c.closed_at', 'is', null).orderBy('c.created_at', 'asc').execute();
  const closed = await base.where('c.closed_at', 'is not', null).orderBy('c.closed_at', 'desc').limit(closedLimit).execute();
  return { open: open.map(toSummary), closed: closed.map(toSummary) };
}

export async function findConcern(tx: AreaTx, areaId: string, id: string): Promise<ConcernRow | undefined> {
  const row = await tx
    .selectFrom('safeguarding_concern as c')
    .select([
      ...summaryColumns,
      'c.source_key',
      'c.response_id',
      'c.contribution_id',
      'c.disclosed_text',
      'c.rule_ids',
      'c.context',
      'c.raised_by',
      'c.raised_reason',
      'c.first_reviewed_by',
      'c.decision_note',
      'c.decided_at',
      'c.decided_by',
      'c.reminded_at',
      'c.version',
    ])
    .where('c.area_id', '=', areaId)
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toSummary(row),
    sourceKey: row.source_key,
    responseId: row.response_id,
    contributionId: row.contribution_id,
    text: row.disclosed_text,
    ruleIds: row.rule_ids,
    context: row.context ?? {},
    raisedBy: row.raised_by,
    raisedReason: row.raised_reason,
    firstReviewedBy: row.first_reviewed_by,
    decisionNote: row.decision_note,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    remindedAt: row.reminded_at,
    version: row.version,
  };
}

export async function listActions(tx: AreaTx, areaId: string, concernId: string): Promise<ConcernActionRow[]> {
  const rows = await tx
    .selectFrom('safeguarding_action')
    .select(['id', 'taken_on', 'description', 'recorded_by', 'created_at'])
    .where('area_id', '=', areaId)
    .where('concern_id', '=', concernId)
    .orderBy('taken_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, takenOn: r.taken_on, description: r.description, recordedBy: r.recorded_by, createdAt: r.created_at }));
}

/** The first time a safeguarding lead opens a concern is its first review (the timeliness figure). */
export async function markFirstReviewed(tx: AreaTx, areaId: string, id: string, accountId: string): Promise<boolean> {
  const result = await tx
    .updateTable('safeguarding_concern')
    .set({ first_reviewed_at: sql`now()`, first_reviewed_by: accountId })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('first_reviewed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the decision and closes the concern, if nobody else changed it since `version`. */
export async function recordDecision(tx: AreaTx, areaId: string, id: string, version: number, d: { decision: ConcernDecision; note: string; accountId: string }): Promise<boolean> {
  const result = await tx
    .updateTable('safeguarding_concern')
    .set({
      decision: d.decision,
      decision_note: d.note,
      decided_at: sql`now()`,
      decided_by: d.accountId,
      closed_at: sql`now()`,
      first_reviewed_at: sql`coalesce(first_reviewed_at, now())`,
      first_reviewed_by: sql`coalesce(first_reviewed_by, ${d.accountId}::uuid)`,
      version: sql`version + 1`,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function reopenConcern(tx: AreaTx, areaId: string, id: string): Promise<void> {
  await tx
    .updateTable('safeguarding_concern')
    .set({ closed_at: null, decision: null, decided_at: null, decided_by: null, version: sql`version + 1` })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .execute();
}

export async function insertAction(tx: AreaTx, areaId: string, concernId: string, a: { takenOn: string; description: string; accountId: string }): Promise<void> {
  await tx.insertInto('safeguarding_action').values({ area_id: areaId, concern_id: concernId, taken_on: a.takenOn, description: a.description, recorded_by: a.accountId }).execute();
}

// ── Figures (counts only: what an area admin may see) ────────────────────────────────────────────

export type ConcernFigures = {
  open: number;
  unreviewed: number;
  /** Open and not looked at for longer than the 24 hours a lead promises. */
  overdue: number;
  /** Median minutes from arrival to first review, over the last 12 months (null: none reviewed). */
  medianMinutesToReview: number | null;
  reviewedLastYear: number;
};

export async function concernFigures(tx: AreaTx, areaId: string, now: Date): Promise<ConcernFigures> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const yearAgo = new Date(now.getTime() - 365 * 24 * 3600_000);
  const row = await tx
    .selectFrom('safeguarding_concern')
    .select([
      sql<string>`count(*) filter (where closed_at is null)`.as('open'),
      sql<string>`count(*) filter (where closed_at is null and first_reviewed_at is null)`.as('unreviewed'),
      sql<string>`count(*) filter (where closed_at is null and first_reviewed_at is null and created_at < ${dayAgo})`.as('overdue'),
      sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from first_reviewed_at - created_at) / 60) filter (where first_reviewed_at is not null and created_at >= ${yearAgo})`.as('median'),
      sql<string>`count(*) filter (where first_reviewed_at is not null and created_at >= ${yearAgo})`.as('reviewed'),
    ])
    .where('area_id', '=', areaId)
    .executeTakeFirstOrThrow();
  return {
    open: Number(row.open),
    unreviewed: Number(row.unreviewed),
    overdue: Number(row.overdue),
    medianMinutesToReview: row.median === null ? null : Math.round(Number(row.median)),
    reviewedLastYear: Number(row.reviewed),
  };
}

// ── The area's own phrases and the leads' mobile numbers ──────────────────────────────────────────

export type AreaPhraseRow = { id: string; phrase: string; category: string; severity: ConcernSeverityColumn };

export async function listAreaPhrases(tx: AreaTx, areaId: string): Promise<AreaPhraseRow[]> {
  return tx.selectFrom('safeguarding_phrase').select(['id', 'phrase', 'category', 'severity']).where('area_id', '=', areaId).orderBy('phrase').execute();
}

export async function insertAreaPhrase(tx: AreaTx, areaId: string, p: { phrase: string; category: string; severity: ConcernSeverityColumn; accountId: string }): Promise<boolean> {
  const row = await tx
    .insertInto('safeguarding_phrase')
    .values({ area_id: areaId, phrase: p.phrase, category: p.category, severity: p.severity, created_by: p.accountId })
    .onConflict((oc) => oc.expression(sql`area_id, lower(phrase)`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteAreaPhrase(tx: AreaTx, areaId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('safeguarding_phrase').where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function setContactMobile(tx: AreaTx, areaId: string, accountId: string, mobile: string | null): Promise<void> {
  if (mobile === null) {
    await tx.deleteFrom('safeguarding_contact').where('area_id', '=', areaId).where('account_id', '=', accountId).execute();
    return;
  }
  await tx
    .insertInto('safeguarding_contact')
    .values({ area_id: areaId, account_id: accountId, mobile })
    .onConflict((oc) => oc.columns(['area_id', 'account_id']).doUpdateSet({ mobile, updated_at: sql`now()` }))
    .execute();
}

