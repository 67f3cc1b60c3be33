/**
 * Taking part in a live session, as participants and attackers meet it (issue 15): joining by code
 * (a wrong code, an ended session and another area's ended session look the same; guessing is
 * limited per address while a whole room behind one address joins freely), the ground rules, a vote
 * counted exactly once however often it is resent, answers replaced, closed interactions refusing
 * answers with their tally frozen, groups counted as one answer and several people, words escaped,
 * and no 500 on junk.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import type { LiveInteractionKind, LiveInteractionState } from '../../db/database.ts';
import pg from 'pg';
import { appRoleUrl } from '../../db/bootstrap.ts';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { readPage } from '../../testing/dom.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { getInteraction, newJoinCode, TALLY_CHANNEL } from './core.ts';
import { LiveHub } from './stream.ts';
import { JOIN_FAILURES } from './participate.routes.ts';
import { changeInteraction } from './sessions.service.ts';
import { tallyInteraction, type Tally } from './tally.ts';

let t: TestDb;
let app: FastifyInstance;

/**
 * The tally notices PostgreSQL delivered while `run` ran (TALLY_CHANNEL payloads). A notice of our own
 * sent after it is the barrier: notices arrive in commit order, so every earlier one is in by then.
 */
async function listenForTallies(run: () => Promise<void>): Promise<string[]> {
  const client = new pg.Client({ connectionString: await appRoleUrl(t.ownerUrl) });
  await client.connect();
  const heard: string[] = [];
  let barrier: () => void = () => {};
  const done = new Promise<void>((resolve) => (barrier = resolve));
  client.on('notification', (m) => (m.payload === 'barrier' ? barrier() : heard.push(m.payload ?? '')));
  try {
    await client.query(`LISTEN ${TALLY_CHANNEL}`);
    await run();
    await client.query(`SELECT pg_notify('${TALLY_CHANNEL}', 'barrier')`);
    await done;
    return heard;
  } finally {
    await client.end();
  }
}
let areas: TwoAreas;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
});
after(async () => {
  await app.close();
  await t.drop();
});

/** A browser: its own cookies, the CSRF token of the last page, and a fixed address (a school's). */
class Browser {
  cookies = new Map<string, string>();
  lastHtml = '';
  readonly address: string;
  constructor(address = '198.51.100.7') {
    this.address = address;
  }
  private remember(response: LightMyRequestResponse) {
    for (const c of response.cookies as Array<{ name: string; value: string }>) {
      if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    // The last page with a form: a page with none (a locked question) leaves the form before it to resend.
    if (String(response.headers['content-type'] ?? '').startsWith('text/html') && response.body.includes('name="_csrf"')) this.lastHtml = response.body;
  }
  private cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  csrf() {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1] ?? '';
  }
  async get(url: string) {
    const r = await app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.cookie() } });
    this.remember(r);
    return r;
  }
  body(form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    body.append('_csrf', this.csrf());
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    return body.toString();
  }
  /** The request a form post makes, not yet sent (to send the very same one many times). */
  request(url: string, form: Record<string, string | string[]>) {
    return { method: 'POST' as const, url, remoteAddress: this.address, payload: this.body(form), headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' } };
  }
  async post(url: string, form: Record<string, string | string[]> = {}) {
    const r = await app.inject(this.request(url, form));
    this.remember(r);
    return r;
  }
  /** Follows a redirect the way a browser would. */
  async follow(r: LightMyRequestResponse) {
    return this.get(String(r.headers.location));
  }
}

type NewInteraction = { kind: LiveInteractionKind; prompt?: string; settings?: unknown; state?: LiveInteractionState; resultsHidden?: boolean };

