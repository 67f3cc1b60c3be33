/**
 * The real `npm start` process (the command package.json gives it, in production mode): first start
 * seeds the demo and prints its start-up message in order, with no log line inside it; a second
 * Chorus on the same data folder refuses clearly; SIGTERM stops it within 5 seconds; a restart keeps
 * the data; after kill -9 it starts again (stale lock, orphaned PostgreSQL).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

type Scripts = { start: string; dev: string };
const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Scripts }).scripts;

/**
 * A script of package.json as npm runs it: its leading VAR=value settings, then `node` and its
 * arguments. Node is started directly (not through sh), so signals reach Chorus itself.
 */
function command(script: string): { env: Record<string, string>; args: string[] } {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=\S*$/.test(words[0] ?? '')) {
    const [name, value] = words.shift()!.split('=') as [string, string];
    env[name] = value;
  }
  assert.equal(words.shift(), 'node', `the script runs node: ${script}`);
  return { env, args: words };
}

function start(port: number, pgPort: number, options: { logLevel?: string } = {}): Running {
  const npmStart = command(scripts.start);
  const child = spawn(process.execPath, npmStart.args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: '', LOG_LEVEL: options.logLevel ?? 'warn', ...npmStart.env, PORT: String(port), CHORUS_PG_PORT: String(pgPort), CHORUS_DATA_DIR: dataDir, DATABASE_URL: '' },
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

test('start, refuse a second instance, stop on SIGTERM, restart with data kept, recover from kill -9', { timeout: 360_000 }, async () => {
  const [port, pgPort] = [await freePort(), await freePort()];
  // At the usual log level (info), where Fastify's own log lines could get in the way.
  const first = start(port, pgPort, { logLevel: 'info' });
  // Seeding the demo takes a while on a busy machine: a generous wait, not a timing assertion.
  await waitFor(first, /Press Ctrl\+C to stop/, 200_000);
  // The start-up message: its lines in this order, one after another, with no log line among them.
  const output = first.output();
  const message = output.slice(output.indexOf('Chorus is running at'), output.indexOf('Press Ctrl+C to stop.') + 'Press Ctrl+C to stop.'.length).split('\n');
  const expected = [
    /^Chorus is running at http:\/\/localhost:\d+$/,
    /^Production mode: page templates are compiled once and kept in memory\. For development, run npm run dev\.$/,
    /^Email and text messages: kept in the outbox/,
    /^Demo area \(just created\): http:\/\/localhost:\d+\/a\/riverside$/,
    /^Sign in at http:\/\/localhost:\d+\/sign-in with any of these \(password: chorus-demo-password\):$/,
    ...['admin@riverside.example', 'lead@riverside.example', 'practitioner@riverside.example', 'decision-maker@riverside.example', 'parent@riverside.example', 'safeguarding@riverside.example', 'operator@chorus.example'].map((email) => new RegExp(`^  ${email.replace(/\./g, '\\.')} +[a-z ]+$`)),
    /^A young person with no email address \(Jaden, 9\): sign in at http:\/\/localhost:\d+\/a\/riverside\/young\/sign-in with the code CHRS-2468 and the pictures dog, pizza, star, in that order\.$/,
    /^"What happened to my views\?" at http:\/\/localhost:\d+\/a\/riverside\/my-views: try the receipt code [A-Z0-9]{3}-[A-Z0-9]{3}\.$/,
    /^Press Ctrl\+C to stop\.$/,
  ];
  assert.equal(message.length, expected.length, `the start-up message, line by line:\n${message.join('\n')}\n\nall output:\n${output}`);
  expected.forEach((pattern, i) => assert.match(message[i]!, pattern, `line ${i + 1} of the start-up message`));
  // Nothing but words for people until the message ends: no JSON log line before or inside it.
  const beforeEnd = output.slice(0, output.indexOf('Press Ctrl+C to stop.')).split('\n');
  assert.deepEqual(beforeEnd.filter((line) => line.startsWith('{')), [], 'no log line before the message ends');
  assert.ok(scripts.dev.includes('NODE_ENV=development') && scripts.dev.endsWith('node src/server.ts'), `npm run dev: ${scripts.dev}`);
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
