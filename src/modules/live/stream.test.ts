/**
 * Live events by Server-Sent Events across instances (issue 15 §3): two apps on one database, each
 * with its own hub listening on PostgreSQL, both really listening on HTTP; clients are plain fetch
 * streams reading the SSE text as EventSource would.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { appRoleUrl } from '../../db/bootstrap.ts';
import type { Db, LiveAudience } from '../../db/database.ts';
import { createDb, withArea } from '../../db/db.ts';
import { newToken, hashToken } from '../../lib/tokens.ts';
import { cuttableProxy, type CuttableProxy } from '../../testing/cuttable-proxy.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testConfig, type TestDb } from '../../testing/harness.ts';
import { appendEvent, newJoinCode, PARTICIPANT_COOKIE } from './core.ts';
import { STREAMS_PER_PERSON } from './stream.routes.ts';

type Instance = { app: FastifyInstance; db: Db; base: string };
type Received = { id: number; event: string; data: unknown };

let t: TestDb;
let areas: TwoAreas;
let appUrl: string;
let a: Instance;
let b: Instance;
let proxy: CuttableProxy;
let lead: Client;
const SECRET = 'test-secret-'.padEnd(64, 'x');

async function instance(listenUrl: string, config: Parameters<typeof testConfig>[0] = {}): Promise<Instance> {
  const db = createDb(appUrl, { max: 5 });
  const app = await buildApp({ config: testConfig(config), db, secret: SECRET, databaseUrl: listenUrl });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return { app, db, base: `http://127.0.0.1:${address.port}` };
}

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  appUrl = await appRoleUrl(t.ownerUrl);
  a = await instance(appUrl);
  // B listens through a proxy the last test cuts, as if the database went away.
  const url = new URL(appUrl);
  proxy = await cuttableProxy({ host: url.hostname, port: Number(url.port) });
  b = await instance(proxy.through(appUrl));
  lead = new Client(a.app);
  await lead.signIn('lead@riverside.example');
});

after(async () => {
  await a.app.close();
  await b.app.close();
  await a.db.destroy();
  await b.db.destroy();
  await proxy.close();
  await t.drop();
});

async function newSession(areaId: string, activityId: string): Promise<string> {
  return withArea(t.db, areaId, async (tx) => {
    const joinCode = newJoinCode();
    const session = await tx.insertInto('live_session').values({ area_id: areaId, activity_id: activityId, title: 'Stream test', join_code: joinCode, status: 'running', started_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('live_join_code').values({ code: joinCode, area_id: areaId, session_id: session.id }).execute();
    return session.id;
  });
}

/** Joins as a participant (straight into the tables): the cookie a browser would hold. */
async function join(areaId: string, activityId: string, sessionId: string): Promise<string> {
  const token = newToken();
  await withArea(t.db, areaId, async (tx) => {
    const now = new Date();
    const response = await tx
      .insertInto('response')
      .values({ area_id: areaId, activity_id: activityId, mode: 'anonymous', account_id: null, supporter_relationship: null, support_methods: [] as never, supporter_account_id: null, status: 'submitted', access_token_hash: hashToken(token), resume_code_hash: null, idempotency_key: `live:${hashToken(token)}`, receipt_code: newToken().slice(0, 10).toUpperCase(), age_band: null, sex: null, ethnicity: null, need_type: null, support_level: null, language: 'en', updated_at: now, submitted_at: now, channel: 'live' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('live_participant').values({ area_id: areaId, session_id: sessionId, token_hash: hashToken(token), response_id: response.id, rules_agreed_at: now }).execute();
  });
  return `${PARTICIPANT_COOKIE}=${a.app.signCookie(token)}`;
}

async function append(on: Instance, areaId: string, sessionId: string, kind: string, audience: LiveAudience, payload: unknown): Promise<number> {
  return withArea(on.db, areaId, (tx) => appendEvent(tx, areaId, sessionId, kind, audience, payload));
}

const leadCookie = () => [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** An open SSE stream, read as EventSource reads it. */
class Stream {
  readonly received: Received[] = [];
  status = 0;
  headers = new Headers();
  ended = false;
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];
  private done: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string>): Promise<Stream> {
    const stream = new Stream();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, br', ...headers }, signal: stream.controller.signal });
    stream.status = response.status;
    stream.headers = response.headers;
    if (response.status !== 200 || !response.body) {
      await response.text().catch(() => {});
      stream.ended = true;
      return stream;
    }
    stream.done = stream.read(response.body);
    return stream;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const fields = new Map(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()] as const));
          // A tally has no id (0 here): state, not a numbered event.
          if (fields.has('data')) this.received.push({ id: Number(fields.get('id') ?? 0), event: fields.get('event') ?? 'message', data: JSON.parse(fields.get('data') ?? 'null') });
          this.wake();
        }
      }
    } catch {
      // aborted by close()
    }
    this.ended = true;
    this.wake();
  }

  private wake() {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  /** Waits until `n` events have arrived (or the stream ended). */
  async until(n: number): Promise<Received[]> {
    while (this.received.length < n && !this.ended) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.received;
  }

  async closed(): Promise<void> {
    await this.done;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}

const ids = (events: Received[]) => events.map((e) => e.id);

test('a vote recorded through instance A reaches a participant and a screen connected to instance B', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const participant = await Stream.open(`${b.base}/a/riverside/live/${sessionId}/events`, { cookie });
  const screen = await Stream.open(`${b.base}/a/riverside/activities/${r.activityId}/live/${sessionId}/events?view=screen`, { cookie: leadCookie() });
  assert.equal(participant.status, 200);
  assert.equal(screen.status, 200);
  assert.match(participant.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(participant.headers.get('cache-control'), 'no-cache, no-transform');
  assert.equal(participant.headers.get('x-accel-buffering'), 'no');
  assert.equal(participant.headers.get('content-encoding'), null, 'never compressed (compression would hold events back)');

  const seq = await append(a, r.id, sessionId, 'tally', 'everyone', { interactionId: 'x', tally: { total: 1 } });
  const [event] = await participant.until(1);
  assert.deepEqual(event, { id: seq, event: 'tally', data: { interactionId: 'x', tally: { total: 1 } } });
  assert.deepEqual(ids(await screen.until(1)), [seq]);
  await participant.close();
  await screen.close();
});

test('a child votes on instance A\'s question page; the big screen on instance B shows it, counted once however often the form is sent', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const interactionId = await withArea(t.db, r.id, async (tx) => {
    const settings = { options: [{ id: 'a', label: 'Yes', symbol: null }, { id: 'b', label: 'No', symbol: null }], multiple: false };
    const i = await tx.insertInto('live_interaction').values({ area_id: r.id, session_id: sessionId, position: 1, kind: 'choice', prompt: 'Saturdays?', settings: JSON.stringify(settings), results_hidden: false, state: 'open' }).returning('id').executeTakeFirstOrThrow();
    await tx.updateTable('live_session').set({ current_interaction_id: i.id }).where('id', '=', sessionId).execute();
    return i.id;
  });
  const screen = await Stream.open(`${b.base}/a/riverside/activities/${r.activityId}/live/${sessionId}/events?view=screen`, { cookie: leadCookie() });
  // The question page on A, as the child's phone reads it: its form token and cookie.
  const url = `${a.base}/a/riverside/live/${sessionId}/i/${interactionId}`;
  const page = await fetch(url, { headers: { cookie } });
  assert.equal(page.status, 200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const jar = [cookie, ...page.headers.getSetCookie().map((c) => c.split(';')[0]!)].join('; ');
  const vote = () => fetch(url, { method: 'POST', redirect: 'manual', headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, option: 'b' }).toString() });
  const replies = await Promise.all([vote(), vote(), vote()]);
  assert.deepEqual(replies.map((reply) => reply.status), [303, 303, 303]);
  const [tally] = await screen.until(1);
  assert.equal(tally?.event, 'tally');
  assert.deepEqual((tally?.data as { tally: unknown }).tally, { kind: 'choice', answers: 1, people: 1, counts: { a: 0, b: 1 } });
  await screen.close();
});

