/**
 * The installation's own transport, from the environment as server.ts reads it: messages of no area
 * (invitations, password resets) and every area without settings of its own.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { installationNotifier } from './notifications.service.ts';
import { startFakeNotify, type FakeNotify } from './testing/fake-notify.ts';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink.ts';

let t: TestDb;
let notify: FakeNotify;
let smtp: SmtpSink;
before(async () => {
  t = await createTestDb();
  notify = await startFakeNotify();
  smtp = await startSmtpSink({ user: 'chorus@relay', password: 'p@ss:word' });
});
after(async () => {
  await notify.close();
  await smtp.close();
  await t.drop();
});

const invitation = { channel: 'email' as const, recipient: 'new.admin@council.example', subject: 'You are invited', body: 'Accept here: https://chorus.example/i/token' };

test('nothing set: the outbox keeps the whole message and sends nothing', async () => {
  const config = loadConfig({});
  assert.deepEqual(config.installationTransport, { kind: 'outbox' });
  assert.equal(config.notifyBaseUrl, 'https://api.notifications.service.gov.uk');
  assert.deepEqual(await installationNotifier(t.db, config).send(invitation), { transport: 'outbox', reference: null });
  const kept = await t.db.selectFrom('outbox_message').selectAll().where('recipient', '=', invitation.recipient).executeTakeFirstOrThrow();
  assert.equal(kept.body, invitation.body);
});

test('CHORUS_SMTP_URL: invitations go through the SMTP server (user and password from the URL); the record has no body', async () => {
  const config = loadConfig({ CHORUS_SMTP_URL: `smtp://${encodeURIComponent('chorus@relay')}:${encodeURIComponent('p@ss:word')}@127.0.0.1:${smtp.port}`, CHORUS_EMAIL_FROM: 'chorus@council.example' });
  const result = await installationNotifier(t.db, config).send({ ...invitation, recipient: 'smtp.person@council.example' });
  assert.equal(result?.transport, 'smtp');
  const mail = smtp.received.at(-1)!;
  assert.deepEqual(mail.to, ['smtp.person@council.example']);
  assert.equal(mail.from, 'chorus@council.example');
  const record = await t.db.selectFrom('outbox_message').selectAll().where('transport', '=', 'smtp').executeTakeFirstOrThrow();
  assert.deepEqual([record.recipient, record.body, record.subject], ['s***@council.example', '', 'You are invited']);
});

test('CHORUS_NOTIFY_API_KEY: invitations go through Notify at CHORUS_NOTIFY_BASE_URL', async () => {
  const template = randomUUID();
  const config = loadConfig({ CHORUS_NOTIFY_API_KEY: notify.apiKey, CHORUS_NOTIFY_EMAIL_TEMPLATE_ID: template, CHORUS_NOTIFY_BASE_URL: `${notify.url}/` });
  const result = await installationNotifier(t.db, config).send(invitation);
  assert.equal(result?.transport, 'notify');
  const request = notify.requests.at(-1)!;
  assert.equal(request.body.template_id, template);
  assert.deepEqual(request.body.personalisation, { subject: invitation.subject, body: invitation.body });
});

test('settings that cannot work stop the start, naming the variable and never echoing a secret', () => {
  const bad = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.message;
    }
    assert.fail('expected a ConfigError');
  };
  assert.match(bad({ CHORUS_NOTIFY_API_KEY: notify.apiKey }), /CHORUS_NOTIFY_EMAIL_TEMPLATE_ID/);
  assert.match(bad({ CHORUS_SMTP_URL: 'smtp://mail.example.org' }), /CHORUS_EMAIL_FROM/);
  assert.match(bad({ CHORUS_SMTP_URL: 'http://mail.example.org', CHORUS_EMAIL_FROM: 'a@example.org' }), /CHORUS_SMTP_URL must start smtp/);
  const both = bad({ CHORUS_NOTIFY_API_KEY: notify.apiKey, CHORUS_NOTIFY_EMAIL_TEMPLATE_ID: randomUUID(), CHORUS_SMTP_URL: 'smtp://u:hunter2@mail.example.org', CHORUS_EMAIL_FROM: 'a@example.org' });
  assert.match(both, /not both/);
  const wrongKey = bad({ CHORUS_NOTIFY_API_KEY: 'my-secret-but-not-a-key', CHORUS_NOTIFY_EMAIL_TEMPLATE_ID: randomUUID() });
  assert.match(wrongKey, /CHORUS_NOTIFY_API_KEY is not a GOV\.UK Notify API key/);
  for (const message of [both, wrongKey]) assert.doesNotMatch(message, /hunter2|my-secret|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
});
