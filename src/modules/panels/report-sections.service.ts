/**
 * The panels module's sections of a report (issue 16 §3): data-first, a fixed number of queries
 * whatever the number of panels, counts only (1–7 hidden), never a name.
 */
import type { ReportSectionDefinition } from '../reports/index.ts';

export const panelsReportSections: readonly ReportSectionDefinition[] = [];
