/**
 * SQL for sign-ups to timed activities and for adjustment requests (from a sign-up or a survey).
 * Both hold personal data: the service audits every staff read.
 */
import type { AreaTx } from '../../db/database.ts';
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
  adjustments: Adjustment[];
  details: string;
};

/** Every sign-up with what each person asked for, in two queries whatever the number. */
export async function listSignups(tx: AreaTx, areaId: string, activityId: string): Promise<Signup[]> {
  const signups = await tx
    .selectFrom('activity_signup')
    .select(['id', 'name', 'email', 'phone', 'people', 'created_at'])
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
    adjustments: [...new Set(bySignup.get(s.id)?.adjustments ?? [])] as Adjustment[],
    details: (bySignup.get(s.id)?.details ?? []).join('\n'),
  }));
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
