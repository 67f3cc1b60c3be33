/**
 * The participants' own rating (issue 13 §1) in a real browser: on a children's survey's thank-you
 * page and with a code after a meeting, each by keyboard alone and with JavaScript off; axe at 320 px
 * and 1280 px in every state (empty, chosen, error, a wrong code, a closed code, the staff page with
 * a code and totals, the area's scale with an error), and no sideways scrolling on a phone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createActivity, setActivityStatus } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addQuestion } from '../src/modules/surveys/questions.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, submit } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const suite = e2eFile();

/** A small open survey in children's mode: one question nobody has to answer. */
async function childrensSurvey(title: string): Promise<string> {
  const { db } = suite.e2e;
  const area = (await findAreaBySlug(db, DEMO_SLUG))!;
  const activity = await createActivity(db, area.id, null, testActivity({ title, type: 'survey', audience: 'children_young_people', ageBands: ['8_11'], venueKind: 'online', childrenMode: true, contactEmail: 'jess@riverside.example' }));
  await addQuestion(db, area.id, null, activity.id, { type: 'free_text', text: 'Anything to add?', easyRead: 'Anything else?', hint: '', required: false, settings: {}, showIf: null }, []);
  await setActivityStatus(db, area.id, null, activity.id, 'open');
  return activity.id;
}

/** Answers the survey (the rating is what is tested here, not the answering) and lands on its thank-you page. */
async function toThankYou(page: Page, surveyId: string): Promise<void> {
  await page.goto(`${A}/surveys/${surveyId}`);
  await page.locator('label', { hasText: 'On my own' }).first().click();
  await page.getByRole('button', { name: /Start/ }).first().click();
  await page.waitForURL(/questions\/1/);
  for (const url of [/anything-else/, /about-you/]) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.waitForURL(url);
  }
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
  await page.waitForURL(/check/);
  await page.getByRole('button', { name: /send my answers/i }).click();
  await page.waitForURL(/thank-you/);
}

/** Presses Tab until the focus is on an element matching `selector` (as a keyboard user would). */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Presses a key that sends a form, and waits until the page it leads to has loaded (a new document, even at the same address). */
async function pressToSend(page: Page, key = 'Enter'): Promise<void> {
  await page.evaluate(() => ((window as unknown as { chorusOld: boolean }).chorusOld = true));
  await page.keyboard.press(key);
  await page.waitForFunction(() => !(window as unknown as { chorusOld?: boolean }).chorusOld && document.readyState === 'complete');
}

const chosenStep = (page: Page) => page.evaluate(() => (document.querySelector('input[name="step"]:checked') as HTMLInputElement | null)?.value ?? null);

