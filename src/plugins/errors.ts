/**
 * One place that turns errors into friendly pages: 404, 403, 409, 429, 503 and 500.
 * No stack traces or personal data reach the response; the log gets the error without request bodies.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const DATABASE_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003']);

function classify(error: FastifyError & { code?: string }): { status: number; key: string } {
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return { status: 403, key: 'csrf' };
  if (error.code && DATABASE_DOWN.has(error.code)) return { status: 503, key: 'unavailable' };
  if (/Connection terminated|timeout exceeded when trying to connect/i.test(error.message)) return { status: 503, key: 'unavailable' };
  const status = error.statusCode ?? 500;
  if (status === 404) return { status, key: 'notFound' };
  if (status === 403) return { status, key: 'forbidden' };
  if (status === 409) return { status, key: 'conflict' };
  if (status === 429) return { status, key: 'tooMany' };
  // Malformed requests (bad JSON, oversized bodies, bad content type) are the sender's problem.
  if (status >= 400 && status < 500) return { status, key: 'notFound' };
  return { status: 500, key: 'serverError' };
}

export function renderError(request: FastifyRequest, reply: FastifyReply, status: number, key: string) {
  if (reply.sent) return reply;
  try {
    return reply.page('errors/error.njk', { errorKey: key }, status);
  } catch {
    // Rendering itself failed (for example no area could be loaded): plain words, still no details.
    return reply.code(status).type('text/plain; charset=utf-8').send(request.t(`errors.${key}.title`));
  }
}

async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { headers?: Record<string, string> }, request, reply) => {
    const { status, key } = classify(error);
    if (status >= 500) request.log.error({ err: { type: error.name, message: error.message, code: error.code, stack: error.stack } }, 'request failed');
    if (status === 429 && error.headers) reply.headers(error.headers);
    return renderError(request, reply, status, key);
  });
  app.setNotFoundHandler({ preHandler: [] }, (request, reply) => renderError(request, reply, 404, 'notFound'));
}

export default fp(errors, { name: 'errors', dependencies: ['views'] });
