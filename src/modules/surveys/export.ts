/**
 * Writing survey responses to a spreadsheet: CSV (RFC 4180) and Excel (.xlsx, with exceljs). Each
 * question type says what its cells hold (question-types/); export.sheet.ts builds the sheet.
 *
 * Formula injection (OWASP "CSV injection"): a cell that starts with =, +, -, @, a tab or a carriage
 * return can run as a formula when the file is opened in a spreadsheet, so such text gets a leading
 * apostrophe and is read as text. Numbers from number and rating questions stay numbers. The .xlsx
 * writer only ever writes strings and numbers (never formulas), and neutralises text the same way in
 * case the sheet is later saved as CSV.
 */
import ExcelJS from 'exceljs';

export type Cell = string | number | null;
export type Sheet = { header: string[]; rows: Cell[][] };

const FORMULA_START = /^[=+\-@\t\r]/;
// Characters XML 1.0 cannot hold (a NUL in a comment would make the .xlsx unreadable): removed.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe to put in a spreadsheet cell: no control characters, never a formula. */
export function neutralise(value: string): string {
  const clean = value.replace(NOT_XML, '');
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // Every text field is quoted (RFC 4180 allows it), so commas, quotes and line breaks inside are safe.
  return `"${neutralise(value).replace(/"/g, '""')}"`;
}

/**
 * The sheet as CSV: a byte-order mark first (so Excel reads UTF-8, and Welsh ŵ and ŷ survive), CRLF
 * line ends (RFC 4180).
 */
export function toCsv(sheet: Sheet): string {
  return `\uFEFF${[sheet.header, ...sheet.rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The sheet as an .xlsx workbook of one worksheet, built in memory (an area has a few thousand responses at most). */
export async function toXlsx(sheet: Sheet, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chorus';
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const name = sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Responses';
  const worksheet = workbook.addWorksheet(name);
  const write = (values: Cell[]) => {
    const row = worksheet.addRow([]);
    values.forEach((value, i) => {
      if (value === null) return;
      row.getCell(i + 1).value = typeof value === 'number' ? (Number.isFinite(value) ? value : null) : neutralise(value);
    });
  };
  write(sheet.header);
  worksheet.getRow(1).font = { bold: true };
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of sheet.rows) write(row);
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
