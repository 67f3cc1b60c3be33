/**
 * Reports (issue 14): making, co-writing, approving and publishing a report. The workflow's rules
 * and transactions live here; the document each format draws is composed in document.ts.
 *
 * The workflow: draft → review (a lead sends it) → approved (a decision maker of the board, or an
 * area admin, records who) → published (a lead: the document is composed once and frozen in
 * report.snapshot, so its figures never change under a board member's feet). A decision maker can
 * send a report under review (or approved) back to draft with a reason. Nothing published can be
 * edited; "make a new version" copies it into a new draft (edition + 1) that is built afresh.
 *
 * Every edit carries the version the person saw: the report's own `version` for its details and
 * the order of its parts, each part's `version` for its commentary. A stale version changes nothing
 * and the caller gets what is saved now, to show beside what was typed (no lost update).
 *
 * The functions `reportDocumentForStaff`, `publishedDocument` and `listPublishedReports` are the
 * contract the other parts of the module (public pages, formats, seed, bench) rely on.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { displayNamesOf } from '../accounts/accounts.service.ts';
import { listMembers } from '../accounts/members.service.ts';
import { listServiceNames } from '../activities/activities.service.ts';
import { findAreaById, listForumsAndBoards, listOrganisations } from '../areas/areas.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { composeDocument, readSnapshot, type ReportDocument, type ReportHeader, type ReportPartInput, type ReportStatus } from './document.ts';
import * as repo from './reports.repository.ts';
import type { ReportKind, ReportScope, ReportSectionDefinition, Translate } from './sections.ts';

export type { ReportDetails, StoredPart, StoredReport, ReportListRow } from './reports.repository.ts';

export type PublishedReportRow = { id: string; title: string; kind: string; from: string; to: string; edition: number; publishedAt: Date };

/** The longest commentary a part may hold (about four pages of a board pack). */
export const MAX_COMMENTARY = 10_000;

/** Statuses in which a report's words and parts may still change. */
const EDITABLE: readonly ReportStatus[] = ['draft', 'review'];

/** A report that can no longer be changed (published, or approved and waiting to be published). */
export class ReportLockedError extends Error {
  readonly statusCode = 409;
  readonly status: ReportStatus;
  constructor(status: ReportStatus) {
    super(`Report is ${status}: it cannot be changed`);
    this.status = status;
  }
}

/** A step of the workflow asked for from the wrong status (a repeat, or someone else moved it first). */
export class WrongStatusError extends Error {
  readonly statusCode = 409;
  readonly status: ReportStatus;
  constructor(status: ReportStatus) {
    super(`Report is ${status}`);
    this.status = status;
  }
}

function reportIdOrNotFound(reportId: string): void {
  if (!isId(reportId)) throw new NotFoundError('report');
}

// ── Choices on the forms ────────────────────────────────────────────────────────────────────────

export type Choice = { id: string; name: string };
export type ReportChoices = {
  boards: Choice[];
  forums: Array<Choice & { audience: 'young_people' | 'parent_carers' | 'mixed' }>;
  organisations: Choice[];
  services: string[];
  /** Everyone in the area who may be given a part to write, by name. */
  members: Choice[];
};

