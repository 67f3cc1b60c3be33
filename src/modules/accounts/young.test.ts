/**
 * A young person's own way in (issue 17 §1), as staff, young people, parent carers and attackers meet
 * it: a young person is an account with no email; their code is shown once and only its hash kept;
 * signing in with the code and three pictures in order; wrong pictures and unknown codes get the same
 * message; five wrong pictures pause a code (a right answer too) ; a parent carer sees an under-13's
 * My Chorus, and loses it at once when a 13+ young person says no; others get 404; the set-up link
 * works once, by POST only, and expires; no 500 on odd input.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { withArea } from '../../db/db.ts';
import { Client, lastMessageTo, seededApp, type TestDb } from '../../testing/harness.ts';
import { testActivity } from '../../testing/activities.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { createActivity } from '../activities/activities.service.ts';
import { findAreaBySlug } from '../areas/areas.service.ts';
import { parseMemberCode } from '../panels/index.ts';
import { youngCodeHash } from './young-core.ts';
import { createYoungPerson, DEMO_PICTURES, giveYoungCode, linkGuardian, PICTURE_FAILURES, recordParentsChoice, setPictures, tookPart } from './young.service.ts';

let app: FastifyInstance;
let t: TestDb;
let close: () => Promise<void>;
let areaId: string;
let lead: Client;

before(async () => {
  ({ app, t, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
});
after(() => close());

/** A browser at its own address (rate limits are per address). */
let nextAddress = 10;
class Browser {
  cookies = new Map<string, string>();
  lastHtml = '';
  readonly address = `198.51.100.${nextAddress++}`;
  private remember(r: LightMyRequestResponse) {
    for (const c of r.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(r.headers['content-type'] ?? '').startsWith('text/html') && r.body.includes('name="_csrf"')) this.lastHtml = r.body;
  }
  private cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string) {
    const r = await app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.cookie() } });
    this.remember(r);
    return r;
  }
  async post(url: string, form: Record<string, string | string[]> = {}) {
    const body = new URLSearchParams();
    body.append('_csrf', /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1] ?? '');
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    const r = await app.inject({ method: 'POST', url, remoteAddress: this.address, payload: body.toString(), headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' } });
    this.remember(r);
    return r;
  }
  /** Types the code, then chooses three pictures. */
  async signIn(code: string, pictures: readonly string[] = DEMO_PICTURES) {
    await this.get('/a/riverside/young/sign-in');
    const step = await this.post('/a/riverside/young/sign-in', { code });
    if (step.statusCode !== 200) return step;
    return this.post('/a/riverside/young/sign-in/pictures', { code, first: pictures[0]!, second: pictures[1]!, third: pictures[2]! });
  }
}

const WRONG = 'That code and those pictures do not match. Try again, or ask the adult who helps you.';
const decode = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

async function youngWithCode(name: string, ageBand = '8_11', thirteenOrOver?: boolean) {
  const ids = await createYoungPerson(t.db, areaId, null, { displayName: name, ageBand, thirteenOrOver });
  const code = await giveYoungCode(t.db, areaId, null, ids.youngPersonId);
  await setPictures(t.db, areaId, null, ids.youngPersonId, DEMO_PICTURES);
  return { ...ids, code };
}

test('staff add a young person: an account with no email address and the young_person role', async () => {
  await lead.get('/a/riverside/young-people/new');
  const missing = await lead.post('/a/riverside/young-people/new', { displayName: '', ageBand: '12_15' });
  assert.equal(missing.statusCode, 422);
  assert.match(decode(missing.body), /Enter their first name/);
  assert.match(decode(missing.body), /Choose yes if they are 13 or older/);
  const created = await lead.post('/a/riverside/young-people/new', { displayName: 'Robin', ageBand: '12_15', thirteen: 'yes' });
  assert.equal(created.statusCode, 303);
  const id = String(created.headers.location).split('/').pop()!;
  const row = await withArea(t.db, areaId, (tx) =>
    tx.selectFrom('young_person as y').innerJoin('account as a', 'a.id', 'y.account_id').innerJoin('area_membership as m', 'm.account_id', 'a.id').select(['a.email', 'a.password_hash', 'm.role', 'y.thirteen_or_over', 'y.age_band']).where('y.id', '=', id).executeTakeFirstOrThrow(),
  );
  assert.deepEqual(row, { email: null, password_hash: null, role: 'young_person', thirteen_or_over: true, age_band: '12_15' });
  const list = await lead.get('/a/riverside/young-people');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Robin/);
  assert.match(list.body, /No code yet/);
});

