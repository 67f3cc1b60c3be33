/**
 * The evaluation module's sections of a report (issue 14 §1): data-first, one fixed set of queries each,
 * whatever the number of activities or contributions. Rendering is the reports module's.
 *
 * The period and scope rules (reports/sections.ts), as these sections apply them:
 * - an activity counts when it was held in the period (the activities module's reportActivities);
 *   what staff recorded about an activity (its achieved level, its Lundy checklist, what they did
 *   differently) counts with the activity, whenever it was written down;
 * - what people gave (participants' ratings, "About you" answers, impact checks) counts in the
 *   period it was given, for the activities in the report's scope;
 * - scope 'organisation': that organisation's activities; 'service': activities whose services
 *   include it. The impact check is a person's, not an activity's: it is only in area reports.
 *
 * Counts of people (ratings, answers, checks) of 1 to 7 are hidden with secondary suppression
 * where a total is shown (lib/suppression.ts). Counts of activities and organisations are not
 * people and are shown as they are.
 */
import { withArea } from '../../db/db.ts';
import { SMALLEST_SHOWN, isSmall, percentOf, suppressEach, suppressRow, type Suppression } from '../../lib/suppression.ts';
import { reportActivities, type ReportActivity } from '../activities/activities.service.ts';
import { listForumsAndBoards, listOrganisations } from '../areas/areas.service.ts';
import { countCell, emptySection, formatDate, type Cell, type EasyReadLine, type Figure, type ReportChart, type ReportSectionDefinition, type ReportTable, type SectionContent, type SectionContext, type Translate } from '../reports/index.ts';
import * as charterRepo from './charter-assessment.repository.ts';
import { CHARTER_RATINGS, principleRating, ratingOrder, type CharterRating } from './data/charter-assessment-scale.ts';
import { COMMON_LEVELS, levelOrder, type CommonLevel } from './data/common-levels.ts';
import { IMPACT_ITEMS, CHECK_VERSIONS } from './data/impact-questions.ts';
import { LUNDY_ELEMENTS, type LundyElement } from './data/lundy.ts';
import { areaLadder, disagreement } from './ladders.service.ts';
import { lundyConfig } from './lundy.service.ts';
import * as repo from './report-sections.repository.ts';
import { flagText, groupLabel, representationForReport } from './representation.service.ts';

const K = 'evaluation.reports';

// ── Shared helpers ────────────────────────────────────────────────────────────────────────────

/** The activities in the report's scope: only those held in the period, unless `all` (then each says whether it was). */
function activitiesOf(context: SectionContext, all = false): Promise<ReportActivity[]> {
  const { scope } = context;
  return reportActivities(context.db, context.areaId, {
    from: context.from,
    to: context.to,
    organisationId: scope.kind === 'organisation' ? scope.organisationId : undefined,
    service: scope.kind === 'service' ? scope.service : undefined,
    heldOnly: !all,
  });
}

/** The scope's activity ids for what people gave in the period (null: the whole area, no filter). One query, none for the area. */
async function scopeIds(context: SectionContext): Promise<string[] | null> {
  if (context.scope.kind === 'area') return null;
  return (await activitiesOf(context, true)).map((a) => a.id);
}

const content = (c: Partial<SectionContent>): SectionContent => ({ paragraphs: [], figures: [], tables: [], charts: [], quotes: [], notes: [], easyRead: [], empty: false, ...c });

const figure = (label: string, count: number, suppression: Suppression = 'none', note?: string): Figure => ({ label, ...countCell(count, suppression), ...(note ? { note } : {}) });

/** A count of people as words: the number, or "fewer than 8" / "a hidden number". */
function peopleWords(t: Translate, count: number, suppression: Suppression): string {
  if (suppression === 'small') return t(`${K}.fewer`);
  if (suppression === 'secondary') return t(`${K}.hiddenNumber`);
  return String(count);
}

const levelName = (t: Translate, level: CommonLevel) => t(`evaluation.ladders.common.${level}.name`);

// ── 1. Activities held and by level of participation ───────────────────────────────────────────

const WHO: Record<ReportActivity['audience'], string> = { children_young_people: 'youngPeople', parent_carers: 'parentCarers', both: 'participants' };
const TOP_DISAGREEMENTS = 3;

