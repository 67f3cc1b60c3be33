/**
 * The area's school terms, entered by its admins. The planning checks use them to tell school days
 * from school holidays.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { audit } from '../privacy/audit.service.ts';
import { lockKey } from './activities.repository.ts';
import * as repo from './term-dates.repository.ts';

export type { TermDate } from './term-dates.repository.ts';

export function listTermDates(db: Db, areaId: string): Promise<repo.TermDate[]> {
  return withArea(db, areaId, (tx) => repo.listTermDates(tx, areaId));
}

/** Adds a term; the same term sent twice (a double click) is added once. */
export async function addTermDate(db: Db, areaId: string, actorId: string, values: { name: string; startsOn: string; endsOn: string }): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await lockKey(tx, `term_date:${areaId}`);
    if (await repo.findSameTermDate(tx, areaId, values)) return;
    const id = await repo.insertTermDate(tx, areaId, values);
    await audit(tx, areaId, actorId, 'term_date.added', { type: 'term_date', id, detail: { name: values.name, startsOn: values.startsOn, endsOn: values.endsOn } });
  });
}

export async function removeTermDate(db: Db, areaId: string, actorId: string, id: string): Promise<repo.TermDate> {
  return withArea(db, areaId, async (tx) => {
    const removed = await repo.deleteTermDate(tx, areaId, id);
    if (!removed) throw new NotFoundError('term date');
    await audit(tx, areaId, actorId, 'term_date.removed', { type: 'term_date', id, detail: { name: removed.name, startsOn: removed.startsOn, endsOn: removed.endsOn } });
    return removed;
  });
}
