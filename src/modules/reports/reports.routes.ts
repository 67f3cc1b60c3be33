/**
 * The reports module (issue 14): one plugin per part, each in its own file. The sections a report
 * can hold come from the composition root (src/report-sections.ts), passed in by app.ts, so this
 * module never imports the modules that contribute them.
 */
import type { FastifyInstance } from 'fastify';
import type { ReportSectionDefinition } from './sections.ts';
import manageRoutes from './manage.routes.ts';
import publicRoutes from './public.routes.ts';
import formatsRoutes from './formats.routes.ts';

export type ReportsOptions = { sections: readonly ReportSectionDefinition[] };

export default async function reportsRoutes(app: FastifyInstance, options: ReportsOptions): Promise<void> {
  await app.register(manageRoutes, options);
  await app.register(publicRoutes, options);
  await app.register(formatsRoutes, options);
}