/** A session in an area (running unless said), with these interactions; the first one is current. */
async function makeSession(areaKey: 'riverside' | 'northVale', interactions: NewInteraction[], status: 'draft' | 'running' | 'ended' = 'running', moderation: 'approve' | 'direct' = 'direct') {
  const area = areas[areaKey];
  const joinCode = newJoinCode();
  return withArea(t.db, area.id, async (tx) => {
    const session = await tx
      .insertInto('live_session')
      .values({ area_id: area.id, activity_id: area.activityId, title: 'Youth forum: our parks', join_code: joinCode, status, started_at: status === 'draft' ? null : new Date(), ended_at: status === 'ended' ? new Date() : null, moderation })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('live_join_code').values({ code: joinCode, area_id: area.id, session_id: session.id }).execute();
    const ids: string[] = [];
    for (const [n, i] of interactions.entries()) {
      const row = await tx
        .insertInto('live_interaction')
        .values({ area_id: area.id, session_id: session.id, position: n + 1, kind: i.kind, prompt: i.prompt ?? `Question ${n + 1}`, settings: JSON.stringify(i.settings ?? {}), state: i.state ?? 'open', results_hidden: i.resultsHidden ?? false })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    if (ids[0]) await tx.updateTable('live_session').set({ current_interaction_id: ids[0] }).where('id', '=', session.id).execute();
    const slug = areaKey === 'riverside' ? 'riverside' : 'north-vale';
    return { sessionId: session.id, joinCode, ids, base: `/a/${slug}/live/${session.id}`, areaId: area.id };
  });
}

const CHOICE = { options: [{ id: 'a', label: 'Swings', symbol: '1F3A0' }, { id: 'b', label: 'Slides', symbol: null }, { id: 'c', label: 'Zip wire', symbol: null }], multiple: false };

/** A browser that joined the session (agreeing the rules), now on the current question. */
async function joined(base: string, options: { address?: string; nickname?: string; groupSize?: number } = {}) {
  const b = new Browser(options.address);
  const page = await b.get(base);
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  const r = await b.post(base, { agree: 'yes', nickname: options.nickname ?? '', who: options.groupSize ? 'group' : 'me', groupSize: String(options.groupSize ?? ''), joinKey: /name="joinKey" value="([^"]+)"/.exec(b.lastHtml)![1]! });
  assert.equal(r.statusCode, 303, r.body.slice(0, 500));
  assert.equal(r.headers.location, `${base}/now`);
  return b;
}

async function tallyOf(areaId: string, sessionId: string, interactionId: string): Promise<Tally> {
  return withArea(t.db, areaId, async (tx) => tallyInteraction(tx, areaId, (await getInteraction(tx, areaId, sessionId, interactionId))!));
}

test('a code typed with spaces and in lower case opens the session; the QR address does the same', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const b = new Browser();
  await b.get('/join');
  const typed = `${s.joinCode.slice(0, 3)} ${s.joinCode.slice(3)}`.toLowerCase();
  const r = await b.post('/join', { code: typed });
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, s.base);
  const qr = await b.get(`/join/${s.joinCode}`);
  assert.equal(qr.statusCode, 303);
  assert.equal(qr.headers.location, s.base);
});

test('a wrong code, an ended session and another area\'s ended session all get the same plain page', async () => {
  const ended = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }], 'ended');
  const otherEnded = await makeSession('northVale', [{ kind: 'choice', settings: CHOICE }], 'ended');
  const b = new Browser('203.0.113.50');
  const bodies: string[] = [];
  for (const code of [ended.joinCode, otherEnded.joinCode, 'ZZZZZZ']) {
    await b.get('/join');
    const r = await b.post('/join', { code });
    assert.equal(r.statusCode, 404);
    const page = readPage(r.body);
    assert.ok(page.getByText('We could not find a session with that code', { selector: 'a' }));
    bodies.push(/<main[\s\S]*<\/main>/.exec(r.body)![0].replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[A-Z0-9]{6}"/, ''));
    assert.doesNotMatch(r.body, /North Vale|Youth forum/);
  }
  assert.equal(bodies[0], bodies[1]);
  assert.equal(bodies[1], bodies[2]);
});

