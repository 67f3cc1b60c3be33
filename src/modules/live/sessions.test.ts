/**
 * Live sessions, the staff side, through HTTP as a lead would use them (CSRF and sessions on, a real
 * database): starting a session, preparing its interactions (errors keep what was typed, symbols,
 * moving, copying, deleting, someone else's edit), the console's controls (closing freezes the
 * tally for good), the big screen and the results page, and who may do any of it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, seededApp, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity } from '../activities/activities.service.ts';
import { createArea, findAreaBySlug, listOrganisations } from '../areas/areas.service.ts';
import { getSession, listInteractions, type LiveInteraction } from './core.ts';

let app: FastifyInstance;
let t: TestDb;
let close: () => Promise<void>;
let areaId: string;
let lead: Client;
const orgs = new Map<string, string>();

before(async () => {
  ({ app, t, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  for (const o of await listOrganisations(t.db, areaId)) orgs.set(o.name, o.id);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
});
after(() => close());

async function newActivity(organisation = 'Riverside Youth Voice', title = 'Youth forum'): Promise<string> {
  const input = testActivity({ title, organisationId: orgs.get(organisation) ?? null, purpose: 'To hear what young people think.', easyReadPurpose: 'Tell us what you think.', stage: 'design', audience: 'children_young_people', ageBands: ['12_15'], venueKind: 'online', childrenMode: true });
  return (await createActivity(t.db, areaId, null, input)).id;
}

const listUrl = (activityId: string) => `/a/riverside/activities/${activityId}/live`;

/** Makes a session through the form; returns its prepare page's address and id. */
async function newSession(client: Client, activityId: string, title = 'March forum', moderation = 'approve'): Promise<{ url: string; id: string }> {
  await client.get(listUrl(activityId));
  const made = await client.post(listUrl(activityId), { title, moderation });
  assert.equal(made.statusCode, 303, made.body.slice(0, 500));
  const url = made.headers.location as string;
  return { url, id: url.split('/').pop()! };
}

/** Whether an audit line says this about this session. */
const audited = async (action: string, sessionId: string) =>
  !!(await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select('id').where('action', '=', action).where('subject_id', '=', sessionId).executeTakeFirst()));

/** A session's events, in order (read as the area, as row-level security requires). */
const eventsOf = (sessionId: string) => withArea(t.db, areaId, (tx) => tx.selectFrom('live_event').select(['seq', 'kind', 'audience', 'payload']).where('session_id', '=', sessionId).orderBy('seq').execute());

const interactions = (sessionId: string): Promise<LiveInteraction[]> => withArea(t.db, areaId, (tx) => listInteractions(tx, areaId, sessionId));

/** Adds an interaction through the form (kind chooser, then the form). */
async function add(client: Client, sessionUrl: string, kind: string, form: Record<string, string>) {
  await client.get(`${sessionUrl}/interactions/new?kind=${kind}`);
  return client.post(`${sessionUrl}/interactions/new`, { kind, action: 'save', ...form });
}

