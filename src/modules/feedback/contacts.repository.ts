/**
 * SQL for how each person wants to hear what happened to their views (feedback_contact: one row per
 * survey response). The address is kept for that alone and deleted a year after the response.
 */
import type { AreaTx, ContactChannel, Db } from '../../db/database.ts';

export type StoredContact = { channel: ContactChannel; address: string; format: 'standard' | 'easy_read'; language: string };

export type LockedResponse = { id: string; mode: 'anonymous' | 'signed_in' | 'supported'; submitted: boolean };

/**
 * The response, locked until the transaction ends: two submits of the same choice at once are then
 * one after the other, so the second sees the first's row (and no second email is sent).
 */
export async function lockResponse(tx: AreaTx, areaId: string, responseId: string): Promise<LockedResponse | undefined> {
  const row = await tx.selectFrom('response').select(['id', 'mode', 'status']).where('area_id', '=', areaId).where('id', '=', responseId).forUpdate().executeTakeFirst();
  return row && { id: row.id, mode: row.mode, submitted: row.status === 'submitted' };
}

export async function findContact(tx: AreaTx, areaId: string, responseId: string): Promise<StoredContact | undefined> {
  return tx.selectFrom('feedback_contact').select(['channel', 'address', 'format', 'language']).where('area_id', '=', areaId).where('response_id', '=', responseId).executeTakeFirst();
}

export async function upsertContact(tx: AreaTx, areaId: string, responseId: string, contact: StoredContact): Promise<void> {
  const now = new Date();
  await tx
    .insertInto('feedback_contact')
    .values({ area_id: areaId, response_id: responseId, ...contact, updated_at: now })
    .onConflict((oc) => oc.column('response_id').doUpdateSet({ ...contact, updated_at: now }))
    .execute();
}

/** Deletes the contacts of responses submitted before the cutoff; returns how many went. */
export async function deleteContactsBefore(tx: AreaTx, areaId: string, cutoff: Date): Promise<number> {
  const result = await tx
    .deleteFrom('feedback_contact')
    .where('area_id', '=', areaId)
    .where('response_id', 'in', (eb) => eb.selectFrom('response').select('id').where('area_id', '=', areaId).where('submitted_at', '<', cutoff))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every area's id (the area table itself has no row-level security: it is the list of tenants). */
export async function listAreaIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('area').select('id').orderBy('id').execute()).map((r) => r.id);
}
