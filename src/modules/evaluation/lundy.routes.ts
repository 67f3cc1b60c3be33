/**
 * Evaluation (issue 13): the Lundy checklist. Registered by evaluation.routes.ts.
 *
 * - /a/:area/activities/:activityId/evaluation/lundy: one activity's checklist, with Chorus' proposed
 *   answers and their evidence; a lead (or a practitioner of the activity's organisation) confirms
 *   or overrides each;
 * - /a/:area/manage/evaluation/lundy: every checked activity by element, and the scores by month;
 * - /a/:area/manage/evaluation/lundy/template: the area's checklist and its own words.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError } from '../../lib/errors.ts';
import { monthName } from '../feedback/figures.service.ts';
import { parseForm } from '../../lib/form-errors.ts';
import { LUNDY_ANSWERS, LUNDY_ELEMENTS, LUNDY_MODEL_SOURCES, LUNDY_TEMPLATES } from './data/lundy.ts';
import { lundyLineChart } from './lundy.chart.ts';
import { checklistForm, NOTE_MAX, templateForm, WORDING_MAX } from './lundy.forms.ts';
import { activityChecklist, areaLundy, describeProposal, lundyConfig, saveActivityChecklist, saveLundyTemplate, type Checklist, type ShownProposal } from './lundy.service.ts';

type ActivityParams = { Params: { activityId: string } };

const view = { config: { access: { action: 'evaluation.view' as const } } };
const rate = { config: { access: { action: 'evaluation.rate' as const } } };
const settings = { config: { access: { action: 'evaluation.settings' as const } } };

/** What the form shows for each question: the saved answer and note, else Chorus' proposal. */
function valuesOf(checklist: Checklist): Record<string, string> {
  const values: Record<string, string> = {};
  for (const element of checklist.elements) {
    for (const item of element.items) {
      values[`answer-${item.number}`] = item.saved?.answer ?? item.proposal?.answer ?? '';
      values[`note-${item.number}`] = item.saved?.note ?? '';
    }
  }
  return values;
}

export default async function lundyRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const checklistUrl = (request: FastifyRequest<ActivityParams>) => `/a/${request.area!.slug}/activities/${request.params.activityId}/evaluation/lundy`;

  const renderChecklist = async (request: FastifyRequest<ActivityParams>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const area = request.area!;
    const checklist = await activityChecklist(db, request.actor, area.id, area.slug, request.params.activityId);
    const proposals: Record<number, ShownProposal> = {};
    for (const item of checklist.elements.flatMap((e) => e.items)) {
      if (item.proposal && item.proposer) proposals[item.number] = describeProposal(item.proposer, item.proposal, request.t);
    }
    return reply.page(
      'evaluation/views/lundy/checklist.njk',
      {
        title: request.t('evaluation.lundy.checklist.title', { activity: checklist.activity.title }),
        backLink: `/a/${area.slug}/activities/${checklist.activity.id}/evaluation`,
        checklist,
        proposals,
        answers: LUNDY_ANSWERS,
        modelSources: LUNDY_MODEL_SOURCES,
        noteMax: NOTE_MAX,
        values: valuesOf(checklist),
        formAction: checklistUrl(request),
        ...extra,
      },
      status,
    );
  };

  app.get<ActivityParams>('/a/:area/activities/:activityId/evaluation/lundy', view, (request, reply) => renderChecklist(request, reply));

  app.post<ActivityParams>('/a/:area/activities/:activityId/evaluation/lundy', rate, async (request, reply) => {
    const area = request.area!;
    const checklist = await activityChecklist(db, request.actor, area.id, area.slug, request.params.activityId);
    // A practitioner of another organisation is refused before the form is read (the service checks again).
    if (!checklist.mayRate) throw new ForbiddenError('evaluation.rate');
    const questions = checklist.elements.flatMap((e) => e.items.map((i) => ({ id: i.id, number: i.number, proposed: i.proposal?.answer ?? null })));
    const form = parseForm(checklistForm(questions), request.body, request.t);
    if (!form.ok) return renderChecklist(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await saveActivityChecklist(db, request.actor!, area.id, area.slug, checklist.activity.id, form.data);
    return reply.flash(request.t('evaluation.lundy.checklist.saved')).redirect(checklistUrl(request), 303);
  });

  app.get('/a/:area/manage/evaluation/lundy', view, async (request, reply) => {
    const area = request.area!;
    const lundy = await areaLundy(db, area.id);
    const t = request.t;
    const periods = lundy.periods.map((p) => ({ ...p, label: monthName(p.month, request.lang) }));
    const short = new Intl.DateTimeFormat(request.lang === 'cy' ? 'cy-GB' : 'en-GB', { month: 'short', timeZone: 'UTC' });
    const series = LUNDY_ELEMENTS.map((element) => ({ element, label: t(`evaluation.lundy.elements.${element}.name`), values: lundy.periods.map((p) => p.elements[element].percent) }));
    const description = series
      .map((s) => `${s.label}: ${periods.map((p, i) => `${p.label} ${s.values[i] === null ? t('evaluation.lundy.area.none') : `${s.values[i]}%`}`).join(', ')}.`)
      .join(' ');
    const chart =
      periods.length > 0
        ? lundyLineChart('lundy-chart', t('evaluation.lundy.area.chartTitle'), description, lundy.periods.map((p) => `${short.format(new Date(`${p.month}T12:00:00Z`))}|${p.month.slice(0, 4)}`), series)
        : '';
    return reply.page('evaluation/views/lundy/area.njk', {
      chart,
      title: request.t('evaluation.lundy.area.title'),
      backLink: `/a/${area.slug}/manage/evaluation`,
      lundy,
      elements: LUNDY_ELEMENTS,
      periods,
      activityRows: lundy.activities.map((a) => ({ ...a, label: monthName(a.when, request.lang) })),
      may: { settings: can(request.actor, 'evaluation.settings', { areaId: area.id }) },
    });
  });

  const templateUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/evaluation/lundy/template`;

  const renderTemplate = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const config = await lundyConfig(db, request.area!.id);
    const values: Record<string, string> = { templateId: config.template.id, version: String(config.version) };
    for (const item of config.items) values[`wording-${item.number}`] = item.shownWording;
    return reply.page(
      'evaluation/views/lundy/template.njk',
      {
        title: request.t('evaluation.lundy.template.title'),
        backLink: `/a/${request.area!.slug}/manage/evaluation/lundy`,
        config,
        templates: LUNDY_TEMPLATES,
        modelSources: LUNDY_MODEL_SOURCES,
        wordingMax: WORDING_MAX,
        values,
        formAction: templateUrl(request),
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/manage/evaluation/lundy/template', settings, (request, reply) => renderTemplate(request, reply));

  app.post('/a/:area/manage/evaluation/lundy/template', settings, async (request, reply) => {
    const config = await lundyConfig(db, request.area!.id);
    const form = parseForm(templateForm(config.items), request.body, request.t);
    if (!form.ok) return renderTemplate(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    try {
      await saveLundyTemplate(db, request.area!.id, request.actor!.accountId, form.data);
    } catch (error) {
      if (error instanceof ConflictError) return renderTemplate(request, reply, { changed: true }, 409);
      throw error;
    }
    return reply.flash(request.t('evaluation.lundy.template.saved')).redirect(templateUrl(request), 303);
  });
}
