/**
 * Cancelling a place (issue 12 §2), as a person and an attacker meet it: only the person who
 * signed up (signed in) can cancel, once, with a check first; someone else, someone signed out,
 * another area's activity and a finished activity change nothing; the lead's list keeps the
 * cancelled place apart and leaves it out of the count; the sign-up form is filled in for someone
 * signed in and for nobody else.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createArea, findAreaBySlug } from '../areas/areas.service.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, seededApp, type TestDb } from '../../testing/harness.ts';
import { withArea } from '../../db/db.ts';
import { createActivity, londonToUtc, setActivityStatus, type ActivityInput } from './activities.service.ts';
import { cancelEmailedPlace, cancelMySignup, listSignups, signUp } from './signups.service.ts';
import { hashToken } from '../../lib/tokens.ts';
import { translator } from '../../lib/messages/messages.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let areaId: string;
let parentId: string;

const A = '/a/riverside';
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function meeting(title: string, days = 30): ActivityInput {
  return {
    organisationId: null,
    title,
    purpose: 'Tell us about short breaks.',
    easyReadPurpose: '',
    type: 'meeting',
    level: 'strategic',
    stage: 'review',
    services: [],
    audience: 'parent_carers',
    ageBands: [],
    startsAt: londonToUtc(daysAhead(days), '18:30'),
    endsAt: londonToUtc(daysAhead(days), '20:00'),
    venueKind: 'online',
    venueName: '',
    venueAddress: '',
    joiningInstructions: '',
    venueAccessRecorded: false,
    venueAccess: [],
    questionsShared: false,
    adjustmentsOffered: [],
    interpreterLanguages: '',
    groundRules: [],
    contactName: 'Jess Patel',
    contactEmail: 'jess@riverside.example',
    contactPhone: '',
    childrenMode: false,
  };
}

async function openMeeting(title: string, area = areaId, days = 30): Promise<string> {
  const created = await createActivity(t.db, area, null, meeting(title, days));
  await setActivityStatus(t.db, area, null, created.id, 'open');
  return created.id;
}

before(async () => {
  ({ t, app, close } = await seededApp({ config: { baseUrl: 'http://chorus.test' } }));
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  parentId = (await t.db.selectFrom('account').select('id').where('email', '=', 'parent@riverside.example').executeTakeFirstOrThrow()).id;
});
after(() => close());

const cancelledAt = async (activityId: string) =>
  (await t.owner.selectFrom('activity_signup').select(['name', 'cancelled_at', 'account_id']).where('activity_id', '=', activityId).orderBy('created_at').execute());

test('the sign-up form is filled in for someone signed in, and the place is theirs; signed out, it is empty', async () => {
  const id = await openMeeting('Filled-in evening');
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  const form = readPage((await parent.get(`${A}/take-part/${id}/sign-up`)).body);
  assert.equal(form.valueOf('Your first name or a nickname'), 'Lou', 'the first name: the form asks for no more');
  assert.equal(form.valueOf('Email address'), 'parent@riverside.example');
  const sent = await parent.post(`${A}/take-part/${id}/sign-up`, { name: 'Lou', email: 'lou@example.com', phone: '', people: '2', idempotencyKey: 'filled-in-evening-lou-1' });
  assert.equal(sent.statusCode, 303);
  assert.deepEqual((await cancelledAt(id)).map((r) => [r.name, r.account_id]), [['Lou', parentId]], 'what they typed, linked to their account');

  const stranger = readPage((await new Client(app).get(`${A}/take-part/${id}/sign-up`)).body);
  assert.equal(stranger.valueOf('Your first name or a nickname'), '');
  assert.equal(stranger.valueOf('Email address'), '');
});

test('only the person who signed up can cancel, after a check; twice is harmless; the lead sees it apart', async () => {
  const id = await openMeeting('Cancelling evening');
  await signUp(t.db, areaId, id, { name: 'Lou', email: 'parent@riverside.example', phone: '', people: 2, adjustments: [], details: '', idempotencyKey: 'cancel-evening-lou', accountId: parentId });
  await signUp(t.db, areaId, id, { name: 'Sol', email: 'sol@example.com', phone: '', people: 1, adjustments: [], details: '', idempotencyKey: 'cancel-evening-sol', accountId: null });

  // Signed out: sent to sign in, nothing cancelled.
  const stranger = new Client(app);
  const asked = await stranger.get(`${A}/take-part/${id}/cancel`);
  assert.equal(asked.statusCode, 303);
  assert.equal(asked.headers.location, `/sign-in?next=${encodeURIComponent(`${A}/take-part/${id}/cancel`)}`);
  await stranger.get(`${A}/take-part/${id}`);
  assert.notEqual((await stranger.post(`${A}/take-part/${id}/cancel`)).statusCode, 200);

  // Someone else signed in: told they have no place, and a hand-made POST cancels nothing.
  const practitioner = new Client(app);
  await practitioner.signIn('practitioner@riverside.example');
  const none = readPage((await practitioner.get(`${A}/take-part/${id}/cancel`)).body);
  assert.equal(none.heading(), 'You have not signed up for this');
  const forced = await practitioner.post(`${A}/take-part/${id}/cancel`);
  assert.equal(forced.headers.location, `${A}/take-part/${id}/cancel`);
  assert.deepEqual((await cancelledAt(id)).map((r) => r.cancelled_at), [null, null]);

  // The person: a check first, then cancelled; a second press says the same and changes nothing.
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  const check = readPage((await parent.get(`${A}/take-part/${id}/cancel`)).body);
  assert.equal(check.heading(), 'Cancel your place at Cancelling evening?');
  assert.ok(check.getByRole('button', { name: 'Yes, cancel my place' }));
  assert.deepEqual((await cancelledAt(id)).map((r) => r.cancelled_at), [null, null], 'looking is not cancelling');
  const done = await parent.post(`${A}/take-part/${id}/cancel`);
  assert.equal(done.headers.location, `${A}/your-page`);
  const page = readPage((await parent.get(`${A}/your-page`)).body);
  assert.equal(page.flash(), 'You have cancelled your place at Cancelling evening.');
  const [lou, sol] = await cancelledAt(id);
  assert.ok(lou!.cancelled_at instanceof Date);
  assert.equal(sol!.cancelled_at, null, 'nobody else’s place');
  await parent.get(`${A}/take-part/${id}/cancel`);
  const again = await parent.post(`${A}/take-part/${id}/cancel`);
  assert.equal(again.headers.location, `${A}/your-page`);
  assert.equal((await cancelledAt(id))[0]!.cancelled_at!.getTime(), lou!.cancelled_at!.getTime(), 'the first cancellation stands');
  assert.equal(await cancelMySignup(t.db, areaId, id, parentId), 'already');

  // The lead: one person coming, Lou apart with when; the cancellation audited once.
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const list = readPage((await lead.get(`${A}/activities/${id}/sign-ups`)).body);
  assert.ok(list.getByText('1 person is coming (1 sign-ups)'));
  assert.ok(list.getByRole('heading', { level: 2, name: 'Cancelled (1)' }));
  assert.ok(list.getByRole('heading', { level: 3, name: 'Lou' }));
  const leadId = (await t.db.selectFrom('account').select('id').where('email', '=', 'lead@riverside.example').executeTakeFirstOrThrow()).id;
  const listed = await listSignups(t.db, leadId, areaId, id);
  assert.deepEqual([listed.signups.map((s) => s.name), listed.cancelled.map((s) => s.name), listed.people], [['Sol'], ['Lou'], 1]);
  const audited = await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select(['action', 'actor_account_id']).where('action', '=', 'signup.cancelled').where('subject_id', '=', id).execute());
  assert.deepEqual(audited, [{ action: 'signup.cancelled', actor_account_id: parentId }]);
});

test('a finished activity, and another area’s activity, cannot be cancelled through this area', async () => {
  const id = await openMeeting('Soon over');
  await signUp(t.db, areaId, id, { name: 'Lou', email: 'parent@riverside.example', phone: '', people: 1, adjustments: [], details: '', idempotencyKey: 'soon-over-lou', accountId: parentId });
  const later = new Date(Date.now() + 40 * 86_400_000);
  assert.equal(await cancelMySignup(t.db, areaId, id, parentId, later), 'none', 'after the activity, a place is history, not something to cancel');

  const nv = await createArea(t.db, { slug: 'north-vale-signups', name: 'North Vale', contactEmail: 'hello@northvale.example' });
  const theirs = await openMeeting('North Vale evening', nv.id);
  await signUp(t.db, nv.id, theirs, { name: 'Lou', email: 'parent@riverside.example', phone: '', people: 1, adjustments: [], details: '', idempotencyKey: 'north-vale-lou', accountId: parentId });
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  assert.equal((await parent.get(`${A}/take-part/${theirs}/cancel`)).statusCode, 404);
  await parent.get(`${A}/your-page`);
  assert.equal((await parent.post(`${A}/take-part/${theirs}/cancel`)).statusCode, 404);
  assert.equal((await t.owner.selectFrom('activity_signup').select('cancelled_at').where('activity_id', '=', theirs).executeTakeFirstOrThrow()).cancelled_at, null);
  assert.doesNotMatch((await parent.get(`${A}/your-page`)).body, /North Vale evening/, 'another area’s place is not on this area’s page');
});

/** Signs up signed out through the form; returns the browser, its form token and the email sent (if any). */
async function signUpSignedOut(id: string, fields: { name: string; email: string; phone?: string }, key: string) {
  const person = new Client(app);
  await person.get(`${A}/take-part/${id}/sign-up`);
  const csrf = person.csrf();
  const sent = await person.post(`${A}/take-part/${id}/sign-up`, { name: fields.name, email: fields.email, phone: fields.phone ?? '', people: '1', idempotencyKey: key });
  assert.equal(sent.statusCode, 303);
  const page = readPage((await person.get(sent.headers.location as string)).body);
  const emails = fields.email ? await t.owner.selectFrom('outbox_message').select(['subject', 'body']).where('recipient', '=', fields.email).execute() : [];
  return { person, csrf, page, emails };
}

