/**
 * What taking part did (issue 13 §4): the area's evaluation questions, staff's answers to (1) and (2)
 * with evidence, the participant impact check linked by receipt code or account without storing
 * either, when it is offered, paired change with small numbers suppressed, and the same number of
 * queries for 10 and for 1,000 activities.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { hashToken } from '../../lib/tokens.ts';
import { testActivity } from '../../testing/activities.ts';
import { readPage } from '../../testing/dom.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { insertResponse } from '../../testing/responses.ts';
import { createActivity } from '../activities/activities.service.ts';
import { activityImpact, impactOfferForAccount, impactOfferForResponse, impactSummary, presentResults, recordCheck, saveActivityChange } from './impact.service.ts';

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
});
after(async () => {
  await app?.close();
  await t?.drop();
});

async function as(role: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(`only-${role.replace('_', '-')}@riverside.example`);
  return client;
}

let codeSeq = 0;
/** A receipt code in the real alphabet, different each call (insertResponse's are hex, not codes). */
function nextCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  codeSeq += 1;
  let n = codeSeq + 1000;
  let out = '';
  for (let i = 0; i < 6; i += 1) {
    out += alphabet[n % alphabet.length];
    n = Math.floor(n / alphabet.length);
  }
  return `${out.slice(0, 3)}-${out.slice(3)}`;
}

/** A sent response whose browser holds `token` as its cookie, in children's mode or not. */
async function sentResponse(db: Db, options: { childrenMode: boolean; accountId?: string | null; title?: string }): Promise<{ id: string; code: string; token: string; activityId: string }> {
  const areaId = fx.riverside.id;
  const activity = await createActivity(db, areaId, null, testActivity({ title: options.title ?? 'Impact survey', childrenMode: options.childrenMode }));
  const token = `token-${Math.random()}`;
  const code = nextCode();
  const response = await withArea(db, areaId, async (tx) => {
    const r = await insertResponse(tx, areaId, { activityId: activity.id, answers: [], accountId: options.accountId ?? null, mode: options.accountId ? 'signed_in' : 'anonymous' });
    await tx.updateTable('response').set({ receipt_code: code, access_token_hash: hashToken(token) }).where('id', '=', r.id).execute();
    return r;
  });
  return { id: response.id, code, token, activityId: activity.id };
}

const ALL_OK = { self_esteem: '3', self_advocacy: '2', confidence: '3', less_isolated: '1' };

/** Everything the impact tables hold, as text: to prove no code, account id or name is in them. */
async function impactTablesText(): Promise<string> {
  const rows = await sql<{ t: string }>`
    select coalesce((select json_agg(p)::text from impact_participant p), '') || coalesce((select json_agg(c)::text from impact_check c), '') as t`.execute(t.owner);
  return rows.rows[0]!.t;
}

// ── The evaluation questions ─────────────────────────────────────────────────────────────────

