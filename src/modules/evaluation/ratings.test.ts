/**
 * The participants' own rating (issue 13 §1), as a participant, a member of staff and an attacker
 * meet it: the scale on a survey's thank-you page (one rating per response, changeable), a code after
 * a meeting (one per browser, closed codes and wrong or another area's codes refused kindly), staff
 * seeing totals only with small numbers suppressed, the area's own scale, and the summaries the
 * ladders part reads in one query however many activities there are.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { insertResponse } from '../../testing/responses.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity, setActivityStatus } from '../activities/activities.service.ts';
import { createArea } from '../areas/areas.service.ts';
import { addQuestion } from '../surveys/questions.service.ts';
import { participantRatingSummaries } from './ratings.service.ts';

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;
const A = '/a/riverside';

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
});
after(async () => {
  await app.close();
  await t.drop();
});

const ratingRows = (activityId: string) => t.owner.selectFrom('participant_rating').selectAll().where('activity_id', '=', activityId).execute();

/** An open survey in children's mode (or not) with one optional question. */
async function openSurvey(title: string, childrenMode: boolean) {
  const activity = await createActivity(t.db, fx.riverside.id, null, testActivity({ title, childrenMode, audience: childrenMode ? 'children_young_people' : 'parent_carers', venueKind: 'online', contactEmail: 'jess@riverside.example' }));
  await addQuestion(t.db, fx.riverside.id, null, activity.id, { type: 'free_text', text: 'Anything to add?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  await setActivityStatus(t.db, fx.riverside.id, null, activity.id, 'open');
  return activity.id;
}

/** Starts and sends a response as a new browser; returns the client and the response's base path. */
async function sentResponse(activityId: string): Promise<{ client: Client; base: string }> {
  const client = new Client(app);
  const start = await client.get(`${A}/surveys/${activityId}`);
  const key = readPage(start.body).hiddenValue('idempotencyKey')!;
  const started = await client.post(`${A}/surveys/${activityId}`, { idempotencyKey: key, how: 'own' });
  const base = /^(\/a\/riverside\/responses\/[0-9a-f-]{36})\//.exec(String(started.headers.location))![1]!;
  await client.get(`${base}/check`);
  const sent = await client.post(`${base}/submit`);
  assert.equal(sent.headers.location, `${base}/thank-you`);
  return { client, base };
}

// ── At the end of a survey ──────────────────────────────────────────────────────────────────────

test("the thank-you page asks how much say they had in the survey's words, and saves one changeable rating per response", async () => {
  const surveyId = await openSurvey('Our new play park', true);
  const { client, base } = await sentResponse(surveyId);
  const thanks = readPage((await client.get(`${base}/thank-you`)).body);
  // The receipt code comes first; the rating after it.
  assert.ok(thanks.document.querySelector('.govuk-panel')!.compareDocumentPosition(thanks.document.querySelector('#rating-heading')!) & 4);
  assert.equal(thanks.getByRole('heading', { level: 2, name: 'One more thing: how much say did you have?' }).id, 'rating-heading');
  const group = thanks.getByRole('group', { name: 'How much say did you have?' });
  for (const words of ['Grown-ups decided everything', 'Grown-ups asked us what we think', 'We decided together', 'We led it']) assert.ok(thanks.getByRole('radio', { name: words }), words);
  assert.ok(group.querySelector('img[src="/symbols/1F91D.svg"][alt=""]'), 'each answer has its picture, with the words beside it');
  assert.match(thanks.text(), /Nobody sees what you pick/);

  // Nothing chosen: the error in children's words, nothing saved.
  const empty = await client.post(`${base}/rating`, {});
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#step Pick a picture']);
  assert.equal((await ratingRows(surveyId)).length, 0);

  const saved = await client.post(`${base}/rating`, { step: 'asked_us' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, `${base}/thank-you#rating-heading`);
  const after = readPage((await client.get(`${base}/thank-you`)).body);
  assert.match(after.text(), /Thank you for telling us\. You picked: Grown-ups asked us what we think\./);
  assert.ok(after.isChecked('Grown-ups asked us what we think'));

  // Changed, not added.
  await client.post(`${base}/rating`, { step: 'decided_together' });
  const rows = await ratingRows(surveyId);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0]!.step, rows[0]!.common_level, rows[0]!.variant], ['decided_together', 'co_design', 'children']);
  assert.equal(rows[0]!.rating_link_id, null);

  // A made-up step is refused like no step.
  assert.equal((await client.post(`${base}/rating`, { step: 'we_ran_the_council' })).statusCode, 422);
  // Without the form's token: refused, nothing changed.
  assert.equal((await client.post(`${base}/rating`, { step: 'we_led' }, { csrf: false })).statusCode, 403);
  assert.equal((await ratingRows(surveyId))[0]!.step, 'decided_together');
  // Someone else's browser cannot rate this response.
  const stranger = new Client(app);
  await stranger.get(`${A}/rate`);
  const theirs = await stranger.post(`${base}/rating`, { step: 'we_led' });
  assert.notEqual(theirs.statusCode, 303);
  assert.equal((await ratingRows(surveyId))[0]!.step, 'decided_together');
});