test('guessing: wrong codes are refused after the limit, per address, and say what to do; right codes never count', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const guesser = new Browser('203.0.113.99');
  await guesser.get('/join');
  // Right codes from this address before and between wrong ones never use up the allowance.
  for (let n = 0; n < 50; n += 1) assert.equal((await guesser.post('/join', { code: s.joinCode })).statusCode, 303);
  for (let n = 0; n < JOIN_FAILURES.max; n += 1) {
    const r = await guesser.post('/join', { code: 'ZZZZZ' + '23456789'[n % 8] });
    assert.equal(r.statusCode, 404, `guess ${n + 1}`);
  }
  const refused = await guesser.post('/join', { code: 'ZZZZZZ' });
  assert.equal(refused.statusCode, 429);
  assert.match(readPage(refused.body).getByRole('heading', { level: 1 }).textContent!, /Please wait a few minutes/);
  assert.match(refused.body, /Wait 10 minutes/);
  // Even the right code is refused now from that address (or guessing would go on behind it)…
  await guesser.get('/join');
  assert.equal((await guesser.post('/join', { code: s.joinCode })).statusCode, 429);
  assert.equal((await guesser.get(`/join/${s.joinCode}`)).statusCode, 429);
  // …but not from another address.
  const other = new Browser('203.0.113.100');
  await other.get('/join');
  assert.equal((await other.post('/join', { code: s.joinCode })).statusCode, 303);
});

test('a room of 200 behind one address each join and vote, and every vote counts', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const room = '192.0.2.200';
  const browsers: Browser[] = [];
  for (let n = 0; n < 200; n += 1) {
    const b = new Browser(room);
    await b.get('/join');
    const r = await b.post('/join', { code: s.joinCode });
    assert.equal(r.statusCode, 303, `participant ${n + 1} typing the code`);
    browsers.push(await joined(s.base, { address: room }));
  }
  for (const [n, b] of browsers.entries()) {
    await b.get(`${s.base}/i/${s.ids[0]}`);
    const r = await b.post(`${s.base}/i/${s.ids[0]}`, { option: ['a', 'b', 'c'][n % 3]! });
    assert.equal(r.statusCode, 303, `vote ${n + 1}: ${r.statusCode}`);
  }
  const tally = await tallyOf(s.areaId, s.sessionId, s.ids[0]!);
  assert.deepEqual(tally, { kind: 'choice', answers: 200, people: 200, counts: { a: 67, b: 67, c: 66 } });
});

test('joining: the rules must be agreed; the page says who sees a nickname; joining twice from one browser is one participant', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const b = new Browser();
  const page = readPage((await b.get(s.base)).body);
  assert.ok(page.getByRole('heading', { level: 1, name: 'Youth forum: our parks' }));
  assert.ok(page.getByLabelText('I agree to the rules'));
  assert.match(page.getByLabelText(/first name or a nickname/).getAttribute('aria-describedby') ?? '', /nickname-hint/);
  assert.match(b.lastHtml, /Only the person running the session sees it\. It is never shown on the big screen next to your answers\./);
  const joinKey = /name="joinKey" value="([^"]+)"/.exec(b.lastHtml)![1]!;
  const refused = await b.post(s.base, { nickname: 'Sam', who: 'me', joinKey });
  assert.equal(refused.statusCode, 422);
  const again = readPage(refused.body);
  assert.ok(again.getByRole('link', { name: 'Tick the box to agree to the rules' }));
  assert.equal((again.getByLabelText(/first name or a nickname/) as HTMLInputElement).value, 'Sam');
  // The same form sent twice (a double tap before the first answer came back) joins once.
  const form = { agree: 'yes', nickname: 'Sam', who: 'me', joinKey };
  const [first, second] = await Promise.all([app.inject(b.request(s.base, form)), app.inject(b.request(s.base, form))]);
  assert.equal(first.statusCode, 303, first.body.slice(0, 3000));
  assert.equal(second.statusCode, 303);
  await b.post(s.base, form);
  const rows = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_participant').select(['response_id', 'nickname']).where('session_id', '=', s.sessionId).execute());
  assert.equal(rows.length, 1);
  const response = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('response').selectAll().where('id', '=', rows[0]!.response_id).executeTakeFirstOrThrow());
  assert.equal(response.channel, 'live');
  assert.equal(response.mode, 'anonymous');
  assert.equal(response.status, 'submitted');
  assert.match(response.receipt_code!, /^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
  // A joined browser going back to the join page goes straight to the question.
  const back = await b.get(s.base);
  assert.equal(back.headers.location, `${s.base}/now`);
  const events = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_event').select(['kind', 'audience', 'payload']).where('session_id', '=', s.sessionId).execute());
  assert.deepEqual(events.map((e) => [e.kind, e.audience, e.payload]), [['participants', 'screen', { count: 1, people: 1 }]]);
});

