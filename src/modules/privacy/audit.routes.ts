/**
 * The area's audit log, for area admins.
 */
import type { FastifyInstance } from 'fastify';
import { listAudit } from './audit.service.ts';

export default async function auditRoutes(app: FastifyInstance) {
  app.get('/a/:area/manage/audit', { config: { access: { action: 'audit.view' } } }, async (request, reply) =>
    reply.page('privacy/views/audit.njk', { title: request.t('audit.title'), entries: await listAudit(app.db, request.area!.id), backLink: `/a/${request.area!.slug}/manage` }),
  );
}
