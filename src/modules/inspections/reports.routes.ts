/**
 * Young inspectors (issue 16 §2), part: reports. The report of a visit (write, send to the
 * provider, easy read), the provider's link and response, and the public ratings. Plain forms
 * that post and redirect: everything works without JavaScript and by keyboard.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { errorState } from '../../lib/form-errors.ts';
import { symbolSrc } from '../../lib/symbols.ts';
import { sendQueuedNow } from '../notifications/queued-messages.service.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { checkResponse, emptyRow, MAX_ROWS, responseValues, type ResponseValues } from './provider.forms.ts';
import { providerReport, respondAsProvider } from './provider.service.ts';
import { publicProvider, publicRatings } from './public.service.ts';
import { EASY_READ_MAX, easyReadFor, NoContactError, NothingRatedError, PROVIDER_LINK_DAYS, reportFor, sendReport, SUMMARY_MAX, writeReport, type ReportView } from './reports.service.ts';
import { needsReinspection } from './core.ts';

const K = 'inspections.reports.';
const manage = { config: { access: { action: 'inspection.manage' as const } } };
const view = { config: { access: { action: 'inspection.view' as const } } };
const open = { config: { access: 'public' as const } };

/**
 * Guessing provider links. A token is 32 random bytes: guessing one is hopeless, but wrong links
 * are still counted per address (in PostgreSQL, shared by every instance) like every other
 * guessing limit: 20 wrong links in 10 minutes and the address is refused for the rest of it.
 */
export const LINK_FAILURES = { max: 20, windowMs: 10 * 60_000 };

type Params = { area: string; programmeId: string; visitId: string; token: string; providerId: string };

const STAR = '2B50';

/** "4.5 out of 5", and how many whole and half stars to draw. */
export function stars(rating: number | null): { full: number; half: boolean; empty: number } | null {
  if (rating === null) return null;
  const halves = Math.round(rating * 2);
  const full = Math.floor(halves / 2);
  const half = halves % 2 === 1;
  return { full, half, empty: 5 - full - (half ? 1 : 0) };
}

