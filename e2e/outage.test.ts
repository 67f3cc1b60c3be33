/**
 * The 503 page in a browser (issue 10 §1; STYLE.md: every page template visited with axe): the app
 * on a database that refuses every connection, the page as it first appears and after a form was
 * sent with words in it, at 320 px and 1280 px, with no sideways scroll from a long word.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createDb } from '../src/db/db.ts';
import type { Db } from '../src/db/database.ts';
import { freePort } from '../src/testing/free-port.ts';
import { testApp } from '../src/testing/harness.ts';
import { expectAccessible, expectNoSidewaysScroll, openBrowser, pageHeading } from './support.ts';

let db: Db;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  db = createDb(`postgres://chorus_app:unused@127.0.0.1:${await freePort()}/chorus`);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  app = await testApp(db, { config: { baseUrl } });
  await app.listen({ port, host: '127.0.0.1' });
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
  await app.close();
  await db.destroy();
});

test('the 503 page, empty and with what was typed: accessible at both widths', async () => {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const first = await page.goto('/a/riverside');
  assert.equal(first?.status(), 503);
  assert.equal(await pageHeading(page), 'Sorry, the service is unavailable');
  await expectAccessible(page, '503');

  // A form on this very page's site, sent as a person would (same origin), with a long word in it.
  const words = `We need a quiet room. ${'https://example.org/'.padEnd(120, 'a')}\n\nAnd a swing.`;
  const [sent] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.evaluate((text) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/a/riverside/responses/7d0c4c8e-8a43-4c55-9a4e-3f0a4b0c2d11/anything-else';
      const field = document.createElement('textarea');
      field.name = 'anythingElse';
      field.value = text;
      form.append(field);
      document.body.append(form);
      form.submit();
    }, words),
  ]);
  assert.equal(sent.status(), 503);
  await page.waitForURL(/anything-else/);
  assert.equal(await page.getByRole('heading', { level: 2, name: 'What you typed' }).count(), 1);
  assert.equal(await page.getByText('We need a quiet room.', { exact: false }).count(), 1);
  await expectAccessible(page, '503 with what was typed');
  await expectNoSidewaysScroll(page, '503 with what was typed');
  await context.close();
});