/** A participant who joined, with an answer or post, written directly (the participate part's job). */
async function participant(sessionId: string, activityId: string, groupSize = 1): Promise<string> {
  return withArea(t.db, areaId, async (tx) => {
    const response = await tx
      .insertInto('response')
      .values({ area_id: areaId, activity_id: activityId, mode: 'anonymous', account_id: null, supporter_relationship: null, support_methods: [] as never, supporter_account_id: null, access_token_hash: randomUUID(), resume_code_hash: null, idempotency_key: randomUUID(), receipt_code: null, age_band: null, sex: null, ethnicity: null, need_type: null, support_level: null, updated_at: new Date(), channel: 'live' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = await tx.insertInto('live_participant').values({ area_id: areaId, session_id: sessionId, token_hash: randomUUID(), response_id: response.id, nickname: 'Zebedee', group_size: groupSize, rules_agreed_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    return p.id;
  });
}

async function answer(interactionId: string, participantId: string, value: unknown, shownText = '') {
  await withArea(t.db, areaId, (tx) => tx.insertInto('live_answer').values({ area_id: areaId, interaction_id: interactionId, participant_id: participantId, value: JSON.stringify(value), shown_text: shownText }).execute());
}

async function post(interactionId: string, participantId: string, original: string, shown: string, status: 'shown' | 'pending' | 'held' | 'hidden', extra: Record<string, unknown> = {}) {
  await withArea(t.db, areaId, (tx) => tx.insertInto('live_post').values({ area_id: areaId, interaction_id: interactionId, participant_id: participantId, kind: 'note', original_text: original, shown_text: shown, status, client_key: randomUUID(), ...extra } as never).execute());
}

test('a new session needs a name and a choice about notes; what was typed stays; it gets a join code and is audited', async () => {
  const activityId = await newActivity();
  const page = readPage((await lead.get(listUrl(activityId))).body);
  assert.equal(page.heading(), 'Youth forum Live sessions');
  assert.ok(page.getByText('There are no live sessions for this activity yet.'));
  assert.ok(page.isChecked('Check notes and questions before they go on the big screen'), 'checking first is the default');

  const bad = await lead.post(listUrl(activityId), { title: '   ', moderation: 'shout' });
  assert.equal(bad.statusCode, 422);
  const badPage = readPage(bad.body);
  assert.deepEqual(badPage.errorLinks(), ['#title Enter a name for the session', '#moderation Select whether to check notes and questions first']);
  const long = await lead.post(listUrl(activityId), { title: 'x'.repeat(201), moderation: 'direct' });
  assert.equal(long.statusCode, 422);
  assert.equal(readPage(long.body).valueOf('Name of the session'), 'x'.repeat(201));
  assert.ok(readPage(long.body).isChecked('Show them at once'));

  const { id } = await newSession(lead, activityId, 'March forum', 'direct');
  const session = await withArea(t.db, areaId, (tx) => getSession(tx, areaId, id));
  assert.equal(session!.moderation, 'direct');
  assert.equal(session!.status, 'draft');
  const code = await withArea(t.db, areaId, (tx) => tx.selectFrom('live_join_code').selectAll().where('session_id', '=', id).executeTakeFirst());
  assert.equal(code!.code, session!.joinCode, 'the global code row is made with the session');
  assert.ok(await audited('live.session.created', id));
  const list = readPage((await lead.get(listUrl(activityId))).body);
  assert.match(list.text(), new RegExp(`Code ${session!.joinCode}`));
});

test('preparing: each kind saved and read back; errors keep what was typed; blank option rows are ignored', async () => {
  const activityId = await newActivity();
  const { url, id } = await newSession(lead, activityId);
  const chooser = readPage((await lead.get(`${url}/interactions/new`)).body);
  assert.equal(chooser.getAllByRole('radio').length, 7);
  assert.ok(chooser.getByText(/vote for the ones they want answered first/));
  const none = await lead.post(`${url}/interactions/new/kind`, {});
  assert.equal(none.statusCode, 422);
  assert.deepEqual(readPage(none.body).errorLinks(), ['#kind Select what you want to add']);
  const chosen = await lead.post(`${url}/interactions/new/kind`, { kind: 'choice' });
  assert.equal(chosen.headers.location, `${url}/interactions/new?kind=choice`);

  // A choice with one answer and a bad symbol: the errors, and everything typed is still there.
  const bad = await add(lead, url, 'choice', { prompt: '', 'option-1-label': 'Swings', 'option-1-symbol': '1F3A0', 'option-3-label': '', 'option-3-symbol': 'NOPE' });
  assert.equal(bad.statusCode, 422);
  const badPage = readPage(bad.body);
  assert.deepEqual(badPage.errorLinks(), ['#prompt Enter what you want to ask', '#option-3-label Enter the words for answer 3']);
  assert.equal(badPage.valueOf('What do you want to ask?'), '');
  assert.equal(badPage.hiddenValue('option-1-symbol'), '1F3A0');

  const tooFew = await add(lead, url, 'choice', { prompt: 'What is best?', 'option-1-label': 'Swings', 'option-2-label': '  ' });
  assert.equal(tooFew.statusCode, 422);
  assert.deepEqual(readPage(tooFew.body).errorLinks(), ['#option-2-label Enter at least 2 answers']);
  assert.equal(readPage(tooFew.body).valueOf('What do you want to ask?'), 'What is best?');

  assert.equal((await add(lead, url, 'choice', { prompt: 'What is best at break?', symbol: '1F3EB', 'option-1-label': 'Swings', 'option-1-symbol': '1F3A0', 'option-2-label': '', 'option-3-label': 'Football', 'option-3-symbol': '26BD', multiple: 'yes' })).statusCode, 303);
  assert.equal((await add(lead, url, 'word_cloud', { prompt: 'One word for school', maxWords: '1' })).statusCode, 303);
  assert.equal((await add(lead, url, 'scale', { prompt: 'How safe do you feel?', style: 'stars', lowLabel: 'Not at all', highLabel: 'Very' })).statusCode, 303);
  assert.equal((await add(lead, url, 'board', { prompt: 'Our youth club', 'column-1-title': 'Good', 'column-1-colour': 'green', 'column-2-title': '', 'column-2-colour': 'pink', 'column-3-title': 'Ideas', 'column-3-colour': 'yellow', dotsPerPerson: '2', resultsHidden: 'yes' })).statusCode, 303);
  const badBoard = await add(lead, url, 'board', { prompt: 'Board', 'column-1-title': '', dotsPerPerson: '11', 'column-2-title': 'y'.repeat(61), 'column-2-colour': 'black' });
  assert.equal(badBoard.statusCode, 422);
  assert.deepEqual(readPage(badBoard.body).errorLinks(), ['#column-2-title Title of column 2 must be 60 characters or fewer', '#column-2-colour Select a colour for column 2', '#dotsPerPerson Dots must be a whole number from 0 to 10']);
  assert.equal(readPage(badBoard.body).valueOf('Dots each person can vote with'), '11');

  const saved = await interactions(id);
  assert.deepEqual(saved.map((i) => i.kind), ['choice', 'word_cloud', 'scale', 'board']);
  assert.equal(saved[0]!.symbol, '1F3EB');
  assert.deepEqual(saved[0]!.settings, { options: [{ id: 'a', label: 'Swings', symbol: '1F3A0' }, { id: 'b', label: 'Football', symbol: '26BD' }], multiple: true });
  assert.deepEqual(saved[1]!.settings, { maxWords: 1 });
  assert.deepEqual(saved[2]!.settings, { style: 'stars', lowLabel: 'Not at all', highLabel: 'Very' });
  assert.deepEqual(saved[3]!.settings, { columns: [{ key: 'a', title: 'Good', colour: 'green' }, { key: 'b', title: 'Ideas', colour: 'yellow' }], dotsPerPerson: 2 });
  assert.equal(saved[3]!.resultsHidden, true);
  const events = await eventsOf(id);
  assert.equal(events.filter((e) => e.kind === 'interactions.changed' && e.audience === 'staff').length, 4);

  // The prepare page lists them in order with their symbols; the edit form reads back what was saved.
  const prepare = readPage((await lead.get(url)).body);
  assert.deepEqual(prepare.getAllByRole('heading', { level: 3 }).map((h) => h.textContent!.replace(/\s+/g, ' ').trim()), ['1. Multiple choice What is best at break?', '2. Word cloud One word for school', '3. Scale How safe do you feel?', '4. Sticky-note board Our youth club']);
  const edit = readPage((await lead.get(`${url}/interactions/${saved[0]!.id}`)).body);
  assert.equal(edit.valueOf('What do you want to ask?'), 'What is best at break?');
  assert.ok(edit.getByText('Symbol: School'));
  assert.ok(edit.isChecked('Let people pick more than one'));
});

test('choosing a symbol: the picker carries the draft, and the chosen symbol comes back unsaved', async () => {
  const activityId = await newActivity();
  const { url, id } = await newSession(lead, activityId);
  await lead.get(`${url}/interactions/new?kind=choice`);
  const draft = { kind: 'choice', prompt: 'Favourite food?', 'option-1-label': 'Pizza', 'option-2-label': 'Apple' };
  const picker = await lead.post(`${url}/interactions/new`, { ...draft, action: 'symbol:option-1' });
  assert.equal(picker.statusCode, 200);
  const pickerPage = readPage(picker.body);
  assert.equal(pickerPage.heading(), 'Symbol for answer 1 Choose a symbol');
  assert.equal(pickerPage.valueOf('Search for a symbol'), 'Pizza', 'the search starts from the answer\'s words');
  assert.ok(pickerPage.getByRole('radio', { name: /pizza/i }));
  assert.equal(pickerPage.hiddenValue('prompt'), 'Favourite food?');
  const carried = Object.fromEntries([...pickerPage.document.querySelectorAll('input[type=hidden]:not([name=_csrf])')].map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]));

  const missing = await lead.post(`${url}/interactions/new`, { ...carried, q: 'Pizza', action: 'pick' });
  assert.equal(missing.statusCode, 422);
  assert.deepEqual(readPage(missing.body).errorSummary(), ['Select a symbol']);
  const picked = await lead.post(`${url}/interactions/new`, { ...carried, q: 'Pizza', action: 'pick', chosenSymbol: '1F355' });
  assert.equal(picked.statusCode, 200);
  const form = readPage(picked.body);
  assert.ok(form.getByText('Symbol chosen. Nothing is saved until you press Save.'));
  assert.equal(form.hiddenValue('option-1-symbol'), '1F355');
  assert.equal(form.valueOf('What do you want to ask?'), 'Favourite food?');
  assert.equal((await interactions(id)).length, 0, 'nothing saved yet');
  const values = Object.fromEntries([...form.document.querySelectorAll('form input, form textarea')].filter((i) => (i as HTMLInputElement).type !== 'checkbox' && (i as HTMLInputElement).name && (i as HTMLInputElement).name !== '_csrf').map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]));
  assert.equal((await lead.post(`${url}/interactions/new`, { ...values, action: 'save' })).statusCode, 303);
  assert.deepEqual((await interactions(id))[0]!.settings, { options: [{ id: 'a', label: 'Pizza', symbol: '1F355' }, { id: 'b', label: 'Apple', symbol: null }], multiple: false });
});

