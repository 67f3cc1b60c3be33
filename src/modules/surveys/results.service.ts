/**
 * Survey results and exports of responses: who may see and download what.
 *
 * Who sees what:
 * - The staff who run the activity (can manage it: leads, and practitioners of its organisation)
 *   see exact numbers: "the lead's own view".
 * - Every other member of staff sees results with small numbers hidden (results.counting.ts).
 * - Exports need response.export for the activity's organisation; personal details need
 *   response.export_personal as well, and every export is audited (never its contents).
 *
 * Only submitted responses count; free text a moderator hid never counts. Counting is in
 * results.counting.ts, words and charts in results.presenting.ts, the sheet in export.sheet.ts.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { canManageActivity, getActivity, type Activity } from '../activities/activities.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { heldAnswerKeys } from '../privacy/safeguarding.service.ts';
import { safeFileName, toCsv, toXlsx } from './export.ts';
import { buildSheet } from './export.sheet.ts';
import { listQuestions } from './questions.service.ts';
import { protect, tally, type Results } from './results.counting.ts';
import * as repo from './results.repository.ts';

export { presentResults } from './results.presenting.ts';

export type ResultsPage = {
  activity: Activity;
  results: Results;
  /** May download responses (response.export for the activity's organisation). */
  canExport: boolean;
};

/** An activity's results as this person may see them. NotFoundError for a bad or foreign id. */
export async function getResults(db: Db, actor: Actor | null, areaId: string, activityId: string): Promise<ResultsPage> {
  const activity = await getActivity(db, areaId, activityId);
  const scope = { areaId, organisationId: activity.organisationId };
  const questions = await listQuestions(db, areaId, activity.id);
  // The summary and the answers in one transaction: a response sent in between cannot skew them.
  const { summary, answers } = await withArea(db, areaId, async (tx) => ({
    summary: await repo.responseSummary(tx, areaId, activity.id),
    answers: await repo.listAnswers(tx, areaId, activity.id),
  }));
  return {
    activity,
    results: protect(tally(questions, summary, answers), canManageActivity(actor, activity)),
    canExport: can(actor, 'response.export', scope),
  };
}

export type ExportFormat = 'csv' | 'xlsx';

export type ExportPage = { activity: Activity; submitted: number; canIncludePersonal: boolean };

/** The activity, if this person may export its responses: ForbiddenError if not (another organisation's). */
async function getExportableActivity(db: Db, actor: Actor | null, areaId: string, activityId: string): Promise<Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, 'response.export', { areaId, organisationId: activity.organisationId })) throw new ForbiddenError('response.export');
  return activity;
}

export async function getExportPage(db: Db, actor: Actor | null, areaId: string, activityId: string): Promise<ExportPage> {
  const activity = await getExportableActivity(db, actor, areaId, activityId);
  const summary = await withArea(db, areaId, (tx) => repo.responseSummary(tx, areaId, activity.id));
  return { activity, submitted: summary.submitted, canIncludePersonal: can(actor, 'response.export_personal', { areaId, organisationId: activity.organisationId }) };
}

export type ExportFile = { fileName: string; contentType: string; body: string | Buffer };

/**
 * The responses as a file, and an audit entry saying who exported what kind of file (never its
 * contents). Personal details only with response.export_personal: asking without it is refused,
 * not quietly ignored, so a forged form cannot get them and nobody is misled about what they got.
 */
export async function exportResponses(
  db: Db,
  actor: Actor,
  areaId: string,
  activityId: string,
  options: { format: ExportFormat; personal: boolean },
  t: Translate,
): Promise<ExportFile> {
  const activity = await getExportableActivity(db, actor, areaId, activityId);
  if (options.personal && !can(actor, 'response.export_personal', { areaId, organisationId: activity.organisationId })) throw new ForbiddenError('response.export_personal');
  const questions = await listQuestions(db, areaId, activity.id);
  const data = await withArea(db, areaId, async (tx) => {
    const responses = await repo.listResponsesForExport(tx, areaId, activity.id, options.personal);
    const answers = await repo.listExportAnswers(tx, areaId, activity.id);
    const contributions = await repo.listExportContributions(tx, areaId, activity.id, options.personal);
    await audit(tx, areaId, actor.accountId, 'responses.exported', { type: 'activity', id: activity.id, detail: { format: options.format, personal: options.personal } });
    return { responses, answers, contributions };
  });
  // Answers held for a safeguarding lead: their words must not reach a spreadsheet by another road
  // (the answer row still holds them), so the sheet says they are held.
  const held = await heldAnswerKeys(db, areaId, activity.id);
  const sheet = buildSheet(questions, data.responses, data.answers, data.contributions, options.personal, t, held);
  const now = new Date();
  if (options.format === 'csv') {
    return { fileName: safeFileName(activity.title, now, 'csv'), contentType: 'text/csv; charset=utf-8', body: toCsv(sheet) };
  }
  return {
    fileName: safeFileName(activity.title, now, 'xlsx'),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await toXlsx(sheet, t('surveys.results.export.sheetName')),
  };
}

