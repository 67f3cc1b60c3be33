/**
 * Safeguarding as a child, a safeguarding lead, a participation lead and an attacker meet it:
 * a disclosure typed into a survey is flagged as it is saved, the safeguarding leads are alerted
 * exactly once without the child's words, the words are held out of every page, export, result,
 * theme and public copy until a lead has looked, and only safeguarding leads can read them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { withArea } from '../../db/db.ts';
import { ROLES } from '../../lib/authorisation.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { readPage, within, type Page } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { testActivity } from '../../testing/activities.ts';
import { insertResponse } from '../../testing/responses.ts';
import { createActivity, setActivityStatus } from '../activities/activities.service.ts';
import { addContributionsForResponse } from '../contributions/contributions.service.ts';
import { addQuestion } from '../surveys/questions.service.ts';
import { remindUnreviewedConcerns, sendSafeguardingAlerts } from './safeguarding.alerts.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let areaId: string;
let activityId: string;
let questionId: string;
const A = '/a/riverside';
const DISCLOSURE = 'My dad hits me… I am scared to go home. I want to kill myself.';
// Words of the disclosure that must never leave the safeguarding record.
const SECRET_WORDS = ['hits me', 'scared to go home', 'kill myself'];

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  areaId = areas.riverside.id;
  app = await testApp(t.db);
  const activity = await createActivity(t.db, areaId, null, testActivity({ title: 'Holiday club survey', childrenMode: true }));
  activityId = activity.id;
  questionId = await addQuestion(t.db, areaId, null, activityId, { type: 'free_text', text: 'What would make the holiday club better?', easyRead: 'What would make it better?', hint: '', required: false, settings: {}, showIf: null }, []);
  await setActivityStatus(t.db, areaId, null, activityId, 'open');
});
after(async () => {
  await app.close();
  await t.drop();
});

const signedIn = async (email: string) => {
  const client = new Client(app);
  await client.signIn(email);
  return client;
};
const dsl = () => signedIn('safeguarding@riverside.example');
const send = () => sendSafeguardingAlerts(t.db, app.notifierFor, { baseUrl: 'http://chorus.test' });

const errorLinks = (html: string) => readPage(html).errorLinks();
/** The calm help at the foot of a child's page, as the region its heading names; where its links ring. */
function helpPanel(page: Page): string[] {
  const panel = page.getByRole('complementary', { name: 'If you are worried or in danger' });
  return within(panel).getAllByRole('link').map((link) => link.getAttribute('href') ?? '');
}

async function follow(client: Client, response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
  let current = response;
  for (let i = 0; i < 10 && current.statusCode === 303; i += 1) current = await client.get(String(current.headers.location));
  return current;
}

/** A child answers the survey through its pages, writing `text`; returns the response's base path. */
async function childWrites(text: string, options: { submit?: boolean } = {}): Promise<{ client: Client; base: string; responseId: string }> {
  const client = new Client(app);
  const page = await client.get(`${A}/surveys/${activityId}`);
  const key = readPage(page.body).hiddenValue('idempotencyKey')!;
  const started = await client.post(`${A}/surveys/${activityId}`, { idempotencyKey: key, how: 'own' });
  const base = /^(\/a\/riverside\/responses\/[0-9a-f-]{36})\//.exec(String(started.headers.location))![1]!;
  await client.get(`${base}/questions/1`);
  const answered = await client.post(`${base}/questions/1`, { action: 'continue', answer: text });
  assert.equal(answered.statusCode, 303);
  if (options.submit !== false) {
    await client.get(`${base}/check`);
    const submitted = await client.post(`${base}/submit`);
    assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 200));
  }
  return { client, base, responseId: base.split('/').pop()! };
}

