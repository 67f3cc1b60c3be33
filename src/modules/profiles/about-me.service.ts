/**
 * Profiles (issue 17 §3), part: a young person's "All about me" one-page profile and "My views for my
 * plan". Both are a profile: sections of things said with words, a symbol or a photo; every save is a
 * new version (a save against an older version is refused, so nobody's words are overwritten).
 *
 * What a young person writes is screened for safeguarding (channel 'profile', one key per profile),
 * but a profile is not a contribution: it is theirs, not a view for the partnership, and it goes only
 * where they share it. Shares (an account in the area, or an email link that works until stopped or
 * for LINK_DAYS days) are audited when made and stopped; `profileAccess` reads them afresh on every
 * request, so "Stop sharing" works at the very next one.
 *
 * Functions take (db, areaId, actorId or null, plain input) so the demo seed can call them; the
 * routes check who is asking (`actingFor`, `profileAccess`) first.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import type { Actor } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { actingFor, type YoungPerson } from '../accounts/index.ts';
import type { EncodedImage } from '../areas/areas.service.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import { ABOUT_ME_SECTIONS, findProfile, LINK_DAYS, MY_VIEWS_SECTIONS, profileAccess, type Profile, type ProfileAccess, type ProfileContent, type ProfileItem, type ProfileKind } from './core.ts';
import * as repo from './about-me.repository.ts';

export const MAX_ITEMS_PER_SECTION = 12;
export const MAX_PHOTOS = 20;

export function sectionsOf(kind: ProfileKind): readonly string[] {
  return kind === 'all_about_me' ? ABOUT_ME_SECTIONS : MY_VIEWS_SECTIONS;
}

/** Someone else saved first: the page keeps what was typed and says so. */
export class StaleProfileError extends ConflictError {
  constructor() {
    super('profile saved by someone else first');
  }
}

/** Who is at a young person's own pages: themselves, or a parent carer the rules allow; null for everyone else. */
export async function youngFor(db: Db, areaId: string, actor: Actor | null, youngPersonId: string) {
  return withArea(db, areaId, (tx) => actingFor(tx, areaId, actor, youngPersonId));
}

/** Whether this person may change or share a young person's profile: themselves, or a parent carer of a child under 13. */
export function mayChange(acting: { young: YoungPerson; as: 'self' | 'guardian' | 'owner' | 'shared' }): boolean {
  return acting.as === 'self' || acting.as === 'owner' || (acting.as === 'guardian' && !acting.young.thirteenOrOver);
}

/** The young person's "All about me" as its owner or parent carer sees it; null when they may not. */
export async function aboutMeFor(db: Db, areaId: string, actor: Actor | null, youngPersonId: string): Promise<ProfileAccess | null> {
  return withArea(db, areaId, async (tx) => {
    const acting = await actingFor(tx, areaId, actor, youngPersonId);
    if (!acting) return null;
    const id = await repo.ensureAboutMe(tx, areaId, youngPersonId);
    const profile = (await findProfile(tx, areaId, id))!;
    return { profile, young: acting.young, as: acting.as === 'self' ? 'owner' : 'guardian' };
  });
}

/** One of the young person's "My views" as its owner or parent carer sees it; null otherwise (another young person's too). */
export async function myViewsFor(db: Db, areaId: string, actor: Actor | null, youngPersonId: string, viewsId: string): Promise<ProfileAccess | null> {
  return withArea(db, areaId, async (tx) => {
    const access = await profileAccess(tx, areaId, actor, viewsId);
    if (!access || access.as === 'shared' || access.profile.youngPersonId !== youngPersonId || access.profile.kind !== 'my_views') return null;
    return access;
  });
}

/** Any profile for whoever profileAccess allows (the shared page, photos); null for everyone else. */
export async function accessFor(db: Db, areaId: string, actor: Actor | null, profileId: string, shareToken?: string): Promise<ProfileAccess | null> {
  return withArea(db, areaId, (tx) => profileAccess(tx, areaId, actor, profileId, shareToken ? hashToken(shareToken) : undefined));
}

