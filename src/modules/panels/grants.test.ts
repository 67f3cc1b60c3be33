/**
 * Grant rounds' public side (issue 16 §1), as applicants, staff and attackers meet it: signing in by
 * a single-use link (no password, no hint whether an address is known, limited), applying with save
 * and return, word limits, the closing date, sending once under a double click, the pot, and the
 * outcomes told once, only after the decision, without a panel member's name.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Client, createTestDb, lastMessageTo, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { readPage } from '../../testing/dom.ts';
import { withArea } from '../../db/db.ts';
import { addGrantQuestion, applicationForScoring, countWords, potSummary, sendApplication, startApplication } from './grants.service.ts';
import { LINK_LIMITS } from './grants.routes.ts';
import { erasePerson, findPerson } from '../privacy/data-rights.service.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { parsePounds } from '../../lib/money.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
const A = '/a/riverside';
const G = `${A}/grants`;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db, { config: { baseUrl: 'http://chorus.test', trustProxy: true } });
});
after(async () => {
  await app.close();
  await t.drop();
});

let addressCounter = 0;
/** A browser from its own address (the per-address limit is tested on its own). */
const browser = () => new Client(app, { 'x-forwarded-for': `198.51.100.${(addressCounter += 1) % 250}` });

/** Signed out, a page of one's own shows the sign-in form in its place. */
const isSignInPage = (r: { statusCode: number; body: string }) => r.statusCode === 200 && /<h1 class="govuk-heading-xl">Sign in to apply for a grant<\/h1>/.test(r.body) && !/Your grant applications/.test(r.body);

/** The path of the sign-in link in the last email to this address. */
async function linkFor(email: string): Promise<string> {
  const message = await lastMessageTo(t.db, email);
  assert.ok(message, `an email to ${email}`);
  const match = /http:\/\/chorus\.test(\/a\/[a-z-]+\/grants\/sign-in\/[A-Za-z0-9_-]+)/.exec(message.body);
  assert.ok(match, 'the email carries a sign-in link');
  return match[1]!;
}

async function signedIn(email: string, area = A): Promise<Client> {
  const c = browser();
  await c.get(`${area}/grants/sign-in`);
  const asked = await c.post(`${area}/grants/sign-in`, { email });
  assert.equal(asked.statusCode, 303);
  const link = await linkFor(email);
  await c.get(link);
  const used = await c.post(link);
  assert.equal(used.statusCode, 303, 'the link signs in');
  return c;
}

