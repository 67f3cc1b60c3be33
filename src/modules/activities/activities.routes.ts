/**
 * Staff pages for co-production activities: the list, creating and editing (with a version check),
 * the activity page with its planning checklist, opening, closing and "feedback given", and the lists
 * of sign-ups and adjustment requests. The public pages (take part, sign up, calendar file) and the
 * term dates are in their own files, registered here.
 *
 * The route gate checks the role; an activity's own organisation is checked after loading it
 * (getManagedActivity): practitioners act only for their own organisation.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Actor, type AreaAction } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { parseForm, type ErrorSummaryItem, type FieldErrors } from '../../lib/form-errors.ts';
import { listOrganisations, type Organisation } from '../areas/areas.service.ts';
import { ACTIVITY_FIELD_IDS, activityForm, adjustmentStatusForm, list, versionField, type OrganisationChoice, type PlanningChoices } from './activities.forms.ts';
import { isId } from '../../lib/ids.ts';
import * as activities from './activities.service.ts';
import {
  ACTIVITY_TYPES,
  ADJUSTMENTS,
  AGE_BANDS,
  AUDIENCES,
  GROUND_RULES,
  LEVELS,
  STAGES,
  STATUSES,
  VENUE_ACCESS,
  VENUE_KINDS,
  oneOf,
  type ActivityStatus,
} from './activity-options.ts';
import { audienceText, clockText, dayText, whenText, whereText } from './activity-view.ts';
import { countSubmittedResponses } from '../surveys/questions.service.ts';
import { londonParts } from './london-time.ts';
import { describePlanningCheck, warningCount, type PlanningCheck } from './planning-checks.ts';
import * as signups from './signups.service.ts';
import takePartRoutes from './take-part.routes.ts';
import termDatesRoutes from './term-dates.routes.ts';
import { activityFigures, feedbackDashboard } from '../feedback/figures.service.ts';
import { planningLevelChoices, type PlanningLevelChoices } from '../evaluation/index.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });

/** The activity id from the URL: anything but a well-formed id is "not found", never a database error. */
export function activityIdParam(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown>).activityId;
  if (!isId(id)) throw new NotFoundError('activity');
  return id;
}

/** Which organisations this person may run an activity for (leads: any, or the partnership). */
function organisationChoice(actor: Actor, areaId: string, organisations: Organisation[]): OrganisationChoice {
  return {
    organisationIds: organisations.filter((o) => can(actor, 'activity.manage', { areaId, organisationId: o.id })).map((o) => o.id),
    partnership: can(actor, 'activity.manage', { areaId, organisationId: null }),
  };
}

/** Form values from a saved activity (what the edit form starts with). */
function valuesOf(a: activities.Activity): Record<string, unknown> {
  // A survey's dates are set on its questions page (they span days): this form leaves them alone.
  const dated = a.type !== 'survey';
  const start = dated && a.startsAt ? londonParts(a.startsAt) : undefined;
  const end = dated && a.endsAt ? londonParts(a.endsAt) : undefined;
  return {
    title: a.title,
    purpose: a.purpose,
    easyReadPurpose: a.easyReadPurpose,
    type: a.type,
    level: a.level,
    stage: a.stage,
    services: a.services.join('\n'),
    organisationId: a.organisationId ?? '',
    audience: a.audience,
    ageBands: a.ageBands,
    childrenMode: a.type === 'survey' ? (a.childrenMode ? 'on' : 'off') : 'auto',
    'date-day': start ? String(start.day) : '',
    'date-month': start ? String(start.month) : '',
    'date-year': start ? String(start.year) : '',
    startTime: start?.time ?? '',
    endTime: end?.time ?? '',
    venueKind: a.venueKind,
    venueName: a.venueName,
    venueAddress: a.venueAddress,
    joiningInstructions: a.joiningInstructions,
    venueAccess: a.venueAccessRecorded && a.venueAccess.length === 0 ? ['none'] : a.venueAccess,
    questionsShared: a.questionsShared ? ['yes'] : [],
    adjustmentsOffered: a.adjustmentsOffered,
    interpreterLanguages: a.interpreterLanguages,
    groundRules: a.groundRules,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone,
    plannedRung: a.plannedRung ?? '',
    decidedBy: a.decidedByBoardId ?? (a.decidedByRole ? 'role' : ''),
    decidedByRole: a.decidedByRole,
  };
}

