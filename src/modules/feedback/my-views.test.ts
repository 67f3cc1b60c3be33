/**
 * "What happened to my views?" and "What changed because of you", as a person and an attacker meet
 * them: a code shows only its own contributions (redacted, never the original, never hidden ones,
 * never anyone else's words even in the same theme), each with the published answer in easy read;
 * a wrong code gets one clear error; guessing is limited; "Do you feel listened to?" is one answer
 * per response that can be changed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AreaTx, ResponseStatus } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { inReadingOrder, readPage, within, type Page } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { insertResponse } from '../../testing/responses.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity, setActivityStatus } from '../activities/activities.service.ts';
import { addContributionsForResponse } from '../contributions/contributions.service.ts';
import { newReceiptCode } from '../../lib/codes.ts';
import { addQuestion } from '../surveys/questions.service.ts';
import { recordListened, whatChanged } from './my-views.service.ts';
import type { PublishedContent } from './published.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let areaId: string;
let activityId: string;
let questionIds: string[];
let parentId: string;
before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  areaId = areas.riverside.id;
  app = await testApp(t.db);
  const activity = await createActivity(t.db, areaId, null, testActivity({ title: 'Play parks survey', childrenMode: true }));
  activityId = activity.id;
  questionIds = [];
  for (const [text, easyRead] of [['What should the council change about play parks?', 'What should we change?'], ['When should parks open?', ''], ['Is there anything you do not like?', ''], ['What about the toilets?', '']]) {
    questionIds.push(await addQuestion(t.db, areaId, null, activityId, { type: 'free_text', text: text!, easyRead: easyRead!, hint: '', required: false, settings: {}, showIf: null }, []));
  }
  await setActivityStatus(t.db, areaId, null, activityId, 'open');
  parentId = (await t.db.selectFrom('account').select('id').where('email', '=', 'parent@riverside.example').executeTakeFirstOrThrow()).id;
});
after(async () => {
  await app.close();
  await t.drop();
});

const A = '/a/riverside';

/** A submitted response with these written views; returns its receipt code and contribution ids (in order). */
async function respondWith(views: Array<{ text: string; source?: 'free_text' | 'anything_else' }>, options: { accountId?: string; area?: string; activity?: string; question?: string } = {}) {
  const area = options.area ?? areaId;
  const activity = options.activity ?? activityId;
  // One contribution per question and response: each written view answers the next question.
  const question = (i: number) => options.question ?? questionIds[i]!;
  const code = newReceiptCode();
  return withArea(t.db, area, async (tx) => {
    const response = await insertResponse(tx, area, { activityId: activity, accountId: options.accountId ?? null, mode: options.accountId ? 'signed_in' : 'anonymous', answers: [] });
    await tx.updateTable('response').set({ receipt_code: code }).where('id', '=', response.id).execute();
    await addContributionsForResponse(
      tx,
      area,
      views.map((v, i) => ({ activityId: activity, questionId: v.source === 'anything_else' ? null : question(i), responseId: response.id, accountId: options.accountId ?? null, supporterRelationship: null, receiptCode: code, source: v.source ?? 'free_text', text: v.text })),
    );
    const ids = (await tx.selectFrom('contribution').select('id').where('response_id', '=', response.id).orderBy('created_at').orderBy('id').execute()).map((r) => r.id);
    // Creation order within one insert batch is not guaranteed: map back by text.
    const rows = await tx.selectFrom('contribution').select(['id', 'original_text']).where('id', 'in', ids).execute();
    const idOf = (text: string) => {
      const found = rows.find((r) => r.original_text === text);
      if (!found) throw new Error(`no contribution for ${text}: ${JSON.stringify(rows)}`);
      return found.id;
    };
    return { code, responseId: response.id, ids: views.map((v) => idOf(v.text)) };
  });
}

