/**
 * SQL for the population figures (issue 13 §5). Imports are only ever added: the figures in use
 * are, for each characteristic and organisation, those of the latest import that holds it (by the
 * date the figures describe, then by when they were imported), found in one query.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { Characteristic } from './data/representation-codes.ts';

export type PopulationImport = {
  id: string;
  asAt: string;
  source: string;
  method: 'csv' | 'typed';
  fileName: string | null;
  rowCount: number;
  importedAt: Date;
  importedBy: string | null;
};

export type CurrentCount = {
  characteristic: Characteristic;
  organisationId: string | null;
  value: string;
  count: number;
  importId: string;
  asAt: string;
  source: string;
};

const isoDate = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);

export async function insertImport(
  tx: AreaTx,
  areaId: string,
  values: { asAt: string; source: string; method: 'csv' | 'typed'; fileName: string | null; importedBy: string | null },
  rows: ReadonlyArray<{ characteristic: Characteristic; value: string; count: number; organisationId: string | null }>,
): Promise<string> {
  const row = await tx
    .insertInto('population_import')
    .values({ area_id: areaId, as_at: values.asAt, source: values.source, method: values.method, file_name: values.fileName, row_count: rows.length, imported_by: values.importedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('population_count')
    .values(rows.map((r) => ({ area_id: areaId, import_id: row.id, organisation_id: r.organisationId, characteristic: r.characteristic, value: r.value, count: r.count })))
    .execute();
  return row.id;
}

/** Every import, newest first (the history on the page). */
export async function listImports(tx: AreaTx, areaId: string): Promise<PopulationImport[]> {
  const rows = await tx
    .selectFrom('population_import')
    .select(['id', 'as_at', 'source', 'method', 'file_name', 'row_count', 'imported_at', 'imported_by'])
    .where('area_id', '=', areaId)
    .orderBy('as_at', 'desc')
    .orderBy('imported_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, asAt: isoDate(r.as_at), source: r.source, method: r.method, fileName: r.file_name, rowCount: r.row_count, importedAt: r.imported_at, importedBy: r.imported_by }));
}

/**
 * The counts in use: for each characteristic and organisation (or the whole area), every count of
 * the latest import holding that characteristic for it. One query.
 */
export async function currentCounts(tx: AreaTx, areaId: string): Promise<CurrentCount[]> {
  const rows = await sql<{ characteristic: Characteristic; organisation_id: string | null; value: string; count: number; import_id: string; as_at: Date | string; source: string }>`
    WITH latest AS (
      SELECT DISTINCT ON (c.characteristic, c.organisation_id) c.characteristic, c.organisation_id, c.import_id
      FROM population_count c
      JOIN population_import i ON i.area_id = c.area_id AND i.id = c.import_id
      WHERE c.area_id = ${areaId}
      ORDER BY c.characteristic, c.organisation_id, i.as_at DESC, i.imported_at DESC, i.id
    )
    SELECT c.characteristic, c.organisation_id, c.value, c.count, c.import_id, i.as_at, i.source
    FROM latest l
    JOIN population_count c ON c.area_id = ${areaId} AND c.import_id = l.import_id AND c.characteristic = l.characteristic
      AND c.organisation_id IS NOT DISTINCT FROM l.organisation_id
    JOIN population_import i ON i.area_id = c.area_id AND i.id = c.import_id
    ORDER BY c.characteristic, c.organisation_id NULLS FIRST, c.value`.execute(tx);
  return rows.rows.map((r) => ({
    characteristic: r.characteristic,
    organisationId: r.organisation_id,
    value: r.value,
    count: Number(r.count),
    importId: r.import_id,
    asAt: isoDate(r.as_at),
    source: r.source,
  }));
}
