/**
 * Time given (issue 16 §3, for issue 17's ledger), and panels' and inspections' words as
 * contributions: each recorded once per person and key, however often it is retried.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withArea } from '../../db/db.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { addChannelContributions } from '../contributions/contributions.service.ts';
import { minutesByMember, recordTimeGiven } from './index.ts';

let t: TestDb;
let areas: TwoAreas;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
});
after(() => t.drop());

test('time given is recorded once per person and key: a retried form adds nothing, another person or key does', async () => {
  const r = areas.riverside;
  const entry = { activityId: r.activityId, panelMemberId: r.memberId, accountId: null, kind: 'panel' as const, sourceKey: `panel:${r.panelId}:interviews`, minutes: 150, givenOn: '2026-11-20', recordedBy: null };
  const first = await withArea(t.db, r.id, (tx) => recordTimeGiven(tx, r.id, [entry]));
  const again = await withArea(t.db, r.id, (tx) => recordTimeGiven(tx, r.id, [entry, { ...entry, panelMemberId: null, accountId: r.memberIds.participation_lead }]));
  const later = await withArea(t.db, r.id, (tx) => recordTimeGiven(tx, r.id, [{ ...entry, sourceKey: `panel:${r.panelId}:questions`, minutes: 60 }]));
  assert.deepEqual([first, again, later], [1, 1, 1]);
  const minutes = await withArea(t.db, r.id, (tx) => minutesByMember(tx, r.id, [r.memberId]));
  assert.equal(minutes.get(r.memberId), 210);
  // Another area sees none of it.
  const nv = areas.northVale;
  assert.equal((await withArea(t.db, nv.id, (tx) => minutesByMember(tx, nv.id, [r.memberId]))).size, 0);
});

test("a panel member's debrief becomes one redacted contribution however often it is sent; a disclosure is held", async () => {
  const r = areas.riverside;
  const item = { activityId: r.activityId, channel: 'panel' as const, sourceKey: `debrief:${r.memberId}`, text: 'Ring me on 07700 900456, the panel was brilliant', accountId: null, question: 'What did you think of the panel?' };
  const first = await withArea(t.db, r.id, (tx) => addChannelContributions(tx, r.id, [item]));
  const second = await withArea(t.db, r.id, (tx) => addChannelContributions(tx, r.id, [item]));
  assert.deepEqual([first.added, second.added], [1, 0]);
  const rows = await t.owner.selectFrom('contribution').select(['redacted_text', 'channel', 'source', 'needs_review', 'response_id']).where('source_key', '=', item.sourceKey).execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.channel, 'panel');
  assert.equal(rows[0]!.response_id, null);
  assert.ok(!rows[0]!.redacted_text.includes('07700'), rows[0]!.redacted_text);
  assert.equal(rows[0]!.needs_review, true);
  const held = await withArea(t.db, r.id, (tx) => addChannelContributions(tx, r.id, [{ ...item, channel: 'inspection', sourceKey: `finding:${r.visitId}:x:${r.inspectorId}`, text: 'The coach hits me and I am scared to go back' }]));
  assert.equal(held.concernRaised, true);
  const heldRow = await t.owner.selectFrom('contribution').select(['safeguarding_hold']).where('source_key', '=', `finding:${r.visitId}:x:${r.inspectorId}`).executeTakeFirstOrThrow();
  assert.equal(heldRow.safeguarding_hold, true);
});
