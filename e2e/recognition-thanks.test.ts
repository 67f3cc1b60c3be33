/**
 * Thanks in a browser (issue 17 §2): the lead records who came and sends a thank-you by keyboard
 * alone and with JavaScript off; the overview, the deadline, a person's page and the young person's
 * own thanks page pass axe at 320 and 1280 px in each state.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withArea } from '../src/db/db.ts';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { recordNameConsent, sendThanks } from '../src/modules/recognition/index.ts';
import { testActivity } from '../src/testing/activities.ts';
import { DEMO_PASSWORD, DEMO_SLUG, e2eFile, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();
const A = `/a/${DEMO_SLUG}`;
const DAY = 86_400_000;

async function endedActivity(title: string, daysAgo: number, names: string[]): Promise<{ activityId: string; areaId: string; signups: string[] }> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const now = Date.now();
  const activityId = (await createActivity(db, areaId, null, testActivity({ title, startsAt: new Date(now - daysAgo * DAY - 3_600_000), endsAt: new Date(now - daysAgo * DAY) }))).id;
  const signups = [];
  for (const name of names) {
    signups.push(await withArea(db, areaId, async (tx) => (await tx.insertInto('activity_signup').values({ area_id: areaId, activity_id: activityId, name, email: '', idempotency_key: `${activityId}-${name}` }).returning('id').executeTakeFirstOrThrow()).id));
  }
  return { activityId, areaId, signups };
}

test('the lead ticks who came and thanks them with the keyboard alone; the pages pass axe at 320 and 1280 px', async () => {
  const { activityId } = await endedActivity('Youth forum in the library', 20, ['Keya Keyboard', 'Lewis Later']);
  const page = await suite.pageAs('lead@riverside.example', { viewport: PHONE });
  await page.goto(`${A}/activities/${activityId}/attendance`);
  assert.equal(await pageHeading(page), 'Youth forum in the library Who came');
  await expectAccessible(page, 'who came');
  await expectNoSidewaysScroll(page, 'who came at 320 px');
  await tabTo(page, 'input[name="came"]');
  await page.keyboard.press('Space');
  await tabTo(page, 'button', 'Save who came');
  await pressEnter(page);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Who came is saved/);
  assert.equal(await page.locator('input[name="came"]:checked').count(), 1);

  // The overview: overdue (ended 20 days ago, the deadline is 14).
  await page.goto(`${A}/recognition`);
  await expectAccessible(page, 'thanks overview, overdue');
  assert.match(await page.locator('main').innerText(), /Overdue by 6 days/);

  await page.goto(`${A}/activities/${activityId}/thanks`);
  await expectAccessible(page, 'say thank you');
  // A radio group is one Tab stop; the arrow keys choose within it (no picture → heart → star).
  await tabTo(page, 'input[name="symbol"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('input[name="symbol"]:checked').getAttribute('value'), '2B50');
  await tabTo(page, 'button', 'Send thank-you');
  await pressEnter(page);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Thank-you sent to 1 person/);
  assert.match(await page.locator('#through-supporter').innerText(), /Keya Keyboard/);
  await expectAccessible(page, 'say thank you, everyone thanked');

  // The deadline: a wrong number, then saved.
  await page.goto(`${A}/recognition/settings`);
  await expectAccessible(page, 'deadline');
  await page.getByLabel(/How many days/).fill('zero');
  await submit(page, 'Save deadline');
  await expectAccessible(page, 'deadline with an error');
  await page.getByLabel(/How many days/).fill('30');
  await submit(page, 'Save deadline');
  await expectAccessible(page, 'overview, nothing overdue');
});

test('with JavaScript off: who came and thanks post and redirect; a person page with consent and a certificate', async () => {
  const { activityId, areaId, signups } = await endedActivity('Summer club planning', 3, ['Nia Noscript']);
  const page = await suite.pageAs('lead@riverside.example', { javaScriptEnabled: false });
  const mirror = await suite.pageAs('lead@riverside.example');
  await page.goto(`${A}/activities/${activityId}/attendance`);
  await page.getByLabel('Nia Noscript').check();
  await submit(page, 'Save who came');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'who came, saved, no JavaScript');
  await page.goto(`${A}/activities/${activityId}/thanks`);
  await page.getByLabel('Your thank-you').fill('');
  await submit(page, 'Send thank-you');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'thanks with an error, no JavaScript');
  await page.getByLabel('Your thank-you').fill('Thank you for helping plan the summer club.');
  await submit(page, 'Send thank-you');
  assert.match(await page.locator('main').innerText(), /Already thanked/);

  const person = `${A}/recognition/people/s:${signups[0]}`;
  await page.goto(person);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'person, no consent');
  await recordNameConsent(suite.e2e.db, areaId, null, { signupId: signups[0]! }, { name: 'Nia', givenBy: 'self' });
  await page.goto(person);
  await submit(page, 'Make a certificate');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'person, certificate form with errors');
  await page.getByLabel('What they did').fill('Helped plan the summer club');
  await submit(page, 'Make a certificate');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'person, with a certificate');
  assert.equal(await page.locator('a[href*="/recognition/certificates/"]').count(), 1);
});

test('a young person sees their thanks and record in easy read, at 320 and 1280 px', async () => {
  const { db } = suite.e2e;
  const { activityId, areaId } = await endedActivity('Youth voice day', 2, []);
  const email = 'e2e-young@riverside.example';
  const accountId = await createAccount(db, { email, displayName: 'Zara Young', password: DEMO_PASSWORD });
  await addMember(db, areaId, accountId, 'young_person', null);
  const youngId = await withArea(db, areaId, async (tx) => (await tx.insertInto('young_person').values({ area_id: areaId, account_id: accountId, age_band: '12_15' }).returning('id').executeTakeFirstOrThrow()).id);
  const page = await suite.pageAs(email, { viewport: PHONE });
  await page.goto(`${A}/young/${youngId}/thanks`);
  await expectAccessible(page, 'my thanks, none yet');
  await withArea(db, areaId, (tx) => tx.insertInto('attendance').values({ area_id: areaId, activity_id: activityId, account_id: accountId }).execute());
  await sendThanks(db, areaId, null, activityId, { message: 'Thank you for coming to the youth forum. Your ideas help make things better.', symbol: '1F389' });
  await page.goto(`${A}/young/${youngId}/thanks`);
  await expectAccessible(page, 'my thanks');
  await expectNoSidewaysScroll(page, 'my thanks at 320 px');
  assert.match(await page.locator('main').innerText(), /Your ideas help make things better/);
  await page.goto(`${A}/young/${youngId}/record`);
  await expectAccessible(page, 'my record');
  assert.match(await page.locator('main').innerText(), /A young person took part/);
});