async function buildLevels(context: SectionContext): Promise<SectionContent> {
  const { t, db, areaId } = context;
  const activities = await activitiesOf(context);
  if (activities.length === 0) return emptySection(t(`${K}.levels.empty`), { text: t(`${K}.levels.easyEmpty`), symbol: '1F4C5' });
  const ids = activities.map((a) => a.id);
  const [ladder, latest, byLevel, byActivity] = await Promise.all([
    areaLadder(db, areaId),
    withArea(db, areaId, (tx) => repo.latestLevels(tx, areaId, ids)),
    scopeIds(context).then((scope) => withArea(db, areaId, (tx) => repo.ratingsByLevel(tx, areaId, context, scope))),
    withArea(db, areaId, (tx) => repo.ratingsByActivity(tx, areaId, ids)),
  ]);

  // What participants said of each activity: the level most of them chose (the lower of equals), only from 8 ratings.
  const perActivity = new Map<string, Map<CommonLevel, number>>();
  for (const r of byActivity) {
    const m = perActivity.get(r.activityId) ?? new Map<CommonLevel, number>();
    m.set(r.commonLevel, r.count);
    perActivity.set(r.activityId, m);
  }
  const participantsLevel = (id: string): CommonLevel | null => {
    const m = perActivity.get(id);
    if (!m) return null;
    const total = [...m.values()].reduce((s, n) => s + n, 0);
    if (total < SMALLEST_SHOWN) return null;
    let best: CommonLevel | null = null;
    for (const [level, n] of m) if (!best || n > m.get(best)! || (n === m.get(best)! && levelOrder(level) < levelOrder(best))) best = level;
    return best;
  };

  const planned = new Map<CommonLevel, number>();
  const achieved = new Map<CommonLevel, number>();
  const disagreements: Array<{ activity: ReportActivity; staff: CommonLevel; participants: CommonLevel }> = [];
  for (const a of activities) {
    if (a.plannedLevel) planned.set(a.plannedLevel as CommonLevel, (planned.get(a.plannedLevel as CommonLevel) ?? 0) + 1);
    const staff = latest.get(a.id);
    if (staff) achieved.set(staff, (achieved.get(staff) ?? 0) + 1);
    const said = participantsLevel(a.id);
    const d = disagreement(staff, said);
    if (d) disagreements.push({ activity: a, staff: d.staff, participants: d.participants });
  }
  const levels = COMMON_LEVELS.map((l) => l.key);
  const ratingCounts = levels.map((l) => byLevel.get(l) ?? 0);
  const ratingsTotal = ratingCounts.reduce((s, n) => s + n, 0);
  // Ratings are people: each person's rating is in one level, and the total is shown.
  const ratingSuppression = suppressRow(ratingCounts);
  const totalSuppression: Suppression = isSmall(ratingsTotal) ? 'small' : 'none';
  const rated = latest.size;
  const plannedCount = activities.filter((a) => a.plannedLevel).length;

  const table: ReportTable = {
    id: 'levels',
    caption: t(`${K}.levels.tableCaption`),
    columns: [{ label: t(`${K}.levels.level`) }, { label: t(`${K}.levels.planned`), numeric: true }, { label: t(`${K}.levels.achieved`), numeric: true }, { label: t(`${K}.levels.ratings`), numeric: true }],
    // No total row: the chart draws every row, and the totals are the section's figures.
    rows: levels.map((l, i): Cell[] => [levelName(t, l), countCell(planned.get(l) ?? 0), countCell(achieved.get(l) ?? 0), countCell(ratingCounts[i]!, ratingSuppression[i])]),
  };
  const chart: ReportChart = { id: 'levels-chart', title: t(`${K}.levels.chartTitle`), description: t(`${K}.levels.chartDescription`), tableId: 'levels', labelColumn: 0, valueColumns: [1, 2] };

  const top = [...achieved].sort(([a, x], [b, y]) => y - x || levelOrder(b) - levelOrder(a))[0];
  const helpedDecide = (achieved.get('co_design') ?? 0) + (achieved.get('co_produce') ?? 0);
  const paragraphs = [
    t(`${K}.levels.held`, { count: activities.length }),
    t(`${K}.levels.ratedSentence`, { count: activities.length, rated, planned: plannedCount }),
    ...(top ? [t(`${K}.levels.mostCommon`, { level: levelName(t, top[0]).toLowerCase(), count: top[1] })] : []),
    ratingsTotal === 0 ? t(`${K}.levels.noRatings`) : t(`${K}.levels.ratingsSentence`, { count: totalSuppression === 'none' ? ratingsTotal : 0, n: peopleWords(t, ratingsTotal, totalSuppression) }),
    disagreements.length === 0 ? t(`${K}.levels.noDisagreements`) : t(`${K}.levels.disagreements`, { count: disagreements.length }),
    ...disagreements.slice(0, TOP_DISAGREEMENTS).map((d) =>
      t(`${K}.levels.disagreementLine`, {
        title: d.activity.title,
        staff: t(`evaluation.ladders.common.${d.staff}.lower`),
        who: t(`evaluation.ladders.disagree.who.${WHO[d.activity.audience]}`),
        said: t(`evaluation.ladders.common.${d.participants}.said`),
      }),
    ),
  ];
  const unverified = ladder.rungs.filter((r) => r.status === 'unverified').map((r) => r.name);
  const notes = [
    t(`${K}.levels.crosswalk`, { ladder: ladder.name }),
    ...(unverified.length > 0 ? [t(`${K}.levels.unverified`, { count: unverified.length, rungs: unverified.join(', ') })] : []),
    t(`${K}.levels.participantsRule`),
    ...(ratingSuppression.some((s) => s !== 'none') || totalSuppression !== 'none' ? [t(`${K}.hiddenNote`)] : []),
  ];
  const easyRead: EasyReadLine[] = [
    { text: t(`${K}.levels.easyHeld`, { count: activities.length }), symbol: '1F4C5' },
    ...(helpedDecide > 0 ? [{ text: t(`${K}.levels.easyDecide`, { count: helpedDecide }), symbol: '1F91D' }] : []),
    ...(disagreements.length > 0 ? [{ text: t(`${K}.levels.easyDisagree`, { count: disagreements.length }), symbol: '1F914' }] : []),
  ];
  return content({
    paragraphs,
    figures: [
      figure(t(`${K}.levels.figHeld`), activities.length),
      figure(t(`${K}.levels.figRated`), rated),
      figure(t(`${K}.levels.figRatings`), ratingsTotal, totalSuppression),
      figure(t(`${K}.levels.figDisagreements`), disagreements.length),
    ],
    tables: [table],
    charts: [chart],
    notes,
    easyRead,
  });
}

