/**
 * How every format writes a cell, a figure and a date (issue 14 §3): the HTML page, the PDF, the DOCX
 * and the XLSX all call these, so the same figure reads the same everywhere (and the tests that
 * compare the files with the page compare like with like).
 */
import type { Cell, CountCell, Translate } from './sections.ts';

const LOCALES = { en: 'en-GB', cy: 'cy-GB' } as const;

/** A count cell as words: "1,204", "40%", "12 days", "12 (40%)", or "fewer than 8" / "hidden". */
export function formatCount(cell: CountCell, t: Translate, lang: 'en' | 'cy' = 'en'): string {
  if (cell.value === null) {
    if (cell.suppression === 'small') return t('reports.format.fewer');
    if (cell.suppression === 'secondary') return t('reports.format.hidden');
    return t('reports.format.none');
  }
  const number = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(cell.value);
  let text = number;
  if (cell.unit === 'percent') text = t('reports.format.percent', { value: number });
  else if (cell.unit === 'days') text = t('reports.format.days', { count: cell.value, value: number });
  if (cell.percent !== undefined && cell.percent !== null) text = t('reports.format.withPercent', { value: text, percent: cell.percent });
  return text;
}

/** A count inside a sentence: "1,204", or "fewer than 8" when it is hidden for any reason. */
export function formatNumber(count: number, suppression: 'none' | 'small' | 'secondary', t: Translate, lang: 'en' | 'cy' = 'en'): string {
  if (suppression !== 'none') return t('reports.format.fewer');
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(count);
}

/** Any cell as words. */
export function formatCell(cell: Cell, t: Translate, lang: 'en' | 'cy' = 'en'): string {
  return typeof cell === 'string' ? cell : formatCount(cell, t, lang);
}

/** True when a cell is a count whose number was hidden (1 to 7, or hidden so one cannot be worked out). */
export function isHidden(cell: Cell): boolean {
  return typeof cell !== 'string' && cell.value === null && cell.suppression !== undefined && cell.suppression !== 'none';
}

/** A London calendar date (YYYY-MM-DD) in words: "1 September 2026". */
export function formatDate(isoDate: string, lang: 'en' | 'cy' = 'en'): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** A report's period in words: "1 September 2025 to 31 August 2026". */
export function formatPeriod(from: string, to: string, t: Translate, lang: 'en' | 'cy' = 'en'): string {
  return t('reports.format.period', { from: formatDate(from, lang), to: formatDate(to, lang) });
}
