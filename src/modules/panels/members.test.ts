/**
 * Panels, the members part (issue 16 §1), as leads, young people and attackers meet it: members added
 * with a personal code (shown once, only its hash kept) or by an area member's email address; the
 * checklist (an under-16 is not ready without a parent carer's consent); signing in and out with a
 * code (spaces, dashes and lower case fine); guessing codes limited per address while a right code
 * from elsewhere still works; a removed member or an old code loses access at once; a member of
 * another panel or area sees nothing; conflicts screened for safeguarding; candidates labelled in
 * order; time given recorded once; audit lines.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, seededApp, type TestDb } from '../../testing/harness.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity } from '../activities/activities.service.ts';
import { createArea, findAreaBySlug } from '../areas/areas.service.ts';
import { checklistGaps, findMember, listCandidates, memberCodeHash, parseMemberCode } from './core.ts';
import { CODE_FAILURES } from './members.routes.ts';
import { addYoungMember } from './members.service.ts';
import { createPanel } from './setup.service.ts';

let app: FastifyInstance;
let t: TestDb;
let close: () => Promise<void>;
let areaId: string;
let lead: Client;
let activityId: string;

before(async () => {
  ({ app, t, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  activityId = (await createActivity(t.db, areaId, null, testActivity({ title: 'Youth worker recruitment', groundRules: ['respect', 'ok_to_leave'] }))).id;
});
after(() => close());

/** A browser without an account, at a fixed address (a school's). */
let nextAddress = 10;
class Browser {
  cookies = new Map<string, string>();
  lastHtml = '';
  readonly address: string;
  constructor(address = `198.51.100.${nextAddress++}`) {
    this.address = address;
  }
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
  async signIn(code: string) {
    await this.get('/a/riverside/panels/sign-in');
    return this.post('/a/riverside/panels/sign-in', { code });
  }
}

const newPanel = async (title = 'Youth worker panel') => (await createPanel(t.db, areaId, null, { activityId, kind: 'interview', title })).id;
const audited = async (action: string, subjectId: string) =>
  !!(await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select('id').where('action', '=', action).where('subject_id', '=', subjectId).executeTakeFirst()));
const memberRow = (id: string) => withArea(t.db, areaId, (tx) => tx.selectFrom('panel_member').selectAll().where('id', '=', id).executeTakeFirst());
const sessionsOf = (memberId: string) => withArea(t.db, areaId, (tx) => tx.selectFrom('panel_member_session').selectAll().where('member_id', '=', memberId).execute());
const codeOnCard = (html: string) => /data-code>([A-Z0-9-]+)</.exec(html)?.[1];

