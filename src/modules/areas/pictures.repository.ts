/**
 * SQL for an area's own pictures. Every function takes the area id and runs inside withArea
 * (row-level security is the second lock).
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type PictureRow = { id: string; altText: string; width: number; height: number; fingerprint: string; createdAt: Date };
export type PictureBytes = { bytes: Buffer; contentType: string; fingerprint: string };
/** Where a picture is used as a symbol: an answer option of a survey, or a theme. */
export type PictureUse = { kind: 'option'; activityId: string; activityTitle: string; questionId: string; label: string } | { kind: 'theme'; themeId: string; title: string };

const columns = ['id', 'alt_text', 'width', 'height', 'fingerprint', 'created_at'] as const;
const toPicture = (row: { id: string; alt_text: string; width: number; height: number; fingerprint: string; created_at: Date }): PictureRow => ({
  id: row.id, altText: row.alt_text, width: row.width, height: row.height, fingerprint: row.fingerprint, createdAt: row.created_at,
});

export async function listPictures(tx: AreaTx, areaId: string, purpose: 'picture' | 'logo' = 'picture'): Promise<PictureRow[]> {
  const rows = await tx.selectFrom('area_picture').select(columns).where('area_id', '=', areaId).where('purpose', '=', purpose).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toPicture);
}

export async function findPicture(tx: AreaTx, areaId: string, id: string, purpose: 'picture' | 'logo' = 'picture'): Promise<PictureRow | undefined> {
  const row = await tx.selectFrom('area_picture').select(columns).where('area_id', '=', areaId).where('id', '=', id).where('purpose', '=', purpose).executeTakeFirst();
  return row && toPicture(row);
}

export async function pictureBytes(tx: AreaTx, areaId: string, id: string): Promise<PictureBytes | undefined> {
  const row = await tx.selectFrom('area_picture').select(['bytes', 'content_type', 'fingerprint']).where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return row && { bytes: row.bytes, contentType: row.content_type, fingerprint: row.fingerprint };
}

export async function insertPicture(
  tx: AreaTx,
  areaId: string,
  values: { purpose: 'picture' | 'logo'; altText: string; contentType: string; bytes: Buffer; width: number; height: number; fingerprint: string },
): Promise<string> {
  const row = await tx
    .insertInto('area_picture')
    .values({ area_id: areaId, purpose: values.purpose, alt_text: values.altText, content_type: values.contentType, bytes: values.bytes, width: values.width, height: values.height, fingerprint: values.fingerprint })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAltText(tx: AreaTx, areaId: string, id: string, altText: string): Promise<boolean> {
  const result = await tx.updateTable('area_picture').set({ alt_text: altText }).where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deletePicture(tx: AreaTx, areaId: string, id: string, purpose: 'picture' | 'logo'): Promise<boolean> {
  const result = await tx.deleteFrom('area_picture').where('area_id', '=', areaId).where('id', '=', id).where('purpose', '=', purpose).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every answer option and theme showing this picture (by its symbol reference), in one query each. */
export async function usesOf(tx: AreaTx, areaId: string, refs: readonly string[]): Promise<Map<string, PictureUse[]>> {
  const uses = new Map<string, PictureUse[]>(refs.map((ref) => [ref, []]));
  if (refs.length === 0) return uses;
  const options = await tx
    .selectFrom('question_option')
    .innerJoin('question', 'question.id', 'question_option.question_id')
    .innerJoin('activity', 'activity.id', 'question.activity_id')
    .select(['question_option.symbol', 'question_option.label', 'question.id as question_id', 'activity.id as activity_id', 'activity.title'])
    .where('question_option.area_id', '=', areaId)
    .where(sql<string>`upper(question_option.symbol)`, 'in', refs)
    .orderBy('activity.title')
    .execute();
  for (const o of options) uses.get(o.symbol!.toUpperCase())?.push({ kind: 'option', activityId: o.activity_id, activityTitle: o.title, questionId: o.question_id, label: o.label });
  const themes = await tx.selectFrom('theme').select(['id', 'title', 'symbol']).where('area_id', '=', areaId).where(sql<string>`upper(symbol)`, 'in', refs).orderBy('title').execute();
  for (const t of themes) uses.get(t.symbol!.toUpperCase())?.push({ kind: 'theme', themeId: t.id, title: t.title });
  return uses;
}

/** Points the area row at its logo (or at none). */
export async function setLogo(tx: AreaTx, areaId: string, pictureId: string | null): Promise<void> {
  await tx.updateTable('area').set({ logo_picture_id: pictureId }).where('id', '=', areaId).execute();
}

export async function setBrandColour(tx: AreaTx, areaId: string, brandColour: string): Promise<void> {
  await tx.updateTable('area').set({ brand_colour: brandColour }).where('id', '=', areaId).execute();
}
