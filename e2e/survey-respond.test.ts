/**
 * A 9-year-old answering a children's symbol survey with their teaching assistant, on a phone
 * (320 px), with JavaScript off, using the keyboard only: every question type, every error, check
 * your answers, the receipt, how to hear back, and "what happened to my views". axe (WCAG 2.2 A/AA) at 320 px and
 * 1280 px on every page in every state. Then saving and carrying on with a code, and what the
 * small script adds when JavaScript is on (read aloud, print).
 */
import assert from 'node:assert/strict';
import { after, before, test, type TestContext } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createActivity, setActivityStatus, type ActivityInput } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addQuestion, listQuestions, readyMadeOptions, type NewOption, type QuestionInput, type QuestionType } from '../src/modules/surveys/questions.service.ts';
import { checkA11yAtWidths, checkStructure, DEMO_SLUG, describeViolations, type E2e, errorSummaryLinks, mirrorWithoutScripts, pageHeading, startE2e } from './support.ts';
import { testActivity } from '../src/testing/activities.ts';

const A = `/a/${DEMO_SLUG}`;
const PHONE = { width: 320, height: 800 };

let e2e: E2e;
let areaId: string;
/** The children's survey: its id and each question's option ids, in order. */
let kids: { activityId: string; options: string[][] };
let parents: { activityId: string };

const option = (label: string, symbol: string, altText = label, easyRead = ''): NewOption => ({ label, easyRead, symbol, altText });

async function makeSurvey(input: Partial<ActivityInput>, questions: Array<{ type: QuestionType; text: string; easyRead?: string; required?: boolean; settings?: QuestionInput['settings']; options?: NewOption[]; showIf?: [number, number] }>) {
  const activity = await createActivity(
    e2e.db,
    areaId,
    null,
    testActivity({
      title: 'Our school day',
      purpose: 'We want to hear from children and young people about their school day, so that schools in Riverside can make it better.',
      easyReadPurpose: 'Tell us about your school day. We want to make school better.',
      services: ['Schools'],
      audience: 'children_young_people',
      ageBands: ['8_11'],
      venueKind: 'online',
      questionsShared: true,
      adjustmentsOffered: ['symbols', 'easy_read'],
      groundRules: ['ok_not_to_answer', 'ok_to_leave'],
      contactEmail: 'jess@riverside.example',
      childrenMode: true,
      ...input,
    }),
  );
  for (const q of questions) {
    const settings = q.settings ?? {};
    const earlier = q.showIf ? (await listQuestions(e2e.db, areaId, activity.id))[q.showIf[0]] : undefined;
    const showIf = earlier && q.showIf ? { questionId: earlier.id, optionId: earlier.options[q.showIf[1]]!.id } : null;
    await addQuestion(e2e.db, areaId, null, activity.id, { type: q.type, text: q.text, easyRead: q.easyRead ?? '', hint: '', required: q.required ?? true, settings, showIf }, q.options ?? readyMadeOptions(q.type, settings));
  }
  await setActivityStatus(e2e.db, areaId, null, activity.id, 'open');
  return { activityId: activity.id, options: (await listQuestions(e2e.db, areaId, activity.id)).map((q) => q.options.map((o) => o.id)) };
}

