/**
 * A child answering a children's-mode survey on a phone: big picture cards for every "choose"
 * question (real radios and checkboxes underneath), a card sort one card at a time with skipping,
 * "About you" in a child's words for the survey's own ages, the chosen symbols on the check page,
 * a question counter whose total never moves, no "The question in full:" on every page, symbols
 * that match their words, and a start page that fits a 320 px screen with a long email address.
 * axe at 320 px and 1280 px on every new page and state; JavaScript off and keyboard only where it matters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { withArea } from '../src/db/db.ts';
import { createActivity, setActivityStatus, type ActivityInput } from '../src/modules/activities/activities.service.ts';
import { findAreaBySlug } from '../src/modules/areas/areas.service.ts';
import { addQuestion, listQuestions, readyMadeOptions, type NewOption, type QuestionInput, type QuestionType } from '../src/modules/surveys/questions.service.ts';
import { testActivity } from '../src/testing/activities.ts';
import { DEMO_SLUG, e2eFile, errorSummaryLinks, expectAccessible, expectNoSidewaysScroll, mirrorWithoutScripts, pageHeading } from './support.ts';

const A = `/a/${DEMO_SLUG}`;
const PHONE = { width: 320, height: 640 };
const suite = e2eFile();

let areaId: string;
type Made = { activityId: string; questionIds: string[]; options: string[][] };
/** Choose-one and choose-many questions, with a conditional one (question 3 only after "No"). */
let pictures: Made;
/** A card sort of seven cards, not required, and a required one. */
let sorting: Made;

const option = (label: string, symbol: string, altText = label, easyRead = ''): NewOption => ({ label, easyRead, symbol, altText });

type QuestionSpec = { type: QuestionType; text: string; easyRead?: string; required?: boolean; settings?: QuestionInput['settings']; options?: NewOption[]; showIf?: [number, number] };

async function makeSurvey(input: Partial<ActivityInput>, questions: QuestionSpec[]): Promise<Made> {
  const { db } = suite.e2e;
  areaId ??= (await findAreaBySlug(db, DEMO_SLUG))!.id;
  const activity = await createActivity(db, areaId, null, testActivity({
    title: 'Our playground',
    purpose: 'We want children to help plan the new playground.',
    easyReadPurpose: 'Help us plan the new playground.',
    audience: 'children_young_people',
    ageBands: ['5_7', '8_11', '12_15'],
    groundRules: ['ok_not_to_answer'],
    childrenMode: true,
    ...input,
  }));
  for (const q of questions) {
    const settings = q.settings ?? {};
    const earlier = q.showIf ? (await listQuestions(db, areaId, activity.id))[q.showIf[0]] : undefined;
    const showIf = earlier && q.showIf ? { questionId: earlier.id, optionId: earlier.options[q.showIf[1]]!.id } : null;
    await addQuestion(db, areaId, null, activity.id, { type: q.type, text: q.text, easyRead: q.easyRead ?? '', hint: '', required: q.required ?? false, settings, showIf }, q.options ?? readyMadeOptions(q.type, settings));
  }
  await setActivityStatus(db, areaId, null, activity.id, 'open');
  const listed = await listQuestions(db, areaId, activity.id);
  return { activityId: activity.id, questionIds: listed.map((q) => q.id), options: listed.map((q) => q.options.map((o) => o.id)) };
}

