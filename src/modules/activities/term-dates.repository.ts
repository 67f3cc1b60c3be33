/**
 * SQL for the area's school terms. Days outside every term (on weekdays) are school holidays.
 */
import type { AreaTx } from '../../db/database.ts';

export type TermDate = { id: string; name: string; startsOn: string; endsOn: string };

export async function listTermDates(tx: AreaTx, areaId: string): Promise<TermDate[]> {
  const rows = await tx.selectFrom('term_date').select(['id', 'name', 'starts_on', 'ends_on']).where('area_id', '=', areaId).orderBy('starts_on').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on }));
}

export async function insertTermDate(tx: AreaTx, areaId: string, values: { name: string; startsOn: string; endsOn: string }): Promise<string> {
  const row = await tx
    .insertInto('term_date')
    .values({ area_id: areaId, name: values.name, starts_on: values.startsOn, ends_on: values.endsOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A term with the same name and dates already entered (a double submit, or typed twice). */
export async function findSameTermDate(tx: AreaTx, areaId: string, values: { name: string; startsOn: string; endsOn: string }): Promise<string | undefined> {
  const row = await tx
    .selectFrom('term_date')
    .select('id')
    .where('area_id', '=', areaId)
    .where('name', '=', values.name)
    .where('starts_on', '=', values.startsOn)
    .where('ends_on', '=', values.endsOn)
    .executeTakeFirst();
  return row?.id;
}

export async function deleteTermDate(tx: AreaTx, areaId: string, id: string): Promise<TermDate | undefined> {
  const row = await tx.deleteFrom('term_date').where('area_id', '=', areaId).where('id', '=', id).returning(['id', 'name', 'starts_on', 'ends_on']).executeTakeFirst();
  return row && { id: row.id, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on };
}
