/**
 * Every page a person can reach by following links, for each demo role and for someone not signed
 * in: axe (WCAG 2.2 A/AA) at 320 px and 1280 px wide with zero violations, exactly one h1, one <main>
 * and a title. The crawl starts from the places people land and follows same-origin GET links, so a
 * new page is checked as soon as something links to it (STYLE.md: every page template is visited).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { createArea } from '../src/modules/areas/areas.service.ts';
import { checkA11yAtWidths, checkStructure, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SLUG, describeViolations, signIn, startE2e, WIDTHS, type E2e } from './support.ts';

const START = ['/', `/a/${DEMO_SLUG}`, '/account', `/a/${DEMO_SLUG}/manage`, '/operator'];
/** The Welsh versions checked (the language links on every page are otherwise not followed). */
const WELSH = [`/a/${DEMO_SLUG}?lang=cy`, '/sign-in?lang=cy', `/a/${DEMO_SLUG}/charter?lang=cy`];
/**
 * Pages are told apart by path (a query such as ?next= does not make a new page), except that a
 * Welsh page is its own page. Pages that differ only by a record's id (each member, each principle)
 * come from one template with the same kind of data: one of each is checked.
 */
const ID = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;
const pageKey = (path: string) => {
  const url = new URL(path, 'http://x');
  return url.pathname.replace(ID, '/:id') + (url.searchParams.get('lang') === 'cy' ? '?lang=cy' : '');
};
/** A runaway crawl (a link loop that makes new URLs) fails instead of running for ever. */
const MAX_PAGES = 160;

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

/** The page's same-origin GET links worth visiting, as path + query. */
async function linksOn(page: Page, origin: string): Promise<string[]> {
  // A link marked as a PDF or a download (a certificate, a record) is a file, not a page: each has its own tests.
  const hrefs = await page.locator('a[href]:not([type="application/pdf"]):not([download])').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  const found: string[] = [];
  for (const href of hrefs) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    if (url.origin !== origin) continue; // mailto:, other sites
    if (url.pathname.startsWith('/assets/') || /^\/symbols\/.+\.svg$/.test(url.pathname)) continue;
    if (/\.(ics|atom|json|csv|xlsx|zip|pdf|docx|svg)$/.test(url.pathname)) continue; // a calendar file, a feed or a download, not a page (each has its own tests)
    if (url.searchParams.has('lang')) continue; // the language switcher: Welsh pages are listed in WELSH
    found.push(url.pathname + url.search);
  }
  return found;
}

type CrawlResult = { visited: string[]; problems: string[]; violations: Awaited<ReturnType<typeof checkA11yAtWidths>> };

/** Crawls from `start`, following links whose path starts with `scope`, then checks the `welsh` pages. */
async function crawl(page: Page, start: string[] = START, welsh: string[] = WELSH, scope = '/'): Promise<CrawlResult> {
  const origin = e2e.baseUrl;
  const queue = [...start];
  const queued = new Set(queue.map(pageKey));
  const checked = new Set<string>();
  const visited: string[] = [];
  const problems: string[] = [];
  const violations: CrawlResult['violations'] = [];

  /** Visits a page and checks it, unless it redirected to a page already checked. */
  const check = async (path: string): Promise<boolean> => {
    const response = await page.goto(path);
    const status = response?.status() ?? 0;
    if (status >= 500 || status === 0) problems.push(`${path}: status ${status}`);
    const landed = new URL(page.url());
    const key = pageKey(landed.pathname + landed.search);
    if (checked.has(key)) return false;
    checked.add(key);
    visited.push(landed.pathname + landed.search);
    problems.push(...(await checkStructure(page, path)));
    violations.push(...(await checkA11yAtWidths(page, path)));
    return true;
  };

  while (queue.length > 0) {
    if (!(await check(queue.shift()!))) continue;
    for (const link of await linksOn(page, origin)) {
      if (!link.startsWith(scope) || queued.has(pageKey(link))) continue;
      queued.add(pageKey(link));
      queue.push(link);
    }
    if (queued.size > MAX_PAGES) {
      problems.push(`crawl found more than ${MAX_PAGES} pages: is something generating links?`);
      break;
    }
  }
  for (const path of welsh) {
    if (await check(path)) {
      const lang = await page.locator('html').getAttribute('lang');
      if (lang !== 'cy') problems.push(`${path}: <html lang="${lang}"> (want cy)`);
    }
    // ?lang= is remembered in a cookie: put English back so the next page is checked as asked.
    await page.context().clearCookies({ name: 'chorus_lang' });
  }
  return { visited, problems, violations };
}

