/** Panels (issue 16), part: members. */
import type { FastifyInstance } from 'fastify';

export default async function membersRoutes(_app: FastifyInstance): Promise<void> {}
