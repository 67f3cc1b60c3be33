/**
 * Time people gave (issue 16 §3, for the recognition ledger of issue 17): hours on panels and on
 * young inspectors' visits, recorded now so that the ledger that comes later starts with the truth.
 * Each entry is once per person and source key ('panel:<id>:interviews', 'visit:<id>'): recording the
 * same thing again changes nothing (a retried form, a job run twice).
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type TimeGivenEntry = {
  activityId: string;
  /** Who gave it: a panel member (a young person known by their code) or an account. */
  panelMemberId: string | null;
  accountId: string | null;
  kind: 'panel' | 'inspection';
  sourceKey: string;
  minutes: number;
  /** London date, 'YYYY-MM-DD'. */
  givenOn: string;
  recordedBy: string | null;
};

/** Records time given, inside the caller's transaction; returns how many entries were new. */
export async function recordTimeGiven(tx: AreaTx, areaId: string, entries: readonly TimeGivenEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await tx
    .insertInto('time_given')
    .values(
      entries.map((e) => ({
        area_id: areaId,
        activity_id: e.activityId,
        panel_member_id: e.panelMemberId,
        account_id: e.accountId,
        kind: e.kind,
        source_key: e.sourceKey,
        minutes: e.minutes,
        given_on: e.givenOn,
        recorded_by: e.recordedBy,
      })),
    )
    .onConflict((oc) => oc.expression(sql`area_id, source_key, coalesce(panel_member_id, account_id)`).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/** Minutes given per panel member, for the members' own pages ("you gave 3 hours"). */
export async function minutesByMember(tx: AreaTx, areaId: string, memberIds: readonly string[]): Promise<Map<string, number>> {
  if (memberIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('time_given')
    .select(['panel_member_id', (eb) => eb.fn.sum<string>('minutes').as('minutes')])
    .where('area_id', '=', areaId)
    .where('panel_member_id', 'in', [...memberIds])
    .groupBy('panel_member_id')
    .execute();
  return new Map(rows.map((r) => [r.panel_member_id!, Number(r.minutes)]));
}
