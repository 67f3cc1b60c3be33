/**
 * Journeys of the accounts module as a person would take them: demo sign-ins, password reset and
 * email sign-in links from the outbox, invitations, role changes, and their audit trail.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_ACCOUNTS } from '../../seed/seed.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, DEMO_PASSWORD, lastMessageTo, seededApp, type TestDb } from '../../testing/harness.ts';

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
    const response = await client.get('/account');
    assert.equal(response.statusCode, 200);
    const page = readPage(response.body);
    assert.ok(page.getByRole('link', { name: `Signed in as ${account.displayName}` }));
    if (account.role === 'operator') assert.ok(page.getByRole('link', { name: 'Manage areas' }));
    else assert.ok(page.getByRole('link', { name: 'Riverside SEND Partnership' }));
  }
});

test('sign-in form: empty fields get GOV.UK error messages in order', async () => {
  const client = new Client(app);
  await client.get('/sign-in');
  const response = await client.post('/sign-in', { email: '', password: '' });
  assert.equal(response.statusCode, 422);
  assert.deepEqual(readPage(response.body).errorLinks(), ['#email Enter your email address', '#password Enter your password']);
  const bad = readPage((await client.post('/sign-in', { email: 'not an email', password: 'x' })).body);
  assert.deepEqual(bad.errorLinks(), ['#email Enter an email address in the correct format, like name@example.com']);
  assert.equal(bad.valueOf('Email address'), 'not an email', 'what was typed is kept');
});

test('password reset: the emailed link works once, refuses weak passwords and ends other sessions', async () => {
  const other = new Client(app);
  await other.signIn('lead@riverside.example');

  const client = new Client(app);
  await client.get('/password-reset');
  const sent = await client.post('/password-reset', { email: 'Lead@Riverside.example' });
  assert.equal(readPage(sent.body).heading(), 'Check your email');
  const link = linkIn((await lastMessageTo(t.db, 'lead@riverside.example'))!.body)!;
  assert.match(link, /^\/password-reset\/[A-Za-z0-9_-]+$/);

  await client.get(link);
  const short = readPage((await client.post(link, { password: 'short', confirmPassword: 'short' })).body);
  assert.deepEqual(short.errorLinks(), ['#password Password must be 12 characters or more']);
  assert.deepEqual([short.valueOf('New password'), short.valueOf('Type the new password again')], ['', ''], 'passwords are never echoed back');
  const common = await client.post(link, { password: 'passwordpassword', confirmPassword: 'passwordpassword' });
  assert.deepEqual(readPage(common.body).errorLinks(), ['#password Choose a password that is harder to guess: this one is on a list of common passwords']);
  const mismatch = await client.post(link, { password: 'a-brand-new-long-phrase', confirmPassword: 'something else entirely' });
  assert.deepEqual(readPage(mismatch.body).errorLinks(), ['#confirmPassword Passwords must match']);
  const done = await client.post(link, { password: 'a-brand-new-long-phrase', confirmPassword: 'a-brand-new-long-phrase' });
  assert.equal(readPage(done.body).heading(), 'Your password has been changed');

  assert.equal((await other.get('/account')).statusCode, 303, 'the other session was ended');
  assert.equal((await client.get(link)).statusCode, 410, 'the link works once');
  const signIn = new Client(app);
  await signIn.signIn('lead@riverside.example', 'a-brand-new-long-phrase');
});

test('asking for a reset for an unknown address looks the same and sends nothing', async () => {
  const client = new Client(app);
  await client.get('/password-reset');
  const response = await client.post('/password-reset', { email: 'nobody@nowhere.example' });
  assert.equal(readPage(response.body).heading(), 'Check your email');
  assert.equal(await lastMessageTo(t.db, 'nobody@nowhere.example'), undefined);
});

test('email sign-in link: a button on the page signs the parent in, and the link works once', async () => {
  const client = new Client(app);
  await client.get('/sign-in/email-link');
  await client.post('/sign-in/email-link', { email: 'parent@riverside.example' });
  const link = linkIn((await lastMessageTo(t.db, 'parent@riverside.example'))!.body)!;
  const confirm = readPage((await client.get(link)).body);
  assert.equal(confirm.heading(), 'Sign in to Chorus');
  assert.ok(confirm.getByRole('button', { name: 'Sign me in' }));
  assert.equal((await client.get('/account')).statusCode, 303, 'opening the link alone does not sign in');
  const signedIn = await client.post(link);
  assert.equal(signedIn.statusCode, 303);
  assert.ok(readPage((await client.get('/account')).body).getByRole('link', { name: 'Signed in as Lou Davies' }));
  const again = new Client(app);
  await again.get('/sign-in');
  assert.equal((await again.post(link)).statusCode, 410);
});

test('an admin invites someone; they accept with a name and password, join with that role, and it is audited', async () => {
  const admin = new Client(app);
  await admin.signIn('admin@riverside.example');
  await admin.get('/a/riverside/manage/invitations');
  const empty = await admin.post('/a/riverside/manage/invitations', { email: '', displayName: '', role: '' });
  assert.deepEqual(readPage(empty.body).errorLinks(), ['#displayName Enter a name', '#email Enter their email address', '#role Select a role']);
  const sent = await admin.post('/a/riverside/manage/invitations', { email: 'new.sendco@riverside.example', displayName: 'Nia Evans', role: 'practitioner', organisationId: '' });
  assert.equal(sent.statusCode, 303);

  const link = linkIn((await lastMessageTo(t.db, 'new.sendco@riverside.example'))!.body)!;
  const invitee = new Client(app);
  const page = await invitee.get(link);
  assert.equal(readPage(page.body).heading(), 'Join Riverside SEND Partnership on Chorus');
  const weak = await invitee.post(link, { displayName: 'Nia Evans', password: 'short' });
  assert.equal(weak.statusCode, 422);
  assert.equal(readPage(weak.body).valueOf('Your name'), 'Nia Evans');
  const accepted = await invitee.post(link, { displayName: 'Nia Evans', password: 'rivers-and-bridges-2026' });
  assert.equal(accepted.statusCode, 303);
  assert.equal((await invitee.get('/a/riverside/manage')).statusCode, 200, 'practitioners reach the staff pages');
  assert.equal((await invitee.get('/a/riverside/manage/members')).statusCode, 403, 'but not the admin ones');
  assert.equal((await new Client(app).get(link)).statusCode, 410, 'the invitation works once');

  const audit = readPage((await admin.get('/a/riverside/manage/audit')).body).tableRows('Audit log').map(([, , what]) => what);
  assert.ok(audit.includes('Sent an invitation (Practitioner)'), audit.join('; '));
  assert.ok(audit.includes('Accepted an invitation (Practitioner)'), audit.join('; '));
});

test('changing roles is audited, and the last area admin cannot remove their own admin role', async () => {
  const admin = new Client(app);
  await admin.signIn('admin@riverside.example');
  const adminId = (await t.owner.selectFrom('account').select('id').where('email', '=', 'admin@riverside.example').executeTakeFirstOrThrow()).id;
  await admin.get(`/a/riverside/manage/members/${adminId}`);
  const refused = await admin.post(`/a/riverside/manage/members/${adminId}`, { roles: 'participation_lead' });
  assert.equal(refused.statusCode, 422);
  assert.deepEqual(readPage(refused.body).errorLinks(), ['#roles You cannot remove the last area admin. Invite another admin first.']);

  const parentId = (await t.owner.selectFrom('account').select('id').where('email', '=', 'parent@riverside.example').executeTakeFirstOrThrow()).id;
  await admin.get(`/a/riverside/manage/members/${parentId}`);
  const changed = await admin.post(`/a/riverside/manage/members/${parentId}`, { roles: ['parent_carer', 'supporter'] });
  assert.equal(changed.statusCode, 303);
  const roles = await t.owner.selectFrom('area_membership').select('role').where('account_id', '=', parentId).orderBy('role').execute();
  assert.deepEqual(roles.map((r) => r.role), ['parent_carer', 'supporter']);
  const hostile = await admin.post(`/a/riverside/manage/members/${parentId}`, { roles: ['operator'] });
  assert.equal(hostile.statusCode, 422, 'a role that does not exist is refused');
  const audit = readPage((await admin.get('/a/riverside/manage/audit')).body).tableRows('Audit log').map(([, , what]) => what);
  assert.ok(audit.includes('Changed roles'), audit.join('; '));
});

test('sign-ins, failed and successful, are recorded for the security officer', async () => {
  const email = 'decision-maker@riverside.example';
  const account = await t.owner.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  // Counted before and after, so what other tests did to this account cannot make this pass.
  const events = () => t.owner
    .selectFrom('security_event')
    .select(['kind', 'email', 'ip'])
    .where((eb) => eb.or([eb('account_id', '=', account.id), eb('email', '=', email)]))
    .orderBy('at')
    .execute();
  const before = (await events()).length;
  const client = new Client(app);
  await client.get('/sign-in');
  await client.post('/sign-in', { email, password: 'wrong-wrong-wrong' });
  await client.post('/sign-in', { email, password: DEMO_PASSWORD });
  const added = (await events()).slice(before);
  assert.deepEqual(added.map((e) => e.kind), ['sign_in_failed', 'sign_in_succeeded']);
  assert.equal(added[0]!.email, email, 'the failure is recorded against the address that was tried');
  assert.ok(added.every((e) => e.ip), 'and where each came from');
});

test('your account page shows your recent sign-in activity, failed attempts included, and nobody else\'s', async () => {
  const email = 'practitioner@riverside.example';
  const account = await t.owner.selectFrom('account').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  // A clean history, so the table must hold exactly what happens here.
  await t.owner.deleteFrom('security_event').where((eb) => eb.or([eb('account_id', '=', account.id), eb('email', '=', email)])).execute();
  const client = new Client(app);
  await client.get('/sign-in');
  await client.post('/sign-in', { email, password: 'someone-guessing-here' });
  // Someone else's failed attempt in between, from the same address: it must not appear.
  const other = new Client(app);
  await other.get('/sign-in');
  await other.post('/sign-in', { email: 'lead@riverside.example', password: 'someone-else-guessing' });
  await client.signIn(email);
  const rows = readPage((await client.get('/account')).body).tableRows('Recent sign-in activity');
  assert.deepEqual(rows.map(([, what]) => what), ['Signed in', 'Failed sign-in attempt'], 'newest first, and only this account\'s');
  assert.ok(rows.every(([when, , from]) => when && from === '127.0.0.1'), 'each with when and where from');

  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  const theirs = readPage((await parent.get('/account')).body).tableRows('Recent sign-in activity').map(([, what]) => what);
  assert.ok(theirs.includes('Signed in'));
  assert.ok(!theirs.includes('Failed sign-in attempt'), theirs.join('; '));
});
