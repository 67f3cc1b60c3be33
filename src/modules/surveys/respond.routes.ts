/**
 * The pages children, young people and parent carers answer surveys on: the start page, one
 * question per page, "anything else?", the optional "About you", check your answers, the receipt,
 * saving and coming back, and how the person would like to hear what happened ("what happened to
 * my views" itself is in feedback/my-views.routes.ts). All public: a response is reached
 * through its access token (an httpOnly cookie scoped to the response's own path) or the
 * signed-in account that started it. Never through anything in the URL.
 *
 * Children's mode (activity.childrenMode) uses the easy-read wording of every text that has one
 * (the same catalogue key with "Easy" on the end), big symbols and large targets.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { parseForm, type ErrorSummaryItem, type FieldErrors } from '../../lib/form-errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { ADJUSTMENTS } from '../activities/activities.service.ts';
import { isId } from '../../lib/ids.ts';
import { ABOUT_YOU_FIELDS, aboutYouField, categoriesOf, ethnicGroupOf, type AboutYouField } from './about-you.ts';
import { describeAnswer, formValues, parseAnswer, type AnswerError } from './answers.ts';
import { templatesOf } from './question-types/definition.ts';
import { questionType, type Question, type QuestionOption } from './question-types.ts';
import { findContactPreference, setContactPreference } from '../feedback/contacts.service.ts';
import { aboutYouForm, anythingElseForm, hearBackForm, IDEMPOTENCY_KEY, quotesForm, resumeForm, startForm, supporterForm } from './respond.forms.ts';
import * as respond from './respond.service.ts';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { retentionPeriod } from '../privacy/retention.service.ts';
import { latestConsent, recordQuoteChoice } from '../privacy/consent.service.ts';

const RESPONSE_COOKIE = 'chorus_response';
const RESUME_CODE_COOKIE = 'chorus_resume_code';
const TWO_WEEKS = 14 * 24 * 3600;

/** Guessing limit (per address): resume codes unlock answers. (Receipt codes: feedback/my-views.routes.ts.) */
const RESUME_LIMIT = { max: 10, timeWindow: '10 minutes', hook: 'preHandler' as const };
/**
 * Choosing how to hear back can send an email: at most 20 choices per response and address in 10
 * minutes, so nobody can use a response to send a stream of emails to someone else.
 */
const HEAR_BACK_LIMIT = {
  max: 20,
  timeWindow: '10 minutes',
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => `${request.ip}|${(request.params as Record<string, string>).responseId ?? ''}`,
};

/** The ways of hearing back, with the symbol shown beside each in children's mode. */
const HEAR_BACK_CHANNELS = [
  { key: 'email', symbol: '1F4E7' },
  { key: 'sms', symbol: '1F4F1' },
  { key: 'supporter', symbol: '1F91D' },
  { key: 'letter', symbol: '2709' },
  { key: 'none', symbol: '1F511' },
] as const;

type Say = (key: string, params?: Record<string, unknown>) => string;
type Params = Record<string, string>;