test('exactly once: 100 replays of the same vote at once count one vote and store one row', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const b = await joined(s.base);
  await b.get(`${s.base}/i/${s.ids[0]}`);
  const vote = b.request(`${s.base}/i/${s.ids[0]}`, { option: 'b' });
  const heard = await listenForTallies(async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, () => app.inject(vote)));
    assert.deepEqual([...new Set(replies.map((r) => r.statusCode))], [303]);
  });
  const tally = await tallyOf(s.areaId, s.sessionId, s.ids[0]!);
  assert.deepEqual(tally, { kind: 'choice', answers: 1, people: 1, counts: { a: 0, b: 1, c: 0 } });
  const rows = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_answer').selectAll().where('interaction_id', '=', s.ids[0]!).execute());
  assert.equal(rows.length, 1);
  // The big screens were told once that the tally changed, not 100 times.
  assert.equal(heard.filter((p) => p === `${s.sessionId}:${s.ids[0]}`).length, 1);
});

test('changing an answer replaces it; a second browser counts separately; the page shows the answer and says it can change', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const one = await joined(s.base);
  const two = await joined(s.base);
  const url = `${s.base}/i/${s.ids[0]}`;
  await one.get(url);
  await one.post(url, { option: 'a' });
  await one.get(`${url}?change=1`);
  await one.post(url, { option: 'c' });
  await two.get(url);
  await two.post(url, { option: 'c' });
  assert.deepEqual(await tallyOf(s.areaId, s.sessionId, s.ids[0]!), { kind: 'choice', answers: 2, people: 2, counts: { a: 0, b: 0, c: 2 } });
  const page = readPage((await one.get(url)).body);
  assert.ok(page.getByText('Thank you — you can change your answer while this question is open.', { exact: false }));
  assert.ok(page.getByText('Zip wire'));
  assert.ok(page.getByRole('link', { name: 'Change my answer' }));
});

test('a closed interaction refuses answers kindly and its tally stays frozen; a locked one refuses too', async () => {
  const s = await makeSession('riverside', [{ kind: 'scale', settings: { style: 'faces' } }, { kind: 'choice', settings: CHOICE }]);
  const b = await joined(s.base);
  const url = `${s.base}/i/${s.ids[0]}`;
  await b.get(url);
  assert.equal((await b.post(url, { value: '4' })).statusCode, 303);
  const before = await tallyOf(s.areaId, s.sessionId, s.ids[0]!);
  await withArea(t.db, s.areaId, (tx) => tx.updateTable('live_interaction').set({ state: 'closed', closed_at: new Date(), frozen_tally: JSON.stringify(before) }).where('id', '=', s.ids[0]!).execute());
  const refused = await b.post(url, { value: '1' });
  assert.equal(refused.statusCode, 409, refused.body);
  assert.match(refused.body, /This question is not taking answers now, so nothing was changed/);
  const stored = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_answer').select('value').where('interaction_id', '=', s.ids[0]!).execute());
  assert.deepEqual(stored.map((r) => r.value), [{ value: 4 }]);
  assert.deepEqual(await tallyOf(s.areaId, s.sessionId, s.ids[0]!), before);
  // A new participant cannot answer it either.
  const late = await joined(s.base);
  assert.equal((await late.post(url, { value: '5' })).statusCode, 409);
  await withArea(t.db, s.areaId, (tx) => tx.updateTable('live_interaction').set({ state: 'locked' }).where('id', '=', s.ids[1]!).execute());
  const locked = await b.get(`${s.base}/i/${s.ids[1]}`);
  assert.match(locked.body, /Answers are paused for now/);
  assert.equal((await b.post(`${s.base}/i/${s.ids[1]}`, { option: 'a' })).statusCode, 409);
});