/**
 * The area's ladder rungs and boards as the form checks them (issue 13: planned level, who will
 * decide). An activity planned on a ladder the area has since changed keeps its rung as a choice,
 * so saving the form never drops a planned level nobody touched.
 */
function planningChoices(choices: PlanningLevelChoices, activity?: activities.Activity): PlanningChoices {
  const rungs = choices.ladder.rungs.map((r) => ({ ref: r.ref, name: r.name, commonLevel: r.commonLevel }));
  return { rungs: [...rungs, ...earlierRung(rungs, activity)], boardIds: choices.boards.map((b) => b.id) };
}

function earlierRung(rungs: ReadonlyArray<{ ref: string }>, activity?: activities.Activity): Array<{ ref: string; name: string; commonLevel: string }> {
  if (!activity?.plannedRung || !activity.plannedLevel || rungs.some((r) => r.ref === activity.plannedRung)) return [];
  return [{ ref: activity.plannedRung, name: activity.plannedRungName, commonLevel: activity.plannedLevel }];
}

/** Posted values as the template wants them: checkbox groups always as lists. */
function typedValues(body: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = { ...body };
  for (const field of ['ageBands', 'venueAccess', 'questionsShared', 'adjustmentsOffered', 'groundRules']) values[field] = list(body[field]);
  return values;
}

type FormModel = {
  values: Record<string, unknown>;
  errors?: FieldErrors;
  errorSummary?: ErrorSummaryItem[];
  activity?: activities.Activity;
  version?: number;
  conflict?: boolean;
};

