/**
 * The Excel file's first sheet: the survey, its dates, how many responded, and each question's
 * answers counted. Small numbers are hidden here whoever downloads the file (results.counting.ts
 * with `exact` false): a file travels further than a page, and the rows are in the other sheets for
 * anyone who needs them.
 */
import type { Shown } from '../../lib/suppression.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import type { Cell, Sheet } from './export.ts';
import type { Results } from './results.counting.ts';
import { cellText } from './results.presenting.ts';

const londonDate = (date: Date, lang: string) => new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(date);

/** A count as a number when it may be shown, otherwise the words saying why not. */
const countCell = (cell: Shown, t: Translate): Cell => (cell.count === null ? cellText(cell, t) : cell.count);

export function summarySheet(title: string, results: Results, now: Date, t: Translate, lang: string): Sheet {
  const s = (key: string, params?: Record<string, unknown>) => t(`surveys.results.export.summary.${key}`, params);
  const rows: Cell[][] = [
    [s('downloaded'), londonDate(now, lang)],
    [t('surveys.results.submitted'), countCell(results.submitted, t)],
    [t('surveys.results.supported'), countCell(results.supported, t)],
    [
      t('surveys.results.dates'),
      results.firstAt && results.lastAt ? t('surveys.results.dateRange', { from: londonDate(results.firstAt, lang), to: londonDate(results.lastAt, lang) }) : t(results.tooFew ? 'surveys.results.datesHidden' : 'surveys.results.noDates'),
    ],
    [],
    [s('hiddenNote')],
    [],
  ];
  if (results.tooFew) {
    rows.push([t('surveys.results.tooFew')]);
    return { header: [title], rows };
  }
  rows.push([s('question'), s('answer'), t('surveys.results.columns.people'), s('percent')]);
  for (const q of results.questions) {
    const name = t('surveys.results.export.columns.question', { number: q.position, question: q.text });
    const line = (answer: string, cell: Shown, withPercent = true) => rows.push([name, answer, countCell(cell, t), cell.count === null || !withPercent ? null : cell.percent]);
    // Percentages are of those who answered, so the answered and declined lines have none.
    line(s('answered'), q.answered, false);
    line(s('declined'), q.declined, false);
    if (q.breakdownHidden) {
      rows.push([name, t(q.answered.suppression === 'small' ? 'surveys.results.breakdownHidden' : 'surveys.results.breakdownHiddenSecondary')]);
      continue;
    }
    for (const r of q.rows) line(r.label, r.cell);
    for (const r of q.ranking) line(s('putFirst', { item: r.label }), r.first);
    for (const c of q.cardSort) c.piles.forEach((cell, i) => line(`${c.label}: ${t(`surveys.results.piles.${['like', 'unsure', 'dislike'][i]}`)}`, cell));
  }
  return { header: [title], rows };
}
