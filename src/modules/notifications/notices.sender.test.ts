/**
 * Sending the "we did …" notices: through the area's own transport, at most once (even with two
 * senders at once), with plain reasons when something fails, and nothing personal left behind in the
 * outbox record. Also: the area's secrets are sealed in the database and open only with the right secret.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import { sql } from 'kysely';
import { withArea } from '../../db/db.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { insertResponse } from '../../testing/responses.ts';
import { areaNotifiers, type Notifier, type NotifierFor } from './notifications.service.ts';
import { sendPendingNotices, STALE_AFTER_MS } from './notices.sender.ts';
import { saveSettings } from './settings.service.ts';
import { startFakeNotify, type FakeNotify } from './testing/fake-notify.ts';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink.ts';

const SECRET = 'sender-test-secret-'.padEnd(64, 's');
let t: TestDb;
let areas: TwoAreas;
let notify: FakeNotify;
let smtp: SmtpSink;
let notifierFor: NotifierFor;
let themeResponseId: string;
const emailTemplateId = randomUUID();
const smsTemplateId = randomUUID();

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  notify = await startFakeNotify();
  smtp = await startSmtpSink();
  notifierFor = areaNotifiers(t.db, SECRET, { notifyBaseUrl: notify.url });
  const { riverside } = areas;
  themeResponseId = (await withArea(t.db, riverside.id, (tx) => tx.selectFrom('theme_response').select('id').where('theme_id', '=', riverside.themeId).executeTakeFirstOrThrow())).id;
  await useNotify();
});
after(async () => {
  await notify.close();
  await smtp.close();
  await t.drop();
});
beforeEach(async () => {
  // Each test starts with no notices (as the owner: notices are area rows).
  await t.owner.deleteFrom('feedback_notice').execute();
});

async function currentVersion(areaId: string): Promise<number> {
  return (await withArea(t.db, areaId, (tx) => tx.selectFrom('area_notification_setting').select('version').where('area_id', '=', areaId).executeTakeFirst()))?.version ?? 0;
}

async function useNotify(smsTemplate = smsTemplateId) {
  const box = (notifierFor as ReturnType<typeof areaNotifiers>).secrets;
  await saveSettings(t.db, box, areas.riverside.id, areas.riverside.memberIds.area_admin, {
    transport: 'notify', version: await currentVersion(areas.riverside.id), notifyApiKey: notify.apiKey, removeNotifyKey: false, notifyEmailTemplateId: emailTemplateId, notifySmsTemplateId: smsTemplate,
  });
}

async function useSmtp() {
  const box = (notifierFor as ReturnType<typeof areaNotifiers>).secrets;
  await saveSettings(t.db, box, areas.riverside.id, areas.riverside.memberIds.area_admin, {
    transport: 'smtp', version: await currentVersion(areas.riverside.id), smtpHost: smtp.host, smtpPort: smtp.port, smtpSecure: false, smtpUser: '', smtpPassword: '', removeSmtpPassword: false, emailFrom: 'send@riverside.example.org',
  });
}

type Spec = { channel: 'email' | 'sms' | 'supporter' | 'letter'; address?: string; contact?: boolean };

/** Contributors with a contact choice and one pending notice each, as publication writes them. */
async function addNotices(specs: Spec[]): Promise<string[]> {
  const { riverside } = areas;
  return withArea(t.db, riverside.id, async (tx) => {
    const ids: string[] = [];
    for (const [i, spec] of specs.entries()) {
      const response = await insertResponse(tx, riverside.id, { activityId: riverside.activityId, answers: [] });
      if (spec.contact !== false) {
        await tx.insertInto('feedback_contact').values({ area_id: riverside.id, response_id: response.id, channel: spec.channel, address: spec.channel === 'letter' ? '' : (spec.address ?? `person${i}@example.com`), updated_at: new Date() }).execute();
      }
      const notice = await tx
        .insertInto('feedback_notice')
        .values({ area_id: riverside.id, theme_response_id: themeResponseId, response_id: response.id, recipient_key: `response:${response.id}`, channel: spec.channel, subject: 'What happened to your views', body: `We did it (${i}).` })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(notice.id);
    }
    return ids;
  });
}