test('a close racing 40 votes: every vote is either in the frozen tally or refused, never lost or added after, and nobody sees an error', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const voters = await Promise.all(Array.from({ length: 40 }, () => joined(s.base)));
  const url = `${s.base}/i/${s.ids[0]}`;
  for (const v of voters) await v.get(url);
  const votes = voters.map((v) => v.request(url, { option: 'a' }));
  const [replies] = await Promise.all([
    Promise.all(votes.map((vote) => app.inject(vote))),
    (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await changeInteraction(t.db, s.areaId, s.sessionId, s.ids[0]!, 'close');
    })(),
  ]);
  const codes = replies.map((r) => r.statusCode);
  assert.ok(codes.every((c) => c === 303 || c === 409), `only counted or refused: ${[...new Set(codes)].join(', ')}`);
  const stored = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_answer').select('participant_id').where('interaction_id', '=', s.ids[0]!).execute());
  const frozen = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_interaction').select(['state', 'frozen_tally']).where('id', '=', s.ids[0]!).executeTakeFirstOrThrow());
  assert.equal(frozen.state, 'closed');
  assert.equal(stored.length, codes.filter((c) => c === 303).length, 'every vote accepted is stored, every refused one is not');
  assert.deepEqual(frozen.frozen_tally, { kind: 'choice', answers: stored.length, people: stored.length, counts: { a: stored.length, b: 0, c: 0 } });
});

test('40 people voting at once: the last tally sent to the big screen counts all 40', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const voters = await Promise.all(Array.from({ length: 40 }, () => joined(s.base)));
  const url = `${s.base}/i/${s.ids[0]}`;
  for (const v of voters) await v.get(url);
  // A big screen watching through a hub that listens, as on a real instance.
  const hub = new LiveHub(t.db, { listenUrl: await appRoleUrl(t.ownerUrl) });
  const seen: unknown[] = [];
  const stop = await hub.watch(s.areaId, s.sessionId, { viewer: 'screen', deliver: (event) => event.kind === 'tally' && seen.push(event.payload) });
  try {
    const replies = await Promise.all(voters.map((v, n) => app.inject(v.request(url, { option: ['a', 'b'][n % 2]! }))));
    assert.deepEqual([...new Set(replies.map((r) => r.statusCode))], [303]);
    const all = { interactionId: s.ids[0], tally: { kind: 'choice', answers: 40, people: 40, counts: { a: 20, b: 20, c: 0 } } };
    // The hub counts again after the last vote's notice: wait for that count (at most 10 s).
    for (let n = 0; n < 100 && !seen.some((p) => JSON.stringify(p) === JSON.stringify(all)); n += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(seen.at(-1), all);
    // Tallies are counted again at most every quarter of a second, not once per vote.
    assert.ok(seen.length < 40, `${seen.length} tallies sent for 40 votes`);
  } finally {
    stop();
    await hub.close();
  }
});

test('a group of 3 counts as 1 answer and 3 people', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const group = await joined(s.base, { groupSize: 3 });
  const alone = await joined(s.base);
  const url = `${s.base}/i/${s.ids[0]}`;
  const page = await group.get(url);
  assert.match(page.body, /You are answering for your group of 3/);
  await group.post(url, { option: 'a' });
  await alone.get(url);
  await alone.post(url, { option: 'a' });
  assert.deepEqual(await tallyOf(s.areaId, s.sessionId, s.ids[0]!), { kind: 'choice', answers: 2, people: 4, counts: { a: 2, b: 0, c: 0 } });
});

test('results show to participants only when the facilitator shows them', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE, resultsHidden: true }]);
  const b = await joined(s.base);
  const url = `${s.base}/i/${s.ids[0]}`;
  await b.get(url);
  await b.post(url, { option: 'a' });
  assert.doesNotMatch((await b.get(url)).body, /What everyone said so far/);
  await withArea(t.db, s.areaId, (tx) => tx.updateTable('live_interaction').set({ revealed_at: new Date() }).where('id', '=', s.ids[0]!).execute());
  const shownBody = (await b.get(url)).body;
  assert.ok(readPage(shownBody).getByRole('heading', { name: 'What everyone said so far' }));
  assert.match(shownBody, /Answers: 1\. People: 1\./);
});