/** The area's boards, forums, member organisations, services and members, for the report's forms. */
export async function reportChoices(db: Db, areaId: string, options: { members?: boolean } = {}): Promise<ReportChoices> {
  const [{ forums, boards }, organisations, services, members] = await Promise.all([
    listForumsAndBoards(db, areaId),
    listOrganisations(db, areaId),
    listServiceNames(db, areaId),
    options.members ? listMembers(db, areaId).then((m) => m.members) : Promise.resolve([]),
  ]);
  return {
    boards: boards.map((b) => ({ id: b.id, name: b.name })),
    forums: forums.map((f) => ({ id: f.id, name: f.name, audience: f.audience })),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    services,
    members: members.map((m) => ({ id: m.accountId, name: m.displayName })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
  };
}

// ── Making a report ─────────────────────────────────────────────────────────────────────────────

/** The registry sections a new report of this kind starts with, in their order. */
export function sectionsForKind(sections: readonly ReportSectionDefinition[], kind: ReportKind): ReportSectionDefinition[] {
  return sections.filter((s) => s.kinds.includes(kind)).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

export type NewReport = repo.ReportDetails & { kind: ReportKind };

/** The two written parts a board report offers by default, co-written by the forums. */
export const DEFAULT_WRITTEN_PARTS = [
  { titleKey: 'reports.defaultParts.parentCarers', audience: 'parent_carers' },
  { titleKey: 'reports.defaultParts.youngPeople', audience: 'young_people' },
] as const;

async function checkDetails(db: Db, areaId: string, details: repo.ReportDetails): Promise<void> {
  // The database refuses another area's board or organisation (composite keys), but a person
  // deserves a clear answer, and a made-up service is caught here too.
  if (details.from > details.to) throw new ConflictError('period');
  if (details.audienceBoardId || details.scope.kind !== 'area') {
    const choices = await reportChoices(db, areaId);
    if (details.audienceBoardId && !choices.boards.some((b) => b.id === details.audienceBoardId)) throw new NotFoundError('board');
    if (details.scope.kind === 'organisation') {
      const organisationId = details.scope.organisationId;
      if (!choices.organisations.some((o) => o.id === organisationId)) throw new NotFoundError('organisation');
    }
    if (details.scope.kind === 'service') {
      const service = details.scope.service;
      if (!choices.services.includes(service)) throw new NotFoundError('service');
    }
  }
}

/**
 * Makes a draft report: one part per registered section whose kinds include the report's kind, in
 * their order, and for a board report the two written parts the forums are offered ("What parent
 * carers say", "What children and young people say"), each credited to the area's forum of that
 * audience when there is one. Audited.
 */
export async function createReport(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, actorId: string | null, input: NewReport, t: Translate): Promise<string> {
  await checkDetails(db, areaId, input);
  const { forums } = await listForumsAndBoards(db, areaId);
  const parts: repo.NewPart[] = sectionsForKind(sections, input.kind).map((s) => ({ kind: 'section', sectionKey: s.key, title: null, forumId: null, writerAccountId: null, position: 0 }));
  if (input.kind === 'board') {
    for (const offered of DEFAULT_WRITTEN_PARTS) {
      const forum = forums.find((f) => f.audience === offered.audience);
      parts.push({ kind: 'written', sectionKey: null, title: t(offered.titleKey), forumId: forum?.id ?? null, writerAccountId: null, position: 0 });
    }
  }
  return withArea(db, areaId, async (tx) => {
    const id = await repo.insertReport(tx, areaId, { ...input, edition: 1, previousReportId: null, createdBy: actorId });
    await repo.insertParts(tx, areaId, id, parts.map((p, i) => ({ ...p, position: i + 1 })), actorId);
    await repo.insertEvent(tx, areaId, id, 'created', actorId);
    await audit(tx, areaId, actorId, 'report.create', { type: 'report', id, detail: { kind: input.kind } });
    return id;
  });
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

export type ListedReport = repo.ReportListRow & { laterEditionId: string | null };

/** The area's reports, newest first (two queries, however many reports). */
export async function listReports(db: Db, areaId: string): Promise<ListedReport[]> {
  return withArea(db, areaId, async (tx) => {
    const reports = await repo.listReports(tx, areaId);
    const later = await repo.laterEditions(tx, areaId, reports.filter((r) => r.status === 'published').map((r) => r.id));
    return reports.map((r) => ({ ...r, laterEditionId: later.get(r.id) ?? null }));
  });
}

export type PartView = repo.StoredPart & {
  /** The heading: the section's title in the reader's language, or the written part's own title. */
  heading: string;
  /** False for a section whose module is no longer registered (its commentary is kept). */
  registered: boolean;
  forumName: string | null;
  writerName: string | null;
  updatedByName: string | null;
};

export type ReportView = {
  report: repo.StoredReport & {
    audienceName: string;
    scopeLabel: string;
    createdByName: string | null;
    updatedByName: string | null;
    approvedByName: string | null;
    publishedByName: string | null;
    laterEditionId: string | null;
  };
  parts: PartView[];
};

type Names = { forums: Map<string, string>; boards: Map<string, string>; organisations: Map<string, string>; accounts: Map<string, string> };

async function namesFor(db: Db, areaId: string, accountIds: ReadonlyArray<string | null>): Promise<Names> {
  const [{ forums, boards }, organisations, accounts] = await Promise.all([
    listForumsAndBoards(db, areaId),
    listOrganisations(db, areaId),
    displayNamesOf(db, [...new Set(accountIds.filter((id): id is string => Boolean(id)))]),
  ]);
  return {
    forums: new Map(forums.map((f) => [f.id, f.name])),
    boards: new Map(boards.map((b) => [b.id, b.name])),
    organisations: new Map(organisations.map((o) => [o.id, o.name])),
    accounts,
  };
}

function scopeLabelOf(scope: ReportScope, areaName: string, names: Names, t: Translate): string {
  if (scope.kind === 'organisation') return names.organisations.get(scope.organisationId) ?? t('reports.scope.removedOrganisation');
  if (scope.kind === 'service') return scope.service;
  return areaName;
}

function partHeading(part: repo.StoredPart, sectionsByKey: Map<string, ReportSectionDefinition>, t: Translate): string {
  if (part.kind === 'written') return part.title ?? '';
  const section = part.sectionKey ? sectionsByKey.get(part.sectionKey) : undefined;
  return section ? section.title(t) : t('reports.parts.unregistered', { key: part.sectionKey ?? '' });
}

async function loadReport(db: Db, areaId: string, reportId: string): Promise<{ report: repo.StoredReport; parts: repo.StoredPart[]; laterEditionId: string | null }> {
  reportIdOrNotFound(reportId);
  return withArea(db, areaId, async (tx) => {
    const report = await repo.findReport(tx, areaId, reportId);
    if (!report) throw new NotFoundError('report');
    const parts = await repo.listParts(tx, areaId, reportId);
    const later = report.status === 'published' ? await repo.laterEditions(tx, areaId, [reportId]) : new Map<string, string>();
    return { report, parts, laterEditionId: later.get(reportId) ?? null };
  });
}

/** A report and its parts, with the names of everyone and everything they refer to (a fixed number of queries). */
export async function getReport(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, reportId: string, t: Translate): Promise<ReportView> {
  const [{ report, parts, laterEditionId }, area] = await Promise.all([loadReport(db, areaId, reportId), findAreaById(db, areaId)]);
  const names = await namesFor(db, areaId, [report.createdBy, report.updatedBy, report.approvedBy, report.publishedBy, ...parts.flatMap((p) => [p.writerAccountId, p.updatedBy])]);
  const sectionsByKey = new Map(sections.map((s) => [s.key, s]));
  const name = (id: string | null) => (id ? (names.accounts.get(id) ?? null) : null);
  return {
    report: {
      ...report,
      audienceName: (report.audienceBoardId && names.boards.get(report.audienceBoardId)) || report.audienceText,
      scopeLabel: scopeLabelOf(report.scope, area?.name ?? '', names, t),
      createdByName: name(report.createdBy),
      updatedByName: name(report.updatedBy),
      approvedByName: name(report.approvedBy),
      publishedByName: name(report.publishedBy),
      laterEditionId,
    },
    parts: parts.map((p) => ({
      ...p,
      heading: partHeading(p, sectionsByKey, t),
      registered: p.kind === 'written' || (p.sectionKey !== null && sectionsByKey.has(p.sectionKey)),
      forumName: p.forumId ? (names.forums.get(p.forumId) ?? null) : null,
      writerName: name(p.writerAccountId),
      updatedByName: name(p.updatedBy),
    })),
  };
}

function headerOf(view: ReportView, area: { name: string; slug: string }, lang: 'en' | 'cy'): ReportHeader {
  const r = view.report;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    audience: r.audienceName,
    authors: r.authors,
    scope: r.scope,
    scopeLabel: r.scopeLabel,
    from: r.from,
    to: r.to,
    status: r.status,
    edition: r.edition,
    approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null,
    publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
    areaName: area.name,
    areaSlug: area.slug,
    lang,
  };
}

function partInputs(parts: readonly PartView[]): ReportPartInput[] {
  return parts.map((p) => ({ id: p.id, kind: p.kind, sectionKey: p.sectionKey, title: p.title, commentary: p.commentary, writtenBy: p.forumName, position: p.position }));
}

async function areaOrNotFound(db: Db, areaId: string): Promise<{ name: string; slug: string }> {
  const area = await findAreaById(db, areaId);
  if (!area) throw new NotFoundError('area');
  return area;
}

/** Composes a report's document now, from its parts (all of them, or only those listed). */
async function composeNow(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, view: ReportView, t: Translate, lang: 'en' | 'cy', now: Date, onlyPartIds?: readonly string[]): Promise<ReportDocument> {
  const area = await areaOrNotFound(db, areaId);
  const parts = onlyPartIds ? view.parts.filter((p) => onlyPartIds.includes(p.id)) : view.parts;
  return composeDocument({ db, areaId, t, lang, now }, headerOf(view, area, lang), partInputs(parts), sections);
}

/**
 * The document of any report in the area, for staff who may view reports: a published report's frozen
 * snapshot, otherwise composed now from its sections. NotFoundError when there is no such report.
 */
export async function reportDocumentForStaff(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, reportId: string, t: Translate, lang: 'en' | 'cy', now: Date = new Date()): Promise<ReportDocument> {
  const view = await getReport(db, sections, areaId, reportId, t);
  if (view.report.status === 'published') {
    const frozen = readSnapshot(view.report.snapshot);
    if (frozen) return frozen;
  }
  return composeNow(db, sections, areaId, view, t, lang, now);
}

/** The automatic part of one section part (for the writer's page), composed now; null for a written part. */
export async function partDocument(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, reportId: string, partId: string, t: Translate, lang: 'en' | 'cy', now: Date = new Date()): Promise<ReportDocument> {
  const view = await getReport(db, sections, areaId, reportId, t);
  if (view.report.status === 'published') {
    const frozen = readSnapshot(view.report.snapshot);
    if (frozen) return { ...frozen, sections: frozen.sections.filter((s) => s.partId === partId) };
  }
  return composeNow(db, sections, areaId, view, t, lang, now, [partId]);
}

/** A published report's frozen document, for anyone. NotFoundError when it is not published (or not there). */
export async function publishedDocument(db: Db, areaId: string, reportId: string): Promise<ReportDocument> {
  reportIdOrNotFound(reportId);
  const report = await withArea(db, areaId, (tx) => repo.findReport(tx, areaId, reportId));
  if (!report || report.status !== 'published') throw new NotFoundError('report');
  const document = readSnapshot(report.snapshot);
  if (!document) throw new NotFoundError('report');
  return document;
}

/** The area's published reports, newest first (the public list). */
export async function listPublishedReports(db: Db, areaId: string): Promise<PublishedReportRow[]> {
  return withArea(db, areaId, (tx) => repo.listPublished(tx, areaId));
}

// ── Changing a report ───────────────────────────────────────────────────────────────────────────

export type EditResult = { ok: true } | { ok: false; current: ReportView };

class VersionConflict extends Error {}

/** Runs an edit of a report that is still being worked on; a stale version gives what is saved now. */
async function editReport(
  db: Db,
  sections: readonly ReportSectionDefinition[],
  areaId: string,
  reportId: string,
  t: Translate,
  change: (tx: AreaTx, report: repo.StoredReport) => Promise<void>,
): Promise<EditResult> {
  reportIdOrNotFound(reportId);
  try {
    await withArea(db, areaId, async (tx) => {
      const report = await repo.findReport(tx, areaId, reportId);
      if (!report) throw new NotFoundError('report');
      if (!EDITABLE.includes(report.status)) throw new ReportLockedError(report.status);
      await change(tx, report);
    });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    return { ok: false, current: await getReport(db, sections, areaId, reportId, t) };
  }
}

/** Saves the report's details (title, audience, authors, scope, period) if nobody changed them meanwhile. */
export async function saveDetails(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, actorId: string | null, reportId: string, details: repo.ReportDetails, expectedVersion: number, t: Translate): Promise<EditResult> {
  await checkDetails(db, areaId, details);
  return editReport(db, sections, areaId, reportId, t, async (tx, report) => {
    if (!(await repo.updateDetailsIfVersion(tx, areaId, reportId, expectedVersion, details, actorId))) {
      const now = await repo.findReport(tx, areaId, reportId);
      if (now && !EDITABLE.includes(now.status)) throw new ReportLockedError(now.status);
      throw new VersionConflict();
    }
    await repo.insertEvent(tx, areaId, report.id, 'details_changed', actorId);
  });
}

/** May this person write this part? Leads and area admins any part; anyone else only a part given to them. */
export function mayWritePart(actor: Actor | null | undefined, areaId: string, part: Pick<repo.StoredPart, 'writerAccountId'>): boolean {
  if (!actor) return false;
  if (can(actor, 'report.manage', { areaId })) return true;
  return part.writerAccountId !== null && part.writerAccountId === actor.accountId && can(actor, 'report.write', { areaId });
}

export type PartEditView = { view: ReportView; part: PartView };

/** Someone asked for a part that was given to someone else to write. */
export class NotYourPartError extends Error {
  readonly statusCode = 404;
  /** True when the person may read the report (staff): they can be sent to its page. */
  readonly canView: boolean;
  constructor(canView: boolean) {
    super('Report part is not theirs to write');
    this.canView = canView;
  }
}

/**
 * A part for its writing page. A part that is not this person's to write is refused with
 * NotYourPartError (a 404 when nobody catches it): a parent carer learns nothing of other parts.
 */
export async function getPartToWrite(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, actor: Actor | null | undefined, reportId: string, partId: string, t: Translate): Promise<PartEditView> {
  if (!isId(partId)) throw new NotFoundError('part');
  const view = await getReport(db, sections, areaId, reportId, t);
  const part = view.parts.find((p) => p.id === partId);
  if (!part) throw new NotFoundError('part');
  if (!mayWritePart(actor, areaId, part)) throw new NotYourPartError(can(actor ?? null, 'report.view', { areaId }));
  return { view, part };
}

export type WriteResult = { ok: true } | { ok: false; current: PartView };

/**
 * Saves a part's commentary if nobody wrote it since `expectedVersion`; otherwise nothing changes and
 * the caller gets the part as saved now. Only the part's writer, a lead or an area admin may.
 */
export async function writePart(
  db: Db,
  sections: readonly ReportSectionDefinition[],
  areaId: string,
  actor: Actor | null | undefined,
  reportId: string,
  partId: string,
  commentary: string,
  expectedVersion: number,
  t: Translate,
): Promise<WriteResult> {
  const { part } = await getPartToWrite(db, sections, areaId, actor, reportId, partId, t);
  if (commentary.length > MAX_COMMENTARY) throw new ConflictError('commentary too long');
  const actorId = actor?.accountId ?? null;
  const written = await withArea(db, areaId, async (tx) => {
    const report = await repo.findReport(tx, areaId, reportId);
    if (!report) throw new NotFoundError('report');
    if (!EDITABLE.includes(report.status)) throw new ReportLockedError(report.status);
    const saved = await repo.writePartIfVersion(tx, areaId, reportId, partId, expectedVersion, commentary, actorId);
    if (saved) await repo.insertEvent(tx, areaId, reportId, 'part_written', actorId, part.heading);
    return saved;
  });
  if (written) return { ok: true };
  const now = await getReport(db, sections, areaId, reportId, t);
  const current = now.parts.find((p) => p.id === partId);
  if (!current) throw new NotFoundError('part');
  return { ok: false, current };
}

export type WrittenPartInput = { title: string; forumId: string | null; writerAccountId: string | null };

/** Adds a written part at the end (a forum's own part, or the authors'). */
export async function addWrittenPart(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, actorId: string | null, reportId: string, input: WrittenPartInput, expectedVersion: number, t: Translate): Promise<EditResult> {
  const choices = await reportChoices(db, areaId, { members: input.writerAccountId !== null });
  if (input.forumId && !choices.forums.some((f) => f.id === input.forumId)) throw new NotFoundError('forum');
  if (input.writerAccountId && !choices.members.some((m) => m.id === input.writerAccountId)) throw new NotFoundError('member');
  return editReport(db, sections, areaId, reportId, t, async (tx, report) => {
    if (!(await repo.bumpVersionIf(tx, areaId, reportId, expectedVersion, actorId))) throw new VersionConflict();
    const parts = await repo.listParts(tx, areaId, reportId);
    const position = parts.reduce((max, p) => Math.max(max, p.position), 0) + 1;
    await repo.insertParts(tx, areaId, reportId, [{ kind: 'written', sectionKey: null, title: input.title, forumId: input.forumId, writerAccountId: input.writerAccountId, position }], actorId);
    await repo.insertEvent(tx, areaId, report.id, 'part_added', actorId, input.title);
  });
}

/** Gives a part to someone in the area to write (or to nobody), and credits it to a forum (or none). */
export async function assignPart(
  db: Db,
  sections: readonly ReportSectionDefinition[],
  areaId: string,
  actorId: string | null,
  reportId: string,
  partId: string,
  input: { forumId: string | null; writerAccountId: string | null },
  expectedVersion: number,
  t: Translate,
): Promise<EditResult> {
  if (!isId(partId)) throw new NotFoundError('part');
  const choices = await reportChoices(db, areaId, { members: input.writerAccountId !== null });
  if (input.forumId && !choices.forums.some((f) => f.id === input.forumId)) throw new NotFoundError('forum');
  if (input.writerAccountId && !choices.members.some((m) => m.id === input.writerAccountId)) throw new NotFoundError('member');
  return editReport(db, sections, areaId, reportId, t, async (tx, report) => {
    const part = await repo.findPart(tx, areaId, reportId, partId);
    if (!part) throw new NotFoundError('part');
    if (!(await repo.bumpVersionIf(tx, areaId, reportId, expectedVersion, actorId))) throw new VersionConflict();
    await repo.assignPart(tx, areaId, reportId, partId, input.forumId, input.writerAccountId);
    await repo.insertEvent(tx, areaId, report.id, 'details_changed', actorId, part.title ?? part.sectionKey ?? '');
  });
}

/** Takes a part out of the report (its commentary goes with it). */
export async function removePart(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, actorId: string | null, reportId: string, partId: string, expectedVersion: number, t: Translate): Promise<EditResult> {
  if (!isId(partId)) throw new NotFoundError('part');
  return editReport(db, sections, areaId, reportId, t, async (tx, report) => {
    const part = await repo.findPart(tx, areaId, reportId, partId);
    if (!part) throw new NotFoundError('part');
    if (!(await repo.bumpVersionIf(tx, areaId, reportId, expectedVersion, actorId))) throw new VersionConflict();
    await repo.deletePart(tx, areaId, reportId, partId);
    const rest = await repo.listParts(tx, areaId, reportId);
    await repo.renumberParts(tx, areaId, reportId, rest.map((p) => p.id));
    const sectionTitle = part.sectionKey ? sections.find((s) => s.key === part.sectionKey)?.title(t) : undefined;
    await repo.insertEvent(tx, areaId, report.id, 'part_removed', actorId, part.title ?? sectionTitle ?? part.sectionKey ?? '');
  });
}

/** Moves a part one place up or down (at the ends, nothing moves). */
export async function movePart(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, actorId: string | null, reportId: string, partId: string, direction: 'up' | 'down', expectedVersion: number, t: Translate): Promise<EditResult> {
  if (!isId(partId)) throw new NotFoundError('part');
  return editReport(db, sections, areaId, reportId, t, async (tx, report) => {
    const parts = await repo.listParts(tx, areaId, reportId);
    const index = parts.findIndex((p) => p.id === partId);
    if (index < 0) throw new NotFoundError('part');
    if (!(await repo.bumpVersionIf(tx, areaId, reportId, expectedVersion, actorId))) throw new VersionConflict();
    const other = direction === 'up' ? index - 1 : index + 1;
    if (other < 0 || other >= parts.length) return;
    const ids = parts.map((p) => p.id);
    [ids[index], ids[other]] = [ids[other]!, ids[index]!];
    await repo.renumberParts(tx, areaId, reportId, ids);
    await repo.insertEvent(tx, areaId, report.id, 'part_moved', actorId, parts[index]!.title ?? '');
  });
}

// ── The workflow ────────────────────────────────────────────────────────────────────────────────

async function moveStatus(
  db: Db,
  areaId: string,
  actorId: string | null,
  reportId: string,
  from: readonly ReportStatus[],
  to: ReportStatus,
  event: 'submitted' | 'approved' | 'sent_back',
  auditAction: 'report.submit' | 'report.approve' | 'report.send_back',
  note = '',
): Promise<void> {
  reportIdOrNotFound(reportId);
  await withArea(db, areaId, async (tx) => {
    const report = await repo.findReport(tx, areaId, reportId, { lock: true });
    if (!report) throw new NotFoundError('report');
    if (!from.includes(report.status)) throw new WrongStatusError(report.status);
    await repo.setStatus(tx, areaId, reportId, from, to, actorId, { approved: to === 'approved' });
    await repo.insertEvent(tx, areaId, reportId, event, actorId, note);
    if (auditAction === 'report.submit') await audit(tx, areaId, actorId, 'report.submit', { type: 'report', id: reportId });
    else if (auditAction === 'report.approve') await audit(tx, areaId, actorId, 'report.approve', { type: 'report', id: reportId });
    else await audit(tx, areaId, actorId, 'report.send_back', { type: 'report', id: reportId });
  });
}

/** Draft → ready for review. */
export function submitForReview(db: Db, areaId: string, actorId: string | null, reportId: string): Promise<void> {
  return moveStatus(db, areaId, actorId, reportId, ['draft'], 'review', 'submitted', 'report.submit');
}

/** Review → approved, recording who approved it and when. */
export function approveReport(db: Db, areaId: string, actorId: string | null, reportId: string): Promise<void> {
  return moveStatus(db, areaId, actorId, reportId, ['review'], 'approved', 'approved', 'report.approve');
}

/** Review or approved → draft, with the reason (shown on the report page and in its history). */
export function sendBack(db: Db, areaId: string, actorId: string | null, reportId: string, reason: string): Promise<void> {
  return moveStatus(db, areaId, actorId, reportId, ['review', 'approved'], 'draft', 'sent_back', 'report.send_back', reason);
}

/**
 * Approved → published: the document is composed once, now, and stored; from then on the report
 * reads its snapshot and nothing in it can change. Only an approved report publishes.
 */
export async function publishReport(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, actorId: string | null, reportId: string, t: Translate, lang: 'en' | 'cy', now: Date = new Date()): Promise<void> {
  const view = await getReport(db, sections, areaId, reportId, t);
  if (view.report.status !== 'approved') throw new WrongStatusError(view.report.status);
  const document = await composeNow(db, sections, areaId, view, t, lang, now);
  const frozen: ReportDocument = { ...document, header: { ...document.header, status: 'published', publishedAt: now.toISOString() }, frozen: true };
  await withArea(db, areaId, async (tx) => {
    const report = await repo.findReport(tx, areaId, reportId, { lock: true });
    if (!report) throw new NotFoundError('report');
    // Sent back (or published by someone else) while the document was being composed.
    if (report.status !== 'approved') throw new WrongStatusError(report.status);
    await repo.setStatus(tx, areaId, reportId, ['approved'], 'published', actorId, { published: { snapshot: JSON.stringify(frozen) } });
    await repo.insertEvent(tx, areaId, reportId, 'published', actorId);
    await audit(tx, areaId, actorId, 'report.publish', { type: 'report', id: reportId, detail: { edition: report.edition } });
  });
}

/**
 * A new draft made from a published report: the same kind, details, parts and commentary, edition
 * + 1, remembering which report it came from. Its figures are worked out afresh when it is read.
 * One new version per published report: asking again gives the one already made.
 */
export async function makeNewVersion(db: Db, areaId: string, actorId: string | null, reportId: string): Promise<string> {
  reportIdOrNotFound(reportId);
  return withArea(db, areaId, async (tx) => {
    const report = await repo.findReport(tx, areaId, reportId, { lock: true });
    if (!report) throw new NotFoundError('report');
    if (report.status !== 'published') throw new WrongStatusError(report.status);
    const existing = (await repo.laterEditions(tx, areaId, [reportId])).get(reportId);
    if (existing) return existing;
    const id = await repo.insertReport(tx, areaId, {
      kind: report.kind,
      title: report.title,
      audienceBoardId: report.audienceBoardId,
      audienceText: report.audienceText,
      authors: report.authors,
      scope: report.scope,
      from: report.from,
      to: report.to,
      edition: report.edition + 1,
      previousReportId: report.id,
      createdBy: actorId,
    });
    const parts = await repo.listParts(tx, areaId, reportId);
    await repo.insertParts(
      tx,
      areaId,
      id,
      parts.map((p, i) => ({ kind: p.kind, sectionKey: p.sectionKey, title: p.title, commentary: p.commentary, forumId: p.forumId, writerAccountId: p.writerAccountId, position: i + 1 })),
      actorId,
    );
    await repo.insertEvent(tx, areaId, id, 'new_version', actorId, report.title);
    await audit(tx, areaId, actorId, 'report.new_version', { type: 'report', id, detail: { from: reportId, edition: report.edition + 1 } });
    return id;
  });
}

/** Deletes a report that was never published (a published report is a record: it stays). */
export async function deleteReport(db: Db, areaId: string, actorId: string | null, reportId: string): Promise<void> {
  reportIdOrNotFound(reportId);
  await withArea(db, areaId, async (tx) => {
    const report = await repo.findReport(tx, areaId, reportId, { lock: true });
    if (!report) throw new NotFoundError('report');
    if (!EDITABLE.includes(report.status)) throw new ReportLockedError(report.status);
    await repo.deleteReport(tx, areaId, reportId);
    await audit(tx, areaId, actorId, 'report.delete', { type: 'report', id: reportId, detail: { title: report.title } });
  });
}

// ── History and the writer's own list ───────────────────────────────────────────────────────────

export type HistoryEntry = repo.StoredEvent & { actorName: string | null };

/** What happened to a report, newest first, with who did it by name. */
export async function reportHistory(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, reportId: string, t: Translate): Promise<{ view: ReportView; entries: HistoryEntry[] }> {
  const view = await getReport(db, sections, areaId, reportId, t);
  const events = await withArea(db, areaId, (tx) => repo.listEvents(tx, areaId, reportId));
  const names = await displayNamesOf(db, [...new Set(events.flatMap((e) => (e.actorAccountId ? [e.actorAccountId] : [])))]);
  return { view, entries: events.map((e) => ({ ...e, actorName: (e.actorAccountId && names.get(e.actorAccountId)) || null })) };
}

export type GivenPart = { reportId: string; partId: string; reportTitle: string; reportStatus: ReportStatus; heading: string; written: boolean };

/** The parts of reports still being worked on that were given to this person to write. */
export async function partsGivenTo(db: Db, sections: readonly ReportSectionDefinition[], areaId: string, accountId: string, t: Translate): Promise<GivenPart[]> {
  const parts = await withArea(db, areaId, (tx) => repo.listPartsGivenTo(tx, areaId, accountId));
  const sectionsByKey = new Map(sections.map((s) => [s.key, s]));
  return parts.map((p) => ({ reportId: p.reportId, partId: p.id, reportTitle: p.reportTitle, reportStatus: p.reportStatus, heading: partHeading(p, sectionsByKey, t), written: p.commentary.trim().length > 0 }));
}

/** How many parts of reports still being worked on were given to this person to write (their own page says so). */
export function countPartsGivenTo(db: Db, areaId: string, accountId: string): Promise<number> {
  return withArea(db, areaId, (tx) => repo.countPartsGivenTo(tx, areaId, accountId));
}
