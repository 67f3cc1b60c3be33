/**
 * The database-kill test (issue 10 §1, QUALITY.md "Degraded dependency"): the real `npm start`
 * process on its own embedded PostgreSQL, people answering the survey as a browser without
 * JavaScript would, and the PostgreSQL server killed with SIGKILL in the middle of it. For a few
 * seconds something else holds its port, so the first restart fails and the backoff shows.
 *
 * Asserted: the Chorus process never dies and /health/live always answers; while the database is
 * gone pages answer the friendly 503, /health/ready says so, and what a person typed into a form is
 * shown back to them; Chorus restarts PostgreSQL by itself and every page answers 200 again; every
 * step a person was told had worked (a 303) is in the database, exactly once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { readPage } from '../testing/dom.ts';
import { freePort } from '../testing/free-port.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'chorus-outage-test-'));
chmodSync(dataDir, 0o755);

/** How long people answer before the kill, how long the port is held after it, and the bounds. */
const LOAD_BEFORE_KILL_MS = 2500;
const PORT_HELD_MS = 2500;
const RECOVERY_BOUND_MS = 30_000;
const LOAD_AFTER_RECOVERY_MS = 2500;
const WORKERS = 6;

type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

let chorus: Running | undefined;
after(async () => {
  if (chorus && chorus.child.exitCode === null) {
    chorus.child.kill('SIGKILL');
    await chorus.exited;
  }
  // A PostgreSQL left behind by a failed run must not outlive the test.
  const pid = postmasterPid();
  if (pid) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function postmasterPid(): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function start(port: number, pgPort: number): Running {
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      CHORUS_PG_PORT: String(pgPort),
      CHORUS_DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      // Every request comes from 127.0.0.1: the per-address limit is not what this test is about.
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Jobs would only add noise to the figures.
      CHORUS_JOBS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(running: Running, pattern: RegExp, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(running.output())) {
    if (Date.now() > until || running.child.exitCode !== null) throw new Error(`did not see ${pattern}:\n${running.output().slice(-3000)}`);
    await sleep(100);
  }
}

type Answer = { status: number; body: string; location: string | null; headers: Headers };

/** One person's browser: keeps cookies, follows nothing by itself. A refused connection is status 0. */
class Browser {
  readonly cookies = new Map<string, string>();
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }
  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Answer> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    try {
      const response = await fetch(this.base + url, { method, headers, body: form ? new URLSearchParams(form) : undefined, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
      this.keep(response);
      return { status: response.status, body: await response.text(), location: response.headers.get('location'), headers: response.headers };
    } catch {
      return { status: 0, body: '', location: null, headers: new Headers() };
    }
  }
}

type Question = { id: string; type: string; options: string[] };

/** What one simulated person sends for a question (the children's survey of the demo). */
function formFor(question: Question, n: number): Record<string, string> {
  if (question.type === 'card_sort') return Object.fromEntries(question.options.map((o, i) => [`pile-${o}`, ['like', 'unsure', 'dislike'][(i + n) % 3]!]));
  if (question.type === 'free_text') return { answer: `Somewhere quiet to sit, person ${n}` };
  return { answer: question.options[n % question.options.length]! };
}

/** What the test was told was saved, to compare with the database afterwards. */
type Acknowledged = { key: string; responseId?: string; answers: Map<string, string | undefined>; anythingElse?: string; submittedAt?: number };

test('PostgreSQL killed under load: Chorus stays up, answers 503 with what was typed, restarts it, recovers, loses nothing acknowledged', { timeout: 180_000 }, async (t) => {
  try {
    await killUnderLoad((message) => t.diagnostic(message));
  } finally {
    finished = true;
  }
});

/** Set when the test ends, however it ends: loops stop so the process can exit. */
let finished = false;

async function killUnderLoad(report: (message: string) => void): Promise<void> {
  const [port, pgPort] = [await freePort(), await freePort()];
  chorus = start(port, pgPort);
  const running = chorus;
  await waitFor(running, /Chorus is running/);
  const base = `http://127.0.0.1:${port}`;

  const password = readFileSync(path.join(dataDir, 'pg-superuser.secret'), 'utf8').trim();
  const ownerUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/chorus`;
  const readDb = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: ownerUrl });
    client.on('error', () => {});
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };

  const [survey] = await readDb<{ id: string }>(`select id from activity where title = 'Help us plan the new Saturday club'`);
  assert.ok(survey, 'the demo children\'s survey exists');
  const questionRows = await readDb<{ id: string; type: string; options: string[] | null }>(
    `select q.id, q.type, array_remove(array_agg(o.id::text order by o.position), null) as options
       from question q left join question_option o on o.question_id = q.id
      where q.activity_id = $1 group by q.id, q.type, q.position order by q.position`,
    [survey.id],
  );
  const questions: Question[] = questionRows.map((q) => ({ id: q.id, type: q.type, options: q.options ?? [] }));
  const surveyPath = `/a/riverside/surveys/${survey.id}`;
  // Responses the demo seeded are older than this.
  const [{ loadFrom }] = (await readDb<{ loadFrom: Date }>('select now() as "loadFrom"')) as [{ loadFrom: Date }];

  // ── Load: people answering the survey; a step that gets 503 (or no answer) is tried again ──────
  const acknowledged: Acknowledged[] = [];
  const unexpected: string[] = [];
  const seen = { ok: 0, unavailable: 0, refused: 0 };
  let stopLoad = false;
  let counter = 0;

  /** Sends one step until it is acknowledged with `wanted`; false when the load stopped first. */
  const step = async (send: () => Promise<Answer>, wanted: number, what: string): Promise<Answer | undefined> => {
    const giveUpAt = Date.now() + RECOVERY_BOUND_MS + 10_000;
    for (;;) {
      if (finished) return undefined;
      const answer = await send();
      if (answer.status === wanted) {
        seen.ok += 1;
        return answer;
      }
      if (answer.status === 503) seen.unavailable += 1;
      else if (answer.status === 0) seen.refused += 1;
      else {
        unexpected.push(`${what}: ${answer.status} ${answer.body.slice(0, 200)}`);
        return undefined;
      }
      if (Date.now() > giveUpAt) {
        unexpected.push(`${what}: still ${answer.status} after the recovery bound`);
        return undefined;
      }
      await sleep(150);
    }
  };

  const respondOnce = async () => {
    const n = counter++;
    const browser = new Browser(base);
    const page = await step(() => browser.request('GET', surveyPath), 200, 'start page');
    if (!page) return;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)?.[1] ?? randomBytes(16).toString('base64url');
    const record: Acknowledged = { key, answers: new Map() };
    acknowledged.push(record);
    const started = await step(() => browser.request('POST', surveyPath, { _csrf: csrf, idempotencyKey: key, how: 'own' }), 303, 'start');
    if (!started) return;
    const responseBase = started.location!.replace(/\/continue$/, '');
    record.responseId = responseBase.split('/').pop();
    for (const [i, question] of questions.entries()) {
      const form = formFor(question, n);
      if (!(await step(() => browser.request('POST', `${responseBase}/questions/${i + 1}`, { _csrf: csrf, ...form }), 303, `question ${i + 1}`))) return;
      record.answers.set(question.id, question.type === 'free_text' ? form.answer : undefined);
    }
    const words = `Thank you for asking me (${n})`;
    if (!(await step(() => browser.request('POST', `${responseBase}/anything-else`, { _csrf: csrf, anythingElse: words }), 303, 'anything else'))) return;
    record.anythingElse = words;
    if (!(await step(() => browser.request('POST', `${responseBase}/submit`, { _csrf: csrf }), 303, 'submit'))) return;
    record.submittedAt = Date.now();
  };

  const workers = Array.from({ length: WORKERS }, async () => {
    while (!stopLoad && !finished) await respondOnce();
  });

  // A response started before the outage, for typing into during it.
  const typist = new Browser(base);
  const typistPage = await typist.request('GET', surveyPath);
  const typistCsrf = /name="_csrf" value="([^"]+)"/.exec(typistPage.body)?.[1] ?? '';
  const typistKey = /name="idempotencyKey" value="([^"]+)"/.exec(typistPage.body)?.[1] ?? '';
  const typistStart = await typist.request('POST', surveyPath, { _csrf: typistCsrf, idempotencyKey: typistKey, how: 'own' });
  assert.equal(typistStart.status, 303);
  const typistBase = typistStart.location!.replace(/\/continue$/, '');

  // ── Probes: every 100 ms, the process, readiness and two pages ───────────────────────────────
  const timeline: Array<{ at: number; live: number; ready: number; home: number; survey: number }> = [];
  let probing = true;
  const probe = new Browser(base);
  const probes = (async () => {
    while (probing && !finished) {
      const [live, ready, home, surveyPage] = await Promise.all([
        probe.request('GET', '/health/live'),
        probe.request('GET', '/health/ready'),
        probe.request('GET', '/a/riverside'),
        probe.request('GET', surveyPath),
      ]);
      timeline.push({ at: Date.now(), live: live.status, ready: ready.status, home: home.status, survey: surveyPage.status });
      await sleep(100);
    }
  })();

  await sleep(LOAD_BEFORE_KILL_MS);
  // On a busy machine (several test files at once) 2.5 s may not see one whole response through:
  // the kill waits for one, so "acknowledged before the kill" below tests the app, not the load.
  await waitUntil(() => acknowledged.some((a) => a.submittedAt !== undefined), 60_000);

  // ── The kill, and something else on the port for a while ────────────────────────────────────
  const pid = postmasterPid();
  assert.ok(pid, 'postmaster.pid names the server');
  const killedAt = Date.now();
  process.kill(pid, 'SIGKILL');
  const holder = await holdPort(pgPort);
  const releaseOnce = once(holder.release);
  void waitUntil(() => finished, 600_000).then(releaseOnce);
  try {
    // During the outage: the friendly page, readiness, and what was typed shown back.
    const down = await waitUntil(() => timeline.some((t) => t.at > killedAt && t.home === 503), 10_000);
    assert.ok(down, `pages answer 503 soon after the kill (Chorus ${running.child.exitCode === null ? 'running' : `exited with ${running.child.exitCode}`}):\n${running.output().slice(-2000)}`);
    const page = await typist.request('GET', '/a/riverside');
    assert.equal(page.status, 503);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(readPage(page.body).heading(), 'Sorry, the service is unavailable');
    assert.ok(page.headers.get('retry-after'), 'a Retry-After header says when to try again');
    const ready = await typist.request('GET', '/health/ready');
    assert.equal(ready.status, 503);
    assert.match(ready.body, /database unavailable/);

    const typed = 'I would like <b>quiet</b> room & a <script>alert(1)</script> "swing"';
    const sent = await typist.request('POST', `${typistBase}/anything-else`, { _csrf: typistCsrf, anythingElse: typed });
    assert.equal(sent.status, 503);
    const shownBack = readPage(sent.body);
    assert.equal(shownBack.heading(), 'Sorry, the service is unavailable');
    assert.ok(shownBack.getByText(/Nothing you sent on this page was saved/));
    assert.ok(shownBack.getByText(typed), 'the words come back as words');
    assert.ok(!sent.body.includes('<script>alert(1)'), 'never as markup');
    assert.ok(!sent.body.includes(typistCsrf), 'the CSRF token is not shown');

    const remaining = PORT_HELD_MS - (Date.now() - killedAt);
    if (remaining > 0) await sleep(remaining);
    assert.equal(running.child.exitCode, null, `Chorus is alive while the database is down:\n${running.output().slice(-3000)}`);
  } finally {
    await releaseOnce();
  }
  const releasedAt = Date.now();

  // ── Recovery by itself ───────────────────────────────────────────────────────────────────────
  const recovered = await waitUntil(
    () => timeline.some((t) => t.at > releasedAt && t.ready === 200 && t.home === 200 && t.survey === 200),
    RECOVERY_BOUND_MS,
  );
  assert.ok(recovered, `recovered within ${RECOVERY_BOUND_MS / 1000} s:\n${running.output().slice(-3000)}`);
  const recoveredAt = timeline.find((t) => t.at > releasedAt && t.ready === 200 && t.home === 200 && t.survey === 200)!.at;
  await sleep(LOAD_AFTER_RECOVERY_MS);
  stopLoad = true;
  await Promise.all(workers);
  probing = false;
  await probes;

  // After recovery the typed words can be sent again and are kept.
  const again = await typist.request('POST', `${typistBase}/anything-else`, { _csrf: typistCsrf, anythingElse: 'Sent again after the outage' });
  assert.equal(again.status, 303);

  // ── Assertions ───────────────────────────────────────────────────────────────────────────────
  assert.equal(running.child.exitCode, null, 'Chorus is still running');
  assert.ok(timeline.every((t) => t.live === 200), `/health/live answered 200 throughout: ${JSON.stringify(timeline.filter((t) => t.live !== 200).slice(0, 3))}`);
  const firstDown = timeline.find((t) => t.at > killedAt && t.home === 503);
  assert.ok(timeline.every((t) => [200, 503].includes(t.home) && [200, 503].includes(t.survey) && [200, 503].includes(t.ready)), `pages answered 200 or 503 only: ${JSON.stringify(timeline.filter((t) => ![200, 503].includes(t.home) || ![200, 503].includes(t.survey)).slice(0, 3))}`);
  assert.deepEqual(unexpected, [], 'no step answered anything but its own answer or 503');

  const log = running.output();
  assert.match(log, /The embedded PostgreSQL server stopped unexpectedly \(signal SIGKILL\)/);
  assert.match(log, /did not start again \(attempt 1\)[^\n]*Trying again in 2 s/, 'the first restart failed while the port was held, and the backoff doubled');
  assert.match(log, /The embedded PostgreSQL server is running again/);
  assert.doesNotMatch(log, /Unhandled|uncaught/i);

  // Nothing acknowledged lost, nothing twice.
  const keys = acknowledged.map((a) => a.key);
  const rows = await readDb<{ id: string; idempotency_key: string; status: string; anything_else: string }>(
    'select id, idempotency_key, status, anything_else from response where idempotency_key = any($1)',
    [keys],
  );
  const answers = await readDb<{ response_id: string; question_id: string; value: unknown }>(
    'select response_id, question_id, value from answer where response_id = any($1::uuid[])',
    [rows.map((r) => r.id)],
  );
  const byKey = new Map<string, typeof rows>();
  for (const row of rows) byKey.set(row.idempotency_key, [...(byKey.get(row.idempotency_key) ?? []), row]);
  let lost = 0;
  let duplicated = 0;
  const problems: string[] = [];
  for (const a of acknowledged.filter((x) => x.responseId)) {
    const found = byKey.get(a.key) ?? [];
    if (found.length > 1) duplicated += 1;
    const row = found[0];
    if (!row || row.id !== a.responseId) {
      lost += 1;
      problems.push(`response ${a.responseId} (start acknowledged) is missing`);
      continue;
    }
    for (const [questionId, text] of a.answers) {
      const answer = answers.find((x) => x.response_id === row.id && x.question_id === questionId);
      // Free text is kept as { kind: 'text', text }; the other answers just have to be there.
      if (!answer || (text !== undefined && (answer.value as { text?: unknown } | null)?.text !== text)) {
        lost += 1;
        problems.push(`answer to ${questionId} of ${row.id} is missing or different`);
      }
    }
    if (a.anythingElse !== undefined && row.anything_else !== a.anythingElse) {
      lost += 1;
      problems.push(`"anything else" of ${row.id} is missing`);
    }
    if (a.submittedAt && row.status !== 'submitted') {
      lost += 1;
      problems.push(`submission of ${row.id} is missing`);
    }
  }
  const submitted = acknowledged.filter((a) => a.submittedAt).length;
  const submittedBefore = acknowledged.filter((a) => a.submittedAt && a.submittedAt < killedAt).length;
  const submittedAfter = acknowledged.filter((a) => a.submittedAt && a.submittedAt > recoveredAt).length;
  const figures = {
    timeTo503Ms: firstDown ? firstDown.at - killedAt : NaN,
    portHeldMs: releasedAt - killedAt,
    recoveryAfterPortFreedMs: recoveredAt - releasedAt,
    downMs: recoveredAt - killedAt,
    steps: seen,
    responsesStarted: acknowledged.filter((a) => a.responseId).length,
    submissionsAcknowledged: submitted,
    beforeKill: submittedBefore,
    afterRecovery: submittedAfter,
    lost,
    duplicated,
  };
  report(`outage figures: ${JSON.stringify(figures)}`);
  assert.ok(submittedBefore > 0 && submittedAfter > 0, `whole submissions acknowledged before the kill (${submittedBefore}) and after recovery (${submittedAfter})`);
  assert.ok(seen.unavailable > 0, 'the load met the outage');
  assert.deepEqual(problems, [], 'every acknowledged step is in the database');
  assert.equal(lost, 0);
  assert.equal(duplicated, 0);
  // Exactly one response row per idempotency key the people sent, and none the test did not make.
  const phantom = await readDb<{ n: number }>(
    'select count(*)::int as n from response where activity_id = $1 and started_at >= $2 and not (idempotency_key = any($3))',
    [survey.id, loadFrom, [...keys, typistKey]],
  );
  assert.equal(phantom[0]!.n, 0, 'no response the people did not start');

  // It still stops cleanly on SIGTERM after all that.
  const stopAt = Date.now();
  running.child.kill('SIGTERM');
  assert.equal(await running.exited, 0);
  assert.ok(Date.now() - stopAt < 5000, `stopped in ${Date.now() - stopAt} ms`);
  assert.equal(running.output().match(/stopped unexpectedly/g)?.length, 1, 'stopping Chorus is not mistaken for a crash of its database');
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until || finished) return check();
    await sleep(50);
  }
  return true;
}

/**
 * Listens on the database's port and drops every connection: PostgreSQL cannot start again there
 * (its first restart fails) and Chorus' connections are cut at once rather than left hanging.
 */
async function holdPort(port: number): Promise<{ release: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const until = Date.now() + 5000;
  for (;;) {
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.destroy();
    });
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (listening) {
      return {
        release: () => new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
      };
    }
    // The dying server's socket may linger for a moment.
    if (Date.now() > until) throw new Error(`could not hold port ${port}`);
    await sleep(20);
  }
}
