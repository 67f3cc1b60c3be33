/**
 * Visits (issue 16 §2): a visit to a provider is planned as its own activity (type 'inspection'),
 * so the existing planning checks (notice, school hours, access, adjustments) apply to it; the
 * young inspectors rate the agreed criteria on a phone, saved as they go; staff record the visit
 * and the time the inspectors gave.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { createActivityIn, findActivityIn, planningChecks, type Activity, type Adjustment, type PlanningCheck } from '../activities/activities.service.ts';
import { checklistGaps, findMember, listMembers, type PanelMember } from '../panels/index.ts';
import { audit } from '../privacy/audit.service.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import { recordTimeGiven } from '../recognition/index.ts';
import { findProgramme, findVisit, listInspectionCriteria, listPhotos, type InspectionCriterion, type Programme, type Visit } from './core.ts';
import * as repo from './visits.repository.ts';

export type { Provider, VisitRow } from './visits.repository.ts';

const DEFAULT_VISIT_MS = 2 * 3_600_000;

export type PlanVisitInput = {
  providerId: string;
  startsAt: Date;
  endsAt?: Date;
  /** The visit that asked for this one (a low rating, by the programme's rule). */
  reinspectionOf?: string;
  /** What the venue offers (the activity's venue access); recorded when known. */
  venueAccess?: Activity['venueAccess'];
  /** Adjustments offered to the inspectors (the activity's). */
  adjustmentsOffered?: Adjustment[];
  /** Where exactly; the provider's venue when left out. */
  venueName?: string;
  venueAddress?: string;
};

/**
 * Plans a visit: its own activity (type 'inspection', the programme activity's organisation and
 * contact, "Young inspectors' visit: <provider>", the dates, venue, access and adjustments, with its
 * planning checks stored) and the visit, in one transaction. Returns the visit's id. The caller
 * checks the actor may manage inspections for the programme's activity (or is the seed / a
 * re-inspection scheduled by the reports part).
 */
export async function planVisit(db: Db, actorId: string | null, areaId: string, programmeId: string, input: PlanVisitInput): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const programme = await findProgramme(tx, areaId, programmeId);
    if (!programme) throw new NotFoundError('inspection programme');
    const provider = await repo.findProvider(tx, areaId, input.providerId);
    if (!provider) throw new NotFoundError('inspection provider');
    const parent = await findActivityIn(tx, areaId, programme.activityId);
    if (!parent) throw new NotFoundError('activity');
    const activity = await createActivityIn(tx, areaId, actorId, {
      organisationId: parent.organisationId,
      title: `Young inspectors' visit: ${provider.name}`.slice(0, 200),
      purpose: `Young inspectors visit ${provider.name} to see ${programme.title}.`.slice(0, 2000),
      easyReadPurpose: `We visit ${provider.name}. We check how good it is.`,
      type: 'inspection',
      level: parent.level,
      stage: parent.stage,
      services: parent.services,
      audience: parent.audience,
      ageBands: parent.ageBands,
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? new Date(input.startsAt.getTime() + DEFAULT_VISIT_MS),
      venueKind: 'in_person',
      venueName: (input.venueName ?? provider.venue ?? provider.name) || provider.name,
      venueAddress: input.venueAddress ?? '',
      joiningInstructions: '',
      venueAccessRecorded: input.venueAccess !== undefined,
      venueAccess: input.venueAccess ?? [],
      questionsShared: false,
      adjustmentsOffered: input.adjustmentsOffered ?? [],
      interpreterLanguages: '',
      groundRules: parent.groundRules,
      contactName: parent.contactName,
      contactEmail: parent.contactEmail,
      contactPhone: parent.contactPhone,
      childrenMode: false,
    });
    const visitId = await repo.insertVisit(tx, areaId, { programmeId, providerId: provider.id, activityId: activity.id, reinspectionOf: input.reinspectionOf ?? null, createdBy: actorId });
    await audit(tx, areaId, actorId, 'inspection.visit.planned', { type: 'inspection_visit', id: visitId, detail: { programmeId, providerId: provider.id, activityId: activity.id, reinspectionOf: input.reinspectionOf ?? null } });
    return visitId;
  });
}

