/**
 * Choosing a volunteer (issue 17 §3), as young people, parent carers, coordinators and attackers
 * meet it: suggestions only ever show active volunteers of the area with a current DBS check,
 * ranked by how many wishes match and saying why; a young person chooses who to meet and says how
 * it went; a match is confirmed only with their say recorded and "yes" (a forced POST is refused);
 * nobody else (another young person, a parent carer the rule does not allow, staff) opens a young
 * person's pages; what they write is screened; staff forms keep what was typed; no 500 on any input.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { withArea } from '../../db/db.ts';
import { Client, createTestDb, DEMO_PASSWORD, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { DBS_VALID_YEARS, dbsCurrent, dbsCutoff } from './volunteers.choices.ts';
import { createVolunteer, rank, recordMet, type VolunteerInput } from './volunteers.service.ts';

let app: FastifyInstance;
let t: TestDb;
let areas: TwoAreas;
let R: TwoAreas['riverside'];
let lead: Client;
let young: Client;
let guardian: Client;
let otherParent: Client;
let practitioner: Client;
let otherYoung: Client;

const base = '/a/riverside';
const youngUrl = () => `${base}/young/${R.youngPersonId}`;

const input = (over: Partial<VolunteerInput> = {}): VolunteerInput => ({
  kind: 'volunteer', displayName: 'Someone', organisationId: null, about: '', interests: [], skills: [], traits: [], availability: '', dbsCheckedOn: new Date().toISOString().slice(0, 10), active: true, ...over,
});
const yearsAgo = (years: number, days = 0) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  R = areas.riverside;
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  young = new Client(app);
  await young.signIn('only-young-person@riverside.example');
  guardian = new Client(app);
  await guardian.signIn('only-parent-carer@riverside.example');
  otherParent = new Client(app);
  await otherParent.signIn('parent@riverside.example');
  practitioner = new Client(app);
  await practitioner.signIn('only-practitioner@riverside.example');
  // Another young person in Riverside, with their own account.
  const otherId = await createAccount(t.db, { email: 'other-young@riverside.example', displayName: 'Other Young', password: DEMO_PASSWORD });
  await addMember(t.db, R.id, otherId, 'young_person', null);
  await withArea(t.db, R.id, (tx) => tx.insertInto('young_person').values({ area_id: R.id, account_id: otherId, age_band: '12_15' }).execute());
  otherYoung = new Client(app);
  await otherYoung.signIn('other-young@riverside.example');
});
after(async () => {
  await app.close();
  await t.drop();
});

test('the DBS rule: current for 3 years from the check, never without a date or with a date to come', () => {
  assert.equal(DBS_VALID_YEARS, 3);
  const today = new Date('2026-12-05T10:00:00Z');
  assert.equal(dbsCutoff(today), '2023-12-05');
  assert.equal(dbsCurrent('2023-12-05', today), true);
  assert.equal(dbsCurrent('2023-12-04', today), false);
  assert.equal(dbsCurrent(null, today), false);
  assert.equal(dbsCurrent('2026-12-06', today), false);
});

test('suggestions never include a volunteer without a current DBS date, an inactive one, or another area\'s; they are ranked and say why', async () => {
  await createVolunteer(t.db, R.id, null, input({ displayName: 'Nina NoCheck', interests: ['football'], skills: ['makaton'], traits: ['calm'], dbsCheckedOn: null }));
  await createVolunteer(t.db, R.id, null, input({ displayName: 'Olly OldCheck', interests: ['football'], skills: ['makaton'], traits: ['calm'], dbsCheckedOn: yearsAgo(DBS_VALID_YEARS, 1) }));
  await createVolunteer(t.db, R.id, null, input({ displayName: 'Ivy Inactive', interests: ['football'], skills: ['makaton'], traits: ['calm'], active: false }));
  await createVolunteer(t.db, R.id, null, input({ displayName: 'Fred Football', interests: ['football'], dbsCheckedOn: yearsAgo(DBS_VALID_YEARS - 1) }));
  await createVolunteer(t.db, R.id, null, input({ displayName: 'Bea Both', interests: ['football', 'trains'], skills: ['makaton'], traits: ['calm'] }));
  const page = await young.get(`${youngUrl()}/volunteer`);
  assert.equal(page.statusCode, 200);
  for (const hidden of ['Nina NoCheck', 'Olly OldCheck', 'Ivy Inactive', 'North Vale']) assert.ok(!page.body.includes(hidden), `${hidden} must not be suggested`);
  // The fixture's wishes are football, calm, Makaton: Bea matches all three, then Sam (football, Makaton), then Fred (football).
  const bea = page.body.indexOf('Bea Both'), sam = page.body.indexOf('Riverside fixture survey volunteer Sam'), fred = page.body.indexOf('Fred Football');
  assert.ok(bea > 0 && sam > bea && fred > sam, 'ranked by how many wishes match');
  assert.match(page.body, /Riverside fixture survey volunteer Sam likes football and knows Makaton\./);
  assert.match(page.body, /Bea Both likes football, is calm and knows Makaton\./);
  // Never a DBS date, nor the wish of another young person.
  assert.ok(!page.body.includes('2026-06-01') && !page.body.includes('1 June 2026'));
});

test('rank puts the most matches first and keeps the codes in the order of the wishes', () => {
  const v = (name: string, interests: string[], skills: string[] = []) => ({ id: name, kind: 'volunteer' as const, displayName: name, organisationId: null, organisationName: null, about: '', interests, skills, traits: [], availability: '', hasPhoto: false, dbsCheckedOn: '2026-01-01', active: true, version: 1 });
  const ranked = rank([v('A', ['art']), v('B', ['football'], ['makaton']), v('C', ['football'])], ['makaton', 'football']);
  assert.deepEqual(ranked.map((s) => [s.volunteer.displayName, s.matches]), [['B', ['makaton', 'football']], ['C', ['football']], ['A', []]]);
});

test('a young person cannot choose a volunteer they could not be shown (no DBS, inactive, another area\'s)', async () => {
  const noDbs = await createVolunteer(t.db, R.id, null, input({ displayName: 'Choose NoCheck', dbsCheckedOn: null }));
  await young.get(`${youngUrl()}/volunteer`);
  for (const id of [noDbs, areas.northVale.volunteerId, 'not-a-uuid']) {
    const r = await young.post(`${youngUrl()}/volunteer/choose`, { volunteerId: id });
    assert.equal(r.statusCode, 404, id);
  }
  const count = await withArea(t.db, R.id, (tx) => tx.selectFrom('introduction').select((eb) => eb.fn.countAll<string>().as('n')).where('volunteer_id', '=', noDbs).executeTakeFirstOrThrow());
  assert.equal(Number(count.n), 0);
});

test('a young person says what matters, chooses who to meet (twice is once), and sees what happens next', async () => {
  await young.get(`${youngUrl()}/volunteer/wishes`);
  const none = await young.post(`${youngUrl()}/volunteer/wishes`, { words: '' });
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /Choose at least one thing that matters to you/);
  const saved = await young.post(`${youngUrl()}/volunteer/wishes`, { wishes: ['trains', 'not-a-wish'], words: 'Someone who likes trains' });
  assert.equal(saved.statusCode, 303);
  const stored = await withArea(t.db, R.id, (tx) => tx.selectFrom('match_request').select(['wishes', 'words']).where('id', '=', R.matchRequestId).executeTakeFirstOrThrow());
  assert.deepEqual(stored.wishes, ['trains']);
  const page = await young.get(`${youngUrl()}/volunteer`);
  const fred = await withArea(t.db, R.id, (tx) => tx.selectFrom('volunteer').select('id').where('display_name', '=', 'Bea Both').executeTakeFirstOrThrow());
  const first = await young.post(`${youngUrl()}/volunteer/choose`, { volunteerId: fred.id });
  assert.equal(first.statusCode, 303);
  await young.get(`${youngUrl()}/volunteer`);
  await young.post(`${youngUrl()}/volunteer/choose`, { volunteerId: fred.id });
  const intros = await withArea(t.db, R.id, (tx) => tx.selectFrom('introduction').select('id').where('volunteer_id', '=', fred.id).execute());
  assert.equal(intros.length, 1);
  const after = await young.get(`${youngUrl()}/volunteer`);
  assert.match(after.body, /You chose to meet Bea Both/);
  assert.match(after.body, /A grown-up will tell you when you can meet/);
  assert.ok(page.body.includes('Bea Both'));
});

test('what the young person writes is screened for safeguarding (wishes and how it went)', async () => {
  await young.get(`${youngUrl()}/volunteer/wishes`);
  await young.post(`${youngUrl()}/volunteer/wishes`, { wishes: 'football', words: 'my step-dad really hits me' });
  const concern = await t.owner.selectFrom('safeguarding_concern').select(['channel', 'disclosed_text']).where('source_key', '=', `match_request:${R.matchRequestId}`).executeTakeFirstOrThrow();
  assert.equal(concern.channel, 'profile');
  assert.match(concern.disclosed_text, /hits me/);
  const intro = await createIntroduction('Screen Sam');
  await recordMet(t.db, R.id, null, intro);
  await young.get(`${youngUrl()}/introductions/${intro}`);
  const r = await young.post(`${youngUrl()}/introductions/${intro}`, { feeling: '2', words: 'my step-dad really hits me', carryOn: 'not_sure' });
  assert.equal(r.statusCode, 303);
  const said = await t.owner.selectFrom('safeguarding_concern').select('channel').where('source_key', '=', `introduction:${intro}`).executeTakeFirstOrThrow();
  assert.equal(said.channel, 'profile');
  await young.get(`${youngUrl()}/volunteer/wishes`);
  await young.post(`${youngUrl()}/volunteer/wishes`, { wishes: ['football', 'calm', 'makaton'], words: '' });
});

/** A new volunteer the young person has chosen to meet; the introduction's id. */
async function createIntroduction(name: string): Promise<string> {
  const id = await createVolunteer(t.db, R.id, null, input({ displayName: name, interests: ['football'] }));
  await young.get(`${youngUrl()}/volunteer`);
  await young.post(`${youngUrl()}/volunteer/choose`, { volunteerId: id });
  return (await withArea(t.db, R.id, (tx) => tx.selectFrom('introduction').select('id').where('volunteer_id', '=', id).executeTakeFirstOrThrow())).id;
}

