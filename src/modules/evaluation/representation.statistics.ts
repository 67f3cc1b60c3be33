/**
 * Comparing participants with a population, one characteristic at a time (issue 13 §5; formulas
 * from FRAMEWORKS.md §11a). Pure functions on counts: no database, no words.
 *
 * For groups g with participants n_g (known answers only) and population P_g:
 * - shares: n_g / N and P_g / P, where N = Σ n_g and P = Σ P_g;
 * - representation ratio RR_g = (n_g / N) / (P_g / P): 1 proportionate, below 1 under-represented;
 * - rate per 10,000 = n_g / P_g × 10,000, to one decimal place (the DfE convention);
 * - expected count E_g = N × P_g / P;
 * - chi-square goodness of fit across the groups: χ² = Σ (O − E)² / E, df = cells − 1. Groups whose
 *   expected count is under 5 make the approximation unreliable (§11a), and a hidden (suppressed)
 *   count could be worked back out of an exact χ², so both kinds are **merged into one cell**
 *   before the test, and the result says which groups were merged and why;
 * - per group: a chi-square test of "in this group or not" against the population's share (two
 *   cells, df = 1, no continuity correction; the same as scipy.stats.chisquare([n, N − n],
 *   [E, N − E])), only when both expected counts are at least 5. Testing every group of a
 *   characteristic makes one false alarm in twenty likely, so the p-values are adjusted for the
 *   number of groups tested (Holm's step-down method) before anything is flagged.
 *
 * p-values are the upper tail of the chi-square distribution from @stdlib (decision 0021), never
 * written by hand.
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/** Below this expected count a chi-square cell is unreliable (FRAMEWORKS.md §11a). */
export const MIN_EXPECTED = 5;
/** The significance level for a flag. */
export const ALPHA = 0.05;

export type GroupCounts = { value: string; participants: number; population: number };

export type GroupComparison = GroupCounts & {
  participantShare: number | null;
  populationShare: number | null;
  /** null when the population share or the participants' total is 0. */
  ratio: number | null;
  /** Participants per 10,000 of the population, one decimal place; null without a population. */
  ratePer10k: number | null;
  expected: number;
  /** The per-group test, or null when an expected count is under 5 (too few to tell). */
  test: { statistic: number; p: number; adjustedP: number } | null;
};

export type GoodnessOfFit = {
  statistic: number;
  df: number;
  p: number;
  /** Groups put together in one cell before the test, and why. */
  merged: Array<{ value: string; reason: 'small_expected' | 'hidden' }>;
  cells: number;
};

export type Comparison = {
  participants: number;
  population: number;
  groups: GroupComparison[];
  /** null when there are too few to test (fewer than two cells, or no participants). */
  fit: GoodnessOfFit | null;
};

/** P(X ≥ x) for X ~ χ²(df), from the package. */
export function chiSquareUpperTail(statistic: number, df: number): number {
  return Math.max(0, Math.min(1, 1 - chisquareCdf(statistic, df)));
}

/** Σ (O − E)² / E over cells with E > 0. */
export function chiSquareStatistic(observed: readonly number[], expected: readonly number[]): number {
  let sum = 0;
  observed.forEach((o, i) => {
    const e = expected[i]!;
    if (e > 0) sum += (o - e) ** 2 / e;
  });
  return sum;
}

/** Rounded to one decimal place, as the DfE publishes rates. */
export function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The groups compared. `hidden`: values whose participant count the reader will not see (merged
 * into one cell for the overall test, so that its χ² cannot give them away).
 */
export function compare(groups: readonly GroupCounts[], options: { hidden?: ReadonlySet<string> } = {}): Comparison {
  const N = groups.reduce((s, g) => s + g.participants, 0);
  const P = groups.reduce((s, g) => s + g.population, 0);
  const compared: GroupComparison[] = groups.map((g) => {
    const participantShare = N > 0 ? g.participants / N : null;
    const populationShare = P > 0 ? g.population / P : null;
    const expected = populationShare === null ? 0 : N * populationShare;
    const testable = N > 0 && expected >= MIN_EXPECTED && N - expected >= MIN_EXPECTED;
    const statistic = testable ? chiSquareStatistic([g.participants, N - g.participants], [expected, N - expected]) : 0;
    return {
      ...g,
      participantShare,
      populationShare,
      ratio: participantShare !== null && populationShare ? participantShare / populationShare : null,
      ratePer10k: g.population > 0 ? oneDecimal((g.participants / g.population) * 10_000) : null,
      expected,
      test: testable ? { statistic, p: chiSquareUpperTail(statistic, 1), adjustedP: 1 } : null,
    };
  });
  holm(compared.flatMap((g) => (g.test ? [g.test] : [])));
  return { participants: N, population: P, groups: compared, fit: goodnessOfFit(compared, N, options.hidden ?? new Set()) };
}

/**
 * Holm's step-down adjustment (Holm 1979): with m p-values in ascending order, the i-th (from 1)
 * becomes max over j ≤ i of min(1, (m − j + 1) × p_j). Sets adjustedP on each test.
 */
export function holm(tests: Array<{ p: number; adjustedP: number }>): void {
  const m = tests.length;
  const order = [...tests].sort((a, b) => a.p - b.p);
  let running = 0;
  order.forEach((test, i) => {
    running = Math.max(running, Math.min(1, (m - i) * test.p));
    test.adjustedP = running;
  });
}

/**
 * The chi-square goodness of fit, after putting hidden groups and groups with an expected count
 * under 5 into one cell. If that cell is still under 5, the next smallest groups join it until it
 * is not (or nothing is left to test).
 */
function goodnessOfFit(groups: readonly GroupComparison[], N: number, hidden: ReadonlySet<string>): GoodnessOfFit | null {
  const withPopulation = groups.filter((g) => g.population > 0);
  if (N === 0 || withPopulation.length < 2) return null;
  const merged: GoodnessOfFit['merged'] = [];
  const open: GroupComparison[] = [];
  for (const g of withPopulation) {
    if (hidden.has(g.value)) merged.push({ value: g.value, reason: 'hidden' });
    else if (g.expected < MIN_EXPECTED) merged.push({ value: g.value, reason: 'small_expected' });
    else open.push(g);
  }
  const inMerged = () => withPopulation.filter((g) => merged.some((m) => m.value === g.value));
  const sum = (list: readonly GroupComparison[], key: 'participants' | 'expected') => list.reduce((s, g) => s + g[key], 0);
  // Smallest expected first, and the first of equals: the same data always merges the same groups.
  open.sort((a, b) => a.expected - b.expected);
  while (merged.length > 0 && sum(inMerged(), 'expected') < MIN_EXPECTED && open.length > 0) {
    merged.push({ value: open.shift()!.value, reason: 'small_expected' });
  }
  const cells = [...open.map((g) => ({ o: g.participants, e: g.expected }))];
  if (merged.length > 0) cells.push({ o: sum(inMerged(), 'participants'), e: sum(inMerged(), 'expected') });
  if (cells.length < 2 || cells.some((c) => c.e < MIN_EXPECTED)) return null;
  const statistic = chiSquareStatistic(cells.map((c) => c.o), cells.map((c) => c.e));
  const df = cells.length - 1;
  return { statistic, df, p: chiSquareUpperTail(statistic, df), merged, cells: cells.length };
}
