/**
 * Consent records (issue 9 §2): what a person agreed to, when, by whom, and under which version of
 * the privacy notice. Append-only: a change of mind is a new record, so the history is the answer to
 * "what had they agreed to on that day?".
 *
 * Who gave it: the person themselves, a parent carer helping them, or another supporter, as the
 * response recorded how it was given. Today the record is written when someone chooses how to hear
 * back (kind 'contact'); the other kinds are in the schema for the pages that will ask them.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';

/**
 * The privacy notice's version: change it whenever the notice's promises change, so each consent
 * says which words it was given under. (A change that needs people to be asked again must ask: the
 * date here is what a page compares with a person's last record.)
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-04';

export type ConsentKind = 'privacy_notice' | 'contact' | 'quotes';
export type GivenBy = 'self' | 'parent_carer' | 'supporter';

/** Who gave consent for a response: the person, or the adult who helped them answer. */
export function givenByFor(mode: string, supporterRelationship: string | null): GivenBy {
  if (mode !== 'supported') return 'self';
  return supporterRelationship === 'parent' ? 'parent_carer' : 'supporter';
}

export async function recordConsent(
  tx: AreaTx,
  areaId: string,
  record: { responseId?: string | null; accountId?: string | null; kind: ConsentKind; agreed: boolean; givenBy: GivenBy },
): Promise<void> {
  await tx
    .insertInto('consent_record')
    .values({
      area_id: areaId,
      response_id: record.responseId ?? null,
      account_id: record.accountId ?? null,
      kind: record.kind,
      agreed: record.agreed,
      notice_version: PRIVACY_NOTICE_VERSION,
      given_by: record.givenBy,
    })
    .execute();
}

export type ConsentRecord = { kind: ConsentKind; agreed: boolean; noticeVersion: string; givenBy: GivenBy; recordedAt: Date };

/** A response's consent history, newest first. */
export async function listConsents(db: Db, areaId: string, responseId: string): Promise<ConsentRecord[]> {
  const rows = await withArea(db, areaId, (tx) =>
    tx.selectFrom('consent_record').select(['kind', 'agreed', 'notice_version', 'given_by', 'recorded_at']).where('area_id', '=', areaId).where('response_id', '=', responseId).orderBy('recorded_at', 'desc').execute(),
  );
  return rows.map((r) => ({ kind: r.kind, agreed: r.agreed, noticeVersion: r.notice_version, givenBy: r.given_by, recordedAt: r.recorded_at }));
}
