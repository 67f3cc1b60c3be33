/**
 * SQL for how each person wants to hear what happened to their views (feedback_contact: one row per
 * survey response). The address is kept for that alone, and deleted by the retention schedule.
 */
import type { AreaTx, ContactChannel } from '../../db/database.ts';

export type StoredContact = { channel: ContactChannel; address: string; format: 'standard' | 'easy_read'; language: string };

export type LockedResponse = { id: string; mode: 'anonymous' | 'signed_in' | 'supported'; submitted: boolean; supporterRelationship: string | null; accountId: string | null };

/**
 * The response, locked until the transaction ends: two submits of the same choice at once are then
 * one after the other, so the second sees the first's row (and no second email is sent).
 */
export async function lockResponse(tx: AreaTx, areaId: string, responseId: string): Promise<LockedResponse | undefined> {
  const row = await tx.selectFrom('response').select(['id', 'mode', 'status', 'supporter_relationship', 'account_id']).where('area_id', '=', areaId).where('id', '=', responseId).forUpdate().executeTakeFirst();
  return row && { id: row.id, mode: row.mode, submitted: row.status === 'submitted', supporterRelationship: row.supporter_relationship, accountId: row.account_id };
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