const confirmedAt = (id: string) => withArea(t.db, R.id, async (tx) => (await tx.selectFrom('introduction').select('confirmed_at').where('id', '=', id).executeTakeFirstOrThrow()).confirmed_at);

test('a match is confirmed only with the young person\'s say recorded and "yes"; a forced POST without it is refused', async () => {
  // Not said yet: no button, the page says why, a forced POST is refused with a clear message.
  const page = await lead.get(`${base}/introductions`);
  assert.equal(page.statusCode, 200);
  const card = page.body.slice(page.body.indexOf(`id="intro-${R.introductionId}"`));
  assert.ok(!card.slice(0, card.indexOf('</section>')).includes(`/introductions/${R.introductionId}/confirm`), 'no confirm button before the young person has said');
  assert.match(page.body, /You can confirm the match after .* has said how meeting went and that they want to carry on/);
  const forced = await lead.post(`${base}/introductions/${R.introductionId}/confirm`);
  assert.equal(forced.statusCode, 409);
  assert.match(forced.body, /The match was not confirmed: .* has not said how it went yet/);
  assert.equal(await confirmedAt(R.introductionId), null);

  // Before meeting the young person cannot say how it went.
  const early = await young.get(`${youngUrl()}/introductions/${R.introductionId}`);
  assert.match(early.body, /You have not met .* yet/);
  await lead.get(`${base}/introductions`);
  assert.equal((await lead.post(`${base}/introductions/${R.introductionId}/met`)).statusCode, 303);

  // They say no: never confirmed, staff see it plainly.
  await young.get(`${youngUrl()}/introductions/${R.introductionId}`);
  const missing = await young.post(`${youngUrl()}/introductions/${R.introductionId}`, { words: 'It was fine' });
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /Choose a face/);
  assert.match(missing.body, /Choose yes, no or not sure/);
  assert.match(missing.body, /It was fine/, 'what was typed stays');
  assert.equal((await young.post(`${youngUrl()}/introductions/${R.introductionId}`, { feeling: '2', words: '', carryOn: 'no' })).statusCode, 303);
  const no = await lead.get(`${base}/introductions`);
  assert.match(no.body, /does not want to see .* again\. This match cannot be confirmed\./);
  assert.equal((await lead.post(`${base}/introductions/${R.introductionId}/confirm`)).statusCode, 409);
  assert.equal(await confirmedAt(R.introductionId), null);

  // Not sure: still not confirmable.
  await young.get(`${youngUrl()}/introductions/${R.introductionId}?change=yes`);
  await young.post(`${youngUrl()}/introductions/${R.introductionId}`, { feeling: '3', carryOn: 'not_sure' });
  await lead.get(`${base}/introductions`);
  assert.equal((await lead.post(`${base}/introductions/${R.introductionId}/confirm`)).statusCode, 409);

  // Yes: the button is there and confirming works, audited; the young person sees it.
  await young.get(`${youngUrl()}/introductions/${R.introductionId}?change=yes`);
  await young.post(`${youngUrl()}/introductions/${R.introductionId}`, { feeling: '5', words: 'Sam was fun', carryOn: 'yes' });
  const yes = await lead.get(`${base}/introductions`);
  assert.ok(yes.body.includes(`/introductions/${R.introductionId}/confirm`));
  assert.equal((await lead.post(`${base}/introductions/${R.introductionId}/confirm`)).statusCode, 303);
  assert.notEqual(await confirmedAt(R.introductionId), null);
  const audited = await withArea(t.db, R.id, (tx) => tx.selectFrom('audit_event').select('action').where('subject_id', '=', R.introductionId).execute());
  assert.deepEqual(audited.map((a) => a.action).sort(), ['volunteer.introduction.met', 'volunteer.match.confirmed']);
  const mine = await young.get(`${youngUrl()}/introductions/${R.introductionId}`);
  assert.match(mine.body, /is your helper now/);
  // Once confirmed the say is closed.
  assert.equal((await young.post(`${youngUrl()}/introductions/${R.introductionId}`, { feeling: '1', carryOn: 'no' })).statusCode, 409);
});

