/**
 * A facilitator's live session in a real browser (issue 15): a lead prepares a session with a
 * multiple choice question (symbols and all) and a sticky-note board by keyboard alone with
 * JavaScript off, starts it and opens the big screen; axe (WCAG 2.2 AA) at 320 px and 1280 px on the
 * sessions list, the prepare page and its forms, the console, the big screen and the results.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, Response } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createActivity } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug, listOrganisations } from '../src/modules/areas/areas.service.ts';
import { listInteractions, listSessionsForActivity } from '../src/modules/live/index.ts';
import { testActivity } from '../src/testing/activities.ts';
import { DEMO_SLUG, demoAccount, e2eFile, expectAccessible, mirrorWithoutScripts, submit } from './support.ts';

const suite = e2eFile();
const lead = demoAccount('participation_lead').email;

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

/** Presses a key that follows a link or sends a form, and waits for the new page's own load. */
async function pressAndWait(page: Page, key: string): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().isNavigationRequest()), page.waitForEvent('load'), page.keyboard.press(key)]);
  return response;
}

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).replace(/\s+/g, ' ').trim();
}

async function newActivity(title: string): Promise<string> {
  const areaId = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id;
  const organisationId = (await listOrganisations(suite.e2e.db, areaId)).find((o) => o.name === 'Riverside Youth Voice')!.id;
  return (await createActivity(suite.e2e.db, areaId, null, testActivity({ title, organisationId, childrenMode: true }))).id;
}

test('a lead prepares a choice with symbols and a board by keyboard with JavaScript off, starts the session and opens the big screen', async () => {
  const activityId = await newActivity('Youth forum');
  const areaId = (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id;
  const page = await suite.pageAs(lead, { javaScriptEnabled: false });
  const mirror = await suite.pageAs(lead);
  await page.goto(`/a/${DEMO_SLUG}/activities/${activityId}`);
  assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');
  await tabTo(page, (f) => f.text === 'Live sessions', 'the Live sessions link');
  await pressAndWait(page, 'Enter');
  assert.equal(await heading(page), 'Youth forum Live sessions');

  // A session with nothing typed: the error, then the name.
  await tabTo(page, (f) => f.text === 'Make the session', 'Make the session');
  assert.equal((await pressAndWait(page, 'Enter')).status(), 422);
  assert.match(await page.title(), /^Error: /);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'sessions list (error, JavaScript off)');
  await page.locator('#title').focus();
  await page.keyboard.type('March forum');
  await tabTo(page, (f) => f.text === 'Make the session', 'Make the session');
  await pressAndWait(page, 'Enter');
  assert.equal(await heading(page), 'Youth forum March forum');
  const prepareUrl = page.url();

  // A multiple choice question: the kind by arrow keys, words, and a symbol for each answer.
  await tabTo(page, (f) => f.text === 'Add a question or board', 'Add a question or board');
  await pressAndWait(page, 'Enter');
  await tabTo(page, (f) => f.name === 'kind', 'the first kind');
  assert.equal((await focused(page)).value, 'choice');
  await page.keyboard.press('Space');
  await tabTo(page, (f) => f.text === 'Continue', 'Continue');
  await pressAndWait(page, 'Enter');
  assert.equal(await heading(page), 'March forum Add: Multiple choice');
  await tabTo(page, (f) => f.id === 'prompt', 'the question');
  await page.keyboard.type('What should we do first?');
  for (const [n, words, symbolName] of [[1, 'Trips', 'Bus'], [2, 'Cooking', 'Cooking']] as const) {
    await tabTo(page, (f) => f.id === `option-${n}-label`, `answer ${n}`);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(words);
    await tabTo(page, (f) => f.id === `symbol-option-${n}`, `answer ${n}'s symbol button`);
    assert.equal((await pressAndWait(page, 'Enter')).status(), 200);
    assert.equal(await heading(page), `Symbol for answer ${n} Choose a symbol`);
    if (n === 1) {
      // The search starts from the answer's words; searching again for another word works too.
      await tabTo(page, (f) => f.id === 'q', 'the search box');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('bus');
      await pressAndWait(page, 'Enter');
      await expectAccessible(await mirrorWithoutScripts(page, mirror), 'symbol picker (JavaScript off)');
    }
    await tabTo(page, (f) => f.name === 'chosenSymbol', 'the first symbol');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.text === 'Use this symbol', 'Use this symbol');
    await pressAndWait(page, 'Enter');
    assert.equal((await focused(page)).id, `symbol-option-${n}`, 'focus comes back to the answer\'s symbol button');
    assert.match(await page.locator('main').innerText(), new RegExp(`Symbol: ${symbolName}`, 'i'));
    assert.equal(await page.locator('#prompt').inputValue(), 'What should we do first?', 'nothing typed was lost');
  }
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'interaction form with symbols (JavaScript off)');
  await tabTo(page, (f) => f.text === 'Save', 'Save');
  await pressAndWait(page, 'Enter');
  assert.equal(page.url().split('#')[0], prepareUrl);

  // A board: its kind is the last, reached with the arrow keys; an empty question is an error first.
  await tabTo(page, (f) => f.text === 'Add a question or board', 'Add a question or board');
  await pressAndWait(page, 'Enter');
  await tabTo(page, (f) => f.name === 'kind', 'the first kind');
  for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).value, 'board');
  await tabTo(page, (f) => f.text === 'Continue', 'Continue');
  await pressAndWait(page, 'Enter');
  await tabTo(page, (f) => f.text === 'Save', 'Save');
  assert.equal((await pressAndWait(page, 'Enter')).status(), 422);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'board form (errors, JavaScript off)');
  await page.locator('#prompt').focus();
  await page.keyboard.type('Our youth club');
  await tabTo(page, (f) => f.text === 'Save', 'Save');
  await pressAndWait(page, 'Enter');
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'prepare page (JavaScript off)');

  const [session] = await withArea(suite.e2e.db, areaId, (tx) => listSessionsForActivity(tx, areaId, activityId));
  const saved = await withArea(suite.e2e.db, areaId, (tx) => listInteractions(tx, areaId, session!.id));
  assert.deepEqual(saved.map((i) => i.kind), ['choice', 'board']);
  assert.deepEqual((saved[0]!.settings as { options: { label: string; symbol: string | null }[] }).options.map((o) => [o.label, Boolean(o.symbol)]), [['Trips', true], ['Cooking', true]]);

  // Run it: the console, Start, and the big screen shows the first question with its symbols.
  await tabTo(page, (f) => f.text === 'Run the session', 'Run the session');
  await pressAndWait(page, 'Enter');
  await tabTo(page, (f) => f.text === 'Start the session', 'Start the session');
  await pressAndWait(page, 'Enter');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Session started/);
  await expectAccessible(await mirrorWithoutScripts(page, mirror), 'console (running, JavaScript off)');
  await tabTo(page, (f) => f.text === 'Open the big screen', 'Open the big screen');
  await pressAndWait(page, 'Enter');
  assert.equal(await heading(page), 'What should we do first?');
  assert.match(await page.locator('main').innerText(), new RegExp(session!.joinCode.slice(0, 3)));
  assert.equal(await page.getByRole('img', { name: /^QR code: opens / }).count(), 1);
});

