/**
 * After a live session (issue 15 §3): every answer and note becomes a contribution on the
 * participant's response, in words a lead can read ("4 out of 5 (Brilliant)"), redacted, once however
 * often the job runs; a note the facilitator hid stays hidden, a held one stays held (no second
 * concern); the contributions and themes pages say where each came from; and someone who asked to
 * hear back is told when a response to a theme holding their words is published.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { enterSafeguarding, withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity } from '../activities/activities.service.ts';
import { findAreaBySlug, listOrganisations } from '../areas/areas.service.ts';
import { erasePerson, previewErasure } from '../privacy/data-rights.service.ts';
import * as responses from '../feedback/responses.service.ts';
import { createQuestion } from '../surveys/builder.service.ts';
import { countSubmittedResponses, supportedResponseCounts } from '../surveys/questions.service.ts';
import { answerText, makeLiveContributions, makeSessionContributions } from './contributions.ts';
import { joinAs, runningSession, writeNote } from './moderation.test-support.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let areaId: string;
let lead: Client;
let activityId: string;
let sessionId: string;
const interactions: Record<string, string> = {};
const notes: Record<string, string> = {};
let alex: { participantId: string; responseId: string; receiptCode: string };
let sam: { participantId: string; responseId: string; receiptCode: string };

const settings = {
  choice: { options: [{ id: 'a', label: 'Swimming', symbol: '1F3CA' }, { id: 'b', label: 'Bowling', symbol: null }, { id: 'c', label: 'Cinema', symbol: null }], multiple: true },
  word_cloud: { maxWords: 3 },
  scale: { style: 'faces', lowLabel: 'Awful', highLabel: 'Brilliant' },
  ranking: { options: [{ id: 'a', label: 'Parks', symbol: null }, { id: 'b', label: 'Pools', symbol: null }, { id: 'c', label: 'Buses', symbol: null }] },
};

const contributionsOf = () =>
  withArea(t.db, areaId, async (tx) => {
    await enterSafeguarding(tx);
    return tx
      .selectFrom('contribution')
      .select(['id', 'response_id', 'receipt_code', 'channel', 'source', 'live_session_id', 'live_interaction_id', 'live_key', 'question_id', 'activity_id', 'original_text', 'redacted_text', 'needs_review', 'hidden_at', 'hidden_reason', 'safeguarding_hold'])
      .where('live_session_id', '=', sessionId)
      .orderBy('live_key')
      .orderBy('response_id')
      .execute();
  });

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  areaId = areas.riverside.id;
  app = await testApp(t.db);
  const orgs = new Map((await listOrganisations(t.db, areaId)).map((o) => [o.name, o.id]));
  activityId = (await createActivity(t.db, areaId, null, testActivity({ organisationId: orgs.get('Riverside Youth Voice')!, title: 'Youth forum, April' }))).id;
  const made = await runningSession(t.db, areaId, activityId, { moderation: 'direct', kind: 'board', prompt: 'What is good about the youth club?' });
  sessionId = made.sessionId;
  interactions.board = made.interactionId;
  alex = await joinAs(t.db, areaId, activityId, sessionId);
  sam = await joinAs(t.db, areaId, activityId, sessionId);
  await withArea(t.db, areaId, async (tx) => {
    let position = 2;
    for (const [kind, s] of Object.entries(settings)) {
      const row = await tx
        .insertInto('live_interaction')
        .values({ area_id: areaId, session_id: sessionId, position: position++, kind: kind as 'choice', prompt: `Prompt for ${kind}`, settings: JSON.stringify(s), state: 'open' })
        .returning('id')
        .executeTakeFirstOrThrow();
      interactions[kind] = row.id;
    }
    const answer = (kind: string, who: { participantId: string }, value: unknown) =>
      tx.insertInto('live_answer').values({ area_id: areaId, interaction_id: interactions[kind]!, participant_id: who.participantId, value: JSON.stringify(value) }).execute();
    await answer('choice', alex, { options: ['a', 'c'] });
    await answer('choice', sam, { options: ['b'] });
    await answer('word_cloud', alex, { words: ['friends', 'pizza'] });
    await answer('scale', alex, { value: 4 });
    await answer('scale', sam, { value: 5 });
    await answer('ranking', sam, { order: ['b', 'a', 'c'] });
    await tx.insertInto('feedback_contact').values({ area_id: areaId, response_id: alex.responseId, channel: 'email', address: 'alex.parent@example.com', format: 'easy_read', language: 'en' }).execute();
  });
  notes.plain = (await writeNote(t.db, areaId, sessionId, interactions.board!, alex, 'The staff are kind and the games room is great')).id;
  notes.named = (await writeNote(t.db, areaId, sessionId, interactions.board!, sam, 'Jess Patel runs the best quiz nights')).id;
  notes.held = (await writeNote(t.db, areaId, sessionId, interactions.board!, sam, 'my stepdad hits me and I am scared to go home')).id;
  notes.heldByForm = (await writeNote(t.db, areaId, sessionId, interactions.board!, sam, 'I want to kill myself', { keyFromForm: true })).id;
  notes.hidden = (await writeNote(t.db, areaId, sessionId, interactions.board!, alex, 'more pizza more pizza more pizza')).id;
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const queue = `/a/riverside/activities/${activityId}/live/${sessionId}/moderation`;
  await lead.get(queue);
  assert.equal((await lead.post(`${queue}/posts/${notes.hidden}/hide`, { reason: 'repeat' })).statusCode, 303);
  // The facilitator's own note to start people off is nobody's view.
  await withArea(t.db, areaId, (tx) =>
    tx.insertInto('live_post').values({ area_id: areaId, interaction_id: interactions.board!, participant_id: null, kind: 'note', original_text: 'Example: the trips', shown_text: 'Example: the trips', status: 'shown', client_key: randomBytes(8).toString('hex') }).execute(),
  );
});
after(async () => {
  await app?.close();
  await t?.drop();
});

test('answers in words: choices, words, a scale with its end words, a ranking', () => {
  const i = (kind: keyof typeof settings) => ({ kind, settings: settings[kind] }) as Parameters<typeof answerText>[0];
  assert.equal(answerText(i('choice'), { options: ['a', 'c'] }), 'Swimming, Cinema');
  assert.equal(answerText(i('word_cloud'), { words: ['friends', 'pizza'] }), 'friends, pizza');
  assert.equal(answerText(i('scale'), { value: 5 }), '5 out of 5 (Brilliant)');
  assert.equal(answerText(i('scale'), { value: 1 }), '1 out of 5 (Awful)');
  assert.equal(answerText(i('scale'), { value: 4 }), '4 out of 5 (1 is Awful, 5 is Brilliant)');
  assert.equal(answerText({ kind: 'scale', settings: {} } as never, { value: 3 }), '3 out of 5');
  assert.equal(answerText(i('ranking'), { order: ['b', 'a', 'c'] }), '1. Pools, 2. Parks, 3. Buses');
  assert.equal(answerText(i('choice'), { nonsense: true }), '');
});

test('nothing is made while the session runs; once it ends, every answer and note is a contribution, once however often the job runs', async () => {
  assert.equal(await makeSessionContributions(t.db, areaId, sessionId), undefined);
  assert.equal((await contributionsOf()).length, 0);
  await withArea(t.db, areaId, (tx) => tx.updateTable('live_session').set({ status: 'ended', ended_at: new Date() }).where('id', '=', sessionId).execute());

  const concernsBefore = await withArea(t.db, areaId, async (tx) => {
    await enterSafeguarding(tx);
    return tx.selectFrom('safeguarding_concern').select('id').where('channel', '=', 'live').execute();
  });
  // The minute job and a second, direct run (as if two instances raced): the same rows.
  assert.equal(await makeLiveContributions(t.db), 11);
  const first = await contributionsOf();
  await withArea(t.db, areaId, (tx) => sql`update live_session set contributions_made_at = null where id = ${sessionId}`.execute(tx));
  const again = await makeSessionContributions(t.db, areaId, sessionId);
  assert.equal(again?.added, 0);
  assert.equal(await makeLiveContributions(t.db), 0);
  assert.deepEqual(await contributionsOf(), first);
  const made = await withArea(t.db, areaId, (tx) => tx.selectFrom('live_session').select('contributions_made_at').where('id', '=', sessionId).executeTakeFirstOrThrow());
  assert.ok(made.contributions_made_at);

  // 6 answers and 5 participants' notes; the facilitator's note is not one.
  assert.equal(first.length, 11);
  for (const c of first) {
    assert.equal(c.channel, 'live');
    assert.equal(c.source, 'live');
    assert.equal(c.question_id, null);
    assert.equal(c.activity_id, activityId);
    assert.ok([alex.responseId, sam.responseId].includes(c.response_id!));
    assert.equal(c.receipt_code, c.response_id === alex.responseId ? alex.receiptCode : sam.receiptCode);
  }
  const byKey = (key: string, who: { responseId: string }) => first.find((c) => c.live_key === key && c.response_id === who.responseId)!;
  assert.equal(byKey(`answer:${interactions.choice}`, alex).original_text, 'Swimming, Cinema');
  assert.equal(byKey(`answer:${interactions.choice}`, sam).original_text, 'Bowling');
  assert.equal(byKey(`answer:${interactions.word_cloud}`, alex).original_text, 'friends, pizza');
  assert.equal(byKey(`answer:${interactions.scale}`, sam).original_text, '5 out of 5 (Brilliant)');
  assert.equal(byKey(`answer:${interactions.ranking}`, sam).original_text, '1. Pools, 2. Parks, 3. Buses');
  assert.equal(byKey(`answer:${interactions.scale}`, sam).live_interaction_id, interactions.scale);

  // A name written on a note: the original is kept for the lead, the redacted text is what everyone reads.
  const named = byKey(`post:${notes.named}`, sam);
  assert.equal(named.original_text, 'Jess Patel runs the best quiz nights');
  assert.ok(!named.redacted_text.includes('Jess'));
  assert.equal(named.needs_review, true);

  const hidden = byKey(`post:${notes.hidden}`, alex);
  assert.ok(hidden.hidden_at, 'a note the facilitator hid stays hidden');
  assert.equal(hidden.hidden_reason, 'Said already');

  const held = byKey(`post:${notes.held}`, sam);
  assert.equal(held.safeguarding_hold, true, 'a held note stays held');
  const concernsAfter = await withArea(t.db, areaId, async (tx) => {
    await enterSafeguarding(tx);
    return tx.selectFrom('safeguarding_concern').select(['id', 'contribution_id']).where('channel', '=', 'live').execute();
  });
  assert.equal(concernsAfter.length, concernsBefore.length, 'no second concern');
  assert.ok(concernsAfter.some((c) => c.contribution_id === held.id), 'the concern points at the held contribution');
  // Words first screened under the answering form's key are found again under it: held, no second concern.
  const heldByForm = byKey(`post:${notes.heldByForm}`, sam);
  assert.equal(heldByForm.safeguarding_hold, true);
  assert.ok(concernsAfter.some((c) => c.contribution_id === heldByForm.id));
});

test('the contributions page says which live question each came from, and never shows held words', async () => {
  const page = await lead.get(`/a/riverside/activities/${activityId}/contributions`);
  assert.equal(page.statusCode, 200);
  const text = readPage(page.body).text();
  assert.ok(text.includes('Live session: Prompt for scale'), 'labelled with the prompt');
  assert.ok(text.includes('5 out of 5 (Brilliant)'));
  assert.ok(text.includes('The staff are kind'));
  assert.ok(!text.includes('hits me') && !text.includes('kill myself'));
  assert.ok(!text.includes('Jess Patel'));
});

test('someone who asked to hear back is told when a response to a theme holding their live words is published', async () => {
  const [contribution] = await withArea(t.db, areaId, (tx) => tx.selectFrom('contribution').select('id').where('live_key', '=', `post:${notes.plain}`).execute());
  const themeId = await withArea(t.db, areaId, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title: 'Kind staff', summary: 'Young people like the staff.', easy_read_summary: 'The staff are kind.', symbol: '1F60A', symbol_alt: 'A smiling face' }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: theme.id, contribution_id: contribution!.id, is_quote: false }).execute();
    return theme.id;
  });
  const themePage = await lead.get(`/a/riverside/manage/themes/${themeId}`);
  assert.equal(themePage.statusCode, 200);
  assert.ok(readPage(themePage.body).text().includes('Live session: What is good about the youth club?'));

  await responses.setPublishingRules(t.db, areaId, null, { needsApproval: false });
  const saved = await responses.saveResponse(t.db, areaId, areas.riverside.memberIds.participation_lead, themeId, { ...responses.EMPTY_RESPONSE, status: 'will_do', whatChanged: 'We will train every new member of staff the same way.', whatChangedEasyRead: 'New staff will be kind too.', decidedByRole: 'Youth service manager', ownerAccountId: null }, 0);
  assert.ok(saved.ok);
  await responses.publishResponse(t.db, areaId, null, themeId, { baseUrl: 'https://chorus.example', areaSlug: 'riverside' });
  const notices = await withArea(t.db, areaId, (tx) => tx.selectFrom('feedback_notice').select(['response_id', 'channel']).where('response_id', 'in', [alex.responseId, sam.responseId]).execute());
  assert.deepEqual(notices, [{ response_id: alex.responseId, channel: 'email' }]);
});

test("subject access and erasure reach a participant's live data through their receipt code", async () => {
  const area = (await findAreaBySlug(t.db, 'riverside'))!;
  const admin = { accountId: areas.riverside.memberIds.area_admin, email: 'admin@riverside.example', displayName: 'Sam Okafor', isOperator: false, rolesByArea: new Map([[areaId, ['area_admin' as const]]]) };
  const search = { kind: 'receipt_code' as const, value: alex.receiptCode };
  await withArea(t.db, areaId, (tx) => tx.insertInto('live_vote').values({ area_id: areaId, post_id: notes.named!, participant_id: alex.participantId }).execute());
  const plan = await previewErasure(t.db, admin, area, search);
  const removed = new Map(plan.outcomes.removed.map((r) => [r.table, r.count]));
  assert.equal(removed.get('live_participant'), 1);
  assert.equal(removed.get('live_answer'), 3, 'a choice, a word cloud and a scale');
  assert.equal(removed.get('live_post'), 2, 'the kind note and the hidden one');
  assert.equal(removed.get('live_vote'), 1);
  assert.equal(removed.get('contribution'), 5);

  await erasePerson(t.db, admin, area, search);
  const left = await withArea(t.db, areaId, async (tx) => ({
    participants: await tx.selectFrom('live_participant').select('id').where('id', '=', alex.participantId).execute(),
    answers: await tx.selectFrom('live_answer').select('value').where('participant_id', '=', alex.participantId).execute(),
    posts: await tx.selectFrom('live_post').select('id').where('participant_id', '=', alex.participantId).execute(),
    contributions: await tx.selectFrom('contribution').select('id').where('response_id', '=', alex.responseId).execute(),
    sams: await tx.selectFrom('live_answer').select('value').where('participant_id', '=', sam.participantId).execute(),
  }));
  assert.deepEqual([left.participants, left.answers, left.posts, left.contributions].map((l) => l.length), [0, 0, 0, 0]);
  assert.equal(left.sams.length, 3, "someone else's answers stay");
});

test("a live session's participants are not counted as survey responses, and leave the survey's questions open to change", async () => {
  assert.equal((await countSubmittedResponses(t.db, areaId)).get(activityId), undefined);
  assert.equal((await supportedResponseCounts(t.db, areaId, [activityId])).get(activityId), undefined);
  // Questions lock once anyone has answered the survey; joining the live session is not answering it.
  const added = await createQuestion(t.db, areaId, areas.riverside.memberIds.participation_lead, activityId, { type: 'free_text', text: 'Anything else about the youth club?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  assert.equal(added.number, 1);
});
