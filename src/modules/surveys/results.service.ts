/**
 * Survey results (counts, percentages, charts) and exports of responses.
 *
 * Who sees what:
 * - The staff who run the activity (can manage it: leads, and practitioners of its organisation)
 *   see exact numbers: "the lead's own view".
 * - Every other member of staff sees results with small numbers hidden (suppression.ts).
 * - Exports need response.export for the activity's organisation; personal details need
 *   response.export_personal as well, and every export is audited (never its contents).
 *
 * Only submitted responses count; free text a moderator hid never counts.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { canManageActivity, getActivity, type Activity } from '../activities/activities.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { heldAnswerKeys } from '../privacy/safeguarding.service.ts';
import { barChart, stackedBarChart, type Bar } from './chart.ts';
import { answerCell, safeFileName, toCsv, toXlsx, type AnswerWords, type Cell, type Sheet } from './export.ts';
import { CARD_PILES, type AnswerValue, type CardPile, type Question } from './question-types.ts';
import { listQuestions } from './questions.service.ts';
import * as repo from './results.repository.ts';
import { isSmall, shown, shownRow, suppressEach, suppressRow, type Shown } from '../../lib/suppression.ts';

// ── Reading stored answers ─────────────────────────────────────────────────────────────────────

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A stored answer checked against its question's type. Anything else (an old shape, a hand-edited
 * row) is left out rather than allowed to break the page.
 */
export function readAnswer(question: Question, raw: unknown): AnswerValue | null {
  if (!isRecord(raw)) return null;
  switch (question.type) {
    case 'single_choice':
    case 'smiley_scale':
    case 'yes_no_not_sure':
    case 'picture_choice':
      return raw.kind === 'option' && isString(raw.optionId) ? { kind: 'option', optionId: raw.optionId } : null;
    case 'multiple_choice':
      return raw.kind === 'options' && Array.isArray(raw.optionIds) && raw.optionIds.every(isString) ? { kind: 'options', optionIds: raw.optionIds } : null;
    case 'free_text':
      return raw.kind === 'text' && isString(raw.text) ? { kind: 'text', text: raw.text } : null;
    case 'number':
      return raw.kind === 'number' && typeof raw.value === 'number' && Number.isFinite(raw.value) ? { kind: 'number', value: raw.value } : null;
    case 'date':
      return raw.kind === 'date' && isString(raw.date) && /^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(raw.date) ? { kind: 'date', date: raw.date } : null;
    case 'rating':
      return raw.kind === 'rating' && Number.isInteger(raw.value) ? { kind: 'rating', value: raw.value as number } : null;
    case 'ranking':
      return raw.kind === 'ranking' && Array.isArray(raw.order) && raw.order.every(isString) ? { kind: 'ranking', order: raw.order } : null;
    case 'card_sort': {
      if (raw.kind !== 'card_sort' || !isRecord(raw.piles)) return null;
      const piles: Record<string, CardPile> = {};
      for (const [id, pile] of Object.entries(raw.piles)) if ((CARD_PILES as readonly unknown[]).includes(pile)) piles[id] = pile as CardPile;
      return { kind: 'card_sort', piles, ...(isString(raw.comment) ? { comment: raw.comment } : {}) };
    }
  }
}

// ── Counting (exact numbers) ───────────────────────────────────────────────────────────────────

export type ResultKind = 'options' | 'multiple' | 'distribution' | 'months' | 'ranking' | 'card_sort' | 'free_text';

const KIND: Record<Question['type'], ResultKind> = {
  single_choice: 'options',
  smiley_scale: 'options',
  yes_no_not_sure: 'options',
  picture_choice: 'options',
  multiple_choice: 'multiple',
  number: 'distribution',
  rating: 'distribution',
  date: 'months',
  ranking: 'ranking',
  card_sort: 'card_sort',
  free_text: 'free_text',
};

/** One line of a breakdown: an option, a value or range of values, or a month ("2026-03"). */
export type Tallied = { label: string; symbol?: string | null; month?: string; count: number };

export type QuestionTally = {
  question: Question;
  kind: ResultKind;
  answered: number;
  declined: number;
  /** Submitted responses with no answer to this question (not shown it, or left it): never shown, but the total gives it away. */
  missing: number;
  rows: Tallied[];
  median: number | null;
  ranking: Array<{ label: string; averageRank: number; first: number }>;
  cardSort: Array<{ label: string; piles: [number, number, number]; notPlaced: number }>;
};

