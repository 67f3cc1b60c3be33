/**
 * Evaluation (issue 13): ratings. Registered by evaluation.routes.ts.
 */
import type { FastifyInstance } from 'fastify';

export default async function ratingsRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