/** Every concern, read as the owner (tests only: the app role cannot). */
const concernsFor = (responseId: string) => t.owner.selectFrom('safeguarding_concern').selectAll().where('response_id', '=', responseId).execute();
const alertsFor = (concernId: string) => t.owner.selectFrom('safeguarding_alert').selectAll().where('concern_id', '=', concernId).execute();
/** Sends what is waiting until this concern's alerts have all gone (the request's own send may still be under way). */
async function alertsSettled(concernId: string) {
  for (let i = 0; i < 50; i += 1) {
    await send();
    const alerts = await alertsFor(concernId);
    if (alerts.length > 0 && alerts.every((a) => a.status === 'sent' || a.status === 'failed' || a.status === 'unknown')) return alerts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return alertsFor(concernId);
}
const outboxTo = (recipient: string) => t.owner.selectFrom('outbox_message').selectAll().where('recipient', '=', recipient).orderBy('created_at').execute();

test('a disclosure in a survey is flagged, held and alerted exactly once, and the alert never carries the words', async () => {
  const before = (await outboxTo('safeguarding@riverside.example')).length;
  const { responseId } = await childWrites(DISCLOSURE);
  const [concern, ...more] = await concernsFor(responseId);
  assert.ok(concern, 'a concern was recorded');
  assert.equal(more.length, 0, 'saving and sending the same words make one concern');
  assert.equal(concern.severity, 'urgent');
  assert.equal(concern.disclosed_text, DISCLOSURE);
  assert.ok(concern.contribution_id, 'linked to the contribution it became');
  const contribution = await t.owner.selectFrom('contribution').select(['safeguarding_hold']).where('id', '=', concern.contribution_id).executeTakeFirstOrThrow();
  assert.equal(contribution.safeguarding_hold, true);

  // Sent at once by the request, or now by the job, whichever claims first: never both.
  await Promise.all([send(), send(), send()]);
  const alerts = await alertsSettled(concern.id);
  const demoLead = await t.owner.selectFrom('account').select('id').where('email', '=', 'safeguarding@riverside.example').executeTakeFirstOrThrow();
  const lead = alerts.filter((a) => a.account_id === demoLead.id);
  assert.deepEqual(lead.map((a) => a.channel).sort(), ['email', 'sms'], 'the demo lead has a mobile: an email and a text');
  assert.ok(alerts.every((a) => a.status === 'sent'), JSON.stringify(alerts.map((a) => a.status)));
  const emails = (await outboxTo('safeguarding@riverside.example')).slice(before).filter((m) => m.body.includes(concern.id));
  assert.equal(emails.length, 1, 'one email to the safeguarding lead');
  const texts = (await outboxTo('+447700900982')).filter((m) => m.body.includes(concern.id));
  assert.equal(texts.length, 1, 'one text message to the safeguarding lead');
  for (const message of [...emails, ...texts]) {
    for (const words of SECRET_WORDS) assert.ok(!`${message.subject} ${message.body}`.includes(words), `the alert contains "${words}"`);
    assert.ok(message.body.includes(`/a/riverside/safeguarding/concerns/${concern.id}`), 'the alert links to the concern');
    assert.ok(!message.body.includes('Holiday club survey'), 'the alert does not name the activity');
  }
  const audit = await t.owner.selectFrom('audit_event').select(['detail']).where('action', '=', 'safeguarding.concern_flagged').where('subject_id', '=', concern.id).execute();
  assert.equal(audit.length, 1);
  assert.ok(!JSON.stringify(audit[0]!.detail).includes('hits'), 'the audit log holds no words');
});

test('words are flagged as they are saved, before the survey is sent', async () => {
  const { responseId } = await childWrites('i wnt 2 die', { submit: false });
  const concerns = await concernsFor(responseId);
  assert.equal(concerns.length, 1);
  assert.equal(concerns[0]!.contribution_id, null, 'nothing sent yet');
  assert.ok((await alertsSettled(concerns[0]!.id)).some((a) => a.status === 'sent'));
});

test('changed words keep the record of what was first written, and what is sent stays held', async () => {
  const { client, base, responseId } = await childWrites('my step dad hits me', { submit: false });
  await client.get(`${base}/questions/1`);
  await client.post(`${base}/questions/1`, { action: 'continue', answer: 'I like the swings' });
  await client.get(`${base}/check`);
  assert.equal((await client.post(`${base}/submit`)).statusCode, 303);
  const concerns = await concernsFor(responseId);
  assert.equal(concerns.length, 1);
  assert.equal(concerns[0]!.disclosed_text, 'my step dad hits me', 'the first words stay on the record');
  const contribution = await t.owner.selectFrom('contribution').select(['original_text', 'safeguarding_hold']).where('response_id', '=', responseId).executeTakeFirstOrThrow();
  assert.equal(contribution.original_text, 'I like the swings');
  assert.equal(contribution.safeguarding_hold, true, 'held until a lead has looked');
});

test('held words are on no page, export, result, suggestion or public copy, and come back only when a lead says so', async () => {
  const { responseId } = await childWrites('i get hit at home by my mum and i am scared');
  const [concern] = await concernsFor(responseId);
  assert.ok(concern);
  const lead = await signedIn('lead@riverside.example');
  const pages = [
    `${A}/activities/${activityId}/contributions`,
    `${A}/activities/${activityId}/results`,
    `${A}/manage/themes/unthemed`,
    `${A}/manage/themes/suggestions`,
  ];
  for (const url of pages) {
    const page = await lead.get(url);
    assert.equal(page.statusCode, 200, url);
    assert.ok(!page.body.includes('hit at home'), `${url} shows the held words`);
  }
  await lead.get(`${A}/activities/${activityId}/export`);
  const exported = await lead.post(`${A}/activities/${activityId}/export`, { format: 'csv', personal: 'yes' });
  assert.equal(exported.statusCode, 200);
  assert.ok(!exported.body.includes('hit at home'), 'the export with personal details holds the held words');
  assert.ok(exported.body.includes('Not shown while a safeguarding lead looks at it'), 'the export says an answer is held');
  // The receipt code shows the child their own words, but not while they are held.
  const { receipt_code: code } = await t.owner.selectFrom('response').select('receipt_code').where('id', '=', responseId).executeTakeFirstOrThrow();
  const child = new Client(app);
  await child.get(`${A}/my-views`);
  const mine = await child.post(`${A}/my-views`, { code: code! });
  assert.ok(mine.statusCode < 500);
  assert.ok(!mine.body.includes('hit at home'), 'the receipt lookup shows held words');
  // Even a query of our own, as the app, cannot see the contribution.
  const seen = await withArea(t.db, areaId, (tx) => tx.selectFrom('contribution').select('id').where('id', '=', concern.contribution_id!).execute());
  assert.equal(seen.length, 0);

  // The safeguarding lead reads it and puts the words back: they are about the service after all.
  const guard = await dsl();
  const open = await guard.get(`${A}/safeguarding/concerns/${concern.id}`);
  assert.equal(open.statusCode, 200);
  const concernPage = readPage(open.body);
  assert.ok(concernPage.getAllByText(/i get hit at home by my mum and i am scared/).length > 0, 'the safeguarding lead reads the words');
  const version = concernPage.hiddenValue('version')!;
  const decided = await guard.post(`${A}/safeguarding/concerns/${concern.id}/decision`, { decision: 'no_concern', words: 'release', note: 'Talked to school: a game of tag.', version });
  assert.equal(decided.statusCode, 303);
  const back = await lead.get(`${A}/activities/${activityId}/contributions`);
  assert.ok(readPage(back.body).getAllByText(/i get hit at home/).length > 0, 'released words are back among the views');
});

test('a staff member raises a concern: held at once, quote leaves the public copy, leads alerted', async () => {
  // A published theme quoting a contribution.
  const { contributionId, themeId } = await withArea(t.db, areaId, async (tx) => {
    const response = await insertResponse(tx, areaId, { activityId, answers: [] });
    await addContributionsForResponse(tx, areaId, [{ activityId, questionId, responseId: response.id, accountId: null, supporterRelationship: null, receiptCode: response.receiptCode!, source: 'free_text', text: 'I wish the club had a quiet tent.' }]);
    const c = await tx.selectFrom('contribution').select('id').where('response_id', '=', response.id).executeTakeFirstOrThrow();
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title: 'Quiet spaces', summary: 'Calm places.' }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: theme.id, contribution_id: c.id, is_quote: true }).execute();
    const content = { theme: { title: 'Quiet spaces', summary: 'Calm places.', easyReadSummary: '', symbol: null, symbolAlt: '', citation: '', contributionCount: 1, quotes: ['I wish the club had a quiet tent.'] }, response: { status: 'done', reason: '', whatChanged: 'We bought a tent.', whatChangedEasyRead: '', decidedBy: 'Board', decidedOn: null, dueOn: null, doneOn: null, evidenceLinks: [] }, activities: [{ id: activityId, title: 'Holiday club survey' }] };
    await tx.insertInto('theme_response').values({ area_id: areaId, theme_id: theme.id, status: 'done', stage: 'published', what_changed: 'We bought a tent.', evidence_links: [], published_at: new Date(), first_published_at: new Date(), published_version: 1, published_content: JSON.stringify(content), published_activity_ids: [activityId] }).execute();
    return { contributionId: c.id, themeId: theme.id };
  });
  const publicBefore = await new Client(app).get(`${A}/you-said-we-did`);
  assert.ok(readPage(publicBefore.body).getAllByText(/quiet tent/).length > 0, 'the quote is public before');

  const lead = await signedIn('lead@riverside.example');
  const form = await lead.get(`${A}/activities/${activityId}/contributions/${contributionId}/raise-concern`);
  assert.equal(form.statusCode, 200);
  const empty = await lead.post(`${A}/activities/${activityId}/contributions/${contributionId}/raise-concern`, { reason: '  ' });
  assert.equal(empty.statusCode, 422);
  assert.deepEqual(errorLinks(empty.body), ['#reason Enter why you are worried']);
  const raised = await lead.post(`${A}/activities/${activityId}/contributions/${contributionId}/raise-concern`, { reason: 'The child told me more in person.' });
  assert.equal(raised.statusCode, 303);

  const concern = await t.owner.selectFrom('safeguarding_concern').selectAll().where('contribution_id', '=', contributionId).executeTakeFirstOrThrow();
  assert.equal(concern.origin, 'staff');
  assert.equal(concern.raised_reason, 'The child told me more in person.');
  assert.ok((await alertsFor(concern.id)).length >= 1, 'the leads are alerted');
  const publicAfter = await new Client(app).get(`${A}/you-said-we-did`);
  assert.ok(!publicAfter.body.includes('quiet tent'), 'the quote left the public page at once');
  const themePage = await lead.get(`${A}/manage/themes/${themeId}`);
  assert.ok(!themePage.body.includes('quiet tent'), 'and the theme page');
  // Raising it again is not possible: the lead can no longer see it.
  assert.equal((await lead.get(`${A}/activities/${activityId}/contributions/${contributionId}/raise-concern`)).statusCode, 404);
});