test('word clouds, open text and questions: words are escaped and screened; a resent form adds nothing; upvotes once per person', async () => {
  const s = await makeSession('riverside', [{ kind: 'word_cloud', settings: { maxWords: 3 } }, { kind: 'open_text' }, { kind: 'qanda' }, { kind: 'ranking', settings: { options: CHOICE.options } }]);
  const b = await joined(s.base, { nickname: '<script>alert(1)</script>' });
  const evil = '<img src=x onerror=alert(1)>';
  await b.get(`${s.base}/i/${s.ids[0]}`);
  assert.equal((await b.post(`${s.base}/i/${s.ids[0]}`, { word1: evil, word2: 'fun', word3: '' })).statusCode, 303);
  const cloud = await b.get(`${s.base}/i/${s.ids[0]}`);
  assert.doesNotMatch(cloud.body, /<img src=x/);
  assert.match(cloud.body, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.deepEqual(await tallyOf(s.areaId, s.sessionId, s.ids[0]!), { kind: 'word_cloud', answers: 1, people: 1, words: [{ word: evil, count: 1 }, { word: 'fun', count: 1 }] });

  await b.get(`${s.base}/i/${s.ids[1]}`);
  const text = b.request(`${s.base}/i/${s.ids[1]}`, { text: `More swings ${evil}`, clientKey: /name="clientKey" value="([^"]+)"/.exec(b.lastHtml)![1]! });
  await Promise.all([app.inject(text), app.inject(text), app.inject(text)]);
  const posts = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_post').select(['kind', 'status']).where('interaction_id', '=', s.ids[1]!).execute());
  assert.deepEqual(posts, [{ kind: 'text', status: 'shown' }]);
  const own = await b.get(`${s.base}/i/${s.ids[1]}`);
  assert.doesNotMatch(own.body, /<img src=x/);
  assert.match(own.body, /More swings/);

  await b.get(`${s.base}/i/${s.ids[2]}`);
  await b.post(`${s.base}/i/${s.ids[2]}/questions`, { text: 'When will the park open?', clientKey: /name="clientKey" value="([^"]+)"/.exec(b.lastHtml)![1]! });
  const other = await joined(s.base);
  const qa = readPage((await other.get(`${s.base}/i/${s.ids[2]}`)).body);
  assert.ok(qa.getByText('When will the park open?'));
  const postId = /id="question-([0-9a-f-]{36})"/.exec(other.lastHtml)![1]!;
  const vote = other.request(`${s.base}/i/${s.ids[2]}/questions/${postId}/vote`, { vote: 'add' });
  await Promise.all([app.inject(vote), app.inject(vote), app.inject(vote)]);
  const votes = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_vote').select('participant_id').where('post_id', '=', postId).execute());
  assert.equal(votes.length, 1);
  assert.match((await other.get(`${s.base}/i/${s.ids[2]}`)).body, /1 vote/);
  await other.post(`${s.base}/i/${s.ids[2]}/questions/${postId}/vote`, { vote: 'remove' });
  assert.equal((await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_vote').select('participant_id').where('post_id', '=', postId).execute())).length, 0);

  // Ranking: a full order, each place once.
  const rank = `${s.base}/i/${s.ids[3]}`;
  await b.get(rank);
  const twice = await b.post(rank, { 'rank-a': '1', 'rank-b': '1', 'rank-c': '2' });
  assert.equal(twice.statusCode, 422);
  assert.ok(readPage(twice.body).getByRole('link', { name: 'Give Slides a place no other answer has' }));
  assert.equal((await b.post(rank, { 'rank-a': '2', 'rank-b': '3', 'rank-c': '1' })).statusCode, 303);
  const ranking = await tallyOf(s.areaId, s.sessionId, s.ids[3]!);
  assert.deepEqual(ranking.kind === 'ranking' && ranking.order, ['c', 'a', 'b']);

  // The nickname is stored as typed and never shown as markup.
  const nick = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_participant').select('nickname').where('session_id', '=', s.sessionId).execute());
  assert.ok(nick.some((n) => n.nickname === '<script>alert(1)</script>'));
});

test('words that may be a disclosure are held: not counted, not shown, no words in any event; open answers wait for approval when the session says so', async () => {
  const s = await makeSession('riverside', [{ kind: 'word_cloud', settings: { maxWords: 3 } }, { kind: 'open_text' }], 'running', 'approve');
  const b = await joined(s.base);
  await b.get(`${s.base}/i/${s.ids[0]}`);
  await b.post(`${s.base}/i/${s.ids[0]}`, { word1: 'my step dad hits me' });
  const page = await b.get(`${s.base}/i/${s.ids[0]}`);
  assert.match(page.body, /Your words will not go on the big screen\. A person whose job is to keep people safe will read them\./);
  assert.doesNotMatch(page.body, /hits me/);
  const tally = await tallyOf(s.areaId, s.sessionId, s.ids[0]!);
  assert.deepEqual(tally, { kind: 'word_cloud', answers: 0, people: 0, words: [] });
  await b.get(`${s.base}/i/${s.ids[1]}`);
  await b.post(`${s.base}/i/${s.ids[1]}`, { text: 'A quiet room', clientKey: /name="clientKey" value="([^"]+)"/.exec(b.lastHtml)![1]! });
  const own = await b.get(`${s.base}/i/${s.ids[1]}`);
  assert.match(own.body, /waiting for the person running the session/);
  const events = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_event').select(['kind', 'audience', 'payload']).where('session_id', '=', s.sessionId).where('kind', '!=', 'participants').execute());
  assert.ok(events.every((e) => e.audience !== 'everyone'), JSON.stringify(events));
  assert.ok(events.every((e) => !JSON.stringify(e.payload).includes('hits')), 'no held words in any event');
  assert.deepEqual(events.filter((e) => e.kind.startsWith('post.')).map((e) => [e.kind, e.audience]), [['post.pending', 'staff']]);
});

test('the end page gives the receipt code, what it is for, and saves how to hear back against the response', async () => {
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const b = await joined(s.base);
  const end = readPage((await b.get(`${s.base}/end`)).body);
  const participant = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_participant as p').innerJoin('response as r', 'r.id', 'p.response_id').select(['r.receipt_code', 'r.id']).where('p.session_id', '=', s.sessionId).executeTakeFirstOrThrow());
  assert.ok(end.getByText(participant.receipt_code!));
  assert.equal(end.getByRole('link', { name: 'Go to "What happened to my views?"' }).getAttribute('href'), '/a/riverside/my-views');
  const wrong = await b.post(`${s.base}/end/hear-back`, { channel: 'email', email: 'not an email', format: 'easy_read' });
  assert.equal(wrong.statusCode, 422);
  assert.equal((readPage(wrong.body).getByLabelText('Email address') as HTMLInputElement).value, 'not an email');
  assert.equal((await b.post(`${s.base}/end/hear-back`, { channel: 'sms', mobile: '07700 900123', format: 'easy_read' })).statusCode, 303);
  const contact = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('feedback_contact').selectAll().where('response_id', '=', participant.id).executeTakeFirstOrThrow());
  assert.equal(contact.channel, 'sms');
  assert.equal(contact.address, '+447700900123');
  // A shared tablet: the next person joins as themselves, with a code of their own.
  await b.get(`${s.base}/end`);
  const next = await b.post(`${s.base}/end/next-person`);
  assert.equal(next.headers.location, s.base);
  assert.ok(readPage((await b.get(s.base)).body).getByLabelText('I agree to the rules'));
  await b.post(s.base, { agree: 'yes', nickname: '', who: 'me', joinKey: /name="joinKey" value="([^"]+)"/.exec(b.lastHtml)![1]! });
  const codes = await withArea(t.db, s.areaId, (tx) => tx.selectFrom('live_participant as p').innerJoin('response as r', 'r.id', 'p.response_id').select('r.receipt_code').where('p.session_id', '=', s.sessionId).execute());
  assert.equal(new Set(codes.map((c) => c.receipt_code)).size, 2);
});

test('people join a session before it starts and wait; ended sessions go to the end, other areas\' sessions are not found, and junk never makes a 500', async () => {
  const draft = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }], 'draft');
  // The big screen says "Join now!" before the start: joining works, then the page waits.
  const b = await joined(draft.base);
  const waiting = await b.get(`${draft.base}/now`);
  assert.equal(waiting.statusCode, 200);
  assert.match(waiting.body, /Not started yet/);
  assert.match(waiting.body, /You have joined\. The first question will be here when the session starts\./);
  assert.match(waiting.body, /<noscript><meta http-equiv="refresh" content="5"><\/noscript>/);
  // Nothing can be answered before the start.
  assert.match((await b.get(`${draft.base}/i/${draft.ids[0]}`)).body, /Not started yet/);
  const ended = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }], 'ended');
  assert.equal((await b.get(ended.base)).headers.location, `${ended.base}/end`);
  // A browser that has not joined, sent a question's address, is asked to join first.
  const running = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }]);
  const stranger = readPage((await new Browser().get(`${running.base}/i/${running.ids[0]}`)).body);
  assert.ok(stranger.getByLabelText('I agree to the rules'));
  const nv = await makeSession('northVale', [{ kind: 'choice', settings: CHOICE }]);
  assert.equal((await b.get(`/a/riverside/live/${nv.sessionId}`)).statusCode, 404);
  const s = await makeSession('riverside', [{ kind: 'choice', settings: CHOICE }, { kind: 'scale' }, { kind: 'word_cloud' }, { kind: 'ranking', settings: { options: CHOICE.options } }, { kind: 'open_text' }, { kind: 'qanda' }, { kind: 'board' }]);
  const p = await joined(s.base);
  const junk: Record<string, string | string[]>[] = [
    {},
    { option: 'zzz' },
    { option: ['a', 'b'] },
    { value: '99' },
    { word1: 'x'.repeat(5000) },
    { 'rank-a': '-1' },
    { text: '\u0000' },
    { clientKey: 'short', text: 'hi' },
    { vote: 'maybe' },
    { agree: ['yes', 'no'], who: 'group', groupSize: '11', nickname: 'n'.repeat(200) },
  ];
  for (const id of [...s.ids, 'not-an-id', '00000000-0000-0000-0000-000000000000']) {
    const url = `${s.base}/i/${id}`;
    assert.ok((await p.get(url)).statusCode < 500, url);
    for (const form of junk) {
      for (const target of [url, `${url}/questions`, `${url}/questions/00000000-0000-0000-0000-000000000000/vote`, s.base, `${s.base}/end/hear-back`, '/join']) {
        const r = await p.post(target, form);
        assert.ok(r.statusCode < 500, `${target} ${JSON.stringify(form).slice(0, 80)}: ${r.statusCode}`);
      }
    }
  }
  assert.ok((await p.get('/join/%00%00')).statusCode < 500);
  assert.ok((await p.get(`/join/${'x'.repeat(300)}`)).statusCode < 500);
});

