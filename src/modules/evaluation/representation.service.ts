/**
 * Who takes part, compared with everyone (issue 13 §5, question (4) of §4).
 *
 * - Population figures: counts of the children and young people the services serve, by one
 *   characteristic at a time, imported from a CSV file or typed in, each import dated and with its
 *   source; history kept, the latest per characteristic used (representation.repository.ts).
 * - Participants: the optional "About you" answers of the area's submitted survey responses, from
 *   the surveys module in one query. "Prefer not to say", "don't know" and unanswered are left out
 *   of the shares; so are responses from people aged 26 or over (parent carers answering about
 *   themselves), because the population is children and young people.
 * - The comparison: shares, representation ratio, rate per 10,000, a chi-square goodness of fit
 *   and a test per group (representation.statistics.ts), and plain-English flags.
 *
 * Small numbers: every count of people from 1 to 7 is hidden, participants' and population's
 * alike, with secondary suppression (lib/suppression.ts) so a hidden count cannot be worked out from
 * the total and the rest; a share, ratio, rate or test worked out from a hidden count is hidden
 * with it; hidden groups are merged into one cell before the overall test; and a flag about a
 * hidden group says "fewer than 8" (or nothing about the number, for a secondary one).
 */
import { withoutControlCharacters } from '../../lib/control-characters.ts';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import type { Sheet } from '../../lib/csv.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { suppressRow, type Suppression } from '../../lib/suppression.ts';
import { listOrganisations } from '../areas/areas.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { aboutYouCountsForArea, aboutYouCountsForReport, ethnicGroupOf, toXlsx } from '../surveys/results.service.ts';
import { CHARACTERISTICS, GROUPS, TEMPLATE_CODES, TEMPLATE_WORD, participantGroup, type Characteristic } from './data/representation-codes.ts';
import { HEADER, MAX_PROBLEMS_LISTED, readPopulationFile, type FileProblem } from './representation.csv.ts';
import * as repo from './representation.repository.ts';
import { pairedBarChart } from './representation.chart.ts';
import { ALPHA, compare } from './representation.statistics.ts';

export { CHARACTERISTICS, GROUPS, type Characteristic } from './data/representation-codes.ts';
export type { FileProblem } from './representation.csv.ts';
export { MAX_FILE_BYTES } from './representation.csv.ts';

/** Age band of responses left out (parent carers answering about themselves). */
const ADULTS = 'over_25';

// ── Population figures ──────────────────────────────────────────────────────────────────────────

export type PopulationPage = {
  imports: repo.PopulationImport[];
  /** The figures in use for the whole area, per characteristic (groups in order; missing ones absent). */
  current: Array<{ characteristic: Characteristic; asAt: string; source: string; total: number; groups: Array<{ value: string; count: number }> }>;
  /** Organisations with figures of their own, and how many characteristics. */
  organisations: Array<{ id: string; name: string; characteristics: number }>;
};

export async function populationPage(db: Db, areaId: string): Promise<PopulationPage> {
  const [{ imports, counts }, organisations] = await Promise.all([
    withArea(db, areaId, async (tx) => ({ imports: await repo.listImports(tx, areaId), counts: await repo.currentCounts(tx, areaId) })),
    listOrganisations(db, areaId),
  ]);
  const current = CHARACTERISTICS.flatMap((characteristic) => {
    const rows = counts.filter((c) => c.characteristic === characteristic && c.organisationId === null);
    if (rows.length === 0) return [];
    const groups = GROUPS[characteristic].flatMap((value) => rows.filter((r) => r.value === value).map((r) => ({ value, count: r.count })));
    return [{ characteristic, asAt: rows[0]!.asAt, source: rows[0]!.source, total: groups.reduce((s, g) => s + g.count, 0), groups }];
  });
  const byOrganisation = organisations.flatMap((o) => {
    const n = new Set(counts.filter((c) => c.organisationId === o.id).map((c) => c.characteristic)).size;
    return n > 0 ? [{ id: o.id, name: o.name, characteristics: n }] : [];
  });
  return { imports, current, organisations: byOrganisation };
}

export type ImportResult = { ok: true; importId: string; rows: number } | { ok: false; problems: FileProblem[]; more: number };

/**
 * Reads a population file and, only if every line is right, stores it as one dated import in one
 * transaction: nothing is ever half-imported. Audited.
 */
