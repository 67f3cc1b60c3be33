/**
 * Surveys: the builder for leads (builder.routes.ts), the pages people answer (respond.routes.ts),
 * and results and exports (results.routes.ts).
 */
import type { FastifyInstance } from 'fastify';
import builderRoutes from './builder.routes.ts';
import respondRoutes from './respond.routes.ts';
import resultsRoutes from './results.routes.ts';

export default async function surveysRoutes(app: FastifyInstance): Promise<void> {
  await app.register(builderRoutes);
  await app.register(respondRoutes);
  await app.register(resultsRoutes);
}
