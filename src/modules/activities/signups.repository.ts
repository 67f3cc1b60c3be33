/**
 * SQL for sign-ups to timed activities and for adjustment requests (from a sign-up or a survey).
 * Both hold personal data: the service audits every staff read.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { Activity } from './activities.repository.ts';
import type { Adjustment } from './activity-options.ts';

export type SignupInput = { activityId: string; accountId: string | null; name: string; email: string; phone: string; people: number; idempotencyKey: string };

/**
 * Inserts the sign-up unless one with the same idempotency key exists. Returns its id and whether
 * this call made it; undefined when the key is taken by a row this area cannot see.
 */
export async function insertSignup(tx: AreaTx, areaId: string, input: SignupInput): Promise<{ id: string; created: boolean } | undefined> {
  const inserted = await tx
    .insertInto('activity_signup')
    .values({
      area_id: areaId,
      activity_id: input.activityId,
      account_id: input.accountId,
      name: input.name,
      email: input.email,
      phone: input.phone,
      people: input.people,
      idempotency_key: input.idempotencyKey,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await tx
    .selectFrom('activity_signup')
    .select(['id', 'activity_id'])
    .where('area_id', '=', areaId)
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  return existing && existing.activity_id === input.activityId ? { id: existing.id, created: false } : undefined;
}

export type Signup = {
  id: string;
  name: string;
  email: string;
  phone: string;
  people: number;
  createdAt: Date;
  /** When the person cancelled their place, or null while they are coming. */
  cancelledAt: Date | null;
  adjustments: Adjustment[];
  details: string;
};

/** Every sign-up with what each person asked for, in two queries whatever the number. */
export async function listSignups(tx: AreaTx, areaId: string, activityId: string): Promise<Signup[]> {
  const signups = await tx
    .selectFrom('activity_signup')
    .select(['id', 'name', 'email', 'phone', 'people', 'created_at', 'cancelled_at'])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const requests = await tx
    .selectFrom('adjustment_request')
    .select(['signup_id', 'adjustments', 'details'])
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('signup_id', 'is not', null)
    .execute();
  const bySignup = new Map<string, { adjustments: string[]; details: string[] }>();
  for (const r of requests) {
    const entry = bySignup.get(r.signup_id!) ?? { adjustments: [], details: [] };
    entry.adjustments.push(...r.adjustments);
    if (r.details) entry.details.push(r.details);
    bySignup.set(r.signup_id!, entry);
  }
  return signups.map((s) => ({
    id: s.id,
    name: s.name,
    email: s.email,
    phone: s.phone,
    people: s.people,
    createdAt: s.created_at,
    cancelledAt: s.cancelled_at,
    adjustments: [...new Set(bySignup.get(s.id)?.adjustments ?? [])] as Adjustment[],
    details: (bySignup.get(s.id)?.details ?? []).join('\n'),
  }));
}

/** A signed-in person's own place at an activity, with what their page shows about the activity. */
export type OwnSignup = {
  id: string;
  activityId: string;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  venueKind: Activity['venueKind'];
  venueName: string;
  venueAddress: string;
  people: number;
};

/**
 * A person's places not cancelled, at open activities that have not finished, soonest first
 * (activities without a date last). By account only: a sign-up made signed out is not theirs here.
 */
export async function listOwnSignups(tx: AreaTx, areaId: string, accountId: string, now: Date, activityId?: string): Promise<OwnSignup[]> {
  let query = tx
    .selectFrom('activity_signup as s')
    .innerJoin('activity as a', (join) => join.onRef('a.id', '=', 's.activity_id').onRef('a.area_id', '=', 's.area_id'))
    .select(['s.id', 's.activity_id', 'a.title', 'a.starts_at', 'a.ends_at', 'a.venue_kind', 'a.venue_name', 'a.venue_address', 's.people'])
    .where('s.area_id', '=', areaId)
    .where('s.account_id', '=', accountId)
    .where('s.cancelled_at', 'is', null)
    .where('a.status', '=', 'open')
    .where((eb) => eb.or([eb('a.starts_at', 'is', null), eb(eb.fn.coalesce('a.ends_at', 'a.starts_at'), '>', now)]));
  if (activityId) query = query.where('s.activity_id', '=', activityId);
  const rows = await query.orderBy(sql`a.starts_at asc nulls last`).orderBy('s.created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    activityId: r.activity_id,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    venueKind: r.venue_kind as Activity['venueKind'],
    venueName: r.venue_name,
    venueAddress: r.venue_address,
    people: r.people,
  }));
}