test('a vote (not a numbered event) reaches the screens on the other instance as a tally without an id; never a participant', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const participantId = await withArea(t.db, r.id, (tx) => tx.selectFrom('live_participant').select('id').where('session_id', '=', sessionId).executeTakeFirstOrThrow());
  const interactionId = await withArea(t.db, r.id, async (tx) => {
    const settings = { options: [{ id: 'a', label: 'Yes', symbol: null }, { id: 'b', label: 'No', symbol: null }], multiple: false };
    const i = await tx.insertInto('live_interaction').values({ area_id: r.id, session_id: sessionId, position: 1, kind: 'choice', prompt: 'Saturdays?', settings: JSON.stringify(settings), results_hidden: false, state: 'open' }).returning('id').executeTakeFirstOrThrow();
    return i.id;
  });
  const participant = await Stream.open(`${b.base}/a/riverside/live/${sessionId}/events`, { cookie });
  const screen = await Stream.open(`${b.base}/a/riverside/activities/${r.activityId}/live/${sessionId}/events?view=screen`, { cookie: leadCookie() });
  const raw = await fetch(`${b.base}/a/riverside/activities/${r.activityId}/live/${sessionId}/events?view=console`, { headers: { accept: 'text/event-stream', cookie: leadCookie() } });
  // The vote, through instance A's pool, as the participate part records one.
  await withArea(a.db, r.id, async (tx) => {
    await tx.insertInto('live_answer').values({ area_id: r.id, interaction_id: interactionId, participant_id: participantId.id, value: JSON.stringify({ options: ['a'] }) }).execute();
    await sql`select pg_notify('chorus_live_tally', ${`${sessionId}:${interactionId}`})`.execute(tx);
  });
  const [tally] = await screen.until(1);
  assert.equal(tally?.event, 'tally');
  assert.deepEqual((tally?.data as { interactionId: string; tally: { answers: number; counts: Record<string, number> } }).tally.answers, 1);
  // No id: a reconnect resumes after the last numbered event.
  const reader = raw.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value) + new TextDecoder().decode((await reader.read()).value);
  assert.match(first, /event: tally\ndata: /);
  assert.doesNotMatch(first, /id: /);
  await reader.cancel();
  // The participant got nothing: the next event for everyone is the first they see.
  const everyone = await append(a, r.id, sessionId, 'votes', 'everyone', {});
  assert.deepEqual(ids(await participant.until(1)), [everyone]);
  assert.deepEqual(participant.received.map((e) => e.event), ['votes']);
  await Promise.all([participant.close(), screen.close()]);
});