export default async function respondRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const publicRoute = { config: { access: 'public' as const } };
  const limited = (rateLimit: typeof RESUME_LIMIT | typeof HEAR_BACK_LIMIT) => ({ config: { access: 'public' as const, rateLimit } });
  const readAloudJs = app.assetUrl('read-aloud.js');

  /** Words that may be a disclosure of harm were just saved: alert the safeguarding leads now, not at the next minute. */
  const alertIfRaised = (request: FastifyRequest, outcome: { concernRaised: boolean }) => {
    if (outcome.concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, request.area!.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
  };

  // ── Helpers ────────────────────────────────────────────────────────────────────────────────

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
  const errorsFrom = (say: Say, list: AnswerError[]): { errors: FieldErrors; errorSummary: ErrorSummaryItem[] } => {
    const errors: FieldErrors = {};
    const errorSummary: ErrorSummaryItem[] = [];
    for (const e of list) {
      if (errors[e.field]) continue;
      const text = say(`errors.${e.key}`, e.params);
      errors[e.field] = text;
      errorSummary.push({ text, href: `#${e.field}` });
    }
    return { errors, errorSummary };
  };

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
    if (activity.status !== 'open' && !preview) return renderClosed(request, reply, easy);
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
    if (found.activity.status !== 'open') return found.preview ? renderStart(request, reply) : renderClosed(request, reply, found.activity.childrenMode);
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

  app.get('/a/:area/responses/:responseId/continue', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
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

  app.get('/a/:area/responses/:responseId/supporter', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status === 'submitted') return reply.redirect(nextStep(request, survey), 303);
    if (survey.response.mode !== 'supported') throw new NotFoundError('supporter');
    return renderSupporter(request, reply, survey);
  });

  app.post('/a/:area/responses/:responseId/supporter', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
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

  // ── Questions ─────────────────────────────────────────────────────────────────────────────

  const questionAt = (request: FastifyRequest, survey: respond.Survey) => {
    const raw = params(request).number ?? '';
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : 0;
    const question = survey.questions[n - 1];
    if (!question) throw new NotFoundError('question');
    return question;
  };

  /** How to show an option's symbol: its alt text, or none when the words beside it already say it. */
  const symbolAlt = (o: QuestionOption, words: string) => {
    const alt = o.altText.trim();
    const same = (a: string) => a.trim().toLowerCase() === alt.toLowerCase();
    return same(words) || same(o.label) || same(o.easyRead) ? '' : alt;
  };

  const renderQuestion = (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, question: Question, extra: Record<string, unknown> = {}, status = 200) => {
    const easy = survey.activity.childrenMode;
    const words = optionWords(easy);
    const position = survey.visible.indexOf(question) + 1;
    const heading = questionWords(survey, question);
    const saved = survey.answers.get(question.id);
    const view = questionType(question.type).view;
    return reply.page(
      'surveys/views/respond/question.njk',
      {
        ...common(request, survey),
        title: heading,
        backLink: returningToCheck(request) ? `${base(request, survey.response.id)}/check` : beforeQuestion(request, survey, question),
        progress: { current: position, total: survey.visible.length },
        question: {
          type: question.type,
          heading,
          // In children's mode the lead's own wording stays available, for the supporter.
          fullText: easy && question.easyRead && question.easyRead !== question.text ? question.text : '',
          hint: question.hint,
          required: question.required,
          // What the type's template needs (question-types/), and how its options sit.
          ...view?.model?.(question),
          template: templatesOf(questionType(question.type)).answer,
          inline: view?.inline ?? false,
          symbolSize: view?.symbolSize?.(easy) ?? (easy ? 64 : 40),
          options: question.options.map((o) => ({ id: o.id, text: words(o), symbol: o.symbol, alt: o.symbol ? symbolAlt(o, words(o)) : '' })),
        },
        declined: Boolean(saved?.declined),
        values: formValues(question, saved),
        action: `${questionUrl(request, survey, question)}${returningToCheck(request) ? '?return=check' : ''}`,
        errors: {},
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/responses/:responseId/questions/:number', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status === 'submitted') return reply.redirect(`${base(request, survey.response.id)}/thank-you`, 303);
    if (survey.activity.status !== 'open') return renderClosed(request, reply, survey.activity.childrenMode);
    const question = questionAt(request, survey);
    // A question hidden by an earlier answer is skipped.
    if (!survey.visible.includes(question)) return reply.redirect(afterQuestion(request, survey, question), 303);
    return renderQuestion(request, reply, survey, question);
  });

  app.post('/a/:area/responses/:responseId/questions/:number', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status === 'submitted') return reply.redirect(`${base(request, survey.response.id)}/thank-you`, 303);
    if (survey.activity.status !== 'open') return renderClosed(request, reply, survey.activity.childrenMode);
    const question = questionAt(request, survey);
    if (!survey.visible.includes(question)) return reply.redirect(afterQuestion(request, survey, question), 303);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseAnswer(question, body);
    if (body.action === 'save') {
      // Keep what is there if it is a good answer; an unfinished one is simply not saved.
      if (parsed.kind === 'answer' && parsed.value) alertIfRaised(request, await respond.saveAnswer(db, request.area!.id, survey, question, { value: parsed.value, declined: false }));
      return saveAndLeave(request, reply, survey);
    }
    if (parsed.kind === 'invalid') {
      const { errors, errorSummary } = errorsFrom(sayer(request, survey.activity.childrenMode), parsed.errors);
      return renderQuestion(request, reply, survey, question, { errors, errorSummary, values: body, declined: false }, 422);
    }
    const answer = parsed.kind === 'declined' ? { value: null, declined: true } : parsed.value ? { value: parsed.value, declined: false } : null;
    alertIfRaised(request, await respond.saveAnswer(db, request.area!.id, survey, question, answer));
    return reply.redirect(returningToCheck(request) ? `${base(request, survey.response.id)}/check` : afterQuestion(request, survey, question), 303);
  });

  // ── Save and come back later ──────────────────────────────────────────────────────────────

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

  app.get('/a/:area/responses/:responseId/save', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status === 'submitted') return reply.redirect(`${base(request, survey.response.id)}/thank-you`, 303);
    const cookie = request.cookies[RESUME_CODE_COOKIE];
    const unsigned = cookie ? request.unsignCookie(cookie) : undefined;
    const say = sayer(request, survey.activity.childrenMode);
    return reply.page('surveys/views/respond/saved.njk', {
      ...common(request, survey),
      title: say('saved.title'),
      code: unsigned?.valid ? unsigned.value : null,
      signedIn: Boolean(request.actor),
      startLink: `${areaBase(request)}/surveys/${survey.activity.id}`,
      resumeLink: `${areaBase(request)}/surveys/resume`,
      continueLink: `${base(request, survey.response.id)}/continue`,
    });
  });

  app.post('/a/:area/responses/:responseId/save', publicRoute, async (request, reply) => saveAndLeave(request, reply, await loadSurvey(request)));

  const renderResume = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const say = sayer(request, false);
    return reply.page('surveys/views/respond/resume.njk', { title: say('resume.title'), s: say, values: {}, ...extra }, status);
  };

  app.get('/a/:area/surveys/resume', publicRoute, (request, reply) => renderResume(request, reply));

  app.post('/a/:area/surveys/resume', limited(RESUME_LIMIT), async (request, reply) => {
    const say = sayer(request, false);
    const form = parseForm(resumeForm, request.body, say);
    if (!form.ok) return renderResume(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const token = newToken();
    const responseId = await respond.resumeWithCode(db, request.area!.id, form.data.code, hashToken(token));
    if (!responseId) {
      const text = say('errors.resumeCodeNotFound');
      return renderResume(request, reply, { errors: { code: text }, errorSummary: [{ text, href: '#code' }], values: { code: form.data.code } }, 422);
    }
    setAccessCookie(request, reply, responseId, token);
    return reply.redirect(`${base(request, responseId)}/continue`, 303);
  });

  // ── Anything else ─────────────────────────────────────────────────────────────────────────

  const renderAnythingElse = (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, extra: Record<string, unknown> = {}, status = 200) => {
    const say = sayer(request, survey.activity.childrenMode);
    const b = base(request, survey.response.id);
    return reply.page(
      'surveys/views/respond/anything-else.njk',
      {
        ...common(request, survey),
        title: say('anythingElse.title'),
        backLink: returningToCheck(request) ? `${b}/check` : beforeQuestion(request, survey, undefined),
        action: `${b}/anything-else${returningToCheck(request) ? '?return=check' : ''}`,
        values: { anythingElse: survey.response.anythingElse },
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/responses/:responseId/anything-else', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status === 'submitted') return reply.redirect(nextStep(request, survey), 303);
    return renderAnythingElse(request, reply, survey);
  });

  app.post('/a/:area/responses/:responseId/anything-else', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(anythingElseForm, body, sayer(request, survey.activity.childrenMode));
    if (!form.ok) return renderAnythingElse(request, reply, survey, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    alertIfRaised(request, await respond.saveAnythingElse(db, request.area!.id, survey, form.data.anythingElse));
    if (body.action === 'save') return saveAndLeave(request, reply, survey);
    const b = base(request, survey.response.id);
    return reply.redirect(returningToCheck(request) ? `${b}/check` : `${b}/about-you`, 303);
  });

  // ── About you (optional) ──────────────────────────────────────────────────────────────────

  app.get('/a/:area/responses/:responseId/about-you', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status === 'submitted') return reply.redirect(nextStep(request, survey), 303);
    const say = sayer(request, survey.activity.childrenMode);
    const b = base(request, survey.response.id);
    return reply.page('surveys/views/respond/about-you-intro.njk', {
      ...common(request, survey),
      title: say('aboutYou.title'),
      backLink: `${b}/anything-else`,
      startLink: `${b}/about-you/${ABOUT_YOU_FIELDS[0].slug}`,
      skipLink: `${b}/check`,
    });
  });

  /** The page after an "About you" page. */
  const afterAboutYou = (request: FastifyRequest, survey: respond.Survey, slug: string) => {
    const b = base(request, survey.response.id);
    if (returningToCheck(request)) return `${b}/check`;
    const i = ABOUT_YOU_FIELDS.findIndex((f) => f.slug === slug);
    const next = ABOUT_YOU_FIELDS[i + 1];
    return next ? `${b}/about-you/${next.slug}` : `${b}/check`;
  };

  type AboutYouPage = { field: AboutYouField; slug: string; options: readonly string[]; group?: string; current: string | null; back: string };

  const aboutYouPage = (request: FastifyRequest, survey: respond.Survey): AboutYouPage => {
    const { field: slug = '', group } = params(request);
    const b = base(request, survey.response.id);
    const stored = survey.response.aboutYou;
    if (group !== undefined) {
      const options = categoriesOf(group);
      if (!options) throw new NotFoundError('ethnic group');
      const field = aboutYouField('ethnic-group')!;
      return { field, slug: `ethnicity/${group}`, options, group, current: stored.ethnicity, back: `${b}/about-you/ethnic-group` };
    }
    const field = aboutYouField(slug);
    if (!field) throw new NotFoundError('about you');
    const i = ABOUT_YOU_FIELDS.indexOf(field);
    const back = i > 0 ? `${b}/about-you/${ABOUT_YOU_FIELDS[i - 1]!.slug}` : `${b}/about-you`;
    // The ethnic group page shows the group of a category chosen before.
    const current = field.slug === 'ethnic-group' ? (stored.ethnicity === 'prefer_not_to_say' ? stored.ethnicity : (ethnicGroupOf(stored.ethnicity) ?? null)) : stored[field.column];
    return { field, slug, options: field.options, current, back };
  };

  const renderAboutYou = (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, page: AboutYouPage, extra: Record<string, unknown> = {}, status = 200) => {
    const say = sayer(request, survey.activity.childrenMode);
    const key = page.group ? 'ethnicity' : page.field.slug === 'ethnic-group' ? 'ethnicGroup' : page.field.slug;
    const b = base(request, survey.response.id);
    return reply.page(
      'surveys/views/respond/about-you.njk',
      {
        ...common(request, survey),
        title: say(`aboutYou.${key}.question`, { group: page.group ? say(`aboutYou.ethnicGroup.options.${page.group}`) : '' }),
        key,
        group: page.group,
        options: page.options,
        backLink: returningToCheck(request) ? `${b}/check` : page.back,
        skipLink: `${b}/check`,
        action: `${b}/about-you/${page.slug}${returningToCheck(request) ? '?return=check' : ''}`,
        values: { value: page.current ?? '' },
        ...extra,
      },
      status,
    );
  };

  const aboutYouGet = async (request: FastifyRequest, reply: FastifyReply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status === 'submitted') return reply.redirect(nextStep(request, survey), 303);
    return renderAboutYou(request, reply, survey, aboutYouPage(request, survey));
  };

  const aboutYouPost = async (request: FastifyRequest, reply: FastifyReply) => {
    const survey = await loadSurvey(request);
    const page = aboutYouPage(request, survey);
    const form = parseForm(aboutYouForm(page.options), request.body, sayer(request, survey.activity.childrenMode), { value: 'value' });
    if (!form.ok) return renderAboutYou(request, reply, survey, page, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const value = form.data.value || null;
    const b = base(request, survey.response.id);
    if (page.field.slug === 'ethnic-group' && !page.group) {
      // A group leads to its categories; "Prefer not to say" (or nothing) is the answer itself.
      if (value && value !== 'prefer_not_to_say') return reply.redirect(`${b}/about-you/ethnicity/${value}${returningToCheck(request) ? '?return=check' : ''}`, 303);
      await respond.saveAboutYou(db, request.area!.id, survey, 'ethnicity', value);
      return reply.redirect(afterAboutYou(request, survey, 'ethnic-group'), 303);
    }
    await respond.saveAboutYou(db, request.area!.id, survey, page.field.column, value);
    return reply.redirect(afterAboutYou(request, survey, page.field.slug), 303);
  };

  app.get('/a/:area/responses/:responseId/about-you/:field', publicRoute, aboutYouGet);
  app.post('/a/:area/responses/:responseId/about-you/:field', publicRoute, aboutYouPost);
  app.get('/a/:area/responses/:responseId/about-you/ethnicity/:group', publicRoute, aboutYouGet);
  app.post('/a/:area/responses/:responseId/about-you/ethnicity/:group', publicRoute, aboutYouPost);

  // ── Check your answers, submit, thank you ────────────────────────────────────────────────

  app.get('/a/:area/responses/:responseId/check', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status === 'submitted') return reply.redirect(nextStep(request, survey), 303);
    if (survey.activity.status !== 'open') return renderClosed(request, reply, survey.activity.childrenMode);
    const easy = survey.activity.childrenMode;
    const say = sayer(request, easy);
    const b = base(request, survey.response.id);
    const r = survey.response;
    const answerRows = survey.visible.map((q) => {
      const saved = survey.answers.get(q.id);
      const lines = saved?.declined ? [say('check.declined')] : saved?.value ? describeAnswer(q, saved.value, optionWords(easy), say, request.lang) : [say('check.notAnswered')];
      return { key: questionWords(survey, q), lines, href: `${questionUrl(request, survey, q)}?return=check`, hiddenText: questionWords(survey, q) };
    });
    const aboutYouRows = ABOUT_YOU_FIELDS.map((f) => {
      const value = r.aboutYou[f.column];
      const key = f.slug === 'ethnic-group' ? 'ethnicGroup' : f.slug;
      const words = !value ? say('check.notAnswered') : f.column === 'ethnicity' && value !== 'prefer_not_to_say' ? say(`aboutYou.ethnicity.options.${value}`) : say(`aboutYou.${key}.options.${value}`);
      return { key: say(`aboutYou.${key}.short`), lines: [words], href: `${b}/about-you/${f.slug}?return=check`, hiddenText: say(`aboutYou.${key}.short`) };
    });
    return reply.page('surveys/views/respond/check.njk', {
      ...common(request, survey),
      title: say('check.title'),
      backLink: `${b}/about-you`,
      supporter: r.mode === 'supported' && r.supporterRelationship
        ? {
            relationship: r.supporterRelationship === 'other' ? r.supporterRelationshipOther : say(`supporter.relationships.${r.supporterRelationship}`),
            methods: r.supportMethods.map((m) => say(`supporter.methods.${m}`)),
            href: `${b}/supporter?return=check`,
          }
        : null,
      answerRows,
      anythingElse: r.anythingElse,
      aboutYouRows,
      action: `${b}/submit`,
    });
  });

  app.post('/a/:area/responses/:responseId/submit', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    alertIfRaised(request, await respond.submitResponse(db, request.area!.id, survey));
    return reply.redirect(`${base(request, survey.response.id)}/thank-you`, 303);
  });

  const hearBackKept = async (request: FastifyRequest) => {
    const { period, unit } = await retentionPeriod(db, request.area!.id, 'hear_back');
    return request.t(`retention.units.${unit}`, { count: period });
  };

  const renderThankYou = async (request: FastifyRequest, reply: FastifyReply, survey: respond.Survey, extra: Record<string, unknown> = {}, status = 200) => {
    const easy = survey.activity.childrenMode;
    const say = sayer(request, easy);
    const supported = survey.response.mode === 'supported';
    const current = await findContactPreference(db, request.area!.id, survey.response.id);
    const quotesAgreed = await latestConsent(db, request.area!.id, survey.response.id, 'quotes');
    const stored = {
      channel: current?.channel ?? '',
      email: current?.channel === 'email' ? current.address : '',
      // Shown as stored (+447…): it is the same number, and the person can see it was understood.
      mobile: current?.channel === 'sms' ? current.address : '',
      supporterEmail: current?.channel === 'supporter' ? current.address : '',
      format: current?.format ?? (easy ? 'easy_read' : 'standard'),
    };
    return reply.page(
      'surveys/views/respond/thank-you.njk',
      {
        ...common(request, survey),
        title: say('thankYou.title'),
        receiptCode: survey.response.receiptCode,
        myViewsLink: `${areaBase(request)}/my-views`,
        privacyLink: `${areaBase(request)}/privacy`,
        // The area's own retention period, so the page promises what the retention job does.
        hearBackKept: await hearBackKept(request),
        action: `${base(request, survey.response.id)}/hear-back`,
        channels: HEAR_BACK_CHANNELS.filter((c) => supported || c.key !== 'supporter'),
        current: current && { channel: current.channel, address: current.address },
        quotesAction: `${base(request, survey.response.id)}/quotes`,
        quotesCurrent: quotesAgreed === undefined ? null : quotesAgreed ? 'yes' : 'no',
        values: stored,
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/responses/:responseId/thank-you', publicRoute, async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status !== 'submitted') return reply.redirect(nextStep(request, survey), 303);
    return renderThankYou(request, reply, survey);
  });

  // "May we share your words?": consent to be quoted, recorded with who gave it (privacy/consent.service.ts).
  app.post('/a/:area/responses/:responseId/quotes', limited(HEAR_BACK_LIMIT), async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status !== 'submitted' || !survey.response.receiptCode) return reply.redirect(nextStep(request, survey), 303);
    const say = sayer(request, survey.activity.childrenMode);
    const form = parseForm(quotesForm, request.body, say, { quotes: 'quotes' });
    if (!form.ok) return renderThankYou(request, reply, survey, { quotesErrors: form.errors, errorSummary: form.summary, quotesValue: '' }, 422);
    const r = survey.response;
    await recordQuoteChoice(db, request.area!.id, { id: r.id, mode: r.mode, supporterRelationship: r.supporterRelationship, accountId: r.accountId }, form.data.quotes === 'yes');
    return reply.flash(say('quotes.saved')).redirect(`${base(request, survey.response.id)}/thank-you#quotes-heading`, 303);
  });

  app.post('/a/:area/responses/:responseId/hear-back', limited(HEAR_BACK_LIMIT), async (request, reply) => {
    const survey = await loadSurvey(request);
    if (survey.response.status !== 'submitted' || !survey.response.receiptCode) return reply.redirect(nextStep(request, survey), 303);
    const say = sayer(request, survey.activity.childrenMode);
    const form = parseForm(hearBackForm(survey.response.mode === 'supported'), request.body, say);
    if (!form.ok) return renderThankYou(request, reply, survey, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const { channel, address, format } = form.data;
    const { changed } = await setContactPreference(db, request.area!.id, survey.response.id, { channel, address, format, language: request.lang });
    // The receipt code straight away to a new email address (not again when the same choice is sent twice).
    if (channel === 'email' && changed) {
      const notifier = await app.notifierFor(request.area!.id);
      await notifier.send({
        channel: 'email',
        recipient: address,
        subject: request.t('surveys.respond.thankYou.emailSubject', { area: request.area!.name }),
        body: request.t('surveys.respond.thankYou.emailBody', { code: survey.response.receiptCode, activity: survey.activity.title, link: `${app.config.baseUrl}${areaBase(request)}/my-views` }),
        areaSlug: request.area!.slug,
      });
    }
    return reply.flash(say(`feedback.hearBack.saved.${channel}`)).redirect(`${base(request, survey.response.id)}/thank-you`, 303);
  });
}
