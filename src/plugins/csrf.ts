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
    // A second line behind the token (OWASP ASVS 50.x, "verify the origin"): a browser says where a
    // form was sent from; one sent from another site is refused before anything else. No Origin
    // (old browsers, tools) leaves the token to decide.
    const origin = request.headers.origin;
    if (typeof origin === 'string' && origin !== 'null' && !sameSite(origin, request.host, request.protocol, app.config.baseUrl)) {
      return reply.code(403).type('text/plain; charset=utf-8').send('This form was sent from another website, so it was not accepted.');
    }
    if (origin === 'null') return reply.code(403).type('text/plain; charset=utf-8').send('This form was sent from another website, so it was not accepted.');
    app.csrfProtection(request, reply, done);
  });
}

/** The Origin is this installation's public address, or the address this request came to. */
export function sameSite(origin: string, host: string, protocol: string, baseUrl: string): boolean {
  let seen: URL;
  try {
    seen = new URL(origin);
  } catch {
    return false;
  }
  if (seen.origin === new URL(baseUrl).origin) return true;
  return seen.host === host && seen.protocol === `${protocol}:`;
}

export default fp(csrf, { name: 'csrf', dependencies: ['session'] });
