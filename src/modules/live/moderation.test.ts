/**
 * Moderation and safety in live sessions (issue 15 §1), as a participant, a facilitator and an
 * attacker would notice it: personal details gone before any screen, swearing masked and waiting
 * even in a session that shows notes at once, a possible disclosure held (a concern raised, its words
 * in no event and on no page but the safeguarding lead's), hiding that takes a note off every screen
 * in one event, approving that puts it on, and facilitators of another organisation refused.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity } from '../activities/activities.service.ts';
import { listOrganisations } from '../areas/areas.service.ts';
import { getSession } from './core.ts';
import { maskSwearing, moderationQueue, postSourceKey, screenLiveText } from './moderation.service.ts';
import { joinAs, runningSession, writeNote } from './moderation.test-support.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let lead: Client;
let practitioner: Client;
let safeguardingLead: Client;
let northLead: Client;

const events = (db: Db, areaId: string, sessionId: string) =>
  withArea(db, areaId, (tx) => tx.selectFrom('live_event').select(['seq', 'kind', 'audience', 'payload']).where('session_id', '=', sessionId).orderBy('seq').execute());
const postRow = (db: Db, areaId: string, id: string) => withArea(db, areaId, (tx) => tx.selectFrom('live_post').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

let youthVoiceActivity: string;
let direct: { sessionId: string; interactionId: string };
let approve: { sessionId: string; interactionId: string };
let person: { participantId: string; responseId: string; receiptCode: string };
const base = (s: { sessionId: string }) => `/a/riverside/activities/${youthVoiceActivity}/live/${s.sessionId}`;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
  const r = areas.riverside.id;
  const orgs = new Map((await listOrganisations(t.db, r)).map((o) => [o.name, o.id]));
  // Riverside Youth Voice's activity: the lead's organisation, not the practitioner's (Riverside NHS Trust).
  youthVoiceActivity = (await createActivity(t.db, r, null, testActivity({ organisationId: orgs.get('Riverside Youth Voice')!, title: 'Youth forum, March' }))).id;
  direct = await runningSession(t.db, r, youthVoiceActivity, { moderation: 'direct' });
  approve = await runningSession(t.db, r, youthVoiceActivity, { moderation: 'approve' });
  person = await joinAs(t.db, r, youthVoiceActivity, direct.sessionId);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  practitioner = new Client(app);
  await practitioner.signIn('practitioner@riverside.example');
  safeguardingLead = new Client(app);
  await safeguardingLead.signIn('safeguarding@riverside.example');
  northLead = new Client(app);
  await northLead.signIn('nv-admin@northvale.example');
});
after(async () => {
  await app?.close();
  await t?.drop();
});

test('a name and a phone number are removed before any screen, and the note waits for the facilitator even in a session that shows notes at once', async () => {
  const note = await writeNote(t.db, areas.riverside.id, direct.sessionId, direct.interactionId, person, 'Ask Jess Patel, or ring me on 07700 900123, the club is great');
  assert.equal(note.status, 'pending');
  assert.deepEqual(note.flags, ['personal_details']);
  assert.ok(!note.shownText.includes('Jess') && !note.shownText.includes('07700'), note.shownText);
  assert.match(note.shownText, /the club is great/);
  const row = await postRow(t.db, areas.riverside.id, note.id);
  assert.equal(row.shown_text, note.shownText);
  // The facilitator's queue shows the screened words, and why the note waits.
  const page = readPage((await lead.get(`${base(direct)}/moderation`)).body);
  assert.ok(page.text().includes('the club is great'));
  assert.ok(!page.text().includes('Jess Patel') && !page.text().includes('07700'));
  assert.ok(page.text().includes('Personal details taken out'));
});

test('swearing is masked with stars and waits, even in a direct session; a clean note goes straight up', async () => {
  const rude = await writeNote(t.db, areas.riverside.id, direct.sessionId, direct.interactionId, person, 'the bus is shit and the driver is a dickhead');
  assert.equal(rude.status, 'pending');
  assert.deepEqual(rude.flags, ['profanity']);
  assert.equal(rude.shownText, 'the bus is **** and the driver is a ****head');
  const clean = await writeNote(t.db, areas.riverside.id, direct.sessionId, direct.interactionId, person, 'more trips to the seaside please');
  assert.equal(clean.status, 'shown');
  assert.deepEqual(clean.flags, []);
  const someone = await joinAs(t.db, areas.riverside.id, youthVoiceActivity, approve.sessionId);
  const waits = await writeNote(t.db, areas.riverside.id, approve.sessionId, approve.interactionId, someone, 'more trips to the seaside please');
  assert.equal(waits.status, 'pending', 'a session with approval shows nothing until the facilitator says so');
  assert.deepEqual(waits.flags, []);
});

test('place names and the words of SEND are not taken for swearing; swearing in disguise is', () => {
  const fine = ['I live in Scunthorpe', 'Penistone', 'Shitterton in Dorset', 'Cockermouth', 'Middlesex', 'Sussex', 'Essex', 'Clitheroe', 'Lightwater', 'Bitchfield', 'Mr Cumming is my teacher', 'Dick Whittington panto',
    'my assessment', 'the classroom', 'my teaching assistant', 'speech and language therapist', 'autism', 'ADHD', 'dyslexia', 'EHCP', 'SENCO', 'grasshopper', 'cocktail sausages', 'Hancock', 'analysis', 'passing my exams', 'specialist', 'Sheffield Wednesday', 'Cockfosters'];
  for (const words of fine) assert.equal(maskSwearing(words).found, false, words);
  const rude = ['this is shit', 'f*ck off', 'sh1t', 'you wanker', 'bitch', 'bastard', 'piss off', 'retard'];
  for (const words of rude) assert.equal(maskSwearing(words).found, true, words);
});

test('a possible disclosure is held, the safeguarding lead is told, and its words reach no event and no page but the lead\'s', async () => {
  const secret = 'my stepdad hits me and I am scared to go home';
  const note = await writeNote(t.db, areas.riverside.id, direct.sessionId, direct.interactionId, person, secret);
  assert.equal(note.status, 'held');
  assert.deepEqual(note.flags, ['safeguarding']);
  assert.equal(note.concernRaised, true);
  // Writing the same note again (a resent form) raises no second concern.
  const again = await withArea(t.db, areas.riverside.id, async (tx) =>
    screenLiveText(tx, areas.riverside.id, { session: (await getSession(tx, areas.riverside.id, direct.sessionId))!, interactionId: direct.interactionId, sourceKey: postSourceKey(note.id), text: secret, participantId: person.participantId, receiptCode: person.receiptCode }),
  );
  assert.equal(again.status, 'held');
  assert.equal(again.concernRaised, false);

  for (const e of await events(t.db, areas.riverside.id, direct.sessionId)) assert.ok(!JSON.stringify(e.payload).includes('hits me'), `event ${e.kind}`);
  const queue = await withArea(t.db, areas.riverside.id, (tx) => moderationQueue(tx, areas.riverside.id, direct.sessionId));
  assert.equal(queue.held, 1);
  assert.ok(!queue.pending.some((p) => p.id === note.id));

  const leadPage = await lead.get(`${base(direct)}/moderation`);
  assert.ok(!leadPage.body.includes('hits me'));
  const text = readPage(leadPage.body).text();
  assert.ok(text.includes('1 note was held back because it may show someone is at risk. The safeguarding lead has been told.'), text);
  assert.ok(!readPage(leadPage.body).queryByRole('link', { name: 'Go to safeguarding concerns' }), 'the participation lead cannot open concerns');
  for (const page of ['console', 'present', 'results']) {
    const other = await lead.get(`${base(direct)}/${page}`);
    assert.ok(!other.body.includes('hits me'), page);
  }
  // The safeguarding lead reads the words on the concern, and nowhere else.
  const concern = await withArea(t.db, areas.riverside.id, async (tx) => {
    const { enterSafeguarding } = await import('../../db/db.ts');
    await enterSafeguarding(tx);
    return tx.selectFrom('safeguarding_concern').select(['id', 'channel', 'source_key', 'disclosed_text']).where('source_key', '=', postSourceKey(note.id)).execute();
  });
  assert.equal(concern.length, 1);
  assert.equal(concern[0]!.channel, 'live');
  const concernPage = await safeguardingLead.get(`/a/riverside/safeguarding/concerns/${concern[0]!.id}`);
  assert.equal(concernPage.statusCode, 200);
  assert.ok(concernPage.body.includes('hits me'));
});

test('hiding a note takes it off every screen in one event; putting it back is one event too', async () => {
  const note = await writeNote(t.db, areas.riverside.id, direct.sessionId, direct.interactionId, person, 'pizza every week');
  assert.equal(note.status, 'shown');
  const before = await events(t.db, areas.riverside.id, direct.sessionId);
  await lead.get(`${base(direct)}/moderation`);
  const hidden = await lead.post(`${base(direct)}/moderation/posts/${note.id}/hide`, { reason: 'off_topic', back: `${base(direct)}/console` });
  assert.equal(hidden.statusCode, 303);
  assert.equal(hidden.headers.location, `${base(direct)}/console#moderation`);
  const afterHide = await events(t.db, areas.riverside.id, direct.sessionId);
  assert.equal(afterHide.length, before.length + 1, 'one event');
  const last = afterHide.at(-1)!;
  assert.equal(last.kind, 'post.hidden');
  assert.equal(last.audience, 'everyone');
  assert.deepEqual(last.payload, { interactionId: direct.interactionId, postId: note.id });
  const row = await postRow(t.db, areas.riverside.id, note.id);
  assert.equal(row.status, 'hidden');
  assert.equal(row.hidden_reason, 'Not about the question');
  // Pressing Hide again (a double click) changes nothing.
  await lead.get(`${base(direct)}/moderation`);
  await lead.post(`${base(direct)}/moderation/posts/${note.id}/hide`, {});
  assert.equal((await events(t.db, areas.riverside.id, direct.sessionId)).length, afterHide.length);
  const audits = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('audit_event').select(['action', 'detail']).where('subject_id', '=', note.id).execute());
  assert.deepEqual(audits.map((a) => a.action), ['live_post.hidden']);

  // The queue lists it as hidden, with a button to put it back; back on the screen in one event.
  const page = readPage((await lead.get(`${base(direct)}/moderation`)).body);
  assert.ok(page.getByRole('button', { name: /Show on screen again/ }));
  await lead.post(`${base(direct)}/moderation/posts/${note.id}/show`, { back: 'https://evil.example/' });
  const afterShow = await events(t.db, areas.riverside.id, direct.sessionId);
  assert.equal(afterShow.length, afterHide.length + 1);
  assert.equal(afterShow.at(-1)!.kind, 'post.shown');
  assert.equal((await postRow(t.db, areas.riverside.id, note.id)).status, 'shown');
});

test('approving a waiting note puts the screened words on every screen', async () => {
  const someone = await joinAs(t.db, areas.riverside.id, youthVoiceActivity, approve.sessionId);
  const note = await writeNote(t.db, areas.riverside.id, approve.sessionId, approve.interactionId, someone, 'call me on 07700 900456 about the skate park');
  assert.equal(note.status, 'pending');
  const page = readPage((await lead.get(`${base(approve)}/moderation`)).body);
  const buttons = page.getAllByRole('button', { name: /^Show on screen Note \d+$/ });
  assert.ok(buttons.length >= 1);
  const response = await lead.post(`${base(approve)}/moderation/posts/${note.id}/approve`, { back: `${base(approve)}/moderation` });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `${base(approve)}/moderation#moderation`);
  const last = (await events(t.db, areas.riverside.id, approve.sessionId)).at(-1)!;
  assert.equal(last.kind, 'post.shown');
  assert.equal(last.audience, 'everyone');
  const payload = last.payload as { interactionId: string; post: { id: string; shownText: string } };
  assert.equal(payload.post.id, note.id);
  assert.equal(payload.post.shownText, note.shownText);
  assert.ok(!payload.post.shownText.includes('07700'));
  assert.equal((await postRow(t.db, areas.riverside.id, note.id)).status, 'shown');
  const after = readPage((await lead.get(`${base(approve)}/moderation`)).body);
  assert.ok(!after.text().includes('skate park'), 'no longer waiting');
});

test('a practitioner of another organisation, and another area\'s lead, can neither see the queue nor hide a note', async () => {
  const note = await writeNote(t.db, areas.riverside.id, direct.sessionId, direct.interactionId, person, 'the new climbing wall is ace');
  for (const client of [practitioner, northLead]) {
    const page = await client.get(`${base(direct)}/moderation`);
    assert.ok([403, 404].includes(page.statusCode), `queue: ${page.statusCode}`);
    assert.ok(!page.body.includes('climbing wall'));
    await client.get('/');
    for (const action of ['hide', 'approve', 'show']) {
      const response = await client.post(`${base(direct)}/moderation/posts/${note.id}/${action}`, {});
      assert.ok([403, 404].includes(response.statusCode), `${action}: ${response.statusCode}`);
    }
  }
  assert.equal((await postRow(t.db, areas.riverside.id, note.id)).status, 'shown');
  // A post of another session cannot be reached through this session's address.
  const otherSession = await writeNote(t.db, areas.riverside.id, approve.sessionId, approve.interactionId, await joinAs(t.db, areas.riverside.id, youthVoiceActivity, approve.sessionId), 'a note somewhere else');
  await lead.get(`${base(direct)}/moderation`);
  assert.equal((await lead.post(`${base(direct)}/moderation/posts/${otherSession.id}/approve`, {})).statusCode, 404);
  assert.equal((await postRow(t.db, areas.riverside.id, otherSession.id)).status, 'pending');
});

test('once the session has ended, nothing can be shown or hidden from the queue: the facilitator is told so', async () => {
  const ending = await runningSession(t.db, areas.riverside.id, youthVoiceActivity, { moderation: 'approve' });
  const someone = await joinAs(t.db, areas.riverside.id, youthVoiceActivity, ending.sessionId);
  const note = await writeNote(t.db, areas.riverside.id, ending.sessionId, ending.interactionId, someone, 'a skate park by the river');
  await withArea(t.db, areas.riverside.id, (tx) => tx.updateTable('live_session').set({ status: 'ended', ended_at: new Date() }).where('id', '=', ending.sessionId).execute());
  const page = readPage((await lead.get(`${base(ending)}/moderation`)).body);
  assert.ok(page.text().includes('1 note was never shown on the screen.'));
  assert.equal(page.queryAllByRole('button', { name: /Show on screen|Hide/ }).length, 0);
  const before = (await events(t.db, areas.riverside.id, ending.sessionId)).length;
  for (const action of ['approve', 'hide']) {
    const response = await lead.post(`${base(ending)}/moderation/posts/${note.id}/${action}`, {});
    assert.equal(response.statusCode, 303);
  }
  assert.equal((await postRow(t.db, areas.riverside.id, note.id)).status, 'pending');
  assert.equal((await events(t.db, areas.riverside.id, ending.sessionId)).length, before);
  assert.ok(readPage((await lead.get(`${base(ending)}/moderation`)).body).text().includes('This session has ended, so nothing was changed.'));
});

test('the queue page sends as many queries for 60 waiting notes as for 3', async (context) => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const client = new Client(counted);
    await client.signIn('lead@riverside.example');
    const busy = await runningSession(t.db, areas.riverside.id, youthVoiceActivity, { moderation: 'approve' });
    const someone = await joinAs(t.db, areas.riverside.id, youthVoiceActivity, busy.sessionId);
    const write = async (n: number) => {
      for (let i = 0; i < n; i += 1) await writeNote(t.db, areas.riverside.id, busy.sessionId, busy.interactionId, someone, `idea number ${i} for the club`);
    };
    const queriesFor = async () => {
      counter.reset();
      const page = await client.get(`${base(busy)}/moderation`);
      assert.equal(page.statusCode, 200);
      return counter.count();
    };
    await write(3);
    const few = await queriesFor();
    await write(57);
    const many = await queriesFor();
    assert.equal(many, few, `3 notes: ${few} queries; 60 notes: ${many}`);
    context.diagnostic(`moderation queue: ${few} queries with 3 notes waiting, ${many} with 60`);
  } finally {
    await counted.close();
  }
});