export default async function reportsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const failures = app.failureLimit('inspection-provider-link', LINK_FAILURES.windowMs);
  const s = (request: FastifyRequest) => (key: string, params?: Record<string, unknown>) => request.t(K + key, params);
  const base = (request: FastifyRequest) => {
    const p = request.params as Params;
    return `/a/${request.area!.slug}/inspections/${p.programmeId}/visits/${p.visitId}`;
  };
  const absolute = (path: string) => `${app.config.baseUrl.replace(/\/$/, '')}${path}`;
  const photoHref = (request: FastifyRequest, id: string) => `/a/${request.area!.slug}/inspections/photos/${id}`;
  const common = (request: FastifyRequest) => ({ s: s(request), stars, starSrc: symbolSrc(STAR), symbolSrc, photoHref: (id: string) => photoHref(request, id) });

  // ── The report, for staff ──────────────────────────────────────────────────────────────────

  const renderReport = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const p = request.params as Params;
    const report = await reportFor(db, request.actor, request.area!.id, p.programmeId, p.visitId, 'inspection.view');
    const values = (extra.values as Record<string, unknown> | undefined) ?? { summary: report.visit.summary, easyReadSummary: report.visit.easyReadSummary, version: report.visit.version };
    return reply.page(
      'inspections/views/reports/report.njk',
      {
        title: request.t(K + 'report.title', { provider: report.visit.providerName }),
        ...common(request),
        report,
        sent: report.visit.status === 'reported' || report.visit.status === 'responded',
        wouldReinspect: needsReinspection(report.programme, report.overall),
        action: `${base(request)}/report`,
        sendHref: `${base(request)}/report/send`,
        easyReadHref: `${base(request)}/report/easy-read`,
        visitHref: base(request),
        programmeHref: `/a/${request.area!.slug}/inspections/${report.programme.id}`,
        reinspectionHref: report.reinspection ? `/a/${request.area!.slug}/inspections/${report.programme.id}/visits/${report.reinspection.visitId}` : null,
        summaryMax: SUMMARY_MAX,
        easyReadMax: EASY_READ_MAX,
        values,
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/inspections/:programmeId/visits/:visitId/report', view, (request, reply) => renderReport(request, reply));

  app.post('/a/:area/inspections/:programmeId/visits/:visitId/report', manage, async (request, reply) => {
    const p = request.params as Params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { summary: typeof body.summary === 'string' ? body.summary : '', easyReadSummary: typeof body.easyReadSummary === 'string' ? body.easyReadSummary : '', version: Number.parseInt(String(body.version ?? ''), 10) };
    await reportFor(db, request.actor, request.area!.id, p.programmeId, p.visitId, 'inspection.manage');
    const problems = [];
    if (values.summary.trim().length > SUMMARY_MAX) problems.push({ field: 'summary', text: request.t(K + 'errors.summaryLong', { max: SUMMARY_MAX }) });
    if (values.easyReadSummary.trim().length > EASY_READ_MAX) problems.push({ field: 'easyReadSummary', text: request.t(K + 'errors.easyReadLong', { max: EASY_READ_MAX }) });
    if (!Number.isInteger(values.version) || values.version < 1) problems.push({ field: 'summary', text: request.t(K + 'errors.stale') });
    if (problems.length) return renderReport(request, reply, { ...errorState(problems), values }, 422);
    const outcome = await writeReport(db, request.actor!.accountId, request.area!.id, p.programmeId, p.visitId, values);
    if (!outcome.ok && outcome.reason === 'stale') return renderReport(request, reply, { ...errorState([{ field: 'summary', text: request.t(K + 'errors.stale') }]), values, stale: true }, 409);
    if (!outcome.ok) return renderReport(request, reply, { ...errorState([{ field: 'summary', text: request.t(K + 'errors.alreadySent') }]), values }, 409);
    reply.flash(request.t(K + 'report.saved'));
    return reply.redirect(`${base(request)}/report`, 303);
  });

  // ── Sending it to the provider (a confirm step) ────────────────────────────────────────────

  const renderSend = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const p = request.params as Params;
    const report = await reportFor(db, request.actor, request.area!.id, p.programmeId, p.visitId, 'inspection.manage');
    if (report.visit.status === 'reported' || report.visit.status === 'responded') return reply.redirect(`${base(request)}/report`, 303);
    return reply.page(
      'inspections/views/reports/send.njk',
      {
        title: request.t(K + 'send.title'),
        ...common(request),
        report,
        wouldReinspect: needsReinspection(report.programme, report.overall),
        reinspectOn: new Date(Date.now() + report.programme.reinspectAfterDays * 86_400_000),
        days: PROVIDER_LINK_DAYS,
        action: `${base(request)}/report/send`,
        backHref: `${base(request)}/report`,
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/inspections/:programmeId/visits/:visitId/report/send', manage, (request, reply) => renderSend(request, reply));

  app.post('/a/:area/inspections/:programmeId/visits/:visitId/report/send', manage, async (request, reply) => {
    const p = request.params as Params;
    const area = request.area!;
    await reportFor(db, request.actor, area.id, p.programmeId, p.visitId, 'inspection.manage');
    try {
      const sent = await sendReport(db, request.actor!.accountId, area.id, p.programmeId, p.visitId, (token) => absolute(`/a/${area.slug}/provider-report/${token}`));
      await sendQueuedNow(db, app.notifierFor, area, (error) => request.log.error({ err: error }, 'report email not sent yet; the minute job will try again'));
      if (sent.concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, area.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
      reply.flash(request.t(K + (sent.reinspectionVisitId ? 'send.doneReinspect' : 'send.done')));
      return reply.redirect(`${base(request)}/report`, 303);
    } catch (error) {
      if (error instanceof NothingRatedError) return renderSend(request, reply, { ...errorState([{ field: 'confirm', text: request.t(K + 'errors.nothingRated') }]) }, 422);
      if (error instanceof NoContactError) return renderSend(request, reply, { ...errorState([{ field: 'confirm', text: request.t(K + 'errors.noContact') }]) }, 422);
      if (error instanceof ConflictError) return reply.redirect(`${base(request)}/report`, 303);
      throw error;
    }
  });

  // ── Easy read: staff and the programme's own young inspectors ─────────────────────────────

  app.get('/a/:area/inspections/:programmeId/visits/:visitId/report/easy-read', open, async (request, reply) => {
    const p = request.params as Params;
    const report = await easyReadFor(db, request, request.area!.id, p.programmeId, p.visitId);
    return reply.page('inspections/views/reports/easy-read.njk', { title: request.t(K + 'easy.title', { provider: report.visit.providerName }), ...common(request), report, forProvider: false });
  });

  // ── The provider's link ────────────────────────────────────────────────────────────────────

  const linkMissing = (request: FastifyRequest, reply: FastifyReply, tooMany = false) =>
    reply.page('inspections/views/reports/provider-missing.njk', { title: request.t(K + (tooMany ? 'provider.tooManyTitle' : 'provider.missingTitle')), s: s(request), tooMany }, tooMany ? 429 : 404);

  const renderProvider = (request: FastifyRequest, reply: FastifyReply, report: ReportView, extra: Record<string, unknown> = {}, status = 200) => {
    const values = (extra.values as ResponseValues | undefined) ?? { response: '', rows: [emptyRow()] };
    return reply.page(
      'inspections/views/reports/provider.njk',
      {
        title: request.t(K + 'provider.title', { provider: report.visit.providerName }),
        ...common(request),
        report,
        responded: report.visit.status === 'responded',
        action: `/a/${request.area!.slug}/provider-report/${(request.params as Params).token}`,
        values,
        canAdd: values.rows.length < MAX_ROWS,
        easy: (request.query as Record<string, unknown>)?.view === 'easy-read',
        ...extra,
      },
      status,
    );
  };

  const openLink = async (request: FastifyRequest, reply: FastifyReply) => {
    if ((await failures.count(request.ip)) >= LINK_FAILURES.max) return { reply: linkMissing(request, reply, true) };
    const report = await providerReport(db, request.area!.id, (request.params as Params).token);
    if (!report) {
      const count = await failures.fail(request.ip);
      return { reply: linkMissing(request, reply, count > LINK_FAILURES.max) };
    }
    return { report };
  };

  app.get('/a/:area/provider-report/:token', open, async (request, reply) => {
    const opened = await openLink(request, reply);
    if (!opened.report) return opened.reply;
    return renderProvider(request, reply, opened.report);
  });

  app.post('/a/:area/provider-report/:token', open, async (request, reply) => {
    const opened = await openLink(request, reply);
    if (!opened.report) return opened.reply;
    const report = opened.report;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = responseValues(body);
    if (report.visit.status === 'responded') return renderProvider(request, reply, report, { alreadySent: true }, 409);
    if (body.add !== undefined) {
      // "Add another action": the same form again with everything kept and one more empty row.
      if (values.rows.length < MAX_ROWS) values.rows.push(emptyRow());
      return renderProvider(request, reply, report, { values, focusRow: values.rows.length });
    }
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const checked = checkResponse(values, request.t, today);
    if (!checked.ok) {
      const fieldIds = Object.fromEntries(values.rows.map((_, i) => [`due${i + 1}`, `day${i + 1}`]));
      return renderProvider(request, reply, report, { ...errorState(checked.problems, fieldIds), values }, 422);
    }
    const area = request.area!;
    const outcome = await respondAsProvider(db, area.id, (request.params as Params).token, checked, (programmeId, visitId) => absolute(`/a/${area.slug}/inspections/${programmeId}/visits/${visitId}/report`));
    if (outcome === 'not_found') throw new NotFoundError('provider link');
    if (outcome === 'already') return renderProvider(request, reply, report, { alreadySent: true }, 409);
    await sendQueuedNow(db, app.notifierFor, area, (error) => request.log.error({ err: error }, 'response email not sent yet; the minute job will try again'));
    reply.flash(request.t(K + 'provider.thanks'));
    return reply.redirect(`/a/${area.slug}/provider-report/${(request.params as Params).token}`, 303);
  });

  // ── Public ratings ─────────────────────────────────────────────────────────────────────────

  app.get('/a/:area/young-inspectors', open, async (request, reply) => {
    const ratings = await publicRatings(db, request.area!.id);
    return reply.page('inspections/views/reports/public-list.njk', { title: request.t(K + 'public.title'), ...common(request), ratings, providerHref: (id: string) => `/a/${request.area!.slug}/young-inspectors/${id}` });
  });

  app.get('/a/:area/young-inspectors/:providerId', open, async (request, reply) => {
    const provider = await publicProvider(db, request.area!.id, (request.params as Params).providerId);
    return reply.page('inspections/views/reports/public-provider.njk', { title: provider.providerName, ...common(request), provider, listHref: `/a/${request.area!.slug}/young-inspectors` });
  });
}
