/**
 * A board report document made by hand, for the formats' unit tests: every kind of thing a report
 * holds (figures with hidden counts, a table with a hidden cell, a chart and its table, quotes, notes,
 * commentary by a forum, a written part, the four questions, an empty section, a missing one), and
 * Welsh letters (ŵ, ŷ) and a hostile title to check the files carry them safely.
 */
import type { DocumentSection, ReportDocument } from './document.ts';
import { countCell, emptySection, type SectionContent } from './sections.ts';

const levels: SectionContent = {
  paragraphs: ['Activities held in the year, by the level of participation the lead recorded.'],
  figures: [
    { label: 'Activities held', ...countCell(1204) },
    { label: 'Co-designed activities', ...countCell(3, 'small'), note: 'Counts of 1 to 7 are hidden.' },
    { label: 'Share co-produced', ...countCell(40), unit: 'percent' },
  ],
  tables: [
    {
      id: 'levels',
      caption: 'Activities by level of participation',
      columns: [{ label: 'Level' }, { label: 'Planned', numeric: true }, { label: 'Achieved', numeric: true }],
      rows: [
        ['Informing', countCell(24), countCell(20)],
        ['Consulting', countCell(3, 'small'), countCell(9)],
        ['Co-production', countCell(12), countCell(5, 'secondary')],
      ],
    },
  ],
  charts: [{ id: 'levels-chart', title: 'Activities by level', description: 'Informing had the most activities; co-production had 12 planned.', tableId: 'levels', labelColumn: 0, valueColumns: [1, 2] }],
  quotes: [],
  notes: ['The levels are Chorus’ own common levels.'],
  easyRead: [{ text: 'We held 1,204 activities.', symbol: '1F4C5' }],
  empty: false,
};

const feedback: SectionContent = {
  paragraphs: ['What changed because people spoke up.'],
  figures: [
    { label: 'Closure rate', ...countCell(82, 'none'), unit: 'percent' },
    { label: 'Median time to feedback', ...countCell(12), unit: 'days' },
  ],
  tables: [
    {
      id: 'themes',
      caption: 'Themes and what was done: [draft]/final?',
      columns: [{ label: 'Theme' }, { label: 'Views', numeric: true }, { label: 'Share', numeric: true }],
      rows: [
        ['Transport to school', countCell(120, 'none', 40), countCell(40)],
        ['=HYPERLINK("http://evil")', countCell(2, 'small'), countCell(8)],
      ],
    },
    {
      id: 'overdue',
      caption: 'Themes and what was done: [draft]/final?',
      columns: [{ label: 'Service' }, { label: 'Overdue', numeric: true }],
      rows: [['Short breaks', countCell(9)]],
    },
  ],
  charts: [],
  quotes: ['The new bus times mean I get to school before the bell.', 'Ŵyr a ŷd: we asked for it in Welsh and got it.'],
  notes: [],
  easyRead: [],
  empty: false,
};

function section(partId: string, key: string, title: string, question: DocumentSection['question'], content: SectionContent | null, commentary: string[] = [], writtenBy: string | null = null): DocumentSection {
  return { partId, kind: 'section', key, title, question, content, commentary, writtenBy };
}

export function sampleDocument(overrides: Partial<ReportDocument['header']> = {}): ReportDocument {
  return {
    header: {
      id: '00000000-0000-4000-8000-000000000001',
      kind: 'board',
      title: 'Annual board report 2025 to 2026: Ŵ ŷ <b>&</b>',
      audience: 'SEND Partnership Board',
      authors: 'Riverside Parent Carer Forum, Riverside Youth Council and the participation team',
      scope: { kind: 'area' },
      scopeLabel: 'Riverside SEND Partnership',
      from: '2025-09-01',
      to: '2026-08-31',
      status: 'published',
      edition: 1,
      approvedAt: '2026-09-10T10:00:00.000Z',
      publishedAt: '2026-09-12T10:00:00.000Z',
      areaName: 'Riverside',
      areaSlug: 'riverside',
      lang: 'en',
      ...overrides,
    },
    questions: [
      { id: 'differently', title: 'Are we doing things differently?' },
      { id: 'impact_on_users', title: 'What difference has it made to services?' },
      { id: 'impact_on_participants', title: 'What difference has it made to those who took part?' },
      { id: 'who_takes_part', title: 'Who is taking part, and who is missing?' },
    ],
    sections: [
      section('p1', 'evaluation.levels', 'How we involved people', 'differently', levels, ['We held more co-designed workshops than last year.', 'Next year we will try more.'], 'Riverside Parent Carer Forum'),
      section('p2', 'feedback.what_changed', 'You said, we did', 'impact_on_users', feedback),
      section('p3', 'evaluation.impact', 'What taking part did', 'impact_on_participants', emptySection('Nobody answered the impact check in this period.')),
      section('p4', 'gone.section', 'A section no longer there', 'who_takes_part', null, ['Our own words stay.'], null),
      { partId: 'p5', kind: 'written', key: null, title: 'What parent carers say about this year', question: null, content: null, commentary: ['Parents told us the forum listened.'], writtenBy: 'Riverside Parent Carer Forum' },
    ],
    builtAt: '2026-09-12T09:59:00.000Z',
    frozen: true,
  };
}
