/**
 * Consent records: choosing how to hear back records consent to be contacted, with who gave it and
 * under which privacy notice; a change of mind adds a record and never rewrites the old one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { insertResponse } from '../../testing/responses.ts';
import { setContactPreference } from '../feedback/contacts.service.ts';
import { givenByFor, latestConsent, listConsents, PRIVACY_NOTICE_VERSION } from './consent.service.ts';

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

test('"can we share your words?" is asked after sending, never answered for the person, and recorded once per change', async () => {
  const app = await testApp(t.db);
  try {
    const client = new Client(app);
    const A = '/a/riverside';
    const start = await client.get(`${A}/surveys/${areas.riverside.activityId}`);
    const key = readPage(start.body).hiddenValue('idempotencyKey')!;
    const started = await client.post(`${A}/surveys/${areas.riverside.activityId}`, { idempotencyKey: key, how: 'own' });
    const base = /^(\/a\/riverside\/responses\/[0-9a-f-]{36})\//.exec(String(started.headers.location))![1]!;
    const responseId = base.split('/').pop()!;
    await client.get(`${base}/questions/1`);
    await client.post(`${base}/questions/1`, { action: 'continue', answer: 'More evening sessions please.' });
    await client.get(`${base}/check`);
    assert.equal((await client.post(`${base}/submit`)).statusCode, 303);
    const thanks = readPage((await client.get(`${base}/thank-you`)).body);
    assert.ok(thanks.getByRole('heading', { level: 2, name: 'Can we share your words?' }));
    const choices = ['Yes, you may share my words', 'No, please do not share my words'];
    assert.deepEqual(choices.map((choice) => thanks.isChecked(choice)), [false, false], 'no answer is chosen for them');
    const empty = await client.post(`${base}/quotes`, {});
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(readPage(empty.body).errorLinks(), ['#quotes Select yes or no']);
    assert.equal((await client.post(`${base}/quotes`, { quotes: 'yes' })).statusCode, 303);
    assert.equal((await client.post(`${base}/quotes`, { quotes: 'yes' })).statusCode, 303);
    assert.equal(await latestConsent(t.db, areas.riverside.id, responseId, 'quotes'), true);
    const after = readPage((await client.get(`${base}/thank-you`)).body);
    assert.ok(after.getByText(/^You chose: Yes, you may share my words\b/));
    assert.equal((await client.post(`${base}/quotes`, { quotes: 'no' })).statusCode, 303);
    const records = (await listConsents(t.db, areas.riverside.id, responseId)).filter((r) => r.kind === 'quotes');
    assert.deepEqual(records.map((r) => r.agreed), [false, true], 'a change of mind is a new record; the same answer twice is one');
    // Someone else's browser cannot answer for them.
    assert.equal((await new Client(app).post(`${base}/quotes`, { quotes: 'yes' }, { csrf: false })).statusCode >= 400, true);
  } finally {
    await app.close();
  }
});
