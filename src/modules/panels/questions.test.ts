/**
 * Questions written by young people (issue 16 §1): drafting (with a symbol found without
 * JavaScript), choosing and ordering together, the bank of this area's other panels of the same kind,
 * safeguarding screening (held words never shown to others), and nobody else seeing anything.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { createPanelIn, memberCodeHash, newMemberCode, parseMemberCode } from './core.ts';
import { addQuestion } from './questions.service.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  codes.set(areas.northVale.memberId, areas.northVale.memberCode);
  app = await testApp(t.db);
});
after(async () => {
  await app.close();
  await t.drop();
});

const R = () => areas.riverside;
const url = (panelId: string, rest = '') => `/a/riverside/panels/${panelId}/questions${rest}`;

/** Each test member's personal code, by member id (the fixtures' own members too). */
const codes = new Map<string, string>();

/** A browser signed in as a member through the members' sign-in page, with their personal code. */
async function memberBrowser(areaId: string, memberId: string): Promise<Client> {
  const slug = areaId === areas.northVale.id ? 'north-vale' : 'riverside';
  const client = new Client(app);
  await client.get(`/a/${slug}/panels/sign-in`);
  const r = await client.post(`/a/${slug}/panels/sign-in`, { code: codes.get(memberId) ?? '' });
  assert.equal(r.statusCode, 303, `signing in as ${memberId}`);
  return client;
}

async function panelWithMembers(kind: 'interview' | 'grant' = 'interview', title = 'Play worker panel') {
  return withArea(t.db, R().id, async (tx) => {
    const panel = await createPanelIn(tx, R().id, null, { activityId: R().activityId, kind, title, potPence: kind === 'grant' ? 100_000 : null });
    const ids: string[] = [];
    for (const name of ['Ava', 'Ben']) {
      const code = newMemberCode();
      const m = await tx.insertInto('panel_member').values({ area_id: R().id, panel_id: panel.id, member_kind: 'young_person', display_name: name, code_hash: memberCodeHash(parseMemberCode(code)!) }).returning('id').executeTakeFirstOrThrow();
      codes.set(m.id, code);
      ids.push(m.id);
    }
    return { panelId: panel.id, ava: ids[0]!, ben: ids[1]! };
  });
}

test('members draft with a symbol found without JavaScript, see each other\'s drafts, choose, drop and order', async () => {
  const p = await panelWithMembers();
  const ava = await memberBrowser(R().id, p.ava);
  const ben = await memberBrowser(R().id, p.ben);

  const page = await ava.get(url(p.panelId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Write a question/);

  // The symbol search keeps what was typed and shows pictures to choose.
  const search = await ava.post(url(p.panelId), { text: 'What games do you like?', goodAnswer: 'Asks us too', symbolSearch: 'ball', action: 'search' });
  assert.equal(search.statusCode, 200);
  assert.match(search.body, /What games do you like\?/);
  assert.match(search.body, /Asks us too/);
  const hex = /name="symbol" type="radio" value="([0-9A-F-]+)"/.exec(search.body)?.[1];
  assert.ok(hex);

  const empty = await ava.post(url(p.panelId), { text: ' ', goodAnswer: 'Kept words', action: 'add' });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /Write your question/);
  assert.match(empty.body, /Kept words/);

  assert.equal((await ava.post(url(p.panelId), { text: 'What games do you like?', goodAnswer: 'Asks us too', symbol: hex!, action: 'add' })).statusCode, 303);
  await ben.get(url(p.panelId));
  assert.equal((await ben.post(url(p.panelId), { text: 'How do you keep people safe?', goodAnswer: '', action: 'add' })).statusCode, 303);

  // Ben sees Ava's draft with its symbol and its good answer.
  const seen = await ben.get(url(p.panelId));
  assert.match(seen.body, /What games do you like\?/);
  assert.match(seen.body, new RegExp(`/symbols/${hex}\\.svg`));
  assert.match(seen.body, /A good answer:<\/strong> Asks us too/);

  const rows = await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_question').select(['id', 'text']).where('panel_id', '=', p.panelId).orderBy('position').execute());
  for (const r of rows) assert.equal((await ben.post(url(p.panelId, `/${r.id}/status`), { status: 'chosen' })).statusCode, 303);
  // Second chosen moves up: it is now first.
  await ben.get(url(p.panelId));
  assert.equal((await ben.post(url(p.panelId, `/${rows[1]!.id}/move`), { direction: 'up' })).statusCode, 303);
  const after = await ben.get(url(p.panelId));
  const chosenPart = after.body.slice(after.body.indexOf('id="chosen"'), after.body.indexOf('id="drafts"'));
  assert.ok(chosenPart.indexOf('How do you keep people safe?') < chosenPart.indexOf('What games do you like?'));
  await ben.post(url(p.panelId, `/${rows[0]!.id}/status`), { status: 'dropped' });
  const dropped = await ben.get(url(p.panelId));
  assert.match(dropped.body.slice(dropped.body.indexOf('id="dropped"')), /What games do you like\?/);
});

