/** Young inspectors (issue 16 §2), part: visits. */
import type { FastifyInstance } from 'fastify';

export default async function visitsRoutes(_app: FastifyInstance): Promise<void> {}
