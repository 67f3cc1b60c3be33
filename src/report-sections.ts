/**
 * The composition root of the report sections (issue 14 §1): each module's contribution, in one
 * list. A new module adds one line here; the reports module itself never changes for it.
 */
import { activitiesReportSections } from './modules/activities/report-sections.service.ts';
import { evaluationReportSections } from './modules/evaluation/report-sections.service.ts';
import { feedbackReportSections } from './modules/feedback/report-sections.service.ts';
import { panelsReportSections } from './modules/panels/report-sections.service.ts';
import { inspectionsReportSections } from './modules/inspections/report-sections.service.ts';
import { recognitionReportSections } from './modules/recognition/report-sections.service.ts';
import type { ReportSectionDefinition } from './modules/reports/index.ts';

export const REPORT_SECTIONS: readonly ReportSectionDefinition[] = [...activitiesReportSections, ...evaluationReportSections, ...feedbackReportSections, ...panelsReportSections, ...inspectionsReportSections, ...recognitionReportSections];
