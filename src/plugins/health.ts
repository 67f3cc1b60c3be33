/**
 * /health/live: the process answers. /health/ready: it can reach the database and is not shutting
 * down (on SIGTERM it turns 503 at once so the load balancer stops sending new requests).
 * While the database is away, ready answers 503 at once or within READY_TIMEOUT_MS, never hangs,
 * and turns 200 again by itself when the database is back (issue 10 §1).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';

/** A database that does not answer `select 1` this fast is not ready for people either. */
const READY_TIMEOUT_MS = 3000;

async function health(app: FastifyInstance) {
  app.get('/health/live', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { config: { access: 'public' } }, async (_request, reply) => {
    if (app.draining) return reply.code(503).send({ status: 'draining' });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(app.db),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('no answer in time')), READY_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ok' };
    } catch {
      return reply.code(503).header('Retry-After', '30').send({ status: 'database unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
}

export default fp(health, { name: 'health' });