test('without JavaScript, "Add another answer" adds a row (up to 8) and keeps what was typed; nothing is saved', async () => {
  const activityId = await newActivity();
  const { url, id } = await newSession(lead, activityId);
  await lead.get(`${url}/interactions/new?kind=ranking`);
  const four = { kind: 'ranking', prompt: 'Put these in order', 'option-1-label': 'Parks', 'option-2-label': 'Buses', 'option-3-label': '', 'option-4-label': '' };
  const more = await lead.post(`${url}/interactions/new`, { ...four, action: 'addOption' });
  assert.equal(more.statusCode, 200);
  const page = readPage(more.body);
  assert.equal(page.getAllByRole('group', { name: /^Answer \d$/ }).length, 5);
  assert.ok(page.document.querySelector('#option-5-label[autofocus]'), 'the new row has the focus');
  assert.equal(page.valueOf('What do you want to ask?'), 'Put these in order');
  const eight = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`option-${i + 1}-label`, `Idea ${i + 1}`]));
  const full = readPage((await lead.post(`${url}/interactions/new`, { kind: 'ranking', prompt: 'Many', ...eight, action: 'addOption' })).body);
  assert.equal(full.getAllByRole('group', { name: /^Answer \d$/ }).length, 8);
  assert.equal(full.queryByRole('button', { name: 'Add another answer' }), null, 'no more than 8');
  assert.equal((await interactions(id)).length, 0);
});

