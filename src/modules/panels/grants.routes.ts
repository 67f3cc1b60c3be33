/** Panels (issue 16), part: grants. */
import type { FastifyInstance } from 'fastify';

export default async function grantsRoutes(_app: FastifyInstance): Promise<void> {}
