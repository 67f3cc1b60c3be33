/**
 * The board report's bench area (issue 14 §4): the demo area Riverside, seeded as `npm start` seeds
 * it, then given two years of an area at scale with set-based SQL (INSERT … SELECT … FROM
 * generate_series), so a million rows take seconds:
 *
 *   2,000 activities (types, audiences, services, organisations, planned levels, starts_at over two
 *   years, a few still to come), 9 questions each, 100,000 responses (demographics, modes, a few in
 *   progress), 1,000,000 contributions (10 per response: redacted text, some hidden, some awaiting
 *   review, a few on safeguarding hold), 5,000 themes holding a fifth of them with quotes, a theme
 *   response for most themes (published with `published_content`, due dates, some overdue), staff
 *   level ratings, Lundy checks, participants' ratings, "did they listen?" ratings, impact checks of
 *   10,000 participants, changes recorded, planning checks, adjustment requests and sign-ups.
 *   Population figures and the charter self-assessment are the demo's own (area-wide, not per row).
 *
 * BENCH_REPORT_SCALE (default 1) scales every count. Runs as the database owner with `app.area_id`
 * set, within the schema's checks; then VACUUM (ANALYZE). Standalone: `node bench/report-generate.ts` makes
 * the area in a throwaway PostgreSQL and prints the counts (BENCH_KEEP_DIR=<dir> keeps the server's
 * data there, running, for EXPLAIN: the owner URL is printed).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '../src/db/bootstrap.ts';
import { createDb } from '../src/db/db.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded.ts';
import { seedDemo } from '../src/seed/seed.ts';
import { freePort } from '../src/testing/free-port.ts';

export type BenchSizes = { activities: number; responses: number; contributions: number; themes: number; impactParticipants: number };

export function benchSizes(scale = Number(process.env.BENCH_REPORT_SCALE ?? 1)): BenchSizes {
  const responses = Math.max(100, Math.round(100_000 * scale));
  // Ten contributions a response (nine questions and "anything else"), so each is unique.
  return { activities: Math.max(20, Math.round(2_000 * scale)), responses, contributions: responses * 10, themes: Math.max(10, Math.round(5_000 * scale)), impactParticipants: Math.max(10, Math.round(10_000 * scale)) };
}

export type GeneratedArea = { areaId: string; slug: string; sizes: BenchSizes; ms: number; counts: Record<string, number> };

/** Words like the demo's (already redacted), cycled through the contributions. */
const PHRASES = [
  'i want a quiet room with beanbags and no loud bell',
  'Swimming every week please!!',
  'my friend [name] should come too she is in my class at [school]',
  'I like when grown ups explain what happens next with pictures',
  'music but not too loud, and ear defenders for everyone',
  'The EHC plan review came late again and nobody told us why',
  'Please send the papers a week before so I can read them with my son',
  'The Local Offer website does not work on my phone',
  'going to the park and feeding ducks',
  'more clubs after school for children who need a quiet space',
  'Transport to college takes an hour each way',
  'I did not know who to ask about short breaks',
];