test('move up and down, copy, delete with a confirm page; someone else\'s edit is not overwritten', async () => {
  const activityId = await newActivity();
  const { url, id } = await newSession(lead, activityId);
  for (const prompt of ['First', 'Second', 'Third']) await add(lead, url, 'open_text', { prompt });
  let list = await interactions(id);
  await lead.get(url);
  assert.equal((await lead.post(`${url}/interactions/${list[2]!.id}/move`, { direction: 'up' })).statusCode, 303);
  assert.deepEqual((await interactions(id)).map((i) => i.prompt), ['First', 'Third', 'Second']);
  await lead.get(url);
  await lead.post(`${url}/interactions/${list[0]!.id}/move`, { direction: 'down' });
  assert.deepEqual((await interactions(id)).map((i) => i.prompt), ['Third', 'First', 'Second']);
  await lead.post(`${url}/interactions/${list[0]!.id}/move`, { direction: 'down' });
  await lead.post(`${url}/interactions/${list[0]!.id}/move`, { direction: 'down' });
  assert.deepEqual((await interactions(id)).map((i) => i.prompt), ['Third', 'Second', 'First'], 'the last one stays last');

  await lead.get(url);
  assert.equal((await lead.post(`${url}/interactions/${list[2]!.id}/duplicate`)).statusCode, 303);
  list = await interactions(id);
  assert.deepEqual(list.map((i) => [i.prompt, i.position]), [['Third', 1], ['Third', 2], ['Second', 3], ['First', 4]]);

  // Delete: a confirm page that says what will be lost.
  const p = await participant(id, activityId);
  await post(list[1]!.id, p, 'hello', 'hello', 'shown');
  const confirm = readPage((await lead.get(`${url}/interactions/${list[1]!.id}/delete`)).body);
  assert.ok(confirm.getByText('1 answer to this will be deleted too. This cannot be undone.'));
  assert.equal((await lead.post(`${url}/interactions/${list[1]!.id}/delete`)).statusCode, 303);
  assert.deepEqual((await interactions(id)).map((i) => [i.prompt, i.position]), [['Third', 1], ['Second', 2], ['First', 3]]);
  assert.ok(await audited('live.interaction.deleted', id));

  // Two people editing: the second save is refused, and what they typed is kept.
  const target = (await interactions(id))[0]!;
  const formA = await lead.get(`${url}/interactions/${target.id}`);
  const versionA = readPage(formA.body).hiddenValue('version')!;
  const other = new Client(app);
  await other.signIn('lead@riverside.example');
  await other.get(`${url}/interactions/${target.id}`);
  assert.equal((await other.post(`${url}/interactions/${target.id}`, { prompt: 'Changed by someone else', version: versionA, action: 'save' })).statusCode, 303);
  await lead.get(`${url}/interactions/${target.id}`);
  const stale = await lead.post(`${url}/interactions/${target.id}`, { prompt: 'My own words', version: versionA, action: 'save' });
  assert.equal(stale.statusCode, 409);
  const stalePage = readPage(stale.body);
  assert.match(stalePage.errorSummary()[0]!, /Someone else changed this/);
  assert.equal(stalePage.valueOf('What do you want to ask?'), 'My own words');
  assert.equal((await interactions(id))[0]!.prompt, 'Changed by someone else');
});

