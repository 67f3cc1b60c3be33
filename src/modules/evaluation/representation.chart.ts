/**
 * A paired bar chart as server-side SVG: for each group, the participants' share and the
 * population's share, one above the other. No library, no JavaScript, no inline style (the CSP).
 *
 * Accessibility (WCAG 2.2), as the survey charts (surveys/chart.ts): role="img", named by its
 * <title> and described by a <desc> that says every value, so a screen reader gets the chart as
 * text; the data table beside it is the source of truth. Text is in CSS pixels (no viewBox) so it is
 * as readable at 320 px as on a desktop; bars are percentages of the width, each label on its own
 * line above its bars. Participants are solid blue, the population grey and hatched (not colour
 * alone, 1.4.1; both 3:1 against white, 1.4.11). A hidden share draws no bar, so none can be measured.
 */
export type PairedBar = { label: string; participants: number | null; population: number | null; participantsText: string; populationText: string };

const FONT_SIZE = 16;
const LINE = 22;
const BAR_HEIGHT = 18;
const GAP = 16;
const BAR_SPAN = 55;
const TEXT = '#0b0c0c';
const FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, sans-serif';
const PARTICIPANTS = '#1d70b8';
const POPULATION = '#505a5f';

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Lines of at most 28 characters (about 250 px at 16 px: a 320 px phone), cut at spaces (at most 3 lines). */
function wrap(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > 28) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 3 ? [lines[0]!, lines[1]!, `${lines[2]!}…`] : lines;
}

export function pairedBarChart(id: string, title: string, description: string, legend: { participants: string; population: string }, bars: readonly PairedBar[]): string {
  const max = Math.max(1, ...bars.flatMap((b) => [b.participants ?? 0, b.population ?? 0]));
  const width = (share: number | null) => (share === null ? 0 : Math.max(share > 0 ? 0.5 : 0, (share / max) * BAR_SPAN));
  let y = 0;
  const parts: string[] = [];
  // The legend, drawn as the bars are.
  parts.push(`<rect x="0" y="${y + 2}" width="16" height="16" fill="${PARTICIPANTS}"/><text x="22" y="${y + 15}">${escapeXml(legend.participants)}</text>`);
  y += LINE;
  parts.push(`<rect x="0" y="${y + 2}" width="16" height="16" fill="url(#${id}-hatch)" stroke="${POPULATION}"/><text x="22" y="${y + 15}">${escapeXml(legend.population)}</text>`);
  y += LINE + GAP;
  for (const bar of bars) {
    for (const line of wrap(bar.label)) {
      y += LINE;
      parts.push(`<text x="0" y="${y - 5}" font-weight="bold">${escapeXml(line)}</text>`);
    }
    const p = width(bar.participants);
    parts.push(`<rect x="0" y="${y}" width="${p}%" height="${BAR_HEIGHT}" fill="${PARTICIPANTS}"/><text x="${p + 1.5}%" y="${y + 14}">${escapeXml(bar.participantsText)}</text>`);
    y += BAR_HEIGHT + 4;
    const q = width(bar.population);
    parts.push(`<rect x="0" y="${y}" width="${q}%" height="${BAR_HEIGHT}" fill="url(#${id}-hatch)" stroke="${POPULATION}"/><text x="${q + 1.5}%" y="${y + 14}">${escapeXml(bar.populationText)}</text>`);
    y += BAR_HEIGHT + GAP;
  }
  const defs = `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="${POPULATION}"/></pattern></defs>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="${y}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="${FONT_SIZE}" fill="${TEXT}" focusable="false"><title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${defs}${parts.join('')}</svg>`;
}