async function notices() {
  return withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('feedback_notice').selectAll().orderBy('created_at').execute());
}

test('pending email, text message and supporter notices go through the area\'s Notify once; letters are left for printing', async () => {
  const before = notify.requests.length;
  const [email, sms, supporter, letter] = await addNotices([
    { channel: 'email', address: 'jane@example.com' },
    { channel: 'sms', address: '07700900123' },
    { channel: 'supporter', address: 'helper@example.com' },
    { channel: 'letter' },
  ]);
  const summary = await sendPendingNotices(t.db, notifierFor);
  assert.deepEqual(summary, { sent: 3, failed: 0, unknown: 0, released: 0 });

  const sent = notify.requests.slice(before);
  assert.deepEqual(sent.map((r) => r.body.reference).sort(), [email, sms, supporter].sort(), 'each notice once, with its id as the reference');
  assert.deepEqual(sent.find((r) => r.body.reference === sms)!.body, { template_id: smsTemplateId, phone_number: '07700900123', personalisation: { body: 'We did it (1).' }, reference: sms });
  assert.equal(sent.find((r) => r.body.reference === supporter)!.body.email_address, 'helper@example.com');

  const rows = new Map((await notices()).map((n) => [n.id, n]));
  for (const id of [email!, sms!, supporter!]) {
    const row = rows.get(id)!;
    assert.equal(row.status, 'sent');
    assert.ok(row.sent_at);
    assert.equal(row.provider_reference, sent.find((r) => r.body.reference === id)!.notificationId);
  }
  assert.equal(rows.get(letter!)!.status, 'pending', 'letters are printed by a lead, never sent by the job');

  // The outbox keeps a record without personal data: masked address, subject, no body.
  const record = await t.owner.selectFrom('outbox_message').selectAll().where('transport', '=', 'notify').where('channel', '=', 'email').orderBy('created_at', 'desc').execute();
  assert.ok(record.some((r) => r.recipient === 'j***@example.com' && r.subject === 'What happened to your views' && r.body === '' && r.sent_at !== null && r.area_slug === 'riverside'));
  // (The demo's own messages went through the development outbox, which keeps bodies by design.)
  const everything = JSON.stringify(await t.owner.selectFrom('outbox_message').selectAll().where('transport', '!=', 'outbox').execute());
  assert.doesNotMatch(everything, /jane@example\.com|07700900123|helper@example\.com|We did it/);

  assert.deepEqual(await sendPendingNotices(t.db, notifierFor), { sent: 0, failed: 0, unknown: 0, released: 0 }, 'a second run sends nothing again');
});

test('the address is read when sending: a changed address is used, a deleted contact fails with "no address"', async () => {
  const [changed, deleted] = await addNotices([{ channel: 'email', address: 'old@example.com' }, { channel: 'email', address: 'gone@example.com' }]);
  await withArea(t.db, areas.riverside.id, async (tx) => {
    const rows = await tx.selectFrom('feedback_notice').select(['id', 'response_id']).where('id', 'in', [changed!, deleted!]).execute();
    const responseOf = new Map(rows.map((r) => [r.id, r.response_id]));
    await tx.updateTable('feedback_contact').set({ address: 'new@example.com' }).where('response_id', '=', responseOf.get(changed!)!).execute();
    await tx.deleteFrom('feedback_contact').where('response_id', '=', responseOf.get(deleted!)!).execute();
  });
  const summary = await sendPendingNotices(t.db, notifierFor);
  assert.deepEqual(summary, { sent: 1, failed: 1, unknown: 0, released: 0 });
  assert.equal(notify.requests.find((r) => r.body.reference === changed)!.body.email_address, 'new@example.com');
  assert.equal(notify.requests.some((r) => r.body.reference === deleted), false);
  const failed = (await notices()).find((n) => n.id === deleted)!;
  assert.equal(failed.status, 'failed');
  assert.equal(failed.attempts, 1);
  assert.match(failed.last_error, /^No address/);
});

