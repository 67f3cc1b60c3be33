/**
 * Panels, the setup part (issue 16 §1), as a lead uses it through HTTP (CSRF and sessions on, a real
 * database): starting an interview panel or a grant round (errors keep what was typed, money in
 * pounds stored as pence), the panel's page (the weights in words, members' checklists at a glance,
 * the other parts' pages), its details (someone else's save keeps what was typed), who may do any
 * of it, audit lines, and a page whose query count does not grow with its members.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, seededApp, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { testActivity } from '../../testing/activities.ts';
import { createActivity } from '../activities/activities.service.ts';
import { findAreaBySlug, listOrganisations } from '../areas/areas.service.ts';
import { findPanel } from './core.ts';
import { addYoungMember } from './members.service.ts';
import { parsePounds } from '../../lib/money.ts';
import { createPanel } from './setup.service.ts';

let app: FastifyInstance;
let t: TestDb;
let close: () => Promise<void>;
let areaId: string;
let lead: Client;
const orgs = new Map<string, string>();

before(async () => {
  ({ app, t, close } = await seededApp());
  areaId = (await findAreaBySlug(t.db, 'riverside'))!.id;
  for (const o of await listOrganisations(t.db, areaId)) orgs.set(o.name, o.id);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
});
after(() => close());

async function newActivity(organisation = 'Riverside Youth Voice'): Promise<string> {
  return (await createActivity(t.db, areaId, null, testActivity({ title: 'Youth worker recruitment', organisationId: orgs.get(organisation) ?? null }))).id;
}

const listUrl = (activityId: string) => `/a/riverside/activities/${activityId}/panels`;
const audited = async (action: string, subjectId: string) =>
  !!(await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select('id').where('action', '=', action).where('subject_id', '=', subjectId).executeTakeFirst()));
const panelOf = (id: string) => withArea(t.db, areaId, (tx) => findPanel(tx, areaId, id));

test('money typed as people type it becomes pence', () => {
  assert.equal(parsePounds('£1,250'), 125_000);
  assert.equal(parsePounds('1250'), 125_000);
  assert.equal(parsePounds('1,250.50'), 125_050);
  assert.equal(parsePounds('£ 5000.5'), 500_050);
  for (const bad of ['', 'lots', '1,25', '12.345', '-5', '£', '1e5']) assert.equal(parsePounds(bad), undefined, bad);
});

test('a lead starts an interview panel from the activity; it is audited and linked from the activity page', async () => {
  const activityId = await newActivity();
  const activityPage = await lead.get(`/a/riverside/activities/${activityId}`);
  assert.match(activityPage.body, new RegExp(`href="${listUrl(activityId)}"`));
  await lead.get(listUrl(activityId));
  const made = await lead.post(listUrl(activityId), { kind: 'interview', title: 'Youth worker interviews', purpose: 'A youth worker for the Friday club' });
  assert.equal(made.statusCode, 303, made.body.slice(0, 400));
  const panelId = String(made.headers.location).split('/').pop()!;
  const panel = (await panelOf(panelId))!;
  assert.equal(panel.kind, 'interview');
  assert.equal(panel.youthWeight, 50);
  assert.equal(panel.potPence, null);
  assert.ok(await audited('panel.created', panelId));
  const list = await lead.get(listUrl(activityId));
  assert.match(list.body, /Youth worker interviews/);
});

test('a grant round needs its pot and closing date; errors keep what was typed; pounds are stored as pence', async () => {
  const activityId = await newActivity();
  await lead.get(listUrl(activityId));
  const wrong = await lead.post(listUrl(activityId), { kind: 'grant', title: 'Summer fund', purpose: 'Clubs in the holidays', pot: 'lots', closesDay: '31', closesMonth: '2', closesYear: '2027' });
  assert.equal(wrong.statusCode, 422);
  const page = readPage(wrong.body);
  assert.match(page.errorSummary().join(' '), /Enter the money in pounds/);
  assert.match(page.errorSummary().join(' '), /real date/);
  assert.equal(page.document.querySelector<HTMLInputElement>('#title')!.value, 'Summer fund');
  assert.equal(page.document.querySelector<HTMLInputElement>('#pot')!.value, 'lots');
  const made = await lead.post(listUrl(activityId), { kind: 'grant', title: 'Summer fund', purpose: 'Clubs in the holidays', pot: '£1,250.50', closesDay: '27', closesMonth: '3', closesYear: '2027', closesTime: '5pm' });
  assert.equal(made.statusCode, 303);
  const panel = (await panelOf(String(made.headers.location).split('/').pop()!))!;
  assert.equal(panel.potPence, 125_050);
  assert.equal(panel.closesAt!.toISOString(), '2027-03-27T17:00:00.000Z');
  const shown = await lead.get(String(made.headers.location));
  assert.match(shown.body, /£1,250\.50/);
  assert.match(shown.body, /\/round"/);
});

test("the panel's page states the weights up front, shows members' checklists and links to the other parts", async () => {
  const activityId = await newActivity();
  const panel = await createPanel(t.db, areaId, null, { activityId, kind: 'interview', title: 'Play worker panel' });
  await addYoungMember(t.db, areaId, null, panel.id, { kind: 'young_person', displayName: 'Ali', ageBand: '12_15' });
  const r = await lead.get(`/a/riverside/panels/${panel.id}`);
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /Young people&#39;s scores count for 50% of the result; adults&#39; \(staff and parent carers\) for 50%\./);
  assert.match(r.body, /Ali/);
  assert.match(r.body, /Still to do: training, their own yes, a parent carer&#39;s consent, conflict of interest, ground rules/);
  for (const part of ['questions', 'criteria', 'score', 'moderation', 'decision', 'members', 'candidates', 'time', 'edit']) assert.match(r.body, new RegExp(`href="/a/riverside/panels/${panel.id}/${part}"`), part);
  assert.doesNotMatch(r.body, /\/round"/);
});

test("editing the details: saved and audited; someone else's save first keeps what was typed", async () => {
  const activityId = await newActivity();
  const panel = await createPanel(t.db, areaId, null, { activityId, kind: 'interview', title: 'Mentor panel' });
  const url = `/a/riverside/panels/${panel.id}/edit`;
  await lead.get(url);
  const bad = await lead.post(url, { title: 'Mentor panel', purpose: '', youthWeight: '150', scale: 'stars', version: '1' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /Enter a number from 0 to 100/);
  const saved = await lead.post(url, { title: 'Mentor interviews', purpose: 'A peer mentor', youthWeight: '60%', scale: 'stars', version: '1' });
  assert.equal(saved.statusCode, 303);
  const after1 = (await panelOf(panel.id))!;
  assert.equal(after1.youthWeight, 60);
  assert.equal(after1.scale, 'stars');
  assert.equal(after1.version, 2);
  assert.ok(await audited('panel.changed', panel.id));
  const page = await lead.get(`/a/riverside/panels/${panel.id}`);
  assert.match(page.body, /count for 60% of the result; adults&#39; \(staff and parent carers\) for 40%/);
  // A second lead's form, made before that save, is now stale.
  const stale = await lead.post(url, { title: 'My own title', purpose: 'Typed by me', youthWeight: '70', scale: 'faces', version: '1' });
  assert.equal(stale.statusCode, 409);
  const form = readPage(stale.body);
  assert.match(form.errorSummary().join(' '), /Someone else saved this panel/);
  assert.equal(form.document.querySelector<HTMLInputElement>('#title')!.value, 'My own title');
  assert.equal(form.document.querySelector<HTMLInputElement>('#youthWeight')!.value, '70');
  assert.equal(form.hiddenValue('version'), '2');
  assert.equal((await panelOf(panel.id))!.title, 'Mentor interviews');
});

test("a practitioner may manage panels of their own organisation's activities only; a decision maker reads", async () => {
  const own = await newActivity('Riverside NHS Trust');
  const other = await newActivity('Riverside Youth Voice');
  const practitioner = new Client(app);
  await practitioner.signIn('practitioner@riverside.example');
  await practitioner.get(listUrl(own));
  assert.equal((await practitioner.post(listUrl(own), { kind: 'interview', title: 'Nurse panel' })).statusCode, 303);
  assert.equal((await practitioner.get(listUrl(other))).statusCode, 403);
  assert.equal((await practitioner.post(listUrl(other), { kind: 'interview', title: 'Sneaky' })).statusCode, 403);
  const otherPanel = await createPanel(t.db, areaId, null, { activityId: other, kind: 'interview', title: 'Not theirs' });
  assert.equal((await practitioner.get(`/a/riverside/panels/${otherPanel.id}`)).statusCode, 403);
  const dm = new Client(app);
  await dm.signIn('decision-maker@riverside.example');
  const read = await dm.get(`/a/riverside/panels/${otherPanel.id}`);
  assert.equal(read.statusCode, 200);
  assert.doesNotMatch(read.body, /\/edit"/);
  assert.equal((await dm.get(`/a/riverside/panels/${otherPanel.id}/edit`)).statusCode, 403);
  const parent = new Client(app);
  await parent.signIn('parent@riverside.example');
  assert.equal((await parent.get(`/a/riverside/panels/${otherPanel.id}`)).statusCode, 403);
});

test("the panel's page and the members page make as many queries for 12 members as for 1", async () => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const client = new Client(counted);
    await client.signIn('lead@riverside.example');
    const activityId = await newActivity();
    const panel = await createPanel(t.db, areaId, null, { activityId, kind: 'interview', title: 'Counted panel' });
    await addYoungMember(t.db, areaId, null, panel.id, { kind: 'young_person', displayName: 'One', ageBand: '16_18' });
    const measure = async (url: string) => {
      counter.reset();
      assert.equal((await client.get(url)).statusCode, 200);
      return counter.count();
    };
    const pages = [`/a/riverside/panels/${panel.id}`, `/a/riverside/panels/${panel.id}/members`, `/a/riverside/panels/${panel.id}/time`];
    const few: number[] = [];
    for (const p of pages) few.push(await measure(p));
    for (let i = 0; i < 11; i += 1) await addYoungMember(t.db, areaId, null, panel.id, { kind: 'young_person', displayName: `Member ${i}`, ageBand: '12_15' });
    for (const [i, p] of pages.entries()) assert.equal(await measure(p), few[i], p);
  } finally {
    await counted.close();
  }
});
