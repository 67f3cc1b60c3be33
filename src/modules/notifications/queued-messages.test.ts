/**
 * The queue of single messages (the transactional outbox): a message is sent only if the change that
 * queued it committed; it goes once, even when asked twice; a refused send is tried again a few
 * times; one lost mid-send is never resent; and once it has gone, the row no longer says who it went
 * to or what it said.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import type { Notifier, NotifierFor, OutgoingMessage } from './notifications.service.ts';
import { MAX_ATTEMPTS, queueMessage, sendQueuedMessages } from './queued-messages.service.ts';
import { SendFailure } from './transports.ts';

let t: TestDb;
let areas: TwoAreas;

/** A transport that records what it was given, and refuses while `refusing` is set. */
function recordingTransport() {
  const sent: OutgoingMessage[] = [];
  const state = { refusing: false };
  const notifier: Notifier = {
    send: async (message) => {
      if (state.refusing) throw new SendFailure('smtp_rejected', { detail: 'the provider said no' });
      sent.push(message);
      return { transport: 'test', reference: null };
    },
  };
  const notifierFor: NotifierFor = async () => notifier;
  return { sent, state, notifierFor };
}

const rows = () => t.owner.selectFrom('queued_message').selectAll().orderBy('created_at').execute();
const message = { purpose: 'receipt', channel: 'email' as const, recipient: 'parent@example.org', subject: 'Your receipt code', body: 'Your code is ABCD-EFGH' };

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
});
after(() => t.drop());
beforeEach(() => t.owner.deleteFrom('queued_message').execute());

test('a message queued in a transaction that rolls back is never sent', async () => {
  const transport = recordingTransport();
  await assert.rejects(withArea(t.db, areas.riverside.id, async (tx) => {
    await queueMessage(tx, areas.riverside.id, message);
    throw new Error('the change failed after queuing');
  }));
  assert.deepEqual(await sendQueuedMessages(t.db, transport.notifierFor), { sent: 0, failed: 0, unknown: 0 });
  assert.equal(transport.sent.length, 0);
  assert.equal((await rows()).length, 0);
});

test('a committed message goes once, even when the queue is sent twice, and the row forgets its recipient and words', async () => {
  const transport = recordingTransport();
  await withArea(t.db, areas.riverside.id, (tx) => queueMessage(tx, areas.riverside.id, message));
  const [first, second] = await Promise.all([sendQueuedMessages(t.db, transport.notifierFor), sendQueuedMessages(t.db, transport.notifierFor)]);
  assert.equal(first!.sent + second!.sent, 1);
  assert.deepEqual(transport.sent.map((m) => [m.recipient, m.subject, m.body]), [[message.recipient, message.subject, message.body]]);
  assert.equal(transport.sent[0]!.areaSlug, 'riverside');
  const [row] = await rows();
  assert.equal(row!.status, 'sent');
  assert.ok(row!.sent_at);
  assert.deepEqual([row!.recipient, row!.subject, row!.body], ['', '', ''], 'nothing personal is left once it has gone');
  assert.equal((await sendQueuedMessages(t.db, transport.notifierFor)).sent, 0, 'never sent again');
});

test('a refused send is tried again, up to the limit, then wiped; one area never sends another area\'s messages', async () => {
  const transport = recordingTransport();
  transport.state.refusing = true;
  await withArea(t.db, areas.riverside.id, (tx) => queueMessage(tx, areas.riverside.id, message));
  await withArea(t.db, areas.northVale.id, (tx) => queueMessage(tx, areas.northVale.id, { ...message, recipient: 'north@example.org' }));
  const onlyRiverside = await sendQueuedMessages(t.db, transport.notifierFor, { area: { id: areas.riverside.id, slug: 'riverside' } });
  assert.deepEqual(onlyRiverside, { sent: 0, failed: 1, unknown: 0 });
  let riverside = (await rows()).find((r) => r.area_id === areas.riverside.id)!;
  assert.equal(riverside.status, 'failed');
  assert.match(riverside.last_error, /\S/, 'a plain reason is kept');
  assert.equal(riverside.recipient, message.recipient, 'kept to try again');
  assert.equal((await rows()).find((r) => r.area_id === areas.northVale.id)!.status, 'pending', 'the other area was not touched');

  transport.state.refusing = false;
  await sendQueuedMessages(t.db, transport.notifierFor);
  assert.deepEqual(transport.sent.map((m) => m.recipient).sort(), ['north@example.org', 'parent@example.org'], 'the retry went, and the other area\'s own message');

  await t.owner.deleteFrom('queued_message').execute();
  transport.state.refusing = true;
  await withArea(t.db, areas.riverside.id, (tx) => queueMessage(tx, areas.riverside.id, message));
  for (let i = 0; i < MAX_ATTEMPTS + 2; i += 1) await sendQueuedMessages(t.db, transport.notifierFor);
  riverside = (await rows())[0]!;
  assert.equal(riverside.attempts, MAX_ATTEMPTS, 'tried no more than the limit');
  assert.deepEqual([riverside.status, riverside.recipient, riverside.body], ['failed', '', ''], 'given up, and wiped');
});

test('a message lost mid-send (the process died) becomes unknown, is wiped and is never resent', async () => {
  const transport = recordingTransport();
  await withArea(t.db, areas.riverside.id, (tx) => queueMessage(tx, areas.riverside.id, message));
  const longAgo = new Date(Date.now() - 11 * 60_000);
  await t.owner.updateTable('queued_message').set({ status: 'sending', claimed_at: longAgo, attempts: 1 }).execute();
  const summary = await sendQueuedMessages(t.db, transport.notifierFor);
  assert.deepEqual(summary, { sent: 0, failed: 0, unknown: 1 });
  const [row] = await rows();
  assert.deepEqual([row!.status, row!.recipient, row!.body], ['unknown', '', '']);
  assert.equal(transport.sent.length, 0);
});
