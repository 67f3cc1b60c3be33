/** Live sessions (issue 15): the board part's pages. Registered by live.routes.ts. */
import type { FastifyInstance } from 'fastify';

export default async function boardRoutes(_app: FastifyInstance): Promise<void> {}
