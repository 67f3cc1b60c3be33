/**
 * The report section registry's contract (issue 14 §1): every module that has something to say in a
 * board report contributes sections, each a data-first function of the report's area, scope and
 * period. The reports module only composes and renders them (HTML, print, PDF, DOCX, XLSX, easy
 * read); it never imports a module that contributes a section. The list of sections is put together
 * once, in the composition root `src/report-sections.ts`, from each module's `index.ts`, so a new
 * module (live sessions, panels, inspections, recognition) adds its own without touching this code.
 *
 * Privacy is the section's job as much as the renderer's: a section returns only counts (1–7
 * suppressed with secondary suppression, src/lib/suppression.ts), never a name, an email address
 * or a person's words unless they are redacted quotes a lead has already reviewed and published.
 */
import type { Db } from '../../db/database.ts';
import type { Suppression } from '../../lib/suppression.ts';

/** The standard kinds of report Chorus offers, all built from the same sections. */
export const REPORT_KINDS = ['board', 'local_account', 'annual_publication'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * The board report follows the four evaluation questions the charters commit the partnership to
 * answering (their wording is the area's own: evaluation settings). A section may answer one.
 */
export const BOARD_QUESTIONS = ['differently', 'impact_on_users', 'impact_on_participants', 'who_takes_part'] as const;
export type BoardQuestion = (typeof BOARD_QUESTIONS)[number];

/** What a report covers: the whole area, one member organisation, or one service (an activity's `services` tag). */
export type ReportScope = { kind: 'area' } | { kind: 'organisation'; organisationId: string } | { kind: 'service'; service: string };

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Everything a section may use. Dates are London calendar dates, `from` and `to` both included.
 *
 * The period rules every section follows, so that the sections of one report agree:
 * - an activity belongs to the period when it took place: `coalesce(starts_at, opened_at, created_at)`
 *   falls on a London date between `from` and `to`;
 * - a contribution, a rating or an answer belongs to the period of its own `created_at`;
 * - a published response ("you said, we did") belongs to the period of its first publication;
 * - scope 'organisation' keeps activities of that organisation (and what hangs off them); scope
 *   'service' keeps activities whose `services` include it.
 */
export type SectionContext = {
  db: Db;
  areaId: string;
  scope: ReportScope;
  from: string;
  to: string;
  t: Translate;
  lang: 'en' | 'cy';
  /** The moment the report is built (a published report is built once, then frozen). */
  now: Date;
};

/**
 * One table cell. A text cell is shown as it is; a count cell carries its suppression: a hidden count
 * has `value: null` and is shown as "fewer than 8" (small) or "hidden" (secondary) by every format.
 * `percent` is shown after the value when set ("12 (40%)").
 */
export type CountCell = { value: number | null; suppression?: Suppression; percent?: number | null; unit?: 'count' | 'percent' | 'days' | 'score' };
export type Cell = string | CountCell;

/** A headline figure ("Activities held: 24"). */
export type Figure = { label: string } & CountCell & { note?: string };

export type ReportTable = {
  /** Unique within the section; charts refer to it. Also the XLSX sheet name's stem. */
  id: string;
  caption: string;
  columns: ReadonlyArray<{ label: string; numeric?: boolean }>;
  rows: ReadonlyArray<readonly Cell[]>;
};

/**
 * A chart draws columns of one of the section's tables as horizontal bars (the table is always shown
 * beside or under it, so nothing is in the picture alone). Hidden counts draw no bar.
 */
export type ReportChart = {
  id: string;
  title: string;
  /** One sentence saying what the chart shows, for screen readers and the PDF's alternative text. */
  description: string;
  tableId: string;
  /** The column holding each bar's label. */
  labelColumn: number;
  /** The numeric columns drawn as bars, one series each. */
  valueColumns: readonly number[];
};

/** A sentence of the easy-read version, with an OpenMoji code point (e.g. '1F4AC') as its picture. */
export type EasyReadLine = { text: string; symbol?: string };

export type SectionContent = {
  /** Paragraphs of automatic text (already in the report's language). */
  paragraphs: readonly string[];
  figures: readonly Figure[];
  tables: readonly ReportTable[];
  charts: readonly ReportChart[];
  /** Redacted quotes a lead reviewed and published ("you said, we did"), never raw words. */
  quotes: readonly string[];
  /** Caveats: what is Chorus' own mapping, what is not yet checked against its source, what was hidden. */
  notes: readonly string[];
  /** One to three short sentences for the easy-read version. */
  easyRead: readonly EasyReadLine[];
  /** True when there was nothing in the period (the section says so in its paragraphs). */
  empty: boolean;
};

export type ReportSectionDefinition = {
  /** Stable, namespaced by module: 'evaluation.levels', 'feedback.what_changed'. Stored with reports. */
  key: string;
  /** Where it comes in a report (lower first) and, for a board report, within its question. */
  order: number;
  /** The report kinds that include it when a report is made (a lead can add or remove any section). */
  kinds: readonly ReportKind[];
  /** The board report question it answers, if any. */
  question: BoardQuestion | null;
  /** The section's heading in the report's language. */
  title: (t: Translate) => string;
  /** The heading of its easy-read part, in words a child knows ("Did we listen well?"); the title when absent. */
  easyReadTitle?: (t: Translate) => string;
  /** A fixed number of queries, whatever the number of activities or contributions (bench: 1,000,000). */
  build: (context: SectionContext) => Promise<SectionContent>;
};

/** An empty section: what a section returns when nothing happened in the period. */
export function emptySection(paragraph: string, easyRead?: EasyReadLine): SectionContent {
  return { paragraphs: [paragraph], figures: [], tables: [], charts: [], quotes: [], notes: [], easyRead: easyRead ? [easyRead] : [], empty: true };
}

/** A count cell from a count and its suppression (src/lib/suppression.ts): hidden counts carry no number. */
export function countCell(count: number, suppression: Suppression = 'none', percent?: number | null): CountCell {
  if (suppression !== 'none') return { value: null, suppression, percent: null };
  return percent === undefined ? { value: count, suppression } : { value: count, suppression, percent };
}