test('only designated safeguarding leads read a concern; admins see counts; other areas see nothing', async () => {
  const concernId = areas.riverside.concernId;
  const url = `${A}/safeguarding/concerns/${concernId}`;
  for (const role of ROLES) {
    const client = await signedIn(`only-${role.replace('_', '-')}@riverside.example`);
    const page = await client.get(url);
    const list = await client.get(`${A}/safeguarding`);
    if (role === 'safeguarding_lead') {
      assert.equal(page.statusCode, 200, role);
      assert.ok(readPage(page.body).getAllByText(/My dad hits me/).length > 0, 'the lead reads the words');
      assert.equal(list.statusCode, 200);
    } else {
      assert.equal(page.statusCode, 403, `${role} reads a concern`);
      assert.equal(list.statusCode, 403, `${role} lists concerns`);
      assert.ok(!page.body.includes('hits me'));
    }
  }
  const admin = await signedIn('only-area-admin@riverside.example');
  const settings = await admin.get(`${A}/manage/safeguarding`);
  assert.equal(settings.statusCode, 200);
  assert.ok(!settings.body.includes('hits me'), 'settings show counts, not words');
  // Another area's safeguarding lead finds nothing here.
  const nvLead = await signedIn('safeguarding@riverside.example');
  assert.equal((await nvLead.get(`${A}/safeguarding/concerns/${areas.northVale.concernId}`)).statusCode, 404);
  // And the database itself refuses: the app role sees no concern without the safeguarding wall lowered.
  const rows = await withArea(t.db, areaId, (tx) => tx.selectFrom('safeguarding_concern').select('id').execute());
  assert.equal(rows.length, 0);
  const raw = await withArea(t.db, areaId, (tx) => sql<{ n: string }>`select count(*) as n from safeguarding_action`.execute(tx));
  assert.equal(raw.rows[0]!.n, '0');
});

