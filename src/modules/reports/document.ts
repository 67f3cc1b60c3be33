/**
 * A report as every format reads it (issue 14 §3): the HTML page, the print stylesheet, the PDF, the
 * DOCX, the XLSX and the easy-read version are all drawn from one ReportDocument, so the same figures
 * reach every format. A draft's document is composed from the sections when it is read; publishing
 * composes it once and stores it (report.snapshot), so a published report never changes.
 *
 * Plain data only (it is stored as JSON): no Dates, no functions.
 */
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { publicationRedactor } from '../contributions/contributions.service.ts';
import { questionSettings } from '../evaluation/index.ts';
import { BOARD_QUESTIONS, REPORT_KINDS, type BoardQuestion, type ReportKind, type ReportScope, type ReportSectionDefinition, type SectionContent, type Translate } from './sections.ts';

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
  /** The easy-read heading, when the section has words a child knows better than its title. */
  easyReadTitle?: string;
  question: BoardQuestion | null;
  /** The automatic part; null for a written part, or a section whose module is no longer there. */
  content: SectionContent | null;
  commentary: readonly string[];
  writtenBy: string | null;
  /** True when the part's registry section is no longer there (its module was removed): the page says so. */
  missing?: boolean;
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

/** The authors' commentary as paragraphs: blank lines separate them; lines within one are kept together. */
export function paragraphsOf(text: string | null | undefined): string[] {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.trim()).filter(Boolean).join(' '))
    .filter(Boolean);
}

/** The evaluation module's message keys of the four questions (its shipped wording, en and cy). */
const QUESTION_KEYS: Record<BoardQuestion, string> = {
  differently: 'evaluation.impact.questions.differently',
  impact_on_users: 'evaluation.impact.questions.impactOnUsers',
  impact_on_participants: 'evaluation.impact.questions.impactOnParticipants',
  who_takes_part: 'evaluation.impact.questions.whoTakesPart',
};

/** The four board questions in the area's own words (evaluation settings), or the shipped wording. */
async function boardQuestions(context: ComposeContext): Promise<ReportDocument['questions']> {
  const settings = await questionSettings(context.db, context.areaId);
  // The area's own wording is written in one language; a Welsh report keeps the shipped Welsh.
  return BOARD_QUESTIONS.map((id) => ({ id, title: (context.lang === 'en' ? settings.wording[id] : undefined) ?? context.t(QUESTION_KEYS[id]) }));
}

/**
 * Builds the document of a report from its parts: each section part runs its registry section's
 * build() for the report's scope and period. Sections run one after another (each is a fixed number
 * of queries); a part whose section is no longer registered keeps its commentary and says so.
 */
export async function composeDocument(context: ComposeContext, header: ReportHeader, parts: readonly ReportPartInput[], sections: readonly ReportSectionDefinition[]): Promise<ReportDocument> {
  const registry = new Map(sections.map((s) => [s.key, s]));
  const ordered = [...parts].sort((a, b) => a.position - b.position);
  // The report promises that names never appear: the authors' and forums' words go through the same
  // redaction step as people's views (a name, an email address, a phone number become [name], …).
  const redact = await publicationRedactor(context.db, context.areaId);
  const out: DocumentSection[] = [];
  for (const part of ordered) {
    const commentary = paragraphsOf(redact(part.commentary));
    if (part.kind === 'written') {
      out.push({ partId: part.id, kind: 'written', key: null, title: part.title?.trim() || context.t('reports.document.writtenUntitled'), question: null, content: null, commentary, writtenBy: part.writtenBy });
      continue;
    }
    const definition = part.sectionKey ? registry.get(part.sectionKey) : undefined;
    if (!definition) {
      out.push({ partId: part.id, kind: 'section', key: part.sectionKey, title: part.title?.trim() || context.t('reports.document.missingTitle'), question: null, content: null, commentary, writtenBy: part.writtenBy, missing: true });
      continue;
    }
    // Sequential on purpose: each section is a fixed number of queries, and the pool is shared.
    const content = await definition.build({ db: context.db, areaId: context.areaId, scope: header.scope, from: header.from, to: header.to, t: context.t, lang: context.lang, now: context.now });
    const easyReadTitle = definition.easyReadTitle?.(context.t);
    out.push({ partId: part.id, kind: 'section', key: definition.key, title: definition.title(context.t), ...(easyReadTitle ? { easyReadTitle } : {}), question: definition.question, content, commentary, writtenBy: part.writtenBy });
  }
  return {
    header,
    questions: header.kind === 'board' ? await boardQuestions(context) : [],
    sections: out,
    builtAt: context.now.toISOString(),
    frozen: header.status === 'published',
  };
}

// ── Reading a stored snapshot ───────────────────────────────────────────────────────────────

const text = z.string().max(100_000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const suppression = z.enum(['none', 'small', 'secondary']);
const countCellSchema = z.object({
  value: z.number().finite().nullable(),
  suppression: suppression.optional(),
  percent: z.number().finite().nullable().optional(),
  unit: z.enum(['count', 'percent', 'days', 'score']).optional(),
});
const cellSchema = z.union([text, countCellSchema]);
const question = z.enum(BOARD_QUESTIONS);
const contentSchema = z.object({
  paragraphs: z.array(text),
  figures: z.array(countCellSchema.extend({ label: text, note: text.optional() })),
  tables: z.array(z.object({ id: text, caption: text, columns: z.array(z.object({ label: text, numeric: z.boolean().optional() })), rows: z.array(z.array(cellSchema)) })),
  charts: z.array(z.object({ id: text, title: text, description: text, tableId: text, labelColumn: z.number().int().min(0), valueColumns: z.array(z.number().int().min(0)) })),
  quotes: z.array(text),
  notes: z.array(text),
  easyRead: z.array(z.object({ text, symbol: z.string().max(200).optional() })),
  empty: z.boolean(),
});
const scopeSchema = z.union([
  z.object({ kind: z.literal('area') }),
  z.object({ kind: z.literal('organisation'), organisationId: text }),
  z.object({ kind: z.literal('service'), service: text }),
]);
const documentSchema = z.looseObject({
  header: z.looseObject({
    id: text,
    kind: z.enum(REPORT_KINDS),
    title: text,
    audience: text,
    authors: text,
    scope: scopeSchema,
    scopeLabel: text,
    from: isoDate,
    to: isoDate,
    status: z.enum(REPORT_STATUSES),
    edition: z.number().int().min(1),
    approvedAt: text.nullable(),
    publishedAt: text.nullable(),
    areaName: text,
    areaSlug: text,
    lang: z.enum(['en', 'cy']),
  }),
  questions: z.array(z.object({ id: question, title: text })),
  sections: z.array(
    z.looseObject({
      partId: text,
      kind: z.enum(['section', 'written']),
      key: text.nullable(),
      title: text,
      question: question.nullable(),
      content: contentSchema.nullable(),
      commentary: z.array(text),
      writtenBy: text.nullable(),
      missing: z.boolean().optional(),
      easyReadTitle: text.optional(),
    }),
  ),
  builtAt: text,
  frozen: z.boolean(),
});

/** Reads a stored snapshot defensively: a malformed one is treated as absent, never a 500. */
export function readSnapshot(value: unknown): ReportDocument | null {
  let input = value;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input) as unknown;
    } catch {
      return null;
    }
  }
  const parsed = documentSchema.safeParse(input);
  return parsed.success ? (parsed.data as ReportDocument) : null;
}
