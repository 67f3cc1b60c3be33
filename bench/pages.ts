/**
 * The pages bench (issue 18): how fast Chorus answers the pages every parent carer, child and
 * journalist opens, as a share of a bare Fastify page measured in the same run on the same machine.
 *
 *   1. a throwaway embedded PostgreSQL 18, Chorus migrated with the demo area (Riverside), started as
 *      its own process with NODE_ENV=production (as `npm start` would) and the per-address limit
 *      raised, so the load generator (one address) is not refused;
 *   2. a bare Fastify page in the same process model (bench/bare-fastify.ts);
 *   3. autocannon, 16 connections for BENCH_PAGE_SECONDS (default 10) per page, with a browser's
 *      Accept and Accept-Encoding headers and no cache headers (every answer is a whole page):
 *      the bare page, the area home, "have your say", a survey's start page, a question page of a
 *      started response (with that response's cookie), the public "you said, we did" page and its
 *      easy-read version, and the public page again with the ETag a browser would send back;
 *   4. requests/s, p50 / p95 / p99 latency, share of the bare page's requests/s, and the most memory
 *      (resident set) the Chorus process held under that load.
 *
 * Options: BENCH_PAGE_SECONDS, BENCH_PAGES (comma-separated names to run only those),
 * BENCH_PROFILE=<dir> (Chorus runs with --cpu-prof into that folder; `node bench/profile-summary.ts
 * <file>` says where its time went). Run alone with `npm run bench:pages`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { freePort } from '../src/testing/free-port.ts';
import { memoryOf, percentile, Visitor, waitForReady } from './load.ts';
import { prepareSurvey } from './survey-flow.ts';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_PAGE_SECONDS ?? 10);
const only = process.env.BENCH_PAGES?.split(',').map((s) => s.trim()) ?? null;
const profileDir = process.env.BENCH_PROFILE;
const CONNECTIONS = 16;
const BROWSER = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'br, gzip', 'accept-language': 'en-GB' };

export type PageResult = { page: string; url: string; requestsPerSecond: number; p50: number; p95: number; p99: number; non2xx: number; errors: number; bytesPerPage: number; rssMb: number };

/** One page under load: every response's time is kept, so p95 is exact (autocannon's summary has no p95). */
async function load(page: string, url: string, headers: Record<string, string>, pid: number | undefined, expected = 200): Promise<PageResult> {
  const times: number[] = [];
  let wrong = 0;
  let rssMb = 0;
  const sampler = pid ? setInterval(() => (rssMb = Math.max(rssMb, memoryOf(pid).rssMb)), 250) : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { ...BROWSER, ...headers } }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      if (statusCode !== expected) wrong += 1;
    });
  });
  if (sampler) clearInterval(sampler);
  return {
    page,
    url,
    requestsPerSecond: result.requests.total / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx: wrong,
    errors: result.errors + result.timeouts,
    bytesPerPage: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    rssMb,
  };
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 8000).unref();
  });
}

export async function runPagesBench(): Promise<PageResult[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chorus-pages-bench-'));
  chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  let app: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  const node = path.join(root, 'node_modules/.bin/node');
  try {
    console.log(`\nPages bench: ${cpus().length} cores; ${CONNECTIONS} connections, ${seconds} s a page (autocannon).`);
    const ownerUrl = server.adminUrl('chorus_pages_bench');
    const appPort = await freePort();
    const base = `http://127.0.0.1:${appPort}`;
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    app = spawn(node, [...profile, 'src/server.ts'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: ownerUrl, PORT: String(appPort), CHORUS_DEMO: 'true', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000' },
    });
    const barePort = await freePort();
    bare = spawn(node, ['bench/bare-fastify.ts'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production', PORT: String(barePort) } });
    await waitForReady(`${base}/health/ready`);
    await waitForReady(`http://127.0.0.1:${barePort}/`);

    // A survey open to everyone (the demo's children's survey again), and one person part-way through it.
    const survey = await prepareSurvey(ownerUrl);
    const visitor = new Visitor(base);
    const start = await visitor.get(`/a/${survey.slug}/surveys/${survey.activityId}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
    const started = await visitor.post(`/a/${survey.slug}/surveys/${survey.activityId}`, { _csrf: csrf, idempotencyKey: key, how: 'own' });
    if (started.status !== 303 || !started.location) throw new Error(`starting a response: ${started.status}`);
    const questionPath = `${started.location.replace(/\/continue$/, '')}/questions/1`;
    const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const publicPage = await fetch(`${base}/a/${survey.slug}/you-said-we-did`, { headers: BROWSER });
    const etag = publicPage.headers.get('etag');

    const pages: Array<{ page: string; url: string; headers?: Record<string, string>; expected?: number }> = [
      { page: 'bare Fastify page', url: `http://127.0.0.1:${barePort}/` },
      { page: 'area home', url: `${base}/a/${survey.slug}` },
      { page: 'have your say', url: `${base}/a/${survey.slug}/take-part` },
      { page: 'survey start page', url: `${base}/a/${survey.slug}/surveys/${survey.activityId}` },
      { page: 'question page (started response)', url: `${base}${questionPath}`, headers: { cookie } },
      { page: 'you said, we did', url: `${base}/a/${survey.slug}/you-said-we-did` },
      { page: 'you said, we did: easy read', url: `${base}/a/${survey.slug}/you-said-we-did/easy-read` },
    ];
    if (etag) pages.push({ page: 'you said, we did: revisit (ETag, 304)', url: `${base}/a/${survey.slug}/you-said-we-did`, headers: { 'if-none-match': etag }, expected: 304 });

    // Warm up every page (templates compiled, pools filled) so the runs measure steady state.
    for (const p of pages) {
      for (let i = 0; i < 30; i += 1) {
        const response = await fetch(p.url, { headers: { ...BROWSER, ...p.headers } });
        await response.arrayBuffer();
        if (response.status !== (p.expected ?? 200)) throw new Error(`${p.page}: ${response.status} at ${p.url}`);
      }
    }

    const results: PageResult[] = [];
    for (const p of pages) {
      if (only && p.page !== 'bare Fastify page' && !only.some((name) => p.page.includes(name))) continue;
      results.push(await load(p.page, p.url, p.headers ?? {}, p.page === 'bare Fastify page' ? undefined : app.pid, p.expected));
    }
    const bareRate = results[0]!.requestsPerSecond;
    console.table(
      results.map((r) => ({
        page: r.page,
        'req/s': r.requestsPerSecond.toFixed(0),
        'p50 ms': r.p50.toFixed(0),
        'p95 ms': r.p95.toFixed(0),
        'p99 ms': r.p99.toFixed(0),
        'share of bare': `${((r.requestsPerSecond / bareRate) * 100).toFixed(1)}%`,
        'KB a page': (r.bytesPerPage / 1024).toFixed(1),
        'Chorus RSS MB': Number.isFinite(r.rssMb) && r.rssMb > 0 ? r.rssMb.toFixed(0) : '',
        wrong: r.non2xx + r.errors,
      })),
    );
    console.log(`Chorus's most memory over the run (VmHWM): ${memoryOf(app.pid!).peakMb.toFixed(0)} MB.`);
    console.log('Goal (issue 18): participant and public pages ≥ 15% of the bare page, p95 ≤ 50 ms at 16 connections.');
    const wrong = results.filter((r) => r.non2xx + r.errors > 0);
    if (wrong.length > 0) {
      console.log(`Pages that answered with the wrong status or failed: ${wrong.map((r) => r.page).join(', ')}`);
      process.exitCode = 1;
    }
    return results;
  } finally {
    await stop(app);
    await stop(bare);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) await runPagesBench();