test('a parent carer may say for a young child, and the page and staff say who said it', async () => {
  const intro = await createIntroduction('Parent Pat');
  await recordMet(t.db, R.id, null, intro);
  await guardian.get(`${youngUrl()}/introductions/${intro}`);
  assert.equal((await guardian.post(`${youngUrl()}/introductions/${intro}`, { feeling: '4', carryOn: 'yes' })).statusCode, 303);
  const page = await guardian.get(`${youngUrl()}/introductions/${intro}`);
  assert.match(page.body, /A parent carer said this for/);
  const staff = await lead.get(`${base}/introductions`);
  assert.match(staff.body, /parent carer, for them/);
  const said = await withArea(t.db, R.id, (tx) => tx.selectFrom('introduction').select(['said_by', 'said_at']).where('id', '=', intro).executeTakeFirstOrThrow());
  assert.equal(said.said_by, R.guardianId);
});

test('another young person, a parent carer the rule does not allow, and staff get 404 on a young person\'s pages', async () => {
  const pages = [`${youngUrl()}/volunteer`, `${youngUrl()}/volunteer/wishes`, `${youngUrl()}/introductions/${R.introductionId}`];
  for (const client of [otherYoung, otherParent, lead, practitioner]) {
    for (const url of pages) assert.equal((await client.get(url)).statusCode, 404, url);
    await client.get(`${base}/introductions`);
    assert.equal((await client.post(`${youngUrl()}/volunteer/wishes`, { wishes: 'football' }, { csrf: client.csrf() || 'x' })).statusCode < 500, true);
  }
  // A 13+ young person who has not chosen to let their parent carers see: the parent carer gets 404.
  await withArea(t.db, R.id, (tx) => tx.updateTable('young_person').set({ thirteen_or_over: true }).where('id', '=', R.youngPersonId).execute());
  try {
    for (const url of pages) assert.equal((await guardian.get(url)).statusCode, 404, url);
  } finally {
    await withArea(t.db, R.id, (tx) => tx.updateTable('young_person').set({ thirteen_or_over: false }).where('id', '=', R.youngPersonId).execute());
  }
  assert.equal((await guardian.get(`${youngUrl()}/volunteer`)).statusCode, 200);
  // North Vale's ids from Riverside: not found.
  const N = areas.northVale;
  for (const url of [`${base}/young/${N.youngPersonId}/volunteer`, `${base}/young/${N.youngPersonId}/introductions/${N.introductionId}`, `${youngUrl()}/introductions/${N.introductionId}`, `${base}/volunteers/${N.volunteerId}/photo`]) {
    assert.equal((await young.get(url)).statusCode, 404, url);
    assert.equal((await lead.get(url)).statusCode, 404, url);
  }
  assert.equal((await lead.get(`${base}/volunteers/${N.volunteerId}`)).statusCode, 404);
  await lead.get(`${base}/introductions`);
  assert.equal((await lead.post(`${base}/introductions/${N.introductionId}/confirm`)).statusCode, 404);
});

