/**
 * Sessions stored in PostgreSQL. The cookie holds a random token; the table holds its SHA-256.
 * httpOnly, SameSite=Lax, Secure whenever the request came over TLS; idle and absolute timeouts;
 * a new id at every sign-in; sign-out deletes the row so the old cookie is worthless.
 * Also picks the language: ?lang= (remembered in a cookie), then the cookie, then English.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashToken } from '../lib/tokens.ts';
import { isLanguage, translator } from '../lib/messages/messages.ts';
import { actorForSession, endSession, startSession } from '../modules/accounts/accounts.service.ts';

export const SESSION_COOKIE = 'chorus_session';
export const LANGUAGE_COOKIE = 'chorus_lang';

declare module 'fastify' {
  interface FastifyReply {
    signIn(accountId: string): Promise<void>;
    signOut(): Promise<void>;
  }
}

function cookieOptions(request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' };
}

async function session(app: FastifyInstance, options: { cookieSecret: string }) {
  await app.register(cookie, { secret: options.cookieSecret });
  app.decorateRequest('sessionIdHash', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('area', null);
  app.decorateRequest('lang', 'en');
  app.decorateRequest('t', translator('en'));

  app.addHook('onRequest', async (request, reply) => {
    const query = request.query as Record<string, unknown> | undefined;
    const asked = query?.lang;
    if (isLanguage(asked)) {
      request.lang = asked;
      reply.setCookie(LANGUAGE_COOKIE, asked, { ...cookieOptions(request), maxAge: 365 * 24 * 3600 });
    } else if (isLanguage(request.cookies[LANGUAGE_COOKIE])) {
      request.lang = request.cookies[LANGUAGE_COOKIE] as 'en' | 'cy';
    }
    request.t = translator(request.lang);

    if (request.url.startsWith('/assets/') || request.url.startsWith('/health/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return;
    const idHash = hashToken(token);
    const actor = await actorForSession(app.db, idHash, app.config.sessionIdleMinutes, app.config.sessionAbsoluteHours);
    if (actor) {
      request.sessionIdHash = idHash;
      request.actor = actor;
    } else {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });

  app.decorateReply('signIn', async function signIn(this: FastifyReply, accountId: string) {
    const request = this.request;
    const token = await startSession(app.db, accountId, request.ip, request.headers['user-agent'] ?? null, request.sessionIdHash);
    request.sessionIdHash = hashToken(token);
    this.setCookie(SESSION_COOKIE, token, cookieOptions(request));
  });

  app.decorateReply('signOut', async function signOut(this: FastifyReply) {
    const request = this.request;
    if (request.sessionIdHash) await endSession(app.db, request.sessionIdHash, request.actor?.accountId ?? null, request.ip);
    request.sessionIdHash = null;
    request.actor = null;
    this.clearCookie(SESSION_COOKIE, { path: '/' });
  });
}

export default fp(session, { name: 'session' });
