/**
 * SQL for survey results and exports. Only submitted responses are ever read: a response still in
 * progress is not a view anyone has given yet. Free text a moderator has hidden is left out too.
 */
import { sql } from 'kysely';
import type { AreaTx, ContributionSource } from '../../db/database.ts';
import type { AboutYou } from './about-you.ts';
import type { Respondent } from './results.breakdown.ts';

export type ResponseSummary = { submitted: number; supported: number; firstAt: Date | null; lastAt: Date | null };

/** A stored answer as it is: the value is checked against its question's type by the service. */
export type StoredAnswer = { responseId: string; questionId: string; value: unknown; declined: boolean };

export async function responseSummary(tx: AreaTx, areaId: string, activityId: string): Promise<ResponseSummary> {
  const row = await tx
    .selectFrom('response')
    .select((eb) => [
      eb.fn.countAll<string>().as('submitted'),
      eb.fn.countAll<string>().filterWhere('mode', '=', 'supported').as('supported'),
      eb.fn.min('submitted_at').as('first_at'),
      eb.fn.max('submitted_at').as('last_at'),
    ])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('status', '=', 'submitted')
    // Survey responses only: a live session's participants (channel 'live') answered no survey.
    .where('channel', '=', 'survey')
    .executeTakeFirstOrThrow();
  return { submitted: Number(row.submitted), supported: Number(row.supported), firstAt: row.first_at ?? null, lastAt: row.last_at ?? null };
}

/**
 * Every answer of every submitted response to the activity, in one query. A free-text answer whose
 * contribution a moderator hid is left out: hidden views never count.
 */
export async function listAnswers(tx: AreaTx, areaId: string, activityId: string): Promise<StoredAnswer[]> {
  const rows = await tx
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .leftJoin('contribution', (join) =>
      join
        .onRef('contribution.response_id', '=', 'answer.response_id')
        .onRef('contribution.question_id', '=', 'answer.question_id')
        .on('contribution.source', '=', 'free_text'),
    )
    .select(['answer.response_id', 'answer.question_id', 'answer.value', 'answer.declined'])
    .where('answer.area_id', '=', areaId)
    .where('response.activity_id', '=', activityId)
    .where('response.status', '=', 'submitted')
    .where('contribution.hidden_at', 'is', null)
    .execute();
  return rows.map((r) => ({ responseId: r.response_id, questionId: r.question_id, value: r.value, declined: r.declined }));
}

/** What an export row says about the response itself. Personal fields are only read when asked for. */
export type ExportResponse = {
  id: string;
  submittedAt: Date;
  mode: 'anonymous' | 'signed_in' | 'supported';
  /** In both exports, as words (issue 12): who took part is what a lead compares with who uses the services. */
  aboutYou: AboutYou;
  personal?: {
    accountEmail: string | null;
    supporterEmail: string | null;
    supporterRelationship: string | null;
    supporterRelationshipOther: string;
    supportMethods: string[];
    receiptCode: string | null;
    anythingElse: string;
  };
};

export async function listResponsesForExport(tx: AreaTx, areaId: string, activityId: string, personal: boolean): Promise<ExportResponse[]> {
  const base = tx
    .selectFrom('response')
    .where('response.area_id', '=', areaId)
    .where('response.activity_id', '=', activityId)
    .where('response.status', '=', 'submitted')
    .where('response.channel', '=', 'survey')
    .orderBy('response.submitted_at')
    .orderBy('response.id')
    .select(['response.id', 'response.submitted_at', 'response.mode', 'response.age_band', 'response.sex', 'response.ethnicity', 'response.need_type', 'response.support_level']);
  const aboutYou = (r: { age_band: string | null; sex: string | null; ethnicity: string | null; need_type: string | null; support_level: string | null }): AboutYou => ({
    age_band: r.age_band,
    sex: r.sex,
    ethnicity: r.ethnicity,
    need_type: r.need_type,
    support_level: r.support_level,
  });
  if (!personal) {
    const rows = await base.execute();
    return rows.map((r) => ({ id: r.id, submittedAt: r.submitted_at!, mode: r.mode, aboutYou: aboutYou(r) }));
  }
  const rows = await base
    .leftJoin('account as respondent', 'respondent.id', 'response.account_id')
    .leftJoin('account as supporter', 'supporter.id', 'response.supporter_account_id')
    .select([
      'respondent.email as account_email',
      'supporter.email as supporter_email',
      'response.supporter_relationship',
      'response.supporter_relationship_other',
      'response.support_methods',
      'response.receipt_code',
      'response.anything_else',
    ])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    submittedAt: r.submitted_at!,
    mode: r.mode,
    aboutYou: aboutYou(r),
    personal: {
      accountEmail: r.account_email,
      supporterEmail: r.supporter_email,
      supporterRelationship: r.supporter_relationship,
      supporterRelationshipOther: r.supporter_relationship_other,
      supportMethods: r.support_methods,
      receiptCode: r.receipt_code,
      anythingElse: r.anything_else,
    },
  }));
}

/** Every answer of the submitted responses, hidden free text included (the export marks it). */
export async function listExportAnswers(tx: AreaTx, areaId: string, activityId: string): Promise<StoredAnswer[]> {
  const rows = await tx
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .select(['answer.response_id', 'answer.question_id', 'answer.value', 'answer.declined'])
    .where('answer.area_id', '=', areaId)
    .where('response.activity_id', '=', activityId)
    .where('response.status', '=', 'submitted')
    .execute();
  return rows.map((r) => ({ responseId: r.response_id, questionId: r.question_id, value: r.value, declined: r.declined }));
}