export type Tally = { summary: repo.ResponseSummary; questions: QuestionTally[] };

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A step of 1, 2, 2.5 or 5 times a power of ten, at least `raw` (whole when the values are). */
function niceStep(raw: number, whole: boolean): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * power;
    if (step >= raw && (!whole || Number.isInteger(step))) return step;
  }
  return 10 * power;
}

/**
 * Numbers grouped for a distribution: one line per value when they are whole and close together,
 * otherwise about six equal ranges ("10–19"). Rating questions always show every point of the scale.
 */
export function distribution(values: readonly number[], scale?: { min: number; max: number }): Tallied[] {
  const each = (min: number, max: number) => {
    const rows: Tallied[] = [];
    for (let v = min; v <= max; v += 1) rows.push({ label: String(v), count: values.filter((x) => x === v).length });
    return rows;
  };
  if (scale) return each(scale.min, scale.max);
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const whole = values.every(Number.isInteger);
  if (whole && max - min <= 12) return each(min, max);
  const step = niceStep((max - min) / 6 || 1, whole);
  if (!Number.isFinite(step) || !Number.isFinite(Math.floor(min / step) * step)) return [{ label: `${min}–${max}`, count: values.length }];
  // Enough decimal places to tell the ranges apart, and no floating-point noise ("0.30000000000000004").
  const places = Math.max(0, 1 - Math.floor(Math.log10(step)));
  const show = (n: number) => String(Number(n.toFixed(Math.min(places, 20))));
  const start = Math.floor(min / step) * step;
  // Each value goes in exactly one range, found by division: adding steps up drifts (and once stalled
  // for tiny steps), and comparing against drifted edges can count a value twice.
  const bins = Math.min(12, Math.max(1, Math.floor((max - start) / step) + 1));
  const counts: number[] = Array.from({ length: bins }, () => 0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - start) / step)))]! += 1;
  return counts.map((count, k) => {
    const from = start + k * step;
    const to = from + step;
    return { label: whole ? `${from}–${to - 1}` : `${show(from)}–${show(to)}`, count };
  });
}

/** Answers counted by month, with empty months in between shown as 0 (up to three years). */
export function byMonth(dates: readonly string[]): Tallied[] {
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(d.slice(0, 7), (counts.get(d.slice(0, 7)) ?? 0) + 1);
  const months = [...counts.keys()].sort();
  if (months.length === 0) return [];
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const first = index(months[0]!);
  const last = index(months.at(-1)!);
  const all = last - first <= 36 ? Array.from({ length: last - first + 1 }, (_, i) => `${Math.floor((first + i) / 12)}-${String(((first + i) % 12) + 1).padStart(2, '0')}`) : months;
  return all.map((month) => ({ label: month, month, count: counts.get(month) ?? 0 }));
}