before(async () => {
  e2e = await startE2e();
  areaId = (await findAreaBySlug(e2e.db, DEMO_SLUG))!.id;
  mirror = await (await e2e.newContext({ viewport: PHONE })).newPage();
  kids = await makeSurvey({}, [
    { type: 'smiley_scale', text: 'How do you feel about school most days?', easyRead: 'How do you feel at school?', settings: { points: 3 } },
    { type: 'yes_no_not_sure', text: 'Is there a quiet place you can go when you need a break?', easyRead: 'Is there a quiet place for you?' },
    {
      type: 'single_choice', text: 'Where would you like a quiet place?', easyRead: 'Where should the quiet place be?', showIf: [1, 1],
      options: [option('In the library', '1F4DA', 'Books'), option('Outside', '1F333', 'A tree'), option('In my classroom', '1F3EB', 'A school')],
    },
    { type: 'multiple_choice', text: 'What helps you learn?', options: [option('Pictures', '1F5BC'), option('Quiet', '1F92B'), option('Moving about', '1F3C3')] },
    { type: 'picture_choice', text: 'Which playground would you like?', easyRead: 'Which playground do you like?', options: [option('Climbing frame', '1F9D7', 'Someone climbing'), option('Garden', '1F33B', 'A sunflower')] },
    {
      type: 'card_sort', text: 'What do you think of these lunch foods?', easyRead: 'Do you like these foods?', settings: { allowComment: true },
      options: [option('Pizza', '1F355'), option('Salad', '1F957')],
    },
    { type: 'ranking', text: 'What matters most to you at school?', easyRead: 'What matters most?', options: [option('Friends', '1F46B'), option('Teachers', '1F9D1-200D-1F3EB'), option('Play time', '26BD')] },
    { type: 'rating', text: 'How good are school trips?', settings: { maxRating: 5 } },
    { type: 'free_text', text: 'What would make school better?', settings: { maxLength: 500 } },
    { type: 'number', text: 'How many friends do you play with?', settings: { min: 0, max: 30 } },
    { type: 'date', text: 'When did you last go on a school trip?' },
  ]);
  parents = await makeSurvey({ title: 'Short breaks for families', childrenMode: false, audience: 'parent_carers' }, [
    { type: 'free_text', text: 'What works well about short breaks?', required: false },
    { type: 'free_text', text: 'What should change?', required: false },
  ]);
});
after(async () => {
  await e2e?.close();
});

// ── Keyboard helpers: focus moves only by key presses ─────────────────────────────────────────

type Focused = { tag: string; type: string; name: string; id: string; text: string; label: string; href: string };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const fold = (s: string | undefined | null) => (s ?? '').replace(/\s+/g, ' ').trim();
    return {
      tag: el?.tagName ?? '',
      type: el?.getAttribute('type') ?? '',
      name: el?.getAttribute('name') ?? '',
      id: el?.id ?? '',
      text: fold(el?.innerText),
      label: fold(el?.labels?.[0]?.innerText),
      href: el?.getAttribute('href') ?? '',
    };
  });
}

async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, maxTabs = 150): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return;
    stops.push(`${f.tag}#${f.id} ${f.name} "${(f.label || f.text).slice(0, 30)}"`);
  }
  assert.fail(`Tab never reached ${what}; stops:\n  ${stops.slice(-40).join('\n  ')}`);
}

/** Presses a key that navigates (Enter on a button or link); returns the status of the first response (303 when redirected). */
async function pressAndWait(page: Page, key = 'Enter'): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  const first = response?.request().redirectedFrom();
  return first ? (await first.response())!.status() : response!.status();
}

async function pressButton(page: Page, text: string): Promise<number> {
  await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === text, `the "${text}" button`);
  return pressAndWait(page);
}

async function followLink(page: Page, matches: (f: Focused) => boolean, what: string): Promise<number> {
  await tabTo(page, (f) => f.tag === 'A' && matches(f), what);
  return pressAndWait(page);
}

/** Tab into a radio group, arrow to the option, Space to choose it. */
async function chooseRadio(page: Page, name: string, label: string): Promise<void> {
  await tabTo(page, (f) => f.type === 'radio' && f.name === name, `the ${name} radios`);
  for (let i = 0; i < 40 && (await focused(page)).label !== label; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).label, label, `found the "${label}" radio`);
  await page.keyboard.press('Space');
  assert.ok(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked), `"${label}" is chosen`);
}

async function tick(page: Page, label: string): Promise<void> {
  await tabTo(page, (f) => f.type === 'checkbox' && f.label === label, `the "${label}" checkbox`);
  await page.keyboard.press('Space');
  assert.ok(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked), `"${label}" is ticked`);
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, (f) => f.id === id, `the ${id} field`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function chooseNumber(page: Page, id: string, n: number): Promise<void> {
  await tabTo(page, (f) => f.id === id, `the ${id} select`);
  for (let i = 0; i < n; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator(`[id="${id}"]`).inputValue(), String(n));
}

