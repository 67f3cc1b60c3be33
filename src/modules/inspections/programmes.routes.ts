/** Young inspectors (issue 16 §2), part: programmes. */
import type { FastifyInstance } from 'fastify';

export default async function programmesRoutes(_app: FastifyInstance): Promise<void> {}
