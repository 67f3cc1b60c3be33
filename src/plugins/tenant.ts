/**
 * Resolves the area (tenant) from /a/:area/… before anything else looks at the request.
 * An unknown slug is a 404, the same page as any missing page.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { NotFoundError } from '../lib/errors.ts';
import { findAreaBySlug } from '../modules/areas/areas.service.ts';

async function tenant(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const params = request.params as Record<string, unknown> | undefined;
    const slug = params?.area;
    if (typeof slug !== 'string') return;
    const area = /^[a-z0-9-]{1,60}$/.test(slug) ? await findAreaBySlug(app.db, slug) : undefined;
    if (!area) throw new NotFoundError('area');
    request.area = area;
  });
}

export default fp(tenant, { name: 'tenant', dependencies: ['session'] });