test('the console: start, next, lock, close freezes the tally for good; reveal; end; events for each change', async () => {
  const activityId = await newActivity();
  const { url, id } = await newSession(lead, activityId);
  await add(lead, url, 'choice', { prompt: 'Best day?', 'option-1-label': 'Monday', 'option-2-label': 'Friday', 'option-2-symbol': '1F389', resultsHidden: 'yes' });
  await add(lead, url, 'open_text', { prompt: 'Anything else?' });
  const [choice, open] = await interactions(id);
  const consoleUrl = `${url}/console`;
  const draft = readPage((await lead.get(consoleUrl)).body);
  assert.ok(draft.getByRole('button', { name: 'Start the session' }));

  assert.equal((await lead.post(consoleUrl, { action: 'start' })).statusCode, 303);
  let session = await withArea(t.db, areaId, (tx) => getSession(tx, areaId, id));
  assert.equal(session!.status, 'running');
  assert.ok(session!.startedAt);
  assert.equal(session!.currentInteractionId, choice!.id);
  assert.equal((await interactions(id))[0]!.state, 'open', 'the first question opens when the session starts');

  const a = await participant(id, activityId);
  const b = await participant(id, activityId, 3);
  await answer(choice!.id, a, { options: ['b'] });
  await answer(choice!.id, b, { options: ['a'] });

  // Results hidden: the big screen says so and shows no counts.
  const hidden = readPage((await lead.get(`${url}/present`)).body);
  assert.ok(hidden.getByText('Results are hidden for now'));
  assert.equal(hidden.queryByText('1 vote'), null);
  await lead.get(consoleUrl);
  assert.equal((await lead.post(consoleUrl, { action: 'reveal', interactionId: choice!.id })).statusCode, 303);
  const shown = readPage((await lead.get(`${url}/present`)).body);
  assert.equal(shown.getAllByText('1 vote').length, 2);
  assert.ok(shown.getByText(/2 answers \(4 people\)/));

  await lead.get(consoleUrl);
  await lead.post(consoleUrl, { action: 'lock', interactionId: choice!.id });
  assert.equal((await interactions(id))[0]!.state, 'locked');
  await lead.post(consoleUrl, { action: 'close', interactionId: choice!.id });
  const closed = (await interactions(id))[0]!;
  assert.equal(closed.state, 'closed');
  assert.ok(closed.closedAt);
  assert.deepEqual((closed.frozenTally as { counts: unknown }).counts, { a: 1, b: 1 });
  // Answers written after closing (directly, as a late or replayed vote would be) change nothing.
  const c = await participant(id, activityId);
  await answer(choice!.id, c, { options: ['b'] });
  const results = readPage((await lead.get(`${url}/results`)).body);
  assert.match(results.section(/Best day\?/), /Closed on .*These results are final\./);
  assert.match(results.section(/Best day\?/), /2 answers/);
  assert.equal(results.getAllByText('1 vote').length, 2);
  // Closing again is refused politely.
  await lead.get(consoleUrl);
  const again = await lead.post(consoleUrl, { action: 'close', interactionId: choice!.id });
  assert.equal(again.statusCode, 303);
  assert.match(readPage((await lead.get(consoleUrl)).body).flash() ?? '', /already changed/);

  await lead.post(consoleUrl, { action: 'go', interactionId: open!.id });
  session = await withArea(t.db, areaId, (tx) => getSession(tx, areaId, id));
  assert.equal(session!.currentInteractionId, open!.id);
  assert.equal((await interactions(id))[1]!.state, 'open');

  await lead.get(consoleUrl);
  await lead.post(consoleUrl, { action: 'end' });
  session = await withArea(t.db, areaId, (tx) => getSession(tx, areaId, id));
  assert.equal(session!.status, 'ended');
  assert.ok(session!.endedAt);
  assert.equal((await interactions(id))[1]!.state, 'closed', 'ending closes what was still open');

  const events = await eventsOf(id);
  const kinds = events.filter((e) => e.kind !== 'interactions.changed').map((e) => `${e.kind}/${e.audience}`);
  assert.deepEqual(kinds, [
    'interaction.state/everyone', // opened on start
    'session.state/everyone', // started
    'interaction.state/everyone', // revealed
    'tally/screen',
    'interaction.state/everyone', // locked
    'interaction.state/everyone', // closed
    'tally/screen',
    'interaction.state/everyone', // next one opened
    'session.state/everyone', // moved on
    'interaction.state/everyone', // closed by the end
    'session.state/everyone', // ended
  ]);
  assert.deepEqual(events.map((e) => Number(e.seq)), events.map((_, i) => i + 1), 'numbered without gaps');
});