test('the code card shows the code once; only its hash is kept', async () => {
  const { youngPersonId } = await createYoungPerson(t.db, areaId, null, { displayName: 'Kai', ageBand: '8_11' });
  await lead.get(`/a/riverside/young-people/${youngPersonId}`);
  const card = await lead.post(`/a/riverside/young-people/${youngPersonId}/code`);
  assert.equal(card.statusCode, 200);
  assert.equal(card.headers['cache-control'], 'no-store');
  const code = /data-code>([A-Z0-9-]+)</.exec(card.body)![1]!;
  const stored = await withArea(t.db, areaId, (tx) => tx.selectFrom('young_person').select('code_hash').where('id', '=', youngPersonId).executeTakeFirstOrThrow());
  assert.equal(stored.code_hash, youngCodeHash(parseMemberCode(code)!));
  assert.ok(!stored.code_hash!.includes(code.replace('-', '')));
  const page = await lead.get(`/a/riverside/young-people/${youngPersonId}`);
  assert.ok(!page.body.includes(code));
  assert.match(page.body, /Has a code/);
});

test('signing in with the code and the right pictures opens My Chorus; wrong pictures and unknown codes get one message', async () => {
  const { code, youngPersonId } = await youngWithCode('Alexa');
  const browser = new Browser();
  const right = await browser.signIn(code.toLowerCase().replace('-', ' '));
  assert.equal(right.statusCode, 303);
  assert.equal(right.headers.location, `/a/riverside/young/${youngPersonId}`);
  const my = await browser.get(right.headers.location as string);
  assert.equal(my.statusCode, 200);
  assert.match(my.body, /Hello Alexa/);
  assert.match(my.body, /What I took part in/);
  assert.match(my.body, /Sign out/);
  const account = await browser.get('/account');
  assert.equal(account.statusCode, 200);
  const me = await browser.get('/a/riverside/me');
  assert.equal(me.headers.location, `/a/riverside/young/${youngPersonId}`);
  // The header's "Your page" is their My Chorus too.
  const yours = await browser.get('/a/riverside/your-page');
  assert.equal(yours.headers.location, `/a/riverside/young/${youngPersonId}`);

  const wrongPictures = await new Browser().signIn(code, ['cat', 'dog', 'frog']);
  const unknown = await new Browser().signIn('ABCD-EFGH');
  assert.equal(wrongPictures.statusCode, unknown.statusCode);
  assert.ok(decode(wrongPictures.body).includes(WRONG));
  assert.ok(decode(unknown.body).includes(WRONG));
  const strip = (html: string) => decode(html).replace(/nonce="[^"]+"/g, '').replace(/value="[^"]*"/g, '');
  assert.equal(strip(wrongPictures.body), strip(unknown.body));
});

test('five wrong pictures pause the code, and a right answer is refused until the pause ends', async () => {
  const { code } = await youngWithCode('Sami');
  const browser = new Browser();
  for (let i = 0; i < PICTURE_FAILURES.max; i += 1) assert.equal((await browser.signIn(code, ['cat', 'cat', 'cat'])).statusCode, 422);
  const locked = await new Browser().signIn(code);
  assert.equal(locked.statusCode, 429);
  assert.match(decode(locked.body), /Ask the adult who helps you/);
  assert.equal(locked.cookies.length, 0);
});

