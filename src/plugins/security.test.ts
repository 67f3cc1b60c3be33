/**
 * What an attacker would probe first: headers, CSRF, guessing passwords, stolen or stale sessions.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { Client, DEMO_PASSWORD, errorSummary, seededApp, testApp, type TestDb } from '../testing/harness.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
before(async () => ({ t, app, close } = await seededApp()));
after(() => close());

test('pages carry a nonce-based CSP without unsafe-inline, and the other security headers', async () => {
  const response = await new Client(app).get('/a/riverside');
  assert.equal(response.statusCode, 200);
  const csp = String(response.headers['content-security-policy']);
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  assert.ok(response.body.includes(`nonce="${nonce}"`), 'the inline scripts carry the nonce of this response');
  assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.headers['referrer-policy'], 'same-origin');
  // Nonces are per response: a nonce seen once is no use to an injected script later.
  const second = await new Client(app).get('/a/riverside');
  assert.notEqual(/'nonce-([^']+)'/.exec(String(second.headers['content-security-policy']))![1], nonce);
});

test('no page asks the browser to fetch from another site', async () => {
  const html = (await new Client(app).get('/a/riverside/charter/easy-read')).body;
  const external = [...html.matchAll(/(?:src|href)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]).filter((u) => !u!.startsWith('https://openmoji.org') && !u!.startsWith('https://creativecommons.org'));
  assert.deepEqual(external, []);
});

test('a POST without a CSRF token, or with a token from another session, is refused', async () => {
  const attacker = new Client(app);
  await attacker.get('/sign-in');
  const stolenToken = attacker.csrf();

  const victim = new Client(app);
  await victim.signIn('admin@riverside.example');
  const noToken = await victim.post('/a/riverside/manage/organisations', { name: 'Planted org', kind: 'charity' }, { csrf: false });
  assert.equal(noToken.statusCode, 403);
  const foreignToken = await victim.post('/a/riverside/manage/organisations', { name: 'Planted org', kind: 'charity' }, { csrf: stolenToken });
  assert.equal(foreignToken.statusCode, 403);
  assert.match(foreignToken.body, /This form has expired/);
  const organisations = await t.owner.selectFrom('organisation').select('name').where('name', '=', 'Planted org').execute();
  assert.deepEqual(organisations, []);

  await victim.get('/a/riverside/manage/organisations');
  const withToken = await victim.post('/a/riverside/manage/organisations', { name: 'Real org', kind: 'charity' });
  assert.equal(withToken.statusCode, 303);
});

test('wrong passwords: a clear message that keeps the email, and no hint of which part was wrong', async () => {
  const client = new Client(app);
  await client.get('/sign-in');
  const wrong = await client.post('/sign-in', { email: 'admin@riverside.example', password: 'not-the-password' });
  assert.equal(wrong.statusCode, 422);
  assert.deepEqual(errorSummary(wrong.body), ['#email Enter a correct email address and password']);
  assert.match(wrong.body, /<title>Error: Sign in/);
  assert.match(wrong.body, /value="admin@riverside.example"/);
  const unknown = await client.post('/sign-in', { email: 'nobody@riverside.example', password: 'not-the-password' });
  assert.deepEqual(errorSummary(unknown.body), errorSummary(wrong.body));
});

test('guessing is throttled per address and per account-and-address, but nobody can lock a person out (issue 10 §3)', async () => {
  await sql`delete from security_event`.execute(t.owner);
  // Behind a proxy, so each client can come from its own address.
  const proxied = await testApp(t.db, { config: { trustProxy: true } });
  try {
    const from = (ip: string) => new Client(proxied, { 'x-forwarded-for': ip });
    const attacker = from('203.0.113.7');
    await attacker.get('/sign-in');
    for (let i = 0; i < 5; i += 1) {
      const r = await attacker.post('/sign-in', { email: 'practitioner@riverside.example', password: `guess-number-${i}` });
      assert.equal(r.statusCode, 422);
    }
    // That account from that address must wait, even with the right password.
    const locked = await attacker.post('/sign-in', { email: 'practitioner@riverside.example', password: DEMO_PASSWORD });
    assert.equal(locked.statusCode, 429);
    assert.match(locked.body, /tried too many times/);
    // Five more wrong guesses at other accounts: now the address itself must wait, whoever it tries.
    for (let i = 0; i < 5; i += 1) await attacker.post('/sign-in', { email: `someone-${i}@riverside.example`, password: 'guess' });
    assert.equal((await attacker.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD })).statusCode, 429);

    // Ten more wrong guesses at the practitioner from many addresses (a botnet)...
    for (let i = 0; i < 10; i += 1) {
      const bot = from(`198.51.100.${i + 1}`);
      await bot.get('/sign-in');
      assert.equal((await bot.post('/sign-in', { email: 'practitioner@riverside.example', password: 'guess' })).statusCode, 422);
    }
    // ...and the practitioner, from their own browser with the right password, still gets in.
    const owner = from('192.0.2.44');
    await owner.get('/sign-in');
    assert.equal((await owner.post('/sign-in', { email: 'practitioner@riverside.example', password: DEMO_PASSWORD })).statusCode, 303);
    // Five minutes later the attacker's address may try again.
    await sql`update security_event set at = at - interval '6 minutes' where ip = '203.0.113.7'`.execute(t.owner);
    assert.equal((await attacker.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD })).statusCode, 303);
  } finally {
    await proxied.close();
  }
});

test('after 10 failed sign-ins from one address, that address is refused for any account', async () => {
  await sql`delete from security_event`.execute(t.owner);
  const client = new Client(app);
  await client.get('/sign-in');
  for (let i = 0; i < 10; i += 1) await client.post('/sign-in', { email: `someone-${i}@example.com`, password: 'wrong-password-here' });
  assert.equal((await client.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD })).statusCode, 429);
  await sql`update security_event set at = at - interval '6 minutes' where ip = '127.0.0.1'`.execute(t.owner);
});

test('sign-in issues a new session id; the cookie is httpOnly and SameSite=Lax', async () => {
  const client = new Client(app);
  await client.signIn('lead@riverside.example');
  const first = client.cookies.get('chorus_session');
  assert.ok(first);
  await client.signIn('lead@riverside.example');
  const second = client.cookies.get('chorus_session');
  assert.notEqual(first, second, 'signing in again rotates the id');
  // The old id no longer works.
  const old = new Client(app);
  old.cookies.set('chorus_session', first!);
  assert.equal((await old.get('/account')).statusCode, 303);

  await client.get('/sign-in');
  const response = await client.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD });
  const setCookie = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('chorus_session='));
  assert.match(String(setCookie), /HttpOnly/i);
  assert.match(String(setCookie), /SameSite=Lax/i);
  assert.doesNotMatch(String(setCookie), /Secure/i, 'plain http in tests');
});

test('behind TLS (trusted proxy) the session cookie is Secure', async () => {
  const tlsApp = await testApp(t.db, { config: { trustProxy: true } });
  try {
    const client = new Client(tlsApp, { 'x-forwarded-proto': 'https' });
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD });
    const setCookie = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('chorus_session='));
    assert.match(String(setCookie), /Secure/);
  } finally {
    await tlsApp.close();
  }
});

test('sign-out ends the session on the server: the old cookie no longer works', async () => {
  const client = new Client(app);
  await client.signIn('decision-maker@riverside.example');
  const cookie = client.cookies.get('chorus_session')!;
  assert.equal((await client.get('/account')).statusCode, 200);
  await client.post('/sign-out');
  const replay = new Client(app);
  replay.cookies.set('chorus_session', cookie);
  const response = await replay.get('/account');
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/sign-in?next=%2Faccount');
});

test('a session idle for longer than the limit, or older than the absolute limit, is over', async () => {
  const idle = new Client(app);
  await idle.signIn('parent@riverside.example');
  await sql`update session set last_seen_at = now() - interval '31 minutes'`.execute(t.owner);
  assert.equal((await idle.get('/account')).statusCode, 303);

  const old = new Client(app);
  await old.signIn('parent@riverside.example');
  await sql`update session set created_at = now() - interval '13 hours'`.execute(t.owner);
  assert.equal((await old.get('/account')).statusCode, 303);
});

test('after sign-in, only a local page may follow (no open redirect)', async () => {
  for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
    const client = new Client(app);
    await client.get(`/sign-in?next=${encodeURIComponent(next)}`);
    const response = await client.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD, next });
    assert.equal(response.headers.location, '/account', next);
  }
  const client = new Client(app);
  await client.get('/sign-in');
  const response = await client.post('/sign-in', { email: 'lead@riverside.example', password: DEMO_PASSWORD, next: '/a/riverside/manage' });
  assert.equal(response.headers.location, '/a/riverside/manage');
});

test('health: live answers; ready checks the database and turns 503 while draining', async () => {
  assert.equal((await app.inject('/health/live')).statusCode, 200);
  assert.equal((await app.inject('/health/ready')).statusCode, 200);
  app.draining = true;
  try {
    assert.equal((await app.inject('/health/ready')).statusCode, 503);
  } finally {
    app.draining = false;
  }
});

test('unknown pages and areas get the friendly 404 page, with no stack trace', async () => {
  for (const url of ['/nope', '/a/no-such-area', '/a/riverside/manage/members/not-a-uuid', '/a/%00', '/a/riverside/nope/%ff']) {
    const response = await new Client(app).get(url);
    assert.ok([303, 400, 404].includes(response.statusCode), `${url}: ${response.statusCode}`);
    assert.doesNotMatch(response.body, /at .*\.ts:\d+|Error:|stack/i, url);
  }
});

test('more requests than the per-address limit get a friendly 429 page, with Retry-After', async () => {
  const limited = await testApp(t.db, { config: { rateLimitPerMinute: 5 } });
  try {
    const client = new Client(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await client.get('/a/riverside')).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
    const last = await client.get('/a/riverside');
    assert.match(last.body, /Too many attempts/);
    assert.ok(Number(last.headers['retry-after']) > 0);
    // Health checks are not people: never limited.
    assert.equal((await limited.inject('/health/live')).statusCode, 200);
  } finally {
    await limited.close();
  }
});