// ── 2. Lundy scores ────────────────────────────────────────────────────────────────────────────

async function buildLundy(context: SectionContext): Promise<SectionContent> {
  const { t, db, areaId } = context;
  const activities = await activitiesOf(context);
  if (activities.length === 0) return emptySection(t(`${K}.lundy.empty`), { text: t(`${K}.levels.easyEmpty`), symbol: '1F4C5' });
  const config = await lundyConfig(db, areaId);
  const tallies = await withArea(db, areaId, (tx) =>
    repo.lundyTallies(
      tx,
      areaId,
      config.template.id,
      activities.map((a) => a.id),
    ),
  );
  const known = tallies.filter((x) => (LUNDY_ELEMENTS as readonly string[]).includes(x.element));
  const checked = new Set(known.map((x) => x.activityId)).size;
  if (checked === 0) return emptySection(t(`${K}.lundy.noneChecked`, { count: activities.length }), { text: t(`${K}.lundy.easyNone`), symbol: '1F4CB' });

  const rows = LUNDY_ELEMENTS.map((element) => {
    const mine = known.filter((x) => x.element === element && x.counted > 0);
    const met = mine.filter((x) => x.points === x.counted).length;
    const not = mine.filter((x) => x.points === 0).length;
    const points = mine.reduce((s, x) => s + x.points, 0);
    const counted = mine.reduce((s, x) => s + x.counted, 0);
    return { element, met, partly: mine.length - met - not, not, percent: percentOf(points, counted), points, counted };
  });
  const overall = percentOf(
    rows.reduce((s, r) => s + r.points, 0),
    rows.reduce((s, r) => s + r.counted, 0),
  );
  const name = (e: LundyElement) => t(`evaluation.lundy.elements.${e}.name`);
  const scored = rows.filter((r) => r.percent !== null);
  const weakest = [...scored].sort((a, b) => a.percent! - b.percent!)[0];
  const strongest = [...scored].sort((a, b) => b.percent! - a.percent!)[0];
  const scoreCell = (p: number | null): Cell => (p === null ? t(`${K}.lundy.noScore`) : { value: p, unit: 'percent', suppression: 'none' });
  const table: ReportTable = {
    id: 'lundy',
    caption: t(`${K}.lundy.tableCaption`, { count: checked }),
    columns: [
      { label: t(`${K}.lundy.principle`) },
      { label: t(`${K}.lundy.met`), numeric: true },
      { label: t(`${K}.lundy.partly`), numeric: true },
      { label: t(`${K}.lundy.not`), numeric: true },
      { label: t(`${K}.lundy.score`), numeric: true },
    ],
    rows: [...rows.map((r): Cell[] => [name(r.element), countCell(r.met), countCell(r.partly), countCell(r.not), scoreCell(r.percent)]), [t(`${K}.lundy.overall`), '', '', '', scoreCell(overall)]],
  };
  const unverified = config.items.filter((i) => i.status === 'unverified').length;
  return content({
    paragraphs: [
      t(`${K}.lundy.checked`, { count: activities.length, checked }),
      ...(overall !== null ? [t(`${K}.lundy.overallSentence`, { percent: overall })] : []),
      ...(weakest && strongest && weakest.element !== strongest.element
        ? [t(`${K}.lundy.weakest`, { weakest: name(weakest.element), weakestPercent: weakest.percent, strongest: name(strongest.element), strongestPercent: strongest.percent })]
        : []),
      ...(weakest ? [t(`${K}.lundy.principleMeaning`, { principle: name(weakest.element), meaning: t(`evaluation.lundy.elements.${weakest.element}.principle`) })] : []),
    ],
    figures: [figure(t(`${K}.lundy.figChecked`), checked), ...(overall !== null ? [{ label: t(`${K}.lundy.figOverall`), value: overall, unit: 'percent' as const, suppression: 'none' as const }] : [])],
    tables: [table],
    charts: [{ id: 'lundy-chart', title: t(`${K}.lundy.chartTitle`), description: t(`${K}.lundy.chartDescription`), tableId: 'lundy', labelColumn: 0, valueColumns: [1, 2, 3] }],
    notes: [
      t(`${K}.lundy.howScored`, { template: config.template.name }),
      ...(unverified > 0 ? [t(`${K}.lundy.unverified`, { count: unverified })] : []),
      ...(activities.length > checked ? [t(`${K}.lundy.notChecked`, { count: activities.length - checked })] : []),
    ],
    easyRead: [
      { text: t(`${K}.lundy.easyChecked`, { count: checked }), symbol: '1F4CB' },
      ...(weakest ? [{ text: t(`${K}.lundy.easyWeakest.${weakest.element}`), symbol: '1F527' }] : []),
    ],
  });
}

