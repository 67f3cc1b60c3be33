/**
 * Survey response pages: Check your answers, sending, the thank-you page with the receipt code, may we share your words, and how to hear back.
 * Shared helpers and the stage check are in respond.pages.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../../lib/form-errors.ts';
import { ABOUT_YOU_FIELDS } from './about-you.ts';
import { describeAnswerLines } from './answers.ts';
import { findContactPreference } from '../feedback/contacts.service.ts';
import { sendQueuedNow } from '../notifications/queued-messages.service.ts';
import { hearBackForm, quotesForm } from './respond.forms.ts';
import * as respond from './respond.service.ts';
import { retentionPeriod } from '../privacy/retention.service.ts';
import { latestConsent, recordQuoteChoice } from '../privacy/consent.service.ts';
import { HEAR_BACK_CHANNELS, HEAR_BACK_LIMIT, type ResponsePages } from './respond.pages.ts';
import { impactOfferForResponse, rateResponse, ratingForm, ratingOfferForResponse, variantForActivity } from '../evaluation/index.ts';

export function finishRoutes(app: FastifyInstance, pages: ResponsePages): void {
  const { db, alertIfRaised, sayer, areaBase, base, common, questionWords, optionWords, nextStep, questionUrl, surveyOf, stage } = pages;

  // ── Check your answers, submit, thank you ────────────────────────────────────────────────

  app.get('/a/:area/responses/:responseId/check', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
    const easy = survey.activity.childrenMode;
    const say = sayer(request, easy);
    const b = base(request, survey.response.id);
    const r = survey.response;
    const answerRows = survey.visible.map((q) => {
      const saved = survey.answers.get(q.id);
      const lines = saved?.declined ? [say('check.declined')] : saved?.value ? describeAnswerLines(q, saved.value, optionWords(easy), say, request.lang) : [say('check.notAnswered')];
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

  app.post('/a/:area/responses/:responseId/submit', stage('answering'), async (request, reply) => {
    const survey = surveyOf(request);
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
        // Issue 13: the participants' own rating of the activity, and the impact check when it is due.
        ratingOffer: await ratingOfferForResponse(db, request.area!.id, survey.response.id, survey.activity, request.t),
        ratingAction: `${base(request, survey.response.id)}/rating`,
        impactOffer: await impactOfferForResponse(db, request.area!.id, survey.response.id),
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/responses/:responseId/thank-you', stage('sent'), async (request, reply) => {
    const survey = surveyOf(request);
    return renderThankYou(request, reply, survey);
  });

  // "May we share your words?": consent to be quoted, recorded with who gave it (privacy/consent.service.ts).
  app.post('/a/:area/responses/:responseId/quotes', stage('sent', HEAR_BACK_LIMIT), async (request, reply) => {
    const survey = surveyOf(request);
    if (!survey.response.receiptCode) return reply.redirect(nextStep(request, survey), 303);
    const say = sayer(request, survey.activity.childrenMode);
    const form = parseForm(quotesForm, request.body, say, { quotes: 'quotes' });
    if (!form.ok) return renderThankYou(request, reply, survey, { quotesErrors: form.errors, errorSummary: form.summary, quotesValue: '' }, 422);
    const r = survey.response;
    await recordQuoteChoice(db, request.area!.id, { id: r.id, mode: r.mode, supporterRelationship: r.supporterRelationship, accountId: r.accountId }, form.data.quotes === 'yes');
    return reply.flash(say('quotes.saved')).redirect(`${base(request, survey.response.id)}/thank-you#quotes-heading`, 303);
  });

  // "How much say did you have?": the participants' own rating (evaluation module), one per response, changeable.
  app.post('/a/:area/responses/:responseId/rating', stage('sent'), async (request, reply) => {
    const survey = surveyOf(request);
    const form = parseForm(ratingForm(variantForActivity(survey.activity)), request.body, request.t, { step: 'step' });
    if (!form.ok) return renderThankYou(request, reply, survey, { ratingErrors: form.errors, errorSummary: form.summary }, 422);
    await rateResponse(db, request.area!.id, { responseId: survey.response.id, activityId: survey.activity.id, step: form.data.step, activity: survey.activity }, request.t);
    return reply.redirect(`${base(request, survey.response.id)}/thank-you#rating-heading`, 303);
  });

  app.post('/a/:area/responses/:responseId/hear-back', stage('sent', HEAR_BACK_LIMIT), async (request, reply) => {
    const survey = surveyOf(request);
    if (!survey.response.receiptCode) return reply.redirect(nextStep(request, survey), 303);
    const say = sayer(request, survey.activity.childrenMode);
    const form = parseForm(hearBackForm(survey.response.mode === 'supported'), request.body, say);
    if (!form.ok) return renderThankYou(request, reply, survey, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const { channel, address, format } = form.data;
    const { queued } = await respond.chooseHearBack(db, request.area!, survey, { channel, address, format, language: request.lang }, { t: request.t, myViewsUrl: `${app.config.baseUrl}${areaBase(request)}/my-views` });
    // The receipt code to a new email address, now rather than at the next minute (the queue keeps it if this fails).
    if (queued) await sendQueuedNow(db, app.notifierFor, request.area!, (error) => request.log.error({ err: error }, 'receipt email not sent yet; the minute job will try again'));
    return reply.flash(say(`feedback.hearBack.saved.${channel}`)).redirect(`${base(request, survey.response.id)}/thank-you`, 303);
  });
}
