/**
 * "How would you like to hear what happened?" on the survey's thank-you page: each way's checks
 * (with what was typed kept), "through the person who helped me" only when someone did, one stored
 * choice per response however often it is sent, and the receipt code emailed once. Deleting addresses
 * after the area's period is the retention schedule's (privacy/retention.test.ts, kind hear_back).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { readPage, type Page } from '../../testing/dom.ts';
import { Client, lastMessageTo, seededApp, type TestDb } from '../../testing/harness.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity, setActivityStatus } from '../activities/activities.service.ts';
import { findAreaBySlug } from '../areas/areas.service.ts';
import { addQuestion } from '../surveys/questions.service.ts';
import { normaliseUkMobile, setContactPreference } from './contacts.service.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let areaId: string;
let survey: string;
let kidsSurvey: string;
before(async () => {
  ({ t, app, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  const make = async (childrenMode: boolean) => {
    const activity = await createActivity(t.db, areaId, null, testActivity({ title: childrenMode ? 'Our school day' : 'Short breaks', childrenMode }));
    await addQuestion(t.db, areaId, null, activity.id, { type: 'free_text', text: 'What should change?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
    await setActivityStatus(t.db, areaId, null, activity.id, 'open');
    return activity.id;
  };
  survey = await make(false);
  kidsSurvey = await make(true);
});
after(() => close());

const A = '/a/riverside';

/** Answers and sends a survey as a person would; returns the response's base path, on its thank-you page. */
async function answered(client: Client, activityId = survey, how: 'own' | 'supported' = 'own'): Promise<string> {
  const start = await client.get(`${A}/surveys/${activityId}`);
  const key = readPage(start.body).hiddenValue('idempotencyKey')!;
  const started = await client.post(`${A}/surveys/${activityId}`, { idempotencyKey: key, how });
  const base = /^(\/a\/riverside\/responses\/[0-9a-f-]{36})\//.exec(String(started.headers.location))![1]!;
  if (how === 'supported') await client.post(`${base}/supporter`, { relationship: 'youth_worker', methods: ['symbols'] });
  await client.post(`${base}/questions/1`, { answer: 'More clubs', action: 'continue' });
  await client.post(`${base}/submit`);
  const thanks = await client.get(`${base}/thank-you`);
  assert.equal(thanks.statusCode, 200);
  return base;
}

const idOf = (base: string) => base.split('/').pop()!;
const contactOf = (responseId: string) => t.owner.selectFrom('feedback_contact').select(['channel', 'address', 'format', 'language']).where('response_id', '=', responseId).execute();
/** A question's radio buttons (by the name the form sends), in the order a person meets them. */
const radios = (page: Page, name: string) => page.getAllByRole('radio').filter((radio) => radio.getAttribute('name') === name);
const choices = (page: Page, name: string) => radios(page, name).map((radio) => radio.getAttribute('value'));
const ticked = (page: Page, name: string) => radios(page, name).filter((radio) => radio.hasAttribute('checked')).map((radio) => radio.getAttribute('value'));
const labelOf = (page: Page, field: Element) => page.document.querySelector(`label[for="${field.id}"]`);

/** Refused: the error summary (each message leading to its field), "Error:" in the title, and each field by its label still holding what was typed. */
async function expectError(response: LightMyRequestResponse, errors: string[], kept: Record<string, string> = {}) {
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  assert.deepEqual(page.errorLinks(), errors);
  assert.match(page.document.title, /^Error: /);
  for (const [label, value] of Object.entries(kept)) assert.equal(page.valueOf(label), value, `${label} keeps what was typed`);
}

test('the thank-you page asks how to hear back, says what the address is for and when it is deleted', async () => {
  const client = new Client(app);
  const base = await answered(client);
  const page = readPage((await client.get(`${base}/thank-you`)).body);
  assert.ok(page.getByRole('heading', { name: 'How would you like to hear what happened?' }));
  assert.deepEqual(choices(page, 'channel'), ['email', 'sms', 'letter', 'none'], 'no supporter when nobody helped');
  assert.deepEqual(choices(page, 'format'), ['easy_read', 'standard']);
  assert.deepEqual(ticked(page, 'format'), ['standard'], 'standard words preselected for adults');
  assert.ok(page.getByText(/^We keep your email address or phone number only to tell you what happened to your views\. Nobody else sees it\. We delete it 12 months after you answered\./));
  assert.equal(page.getByRole('link', { name: /^Read our privacy notice/ }).getAttribute('href'), '/a/riverside/privacy');
  const form = radios(page, 'channel')[0]!.closest('form')!;
  assert.deepEqual([form.getAttribute('method'), form.getAttribute('action'), form.hasAttribute('novalidate')], ['post', `${base}/hear-back`, true]);
  assert.ok(!page.text('body').includes('Send me the code'), 'the old one-off email form has gone');
});