// ── 3. Who took part, compared with everyone ─────────────────────────────────────────────────

const REPORTED = ['sex', 'ethnicity', 'need_type'] as const;

async function buildRepresentation(context: SectionContext): Promise<SectionContent> {
  const { t, db, areaId } = context;
  const ids = await scopeIds(context);
  const report = await representationForReport(db, areaId, { from: context.from, to: context.to, activityIds: ids });
  const withFigures = report.sections.filter((s) => (REPORTED as readonly string[]).includes(s.characteristic));
  if (withFigures.length === 0) return emptySection(t(`${K}.representation.noPopulation`), { text: t(`${K}.representation.easyNoPopulation`), symbol: '1F465' });
  const answered = Math.max(...withFigures.map((s) => s.participants));
  if (answered === 0) return emptySection(t(`${K}.representation.noAnswers`), { text: t(`${K}.representation.easyNoAnswers`), symbol: '1F465' });
  // Fewer than 8 people: too few to compare, and every group's count would be hidden anyway.
  if (isSmall(answered)) return emptySection(t(`${K}.representation.tooFew`), { text: t(`${K}.representation.easyTooFew`), symbol: '1F465' });
  // A characteristic nobody answered has nothing to show.
  const sections = withFigures.filter((s) => s.participants > 0);

  const characteristic = (c: string) => t(`evaluation.representation.characteristics.${c}`);
  const share = (value: number | null, suppression: Suppression): Cell => (value !== null ? { value, unit: 'percent', suppression: 'none' } : suppression === 'none' ? '-' : { value: null, suppression });
  const tables: ReportTable[] = sections.map((s) => ({
    id: `representation-${s.characteristic.replace(/_/g, '-')}`,
    caption: t(`${K}.representation.tableCaption`, { characteristic: characteristic(s.characteristic).toLowerCase(), asAt: formatDate(s.asAt, context.lang), source: s.source }),
    columns: [
      { label: t(`${K}.representation.group`) },
      { label: t(`${K}.representation.participants`), numeric: true },
      { label: t(`${K}.representation.participantShare`), numeric: true },
      { label: t(`${K}.representation.populationShare`), numeric: true },
      { label: t(`${K}.representation.compared`) },
    ],
    rows: s.rows.map((r): Cell[] => [
      groupLabel(t, s.characteristic, r.value),
      r.participants.count === null ? countCell(0, r.participants.suppression) : countCell(r.participants.count),
      share(r.participantShare, r.participants.suppression),
      share(r.populationShare, r.population.suppression),
      r.direction ? t(`${K}.representation.direction.${r.direction}`) : '',
    ]),
  }));
  const charts: ReportChart[] = tables.map((table, i) => ({
    id: `${table.id}-chart`,
    title: t(`${K}.representation.chartTitle`, { characteristic: characteristic(sections[i]!.characteristic).toLowerCase() }),
    description: t(`${K}.representation.chartDescription`),
    tableId: table.id,
    labelColumn: 0,
    valueColumns: [2, 3],
  }));
  const flags = report.flags.filter((f) => (REPORTED as readonly string[]).includes(f.characteristic));
  const under = flags.filter((f) => f.direction === 'under');
  const missing = REPORTED.filter((c) => !sections.some((s) => s.characteristic === c));
  const anyHidden = sections.some((s) => s.anyHidden);
  return content({
    paragraphs: [
      t(`${K}.representation.intro`, { count: answered }),
      under.length === 0 ? t(`${K}.representation.noneUnder`) : t(`${K}.representation.under`, { count: under.length }),
      ...flags.map((f) => flagText(t, f)),
    ],
    figures: [figure(t(`${K}.representation.figAnswered`), answered, isSmall(answered) ? 'small' : 'none'), figure(t(`${K}.representation.figUnder`), under.length)],
    tables,
    charts,
    notes: [
      t(`${K}.representation.how`),
      ...(context.scope.kind !== 'area' ? [t(`${K}.representation.scopeNote`)] : []),
      ...missing.map((c) => t(`${K}.representation.missing`, { characteristic: characteristic(c).toLowerCase() })),
      ...(anyHidden ? [t(`${K}.hiddenNote`)] : []),
    ],
    easyRead: [
      { text: t(`${K}.representation.easyCompared`), symbol: '1F465' },
      { text: under.length > 0 ? t(`${K}.representation.easyUnder`) : t(`${K}.representation.easyFair`), symbol: under.length > 0 ? '1F50D' : '2705' },
    ],
  });
}