/** A fresh open grant round in Riverside with two questions (word limits 10 and 50). */
async function newRound(title: string, potPence = 1_000_000): Promise<{ roundId: string; q1: string; q2: string }> {
  const round = await withArea(t.db, areas.riverside.id, (tx) =>
    tx
      .insertInto('panel')
      .values({ area_id: areas.riverside.id, activity_id: areas.riverside.activityId, kind: 'grant', title, purpose: 'Holiday clubs for disabled children', pot_pence: potPence, closes_at: new Date(Date.now() + 10 * 86_400_000) })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  const q1 = await addGrantQuestion(t.db, areas.riverside.id, null, round.id, { text: 'Who will it help?', hint: 'Tell us about the children.', maxWords: 10 });
  const q2 = await addGrantQuestion(t.db, areas.riverside.id, null, round.id, { text: 'What will you do?', hint: '', maxWords: 50 });
  return { roundId: round.id, q1, q2 };
}

const fullForm = (q: { q1: string; q2: string }, extra: Record<string, string> = {}) => ({
  organisationName: 'Brightside Play',
  contactName: 'Priya Contact',
  projectTitle: 'Saturday sensory club',
  amount: '£2,500',
  [`answer-${q.q1}`]: 'Children with autism aged 8 to 11',
  [`answer-${q.q2}`]: 'A quiet sensory club every Saturday morning.',
  version: '0',
  action: 'save',
  ...extra,
});

type AppRow = { id: string; applicant_id: string; status: string; project_title: string; amount_pence: string | null; version: number; candidate_id: string };
const applicationRow = (roundId: string): Promise<AppRow[]> => t.owner.selectFrom('grant_application').selectAll().where('panel_id', '=', roundId).orderBy('created_at').execute() as Promise<AppRow[]>;
const firstRow = async (roundId: string): Promise<AppRow> => {
  const rows = await applicationRow(roundId);
  assert.ok(rows[0], 'an application');
  return rows[0];
};

// ── Signing in ───────────────────────────────────────────────────────────────────────────────────

test('the sign-in page says the same for any address, and the link goes only to the address typed', async () => {
  const known = browser();
  await known.get(`${G}/sign-in`);
  const a = await known.post(`${G}/sign-in`, { email: `applicant-${areas.riverside.id.slice(0, 8)}@example.com` });
  const unknown = browser();
  await unknown.get(`${G}/sign-in`);
  const b = await unknown.post(`${G}/sign-in`, { email: 'never-seen@example.org' });
  assert.equal(a.statusCode, 303);
  assert.equal(b.statusCode, 303);
  assert.equal(a.headers.location, b.headers.location, 'the same page whatever the address');
  const page = readPage((await unknown.get(b.headers.location as string)).body);
  assert.ok(page.getByText('If that address can apply, we have sent a link to it.'));
  const email = await lastMessageTo(t.db, 'never-seen@example.org');
  assert.match(email!.body, /works once, for 30 minutes/);
});

test('a bad address is an error on the form, with what was typed kept', async () => {
  const c = browser();
  await c.get(`${G}/sign-in`);
  const r = await c.post(`${G}/sign-in`, { email: 'not an address' });
  assert.equal(r.statusCode, 422);
  const page = readPage(r.body);
  assert.ok(page.getByRole('link', { name: 'Enter an email address in the right format, like name@example.com' }));
  assert.equal((page.getByLabelText('Email address') as HTMLInputElement).value, 'not an address');
});

test('opening the link signs nobody in (a mail scanner may fetch it); Continue does, once', async () => {
  const c = browser();
  await c.get(`${G}/sign-in`);
  await c.post(`${G}/sign-in`, { email: 'once@example.org' });
  const link = await linkFor('once@example.org');
  const scanner = browser();
  const fetched = await scanner.get(link);
  assert.equal(fetched.statusCode, 200);
  assert.equal(fetched.cookies.length === 0 || !fetched.cookies.some((k) => k.name === 'chorus_grant'), true, 'no sign-in cookie from a GET');
  assert.ok(isSignInPage(await scanner.get(`${G}/mine`)), 'the scanner is not signed in');
  await c.get(link);
  const used = await c.post(link);
  assert.equal(used.statusCode, 303);
  const cookie = used.cookies.find((k) => k.name === 'chorus_grant') as { path?: string; httpOnly?: boolean } | undefined;
  assert.ok(cookie, 'a sign-in cookie');
  assert.equal(cookie.path, `${G}`);
  assert.equal(cookie.httpOnly, true);
  assert.equal((await c.get(`${G}/mine`)).statusCode, 200);
  // Only hashes are kept.
  const rows = await t.owner.selectFrom('grant_sign_in').select(['token_hash', 'kind', 'used_at']).execute();
  const raw = link.split('/').pop()!;
  assert.ok(rows.every((r) => r.token_hash !== raw));
  assert.ok(rows.some((r) => r.kind === 'session'));
  // Used once: again, from any browser, it is refused.
  const again = browser();
  assert.equal((await again.get(link)).statusCode, 404);
  await again.get(`${G}/sign-in`);
  const second = await again.post(link);
  assert.equal(second.statusCode, 404);
  assert.ok(readPage(second.body).getByRole('heading', { name: 'This link has expired or been used' }));
});

test('an expired link, a made-up link and another area\'s link sign nobody in', async () => {
  const c = browser();
  await c.get(`${G}/sign-in`);
  await c.post(`${G}/sign-in`, { email: 'late@example.org' });
  const link = await linkFor('late@example.org');
  await t.owner.updateTable('grant_sign_in').set({ expires_at: new Date(Date.now() - 1000) }).where('kind', '=', 'link').where('used_at', 'is', null).execute();
  assert.equal((await c.get(link)).statusCode, 404);
  await c.get(`${G}/sign-in`);
  assert.equal((await c.post(link)).statusCode, 404);
  const made = browser();
  await made.get(`${G}/sign-in`);
  assert.equal((await made.post(`${G}/sign-in/not-a-real-token-at-all`)).statusCode, 404);
  // A Riverside link used at North Vale's address signs nobody in there.
  const d = browser();
  await d.get(`${G}/sign-in`);
  await d.post(`${G}/sign-in`, { email: 'wanderer@example.org' });
  const riversideLink = await linkFor('wanderer@example.org');
  const elsewhere = riversideLink.replace('/a/riverside/', '/a/north-vale/');
  assert.equal((await d.get(elsewhere)).statusCode, 404);
  await d.get('/a/north-vale/grants/sign-in');
  assert.equal((await d.post(elsewhere)).statusCode, 404);
  await d.get(riversideLink);
  assert.equal((await d.post(riversideLink)).statusCode, 303, 'the link still works where it belongs');
});

test('links are limited per email address and per internet address, and the limit says nothing about the address', async () => {
  const c = browser();
  for (let i = 0; i < LINK_LIMITS.perEmail; i += 1) {
    await c.get(`${G}/sign-in`);
    assert.equal((await c.post(`${G}/sign-in`, { email: 'flood@example.org' })).statusCode, 303);
  }
  const other = browser();
  await other.get(`${G}/sign-in`);
  const refused = await other.post(`${G}/sign-in`, { email: 'Flood@Example.org' });
  assert.equal(refused.statusCode, 429, 'the same address in other letters counts too');
  const count = await t.owner.selectFrom('outbox_message').select((e) => e.fn.countAll().as('n')).where('recipient', 'ilike', 'flood@example.org').executeTakeFirstOrThrow();
  assert.equal(Number(count.n), LINK_LIMITS.perEmail);
  const hits = await t.owner.selectFrom('rate_limit_hit').select('key').execute();
  assert.ok(hits.length > 0, 'counted in PostgreSQL');
  assert.ok(hits.every((h) => !String(h.key).includes('flood')), 'the address is not kept in the count');
  const one = new Client(app, { 'x-forwarded-for': '203.0.113.77' });
  for (let i = 0; i < LINK_LIMITS.perAddress; i += 1) {
    await one.get(`${G}/sign-in`);
    assert.equal((await one.post(`${G}/sign-in`, { email: `person${i}@example.org` })).statusCode, 303);
  }
  await one.get(`${G}/sign-in`);
  assert.equal((await one.post(`${G}/sign-in`, { email: 'one-more@example.org' })).statusCode, 429);
});

// ── Applying ────────────────────────────────────────────────────────────────────────────────────

test('save and come back keeps everything, with gaps; Continue checks everything', async () => {
  const q = await newRound('Save and return round');
  const c = await signedIn('saver@example.org');
  await c.get(`${G}/${q.roundId}/apply`);
  const partial = await c.post(`${G}/${q.roundId}/apply`, { ...fullForm(q), projectTitle: '', [`answer-${q.q2}`]: '' });
  assert.equal(partial.statusCode, 303, 'a draft with gaps is saved');
  const back = await signedIn('saver@example.org');
  const page = readPage((await back.get(`${G}/${q.roundId}/apply`)).body);
  assert.equal((page.getByLabelText('Name of your organisation or group') as HTMLInputElement).value, 'Brightside Play');
  assert.equal((page.getByLabelText('Your name') as HTMLInputElement).value, 'Priya Contact');
  assert.equal((page.getByLabelText('How much are you asking for?') as HTMLInputElement).value, '2,500');
  assert.equal((page.getByLabelText('1. Who will it help?') as HTMLTextAreaElement).value, 'Children with autism aged 8 to 11');
  assert.ok(page.getByText(/You have used 7 words of 10\./));
  const cont = await back.post(`${G}/${q.roundId}/apply`, { ...fullForm(q), projectTitle: '', [`answer-${q.q2}`]: '', version: '1', action: 'continue' });
  assert.equal(cont.statusCode, 422);
  const errors = readPage(cont.body);
  assert.ok(errors.getByRole('link', { name: 'Enter a project title' }));
  assert.ok(errors.getByRole('link', { name: 'Answer question 2' }));
  const rows = await applicationRow(q.roundId);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.status, 'draft');
  assert.equal(Number(rows[0]?.amount_pence), 250_000);
});

