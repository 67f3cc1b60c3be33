/**
 * Young inspectors (issue 16 §2), part: visits. Staff plan a visit (its own activity, so the
 * existing planning checks apply) and record it (time given by each inspector who went); a young
 * inspector rates the agreed criteria on a phone, saved as they go: without JavaScript one form per
 * criterion with its own Save button (the page comes back to that criterion); with inspect.js every
 * change is sent in the background and kept on the phone until the server says it is saved.
 * Photos of the place are in photos.routes.ts, registered from here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADJUSTMENTS, describePlanningCheck, londonParts, realDate, VENUE_ACCESS, type PlanningCheck } from '../activities/activities.service.ts';
import { ConflictError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorState } from '../../lib/form-errors.ts';
import { symbolSrc } from '../../lib/symbols.ts';
import { checklistGaps } from '../panels/index.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { RATINGS } from './core.ts';
import { idParam, inspectorOn, programmeUrls, signInUrl, when } from './programmes.routes.ts';
import * as programmes from './programmes.service.ts';
import { ratingForm, readVisitForm, recordForm } from './visits.forms.ts';
import * as visits from './visits.service.ts';
import photosRoutes from './photos.routes.ts';

const K = 'inspections.visits.';
const manage = { config: { access: { action: 'inspection.manage' as const } } };
const view = { config: { access: { action: 'inspection.view' as const } } };
const member = { config: { access: 'public' as const } };

type State = Partial<ErrorState> & { values?: Record<string, unknown> };

/** The service worker that keeps a copy of the inspector's page for when the signal drops. */
const OFFLINE_WORKER = readFileSync(path.join(import.meta.dirname, '../../assets/inspect-sw.js'));