/** The surveys, made once the app has started (in the first test that needs them). */
let made: Promise<void> | undefined;
const ready = () => (made ??= makeSurveys());
async function makeSurveys(): Promise<void> {
  pictures = await makeSurvey({}, [
    { type: 'smiley_scale', text: 'How do you feel about the playground today?', easyRead: 'How do you feel about the playground?', settings: { points: 3 } },
    { type: 'yes_no_not_sure', text: 'Is there somewhere quiet to sit in the playground?', easyRead: 'Is there a quiet place?' },
    { type: 'picture_choice', text: 'Where would you put a quiet place?', showIf: [1, 1], options: [option('Under a tree', '1F333'), option('By the school', '1F3EB')] },
    { type: 'multiple_choice', text: 'What would you like to play on?', options: [option('A slide', '1F6DD'), option('Swings', '1F3A0', 'A roundabout'), option('A sandpit', '1F3D6', 'Sand')] },
  ]);
  sorting = await makeSurvey({ title: 'Our club' }, [
    {
      type: 'card_sort', text: 'What would you like to do at the club?', easyRead: 'What do you like doing?', settings: { allowComment: true },
      options: [option('Swimming', '1F3CA'), option('Cooking', '1F373'), option('Music', '1F3B5'), option('A quiet room', '1F6CB'), option('Playing outside', '1F6DD'), option('Computer games', '1F3AE'), option('Art', '1F3A8')],
    },
    { type: 'card_sort', text: 'Which snacks do you like?', required: true, options: [option('Apples', '1F34E'), option('Crisps', '1F954', 'Potato')] },
  ]);
}

/** Starts a response as a child on their own (no JavaScript needed), and lands on question 1. */
async function start(page: Page, activityId: string, how = 'Me, on my own'): Promise<void> {
  await ready();
  await page.goto(`${A}/surveys/${activityId}`);
  await page.getByLabel(how, { exact: true }).check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.waitForLoadState('load');
}

async function next(page: Page, name = 'Next'): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForLoadState('load');
}

/** Each option of the question: its input's type and display, and its card (the label): size, symbol, border, weight. */
async function cards(page: Page) {
  return page.locator('main input[name="answer"]').evaluateAll((inputs) =>
    inputs.map((el) => {
      const input = el as HTMLInputElement;
      const label = input.labels?.[0];
      const box = label?.getBoundingClientRect();
      const img = label?.querySelector('img');
      const style = label ? getComputedStyle(label) : null;
      return {
        type: input.type,
        display: getComputedStyle(input).display,
        checked: input.checked,
        words: (label?.innerText ?? '').replace(/\s+/g, ' ').trim(),
        height: box?.height ?? 0,
        width: box?.width ?? 0,
        bottom: box?.bottom ?? 0,
        symbolWidth: img?.getBoundingClientRect().width ?? 0,
        border: style ? parseFloat(style.borderTopWidth) : 0,
        weight: style ? getComputedStyle(label!.querySelector('.chorus-card__words') ?? label!).fontWeight : '',
        mark: label ? getComputedStyle(label, '::after').content : '',
      };
    }),
  );
}

test('children’s mode: every choose question is big picture cards on real radios and checkboxes, chosen by more than colour, with JavaScript off', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await ready();
  await start(page, pictures.activityId);
  assert.equal(await pageHeading(page), 'How do you feel about the playground?');
  let list = await cards(page);
  assert.equal(list.length, 3);
  for (const card of list) {
    assert.equal(card.type, 'radio', `${card.words}: a real radio`);
    assert.notEqual(card.display, 'none', `${card.words}: the radio is still there for keyboards and screen readers`);
    assert.ok(card.symbolWidth >= 96, `${card.words}: the symbol is at least 96 px (${card.symbolWidth})`);
    assert.ok(card.height >= 140 && card.width >= 120, `${card.words}: the whole card is the target (${card.width} × ${card.height})`);
  }
  // Tapping the words of the card (not a small circle) chooses it.
  await page.locator('label', { hasText: 'Happy' }).locator('.chorus-card__words').click();
  list = await cards(page);
  const [happy, okay] = [list.find((c) => c.words === 'Happy')!, list.find((c) => c.words === 'Okay')!];
  assert.ok(happy.checked, 'tapping the card chose it');
  assert.ok(happy.border >= okay.border + 2, `the chosen card has a thicker border (${happy.border} against ${okay.border})`);
  assert.ok(Number(happy.weight) > Number(okay.weight), 'the chosen card’s words are bold');
  assert.notEqual(happy.mark, okay.mark, 'the chosen card has a tick mark');
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'question 1 as cards (chosen)');
  await next(page);

  assert.equal(await pageHeading(page), 'Is there a quiet place?');
  await page.locator('label', { hasText: 'No' }).first().click();
  await next(page);
  assert.equal(await pageHeading(page), 'Where would you put a quiet place?');
  assert.ok((await cards(page)).every((c) => c.symbolWidth >= 96 && c.type === 'radio'));
  await page.getByText('By the school', { exact: true }).click();
  await next(page);

  // Choose many: the same cards, on checkboxes.
  assert.equal(await pageHeading(page), 'What would you like to play on?');
  list = await cards(page);
  assert.deepEqual(list.map((c) => c.type), ['checkbox', 'checkbox', 'checkbox']);
  assert.ok(list.every((c) => c.symbolWidth >= 96 && c.display !== 'none'));
  await page.getByText('A slide', { exact: true }).click();
  await page.getByText('A sandpit', { exact: true }).click();
  list = await cards(page);
  assert.deepEqual(list.map((c) => c.checked), [true, false, true]);
  assert.ok(list[0]!.border > list[1]!.border, 'chosen cards stand out');
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'multiple choice as cards');
  await next(page);
  assert.equal(await pageHeading(page), 'Is there anything else you want to tell us?');
});