test("the thank-you page's rating by keyboard alone: empty, error and chosen pass axe, and the receipt code comes first", async () => {
  const surveyId = await childrensSurvey('Rate it by keyboard');
  const page = await suite.pageAs(null);
  await toThankYou(page, surveyId);
  await expectAccessible(page, 'thank-you with the rating, empty');
  await expectNoSidewaysScroll(page, 'thank-you with the rating');
  // At 320 px the receipt code is on the first screen, above the rating.
  await page.setViewportSize({ width: 320, height: 640 });
  const code = await page.locator('.govuk-panel').boundingBox();
  const rating = await page.locator('#rating-heading').boundingBox();
  assert.ok(code && code.y + code.height <= 640, 'the receipt code is on the first screen');
  assert.ok(rating && rating.y > code.y, 'the rating comes after the code');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Sending without choosing: the error in children's words, linked to the first card.
  await tabTo(page, 'section.chorus-rating button.govuk-button:not([aria-pressed])');
  await pressToSend(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#step']);
  assert.ok(await page.getByText('Pick a picture').first().isVisible());
  await expectAccessible(page, 'thank-you with the rating, error');

  // Tab to the cards, arrow to the second, Tab to Send, Enter.
  await tabTo(page, 'input[name="step"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  assert.equal(await chosenStep(page), 'asked_us');
  await tabTo(page, 'section.chorus-rating button.govuk-button:not([aria-pressed])', 5);
  await pressToSend(page);
  assert.match(page.url(), /thank-you#rating-heading$/);
  assert.ok(await page.getByText('Thank you for telling us. You picked: Grown-ups asked us what we think.').isVisible());
  assert.equal(await chosenStep(page), 'asked_us');
  await expectAccessible(page, 'thank-you with the rating, chosen');
});

test("the thank-you page's rating with JavaScript off", async () => {
  const surveyId = await childrensSurvey('Rate it without scripts');
  const page = await suite.pageAs(null, { javaScriptEnabled: false });
  await toThankYou(page, surveyId);
  assert.ok(await page.locator('[data-chorus-read-aloud]').isHidden(), 'no read-aloud button without its script');
  await page.locator('label', { hasText: 'We decided together' }).click();
  const sent = await submit(page, 'Send');
  assert.equal(sent.status(), 303);
  assert.ok(await page.getByText('You picked: We decided together.').isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'thank-you chosen, no JavaScript');
});

async function leadsWorkshopCode(): Promise<{ code: string; linkPage: string }> {
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  await lead.goto(`${A}/activities`);
  const href = await lead.getByRole('link', { name: /Design the new Local Offer website together/ }).first().getAttribute('href');
  const linkPage = `${href}/evaluation/rating-link`;
  await lead.goto(linkPage);
  assert.equal(await pageHeading(lead), 'Design the new Local Offer website together A code for people to rate it themselves');
  await expectAccessible(lead, 'staff code page with an open code');
  await expectNoSidewaysScroll(lead, 'staff code page');
  return { code: (await lead.locator('.chorus-rating-code__code').innerText()).trim(), linkPage };
}

test('a code after a meeting by keyboard alone: the wrong code, the scale, an error and thank you pass axe', async () => {
  const { code } = await leadsWorkshopCode();
  const page = await suite.pageAs(null);
  await page.goto(`${A}/rate`);
  await expectAccessible(page, 'type the code, empty');
  await tabTo(page, '#code');
  await page.keyboard.type('ZZZ-ZZZ');
  await pressToSend(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#code']);
  assert.equal(await page.getByLabel('Type the code you were given').inputValue(), 'ZZZ-ZZZ');
  await expectAccessible(page, 'type the code, wrong code');
  await expectNoSidewaysScroll(page, 'type the code, wrong code');

  await tabTo(page, '#code');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(code.toLowerCase());
  await pressToSend(page);
  assert.match(page.url(), new RegExp(`/rate/${code}$`));
  assert.equal(await pageHeading(page), 'How much say did you have?');
  await expectAccessible(page, 'the scale, empty');
  await expectNoSidewaysScroll(page, 'the scale');

  await tabTo(page, 'form button.govuk-button');
  await pressToSend(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#step']);
  await expectAccessible(page, 'the scale, error');

  await tabTo(page, 'input[name="step"]');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await chosenStep(page), 'decided_together');
  await tabTo(page, 'form button.govuk-button', 5);
  await pressToSend(page);
  assert.match(page.url(), /thank-you$/);
  assert.ok(await page.getByText('You chose: We decided together with professionals').isVisible());
  await expectAccessible(page, 'rated, thank you');
});

test('a code with JavaScript off, and a closed code', async () => {
  const { code, linkPage } = await leadsWorkshopCode();
  const page = await suite.pageAs(null, { javaScriptEnabled: false });
  await page.goto(`${A}/rate`);
  await page.getByLabel('Type the code you were given').fill(code);
  await submit(page, 'Next');
  await page.locator('label', { hasText: 'Professionals asked us what we think' }).click();
  await submit(page, 'Send my answer');
  assert.ok(await page.getByText('You chose: Professionals asked us what we think').isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'rated, no JavaScript');

  // Staff close it: the next person meets a kind page.
  const lead = await suite.pageAs(demoAccount('participation_lead').email);
  await lead.goto(linkPage);
  await submit(lead, 'Close this code now');
  assert.ok(await lead.getByText('There is no open code for this activity.').isVisible());
  await expectAccessible(lead, 'staff code page, closed');
  const late = await suite.pageAs(null);
  const closed = await late.goto(`${A}/rate/${code}`);
  assert.equal(closed!.status(), 410);
  assert.equal(await pageHeading(late), 'This code has closed');
  await expectAccessible(late, 'closed code');
});

test("the area's scale: an error keeps what was typed, and the page passes axe in both states", async () => {
  const admin = await suite.pageAs(demoAccount('area_admin').email);
  await admin.goto(`${A}/manage/evaluation/rating-scale`);
  await expectAccessible(admin, 'rating scale');
  await expectNoSidewaysScroll(admin, 'rating scale');
  await admin.locator('#step1-children').fill('');
  await admin.locator('#step2-symbol').fill('qqqzzz');
  const failed = await submit(admin, 'Save the rating scale');
  assert.equal(failed.status(), 422);
  assert.match(await admin.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(admin), ['#step1-children', '#step2-symbol']);
  assert.equal(await admin.locator('#step2-symbol').inputValue(), 'qqqzzz');
  await expectAccessible(admin, 'rating scale, error');
  await expectNoSidewaysScroll(admin, 'rating scale, error');
});
