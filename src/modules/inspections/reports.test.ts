/**
 * A visit's report, through HTTP as a lead uses it (CSRF and sessions on, a real database): what it
 * shows (inspectors as numbers, never names), writing the summaries (a stale edit keeps the words),
 * sending it (the rating fixed, the provider's email with a working link and no names, the audit),
 * the re-inspection the programme's own rule asks for (once, and never above the line), findings
 * becoming contributions once (a note held for safeguarding stays held), and query counts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import { sendReport } from './reports.service.ts';
import { newCriterion, newInspector, newProvider, newVisit, rate, reportUrl, setRules, type Area } from './reports.test-support.ts';

let app: FastifyInstance;
let t: TestDb;
let areas: TwoAreas;
let area: Area;
let lead: Client;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  area = areas.riverside;
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
});
after(async () => {
  await app.close();
  await t.drop();
});

const url = (visitId: string) => reportUrl('riverside', area.programmeId, visitId);
const visitRow = (visitId: string) => withArea(t.db, area.id, (tx) => tx.selectFrom('inspection_visit').selectAll().where('id', '=', visitId).executeTakeFirstOrThrow());
const reinspections = (visitId: string) => withArea(t.db, area.id, (tx) => tx.selectFrom('inspection_visit').select(['id', 'activity_id', 'provider_id']).where('reinspection_of', '=', visitId).execute());
const emailsTo = (recipient: string) => t.owner.selectFrom('outbox_message').select(['subject', 'body']).where('recipient', '=', recipient).orderBy('created_at').execute();
// As the owner: contributions held for safeguarding are behind the wall for the app's role.
const findings = (visitId: string) => t.owner.selectFrom('contribution').select(['source_key', 'safeguarding_hold', 'channel', 'activity_id']).where('source_key', 'like', `finding:${visitId}:%`).execute() as Promise<Array<{ source_key: string; safeguarding_hold: boolean; channel: string; activity_id: string }>>;

async function send(visitId: string): Promise<ReturnType<Client['post']>> {
  await lead.get(`${url(visitId)}/send`);
  return lead.post(`${url(visitId)}/send`);
}

test('the report shows each criterion, its average and each inspector as a number, never a name', async () => {
  const visitId = await newVisit(t.db, area);
  const ana = await newInspector(t.db, area, 'Anastasia Quill');
  const ben = await newInspector(t.db, area, 'Benedikt Zorro');
  await rate(t.db, area, visitId, area.inspectionCriterionId, ana, 4, 'The ramp was easy.');
  await rate(t.db, area, visitId, area.inspectionCriterionId, ben, 5, 'Wide doors everywhere.');
  const page = await lead.get(url(visitId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Easy to get in/);
  assert.match(page.body, /4.5 out of 5/);
  assert.match(page.body, /Inspector 1/);
  assert.match(page.body, /Inspector 2/);
  assert.match(page.body, /The ramp was easy\./);
  assert.doesNotMatch(page.body, /Anastasia|Benedikt|Quill|Zorro/);
  // Numbered in the team's order, stable however often it is read.
  assert.ok(page.body.indexOf('The ramp was easy.') < page.body.indexOf('Wide doors everywhere.'));
  const again = await lead.get(url(visitId));
  assert.equal(again.body.indexOf('Inspector 1') > 0, true);
});

test('writing the summaries saves both; a stale edit keeps what was typed and says someone saved first', async () => {
  const visitId = await newVisit(t.db, area);
  await lead.get(url(visitId));
  const version = (await visitRow(visitId)).version;
  const saved = await lead.post(url(visitId), { summary: 'A warm welcome.', easyReadSummary: 'It was nice.', version: String(version) });
  assert.equal(saved.statusCode, 303);
  const row = await visitRow(visitId);
  assert.equal(row.summary, 'A warm welcome.');
  assert.equal(row.easy_read_summary, 'It was nice.');
  await lead.get(url(visitId));
  const stale = await lead.post(url(visitId), { summary: 'My own careful words.', easyReadSummary: 'Mine.', version: String(version) });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else saved this report first/);
  assert.match(stale.body, /My own careful words\./);
  assert.equal((await visitRow(visitId)).summary, 'A warm welcome.');
  const long = await lead.post(url(visitId), { summary: 'x'.repeat(10001), easyReadSummary: '', version: String(row.version) });
  assert.equal(long.statusCode, 422);
  assert.match(long.body, /10000 characters or fewer/);
});

test('sending fixes the rating, emails the provider a working link with no names, and is audited', async () => {
  const providerId = await newProvider(t.db, area, 'Sunny Days Club', 'sunny@example.com');
  const visitId = await newVisit(t.db, area, { providerId });
  const cara = await newInspector(t.db, area, 'Carolina Wispington');
  await rate(t.db, area, visitId, area.inspectionCriterionId, cara, 5, 'Loved the quiet room.');
  const confirm = await lead.get(`${url(visitId)}/send`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Send the report to the provider\?/);
  assert.match(confirm.body, /The summary is not written yet/);
  const sent = await lead.post(`${url(visitId)}/send`);
  assert.equal(sent.statusCode, 303);
  const row = await visitRow(visitId);
  assert.equal(row.status, 'reported');
  assert.equal(row.overall_rating, '5.0');
  assert.ok(row.reported_at && row.findings_made_at && row.provider_token_hash);
  assert.ok(row.provider_token_expires_at!.getTime() > Date.now() + 59 * 86_400_000);
  const [email] = await emailsTo('sunny@example.com');
  assert.ok(email, 'the provider is emailed');
  assert.doesNotMatch(email.body, /Carolina|Wispington/);
  const link = /http\S+\/a\/riverside\/provider-report\/(\S+)/.exec(email.body);
  assert.ok(link, email.body);
  const provider = new Client(app);
  const opened = await provider.get(new URL(link[0]).pathname);
  assert.equal(opened.statusCode, 200);
  assert.match(opened.body, /Loved the quiet room\./);
  assert.doesNotMatch(opened.body, /Carolina|Wispington/);
  const audited = await withArea(t.db, area.id, (tx) => tx.selectFrom('audit_event').select('action').where('subject_id', '=', visitId).where('action', '=', 'inspection.report.sent').execute());
  assert.equal(audited.length, 1);
  // The summaries are fixed now; a second send changes nothing.
  const page = await lead.get(url(visitId));
  assert.doesNotMatch(page.body, /name="summary"/);
  await send(visitId);
  assert.equal((await emailsTo('sunny@example.com')).length, 1);
});

test('nothing rated: the report cannot be sent and says why', async () => {
  const visitId = await newVisit(t.db, area);
  const refused = await send(visitId);
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /No young inspector has rated this visit yet/);
  assert.equal((await visitRow(visitId)).status, 'visited');
});

test('at or below the programme line a re-inspection is planned once, on the page; above it never', async () => {
  const low = await newVisit(t.db, area);
  const dan = await newInspector(t.db, area, 'Dan Inspector');
  await rate(t.db, area, low, area.inspectionCriterionId, dan, 2, 'Steps only.');
  await send(low);
  const planned = await reinspections(low);
  assert.equal(planned.length, 1);
  assert.equal(planned[0]!.provider_id, area.providerId);
  const page = await lead.get(url(low));
  assert.match(page.body, /Re-inspection planned for/);
  assert.ok(page.body.includes(`/visits/${planned[0]!.id}`));
  // Sending again (and the service called again) plans nothing more.
  await send(low);
  await assert.rejects(sendReport(t.db, null, area.id, area.programmeId, low, (tok) => tok));
  assert.equal((await reinspections(low)).length, 1);

  const high = await newVisit(t.db, area);
  await rate(t.db, area, high, area.inspectionCriterionId, dan, 4, 'Good.');
  await send(high);
  assert.equal((await reinspections(high)).length, 0);
  assert.doesNotMatch((await lead.get(url(high))).body, /Re-inspection planned/);
});

test("the programme's own rule decides: a 2-star visit is not re-inspected when the line is 1", async () => {
  const programmeId = areas.riverside.programmeId;
  await setRules(t.db, area, { reinspectAtOrBelow: 1, standardAtOrAbove: 2 }, programmeId);
  try {
    const visitId = await newVisit(t.db, area);
    const eve = await newInspector(t.db, area, 'Eve Inspector');
    await rate(t.db, area, visitId, area.inspectionCriterionId, eve, 2, '');
    await send(visitId);
    assert.equal((await visitRow(visitId)).status, 'reported');
    assert.equal((await reinspections(visitId)).length, 0);
  } finally {
    await setRules(t.db, area, { reinspectAtOrBelow: 3, standardAtOrAbove: 4 }, programmeId);
  }
});

test('every note becomes a contribution once, under the key it was screened with; a held note stays held', async () => {
  const visitId = await newVisit(t.db, area);
  const fay = await newInspector(t.db, area, 'Fay Inspector');
  const gus = await newInspector(t.db, area, 'Gus Inspector');
  await rate(t.db, area, visitId, area.inspectionCriterionId, fay, 3, 'The toilets were locked.');
  const worrying = 'my step dad hits me';
  await rate(t.db, area, visitId, area.inspectionCriterionId, gus, 3, worrying);
  // The inspector's page screened the note as it was typed, under the finding's key.
  const key = `finding:${visitId}:${area.inspectionCriterionId}:${gus}`;
  await withArea(t.db, area.id, (tx) => screenText(tx, area.id, { channel: 'inspection', sourceKey: key, text: worrying, activityId: area.activityId }));
  await send(visitId);
  const made = await findings(visitId);
  assert.equal(made.length, 2);
  assert.ok(made.every((c) => c.channel === 'inspection' && c.activity_id === area.activityId));
  assert.equal(made.find((c) => c.source_key === key)!.safeguarding_hold, true);
  assert.equal(made.find((c) => c.source_key !== key)!.safeguarding_hold, false);
  // The report page does not show the held words.
  const page = await lead.get(url(visitId));
  assert.doesNotMatch(page.body, /step dad/);
  assert.match(page.body, /with the safeguarding lead/);
  await send(visitId);
  assert.equal((await findings(visitId)).length, 2);
});

test('a decision maker reads the report but cannot write or send it; another area finds nothing', async () => {
  const visitId = await newVisit(t.db, area);
  const viewer = new Client(app);
  await viewer.signIn('only-decision-maker@riverside.example');
  assert.equal((await viewer.get(url(visitId))).statusCode, 200);
  assert.doesNotMatch((await viewer.get(url(visitId))).body, /name="summary"/);
  assert.equal((await viewer.get(`${url(visitId)}/send`)).statusCode, 403);
  // Another area's programme and visit through this area's address: not found.
  const other = await lead.get(reportUrl('riverside', areas.northVale.programmeId, areas.northVale.visitId));
  assert.equal(other.statusCode, 404);
  assert.equal((await lead.get(reportUrl('riverside', area.programmeId, areas.northVale.visitId))).statusCode, 404);
});

test('the easy-read report: symbols, stars in words; not for people outside the programme', async () => {
  const visitId = await newVisit(t.db, area);
  const hal = await newInspector(t.db, area, 'Hal Inspector');
  await rate(t.db, area, visitId, area.inspectionCriterionId, hal, 4, '');
  const page = await lead.get(`${url(visitId)}/easy-read`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /4 stars out of 5/);
  assert.match(page.body, /Good/);
  assert.match(page.body, /openmoji|symbols/i);
  const stranger = new Client(app);
  assert.equal((await stranger.get(`${url(visitId)}/easy-read`)).statusCode, 404);
  // A young inspector of this programme with an account reads it; a young person who is not one does not.
  const youngPerson = new Client(app);
  await youngPerson.signIn('only-young-person@riverside.example');
  assert.equal((await youngPerson.get(`${url(visitId)}/easy-read`)).statusCode, 404);
  const now = new Date();
  await withArea(t.db, area.id, (tx) =>
    tx.insertInto('panel_member').values({ area_id: area.id, panel_id: area.inspectorPanelId, member_kind: 'young_person', account_id: areas.riverside.memberIds.young_person, display_name: 'Account Inspector', training_done_at: now, consent_at: now, parental_consent_at: now, conflict: 'none', conflict_declared_at: now, rules_agreed_at: now }).execute(),
  );
  const mine = await youngPerson.get(`${url(visitId)}/easy-read`);
  assert.equal(mine.statusCode, 200);
  assert.match(mine.body, /4 stars out of 5/);
  assert.doesNotMatch(mine.body, /Hal Inspector/);
});

test('the report page makes the same number of queries for 1 inspector and 1 criterion as for 6 and 5', async () => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const client = new Client(counted);
    await client.signIn('lead@riverside.example');
    const small = await newVisit(t.db, area);
    const one = await newInspector(t.db, area, 'Solo Inspector');
    await rate(t.db, area, small, area.inspectionCriterionId, one, 3, 'ok');
    const big = await newVisit(t.db, area);
    const criteria = [area.inspectionCriterionId];
    for (let i = 0; i < 4; i += 1) criteria.push(await newCriterion(t.db, area, `Extra criterion ${i}`, 10 + i));
    for (let i = 0; i < 6; i += 1) {
      const m = await newInspector(t.db, area, `Many ${i}`);
      for (const c of criteria) await rate(t.db, area, big, c, m, 1 + (i % 5), `note ${i}`);
    }
    await client.get(reportUrl('riverside', area.programmeId, small));
    counter.reset();
    assert.equal((await client.get(reportUrl('riverside', area.programmeId, small))).statusCode, 200);
    const few = counter.count();
    counter.reset();
    assert.equal((await client.get(reportUrl('riverside', area.programmeId, big))).statusCode, 200);
    assert.equal(counter.count(), few);
  } finally {
    await counted.close();
  }
});