// ── Checks on every page ──────────────────────────────────────────────────────────────────────

const visited: string[] = [];
/** A page in a context with JavaScript on, where axe can run (axe needs timers, which JavaScript-off pages do not run). */
let mirror: Page;

/** axe at 320 px and 1280 px, one h1, one main, a title, no sideways scrolling at 320 px. */
async function check(page: Page, label: string, options: { javaScript?: boolean } = {}): Promise<void> {
  visited.push(label);
  const target = options.javaScript ? page : await mirrorWithoutScripts(page, mirror);
  const violations = await checkA11yAtWidths(target, label);
  await target.setViewportSize(PHONE);
  assert.equal(violations.length, 0, `axe violations:\n${describeViolations(violations)}`);
  assert.deepEqual(await checkStructure(page, label), []);
  // Nothing wider than the phone (WCAG 1.4.10 reflow).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${label}: the page is ${overflow}px wider than the screen`);
}

/** Every symbol on the page loaded, and carries an alt attribute (empty only when the words say it). */
async function symbolsLoaded(page: Page, label: string): Promise<number> {
  const symbols = await page.locator('main img[src^="/symbols/"]').evaluateAll((imgs) =>
    imgs.map((img) => ({ src: img.getAttribute('src'), hasAlt: img.hasAttribute('alt'), loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, width: img.getBoundingClientRect().width })),
  );
  for (const s of symbols) {
    assert.ok(s.hasAlt, `${label}: ${s.src} has an alt attribute`);
    assert.ok(s.loaded, `${label}: ${s.src} loaded`);
    assert.ok(s.width >= 48, `${label}: ${s.src} is big enough to see (${s.width}px)`);
  }
  return symbols.length;
}

/** The question page in its three states: empty, error (Next with nothing chosen), filled (by `fill`). */
async function answerQuestion(page: Page, n: number, total: number, title: string, fill: () => Promise<void>, expectedErrors: number): Promise<void> {
  assert.equal(await pageHeading(page), title);
  assert.ok(await page.getByText(`Question ${n} of ${total}`, { exact: true }).isVisible(), `progress says question ${n} of ${total}`);
  await symbolsLoaded(page, `question ${n}`);
  await check(page, `question ${n} (empty)`);
  assert.equal(await pressButton(page, 'Next'), 422, `question ${n}: Next with no answer`);
  assert.equal((await errorSummaryLinks(page)).length, expectedErrors);
  await check(page, `question ${n} (error)`);
  await fill();
  await check(page, `question ${n} (filled)`);
  assert.equal(await pressButton(page, 'Next'), 303, `question ${n}: Next with an answer`);
}

