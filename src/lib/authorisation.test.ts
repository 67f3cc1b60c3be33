/**
 * Role × route × area, generated from the app's own route table: every combination that
 * can() does not explicitly allow must be refused (anonymous: sent to sign in; signed in: 403).
 * A new route is covered the moment it is registered.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../plugins/auth.ts';
import { Client, createTestDb, testApp, type TestDb } from '../testing/harness.ts';
import { fillRoute, twoAreas, type TwoAreas } from '../testing/fixtures.ts';
import { can, ROLES, type Actor } from './authorisation.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
const routes: RouteAccess[] = [];

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db, { routes });
});
after(async () => {
  await app.close();
  await t.drop();
});

type Who = { label: string; email: string | null; actor: Actor | null };

function people(): Who[] {
  const list: Who[] = [{ label: 'anonymous', email: null, actor: null }];
  list.push({ label: 'operator', email: 'operator@chorus.example', actor: { accountId: 'op', email: '', displayName: '', isOperator: true, rolesByArea: new Map() } });
  for (const role of ROLES) {
    list.push({
      label: role,
      email: `only-${role.replace('_', '-')}@riverside.example`,
      actor: { accountId: role, email: '', displayName: '', isOperator: false, rolesByArea: new Map([[areas.riverside.id, [role]]]) },
    });
  }
  return list;
}

function fill(url: string, area: 'riverside' | 'north-vale'): string {
  const ids = area === 'riverside' ? areas.riverside : areas.northVale;
  return fillRoute(url, area, ids, area === 'riverside' ? areas.riverside.memberIds.young_person : areas.northVale.adminId);
}

test('every route declares its access, and the protected ones cover every action', () => {
  assert.ok(routes.length > 30, `route table has ${routes.length} routes`);
  const actions = new Set(routes.flatMap((r) => (typeof r.access === 'object' ? [r.access.action] : [])));
  for (const action of ['area.manage', 'organisation.manage', 'member.manage', 'charter.edit', 'charter.record_signature', 'forum.manage', 'audit.view', 'installation.manage_areas', 'installation.view_outbox', 'account.view']) {
    assert.ok(actions.has(action as never), `some route needs ${action}`);
  }
});

async function activityOrganisation(areaId: string | undefined): Promise<string | null | undefined> {
  if (!areaId) return undefined;
  const id = areaId === areas.riverside.id ? areas.riverside.activityId : areas.northVale.activityId;
  const row = await t.owner.selectFrom('activity').select('organisation_id').where('id', '=', id).executeTakeFirst();
  return row?.organisation_id;
}

test('role × route × area: only what can() allows gets through', async (ctx) => {
  const protectedRoutes = routes.filter((r) => r.access !== 'public');
  // GETs first: the POSTs change things (roles, principles, signatures). The POSTs about a member
  // (:accountId, filled with the young person's account) go last: changing or removing their role
  // earlier would test every later route for the young person with a role they no longer have.
  const order = (r: RouteAccess) => (r.method === 'GET' ? 0 : r.url.includes(':accountId') ? 2 : 1);
  protectedRoutes.sort((a, b) => order(a) - order(b));
  const clients = new Map<string, Client>();
  for (const who of people()) {
    const client = new Client(app);
    if (who.email) await client.signIn(who.email);
    clients.set(who.label, client);
  }
  let cells = 0;
  const wrong: string[] = [];
  for (const route of protectedRoutes) {
    const areaChoices: Array<'riverside' | 'north-vale' | null> = route.url.includes(':area') ? ['riverside', 'north-vale'] : [null];
    for (const area of areaChoices) {
      const url = area ? fill(route.url, area) : route.url;
      const areaId = area === 'riverside' ? areas.riverside.id : area === 'north-vale' ? areas.northVale.id : undefined;
      for (const who of people()) {
        const client = clients.get(who.label)!;
        const action = (route.access as { action: Parameters<typeof can>[1] }).action;
        // Routes about an activity act on the fixture's, which belongs to one organisation: the
        // bare practitioner (no organisation) may see it but not manage it.
        const organisationId = route.url.includes(':activityId') ? await activityOrganisation(areaId) : undefined;
        const allowed = can(who.actor, action, { areaId, organisationId });
        await client.get(who.email ? '/account' : '/sign-in');
        const response = route.method === 'GET' ? await client.get(url) : await client.post(url, {});
        cells += 1;
        const toSignIn = response.statusCode === 303 && String(response.headers.location).startsWith('/sign-in');
        const refused = who.actor ? response.statusCode === 403 : toSignIn;
        if (allowed) {
          // 409, or a redirect elsewhere: allowed, but the thing is in a state that stops it (a survey
          // already answered, an activity already open).
          const elsewhere = response.statusCode === 303 && !toSignIn;
          // A young person's own pages (issue 17) check who is asking in the service (actingFor): anyone
          // who is not the young person or a parent carer the rule allows gets 404, whatever their role.
          const youngOwn = /^\/a\/:area\/(young|children)\/:youngPersonId(\/|$)/.test(route.url) && response.statusCode === 404;
          // A volunteer's photo (issue 17): the service shows it only to staff who manage volunteers and
          // to young people choosing, and only when there is one (the fixture's volunteer has none): 404.
          const volunteerPhoto = route.url === '/a/:area/volunteers/:volunteerId/photo' && response.statusCode === 404;
          // A certificate (issue 17): the service shows it only to staff who may see the person, the
          // young person and their parent carer under the rule, and only while name consent stands: 404.
          const certificate = route.url === '/a/:area/recognition/certificates/:certificateId' && response.statusCode === 404;
          // A profile (issue 17) is seen only by whom it is shared with (profiles core profileAccess):
          // the fixture's is shared with the practitioner alone, so every other role gets 404.
          const notShared = /^\/a\/:area\/profiles\/(:profileId|photos\/:photoId)$/.test(route.url) && response.statusCode === 404;
          const ok = route.method === 'GET' ? response.statusCode === 200 || response.statusCode === 409 || elsewhere || youngOwn || volunteerPhoto || certificate || notShared : !refused && response.statusCode !== 403 && response.statusCode < 500;
          if (!ok) wrong.push(`${who.label} ${route.method} ${url}: allowed but got ${response.statusCode}`);
        } else if (!refused) {
          wrong.push(`${who.label} ${route.method} ${url}: should be refused but got ${response.statusCode}`);
        }
      }
    }
  }
  ctx.diagnostic(`${protectedRoutes.length} protected routes × ${people().length} people, each area route in its own area and another = ${cells} cells`);
  assert.ok(cells > 300, `checked ${cells} cells`);
  assert.deepEqual(wrong, []);
});
