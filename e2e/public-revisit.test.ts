/**
 * Coming back to "you said, we did" in a real browser (issue 18): Chromium keeps the page, asks
 * with If-None-Match, gets 304, and shows its copy, whose scripts and styles must still run under
 * the page's Content Security Policy (the copy's nonces came with the first response). Checked by
 * the page's JavaScript having started and its brand colour applied, with no policy errors, on a
 * return visit and a reload, at 320 px and 1280 px.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { test } from 'node:test';
import { DEMO_SLUG, e2eFile, expectAccessible } from './support.ts';

const suite = e2eFile();
const A = `/a/${DEMO_SLUG}`;

for (const width of [320, 1280]) {
  test(`a return visit and a reload of the public pages at ${width} px: revalidated, 304, and the kept copy still works`, async () => {
    const page = await suite.pageAs(null, { viewport: { width, height: 800 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    // What the server saw and answered (the app runs in this process).
    const revalidated: string[] = [];
    const seen = (request: IncomingMessage, response: ServerResponse) =>
      response.on('finish', () => {
        if (request.headers['if-none-match'] && response.statusCode === 304) revalidated.push(String(request.url));
      });
    suite.e2e.app.server.on('request', seen);

    for (const path of [`${A}/you-said-we-did`, `${A}/you-said-we-did/easy-read`]) {
      const working = async (what: string) => {
        assert.equal(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported')), true, `${what}: the page's script ran`);
        assert.notEqual(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--chorus-brand').trim()), '', `${what}: the page's style applied`);
      };
      await page.goto(path);
      await working(`${path}, first visit`);
      await page.goto(A);
      await page.goto(path);
      await working(`${path}, return visit`);
      await page.reload();
      await working(`${path}, reload`);
      await expectAccessible(page, `${path} after a reload at ${width} px`);
    }
    suite.e2e.app.server.off('request', seen);
    assert.ok(revalidated.some((p) => p.endsWith('/you-said-we-did')) && revalidated.some((p) => p.endsWith('/easy-read')), `the browser asked whether its copies were still right and was answered 304 (${revalidated.join(', ')})`);
    assert.deepEqual(problems, [], 'no script, style or policy errors');
  });
}
