/**
 * Evaluation (issue 13 §1): participants rate an activity themselves. Registered by evaluation.routes.ts.
 *
 * - Staff (evaluation.rate, for their organisation's activities) make a short code for a meeting
 *   and see the totals so far: /a/:area/activities/:activityId/evaluation/rating-link.
 * - Anyone with the code rates it, no account needed: /a/:area/rate (type the code) and
 *   /a/:area/rate/:code (the scale). Guessing is limited per address; a wrong, closed or another
 *   area's code gets the same kind page. One browser counts once per code: a signed cookie holds the
 *   id of the rating it gave, so choosing again changes that rating instead of adding one. Nothing
 *   about the person is stored.
 * - The area's scale (words, pictures, Chorus' mapping to the common levels) is changed by an
 *   admin or lead (evaluation.settings): /a/:area/manage/evaluation/rating-scale.
 * The survey's thank-you page offers the same scale (surveys/respond-finish.routes.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { getActivity } from '../activities/activities.service.ts';
import { COMMON_LEVELS } from './data/common-levels.ts';
import { RATING_SCALE_SOURCE, RATING_VARIANTS, type RatingVariant } from './data/ratings-scale.ts';
import { codeForm, linkForm, ratingForm, scaleField, scaleForm, scaleInput } from './ratings.forms.ts';
import * as ratings from './ratings.service.ts';

/**
 * Guessing limit per address for everything that takes a code. A whole class on one school network
 * shares an address: each person types the code, sees the scale and sends it (about 3 requests), so
 * 100 in 10 minutes lets a room of 30 through while a guesser gets 100 tries in 31^6 codes.
 */
export const RATING_CODE_LIMIT = { max: 100, timeWindow: '10 minutes', hook: 'preHandler' as const, groupId: 'rating-code' };

/** The browser's own record of the ratings it gave through codes: code → rating id, signed. */
export const RATED_COOKIE = 'chorus_rated';
const RATED_KEEP = 8;
const THIRTY_DAYS = 30 * 24 * 3600;

const publicRoute = { config: { access: 'public' as const } };
const limited = { config: { access: 'public' as const, rateLimit: RATING_CODE_LIMIT } };
const settingsRoute = { config: { access: { action: 'evaluation.settings' as const } } };
const rateRoute = { config: { access: { action: 'evaluation.rate' as const } } };

