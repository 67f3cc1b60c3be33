/**
 * Results by group: the answers of one group of people (an "About you" answer, or answering with a
 * supporter or on their own), and each question compared across the groups of one of those.
 * Pure: counted with results.counting.ts's tally, one group at a time.
 *
 * Why this needs more than the page's usual suppression (src/lib/suppression.ts): a count crossed
 * with who people are describes their characteristics, so small numbers are hidden here for every
 * viewer, the team running the activity too (they have the audited export when they need rows). And
 * a group's figures can be worked out by difference: everyone's answers (on the same page) minus the
 * groups that are shown leaves the groups that are not. So:
 *
 * 1. Groups. Each group of 1 to 7 people is hidden ('small'). If the hidden groups together are 1 to
 *    7 people, the smallest shown group is hidden too ('secondary'), and again until they are at
 *    least 8 (or none): "everyone minus the shown groups" is then never a small group. Looking at
 *    one group uses exactly the same decision, so a filter can never show a group that the
 *    comparison hides (for example 12 people aged 12 to 15 when 4 are 16 to 18 and the rest 8 to 11).
 * 2. Cells. Every count in a shown group is a cell of a table whose rows add up across the groups to
 *    everyone's count (shown on the page), and whose columns add up to the group's own totals (an
 *    option's count to the people who answered; answered, declined and not asked to the group's
 *    people; a card's piles to the people who answered). Each such sum is a "line". A count of 1 to
 *    7 is hidden; then, until nothing changes, any line with exactly one hidden cell has its
 *    smallest other cell hidden too (not a total, and a non-zero one where there is one, since
 *    hidden cells that must add up to 0 would all be 0). Everyone's own figures are never hidden
 *    again here: they are the ones on the page already, so they count as known.
 *
 * Known limit: like all cell suppression done this way (rather than by linear programming), a
 * determined person could sometimes narrow a hidden cell to a range; never to its exact value from
 * one line.
 */
import { isSmall, percentOf, type Shown, type Suppression } from '../../lib/suppression.ts';
import { ABOUT_YOU_FIELDS, ETHNIC_GROUP_OPTIONS, aboutYouAnswerKey, aboutYouShortKey, ethnicGroupOf, type AboutYou } from './about-you.ts';
import { CARD_PILES, type CardPile, type Question } from './question-types.ts';
import { tally, type QuestionResults, type QuestionTally, type ResultKind, type Results } from './results.counting.ts';
import type { ResponseSummary, StoredAnswer } from './results.repository.ts';

/** A submitted response, as far as grouping needs it. */
export type Respondent = { responseId: string; supported: boolean; aboutYou: AboutYou };

export const NOT_GIVEN = 'not_given';

export type Dimension = {
  /** In the address: `by=age`, `group=age:8_11`. */
  slug: string;
  /** Catalogue key of its name ("Age"). */
  nameKey: string;
  groups: readonly string[];
  groupOf(r: Respondent): string;
  /** Catalogue key of a group's words. */
  groupKey(group: string): string;
};

const inOptions = (options: readonly string[], value: string | null) => (value !== null && options.includes(value) ? value : NOT_GIVEN);

/** With a supporter or not, then each "About you" question (the ethnic group, not the 19 categories: they would nearly all be small). */
export const DIMENSIONS: readonly Dimension[] = [
  {
    slug: 'supported',
    nameKey: 'surveys.results.groups.supportedName',
    groups: ['yes', 'no'],
    groupOf: (r) => (r.supported ? 'yes' : 'no'),
    groupKey: (group) => `surveys.results.groups.supported.${group}`,
  },
  ...ABOUT_YOU_FIELDS.map((field): Dimension => {
    const options: readonly string[] = field.slug === 'ethnic-group' ? ETHNIC_GROUP_OPTIONS : field.options;
    return {
      slug: field.slug,
      nameKey: aboutYouShortKey(field.slug),
      groups: [...options, NOT_GIVEN],
      groupOf: (r) => {
        const value = r.aboutYou[field.column];
        return field.slug === 'ethnic-group' ? (ethnicGroupOf(value) ?? inOptions(options, value)) : inOptions(options, value);
      },
      groupKey: (group) => (group === NOT_GIVEN ? 'surveys.results.groups.notGiven' : aboutYouAnswerKey(field.column, group)!),
    };
  }),
];

