/**
 * The annual board report at 1,000,000 contributions (issue 14 §4), against one plain count(*) over the
 * same contributions measured in the same run (QUALITY.md: timings are ratios, never absolute budgets).
 *
 *   1. a throwaway embedded PostgreSQL, Chorus migrated, the demo area seeded, then made big by
 *      bench/report-generate.ts (2,000 activities, 100,000 responses, 1,000,000 contributions,
 *      5,000 themes and what hangs off them), and ANALYZE;
 *   2. baseline: `select count(*) from contribution where area_id = $1`, as the app's own role with
 *      the area set (row-level security on, as every section reads), warm: the median of 7;
 *   3. the annual board report: composeDocument with a board header over the last 12 months and one
 *      part for every registered section (REPORT_SECTIONS), one warm-up, then the median and the
 *      slowest of BENCH_REPORT_RUNS (default 5);
 *   4. each section alone (its median), so the slowest is plain to see;
 *   5. the formats drawn from that document: the published page's template (median of 3), and with
 *      BENCH_REPORT_FORMATS=all the PDF, the DOCX and the XLSX.
 *
 *   6. the same report without the indexes of migration 2026-12-05T1110 (dropped, measured, made again),
 *      so their effect is measured in the same run (BENCH_REPORT_COMPARE=false leaves it out).
 *
 * Prints the figures and the ratio report ÷ count(*); no assertion (the goal, ≤ 2 s warm, is printed
 * beside the figure). Options: BENCH_REPORT_SCALE (1 = a million contributions), BENCH_REPORT_RUNS,
 * BENCH_KEEP_DIR (keep the generated database there and reuse it next time: generation is skipped).
 * Run it with `npm run bench` (after the survey bench) or alone: `node bench/report.ts`.
 */
import os from 'node:os';
import { createDb, withArea } from '../src/db/db.ts';
import type { Db } from '../src/db/database.ts';
import { sql } from 'kysely';
import { translator } from '../src/lib/messages/messages.ts';
// eslint-disable-next-line no-restricted-imports -- the bench times the reports module's own composition, which nothing outside it calls
import { composeDocument, type ReportDocument, type ReportHeader, type ReportPartInput } from '../src/modules/reports/document.ts';
import type { ReportSectionDefinition } from '../src/modules/reports/index.ts';
import { REPORT_SECTIONS } from '../src/report-sections.ts';
import { percentile } from './load.ts';
import { benchSizes, generateReportArea, printGenerated, startBenchDatabase } from './report-generate.ts';
import * as reportIndexes from '../src/db/migrations/2026-12-05T1110_reports_indexes.ts';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

const runs = Math.max(1, Number(process.env.BENCH_REPORT_RUNS ?? 5));
const GOAL_MS = 2000;
const FORMAT_LIMIT_MS = Number(process.env.BENCH_FORMAT_LIMIT_MS ?? 60_000);

const london = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** Runs fn once to warm up, then `times` more: the timings of those. */
async function timed(times: number, fn: () => Promise<unknown>, warmUp = true): Promise<number[]> {
  if (warmUp) await fn();
  const out: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

export async function countContributions(db: Db, areaId: string): Promise<number> {
  return withArea(db, areaId, async (tx) => Number((await sql<{ n: string }>`select count(*) as n from contribution where area_id = ${areaId}`.execute(tx)).rows[0]!.n));
}

/** The annual board report's header and parts: every registered section, in the registry's order. */
export function annualBoardReport(areaId: string, areaName: string, now: Date, sections: readonly ReportSectionDefinition[]): { header: ReportHeader; parts: ReportPartInput[] } {
  const yearAgo = new Date(now);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  yearAgo.setUTCDate(yearAgo.getUTCDate() + 1);
  const header: ReportHeader = {
    id: '00000000-0000-4000-8000-000000000014', kind: 'board', title: 'Annual report to the SEND Partnership Board', audience: 'SEND Partnership Board',
    authors: 'Riverside Parent Carer Forum, Riverside Youth Council and the participation team', scope: { kind: 'area' }, scopeLabel: areaName,
    from: london(yearAgo), to: london(now), status: 'draft', edition: 1, approvedAt: null, publishedAt: null, areaName, areaSlug: 'riverside', lang: 'en',
  };
  const parts = [...sections].sort((a, b) => a.order - b.order).map((s, i): ReportPartInput => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, kind: 'section', sectionKey: s.key, title: null,
    commentary: 'What the forum says about this.\n\nA second paragraph of commentary.', writtenBy: null, position: i + 1,
  }));
  return { header, parts };
}

