/**
 * All SQL of the reports workflow, on the reports module's own tables (report, report_part,
 * report_event). Every function takes the area's transaction (withArea) and the area id; names of
 * people, boards, forums and organisations are asked of their own modules by the service.
 */
import { sql, type Selectable } from 'kysely';
import type { AreaTx, ReportEventAction, ReportPartTable, ReportTable } from '../../db/database.ts';
import type { ReportStatus } from './document.ts';
import type { ReportKind, ReportScope } from './sections.ts';

export type ReportDetails = {
  title: string;
  audienceBoardId: string | null;
  audienceText: string;
  authors: string;
  scope: ReportScope;
  from: string;
  to: string;
};

export type StoredReport = ReportDetails & {
  id: string;
  kind: ReportKind;
  status: ReportStatus;
  version: number;
  edition: number;
  previousReportId: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  publishedBy: string | null;
  publishedAt: Date | null;
  /** The stored snapshot as it came from the database (read with readSnapshot). */
  snapshot: unknown;
};

export type StoredPart = {
  id: string;
  reportId: string;
  kind: 'section' | 'written';
  sectionKey: string | null;
  title: string | null;
  commentary: string;
  forumId: string | null;
  writerAccountId: string | null;
  position: number;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
};

/** What a report's details form holds (kind is chosen once, when it is made). */

function scopeOf(row: Pick<Selectable<ReportTable>, 'scope_kind' | 'scope_organisation_id' | 'scope_service'>): ReportScope {
  if (row.scope_kind === 'organisation' && row.scope_organisation_id) return { kind: 'organisation', organisationId: row.scope_organisation_id };
  if (row.scope_kind === 'service' && row.scope_service) return { kind: 'service', service: row.scope_service };
  return { kind: 'area' };
}

function scopeColumns(scope: ReportScope) {
  return {
    scope_kind: scope.kind,
    scope_organisation_id: scope.kind === 'organisation' ? scope.organisationId : null,
    scope_service: scope.kind === 'service' ? scope.service : null,
  };
}

function toReport(row: Selectable<ReportTable>): StoredReport {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    audienceBoardId: row.audience_board_id,
    audienceText: row.audience_text,
    authors: row.authors,
    scope: scopeOf(row),
    from: row.period_from,
    to: row.period_to,
    status: row.status,
    version: row.version,
    edition: row.edition,
    previousReportId: row.previous_report_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    snapshot: row.snapshot,
  };
}

