/**
 * The evaluation module's report sections (issue 14 §1) on a data set built by hand: each section's
 * figures, the period (an activity held outside it, or a rating given outside it, is not counted),
 * the scope (an organisation's, a service's), counts of people from 1 to 7 hidden (and one more
 * where a total is shown), easy-read lines, empty periods, and the same number of queries for 10
 * activities as for 1,000.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { testActivity } from '../../testing/activities.ts';
import { DEMO_PASSWORD, createTestDb, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { insertResponse } from '../../testing/responses.ts';
import { seedDemo } from '../../seed/seed.ts';
import { createActivity } from '../activities/activities.service.ts';
import { addOrganisation, createArea, findAreaBySlug, listOrganisations } from '../areas/areas.service.ts';
import type { Cell, ReportScope, ReportTable, SectionContent, SectionContext } from '../reports/index.ts';
import { evaluationReportSections } from './report-sections.service.ts';

const t = translator('en');
const FROM = '2026-01-01';
const TO = '2026-06-30';
const IN = new Date('2026-03-15T12:00:00Z');
const BEFORE = new Date('2025-10-01T12:00:00Z');

let db: TestDb;
let areaId: string;
let orgA: string;
let orgB: string;
const ids = {} as Record<'club' | 'survey' | 'old' | 'draft', string>;

function context(scope: ReportScope = { kind: 'area' }, from = FROM, to = TO, onDb: Db = db.db, area = areaId): SectionContext {
  return { db: onDb, areaId: area, scope, from, to, t, lang: 'en', now: new Date('2026-07-01T09:00:00Z') };
}

function section(key: string) {
  const s = evaluationReportSections.find((x) => x.key === key);
  assert.ok(s, key);
  return s;
}

const build = (key: string, scope?: ReportScope, from?: string, to?: string) => section(key).build(context(scope, from, to));
const figure = (c: SectionContent, label: string) => c.figures.find((f) => f.label === label);
const row = (table: ReportTable, label: string) => table.rows.find((r) => r[0] === label)!;
const value = (cell: Cell | undefined) => (typeof cell === 'string' || cell === undefined ? cell : cell.value);

async function activity(title: string, organisationId: string, startsAt: Date, options: { status?: string; planned?: string | null; services?: string[]; audience?: 'children_young_people' | 'parent_carers' | 'both' } = {}) {
  const a = await createActivity(db.db, areaId, null, testActivity({ organisationId, title, audience: options.audience ?? 'children_young_people' }));
  await withArea(db.db, areaId, (tx) =>
    tx
      .updateTable('activity')
      .set({ status: options.status ?? 'closed', starts_at: startsAt, planned_level: options.planned ?? null, services: options.services ?? [] })
      .where('id', '=', a.id)
      .execute(),
  );
  return a.id;
}

async function staffLevel(activityId: string, level: string) {
  await withArea(db.db, areaId, (tx) =>
    tx.insertInto('activity_level_rating').values({ area_id: areaId, activity_id: activityId, rung_ref: 'x', rung_name: level, ladder_name: 'Hart', common_level: level, justification: 'Because.', rated_by: null }).execute(),
  );
}

/** One rating link (a rating comes from a response or a link); its activity does not matter to the counts. */
let linkId: string | undefined;

async function participantRatings(activityId: string, level: string, count: number, at: Date = IN) {
  await withArea(db.db, areaId, async (tx) => {
    linkId ??= (
      await tx.insertInto('rating_link').values({ area_id: areaId, activity_id: activityId, code: '7KQ-4MZ', variant: 'children', created_by: null, closes_at: new Date('2030-01-01') }).returning('id').executeTakeFirstOrThrow()
    ).id;
    await sql`INSERT INTO participant_rating (area_id, activity_id, rating_link_id, step, common_level, variant, created_at)
        SELECT ${areaId}, ${activityId}, ${linkId}, 'asked_us', ${level}, 'children', ${at} FROM generate_series(1, ${count})`.execute(tx);
  });
}

async function lundy(activityId: string, answers: Record<string, string[]>) {
  const rows = Object.entries(answers).flatMap(([element, list]) =>
    list.map((answer, i) => ({ area_id: areaId, activity_id: activityId, template_id: 'lundy_2015', item_id: `lundy.${element}.q${i + 1}`, answer, proposed: null, answered_by: null })),
  );
  await withArea(db.db, areaId, (tx) => tx.insertInto('lundy_answer').values(rows).execute());
}