/** A theme holding these contributions; published when `status` is given (quotes as the public page would show them). */
async function theme(tx: AreaTx, area: string, title: string, contributionIds: string[], published?: { status: ResponseStatus; reason?: string; quotes?: string[]; whatChangedEasyRead?: string; draft?: string }) {
  const row = await tx.insertInto('theme').values({ area_id: area, title }).returning('id').executeTakeFirstOrThrow();
  for (const id of contributionIds) await tx.insertInto('theme_contribution').values({ area_id: area, theme_id: row.id, contribution_id: id }).execute();
  if (!published) {
    await tx.insertInto('theme_response').values({ area_id: area, theme_id: row.id, what_changed: published === undefined ? `DRAFT ANSWER for ${title}` : '', evidence_links: [] }).execute();
    return;
  }
  const content: PublishedContent = {
    theme: { title, summary: `About ${title}.`, easyReadSummary: `About ${title}.`, symbol: null, symbolAlt: '', citation: '', contributionCount: contributionIds.length, quotes: published.quotes ?? [] },
    response: {
      status: published.status,
      reason: published.reason ?? '',
      whatChanged: `We changed ${title} in a long standard sentence.`,
      whatChangedEasyRead: published.whatChangedEasyRead ?? `We changed ${title}. Come and see.`,
      decidedBy: 'SEND Partnership Board',
      decidedOn: null,
      dueOn: null,
      doneOn: null,
      evidenceLinks: [],
    },
    activities: [],
  };
  await tx
    .insertInto('theme_response')
    .values({
      area_id: area,
      theme_id: row.id,
      status: published.status,
      reason: published.reason ?? '',
      what_changed: published.draft ?? 'WORKING COPY',
      evidence_links: [],
      stage: 'published',
      published_content: JSON.stringify(content),
      published_at: new Date(),
      first_published_at: new Date(),
    })
    .execute();
}

/** Lines of easy read: paragraphs in large print, one straight after the other. */
function assertLines(lines: HTMLElement[]) {
  for (const line of lines) assert.ok(line.tagName === 'P' && line.classList.contains('govuk-body-l'), `"${line.textContent}" is a line of large print`);
  for (let i = 1; i < lines.length; i += 1) assert.equal(lines[i - 1]!.nextElementSibling, lines[i], `"${lines[i]!.textContent}" is the next line`);
}

/** Where the page's links and forms lead. */
const addresses = (page: Page) => [...page.links().map((l) => l.href), ...[...page.document.querySelectorAll('form')].map((f) => f.getAttribute('action') ?? '')];

async function lookUp(client: Client, code: string) {
  await client.get(`${A}/my-views`);
  return client.post(`${A}/my-views`, { code });
}

test('a code shows its own views, redacted, each with the published answer in easy read; nothing of anyone else’s', async () => {
  const amy = await respondWith([
    { text: 'More swings please. Email me at amy@example.com' },
    { text: 'Longer opening hours in summer' },
    { text: 'A rude thing a moderator hid' },
    { text: 'The toilets are always locked' },
    { text: 'Thank you for asking', source: 'anything_else' },
  ]);
  const bob = await respondWith([{ text: 'Bob thinks the swings are too high for his sister Kim' }]);
  await t.owner.updateTable('contribution').set({ hidden_at: new Date(), hidden_reason: 'Off topic' }).where('id', '=', amy.ids[2]!).execute();
  await withArea(t.db, areaId, async (tx) => {
    // Bob's words are a quote of the same theme: the public page may show them, Amy's page never.
    await theme(tx, areaId, 'Swings', [amy.ids[0]!, bob.ids[0]!], { status: 'done', quotes: ['[name] thinks the swings are too high for his sister [name]'] });
    await theme(tx, areaId, 'Opening hours', [amy.ids[1]!]);
    await theme(tx, areaId, 'Toilets', [amy.ids[3]!], { status: 'cannot', reason: 'The toilets belong to the leisure centre. We have asked them to open them.' });
  });

  const page = await lookUp(new Client(app), amy.code);
  assert.equal(page.statusCode, 200);
  const views = readPage(page.body);
  assert.equal(views.heading(), 'Your views');
  assert.ok(views.getByText(/^You answered ‘Play parks survey’ on/));
  const swings = within(views.getByRole('region', { name: 'What should we change?' }));
  assert.ok(swings, 'the question as a child saw it (easy read)');
  assert.ok(swings.getByText('More swings please. Email me at [email]'), 'redacted at once, before any lead looked');
  assert.doesNotMatch(page.body, /amy@example\.com/, 'never the original text');
  assert.doesNotMatch(page.body, /moderator hid/, 'nothing hidden');
  assert.doesNotMatch(page.body, /too high|sister/, 'never another person’s words, even in the same theme (nor the quote of them)');
  assert.doesNotMatch(page.body, /DRAFT ANSWER|WORKING COPY/, 'never a working copy');
  // Swings: answered, in easy read with its symbol, one idea a line.
  const doneSymbol = swings.getAllByRole('presentation').find((img) => img.getAttribute('src') === '/symbols/2705.svg');
  assert.deepEqual([doneSymbol?.getAttribute('alt'), doneSymbol?.getAttribute('width')], ['', '64'], 'the "we did it" symbol, decorative, large');
  const answer = [swings.getByText('We changed Swings.'), swings.getByText('Come and see.')];
  assert.ok(inReadingOrder(doneSymbol!, swings.getByText('We did it'), ...answer));
  assertLines(answer);
  assert.doesNotMatch(page.body, /long standard sentence/, 'the easy-read words, not the standard ones');
  // Toilets: "we can't", with the reason.
  const toilets = within(views.getByRole('region', { name: 'What about the toilets?' }));
  const reason = [toilets.getByText('The toilets belong to the leisure centre.'), toilets.getByText('We have asked them to open them.')];
  assert.ok(inReadingOrder(toilets.getByText("We can't do it. We will tell you why"), toilets.getByText('This is why:'), ...reason));
  assertLines(reason);
  // Opening hours (draft only) and "anything else" (no theme): not answered yet.
  assert.equal(views.getAllByText('We have not answered this yet.').length, 2);
  assert.ok(within(views.getByRole('region', { name: 'Anything else you wanted to tell us' })).getByText('Thank you for asking'));
  const faces = within(views.getByRole('group', { name: 'Do you feel listened to?' })).getAllByRole('presentation').map((img) => img.getAttribute('src'));
  for (const hex of ['1F600', '1F610', '1F641']) assert.ok(faces.includes(`/symbols/${hex}.svg`), hex);
  assert.deepEqual(addresses(views).filter((address) => address.includes(amy.code)), [], 'the code is never in an address');

  // Bob sees his own words and the Swings answer, but none of Amy's.
  const bobPage = await lookUp(new Client(app), bob.code);
  assert.ok(readPage(bobPage.body).getByText('[name] thinks the swings are too high for his sister [name]'));
  assert.doesNotMatch(bobPage.body, /More swings|Longer opening|toilets/i);
});