/** Counts every question's answers: pure, so the numbers can be tested without a database. */
export function tally(questions: readonly Question[], summary: repo.ResponseSummary, stored: readonly repo.StoredAnswer[]): Tally {
  const byQuestion = new Map<string, repo.StoredAnswer[]>();
  for (const a of stored) {
    const list = byQuestion.get(a.questionId);
    if (list) list.push(a);
    else byQuestion.set(a.questionId, [a]);
  }
  return {
    summary,
    questions: questions.map((question) => {
      const answers = byQuestion.get(question.id) ?? [];
      const declined = answers.filter((a) => a.declined).length;
      const optionIds = new Set(question.options.map((o) => o.id));
      const values = answers.filter((a) => !a.declined).map((a) => readAnswer(question, a.value)).filter((v) => v !== null);
      const result: QuestionTally = { question, kind: KIND[question.type], answered: 0, declined, missing: 0, rows: [], median: null, ranking: [], cardSort: [] };
      if (result.kind === 'options') {
        const chosen = values.flatMap((v) => (v.kind === 'option' && optionIds.has(v.optionId) ? [v.optionId] : []));
        result.answered = chosen.length;
        result.rows = question.options.map((o) => ({ label: o.label, symbol: o.symbol, count: chosen.filter((id) => id === o.id).length }));
      } else if (result.kind === 'multiple') {
        const chosen = values.flatMap((v) => (v.kind === 'options' ? [new Set(v.optionIds.filter((id) => optionIds.has(id)))] : [])).filter((s) => s.size > 0);
        result.answered = chosen.length;
        result.rows = question.options.map((o) => ({ label: o.label, symbol: o.symbol, count: chosen.filter((s) => s.has(o.id)).length }));
      } else if (result.kind === 'distribution') {
        const maxRating = question.settings.maxRating ?? 5;
        const numbers = values.flatMap((v) => (v.kind === 'number' ? [v.value] : v.kind === 'rating' && v.value >= 1 && v.value <= maxRating ? [v.value] : []));
        result.answered = numbers.length;
        result.rows = distribution(numbers, question.type === 'rating' ? { min: 1, max: maxRating } : undefined);
        result.median = median(numbers);
      } else if (result.kind === 'months') {
        const dates = values.flatMap((v) => (v.kind === 'date' ? [v.date] : []));
        result.answered = dates.length;
        result.rows = byMonth(dates);
      } else if (result.kind === 'ranking') {
        const orders = values.flatMap((v) => (v.kind === 'ranking' ? [[...new Set(v.order.filter((id) => optionIds.has(id)))]] : [])).filter((o) => o.length > 0);
        result.answered = orders.length;
        result.ranking = question.options.map((o) => {
          const ranks = orders.map((order) => order.indexOf(o.id) + 1).filter((r) => r > 0);
          return { label: o.label, averageRank: ranks.length ? ranks.reduce((s, r) => s + r, 0) / ranks.length : 0, first: orders.filter((order) => order[0] === o.id).length };
        });
      } else if (result.kind === 'card_sort') {
        const sorts = values.flatMap((v) => (v.kind === 'card_sort' ? [v.piles] : [])).filter((piles) => Object.keys(piles).some((id) => optionIds.has(id)));
        result.answered = sorts.length;
        result.cardSort = question.options.map((o) => {
          const piles = CARD_PILES.map((pile) => sorts.filter((s) => s[o.id] === pile).length) as [number, number, number];
          return { label: o.label, piles, notPlaced: sorts.length - piles[0] - piles[1] - piles[2] };
        });
      } else {
        result.answered = values.filter((v) => v.kind === 'text' && v.text.trim().length > 0).length;
      }
      result.missing = Math.max(0, summary.submitted - result.answered - declined);
      return result;
    }),
  };
}

// ── What this viewer may see ───────────────────────────────────────────────────────────────────

export type ResultRow = { label: string; symbol?: string | null; month?: string; cell: Shown };

export type QuestionResults = {
  id: string;
  position: number;
  text: string;
  type: Question['type'];
  kind: ResultKind;
  answered: Shown;
  declined: Shown;
  /** So few answered that this viewer sees none of the breakdown. */
  breakdownHidden: boolean;
  rows: ResultRow[];
  median: number | null;
  ranking: Array<{ label: string; averageRank: number | null; first: Shown }>;
  cardSort: Array<{ label: string; piles: Shown[] }>;
};

export type Results = {
  /** Exact numbers: the viewer runs this activity. */
  exact: boolean;
  submitted: Shown;
  supported: Shown;
  firstAt: Date | null;
  lastAt: Date | null;
  /** Fewer than 8 responses: this viewer sees nothing more than that. */
  tooFew: boolean;
  /** Some number on the page is hidden (the page then says why). */
  anyHidden: boolean;
  questions: QuestionResults[];
};

