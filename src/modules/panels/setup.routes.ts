/** Panels (issue 16), part: setup. */
import type { FastifyInstance } from 'fastify';

export default async function setupRoutes(_app: FastifyInstance): Promise<void> {}
