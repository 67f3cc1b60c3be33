/**
 * The sticky-note board (issue 15 §2), as a participant, a facilitator or an attacker meets it:
 * notes, moves, dots and groups made through the list's own forms; a resent form; 20 taps at once on
 * the dots; someone else's note; hidden and waiting notes; the big screen and the exports (shown notes
 * only, no names, words escaped); a board that is locked; query counts that do not grow.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { withArea } from '../../db/db.ts';
import { readPage, within } from '../../testing/dom.ts';
import { Client, seededApp, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { testActivity } from '../../testing/activities.ts';
import { insertResponse } from '../../testing/responses.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { createActivity } from '../activities/activities.service.ts';
import { findAreaBySlug } from '../areas/areas.service.ts';
import { DEFAULT_SETTINGS, newJoinCode, PARTICIPANT_COOKIE } from './core.ts';
import { wrap } from './board.export.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let areaId: string;
let activityId: string;

before(async () => {
  ({ t, app, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  activityId = (await createActivity(t.db, areaId, null, testActivity({ title: 'Youth forum, December' }))).id;
});
after(() => close());

type Board = { sessionId: string; interactionId: string; participant: string; staff: string };

/** A running session on the activity with an open board (What's good / What's not / Ideas, 3 dots each). */
async function newBoard(options: { moderation?: 'approve' | 'direct'; state?: 'open' | 'locked' | 'closed'; dots?: number } = {}): Promise<Board> {
  const joinCode = newJoinCode();
  const ids = await withArea(t.db, areaId, async (tx) => {
    const session = await tx
      .insertInto('live_session')
      .values({ area_id: areaId, activity_id: activityId, title: 'Forum session', join_code: joinCode, status: 'running', started_at: new Date(), moderation: options.moderation ?? 'direct' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('live_join_code').values({ code: joinCode, area_id: areaId, session_id: session.id }).execute();
    const closed = options.state === 'closed';
    const interaction = await tx
      .insertInto('live_interaction')
      .values({
        area_id: areaId,
        session_id: session.id,
        position: 1,
        kind: 'board',
        prompt: 'What do you think of the youth club?',
        settings: JSON.stringify({ ...DEFAULT_SETTINGS.board, dotsPerPerson: options.dots ?? 3 }),
        state: options.state ?? 'open',
        closed_at: closed ? new Date() : null,
        frozen_tally: closed ? JSON.stringify({}) : null,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return { sessionId: session.id, interactionId: interaction.id };
  });
  return { ...ids, participant: `/a/riverside/live/${ids.sessionId}/board/${ids.interactionId}`, staff: `/a/riverside/activities/${activityId}/live/${ids.sessionId}/board/${ids.interactionId}` };
}

/** Someone who joined the session from their own browser (the participate part's join, done directly). */
async function join(board: Board, nickname = ''): Promise<{ client: Client; participantId: string }> {
  const token = newToken();
  const participantId = await withArea(t.db, areaId, async (tx) => {
    const response = await insertResponse(tx, areaId, { activityId, status: 'in_progress', answers: [] });
    const row = await tx
      .insertInto('live_participant')
      .values({ area_id: areaId, session_id: board.sessionId, token_hash: hashToken(token), response_id: response.id, nickname, rules_agreed_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  const client = new Client(app);
  client.cookies.set(PARTICIPANT_COOKIE, app.signCookie(token));
  return { client, participantId };
}

async function staff(email = 'lead@riverside.example'): Promise<Client> {
  const client = new Client(app);
  await client.signIn(email);
  return client;
}

const page = (response: LightMyRequestResponse) => readPage(response.body);
const notes = (board: Board) => t.owner.selectFrom('live_post').selectAll().where('interaction_id', '=', board.interactionId).orderBy('created_at').execute();
const events = (board: Board) => t.owner.selectFrom('live_event').select(['kind', 'audience', 'payload']).where('session_id', '=', board.sessionId).orderBy('seq').execute();

/** Adds a note through the page's own form; returns the response to the post. */
async function addNote(client: Client, board: Board, form: Record<string, string>, url = board.participant): Promise<LightMyRequestResponse> {
  await client.get(url);
  const clientKey = /name="clientKey" value="([^"]+)"/.exec(client.lastHtml)?.[1] ?? '';
  return client.post(`${url}/notes`, { clientKey, colour: 'yellow', column: 'ideas', symbol: '', text: '', ...form });
}

// ── Participants ─────────────────────────────────────────────────────────────────────────────

test('a browser that has not joined is sent to the join page, and cannot post', async () => {
  const board = await newBoard();
  const stranger = new Client(app);
  await stranger.get('/sign-in'); // a page with a form: the CSRF token an attacker's own browser would hold
  const response = await stranger.get(board.participant);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `/a/riverside/live/${board.sessionId}`);
  const posted = await stranger.post(`${board.participant}/notes`, { clientKey: 'abcdefghijkl', colour: 'yellow', column: 'ideas', text: 'Hello' });
  assert.equal(posted.statusCode, 303);
  assert.equal(posted.headers.location, `/a/riverside/live/${board.sessionId}`);
  assert.equal((await notes(board)).length, 0);
});

test('a participant adds a note with words, a picture, a colour and a column; it is shown as a list item in words', async () => {
  const board = await newBoard();
  const { client } = await join(board);
  const first = page(await client.get(board.participant));
  assert.ok(first.getByRole('heading', { level: 1, name: /youth club/ }));
  for (const column of ["What's good", "What's not", 'Ideas']) assert.ok(first.getByRole('heading', { level: 2, name: new RegExp(column) }));
  assert.ok(first.getByText('You have 3 dots left.'));

  const response = await addNote(client, board, { text: 'More trips to the seaside', symbol: '2B50', colour: 'blue', column: 'ideas' });
  assert.equal(response.statusCode, 303);
  assert.match(String(response.headers.location), /#column-ideas$/);
  const after = await client.get(String(response.headers.location).split('#')[0]!);
  const view = page(after);
  assert.ok(view.getByText('Your note was added to Ideas.'));
  const ideas = view.document.querySelector('#column-ideas')!;
  const item = within(ideas as HTMLElement).getByText('More trips to the seaside').closest('li')!;
  assert.ok(within(item).getByRole('img', { name: 'Star' }));
  assert.ok(within(item).getByText('Colour: Blue'));
  assert.ok(within(item).getByText('0 dots'));
  assert.ok(within(item).getByText('Your note'));
  const [stored] = await notes(board);
  assert.equal(stored!.status, 'shown');
  assert.equal(stored!.symbol, '2B50');
  const shown = (await events(board)).find((e) => e.kind === 'post.shown')!;
  assert.equal(shown.audience, 'everyone');
  assert.equal((shown.payload as { post: { shownText: string } }).post.shownText, 'More trips to the seaside');
});

test('a note form with nothing in it, or a made-up column, colour or picture, says what to fix and keeps what was typed', async () => {
  const board = await newBoard();
  const { client } = await join(board);
  const empty = await addNote(client, board, { text: '   ' });
  assert.equal(empty.statusCode, 422);
  assert.match(page(empty).document.title, /^Error:/);
  assert.ok(page(empty).getByRole('link', { name: 'Write your note, or choose a picture' }));
  const bad = await addNote(client, board, { text: 'Keep these words', column: 'nowhere', colour: 'gold', symbol: 'ZZZZ' });
  assert.equal(bad.statusCode, 422);
  const view = page(bad);
  for (const message of ['Choose where your note goes', 'Choose a colour', 'Choose a picture from the list']) assert.ok(view.getByRole('link', { name: message }));
  assert.equal((view.getByRole('textbox', { name: /What do you want to say/ }) as HTMLTextAreaElement).value, 'Keep these words');
  const long = await addNote(client, board, { text: 'x'.repeat(281) });
  assert.equal(long.statusCode, 422);
  assert.equal((await notes(board)).length, 0);
  // Tampered fields (repeated, huge) are a form error, never a 500.
  const repeated = await client.post(`${board.participant}/notes`, { clientKey: ['a'.repeat(10), 'b'.repeat(10)], column: ['ideas', 'good'], colour: 'yellow', text: 'Hi' });
  assert.equal(repeated.statusCode, 422);
});

test('finding a picture keeps what was typed and offers the pictures found as cards', async () => {
  const board = await newBoard();
  const { client } = await join(board);
  await client.get(board.participant);
  const clientKey = /name="clientKey" value="([^"]+)"/.exec(client.lastHtml)![1]!;
  const found = await client.post(`${board.participant}/notes`, { clientKey, text: 'A bus to the club', colour: 'green', column: 'ideas', symbolSearch: 'bus', find: '1' });
  assert.equal(found.statusCode, 200);
  const view = page(found);
  assert.equal((view.getByRole('textbox', { name: /What do you want to say/ }) as HTMLTextAreaElement).value, 'A bus to the club');
  const bus = view.getByRole('radio', { name: 'Bus' }) as HTMLInputElement;
  assert.equal(bus.value, '1F68C');
  assert.equal((await notes(board)).length, 0);
  const added = await client.post(`${board.participant}/notes`, { clientKey, text: 'A bus to the club', colour: 'green', column: 'ideas', symbol: '1F68C' });
  assert.equal(added.statusCode, 303);
  assert.equal((await notes(board))[0]!.symbol, '1F68C');
});

test('a resent note form adds nothing (the same key, twice in a row and 10 at once)', async () => {
  const board = await newBoard();
  const { client } = await join(board);
  await client.get(board.participant);
  const clientKey = /name="clientKey" value="([^"]+)"/.exec(client.lastHtml)![1]!;
  const form = { clientKey, colour: 'yellow', column: 'good', text: 'The pool table' };
  assert.equal((await client.post(`${board.participant}/notes`, form)).statusCode, 303);
  assert.equal((await client.post(`${board.participant}/notes`, form)).statusCode, 303);
  await Promise.all(Array.from({ length: 10 }, () => client.post(`${board.participant}/notes`, form)));
  assert.equal((await notes(board)).length, 1);
  assert.equal((await events(board)).filter((e) => e.kind === 'post.shown').length, 1);
});

test('with approval on, a note waits: its writer sees it waiting, others do not, the facilitator does', async () => {
  const board = await newBoard({ moderation: 'approve' });
  const writer = await join(board);
  const other = await join(board);
  await addNote(writer.client, board, { text: 'I want a quiet room', column: 'not' });
  const mine = page(await writer.client.get(board.participant));
  const item = mine.getByText('I want a quiet room').closest('li')!;
  assert.ok(within(item).getByText('Waiting for the facilitator'));
  assert.ok(mine.getByText(/It is waiting for the facilitator to check it/));
  assert.ok(!(await other.client.get(board.participant)).body.includes('I want a quiet room'));
  const lead = await staff();
  assert.ok((await lead.get(board.staff)).body.includes('I want a quiet room'));
  const kinds = (await events(board)).map((e) => `${e.kind}/${e.audience}`);
  assert.deepEqual(kinds, ['post.pending/staff']);
  // Waiting notes cannot take dots.
  const [note] = await notes(board);
  assert.equal((await other.client.post(`${board.participant}/notes/${note!.id}/dot`, {})).statusCode, 404);
});

test('a note that may be a disclosure is held: never on the board for anyone else, a concern raised with the receipt code, the leads told', async () => {
  const board = await newBoard();
  const writer = await join(board);
  const other = await join(board);
  const responseId = (await t.owner.selectFrom('live_participant').select('response_id').where('id', '=', writer.participantId).executeTakeFirstOrThrow()).response_id;
  await t.owner.updateTable('response').set({ receipt_code: 'HLD-123' }).where('id', '=', responseId).execute();
  const words = 'my stepdad hits me and I am scared to go home';
  const response = await addNote(writer.client, board, { text: words, column: 'not' });
  assert.equal(response.statusCode, 303);
  const [note] = await notes(board);
  assert.equal(note!.status, 'held');
  // The writer is told kindly that it waits; nobody else sees it, the facilitator's board and screen neither.
  assert.ok(page(await writer.client.get(board.participant)).getByText(/It is waiting for the facilitator to check it/));
  assert.ok(!(await other.client.get(board.participant)).body.includes('stepdad'));
  const lead = await staff();
  for (const path of ['', '/screen', '/board.csv']) assert.ok(!(await lead.get(`${board.staff}${path}`)).body.includes('stepdad'), path);
  const held = (await events(board)).find((e) => e.kind === 'post.held')!;
  assert.equal(held.audience, 'staff');
  assert.ok(!JSON.stringify(held.payload).includes('stepdad'));
  const concern = await t.owner.selectFrom('safeguarding_concern').select(['context', 'source_key']).where('source_key', '=', `post:${note!.id}`).executeTakeFirstOrThrow();
  assert.equal((concern.context as { receiptCode?: string }).receiptCode, 'HLD-123');
});

test('a participant moves their own note to another column; another participant cannot move it', async () => {
  const board = await newBoard();
  const owner = await join(board);
  const other = await join(board);
  await addNote(owner.client, board, { text: 'Longer opening hours', column: 'good' });
  const [note] = await notes(board);
  const view = page(await owner.client.get(board.participant));
  const item = view.getByText('Longer opening hours').closest('li')!;
  assert.ok(within(item).getByRole('combobox', { name: /Move my note to/ }));
  const moved = await owner.client.post(`${board.participant}/notes/${note!.id}/move`, { column: 'ideas' });
  assert.equal(moved.statusCode, 303);
  assert.equal(moved.headers.location, `${board.participant}#note-${note!.id}`);
  const after = page(await owner.client.get(board.participant));
  assert.ok(after.getByText('The note was moved to Ideas.'));
  assert.ok(within(after.document.querySelector('#column-ideas') as HTMLElement).getByText('Longer opening hours'));
  assert.equal((await events(board)).at(-1)!.kind, 'post.moved');

  // The other participant has no move form for it, and a forged one finds nothing.
  const theirs = page(await other.client.get(board.participant));
  assert.equal(within(theirs.getByText('Longer opening hours').closest('li')!).queryByRole('combobox'), null);
  const forged = await other.client.post(`${board.participant}/notes/${note!.id}/move`, { column: 'not' });
  assert.equal(forged.statusCode, 404);
  assert.equal((await notes(board))[0]!.column_key, 'ideas');
});

test('dots: give one and take it back, with the dots left said in words', async () => {
  const board = await newBoard();
  const writer = await join(board);
  const voter = await join(board);
  await addNote(writer.client, board, { text: 'Pizza nights', column: 'good' });
  const [note] = await notes(board);
  await voter.client.get(board.participant);
  const given = await voter.client.post(`${board.participant}/notes/${note!.id}/dot`, {});
  assert.equal(given.statusCode, 303);
  const view = page(await voter.client.get(board.participant));
  assert.ok(view.getByText('You gave a dot. You have 2 dots left.'));
  const item = view.getByText('Pizza nights').closest('li')!;
  assert.ok(within(item).getByText('1 dot'));
  assert.ok(within(item).getByRole('button', { name: 'Take my dot back “Pizza nights”' }));
  assert.deepEqual((await events(board)).at(-1)!.payload, { interactionId: board.interactionId, postId: note!.id, votes: 1 });
  // The same dot again changes nothing.
  await voter.client.post(`${board.participant}/notes/${note!.id}/dot`, {});
  assert.equal((await t.owner.selectFrom('live_vote').selectAll().where('post_id', '=', note!.id).execute()).length, 1);
  await voter.client.post(`${board.participant}/notes/${note!.id}/undot`, {});
  const back = page(await voter.client.get(board.participant));
  assert.ok(back.getByText('You took your dot back. You have 3 dots left.'));
  assert.ok(within(back.getByText('Pizza nights').closest('li')!).getByText('0 dots'));
});

test('dots cannot pass dotsPerPerson under 20 requests at once, on 20 notes or on one', async () => {
  const board = await newBoard({ dots: 3 });
  const writer = await join(board);
  for (let i = 0; i < 20; i += 1) await addNote(writer.client, board, { text: `Idea ${i + 1}` });
  const all = await notes(board);
  const voter = await join(board);
  await voter.client.get(board.participant);
  const responses = await Promise.all(all.map((n) => voter.client.post(`${board.participant}/notes/${n.id}/dot`, {})));
  assert.ok(responses.every((r) => r.statusCode === 303));
  const votes = await t.owner.selectFrom('live_vote').selectAll().where('participant_id', '=', voter.participantId).execute();
  assert.equal(votes.length, 3);
  const view = page(await voter.client.get(board.participant));
  assert.ok(view.getByText('You have 0 dots left.'));
  assert.equal(view.queryAllByRole('button', { name: /^Give a dot/ }).length, 0);

  const second = await join(board);
  await second.client.get(board.participant);
  await Promise.all(Array.from({ length: 20 }, () => second.client.post(`${board.participant}/notes/${all[0]!.id}/dot`, {})));
  assert.equal((await t.owner.selectFrom('live_vote').selectAll().where('participant_id', '=', second.participantId).execute()).length, 1);
});

test('a hidden note is gone from the list, the big screen and the exports', async () => {
  const board = await newBoard();
  const { client } = await join(board);
  await addNote(client, board, { text: 'Something unkind' });
  await addNote(client, board, { text: 'Something kind' });
  const [unkind] = await notes(board);
  await t.owner.updateTable('live_post').set({ status: 'hidden' }).where('id', '=', unkind!.id).execute();
  assert.ok(!(await client.get(board.participant)).body.includes('Something unkind'));
  const lead = await staff();
  for (const path of ['', '/screen', '/print', '/board.csv', '/board.svg']) {
    const body = (await lead.get(`${board.staff}${path}`)).body;
    assert.ok(!body.includes('Something unkind'), path);
    assert.ok(body.includes('Something kind'), path);
  }
});

test('a locked or closed board is read-only, kindly', async () => {
  for (const [state, words] of [
    ['locked', 'The board is paused'],
    ['closed', 'The board is finished'],
  ] as const) {
    const board = await newBoard({ state });
    await t.owner
      .insertInto('live_post')
      .values({ area_id: areaId, interaction_id: board.interactionId, participant_id: null, kind: 'note', original_text: 'From before', shown_text: 'From before', column_key: 'good', status: 'shown', client_key: `fixture-${board.sessionId}` })
      .execute();
    const { client } = await join(board);
    const view = page(await client.get(board.participant));
    assert.ok(view.getByText(new RegExp(words)));
    assert.ok(view.getByText('From before'));
    assert.equal(view.queryByRole('button', { name: 'Add my note' }), null);
    assert.equal(view.queryAllByRole('button', { name: /Give a dot/ }).length, 0);
    await client.get('/sign-in'); // the read-only board has no form to take a CSRF token from
    const posted = await client.post(`${board.participant}/notes`, { clientKey: 'abcdefghijkl', colour: 'yellow', column: 'ideas', text: 'Too late' });
    assert.equal(posted.statusCode, 303);
    // Said in the banner after the post, and on the page.
    assert.equal(page(await client.get(board.participant)).getAllByText(new RegExp(words)).length, 2);
    assert.equal((await notes(board)).length, 1);
  }
});

// ── Facilitator ──────────────────────────────────────────────────────────────────────────────

test('a facilitator makes a group, moves notes into it, up and down, renames and removes it', async () => {
  const board = await newBoard();
  const { client } = await join(board);
  for (const text of ['Table tennis', 'Pool', 'Darts']) await addNote(client, board, { text, column: 'good' });
  const lead = await staff();
  const tools = page(await lead.get(board.staff));
  assert.ok(tools.getByRole('heading', { level: 1, name: /Board tools/ }));
  const made = await lead.post(`${board.staff}/clusters`, { title: 'Games', column: 'good' });
  assert.equal(made.statusCode, 303);
  const cluster = (await t.owner.selectFrom('live_cluster').selectAll().where('interaction_id', '=', board.interactionId).execute())[0]!;
  assert.equal(cluster.title, 'Games');
  const [table, pool, darts] = await notes(board);
  await lead.get(board.staff);
  for (const n of [table!, pool!, darts!]) assert.equal((await lead.post(`${board.staff}/notes/${n.id}/move`, { place: `cluster:${cluster.id}` })).statusCode, 303);
  const grouped = page(await lead.get(board.staff));
  const group = grouped.document.querySelector(`#cluster-${cluster.id}`) as HTMLElement;
  assert.ok(within(group).getByRole('heading', { level: 3, name: /Games/ }));
  const order = () => [...(page(lastPage).document.querySelector(`#cluster-${cluster.id}`) as HTMLElement).querySelectorAll('[data-note-text]')].map((e) => e.textContent);
  let lastPage = await lead.get(board.staff);
  assert.deepEqual(order(), ['Table tennis', 'Pool', 'Darts']);
  await lead.post(`${board.staff}/notes/${darts!.id}/move`, { direction: 'up' });
  lastPage = await lead.get(board.staff);
  assert.deepEqual(order(), ['Table tennis', 'Darts', 'Pool']);
  await lead.post(`${board.staff}/notes/${table!.id}/move`, { direction: 'down' });
  lastPage = await lead.get(board.staff);
  assert.deepEqual(order(), ['Darts', 'Table tennis', 'Pool']);
  // Everyone sees the group (participants too).
  assert.ok(within(page(await client.get(board.participant)).document.querySelector(`#cluster-${cluster.id}`) as HTMLElement).getByText('Pool'));

  await lead.post(`${board.staff}/clusters/${cluster.id}`, { title: 'Games we love', column: 'ideas' });
  const renamed = page(await lead.get(board.staff));
  assert.ok(renamed.getByText('The group is now called “Games we love”.'));
  assert.ok(within(renamed.document.querySelector('#column-ideas') as HTMLElement).getByText('Pool'));
  await lead.post(`${board.staff}/clusters/${cluster.id}/remove`, {});
  const removed = page(await lead.get(board.staff));
  assert.ok(removed.getByText(/The group “Games we love” was removed/));
  assert.ok(within(removed.document.querySelector('#column-ideas') as HTMLElement).getByText('Pool'));
  const kinds = (await events(board)).map((e) => e.kind);
  assert.equal(kinds.filter((k) => k === 'clusters').length, 3);
  assert.equal(kinds.filter((k) => k === 'post.moved').length, 5);

  // A group needs a title; the error is said and the column kept.
  const bad = await lead.post(`${board.staff}/clusters`, { title: ' ', column: 'not' });
  assert.equal(bad.statusCode, 422);
  assert.ok(page(bad).getByRole('link', { name: 'Enter a title for the group' }));
});

test("a facilitator's own note is shown at once; a resent form adds nothing; the hide form posts to the moderation part", async () => {
  const board = await newBoard({ moderation: 'approve' });
  const lead = await staff();
  const first = await addNote(lead, board, { text: 'What would make Fridays better?', column: 'ideas' }, board.staff);
  assert.equal(first.statusCode, 303);
  const clientKey = /name="clientKey" value="([^"]+)"/.exec(lead.lastHtml)![1]!;
  await lead.post(`${board.staff}/notes`, { clientKey, colour: 'yellow', column: 'ideas', text: 'What would make Fridays better?' });
  const stored = await notes(board);
  assert.equal(stored.length, 1);
  assert.equal(stored[0]!.status, 'shown');
  assert.equal(stored[0]!.participant_id, null);
  const view = page(await lead.get(board.staff));
  const hide = view.getByRole('button', { name: /Hide this note/ }).closest('form')!;
  assert.equal(hide.getAttribute('action'), `/a/riverside/activities/${activityId}/live/${board.sessionId}/moderation/posts/${stored[0]!.id}/hide`);
});

