/**
 * The inspections module's shared core (issue 16 §2): what every part reads, and the rules that must
 * be the same everywhere. Young inspectors are the members of the programme's panel (kind
 * 'inspection', panels module): who they are, their checklist and their way in (personal codes) are
 * the panels core's (`currentMember`, `checklistGaps`).
 *
 * The rules that live only here:
 * - `overallRating`: a visit's overall rating is the mean of every inspector's ratings of the agreed
 *   criteria, to one decimal place (null when nothing was rated);
 * - `needsReinspection` and `meetsStandard`: the programme's rules, e.g. 3 stars or fewer means a
 *   re-inspection; 4 or more lets the provider show the young inspectors' rating on a public page.
 */
import type { AreaTx, VisitStatus } from '../../db/database.ts';

export type { VisitStatus } from '../../db/database.ts';

export const RATINGS = [1, 2, 3, 4, 5] as const;

export type Programme = {
  id: string;
  activityId: string;
  panelId: string;
  title: string;
  focus: string;
  /** What each rating means, in the inspectors' words ("1" … "5"). */
  ratingWords: Record<string, string>;
  reinspectAtOrBelow: number;
  reinspectAfterDays: number;
  standardAtOrAbove: number;
  version: number;
};

export type InspectionCriterion = { id: string; programmeId: string; title: string; goodLooksLike: string; symbol: string | null; status: 'proposed' | 'agreed' | 'dropped'; proposedBy: string | null; position: number };

export type Visit = {
  id: string;
  programmeId: string;
  providerId: string;
  providerName: string;
  activityId: string;
  reinspectionOf: string | null;
  status: VisitStatus;
  visitedAt: Date | null;
  summary: string;
  easyReadSummary: string;
  overallRating: number | null;
  reportedAt: Date | null;
  providerResponse: string;
  providerRespondedAt: Date | null;
  version: number;
};

export type Rating = { criterionId: string; memberId: string; rating: number | null; note: string; updatedAt: Date };

const PROGRAMME_COLUMNS = ['id', 'activity_id', 'panel_id', 'title', 'focus', 'rating_words', 'reinspect_at_or_below', 'reinspect_after_days', 'standard_at_or_above', 'version'] as const;

function toProgramme(r: { id: string; activity_id: string; panel_id: string; title: string; focus: string; rating_words: unknown; reinspect_at_or_below: number; reinspect_after_days: number; standard_at_or_above: number; version: number }): Programme {
  const words = r.rating_words && typeof r.rating_words === 'object' ? (r.rating_words as Record<string, unknown>) : {};
  return {
    id: r.id,
    activityId: r.activity_id,
    panelId: r.panel_id,
    title: r.title,
    focus: r.focus,
    ratingWords: Object.fromEntries(RATINGS.map((n) => [String(n), typeof words[String(n)] === 'string' ? (words[String(n)] as string) : ''])),
    reinspectAtOrBelow: r.reinspect_at_or_below,
    reinspectAfterDays: r.reinspect_after_days,
    standardAtOrAbove: r.standard_at_or_above,
    version: r.version,
  };
}

export async function findProgramme(tx: AreaTx, areaId: string, programmeId: string): Promise<Programme | undefined> {
  const row = await tx.selectFrom('inspection_programme').select(PROGRAMME_COLUMNS).where('area_id', '=', areaId).where('id', '=', programmeId).executeTakeFirst();
  return row ? toProgramme(row) : undefined;
}

/** The programme whose young inspectors are this panel (a panel of kind 'inspection' has one). */
export async function findProgrammeForPanel(tx: AreaTx, areaId: string, panelId: string): Promise<Programme | undefined> {
  const row = await tx.selectFrom('inspection_programme').select(PROGRAMME_COLUMNS).where('area_id', '=', areaId).where('panel_id', '=', panelId).executeTakeFirst();
  return row ? toProgramme(row) : undefined;
}

export async function listProgrammesForActivity(tx: AreaTx, areaId: string, activityId: string): Promise<Programme[]> {
  const rows = await tx.selectFrom('inspection_programme').select(PROGRAMME_COLUMNS).where('area_id', '=', areaId).where('activity_id', '=', activityId).orderBy('created_at').execute();
  return rows.map(toProgramme);
}