test('a child’s symbol survey, with their teaching assistant: keyboard only, JavaScript off, 320 px, axe everywhere', async (t: TestContext) => {
  const context: BrowserContext = await e2e.newContext({ javaScriptEnabled: false, viewport: PHONE });
  try {
    const page = await context.newPage();
    await page.goto(`${A}/surveys/${kids.activityId}`);
    assert.equal(await page.locator('body.js-enabled').count(), 0, 'JavaScript is off');
    assert.equal(await pageHeading(page), 'Our school day');
    assert.ok(await page.getByText('Tell us about your school day. We want to make school better.').isVisible(), 'easy-read purpose');
    assert.equal(await page.locator('[data-chorus-read-aloud]').isVisible(), false, 'no read-aloud button without JavaScript');
    await check(page, 'start (empty)');

    assert.equal(await pressButton(page, 'Start'), 422);
    assert.deepEqual(await errorSummaryLinks(page), ['#how']);
    await check(page, 'start (error)');
    await chooseRadio(page, 'how', 'Someone is helping me');
    await tabTo(page, (f) => f.tag === 'SUMMARY', 'the "do you need help" details');
    await page.keyboard.press('Enter');
    await tick(page, 'Symbols or pictures');
    await check(page, 'start (filled)');
    assert.equal(await pressButton(page, 'Start'), 303);

    // The supporter says who they are and how they are helping (an adult: standard words).
    assert.equal(await pageHeading(page), 'How are you helping?');
    await check(page, 'supporter (empty)');
    assert.equal(await pressButton(page, 'Continue'), 422);
    assert.deepEqual(await errorSummaryLinks(page), ['#relationship', '#methods']);
    await check(page, 'supporter (error)');
    await chooseRadio(page, 'relationship', 'Their teaching assistant');
    await tick(page, 'Symbols or pictures');
    await tick(page, 'Talking Mats');
    await check(page, 'supporter (filled)');
    assert.equal(await pressButton(page, 'Continue'), 303);

    // Question 3 is asked only when question 2 is answered "No"; the counter counts every question, so its total stays 11.
    const total = 11;
    await answerQuestion(page, 1, total, 'How do you feel at school?', () => chooseRadio(page, 'answer', 'Happy'), 1);
    await answerQuestion(page, 2, total, 'Is there a quiet place for you?', () => chooseRadio(page, 'answer', 'No'), 1);
    await answerQuestion(page, 3, total, 'Where should the quiet place be?', () => chooseRadio(page, 'answer', 'Outside'), 1);
    await answerQuestion(page, 4, total, 'What helps you learn?', async () => {
      await tick(page, 'Pictures');
      await tick(page, 'Moving about');
    }, 1);
    await answerQuestion(page, 5, total, 'Which playground do you like?', () => chooseRadio(page, 'answer', 'Garden'), 1);
    // The card sort, one card at a time: both skipped, then Next on a required question is one error; then sorted.
    assert.equal(await pageHeading(page), 'Do you like these foods?');
    assert.ok(await page.getByText(`Question 6 of ${total}`, { exact: true }).isVisible());
    await symbolsLoaded(page, 'card sort: card 1');
    await check(page, 'card sort: card 1');
    assert.equal(await pressButton(page, 'Skip this card'), 303);
    assert.equal(await pressButton(page, 'Skip this card'), 303);
    await check(page, 'card sort: the piles (empty)');
    assert.equal(await pressButton(page, 'Next'), 422);
    assert.equal((await errorSummaryLinks(page)).length, 1);
    await check(page, 'card sort: the piles (error)');
    assert.equal(await followLink(page, (f) => f.text === 'Sort the cards again', 'the link to sort again'), 200);
    assert.equal(await pressButton(page, 'I like it'), 303);
    await check(page, 'card sort: card 2, one card on a pile');
    assert.equal(await pressButton(page, 'I don’t like it'), 303);
    await typeInto(page, 'comment', 'Pizza is warm. Salad is crunchy and I do not like crunchy.');
    await check(page, 'card sort: the piles (filled)');
    assert.equal(await pressButton(page, 'Next'), 303);
    const [friends, teachers, play] = kids.options[6]!;
    await answerQuestion(page, 7, total, 'What matters most?', async () => {
      await chooseNumber(page, `rank-${friends}`, 1);
      await chooseNumber(page, `rank-${teachers}`, 3);
      await chooseNumber(page, `rank-${play}`, 2);
    }, 1);
    await answerQuestion(page, 8, total, 'How good are school trips?', () => chooseRadio(page, 'answer', '5 (highest)'), 1);
    await answerQuestion(page, 9, total, 'What would make school better?', () => typeInto(page, 'answer', 'More time outside. My friend Priya Shah said email priya@example.com'), 1);
    await answerQuestion(page, 10, total, 'How many friends do you play with?', () => typeInto(page, 'answer', '4'), 1);
    // A date that does not exist is an error too, naming the day field.
    assert.equal(await pageHeading(page), 'When did you last go on a school trip?');
    await typeInto(page, 'answer-day', '30');
    await typeInto(page, 'answer-month', '2');
    await typeInto(page, 'answer-year', '2026');
    assert.equal(await pressButton(page, 'Next'), 422);
    assert.deepEqual(await errorSummaryLinks(page), ['#answer-day']);
    assert.equal(await page.locator('#answer-day').inputValue(), '30', 'what was typed is kept');
    await check(page, 'question 11 (impossible date)');
    await answerQuestion(page, 11, total, 'When did you last go on a school trip?', async () => {
      await typeInto(page, 'answer-day', '12');
      await typeInto(page, 'answer-month', '3');
      await typeInto(page, 'answer-year', '2026');
    }, 1);

    // Anything else: empty, too long, then a real answer.
    assert.equal(await pageHeading(page), 'Is there anything else you want to tell us?');
    await check(page, 'anything else (empty)');
    await tabTo(page, (f) => f.id === 'anythingElse', 'the anything else box');
    await page.keyboard.insertText('x'.repeat(5001));
    assert.equal(await pressButton(page, 'Next'), 422);
    await check(page, 'anything else (error)');
    await typeInto(page, 'anythingElse', 'Thank you for asking me.');
    await check(page, 'anything else (filled)');
    assert.equal(await pressButton(page, 'Next'), 303);

    // About you: optional, explained, one question a page.
    assert.equal(await pageHeading(page), 'About you');
    await check(page, 'about you (intro)');
    assert.equal(await followLink(page, (f) => f.text === 'Answer', 'the Answer link'), 200);
    assert.equal(await pageHeading(page), 'How old are you?');
    await check(page, 'about you: age (empty)');
    await chooseRadio(page, 'value', '8 to 11');
    await check(page, 'about you: age (filled)');
    assert.equal(await pressButton(page, 'Next'), 303);
    assert.equal(await pageHeading(page), 'Are you a girl or a boy?');
    await check(page, 'about you: sex');
    assert.equal(await pressButton(page, 'Next'), 303, 'nothing chosen is fine');
    await check(page, 'about you: ethnic group');
    await chooseRadio(page, 'value', 'Asian or Asian British');
    assert.equal(await pressButton(page, 'Next'), 303);
    assert.equal(await pageHeading(page), 'Asian or Asian British: which of these best describes you?');
    await check(page, 'about you: ethnicity');
    await chooseRadio(page, 'value', 'Indian');
    assert.equal(await pressButton(page, 'Next'), 303);
    assert.equal(await pageHeading(page), 'What do you need help with?');
    await check(page, 'about you: type of need');
    await chooseRadio(page, 'value', 'Autism My brain works in its own way. Noise, changes or making friends can be hard.');
    assert.equal(await pressButton(page, 'Next'), 303);
    await check(page, 'about you: support');
    await chooseRadio(page, 'value', 'I get extra help at school, without an EHC plan For example, a teaching assistant or time in a small group.');
    assert.equal(await pressButton(page, 'Next'), 303);

    // Are you finished? Everything shown in words, with a change link that comes back here.
    assert.equal(await pageHeading(page), 'Are you finished?');
    await check(page, 'check your answers');
    const summary = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const words of ['Their teaching assistant', 'Talking Mats', 'Happy', 'Outside', 'Pictures', 'Moving about', 'Garden', 'Pizza: I like it', 'Salad: I don’t like it', '1. Friends', '2. Play time', '3. Teachers', '5 out of 5', 'More time outside', '12 March 2026', 'Thank you for asking me.', '8 to 11', 'Indian', 'Autism']) {
      assert.ok(summary.includes(words), `the check page shows "${words}"`);
    }
    assert.equal(await followLink(page, (f) => f.href.endsWith('/questions/10?return=check'), 'the change link for question 10'), 200);
    assert.equal(await page.locator('#answer').inputValue(), '4', 'the saved answer is there to change');
    await typeInto(page, 'answer', '5');
    assert.equal(await pressButton(page, 'Next'), 303);
    assert.equal(await pageHeading(page), 'Are you finished?', 'back to the check page');

    assert.equal(await pressButton(page, 'Yes, send my answers'), 303);
    assert.equal(await pageHeading(page), 'Thank you!');
    const code = (await page.locator('.govuk-panel__body strong').innerText()).trim();
    assert.match(code, /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    assert.equal(await page.locator('[data-chorus-print]').isVisible(), false, 'the print button needs JavaScript');
    await symbolsLoaded(page, 'thank you');
    await check(page, 'thank you');
    // How to hear what happened (more in e2e/you-said-we-did.test.ts): nothing chosen, then email.
    assert.equal(await pressButton(page, 'Save'), 422);
    assert.deepEqual(await errorSummaryLinks(page), ['#channel']);
    await check(page, 'thank you (hear back error)');
    await chooseRadio(page, 'channel', 'Send me an email');
    await typeInto(page, 'email', 'ta@school.example');
    assert.equal(await pressButton(page, 'Save'), 303);
    assert.ok(await page.getByText('We have also sent you your receipt code').isVisible());
    await check(page, 'thank you (hear back saved)');

    // The receipt code shows the child's own words, with personal details taken out.
    await page.goto(`${A}/my-views`);
    await check(page, 'my views (empty)');
    assert.equal(await pressButton(page, 'Find my views'), 422);
    await check(page, 'my views (error)');
    await typeInto(page, 'code', code.toLowerCase());
    assert.equal(await pressButton(page, 'Find my views'), 200);
    assert.equal(await pageHeading(page), 'Your views');
    const views = await page.locator('main').innerText();
    assert.match(views, /More time outside/);
    assert.match(views, /Pizza is warm/);
    assert.doesNotMatch(views, /priya@example\.com/);
    await check(page, 'my views (found)');

    // What was stored: who helped and how, the answers, and the child's words as contributions.
    const stored = await withArea(e2e.db, areaId, async (tx) => ({
      response: await tx.selectFrom('response').selectAll().where('activity_id', '=', kids.activityId).executeTakeFirstOrThrow(),
      answers: await tx.selectFrom('answer').select(['declined']).innerJoin('response', 'response.id', 'answer.response_id').where('response.activity_id', '=', kids.activityId).execute(),
      contributions: await tx.selectFrom('contribution').select(['source', 'supporter_relationship', 'receipt_code']).where('activity_id', '=', kids.activityId).orderBy('source').execute(),
      adjustments: await tx.selectFrom('adjustment_request').select('adjustments').where('activity_id', '=', kids.activityId).execute(),
    }));
    assert.deepEqual(
      { status: stored.response.status, mode: stored.response.mode, who: stored.response.supporter_relationship, how: stored.response.support_methods, code: stored.response.receipt_code, ethnicity: stored.response.ethnicity },
      { status: 'submitted', mode: 'supported', who: 'teaching_assistant', how: ['symbols', 'talking_mat'], code, ethnicity: 'indian' },
    );
    assert.equal(stored.answers.length, 11);
    assert.deepEqual(stored.contributions, [
      { source: 'anything_else', supporter_relationship: 'teaching_assistant', receipt_code: code },
      { source: 'card_sort', supporter_relationship: 'teaching_assistant', receipt_code: code },
      { source: 'free_text', supporter_relationship: 'teaching_assistant', receipt_code: code },
    ]);
    assert.deepEqual(stored.adjustments, [{ adjustments: ['symbols'] }]);
    t.diagnostic(`${visited.length} page states checked with axe at 320 px and 1280 px`);
  } finally {
    await context.close();
  }
});