test('held words are shown only to their writer, never chosen, never in the bank', async () => {
  const p = await panelWithMembers();
  const ava = await memberBrowser(R().id, p.ava);
  const ben = await memberBrowser(R().id, p.ben);
  await ava.get(url(p.panelId));
  const r = await ava.post(url(p.panelId), { text: 'my step dad hits me, can I ask about that', goodAnswer: '', action: 'add' });
  assert.equal(r.statusCode, 303);
  const mine = await ava.get(url(p.panelId));
  assert.match(mine.body, /my step dad hits me/);
  assert.match(mine.body, /Only you can see this/);
  assert.doesNotMatch((await ben.get(url(p.panelId))).body, /step dad/);
  const lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
  assert.doesNotMatch((await lead.get(url(p.panelId))).body, /step dad/);
  const concern: Array<{ source_key: string | null }> = await t.owner.selectFrom('safeguarding_concern').select('source_key').where('channel', '=', 'panel').execute();
  assert.ok(concern.some((c) => c.source_key?.startsWith('question:')));
  const id = (await withArea(t.db, R().id, (tx) => tx.selectFrom('panel_question').select('id').where('panel_id', '=', p.panelId).executeTakeFirstOrThrow())).id;
  await ben.get(url(p.panelId));
  const choose = await ben.post(url(p.panelId, `/${id}/status`), { status: 'chosen' });
  assert.equal(choose.statusCode, 404);
});

test('the bank: chosen questions of this area\'s other panels of the same kind, with "Use this question"', async () => {
  const source = await panelWithMembers('interview', 'Older interview panel');
  const other = await panelWithMembers('grant', 'A grant round');
  await addQuestion(t.db, R().id, source.ava, source.panelId, { text: 'Bank question chosen before', goodAnswer: 'Bank good answer', symbol: null }, 'chosen');
  await addQuestion(t.db, R().id, source.ava, source.panelId, { text: 'Bank draft never chosen', goodAnswer: '', symbol: null });
  await addQuestion(t.db, R().id, other.ava, other.panelId, { text: 'Grant question elsewhere', goodAnswer: '', symbol: null }, 'chosen');
  const p = await panelWithMembers();
  const ava = await memberBrowser(R().id, p.ava);
  const bank = await ava.get(url(p.panelId, '/bank'));
  assert.equal(bank.statusCode, 200);
  assert.match(bank.body, /Bank question chosen before/);
  assert.match(bank.body, /Bank good answer/);
  assert.doesNotMatch(bank.body, /Bank draft never chosen/);
  assert.doesNotMatch(bank.body, /Grant question elsewhere/);
  // North Vale's chosen question (the fixture's) is never in Riverside's bank.
  assert.doesNotMatch(bank.body, /North Vale/);
  const id = /action="[^"]*\/bank\/([0-9a-f-]{36})\/use"/.exec(bank.body)![1]!;
  assert.equal((await ava.post(url(p.panelId, `/bank/${id}/use`))).statusCode, 303);
  const page = await ava.get(url(p.panelId));
  assert.match(page.body.slice(page.body.indexOf('id="drafts"')), /Bank question chosen before/);
  // Another area's question id: nothing copied.
  await ava.get(url(p.panelId, '/bank'));
  const nvQuestion = areas.northVale.panelQuestionId;
  assert.equal((await ava.post(url(p.panelId, `/bank/${nvQuestion}/use`))).statusCode, 404);
});

test('a non-member, another panel\'s member and another area see nothing; staff who manage the panel do', async () => {
  const p = await panelWithMembers();
  await addQuestion(t.db, R().id, p.ava, p.panelId, { text: 'Only for this panel', goodAnswer: '', symbol: null });
  const stranger = new Client(app);
  for (const path of ['', '/bank']) {
    const r = await stranger.get(url(p.panelId, path));
    assert.equal(r.statusCode, 303);
    assert.doesNotMatch(r.body, /Only for this panel/);
  }
  const otherPanel = await panelWithMembers();
  const outsider = await memberBrowser(R().id, otherPanel.ava);
  assert.equal((await outsider.get(url(p.panelId))).statusCode, 303);
  const nv = await memberBrowser(areas.northVale.id, areas.northVale.memberId);
  assert.equal((await nv.get(url(p.panelId))).statusCode, 303);
  // A signed-in decision maker (panel.view, not panel.manage) is not let in either.
  const board = new Client(app);
  await board.signIn('only-decision-maker@riverside.example');
  assert.equal((await board.get(url(p.panelId))).statusCode, 303);
  const lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
  const ok = await lead.get(url(p.panelId));
  assert.equal(ok.statusCode, 200);
  assert.match(ok.body, /Only for this panel/);
});
