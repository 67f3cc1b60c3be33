/**
 * Server-rendered pages: Nunjucks with govuk-frontend's macros. reply.page() adds what every page
 * needs (language, area, who is signed in, CSRF token, CSP nonce) so handlers pass only their own model.
 */
import { createHash, randomBytes } from 'node:crypto';
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
    /**
     * A frozen public page (its route has config `frozen`): `version` changes whenever anything the
     * page shows may have changed; an anonymous visitor is sent the page rendered for that version
     * before, if there is one, with its ETag (304 when their copy matches). Anyone else: page().
     */
    frozenPage(version: string, build: () => Promise<{ template: string; model: Record<string, unknown> }>): Promise<FastifyReply>;
    /** A one-off success message shown on the next page (after a POST/redirect/GET). */
    flash(message: string): FastifyReply;
  }
}

const FLASH_COOKIE = 'chorus_flash';

/**
 * Stand-ins for the CSP nonces while a shared page is rendered and hashed: random for each process,
 * so no published text can contain one and have a nonce put in its place.
 */
const SCRIPT_NONCE_STAND_IN = `script-nonce-${randomBytes(12).toString('hex')}`;
const STYLE_NONCE_STAND_IN = `style-nonce-${randomBytes(12).toString('hex')}`;
const withNonces = (html: string, nonce: { script: string; style: string }) => html.replaceAll(SCRIPT_NONCE_STAND_IN, nonce.script).replaceAll(STYLE_NONCE_STAND_IN, nonce.style);

/** If-None-Match holds this ETag (or *), weak comparison as RFC 9110 §13.1.2 says for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/** A shared page's HTML (with nonce stand-ins) and its ETag. */
type SharedPage = { html: string; etag: string };

/**
 * Frozen public pages already rendered, by what they were made from (reply.frozenPage), in this
 * instance's memory (one store per app): the most recently used, up to 300 pages and 16 MB of text. A key names the
 * content's version, read from the database on every request, so an instance never serves a page
 * that another instance's publishing has changed.
 */
const SHARED_PAGES_KEPT = 300;
const SHARED_BYTES_KEPT = 16 * 1024 * 1024;
/** A page's size in memory: V8 keeps a string with any character beyond Latin-1 at 2 bytes each. */
const bytesOf = (page: SharedPage) => page.html.length * 2;
function sharedPageStore() {
  const sharedPages = new Map<string, SharedPage>();
  let sharedBytes = 0;
  const get = (key: string) => sharedPages.get(key);
  const keep = (key: string, page: SharedPage): void => {
    const before = sharedPages.get(key);
    if (before) {
      sharedPages.delete(key);
      sharedBytes -= bytesOf(before);
    }
    sharedPages.set(key, page);
    sharedBytes += bytesOf(page);
    while (sharedPages.size > SHARED_PAGES_KEPT || (sharedBytes > SHARED_BYTES_KEPT && sharedPages.size > 1)) {
      const oldest = sharedPages.keys().next().value!;
      sharedBytes -= bytesOf(sharedPages.get(oldest)!);
      sharedPages.delete(oldest);
    }
  };
  return { get, keep };
}

/** Text made the first time a template prints it, and only then (the CSRF token of a page with a form). */
class LazyText {
  #make: () => string;
  #value: string | undefined;
  constructor(make: () => string) {
    this.#make = make;
  }
  get made(): boolean {
    return this.#value !== undefined;
  }
  toString(): string {
    this.#value ??= this.#make();
    return this.#value;
  }
}

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

