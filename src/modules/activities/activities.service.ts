/**
 * Co-production activities: what other modules call (surveys, contributions, seed) to find and
 * check activities. Planning checks, sign-ups and term dates live beside this file.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { audit } from '../privacy/audit.service.ts';
import * as repo from './activities.repository.ts';

export type { Activity, ActivityInput, ActivityFilter } from './activities.repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed id: anything else in a URL is simply "not found", never a database error. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export async function findActivity(db: Db, areaId: string, activityId: string): Promise<repo.Activity | undefined> {
  if (!isId(activityId)) return undefined;
  return withArea(db, areaId, (tx) => repo.findActivity(tx, areaId, activityId));
}

/** The activity, or NotFoundError (also for an id from another area: RLS hides it). */
export async function getActivity(db: Db, areaId: string, activityId: string): Promise<repo.Activity> {
  const activity = await findActivity(db, areaId, activityId);
  if (!activity) throw new NotFoundError('activity');
  return activity;
}

/** Whether this person may change the activity (leads: any; practitioners: their organisation's). */
export function canManageActivity(actor: Actor | null, activity: repo.Activity): boolean {
  return can(actor, 'activity.manage', { areaId: activity.areaId, organisationId: activity.organisationId });
}

/** The activity, if this person may manage it: ForbiddenError if not. */
export async function getManagedActivity(db: Db, actor: Actor | null, areaId: string, activityId: string): Promise<repo.Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (!canManageActivity(actor, activity)) throw new ForbiddenError('activity.manage');
  return activity;
}

export function listActivities(db: Db, areaId: string, filter: repo.ActivityFilter = {}): Promise<repo.Activity[]> {
  return withArea(db, areaId, (tx) => repo.listActivities(tx, areaId, filter));
}

export async function createActivity(db: Db, areaId: string, actorId: string | null, input: repo.ActivityInput): Promise<repo.Activity> {
  return withArea(db, areaId, async (tx) => {
    const activity = await repo.insertActivity(tx, areaId, actorId, input);
    await audit(tx, areaId, actorId, 'activity.created', { type: 'activity', id: activity.id });
    return activity;
  });
}

export async function updateActivity(db: Db, areaId: string, actorId: string | null, id: string, version: number, input: repo.ActivityInput): Promise<repo.Activity> {
  return withArea(db, areaId, async (tx) => {
    const updated = await repo.updateActivity(tx, areaId, id, version, input);
    if (!updated) {
      if (!(await repo.findActivity(tx, areaId, id))) throw new NotFoundError('activity');
      throw new ConflictError('activity changed since it was read');
    }
    await audit(tx, areaId, actorId, 'activity.changed', { type: 'activity', id });
    return updated;
  });
}

export async function setActivityStatus(db: Db, areaId: string, actorId: string | null, id: string, status: repo.Activity['status']): Promise<repo.Activity> {
  return withArea(db, areaId, async (tx) => {
    const updated = await repo.setActivityStatus(tx, areaId, id, status);
    if (!updated) throw new NotFoundError('activity');
    await audit(tx, areaId, actorId, 'activity.status_changed', { type: 'activity', id, detail: { status } });
    return updated;
  });
}

export type { AdjustmentRequestInput } from './activities.repository.ts';

/** A participant's request for what they need to take part (at sign-up, or when answering a survey). */
export function requestAdjustment(db: Db, areaId: string, input: repo.AdjustmentRequestInput): Promise<string> {
  return withArea(db, areaId, (tx) => repo.insertAdjustmentRequest(tx, areaId, input));
}
