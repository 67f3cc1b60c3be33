/**
 * A certificate as a one-page, tagged A4 PDF (issue 17 §2), made with pdfkit and the DejaVu fonts as
 * the reports' PDFs are (src/modules/reports/formats.pdf.ts). It carries the area's name and brand
 * colour (never the crown or GOV.UK's name), the name the person agreed to, what they did, the hours
 * and the date.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');
const TEXT = '#0b0c0c';

export type CertificateText = { areaName: string; brandColour: string; heading: string; title: string; presentedTo: string; name: string; whatTheyDid: string; hours: string | null; date: string; lang: 'en' | 'cy' };

const colour = (value: string) => (/^#[0-9a-fA-F]{6}$/.test(value) ? value : '#1d70b8');

export async function certificatePdf(c: CertificateText): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 60, left: 60, right: 60 }, tagged: true, lang: c.lang === 'cy' ? 'cy-GB' : 'en-GB', displayTitle: true, pdfVersion: '1.7', info: { Title: `${c.title}: ${c.name}`, Author: c.areaName, Creator: 'Chorus', Producer: 'Chorus' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const brand = colour(c.brandColour);
  const { width, height } = pdf.page;
  const inner = width - 120;
  // A border in the area's colour (decoration: an artifact, not read out).
  pdf.markContent('Artifact', { type: 'Layout' });
  pdf.lineWidth(8).strokeColor(brand).rect(30, 30, width - 60, height - 60).stroke();
  pdf.endMarkedContent();
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const add = (type: string, draw: () => void) => root.add(pdf.struct(type, {}, draw));
  pdf.y = 110;
  add('P', () => pdf.font(BOLD).fontSize(16).fillColor(brand).text(c.areaName, 60, pdf.y, { width: inner, align: 'center' }));
  pdf.moveDown(2);
  add('H1', () => pdf.font(BOLD).fontSize(32).fillColor(TEXT).text(c.title, 60, pdf.y, { width: inner, align: 'center' }));
  pdf.moveDown(1.5);
  add('P', () => pdf.font(REGULAR).fontSize(16).fillColor(TEXT).text(c.presentedTo, 60, pdf.y, { width: inner, align: 'center' }));
  pdf.moveDown(0.5);
  add('P', () => pdf.font(BOLD).fontSize(36).fillColor(brand).text(c.name, 60, pdf.y, { width: inner, align: 'center' }));
  pdf.moveDown(1.5);
  add('P', () => pdf.font(REGULAR).fontSize(16).fillColor(TEXT).text(c.whatTheyDid, 60, pdf.y, { width: inner, align: 'center', height: 200, ellipsis: true }));
  pdf.moveDown(1);
  if (c.hours) add('P', () => pdf.font(REGULAR).fontSize(14).fillColor(TEXT).text(c.hours!, 60, pdf.y, { width: inner, align: 'center' }));
  add('P', () => pdf.font(REGULAR).fontSize(14).fillColor(TEXT).text(c.date, 60, height - 150, { width: inner, align: 'center' }));
  root.end();
  pdf.end();
  await finished;
  return Buffer.concat(chunks);
}

/** A person's "record of what I did" (issue 17 §2), as the page shows it: for a CV or a college form. */
export type RecordText = {
  areaName: string;
  brandColour: string;
  title: string;
  intro: string;
  hours: string | null;
  sections: ReadonlyArray<{ heading: string; lines: readonly string[]; none: string }>;
  footer: string;
  lang: 'en' | 'cy';
};

/** The record as a tagged A4 PDF (as many pages as it needs), in the same fonts and colours as a certificate. */
export async function recordPdf(r: RecordText): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 60, left: 60, right: 60 }, tagged: true, lang: r.lang === 'cy' ? 'cy-GB' : 'en-GB', displayTitle: true, pdfVersion: '1.7', info: { Title: r.title, Author: r.areaName, Creator: 'Chorus', Producer: 'Chorus' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const brand = colour(r.brandColour);
  const inner = pdf.page.width - 120;
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const add = (type: string, draw: () => void) => root.add(pdf.struct(type, {}, draw));
  add('P', () => pdf.font(BOLD).fontSize(12).fillColor(brand).text(r.areaName, 60, pdf.y, { width: inner }));
  pdf.moveDown(0.5);
  add('H1', () => pdf.font(BOLD).fontSize(24).fillColor(TEXT).text(r.title, { width: inner }));
  pdf.moveDown(0.5);
  add('P', () => pdf.font(REGULAR).fontSize(13).fillColor(TEXT).text(r.intro, { width: inner }));
  if (r.hours) add('P', () => pdf.font(REGULAR).fontSize(13).fillColor(TEXT).text(r.hours!, { width: inner }));
  for (const section of r.sections) {
    pdf.moveDown(1);
    add('H2', () => pdf.font(BOLD).fontSize(16).fillColor(TEXT).text(section.heading, { width: inner }));
    pdf.moveDown(0.3);
    if (section.lines.length === 0) add('P', () => pdf.font(REGULAR).fontSize(12).fillColor(TEXT).text(section.none, { width: inner }));
    else add('L', () => pdf.font(REGULAR).fontSize(12).fillColor(TEXT).list([...section.lines], { width: inner, bulletRadius: 2.5, textIndent: 12 }));
  }
  pdf.moveDown(2);
  add('P', () => pdf.font(REGULAR).fontSize(10).fillColor(TEXT).text(r.footer, { width: inner }));
  root.end();
  pdf.end();
  await finished;
  return Buffer.concat(chunks);
}