test('a lead adds a young person: the code is shown once on a card, and only its hash is kept', async () => {
  const panelId = await newPanel();
  const url = `/a/riverside/panels/${panelId}/members/new`;
  await lead.get(url);
  const missing = await lead.post(url, { who: 'young_person', displayName: '', ageBand: '' });
  assert.equal(missing.statusCode, 422);
  assert.deepEqual(readPage(missing.body).errorSummary(), ['Enter their first name or nickname', 'Choose their age']);
  const card = await lead.post(url, { who: 'young_person', displayName: 'Ali', ageBand: '12_15' });
  assert.equal(card.statusCode, 200);
  assert.equal(card.headers['cache-control'], 'no-store');
  const code = codeOnCard(card.body)!;
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  assert.match(card.body, /Keep this safe\. It is like a password\./);
  assert.match(card.body, /\/a\/riverside\/panels\/sign-in/);
  assert.match(card.body, /src="\/symbols\/1F511\.svg"/);
  const member = (await withArea(t.db, areaId, (tx) => tx.selectFrom('panel_member').selectAll().where('panel_id', '=', panelId).executeTakeFirstOrThrow()));
  assert.equal(member.code_hash, memberCodeHash(parseMemberCode(code)!));
  assert.equal(member.sees_names, false);
  // The code itself is nowhere in the database, nor on any later page.
  const dump = JSON.stringify(await withArea(t.db, areaId, (tx) => tx.selectFrom('panel_member').selectAll().execute())) + JSON.stringify(await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').selectAll().execute()));
  assert.ok(!dump.includes(code) && !dump.includes(code.replace('-', '')));
  for (const page of [`/a/riverside/panels/${panelId}/members`, `/a/riverside/panels/${panelId}/members/${member.id}`, `/a/riverside/panels/${panelId}`]) {
    const r = await lead.get(page);
    assert.equal(r.statusCode, 200);
    assert.ok(!r.body.includes(code), page);
  }
  assert.ok(await audited('panel.member.added', member.id));
});

test('staff and parent carers with accounts are added by an area member’s email address', async () => {
  const panelId = await newPanel();
  const url = `/a/riverside/panels/${panelId}/members/new`;
  await lead.get(url);
  const stranger = await lead.post(url, { who: 'staff', email: 'nobody@elsewhere.example' });
  assert.equal(stranger.statusCode, 422);
  assert.match(stranger.body, /no account with that email address in this area/);
  assert.equal(readPage(stranger.body).document.querySelector<HTMLInputElement>('#email')!.value, 'nobody@elsewhere.example');
  const staff = await lead.post(url, { who: 'staff', email: 'Practitioner@Riverside.example' });
  assert.equal(staff.statusCode, 303);
  const parent = await lead.post(url, { who: 'parent_account', email: 'parent@riverside.example' });
  assert.equal(parent.statusCode, 303);
  const again = await lead.post(url, { who: 'staff', email: 'practitioner@riverside.example' });
  assert.match(again.body, /already on this panel/);
  const rows = await withArea(t.db, areaId, (tx) => tx.selectFrom('panel_member').select(['member_kind', 'sees_names', 'code_hash', 'display_name']).where('panel_id', '=', panelId).orderBy('created_at').execute());
  assert.deepEqual(rows.map((r) => [r.member_kind, r.sees_names, r.code_hash]), [['staff', true, null], ['parent_carer', false, null]]);
  // A parent carer with an account sees the panel in "My panels" when signed in as themselves.
  const parentClient = new Client(app);
  await parentClient.signIn('parent@riverside.example');
  const mine = await parentClient.get('/a/riverside/panels/mine');
  assert.match(mine.body, /Youth worker panel/);
  assert.equal((await parentClient.get(`/a/riverside/panels/${panelId}/me`)).statusCode, 200);
});

test('a young person signs in with their code typed loosely, sees my panels and the member home, and signs out', async () => {
  const panelId = await newPanel('Signing in panel');
  const { memberId, code } = await addYoungMember(t.db, areaId, null, panelId, { kind: 'young_person', displayName: 'Bea', ageBand: '16_18' });
  const b = new Browser();
  const loose = ` ${code.toLowerCase().replace('-', ' ')} `;
  const signedIn = await b.signIn(loose);
  assert.equal(signedIn.statusCode, 303);
  assert.equal(signedIn.headers.location, '/a/riverside/panels/mine');
  const cookie = (signedIn.cookies as Array<{ name: string; path?: string; httpOnly?: boolean }>).find((c) => c.name === 'chorus_panel')!;
  // The area's path: a young inspector's pages (/a/riverside/inspections/…) need it as much as the panels'.
  assert.equal(cookie.path, '/a/riverside');
  assert.ok(cookie.httpOnly);
  const sessions = await sessionsOf(memberId);
  assert.equal(sessions.length, 1);
  assert.ok(sessions[0]!.expires_at.getTime() > Date.now() + 89 * 86_400_000);
  const mine = await b.get('/a/riverside/panels/mine');
  assert.match(mine.body, new RegExp(`href="/a/riverside/panels/${panelId}/me"`));
  const home = await b.get(`/a/riverside/panels/${panelId}/me`);
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Hello Bea/);
  assert.match(home.body, /I want to take part/);
  assert.match(home.body, /Do you know any of the people we will meet\?/);
  assert.match(home.body, /We respect each other/);
  assert.doesNotMatch(home.body, /What is said here stays here/);
  const out = await b.post('/a/riverside/panels/sign-out');
  assert.equal(out.statusCode, 303);
  assert.equal((await sessionsOf(memberId)).length, 0);
  const after1 = await b.get(`/a/riverside/panels/${panelId}/me`);
  assert.equal(after1.statusCode, 303);
  assert.equal(after1.headers.location, '/a/riverside/panels/sign-in');
});

