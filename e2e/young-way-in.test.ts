/**
 * A young person's own way in (issue 17 §1) in a browser: a young person signs in with their code and
 * three pictures on a 320 px phone by keyboard alone, and again with JavaScript off, and sees My
 * Chorus with what they took part in first; a parent carer sees their child's pages; a lead adds a
 * young person, gives a code (the card) and chooses pictures. Every page and state passes axe at
 * 320 px and 1280 px.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { createSetupLink, createYoungPerson, DEMO_PICTURES, giveYoungCode, linkGuardian, PICTURE_FAILURES, PICTURE_IDS, setPictures } from '../src/modules/accounts/young.service.ts';
import { demoAccount, DEMO_SLUG, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading, pressEnter, submit, tabTo } from './support.ts';

const PHONE = { width: 320, height: 640 };
const suite = e2eFile();

async function youngPerson(name: string, ageBand = '8_11'): Promise<{ youngPersonId: string; code: string }> {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const { youngPersonId } = await createYoungPerson(db, areaId, null, { displayName: name, ageBand });
  const code = await giveYoungCode(db, areaId, null, youngPersonId);
  await setPictures(db, areaId, null, youngPersonId, DEMO_PICTURES);
  return { youngPersonId, code };
}

const axeNoJs = async (page: Page, label: string) => expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), label);

/** Chooses a picture in one fieldset by keyboard: Tab into the group, then arrow keys to it. */
async function choosePicture(page: Page, field: string, pictureId: string) {
  await tabTo(page, `input[name="${field}"]`);
  const steps = PICTURE_IDS.indexOf(pictureId);
  if (steps === 0) await page.keyboard.press('Space');
  for (let i = 0; i < steps; i += 1) await page.keyboard.press('ArrowRight');
}

test('a young person signs in with their code and pictures on a 320 px phone by keyboard alone and sees My Chorus', async () => {
  const { code, youngPersonId } = await youngPerson('Alex');
  const page = await suite.pageAs(null, { viewport: PHONE });
  await page.goto(`/a/${DEMO_SLUG}/young/sign-in`);
  await expectAccessible(page, 'young sign in');
  await expectNoSidewaysScroll(page, 'young sign in');
  await tabTo(page, 'input#code');
  await page.keyboard.type(code.toLowerCase());
  await pressEnter(page);
  assert.equal(await pageHeading(page), 'Choose your 3 pictures');
  await expectAccessible(page, 'choose pictures');
  await expectNoSidewaysScroll(page, 'choose pictures');
  const sizes = await page.locator('.chorus-young-picture__label').evaluateAll((els) => els.map((e) => Math.min(e.getBoundingClientRect().width, e.getBoundingClientRect().height)));
  assert.ok(sizes.every((s) => s >= 44), `picture cards are big targets (${sizes.join(', ')})`);
  // Wrong pictures first: one message, back to the code.
  await choosePicture(page, 'first', 'cat');
  await choosePicture(page, 'second', 'cat');
  await choosePicture(page, 'third', 'cat');
  await tabTo(page, 'button', 'Sign in');
  await pressEnter(page);
  assert.ok(await page.getByText('That code and those pictures do not match. Try again, or ask the adult who helps you.').first().isVisible());
  await expectAccessible(page, 'young sign in, wrong');
  await tabTo(page, 'input#code');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(code);
  await pressEnter(page);
  await choosePicture(page, 'first', DEMO_PICTURES[0]!);
  await choosePicture(page, 'second', DEMO_PICTURES[1]!);
  await choosePicture(page, 'third', DEMO_PICTURES[2]!);
  await tabTo(page, 'button', 'Sign in');
  await pressEnter(page);
  assert.equal(new URL(page.url()).pathname, `/a/${DEMO_SLUG}/young/${youngPersonId}`);
  assert.equal(await pageHeading(page), 'Hello Alex');
  await expectAccessible(page, 'my chorus');
  await expectNoSidewaysScroll(page, 'my chorus');
  const first = await page.getByRole('heading', { name: 'What I took part in' }).boundingBox();
  assert.ok(first && first.y + first.height < 640, `what I took part in is on the first screen (${JSON.stringify(first)})`);
  const cards = await page.locator('.chorus-young-cards__card').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  assert.ok(cards.length === 7 && cards.every((h) => h >= 44), `7 big link cards (${cards.join(', ')})`);
  await page.goto(`/a/${DEMO_SLUG}/young/${youngPersonId}/settings`);
  await expectAccessible(page, 'settings, under 13');
  await page.goto('/account');
  assert.equal(await pageHeading(page), 'Your account');
});

