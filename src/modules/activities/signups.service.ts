/**
 * Signing up to a timed activity, and the staff lists of sign-ups and adjustment requests. Sign-ups
 * are exactly-once: the form carries an idempotency key, so a double click or a resent form makes
 * one sign-up. Staff reads of these lists are audited (they are personal data).
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { audit } from '../privacy/audit.service.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import type { Adjustment } from './activity-options.ts';
import * as activities from './activities.repository.ts';
import { isTimed, isUpcoming } from './activities.service.ts';
import * as repo from './signups.repository.ts';

export type { AdjustmentRequest, AdjustmentRequestStatus, Signup } from './signups.repository.ts';

export type SignupRequest = {
  name: string;
  email: string;
  phone: string;
  people: number;
  adjustments: Adjustment[];
  details: string;
  idempotencyKey: string;
  accountId: string | null;
};

/** The activity has finished or closed: nobody can sign up any more. */
export class SignupClosedError extends Error {}

/**
 * Records a sign-up, and what the person needs to take part as an adjustment request in the same
 * transaction. Returns whether this call made it (false: the same form was sent before).
 */
export async function signUp(db: Db, areaId: string, activityId: string, request: SignupRequest, now: Date = new Date()): Promise<{ created: boolean; concernRaised: boolean }> {
  return withArea(db, areaId, async (tx) => {
    const activity = await activities.findActivity(tx, areaId, activityId);
    if (!activity || !isTimed(activity) || activity.status === 'draft') throw new NotFoundError('activity');
    const result = await repo.insertSignup(tx, areaId, {
      activityId,
      accountId: request.accountId,
      name: request.name,
      email: request.email,
      phone: request.phone,
      people: request.people,
      idempotencyKey: request.idempotencyKey,
    });
    if (!result) throw new ConflictError('idempotency key used elsewhere');
    if (!result.created) return { created: false, concernRaised: false };
    // Checked after the key: a resend of a sign-up made before the activity closed still succeeds.
    if (activity.status !== 'open' || !isUpcoming(activity, now)) throw new SignupClosedError(activityId);
    let concernRaised = false;
    if (request.adjustments.length > 0 || request.details) {
      const requestId = await activities.insertAdjustmentRequest(tx, areaId, {
        activityId,
        signupId: result.id,
        adjustments: request.adjustments,
        details: request.details,
        contact: request.email || request.phone,
      });
      // What someone writes about what they need is free text like any other: screened on arrival.
      if (request.details) {
        concernRaised = (await screenText(tx, areaId, { channel: 'adjustment_request', sourceKey: `adjustment:${requestId}`, text: request.details, activityId })).raised;
      }
    }
    return { created: true, concernRaised };
  });
}

/** Every sign-up and the number of people coming. The read is audited. */
export async function listSignups(db: Db, actorId: string, areaId: string, activityId: string): Promise<{ signups: repo.Signup[]; people: number }> {
  return withArea(db, areaId, async (tx) => {
    const signups = await repo.listSignups(tx, areaId, activityId);
    await audit(tx, areaId, actorId, 'signups.viewed', { type: 'activity', id: activityId, detail: { count: signups.length } });
    return { signups, people: signups.reduce((sum, s) => sum + s.people, 0) };
  });
}

/** Every adjustment request for the activity (from sign-ups and survey answers). The read is audited. */
export async function listAdjustmentRequests(db: Db, actorId: string, areaId: string, activityId: string): Promise<repo.AdjustmentRequest[]> {
  return withArea(db, areaId, async (tx) => {
    const requests = await repo.listAdjustmentRequests(tx, areaId, activityId);
    await audit(tx, areaId, actorId, 'adjustments.viewed', { type: 'activity', id: activityId, detail: { count: requests.length } });
    return requests;
  });
}

export async function setAdjustmentRequestStatus(db: Db, actorId: string, areaId: string, activityId: string, requestId: string, status: repo.AdjustmentRequestStatus): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.updateAdjustmentRequestStatus(tx, areaId, activityId, requestId, status))) throw new NotFoundError('adjustment request');
    await audit(tx, areaId, actorId, 'adjustment.status_changed', { type: 'adjustment_request', id: requestId, detail: { status } });
  });
}
