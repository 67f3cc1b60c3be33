/**
 * The members page names each member's organisation. Organisations are the areas module's, so the
 * accounts module asks the areas service for their names instead of reading its table (decision 0016).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readPage } from '../../testing/dom.ts';
import { Client, seededApp } from '../../testing/harness.ts';
import { addOrganisation, findAreaBySlug } from '../areas/areas.service.ts';
import { addMember, createAccount } from './members.service.ts';

let app: FastifyInstance;
let close: () => Promise<void>;
before(async () => {
  const seeded = await seededApp();
  ({ app, close } = seeded);
  const db = seeded.t.db;
  const area = (await findAreaBySlug(db, 'riverside'))!;
  // A member of an organisation added after them, and one of no organisation.
  const school = await addOrganisation(db, area.id, null, { name: 'Riverside Academy', kind: 'school' });
  await addMember(db, area.id, await createAccount(db, { email: 'senco@riverside.example', displayName: 'Ada Senco', password: 'a long enough password' }), 'practitioner', school.id);
  await addMember(db, area.id, await createAccount(db, { email: 'helper@riverside.example', displayName: 'Ben Helper', password: 'a long enough password' }), 'supporter', null);
});
after(() => close());

test('each member is listed with the name of their organisation, or a dash when they have none', async () => {
  const admin = new Client(app);
  await admin.signIn('admin@riverside.example');
  const rows = readPage((await admin.get('/a/riverside/manage/members')).body).tableRows('Members and roles');
  const organisationOf = (name: string) => rows.find((r) => r[0]!.startsWith(name))?.[2];
  assert.equal(organisationOf('Jess Patel'), 'Riverside Youth Voice');
  assert.equal(organisationOf('Tom Reid'), 'Riverside NHS Trust');
  assert.equal(organisationOf('Ada Senco'), 'Riverside Academy');
  assert.equal(organisationOf('Ben Helper'), '–');
});
