/**
 * Young inspectors (issue 16 §2), part: programmes. Staff make a programme on an activity (its team
 * of young inspectors is a panel of kind 'inspection'), see it and edit it; the young inspectors and
 * staff co-design its checklist (propose, agree, drop); an inspector's own page lists their visits.
 * Plain forms that post and redirect: everything works without JavaScript and by keyboard.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm, type ErrorState } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { findSymbol, searchSymbols, symbolSrc } from '../../lib/symbols.ts';
import { checklistGaps, memberBase } from '../panels/index.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { RATINGS, type Programme } from './core.ts';
import { criterionForm, decisionForm, programmeForm, versionForm } from './programmes.forms.ts';
import * as programmes from './programmes.service.ts';
import * as visits from './visits.service.ts';

const K = 'inspections.programmes.';
const manage = { config: { access: { action: 'inspection.manage' as const } } };
const view = { config: { access: { action: 'inspection.view' as const } } };
const member = { config: { access: 'public' as const } };

export function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown>)[name];
  if (!isId(value)) throw new NotFoundError(name);
  return value;
}

/** The addresses of a programme's pages. */
export function programmeUrls(request: FastifyRequest, programmeId: string) {
  const base = `/a/${request.area!.slug}/inspections/${programmeId}`;
  return {
    programme: base,
    edit: `${base}/edit`,
    criteria: `${base}/criteria`,
    criterion: (id: string) => `${base}/criteria/${id}`,
    me: `${base}/me`,
    newVisit: `${base}/visits/new`,
    visit: (id: string) => `${base}/visits/${id}`,
    inspect: (id: string) => `${base}/visits/${id}/inspect`,
    photos: (id: string) => `${base}/visits/${id}/photos`,
    report: (id: string) => `${base}/visits/${id}/report`,
  };
}

/** "Friday 5 December 2026, 2:15pm" in London, in the reader's language. */
export function when(request: FastifyRequest, at: Date | null, timeToo = true): string {
  if (!at) return '';
  return new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', timeToo ? { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' } : { dateStyle: 'full', timeZone: 'Europe/London' }).format(at);
}

/** The programme's rules in words. */
export function rulesInWords(request: FastifyRequest, p: Programme): string[] {
  return [
    p.reinspectAtOrBelow === 0 ? request.t(`${K}rules.noReinspect`) : request.t(`${K}rules.reinspect`, { count: p.reinspectAtOrBelow, stars: p.reinspectAtOrBelow, days: p.reinspectAfterDays }),
    request.t(`${K}rules.standard`, { count: p.standardAtOrAbove, stars: p.standardAtOrAbove }),
  ];
}

const formValues = (p?: Programme): Record<string, unknown> =>
  p
    ? { title: p.title, focus: p.focus, ...Object.fromEntries(RATINGS.map((n) => [`word${n}`, p.ratingWords[String(n)] || programmes.DEFAULT_RATING_WORDS[String(n)]])), reinspectAtOrBelow: String(p.reinspectAtOrBelow), reinspectAfterDays: String(p.reinspectAfterDays), standardAtOrAbove: String(p.standardAtOrAbove), version: String(p.version) }
    : { title: '', focus: '', ...Object.fromEntries(RATINGS.map((n) => [`word${n}`, programmes.DEFAULT_RATING_WORDS[String(n)]])), reinspectAtOrBelow: '3', reinspectAfterDays: '90', standardAtOrAbove: '4' };

const toInput = (d: { title: string; focus: string; word1: string; word2: string; word3: string; word4: string; word5: string; reinspectAtOrBelow: number; reinspectAfterDays: number; standardAtOrAbove: number }): programmes.ProgrammeInput => ({
  title: d.title,
  focus: d.focus,
  ratingWords: { 1: d.word1, 2: d.word2, 3: d.word3, 4: d.word4, 5: d.word5 },
  reinspectAtOrBelow: d.reinspectAtOrBelow,
  reinspectAfterDays: d.reinspectAfterDays,
  standardAtOrAbove: d.standardAtOrAbove,
});

