/**
 * Enforces each route's declared access before its handler runs. A route with no declared access
 * refuses to register: nothing can be added unguarded by accident.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { can, isAreaAction } from '../lib/authorisation.ts';
import { ForbiddenError } from '../lib/errors.ts';
import type { Access } from './types.ts';

/** Every route and the access it declared, for the role × route × area test. */
export type RouteAccess = { method: string; url: string; access: Access };

async function auth(app: FastifyInstance, options: { routes?: RouteAccess[] }) {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.url.startsWith('/assets') || route.method === 'HEAD') return;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    if (typeof access === 'object' && isAreaAction(access.action) && !route.url.startsWith('/a/:area')) {
      throw new Error(`Route ${route.url} needs an area action but has no :area parameter`);
    }
    for (const method of [route.method].flat()) options.routes?.push({ method, url: route.url, access });
  });

  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    if (!request.actor) {
      // Sign in first, then come back here.
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/sign-in${next}`, 303);
    }
    if (!can(request.actor, access.action, { areaId: request.area?.id, anyOrganisation: true })) throw new ForbiddenError(access.action);
  });
}

export default fp(auth, { name: 'auth', dependencies: ['session', 'tenant'] });