export async function importPopulationFile(
  db: Db,
  areaId: string,
  actorId: string | null,
  input: { asAt: string; source: string; fileName: string | null; bytes: Uint8Array | undefined; truncated: boolean; dryRun?: boolean },
): Promise<ImportResult> {
  const organisations = await listOrganisations(db, areaId);
  const read = readPopulationFile(input.bytes, organisations, input.truncated);
  if (read.problems.length > 0) return { ok: false, problems: read.problems.slice(0, MAX_PROBLEMS_LISTED), more: Math.max(0, read.problems.length - MAX_PROBLEMS_LISTED) };
  // Checking only (the form's date or source is wrong): the file's own problems are listed with them.
  if (input.dryRun) return { ok: true, importId: '', rows: read.rows.length };
  const fileName = input.fileName ? withoutControlCharacters(input.fileName).replace(/[\t\r\n]/g, '').slice(0, 200) || null : null;
  const importId = await withArea(db, areaId, async (tx) => {
    const id = await repo.insertImport(tx, areaId, { asAt: input.asAt, source: input.source, method: 'csv', fileName, importedBy: actorId }, read.rows);
    await audit(tx, areaId, actorId, 'population.imported', { type: 'population_import', id, detail: { rows: read.rows.length, method: 'csv' } });
    return id;
  });
  return { ok: true, importId, rows: read.rows.length };
}

/** Figures typed in on the form: the groups given (blank ones left out), as one dated import. Audited. */
export async function recordTypedPopulation(
  db: Db,
  areaId: string,
  actorId: string | null,
  input: { asAt: string; source: string; organisationId: string | null; counts: ReadonlyArray<{ characteristic: Characteristic; value: string; count: number }> },
): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const rows = input.counts.map((c) => ({ ...c, organisationId: input.organisationId }));
    const id = await repo.insertImport(tx, areaId, { asAt: input.asAt, source: input.source, method: 'typed', fileName: null, importedBy: actorId }, rows);
    await audit(tx, areaId, actorId, 'population.imported', { type: 'population_import', id, detail: { rows: rows.length, method: 'typed' } });
    return id;
  });
}

/** The template: the header and one line per group (count left blank to fill in), every characteristic. */
export function populationTemplate(): Sheet {
  return {
    header: [...HEADER],
    rows: CHARACTERISTICS.flatMap((c) => TEMPLATE_CODES[c].map((code) => [TEMPLATE_WORD[c], code, null, null])),
  };
}

// ── The comparison ──────────────────────────────────────────────────────────────────────────────

export type ShownCount = { count: number | null; suppression: Suppression };

export type RepresentationRow = {
  value: string;
  participants: ShownCount;
  population: ShownCount;
  /** Percentages to one decimal place; null when hidden or not defined. */
  participantShare: number | null;
  populationShare: number | null;
  ratio: number | null;
  ratePer10k: number | null;
  /** The per-group test as shown: its p-value (and adjusted for the groups tested), or why there is none. */
  test: { p: number; adjustedP: number } | { reason: 'too_few' | 'hidden' };
  direction: 'under' | 'over' | null;
};

export type Flag = {
  characteristic: Characteristic;
  value: string;
  direction: 'under' | 'over';
  /** The participants in the group, or null when hidden ('small': fewer than 8). */
  participants: number | null;
  suppression: Suppression;
  participantsTotal: number;
  participantShare: number | null;
  populationShare: number;
};

export type RepresentationSection = {
  characteristic: Characteristic;
  asAt: string;
  source: string;
  /** Participants with a known answer in the compared groups. */
  participants: number;
  population: number;
  rows: RepresentationRow[];
  fit: { statistic: number; df: number; p: number; merged: Array<{ value: string; reason: 'small_expected' | 'hidden' }> } | null;
  flags: Flag[];
  anyHidden: boolean;
};

export type RepresentationReport = {
  sections: RepresentationSection[];
  /** Characteristics with no population figures yet. */
  missing: Characteristic[];
  flags: Flag[];
};

const percent1 = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const ratio2 = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 100) / 100);

/**
 * Compares participants with the whole area's population figures, every characteristic with
 * figures. Two queries whatever the number of activities or responses: the population figures,
 * and the participants' answers.
 */
export async function representationReport(db: Db, areaId: string): Promise<RepresentationReport> {
  const [counts, answers] = await Promise.all([
    withArea(db, areaId, (tx) => repo.currentCounts(tx, areaId)),
    aboutYouCountsForArea(db, areaId, { leaveOutAgeBand: ADULTS }),
  ]);
  return compareWithPopulation(counts, answers);
}

/**
 * The same comparison for a report (issue 14): the area's population figures in use beside the
 * "About you" answers of responses submitted in the report's period, to the activities in its scope
 * (null: the whole area). Two queries whatever the number of activities or responses.
 */
export async function representationForReport(db: Db, areaId: string, options: { from: string; to: string; activityIds: readonly string[] | null }): Promise<RepresentationReport> {
  const [counts, answers] = await Promise.all([
    withArea(db, areaId, (tx) => repo.currentCounts(tx, areaId)),
    aboutYouCountsForReport(db, areaId, { leaveOutAgeBand: ADULTS, ...options }),
  ]);
  return compareWithPopulation(counts, answers);
}

