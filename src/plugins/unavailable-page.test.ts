/**
 * The 503 page while the database is away (issue 10 §1): friendly, with a Retry-After, and when a
 * form was sent, what the person typed shown back to them, escaped, never secrets, never to a form
 * posted from another site. The app here has a database that refuses every connection.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createDb } from '../db/db.ts';
import type { Db } from '../db/database.ts';
import { readPage, type Page } from '../testing/dom.ts';
import { freePort } from '../testing/free-port.ts';
import { testApp } from '../testing/harness.ts';
import { typedFields } from './errors.ts';

let db: Db;
let app: FastifyInstance;
before(async () => {
  // Nothing listens on a port freePort() just gave back: every connection is refused.
  db = createDb(`postgres://chorus_app:unused@127.0.0.1:${await freePort()}/chorus`);
  app = await testApp(db);
});
after(async () => {
  await app.close();
  await db.destroy();
});

const RESPONSE = '/a/riverside/responses/7d0c4c8e-8a43-4c55-9a4e-3f0a4b0c2d11/anything-else';
const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return body.toString();
};
const post = (url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

/** The paragraphs shown back under one field's heading in "What you typed", each as a person reads it. */
function typed(page: Page, field: string): string[] {
  const heading = page.getByRole('heading', { level: 3, name: field });
  return [...heading.nextElementSibling!.querySelectorAll('p')].map((p) => p.textContent ?? '');
}

const SECRETS = {
  _csrf: 'csrf-value-must-not-show',
  idempotencyKey: 'Idem-Key-Value-Must-Not-Show-123',
  password: 'Password Must Not Show 1',
  newPassword: 'New Password Must Not Show 2',
  token: 'Token Must Not Show 3',
  code: 'ABC-DEF-GHI',
};

test('a page while the database is away: the friendly 503, with Retry-After, no details', async () => {
  const response = await app.inject('/a/riverside');
  assert.equal(response.statusCode, 503);
  assert.match(String(response.headers['content-type']), /^text\/html/);
  assert.equal(response.headers['retry-after'], '30');
  const page = readPage(response.body);
  assert.match(page.document.title, /^Sorry, the service is unavailable/);
  assert.equal(page.heading(), 'Sorry, the service is unavailable');
  assert.match(page.text(), /Nothing you have already saved has been lost/);
  assert.equal(page.queryByRole('heading', { name: 'What you typed' }), null, 'nothing was sent, so nothing is shown back');
  // Bytes, not the page: no detail of the failure reaches the browser at all.
  assert.doesNotMatch(response.body, /ECONNREFUSED|127\.0\.0\.1|at .*\.ts/);
});

test('a form sent while the database is away: the words come back, escaped, paragraphs kept, secrets and choices left out', async () => {
  const words = 'I want <script>alert("x")</script> a quiet room & a "swing".\n\nAnd friends.';
  const response = await post(RESPONSE, {
    ...SECRETS,
    anythingElse: words,
    how: 'own',
    [`pile-0b7e2c1a-9f1d-4a51-8c43-5b1e2f3a4d5c`]: 'like',
    answer: '0b7e2c1a-9f1d-4a51-8c43-5b1e2f3a4d5c',
    adjustmentDetails: ['Large print please', ''],
  });
  assert.equal(response.statusCode, 503);
  const body = response.body;
  const page = readPage(body);
  assert.ok(page.getByRole('heading', { level: 2, name: 'What you typed' }));
  assert.match(page.text(), /Nothing you sent on this page was saved/);
  assert.deepEqual(typed(page, 'Anything else'), ['I want <script>alert("x")</script> a quiet room & a "swing".', 'And friends.'], 'as typed, in its paragraphs');
  assert.deepEqual(typed(page, 'Adjustment details'), ['Large print please']);
  assert.deepEqual(page.getAllByRole('heading', { level: 3 }).map((h) => h.textContent), ['Anything else', 'Adjustment details'], 'choices from a list are not "typed"');
  // Bytes, not the page: the words arrive as text, never as markup, and secrets never arrive at all.
  assert.ok(!body.includes('<script>alert'), 'never markup');
  for (const secret of Object.values(SECRETS)) assert.ok(!body.includes(secret), `${secret} is not shown`);
});

test('a signed-in person\'s form: the session lookup fails before the body is read, and the words still come back', async () => {
  const response = await post('/a/riverside/activities/new', { title: 'Summer consultation with families', _csrf: 'x' }, { cookie: 'chorus_session=some-session-token' });
  assert.equal(response.statusCode, 503);
  assert.deepEqual(typed(readPage(response.body), 'Title'), ['Summer consultation with families']);
});

test('a form posted from another site gets the 503 without any of its words', async () => {
  const foreign: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
  for (const headers of foreign) {
    const response = await post(RESPONSE, { anythingElse: 'Words chosen by another site' }, headers);
    assert.equal(response.statusCode, 503);
    assert.equal(readPage(response.body).queryByRole('heading', { name: 'What you typed' }), null, JSON.stringify(headers));
    // Bytes, not the page: another site's words are never sent back to it in any form.
    assert.doesNotMatch(response.body, /Words chosen by another site/, JSON.stringify(headers));
  }
  const ours = await post(RESPONSE, { anythingElse: 'From our own page' }, { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' });
  assert.deepEqual(typed(readPage(ours.body), 'Anything else'), ['From our own page']);
});

test('in Welsh: the page is Welsh, the labels made from English field names say so', async () => {
  const response = await post(RESPONSE, { anythingElse: 'Hoffwn i ystafell dawel' }, { cookie: 'chorus_lang=cy' });
  assert.equal(response.statusCode, 503);
  const page = readPage(response.body);
  assert.equal(page.document.documentElement.getAttribute('lang'), 'cy');
  assert.equal(page.heading(), "Mae'n ddrwg gennym, nid yw'r gwasanaeth ar gael");
  assert.ok(page.getByRole('heading', { level: 2, name: 'Yr hyn a deipiwyd gennych' }));
  assert.equal(page.getByRole('heading', { level: 3, name: 'Anything else' }).getAttribute('lang'), 'en', 'an English label says it is English');
});

test('typedFields: text only, in order, at most 20', () => {
  assert.deepEqual(typedFields({ _csrf: 'a b', name: 'Sam Jones', choice: 'easy_read', count: '12', note: ['  two words  ', 3] }), [
    { label: 'Name', value: 'Sam Jones' },
    { label: 'Note', value: 'two words' },
  ]);
  assert.deepEqual(typedFields(undefined), []);
  assert.deepEqual(typedFields(['a b']), []);
  assert.equal(typedFields(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, `Words ${i}`]))).length, 20);
});
