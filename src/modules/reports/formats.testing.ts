/**
 * For the formats' tests only: opening a report's PDF, DOCX and XLSX the way a reader's program would
 * (pdf.js, mammoth, exceljs), and reading back their text, structure and cells.
 */
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
GlobalWorkerOptions.workerSrc = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');

type StructNode = { role?: string; alt?: string; lang?: string; children?: StructNode[]; type?: string };

export type OpenedPdf = {
  pages: number;
  marked: boolean;
  title: string | null;
  lang: string | null;
  /** Every text item on every page, one page after another. */
  text: string;
  /** Every structure role used, with how often. */
  roles: Map<string, number>;
  /** The alternative text of every Figure. */
  figureAlts: string[];
  /** The parent role of each role seen ("TR" → "Table"). */
  parents: Set<string>;
};

function walk(node: StructNode, parent: string, seen: OpenedPdf): void {
  if (node.role) {
    seen.roles.set(node.role, (seen.roles.get(node.role) ?? 0) + 1);
    seen.parents.add(`${parent}>${node.role}`);
    if (node.role === 'Figure') seen.figureAlts.push(node.alt ?? '');
  }
  for (const child of node.children ?? []) walk(child, node.role ?? parent, seen);
}

export async function openPdf(buffer: Buffer): Promise<OpenedPdf> {
  const task = getDocument({ data: new Uint8Array(buffer), useSystemFonts: false });
  const pdf = await task.promise;
  // pdf.js gives the MarkInfo dictionary as a Map (older versions: a plain object).
  const markInfo = (await pdf.getMarkInfo()) as Map<string, unknown> | { Marked?: boolean } | null;
  const marked = markInfo instanceof Map ? markInfo.get('Marked') === true : markInfo?.Marked === true;
  const meta = await pdf.getMetadata();
  const info = meta.info as { Title?: string; Language?: string };
  const opened: OpenedPdf = { pages: pdf.numPages, marked, title: info.Title ?? null, lang: info.Language ?? null, text: '', roles: new Map(), figureAlts: [], parents: new Set() };
  const texts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
    const tree = (await page.getStructTree()) as StructNode | null;
    if (tree) walk(tree, 'Root', opened);
  }
  opened.text = texts.join('\n');
  await task.destroy();
  return opened;
}

export type OpenedDocx = { html: string; text: string; xml: string; footers: string; headers: string };

export async function openDocx(buffer: Buffer): Promise<OpenedDocx> {
  const html = (await mammoth.convertToHtml({ buffer })).value;
  const text = (await mammoth.extractRawText({ buffer })).value;
  const zip = await JSZip.loadAsync(buffer);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const read = async (pattern: RegExp) => (await Promise.all(Object.keys(zip.files).filter((name) => pattern.test(name)).map((name) => zip.file(name)!.async('string')))).join('\n');
  return { html, text, xml, footers: await read(/^word\/footer\d*\.xml$/), headers: await read(/^word\/header\d*\.xml$/) };
}

export type OpenedXlsx = { names: string[]; sheets: Map<string, Array<Array<string | number | null>>> };

export async function openXlsx(buffer: Buffer): Promise<OpenedXlsx> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets = new Map<string, Array<Array<string | number | null>>>();
  const names: string[] = [];
  workbook.eachSheet((sheet) => {
    names.push(sheet.name);
    const rows: Array<Array<string | number | null>> = [];
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => (typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? null : String(v)));
      rows.push(values);
    });
    sheets.set(sheet.name, rows);
  });
  return { names, sheets };
}

/** Text with its white space made single spaces (a PDF's lines wrap where the page does). */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every cell of an XLSX as the text the page shows (numbers as the page writes them, neutralised text without its apostrophe). */
export function xlsxTexts(opened: OpenedXlsx): string[] {
  return [...opened.sheets.values()].flat(2).flatMap((v) => (v === null ? [] : [typeof v === 'number' ? new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(v) : v.replace(/^'(?=[=+\-@\t\r])/, '')]));
}