test('a decision needs a choice, "something else" needs a note, and a stale form says someone else changed it', async () => {
  const guard = await dsl();
  const concernId = areas.riverside.concernId;
  const page = await guard.get(`${A}/safeguarding/concerns/${concernId}`);
  const version = readPage(page.body).hiddenValue('version')!;
  const missing = await guard.post(`${A}/safeguarding/concerns/${concernId}/decision`, { version });
  assert.equal(missing.statusCode, 422);
  assert.match(readPage(missing.body).document.title, /^Error: /);
  assert.deepEqual(errorLinks(missing.body), ['#decision Select what you decided']);
  const other = await guard.post(`${A}/safeguarding/concerns/${concernId}/decision`, { decision: 'other', note: '', version });
  assert.deepEqual(errorLinks(other.body), ['#note Enter what you decided']);
  const chosen = readPage(other.body).getAllByRole('radio').filter((radio) => radio.hasAttribute('checked')).map((radio) => radio.getAttribute('value'));
  assert.deepEqual(chosen, ['other'], 'the choice is kept');
  const badDate = await guard.post(`${A}/safeguarding/concerns/${concernId}/actions`, { 'takenOn-day': '31', 'takenOn-month': '2', 'takenOn-year': '2026', description: 'Rang the MASH' });
  assert.equal(badDate.statusCode, 422);
  assert.deepEqual(errorLinks(badDate.body), ['#takenOn-day The date it was done must be a real date']);
  assert.ok(readPage(badDate.body).getByDisplayValue('Rang the MASH'), 'what was typed is kept');
  const action = await guard.post(`${A}/safeguarding/concerns/${concernId}/actions`, { 'takenOn-day': '1', 'takenOn-month': '12', 'takenOn-year': '2026', description: 'Rang the MASH' });
  assert.equal(action.statusCode, 303);
  const decided = await guard.post(`${A}/safeguarding/concerns/${concernId}/decision`, { decision: 'referred_mash', note: 'Referred.', version });
  assert.equal(decided.statusCode, 303);
  const stale = await guard.post(`${A}/safeguarding/concerns/${concernId}/decision`, { decision: 'no_concern', note: '', version });
  assert.equal(stale.statusCode, 409);
  assert.ok(readPage(stale.body).getAllByText(/Someone else changed this concern/).length > 0);
  const shown = readPage((await follow(guard, decided)).body);
  assert.equal(shown.heading(), 'Safeguarding concern');
  assert.ok(shown.getAllByText(/Referred to the MASH/).length > 0);
  assert.ok(shown.getAllByText(/Rang the MASH/).length > 0);
});

