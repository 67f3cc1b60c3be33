/**
 * Browser test support: one fresh database with the demo area in it and the real app listening on
 * loopback per test file, and Chromium (Debian's, via playwright-core): the one the test command
 * started, shared by every file, or one of the file's own when run alone. Plus the few page helpers
 * every journey needs: sign in by label (as a person would), and axe with the WCAG 2.2 A/AA tags.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import type { Db } from '../src/db/database.ts';
import { DEMO_ACCOUNTS, DEMO_SLUG } from '../src/seed/seed.ts';
import { createSeededTestDb, DEMO_PASSWORD, testApp } from '../src/testing/harness.ts';
import { freePort } from '../src/testing/free-port.ts';
import { CHROMIUM_ARGS } from './chromium.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SLUG };

/** QUALITY.md: WCAG 2.2 AA on every page. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A small phone (WCAG 1.4.10 reflow is judged at 320 CSS px) and a desktop. */
export const WIDTHS = [320, 1280] as const;

export type E2e = {
  app: FastifyInstance;
  db: Db;
  browser: Browser;
  /** http://127.0.0.1:PORT, no trailing slash. */
  baseUrl: string;
  /** A new browser context (its own cookies) with baseURL set, so page.goto('/sign-in') works. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
};


/**
 * The browser for a test file. `npm test` starts one Chromium for the whole run and says where it is
 * listening (CHORUS_BROWSER_WS): a file connects to it in a few milliseconds, where launching its own
 * took 0.3 s on an idle machine and seconds on a busy one. Each file still has its own contexts (cookies, storage, viewport), and
 * close() on a connected browser closes those and disconnects, leaving the browser to the others.
 */
export async function openBrowser(): Promise<Browser> {
  const shared = process.env.CHORUS_BROWSER_WS;
  if (shared) return chromium.connect(shared);
  const path = process.env.CHORUS_CHROMIUM;
  if (!path) throw new Error('CHORUS_CHROMIUM is not set: run the browser tests with `npm test`, which finds Chromium');
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
}

/** Builds the app for this port and listens on it; another process may take the port first, so retry. */
async function listenOnFreePort(db: Db): Promise<{ app: FastifyInstance; baseUrl: string }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // testConfig() already lifts the per-address limit: every page load here comes from one address.
    const app = await testApp(db, { config: { baseUrl } });
    try {
      await app.listen({ port, host: '127.0.0.1' });
      return { app, baseUrl };
    } catch (error) {
      await app.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error;
    }
  }
}

/**
 * Starts everything a browser test file needs. The port is chosen before the app is built so that
 * links in emails (config.baseUrl) point at this very server.
 */
export async function startE2e(): Promise<E2e> {
  const testDb = await createSeededTestDb();
  let started: { app: FastifyInstance; baseUrl: string } | undefined;
  let browser: Browser | undefined;
  try {
    started = await listenOnFreePort(testDb.db);
    browser = await openBrowser();
  } catch (error) {
    await browser?.close().catch(() => {});
    await started?.app.close().catch(() => {});
    await testDb.drop().catch(() => {});
    throw error;
  }
  const { app, baseUrl } = started;
  const startedBrowser = browser;
  return {
    app,
    db: testDb.db,
    browser: startedBrowser,
    baseUrl,
    newContext: (options = {}) => startedBrowser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, ...options }),
    close: async () => {
      await startedBrowser.close().catch(() => {});
      await app.close();
      await testDb.drop();
    },
  };
}

/** Signs in through the sign-in form, finding the fields by their labels. Throws if it did not work. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  const signedIn = await page.getByText('Signed in as', { exact: false }).count();
  if (signedIn === 0) throw new Error(`sign-in as ${email} did not work: landed on ${page.url()}`);
}

export type Violation = { id: string; impact: string | null; help: string; targets: string[] };

type WindowWithAxe = Window & { axe?: typeof axe };

/**
 * Puts axe-core into every frame of the page that does not have it yet, configured as
 * @axe-core/playwright's legacy mode configures it. That package evaluates the 550 KB axe source
 * twice on every run (170 ms of the 260 ms a run took here); a page is now given it once, however
 * many times it is checked (at two widths, or again after it changed).
 */
async function injectAxe(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    if (await frame.evaluate(() => typeof (window as WindowWithAxe).axe?.run === 'function')) continue;
    await frame.evaluate(axe.source);
    await frame.evaluate(() => (window as WindowWithAxe).axe!.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } }));
  }
}

/**
 * Runs axe (WCAG 2.2 A/AA) on the page as it is now. Returns the violations in a shape that reads
 * well in an assertion message; an empty list is a pass.
 */
