/**
 * The feedback module's sections of a report (issue 14 §1): data-first, one fixed set of queries each,
 * whatever the number of activities or contributions. Rendering is the reports module's.
 *
 * - feedback.what_changed: you said, we did — themes answered and published in the period, the
 *   closure rate, the median time to feedback and what is overdue now (figures.service.ts' own
 *   definitions), responses by status, the period's published responses and up to five quotes.
 * - feedback.annual_publication: the regulation 56 yearly publication as a report: the period's
 *   published responses grouped by service, as annualPublication (public.service.ts) lays them out.
 *
 * Only the copy frozen at publication is read for words (published.ts): quotes are redacted text a
 * lead chose and published, never a contribution's own words, never an unpublished quote.
 */
import type { AreaTx, ResponseStatus } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { isSmall, percentOf, type Suppression } from '../../lib/suppression.ts';
import { countCell, emptySection, formatDate, formatNumber, type Cell, type EasyReadLine, type Figure, type ReportSectionDefinition, type ReportTable, type SectionContent, type SectionContext, type Translate } from '../reports/index.ts';
import { easyLines, toEntry, type PublicEntry } from './public.service.ts';
import * as repo from './report-sections.repository.ts';
import { STATUS_KEYS, statusInfo } from './response-statuses.ts';


/** At most this many quotes in a section: a few voices, not the archive. */
export const MAX_QUOTES = 5;
/**
 * The newest answers a board report lists in its table. A year can hold thousands (the bench: 2,700);
 * a board reads the figures and the latest answers, and the public page holds them all.
 */
export const MAX_RESPONSES_LISTED = 20;
/** The yearly publication's own report keeps more of them (every theme is listed). */
export const MAX_ANNUAL_QUOTES = 10;

const small = (count: number): Suppression => (isSmall(count) ? 'small' : 'none');

/** The period's published responses as the public saw them (a malformed snapshot is left out), and the area's name. */
async function readPeriodIn(tx: AreaTx, ctx: SectionContext): Promise<{ areaName: string; entries: PublicEntry[] }> {
  const { areaName, rows } = await repo.publishedInPeriod(tx, ctx.areaId, ctx.scope, ctx.from, ctx.to);
  return { areaName, entries: rows.map(toEntry).filter((e): e is PublicEntry => e !== null) };
}

/** Up to `max` quotes, one from each response in turn (newest first), so one theme does not fill them all. */
export function pickQuotes(entries: readonly PublicEntry[], max: number): string[] {
  const picked: string[] = [];
  const longest = Math.max(0, ...entries.map((e) => e.quotes.length));
  for (let round = 0; round < longest && picked.length < max; round += 1) {
    for (const entry of entries) {
      const quote = entry.quotes[round]?.trim();
      if (quote && !picked.includes(quote)) picked.push(quote);
      if (picked.length >= max) break;
    }
  }
  return picked;
}

/** What we did, in one cell: the change, or for "we can't" the reason why not. */
function whatWeDid(entry: PublicEntry, t: Translate): string {
  if (entry.status === 'cannot') return entry.reason ? t('feedback.reports.whyNot', { reason: entry.reason }) : entry.whatChanged;
  return entry.whatChanged;
}

/** A published theme's number of views: 1 to 7 shown as "fewer than 8", as on the public pages. */
const viewsCell = (entry: PublicEntry): Cell => (entry.suppressed ? countCell(1, 'small') : countCell(entry.count ?? 0));

const statusCounts = (entries: readonly PublicEntry[]) => new Map<ResponseStatus, number>(STATUS_KEYS.map((key) => [key, entries.filter((e) => e.status === key).length]));

// ── What changed: you said, we did ─────────────────────────────────────────────────────────────

