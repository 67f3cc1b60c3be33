/**
 * What taking part did (issue 13 §4), in a browser: the lead's evaluation questions, an activity's
 * "What did it change?" and the area's page (filled from the demo seed, empty, and with errors); the
 * participant impact check for a child (picture cards) by keyboard alone with JavaScript off, and a
 * parent carer's from their own page; the receipt-code page. axe at 320 and 1280 px in each state.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { hashToken } from '../src/lib/tokens.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { insertResponse } from '../src/testing/responses.ts';
import { DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, submit } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const PHONE = { width: 320, height: 640 };
const suite = e2eFile();

async function areaId(): Promise<string> {
  return (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id;
}

/** A sent response of a new survey (children's mode or not), and the cookie that says this browser sent it. */
async function sentResponse(childrenMode: boolean): Promise<{ id: string; token: string }> {
  const id = await areaId();
  const activity = await createActivity(suite.e2e.db, id, null, testActivity({ title: 'Our club', childrenMode }));
  const token = `e2e-${Math.random()}`;
  const response = await withArea(suite.e2e.db, id, async (tx) => {
    const r = await insertResponse(tx, id, { activityId: activity.id, answers: [] });
    await tx.updateTable('response').set({ receipt_code: childrenMode ? 'K7Q-4MZ' : 'P3R-8WX', access_token_hash: hashToken(token) }).where('id', '=', r.id).execute();
    return r;
  });
  return { id: response.id, token };
}

async function withResponseCookie(page: Page, response: { id: string; token: string }): Promise<void> {
  await page.context().addCookies([{ name: 'chorus_response', value: response.token, url: `${suite.e2e.baseUrl}${A}/responses/${response.id}/impact-check` }]);
}

/** Presses Tab until the focused element matches, or fails after 60 presses. */
async function tabTo(page: Page, matches: (el: { name: string; tag: string; text: string }) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return { name: a?.getAttribute('name') ?? '', tag: a?.tagName.toLowerCase() ?? '', text: a?.textContent?.trim() ?? '' };
    });
    if (matches(el)) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

/**
 * Enter on the focused send button, and the page the form posted to (or was sent on to) has loaded.
 * It waits for the new page's own load event: waiting for the POST's response and then the load
 * state could pass on the old page, before the new one replaced it.
 */
async function pressToSend(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

test('a child answers the impact check with picture cards, by keyboard alone and with JavaScript off', async () => {
  const response = await sentResponse(true);
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await withResponseCookie(page, response);
  await page.goto(`${A}/responses/${response.id}/impact-check`);
  assert.equal(await pageHeading(page), 'How do you feel?');
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'child impact check');
  await expectNoSidewaysScroll(page, 'child impact check');

  // Nothing chosen: the error summary, in the child's words, links to the first card of each statement.
  await tabTo(page, (el) => el.tag === 'button' && el.text === 'Send my answers', 'the send button');
  await pressToSend(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#self_esteem', '#self_advocacy', '#confidence', '#less_isolated']);
  assert.match(await page.title(), /^Error:/);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'child impact check (errors)');

  // Keyboard only: into each group of cards, arrow to "A lot" (the third), then send.
  await page.goto(`${A}/responses/${response.id}/impact-check`);
  for (const item of ['self_esteem', 'self_advocacy', 'confidence', 'less_isolated']) {
    await tabTo(page, (el) => el.name === item, item);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.locator('input[type=radio]:checked').count(), 4);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'child impact check (chosen)');
  await tabTo(page, (el) => el.tag === 'button' && el.text === 'Send my answers', 'the send button');
  await pressToSend(page);
  assert.equal(await pageHeading(page), 'Thank you');
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'impact check thanks');

  const stored = await withArea(suite.e2e.db, await areaId(), (tx) => tx.selectFrom('impact_check').select('answers').orderBy('answered_at', 'desc').executeTakeFirstOrThrow());
  assert.deepEqual(stored.answers, { self_esteem: 3, self_advocacy: 3, confidence: 3, less_isolated: 3 });
});

