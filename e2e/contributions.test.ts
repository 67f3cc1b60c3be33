/**
 * Contributions pages in the browser: axe (WCAG 2.2 A/AA) at 320 px and 1280 px on the list (filtered,
 * empty, in error, as a decision maker), a contribution's review page (with redactions, with the
 * original shown, with errors) and the area's redaction lists; and one missed detail removed with
 * the keyboard only and JavaScript off.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Db } from '../src/db/database.ts';
import { withArea } from '../src/db/db.ts';
import { createActivity, type ActivityInput } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug, listOrganisations } from '../src/modules/areas/areas.service.ts';
import { addContributionsForResponse } from '../src/modules/contributions/contributions.service.ts';
import { addQuestion } from '../src/modules/surveys/questions.service.ts';
import { DEMO_SLUG, demoAccount, type E2e, expectAccessible, signIn, startE2e, submit } from './support.ts';
import { testActivity } from '../src/testing/activities.ts';

let e2e: E2e;
const contexts: BrowserContext[] = [];
let activityId: string;
let emptyActivityId: string;
let questionId: string;
const contributionIds: string[] = [];

function activityInput(organisationId: string, title: string): ActivityInput {
  return testActivity({ organisationId, title, purpose: 'Hear what families think of short breaks.', venueKind: 'online' });
}

async function contribute(db: Db, areaId: string, activity: string, items: Array<{ questionId: string | null; text: string; supporter?: string }>): Promise<string[]> {
  return withArea(db, areaId, async (tx) => {
    const ids: string[] = [];
    for (const item of items) {
      const receipt = `E2E-${randomBytes(5).toString('hex').toUpperCase()}`;
      const { id: responseId } = await tx
        .insertInto('response')
        .values({ area_id: areaId, activity_id: activity, mode: item.supporter ? 'supported' : 'anonymous', supporter_relationship: item.supporter ?? null, access_token_hash: randomBytes(16).toString('hex'), idempotency_key: randomBytes(16).toString('hex'), receipt_code: receipt, status: 'submitted', submitted_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addContributionsForResponse(tx, areaId, [{ activityId: activity, questionId: item.questionId, responseId, accountId: null, supporterRelationship: item.supporter ?? null, receiptCode: receipt, source: item.questionId ? 'free_text' : 'anything_else', text: item.text }]);
      ids.push((await tx.selectFrom('contribution').select('id').where('response_id', '=', responseId).executeTakeFirstOrThrow()).id);
    }
    return ids;
  });
}

before(async () => {
  e2e = await startE2e();
  const area = (await findAreaBySlug(e2e.db, DEMO_SLUG))!;
  const orgs = new Map((await listOrganisations(e2e.db, area.id)).map((o) => [o.name, o.id]));
  activityId = (await createActivity(e2e.db, area.id, null, activityInput(orgs.get('Riverside Youth Voice')!, 'Short breaks survey'))).id;
  emptyActivityId = (await createActivity(e2e.db, area.id, null, activityInput(orgs.get('Riverside Youth Voice')!, 'Summer holiday clubs'))).id;
  questionId = await addQuestion(e2e.db, area.id, null, activityId, { type: 'free_text', text: 'What should change about short breaks?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  contributionIds.push(...(await contribute(e2e.db, area.id, activityId, [
    { questionId, text: 'Email me at sunflower.family@example.com about the waiting list. My nickname is bumblebee and bumblebee likes the trampoline.', supporter: 'parent' },
    { questionId, text: 'The quiet room helps my son when it gets too loud.' },
    { questionId: null, text: 'Please keep the Saturday sessions. They are the only ones we can get to.', supporter: 'youth_worker' },
  ])));
});
after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

async function signedIn(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await e2e.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const a = `/a/${DEMO_SLUG}`;
const list = (id = activityId) => `${a}/activities/${id}/contributions`;

test('the list: everything, filtered, filtered to nothing, in error, empty, and as a decision maker', async () => {
  const page = await signedIn(demoAccount('participation_lead').email);
  await page.goto(list());
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Contributions');
  assert.equal(await page.locator('.govuk-summary-card').count(), 3);
  await expectAccessible(page, 'contributions list');

  // Filters chosen as a person would: by their labels, then the button.
  await page.getByLabel('Question', { exact: true }).selectOption({ label: 'What should change about short breaks?' });
  await page.getByLabel('With a supporter').check();
  await page.getByLabel('Only contributions to review').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL((url) => url.searchParams.get('support') === 'yes');
  assert.equal(await page.locator('.govuk-summary-card').count(), 1);
  await expectAccessible(page, 'contributions list, filtered');

  await page.getByLabel('Received from').fill('1/1/2099');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL((url) => url.searchParams.get('from') === '1/1/2099');
  assert.ok(await page.getByText('No contributions match these filters.').isVisible());
  await expectAccessible(page, 'contributions list, no matches');

  await page.goto(`${list()}?from=31/2/2026`);
  assert.match(await page.title(), /^Error: /);
  await expectAccessible(page, 'contributions list, date error');

  await page.goto(list(emptyActivityId));
  assert.ok(await page.getByText('No one has shared a view in this activity yet.').isVisible());
  await expectAccessible(page, 'contributions list, empty');

  const reader = await signedIn(demoAccount('decision_maker').email);
  await reader.goto(list());
  assert.equal(await reader.locator('.govuk-summary-card').count(), 3);
  assert.equal(await reader.getByText(/E2E-/).count(), 0, 'no receipt codes for decision makers');
  await expectAccessible(reader, 'contributions list, decision maker');
});

test('the review page: with redactions, with errors, with the original shown', async () => {
  const page = await signedIn(demoAccount('participation_lead').email);
  await page.goto(`${list()}/${contributionIds[0]}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Review a contribution');
  assert.ok((await page.getByRole('table', { name: 'Each detail removed from this contribution' }).count()) === 1, 'the automatic redaction is listed');
  assert.equal(await page.getByText('sunflower.family').count(), 0, 'the original is not on the page');
  await expectAccessible(page, 'contribution review');

  const empty = await submit(page, 'Remove these words');
  assert.equal(empty.status(), 422);
  await expectAccessible(page, 'contribution review, redaction errors');

  const noReason = await submit(page, 'Hide this contribution');
  assert.equal(noReason.status(), 422);
  await expectAccessible(page, 'contribution review, hide error');

  const shown = await submit(page, 'Show the original words');
  assert.equal(shown.status(), 200);
  assert.ok(await page.getByRole('heading', { name: 'The original words' }).isVisible());
  assert.ok(await page.getByText('sunflower.family@example.com').isVisible());
  await expectAccessible(page, 'contribution review, original shown');
});

test('a missed detail is removed with the keyboard only and JavaScript off', async () => {
  const page = await signedIn(demoAccount('participation_lead').email, { javaScriptEnabled: false });
  await page.goto(`${list()}/${contributionIds[0]}`);
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');
  assert.ok(await page.getByText(/My nickname is bumblebee/).isVisible());

  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const focusedText = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
  const tabUntil = async (done: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 120; i += 1) {
      await page.keyboard.press('Tab');
      if (await done()) return;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  await tabUntil(async () => (await focusedId()) === 'words', 'the "Words to remove" field');
  await page.keyboard.type('bumblebee');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'kind', 'the first kind of detail (Name) takes focus');
  await page.keyboard.press('Space');
  await tabUntil(async () => (await focusedText()) === 'Remove these words', 'the "Remove these words" button');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.keyboard.press('Enter'),
  ]);
  assert.equal(response.status(), 303);
  await page.getByRole('alert').filter({ hasText: 'Removed from 2 places in the contribution' }).waitFor({ timeout: 5000 });
  assert.equal(await page.getByText(/bumblebee/).count(), 0, 'both places are gone');
  assert.ok(await page.getByText(/My nickname is/).first().isVisible());
});

test('the redaction lists: empty, with errors, and with entries to remove', async () => {
  const page = await signedIn(demoAccount('participation_lead').email);
  await page.goto(`${a}/manage`);
  await page.getByRole('link', { name: 'Names, schools and places to remove from contributions' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Names, schools and places to remove');
  await expectAccessible(page, 'redaction lists, empty');

  await page.getByLabel('Names', { exact: true }).fill('Wilbur Quist\nX');
  assert.equal((await submit(page, 'Add to the lists')).status(), 422);
  await expectAccessible(page, 'redaction lists, error');

  await page.getByLabel('Names', { exact: true }).fill('Wilbur Quist\nMaisie Thorne');
  await page.getByLabel('Schools and colleges').fill('Riverside Primary School');
  await page.getByLabel('Places', { exact: true }).fill('Hillside Estate');
  assert.equal((await submit(page, 'Add to the lists')).status(), 303);
  assert.ok(await page.getByText('4 entries added to the lists').isVisible());
  await expectAccessible(page, 'redaction lists, with entries');

  await page.getByLabel('Maisie Thorne').check();
  assert.equal((await submit(page, 'Remove selected names')).status(), 303);
  assert.ok(await page.getByText('1 entry removed from the lists').isVisible());
  assert.equal(await page.getByLabel('Maisie Thorne').count(), 0);
});
