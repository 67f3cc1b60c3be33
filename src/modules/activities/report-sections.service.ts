/**
 * The activities module's sections of a report (issue 14 §1): data-first, one fixed set of queries each,
 * whatever the number of activities or contributions. Rendering is the reports module's.
 *
 * - activities.overview: what we did — activities held by type and by audience, responses, views and
 *   places booked (counts of people: 1–7 hidden, with secondary suppression down each column).
 * - activities.planning_promises: planning promises kept — notice, outside school hours for children,
 *   venue access, adjustments offered (the planning checklist's own rules, planning-checks.ts) and
 *   adjustment requests met.
 */
import { withArea } from '../../db/db.ts';
import { isSmall, percentOf, suppressRow, type Suppression } from '../../lib/suppression.ts';
import { countCell, emptySection, formatNumber, type Cell, type Figure, type ReportSectionDefinition, type SectionContent, type SectionContext } from '../reports/index.ts';
import { findPlanningSettingsIn } from '../areas/areas.service.ts';
import { ACTIVITY_TYPES, AUDIENCES } from './activity-options.ts';
import { DEFAULT_SETTINGS, runPlanningChecks, type CheckKey } from './planning-checks.ts';
import * as repo from './report-sections.repository.ts';
import { listTermDates } from './term-dates.repository.ts';

const small = (count: number): Suppression => (isSmall(count) ? 'small' : 'none');

// ── What we did ────────────────────────────────────────────────────────────────────────────────

async function buildOverview(ctx: SectionContext): Promise<SectionContent> {
  const { t, lang } = ctx;
  const groups = await withArea(ctx.db, ctx.areaId, (tx) => repo.overviewGroups(tx, ctx.areaId, ctx.scope, ctx.from, ctx.to));
  const total = groups.find((g) => g.isTotal) ?? { activities: 0, responses: 0, views: 0, places: 0 };
  if (total.activities === 0 && total.responses === 0 && total.views === 0) {
    return emptySection(t('activities.reports.overview.empty'), { text: t('activities.reports.overview.easyEmpty'), symbol: '1F4C5' });
  }
  const byType = ACTIVITY_TYPES.map((type) => groups.find((g) => !g.isTotal && g.type === type)).filter((g): g is repo.OverviewGroup => g !== undefined);
  const byAudience = AUDIENCES.map((audience) => groups.find((g) => !g.isTotal && g.type === null && g.audience === audience)).filter((g): g is repo.OverviewGroup => g !== undefined);

  /** Rows of one grouping: activities exact (they are not people), responses and views hidden 1–7 down each column. */
  const rowsOf = (list: repo.OverviewGroup[], label: (g: repo.OverviewGroup) => string): Cell[][] => {
    const responses = suppressRow(list.map((g) => g.responses));
    const views = suppressRow(list.map((g) => g.views));
    return list.map((g, i) => [label(g), countCell(g.activities), countCell(g.responses, responses[i]), countCell(g.views, views[i])]);
  };
  const columns = [
    { label: t('activities.reports.overview.columns.activities'), numeric: true },
    { label: t('activities.reports.overview.columns.responses'), numeric: true },
    { label: t('activities.reports.overview.columns.views'), numeric: true },
  ];
  const responsesShown = small(total.responses);
  const viewsShown = small(total.views);
  const placesShown = small(total.places);
  const words = (count: number, suppression: Suppression) => formatNumber(count, suppression, t, lang);
  const topType = [...byType].sort((a, b) => b.activities - a.activities)[0];

  const figures: Figure[] = [
    { label: t('activities.reports.overview.figures.activities'), ...countCell(total.activities) },
    { label: t('activities.reports.overview.figures.responses'), ...countCell(total.responses, responsesShown) },
    { label: t('activities.reports.overview.figures.views'), ...countCell(total.views, viewsShown) },
  ];
  if (total.places > 0) figures.push({ label: t('activities.reports.overview.figures.places'), ...countCell(total.places, placesShown) });

  const paragraphs = [
    t('activities.reports.overview.held', { count: total.activities, activities: words(total.activities, 'none') }),
    t('activities.reports.overview.answered', { responses: words(total.responses, responsesShown), views: words(total.views, viewsShown) }),
  ];
  if (topType && topType.activities > 0) {
    const type = t(`activities.options.types.${topType.type}`);
    // Mid-sentence in English: "the most common kind was survey", not "Survey".
    paragraphs.push(t('activities.reports.overview.mostlyType', { type: lang === 'en' ? type.charAt(0).toLowerCase() + type.slice(1) : type, count: topType.activities }));
  }
  if (total.places > 0) paragraphs.push(t('activities.reports.overview.places', { places: words(total.places, placesShown) }));

  const easyRead = [{ text: t('activities.reports.overview.easyHeld', { count: total.activities, activities: words(total.activities, 'none') }), symbol: '1F4C5' }];
  if (total.responses > 0) easyRead.push({ text: t('activities.reports.overview.easyAnswered', { responses: words(total.responses, responsesShown) }), symbol: '1F465' });
  if (total.views > 0) easyRead.push({ text: t('activities.reports.overview.easyViews', { views: words(total.views, viewsShown) }), symbol: '1F4AC' });

  const anyHidden = [responsesShown, viewsShown, placesShown].some((s) => s !== 'none') || byType.some((g) => isSmall(g.responses) || isSmall(g.views));
  const notes = [t('activities.reports.overview.notePeriod'), t('activities.reports.overview.noteViews')];
  if (anyHidden) notes.push(t('activities.reports.overview.noteHidden'));

  return {
    paragraphs,
    figures,
    tables: [
      {
        id: 'by_type',
        caption: t('activities.reports.overview.byTypeCaption'),
        columns: [{ label: t('activities.reports.overview.columns.type') }, ...columns],
        rows: rowsOf(byType, (g) => t(`activities.options.types.${g.type}`)),
      },
      {
        id: 'by_audience',
        caption: t('activities.reports.overview.byAudienceCaption'),
        columns: [{ label: t('activities.reports.overview.columns.audience') }, ...columns],
        rows: rowsOf(byAudience, (g) => t(`activities.options.audiences.${g.audience}`)),
      },
    ],
    // One kind of activity makes a chart of one bar: the table says it all.
    charts: byType.length < 2 ? [] : [
      {
        id: 'by_type_chart',
        title: t('activities.reports.overview.chartTitle'),
        description: t('activities.reports.overview.chartDescription'),
        tableId: 'by_type',
        labelColumn: 0,
        valueColumns: [1],
      },
    ],
    quotes: [],
    notes,
    easyRead,
    empty: false,
  };
}

