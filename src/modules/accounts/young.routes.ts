/** A young person's own way in (issue 17 §1): staff set up a young person (code and picture password), sign-in, My Chorus, parent carers and their children. */
import type { FastifyInstance } from 'fastify';

export default async function youngRoutes(_app: FastifyInstance): Promise<void> {}
