/**
 * The pages children, young people and parent carers answer surveys on. This file: the start page,
 * starting a response, the supporter page, and continuing where a person left off; then
 * respond-questions.routes.ts (one question per page, saving, "anything else?"),
 * respond-about-you.routes.ts (the optional "About you") and respond-finish.routes.ts (check your
 * answers, the receipt, may we share your words, how to hear back). What every page shares, and the
 * one check of a response's stage, are in respond.pages.ts. ("What happened to my views" is in
 * feedback/my-views.routes.ts.) All public: a response is reached through its access token (an
 * httpOnly cookie scoped to the response's own path) or the signed-in account that started it.
 * Never through anything in the URL.
 *
 * Children's mode (activity.childrenMode) uses the easy-read wording of every text that has one
 * (the same catalogue key with "Easy" on the end), big symbols and large targets.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { parseForm } from '../../lib/form-errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { ADJUSTMENTS, closingText, isAcceptingResponses } from '../activities/activities.service.ts';
import { isId } from '../../lib/ids.ts';
import { IDEMPOTENCY_KEY, startForm, supporterForm } from './respond.forms.ts';
import * as respond from './respond.service.ts';
import { responsePages } from './respond.pages.ts';
import { aboutYouRoutes } from './respond-about-you.routes.ts';
import { finishRoutes } from './respond-finish.routes.ts';
import { questionsRoutes } from './respond-questions.routes.ts';

export default async function respondRoutes(app: FastifyInstance): Promise<void> {
  const pages = responsePages(app);
  const { db, publicRoute, readAloudJs, sayer, areaBase, base, params, returningToCheck, tokenFor, setAccessCookie, common, nextStep, renderClosed, surveyOf, stage, loadForStage } = pages;
  app.decorateRequest('survey', null);
  app.addHook('preHandler', loadForStage);

  // A survey that closed while someone was answering, or a page of an already-sent response.
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof respond.SurveyClosedError) return renderClosed(request, reply, false);
    if (error instanceof respond.AlreadySubmittedError) return reply.redirect(`${base(request, params(request).responseId ?? '')}/thank-you`, 303);
    if (error instanceof respond.UnansweredError) return reply.redirect(`${base(request, params(request).responseId ?? '')}/questions/${error.position}?return=check`, 303);
    // Our own guessing limits (not the installation-wide one): say plainly what to do.
    if ((error as { statusCode?: number }).statusCode === 429 && (request.routeOptions.config as { rateLimit?: unknown }).rateLimit) {
      const say = sayer(request, false);
      return reply.page('surveys/views/respond/too-many.njk', { title: say('tooMany.title'), s: say }, 429);
    }
    throw error;
  });

  // ── Start page ─────────────────────────────────────────────────────────────────────────────

  const renderStart = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const id = params(request).activityId ?? '';
    const found = isId(id) ? await respond.findSurvey(db, request.area!.id, id, request.actor) : undefined;
    if (!found) throw new NotFoundError('survey');
    const { activity, questionCount, preview } = found;
    const easy = activity.childrenMode;
    if (!isAcceptingResponses(activity) && !preview) return renderClosed(request, reply, easy);
    const say = sayer(request, easy);
    const unfinished = request.actor ? await respond.listUnfinished(db, request.area!.id, activity.id, request.actor.accountId) : [];
    return reply.page(
      'surveys/views/respond/start.njk',
      {
        title: activity.title,
        s: say,
        childrenMode: easy,
        readAloudJs,
        activity,
        purpose: easy && activity.easyReadPurpose ? activity.easyReadPurpose : activity.purpose,
        questionCount,
        // "This survey closes on Friday 12 December 2026" (surveys/views/respond/closes-on.njk).
        closesOn: closingText(activity, request.lang, request.t),
        minutes: respond.estimateMinutes(questionCount),
        unfinished: unfinished.map((u) => ({ ...u, href: `${base(request, u.id)}/continue` })),
        adjustments: ADJUSTMENTS,
        idempotencyKey: newToken(),
        // A lead looking at a draft sees the page as people will, without a way to start.
        preview,
        signedIn: Boolean(request.actor),
        values: {},
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/surveys/:activityId', publicRoute, (request, reply) => renderStart(request, reply));

  app.post('/a/:area/surveys/:activityId', publicRoute, async (request, reply) => {
    const id = params(request).activityId ?? '';
    const found = isId(id) ? await respond.findSurvey(db, request.area!.id, id, request.actor) : undefined;
    if (!found) throw new NotFoundError('survey');
    if (!isAcceptingResponses(found.activity)) return found.preview ? renderStart(request, reply) : renderClosed(request, reply, found.activity.childrenMode);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const say = sayer(request, found.activity.childrenMode);
    const form = parseForm(startForm, body, say, { how: 'how', adjustments: 'adjustments' });
    // The key was made when the page was drawn; a page without one (an old tab, a tampered
    // form) still works, with a key of its own.
    const idempotencyKey = typeof body.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(body.idempotencyKey) ? body.idempotencyKey : newToken();
    if (!form.ok) {
      return renderStart(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values, idempotencyKey, adjustmentsOpen: Boolean(form.errors.adjustmentDetails || form.errors.adjustmentContact || form.errors.adjustments) }, 422);
    }
    const token = tokenFor(idempotencyKey);
    const started = await respond.startResponse(db, request.area!.id, id, {
      how: form.data.how,
      accountId: request.actor?.accountId ?? null,
      idempotencyKey,
      accessTokenHash: hashToken(token),
      language: request.lang,
      adjustments: form.data.adjustments,
      adjustmentDetails: form.data.adjustmentDetails,
      adjustmentContact: form.data.adjustmentContact,
    });
    setAccessCookie(request, reply, started.id, token);
    const next = form.data.how === 'supported' ? 'supporter' : 'continue';
    return reply.redirect(`${base(request, started.id)}/${next}`, 303);
  });

  app.get('/a/:area/responses/:responseId/continue', stage('any'), async (request, reply) => {
    const survey = surveyOf(request);
    return reply.redirect(nextStep(request, survey), 303);
  });

  // ── Supporter ─────────────────────────────────────────────────────────────────────────────

  const renderSupporter = (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, extra: Record<string, unknown> = {}, status = 200) => {
    const r = survey.response;
    // The supporter is an adult: these words are the standard ones, even in children's mode.
    const say = sayer(request, false);
    return reply.page(
      'surveys/views/respond/supporter.njk',
      {
        ...common(request, survey),
        s: say,
        title: say('supporter.title'),
        backLink: `${areaBase(request)}/surveys/${survey.activity.id}`,
        relationships: respond.SUPPORTER_RELATIONSHIPS,
        methods: respond.SUPPORT_METHODS,
        action: `${base(request, r.id)}/supporter${returningToCheck(request) ? '?return=check' : ''}`,
        values: { relationship: r.supporterRelationship ?? '', relationshipOther: r.supporterRelationshipOther, methods: r.supportMethods },
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/responses/:responseId/supporter', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    if (survey.response.mode !== 'supported') throw new NotFoundError('supporter');
    return renderSupporter(request, reply, survey);
  });

  app.post('/a/:area/responses/:responseId/supporter', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    if (survey.response.mode !== 'supported') throw new NotFoundError('supporter');
    const form = parseForm(supporterForm, request.body, sayer(request, false), { relationship: 'relationship', methods: 'methods' });
    if (!form.ok) {
      const values = { ...form.values, methods: [form.values.methods ?? []].flat() };
      return renderSupporter(request, reply, survey, { errors: form.errors, errorSummary: form.summary, values }, 422);
    }
    await respond.saveSupport(db, request.area!.id, survey, form.data);
    survey.response.supporterRelationship = form.data.relationship;
    return reply.redirect(returningToCheck(request) ? `${base(request, survey.response.id)}/check` : nextStep(request, survey), 303);
  });

  questionsRoutes(app, pages);
  aboutYouRoutes(app, pages);
  finishRoutes(app, pages);
}
