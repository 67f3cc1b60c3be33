/**
 * `npm run bench:links`: does "email me a reset link" answer in the same time whether or not the
 * address has an account (issue 10 §3: 54 ms against 32 ms let anyone find out who has one)?
 * Timings are noisy, so this prints the figures and their ratio rather than asserting a budget
 * (QUALITY.md); a ratio near 1.00 means the answer gives nothing away.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { prepareDatabase } from '../src/db/bootstrap.ts';
import { createDb } from '../src/db/db.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { seedDemo } from '../src/seed/seed.ts';
import { freePort } from '../src/testing/free-port.ts';
import { percentile } from './load.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const dataDir = mkdtempSync(path.join(tmpdir(), 'chorus-bench-links-'));
chmodSync(dataDir, 0o755);
const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
try {
  const { appUrl, secret } = await prepareDatabase(server.adminUrl('chorus_bench_links'));
  const db = createDb(appUrl);
  await seedDemo(db, 'chorus-demo-password');
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' }), db, secret });
  await app.ready();
  const time = async (email: string): Promise<number> => {
    const page = await app.inject({ method: 'GET', url: '/password-reset' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const started = performance.now();
    const answer = await app.inject({ method: 'POST', url: '/password-reset', payload: new URLSearchParams({ _csrf: csrf, email }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
    if (answer.statusCode !== 200) throw new Error(`reset answered ${answer.statusCode}`);
    return performance.now() - started;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  // Alternate, so drift in the machine's load falls on both alike.
  for (let i = 0; i < rounds; i += 1) {
    known.push(await time('lead@riverside.example'));
    unknown.push(await time(`nobody-${i}@riverside.example`));
  }
  const k = percentile(known, 50);
  const u = percentile(unknown, 50);
  console.log(`Reset link answers, median of ${rounds}: known address ${k.toFixed(0)} ms, unknown ${u.toFixed(0)} ms; ratio ${(k / u).toFixed(2)}`);
  await app.close();
  await db.destroy();
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
