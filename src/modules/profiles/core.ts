/**
 * Individual co-production's contract (issue 17 §3). A profile belongs to a young person: their
 * "All about me" one-page profile, or "My views for my plan" for an EHC plan annual review. Every
 * saved change is a new version; the profile shows its current one.
 *
 * THE rule for who sees a profile (`profileAccess`): the young person ('owner'); a parent carer the
 * young person rules allow ('guardian', accounts core `actingFor`); someone it is shared with and not
 * revoked ('shared': an account, or the holder of a share link for LINK_DAYS days). Nobody else, staff included: a page
 * that cannot say yes answers 404, and a revoked share stops at the very next request (it is read
 * afresh on every request, never cached).
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import type { Actor } from '../../lib/authorisation.ts';
import { actingFor, findYoungPerson, type YoungPerson } from '../accounts/index.ts';

/** A share by link works until it is stopped, or for this many days after it was made. */
export const LINK_DAYS = 90;

export type ProfileKind = 'all_about_me' | 'my_views';

/** The sections of "All about me", in the order of the one-page profile. */
export const ABOUT_ME_SECTIONS = ['likes', 'important', 'support', 'communicate', 'dislikes'] as const;
export type AboutMeSection = (typeof ABOUT_ME_SECTIONS)[number];
/** The sections of "My views for my plan". */
export const MY_VIEWS_SECTIONS = ['working', 'not_working', 'future', 'know'] as const;
export type MyViewsSection = (typeof MY_VIEWS_SECTIONS)[number];

/** One thing said in a section: words, a symbol (OpenMoji code) or one of the profile's photos. */
export type ProfileItem = { text: string; symbol: string | null; photoId: string | null };
export type ProfileContent = Partial<Record<AboutMeSection | MyViewsSection, ProfileItem[]>>;

export type Profile = {
  id: string;
  youngPersonId: string;
  kind: ProfileKind;
  title: string;
  version: number;
  content: ProfileContent;
  madeAt: Date | null;
};

export async function findProfile(tx: AreaTx, areaId: string, profileId: string): Promise<Profile | undefined> {
  const row = await tx
    .selectFrom('profile as p')
    .leftJoin('profile_version as v', (join) => join.onRef('v.profile_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
    .select(['p.id', 'p.young_person_id', 'p.kind', 'p.title', 'p.current_version', 'v.content', 'v.made_at'])
    .where('p.area_id', '=', areaId)
    .where('p.id', '=', profileId)
    .executeTakeFirst();
  return row && { id: row.id, youngPersonId: row.young_person_id, kind: row.kind, title: row.title, version: row.current_version, content: (row.content ?? {}) as ProfileContent, madeAt: row.made_at };
}

export type ProfileAccess = { profile: Profile; young: YoungPerson; as: 'owner' | 'guardian' | 'shared' };

/**
 * Whether this actor (or the holder of this share link's token hash) may see this profile, and as
 * whom. null for everyone else.
 */
export async function profileAccess(tx: AreaTx, areaId: string, actor: Actor | null, profileId: string, shareTokenHash?: string): Promise<ProfileAccess | null> {
  const profile = await findProfile(tx, areaId, profileId);
  if (!profile) return null;
  const acting = await actingFor(tx, areaId, actor, profile.youngPersonId);
  if (acting) return { profile, young: acting.young, as: acting.as === 'self' ? 'owner' : 'guardian' };
  if (!actor && !shareTokenHash) return null;
  let share = tx.selectFrom('profile_share').select('id').where('area_id', '=', areaId).where('profile_id', '=', profile.id).where('revoked_at', 'is', null);
  share = shareTokenHash
    ? share.where('token_hash', '=', shareTokenHash).where('shared_at', '>', sql<Date>`now() - make_interval(days => ${LINK_DAYS})`)
    : share.where('account_id', '=', actor!.accountId);
  if (!(await share.executeTakeFirst())) return null;
  const young = await findYoungPerson(tx, areaId, profile.youngPersonId);
  return young ? { profile, young, as: 'shared' } : null;
}
