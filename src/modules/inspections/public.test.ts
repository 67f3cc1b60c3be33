/**
 * The public young inspectors' ratings (no account): only providers whose LATEST reported visit
 * meets their programme's standard are listed, with the rating in words ("4.5 out of 5"); a provider
 * below it (or whose latest visit is) has no page; nothing personal is ever shown.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { publicRatings } from './public.service.ts';
import { sendReport, writeReport } from './reports.service.ts';
import { newInspector, newProvider, newVisit, rate, type Area } from './reports.test-support.ts';

let app: FastifyInstance;
let t: TestDb;
let areas: TwoAreas;
let area: Area;
let goodId: string;
let poorId: string;
let slippedId: string;
let phoneId: string;

/** A visit to this provider, rated by named inspectors, summarised and sent. */
async function reportedVisit(providerId: string, ratings: number[], inArea: Area = area, summary = 'A welcoming club with step-free access.'): Promise<string> {
  const visitId = await newVisit(t.db, inArea, { providerId });
  for (const [i, r] of ratings.entries()) {
    const m = await newInspector(t.db, inArea, `Ophelia Secretname ${i}`);
    await rate(t.db, inArea, visitId, inArea.inspectionCriterionId, m, r, 'Ophelia wrote this private note');
  }
  await writeReport(t.db, null, inArea.id, inArea.programmeId, visitId, { summary, easyReadSummary: 'It is easy to get in.', version: 1 });
  await sendReport(t.db, null, inArea.id, inArea.programmeId, visitId, (tok) => tok);
  return visitId;
}

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  area = areas.riverside;
  app = await testApp(t.db);
  goodId = await newProvider(t.db, area, 'Splash Swim Club');
  poorId = await newProvider(t.db, area, 'Gloomy Games Hall');
  slippedId = await newProvider(t.db, area, 'Slipped Sports Centre');
  await reportedVisit(goodId, [4, 5]);
  await reportedVisit(poorId, [2, 3]);
  await reportedVisit(slippedId, [5, 5]);
  await reportedVisit(slippedId, [3, 3]);
  phoneId = await newProvider(t.db, area, 'Redacted Rec Club');
  await reportedVisit(phoneId, [5, 4], area, 'Lovely staff. Ring the manager on 07700 900123 to book.');
  const nvProvider = await newProvider(t.db, areas.northVale, 'North Vale Secret Leisure');
  await reportedVisit(nvProvider, [5], areas.northVale);
});
after(async () => {
  await app.close();
  await t.drop();
});

test('the list has only providers meeting the standard at their latest visit, with stars in words', async () => {
  const page = await new Client(app).get('/a/riverside/young-inspectors');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Splash Swim Club/);
  assert.match(page.body, /4.5 out of 5/);
  assert.doesNotMatch(page.body, /Gloomy Games Hall/);
  assert.doesNotMatch(page.body, /Slipped Sports Centre/);
  assert.doesNotMatch(page.body, /North Vale/);
  assert.doesNotMatch(page.body, /Ophelia|Secretname|private note/);
  // Newest report first: this test's two, then the demo's camp (4.3), then the fixture's provider. The
  // demo's Sunny Days (2.3) is not there.
  assert.deepEqual((await publicRatings(t.db, area.id)).map((r) => r.providerName), ['Redacted Rec Club', 'Splash Swim Club', 'Riverside Leisure Centre holiday camp', 'Riverside fixture survey provider']);
  assert.doesNotMatch(page.body, /Sunny Days/);
});

test("a provider's page: the summaries and the rating per criterion, nothing personal; below the standard is not found", async () => {
  const visitor = new Client(app);
  const page = await visitor.get(`/a/riverside/young-inspectors/${goodId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /A welcoming club with step-free access\./);
  assert.match(page.body, /It is easy to get in\./);
  assert.match(page.body, /Easy to get in/);
  assert.doesNotMatch(page.body, /Ophelia|Secretname|private note|Inspector 1/);
  assert.equal((await visitor.get(`/a/riverside/young-inspectors/${poorId}`)).statusCode, 404);
  assert.equal((await visitor.get(`/a/riverside/young-inspectors/${slippedId}`)).statusCode, 404);
  assert.equal((await visitor.get(`/a/north-vale/young-inspectors/${goodId}`)).statusCode, 404);
  assert.equal((await visitor.get('/a/riverside/young-inspectors/not-an-id')).statusCode, 404);
  // A phone number a lead left in the summary is taken out on the public page.
  const redacted = await visitor.get(`/a/riverside/young-inspectors/${phoneId}`);
  assert.equal(redacted.statusCode, 200);
  assert.match(redacted.body, /Lovely staff\./);
  assert.doesNotMatch(redacted.body, /07700 900123/);
});