/** Whether the person has a place at this activity that they cancelled (a second press of "cancel"). */
export async function hasCancelledOwnSignup(tx: AreaTx, areaId: string, activityId: string, accountId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('activity_signup')
    .select('id')
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('account_id', '=', accountId)
    .where('cancelled_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/** Marks a person's places at an activity cancelled; returns the ids it cancelled (none: nothing to cancel). */
export async function cancelOwnSignups(tx: AreaTx, areaId: string, activityId: string, accountId: string, now: Date): Promise<string[]> {
  const rows = await tx
    .updateTable('activity_signup')
    .set({ cancelled_at: now })
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('account_id', '=', accountId)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Keeps the hash of the secret in the emailed link to cancel this sign-up. */
export async function setCancelTokenHash(tx: AreaTx, areaId: string, signupId: string, hash: string): Promise<void> {
  await tx.updateTable('activity_signup').set({ cancel_token_hash: hash }).where('area_id', '=', areaId).where('id', '=', signupId).execute();
}

/** The sign-up an emailed link to cancel belongs to, in this area only. */
export async function findByCancelTokenHash(tx: AreaTx, areaId: string, hash: string): Promise<{ id: string; activityId: string; name: string; cancelledAt: Date | null } | undefined> {
  const row = await tx
    .selectFrom('activity_signup')
    .select(['id', 'activity_id', 'name', 'cancelled_at'])
    .where('area_id', '=', areaId)
    .where('cancel_token_hash', '=', hash)
    .executeTakeFirst();
  return row && { id: row.id, activityId: row.activity_id, name: row.name, cancelledAt: row.cancelled_at };
}

/** Marks one sign-up cancelled unless it already is; whether this call did it. */
export async function cancelSignupById(tx: AreaTx, areaId: string, signupId: string, now: Date): Promise<boolean> {
  const result = await tx
    .updateTable('activity_signup')
    .set({ cancelled_at: now })
    .where('area_id', '=', areaId)
    .where('id', '=', signupId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type AdjustmentRequestStatus = 'new' | 'arranged' | 'not_possible';

export type AdjustmentRequest = {
  id: string;
  adjustments: Adjustment[];
  details: string;
  contact: string;
  /** Where it came from: a sign-up (with the name given) or a survey response. */
  source: 'signup' | 'survey' | 'other';
  signupName: string | null;
  status: AdjustmentRequestStatus;
  createdAt: Date;
};

export async function listAdjustmentRequests(tx: AreaTx, areaId: string, activityId: string): Promise<AdjustmentRequest[]> {
  const rows = await tx
    .selectFrom('adjustment_request as r')
    .leftJoin('activity_signup as s', (join) => join.onRef('s.id', '=', 'r.signup_id').onRef('s.area_id', '=', 'r.area_id'))
    .select(['r.id', 'r.adjustments', 'r.details', 'r.contact', 'r.signup_id', 'r.response_id', 'r.status', 'r.created_at', 's.name as signup_name'])
    .where('r.area_id', '=', areaId)
    .where('r.activity_id', '=', activityId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    adjustments: r.adjustments as Adjustment[],
    details: r.details,
    contact: r.contact,
    source: r.signup_id ? 'signup' : r.response_id ? 'survey' : 'other',
    signupName: r.signup_name,
    status: r.status,
    createdAt: r.created_at,
  }));
}

export async function updateAdjustmentRequestStatus(tx: AreaTx, areaId: string, activityId: string, id: string, status: AdjustmentRequestStatus): Promise<boolean> {
  const result = await tx
    .updateTable('adjustment_request')
    .set({ status })
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
