/**
 * What every page of a survey response shares: the words (easy read in children's mode), where a
 * person goes next, the response's cookie, and the one check of which stage a response is at.
 * The pages themselves are in respond.routes.ts and the respond-*.routes.ts beside it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorState, type ErrorState } from '../../lib/form-errors.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import type { AnswerError } from './answers.ts';
import type { Question, QuestionOption } from './question-types.ts';
import * as respond from './respond.service.ts';
import { isAcceptingResponses } from '../activities/activities.service.ts';

export const RESPONSE_COOKIE = 'chorus_response';
export const RESUME_CODE_COOKIE = 'chorus_resume_code';
export const TWO_WEEKS = 14 * 24 * 3600;

/** Guessing limit (per address): resume codes unlock answers. (Receipt codes: feedback/my-views.routes.ts.) */
export const RESUME_LIMIT = { max: 10, timeWindow: '10 minutes', hook: 'preHandler' as const };
/**
 * Choosing how to hear back can send an email: at most 20 choices per response and address in 10
 * minutes, so nobody can use a response to send a stream of emails to someone else.
 */
export const HEAR_BACK_LIMIT = {
  max: 20,
  timeWindow: '10 minutes',
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => `${request.ip}|${(request.params as Record<string, string>).responseId ?? ''}`,
};

/** The ways of hearing back, with the symbol shown beside each in children's mode. */
export const HEAR_BACK_CHANNELS = [
  { key: 'email', symbol: '1F4E7' },
  { key: 'sms', symbol: '1F4F1' },
  { key: 'supporter', symbol: '1F91D' },
  { key: 'letter', symbol: '2709' },
  { key: 'none', symbol: '1F511' },
] as const;

export type Say = (key: string, params?: Record<string, unknown>) => string;
export type Params = Record<string, string>;

/**
 * Which stage a page belongs to: 'answering' (until the response is sent, while the survey is
 * open), 'sent' (the thank-you page and its choices), or 'any' (just load the response).
 */
export type ResponseStage = 'answering' | 'sent' | 'any';

declare module 'fastify' {
  interface FastifyContextConfig {
    responseStage?: ResponseStage;
  }
  interface FastifyRequest {
    survey: respond.Survey | null;
  }
}

