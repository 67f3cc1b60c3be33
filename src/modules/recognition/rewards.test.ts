/**
 * Rewards (issue 17 §2) as leads, practitioners, decision makers, young people and parent carers use
 * them through HTTP (CSRF and sessions on, a real database): budgets that never go below zero under
 * 20 approvals at once, each reward issued exactly once however often it is pressed, a rule that
 * proposes once per person and activity, who may see and do what, voucher codes that never go in
 * an email without consent, a budget that cannot be cut below what is committed, and no 500 on
 * any input.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { approveRewards, createBudget, createRule, issueReward, proposeRewards, rewardFigures, rewardsFor } from './index.ts';
import { activityRewards, findBudget, findReward } from './rewards.service.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let R: TwoAreas['riverside'];
let lead: Client;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  R = areas.riverside;
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
});
after(async () => {
  await app.close();
  await t.drop();
});

const A = '/a/riverside';
const email = (role: string) => `only-${role.replace('_', '-')}@riverside.example`;
async function as(role: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(email(role));
  return client;
}

/** People who came to a new activity of the fixture's organisation: accounts with no email address. */
async function activityWithPeople(count: number, title = 'Youth forum summer event'): Promise<{ activityId: string; accounts: string[] }> {
  return withArea(t.db, R.id, async (tx) => {
    const base = await tx.selectFrom('activity').selectAll().where('id', '=', R.activityId).executeTakeFirstOrThrow();
    const { id: _id, created_at: _c, ...rest } = base as unknown as Record<string, unknown>;
    const activity = await tx.insertInto('activity').values({ ...rest, title, type: 'event' } as never).returning('id').executeTakeFirstOrThrow();
    const accounts: string[] = [];
    for (let i = 0; i < count; i++) {
      const account = await tx.insertInto('account').values({ email: null, display_name: `Person ${String(i + 1).padStart(2, '0')}` }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('attendance').values({ area_id: R.id, activity_id: activity.id, account_id: account.id }).execute();
      accounts.push(account.id);
    }
    return { activityId: activity.id, accounts };
  });
}

const statusOf = async (rewardId: string) => (await findReward(t.db, R.id, rewardId)).status;
const auditCount = (action: string, subjectId: string) =>
  withArea(t.db, R.id, async (tx) =>
    Number(
      (await tx.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).where((eb) => eb.or([eb('subject_id', '=', subjectId), eb(sql<string>`detail::text`, 'like', `%${subjectId}%`)])).executeTakeFirstOrThrow()).n,
    ));

test('20 approvals at once against a budget that fits only 5: exactly 5 approved, and nothing left below zero', async () => {
  const { activityId } = await activityWithPeople(20);
  const budgetId = await createBudget(t.db, R.id, null, { name: 'Tight budget', amountPence: 5_000 });
  await createRule(t.db, R.id, null, { earnedBy: 'attended', kind: 'voucher', valuePence: 1_000, voucherType: 'High street voucher', budgetId, activityType: 'event' });
  const ids = await proposeRewards(t.db, R.id, null, activityId);
  const mine = (await activityRewards(t.db, R.id, activityId)).rewards.filter((r) => r.budgetId === budgetId);
  assert.equal(mine.length, 20);
  assert.ok(ids.length >= 20);
  // Each its own transaction, all at once.
  const results = await Promise.all(mine.map((r) => approveRewards(t.db, R.id, R.memberIds.participation_lead, [r.id])));
  const approved = results.flatMap((r) => r.approved);
  const didNotFit = results.flatMap((r) => r.didNotFit);
  assert.equal(approved.length, 5);
  assert.equal(didNotFit.length, 15);
  for (const d of didNotFit) assert.ok(d.leftPence >= 0);
  const budget = await findBudget(t.db, R.id, budgetId);
  assert.equal(budget.committedPence, 5_000);
  assert.equal(budget.leftPence, 0);
});