export default async function visitsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const areaId = (request: FastifyRequest) => request.area!.id;
  const inspectJs = app.assetUrl('inspect.js');

  // ── Plan a visit ──────────────────────────────────────────────────────────────────────────────

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, state: State = {}, status = 200) => {
    const { programme } = await programmes.loadProgramme(db, request.actor, areaId(request), idParam(request, 'programmeId'), 'inspection.manage');
    const providers = await visits.providersOf(db, areaId(request));
    const values = state.values ?? { provider: providers.length ? '' : 'new', venueAccess: [], adjustments: [] };
    const chosen = (name: string, v: string) => [values[name]].flat().includes(v);
    return reply.page('inspections/views/visits/new.njk', {
      title: request.t(`${K}new.title`),
      programme,
      action: programmeUrls(request, programme.id).newVisit,
      providers: providers.map((p) => ({ value: p.id, text: p.name, hint: p.venue, checked: values.provider === p.id })),
      access: VENUE_ACCESS.map((v) => ({ value: v, text: request.t(`activities.options.venueAccess.${v}`), checked: chosen('venueAccess', v) })),
      adjustments: ADJUSTMENTS.map((v) => ({ value: v, text: request.t(`activities.options.adjustments.${v}`), checked: chosen('adjustments', v) })),
      values,
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
      backLink: programmeUrls(request, programme.id).programme,
    }, status);
  };

  app.get('/a/:area/inspections/:programmeId/visits/new', manage, (request, reply) => renderNew(request, reply));

  app.post('/a/:area/inspections/:programmeId/visits/new', manage, async (request, reply) => {
    const { programme } = await programmes.loadProgramme(db, request.actor, areaId(request), idParam(request, 'programmeId'), 'inspection.manage');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const providers = await visits.providersOf(db, areaId(request));
    const form = readVisitForm(body, new Set(providers.map((p) => p.id)), request.t);
    if (!form.ok) return renderNew(request, reply, { values: body, ...errorState(form.problems, { provider: 'provider' }) }, 422);
    let providerId = form.data.providerId;
    if (!providerId) {
      try {
        providerId = await visits.addProvider(db, request.actor!.accountId, areaId(request), form.data.newProvider!);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return renderNew(request, reply, { values: body, ...errorState([{ field: 'providerName', text: request.t(`${K}errors.providerTaken`) }]) }, 409);
      }
    }
    const visitId = await visits.planVisit(db, request.actor!.accountId, areaId(request), programme.id, {
      providerId,
      startsAt: form.data.startsAt,
      endsAt: form.data.endsAt,
      venueAccess: form.data.venueAccess,
      adjustmentsOffered: form.data.adjustmentsOffered,
    });
    return reply.flash(request.t(`${K}new.planned`)).redirect(programmeUrls(request, programme.id).visit(visitId), 303);
  });

  // ── The visit (staff): planning checks, progress, photos, record it ──────────────────────────

  const describeChecks = (request: FastifyRequest, checks: PlanningCheck[]) => checks.map((c) => ({ ...describePlanningCheck(c, request.t, request.lang), result: c.result, key: c.key }));

  const renderVisit = async (request: FastifyRequest, reply: FastifyReply, state: State = {}, status = 200) => {
    const { programme, access } = await programmes.loadProgramme(db, request.actor, areaId(request), idParam(request, 'programmeId'), 'inspection.view');
    const page = await visits.visitPage(db, areaId(request), programme, idParam(request, 'visitId'));
    const u = programmeUrls(request, programme.id);
    const today = londonParts(page.activity.startsAt ?? new Date()).date.split('-');
    const checks = describeChecks(request, page.checks);
    return reply.page('inspections/views/visits/visit.njk', {
      title: page.visit.providerName,
      programme,
      visit: page.visit,
      activity: page.activity,
      when: when(request, page.activity.startsAt),
      status: request.t(`${K}status.${page.visit.status}`),
      checks,
      warnings: page.checks.filter((c) => c.result === 'warning').length,
      canManage: access === 'manage',
      editActivityHref: `/a/${request.area!.slug}/activities/${page.activity.id}/edit`,
      activityHref: `/a/${request.area!.slug}/activities/${page.activity.id}`,
      inspectors: page.inspectors,
      agreed: page.agreed,
      photos: page.photos.map((p) => ({ ...p, src: `/a/${request.area!.slug}/inspections/photos/${p.id}` })),
      photosHref: u.photos(page.visit.id),
      reportHref: u.report(page.visit.id),
      recordAction: `${u.visit(page.visit.id)}/record`,
      recorded: page.timeRecorded,
      visitedOn: page.visit.visitedAt ? when(request, page.visit.visitedAt, false) : '',
      values: state.values ?? { day: today[2], month: today[1], year: today[0], hours: '2', went: page.inspectors.filter((i) => i.ready).map((i) => i.id) },
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
      backLink: u.programme,
    }, status);
  };

  app.get('/a/:area/inspections/:programmeId/visits/:visitId', view, (request, reply) => renderVisit(request, reply));

  app.post('/a/:area/inspections/:programmeId/visits/:visitId/record', manage, async (request, reply) => {
    const { programme } = await programmes.loadProgramme(db, request.actor, areaId(request), idParam(request, 'programmeId'), 'inspection.manage');
    const visitId = idParam(request, 'visitId');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(recordForm, body, request.t, { went: 'went' });
    const date = realDate(String(body.day ?? '').trim(), String(body.month ?? '').trim(), String(body.year ?? '').trim());
    const dateProblem = date === undefined ? `${K}errors.dateMissing` : date === 'invalid' ? `${K}errors.dateBad` : date > londonParts(new Date()).date ? `${K}errors.dateFuture` : null;
    if (!form.ok || dateProblem) {
      const problems = [...(dateProblem ? [{ field: 'day', text: request.t(dateProblem) }] : []), ...(form.ok ? [] : Object.entries(form.errors).map(([field, text]) => ({ field, text })))];
      return renderVisit(request, reply, { values: { ...body, went: [body.went ?? []].flat() }, ...errorState(problems) }, 422);
    }
    try {
      await visits.recordVisit(db, request.actor!.accountId, areaId(request), programme.id, visitId, { visitedOn: date as string, minutes: form.data.hours, memberIds: form.data.went });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return renderVisit(request, reply, errorState([{ field: 'day', text: request.t(`${K}errors.stale`) }]), 409);
    }
    return reply.flash(request.t(`${K}visit.recordedFlash`)).redirect(programmeUrls(request, programme.id).visit(visitId), 303);
  });

  // ── The inspector's page on a phone: rate and write, saved as they go ────────────────────────

  /** The inspector signed in on this programme (404 for anyone else), and whether they may inspect. */
  const inspector = async (request: FastifyRequest) => {
    const viewer = await inspectorOn(db, request, idParam(request, 'programmeId'));
    return viewer && { programme: viewer.programme, member: viewer.member, ready: checklistGaps(viewer.member).length === 0 };
  };

  const renderInspect = async (request: FastifyRequest, reply: FastifyReply, state: State & { criterionId?: string } = {}, status = 200) => {
    const who = await inspector(request);
    if (!who) return reply.redirect(signInUrl(request), 303);
    const { programme, member: me, ready } = who;
    const u = programmeUrls(request, programme.id);
    if (!ready) {
      return reply.page('inspections/views/visits/not-ready.njk', { title: request.t(`${K}inspect.notReadyTitle`), programme, memberHome: `/a/${request.area!.slug}/panels/${programme.panelId}/me`, backLink: u.me }, 403);
    }
    const v = await visits.inspectView(db, areaId(request), programme.id, idParam(request, 'visitId'), me.id);
    const action = u.inspect(v.visit.id);
    return reply.page('inspections/views/visits/inspect.njk', {
      title: v.visit.providerName,
      programme,
      open: v.open,
      action,
      photosHref: u.photos(v.visit.id),
      inspectJs,
      worker: `/a/${request.area!.slug}/inspections/offline.js`,
      scope: `/a/${request.area!.slug}/inspections/`,
      storeKey: `${v.visit.id}:${me.id}`,
      criteria: v.criteria.map((c, index) => {
        const mine = v.mine.get(c.id);
        const typed = state.criterionId === c.id ? state.values : undefined;
        const rating = typed ? String(typed.rating ?? '') : mine?.rating ? String(mine.rating) : '';
        return {
          id: c.id,
          n: index + 1,
          title: c.title,
          goodLooksLike: c.goodLooksLike,
          symbolUrl: c.symbol ? symbolSrc(c.symbol) : null,
          saved: !!mine && (mine.rating !== null || mine.note !== ''),
          stars: RATINGS.map((n) => ({ value: String(n), words: programme.ratingWords[String(n)] || programmes.DEFAULT_RATING_WORDS[String(n)], checked: rating === String(n) })),
          note: typed ? String(typed.note ?? '') : (mine?.note ?? ''),
          error: state.criterionId === c.id ? state.errors : undefined,
        };
      }),
      total: v.criteria.length,
      rated: [...v.mine.values()].filter((r) => r.rating !== null).length,
      errorSummary: state.errorSummary,
      backLink: u.me,
    }, status);
  };

  app.get('/a/:area/inspections/:programmeId/visits/:visitId/inspect', member, (request, reply) => renderInspect(request, reply));

  app.post('/a/:area/inspections/:programmeId/visits/:visitId/inspect', member, async (request, reply) => {
    const wantsJson = String(request.headers.accept ?? '').includes('application/json');
    const who = await inspector(request);
    if (!who) return wantsJson ? reply.code(403).send({ saved: false, problem: request.t(`${K}inspect.signedOut`) }) : reply.redirect(signInUrl(request), 303);
    const { programme, member: me, ready } = who;
    const visitId = idParam(request, 'visitId');
    if (!ready) {
      if (wantsJson) return reply.code(403).send({ saved: false, problem: request.t(`${K}inspect.notReadyTitle`) });
      return renderInspect(request, reply);
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(ratingForm, body, request.t);
    const criterionId = typeof body.criterionId === 'string' ? body.criterionId : '';
    if (!form.ok) {
      if (wantsJson) return reply.code(422).send({ saved: false, errors: form.errors });
      const fieldIds = { rating: `rating-${criterionId}`, note: `note-${criterionId}` };
      return renderInspect(request, reply, { criterionId, values: body, ...errorState(Object.entries(form.errors).map(([field, text]) => ({ field, text })), fieldIds) }, 422);
    }
    let outcome;
    try {
      outcome = await visits.saveRating(db, areaId(request), programme.id, visitId, me.id, form.data.criterionId, { rating: form.data.rating, note: form.data.note });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (wantsJson) return reply.code(409).send({ saved: false, problem: request.t(`${K}inspect.closed`) });
      return renderInspect(request, reply, { criterionId, values: body, ...errorState([{ field: 'note', text: request.t(`${K}inspect.closed`) }], { note: `note-${criterionId}` }) }, 409);
    }
    if (outcome.concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, areaId(request), (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
    if (wantsJson) return reply.header('Cache-Control', 'no-store').send({ saved: true });
    return reply.flash(request.t(`${K}inspect.savedFlash`)).redirect(`${programmeUrls(request, programme.id).inspect(visitId)}#criterion-${form.data.criterionId}`, 303);
  });

  // The inspector's page offline (src/assets/inspect-sw.js): its scope is this area's inspection pages.
  app.get('/a/:area/inspections/offline.js', member, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').header('X-Content-Type-Options', 'nosniff').send(OFFLINE_WORKER),
  );

  await app.register(photosRoutes);
}