test('keyboard only: the focus is plain to see on a picture card, and Space chooses it', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE });
  await ready();
  await start(page, pictures.activityId);
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => (document.activeElement as HTMLInputElement).name === 'answer')) break;
  }
  const ring = await page.evaluate(() => {
    const label = (document.activeElement as HTMLInputElement).labels![0]!;
    const style = getComputedStyle(label);
    return { outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 3, shadow: style.boxShadow !== 'none' };
  });
  assert.ok(ring.outline || ring.shadow, 'the focused card shows the focus style');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  assert.ok(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked));
  await expectAccessible(page, 'question 1, a card focused');
});

test('card sort: one card at a time, any card can be skipped, the piles shown as they fill, with JavaScript off', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  const axePage = await suite.pageAs(null);
  await ready();
  await start(page, sorting.activityId);
  assert.equal(await pageHeading(page), 'What do you like doing?');
  assert.ok(await page.getByText('Card 1 of 7', { exact: true }).isVisible());
  const shownCards = async () => page.locator('main .chorus-sort-card img').evaluateAll((imgs) => imgs.map((i) => ({ src: i.getAttribute('src'), width: i.getBoundingClientRect().width })));
  assert.deepEqual((await shownCards()).map((c) => c.src), ['/symbols/1F3CA.svg'], 'only the first card is shown');
  assert.ok((await shownCards())[0]!.width >= 96);
  for (const name of ['I like it', 'Not sure', 'I don’t like it', 'Skip this card']) assert.ok(await page.getByRole('button', { name, exact: true }).isVisible(), `a "${name}" button`);
  await expectAccessible(await mirrorWithoutScripts(page, axePage), 'card sort: card 1');

  const piles = ['I like it', 'Skip this card', 'I don’t like it', 'Not sure', 'I like it', 'Skip this card', 'I like it'];
  for (const [i, pile] of piles.entries()) {
    assert.ok(await page.getByText(`Card ${i + 1} of 7`, { exact: true }).isVisible());
    await next(page, pile);
    if (i === 0) {
      // The "I like it" pile now holds the swimming card.
      const like = page.locator('main [data-pile="like"]');
      assert.ok(await like.locator('img[src="/symbols/1F3CA.svg"]').isVisible(), 'the piles so far show the first card');
      assert.match(await like.innerText(), /Swimming/);
    }
  }
  // All sorted (two skipped): the piles, and "tell us why".
  assert.equal(await pageHeading(page), 'What do you like doing?');
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.match(text, /Not sorted/);
  // From the question to its Next button: the old grid of 7 × 3 radios made this page 4,353 px long.
  const span = await page.evaluate(() => {
    const next = [...document.querySelectorAll('main button')].find((b) => b.textContent?.trim() === 'Next')!;
    return next.getBoundingClientRect().bottom - document.querySelector('h1')!.getBoundingClientRect().top;
  });
  assert.ok(span < 1800, `the piles and "tell us why" fit in ${Math.round(span)} px, not a long grid`);
  await expectAccessible(await mirrorWithoutScripts(page, axePage), 'card sort: the piles');
  await next(page);
  assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'skipped cards are not errors');
  assert.equal(await pageHeading(page), 'Which snacks do you like?');

  // A required card sort with every card skipped: one clear error.
  await next(page, 'Skip this card');
  await next(page, 'Skip this card');
  await next(page);
  assert.equal((await errorSummaryLinks(page)).length, 1, 'one error, not one per card');
  await expectAccessible(await mirrorWithoutScripts(page, axePage), 'card sort: required, nothing sorted');

  const stored = await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('answer').select('value').where('question_id', '=', sorting.questionIds[0]!).executeTakeFirstOrThrow());
  const o = sorting.options[0]!;
  assert.deepEqual(stored.value, { kind: 'card_sort', piles: { [o[0]!]: 'like', [o[2]!]: 'dislike', [o[3]!]: 'unsure', [o[4]!]: 'like', [o[6]!]: 'like' } });
});

