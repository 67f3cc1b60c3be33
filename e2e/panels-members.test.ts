/**
 * Panels (issue 16), setup and members as young people and leads meet them in a browser: a young
 * person signs in with their personal code on a 320 px phone by keyboard alone, and again with
 * JavaScript off, does their own checklist (taking part, who they know, the ground rules) and reaches
 * the member home with what to do next; a lead starts a panel, adds a member and sees the card with
 * the code. Every page and state (errors too) checked with axe at 320 px and 1280 px.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addYoungMember, createPanel, recordChecklist } from '../src/modules/panels/index.ts';
import { demoAccount, DEMO_SLUG, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();

async function demo(): Promise<{ areaId: string; activityId: string }> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const activity = await withArea(db, areaId, (tx) => tx.selectFrom('activity').select('id').orderBy('created_at').executeTakeFirstOrThrow());
  return { areaId, activityId: activity.id };
}

/** A panel with one young person (16 to 18) whose training staff have recorded; returns their code. */
async function panelWithYoungPerson(title: string): Promise<{ panelId: string; code: string; base: string }> {
  const { db } = suite.e2e;
  const { areaId, activityId } = await demo();
  const panel = await createPanel(db, areaId, null, { activityId, kind: 'interview', title });
  const { memberId, code } = await addYoungMember(db, areaId, null, panel.id, { kind: 'young_person', displayName: 'Ali', ageBand: '16_18' });
  await recordChecklist(db, areaId, null, panel.id, memberId, { trainingOn: '2026-12-01', parentalConsentOn: null, parentalConsentNote: '', seesNames: false, conflict: null });
  return { panelId: panel.id, code, base: `/a/${DEMO_SLUG}/panels/${panel.id}` };
}

const axeNoJs = async (page: Page, label: string) => expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), label);

test('a young person signs in with their code on a 320 px phone by keyboard alone and does their checklist', async () => {
  const { code, base } = await panelWithYoungPerson('Youth worker interviews');
  const page = await suite.pageAs(null, { viewport: PHONE });
  await page.goto(`/a/${DEMO_SLUG}/panels/sign-in`);
  await expectAccessible(page, 'sign in');
  await expectNoSidewaysScroll(page, 'sign in');
  await tabTo(page, 'input#code');
  await page.keyboard.type('zzzz zzzz');
  await pressEnter(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#code']);
  await expectAccessible(page, 'sign in, wrong code');
  await tabTo(page, 'input#code');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(code.toLowerCase());
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'My panels');
  await expectAccessible(page, 'my panels');
  await tabTo(page, 'a', 'Youth worker interviews');
  await pressEnter(page);
  assert.match(await pageHeading(page), /Youth worker interviews/);
  await expectAccessible(page, 'member home, nothing done');
  await expectNoSidewaysScroll(page, 'member home');
  const fold = await page.getByRole('button', { name: 'I want to take part' }).boundingBox();
  assert.ok(fold && fold.y + fold.height < 640 && fold.height >= 44, `the first thing to do is on the first screen, big enough (${JSON.stringify(fold)})`);
  await tabTo(page, 'button', 'I want to take part');
  await pressEnter(page);
  // Who they know: "Yes" without saying who is an error to fix; then "No".
  await tabTo(page, 'input[name="knows"]');
  await page.keyboard.press('ArrowRight');
  await tabTo(page, 'button', 'Send');
  await pressEnter(page);
  assert.deepEqual(await errorSummaryLinks(page), ['#how']);
  await expectAccessible(page, 'member home, conflict error');
  await tabTo(page, 'input[name="knows"]');
  await page.keyboard.press('ArrowLeft');
  await tabTo(page, 'button', 'Send');
  await pressEnter(page);
  await tabTo(page, 'button', 'I agree');
  await pressEnter(page);
  assert.ok(await page.getByText('You are ready. Thank you!').isVisible());
  assert.ok(await page.getByRole('link', { name: 'Score' }).isVisible());
  assert.equal(await page.getByRole('link', { name: 'Write questions' }).getAttribute('href'), `${base}/questions`);
  await expectAccessible(page, 'member home, ready');
  const targets = await page.locator('.chorus-panels-step').evaluateAll((links) => links.map((l) => l.getBoundingClientRect().height));
  assert.ok(targets.every((h) => h >= 44), `next steps are big targets (${targets.join(', ')})`);
});