test('no answer published yet: the person is told kindly, and not asked if they feel listened to', async () => {
  const carl = await respondWith([{ text: 'Benches in the shade' }]);
  const page = readPage((await lookUp(new Client(app), carl.code)).body);
  assert.ok(page.getByText('We have not answered this yet.'));
  assert.ok(page.getByText(/We are still reading what everyone said/));
  assert.ok(!page.text('body').includes('Do you feel listened to?'));
  assert.equal(page.queryByRole('radio'), null);
});

test('a wrong code: one clear error for each kind of mistake, the same for another area’s code, nothing kept in the address', async () => {
  const dee = await respondWith([{ text: 'Riverside words for this code only' }]);
  const nv = await respondWith([{ text: 'North Vale secret words' }], { area: areas.northVale.id, activity: areas.northVale.activityId, question: areas.northVale.questionId });
  const client = new Client(app);
  const lookup = readPage((await client.get(`${A}/my-views`)).body);
  assert.equal(lookup.heading(), 'What happened to my views?');
  const form = lookup.getByLabelText('Your receipt code').closest('form')!;
  assert.deepEqual([form.getAttribute('method'), form.getAttribute('action'), form.hasAttribute('novalidate')], ['post', '/a/riverside/my-views', true]);
  const empty = await client.post(`${A}/my-views`, { code: '' });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#code Enter your receipt code']);
  assert.match(readPage(empty.body).document.title, /^Error: /);
  const malformed = readPage((await client.post(`${A}/my-views`, { code: '0OO-111' })).body);
  assert.deepEqual(malformed.errorLinks(), ['#code Enter the receipt code in the right format: 6 letters and numbers, like 7KQ-4MZ']);
  assert.equal(malformed.valueOf('Your receipt code'), '0OO-111', 'what was typed is kept');
  const unknown = await client.post(`${A}/my-views`, { code: nv.code });
  assert.equal(unknown.statusCode, 422);
  assert.deepEqual(readPage(unknown.body).errorLinks(), ['#code We could not find that receipt code. Check it and try again.']);
  assert.doesNotMatch(unknown.body, /North Vale secret words/);
  // Riverside's code in North Vale is unknown there too.
  const other = new Client(app);
  await other.get('/a/north-vale/my-views');
  assert.equal((await other.post('/a/north-vale/my-views', { code: dee.code })).statusCode, 422);
  // Hostile input: shown back as text, never run, never a 500.
  for (const typed of ['<script>alert(1)</script>', 'x'.repeat(5000), '\u0000', '{{7*7}}']) {
    const r = await client.post(`${A}/my-views`, { code: typed });
    assert.equal(r.statusCode, 422, JSON.stringify(typed.slice(0, 20)));
    assert.doesNotMatch(r.body, /<script>alert/);
  }
  // A form without its token is refused.
  assert.equal((await new Client(app).post(`${A}/my-views`, { code: dee.code }, { csrf: false })).statusCode, 403);
  // Found: lower case and spaces are fine.
  const found = await client.post(`${A}/my-views`, { code: ` ${dee.code.toLowerCase()} ` });
  assert.equal(found.statusCode, 200);
  assert.ok(readPage(found.body).getByText('Riverside words for this code only'));
});