test('an answer over its word limit is an error and the words are kept; nothing is saved', async () => {
  const q = await newRound('Word limit round');
  const c = await signedIn('wordy@example.org');
  await c.get(`${G}/${q.roundId}/apply`);
  const long = 'one two three four five six seven eight nine ten eleven';
  assert.equal(countWords(long), 11);
  const r = await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { [`answer-${q.q1}`]: long }));
  assert.equal(r.statusCode, 422);
  const page = readPage(r.body);
  assert.ok(page.getByRole('link', { name: 'Your answer to question 1 must be 10 words or fewer: shorten it and try again' }));
  assert.equal((page.getByLabelText('1. Who will it help?') as HTMLTextAreaElement).value, long);
  assert.equal((await applicationRow(q.roundId)).length, 0);
  const money = await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { amount: 'lots' }));
  assert.equal(money.statusCode, 422);
  assert.equal((readPage(money.body).getByLabelText('How much are you asking for?') as HTMLInputElement).value, 'lots');
});

test('a save from an older page is refused and keeps what was typed', async () => {
  const q = await newRound('Stale round');
  const c = await signedIn('stale@example.org');
  await c.get(`${G}/${q.roundId}/apply`);
  assert.equal((await c.post(`${G}/${q.roundId}/apply`, fullForm(q))).statusCode, 303);
  await c.get(`${G}/${q.roundId}/apply`);
  const old = await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { projectTitle: 'Typed in the old tab', version: '0' }));
  assert.equal(old.statusCode, 409);
  const page = readPage(old.body);
  assert.ok(page.getByText(/changed in another window or device/));
  assert.equal((page.getByLabelText('Project title') as HTMLInputElement).value, 'Typed in the old tab');
  assert.equal((await firstRow(q.roundId)).project_title, 'Saturday sensory club');
});