function protectQuestion(q: QuestionTally, exact: boolean): QuestionResults {
  // "Did not answer" is never shown, but submitted − answered − declined gives it away: it is part
  // of the row. The answered count is what every percentage rests on, so it is hidden last.
  const line = suppressRow([q.answered, q.declined, q.missing], { protect: [0] });
  const submitted = q.answered + q.declined + q.missing;
  const breakdownHidden = !exact && line[0] !== 'none';
  const base: QuestionResults = {
    id: q.question.id,
    position: q.question.position,
    text: q.question.text,
    type: q.question.type,
    kind: q.kind,
    answered: shown(q.answered, line[0]!, submitted, exact),
    declined: shown(q.declined, line[1]!, submitted, exact),
    breakdownHidden,
    rows: [],
    median: null,
    ranking: [],
    cardSort: [],
  };
  if (breakdownHidden) return base;
  const counts = q.rows.map((r) => r.count);
  // Multiple choice: one person may be in several rows, so no row adds up to a total.
  const rowSuppression = q.kind === 'multiple' ? suppressEach(counts) : suppressRow(counts);
  const cells = shownRow(counts, rowSuppression, q.answered, exact);
  base.rows = q.rows.map((r, i) => ({ label: r.label, symbol: r.symbol ?? null, ...(r.month ? { month: r.month } : {}), cell: cells[i]! }));
  base.median = q.median;
  const firsts = q.ranking.map((r) => r.first);
  const firstCells = shownRow(firsts, suppressRow(firsts), q.answered, exact);
  base.ranking = q.ranking.map((r, i) => ({ label: r.label, averageRank: r.averageRank > 0 ? r.averageRank : null, first: firstCells[i]! }));
  base.cardSort = q.cardSort.map((item) => {
    // People who left this card out are the row's fourth, unshown cell.
    const row = [...item.piles, item.notPlaced];
    return { label: item.label, piles: shownRow(row, suppressRow(row), q.answered, exact).slice(0, 3) };
  });
  return base;
}

/** Applies small-number suppression unless the viewer runs the activity (`exact`). */
export function protect(t: Tally, exact: boolean): Results {
  const total = t.summary.submitted;
  const tooFew = !exact && isSmall(total);
  const supportedRow = suppressRow([t.summary.supported, total - t.summary.supported]);
  const questions = tooFew ? [] : t.questions.map((q) => protectQuestion(q, exact));
  const results: Results = {
    exact,
    submitted: shown(total, isSmall(total) ? 'small' : 'none', total, exact),
    supported: shown(t.summary.supported, tooFew ? 'small' : supportedRow[0]!, total, exact),
    firstAt: tooFew ? null : t.summary.firstAt,
    lastAt: tooFew ? null : t.summary.lastAt,
    tooFew,
    anyHidden: false,
    questions,
  };
  const cells = [results.submitted, results.supported, ...questions.flatMap((q) => [q.answered, q.declined, ...q.rows.map((r) => r.cell), ...q.ranking.map((r) => r.first), ...q.cardSort.flatMap((c) => c.piles)])];
  results.anyHidden = cells.some((c) => c.count === null);
  return results;
}

// ── Words and charts ───────────────────────────────────────────────────────────────────────────

/** A count as words: "12 (40%)", "fewer than 8" or "hidden". */
export function cellText(cell: Shown, t: Translate, withPercent = true): string {
  if (cell.count === null) return t(cell.suppression === 'small' ? 'surveys.results.fewerThan' : 'surveys.results.hidden');
  return withPercent && cell.percent !== null ? t('surveys.results.countPercent', { count: cell.count, percent: cell.percent }) : String(cell.count);
}

