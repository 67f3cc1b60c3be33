/**
 * The inspections module's sections of a report (issue 16 §3): data-first, a fixed number of queries
 * whatever the number of inspections, counts only (1–7 hidden), never a name.
 */
import type { ReportSectionDefinition } from '../reports/index.ts';

export const inspectionsReportSections: readonly ReportSectionDefinition[] = [];