test('with no safeguarding lead, the area admins are alerted (without the words) and the dashboard warns', async () => {
  const nv = areas.northVale.id;
  const alerts = await t.owner.selectFrom('safeguarding_alert').selectAll().where('concern_id', '=', areas.northVale.concernId).execute();
  assert.ok(alerts.length > 0);
  assert.ok(alerts.every((a) => a.recipient_role === 'area_admin'));
  await send();
  const [email] = await outboxTo('nv-admin@northvale.example');
  assert.ok(email, 'the admin got an email');
  assert.match(email.body, /no designated safeguarding lead/);
  assert.ok(!email.body.includes('hits me'));
  const admin = await signedIn('nv-admin@northvale.example');
  const dashboard = await admin.get('/a/north-vale/manage');
  assert.ok(readPage(dashboard.body).getByText(/Nobody in this area is a designated safeguarding lead/));
  const counts = await withArea(t.db, nv, (tx) => tx.selectFrom('safeguarding_alert').select('status').execute());
  assert.ok(counts.length > 0, 'alert rows (no words in them) are visible to the sender');
});

test('a concern nobody opens within 24 hours is re-alerted once, to the leads and the admins', async () => {
  const { responseId } = await childWrites('he touched my private parts and said not to tell');
  const [concern] = await concernsFor(responseId);
  assert.ok(concern);
  await send();
  await t.owner.updateTable('safeguarding_concern').set({ created_at: new Date(Date.now() - 25 * 3600_000) }).where('id', '=', concern.id).execute();
  const first = await remindUnreviewedConcerns(t.db, app.notifierFor, { baseUrl: 'http://chorus.test' });
  const second = await remindUnreviewedConcerns(t.db, app.notifierFor, { baseUrl: 'http://chorus.test' });
  assert.ok(first >= 1);
  assert.equal(second, 0, 'once only');
  const reminders = (await alertsFor(concern.id)).filter((a) => a.kind === 'reminder');
  assert.ok(reminders.some((a) => a.recipient_role === 'safeguarding_lead'));
  assert.ok(reminders.some((a) => a.recipient_role === 'area_admin'));
  const guard = await dsl();
  const list = await guard.get(`${A}/safeguarding`);
  assert.ok(readPage(list.body).getAllByText(/Not opened for over 24 hours/).length > 0);
});

