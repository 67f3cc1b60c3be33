/**
 * The real transports against real protocol ends: GOV.UK Notify's HTTP API (a local fake that checks
 * the signed token as Notify does) and a real SMTP server on loopback. Plus the sealing of secrets.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { freePort } from '../../testing/free-port.ts';
import { secretBox } from './secret-box.ts';
import { startFakeNotify, verifyNotifyToken, type FakeNotify } from './testing/fake-notify.ts';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink.ts';
import { maskRecipient, notifyNotifier, SendFailure, smtpNotifier, smtpOptions, smtpSettingsFromUrl } from './transports.ts';

let notify: FakeNotify;
let smtp: SmtpSink;
before(async () => {
  notify = await startFakeNotify();
  smtp = await startSmtpSink({ user: 'relay-user', password: 'relay-password-1' });
});
after(async () => {
  await notify.close();
  await smtp.close();
});

const emailTemplateId = randomUUID();
const smsTemplateId = randomUUID();

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SendFailure, `a SendFailure, not ${String(error)}`);
    return error;
  }
  assert.fail('the send should have failed');
}

test('a sealed secret opens only with the same installation secret, area and purpose, and never shows in clear', () => {
  const box = secretBox('installation-secret-'.padEnd(64, 'a'));
  const area = randomUUID();
  const sealed = box.seal(area, 'notify_api_key', 'live-key-very-secret');
  assert.doesNotMatch(sealed, /live-key|very-secret/);
  assert.notEqual(box.seal(area, 'notify_api_key', 'live-key-very-secret'), sealed, 'a fresh nonce every time');
  assert.equal(box.open(area, 'notify_api_key', sealed), 'live-key-very-secret');
  assert.throws(() => secretBox('another-installation-'.padEnd(64, 'b')).open(area, 'notify_api_key', sealed), /could not be decrypted/);
  assert.throws(() => box.open(randomUUID(), 'notify_api_key', sealed), /could not be decrypted/, 'copied to another area');
  assert.throws(() => box.open(area, 'smtp_password', sealed), /could not be decrypted/, 'moved to another column');
  const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
  assert.throws(() => box.open(area, 'notify_api_key', tampered), /could not be decrypted/);
});

test('addresses are masked for the record: enough to recognise, not to contact', () => {
  assert.equal(maskRecipient('email', 'jane.doe@example.com'), 'j***@example.com');
  assert.equal(maskRecipient('sms', '07700 900123'), '********123');
  assert.equal(maskRecipient('email', 'broken'), '***');
});

test('SMTP without implicit TLS insists on STARTTLS, except for a relay on this machine', () => {
  const settings = { host: 'smtp.example.org', port: 587, secure: false, user: 'u', password: 'p', from: 'a@example.org' };
  assert.equal(smtpOptions(settings).requireTLS, true);
  assert.equal(smtpOptions({ ...settings, secure: true, port: 465 }).requireTLS, false, 'TLS from the first byte already');
  assert.equal(smtpOptions({ ...settings, host: '127.0.0.1' }).requireTLS, false);
  assert.equal(smtpOptions({ ...settings, host: 'localhost' }).requireTLS, false);
  assert.deepEqual(smtpSettingsFromUrl('smtps://me%40x.org:p%3Ass@mail.example.org', 'a@example.org'), { host: 'mail.example.org', port: 465, secure: true, user: 'me@x.org', password: 'p:ss', from: 'a@example.org' });
  assert.equal(smtpSettingsFromUrl('smtp://mail.example.org', 'a@example.org').port, 587);
});

test('the fake Notify checks the token as Notify does: another key is refused', () => {
  const forged = notifyNotifier({ baseUrl: notify.url, apiKey: `forged-${notify.serviceId}-${randomUUID()}`, emailTemplateId, smsTemplateId });
  return failureOf(forged.send({ channel: 'email', recipient: 'a@example.com', subject: 's', body: 'b' })).then((failure) => {
    assert.equal(failure.reason, 'notify_key');
    assert.equal(notify.requests.length, 0);
    assert.equal(verifyNotifyToken('a.b.c', notify.serviceId, 'x'), false);
  });
});

test('GOV.UK Notify: email and text message go with ((subject)) and ((body)) and our reference', async () => {
  const notifier = notifyNotifier({ baseUrl: notify.url, apiKey: notify.apiKey, emailTemplateId, smsTemplateId });
  const email = await notifier.send({ channel: 'email', recipient: 'parent@example.com', subject: 'What happened to your views', body: 'We changed the club.', reference: 'notice-1' });
  const sms = await notifier.send({ channel: 'sms', recipient: '07700900123', subject: 'ignored', body: 'We changed the club.', reference: 'notice-2' });
  const [first, second] = notify.requests.slice(-2);
  assert.deepEqual(first!.body, { template_id: emailTemplateId, email_address: 'parent@example.com', personalisation: { subject: 'What happened to your views', body: 'We changed the club.' }, reference: 'notice-1' });
  assert.deepEqual(second!.body, { template_id: smsTemplateId, phone_number: '07700900123', personalisation: { body: 'We changed the club.' }, reference: 'notice-2' });
  assert.deepEqual(email, { transport: 'notify', reference: first!.notificationId });
  assert.deepEqual(sms, { transport: 'notify', reference: second!.notificationId });
});

test('GOV.UK Notify: no text message template, a refusal, and an unreachable Notify each fail in plain terms', async () => {
  const emailOnly = notifyNotifier({ baseUrl: notify.url, apiKey: notify.apiKey, emailTemplateId, smsTemplateId: '' });
  assert.equal((await failureOf(emailOnly.send({ channel: 'sms', recipient: '07700900123', subject: '', body: 'x' }))).reason, 'no_sms');

  notify.failNext(400, 'email_address Not a valid email address');
  const refused = await failureOf(emailOnly.send({ channel: 'email', recipient: 'not-an-address', subject: 's', body: 'b' }));
  assert.equal(refused.reason, 'notify_rejected');
  assert.equal(refused.detail, 'email_address Not a valid email address');
  assert.equal(refused.uncertain, false);

  const nowhere = notifyNotifier({ baseUrl: `http://127.0.0.1:${await freePort()}`, apiKey: notify.apiKey, emailTemplateId, smsTemplateId });
  const down = await failureOf(nowhere.send({ channel: 'email', recipient: 'a@example.com', subject: 's', body: 'b' }));
  assert.equal(down.reason, 'notify_unavailable');
  assert.doesNotMatch(down.message, new RegExp(notify.apiKey.slice(-36)), 'the error carries no part of the key');
});

test('SMTP: a real server receives the email from the area address; SMS is refused clearly', async () => {
  const notifier = smtpNotifier({ host: smtp.host, port: smtp.port, secure: false, user: 'relay-user', password: 'relay-password-1', from: 'send@riverside.example.org' });
  try {
    const result = await notifier.send({ channel: 'email', recipient: 'parent@example.com', subject: 'What happened to your views', body: 'We changed the club.', reference: 'notice-9' });
    assert.equal(result.transport, 'smtp');
    assert.ok(result.reference, 'the message id is the reference');
    const mail = smtp.received.at(-1)!;
    assert.equal(mail.from, 'send@riverside.example.org');
    assert.deepEqual(mail.to, ['parent@example.com']);
    assert.match(mail.raw, /Subject: What happened to your views/);
    assert.match(mail.raw, /We changed the club\./);
    assert.match(mail.raw, /X-Chorus-Reference: notice-9/);

    const sms = await failureOf(notifier.send({ channel: 'sms', recipient: '07700900123', subject: '', body: 'x' }));
    assert.equal(sms.reason, 'no_sms');
  } finally {
    notifier.close();
  }
});

test('SMTP: a wrong password and a closed port fail in plain terms', async () => {
  const received = smtp.received.length;
  const wrong = smtpNotifier({ host: smtp.host, port: smtp.port, secure: false, user: 'relay-user', password: 'not-it', from: 'send@riverside.example.org' });
  assert.equal((await failureOf(wrong.send({ channel: 'email', recipient: 'a@example.com', subject: 's', body: 'b' }))).reason, 'smtp_auth');
  const closed = smtpNotifier({ host: '127.0.0.1', port: await freePort(), secure: false, user: '', password: '', from: 'send@riverside.example.org' });
  assert.equal((await failureOf(closed.send({ channel: 'email', recipient: 'a@example.com', subject: 's', body: 'b' }))).reason, 'smtp_unreachable');
  assert.equal(smtp.received.length, received, 'nothing was delivered');
});