/** The profile a share link opens (only while the link works), or null. */
export async function profileOfLink(db: Db, areaId: string, shareToken: string): Promise<{ access: ProfileAccess; share: SharedBy } | null> {
  return withArea(db, areaId, async (tx) => {
    const row = await tx.selectFrom('profile_share').select('profile_id').where('area_id', '=', areaId).where('token_hash', '=', hashToken(shareToken)).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    const access = await profileAccess(tx, areaId, null, row.profile_id, hashToken(shareToken));
    if (!access) return null;
    const share = await sharedByOf(tx, areaId, row.profile_id, { tokenHash: hashToken(shareToken) });
    return share ? { access, share } : null;
  });
}

export type SharedBy = { roleWords: string; byName: string | null; sharedAt: Date };

async function sharedByOf(tx: Parameters<typeof repo.sharesOf>[0], areaId: string, profileId: string, who: { accountId?: string; tokenHash?: string }): Promise<SharedBy | undefined> {
  let q = tx
    .selectFrom('profile_share as s')
    .leftJoin('account as b', 'b.id', 's.shared_by')
    .select(['s.role_words', 's.shared_at', 'b.display_name'])
    .where('s.area_id', '=', areaId)
    .where('s.profile_id', '=', profileId)
    .where('s.revoked_at', 'is', null);
  q = who.tokenHash ? q.where('s.token_hash', '=', who.tokenHash) : q.where('s.account_id', '=', who.accountId ?? '');
  const row = await q.orderBy('s.shared_at', 'desc').executeTakeFirst();
  return row && { roleWords: row.role_words, byName: row.display_name, sharedAt: row.shared_at };
}

/** Who shared it with this signed-in account (for "Shared with you by …"). */
export async function sharedWithAccount(db: Db, areaId: string, profileId: string, accountId: string): Promise<SharedBy | undefined> {
  return withArea(db, areaId, (tx) => sharedByOf(tx, areaId, profileId, { accountId }));
}

/** Keeps only what a profile may hold: its own sections, at most MAX_ITEMS_PER_SECTION each, words trimmed. */
export function cleanContent(kind: ProfileKind, content: ProfileContent): ProfileContent {
  const out: ProfileContent = {};
  for (const section of sectionsOf(kind)) {
    const items = (content as Record<string, ProfileItem[] | undefined>)[section] ?? [];
    const kept = items
      .map((i) => ({ text: String(i.text ?? '').trim().slice(0, 500), symbol: i.symbol || null, photoId: i.photoId || null }))
      .filter((i) => i.text || i.symbol || i.photoId)
      .slice(0, MAX_ITEMS_PER_SECTION);
    if (kept.length) (out as Record<string, ProfileItem[]>)[section] = kept;
  }
  return out;
}

export type Saved = { profileId: string; version: number; raised: boolean };

/**
 * Saves a new version of a profile if it is still at `expectedVersion` (else StaleProfileError),
 * screening the words. Photos not of this profile are dropped. Call sendAlertsNow when `raised`.
 */
export async function saveContent(db: Db, areaId: string, actorId: string | null, profileId: string, content: ProfileContent, expectedVersion: number): Promise<Saved> {
  return withArea(db, areaId, async (tx) => {
    const profile = await findProfile(tx, areaId, profileId);
    if (!profile) throw new NotFoundError('profile');
    const photos = new Set((await repo.photosOf(tx, areaId, profileId)).map((p) => p.id));
    const clean = cleanContent(profile.kind, content);
    for (const items of Object.values(clean)) for (const item of items!) if (item.photoId && !photos.has(item.photoId)) item.photoId = null;
    const version = await repo.bumpVersion(tx, areaId, profileId, expectedVersion);
    if (version === undefined) throw new StaleProfileError();
    await repo.insertVersion(tx, areaId, profileId, version, clean, actorId);
    const text = Object.values(clean).flatMap((items) => items!.map((i) => i.text)).filter(Boolean).join('\n');
    const screened = await screenText(tx, areaId, { channel: 'profile', sourceKey: `profile:${profileId}`, text, context: { question: profile.kind === 'all_about_me' ? 'All about me (a young person’s one-page profile)' : `My views for my plan: ${profile.title}` } });
    return { profileId, version, raised: screened.raised };
  });
}

/** For the seed and the pages: saves a young person's "All about me" (made if need be). Returns its id. */
export async function saveProfile(db: Db, areaId: string, actorId: string | null, youngPersonId: string, content: ProfileContent, expectedVersion: number): Promise<string> {
  const profileId = await withArea(db, areaId, (tx) => repo.ensureAboutMe(tx, areaId, youngPersonId));
  await saveContent(db, areaId, actorId, profileId, content, expectedVersion);
  return profileId;
}

