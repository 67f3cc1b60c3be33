/**
 * Evaluation (issue 13): ladders. Registered by evaluation.routes.ts.
 */
import type { FastifyInstance } from 'fastify';

export default async function laddersRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
