/**
 * The area's own rules: an admin sets the feedback deadline and the notice period; anything else
 * gets a clear message and keeps what was typed; nobody else may change them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readPage } from '../../testing/dom.ts';
import { Client, seededApp } from '../../testing/harness.ts';
import { findAreaBySlug, findSettings } from './areas.service.ts';

let app: FastifyInstance;
let close: () => Promise<void>;
let admin: Client;
before(async () => {
  ({ app, close } = await seededApp());
  admin = new Client(app);
  await admin.signIn('admin@riverside.example');
});
after(() => close());

const riverside = async () => (await findAreaBySlug(app.db, 'riverside'))!.id;

test('an admin changes the feedback deadline and the notice period, and the change is audited', async () => {
  const page = await admin.get('/a/riverside/manage/settings');
  assert.equal(page.statusCode, 200);
  assert.equal(readPage(page.body).valueOf('Feedback deadline'), '12', 'the default deadline is 12 weeks');
  const saved = await admin.post('/a/riverside/manage/settings', { feedbackWeeks: ' 8 ', minNoticeDays: '21' });
  assert.equal(saved.statusCode, 303);
  assert.deepEqual(await findSettings(app.db, await riverside()), { feedbackWeeks: 8, minNoticeDays: 21 });
  assert.equal(readPage((await admin.get('/a/riverside/manage/settings')).body).flash(), 'Area settings saved.');
  const audit = readPage((await admin.get('/a/riverside/manage/audit')).body).tableRows('Audit log');
  assert.ok(audit.some(([, who, what]) => who === 'Sam Okafor' && what === 'Changed the area settings'), JSON.stringify(audit));
});

test('bad numbers get a message each, keep what was typed and change nothing', async () => {
  const before = await findSettings(app.db, await riverside());
  for (const [weeks, days, expected] of [
    ['', '14', ['#feedbackWeeks Enter the feedback deadline in weeks']],
    ['0', '14', ['#feedbackWeeks Feedback deadline must be between 1 and 104 weeks']],
    ['twelve', '999', ['#feedbackWeeks Feedback deadline must be a whole number of weeks, like 12', '#minNoticeDays Minimum notice must be between 0 and 90 days']],
    ['12', '91', ['#minNoticeDays Minimum notice must be between 0 and 90 days']],
    ['<script>alert(1)</script>', '-1', ['#feedbackWeeks Feedback deadline must be a whole number of weeks, like 12', '#minNoticeDays Minimum notice must be a whole number of days, like 14']],
  ] as const) {
    await admin.get('/a/riverside/manage/settings');
    const response = await admin.post('/a/riverside/manage/settings', { feedbackWeeks: weeks, minNoticeDays: days });
    assert.equal(response.statusCode, 422, `${weeks}/${days}`);
    const page = readPage(response.body);
    assert.deepEqual(page.errorLinks(), [...expected]);
    assert.deepEqual([page.valueOf('Feedback deadline'), page.valueOf('Minimum notice for activities')], [weeks, days], 'what was typed is kept');
    // Bytes, not the page: markup that arrived must never reach the browser as markup.
    assert.ok(!response.body.includes('<script>alert(1)</script>'));
  }
  assert.deepEqual(await findSettings(app.db, await riverside()), before);
});

test('only the area admin reaches the settings', async () => {
  for (const email of ['lead@riverside.example', 'parent@riverside.example']) {
    const someone = new Client(app);
    await someone.signIn(email);
    assert.equal((await someone.get('/a/riverside/manage/settings')).statusCode, 403, email);
  }
  assert.equal((await new Client(app).get('/a/riverside/manage/settings')).statusCode, 303, 'anonymous people are sent to sign in');
});