// ── Planning promises kept ─────────────────────────────────────────────────────────────────────

/** The promises of the planning checklist that a report counts, in the order it shows them. */
export const PROMISES: readonly CheckKey[] = ['notice', 'school_hours', 'venue_access', 'adjustments'];

export type PromiseCount = { key: CheckKey; kept: number; notKept: number };

async function buildPlanningPromises(ctx: SectionContext): Promise<SectionContent> {
  const { t, lang } = ctx;
  const { activities, settings, termDates, requests } = await withArea(ctx.db, ctx.areaId, async (tx) => ({
    activities: await repo.activitiesInPeriod(tx, ctx.areaId, ctx.scope, ctx.from, ctx.to),
    settings: (await findPlanningSettingsIn(tx, ctx.areaId)) ?? DEFAULT_SETTINGS,
    termDates: await listTermDates(tx, ctx.areaId),
    requests: await repo.adjustmentTotals(tx, ctx.areaId, ctx.scope, ctx.from, ctx.to),
  }));
  if (activities.length === 0) {
    return emptySection(t('activities.reports.promises.empty'), { text: t('activities.reports.promises.easyEmpty'), symbol: '1F4C5' });
  }
  // The same rules as the planning checklist; notice counts from when each activity opened.
  const context = { settings, termDates, now: ctx.now };
  const counts = new Map<CheckKey, PromiseCount>(PROMISES.map((key) => [key, { key, kept: 0, notKept: 0 }]));
  for (const activity of activities) {
    for (const check of runPlanningChecks(activity, context)) {
      const count = counts.get(check.key);
      if (!count || check.result === 'not_applicable') continue;
      if (check.result === 'ok') count.kept += 1;
      else count.notKept += 1;
    }
  }
  const rows = PROMISES.map((key) => counts.get(key)!);
  const days = settings.minNoticeDays;
  const label = (key: CheckKey) => t(`activities.reports.promises.rows.${key}`, { days });
  const pct = (c: PromiseCount) => percentOf(c.kept, c.kept + c.notKept);
  const percentCell = (c: PromiseCount): Cell => {
    const p = pct(c);
    return p === null ? t('activities.reports.promises.notApplicable') : { value: p, unit: 'percent', suppression: 'none' };
  };

  const notice = counts.get('notice')!;
  const school = counts.get('school_hours')!;
  // Requests come from people: 1–7 hidden, with one more so the total does not give them away.
  const requestRow = suppressRow([requests.arranged, requests.notPossible, requests.open]);
  const madeShown = small(requests.made);

  const figures: Figure[] = [{ label: t('activities.reports.promises.figures.activities'), ...countCell(activities.length) }];
  if (notice.kept + notice.notKept > 0) figures.push({ label: t('activities.reports.promises.figures.notice', { days }), ...countCell(notice.kept, 'none', pct(notice)) });
  if (school.kept + school.notKept > 0) figures.push({ label: t('activities.reports.promises.figures.schoolHours'), ...countCell(school.kept, 'none', pct(school)) });
  if (requests.made > 0 && requestRow[0] === 'none') figures.push({ label: t('activities.reports.promises.figures.arranged'), ...countCell(requests.arranged, requestRow[0]) });

  const words = (count: number, suppression: Suppression) => formatNumber(count, suppression, t, lang);
  const paragraphs = [t('activities.reports.promises.intro', { count: activities.length, activities: words(activities.length, 'none') })];
  for (const c of rows) {
    if (c.kept + c.notKept === 0) continue;
    paragraphs.push(t(`activities.reports.promises.sentences.${c.key}`, { kept: words(c.kept, 'none'), total: words(c.kept + c.notKept, 'none'), days }));
  }
  const notApplying = rows.filter((c) => c.kept + c.notKept === 0).map((c) => label(c.key));
  if (notApplying.length > 0) paragraphs.push(t('activities.reports.promises.notApplying', { list: notApplying.join(t('activities.reports.promises.listSeparator')) }));
  if (requests.made === 0) paragraphs.push(t('activities.reports.promises.noRequests'));
  else if (madeShown !== 'none') paragraphs.push(t('activities.reports.promises.fewRequests'));
  else paragraphs.push(t('activities.reports.promises.requests', { made: words(requests.made, madeShown), arranged: words(requests.arranged, requestRow[0]!) }));

  const easyRead = [];
  if (notice.kept + notice.notKept > 0) easyRead.push({ text: t('activities.reports.promises.easyNotice', { kept: words(notice.kept, 'none'), total: words(notice.kept + notice.notKept, 'none') }), symbol: '1F4C5' });
  if (school.kept + school.notKept > 0) easyRead.push({ text: t('activities.reports.promises.easySchool', { kept: words(school.kept, 'none'), total: words(school.kept + school.notKept, 'none') }), symbol: '1F3EB' });
  if (requests.made > 0 && requestRow[0] === 'none') easyRead.push({ text: t('activities.reports.promises.easyRequests', { arranged: words(requests.arranged, requestRow[0]!) }), symbol: '267F' });
  if (easyRead.length === 0) easyRead.push({ text: t('activities.reports.promises.easyPlanned'), symbol: '1F4DD' });

  const notes = [t('activities.reports.promises.noteRules', { days }), t('activities.reports.promises.noteApplicable')];
  if (requestRow.some((s) => s !== 'none') || madeShown !== 'none') notes.push(t('activities.reports.promises.noteHidden'));

  return {
    paragraphs,
    figures: figures.slice(0, 4),
    tables: [
      {
        id: 'promises',
        caption: t('activities.reports.promises.tableCaption'),
        columns: [
          { label: t('activities.reports.promises.columns.promise') },
          { label: t('activities.reports.promises.columns.kept'), numeric: true },
          { label: t('activities.reports.promises.columns.notKept'), numeric: true },
          { label: t('activities.reports.promises.columns.percent'), numeric: true },
        ],
        rows: rows.map((c) => [label(c.key), countCell(c.kept), countCell(c.notKept), percentCell(c)]),
      },
      {
        id: 'adjustment_requests',
        caption: t('activities.reports.promises.requestsCaption'),
        columns: [
          { label: t('activities.reports.promises.columns.made'), numeric: true },
          { label: t('activities.reports.promises.columns.arranged'), numeric: true },
          { label: t('activities.reports.promises.columns.notPossible'), numeric: true },
          { label: t('activities.reports.promises.columns.open'), numeric: true },
        ],
        rows: [[countCell(requests.made, madeShown), countCell(requests.arranged, requestRow[0]), countCell(requests.notPossible, requestRow[1]), countCell(requests.open, requestRow[2])]],
      },
    ],
    charts: [
      {
        id: 'promises_chart',
        title: t('activities.reports.promises.chartTitle'),
        description: t('activities.reports.promises.chartDescription'),
        tableId: 'promises',
        labelColumn: 0,
        valueColumns: [1, 2],
      },
    ],
    quotes: [],
    notes,
    easyRead: easyRead.slice(0, 3),
    empty: false,
  };
}

export const activitiesReportSections: readonly ReportSectionDefinition[] = [
  {
    key: 'activities.overview',
    order: 100,
    kinds: ['board', 'local_account'],
    question: 'differently',
    title: (t) => t('activities.reports.overview.title'),
    build: buildOverview,
  },
  {
    key: 'activities.planning_promises',
    order: 240,
    kinds: ['board'],
    question: 'differently',
    title: (t) => t('activities.reports.promises.title'),
    easyReadTitle: (t) => t('activities.reports.promises.easyReadTitle'),
    build: buildPlanningPromises,
  },
];