test('with JavaScript off a young person signs in with code and pictures, errors included', async () => {
  const { code, youngPersonId } = await youngPerson('Sam', '16_18');
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await page.goto(`/a/${DEMO_SLUG}/young/sign-in`);
  await submit(page, 'Next');
  assert.deepEqual(await errorSummaryLinks(page), ['#code']);
  await axeNoJs(page, 'young sign in, empty, JavaScript off');
  await page.getByLabel('Type your code').fill(code.replace('-', ' '));
  await submit(page, 'Next');
  await page.getByRole('group', { name: 'First picture' }).getByLabel('Dog').check();
  await submit(page, 'Sign in');
  assert.deepEqual(await errorSummaryLinks(page), ['#second', '#third']);
  await axeNoJs(page, 'pictures, missing, JavaScript off');
  assert.ok(await page.getByRole('group', { name: 'First picture' }).getByLabel('Dog').isChecked(), 'what was chosen is kept');
  await page.getByRole('group', { name: 'Second picture' }).getByLabel('Pizza').check();
  await page.getByRole('group', { name: 'Third picture' }).getByLabel('Star').check();
  await submit(page, 'Sign in');
  assert.equal(new URL(page.url()).pathname, `/a/${DEMO_SLUG}/young/${youngPersonId}`);
  await axeNoJs(page, 'my chorus, JavaScript off');
  await page.goto(`/a/${DEMO_SLUG}/young/${youngPersonId}/settings`);
  await submit(page, 'Save my choice');
  assert.deepEqual(await errorSummaryLinks(page), ['#choice']);
  await axeNoJs(page, 'settings, error, JavaScript off');
  await page.getByLabel('No').check();
  await submit(page, 'Save my choice');
  assert.ok(await page.getByText('Your choice has been saved.').isVisible());
  await submit(page, 'Sign out');
});

test('a parent carer sees their child and the line saying whose pages these are', async () => {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const { youngPersonId } = await youngPerson('Robin');
  await linkGuardian(db, areaId, null, youngPersonId, demoAccount('parent_carer').email);
  const page = await suite.pageAs(demoAccount('parent_carer').email, { viewport: PHONE });
  await page.goto(`/a/${DEMO_SLUG}/me`);
  assert.equal(await pageHeading(page), 'My children');
  await expectAccessible(page, 'children');
  await page.getByRole('link', { name: "Open Robin's pages" }).click();
  assert.ok(await page.getByText("You are looking at Robin's pages.").isVisible());
  await expectAccessible(page, 'my chorus as a parent carer');
});

test('a lead adds a young person, gives a code card and chooses pictures; every staff page passes axe', async () => {
  const page = await suite.pageAs(demoAccount('participation_lead').email);
  await page.goto(`/a/${DEMO_SLUG}/young-people/new`);
  await expectAccessible(page, 'new young person');
  await page.getByLabel('12 to 15').check();
  await submit(page, 'Add young person');
  assert.deepEqual(await errorSummaryLinks(page), ['#displayName', '#thirteen']);
  await expectAccessible(page, 'new young person, errors');
  await page.getByLabel('First name or the name they chose').fill('Kit');
  await page.getByLabel('No').check();
  await submit(page, 'Add young person');
  assert.match(await pageHeading(page), /Kit/);
  await expectAccessible(page, 'young person');
  await submit(page, 'Save pictures');
  assert.deepEqual(await errorSummaryLinks(page), ['#first', '#second', '#third']);
  await expectAccessible(page, 'young person, pictures missing');
  await page.getByRole('group', { name: 'First picture' }).getByLabel('Lion').check();
  await page.getByRole('group', { name: 'Second picture' }).getByLabel('Apple').check();
  await page.getByRole('group', { name: 'Third picture' }).getByLabel('Rocket').check();
  await submit(page, 'Save pictures');
  assert.ok(await page.getByText('The pictures have been saved.').isVisible());
  await submit(page, 'Give a code');
  const code = (await page.locator('[data-code]').innerText()).trim();
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expectAccessible(page, 'code card');
  await page.goto(`/a/${DEMO_SLUG}/young-people`);
  assert.ok(!(await page.content()).includes(code), 'the code is not shown again');
  await expectAccessible(page, 'young people');
});

test('the other states pass axe: a set-up link, a child who keeps their pages private, a paused code, a used link', async () => {
  const { db } = suite.e2e;
  const areaId = (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const { youngPersonId, code } = await youngPerson('Jess', '16_18');
  await linkGuardian(db, areaId, null, youngPersonId, demoAccount('parent_carer').email);
  const parent = await suite.pageAs(demoAccount('parent_carer').email, { viewport: PHONE });
  await parent.goto(`/a/${DEMO_SLUG}/children`);
  assert.ok(await parent.getByText('Jess has chosen to keep their pages to themselves.').isVisible());
  await expectAccessible(parent, 'children, one private');

  const token = await createSetupLink(db, areaId, null, youngPersonId, 'new.carer@example.com');
  const page = await suite.pageAs(null, { viewport: PHONE });
  await page.goto(`/a/${DEMO_SLUG}/young/set-up/${token}`);
  assert.equal(await pageHeading(page), "Look after Jess's account");
  await expectAccessible(page, 'set-up link');
  await submit(page, 'Set up');
  assert.equal(await pageHeading(page), 'My children');
  await page.goto(`/a/${DEMO_SLUG}/young/set-up/${token}`);
  assert.equal(await pageHeading(page), 'This link does not work');
  await expectAccessible(page, 'set-up link used');

  const child = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  for (let i = 0; i < PICTURE_FAILURES.max + 1; i += 1) {
    await child.goto(`/a/${DEMO_SLUG}/young/sign-in`);
    await child.getByLabel('Type your code').fill(code);
    await submit(child, 'Next');
    for (const group of ['First picture', 'Second picture', 'Third picture']) await child.getByRole('group', { name: group }).getByLabel('Frog').check();
    await submit(child, 'Sign in');
  }
  assert.equal(await pageHeading(child), 'Please wait');
  assert.ok(await child.getByText('Ask the adult who helps you.').isVisible());
  await axeNoJs(child, 'code paused, JavaScript off');
});
