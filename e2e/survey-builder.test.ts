/**
 * The question builder in a real browser: axe (WCAG 2.2 AA) at 320 px and 1280 px on every builder
 * page in its states, and one question added by keyboard alone with JavaScript turned off.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page, Response } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createActivity, type ActivityInput } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug, listOrganisations } from '../src/modules/areas/areas.service.ts';
import { addQuestion, listQuestions, readyMadeOptions } from '../src/modules/surveys/questions.service.ts';
import { DEMO_SLUG, demoAccount, type E2e, expectAccessible, signIn, startE2e, submit } from './support.ts';
import { testActivity } from '../src/testing/activities.ts';

let e2e: E2e;
let areaId: string;
let organisationId: string;

before(async () => {
  e2e = await startE2e();
  const area = (await findAreaBySlug(e2e.db, DEMO_SLUG))!;
  areaId = area.id;
  organisationId = (await listOrganisations(e2e.db, areaId)).find((o) => o.name === 'Riverside Youth Voice')!.id;
});
after(async () => {
  await e2e?.close();
});

function activityInput(title: string): ActivityInput {
  return testActivity({
    organisationId,
    title,
    purpose: 'To hear what children think of the new playground.',
    easyReadPurpose: 'Tell us about the playground.',
    stage: 'design',
    audience: 'children_young_people',
    ageBands: ['8_11'],
    venueKind: 'online',
    childrenMode: true,
  });
}

const lead = demoAccount('participation_lead').email;
const questionsUrl = (activityId: string) => `/a/${DEMO_SLUG}/activities/${activityId}/questions`;

test('axe finds nothing on any builder page, in each state, at 320 px and 1280 px', async () => {
  const activity = await createActivity(e2e.db, areaId, null, activityInput('Playground survey'));
  const yesNo = await addQuestion(e2e.db, areaId, null, activity.id, { type: 'yes_no_not_sure', text: 'Do you play outside at break?', easyRead: 'Do you play outside?', hint: '', required: true, settings: {}, showIf: null }, readyMadeOptions('yes_no_not_sure', {}));
  const yes = (await listQuestions(e2e.db, areaId, activity.id))[0]!.options[0]!.id;
  await addQuestion(e2e.db, areaId, null, activity.id, { type: 'picture_choice', text: 'What would you like to play on?', easyRead: '', hint: 'Choose one', required: false, settings: {}, showIf: { questionId: yesNo, optionId: yes } }, [
    { label: 'Swings', easyRead: '', symbol: '1F3A0', altText: 'Carousel horse' },
    { label: 'Football', easyRead: '', symbol: '26BD', altText: 'Football' },
  ]);
  await addQuestion(e2e.db, areaId, null, activity.id, { type: 'free_text', text: 'Anything else?', easyRead: '', hint: '', required: false, settings: { maxLength: 1000 }, showIf: null }, []);

  const context = await e2e.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, lead);
    const base = questionsUrl(activity.id);

    await page.goto(base);
    assert.equal(await page.getByRole('img', { name: 'Carousel horse' }).count(), 1, 'option symbols carry their alt text');
    await expectAccessible(page, 'question list');

    await page.goto(`${base}/new`);
    await expectAccessible(page, 'type chooser');
    assert.equal((await submit(page, 'Continue')).status(), 422);
    await expectAccessible(page, 'type chooser (error)');

    await page.goto(`${base}/new/single_choice`);
    await expectAccessible(page, 'question form (empty)');
    assert.equal((await submit(page, 'Save question')).status(), 422);
    assert.match(await page.title(), /^Error: /);
    await expectAccessible(page, 'question form (errors)');

    // Many options: twenty rows, some with symbols, one with an error beside its symbol.
    await page.goto(`${base}/new/picture_choice`);
    while ((await page.getByRole('button', { name: 'Add another option', exact: true }).count()) > 0) await submit(page, 'Add another option');
    assert.equal(await page.getByRole('group', { name: /^Option \d+$/ }).count(), 12, 'picture choice stops at 12');
    await page.goto(`${base}/new/multiple_choice`);
    for (let i = 0; i < 14; i += 1) await submit(page, 'Add another option');
    assert.equal(await page.getByRole('group', { name: /^Option \d+$/ }).count(), 20);
    await page.getByRole('group', { name: 'Option 1', exact: true }).getByLabel('Words', { exact: true }).fill('Slide');
    await submit(page, 'Choose a symbol (Option 1)');
    await page.getByRole('radio').first().check();
    await submit(page, 'Use this symbol');
    await page.getByRole('group', { name: 'Option 1', exact: true }).getByLabel('Alt text', { exact: true }).fill('');
    await page.getByLabel('Question wording').fill('Which do you like?');
    assert.equal((await submit(page, 'Save question')).status(), 422);
    await expectAccessible(page, 'question form (20 options, errors)');

    await page.goto(`${base}/new/picture_choice`);
    await page.getByRole('group', { name: 'Option 1', exact: true }).getByLabel('Words', { exact: true }).fill('happy');
    await submit(page, 'Choose a symbol (Option 1)');
    assert.ok((await page.getByRole('radio').count()) > 5, 'the picker shows results');
    await expectAccessible(page, 'symbol picker (results)');
    await page.getByLabel('Search for a symbol').fill('');
    assert.equal((await submit(page, 'Search')).status(), 422);
    await expectAccessible(page, 'symbol picker (error)');

    await page.goto(base);
    await page.getByRole('link', { name: 'Change (Question 2)' }).click();
    await expectAccessible(page, 'question form (change)');

    await page.goto(base);
    await page.getByRole('link', { name: 'Delete (Question 1)' }).click();
    assert.ok(await page.getByText('Some questions are shown only to people who answer this one').isVisible());
    await expectAccessible(page, 'delete confirmation');

    await page.goto(base);
    await submit(page, 'Move up (Question 2)');
    assert.equal(await page.locator('.govuk-error-summary').count(), 1, 'the refused move is explained');
    await expectAccessible(page, 'question list (move refused)');

    // Someone starts answering (as the pages people answer would record it).
    await withArea(e2e.db, areaId, (tx) => tx.insertInto('response').values({ area_id: areaId, activity_id: activity.id, mode: 'anonymous', access_token_hash: 'e2e', idempotency_key: `e2e-${activity.id}` }).execute());
    await page.goto(base);
    assert.ok(await page.getByText('People have started answering').isVisible());
    await expectAccessible(page, 'question list (locked)');
    await page.goto(`${base}/new`);
    await expectAccessible(page, 'locked page');
    await page.goto(base);
    await page.getByRole('link', { name: 'Change (Question 1)' }).click();
    await expectAccessible(page, 'question form (wording only)');
  } finally {
    await context.close();
  }
});

/** The page's h1 as one line (the caption sits on its own line above the title). */
const heading = async (page: Page) => (await page.getByRole('heading', { level: 1 }).innerText()).replace(/\s+/g, ' ').trim();