test('check your answers, then send: one candidate "Application 1" even under a double click, and nothing changes after', async () => {
  const q = await newRound('Double click round');
  const c = await signedIn('double@example.org');
  await c.get(`${G}/${q.roundId}/apply`);
  const cont = await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { action: 'continue' }));
  assert.equal(cont.headers.location, `${G}/${q.roundId}/apply/check`);
  const check = readPage((await c.get(`${G}/${q.roundId}/apply/check`)).body);
  assert.ok(check.getByRole('link', { name: 'Change Project title' }));
  assert.ok(check.getByText('£2,500'));
  const [one, two] = await Promise.all([c.post(`${G}/${q.roundId}/apply/check`), c.post(`${G}/${q.roundId}/apply/check`)]);
  assert.equal(one.statusCode, 303);
  assert.equal(two.statusCode, 303);
  const candidates = await t.owner.selectFrom('panel_candidate').select(['label', 'name']).where('panel_id', '=', q.roundId).execute();
  assert.deepEqual(candidates, [{ label: 'Application 1', name: 'Brightside Play: Saturday sensory club' }]);
  const row = (await firstRow(q.roundId));
  assert.equal(row.status, 'submitted');
  // A second applicant is Application 2.
  const d = await signedIn('second@example.org');
  await d.get(`${G}/${q.roundId}/apply`);
  await d.post(`${G}/${q.roundId}/apply`, fullForm(q, { organisationName: 'Second Org', action: 'continue' }));
  await d.get(`${G}/${q.roundId}/apply/check`);
  await d.post(`${G}/${q.roundId}/apply/check`);
  const labels = (await t.owner.selectFrom('panel_candidate').select('label').where('panel_id', '=', q.roundId).orderBy('position').execute()).map((r) => r.label);
  assert.deepEqual(labels, ['Application 1', 'Application 2']);
  // Sent: the form no longer changes anything.
  const after = await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { projectTitle: 'Changed later', version: String(row.version) }));
  assert.equal(after.statusCode, 409);
  assert.equal((await applicationRow(q.roundId)).find((r) => r.id === row.id)!.project_title, 'Saturday sensory club');
  const mine = readPage((await c.get(`${G}/mine`)).body);
  assert.ok(mine.getByText('Sent: waiting for the panel'));
  // For the scoring part: what is proposed, never who.
  const forScoring = await withArea(t.db, areas.riverside.id, (tx) => applicationForScoring(tx, areas.riverside.id, row.candidate_id));
  assert.deepEqual(forScoring, { projectTitle: 'Saturday sensory club', amountPence: 250_000, answers: [{ question: 'Who will it help?', answer: 'Children with autism aged 8 to 11' }, { question: 'What will you do?', answer: 'A quiet sensory club every Saturday morning.' }] });
  assert.doesNotMatch(JSON.stringify(forScoring), /Brightside|Priya|double@/);
  // The questions are locked now.
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const staff = readPage((await lead.get(`${A}/panels/${q.roundId}/round`)).body);
  assert.ok(staff.getByText(/the questions cannot change now/));
  await lead.post(`${A}/panels/${q.roundId}/round/questions`, { text: 'A late question', hint: '', maxWords: '100' });
  assert.equal((await t.owner.selectFrom('grant_question').select('id').where('panel_id', '=', q.roundId).execute()).length, 2);
});