test('a parent carer sees an under-13 child; after a 13+ young person says no, the parent gets 404 at once', async () => {
  const child = await youngWithCode('Alex');
  assert.equal(await linkGuardian(t.db, areaId, null, child.youngPersonId, 'parent@riverside.example'), 'linked');
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  const me = await parent.get('/a/riverside/me');
  assert.equal(me.headers.location, '/a/riverside/children');
  const children = await parent.get('/a/riverside/children');
  assert.ok(children.body.includes(`/a/riverside/young/${child.youngPersonId}`));
  // Their own page leads there too.
  assert.match((await parent.get('/a/riverside/your-page')).body, /href="\/a\/riverside\/children"/);
  const page = await parent.get(`/a/riverside/young/${child.youngPersonId}`);
  assert.equal(page.statusCode, 200);
  assert.match(decode(page.body), /You are looking at Alex's pages/);
  // A parent carer cannot make a child's choice.
  await parent.get(`/a/riverside/young/${child.youngPersonId}/settings`);
  assert.equal((await parent.post(`/a/riverside/young/${child.youngPersonId}/settings`, { choice: 'no' })).statusCode, 404);

  const teen = await youngWithCode('Sam', '16_18');
  await linkGuardian(t.db, areaId, null, teen.youngPersonId, 'parent@riverside.example');
  await recordParentsChoice(t.db, areaId, null, teen.youngPersonId, true);
  assert.equal((await parent.get(`/a/riverside/young/${teen.youngPersonId}`)).statusCode, 200);
  const browser = new Browser();
  await browser.signIn(teen.code);
  const settings = await browser.get(`/a/riverside/young/${teen.youngPersonId}/settings`);
  assert.match(settings.body, /Can my parent carers see my pages/);
  const saved = await browser.post(`/a/riverside/young/${teen.youngPersonId}/settings`, { choice: 'no' });
  assert.equal(saved.statusCode, 303);
  assert.equal((await parent.get(`/a/riverside/young/${teen.youngPersonId}`)).statusCode, 404);
  assert.equal((await parent.get(`/a/riverside/young/${teen.youngPersonId}/settings`)).statusCode, 404);
  assert.match(decode((await parent.get('/a/riverside/children')).body), /Sam has chosen to keep their pages to themselves/);

  // Staff record that parents may not see an under-13's pages: the same at once.
  await lead.get(`/a/riverside/young-people/${child.youngPersonId}`);
  assert.equal((await lead.post(`/a/riverside/young-people/${child.youngPersonId}/parents-see`, { choice: 'no' })).statusCode, 303);
  assert.equal((await parent.get(`/a/riverside/young/${child.youngPersonId}`)).statusCode, 404);
  const under13 = new Browser();
  await under13.signIn(child.code);
  // The page says what the code does: staff recorded no, so it does not say a parent carer can see.
  const settingsPage = decode((await under13.get(`/a/riverside/young/${child.youngPersonId}/settings`)).body);
  assert.match(settingsPage, /Your parent carers cannot see your pages/);
  assert.doesNotMatch(settingsPage, /Your parent carer can see your pages/);
});

test('another young person and staff get 404 on someone else’s My Chorus', async () => {
  const one = await youngWithCode('Jo');
  const two = await youngWithCode('Mo');
  const browser = new Browser();
  await browser.signIn(two.code);
  for (const path of ['', '/settings']) {
    assert.equal((await browser.get(`/a/riverside/young/${one.youngPersonId}${path}`)).statusCode, 404);
    assert.equal((await lead.get(`/a/riverside/young/${one.youngPersonId}${path}`)).statusCode, 404);
  }
  assert.equal((await lead.get('/a/riverside/young/not-an-id')).statusCode, 404);
  // Staff pages are staff's: a young person signed in cannot open them.
  assert.equal((await browser.get('/a/riverside/young-people')).statusCode, 403);
});

test('a set-up link works once, by POST only, and expires', async () => {
  const child = await youngWithCode('Lou', '5_7');
  await lead.get(`/a/riverside/young-people/${child.youngPersonId}`);
  const sent = await lead.post(`/a/riverside/young-people/${child.youngPersonId}/parents`, { email: 'new.parent@example.com' });
  assert.equal(sent.statusCode, 303);
  const email = await lastMessageTo(t.db, 'new.parent@example.com');
  const token = /young\/set-up\/([A-Za-z0-9_-]+)/.exec(email!.body)![1]!;
  const url = `/a/riverside/young/set-up/${token}`;
  const browser = new Browser();
  const open = await browser.get(url);
  assert.equal(open.statusCode, 200);
  // Opening it (as a mail scanner does) changes nothing.
  assert.equal((await browser.get(url)).statusCode, 200);
  const used = await browser.post(url, { displayName: 'Lou’s mum' });
  assert.equal(used.statusCode, 303);
  assert.equal(used.headers.location, '/a/riverside/children');
  const children = await browser.get('/a/riverside/children');
  assert.ok(children.body.includes(`/a/riverside/young/${child.youngPersonId}`));
  const managed = await withArea(t.db, areaId, (tx) => tx.selectFrom('young_person').select('managed_by').where('id', '=', child.youngPersonId).executeTakeFirstOrThrow());
  assert.ok(managed.managed_by);
  assert.equal((await new Browser().get(url)).statusCode, 410);
  // The parent carer who manages the account may choose the child's code and pictures with them.
  await browser.get(`/a/riverside/children/${child.youngPersonId}`);
  const card = await browser.post(`/a/riverside/children/${child.youngPersonId}/code`);
  assert.equal(card.statusCode, 200);
  const childCode = /data-code>([A-Z0-9-]+)</.exec(card.body)![1]!;
  await browser.get(`/a/riverside/children/${child.youngPersonId}`);
  assert.equal((await browser.post(`/a/riverside/children/${child.youngPersonId}/pictures`, { first: 'frog', second: 'car', third: 'ball' })).statusCode, 303);
  assert.equal((await new Browser().signIn(childCode, ['frog', 'car', 'ball'])).statusCode, 303);
  // Nobody else may: another parent carer, or staff through this page.
  assert.equal((await lead.get(`/a/riverside/children/${child.youngPersonId}`)).statusCode, 404);
  const again = new Browser();
  await again.get('/a/riverside/young/sign-in');
  assert.equal((await again.post(url, {})).statusCode, 410);

  const old = await withArea(t.db, areaId, async (tx) => {
    await tx.updateTable('young_setup_link').set({ expires_at: new Date(Date.now() - 1000), used_at: null }).where('email', '=', 'new.parent@example.com').execute();
  });
  void old;
  assert.equal((await new Browser().get(url)).statusCode, 410);
});

test('no 500 on odd input', async () => {
  const browser = new Browser();
  await browser.get('/a/riverside/young/sign-in');
  for (const form of [{}, { code: 'x'.repeat(5000) }, { code: ['a', 'b'] }, { code: '<script>' }]) {
    const r = await browser.post('/a/riverside/young/sign-in', form as Record<string, string>);
    assert.ok(r.statusCode < 500, `sign-in ${JSON.stringify(form).slice(0, 40)}: ${r.statusCode}`);
  }
  for (const form of [{}, { code: 'ABCD-EFGH', first: 'nope', second: 'cat', third: ['cat', 'dog'] }, { code: 'x'.repeat(5000), first: 'cat', second: 'cat', third: 'cat' }]) {
    const r = await browser.post('/a/riverside/young/sign-in/pictures', form as Record<string, string>);
    assert.ok(r.statusCode < 500, `pictures: ${r.statusCode}`);
  }
  const { youngPersonId } = await createYoungPerson(t.db, areaId, null, { displayName: 'Ash', ageBand: '19_25' });
  await lead.get(`/a/riverside/young-people/${youngPersonId}`);
  for (const form of [{}, { first: 'cat' }, { first: 'x'.repeat(3000), second: 'dog', third: 'lion' }] as Array<Record<string, string>>) {
    const r = await lead.post(`/a/riverside/young-people/${youngPersonId}/pictures`, form);
    assert.equal(r.statusCode, 422);
  }
  await lead.get(`/a/riverside/young-people/${youngPersonId}`);
  assert.equal((await lead.post(`/a/riverside/young-people/${youngPersonId}/parents`, { email: 'not an email' })).statusCode, 422);
  assert.equal((await lead.post(`/a/riverside/young-people/${youngPersonId}/parents-see`, { choice: 'no' })).statusCode, 404);
  await lead.get('/a/riverside/young-people/new');
  assert.equal((await lead.post('/a/riverside/young-people/new', { displayName: 'x'.repeat(500), ageBand: 'nope', parentEmail: 'bad' })).statusCode, 422);
  assert.equal((await lead.get('/a/riverside/young/set-up/short')).statusCode, 410);
});

test('My Chorus reads what they took part in with the same number of queries for 1 event or 6, with titles', async () => {
  const one = await youngWithCode('Nia');
  const six = await youngWithCode('Ola');
  const came = async (accountId: string, title: string) => {
    const activityId = (await createActivity(t.db, areaId, null, testActivity({ title }))).id;
    await withArea(t.db, areaId, (tx) => tx.insertInto('attendance').values({ area_id: areaId, activity_id: activityId, account_id: accountId }).execute());
  };
  await came(one.accountId, 'Holiday club planning');
  for (let i = 1; i <= 6; i += 1) await came(six.accountId, `Youth forum meeting ${i}`);
  const counter = countingDb(t.db);
  counter.reset();
  const few = await tookPart(counter.db, areaId, one.accountId);
  const fewQueries = counter.count();
  counter.reset();
  const many = await tookPart(counter.db, areaId, six.accountId);
  assert.equal(counter.count(), fewQueries);
  assert.deepEqual(few.came.map((c) => c.title), ['Holiday club planning']);
  assert.equal(many.came.length, 6);
  const browser = new Browser();
  await browser.signIn(six.code);
  const page = await browser.get(`/a/riverside/young/${six.youngPersonId}`);
  assert.match(page.body, /Youth forum meeting 6/);
  assert.match(page.body, /I came/);
});
