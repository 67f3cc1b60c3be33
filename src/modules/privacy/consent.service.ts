/**
 * Consent records (issue 9 §2): what a person agreed to, when, by whom, and under which version of
 * the privacy notice. Append-only: a change of mind is a new record, so the history is the answer to
 * "what had they agreed to on that day?".
 *
 * Who gave it: the person themselves, a parent carer helping them, or another supporter, as the
 * response recorded how it was given. Today the record is written when someone chooses how to hear
 * back (kind 'contact') and whether their words may be quoted (kind 'quotes'). Quotes are used only
 * where the latest 'quotes' record says yes: agreedToQuotes() is what the themes module asks.
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

/** The latest record of one kind for a response: what stands now (undefined: never asked or answered). */
export async function latestConsent(db: Db, areaId: string, responseId: string, kind: ConsentKind): Promise<boolean | undefined> {
  const row = await withArea(db, areaId, (tx) =>
    tx.selectFrom('consent_record').select('agreed').where('area_id', '=', areaId).where('response_id', '=', responseId).where('kind', '=', kind).orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst(),
  );
  return row?.agreed;
}

/**
 * Records a choice about being quoted, unless it is already the standing one (so a double submit
 * adds nothing). Returns whether it changed.
 */
export async function recordQuoteChoice(db: Db, areaId: string, response: { id: string; mode: string; supporterRelationship: string | null; accountId: string | null }, agreed: boolean): Promise<boolean> {
  return withArea(db, areaId, async (tx) => {
    await tx.selectFrom('response').select('id').where('area_id', '=', areaId).where('id', '=', response.id).forUpdate().executeTakeFirst();
    const current = await tx.selectFrom('consent_record').select('agreed').where('area_id', '=', areaId).where('response_id', '=', response.id).where('kind', '=', 'quotes').orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (current?.agreed === agreed) return false;
    await recordConsent(tx, areaId, { responseId: response.id, accountId: response.accountId, kind: 'quotes', agreed, givenBy: givenByFor(response.mode, response.supporterRelationship) });
    return true;
  });
}

/** Of these responses, the ones whose words may be quoted now (their latest 'quotes' record says yes). */
export async function agreedToQuotes(tx: AreaTx, areaId: string, responseIds: readonly string[]): Promise<Set<string>> {
  if (responseIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('consent_record')
    .select(['response_id', 'agreed'])
    .distinctOn('response_id')
    .where('area_id', '=', areaId)
    .where('kind', '=', 'quotes')
    .where('response_id', 'in', [...new Set(responseIds)])
    .orderBy('response_id')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return new Set(rows.filter((r) => r.agreed).map((r) => r.response_id!));
}

export type ConsentRecord = { kind: ConsentKind; agreed: boolean; noticeVersion: string; givenBy: GivenBy; recordedAt: Date };

/** A response's consent history, newest first. */
export async function listConsents(db: Db, areaId: string, responseId: string): Promise<ConsentRecord[]> {
  const rows = await withArea(db, areaId, (tx) =>
    tx.selectFrom('consent_record').select(['kind', 'agreed', 'notice_version', 'given_by', 'recorded_at']).where('area_id', '=', areaId).where('response_id', '=', responseId).orderBy('recorded_at', 'desc').execute(),
  );
  return rows.map((r) => ({ kind: r.kind, agreed: r.agreed, noticeVersion: r.notice_version, givenBy: r.given_by, recordedAt: r.recorded_at }));
}
