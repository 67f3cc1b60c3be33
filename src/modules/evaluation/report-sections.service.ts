/**
 * The evaluation module's sections of a report (issue 14 §1): data-first, one fixed set of queries each,
 * whatever the number of activities or contributions. Rendering is the reports module's.
 */
import type { ReportSectionDefinition } from '../reports/index.ts';

export const evaluationReportSections: readonly ReportSectionDefinition[] = [];