test('the big screen: join address, code and QR always; only shown words, never nicknames; a fragment for the stream', async () => {
  const activityId = await newActivity();
  const { url, id } = await newSession(lead, activityId);
  await add(lead, url, 'board', { prompt: 'Our club', 'column-1-title': 'Good', 'column-1-colour': 'green', 'column-2-title': 'Ideas', 'column-2-colour': 'yellow', dotsPerPerson: '3' });
  const [board] = await interactions(id);
  const waiting = await lead.get(`${url}/present`);
  assert.equal(waiting.statusCode, 200);
  const code = (await withArea(t.db, areaId, (tx) => getSession(tx, areaId, id)))!.joinCode;
  const page = readPage(waiting.body);
  assert.ok(page.getByText('We will start soon. Join now!'));
  assert.ok(page.getByText(`${code.slice(0, 3)} ${code.slice(3)}`));
  assert.ok(page.getByText(/^localhost(:80)?\/join$/));
  assert.ok(page.getByRole('img', { name: new RegExp(`^QR code: opens localhost(:80)?/join/${code}$`) }));
  assert.match(waiting.body, /<meta http-equiv="refresh" content="5">/);

  await lead.get(`${url}/console`);
  await lead.post(`${url}/console`, { action: 'start' });
  const p = await participant(id, activityId);
  await post(board!.id, p, 'Call me on 07700 900123', 'Call me on [phone number]', 'shown', { column_key: 'a' });
  await post(board!.id, p, 'waiting words', 'waiting words', 'pending', { column_key: 'a' });
  await post(board!.id, p, 'worrying words', 'worrying words', 'held', { column_key: 'b' });
  await post(board!.id, p, 'hidden words', 'hidden words', 'hidden', { column_key: 'b' });
  const live = await lead.get(`${url}/present`);
  const screen = readPage(live.body);
  assert.ok(screen.getByRole('heading', { level: 1, name: 'Our club' }));
  assert.ok(screen.getByText('Call me on [phone number]'));
  for (const words of ['07700 900123', 'waiting words', 'worrying words', 'hidden words', 'Zebedee']) assert.ok(!live.body.includes(words), `${words} is not on the big screen`);
  assert.ok(screen.getByRole('region', { name: 'Good' }));
  assert.ok(screen.getByText('1 person joined', { exact: false }));

  const fragment = await lead.get(`${url}/present/fragment`);
  assert.equal(fragment.statusCode, 200);
  assert.match(fragment.body, /^\s*<div id="live-results"/);
  assert.ok(!fragment.body.includes('<html'));
  assert.ok(fragment.body.includes('Call me on [phone number]'));
});