test('approving in bulk takes them in the order ticked and says who did not fit, by name, with what is left', async () => {
  const { activityId } = await activityWithPeople(3, 'Bulk approval event');
  const budgetId = await createBudget(t.db, R.id, null, { name: 'Youth forum vouchers', amountPence: 2_500 });
  await createRule(t.db, R.id, null, { earnedBy: 'attended', kind: 'voucher', valuePence: 1_000, voucherType: 'High street voucher', budgetId, activityType: 'event' });
  await lead.get(`${A}/activities/${activityId}/rewards`);
  const proposed = await lead.post(`${A}/activities/${activityId}/rewards/propose`);
  assert.equal(proposed.statusCode, 303);
  const rewards = (await activityRewards(t.db, R.id, activityId)).rewards.filter((r) => r.budgetId === budgetId);
  assert.deepEqual(rewards.map((r) => r.displayName), ['Person 01', 'Person 02', 'Person 03']);
  const page = await lead.get(`${A}/activities/${activityId}/rewards`);
  assert.match(page.body, /Youth forum vouchers/);
  // Ticked last-first: Person 03 and 02 fit, Person 01 does not.
  const order = [rewards[2]!.id, rewards[1]!.id, rewards[0]!.id];
  const decided = await lead.post(`${A}/activities/${activityId}/rewards`, { reward: order, decision: 'approve' });
  assert.equal(decided.statusCode, 303);
  const after = await lead.get(`${A}/activities/${activityId}/rewards`);
  assert.match(after.body, /2 rewards approved\./);
  assert.match(after.body, /£10 for Person 01 did not fit: £5 left in Youth forum vouchers\./);
  assert.equal(await statusOf(rewards[0]!.id), 'proposed');
  assert.equal(await statusOf(rewards[2]!.id), 'approved');
  assert.equal(await auditCount('recognition.rewards.approved', rewards[2]!.id), 1);
  // Nothing ticked: an error, not a 500.
  const none = await lead.post(`${A}/activities/${activityId}/rewards`, { decision: 'approve' });
  assert.equal(none.statusCode, 422);
  assert.match(readPage(none.body).errorSummary().join(' '), /Tick at least one reward/);
  // Declining gives the money back.
  await lead.post(`${A}/activities/${activityId}/rewards`, { reward: [rewards[2]!.id], decision: 'decline' });
  assert.equal(await statusOf(rewards[2]!.id), 'declined');
  assert.equal((await findBudget(t.db, R.id, budgetId)).committedPence, 1_000);
});

test('a rule proposes once per person and activity: pressing again, or twice at once, adds nothing', async () => {
  const { activityId } = await activityWithPeople(4, 'Propose once event');
  const budgetId = await createBudget(t.db, R.id, null, { name: 'Once budget', amountPence: 100_000 });
  await createRule(t.db, R.id, null, { earnedBy: 'attended', kind: 'voucher', valuePence: 500, budgetId, activityType: 'event' });
  await lead.get(`${A}/activities/${activityId}/rewards`);
  const [a, b] = await Promise.all([lead.post(`${A}/activities/${activityId}/rewards/propose`), lead.post(`${A}/activities/${activityId}/rewards/propose`)]);
  assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
  await lead.post(`${A}/activities/${activityId}/rewards/propose`);
  const rewards = (await activityRewards(t.db, R.id, activityId)).rewards.filter((r) => r.budgetId === budgetId);
  assert.equal(rewards.length, 4);
  assert.equal(new Set(rewards.map((r) => r.personKey)).size, 4);
  // A 'time given' rule proposes nothing for people who only came.
  await createRule(t.db, R.id, null, { earnedBy: 'time_given', kind: 'payment', valuePence: 2_000, budgetId });
  assert.deepEqual(await proposeRewards(t.db, R.id, null, activityId), []);
});