test('after the closing date nothing can be saved or sent, and the page says so kindly', async () => {
  const q = await newRound('Closing round');
  const c = await signedIn('closing@example.org');
  await c.get(`${G}/${q.roundId}/apply`);
  await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { action: 'continue' }));
  await c.get(`${G}/${q.roundId}/apply/check`);
  const csrf = c.csrf();
  await t.owner.updateTable('panel').set({ closes_at: new Date(Date.now() - 60_000) }).where('id', '=', q.roundId).execute();
  const sent = await c.post(`${G}/${q.roundId}/apply/check`);
  assert.equal(sent.statusCode, 409);
  assert.ok(readPage(sent.body).getByText(/This round has closed, so applications cannot be sent or changed any more/));
  const page = readPage((await c.get(`${G}/${q.roundId}/apply`)).body);
  assert.ok(page.getByText(/Thank you for your time and interest/));
  assert.equal(page.queryByRole('button', { name: 'Continue' }), null);
  const saved = await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { projectTitle: 'Too late', version: '1' }), { csrf });
  assert.equal(saved.statusCode, 409);
  assert.equal((await firstRow(q.roundId)).status, 'draft');
  assert.equal((await firstRow(q.roundId)).project_title, 'Saturday sensory club');
  const list = readPage((await browser().get(G)).body);
  assert.equal(list.queryByRole('link', { name: 'Closing round' }), null, 'a closed round is not listed');
  const round = readPage((await browser().get(`${G}/${q.roundId}`)).body);
  assert.ok(round.getByText(/This round has closed/));
  assert.equal(await sendApplication(t.db, areas.riverside.id, (await firstRow(q.roundId)).applicant_id, q.roundId).then((r) => r.ok), false);
});

test('another applicant or another area can never read or change your application', async () => {
  const q = await newRound('Isolation round');
  const owner = await signedIn('owner@example.org');
  await owner.get(`${G}/${q.roundId}/apply`);
  await owner.post(`${G}/${q.roundId}/apply`, fullForm(q, { projectTitle: 'Owner secret project' }));
  const other = await signedIn('other@example.org');
  const page = (await other.get(`${G}/${q.roundId}/apply`)).body;
  assert.doesNotMatch(page, /Owner secret project|Brightside|Priya/);
  assert.doesNotMatch((await other.get(`${G}/mine`)).body, /Owner secret project/);
  // Posting with the owner's application id changes nothing of theirs: ids are never read from the form.
  const ownerRow = (await firstRow(q.roundId));
  await other.get(`${G}/${q.roundId}/apply`);
  await other.post(`${G}/${q.roundId}/apply`, fullForm(q, { projectTitle: 'Hijack', applicationId: ownerRow.id, applicantId: ownerRow.applicant_id }));
  const rows = await applicationRow(q.roundId);
  assert.equal(rows.find((r) => r.id === ownerRow.id)!.project_title, 'Owner secret project');
  assert.equal(rows.length, 2);
  // The fixture's Riverside round from North Vale's address, and North Vale's round from Riverside's.
  assert.equal((await owner.get(`/a/north-vale/grants/${q.roundId}`)).statusCode, 404);
  assert.equal((await owner.get(`${G}/${areas.northVale.roundId}`)).statusCode, 404);
  assert.equal((await owner.get(`${G}/${areas.northVale.roundId}/apply`)).statusCode, 404);
  // Riverside's sign-in does not carry to North Vale: its cookie is on Riverside's grants path, and checked by area.
  const cookie = owner.cookies.get('chorus_grant')!;
  const nv = new Client(app);
  nv.cookies.set('chorus_grant', cookie);
  assert.ok(isSignInPage(await nv.get(`/a/north-vale/grants/mine`)));
  // Signed out, nothing.
  await owner.get(`${G}/mine`);
  assert.equal((await owner.post(`${G}/sign-out`)).statusCode, 303);
  const replay = new Client(app);
  replay.cookies.set('chorus_grant', cookie);
  assert.ok(isSignInPage(await replay.get(`${G}/mine`)), 'the old cookie no longer signs in');
});

