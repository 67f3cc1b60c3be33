/**
 * Sheets of cells, and writing them as CSV (RFC 4180): the survey exports and the feedback figures.
 *
 * Formula injection (OWASP "CSV injection"): a cell that starts with =, +, -, @, a tab or a carriage
 * return can run as a formula when the file is opened in a spreadsheet, so such text gets a leading
 * apostrophe and is read as text. Numbers stay numbers.
 */
export type Cell = string | number | null;
export type Sheet = { header: string[]; rows: Cell[][] };

const FORMULA_START = /^[=+\-@\t\r]/;
// Characters XML 1.0 cannot hold (a NUL in a comment would make an .xlsx unreadable): removed.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the characters XML 1.0 cannot hold (control characters, lone surrogates). */
export function xmlSafe(value: string): string {
  return value.replace(NOT_XML, '');
}

/** Text made safe to put in a spreadsheet cell: no control characters, never a formula. */
export function neutralise(value: string): string {
  const clean = xmlSafe(value);
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
