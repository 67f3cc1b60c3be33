/**
 * Rewards (issue 17 §2) as a lead and a young person use them in a browser: budgets (list, new,
 * with errors, one budget), rules (list, new, one rule), an activity's rewards (none yet, proposed,
 * approved in bulk by keyboard alone and again with JavaScript off, with one that did not fit), a
 * reward's page (approved, issued), and the young person's own vouchers (coming, with the code).
 * The bulk decision is made again on a 320 px phone with JavaScript off (an error, then a decline).
 * axe at 320 and 1280 px on every page and state, and no page scrolls sideways at 320 px.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, pressEnter, submit, tabTo } from './support.ts';

const suite = e2eFile();
const A = `/a/${DEMO_SLUG}`;
const PHONE = { width: 320, height: 640 };

const check = async (page: Page, label: string) => {
  await expectAccessible(page, label);
  await expectNoSidewaysScroll(page, label);
};

/** A new event of Riverside Youth Voice with people who came (a young person with their own sign-in among them). */
async function eventWithPeople(title: string, names: string[], type = 'event'): Promise<{ areaId: string; activityId: string; youngPersonId: string; youngEmail: string }> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const youngEmail = `${title.toLowerCase().replace(/[^a-z]+/g, '-')}@young.example`;
  const youngAccount = await createAccount(db, { email: youngEmail, displayName: 'Amara', password: DEMO_PASSWORD });
  await addMember(db, areaId, youngAccount, 'young_person', null);
  const ids = await withArea(db, areaId, async (tx) => {
    const base = await tx.selectFrom('activity').selectAll().where('area_id', '=', areaId).where('status', '<>', 'draft').orderBy('created_at').executeTakeFirstOrThrow();
    const { id: _id, created_at: _c, ...rest } = base as unknown as Record<string, unknown>;
    const org = await tx.selectFrom('organisation').select('id').where('area_id', '=', areaId).where('name', '=', 'Riverside Youth Voice').executeTakeFirstOrThrow();
    const activity = await tx.insertInto('activity').values({ ...rest, title, type, organisation_id: org.id } as never).returning('id').executeTakeFirstOrThrow();
    const young = await tx.insertInto('young_person').values({ area_id: areaId, account_id: youngAccount, age_band: '12_15' }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('attendance').values({ area_id: areaId, activity_id: activity.id, account_id: youngAccount }).execute();
    for (const name of names) {
      const account = await tx.insertInto('account').values({ email: null, display_name: name }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('attendance').values({ area_id: areaId, activity_id: activity.id, account_id: account.id }).execute();
    }
    return { activityId: activity.id, youngPersonId: young.id };
  });
  return { areaId, ...ids, youngEmail };
}

test('a lead sets up a budget and a rule, proposes rewards, approves them by keyboard alone, issues one; the young person sees it', { timeout: 300_000 }, async () => {
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  // Budgets: none of this test's yet, then a new one with an error first.
  await lead.goto(`${A}/recognition/budgets`);
  assert.equal(await pageHeading(lead), 'Budgets for rewards');
  await check(lead, 'budgets');
  await lead.goto(`${A}/recognition/budgets/new`);
  await check(lead, 'new budget');
  await lead.fill('#name', 'Youth forum vouchers');
  await lead.selectOption('#scope', { label: 'Organisation: Riverside Youth Voice' });
  await lead.fill('#amount', 'twenty five');
  await submit(lead, 'Add budget');
  assert.deepEqual(await errorSummaryLinks(lead), ['#amount']);
  assert.equal(await lead.inputValue('#name'), 'Youth forum vouchers');
  await check(lead, 'new budget with an error');
  await lead.fill('#amount', '25');
  await submit(lead, 'Add budget');
  assert.equal(await pageHeading(lead), 'Budgets for rewards');
  await check(lead, 'budgets with one');
  // Rules. The demo's own rule (a £10 high street voucher for anything attended) is turned off first:
  // this test counts the rewards its own rule proposes, from its own small budget.
  const areaId = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id;
  await withArea(suite.e2e.db, areaId, (tx) => tx.updateTable('reward_rule').set({ active: false }).where('area_id', '=', areaId).execute());
  await lead.goto(`${A}/recognition/rules/new`);
  await check(lead, 'new rule');
  await lead.check('#earnedBy');
  await lead.fill('#value', '10');
  await lead.fill('#voucherType', 'Cinema voucher');
  await lead.selectOption('#budgetId', { label: 'Youth forum vouchers (£25 left)' });
  await lead.selectOption('#activityType', 'event');
  await submit(lead, 'Add rule');
  assert.equal(await pageHeading(lead), 'Reward rules');
  await check(lead, 'rules');
  await lead.getByRole('link', { name: '£10 Cinema voucher for each event attended' }).click();
  await check(lead, 'one rule');

  // An event three people came to: propose, then approve all three by keyboard; only two fit.
  const event = await eventWithPeople('Youth forum summer party', ['Ben', 'Chloe']);
  await lead.goto(`${A}/activities/${event.activityId}/rewards`);
  assert.equal(await pageHeading(lead), 'Youth forum summer party Rewards');
  await check(lead, 'activity rewards, none yet');
  await tabTo(lead, 'button', 'Propose rewards from the rules');
  await pressEnter(lead);
  assert.ok(await lead.getByText(/rewards proposed/).first().isVisible());
  await check(lead, 'activity rewards, proposed');
  for (const name of ['Amara', 'Ben', 'Chloe']) {
    await tabTo(lead, 'input[type=checkbox]');
    const label = await lead.evaluate(() => document.querySelector(`label[for="${document.activeElement?.id}"]`)?.textContent ?? '');
    assert.match(label, new RegExp(name));
    await lead.keyboard.press('Space');
  }
  await tabTo(lead, 'button', 'Approve');
  await pressEnter(lead);
  assert.ok(await lead.getByText('2 rewards approved.').first().isVisible());
  assert.ok(await lead.getByText('£10 for Chloe did not fit: £5 left in Youth forum vouchers.', { exact: false }).first().isVisible());
  await check(lead, 'activity rewards, approved with one that did not fit');

  // The same page on a phone with JavaScript off: nothing ticked is an error; Chloe's is declined.
  const phone = await suite.pageAs(demoAccount('participation_lead').email, { javaScriptEnabled: false, viewport: PHONE });
  await phone.goto(`${A}/activities/${event.activityId}/rewards`);
  await submit(phone, 'Approve');
  assert.deepEqual(await errorSummaryLinks(phone), ['#rewards-table']);
  await expectAccessible(await mirrorWithoutScripts(phone, await suite.pageAs(null)), 'activity rewards, nothing ticked, no JavaScript');
  await phone.getByLabel('Choose Chloe').check();
  await submit(phone, 'Decline');
  assert.ok(await phone.getByText('1 reward declined').first().isVisible());
  await expectAccessible(await mirrorWithoutScripts(phone, await suite.pageAs(null)), 'activity rewards, declined, no JavaScript');

  // The young person sees it coming, and asks for the code by email.
  const young = await suite.pageAs(event.youngEmail, { viewport: PHONE });
  await young.goto(`${A}/young/${event.youngPersonId}/rewards`);
  assert.equal(await pageHeading(young), 'My vouchers');
  assert.ok(await young.getByText('Coming soon').isVisible());
  await check(young, 'my vouchers, coming');
  await tabTo(young, 'input[type=checkbox]');
  await young.keyboard.press('Space');
  await tabTo(young, 'button', 'Save');
  await pressEnter(young);
  assert.ok(await young.getByText('We will email the code when it is ready.').isVisible());

  // The lead issues Amara's voucher with a code.
  await lead.goto(`${A}/activities/${event.activityId}/rewards`);
  await lead.getByRole('link', { name: 'Amara' }).click();
  assert.match(await pageHeading(lead), /Cinema voucher for Amara/);
  assert.ok(await lead.getByText('They asked for the code by email').isVisible());
  await check(lead, 'reward, approved');
  await lead.fill('#voucherCode', 'RVR-2026-AMARA');
  await submit(lead, 'Mark as issued');
  assert.ok(await lead.getByText('Reward issued').first().isVisible());
  await check(lead, 'reward, issued');

  await young.reload();
  assert.ok(await young.getByText('Ready for you').isVisible());
  assert.ok(await young.getByText('RVR-2026-AMARA').isVisible());
  await check(young, 'my vouchers, ready with the code');
});
