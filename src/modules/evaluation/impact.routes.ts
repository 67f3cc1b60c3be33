/**
 * Evaluation (issue 13 §4): what taking part did. Registered by evaluation.routes.ts.
 *
 * Staff: the area's evaluation questions (settings), (1) and (2) for an activity and its published
 * responses, and the area's page with the answers across activities and the paired change.
 * Participants: the impact check, from a survey's thank-you page (the response's own cookie, or the
 * account that sent it, says who is answering), from a person's own page (signed in), or with the
 * receipt code of their first check. Every participant page is a plain form: no JavaScript needed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { parseForm, formError } from '../../lib/form-errors.ts';
import { safeHref } from '../feedback/public.service.ts';
import { getSurvey } from '../surveys/respond.service.ts';
import { EVALUATION_QUESTIONS, IMPACT_ITEMS, QUESTIONS_SOURCE, SCALE, type CheckVersion, type EvaluationQuestionId } from './data/impact-questions.ts';
import { changeForm, checkForm, codeForm, settingsForm, SKIP } from './impact.forms.ts';
import * as impact from './impact.service.ts';

const view = { config: { access: { action: 'evaluation.view' as const } } };
const settings = { config: { access: { action: 'evaluation.settings' as const } } };
const rate = { config: { access: { action: 'evaluation.rate' as const } } };
/** Only the people the check is for: staff and supporters are refused at the gate, and anyone of another area. */
const ownCheck = { config: { access: { action: 'evaluation.own_impact_check' as const } } };
const publicRoute = { config: { access: 'public' as const } };
/** A receipt code is typed here, as on "what happened to my views": the same guessing limit, counted together. */
const CODE_LIMIT = { max: 20, timeWindow: '10 minutes', hook: 'preHandler' as const, groupId: 'receipt-code' };
const limited = { config: { access: 'public' as const, rateLimit: CODE_LIMIT } };

/** The survey pages' cookie (surveys/respond.pages.ts): it is scoped to the response's own path, where the check lives. */
const RESPONSE_COOKIE = 'chorus_response';

type T = FastifyRequest['t'];