test('Notify refusing a message: failed with Notify\'s words, no key; an SMTP area cannot send text messages', async () => {
  const [refused] = await addNotices([{ channel: 'email', address: 'typo@example' }]);
  notify.failNext(400, 'email_address Not a valid email address');
  await sendPendingNotices(t.db, notifierFor);
  const row = (await notices()).find((n) => n.id === refused)!;
  assert.equal(row.status, 'failed');
  assert.equal(row.last_error, 'GOV.UK Notify refused the message. It said: email_address Not a valid email address');

  await useSmtp();
  try {
    const received = smtp.received.length;
    const [email, sms] = await addNotices([{ channel: 'email', address: 'smtp-person@example.com' }, { channel: 'sms', address: '07700900999' }]);
    assert.deepEqual(await sendPendingNotices(t.db, notifierFor), { sent: 1, failed: 1, unknown: 0, released: 0 });
    assert.deepEqual(smtp.received.slice(received).map((m) => m.to), [['smtp-person@example.com']]);
    const rows = new Map((await notices()).map((n) => [n.id, n]));
    assert.equal(rows.get(email!)!.status, 'sent');
    assert.match(rows.get(sms!)!.last_error, /This area has no way to send text messages/);
  } finally {
    await useNotify();
  }
});

test('two senders at once on the same pending notices: each message reaches Notify exactly once', async () => {
  const ids = await addNotices(Array.from({ length: 40 }, (_, i) => ({ channel: i % 4 === 0 ? 'sms' : 'email', address: i % 4 === 0 ? `0770090${String(i).padStart(4, '0')}` : `p${i}@example.com` }) as Spec));
  const before = notify.requests.length;
  // Neither sender sends until both have claimed their batch: the two really overlap.
  let arrived = 0;
  let release!: () => void;
  const bothClaimed = new Promise<void>((resolve) => (release = resolve));
  const afterBothClaimed: NotifierFor = async (areaId) => {
    arrived += 1;
    if (arrived === 2) release();
    await bothClaimed;
    return notifierFor(areaId);
  };
  const [a, b] = await Promise.all([sendPendingNotices(t.db, afterBothClaimed, { limit: 7 }), sendPendingNotices(t.db, afterBothClaimed, { limit: 7 })]);
  // A batch of 7 each: run again until both find nothing, as the every-minute job would.
  let more = { sent: 1 };
  while (more.sent > 0) {
    const [c, d] = await Promise.all([sendPendingNotices(t.db, notifierFor, { limit: 7 }), sendPendingNotices(t.db, notifierFor, { limit: 7 })]);
    more = { sent: c.sent + d.sent };
  }
  assert.ok(a.sent > 0 && b.sent > 0, `both senders worked (${a.sent} and ${b.sent})`);
  const references = notify.requests.slice(before).map((r) => r.body.reference);
  assert.equal(references.length, 40, 'forty messages, no more');
  assert.deepEqual([...new Set(references)].sort(), [...ids].sort(), 'each notice exactly once');
  assert.ok((await notices()).every((n) => n.status === 'sent'));
});

test('a notice left "sending" for over ten minutes becomes "unknown" and is never sent again by the job', async () => {
  const [stale, recent] = await addNotices([{ channel: 'email' }, { channel: 'email' }]);
  const now = new Date();
  await withArea(t.db, areas.riverside.id, async (tx) => {
    await tx.updateTable('feedback_notice').set({ status: 'sending', claimed_at: new Date(now.getTime() - STALE_AFTER_MS - 60_000) }).where('id', '=', stale!).execute();
    await tx.updateTable('feedback_notice').set({ status: 'sending', claimed_at: new Date(now.getTime() - 60_000) }).where('id', '=', recent!).execute();
  });
  const before = notify.requests.length;
  assert.deepEqual(await sendPendingNotices(t.db, notifierFor, { now }), { sent: 0, failed: 0, unknown: 1, released: 0 });
  const rows = new Map((await notices()).map((n) => [n.id, n]));
  assert.equal(rows.get(stale!)!.status, 'unknown');
  assert.match(rows.get(stale!)!.last_error, /may have arrived/);
  assert.equal(rows.get(recent!)!.status, 'sending', 'a send in progress elsewhere is left alone');
  assert.equal(notify.requests.length, before);
});

