/** Live sessions (issue 15): the moderation part's pages. Registered by live.routes.ts. */
import type { FastifyInstance } from 'fastify';

export default async function moderationRoutes(_app: FastifyInstance): Promise<void> {}
