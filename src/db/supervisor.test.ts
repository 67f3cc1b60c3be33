/**
 * The restart loop on its own, with a pretend server and short waits: the waits double up to the
 * limit, each step is one log line, a second stop during a restart changes nothing, a dying-again
 * server keeps the longer wait, and close() ends it all.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { superviseServer, type SupervisorLog } from './supervisor.ts';

function recorder() {
  const lines: Array<{ level: 'warn' | 'error'; message: string; at: number }> = [];
  const log: SupervisorLog = {
    warn: (_data, message) => void lines.push({ level: 'warn', message, at: Date.now() }),
    error: (_data, message) => void lines.push({ level: 'error', message, at: Date.now() }),
  };
  return { lines, log };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

test('restarts with a doubling wait until the server runs, saying so at each step', async () => {
  const { lines, log } = recorder();
  const attempts: number[] = [];
  let failuresLeft = 3;
  const supervisor = superviseServer({
    name: 'The test server',
    log,
    backoff: { firstMs: 20, maxMs: 60, stableMs: 10_000 },
    start: async () => {
      attempts.push(Date.now());
      if (failuresLeft-- > 0) throw new Error('could not bind: Address already in use');
    },
  });
  const stoppedAt = Date.now();
  supervisor.stopped('signal SIGKILL');
  supervisor.stopped('signal SIGKILL');
  assert.equal(supervisor.restarting, true);
  await until(() => !supervisor.restarting);
  await supervisor.close();

  assert.equal(attempts.length, 4, 'three failures, then it runs');
  const waits = [attempts[0]! - stoppedAt, ...attempts.slice(1).map((at, i) => at - attempts[i]!)];
  // 20, 40, 60 (the limit), 60: each at least its wait (timers never fire early).
  for (const [i, least] of [20, 40, 60, 60].entries()) assert.ok(waits[i]! >= least - 2, `wait ${i + 1} was ${waits[i]} ms, at least ${least}`);
  assert.deepEqual(lines.map((l) => [l.level, l.message]), [
    ['error', 'The test server stopped unexpectedly (signal SIGKILL). Pages answer 503 until it is back; restarting it in 0 s.'],
    ['warn', 'The test server did not start again (attempt 1): could not bind: Address already in use. Trying again in 0 s.'],
    ['warn', 'The test server did not start again (attempt 2): could not bind: Address already in use. Trying again in 0.1 s.'],
    ['warn', 'The test server did not start again (attempt 3): could not bind: Address already in use. Trying again in 0.1 s.'],
    ['warn', lines[4]!.message],
  ]);
  assert.match(lines[4]!.message, /^The test server is running again, [\d.]+ s after it stopped \(attempt 4\)\.$/);
});

test('a server that dies again soon keeps the longer wait; close() stops a pending restart', async () => {
  const { lines, log } = recorder();
  let starts = 0;
  const supervisor = superviseServer({ name: 'The test server', log, backoff: { firstMs: 10, maxMs: 1000, stableMs: 10_000 }, start: async () => void (starts += 1) });
  supervisor.stopped('exit code 1');
  await until(() => starts === 1 && !supervisor.restarting);
  const again = Date.now();
  supervisor.stopped('exit code 1');
  await until(() => starts === 2 && !supervisor.restarting);
  assert.ok(Date.now() - again >= 18, 'the second restart waited twice as long');

  supervisor.stopped('exit code 1');
  await supervisor.close();
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.equal(starts, 2, 'nothing restarts after close()');
  assert.equal(lines.filter((l) => l.level === 'error').length, 3);
});
