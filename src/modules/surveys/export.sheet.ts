/**
 * The responses as one sheet: one row per submitted response, each question's columns as its type
 * defines them (question-types/), then "anything else" and the "About you" answers in words;
 * personal details at the end only when asked for. Written words are the redacted contribution unless personal details are included; text a
 * moderator hid, or held for a safeguarding lead, says so instead. Writing the sheet as CSV or
 * Excel is export.ts's job.
 */
import type { Translate } from '../../lib/messages/messages.ts';
import { aboutYouAnswerKey, ethnicGroupOf, type AboutYou, type AboutYouColumn } from './about-you.ts';
import type { Cell, Sheet } from './export.ts';
import type { ExportColumn, ExportContext, StoredValue } from './question-types/definition.ts';
import { questionType, type Question } from './question-types.ts';
import type { ExportContribution, ExportResponse, StoredAnswer } from './results.repository.ts';

/** A question's columns (card sort's comments only when it asks for them; one column per card). */
export function questionColumns(question: Question): ExportColumn<StoredValue>[] {
  return questionType(question.type)
    .export.filter((column) => column.when?.(question) ?? true)
    .flatMap((column) =>
      column.eachOption
        ? question.options.map((option) => ({ header: (q: Question, t: Translate) => column.header(q, t, option), cell: (q: Question, v: StoredValue | null, c: ExportContext) => column.cell(q, v, c, option) }))
        : [column],
    );
}

/**
 * The "About you" answers as words, in both exports: age band, sex, ethnic group, type of need and
 * support. The detailed ethnicity (19 categories, some with few people in an area) only with
 * personal details; the anonymous file has the 5 groups.
 */
function aboutYouCells(aboutYou: AboutYou, personal: boolean, t: Translate): Cell[] {
  const words = (column: AboutYouColumn, value: string | null) => {
    if (value === null) return null;
    const key = aboutYouAnswerKey(column, value);
    return key ? t(key) : value;
  };
  const ethnicity = aboutYou.ethnicity;
  const group = ethnicity === null ? null : (ethnicGroupOf(ethnicity) ?? ethnicity);
  return [
    words('age_band', aboutYou.age_band),
    words('sex', aboutYou.sex),
    words('ethnicity', group),
    ...(personal ? [ethnicity !== null && ethnicity !== group ? words('ethnicity', ethnicity) : null] : []),
    words('need_type', aboutYou.need_type),
    words('support_level', aboutYou.support_level),
  ];
}

const ABOUT_YOU_HEADERS = (personal: boolean) => ['ageBand', 'sex', 'ethnicGroup', ...(personal ? ['ethnicity'] : []), 'needType', 'supportLevel'];

/** Where a question's columns are in the sheet: `from` up to (not including) `to`. */
export type SheetPart = { questionId: string; from: number; to: number };

const SUPPORTER_RELATIONSHIPS = ['parent', 'teaching_assistant', 'speech_language_therapist', 'youth_worker', 'other'];
const SUPPORT_METHODS = ['symbols', 'talking_mat', 'makaton', 'eye_gaze', 'observation', 'spoken'];

function londonDateTime(date: Date, withTime: boolean): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute}` : day;
}

/**
 * One row per submitted response, one column per question (a second for a card sort's comments),
 * then "anything else"; personal details at the end only when asked for. Free text is the redacted
 * contribution unless personal details are included; text a moderator hid says so instead.
 */
export function buildSheet(
  questions: readonly Question[],
  responses: readonly ExportResponse[],
  answers: readonly StoredAnswer[],
  contributions: readonly ExportContribution[],
  personal: boolean,
  t: Translate,
  held: ReadonlySet<string> = new Set(),
): Sheet & { parts: SheetPart[] } {
  const answerOf = new Map(answers.map((a) => [`${a.responseId}/${a.questionId}`, a]));
  const contributionOf = new Map(contributions.map((c) => [`${c.responseId}/${c.questionId ?? ''}/${c.source}`, c]));
  const text = (key: string, c: ExportContribution | undefined, fallback: string | null): Cell => {
    if (held.has(key)) return t('surveys.results.export.heldText');
    if (!c) return personal && fallback ? fallback : null;
    if (c.hidden) return t('surveys.results.export.hiddenText');
    return personal ? (c.originalText ?? c.redactedText) : c.redactedText;
  };
  const columns = new Map(questions.map((q) => [q.id, questionColumns(q)]));

  const header: string[] = [t('surveys.results.export.columns.response'), t('surveys.results.export.columns.submitted'), t('surveys.results.export.columns.mode')];
  const parts: SheetPart[] = [];
  for (const q of questions) {
    const from = header.length;
    for (const column of columns.get(q.id)!) header.push(column.header(q, t));
    parts.push({ questionId: q.id, from, to: header.length });
  }
  header.push(t('surveys.results.export.columns.anythingElse'));
  for (const key of ABOUT_YOU_HEADERS(personal)) header.push(t(`surveys.results.export.columns.${key}`));
  if (personal) {
    for (const key of ['accountEmail', 'supporterEmail', 'supporter', 'supporterOther', 'supportMethods', 'receiptCode']) {
      header.push(t(`surveys.results.export.columns.${key}`));
    }
  }

  const rows = responses.map((r, index): Cell[] => {
    const row: Cell[] = [index + 1, londonDateTime(r.submittedAt, personal), t(`surveys.results.export.modes.${r.mode}`)];
    for (const q of questions) {
      const stored = answerOf.get(`${r.id}/${q.id}`);
      const value = stored && !stored.declined ? questionType(q.type).answer.read(stored.value) : null;
      const context = { t, writtenText: (source: string, fallback: string | null) => text(`${r.id}/${q.id}/${source}`, contributionOf.get(`${r.id}/${q.id}/${source}`), fallback) };
      columns.get(q.id)!.forEach((column, i) => {
        // "Declined" once, in the question's first column.
        if (stored?.declined) row.push(i === 0 ? t('surveys.results.export.declined') : null);
        else row.push(value ? column.cell(q, value, context) : null);
      });
    }
    const p = r.personal;
    row.push(text(`${r.id}//anything_else`, contributionOf.get(`${r.id}//anything_else`), p?.anythingElse || null));
    row.push(...aboutYouCells(r.aboutYou, personal, t));
    if (personal && p) {
      const relationship = p.supporterRelationship && SUPPORTER_RELATIONSHIPS.includes(p.supporterRelationship) ? t(`surveys.results.export.relationships.${p.supporterRelationship}`) : p.supporterRelationship;
      const methods = p.supportMethods.map((m) => (SUPPORT_METHODS.includes(m) ? t(`surveys.results.export.methods.${m}`) : m)).join('; ');
      row.push(p.accountEmail, p.supporterEmail, relationship, p.supporterRelationshipOther || null, methods || null, p.receiptCode);
    }
    return row;
  });
  return { header, rows, parts };
}
