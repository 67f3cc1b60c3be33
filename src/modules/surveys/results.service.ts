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
import { summarySheet } from './export.summary.ts';
import { listQuestions } from './questions.service.ts';
import { breakDown, DIMENSIONS, findDimension, groupSizes, type Breakdown, type Dimension } from './results.breakdown.ts';
import { protect, tally, type Results } from './results.counting.ts';
import * as repo from './results.repository.ts';

export { presentGroups, presentResults } from './results.presenting.ts';

export type ResultsPage = {
  activity: Activity;
  results: Results;
  /** May download responses (response.export for the activity's organisation). */
  canExport: boolean;
  /** The groups people can be looked at by (those with anyone in them), when there are enough responses for any. */
  groupChoices: Array<{ dimension: Dimension; groups: string[] }>;
  /** Looking at one group: its answers are `results`; `hidden` says why there are none. */
  group?: { dimension: Dimension; group: string };
  /** Each question compared across the groups of one dimension. */
  breakdown?: Breakdown;
  /** What the address asked for that does not exist (the page then shows everyone). */
  invalid?: 'group' | 'by' | 'both';
};

/** What the results page is asked to show: one group (`dimension:group`) or a comparison (a dimension's slug), or neither. */
export type ResultsView = { group?: string; by?: string };

/**
 * An activity's results as this person may see them, for everyone, one group or compared across
 * groups (results.breakdown.ts). NotFoundError for a bad or foreign id.
 */
export async function getResults(db: Db, actor: Actor | null, areaId: string, activityId: string, view: ResultsView = {}): Promise<ResultsPage> {
  const activity = await getActivity(db, areaId, activityId);
  const scope = { areaId, organisationId: activity.organisationId };
  const questions = await listQuestions(db, areaId, activity.id);
  // The summary and the answers in one transaction: a response sent in between cannot skew them.
  const { summary, answers, respondents } = await withArea(db, areaId, async (tx) => ({
    summary: await repo.responseSummary(tx, areaId, activity.id),
    answers: await repo.listAnswers(tx, areaId, activity.id),
    respondents: await repo.listRespondents(tx, areaId, activity.id),
  }));
  const tallied = tally(questions, summary, answers);
  const results = protect(tallied, canManageActivity(actor, activity));
  const page: ResultsPage = { activity, results, canExport: can(actor, 'response.export', scope), groupChoices: [] };
  // Fewer than 8 responses: nobody sees anything by group (every group would be small).
  if (results.tooFew || protect(tallied, false).tooFew) return page;
  page.groupChoices = DIMENSIONS.map((dimension) => ({ dimension, groups: groupSizes(dimension, respondents).map((s) => s.group) }));

  const [slug = '', group = ''] = (view.group ?? '').split(':');
  const chosen = view.group ? page.groupChoices.find((c) => c.dimension.slug === slug && c.groups.includes(group)) : undefined;
  const by = view.by ? findDimension(view.by) : undefined;
  if (view.group && view.by) return { ...page, invalid: 'both' };
  if (view.group && !chosen) return { ...page, invalid: 'group' };
  if (view.by && !by) return { ...page, invalid: 'by' };
  const dimension = chosen?.dimension ?? by;
  if (!dimension) return page;

  // Everyone's figures as the suppressed page shows them: what anyone comparing groups already knows.
  const everyone = { tally: tallied.questions, results: protect(tallied, false) };
  const breakdown = breakDown(dimension, questions, respondents, answers, everyone);
  if (chosen) return { ...page, results: breakdown.results.get(group)!, group: { dimension, group } };
  return { ...page, breakdown };
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
  lang = 'en',
): Promise<ExportFile> {
  const activity = await getExportableActivity(db, actor, areaId, activityId);
  if (options.personal && !can(actor, 'response.export_personal', { areaId, organisationId: activity.organisationId })) throw new ForbiddenError('response.export_personal');
  const questions = await listQuestions(db, areaId, activity.id);
  const data = await withArea(db, areaId, async (tx) => {
    const responses = await repo.listResponsesForExport(tx, areaId, activity.id, options.personal);
    const answers = await repo.listExportAnswers(tx, areaId, activity.id);
    const contributions = await repo.listExportContributions(tx, areaId, activity.id, options.personal);
    // The Excel summary counts as the results page does (hidden free text left out).
    const counted = options.format === 'xlsx' ? { summary: await repo.responseSummary(tx, areaId, activity.id), answers: await repo.listAnswers(tx, areaId, activity.id) } : null;
    await audit(tx, areaId, actor.accountId, 'responses.exported', { type: 'activity', id: activity.id, detail: { format: options.format, personal: options.personal } });
    return { responses, answers, contributions, counted };
  });
  // Answers held for a safeguarding lead: their words must not reach a spreadsheet by another road
  // (the answer row still holds them), so the sheet says they are held.
  const held = await heldAnswerKeys(db, areaId, activity.id);
  const sheet = buildSheet(questions, data.responses, data.answers, data.contributions, options.personal, t, held);
  const now = new Date();
  if (options.format === 'csv') {
    return { fileName: safeFileName(activity.title, now, 'csv'), contentType: 'text/csv; charset=utf-8', body: toCsv(sheet) };
  }
  // Excel: a summary first (small numbers hidden, whoever downloads it: files travel), then every
  // response, then one sheet per question (the response number and that question's columns).
  const summary = summarySheet(activity.title, protect(tally(questions, data.counted!.summary, data.counted!.answers), false), now, t, lang);
  const perQuestion = questions.map((q) => {
    const part = sheet.parts.find((p) => p.questionId === q.id)!;
    return {
      name: t('surveys.results.export.summary.questionSheetName', { number: q.position, question: q.text }),
      sheet: { header: [sheet.header[0]!, ...sheet.header.slice(part.from, part.to)], rows: sheet.rows.map((row) => [row[0]!, ...row.slice(part.from, part.to)]) },
    };
  });
  return {
    fileName: safeFileName(activity.title, now, 'xlsx'),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await toXlsx([
      { name: t('surveys.results.export.summary.sheetName'), sheet: summary },
      { name: t('surveys.results.export.summary.allSheetName'), sheet },
      ...perQuestion,
    ]),
  };
}


