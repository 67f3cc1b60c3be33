/**
 * Small-number suppression: what is hidden, and that nothing hidden can be worked back out from
 * the total and the numbers that are shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSmall, percentOf, shown, shownRow, SMALLEST_SHOWN, suppressEach, suppressRow, type Suppression } from './suppression.ts';

/**
 * An attacker's view of a row: the total and every shown count. Returns the hidden cell whose value
 * is pinned down exactly (the total minus the shown cells), which happens when only one is hidden.
 */
function recoverable(states: readonly Suppression[]): number[] {
  const hidden = states.map((s, i) => (s === 'none' ? -1 : i)).filter((i) => i >= 0);
  return hidden.length === 1 ? hidden : [];
}

test('the threshold: 1 to 7 are small; 0 and 8 are not', () => {
  assert.equal(SMALLEST_SHOWN, 8);
  assert.equal(isSmall(0), false);
  for (let n = 1; n <= 7; n += 1) assert.equal(isSmall(n), true, String(n));
  assert.equal(isSmall(8), false);
  assert.equal(isSmall(250), false);
});

test('a row with no small counts is shown whole; 0 stays 0', () => {
  assert.deepEqual(suppressRow([8, 0, 40]), ['none', 'none', 'none']);
  assert.deepEqual(suppressRow([0, 0, 0]), ['none', 'none', 'none'], 'nobody answered: nothing to hide');
});

test('one small count: the next smallest is hidden too, so the total cannot give it away', () => {
  // Without the second, 3 = 53 − 10 − 40.
  assert.deepEqual(suppressRow([3, 10, 40]), ['small', 'secondary', 'none']);
  assert.deepEqual(suppressRow([40, 10, 3]), ['none', 'secondary', 'small']);
  // A 0 is the next smallest: hiding it still leaves 3 + 0 = 2 + 1 = … unknowable.
  assert.deepEqual(suppressRow([3, 0, 20]), ['small', 'secondary', 'none']);
  // Equal candidates: the first, so the same data always hides the same cells.
  assert.deepEqual(suppressRow([5, 9, 9]), ['small', 'secondary', 'none']);
});

test('two or more small counts are enough on their own', () => {
  assert.deepEqual(suppressRow([2, 7, 30]), ['small', 'small', 'none']);
  assert.deepEqual(suppressRow([1, 1, 1, 30]), ['small', 'small', 'small', 'none']);
});

test('when the total itself is 1 to 7, the whole row is hidden, zeros included', () => {
  // "Nobody chose No" out of 5 would say all 5 chose Yes.
  assert.deepEqual(suppressRow([5, 0]), ['small', 'secondary']);
  assert.deepEqual(suppressRow([0, 7, 0]), ['secondary', 'small', 'secondary']);
});

test('protected cells are hidden last: "answered" keeps its number while "did not answer" covers for "declined"', () => {
  // answered, declined, did not answer (never shown, but the total gives it away)
  assert.deepEqual(suppressRow([20, 3, 30], { protect: [0] }), ['none', 'small', 'secondary']);
  assert.deepEqual(suppressRow([20, 3, 30]), ['secondary', 'small', 'none'], 'without protection the smallest other cell goes');
  // If only protected cells are left, safety wins.
  assert.deepEqual(suppressRow([20, 3], { protect: [0] }), ['secondary', 'small']);
});

test('whatever the row, no hidden cell can be recovered from the total and the shown cells', () => {
  // Every row of three counts from 0 to 12.
  for (let a = 0; a <= 12; a += 1) {
    for (let b = 0; b <= 12; b += 1) {
      for (let c = 0; c <= 12; c += 1) {
        const counts = [a, b, c];
        const states = suppressRow(counts);
        assert.deepEqual(recoverable(states), [], `row ${counts} → ${states}`);
        // Every small count is hidden.
        counts.forEach((n, i) => assert.ok(!isSmall(n) || states[i] !== 'none', `row ${counts}: ${n} shown`));
        // A shown 0 or a shown count of 8 or more only.
        counts.forEach((n, i) => assert.ok(states[i] !== 'none' || n === 0 || n >= SMALLEST_SHOWN));
      }
    }
  }
});

test('multiple choice: counts do not add up to a total, so only the small ones are hidden', () => {
  assert.deepEqual(suppressEach([3, 20, 0, 8, 7]), ['small', 'none', 'none', 'none', 'small']);
});

test('a hidden count leaves no trace: no number and no percentage, unless the viewer runs the activity', () => {
  assert.deepEqual(shown(3, 'small', 40, false), { count: null, percent: null, suppression: 'small' });
  assert.deepEqual(shown(30, 'secondary', 40, false), { count: null, percent: null, suppression: 'secondary' });
  assert.deepEqual(shown(3, 'small', 40, true), { count: 3, percent: 8, suppression: 'none' }, 'the lead sees exact numbers');
  assert.deepEqual(shown(10, 'none', 40, false), { count: 10, percent: 25, suppression: 'none' });
  assert.deepEqual(shownRow([3, 10, 27], suppressRow([3, 10, 27]), 40, false).map((c) => c.count), [null, null, 27]);
});

test('percentages are whole numbers of the base; no base, no percentage', () => {
  assert.equal(percentOf(1, 3), 33);
  assert.equal(percentOf(2, 3), 67);
  assert.equal(percentOf(8, 8), 100);
  assert.equal(percentOf(0, 0), null);
});