type Focused = { id: string; text: string; name: string | null; value: string | null };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { id: el?.id ?? '', text: (el?.innerText ?? '').replace(/\s+/g, ' ').trim(), name: el?.getAttribute('name') ?? null, value: el?.getAttribute('value') ?? null };
  });
}

/** Presses Tab until the focused element matches, or fails listing the stops it went through. */
async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, maxTabs = 80): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return;
    stops.push(`#${f.id} "${f.text.slice(0, 40)}"`);
  }
  assert.fail(`Tab never reached ${what}; stops:\n  ${stops.join('\n  ')}`);
}

/** Presses a key that sends a form, and waits for the page it leads to. */
async function pressAndWait(page: Page, key: string): Promise<Response> {
  // The load event of the new document, not the old one's "already loaded" state.
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().isNavigationRequest()), page.waitForEvent('load'), page.keyboard.press(key)]);
  return response;
}

test('a picture question added with the keyboard alone and JavaScript off, symbols and all', async () => {
  const activity = await createActivity(e2e.db, areaId, null, activityInput('Keyboard survey'));
  const context = await e2e.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await signIn(page, lead);
    await page.goto(questionsUrl(activity.id));
    assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');

    await tabTo(page, (f) => f.text === 'Add a question', '"Add a question"');
    await pressAndWait(page, 'Enter');
    await tabTo(page, (f) => f.name === 'type', 'the first type');
    for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page)).value, 'picture_choice');
    await tabTo(page, (f) => f.text === 'Continue', 'Continue');
    await pressAndWait(page, 'Enter');
    assert.equal(await heading(page), 'Keyboard survey Add a question: Picture choice');

    await tabTo(page, (f) => f.id === 'text', 'the wording');
    await page.keyboard.type('How do you get to school?');
    await tabTo(page, (f) => f.id === 'easyRead', 'the easy read wording');
    await page.keyboard.type('How do you get to school?');

    for (const [n, words] of [[1, 'Bus'], [2, 'Bicycle']] as const) {
      await tabTo(page, (f) => f.id === `option-${n}-label`, `option ${n}`);
      await page.keyboard.type(words);
      await tabTo(page, (f) => f.id === `option-${n}-symbol`, `option ${n}'s symbol button`);
      const picker = await pressAndWait(page, 'Enter');
      assert.equal(picker.status(), 200);
      assert.equal(await heading(page), `Keyboard survey Choose a symbol for “${words}”`);
      await tabTo(page, (f) => f.name === 'chosenSymbol', 'the first symbol');
      await page.keyboard.press('Space');
      await tabTo(page, (f) => f.text === 'Use this symbol', 'Use this symbol');
      await pressAndWait(page, 'Enter');
      // Back on the question, with focus on the alt text the symbol brought with it.
      const f = await focused(page);
      assert.equal(f.id, `option-${n}-altText`, 'focus returns to the option\'s alt text');
      assert.equal(await page.locator(`#option-${n}-altText`).inputValue(), words, 'alt text starts as the symbol\'s name');
      assert.equal(await page.locator('#text').inputValue(), 'How do you get to school?', 'nothing typed was lost');
    }
    await page.keyboard.press('End');
    await page.keyboard.type(' (yellow)');

    await tabTo(page, (f) => f.text === 'Save question', 'Save question');
    const saved = await pressAndWait(page, 'Enter');
    assert.equal(saved.status(), 303);
    assert.ok(await page.getByText('Question 1 added').isVisible());
    assert.equal(await page.getByRole('img', { name: 'Bicycle (yellow)' }).count(), 1);
    const [question] = await listQuestions(e2e.db, areaId, activity.id);
    assert.equal(question!.type, 'picture_choice');
    assert.deepEqual(question!.options.map((o) => [o.label, o.symbol, o.altText]), [['Bus', '1F68C', 'Bus'], ['Bicycle', '1F6B2', 'Bicycle (yellow)']]);
  } finally {
    await context.close();
  }
});
