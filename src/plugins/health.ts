/**
 * /health/live: the process answers. /health/ready: it can reach the database and is not shutting
 * down (on SIGTERM it turns 503 at once so the load balancer stops sending new requests).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';

async function health(app: FastifyInstance) {
  app.get('/health/live', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { config: { access: 'public' } }, async (_request, reply) => {
    if (app.draining) return reply.code(503).send({ status: 'draining' });
    try {
      await sql`select 1`.execute(app.db);
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });
}

export default fp(health, { name: 'health' });
