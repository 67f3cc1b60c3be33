/**
 * Safeguarding reads its own tables, and people's names and addresses and activities' titles through
 * the accounts and activities services (decision 0016). These are the places a lead would notice if
 * that lookup went wrong: who raised, reviewed and decided a concern, who recorded an action, which
 * activity it came from, and where the alerts went. Read from the demo area, as the lead sees it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readPage } from '../../testing/dom.ts';
import { Client, seededApp, type TestDb } from '../../testing/harness.ts';
import { DEMO_DISCLOSURE } from '../../seed/seed-safeguarding.ts';
import { sendSafeguardingAlerts } from './safeguarding.service.ts';

const A = '/a/riverside';
let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
before(async () => {
  ({ t, app, close } = await seededApp());
});
after(() => close());

async function designatedLead(): Promise<Client> {
  const client = new Client(app);
  await client.signIn('safeguarding@riverside.example');
  return client;
}

test('the list of concerns names the activity each came from', async () => {
  const list = readPage((await (await designatedLead()).get(`${A}/safeguarding`)).body);
  const words = list.text('main');
  assert.ok(words.includes('Help us plan the new Saturday club'), words);
  assert.ok(!words.includes('No activity'), 'every demo concern came from the children\'s survey');
});

test('a concern raised by hand says who raised it, who decided and who recorded the action', async () => {
  const lead = await designatedLead();
  const list = readPage((await lead.get(`${A}/safeguarding`)).body);
  const staffRaised = (await t.owner.selectFrom('safeguarding_concern').select('id').where('origin', '=', 'staff').executeTakeFirstOrThrow()).id;
  assert.ok(list.links().some((l) => l.href === `${A}/safeguarding/concerns/${staffRaised}`), 'the list links to it');

  const page = readPage((await lead.get(`${A}/safeguarding/concerns/${staffRaised}`)).body);
  const words = page.text('main');
  assert.ok(words.includes('Help us plan the new Saturday club'), 'the activity');
  assert.ok(words.includes('Raised by staff (by Jess Patel)'), 'raised by the participation lead');
  assert.match(words, /Decided [^.]* by Grace Mensah/);
  assert.ok(!words.includes('someone who has left'), 'every name is found');
  const actions = page.tableRows('Actions taken, in date order');
  assert.equal(actions.length, 1);
  assert.equal(actions[0]!.at(-1), 'Grace Mensah');
});

test('alerts go to the designated lead\'s sign-in address and the mobile number they gave, never with the words', async () => {
  await sendSafeguardingAlerts(t.db, app.notifierFor, { baseUrl: 'http://chorus.test' });
  const sent = await t.owner
    .selectFrom('safeguarding_alert as a')
    .innerJoin('account', 'account.id', 'a.account_id')
    .select(['a.channel', 'a.status', 'account.email'])
    .where('account.email', '=', 'safeguarding@riverside.example')
    .execute();
  assert.ok(sent.length >= 2 && sent.every((a) => a.status === 'sent'), JSON.stringify(sent));
  const outbox = await t.owner.selectFrom('outbox_message').select(['channel', 'recipient', 'body']).where('area_slug', '=', 'riverside').execute();
  const toLead = outbox.filter((m) => m.recipient === 'safeguarding@riverside.example' || m.recipient === '+447700900982');
  assert.deepEqual([...new Set(toLead.map((m) => m.channel))].sort(), ['email', 'sms']);
  assert.ok(outbox.every((m) => m.recipient !== ''), 'no message without an address');
  assert.ok(toLead.every((m) => !m.body.includes('step dad') && !m.body.includes(DEMO_DISCLOSURE)));
});
