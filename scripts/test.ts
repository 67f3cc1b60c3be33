/**
 * `npm test`: everything, on a fresh machine, with nothing set up by hand.
 *   1. type-check (tsc --noEmit, strict) and lint;
 *   2. a throwaway embedded PostgreSQL cluster and a migrated template database;
 *   3. unit and route tests (Node's test runner), and again against DATABASE_URL when it is set;
 *   4. browser tests in Debian's Chromium with axe-core (installed with apt-get when missing and root).
 * Ends with one line "N passed, N failed". A run that executes no test, or skips one, fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '../src/db/bootstrap.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { freePort } from '../src/testing/free-port.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const started = Date.now();
const totals = { passed: 0, failed: 0 };

function fail(message: string): never {
  console.error(`\n✗ ${message}`);
  console.log(`\n${totals.passed} passed, ${totals.failed + 1} failed`);
  process.exit(1);
}

function step(title: string) {
  console.log(`\n▶ ${title}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code) => resolve(code ?? 1));
  });
}


/** Runs node --test on a glob, and reads the counts from a TAP copy of the results. */
async function nodeTests(label: string, glob: string, env: NodeJS.ProcessEnv): Promise<void> {
  const tap = path.join(mkdtempSync(path.join(tmpdir(), 'chorus-tap-')), 'results.tap');
  const code = await run(process.execPath, [
    '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    '--test-concurrency=2',
    glob,
  ], env);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 'NaN');
  const [tests, pass, failed, skipped, todo, cancelled] = ['tests', 'pass', 'fail', 'skipped', 'todo', 'cancelled'].map(count);
  if (!Number.isFinite(tests) || tests === 0) fail(`${label}: no tests ran (glob ${glob}). A run of zero tests is never a pass.`);
  totals.passed += pass!;
  totals.failed += failed! + cancelled!;
  console.log(`${label}: ${tests} tests, ${pass} passed, ${failed} failed, ${cancelled} cancelled, ${skipped} skipped, ${todo} todo`);
  if (skipped! > 0 || todo! > 0) fail(`${label}: skipped or todo tests hide a failing promise: remove or fix them.`);
  if (code !== 0 || failed! > 0 || cancelled! > 0) fail(`${label} failed.`);
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

async function withTemplate<T>(adminUrl: string, fn: (template: string) => Promise<T>): Promise<T> {
  const template = `chorus_template_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  await prepareDatabase(url.toString());
  try {
    return await fn(template);
  } finally {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${template} with (force)`).catch(() => {});
    await client.end();
  }
}

async function main() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) fail(`Node ${process.versions.node} is running this, but Chorus needs Node 24. Run it through npm (npm test), which uses the Node 24 installed in node_modules.`);

  // `npm test -- <files…>` runs just those test files (for working on one module); the full run
  // with no arguments is what CI runs.
  const only = process.argv.slice(2);
  if (only.length > 0) return runOnly(only);

  step('Type-check (tsc --noEmit, strict)');
  if ((await run(bin('tsc'), ['--noEmit', '-p', '.'])) !== 0) fail('Type-check failed.');
  step('Lint (eslint)');
  if ((await run(bin('eslint'), ['.', '--max-warnings=0'])) !== 0) fail('Lint failed.');

  step('Throwaway embedded PostgreSQL');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chorus-test-'));
  chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  try {
    const adminUrl = server.adminUrl('postgres');
    await withTemplate(adminUrl, async (template) => {
      step('Unit and route tests (embedded PostgreSQL 18)');
      await nodeTests('Unit and route tests', 'src/**/*.test.ts', { CHORUS_TEST_PG_ADMIN: adminUrl, CHORUS_TEST_TEMPLATE: template });
    });

    if (process.env.DATABASE_URL) {
      step('Unit and route tests again, against DATABASE_URL');
      const external = new URL(process.env.DATABASE_URL);
      external.pathname = '/postgres';
      await withTemplate(external.toString(), (template) =>
        nodeTests('Route tests on DATABASE_URL', 'src/**/*.test.ts', { CHORUS_TEST_PG_ADMIN: external.toString(), CHORUS_TEST_TEMPLATE: template }),
      );
    }

    step('Browser tests (Chromium + axe-core)');
    const chromium = ensureChromium();
    await withTemplate(adminUrl, (template) =>
      nodeTests('Browser tests', 'e2e/**/*.test.ts', { CHORUS_TEST_PG_ADMIN: adminUrl, CHORUS_TEST_TEMPLATE: template, CHORUS_CHROMIUM: chromium }),
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
}

async function runOnly(files: string[]) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chorus-test-'));
  chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  try {
    const adminUrl = server.adminUrl('postgres');
    const unit = files.filter((f) => !f.startsWith('e2e/'));
    const browser = files.filter((f) => f.startsWith('e2e/'));
    await withTemplate(adminUrl, async (template) => {
      const env = { CHORUS_TEST_PG_ADMIN: adminUrl, CHORUS_TEST_TEMPLATE: template };
      for (const file of unit) await nodeTests(`Tests in ${file}`, file, env);
      if (browser.length > 0) {
        const chromium = ensureChromium();
        for (const file of browser) await nodeTests(`Browser tests in ${file}`, file, { ...env, CHORUS_CHROMIUM: chromium });
      }
    });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`${totals.passed} passed, ${totals.failed} failed (only the files named; npm test with no arguments runs everything)`);
}

await main();
