/**
 * Staff pages: the list of reports, making one, its parts, writing commentary, review, approval,
 * publishing, history; and the page where a forum's writer writes their part.
 *
 * Every edit carries the version the person saw; a stale one changes nothing and shows what is saved
 * now beside what was typed (the same "someone else changed this" page as responses). A published
 * report refuses every edit with a page that says so.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type AreaAction } from '../../lib/authorisation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { parseForm, type ErrorSummaryItem, type FieldErrors } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import type { ReportsOptions } from './reports.routes.ts';
import { REPORT_STATUSES, type ReportStatus } from './document.ts';
import { REPORT_KINDS } from './sections.ts';
import {
  assignForm,
  commentaryForm,
  detailsValues,
  directionOf,
  londonToday,
  parseDetailsForm,
  PERIODS,
  sendBackForm,
  versionOf,
  writtenPartForm,
  type DetailsForm,
} from './reports.forms.ts';
import * as reports from './reports.service.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });

function idParam(request: FastifyRequest, name: 'reportId' | 'partId'): string {
  const id = (request.params as Record<string, unknown>)[name];
  if (!isId(id)) throw new NotFoundError(name === 'reportId' ? 'report' : 'part');
  return id;
}

const STATUS_TAGS: Record<ReportStatus, string> = { draft: 'govuk-tag--grey', review: 'govuk-tag--blue', approved: 'govuk-tag--turquoise', published: 'govuk-tag--green' };

export default async function manageRoutes(app: FastifyInstance, options: ReportsOptions): Promise<void> {
  const { db } = app;
  const { sections } = options;
  const listUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/reports`;
  const reportUrl = (request: FastifyRequest, reportId: string) => `${listUrl(request)}/${reportId}`;
  const lang = (request: FastifyRequest): 'en' | 'cy' => (request.lang === 'cy' ? 'cy' : 'en');
  const statusView = (request: FastifyRequest, status: ReportStatus) => ({ key: status, label: request.t(`reports.status.${status}`), classes: STATUS_TAGS[status] });

  /** "This report is published (or approved): nothing in it can be changed." */
  const renderLocked = (request: FastifyRequest, reply: FastifyReply, reportId: string, status: ReportStatus) =>
    reply.page('reports/views/manage/locked.njk', {
      title: request.t(`reports.manage.locked.${status === 'published' ? 'publishedTitle' : 'approvedTitle'}`),
      status,
      reportHref: reportUrl(request, reportId),
      canNewVersion: status === 'published' && can(request.actor, 'report.manage', { areaId: request.area!.id }),
      newVersionAction: `${reportUrl(request, reportId)}/new-version`,
    }, 409);

  /** Runs an edit; a report that can no longer change gets the "locked" page instead of an error. */
  const lockedOr = async (request: FastifyRequest, reply: FastifyReply, reportId: string, run: () => Promise<FastifyReply>) => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof reports.ReportLockedError) return renderLocked(request, reply, reportId, error.status);
      throw error;
    }
  };

  // ── The list ──────────────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/manage/reports', needs('report.view'), async (request, reply) => {
    const t = request.t;
    const all = await reports.listReports(db, request.area!.id);
    const groups = (['draft', 'review', 'approved', 'published'] as const)
      .map((status) => ({
        status: statusView(request, status),
        heading: t(`reports.manage.list.groups.${status}`),
        reports: all
          .filter((r) => r.status === status)
          .map((r) => ({
            href: reportUrl(request, r.id),
            title: r.title,
            kind: t(`reports.kinds.${r.kind}.name`),
            from: r.from,
            to: r.to,
            edition: r.edition,
            createdAt: r.createdAt,
            publishedAt: r.publishedAt,
            laterEdition: r.laterEditionId !== null,
          })),
      }))
      .filter((g) => g.reports.length > 0);
    return reply.page('reports/views/manage/list.njk', {
      title: t('reports.manage.list.title'),
      backLink: `/a/${request.area!.slug}/manage`,
      groups,
      newHref: `${listUrl(request)}/new`,
      canManage: can(request.actor, 'report.manage', { areaId: request.area!.id }),
      writingHref: `/a/${request.area!.slug}/reports/writing`,
    });
  });

  // ── Making a report, and changing its details ─────────────────────────────────────────────────
  type DetailsModel = { values?: Record<string, unknown>; errors?: FieldErrors; errorSummary?: ErrorSummaryItem[]; version?: number; conflict?: { theirs: reports.ReportView; yours: DetailsForm } };

  const renderDetails = async (request: FastifyRequest, reply: FastifyReply, reportId: string | null, model: DetailsModel = {}, status = 200) => {
    const area = request.area!;
    const t = request.t;
    const choices = await reports.reportChoices(db, area.id);
    const current = reportId ? await reports.getReport(db, sections, area.id, reportId, t) : null;
    if (current && current.report.status !== 'draft' && current.report.status !== 'review') return renderLocked(request, reply, current.report.id, current.report.status);
    const today = londonToday();
    const comparison = model.conflict
      ? (() => {
          const theirs = model.conflict.theirs.report;
          const yours = model.conflict.yours;
          const boardName = (id: string | null, text: string) => (id ? (choices.boards.find((b) => b.id === id)?.name ?? '') : text);
          const scopeText = (s: DetailsForm['scope']) => (s.kind === 'organisation' ? (choices.organisations.find((o) => o.id === s.organisationId)?.name ?? '') : s.kind === 'service' ? s.service : area.name);
          const rows = [
            { label: t('reports.manage.fields.title'), theirs: theirs.title, yours: yours.title },
            { label: t('reports.manage.fields.audience'), theirs: theirs.audienceName, yours: boardName(yours.audienceBoardId, yours.audienceText) },
            { label: t('reports.manage.fields.authors'), theirs: theirs.authors, yours: yours.authors },
            { label: t('reports.manage.fields.scope'), theirs: theirs.scopeLabel, yours: scopeText(yours.scope) },
            { label: t('reports.manage.fields.period'), theirs: `${theirs.from} – ${theirs.to}`, yours: `${yours.from} – ${yours.to}` },
          ];
          return rows.map((r) => ({ ...r, differs: r.theirs !== r.yours }));
        })()
      : null;
    return reply.page('reports/views/manage/details.njk', {
      title: t(current ? 'reports.manage.details.title' : 'reports.manage.new.title', { title: current?.report.title ?? '' }),
      backLink: current ? reportUrl(request, current.report.id) : listUrl(request),
      action: current ? `${reportUrl(request, current.report.id)}/details` : `${listUrl(request)}/new`,
      isNew: current === null,
      report: current?.report ?? null,
      version: model.version !== undefined && model.version >= 0 ? model.version : (model.conflict ? model.conflict.theirs.report.version : (current?.report.version ?? 0)),
      values: model.values ?? (current ? detailsValues(current.report) : { kind: '', period: '', audience: '', scope: 'area', authors: t('reports.manage.new.defaultAuthors', { area: area.name }) }),
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
      comparison,
      conflictBy: model.conflict?.theirs.report.updatedByName ?? '',
      kinds: REPORT_KINDS.map((k) => ({ value: k, text: t(`reports.kinds.${k}.name`), hint: t(`reports.kinds.${k}.hint`) })),
      periods: PERIODS.map((p) => ({ value: p, text: t(`reports.manage.new.periods.${p}`) })),
      choices,
      today,
      futureEnd: current ? current.report.to > today : false,
    }, status);
  };

  app.get('/a/:area/manage/reports/new', needs('report.manage'), (request, reply) => renderDetails(request, reply, null));

  app.post('/a/:area/manage/reports/new', needs('report.manage'), async (request, reply) => {
    const area = request.area!;
    const choices = await reports.reportChoices(db, area.id);
    const form = parseDetailsForm(request.body, request.t, choices, { isNew: true, lang: request.lang });
    if (!form.ok) return renderDetails(request, reply, null, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    const id = await reports.createReport(db, sections, area.id, request.actor!.accountId, form.data, request.t);
    return reply.flash(request.t('reports.manage.flash.created')).redirect(reportUrl(request, id), 303);
  });

  app.get('/a/:area/manage/reports/:reportId/details', needs('report.manage'), (request, reply) => renderDetails(request, reply, idParam(request, 'reportId')));

  app.post('/a/:area/manage/reports/:reportId/details', needs('report.manage'), async (request, reply) => {
    const area = request.area!;
    const reportId = idParam(request, 'reportId');
    return lockedOr(request, reply, reportId, async () => {
      const current = await reports.getReport(db, sections, area.id, reportId, request.t);
      const choices = await reports.reportChoices(db, area.id);
      const form = parseDetailsForm(request.body, request.t, choices, { isNew: false, lang: request.lang, kind: current.report.kind });
      if (!form.ok) return renderDetails(request, reply, reportId, { values: form.values, errors: form.errors, errorSummary: form.summary, version: versionOf(request.body) }, 422);
      const result = await reports.saveDetails(db, sections, area.id, request.actor!.accountId, reportId, form.data, versionOf(request.body), request.t);
      if (!result.ok) {
        // Nothing was changed: theirs is saved and shown, and what this person typed stays in the form.
        return renderDetails(request, reply, reportId, { conflict: { theirs: result.current, yours: form.data }, values: request.body as Record<string, unknown> }, 409);
      }
      return reply.flash(request.t('reports.manage.flash.detailsSaved')).redirect(reportUrl(request, reportId), 303);
    });
  });

  // ── The report page ───────────────────────────────────────────────────────────────────────────
  type ReportModel = { errorSummary?: ErrorSummaryItem[]; changed?: boolean; wrongStatus?: ReportStatus };

  const renderReport = async (request: FastifyRequest, reply: FastifyReply, reportId: string, model: ReportModel = {}, status = 200) => {
    const area = request.area!;
    const t = request.t;
    const view = await reports.getReport(db, sections, area.id, reportId, t);
    const r = view.report;
    const base = reportUrl(request, reportId);
    const editable = r.status === 'draft' || r.status === 'review';
    const canManage = can(request.actor, 'report.manage', { areaId: area.id });
    const canApprove = can(request.actor, 'report.approve', { areaId: area.id });
    // Three things to do: write (draft), review and approve (review), publish (approved); none once published.
    const at = REPORT_STATUSES.indexOf(r.status);
    const steps = (['write', 'approve', 'publish'] as const).map((key, i) => ({ key, text: t(`reports.manage.report.steps.${key}`), done: i < at, current: i === at }));
    return reply.page('reports/views/manage/report.njk', {
      title: r.title,
      backLink: listUrl(request),
      report: r,
      status: statusView(request, r.status),
      kindName: t(`reports.kinds.${r.kind}.name`),
      steps,
      parts: view.parts.map((p, i) => ({
        ...p,
        href: `${base}/parts/${p.id}`,
        assignHref: `${base}/parts/${p.id}/writer`,
        kindLabel: t(`reports.manage.report.partKinds.${p.kind}`),
        first: i === 0,
        last: i === view.parts.length - 1,
        canWrite: editable && reports.mayWritePart(request.actor, area.id, p),
      })),
      editable,
      canManage,
      canApprove,
      futureEnd: r.to > londonToday(),
      base,
      detailsHref: `${base}/details`,
      addPartHref: `${base}/parts/new`,
      historyHref: `${base}/history`,
      deleteHref: `${base}/delete`,
      sendBackHref: `${base}/send-back`,
      publicHref: `/a/${area.slug}/reports/${reportId}`,
      laterEditionHref: r.laterEditionId ? reportUrl(request, r.laterEditionId) : null,
      previousHref: r.previousReportId ? reportUrl(request, r.previousReportId) : null,
      errorSummary: model.errorSummary,
      changed: model.changed ?? false,
      wrongStatus: model.wrongStatus ? t(`reports.status.${model.wrongStatus}`) : null,
    }, status);
  };

  app.get('/a/:area/manage/reports/:reportId', needs('report.view'), (request, reply) => renderReport(request, reply, idParam(request, 'reportId')));

  // The report as its readers will see it (a draft composed now; a published one as frozen).
  app.get('/a/:area/manage/reports/:reportId/preview', needs('report.view'), async (request, reply) => {
    const reportId = idParam(request, 'reportId');
    const document = await reports.reportDocumentForStaff(db, sections, request.area!.id, reportId, request.t, lang(request));
    const base = reportUrl(request, reportId);
    return reply.page('reports/views/manage/preview.njk', {
      title: document.header.title,
      backLink: base,
      document,
      // The staff downloads: any state, audited (formats.routes.ts).
      documentLinks: { easyRead: `${base}/easy-read`, pdf: `${base}/report.pdf`, docx: `${base}/report.docx`, xlsx: `${base}/report.xlsx` },
    });
  });

  /** A part change (move, remove) or a step of the workflow, then back to the report page. */
  const reportAction = (path: string, action: AreaAction, flashKey: string, run: (request: FastifyRequest, reportId: string) => Promise<reports.EditResult | void>) => {
    app.post(`/a/:area/manage/reports/:reportId/${path}`, needs(action), async (request, reply) => {
      const reportId = idParam(request, 'reportId');
      return lockedOr(request, reply, reportId, async () => {
        try {
          const result = await run(request, reportId);
          if (result && !result.ok) return renderReport(request, reply, reportId, { changed: true }, 409);
        } catch (error) {
          if (error instanceof reports.WrongStatusError) return renderReport(request, reply, reportId, { wrongStatus: error.status }, 409);
          throw error;
        }
        return reply.flash(request.t(`reports.manage.flash.${flashKey}`)).redirect(reportUrl(request, reportId), 303);
      });
    });
  };

  reportAction('parts/:partId/move', 'report.manage', 'moved', (request, reportId) => {
    const direction = directionOf(request.body);
    if (!direction) throw new NotFoundError('direction');
    return reports.movePart(db, sections, request.area!.id, request.actor!.accountId, reportId, idParam(request, 'partId'), direction, versionOf(request.body), request.t);
  });
  reportAction('parts/:partId/remove', 'report.manage', 'removed', (request, reportId) =>
    reports.removePart(db, sections, request.area!.id, request.actor!.accountId, reportId, idParam(request, 'partId'), versionOf(request.body), request.t));
  reportAction('submit', 'report.manage', 'submitted', (request, reportId) => reports.submitForReview(db, request.area!.id, request.actor!.accountId, reportId));
  reportAction('approve', 'report.approve', 'approved', (request, reportId) => reports.approveReport(db, request.area!.id, request.actor!.accountId, reportId));
  reportAction('publish', 'report.manage', 'published', (request, reportId) => reports.publishReport(db, sections, request.area!.id, request.actor!.accountId, reportId, request.t, lang(request)));

  app.post('/a/:area/manage/reports/:reportId/new-version', needs('report.manage'), async (request, reply) => {
    const reportId = idParam(request, 'reportId');
    try {
      const id = await reports.makeNewVersion(db, request.area!.id, request.actor!.accountId, reportId);
      return reply.flash(request.t('reports.manage.flash.newVersion')).redirect(reportUrl(request, id), 303);
    } catch (error) {
      if (error instanceof reports.WrongStatusError) return renderReport(request, reply, reportId, { wrongStatus: error.status }, 409);
      throw error;
    }
  });

  // ── Sending back with a reason ────────────────────────────────────────────────────────────────
  const renderSendBack = async (request: FastifyRequest, reply: FastifyReply, reportId: string, model: { values?: Record<string, unknown>; errors?: FieldErrors; errorSummary?: ErrorSummaryItem[] } = {}, status = 200) => {
    const view = await reports.getReport(db, sections, request.area!.id, reportId, request.t);
    if (view.report.status !== 'review' && view.report.status !== 'approved') return renderReport(request, reply, reportId, { wrongStatus: view.report.status }, view.report.status === 'published' ? 409 : 200);
    return reply.page('reports/views/manage/send-back.njk', {
      title: request.t('reports.manage.sendBack.title', { title: view.report.title }),
      backLink: reportUrl(request, reportId),
      action: `${reportUrl(request, reportId)}/send-back`,
      report: view.report,
      values: model.values ?? {},
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
    }, status);
  };

  app.get('/a/:area/manage/reports/:reportId/send-back', needs('report.approve'), (request, reply) => renderSendBack(request, reply, idParam(request, 'reportId')));

  app.post('/a/:area/manage/reports/:reportId/send-back', needs('report.approve'), async (request, reply) => {
    const reportId = idParam(request, 'reportId');
    const form = parseForm(sendBackForm, request.body, request.t);
    if (!form.ok) return renderSendBack(request, reply, reportId, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await reports.sendBack(db, request.area!.id, request.actor!.accountId, reportId, form.data.reason);
    } catch (error) {
      if (error instanceof reports.WrongStatusError) return renderReport(request, reply, reportId, { wrongStatus: error.status }, 409);
      throw error;
    }
    return reply.flash(request.t('reports.manage.flash.sentBack')).redirect(reportUrl(request, reportId), 303);
  });

  // ── Deleting a draft ──────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/manage/reports/:reportId/delete', needs('report.manage'), async (request, reply) => {
    const reportId = idParam(request, 'reportId');
    const view = await reports.getReport(db, sections, request.area!.id, reportId, request.t);
    if (view.report.status !== 'draft' && view.report.status !== 'review') return renderLocked(request, reply, reportId, view.report.status);
    return reply.page('reports/views/manage/delete.njk', {
      title: request.t('reports.manage.delete.title', { title: view.report.title }),
      backLink: reportUrl(request, reportId),
      action: `${reportUrl(request, reportId)}/delete`,
      report: view.report,
    });
  });

  app.post('/a/:area/manage/reports/:reportId/delete', needs('report.manage'), async (request, reply) => {
    const reportId = idParam(request, 'reportId');
    return lockedOr(request, reply, reportId, async () => {
      await reports.deleteReport(db, request.area!.id, request.actor!.accountId, reportId);
      return reply.flash(request.t('reports.manage.flash.deleted')).redirect(listUrl(request), 303);
    });
  });

  // ── History ───────────────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/manage/reports/:reportId/history', needs('report.view'), async (request, reply) => {
    const t = request.t;
    const reportId = idParam(request, 'reportId');
    const { view, entries } = await reports.reportHistory(db, sections, request.area!.id, reportId, t);
    return reply.page('reports/views/manage/history.njk', {
      title: t('reports.manage.history.title', { title: view.report.title }),
      backLink: reportUrl(request, reportId),
      report: view.report,
      // A part's writer or forum changing is kept as a change of details with the part's name as its note.
      entries: entries.map((e) => ({ what: t(`reports.manage.history.actions.${e.action === 'details_changed' && e.note ? 'writer_changed' : e.action}`), note: e.note, who: e.actorName ?? t('reports.manage.history.someone'), at: e.at })),
    });
  });

  // ── Adding a written part ─────────────────────────────────────────────────────────────────────
  type PartFormModel = { values?: Record<string, unknown>; errors?: FieldErrors; errorSummary?: ErrorSummaryItem[]; version?: number; changed?: boolean };

  const renderAddPart = async (request: FastifyRequest, reply: FastifyReply, reportId: string, model: PartFormModel = {}, status = 200) => {
    const area = request.area!;
    const view = await reports.getReport(db, sections, area.id, reportId, request.t);
    if (view.report.status !== 'draft' && view.report.status !== 'review') return renderLocked(request, reply, reportId, view.report.status);
    const choices = await reports.reportChoices(db, area.id, { members: true });
    return reply.page('reports/views/manage/add-part.njk', {
      title: request.t('reports.manage.addPart.title'),
      backLink: reportUrl(request, reportId),
      action: `${reportUrl(request, reportId)}/parts/new`,
      report: view.report,
      version: model.changed ? view.report.version : model.version !== undefined && model.version >= 0 ? model.version : view.report.version,
      values: model.values ?? {},
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
      changed: model.changed ?? false,
      choices,
    }, status);
  };

  app.get('/a/:area/manage/reports/:reportId/parts/new', needs('report.manage'), (request, reply) => renderAddPart(request, reply, idParam(request, 'reportId')));

  app.post('/a/:area/manage/reports/:reportId/parts/new', needs('report.manage'), async (request, reply) => {
    const area = request.area!;
    const reportId = idParam(request, 'reportId');
    return lockedOr(request, reply, reportId, async () => {
      const choices = await reports.reportChoices(db, area.id, { members: true });
      const form = parseForm(writtenPartForm(choices), request.body, request.t);
      if (!form.ok) return renderAddPart(request, reply, reportId, { values: form.values, errors: form.errors, errorSummary: form.summary, version: versionOf(request.body) }, 422);
      const input = { title: form.data.title, forumId: form.data.forumId || null, writerAccountId: form.data.writerAccountId || null };
      const result = await reports.addWrittenPart(db, sections, area.id, request.actor!.accountId, reportId, input, versionOf(request.body), request.t);
      // Someone changed the report's parts meanwhile: nothing was added; what was typed is kept.
      if (!result.ok) return renderAddPart(request, reply, reportId, { values: request.body as Record<string, unknown>, changed: true }, 409);
      return reply.flash(request.t('reports.manage.flash.partAdded')).redirect(reportUrl(request, reportId), 303);
    });
  });

  // ── Who writes a part ─────────────────────────────────────────────────────────────────────────
  const renderAssign = async (request: FastifyRequest, reply: FastifyReply, reportId: string, partId: string, model: PartFormModel = {}, status = 200) => {
    const area = request.area!;
    const view = await reports.getReport(db, sections, area.id, reportId, request.t);
    const part = view.parts.find((p) => p.id === partId);
    if (!part) throw new NotFoundError('part');
    if (view.report.status !== 'draft' && view.report.status !== 'review') return renderLocked(request, reply, reportId, view.report.status);
    const choices = await reports.reportChoices(db, area.id, { members: true });
    return reply.page('reports/views/manage/assign.njk', {
      title: request.t('reports.manage.assign.title', { part: part.heading }),
      backLink: reportUrl(request, reportId),
      action: `${reportUrl(request, reportId)}/parts/${partId}/writer`,
      report: view.report,
      part,
      version: model.changed ? view.report.version : model.version !== undefined && model.version >= 0 ? model.version : view.report.version,
      values: model.values ?? { forumId: part.forumId ?? '', writerAccountId: part.writerAccountId ?? '' },
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
      changed: model.changed ?? false,
      choices,
    }, status);
  };

  app.get('/a/:area/manage/reports/:reportId/parts/:partId/writer', needs('report.manage'), (request, reply) => renderAssign(request, reply, idParam(request, 'reportId'), idParam(request, 'partId')));

  app.post('/a/:area/manage/reports/:reportId/parts/:partId/writer', needs('report.manage'), async (request, reply) => {
    const area = request.area!;
    const reportId = idParam(request, 'reportId');
    const partId = idParam(request, 'partId');
    return lockedOr(request, reply, reportId, async () => {
      const choices = await reports.reportChoices(db, area.id, { members: true });
      const form = parseForm(assignForm(choices), request.body, request.t);
      if (!form.ok) return renderAssign(request, reply, reportId, partId, { values: form.values, errors: form.errors, errorSummary: form.summary, version: versionOf(request.body) }, 422);
      const result = await reports.assignPart(db, sections, area.id, request.actor!.accountId, reportId, partId, { forumId: form.data.forumId || null, writerAccountId: form.data.writerAccountId || null }, versionOf(request.body), request.t);
      if (!result.ok) return renderAssign(request, reply, reportId, partId, { values: request.body as Record<string, unknown>, changed: true }, 409);
      return reply.flash(request.t('reports.manage.flash.writerSaved')).redirect(reportUrl(request, reportId), 303);
    });
  });

  // ── Writing a part ────────────────────────────────────────────────────────────────────────────
  type WriteModel = { values?: Record<string, unknown>; errors?: FieldErrors; errorSummary?: ErrorSummaryItem[]; version?: number; conflict?: { theirs: reports.PartView; yours: string } };

  const renderWrite = async (request: FastifyRequest, reply: FastifyReply, reportId: string, partId: string, model: WriteModel = {}, status = 200) => {
    const area = request.area!;
    const t = request.t;
    const { view, part } = await reports.getPartToWrite(db, sections, area.id, request.actor, reportId, partId, t);
    const r = view.report;
    if (r.status !== 'draft' && r.status !== 'review' && status !== 409) return renderLocked(request, reply, reportId, r.status);
    const isStaff = can(request.actor, 'report.view', { areaId: area.id });
    const document = part.kind === 'section' && part.registered ? await reports.partDocument(db, sections, area.id, reportId, partId, t, lang(request)) : null;
    return reply.page('reports/views/manage/part.njk', {
      title: t('reports.manage.part.title', { part: part.heading }),
      backLink: isStaff ? reportUrl(request, reportId) : `/a/${area.slug}/reports/writing`,
      action: `${reportUrl(request, reportId)}/parts/${partId}`,
      report: r,
      part,
      document,
      // Staff can open the preview; a forum's writer sees only their own part.
      previewHref: isStaff ? `${reportUrl(request, reportId)}/preview` : null,
      version: model.conflict ? model.conflict.theirs.version : model.version !== undefined && model.version >= 0 ? model.version : part.version,
      values: model.values ?? { commentary: part.commentary },
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
      conflict: model.conflict ? { by: model.conflict.theirs.updatedByName ?? t('reports.manage.history.someone'), at: model.conflict.theirs.updatedAt, theirs: model.conflict.theirs.commentary, yours: model.conflict.yours } : null,
      maxLength: reports.MAX_COMMENTARY,
    }, status);
  };

  app.get('/a/:area/manage/reports/:reportId/parts/:partId', needs('report.write'), async (request, reply) => {
    const reportId = idParam(request, 'reportId');
    try {
      return await renderWrite(request, reply, reportId, idParam(request, 'partId'));
    } catch (error) {
      if (!(error instanceof reports.NotYourPartError)) throw error;
      // A part given to someone else (a link passed on, an old bookmark): staff go to the report, a
      // forum's writer to their own parts, each told why. Nothing of the part is shown.
      const to = error.canView ? reportUrl(request, reportId) : `/a/${request.area!.slug}/reports/writing`;
      return reply.flash(request.t('reports.manage.part.notYours')).redirect(to, 303);
    }
  });

  app.post('/a/:area/manage/reports/:reportId/parts/:partId', needs('report.write'), async (request, reply) => {
    const area = request.area!;
    const reportId = idParam(request, 'reportId');
    const partId = idParam(request, 'partId');
    return lockedOr(request, reply, reportId, async () => {
      // Refused before the form is read when the part is not theirs to write.
      await reports.getPartToWrite(db, sections, area.id, request.actor, reportId, partId, request.t);
      const form = parseForm(commentaryForm, request.body, request.t);
      if (!form.ok) return renderWrite(request, reply, reportId, partId, { values: form.values, errors: form.errors, errorSummary: form.summary, version: versionOf(request.body) }, 422);
      const result = await reports.writePart(db, sections, area.id, request.actor, reportId, partId, form.data.commentary, versionOf(request.body), request.t);
      // The same words saved twice (a double click, or two people typing the same) is not a conflict.
      if (!result.ok && result.current.commentary !== form.data.commentary) {
        return renderWrite(request, reply, reportId, partId, { conflict: { theirs: result.current, yours: form.data.commentary }, values: { commentary: form.data.commentary } }, 409);
      }
      const isStaff = can(request.actor, 'report.view', { areaId: area.id });
      return reply.flash(request.t('reports.manage.flash.partSaved')).redirect(isStaff ? reportUrl(request, reportId) : `/a/${area.slug}/reports/writing`, 303);
    });
  });

  // ── The parts given to me to write ────────────────────────────────────────────────────────────
  app.get('/a/:area/reports/writing', needs('report.write'), async (request, reply) => {
    const area = request.area!;
    const t = request.t;
    const given = await reports.partsGivenTo(db, sections, area.id, request.actor!.accountId, t);
    return reply.page('reports/views/manage/writing.njk', {
      title: t('reports.manage.writing.title'),
      parts: given.map((g) => ({
        ...g,
        href: `${listUrl(request)}/${g.reportId}/parts/${g.partId}`,
        status: statusView(request, g.reportStatus),
        open: g.reportStatus === 'draft' || g.reportStatus === 'review',
      })),
    });
  });
}
