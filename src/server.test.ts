/**
 * The real `npm start` process: first start seeds the demo; a second Chorus on the same data folder
 * refuses clearly; SIGTERM stops it within 5 seconds; a restart keeps the data; after kill -9 it
 * starts again (stale lock, orphaned PostgreSQL).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { readPage } from './testing/dom.ts';
import { freePort } from './testing/free-port.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'chorus-server-test-'));
chmodSync(dataDir, 0o755);
after(() => rmSync(dataDir, { recursive: true, force: true }));


type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function start(port: number, pgPort: number): Running {
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), CHORUS_PG_PORT: String(pgPort), CHORUS_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(running: Running, pattern: RegExp, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(running.output())) {
    if (Date.now() > until || running.child.exitCode !== null) throw new Error(`did not see ${pattern}:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('start, refuse a second instance, stop on SIGTERM, restart with data kept, recover from kill -9', { timeout: 180_000 }, async () => {
  const [port, pgPort] = [await freePort(), await freePort()];
  const first = start(port, pgPort);
  await waitFor(first, /Chorus is running/);
  assert.match(first.output(), /Demo area \(just created\): http:\/\/localhost:\d+\/a\/riverside/);
  assert.match(first.output(), /admin@riverside\.example/);
  assert.match(first.output(), /password: chorus-demo-password/);
  assert.equal((await fetch(`http://127.0.0.1:${port}/a/riverside`)).status, 200);

  const second = start(await freePort(), await freePort());
  const code = await second.exited;
  assert.equal(code, 1);
  assert.match(second.output(), /Another Chorus \(process \d+\) is already using the data folder/);
  assert.equal((await fetch(`http://127.0.0.1:${port}/health/ready`)).status, 200, 'the first one is unharmed');

  first.child.kill('SIGTERM');
  // Exit code 0 is the clean stop; past its 5-second deadline Chorus exits 1 and says so (server.ts).
  assert.equal(await first.exited, 0);
  assert.doesNotMatch(first.output(), /took longer than 5 seconds/);
  assert.match(first.output(), /SIGTERM received: finishing requests in progress/);

  const again = start(port, pgPort);
  await waitFor(again, /Chorus is running/);
  assert.doesNotMatch(again.output(), /just created/, 'an existing data folder is not reseeded');
  const page = readPage(await (await fetch(`http://127.0.0.1:${port}/a/riverside/charter`)).text());
  assert.ok(page.tableRows('Who has signed').some(([organisation]) => organisation === 'Riverside Youth Voice'), 'data survived the restart');

  again.child.kill('SIGKILL');
  await again.exited;
  const afterKill = start(port, pgPort);
  await waitFor(afterKill, /Chorus is running/);
  assert.equal((await fetch(`http://127.0.0.1:${port}/health/ready`)).status, 200);
  afterKill.child.kill('SIGTERM');
  assert.equal(await afterKill.exited, 0);
});