// ── 4. What taking part did for participants ─────────────────────────────────────────────────

async function buildImpact(context: SectionContext): Promise<SectionContent> {
  const { t, db, areaId } = context;
  if (context.scope.kind !== 'area') return emptySection(t(`${K}.impact.areaOnly`));
  const items = IMPACT_ITEMS.map((i) => i.id);
  const { paired, checks } = await withArea(db, areaId, async (tx) => ({ paired: await repo.pairedChangeIn(tx, areaId, items, context), checks: await repo.checksIn(tx, areaId, context) }));
  if (checks.first + checks.again === 0) return emptySection(t(`${K}.impact.empty`), { text: t(`${K}.impact.easyEmpty`), symbol: '1F4AC' });
  const [firstSuppression, againSuppression] = suppressEach([checks.first, checks.again]);
  const shown = CHECK_VERSIONS.flatMap((version) =>
    IMPACT_ITEMS.flatMap((item) => {
      const row = paired.find((p) => p.version === version && p.item === item.id);
      return row && row.pairs >= SMALLEST_SHOWN ? [{ ...row, key: item.key }] : [];
    }),
  );
  const notShown = paired.filter((p) => p.pairs < SMALLEST_SHOWN).length;
  const rows = shown.map((r): Cell[] => {
    const s = suppressRow([r.better, r.same, r.worse]);
    return [
      t(`${K}.impact.item`, { statement: t(`evaluation.impact.check.items.${r.key}.${r.version}`), who: t(`${K}.impact.version.${r.version}`) }),
      countCell(r.pairs),
      countCell(r.better, s[0], s[0] === 'none' ? percentOf(r.better, r.pairs) : null),
      countCell(r.same, s[1]),
      countCell(r.worse, s[2]),
    ];
  });
  const tables: ReportTable[] = shown.length
    ? [
        {
          id: 'impact',
          caption: t(`${K}.impact.tableCaption`),
          columns: [{ label: t(`${K}.impact.statement`) }, { label: t(`${K}.impact.pairs`), numeric: true }, { label: t(`${K}.impact.better`), numeric: true }, { label: t(`${K}.impact.same`), numeric: true }, { label: t(`${K}.impact.worse`), numeric: true }],
          rows,
        },
      ]
    : [];
  // The statement most people felt better about, among those whose "better" count is shown.
  const best = shown.filter((r) => suppressRow([r.better, r.same, r.worse])[0] === 'none').sort((a, b) => b.better / b.pairs - a.better / a.pairs)[0];
  return content({
    paragraphs: [
      t(`${K}.impact.answered`, { first: peopleWords(t, checks.first, firstSuppression!), again: peopleWords(t, checks.again, againSuppression!) }),
      shown.length === 0 ? t(`${K}.impact.tooFewPairs`) : t(`${K}.impact.pairedIntro`),
      ...(best
        ? [t(`${K}.impact.best`, { statement: t(`evaluation.impact.check.items.${best.key}.${best.version}`), percent: percentOf(best.better, best.pairs), pairs: best.pairs })]
        : []),
    ],
    figures: [figure(t(`${K}.impact.figFirst`), checks.first, firstSuppression), figure(t(`${K}.impact.figAgain`), checks.again, againSuppression)],
    tables,
    charts: shown.length ? [{ id: 'impact-chart', title: t(`${K}.impact.chartTitle`), description: t(`${K}.impact.chartDescription`), tableId: 'impact', labelColumn: 0, valueColumns: [2, 3, 4] }] : [],
    notes: [t(`${K}.impact.how`), ...(notShown > 0 ? [t(`${K}.impact.notShown`, { count: notShown })] : [])],
    easyRead: [
      { text: t(`${K}.impact.easyAsked`), symbol: '1F4AC' },
      ...(best ? [{ text: t(`${K}.impact.easyBest`, { statement: t(`evaluation.impact.check.items.${best.key}.child`).toLowerCase() }), symbol: '1F31F' }] : []),
    ],
  });
}

