/**
 * Evaluation (issue 13): charter-assessment. Registered by evaluation.routes.ts.
 */
import type { FastifyInstance } from 'fastify';

export default async function charterAssessmentRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