function toPart(row: Selectable<ReportPartTable>): StoredPart {
  return {
    id: row.id,
    reportId: row.report_id,
    kind: row.kind,
    sectionKey: row.section_key,
    title: row.title,
    commentary: row.commentary,
    forumId: row.forum_id,
    writerAccountId: row.writer_account_id,
    position: row.position,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

// ── Reports ─────────────────────────────────────────────────────────────────────────────────────

export type ReportListRow = Omit<StoredReport, 'snapshot'>;

const LIST_COLUMNS = [
  'id', 'area_id', 'kind', 'title', 'audience_board_id', 'audience_text', 'authors', 'scope_kind', 'scope_organisation_id', 'scope_service', 'period_from', 'period_to',
  'status', 'version', 'edition', 'previous_report_id', 'created_by', 'created_at', 'updated_by', 'updated_at', 'approved_by', 'approved_at', 'published_by', 'published_at',
] as const;

/** The area's reports, newest first, without their snapshots (one query, however many reports). */
export async function listReports(tx: AreaTx, areaId: string): Promise<ReportListRow[]> {
  const rows = await tx.selectFrom('report').select(LIST_COLUMNS).where('area_id', '=', areaId).orderBy('created_at', 'desc').orderBy('id').limit(1000).execute();
  return rows.map((row) => {
    const { snapshot: _unused, ...rest } = toReport({ ...row, snapshot: null });
    return rest;
  });
}

export async function findReport(tx: AreaTx, areaId: string, reportId: string, options: { lock?: boolean } = {}): Promise<StoredReport | undefined> {
  let query = tx.selectFrom('report').selectAll().where('area_id', '=', areaId).where('id', '=', reportId);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toReport(row);
}

export async function insertReport(
  tx: AreaTx,
  areaId: string,
  values: ReportDetails & { kind: ReportKind; edition: number; previousReportId: string | null; createdBy: string | null },
): Promise<string> {
  const row = await tx
    .insertInto('report')
    .values({
      area_id: areaId,
      kind: values.kind,
      title: values.title,
      audience_board_id: values.audienceBoardId,
      audience_text: values.audienceText,
      authors: values.authors,
      ...scopeColumns(values.scope),
      period_from: values.from,
      period_to: values.to,
      edition: values.edition,
      previous_report_id: values.previousReportId,
      created_by: values.createdBy,
      updated_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Writes the report's details if nobody changed them since `expectedVersion` and it is still being
 * worked on. Under READ COMMITTED a second writer waits for the first's row lock and re-checks the
 * version against the committed row, so two saves from the same version can never both succeed.
 */
export async function updateDetailsIfVersion(tx: AreaTx, areaId: string, reportId: string, expectedVersion: number, details: ReportDetails, actorId: string | null): Promise<boolean> {
  const result = await tx
    .updateTable('report')
    .set({
      title: details.title,
      audience_board_id: details.audienceBoardId,
      audience_text: details.audienceText,
      authors: details.authors,
      ...scopeColumns(details.scope),
      period_from: details.from,
      period_to: details.to,
      version: sql<number>`version + 1`,
      updated_by: actorId,
      updated_at: sql<Date>`now()`,
    })
    .where('area_id', '=', areaId)
    .where('id', '=', reportId)
    .where('version', '=', expectedVersion)
    .where('status', 'in', ['draft', 'review'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Bumps the report's version (its parts were added, removed or moved) if it is still `expectedVersion`. */
export async function bumpVersionIf(tx: AreaTx, areaId: string, reportId: string, expectedVersion: number, actorId: string | null): Promise<boolean> {
  const result = await tx
    .updateTable('report')
    .set({ version: sql<number>`version + 1`, updated_by: actorId, updated_at: sql<Date>`now()` })
    .where('area_id', '=', areaId)
    .where('id', '=', reportId)
    .where('version', '=', expectedVersion)
    .where('status', 'in', ['draft', 'review'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves a report from one status to another (only from `from`: a repeat or a race changes nothing). */
export async function setStatus(
  tx: AreaTx,
  areaId: string,
  reportId: string,
  from: readonly ReportStatus[],
  to: ReportStatus,
  actorId: string | null,
  extra: { approved?: boolean; published?: { snapshot: string } } = {},
): Promise<boolean> {
  const result = await tx
    .updateTable('report')
    .set({
      status: to,
      updated_by: actorId,
      updated_at: sql<Date>`now()`,
      ...(extra.approved ? { approved_by: actorId, approved_at: sql<Date>`now()` } : {}),
      ...(to === 'draft' ? { approved_by: null, approved_at: null } : {}),
      ...(extra.published ? { published_by: actorId, published_at: sql<Date>`now()`, snapshot: extra.published.snapshot } : {}),
    })
    .where('area_id', '=', areaId)
    .where('id', '=', reportId)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteReport(tx: AreaTx, areaId: string, reportId: string): Promise<boolean> {
  const result = await tx.deleteFrom('report').where('area_id', '=', areaId).where('id', '=', reportId).where('status', 'in', ['draft', 'review']).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The area's published reports, newest first, without snapshots (the public list). */
export async function listPublished(tx: AreaTx, areaId: string): Promise<Array<{ id: string; title: string; kind: string; from: string; to: string; edition: number; publishedAt: Date }>> {
  const rows = await tx
    .selectFrom('report')
    .select(['id', 'title', 'kind', 'period_from', 'period_to', 'edition', 'published_at'])
    .where('area_id', '=', areaId)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, kind: r.kind, from: r.period_from, to: r.period_to, edition: r.edition, publishedAt: r.published_at! }));
}

/** Newer editions made from these reports ("a new version of it exists"), by the report they came from. */
export async function laterEditions(tx: AreaTx, areaId: string, reportIds: readonly string[]): Promise<Map<string, string>> {
  if (reportIds.length === 0) return new Map();
  const rows = await tx.selectFrom('report').select(['id', 'previous_report_id']).where('area_id', '=', areaId).where('previous_report_id', 'in', [...reportIds]).execute();
  return new Map(rows.map((r) => [r.previous_report_id!, r.id]));
}

// ── Parts ───────────────────────────────────────────────────────────────────────────────────────

export async function listParts(tx: AreaTx, areaId: string, reportId: string): Promise<StoredPart[]> {
  const rows = await tx.selectFrom('report_part').selectAll().where('area_id', '=', areaId).where('report_id', '=', reportId).orderBy('position').orderBy('created_at').execute();
  return rows.map(toPart);
}

export async function findPart(tx: AreaTx, areaId: string, reportId: string, partId: string): Promise<StoredPart | undefined> {
  const row = await tx.selectFrom('report_part').selectAll().where('area_id', '=', areaId).where('report_id', '=', reportId).where('id', '=', partId).executeTakeFirst();
  return row && toPart(row);
}

export type NewPart = {
  kind: 'section' | 'written';
  sectionKey: string | null;
  title: string | null;
  commentary?: string;
  forumId: string | null;
  writerAccountId: string | null;
  position: number;
};

export async function insertParts(tx: AreaTx, areaId: string, reportId: string, parts: readonly NewPart[], actorId: string | null): Promise<void> {
  if (parts.length === 0) return;
  await tx
    .insertInto('report_part')
    .values(
      parts.map((p) => ({
        area_id: areaId,
        report_id: reportId,
        kind: p.kind,
        section_key: p.sectionKey,
        title: p.title,
        commentary: p.commentary ?? '',
        forum_id: p.forumId,
        writer_account_id: p.writerAccountId,
        position: p.position,
        updated_by: actorId,
      })),
    )
    .execute();
}

/** Writes a part's commentary if nobody wrote it since `expectedVersion`; the updated part, or undefined. */
export async function writePartIfVersion(tx: AreaTx, areaId: string, reportId: string, partId: string, expectedVersion: number, commentary: string, actorId: string | null): Promise<StoredPart | undefined> {
  const row = await tx
    .updateTable('report_part')
    .set({ commentary, version: sql<number>`version + 1`, updated_by: actorId, updated_at: sql<Date>`now()` })
    .where('area_id', '=', areaId)
    .where('report_id', '=', reportId)
    .where('id', '=', partId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row && toPart(row);
}

/** Credits a part to a forum (or none) and gives it to someone to write (or to nobody). */
export async function assignPart(tx: AreaTx, areaId: string, reportId: string, partId: string, forumId: string | null, writerAccountId: string | null): Promise<void> {
  await tx.updateTable('report_part').set({ forum_id: forumId, writer_account_id: writerAccountId }).where('area_id', '=', areaId).where('report_id', '=', reportId).where('id', '=', partId).execute();
}

export async function deletePart(tx: AreaTx, areaId: string, reportId: string, partId: string): Promise<boolean> {
  const result = await tx.deleteFrom('report_part').where('area_id', '=', areaId).where('report_id', '=', reportId).where('id', '=', partId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Numbers the parts 1, 2, 3… in the order given (one statement, whatever the number of parts). */
export async function renumberParts(tx: AreaTx, areaId: string, reportId: string, orderedIds: readonly string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  const ids = sql.join(orderedIds.map((id) => sql`${id}::uuid`));
  await tx
    .updateTable('report_part')
    .set({ position: sql<number>`array_position(array[${ids}], id)` })
    .where('area_id', '=', areaId)
    .where('report_id', '=', reportId)
    .where('id', 'in', [...orderedIds])
    .execute();
}

/** Parts given to this account to write, in reports not yet published, with their report's title. */
export async function listPartsGivenTo(tx: AreaTx, areaId: string, accountId: string): Promise<Array<StoredPart & { reportTitle: string; reportStatus: ReportStatus }>> {
  const rows = await tx
    .selectFrom('report_part as p')
    .innerJoin('report as r', (join) => join.onRef('r.id', '=', 'p.report_id').onRef('r.area_id', '=', 'p.area_id'))
    .selectAll('p')
    .select(['r.title as report_title', 'r.status as report_status'])
    .where('p.area_id', '=', areaId)
    .where('p.writer_account_id', '=', accountId)
    .where('r.status', '<>', 'published')
    .orderBy('r.created_at', 'desc')
    .orderBy('p.position')
    .limit(100)
    .execute();
  return rows.map((row) => ({ ...toPart(row), reportTitle: row.report_title, reportStatus: row.report_status }));
}

/** How many parts of reports still being worked on were given to this account to write (one query). */
export async function countPartsGivenTo(tx: AreaTx, areaId: string, accountId: string): Promise<number> {
  const row = await tx
    .selectFrom('report_part as p')
    .innerJoin('report as r', (join) => join.onRef('r.id', '=', 'p.report_id').onRef('r.area_id', '=', 'p.area_id'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('p.area_id', '=', areaId)
    .where('p.writer_account_id', '=', accountId)
    .where('r.status', 'in', ['draft', 'review'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ── History ─────────────────────────────────────────────────────────────────────────────────────

export type StoredEvent = { action: ReportEventAction; note: string; actorAccountId: string | null; at: Date };

export async function insertEvent(tx: AreaTx, areaId: string, reportId: string, action: ReportEventAction, actorId: string | null, note = ''): Promise<void> {
  await tx.insertInto('report_event').values({ area_id: areaId, report_id: reportId, action, actor_account_id: actorId, note: note.slice(0, 2000) }).execute();
}

export async function listEvents(tx: AreaTx, areaId: string, reportId: string): Promise<StoredEvent[]> {
  const rows = await tx.selectFrom('report_event').select(['action', 'note', 'actor_account_id', 'at']).where('area_id', '=', areaId).where('report_id', '=', reportId).orderBy('at', 'desc').orderBy('id').limit(500).execute();
  return rows.map((r) => ({ action: r.action, note: r.note, actorAccountId: r.actor_account_id, at: r.at }));
}