before(async () => {
  db = await createTestDb();
  const area = await createArea(db.db, { slug: 'testshire', name: 'Testshire SEND Partnership', contactEmail: 'hello@testshire.example' });
  areaId = area.id;
  orgA = (await addOrganisation(db.db, areaId, null, { name: 'Testshire Council', kind: 'council' })).id;
  orgB = (await addOrganisation(db.db, areaId, null, { name: 'Testshire Youth Trust', kind: 'charity' })).id;

  // Held in the period: the club (org A), rated co-design by staff, "asked" (consult) by 10 children.
  ids.club = await activity('Help us plan the new Saturday club', orgA, IN, { planned: 'co_design' });
  await staffLevel(ids.club, 'co_design');
  await participantRatings(ids.club, 'consult', 10);
  // Held in the period: the survey (org B, short breaks), consult, 3 ratings (fewer than 8).
  ids.survey = await activity('Short breaks survey', orgB, new Date('2026-04-01T09:00:00Z'), { planned: 'consult', services: ['short_breaks'], audience: 'parent_carers' });
  await staffLevel(ids.survey, 'consult');
  await participantRatings(ids.survey, 'inform', 3);
  // Held before the period (org A): rated co-produce, 9 ratings given before the period.
  ids.old = await activity('Last year\'s forum', orgA, BEFORE, { planned: 'co_produce' });
  await staffLevel(ids.old, 'co_produce');
  await participantRatings(ids.old, 'co_produce', 9, BEFORE);
  // A draft dated in the period is not an activity held.
  ids.draft = await activity('A draft', orgA, IN, { status: 'draft', planned: 'inform' });

  await lundy(ids.club, { space: ['yes', 'yes', 'yes'], voice: ['yes', 'partly', 'no'], audience: ['no', 'no', 'not_applicable'], influence: ['yes', 'yes', 'no'] });
  await lundy(ids.survey, { space: ['yes', 'yes', 'yes'], voice: ['yes', 'yes', 'yes'], audience: ['partly', 'no', 'no'], influence: ['no', 'no', 'no'] });
  await lundy(ids.old, { space: ['no', 'no', 'no'], voice: ['no', 'no', 'no'], audience: ['no', 'no', 'no'], influence: ['no', 'no', 'no'] });
});

after(async () => {
  await db?.drop();
});

test('the sections are registered once each, for the board report, each answering one of the four questions', () => {
  const keys = evaluationReportSections.map((s) => s.key);
  assert.deepEqual([...keys].sort(), ['evaluation.changes', 'evaluation.charter', 'evaluation.impact', 'evaluation.levels', 'evaluation.lundy', 'evaluation.representation']);
  for (const s of evaluationReportSections) {
    assert.ok(s.kinds.includes('board'), s.key);
    assert.ok(s.question, s.key);
    assert.doesNotMatch(s.title(t), /evaluation\.reports/, s.key);
  }
});

