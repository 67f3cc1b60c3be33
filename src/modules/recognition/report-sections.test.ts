/**
 * The recognition section of a report (issue 17 §2) on a known data set: thanks sent, hours given and
 * vouchers with their spend, by activity and organisation, within the period; counts 1–7 hidden (and
 * the spend beside them), never a name.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { testActivity } from '../../testing/activities.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { createActivity } from '../activities/activities.service.ts';
import { addOrganisation, createArea } from '../areas/areas.service.ts';
import type { SectionContext } from '../reports/index.ts';
import { recognitionReportSections } from './report-sections.service.ts';
import { recordAttendance, sendThanks } from './thanks.service.ts';

let t: TestDb;
let areaId: string;
const NOW = new Date();
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const section = recognitionReportSections.find((s) => s.key === 'recognition.thanks')!;

before(async () => {
  t = await createTestDb();
  areaId = (await createArea(t.db, { slug: 'report-thanks', name: 'Report Thanks', contactEmail: 'hello@rt.example' })).id;
});
after(async () => {
  await t.drop();
});

async function activityWith(title: string, organisationId: string | null, people: number, minutesEach: number, vouchers: number) {
  const id = (await createActivity(t.db, areaId, null, testActivity({ title, organisationId }))).id;
  const refs: { signupId: string }[] = [];
  for (let i = 0; i < people; i += 1) {
    const s = await withArea(t.db, areaId, async (tx) => (await tx.insertInto('activity_signup').values({ area_id: areaId, activity_id: id, name: `Secret Person ${title} ${i}`, idempotency_key: `${id}-${i}` }).returning('id').executeTakeFirstOrThrow()).id);
    refs.push({ signupId: s });
  }
  await recordAttendance(t.db, areaId, null, id, refs);
  await sendThanks(t.db, areaId, null, id, { message: 'Thank you' });
  await withArea(t.db, areaId, async (tx) => {
    if (minutesEach) {
      const member = await tx.insertInto('account').values({ email: `${id}@rt.example`, display_name: 'Timekeeper Secret' }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('time_given').values({ area_id: areaId, activity_id: id, account_id: member.id, kind: 'panel', source_key: `k-${id}`, minutes: minutesEach, given_on: day(0) }).execute();
    }
    if (vouchers) {
      const budget = await tx.insertInto('recognition_budget').values({ area_id: areaId, name: 'B', amount_pence: 100_000 }).returning('id').executeTakeFirstOrThrow();
      for (let i = 0; i < vouchers; i += 1) {
        await tx.insertInto('reward').values({ area_id: areaId, activity_id: id, signup_id: refs[i]!.signupId, kind: 'voucher', value_pence: 1_000, budget_id: budget.id, status: 'issued', approved_at: new Date(), issued_at: new Date() }).execute();
      }
    }
  });
  return id;
}

test('thanks, hours and vouchers on a known set: small counts and their spend hidden, no names, a fixed number of queries', async () => {
  const org = await addOrganisation(t.db, areaId, null, { name: 'Riverbank Youth Club', kind: 'council' });
  await activityWith('Big forum', org.id, 9, 150, 8);
  await activityWith('Small group', null, 3, 60, 2);
  const counted = countingDb(t.db);
  const ctx: SectionContext = { db: counted.db, areaId, scope: { kind: 'area' }, from: day(-1), to: day(1), t: translator('en'), lang: 'en', now: NOW };
  const content = await section.build(ctx);
  assert.equal(content.empty, false);
  const [thanks, hours, vouchers] = content.figures;
  assert.equal(thanks!.value, 12);
  assert.equal(hours!.value, 3.5);
  assert.equal(vouchers!.value, 10);
  const byActivity = content.tables.find((x) => x.id === 'by_activity')!;
  assert.deepEqual(byActivity.rows.map((r) => r[0]), ['Big forum', 'Small group']);
  assert.deepEqual(byActivity.rows[0]!.slice(1), [{ value: 9, suppression: 'none' }, { value: 2.5, suppression: 'none' }, { value: 8, suppression: 'none' }, '£80']);
  assert.deepEqual(byActivity.rows[1]!.slice(1), [{ value: null, suppression: 'small', percent: null }, { value: 1, suppression: 'none' }, { value: null, suppression: 'small', percent: null }, { value: null, suppression: 'small', percent: null }]);
  const byOrg = content.tables.find((x) => x.id === 'by_organisation')!;
  assert.deepEqual(byOrg.rows.map((r) => r[0]).sort(), ['Riverbank Youth Club', 'The partnership']);
  assert.doesNotMatch(JSON.stringify(content), /Secret/);
  const queries = counted.count();
  // More activities, people and rewards: the same number of queries.
  await activityWith('Third', org.id, 10, 30, 9);
  const again = countingDb(t.db);
  await section.build({ ...ctx, db: again.db });
  assert.equal(again.count(), queries);
  // Outside the period: empty.
  const before = await section.build({ ...ctx, from: day(-30), to: day(-20) });
  assert.equal(before.empty, true);
});
