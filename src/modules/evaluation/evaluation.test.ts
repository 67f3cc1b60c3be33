/**
 * The evaluation hubs (issue 13): the area's page answers five questions, each with where its
 * answer is; an activity's page leads to its level, Lundy checklist and impact. Who may see them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readPage } from '../../testing/dom.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
});
after(async () => {
  await app?.close();
  await t?.drop();
});

async function as(role: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(`only-${role.replace('_', '-')}@riverside.example`);
  return client;
}

test('a participation lead finds the five evaluation questions, each with a link to its answer, from the manage page', async () => {
  const lead = await as('participation_lead');
  const manage = readPage((await lead.get('/a/riverside/manage')).body);
  const link = manage.getByRole('link', { name: 'How well are we doing? (evaluation)' });
  assert.equal(link.getAttribute('href'), '/a/riverside/manage/evaluation');

  const response = await lead.get('/a/riverside/manage/evaluation');
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  const questions = page.getAllByRole('heading', { level: 2 }).map((h) => h.textContent!.trim()).filter((h) => h !== 'Support links');
  assert.deepEqual(questions, [
    'How much say did people have?',
    'Did we keep our Lundy promises?',
    'Are our organisations living up to the charter?',
    'What did taking part change?',
    'Who is missing?',
  ]);
  assert.equal(page.getByRole('link', { name: 'See who takes part and who is missing' }).getAttribute('href'), '/a/riverside/manage/evaluation/representation');
  // A lead may change the area's frameworks and population data.
  assert.ok(page.queryByRole('link', { name: "Choose or change the area's ladder" }));
  assert.ok(page.queryByRole('link', { name: 'Population data: everyone the services serve' }));
});

test('a decision maker sees the questions but not the links to change the frameworks or the population data', async () => {
  const page = readPage((await (await as('decision_maker')).get('/a/riverside/manage/evaluation')).body);
  assert.ok(page.queryByRole('heading', { name: 'Who is missing?' }));
  assert.equal(page.queryByRole('link', { name: "Choose or change the area's ladder" }), null);
  assert.equal(page.queryByRole('link', { name: 'Population data: everyone the services serve' }), null);
});

test("an activity's page links to how well it went; the evaluation page leads to its level, Lundy checklist and impact", async () => {
  const lead = await as('participation_lead');
  const activity = readPage((await lead.get(`/a/riverside/activities/${fx.riverside.activityId}`)).body);
  const href = activity.getByRole('link', { name: 'How well did this go? (evaluation)' }).getAttribute('href');
  assert.equal(href, `/a/riverside/activities/${fx.riverside.activityId}/evaluation`);
  const page = readPage((await lead.get(href!)).body);
  for (const [name, end] of [['How much say did people have?', 'level'], ['The Lundy checklist', 'lundy'], ['What did it change?', 'impact']] as const) {
    assert.equal(page.getByRole('link', { name }).getAttribute('href'), `${href}/${end}`);
  }
});

test('young people, parent carers, supporters and safeguarding leads cannot open the evaluation pages; nor can another area', async () => {
  for (const role of ['young_person', 'parent_carer', 'supporter', 'safeguarding_lead']) {
    const client = await as(role);
    assert.equal((await client.get('/a/riverside/manage/evaluation')).statusCode, 403, role);
    assert.equal((await client.get(`/a/riverside/activities/${fx.riverside.activityId}/evaluation`)).statusCode, 403, role);
  }
  const lead = await as('participation_lead');
  assert.equal((await lead.get(`/a/riverside/activities/${fx.northVale.activityId}/evaluation`)).statusCode, 404);
  assert.equal((await new Client(app).get('/a/riverside/manage/evaluation')).statusCode, 303);
});