test('guessing codes is limited per address, with a clear page; “listened” answers share the limit', async () => {
  // The counts are kept in the database (shared by every instance): start from none, and leave none
  // for the tests after this one.
  await t.db.deleteFrom('rate_limit_hit').execute();
  const fresh = await testApp(t.db);
  try {
    const client = new Client(fresh);
    await client.get(`${A}/my-views`);
    const csrf = client.csrf();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await client.post(`${A}/my-views`, { code: newReceiptCode() }, { csrf })).statusCode);
    assert.deepEqual(statuses, Array(20).fill(422));
    const limited = await client.post(`${A}/my-views`, { code: newReceiptCode() }, { csrf });
    assert.equal(limited.statusCode, 429);
    const refused = readPage(limited.body);
    assert.equal(refused.heading(), 'You have tried too many times');
    assert.ok(refused.getByText(/you cannot try again for 10 minutes/));
    assert.ok(limited.headers['retry-after']);
    // "Listened" takes a code too: it counts toward the same 20, not 20 of its own.
    const listened = await client.post(`${A}/my-views/listened`, { code: newReceiptCode(), rating: 'yes' }, { csrf });
    assert.equal(listened.statusCode, 429);
  } finally {
    await fresh.close();
    await t.db.deleteFrom('rate_limit_hit').execute();
  }
});

test('“Do you feel listened to?”: one answer per response, changeable; errors keep the page; an unknown code gets the lookup error', async () => {
  const eve = await respondWith([{ text: 'Shade over the sandpit' }]);
  await withArea(t.db, areaId, (tx) => theme(tx, areaId, 'Shade', [eve.ids[0]!], { status: 'will_do' }));
  const client = new Client(app);
  const page = await lookUp(client, eve.code);
  assert.equal(readPage(page.body).hiddenValue('code'), eve.code);
  const missing = await client.post(`${A}/my-views/listened`, { code: eve.code });
  assert.equal(missing.statusCode, 422);
  assert.deepEqual(readPage(missing.body).errorLinks(), ['#rating Choose a face to say if you feel listened to']);
  assert.ok(readPage(missing.body).getByText('Shade over the sandpit'), 'the page is shown again');
  const odd = await client.post(`${A}/my-views/listened`, { code: eve.code, rating: 'maybe' });
  assert.equal(odd.statusCode, 422);

  const unknown = await client.post(`${A}/my-views/listened`, { code: newReceiptCode(), rating: 'yes' });
  assert.equal(unknown.statusCode, 422);
  assert.deepEqual(readPage(unknown.body).errorLinks(), ['#code We could not find that receipt code. Check it and try again.']);

  const token = client.csrf();
  const saved = await client.post(`${A}/my-views/listened`, { code: eve.code, rating: 'a_bit' }, { csrf: token });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `${A}/my-views/thank-you`, 'no code in the address');
  const thanks = await client.get(String(saved.headers.location));
  assert.equal(readPage(thanks.body).heading(), 'Thank you for telling us');
  const rows = () => t.owner.selectFrom('listened_rating').select(['rating', 'activity_id']).where('response_id', '=', eve.responseId).execute();
  assert.deepEqual(await rows(), [{ rating: 'a_bit', activity_id: activityId }]);
  // Sent twice, and changed: still one answer, the latest.
  assert.equal((await client.post(`${A}/my-views/listened`, { code: eve.code, rating: 'a_bit' }, { csrf: token })).statusCode, 303);
  assert.deepEqual(await rows(), [{ rating: 'a_bit', activity_id: activityId }]);
  await lookUp(client, eve.code);
  assert.equal((await client.post(`${A}/my-views/listened`, { code: eve.code, rating: 'yes' })).statusCode, 303);
  assert.deepEqual(await rows(), [{ rating: 'yes', activity_id: activityId }]);
  // Shown as chosen when the person comes back.
  const ticked = readPage((await lookUp(client, eve.code)).body).getAllByRole('radio').filter((radio) => radio.getAttribute('name') === 'rating' && radio.hasAttribute('checked'));
  assert.deepEqual(ticked.map((radio) => radio.getAttribute('value')), ['yes']);
  // The seed's helper does the same.
  assert.equal(await recordListened(t.db, areaId, eve.code, 'no'), true);
  assert.equal(await recordListened(t.db, areaId, 'ZZZ-ZZZ', 'no'), false);
  assert.deepEqual(await rows(), [{ rating: 'no', activity_id: activityId }]);
});

