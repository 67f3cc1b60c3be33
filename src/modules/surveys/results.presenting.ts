/**
 * Survey results in words and pictures, for the reader's language: counts as "12 (40%)" or
 * "fewer than 8", month names, and each question's chart (chart.ts). What may be shown was decided
 * before this (results.counting.ts).
 */
import type { Shown } from '../../lib/suppression.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { barChart, stackedBarChart, type Bar } from './chart.ts';
import { CARD_PILES } from './question-types.ts';
import type { Breakdown, Dimension } from './results.breakdown.ts';
import type { QuestionResults, Results } from './results.counting.ts';
import type { ResultsPage } from './results.service.ts';

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


type GroupsPageInput = { groupChoices: ResultsPage['groupChoices']; group?: ResultsPage['group']; breakdown?: Breakdown };

/**
 * The "look at one group" and "compare groups" forms and, when one is chosen, its words: each
 * group's name as people read it ("Age: 8 to 11"), and the comparison's column headings with how
 * many people each group has (or why not).
 */
export function presentGroups(page: GroupsPageInput, t: Translate, lang: string) {
  const groupName = (dimension: Dimension, group: string) => (dimension.slug === 'supported' ? t(dimension.groupKey(group)) : `${t(dimension.nameKey)}: ${t(dimension.groupKey(group))}`);
  const chosenValue = page.group ? `${page.group.dimension.slug}:${page.group.group}` : '';
  const b = page.breakdown;
  const people = (cell: Shown) => (cell.count === null ? t(cell.suppression === 'small' ? 'surveys.results.groups.fewPeople' : 'surveys.results.hidden') : t('surveys.results.groups.people', { count: cell.count }));
  return {
    available: page.groupChoices.length > 0,
    groupItems: [
      { value: '', text: t('surveys.results.groups.everyone') },
      ...page.groupChoices.flatMap(({ dimension, groups }) => groups.map((group) => ({ value: `${dimension.slug}:${group}`, text: groupName(dimension, group), selected: chosenValue === `${dimension.slug}:${group}` }))),
    ],
    byItems: [
      { value: '', text: t('surveys.results.groups.noCompare') },
      ...page.groupChoices.map(({ dimension }) => ({ value: dimension.slug, text: t(dimension.nameKey), selected: b?.dimension.slug === dimension.slug })),
    ],
    chosen: page.group ? { name: groupName(page.group.dimension, page.group.group) } : null,
    compare: b
      ? {
          name: t(b.dimension.nameKey),
          // Hidden groups get no column (a column of "fewer than 8" says nothing and pushes the rest off
          // a phone); they are listed once, with the reason.
          hiddenGroups: b.groups.filter((g) => g.hidden !== 'none').map((g) => t(g.hidden === 'small' ? 'surveys.results.groups.hiddenSmall' : 'surveys.results.groups.hiddenSecondary', { group: t(b.dimension.groupKey(g.group)) })),
          anyShown: b.groups.some((g) => g.hidden === 'none'),
          columns: [...b.groups.filter((g) => g.hidden === 'none').map((g) => `${t(b.dimension.groupKey(g.group))} (${people(g.people)})`), `${t('surveys.results.groups.everyone')} (${people(b.everyone)})`],
          questions: b.questions.map((q) => {
            const keep = <T,>(cells: T[]) => cells.filter((_, i) => i >= b.groups.length || b.groups[i]!.hidden === 'none');
            return {
              ...q,
              answered: keep(q.answered),
              rows: q.rows.map((r) => ({
                label: r.pile ? `${r.label}: ${t(`surveys.results.piles.${r.pile}`)}` : q.kind === 'ranking' ? t('surveys.results.export.summary.putFirst', { item: r.label }) : r.month ? monthName(r.month, lang) : r.label,
                cells: keep(r.cells),
              })),
            };
          }),
        }
      : null,
  };
}
