/**
 * Public pages: what people can take part in now, each open activity's page, signing up (exactly
 * once, with the adjustments a person needs), and a calendar file. No account needed.
 */
import { randomBytes } from 'node:crypto';
import { sendAlertsNow } from '../privacy/safeguarding.service.ts';
import { sendQueuedNow } from '../notifications/queued-messages.service.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { parseForm, type ErrorSummaryItem, type FieldErrors } from '../../lib/form-errors.ts';
import { listOrganisations } from '../areas/areas.service.ts';
import { IDEMPOTENCY_KEY, list, SIGNUP_FIELD_IDS, signupForm, text } from './activities.forms.ts';
import { isId } from '../../lib/ids.ts';
import * as activities from './activities.service.ts';
import { ADJUSTMENTS, GROUND_RULES } from './activity-options.ts';
import { audienceText, whenText, whereText } from './activity-view.ts';
import { activityCalendar } from './calendar.ts';
import * as signups from './signups.service.ts';

const publicRoute = { config: { access: 'public' as const } };

/** Links to cancel carry a secret: a limit on guessing, as for receipt codes. */
export const CANCEL_LINK_LIMIT = { max: 20, timeWindow: '10 minutes', hook: 'preHandler' as const, groupId: 'signup-cancel-link' };
const cancelLinkRoute = { config: { access: 'public' as const, rateLimit: CANCEL_LINK_LIMIT } };

function activityId(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown>).activityId;
  if (!isId(id)) throw new NotFoundError('activity');
  return id;
}

/** A fresh key for each sign-up form shown: the same key sent twice is one sign-up. */
const newKey = () => randomBytes(18).toString('base64url');