// ── 4b. What we did differently and what changed for service users ────────────────────────────

async function buildChanges(context: SectionContext): Promise<SectionContent> {
  const { t, db, areaId } = context;
  const activities = await activitiesOf(context);
  if (activities.length === 0) return emptySection(t(`${K}.changes.empty`), { text: t(`${K}.levels.easyEmpty`), symbol: '1F4C5' });
  const counts = await withArea(db, areaId, (tx) =>
    repo.changeCounts(
      tx,
      areaId,
      activities.map((a) => a.id),
    ),
  );
  const n = activities.length;
  const table: ReportTable = {
    id: 'changes',
    caption: t(`${K}.changes.tableCaption`, { count: n }),
    columns: [{ label: t(`${K}.changes.what`) }, { label: t(`${K}.changes.activities`), numeric: true }],
    rows: [
      [t(`${K}.changes.differently`), countCell(counts.differently, 'none', percentOf(counts.differently, n))],
      [t(`${K}.changes.users`), countCell(counts.users, 'none', percentOf(counts.users, n))],
      [t(`${K}.changes.none`), countCell(n - counts.any, 'none', percentOf(n - counts.any, n))],
    ],
  };
  return content({
    paragraphs: [
      t(`${K}.changes.sentence`, { count: n, differently: counts.differently, users: counts.users }),
      counts.any < n ? t(`${K}.changes.missing`, { count: n - counts.any }) : t(`${K}.changes.all`),
      ...(counts.responses > 0 ? [t(`${K}.changes.responses`, { count: counts.responses })] : []),
    ],
    figures: [figure(t(`${K}.levels.figHeld`), n), figure(t(`${K}.changes.figDifferently`), counts.differently), figure(t(`${K}.changes.figUsers`), counts.users)],
    tables: [table],
    charts: [{ id: 'changes-chart', title: t(`${K}.changes.chartTitle`), description: t(`${K}.changes.chartDescription`), tableId: 'changes', labelColumn: 0, valueColumns: [1] }],
    notes: [t(`${K}.changes.how`)],
    easyRead: [{ text: t(`${K}.changes.easy`, { count: counts.any }), symbol: '1F504' }],
  });
}

// ── 5. The charter self-assessment ──────────────────────────────────────────────────────────

