/**
 * Inspection programmes (issue 16 §2): what young inspectors look at, what each star means, the
 * rules (re-inspect at or below N stars after D days; a public rating at or above M stars), and the
 * criteria the young inspectors co-design (proposed by an inspector or staff, agreed or dropped by
 * the team). The young inspectors are a panel of kind 'inspection' (panels module).
 *
 * Who may do what is checked here as well as on the route: staff by action and the activity's
 * organisation (a practitioner only for their own organisation's activities), inspectors by their
 * membership of the programme's panel (`currentMember`).
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { findActivityIn, getActivity, type Activity } from '../activities/activities.service.ts';
import { checklistGaps, createPanelIn, currentMember, listMembers, type PanelMember } from '../panels/index.ts';
import { audit } from '../privacy/audit.service.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import { findProgramme, findProgrammeForPanel, listInspectionCriteria, listProgrammesForActivity, needsReinspection, RATINGS, type InspectionCriterion, type Programme } from './core.ts';
import * as repo from './programmes.repository.ts';
import * as visitsRepo from './visits.repository.ts';

export type { ProgrammeInput } from './programmes.repository.ts';

/** What each star means, in easy read, until the young inspectors say it their own way. */
export const DEFAULT_RATING_WORDS: Readonly<Record<string, string>> = {
  1: 'Not good. Lots needs to change.',
  2: 'Needs work. Some things are not OK.',
  3: 'OK. Some good things, some to change.',
  4: 'Good. Most things are right.',
  5: 'Brilliant. Everything is right for us.',
};

export type StaffAccess = 'manage' | 'view' | null;

const staffAccess = (actor: Actor | null, areaId: string, organisationId: string | null): StaffAccess =>
  can(actor, 'inspection.manage', { areaId, organisationId }) ? 'manage' : can(actor, 'inspection.view', { areaId, organisationId }) ? 'view' : null;

/** The activity, if this person may act on its inspections (`inspection.view` or `.manage`). */
export async function authorisedActivity(db: Db, actor: Actor | null, areaId: string, activityId: string, action: 'inspection.manage' | 'inspection.view'): Promise<Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, action, { areaId, organisationId: activity.organisationId })) throw new ForbiddenError(action);
  return activity;
}

export function programmesOf(db: Db, areaId: string, activityId: string): Promise<Programme[]> {
  return withArea(db, areaId, (tx) => listProgrammesForActivity(tx, areaId, activityId));
}

/**
 * A new programme and its team of young inspectors (a panel of kind 'inspection'), in one
 * transaction. Returns the programme's id. For the seed too (actorId null).
 */
export async function createProgramme(db: Db, actorId: string | null, areaId: string, activityId: string, input: repo.ProgrammeInput): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const activity = await findActivityIn(tx, areaId, activityId);
    if (!activity) throw new NotFoundError('activity');
    const panel = await createPanelIn(tx, areaId, actorId, { activityId, kind: 'inspection', title: `Young inspectors: ${input.title}`.slice(0, 200), purpose: input.focus.slice(0, 2000), scale: 'stars' });
    const id = await repo.insertProgramme(tx, areaId, { ...input, activityId, panelId: panel.id, createdBy: actorId });
    await audit(tx, areaId, actorId, 'inspection.programme.created', { type: 'inspection_programme', id, detail: { activityId, panelId: panel.id } });
    return id;
  });
}

export type LoadedProgramme = { programme: Programme; activity: Activity; access: StaffAccess };

/** The programme and its activity, if this member of staff may `action` on it. */
export async function loadProgramme(db: Db, actor: Actor | null, areaId: string, programmeId: string, action: 'inspection.manage' | 'inspection.view'): Promise<LoadedProgramme> {
  return withArea(db, areaId, async (tx) => {
    const programme = await findProgramme(tx, areaId, programmeId);
    if (!programme) throw new NotFoundError('inspection programme');
    const activity = await findActivityIn(tx, areaId, programme.activityId);
    if (!activity) throw new NotFoundError('activity');
    if (!can(actor, action, { areaId, organisationId: activity.organisationId })) throw new ForbiddenError(action);
    return { programme, activity, access: staffAccess(actor, areaId, activity.organisationId) };
  });
}

export async function updateProgramme(db: Db, actorId: string, areaId: string, programmeId: string, version: number, input: repo.ProgrammeInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.updateProgramme(tx, areaId, programmeId, version, input))) {
      if (!(await findProgramme(tx, areaId, programmeId))) throw new NotFoundError('inspection programme');
      throw new ConflictError('inspection programme changed since it was read');
    }
    await audit(tx, areaId, actorId, 'inspection.programme.changed', { type: 'inspection_programme', id: programmeId });
  });
}

export type Overview = {
  criteria: InspectionCriterion[];
  inspectors: Array<PanelMember & { ready: boolean }>;
  visits: visitsRepo.VisitRow[];
  /** Visits whose rating asks for a re-inspection that is not planned yet, with the date it is due. */
  reinspectionsDue: Array<{ visitId: string; providerName: string; rating: number; dueOn: Date }>;
};