test('each way’s checks, with what was typed kept; nothing is stored until it is right', async () => {
  const client = new Client(app);
  const base = await answered(client);
  await expectError(await client.post(`${base}/hear-back`, { format: 'standard' }), ['#channel Select how you would like to hear what happened']);
  await expectError(await client.post(`${base}/hear-back`, { channel: 'email', email: '', format: 'standard' }), ['#email Enter your email address']);
  await expectError(await client.post(`${base}/hear-back`, { channel: 'email', email: 'not an email', format: 'standard' }), ['#email Enter an email address in the correct format, like name@example.com'], { 'Your email address': 'not an email' });
  await expectError(await client.post(`${base}/hear-back`, { channel: 'sms', mobile: '', format: 'standard' }), ['#mobile Enter your mobile number']);
  for (const notMobile of ['01632 960000', '07700 90012', '+33 6 12 34 56 78', 'call me']) {
    await expectError(await client.post(`${base}/hear-back`, { channel: 'sms', mobile: notMobile, format: 'standard' }), ['#mobile Enter a UK mobile number, like 07700 900123'], { 'Your mobile number': notMobile });
  }
  await expectError(await client.post(`${base}/hear-back`, { channel: 'supporter', supporterEmail: 'yw@example.org', format: 'standard' }), ['#channel Select how you would like to hear what happened'], {});
  await expectError(await client.post(`${base}/hear-back`, { channel: 'carrier pigeon', format: 'standard' }), ['#channel Select how you would like to hear what happened']);
  await expectError(await client.post(`${base}/hear-back`, { channel: 'letter' }), ['#format Select how we should write it']);
  // Two problems at once are both reported.
  await expectError(await client.post(`${base}/hear-back`, { channel: 'email', email: 'x', format: 'fancy' }), ['#email Enter an email address in the correct format, like name@example.com', '#format Select how we should write it']);
  assert.deepEqual(await contactOf(idOf(base)), []);
});

test('email: stored once, the receipt code sent at once and not again when the same choice is sent twice; changeable', async () => {
  const client = new Client(app);
  const base = await answered(client);
  const token = client.csrf();
  const replays = await Promise.all(Array.from({ length: 6 }, () => client.post(`${base}/hear-back`, { channel: 'email', email: ' Me@Family.example ', format: 'easy_read' }, { csrf: token })));
  assert.deepEqual([...new Set(replays.map((r) => r.statusCode))], [303]);
  assert.equal(replays[0]!.headers.location, `${base}/thank-you`);
  assert.deepEqual(await contactOf(idOf(base)), [{ channel: 'email', address: 'Me@Family.example', format: 'easy_read', language: 'en' }]);
  const { receipt_code: code } = await t.owner.selectFrom('response').select('receipt_code').where('id', '=', idOf(base)).executeTakeFirstOrThrow();
  const sent = await t.owner.selectFrom('outbox_message').select(['body']).where('recipient', '=', 'Me@Family.example').execute();
  assert.equal(sent.length, 1, 'one email however many replays');
  assert.ok(sent[0]!.body.includes(code!));
  assert.ok(sent[0]!.body.includes('/a/riverside/my-views'));
  const page = readPage((await client.get(`${base}/thank-you`)).body);
  assert.ok(page.getByText(/We will email you when we have an answer\. We have also sent you your receipt code\./));
  assert.ok(page.getByText('You chose: By email (Me@Family.example)'));
  assert.deepEqual(ticked(page, 'channel'), ['email']);

  // Changed to a text message: the same row, now with the number as +447…; no email this time.
  assert.equal((await client.post(`${base}/hear-back`, { channel: 'sms', mobile: '+44 (0)7700 900123', format: 'standard' })).statusCode, 303);
  assert.deepEqual(await contactOf(idOf(base)), [{ channel: 'sms', address: '+447700900123', format: 'standard', language: 'en' }]);
  assert.equal((await t.owner.selectFrom('outbox_message').select('id').where('recipient', '=', 'Me@Family.example').execute()).length, 1);
  // And to "no thanks": no address kept at all.
  await client.get(`${base}/thank-you`);
  assert.equal((await client.post(`${base}/hear-back`, { channel: 'none', email: 'ignored@example.com', format: 'standard' })).statusCode, 303);
  assert.deepEqual(await contactOf(idOf(base)), [{ channel: 'none', address: '', format: 'standard', language: 'en' }]);
  // The choice is audited without the address.
  const audits = await t.owner.selectFrom('audit_event').selectAll().where('subject_id', '=', idOf(base)).execute();
  assert.ok(audits.length >= 3);
  assert.ok(!JSON.stringify(audits).includes('Family.example') && !JSON.stringify(audits).includes('7700900123'));
});

test('a letter at the next session, in Welsh', async () => {
  const client = new Client(app);
  await client.get(`${A}?lang=cy`);
  const base = await answered(client);
  const page = readPage((await client.get(`${base}/thank-you`)).body);
  assert.ok(page.getByRole('heading', { name: 'Sut hoffech chi glywed beth ddigwyddodd?' }));
  assert.equal((await client.post(`${base}/hear-back`, { channel: 'letter', format: 'easy_read' })).statusCode, 303);
  assert.deepEqual(await contactOf(idOf(base)), [{ channel: 'letter', address: '', format: 'easy_read', language: 'cy' }]);
});