export default async function impactRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const areaBase = (request: FastifyRequest) => `/a/${request.area!.slug}`;
  const readAloudJs = app.assetUrl('read-aloud.js');

  /** The area's wording of each question, or ours. */
  const questionWords = (t: T, s: impact.QuestionSettings): Record<EvaluationQuestionId, string> =>
    Object.fromEntries(EVALUATION_QUESTIONS.map((q) => [q.id, s.wording[q.id] ?? t(`evaluation.impact.questions.${q.key}`)])) as Record<EvaluationQuestionId, string>;
  const ourWords = (t: T) => Object.fromEntries(EVALUATION_QUESTIONS.map((q) => [q.id, t(`evaluation.impact.questions.${q.key}`)])) as Record<EvaluationQuestionId, string>;

  // ── The evaluation questions (settings) ──────────────────────────────────────────────────────

  const settingsUrl = (request: FastifyRequest) => `${areaBase(request)}/manage/evaluation/questions`;

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const current = await impact.questionSettings(db, request.area!.id);
    const words = questionWords(request.t, current);
    const values = {
      ...Object.fromEntries(EVALUATION_QUESTIONS.map((q) => [`question_${q.id}`, words[q.id]])),
      againAfterMonths: String(current.againAfterMonths),
      againAfterActivities: current.againAfterActivities ? String(current.againAfterActivities) : '',
    };
    return reply.page(
      'evaluation/views/impact/settings.njk',
      { title: request.t('evaluation.impact.settings.title'), backLink: `${areaBase(request)}/manage/evaluation`, questions: EVALUATION_QUESTIONS, ours: ourWords(request.t), source: QUESTIONS_SOURCE, values, action: settingsUrl(request), ...extra },
      status,
    );
  };

  app.get('/a/:area/manage/evaluation/questions', settings, (request, reply) => renderSettings(request, reply));

  app.post('/a/:area/manage/evaluation/questions', settings, async (request, reply) => {
    const form = parseForm(settingsForm, request.body, request.t);
    if (!form.ok) return renderSettings(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await impact.saveQuestionSettings(db, request.area!.id, request.actor!.accountId, form.data, ourWords(request.t));
    return reply.flash(request.t('evaluation.impact.settings.saved')).redirect(settingsUrl(request), 303);
  });

  // ── (1) and (2) for one activity ─────────────────────────────────────────────────────────────

  const activityUrl = (request: FastifyRequest, activityId: string) => `${areaBase(request)}/activities/${activityId}/evaluation/impact`;

  const renderActivity = async (request: FastifyRequest<{ Params: { activityId: string } }>, reply: FastifyReply, extra: { failed?: { target: string; errors: Record<string, string>; values: Record<string, unknown> }; errorSummary?: unknown } = {}, status = 200) => {
    const area = request.area!;
    const data = await impact.activityImpact(db, area.id, request.params.activityId);
    const s = await impact.questionSettings(db, area.id);
    const mayRate = can(request.actor, 'evaluation.rate', { areaId: area.id, organisationId: data.activity.organisationId });
    const valuesOf = (change: impact.ChangeView | null) => ({
      didDifferently: change?.didDifferently ?? '',
      differentlyEvidence: change?.differentlyEvidence ?? '',
      impactOnUsers: change?.impactOnUsers ?? '',
      impactEvidence: change?.impactEvidence ?? '',
    });
    const part = (target: string, change: impact.ChangeView | null) => {
      const failed = extra.failed?.target === target ? extra.failed : undefined;
      return {
        target,
        // Field ids are unique on the page: one form per part.
        idPrefix: target === 'activity' ? 'activity' : `r-${target}`,
        change: change && {
          ...change,
          differentlyHref: safeHref(change.differentlyEvidence),
          impactHref: safeHref(change.impactEvidence),
        },
        values: failed ? failed.values : valuesOf(change),
        errors: failed?.errors ?? {},
      };
    };
    return reply.page(
      'evaluation/views/impact/activity.njk',
      {
        title: request.t('evaluation.impact.activity.title', { activity: data.activity.title }),
        backLink: `${areaBase(request)}/activities/${data.activity.id}/evaluation`,
        activity: data.activity,
        words: questionWords(request.t, s),
        mayRate,
        action: activityUrl(request, data.activity.id),
        overall: part('activity', data.overall),
        responses: data.responses.map((r) => ({ response: r.response, ...part(r.response.id, r.change) })),
        errorSummary: extra.errorSummary,
      },
      status,
    );
  };

  app.get<{ Params: { activityId: string } }>('/a/:area/activities/:activityId/evaluation/impact', view, (request, reply) => renderActivity(request, reply));

  app.post<{ Params: { activityId: string } }>('/a/:area/activities/:activityId/evaluation/impact', rate, async (request, reply) => {
    const area = request.area!;
    const data = await impact.activityImpact(db, area.id, request.params.activityId);
    if (!can(request.actor, 'evaluation.rate', { areaId: area.id, organisationId: data.activity.organisationId })) throw new ForbiddenError('evaluation.rate');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const target = typeof body.target === 'string' ? body.target : '';
    const prefix = target === 'activity' ? 'activity' : `r-${target}`;
    // Field names are plain (didDifferently, …); ids carry the part's prefix, so the summary links land on the right form.
    const fieldIds = Object.fromEntries(['didDifferently', 'differentlyEvidence', 'impactOnUsers', 'impactEvidence'].map((f) => [f, `${prefix}-${f}`]));
    const form = parseForm(changeForm, body, request.t, fieldIds);
    if (target !== 'activity' && !data.responses.some((r) => r.response.id === target)) throw new NotFoundError('response');
    if (!form.ok) return renderActivity(request, reply, { failed: { target, errors: form.errors, values: form.values }, errorSummary: form.summary }, 422);
    await impact.saveActivityChange(db, area.id, request.actor!.accountId, data.activity.id, target, form.data);
    return reply.flash(request.t('evaluation.impact.activity.saved')).redirect(`${activityUrl(request, data.activity.id)}#${prefix}`, 303);
  });

  // ── The area's page ──────────────────────────────────────────────────────────────────────────

  app.get('/a/:area/manage/evaluation/impact', view, async (request, reply) => {
    const area = request.area!;
    const data = await impact.areaImpact(db, area.id);
    return reply.page('evaluation/views/impact/area.njk', {
      title: request.t('evaluation.impact.area.title'),
      backLink: `${areaBase(request)}/manage/evaluation`,
      words: questionWords(request.t, data.settings),
      questions: EVALUATION_QUESTIONS,
      source: QUESTIONS_SOURCE,
      changes: data.changes.map((c) => ({ ...c, differentlyHref: safeHref(c.differentlyEvidence), impactHref: safeHref(c.impactEvidence) })),
      changesLimit: impact.AREA_CHANGES_LIMIT,
      results: data.results,
      items: IMPACT_ITEMS,
      mayChangeSettings: can(request.actor, 'evaluation.settings', { areaId: area.id }),
    });
  });

  // ── The participant impact check ─────────────────────────────────────────────────────────────

  /** Words of the check: the version's own, for the child's easy read or the parent carer's. */
  const checkSay = (request: FastifyRequest, version: CheckVersion) => (key: string, params?: Record<string, unknown>) => {
    if (version === 'parent_carer' && key.startsWith('evaluation.impact.validation.answerMissing.')) key = key.replace('answerMissing.', 'answerMissingParent.');
    return request.t(key, params);
  };

  type CheckPage = { version: CheckVersion; again: boolean; action: string; code?: string; useCode?: boolean; backLink?: string };

  const renderCheck = (request: FastifyRequest, reply: FastifyReply, page: CheckPage, extra: Record<string, unknown> = {}, status = 200) => {
    const v = page.version;
    const items = IMPACT_ITEMS.map((item) => ({ id: item.id, symbol: item.symbol, words: request.t(`evaluation.impact.check.items.${item.key}.${v}`) }));
    const scale = [
      ...SCALE.map((p) => ({ value: String(p.value), symbol: p.symbol, words: request.t(`evaluation.impact.check.scale.${p.key}`) })),
      { value: SKIP, symbol: '1F910', words: request.t('evaluation.impact.check.scale.skip') },
    ];
    return reply.page(
      'evaluation/views/impact/check.njk',
      {
        title: request.t(`evaluation.impact.check.${v}.title`),
        version: v,
        childrenMode: v === 'child',
        // Read aloud, as on the survey pages (the browser's own speech; nothing leaves the device).
        readAloudJs,
        s: (key: string) => request.t(`surveys.respond.${key}Easy`),
        again: page.again,
        action: page.action,
        code: page.code,
        useCodeLink: page.useCode ? `${areaBase(request)}/impact-check/code` : null,
        backLink: page.backLink,
        items,
        scale,
        values: {},
        errors: {},
        ...extra,
      },
      status,
    );
  };

  const thanksUrl = (request: FastifyRequest, version: CheckVersion, link: impact.Link) =>
    `${areaBase(request)}/impact-check/thank-you?version=${version === 'child' ? 'child' : 'parent-carer'}&by=${link.kind === 'account' ? 'account' : 'code'}`;

  const saveCheck = async (request: FastifyRequest, reply: FastifyReply, link: impact.Link, page: CheckPage) => {
    const form = parseForm(checkForm, request.body, checkSay(request, page.version));
    if (!form.ok) return renderCheck(request, reply, page, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await impact.recordCheck(db, request.area!.id, link, page.version, form.data);
    return reply.redirect(thanksUrl(request, page.version, link), 303);
  };

  // From a survey's thank-you page: the person holding the response's cookie (or the account that sent it).
  const fromResponse = async (request: FastifyRequest<{ Params: { responseId: string } }>) => {
    const area = request.area!;
    // getSurvey says "not found" to anyone but the browser or account that sent the response.
    await getSurvey(db, area.id, request.params.responseId, { token: request.cookies[RESPONSE_COOKIE], accountId: request.actor?.accountId ?? null });
    const found = await impact.checkForResponse(db, area.id, request.params.responseId);
    if (!found) throw new NotFoundError('response');
    const responseBase = `${areaBase(request)}/responses/${request.params.responseId}`;
    const page: CheckPage = { version: found.version, again: found.due === 'again', action: `${responseBase}/impact-check`, useCode: found.link.kind === 'receipt_code' && found.due === 'first', backLink: `${responseBase}/thank-you` };
    return { found, page };
  };

  app.get<{ Params: { responseId: string } }>('/a/:area/responses/:responseId/impact-check', publicRoute, async (request, reply) => {
    const { page } = await fromResponse(request);
    return renderCheck(request, reply, page);
  });

  app.post<{ Params: { responseId: string } }>('/a/:area/responses/:responseId/impact-check', publicRoute, async (request, reply) => {
    const { found, page } = await fromResponse(request);
    return saveCheck(request, reply, found.link, page);
  });

  // Signed in, from "Your page": a parent carer's version, or a young person's; linked to the account.
  // Staff and supporters have no check of their own here (it would mix their answers with participants').
  const accountPage = async (request: FastifyRequest): Promise<CheckPage> => {
    const roles = request.actor!.rolesByArea.get(request.area!.id) ?? [];
    const version = impact.versionForRoles(roles);
    if (!version) throw new NotFoundError('impact check');
    const due = await impact.impactOfferForAccount(db, request.area!.id, request.actor!.accountId, roles);
    return { version, again: due === 'again', action: `${areaBase(request)}/impact-check`, backLink: `${areaBase(request)}/your-page` };
  };

  app.get('/a/:area/impact-check', ownCheck, async (request, reply) => renderCheck(request, reply, await accountPage(request)));

  app.post('/a/:area/impact-check', ownCheck, async (request, reply) =>
    saveCheck(request, reply, { kind: 'account', accountId: request.actor!.accountId }, await accountPage(request)),
  );

  // Again, with the receipt code of the first check: the code is asked for, then carried in the form.
  const renderCode = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('evaluation/views/impact/code.njk', { title: request.t('evaluation.impact.check.code.title'), action: `${areaBase(request)}/impact-check/code`, values: {}, errors: {}, ...extra }, status);

  app.get('/a/:area/impact-check/code', publicRoute, (request, reply) => renderCode(request, reply));

  app.post('/a/:area/impact-check/code', limited, async (request, reply) => {
    const form = parseForm(codeForm, request.body, request.t);
    if (!form.ok) return renderCode(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const found = await impact.checkForCode(db, request.area!.id, form.data.code);
    if (!found) {
      const wrong = formError('code', request.t('evaluation.impact.check.code.notFound'), form.data);
      return renderCode(request, reply, { errors: wrong.errors, errorSummary: wrong.summary, values: form.data }, 422);
    }
    const code = found.link.kind === 'receipt_code' ? found.link.code : '';
    return renderCheck(request, reply, { version: found.version, again: true, action: `${areaBase(request)}/impact-check/with-code`, code, backLink: `${areaBase(request)}/impact-check/code` });
  });

  app.post('/a/:area/impact-check/with-code', limited, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const found = await impact.checkForCode(db, request.area!.id, body.code);
    if (!found) {
      const wrong = formError('code', request.t('evaluation.impact.check.code.notFound'), {});
      return renderCode(request, reply, { errors: wrong.errors, errorSummary: wrong.summary }, 422);
    }
    const code = found.link.kind === 'receipt_code' ? found.link.code : '';
    return saveCheck(request, reply, found.link, { version: found.version, again: true, action: `${areaBase(request)}/impact-check/with-code`, code, backLink: `${areaBase(request)}/impact-check/code` });
  });

  app.get('/a/:area/impact-check/thank-you', publicRoute, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const version: CheckVersion = query.version === 'child' ? 'child' : 'parent_carer';
    const s = await impact.questionSettings(db, request.area!.id);
    // Signed in, their own page offers it again when due; with a receipt code, only they can come back with it.
    return reply.page('evaluation/views/impact/thanks.njk', {
      title: request.t('evaluation.impact.check.thanks.title'),
      version,
      childrenMode: version === 'child',
      months: s.againAfterMonths,
      byAccount: query.by === 'account',
      codeLink: `${areaBase(request)}/impact-check/code`,
    });
  });
}
