/**
 * "What happened to my views?": anyone with a receipt code sees their own contributions and the
 * published answer to each, in easy read, then "Do you feel listened to?". And "What changed
 * because of you" for a signed-in person, across all their activities in the area.
 *
 * The code is a bearer secret: it travels only in POST bodies (never in a URL, where it would end
 * up in history and logs), and guessing is limited per address.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { listenedForm, receiptForm } from './my-views.forms.ts';
import * as myViews from './my-views.service.ts';
import { LISTENED_RATINGS } from './response-statuses.ts';

/**
 * Guessing limit per address: a code shows someone's redacted words, so 20 tries per 10 minutes.
 * Looking a code up and answering "listened" both take a code, so they share one count (groupId),
 * kept in PostgreSQL so it holds across instances (plugins/rate-limit-store.ts).
 */
export const RECEIPT_LIMIT = { max: 20, timeWindow: '10 minutes', hook: 'preHandler' as const, groupId: 'receipt-code' };

const limited = { config: { access: 'public' as const, rateLimit: RECEIPT_LIMIT } };
const publicRoute = { config: { access: 'public' as const } };

export default async function myViewsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const areaBase = (request: FastifyRequest) => `/a/${request.area!.slug}`;

  // Our own guessing limit (not the installation-wide one): say plainly what to do.
  app.setErrorHandler(async (error, request, reply) => {
    if ((error as { statusCode?: number }).statusCode === 429 && (request.routeOptions.config as { rateLimit?: unknown }).rateLimit) {
      return reply.page('feedback/views/my-views/too-many.njk', { title: request.t('feedback.myViews.tooMany.title') }, 429);
    }
    throw error;
  });

  const renderLookup = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('feedback/views/my-views/lookup.njk', { title: request.t('feedback.myViews.title'), values: {}, action: `${areaBase(request)}/my-views`, ...extra }, status);

  /** One message for a code that is wrong in any way: malformed, unknown, or from another area. */
  const unknownCode = (request: FastifyRequest, reply: FastifyReply, code: unknown) => {
    const failed = formError('code', request.t('surveys.respond.errors.receiptCodeNotFound'), { code: typeof code === 'string' ? code.slice(0, 60) : '' });
    return renderLookup(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values }, 422);
  };

  const renderResult = (request: FastifyRequest, reply: FastifyReply, found: myViews.ReceiptViews, code: string, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page(
      'feedback/views/my-views/result.njk',
      {
        title: request.t('feedback.myViews.resultTitle'),
        found,
        code,
        ratings: LISTENED_RATINGS,
        listenedAction: `${areaBase(request)}/my-views/listened`,
        values: { rating: found.response.listened ?? '' },
        youSaidWeDidLink: `${areaBase(request)}/you-said-we-did/easy-read`,
        ...extra,
      },
      status,
    );

  app.get('/a/:area/my-views', publicRoute, (request, reply) => renderLookup(request, reply));

  app.post('/a/:area/my-views', limited, async (request, reply) => {
    const form = parseForm(receiptForm, request.body, request.t);
    if (!form.ok) return renderLookup(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const found = await myViews.lookupMyViews(db, request.area!.id, form.data.code);
    if (!found) return unknownCode(request, reply, form.data.code);
    return renderResult(request, reply, found, form.data.code);
  });

  app.post('/a/:area/my-views/listened', limited, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const found = await myViews.lookupMyViews(db, request.area!.id, body.code);
    if (!found) return unknownCode(request, reply, body.code);
    const code = String(body.code);
    const form = parseForm(listenedForm, body, request.t);
    if (!form.ok) return renderResult(request, reply, found, code, { errors: form.errors, errorSummary: form.summary, values: { rating: '' } }, 422);
    await myViews.recordListened(db, request.area!.id, code, form.data.rating);
    return reply.redirect(`${areaBase(request)}/my-views/thank-you`, 303);
  });

  app.get('/a/:area/my-views/thank-you', publicRoute, (request, reply) =>
    reply.page('feedback/views/my-views/listened.njk', { title: request.t('feedback.myViews.listenedThanks.title'), youSaidWeDidLink: `${areaBase(request)}/you-said-we-did/easy-read` }),
  );

  app.get('/a/:area/what-changed', { config: { access: { action: 'account.view' } } }, async (request, reply) => {
    const result = await myViews.whatChanged(db, request.area!.id, request.actor!.accountId);
    return reply.page('feedback/views/my-views/what-changed.njk', {
      title: request.t('feedback.myViews.whatChanged.title'),
      result,
      takePartLink: `${areaBase(request)}/take-part`,
      youSaidWeDidLink: `${areaBase(request)}/you-said-we-did`,
    });
  });
}
