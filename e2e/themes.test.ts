/**
 * Theme pages in the browser: axe (WCAG 2.2 A/AA) at 320 px and 1280 px on the themes list, the
 * comments not in a theme (filled, in error, empty), suggestions (and in error), the theme form (new,
 * in error, with a cited result, the symbol picker, a clash with another lead), a theme's page (as a
 * lead, in error, as a decision maker, empty) and the delete page; and comments grouped into a new
 * theme with the keyboard only, and with JavaScript off.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Db } from '../src/db/database.ts';
import { withArea } from '../src/db/db.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addContributionsForResponse } from '../src/modules/contributions/contributions.service.ts';
import { addQuestion, listQuestions } from '../src/modules/surveys/questions.service.ts';
import { assignContributions, createTheme } from '../src/modules/themes/themes.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { DEMO_SLUG, demoAccount, type E2e, errorSummaryLinks, expectAccessible, signIn, startE2e, submit } from './support.ts';

let e2e: E2e;
let areaId: string;
let activityId: string;
let emptyActivityId: string;
const contexts: BrowserContext[] = [];
const ids: Record<string, string> = {};

const COMMENTS: Record<string, string> = {
  wait1: 'We waited months for the assessment.',
  wait2: 'The waiting list is far too long.',
  quiet1: 'A quiet room would help when it gets too loud.',
  quiet2: 'He needs somewhere quiet to calm down.',
  bus1: 'The minibus was late every week.',
  bus2: 'The bus driver was kind and patient.',
  review: 'The lunch hall is far too noisy.',
};

/** Ten answers to a choice question (so a result can be cited) and one comment for each of COMMENTS. */
async function seed(db: Db): Promise<void> {
  const activity = await createActivity(db, areaId, null, testActivity({ title: 'Themes journey survey', venueKind: 'online' }));
  activityId = activity.id;
  emptyActivityId = (await createActivity(db, areaId, null, testActivity({ title: 'Themes empty survey', venueKind: 'online' }))).id;
  const free = await addQuestion(db, areaId, null, activityId, { type: 'free_text', text: 'What would make it better?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  const choice = await addQuestion(db, areaId, null, activityId, { type: 'single_choice', text: 'What would help most?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, [
    { label: 'A quiet room', easyRead: '', symbol: null, altText: '' },
    { label: 'Somewhere to eat', easyRead: '', symbol: null, altText: '' },
  ]);
  const [quiet, eat] = (await listQuestions(db, areaId, activityId)).find((q) => q.id === choice)!.options.map((o) => o.id);
  const names = Object.keys(COMMENTS);
  await withArea(db, areaId, async (tx) => {
    for (let n = 0; n < 20; n += 1) {
      const receipt = `E2E-${randomBytes(5).toString('hex').toUpperCase()}`;
      const { id: responseId } = await tx
        .insertInto('response')
        .values({ area_id: areaId, activity_id: activityId, mode: 'anonymous', access_token_hash: randomBytes(16).toString('hex'), idempotency_key: randomBytes(16).toString('hex'), receipt_code: receipt, status: 'submitted', submitted_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('answer').values({ area_id: areaId, response_id: responseId, question_id: choice, value: JSON.stringify({ kind: 'option', optionId: n < 12 ? quiet : eat }), updated_at: new Date() }).execute();
      const name = names[n];
      if (!name) continue;
      await addContributionsForResponse(tx, areaId, [{ activityId, questionId: free, responseId, accountId: null, supporterRelationship: null, receiptCode: receipt, source: 'free_text', text: COMMENTS[name]! }]);
      ids[name] = (await tx.selectFrom('contribution').select('id').where('response_id', '=', responseId).executeTakeFirstOrThrow()).id;
    }
    await tx.updateTable('contribution').set({ needs_review: false }).where('activity_id', '=', activityId).execute();
    await tx.updateTable('contribution').set({ needs_review: true }).where('id', '=', ids.review!).execute();
  });
}

before(async () => {
  e2e = await startE2e();
  areaId = (await findAreaBySlug(e2e.db, DEMO_SLUG))!.id;
  await seed(e2e.db);
  ids.transport = await createTheme(e2e.db, areaId, null, { title: 'Getting there', summary: 'Buses and transport to sessions.' });
  await assignContributions(e2e.db, areaId, null, ids.transport, [ids.bus1!, ids.review!]);
  ids.emptyTheme = await createTheme(e2e.db, areaId, null, { title: 'Holiday clubs' });
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

const R = `/a/${DEMO_SLUG}/manage/themes`;
const lead = () => demoAccount('participation_lead').email;

test('the themes list and the comments not in a theme: filled, filtered, in error and empty', async () => {
  const page = await signedIn(lead());
  await page.goto(`/a/${DEMO_SLUG}/manage`);
  await page.getByRole('link', { name: 'Themes: what people told us' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Themes: what people told us');
  assert.ok(await page.getByRole('link', { name: 'Getting there' }).isVisible());
  await expectAccessible(page, 'themes list');

  await page.getByLabel('Activity').selectOption({ label: 'Themes journey survey' });
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL((url) => url.searchParams.get('activity') === activityId);
  assert.ok(await page.getByText('5 comments are not in a theme yet.').isVisible());
  await expectAccessible(page, 'themes list, filtered');

  await page.getByRole('link', { name: 'Put comments into themes' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Comments not in a theme yet');
  assert.equal(await page.getByRole('checkbox').count(), 5);
  await expectAccessible(page, 'unthemed comments');

  const response = await submit(page, 'Add to theme');
  assert.equal(response.status(), 422);
  assert.deepEqual(await errorSummaryLinks(page), ['#contribution', '#target']);
  await expectAccessible(page, 'unthemed comments, errors');

  await page.goto(`${R}/unthemed?activity=${emptyActivityId}`);
  assert.ok(await page.getByText('There are no comments from this activity waiting for a theme.').isVisible());
  await expectAccessible(page, 'unthemed comments, none');

  const reader = await signedIn(demoAccount('decision_maker').email);
  await reader.goto(R);
  assert.equal(await reader.getByRole('button', { name: 'Create a theme' }).count(), 0);
  await expectAccessible(reader, 'themes list, decision maker');
  await reader.goto(`${R}/${ids.transport}`);
  assert.equal(await reader.getByRole('checkbox').count(), 0);
  await expectAccessible(reader, 'theme page, decision maker');
});

test('selecting comments and adding them to a new theme with the keyboard only', async () => {
  const page = await signedIn(lead());
  await page.goto(`${R}/unthemed?activity=${activityId}`);
  const focusedLabel = () => page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el?.labels?.[0]?.innerText.trim() ?? (el?.innerText ?? '').trim();
  });
  const tabUntil = async (done: (text: string) => boolean, what: string) => {
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      if (done(await focusedLabel())) return;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  await tabUntil((text) => text === COMMENTS.wait1, 'the first waiting comment');
  await page.keyboard.press('Space');
  await tabUntil((text) => text === COMMENTS.wait2, 'the second waiting comment');
  await page.keyboard.press('Space');
  await tabUntil((text) => text === 'Add the chosen comments to', 'the theme choice');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#target').inputValue(), 'new', 'the first choice after "Choose a theme" is a new theme');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'title', 'the title box comes next');
  await page.keyboard.type('Waiting times');
  await tabUntil((text) => text === 'Add to theme', 'the "Add to theme" button');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    page.keyboard.press('Enter'),
  ]);
  assert.equal(response.status(), 303);
  await page.getByRole('alert').filter({ hasText: '2 comments added to “Waiting times”' }).waitFor({ timeout: 5000 });
  assert.equal(await page.getByText(COMMENTS.wait1!).count(), 0, 'no longer waiting for a theme');
  await expectAccessible(page, 'unthemed comments, after adding');
});

test('selecting comments and adding them to a new theme with JavaScript off', async () => {
  const page = await signedIn(lead(), { javaScriptEnabled: false });
  await page.goto(`${R}/unthemed?activity=${activityId}`);
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');
  await page.getByLabel(COMMENTS.quiet1!).check();
  await page.getByLabel(COMMENTS.quiet2!).check();
  await page.getByLabel('Add the chosen comments to').selectOption('new');
  await page.getByLabel('Title of the new theme').fill('Quiet spaces');
  const response = await submit(page, 'Add to theme');
  assert.equal(response.status(), 303);
  assert.ok(await page.getByText('2 comments added to “Quiet spaces”').isVisible());
  await page.goto(R);
  assert.ok(await page.getByRole('link', { name: 'Quiet spaces' }).isVisible());
});

test('suggestions: with suggestions and in error', async () => {
  const page = await signedIn(lead());
  await page.goto(`${R}/suggestions?activity=${activityId}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Suggested themes');
  assert.ok(await page.getByRole('heading', { name: /Add 1 comment to “Getting there”/ }).isVisible(), 'the bus comment matches the transport theme');
  await expectAccessible(page, 'suggestions');
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: /Getting there/ }) });
  await section.getByRole('checkbox').uncheck();
  const response = await submit(page, 'Accept: add to “Getting there”');
  assert.equal(response.status(), 422);
  await expectAccessible(page, 'suggestions, error');
});

test('the theme form: new, in error, the symbol picker, a cited result, and a clash with another lead', async () => {
  const page = await signedIn(lead());
  await page.goto(R);
  await page.getByRole('button', { name: 'Create a theme' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Create a theme');
  await expectAccessible(page, 'new theme');
  assert.equal((await submit(page, 'Create theme')).status(), 422);
  await expectAccessible(page, 'new theme, error');

  await page.goto(`${R}/${ids.transport}/edit`);
  await expectAccessible(page, 'edit theme');
  await submit(page, 'Choose a symbol');
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Choose a symbol$/);
  await expectAccessible(page, 'symbol picker');
  await page.getByLabel('Search for a symbol').fill('');
  assert.equal((await submit(page, 'Search')).status(), 422);
  await expectAccessible(page, 'symbol picker, error');
  await page.getByLabel('Search for a symbol').fill('bus');
  await submit(page, 'Search');
  await expectAccessible(page, 'symbol picker, results');
  await page.getByRole('radio').first().check();
  await submit(page, 'Use this symbol');
  assert.ok((await page.getByLabel('What the symbol shows').inputValue()).length > 0, 'the symbol name is a first alt text');
  await page.getByLabel('Question', { exact: true }).selectOption({ label: 'Themes journey survey: What would help most?' });
  await submit(page, 'Write the sentence');
  assert.equal(await page.getByLabel('Sentence about the results').inputValue(), 'Most people who answered chose “A quiet room” (12 of 20).');
  await expectAccessible(page, 'edit theme, with symbol and citation');

  // Someone else saves first (the same lead in another browser: the version check does not care who).
  const other = await signedIn(lead());
  await other.goto(`${R}/${ids.transport}/edit`);
  await other.getByLabel('Title', { exact: true }).fill('Getting there (changed)');
  assert.equal((await submit(other, 'Save changes')).status(), 303);
  const clash = await submit(page, 'Save changes');
  assert.equal(clash.status(), 409);
  assert.ok(await page.getByText('Someone else changed this theme').isVisible());
  await expectAccessible(page, 'edit theme, clash');
  assert.equal((await submit(page, 'Save changes')).status(), 303, 'saving again replaces it knowingly');
});

test('a theme\'s page: as a lead, in error, empty, and its delete page', async () => {
  const page = await signedIn(lead());
  await page.goto(`${R}/${ids.transport}`);
  assert.ok(await page.getByRole('link', { name: /Review this comment first/ }).isVisible());
  await expectAccessible(page, 'theme page');
  await page.getByLabel(COMMENTS.review!).check();
  const refused = await submit(page, 'Quote them');
  assert.equal(refused.status(), 422);
  assert.ok(await page.getByRole('link', { name: /Review this comment first: “The lunch hall/ }).isVisible());
  await expectAccessible(page, 'theme page, quote refused');

  await page.goto(`${R}/${ids.emptyTheme}`);
  assert.ok(await page.getByText('There are no comments in this theme yet.').isVisible());
  await expectAccessible(page, 'theme page, empty');
  await page.getByRole('link', { name: 'Delete this theme' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Delete “Holiday clubs”?');
  await expectAccessible(page, 'delete theme');
  assert.equal((await submit(page, 'Delete theme')).status(), 303);
  assert.ok(await page.getByText('Theme “Holiday clubs” deleted').isVisible());
});
