/**
 * Safeguarding pages: the designated safeguarding leads' list of concerns and each concern's record
 * (decision and actions), the area's safeguarding settings, and "raise a concern" for staff who read
 * views. Every handler is short: parse, call the service (which checks the role again), render.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AreaAction } from '../../lib/authorisation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { getActivity } from '../activities/activities.service.ts';
import { isId } from '../../lib/ids.ts';
import { findContributionToRaise } from '../contributions/contributions.service.ts';
import { sendAlertsNow } from './safeguarding.alerts.ts';
import { builtInPhrases, CONCERN_CATEGORIES, CONCERN_SEVERITIES } from './safeguarding-detector.ts';
import { ACTION_FIELD_IDS, actionForm, DECISION_FIELD_IDS, decisionForm, DECISIONS, mobileForm, phraseForm, raiseForm, WORDS_CHOICES } from './safeguarding.forms.ts';
import * as safeguarding from './safeguarding.service.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });

/** How many built-in phrases each language and category has: what Chorus looks for, without listing it. */
function phraseCounts() {
  const counts = new Map<string, number>();
  for (const p of builtInPhrases()) counts.set(`${p.language}/${p.category}`, (counts.get(`${p.language}/${p.category}`) ?? 0) + 1);
  return CONCERN_CATEGORIES.map((category) => ({ category, en: counts.get(`en/${category}`) ?? 0, cy: counts.get(`cy/${category}`) ?? 0 }));
}