test('axe finds nothing on the sessions pages, in each state, at 320 px and 1280 px', async () => {
  const activityId = await newActivity('Council forum');
  const page = await suite.pageAs(lead);
  const list = `/a/${DEMO_SLUG}/activities/${activityId}/live`;
  await page.goto(list);
  await expectAccessible(page, 'sessions list (none)');
  await page.getByLabel('Name of the session').fill('April forum');
  await submit(page, 'Make the session');
  const prepare = page.url();
  await expectAccessible(page, 'prepare (empty)');

  await page.goto(`${prepare}/interactions/new`);
  await expectAccessible(page, 'kind chooser');
  for (const [kind, prompt] of [['choice', 'Best day?'], ['word_cloud', 'One word for school'], ['scale', 'How safe do you feel?'], ['open_text', 'Anything else?'], ['ranking', 'Put these in order'], ['qanda', 'Ask us anything'], ['board', 'Our club']] as const) {
    await page.goto(`${prepare}/interactions/new?kind=${kind}`);
    await page.getByLabel('What do you want to ask?').fill(prompt);
    if (kind === 'ranking') {
      await page.getByRole('group', { name: 'Answer 1' }).getByLabel('Words').fill('Parks');
      await page.getByRole('group', { name: 'Answer 2' }).getByLabel('Words').fill('Buses');
    }
    if (kind === 'choice' || kind === 'scale' || kind === 'board') await expectAccessible(page, `${kind} form`);
    await submit(page, 'Save');
    assert.equal(page.url().split('#')[0], prepare, `${kind} saved`);
  }
  await expectAccessible(page, 'prepare (seven kinds)');
  await page.getByRole('link', { name: /^Delete 2\./ }).click();
  await expectAccessible(page, 'delete confirm');

  await page.goto(`${prepare}/console`);
  await expectAccessible(page, 'console (ready to start)');
  await submit(page, 'Start the session');
  await expectAccessible(page, 'console (running, first question)');
  await page.goto(`${prepare}/present`);
  await expectAccessible(page, 'big screen (choice)');
  await page.goto(`${prepare}/console`);
  await page.getByLabel('Go to').selectOption({ label: '7. Our club' });
  await submit(page, 'Go');
  await expectAccessible(page, 'console (board)');
  await page.goto(`${prepare}/present`);
  await expectAccessible(page, 'big screen (board)');
  await page.goto(`${prepare}/console`);
  await submit(page, 'Hide results');
  await page.goto(`${prepare}/present`);
  assert.match(await page.locator('main').innerText(), /Results are hidden for now/);
  await expectAccessible(page, 'big screen (results hidden)');
  await page.goto(`${prepare}/results`);
  await expectAccessible(page, 'results (running)');
  await page.goto(`${prepare}/console`);
  await submit(page, 'End the session');
  await expectAccessible(page, 'console (ended)');
  await page.goto(`${prepare}/present`);
  await expectAccessible(page, 'big screen (ended)');
  await page.goto(`${prepare}/results`);
  await expectAccessible(page, 'results (ended)');
  await page.goto(list);
  await expectAccessible(page, 'sessions list (one)');
});