/** The participants' answers beside the population figures, characteristic by characteristic. */
function compareWithPopulation(counts: Awaited<ReturnType<typeof repo.currentCounts>>, answers: Awaited<ReturnType<typeof aboutYouCountsForArea>>): RepresentationReport {
  const sections: RepresentationSection[] = [];
  const missing: Characteristic[] = [];
  for (const characteristic of CHARACTERISTICS) {
    const population = counts.filter((c) => c.characteristic === characteristic && c.organisationId === null);
    if (population.length === 0) {
      missing.push(characteristic);
      continue;
    }
    const inFigures = GROUPS[characteristic].filter((v) => population.some((p) => p.value === v));
    const participants = new Map<string, number>(inFigures.map((v) => [v, 0]));
    for (const a of answers) {
      if (a.column !== characteristic) continue;
      const group = participantGroup(characteristic, a.value, ethnicGroupOf);
      if (group !== undefined && participants.has(group)) participants.set(group, participants.get(group)! + a.count);
    }
    sections.push(section(characteristic, population[0]!, inFigures.map((value) => ({ value, participants: participants.get(value)!, population: population.find((p) => p.value === value)!.count }))));
  }
  // Who is missing first (the question this page answers), then who takes part more than their share.
  const flags = sections.flatMap((s) => s.flags);
  return { sections, missing, flags: [...flags.filter((f) => f.direction === 'under'), ...flags.filter((f) => f.direction === 'over')] };
}

function section(characteristic: Characteristic, from: { asAt: string; source: string }, groups: Array<{ value: string; participants: number; population: number }>): RepresentationSection {
  const participantSuppression = suppressRow(groups.map((g) => g.participants));
  const populationSuppression = suppressRow(groups.map((g) => g.population));
  const hidden = new Set(groups.filter((_, i) => participantSuppression[i] !== 'none' || populationSuppression[i] !== 'none').map((g) => g.value));
  const result = compare(groups, { hidden });
  const N = result.participants;
  // A flag only when the group's own test holds (at least 5 expected in and out of it: FRAMEWORKS.md
  // §11a) and differs after adjusting for the number of groups tested (Holm): no flag on small numbers.
  const rows: RepresentationRow[] = result.groups.map((g, i) => {
    const pHidden = participantSuppression[i] !== 'none';
    const popHidden = populationSuppression[i] !== 'none';
    const anyHidden = pHidden || popHidden;
    const significant = g.test !== null && g.test.adjustedP < ALPHA;
    const direction = significant && g.ratio !== null ? (g.ratio < 1 ? 'under' : 'over') : null;
    return {
      value: g.value,
      participants: { count: pHidden ? null : g.participants, suppression: participantSuppression[i]! },
      population: { count: popHidden ? null : g.population, suppression: populationSuppression[i]! },
      participantShare: pHidden ? null : percent1(g.participantShare),
      populationShare: popHidden ? null : percent1(g.populationShare),
      ratio: anyHidden ? null : ratio2(g.ratio),
      ratePer10k: anyHidden ? null : g.ratePer10k,
      test: anyHidden ? { reason: 'hidden' } : g.test ? { p: g.test.p, adjustedP: g.test.adjustedP } : { reason: 'too_few' },
      // A hidden population count is never described, even by its direction.
      direction: popHidden ? null : direction,
    };
  });
  // With two groups, one over-represented means the other is under: only the group missing out is named.
  const mirror = (row: RepresentationRow) => row.direction === 'over' && rows.length === 2 && rows.some((r) => r.direction === 'under');
  const flags: Flag[] = rows.flatMap((row, i) =>
    row.direction && !mirror(row)
      ? [{
          characteristic,
          value: row.value,
          direction: row.direction,
          participants: row.participants.count,
          suppression: row.participants.suppression,
          participantsTotal: N,
          participantShare: row.participantShare,
          populationShare: percent1(result.groups[i]!.populationShare)!,
        }]
      : [],
  );
  return {
    characteristic,
    asAt: from.asAt,
    source: from.source,
    participants: N,
    population: result.population,
    rows,
    fit: result.fit ? { statistic: result.fit.statistic, df: result.fit.df, p: result.fit.p, merged: result.fit.merged } : null,
    flags,
    anyHidden: hidden.size > 0,
  };
}

/** For the evaluation hub (index.ts): how many groups are flagged, and whether the area has figures. */
export async function representationSummary(db: Db, areaId: string): Promise<{ hasPopulation: boolean; underRepresented: number; overRepresented: number }> {
  const report = await representationReport(db, areaId);
  return {
    hasPopulation: report.sections.length > 0,
    underRepresented: report.flags.filter((f) => f.direction === 'under').length,
    overRepresented: report.flags.filter((f) => f.direction === 'over').length,
  };
}

