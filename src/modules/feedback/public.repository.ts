/**
 * SQL behind the public "You said, we did" pages, the feeds, the annual publication and "what
 * happened to my views". Public pages read only what was frozen at publication
 * (theme_response.published_content and the columns copied beside it), never the working copy and
 * never contribution rows: what the public sees changes only when a lead publishes again.
 *
 * The one exception is the person's own contributions (by receipt code or account), which
 * listOwnContributions reads: redacted text only, hidden ones left out.
 */
import { sql, type SqlBool } from 'kysely';
import type { AreaTx, ListenedRating, ContributionSource } from '../../db/database.ts';

export type PublishedRow = {
  id: string;
  content: unknown;
  services: string[];
  activityIds: string[];
  firstPublishedAt: Date;
  publishedAt: Date;
};

export type PublishedFilter = { service?: string | null; year?: number | null; activityId?: string | null; ids?: readonly string[] };

/** The year a response was first published, in England's time (the annual publication's year). */
const firstPublishedYear = sql<number>`extract(year from (first_published_at at time zone 'Europe/London'))::int`;

function published(tx: AreaTx, areaId: string, filter: PublishedFilter) {
  let query = tx.selectFrom('theme_response').where('area_id', '=', areaId).where('published_at', 'is not', null);
  if (filter.service) query = query.where(sql<SqlBool>`${filter.service} = any(published_services)`);
  if (filter.year) query = query.where(sql<SqlBool>`${firstPublishedYear} = ${filter.year}`);
  if (filter.activityId) query = query.where(sql<SqlBool>`${filter.activityId}::uuid = any(published_activity_ids)`);
  if (filter.ids) query = query.where(sql<SqlBool>`id = any(${[...filter.ids]}::uuid[])`);
  return query;
}

/** Published responses, newest first publication first; one query however many there are. */
export async function listPublished(tx: AreaTx, areaId: string, filter: PublishedFilter, page?: { limit: number; offset: number }): Promise<PublishedRow[]> {
  let query = published(tx, areaId, filter)
    .select(['id', 'published_content', 'published_services', 'published_activity_ids', 'first_published_at', 'published_at'])
    .orderBy('first_published_at', 'desc')
    .orderBy('id', 'desc');
  if (page) query = query.limit(page.limit).offset(page.offset);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    content: r.published_content,
    services: r.published_services,
    activityIds: r.published_activity_ids,
    firstPublishedAt: r.first_published_at!,
    publishedAt: r.published_at!,
  }));
}