async function buildCharter(context: SectionContext): Promise<SectionContent> {
  const { t, db, areaId, scope } = context;
  const [organisations, { forums }, found] = await Promise.all([
    listOrganisations(db, areaId),
    listForumsAndBoards(db, areaId),
    withArea(db, areaId, async (tx) => {
      const cycles = await charterRepo.listCycles(tx, areaId);
      // The latest year whose cycle overlaps the period: opened by its end, and open (or its deadline) after its start.
      const cycle = cycles.find((c) => {
        const opened = c.openedAt.toISOString().slice(0, 10);
        const ended = c.closedAt ? c.closedAt.toISOString().slice(0, 10) : '9999-12-31';
        const last = ended > c.deadlineOn ? ended : c.deadlineOn;
        return opened <= context.to && last >= context.from;
      });
      if (!cycle) return undefined;
      return {
        cycle,
        principles: await charterRepo.listPrinciples(tx, areaId, cycle.id),
        progress: await charterRepo.listProgress(tx, areaId, cycle.id),
        counts: await charterRepo.principleCounts(tx, areaId, [cycle.id]),
        forumRatings: await charterRepo.listForumRatings(tx, areaId, cycle.id),
      };
    }),
  ]);
  if (!found) return emptySection(t(`${K}.charter.empty`), { text: t(`${K}.charter.easyEmpty`), symbol: '1F4DC' });
  const { cycle, principles, progress, counts, forumRatings } = found;
  const byOrganisation = new Map(progress.map((p) => [p.organisationId, p]));
  // An open year asks every organisation the area has now; a closed one, those it asked (as the charter pages do).
  let asked = cycle.status === 'open' ? organisations : organisations.filter((o) => byOrganisation.get(o.id)?.listed);
  if (scope.kind === 'organisation') asked = asked.filter((o) => o.id === scope.organisationId);
  if (asked.length === 0) return emptySection(t(`${K}.charter.notAsked`, { year: cycle.year }), { text: t(`${K}.charter.easyEmpty`), symbol: '1F4DC' });
  const inScope = new Set(asked.map((o) => o.id));
  const finished = asked.filter((o) => byOrganisation.get(o.id)?.finishedAt).length;
  const own = new Map<string, CharterRating | undefined>();
  for (const c of counts) if (inScope.has(c.organisationId)) own.set(`${c.organisationId}:${c.principleId}`, principleRating(c));

  // Counts of organisations: organisations are partners, not people, so nothing here is suppressed.
  const ratingKeys = CHARTER_RATINGS.map((r) => r.key);
  const ratingName = (r: CharterRating | undefined) => t(`evaluation.charterAssessment.ratings.${r ?? 'none'}`);
  const principleRows = principles.map((p) => {
    const tally = Object.fromEntries(ratingKeys.map((k) => [k, 0])) as Record<CharterRating, number>;
    let unrated = 0;
    for (const o of asked) {
      const r = own.get(`${o.id}:${p.id}`);
      if (r) tally[r] += 1;
      else unrated += 1;
    }
    return { principle: p, tally, unrated };
  });
  const ratingsTable: ReportTable = {
    id: 'charter',
    caption: t(`${K}.charter.tableCaption`, { year: cycle.year }),
    columns: [{ label: t(`${K}.charter.principle`) }, ...ratingKeys.map((k) => ({ label: ratingName(k), numeric: true })), { label: ratingName(undefined), numeric: true }],
    rows: principleRows.map((r): Cell[] => [r.principle.title, ...ratingKeys.map((k) => countCell(r.tally[k])), countCell(r.unrated)]),
  };
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const forumName = new Map(forums.map((f) => [f.id, f.name]));
  const principleTitle = new Map(principles.map((p) => [p.id, p.title]));
  const position = new Map(principles.map((p) => [p.id, p.position]));
  const differences = forumRatings
    .filter((f) => inScope.has(f.organisationId) && forumName.has(f.forumId) && principleTitle.has(f.principleId))
    .map((f) => ({ ...f, own: own.get(`${f.organisationId}:${f.principleId}`) }))
    .filter((f) => f.own !== f.rating)
    .sort((a, b) => organisationName.get(a.organisationId)!.localeCompare(organisationName.get(b.organisationId)!) || position.get(a.principleId)! - position.get(b.principleId)!);
  const lower = differences.filter((d) => d.own && ratingOrder(d.rating) < ratingOrder(d.own)).length;
  const tables: ReportTable[] = [ratingsTable];
  if (differences.length > 0) {
    tables.push({
      id: 'charter-differences',
      caption: t(`${K}.charter.differencesCaption`),
      columns: [{ label: t(`${K}.charter.organisation`) }, { label: t(`${K}.charter.principle`) }, { label: t(`${K}.charter.ownRating`) }, { label: t(`${K}.charter.forumRating`) }],
      rows: differences.map((d): Cell[] => [organisationName.get(d.organisationId)!, principleTitle.get(d.principleId)!, ratingName(d.own), t(`${K}.charter.forumSaid`, { rating: ratingName(d.rating), forum: forumName.get(d.forumId)! })]),
    });
  }
  const metAll = asked.filter((o) => principles.length > 0 && principles.every((p) => own.get(`${o.id}:${p.id}`) === 'met')).length;
  const weakest = [...principleRows].sort((a, b) => b.tally.not_yet - a.tally.not_yet || a.principle.position - b.principle.position)[0];
  return content({
    paragraphs: [
      scope.kind === 'organisation'
        ? t(`${K}.charter.organisationSentence`, { year: cycle.year, organisation: asked[0]!.name, state: t(`${K}.charter.state.${finished ? 'finished' : 'notFinished'}`) })
        : t(`${K}.charter.finished`, { year: cycle.year, finished, count: asked.length }),
      ...(weakest && weakest.tally.not_yet > 0 ? [t(`${K}.charter.weakest`, { principle: weakest.principle.title, count: weakest.tally.not_yet })] : []),
      differences.length === 0 ? t(`${K}.charter.noDifferences`) : t(`${K}.charter.differences`, { count: differences.length, lower }),
    ],
    figures: [
      figure(t(`${K}.charter.figFinished`), finished, 'none', t(`${K}.charter.figOf`, { count: asked.length })),
      figure(t(`${K}.charter.figMet`), metAll),
      figure(t(`${K}.charter.figDifferences`), differences.length),
    ],
    tables,
    charts: [{ id: 'charter-chart', title: t(`${K}.charter.chartTitle`, { year: cycle.year }), description: t(`${K}.charter.chartDescription`), tableId: 'charter', labelColumn: 0, valueColumns: ratingKeys.map((_, i) => i + 1) }],
    notes: [
      t(`${K}.charter.how`),
      ...(cycle.status === 'open' ? [t(`${K}.charter.stillOpen`, { year: cycle.year, deadline: formatDate(cycle.deadlineOn, context.lang) })] : []),
      ...(scope.kind === 'service' ? [t(`${K}.charter.serviceNote`)] : []),
    ],
    easyRead: [
      { text: t(`${K}.charter.easyFinished`, { count: finished }), symbol: '1F4DC' },
      ...(differences.length > 0 ? [{ text: t(`${K}.charter.easyDifferences`), symbol: '1F5E3' }] : []),
    ],
  });
}

