/**
 * A report as a tagged PDF (issue 14 §3), made in-process with pdfkit (decision 0028): a structure
 * tree (Document → H1, H2, H3, P, Table/TR/TH/TD, Figure with its alternative text, BlockQuote),
 * the document's language and title, PDF/UA identification, A4, a running header with the title and
 * page numbers (both marked as artifacts, so a screen reader does not read them on every page).
 *
 * Text is set in DejaVu Sans, embedded (subset) from the dejavu-fonts-ttf package: the PDF's standard
 * Helvetica has no ŵ or ŷ, which Welsh needs.
 */
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { ReportDocument } from './document.ts';
import { coverOf, reportBlocks, type Block, type TableText } from './formats.blocks.ts';
import { chartPng, FONT_DIR } from './formats.images.ts';
import type { Translate } from './sections.ts';

const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');
const ITALIC = join(FONT_DIR, 'DejaVuSans-Oblique.ttf');

const TEXT = '#0b0c0c';
const SECONDARY = '#484949';
const RULE = '#b1b4b6';
const MARGIN = { top: 72, bottom: 64, left: 60, right: 60 };
const SIZES = { 1: 24, 2: 18, 3: 14, 4: 12 } as const;
const BODY = 11;

type Struct = PDFKit.PDFStructureElement;

export type PdfResult = { buffer: Buffer; pages: number };