test('staff add and edit a volunteer: errors keep what was typed, a stale edit says someone saved first, the DBS date is audited', async () => {
  await lead.get(`${base}/volunteers/new`);
  const bad = await lead.post(`${base}/volunteers/new`, { displayName: '', kind: 'volunteer', about: 'Kind and calm', interests: ['football', 'cooking'], dbsDay: '31', dbsMonth: '2', dbsYear: '2026', active: 'yes' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /Enter their first name/);
  assert.match(bad.body, /DBS check date must be a real date/);
  assert.match(bad.body, /Kind and calm/);
  assert.match(bad.body, /value="cooking" checked/);
  const ok = await lead.post(`${base}/volunteers/new`, { displayName: 'Dora', kind: 'support_worker', about: 'Kind', traits: 'calm', dbsDay: '1', dbsMonth: '3', dbsYear: '2026', active: 'yes' });
  assert.equal(ok.statusCode, 303);
  const id = String(ok.headers.location).split('/').at(-1)!;
  const audit = await withArea(t.db, R.id, (tx) => tx.selectFrom('audit_event').select(['action', 'actor_account_id']).where('subject_id', '=', id).execute());
  const leadId = (await t.owner.selectFrom('account').select('id').where('email', '=', 'lead@riverside.example').executeTakeFirstOrThrow()).id;
  assert.ok(audit.some((a) => a.action === 'volunteer.dbs_recorded' && a.actor_account_id === leadId));
  const edit = await lead.get(`${base}/volunteers/${id}`);
  assert.match(edit.body, /name="version" value="1"/);
  const other = new Client(app);
  await other.signIn('lead@riverside.example');
  await other.get(`${base}/volunteers/${id}`);
  assert.equal((await other.post(`${base}/volunteers/${id}`, { displayName: 'Dora B', kind: 'support_worker', version: '1', active: 'yes' })).statusCode, 303);
  const stale = await lead.post(`${base}/volunteers/${id}`, { displayName: 'Dora typed', kind: 'support_worker', about: 'My words', version: '1', active: 'yes' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else saved this person while you were editing/);
  assert.match(stale.body, /Dora typed/);
  assert.match(stale.body, /My words/);
  const list = await lead.get(`${base}/volunteers`);
  assert.match(list.body, /Dora B/);
  assert.match(list.body, /Nina NoCheck[\s\S]*?No DBS check recorded: never suggested/);
});

async function postPhoto(client: Client, url: string, bytes: Buffer): Promise<LightMyRequestResponse> {
  const boundary = `----chorus${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf()}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  if (String(r.headers['content-type'] ?? '').startsWith('text/html')) client.lastHtml = r.body;
  return r;
}

test('a volunteer\'s photo is re-encoded and shown only to staff and to young people choosing, while they could be suggested', async () => {
  await lead.get(`${base}/volunteers/${R.volunteerId}`);
  const notImage = await postPhoto(lead, `${base}/volunteers/${R.volunteerId}/photo`, Buffer.from('<svg></svg>'));
  assert.equal(notImage.statusCode, 422);
  assert.match(notImage.body, /must be a JPEG, PNG, WebP or GIF/);
  const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#3366cc' } }).png().toBuffer();
  assert.equal((await postPhoto(lead, `${base}/volunteers/${R.volunteerId}/photo`, png)).statusCode, 303);
  const url = `${base}/volunteers/${R.volunteerId}/photo`;
  const staff = await lead.get(url);
  assert.equal(staff.statusCode, 200);
  assert.equal(staff.headers['content-type'], 'image/webp');
  assert.equal((await young.get(url)).statusCode, 200);
  assert.equal((await guardian.get(url)).statusCode, 200);
  assert.notEqual((await new Client(app).get(url)).statusCode, 200, 'signed out: no photo');
  const decisionMaker = new Client(app);
  await decisionMaker.signIn('only-decision-maker@riverside.example');
  assert.equal((await decisionMaker.get(url)).statusCode, 404);
  await withArea(t.db, R.id, (tx) => tx.updateTable('volunteer').set({ active: false }).where('id', '=', R.volunteerId).execute());
  try {
    assert.equal((await young.get(url)).statusCode, 404, 'no longer suggested: no longer shown');
    assert.equal((await lead.get(url)).statusCode, 200);
  } finally {
    await withArea(t.db, R.id, (tx) => tx.updateTable('volunteer').set({ active: true }).where('id', '=', R.volunteerId).execute());
  }
});

test('no 500 on any input to any form', async () => {
  const junk: Array<Record<string, string | string[]>> = [
    {},
    { displayName: 'x'.repeat(5000), kind: 'boss', organisationId: 'not-a-uuid', interests: ['<script>', 'football'], dbsDay: '99', dbsMonth: 'x', dbsYear: '1', version: '-1', active: 'maybe' },
    { displayName: 'Ok', kind: 'volunteer', organisationId: areas.northVale.organisationId, version: '99999999999999999999' },
    { wishes: ['x'.repeat(3000)], words: 'y'.repeat(5000), feeling: '9', carryOn: 'perhaps', volunteerId: "'; drop table volunteer; --", meetsDay: '1', meetsMonth: '13', meetsYear: '2026', meetsTime: '25:99' },
  ];
  const forms = [`${base}/volunteers/new`, `${base}/volunteers/${R.volunteerId}`, `${base}/introductions/${R.introductionId}/meeting`, `${base}/introductions/${R.introductionId}/met`, `${base}/introductions/${R.introductionId}/end`];
  for (const url of forms) {
    for (const body of junk) {
      await lead.get(`${base}/volunteers/new`);
      const r = await lead.post(url, body);
      assert.ok(r.statusCode < 500, `${url} ${r.statusCode}`);
    }
  }
  for (const url of [`${youngUrl()}/volunteer/wishes`, `${youngUrl()}/volunteer/choose`, `${youngUrl()}/introductions/${R.introductionId}`]) {
    for (const body of junk) {
      await young.get(`${youngUrl()}/volunteer`);
      const r = await young.post(url, body);
      assert.ok(r.statusCode < 500, `${url} ${r.statusCode}`);
    }
  }
  const org = await lead.post(`${base}/volunteers/new`, { displayName: 'Org', kind: 'volunteer', organisationId: areas.northVale.organisationId, active: 'yes' });
  assert.equal(org.statusCode, 422);
  assert.match(org.body, /Choose an organisation from the list/);
});

test('the young person\'s suggestions and the staff pages read the same number of queries for 3 volunteers or 23', async () => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const y = new Client(counted);
    await y.signIn('only-young-person@riverside.example');
    const l = new Client(counted);
    await l.signIn('lead@riverside.example');
    const measure = async () => {
      const counts: number[] = [];
      for (const [client, url] of [[y, `${youngUrl()}/volunteer`], [l, `${base}/volunteers`], [l, `${base}/introductions`]] as const) {
        counter.reset();
        assert.equal((await client.get(url)).statusCode, 200, url);
        counts.push(counter.count());
      }
      return counts;
    };
    const before = await measure();
    for (let n = 0; n < 20; n += 1) {
      const id = await createVolunteer(t.db, R.id, null, input({ displayName: `Many ${n}`, interests: ['football'] }));
      if (n < 5) {
        await young.get(`${youngUrl()}/volunteer`);
        await young.post(`${youngUrl()}/volunteer/choose`, { volunteerId: id });
      }
    }
    assert.deepEqual(await measure(), before);
  } finally {
    await counted.close();
  }
});