export async function countPublished(tx: AreaTx, areaId: string, filter: PublishedFilter): Promise<number> {
  const row = await published(tx, areaId, filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The services and years that have at least one published response (the filter's choices), in one query. */
export async function publishedFacets(tx: AreaTx, areaId: string): Promise<{ services: string[]; years: number[] }> {
  const rows = await sql<{ kind: 'service' | 'year'; value: string }>`
    select distinct 'service' as kind, s as value
      from theme_response, unnest(published_services) as s
      where area_id = ${areaId} and published_at is not null
    union
    select distinct 'year' as kind, ${firstPublishedYear}::text as value
      from theme_response
      where area_id = ${areaId} and published_at is not null
  `.execute(tx);
  const services = rows.rows.filter((r) => r.kind === 'service').map((r) => r.value).sort((a, b) => a.localeCompare(b, 'en-GB'));
  const years = rows.rows.filter((r) => r.kind === 'year').map((r) => Number(r.value)).sort((a, b) => b - a);
  return { services, years };
}

// ── A person's own contributions ──────────────────────────────────────────────────────────────

export type OwnResponse = { id: string; activityId: string; activityTitle: string; childrenMode: boolean; submittedAt: Date; listened: ListenedRating | null };

/** The submitted response a receipt code stands for, with its "do you feel listened to?" answer. */
export async function findResponseByReceipt(tx: AreaTx, areaId: string, receiptCode: string): Promise<OwnResponse | undefined> {
  const row = await tx
    .selectFrom('response')
    .innerJoin('activity', 'activity.id', 'response.activity_id')
    .leftJoin('listened_rating', 'listened_rating.response_id', 'response.id')
    .select(['response.id', 'response.activity_id', 'activity.title', 'activity.children_mode', 'response.submitted_at', 'listened_rating.rating'])
    .where('response.area_id', '=', areaId)
    .where('response.receipt_code', '=', receiptCode)
    .where('response.status', '=', 'submitted')
    .executeTakeFirst();
  return row && { id: row.id, activityId: row.activity_id, activityTitle: row.title, childrenMode: row.children_mode, submittedAt: row.submitted_at!, listened: row.rating ?? null };
}

export type OwnContribution = {
  id: string;
  activityId: string;
  activityTitle: string;
  questionText: string | null;
  questionEasyRead: string | null;
  childrenMode: boolean;
  source: ContributionSource;
  redactedText: string;
  createdAt: Date;
  /** Given by the signed-in person as the supporter of their child (the response is the child's). */
  withChild: boolean;
  /** The published response of the contribution's theme, if there is one. */
  published: { id: string; content: unknown; firstPublishedAt: Date; publishedAt: Date } | null;
};

/**
 * A person's own visible contributions, by receipt code or by account (submitted responses only),
 * each with its theme's published response: one query however many there are. By account, this
 * includes the answers they gave with their child (the survey's supporter mode, where the response
 * is the child's and the supporter's account is kept beside it), marked `withChild`.
 */
export async function listOwnContributions(tx: AreaTx, areaId: string, by: { receiptCode: string } | { accountId: string }): Promise<OwnContribution[]> {
  let query = tx
    .selectFrom('contribution as c')
    .innerJoin('response as r', (join) => join.onRef('r.id', '=', 'c.response_id').onRef('r.area_id', '=', 'c.area_id'))
    .innerJoin('activity as a', (join) => join.onRef('a.id', '=', 'c.activity_id').onRef('a.area_id', '=', 'c.area_id'))
    .leftJoin('question as q', 'q.id', 'c.question_id')
    .leftJoin('theme_contribution as tc', 'tc.contribution_id', 'c.id')
    // Only a published response joins: a theme still being answered shows "not answered yet".
    .leftJoin('theme_response as tr', (join) => join.onRef('tr.theme_id', '=', 'tc.theme_id').on('tr.published_at', 'is not', null))
    .select([
      'c.id',
      'c.activity_id',
      'a.title as activity_title',
      'a.children_mode',
      'q.text as question_text',
      'q.easy_read as question_easy_read',
      'c.source',
      'c.redacted_text',
      'c.created_at',
      'r.mode',
      'r.supporter_account_id',
      'tr.id as published_id',
      'tr.published_content',
      'tr.first_published_at',
      'tr.published_at',
    ])
    .where('c.area_id', '=', areaId)
    .where('c.hidden_at', 'is', null)
    .where('r.status', '=', 'submitted');
  query =
    'receiptCode' in by
      ? query.where('c.receipt_code', '=', by.receiptCode).where('r.receipt_code', '=', by.receiptCode)
      : query.where((eb) => eb.or([eb('c.account_id', '=', by.accountId), eb.and([eb('r.mode', '=', 'supported'), eb('r.supporter_account_id', '=', by.accountId)])]));
  const accountId = 'accountId' in by ? by.accountId : null;
  const rows = await query.orderBy('r.submitted_at', 'desc').orderBy('c.created_at').orderBy('c.id').execute();
  return rows.map((r) => ({
    id: r.id,
    activityId: r.activity_id,
    activityTitle: r.activity_title,
    questionText: r.question_text ?? null,
    questionEasyRead: r.question_easy_read || null,
    childrenMode: r.children_mode,
    source: r.source,
    redactedText: r.redacted_text,
    createdAt: r.created_at,
    withChild: accountId !== null && r.mode === 'supported' && r.supporter_account_id === accountId,
    published: r.published_id && r.published_at && r.first_published_at ? { id: r.published_id, content: r.published_content, firstPublishedAt: r.first_published_at, publishedAt: r.published_at } : null,
  }));
}

/** One answer per response: a second answer replaces the first (people may change their minds). */
export async function upsertListened(tx: AreaTx, areaId: string, response: { id: string; activityId: string }, rating: ListenedRating): Promise<void> {
  await tx
    .insertInto('listened_rating')
    .values({ area_id: areaId, response_id: response.id, activity_id: response.activityId, rating, updated_at: new Date() })
    .onConflict((oc) => oc.column('response_id').doUpdateSet({ rating, updated_at: new Date() }))
    .execute();
}