test('levels: the period\'s activities by planned and achieved level, the participants\' ratings with 1 to 7 hidden, and the disagreement', async () => {
  const c = await build('evaluation.levels');
  assert.equal(c.empty, false);
  assert.equal(value(figure(c, 'Activities held')), 2, 'the activity held before the period and the draft are not counted');
  assert.equal(value(figure(c, 'Rated by staff')), 2);
  assert.equal(value(figure(c, 'Ratings by people who took part')), 13, 'ratings given before the period are not counted');
  assert.equal(value(figure(c, 'Activities where staff and participants disagreed')), 1);
  const table = c.tables[0]!;
  assert.deepEqual(row(table, 'Co-design').slice(1, 3).map(value), [1, 1]);
  assert.deepEqual(row(table, 'Co-produce').slice(1, 3).map(value), [0, 0], 'last year\'s co-produced forum is not in this period');
  const inform = row(table, 'Inform')[3]!;
  assert.equal(value(inform), null, '3 ratings are hidden');
  assert.equal(typeof inform !== 'string' && inform.suppression, 'small');
  const hiddenToo = table.rows.filter((r) => typeof r[3] !== 'string' && r[3]!.suppression === 'secondary');
  assert.equal(hiddenToo.length, 1, 'one more count is hidden, so the 3 cannot be worked out from the total');
  assert.equal(value(row(table, 'Consult')[3]), 10);
  assert.equal(table.rows.length, 6, 'one row per common level, no total row for the chart to draw');
  assert.ok(c.paragraphs.some((p) => p === 'Help us plan the new Saturday club: staff said co-design; young people said they were asked.'), c.paragraphs.join('\n'));
  assert.ok(c.notes.some((n) => /Chorus' own common levels/.test(n) && /Hart/.test(n)));
  assert.equal(c.charts[0]!.tableId, table.id);
  assert.ok(c.easyRead.length >= 1 && c.easyRead.length <= 3);
  assert.ok(c.easyRead.every((l) => l.symbol && /^[0-9A-F]{4,5}$/.test(l.symbol)));
  assert.equal(c.easyRead[0]!.text, 'We held 2 activities.');
  assert.equal(c.easyRead[1]!.text, 'In 1 of them, children and families helped decide.');
});

test('levels: an organisation\'s report counts only its activities and the ratings given to them; a service\'s only those tagged with it', async () => {
  const a = await build('evaluation.levels', { kind: 'organisation', organisationId: orgA });
  assert.equal(value(figure(a, 'Activities held')), 1);
  assert.equal(value(figure(a, 'Ratings by people who took part')), 10);
  const b = await build('evaluation.levels', { kind: 'service', service: 'short_breaks' });
  assert.equal(value(figure(b, 'Activities held')), 1);
  const ratings = figure(b, 'Ratings by people who took part')!;
  assert.equal(ratings.value, null, '3 ratings: fewer than 8');
  assert.equal(ratings.suppression, 'small');
  assert.ok(b.paragraphs.some((p) => p.includes('fewer than 8 people')), b.paragraphs.join('\n'));
  assert.ok(!b.paragraphs.some((p) => /\b3\b/.test(p)), 'the hidden number is in no sentence');
});

test('a period with nothing in it: every section says so kindly and is empty', async () => {
  for (const s of evaluationReportSections) {
    const c = await s.build(context({ kind: 'area' }, '2020-01-01', '2020-12-31'));
    assert.equal(c.empty, true, s.key);
    assert.ok(c.paragraphs.length === 1 && c.paragraphs[0]!.length > 20, s.key);
    assert.doesNotMatch(c.paragraphs[0]!, /evaluation\.reports|\{\{/, s.key);
  }
});

test('Lundy: per principle how many activities met it, partly or not; the weakest principle named; last year\'s checklist not counted', async () => {
  const c = await build('evaluation.lundy');
  const table = c.tables[0]!;
  // club: space met, voice partly (1.5/3), audience not (0/2), influence partly (2/3);
  // survey: space met, voice met, audience partly (0.5/3), influence not (0/3).
  assert.deepEqual(row(table, 'Space').slice(1, 5).map(value), [2, 0, 0, 100]);
  assert.deepEqual(row(table, 'Voice').slice(1, 5).map(value), [1, 1, 0, 75]);
  assert.deepEqual(row(table, 'Audience').slice(1, 5).map(value), [0, 1, 1, 10]);
  assert.deepEqual(row(table, 'Influence').slice(1, 5).map(value), [0, 1, 1, 33]);
  // All points: 6 + 4.5 + 0.5 + 2 = 13 of 3+3+3+3 + 2+3+3+3 = 23 → 57%.
  assert.equal(value(row(table, 'All principles')[4]), 57);
  assert.equal(value(figure(c, 'Activities checked')), 2);
  assert.ok(c.paragraphs.some((p) => p.startsWith('The weakest principle was Audience (10%); the strongest was Space (100%).')), c.paragraphs.join('\n'));
  assert.ok(c.easyRead.some((l) => /right people listen/.test(l.text)));
  const org = await build('evaluation.lundy', { kind: 'organisation', organisationId: orgB });
  assert.deepEqual(row(org.tables[0]!, 'Voice').slice(1, 4).map(value), [1, 0, 0]);
});

test('who took part: no population figures is an empty section with a clear sentence', async () => {
  const c = await build('evaluation.representation');
  assert.equal(c.empty, true);
  assert.match(c.paragraphs[0]!, /no population figures/);
});

test('who took part: shares against the population, the under-represented group flagged, fewer than 8 hidden, answers outside the period left out', async () => {
  await withArea(db.db, areaId, async (tx) => {
    const { id } = await tx.insertInto('population_import').values({ area_id: areaId, as_at: '2026-01-01', source: 'School census', method: 'typed', file_name: null, row_count: 2, imported_by: null }).returning('id').executeTakeFirstOrThrow();
    await tx
      .insertInto('population_count')
      .values([
        { area_id: areaId, import_id: id, organisation_id: null, characteristic: 'sex', value: 'female', count: 5000 },
        { area_id: areaId, import_id: id, organisation_id: null, characteristic: 'sex', value: 'male', count: 5000 },
      ])
      .execute();
    const respond = async (activityId: string, sex: string, n: number, at: Date) => {
      for (let i = 0; i < n; i++) {
        const r = await insertResponse(tx, areaId, { activityId, submittedAt: at, answers: [] });
        await tx.updateTable('response').set({ sex, submitted_at: at }).where('id', '=', r.id).execute();
      }
    };
    await respond(ids.club, 'female', 40, IN);
    await respond(ids.club, 'male', 10, IN);
    await respond(ids.survey, 'male', 5, IN);
    await respond(ids.old, 'male', 30, BEFORE);
  });
  const c = await build('evaluation.representation');
  assert.equal(c.empty, false);
  assert.equal(value(figure(c, 'People who told us about themselves')), 55, 'the 30 answers before the period are not counted');
  const table = c.tables[0]!;
  assert.deepEqual(row(table, 'Female').slice(1, 4).map(value), [40, 72.7, 50]);
  assert.equal(row(table, 'Male')[4], 'Fewer than expected');
  assert.ok(c.paragraphs.includes('Under-represented: Male (sex). 15 of 55 participants (27.3%), against 50.0% of the children and young people our services serve.'), c.paragraphs.join('\n'));
  assert.equal(c.charts[0]!.tableId, table.id);
  assert.ok(c.notes.some((n) => /figures for ethnic/i.test(n)), 'says which characteristics have no population figures');

  const service = await build('evaluation.representation', { kind: 'service', service: 'short_breaks' });
  assert.equal(service.empty, true, '5 people: too few to compare');
  assert.match(service.paragraphs[0]!, /^Fewer than 8 /);
  assert.doesNotMatch(JSON.stringify(service), /\b5\b/, 'the 5 appears nowhere');
});

test('what changed: activities with staff\'s answers, of the period\'s activities only', async () => {
  await withArea(db.db, areaId, (tx) =>
    tx
      .insertInto('impact_change')
      .values([
        { area_id: areaId, activity_id: ids.club, theme_response_id: null, did_differently: 'We moved the club to Saturdays.', impact_on_users: 'More families come.', recorded_by: null },
        { area_id: areaId, activity_id: ids.old, theme_response_id: null, did_differently: 'Old.', impact_on_users: 'Old.', recorded_by: null },
      ])
      .execute(),
  );
  const c = await build('evaluation.changes');
  assert.equal(value(figure(c, 'With what we did differently')), 1);
  assert.equal(value(figure(c, 'With what changed for service users')), 1);
  assert.deepEqual(c.tables[0]!.rows.map((r) => value(r[1])), [1, 1, 1]);
  assert.ok(c.paragraphs.some((p) => /1 activity has no answer yet/.test(p)));
});

test('what taking part did: first and later impact checks paired, only statements answered twice by 8 or more shown, area reports only', async () => {
  await withArea(db.db, areaId, async (tx) => {
    for (let i = 0; i < 12; i++) {
      const { id } = await tx.insertInto('impact_participant').values({ area_id: areaId, version: 'child', link_kind: 'receipt_code', link_hash: String(i).padStart(64, '0') }).returning('id').executeTakeFirstOrThrow();
      // Everyone answered self-esteem both times (9 better, 3 the same); only 5 answered confidence twice.
      const first = { self_esteem: 1, ...(i < 5 ? { confidence: 1 } : {}) };
      const later = { self_esteem: i < 9 ? 3 : 1, ...(i < 5 ? { confidence: 2 } : {}) };
      await tx.insertInto('impact_check').values({ area_id: areaId, participant_id: id, round: 1, answers: JSON.stringify(first), answered_at: BEFORE }).execute();
      await tx.insertInto('impact_check').values({ area_id: areaId, participant_id: id, round: 2, answers: JSON.stringify(later), answered_at: IN }).execute();
    }
  });
  const c = await build('evaluation.impact');
  assert.equal(c.empty, false);
  const table = c.tables[0]!;
  assert.equal(table.rows.length, 1, 'confidence, answered twice by 5, is not shown');
  assert.deepEqual(table.rows[0]!.slice(1).map(value), [12, 9, null, null], '3 the same and 0 worse: the 3 hidden and the 0 with it');
  assert.equal(value(figure(c, 'Answered it again')), 12);
  assert.equal(figure(c, 'Answered the impact check for the first time')!.value, 0, 'the first answers were before the period');
  assert.ok(c.notes.some((n) => /fewer than 8 people and is not shown/.test(n)));
  assert.ok(c.paragraphs.includes('75% of the 12 people who answered twice felt better about "I feel good about myself" than the first time.'), c.paragraphs.join('\n'));
  const org = await build('evaluation.impact', { kind: 'organisation', organisationId: orgA });
  assert.equal(org.empty, true);
  assert.match(org.paragraphs[0]!, /whole area/);
});

test('the same number of queries for each section with 10 activities as with 1,000', async (ctx) => {
  const counter = countingDb(db.db);
  const counts = async () => {
    const result: Record<string, number> = {};
    for (const s of evaluationReportSections) {
      counter.reset();
      await s.build(context({ kind: 'area' }, FROM, TO, counter.db));
      result[s.key] = counter.count();
    }
    return result;
  };
  const copy = async (n: number) =>
    withArea(db.db, areaId, async (tx) => {
      await sql`INSERT INTO activity (area_id, organisation_id, title, purpose, type, level, stage, services, audience, age_bands, contact_name, contact_email, status, starts_at, planned_level, updated_at)
        SELECT area_id, organisation_id, title || ' ' || g, purpose, type, level, stage, services, audience, age_bands, contact_name, contact_email, status, starts_at, planned_level, updated_at
        FROM activity, generate_series(1, ${n}) g WHERE id = ${ids.club}`.execute(tx);
      await sql`INSERT INTO activity_level_rating (area_id, activity_id, rung_ref, rung_name, ladder_name, common_level, justification)
        SELECT area_id, id, 'x', 'x', 'Hart', 'involve', 'Because.' FROM activity WHERE area_id = ${areaId} AND title LIKE 'Help us plan the new Saturday club %'
        AND NOT EXISTS (SELECT 1 FROM activity_level_rating r WHERE r.activity_id = activity.id)`.execute(tx);
      await sql`INSERT INTO participant_rating (area_id, activity_id, rating_link_id, step, common_level, variant, created_at)
        SELECT area_id, id, ${linkId}, 'asked_us', 'consult', 'children', ${IN} FROM activity, generate_series(1, 2) WHERE area_id = ${areaId} AND title LIKE 'Help us plan the new Saturday club %'`.execute(tx);
    });
  await copy(8);
  const ten = await counts();
  await copy(990);
  const thousand = await counts();
  assert.deepEqual(thousand, ten);
  ctx.diagnostic(`queries per section: ${JSON.stringify(ten)}`);
  const built = await build('evaluation.levels');
  assert.ok(Number(value(figure(built, 'Activities held'))) >= 1000);
});

test('the charter self-assessment and every section read from the demo area\'s year, with organisation names and no people\'s names', async () => {
  await seedDemo(db.db, DEMO_PASSWORD);
  const riverside = (await findAreaBySlug(db.db, 'riverside'))!;
  const year = new Date().getUTCFullYear();
  const ctx = (scope: ReportScope = { kind: 'area' }) => context(scope, `${year - 1}-01-01`, `${year}-12-31`, db.db, riverside.id);
  const charter = await section('evaluation.charter').build(ctx());
  assert.equal(charter.empty, false, charter.paragraphs.join('\n'));
  const organisations = await listOrganisations(db.db, riverside.id);
  const finished = figure(charter, 'Organisations that finished')!;
  assert.match(finished.note!, new RegExp(`of ${organisations.length} asked`));
  const first = organisations[0]!;
  const one = await section('evaluation.charter').build(ctx({ kind: 'organisation', organisationId: first.id }));
  assert.match(one.figures[0]!.note!, /of 1 asked/);
  assert.ok(one.paragraphs[0]!.includes(first.name));
  const cy = translator('cy');
  for (const s of evaluationReportSections) {
    const c = await s.build(ctx());
    const text = JSON.stringify(c);
    assert.doesNotMatch(text, /@|evaluation\.reports|\{\{/, s.key);
    // In Welsh too: every sentence has its words (no key shown instead), and the title is Welsh.
    const welsh = await s.build({ ...ctx(), t: cy, lang: 'cy' });
    assert.doesNotMatch(JSON.stringify(welsh), /evaluation\.|\{\{/, `${s.key} (cy)`);
    assert.notEqual(s.title(cy), s.title(t), `${s.key} (cy)`);
  }
});
