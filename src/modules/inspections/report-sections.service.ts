/**
 * The inspections module's sections of a report (issue 16 §3): data-first, a fixed number of queries
 * whatever the number of inspections, counts only (1–7 hidden), never a name.
 *
 * - inspections.visits: young inspectors' visits done and reports sent in the period, the ratings
 *   by band (1–2, 3, 4–5 stars, each report's overall rating to the nearest star), re-inspections
 *   planned, providers who responded and the actions they promised, and the providers meeting
 *   their programme's standard at the end of the period (their latest report).
 */
import { withArea } from '../../db/db.ts';
import { isSmall, suppressRow, type Suppression } from '../../lib/suppression.ts';
import { countCell, emptySection, formatNumber, type Figure, type ReportSectionDefinition, type SectionContent, type SectionContext } from '../reports/index.ts';
import * as repo from './report-sections.repository.ts';

const K = 'inspections.reports.sections.visits.';
const small = (count: number): Suppression => (isSmall(count) ? 'small' : 'none');

async function buildVisits(ctx: SectionContext): Promise<SectionContent> {
  const { t, lang } = ctx;
  const f = await withArea(ctx.db, ctx.areaId, (tx) => repo.visitFigures(tx, ctx.areaId, ctx.scope, ctx.from, ctx.to));
  if (f.done === 0 && f.reported === 0 && f.reinspections === 0 && f.responded === 0 && f.meeting === 0) {
    return emptySection(t(K + 'empty'), { text: t(K + 'easyEmpty'), symbol: '1F50D' });
  }
  const shown = {
    done: small(f.done),
    reported: small(f.reported),
    reinspections: small(f.reinspections),
    responded: small(f.responded),
    actions: small(f.actions),
    meeting: small(f.meeting),
  };
  // The bands add up to the reports sent: one hidden band hides another, so none can be worked out.
  const bands = suppressRow([f.low, f.middle, f.high]);
  const words = (count: number, suppression: Suppression) => formatNumber(count, suppression, t, lang);

  const figures: Figure[] = [
    { label: t(K + 'figures.done'), ...countCell(f.done, shown.done) },
    { label: t(K + 'figures.reported'), ...countCell(f.reported, shown.reported) },
    { label: t(K + 'figures.reinspections'), ...countCell(f.reinspections, shown.reinspections) },
    { label: t(K + 'figures.meeting'), ...countCell(f.meeting, shown.meeting) },
  ];
  const paragraphs = [
    t(K + 'done', { done: words(f.done, shown.done), reported: words(f.reported, shown.reported) }),
    t(K + 'reinspections', { count: words(f.reinspections, shown.reinspections) }),
    t(K + 'responded', { responded: words(f.responded, shown.responded), actions: words(f.actions, shown.actions) }),
    t(K + 'meeting', { count: words(f.meeting, shown.meeting) }),
  ];
  const easyRead = [
    { text: t(K + 'easyDone', { count: words(f.done, shown.done) }), symbol: '1F50D' },
    { text: t(K + 'easyMeeting', { count: words(f.meeting, shown.meeting) }), symbol: '2B50' },
  ];
  if (f.reinspections > 0) easyRead.push({ text: t(K + 'easyReinspect', { count: words(f.reinspections, shown.reinspections) }), symbol: '1F501' });
  const notes = [t(K + 'noteBands'), t(K + 'noteNames')];
  if ([...Object.values(shown), ...bands].some((s) => s !== 'none')) notes.push(t(K + 'noteHidden'));
  return {
    paragraphs,
    figures,
    tables: [
      {
        id: 'ratings',
        caption: t(K + 'tableCaption'),
        columns: [{ label: t(K + 'columns.band') }, { label: t(K + 'columns.reports'), numeric: true }],
        rows: [
          [t(K + 'bands.low'), countCell(f.low, bands[0])],
          [t(K + 'bands.middle'), countCell(f.middle, bands[1])],
          [t(K + 'bands.high'), countCell(f.high, bands[2])],
        ],
      },
      {
        id: 'follow_up',
        caption: t(K + 'followCaption'),
        columns: [{ label: t(K + 'columns.what') }, { label: t(K + 'columns.count'), numeric: true }],
        rows: [
          [t(K + 'rows.reinspections'), countCell(f.reinspections, shown.reinspections)],
          [t(K + 'rows.responded'), countCell(f.responded, shown.responded)],
          [t(K + 'rows.actions'), countCell(f.actions, shown.actions)],
          [t(K + 'rows.meeting'), countCell(f.meeting, shown.meeting)],
        ],
      },
    ],
    charts: [],
    quotes: [],
    notes,
    easyRead,
    empty: false,
  };
}

export const inspectionsReportSections: readonly ReportSectionDefinition[] = [
  {
    key: 'inspections.visits',
    order: 330,
    kinds: ['board', 'local_account'],
    question: 'impact_on_users',
    title: (t) => t(K + 'title'),
    easyReadTitle: (t) => t(K + 'easyReadTitle'),
    build: buildVisits,
  },
];
