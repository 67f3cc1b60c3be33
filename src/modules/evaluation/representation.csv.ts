/**
 * Reading a population file (issue 13 §5): CSV (RFC 4180: commas, double quotes around a field,
 * "" for a quote inside one, CRLF or LF line ends), UTF-8 with or without a byte-order mark, one row
 * per group and count:
 *
 *   characteristic,group,count,organisation
 *   sex,F,1130,
 *   ethnicity,WBRI,1520,
 *
 * Every problem names its line, and nothing is kept unless every line is right: the service
 * stores the result in one transaction only when `problems` is empty. Pure: bytes in, rows or
 * problems out (the organisation names are matched by the caller's list).
 *
 * Formula injection: nothing from the file is ever evaluated; a cell such as =1+1 is not a number
 * and not a code, so it is refused like any other wrong value, and shown back only as escaped text.
 */
import { withoutControlCharacters } from '../../lib/control-characters.ts';
import { CHARACTERISTICS, readCharacteristic, readGroup, type Characteristic } from './data/representation-codes.ts';

/** The largest file read: a census return for one area is a few hundred lines. */
export const MAX_FILE_BYTES = 200_000;
export const MAX_ROWS = 2_000;
/** At most this many problems are listed; the rest are counted. */
export const MAX_PROBLEMS_LISTED = 20;

export const HEADER = ['characteristic', 'group', 'count', 'organisation'] as const;

export type PopulationRow = { characteristic: Characteristic; value: string; count: number; organisationId: string | null };

/** One thing wrong, by line (1 is the header); `key` is a message key under evaluation.representation.import.problems. */
export type FileProblem = { line: number; key: string; params?: Record<string, string | number> };

export type ReadFile = { rows: PopulationRow[]; lines: number; problems: FileProblem[] };

/** A cell shown back in a message: short, on one line (escaped by the template like any text). */
function quote(cell: string): string {
  const one = withoutControlCharacters(cell.replace(/[\t\r\n]/g, ' ')).trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}

/** The line a byte offset is on (1-based). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** Splits RFC 4180 text into records, each with the line it starts on. */
function records(text: string): { rows: Array<{ line: number; cells: string[] }>; problem?: FileProblem } {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let quoteLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell.trim() !== '' || wasQuoted) return { rows, problem: { line, key: 'strayQuote' } };
      cell = '';
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      rows.push({ line: start, cells });
      cells = [];
      cell = '';
      wasQuoted = false;
      line += 1;
      start = line;
    } else {
      if (wasQuoted && ch.trim() !== '') return { rows, problem: { line, key: 'strayQuote' } };
      cell += ch;
    }
  }
  if (quoted) return { rows, problem: { line: quoteLine, key: 'unclosedQuote' } };
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: start, cells });
  }
  return { rows };
}

/** A whole number of people: 0 or more, digits only, thousands may be separated by commas. */
function readCount(text: string): { ok: true; value: number } | { ok: false; key: string } {
  const t = text.trim();
  if (t === '') return { ok: false, key: 'countMissing' };
  if (/^-\s*\d/.test(t)) return { ok: false, key: 'countNegative' };
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(t)) return { ok: false, key: 'countNotNumber' };
  const value = Number(t.replace(/,/g, ''));
  if (value > 10_000_000) return { ok: false, key: 'countTooLarge' };
  return { ok: true, value };
}

/**
 * Reads a population file. `organisations` are the area's, by name; a row may name one (the
 * children and young people that organisation serves) or leave it blank (the whole area).
 * `truncated`: the upload went past MAX_FILE_BYTES and was cut.
 */