test('saving and carrying on with a code on another device, keyboard only, JavaScript off', async () => {
  const phone = await e2e.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const laptop = await e2e.newContext({ javaScriptEnabled: false, viewport: PHONE });
  try {
    const page = await phone.newPage();
    await page.goto(`${A}/surveys/${parents.activityId}`);
    await chooseRadio(page, 'how', 'On my own');
    assert.equal(await pressButton(page, 'Start now'), 303);
    assert.equal(await pageHeading(page), 'What works well about short breaks?');
    await typeInto(page, 'answer', 'The staff know my son well.');
    assert.equal(await pressButton(page, 'Save and come back later'), 303);
    assert.equal(await pageHeading(page), 'Your answers are saved');
    const code = (await page.locator('main .govuk-heading-xl').innerText()).trim();
    assert.match(code, /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    assert.ok(!page.url().includes(code.replace('-', '')) && !page.url().includes(code), 'the code is never in the address');
    await check(page, 'saved with a code');

    const other = await laptop.newPage();
    await other.goto(`${A}/surveys/resume`);
    await check(other, 'resume (empty)');
    await typeInto(other, 'code', 'ABCDE-FGHJK');
    assert.equal(await pressButton(other, 'Carry on'), 422);
    await check(other, 'resume (error)');
    await typeInto(other, 'code', code);
    assert.equal(await pressButton(other, 'Carry on'), 303);
    assert.equal(await pageHeading(other), 'What should change?', 'carries on at the first question not yet answered');
    assert.ok(await other.getByText('Question 2 of 2', { exact: true }).isVisible());
  } finally {
    await phone.close();
    await laptop.close();
  }
});

test('a closed survey says so kindly', async () => {
  const closed = await makeSurvey({ title: 'Last year’s survey' }, [{ type: 'free_text', text: 'Anything?' }]);
  await setActivityStatus(e2e.db, areaId, null, closed.activityId, 'closed');
  const context = await e2e.newContext({ javaScriptEnabled: false, viewport: PHONE });
  try {
    const page = await context.newPage();
    await page.goto(`${A}/surveys/${closed.activityId}`);
    assert.equal(await pageHeading(page), 'This survey has finished', 'in the children’s words');
    assert.ok(await page.getByText('Thank you for wanting to help.').isVisible());
    await check(page, 'closed survey');
  } finally {
    await context.close();
  }
});

test('with JavaScript on: read aloud speaks the question and its answers, and the receipt can be printed', async () => {
  const context = await e2e.newContext({ viewport: PHONE });
  try {
    const page = await context.newPage();
    // Stand in for the speech engine (headless Chromium has the interface but no voices).
    await page.addInitScript(() => {
      const spoken: string[] = [];
      Object.assign(window, { spoken });
      Object.defineProperty(window.speechSynthesis, 'speak', { value: (u: SpeechSynthesisUtterance) => spoken.push(u.text) });
      Object.defineProperty(window, 'print', { value: () => spoken.push('(printed)') });
    });
    await page.goto(`${A}/surveys/${kids.activityId}`);
    await page.getByLabel('Me, on my own').check();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/\/questions\/1$/);
    const button = page.getByRole('button', { name: 'Read it to me' });
    await button.waitFor({ state: 'visible' });
    await check(page, 'question with read aloud (JavaScript on)', { javaScript: true });
    await button.click();
    const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.join(' | '));
    assert.match(spoken, /How do you feel at school\?/);
    for (const face of ['Happy', 'Okay', 'Sad']) assert.ok(spoken.includes(face), `reads the answer "${face}"`);
    assert.doesNotMatch(spoken, /I don’t want to answer this/, 'the buttons are not read as part of the question');

    // Decline everything quickly to reach the receipt.
    for (let i = 0; i < 12 && /\/questions\//.test(page.url()); i += 1) {
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'I don’t want to answer this' }).click()]);
    }
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Next' }).click()]);
    // A link styled as a button (govuk-frontend gives it the button role).
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Skip', exact: true }).click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Yes, send my answers' }).click()]);
    const print = page.getByRole('button', { name: 'Print this page' });
    await print.waitFor({ state: 'visible' });
    await check(page, 'thank you (JavaScript on)', { javaScript: true });
    await print.click();
    assert.match(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.join(' | ')), /\(printed\)/);
  } finally {
    await context.close();
  }
});