test('with JavaScript off a young person signs in, does their checklist and signs out', async () => {
  const { code, base } = await panelWithYoungPerson('Play worker interviews');
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await page.goto(`/a/${DEMO_SLUG}/panels/sign-in`);
  await submit(page, 'Sign in');
  assert.deepEqual(await errorSummaryLinks(page), ['#code']);
  await axeNoJs(page, 'sign in, empty, JavaScript off');
  await page.getByLabel('Type your code').fill(code.replace('-', ' '));
  await submit(page, 'Sign in');
  await page.goto(`${base}/me`);
  await axeNoJs(page, 'member home, JavaScript off');
  await submit(page, 'I want to take part');
  await page.getByText('No', { exact: true }).click();
  await submit(page, 'Send');
  await submit(page, 'I agree');
  assert.ok(await page.getByText('You are ready. Thank you!').isVisible());
  await axeNoJs(page, 'member home ready, JavaScript off');
  await submit(page, 'Sign out');
  assert.equal(await pageHeading(page), 'Type your code');
  await page.goto(`${base}/me`);
  assert.equal(await pageHeading(page), 'Type your code', 'signed out: the member home sends back to sign in');
});

test('a lead starts a panel, adds a young person and sees the card with the code once; every staff page passes axe', async () => {
  const { activityId } = await demo();
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(`/a/${DEMO_SLUG}/activities/${activityId}/panels`);
  await expectAccessible(page, 'panels list');
  await page.getByLabel('Grant round').check();
  await page.getByLabel('Name of the panel').fill('Summer fund');
  await page.getByLabel('Money in the pot').fill('lots');
  await submit(page, 'Start the panel');
  assert.deepEqual(await errorSummaryLinks(page), ['#pot', '#closesDay']);
  await expectAccessible(page, 'panels list, errors');
  await page.getByLabel('Interview panel').check();
  await submit(page, 'Start the panel');
  assert.equal(await pageHeading(page), `${(await page.locator('h1 .govuk-caption-l').innerText()).trim()} Summer fund`);
  await expectAccessible(page, 'panel page');
  const panelUrl = page.url();
  await page.goto(`${panelUrl}/edit`);
  await page.getByLabel("How much young people's scores count").fill('200');
  await submit(page, 'Save changes');
  await expectAccessible(page, 'edit, error');
  await page.goto(`${panelUrl}/members/new`);
  await expectAccessible(page, 'new member');
  await submit(page, 'Add to the panel');
  await expectAccessible(page, 'new member, errors');
  await page.getByLabel('A young person').check();
  await page.getByLabel('First name or nickname').fill('Sam');
  await page.getByLabel('Age (young people only)').selectOption('12_15');
  await submit(page, 'Add to the panel');
  const code = (await page.locator('[data-code]').innerText()).trim();
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  assert.ok(await page.getByText('Keep this safe. It is like a password.').isVisible());
  await expectAccessible(page, 'code card');
  await page.goto(`${panelUrl}/members`);
  assert.ok(!(await page.content()).includes(code), 'the code is not shown again');
  await expectAccessible(page, 'members');
  await page.getByRole('link', { name: 'Sam' }).click();
  await expectAccessible(page, 'member');
  await page.getByLabel('A parent carer has said yes').check();
  await submit(page, 'Save');
  await expectAccessible(page, 'member, errors');
  await page.goto(`${panelUrl}/candidates`);
  await page.getByLabel("Candidate's full name").fill('Jordan Example');
  await submit(page, 'Add candidate');
  await expectAccessible(page, 'candidates');
  await page.getByRole('link', { name: 'Candidate A' }).click();
  await expectAccessible(page, 'candidate');
  await page.goto(`${panelUrl}/time`);
  await submit(page, 'Record the time');
  await expectAccessible(page, 'time, errors');
  assert.deepEqual(await errorSummaryLinks(page), ['#metDay', '#hours', '#what', '#present']);
  await page.locator('#metDay').fill('5');
  await page.locator('#metMonth').fill('12');
  await page.locator('#metYear').fill('2026');
  await page.locator('#hours').fill('2');
  await page.getByLabel('Training').check();
  await page.getByLabel('Sam').check();
  await submit(page, 'Record the time');
  assert.ok(await page.getByText('Sam: 2 hours').isVisible());
  await expectAccessible(page, 'time recorded');
});
