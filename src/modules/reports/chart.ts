/**
 * A report chart as one standalone SVG (issue 14 §3: "charts as accessible SVG with data tables; the
 * same charts in every format"). The web page puts it inline; the PDF and the DOCX rasterise the very
 * same string with sharp, so it carries no CSS classes and no stylesheet: every colour, font and size
 * is an attribute, and the drawing has a fixed viewBox and size in pixels.
 *
 * Accessibility (WCAG 2.2), as the evaluation charts: role="img", named by its <title> and described by
 * a <desc> (the chart's own sentence, then every value), so a screen reader gets it as text; the data
 * table is always shown with it. Horizontal bars, one series per value column; each bar's label sits on
 * its own line above its bars, and every bar is followed by its number as text, so colour is never the
 * only cue; with more than one series, a legend, and the series differ by pattern as well as colour
 * (solid, hatched, dotted). A hidden count draws no bar and says "fewer than 8" (or "hidden"), so no
 * length can be measured. Narrow (320 units) so the words stay nearly full size when a 320 px phone scales it to its column.
 */
import type { Cell, ReportChart, ReportTable, Translate } from './sections.ts';
import { formatCell } from './format.ts';

const WIDTH = 320;
const FONT_SIZE = 18;
const LINE = 23;
const BAR_HEIGHT = 20;
const BAR_GAP = 4;
const GROUP_GAP = 14;
const TEXT = '#0b0c0c';
const FONT = 'Arial, Helvetica, &quot;Liberation Sans&quot;, sans-serif';
/** Each at least 3:1 against white (1.4.11) and told apart by pattern too. */
const SERIES = [
  { colour: '#1d70b8', pattern: 'solid' },
  { colour: '#505a5f', pattern: 'hatch' },
  { colour: '#6f3c0b', pattern: 'dots' },
  { colour: '#4c2c92', pattern: 'solid' },
  { colour: '#005a30', pattern: 'hatch' },
] as const;
/** The longest line of a label, in characters (about 300 units of bold 18 px Arial). */
const WRAP = 28;

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Lines of at most WRAP characters, cut at spaces (at most 3 lines; a longer word is cut). */
function wrap(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const raw of label.split(/\s+/).filter(Boolean)) {
    const word = raw.length > WRAP ? `${raw.slice(0, WRAP - 1)}…` : raw;
    if (line && (line + ' ' + word).length > WRAP) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length === 0) lines.push('');
  return lines.length > 3 ? [lines[0]!, lines[1]!, `${lines[2]!.slice(0, WRAP - 1)}…`] : lines;
}

/** A rough width of text in units (Arial at 18 px averages about 9.6 units a character). */
function textWidth(text: string): number {
  return Math.ceil(text.length * 9.7);
}

/** The number a cell draws, or null (hidden, missing or not a count: no bar). */
function barValue(cell: Cell | undefined): number | null {
  if (cell === undefined || typeof cell === 'string') return null;
  return cell.value === null || !Number.isFinite(cell.value) ? null : Math.max(0, cell.value);
}

/** An id safe inside an XML attribute and a url(#…) reference. */
function safeId(id: string): string {
  return `chart-${id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 60)}`;
}

function fillFor(id: string, index: number): string {
  const series = SERIES[index % SERIES.length]!;
  return series.pattern === 'solid' ? series.colour : `url(#${id}-s${index})`;
}

function patternDefs(id: string, count: number): string {
  const defs: string[] = [];
  for (let i = 0; i < count; i++) {
    const series = SERIES[i % SERIES.length]!;
    if (series.pattern === 'hatch') {
      defs.push(`<pattern id="${id}-s${i}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="${series.colour}"/></pattern>`);
    } else if (series.pattern === 'dots') {
      defs.push(`<pattern id="${id}-s${i}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${series.colour}"/><circle cx="3" cy="3" r="1.4" fill="#ffffff"/></pattern>`);
    }
  }
  return defs.length ? `<defs>${defs.join('')}</defs>` : '';
}

/**
 * The chart of `table` as a standalone SVG string. The table must be the chart's own (chart.tableId);
 * a value column that is not a count draws no bar and shows the cell's text.
 */
export function chartSvg(chart: ReportChart, table: ReportTable, t: Translate, lang: 'en' | 'cy' = 'en'): string {
  const id = safeId(chart.id);
  const columns = chart.valueColumns.filter((c) => c >= 0 && c < table.columns.length);
  const seriesNames = columns.map((c) => table.columns[c]!.label);
  // A row with no count in any drawn column (a "total" row of percentages, say) has nothing to draw.
  const drawable = table.rows.filter((row) => columns.some((c) => row[c] !== undefined && typeof row[c] !== 'string'));
  const rows = drawable.map((row) => ({
    label: typeof row[chart.labelColumn] === 'string' ? (row[chart.labelColumn] as string) : row[chart.labelColumn] ? formatCell(row[chart.labelColumn]!, t, lang) : '',
    bars: columns.map((c) => ({ value: barValue(row[c]), text: row[c] === undefined ? '' : formatCell(row[c]!, t, lang) })),
  }));
  const max = Math.max(1, ...rows.flatMap((r) => r.bars.map((b) => b.value ?? 0)));
  const longestText = Math.max(0, ...rows.flatMap((r) => r.bars.map((b) => textWidth(b.text))));
  // The bars leave room for their numbers after them, and never less than 40% of the width.
  const span = Math.max(WIDTH * 0.4, WIDTH - longestText - 10);

  const parts: string[] = [];
  let y = 0;
  if (columns.length > 1) {
    columns.forEach((_, i) => {
      parts.push(`<rect x="0" y="${y + 2}" width="18" height="18" fill="${fillFor(id, i)}" stroke="${SERIES[i % SERIES.length]!.colour}"/><text x="26" y="${y + 17}">${escapeXml(seriesNames[i]!)}</text>`);
      y += LINE;
    });
    y += GROUP_GAP - 4;
  }
  for (const row of rows) {
    for (const line of wrap(row.label)) {
      y += LINE;
      parts.push(`<text x="0" y="${y - 5}" font-weight="bold">${escapeXml(line)}</text>`);
    }
    row.bars.forEach((bar, i) => {
      const w = bar.value === null ? 0 : bar.value === 0 ? 0 : Math.max(1, Math.round((bar.value / max) * span));
      if (w > 0) parts.push(`<rect x="0" y="${y}" width="${w}" height="${BAR_HEIGHT}" fill="${fillFor(id, i)}" stroke="${SERIES[i % SERIES.length]!.colour}"/>`);
      parts.push(`<text x="${w + (w > 0 ? 6 : 0)}" y="${y + 16}">${escapeXml(bar.text)}</text>`);
      y += BAR_HEIGHT + BAR_GAP;
    });
    y += GROUP_GAP - BAR_GAP;
  }
  const height = Math.max(LINE, y);
  const values = rows.map((r) => (columns.length > 1 ? `${r.label}: ${r.bars.map((b, i) => `${seriesNames[i]} ${b.text}`).join(', ')}` : `${r.label}: ${r.bars[0]?.text ?? ''}`));
  // The description is a sentence of its own; its full stop is the joiner's, not doubled ("period..").
  const desc = [chart.description.replace(/[.\s]+$/, ''), ...values].join('. ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" font-family="${FONT}" font-size="${FONT_SIZE}" fill="${TEXT}">` +
    `<title id="${id}-title">${escapeXml(chart.title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>` +
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>` +
    patternDefs(id, columns.length) +
    parts.join('') +
    `</svg>`
  );
}