export async function checkA11y(page: Page, label: string): Promise<Array<Violation & { page: string }>> {
  await injectAxe(page);
  // axe.run inside the page itself (what @axe-core/playwright calls legacy mode), rather than a run
  // per frame merged in a blank page: about three times faster, and Chorus pages have no iframes.
  const violations = await page.evaluate(
    (tags) => (window as WindowWithAxe).axe!.run({ exclude: [], include: [] }, { resultTypes: ['violations'], runOnly: { type: 'tag', values: tags } }).then((results) => results.violations),
    WCAG_TAGS,
  );
  return violations.map((v) => ({
    page: label,
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** axe at every width in WIDTHS (the viewport is put back to 1280 px after). */
export async function checkA11yAtWidths(page: Page, label: string): Promise<Array<Violation & { page: string }>> {
  const found: Array<Violation & { page: string }> = [];
  const height = page.viewportSize()?.height ?? 900;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height });
    found.push(...(await checkA11y(page, `${label} @${width}px`)));
  }
  await page.setViewportSize({ width: 1280, height });
  return found;
}

/** One line per violation, for assertion messages. */
export function describeViolations(violations: Array<Violation & { page: string }>): string {
  return violations.map((v) => `  ${v.page}: [${v.impact}] ${v.id}: ${v.help}\n      ${v.targets.slice(0, 5).join('\n      ')}`).join('\n');
}

/** Structural checks every page must pass: one h1, one main, a title. Returns the problems found. */
export async function checkStructure(page: Page, label: string): Promise<string[]> {
  const { h1s, mains, title } = await page.evaluate(() => ({
    h1s: document.querySelectorAll('h1').length,
    mains: document.querySelectorAll('main').length,
    title: document.title.trim(),
  }));
  const problems: string[] = [];
  if (h1s !== 1) problems.push(`${label}: ${h1s} h1 elements (want exactly 1)`);
  if (mains !== 1) problems.push(`${label}: ${mains} <main> elements (want exactly 1)`);
  if (!title) problems.push(`${label}: empty <title>`);
  return problems;
}

/** One h1, one main and a title, and axe at 320 px and 1280 px with zero violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const structure = await checkStructure(page, label);
  assert.deepEqual(structure, [], structure.join('\n'));
  const violations = await checkA11yAtWidths(page, label);
  assert.equal(violations.length, 0, `axe violations:\n${describeViolations(violations)}`);
}

/** At 320 px the page never scrolls sideways, tables and charts included (WCAG 1.4.10 reflow). */
export async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const height = page.viewportSize()?.height ?? 900;
  await page.setViewportSize({ width: 320, height });
  const { scrollWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((el) => el.tagName.toLowerCase()),
  }));
  await page.setViewportSize({ width: 1280, height });
  assert.ok(scrollWidth <= 320, `${label}: ${scrollWidth} px wide at 320 px (too wide: ${[...new Set(wide)].join(', ')})`);
}

/** A page in a browser context of its own, signed in as this person. */
export async function signedInPage(e2e: E2e, email: string): Promise<Page> {
  const page = await (await e2e.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** The page's h1, spaces folded. */
export async function pageHeading(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * axe needs JavaScript, so a page seen with JavaScript off is checked through a copy: what the person
 * sees (typed values and ticks kept), re-served without scripts to `mirror`, a page where axe can run.
 */
export async function mirrorWithoutScripts(page: Page, mirror: Page): Promise<Page> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('input, textarea, select')) {
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) el.toggleAttribute('checked', el.checked);
      else if (el instanceof HTMLInputElement) el.setAttribute('value', el.value);
      else if (el instanceof HTMLTextAreaElement) el.textContent = el.value;
      else if (el instanceof HTMLSelectElement) for (const o of el.options) o.toggleAttribute('selected', o.selected);
    }
  });
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  // A request never carries the #fragment, so the route matches the address without it.
  const url = page.url().split('#')[0]!;
  await mirror.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  try {
    await mirror.goto(url);
  } finally {
    await mirror.unroute(url);
  }
  assert.equal(await pageHeading(mirror), await pageHeading(page), 'axe looks at the same page');
  return mirror;
}

/** The hrefs in the GOV.UK error summary, in order. */
export async function errorSummaryLinks(page: Page): Promise<string[]> {
  return page.locator('.govuk-error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

/** The demo account with this role (throws if the seed changed). */
export function demoAccount(role: (typeof DEMO_ACCOUNTS)[number]['role']): (typeof DEMO_ACCOUNTS)[number] {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account with role ${role}`);
  return account;
}

/** Presses a submit button and waits for the page the form posted to (works with JavaScript off). */
export async function submit(page: Page, button: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

export type E2eFile = {
  /** The app, database and browser of this file (started before its first test). */
  readonly e2e: E2e;
  /** A page in a browser context of its own, signed in as `email` (or not, with null); closed after the file. */
  pageAs(email: string | null, options?: BrowserContextOptions): Promise<Page>;
};

/**
 * One browser test file's setup, written once: the app and the browser start before the file's
 * first test, and every context it opened is closed after its last.
 */
export function e2eFile(): E2eFile {
  let started: E2e | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    started = await startE2e();
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await started?.close();
  });
  const suite: E2eFile = {
    get e2e(): E2e {
      if (!started) throw new Error('the browser tests of this file have not started');
      return started;
    },
    async pageAs(email, options = {}) {
      const context = await suite.e2e.newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      if (email) await signIn(page, email);
      return page;
    },
  };
  return suite;
}

/**
 * Presses Tab until the focused element matches `selector` (and, if given, shows `text`), as a
 * keyboard user gets there; fails after `maxTabs` presses.
 */
export async function tabTo(page: Page, selector: string, text = '', maxTabs = 80): Promise<void> {
  for (let n = 0; n < maxTabs; n += 1) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(
      ([sel, words]) => {
        const el = document.activeElement as HTMLElement | null;
        return Boolean(el?.matches(sel!) && (el.innerText ?? '').includes(words!));
      },
      [selector, text],
    );
    if (found) return;
  }
  assert.fail(`Tab never reached ${selector} ${text}`.trim());
}

/** Presses Enter on the focused control and waits for the page it leads to (its own load event). */
export async function pressEnter(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}
