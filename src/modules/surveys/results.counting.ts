/**
 * Counting survey answers, and hiding the numbers a viewer may not see. Each question's type counts
 * its own answers (question-types/); this file adds what all types share: who declined, who was not
 * asked, and small-number suppression (src/lib/suppression.ts) unless the viewer runs the activity.
 * Pure: the numbers can be tested without a database.
 */
import { isSmall, shown, shownRow, suppressEach, suppressRow, type Shown } from '../../lib/suppression.ts';
import type { ResultKind, Tallied } from './question-types/definition.ts';
import { questionType, type Question } from './question-types.ts';
import type { ResponseSummary, StoredAnswer } from './results.repository.ts';

export type { ResultKind, Tallied } from './question-types/definition.ts';

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

export type Tally = { summary: ResponseSummary; questions: QuestionTally[] };

/** Counts every question's answers. */
export function tally(questions: readonly Question[], summary: ResponseSummary, stored: readonly StoredAnswer[]): Tally {
  const byQuestion = new Map<string, StoredAnswer[]>();
  for (const a of stored) {
    const list = byQuestion.get(a.questionId);
    if (list) list.push(a);
    else byQuestion.set(a.questionId, [a]);
  }
  return {
    summary,
    questions: questions.map((question) => {
      const definition = questionType(question.type);
      const answers = byQuestion.get(question.id) ?? [];
      const declined = answers.filter((a) => a.declined).length;
      // Anything stored in another shape (an old row, a hand edit) is left out rather than allowed to break the page.
      const values = answers.filter((a) => !a.declined).map((a) => definition.answer.read(a.value)).filter((v) => v !== null);
      const counted = definition.results.tally(question, values);
      return {
        question,
        kind: definition.results.kind,
        answered: counted.answered,
        declined,
        missing: Math.max(0, summary.submitted - counted.answered - declined),
        rows: counted.rows ?? [],
        median: counted.median ?? null,
        ranking: counted.ranking ?? [],
        cardSort: counted.cardSort ?? [],
      };
    }),
  };
}

// ── What this viewer may see ───────────────────────────────────────────────────────────────────

export type ResultRow = { label: string; symbol?: string | null; month?: string; cell: Shown };

export type QuestionResults = {
  id: string;
  position: number;
  text: string;
  type: string;
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