export function findDimension(slug: string): Dimension | undefined {
  return DIMENSIONS.find((d) => d.slug === slug);
}

/** How many people are in each group of a dimension (groups nobody is in are left out). */
export function groupSizes(dimension: Dimension, respondents: readonly Respondent[]): Array<{ group: string; people: number }> {
  const counts = new Map<string, number>();
  for (const r of respondents) counts.set(dimension.groupOf(r), (counts.get(dimension.groupOf(r)) ?? 0) + 1);
  return dimension.groups.filter((g) => counts.has(g)).map((group) => ({ group, people: counts.get(group)! }));
}

/** Rule 1 above: which groups to hide, given how many people are in each. */
export function hideGroups(people: readonly number[]): Suppression[] {
  const result: Suppression[] = people.map((n) => (isSmall(n) ? 'small' : 'none'));
  const hiddenTotal = () => people.reduce((sum, n, i) => sum + (result[i] !== 'none' ? n : 0), 0);
  while (isSmall(hiddenTotal())) {
    const open = people.map((_, i) => i).filter((i) => result[i] === 'none');
    if (open.length === 0) break;
    let pick = open[0]!;
    for (const i of open) if (people[i]! < people[pick]!) pick = i;
    result[pick] = 'secondary';
  }
  return result;
}

// ── Cells and lines (rule 2) ───────────────────────────────────────────────────────────────────

type Cell = { count: number; state: Suppression; fixed: boolean; total: boolean };

/**
 * Rule 2 above over any table: cells by key, lines as lists of keys whose sum is known. Fixed cells
 * keep their state; `total` cells are only hidden when nothing else in the line can be.
 */
export function suppressLines(cells: Map<string, Cell>, lines: readonly string[][]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const members = line.map((key) => cells.get(key)).filter((c) => c !== undefined);
      if (members.filter((c) => c.state !== 'none').length !== 1) continue;
      const open = members.filter((c) => c.state === 'none' && !c.fixed);
      const tiers = [open.filter((c) => !c.total && c.count > 0), open.filter((c) => !c.total), open];
      const candidates = tiers.find((tier) => tier.length > 0);
      if (!candidates) continue;
      let pick = candidates[0]!;
      for (const c of candidates) if (c.count < pick.count) pick = c;
      pick.state = 'secondary';
      changed = true;
    }
  }
}

type Row = { key: string; label: string; pile?: CardPile; month?: string; count: number };

/** A question's counts as keyed rows: the totals, then what the question's kind counts. */
function rowsOf(q: QuestionTally): Row[] {
  return [
    { key: 'answered', label: '', count: q.answered },
    { key: 'declined', label: '', count: q.declined },
    { key: 'missing', label: '', count: q.missing },
    ...q.rows.map((r) => ({ key: `row:${r.month ?? r.label}`, label: r.label, ...(r.month ? { month: r.month } : {}), count: r.count })),
    ...q.ranking.map((r, i) => ({ key: `first:${i}`, label: r.label, count: r.first })),
    ...q.cardSort.flatMap((c, i) => [...c.piles.map((n, j) => ({ key: `pile:${i}:${j}`, label: c.label, pile: CARD_PILES[j], count: n })), { key: `notPlaced:${i}`, label: '', count: c.notPlaced }]),
  ];
}

/** The sums a group's column of one question is known to make (rule 2). */
function columnLines(q: QuestionTally, column: (key: string) => string): string[][] {
  const lines = [['answered', 'declined', 'missing', 'people'].map(column)];
  if (q.kind === 'options' || q.kind === 'distribution' || q.kind === 'months') lines.push([...q.rows.map((r) => `row:${r.month ?? r.label}`), 'answered'].map(column));
  if (q.kind === 'ranking') lines.push([...q.ranking.map((_, i) => `first:${i}`), 'answered'].map(column));
  if (q.kind === 'card_sort') q.cardSort.forEach((_, i) => lines.push([0, 1, 2].map((j) => `pile:${i}:${j}`).concat(`notPlaced:${i}`, 'answered').map(column)));
  return lines;
}

