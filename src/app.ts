/**
 * Builds the Fastify app: plugins first (order matters: session → csrf → tenant → auth), then
 * modules. No listen() here: tests inject requests, server.ts listens.
 */
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Config } from './config/config.ts';
import { withoutControlCharacters } from './lib/control-characters.ts';
import type { Db } from './db/database.ts';
import accountsRoutes from './modules/accounts/accounts.routes.ts';
import activitiesRoutes from './modules/activities/activities.routes.ts';
import contributionsRoutes from './modules/contributions/contributions.routes.ts';
import surveysRoutes from './modules/surveys/surveys.routes.ts';
import membersRoutes from './modules/accounts/members.routes.ts';
import manageRoutes from './modules/areas/manage.routes.ts';
import areasRoutes from './modules/areas/areas.routes.ts';
import { areaNotifiers, outboxNotifier, type Notifier, type NotifierFor } from './modules/notifications/notifications.service.ts';
import notificationSettingsRoutes from './modules/notifications/settings.routes.ts';
import themesRoutes from './modules/themes/themes.routes.ts';
import feedbackResponsesRoutes from './modules/feedback/responses.routes.ts';
import feedbackPublicRoutes from './modules/feedback/public.routes.ts';
import myViewsRoutes from './modules/feedback/my-views.routes.ts';
import feedbackFiguresRoutes from './modules/feedback/figures.routes.ts';
import operatorRoutes from './modules/operator/operator.routes.ts';
import auditRoutes from './modules/privacy/audit.routes.ts';
import dataRightsRoutes from './modules/privacy/data-rights.routes.ts';
import retentionRoutes from './modules/privacy/retention.routes.ts';
import safeguardingRoutes from './modules/privacy/safeguarding.routes.ts';
import evaluationRoutes from './modules/evaluation/evaluation.routes.ts';
import reportsRoutes from './modules/reports/reports.routes.ts';
import liveRoutes from './modules/live/live.routes.ts';
import panelsRoutes from './modules/panels/panels.routes.ts';
import inspectionsRoutes from './modules/inspections/inspections.routes.ts';
import youngRoutes from './modules/accounts/young.routes.ts';
import recognitionRoutes from './modules/recognition/recognition.routes.ts';
import profilesRoutes from './modules/profiles/profiles.routes.ts';
import { LiveHub } from './modules/live/index.ts';
import { REPORT_SECTIONS } from './report-sections.ts';
import assets from './plugins/assets.ts';
import auth, { type RouteAccess } from './plugins/auth.ts';
import csrf from './plugins/csrf.ts';
import errors from './plugins/errors.ts';
import health from './plugins/health.ts';
import security from './plugins/security.ts';
import session from './plugins/session.ts';
import tenant from './plugins/tenant.ts';
import views from './plugins/views.ts';
import './plugins/types.ts';

export type AppOptions = {
  config: Config;
  db: Db;
  /** Signs cookies and CSRF tokens; the same for every instance of an installation. */
  secret: string;
  notifier?: Notifier;
  /** Per-area transports (Notify, SMTP or the outbox); tests pass their own. */
  notifierFor?: NotifierFor;
  /** Filled with every route and its declared access (for the role × route × area test). */
  routes?: RouteAccess[];
  /**
   * The database address the app's pool uses, for the live hub's own listening connection (LISTEN
   * cannot share a pool). Without it the hub polls for live events (test apps).
   */
  databaseUrl?: string;
};

/**
 * Removes control characters from every string of a form or query. Form bodies are flat (a field
 * is a string or a list of strings); anything nested deeper is not a form and is dropped, so no
 * body can make this recurse without end (a 50,000-deep JSON body once did: issue 10 §2).
 */
function withoutControls(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutControlCharacters(value);
  if (depth >= 3) return undefined;
  if (Array.isArray(value)) return value.map((v) => withoutControls(v, depth + 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutControls(v, depth + 1)]));
  return value;
}

/**
 * The security headers of a page that no hook sees (a URL too malformed to route): the same
 * policy as every other page (plugins/security.ts), stricter where a text page needs nothing.
 */
const BARE_PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // Request logs carry the route pattern, never the URL (links carry tokens) or bodies.
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            serializers: {
              req: (request) => ({ method: request.method, route: request.routeOptions?.url }),
              res: (reply) => ({ statusCode: reply.statusCode }),
            },
          },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A malformed URL (bad percent-encoding, for example) fails before any hook runs, so no page
    // can be rendered: plain words, no details.
    // It runs before any hook, so it sets the headers every other page gets from plugins/security.ts.
    frameworkErrors: (_error, _request, reply: FastifyReply) => {
      void reply.code(400).headers(BARE_PAGE_HEADERS).type('text/plain; charset=utf-8').send('Bad request: check the web address.');
    },
  });
  app.decorate('config', config);
  app.decorate('db', options.db);
  app.decorate('notifier', options.notifier ?? outboxNotifier(options.db));
  app.decorate('notifierFor', options.notifierFor ?? areaNotifiers(options.db, options.secret));
  app.decorate('draining', false);
  // Live sessions' events (issue 15 §3): one listening connection per instance; streams end before
  // the server closes (stream.routes.ts), then the listener.
  const liveHub = new LiveHub(options.db, { listenUrl: options.databaseUrl, log: app.log.child({ module: 'live' }) });
  app.decorate('liveHub', liveHub);
  app.addHook('onClose', () => liveHub.close());

  // Pages are compressed per response (small); assets are compressed once at start (plugins/assets.ts).
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  // Chorus' forms are HTML forms: the form encoding is the only body it reads. JSON, text and every
  // other type are refused with 415 before any route sees them (issue 10 §2).
  app.removeAllContentTypeParsers();
  await app.register(formbody);
  // PostgreSQL text cannot hold NUL: a pasted NUL would otherwise fail deep in a query as a 500.
  // No person means one (nor ESC, BS or BEL), so they are removed from every form field and query
  // value before any route.
  app.addHook('preValidation', async (request) => {
    request.body = withoutControls(request.body);
    request.query = withoutControls(request.query);
  });
  await app.register(security, { rateLimitKeySecret: options.secret });
  await app.register(session, { cookieSecret: options.secret });
  await app.register(csrf, { hmacKey: options.secret });
  await app.register(tenant);
  await app.register(auth, { routes: options.routes });
  await app.register(assets);
  await app.register(views);
  await app.register(errors);
  await app.register(health);

  await app.register(areasRoutes);
  await app.register(accountsRoutes);
  await app.register(manageRoutes);
  await app.register(membersRoutes);
  await app.register(auditRoutes);
  await app.register(operatorRoutes);
  await app.register(activitiesRoutes);
  await app.register(surveysRoutes);
  await app.register(contributionsRoutes);
  await app.register(themesRoutes);
  await app.register(feedbackResponsesRoutes);
  await app.register(feedbackPublicRoutes);
  await app.register(myViewsRoutes);
  await app.register(feedbackFiguresRoutes);
  await app.register(notificationSettingsRoutes);
  await app.register(safeguardingRoutes);
  await app.register(dataRightsRoutes);
  await app.register(retentionRoutes);
  await app.register(evaluationRoutes);
  await app.register(reportsRoutes, { sections: REPORT_SECTIONS });
  await app.register(liveRoutes);
  await app.register(panelsRoutes);
  await app.register(inspectionsRoutes);
  await app.register(youngRoutes);
  await app.register(recognitionRoutes);
  await app.register(profilesRoutes);
  return app;
}