// ── Words and exports ───────────────────────────────────────────────────────────────────────────

export function groupLabel(t: Translate, characteristic: Characteristic, value: string): string {
  return t(`evaluation.representation.groups.${characteristic}.${value}`);
}

export function formatP(t: Translate, p: number): string {
  return p < 0.001 ? t('evaluation.representation.pBelow') : t('evaluation.representation.pIs', { p: p.toFixed(3) });
}

/** A flag in plain English, never giving away a hidden count. */
export function flagText(t: Translate, flag: Flag): string {
  const params = {
    group: groupLabel(t, flag.characteristic, flag.value),
    characteristic: t(`evaluation.representation.characteristics.${flag.characteristic}`).toLowerCase(),
    n: flag.participants ?? 0,
    total: flag.participantsTotal,
    share: (flag.participantShare ?? 0).toFixed(1),
    populationShare: flag.populationShare.toFixed(1),
  };
  const how = flag.suppression === 'small' ? 'small' : flag.suppression === 'secondary' ? 'secondary' : 'shown';
  return t(`evaluation.representation.flag.${flag.direction}.${how}`, params);
}

/** One table as a sheet: hidden counts are written as the words for "fewer than 8" or "hidden". */
export function sectionSheet(t: Translate, s: RepresentationSection): Sheet {
  const k = 'evaluation.representation.table';
  const hiddenWord = (sup: Suppression) => (sup === 'small' ? t(`${k}.small`) : t(`${k}.secondary`));
  return {
    header: [t(`${k}.group`), t(`${k}.participants`), t(`${k}.participantShare`), t(`${k}.population`), t(`${k}.populationShare`), t(`${k}.ratio`), t(`${k}.rate`), t(`${k}.test`)],
    rows: s.rows.map((r) => [
      groupLabel(t, s.characteristic, r.value),
      r.participants.count ?? hiddenWord(r.participants.suppression),
      r.participantShare,
      r.population.count ?? hiddenWord(r.population.suppression),
      r.populationShare,
      r.ratio,
      r.ratePer10k,
      'p' in r.test ? formatP(t, r.test.p) : t(`${k}.testNone.${r.test.reason}`),
    ]),
  };
}

/** Every table as one CSV sheet (a first column says which characteristic), or one table when asked for. */
export function reportSheet(t: Translate, report: RepresentationReport, only?: Characteristic): Sheet {
  const sections = report.sections.filter((s) => !only || s.characteristic === only);
  const first = sections[0] ? sectionSheet(t, sections[0]) : sectionSheet(t, { characteristic: 'sex', rows: [] } as unknown as RepresentationSection);
  return {
    header: [t('evaluation.representation.table.characteristic'), ...first.header],
    rows: sections.flatMap((s) => sectionSheet(t, s).rows.map((row) => [t(`evaluation.representation.characteristics.${s.characteristic}`), ...row])),
  };
}

/** Every table as a worksheet of its own. */
export function reportWorkbook(t: Translate, report: RepresentationReport): Promise<Buffer> {
  return toXlsx(report.sections.map((s) => ({ name: t(`evaluation.representation.characteristics.${s.characteristic}`), sheet: sectionSheet(t, s) })));
}

/** Audits a download of the comparison (every export is audited). */
export function auditExport(db: Db, areaId: string, actorId: string | null, format: 'csv' | 'xlsx', only?: Characteristic): Promise<void> {
  return withArea(db, areaId, (tx) => audit(tx, areaId, actorId, 'representation.exported', { type: 'area', id: areaId, detail: { format, table: only ?? 'all' } }));
}

/** The section's chart: participants' and population's shares per group, hidden ones drawn as nothing. */
export function sectionChart(t: Translate, s: RepresentationSection): string {
  const k = 'evaluation.representation.chart';
  const name = t(`evaluation.representation.characteristics.${s.characteristic}`);
  const shareText = (share: number | null, sup: Suppression) => (share !== null ? `${share.toFixed(1)}%` : sup === 'small' ? t('evaluation.representation.table.small') : t('evaluation.representation.table.secondary'));
  const bars = s.rows.map((r) => ({
    label: groupLabel(t, s.characteristic, r.value),
    participants: r.participantShare,
    population: r.populationShare,
    participantsText: shareText(r.participantShare, r.participants.suppression),
    populationText: shareText(r.populationShare, r.population.suppression),
  }));
  const description = bars.map((b) => t(`${k}.describe`, { group: b.label, participants: b.participantsText, population: b.populationText })).join(' ');
  return pairedBarChart(`chart-${s.characteristic.replace(/_/g, '-')}`, t(`${k}.title`, { characteristic: name }), description, { participants: t(`${k}.participants`), population: t(`${k}.population`) }, bars);
}
