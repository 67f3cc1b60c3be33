/**
 * Reports (issue 14): making, co-writing, approving and publishing a report. The workflow's rules
 * and transactions live here; the document each format draws is composed in document.ts.
 *
 * The functions below are the ones other parts of the reports module (and the demo seed, tests and
 * bench) rely on; their signatures are the contract between the parts.
 */
import type { Db } from '../../db/database.ts';
import type { ReportDocument } from './document.ts';
import type { ReportSectionDefinition, Translate } from './sections.ts';

export type PublishedReportRow = { id: string; title: string; kind: string; from: string; to: string; edition: number; publishedAt: Date };

/**
 * The document of any report in the area, for staff who may view reports: a published report's frozen
 * snapshot, otherwise composed now from its sections. NotFoundError when there is no such report.
 */
export async function reportDocumentForStaff(_db: Db, _sections: readonly ReportSectionDefinition[], _areaId: string, _reportId: string, _t: Translate, _lang: 'en' | 'cy', _now: Date = new Date()): Promise<ReportDocument> {
  throw new Error('reportDocumentForStaff: not built yet (issue 14)');
}

/** A published report's frozen document, for anyone. NotFoundError when it is not published (or not there). */
export async function publishedDocument(_db: Db, _areaId: string, _reportId: string): Promise<ReportDocument> {
  throw new Error('publishedDocument: not built yet (issue 14)');
}

/** The area's published reports, newest first (the public list). */
export async function listPublishedReports(_db: Db, _areaId: string): Promise<PublishedReportRow[]> {
  return [];
}
