/**
 * A report as a Word document (issue 14 §3), with the docx package (decision 0028): Word's own
 * heading styles (Heading 1 to 4, so the navigation pane and a screen reader list them), tables with
 * a header row that repeats on every page, each chart as a picture with its alternative text followed
 * by its table, the title in the header and "Page n of m" in the footer. Editable: the authors can
 * add to it in Word before the board meeting.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { ReportDocument } from './document.ts';
import { coverOf, reportBlocks, type TableText } from './formats.blocks.ts';
import { chartPng } from './formats.images.ts';
import type { Translate } from './sections.ts';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;
const RULE = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function cellParagraph(text: string, options: { bold?: boolean; right?: boolean }): Paragraph {
  return new Paragraph({ alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: options.bold === true })] });
}

/** The width between the margins of an A4 page with 2 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1134;

/** The first column (a row's label) gets more room, as in the PDF; Word needs the widths to lay a table out. */
function columnWidths(columns: number): number[] {
  if (columns <= 1) return [TEXT_WIDTH];
  const first = Math.round(Math.min(TEXT_WIDTH * 0.45, TEXT_WIDTH / columns + 1600));
  const rest = Math.floor((TEXT_WIDTH - first) / (columns - 1));
  return [first, ...Array.from({ length: columns - 1 }, () => rest)];
}

function wordTable(data: TableText): FileChild[] {
  const borders = { top: NONE, left: NONE, right: NONE, bottom: RULE };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: data.header.map((text, i) => new TableCell({ borders, children: [cellParagraph(text, { bold: true, right: data.numeric[i] })] })),
  });
  const rows = data.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map((text, i) => new TableCell({ borders, children: [cellParagraph(text, { right: data.numeric[i] })] })),
      }),
  );
  return [
    new Paragraph({ keepNext: true, spacing: { before: 200, after: 80 }, children: [new TextRun({ text: data.caption, bold: true })] }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: columnWidths(data.header.length), rows: [header, ...rows] }),
    new Paragraph({ children: [] }),
  ];
}

/** "Page {{page}} of {{pages}}" in the report's language, with Word's own page fields in the places. */
function pageNumberRuns(t: Translate): TextRun[] {
  const words = t('reports.formats.page', { page: '{PAGE}', pages: '{PAGES}' });
  return words
    .split(/(\{PAGE\}|\{PAGES\})/)
    .filter(Boolean)
    .map((part) => (part === '{PAGE}' ? new TextRun({ children: [PageNumber.CURRENT] }) : part === '{PAGES}' ? new TextRun({ children: [PageNumber.TOTAL_PAGES] }) : new TextRun(part)));
}

/** The report as a .docx file. */
export async function renderDocx(doc: ReportDocument, t: Translate, lang: 'en' | 'cy'): Promise<Buffer> {
  const cover = coverOf(doc, t, lang);
  const children: FileChild[] = [
    new Paragraph({ children: [new TextRun({ text: doc.header.areaName, bold: true, color: '484949' })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(cover.title)] }),
    ...cover.lines.map((line) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: line, bold: true })] })),
    new Paragraph({ spacing: { before: 240, after: 240 }, children: [new TextRun(cover.statusNote)] }),
  ];
  const blocks = reportBlocks(doc, t, lang);
  // The charts' pictures, drawn side by side (sharp works in its own threads).
  const charts = blocks.filter((b) => b.kind === 'chart');
  const drawn = await Promise.all(charts.map((b) => chartPng(b.chart, b.table.source, t, lang)));
  const pictures = new Map(charts.map((b, i) => [b, drawn[i]!]));
  // A forced page break starts the next heading on a new page (no empty paragraph left behind).
  let breakBefore = false;
  for (const [index, block] of blocks.entries()) {
    switch (block.kind) {
      case 'heading':
        children.push(new Paragraph({ heading: HEADINGS[block.level], keepNext: true, pageBreakBefore: breakBefore, children: [new TextRun(block.text)] }));
        breakBefore = false;
        break;
      case 'paragraph': {
        const next = blocks[index + 1];
        children.push(
          new Paragraph({
            spacing: { after: 160 },
            // The last words of a commentary stay on the page of the line saying who wrote them.
            keepNext: next?.kind === 'paragraph' && next.style === 'byline',
            children: [new TextRun({ text: block.text, italics: block.style === 'byline' || block.style === 'note', color: block.style === 'note' ? '484949' : undefined })],
          }),
        );
        break;
      }
      case 'pageBreak':
        breakBefore = true;
        break;
      case 'figures':
        for (const item of block.items) {
          children.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: item.value, bold: true, size: 32 })] }));
          children.push(new Paragraph({ spacing: { after: item.note ? 0 : 160 }, children: [new TextRun(item.label)] }));
          if (item.note) children.push(new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text: item.note, italics: true, color: '484949' })] }));
        }
        break;
      case 'chart': {
        const image = pictures.get(block)!;
        // The SVG's own size (400 px: about 10.5 cm), in proportion (docx sizes pictures in pixels at 96 per inch).
        const width = Math.min(420, image.width);
        const height = Math.round((image.height / image.width) * width);
        children.push(new Paragraph({ keepNext: true, spacing: { before: 200, after: 80 }, children: [new TextRun({ text: block.chart.title, bold: true })] }));
        children.push(
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: image.png,
                transformation: { width: Math.round(width), height },
                altText: { name: block.chart.title, title: block.chart.title, description: block.chart.description },
              }),
            ],
          }),
        );
        children.push(...wordTable(block.table));
        break;
      }
      case 'table':
        children.push(...wordTable(block.table));
        break;
      case 'quote':
        children.push(
          new Paragraph({
            indent: { left: 480 },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'B1B4B6', space: 8 } },
            spacing: { after: 160 },
            children: [new TextRun({ text: `“${block.text}”`, italics: true })],
          }),
        );
        break;
    }
  }

  const language = lang === 'cy' ? 'cy-GB' : 'en-GB';
  const document = new Document({
    creator: 'Chorus',
    title: doc.header.title,
    description: cover.lines[0],
    subject: cover.lines[1],
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 24, color: '0B0C0C', language: { value: language } } },
        // Word's own heading styles, sized as on the page and in the PDF (sizes in half-points).
        heading1: { run: { font: 'Arial', size: 48, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 240 } } },
        heading2: { run: { font: 'Arial', size: 36, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 360, after: 160 } } },
        heading3: { run: { font: 'Arial', size: 28, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 280, after: 120 } } },
        heading4: { run: { font: 'Arial', size: 24, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 200, after: 80 } } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: doc.header.title, size: 18, color: '484949' })] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: pageNumberRuns(t) })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