/** The programme's criteria in order; `agreedOnly` for what inspectors rate on a visit. */
export async function listInspectionCriteria(tx: AreaTx, areaId: string, programmeId: string, agreedOnly = false): Promise<InspectionCriterion[]> {
  let query = tx
    .selectFrom('inspection_criterion')
    .select(['id', 'programme_id', 'title', 'good_looks_like', 'symbol', 'status', 'proposed_by', 'position'])
    .where('area_id', '=', areaId)
    .where('programme_id', '=', programmeId);
  if (agreedOnly) query = query.where('status', '=', 'agreed');
  const rows = await query.orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, programmeId: r.programme_id, title: r.title, goodLooksLike: r.good_looks_like, symbol: r.symbol, status: r.status, proposedBy: r.proposed_by, position: r.position }));
}

export async function findVisit(tx: AreaTx, areaId: string, programmeId: string, visitId: string): Promise<Visit | undefined> {
  const r = await tx
    .selectFrom('inspection_visit as v')
    .innerJoin('inspection_provider as p', (j) => j.onRef('p.id', '=', 'v.provider_id').onRef('p.area_id', '=', 'v.area_id'))
    .select([
      'v.id',
      'v.programme_id',
      'v.provider_id',
      'p.name as provider_name',
      'v.activity_id',
      'v.reinspection_of',
      'v.status',
      'v.visited_at',
      'v.summary',
      'v.easy_read_summary',
      'v.overall_rating',
      'v.reported_at',
      'v.provider_response',
      'v.provider_responded_at',
      'v.version',
    ])
    .where('v.area_id', '=', areaId)
    .where('v.programme_id', '=', programmeId)
    .where('v.id', '=', visitId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    programmeId: r.programme_id,
    providerId: r.provider_id,
    providerName: r.provider_name,
    activityId: r.activity_id,
    reinspectionOf: r.reinspection_of,
    status: r.status,
    visitedAt: r.visited_at,
    summary: r.summary,
    easyReadSummary: r.easy_read_summary,
    overallRating: r.overall_rating === null ? null : Number(r.overall_rating),
    reportedAt: r.reported_at,
    providerResponse: r.provider_response,
    providerRespondedAt: r.provider_responded_at,
    version: r.version,
  };
}

/** Every inspector's rating and note on a visit. */
export async function listRatings(tx: AreaTx, areaId: string, visitId: string): Promise<Rating[]> {
  const rows = await tx.selectFrom('inspection_rating').select(['criterion_id', 'member_id', 'rating', 'note', 'updated_at']).where('area_id', '=', areaId).where('visit_id', '=', visitId).execute();
  return rows.map((r) => ({ criterionId: r.criterion_id, memberId: r.member_id, rating: r.rating, note: r.note, updatedAt: r.updated_at }));
}

/** Photos of a visit (without their bytes): what the report and the inspector's page list. */
export async function listPhotos(tx: AreaTx, areaId: string, visitId: string): Promise<Array<{ id: string; criterionId: string | null; altText: string; width: number; height: number }>> {
  const rows = await tx.selectFrom('inspection_photo').select(['id', 'criterion_id', 'alt_text', 'width', 'height']).where('area_id', '=', areaId).where('visit_id', '=', visitId).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, criterionId: r.criterion_id, altText: r.alt_text, width: r.width, height: r.height }));
}

// ── The rules ────────────────────────────────────────────────────────────────────────────────────

/** The mean of the ratings given to agreed criteria, to one decimal place; null when none. */
export function overallRating(ratings: readonly Pick<Rating, 'criterionId' | 'rating'>[], agreedCriterionIds: ReadonlySet<string>): number | null {
  const given = ratings.filter((r) => r.rating !== null && agreedCriterionIds.has(r.criterionId)).map((r) => r.rating!);
  if (given.length === 0) return null;
  return Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 10) / 10;
}

/** A visit rated at or below the programme's line gets a re-inspection. */
export function needsReinspection(programme: Pick<Programme, 'reinspectAtOrBelow'>, rating: number | null): boolean {
  return rating !== null && rating <= programme.reinspectAtOrBelow;
}

/** A provider whose latest reported visit is at or above the standard may show the rating publicly. */
export function meetsStandard(programme: Pick<Programme, 'standardAtOrAbove'>, rating: number | null): boolean {
  return rating !== null && rating >= programme.standardAtOrAbove;
}