/** Where someone who is not (or no longer) signed in as a young inspector is sent: the members' sign-in page. */
export const signInUrl = (request: FastifyRequest) => `${memberBase(request.area!.slug)}/sign-in`;

/** The programme and this young inspector, or undefined for anyone who is not one of its inspectors. */
export async function inspectorOn(db: FastifyInstance['db'], request: FastifyRequest, programmeId: string) {
  try {
    const viewer = await programmes.programmeViewer(db, request, request.area!.id, programmeId);
    return viewer.member ? { ...viewer, member: viewer.member } : undefined;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

const FIELD_IDS = { reinspectAtOrBelow: 'reinspectAtOrBelow', standardAtOrAbove: 'standardAtOrAbove' };

export default async function programmesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const areaId = (request: FastifyRequest) => request.area!.id;

  // ── An activity's programmes, and a new one ───────────────────────────────────────────────────

  const renderList = async (request: FastifyRequest, reply: FastifyReply, state: Partial<ErrorState> & { values?: Record<string, unknown> } = {}, status = 200) => {
    const activity = await programmes.authorisedActivity(db, request.actor, areaId(request), idParam(request, 'activityId'), 'inspection.view');
    const canManage = can(request.actor, 'inspection.manage', { areaId: areaId(request), organisationId: activity.organisationId });
    const list = await programmes.programmesOf(db, areaId(request), activity.id);
    return reply.page('inspections/views/programmes/list.njk', {
      title: request.t(`${K}list.title`),
      activity,
      programmes: list.map((p) => ({ title: p.title, focus: p.focus, href: programmeUrls(request, p.id).programme, rules: rulesInWords(request, p) })),
      canManage,
      action: `/a/${request.area!.slug}/activities/${activity.id}/inspections`,
      values: state.values ?? formValues(),
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
      backLink: `/a/${request.area!.slug}/activities/${activity.id}`,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/inspections', view, (request, reply) => renderList(request, reply));

  app.post('/a/:area/activities/:activityId/inspections', manage, async (request, reply) => {
    const activity = await programmes.authorisedActivity(db, request.actor, areaId(request), idParam(request, 'activityId'), 'inspection.manage');
    const form = parseForm(programmeForm, request.body, request.t, FIELD_IDS);
    if (!form.ok) return renderList(request, reply, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    const id = await programmes.createProgramme(db, request.actor!.accountId, areaId(request), activity.id, toInput(form.data));
    return reply.flash(request.t(`${K}list.created`)).redirect(programmeUrls(request, id).programme, 303);
  });

  // ── The programme's page (staff) ──────────────────────────────────────────────────────────────

  app.get('/a/:area/inspections/:programmeId', view, async (request, reply) => {
    const { programme, activity, access } = await programmes.loadProgramme(db, request.actor, areaId(request), idParam(request, 'programmeId'), 'inspection.view');
    const overview = await programmes.programmeOverview(db, areaId(request), programme);
    const u = programmeUrls(request, programme.id);
    return reply.page('inspections/views/programmes/programme.njk', {
      title: programme.title,
      programme,
      activity,
      canManage: access === 'manage',
      rules: rulesInWords(request, programme),
      ratingWords: RATINGS.map((n) => ({ stars: n, words: programme.ratingWords[String(n)] })),
      criteria: overview.criteria.map((c) => ({ ...c, symbolUrl: c.symbol ? symbolSrc(c.symbol) : null, status: request.t(`${K}status.${c.status}`) })),
      agreedCount: overview.criteria.filter((c) => c.status === 'agreed').length,
      proposedCount: overview.criteria.filter((c) => c.status === 'proposed').length,
      inspectors: overview.inspectors.map((m) => ({ name: m.displayName, ready: m.ready })),
      visits: overview.visits.map((v) => ({ href: u.visit(v.id), provider: v.providerName, when: when(request, v.startsAt), status: request.t(`inspections.visits.status.${v.status}`), statusKey: v.status, rating: v.overallRating, reinspection: v.reinspectionOf !== null })),
      due: overview.reinspectionsDue.map((d) => ({ provider: d.providerName, rating: d.rating, dueOn: when(request, d.dueOn, false), href: u.visit(d.visitId) })),
      urls: { ...u, members: `/a/${request.area!.slug}/panels/${programme.panelId}/members` },
      backLink: `/a/${request.area!.slug}/activities/${activity.id}/inspections`,
    });
  });

  // ── Edit the programme (version checked) ──────────────────────────────────────────────────────

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, state: Partial<ErrorState> & { values?: Record<string, unknown> } = {}, status = 200) => {
    const { programme } = await programmes.loadProgramme(db, request.actor, areaId(request), idParam(request, 'programmeId'), 'inspection.manage');
    return reply.page('inspections/views/programmes/edit.njk', {
      title: request.t(`${K}edit.title`),
      programme,
      action: programmeUrls(request, programme.id).edit,
      values: state.values ?? formValues(programme),
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
      backLink: programmeUrls(request, programme.id).programme,
    }, status);
  };

  app.get('/a/:area/inspections/:programmeId/edit', manage, (request, reply) => renderEdit(request, reply));

  app.post('/a/:area/inspections/:programmeId/edit', manage, async (request, reply) => {
    const { programme } = await programmes.loadProgramme(db, request.actor, areaId(request), idParam(request, 'programmeId'), 'inspection.manage');
    const form = parseForm(programmeForm, request.body, request.t, FIELD_IDS);
    const version = versionForm.safeParse(request.body);
    if (!form.ok) return renderEdit(request, reply, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await programmes.updateProgramme(db, request.actor!.accountId, areaId(request), programme.id, version.success ? version.data.version : 0, toInput(form.data));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone else saved first: what this person typed stays, with the new version to save over it.
      const values = { ...(request.body as Record<string, unknown>), version: String(programme.version) };
      return renderEdit(request, reply, { values, ...errorState([{ field: 'title', text: request.t(`${K}errors.stale`) }]) }, 409);
    }
    return reply.flash(request.t(`${K}edit.saved`)).redirect(programmeUrls(request, programme.id).programme, 303);
  });

  // ── Criteria, co-designed by the young inspectors (inspectors and staff) ──────────────────────

  const renderCriteria = async (request: FastifyRequest, reply: FastifyReply, state: Partial<ErrorState> & { values?: Record<string, unknown>; query?: string; results?: Array<{ hexcode: string; name: string }> } = {}, status = 200) => {
    const viewer = await programmes.programmeViewer(db, request, areaId(request), idParam(request, 'programmeId'));
    const criteria = await programmes.criteriaOf(db, areaId(request), viewer.programme.id);
    const u = programmeUrls(request, viewer.programme.id);
    const values = state.values ?? { title: '', goodLooksLike: '', symbol: '' };
    const chosen = typeof values.symbol === 'string' && values.symbol ? findSymbol(values.symbol) : undefined;
    const results = state.results ?? [];
    if (chosen && !results.some((r) => r.hexcode === chosen.hexcode)) results.unshift(chosen);
    return reply.page('inspections/views/programmes/criteria.njk', {
      title: request.t(`${K}criteria.title`),
      programme: viewer.programme,
      isStaff: viewer.staff === 'manage',
      isMember: !!viewer.member,
      groups: (['agreed', 'proposed', 'dropped'] as const).map((status) => ({
        status,
        heading: request.t(`${K}criteria.heading.${status}`),
        items: criteria.filter((c) => c.status === status).map((c) => ({ ...c, symbolUrl: c.symbol ? symbolSrc(c.symbol) : null, symbolName: c.symbol ? (findSymbol(c.symbol)?.name ?? '') : '', action: u.criterion(c.id) })),
      })),
      action: u.criteria,
      values,
      query: state.query ?? '',
      results,
      errors: state.errors ?? {},
      errorSummary: state.errorSummary,
      backLink: viewer.staff ? u.programme : u.me,
    }, status);
  };

  app.get('/a/:area/inspections/:programmeId/criteria', member, (request, reply) => renderCriteria(request, reply));

  app.post('/a/:area/inspections/:programmeId/criteria', member, async (request, reply) => {
    const viewer = await programmes.programmeViewer(db, request, areaId(request), idParam(request, 'programmeId'));
    if (!viewer.member && viewer.staff !== 'manage') throw new NotFoundError('inspection programme');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { title: String(body.title ?? ''), goodLooksLike: String(body.goodLooksLike ?? ''), symbol: String(body.symbol ?? '') };
    if (body.action === 'search') {
      const query = String(body.q ?? '').slice(0, 100);
      const results = searchSymbols(query, 12);
      const problems = results.length ? [] : [{ field: 'q', text: request.t(`${K}criteria.noSymbols`, { query }) }];
      return renderCriteria(request, reply, { values, query, results, ...(problems.length ? errorState(problems) : {}) }, problems.length ? 422 : 200);
    }
    const form = parseForm(criterionForm, body, request.t);
    if (!form.ok) return renderCriteria(request, reply, { values, errors: form.errors, errorSummary: form.summary }, 422);
    const added = await programmes.proposeCriterion(db, areaId(request), viewer.programme.id, { memberId: viewer.member?.id ?? null, actorId: viewer.member ? null : request.actor!.accountId }, form.data);
    if (added.concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, areaId(request), (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
    return reply.flash(request.t(`${K}criteria.proposed`)).redirect(`${programmeUrls(request, viewer.programme.id).criteria}#criterion-${added.id}`, 303);
  });

  // The team's decision: staff agree, drop or bring back; an inspector may mark "we agreed".
  app.post('/a/:area/inspections/:programmeId/criteria/:inspectionCriterionId', member, async (request, reply) => {
    const viewer = await programmes.programmeViewer(db, request, areaId(request), idParam(request, 'programmeId'));
    const criterionId = idParam(request, 'inspectionCriterionId');
    const form = parseForm(decisionForm, request.body, request.t);
    if (!form.ok) return renderCriteria(request, reply, { errors: form.errors, errorSummary: form.summary }, 422);
    const isStaff = viewer.staff === 'manage';
    if (!isStaff && !(viewer.member && form.data.decision === 'agreed')) throw new NotFoundError('inspection criterion');
    await programmes.agreeCriterion(db, areaId(request), viewer.programme.id, criterionId, form.data.decision, isStaff ? { actorId: request.actor!.accountId } : { actorId: null, memberId: viewer.member!.id });
    return reply.flash(request.t(`${K}criteria.decided.${form.data.decision}`)).redirect(`${programmeUrls(request, viewer.programme.id).criteria}#criterion-${criterionId}`, 303);
  });

  // ── The young inspector's own page ────────────────────────────────────────────────────────────

  app.get('/a/:area/panels/:panelId/inspections', member, async (request, reply) => {
    const programmeId = await programmes.programmeOfMember(db, request, areaId(request), idParam(request, 'panelId'));
    if (!programmeId) return reply.redirect(signInUrl(request), 303);
    return reply.redirect(programmeUrls(request, programmeId).me, 303);
  });

  app.get('/a/:area/inspections/:programmeId/me', member, async (request, reply) => {
    const viewer = await inspectorOn(db, request, idParam(request, 'programmeId'));
    if (!viewer) return reply.redirect(signInUrl(request), 303);
    const u = programmeUrls(request, viewer.programme.id);
    const mine = await visits.inspectorVisits(db, areaId(request), viewer.programme.id, viewer.member.id);
    const gaps = checklistGaps(viewer.member);
    return reply.page('inspections/views/programmes/me.njk', {
      title: request.t(`${K}me.title`),
      programme: viewer.programme,
      name: viewer.member.displayName,
      ready: gaps.length === 0,
      memberHome: `/a/${request.area!.slug}/panels/${viewer.programme.panelId}/me`,
      visits: mine.visits.map((v) => ({
        provider: v.providerName,
        when: when(request, v.startsAt),
        status: request.t(`inspections.visits.status.${v.status}`),
        rated: v.rated,
        total: mine.agreed,
        inspectHref: u.inspect(v.id),
        photosHref: u.photos(v.id),
        open: v.status === 'planned' || v.status === 'visited',
      })),
      proposed: mine.proposed,
      criteriaHref: u.criteria,
    });
  });
}