export type { AboutYouCount } from './results.repository.ts';
export { AGE_BAND_OPTIONS, ETHNIC_GROUPS, NEED_TYPE_OPTIONS, SEX_OPTIONS, SUPPORT_OPTIONS, aboutYouAnswerKey, ethnicGroupOf } from './about-you.ts';

/**
 * For the evaluation module's "who takes part, compared with everyone" (issue 13 §5): how many of
 * the area's submitted responses gave each "About you" answer (value null: not answered), one query
 * for the whole area. Responses whose age band is `leaveOutAgeBand` are not counted at all (the
 * comparison is with children and young people, so parent carers answering about themselves, "26 or
 * over", are left out). Counts of answers only; nothing says whose they are.
 */
export function aboutYouCountsForArea(db: Db, areaId: string, options: { leaveOutAgeBand?: string } = {}): Promise<repo.AboutYouCount[]> {
  return withArea(db, areaId, (tx) => repo.countAboutYouAnswers(tx, areaId, options.leaveOutAgeBand ?? null));
}
/**
 * For a report (issue 14): the same counts, only of responses submitted in the period (London dates,
 * both included) and, when `activityIds` is given, sent to one of those activities. One query.
 */
export function aboutYouCountsForReport(
  db: Db,
  areaId: string,
  options: { leaveOutAgeBand?: string; from: string; to: string; activityIds: readonly string[] | null },
): Promise<repo.AboutYouCount[]> {
  return withArea(db, areaId, (tx) => repo.countAboutYouAnswersIn(tx, areaId, options.leaveOutAgeBand ?? null, { from: options.from, to: options.to }, options.activityIds));
}
/** The .xlsx writer, for other modules' exports (the evaluation module's representation tables). */
export { toXlsx } from './export.ts';
