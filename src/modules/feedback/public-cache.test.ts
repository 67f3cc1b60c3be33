/**
 * HTTP caching of the public "you said, we did" pages (issue 18): an anonymous visitor's copy has an
 * ETag and a matching If-None-Match gets 304 with no body; anything that changes what the page shows
 * (publishing, withdrawing a quote, deleting a response) gives a new page at once, even to a
 * browser holding the old ETag; nothing personal ever gets an ETag or a 304; and a page with no form
 * sets no cookie.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { withArea } from '../../db/db.ts';
import { createHash } from 'node:crypto';
import { Client, seededApp, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { withdrawQuotes } from './responses.repository.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let areaId: string;
before(async () => {
  ({ t, app, close } = await seededApp());
  areaId = (await t.db.selectFrom('area').select('id').where('slug', '=', 'riverside').executeTakeFirstOrThrow()).id;
});
after(() => close());

const A = '/a/riverside';

/** A published response of the demo with at least one quote in its frozen copy. */
async function quoted(): Promise<{ themeId: string; activityId: string; quote: string }> {
  const rows = await withArea(t.db, areaId, (tx) =>
    sql<{ theme_id: string; quote: string; activity_id: string }>`
      select theme_id, published_content -> 'theme' -> 'quotes' ->> 0 as quote, published_activity_ids[1] as activity_id
        from theme_response
       where area_id = ${areaId} and published_at is not null
         and jsonb_array_length(published_content -> 'theme' -> 'quotes') > 0
         and cardinality(published_activity_ids) > 0
       limit 1`.execute(tx),
  );
  const row = rows.rows[0];
  assert.ok(row, 'the demo has a published response with a quote');
  return { themeId: row.theme_id, activityId: row.activity_id, quote: row.quote };
}

const html = (body: string) => body.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

test('an anonymous visitor gets an ETag on every "you said, we did" page, and 304 with no body when their copy matches', async () => {
  const { activityId } = await quoted();
  for (const url of [`${A}/you-said-we-did`, `${A}/you-said-we-did/easy-read`, `${A}/activities/${activityId}/you-said-we-did`, `${A}/activities/${activityId}/you-said-we-did/easy-read`, `${A}/you-said-we-did?lang=cy`]) {
    const first = await app.inject({ url });
    assert.equal(first.statusCode, 200, url);
    const etag = first.headers.etag;
    assert.ok(typeof etag === 'string' && /^W\/"[\w-]{20,}"$/.test(etag), `${url}: an ETag (${String(etag)})`);
    assert.equal(first.headers['cache-control'], 'private, no-cache', `${url}: kept by the browser, checked every time, never by a shared proxy`);
    assert.match(String(first.headers.vary), /Cookie/, `${url}: a signed-in visitor's copy is never taken for this one`);

    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304, url);
    assert.equal(again.body, '', `${url}: no body with a 304`);
    assert.equal(again.headers.etag, etag);
    // The browser's copy keeps the policy it came with (its nonces); a new one would block its scripts.
    assert.equal(again.headers['content-security-policy'], undefined, `${url}: no new policy with a 304`);

    const otherTag = await app.inject({ url, headers: { 'if-none-match': 'W/"something-else"' } });
    assert.equal(otherTag.statusCode, 200, `${url}: a different copy gets the page`);
    assert.equal(otherTag.body.length > 1000, true);
  }
});

