/**
 * Visits (issue 16 §2): a visit to a provider is planned as its own activity (type 'inspection'),
 * so the existing planning checks (notice, school hours, access, adjustments) apply to it; the
 * young inspectors rate the agreed criteria on a phone, saved as they go; staff record the visit
 * and the time the inspectors gave.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { createActivityIn, findActivityIn, type Activity, type Adjustment } from '../activities/activities.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { findProgramme } from './core.ts';
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