test('each viewer gets only its audiences: a participant never receives staff or screen events', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const participant = await Stream.open(`${b.base}/a/riverside/live/${sessionId}/events`, { cookie });
  const screen = await Stream.open(`${b.base}/a/riverside/activities/${r.activityId}/live/${sessionId}/events?view=screen`, { cookie: leadCookie() });
  const console_ = await Stream.open(`${a.base}/a/riverside/activities/${r.activityId}/live/${sessionId}/events?view=console`, { cookie: leadCookie() });
  const staff = await append(a, r.id, sessionId, 'post.held', 'staff', { postId: 'p' });
  const onScreen = await append(a, r.id, sessionId, 'participants', 'screen', { count: 3, people: 4 });
  const everyone = await append(b, r.id, sessionId, 'post.shown', 'everyone', { postId: 'q' });
  assert.deepEqual(ids(await console_.until(3)), [staff, onScreen, everyone]);
  assert.deepEqual(ids(await screen.until(2)), [onScreen, everyone]);
  assert.deepEqual(ids(await participant.until(1)), [everyone]);
  // One more for everyone: had a staff or screen event reached the participant, it would show before this.
  const last = await append(a, r.id, sessionId, 'votes', 'everyone', {});
  assert.deepEqual(ids(await participant.until(2)), [everyone, last]);
  assert.deepEqual(participant.received.map((e) => e.event), ['post.shown', 'votes']);
  await Promise.all([participant.close(), screen.close(), console_.close()]);
});

test('reconnecting with Last-Event-ID gets exactly the missed events, in order, then live ones, none twice', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const url = `${b.base}/a/riverside/live/${sessionId}/events`;
  const first = await Stream.open(url, { cookie });
  const one = await append(a, r.id, sessionId, 'tally', 'everyone', { n: 1 });
  const two = await append(a, r.id, sessionId, 'tally', 'everyone', { n: 2 });
  assert.deepEqual(ids(await first.until(2)), [one, two]);
  await first.close();

  // While away: three for everyone and one for staff.
  const missed = [];
  for (let n = 3; n <= 5; n += 1) {
    missed.push(await append(a, r.id, sessionId, 'tally', 'everyone', { n }));
    await append(a, r.id, sessionId, 'post.pending', 'staff', { n });
  }
  const again = await Stream.open(url, { cookie, 'last-event-id': String(two) });
  assert.deepEqual(ids(await again.until(3)), missed);
  const live = await append(b, r.id, sessionId, 'tally', 'everyone', { n: 6 });
  assert.deepEqual(ids(await again.until(4)), [...missed, live]);
  assert.deepEqual(again.received.map((e) => (e.data as { n: number }).n), [3, 4, 5, 6]);
  await again.close();

  // A page drawn at seq N starts its first stream with ?after=N; Last-Event-ID wins when both are sent.
  const fromPage = await Stream.open(`${url}?after=${missed[1]}`, { cookie });
  assert.deepEqual(ids(await fromPage.until(2)), [missed[2], live]);
  await fromPage.close();
  const both = await Stream.open(`${url}?after=0`, { cookie, 'last-event-id': String(live - 1) });
  assert.deepEqual(ids(await both.until(1)), [live]);
  await both.close();
});