export default async function safeguardingRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const listUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/safeguarding`;
  const concernUrl = (request: FastifyRequest, id: string) => `${listUrl(request)}/concerns/${id}`;
  const settingsUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/safeguarding`;
  const concernId = (request: FastifyRequest) => {
    const { concernId: id } = request.params as { concernId: string };
    if (!isId(id)) throw new NotFoundError('safeguarding_concern');
    return id;
  };
  const alertNow = (request: FastifyRequest) =>
    sendAlertsNow(db, app.notifierFor, app.config.baseUrl, request.area!.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));

  // ── The safeguarding leads' list ─────────────────────────────────────────────────────────────

  app.get('/a/:area/safeguarding', needs('safeguarding.review'), async (request, reply) => {
    const now = new Date();
    const found = await safeguarding.listConcerns(db, request.actor!, request.area!.id, now);
    return reply.page('privacy/views/safeguarding/list.njk', {
      title: request.t('safeguarding.list.title'),
      ...found,
      overdueBefore: new Date(now.getTime() - safeguarding.OVERDUE_AFTER_MS),
    });
  });

  // ── One concern ──────────────────────────────────────────────────────────────────────────────

  const renderConcern = async (request: FastifyRequest, reply: FastifyReply, page: safeguarding.ConcernPage, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('privacy/views/safeguarding/concern.njk', {
      title: request.t('safeguarding.concern.title'),
      ...page,
      decisions: DECISIONS,
      wordsChoices: WORDS_CHOICES,
      values: { version: page.concern.version },
      backLink: listUrl(request),
      ...extra,
    }, status);

  app.get('/a/:area/safeguarding/concerns/:concernId', needs('safeguarding.review'), async (request, reply) =>
    renderConcern(request, reply, await safeguarding.openConcern(db, request.actor!, request.area!.id, concernId(request))),
  );

  app.post('/a/:area/safeguarding/concerns/:concernId/decision', needs('safeguarding.review'), async (request, reply) => {
    const id = concernId(request);
    const page = await safeguarding.findConcernForForm(db, request.actor!, request.area!.id, id);
    const form = parseForm(decisionForm(page.concern.contributionId !== null), request.body, request.t, DECISION_FIELD_IDS);
    if (!form.ok) return renderConcern(request, reply, page, { decisionErrors: form.errors, errorSummary: form.summary, values: { ...form.values, version: page.concern.version } }, 422);
    try {
      await safeguarding.decideConcern(db, request.actor!, request.area!.id, id, form.data);
    } catch (error) {
      if (!(error instanceof safeguarding.ConcernChangedError)) throw error;
      const fresh = await safeguarding.findConcernForForm(db, request.actor!, request.area!.id, id);
      const failed = formError('decision', request.t('safeguarding.validation.changed'), form.data);
      return renderConcern(request, reply, fresh, { decisionErrors: failed.errors, errorSummary: failed.summary, values: { ...form.data, version: fresh.concern.version } }, 409);
    }
    return reply.flash(request.t('safeguarding.concern.decided')).redirect(concernUrl(request, id), 303);
  });

  app.post('/a/:area/safeguarding/concerns/:concernId/reopen', needs('safeguarding.review'), async (request, reply) => {
    const id = concernId(request);
    await safeguarding.reopen(db, request.actor!, request.area!.id, id);
    return reply.flash(request.t('safeguarding.concern.reopened')).redirect(concernUrl(request, id), 303);
  });

  app.post('/a/:area/safeguarding/concerns/:concernId/actions', needs('safeguarding.review'), async (request, reply) => {
    const id = concernId(request);
    const form = parseForm(actionForm, request.body, request.t, ACTION_FIELD_IDS);
    if (!form.ok) {
      const page = await safeguarding.findConcernForForm(db, request.actor!, request.area!.id, id);
      return renderConcern(request, reply, page, { actionErrors: form.errors, errorSummary: form.summary, actionValues: form.values }, 422);
    }
    await safeguarding.recordAction(db, request.actor!, request.area!.id, id, form.data);
    return reply.flash(request.t('safeguarding.concern.actionRecorded')).redirect(`${concernUrl(request, id)}#actions`, 303);
  });

  // ── Raise a concern about a contribution (anyone who reads views) ─────────────────────────────

  const contributionParams = async (request: FastifyRequest) => {
    const { activityId, contributionId } = request.params as { activityId: string; contributionId: string };
    if (!isId(activityId) || !isId(contributionId)) throw new NotFoundError('contribution');
    const activity = await getActivity(db, request.area!.id, activityId);
    const contribution = await findContributionToRaise(db, request.actor!, activity, contributionId);
    return { activity, contribution };
  };

  const renderRaise = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const { activity, contribution } = await contributionParams(request);
    return reply.page('privacy/views/safeguarding/raise.njk', {
      title: request.t('safeguarding.raise.title'),
      activity,
      contribution,
      values: {},
      backLink: `/a/${request.area!.slug}/activities/${activity.id}/contributions`,
      ...extra,
    }, status);
  };

  app.get('/a/:area/activities/:activityId/contributions/:contributionId/raise-concern', needs('safeguarding.raise'), (request, reply) => renderRaise(request, reply));

  app.post('/a/:area/activities/:activityId/contributions/:contributionId/raise-concern', needs('safeguarding.raise'), async (request, reply) => {
    const form = parseForm(raiseForm, request.body, request.t);
    if (!form.ok) return renderRaise(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const { activity, contribution } = await contributionParams(request);
    await safeguarding.raiseConcernAboutContribution(db, request.actor!, request.area!.id, contribution.id, form.data.reason);
    alertNow(request);
    return reply.flash(request.t('safeguarding.raise.done')).redirect(`/a/${request.area!.slug}/activities/${activity.id}/contributions`, 303);
  });

  // ── Settings: who is alerted, and the area's own phrases ──────────────────────────────────────

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const settings = await safeguarding.findSettings(db, request.actor!, request.area!.id);
    const figures = await safeguarding.concernFiguresFor(db, request.actor!, request.area!.id);
    return reply.page('privacy/views/safeguarding/settings.njk', {
      title: request.t('safeguarding.settings.title'),
      ...settings,
      figures,
      categories: CONCERN_CATEGORIES,
      severities: CONCERN_SEVERITIES,
      builtIn: phraseCounts(),
      values: {},
      backLink: `/a/${request.area!.slug}/manage`,
      ...extra,
    }, status);
  };

  app.get('/a/:area/manage/safeguarding', needs('safeguarding.settings'), (request, reply) => renderSettings(request, reply));

  app.post('/a/:area/manage/safeguarding/mobile', needs('safeguarding.settings'), async (request, reply) => {
    const form = parseForm(mobileForm, request.body, request.t, { mobile: `mobile-${String((request.body as Record<string, unknown> | undefined)?.accountId ?? '')}` });
    if (!form.ok) return renderSettings(request, reply, { mobileErrors: form.errors, errorSummary: form.summary, mobileValues: form.values }, 422);
    await safeguarding.setLeadMobile(db, request.actor!, request.area!.id, form.data.accountId, form.data.mobile);
    return reply.flash(request.t(form.data.mobile ? 'safeguarding.settings.mobileSaved' : 'safeguarding.settings.mobileRemoved')).redirect(settingsUrl(request), 303);
  });

  app.post('/a/:area/manage/safeguarding/phrases', needs('safeguarding.settings'), async (request, reply) => {
    const form = parseForm(phraseForm, request.body, request.t, { category: 'category', severity: 'severity' });
    if (!form.ok) return renderSettings(request, reply, { phraseErrors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    try {
      await safeguarding.addAreaPhrase(db, request.actor!, request.area!.id, form.data);
    } catch (error) {
      if (!(error instanceof safeguarding.PhraseExistsError)) throw error;
      const failed = formError('phrase', request.t('safeguarding.validation.phrase.taken'), form.data);
      return renderSettings(request, reply, { phraseErrors: failed.errors, errorSummary: failed.summary, values: form.data }, 422);
    }
    return reply.flash(request.t('safeguarding.settings.phraseAdded')).redirect(`${settingsUrl(request)}#phrases`, 303);
  });

  app.post('/a/:area/manage/safeguarding/phrases/:phraseId/delete', needs('safeguarding.settings'), async (request, reply) => {
    const { phraseId: id } = request.params as { phraseId: string };
    if (!isId(id)) throw new NotFoundError('safeguarding_phrase');
    await safeguarding.removeAreaPhrase(db, request.actor!, request.area!.id, id);
    return reply.flash(request.t('safeguarding.settings.phraseRemoved')).redirect(`${settingsUrl(request)}#phrases`, 303);
  });
}