type FormatTiming = { format: string; median: number | null; note: string };

/** The formats drawn from a composed document, each where its helper exists yet. */
async function timeFormats(document: ReportDocument): Promise<FormatTiming[]> {
  const t = translator('en');
  const out: FormatTiming[] = [];
  const tryFormat = async (format: string, load: () => Promise<(() => Promise<unknown>) | null>) => {
    try {
      const render = await load();
      if (!render) {
        out.push({ format, median: null, note: 'not built yet' });
        return;
      }
      // The first render (cold) says whether repeating it is affordable in a bench of a few minutes;
      // one that has not finished in FORMAT_LIMIT_MS is reported as such (it goes on until the end).
      const first = performance.now();
      const finished = await Promise.race([render().then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), FORMAT_LIMIT_MS).unref())]);
      const cold = performance.now() - first;
      if (!finished) {
        out.push({ format, median: null, note: `not finished after ${ms(cold)}` });
        console.log(`  ${format}: not finished after ${ms(cold)}`);
        return;
      }
      if (cold > 10_000) {
        out.push({ format, median: null, note: `one cold render took ${ms(cold)}; not repeated` });
        return;
      }
      const timings = await timed(3, render, false);
      out.push({ format, median: percentile(timings, 50), note: `cold ${ms(cold)}` });
    } catch (error) {
      out.push({ format, median: null, note: `failed: ${(error as Error).message.split('\n')[0]}` });
    }
    console.log(`  ${format}: ${out.at(-1)!.median === null ? out.at(-1)!.note : ms(out.at(-1)!.median!)}`);
  };
  await tryFormat('HTML (page template)', async () => {
    // The published report's page (public.routes.ts), rendered by the app's own Nunjucks environment.
    const { createEnvironment } = await import('../src/plugins/views.ts');
    const env = createEnvironment();
    const base = `/a/riverside/reports/${document.header.id}`;
    const model = {
      title: document.header.title, backLink: '/a/riverside/reports', document, t, lang: 'en', htmlLang: 'en', languages: [],
      documentLinks: { easyRead: `${base}/easy-read`, pdf: `${base}/report.pdf`, docx: `${base}/report.docx`, xlsx: `${base}/report.xlsx` },
      assets: { css: '/assets/chorus.css', govukJs: '/assets/govuk-frontend.min.js', icon: '/assets/chorus-icon.svg', symbolSearchJs: '/assets/symbol-search.js' },
    };
    const rendered = env.render('reports/views/document/report.njk', model);
    if (!rendered.includes(document.header.title)) throw new Error('the page does not carry the report title');
    return async () => env.render('reports/views/document/report.njk', model);
  });
  // The downloads are drawn synchronously, so a limit cannot interrupt one: at a million contributions
  // the PDF of today's document had not finished after minutes. They run only when asked for.
  if (process.env.BENCH_REPORT_FORMATS !== 'all') {
    for (const format of ['PDF', 'DOCX', 'XLSX']) out.push({ format, median: null, note: 'not run (BENCH_REPORT_FORMATS=all)' });
    return out;
  }
  await tryFormat('DOCX', async () => {
    const m = await import('../src/modules/reports/formats.docx.ts');
    return () => m.renderDocx(document, t, 'en');
  });
  await tryFormat('XLSX', async () => {
    const m = await import('../src/modules/reports/formats.xlsx.ts');
    return () => m.renderXlsx(document, t, 'en');
  });
  await tryFormat('PDF', async () => {
    const m = await import('../src/modules/reports/formats.pdf.ts');
    return () => m.renderPdf(document, t, 'en');
  });
  return out;
}

