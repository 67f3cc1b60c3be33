/**
 * Counting numbers and dates for results: the median, a distribution of values or ranges, and
 * answers by month. Pure functions, shared by the number, rating and date types.
 */
import type { Tallied } from './definition.ts';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A step of 1, 2, 2.5 or 5 times a power of ten, at least `raw` (whole when the values are). */
function niceStep(raw: number, whole: boolean): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * power;
    if (step >= raw && (!whole || Number.isInteger(step))) return step;
  }
  return 10 * power;
}

/**
 * Numbers grouped for a distribution: one line per value when they are whole and close together,
 * otherwise about six equal ranges ("10–19"). Rating questions always show every point of the scale.
 */
export function distribution(values: readonly number[], scale?: { min: number; max: number }): Tallied[] {
  const each = (min: number, max: number) => {
    const rows: Tallied[] = [];
    for (let v = min; v <= max; v += 1) rows.push({ label: String(v), count: values.filter((x) => x === v).length });
    return rows;
  };
  if (scale) return each(scale.min, scale.max);
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const whole = values.every(Number.isInteger);
  if (whole && max - min <= 12) return each(min, max);
  const step = niceStep((max - min) / 6 || 1, whole);
  if (!Number.isFinite(step) || !Number.isFinite(Math.floor(min / step) * step)) return [{ label: `${min}–${max}`, count: values.length }];
  // Enough decimal places to tell the ranges apart, and no floating-point noise ("0.30000000000000004").
  const places = Math.max(0, 1 - Math.floor(Math.log10(step)));
  const show = (n: number) => String(Number(n.toFixed(Math.min(places, 20))));
  const start = Math.floor(min / step) * step;
  // Each value goes in exactly one range, found by division: adding steps up drifts (and once stalled
  // for tiny steps), and comparing against drifted edges can count a value twice.
  const bins = Math.min(12, Math.max(1, Math.floor((max - start) / step) + 1));
  const counts: number[] = Array.from({ length: bins }, () => 0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - start) / step)))]! += 1;
  return counts.map((count, k) => {
    const from = start + k * step;
    const to = from + step;
    return { label: whole ? `${from}–${to - 1}` : `${show(from)}–${show(to)}`, count };
  });
}

/** Answers counted by month, with empty months in between shown as 0 (up to three years). */
export function byMonth(dates: readonly string[]): Tallied[] {
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(d.slice(0, 7), (counts.get(d.slice(0, 7)) ?? 0) + 1);
  const months = [...counts.keys()].sort();
  if (months.length === 0) return [];
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const first = index(months[0]!);
  const last = index(months.at(-1)!);
  const all = last - first <= 36 ? Array.from({ length: last - first + 1 }, (_, i) => `${Math.floor((first + i) / 12)}-${String(((first + i) % 12) + 1).padStart(2, '0')}`) : months;
  return all.map((month) => ({ label: month, month, count: counts.get(month) ?? 0 }));
}