/** A new "My views for my plan" for a review ("Annual review, March 2027"), with nothing in it yet. */
export async function createMyViews(db: Db, areaId: string, actorId: string | null, youngPersonId: string, title: string, content?: ProfileContent): Promise<string> {
  const id = await withArea(db, areaId, (tx) => repo.insertProfile(tx, areaId, youngPersonId, 'my_views', title.trim().slice(0, 120)));
  if (content) await saveContent(db, areaId, actorId, id, content, 0);
  return id;
}

export async function listMyViews(db: Db, areaId: string, youngPersonId: string) {
  return withArea(db, areaId, (tx) => repo.myViewsOf(tx, areaId, youngPersonId));
}

export type VersionRow = { version: number; madeAt: Date; by: 'young' | 'parent' | 'other' };

/** Every saved version, newest first, and who made it (the young person, a parent carer, or someone else). */
export async function versions(db: Db, areaId: string, profile: Profile, young: YoungPerson): Promise<VersionRow[]> {
  const rows = await withArea(db, areaId, (tx) => repo.versionsOf(tx, areaId, profile.id));
  return rows.map((r) => ({ version: r.version, madeAt: r.made_at, by: r.made_by === young.accountId ? 'young' : r.made_by ? 'parent' : 'other' }));
}

export async function version(db: Db, areaId: string, profileId: string, number: number) {
  const row = await withArea(db, areaId, (tx) => repo.versionOf(tx, areaId, profileId, number));
  return row && { version: row.version, content: row.content as ProfileContent, madeAt: row.made_at };
}

export async function photos(db: Db, areaId: string, profileId: string) {
  return withArea(db, areaId, (tx) => repo.photosOf(tx, areaId, profileId));
}

/** Adds a photo (already re-encoded: no EXIF, no GPS) with its words. For the seed too. */
export async function addPhoto(db: Db, areaId: string, profileId: string, input: { alt: string; image: EncodedImage }): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    if ((await repo.photosOf(tx, areaId, profileId)).length >= MAX_PHOTOS) throw new ConflictError('too many photos');
    return repo.insertPhoto(tx, areaId, profileId, { bytes: input.image.bytes, width: input.image.width, height: input.image.height, alt: input.alt });
  });
}

/** A photo's bytes for whoever may see its profile (by account or share link); undefined (a 404) for everyone else. */
export async function photoFor(db: Db, areaId: string, actor: Actor | null, photoId: string, shareToken?: string) {
  return withArea(db, areaId, async (tx) => {
    const photo = await repo.photoRow(tx, areaId, photoId);
    if (!photo) return undefined;
    const access = await profileAccess(tx, areaId, actor, photo.profile_id, shareToken ? hashToken(shareToken) : undefined);
    return access ? photo : undefined;
  });
}

export type ShareRow = { id: string; who: string; roleWords: string; byLink: boolean; sharedAt: Date; byName: string | null };

export async function shares(db: Db, areaId: string, profileId: string): Promise<ShareRow[]> {
  const rows = await withArea(db, areaId, (tx) => repo.sharesOf(tx, areaId, profileId));
  return rows.map((r) => ({ id: r.id, who: r.account_email ?? r.email ?? '', roleWords: r.role_words, byLink: !r.account_id, sharedAt: r.shared_at, byName: r.by_name }));
}

export type ShareInput = { email: string; roleWords: string };
export type ShareEmail = (link: string) => { subject: string; body: string };

const defaultEmail: ShareEmail = (link) => ({
  subject: 'A young person has shared their profile with you',
  body: `A young person has shared their one-page profile with you on Chorus.\n\nOpen it here (no need to sign in): ${link}\n\nThe link works until they stop sharing, or for ${LINK_DAYS} days. Please do not pass it on.`,
});

const defaultAccountEmail: ShareEmail = (link) => ({
  subject: 'A young person has shared their profile with you',
  body: `A young person has shared their one-page profile with you on Chorus.\n\nSign in to read it: ${link}`,
});

export type SharedWithMe = { profileId: string; kind: ProfileKind; title: string; youngName: string; roleWords: string; sharedAt: Date };

/**
 * The profiles shared with this account and not stopped, newest first (one query): the worker's
 * "Shared with you" list. Each opens through profileAccess like any other look.
 */
