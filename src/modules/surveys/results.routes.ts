import type { FastifyInstance } from 'fastify';

export default async function routes(_app: FastifyInstance): Promise<void> {
  // Results and exports: filled in by issue 3 work.
}