export default async function ratingsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const readAloudJs = app.assetUrl('read-aloud.js');
  const areaBase = (request: FastifyRequest) => `/a/${request.area!.slug}`;
  const rateBase = (request: FastifyRequest) => `${areaBase(request)}/rate`;

  // Our own guessing limit (not the installation-wide one): say plainly what to do.
  app.setErrorHandler(async (error, request, reply) => {
    if ((error as { statusCode?: number }).statusCode === 429 && (request.routeOptions.config as { rateLimit?: unknown }).rateLimit) {
      return reply.page('evaluation/views/ratings/too-many.njk', { title: request.t('evaluation.ratings.tooMany.title'), readAloudJs }, 429);
    }
    throw error;
  });

  // ── The browser's record of its ratings (no server-side trace of the browser) ────────────────

  const heldRatings = (request: FastifyRequest): Map<string, string> => {
    const raw = request.cookies[RATED_COOKIE];
    if (!raw) return new Map();
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return new Map();
    const pairs = unsigned.value.split(',').map((p) => p.split('=')).filter((p): p is [string, string] => p.length === 2 && Boolean(p[0]) && Boolean(p[1]));
    return new Map(pairs.slice(-RATED_KEEP));
  };

  const holdRating = (request: FastifyRequest, reply: FastifyReply, code: string, ratingId: string) => {
    const held = heldRatings(request);
    held.delete(code);
    held.set(code, ratingId);
    const value = [...held].slice(-RATED_KEEP).map(([c, id]) => `${c}=${id}`).join(',');
    reply.setCookie(RATED_COOKIE, value, { path: rateBase(request), httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', signed: true, maxAge: THIRTY_DAYS });
  };

  const heldFor = (request: FastifyRequest, typed: unknown) => {
    const code = ratings.parseRatingCode(typed);
    return code ? (heldRatings(request).get(code) ?? null) : null;
  };

  // ── Typing the code ──────────────────────────────────────────────────────────────────────────

  const renderCodePage = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('evaluation/views/ratings/code.njk', { title: request.t('evaluation.ratings.code.title'), action: rateBase(request), values: {}, readAloudJs, ...extra }, status);

  /** One answer for any code that is not an open or closed code of this area. */
  const unknownCode = (request: FastifyRequest, reply: FastifyReply, typed: unknown) => {
    const failed = formError('code', request.t('evaluation.ratings.errors.codeNotFound'), { code: typeof typed === 'string' ? typed.slice(0, 20) : '' });
    return renderCodePage(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values }, 404);
  };

  const renderClosed = (request: FastifyRequest, reply: FastifyReply) =>
    reply.page('evaluation/views/ratings/closed.njk', { title: request.t('evaluation.ratings.closed.title'), readAloudJs }, 410);

  app.get('/a/:area/rate', publicRoute, (request, reply) => renderCodePage(request, reply));

  app.post('/a/:area/rate', limited, async (request, reply) => {
    const form = parseForm(codeForm, request.body, request.t);
    if (!form.ok) return renderCodePage(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const found = await ratings.findPublicRatingLink(db, request.area!.id, form.data.code, null, request.t);
    if (!found) return unknownCode(request, reply, form.data.code);
    return reply.redirect(`${rateBase(request)}/${found.code}`, 303);
  });

  // ── The scale behind a code ──────────────────────────────────────────────────────────────────

  type CodeParams = { Params: { code: string } };

  const renderScale = (request: FastifyRequest, reply: FastifyReply, found: ratings.PublicRatingLink, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page(
      'evaluation/views/ratings/rate.njk',
      {
        title: request.t(`evaluation.ratings.question.${found.variant === 'children' ? 'children' : 'parentCarers'}`),
        found,
        children: found.variant === 'children',
        action: `${rateBase(request)}/${found.code}`,
        readAloudJs,
        ...extra,
      },
      status,
    );

  app.get<CodeParams>('/a/:area/rate/:code', limited, async (request, reply) => {
    const found = await ratings.findPublicRatingLink(db, request.area!.id, request.params.code, heldFor(request, request.params.code), request.t);
    if (!found) return unknownCode(request, reply, request.params.code);
    if (!found.open) return renderClosed(request, reply);
    // The code as we write it ("7kq4mz" typed in the address bar → 7KQ-4MZ).
    if (found.code !== request.params.code) return reply.redirect(`${rateBase(request)}/${found.code}`, 303);
    return renderScale(request, reply, found);
  });

  app.post<CodeParams>('/a/:area/rate/:code', limited, async (request, reply) => {
    const held = heldFor(request, request.params.code);
    const found = await ratings.findPublicRatingLink(db, request.area!.id, request.params.code, held, request.t);
    if (!found) return unknownCode(request, reply, request.params.code);
    if (!found.open) return renderClosed(request, reply);
    const form = parseForm(ratingForm(found.variant), request.body, request.t, { step: 'step' });
    if (!form.ok) return renderScale(request, reply, { ...found, choices: found.choices.map((c) => ({ ...c, checked: false })) }, { errors: form.errors, errorSummary: form.summary }, 422);
    const saved = await ratings.rateThroughLink(db, request.area!.id, found.code, form.data.step, held, request.t);
    if (saved.outcome === 'unknown') return unknownCode(request, reply, request.params.code);
    if (saved.outcome === 'closed') return renderClosed(request, reply);
    holdRating(request, reply, found.code, saved.ratingId);
    return reply.redirect(`${rateBase(request)}/${found.code}/thank-you`, 303);
  });

  app.get<CodeParams>('/a/:area/rate/:code/thank-you', limited, async (request, reply) => {
    const found = await ratings.findPublicRatingLink(db, request.area!.id, request.params.code, heldFor(request, request.params.code), request.t);
    if (!found) return unknownCode(request, reply, request.params.code);
    // Nothing chosen from this browser (another browser, or cookies cleared): the scale is where to go.
    if (!found.current) return found.open ? renderScale(request, reply, found) : renderClosed(request, reply);
    return reply.page('evaluation/views/ratings/rated.njk', {
      title: request.t('evaluation.ratings.rated.title'),
      found,
      children: found.variant === 'children',
      changeLink: found.open ? `${rateBase(request)}/${found.code}` : null,
      youSaidWeDidLink: `${areaBase(request)}/you-said-we-did/easy-read`,
      readAloudJs,
    });
  });

  // ── Staff: a code for an activity, and the totals so far ─────────────────────────────────────

  type ActivityParams = { Params: { activityId: string } };

  /** The activity, if this person may rate it (practitioners: their own organisation's only). */
  const ratedActivity = async (request: FastifyRequest<ActivityParams>) => {
    const activity = await getActivity(db, request.area!.id, request.params.activityId);
    if (!can(request.actor, 'evaluation.rate', { areaId: request.area!.id, organisationId: activity.organisationId })) throw new ForbiddenError('evaluation.rate');
    return activity;
  };

  const linkUrl = (request: FastifyRequest, activityId: string) => `${areaBase(request)}/activities/${activityId}/evaluation/rating-link`;

  const renderLinkPage = async (request: FastifyRequest<ActivityParams>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const activity = await ratedActivity(request);
    const page = await ratings.ratingLinkPage(db, request.area!.id, activity, request.t);
    return reply.page(
      'evaluation/views/ratings/link.njk',
      {
        title: request.t('evaluation.ratings.link.title', { activity: activity.title }),
        backLink: `${areaBase(request)}/activities/${activity.id}/evaluation`,
        activity,
        page,
        variants: RATING_VARIANTS,
        values: { variant: page.link?.variant ?? page.suggestedVariant },
        action: linkUrl(request, activity.id),
        closeAction: `${linkUrl(request, activity.id)}/close`,
        codePage: `${app.config.baseUrl}${rateBase(request)}`,
        linkAddress: page.link ? `${app.config.baseUrl}${rateBase(request)}/${page.link.code}` : null,
        scaleLink: can(request.actor, 'evaluation.settings', { areaId: request.area!.id }) ? `${areaBase(request)}/manage/evaluation/rating-scale` : null,
        ...extra,
      },
      status,
    );
  };

  app.get<ActivityParams>('/a/:area/activities/:activityId/evaluation/rating-link', rateRoute, (request, reply) => renderLinkPage(request, reply));

  app.post<ActivityParams>('/a/:area/activities/:activityId/evaluation/rating-link', rateRoute, async (request, reply) => {
    const activity = await ratedActivity(request);
    const form = parseForm(linkForm, request.body, request.t, { variant: 'variant' });
    if (!form.ok) return renderLinkPage(request, reply, { errors: form.errors, errorSummary: form.summary, values: { variant: '' } }, 422);
    const link = await ratings.createRatingLink(db, request.area!.id, request.actor!.accountId, activity.id, form.data.variant as RatingVariant);
    return reply.flash(request.t('evaluation.ratings.link.created', { code: link.code })).redirect(linkUrl(request, activity.id), 303);
  });

  app.post<ActivityParams>('/a/:area/activities/:activityId/evaluation/rating-link/close', rateRoute, async (request, reply) => {
    const activity = await ratedActivity(request);
    const closed = await ratings.closeRatingLink(db, request.area!.id, request.actor!.accountId, activity.id);
    if (closed) reply.flash(request.t('evaluation.ratings.link.closedNow'));
    return reply.redirect(linkUrl(request, activity.id), 303);
  });

  // ── The area's scale ─────────────────────────────────────────────────────────────────────────

  const scaleUrl = (request: FastifyRequest) => `${areaBase(request)}/manage/evaluation/rating-scale`;

  const renderScaleSettings = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const scale = await ratings.getRatingScale(db, request.area!.id, request.t);
    const values: Record<string, string> = { seen: scale.fingerprint };
    scale.steps.forEach((s, i) => {
      values[scaleField(i + 1, 'children')] = s.words.children;
      values[scaleField(i + 1, 'parents')] = s.words.parent_carers;
      values[scaleField(i + 1, 'symbol')] = s.symbol;
      values[scaleField(i + 1, 'level')] = s.commonLevel;
    });
    return reply.page(
      'evaluation/views/ratings/scale.njk',
      {
        title: request.t('evaluation.ratings.scale.title'),
        backLink: `${areaBase(request)}/manage/evaluation`,
        scale,
        values,
        levelItems: COMMON_LEVELS.map((l) => ({ value: l.key, text: request.t(`evaluation.ratings.levels.${l.key}`) })),
        source: RATING_SCALE_SOURCE,
        action: scaleUrl(request),
        resetAction: `${scaleUrl(request)}/reset`,
        ...extra,
      },
      status,
    );
  };

  app.get('/a/:area/manage/evaluation/rating-scale', settingsRoute, (request, reply) => renderScaleSettings(request, reply));

  app.post('/a/:area/manage/evaluation/rating-scale', settingsRoute, async (request, reply) => {
    const form = parseForm(scaleForm, request.body, request.t);
    if (!form.ok) {
      // Everything typed is shown again, with the fingerprint of the scale the admin was looking at.
      const typed = Object.fromEntries(Object.entries(form.values).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 200) : '']));
      return renderScaleSettings(request, reply, { errors: form.errors, errorSummary: form.summary, values: typed }, 422);
    }
    await ratings.saveRatingScale(db, request.area!.id, request.actor!.accountId, scaleInput(form.data), request.t);
    return reply.flash(request.t('evaluation.ratings.scale.saved')).redirect(scaleUrl(request), 303);
  });

  app.post('/a/:area/manage/evaluation/rating-scale/reset', settingsRoute, async (request, reply) => {
    await ratings.resetRatingScale(db, request.area!.id, request.actor!.accountId);
    return reply.flash(request.t('evaluation.ratings.scale.resetDone')).redirect(scaleUrl(request), 303);
  });
}
