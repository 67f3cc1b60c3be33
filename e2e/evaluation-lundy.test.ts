/**
 * The Lundy checklist in a real browser: axe at 320 px and 1280 px on every page in each state (the
 * area view empty and filled, an activity's checklist as proposed, refused and saved, read-only, the
 * checklist settings as they are and refused), no sideways scrolling at 320 px, answering by keyboard
 * alone, and answering with JavaScript off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { addMember, createAccount } from '../src/modules/accounts/members.service.ts';
import { createArea } from '../src/modules/areas/areas.service.ts';
import { DEMO_PASSWORD, DEMO_SLUG, demoAccount, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, signIn, submit } from './support.ts';

const suite = e2eFile();
const AREA_VIEW = `/a/${DEMO_SLUG}/manage/evaluation/lundy`;

async function activityId(title: string): Promise<string> {
  const area = await suite.e2e.db.selectFrom('area').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow();
  return (await withArea(suite.e2e.db, area.id, (tx) => tx.selectFrom('activity').select('id').where('title', '=', title).executeTakeFirstOrThrow())).id;
}

const checklistUrl = (id: string) => `/a/${DEMO_SLUG}/activities/${id}/evaluation/lundy`;

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return `${el?.tagName ?? ''} ${el?.getAttribute('name') ?? ''} ${el?.value ?? ''}`.trim();
  });
}

/** Presses Tab until an element with this name (and value) has focus. */
async function tabTo(page: Page, target: string, maxTabs = 250): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focusedName(page);
    if (now.includes(target)) return;
    stops.push(now);
  }
  assert.fail(`Tab never reached ${target}; stops: ${stops.slice(-10).join(' | ')}`);
}

test('the area view, empty and filled, passes axe and never scrolls sideways at 320 px', async () => {
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(AREA_VIEW);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Riverside SEND Partnership\nDid we keep our Lundy promises?');
  assert.ok(await page.getByRole('table', { name: /Scores by month/ }).isVisible());
  assert.ok(await page.getByRole('link', { name: 'Short breaks: what works for your family?' }).isVisible());
  await expectAccessible(page, 'lundy area view');
  await expectNoSidewaysScroll(page, 'lundy area view');

  const area = await createArea(suite.e2e.db, { slug: 'lundy-empty', name: 'Lundy Empty Area', contactEmail: 'hello@lundy-empty.example' });
  const leadId = await createAccount(suite.e2e.db, { email: 'lead@lundy-empty.example', displayName: 'Empty Lead', password: DEMO_PASSWORD });
  await addMember(suite.e2e.db, area.id, leadId, 'participation_lead', null);
  const empty = await suite.pageAs('lead@lundy-empty.example');
  await empty.goto('/a/lundy-empty/manage/evaluation/lundy');
  assert.ok(await empty.getByText('No activity’s Lundy checklist has been answered yet.').isVisible());
  await expectAccessible(empty, 'lundy area view empty');
  await expectNoSidewaysScroll(empty, 'lundy area view empty');
});

test('a lead changes a proposal by keyboard alone: refused without a note, then saved with one, the override shown', async () => {
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  const id = await activityId('EHCP annual reviews: what needs to change?');
  await page.goto(checklistUrl(id));
  assert.match(await page.locator('#question-1').innerText(), /Chorus proposes: No\./);
  await expectAccessible(page, 'lundy checklist as proposed');
  await expectNoSidewaysScroll(page, 'lundy checklist as proposed');

  // Question 1 is answered "No" (confirmed in the demo): move to "Partly" with the arrow keys.
  await tabTo(page, 'answer-1');
  const start = await focusedName(page);
  assert.match(start, /answer-1 no/);
  await page.keyboard.press('ArrowUp');
  assert.match(await focusedName(page), /answer-1 partly/);
  await tabTo(page, 'BUTTON');
  const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
  assert.equal(refused.status(), 422);
  await page.locator('.govuk-error-summary').waitFor({ timeout: 5000 });
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#note-1']);
  assert.equal(await page.locator('input[name="answer-1"]:checked').inputValue(), 'partly', 'the change is kept');
  await expectAccessible(page, 'lundy checklist refused');

  // The error summary's link takes focus to the note; type why, and save with the keyboard.
  await page.locator('.govuk-error-summary a').first().focus();
  await page.keyboard.press('Enter');
  assert.match(await focusedName(page), /note-1/);
  await page.keyboard.type('The meeting date was agreed with the forum a month before; the invitation was late.');
  await tabTo(page, 'BUTTON');
  const [saved] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
  assert.equal(saved.status(), 303);
  await page.getByRole('alert').filter({ hasText: 'Your answers have been saved.' }).waitFor({ timeout: 5000 });
  assert.match(await page.locator('#question-1').innerText(), /Changed from Chorus’ proposal \(No\)/);
  await expectAccessible(page, 'lundy checklist saved');
});

test('with JavaScript off, a lead confirms and changes answers and saves; a decision maker reads the checklist only', async () => {
  const page = await suite.pageAs(null, { javaScriptEnabled: false });
  await signIn(page, demoAccount('participation_lead').email);
  const id = await activityId('Help us plan the new Saturday club');
  await page.goto(checklistUrl(id));
  await page.locator('input[name="answer-4"][value="not_applicable"]').check();
  await page.getByLabel('Note for question 4').fill('The young people wrote the questions themselves.');
  const mirror = await suite.pageAs(demoAccount('participation_lead').email);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'lundy checklist JS off, typed');
  assert.equal((await submit(page, 'Save answers')).status(), 303);
  assert.match(await page.locator('#question-4').innerText(), /Answered Not applicable by Jess Patel/);
  assert.equal(await page.getByLabel('Note for question 4').inputValue(), 'The young people wrote the questions themselves.');

  const reader = await suite.pageAs(demoAccount('decision_maker').email);
  await reader.goto(checklistUrl(id));
  assert.equal(await reader.locator('input[name="answer-1"]').count(), 0, 'no form for a decision maker');
  assert.ok(await reader.getByText(/Only a participation lead, or staff of the organisation running the activity, can answer it/).isVisible());
  await expectAccessible(reader, 'lundy checklist read-only');
  await expectNoSidewaysScroll(reader, 'lundy checklist read-only');
});

test('the checklist settings pass axe as they are and refused, and keep what was typed', async () => {
  const page = await suite.pageAs(demoAccount('area_admin').email);
  await page.goto(`${AREA_VIEW}/template`);
  assert.ok(await page.getByRole('radio', { name: /Lundy checklist \(Irish national strategy, 2015\)/ }).isChecked());
  await expectAccessible(page, 'lundy template');
  await expectNoSidewaysScroll(page, 'lundy template');
  await page.getByRole('textbox', { name: /question 4$/ }).fill('x'.repeat(301));
  assert.equal((await submit(page, 'Save the checklist')).status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#wording-4']);
  assert.equal((await page.getByRole('textbox', { name: /question 4$/ }).inputValue()).length, 301);
  await expectAccessible(page, 'lundy template refused');
});