test('events committed while a stream is starting arrive once each, in order, with no gap', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const burst = Array.from({ length: 60 }, (_, n) => n);
  // 60 events from both instances while three streams connect (one mid-way, with ?after=0).
  const writing = Promise.all(burst.map((n) => append(n % 2 ? a : b, r.id, sessionId, 'tally', 'everyone', { n })));
  const streams = await Promise.all([0, 1, 2].map((i) => Stream.open(`${(i % 2 ? a : b).base}/a/riverside/live/${sessionId}/events?after=0`, { cookie })));
  const seqs = (await writing).sort((x, y) => x - y);
  assert.deepEqual(seqs, Array.from({ length: 60 }, (_, n) => n + 1), 'numbered without gaps');
  for (const stream of streams) {
    assert.deepEqual(ids(await stream.until(60)), seqs);
    await stream.close();
    assert.equal(stream.received.length, 60);
  }
});

test('refused: no cookie, another session’s cookie, another area’s session, a practitioner of another organisation', async () => {
  const r = areas.riverside;
  const nv = areas.northVale;
  const sessionId = await newSession(r.id, r.activityId);
  const other = await newSession(r.id, r.activityId);
  const otherCookie = await join(r.id, r.activityId, other);
  assert.equal((await Stream.open(`${a.base}/a/riverside/live/${sessionId}/events`, {})).status, 403);
  assert.equal((await Stream.open(`${a.base}/a/riverside/live/${sessionId}/events`, { cookie: otherCookie })).status, 403);
  // North Vale's session, asked for through Riverside's address, is not found; through its own, refused to Riverside's lead.
  assert.equal((await Stream.open(`${a.base}/a/riverside/live/${nv.liveSessionId}/events`, { cookie: otherCookie })).status, 404);
  assert.equal((await Stream.open(`${a.base}/a/riverside/activities/${r.activityId}/live/${nv.liveSessionId}/events`, { cookie: leadCookie() })).status, 404);
  assert.equal((await Stream.open(`${a.base}/a/north-vale/activities/${nv.activityId}/live/${nv.liveSessionId}/events`, { cookie: leadCookie() })).status, 403);
  // The fixture session, under its own activity: allowed; a session under another activity's address: not found.
  const ownActivity = await Stream.open(`${a.base}/a/riverside/activities/${r.activityId}/live/${r.liveSessionId}/events?view=console`, { cookie: leadCookie() });
  assert.equal(ownActivity.status, 200);
  await ownActivity.close();
  const wrongActivity = await withArea(t.db, r.id, (tx) => tx.selectFrom('activity').select('id').where('area_id', '=', r.id).where('id', '!=', r.activityId).executeTakeFirstOrThrow());
  assert.equal((await Stream.open(`${a.base}/a/riverside/activities/${wrongActivity.id}/live/${sessionId}/events`, { cookie: leadCookie() })).status, 404);
  // A practitioner with no organisation may not run the NHS trust's activity's sessions.
  const practitioner = new Client(a.app);
  await practitioner.signIn('only-practitioner@riverside.example');
  const cookie = [...practitioner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  assert.equal((await Stream.open(`${a.base}/a/riverside/activities/${r.activityId}/live/${sessionId}/events`, { cookie })).status, 403);
});

test(`one browser holds at most ${STREAMS_PER_PERSON} streams; closing one frees its place`, async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const url = `${a.base}/a/riverside/live/${sessionId}/events`;
  const held = [];
  for (let i = 0; i < STREAMS_PER_PERSON; i += 1) held.push(await Stream.open(url, { cookie }));
  assert.deepEqual(held.map((s) => s.status), held.map(() => 200));
  assert.equal((await Stream.open(url, { cookie })).status, 429);
  // Another participant in the same room is not affected.
  const neighbour = await Stream.open(url, { cookie: await join(r.id, r.activityId, sessionId) });
  assert.equal(neighbour.status, 200);
  await held.pop()!.close();
  // The server notices the closed connection a moment later.
  let again: Stream;
  for (;;) {
    again = await Stream.open(url, { cookie });
    if (again.status === 200) break;
    assert.equal(again.status, 429);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await Promise.all([...held, neighbour, again].map((s) => s.close()));
});

test('the end of the session is sent, then the stream closes; reconnecting after it gets 204 (EventSource stops)', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const url = `${b.base}/a/riverside/live/${sessionId}/events`;
  const stream = await Stream.open(url, { cookie });
  const ended = await withArea(a.db, r.id, async (tx) => {
    await tx.updateTable('live_session').set({ status: 'ended', ended_at: new Date() }).where('id', '=', sessionId).execute();
    return appendEvent(tx, r.id, sessionId, 'session.state', 'everyone', { status: 'ended', currentInteractionId: null });
  });
  await stream.closed();
  assert.deepEqual(stream.received.map((e) => [e.id, e.event]), [[ended, 'session.state']]);
  const late = await Stream.open(url, { cookie, 'last-event-id': String(ended - 1) });
  assert.equal(late.status, 200, 'a browser that missed the end still hears it');
  await late.closed();
  assert.deepEqual(ids(late.received), [ended]);
  assert.equal((await Stream.open(url, { cookie, 'last-event-id': String(ended) })).status, 204);
});