export function responsePages(app: FastifyInstance) {
  const { db } = app;
  const publicRoute = { config: { access: 'public' as const } };
  const limited = (rateLimit: typeof RESUME_LIMIT | typeof HEAR_BACK_LIMIT) => ({ config: { access: 'public' as const, rateLimit } });
  const readAloudJs = app.assetUrl('read-aloud.js');

  /** Words that may be a disclosure of harm were just saved: alert the safeguarding leads now, not at the next minute. */
  const alertIfRaised = (request: FastifyRequest, outcome: { concernRaised: boolean }) => {
    if (outcome.concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, request.area!.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
  };


  /** Texts of this part: easy-read variants first in children's mode, when the catalogue has one. */
  const sayer = (request: FastifyRequest, easy: boolean): Say => (key, params) => {
    const full = key.startsWith('surveys.') || key.startsWith('feedback.') ? key : `surveys.respond.${key}`;
    if (easy) {
      const simple = request.t(`${full}Easy`, params);
      if (simple !== `${full}Easy`) return simple;
    }
    return request.t(full, params);
  };

  const areaBase = (request: FastifyRequest) => `/a/${request.area!.slug}`;
  const base = (request: FastifyRequest, responseId: string) => `${areaBase(request)}/responses/${responseId}`;
  const params = (request: FastifyRequest) => request.params as Params;
  const returningToCheck = (request: FastifyRequest) => (request.query as Record<string, unknown>)?.return === 'check';

  const access = (request: FastifyRequest): respond.Access => ({ token: request.cookies[RESPONSE_COOKIE], accountId: request.actor?.accountId ?? null });

  /**
   * The token of a response started with this idempotency key: a keyed hash (the installation's
   * cookie secret), so a replayed start form gets the same working cookie, and the database,
   * which holds only the token's SHA-256, cannot produce it.
   */
  const tokenFor = (idempotencyKey: string) => {
    const signed = app.signCookie(`chorus-response:${idempotencyKey}`);
    return signed.slice(signed.lastIndexOf('.') + 1);
  };

  const setAccessCookie = (request: FastifyRequest, reply: FastifyReply, responseId: string, token: string) =>
    reply.setCookie(RESPONSE_COOKIE, token, { path: base(request, responseId), httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: TWO_WEEKS });

  const loadSurvey = (request: FastifyRequest) => respond.getSurvey(db, request.area!.id, params(request).responseId ?? '', access(request));

  /** Model parts every page of a response shares. */
  const common = (request: FastifyRequest, survey: respond.Survey) => {
    const easy = survey.activity.childrenMode;
    return { childrenMode: easy, s: sayer(request, easy), activityTitle: survey.activity.title, readAloudJs, responseBase: base(request, survey.response.id) };
  };

  /** Errors from parseForm, in the children's words when the survey is in children's mode. */
  const errorsFrom = (say: Say, list: AnswerError[]): ErrorState => errorState(list.map((e) => ({ field: e.field, text: say(`errors.${e.key}`, e.params) })));

  const questionWords = (survey: respond.Survey, q: Question) => (survey.activity.childrenMode && q.easyRead ? q.easyRead : q.text);
  const optionWords = (easy: boolean) => (o: QuestionOption) => (easy && o.easyRead ? o.easyRead : o.label);

  /** Where a person goes next: the first step they have not done yet. */
  const nextStep = (request: FastifyRequest, survey: respond.Survey): string => {
    const b = base(request, survey.response.id);
    if (survey.response.status === 'submitted') return `${b}/thank-you`;
    if (survey.response.mode === 'supported' && !survey.response.supporterRelationship) return `${b}/supporter`;
    const unanswered = survey.visible.find((q) => !survey.answers.has(q.id));
    if (unanswered) return `${b}/questions/${survey.questions.indexOf(unanswered) + 1}`;
    return `${b}/check`;
  };

  const questionUrl = (request: FastifyRequest, survey: respond.Survey, q: Question) => `${base(request, survey.response.id)}/questions/${survey.questions.indexOf(q) + 1}`;

  /** The page after this question: the next question shown, or "anything else". */
  const afterQuestion = (request: FastifyRequest, survey: respond.Survey, q: Question) => {
    const next = survey.visible.find((v) => survey.questions.indexOf(v) > survey.questions.indexOf(q));
    return next ? questionUrl(request, survey, next) : `${base(request, survey.response.id)}/anything-else`;
  };

  /** The page before this question: the previous question shown, the supporter page, or the start page. */
  const beforeQuestion = (request: FastifyRequest, survey: respond.Survey, q: Question | undefined) => {
    const position = q ? survey.questions.indexOf(q) : survey.questions.length;
    const previous = survey.visible.filter((v) => survey.questions.indexOf(v) < position).pop();
    if (previous) return questionUrl(request, survey, previous);
    if (survey.response.mode === 'supported') return `${base(request, survey.response.id)}/supporter`;
    return `${areaBase(request)}/surveys/${survey.activity.id}`;
  };

  const renderClosed = (request: FastifyRequest, reply: FastifyReply, easy: boolean) => {
    const say = sayer(request, easy);
    return reply.page('surveys/views/respond/closed.njk', { title: say('closed.title'), s: say, childrenMode: easy, readAloudJs }, 200);
  };


  /** Signed-in people come back through their account; anonymous people get a resume code. */
  const saveAndLeave = async (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey) => {
    const b = base(request, survey.response.id);
    if (!request.actor) {
      const code = await respond.createResumeCode(db, request.area!.id, survey);
      // Shown once on the next page; carried there in a signed cookie, never in the URL.
      reply.setCookie(RESUME_CODE_COOKIE, code, { path: b, httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', signed: true, maxAge: 600 });
    }
    return reply.redirect(`${b}/save`, 303);
  };

  /**
   * Every page of a response says which stage it belongs to, and this one check (a preHandler
   * hook) loads the response and sends people where they belong: pages for answering redirect
   * to the thank-you page once the response is sent, and show "this survey has closed" once the
   * survey is; the thank-you pages wait until it is sent.
   */
  const loadForStage = async (request: FastifyRequest, reply: FastifyReply) => {
    const stage = request.routeOptions.config.responseStage;
    if (!stage) return;
    const survey = await loadSurvey(request);
    request.survey = survey;
    if (stage === 'answering') {
      if (survey.response.status === 'submitted') return reply.redirect(nextStep(request, survey), 303);
      // Open, and between its opening and closing dates (activities.service).
      if (!isAcceptingResponses(survey.activity)) return renderClosed(request, reply, survey.activity.childrenMode);
    }
    if (stage === 'sent' && survey.response.status !== 'submitted') return reply.redirect(nextStep(request, survey), 303);
  };

  /** The response the stage hook loaded. */
  const surveyOf = (request: FastifyRequest): respond.Survey => {
    if (!request.survey) throw new Error('this route has no responseStage: the stage hook did not load its response');
    return request.survey;
  };

  /** Route options: a public page of a response at one stage. */
  const stage = (responseStage: ResponseStage, rateLimit?: typeof HEAR_BACK_LIMIT) => ({ config: { access: 'public' as const, responseStage, ...(rateLimit ? { rateLimit } : {}) } });

  return { db, publicRoute, limited, readAloudJs, alertIfRaised, sayer, areaBase, base, params, returningToCheck, access, tokenFor, setAccessCookie, loadSurvey, common, errorsFrom, questionWords, optionWords, nextStep, questionUrl, afterQuestion, beforeQuestion, renderClosed, saveAndLeave, loadForStage, surveyOf, stage };
}

export type ResponsePages = ReturnType<typeof responsePages>;
