/**
 * The evaluation hubs (issue 13): the area's page answers five questions, each with where its
 * answer is; an activity's page leads to its level, Lundy checklist and impact. Who may see them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { createArea } from '../areas/areas.service.ts';
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
  // Under each question, one line from the demo's own records (the fixtures' Riverside is the demo area).
  const lines = [...page.document.querySelectorAll('main p')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim());
  assert.ok(lines.some((l) => /^\d+ activities: staff have rated \d+ of them\. On 1 activity, staff and participants disagree\.$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^\d+ of \d+ activities checked; \d+% of the Lundy promises kept overall\.$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^\d{4}: 2 of \d+ organisations have finished\./.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^What changed is written down for \d+ activit(y|ies)\. \d+ people answered the impact check twice\.$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^\d+ groups? (is|are) under-represented\.$/.test(l)), lines.join('\n'));
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

test('the hub makes the same number of queries for 10 activities as for 1,000', async (ctx) => {
  const leadId = fx.riverside.memberIds.participation_lead;
  for (const [slug, n] of [['hub-small', 10], ['hub-large', 1000]] as const) {
    const area = await createArea(t.db, { slug, name: slug, contactEmail: `${slug}@example.com` });
    await withArea(t.db, area.id, async (tx) => {
      await tx
        .insertInto('activity')
        .values(Array.from({ length: n }, (_, i) => ({
          area_id: area.id, title: `Activity ${i}`, purpose: 'p', type: 'survey', level: 'strategic', stage: 'review', services: [], audience: 'both',
          age_bands: [], venue_access: [], adjustments_offered: [], ground_rules: [], contact_name: 'c', contact_email: 'c@example.com', status: 'closed',
        })))
        .execute();
      await tx.insertInto('area_membership').values({ area_id: area.id, account_id: leadId, role: 'participation_lead', organisation_id: null }).execute();
    });
  }
  const counter = countingDb(t.db);
  const countingApp = await testApp(counter.db);
  try {
    const lead = new Client(countingApp);
    await lead.signIn('only-participation-lead@riverside.example');
    const queries: number[] = [];
    for (const slug of ['hub-small', 'hub-large']) {
      await lead.get(`/a/${slug}/manage/evaluation`); // warm: sign-in and membership caches
      counter.reset();
      const page = await lead.get(`/a/${slug}/manage/evaluation`);
      assert.equal(page.statusCode, 200);
      queries.push(counter.count());
    }
    const large = readPage((await lead.get('/a/hub-large/manage/evaluation')).body);
    assert.ok([...large.document.querySelectorAll('main p')].some((p) => /^1000 activities: staff have rated 0 of them\./.test(p.textContent!.trim())), 'the large area really has 1,000 activities');
    assert.equal(queries[0], queries[1], `queries: ${queries.join(' vs ')}`);
    ctx.diagnostic(`queries per hub request (session and area included): ${queries.join(' and ')}`);
  } finally {
    await countingApp.close();
  }
});
