/**
 * What other modules call to audit: every role change, invitation and charter change.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { displayNamesOf } from '../accounts/accounts.service.ts';
import * as repo from './audit.repository.ts';

/** An audit log line as the page shows it: who by name (the accounts module's), never by id. */
export type AuditEntry = Omit<repo.AuditEvent, 'actorAccountId'> & { actorName: string | null };

export function audit(
  tx: AreaTx,
  areaId: string,
  actorAccountId: string | null,
  action: string,
  subject: { type: string; id?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  return repo.insertAuditEvent(tx, areaId, { actorAccountId, action, subjectType: subject.type, subjectId: subject.id ?? null, detail: subject.detail });
}

export async function listAudit(db: Db, areaId: string, limit = 200): Promise<AuditEntry[]> {
  const events = await withArea(db, areaId, (tx) => repo.listAuditEvents(tx, areaId, limit));
  const names = await displayNamesOf(db, events.flatMap((e) => (e.actorAccountId ? [e.actorAccountId] : [])));
  return events.map(({ actorAccountId, ...event }) => ({ ...event, actorName: (actorAccountId && names.get(actorAccountId)) ?? null }));
}