test('“What changed because of you”: a signed-in person’s own views across activities; a kind page when there are none', async () => {
  // The demo seed may give the parent carer views of their own already: counted from there.
  const before = await whatChanged(t.db, areaId, parentId);
  const other = await createActivity(t.db, areaId, null, testActivity({ title: 'Short breaks survey' }));
  const otherQuestion = await addQuestion(t.db, areaId, null, other.id, { type: 'free_text', text: 'What works?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  const mine1 = await respondWith([{ text: 'We want a zip wire' }], { accountId: parentId });
  const mine2 = await respondWith([{ text: 'We like the Saturday club' }], { accountId: parentId, activity: other.id, question: otherQuestion });
  await respondWith([{ text: 'Somebody else entirely' }]);
  await withArea(t.db, areaId, (tx) => theme(tx, areaId, 'Zip wires', [mine1.ids[0]!], { status: 'doing', whatChangedEasyRead: 'We are building one.' }));

  assert.equal((await new Client(app).get(`${A}/what-changed`)).statusCode, 303, 'sign in first');
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  const page = await parent.get(`${A}/what-changed`);
  assert.equal(page.statusCode, 200);
  const changed = readPage(page.body);
  assert.equal(changed.heading(), 'What changed because of you');
  const zip = within(changed.getByRole('region', { name: 'What should we change?' }));
  assert.ok(inReadingOrder(changed.getByRole('heading', { level: 2, name: 'Play parks survey' }), zip.getByText('We want a zip wire'), zip.getByText('We are doing it now'), zip.getByText('We are building one.')));
  const saturday = changed.getByText('We like the Saturday club');
  assert.ok(inReadingOrder(changed.getByRole('heading', { level: 2, name: 'Short breaks survey' }), saturday));
  assert.ok(changed.getAllByText('We have not answered this yet.').some((notYet) => inReadingOrder(saturday, notYet)), 'not answered yet, after the view');
  assert.ok(changed.getByText(`We have answered ${before.answered + 1} of your ${before.total + 2} views so far.`));
  assert.doesNotMatch(page.body, /Somebody else entirely/);
  assert.ok(mine2.code);
  // The home page links to it for people signed in.
  const home = readPage((await parent.get(A)).body);
  for (const link of home.getAllByRole('link', { name: 'What changed because of you' })) assert.equal(link.getAttribute('href'), '/a/riverside/what-changed');

  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const empty = await lead.get(`${A}/what-changed`);
  assert.equal(empty.statusCode, 200);
  assert.ok(readPage(empty.body).getByText(/You have not told us anything while signed in yet/));
  assert.doesNotMatch(empty.body, /zip wire/);
});

test('“What changed because of you” includes the answers given with a child (the supporter mode), labelled, and never another supporter’s', async () => {
  const answered = async (supporterAccountId: string | null, text: string) =>
    withArea(t.db, areaId, async (tx) => {
      const response = await insertResponse(tx, areaId, { activityId, mode: 'supported', supporterRelationship: 'parent', supportMethods: ['symbols'], supporterAccountId, answers: [] });
      await addContributionsForResponse(tx, areaId, [{ activityId, questionId: questionIds[3]!, responseId: response.id, accountId: null, supporterRelationship: 'parent', receiptCode: response.receiptCode!, source: 'free_text', text }]);
    });
  const leadId = (await t.db.selectFrom('account').select('id').where('email', '=', 'lead@riverside.example').executeTakeFirstOrThrow()).id;
  await answered(parentId, 'The toilets need a changing bench');
  await answered(leadId, 'Someone else helped with this one');
  await answered(null, 'Nobody signed in helped');
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  const page = await parent.get(`${A}/what-changed`);
  const region = within(readPage(page.body).getAllByRole('region', { name: 'What about the toilets?' }).find((r) => /changing bench/.test(r.textContent ?? ''))!);
  assert.ok(region.getByText('Answers you gave with your child'));
  assert.ok(region.getByText('You and your child told us:'));
  assert.doesNotMatch(page.body, /Someone else helped|Nobody signed in helped/);
});
