/**
 * The demo area shows the whole loop (issue 4, acceptance 1): contributions → themes → published
 * responses, one of them "we can't, because …" → the public page → a receipt code that shows the
 * answer in easy read; people told in the way they chose; the figures a lead reports.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readPage } from '../testing/dom.ts';
import { Client, seededApp, type TestDb } from '../testing/harness.ts';
import { findAreaBySlug } from '../modules/areas/areas.service.ts';
import { feedbackDashboard } from '../modules/feedback/figures.service.ts';
import { demoReceiptCode } from './seed-feedback.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let areaId: string;
before(async () => {
  ({ t, app, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
});
after(() => close());

test('themes and responses: published ones (one "we can\'t" with its reason), one for review, one still a draft', async () => {
  const rows = await t.owner
    .selectFrom('theme as t')
    .innerJoin('theme_response as r', 'r.theme_id', 't.id')
    .select(['t.title', 'r.status', 'r.stage', 'r.reason'])
    .select((eb) => eb.selectFrom('theme_contribution as tc').whereRef('tc.theme_id', '=', 't.id').select(eb.fn.countAll<string>().as('n')).as('contributions'))
    .where('t.area_id', '=', areaId)
    .execute();
  const published = rows.filter((r) => r.stage === 'published');
  // Seven from the surveys, and one from the youth forum's live session (seed-live.ts).
  assert.equal(published.length, 8);
  assert.deepEqual(rows.filter((r) => r.stage !== 'published').map((r) => r.stage).sort(), ['draft', 'in_review']);
  const cannot = published.find((r) => r.status === 'cannot');
  assert.ok(cannot && cannot.reason.length > 20, 'a published "we can\'t" gives its reason');
  for (const r of rows) assert.ok(Number(r.contributions) > 0, `${r.title} holds contributions`);
});

test('the public page and its easy-read version show the answers, with the reason for "we can\'t"', async () => {
  const visitor = new Client(app);
  const page = await visitor.get('/a/riverside/you-said-we-did');
  assert.equal(page.statusCode, 200);
  const published = readPage(page.body);
  for (const title of ['A calm, quiet place to go', 'Bringing pets to the club', 'More short breaks in the school holidays', 'Clear information about who can get short breaks']) {
    assert.ok(published.getByRole('heading', { name: title }), title);
  }
  assert.ok(published.getByText(/Some children are scared of dogs and some are allergic to them/));
  const words = published.text('body');
  assert.ok(!words.includes('Getting to short breaks'), 'a draft is not public');
  assert.ok(!words.includes('Things to do at the club'), 'a response waiting for review is not public');
  const home = readPage((await visitor.get('/a/riverside')).body);
  // In the area's navigation and on its page.
  for (const link of home.getAllByRole('link', { name: 'You said, we did' })) assert.equal(link.getAttribute('href'), '/a/riverside/you-said-we-did');
  for (const link of home.getAllByRole('link', { name: 'What happened to my views?' })) assert.equal(link.getAttribute('href'), '/a/riverside/my-views');
  const easy = await visitor.get('/a/riverside/you-said-we-did/easy-read');
  assert.equal(easy.statusCode, 200);
  assert.ok(readPage(easy.body).getByText(/Pets can not come to the club/));
});

test('the printed receipt code shows that child\'s own view and the answer in easy read, with symbols', async () => {
  const code = await demoReceiptCode(t.db, areaId);
  assert.ok(code);
  const visitor = new Client(app);
  await visitor.get('/a/riverside/my-views');
  const result = await visitor.post('/a/riverside/my-views', { code: code! });
  assert.equal(result.statusCode, 200);
  const views = readPage(result.body);
  assert.ok(views.getByText(/i want to bring my dog/));
  const answer = views.getByText('Pets can not come to the club.');
  assert.equal(answer.nextElementSibling?.textContent, 'Some children are scared of dogs or allergic.', 'the easy-read answer, line by line');
  const symbols = views.getAllByRole('presentation').map((img) => img.getAttribute('src'));
  assert.ok(symbols.includes('/symbols/1F6AB.svg'), 'the "we can\'t" symbol');
  assert.ok(views.getByRole('group', { name: 'Do you feel listened to?' }));
  assert.ok(views.heading().length > 0);
});

test('everyone who chose a way was told once; letters wait for a lead to print', async () => {
  const notices = await t.owner.selectFrom('feedback_notice').select(['channel', 'status', 'recipient_key', 'theme_response_id']).where('area_id', '=', areaId).execute();
  assert.ok(notices.length > 20, `${notices.length} notices`);
  const keys = notices.map((n) => `${n.theme_response_id}/${n.recipient_key}`);
  assert.equal(new Set(keys).size, keys.length, 'nobody twice for one response');
  for (const n of notices) assert.equal(n.status, n.channel === 'letter' ? 'pending' : 'sent', `${n.channel} ${n.status}`);
  const nobody = await t.owner
    .selectFrom('feedback_notice as n')
    .innerJoin('feedback_contact as c', 'c.response_id', 'n.response_id')
    .where('c.channel', '=', 'none')
    .select('n.id')
    .execute();
  assert.equal(nobody.length, 0, 'people who said "no thanks" get nothing');
  const outbox = await t.owner.selectFrom('outbox_message').select(['channel', 'body']).where('area_slug', '=', 'riverside').execute();
  assert.ok(outbox.some((m) => m.channel === 'sms') && outbox.some((m) => m.channel === 'email'));
  assert.ok(outbox.every((m) => m.body.includes('http://localhost:3000/a/riverside/my-views')), 'links in messages are whole addresses');
});

test('the figures a lead reports: closure, time to feedback, overdue and unthemed', async () => {
  const figures = await feedbackDashboard(t.db, areaId);
  const { answered, visible } = figures.area.closure;
  assert.ok(visible > 50 && answered > 0 && answered < visible, `${answered} of ${visible}`);
  // The parents heard back 35 days after their survey closed, the youth forum 21 days after its live session.
  assert.equal(figures.area.medianDaysToFeedback, 28, 'the median of 35 and 21 days');
  assert.deepEqual(figures.overdue.map((o) => o.title), ['Moving on to college: what helps?']);
  assert.ok(figures.unthemed.some((u) => u.title === 'Moving on to college: what helps?' && u.unthemed === u.visible && u.visible >= 6), 'nothing from it is in a theme yet');;
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const page = await lead.get('/a/riverside/manage/feedback');
  assert.equal(page.statusCode, 200);
  assert.ok(readPage(page.body).getByText(new RegExp(`${answered} of ${visible} views have an answer`)));
});
