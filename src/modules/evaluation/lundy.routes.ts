/**
 * Evaluation (issue 13): lundy. Registered by evaluation.routes.ts.
 */
import type { FastifyInstance } from 'fastify';

export default async function lundyRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