// ── Staff: questions, the pot, outcomes ────────────────────────────────────────────────────────

test('staff add, change, order and remove questions; an interview panel has no round page; others may not', async () => {
  const q = await newRound('Questions round');
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const url = `${A}/panels/${q.roundId}/round`;
  await lead.get(url);
  const bad = await lead.post(`${url}/questions`, { text: '', hint: '', maxWords: '5' });
  assert.equal(bad.statusCode, 422);
  assert.ok(readPage(bad.body).getByRole('link', { name: 'Enter the question' }));
  await lead.post(`${url}/questions`, { text: 'How will young people be involved?', hint: 'Be specific', maxWords: '200' });
  const list = async () => (await t.owner.selectFrom('grant_question').select(['id', 'text', 'max_words']).where('panel_id', '=', q.roundId).orderBy('position').execute());
  assert.deepEqual((await list()).map((r) => r.text), ['Who will it help?', 'What will you do?', 'How will young people be involved?']);
  const third = (await list())[2]!.id;
  await lead.get(url);
  await lead.post(`${url}/questions/${third}/move`, { direction: 'up' });
  assert.deepEqual((await list()).map((r) => r.text), ['Who will it help?', 'How will young people be involved?', 'What will you do?']);
  await lead.get(`${url}/questions/${third}`);
  await lead.post(`${url}/questions/${third}`, { text: 'How will young people lead it?', hint: '', maxWords: '150' });
  assert.equal((await list())[1]!.max_words, 150);
  await lead.get(url);
  await lead.post(`${url}/questions/${q.q2}/remove`);
  assert.deepEqual((await list()).map((r) => r.text), ['Who will it help?', 'How will young people lead it?']);
  assert.equal((await lead.get(`${A}/panels/${areas.riverside.panelId}/round`)).statusCode, 404, 'an interview panel has no round');
  const young = new Client(app);
  await young.signIn('only-young-person@riverside.example');
  assert.equal((await young.get(url)).statusCode, 403);
  const audit = await t.owner.selectFrom('audit_event').select('action').where('action', 'like', 'panels.grant_question.%').execute();
  assert.ok(audit.length >= 4);
});

