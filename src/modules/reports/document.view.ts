/**
 * What the report's templates need beyond the document itself (views/document/*.njk): the same
 * formatting every other format uses (format.ts), the chart drawing (chart.ts), and the outline of
 * the page. Registered as Nunjucks filters (src/plugins/views.ts), so any page that includes the
 * report's body (the staff report page, the public page, the previews) needs to pass only `document`.
 */
import { chartSvg } from './chart.ts';
import type { DocumentSection, ReportDocument } from './document.ts';
import { formatCell, formatDate, formatPeriod, isHidden } from './format.ts';
import type { BoardQuestion, Cell, ReportChart, ReportTable, Translate } from './sections.ts';

type Lang = 'en' | 'cy';
const langOf = (lang: unknown): Lang => (lang === 'cy' ? 'cy' : 'en');

/** One top-level part of the page: a board question with its sections, or a section on its own. */
export type OutlineEntry =
  | { kind: 'question'; id: BoardQuestion; title: string; anchor: string; sections: DocumentSection[] }
  | { kind: 'section'; section: DocumentSection; anchor: string };

/**
 * The page's outline: for a board report, the four questions (each with the sections that answer
 * it, in the report's order), then the parts that answer none (the forums' own parts, for example);
 * for the other kinds, the sections in order.
 */
export function reportOutline(document: ReportDocument): OutlineEntry[] {
  const anchor = (s: DocumentSection) => `part-${s.partId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  if (document.questions.length === 0) return document.sections.map((section) => ({ kind: 'section', section, anchor: anchor(section) }));
  const asked = new Set(document.questions.map((q) => q.id));
  const entries: OutlineEntry[] = document.questions.map((q) => ({ kind: 'question', id: q.id, title: q.title, anchor: `question-${q.id}`, sections: document.sections.filter((s) => s.question === q.id) }));
  for (const section of document.sections) if (!section.question || !asked.has(section.question)) entries.push({ kind: 'section', section, anchor: anchor(section) });
  return entries;
}

export function sectionAnchor(section: DocumentSection): string {
  return `part-${section.partId.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

/**
 * The chart's SVG, drawn from its own table (empty when the table is not there). `prefix` (the
 * section's anchor) keeps the drawing's ids unique when two sections have charts of the same id.
 */
export function reportChart(chart: ReportChart, tables: readonly ReportTable[], t: Translate, lang: unknown, prefix = ''): string {
  const table = tables.find((tb) => tb.id === chart.tableId);
  return table ? chartSvg(prefix ? { ...chart, id: `${prefix}-${chart.id}` } : chart, table, t, langOf(lang)) : '';
}

/**
 * Text as the inside of a CSS string: every character but letters, digits and spaces as a "\hex "
 * escape, so nothing in it can close the string or the <style> element (a report title in @page).
 */
export function cssString(value: unknown): string {
  return [...String(value ?? '').slice(0, 200)].map((c) => (/[A-Za-z0-9 ]/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('');
}

export const reportFilters: Record<string, (...args: never[]) => unknown> = {
  reportCell: (cell: Cell, t: Translate, lang: unknown) => formatCell(cell, t, langOf(lang)),
  reportHidden: (cell: Cell) => isHidden(cell),
  reportDate: (isoDate: string, lang: unknown) => (typeof isoDate === 'string' && /^\d{4}-\d{2}-\d{2}/.test(isoDate) ? formatDate(isoDate, langOf(lang)) : ''),
  reportPeriod: (header: { from: string; to: string }, t: Translate, lang: unknown) => formatPeriod(header.from, header.to, t, langOf(lang)),
  reportCssString: (value: unknown) => cssString(value),
  reportOutline: (document: ReportDocument) => reportOutline(document),
  reportAnchor: (section: DocumentSection) => sectionAnchor(section),
  reportChart: (chart: ReportChart, tables: readonly ReportTable[], t: Translate, lang: unknown, prefix?: string) => reportChart(chart, tables, t, lang, prefix),
};