/** Everything on the programme's page, in a fixed number of queries. */
export async function programmeOverview(db: Db, areaId: string, programme: Programme): Promise<Overview> {
  return withArea(db, areaId, async (tx) => {
    const [criteria, members, visits] = await Promise.all([
      listInspectionCriteria(tx, areaId, programme.id),
      listMembers(tx, areaId, programme.panelId),
      visitsRepo.listVisits(tx, areaId, programme.id),
    ]);
    const planned = new Set(visits.map((v) => v.reinspectionOf).filter((id): id is string => id !== null));
    const reinspectionsDue = visits
      .filter((v) => !planned.has(v.id) && needsReinspection(programme, v.overallRating))
      .map((v) => ({ visitId: v.id, providerName: v.providerName, rating: v.overallRating!, dueOn: new Date((v.reportedAt ?? v.visitedAt ?? new Date()).getTime() + programme.reinspectAfterDays * 86_400_000) }));
    return { criteria, inspectors: members.filter((m) => !m.removedAt).map((m) => ({ ...m, ready: checklistGaps(m).length === 0 })), visits, reinspectionsDue };
  });
}

// ── Who is this, on a programme's inspector pages ─────────────────────────────────────────────────

export type ProgrammeViewer = { programme: Programme; activity: Activity; member: PanelMember | undefined; staff: StaffAccess };

/**
 * The programme and who this request is on it: one of its young inspectors (their panel
 * membership) and/or staff (inspection.manage or .view for the activity's organisation). Anyone else
 * gets "not found", never the programme's data.
 */
export async function programmeViewer(db: Db, request: FastifyRequest, areaId: string, programmeId: string): Promise<ProgrammeViewer> {
  return withArea(db, areaId, async (tx) => {
    const programme = await findProgramme(tx, areaId, programmeId);
    if (!programme) throw new NotFoundError('inspection programme');
    const [activity, member] = await Promise.all([findActivityIn(tx, areaId, programme.activityId), currentMember(tx, request, areaId, programme.panelId)]);
    if (!activity) throw new NotFoundError('activity');
    const staff = staffAccess(request.actor, areaId, activity.organisationId);
    if (!member && !staff) throw new NotFoundError('inspection programme');
    return { programme, activity, member, staff };
  });
}

// ── Criteria, co-designed ───────────────────────────────────────────────────────────────────────

export function criteriaOf(db: Db, areaId: string, programmeId: string, agreedOnly = false): Promise<InspectionCriterion[]> {
  return withArea(db, areaId, (tx) => listInspectionCriteria(tx, areaId, programmeId, agreedOnly));
}

export type CriterionInput = { title: string; goodLooksLike: string; symbol: string | null };

/**
 * A proposed checklist item, from a young inspector (memberId) or staff (memberId null). The words
 * are safeguarding-screened as they are saved (channel 'inspection', key `criterion:<id>`). Staff
 * may add an item already agreed (`agreed: true`), e.g. one the team agreed on paper.
 */
export async function proposeCriterion(
  db: Db,
  areaId: string,
  programmeId: string,
  by: { memberId: string | null; actorId: string | null },
  input: CriterionInput,
  options: { agreed?: boolean } = {},
): Promise<{ id: string; concernRaised: boolean }> {
  return withArea(db, areaId, async (tx) => {
    const programme = await findProgramme(tx, areaId, programmeId);
    if (!programme) throw new NotFoundError('inspection programme');
    const id = await repo.insertCriterion(tx, areaId, { programmeId, title: input.title, goodLooksLike: input.goodLooksLike, symbol: input.symbol, proposedBy: by.memberId, status: options.agreed ? 'agreed' : 'proposed' });
    const screened = await screenText(tx, areaId, { channel: 'inspection', sourceKey: `criterion:${id}`, text: [input.title, input.goodLooksLike].filter(Boolean).join('\n'), activityId: programme.activityId });
    if (by.actorId) await audit(tx, areaId, by.actorId, 'inspection.criterion.proposed', { type: 'inspection_criterion', id, detail: { programmeId } });
    return { id, concernRaised: screened.raised };
  });
}

/**
 * The team's decision on a proposed item: agreed (rated on visits), dropped, or back to proposed.
 * Staff record it (actorId); inspectors may mark "we agreed" (memberId).
 */
export async function agreeCriterion(
  db: Db,
  areaId: string,
  programmeId: string,
  criterionId: string,
  decision: 'agreed' | 'dropped' | 'proposed',
  by: { actorId: string | null; memberId?: string | null } = { actorId: null },
): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.setCriterionStatus(tx, areaId, programmeId, criterionId, decision))) throw new NotFoundError('inspection criterion');
    if (by.actorId) await audit(tx, areaId, by.actorId, `inspection.criterion.${decision}`, { type: 'inspection_criterion', id: criterionId, detail: { programmeId } });
  });
}

/** The rating words as typed (or the defaults), "1" … "5". */
export function ratingWordsFrom(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(RATINGS.map((n) => [String(n), typeof values[`word${n}`] === 'string' ? (values[`word${n}`] as string).trim() : (DEFAULT_RATING_WORDS[String(n)] ?? '')]));
}

/** The programme whose young inspectors' panel this is, if this request is one of them. */
export async function programmeOfMember(db: Db, request: FastifyRequest, areaId: string, panelId: string): Promise<string | undefined> {
  return withArea(db, areaId, async (tx) => {
    const programme = await findProgrammeForPanel(tx, areaId, panelId);
    if (!programme) return undefined;
    return (await currentMember(tx, request, areaId, panelId)) ? programme.id : undefined;
  });
}