test('the pot: total, awarded (decided awards only) and left', async () => {
  const q = await newRound('Pot round', 1_000_000);
  for (const [i, award] of [[1, 400_000], [2, 150_050], [3, null]] as const) {
    const applicant = await startApplication(t.db, areas.riverside.id, `pot${i}@example.org`, { organisationName: `Pot org ${i}`, contactName: 'Someone' });
    await withArea(t.db, areas.riverside.id, (tx) => tx.insertInto('grant_application').values({ area_id: areas.riverside.id, panel_id: q.roundId, applicant_id: applicant, project_title: `Pot project ${i}`, amount_pence: 500_000, answers: JSON.stringify({ [q.q1]: 'Children', [q.q2]: 'Things' }) }).execute());
    await sendApplication(t.db, areas.riverside.id, applicant, q.roundId);
    if (award !== null) await t.owner.updateTable('panel_candidate').set({ outcome: 'funded', award_pence: award, decided_at: new Date() }).where('panel_id', '=', q.roundId).where('label', '=', `Application ${i}`).execute();
  }
  // An award recorded but not decided does not count.
  await t.owner.updateTable('panel_candidate').set({ award_pence: 99_900 }).where('panel_id', '=', q.roundId).where('label', '=', 'Application 3').execute();
  const pot = await withArea(t.db, areas.riverside.id, (tx) => potSummary(tx, areas.riverside.id, q.roundId));
  assert.deepEqual(pot, { totalPence: 1_000_000, awardedPence: 550_050, leftPence: 449_950 });
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const page = readPage((await lead.get(`${A}/panels/${q.roundId}/round`)).body);
  assert.ok(page.getByText('£10,000'));
  assert.ok(page.getByText('£5,500.50'));
  assert.ok(page.getByText('£4,499.50'));
  assert.ok(page.getByText('3 applications sent'));
  assert.ok(page.getByText('Pot org 1: Pot project 1'), 'staff who manage the panel see names');
});

test('outcomes: only after the decision, once, with the outcome, award and feedback, and never a panel member\'s name', async () => {
  const q = await newRound('Outcome round');
  const c = await signedIn('told@example.org');
  await c.get(`${G}/${q.roundId}/apply`);
  await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { action: 'continue' }));
  await c.get(`${G}/${q.roundId}/apply/check`);
  await c.post(`${G}/${q.roundId}/apply/check`);
  const member = await t.owner.selectFrom('panel_member').select('display_name').where('id', '=', areas.riverside.memberId).executeTakeFirstOrThrow();
  await t.owner.insertInto('panel_member').values({ area_id: areas.riverside.id, panel_id: q.roundId, member_kind: 'young_person', display_name: 'Kezia Panelmember', code_hash: 'not-a-real-code-hash' }).execute();
  await t.owner.updateTable('panel_candidate').set({ outcome: 'part_funded', award_pence: 180_000, feedback: 'We loved the quiet room idea. Kezia Panelmember would like more on transport.'.replace('Kezia Panelmember', 'The panel'), decided_at: new Date() }).where('panel_id', '=', q.roundId).execute();
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const url = `${A}/panels/${q.roundId}/round`;
  await lead.get(url);
  await lead.post(`${url}/outcomes`);
  assert.equal(await lastMessageTo(t.db, 'told@example.org').then((m) => m?.subject.startsWith('The outcome')), false, 'nothing before the decision');
  assert.match((await lead.get(url)).body, /The panel has not decided yet/);
  await t.owner.updateTable('panel').set({ status: 'decided', decided_at: new Date() }).where('id', '=', q.roundId).execute();
  // Before outcomes are sent, the applicant's page says nothing of them.
  assert.doesNotMatch((await c.get(`${G}/mine`)).body, /Part funded/);
  await lead.get(url);
  const sent = await lead.post(`${url}/outcomes`);
  assert.equal(sent.statusCode, 303);
  await lead.get(url);
  await lead.post(`${url}/outcomes`);
  const emails: Array<{ subject: string; body: string }> = await t.owner.selectFrom('outbox_message').select(['subject', 'body']).where('recipient', '=', 'told@example.org').where('subject', 'like', 'The outcome%').execute();
  assert.equal(emails.length, 1, 'told once');
  assert.ok(emails[0]);
  assert.equal(emails[0].subject, 'The outcome of your grant application: Outcome round');
  assert.match(emails[0].body, /Outcome: Part funded\nAward: £1,800\n/);
  assert.match(emails[0].body, /We loved the quiet room idea/);
  assert.doesNotMatch(emails[0].body, new RegExp(`Kezia|${member.display_name}`));
  const mine = readPage((await c.get(`${G}/mine`)).body);
  assert.ok(mine.getByText('Part funded'));
  assert.ok(mine.getByText('Award: £1,800'));
  const audit = await t.owner.selectFrom('audit_event').select('detail').where('action', '=', 'panels.grant_outcomes.sent').where('subject_id', '=', q.roundId).execute();
  assert.ok(audit.length >= 1);
});

