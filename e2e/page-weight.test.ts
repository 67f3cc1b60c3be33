/**
 * Page weight, cold (QUALITY.md: each participant page ≤ 150 KB transferred, ≤ 30 KB of JavaScript,
 * zero third-party hosts). Measured in Chromium from an empty cache: what a family on a phone
 * with a poor connection actually downloads.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Cookie, Request } from 'playwright-core';
import { listActivities } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { DEMO_SLUG, startE2e, type E2e } from './support.ts';

const KB = 1024;
const BUDGET = { total: 150 * KB, script: 30 * KB };

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

type Load = { url: string; type: string; bytes: number; encoding: string };

/** Loads a page in a fresh context (empty cache) and lists every request it made with its body size. */
async function coldLoad(path: string, cookies: Cookie[] = []): Promise<{ loads: Load[]; requested: string[]; resourceUrls: string[] }> {
  const context = await e2e.newContext({ viewport: { width: 320, height: 640 } });
  await context.addCookies(cookies);
  try {
    const page = await context.newPage();
    const requested: string[] = [];
    const finished: Request[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfinished', (r) => finished.push(r));
    page.on('requestfailed', (r) => finished.push(r));
    await page.goto(path, { waitUntil: 'networkidle' });
    const loads: Load[] = [];
    for (const request of finished) {
      const sizes = await request.sizes();
      const response = await request.response();
      // Body bytes as they came over the wire (compressed, if the server compressed them).
      loads.push({ url: request.url(), type: request.resourceType(), bytes: sizes.responseBodySize, encoding: (await response?.headerValue('content-encoding')) ?? 'identity' });
    }
    // Anything in the markup that would load from elsewhere, even if the CSP stopped the browser asking.
    const resourceUrls = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('script[src], link[href], img[src], iframe[src], source[src], video[src], audio[src]')].map(
        (el) => (el as HTMLImageElement).src || (el as HTMLLinkElement).href,
      ),
    );
    return { loads, requested, resourceUrls };
  } finally {
    await context.close();
  }
}

const format = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/**
 * The demo's children's survey: its start page, and its card-sort question (seven symbols plus the
 * three pile symbols for each), reached as a child would, then loaded again from an empty cache.
 */
async function childrenSurvey(): Promise<{ start: string; cardSort: string; cookies: Cookie[] }> {
  const area = (await findAreaBySlug(e2e.db, DEMO_SLUG))!;
  const survey = (await listActivities(e2e.db, area.id)).find((a) => a.childrenMode && a.type === 'survey' && a.status === 'open')!;
  const start = `/a/${DEMO_SLUG}/surveys/${survey.id}`;
  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await page.goto(start);
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: /start|begin/i }).click();
    await page.waitForURL(/\/questions\/1$/);
    const cardSort = page.url().replace(/1$/, '2');
    return { start, cardSort: new URL(cardSort).pathname, cookies: await context.cookies() };
  } finally {
    await context.close();
  }
}

async function checkWeight(t: { diagnostic: (message: string) => void }, path: string, cookies: Cookie[] = []) {
  const { loads, requested, resourceUrls } = await coldLoad(path, cookies);
  const total = loads.reduce((sum, l) => sum + l.bytes, 0);
  const script = loads.filter((l) => l.type === 'script').reduce((sum, l) => sum + l.bytes, 0);
  const breakdown = loads.map((l) => `${format(l.bytes).padStart(9)}  ${l.type.padEnd(10)} ${l.encoding.padEnd(8)} ${new URL(l.url).pathname}`).join('\n  ');
  t.diagnostic(`${path}: ${format(total)} in ${loads.length} requests, ${format(script)} JavaScript`);

  assert.ok(loads.length >= 3, `the page, its CSS and its JavaScript were measured (got ${loads.length})`);
  const elsewhere = [...requested, ...resourceUrls].filter((url) => !url.startsWith('data:') && new URL(url).hostname !== '127.0.0.1');
  assert.deepEqual(elsewhere, [], 'no request to (or resource from) another host');
  assert.ok(total <= BUDGET.total, `${format(total)} transferred is over ${format(BUDGET.total)}:\n  ${breakdown}`);
  assert.ok(script <= BUDGET.script, `${format(script)} of JavaScript is over ${format(BUDGET.script)}:\n  ${breakdown}`);
}

for (const path of [`/a/${DEMO_SLUG}`, `/a/${DEMO_SLUG}/take-part`, `/a/${DEMO_SLUG}/charter`, `/a/${DEMO_SLUG}/charter/easy-read`, `/a/${DEMO_SLUG}/forums`, '/sign-in']) {
  test(`page weight of ${path}: ≤ ${format(BUDGET.total)} cold, ≤ ${format(BUDGET.script)} of JavaScript, no other hosts`, (t) => checkWeight(t, path));
}

test('page weight of the children\'s survey: its start page and its card sort (the question with the most symbols)', async (t) => {
  const survey = await childrenSurvey();
  await checkWeight(t, survey.start);
  await checkWeight(t, survey.cardSort, survey.cookies);
});