async function buildWhatChanged(ctx: SectionContext): Promise<SectionContent> {
  const { t, lang } = ctx;
  const { figures, entries } = await withArea(ctx.db, ctx.areaId, async (tx) => ({
    figures: await repo.periodFeedbackFigures(tx, ctx.areaId, ctx.scope, ctx.from, ctx.to, ctx.now),
    entries: (await readPeriodIn(tx, ctx)).entries,
  }));
  if (entries.length === 0 && figures.visible === 0 && figures.closedActivities === 0 && figures.overdue === 0) {
    return emptySection(t('feedback.reports.whatChanged.empty'), { text: t('feedback.reports.whatChanged.easyEmpty'), symbol: '1F4AC' });
  }
  const words = (count: number, suppression: Suppression = 'none') => formatNumber(count, suppression, t, lang);
  const percent = percentOf(figures.answered, figures.visible);
  // A rate over 1 to 7 views says little and could point at the few who spoke: hidden with them.
  const closureShown = small(figures.visible);
  const byStatus = statusCounts(entries);

  const figureList: Figure[] = [
    { label: t('feedback.reports.whatChanged.figures.published'), ...countCell(entries.length) },
    percent === null
      ? { label: t('feedback.reports.whatChanged.figures.closure'), value: null, suppression: 'none', note: t('feedback.reports.whatChanged.noViews') }
      : { label: t('feedback.reports.whatChanged.figures.closure'), ...countCell(percent, closureShown), unit: 'percent' },
    figures.medianDaysToFeedback === null
      ? { label: t('feedback.reports.whatChanged.figures.median'), value: null, suppression: 'none', note: t('feedback.reports.whatChanged.noMedian') }
      : { label: t('feedback.reports.whatChanged.figures.median'), ...countCell(Math.round(figures.medianDaysToFeedback)), unit: 'days' },
    { label: t('feedback.reports.whatChanged.figures.overdue'), ...countCell(figures.overdue) },
  ];

  const paragraphs: string[] = [t('feedback.reports.whatChanged.published', { count: entries.length, themes: words(entries.length) })];
  if (figures.visible > 0) {
    paragraphs.push(
      closureShown === 'none'
        ? t('feedback.reports.whatChanged.closure', { visible: words(figures.visible), answered: words(figures.answered), percent })
        : t('feedback.reports.whatChanged.closureFew'),
    );
  }
  if (figures.medianDaysToFeedback !== null) {
    paragraphs.push(t('feedback.reports.whatChanged.median', { count: Math.round(figures.medianDaysToFeedback), days: words(Math.round(figures.medianDaysToFeedback)) }));
  }
  paragraphs.push(
    figures.overdue === 0
      ? t('feedback.reports.whatChanged.noneOverdue', { weeks: figures.feedbackWeeks })
      : t('feedback.reports.whatChanged.overdue', { count: figures.overdue, overdue: words(figures.overdue), weeks: figures.feedbackWeeks }),
  );
  if (entries.length > 0) {
    const parts = STATUS_KEYS.filter((key) => byStatus.get(key)! > 0).map((key) => t(`feedback.reports.whatChanged.statusPart.${key}`, { number: words(byStatus.get(key)!) }));
    paragraphs.push(t('feedback.reports.whatChanged.statuses', { list: parts.join(t('feedback.reports.listSeparator')) }));
  }

  const tables: ReportTable[] = [
    {
      id: 'by_status',
      caption: t('feedback.reports.whatChanged.byStatusCaption'),
      columns: [{ label: t('feedback.reports.columns.answer') }, { label: t('feedback.reports.columns.themes'), numeric: true }],
      rows: STATUS_KEYS.map((key) => [t(`feedback.status.${key}.label`), countCell(byStatus.get(key)!)]),
    },
  ];
  if (entries.length > 0) {
    tables.push({
      id: 'responses',
      caption: t('feedback.reports.whatChanged.responsesCaption'),
      columns: [
        { label: t('feedback.reports.columns.youSaid') },
        { label: t('feedback.reports.columns.answer') },
        { label: t('feedback.reports.columns.weDid') },
        { label: t('feedback.reports.columns.views'), numeric: true },
      ],
      rows: entries.slice(0, MAX_RESPONSES_LISTED).map((e) => [e.title, t(`feedback.status.${e.status}.label`), whatWeDid(e, t), viewsCell(e)]),
    });
  }
  if (entries.length > MAX_RESPONSES_LISTED) paragraphs.push(t('feedback.reports.whatChanged.moreOnline', { listed: MAX_RESPONSES_LISTED, count: entries.length }));

  const easyRead: EasyReadLine[] = [];
  if (figures.visible > 0 && closureShown === 'none' && percent !== null) {
    easyRead.push({ text: t('feedback.reports.whatChanged.easyClosure', { tenths: Math.round(percent / 10) }), symbol: '1F4AC' });
  }
  for (const entry of entries) {
    if (easyRead.length >= 3) break;
    const line = easyLines(entry.whatChangedEasyRead)[0];
    if (line) easyRead.push({ text: line, symbol: statusInfo(entry.status).symbol });
  }
  if (easyRead.length === 0) easyRead.push({ text: t('feedback.reports.whatChanged.easyListening'), symbol: '1F442' });

  const notes = [
    t('feedback.reports.whatChanged.noteClosure'),
    t('feedback.reports.whatChanged.noteMedian', { weeks: figures.feedbackWeeks }),
    t('feedback.reports.noteQuotes'),
  ];
  if (closureShown !== 'none' || entries.some((e) => e.suppressed)) notes.push(t('feedback.reports.noteHidden'));

  return {
    paragraphs,
    figures: figureList,
    tables,
    charts: [
      {
        id: 'by_status_chart',
        title: t('feedback.reports.whatChanged.chartTitle'),
        description: t('feedback.reports.whatChanged.chartDescription'),
        tableId: 'by_status',
        labelColumn: 0,
        valueColumns: [1],
      },
    ],
    quotes: pickQuotes(entries, MAX_QUOTES),
    notes,
    easyRead: easyRead.slice(0, 3),
    empty: false,
  };
}

// ── The yearly publication (SEND Regulations 2014, regulation 56) ─────────────────────────────

