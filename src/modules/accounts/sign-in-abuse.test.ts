/**
 * Sign-in cannot be turned against the people it protects (issue 10 §3): no open redirect after
 * sign-in, no inbox flooding with reset or sign-in links, no old reset link that still works after
 * the password changed, no form accepted from another website, no account links in the outbox.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { readPage } from '../../testing/dom.ts';
import { Client, DEMO_PASSWORD, seededApp, type TestDb } from '../../testing/harness.ts';
import { maskAccountLinks } from '../operator/operator.service.ts';
import { safeNext } from './accounts.forms.ts';
import { checkPassword, MAX_FAILURES } from './accounts.service.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
before(async () => ({ t, app, close } = await seededApp({ config: { baseUrl: 'http://chorus.test' } })));
after(() => close());

const outboxTo = (recipient: string) => t.owner.selectFrom('outbox_message').select(['body']).where('recipient', '=', recipient).orderBy('created_at').execute();
const linkIn = (body: string) => /http:\/\/chorus\.test(\/\S+)/.exec(body)?.[1];

test('after sign-in, only a path of this site: tabs, backslashes and encodings cannot lead elsewhere', async () => {
  for (const bad of ['/\t/evil.example', '/%09/evil.example', '//evil.example', '/\\evil.example', '/%5Cevil.example', '/%2F/evil.example', 'https://evil.example', '/\n/evil.example', '/%0d%0a/x', 'javascript:alert(1)']) {
    assert.equal(safeNext(bad), null, JSON.stringify(bad));
  }
  for (const good of ['/account', '/a/riverside/manage?x=1', '/a/riverside/activities/42']) assert.equal(safeNext(good), good);
  const client = new Client(app);
  const page = await client.get('/sign-in?next=/%09/evil.example');
  assert.doesNotMatch(readPage(page.body).hiddenValue('next') ?? '', /evil/, 'the bad next is not carried into the form');
  const signedIn = await client.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD, next: '/\t/evil.example' });
  assert.equal(signedIn.statusCode, 303);
  assert.equal(signedIn.headers.location, '/a/riverside/activities', 'where a lead lands when nothing else asked, not elsewhere');
});

test('reset and sign-in link emails: a few an hour per address, however often someone asks', async () => {
  await sql`delete from security_event`.execute(t.owner);
  const before = (await outboxTo('parent@riverside.example')).length;
  const client = new Client(app);
  for (let i = 0; i < 6; i += 1) {
    await client.get('/password-reset');
    const answer = await client.post('/password-reset', { email: 'parent@riverside.example' });
    assert.equal(answer.statusCode, 200, 'the same answer every time');
    assert.ok(readPage(answer.body).getByText(/^If parent@riverside\.example has a Chorus account, we have sent it a link/));
  }
  await client.get('/sign-in/email-link');
  await client.post('/sign-in/email-link', { email: 'parent@riverside.example' });
  const sent = (await outboxTo('parent@riverside.example')).length - before;
  assert.equal(sent, 3, `${sent} emails reached one inbox`);
});

test('changing the password through one reset link stops every older link', async () => {
  await sql`delete from security_event`.execute(t.owner);
  const client = new Client(app);
  for (let i = 0; i < 2; i += 1) {
    await client.get('/password-reset');
    await client.post('/password-reset', { email: 'decision-maker@riverside.example' });
  }
  const links = (await outboxTo('decision-maker@riverside.example')).map((m) => linkIn(m.body)!).filter(Boolean);
  const [older, newer] = links.slice(-2);
  assert.ok(older && newer && older !== newer);
  await client.get(newer!);
  const changed = await client.post(newer!, { password: 'Kestrel-orbit-Quartz-7914-lantern', confirmPassword: 'Kestrel-orbit-Quartz-7914-lantern' });
  assert.equal(changed.statusCode, 200);
  assert.equal((await client.get(older!)).statusCode, 410, 'the older link no longer works');
  await client.get('/password-reset');
  assert.equal((await client.post(older!, { password: 'Heron-cobalt-Vellum-2261-harbour', confirmPassword: 'Heron-cobalt-Vellum-2261-harbour' })).statusCode, 410);
  await new Client(app).signIn('decision-maker@riverside.example', 'Kestrel-orbit-Quartz-7914-lantern');
});

test('a form posted from another website is refused before anything else; our own origin is fine', async () => {
  const client = new Client(app);
  await client.get('/sign-in');
  const forged = await client.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD }, { headers: { origin: 'https://evil.example' } });
  assert.equal(forged.statusCode, 403);
  const opaque = await client.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD }, { headers: { origin: 'null' } });
  assert.equal(opaque.statusCode, 403);
  await client.get('/sign-in');
  const ours = await client.post('/sign-in', { email: 'admin@riverside.example', password: DEMO_PASSWORD }, { headers: { origin: 'http://chorus.test' } });
  assert.equal(ours.statusCode, 303);
});

test('the outbox never shows the operator a link into a real person\'s account', () => {
  const real = maskAccountLinks({ recipient: 'jo@council.gov.uk', body: 'Reset: http://chorus.test/password-reset/AbCdEfGhIjKlMnOpQrStUvWxYz012345 and http://chorus.test/sign-in/email-link/ZyXwVuTsRqPoNmLkJiHgFeDcBa987654' });
  assert.doesNotMatch(real.body, /AbCdEfGh|ZyXwVuTs/);
  assert.match(real.body, /password-reset\/\[hidden\]/);
  const demo = maskAccountLinks({ recipient: 'parent@riverside.example', body: 'http://chorus.test/password-reset/AbCdEfGhIjKlMnOpQrStUvWxYz012345' });
  assert.match(demo.body, /AbCdEfGh/, 'the demo\'s made-up accounts keep their links: showing them is what the demo is for');
});

test('failures for one account from everywhere slow the answer down, never lock it', async () => {
  await sql`delete from security_event`.execute(t.owner);
  for (let i = 0; i < MAX_FAILURES + 2; i += 1) {
    await t.owner.insertInto('security_event').values({ kind: 'sign_in_failed', email: 'admin@riverside.example', ip: `198.51.100.${i}` }).execute();
  }
  const waits: number[] = [];
  const account = await checkPassword(t.db, 'admin@riverside.example', DEMO_PASSWORD, '192.0.2.1', async (ms) => {
    waits.push(ms);
  });
  assert.ok(account, 'the right password from a new address gets in');
  assert.deepEqual(waits, [750], 'slowed by 250 ms for each failure past ten');
});
