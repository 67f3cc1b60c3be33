/**
 * SQL for responses to themes ("we did"), their history, publication, the notices written at
 * publication and the printed letters. Every function takes the area id and runs inside withArea
 * (row-level security is the second lock).
 *
 * The theme itself (its words, quotes, activities, which themes hold a contribution) comes from
 * the themes module's service (themes/answering.service.ts), never from SQL here. One statement
 * still reads theme_contribution and contribution: listRecipients, because "everyone in this theme
 * who asked to hear back, once each" is one DISTINCT ON across the three tables; split, it would
 * carry every contribution of a theme out of PostgreSQL and back in again.
 */
import { sql } from 'kysely';
import type { AreaTx, ContactChannel, ResponseStage, ResponseStatus } from '../../db/database.ts';
import { STAFF_ROLES } from '../../lib/authorisation.ts';

/** The answer itself: what an editor types and what each history entry keeps. */
export type ResponseContent = {
  status: ResponseStatus;
  reason: string;
  whatChanged: string;
  whatChangedEasyRead: string;
  decidedByBoardId: string | null;
  decidedByRole: string;
  ownerAccountId: string | null;
  /** 'YYYY-MM-DD' calendar days. */
  decidedOn: string | null;
  dueOn: string | null;
  doneOn: string | null;
  evidenceLinks: string[];
};

export type StoredResponse = ResponseContent & {
  id: string;
  themeId: string;
  stage: ResponseStage;
  version: number;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  publishedVersion: number | null;
  publishedContent: unknown;
  updatedAt: Date;
  updatedByName: string | null;
  /** Who saved the current version: its writer, who may not approve it. */
  updatedBy: string | null;
  approvedVersion: number | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
};

const responseColumns = [
  'r.id',
  'r.theme_id',
  'r.status',
  'r.reason',
  'r.what_changed',
  'r.what_changed_easy_read',
  'r.decided_by_board_id',
  'r.decided_by_role',
  'r.owner_account_id',
  'r.decided_on',
  'r.due_on',
  'r.done_on',
  'r.evidence_links',
  'r.stage',
  'r.version',
  'r.published_at',
  'r.first_published_at',
  'r.published_version',
  'r.published_content',
  'r.updated_at',
  'r.updated_by',
  'r.approved_version',
  'r.approved_by',
  'r.approved_at',
] as const;

type ResponseRow = {
  id: string;
  theme_id: string;
  status: ResponseStatus;
  reason: string;
  what_changed: string;
  what_changed_easy_read: string;
  decided_by_board_id: string | null;
  decided_by_role: string;
  owner_account_id: string | null;
  decided_on: string | null;
  due_on: string | null;
  done_on: string | null;
  evidence_links: string[];
  stage: ResponseStage;
  version: number;
  published_at: Date | null;
  first_published_at: Date | null;
  published_version: number | null;
  published_content: unknown;
  updated_at: Date;
  updated_by_name?: string | null;
  updated_by: string | null;
  approved_version: number | null;
  approved_by: string | null;
  approved_at: Date | null;
  approved_by_name?: string | null;
};

function toResponse(row: ResponseRow): StoredResponse {
  return {
    id: row.id,
    themeId: row.theme_id,
    status: row.status,
    reason: row.reason,
    whatChanged: row.what_changed,
    whatChangedEasyRead: row.what_changed_easy_read,
    decidedByBoardId: row.decided_by_board_id,
    decidedByRole: row.decided_by_role,
    ownerAccountId: row.owner_account_id,
    decidedOn: row.decided_on,
    dueOn: row.due_on,
    doneOn: row.done_on,
    evidenceLinks: row.evidence_links,
    stage: row.stage,
    version: row.version,
    publishedAt: row.published_at,
    firstPublishedAt: row.first_published_at,
    publishedVersion: row.published_version,
    publishedContent: row.published_content,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name ?? null,
    updatedBy: row.updated_by,
    approvedVersion: row.approved_version,
    approvedBy: row.approved_by,
    approvedByName: row.approved_by_name ?? null,
    approvedAt: row.approved_at,
  };
}