const byName = (a: string, b: string) => a.localeCompare(b, 'en-GB');

async function buildAnnualPublication(ctx: SectionContext): Promise<SectionContent> {
  const { t, lang } = ctx;
  const { areaName, entries } = await withArea(ctx.db, ctx.areaId, (tx) => readPeriodIn(tx, ctx));
  const period = { from: formatDate(ctx.from, lang), to: formatDate(ctx.to, lang) };
  if (entries.length === 0) {
    return emptySection(t('feedback.reports.annual.empty', period), { text: t('feedback.reports.annual.easyEmpty'), symbol: '1F4D6' });
  }
  // As annualPublication: each theme listed under each of its services (sorted), the rest under "Other comments".
  const byService = new Map<string, PublicEntry[]>();
  const other: PublicEntry[] = [];
  for (const entry of entries) {
    if (entry.services.length === 0) other.push(entry);
    for (const service of entry.services) byService.set(service, [...(byService.get(service) ?? []), entry]);
  }
  const groups: Array<{ name: string; entries: PublicEntry[] }> = [...byService.keys()].sort(byName).map((service) => ({ name: service, entries: byService.get(service)! }));
  if (other.length) groups.push({ name: t('feedback.public.annual.otherService'), entries: other });
  const byStatus = statusCounts(entries);

  const columns = [
    { label: t('feedback.reports.columns.youSaid') },
    { label: t('feedback.reports.columns.answer') },
    { label: t('feedback.reports.columns.weDid') },
    { label: t('feedback.reports.columns.decidedBy') },
    { label: t('feedback.reports.columns.views'), numeric: true },
  ];
  const tables: ReportTable[] = [
    {
      id: 'by_service',
      caption: t('feedback.public.annual.byService'),
      columns: [{ label: t('feedback.reports.columns.service') }, { label: t('feedback.reports.columns.themes'), numeric: true }],
      rows: groups.map((g) => [g.name, countCell(g.entries.length)]),
    },
    ...groups.map((g, i) => ({
      id: `service_${i + 1}`,
      caption: t('feedback.reports.annual.serviceCaption', { service: g.name }),
      columns,
      rows: g.entries.map((e): Cell[] => [e.title, t(`feedback.status.${e.status}.label`), whatWeDid(e, t), e.decidedBy, viewsCell(e)]),
    })),
  ];

  const done = byStatus.get('done')! + byStatus.get('doing')! + byStatus.get('will_do')!;
  const easyRead: EasyReadLine[] = [
    { text: t('feedback.reports.annual.easyThemes', { count: entries.length, themes: formatNumber(entries.length, 'none', t, lang) }), symbol: '1F4D6' },
    { text: t('feedback.reports.annual.easyDoing', { number: formatNumber(done, 'none', t, lang) }), symbol: '2705' },
  ];
  if (byStatus.get('cannot')! > 0) easyRead.push({ text: t('feedback.reports.annual.easyCannot'), symbol: '1F6AB' });

  return {
    paragraphs: [
      t('feedback.reports.annual.lead', { area: areaName, ...period }),
      t('feedback.public.annual.statement', { area: areaName }),
      t('feedback.public.annual.noIdentifying'),
      t('feedback.reports.annual.total', { count: entries.length, themes: formatNumber(entries.length, 'none', t, lang), services: formatNumber(byService.size, 'none', t, lang) }),
    ],
    figures: [
      { label: t('feedback.reports.annual.figures.themes'), ...countCell(entries.length) },
      { label: t('feedback.reports.annual.figures.services'), ...countCell(byService.size) },
      { label: t('feedback.reports.annual.figures.acting'), ...countCell(done) },
      { label: t('feedback.reports.annual.figures.cannot'), ...countCell(byStatus.get('cannot')!) },
    ],
    tables,
    charts: [
      {
        id: 'by_service_chart',
        title: t('feedback.reports.annual.chartTitle'),
        description: t('feedback.reports.annual.chartDescription'),
        tableId: 'by_service',
        labelColumn: 0,
        valueColumns: [1],
      },
    ],
    quotes: pickQuotes(entries, MAX_ANNUAL_QUOTES),
    notes: [t('feedback.reports.annual.noteRegulation'), t('feedback.reports.noteQuotes'), t('feedback.reports.annual.noteTwice')],
    easyRead,
    empty: false,
  };
}

export const feedbackReportSections: readonly ReportSectionDefinition[] = [
  {
    key: 'feedback.what_changed',
    order: 300,
    kinds: ['board', 'local_account'],
    question: 'impact_on_users',
    title: (t) => t('feedback.reports.whatChanged.title'),
    easyReadTitle: (t) => t('feedback.reports.whatChanged.easyReadTitle'),
    build: buildWhatChanged,
  },
  {
    key: 'feedback.annual_publication',
    order: 320,
    kinds: ['annual_publication'],
    question: null,
    title: (t) => t('feedback.reports.annual.title'),
    build: buildAnnualPublication,
  },
];
