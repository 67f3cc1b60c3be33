/**
 * Small-number suppression for results anyone but the activity's own staff can see (QUALITY.md:
 * "counts of 1–7 suppressed, and secondary suppression so totals can't reveal them").
 *
 * A count of 1 to 7 could point at a person ("the 2 children who said they feel unsafe"), so it is
 * shown as "fewer than 8". Hiding one count is not enough when the total and the other counts of the
 * same row are shown: the hidden one is the total minus the rest. So when exactly one count of a row
 * is hidden, the next smallest is hidden too (secondary suppression), and then the two can only be
 * known together. Zero stays 0: nobody can be picked out of nobody.
 *
 * Pure functions: the service decides who sees exact numbers; this file only says what to hide.
 */

/** The smallest count shown as it is. */
export const SMALLEST_SHOWN = 8;

/** 'small': a count of 1 to 7 ("fewer than 8"); 'secondary': hidden so a small one cannot be worked out. */
export type Suppression = 'none' | 'small' | 'secondary';

/** A count as a viewer may see it: count and percent are null when hidden from them. */
export type Shown = { count: number | null; percent: number | null; suppression: Suppression };

export function isSmall(count: number): boolean {
  return count >= 1 && count < SMALLEST_SHOWN;
}

/**
 * For a row of counts that add up to a total people can see (each person in exactly one cell, or a
 * cell the page never shows but that the total gives away, such as "did not answer"):
 * which cells to hide.
 *
 * - If the total itself is 1 to 7, every cell is hidden: with so few people even a 0 says something
 *   ("nobody chose No" means all of them chose Yes).
 * - Otherwise each count of 1 to 7 is 'small'; if that leaves exactly one hidden cell, the smallest
 *   other cell is hidden too ('secondary'), preferring cells not in `protect` (for example the
 *   "answered" count that every percentage of a question is worked out from).
 */
export function suppressRow(counts: readonly number[], options: { protect?: readonly number[] } = {}): Suppression[] {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (isSmall(total)) return counts.map((c) => (c > 0 ? 'small' : 'secondary'));
  const result: Suppression[] = counts.map((c) => (isSmall(c) ? 'small' : 'none'));
  const hidden = result.filter((s) => s !== 'none').length;
  if (hidden !== 1 || counts.length < 2) return result;
  const protect = new Set(options.protect ?? []);
  const open = counts.map((_, i) => i).filter((i) => result[i] === 'none');
  const candidates = open.some((i) => !protect.has(i)) ? open.filter((i) => !protect.has(i)) : open;
  // The smallest, and the first of equals: the same data always hides the same cells.
  let pick = candidates[0]!;
  for (const i of candidates) if (counts[i]! < counts[pick]!) pick = i;
  result[pick] = 'secondary';
  return result;
}

/**
 * For counts that do not add up to a shown total (multiple choice: one person may be in several
 * cells), no cell can be worked out from the others: only the small ones are hidden.
 */
export function suppressEach(counts: readonly number[]): Suppression[] {
  return counts.map((c) => (isSmall(c) ? 'small' : 'none'));
}

/** Whole-number percentage of a base, or null when there is no base. */
export function percentOf(count: number, base: number): number | null {
  return base > 0 ? Math.round((count / base) * 100) : null;
}

/**
 * The count (and its percentage of `base`) as this viewer may see it. For the activity's own staff
 * (`exact`) nothing is hidden; for everyone else a hidden count leaves no trace, not even its
 * percentage, so neither can reach the page.
 */
export function shown(count: number, suppression: Suppression, base: number, exact: boolean): Shown {
  if (exact || suppression === 'none') return { count, percent: percentOf(count, base), suppression: 'none' };
  return { count: null, percent: null, suppression };
}

/** A row suppressed together: each count with its percentage of the row's base. */
export function shownRow(counts: readonly number[], suppressions: readonly Suppression[], base: number, exact: boolean): Shown[] {
  return counts.map((c, i) => shown(c, suppressions[i]!, base, exact));
}
