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
  assert.match(response.body, /<title>Sorry, the service is unavailable/);
  assert.match(response.body, /<h1 class="govuk-heading-l">Sorry, the service is unavailable<\/h1>/);
  assert.match(response.body, /Nothing you have already saved has been lost/);
  assert.doesNotMatch(response.body, /What you typed|ECONNREFUSED|127\.0\.0\.1|at .*\.ts/);
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
  assert.match(body, /<h2 class="govuk-heading-m">What you typed<\/h2>/);
  assert.match(body, /Nothing you sent on this page was saved/);
  assert.match(body, /<h3 class="govuk-heading-s">Anything else<\/h3>/);
  assert.ok(body.includes('<p class="govuk-body govuk-!-text-break-word">I want &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; a quiet room &amp; a &quot;swing&quot;.</p>'), 'escaped, first paragraph');
  assert.ok(body.includes('<p class="govuk-body govuk-!-text-break-word">And friends.</p>'), 'second paragraph');
  assert.match(body, /<h3 class="govuk-heading-s">Adjustment details<\/h3>\s*<div class="govuk-inset-text">\s*<p class="govuk-body govuk-!-text-break-word">Large print please<\/p>/);
  assert.ok(!body.includes('<script>alert'), 'never markup');
  for (const secret of Object.values(SECRETS)) assert.ok(!body.includes(secret), `${secret} is not shown`);
  assert.doesNotMatch(body, /<h3 class="govuk-heading-s">(How|Pile|Answer)<\/h3>/, 'choices from a list are not "typed"');
});

test('a signed-in person\'s form: the session lookup fails before the body is read, and the words still come back', async () => {
  const response = await post('/a/riverside/activities/new', { title: 'Summer consultation with families', _csrf: 'x' }, { cookie: 'chorus_session=some-session-token' });
  assert.equal(response.statusCode, 503);
  assert.match(response.body, /<h3 class="govuk-heading-s">Title<\/h3>\s*<div class="govuk-inset-text">\s*<p class="govuk-body govuk-!-text-break-word">Summer consultation with families<\/p>/);
});

test('a form posted from another site gets the 503 without any of its words', async () => {
  const foreign: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
  for (const headers of foreign) {
    const response = await post(RESPONSE, { anythingElse: 'Words chosen by another site' }, headers);
    assert.equal(response.statusCode, 503);
    assert.doesNotMatch(response.body, /Words chosen by another site|What you typed/, JSON.stringify(headers));
  }
  const ours = await post(RESPONSE, { anythingElse: 'From our own page' }, { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' });
  assert.match(ours.body, /From our own page/);
});

test('in Welsh: the page is Welsh, the labels made from English field names say so', async () => {
  const response = await post(RESPONSE, { anythingElse: 'Hoffwn i ystafell dawel' }, { cookie: 'chorus_lang=cy' });
  assert.equal(response.statusCode, 503);
  assert.match(response.body, /<h1 class="govuk-heading-l">Mae&#39;n ddrwg gennym, nid yw&#39;r gwasanaeth ar gael<\/h1>/);
  assert.match(response.body, /<h2 class="govuk-heading-m">Yr hyn a deipiwyd gennych<\/h2>/);
  assert.match(response.body, /<h3 class="govuk-heading-s" lang="en">Anything else<\/h3>/);
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
