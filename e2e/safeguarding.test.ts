/**
 * Safeguarding in a real browser: the demo's concerns list, a concern in every state (not yet
 * decided, errors, decided), raising a concern, and the settings page pass axe at 320 px and 1280 px;
 * a safeguarding lead records a decision by keyboard only; a participation lead raises a concern
 * with JavaScript off; and the help panel sits below the question on a child's phone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_DISCLOSURE } from '../src/seed/seed-safeguarding.ts';
import { DEMO_SLUG, demoAccount, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, submit, e2eFile } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const suite = e2eFile();

async function pageAs(role: 'area_admin' | 'participation_lead' | 'safeguarding_lead' | null, options: { javaScriptEnabled?: boolean; width?: number; height?: number } = {}): Promise<Page> {
  const viewport = options.width ? { width: options.width, height: options.height ?? 900 } : undefined;
  return suite.pageAs(role && demoAccount(role).email, { javaScriptEnabled: options.javaScriptEnabled, ...(viewport ? { viewport } : {}) });
}

test('the safeguarding lead: the list, an open concern, its errors and its decision pass axe', async () => {
  const page = await pageAs('safeguarding_lead');
  await page.goto(`${A}/manage`);
  await page.getByRole('link', { name: 'Safeguarding concerns' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Safeguarding concerns');
  assert.ok(await page.getByRole('heading', { name: 'Open concerns' }).isVisible());
  await expectAccessible(page, 'concerns list');
  await expectNoSidewaysScroll(page, 'concerns list');

  // The child's flagged comment, waiting: open it.
  await page.getByRole('link', { name: /^Concern raised/ }).first().click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Safeguarding concern');
  assert.ok(await page.getByText(DEMO_DISCLOSURE).isVisible(), 'the lead reads the words as written');
  await expectAccessible(page, 'concern open');
  await expectNoSidewaysScroll(page, 'concern open');

  const failed = await submit(page, 'Record the decision and close');
  assert.equal(failed.status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#decision', '#words']);
  await expectAccessible(page, 'concern decision error');

  await page.getByLabel('Day').fill('40');
  await page.getByLabel('Month').fill('1');
  await page.getByLabel('Year').fill('2026');
  await page.getByLabel('What was done').fill('Rang the school.');
  assert.equal((await submit(page, 'Add to the record')).status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#takenOn-day']);
  assert.equal(await page.getByLabel('What was done').inputValue(), 'Rang the school.');
  await expectAccessible(page, 'concern action error');

  // The concern a lead raised by hand, already decided, in the closed list.
  await page.goto(`${A}/safeguarding`);
  const closed = page.locator('h2', { hasText: 'Recently closed' }).locator('xpath=following-sibling::*').getByRole('link', { name: /^Concern raised/ });
  await closed.first().click();
  assert.ok(await page.getByText('Something else').first().isVisible());
  assert.ok(await page.getByText('Spoke to the designated safeguarding lead at the child\'s school', { exact: false }).isVisible());
  await expectAccessible(page, 'concern decided');
});

test('a safeguarding lead records a decision by keyboard only', async () => {
  const page = await pageAs('safeguarding_lead');
  await page.goto(`${A}/safeguarding`);
  const link = page.getByRole('link', { name: /^Concern raised/ }).first();
  const href = await link.getAttribute('href');
  await page.goto(href!);
  const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id ?? '');
  const tabTo = async (test: (id: string) => boolean, label: string) => {
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      if (test(await focused())) return;
    }
    assert.fail(`Tab never reached ${label}`);
  };
  // A radio group is one Tab stop: Space chooses the first answer, an arrow key the next one.
  await tabTo((id) => id === 'decision', 'the first decision');
  await page.keyboard.press('Space');
  await tabTo((id) => id === 'words', 'what happens to the words');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'words-2', 'keep the words hidden, chosen with the arrow key');
  await tabTo((id) => id === 'note', 'the notes');
  await page.keyboard.type('No concern for the service; the school is following it up.');
  await page.keyboard.press('Tab');
  await Promise.all([page.waitForURL((url) => url.pathname === href), page.keyboard.press('Enter')]);
  await page.getByRole('alert').filter({ hasText: /Your decision has been recorded/ }).waitFor({ timeout: 5000 });
  assert.ok(await page.getByText('No safeguarding concern').first().isVisible());
  assert.ok(await page.getByRole('button', { name: 'Open this concern again' }).isVisible());
});

test('a participation lead raises a concern with JavaScript off, and the settings page passes axe', async () => {
  const page = await pageAs('participation_lead', { javaScriptEnabled: false });
  await page.goto(`${A}/activities`);
  await page.getByRole('link', { name: 'Help us plan the new Saturday club' }).first().click();
  await page.getByRole('link', { name: /views/i }).first().click();
  await page.getByRole('link', { name: /Raise a safeguarding concern/ }).first().click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Raise a safeguarding concern');
  const mirror = await pageAs('participation_lead');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'raise a concern');
  assert.equal((await submit(page, 'Raise the concern')).status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#reason']);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'raise a concern error');
  await page.getByLabel('Why are you worried?').fill('This worries me: please check.');
  assert.equal((await submit(page, 'Raise the concern')).status(), 303);
  assert.ok(await page.getByText('The safeguarding leads have been told').isVisible());

  const admin = await pageAs('area_admin');
  await admin.goto(`${A}/manage`);
  await admin.getByRole('link', { name: 'Safeguarding', exact: true }).click();
  assert.equal(await admin.getByRole('heading', { level: 1 }).innerText(), 'Safeguarding');
  await expectAccessible(admin, 'safeguarding settings');
  await expectNoSidewaysScroll(admin, 'safeguarding settings');
  assert.equal((await submit(admin, 'Add the words')).status(), 422);
  await expectAccessible(admin, 'safeguarding settings error');
  await admin.getByLabel('Words to look for').fill('getting jumped');
  await admin.getByLabel('What may it be about?').selectOption('danger');
  await admin.getByLabel('High', { exact: false }).first().check();
  assert.equal((await submit(admin, 'Add the words')).status(), 303);
  assert.ok(await admin.getByRole('cell', { name: 'getting jumped', exact: true }).isVisible());
  await expectAccessible(admin, 'safeguarding settings with words');
});

test('on a child\'s phone the question comes first and the help panel is below it, calm and tappable', async () => {
  const page = await pageAs(null, { width: 320, height: 640 });
  await page.goto(`${A}/take-part`);
  await page.getByRole('link', { name: 'Help us plan the new Saturday club' }).first().click();
  const help = page.getByRole('complementary', { name: 'If you are worried or in danger' });
  assert.ok(await help.isVisible());
  assert.ok(await help.getByRole('link', { name: '0800 1111' }).isVisible());
  assert.ok(await help.getByRole('link', { name: '999' }).isVisible());
  const box = await help.boundingBox();
  const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
  assert.ok(box && heading && box.y > heading.y, 'the help panel comes after the page heading');
  await expectAccessible(page, 'survey start with help panel');
});
