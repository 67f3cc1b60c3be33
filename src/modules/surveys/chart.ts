/**
 * Small server-side SVG charts for survey results: horizontal bars, and stacked bars for card sorts.
 * No chart library and no JavaScript: the page works the same with scripts off.
 *
 * Accessibility (WCAG 2.2): each chart is role="img", named by its <title> and described by a <desc>
 * that lists every value, so a screen reader gets the whole chart as text; the data table beside it
 * stays the source of truth. Text is in CSS pixels, not scaled with the drawing (no viewBox), so it is
 * as readable on a 320 px phone as on a desktop: bars are measured in percentages of the width and
 * each label sits on its own lines above its bar. Colours pass 3:1 against white (non-text contrast)
 * and card-sort piles differ by pattern as well as colour (1.4.1: not colour alone).
 * Only presentation attributes are used: inline style attributes would break the strict CSP.
 */

/** One bar. percent null: the value is hidden from this viewer (no bar is drawn, so none can be measured). */
export type Bar = { label: string; percent: number | null; valueText: string };

export type StackedSeries = { label: string };
/** One stacked bar: a percentage per series (null when hidden), and what to say about it. */
export type StackedRow = { label: string; segments: Array<number | null>; valueText: string };

const FONT_SIZE = 16;
const LINE = 22;
const BAR_HEIGHT = 24;
const GAP = 18;
/** The longest bar, as a share of the width: the rest holds the value written after the bar. */
const BAR_SPAN = 60;
/** Characters per label line: fits a 320 px screen at 16 px (about 290 px of content). */
const WRAP = 32;
const MAX_LINES = 3;

const TEXT = '#0b0c0c';
/** The site's own font stack (src/assets/chorus.scss): an inline SVG does not inherit it from GOV.UK's classes. */
const FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, sans-serif';
const BAR = '#1d70b8';
/** Card-sort piles: blue solid, grey hatched, red dotted; hidden share outlined and cross-hatched. */
const PILES = [
  { fill: BAR, pattern: null },
  { fill: '#505a5f', pattern: 'hatch' },
  { fill: '#d4351c', pattern: 'dots' },
] as const;

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Splits a label into lines of at most WRAP characters at spaces; cuts with "…" after MAX_LINES. */
export function wrapLabel(label: string, width = WRAP, maxLines = MAX_LINES): string[] {
  const words = label.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    if (line) lines.push(line);
    line = '';
  };
  for (let word of words) {
    // A word longer than a line (a URL, say) is cut rather than left to run off the edge.
    while (word.length > width) {
      flush();
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!word) continue;
    if (line && line.length + 1 + word.length > width) flush();
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.length ? lines : [''];
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

const clamp = (percent: number) => Math.max(0, Math.min(100, percent));
const num = (n: number) => String(Math.round(n * 100) / 100);

function labelLines(label: string, y: number): { svg: string; height: number } {
  const lines = wrapLabel(label);
  const svg = lines.map((line, i) => `<text x="0" y="${y + FONT_SIZE + i * LINE}" font-size="${FONT_SIZE}" fill="${TEXT}">${escapeXml(line)}</text>`).join('');
  return { svg, height: lines.length * LINE + 4 };
}

function frame(id: string, title: string, description: string, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="${height}" font-family="${FONT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${body}</svg>`
  );
}

/** The chart's text alternative: the lead-in, then every bar's label and value. */
function describe(intro: string, items: ReadonlyArray<{ label: string; valueText: string }>): string {
  return [intro, ...items.map((b) => `${b.label}: ${b.valueText}.`)].join(' ');
}

/**
 * Horizontal bars, one per answer, each as long as its percentage. `id` must be unique on the page
 * (it names the title and description). `intro` says what the bars measure, in words.
 */
export function barChart(input: { id: string; title: string; intro: string; bars: readonly Bar[] }): string {
  let y = 0;
  let body = '';
  for (const bar of input.bars) {
    const label = labelLines(bar.label, y);
    body += label.svg;
    y += label.height;
    const width = bar.percent === null ? 0 : (clamp(bar.percent) * BAR_SPAN) / 100;
    if (width > 0) body += `<rect x="0" y="${y}" width="${num(width)}%" height="${BAR_HEIGHT}" fill="${BAR}"/>`;
    // A hidden value gets no bar and no outline: its length would give the number away.
    body += `<text x="${num(width)}%" dx="${width > 0 ? 8 : 0}" y="${y + BAR_HEIGHT / 2 + 6}" font-size="${FONT_SIZE}" font-weight="bold" fill="${TEXT}">${escapeXml(bar.valueText)}</text>`;
    y += BAR_HEIGHT + GAP;
  }
  return frame(input.id, input.title, describe(input.intro, input.bars), Math.max(y, 1), body);
}

function patterns(id: string): string {
  return (
    '<defs>' +
    `<pattern id="${id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#505a5f"/><rect width="3" height="8" fill="#ffffff"/></pattern>` +
    `<pattern id="${id}-dots" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#d4351c"/><circle cx="4" cy="4" r="1.6" fill="#ffffff"/></pattern>` +
    `<pattern id="${id}-hidden" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><rect width="1.5" height="8" fill="#505a5f"/></pattern>` +
    '</defs>'
  );
}

function pileFill(id: string, index: number): string {
  const pile = PILES[index % PILES.length]!;
  return pile.pattern ? `url(#${id}-${pile.pattern})` : pile.fill;
}

/**
 * Stacked bars (a card sort: each item split into piles). Hidden shares are drawn together as one
 * outlined "hidden" block: their sum is already known from the shown ones, so nothing more is given away.
 */
export function stackedBarChart(input: {
  id: string;
  title: string;
  intro: string;
  series: readonly StackedSeries[];
  hiddenLabel: string;
  rows: readonly StackedRow[];
}): string {
  const { id } = input;
  let body = patterns(id);
  // The key first, so each colour and pattern is named before it is used.
  let y = 0;
  const key = input.series.map((s, i) => ({ label: s.label, fill: pileFill(id, i) }));
  if (input.rows.some((row) => row.segments.includes(null))) key.push({ label: input.hiddenLabel, fill: `url(#${id}-hidden)` });
  for (const entry of key) {
    body += `<rect x="1" y="${y + 3}" width="18" height="18" fill="${entry.fill}" stroke="${TEXT}" stroke-width="1"/>`;
    body += `<text x="28" y="${y + FONT_SIZE + 2}" font-size="${FONT_SIZE}" fill="${TEXT}">${escapeXml(entry.label)}</text>`;
    y += LINE + 2;
  }
  y += GAP;
  for (const row of input.rows) {
    const label = labelLines(row.label, y);
    body += label.svg;
    y += label.height;
    let x = 0;
    let hidden = 100;
    row.segments.forEach((percent, i) => {
      if (percent === null) return;
      const width = clamp(percent);
      hidden -= width;
      if (width > 0) body += `<rect x="${num(x)}%" y="${y}" width="${num(width)}%" height="${BAR_HEIGHT}" fill="${pileFill(id, i)}" stroke="#ffffff" stroke-width="1"/>`;
      x += width;
    });
    if (row.segments.some((p) => p === null) && hidden > 0.5) {
      body += `<rect x="${num(x)}%" y="${y}" width="${num(Math.min(hidden, 100 - x))}%" height="${BAR_HEIGHT}" fill="url(#${id}-hidden)" stroke="${TEXT}" stroke-width="1"/>`;
    }
    y += BAR_HEIGHT + GAP;
  }
  return frame(id, input.title, describe(input.intro, input.rows), Math.max(y, 1), body);
}
