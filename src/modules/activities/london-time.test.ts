/**
 * London wall-clock time: typed times become the right instants either side of the clock changes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysBetween, londonParts, londonToUtc, parseClockTime, weekdayOf } from './london-time.ts';

test('winter times are UTC; summer times are an hour ahead', () => {
  assert.equal(londonToUtc('2026-01-15', '10:00').toISOString(), '2026-01-15T10:00:00.000Z');
  assert.equal(londonToUtc('2026-07-15', '10:00').toISOString(), '2026-07-15T09:00:00.000Z');
  assert.deepEqual(londonParts(new Date('2026-07-15T09:00:00Z')), { date: '2026-07-15', time: '10:00', minutes: 600, weekday: 3, year: 2026, month: 7, day: 15 });
});

test('the days the clocks change', () => {
  // 29 March 2026: 01:00 GMT becomes 02:00 BST. 01:30 does not exist: the later reading is used.
  assert.equal(londonToUtc('2026-03-29', '00:30').toISOString(), '2026-03-29T00:30:00.000Z');
  assert.equal(londonToUtc('2026-03-29', '03:00').toISOString(), '2026-03-29T02:00:00.000Z');
  assert.equal(londonToUtc('2026-03-29', '01:30').toISOString(), '2026-03-29T01:30:00.000Z');
  // 25 October 2026: 02:00 BST becomes 01:00 GMT. 01:30 happens twice: the first is used.
  assert.equal(londonToUtc('2026-10-25', '01:30').toISOString(), '2026-10-25T00:30:00.000Z');
  assert.equal(londonToUtc('2026-10-25', '10:00').toISOString(), '2026-10-25T10:00:00.000Z');
});

test('times as people type them', () => {
  const cases: Array<[string, string | undefined]> = [
    ['14:30', '14:30'], ['2:30pm', '14:30'], ['2.30 pm', '14:30'], ['9am', '09:00'], ['12pm', '12:00'], ['12am', '00:00'],
    ['0930', '09:30'], ['9:05', '09:05'], ['23:59', '23:59'],
    ['24:00', undefined], ['13pm', undefined], ['9:60', undefined], ['14', undefined], ['noon', undefined], ['', undefined], ['10:30:00', undefined],
  ];
  for (const [typed, expected] of cases) assert.equal(parseClockTime(typed), expected, typed);
});

test('calendar days and weekdays', () => {
  assert.equal(daysBetween('2026-02-25', '2026-03-10'), 13);
  assert.equal(daysBetween('2026-03-10', '2026-03-10'), 0);
  assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2, 'across the clock change');
  assert.equal(weekdayOf('2026-03-14'), 6);
});