const linkIn = (body: string) => /If you cannot come, cancel your place: (\S+)/.exec(body)?.[1];

test('signed out with an email: the email says what and when, with a link to cancel; only its hash is kept; the link works once', async () => {
  const id = await openMeeting('Emailed evening');
  const { person, csrf, page, emails } = await signUpSignedOut(id, { name: 'Ravi', email: 'ravi@example.com' }, 'emailed-evening-ravi-1');
  assert.equal(page.flash(), 'We have sent you an email with a link to cancel your place if you cannot come.');
  assert.equal(emails.length, 1, 'one email, sent straight away');
  assert.equal(emails[0]!.subject, 'You are signed up for Emailed evening');
  assert.match(emails[0]!.body, /Hello Ravi/);
  assert.match(emails[0]!.body, /6:30pm to 8pm/);
  assert.match(emails[0]!.body, /Online/i);
  const link = linkIn(emails[0]!.body)!;
  assert.ok(link.startsWith(`http://chorus.test${A}/take-part/cancel/`), link);
  const token = link.split('/').pop()!;
  assert.match(token, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
  const row = await t.owner.selectFrom('activity_signup').selectAll().where('activity_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.cancel_token_hash, hashToken(token), 'the hash is kept');
  assert.ok(!JSON.stringify(row).includes(token), 'the secret itself is not');
  const queued = await t.owner.selectFrom('queued_message').select(['body', 'status']).where('purpose', '=', 'signup_confirmation').execute();
  assert.ok(queued.every((q) => !q.body.includes(token)), 'the queue forgets the words once sent');

  // The link: a check first; looking is not cancelling.
  const path = new URL(link).pathname;
  const check = readPage((await person.get(path)).body);
  assert.equal(check.heading(), 'Cancel your place at Emailed evening?');
  assert.ok(check.getByRole('button', { name: 'Yes, cancel my place' }));
  assert.equal((await cancelledAt(id))[0]!.cancelled_at, null);

  // Cancelled once; the same link again changes nothing and says so.
  const done = await person.post(path, {}, { csrf });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, path);
  const after = readPage((await person.get(path)).body);
  assert.equal(after.heading(), 'You have cancelled your place');
  assert.ok(after.getByText('You have cancelled your place at Emailed evening.'));
  assert.equal(after.queryByRole('button', { name: 'Yes, cancel my place' }), null, 'nothing left to press');
  const first = (await cancelledAt(id))[0]!.cancelled_at!;
  assert.ok(first instanceof Date);
  assert.equal((await person.post(path, {}, { csrf })).statusCode, 303);
  assert.equal((await cancelledAt(id))[0]!.cancelled_at!.getTime(), first.getTime(), 'the first cancellation stands');
  const audited = await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select(['action', 'actor_account_id']).where('action', '=', 'signup.cancelled').where('subject_id', '=', id).execute());
  assert.deepEqual(audited, [{ action: 'signup.cancelled', actor_account_id: null }], 'audited once');

  // The lead sees it apart, as any cancelled place.
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  const list = readPage((await lead.get(`${A}/activities/${id}/sign-ups`)).body);
  assert.ok(list.getByRole('heading', { level: 2, name: 'Cancelled (1)' }));
  assert.ok(list.getByRole('heading', { level: 3, name: 'Ravi' }));
});

