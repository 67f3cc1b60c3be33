/**
 * A report as every format reads it (issue 14 §3): the HTML page, the print stylesheet, the PDF, the
 * DOCX, the XLSX and the easy-read version are all drawn from one ReportDocument, so the same figures
 * reach every format. A draft's document is composed from the sections when it is read; publishing
 * composes it once and stores it (report.snapshot), so a published report never changes.
 *
 * Plain data only (it is stored as JSON): no Dates, no functions.
 */
import type { Db } from '../../db/database.ts';
import type { BoardQuestion, ReportKind, ReportScope, ReportSectionDefinition, SectionContent, Translate } from './sections.ts';

export const REPORT_STATUSES = ['draft', 'review', 'approved', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What the document says about the report itself. */
export type ReportHeader = {
  id: string;
  kind: ReportKind;
  title: string;
  /** The board it is for, by name ("SEND Partnership Board"). */
  audience: string;
  /** Who wrote it, as the area wrote it ("Riverside Parent Carer Forum, Riverside Youth Council and the participation team"). */
  authors: string;
  scope: ReportScope;
  /** The scope in words ("Riverside SEND Partnership", "Riverside NHS Trust", "Short breaks"). */
  scopeLabel: string;
  /** London dates, both included. */
  from: string;
  to: string;
  status: ReportStatus;
  /** 1 for a report's first edition; a new version made after publishing is 2, and so on. */
  edition: number;
  /** ISO timestamps. */
  approvedAt: string | null;
  publishedAt: string | null;
  /** The area's name and brand, for the running header and the cover. */
  areaName: string;
  areaSlug: string;
  lang: 'en' | 'cy';
};

/** One part of a report as its authors arranged it. */
export type ReportPartInput = {
  id: string;
  /** 'section': a registry section (automatic part + commentary); 'written': only the authors' words. */
  kind: 'section' | 'written';
  /** The registry key, for kind 'section'. */
  sectionKey: string | null;
  /** The heading of a written part ("What parent carers say about this year"). */
  title: string | null;
  /** The authors' commentary (plain text; blank lines separate paragraphs). */
  commentary: string;
  /** Who wrote the commentary, as shown in the report: a forum's name, or null for the report's authors. */
  writtenBy: string | null;
  position: number;
};

export type DocumentSection = {
  partId: string;
  kind: 'section' | 'written';
  /** The registry key, or null for a written part. */
  key: string | null;
  title: string;
  question: BoardQuestion | null;
  /** The automatic part; null for a written part, or a section whose module is no longer there. */
  content: SectionContent | null;
  commentary: readonly string[];
  writtenBy: string | null;
};

export type ReportDocument = {
  header: ReportHeader;
  /** The board questions, in the area's own words, for kind 'board' (empty for the others). */
  questions: ReadonlyArray<{ id: BoardQuestion; title: string }>;
  sections: readonly DocumentSection[];
  /** ISO timestamp: when these figures were worked out. */
  builtAt: string;
  /** True once published: the figures are those of `builtAt`, and will not change. */
  frozen: boolean;
};

export type ComposeContext = { db: Db; areaId: string; t: Translate; lang: 'en' | 'cy'; now: Date };

/**
 * Builds the document of a report from its parts: each section part runs its registry section's
 * build() for the report's scope and period. Sections run one after another (each is a fixed number
 * of queries); a part whose section is no longer registered keeps its commentary and says so.
 */
export async function composeDocument(_context: ComposeContext, _header: ReportHeader, _parts: readonly ReportPartInput[], _sections: readonly ReportSectionDefinition[]): Promise<ReportDocument> {
  throw new Error('composeDocument: not built yet (issue 14)');
}

/** Reads a stored snapshot defensively: a malformed one is treated as absent, never a 500. */
export function readSnapshot(_value: unknown): ReportDocument | null {
  return null;
}
