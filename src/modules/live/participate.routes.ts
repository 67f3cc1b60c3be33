/** Live sessions (issue 15): the participate part's pages. Registered by live.routes.ts. */
import type { FastifyInstance } from 'fastify';

export default async function participateRoutes(_app: FastifyInstance): Promise<void> {}
