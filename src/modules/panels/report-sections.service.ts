/**
 * The panels module's sections of a report (issue 16 §3): data-first, a fixed number of queries
 * whatever the number of panels, counts only (1–7 hidden), never a name.
 *
 * - panels.decisions: what panels decided in the period (a panel belongs to the period of its
 *   `decided_at`, a London date), by kind; candidates decided; how much young people's scores counted
 *   (the weights stated up front); how often the young people's top choice was the one appointed or
 *   funded; grant money awarded and left. Four queries.
 */
import { sql, type RawBuilder } from 'kysely';
import { withArea } from '../../db/db.ts';
import { isSmall, suppressEach, type Suppression } from '../../lib/suppression.ts';
import { countCell, emptySection, formatNumber, type Figure, type ReportScope, type ReportSectionDefinition, type SectionContent, type SectionContext } from '../reports/index.ts';
import { combinedResults } from './scoring.results.ts';
import { pounds } from '../../lib/money.ts';

const small = (count: number): Suppression => (isSmall(count) ? 'small' : 'none');
const KINDS = ['interview', 'grant'] as const;
const CHOSEN = new Set(['appointed', 'funded', 'part_funded']);

function scopeCondition(scope: ReportScope): RawBuilder<unknown> {
  if (scope.kind === 'organisation') return sql`AND a.organisation_id = ${scope.organisationId}::uuid`;
  if (scope.kind === 'service') return sql`AND ${scope.service} = ANY(a.services)`;
  return sql``;
}

export type DecisionFigures = {
  byKind: Record<(typeof KINDS)[number], { panels: number; candidates: number; youthTopChosen: number; youthTopKnown: number }>;
  weights: number[];
  awardedPence: number;
  potPence: number;
};

/** The figures, in four queries whatever the number of panels, candidates or scores. */
export async function decisionFigures(ctx: Pick<SectionContext, 'db' | 'areaId' | 'scope' | 'from' | 'to'>): Promise<DecisionFigures> {
  return withArea(ctx.db, ctx.areaId, async (tx) => {
    const panels = (
      await sql<{ id: string; kind: 'interview' | 'grant'; youth_weight: number; pot_pence: string | null }>`
        SELECT p.id, p.kind, p.youth_weight, p.pot_pence FROM panel p
        JOIN activity a ON a.id = p.activity_id AND a.area_id = p.area_id
        WHERE p.area_id = ${ctx.areaId} AND p.status = 'decided' AND p.kind IN ('interview', 'grant')
          AND (p.decided_at AT TIME ZONE 'Europe/London')::date BETWEEN ${ctx.from}::date AND ${ctx.to}::date
          ${scopeCondition(ctx.scope)}`.execute(tx)
    ).rows;
    const ids = panels.map((p) => p.id);
    const empty = { panels: 0, candidates: 0, youthTopChosen: 0, youthTopKnown: 0 };
    const out: DecisionFigures = { byKind: { interview: { ...empty }, grant: { ...empty } }, weights: panels.map((p) => p.youth_weight), awardedPence: 0, potPence: 0 };
    if (ids.length === 0) return out;
    const [candidates, criteria, scores] = await Promise.all([
      tx.selectFrom('panel_candidate').select(['id', 'panel_id', 'outcome', 'award_pence', 'position']).where('area_id', '=', ctx.areaId).where('panel_id', 'in', ids).where('withdrawn_at', 'is', null).execute(),
      tx.selectFrom('panel_criterion').select(['id', 'panel_id', 'weight']).where('area_id', '=', ctx.areaId).where('panel_id', 'in', ids).execute(),
      tx
        .selectFrom('panel_score as s')
        .innerJoin('panel_scoresheet as h', (j) => j.onRef('h.member_id', '=', 's.member_id').onRef('h.candidate_id', '=', 's.candidate_id').onRef('h.area_id', '=', 's.area_id'))
        .innerJoin('panel_member as m', (j) => j.onRef('m.id', '=', 's.member_id').onRef('m.area_id', '=', 's.area_id'))
        .select(['h.panel_id', 's.member_id', 'm.member_kind', 's.candidate_id', 's.criterion_id', 's.score'])
        .where('s.area_id', '=', ctx.areaId)
        .where('h.panel_id', 'in', ids)
        .where('h.submitted_at', 'is not', null)
        .execute(),
    ]);
    for (const panel of panels) {
      const k = out.byKind[panel.kind];
      k.panels += 1;
      const mine = candidates.filter((c) => c.panel_id === panel.id);
      k.candidates += mine.filter((c) => c.outcome).length;
      if (panel.kind === 'grant') {
        out.potPence += Number(panel.pot_pence ?? 0);
        out.awardedPence += mine.reduce((s, c) => s + Number(c.award_pence ?? 0), 0);
      }
      const results = combinedResults({
        youthWeight: panel.youth_weight,
        criteria: criteria.filter((c) => c.panel_id === panel.id),
        candidateIds: mine.map((c) => c.id),
        scores: scores.filter((s) => s.panel_id === panel.id).map((s) => ({ memberId: s.member_id, side: s.member_kind === 'young_person' ? 'youth' : 'adults', candidateId: s.candidate_id, criterionId: s.criterion_id, score: s.score })),
      });
      // The young people's top choice: their highest mean (none when tied at the top or unscored).
      const scored = results.filter((r) => r.youth !== null).sort((a, b) => b.youth! - a.youth!);
      if (scored.length === 0 || (scored.length > 1 && scored[0]!.youth === scored[1]!.youth)) continue;
      k.youthTopKnown += 1;
      const top = mine.find((c) => c.id === scored[0]!.candidateId);
      if (top?.outcome && CHOSEN.has(top.outcome)) k.youthTopChosen += 1;
    }
    return out;
  });
}

