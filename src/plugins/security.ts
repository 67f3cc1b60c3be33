/**
 * Security headers (CSP with per-response nonces and no 'unsafe-inline', HSTS, frame-ancestors
 * 'none', …), a per-address request limit, and the store behind routes' own guessing limits.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { rateLimitStore } from './rate-limit-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** A limit counting only failures under a name, across instances (plugins/rate-limit-store.ts). */
    failureLimit: (name: string, windowMs: number) => { count: (key: string) => Promise<number>; fail: (key: string) => Promise<number> };
  }
}

export type SecurityOptions = {
  /**
   * Keys the hash stored for each rate-limited address (the installation's secret, the same for every
   * instance). Without it the stored keys are plain SHA-256 digests: still no address in clear, but
   * an IPv4 address can be found from one by trying them all.
   */
  rateLimitKeySecret?: string;
};

async function security(app: FastifyInstance, options: SecurityOptions = {}) {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        // No third-party requests at all (Children's Code): nothing outside 'self' is listed.
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  // Routes' own limits (guessing receipt and resume codes, hear-back) are counted in PostgreSQL so
  // they hold across instances; the installation-wide flood limit stays in each instance's memory
  // (decision 0015: a database round trip on every request, assets included, costs too much for it).
  const store = rateLimitStore(app.db, { keySecret: options.rateLimitKeySecret ?? '', globalInPostgres: false });
  await app.register(rateLimit, {
    global: true,
    max: app.config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Health checks come from the load balancer, not people. Stylesheets, scripts and symbols are
    // files held in memory or on disk, cached by browsers (assets for a year): a class of 30 or a
    // youth forum of 200 behind one school address loads them all at once on their first page
    // (issue 15 §1), and counting them would spend the room's pages on pictures.
    allowList: (request) => request.url.startsWith('/health/') || request.url.startsWith('/assets/') || request.url.startsWith('/symbols/'),
    store: store.Store,
  });
  // Limits that count only failures (wrong join codes for live sessions), in the same store.
  app.decorate('failureLimit', store.failureLimit);
  // A clean-up of old windows may still be running: let it finish before the pool closes.
  app.addHook('onClose', () => store.close());
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  });
}

export default fp(security, { name: 'security', dependencies: [] });