/** Everyone's figures as the page shows them (they are known) or hides them, by row key. */
function everyoneShown(q: QuestionResults | undefined, tallied: QuestionTally): Map<string, Suppression> {
  const known = new Map<string, Suppression>();
  if (!q) return known;
  const derived = (...cells: Shown[]): Suppression => (cells.every((c) => c.count !== null) ? 'none' : 'secondary');
  known.set('answered', q.answered.suppression);
  known.set('declined', q.declined.suppression);
  known.set('missing', derived(q.answered, q.declined));
  known.set('people', 'none');
  tallied.rows.forEach((r, i) => known.set(`row:${r.month ?? r.label}`, q.rows[i]?.cell.suppression ?? 'secondary'));
  q.ranking.forEach((r, i) => known.set(`first:${i}`, r.first.suppression));
  q.cardSort.forEach((c, i) => {
    c.piles.forEach((p, j) => known.set(`pile:${i}:${j}`, p.suppression));
    known.set(`notPlaced:${i}`, derived(q.answered, ...c.piles));
  });
  return known;
}

export type GroupColumn = { group: string; people: Shown; hidden: Suppression };

export type ComparedQuestion = {
  id: string;
  position: number;
  text: string;
  kind: ResultKind;
  /** False for numbers grouped into ranges: each group's ranges would differ, so they cannot share rows. */
  comparable: boolean;
  /** One per group, then everyone's. */
  answered: Shown[];
  rows: Array<{ label: string; pile?: CardPile; month?: string; cells: Shown[] }>;
};

export type Breakdown = {
  dimension: Dimension;
  groups: GroupColumn[];
  /** Everyone's column: the page's own figures. */
  everyone: Shown;
  questions: ComparedQuestion[];
  /** Each group's answers as a results page would show them (for looking at one group). */
  results: Map<string, Results>;
};

const hiddenCell = (state: Suppression): Shown => ({ count: null, percent: null, suppression: state === 'none' ? 'secondary' : state });

/**
 * Everything about one dimension's groups: which are hidden, and every count of every question for
 * each group, with rules 1 and 2 applied. `everyone` is the page's own (suppressed) view of all
 * responses.
 */
