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
import { whenText, whereText } from './activity-view.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';

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

/**
 * What a confirmation email needs, in the reader's language: someone signed out who gives an
 * email address is sent what they signed up for and a link to cancel their place.
 */
export type ConfirmationWords = { t: Translate; lang: string; areaName: string; cancelUrl: (token: string) => string };

/** The activity has finished or closed: nobody can sign up any more. */
export class SignupClosedError extends Error {}

/**
 * Records a sign-up, and what the person needs to take part as an adjustment request in the same
 * transaction. Returns whether this call made it (false: the same form was sent before).
 */
export async function signUp(
  db: Db,
  areaId: string,
  activityId: string,
  request: SignupRequest,
  now: Date = new Date(),
  confirmation?: ConfirmationWords,
): Promise<{ created: boolean; concernRaised: boolean; emailed: boolean }> {
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
    if (!result.created) return { created: false, concernRaised: false, emailed: false };
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
    // Signed out, with an email address: what they signed up for, and a link to cancel. Only the
    // link's hash is kept; the email goes only if the sign-up is saved (the queue sends it).
    let emailed = false;
    if (confirmation && !request.accountId && request.email) {
      const token = newToken();
      await repo.setCancelTokenHash(tx, areaId, result.id, hashToken(token));
      const { t } = confirmation;
      await queueMessage(tx, areaId, {
        purpose: 'signup_confirmation',
        channel: 'email',
        recipient: request.email.trim(),
        subject: t('activities.cancelSignup.emailSubject', { title: activity.title }),
        body: t('activities.cancelSignup.emailBody', {
          name: request.name,
          title: activity.title,
          when: whenText(activity, confirmation.lang, t) || t('activities.view.dateToFollow'),
          where: whereText(activity, t) || '-',
          contact: activity.contactName,
          link: confirmation.cancelUrl(token),
          area: confirmation.areaName,
        }),
      });
      emailed = true;
    }
    return { created: true, concernRaised, emailed };
  });
}

/**
 * Every sign-up and the number of people coming; places people cancelled come apart, newest
 * cancellation first, and are not counted. The read is audited.
 */
export async function listSignups(db: Db, actorId: string, areaId: string, activityId: string): Promise<{ signups: repo.Signup[]; cancelled: repo.Signup[]; people: number }> {
  return withArea(db, areaId, async (tx) => {
    const all = await repo.listSignups(tx, areaId, activityId);
    await audit(tx, areaId, actorId, 'signups.viewed', { type: 'activity', id: activityId, detail: { count: all.length } });
    const signups = all.filter((s) => !s.cancelledAt);
    const cancelled = all.filter((s) => s.cancelledAt).sort((a, b) => b.cancelledAt!.getTime() - a.cancelledAt!.getTime());
    return { signups, cancelled, people: signups.reduce((sum, s) => sum + s.people, 0) };
  });
}

/** A place on a signed-in person's own page: the activity in words, and where to read or cancel it. */
export type MySignup = { activityId: string; title: string; when: string; where: string; people: number; href: string; cancelHref: string };

/**
 * A signed-in person's places at activities still to come in this area, soonest first, in the
 * reader's language. Only places made while signed in are theirs here (the sign-up's account).
 */
export async function listMySignups(db: Db, area: { id: string; slug: string }, accountId: string, t: Translate, lang: string, now: Date = new Date()): Promise<MySignup[]> {
  const rows = await withArea(db, area.id, (tx) => repo.listOwnSignups(tx, area.id, accountId, now));
  // One entry per activity: two sign-ups to the same activity are one place to cancel.
  const byActivity = new Map<string, MySignup>();
  for (const r of rows) {
    const seen = byActivity.get(r.activityId);
    if (seen) {
      seen.people += r.people;
      continue;
    }
    const href = `/a/${area.slug}/take-part/${r.activityId}`;
    byActivity.set(r.activityId, { activityId: r.activityId, title: r.title, when: whenText(r, lang, t) || t('activities.view.dateToFollow'), where: whereText(r, t), people: r.people, href, cancelHref: `${href}/cancel` });
  }
  return [...byActivity.values()];
}

/** Whether this person has a place at this activity that they can still cancel. */
export async function hasMySignup(db: Db, areaId: string, activityId: string, accountId: string, now: Date = new Date()): Promise<boolean> {
  return (await withArea(db, areaId, (tx) => repo.listOwnSignups(tx, areaId, accountId, now, activityId))).length > 0;
}

/**
 * Cancels a signed-in person's own place at an activity (every sign-up of theirs to it, so a
 * double sign-up cannot leave a stray place). The row stays, marked, so the lead sees who
 * cancelled and when; the cancellation is audited as the person's own action.
 * 'already': cancelled before (a second press); 'none': no place of theirs that is still to come
 * (someone else's, never signed up, or the activity is over).
 */
export async function cancelMySignup(db: Db, areaId: string, activityId: string, accountId: string, now: Date = new Date()): Promise<'cancelled' | 'already' | 'none'> {
  return withArea(db, areaId, async (tx) => {
    const live = await repo.listOwnSignups(tx, areaId, accountId, now, activityId);
    if (live.length === 0) return (await repo.hasCancelledOwnSignup(tx, areaId, activityId, accountId)) ? 'already' : 'none';
    const ids = await repo.cancelOwnSignups(tx, areaId, activityId, accountId, now);
    await audit(tx, areaId, accountId, 'signup.cancelled', { type: 'activity', id: activityId, detail: { signups: ids.length } });
    return 'cancelled';
  });
}

/** What an emailed link to cancel finds: the place (still to cancel, or cancelled before), or nothing. */
export type EmailedPlace = { state: 'open' | 'cancelled'; activityId: string };

/** Whether a link's secret could be one of ours (base64url, 256 bits): anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The place an emailed link to cancel belongs to, in this area, at an open activity that has not
 * finished. Undefined for anything else (unknown, malformed, another area's, finished), so a link
 * never tells whether a sign-up exists.
 */
export async function findEmailedPlace(db: Db, areaId: string, token: string, now: Date = new Date()): Promise<EmailedPlace | undefined> {
  if (!TOKEN.test(token)) return undefined;
  return withArea(db, areaId, async (tx) => {
    const signup = await repo.findByCancelTokenHash(tx, areaId, hashToken(token));
    if (!signup) return undefined;
    const activity = await activities.findActivity(tx, areaId, signup.activityId);
    if (!activity || activity.status !== 'open' || !isUpcoming(activity, now)) return undefined;
    return { state: signup.cancelledAt ? 'cancelled' : 'open', activityId: signup.activityId };
  });
}

/**
 * Cancels the place an emailed link belongs to. The row stays, marked, as when someone signed in
 * cancels; audited as the same action (nobody signed in did it). A second press changes nothing.
 */
export async function cancelEmailedPlace(db: Db, areaId: string, token: string, now: Date = new Date()): Promise<'cancelled' | 'already' | 'none'> {
  if (!TOKEN.test(token)) return 'none';
  return withArea(db, areaId, async (tx) => {
    const signup = await repo.findByCancelTokenHash(tx, areaId, hashToken(token));
    if (!signup) return 'none';
    const activity = await activities.findActivity(tx, areaId, signup.activityId);
    if (!activity || activity.status !== 'open' || !isUpcoming(activity, now)) return 'none';
    if (!(await repo.cancelSignupById(tx, areaId, signup.id, now))) return 'already';
    await audit(tx, areaId, null, 'signup.cancelled', { type: 'activity', id: signup.activityId, detail: { signups: 1, by: 'email_link' } });
    return 'cancelled';
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