test('each reward is issued exactly once, however often (and however many at once) it is pressed', async () => {
  const rewardId = R.rewardId;
  await approveRewards(t.db, R.id, null, [rewardId]);
  await lead.get(`${A}/recognition/rewards/${rewardId}`);
  const presses = await Promise.all(Array.from({ length: 6 }, () => lead.post(`${A}/recognition/rewards/${rewardId}/issue`, { voucherCode: 'RIVER-1234-ABCD' })));
  assert.ok(presses.every((p) => p.statusCode === 303));
  assert.equal(await statusOf(rewardId), 'issued');
  assert.equal(await auditCount('recognition.reward.issued', rewardId), 1);
  const messages = await t.db.selectFrom('outbox_message').select('body').where('recipient', '=', email('young_person')).execute();
  assert.equal(messages.length, 1, 'one email');
  // No code in the email (no consent), nor in the audit log.
  assert.doesNotMatch(messages[0]!.body, /RIVER-1234-ABCD/);
  assert.match(messages[0]!.body, /on your own page/);
  const detail = await withArea(t.db, R.id, (tx) => tx.selectFrom('audit_event').select('detail').where('subject_id', '=', rewardId).execute());
  assert.doesNotMatch(JSON.stringify(detail), /RIVER-1234-ABCD/);
  const page = await lead.get(`${A}/recognition/rewards/${rewardId}`);
  assert.match(page.body, /already issued|Reward issued/);
  assert.doesNotMatch(page.body, /RIVER-1234-ABCD/);
  // Received once, too.
  await Promise.all([lead.post(`${A}/recognition/rewards/${rewardId}/received`), lead.post(`${A}/recognition/rewards/${rewardId}/received`)]);
  assert.equal(await statusOf(rewardId), 'received');
  assert.equal(await auditCount('recognition.reward.received', rewardId), 1);
  // The young person sees their code on their own page.
  const young = await as('young_person');
  const mine = await young.get(`${A}/young/${R.youngPersonId}/rewards`);
  assert.equal(mine.statusCode, 200);
  assert.match(mine.body, /RIVER-1234-ABCD/);
  assert.match(mine.body, /You have it/);
});

test('the code goes in an email only when the young person (or their parent carer) ticked for it', async () => {
  const { activityId } = await activityWithPeople(0, 'Consent event');
  const budgetId = await createBudget(t.db, R.id, null, { name: 'Consent budget', amountPence: 10_000 });
  const rewardId = await withArea(t.db, R.id, async (tx) =>
    (await tx.insertInto('reward').values({ area_id: R.id, activity_id: activityId, account_id: R.memberIds.young_person, kind: 'voucher', value_pence: 1_500, voucher_type: 'Cinema voucher', budget_id: budgetId }).returning('id').executeTakeFirstOrThrow()).id,
  );
  const young = await as('young_person');
  const page = await young.get(`${A}/young/${R.youngPersonId}/rewards`);
  assert.match(page.body, /Coming soon/);
  assert.match(page.body, /email me the code/);
  const ticked = await young.post(`${A}/young/${R.youngPersonId}/rewards/${rewardId}/email`, { consent: 'yes' });
  assert.equal(ticked.statusCode, 303);
  await approveRewards(t.db, R.id, null, [rewardId]);
  assert.equal(await issueReward(t.db, R.id, null, rewardId, { voucherCode: 'CINEMA-9999' }), 'issued');
  const queued = await withArea(t.db, R.id, (tx) => tx.selectFrom('queued_message').select('body').where('purpose', '=', 'reward_issued').where('body', 'like', '%Cinema voucher%').execute());
  assert.equal(queued.length, 1);
  assert.match(queued[0]!.body, /CINEMA-9999/);
  // Issuing again changes nothing and sends nothing.
  assert.equal(await issueReward(t.db, R.id, null, rewardId, { voucherCode: 'OTHER' }), 'already');
  assert.equal((await findReward(t.db, R.id, rewardId)).status, 'issued');
});

