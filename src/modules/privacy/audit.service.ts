/**
 * What other modules call to audit: every role change, invitation and charter change.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import * as repo from './audit.repository.ts';

export type { AuditEntry } from './audit.repository.ts';

export function audit(
  tx: AreaTx,
  areaId: string,
  actorAccountId: string | null,
  action: string,
  subject: { type: string; id?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  return repo.insertAuditEvent(tx, areaId, { actorAccountId, action, subjectType: subject.type, subjectId: subject.id ?? null, detail: subject.detail });
}

export function listAudit(db: Db, areaId: string, limit = 200): Promise<repo.AuditEntry[]> {
  return withArea(db, areaId, (tx) => repo.listAuditEvents(tx, areaId, limit));
}