test('the answer page costs the same number of queries with 2 or 20 interactions and 1 or 30 questions', async () => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const measure = async (interactions: number, questions: number) => {
      const s = await makeSession('riverside', [{ kind: 'qanda' }, ...Array.from({ length: interactions - 1 }, () => ({ kind: 'choice' as const, settings: CHOICE }))]);
      const b = await joined(s.base);
      await withArea(t.db, s.areaId, async (tx) => {
        const participant = await tx.selectFrom('live_participant').select('id').where('session_id', '=', s.sessionId).executeTakeFirstOrThrow();
        for (let n = 0; n < questions; n += 1) {
          await tx.insertInto('live_post').values({ area_id: s.areaId, interaction_id: s.ids[0]!, participant_id: participant.id, kind: 'question', original_text: `Q${n}`, shown_text: `Q${n}`, status: 'shown', client_key: `question-key-${n}-xxxxxxxx`, position: n + 1 }).execute();
        }
      });
      const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      counter.reset();
      const r = await counted.inject({ method: 'GET', url: `${s.base}/i/${s.ids[0]}`, headers: { cookie } });
      assert.equal(r.statusCode, 200);
      return counter.count();
    };
    // Each twice: the rate-limit store's clean-up (at most once a minute) may fall into one of them.
    const small = Math.min(await measure(2, 1), await measure(2, 1));
    const large = Math.min(await measure(20, 30), await measure(20, 30));
    assert.equal(large, small, `queries: ${small} with 2 interactions and 1 question, ${large} with 20 and 30`);
  } finally {
    await counted.close();
  }
});
