/**
 * Evaluation (issue 13): representation. Registered by evaluation.routes.ts.
 */
import type { FastifyInstance } from 'fastify';

export default async function representationRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