export function contentOf(r: ResponseContent): ResponseContent {
  return {
    status: r.status,
    reason: r.reason,
    whatChanged: r.whatChanged,
    whatChangedEasyRead: r.whatChangedEasyRead,
    decidedByBoardId: r.decidedByBoardId,
    decidedByRole: r.decidedByRole,
    ownerAccountId: r.ownerAccountId,
    decidedOn: r.decidedOn,
    dueOn: r.dueOn,
    doneOn: r.doneOn,
    evidenceLinks: [...r.evidenceLinks],
  };
}

// ── Choices on the form ─────────────────────────────────────────────────────────────────────────

export type Choice = { id: string; name: string };

export async function listBoards(tx: AreaTx, areaId: string): Promise<Choice[]> {
  return tx.selectFrom('board').select(['id', 'name']).where('area_id', '=', areaId).orderBy('position').orderBy('name').execute();
}

/** Staff of the area (anyone with a staff role), by name: who may own a response. */
export async function listStaff(tx: AreaTx, areaId: string): Promise<Choice[]> {
  return tx
    .selectFrom('area_membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.display_name as name'])
    .distinct()
    .where('m.area_id', '=', areaId)
    .where('m.role', 'in', [...STAFF_ROLES])
    .where('a.disabled_at', 'is', null)
    .orderBy('a.display_name')
    .orderBy('a.id')
    .execute();
}

/** Names of accounts (who changed a version, who owns it), for history pages. */
export async function accountNames(tx: AreaTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('account').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// ── The working copy ────────────────────────────────────────────────────────────────────────────

export async function findResponse(tx: AreaTx, areaId: string, themeId: string, options: { lock?: boolean } = {}): Promise<StoredResponse | undefined> {
  let query = tx
    .selectFrom('theme_response as r')
    .leftJoin('account as u', 'u.id', 'r.updated_by')
    .leftJoin('account as ap', 'ap.id', 'r.approved_by')
    .select([...responseColumns, 'u.display_name as updated_by_name', 'ap.display_name as approved_by_name'])
    .where('r.area_id', '=', areaId)
    .where('r.theme_id', '=', themeId);
  if (options.lock) query = query.forUpdate('r');
  const row = await query.executeTakeFirst();
  return row && toResponse(row);
}

/** Where each theme's response stands (themes never answered have no row), for the themes pages. */
export async function listResponseStates(tx: AreaTx, areaId: string, themeIds?: readonly string[]): Promise<Array<{ themeId: string; stage: ResponseStage; status: ResponseStatus; publishedAt: Date | null }>> {
  if (themeIds && themeIds.length === 0) return [];
  let query = tx.selectFrom('theme_response').select(['theme_id', 'stage', 'status', 'published_at']).where('area_id', '=', areaId);
  if (themeIds) query = query.where('theme_id', 'in', [...themeIds]);
  const rows = await query.execute();
  return rows.map((r) => ({ themeId: r.theme_id, stage: r.stage, status: r.status, publishedAt: r.published_at }));
}

/**
 * Makes sure the theme has its one response row. Version 0 means "never saved": the first save makes
 * it version 1, so a response's version is the number of times it was saved.
 */
export async function ensureResponse(tx: AreaTx, areaId: string, themeId: string): Promise<void> {
  await tx
    .insertInto('theme_response')
    .values({ area_id: areaId, theme_id: themeId, version: 0, evidence_links: [] })
    .onConflict((oc) => oc.column('theme_id').doNothing())
    .execute();
}

/**
 * Writes the working copy if nobody saved since `expectedVersion`. Under READ COMMITTED a second
 * writer waits for the first's row lock and then re-checks the version against the committed row, so
 * two saves from the same version can never both succeed.
 */
export async function updateIfVersion(
  tx: AreaTx,
  areaId: string,
  themeId: string,
  expectedVersion: number,
  content: ResponseContent,
  actorId: string | null,
): Promise<{ id: string; version: number; stage: ResponseStage } | undefined> {
  return tx
    .updateTable('theme_response')
    .set({
      status: content.status,
      reason: content.reason,
      what_changed: content.whatChanged,
      what_changed_easy_read: content.whatChangedEasyRead,
      decided_by_board_id: content.decidedByBoardId,
      decided_by_role: content.decidedByRole,
      owner_account_id: content.ownerAccountId,
      decided_on: content.decidedOn,
      due_on: content.dueOn,
      done_on: content.doneOn,
      evidence_links: content.evidenceLinks,
      // A published response edited again is a draft of the next publication; the public copy stays.
      stage: sql<ResponseStage>`case when stage = 'published' then 'draft' else stage end`,
      version: sql<number>`version + 1`,
      updated_by: actorId,
      updated_at: sql<Date>`now()`,
    })
    .where('area_id', '=', areaId)
    .where('theme_id', '=', themeId)
    .where('version', '=', expectedVersion)
    .returning(['id', 'version', 'stage'])
    .executeTakeFirst();
}

export async function insertVersion(
  tx: AreaTx,
  areaId: string,
  values: { responseId: string; version: number; content: ResponseContent; stage: ResponseStage; actorId: string | null },
): Promise<void> {
  await tx
    .insertInto('theme_response_version')
    .values({
      area_id: areaId,
      theme_response_id: values.responseId,
      version: values.version,
      content: JSON.stringify(values.content),
      stage: values.stage,
      changed_by: values.actorId,
    })
    .execute();
}

export async function setStage(tx: AreaTx, areaId: string, responseId: string, stage: ResponseStage): Promise<void> {
  await tx.updateTable('theme_response').set({ stage }).where('area_id', '=', areaId).where('id', '=', responseId).execute();
}

export type StoredVersion = { version: number; content: unknown; stage: ResponseStage; changedBy: string | null; changedByName: string | null; changedAt: Date };

export async function listVersions(tx: AreaTx, areaId: string, responseId: string): Promise<StoredVersion[]> {
  const rows = await tx
    .selectFrom('theme_response_version as v')
    .leftJoin('account as a', 'a.id', 'v.changed_by')
    .select(['v.version', 'v.content', 'v.stage', 'v.changed_by', 'v.changed_at', 'a.display_name'])
    .where('v.area_id', '=', areaId)
    .where('v.theme_response_id', '=', responseId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, content: r.content, stage: r.stage, changedBy: r.changed_by, changedByName: r.display_name, changedAt: r.changed_at }));
}