test('the receipt-code page: empty, and a code with no check', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await page.goto(`${A}/impact-check/code`);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'code page');
  await page.getByLabel('Your receipt code from the first time').fill('ZZZ-ZZZ');
  await submit(page, 'Continue');
  assert.deepEqual(await errorSummaryLinks(page), ['#code']);
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'code page (not found)');
});

test("a parent carer is offered the check on their own page, answers it, and isn't offered it again", async () => {
  const page = await suite.pageAs(demoAccount('parent_carer').email);
  await page.goto(`${A}/your-page`);
  await page.getByRole('link', { name: 'Answer 4 short statements' }).click();
  assert.equal(await pageHeading(page), 'How is taking part going for you?');
  await expectAccessible(page, 'parent carer impact check');
  for (const item of ['self_esteem', 'self_advocacy', 'confidence', 'less_isolated']) await page.locator(`input[name=${item}][value="2"]`).check();
  await submit(page, 'Send my answers');
  assert.equal(await pageHeading(page), 'Thank you');
  await page.goto(`${A}/your-page`);
  assert.equal(await page.getByRole('link', { name: 'Answer 4 short statements' }).count(), 0);
});

test('a parent carer answering from a survey thank-you page gets the parent version, errors kept', async () => {
  const response = await sentResponse(false);
  const page = await suite.pageAs(null);
  await withResponseCookie(page, response);
  await page.goto(`${A}/responses/${response.id}/impact-check`);
  await page.locator('input[name=self_esteem][value="1"]').check();
  await submit(page, 'Send my answers');
  assert.deepEqual(await errorSummaryLinks(page), ['#self_advocacy', '#confidence', '#less_isolated']);
  assert.ok(await page.locator('input[name=self_esteem][value="1"]').isChecked());
  await expectAccessible(page, 'parent impact check (errors)');
});

test("the lead's pages: the questions (and an error), an activity's answers (filled, empty, error) and the area's results", async () => {
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(`${A}/manage/evaluation/questions`);
  await expectAccessible(page, 'evaluation questions');
  await page.getByLabel('Ask again after this many months').fill('0');
  await submit(page, 'Save the questions');
  assert.deepEqual(await errorSummaryLinks(page), ['#againAfterMonths']);
  await expectAccessible(page, 'evaluation questions (error)');

  await page.goto(`${A}/manage/evaluation/impact`);
  // The demo: paired change shows for children, and one parent carers' statement is not shown (6 pairs).
  const children = page.getByRole('table', { name: 'Children and young people (easy read, with symbols)' });
  assert.equal(await children.getByText('Not shown: fewer than 8 pairs').count(), 0);
  assert.equal(await page.getByRole('table', { name: 'Parent carers' }).getByText('Not shown: fewer than 8 pairs').count(), 1);
  await expectAccessible(page, 'area impact');
  await expectNoSidewaysScroll(page, 'area impact');

  const answered = await page.getByRole('heading', { level: 3 }).getByRole('link').first().getAttribute('href');
  await page.goto(answered!);
  assert.match(await pageHeading(page), /What did it change\?/);
  await expectAccessible(page, 'activity impact (filled)');
  const overall = page.locator('#activity');
  await overall.getByLabel('Evidence for what we did differently').fill('');
  await overall.getByRole('button', { name: /Save the answers/ }).click();
  await page.waitForLoadState('load');
  assert.deepEqual(await errorSummaryLinks(page), ['#activity-differentlyEvidence']);
  await expectAccessible(page, 'activity impact (error)');

  const fresh = await createActivity(suite.e2e.db, await areaId(), null, testActivity({ title: 'A new workshop' }));
  await page.goto(`${A}/activities/${fresh.id}/evaluation/impact`);
  assert.ok(await page.getByText('This activity has no published responses yet.').isVisible());
  await expectAccessible(page, 'activity impact (empty)');
});
