/**
 * What other modules may use of the reports module (decision 0016): the section contract, so that a
 * module can contribute its own sections to every report.
 */
export {
  BOARD_QUESTIONS,
  REPORT_KINDS,
  countCell,
  emptySection,
  type BoardQuestion,
  type Cell,
  type CountCell,
  type EasyReadLine,
  type Figure,
  type ReportChart,
  type ReportKind,
  type ReportScope,
  type ReportSectionDefinition,
  type ReportTable,
  type SectionContent,
  type SectionContext,
  type Translate,
} from './sections.ts';
// How every section writes a count in a sentence and a date, so they read the same in every section.
export { formatDate, formatNumber } from './format.ts';
// The report's Nunjucks filters (numbers, dates, charts, outline), registered by src/plugins/views.ts.
export { reportFilters } from './document.view.ts';