export async function runReportBench(): Promise<void> {
  const started = performance.now();
  const keepDir = process.env.BENCH_KEEP_DIR;
  console.log(`\nBoard report at scale (issue 14 §4). Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB; ${new Date().toISOString()}.`);
  const database = await startBenchDatabase(keepDir);
  const db = createDb(database.appUrl);
  try {
    const area = (await sql<{ id: string; name: string }>`select id, name from area where slug = 'riverside'`.execute(db)).rows[0]!;
    const existing = await countContributions(db, area.id);
    if (existing >= benchSizes().contributions * 0.99) {
      console.log(`Reusing the area generated before in ${database.dataDir} (${existing.toLocaleString('en-GB')} contributions).`);
    } else {
      console.log('Generating the area:');
      printGenerated(await generateReportArea(database.ownerUrl, 'riverside', benchSizes()));
    }

    const counts = await timed(7, () => countContributions(db, area.id));
    const countMedian = percentile(counts, 50);
    const contributions = await countContributions(db, area.id);
    console.log(`\nBaseline: select count(*) from contribution where area_id = $1 → ${contributions.toLocaleString('en-GB')}; median of 7 warm: ${ms(countMedian)} (min ${ms(Math.min(...counts))}, max ${ms(Math.max(...counts))})`);

    const now = new Date();
    const t = translator('en');
    const { header, parts } = annualBoardReport(area.id, area.name, now, REPORT_SECTIONS);
    console.log(`Report: annual board report ${header.from} to ${header.to}, ${parts.length} registered sections: ${REPORT_SECTIONS.map((s) => s.key).join(', ') || '(none yet)'}`);
    const compose = () => composeDocument({ db, areaId: area.id, t, lang: 'en', now }, header, parts, REPORT_SECTIONS);
    let document: ReportDocument | null = null;
    const reportTimings = await timed(runs, async () => {
      document = await compose();
    });
    const reportMedian = percentile(reportTimings, 50);
    const reportMax = Math.max(...reportTimings);

    const perSection: Array<{ section: string; median: string; max: string; queries?: string }> = [];
    for (const section of REPORT_SECTIONS) {
      const timings = await timed(runs, () => section.build({ db, areaId: area.id, scope: header.scope, from: header.from, to: header.to, t, lang: 'en', now }));
      perSection.push({ section: section.key, median: ms(percentile(timings, 50)), max: ms(Math.max(...timings)) });
    }
    const sortedSections = [...perSection].sort((a, b) => Number.parseFloat(b.median) - Number.parseFloat(a.median));

    console.log(`\nAnnual board report composed (warm, ${runs} runs after one warm-up): median ${ms(reportMedian)}, max ${ms(reportMax)}`);
    console.log(`Ratio report ÷ count(*): ${(reportMedian / countMedian).toFixed(1)}×`);
    console.log(`Goal (issue 14 §4): ≤ ${GOAL_MS} ms warm → ${reportMax <= GOAL_MS ? 'met' : reportMedian <= GOAL_MS ? 'met at the median, not at the slowest run' : 'NOT met'}`);
    if (perSection.length > 0) {
      console.log('\nEach section alone (slowest first):');
      console.table(sortedSections);
    }
    if (process.env.BENCH_REPORT_COMPARE !== 'false') {
      const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.ownerUrl, max: 1 }) }) });
      try {
        await reportIndexes.down(owner);
        const without = await timed(3, compose);
        const slow = sortedSections.slice(0, 3).map((row) => REPORT_SECTIONS.find((s) => s.key === row.section)!);
        const sectionsWithout: Record<string, string> = {};
        for (const section of slow) {
          sectionsWithout[section.key] = ms(percentile(await timed(3, () => section.build({ db, areaId: area.id, scope: header.scope, from: header.from, to: header.to, t, lang: 'en', now })), 50));
        }
        const rebuilt = performance.now();
        await reportIndexes.up(owner);
        console.log(`\nWithout the report indexes (migration 2026-12-05T1110 rolled back for the moment): report median ${ms(percentile(without, 50))}, max ${ms(Math.max(...without))} (3 runs after a warm-up)`);
        console.log(`  slowest sections without them: ${Object.entries(sectionsWithout).map(([key, value]) => `${key} ${value}`).join(', ')}`);
        console.log(`  making the indexes again took ${ms(performance.now() - rebuilt)}`);
      } finally {
        await owner.destroy();
      }
    }
    if (document) {
      const sizes = (document as ReportDocument).sections.map((section) => section.content?.tables.reduce((n, table) => n + table.rows.length, 0) ?? 0);
      const sectionsOf = (document as ReportDocument).sections;
      const largest = sizes.indexOf(Math.max(0, ...sizes));
      console.log(`The document: ${JSON.stringify(document).length.toLocaleString('en-GB')} characters of JSON, ${sizes.reduce((a, b) => a + b, 0)} table rows in all (the most: ${sectionsOf[largest]?.key ?? '—'}, ${sizes[largest] ?? 0}).`);
      console.log('Formats of the same document (median of 3 after a warm-up):');
      console.table((await timeFormats(document)).map((f) => ({ format: f.format, median: f.median === null ? '—' : ms(f.median), note: f.note })));
    }
    console.log(`Report bench took ${((performance.now() - started) / 1000).toFixed(0)} s in all.`);
  } finally {
    await db.destroy();
    if (!keepDir) await database.cleanUp();
  }
}

if (import.meta.main) {
  await runReportBench();
  // A kept server stays up for EXPLAIN until this process is stopped.
  if (!process.env.BENCH_KEEP_DIR) process.exit(0);
}