function monthName(month: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

export type PresentedQuestion = QuestionResults & { chart: string | null };

/** Adds the words only a reader's language can give (month names) and each question's chart. */
export function presentResults(results: Results, t: Translate, lang: string): Results & { questions: PresentedQuestion[] } {
  const questions = results.questions.map((q): PresentedQuestion => {
    const rows = q.rows.map((r) => (r.month ? { ...r, label: monthName(r.month, lang) } : r));
    const id = `chart-${q.position}`;
    const title = t('surveys.results.chartTitle', { question: q.text });
    const intro = t(`surveys.results.chartIntro.${q.kind}`);
    let chart: string | null = null;
    if (!q.breakdownHidden && rows.length > 0) {
      const bars: Bar[] = rows.map((r) => ({ label: r.label, percent: r.cell.percent, valueText: cellText(r.cell, t) }));
      chart = barChart({ id, title, intro, bars });
    } else if (!q.breakdownHidden && q.ranking.length > 0) {
      chart = barChart({ id, title, intro, bars: q.ranking.map((r) => ({ label: r.label, percent: r.first.percent, valueText: cellText(r.first, t) })) });
    } else if (!q.breakdownHidden && q.cardSort.length > 0) {
      const series = CARD_PILES.map((pile) => ({ label: t(`surveys.results.piles.${pile}`) }));
      chart = stackedBarChart({
        id,
        title,
        intro,
        series,
        hiddenLabel: t('surveys.results.hiddenShare'),
        rows: q.cardSort.map((item) => ({
          label: item.label,
          segments: item.piles.map((p) => p.percent),
          valueText: item.piles.map((p, i) => `${series[i]!.label} ${cellText(p, t)}`).join(', '),
        })),
      });
    }
    return { ...q, rows, chart };
  });
  return { ...results, questions };
}

// ── Service functions ──────────────────────────────────────────────────────────────────────────

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
  responses: readonly repo.ExportResponse[],
  answers: readonly repo.StoredAnswer[],
  contributions: readonly repo.ExportContribution[],
  personal: boolean,
  t: Translate,
  held: ReadonlySet<string> = new Set(),
): Sheet {
  const words: AnswerWords = { piles: { like: t('surveys.results.export.piles.like'), unsure: t('surveys.results.export.piles.unsure'), dislike: t('surveys.results.export.piles.dislike') } };
  const answerOf = new Map(answers.map((a) => [`${a.responseId}/${a.questionId}`, a]));
  const contributionOf = new Map(contributions.map((c) => [`${c.responseId}/${c.questionId ?? ''}/${c.source}`, c]));
  const text = (key: string, c: repo.ExportContribution | undefined, fallback: string | null): Cell => {
    if (held.has(key)) return t('surveys.results.export.heldText');
    if (!c) return personal && fallback ? fallback : null;
    if (c.hidden) return t('surveys.results.export.hiddenText');
    return personal ? (c.originalText ?? c.redactedText) : c.redactedText;
  };
  const withComments = (q: Question) => q.type === 'card_sort' && q.settings.allowComment === true;

  const header: string[] = [t('surveys.results.export.columns.response'), t('surveys.results.export.columns.submitted'), t('surveys.results.export.columns.mode')];
  for (const q of questions) {
    header.push(t('surveys.results.export.columns.question', { number: q.position, question: q.text }));
    if (withComments(q)) header.push(t('surveys.results.export.columns.comment', { number: q.position }));
  }
  header.push(t('surveys.results.export.columns.anythingElse'));
  if (personal) {
    for (const key of ['accountEmail', 'supporterEmail', 'supporter', 'supporterOther', 'supportMethods', 'receiptCode', 'ageBand', 'sex', 'ethnicity', 'needType', 'supportLevel']) {
      header.push(t(`surveys.results.export.columns.${key}`));
    }
  }

  const rows = responses.map((r, index): Cell[] => {
    const row: Cell[] = [index + 1, londonDateTime(r.submittedAt, personal), t(`surveys.results.export.modes.${r.mode}`)];
    for (const q of questions) {
      const stored = answerOf.get(`${r.id}/${q.id}`);
      const value = stored && !stored.declined ? readAnswer(q, stored.value) : null;
      if (stored?.declined) row.push(t('surveys.results.export.declined'));
      else if (q.type === 'free_text') row.push(value ? text(`${r.id}/${q.id}/free_text`, contributionOf.get(`${r.id}/${q.id}/free_text`), value.kind === 'text' ? value.text : null) : null);
      else row.push(value ? answerCell(q, value, words) : null);
      if (withComments(q)) row.push(stored?.declined ? null : text(`${r.id}/${q.id}/card_sort`, contributionOf.get(`${r.id}/${q.id}/card_sort`), value?.kind === 'card_sort' ? (value.comment ?? null) : null));
    }
    const p = r.personal;
    row.push(text(`${r.id}//anything_else`, contributionOf.get(`${r.id}//anything_else`), p?.anythingElse || null));
    if (personal && p) {
      const relationship = p.supporterRelationship && SUPPORTER_RELATIONSHIPS.includes(p.supporterRelationship) ? t(`surveys.results.export.relationships.${p.supporterRelationship}`) : p.supporterRelationship;
      const methods = p.supportMethods.map((m) => (SUPPORT_METHODS.includes(m) ? t(`surveys.results.export.methods.${m}`) : m)).join('; ');
      row.push(p.accountEmail, p.supporterEmail, relationship, p.supporterRelationshipOther || null, methods || null, p.receiptCode, p.ageBand, p.sex, p.ethnicity, p.needType, p.supportLevel);
    }
    return row;
  });
  return { header, rows };
}
