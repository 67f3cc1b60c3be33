/** Panels (issue 16), part: scoring. */
import type { FastifyInstance } from 'fastify';

export default async function scoringRoutes(_app: FastifyInstance): Promise<void> {}
