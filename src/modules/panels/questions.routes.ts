/** Panels (issue 16), part: questions. */
import type { FastifyInstance } from 'fastify';

export default async function questionsRoutes(_app: FastifyInstance): Promise<void> {}