export async function sharedWithMe(db: Db, areaId: string, accountId: string): Promise<SharedWithMe[]> {
  const rows = await withArea(db, areaId, (tx) =>
    tx
      .selectFrom('profile_share as s')
      .innerJoin('profile as p', (j) => j.onRef('p.id', '=', 's.profile_id').onRef('p.area_id', '=', 's.area_id'))
      .innerJoin('young_person as y', (j) => j.onRef('y.id', '=', 'p.young_person_id').onRef('y.area_id', '=', 'p.area_id'))
      .innerJoin('account as a', 'a.id', 'y.account_id')
      .select(['p.id', 'p.kind', 'p.title', 'a.display_name', 's.role_words', 's.shared_at'])
      .where('s.area_id', '=', areaId)
      .where('s.account_id', '=', accountId)
      .where('s.revoked_at', 'is', null)
      .where('a.disabled_at', 'is', null)
      .orderBy('s.shared_at', 'desc')
      .execute(),
  );
  return rows.map((r) => ({ profileId: r.id, kind: r.kind, title: r.title, youngName: r.display_name, roleWords: r.role_words, sharedAt: r.shared_at }));
}

/**
 * Shares a profile: with the account of a member of the area who has this email address, or else by
 * an emailed link (queued; the token is kept only as a hash). Audited. Returns the token for a link.
 */
export async function shareProfile(
  db: Db,
  areaId: string,
  actorId: string | null,
  profileId: string,
  input: ShareInput,
  link: { base: string; email?: ShareEmail; accountEmail?: ShareEmail } = { base: '' },
): Promise<{ shareId: string; token?: string; byLink: boolean }> {
  const email = input.email.trim().toLowerCase();
  return withArea(db, areaId, async (tx) => {
    const profile = await findProfile(tx, areaId, profileId);
    if (!profile) throw new NotFoundError('profile');
    const accountId = await repo.memberByEmail(tx, areaId, email);
    if (accountId) {
      const existing = await tx.selectFrom('profile_share').select('id').where('area_id', '=', areaId).where('profile_id', '=', profileId).where('account_id', '=', accountId).where('revoked_at', 'is', null).executeTakeFirst();
      const shareId = existing
        ? existing.id
        : (await tx.insertInto('profile_share').values({ area_id: areaId, profile_id: profileId, account_id: accountId, role_words: input.roleWords, shared_by: actorId }).returning('id').executeTakeFirstOrThrow()).id;
      if (existing) await tx.updateTable('profile_share').set({ role_words: input.roleWords }).where('area_id', '=', areaId).where('id', '=', existing.id).execute();
      // The worker is told where to find it (they sign in to read it: the email carries no secret).
      else {
        const words = (link.accountEmail ?? defaultAccountEmail)(`${link.base}/profiles/${profileId}`);
        await queueMessage(tx, areaId, { purpose: 'profile_share', channel: 'email', recipient: email, subject: words.subject, body: words.body });
      }
      await audit(tx, areaId, actorId, 'profile.shared', { type: 'profile', id: profileId, detail: { shareId, byLink: false } });
      return { shareId, byLink: false };
    }
    const token = newToken();
    const row = await tx.insertInto('profile_share').values({ area_id: areaId, profile_id: profileId, email, token_hash: hashToken(token), role_words: input.roleWords, shared_by: actorId }).returning('id').executeTakeFirstOrThrow();
    const words = (link.email ?? defaultEmail)(`${link.base}/profiles/link/${token}`);
    await queueMessage(tx, areaId, { purpose: 'profile_share', channel: 'email', recipient: email, subject: words.subject, body: words.body });
    await audit(tx, areaId, actorId, 'profile.shared', { type: 'profile', id: profileId, detail: { shareId: row.id, byLink: true } });
    return { shareId: row.id, token, byLink: true };
  });
}

/** Stops a share at once (the next request to see it gets "not found"). Audited. */
export async function revokeShare(db: Db, areaId: string, actorId: string | null, profileId: string, shareId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const r = await tx
      .updateTable('profile_share')
      .set({ revoked_at: new Date(), revoked_by: actorId })
      .where('area_id', '=', areaId)
      .where('profile_id', '=', profileId)
      .where('id', '=', shareId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('share');
    await audit(tx, areaId, actorId, 'profile.share_stopped', { type: 'profile', id: profileId, detail: { shareId } });
  });
}
