/**
 * The evaluation module (issue 13): was it real co-production, what did it change, and who was
 * missing? One plugin per part, each in its own file; this one registers them and serves the hub
 * page that links them.
 */
import type { FastifyInstance } from 'fastify';
import laddersRoutes from './ladders.routes.ts';
import ratingsRoutes from './ratings.routes.ts';
import lundyRoutes from './lundy.routes.ts';
import charterAssessmentRoutes from './charter-assessment.routes.ts';
import impactRoutes from './impact.routes.ts';
import representationRoutes from './representation.routes.ts';

export default async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  await app.register(laddersRoutes);
  await app.register(ratingsRoutes);
  await app.register(lundyRoutes);
  await app.register(charterAssessmentRoutes);
  await app.register(impactRoutes);
  await app.register(representationRoutes);
}
