/**
 * Consent records: choosing how to hear back records consent to be contacted, with who gave it and
 * under which privacy notice; a change of mind adds a record and never rewrites the old one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { insertResponse } from '../../testing/responses.ts';
import { setContactPreference } from '../feedback/contacts.service.ts';
import { givenByFor, listConsents, PRIVACY_NOTICE_VERSION } from './consent.service.ts';

let t: TestDb;
let areas: TwoAreas;
before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
});
after(async () => {
  await t.drop();
});

test('who gives consent: the person, a parent carer helping, or another supporter', () => {
  assert.equal(givenByFor('anonymous', null), 'self');
  assert.equal(givenByFor('signed_in', null), 'self');
  assert.equal(givenByFor('supported', 'parent'), 'parent_carer');
  assert.equal(givenByFor('supported', 'teaching_assistant'), 'supporter');
});

test('choosing how to hear back records consent to be contacted; a change of mind adds a record', async () => {
  const areaId = areas.riverside.id;
  const supported = await withArea(t.db, areaId, (tx) => insertResponse(tx, areaId, { activityId: areas.riverside.activityId, mode: 'supported', supporterRelationship: 'parent', answers: [] }));
  await setContactPreference(t.db, areaId, supported.id, { channel: 'email', address: 'parent@example.com', format: 'easy_read', language: 'en' });
  await setContactPreference(t.db, areaId, supported.id, { channel: 'email', address: 'parent@example.com', format: 'easy_read', language: 'en' });
  await setContactPreference(t.db, areaId, supported.id, { channel: 'none', address: '', format: 'easy_read', language: 'en' });
  const records = await listConsents(t.db, areaId, supported.id);
  assert.deepEqual(records.map((r) => [r.kind, r.agreed, r.givenBy, r.noticeVersion]), [
    ['contact', false, 'parent_carer', PRIVACY_NOTICE_VERSION],
    ['contact', true, 'parent_carer', PRIVACY_NOTICE_VERSION],
  ], 'the same choice twice records once; "no thanks" is recorded as not agreed');
  // Another area sees none of them.
  assert.equal((await listConsents(t.db, areas.northVale.id, supported.id)).length, 0);
});
