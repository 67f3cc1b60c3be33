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

/** At most `max` UTF-16 units (Excel's count), never splitting a character such as an emoji. */
function cut(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.trim();
}

/**
 * Worksheet names Excel accepts: at most 31 characters, none of : \ / ? * [ ], not blank, not
 * "History" (Excel's own), and no two the same ignoring case (Excel refuses the file otherwise); a
 * clash gets " (2)", " (3)"…. Names already used in the workbook can be passed in `taken`.
 */
export function sheetNames(wanted: readonly string[], taken = new Set<string>()): string[] {
  return wanted.map((raw) => {
    const clean = xmlSafe(raw).replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '') || 'Sheet';
    const base = clean.toLowerCase() === 'history' ? `${clean} (sheet)` : clean;
    let name = cut(base, 31);
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${cut(base, 31 - ` (${n})`.length)} (${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
}