test('a request that does not ask for a stream gets the events so far and ends', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const one = await append(a, r.id, sessionId, 'tally', 'everyone', { n: 1 });
  await append(a, r.id, sessionId, 'post.pending', 'staff', {});
  const response = await a.app.inject({ url: `/a/riverside/live/${sessionId}/events?after=0`, headers: { cookie, 'accept-encoding': 'gzip' } });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-encoding'], undefined);
  assert.equal(response.body, `retry: 3000\n\nid: ${one}\nevent: tally\ndata: {"n":1}\n\n`);
});

test('a stream is one request for the per-address limit, however many events it carries', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const c = await instance(appUrl, { rateLimitPerMinute: 3 });
  try {
    const console_ = await Stream.open(`${c.base}/a/riverside/activities/${r.activityId}/live/${sessionId}/events?view=console`, { cookie: leadCookie() });
    assert.equal(console_.status, 200);
    const seqs = [];
    for (let n = 0; n < 10; n += 1) seqs.push(await append(a, r.id, sessionId, 'tally', 'staff', { n }));
    assert.deepEqual(ids(await console_.until(10)), seqs);
    // The limit is 3 a minute: the stream was one, so two more pages, then the third is refused.
    assert.equal((await fetch(`${c.base}/sign-in`)).status, 200);
    assert.equal((await fetch(`${c.base}/sign-in`)).status, 200);
    assert.equal((await fetch(`${c.base}/sign-in`)).status, 429);
    await console_.close();
  } finally {
    await c.app.close();
    await c.db.destroy();
  }
});

test('streams end when the server stops, so the process can exit', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const c = await instance(appUrl);
  try {
    const stream = await Stream.open(`${c.base}/a/riverside/live/${sessionId}/events`, { cookie });
    assert.equal(stream.status, 200);
    // The stream is live once it hears events.
    const seq = await append(c, r.id, sessionId, 'tally', 'everyone', {});
    assert.deepEqual(ids(await stream.until(1)), [seq]);
    assert.equal(c.app.liveHub.watcherCount, 1);
    await c.app.close();
    await stream.closed();
    assert.ok(stream.ended);
    assert.equal(c.app.liveHub.watcherCount, 0);
  } finally {
    await c.app.close();
    await c.db.destroy();
  }
});

test('when the listening connection drops, the hub listens again and sends what was committed meanwhile', async () => {
  const r = areas.riverside;
  const sessionId = await newSession(r.id, r.activityId);
  const cookie = await join(r.id, r.activityId, sessionId);
  const stream = await Stream.open(`${b.base}/a/riverside/live/${sessionId}/events`, { cookie });
  const before = await append(a, r.id, sessionId, 'tally', 'everyone', { n: 1 });
  await stream.until(1);
  const reconnects = b.app.liveHub.counts.reconnects;
  proxy.cut();
  // Committed while B cannot hear: no NOTIFY reaches it.
  const during = await append(a, r.id, sessionId, 'tally', 'everyone', { n: 2 });
  proxy.restore();
  assert.deepEqual(ids(await stream.until(2)), [before, during]);
  assert.ok(b.app.liveHub.counts.reconnects > reconnects);
  const after_ = await append(a, r.id, sessionId, 'tally', 'everyone', { n: 3 });
  assert.deepEqual(ids(await stream.until(3)), [before, during, after_]);
  await stream.close();
});