test("a parent carer sees a younger child's codes; for a young person of 13 or over the code stays on their own page", async () => {
  const parent = await as('parent_carer');
  const under13 = await parent.get(`${A}/young/${R.youngPersonId}/rewards`);
  assert.equal(under13.statusCode, 200);
  assert.match(under13.body, /RIVER-1234-ABCD/);
  await withArea(t.db, R.id, (tx) => tx.updateTable('young_person').set({ thirteen_or_over: true, age_band: '12_15', parents_see: true }).where('id', '=', R.youngPersonId).execute());
  try {
    const over13 = await parent.get(`${A}/young/${R.youngPersonId}/rewards`);
    assert.equal(over13.statusCode, 200);
    assert.doesNotMatch(over13.body, /RIVER-1234-ABCD/);
    assert.match(over13.body, /The code is on .*own page/);
  } finally {
    await withArea(t.db, R.id, (tx) => tx.updateTable('young_person').set({ thirteen_or_over: false, age_band: '8_11', parents_see: null }).where('id', '=', R.youngPersonId).execute());
  }
  // Staff never open a young person's pages; another area's young person is not found.
  assert.equal((await lead.get(`${A}/young/${R.youngPersonId}/rewards`)).statusCode, 404);
  assert.equal((await parent.get(`${A}/young/${areas.northVale.youngPersonId}/rewards`)).statusCode, 404);
});

test("a practitioner of another organisation can neither see nor approve an activity's rewards; another area's ids are not found", async () => {
  const practitioner = await as('practitioner');
  assert.equal((await practitioner.get(`${A}/activities/${R.activityId}/rewards`)).statusCode, 403);
  await practitioner.get(`${A}/recognition/budgets`);
  assert.equal((await practitioner.post(`${A}/activities/${R.activityId}/rewards/propose`)).statusCode, 403);
  assert.equal((await practitioner.post(`${A}/activities/${R.activityId}/rewards`, { reward: [R.rewardId], decision: 'approve' })).statusCode, 403);
  assert.equal((await practitioner.get(`${A}/recognition/rewards/${R.rewardId}`)).statusCode, 403);
  const nv = areas.northVale;
  assert.equal((await lead.get(`${A}/recognition/rewards/${nv.rewardId}`)).statusCode, 404);
  assert.equal((await lead.get(`${A}/recognition/budgets/${nv.budgetId}`)).statusCode, 404);
  assert.equal((await lead.get(`${A}/recognition/rules/${nv.ruleId}`)).statusCode, 404);
  assert.equal((await lead.get(`${A}/activities/${nv.activityId}/rewards`)).statusCode, 404);
  await lead.get(`${A}/recognition/budgets`);
  assert.equal((await lead.post(`${A}/recognition/rewards/${nv.rewardId}/issue`, {})).statusCode, 404);
  // Approving another area's reward through this area's service changes nothing.
  const result = await approveRewards(t.db, R.id, null, [nv.rewardId]);
  assert.deepEqual(result.approved, []);
});

test('a decision maker reads budgets but cannot change them', async () => {
  const dm = await as('decision_maker');
  const list = await dm.get(`${A}/recognition/budgets`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Riverside fixture survey budget/);
  assert.doesNotMatch(list.body, /Add a budget/);
  const one = await dm.get(`${A}/recognition/budgets/${R.budgetId}`);
  assert.equal(one.statusCode, 200);
  assert.doesNotMatch(one.body, /Save budget/);
  assert.equal((await dm.get(`${A}/recognition/budgets/new`)).statusCode, 403);
  assert.equal((await dm.post(`${A}/recognition/budgets/${R.budgetId}`, { name: 'Mine now', scope: '', amount: '1', version: '1' })).statusCode, 403);
  assert.equal((await dm.get(`${A}/recognition/rules`)).statusCode, 403);
});

