/**
 * The Lundy scores month by month as a line chart in server-side SVG: one line per element. No
 * library, no JavaScript, no inline style (the CSP).
 *
 * Accessibility (WCAG 2.2), as the other evaluation charts: role="img", named by its <title> and
 * described by a <desc> that says every value, so a screen reader gets the chart as text; the table
 * beside it is the source of truth. Text is in CSS pixels (no viewBox) so it is as readable at 320 px
 * as on a desktop; months are spread by percentages of the width. Each element has its own marker
 * shape and line pattern as well as its colour (not colour alone, 1.4.1; every colour 3:1 against
 * white, 1.4.11). A month with no answers for an element draws no point and breaks its line.
 */
import type { LundyElement } from './data/lundy.ts';

export type ChartSeries = { element: LundyElement; label: string; values: Array<number | null> };

const TEXT = '#0b0c0c';
const GRID = '#b1b4b6';
const FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, sans-serif';
const PLOT_TOP = 12;
const PLOT_HEIGHT = 180;
const LEFT = 14; // % of the width kept for the axis labels
const RIGHT = 96;

/** Colour, line pattern and marker of each element. */
const STYLE: Record<LundyElement, { colour: string; dash: string; marker: 'circle' | 'square' | 'triangle' | 'diamond' }> = {
  space: { colour: '#1d70b8', dash: '', marker: 'circle' },
  voice: { colour: '#b58840', dash: '8 4', marker: 'square' },
  audience: { colour: '#00703c', dash: '2 3', marker: 'triangle' },
  influence: { colour: '#912b88', dash: '10 3 2 3', marker: 'diamond' },
};

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const yOf = (percent: number) => PLOT_TOP + PLOT_HEIGHT - (percent / 100) * PLOT_HEIGHT;

function marker(kind: (typeof STYLE)[LundyElement]['marker'], x: string, y: number, colour: string): string {
  // Shapes are drawn around (0, 0) and moved to the point: x is a percentage, y in pixels.
  const at = (shape: string) => `<svg x="${x}" y="${y}" overflow="visible">${shape}</svg>`;
  if (kind === 'circle') return at(`<circle cx="0" cy="0" r="5" fill="${colour}"/>`);
  if (kind === 'square') return at(`<rect x="-5" y="-5" width="10" height="10" fill="${colour}"/>`);
  if (kind === 'triangle') return at(`<polygon points="0,-6 6,5 -6,5" fill="${colour}"/>`);
  return at(`<polygon points="0,-6 6,0 0,6 -6,0" fill="${colour}"/>`);
}

/** `months` are 'name|year' pairs ("Aug|2026"): the name above, the year below. */
export function lundyLineChart(id: string, title: string, description: string, months: readonly string[], series: readonly ChartSeries[]): string {
  const xOf = (i: number) => (months.length === 1 ? (LEFT + RIGHT) / 2 : LEFT + ((RIGHT - LEFT) * i) / (months.length - 1));
  const parts: string[] = [];
  for (const percent of [0, 50, 100]) {
    const y = yOf(percent);
    parts.push(`<line x1="${LEFT}%" y1="${y}" x2="${RIGHT}%" y2="${y}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(`<text x="0" y="${y + 5}">${percent}%</text>`);
  }
  // Month names under the axis, the year on a second line (so they fit side by side at 320 px):
  // every month when there are few, else every second or third, and always the last.
  const every = months.length > 12 ? 3 : months.length > 6 ? 2 : 1;
  months.forEach((month, i) => {
    if (i % every !== 0 && i !== months.length - 1) return;
    if (i !== months.length - 1 && months.length - 1 - i < every) return;
    const [name, year] = month.split('|');
    const anchor = months.length === 1 ? 'middle' : i === 0 ? 'start' : i === months.length - 1 ? 'end' : 'middle';
    const x = `${xOf(i)}%`;
    parts.push(`<text x="${x}" y="${PLOT_TOP + PLOT_HEIGHT + 22}" text-anchor="${anchor}"><tspan x="${x}">${escapeXml(name ?? '')}</tspan><tspan x="${x}" dy="18">${escapeXml(year ?? '')}</tspan></text>`);
  });
  for (const s of series) {
    const style = STYLE[s.element];
    s.values.forEach((value, i) => {
      const next = s.values[i + 1];
      if (value !== null && next !== null && next !== undefined) {
        parts.push(`<line x1="${xOf(i)}%" y1="${yOf(value)}" x2="${xOf(i + 1)}%" y2="${yOf(next)}" stroke="${style.colour}" stroke-width="3"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
      }
    });
    s.values.forEach((value, i) => {
      if (value !== null) parts.push(marker(style.marker, `${xOf(i)}%`, yOf(value), style.colour));
    });
  }
  // The legend below the months, one element a line (fits 320 px).
  let y = PLOT_TOP + PLOT_HEIGHT + 70;
  for (const s of series) {
    const style = STYLE[s.element];
    parts.push(`<line x1="0" y1="${y - 5}" x2="36" y2="${y - 5}" stroke="${style.colour}" stroke-width="3"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    parts.push(marker(style.marker, '18', y - 5, style.colour));
    parts.push(`<text x="46" y="${y}">${escapeXml(s.label)}</text>`);
    y += 24;
  }
  const height = y;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chorus-lundy-chart" width="100%" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="16" fill="${TEXT}">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>` +
    parts.join('') +
    '</svg>'
  );
}