test('the young person completes their own checklist; an under-16 is not ready until staff record a parent carer’s consent', async () => {
  const panelId = await newPanel('Checklist panel');
  const { memberId, code } = await addYoungMember(t.db, areaId, null, panelId, { kind: 'young_person', displayName: 'Cal', ageBand: '12_15' });
  const b = new Browser();
  await b.signIn(code);
  const me = `/a/riverside/panels/${panelId}/me`;
  await b.get(me);
  assert.equal((await b.post(`${me}/consent`)).statusCode, 303);
  await b.get(me);
  const noHow = await b.post(`${me}/conflict`, { knows: 'yes', how: '' });
  assert.equal(noHow.statusCode, 422);
  assert.deepEqual(readPage(noHow.body).errorSummary(), ['Tell us who you know and how']);
  assert.equal((await b.post(`${me}/conflict`, { knows: 'yes', how: 'Candidate is my cousin' })).statusCode, 303);
  await b.get(me);
  assert.equal((await b.post(`${me}/rules`)).statusCode, 303);
  // Staff record the training: the under-16 still needs a parent carer's consent.
  const memberUrl = `/a/riverside/panels/${panelId}/members/${memberId}`;
  await lead.get(memberUrl);
  const noNote = await lead.post(memberUrl, { training: 'yes', trainingDay: '1', trainingMonth: '12', trainingYear: '2026', parental: 'yes', parentalDay: '2', parentalMonth: '12', parentalYear: '2026', parentalNote: '', seesNames: 'no', conflict: '' });
  assert.equal(noNote.statusCode, 422);
  assert.match(noNote.body, /Mum agreed by phone/);
  assert.match(noNote.body, /id="trainingDay" name="trainingDay" type="text" value="1"/);
  assert.equal((await lead.post(memberUrl, { training: 'yes', trainingDay: '1', trainingMonth: '12', trainingYear: '2026', seesNames: 'no', conflict: '' })).statusCode, 303);
  let member = (await withArea(t.db, areaId, (tx) => findMember(tx, areaId, panelId, memberId)))!;
  assert.deepEqual(checklistGaps(member), ['parental_consent']);
  assert.equal(member.conflict, 'Candidate is my cousin');
  const notReady = await b.get(me);
  assert.match(notReady.body, /When your checklist is done, you can score\./);
  assert.doesNotMatch(notReady.body, /\/score"/);
  await lead.get(memberUrl);
  assert.equal((await lead.post(memberUrl, { training: 'yes', trainingDay: '1', trainingMonth: '12', trainingYear: '2026', parental: 'yes', parentalDay: '2', parentalMonth: '12', parentalYear: '2026', parentalNote: 'Mum agreed by phone', seesNames: 'no', conflict: '' })).statusCode, 303);
  member = (await withArea(t.db, areaId, (tx) => findMember(tx, areaId, panelId, memberId)))!;
  assert.deepEqual(checklistGaps(member), []);
  const row = (await memberRow(memberId))!;
  assert.equal(row.parental_consent_note, 'Mum agreed by phone');
  const ready = await b.get(me);
  assert.match(ready.body, /You are ready/);
  assert.match(ready.body, new RegExp(`href="/a/riverside/panels/${panelId}/score"`));
  assert.match(ready.body, new RegExp(`href="/a/riverside/panels/${panelId}/questions"`));
  assert.match(ready.body, new RegExp(`href="/a/riverside/panels/${panelId}/what-happened"`));
  assert.ok(await audited('panel.member.checklist', memberId));
});

test('words about a conflict are screened for safeguarding as the young person types them', async () => {
  const panelId = await newPanel('Screened panel');
  const { memberId, code } = await addYoungMember(t.db, areaId, null, panelId, { kind: 'young_person', displayName: 'Dee', ageBand: '16_18' });
  const b = new Browser();
  await b.signIn(code);
  await b.get(`/a/riverside/panels/${panelId}/me`);
  assert.equal((await b.post(`/a/riverside/panels/${panelId}/me/conflict`, { knows: 'yes', how: 'He is my uncle and he hits me at home' })).statusCode, 303);
  const concern = await t.owner.selectFrom('safeguarding_concern').select(['channel', 'source_key', 'disclosed_text']).where('source_key', '=', `conflict:${memberId}`).executeTakeFirstOrThrow();
  assert.equal(concern.channel, 'panel');
  assert.match(concern.disclosed_text, /hits me/);
  // The member's answer is kept as typed (a conflict was declared), and they move on.
  assert.equal((await memberRow(memberId))!.conflict, 'He is my uncle and he hits me at home');
});

test('guessing codes: the 31st wrong code from one address is refused, right codes never count, and another address still gets in', async () => {
  const panelId = await newPanel('Guessing panel');
  const { code } = await addYoungMember(t.db, areaId, null, panelId, { kind: 'young_person', displayName: 'Eve', ageBand: '16_18' });
  const guesser = new Browser('203.0.113.50');
  for (let n = 0; n < 5; n += 1) assert.equal((await guesser.signIn(code)).statusCode, 303);
  for (let n = 0; n < CODE_FAILURES.max; n += 1) {
    const r = await guesser.signIn(`ZZZZ-ZZZ${'23456789'[n % 8]}`);
    assert.equal(r.statusCode, 404, `guess ${n + 1}`);
  }
  const refused = await guesser.signIn('ZZZZ-ZZZZ');
  assert.equal(refused.statusCode, 429);
  assert.match(refused.body, /Wait 10 minutes/);
  assert.equal((await guesser.signIn(code)).statusCode, 429);
  const other = new Browser('203.0.113.51');
  assert.equal((await other.signIn(code)).statusCode, 303);
  // Not a code at all is an error to fix, not a guess.
  const shape = await other.signIn('abc');
  assert.equal(shape.statusCode, 422);
  assert.match(shape.body, /8 letters and numbers/);
});

test('removing a member or giving a new code ends access at once', async () => {
  const panelId = await newPanel('Access panel');
  const one = await addYoungMember(t.db, areaId, null, panelId, { kind: 'young_person', displayName: 'Fin', ageBand: '16_18' });
  const two = await addYoungMember(t.db, areaId, null, panelId, { kind: 'young_person', displayName: 'Gus', ageBand: '16_18' });
  const me = `/a/riverside/panels/${panelId}/me`;
  const b1 = new Browser();
  const b2 = new Browser();
  await b1.signIn(one.code);
  await b2.signIn(two.code);
  assert.equal((await b1.get(me)).statusCode, 200);
  assert.equal((await b2.get(me)).statusCode, 200);
  // A new code for Fin: the old one stops working and Fin's browser is signed out.
  await lead.get(`/a/riverside/panels/${panelId}/members/${one.memberId}`);
  const card = await lead.post(`/a/riverside/panels/${panelId}/members/${one.memberId}/code`);
  assert.equal(card.statusCode, 200);
  const newCode = codeOnCard(card.body)!;
  assert.notEqual(newCode, one.code);
  assert.match(card.body, /The old code no longer works/);
  assert.equal((await b1.get(me)).statusCode, 303);
  assert.equal((await new Browser().signIn(one.code)).statusCode, 404);
  assert.equal((await new Browser().signIn(newCode)).statusCode, 303);
  assert.ok(await audited('panel.member.new_code', one.memberId));
  // Gus removed: signed out at once, and the code no longer works.
  await lead.get(`/a/riverside/panels/${panelId}/members/${two.memberId}`);
  assert.equal((await lead.post(`/a/riverside/panels/${panelId}/members/${two.memberId}/remove`)).statusCode, 303);
  assert.equal((await b2.get(me)).statusCode, 303);
  assert.equal((await sessionsOf(two.memberId)).length, 0);
  assert.equal((await new Browser().signIn(two.code)).statusCode, 404);
  assert.equal((await lead.get(`/a/riverside/panels/${panelId}/members/${two.memberId}`)).statusCode, 404);
  assert.ok(await audited('panel.member.removed', two.memberId));
});

test('a member of another panel or another area sees nothing of this one', async () => {
  const panelA = await newPanel('Panel A');
  const panelB = await newPanel('Panel B');
  const a = await addYoungMember(t.db, areaId, null, panelA, { kind: 'young_person', displayName: 'Hal', ageBand: '16_18' });
  await addYoungMember(t.db, areaId, null, panelB, { kind: 'young_person', displayName: 'Ivy secret', ageBand: '16_18' });
  const b = new Browser();
  await b.signIn(a.code);
  const other = await b.get(`/a/riverside/panels/${panelB}/me`);
  assert.equal(other.statusCode, 303);
  assert.equal(other.headers.location, '/a/riverside/panels/sign-in');
  const mine = await b.get('/a/riverside/panels/mine');
  assert.doesNotMatch(mine.body, /Panel B/);
  // Staff pages need an account with panel.manage.
  assert.equal((await b.get(`/a/riverside/panels/${panelB}/members`)).statusCode, 303);
  // The code does not work in another area.
  const elsewhere = await createArea(t.db, { slug: 'elsewhere', name: 'Elsewhere', contactEmail: 'hi@elsewhere.example' });
  assert.ok(elsewhere.id);
  const x = new Browser();
  await x.get('/a/elsewhere/panels/sign-in');
  assert.equal((await x.post('/a/elsewhere/panels/sign-in', { code: a.code })).statusCode, 404);
  assert.equal((await x.get(`/a/elsewhere/panels/${panelA}/me`)).statusCode, 303);
});

test('candidates are labelled A, B… in the order added, never from the name; withdrawing; not by hand for grant rounds', async () => {
  const panelId = await newPanel('Candidate panel');
  const url = `/a/riverside/panels/${panelId}/candidates/new`;
  await lead.get(url);
  assert.equal((await lead.post(url, { name: '' })).statusCode, 422);
  for (const name of ['Zara Quinn', 'Adam Brown', 'Candidate Z']) assert.equal((await lead.post(url, { name })).statusCode, 303);
  const list = await withArea(t.db, areaId, (tx) => listCandidates(tx, areaId, panelId));
  assert.deepEqual(list.map((c) => [c.label, c.name]), [['Candidate A', 'Zara Quinn'], ['Candidate B', 'Adam Brown'], ['Candidate C', 'Candidate Z']]);
  await lead.get(`/a/riverside/panels/${panelId}/candidates/${list[1]!.id}`);
  assert.equal((await lead.post(`/a/riverside/panels/${panelId}/candidates/${list[1]!.id}/withdraw`, { withdrawn: 'yes' })).statusCode, 303);
  const after1 = await withArea(t.db, areaId, (tx) => listCandidates(tx, areaId, panelId));
  assert.ok(after1[1]!.withdrawnAt);
  assert.ok(await audited('panel.candidate.withdrawn', list[1]!.id));
  const grant = await createPanel(t.db, areaId, null, { activityId, kind: 'grant', title: 'Fund', potPence: 100_000 });
  const grantPage = await lead.get(`/a/riverside/panels/${grant.id}/candidates`);
  assert.match(grantPage.body, /come from the public form/);
  assert.equal((await lead.post(`/a/riverside/panels/${grant.id}/candidates/new`, { name: 'Sneaky' })).statusCode, 404);
});

test('time given is recorded once per member, date and activity, with each member’s total', async () => {
  const panelId = await newPanel('Time panel');
  const ali = await addYoungMember(t.db, areaId, null, panelId, { kind: 'young_person', displayName: 'Ali', ageBand: '16_18' });
  const bo = await addYoungMember(t.db, areaId, null, panelId, { kind: 'young_person', displayName: 'Bo', ageBand: '16_18' });
  const url = `/a/riverside/panels/${panelId}/time`;
  await lead.get(url);
  const bad = await lead.post(url, { metDay: '5', metMonth: '12', metYear: '2026', hours: '', minutes: '75', what: 'interviews' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Tick who was there/);
  const form = { metDay: '5', metMonth: '12', metYear: '2026', hours: '3', minutes: '30', what: 'interviews', present: [ali.memberId] };
  const first = await lead.post(url, form);
  assert.equal(first.statusCode, 303);
  let page = await lead.get(url);
  assert.match(readPage(page.body).flash()!, /Recorded 3 hours 30 minutes for 1 person/);
  await lead.post(url, form);
  page = await lead.get(url);
  assert.match(readPage(page.body).flash()!, /already recorded, so nothing was added/);
  await lead.post(url, { ...form, what: 'training', hours: '1', minutes: '0', present: [ali.memberId, bo.memberId] });
  page = await lead.get(url);
  assert.match(page.body, /Ali: 4 hours 30 minutes/);
  assert.match(page.body, /Bo: 1 hour</);
  const rows = await withArea(t.db, areaId, (tx) => tx.selectFrom('time_given').select(['source_key', 'minutes']).where('panel_member_id', '=', ali.memberId).orderBy('source_key').execute());
  assert.deepEqual(rows, [{ source_key: `panel:${panelId}:2026-12-05:interviews`, minutes: 210 }, { source_key: `panel:${panelId}:2026-12-05:training`, minutes: 60 }]);
  assert.ok(await audited('panel.time_given', panelId));
});