export default async function activitiesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  await app.register(takePartRoutes);
  await app.register(termDatesRoutes);

  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/activities`;

  const organisationNames = async (areaId: string) => new Map((await listOrganisations(db, areaId)).map((o) => [o.id, o.name]));

  // ── The list ──────────────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/activities', needs('activity.view'), async (request, reply) => {
    const area = request.area!;
    const wanted = (request.query as Record<string, unknown> | undefined)?.status;
    const status = oneOf(STATUSES, wanted) ? wanted : undefined;
    const [found, names, responses, feedbackWeeks, dashboard] = await Promise.all([
      activities.listActivities(db, area.id, status ? { statuses: [status] } : {}),
      organisationNames(area.id),
      countSubmittedResponses(db, area.id),
      activities.feedbackWeeksOf(db, area.id),
      feedbackDashboard(db, area.id),
    ]);
    const overdue = new Map(dashboard.overdue.map((o) => [o.activityId, o.daysOverdue]));
    const t = request.t;
    const day = (at: Date | null | undefined) => (at ? dayText(at, request.lang) : '');
    return reply.page('activities/views/list.njk', {
      title: t('activities.list.title'),
      status: status ?? '',
      statuses: STATUSES,
      rows: found.map((a) => ({
        id: a.id,
        title: a.title,
        type: t(`activities.options.types.${a.type}`),
        audience: audienceText(a, t),
        when: whenText(a, request.lang, t),
        organisation: a.organisationId ? (names.get(a.organisationId) ?? '') : t('activities.view.partnership'),
        status: a.status,
        survey: a.type === 'survey',
        // Operational counts for staff: how many responses came in, not who sent them.
        responses: responses.get(a.id) ?? 0,
        opens: a.type === 'survey' && activities.opensLater(a) ? day(a.startsAt) : '',
        closes: a.type === 'survey' ? day(activities.closingMoment(a)) : '',
        closed: a.status === 'closed' || a.status === 'feedback_given',
        feedbackDue: a.status === 'feedback_given' ? '' : day(activities.feedbackDue(a, feedbackWeeks)),
        daysOverdue: overdue.get(a.id) ?? null,
      })),
      canCreate: can(request.actor, 'activity.create', { areaId: area.id }),
      backLink: `/a/${area.slug}/manage`,
    });
  });

  // ── Creating and editing ──────────────────────────────────────────────────────────────────────
  const renderForm = async (request: FastifyRequest, reply: FastifyReply, model: FormModel, status = 200) => {
    const area = request.area!;
    const organisations = await listOrganisations(db, area.id);
    const choice = organisationChoice(request.actor!, area.id, organisations);
    const own = organisations.filter((o) => choice.organisationIds.includes(o.id));
    const editing = model.activity;
    const t = request.t;
    /** Radio and checkbox items with their words (and a hint explaining each, where one helps). */
    const items = (name: string, values: readonly string[], hints?: string) =>
      values.map((value) => ({ value, text: t(`activities.options.${name}.${value}`), ...(hints ? { hint: { text: t(`activities.options.${hints}.${value}`) } } : {}) }));
    const planning = await planningLevelChoices(db, area.id);
    return reply.page('activities/views/form.njk', {
      title: editing ? t('activities.form.editTitle', { title: editing.title }) : t('activities.form.newTitle'),
      heading: editing ? t('activities.form.editHeading') : t('activities.form.newTitle'),
      action: editing ? `${base(request)}/${editing.id}/edit` : `${base(request)}/new`,
      backLink: editing ? `${base(request)}/${editing.id}` : base(request),
      activity: editing,
      version: model.version ?? editing?.version,
      conflict: model.conflict ?? false,
      values: model.values,
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
      organisationField: choice.partnership ? 'select' : own.length > 1 ? 'select' : own.length === 1 ? 'fixed' : 'none',
      partnership: choice.partnership,
      organisations: own,
      fixedOrganisation: own.length === 1 && !choice.partnership ? own[0]!.name : '',
      options: {
        types: items('types', ACTIVITY_TYPES),
        levels: items('levels', LEVELS, 'levelHints'),
        stages: items('stages', STAGES, 'stageHints'),
        audiences: items('audiences', AUDIENCES),
        ageBands: items('ageBands', AGE_BANDS),
        venueKinds: items('venueKinds', VENUE_KINDS),
        venueAccess: items('venueAccess', VENUE_ACCESS),
        adjustments: items('adjustments', ADJUSTMENTS),
        groundRules: items('groundRules', GROUND_RULES, 'groundRuleWording'),
        // The area's ladder, top rung first (as a ladder is drawn); each rung's meaning, and a note where its wording is unchecked.
        plannedRungs: [...planning.ladder.rungs].reverse().map((r) => ({
          value: r.ref,
          text: t('activities.form.plannedRungItem', { name: r.name, level: t(`evaluation.ladders.common.${r.commonLevel}.name`) }),
          hint: { text: r.status === 'unverified' && !r.edited ? `${r.meaning} ${t('activities.form.unchecked')}` : r.meaning },
        })).concat(earlierRung(planning.ladder.rungs, editing).map((r) => ({
          value: r.ref,
          text: t('activities.form.plannedRungItem', { name: r.name, level: t(`evaluation.ladders.common.${r.commonLevel}.name`) }),
          hint: { text: t('activities.form.earlierLadder') },
        }))),
        boards: planning.boards.map((b) => ({ value: b.id, text: b.name })),
      },
      ladderName: planning.ladder.name,
    }, status);
  };

  app.get('/a/:area/activities/new', needs('activity.create'), (request, reply) =>
    renderForm(request, reply, { values: { childrenMode: 'auto', ageBands: [], venueAccess: [], questionsShared: [], adjustmentsOffered: [], groundRules: [] } }),
  );

  app.post('/a/:area/activities/new', needs('activity.create'), async (request, reply) => {
    const area = request.area!;
    const organisations = await listOrganisations(db, area.id);
    const planning = planningChoices(await planningLevelChoices(db, area.id));
    const form = parseForm(activityForm(organisationChoice(request.actor!, area.id, organisations), planning), request.body, request.t, ACTIVITY_FIELD_IDS);
    if (!form.ok) return renderForm(request, reply, { values: typedValues(form.values), errors: form.errors, errorSummary: form.summary }, 422);
    const activity = await activities.createActivity(db, area.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('activities.flash.created', { title: activity.title })).redirect(`${base(request)}/${activity.id}`, 303);
  });

  app.get('/a/:area/activities/:activityId/edit', needs('activity.manage'), async (request, reply) => {
    const activity = await activities.getManagedActivity(db, request.actor, request.area!.id, activityIdParam(request));
    return renderForm(request, reply, { values: valuesOf(activity), activity });
  });

  app.post('/a/:area/activities/:activityId/edit', needs('activity.manage'), async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getManagedActivity(db, request.actor, area.id, activityIdParam(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const organisations = await listOrganisations(db, area.id);
    const planning = planningChoices(await planningLevelChoices(db, area.id), activity);
    const form = parseForm(activityForm(organisationChoice(request.actor!, area.id, organisations), planning), body, request.t, ACTIVITY_FIELD_IDS);
    const version = versionField.safeParse(body.version);
    const startedFrom = version.success ? version.data : 0;
    if (!form.ok) return renderForm(request, reply, { values: typedValues(form.values), errors: form.errors, errorSummary: form.summary, activity, version: startedFrom || activity.version }, 422);
    // A survey's opening and closing dates come from the builder's dates page, unless dates were typed here.
    const input = form.data.type === 'survey' && !form.data.startsAt && activity.type === 'survey' ? { ...form.data, startsAt: activity.startsAt, endsAt: activity.endsAt } : form.data;
    try {
      await activities.updateActivity(db, area.id, request.actor!.accountId, activity.id, startedFrom, input);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone else saved first: keep everything this person typed, and say what happened. Saving
      // again from here replaces the other change knowingly (the form now carries the new version).
      const current = await activities.getActivity(db, area.id, activity.id);
      return renderForm(request, reply, { values: typedValues(body), activity: current, version: current.version, conflict: true }, 409);
    }
    return reply.flash(request.t('activities.flash.saved')).redirect(`${base(request)}/${activity.id}`, 303);
  });

  // ── The activity page ─────────────────────────────────────────────────────────────────────────
  const describeChecks = (request: FastifyRequest, checks: PlanningCheck[]) =>
    checks.map((c) => ({ ...describePlanningCheck(c, request.t, request.lang), result: c.result, key: c.key }));

  app.get('/a/:area/activities/:activityId', needs('activity.view'), async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getActivity(db, area.id, activityIdParam(request));
    const [checks, names, figures, feedbackWeeks, responses] = await Promise.all([
      activities.planningChecks(db, area.id, activity),
      organisationNames(area.id),
      activityFigures(db, area.id, activity.id),
      activities.feedbackWeeksOf(db, area.id),
      countSubmittedResponses(db, area.id),
    ]);
    const t = request.t;
    const moment = (at: Date) => t('surveys.builder.dates.moment', { day: dayText(at, request.lang), time: clockText(at, request.lang, t) });
    const due = activities.feedbackDue(activity, feedbackWeeks);
    return reply.page('activities/views/activity.njk', {
      figures,
      title: activity.title,
      activity,
      backLink: base(request),
      href: `${base(request)}/${activity.id}`,
      typeLabel: t(`activities.options.types.${activity.type}`),
      audience: audienceText(activity, t),
      when: whenText(activity, request.lang, t),
      where: whereText(activity, t),
      organisation: activity.organisationId ? (names.get(activity.organisationId) ?? '') : t('activities.view.partnership'),
      timed: activities.isTimed(activity),
      checks: describeChecks(request, checks),
      warnings: warningCount(checks),
      canManage: activities.canManageActivity(request.actor, activity),
      canReadContributions: can(request.actor, 'contribution.read', { areaId: area.id, organisationId: activity.organisationId }),
      canExport: can(request.actor, 'response.export', { areaId: area.id, organisationId: activity.organisationId }),
      next: activities.nextStatuses(activity.status),
      survey: activity.type === 'survey'
        ? {
            opens: activity.startsAt ? moment(activity.startsAt) : '',
            closes: activities.closingMoment(activity) ? moment(activities.closingMoment(activity)!) : '',
            closed: activity.status === 'closed' || activity.status === 'feedback_given',
            opensLater: activities.opensLater(activity) ? moment(activity.startsAt!) : '',
            responses: responses.get(activity.id) ?? 0,
            datesHref: `${base(request)}/${activity.id}/questions/dates`,
          }
        : null,
      feedbackDue: due && activity.status !== 'feedback_given' ? { day: dayText(due, request.lang), weeks: feedbackWeeks } : null,
    });
  });

  // ── Opening (with the checklist), closing, feedback given ─────────────────────────────────────
  app.get('/a/:area/activities/:activityId/open', needs('activity.manage'), async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getManagedActivity(db, request.actor, area.id, activityIdParam(request));
    if (!activities.nextStatuses(activity.status).includes('open')) return reply.redirect(`${base(request)}/${activity.id}`, 303);
    const checks = await activities.planningChecks(db, area.id, activity);
    const t = request.t;
    const moment = (at: Date) => t('surveys.builder.dates.moment', { day: dayText(at, request.lang), time: clockText(at, request.lang, t) });
    const now = new Date();
    const dates = activity.type === 'survey'
      ? {
          closingPassed: activity.endsAt && activity.endsAt.getTime() <= now.getTime() ? moment(activity.endsAt) : '',
          opensLater: activity.startsAt && activity.startsAt.getTime() > now.getTime() ? moment(activity.startsAt) : '',
          closes: activity.endsAt ? moment(activity.endsAt) : '',
          href: `${base(request)}/${activity.id}/questions/dates`,
        }
      : null;
    return reply.page('activities/views/open.njk', {
      dates,
      title: request.t('activities.open.title', { title: activity.title }),
      activity,
      backLink: `${base(request)}/${activity.id}`,
      checks: describeChecks(request, checks),
      warnings: warningCount(checks),
    });
  });

  const statusRoute = (path: string, to: ActivityStatus, flashKey: string) =>
    app.post(`/a/:area/activities/:activityId/${path}`, needs('activity.manage'), async (request, reply) => {
      const { activity } = await activities.changeActivityStatus(db, request.actor!, request.area!.id, activityIdParam(request), to);
      return reply.flash(request.t(flashKey, { title: activity.title })).redirect(`${base(request)}/${activity.id}`, 303);
    });
  statusRoute('open', 'open', 'activities.flash.opened');
  statusRoute('close', 'closed', 'activities.flash.closed');
  statusRoute('feedback-given', 'feedback_given', 'activities.flash.feedbackGiven');

  // ── Sign-ups and adjustment requests (personal data: every read is audited) ──────────────────
  app.get('/a/:area/activities/:activityId/sign-ups', needs('activity.manage'), async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getManagedActivity(db, request.actor, area.id, activityIdParam(request));
    const { signups: rows, people, cancelled } = await signups.listSignups(db, request.actor!.accountId, area.id, activity.id);
    return reply.page('activities/views/sign-ups.njk', { title: request.t('activities.signups.title'), activity, rows, people, cancelled, backLink: `${base(request)}/${activity.id}` });
  });

  app.get('/a/:area/activities/:activityId/adjustments', needs('activity.manage'), async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getManagedActivity(db, request.actor, area.id, activityIdParam(request));
    const requests = await signups.listAdjustmentRequests(db, request.actor!.accountId, area.id, activity.id);
    return reply.page('activities/views/adjustments.njk', { title: request.t('activities.adjustments.title'), activity, requests, backLink: `${base(request)}/${activity.id}` });
  });

  app.post('/a/:area/activities/:activityId/adjustments/:requestId', needs('activity.manage'), async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getManagedActivity(db, request.actor, area.id, activityIdParam(request));
    const requestId = (request.params as Record<string, unknown>).requestId;
    if (!isId(requestId)) throw new NotFoundError('adjustment request');
    const form = parseForm(adjustmentStatusForm, request.body, request.t);
    // The status comes from the buttons on the list, never typed: anything else changes nothing.
    if (!form.ok) return reply.redirect(`${base(request)}/${activity.id}/adjustments`, 303);
    await signups.setAdjustmentRequestStatus(db, request.actor!.accountId, area.id, activity.id, requestId, form.data.status);
    return reply.flash(request.t(`activities.adjustments.flash.${form.data.status}`)).redirect(`${base(request)}/${activity.id}/adjustments`, 303);
  });
}