const sqlList = (values: readonly string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

/** The statements, in order: each a set-based insert (or a temporary table of generated ids). */
function statements(areaId: string, s: BenchSizes): Array<[label: string, sql: string]> {
  const area = `'${areaId}'::uuid`;
  const types = sqlList(['survey', 'survey', 'survey', 'consultation', 'workshop', 'workshop', 'meeting', 'event', 'focus_group', 'interview_panel', 'grant_panel', 'inspection', 'individual_planning']);
  const services = sqlList(['Short breaks', 'Local Offer', 'Riverside Hub', 'Preparing for adulthood', 'EHC plans', 'SEND team', 'Transport', 'Health']);
  const audiences = sqlList(['children_young_people', 'children_young_people', 'parent_carers', 'parent_carers', 'both']);
  const levels = sqlList(['inform', 'consult', 'consult', 'involve', 'co_design', 'co_produce']);
  const pick = (list: string, n: number, expr = 'random()') => `(${list})[1 + floor(${expr} * ${n})::int]`;
  const maybe = (list: string, n: number, nullShare: number) => `case when random() < ${nullShare} then null else ${pick(list, n)} end`;
  const phrases = sqlList(PHRASES);
  return [
    ['seed', 'select setseed(0.14)'],
    ['activities (ids)', `create temp table g_act on commit drop as
      select n, gen_random_uuid() as id,
        case when n % 25 = 0 then now() + random() * interval '60 days' else now() - random() * interval '730 days' end as starts_at,
        ${pick(types, 13)} as type, ${pick(audiences, 5)} as audience,
        ${pick(services, 8)} as service1, case when random() < 0.4 then ${pick(services, 8)} end as service2,
        ${pick(levels, 6)} as planned_level
      from generate_series(1, ${s.activities}) n`],
    ['past activities', `create temp table g_past on commit drop as
      select row_number() over (order by n)::int as pn, * from g_act where starts_at < now() - interval '1 day'`],
    ['activity', `insert into activity (id, area_id, organisation_id, title, purpose, easy_read_purpose, type, level, stage, services, audience, age_bands,
        starts_at, ends_at, venue_kind, contact_name, contact_email, status, children_mode, created_at, updated_at, opened_at, closed_at, planned_level)
      select a.id, ${area}, o.id, 'Bench activity ' || a.n, 'What we want to find out together, number ' || a.n, 'We want to hear from you.',
        a.type, case when a.n % 6 = 0 then 'individual' else 'strategic' end, (array['design','deliver','review'])[1 + a.n % 3],
        case when a.service2 is null or a.service2 = a.service1 then array[a.service1] else array[a.service1, a.service2] end,
        a.audience, case when a.audience = 'parent_carers' then '{}'::text[] else array['8_11','12_15'] end,
        a.starts_at, a.starts_at + case when a.type in ('survey','consultation') then interval '28 days' else interval '2 hours' end,
        case when a.type in ('survey','consultation') then 'none' else 'in_person' end,
        'Participation team', 'participation@riverside.example',
        case when a.starts_at > now() then (case when a.n % 2 = 0 then 'open' else 'draft' end)
             when a.starts_at > now() - interval '30 days' then 'open'
             when a.n % 5 < 2 then 'closed' else 'feedback_given' end,
        a.audience = 'children_young_people' and a.n % 2 = 0,
        a.starts_at - interval '30 days', a.starts_at, case when a.starts_at > now() and a.n % 2 = 1 then null else a.starts_at - interval '14 days' end,
        case when a.starts_at < now() - interval '30 days' then a.starts_at + interval '30 days' end, a.planned_level
      from g_act a
      join (select row_number() over (order by id) - 1 as k, id from organisation where area_id = ${area}) o
        on o.k = a.n % (select count(*) from organisation where area_id = ${area})`],
    ['question', `create temp table g_q on commit drop as
      select a.n as activity_n, a.id as activity_id, p as position, gen_random_uuid() as id from g_act a cross join generate_series(1, 9) p`],
    ['question ', `insert into question (id, area_id, activity_id, position, type, text, required)
      select id, ${area}, activity_id, position, 'free_text', 'What would make it better? (' || position || ')', false from g_q`],
    ['responses (ids)', `create temp table g_resp on commit drop as
      select r.n, gen_random_uuid() as id, p.n as activity_n, p.id as activity_id, p.audience,
        least(now() - interval '1 hour', p.starts_at + random() * interval '28 days') as submitted_at, r.n % 20 = 0 as in_progress
      from (select n, 1 + floor(random() * (select count(*) from g_past))::int as pn from generate_series(1, ${s.responses}) n) r
      join g_past p on p.pn = r.pn`],
    ['response', `insert into response (id, area_id, activity_id, mode, supporter_relationship, status, access_token_hash, idempotency_key, receipt_code,
        age_band, sex, ethnicity, need_type, support_level, language, started_at, updated_at, submitted_at)
      select r.id, ${area}, r.activity_id, m.mode, case when m.mode = 'supported' then 'parent' end,
        case when r.in_progress then 'in_progress' else 'submitted' end, md5('bench-token-' || r.n), 'bench-' || r.n,
        case when r.in_progress then null else 'BEN-' || r.n end,
        ${maybe(sqlList(['5_7', '8_11', '12_15', '16_18', '19_25']), 5, 0.3)}, ${maybe(sqlList(['female', 'male']), 2, 0.35)},
        ${maybe(sqlList(['white_british', 'white_british', 'white_british', 'other_white', 'pakistani', 'african', 'caribbean', 'white_black_caribbean', 'other_mixed', 'prefer_not_to_say']), 10, 0.3)},
        ${maybe(sqlList(['ASD', 'ASD', 'SLCN', 'SEMH', 'MLD', 'SPLD', 'SLD', 'PD', 'HI', 'MSI', 'OTH']), 11, 0.25)},
        ${maybe(sqlList(['sen_support', 'sen_support', 'ehc_plan', 'dont_know']), 4, 0.25)},
        case when r.n % 40 = 0 then 'cy' else 'en' end,
        r.submitted_at - interval '12 minutes', r.submitted_at, case when r.in_progress then null else r.submitted_at end
      from g_resp r cross join lateral (select (array['anonymous','anonymous','anonymous','signed_in','supported'])[1 + r.n % 5] as mode) m`],
    ['contribution + theme (ids)', `create temp table g_theme on commit drop as
      select t.n, gen_random_uuid() as id, p.pn, p.id as activity_id, p.service1, p.service2, p.type,
        (t.n - 1) / (select count(*) from g_past) as which,
        least(now() - interval '1 hour', p.starts_at + interval '35 days') as created_at
      from generate_series(1, ${s.themes}) as t(n) join g_past p on p.pn = 1 + (t.n - 1) % (select count(*) from g_past)`],
    ['theme', `insert into theme (id, area_id, title, summary, easy_read_summary, created_at, updated_at)
      select id, ${area}, 'What we heard, number ' || n, 'Many people told us the same thing about this service.', 'You told us this.', created_at, created_at from g_theme`],
    ['contribution', `with made as (
        insert into contribution (area_id, activity_id, question_id, response_id, receipt_code, source, original_text, redacted_text, needs_review,
          hidden_at, hidden_reason, created_at, safeguarding_hold)
        select ${area}, r.activity_id, q.id, r.id, case when r.in_progress then null else 'BEN-' || r.n end,
          case when c.slot = 10 then 'anything_else' else 'free_text' end,
          (${phrases})[1 + c.i % ${PHRASES.length}], (${phrases})[1 + c.i % ${PHRASES.length}], c.i % 37 = 0,
          case when c.i % 50 = 0 then r.submitted_at + interval '1 day' end, case when c.i % 50 = 0 then 'Off topic' end,
          r.submitted_at - interval '11 minutes' + c.slot * interval '1 minute', c.i % 997 = 0
        from (select i, (i - 1) % ${s.responses} + 1 as rn, (i - 1) / ${s.responses} + 1 as slot from generate_series(1, ${s.contributions}) i) c
        join g_resp r on r.n = c.rn
        left join g_q q on q.activity_n = r.activity_n and q.position = c.slot
        -- In the order they arrive, as a real table fills (and its time indexes grow at one end).
        order by r.submitted_at, c.slot
        returning id, activity_id, created_at, hidden_at, safeguarding_hold)
      insert into theme_contribution (area_id, contribution_id, theme_id, is_quote, added_at)
      select ${area}, m.id, t.id, random() < 0.05, t.created_at
      from made m
      join g_past p on p.id = m.activity_id
      join (select pn, count(*) as k from g_theme group by pn) tk on tk.pn = p.pn
      join g_theme t on t.pn = p.pn and t.which = (extract(epoch from m.created_at)::bigint % tk.k)
      where m.hidden_at is null and not m.safeguarding_hold and random() < 0.2`],
    ['theme_response', `insert into theme_response (area_id, theme_id, status, reason, what_changed, what_changed_easy_read, decided_by_role, decided_on, due_on, done_on,
        stage, version, first_published_at, published_at, published_version, published_content, published_services, published_activity_ids,
        approved_version, approved_at, created_at, updated_at)
      select ${area}, t.id, x.status, case when x.status = 'cannot' then 'The budget for this is set nationally.' else '' end,
        case when x.status in ('done','doing') then 'We changed how this service works after hearing from you.' else '' end,
        case when x.status in ('done','doing') then 'We changed it.' else '' end,
        'Head of SEND', (t.created_at + interval '14 days')::date,
        case when x.status in ('doing','will_do') then (t.created_at + interval '104 days')::date end,
        case when x.status = 'done' then least(current_date, (t.created_at + interval '44 days')::date) end,
        case when x.published then 'published' when t.n % 10 = 3 then 'in_review' else 'draft' end, 1,
        case when x.published then x.published_at end, case when x.published then x.published_at end, case when x.published then 1 end,
        case when x.published then jsonb_build_object(
          'theme', jsonb_build_object('title', 'What we heard, number ' || t.n, 'quotes', jsonb_build_array((${phrases})[1 + t.n % ${PHRASES.length}]), 'symbol', null,
            'summary', 'Many people told us the same thing about this service.', 'citation', '', 'symbolAlt', '', 'easyReadSummary', 'You told us this.', 'contributionCount', 40),
          'response', jsonb_build_object('dueOn', null, 'doneOn', null, 'reason', '', 'status', x.status, 'decidedBy', 'Head of SEND',
            'decidedOn', (t.created_at + interval '14 days')::date, 'whatChanged', 'We changed how this service works after hearing from you.',
            'evidenceLinks', '[]'::jsonb, 'whatChangedEasyRead', 'We changed it.'),
          'activities', jsonb_build_array(jsonb_build_object('id', t.activity_id, 'title', 'Bench activity'))) end,
        case when x.published then array_remove(array[t.service1, t.service2], null) else '{}' end,
        case when x.published then array[t.activity_id] else '{}' end,
        case when x.published then 1 end, case when x.published then x.published_at - interval '1 hour' end,
        t.created_at, t.created_at
      from g_theme t
      cross join lateral (select (array['done','done','done','done','doing','doing','will_do','will_do','cannot','deciding'])[1 + (t.n * 7) % 10] as status,
        t.n % 5 < 3 as published, least(now() - interval '1 minute', t.created_at + interval '21 days') as published_at) x
      where t.n % 10 <> 0`],
    ['activity_level_rating', `insert into activity_level_rating (area_id, activity_id, rung_ref, rung_name, ladder_name, common_level, justification, rated_at)
      select ${area}, p.id, r.ref, r.name, 'Hart''s ladder of children''s participation', r.level, 'The group chose the questions and read the answers with us.',
        least(now(), p.starts_at + interval '31 days')
      from g_past p cross join lateral (select * from (values
        (0, 'hart.tokenism', 'Tokenism', 'none'), (1, 'hart.consulted_informed', 'Consulted and informed', 'consult'),
        (2, 'hart.adult_initiated_shared', 'Adult-initiated, shared decisions with children', 'co_design'),
        (3, 'hart.consulted_informed', 'Consulted and informed', 'consult')) v(k, ref, name, level) where v.k = p.pn % 4) r
      where p.pn % 10 < 7`],
    ['lundy_answer', `insert into lundy_answer (area_id, activity_id, template_id, item_id, answer, answered_at)
      select ${area}, p.id, 'lundy_2015', 'lundy.' || e || '.q' || q, (array['yes','yes','partly','no','not_applicable'])[1 + floor(random() * 5)::int], p.starts_at + interval '2 days'
      from g_past p cross join unnest(array['space','voice','audience','influence']) e cross join generate_series(1, 3) q
      where p.pn % 5 < 3`],
    ['participant_rating', `insert into participant_rating (area_id, activity_id, response_id, step, common_level, variant, created_at, updated_at)
      select ${area}, r.activity_id, r.id, s.step, s.level, case when r.audience = 'parent_carers' then 'parent_carers' else 'children' end, r.submitted_at, r.submitted_at
      from g_resp r cross join lateral (select * from (values (0, 'decided_for_us', 'inform'), (1, 'asked_us', 'consult'), (2, 'asked_us', 'consult'),
        (3, 'decided_together', 'co_design'), (4, 'we_led', 'co_produce')) v(k, step, level) where v.k = (r.n / 3) % 5) s
      where r.n % 3 = 0 and not r.in_progress`],
    ['listened_rating', `insert into listened_rating (area_id, response_id, activity_id, rating, created_at, updated_at)
      select ${area}, r.id, r.activity_id, (array['yes','yes','a_bit','no'])[1 + (r.n / 2) % 4], r.submitted_at, r.submitted_at
      from g_resp r where r.n % 2 = 0 and not r.in_progress`],
    ['impact_participant', `create temp table g_ip on commit drop as
      select n, gen_random_uuid() as id, case when n % 3 = 0 then 'parent_carer' else 'child' end as version, now() - random() * interval '700 days' as created_at
      from generate_series(1, ${s.impactParticipants}) n`],
    ['impact_participant ', `insert into impact_participant (id, area_id, version, link_kind, link_hash, created_at)
      select id, ${area}, version, 'receipt_code', encode(sha256(convert_to('bench-impact-' || n, 'UTF8')), 'hex'), created_at from g_ip`],
    ['impact_check', `insert into impact_check (area_id, participant_id, round, answers, answered_at)
      select ${area}, p.id, k.round, jsonb_build_object('confidence', 1 + floor(random() * 3)::int, 'self_esteem', 1 + floor(random() * 3)::int,
          'less_isolated', 1 + floor(random() * 3)::int, 'self_advocacy', 1 + floor(random() * 3)::int),
        least(now(), p.created_at + (k.round - 1) * interval '180 days')
      from g_ip p cross join generate_series(1, 3) k(round)
      where k.round = 1 or (k.round = 2 and p.n % 2 = 0) or (k.round = 3 and p.n % 5 = 0)`],
    ['impact_change', `insert into impact_change (area_id, activity_id, did_differently, differently_evidence, impact_on_users, impact_evidence, recorded_at, updated_at)
      select ${area}, p.id, 'We changed the timetable after hearing from families.', 'Minutes of the steering group', 'Fewer families missed appointments.', 'Attendance figures',
        least(now(), p.starts_at + interval '60 days'), least(now(), p.starts_at + interval '60 days')
      from g_past p where p.pn % 10 < 3`],
    ['planning_check', `insert into planning_check (area_id, activity_id, check_key, result, checked_at)
      select ${area}, a.id, k, case when random() < 0.8 then 'ok' when random() < 0.5 then 'warning' else 'not_applicable' end, a.starts_at - interval '20 days'
      from g_act a cross join unnest(array['notice','ground_rules','bank_holidays','adjustments','questions_shared','co_production','venue_access','school_holidays','school_run','school_hours']) k`],
    ['adjustment_request', `insert into adjustment_request (area_id, activity_id, response_id, adjustments, status, created_at)
      select ${area}, r.activity_id, r.id, array[(array['bsl_interpreter','transport','refreshments','breaks','easy_read'])[1 + r.n % 5]],
        (array['new','arranged','arranged','not_possible'])[1 + (r.n / 30) % 4], r.submitted_at - interval '3 days'
      from g_resp r where r.n % 30 = 0`],
    ['activity_signup', `insert into activity_signup (area_id, activity_id, name, email, people, idempotency_key, created_at, cancelled_at)
      select ${area}, a.id, 'Bench Person ' || a.n || '-' || k, 'person' || a.n || '-' || k || '@bench.example', 1 + k % 3, 'bench-signup-' || a.n || '-' || k,
        a.starts_at - interval '7 days', case when k % 9 = 0 then a.starts_at - interval '1 day' end
      from g_act a cross join generate_series(1, 12) k where a.type in ('workshop','meeting','event','focus_group')`],
  ];
}

const COUNTED = ['activity', 'question', 'response', 'contribution', 'theme', 'theme_contribution', 'theme_response', 'activity_level_rating', 'lundy_answer', 'participant_rating', 'listened_rating', 'impact_participant', 'impact_check', 'impact_change', 'planning_check', 'adjustment_request', 'activity_signup', 'population_count', 'charter_assessment_rating'] as const;

/** Adds the bench's rows to the area `slug` (already seeded) and analyses the tables. */
export async function generateReportArea(ownerUrl: string, slug = 'riverside', sizes = benchSizes(), log: (line: string) => void = console.log): Promise<GeneratedArea> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'chorus-bench-generate' });
  await client.connect();
  try {
    const areaId = (await client.query<{ id: string }>('select id from area where slug = $1', [slug])).rows[0]?.id;
    if (!areaId) throw new Error(`No area ${slug}: seed it first`);
    const started = performance.now();
    await client.query('begin');
    // Foreign keys are satisfied by construction (every id comes from the rows made just before), so
    // their per-row triggers are skipped as a restore skips them (session_replication_role, owner
    // only); the schema's CHECK constraints, unique indexes and NOT NULLs all still apply.
    await client.query("select set_config('app.area_id', $1, true), set_config('synchronous_commit', 'off', true), set_config('work_mem', '64MB', true), set_config('session_replication_role', 'replica', true)", [areaId]);
    for (const [label, text] of statements(areaId, sizes)) {
      const t = performance.now();
      const result = await client.query(text);
      if (/^\s*insert/.test(text) || /^\s*with/.test(text)) log(`  ${label.trim().padEnd(28)} ${String(result.rowCount ?? 0).padStart(9)} rows  ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    await client.query('commit');
    const t = performance.now();
    // As autovacuum would leave it: statistics, and the visibility map that index-only scans rely on.
    await client.query('vacuum (analyze)');
    const ms = performance.now() - started;
    log(`  ${'vacuum (analyze)'.padEnd(28)} ${''.padStart(9)}       ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const counts: Record<string, number> = {};
    for (const table of COUNTED) {
      counts[table] = Number((await client.query<{ n: string }>(`select count(*) as n from ${table} where area_id = $1`, [areaId])).rows[0]!.n);
    }
    return { areaId, slug, sizes, ms, counts };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

export type BenchDatabase = { server: EmbeddedServer; ownerUrl: string; appUrl: string; secret: string; dataDir: string; cleanUp: () => Promise<void> };

/** A throwaway embedded PostgreSQL with Chorus migrated and the demo area seeded (never `data/`). */
export async function startBenchDatabase(keepDir?: string): Promise<BenchDatabase> {
  const dataDir = keepDir ?? mkdtempSync(path.join(tmpdir(), 'chorus-bench-report-'));
  chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir, port: Number(process.env.CHORUS_PG_PORT ?? 0) || (await freePort()) });
  const ownerUrl = server.adminUrl('chorus_bench_report');
  const { appUrl, secret } = await prepareDatabase(ownerUrl);
  const db = createDb(appUrl);
  try {
    await seedDemo(db, 'chorus-demo-password');
  } finally {
    await db.destroy();
  }
  return {
    server, ownerUrl, appUrl, secret, dataDir,
    cleanUp: async () => {
      await server.stop();
      if (!keepDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function printGenerated(generated: GeneratedArea, log: (line: string) => void = console.log): void {
  log(`Generated in ${(generated.ms / 1000).toFixed(1)} s (with ANALYZE). Rows in the area:`);
  log(`  ${Object.entries(generated.counts).map(([table, n]) => `${table} ${n.toLocaleString('en-GB')}`).join(', ')}`);
}

if (import.meta.main) {
  const keepDir = process.env.BENCH_KEEP_DIR;
  const database = await startBenchDatabase(keepDir);
  try {
    const client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    const already = Number((await client.query<{ n: string }>('select count(*) as n from contribution')).rows[0]!.n);
    await client.end();
    if (already > 100_000) console.log(`Already generated (${already} contributions).`);
    else printGenerated(await generateReportArea(database.ownerUrl));
    console.log(`Owner URL: ${database.ownerUrl}`);
  } finally {
    if (!keepDir) await database.cleanUp();
  }
  if (keepDir) console.log('The server keeps running until this process is stopped.');
  else process.exit(0);
}