test('about you for children: symbols, only the survey’s ages, needs in plain words with "I don’t know" and "Prefer not to say", and skipping is fine', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  const axePage = await suite.pageAs(null);
  await ready();
  await start(page, pictures.activityId);
  const base = page.url().replace(/\/questions\/1$/, '');
  await page.goto(`${base}/about-you/age`);
  assert.equal(await pageHeading(page), 'How old are you?');
  const ages = await page.locator('main input[name="value"]').evaluateAll((inputs) => inputs.map((i) => ((i as HTMLInputElement).labels?.[0]?.innerText ?? '').replace(/\s+/g, ' ').trim()));
  assert.deepEqual(ages, ['5 to 7', '8 to 11', '12 to 15', 'I don’t want to say']);
  assert.match(await page.locator('main').innerText(), /You do not have to answer/);
  assert.ok((await page.locator('main img[src^="/symbols/"]').count()) >= 1, 'a symbol');
  await expectAccessible(await mirrorWithoutScripts(page, axePage), 'about you: age');
  await next(page);
  assert.equal(await pageHeading(page), 'Are you a girl or a boy?', 'nothing chosen: on to the next');

  await page.goto(`${base}/about-you/need`);
  const needs = await page.locator('main input[name="value"]').evaluateAll((inputs) => inputs.map((i) => {
    const label = (i as HTMLInputElement).labels![0]!;
    return { words: (label.querySelector('.chorus-card__words') as HTMLElement | null)?.innerText.trim() ?? '', explained: (label.querySelector('.chorus-card__hint') as HTMLElement | null)?.innerText.trim() ?? '', symbol: label.querySelector('img') !== null };
  }));
  assert.ok(needs.some((n) => n.words === 'Autism'));
  assert.ok(needs.some((n) => n.words === 'I don’t know'));
  assert.ok(needs.some((n) => n.words === 'I don’t want to say'));
  assert.ok(!needs.some((n) => /profound|multi-sensory|impairment/i.test(n.words)), 'no professional words');
  for (const n of needs.filter((x) => !['I don’t know', 'I don’t want to say'].includes(x.words))) {
    assert.ok(n.explained.length > 0, `"${n.words}" is explained`);
    assert.ok(n.symbol, `"${n.words}" has a symbol`);
  }
  await page.getByText('I don’t want to say', { exact: true }).click();
  await expectAccessible(await mirrorWithoutScripts(page, axePage), 'about you: need');
  await next(page);
  const stored = await withArea(suite.e2e.db, areaId, (tx) => tx.selectFrom('response').select('need_type').where('activity_id', '=', pictures.activityId).where('need_type', 'is not', null).executeTakeFirstOrThrow());
  assert.equal(stored.need_type, 'prefer_not_to_say');
});