/**
 * Date formatters, made once per language: making an Intl.DateTimeFormat costs far more than using
 * one, and a "you said, we did" page formats a date for every answer (a fifth of its time, issue 18).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'date' | 'datetime', lang: string): Intl.DateTimeFormat {
  const locale = lang === 'cy' ? 'cy-GB' : 'en-GB';
  const key = `${kind} ${locale}`;
  let made = formatters.get(key);
  if (!made) {
    made =
      kind === 'date'
        ? new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
        : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
    formatters.set(key, made);
  }
  return made;
}
const dateFormat = (lang: string) => formatter('date', lang);
const dateTimeFormat = (lang: string) => formatter('datetime', lang);

export function createEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([path.join(src, 'views'), path.join(src, 'modules'), govukDist], { noCache: options.watch ?? false });
  // A relative include ('./card.njk') is resolved on every render; the answer never changes.
  const resolved = new Map<string, string>();
  const resolve = loader.resolve.bind(loader);
  loader.resolve = (from: string, to: string) => {
    const key = `${from}\n${to}`;
    let full = resolved.get(key);
    if (full === undefined) {
      full = resolve(from, to);
      resolved.set(key, full);
    }
    return full;
  };
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  // Nunjucks' own trim runs a regular expression over every macro's output (govuk-frontend trims
  // each one); String.prototype.trim removes the same white space, faster.
  env.addFilter('trim', (value: unknown) => {
    const trimmed = String(value ?? '').trim();
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addFilter('date', (value: unknown, lang: string = 'en') => {
    if (value === null || value === undefined || value === '') return '';
    const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value as string);
    if (Number.isNaN(date.getTime())) return '';
    return dateFormat(lang).format(date);
  });
  env.addFilter('datetime', (value: unknown, lang: string = 'en') => {
    const date = new Date(value as string);
    if (Number.isNaN(date.getTime())) return '';
    return dateTimeFormat(lang).format(date);
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

  const keptPages = sharedPageStore();
  type Nonce = { script: string; style: string };
  const nonceOf = (reply: FastifyReply) => (reply as unknown as { cspNonce?: Nonce }).cspNonce;

  /** The page's HTML, and whether it printed a form token (then it is this visitor's alone). */
  const render = (reply: FastifyReply, template: string, model: Record<string, unknown>, nonce: Nonce | undefined) => {
    const request = reply.request;
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
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    // Made only if the page has a form that uses it: a page with no form sets no cookie.
    const csrfToken = new LazyText(() => reply.generateCsrf({ userInfo: request.sessionIdHash ?? 'anonymous' }));
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
      csrfToken,
      area,
      areaRoles: rolesIn(actor, area?.id),
      demo: area ? area.isDemo : app.config.demo,
      actor: actor && { displayName: actor.displayName, isOperator: actor.isOperator },
      can: (action: Action) => can(actor, action, { areaId: area?.id }),
      currentPath: pathOnly,
    };
    return { html: env.render(template, context), personal: csrfToken.made };
  };

  /**
   * A frozen public page (route config `frozen`) for a visitor nobody knows (no session, no message
   * waiting for them) is the same bytes for everyone but its CSP nonces. Rendered with stand-ins for
   * the nonces, it is hashed for an ETag; a browser that has those bytes already gets 304 and no body.
   */
  const shareable = (reply: FastifyReply) => {
    const request = reply.request;
    return request.routeOptions.config.frozen === true && !request.actor && !request.cookies[FLASH_COOKIE] && Boolean(nonceOf(reply));
  };
  const STAND_INS: Nonce = { script: SCRIPT_NONCE_STAND_IN, style: STYLE_NONCE_STAND_IN };
  const sendShared = (reply: FastifyReply, shared: SharedPage) => {
    // private: a browser keeps it and asks each time; a school's proxy or a CDN does not keep it
    // (it would hand every visitor the same nonces).
    reply.header('ETag', shared.etag).header('Cache-Control', 'private, no-cache').header('Vary', 'Cookie');
    if (matches(reply.request.headers['if-none-match'], shared.etag)) {
      // The browser shows the copy it has, whose inline script and style carry the nonces of the
      // response it came in. A 304's headers replace the stored ones, so a new policy here (new
      // nonces) would block that copy's scripts; without one, the stored policy still fits it.
      reply.removeHeader('content-security-policy');
      return reply.code(304).send();
    }
    return reply.code(200).type('text/html; charset=utf-8').send(withNonces(shared.html, nonceOf(reply)!));
  };
  /** Renders a shareable page once with stand-in nonces: shared, or undefined if it turned out personal (a form). */
  const renderShared = (reply: FastifyReply, template: string, model: Record<string, unknown>): { shared?: SharedPage; html: string } => {
    const { html, personal } = render(reply, template, model, STAND_INS);
    if (personal) return { html: withNonces(html, nonceOf(reply)!) };
    // Hashed with the stand-ins taken out, so every instance and every restart gives the same ETag.
    const comparable = html.replaceAll(SCRIPT_NONCE_STAND_IN, 'nonce').replaceAll(STYLE_NONCE_STAND_IN, 'nonce');
    return { html, shared: { html, etag: `W/"${createHash('sha256').update(comparable).digest('base64url').slice(0, 27)}"` } };
  };
  const sendPersonal = (reply: FastifyReply, html: string, status: number) =>
    reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);

  app.decorateReply('page', function page(this: FastifyReply, template: string, model: Record<string, unknown> = {}, status = 200) {
    if (status !== 200 || !shareable(this)) return sendPersonal(this, render(this, template, model, nonceOf(this)).html, status);
    const { shared, html } = renderShared(this, template, model);
    return shared ? sendShared(this, shared) : sendPersonal(this, html, status);
  });

  app.decorateReply('frozenPage', async function frozenPage(this: FastifyReply, version: string, build: () => Promise<{ template: string; model: Record<string, unknown> }>) {
    if (!shareable(this)) {
      const { template, model } = await build();
      return this.page(template, model);
    }
    const request = this.request;
    const key = `${version}\n${request.lang}\n${request.url}`;
    const known = keptPages.get(key);
    if (known) {
      keptPages.keep(key, known);
      return sendShared(this, known);
    }
    const { template, model } = await build();
    const rendered = renderShared(this, template, model);
    if (!rendered.shared) return sendPersonal(this, rendered.html, 200);
    keptPages.keep(key, rendered.shared);
    return sendShared(this, rendered.shared);
  });
}

export default fp(views, { name: 'views', dependencies: ['assets', 'csrf'] });
