/**
 * Journeys of the accounts module as a person would take them: demo sign-ins, password reset and
 * email sign-in links from the outbox, invitations, role changes, and their audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_ACCOUNTS } from '../../db/seed.ts';
import { Client, DEMO_PASSWORD, errorSummary, h1, lastMessageTo, seededApp, type TestDb } from '../../testing/harness.ts';

let t: TestDb;
let app: FastifyInstance;
let close: () => Promise<void>;
before(async () => ({ t, app, close } = await seededApp({ config: { baseUrl: 'http://chorus.test' } })));
after(() => close());

const linkIn = (body: string) => /http:\/\/chorus\.test(\/\S+)/.exec(body)?.[1];

test('each demo account signs in and sees its roles', async () => {
  for (const account of DEMO_ACCOUNTS) {
    const client = new Client(app);
    await client.signIn(account.email);
    const page = await client.get('/account');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Signed in as ${account.displayName}`));
    if (account.role === 'operator') assert.match(page.body, /Manage areas/);
    else assert.match(page.body, /Riverside SEND Partnership/);
  }
});

test('sign-in form: empty fields get GOV.UK error messages in order', async () => {
  const client = new Client(app);
  await client.get('/sign-in');
  const response = await client.post('/sign-in', { email: '', password: '' });
  assert.equal(response.statusCode, 422);
  assert.deepEqual(errorSummary(response.body), ['#email Enter your email address', '#password Enter your password']);
  const bad = await client.post('/sign-in', { email: 'not an email', password: 'x' });
  assert.deepEqual(errorSummary(bad.body), ['#email Enter an email address in the correct format, like name@example.com']);
  assert.match(bad.body, /value="not an email"/, 'what was typed is kept');
});

test('password reset: the emailed link works once, refuses weak passwords and ends other sessions', async () => {
  const other = new Client(app);
  await other.signIn('lead@riverside.example');

  const client = new Client(app);
  await client.get('/password-reset');
  const sent = await client.post('/password-reset', { email: 'Lead@Riverside.example' });
  assert.equal(h1(sent.body), 'Check your email');
  const link = linkIn((await lastMessageTo(t.db, 'lead@riverside.example'))!.body)!;
  assert.match(link, /^\/password-reset\/[A-Za-z0-9_-]+$/);

  await client.get(link);
  const short = await client.post(link, { password: 'short', confirmPassword: 'short' });
  assert.deepEqual(errorSummary(short.body), ['#password Password must be 12 characters or more']);
  assert.doesNotMatch(short.body, /value="short"/, 'passwords are never echoed back');
  const common = await client.post(link, { password: 'passwordpassword', confirmPassword: 'passwordpassword' });
  assert.deepEqual(errorSummary(common.body), ['#password Choose a password that is harder to guess: this one is on a list of common passwords']);
  const mismatch = await client.post(link, { password: 'a-brand-new-long-phrase', confirmPassword: 'something else entirely' });
  assert.deepEqual(errorSummary(mismatch.body), ['#confirmPassword Passwords must match']);
  const done = await client.post(link, { password: 'a-brand-new-long-phrase', confirmPassword: 'a-brand-new-long-phrase' });
  assert.equal(h1(done.body), 'Your password has been changed');

  assert.equal((await other.get('/account')).statusCode, 303, 'the other session was ended');
  assert.equal((await client.get(link)).statusCode, 410, 'the link works once');
  const signIn = new Client(app);
  await signIn.signIn('lead@riverside.example', 'a-brand-new-long-phrase');
});

test('asking for a reset for an unknown address looks the same and sends nothing', async () => {
  const client = new Client(app);
  await client.get('/password-reset');
  const response = await client.post('/password-reset', { email: 'nobody@nowhere.example' });
  assert.equal(h1(response.body), 'Check your email');
  assert.equal(await lastMessageTo(t.db, 'nobody@nowhere.example'), undefined);
});

test('email sign-in link: a button on the page signs the parent in, and the link works once', async () => {
  const client = new Client(app);
  await client.get('/sign-in/email-link');
  await client.post('/sign-in/email-link', { email: 'parent@riverside.example' });
  const link = linkIn((await lastMessageTo(t.db, 'parent@riverside.example'))!.body)!;
  const confirm = await client.get(link);
  assert.equal(h1(confirm.body), 'Sign in to Chorus');
  assert.equal((await client.get('/account')).statusCode, 303, 'opening the link alone does not sign in');
  const signedIn = await client.post(link);
  assert.equal(signedIn.statusCode, 303);
  assert.match((await client.get('/account')).body, /Signed in as Lou Davies/);
  const again = new Client(app);
  await again.get('/sign-in');
  assert.equal((await again.post(link)).statusCode, 410);
});

test('an admin invites someone; they accept with a name and password, join with that role, and it is audited', async () => {
  const admin = new Client(app);
  await admin.signIn('admin@riverside.example');
  await admin.get('/a/riverside/manage/invitations');
  const empty = await admin.post('/a/riverside/manage/invitations', { email: '', displayName: '', role: '' });
  assert.deepEqual(errorSummary(empty.body), ['#displayName Enter a name', '#email Enter their email address', '#role Select a role']);
  const sent = await admin.post('/a/riverside/manage/invitations', { email: 'new.sendco@riverside.example', displayName: 'Nia Evans', role: 'practitioner', organisationId: '' });
  assert.equal(sent.statusCode, 303);

  const link = linkIn((await lastMessageTo(t.db, 'new.sendco@riverside.example'))!.body)!;
  const invitee = new Client(app);
  const page = await invitee.get(link);
  assert.equal(h1(page.body), 'Join Riverside SEND Partnership on Chorus');
  const weak = await invitee.post(link, { displayName: 'Nia Evans', password: 'short' });
  assert.equal(weak.statusCode, 422);
  assert.match(weak.body, /value="Nia Evans"/);
  const accepted = await invitee.post(link, { displayName: 'Nia Evans', password: 'rivers-and-bridges-2026' });
  assert.equal(accepted.statusCode, 303);
  assert.equal((await invitee.get('/a/riverside/manage')).statusCode, 200, 'practitioners reach the staff pages');
  assert.equal((await invitee.get('/a/riverside/manage/members')).statusCode, 403, 'but not the admin ones');
  assert.equal((await new Client(app).get(link)).statusCode, 410, 'the invitation works once');

  const audit = await admin.get('/a/riverside/manage/audit');
  assert.match(audit.body, /Sent an invitation \(Practitioner\)/);
  assert.match(audit.body, /Accepted an invitation \(Practitioner\)/);
});

test('changing roles is audited, and the last area admin cannot remove their own admin role', async () => {
  const admin = new Client(app);
  await admin.signIn('admin@riverside.example');
  const adminId = (await t.owner.selectFrom('account').select('id').where('email', '=', 'admin@riverside.example').executeTakeFirstOrThrow()).id;
  await admin.get(`/a/riverside/manage/members/${adminId}`);
  const refused = await admin.post(`/a/riverside/manage/members/${adminId}`, { roles: 'participation_lead' });
  assert.equal(refused.statusCode, 422);
  assert.deepEqual(errorSummary(refused.body), ['#roles You cannot remove the last area admin. Invite another admin first.']);

  const parentId = (await t.owner.selectFrom('account').select('id').where('email', '=', 'parent@riverside.example').executeTakeFirstOrThrow()).id;
  await admin.get(`/a/riverside/manage/members/${parentId}`);
  const changed = await admin.post(`/a/riverside/manage/members/${parentId}`, { roles: ['parent_carer', 'supporter'] });
  assert.equal(changed.statusCode, 303);
  const roles = await t.owner.selectFrom('area_membership').select('role').where('account_id', '=', parentId).orderBy('role').execute();
  assert.deepEqual(roles.map((r) => r.role), ['parent_carer', 'supporter']);
  const hostile = await admin.post(`/a/riverside/manage/members/${parentId}`, { roles: ['operator'] });
  assert.equal(hostile.statusCode, 422, 'a role that does not exist is refused');
  assert.match((await admin.get('/a/riverside/manage/audit')).body, /Changed roles/);
});

test('sign-ins, failed and successful, are recorded for the security officer', async () => {
  const client = new Client(app);
  await client.get('/sign-in');
  await client.post('/sign-in', { email: 'decision-maker@riverside.example', password: 'wrong-wrong-wrong' });
  await client.post('/sign-in', { email: 'decision-maker@riverside.example', password: DEMO_PASSWORD });
  const events = await t.owner.selectFrom('security_event').select('kind').where('email', '=', 'decision-maker@riverside.example').execute();
  assert.ok(events.some((e) => e.kind === 'sign_in_failed'));
  const account = await t.owner.selectFrom('account').select('id').where('email', '=', 'decision-maker@riverside.example').executeTakeFirstOrThrow();
  const ok = await t.owner.selectFrom('security_event').select('kind').where('account_id', '=', account.id).where('kind', '=', 'sign_in_succeeded').execute();
  assert.ok(ok.length >= 1);
});

test('your account page shows your recent sign-in activity, failed attempts included, and nobody else\'s', async () => {
  const client = new Client(app);
  await client.get('/sign-in');
  await client.post('/sign-in', { email: 'practitioner@riverside.example', password: 'someone-guessing-here' });
  await client.signIn('practitioner@riverside.example');
  const page = (await client.get('/account')).body;
  assert.match(page, /Recent sign-in activity/);
  assert.match(page, /Failed sign-in attempt/);
  assert.match(page, /Signed in/);
  const other = new Client(app);
  await other.signIn('parent@riverside.example');
  assert.doesNotMatch((await other.get('/account')).body, /Failed sign-in attempt/);
});