test('the check page shows the chosen symbols beside the answers', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await ready();
  await start(page, pictures.activityId);
  await page.getByText('Happy', { exact: true }).click();
  await next(page);
  await page.getByText('Yes', { exact: true }).click();
  await next(page);
  await page.getByText('A slide', { exact: true }).click();
  await next(page);
  const base = page.url().replace(/\/anything-else$/, '');
  await page.goto(`${base}/check`);
  assert.equal(await pageHeading(page), 'Are you finished?');
  const row = (question: string) => page.locator('.govuk-summary-list__row', { has: page.getByText(question, { exact: true }) });
  assert.ok(await row('How do you feel about the playground?').locator('img[src="/symbols/1F642.svg"]').isVisible(), 'the happy face beside "Happy"');
  assert.ok(await row('Is there a quiet place?').locator('img[src="/symbols/1F44D.svg"]').isVisible());
  assert.ok(await row('What would you like to play on?').locator('img[src="/symbols/1F6DD.svg"]').isVisible());
  await expectAccessible(await mirrorWithoutScripts(page, await suite.pageAs(null)), 'check with symbols');
});

test('the question counter keeps its total when a conditional question appears', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await ready();
  await start(page, pictures.activityId);
  const counter = async () => (await page.locator('main .govuk-caption-l').first().innerText()).trim();
  assert.equal(await counter(), 'Question 1 of 4');
  await next(page);
  assert.equal(await counter(), 'Question 2 of 4');
  await page.getByText('No', { exact: true }).click();
  await next(page);
  assert.equal(await counter(), 'Question 3 of 4', 'the question shown only after "No" was counted from the start');
  await next(page);
  assert.equal(await counter(), 'Question 4 of 4');
});

test('no "The question in full:" on every question; a supporter can open the full wording', async () => {
  const own = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await ready();
  await start(own, pictures.activityId);
  assert.doesNotMatch(await own.locator('main').innerText(), /question in full/i);
  const helped = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  await start(helped, pictures.activityId, 'Someone is helping me');
  await helped.getByLabel('Their parent or carer', { exact: true }).check();
  await helped.getByLabel('Talking it through', { exact: true }).check();
  await next(helped, 'Continue');
  assert.equal(await pageHeading(helped), 'How do you feel about the playground?');
  assert.doesNotMatch(await helped.locator('main').innerText(), /question in full:/i);
  await helped.getByText('For the grown-up helping', { exact: false }).click();
  assert.ok(await helped.getByText('How do you feel about the playground today?', { exact: true }).isVisible(), 'the lead’s own wording, for the supporter');
  await expectAccessible(await mirrorWithoutScripts(helped, await suite.pageAs(null)), 'question with the full wording for a supporter');
});

test('the demo children’s survey: symbols that match their words', async () => {
  const page = await suite.pageAs(null, { viewport: PHONE, javaScriptEnabled: false });
  const activity = await withArea(suite.e2e.db, (await findAreaBySlug(suite.e2e.db, DEMO_SLUG))!.id, (tx) => tx.selectFrom('activity').select('id').where('title', '=', 'Help us plan the new Saturday club').executeTakeFirstOrThrow());
  await start(page, activity.id);
  const base = page.url().replace(/\/questions\/1$/, '');
  await page.goto(`${base}/questions/3`);
  const symbols = Object.fromEntries(await page.locator('main input[name="answer"]').evaluateAll((inputs) => inputs.map((i) => {
    const label = (i as HTMLInputElement).labels![0]!;
    return [label.innerText.replace(/\s+/g, ' ').trim(), label.querySelector('img')?.getAttribute('src') ?? ''];
  })));
  assert.deepEqual(symbols, { Morning: '/symbols/1F305.svg', Afternoon: '/symbols/2600.svg', Holidays: '/symbols/1F3D6.svg' }, 'a sunrise, the sun high, a beach: not a calendar page');
});

test('the start page fits a 320 px screen, even with a long email address', async () => {
  const long = await makeSurvey({ title: 'Our long address', contactEmail: 'participationandcoproductionteam@riversidechildrensservicesdepartment.example' }, [{ type: 'yes_no_not_sure', text: 'Do you like it?' }]);
  const page = await suite.pageAs(null, { viewport: PHONE });
  await page.goto(`${A}/surveys/${long.activityId}`);
  await expectNoSidewaysScroll(page, 'start page with a long email');
});
