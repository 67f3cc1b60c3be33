/**
 * A report as an Excel workbook (issue 14 §3), with exceljs: an "About" sheet first (title, who it is
 * for, period, what it covers, who wrote it, its status, the privacy note and a list of the sheets),
 * the key figures, then one sheet per table. Counts are numbers, so they can be added up; a hidden
 * count is the words the page shows ("fewer than 8", "hidden"), never a number. The header row of
 * each table is bold and stays in view. Text never becomes a formula (lib/csv.ts neutralise).
 */
import ExcelJS from 'exceljs';
import { neutralise, sheetNames, xmlSafe } from '../../lib/csv.ts';
import type { ReportDocument } from './document.ts';
import { allTables, plainNumber, statusNote } from './formats.blocks.ts';
import { formatCount, formatDate, formatPeriod } from './format.ts';
import type { Translate } from './sections.ts';

export { sheetNames };

function text(value: string): string {
  return neutralise(value);
}

/** The report as an .xlsx workbook. */
export async function renderXlsx(doc: ReportDocument, t: Translate, lang: 'en' | 'cy'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chorus';
  workbook.title = xmlSafe(doc.header.title);
  const k = 'reports.formats';
  const tables = allTables(doc, t, lang);
  const figures = doc.sections.flatMap((s) => (s.content ? s.content.figures.map((f) => ({ section: s.title, figure: f })) : []));

  const fixed = [t(`${k}.sheets.about`), ...(figures.length > 0 ? [t(`${k}.sheets.figures`)] : [])];
  const names = sheetNames([...fixed, ...tables.map((x) => x.caption)]);
  const tableNames = names.slice(fixed.length);

  // About.
  const about = workbook.addWorksheet(names[0]!);
  const h = doc.header;
  const rows: Array<[string, string]> = [
    [t(`${k}.about.title`), h.title],
    [t(`${k}.about.audience`), h.audience],
    [t(`${k}.about.period`), formatPeriod(h.from, h.to, t, lang)],
    [t(`${k}.about.scope`), h.scopeLabel],
    [t(`${k}.about.authors`), h.authors],
    [t(`${k}.about.status`), statusNote(doc, t, lang)],
    [t(`${k}.about.builtAt`), formatDate(doc.builtAt, lang)],
    [t(`${k}.about.privacy`), t(`${k}.privacy`)],
  ];
  for (const [label, value] of rows) about.addRow([text(label), text(value)]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 34;
  about.getColumn(2).width = 90;
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  about.addRow([]);
  const sheetsHeading = about.addRow([text(t(`${k}.about.sheetsHeading`))]);
  sheetsHeading.font = { bold: true, size: 13 };
  const listHeader = about.addRow([text(t(`${k}.about.sheet`)), text(t(`${k}.about.contains`))]);
  listHeader.font = { bold: true };
  if (figures.length > 0) about.addRow([names[1]!, text(t(`${k}.figures`))]);
  tables.forEach((table, i) => about.addRow([tableNames[i]!, text(`${table.sectionTitle}: ${table.caption}`)]));

  // The key figures: the number (when shown as a plain number), and the words the page shows.
  if (figures.length > 0) {
    const sheet = workbook.addWorksheet(names[1]!, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow([t(`${k}.figuresSheet.section`), t(`${k}.figuresSheet.figure`), t(`${k}.figuresSheet.shown`), t(`${k}.figuresSheet.note`)].map(text));
    header.font = { bold: true };
    for (const { section, figure } of figures) {
      const shown = formatCount(figure, t, lang);
      const plain = plainNumber(figure) ?? shown;
      sheet.addRow([text(section), text(figure.label), typeof plain === 'number' ? plain : text(plain), text(figure.note ?? '')]);
    }
    [40, 50, 24, 50].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  }

  // One sheet per table.
  tables.forEach((table, i) => {
    const sheet = workbook.addWorksheet(tableNames[i]!, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(table.header.map(text));
    header.font = { bold: true };
    table.rows.forEach((row, r) => {
      sheet.addRow(row.map((shown, c) => table.values[r]![c] ?? text(shown)));
    });
    table.header.forEach((label, c) => {
      const longest = Math.max(label.length, ...table.rows.map((row) => row[c]!.length), 8);
      sheet.getColumn(c + 1).width = Math.min(60, longest + 2);
      if (table.numeric[c]) sheet.getColumn(c + 1).alignment = { horizontal: 'right' };
    });
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
