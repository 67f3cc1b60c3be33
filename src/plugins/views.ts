/**
 * Server-rendered pages: Nunjucks with govuk-frontend's macros. reply.page() adds what every page
 * needs (language, area, who is signed in, CSRF token, CSP nonce) so handlers pass only their own model.
 */
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { can, rolesIn, type Action } from '../lib/authorisation.ts';
import { reportFilters } from '../modules/reports/index.ts';

const require = createRequire(import.meta.url);
const src = path.resolve(import.meta.dirname, '..');
const govukDist = path.dirname(require.resolve('govuk-frontend/package.json')) + '/dist';

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, model?: Record<string, unknown>, status?: number): FastifyReply;
    /** A one-off success message shown on the next page (after a POST/redirect/GET). */
    flash(message: string): FastifyReply;
  }
}

const FLASH_COOKIE = 'chorus_flash';

/**
 * For the test command only: with CHORUS_TEMPLATE_LOG=<folder>, the path of every template file a
 * Nunjucks loader reads (a page and whatever it includes, imports or extends) is added to
 * <folder>/<pid>.log, once per process, so `npm test` can name any .njk no test ever rendered.
 * It is read here rather than from config because it must see every loader in the process, the
 * data-rights bundle's own environment too, however the app under test was configured.
 */
function recordTemplateLoads(folder: string): void {
  const log = path.join(folder, `${process.pid}.log`);
  const seen = new Set<string>();
  const loader = nunjucks.FileSystemLoader.prototype;
  const getSource = loader.getSource;
  loader.getSource = function recordedGetSource(this: nunjucks.FileSystemLoader, name: string) {
    const source = getSource.call(this, name);
    if (source && !seen.has(source.path)) {
      seen.add(source.path);
      appendFileSync(log, `${source.path}\n`);
    }
    return source;
  };
}

const templateLog = process.env.CHORUS_TEMPLATE_LOG;
if (templateLog) recordTemplateLoads(templateLog);

export function createEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(src, 'views'), path.join(src, 'modules'), govukDist], { noCache: options.watch ?? false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('date', (value: unknown, lang: string = 'en') => {
    if (value === null || value === undefined || value === '') return '';
    const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value as string);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(date);
  });
  env.addFilter('datetime', (value: unknown, lang: string = 'en') => {
    const date = new Date(value as string);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
      day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London',
    }).format(date);
  });
  // Splits text into paragraphs on blank lines (text is escaped by the template, not here).
  env.addFilter('paragraphs', (value: unknown) => String(value ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
  // A report's numbers, dates, charts and outline, written as every other format writes them (issue 14).
  for (const [name, filter] of Object.entries(reportFilters)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  return env;
}

async function views(app: FastifyInstance) {
  const env = createEnvironment({ watch: app.config.env === 'development' });
  const govukJs = app.assetUrl('govuk-frontend.min.js');
  const css = app.assetUrl('chorus.css');
  const icon = app.assetUrl('chorus-icon.svg');
  const symbolSearchJs = app.assetUrl('symbol-search.js');

  app.decorateReply('flash', function flash(this: FastifyReply, message: string) {
    return this.setCookie(FLASH_COOKIE, message.slice(0, 500), { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: this.request.protocol === 'https' });
  });

  app.decorateReply('page', function page(this: FastifyReply, template: string, model: Record<string, unknown> = {}, status = 200) {
    const request = this.request;
    const nonce = (this as unknown as { cspNonce?: { script: string; style: string } }).cspNonce;
    const actor = request.actor;
    const area = request.area;
    const [pathOnly, query = ''] = request.url.split('?');
    const params = new URLSearchParams(query);
    const languageHref = (lang: string) => {
      params.set('lang', lang);
      return `${pathOnly}?${params.toString()}`;
    };
    let flash: string | undefined;
    const flashCookie = request.cookies[FLASH_COOKIE];
    if (flashCookie) {
      const unsigned = request.unsignCookie(flashCookie);
      if (unsigned.valid && unsigned.value) flash = unsigned.value;
      this.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    const context = {
      flash,
      ...model,
      t: request.t,
      lang: request.lang,
      htmlLang: request.lang,
      machineWelsh: request.lang === 'cy',
      languages: [
        { code: 'en', label: 'English', href: languageHref('en'), current: request.lang === 'en' },
        { code: 'cy', label: 'Cymraeg', href: languageHref('cy'), current: request.lang === 'cy' },
      ],
      assets: { css, govukJs, icon, symbolSearchJs },
      cspNonce: nonce?.script,
      styleNonce: nonce?.style,
      csrfToken: this.generateCsrf({ userInfo: request.sessionIdHash ?? 'anonymous' }),
      area,
      areaRoles: rolesIn(actor, area?.id),
      demo: area ? area.isDemo : app.config.demo,
      actor: actor && { displayName: actor.displayName, isOperator: actor.isOperator },
      can: (action: Action) => can(actor, action, { areaId: area?.id }),
      currentPath: pathOnly,
    };
    const html = env.render(template, context);
    return this.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
  });
}

export default fp(views, { name: 'views', dependencies: ['assets', 'csrf'] });