/** A young inspector's visits on a programme, how many agreed criteria they rated on each, and how many ideas they proposed. */
export async function inspectorVisits(db: Db, areaId: string, programmeId: string, memberId: string): Promise<{ visits: Array<repo.VisitRow & { rated: number }>; agreed: number; proposed: number }> {
  return withArea(db, areaId, async (tx) => {
    const [list, counts, criteria, proposed] = await Promise.all([
      repo.listVisits(tx, areaId, programmeId),
      repo.ratedCounts(tx, areaId, programmeId, memberId),
      listInspectionCriteria(tx, areaId, programmeId, true),
      repo.countProposedBy(tx, areaId, programmeId, memberId),
    ]);
    const shown = list.filter((v) => v.status !== 'cancelled');
    return { visits: shown.map((v) => ({ ...v, rated: counts.get(v.id)?.get(memberId) ?? 0 })), agreed: criteria.length, proposed };
  });
}

// ── Providers ───────────────────────────────────────────────────────────────────────────────────

export function providersOf(db: Db, areaId: string): Promise<repo.Provider[]> {
  return withArea(db, areaId, (tx) => repo.listProviders(tx, areaId));
}

/** A provider or venue that can be visited (an organisation, with a work contact email). Throws ConflictError when the area already has one by that name. */
export async function addProvider(db: Db, actorId: string | null, areaId: string, input: { name: string; venue: string; contactEmail: string }): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    if (await repo.findProviderByName(tx, areaId, input.name)) throw new ConflictError('provider name taken');
    const id = await repo.insertProvider(tx, areaId, input);
    await audit(tx, areaId, actorId, 'inspection.provider.added', { type: 'inspection_provider', id });
    return id;
  });
}

// ── The visit's page (staff) ────────────────────────────────────────────────────────────────────

export type VisitPage = {
  visit: Visit;
  activity: Activity;
  checks: PlanningCheck[];
  agreed: number;
  inspectors: Array<{ id: string; name: string; rated: number; ready: boolean }>;
  photos: Awaited<ReturnType<typeof listPhotos>>;
  timeRecorded: boolean;
};

export async function visitPage(db: Db, areaId: string, programme: Programme, visitId: string): Promise<VisitPage> {
  const base = await withArea(db, areaId, async (tx) => {
    const visit = await findVisit(tx, areaId, programme.id, visitId);
    if (!visit) throw new NotFoundError('inspection visit');
    const [activity, criteria, members, counts, photos] = await Promise.all([
      findActivityIn(tx, areaId, visit.activityId),
      listInspectionCriteria(tx, areaId, programme.id, true),
      listMembers(tx, areaId, programme.panelId),
      repo.ratedCounts(tx, areaId, programme.id, null),
      listPhotos(tx, areaId, visitId),
    ]);
    if (!activity) throw new NotFoundError('activity');
    const byMember = counts.get(visitId) ?? new Map<string, number>();
    return {
      visit,
      activity,
      agreed: criteria.length,
      inspectors: members.filter((m) => !m.removedAt).map((m) => ({ id: m.id, name: m.displayName, rated: byMember.get(m.id) ?? 0, ready: checklistGaps(m).length === 0 })),
      photos,
      timeRecorded: visit.visitedAt !== null,
    };
  });
  const checks = await planningChecks(db, areaId, base.activity);
  return { ...base, checks };
}

/**
 * Records that the visit happened: status 'visited', the day, and the time each inspector who went
 * gave (recognition ledger, source key `visit:<visitId>`, once per person however often it is sent).
 */
export async function recordVisit(
  db: Db,
  actorId: string | null,
  areaId: string,
  programmeId: string,
  visitId: string,
  input: { visitedOn: string; minutes: number; memberIds: readonly string[] },
): Promise<{ timeEntries: number }> {
  return withArea(db, areaId, async (tx) => {
    const programme = await findProgramme(tx, areaId, programmeId);
    const visit = programme && (await findVisit(tx, areaId, programmeId, visitId));
    if (!programme || !visit) throw new NotFoundError('inspection visit');
    const members = await listMembers(tx, areaId, programme.panelId);
    const went = members.filter((m) => !m.removedAt && input.memberIds.includes(m.id));
    if (visit.status === 'planned') {
      const visitedAt = new Date(`${input.visitedOn}T12:00:00Z`);
      if (!(await repo.markVisited(tx, areaId, visitId, visit.version, visitedAt))) throw new ConflictError('visit changed since it was read');
    }
    const timeEntries = await recordTimeGiven(
      tx,
      areaId,
      went.map((m) => ({ activityId: visit.activityId, panelMemberId: m.id, accountId: null, kind: 'inspection' as const, sourceKey: `visit:${visitId}`, minutes: input.minutes, givenOn: input.visitedOn, recordedBy: actorId })),
    );
    await audit(tx, areaId, actorId, 'inspection.visit.recorded', { type: 'inspection_visit', id: visitId, detail: { inspectors: went.length, minutes: input.minutes, timeEntries } });
    return { timeEntries };
  });
}