export function breakDown(
  dimension: Dimension,
  questions: readonly Question[],
  respondents: readonly Respondent[],
  answers: readonly StoredAnswer[],
  everyone: { tally: QuestionTally[]; results: Results },
): Breakdown {
  const sizes = groupSizes(dimension, respondents);
  const groupStates = hideGroups(sizes.map((s) => s.people));
  const groupOf = new Map(respondents.map((r) => [r.responseId, dimension.groupOf(r)]));
  const total = respondents.length;

  const tallies = sizes.map(({ group, people }) => {
    const members = respondents.filter((r) => groupOf.get(r.responseId) === group);
    const summary: ResponseSummary = { submitted: people, supported: members.filter((r) => r.supported).length, firstAt: null, lastAt: null };
    return tally(questions, summary, answers.filter((a) => groupOf.get(a.responseId) === group)).questions;
  });

  const groups: GroupColumn[] = sizes.map(({ group, people }, i) => ({
    group,
    hidden: groupStates[i]!,
    people: groupStates[i] === 'none' ? { count: people, percent: percentOf(people, total), suppression: 'none' } : hiddenCell(groupStates[i]!),
  }));

  const cellsByQuestion: Array<Map<string, Cell>> = [];
  const compared: ComparedQuestion[] = questions.map((question, k) => {
    const all = everyone.tally[k]!;
    const allShown = everyoneShown(everyone.results.questions.find((q) => q.id === question.id), all);
    const allRows = rowsOf(all);
    const keys = new Set(allRows.map((r) => r.key));
    const comparable = tallies.every((t) => rowsOf(t[k]!).every((r) => keys.has(r.key)));
    const cells = new Map<string, Cell>();
    const column = (g: string) => (key: string) => `${key}@${g}`;
    for (const r of [...allRows, { key: 'people', label: '', count: total }]) {
      cells.set(`${r.key}@*`, { count: r.count, state: allShown.get(r.key) ?? 'secondary', fixed: true, total: true });
    }
    sizes.forEach(({ group, people }, i) => {
      const t = tallies[i]![k]!;
      const counts = new Map(rowsOf(t).map((r) => [r.key, r.count]));
      const groupState = groupStates[i]!;
      const tooFewAnswered = isSmall(t.answered);
      cells.set(`people@${group}`, { count: people, state: groupState, fixed: true, total: true });
      for (const r of allRows) {
        const count = counts.get(r.key) ?? 0;
        const state: Suppression = groupState !== 'none' ? groupState : tooFewAnswered && r.key !== 'missing' && r.key !== 'declined' ? 'small' : isSmall(count) ? 'small' : 'none';
        cells.set(`${r.key}@${group}`, { count, state, fixed: groupState !== 'none', total: r.key === 'answered' });
      }
    });
    const lines: string[][] = [];
    for (const { group } of sizes) lines.push(...columnLines(all, column(group)));
    for (const r of allRows) lines.push([...sizes.map(({ group }) => `${r.key}@${group}`), `${r.key}@*`]);
    suppressLines(cells, lines);
    cellsByQuestion.push(cells);

    const shownCell = (key: string, g: string): Shown => {
      const cell = cells.get(`${key}@${g}`)!;
      const base = cells.get(`answered@${g}`)!;
      if (cell.state !== 'none') return hiddenCell(cell.state);
      return { count: cell.count, percent: base.state === 'none' && key !== 'answered' ? percentOf(cell.count, base.count) : null, suppression: 'none' };
    };
    const everyoneCell = (key: string): Shown => {
      const cell = cells.get(`${key}@*`)!;
      return cell.state === 'none' ? { count: cell.count, percent: key === 'answered' ? null : percentOf(cell.count, all.answered), suppression: 'none' } : hiddenCell(cell.state);
    };
    const columns = [...sizes.map((s) => s.group), '*'];
    const cellFor = (key: string, g: string) => (g === '*' ? everyoneCell(key) : shownCell(key, g));
    return {
      id: question.id,
      position: question.position,
      text: question.text,
      kind: all.kind,
      comparable,
      answered: columns.map((g) => cellFor('answered', g)),
      rows: comparable ? allRows.filter((r) => r.label !== '').map((r) => ({ label: r.label, ...(r.pile ? { pile: r.pile } : {}), ...(r.month ? { month: r.month } : {}), cells: columns.map((g) => cellFor(r.key, g)) })) : [],
    };
  });

  const results = new Map<string, Results>();
  sizes.forEach(({ group, people }, i) => {
    const state = groupStates[i]!;
    const shownQuestions: QuestionResults[] =
      state !== 'none'
        ? []
        : questions.map((question, k) => {
            const t = tallies[i]![k]!;
            const cells = cellsByQuestion[k]!;
            const get = (key: string): Shown => {
              const cell = cells.get(`${key}@${group}`);
              if (!cell) return { count: 0, percent: null, suppression: 'none' };
              if (cell.state !== 'none') return hiddenCell(cell.state);
              return { count: cell.count, percent: key === 'answered' || key === 'declined' ? percentOf(cell.count, people) : percentOf(cell.count, t.answered), suppression: 'none' };
            };
            const answered = get('answered');
            const breakdownHidden = answered.count === null;
            return {
              id: question.id,
              position: question.position,
              text: question.text,
              type: question.type,
              kind: t.kind,
              answered,
              declined: get('declined'),
              breakdownHidden,
              rows: breakdownHidden || !compared[k]!.comparable ? [] : t.rows.map((r) => ({ label: r.label, symbol: r.symbol ?? null, ...(r.month ? { month: r.month } : {}), cell: get(`row:${r.month ?? r.label}`) })),
              median: breakdownHidden ? null : t.median,
              ranking: breakdownHidden ? [] : t.ranking.map((r, j) => ({ label: r.label, averageRank: r.averageRank > 0 ? r.averageRank : null, first: get(`first:${j}`) })),
              cardSort: breakdownHidden ? [] : t.cardSort.map((c, j) => ({ label: c.label, piles: [0, 1, 2].map((p) => get(`pile:${j}:${p}`)) })),
            };
          });
    const shownPeople: Shown = state === 'none' ? { count: people, percent: null, suppression: 'none' } : hiddenCell(state);
    const anyHidden = shownQuestions.some((q) => [q.answered, q.declined, ...q.rows.map((r) => r.cell), ...q.ranking.map((r) => r.first), ...q.cardSort.flatMap((c) => c.piles)].some((c) => c.count === null));
    results.set(group, {
      exact: false,
      submitted: shownPeople,
      supported: hiddenCell('secondary'),
      firstAt: null,
      lastAt: null,
      tooFew: state !== 'none',
      anyHidden: anyHidden || state !== 'none',
      questions: shownQuestions,
    });
  });

  return {
    dimension,
    groups,
    everyone: { count: total, percent: null, suppression: isSmall(total) ? 'small' : 'none' },
    questions: compared,
    results,
  };
}
