/**
 * Results by group, as an attacker would try them: no group of 1 to 7 is shown, "everyone minus the
 * shown groups" is never a small group, and no hidden count is the only hidden one of a sum the page
 * shows (a row across the groups adds up to everyone's count; a group's column to its answered total).
 * Checked on fixed cases and on 300 made-up surveys.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSmall } from '../../lib/suppression.ts';
import type { AboutYou } from './about-you.ts';
import { breakDown, findDimension, hideGroups, type Respondent } from './results.breakdown.ts';
import { protect, tally } from './results.counting.ts';
import type { Question } from './question-types.ts';
import type { StoredAnswer } from './results.repository.ts';

const question: Question = {
  id: 'q1',
  activityId: 'a',
  position: 1,
  type: 'single_choice',
  text: 'How was it?',
  easyRead: '',
  hint: '',
  required: false,
  settings: {},
  showIf: null,
  options: ['Good', 'Okay', 'Bad'].map((label, i) => ({ id: `o${i}`, position: i + 1, label, easyRead: '', symbol: null, altText: '' })),
};

const nobody: AboutYou = { age_band: null, sex: null, ethnicity: null, need_type: null, support_level: null };

/** People as [age band, option index or null for declined], each a response. */
function survey(people: Array<[string | null, number | null, boolean?]>) {
  const respondents: Respondent[] = people.map(([age, , supported], i) => ({ responseId: `r${i}`, supported: supported ?? false, aboutYou: { ...nobody, age_band: age } }));
  const answers: StoredAnswer[] = people.map(([, option], i) => ({ responseId: `r${i}`, questionId: 'q1', value: option === null ? null : { kind: 'option', optionId: `o${option}` }, declined: option === null }));
  const summary = { submitted: people.length, supported: people.filter((p) => p[2]).length, firstAt: null, lastAt: null };
  const tallied = tally([question], summary, answers);
  return { respondents, answers, everyone: { tally: tallied.questions, results: protect(tallied, false) } };
}

test('groups: 1 to 7 people hidden, and more hidden until the hidden ones together are at least 8', () => {
  assert.deepEqual(hideGroups([20, 12, 4]), ['none', 'secondary', 'small'], '4 alone would be everyone minus 20 minus 12');
  assert.deepEqual(hideGroups([20, 3, 4]), ['secondary', 'small', 'small'], 'two small groups are still 7 together');
  assert.deepEqual(hideGroups([14, 9, 8]), ['none', 'none', 'none']);
  assert.deepEqual(hideGroups([12, 5, 9]), ['none', 'small', 'secondary']);
  assert.deepEqual(hideGroups([5]), ['small']);
});

test('looking at one group uses the same decision: a 12-person group is hidden when it would give away a 4-person one', () => {
  const people: Array<[string, number]> = [...Array.from({ length: 14 }, (): [string, number] => ['8_11', 0]), ...Array.from({ length: 12 }, (): [string, number] => ['12_15', 1]), ...Array.from({ length: 4 }, (): [string, number] => ['16_18', 2])];
  const { respondents, answers, everyone } = survey(people);
  const b = breakDown(findDimension('age')!, [question], respondents, answers, everyone);
  assert.deepEqual(b.groups.map((g) => [g.group, g.hidden]), [['8_11', 'none'], ['12_15', 'secondary'], ['16_18', 'small']]);
  assert.equal(b.results.get('12_15')!.tooFew, true);
  assert.equal(b.results.get('12_15')!.questions.length, 0, 'no figures at all');
  assert.equal(b.results.get('8_11')!.questions[0]!.rows[0]!.cell.count, 14);
});

