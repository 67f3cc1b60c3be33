/**
 * Survey response pages: One question per page (each type's own template), saving and coming back later with a resume code, and "anything else?".
 * Shared helpers and the stage check are in respond.pages.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { errorState, parseForm } from '../../lib/form-errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { formValues, parseAnswer } from './answers.ts';
import { templatesOf } from './question-types/definition.ts';
import { questionType, type Question, type QuestionOption } from './question-types.ts';
import { anythingElseForm, resumeForm } from './respond.forms.ts';
import * as respond from './respond.service.ts';
import { RESUME_CODE_COOKIE, RESUME_LIMIT, type ResponsePages } from './respond.pages.ts';

export function questionsRoutes(app: FastifyInstance, pages: ResponsePages): void {
  const { db, publicRoute, limited, alertIfRaised, sayer, areaBase, base, params, returningToCheck, setAccessCookie, common, errorsFrom, questionWords, optionWords, questionUrl, afterQuestion, beforeQuestion, saveAndLeave, surveyOf, stage } = pages;

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

  app.get('/a/:area/responses/:responseId/questions/:number', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    const question = questionAt(request, survey);
    // A question hidden by an earlier answer is skipped.
    if (!survey.visible.includes(question)) return reply.redirect(afterQuestion(request, survey, question), 303);
    return renderQuestion(request, reply, survey, question);
  });

  app.post('/a/:area/responses/:responseId/questions/:number', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
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


  app.get('/a/:area/responses/:responseId/save', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
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

  app.post('/a/:area/responses/:responseId/save', stage('answering'), async (request, reply) => saveAndLeave(request, reply, surveyOf(request)));

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
      return renderResume(request, reply, { ...errorState([{ field: 'code', text }]), values: { code: form.data.code } }, 422);
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

  app.get('/a/:area/responses/:responseId/anything-else', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    return renderAnythingElse(request, reply, survey);
  });

  app.post('/a/:area/responses/:responseId/anything-else', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(anythingElseForm, body, sayer(request, survey.activity.childrenMode));
    if (!form.ok) return renderAnythingElse(request, reply, survey, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    alertIfRaised(request, await respond.saveAnythingElse(db, request.area!.id, survey, form.data.anythingElse));
    if (body.action === 'save') return saveAndLeave(request, reply, survey);
    const b = base(request, survey.response.id);
    return reply.redirect(returningToCheck(request) ? `${b}/check` : `${b}/about-you`, 303);
  });
}