test("a parent carers' survey uses parent carers' words", async () => {
  const surveyId = await openSurvey('Short breaks', false);
  const { client, base } = await sentResponse(surveyId);
  const page = readPage((await client.get(`${base}/thank-you`)).body);
  assert.ok(page.getByRole('radio', { name: 'Professionals asked us what we think' }));
  assert.ok(page.getByRole('radio', { name: 'Parent carers led it' }));
  const empty = await client.post(`${base}/rating`, {});
  assert.deepEqual(readPage(empty.body).errorSummary(), ['Select how much say you had']);
  await client.post(`${base}/rating`, { step: 'asked_us' });
  assert.equal((await ratingRows(surveyId))[0]!.variant, 'parent_carers');
});

// ── A code after a meeting ──────────────────────────────────────────────────────────────────────

async function staffClient(email = 'only-participation-lead@riverside.example'): Promise<Client> {
  const client = new Client(app);
  await client.signIn(email);
  return client;
}

test('staff make a code; people type it, rate without an account, and one browser counts once (changing its answer)', async () => {
  const activity = await createActivity(t.db, fx.riverside.id, null, testActivity({ title: 'Youth forum meeting', type: 'meeting', audience: 'children_young_people', venueKind: 'online', contactEmail: 'jess@riverside.example' }));
  const lead = await staffClient();
  const linkPage = `${A}/activities/${activity.id}/evaluation/rating-link`;
  const first = readPage((await lead.get(linkPage)).body);
  assert.match(first.text(), /There is no open code for this activity\./);
  assert.ok(first.isChecked(/^Children and young people's words/), "children's words suggested for a children's activity");
  const made = await lead.post(linkPage, { variant: 'children' });
  assert.equal(made.statusCode, 303);
  const shown = readPage((await lead.get(linkPage)).body);
  const code = shown.document.querySelector('.chorus-rating-code__code')!.textContent!.trim();
  assert.match(code, /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
  assert.match(shown.flash()!, new RegExp(`Code ${code} made`));
  assert.match(shown.text(), new RegExp(`${A}/rate/${code}`));

  // A child types it, lower case with a space: found.
  const child = new Client(app);
  await child.get(`${A}/rate`);
  const typed = await child.post(`${A}/rate`, { code: code.toLowerCase().replace('-', ' ') });
  assert.equal(typed.headers.location, `${A}/rate/${code}`);
  const scale = readPage((await child.get(`${A}/rate/${code}`)).body);
  assert.equal(scale.heading(), 'How much say did you have?');
  assert.match(scale.text(), /Youth forum meeting/);
  assert.equal((await child.post(`${A}/rate/${code}`, {})).statusCode, 422);
  const sent = await child.post(`${A}/rate/${code}`, { step: 'asked_us' });
  assert.equal(sent.headers.location, `${A}/rate/${code}/thank-you`);
  const thanks = readPage((await child.get(`${A}/rate/${code}/thank-you`)).body);
  assert.match(thanks.text(), /You picked: Grown-ups asked us what we think/);
  // Again from the same browser: the answer changes, no second rating.
  await child.get(`${A}/rate/${code}`);
  await child.post(`${A}/rate/${code}`, { step: 'we_led' });
  let rows = await ratingRows(activity.id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.step, 'we_led');
  assert.equal(rows[0]!.response_id, null, 'tied to no response');
  // Nothing about the browser is stored: the row's columns are the rating and where it came from.
  assert.deepEqual(Object.keys(rows[0]!).sort(), ['activity_id', 'area_id', 'common_level', 'created_at', 'id', 'rating_link_id', 'response_id', 'step', 'updated_at', 'variant']);

  // Another browser: a second rating. A forged cookie naming the first rating changes nothing of it.
  const other = new Client(app);
  await other.get(`${A}/rate/${code}`);
  other.cookies.set('chorus_rated', `${code}=${rows[0]!.id}`);
  await other.post(`${A}/rate/${code}`, { step: 'decided_for_us' });
  rows = await ratingRows(activity.id);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => r.step).sort(), ['decided_for_us', 'we_led']);

  // Closed by staff: the code page says so kindly, and nothing more is counted.
  await lead.get(linkPage);
  assert.equal((await lead.post(`${linkPage}/close`)).statusCode, 303);
  const closed = await child.get(`${A}/rate/${code}`);
  assert.equal(closed.statusCode, 410);
  assert.equal(readPage(closed.body).heading(), 'This code has closed');
  const latecomer = new Client(app);
  await latecomer.get(`${A}/rate`);
  const late = await latecomer.post(`${A}/rate/${code}`, { step: 'we_led' });
  assert.equal(late.statusCode, 410);
  assert.equal((await ratingRows(activity.id)).length, 2);
  assert.match(readPage((await lead.get(linkPage)).body).text(), /There is no open code for this activity\./);
});

test('a wrong code, a made-up one and another area\'s code all get the same kind page, and change nothing', async () => {
  const visitor = new Client(app);
  await visitor.get(`${A}/rate`);
  const expected = 'We cannot find that code. Check it and try again, or ask the person who gave it to you';
  for (const code of ['ZZZ-ZZZ', 'hello', fx.northVale.ratingCode]) {
    const typed = await visitor.post(`${A}/rate`, { code });
    assert.equal(typed.statusCode, code === 'hello' ? 422 : 404, code);
    assert.deepEqual(readPage(typed.body).errorLinks(), [`#code ${expected}`]);
    assert.equal(readPage(typed.body).valueOf('Type the code you were given'), code, 'what was typed is shown again');
  }
  const empty = await visitor.post(`${A}/rate`, { code: '  ' });
  assert.deepEqual(readPage(empty.body).errorSummary(), ['Enter the code you were given']);
  // North Vale's code in Riverside's address: not found, nothing saved in either area.
  const before = await t.owner.selectFrom('participant_rating').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const nvInRiverside = await visitor.get(`${A}/rate/${fx.northVale.ratingCode}`);
  assert.equal(nvInRiverside.statusCode, 404);
  assert.doesNotMatch(nvInRiverside.body, /North Vale/);
  assert.equal((await visitor.post(`${A}/rate/${fx.northVale.ratingCode}`, { step: 'we_led' })).statusCode, 404);
  const afterCount = await t.owner.selectFrom('participant_rating').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  assert.equal(afterCount.n, before.n);
  // In its own area it works.
  assert.equal((await visitor.get(`/a/north-vale/rate/${fx.northVale.ratingCode}`)).statusCode, 200);
});

test('guessing codes is limited per address, with a page that says what to do', async () => {
  // From an address of its own, so the other tests' requests do not count against it.
  const guesser = new Client(app);
  await guesser.get(`${A}/rate`);
  const token = guesser.csrf();
  const cookie = [...guesser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const guess = (code: string) =>
    app.inject({ method: 'POST', url: `${A}/rate`, remoteAddress: '203.0.113.77', payload: new URLSearchParams({ _csrf: token, code }).toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  const statuses: number[] = [];
  for (let i = 0; i < 101; i += 1) statuses.push((await guess('ZZZ-ZZZ')).statusCode);
  assert.deepEqual([...new Set(statuses.slice(0, 100))], [404]);
  assert.equal(statuses[100], 429);
  const refused = await guess(fx.riverside.ratingCode);
  assert.equal(refused.statusCode, 429, 'even the right code is refused for now');
  assert.equal(readPage(refused.body).heading(), 'Please wait a few minutes');
});

test("staff who may not rate the activity are refused its code page; a practitioner sees their own organisation's", async () => {
  const practitioner = await staffClient('only-practitioner@riverside.example');
  assert.equal((await practitioner.get(`${A}/activities/${fx.riverside.activityId}/evaluation/rating-link`)).statusCode, 403);
  await practitioner.get('/account');
  assert.equal((await practitioner.post(`${A}/activities/${fx.riverside.activityId}/evaluation/rating-link`, { variant: 'children' })).statusCode, 403);
  const decisionMaker = await staffClient('only-decision-maker@riverside.example');
  assert.equal((await decisionMaker.get(`${A}/activities/${fx.riverside.activityId}/evaluation/rating-link`)).statusCode, 403);
});

// ── Totals only ─────────────────────────────────────────────────────────────────────────────────

/** Ratings straight into the table for an activity (as many browsers would give through its code). */
let codeNumber = 0;
/** A fresh well-formed code (the alphabet leaves out 0, 1, I, L and O). */
const nextCode = () => {
  codeNumber += 1;
  const digits = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  let n = codeNumber;
  let out = '';
  for (let i = 0; i < 6; i += 1) {
    out += digits[n % digits.length];
    n = Math.floor(n / digits.length);
  }
  return `${out.slice(0, 3)}-${out.slice(3)}`;
};

async function giveRatings(activityId: string, steps: Record<string, number>, variant = 'children') {
  const levels: Record<string, string> = { decided_for_us: 'inform', asked_us: 'consult', decided_together: 'co_design', we_led: 'co_produce' };
  await withArea(t.db, fx.riverside.id, async (tx) => {
    const link = await tx.insertInto('rating_link').values({ area_id: fx.riverside.id, activity_id: activityId, code: nextCode(), variant, closes_at: new Date(Date.now() + 86_400_000), closed_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const values = Object.entries(steps).flatMap(([step, n]) => Array.from({ length: n }, () => ({ area_id: fx.riverside.id, activity_id: activityId, rating_link_id: link.id, step, common_level: levels[step]!, variant })));
    if (values.length) await tx.insertInto('participant_rating').values(values).execute();
  });
}

const totalsOf = async (client: Client, activityId: string) => readPage((await client.get(`${A}/activities/${activityId}/evaluation/rating-link`)).body).tableRows('How many people chose each answer');

test('staff see how many chose each answer, never a single rating: 1 to 7 shown as "fewer than 8", with a second count hidden', async () => {
  const lead = await staffClient();
  const one = await createActivity(t.db, fx.riverside.id, null, testActivity({ title: 'One rating', venueKind: 'online', contactEmail: 'jess@riverside.example' }));
  await giveRatings(one.id, { we_led: 1 });
  const lonely = await totalsOf(lead, one.id);
  assert.deepEqual(lonely.map((r) => r.at(-1)), ['fewer than 8', 'fewer than 8', 'fewer than 8', 'fewer than 8', 'fewer than 8'], 'with one rating nothing is shown, not even the zeros');

  const many = await createActivity(t.db, fx.riverside.id, null, testActivity({ title: 'Many ratings', venueKind: 'online', contactEmail: 'jess@riverside.example' }));
  await giveRatings(many.id, { decided_for_us: 0, asked_us: 12, decided_together: 9, we_led: 2 });
  const rows = await totalsOf(lead, many.id);
  // The 2 is hidden, and so is the smallest other count (suppression.ts), so it cannot be worked out from 23 − 12 − 9.
  assert.deepEqual(rows.map((r) => r.at(-1)), ['hidden', '12', '9', 'fewer than 8', '23']);
  assert.match(rows[1]![0]!, /Professionals asked us what we think Common level: Consult/);
  const page = readPage((await lead.get(`${A}/activities/${many.id}/evaluation/rating-link`)).body);
  assert.match(page.text(), /The common levels are Chorus' own mapping, not a published one\./);
  assert.ok(!rows.flat().includes('2') && !rows.flat().includes('0'), 'neither hidden count reaches the page');
});

test("the ladders' summaries: the level most chose, suppressed below 8, whose words, in one query for 10 or 1,000 activities", async (ctx) => {
  const counted = countingDb(t.db);
  const area = await createArea(t.db, { slug: 'count-ratings', name: 'Count Ratings', contactEmail: 'hello@count.example' });
  // 1,000 activities: one made properly, then 999 copies of it straight into the table.
  const model = await createActivity(t.db, area.id, null, testActivity({ title: 'Activity', venueKind: 'online', contactEmail: 'jess@count.example' }));
  const columns = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'activity' and column_name <> 'id'`.execute(t.owner)).rows.map((r) => sql.id(r.column_name));
  await sql`insert into activity (${sql.join(columns)}) select ${sql.join(columns)} from activity, generate_series(1, 999) where id = ${model.id}`.execute(t.owner);
  const activityIds = (await t.owner.selectFrom('activity').select('id').where('area_id', '=', area.id).orderBy('id').execute()).map((r) => r.id as string);
  assert.equal(activityIds.length, 1000);
  const link = await t.owner.insertInto('rating_link').values({ area_id: area.id, activity_id: activityIds[0]!, code: nextCode(), variant: 'children', closes_at: new Date(Date.now() + 86_400_000) }).returning('id').executeTakeFirstOrThrow();
  const rating = (activityId: string, step: string, level: string, variant = 'children') => ({ area_id: area.id, activity_id: activityId, rating_link_id: link.id, step, common_level: level, variant });
  // The staff page of one activity's code and totals, through an app that counts its queries.
  const countingApp = await testApp(counted.db);
  const leadId = fx.riverside.memberIds.participation_lead;
  await withArea(t.db, area.id, (tx) => tx.insertInto('area_membership').values({ area_id: area.id, account_id: leadId, role: 'participation_lead', organisation_id: null }).execute());
  const lead = new Client(countingApp);
  await lead.signIn('only-participation-lead@riverside.example');
  const pagePath = `/a/count-ratings/activities/${activityIds[0]}/evaluation/rating-link`;
  const pageQueries: number[] = [];
  const queries: number[] = [];
  for (const size of [10, 1000]) {
    await t.owner.deleteFrom('participant_rating').where('area_id', '=', area.id).execute();
    const values = activityIds.slice(0, size).flatMap((id) => [...Array.from({ length: 6 }, () => rating(id, 'asked_us', 'consult')), ...Array.from({ length: 3 }, () => rating(id, 'decided_together', 'co_design', 'parent_carers'))]);
    for (let i = 0; i < values.length; i += 2000) await t.owner.insertInto('participant_rating').values(values.slice(i, i + 2000)).execute();
    counted.reset();
    const summaries = await participantRatingSummaries(counted.db, area.id);
    queries.push(counted.count());
    assert.equal(summaries.size, size);
    assert.deepEqual(summaries.get(activityIds[0]!), { activityId: activityIds[0], total: 9, commonLevel: 'consult', voice: 'both', suppressed: false });
    await lead.get(pagePath); // warm: sign-in and membership caches
    counted.reset();
    const page = await lead.get(pagePath);
    assert.equal(page.statusCode, 200);
    pageQueries.push(counted.count());
  }
  await countingApp.close();
  ctx.diagnostic(`summaries: ${queries.join(' vs ')} queries; the code page: ${pageQueries.join(' vs ')} queries (10 vs 1,000 rated activities)`);
  assert.equal(pageQueries[0], pageQueries[1], `the code page's queries with 10 and 1,000 rated activities: ${pageQueries.join(' vs ')}`);
  assert.equal(queries[0], queries[1], `queries for 10 and 1,000 activities: ${queries.join(' vs ')}`);
  assert.ok(queries[0]! <= 2, `${queries[0]} queries (the area setting and one select)`);

  // Fewer than 8: no level; a tie goes to the lower level.
  await t.owner.deleteFrom('participant_rating').where('area_id', '=', area.id).execute();
  await t.owner.insertInto('participant_rating').values([...Array.from({ length: 5 }, () => rating(activityIds[1]!, 'we_led', 'co_produce')), ...Array.from({ length: 4 }, () => rating(activityIds[2]!, 'we_led', 'co_produce')), ...Array.from({ length: 4 }, () => rating(activityIds[2]!, 'asked_us', 'consult'))]).execute();
  const small = await participantRatingSummaries(t.db, area.id);
  assert.deepEqual(small.get(activityIds[1]!), { activityId: activityIds[1], total: 5, commonLevel: null, voice: 'children', suppressed: true });
  assert.equal(small.get(activityIds[2]!)!.commonLevel, 'consult');
});

// ── The area's own scale ────────────────────────────────────────────────────────────────────────

test("an admin changes the scale's words, pictures and mapping; errors keep what was typed; Chorus' own can be put back", async () => {
  const admin = await staffClient('only-area-admin@riverside.example');
  const url = `${A}/manage/evaluation/rating-scale`;
  const page = readPage((await admin.get(url)).body);
  assert.match(page.text(), /Chorus' own, not a published scale/);
  assert.match(page.text(), /Chorus' own mapping \(not a published one\)/);
  const form: Record<string, string> = { seen: page.hiddenValue('seen') ?? '' };
  for (const field of page.document.querySelectorAll('input[name^="step"]')) form[field.getAttribute('name')!] = field.getAttribute('value') ?? '';
  for (const field of page.document.querySelectorAll('select[name^="step"]')) form[field.getAttribute('name')!] = field.querySelector('option[selected]')?.getAttribute('value') ?? '';
  assert.equal(form['step3-children'], 'We decided together');
  assert.equal(form['step2-level'], 'consult');

  const bad = await admin.post(url, { ...form, 'step1-children': '', 'step2-symbol': 'xqzzyv', 'step3-level': 'inform', 'step4-parents': 'x'.repeat(81) });
  assert.equal(bad.statusCode, 422);
  const errors = readPage(bad.body);
  assert.deepEqual(errors.errorLinks(), [
    "#step1-children Enter the children and young people's words for answer 1",
    '#step2-symbol No picture found for “xqzzyv” (answer 2): try another word',
    '#step3-level The common level of answer 3 must be the same as or higher than answer 2',
    "#step4-parents The parent carers' words for answer 4 must be 80 characters or fewer",
  ]);
  assert.equal(errors.document.querySelector('#step2-symbol')!.getAttribute('value'), 'xqzzyv', 'what was typed is kept');
  assert.equal(errors.document.querySelector('#step3-level option[selected]')!.getAttribute('value'), 'inform', 'the level chosen is kept');
  assert.equal((await t.owner.selectFrom('rating_scale_step').selectAll().execute()).filter((r) => r.area_id === fx.riverside.id).length, 0);

  await admin.get(url);
  const saved = await admin.post(url, { ...form, 'step2-children': 'The grown-ups asked us', 'step2-symbol': 'ear' });
  assert.equal(saved.statusCode, 303);
  const rows = await t.owner.selectFrom('rating_scale_step').selectAll().where('area_id', '=', fx.riverside.id).orderBy('step').execute();
  assert.equal(rows.find((r) => r.step === 'asked_us')!.children_words, 'The grown-ups asked us');
  assert.equal(rows.find((r) => r.step === 'asked_us')!.symbol, '1F442');
  assert.equal(rows.find((r) => r.step === 'we_led')!.children_words, null, "Chorus' words left as they were stay Chorus' own (and Welsh)");
  // The code page uses them; the Welsh page keeps Chorus' translated words where the area kept them.
  const visitor = new Client(app);
  const rate = readPage((await visitor.get(`${A}/rate/${fx.riverside.ratingCode}`)).body);
  assert.ok(rate.getByRole('radio', { name: 'Professionals asked us what we think' }), "the fixture's code is in parent carers' words");
  const welsh = readPage((await visitor.get(`${A}/rate/${fx.riverside.ratingCode}?lang=cy`)).body);
  assert.ok(welsh.getByRole('radio', { name: "Rhieni sy'n ofalwyr wnaeth arwain" }));

  // Someone else saved in between: the older page's save is refused, not silently applied.
  const stale = await admin.post(url, { ...form, 'step1-children': 'Stale words' });
  assert.equal(stale.statusCode, 409);

  await admin.get(url);
  assert.equal((await admin.post(`${url}/reset`)).statusCode, 303);
  assert.equal((await t.owner.selectFrom('rating_scale_step').selectAll().where('area_id', '=', fx.riverside.id).execute()).length, 0);
  const audit = await t.owner.selectFrom('audit_event').select('action').where('area_id', '=', fx.riverside.id).where('action', 'like', 'evaluation.rating_scale.%').execute();
  assert.deepEqual(audit.map((a) => a.action).sort(), ['evaluation.rating_scale.changed', 'evaluation.rating_scale.reset']);

  // A practitioner may not change it.
  const practitioner = await staffClient('only-practitioner@riverside.example');
  assert.equal((await practitioner.get(url)).statusCode, 403);
});

test('a response and its rating go together: erasing the response erases the rating', async () => {
  const surveyId = await openSurvey('Erased with it', true);
  const responseId = await withArea(t.db, fx.riverside.id, async (tx) => (await insertResponse(tx, fx.riverside.id, { activityId: surveyId, answers: [] })).id);
  await t.owner.insertInto('participant_rating').values({ area_id: fx.riverside.id, activity_id: surveyId, response_id: responseId, step: 'we_led', common_level: 'co_produce', variant: 'children' }).execute();
  await t.owner.deleteFrom('response').where('id', '=', responseId).execute();
  assert.equal((await ratingRows(surveyId)).length, 0);
});