export const evaluationReportSections: readonly ReportSectionDefinition[] = [
  { key: 'evaluation.levels', order: 210, kinds: ['board', 'local_account'], question: 'differently', title: (t) => t(`${K}.levels.title`), easyReadTitle: (t) => t(`${K}.levels.easyReadTitle`), build: buildLevels },
  { key: 'evaluation.lundy', order: 220, kinds: ['board', 'local_account'], question: 'differently', title: (t) => t(`${K}.lundy.title`), easyReadTitle: (t) => t(`${K}.lundy.easyReadTitle`), build: buildLundy },
  { key: 'evaluation.charter', order: 230, kinds: ['board'], question: 'differently', title: (t) => t(`${K}.charter.title`), easyReadTitle: (t) => t(`${K}.charter.easyReadTitle`), build: buildCharter },
  { key: 'evaluation.changes', order: 310, kinds: ['board', 'local_account'], question: 'impact_on_users', title: (t) => t(`${K}.changes.title`), easyReadTitle: (t) => t(`${K}.changes.easyReadTitle`), build: buildChanges },
  { key: 'evaluation.impact', order: 410, kinds: ['board', 'local_account'], question: 'impact_on_participants', title: (t) => t(`${K}.impact.title`), easyReadTitle: (t) => t(`${K}.impact.easyReadTitle`), build: buildImpact },
  { key: 'evaluation.representation', order: 510, kinds: ['board', 'local_account'], question: 'who_takes_part', title: (t) => t(`${K}.representation.title`), easyReadTitle: (t) => t(`${K}.representation.easyReadTitle`), build: buildRepresentation },
];