test('board tools need live.run in the organisation; participants never reach them', async () => {
  const board = await newBoard();
  const { client } = await join(board);
  assert.notEqual((await client.get(board.staff)).statusCode, 200);
  // The practitioner works for another organisation than this activity's (none).
  const practitioner = await staff('practitioner@riverside.example');
  assert.equal((await practitioner.get(board.staff)).statusCode, 403);
  assert.equal((await practitioner.post(`${board.staff}/clusters`, { title: 'Sneaky', column: 'good' })).statusCode, 403);
  assert.equal((await practitioner.post(`${board.staff}/notes/${board.interactionId}/move`, {})).statusCode, 403);
  // Another session's board id in this session's address finds nothing.
  const other = await newBoard();
  const lead = await staff();
  assert.equal((await lead.get(`/a/riverside/activities/${activityId}/live/${board.sessionId}/board/${other.interactionId}`)).statusCode, 404);
  assert.equal((await lead.get(`/a/riverside/live/${board.sessionId}/board/not-an-id`)).statusCode, 404);
});

// ── The big screen and exports ───────────────────────────────────────────────────────────────

test('the big screen, print page and exports hold shown notes, their dots and groups, never a nickname, with words escaped', async () => {
  const board = await newBoard({ moderation: 'approve' });
  const writer = await join(board, 'Zebedee');
  const lead = await staff();
  await addNote(lead, board, { text: '<script>alert(1)</script> & "quotes"', column: 'good', colour: 'pink' }, board.staff);
  await addNote(lead, board, { text: '=HYPERLINK("http://evil.example")', column: 'not' }, board.staff);
  await addNote(writer.client, board, { text: 'Still waiting', column: 'ideas' });
  await t.owner.updateTable('live_post').set({ status: 'shown' }).where('shown_text', '=', 'Still waiting').execute();
  await addNote(writer.client, board, { text: 'Pending words', column: 'ideas' });
  const [xss] = await notes(board);
  const voter = await join(board, 'Yolanda');
  await voter.client.get(board.participant);
  await voter.client.post(`${board.participant}/notes/${xss!.id}/dot`, {});
  await lead.get(board.staff);
  await lead.post(`${board.staff}/clusters`, { title: 'Safety <b>first</b>', column: 'good' });
  const cluster = (await t.owner.selectFrom('live_cluster').select('id').where('interaction_id', '=', board.interactionId).executeTakeFirstOrThrow()).id;
  await lead.post(`${board.staff}/notes/${xss!.id}/move`, { place: `cluster:${cluster}` });

  const screen = await lead.get(`${board.staff}/screen`);
  assert.equal(screen.statusCode, 200);
  const big = page(screen);
  assert.ok(big.getByText('<script>alert(1)</script> & "quotes"'));
  assert.ok(big.getByText('1 dot'));
  assert.ok(big.getByRole('heading', { level: 3, name: 'Safety <b>first</b>' }));
  assert.ok(!screen.body.includes('<script>alert(1)'));

  const print = await lead.get(`${board.staff}/print`);
  assert.ok(page(print).getByText('Still waiting'));
  assert.ok(page(print).getByText('(Pink, 1 dot)'));

  const csv = await lead.get(`${board.staff}/board.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-disposition']), /^attachment; filename="what-do-you-think-of-the-youth-club-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '"Column","Group","Note","Picture","Colour","Dots"');
  assert.ok(lines.includes(`"What's good","Safety <b>first</b>","<script>alert(1)</script> & ""quotes""","","Pink",1`));
  assert.ok(lines.includes(`"What's not","","'=HYPERLINK(""http://evil.example"")","","Yellow",0`));
  assert.equal(lines.length, 4);

  const xlsx = await app.inject({ method: 'GET', url: `${board.staff}/board.xlsx`, headers: { cookie: [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  assert.equal(xlsx.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  assert.equal(sheet.rowCount, 4);
  assert.equal(sheet.getRow(2).getCell(3).value, '<script>alert(1)</script> & "quotes"');
  assert.equal(sheet.getRow(2).getCell(6).value, 1);

  const svg = await lead.get(`${board.staff}/board.svg`);
  assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
  assert.ok(svg.body.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp;'));
  assert.ok(svg.body.includes('&quot;quotes&quot;'));
  assert.ok(!svg.body.includes('<script'));
  assert.ok(!/(href|src)=|url\(|@import/.test(svg.body));

  for (const body of [screen.body, print.body, csv.body, svg.body, sheet.getSheetValues().flat().join(' ')]) {
    for (const secret of ['Zebedee', 'Yolanda', 'Pending words']) assert.ok(!body.includes(secret), secret);
  }
  const audited = await t.owner.selectFrom('audit_event').select('detail').where('action', '=', 'live.board.exported').where('subject_id', '=', board.interactionId).execute();
  assert.deepEqual(audited.map((a) => (a.detail as { format: string }).format).sort(), ['csv', 'print', 'svg', 'xlsx']);
});

test('a long word on the board image is cut to fit, never spilling past its note', () => {
  assert.deepEqual(wrap('a verylongwordthatgoeson and on', 10, 3), ['a', 'verylongwo', 'rdthatgoe…']);
  assert.deepEqual(wrap('short words only', 20, 2), ['short words only']);
});

test('the fragment the canvas refreshes is the list alone', async () => {
  const board = await newBoard();
  const { client } = await join(board);
  await addNote(client, board, { text: 'Fragment note' });
  const fragment = await client.get(`${board.participant}/fragment`);
  assert.equal(fragment.statusCode, 200);
  assert.ok(fragment.body.includes('Fragment note'));
  assert.ok(!fragment.body.includes('<html'));
  const lead = await staff();
  await lead.get(board.staff);
  await lead.post(`${board.staff}/clusters`, { title: 'A group', column: 'good' });
  const staffFragment = await lead.get(`${board.staff}/fragment`);
  assert.equal(staffFragment.statusCode, 200);
  assert.ok(staffFragment.body.includes('Hide this note'));
  assert.ok(staffFragment.body.includes('Rename group'));
});

test('the board page makes the same number of queries for 3 notes and 30', async (ctx) => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const board = await newBoard();
    const { client: writer } = await join(board);
    const measure = async (client: Client, url: string) => {
      await client.get(url); // the first visit also starts the browser's session: not the page's own work
      counter.reset();
      assert.equal((await client.get(url)).statusCode, 200);
      return counter.count();
    };
    const participant = new Client(counted);
    participant.cookies = writer.cookies;
    const lead = new Client(counted);
    await lead.signIn('lead@riverside.example');
    const add = async (n: number) => {
      for (let i = 0; i < n; i += 1)
        await t.owner.insertInto('live_post').values({ area_id: areaId, interaction_id: board.interactionId, participant_id: null, kind: 'note', original_text: `n${i}`, shown_text: `n${i}`, column_key: ['good', 'not', 'ideas'][i % 3]!, status: 'shown', client_key: `k-${newToken()}` }).execute();
      await t.owner.insertInto('live_cluster').values({ area_id: areaId, interaction_id: board.interactionId, title: `c${n}`, column_key: 'good', position: n }).execute();
    };
    await add(3);
    const few = [await measure(participant, board.participant), await measure(lead, board.staff), await measure(lead, `${board.staff}/board.csv`)];
    await add(27);
    const many = [await measure(participant, board.participant), await measure(lead, board.staff), await measure(lead, `${board.staff}/board.csv`)];
    ctx.diagnostic(`queries: participant's board ${many[0]}, facilitator's tools ${many[1]}, CSV ${many[2]} (with 3 notes and 1 group, and with 30 notes and 2 groups)`);
    assert.deepEqual(many, few);
  } finally {
    await counted.close();
  }
});