// ── Publication ─────────────────────────────────────────────────────────────────────────────────

export async function savePublication(
  tx: AreaTx,
  areaId: string,
  responseId: string,
  values: { content: unknown; services: string[]; activityIds: string[] },
): Promise<{ publishedAt: Date; version: number }> {
  return tx
    .updateTable('theme_response')
    .set({
      published_content: JSON.stringify(values.content),
      published_services: values.services,
      published_activity_ids: values.activityIds,
      published_at: sql<Date>`now()`,
      first_published_at: sql<Date>`coalesce(first_published_at, now())`,
      published_version: sql<number>`version`,
      stage: 'published',
      // Publishing again rebuilds the quotes from live contributions: any erased author's words are gone.
      quote_withdrawn_at: null,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', responseId)
    .returning(['published_at', 'version'])
    .executeTakeFirstOrThrow()
    .then((r) => ({ publishedAt: r.published_at!, version: r.version }));
}

/** One person to tell: the first of their responses (oldest) that asked to hear back. */
export type Recipient = {
  recipientKey: string;
  responseId: string;
  channel: Exclude<ContactChannel, 'none'>;
  format: 'standard' | 'easy_read';
  language: string;
  receiptCode: string | null;
};

/**
 * Everyone whose visible contribution is in the theme and who chose a way to hear back. A signed-in
 * person is one recipient however many responses they gave ('account:<id>'); anyone else is one per
 * response ('response:<id>'). DISTINCT ON keeps one row per recipient in one query.
 */
export async function listRecipients(tx: AreaTx, areaId: string, themeId: string): Promise<Recipient[]> {
  const rows = await sql<{ recipient_key: string; response_id: string; channel: Exclude<ContactChannel, 'none'>; format: 'standard' | 'easy_read'; language: string; receipt_code: string | null }>`
    select distinct on (recipient_key) recipient_key, response_id, channel, format, language, receipt_code
    from (
      select case when c.account_id is not null then 'account:' || c.account_id::text else 'response:' || c.response_id::text end as recipient_key,
             c.response_id, fc.channel, fc.format, fc.language, c.receipt_code, c.created_at, c.id
      from theme_contribution tc
      join contribution c on c.id = tc.contribution_id
      join feedback_contact fc on fc.response_id = c.response_id
      where tc.area_id = ${areaId} and tc.theme_id = ${themeId}
        and c.hidden_at is null and c.response_id is not null and fc.channel <> 'none'
    ) people
    order by recipient_key, created_at, id
  `.execute(tx);
  return rows.rows.map((r) => ({ recipientKey: r.recipient_key, responseId: r.response_id, channel: r.channel, format: r.format, language: r.language, receiptCode: r.receipt_code }));
}

/** Recipients already told about this response (their key is taken). */
export async function listNoticeKeys(tx: AreaTx, areaId: string, themeResponseId: string): Promise<Set<string>> {
  const rows = await tx.selectFrom('feedback_notice').select('recipient_key').where('area_id', '=', areaId).where('theme_response_id', '=', themeResponseId).execute();
  return new Set(rows.map((r) => r.recipient_key));
}

export type NewNotice = { recipientKey: string; responseId: string; channel: Exclude<ContactChannel, 'none'>; subject: string; body: string };

/** Inserts notices; anyone already told about this response is skipped by the unique key. */
export async function insertNotices(tx: AreaTx, areaId: string, themeResponseId: string, notices: NewNotice[]): Promise<Array<Exclude<ContactChannel, 'none'>>> {
  const created: Array<Exclude<ContactChannel, 'none'>> = [];
  // In slices: one statement per 500 people keeps the parameter count far below PostgreSQL's limit.
  for (let i = 0; i < notices.length; i += 500) {
    const rows = await tx
      .insertInto('feedback_notice')
      .values(
        notices.slice(i, i + 500).map((n) => ({
          area_id: areaId,
          theme_response_id: themeResponseId,
          response_id: n.responseId,
          recipient_key: n.recipientKey,
          channel: n.channel,
          subject: n.subject,
          body: n.body,
        })),
      )
      .onConflict((oc) => oc.columns(['theme_response_id', 'recipient_key']).doNothing())
      .returning('channel')
      .execute();
    created.push(...rows.map((r) => r.channel));
  }
  return created;
}

/** Approves this saved version (only if it is still the current one); false if it changed meanwhile. */
export async function approveVersion(tx: AreaTx, areaId: string, responseId: string, version: number, actorId: string | null): Promise<boolean> {
  const row = await tx
    .updateTable('theme_response')
    .set({ approved_version: version, approved_by: actorId, approved_at: sql<Date>`now()` })
    .where('area_id', '=', areaId)
    .where('id', '=', responseId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** The area's publishing rule: whether a response needs someone other than its writer to approve it. */
export async function publishNeedsApproval(tx: AreaTx, areaId: string): Promise<boolean> {
  return (await tx.selectFrom('area').select('publish_needs_approval').where('id', '=', areaId).executeTakeFirstOrThrow()).publish_needs_approval;
}

export async function setPublishNeedsApproval(tx: AreaTx, areaId: string, needsApproval: boolean): Promise<boolean> {
  const row = await tx.updateTable('area').set({ publish_needs_approval: needsApproval }).where('id', '=', areaId).where('publish_needs_approval', '!=', needsApproval).returning('id').executeTakeFirst();
  return Boolean(row);
}

export async function areaName(tx: AreaTx, areaId: string): Promise<string> {
  return (await tx.selectFrom('area').select('name').where('id', '=', areaId).executeTakeFirstOrThrow()).name;
}

// ── Letters ─────────────────────────────────────────────────────────────────────────────────────

export async function listLetterActivities(tx: AreaTx, areaId: string): Promise<Array<{ activityId: string; title: string; letters: number }>> {
  const rows = await tx
    .selectFrom('feedback_notice as n')
    .innerJoin('response as r', 'r.id', 'n.response_id')
    .innerJoin('activity as a', 'a.id', 'r.activity_id')
    .select(['a.id', 'a.title', sql<string>`count(*)`.as('letters')])
    .where('n.area_id', '=', areaId)
    .where('n.channel', '=', 'letter')
    .where('n.status', '=', 'pending')
    .groupBy(['a.id', 'a.title'])
    .orderBy('a.title')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ activityId: r.id, title: r.title, letters: Number(r.letters) }));
}

export type StoredLetter = {
  noticeId: string;
  language: string;
  receiptCode: string | null;
  publishedContent: unknown;
  activityTitle: string;
};

/** Letters waiting for one activity's contributors, with what they need printed on them. */
export async function listPendingLetters(tx: AreaTx, areaId: string, activityId: string): Promise<StoredLetter[]> {
  const rows = await tx
    .selectFrom('feedback_notice as n')
    .innerJoin('response as r', 'r.id', 'n.response_id')
    .innerJoin('activity as a', 'a.id', 'r.activity_id')
    .innerJoin('theme_response as tr', 'tr.id', 'n.theme_response_id')
    .leftJoin('feedback_contact as fc', 'fc.response_id', 'n.response_id')
    .select([
      'n.id',
      'fc.language',
      'tr.published_content',
      'a.title',
      (eb) =>
        eb
          .selectFrom('contribution as c')
          .select(sql<string | null>`min(c.receipt_code)`.as('code'))
          .whereRef('c.response_id', '=', 'n.response_id')
          .as('receipt_code'),
    ])
    .where('n.area_id', '=', areaId)
    .where('n.channel', '=', 'letter')
    .where('n.status', '=', 'pending')
    .where('r.activity_id', '=', activityId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({ noticeId: r.id, language: r.language ?? 'en', receiptCode: r.receipt_code, publishedContent: r.published_content, activityTitle: r.title }));
}

export async function activityTitle(tx: AreaTx, areaId: string, activityId: string): Promise<string | undefined> {
  return (await tx.selectFrom('activity').select('title').where('area_id', '=', areaId).where('id', '=', activityId).executeTakeFirst())?.title;
}

/** Marks as printed the given letters of this activity that were still waiting; returns how many. */
export async function markPrinted(tx: AreaTx, areaId: string, activityId: string, noticeIds: string[]): Promise<number> {
  if (noticeIds.length === 0) return 0;
  const rows = await tx
    .updateTable('feedback_notice as n')
    .set({ status: 'printed', sent_at: sql<Date>`now()` })
    .where('n.area_id', '=', areaId)
    .where('n.id', 'in', noticeIds)
    .where('n.channel', '=', 'letter')
    .where('n.status', '=', 'pending')
    .where((eb) => eb.exists(eb.selectFrom('response as r').select(sql`1`.as('one')).whereRef('r.id', '=', 'n.response_id').where('r.activity_id', '=', activityId)))
    .returning('n.id')
    .execute();
  return rows.length;
}

/**
 * Takes these words out of every frozen public copy of these themes' responses. The words are
 * given, not read from the contributions: they may be held (invisible here), just redacted anew, or
 * about to be erased.
 */
export async function withdrawQuotes(tx: AreaTx, areaId: string, themeIds: readonly string[], texts: readonly string[], askToPublishAgain: boolean): Promise<number> {
  if (themeIds.length === 0 || texts.length === 0) return 0;
  const quoted = sql`(select jsonb_agg(to_jsonb(t)) from unnest(${[...texts]}::text[]) t)`;
  const result = await sql`
    update theme_response tr
       set published_content = jsonb_set(tr.published_content, '{theme,quotes}', coalesce((
             select jsonb_agg(q order by n) from jsonb_array_elements(tr.published_content -> 'theme' -> 'quotes') with ordinality as quotes(q, n)
              where not (${quoted} @> jsonb_build_array(q))), '[]'::jsonb)),
           quote_withdrawn_at = case when ${askToPublishAgain} then now() else tr.quote_withdrawn_at end
     where tr.area_id = ${areaId} and tr.published_content is not null
       and tr.theme_id = any(${[...themeIds]}::uuid[])
       and exists (select 1 from jsonb_array_elements(tr.published_content -> 'theme' -> 'quotes') q where ${quoted} @> jsonb_build_array(q))`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}