test('through the person who helped: offered only for a supported response, with their email checked', async () => {
  const youthWorker = new Client(app);
  const base = await answered(youthWorker, kidsSurvey, 'supported');
  const page = readPage((await youthWorker.get(`${base}/thank-you`)).body);
  assert.deepEqual(choices(page, 'channel'), ['email', 'sms', 'supporter', 'letter', 'none']);
  await expectError(await youthWorker.post(`${base}/hear-back`, { channel: 'supporter', supporterEmail: '', format: 'easy_read' }), ['#supporterEmail Enter the email address of the person who helped you']);
  await expectError(await youthWorker.post(`${base}/hear-back`, { channel: 'supporter', supporterEmail: 'youth worker', format: 'easy_read' }), ['#supporterEmail Enter their email address in the correct format, like name@example.com'], { 'Their email address': 'youth worker' });
  assert.equal((await youthWorker.post(`${base}/hear-back`, { channel: 'supporter', supporterEmail: 'yw@club.example', format: 'easy_read' })).statusCode, 303);
  assert.deepEqual(await contactOf(idOf(base)), [{ channel: 'supporter', address: 'yw@club.example', format: 'easy_read', language: 'en' }]);
  assert.equal(await lastMessageTo(t.db, 'yw@club.example'), undefined, 'the supporter is told when there is an answer, not now');
});

test('children’s mode: easy-read words and a symbol beside each way, easy read preselected, large targets', async () => {
  const client = new Client(app);
  const base = await answered(client, kidsSurvey);
  const page = readPage((await client.get(`${base}/thank-you`)).body);
  assert.ok(page.getByRole('heading', { name: 'How should we tell you what we did?' }));
  const ways: Array<[string, string]> = [['Send me an email', '1F4E7'], ['Send a text to my phone', '1F4F1'], ['Give me a letter next time', '2709'], ['No thanks. I will use my code', '1F511']];
  for (const [way, hex] of ways) {
    // The symbol sits inside the choice's label, decorative (the words say it), 64 pixels.
    const symbol = labelOf(page, page.getByRole('radio', { name: way }))!.querySelector('img')!;
    assert.deepEqual([symbol.getAttribute('src'), symbol.getAttribute('alt'), symbol.getAttribute('width')], [`/symbols/${hex}.svg`, '', '64'], way);
  }
  assert.deepEqual(ticked(page, 'format'), ['easy_read']);
  for (const radio of [...radios(page, 'channel'), ...radios(page, 'format')]) assert.ok(labelOf(page, radio)!.classList.contains('chorus-large-target'), `${radio.getAttribute('value')}: a large target`);
  const empty = await client.post(`${base}/hear-back`, { format: 'easy_read' });
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#channel Choose how we should tell you']);
});

test('nobody else can choose for a response: another browser gets "not found", and nothing before it is sent', async () => {
  const owner = new Client(app);
  const base = await answered(owner);
  const stranger = new Client(app);
  await stranger.get(`${A}/my-views`);
  assert.equal((await stranger.post(`${base}/hear-back`, { channel: 'email', email: 'evil@example.com', format: 'standard' })).statusCode, 404);
  assert.deepEqual(await contactOf(idOf(base)), []);

  const early = new Client(app);
  const start = await early.get(`${A}/surveys/${survey}`);
  const key = readPage(start.body).hiddenValue('idempotencyKey')!;
  const started = await early.post(`${A}/surveys/${survey}`, { idempotencyKey: key, how: 'own' });
  const unsent = /^(\/a\/riverside\/responses\/[0-9a-f-]{36})\//.exec(String(started.headers.location))![1]!;
  const tooEarly = await early.post(`${unsent}/hear-back`, { channel: 'email', email: 'early@example.com', format: 'standard' });
  assert.equal(tooEarly.statusCode, 303);
  assert.notEqual(tooEarly.headers.location, `${unsent}/thank-you`);
  assert.deepEqual(await contactOf(idOf(unsent)), []);
  // The service refuses a supporter for a response nobody helped with.
  await assert.rejects(setContactPreference(t.db, areaId, idOf(base), { channel: 'supporter', address: 'x@y.example', format: 'standard', language: 'en' }), /Not found/);
});

test('UK mobile numbers in the forms people type them', () => {
  for (const typed of ['07700 900123', '07700-900-123', '+447700900123', '+44 7700 900123', '447700900123', '0044 7700 900123', '+44 (0)7700 900123', '(07700) 900123']) {
    assert.equal(normaliseUkMobile(typed), '+447700900123', typed);
  }
  for (const typed of ['', '01632 960000', '020 7946 0000', '0770090012', '077009001234', '+33612345678', '07700 9001x3', '+4407700900123x']) assert.equal(normaliseUkMobile(typed), undefined, typed);
});
