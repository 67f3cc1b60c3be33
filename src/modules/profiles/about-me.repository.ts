/** Profiles (issue 17 §3), part "All about me" and "My views for my plan": the queries. */
import type { AreaTx } from '../../db/database.ts';
import type { ProfileContent, ProfileKind } from './core.ts';

export async function aboutMeId(tx: AreaTx, areaId: string, youngPersonId: string): Promise<string | undefined> {
  const row = await tx.selectFrom('profile').select('id').where('area_id', '=', areaId).where('young_person_id', '=', youngPersonId).where('kind', '=', 'all_about_me').executeTakeFirst();
  return row?.id;
}

/** The young person's "All about me", made (empty, version 0) the first time it is needed. */
export async function ensureAboutMe(tx: AreaTx, areaId: string, youngPersonId: string): Promise<string> {
  const found = await aboutMeId(tx, areaId, youngPersonId);
  if (found) return found;
  await tx.insertInto('profile').values({ area_id: areaId, young_person_id: youngPersonId, kind: 'all_about_me' }).onConflict((oc) => oc.column('young_person_id').where('kind', '=', 'all_about_me').doNothing()).execute();
  return (await aboutMeId(tx, areaId, youngPersonId))!;
}

export async function insertProfile(tx: AreaTx, areaId: string, youngPersonId: string, kind: ProfileKind, title: string): Promise<string> {
  const row = await tx.insertInto('profile').values({ area_id: areaId, young_person_id: youngPersonId, kind, title }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Bumps the version if it is still `expected`; undefined when someone else saved first. */
export async function bumpVersion(tx: AreaTx, areaId: string, profileId: string, expected: number): Promise<number | undefined> {
  const row = await tx
    .updateTable('profile')
    .set((eb) => ({ current_version: eb('current_version', '+', 1) }))
    .where('area_id', '=', areaId)
    .where('id', '=', profileId)
    .where('current_version', '=', expected)
    .returning('current_version')
    .executeTakeFirst();
  return row?.current_version;
}

export async function insertVersion(tx: AreaTx, areaId: string, profileId: string, version: number, content: ProfileContent, madeBy: string | null): Promise<void> {
  await tx.insertInto('profile_version').values({ area_id: areaId, profile_id: profileId, version, content: JSON.stringify(content), made_by: madeBy }).execute();
}

export function versionsOf(tx: AreaTx, areaId: string, profileId: string) {
  return tx.selectFrom('profile_version').select(['version', 'made_by', 'made_at']).where('area_id', '=', areaId).where('profile_id', '=', profileId).orderBy('version', 'desc').execute();
}

export function versionOf(tx: AreaTx, areaId: string, profileId: string, version: number) {
  return tx.selectFrom('profile_version').select(['version', 'content', 'made_by', 'made_at']).where('area_id', '=', areaId).where('profile_id', '=', profileId).where('version', '=', version).executeTakeFirst();
}

export function myViewsOf(tx: AreaTx, areaId: string, youngPersonId: string) {
  return tx.selectFrom('profile').select(['id', 'title', 'current_version', 'created_at']).where('area_id', '=', areaId).where('young_person_id', '=', youngPersonId).where('kind', '=', 'my_views').orderBy('created_at', 'desc').execute();
}

export function photosOf(tx: AreaTx, areaId: string, profileId: string) {
  return tx.selectFrom('profile_photo').select(['id', 'alt', 'width', 'height']).where('area_id', '=', areaId).where('profile_id', '=', profileId).orderBy('created_at').execute();
}

export async function insertPhoto(tx: AreaTx, areaId: string, profileId: string, input: { bytes: Buffer; width: number; height: number; alt: string }): Promise<string> {
  const row = await tx.insertInto('profile_photo').values({ area_id: areaId, profile_id: profileId, image: input.bytes, width: input.width, height: input.height, alt: input.alt }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function photoRow(tx: AreaTx, areaId: string, photoId: string) {
  return tx.selectFrom('profile_photo').select(['id', 'profile_id', 'image', 'alt']).where('area_id', '=', areaId).where('id', '=', photoId).executeTakeFirst();
}

export function sharesOf(tx: AreaTx, areaId: string, profileId: string) {
  return tx
    .selectFrom('profile_share as s')
    .leftJoin('account as a', 'a.id', 's.account_id')
    .leftJoin('account as b', 'b.id', 's.shared_by')
    .select(['s.id', 's.account_id', 's.email', 's.role_words', 's.shared_at', 's.shared_by', 's.token_hash', 'a.email as account_email', 'a.display_name as account_name', 'b.display_name as by_name'])
    .where('s.area_id', '=', areaId)
    .where('s.profile_id', '=', profileId)
    .where('s.revoked_at', 'is', null)
    .orderBy('s.shared_at', 'desc')
    .execute();
}

/** An account that belongs to this area, by its email address (for sharing with a worker). */
export async function memberByEmail(tx: AreaTx, areaId: string, email: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('account as a')
    .select('a.id')
    .where('a.email', '=', email)
    .where('a.disabled_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('area_membership as m').select('m.id').whereRef('m.account_id', '=', 'a.id').where('m.area_id', '=', areaId)))
    .executeTakeFirst();
  return row?.id;
}
