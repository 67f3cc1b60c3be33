/**
 * Area B's data is invisible from area A by every route: visit every page of Riverside as someone
 * with every role there, and look for North Vale's names; try North Vale's ids in Riverside's URLs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../../plugins/auth.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { everyRoleClient, fillRoute, NORTH_VALE_SECRETS, twoAreas, type TwoAreas } from '../../testing/fixtures.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
const routes: RouteAccess[] = [];
let everything: Client;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db, { routes });
  everything = await everyRoleClient(app, t.db, areas.riverside.id, 'all-roles@riverside.example');
});
after(async () => {
  await app.close();
  await t.drop();
});

test("no page of one area shows another area's data, whatever your roles", async () => {
  // A response's pages belong to the browser that started it (their own tests cover that).
  const pages = routes.filter((r) => r.method === 'GET' && r.url.startsWith('/a/:area') && !r.url.includes(':token') && !r.url.includes(':responseId'));
  assert.ok(pages.length >= 12, `${pages.length} area pages`);
  for (const route of pages) {
    // The letters pack is printed for one activity at a time.
    const query = route.url.endsWith('/letters/print') ? `?activity=${areas.riverside.activityId}` : '';
    const url = fillRoute(route.url, 'riverside', areas.riverside, areas.riverside.memberIds.practitioner) + query;
    const response = await everything.get(url);
    // The fixture activity is an open, answered workshop: /open sends back to the activity page, a
    // survey's dates page sends a workshop to its own form, the preview starts at its first question,
    // and the question builder explains (409)
    // that answered questions cannot be added or removed.
    // A live session's participant stream is refused to a browser that has not joined it (403).
    // The board's participant pages send a browser that has not joined the session to its join page (303).
    const boardPage = /^\/a\/:area\/live\/:sessionId\/board\/:interactionId(\/fragment)?$/.test(route.url);
    // A panel's member pages send someone who is not on the panel to the members' sign-in page (303).
    const panelMemberPage = /^\/a\/:area\/panels\/:panelId\/(me|score|score\/:candidateId|what-happened)$/.test(route.url);
    // A young inspector's own pages send someone who is not one of the programme's inspectors to the members' sign-in page (303).
    const inspectorPage = /^\/a\/:area\/(inspections\/:programmeId\/(me|visits\/:visitId\/inspect)|panels\/:panelId\/inspections)$/.test(route.url);
    // A young person's own pages (issue 17) are theirs and their parent carers': staff get 404 (actingFor); /me sends on (303).
    const youngPage = /^\/a\/:area\/(young|children)\/:youngPersonId(\/|$)/.test(route.url);
    // A profile and its photos (issue 17) are seen only by whom they are shared with, a volunteer's
    // photo only when there is one (the fixture's volunteer has none): 404 for someone with every role.
    const notShared = /^\/a\/:area\/(profiles\/(:profileId|photos\/:photoId)|volunteers\/:volunteerId\/photo)$/.test(route.url);
    const expected = youngPage || notShared ? 404 : route.url === '/a/:area/me' ? 303 : url.endsWith('/open') || url.endsWith('/questions/dates') || url.endsWith('/questions/preview') || boardPage || panelMemberPage || inspectorPage ? 303 : /\/questions\/(new|[^/]+\/delete)/.test(url) ? 409 : route.url === '/a/:area/live/:sessionId/events' ? 403 : 200;
    assert.equal(response.statusCode, expected, url);
    // Bytes, not the page: another area's words must not reach the browser in any form, seen or not.
    for (const secret of NORTH_VALE_SECRETS) assert.ok(!response.body.includes(secret), `${url} shows "${secret}"`);
  }
});

test("another area's ids in this area's URLs find nothing and change nothing", async () => {
  const nv = areas.northVale;
  assert.equal((await everything.get(`/a/riverside/manage/charter/principles/${nv.principleId}`)).statusCode, 404);
  assert.equal((await everything.get(`/a/riverside/manage/members/${nv.adminId}`)).statusCode, 404);
  await everything.get('/a/riverside/manage/charter/signatures');
  assert.equal((await everything.post(`/a/riverside/manage/charter/signatures/${nv.signatureId}/withdraw`)).statusCode, 404);
  await everything.get('/a/riverside/manage/charter');
  assert.equal((await everything.post(`/a/riverside/manage/charter/principles/${nv.principleId}/delete`)).statusCode, 404);
  await everything.get('/a/riverside/manage/members');
  assert.equal((await everything.post(`/a/riverside/manage/members/${nv.adminId}`, { roles: 'young_person' })).statusCode, 404);

  // Activities, their questions, contributions and requests: found only in their own area.
  const activityPaths = [
    `/a/riverside/activities/${nv.activityId}`,
    `/a/riverside/activities/${nv.activityId}/results`,
    `/a/riverside/activities/${nv.activityId}/contributions`,
    `/a/riverside/activities/${nv.activityId}/questions/${nv.questionId}`,
    `/a/riverside/activities/${areas.riverside.activityId}/contributions/${nv.contributionId}`,
    `/a/riverside/activities/${areas.riverside.activityId}/questions/${nv.questionId}`,
    `/a/riverside/take-part/${nv.activityId}`,
    `/a/riverside/surveys/${nv.activityId}`,
  ];
  for (const path of activityPaths) assert.equal((await everything.get(path)).statusCode, 404, path);
  await everything.get(`/a/riverside/activities/${areas.riverside.activityId}`);
  assert.equal((await everything.post(`/a/riverside/activities/${areas.riverside.activityId}/contributions/${nv.contributionId}/hide`, { reason: 'x' })).statusCode, 404);
  assert.equal((await everything.post(`/a/riverside/activities/${areas.riverside.activityId}/adjustments/${nv.requestId}`, { status: 'arranged' })).statusCode, 404);
  const nvContribution = await t.owner.selectFrom('contribution').select('hidden_at').where('id', '=', nv.contributionId).executeTakeFirstOrThrow();
  assert.equal(nvContribution.hidden_at, null);

  const stillThere = await t.owner.selectFrom('charter_signature').select('id').where('id', '=', nv.signatureId).execute();
  assert.equal(stillThere.length, 1);
  const nvRoles = await t.owner.selectFrom('area_membership').select('role').where('account_id', '=', nv.adminId).execute();
  assert.deepEqual(nvRoles.map((r) => r.role), ['area_admin']);
});

test("an admin of one area is refused everywhere in another", async () => {
  const nvAdmin = new Client(app);
  await nvAdmin.signIn('nv-admin@northvale.example');
  for (const url of ['/a/riverside/manage', '/a/riverside/manage/members', '/a/riverside/manage/audit', '/a/riverside/manage/charter']) {
    assert.equal((await nvAdmin.get(url)).statusCode, 403, url);
  }
  assert.equal((await nvAdmin.get('/a/north-vale/manage/members')).statusCode, 200);
});
