/**
 * Guessing limits are kept in PostgreSQL, so they hold across instances (issue 10 §5): two app
 * instances on one database share one receipt-code limit, and "listened" (which also takes a code)
 * counts toward the lookup's limit instead of adding 20 of its own. What is stored names no address.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { seedDemo } from '../seed/seed.ts';
import { newReceiptCode } from '../lib/codes.ts';
import { readPage } from '../testing/dom.ts';
import { Client, createTestDb, DEMO_PASSWORD, testApp, type TestDb } from '../testing/harness.ts';
import { rateLimitStore, slidingCount, storedKey } from './rate-limit-store.ts';

let t: TestDb;
let one: FastifyInstance;
let two: FastifyInstance;
before(async () => {
  t = await createTestDb();
  await seedDemo(t.db, DEMO_PASSWORD);
  one = await testApp(t.db);
  two = await testApp(t.db);
});
after(async () => {
  await one.close();
  await two.close();
  await t.drop();
});

const A = '/a/riverside';

/** A person at one address, using one instance; the CSRF token from the lookup page. */
async function visitor(app: FastifyInstance) {
  const client = new Client(app);
  await client.get(`${A}/my-views`);
  const csrf = client.csrf();
  return {
    lookUp: async () => (await client.post(`${A}/my-views`, { code: newReceiptCode() }, { csrf })).statusCode,
    listened: async () => (await client.post(`${A}/my-views/listened`, { code: newReceiptCode(), rating: 'yes' }, { csrf })).statusCode,
  };
}

test('20 wrong receipt codes split across two instances, "listened" included: the 21st is refused on either', async () => {
  await t.db.deleteFrom('rate_limit_hit').execute();
  const first = await visitor(one);
  const second = await visitor(two);
  const statuses: number[] = [];
  for (let i = 0; i < 10; i += 1) statuses.push(await first.lookUp());
  for (let i = 0; i < 9; i += 1) statuses.push(await second.lookUp());
  statuses.push(await first.listened());
  assert.deepEqual(statuses, Array(20).fill(422), 'twenty tries, each told the code was not found');

  assert.equal(await second.lookUp(), 429, 'the 21st, on the other instance');
  assert.equal(await first.lookUp(), 429);
  assert.equal(await first.listened(), 429, '"listened" shares the lookup\'s limit');
  assert.equal(await second.listened(), 429);

  // Another guessing limit counts on its own: resume codes are not used up by receipt codes.
  const resumer = new Client(one);
  await resumer.get(`${A}/surveys/resume`);
  assert.equal((await resumer.post(`${A}/surveys/resume`, { code: 'ABCDE-FGHJK' })).statusCode, 422);
});

test('a new visitor from the same address on the other instance gets the friendly limit page, not a fresh allowance', async () => {
  await t.db.deleteFrom('rate_limit_hit').execute();
  const first = await visitor(one);
  for (let i = 0; i < 20; i += 1) await first.lookUp();
  const client = new Client(two);
  await client.get(`${A}/my-views`);
  const refused = await client.post(`${A}/my-views`, { code: newReceiptCode() });
  assert.equal(refused.statusCode, 429);
  assert.equal(readPage(refused.body).heading(), 'You have tried too many times');
  assert.ok(Number(refused.headers['retry-after']) > 0);
});

test('what is stored names no address: 64 hex digits per key, and the table refuses anything else', async () => {
  const rows = await t.db.selectFrom('rate_limit_hit').select(['key', 'count']).execute();
  assert.ok(rows.length > 0);
  for (const row of rows) assert.match(row.key, /^[0-9a-f]{64}$/);
  const dump = JSON.stringify(rows);
  assert.doesNotMatch(dump, /127\.0\.0\.1|receipt/);
  await assert.rejects(t.db.insertInto('rate_limit_hit').values({ key: '127.0.0.1', window_start: new Date(), count: 1 }).execute(), /rate_limit_hit_key_check/);
});

test('the stored key: keyed, per limit, per address', () => {
  const key = storedKey('secret', 'group:receipt-code', '203.0.113.7');
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.notEqual(storedKey('other secret', 'group:receipt-code', '203.0.113.7'), key);
  assert.notEqual(storedKey('secret', 'route:POST /a/:area/surveys/resume', '203.0.113.7'), key);
  assert.notEqual(storedKey('secret', 'group:receipt-code', '203.0.113.8'), key);
});

test('the sliding count: the previous window weighs what is left of it, rounded up', () => {
  assert.equal(slidingCount(1, 0, 0, 600_000), 1);
  // 20 guesses just before a boundary still count just after it: the 21st is refused.
  assert.equal(slidingCount(1, 20, 1_000, 600_000), 21);
  assert.equal(slidingCount(10, 20, 300_000, 600_000), 20);
  assert.equal(slidingCount(1, 20, 599_999, 600_000), 2);
  assert.equal(slidingCount(5, 20, 600_000, 600_000), 5);
});

test("a store counts the previous window's hits, and sweeps windows too old to matter", async () => {
  await t.db.deleteFrom('rate_limit_hit').execute();
  const store = rateLimitStore(t.db, { keySecret: 'test' });
  const limit = new store.Store({}).child({ groupId: 'test-group', timeWindow: 600_000 });
  const key = storedKey('test', 'group:test-group', '198.51.100.1');
  // The previous 10-minute window held 8 hits; a window from yesterday is long finished.
  await sql`insert into rate_limit_hit (key, window_start, count) values
    (${key}, date_bin(interval '10 minutes', now(), timestamptz 'epoch') - interval '10 minutes', 8),
    (${storedKey('test', 'group:test-group', '198.51.100.2')}, now() - interval '1 day', 50)`.execute(t.db);
  const result = await new Promise<{ current: number; ttl: number }>((resolve, reject) => limit.incr('198.51.100.1', (error, r) => (error ? reject(error) : resolve(r!)), 600_000, 20));
  assert.ok(result.current > 1 && result.current <= 9, `this hit and part of the previous 8: ${result.current}`);
  assert.ok(result.ttl > 0 && result.ttl <= 600_000);
  await store.close();
  const left = await t.db.selectFrom('rate_limit_hit').select(['key', 'count']).orderBy('count').execute();
  assert.deepEqual(left.map((r) => r.count), [1, 8], "yesterday's window is gone; this one and the previous stay");
});

test('sign-in guessing was already counted in PostgreSQL (security_event): it too holds across the two instances', async () => {
  const first = new Client(one);
  const second = new Client(two);
  await first.get('/sign-in');
  await second.get('/sign-in');
  const statuses: number[] = [];
  for (let i = 0; i < 5; i += 1) statuses.push((await (i % 2 ? second : first).post('/sign-in', { email: 'practitioner@riverside.example', password: `guess-number-${i}` })).statusCode);
  assert.deepEqual(statuses, Array(5).fill(422));
  // That account from this address must now wait, on either instance.
  assert.equal((await second.post('/sign-in', { email: 'practitioner@riverside.example', password: DEMO_PASSWORD })).statusCode, 429);
  assert.equal((await first.post('/sign-in', { email: 'practitioner@riverside.example', password: DEMO_PASSWORD })).statusCode, 429);
});
