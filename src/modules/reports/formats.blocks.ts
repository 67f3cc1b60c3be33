/**
 * A report as a list of blocks in reading order: what the PDF and the DOCX both draw, one after the
 * other (the XLSX takes the same tables). Every number is written by format.ts, as on the HTML page,
 * so a figure reads the same in every format. Only the document is read: no names reach a block that
 * the document did not already hold (and the document holds none, see sections.ts).
 */
import type { ReportDocument } from './document.ts';
import { formatCell, formatCount, formatDate, formatPeriod, isHidden } from './format.ts';
import type { CountCell, ReportChart, ReportTable, Translate } from './sections.ts';

/** A table as words: what every format writes, cell for cell. */
export type TableText = {
  id: string;
  caption: string;
  header: string[];
  numeric: boolean[];
  rows: string[][];
  /** The table's cells as numbers where they are shown as a plain count (the XLSX writes these as numbers). */
  values: Array<Array<number | null>>;
  /** Which cells were hidden (1 to 7, or secondary suppression). */
  hidden: boolean[][];
  /** The section it belongs to (for the XLSX's sheet names and the About sheet). */
  sectionTitle: string;
  source: ReportTable;
};

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string; style?: 'byline' | 'note' | 'empty' }
  | { kind: 'figures'; items: Array<{ label: string; value: string; note?: string }> }
  | { kind: 'table'; table: TableText }
  | { kind: 'chart'; chart: ReportChart; table: TableText }
  | { kind: 'quote'; text: string }
  | { kind: 'pageBreak' };

export type Cover = {
  title: string;
  lines: string[];
  statusNote: string;
};

/** The cover: title, who it is for, the period, what it covers, who wrote it, and its status. */
export function coverOf(doc: ReportDocument, t: Translate, lang: 'en' | 'cy'): Cover {
  const h = doc.header;
  const lines = [
    t('reports.formats.reportFor', { audience: h.audience }),
    t('reports.formats.period', { period: formatPeriod(h.from, h.to, t, lang) }),
    t('reports.formats.scope', { scope: h.scopeLabel }),
    t('reports.formats.authors', { authors: h.authors }),
  ];
  if (h.edition > 1) lines.push(t('reports.formats.edition', { edition: h.edition }));
  return { title: h.title, lines, statusNote: statusNote(doc, t, lang) };
}

export function statusNote(doc: ReportDocument, t: Translate, lang: 'en' | 'cy'): string {
  const h = doc.header;
  if (h.status === 'published' || doc.frozen) {
    return t('reports.formats.status.published', { date: formatDate(h.publishedAt ?? doc.builtAt, lang), builtAt: formatDate(doc.builtAt, lang) });
  }
  return t(`reports.formats.status.${h.status}`);
}

/** The number of a count shown as a plain number ("1,204"), or null when it is shown otherwise (hidden, "40%", "12 days", "12 (40%)"). */
export function plainNumber(cell: CountCell): number | null {
  if (cell.value === null || (cell.percent !== undefined && cell.percent !== null)) return null;
  return cell.unit === undefined || cell.unit === 'count' || cell.unit === 'score' ? cell.value : null;
}

export function tableText(table: ReportTable, sectionTitle: string, t: Translate, lang: 'en' | 'cy'): TableText {
  const rows = table.rows.map((row) => row.map((cell) => formatCell(cell, t, lang)));
  const values = table.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? null : plainNumber(cell))));
  return {
    id: table.id,
    caption: table.caption,
    header: table.columns.map((c) => c.label),
    numeric: table.columns.map((c) => c.numeric === true),
    rows,
    values,
    hidden: table.rows.map((row) => row.map(isHidden)),
    sectionTitle,
    source: table,
  };
}

/** Every table of the document, in reading order. */
export function allTables(doc: ReportDocument, t: Translate, lang: 'en' | 'cy'): TableText[] {
  return doc.sections.flatMap((s) => (s.content ? s.content.tables.map((table) => tableText(table, s.title, t, lang)) : []));
}

/** The commentary's paragraphs with the line saying who wrote them. */
function byline(writtenBy: string | null, t: Translate): string {
  return writtenBy ? t('reports.formats.writtenBy', { name: writtenBy }) : t('reports.formats.writtenByAuthors');
}

/**
 * The body of the report after the cover: the privacy note, then each part. In a board report the
 * parts are grouped under the four questions (a question heading before its first part), and parts
 * that answer no question come after, as they are ordered.
 */
export function reportBlocks(doc: ReportDocument, t: Translate, lang: 'en' | 'cy'): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: t('reports.formats.privacyHeading') },
    { kind: 'paragraph', text: t('reports.formats.privacy') },
  ];
  const questionTitle = new Map(doc.questions.map((q) => [q.id, q.title]));
  let currentQuestion: string | null = null;
  for (const section of doc.sections) {
    const question = section.question && questionTitle.has(section.question) ? section.question : null;
    if (question !== currentQuestion) {
      currentQuestion = question;
      if (question) {
        blocks.push({ kind: 'pageBreak' }, { kind: 'heading', level: 2, text: questionTitle.get(question)! });
      }
    }
    const level: 2 | 3 = question ? 3 : 2;
    const sub: 3 | 4 = question ? 4 : 3;
    if (!question) blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'heading', level, text: section.title });
    const content = section.content;
    if (section.kind === 'section' && !content) blocks.push({ kind: 'paragraph', text: t('reports.formats.missingSection'), style: 'note' });
    if (content) {
      for (const p of content.paragraphs) blocks.push({ kind: 'paragraph', text: p, style: content.empty ? 'empty' : undefined });
      if (content.figures.length > 0) {
        blocks.push({
          kind: 'figures',
          items: content.figures.map((f) => ({ label: f.label, value: formatCount(f, t, lang), ...(f.note ? { note: f.note } : {}) })),
        });
      }
      const charted = new Set<string>();
      for (const chart of content.charts) {
        const table = content.tables.find((x) => x.id === chart.tableId);
        if (!table) continue;
        charted.add(table.id);
        blocks.push({ kind: 'chart', chart, table: tableText(table, section.title, t, lang) });
      }
      for (const table of content.tables) {
        if (!charted.has(table.id)) blocks.push({ kind: 'table', table: tableText(table, section.title, t, lang) });
      }
      if (content.quotes.length > 0) {
        blocks.push({ kind: 'heading', level: sub, text: t('reports.formats.quotes') });
        for (const q of content.quotes) blocks.push({ kind: 'quote', text: q });
      }
      if (content.notes.length > 0) {
        blocks.push({ kind: 'heading', level: sub, text: t('reports.formats.notes') });
        for (const n of content.notes) blocks.push({ kind: 'paragraph', text: n, style: 'note' });
      }
    }
    if (section.commentary.length > 0) {
      if (section.kind === 'section') blocks.push({ kind: 'heading', level: sub, text: t('reports.formats.commentary') });
      for (const p of section.commentary) blocks.push({ kind: 'paragraph', text: p });
      blocks.push({ kind: 'paragraph', text: byline(section.writtenBy, t), style: 'byline' });
    }
  }
  return blocks;
}

/** A file name for a download: the report's title and period, lower-case ASCII letters, digits and hyphens only. */
export function reportFileName(doc: ReportDocument, extension: 'pdf' | 'docx' | 'xlsx'): string {
  const stem = doc.header.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const date = (d: string) => d.replace(/[^0-9-]/g, '');
  return `${stem || 'report'}-${date(doc.header.from)}-to-${date(doc.header.to)}.${extension}`;
}