export function readPopulationFile(bytes: Uint8Array | undefined, organisations: ReadonlyArray<{ id: string; name: string }>, truncated = false): ReadFile {
  const fail = (problem: FileProblem): ReadFile => ({ rows: [], lines: 0, problems: [problem] });
  if (!bytes || bytes.length === 0) return fail({ line: 1, key: 'empty' });
  if (truncated || bytes.length > MAX_FILE_BYTES) return fail({ line: lineAt(bytes, MAX_FILE_BYTES), key: 'tooLarge', params: { kb: MAX_FILE_BYTES / 1000 } });
  // A NUL byte never belongs in text: a spreadsheet saved as .xlsx, a picture, or UTF-16.
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail({ line: lineAt(bytes, nul), key: 'notText' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Find the first line that is not UTF-8 (most often a file saved as "CSV (Windows)" with a £ or é).
    let line = 1;
    let from = 0;
    for (let i = 0; i <= bytes.length; i += 1) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(from, i));
        } catch {
          break;
        }
        line += 1;
        from = i + 1;
      }
    }
    return fail({ line, key: 'notUtf8' });
  }
  if (text.trim() === '') return fail({ line: 1, key: 'empty' });
  const parsed = records(text);
  if (parsed.problem) return fail(parsed.problem);
  const all = parsed.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...body] = all;
  if (!head) return fail({ line: 1, key: 'empty' });
  const names = head.cells.map((c) => c.trim().toLowerCase());
  const missing = HEADER.slice(0, 3).filter((h) => !names.includes(h));
  if (missing.length > 0) {
    const looksLikeData = head.cells.some((c) => /^\d+$/.test(c.trim()));
    return fail({ line: head.line, key: looksLikeData ? 'noHeader' : 'headerMissing', params: { columns: missing.join(', '), header: HEADER.join(',') } });
  }
  const unknownColumn = names.find((n) => n !== '' && !(HEADER as readonly string[]).includes(n));
  if (unknownColumn) return fail({ line: head.line, key: 'headerUnknown', params: { column: quote(unknownColumn), header: HEADER.join(',') } });
  const twice = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (twice) return fail({ line: head.line, key: 'headerTwice', params: { column: quote(twice) } });
  if (body.length === 0) return fail({ line: head.line + 1, key: 'noRows' });
  if (body.length > MAX_ROWS) return fail({ line: body[MAX_ROWS]!.line, key: 'tooManyRows', params: { max: MAX_ROWS.toLocaleString('en-GB') } });

  const at = (name: string) => names.indexOf(name);
  const orgByName = new Map(organisations.map((o) => [o.name.trim().toLowerCase(), o.id]));
  const problems: FileProblem[] = [];
  const totals = new Map<string, PopulationRow>();
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    if (cells.length > names.length) {
      problems.push({ line, key: 'tooManyCells', params: { count: cells.length, expected: names.length } });
      continue;
    }
    const cell = (name: string) => (at(name) >= 0 ? (cells[at(name)] ?? '') : '');
    const characteristicText = cell('characteristic');
    const characteristic = readCharacteristic(characteristicText);
    if (!characteristic) {
      problems.push({ line, key: characteristicText.trim() ? 'characteristicUnknown' : 'characteristicMissing', params: { value: quote(characteristicText), allowed: CHARACTERISTICS.length } });
      continue;
    }
    const groupText = cell('group');
    if (!groupText.trim()) {
      problems.push({ line, key: 'groupMissing' });
      continue;
    }
    const group = readGroup(characteristic, groupText);
    if (!group.ok) {
      problems.push({ line, key: group.problem === 'not_known' ? 'groupNotKnown' : `groupUnknown.${characteristic}`, params: { value: quote(groupText) } });
      continue;
    }
    const count = readCount(cell('count'));
    if (!count.ok) {
      problems.push({ line, key: count.key, params: { value: quote(cell('count')) } });
      continue;
    }
    const organisationText = cell('organisation').trim();
    const organisationId = organisationText ? orgByName.get(organisationText.toLowerCase().replace(/\s+/g, ' ')) : null;
    if (organisationId === undefined) {
      problems.push({ line, key: 'organisationUnknown', params: { value: quote(organisationText) } });
      continue;
    }
    // The same code twice is a mistake; two codes of one group (WBRI and WIRI) are added together.
    const written = `${characteristic}|${groupText.trim().toUpperCase()}|${organisationId ?? ''}`;
    if (seen.has(written)) {
      problems.push({ line, key: 'duplicate', params: { value: quote(groupText), first: seen.get(written)! } });
      continue;
    }
    seen.set(written, line);
    const key = `${characteristic}|${group.value}|${organisationId ?? ''}`;
    const before = totals.get(key);
    if (before) before.count += count.value;
    else totals.set(key, { characteristic, value: group.value, count: count.value, organisationId });
  }
  return { rows: problems.length ? [] : [...totals.values()], lines: body.length, problems };
}
