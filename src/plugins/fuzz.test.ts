/**
 * Malformed requests get a clear 4xx, never a 5xx (issue 10 §2): every POST route of the app (read
 * from the route table, like the role × route matrix) is sent JSON, deep nesting, objects and lists
 * where text is expected, other content types, oversized bodies and hostile strings, by someone who
 * holds every role, with a valid CSRF token so each reaches its handler.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { everyRoleClient, fillRoute, twoAreas, type TwoAreas } from '../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../testing/harness.ts';
import type { RouteAccess } from './auth.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
const routes: RouteAccess[] = [];
let everything: Client;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db, { routes });
  everything = await everyRoleClient(app, t.db, areas.riverside.id, 'fuzz-all-roles@riverside.example');
});
after(async () => {
  await app.close();
  await t.drop();
});

const posts = () => routes.filter((r) => r.method === 'POST').map((r) => fillRoute(r.url, 'riverside', areas.riverside, areas.riverside.memberIds.young_person));

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A page's form field names (for the same URL when it has a GET page), else common ones. */
async function fieldNames(url: string): Promise<string[]> {
  const page = await everything.get(url);
  const names = page.statusCode === 200 ? [...page.body.matchAll(/name="([^"]+)"/g)].map((m) => m[1]!).filter((n) => n !== '_csrf') : [];
  return [...new Set(names.length > 0 ? names : ['email', 'password', 'name', 'title', 'text', 'answer', 'reason', 'code', 'channel', 'decision'])];
}

test('other content types, JSON and deep nesting: 415 on every POST route, never a 5xx', async (ctx) => {
  const bad: string[] = [];
  let sent = 0;
  for (const url of posts()) {
    await everything.get('/account');
    const csrf = everything.csrf();
    const bodies: Array<{ type: string; payload: string }> = [
      { type: 'application/json', payload: nested(50_000) },
      { type: 'application/json', payload: JSON.stringify({ _csrf: csrf, email: { toString: 'x' }, answer: ['a', { b: 1 }] }) },
      { type: 'text/plain', payload: `_csrf=${csrf}&email=x` },
      { type: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nx\r\n--x--\r\n' },
      { type: 'application/xml', payload: '<a>x</a>' },
    ];
    for (const body of bodies) {
      const response = await app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.type, cookie: [...everything.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      sent += 1;
      // The forms that carry a file take multipart: without a valid CSRF field they are refused (403).
      // A young inspector's photo upload (issue 16) is the same.
      const takesFiles = (/\/manage\/(pictures|branding\/logo|evaluation\/population\/import)$/.test(url) || /\/inspections\/[^/]+\/visits\/[^/]+\/photos$/.test(url)) && body.type.startsWith('multipart/');
      // A young person's photo for "All about me" (issue 17) too.
      const profilePhoto = /\/young\/[^/]+\/profile\/photos$/.test(url) && body.type.startsWith('multipart/');
      // And a volunteer's photo (issue 17), uploaded by staff.
      const volunteerPhoto = /\/volunteers\/[^/]+\/photo$/.test(url) && body.type.startsWith('multipart/');
      if (takesFiles || profilePhoto || volunteerPhoto ? response.statusCode !== 403 : response.statusCode !== 415) bad.push(`${url} ${body.type}: ${response.statusCode}`);
    }
  }
  ctx.diagnostic(`${sent} requests to ${posts().length} POST routes`);
  assert.deepEqual(bad, []);
});

test('an oversized form body: 413 with a page that says what happened, on every POST route', async () => {
  const bad: string[] = [];
  const big = `_csrf=x&text=${'a'.repeat(300 * 1024)}`;
  for (const url of posts()) {
    const response = await app.inject({ method: 'POST', url, payload: big, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (response.statusCode !== 413) bad.push(`${url}: ${response.statusCode}`);
    else if (/Page not found/.test(response.body)) bad.push(`${url}: 413 titled "Page not found"`);
  }
  assert.deepEqual(bad, []);
});

test('lists where text is expected, hostile and control characters, in every field of every form: never a 5xx', async (ctx) => {
  const bad: string[] = [];
  let sent = 0;
  const hostile = ['<script>alert(1)</script>', '\u001b[31mred\u0008\u0007', '{"toString":"x"}', 'ﷺ'.repeat(50), '0'.repeat(400), '../../etc/passwd', "' OR 1=1 --"];
  for (const url of posts()) {
    if (url === '/sign-out') continue;
    const names = await fieldNames(url.replace(/\/(delete|undo|reopen|decision|actions|confirm|download|erase)$/, ''));
    for (const shape of ['list', 'hostile'] as const) {
      await everything.get('/account');
      const form: Record<string, string | string[]> = {};
      for (const [i, name] of names.entries()) form[name] = shape === 'list' ? ['a', 'b'] : hostile[i % hostile.length]!;
      const response = await everything.post(url, form, { csrf: everything.csrf() });
      sent += 1;
      if (response.statusCode >= 500) bad.push(`${url} (${shape}): ${response.statusCode}`);
    }
  }
  ctx.diagnostic(`${sent} form submissions`);
  assert.deepEqual(bad, []);
});

test('ESC, BS and BEL are stripped from titles as they are from answers; tabs and new lines are kept', async () => {
  await everything.get('/a/riverside/manage/themes/new');
  const made = await everything.post('/a/riverside/manage/themes/new', { title: 'Quiet\u001b[31m rooms\u0008\u0007', summary: 'Line one\nLine two\tand a tab' });
  assert.equal(made.statusCode, 303, made.body.slice(0, 200));
  const theme = await t.owner.selectFrom('theme').select(['title', 'summary']).where('title', 'like', 'Quiet%').executeTakeFirstOrThrow();
  assert.equal(theme.title, 'Quiet[31m rooms');
  assert.equal(theme.summary, 'Line one\nLine two\tand a tab');
});

test('a web address too malformed to route: a plain 400 that carries the same security headers as every page', async () => {
  const bad = await app.inject({ method: 'GET', url: '/a/%E0%A4%A' });
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  assert.equal(bad.statusCode, 400);
  for (const header of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'referrer-policy', 'x-frame-options']) {
    assert.ok(page.headers[header], `an ordinary page has ${header}`);
    assert.ok(bad.headers[header], `the 400 page has ${header}`);
  }
  assert.match(String(bad.headers['content-security-policy']), /frame-ancestors 'none'/);
});