const a = `/a/${DEMO_SLUG}`;
const roles: Array<{ name: string; email?: string; mustReach: string[] }> = [
  {
    name: 'anonymous',
    mustReach: ['/sign-in', '/sign-in/email-link', '/password-reset', `${a}/charter`, `${a}/charter/easy-read`, `${a}/forums`, '/accessibility', '/privacy', '/contact', `${a}/contact`, '/symbols/attribution',
      `${a}/you-said-we-did`, `${a}/you-said-we-did/easy-read`, `${a}/you-said-we-did/annual`, `${a}/you-said-we-did/annual/${new Date().getFullYear()}`, `${a}/activities/:id/you-said-we-did`, `${a}/my-views`],
  },
  ...DEMO_ACCOUNTS.map((account) => ({
    name: account.role,
    email: account.email,
    mustReach:
      account.role === 'area_admin'
        ? ['/account', `${a}/manage`, `${a}/manage/organisations`, `${a}/manage/members`, `${a}/manage/members/:id`, `${a}/manage/invitations`, `${a}/manage/charter`,
          `${a}/manage/charter/principles/new`, `${a}/manage/charter/principles/:id`, `${a}/manage/charter/signatures`, `${a}/manage/forums`, `${a}/manage/audit`,
          `${a}/manage/settings`, `${a}/manage/notifications`, `${a}/manage/feedback`, `${a}/manage/safeguarding`]
        : account.role === 'participation_lead'
          ? ['/account', `${a}/manage/themes`, `${a}/manage/themes/:id`, `${a}/manage/themes/unthemed`, `${a}/manage/themes/suggestions`, `${a}/manage/themes/:id/response`,
            `${a}/manage/themes/:id/response/history`, `${a}/manage/themes/:id/response/publish`, `${a}/manage/letters`, `${a}/manage/letters/print`, `${a}/manage/feedback`,
            `${a}/manage/notifications/deliveries`, `${a}/what-changed`]
        : account.role === 'safeguarding_lead'
          ? ['/account', `${a}/manage`, `${a}/safeguarding`, `${a}/safeguarding/concerns/:id`, `${a}/manage/safeguarding`]
        : account.role === 'operator'
          ? ['/account', '/operator', '/operator/outbox']
          : ['/account', `${a}/forums`],
  })),
];

// Two roles at a time: one browser, one app, two pages in flight (the machine has two cores).
describe('every reachable page', { concurrency: 2 }, () => {
  for (const role of roles) {
    test(`passes axe at ${WIDTHS.join(' and ')} px, with one h1, a main and a title: ${role.name}`, async (t) => {
      const context = await e2e.newContext();
      try {
        const page = await context.newPage();
        if (role.email) await signIn(page, role.email);
        const { visited, problems, violations } = await crawl(page);
        t.diagnostic(`${role.name}: ${visited.length} pages × ${WIDTHS.length} widths = ${visited.length * WIDTHS.length} axe checks`);
        const reached = new Set(visited.map(pageKey));
        const missing = [...role.mustReach, ...WELSH].filter((path) => !reached.has(pageKey(path)));
        assert.deepEqual(missing, [], `${role.name} should reach these pages by links; visited:\n  ${visited.join('\n  ')}`);
        assert.deepEqual(problems, [], `page problems for ${role.name}`);
        assert.equal(violations.length, 0, `axe violations for ${role.name}:\n${describeViolations(violations)}`);
      } finally {
        await context.close();
      }
    });
  }
});

test('pages that no link leads to pass too: not found, and expired or made-up email links', async (t) => {
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    const bogus = 'x'.repeat(43);
    const cases = [
      { path: '/no-such-page', status: 404 },
      { path: `${a}/no-such-page`, status: 404 },
      { path: '/a/no-such-area', status: 404 },
      { path: `/sign-in/email-link/${bogus}`, status: 410 },
      { path: `/password-reset/${bogus}`, status: 410 },
      { path: `${a}/invitations/${bogus}`, status: 410 },
    ];
    const problems: string[] = [];
    const violations: Awaited<ReturnType<typeof checkA11yAtWidths>> = [];
    for (const { path, status } of cases) {
      const response = await page.goto(path);
      if (response?.status() !== status) problems.push(`${path}: status ${response?.status()} (want ${status})`);
      problems.push(...(await checkStructure(page, path)));
      violations.push(...(await checkA11yAtWidths(page, path)));
    }
    t.diagnostic(`error pages: ${cases.length} pages × ${WIDTHS.length} widths = ${cases.length * WIDTHS.length} axe checks`);
    assert.deepEqual(problems, []);
    assert.equal(violations.length, 0, `axe violations:\n${describeViolations(violations)}`);
  } finally {
    await context.close();
  }
});

test('a new area with nothing in it yet: every page its admin can reach, in its empty state', async (t) => {
  // Not a demo area either, so the pages are checked without the demo banner too.
  const area = await createArea(e2e.db, { slug: 'north-vale', name: 'North Vale SEND Partnership', contactEmail: 'send@north-vale.example' });
  const adminId = await createAccount(e2e.db, { email: 'admin@north-vale.example', displayName: 'Rhys Evans', password: DEMO_PASSWORD });
  await addMember(e2e.db, area.id, adminId, 'area_admin', null);
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, 'admin@north-vale.example');
    const { visited, problems, violations } = await crawl(page, ['/a/north-vale', '/a/north-vale/manage'], ['/a/north-vale/forums?lang=cy'], '/a/north-vale');
    t.diagnostic(`empty area admin: ${visited.length} pages × ${WIDTHS.length} widths = ${visited.length * WIDTHS.length} axe checks`);
    const reached = new Set(visited.map(pageKey));
    const missing = ['/a/north-vale', '/a/north-vale/forums', '/a/north-vale/manage/organisations', '/a/north-vale/manage/forums', '/a/north-vale/manage/charter/signatures', '/a/north-vale/manage/audit', '/a/north-vale/manage/safeguarding']
      .filter((path) => !reached.has(path));
    assert.deepEqual(missing, [], `the admin should reach these pages by links; visited:\n  ${visited.join('\n  ')}`);
    assert.ok(await page.goto('/a/north-vale/manage/organisations') && (await page.getByText('No organisations yet.').isVisible()), 'the organisations page is in its empty state');
    assert.deepEqual(problems, []);
    assert.equal(violations.length, 0, `axe violations:\n${describeViolations(violations)}`);
  } finally {
    await context.close();
  }
});
