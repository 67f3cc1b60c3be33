import type { FastifyInstance } from 'fastify';

export default async function routes(_app: FastifyInstance): Promise<void> {
  // Filled in by issue 3 work.
}
