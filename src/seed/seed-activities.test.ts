/**
 * The demo's workshop is planned as the README says whatever day the demo is seeded: a Thursday
 * three weeks or more ahead, inside the term dates the demo area is given (so the planning
 * checklist's "not in the school holidays" check is met). The browser test checks the checklist
 * itself for today's date (e2e/figures-newcomer.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoTerms, workshopDay } from './seed-activities.ts';

const DAY = 86_400_000;

test('seeded on any day of two years, the workshop is a term-time Thursday 3 to 11 weeks ahead', () => {
  for (let time = Date.UTC(2026, 0, 1, 9); time < Date.UTC(2028, 0, 1); time += DAY) {
    const now = new Date(time);
    const terms = demoTerms(now);
    const day = workshopDay(now, terms);
    const iso = day.toISOString().slice(0, 10);
    const label = `seeded on ${now.toISOString().slice(0, 10)}: workshop on ${iso}`;
    assert.equal(day.getUTCDay(), 4, `${label} is a Thursday`);
    assert.ok(terms.some((t) => t.startsOn <= iso && iso <= t.endsOn), `${label} is in term time`);
    const weeks = (day.getTime() - now.getTime()) / (7 * DAY);
    // The longest wait is across the summer holidays (late June to early September).
    assert.ok(weeks >= 3 && weeks <= 11, `${label}: ${weeks.toFixed(1)} weeks ahead`);
    assert.ok(!['12-25', '12-26', '01-01'].includes(iso.slice(5)), `${label} is not Christmas, Boxing Day or New Year's Day`);
  }
});