/** The report as a tagged A4 PDF, and how many pages it took (the tests compare it with a parser's count). */
export async function renderPdfWithPages(doc: ReportDocument, t: Translate, lang: 'en' | 'cy'): Promise<PdfResult> {
  const blocks = reportBlocks(doc, t, lang);
  const cover = coverOf(doc, t, lang);
  // Charts are drawn first (sharp is asynchronous; pdfkit is not).
  const charts = blocks.filter((b) => b.kind === 'chart');
  const drawn = await Promise.all(charts.map((b) => chartPng(b.chart, b.table.source, t, lang)));
  const images = new Map<Block, Buffer>(charts.map((b, i) => [b, drawn[i]!.png]));

  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    lang: lang === 'cy' ? 'cy-GB' : 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    info: { Title: doc.header.title, Author: doc.header.areaName, Subject: cover.lines[0]!, Creator: 'Chorus', Producer: 'Chorus' },
  });
  // Fonts by their file, never by a registered name: pdfkit's table puts back the font by its file after
  // each cell, and caches a font under the name it was first asked by (by name, each cell would read the file again).
  pdf.font(REGULAR).fontSize(BODY).fillColor(TEXT);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });

  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const width = pdf.page.width - MARGIN.left - MARGIN.right;

  const add = (parent: Struct, type: string, draw: () => void, options?: PDFKit.Mixins.StructureElementOptions) => {
    parent.add(pdf.struct(type, options ?? {}, draw));
  };
  /** Keeps a heading with at least the first lines after it. */
  const room = (needed: number) => {
    if (pdf.y + needed > pdf.page.height - MARGIN.bottom) pdf.addPage();
  };
  const heading = (parent: Struct, level: 1 | 2 | 3 | 4, text: string) => {
    room(SIZES[level] * 2 + 60);
    add(parent, `H${level}`, () => {
      pdf.font(BOLD).fontSize(SIZES[level]).fillColor(TEXT).text(text, MARGIN.left, pdf.y, { width });
    });
    pdf.moveDown(level <= 2 ? 0.5 : 0.3);
  };
  const paragraph = (parent: Struct, text: string, style?: 'byline' | 'note' | 'empty' | 'lead') => {
    add(parent, 'P', () => {
      const font = style === 'byline' || style === 'note' ? ITALIC : style === 'lead' ? BOLD : REGULAR;
      pdf.font(font).fontSize(style === 'note' ? BODY - 1 : style === 'lead' ? 13 : BODY).fillColor(style === 'note' ? SECONDARY : TEXT);
      pdf.text(text, MARGIN.left, pdf.y, { width });
    });
    pdf.moveDown(0.6);
  };

  const table = (parent: Struct, data: TableText) => {
    const columns = data.header.length;
    // The first column (a row's label) gets more room; numbers are right-aligned, as on the page.
    const first = columns > 1 ? Math.min(width * 0.45, width / columns + 80) : width;
    const rest = columns > 1 ? (width - first) / (columns - 1) : 0;
    // A table that fits on a page is kept on one page with its caption; a longer one starts with its
    // caption, header row and first rows together.
    const rowHeight = (cells: readonly string[], font: string) =>
      Math.max(...cells.map((text, i) => pdf.font(font).fontSize(BODY - 1).heightOfString(text, { width: (i === 0 ? first : rest) - 8 }))) + 8.75;
    const heights = [rowHeight(data.header, BOLD), ...data.rows.map((row) => rowHeight(row, REGULAR))];
    const caption = pdf.font(BOLD).fontSize(BODY).heightOfString(data.caption, { width }) + 6;
    const whole = caption + heights.reduce((a, b) => a + b, 0);
    const usable = pdf.page.height - MARGIN.top - MARGIN.bottom;
    room(whole <= usable ? whole : caption + heights.slice(0, 3).reduce((a, b) => a + b, 0));
    add(parent, 'Caption', () => {
      pdf.font(BOLD).fontSize(BODY).fillColor(TEXT).text(data.caption, MARGIN.left, pdf.y, { width });
    });
    pdf.moveDown(0.3);
    pdf.font(REGULAR).fontSize(BODY - 1);
    pdf.table({
      position: { x: MARGIN.left, y: pdf.y },
      columnStyles: (i: number) => ({ width: i === 0 ? first : rest, align: { x: data.numeric[i] ? 'right' : 'left', y: 'top' } }),
      defaultStyle: { padding: 4, border: { top: 0, left: 0, right: 0, bottom: 0.75 }, borderColor: RULE },
      data: [
        data.header.map((text) => ({ text, type: 'TH' as const, scope: 'column', font: { src: BOLD } })),
        ...data.rows.map((row) => row.map((text, i) => (i === 0 ? { text, type: 'TH' as const, scope: 'row', font: { src: REGULAR } } : { text, type: 'TD' as const }))),
      ],
      structParent: parent,
    } as PDFKit.Mixins.TableOptionsWithData);
    pdf.x = MARGIN.left;
    pdf.moveDown(1);
  };

  const draw = (parent: Struct, block: Block) => {
    switch (block.kind) {
      case 'heading':
        heading(parent, block.level, block.text);
        return;
      case 'paragraph':
        paragraph(parent, block.text, block.style);
        return;
      case 'pageBreak':
        if (pdf.y > MARGIN.top + 1) pdf.addPage();
        return;
      case 'figures': {
        const list = pdf.struct('L');
        parent.add(list);
        for (const item of block.items) {
          room(40);
          add(list, 'LI', () => {
            pdf.font(BOLD).fontSize(16).fillColor(TEXT).text(item.value, MARGIN.left, pdf.y, { width });
            pdf.font(REGULAR).fontSize(BODY).text(item.label, { width });
            if (item.note) pdf.font(ITALIC).fontSize(BODY - 1).fillColor(SECONDARY).text(item.note, { width }).fillColor(TEXT);
          });
          pdf.moveDown(0.5);
        }
        list.end();
        return;
      }
      case 'chart': {
        const png = images.get(block)!;
        // 300 points wide: the chart's 16 px words come out at 12 points, a little larger than the body text.
        const imageWidth = Math.min(width, 300);
        const image = (pdf as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(png);
        const imageHeight = (image.height / image.width) * imageWidth;
        // The title, the whole picture and the start of its table on one page (a picture taller than a page starts one).
        pdf.font(BOLD).fontSize(BODY);
        room(Math.min(pdf.heightOfString(block.chart.title, { width }) + imageHeight + 60, pdf.page.height - MARGIN.top - MARGIN.bottom));
        add(parent, 'Caption', () => {
          pdf.font(BOLD).fontSize(BODY).fillColor(TEXT).text(block.chart.title, MARGIN.left, pdf.y, { width });
        });
        pdf.moveDown(0.3);
        const y = pdf.y;
        add(parent, 'Figure', () => {
          pdf.image(png, MARGIN.left, y, { width: imageWidth });
        }, { alt: `${block.chart.title}. ${block.chart.description}`, bbox: [MARGIN.left, y, MARGIN.left + imageWidth, y + imageHeight], placement: 'Block' } as PDFKit.Mixins.StructureElementOptions);
        pdf.y = y + imageHeight + 8;
        pdf.x = MARGIN.left;
        table(parent, { ...block.table, caption: `${block.table.caption}` });
        return;
      }
      case 'table':
        table(parent, block.table);
        return;
      case 'quote':
      {
        room(40);
        const y = pdf.y;
        const page = pdf.page;
        add(parent, 'BlockQuote', () => {
          pdf.font(ITALIC).fontSize(BODY + 1).fillColor(TEXT).text(`“${block.text}”`, MARGIN.left + 16, y, { width: width - 16 });
        });
        // The bar beside a quote is decoration: an artifact, drawn outside the quote's marked content.
        if (pdf.page === page) {
          pdf.markContent('Artifact', { type: 'Layout' });
          pdf.rect(MARGIN.left, y, 3, pdf.y - y).fill(RULE);
          pdf.endMarkedContent();
          pdf.fillColor(TEXT);
        }
        pdf.x = MARGIN.left;
        return;
      }
    }
  };

  // The cover.
  pdf.y = MARGIN.top + 80;
  add(root, 'P', () => {
    pdf.font(BOLD).fontSize(BODY + 1).fillColor(SECONDARY).text(doc.header.areaName, MARGIN.left, pdf.y, { width });
  });
  pdf.moveDown(0.6);
  heading(root, 1, cover.title);
  pdf.moveDown(0.5);
  for (const line of cover.lines) paragraph(root, line, 'lead');
  pdf.moveDown(1);
  paragraph(root, cover.statusNote);

  for (const block of blocks) draw(root, block);
  root.end();

  // The running header (the title) and the page numbers, as artifacts, on every page but the cover.
  const range = pdf.bufferedPageRange();
  const pages = range.count;
  for (let i = range.start; i < range.start + pages; i += 1) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf.font(REGULAR).fontSize(9).fillColor(SECONDARY);
    if (i > range.start) pdf.text(doc.header.title, MARGIN.left, 36, { width, lineBreak: false, ellipsis: true });
    pdf.text(t('reports.formats.page', { page: i - range.start + 1, pages }), MARGIN.left, pdf.page.height - 40, { width, align: 'right', lineBreak: false });
    pdf.endMarkedContent();
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  await finished;
  return { buffer: Buffer.concat(chunks), pages };
}

/** The report as a tagged A4 PDF. */
export async function renderPdf(doc: ReportDocument, t: Translate, lang: 'en' | 'cy'): Promise<Buffer> {
  return (await renderPdfWithPages(doc, t, lang)).buffer;
}