test('a lead sees the four questions with their source, changes one, and an empty box goes back to our wording', async () => {
  const lead = await as('participation_lead');
  const page = readPage((await lead.get('/a/riverside/manage/evaluation/questions')).body);
  assert.ok(page.getByText(/Source: the area's charter evaluation questions/));
  const first = page.getByRole('textbox', { name: 'Question 1' }) as HTMLTextAreaElement;
  assert.equal(first.value.trim(), 'What did we do differently because children, young people and families were involved?');

  const saved = await lead.post('/a/riverside/manage/evaluation/questions', {
    question_differently: 'What did the council change because families were part of it?',
    question_impact_on_users: '',
    question_impact_on_participants: '',
    question_who_takes_part: '',
    againAfterMonths: '9',
    againAfterActivities: '3',
  });
  assert.equal(saved.statusCode, 303);
  const area = readPage((await lead.get('/a/riverside/manage/evaluation/impact')).body);
  assert.ok(area.getByText('What did the council change because families were part of it?'));
  assert.ok(area.getByText('What impact did that have on those using the service?'));
  const again = readPage((await lead.get('/a/riverside/manage/evaluation/questions')).body);
  assert.equal((again.getByRole('textbox', { name: /Ask again after this many months/ }) as HTMLInputElement).value, '9');

  // Back to the defaults for the other tests.
  await lead.post('/a/riverside/manage/evaluation/questions', { question_differently: '', againAfterMonths: '6', againAfterActivities: '' });
  const audit = await t.owner.selectFrom('audit_event').select('action').where('action', '=', 'evaluation.impact_settings_saved').where('actor_account_id', '=', fx.riverside.memberIds.participation_lead).execute();
  assert.equal(audit.length, 2);
});

test('the questions form refuses bad numbers and long wording, keeping what was typed', async () => {
  const lead = await as('participation_lead');
  await lead.get('/a/riverside/manage/evaluation/questions');
  const long = 'x'.repeat(301);
  const response = await lead.post('/a/riverside/manage/evaluation/questions', { question_whoTakesPart: '', question_who_takes_part: long, againAfterMonths: '0', againAfterActivities: 'lots' });
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  assert.match(page.document.title, /^Error:/);
  const summary = page.getByRole('alert');
  for (const text of ['The question must be 300 characters or fewer', 'Months must be a whole number from 1 to 24', 'Activities must be a whole number from 2 to 20']) assert.ok(summary.textContent!.includes(text), text);
  assert.equal((page.getByRole('textbox', { name: 'Question 4' }) as HTMLTextAreaElement).value.trim(), long);
  assert.equal((page.getByRole('textbox', { name: /Or after this many activities/ }) as HTMLInputElement).value, 'lots');
});

test('only area admins and leads change the questions; a practitioner may not', async () => {
  const practitioner = await as('practitioner');
  assert.equal((await practitioner.get('/a/riverside/manage/evaluation/questions')).statusCode, 403);
  assert.equal((await practitioner.post('/a/riverside/manage/evaluation/questions', { againAfterMonths: '1' })).statusCode, 403);
  const nobody = new Client(app);
  assert.match(String((await nobody.get('/a/riverside/manage/evaluation/impact')).headers.location), /sign-in/);
});

// ── (1) and (2) for an activity and its published responses ──────────────────────────────────

async function publishedResponse(activityId: string, title: string): Promise<string> {
  const areaId = fx.riverside.id;
  return withArea(t.db, areaId, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title }).returning('id').executeTakeFirstOrThrow();
    const content = {
      theme: { title, summary: '', easyReadSummary: '', symbol: null, symbolAlt: '', citation: '', contributionCount: 12, quotes: [] },
      response: { status: 'done', reason: '', whatChanged: 'The bus now waits at school.', whatChangedEasyRead: '', decidedBy: 'Board', decidedOn: null, dueOn: null, doneOn: null, evidenceLinks: [] },
      activities: [{ id: activityId, title: 'x' }],
    };
    const row = await tx
      .insertInto('theme_response')
      .values({ area_id: areaId, theme_id: theme.id, what_changed: 'The bus now waits at school.', evidence_links: [], stage: 'published', first_published_at: new Date(), published_at: new Date(), published_version: 1, published_content: JSON.stringify(content), published_activity_ids: [activityId] })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

test('a lead answers (1) and (2) for the activity and for a published response, with evidence, and who answered when is kept', async () => {
  const activityId = fx.riverside.activityId;
  const responseId = await publishedResponse(activityId, 'Transport to school');
  const lead = await as('participation_lead');
  const url = `/a/riverside/activities/${activityId}/evaluation/impact`;
  const page = readPage((await lead.get(url)).body);
  assert.ok(page.getByRole('heading', { name: /Transport to school/ }));

  const saved = await lead.post(url, { target: responseId, didDifferently: 'Buses wait ten minutes longer.', differentlyEvidence: 'https://example.org/minutes', impactOnUsers: 'Fewer missed mornings.', impactEvidence: 'Attendance report, March' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `${url}#r-${responseId}`);
  await lead.post(url, { target: 'activity', didDifferently: 'We met in the evening.', differentlyEvidence: 'Booking log' });

  const after = readPage((await lead.get(url)).body);
  assert.ok(after.getAllByText(/First answered by Only participation_lead on/).length >= 2);
  const area = readPage((await lead.get('/a/riverside/manage/evaluation/impact')).body);
  assert.ok(area.getByText('Buses wait ten minutes longer.'));
  assert.equal(area.getByRole('link', { name: 'https://example.org/minutes' }).getAttribute('href'), 'https://example.org/minutes');
  assert.ok(area.getByText(/Published response: Transport to school/));
  const stored = await activityImpact(t.db, fx.riverside.id, activityId);
  assert.equal(stored.overall?.didDifferently, 'We met in the evening.');
  assert.equal(stored.responses.find((r) => r.response.id === responseId)?.change?.impactEvidence, 'Attendance report, March');
});

test('(1) needs an answer and evidence; what was typed stays; a response of another activity is not found', async () => {
  const activityId = fx.riverside.activityId;
  const lead = await as('participation_lead');
  const url = `/a/riverside/activities/${activityId}/evaluation/impact`;
  await lead.get(url);
  const response = await lead.post(url, { target: 'activity', didDifferently: '', differentlyEvidence: '', impactOnUsers: 'More people came.', impactEvidence: '' });
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  const summary = page.getByRole('alert');
  assert.ok(summary.textContent!.includes('Enter what we did differently'));
  assert.ok(summary.textContent!.includes('Add evidence: a link or a short note'));
  assert.equal(page.getByRole('link', { name: 'Enter what we did differently' }).getAttribute('href'), '#activity-didDifferently');
  assert.equal((page.document.getElementById('activity-impactOnUsers') as HTMLTextAreaElement).value.trim(), 'More people came.');

  const other = await sentResponse(t.db, { childrenMode: false, title: 'Another' });
  const elsewhere = await publishedResponse(other.activityId, 'Elsewhere');
  assert.equal((await lead.post(url, { target: elsewhere, didDifferently: 'x', differentlyEvidence: 'y' })).statusCode, 404);
  assert.equal((await lead.post(url, { target: 'not-an-id', didDifferently: 'x', differentlyEvidence: 'y' })).statusCode, 404);
});

test('a decision maker reads the answers but cannot change them', async () => {
  const dm = await as('decision_maker');
  const url = `/a/riverside/activities/${fx.riverside.activityId}/evaluation/impact`;
  const page = readPage((await dm.get(url)).body);
  assert.ok(page.getByText('Only the activity\'s own staff can answer these questions.'));
  assert.equal(page.queryAllByRole('button', { name: /Save the answers/ }).length, 0);
  assert.equal((await dm.post(url, { target: 'activity', didDifferently: 'x', differentlyEvidence: 'y' })).statusCode, 403);
});

// ── (3) the participant impact check ─────────────────────────────────────────────────────────

test('a child answers from the thank-you page, later again with their receipt code: paired, and no code or name is stored', async () => {
  const sent = await sentResponse(t.db, { childrenMode: true });
  const child = new Client(app);
  child.cookies.set('chorus_response', sent.token);
  const base = `/a/riverside/responses/${sent.id}`;

  assert.deepEqual(await impactOfferForResponse(t.db, fx.riverside.id, sent.id), { href: 'impact-check', kind: 'first' });
  const page = readPage((await child.get(`${base}/impact-check`)).body);
  assert.ok(page.getByRole('heading', { level: 1, name: 'How do you feel?' }));
  // Picture cards: real radios named by their words, with the symbol scale.
  assert.equal(page.getAllByRole('radio', { name: 'A lot' }).length, 4);
  assert.equal(page.getAllByRole('group').length, 4);
  // OpenMoji's licence asks for its credit wherever its symbols are shown.
  assert.ok(page.getByText('Symbols: OpenMoji, CC BY-SA 4.0'));

  const saved = await child.post(`${base}/impact-check`, ALL_OK);
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, '/a/riverside/impact-check/thank-you?version=child&by=code');
  const thanks = readPage((await child.get(String(saved.headers.location))).body);
  assert.ok(thanks.getByText(/Keep your receipt code. In about 6 months, you can answer again with it/));
  assert.equal(thanks.getByRole('link', { name: 'Answer again with your receipt code' }).getAttribute('href'), '/a/riverside/impact-check/code');
  assert.equal(await impactOfferForResponse(t.db, fx.riverside.id, sent.id), null, 'not offered again straight away');

  // Later, with no cookie and no account: the code from the first time links the second answers.
  const later = new Client(app);
  await later.get('/a/riverside/impact-check/code');
  const form = await later.post('/a/riverside/impact-check/code', { code: sent.code.toLowerCase().replace('-', ' ') });
  assert.equal(form.statusCode, 200);
  assert.ok(readPage(form.body).getByRole('heading', { level: 1, name: 'How do you feel?' }));
  const again = await later.post('/a/riverside/impact-check/with-code', { code: sent.code, self_esteem: '3', self_advocacy: '3', confidence: '3', less_isolated: '2' });
  assert.equal(again.statusCode, 303);

  const rows = await t.owner.selectFrom('impact_check as c').innerJoin('impact_participant as p', 'p.id', 'c.participant_id').select(['p.id', 'p.version', 'p.link_kind', 'c.round', 'c.answers']).orderBy('c.answered_at').execute();
  const mine = rows.filter((r) => r.id === rows[rows.length - 1]!.id);
  assert.deepEqual(mine.map((r) => r.round), [1, 2]);
  assert.equal(mine[0]!.version, 'child');
  assert.equal(mine[0]!.link_kind, 'receipt_code');
  const stored = await impactTablesText();
  assert.ok(!stored.includes(sent.code) && !stored.includes(sent.code.replace('-', '')), 'the receipt code is not stored');
  assert.ok(!stored.includes(sent.id), 'the response is not linked');
});

test('a wrong or unknown code is refused with a message, and nothing is stored', async () => {
  const client = new Client(app);
  await client.get('/a/riverside/impact-check/code');
  const before = (await t.owner.selectFrom('impact_check').select('id').execute()).length;
  for (const code of ['', 'ZZZ-ZZZ', 'not a code']) {
    const response = await client.post('/a/riverside/impact-check/code', { code });
    assert.equal(response.statusCode, 422, code);
    assert.ok(readPage(response.body).getByRole('alert'));
  }
  const direct = await client.post('/a/riverside/impact-check/with-code', { code: 'ZZZ-ZZZ', ...ALL_OK });
  assert.equal(direct.statusCode, 422);
  assert.equal((await t.owner.selectFrom('impact_check').select('id').execute()).length, before);
});

test('the check on a response page belongs to the browser that sent it', async () => {
  const sent = await sentResponse(t.db, { childrenMode: false });
  const stranger = new Client(app);
  assert.equal((await stranger.get(`/a/riverside/responses/${sent.id}/impact-check`)).statusCode, 404);
  stranger.cookies.set('chorus_response', 'someone-elses-token');
  assert.equal((await stranger.get(`/a/riverside/responses/${sent.id}/impact-check`)).statusCode, 404);
  assert.equal((await stranger.post(`/a/riverside/responses/${sent.id}/impact-check`, ALL_OK, { csrf: false })).statusCode, 403);
});

test('every statement needs an answer (or "I don\'t want to say"); a skipped one is not stored, and answers stay on error', async () => {
  const sent = await sentResponse(t.db, { childrenMode: false });
  const parent = new Client(app);
  parent.cookies.set('chorus_response', sent.token);
  const url = `/a/riverside/responses/${sent.id}/impact-check`;
  const first = readPage((await parent.get(url)).body);
  assert.ok(first.getByRole('heading', { level: 1, name: 'How is taking part going for you?' }));
  const response = await parent.post(url, { self_esteem: '2', confidence: '7' });
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  const summary = page.getByRole('alert');
  assert.ok(summary.textContent!.includes('Select how much you feel able to speak up for your child and family'));
  assert.ok(summary.textContent!.includes('Select how confident you feel working with services'));
  assert.equal(page.getByRole('link', { name: /speak up for your child/ }).getAttribute('href'), '#self_advocacy');
  assert.ok((page.getAllByRole('radio', { name: 'A bit' })[0] as HTMLInputElement).checked, 'the first answer stays chosen');

  assert.equal((await parent.post(url, { self_esteem: '2', self_advocacy: 'skip', confidence: '1', less_isolated: '3' })).statusCode, 303);
  const check = await t.owner.selectFrom('impact_check').select('answers').orderBy('answered_at', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(check.answers, { self_esteem: 2, confidence: 1, less_isolated: 3 });
});

test('a parent carer with an account: offered on their page the first time, not again until due, then paired by account', async () => {
  const parent = await as('parent_carer');
  const accountId = fx.riverside.memberIds.parent_carer;
  const yourPage = readPage((await parent.get('/a/riverside/your-page')).body);
  const link = yourPage.getByRole('link', { name: 'Answer 4 short statements' });
  assert.equal(link.getAttribute('href'), '/a/riverside/impact-check');

  await parent.get('/a/riverside/impact-check');
  const sent = await parent.post('/a/riverside/impact-check', ALL_OK);
  assert.equal(sent.statusCode, 303);
  assert.ok(readPage((await parent.get(String(sent.headers.location))).body).getByText('We will ask again on your page in about 6 months, to see what has changed.'));
  assert.equal(readPage((await parent.get('/a/riverside/your-page')).body).queryAllByRole('link', { name: 'Answer 4 short statements' }).length, 0);
  assert.equal(await impactOfferForAccount(t.db, fx.riverside.id, accountId, ['parent_carer']), null);

  // Seven months on (the area asks again after 6): due again.
  const sevenMonths = new Date(Date.now() + 7 * 31 * 86_400_000);
  assert.equal(await impactOfferForAccount(t.db, fx.riverside.id, accountId, ['parent_carer'], sevenMonths), 'again');
  await parent.get('/a/riverside/impact-check');
  assert.equal((await parent.post('/a/riverside/impact-check', { ...ALL_OK, less_isolated: '3' })).statusCode, 303);

  const stored = await impactTablesText();
  assert.ok(!stored.includes(accountId), 'the account id is not stored');
  assert.ok(!stored.includes('Only parent_carer'), 'no name is stored');
  const accountLinked = await t.owner.selectFrom('impact_participant as p').innerJoin('impact_check as c', 'c.participant_id', 'p.id').select(['p.id', 'c.round']).where('p.link_kind', '=', 'account').execute();
  assert.deepEqual(accountLinked.map((r) => r.round).sort(), [1, 2]);
  assert.equal(new Set(accountLinked.map((r) => r.id)).size, 1);
});

test('"after N activities": an account is due again once it has sent responses to that many activities since its last check', async () => {
  const areaId = fx.riverside.id;
  const accountId = fx.riverside.memberIds.young_person;
  await recordCheck(t.db, areaId, { kind: 'account', accountId }, 'child', { self_esteem: 1 }, new Date(Date.now() - 86_400_000));
  assert.equal(await impactOfferForAccount(t.db, areaId, accountId, ['young_person']), null);
  const lead = await as('participation_lead');
  await lead.get('/a/riverside/manage/evaluation/questions');
  await lead.post('/a/riverside/manage/evaluation/questions', { againAfterMonths: '6', againAfterActivities: '2' });
  await sentResponse(t.db, { childrenMode: true, accountId });
  assert.equal(await impactOfferForAccount(t.db, areaId, accountId, ['young_person']), null, 'one activity is not enough');
  const second = await sentResponse(t.db, { childrenMode: true, accountId });
  assert.equal(await impactOfferForAccount(t.db, areaId, accountId, ['young_person']), 'again');
  assert.deepEqual(await impactOfferForResponse(t.db, areaId, second.id), { href: 'impact-check', kind: 'again' });
  await lead.post('/a/riverside/manage/evaluation/questions', { againAfterMonths: '6', againAfterActivities: '' });
  // Staff and supporters are not offered a check of their own.
  assert.equal(await impactOfferForAccount(t.db, areaId, accountId, ['practitioner']), null);
});

// ── Results: paired change, suppressed ───────────────────────────────────────────────────────

test('paired change: fewer than 8 pairs shows nothing; small counts are hidden with a second one', () => {
  const rows = [
    { version: 'child' as const, item: 'self_esteem' as const, pairs: 7, better: 5, same: 2, worse: 0, changeSum: 6 },
    { version: 'child' as const, item: 'confidence' as const, pairs: 14, better: 9, same: 4, worse: 1, changeSum: 10 },
    { version: 'child' as const, item: 'self_advocacy' as const, pairs: 20, better: 10, same: 10, worse: 0, changeSum: 12 },
  ];
  const [child, parent] = presentResults(rows, [{ version: 'child', firstOnly: 3, paired: 20 }]);
  const item = (id: string) => child!.items.find((i) => i.item === id)!;
  assert.equal(item('self_esteem').suppressed, true);
  assert.equal(item('self_esteem').averageChange, null);
  assert.equal(item('self_esteem').better.count, null);
  assert.deepEqual([item('confidence').better.count, item('confidence').same.count, item('confidence').worse.count], [9, null, null]);
  assert.equal(item('confidence').same.suppression, 'small');
  assert.equal(item('confidence').averageChange, 0.7);
  assert.deepEqual([item('self_advocacy').better.count, item('self_advocacy').same.count, item('self_advocacy').worse.count], [10, 10, 0]);
  assert.equal(item('self_advocacy').averageChange, 0.6);
  // 3 people answered only once: hidden. No page shows the two together as a total, so 20 can show.
  assert.equal(child!.firstOnly.count, null);
  assert.equal(child!.firstOnly.suppression, 'small');
  assert.equal(child!.paired.count, 20);
  assert.equal(parent!.items.every((i) => i.pairs === 0 && !i.suppressed), true);
});

test("staff see totals only: one child's answers never reach the area page", async () => {
  // North Vale has no impact checks yet (the demo seed fills Riverside's).
  const nvId = fx.northVale.id;
  await recordCheck(t.db, nvId, { kind: 'receipt_code', code: 'ONE-CHILD' }, 'child', { self_esteem: 1, self_advocacy: 1, confidence: 1, less_isolated: 1 }, new Date(Date.now() - 200 * 86_400_000));
  await recordCheck(t.db, nvId, { kind: 'receipt_code', code: 'ONE-CHILD' }, 'child', { self_esteem: 3, self_advocacy: 3, confidence: 3, less_isolated: 3 });
  const admin = new Client(app);
  await admin.signIn('nv-admin@northvale.example');
  const page = readPage((await admin.get('/a/north-vale/manage/evaluation/impact')).body);
  const table = readPage(page.getByRole('table', { name: 'Children and young people (easy read, with symbols)' }).outerHTML);
  assert.equal(table.getAllByText('Not shown: fewer than 8 pairs').length, 4);
  assert.equal(table.queryAllByText(/^[+-]?\d/).length, 0, 'no number about the child');
  // The people who answered: "fewer than 8" (1 paired).
  assert.ok(page.getAllByText('fewer than 8').length >= 1);
});

test('with 8 or more pairs the change shows, counted per person from their first and latest answers', async () => {
  const nvId = fx.northVale.id;
  const old = new Date(Date.now() - 200 * 86_400_000);
  for (let i = 0; i < 9; i += 1) {
    const link = { kind: 'receipt_code' as const, code: `PAIR-${i}` };
    await recordCheck(t.db, nvId, link, 'parent_carer', { self_esteem: 1, confidence: 2 }, old);
    await recordCheck(t.db, nvId, link, 'parent_carer', { self_esteem: 3, confidence: i < 8 ? 2 : 1 }, new Date(old.getTime() + 86_400_000));
    // A third answer: the latest counts, not the second.
    if (i === 0) await recordCheck(t.db, nvId, link, 'parent_carer', { self_esteem: 2, confidence: 2 });
  }
  const admin = new Client(app);
  await admin.signIn('nv-admin@northvale.example');
  const page = readPage((await admin.get('/a/north-vale/manage/evaluation/impact')).body);
  const table = readPage(page.getByRole('table', { name: 'Parent carers' }).outerHTML);
  const row = (name: RegExp) => [...table.getByRole('rowheader', { name }).parentElement!.querySelectorAll('td')].map((c) => c.textContent!.trim());
  // Knowledge valued: 8 went 1 → 3, one went 1 → 2 (latest): 9 better, 0 same, 0 worse, average (8×2 + 1)/9 = 1.9.
  assert.deepEqual(row(/knowledge and experience are valued/), ['9', '9', '0', '0', '+1.9']);
  // Confidence: 8 the same, 1 worse (-1/9 = -0.1): the 1 is hidden, and the 0 with it (secondary).
  assert.deepEqual(row(/confident working with services/), ['9', 'hidden', '8', 'fewer than 8', '-0.1']);
  assert.deepEqual(row(/speak up for my child/), ['No pairs yet']);
  // The hub's summary: 1 child and 9 parent carers with pairs. 10 would give the 1 away beside the 9 shown here.
  assert.deepEqual(await impactSummary(t.db, nvId), { activitiesAnswered: 0, responsesAnswered: 0, pairedPeople: null, pairedSuppressed: true });
  const riverside = await impactSummary(t.db, fx.riverside.id);
  assert.equal(riverside.pairedSuppressed, false, 'the demo: 14 children and 10 parent carers');
  assert.ok(riverside.pairedPeople! >= 24);
});

// ── Query counts ─────────────────────────────────────────────────────────────────────────────

test('the area page and an activity page take the same number of queries for 10 and for 1,000 activities', async (context) => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const lead = new Client(counted);
    await lead.signIn('only-participation-lead@riverside.example');
    const areaId = fx.riverside.id;
    const leadId = fx.riverside.memberIds.participation_lead;
    const responseId = await publishedResponse(fx.riverside.activityId, 'Counted response');
    const addActivities = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const a = await createActivity(t.db, areaId, null, testActivity({ title: `Bulk ${i}` }));
        await saveActivityChange(t.db, areaId, leadId, a.id, 'activity', { didDifferently: `Change ${i}`, differentlyEvidence: 'Note', impactOnUsers: '', impactEvidence: '' });
        await recordCheck(t.db, areaId, { kind: 'receipt_code', code: `BULK-${Date.now()}-${i}` }, i % 2 ? 'child' : 'parent_carer', { self_esteem: 2 });
      }
      // The newest answer is about a published response, so the page names one each time.
      await saveActivityChange(t.db, areaId, leadId, fx.riverside.activityId, responseId, { didDifferently: `After ${n}`, differentlyEvidence: 'Note', impactOnUsers: '', impactEvidence: '' });
    };
    const count = async (url: string) => {
      counter.reset();
      assert.equal((await lead.get(url)).statusCode, 200, url);
      return counter.count();
    };
    const activityUrl = `/a/riverside/activities/${fx.riverside.activityId}/evaluation/impact`;
    await addActivities(10);
    const small = [await count('/a/riverside/manage/evaluation/impact'), await count(activityUrl)];
    await addActivities(990);
    const large = [await count('/a/riverside/manage/evaluation/impact'), await count(activityUrl)];
    context.diagnostic(`queries (area page, activity page): ${small.join(', ')} for 10 activities; ${large.join(', ')} for 1,000`);
    assert.deepEqual(large, small);
  } finally {
    await counted.close();
  }
});