test('each copy has its own CSP nonces, the same ETag, and no stand-in left in the page; a page with no form sets no cookie', async () => {
  const one = await app.inject({ url: `${A}/you-said-we-did` });
  const two = await app.inject({ url: `${A}/you-said-we-did` });
  assert.equal(one.headers.etag, two.headers.etag, 'the same page, the same ETag');
  const nonce = (r: typeof one) => /script-src[^;]*'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))?.[1];
  assert.ok(nonce(one) && nonce(two) && nonce(one) !== nonce(two), 'a fresh script nonce per response');
  for (const r of [one, two]) {
    assert.doesNotMatch(r.body, /script-nonce-|style-nonce-/, 'no stand-in reaches a visitor');
    const inPage = [...r.body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(inPage.every((n) => n === nonce(r) || r.headers['content-security-policy']!.toString().includes(`'nonce-${n}'`)), 'every nonce in the page is this response’s');
    assert.equal(r.headers['set-cookie'], undefined, 'reading a public page sets no cookie');
  }
  // A page with a form still gets its token and cookie.
  const start = await app.inject({ url: `${A}/my-views` });
  assert.equal(start.statusCode, 200);
  assert.match(start.body, /name="_csrf" value="[^"]+"/);
  assert.match(String(start.headers['set-cookie']), /chorus_csrf=/);
});

test('publishing changes reach a browser holding the old ETag at once: a withdrawn quote, a response deleted', async () => {
  const { themeId, activityId, quote } = await quoted();
  for (const url of [`${A}/you-said-we-did`, `${A}/activities/${activityId}/you-said-we-did`]) {
    const before = await app.inject({ url });
    assert.ok(html(before.body).includes(quote), `${url}: the quote is shown before`);
    const etag = String(before.headers.etag);

    await withArea(t.db, areaId, (tx) => withdrawQuotes(tx, areaId, [themeId], [quote], false));
    const after = await app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(after.statusCode, 200, `${url}: not 304 once the page changed`);
    assert.notEqual(after.headers.etag, etag);
    assert.equal(html(after.body).includes(quote), false, `${url}: the withdrawn quote is gone at once`);

    // Put it back for the next page (as a lead publishing again would).
    await withArea(t.db, areaId, (tx) =>
      sql`update theme_response set published_content = jsonb_set(published_content, '{theme,quotes}', jsonb_build_array(${quote}::text) || (published_content -> 'theme' -> 'quotes'))
           where area_id = ${areaId} and theme_id = ${themeId}`.execute(tx),
    );
  }

  const title = (await withArea(t.db, areaId, (tx) => tx.selectFrom('theme_response').select(sql<string>`published_content -> 'theme' ->> 'title'`.as('title')).where('theme_id', '=', themeId).executeTakeFirstOrThrow())).title;
  const listed = await app.inject({ url: `${A}/you-said-we-did/easy-read` });
  assert.ok(html(listed.body).includes(title));
  // The theme is deleted (its response with it): the delete path of the trigger.
  await withArea(t.db, areaId, (tx) => tx.deleteFrom('theme_response').where('theme_id', '=', themeId).execute());
  const gone = await app.inject({ url: `${A}/you-said-we-did/easy-read`, headers: { 'if-none-match': String(listed.headers.etag) } });
  assert.equal(gone.statusCode, 200);
  assert.equal(html(gone.body).includes(title), false, 'a deleted response is off the page at once');
});

test('nothing personal gets an ETag or a 304: signed in, with a message waiting, or any other page', async () => {
  const anonymous = await app.inject({ url: `${A}/you-said-we-did` });
  const etag = String(anonymous.headers.etag);

  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const signedIn = await lead.get(`${A}/you-said-we-did`, { 'if-none-match': etag });
  assert.equal(signedIn.statusCode, 200, 'a signed-in person gets the page, not the anonymous copy');
  assert.equal(signedIn.headers.etag, undefined);
  assert.equal(signedIn.headers['cache-control'], 'no-store');
  assert.ok(signedIn.body.includes('Jess Patel') || signedIn.body.includes('Sign out'), 'their own header');

  // A one-off message for this visitor (set after a form) is theirs alone.
  const flashed = await app.inject({ url: `${A}/you-said-we-did`, headers: { 'if-none-match': etag, cookie: `chorus_flash=${app.signCookie('Saved')}` } });
  assert.equal(flashed.statusCode, 200);
  assert.equal(flashed.headers.etag, undefined);
  assert.equal(flashed.headers['cache-control'], 'no-store');

  // Pages that are not frozen public content: never an ETag, even to If-None-Match: *.
  const survey = (await withArea(t.db, areaId, (tx) => tx.selectFrom('activity').select('id').where('type', '=', 'survey').where('status', '=', 'open').executeTakeFirstOrThrow())).id;
  const participant = new Client(app);
  await participant.get(`${A}/surveys/${survey}`);
  const started = await participant.post(`${A}/surveys/${survey}`, { how: 'own', idempotencyKey: `cache-test-${Date.now()}` });
  assert.equal(started.statusCode, 303);
  const question = `${String(started.headers.location).replace(/\/continue$/, '')}/questions/1`;
  for (const [who, url] of [[participant, question], [participant, `${A}/surveys/${survey}`], [new Client(app), A], [new Client(app), `${A}/my-views`], [lead, `${A}/manage`]] as const) {
    const r = await who.get(url, { 'if-none-match': '*' });
    assert.equal(r.statusCode, 200, url);
    assert.equal(r.headers.etag, undefined, `${url}: no ETag`);
    assert.equal(r.headers['cache-control'], 'no-store', `${url}: never stored`);
  }
});

test('a page kept in memory is sent again without being built; made-up addresses are built each time and never kept', async () => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const visit = async (url: string) => {
      counter.reset();
      const r = await counted.inject({ url });
      assert.equal(r.statusCode, 200, url);
      return { queries: counter.count(), etag: String(r.headers.etag), body: r.body };
    };
    const year = new Date().getFullYear();
    for (const url of [`${A}/you-said-we-did`, `${A}/you-said-we-did/easy-read?year=${year}&page=1`]) {
      const first = await visit(url);
      const second = await visit(url);
      assert.ok(first.queries > 1, `${url}: built the first time (${first.queries} queries)`);
      assert.equal(second.queries, 1, `${url}: then only the area is read, to know the page is still right`);
      assert.equal(second.etag, first.etag);
    }
    for (let i = 0; i < 3; i += 1) {
      const madeUp = await visit(`${A}/you-said-we-did?utm_source=${i}`);
      assert.ok(madeUp.queries > 1, 'an address with parameters of its own is built for that request');
    }
  } finally {
    await counted.close();
  }
});

test('the ETag is the page without its nonces, so every instance and every restart gives the same one', async () => {
  const r = await app.inject({ url: `${A}/you-said-we-did/easy-read` });
  const policy = String(r.headers['content-security-policy']);
  const script = /script-src[^;]*'nonce-([^']+)'/.exec(policy)![1]!;
  const style = /style-src[^;]*'nonce-([^']+)'/.exec(policy)![1]!;
  const comparable = r.body.replaceAll(script, 'nonce').replaceAll(style, 'nonce');
  assert.equal(r.headers.etag, `W/"${createHash('sha256').update(comparable).digest('base64url').slice(0, 27)}"`);
});