async function buildDecisions(ctx: SectionContext): Promise<SectionContent> {
  const { t, lang } = ctx;
  const f = await decisionFigures(ctx);
  const total = f.byKind.interview.panels + f.byKind.grant.panels;
  if (total === 0) return emptySection(t('panels.scoring.report.empty'), { text: t('panels.scoring.report.easyEmpty'), symbol: '1F5F3' });
  const candidateShown = suppressEach(KINDS.map((k) => f.byKind[k].candidates));
  // Panels are not people: how many panels chose the young people's top choice is shown as it is
  // (hiding it gave "fewer than 8 of 4 panels"). Candidates are people, so their counts are hidden 1–7.
  const allCandidates = f.byKind.interview.candidates + f.byKind.grant.candidates;
  const allMatches = f.byKind.interview.youthTopChosen + f.byKind.grant.youthTopChosen;
  const allKnown = f.byKind.interview.youthTopKnown + f.byKind.grant.youthTopKnown;
  const words = (count: number, s: Suppression) => formatNumber(count, s, t, lang);
  const minW = Math.min(...f.weights);
  const maxW = Math.max(...f.weights);
  const weightWords = minW === maxW ? t('panels.scoring.report.weightSame', { weight: minW }) : t('panels.scoring.report.weightRange', { min: minW, max: maxW });

  const figures: Figure[] = [
    { label: t('panels.scoring.report.figures.panels'), ...countCell(total) },
    { label: t('panels.scoring.report.figures.candidates'), ...countCell(allCandidates, small(allCandidates)) },
    { label: t('panels.scoring.report.figures.youthTop'), ...countCell(allMatches), note: t('panels.scoring.report.figures.youthTopNote', { known: allKnown }) },
  ];
  const paragraphs = [t('panels.scoring.report.decided', { count: total, panels: words(total, 'none'), candidates: words(allCandidates, small(allCandidates)) }), weightWords];
  if (allKnown > 0) paragraphs.push(t('panels.scoring.report.youthTop', { matches: words(allMatches, 'none'), known: allKnown }));
  if (f.byKind.grant.panels > 0) {
    paragraphs.push(t('panels.scoring.report.money', { awarded: pounds(f.awardedPence), left: pounds(Math.max(0, f.potPence - f.awardedPence)) }));
  }
  const easyRead = [
    { text: t('panels.scoring.report.easyDecided', { count: total }), symbol: '1F5F3' },
    { text: t('panels.scoring.report.easyWeight', { weight: Math.round(f.weights.reduce((a, b) => a + b, 0) / f.weights.length) }), symbol: '1F9D1' },
  ];
  if (allKnown > 0) easyRead.push({ text: t('panels.scoring.report.easyTop', { matches: allMatches, known: allKnown }), symbol: '2705' });
  const notes = [t('panels.scoring.report.notePeriod')];
  if (candidateShown.some((s) => s !== 'none') || isSmall(allCandidates)) notes.push(t('panels.scoring.report.noteHidden'));
  return {
    paragraphs,
    figures,
    tables: [
      {
        id: 'by_kind',
        caption: t('panels.scoring.report.caption'),
        columns: [{ label: t('panels.scoring.report.columns.kind') }, { label: t('panels.scoring.report.columns.panels'), numeric: true }, { label: t('panels.scoring.report.columns.candidates'), numeric: true }, { label: t('panels.scoring.report.columns.youthTop'), numeric: true }],
        rows: KINDS.map((k, i) => [t(`panels.scoring.report.kinds.${k}`), countCell(f.byKind[k].panels), countCell(f.byKind[k].candidates, candidateShown[i]), countCell(f.byKind[k].youthTopChosen)]),
      },
      ...(f.byKind.grant.panels > 0
        ? [{ id: 'money', caption: t('panels.scoring.report.moneyCaption'), columns: [{ label: t('panels.scoring.report.columns.pot') }, { label: t('panels.scoring.report.columns.awarded') }, { label: t('panels.scoring.report.columns.left') }], rows: [[pounds(f.potPence), pounds(f.awardedPence), pounds(Math.max(0, f.potPence - f.awardedPence))]] }]
        : []),
    ],
    charts: [],
    quotes: [],
    notes,
    easyRead,
    empty: false,
  };
}

export const panelsReportSections: readonly ReportSectionDefinition[] = [
  {
    key: 'panels.decisions',
    order: 250,
    kinds: ['board', 'local_account', 'annual_publication'],
    question: 'differently',
    title: (t) => t('panels.scoring.report.title'),
    easyReadTitle: (t) => t('panels.scoring.report.easyTitle'),
    build: buildDecisions,
  },
];