test('every page a child answers on shows calm help, and free-text questions say who may read them', async () => {
  const client = new Client(app);
  const start = readPage((await client.get(`${A}/surveys/${activityId}`)).body);
  assert.deepEqual(helpPanel(start), ['tel:999', 'tel:08001111'], 'danger now, and Childline, one tap away');
  const key = start.hiddenValue('idempotencyKey')!;
  const started = await client.post(`${A}/surveys/${activityId}`, { idempotencyKey: key, how: 'own' });
  const question = readPage((await follow(client, started)).body);
  assert.ok(question.getByText(/a grown-up whose job is to keep children safe will read it/));
  assert.ok(helpPanel(question).length > 0);
  const lookup = await client.get(`${A}/my-views`);
  if (lookup.statusCode === 200) assert.ok(helpPanel(readPage(lookup.body)).length > 0);
});

test('safeguarding settings: a lead\'s mobile and the area\'s own words, with GOV.UK errors', async () => {
  const admin = await signedIn('admin@riverside.example');
  const page = await admin.get(`${A}/manage/safeguarding`);
  assert.equal(page.statusCode, 200);
  const leadId = (await t.owner.selectFrom('account').select('id').where('email', '=', 'safeguarding@riverside.example').executeTakeFirstOrThrow()).id;
  const bad = await admin.post(`${A}/manage/safeguarding/mobile`, { accountId: leadId, mobile: '12345' });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(errorLinks(bad.body), [`#mobile-${leadId} Enter a UK mobile number, like 07700 900982`]);
  assert.ok(readPage(bad.body).getByDisplayValue('12345'), 'what was typed is kept');
  const phraseMissing = await admin.post(`${A}/manage/safeguarding/phrases`, { phrase: '', category: 'danger' });
  assert.deepEqual(errorLinks(phraseMissing.body), ['#phrase Enter the words to look for', '#severity Select how urgent it is']);
  const added = await admin.post(`${A}/manage/safeguarding/phrases`, { phrase: 'got shanked (local)', category: 'danger', severity: 'urgent' });
  assert.equal(added.statusCode, 303);
  const twice = await admin.post(`${A}/manage/safeguarding/phrases`, { phrase: 'GOT SHANKED (local)', category: 'danger', severity: 'urgent' });
  assert.deepEqual(errorLinks(twice.body), ['#phrase Your area already looks for these words']);
  // The area's own words now flag a survey answer.
  const { responseId } = await childWrites('my cousin got shanked (local) near the park');
  assert.equal((await concernsFor(responseId)).length, 1);
});

test('what someone writes about what they need to take part is screened too', async () => {
  const { signUp } = await import('../activities/signups.service.ts');
  const outcome = await signUp(t.db, areaId, areas.riverside.activityId, {
    name: 'A parent', email: 'a.parent@example.com', phone: '', people: 1, adjustments: ['easy_read'], details: 'Quiet room please. My partner hurts me and I am scared to go home.', idempotencyKey: 'signup-screened-'.padEnd(30, 'x'), accountId: null,
  });
  assert.equal(outcome.concernRaised, true);
  const concern = await t.owner.selectFrom('safeguarding_concern').selectAll().where('channel', '=', 'adjustment_request').executeTakeFirstOrThrow();
  assert.match(concern.disclosed_text, /My partner hurts me/);
  assert.ok((await alertsSettled(concern.id)).some((a) => a.status === 'sent'));
});