test('money and words are read as people type them', () => {
  assert.equal(parsePounds('£1,250'), 125_000);
  assert.equal(parsePounds('1250'), 125_000);
  assert.equal(parsePounds('1,250.50'), 125_050);
  assert.equal(parsePounds('12,50'), undefined);
  assert.equal(parsePounds('-5'), undefined);
  assert.equal(countWords('  a  b — c\n\nd '), 4);
  assert.equal(countWords(''), 0);
});

test('the public pages: rounds open now, and a round in plain words', async () => {
  const page = readPage((await browser().get(G)).body);
  assert.ok(page.getByRole('heading', { name: 'Apply for a grant', level: 1 }));
  const fixture = await t.owner.selectFrom('panel').select(['id', 'title']).where('id', '=', areas.riverside.roundId).executeTakeFirstOrThrow();
  assert.ok(page.getByRole('link', { name: fixture.title }));
  assert.doesNotMatch((await browser().get(G)).body, /North Vale/);
  const round = readPage((await browser().get(`${G}/${fixture.id}`)).body);
  assert.ok(round.getByText('A panel of young people reads your application, asks you questions they wrote themselves, and scores your answers.'));
  assert.ok(round.getByText('There is £10,000 to give in this round.'));
  assert.ok(round.getByText(/Closes on .* at /));
  assert.equal((await browser().get(`${G}/${areas.riverside.panelId}`)).statusCode, 404, 'an interview panel is not a round');
});

test('subject access finds an applicant by their address, and erasure removes their applications and sign-ins', async () => {
  const q = await newRound('Erasure round');
  const c = await signedIn('Erase.Me@example.org');
  await c.get(`${G}/${q.roundId}/apply`);
  await c.post(`${G}/${q.roundId}/apply`, fullForm(q, { organisationName: 'Erasable Org' }));
  const admin = { accountId: areas.riverside.memberIds.area_admin, email: '', displayName: '', isOperator: false, rolesByArea: new Map([[areas.riverside.id, ['area_admin' as const]]]) };
  const area = { id: areas.riverside.id, slug: 'riverside', name: 'Riverside' };
  const search = { kind: 'email' as const, value: 'erase.me@example.org' };
  const found = await findPerson(t.db, admin, area, search);
  const count = (table: string) => found.tables.find((x) => x.table === table)?.count ?? 0;
  assert.equal(count('grant_applicant'), 1);
  assert.equal(count('grant_sign_in'), 2, 'the used link and the signed-in browser');
  assert.equal(count('grant_application'), 1);
  await erasePerson(t.db, admin, area, search);
  assert.equal((await t.owner.selectFrom('grant_applicant').select('id').where('email', 'ilike', 'erase.me@example.org').execute()).length, 0);
  assert.equal((await applicationRow(q.roundId)).length, 0);
  assert.ok(isSignInPage(await c.get(`${G}/mine`)), 'their browser is signed out');
});

test('the staff round page takes the same number of queries for 1 and for 6 applications', async () => {
  const q = await newRound('Query count round');
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db, { config: { baseUrl: 'http://chorus.test' } });
  try {
    const lead = new Client(counted);
    await lead.signIn('lead@riverside.example');
    const applicants: string[] = [];
    const addOne = async (i: number) => {
      const applicant = await startApplication(t.db, areas.riverside.id, `count${i}@example.org`, { organisationName: `Count org ${i}`, contactName: 'C' });
      applicants.push(applicant);
      await withArea(t.db, areas.riverside.id, (tx) => tx.insertInto('grant_application').values({ area_id: areas.riverside.id, panel_id: q.roundId, applicant_id: applicant, project_title: `Count ${i}`, amount_pence: 1000, answers: JSON.stringify({ [q.q1]: 'A', [q.q2]: 'B' }) }).execute());
      await sendApplication(t.db, areas.riverside.id, applicant, q.roundId);
    };
    const measure = async () => {
      counter.reset();
      assert.equal((await lead.get(`${A}/panels/${q.roundId}/round`)).statusCode, 200);
      return counter.count();
    };
    await addOne(0);
    const one = await measure();
    for (let i = 1; i < 6; i += 1) await addOne(i);
    assert.equal(await measure(), one);
  } finally {
    await counted.close();
  }
});
