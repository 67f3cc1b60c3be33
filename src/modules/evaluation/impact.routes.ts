/**
 * Evaluation (issue 13): impact. Registered by evaluation.routes.ts.
 */
import type { FastifyInstance } from 'fastify';

export default async function impactRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