test('the screens read a fixed number of queries however many interactions there are, open or closed', async () => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const client = new Client(counted);
    await client.signIn('lead@riverside.example');
    const measure = async (n: number) => {
      const activityId = await newActivity();
      const { url } = await newSession(client, activityId);
      for (let i = 0; i < n; i += 1) await add(client, url, i % 2 ? 'choice' : 'open_text', { prompt: `Q${i}`, 'option-1-label': 'Yes', 'option-2-label': 'No' });
      await client.get(`${url}/console`);
      await client.post(`${url}/console`, { action: 'start' });
      await client.get(`${url}/console`);
      const out: Record<string, number> = {};
      // While it runs, with every question open (each one's tally counted afresh, not frozen).
      const sessionId = url.split('/').pop()!;
      await withArea(t.db, areaId, (tx) => tx.updateTable('live_interaction').set({ state: 'open' }).where('session_id', '=', sessionId).execute());
      counter.reset();
      assert.equal((await client.get(`${url}/results`)).statusCode, 200);
      out['results while running'] = counter.count();
      await client.post(`${url}/console`, { action: 'end' });
      for (const page of ['console', 'present', 'results', '']) {
        counter.reset();
        assert.equal((await client.get(`${url}${page ? `/${page}` : ''}`)).statusCode, 200);
        out[page || 'prepare'] = counter.count();
      }
      return out;
    };
    // Two interactions (an open question and a choice: one of each way of counting) and ten.
    const two = await measure(2);
    const ten = await measure(10);
    assert.deepEqual(ten, two, `queries with 2 and 10 interactions: ${JSON.stringify(two)} ${JSON.stringify(ten)}`);
  } finally {
    await counted.close();
  }
});

