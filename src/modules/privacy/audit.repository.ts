/**
 * The area audit log: append-only for the app role (it has INSERT and SELECT, no UPDATE or DELETE).
 */
import type { AreaTx } from '../../db/database.ts';

export type AuditEvent = { at: Date; actorAccountId: string | null; action: string; subjectType: string; detail: Record<string, unknown> };

export async function insertAuditEvent(
  tx: AreaTx,
  areaId: string,
  event: { actorAccountId: string | null; action: string; subjectType: string; subjectId?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await tx
    .insertInto('audit_event')
    .values({
      area_id: areaId,
      actor_account_id: event.actorAccountId,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

export async function listAuditEvents(tx: AreaTx, areaId: string, limit: number): Promise<AuditEvent[]> {
  const rows = await tx
    .selectFrom('audit_event')
    .select(['at', 'actor_account_id', 'action', 'subject_type', 'detail'])
    .where('area_id', '=', areaId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.at, actorAccountId: r.actor_account_id, action: r.action, subjectType: r.subject_type, detail: r.detail }));
}