export type ExportContribution = {
  responseId: string;
  questionId: string | null;
  source: ContributionSource;
  redactedText: string;
  /** Only read for an export with personal details. */
  originalText: string | null;
  hidden: boolean;
};

export async function listExportContributions(tx: AreaTx, areaId: string, activityId: string, personal: boolean): Promise<ExportContribution[]> {
  const rows = await tx
    .selectFrom('contribution')
    .innerJoin('response', 'response.id', 'contribution.response_id')
    .select(['contribution.response_id', 'contribution.question_id', 'contribution.source', 'contribution.redacted_text', 'contribution.hidden_at'])
    .$if(personal, (q) => q.select('contribution.original_text'))
    .where('contribution.area_id', '=', areaId)
    .where('contribution.activity_id', '=', activityId)
    .where('response.status', '=', 'submitted')
    // The survey export: a live session's contributions are on the contributions page, not in it.
    .where('response.channel', '=', 'survey')
    .execute();
  return rows.map((r) => ({
    responseId: r.response_id!,
    questionId: r.question_id,
    source: r.source,
    redactedText: r.redacted_text,
    originalText: (r as { original_text?: string }).original_text ?? null,
    hidden: r.hidden_at !== null,
  }));
}


/** Every submitted response's "About you" answers and whether a supporter helped: for results by group. */
export async function listRespondents(tx: AreaTx, areaId: string, activityId: string): Promise<Respondent[]> {
  const rows = await tx
    .selectFrom('response')
    .select(['id', 'mode', 'age_band', 'sex', 'ethnicity', 'need_type', 'support_level'])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('status', '=', 'submitted')
    .where('channel', '=', 'survey')
    .execute();
  return rows.map((r) => ({
    responseId: r.id,
    supported: r.mode === 'supported',
    aboutYou: { age_band: r.age_band, sex: r.sex, ethnicity: r.ethnicity, need_type: r.need_type, support_level: r.support_level },
  }));
}

/** How many submitted responses gave one "About you" answer (value null: the question was not answered). */
export type AboutYouCount = { column: keyof AboutYou; value: string | null; count: number };

/**
 * For comparing who takes part with everyone (evaluation, issue 13 §5): across every submitted
 * response of the area, how many gave each "About you" answer, one row per question and answer, in
 * one query however many activities and responses. Counts only: no response, activity or person.
 * `leaveOutAgeBand`: responses that gave this age band (parent carers answering about themselves,
 * "26 or over") are not counted at all.
 */
export async function countAboutYouAnswers(tx: AreaTx, areaId: string, leaveOutAgeBand: string | null): Promise<AboutYouCount[]> {
  const rows = await sql<{ column: keyof AboutYou; value: string | null; n: string }>`
    SELECT v.column_name AS column, v.value, count(*) AS n
    FROM response r
    CROSS JOIN LATERAL (VALUES ('age_band', r.age_band), ('sex', r.sex), ('ethnicity', r.ethnicity), ('need_type', r.need_type), ('support_level', r.support_level)) AS v(column_name, value)
    WHERE r.area_id = ${areaId} AND r.status = 'submitted' AND r.channel = 'survey'
      AND (${leaveOutAgeBand}::text IS NULL OR r.age_band IS DISTINCT FROM ${leaveOutAgeBand}::text)
    GROUP BY v.column_name, v.value
    ORDER BY v.column_name, v.value`.execute(tx);
  return rows.rows.map((r) => ({ column: r.column, value: r.value, count: Number(r.n) }));
}

/**
 * The same counts for a report (issue 14): only responses submitted in the period (London dates,
 * both included) and, when `activityIds` is given, sent to one of those activities. One query.
 */
export async function countAboutYouAnswersIn(
  tx: AreaTx,
  areaId: string,
  leaveOutAgeBand: string | null,
  period: { from: string; to: string },
  activityIds: readonly string[] | null,
): Promise<AboutYouCount[]> {
  const rows = await sql<{ column: keyof AboutYou; value: string | null; n: string }>`
    SELECT v.column_name AS column, v.value, count(*) AS n
    FROM response r
    CROSS JOIN LATERAL (VALUES ('age_band', r.age_band), ('sex', r.sex), ('ethnicity', r.ethnicity), ('need_type', r.need_type), ('support_level', r.support_level)) AS v(column_name, value)
    WHERE r.area_id = ${areaId} AND r.status = 'submitted' AND r.channel = 'survey'
      AND r.submitted_at >= ((${period.from}::date)::timestamp AT TIME ZONE 'Europe/London')
      AND r.submitted_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')
      AND (${activityIds === null}::boolean OR r.activity_id = ANY(${[...(activityIds ?? [])]}::uuid[]))
      AND (${leaveOutAgeBand}::text IS NULL OR r.age_band IS DISTINCT FROM ${leaveOutAgeBand}::text)
    GROUP BY v.column_name, v.value
    ORDER BY v.column_name, v.value`.execute(tx);
  return rows.rows.map((r) => ({ column: r.column, value: r.value, count: Number(r.n) }));
}
