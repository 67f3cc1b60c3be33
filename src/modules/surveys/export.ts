/**
 * Writing survey responses to a spreadsheet: CSV (RFC 4180) and Excel (.xlsx, with exceljs). Each
 * question type says what its cells hold (question-types/); export.sheet.ts builds the sheet.
 *
 * Formula injection: the CSV writer and neutralise() are in lib/csv.ts. The .xlsx writer only ever
 * writes strings and numbers (never formulas), and neutralises text the same way in case the sheet
 * is later saved as CSV.
 */
import ExcelJS from 'exceljs';
import { neutralise, sheetNames, type Cell, type Sheet } from '../../lib/csv.ts';

export { neutralise, sheetNames, toCsv, type Cell, type Sheet } from '../../lib/csv.ts';

/**
 * Sheets as an .xlsx workbook, built in memory (an area has a few thousand responses at most). The
 * first row of each is bold and stays in view when scrolling when `header` is set.
 */
export async function toXlsx(sheets: ReadonlyArray<{ name: string; sheet: Sheet; header?: boolean }>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chorus';
  const names = sheetNames(sheets.map((s) => s.name));
  sheets.forEach(({ sheet, header = true }, i) => {
    const worksheet = workbook.addWorksheet(names[i]!);
    const write = (values: Cell[]) => {
      const row = worksheet.addRow([]);
      values.forEach((value, j) => {
        if (value === null) return;
        row.getCell(j + 1).value = typeof value === 'number' ? (Number.isFinite(value) ? value : null) : neutralise(value);
      });
    };
    write(sheet.header);
    if (header) {
      worksheet.getRow(1).font = { bold: true };
      worksheet.views = [{ state: 'frozen', ySplit: 1 }];
    }
    for (const row of sheet.rows) write(row);
    // Wide enough to read the words without dragging every column (capped: long answers wrap in Excel anyway).
    worksheet.columns.forEach((column, j) => {
      const longest = Math.max(...[sheet.header, ...sheet.rows].map((r) => String(r[j] ?? '').length), 8);
      column.width = Math.min(60, longest + 2);
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A file name safe in a Content-Disposition header and on every file system: lower-case ASCII
 * letters, digits and hyphens only (a title such as `"; rm -rf /` cannot break out of the header).
 */
export function safeFileName(title: string, date: Date, extension: 'csv' | 'xlsx'): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return `${stem || 'survey'}-responses-${date.toISOString().slice(0, 10)}.${extension}`;
}
