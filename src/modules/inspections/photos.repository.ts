/**
 * SQL for photos of a visited place (issue 16 §2): re-encoded bytes (no metadata), the words that
 * describe them, and who added them. Every function takes the area id and runs inside withArea.
 */
import type { AreaTx } from '../../db/database.ts';

export async function insertPhoto(
  tx: AreaTx,
  areaId: string,
  input: { visitId: string; memberId: string | null; criterionId: string | null; bytes: Buffer; width: number; height: number; sha256: string; altText: string },
): Promise<string> {
  const row = await tx
    .insertInto('inspection_photo')
    .values({ area_id: areaId, visit_id: input.visitId, member_id: input.memberId, criterion_id: input.criterionId, bytes: input.bytes, mime: 'image/webp', width: input.width, height: input.height, sha256: input.sha256, alt_text: input.altText })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type PhotoRow = { id: string; visitId: string; memberId: string | null; programmeId: string; panelId: string; activityId: string };

/** The photo with its visit's programme (who may see it is decided from these). */
export async function findPhoto(tx: AreaTx, areaId: string, photoId: string): Promise<PhotoRow | undefined> {
  const r = await tx
    .selectFrom('inspection_photo as ph')
    .innerJoin('inspection_visit as v', (j) => j.onRef('v.id', '=', 'ph.visit_id').onRef('v.area_id', '=', 'ph.area_id'))
    .innerJoin('inspection_programme as p', (j) => j.onRef('p.id', '=', 'v.programme_id').onRef('p.area_id', '=', 'v.area_id'))
    .select(['ph.id', 'ph.visit_id', 'ph.member_id', 'p.id as programme_id', 'p.panel_id', 'p.activity_id'])
    .where('ph.area_id', '=', areaId)
    .where('ph.id', '=', photoId)
    .executeTakeFirst();
  return r ? { id: r.id, visitId: r.visit_id, memberId: r.member_id, programmeId: r.programme_id, panelId: r.panel_id, activityId: r.activity_id } : undefined;
}

export async function photoBytes(tx: AreaTx, areaId: string, photoId: string): Promise<{ bytes: Buffer; mime: string; sha256: string } | undefined> {
  const r = await tx.selectFrom('inspection_photo').select(['bytes', 'mime', 'sha256']).where('area_id', '=', areaId).where('id', '=', photoId).executeTakeFirst();
  return r ? { bytes: r.bytes as Buffer, mime: r.mime, sha256: r.sha256 } : undefined;
}

export async function deletePhoto(tx: AreaTx, areaId: string, photoId: string): Promise<boolean> {
  const r = await tx.deleteFrom('inspection_photo').where('area_id', '=', areaId).where('id', '=', photoId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function photosWithUploader(tx: AreaTx, areaId: string, visitId: string): Promise<Array<{ id: string; altText: string; width: number; height: number; memberId: string | null }>> {
  const rows = await tx.selectFrom('inspection_photo').select(['id', 'alt_text', 'width', 'height', 'member_id']).where('area_id', '=', areaId).where('visit_id', '=', visitId).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, altText: r.alt_text, width: r.width, height: r.height, memberId: r.member_id }));
}
