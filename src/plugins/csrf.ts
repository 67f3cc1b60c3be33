/**
 * CSRF token on every state-changing request. The token is bound to the session, so a token taken
 * before sign-in (or from another session) is refused after it.
 */
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function csrf(app: FastifyInstance, options: { hmacKey: string }) {
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'chorus_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto' },
    csrfOpts: { userInfo: true, hmacKey: options.hmacKey },
    getUserInfo: (request) => request.sessionIdHash ?? 'anonymous',
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      return typeof body?._csrf === 'string' ? body._csrf : undefined;
    },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    app.csrfProtection(request, reply, done);
  });
}

export default fp(csrf, { name: 'csrf', dependencies: ['session'] });
