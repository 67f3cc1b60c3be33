/**
 * The provider's link, through HTTP as a provider uses it (no account, CSRF on): only the right,
 * unexpired token of this area opens the report (a kind 404 page otherwise, and guessing is
 * limited per address); the report has no inspector's name; the response with actions and dates
 * is kept (errors keep every word, "Add another action" works without JavaScript), sent once, and
 * the lead is told.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { sendReport } from './reports.service.ts';
import { LINK_FAILURES } from './reports.routes.ts';
import { newInspector, newProvider, newVisit, rate, type Area } from './reports.test-support.ts';

let app: FastifyInstance;
let t: TestDb;
let areas: TwoAreas;
let area: Area;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  area = areas.riverside;
  app = await testApp(t.db);
});
after(async () => {
  await app.close();
  await t.drop();
});

const nextYear = String(new Date().getFullYear() + 1);

/** A reported visit rated by a named inspector; returns its provider link's token. */
async function reported(note = 'The lift was broken.', inArea: Area = area): Promise<{ token: string; visitId: string }> {
  const providerId = await newProvider(t.db, inArea, `Provider ${Math.random().toString(36).slice(2, 8)}`);
  const visitId = await newVisit(t.db, inArea, { providerId });
  const member = await newInspector(t.db, inArea, 'Priscilla Nameworthy');
  await rate(t.db, inArea, visitId, inArea.inspectionCriterionId, member, 3, note);
  const sent = await sendReport(t.db, null, inArea.id, inArea.programmeId, visitId, (token) => token);
  return { token: sent.token, visitId };
}

const link = (token: string, slug = 'riverside') => `/a/${slug}/provider-report/${token}`;
const visitRow = (visitId: string) => withArea(t.db, area.id, (tx) => tx.selectFrom('inspection_visit').selectAll().where('id', '=', visitId).executeTakeFirstOrThrow());
const actionsOf = (visitId: string) => withArea(t.db, area.id, (tx) => tx.selectFrom('inspection_action').select(['action', 'due_on', 'position']).where('visit_id', '=', visitId).orderBy('position').execute());

test('the link opens the report without any inspector name; the easy-read version too', async () => {
  const { token } = await reported('Toilets need a grab rail.');
  const provider = new Client(app);
  const page = await provider.get(link(token));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Inspector 1/);
  assert.match(page.body, /Toilets need a grab rail\./);
  assert.match(page.body, /3 out of 5/);
  assert.doesNotMatch(page.body, /Priscilla|Nameworthy/);
  const easy = await provider.get(`${link(token)}?view=easy-read`);
  assert.equal(easy.statusCode, 200);
  assert.match(easy.body, /3 stars out of 5/);
  assert.doesNotMatch(easy.body, /Priscilla|Nameworthy/);
});

test('a wrong, expired or other area\'s link is a kind 404 page', async () => {
  const provider = new Client(app);
  const wrong = await provider.get(link('x'.repeat(43)));
  assert.equal(wrong.statusCode, 404);
  assert.match(wrong.body, /This link does not work/);
  const { token, visitId } = await reported();
  assert.equal((await provider.get(link(token, 'north-vale'))).statusCode, 404);
  await withArea(t.db, area.id, (tx) => tx.updateTable('inspection_visit').set({ provider_token_expires_at: new Date(Date.now() - 1000) }).where('id', '=', visitId).execute());
  const expired = await provider.get(link(token));
  assert.equal(expired.statusCode, 404);
  assert.match(expired.body, /older than 60 days/);
});

test('a response with two actions is saved once, the lead is told, and a second send says it was already sent', async () => {
  const { token, visitId } = await reported();
  const provider = new Client(app);
  await provider.get(link(token));
  const added = await provider.post(link(token), { rows: '1', response: 'Thank you, we agree.', action1: 'Fix the lift', day1: '1', month1: '6', year1: nextYear, add: '1' });
  assert.equal(added.statusCode, 200);
  assert.match(added.body, /name="action2"/);
  assert.match(added.body, /Thank you, we agree\./);
  assert.match(added.body, /Fix the lift/);
  // A second tab still open on the form: its token is used for a second send below.
  const csrf = provider.csrf();
  const sent = await provider.post(link(token), { rows: '2', response: 'Thank you, we agree.', action1: 'Fix the lift', day1: '1', month1: '6', year1: nextYear, action2: 'Quiet room signs', day2: '15', month2: '7', year2: nextYear });
  assert.equal(sent.statusCode, 303);
  const row = await visitRow(visitId);
  assert.equal(row.status, 'responded');
  assert.equal(row.provider_response, 'Thank you, we agree.');
  const actions = await actionsOf(visitId);
  assert.deepEqual(actions.map((a) => [a.action, String(a.due_on).slice(0, 10)]), [['Fix the lift', `${nextYear}-06-01`], ['Quiet room signs', `${nextYear}-07-15`]]);
  const told = await t.owner.selectFrom('outbox_message').select(['subject', 'body']).where('subject', 'like', '%has responded%').execute();
  assert.ok(told.some((m) => m.body.includes(`/visits/${visitId}/report`)));
  const page = await provider.get(link(token));
  assert.match(page.body, /Fix the lift/);
  assert.doesNotMatch(page.body, /name="response"/);
  const again = await provider.post(link(token), { rows: '1', response: 'Changed my mind', action1: '', day1: '', month1: '', year1: '' }, { csrf });
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /already sent/);
  assert.equal((await visitRow(visitId)).provider_response, 'Thank you, we agree.');
  assert.equal((await actionsOf(visitId)).length, 2);
});

test('errors keep every word typed, and point at the field', async () => {
  const { token, visitId } = await reported();
  const provider = new Client(app);
  await provider.get(link(token));
  const bad = await provider.post(link(token), { rows: '2', response: '', action1: 'Ramp at the back door', day1: '31', month1: '2', year1: nextYear, action2: '', day2: '3', month2: '', year2: '' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Enter what you think of the report/);
  assert.match(bad.body, /The date for action 1 must be a real date/);
  assert.match(bad.body, /Enter what you will do for action 2/);
  assert.match(bad.body, /href="#day1"/);
  assert.match(bad.body, /Ramp at the back door/);
  assert.match(bad.body, /value="31"/);
  assert.equal((await visitRow(visitId)).status, 'reported');
  assert.equal((await actionsOf(visitId)).length, 0);
  // Past dates, absurd input: no 500.
  const past = await provider.post(link(token), { rows: '999', response: 'ok', action1: 'x', day1: '1', month1: '1', year1: '2000' });
  assert.equal(past.statusCode, 422);
  assert.match(past.body, /today or in the future/);
});

test('wrong links are limited per address', async () => {
  const guesser = new Client(app, { 'x-forwarded-for': '203.0.113.77' });
  let last = 0;
  for (let i = 0; i <= LINK_FAILURES.max + 1; i += 1) last = (await guesser.get(link(`guess${i}`.padEnd(43, 'a')))).statusCode;
  assert.equal(last, 429);
  // The real link from the same address is refused too until the window passes.
  const { token } = await reported();
  const refused = await guesser.get(link(token));
  assert.equal(refused.statusCode, 429);
  assert.match(refused.body, /Wait 10 minutes/);
});