test('a budget cannot be cut below what is committed: a clear error, and what was typed is kept; a stale save keeps it too', async () => {
  const { activityId } = await activityWithPeople(2, 'Cut budget event');
  const budgetId = await createBudget(t.db, R.id, null, { name: 'Cut me', amountPence: 5_000 });
  await createRule(t.db, R.id, null, { earnedBy: 'attended', kind: 'voucher', valuePence: 2_000, budgetId, activityType: 'event' });
  const ids = await proposeRewards(t.db, R.id, null, activityId);
  await approveRewards(t.db, R.id, null, ids);
  const form = await lead.get(`${A}/recognition/budgets/${budgetId}`);
  assert.match(form.body, /£40/);
  const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
  const cut = await lead.post(`${A}/recognition/budgets/${budgetId}`, { name: 'Cut me smaller', scope: '', amount: '30', version });
  assert.equal(cut.statusCode, 422);
  const page = readPage(cut.body);
  assert.match(page.errorSummary().join(' '), /cannot be less than the £40 already committed/);
  assert.match(cut.body, /value="Cut me smaller"/);
  assert.match(cut.body, /value="30"/);
  assert.equal((await findBudget(t.db, R.id, budgetId)).amountPence, 5_000);
  const ok = await lead.post(`${A}/recognition/budgets/${budgetId}`, { name: 'Cut me', scope: '', amount: '40', version });
  assert.equal(ok.statusCode, 303);
  // The same form sent again is stale: what was typed stays, and it says why.
  await lead.get(`${A}/recognition/budgets/${budgetId}`);
  const stale = await lead.post(`${A}/recognition/budgets/${budgetId}`, { name: 'Typed meanwhile', scope: '', amount: '45', version });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else saved this budget first/);
  assert.match(stale.body, /value="Typed meanwhile"/);
});