test('a small count inside a shown group is hidden, with another so it cannot be taken from the total; percentages only of what is shown', () => {
  // 10 with a supporter: 10 good. 20 on their own: 10 good, 7 okay, 3 bad.
  const people: Array<[string | null, number | null, boolean]> = [
    ...Array.from({ length: 10 }, (): [null, number, boolean] => [null, 0, true]),
    ...Array.from({ length: 10 }, (): [null, number, boolean] => [null, 0, false]),
    ...Array.from({ length: 7 }, (): [null, number, boolean] => [null, 1, false]),
    ...Array.from({ length: 3 }, (): [null, number, boolean] => [null, 2, false]),
  ];
  const { respondents, answers, everyone } = survey(people);
  const b = breakDown(findDimension('supported')!, [question], respondents, answers, everyone);
  const rows = b.questions[0]!.rows.map((r) => r.cells.map((c) => c.count));
  assert.deepEqual(rows, [
    [10, 10, 20],
    [0, null, null],
    [0, null, null],
  ]);
  assert.equal(b.questions[0]!.rows[0]!.cells[1]!.percent, 50);
});

/** A small, repeatable random number source (the same 300 surveys every run). */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

test('300 made-up surveys: nothing small shown, no lone hidden cell in any sum the page shows, hidden groups never a small group together', () => {
  const next = random(12);
  const bands = ['5_7', '8_11', '12_15', '16_18', null];
  for (let n = 0; n < 300; n += 1) {
    const size = 8 + Math.floor(next() * 60);
    // Skewed, so that small groups and small answers are common.
    const people = Array.from({ length: size }, (): [string | null, number | null, boolean] => [bands[Math.floor(next() ** 2 * bands.length)]!, next() < 0.08 ? null : Math.floor(next() ** 1.5 * 3), next() < 0.3]);
    const { respondents, answers, everyone } = survey(people);
    for (const slug of ['age', 'supported']) {
      const b = breakDown(findDimension(slug)!, [question], respondents, answers, everyone);
      const hiddenPeople = b.groups.filter((g) => g.hidden !== 'none');
      const sizes = new Map(b.groups.map((g) => [g.group, respondents.filter((r) => findDimension(slug)!.groupOf(r) === g.group).length]));
      assert.ok(!isSmall(hiddenPeople.reduce((sum, g) => sum + sizes.get(g.group)!, 0)), `survey ${n} by ${slug}: hidden groups together are small`);
      const q = b.questions[0]!;
      const shownColumns = b.groups.map((g, i) => (g.hidden === 'none' ? i : -1)).filter((i) => i >= 0);
      for (const row of q.rows) {
        for (const cell of row.cells) assert.ok(cell.count === null || !isSmall(cell.count), `survey ${n}: ${cell.count} shown`);
        // Across the groups to everyone's count: hidden groups' cells are hidden too.
        const hidden = row.cells.filter((c) => c.count === null).length;
        assert.ok(hidden !== 1, `survey ${n} by ${slug}, ${row.label}: one hidden cell in its row`);
      }
      for (const i of shownColumns) {
        if (q.answered[i]!.count === null) continue;
        const hidden = q.rows.filter((r) => r.cells[i]!.count === null).length;
        assert.ok(hidden !== 1, `survey ${n} by ${slug}, group ${b.groups[i]!.group}: one hidden cell in its column`);
      }
    }
  }
});

test('dates compared by month: each row keeps its month, so the page can name it in the reader\'s language', () => {
  const when: Question = { ...question, id: 'q2', type: 'date', options: [] };
  const respondents: Respondent[] = Array.from({ length: 20 }, (_, i) => ({ responseId: `r${i}`, supported: i < 10, aboutYou: nobody }));
  const answers: StoredAnswer[] = respondents.map((r, i) => ({ responseId: r.responseId, questionId: 'q2', value: { kind: 'date', date: i % 2 ? '2026-03-10' : '2026-04-02' }, declined: false }));
  const tallied = tally([when], { submitted: 20, supported: 10, firstAt: null, lastAt: null }, answers);
  const b = breakDown(findDimension('supported')!, [when], respondents, answers, { tally: tallied.questions, results: protect(tallied, false) });
  assert.deepEqual(b.questions[0]!.rows.map((r) => [r.month, r.cells.map((c) => c.count)]), [
    ['2026-03', [null, null, 10]],
    ['2026-04', [null, null, 10]],
  ]);
});
