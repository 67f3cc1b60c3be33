/**
 * The inspections module (issue 16 §2): young inspectors. One plugin per part.
 * - programmes.routes.ts: programmes, criteria co-designed by the young inspectors, providers.
 * - visits.routes.ts: planning visits (the visit's own activity: planning checks), the inspector's
 *   page on a phone (ratings and notes saved as they go), photos of the place.
 * - reports.routes.ts: the report (standard and easy read), the provider's link and response,
 *   re-inspection, the public ratings page, findings as contributions.
 */
import type { FastifyInstance } from 'fastify';
import programmesRoutes from './programmes.routes.ts';
import visitsRoutes from './visits.routes.ts';
import reportsRoutes from './reports.routes.ts';

export default async function inspectionsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(programmesRoutes);
  await app.register(visitsRoutes);
  await app.register(reportsRoutes);
}