test('a lead makes a budget and a rule through the forms, turns the rule off, and errors keep what was typed', async () => {
  await lead.get(`${A}/recognition/budgets/new`);
  const wrong = await lead.post(`${A}/recognition/budgets/new`, { name: 'Forum pot', scope: `org:${R.organisationId}`, amount: 'lots' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /value="Forum pot"/);
  assert.match(wrong.body, /value="lots"/);
  const made = await lead.post(`${A}/recognition/budgets/new`, { name: 'Forum pot', scope: `org:${R.organisationId}`, amount: '£1,250.50' });
  assert.equal(made.statusCode, 303);
  const list = await lead.get(`${A}/recognition/budgets`);
  assert.match(list.body, /Forum pot/);
  assert.match(list.body, /£1,250.50/);
  const budgetId = /recognition\/budgets\/([0-9a-f-]{36})">Forum pot/.exec(list.body)![1]!;
  await lead.get(`${A}/recognition/rules/new`);
  const badRule = await lead.post(`${A}/recognition/rules/new`, { earnedBy: 'attended', kind: 'voucher', value: '2000', voucherType: 'High street voucher', budgetId, activityType: 'event' });
  assert.equal(badRule.statusCode, 422);
  assert.match(badRule.body, /value="High street voucher"/);
  const rule = await lead.post(`${A}/recognition/rules/new`, { earnedBy: 'attended', kind: 'voucher', value: '10', voucherType: 'High street voucher', budgetId, activityType: 'event' });
  assert.equal(rule.statusCode, 303);
  const rules = await lead.get(`${A}/recognition/rules`);
  assert.match(rules.body, /£10 High street voucher for each event attended/);
  const ruleId = /recognition\/rules\/([0-9a-f-]{36})">£10 High street voucher/.exec(rules.body)![1]!;
  await lead.get(`${A}/recognition/rules/${ruleId}`);
  const off = await lead.post(`${A}/recognition/rules/${ruleId}`, { earnedBy: 'attended', kind: 'voucher', value: '10', voucherType: 'High street voucher', budgetId, activityType: 'event' });
  assert.equal(off.statusCode, 303);
  const active = await withArea(t.db, R.id, (tx) => tx.selectFrom('reward_rule').select('active').where('id', '=', ruleId).executeTakeFirstOrThrow());
  assert.equal(active.active, false);
  assert.ok(await auditCount('recognition.rule.changed', ruleId));
});

test('no 500 on any input', async () => {
  const junk = ['', ' ', 'x'.repeat(5000), '<script>alert(1)</script>', '-1', '1e9', '£', 'org:nope', 'act:00000000-0000-0000-0000-000000000000', '99999999999'];
  await lead.get(`${A}/recognition/budgets/new`);
  for (const value of junk) {
    const forms: [string, Record<string, string | string[]>][] = [
      [`${A}/recognition/budgets/new`, { name: value, scope: value, amount: value }],
      [`${A}/recognition/budgets/${R.budgetId}`, { name: value, scope: value, amount: value, version: value }],
      [`${A}/recognition/rules/new`, { earnedBy: value, kind: value, value, voucherType: value, budgetId: value, activityType: value }],
      [`${A}/recognition/rules/${R.ruleId}`, { earnedBy: value, kind: value, value, voucherType: value, budgetId: value, activityType: value, active: value }],
      [`${A}/activities/${R.activityId}/rewards`, { reward: [value, value], decision: value }],
      [`${A}/recognition/rewards/${R.rewardId}/issue`, { voucherCode: value }],
    ];
    for (const [url, form] of forms) {
      const response = await lead.post(url, form);
      assert.ok(response.statusCode < 500, `${url} ${JSON.stringify(form).slice(0, 80)} → ${response.statusCode}`);
    }
  }
  assert.equal((await lead.get(`${A}/recognition/rewards/not-an-id`)).statusCode, 404);
  assert.equal((await lead.get(`${A}/activities/${R.activityId}/rewards?x=1`)).statusCode, 200);
});

test("the activity's rewards page, the budgets page and a person's rewards take the same number of queries for 2 people as for 12", async () => {
  const small = await activityWithPeople(2, 'Counted small');
  const big = await activityWithPeople(12, 'Counted big');
  const budgetId = await createBudget(t.db, R.id, null, { name: 'Counted', amountPence: 100_000 });
  await createRule(t.db, R.id, null, { earnedBy: 'attended', kind: 'voucher', valuePence: 100, budgetId, activityType: 'event' });
  const smallIds = await proposeRewards(t.db, R.id, null, small.activityId);
  const bigIds = await proposeRewards(t.db, R.id, null, big.activityId);
  const counted = countingDb(t.db);
  const countFor = async (fn: () => Promise<unknown>) => {
    counted.reset();
    await fn();
    return counted.count();
  };
  const a = await countFor(() => activityRewards(counted.db, R.id, small.activityId));
  const b = await countFor(() => activityRewards(counted.db, R.id, big.activityId));
  assert.equal(a, b);
  const c = await countFor(() => approveRewards(counted.db, R.id, null, smallIds));
  const d = await countFor(() => approveRewards(counted.db, R.id, null, bigIds));
  assert.equal(c, d);
  const e = await countFor(() => withArea(counted.db, R.id, (tx) => rewardsFor(tx, R.id, small.accounts.map((id) => `a:${id}`))));
  const f = await countFor(() => withArea(counted.db, R.id, (tx) => rewardsFor(tx, R.id, big.accounts.map((id) => `a:${id}`))));
  assert.equal(e, f);
});

test('report figures: counts and spend of rewards given, by activity and organisation, no names', async () => {
  const { activityId } = await activityWithPeople(3, 'Figures event');
  const budgetId = await createBudget(t.db, R.id, null, { name: 'Figures', amountPence: 100_000 });
  await createRule(t.db, R.id, null, { earnedBy: 'attended', kind: 'voucher', valuePence: 700, budgetId, activityType: 'event' });
  await proposeRewards(t.db, R.id, null, activityId);
  // Only this test's rule's rewards (rules of earlier tests propose for events too).
  const ids = (await activityRewards(t.db, R.id, activityId)).rewards.filter((r) => r.budgetId === budgetId).map((r) => r.id);
  await approveRewards(t.db, R.id, null, ids);
  await issueReward(t.db, R.id, null, ids[0]!);
  await issueReward(t.db, R.id, null, ids[1]!);
  const figures = await withArea(t.db, R.id, (tx) => rewardFigures(tx, R.id, { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000), activityIds: [activityId] }));
  assert.equal(figures.given, 2);
  assert.equal(figures.spendPence, 1_400);
  assert.deepEqual(figures.byActivity, [{ id: activityId, count: 2, spendPence: 1_400 }]);
  assert.deepEqual(figures.byOrganisation, [{ id: R.organisationId, count: 2, spendPence: 1_400 }]);
  assert.doesNotMatch(JSON.stringify(figures), /Person/);
});
