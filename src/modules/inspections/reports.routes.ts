/** Young inspectors (issue 16 §2), part: reports. */
import type { FastifyInstance } from 'fastify';

export default async function reportsRoutes(_app: FastifyInstance): Promise<void> {}