test('stopping mid-batch puts back what was claimed but not yet handed over', async () => {
  await addNotices([{ channel: 'email' }, { channel: 'email' }, { channel: 'email' }]);
  const stop = new AbortController();
  let sends = 0;
  const inner = await notifierFor(areas.riverside.id);
  const stopsAfterOne: Notifier = {
    async send(message) {
      sends += 1;
      const result = await inner.send(message);
      stop.abort();
      return result;
    },
  };
  const summary = await sendPendingNotices(t.db, async () => stopsAfterOne, { signal: stop.signal });
  assert.deepEqual(summary, { sent: 1, failed: 0, unknown: 0, released: 2 });
  assert.equal(sends, 1);
  assert.deepEqual((await notices()).map((n) => n.status).sort(), ['pending', 'pending', 'sent']);
});

test('the database never holds the Notify key in clear, and another installation secret cannot open it', async () => {
  const rows = await t.owner.selectFrom('area_notification_setting').selectAll().execute();
  const stored = JSON.stringify(rows);
  const secretPart = notify.apiKey.slice(-36);
  assert.doesNotMatch(stored, new RegExp(secretPart), 'the secret part of the key is not stored');
  assert.doesNotMatch(stored, new RegExp(notify.serviceId), 'nor the service id part');
  // Nor anywhere else in the database (an audit entry, say).
  const dump = await sql<{ t: string }>`select string_agg(x::text, ' ') as t from (select row_to_json(a) as x from audit_event a) s`.execute(t.owner);
  assert.doesNotMatch(dump.rows[0]?.t ?? '', new RegExp(secretPart));

  const [id] = await addNotices([{ channel: 'email' }]);
  const stranger = areaNotifiers(t.db, 'a-different-installation-secret'.padEnd(64, 'z'), { notifyBaseUrl: notify.url });
  const before = notify.requests.length;
  assert.deepEqual(await sendPendingNotices(t.db, stranger), { sent: 0, failed: 1, unknown: 0, released: 0 });
  assert.equal(notify.requests.length, before, 'nothing reached Notify');
  assert.match((await notices()).find((n) => n.id === id)!.last_error, /can no longer be read/);
});

test('an area without settings sends through the installation\'s notifier; each area through its own', async () => {
  const seen: Array<{ recipient: string; areaSlug: string | null | undefined }> = [];
  const installation: Notifier = { send: async (m) => { seen.push({ recipient: m.recipient, areaSlug: m.areaSlug }); return { transport: 'installation', reference: 'x' }; } };
  const withFallback = areaNotifiers(t.db, SECRET, { notifyBaseUrl: notify.url, fallback: installation });
  const { northVale } = areas;
  await withArea(t.db, northVale.id, async (tx) => {
    const tr = await tx.selectFrom('theme_response').select('id').where('theme_id', '=', northVale.themeId).executeTakeFirstOrThrow();
    const response = await insertResponse(tx, northVale.id, { activityId: northVale.activityId, answers: [] });
    await tx.insertInto('feedback_contact').values({ area_id: northVale.id, response_id: response.id, channel: 'email', address: 'nv-person@example.com', updated_at: new Date() }).execute();
    await tx.insertInto('feedback_notice').values({ area_id: northVale.id, theme_response_id: tr.id, response_id: response.id, recipient_key: `response:${response.id}`, channel: 'email', subject: 's', body: 'b' }).execute();
  });
  const [riversideNotice] = await addNotices([{ channel: 'email', address: 'rs-person@example.com' }]);
  const before = notify.requests.length;
  assert.deepEqual(await sendPendingNotices(t.db, withFallback), { sent: 2, failed: 0, unknown: 0, released: 0 });
  assert.deepEqual(seen, [{ recipient: 'nv-person@example.com', areaSlug: 'north-vale' }], 'North Vale has no settings: the installation\'s way');
  assert.deepEqual(notify.requests.slice(before).map((r) => r.body.reference), [riversideNotice], 'Riverside uses its own Notify');
  await t.owner.deleteFrom('feedback_notice').where('area_id', '=', northVale.id).execute();
});