test('who may: a practitioner only for their organisation; decision makers read results only; other areas see nothing', async () => {
  const councils = await newActivity('Riverside Council', 'Council forum');
  const { url, id } = await newSession(lead, councils);
  await add(lead, url, 'open_text', { prompt: 'Anything?' });
  const [interaction] = await interactions(id);

  const practitioner = new Client(app);
  await practitioner.signIn('practitioner@riverside.example');
  const own = await newActivity('Riverside NHS Trust', 'Clinic forum');
  const mine = await newSession(practitioner, own);
  assert.equal((await practitioner.get(mine.url)).statusCode, 200);
  for (const path of ['', '/console', '/present', '/present/fragment', '/results', '/interactions/new', `/interactions/${interaction!.id}`, `/interactions/${interaction!.id}/delete`]) {
    assert.equal((await practitioner.get(`${url}${path}`)).statusCode, 403, `GET ${path}`);
  }
  assert.equal((await practitioner.get(listUrl(councils))).statusCode, 403);
  for (const [path, form] of [['/console', { action: 'start' }], ['/interactions/new', { kind: 'open_text', prompt: 'Taken over' }], [`/interactions/${interaction!.id}`, { prompt: 'Taken over' }], [`/interactions/${interaction!.id}/delete`, {}], [`/interactions/${interaction!.id}/move`, { direction: 'up' }]] as const) {
    assert.equal((await practitioner.post(`${url}${path}`, form)).statusCode, 403, `POST ${path}`);
  }
  assert.equal((await practitioner.post(listUrl(councils), { title: 'Mine now', moderation: 'direct' })).statusCode, 403);
  assert.equal((await interactions(id))[0]!.prompt, 'Anything?');
  assert.equal((await withArea(t.db, areaId, (tx) => getSession(tx, areaId, id)))!.status, 'draft');

  const decisionMaker = new Client(app);
  await decisionMaker.signIn('decision-maker@riverside.example');
  assert.equal((await decisionMaker.get(`${url}/results`)).statusCode, 200);
  const dmList = readPage((await decisionMaker.get(listUrl(councils))).body);
  assert.equal(dmList.queryByRole('button', { name: 'Make the session' }), null, 'decision makers read, they do not run');
  assert.equal((await decisionMaker.get(`${url}/console`)).statusCode, 403);
  assert.equal((await decisionMaker.get(url)).statusCode, 403);

  // Another area's session, addressed through this area's activity or its own: nothing.
  const nv = await createArea(t.db, { slug: 'north-vale-l', name: 'North Vale', contactEmail: 'nv@example.org' });
  const foreignActivity = (await createActivity(t.db, nv.id, null, testActivity({ title: 'Hidden', organisationId: null }))).id;
  assert.equal((await lead.get(listUrl(foreignActivity))).statusCode, 404);
  assert.equal((await lead.get(`${listUrl(own)}/${id}`)).statusCode, 404, 'a session of another activity');
  assert.equal((await lead.get(`${url}/interactions/${randomUUID()}`)).statusCode, 404);
  assert.equal((await lead.get(`${listUrl(councils)}/not-an-id/console`)).statusCode, 404);
});
