/**
 * Responses to themes in the browser: axe (WCAG 2.2 A/AA) at 320 px and 1280 px on the response page
 * (empty, with errors, after someone else saved: the conflict page), the publication preview, the
 * history, the letters list and the printable letters; and a response written and published with the
 * keyboard only and JavaScript off.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { ContactChannel } from '../src/db/database.ts';
import { withArea } from '../src/db/db.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addContributionsForResponse } from '../src/modules/contributions/contributions.service.ts';
import * as responses from '../src/modules/feedback/responses.service.ts';
import { addQuestion } from '../src/modules/surveys/questions.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { DEMO_SLUG, demoAccount, type E2e, errorSummaryLinks, expectAccessible, signIn, startE2e, submit } from './support.ts';

let e2e: E2e;
let areaId: string;
let activityId: string;
let questionId: string;
const contexts: BrowserContext[] = [];

async function newTheme(title: string): Promise<string> {
  return withArea(e2e.db, areaId, async (tx) =>
    (
      await tx
        .insertInto('theme')
        .values({ area_id: areaId, title, summary: 'Families told us the Saturday sessions matter.', easy_read_summary: 'Keep the Saturday club.', symbol: '1F3E0', symbol_alt: 'A house' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
}

async function contribute(themeId: string, text: string, channel: ContactChannel): Promise<void> {
  await withArea(e2e.db, areaId, async (tx) => {
    const receipt = `E2E${randomBytes(5).toString('hex').toUpperCase()}`;
    const { id: responseId } = await tx
      .insertInto('response')
      .values({ area_id: areaId, activity_id: activityId, mode: 'anonymous', access_token_hash: randomBytes(16).toString('hex'), idempotency_key: randomBytes(16).toString('hex'), receipt_code: receipt, status: 'submitted', submitted_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addContributionsForResponse(tx, areaId, [{ activityId, questionId, responseId, accountId: null, supporterRelationship: null, receiptCode: receipt, source: 'free_text', text }]);
    const { id } = await tx.selectFrom('contribution').select('id').where('response_id', '=', responseId).executeTakeFirstOrThrow();
    await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: themeId, contribution_id: id, is_quote: true }).execute();
    await tx.insertInto('feedback_contact').values({ area_id: areaId, response_id: responseId, channel, address: channel === 'email' ? 'family@example.com' : '', format: 'easy_read' }).execute();
  });
}

before(async () => {
  e2e = await startE2e();
  areaId = (await findAreaBySlug(e2e.db, DEMO_SLUG))!.id;
  // This file is about writing and publishing; approval by someone else is e2e/themes-publishing.test.ts's.
  await responses.setPublishingRules(e2e.db, areaId, null, { needsApproval: false });
  activityId = (await createActivity(e2e.db, areaId, null, testActivity({ title: 'Short breaks survey', venueKind: 'online' }))).id;
  questionId = await addQuestion(e2e.db, areaId, null, activityId, { type: 'free_text', text: 'What should change?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
});
after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

async function signedIn(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await e2e.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, demoAccount('participation_lead').email);
  return page;
}

const a = `/a/${DEMO_SLUG}`;
const responseUrl = (themeId: string) => `${a}/manage/themes/${themeId}/response`;

test('the response page empty, with errors, and after someone else saved; the history; the preview', async () => {
  const themeId = await newTheme('Saturday sessions');
  await contribute(themeId, 'Please keep Saturdays, they are the only day we can come.', 'letter');
  await contribute(themeId, 'My son needs the quiet room.', 'email');
  const page = await signedIn();
  await page.goto(responseUrl(themeId));
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Respond to this theme');
  await expectAccessible(page, 'response, empty');

  // "We can't" without a reason, an impossible date and a javascript: link.
  await page.getByLabel("We can't do it", { exact: true }).check();
  await page.getByLabel('Day').first().fill('31');
  await page.getByLabel('Month').first().fill('2');
  await page.getByLabel('Year').first().fill('2026');
  await page.getByLabel('Evidence links (optional)').fill('javascript:alert(1)');
  assert.equal((await submit(page, 'Save response')).status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await errorSummaryLinks(page), ['#reason', '#whatChanged', '#decidedOn-day', '#evidenceLinks']);
  assert.equal(await page.getByLabel('Evidence links (optional)').inputValue(), 'javascript:alert(1)');
  await expectAccessible(page, 'response, errors');

  // This person types; meanwhile someone else saves.
  await page.getByLabel("Why we can't do it").fill('The hall is closed at weekends.');
  await page.getByLabel('Day').first().fill('');
  await page.getByLabel('Month').first().fill('');
  await page.getByLabel('Year').first().fill('');
  await page.getByLabel('Evidence links (optional)').fill('https://riverside.example/minutes');
  await page.getByLabel('What changed, in plain words').fill('We looked for another hall.');
  await responses.saveResponse(e2e.db, areaId, null, themeId, { ...responses.EMPTY_RESPONSE, status: 'will_do', whatChanged: 'Saved by someone else first.', whatChangedEasyRead: 'We will keep it.' }, 0);
  assert.equal((await submit(page, 'Save response')).status(), 409);
  assert.ok(await page.getByRole('heading', { name: 'Someone else changed this response while you were editing' }).isVisible());
  const table = page.getByRole('table', { name: 'Their saved version and what you typed' });
  assert.ok(await table.getByText('Saved by someone else first.').isVisible());
  assert.ok(await table.getByText('We looked for another hall.').isVisible());
  assert.equal(await page.getByLabel('What changed, in plain words').inputValue(), 'Saved by someone else first.');
  await expectAccessible(page, 'response, conflict');

  // Carry on from theirs.
  await page.getByLabel('What changed, in plain words').fill('Saved by someone else first. We also looked for another hall.');
  assert.equal((await submit(page, 'Save response')).status(), 303);
  await page.getByRole('link', { name: 'See every change to this response' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Changes to this response');
  assert.ok(await page.getByRole('heading', { name: 'Version 2' }).isVisible());
  await expectAccessible(page, 'response history');

  await page.goto(`${responseUrl(themeId)}/publish`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Check and publish');
  assert.ok(await page.getByText('2 people asked to hear what happened.', { exact: false }).isVisible());
  assert.ok(await page.getByRole('img', { name: 'A calendar' }).first().isVisible());
  await expectAccessible(page, 'publish preview');
});

test('letters: the list and the printable pack', async () => {
  const themeId = await newTheme('Quiet room');
  await contribute(themeId, 'The quiet room helps.', 'letter');
  await contribute(themeId, 'More quiet spaces please.', 'letter');
  await responses.saveResponse(e2e.db, areaId, null, themeId, { ...responses.EMPTY_RESPONSE, status: 'cannot', reason: 'The building is being rebuilt.', whatChanged: 'We asked the builders.', whatChangedEasyRead: 'We asked the builders.' }, 0);
  await responses.publishResponse(e2e.db, areaId, null, themeId, { baseUrl: e2e.baseUrl, areaSlug: DEMO_SLUG });
  const page = await signedIn();
  await page.goto(`${a}/manage/letters`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Letters to print');
  await expectAccessible(page, 'letters list');
  await page.getByRole('link', { name: 'Print letters for Short breaks survey' }).click();
  assert.ok((await page.locator('article.chorus-letter').count()) >= 2);
  assert.ok(await page.getByText('The building is being rebuilt.').first().isVisible());
  await expectAccessible(page, 'letters pack');
  // Printed, each letter starts a new page and the staff-only parts are gone.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('article.chorus-letter').first().evaluate((el) => getComputedStyle(el).breakAfter), 'page');
  assert.equal(await page.getByRole('button', { name: 'I have printed these letters' }).isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  assert.equal((await submit(page, 'I have printed these letters')).status(), 303);
  await page.getByRole('alert').filter({ hasText: /letters? marked as printed/ }).waitFor({ timeout: 5000 });
});

test('a response is written and published with the keyboard only and JavaScript off', async () => {
  const themeId = await newTheme('Transport to school');
  await contribute(themeId, 'The bus is always late.', 'email');
  const page = await signedIn({ javaScriptEnabled: false });
  await page.goto(responseUrl(themeId));
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');

  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const focusedText = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
  const tabUntil = async (done: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 150; i += 1) {
      await page.keyboard.press('Tab');
      if (await done()) return;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  const press = async (key: string) => {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()), page.keyboard.press(key)]);
    await page.waitForLoadState('load');
    return response;
  };

  await tabUntil(async () => (await focusedId()) === 'status', 'the first answer, "We did it"');
  await page.keyboard.press('Space');
  await tabUntil(async () => (await focusedId()) === 'whatChanged', 'What changed');
  await page.keyboard.type('The bus company changed the timetable.');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'whatChangedEasyRead');
  await page.keyboard.type('The bus comes on time now.');
  await tabUntil(async () => (await focusedText()) === 'Save response', 'the Save button');
  assert.equal((await press('Enter')).status(), 303);
  await page.getByRole('alert').filter({ hasText: 'Response saved' }).waitFor({ timeout: 5000 });
  assert.equal(await page.getByLabel('We did it', { exact: true }).isChecked(), true);

  await tabUntil(async () => (await focusedText()) === 'Preview and publish', 'the preview link');
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/publish')), page.keyboard.press('Enter')]);
  assert.ok(await page.getByText('The bus comes on time now.').isVisible());
  await tabUntil(async () => (await focusedText()) === 'Publish and tell people', 'the Publish button');
  assert.equal((await press('Enter')).status(), 303);
  await page.getByRole('alert').filter({ hasText: 'Response published. 1 person will be told: 1 by email' }).waitFor({ timeout: 5000 });
  const published = await responses.getResponse(e2e.db, areaId, themeId);
  assert.notEqual(published.response.publishedAt, null);
});