export default async function takePartRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/take-part`;

  app.get('/a/:area/take-part', publicRoute, async (request, reply) => {
    const area = request.area!;
    const haveYourSay = await activities.haveYourSay(db, area, request.t, request.lang);
    return reply.page('activities/views/take-part-list.njk', { title: request.t('activities.haveYourSay.title'), haveYourSay, backLink: `/a/${area.slug}` });
  });

  /** What the public pages say about an activity, in the reader's language. */
  const describe = async (request: FastifyRequest, activity: activities.Activity) => {
    const t = request.t;
    const organisation = activity.organisationId ? (await listOrganisations(db, request.area!.id)).find((o) => o.id === activity.organisationId)?.name : undefined;
    return {
      activity,
      organisation: organisation ?? '',
      audience: audienceText(activity, t),
      when: whenText(activity, request.lang, t) || t('activities.view.dateToFollow'),
      where: whereText(activity, t),
      finished: !activities.isUpcoming(activity),
      groundRules: GROUND_RULES.filter((r) => activity.groundRules.includes(r)),
      href: `${base(request)}/${activity.id}`,
    };
  };

  app.get('/a/:area/take-part/:activityId', publicRoute, async (request, reply) => {
    const area = request.area!;
    const id = activityId(request);
    // A survey is answered on its own pages.
    const found = await activities.findActivity(db, area.id, id);
    if (found?.type === 'survey' && found.status === 'open') return reply.redirect(`/a/${area.slug}/surveys/${id}`, 303);
    const activity = await activities.getPublicActivity(db, area.id, id);
    return reply.page('activities/views/take-part.njk', { title: activity.title, backLink: base(request), ...(await describe(request, activity)) });
  });

  // ── Signing up ────────────────────────────────────────────────────────────────────────────────
  type SignupModel = { values: Record<string, unknown>; errors?: FieldErrors; errorSummary?: ErrorSummaryItem[] };
  const renderSignup = async (request: FastifyRequest, reply: FastifyReply, activity: activities.Activity, model: SignupModel, status = 200) =>
    reply.page('activities/views/sign-up.njk', {
      title: request.t('activities.signup.title', { title: activity.title }),
      backLink: `${base(request)}/${activity.id}`,
      adjustments: ADJUSTMENTS,
      errors: model.errors ?? {},
      errorSummary: model.errorSummary,
      values: model.values,
      ...(await describe(request, activity)),
    }, status);

  app.get('/a/:area/take-part/:activityId/sign-up', publicRoute, async (request, reply) => {
    const activity = await activities.getPublicActivity(db, request.area!.id, activityId(request));
    if (!activities.isUpcoming(activity)) return reply.redirect(`${base(request)}/${activity.id}`, 303);
    // Someone signed in need not type who they are again; they can still change either. The form
    // asks for a first name or a nickname, so only the first word of their name goes in.
    const actor = request.actor;
    const known = actor ? { name: actor.displayName.trim().split(/\s+/)[0], email: actor.email } : {};
    return renderSignup(request, reply, activity, { values: { ...known, people: '1', adjustments: [], idempotencyKey: newKey() } });
  });

  app.post('/a/:area/take-part/:activityId/sign-up', publicRoute, async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getPublicActivity(db, area.id, activityId(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    // A form without a good key (an old page, a hand-made request) still works, just without the guard.
    const key = text(body.idempotencyKey);
    const idempotencyKey = IDEMPOTENCY_KEY.test(key) ? key : newKey();
    const form = parseForm(signupForm, body, request.t, SIGNUP_FIELD_IDS);
    if (!form.ok) {
      return renderSignup(request, reply, activity, { values: { ...form.values, adjustments: list(body.adjustments), idempotencyKey }, errors: form.errors, errorSummary: form.summary }, 422);
    }
    try {
      const confirmation = { t: request.t, lang: request.lang, areaName: area.name, cancelUrl: (token: string) => `${app.config.baseUrl.replace(/\/$/, '')}${base(request)}/cancel/${token}` };
      const { concernRaised, emailed } = await signups.signUp(db, area.id, activity.id, { ...form.data, idempotencyKey, accountId: request.actor?.accountId ?? null }, new Date(), confirmation);
      if (concernRaised) sendAlertsNow(db, app.notifierFor, app.config.baseUrl, area.id, (error) => request.log.error({ err: error }, 'safeguarding alert not sent yet; the minute job will try again'));
      // The email with the link to cancel, now rather than at the next minute (the queue keeps it if this fails).
      if (emailed) {
        await sendQueuedNow(db, app.notifierFor, area, (error) => request.log.error({ err: error }, 'sign-up email not sent yet; the minute job will try again'));
        reply.flash(request.t('activities.signedUp.emailed'));
      }
    } catch (error) {
      if (error instanceof signups.SignupClosedError) return reply.redirect(`${base(request)}/${activity.id}`, 303);
      throw error;
    }
    return reply.redirect(`${base(request)}/${activity.id}/signed-up`, 303);
  });

  app.get('/a/:area/take-part/:activityId/signed-up', publicRoute, async (request, reply) => {
    const activity = await activities.getPublicActivity(db, request.area!.id, activityId(request));
    const canCancel = request.actor ? await signups.hasMySignup(db, request.area!.id, activity.id, request.actor.accountId) : false;
    return reply.page('activities/views/signed-up.njk', { title: request.t('activities.signedUp.title'), canCancel, ...(await describe(request, activity)) });
  });

  // ── Cancelling a place (signed in: the sign-up is the account's) ─────────────────────────────
  const signedIn = { config: { access: { action: 'account.view' as const } } };

  app.get('/a/:area/take-part/:activityId/cancel', signedIn, async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getPublicActivity(db, area.id, activityId(request));
    const hasPlace = await signups.hasMySignup(db, area.id, activity.id, request.actor!.accountId);
    return reply.page('activities/views/cancel-sign-up.njk', {
      title: hasPlace ? request.t('activities.cancelSignup.title', { title: activity.title }) : request.t('activities.cancelSignup.noneTitle'),
      hasPlace,
      backLink: `/a/${area.slug}/your-page`,
      yourPage: `/a/${area.slug}/your-page`,
      ...(await describe(request, activity)),
    });
  });

  app.post('/a/:area/take-part/:activityId/cancel', signedIn, async (request, reply) => {
    const area = request.area!;
    const activity = await activities.getPublicActivity(db, area.id, activityId(request));
    // Sent twice (a double press, a resent form): the second finds it cancelled, and says the same.
    const result = await signups.cancelMySignup(db, area.id, activity.id, request.actor!.accountId);
    if (result === 'none') return reply.redirect(`${base(request)}/${activity.id}/cancel`, 303);
    reply.flash(request.t('activities.cancelSignup.done', { title: activity.title }));
    return reply.redirect(`/a/${area.slug}/your-page`, 303);
  });

  // ── Cancelling a place (signed out: the secret link in the confirmation email) ───────────────
  // 'cancel' is a fixed part of the address, so the router never takes it for an activity id.
  const token = (request: FastifyRequest) => String((request.params as Record<string, unknown>).token ?? '');

  /** One kind page for a link that is wrong in any way: unknown, malformed, another area's, finished. */
  const badLink = (request: FastifyRequest, reply: FastifyReply) =>
    reply.page('activities/views/cancel-by-link.njk', { title: request.t('activities.cancelSignup.badTitle'), state: 'bad', takePart: base(request) }, 404);

  app.get('/a/:area/take-part/cancel/:token', cancelLinkRoute, async (request, reply) => {
    const area = request.area!;
    reply.header('Cache-Control', 'no-store');
    const place = await signups.findEmailedPlace(db, area.id, token(request));
    if (!place) return badLink(request, reply);
    const activity = await activities.getPublicActivity(db, area.id, place.activityId);
    const t = request.t;
    return reply.page('activities/views/cancel-by-link.njk', {
      title: place.state === 'open' ? t('activities.cancelSignup.title', { title: activity.title }) : t('activities.cancelSignup.doneTitle'),
      state: place.state,
      action: request.url.split('?')[0],
      takePart: base(request),
      ...(await describe(request, activity)),
    });
  });

  app.post('/a/:area/take-part/cancel/:token', cancelLinkRoute, async (request, reply) => {
    // Sent twice: the second finds it cancelled, and the page says the same.
    const result = await signups.cancelEmailedPlace(db, request.area!.id, token(request));
    if (result === 'none') return badLink(request, reply);
    return reply.redirect(request.url.split('?')[0]!, 303);
  });

  // ── Calendar file ─────────────────────────────────────────────────────────────────────────────
  app.get('/a/:area/take-part/:activityId/calendar.ics', publicRoute, async (request, reply) => {
    const activity = await activities.getPublicActivity(db, request.area!.id, activityId(request));
    const t = request.t;
    const url = `${app.config.baseUrl.replace(/\/$/, '')}${base(request)}/${activity.id}`;
    const contact = [activity.contactName, activity.contactEmail, activity.contactPhone].filter(Boolean).join(', ');
    const description = [
      activity.purpose,
      activity.joiningInstructions && `${t('activities.calendar.howToJoin')}: ${activity.joiningInstructions}`,
      `${t('activities.calendar.contact')}: ${contact}`,
      url,
    ].filter(Boolean).join('\n\n');
    const file = activityCalendar(activity, url, { location: whereText(activity, t), description });
    if (!file) throw new NotFoundError('calendar');
    const filename = activity.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'activity';
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${filename}.ics"`)
      .header('Cache-Control', 'no-store')
      .send(file);
  });
}
