/**
 * Survey results in words and pictures, for the reader's language: counts as "12 (40%)" or
 * "fewer than 8", month names, and each question's chart (chart.ts). What may be shown was decided
 * before this (results.counting.ts).
 */
import type { Shown } from '../../lib/suppression.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { barChart, stackedBarChart, type Bar } from './chart.ts';
import { CARD_PILES } from './question-types.ts';
import type { QuestionResults, Results } from './results.counting.ts';

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