test('no email given, or signed in: no email, no link, and the page promises none', async () => {
  const id = await openMeeting('Phone-only evening');
  const { page } = await signUpSignedOut(id, { name: 'Ana', email: '', phone: '07700 900123' }, 'phone-only-evening-ana');
  assert.equal(page.flash(), null);
  assert.doesNotMatch(page.text('body'), /We have sent you an email/);
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  await parent.get(`${A}/take-part/${id}/sign-up`);
  await parent.post(`${A}/take-part/${id}/sign-up`, { name: 'Lou', email: 'lou.phone-only@example.com', phone: '', people: '1', idempotencyKey: 'phone-only-evening-lou' });
  assert.equal(readPage((await parent.get(`${A}/take-part/${id}/signed-up`)).body).flash(), null);
  const rows = await t.owner.selectFrom('activity_signup').select(['name', 'cancel_token_hash']).where('activity_id', '=', id).orderBy('created_at').execute();
  assert.deepEqual(rows, [{ name: 'Ana', cancel_token_hash: null }, { name: 'Lou', cancel_token_hash: null }]);
  assert.equal((await t.owner.selectFrom('outbox_message').select('id').where('recipient', '=', 'lou.phone-only@example.com').execute()).length, 0);
});

test('a wrong, hostile, another area’s or finished activity’s link gets the same kind page, and cancels nothing', async () => {
  const id = await openMeeting('Guarded evening');
  const { person, csrf, emails } = await signUpSignedOut(id, { name: 'Kit', email: 'kit@example.com' }, 'guarded-evening-kit');
  const token = linkIn(emails[0]!.body)!.split('/').pop()!;
  const hostile = [
    'x'.repeat(43),
    `${token}x`,
    encodeURIComponent("' or 1=1 --"),
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    encodeURIComponent('<script>😀</script>'),
    'a'.repeat(199),
  ];
  for (const bad of hostile) {
    const seen = await person.get(`${A}/take-part/cancel/${bad}`);
    assert.equal(seen.statusCode, 404, bad);
    assert.equal(readPage(seen.body).heading(), 'This link does not work', bad);
    const forced = await person.post(`${A}/take-part/cancel/${bad}`, {}, { csrf });
    assert.equal(forced.statusCode, 404, bad);
  }
  // Longer than any address part the router takes: refused before it reaches the page, never a 500.
  assert.equal((await person.get(`${A}/take-part/cancel/${'a'.repeat(3000)}`)).statusCode, 400);
  assert.equal((await cancelledAt(id))[0]!.cancelled_at, null, 'nothing cancelled');

  // Another area's link, through this area: the same page; their place stands.
  const nv = await createArea(t.db, { slug: 'north-vale-links', name: 'North Vale', contactEmail: 'hello@northvale.example' });
  const theirs = await openMeeting('North Vale links evening', nv.id);
  let theirLink = '';
  await signUp(t.db, nv.id, theirs, { name: 'Kit', email: 'kit@example.com', phone: '', people: 1, adjustments: [], details: '', idempotencyKey: 'north-vale-links-kit', accountId: null }, new Date(), {
    t: translator('en'), lang: 'en', areaName: 'North Vale', cancelUrl: (secret) => (theirLink = `http://chorus.test/a/north-vale-links/take-part/cancel/${secret}`),
  });
  const theirToken = theirLink.split('/').pop()!;
  assert.equal((await person.get(`${A}/take-part/cancel/${theirToken}`)).statusCode, 404);
  assert.equal((await person.post(`${A}/take-part/cancel/${theirToken}`, {}, { csrf })).statusCode, 404);
  assert.equal((await t.owner.selectFrom('activity_signup').select('cancelled_at').where('activity_id', '=', theirs).executeTakeFirstOrThrow()).cancelled_at, null);

  // After the activity, the link is history: nothing to cancel.
  const later = new Date(Date.now() + 40 * 86_400_000);
  assert.equal(await cancelEmailedPlace(t.db, areaId, token, later), 'none');
  assert.equal((await cancelledAt(id))[0]!.cancelled_at, null);

  // Guessing is limited: after 20 tries in ten minutes, the next is refused.
  let refused = false;
  for (let i = 0; i < 25 && !refused; i += 1) refused = (await person.get(`${A}/take-part/cancel/${'y'.repeat(43)}`)).statusCode === 429;
  assert.ok(refused, 'the link is rate-limited');
});