// ── The inspector's page: ratings saved as they go ──────────────────────────────────────────────

/** A visit an inspector may rate: planned or visited (not yet reported). */
const RATEABLE = new Set(['planned', 'visited']);

export type InspectView = { visit: Visit; criteria: InspectionCriterion[]; mine: Map<string, { rating: number | null; note: string }>; open: boolean };

/** What an inspector sees on the visit's page: the agreed criteria and their own ratings and notes. */
export async function inspectView(db: Db, areaId: string, programmeId: string, visitId: string, memberId: string): Promise<InspectView> {
  return withArea(db, areaId, async (tx) => {
    const visit = await findVisit(tx, areaId, programmeId, visitId);
    if (!visit || visit.status === 'cancelled') throw new NotFoundError('inspection visit');
    const [criteria, ratings] = await Promise.all([listInspectionCriteria(tx, areaId, programmeId, true), repo.listMemberRatings(tx, areaId, visitId, memberId)]);
    return { visit, criteria, mine: new Map(ratings.map((r) => [r.criterionId, { rating: r.rating, note: r.note }])), open: RATEABLE.has(visit.status) };
  });
}

export class NotReadyError extends ForbiddenError {
  constructor() {
    super('inspect');
  }
}

/**
 * Saves one inspector's rating and note for one agreed criterion (the row is replaced on every
 * save). A member with checklist gaps may not inspect; a reported visit's ratings are fixed. The
 * note is safeguarding-screened as it is saved (channel 'inspection', key
 * `finding:<visitId>:<criterionId>:<memberId>`, the key its contribution will have).
 */
export async function saveRating(
  db: Db,
  areaId: string,
  programmeId: string,
  visitId: string,
  memberId: string,
  criterionId: string,
  input: { rating: number | null; note: string },
): Promise<{ concernRaised: boolean }> {
  return withArea(db, areaId, async (tx) => {
    const programme = await findProgramme(tx, areaId, programmeId);
    if (!programme) throw new NotFoundError('inspection programme');
    const member: PanelMember | undefined = await findMember(tx, areaId, programme.panelId, memberId);
    if (!member || member.removedAt) throw new NotFoundError('panel member');
    if (checklistGaps(member).length > 0) throw new NotReadyError();
    const visit = await findVisit(tx, areaId, programmeId, visitId);
    if (!visit || visit.status === 'cancelled') throw new NotFoundError('inspection visit');
    if (!RATEABLE.has(visit.status)) throw new ConflictError('the visit is reported: ratings are fixed');
    const criteria = await listInspectionCriteria(tx, areaId, programmeId, true);
    const criterion = criteria.find((c) => c.id === criterionId);
    if (!criterion) throw new NotFoundError('inspection criterion');
    await repo.upsertRating(tx, areaId, { visitId, criterionId, memberId, rating: input.rating, note: input.note });
    const screened = await screenText(tx, areaId, { channel: 'inspection', sourceKey: `finding:${visitId}:${criterionId}:${memberId}`, text: input.note, activityId: visit.activityId });
    return { concernRaised: screened.raised };
  });
}

/** The visit, for its photos page (404 when it is not this programme's, or cancelled). */
export async function visitForPhotos(db: Db, areaId: string, programmeId: string, visitId: string): Promise<Visit> {
  return withArea(db, areaId, async (tx) => {
    const visit = await findVisit(tx, areaId, programmeId, visitId);
    if (!visit || visit.status === 'cancelled') throw new NotFoundError('inspection visit');
    return visit;
  });
}
