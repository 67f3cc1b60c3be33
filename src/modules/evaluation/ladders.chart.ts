/**
 * The area view's chart (issue 13 §1): how many activities were planned, achieved and rated by
 * participants at each common level, as horizontal grouped bars. Pure geometry for the template,
 * which draws the SVG (so every label is escaped by the template) beside a table of the same numbers.
 * Each bar carries its number as text, so the chart never relies on colour alone.
 */
export type ChartRow = { level: string; name: string; planned: number; achieved: number; participants: number };
export type SeriesKey = 'planned' | 'achieved' | 'participants';

export type LevelChart = {
  width: number;
  height: number;
  labelWidth: number;
  groups: Array<{ name: string; y: number; bars: Array<{ series: SeriesKey; label: string; value: number; x: number; y: number; width: number; height: number; textX: number }> }>;
  legend: Array<{ series: SeriesKey; label: string; x: number }>;
  max: number;
};

const SERIES: readonly SeriesKey[] = ['planned', 'achieved', 'participants'];

export function levelChart(rows: readonly ChartRow[], labels: Record<SeriesKey, string>): LevelChart {
  // Narrow, so that the words stay readable when a phone scales the drawing down to its width.
  const width = 400;
  const labelWidth = 112;
  const bar = 14;
  const gap = 2;
  const groupGap = 16;
  const top = 4;
  const plot = width - labelWidth - 36;
  const max = Math.max(1, ...rows.flatMap((r) => SERIES.map((s) => r[s])));
  const groupHeight = SERIES.length * (bar + gap) + groupGap;
  const groups = rows.map((row, i) => {
    const y = top + i * groupHeight;
    return {
      name: row.name,
      y,
      bars: SERIES.map((series, j) => {
        const value = row[series];
        const w = Math.round((value / max) * plot);
        return { series, label: labels[series], value, x: labelWidth, y: y + j * (bar + gap), width: w, height: bar, textX: labelWidth + w + 4 };
      }),
    };
  });
  return {
    width,
    height: top + rows.length * groupHeight,
    labelWidth,
    groups,
    legend: SERIES.map((series, i) => ({ series, label: labels[series], x: i * 130 })),
    max,
  };
}
