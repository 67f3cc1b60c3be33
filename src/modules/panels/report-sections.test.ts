/**
 * The board report's panels section (issue 16 §3) on a known data set: panels decided in the period
 * by kind, candidates decided (1–7 hidden), the weights, how often the young people's top choice was
 * appointed or funded, grant money awarded and left; no names; a fixed number of queries.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withArea } from '../../db/db.ts';
import type { Db } from '../../db/database.ts';
import { translator } from '../../lib/messages/messages.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import type { SectionContext } from '../reports/index.ts';
import { createPanelIn, findMember } from './core.ts';
import { panelsReportSections } from './report-sections.service.ts';
import { recordDecision, recordOutcome, sendScores } from './scoring.service.ts';

let t: TestDb;
let areas: TwoAreas;
const NOW = new Date();
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
});
after(async () => {
  await t.drop();
});

const section = panelsReportSections.find((s) => s.key === 'panels.decisions')!;
const context = (db: Db, from = day(-1), to = day(1)): SectionContext => ({ db, areaId: areas.northVale.id, scope: { kind: 'area' }, from, to, t: translator('en'), lang: 'en', now: NOW });

/**
 * A decided panel: candidates A and B, one criterion, one young member scoring A `youthA` and B
 * `youthB`, then the outcomes given.
 */
async function decidedPanel(kind: 'interview' | 'grant', youthWeight: number, youthA: number, youthB: number, outcomes: [string, number | null][], pot: number | null = null) {
  const areaId = areas.northVale.id;
  const ids = await withArea(t.db, areaId, async (tx) => {
    const panel = await createPanelIn(tx, areaId, null, { activityId: areas.northVale.activityId, kind, title: `Report panel named Secret ${kind}`, youthWeight, potPence: pot });
    await tx.updateTable('panel').set({ status: 'scoring' }).where('id', '=', panel.id).execute();
    const a = await tx.insertInto('panel_candidate').values({ area_id: areaId, panel_id: panel.id, label: 'Candidate A', name: 'Hidden Name Alpha', position: 1 }).returning('id').executeTakeFirstOrThrow();
    const b = await tx.insertInto('panel_candidate').values({ area_id: areaId, panel_id: panel.id, label: 'Candidate B', name: 'Hidden Name Beta', position: 2 }).returning('id').executeTakeFirstOrThrow();
    const c = await tx.insertInto('panel_criterion').values({ area_id: areaId, panel_id: panel.id, title: 'Listens', weight: 1, position: 1 }).returning('id').executeTakeFirstOrThrow();
    const now = new Date();
    const m = await tx
      .insertInto('panel_member')
      .values({ area_id: areaId, panel_id: panel.id, member_kind: 'young_person', display_name: 'Youth Name Gamma', age_band: '16_18', code_hash: hashToken(newToken()), training_done_at: now, consent_at: now, conflict: 'none', rules_agreed_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { panelId: panel.id, a: a.id, b: b.id, c: c.id, m: m.id };
  });
  const member = (await withArea(t.db, areaId, (tx) => findMember(tx, areaId, ids.panelId, ids.m)))!;
  await sendScores(t.db, areaId, member, ids.a, { scores: { [ids.c]: youthA }, comment: '' });
  await sendScores(t.db, areaId, member, ids.b, { scores: { [ids.c]: youthB }, comment: '' });
  for (const [i, [outcome, award]] of outcomes.entries()) {
    await recordOutcome(t.db, areaId, null, ids.panelId, i === 0 ? ids.a : ids.b, { outcome: outcome as never, reason: '', feedback: '', awardPence: award });
  }
  await recordDecision(t.db, areaId, null, ids.panelId, 'Decided');
}

test('a known set: panels by kind, candidates hidden when 1–7, the weights, the youth top choice, money; no names; fixed queries', async () => {
  // Interview, young people 50%: youth A 5, B 2 → top A, appointed → a match.
  await decidedPanel('interview', 50, 5, 2, [['appointed', null], ['not_appointed', null]]);
  // Grant, young people 70%, pot £1,000: youth A 3, B 4 → top B, but A funded £600 → no match.
  await decidedPanel('grant', 70, 3, 4, [['funded', 60_000], ['not_funded', null]], 100_000);

  const counter = countingDb(t.db);
  counter.reset();
  const content = await section.build(context(counter.db));
  const queriesTwo = counter.count();
  assert.equal(content.empty, false);
  const text = JSON.stringify(content);
  assert.match(content.paragraphs.join(' '), /between 50% and 70%/);
  assert.match(content.paragraphs.join(' '), /awarded £600; £400 is left/);
  // Two panels, exact; 4 candidates are people: a count of 1–7, hidden. The young people's top
  // choice was chosen on 1 panel: panels are not people, so it is shown (never "fewer than 8 of 2").
  assert.equal(content.figures[0]!.value, 2);
  assert.equal(content.figures[1]!.value, null);
  assert.equal(content.figures[1]!.suppression, 'small');
  assert.equal(content.figures[2]!.value, 1);
  assert.match(content.paragraphs.join(' '), /on 1 of 2 panels/);
  const byKind = content.tables.find((x) => x.id === 'by_kind')!;
  assert.deepEqual(byKind.rows.map((r) => (r[1] as { value: number }).value), [1, 1]);
  assert.ok(byKind.rows.every((r) => (r[2] as { value: number | null }).value === null));
  const money = content.tables.find((x) => x.id === 'money')!;
  assert.deepEqual(money.rows[0], ['£1,000', '£600', '£400']);
  for (const secret of ['Hidden Name', 'Youth Name', 'Secret', 'Candidate A']) assert.doesNotMatch(text, new RegExp(secret));

  // Outside the period: empty.
  const before = await section.build(context(t.db, day(-30), day(-10)));
  assert.equal(before.empty, true);

  // Twice the panels: the same number of queries.
  await decidedPanel('interview', 50, 4, 1, [['appointed', null], ['reserve', null]]);
  await decidedPanel('interview', 50, 1, 4, [['appointed', null], ['reserve', null]]);
  counter.reset();
  const more = await section.build(context(counter.db));
  assert.equal(counter.count(), queriesTwo);
  assert.equal(more.figures[0]!.value, 4);
  // Young people's top choice chosen on 2 of 4 panels (the first and third).
  assert.match(more.paragraphs.join(' '), /of 4 panels/);
});
