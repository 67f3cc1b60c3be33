/** Profiles (issue 17 §3), part: volunteers and support workers, what matters to a young person, suggestions, introductions and how they went. */
import type { FastifyInstance } from 'fastify';

export default async function volunteersRoutes(_app: FastifyInstance): Promise<void> {}
