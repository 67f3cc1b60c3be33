/**
 * The board taken out of Chorus (issue 15 §2): a grouped list (column → cluster → note) as CSV and
 * Excel, and an image of the board as SVG. Shown notes only, never who wrote them (no nickname, no
 * participant), and only the screened words.
 *
 * The SVG is drawn here: rectangles and escaped text in the system's sans-serif, no fonts, images or
 * links to fetch, so it opens anywhere and carries nothing but the board.
 */
import ExcelJS from 'exceljs';
import { neutralise, sheetNames, toCsv, xmlSafe, type Cell, type Sheet } from '../../lib/csv.ts';
import type { LiveColour } from '../../db/database.ts';
import type { BoardView, NoteView } from './board.service.ts';

type T = (key: string, params?: Record<string, unknown>) => string;

/** One row per shown note, grouped as on the board. */
export function boardSheet(view: BoardView, t: T): Sheet {
  const header = ['column', 'cluster', 'note', 'symbol', 'colour', 'dots'].map((k) => t(`live.board.export.header.${k}`));
  const rows: Cell[][] = [];
  const row = (column: string, cluster: string, n: NoteView): Cell[] => [column, cluster, n.text, n.symbolName ?? '', t(`live.board.colour.${n.colour}`), n.votes];
  for (const column of view.columns) {
    for (const cluster of column.clusters) for (const n of cluster.notes) rows.push(row(column.title, cluster.title, n));
    for (const n of column.notes) rows.push(row(column.title, '', n));
  }
  return { header, rows };
}

export function boardCsv(view: BoardView, t: T): string {
  return toCsv(boardSheet(view, t));
}

/** The same sheet as .xlsx: strings and numbers only, never a formula; header bold and frozen. */
export async function boardXlsx(view: BoardView, t: T, title: string): Promise<Buffer> {
  const sheet = boardSheet(view, t);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chorus';
  const worksheet = workbook.addWorksheet(sheetNames([title])[0]!);
  const write = (values: Cell[]) => {
    const r = worksheet.addRow([]);
    values.forEach((value, j) => {
      if (value === null) return;
      r.getCell(j + 1).value = typeof value === 'number' ? value : neutralise(value);
    });
  };
  write(sheet.header);
  worksheet.getRow(1).font = { bold: true };
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of sheet.rows) write(r);
  worksheet.columns.forEach((column, j) => {
    const longest = Math.max(...[sheet.header, ...sheet.rows].map((r) => String(r[j] ?? '').length), 8);
    column.width = Math.min(60, longest + 2);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Lower-case ASCII letters, digits and hyphens only: safe in a Content-Disposition header. */
export function boardFileName(title: string, date: Date, extension: 'csv' | 'xlsx' | 'svg'): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return `${stem || 'board'}-${date.toISOString().slice(0, 10)}.${extension}`;
}

// ── SVG ──────────────────────────────────────────────────────────────────────────────────────────

/** Paper colours for notes, dark enough text on each (contrast over 7:1 with #0b0c0c). */
export const NOTE_FILL: Record<LiveColour, string> = { yellow: '#fff7bf', blue: '#d2e5f7', green: '#d3f0d8', pink: '#fbd7e6', orange: '#ffe0c2', purple: '#e6dcf5' };

function escapeXml(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Words broken into lines of at most `width` characters (a long word is cut), at most `max` lines. */
export function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while ([...w].length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push([...w].slice(0, width).join(''));
      w = [...w].slice(width).join('');
    }
    if (!line) line = w;
    else if ([...`${line} ${w}`].length <= width) line = `${line} ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    kept[max - 1] = `${[...kept[max - 1]!].slice(0, width - 1).join('')}…`;
    return kept;
  }
  return lines;
}

const COL_W = 300;
const GAP = 20;
const NOTE_H = 104;
const HEAD_H = 48;
const CLUSTER_H = 32;

/** The board as an SVG image: columns side by side, clusters as headed groups, each note a coloured square with its words and dots. */
export function boardSvg(view: BoardView, title: string, t: T): string {
  const parts: string[] = [];
  let tallest = 0;
  view.columns.forEach((column, i) => {
    const x = GAP + i * (COL_W + GAP);
    let y = 70;
    parts.push(`<rect x="${x}" y="${y}" width="${COL_W}" height="${HEAD_H}" fill="#0b0c0c"/>`);
    parts.push(`<text x="${x + 12}" y="${y + 31}" font-size="20" font-weight="700" fill="#ffffff">${escapeXml(wrap(column.title, 26, 1)[0] ?? '')}</text>`);
    y += HEAD_H + 12;
    const note = (n: NoteView) => {
      parts.push(`<rect x="${x}" y="${y}" width="${COL_W}" height="${NOTE_H - 10}" rx="4" fill="${NOTE_FILL[n.colour]}" stroke="#505a5f"/>`);
      const words = n.text ? wrap(n.text, 32, 3) : [n.symbolName ?? ''];
      words.forEach((line, k) => parts.push(`<text x="${x + 12}" y="${y + 26 + k * 22}" font-size="17" fill="#0b0c0c">${escapeXml(line)}</text>`));
      if (n.votes > 0) parts.push(`<text x="${x + COL_W - 12}" y="${y + NOTE_H - 20}" font-size="15" font-weight="700" text-anchor="end" fill="#0b0c0c">${escapeXml(t('live.board.dots', { count: n.votes }))}</text>`);
      y += NOTE_H;
    };
    for (const cluster of column.clusters) {
      parts.push(`<text x="${x}" y="${y + 22}" font-size="18" font-weight="700" fill="#0b0c0c">${escapeXml(wrap(cluster.title, 28, 1)[0] ?? '')}</text>`);
      y += CLUSTER_H;
      cluster.notes.forEach(note);
      y += 8;
    }
    column.notes.forEach(note);
    tallest = Math.max(tallest, y);
  });
  const width = GAP + view.columns.length * (COL_W + GAP);
  const height = tallest + GAP;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="board-title" font-family="Arial, Helvetica, sans-serif">`,
    `<title id="board-title">${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${GAP}" y="44" font-size="26" font-weight="700" fill="#0b0c0c">${escapeXml(wrap(title, 80, 1)[0] ?? '')}</text>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
