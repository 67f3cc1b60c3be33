/**
 * Evaluation (issue 13 §3): the charter, self-assessed. Registered by evaluation.routes.ts.
 *
 * Staff: the area's view of a year (who has not finished, progress, where the forums differ, last
 * year beside this), opening and closing a year, an organisation's self-assessment (one page per
 * principle) and a forum's rating of an organisation. Public: "How we are doing against our
 * charter", standard and easy read, from the latest closed year.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { ConflictError } from '../../lib/errors.ts';
import { parseDeadline, parseForumRatings, parseOpenYear, parseRatings } from './charter-assessment.forms.ts';
import * as service from './charter-assessment.service.ts';

type YearParams = { year: string };
type OrganisationParams = YearParams & { organisationId: string };
type PrincipleParams = OrganisationParams & { number: string };
type ForumParams = OrganisationParams & { forumId: string };

const view = { config: { access: { action: 'evaluation.view' as const } } };
const settings = { config: { access: { action: 'evaluation.settings' as const } } };
const rate = { config: { access: { action: 'evaluation.rate' as const } } };
const forumRating = { config: { access: { action: 'evaluation.charter_forum' as const } } };
const publicRoute = { config: { access: 'public' as const } };

const P = 'evaluation.charterAssessment.';

function dateParts(prefix: string, date: string | null | undefined): Record<string, string> {
  if (!date) return {};
  const [year, month, day] = date.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year! };
}

export default async function charterAssessmentRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/evaluation/charter`;

  // ── The area's view ──────────────────────────────────────────────────────────────────────────

  const renderYear = async (request: FastifyRequest, reply: FastifyReply, year?: string) => {
    const area = request.area!;
    const yearView = await service.areaYearView(db, area.id, year);
    const may = (action: 'evaluation.settings' | 'evaluation.charter_forum') => can(request.actor, action, { areaId: area.id });
    return reply.page('evaluation/views/charter-assessment/area.njk', {
      title: yearView.cycle ? request.t(`${P}area.title`, { year: yearView.cycle.year }) : request.t(`${P}area.titleNone`),
      backLink: `/a/${area.slug}/manage/evaluation`,
      view: yearView,
      hasOpen: yearView.cycles.some((c) => c.status === 'open'),
      mayOpen: may('evaluation.settings'),
      mayRecordForum: may('evaluation.charter_forum'),
      base: base(request),
    });
  };

  app.get('/a/:area/manage/evaluation/charter', view, (request, reply) => renderYear(request, reply));
  app.get<{ Params: YearParams }>('/a/:area/manage/evaluation/charter/:year', view, (request, reply) => renderYear(request, reply, request.params.year));

  // ── Opening a year ───────────────────────────────────────────────────────────────────────────

  const renderOpen = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const page = await service.openYearPage(db, request.area!.id);
    const suggested = Math.max(Number(service.londonToday().slice(0, 4)), (page.latestYear ?? 0) + 1);
    return reply.page('evaluation/views/charter-assessment/open-year.njk', {
      title: request.t(`${P}open.title`),
      backLink: base(request),
      page,
      values: { year: String(suggested) },
      formAction: `${base(request)}/new-year`,
      ...extra,
    }, status);
  };

  app.get('/a/:area/manage/evaluation/charter/new-year', settings, (request, reply) => renderOpen(request, reply));

  app.post('/a/:area/manage/evaluation/charter/new-year', settings, async (request, reply) => {
    const form = parseOpenYear(request.body, request.t, service.londonToday());
    if (!form.ok) return renderOpen(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    try {
      await service.openYear(db, request.area!.id, request.actor!.accountId, form.data);
    } catch (error) {
      if (!(error instanceof service.YearTakenError) && !(error instanceof service.YearOpenError)) throw error;
      const message = request.t(`${P}validation.year.${error instanceof service.YearTakenError ? 'taken' : 'open'}`);
      return renderOpen(request, reply, { errors: { year: message }, errorSummary: [{ text: message, href: '#year' }], values: request.body }, 422);
    }
    return reply.flash(request.t(`${P}open.opened`, { year: form.data.year })).redirect(`${base(request)}/${form.data.year}`, 303);
  });

  // ── Closing a year ───────────────────────────────────────────────────────────────────────────

  app.get<{ Params: YearParams }>('/a/:area/manage/evaluation/charter/:year/close', settings, async (request, reply) => {
    const { cycle, notFinished } = await service.closeYearPage(db, request.area!.id, request.params.year);
    if (cycle.status !== 'open') throw new ConflictError('year closed');
    return reply.page('evaluation/views/charter-assessment/close-year.njk', {
      title: request.t(`${P}close.title`, { year: cycle.year }),
      backLink: `${base(request)}/${cycle.year}`,
      cycle,
      notFinished,
      formAction: `${base(request)}/${cycle.year}/close`,
    });
  });

  app.post<{ Params: YearParams }>('/a/:area/manage/evaluation/charter/:year/close', settings, async (request, reply) => {
    const cycle = await service.closeYear(db, request.area!.id, request.actor!.accountId, request.params.year);
    return reply.flash(request.t(`${P}close.closed`, { year: cycle.year })).redirect(`${base(request)}/${cycle.year}`, 303);
  });

  // ── Moving the deadline ──────────────────────────────────────────────────────────────────────

  const renderDeadline = async (request: FastifyRequest<{ Params: YearParams }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const cycle = await service.getYear(db, request.area!.id, request.params.year);
    if (cycle.status !== 'open') throw new ConflictError('year closed');
    return reply.page('evaluation/views/charter-assessment/deadline.njk', {
      title: request.t(`${P}deadline.title`, { year: cycle.year }),
      backLink: `${base(request)}/${cycle.year}`,
      cycle,
      values: dateParts('deadline', cycle.deadlineOn),
      formAction: `${base(request)}/${cycle.year}/deadline`,
      ...extra,
    }, status);
  };

  app.get<{ Params: YearParams }>('/a/:area/manage/evaluation/charter/:year/deadline', settings, (request, reply) => renderDeadline(request, reply));

  app.post<{ Params: YearParams }>('/a/:area/manage/evaluation/charter/:year/deadline', settings, async (request, reply) => {
    const form = parseDeadline(request.body, request.t, service.londonToday());
    if (!form.ok) return renderDeadline(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const cycle = await service.changeDeadline(db, request.area!.id, request.actor!.accountId, request.params.year, form.data.deadlineOn);
    return reply.flash(request.t(`${P}deadline.changed`, { year: cycle.year })).redirect(`${base(request)}/${cycle.year}`, 303);
  });

  // ── An organisation's self-assessment ────────────────────────────────────────────────────────

  const renderOrganisation = async (request: FastifyRequest<{ Params: OrganisationParams }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const { year, organisationId } = request.params;
    const organisation = await service.organisationView(db, request.actor, request.area!.id, year, organisationId);
    return reply.page('evaluation/views/charter-assessment/organisation.njk', {
      title: request.t(`${P}organisation.title`, { organisation: organisation.organisation.name, year: organisation.cycle.year }),
      backLink: `${base(request)}/${organisation.cycle.year}`,
      o: organisation,
      base: `${base(request)}/${organisation.cycle.year}/organisations/${organisation.organisation.id}`,
      ...extra,
    }, status);
  };

  app.get<{ Params: OrganisationParams }>('/a/:area/manage/evaluation/charter/:year/organisations/:organisationId', view, (request, reply) => renderOrganisation(request, reply));

  app.post<{ Params: OrganisationParams }>('/a/:area/manage/evaluation/charter/:year/organisations/:organisationId/finish', rate, async (request, reply) => {
    const { year, organisationId } = request.params;
    try {
      await service.finishSelfAssessment(db, request.actor!, request.area!.id, year, organisationId);
    } catch (error) {
      if (!(error instanceof service.NotAllRatedError)) throw error;
      const message = request.t(`${P}validation.finish.notAllRated`);
      return renderOrganisation(request, reply, { errors: { finish: message }, errorSummary: [{ text: message, href: '#principles' }] }, 422);
    }
    return reply.flash(request.t(`${P}organisation.finished`)).redirect(`${base(request)}/${year}/organisations/${organisationId}`, 303);
  });

  const principleValues = (form: service.PrincipleForm): Record<string, unknown> => {
    const values: Record<string, unknown> = { seen: form.seen };
    for (const s of form.principle.statements) {
      const r = form.ratings.get(s.id);
      if (!r) continue;
      const f = (name: string) => `c${s.position}-${name}`;
      Object.assign(values, {
        [f('rating')]: r.rating, [f('url')]: r.evidenceUrl, [f('activity')]: r.evidenceActivityId ?? '', [f('note')]: r.evidenceNote,
        [f('action')]: r.actionText, [f('owner')]: r.actionOwner, ...dateParts(f('due'), r.actionDueOn),
      });
    }
    return values;
  };

  const renderPrinciple = (request: FastifyRequest<{ Params: PrincipleParams }>, reply: FastifyReply, form: service.PrincipleForm, extra: Record<string, unknown> = {}, status = 200) => {
    const organisationUrl = `${base(request)}/${form.cycle.year}/organisations/${form.organisation.id}`;
    return reply.page('evaluation/views/charter-assessment/principle.njk', {
      title: request.t(`${P}principle.title`, { principle: form.principle.title, organisation: form.organisation.name }),
      backLink: organisationUrl,
      form,
      values: principleValues(form),
      formAction: `${organisationUrl}/principles/${form.principle.position}`,
      organisationUrl,
      ...extra,
    }, status);
  };

  app.get<{ Params: PrincipleParams }>('/a/:area/manage/evaluation/charter/:year/organisations/:organisationId/principles/:number', rate, async (request, reply) => {
    const { year, organisationId, number } = request.params;
    return renderPrinciple(request, reply, await service.principleForm(db, request.actor, request.area!.id, year, organisationId, number));
  });

  app.post<{ Params: PrincipleParams }>('/a/:area/manage/evaluation/charter/:year/organisations/:organisationId/principles/:number', rate, async (request, reply) => {
    const { year, organisationId, number } = request.params;
    const form = await service.principleForm(db, request.actor, request.area!.id, year, organisationId, number);
    const parsed = parseRatings(request.body, form.principle, new Set(form.activities.map((a) => a.id)), request.t);
    if (!parsed.ok) return renderPrinciple(request, reply, form, { errors: parsed.errors, errorSummary: parsed.summary, values: { ...parsed.values, seen: form.seen } }, 422);
    const outcome = await service.savePrinciple(db, request.actor!, request.area!.id, form, parsed.data, parsed.seen);
    if (!outcome.saved) {
      // Someone else saved this page meanwhile: what this person typed stays in the form, and the
      // page says what the other person saved, so neither is lost.
      return renderPrinciple(request, reply, outcome.form, { conflict: true, stored: outcome.form.ratings, values: { ...(request.body as Record<string, unknown>), seen: outcome.form.seen } }, 409);
    }
    const organisationUrl = `${base(request)}/${form.cycle.year}/organisations/${form.organisation.id}`;
    reply.flash(request.t(`${P}principle.saved`, { principle: form.principle.title }));
    return reply.redirect(outcome.next ? `${organisationUrl}/principles/${outcome.next}` : organisationUrl, 303);
  });

  // ── A forum's rating ─────────────────────────────────────────────────────────────────────────

  const renderForum = (request: FastifyRequest<{ Params: ForumParams }>, reply: FastifyReply, form: service.ForumForm, extra: Record<string, unknown> = {}, status = 200) => {
    const values: Record<string, unknown> = { ...dateParts('agreed', form.agreedOn) };
    for (const p of form.principles) {
      if (!p.current) continue;
      values[`p${p.principle.position}-rating`] = p.current.rating;
      values[`p${p.principle.position}-note`] = p.current.note;
    }
    return reply.page('evaluation/views/charter-assessment/forum.njk', {
      title: request.t(`${P}forum.title`, { forum: form.forum.name, organisation: form.organisation.name }),
      backLink: `${base(request)}/${form.cycle.year}`,
      form,
      values,
      formAction: `${base(request)}/${form.cycle.year}/forums/${form.forum.id}/organisations/${form.organisation.id}`,
      ...extra,
    }, status);
  };

  app.get<{ Params: ForumParams }>('/a/:area/manage/evaluation/charter/:year/forums/:forumId/organisations/:organisationId', forumRating, async (request, reply) => {
    const { year, forumId, organisationId } = request.params;
    return renderForum(request, reply, await service.forumForm(db, request.area!.id, year, forumId, organisationId));
  });

  app.post<{ Params: ForumParams }>('/a/:area/manage/evaluation/charter/:year/forums/:forumId/organisations/:organisationId', forumRating, async (request, reply) => {
    const { year, forumId, organisationId } = request.params;
    const form = await service.forumForm(db, request.area!.id, year, forumId, organisationId);
    const parsed = parseForumRatings(request.body, form.principles.map((p) => p.principle), request.t, service.londonToday());
    if (!parsed.ok) return renderForum(request, reply, form, { errors: parsed.errors, errorSummary: parsed.summary, values: parsed.values }, 422);
    await service.saveForumRatings(db, request.actor!.accountId, request.area!.id, form, parsed.data);
    return reply.flash(request.t(`${P}forum.saved`, { forum: form.forum.name, organisation: form.organisation.name })).redirect(`${base(request)}/${form.cycle.year}#differences`, 303);
  });

  // ── The public page ──────────────────────────────────────────────────────────────────────────

  app.get('/a/:area/charter/how-we-are-doing', publicRoute, async (request, reply) => {
    return reply.page('evaluation/views/charter-assessment/public.njk', {
      title: request.t(`${P}public.title`),
      backLink: `/a/${request.area!.slug}/charter`,
      progress: await service.publicProgress(db, request.area!.id),
    });
  });

  app.get('/a/:area/charter/how-we-are-doing/easy-read', publicRoute, async (request, reply) => {
    return reply.page('evaluation/views/charter-assessment/public-easy-read.njk', {
      title: request.t(`${P}public.easyReadTitle`),
      backLink: `/a/${request.area!.slug}/charter/easy-read`,
      progress: await service.publicProgress(db, request.area!.id),
    });
  });
}
