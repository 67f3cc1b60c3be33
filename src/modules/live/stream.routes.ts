/** Live sessions (issue 15): the stream part's pages. Registered by live.routes.ts. */
import type { FastifyInstance } from 'fastify';

export default async function streamRoutes(_app: FastifyInstance): Promise<void> {}
