/** Live sessions (issue 15): the sessions part's pages. Registered by live.routes.ts. */
import type { FastifyInstance } from 'fastify';

export default async function sessionsRoutes(_app: FastifyInstance): Promise<void> {}
