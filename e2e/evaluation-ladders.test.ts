/**
 * Ladders of participation (issue 13 §1), in a browser: the area's ladder settings (as seeded, and
 * with an error), making the area's own version and changing its words (with an error), an
 * activity's level page from the demo (staff and young people disagree), rating the level achieved
 * by keyboard alone with JavaScript off, and the area view of levels (filled and empty). axe at 320
 * and 1280 px in each state, and no sideways scroll on a phone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createArea, findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { listActivities } from '../src/modules/activities/activities.service.ts';
import { DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, submit } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const suite = e2eFile();
const lead = () => demoAccount('participation_lead').email;

async function activityId(title: RegExp): Promise<string> {
  const area = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!;
  return (await listActivities(suite.e2e.db, area.id)).find((a) => title.test(a.title))!.id;
}

/** Presses Tab until the focused element matches, or fails after 80 presses. */
async function tabTo(page: Page, matches: (el: { name: string; tag: string; text: string; type: string }) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return { name: a?.getAttribute('name') ?? '', tag: a?.tagName.toLowerCase() ?? '', text: a?.textContent?.trim() ?? '', type: a?.getAttribute('type') ?? '' };
    });
    if (matches(el)) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Enter on the focused button, and the page the form posted to (or was sent on to) has loaded. */
async function pressToSend(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

test("the area's ladder: the settings page as seeded, and copying with nothing chosen", async () => {
  const page = await suite.pageAs(lead());
  await page.goto(`${A}/manage/evaluation/ladders`);
  assert.equal(await pageHeading(page), "Riverside SEND Partnership Your area's ladder of participation");
  assert.match(await page.locator('main').innerText(), /Chorus' own mapping/);
  await expectAccessible(page, 'ladder settings');
  await expectNoSidewaysScroll(page, 'ladder settings');
  // Every ladder's rungs open (the details), as a lead reading them would.
  for (const summary of await page.locator('details summary').all()) if (!(await summary.locator('xpath=..').getAttribute('open'))) await summary.click();
  await expectAccessible(page, 'ladder settings, every ladder open');

  await submit(page, 'Copy and change the words');
  assert.deepEqual(await errorSummaryLinks(page), ['#basedOn']);
  assert.match(await page.title(), /^Error:/);
  await expectAccessible(page, 'ladder settings (error)');
});

test("the area's own version: copied, then its words changed, with an error first", async () => {
  const page = await suite.pageAs(lead());
  await page.goto(`${A}/manage/evaluation/ladders`);
  await page.getByRole('group', { name: 'Which ladder do you want to copy?' }).getByLabel('The ladder of co-production (TLAP)').check();
  await page.getByLabel('Name of your version (optional)').fill("Riverside's ladder");
  await submit(page, 'Copy and change the words');
  assert.equal(await pageHeading(page), 'Your version of The ladder of co-production (TLAP) Change the words of your ladder');
  await expectAccessible(page, 'own ladder');
  await expectNoSidewaysScroll(page, 'own ladder');

  await page.locator('#rung-3-name').fill('');
  await page.locator('#rung-0-order').fill('2');
  await submit(page, 'Save the words');
  assert.deepEqual(await errorSummaryLinks(page), ['#rung-1-order', '#rung-3-name'], 'the second rung numbered 2 is the one to change');
  await expectAccessible(page, 'own ladder (errors)');

  await page.locator('#rung-0-order').fill('1');
  await page.locator('#rung-3-name').fill('We asked you');
  await submit(page, 'Save the words');
  assert.match((await page.locator('.govuk-notification-banner').innerText()), /The words of your ladder are saved/);
});

test("an activity's level: the demo's disagreement, and the lead rates it by keyboard alone with JavaScript off", async () => {
  const id = await activityId(/Saturday club/);
  const page = await suite.pageAs(lead(), { javaScriptEnabled: false });
  await page.goto(`${A}/activities/${id}/evaluation/level`);
  const main = await page.locator('main').innerText();
  assert.match(main, /Staff said co-design; young people said they were asked\./);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(lead())), 'activity level');
  await expectNoSidewaysScroll(page, 'activity level');

  // Send without reasons: the error is on the same page, and the rung chosen is kept.
  await tabTo(page, (el) => el.tag === 'input' && el.type === 'radio' && el.name === 'rung', 'the rungs');
  await page.keyboard.press('ArrowDown'); // from the rung checked now (co-design) to the next one down: consult
  await tabTo(page, (el) => el.tag === 'button' && el.text === 'Save the level it achieved', 'the save button');
  await pressToSend(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#justification']);
  assert.equal(await page.locator('input[name="rung"]:checked').getAttribute('value'), 'hart.consulted_informed');
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(lead())), 'activity level (error)');

  await tabTo(page, (el) => el.tag === 'textarea' && el.name === 'justification', 'the reasons');
  await page.keyboard.type('On reflection the young people were asked; adults chose the options.');
  await tabTo(page, (el) => el.tag === 'button' && el.text === 'Save the level it achieved', 'the save button');
  await pressToSend(page);
  const after = await page.locator('main').innerText();
  assert.match(after, /The level it achieved is saved/);
  assert.match(after, /Consulted and informed \(Consult\)/);
  assert.doesNotMatch(after, /Staff said co-design/, 'now staff and young people agree');
  assert.equal(await page.locator('table').filter({ hasText: 'Every rating of this activity' }).locator('tbody tr').count(), 2, 'the earlier rating is kept');
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(lead())), 'activity level (saved)');
});

test('the area view of levels: filled from the demo, and empty', async () => {
  const page = await suite.pageAs(demoAccount('decision_maker').email);
  await page.goto(`${A}/manage/evaluation/levels`);
  assert.equal(await pageHeading(page), 'Riverside SEND Partnership How much say did people have?');
  assert.ok(await page.getByRole('img', { name: /Bar chart/ }).isVisible());
  assert.equal(await page.locator('table').filter({ hasText: 'Number of activities at each common level' }).locator('tbody tr').count(), 6);
  await expectAccessible(page, 'levels');
  await expectNoSidewaysScroll(page, 'levels');

  // An area with no activities yet, for a lead of both.
  const empty = await createArea(suite.e2e.db, { slug: 'no-levels-yet', name: 'No Levels Yet', contactEmail: 'x@example.com' });
  const leadId = (await suite.e2e.db.selectFrom('account').select('id').where('email', '=', lead()).executeTakeFirstOrThrow()).id;
  await withArea(suite.e2e.db, empty.id, (tx) => tx.insertInto('area_membership').values({ area_id: empty.id, account_id: leadId, role: 'participation_lead', organisation_id: null }).execute());
  const leadPage = await suite.pageAs(lead());
  await leadPage.goto('/a/no-levels-yet/manage/evaluation/levels');
  assert.match(await leadPage.locator('main').innerText(), /There are no activities yet\./);
  await expectAccessible(leadPage, 'levels (empty)');
});
