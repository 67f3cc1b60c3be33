/**
 * Inspection programmes (issue 16 §2), through HTTP as the lead and a young inspector would use
 * them: making a programme (its team of young inspectors is a panel of kind 'inspection'), the
 * programme's page, editing with someone else's edit in between, and the co-designed checklist (an
 * inspector proposes, staff agree; a non-member or another programme's inspector sees nothing).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea, withSafeguarding } from '../../db/db.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { findProgramme, listInspectionCriteria } from './core.ts';
import { addMember, memberClient } from './inspections.test-support.ts';
import { createProgramme, proposeCriterion } from './programmes.service.ts';
import { planVisit } from './visits.service.ts';

let app: FastifyInstance;
let t: TestDb;
let areas: TwoAreas;
let lead: Client;
const R = '/a/riverside';

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
});
after(async () => {
  await app.close();
  await t.drop();
});

const programmeForm = (title: string) => ({ title, focus: 'Can everyone join in?', word1: 'Bad', word2: 'Not great', word3: 'OK', word4: 'Good', word5: 'Brilliant', reinspectAtOrBelow: '2', reinspectAfterDays: '60', standardAtOrAbove: '4' });

test('a lead starts a programme from the activity: a panel of young inspectors is made with it, and the page says the rules in words', async () => {
  const r = areas.riverside;
  const activityPage = await lead.get(`${R}/activities/${r.activityId}`);
  assert.match(activityPage.body, new RegExp(`href="${R}/activities/${r.activityId}/inspections"`));
  const list = await lead.get(`${R}/activities/${r.activityId}/inspections`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Not good\. Lots needs to change\./, 'easy-read defaults for each star');
  const made = await lead.post(`${R}/activities/${r.activityId}/inspections`, programmeForm('Inclusive physical activity at holiday clubs'));
  assert.equal(made.statusCode, 303, made.body.slice(0, 400));
  const programmeId = String(made.headers.location).split('/').pop()!;
  const programme = (await withArea(t.db, r.id, (tx) => findProgramme(tx, r.id, programmeId)))!;
  assert.deepEqual(programme.ratingWords, { 1: 'Bad', 2: 'Not great', 3: 'OK', 4: 'Good', 5: 'Brilliant' });
  const panel = await withArea(t.db, r.id, (tx) => tx.selectFrom('panel').select(['kind', 'activity_id']).where('id', '=', programme.panelId).executeTakeFirstOrThrow());
  assert.deepEqual(panel, { kind: 'inspection', activity_id: r.activityId });
  const page = await lead.get(String(made.headers.location));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /A visit rated 2 stars or fewer gets a re-inspection 60 days later\./);
  assert.match(page.body, /A provider rated 4 stars or more may show the young inspectors&#39; rating on the public page\./);
  assert.match(page.body, new RegExp(`href="${R}/panels/${programme.panelId}/members"`));
});

test('the programme form keeps what was typed and explains each problem; the rules must make sense together', async () => {
  const r = areas.riverside;
  await lead.get(`${R}/activities/${r.activityId}/inspections`);
  const bad = await lead.post(`${R}/activities/${r.activityId}/inspections`, { ...programmeForm(''), word3: '', reinspectAtOrBelow: 'four', reinspectAfterDays: '3', standardAtOrAbove: '1', focus: 'Kept words' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
  for (const message of ['Say what the young inspectors look at', 'Say what this star means', 'Enter a whole number from 0 to 4', 'Enter a whole number of days from 7 to 730']) assert.ok(bad.body.includes(message), message);
  assert.match(bad.body, /Kept words/);
  const clash = await lead.post(`${R}/activities/${r.activityId}/inspections`, { ...programmeForm('Clash'), reinspectAtOrBelow: '4', standardAtOrAbove: '3' });
  assert.equal(clash.statusCode, 422);
  assert.match(clash.body, /The public rating must be higher than the rating that means visit again/);
});

test('editing: a stale version keeps what was typed and says someone else saved first', async () => {
  const r = areas.riverside;
  const url = `${R}/inspections/${r.programmeId}/edit`;
  const first = new Client(app);
  await first.signIn('lead@riverside.example');
  await first.get(url);
  await lead.get(url);
  const saved = await lead.post(url, { ...programmeForm('Holiday clubs, first edit'), version: /name="version" value="(\d+)"/.exec(lead.lastHtml)![1]! });
  assert.equal(saved.statusCode, 303);
  const stale = await first.post(url, { ...programmeForm('My own words'), version: /name="version" value="(\d+)"/.exec(first.lastHtml)![1]! });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else saved this programme/);
  assert.match(stale.body, /value="My own words"/);
  const again = await first.post(url, { ...programmeForm('My own words'), version: /name="version" value="(\d+)"/.exec(first.lastHtml)![1]! });
  assert.equal(again.statusCode, 303);
  assert.equal((await withArea(t.db, r.id, (tx) => findProgramme(tx, r.id, r.programmeId)))!.title, 'My own words');
});

test('co-design: an inspector proposes an item with a symbol, staff agree it, and only agreed items are rated', async () => {
  const r = areas.riverside;
  const inspector = await memberClient(app, t.db, r.id, r.inspectorId);
  const url = `${R}/inspections/${r.programmeId}/criteria`;
  const page = await inspector.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, />Easy to get in</);
  // Finding a symbol keeps the words typed (no JavaScript needed).
  const search = await inspector.post(url, { action: 'search', q: 'toilet', title: 'Clean toilets', goodLooksLike: 'Soap and a big space' });
  assert.equal(search.statusCode, 200);
  assert.match(search.body, /value="Clean toilets"/);
  const hexcode = /name="symbol" type="radio" value="([0-9A-F-]+)"/.exec(search.body)?.[1];
  assert.ok(hexcode, 'a toilet symbol offered');
  const sent = await inspector.post(url, { action: 'propose', title: 'Clean toilets', goodLooksLike: 'Soap and a big space', symbol: hexcode });
  assert.equal(sent.statusCode, 303);
  const id = String(sent.headers.location).split('#criterion-')[1]!;
  let criteria = await withArea(t.db, r.id, (tx) => listInspectionCriteria(tx, r.id, r.programmeId));
  const proposed = criteria.find((c) => c.id === id)!;
  assert.deepEqual({ status: proposed.status, symbol: proposed.symbol, by: proposed.proposedBy }, { status: 'proposed', symbol: hexcode, by: r.inspectorId });
  // An inspector may not drop an idea; staff may.
  await inspector.get(url);
  assert.equal((await inspector.post(`${url}/${id}`, { decision: 'dropped' })).statusCode, 404);
  await lead.get(url);
  assert.equal((await lead.post(`${url}/${id}`, { decision: 'agreed' })).statusCode, 303);
  criteria = await withArea(t.db, r.id, (tx) => listInspectionCriteria(tx, r.id, r.programmeId, true));
  assert.ok(criteria.some((c) => c.id === id), 'agreed items are the ones rated');
  // A staff member's idea, then dropped: not rated.
  await lead.get(url);
  const staffIdea = await lead.post(url, { action: 'propose', title: 'Quiet room', goodLooksLike: '', symbol: '' });
  const staffId = String(staffIdea.headers.location).split('#criterion-')[1]!;
  await lead.get(url);
  await lead.post(`${url}/${staffId}`, { decision: 'dropped' });
  criteria = await withArea(t.db, r.id, (tx) => listInspectionCriteria(tx, r.id, r.programmeId, true));
  assert.ok(!criteria.some((c) => c.id === staffId));
  // An inspector may say "we agreed".
  await inspector.get(url);
  const theirs = await inspector.post(url, { action: 'propose', title: 'Staff say hello', goodLooksLike: '', symbol: '' });
  const theirsId = String(theirs.headers.location).split('#criterion-')[1]!;
  await inspector.get(url);
  assert.equal((await inspector.post(`${url}/${theirsId}`, { decision: 'agreed' })).statusCode, 303);
});

test('a proposal with a symbol that does not exist, or no words, is refused with what was typed kept', async () => {
  const r = areas.riverside;
  const inspector = await memberClient(app, t.db, r.id, r.inspectorId);
  const url = `${R}/inspections/${r.programmeId}/criteria`;
  await inspector.get(url);
  const bad = await inspector.post(url, { action: 'propose', title: '', goodLooksLike: 'Kept', symbol: 'NOT-A-SYMBOL' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Say what we should check/);
  assert.match(bad.body, /Choose a picture from the list/);
  assert.match(bad.body, />Kept</);
});

test('worrying words in a proposal are screened for safeguarding (channel inspection, key criterion:<id>)', async () => {
  const r = areas.riverside;
  const { id } = await proposeCriterion(t.db, r.id, r.programmeId, { memberId: r.inspectorId, actorId: null }, { title: 'Safe to be there', goodLooksLike: 'my stepdad hits me when I get home', symbol: null });
  const concern = await withSafeguarding(t.db, r.id, async (tx) =>
    tx.selectFrom('safeguarding_concern').select(['channel', 'source_key']).where('source_key', '=', `criterion:${id}`).executeTakeFirst(),
  );
  assert.deepEqual(concern, { channel: 'inspection', source_key: `criterion:${id}` });
});

test('nobody else sees a programme’s checklist or inspector pages: a stranger, another programme’s inspector, another area', async () => {
  const r = areas.riverside;
  const nv = areas.northVale;
  // The checklist is not found; an inspector's own pages send anyone else to the members' sign-in page.
  const urls = [`${R}/inspections/${r.programmeId}/criteria`, `${R}/inspections/${r.programmeId}/me`, `${R}/panels/${r.inspectorPanelId}/inspections`];
  const refused = async (client: Client, url: string) => {
    const response = await client.get(url);
    if (url.endsWith('/criteria')) assert.equal(response.statusCode, 404, url);
    else assert.deepEqual([response.statusCode, response.headers.location], [303, `${R}/panels/sign-in`], url);
    assert.doesNotMatch(response.body, /Easy to get in|inspector/);
  };
  const stranger = new Client(app);
  for (const url of urls) await refused(stranger, url);
  const otherArea = await memberClient(app, t.db, nv.id, nv.inspectorId);
  for (const url of urls) await refused(otherArea, url);
  // An inspector of another programme in the same area.
  const otherProgramme = await createProgramme(t.db, null, r.id, r.activityId, { title: 'Another programme', focus: '', ratingWords: { 1: 'a', 2: 'b', 3: 'c', 4: 'd', 5: 'e' }, reinspectAtOrBelow: 2, reinspectAfterDays: 30, standardAtOrAbove: 4 });
  const other = (await withArea(t.db, r.id, (tx) => findProgramme(tx, r.id, otherProgramme)))!;
  const otherInspector = await memberClient(app, t.db, r.id, await addMember(t.db, r.id, other.panelId, 'Other inspector', true));
  for (const url of urls) await refused(otherInspector, url);
  const page = await otherInspector.get(`${R}/inspections/${otherProgramme}/criteria`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, />Easy to get in</, 'another programme’s checklist is not shown');
  // Their own inspector page redirect works.
  const redirect = await otherInspector.get(`${R}/panels/${other.panelId}/inspections`);
  assert.equal(redirect.statusCode, 303);
  assert.equal(redirect.headers.location, `${R}/inspections/${otherProgramme}/me`);
  // Staff of the other area: not found.
  const nvStaff = new Client(app);
  await nvStaff.signIn('nv-admin@northvale.example');
  const nvPage = await nvStaff.get(`/a/north-vale/inspections/${r.programmeId}`);
  assert.ok([403, 404].includes(nvPage.statusCode), String(nvPage.statusCode));
  assert.doesNotMatch(nvPage.body, /inspection programme|Holiday clubs/);
});

test('the programme page reads the same number of queries however many visits and inspectors it has', async () => {
  const r = areas.riverside;
  const counted = countingDb(t.db);
  const countApp = await testApp(counted.db);
  try {
    const client = new Client(countApp);
    await client.signIn('lead@riverside.example');
    const measure = async () => {
      counted.reset();
      const page = await client.get(`${R}/inspections/${r.programmeId}`);
      assert.equal(page.statusCode, 200);
      return counted.count();
    };
    const before = await measure();
    for (let i = 0; i < 4; i += 1) await planVisit(t.db, null, r.id, r.programmeId, { providerId: r.providerId, startsAt: new Date(Date.now() + (30 + i) * 86_400_000) });
    for (let i = 0; i < 4; i += 1) await addMember(t.db, r.id, r.inspectorPanelId, `Extra ${i}`);
    assert.equal(await measure(), before);
  } finally {
    await countApp.close();
  }
});
