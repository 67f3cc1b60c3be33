/**
 * A young person's own way in (issue 17 §1): staff set a young person up (an account with no email
 * address, their age band, a sign-in code shown once and a picture password chosen together), link
 * their parent carers (an account in the area, or a single-use set-up link by email), and the young
 * person signs in with their code and three pictures in order.
 *
 * - The code: panels' alphabet and helpers (`newMemberCode`, `parseMemberCode`); only
 *   `youngCodeHash(canonical)` is kept. The pictures: an argon2id hash of the ordered ids.
 * - Signing in never says whether a code exists before the pictures are also right (`signInYoung`
 *   answers 'wrong' for an unknown code and for wrong pictures alike).
 *
 * Callable from the demo seed (db, areaId, actorId | null, plain inputs): createYoungPerson,
 * giveYoungCode, setPictures, linkGuardian, recordParentsChoice.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { audit } from '../privacy/audit.service.ts';
import { newMemberCode, parseMemberCode } from '../panels/index.ts';
import * as accountsRepo from './accounts.repository.ts';
import { addRole } from './memberships.repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { findYoungPerson, listYoungIn, thirteenOrOverFor, youngCodeHash, type YoungPerson } from './young-core.ts';

/** The pictures a young person chooses their picture password from (OpenMoji; alt words in messages). */
export const YOUNG_PICTURES = [
  { id: 'cat', symbol: '1F431' },
  { id: 'dog', symbol: '1F436' },
  { id: 'rabbit', symbol: '1F430' },
  { id: 'frog', symbol: '1F438' },
  { id: 'lion', symbol: '1F981' },
  { id: 'apple', symbol: '1F34E' },
  { id: 'banana', symbol: '1F34C' },
  { id: 'pizza', symbol: '1F355' },
  { id: 'ball', symbol: '26BD' },
  { id: 'star', symbol: '2B50' },
  { id: 'rocket', symbol: '1F680' },
  { id: 'car', symbol: '1F697' },
] as const;
export type PictureId = (typeof YOUNG_PICTURES)[number]['id'];
export const PICTURE_IDS: readonly string[] = YOUNG_PICTURES.map((p) => p.id);
/** How many pictures, in order, make a picture password. */
export const PICTURES_NEEDED = 3;
/** The pictures the demo child uses (the seed sets these). */
export const DEMO_PICTURES: readonly PictureId[] = ['dog', 'pizza', 'star'];

/** Wrong pictures for one code before it is locked, and how long the count lasts. */
export const PICTURE_FAILURES = { max: 5, windowMs: 15 * 60_000 };
/** Wrong codes (or pictures) from one address before it is refused, as panels do. */
export const YOUNG_CODE_FAILURES = { max: 30, windowMs: 10 * 60_000 };
/** How long a parent carer's set-up link lasts. */
export const SETUP_LINK_DAYS = 7;

export class NotParentCarerError extends Error {}

const picturesSecret = (ids: readonly string[]) => `young-pictures:${ids.join(',')}`;

async function youngOrThrow(tx: AreaTx, areaId: string, youngPersonId: string): Promise<YoungPerson> {
  const young = await findYoungPerson(tx, areaId, youngPersonId);
  if (!young) throw new NotFoundError('young person');
  return young;
}

export type NewYoungPerson = { displayName: string; ageBand: string; thirteenOrOver?: boolean };

/**
 * A young person: an account with no email address and no password, the area role 'young_person',
 * and their young_person row. 13 or over is worked out from the age band, or asked for 12–15.
 */
export async function createYoungPerson(db: Db, areaId: string, actorId: string | null, input: NewYoungPerson): Promise<{ youngPersonId: string; accountId: string }> {
  const band = thirteenOrOverFor(input.ageBand);
  const thirteenOrOver = band === 'ask' ? input.thirteenOrOver === true : band;
  return withArea(db, areaId, async (tx) => {
    const account = await tx.insertInto('account').values({ email: null, display_name: input.displayName, password_hash: null, is_operator: false }).returning('id').executeTakeFirstOrThrow();
    await addRole(tx, areaId, account.id, 'young_person', null);
    const row = await tx
      .insertInto('young_person')
      .values({ area_id: areaId, account_id: account.id, age_band: input.ageBand, thirteen_or_over: thirteenOrOver, created_by: actorId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'young.created', { type: 'young_person', id: row.id, detail: { ageBand: input.ageBand } });
    return { youngPersonId: row.id, accountId: account.id };
  });
}

/** The young people of an area, for staff: name, age band, whether a code and pictures are set. */
export function listYoungPeople(db: Db, areaId: string): Promise<YoungPerson[]> {
  return withArea(db, areaId, (tx) => listYoungIn(tx, areaId));
}

export async function getYoungPerson(db: Db, areaId: string, youngPersonId: string): Promise<YoungPerson> {
  return withArea(db, areaId, (tx) => youngOrThrow(tx, areaId, youngPersonId));
}

/** A new sign-in code (the old one stops working). Returns the code: show it once, it is not kept. */
export async function giveYoungCode(db: Db, areaId: string, actorId: string | null, youngPersonId: string): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await youngOrThrow(tx, areaId, youngPersonId);
    for (;;) {
      const code = newMemberCode();
      const hash = youngCodeHash(parseMemberCode(code)!);
      // code_hash is unique across the installation; a clash is astronomically rare, but try again.
      const taken = await tx.selectFrom('young_person').select('id').where('code_hash', '=', hash).executeTakeFirst();
      if (taken) continue;
      await tx.updateTable('young_person').set({ code_hash: hash }).where('area_id', '=', areaId).where('id', '=', youngPersonId).execute();
      await audit(tx, areaId, actorId, 'young.new_code', { type: 'young_person', id: youngPersonId });
      return code;
    }
  });
}

/** The picture password: the ids of three pictures, in order (argon2id of the ordered ids). */
export async function setPictures(db: Db, areaId: string, actorId: string | null, youngPersonId: string, pictureIds: readonly string[]): Promise<void> {
  if (pictureIds.length !== PICTURES_NEEDED || pictureIds.some((p) => !PICTURE_IDS.includes(p))) throw new Error('a picture password is three known pictures');
  const hash = await hashPassword(picturesSecret(pictureIds));
  await withArea(db, areaId, async (tx) => {
    await youngOrThrow(tx, areaId, youngPersonId);
    await tx.updateTable('young_person').set({ pictures_hash: hash }).where('area_id', '=', areaId).where('id', '=', youngPersonId).execute();
    await audit(tx, areaId, actorId, 'young.pictures_set', { type: 'young_person', id: youngPersonId });
  });
}

export type SignInResult = { outcome: 'ok'; accountId: string; youngPersonId: string } | { outcome: 'wrong'; codeHash: string | null } | { outcome: 'locked' };

/**
 * Checks a code and three pictures. `isLocked(codeHash)` says whether the code has had too many
 * wrong pictures. Unknown code and wrong pictures answer the same ('wrong'); the hash is verified
 * either way, so both take the same time.
 */
export async function signInYoung(db: Db, areaId: string, typedCode: string, pictureIds: readonly string[], isLocked: (codeHash: string) => Promise<boolean>): Promise<SignInResult> {
  const canonical = parseMemberCode(typedCode);
  const codeHash = canonical ? youngCodeHash(canonical) : null;
  const row = codeHash
    ? await withArea(db, areaId, (tx) =>
        tx
          .selectFrom('young_person as y')
          .innerJoin('account as a', 'a.id', 'y.account_id')
          .select(['y.id', 'y.account_id', 'y.pictures_hash'])
          .where('y.area_id', '=', areaId)
          .where('y.code_hash', '=', codeHash)
          .where('a.disabled_at', 'is', null)
          .executeTakeFirst(),
      )
    : undefined;
  if (row && codeHash && (await isLocked(codeHash))) return { outcome: 'locked' };
  const right = await verifyPassword(row?.pictures_hash ?? (await dummyPicturesHash()), picturesSecret(pictureIds));
  if (row && row.pictures_hash && right) return { outcome: 'ok', accountId: row.account_id, youngPersonId: row.id };
  return { outcome: 'wrong', codeHash: row ? codeHash : null };
}

let dummy: Promise<string> | undefined;
const dummyPicturesHash = () => (dummy ??= hashPassword(picturesSecret(['not', 'a', 'password'])));

// ── Parent carers ─────────────────────────────────────────────────────────────────────────────

export type Guardian = { accountId: string; displayName: string; email: string | null };

export async function guardiansOf(db: Db, areaId: string, youngPersonId: string): Promise<{ guardians: Guardian[]; pendingLinks: Array<{ email: string; expiresAt: Date }> }> {
  return withArea(db, areaId, async (tx) => {
    const guardians = await tx
      .selectFrom('young_guardian as g')
      .innerJoin('account as a', 'a.id', 'g.account_id')
      .select(['a.id', 'a.display_name', 'a.email'])
      .where('g.area_id', '=', areaId)
      .where('g.young_person_id', '=', youngPersonId)
      .orderBy('a.display_name')
      .execute();
    const links = await tx
      .selectFrom('young_setup_link')
      .select(['email', 'expires_at'])
      .where('area_id', '=', areaId)
      .where('young_person_id', '=', youngPersonId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .orderBy('created_at')
      .execute();
    return { guardians: guardians.map((g) => ({ accountId: g.id, displayName: g.display_name, email: g.email })), pendingLinks: links.map((l) => ({ email: l.email, expiresAt: l.expires_at })) };
  });
}

async function addGuardian(tx: AreaTx, areaId: string, youngPersonId: string, accountId: string, manages: boolean): Promise<void> {
  await tx.insertInto('young_guardian').values({ area_id: areaId, young_person_id: youngPersonId, account_id: accountId }).onConflict((oc) => oc.columns(['young_person_id', 'account_id']).doNothing()).execute();
  if (manages) await tx.updateTable('young_person').set({ managed_by: accountId }).where('area_id', '=', areaId).where('id', '=', youngPersonId).where('managed_by', 'is', null).execute();
}

/**
 * Links a parent carer by the email address of an account with the 'parent_carer' role in the area.
 * Returns 'linked', or 'no_account' (then a set-up link is the way: `sendSetupLink`).
 */
export async function linkGuardian(db: Db, areaId: string, actorId: string | null, youngPersonId: string, email: string): Promise<'linked' | 'no_account'> {
  return withArea(db, areaId, async (tx) => {
    await youngOrThrow(tx, areaId, youngPersonId);
    const account = await tx
      .selectFrom('account as a')
      .innerJoin('area_membership as m', 'm.account_id', 'a.id')
      .select('a.id')
      .where('m.area_id', '=', areaId)
      .where('m.role', '=', 'parent_carer')
      .where((eb) => eb.fn('lower', ['a.email']), '=', email.trim().toLowerCase())
      .where('a.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!account) return 'no_account';
    await addGuardian(tx, areaId, youngPersonId, account.id, false);
    await audit(tx, areaId, actorId, 'young.guardian_linked', { type: 'young_person', id: youngPersonId });
    return 'linked';
  });
}

export async function unlinkGuardian(db: Db, areaId: string, actorId: string | null, youngPersonId: string, accountId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await youngOrThrow(tx, areaId, youngPersonId);
    await tx.deleteFrom('young_guardian').where('area_id', '=', areaId).where('young_person_id', '=', youngPersonId).where('account_id', '=', accountId).execute();
    await tx.updateTable('young_person').set({ managed_by: null }).where('area_id', '=', areaId).where('id', '=', youngPersonId).where('managed_by', '=', accountId).execute();
    await audit(tx, areaId, actorId, 'young.guardian_unlinked', { type: 'young_person', id: youngPersonId });
  });
}

/** A single-use set-up link for a parent carer (only its hash is kept). Returns the token to email. */
export async function createSetupLink(db: Db, areaId: string, actorId: string | null, youngPersonId: string, email: string): Promise<string> {
  const token = newToken();
  await withArea(db, areaId, async (tx) => {
    await youngOrThrow(tx, areaId, youngPersonId);
    await tx
      .insertInto('young_setup_link')
      .values({ area_id: areaId, young_person_id: youngPersonId, email: email.trim().toLowerCase(), token_hash: hashToken(token), expires_at: new Date(Date.now() + SETUP_LINK_DAYS * 86_400_000), created_by: actorId })
      .execute();
    await audit(tx, areaId, actorId, 'young.setup_link_sent', { type: 'young_person', id: youngPersonId });
  });
  return token;
}

/** A set-up link still to be used: whose it is (the child's first name for the page), or undefined. */
export async function findSetupLink(db: Db, areaId: string, token: string): Promise<{ email: string; childName: string } | undefined> {
  return withArea(db, areaId, async (tx) => {
    const row = await tx
      .selectFrom('young_setup_link as l')
      .innerJoin('young_person as y', (j) => j.onRef('y.id', '=', 'l.young_person_id').onRef('y.area_id', '=', 'l.area_id'))
      .innerJoin('account as a', 'a.id', 'y.account_id')
      .select(['l.email', 'a.display_name'])
      .where('l.area_id', '=', areaId)
      .where('l.token_hash', '=', hashToken(token))
      .where('l.used_at', 'is', null)
      .where('l.expires_at', '>', new Date())
      .executeTakeFirst();
    return row && { email: row.email, childName: row.display_name };
  });
}

/**
 * Uses a set-up link once: the parent carer with that email address (an account is made if there is
 * none, with no password: they sign in by email links) gets the area role 'parent_carer', becomes
 * the child's guardian and, if nobody does yet, manages the account. Returns their account id and
 * the child, or undefined if the link is used, expired or unknown.
 */
export async function useSetupLink(db: Db, areaId: string, token: string, displayName: string): Promise<{ accountId: string; youngPersonId: string } | undefined> {
  return withArea(db, areaId, async (tx) => {
    const link = await tx
      .updateTable('young_setup_link')
      .set({ used_at: new Date() })
      .where('area_id', '=', areaId)
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['young_person_id', 'email'])
      .executeTakeFirst();
    if (!link) return undefined;
    let account = await tx.selectFrom('account').select('id').where((eb) => eb.fn('lower', ['email']), '=', link.email).where('disabled_at', 'is', null).executeTakeFirst();
    account ??= { id: (await accountsRepo.insertAccount(tx, { email: link.email, displayName: displayName || link.email, passwordHash: null })).id };
    await addRole(tx, areaId, account.id, 'parent_carer', null);
    await addGuardian(tx, areaId, link.young_person_id, account.id, true);
    await audit(tx, areaId, account.id, 'young.setup_link_used', { type: 'young_person', id: link.young_person_id });
    return { accountId: account.id, youngPersonId: link.young_person_id };
  });
}

/**
 * Whether parent carers may see the young person's pages. Staff record it for an under-13
 * (false: they may not); a 13+ young person chooses for themselves. The time is recorded.
 */
export async function recordParentsChoice(db: Db, areaId: string, actorId: string | null, youngPersonId: string, parentsSee: boolean): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await youngOrThrow(tx, areaId, youngPersonId);
    await tx
      .updateTable('young_person')
      .set((eb) => ({ parents_see: parentsSee, parents_choice_at: new Date(), version: eb('version', '+', 1) }))
      .where('area_id', '=', areaId)
      .where('id', '=', youngPersonId)
      .execute();
    await audit(tx, areaId, actorId, 'young.parents_choice', { type: 'young_person', id: youngPersonId, detail: { parentsSee } });
  });
}

// ── My Chorus ─────────────────────────────────────────────────────────────────────────────────

export type TookPart = { title: string; what: 'panel' | 'came' | 'time'; on: Date | string | null; minutes?: number };

/** What a young person took part in: their panels, the events they came to, the time they gave (one query each). */
export async function tookPart(db: Db, areaId: string, accountId: string): Promise<{ panels: TookPart[]; came: TookPart[]; time: TookPart[] }> {
  return withArea(db, areaId, async (tx) => {
    const panels = await tx
      .selectFrom('panel_member as m')
      .innerJoin('panel as p', (j) => j.onRef('p.id', '=', 'm.panel_id').onRef('p.area_id', '=', 'm.area_id'))
      .select(['p.title', 'm.created_at'])
      .where('m.area_id', '=', areaId)
      .where('m.account_id', '=', accountId)
      .where('m.removed_at', 'is', null)
      .orderBy('m.created_at', 'desc')
      .execute();
    const came = await tx
      .selectFrom('attendance as t')
      .innerJoin('activity as a', (j) => j.onRef('a.id', '=', 't.activity_id').onRef('a.area_id', '=', 't.area_id'))
      .select(['a.title', 'a.starts_at', 't.created_at'])
      .where('t.area_id', '=', areaId)
      .where('t.account_id', '=', accountId)
      .orderBy('t.created_at', 'desc')
      .execute();
    const time = await tx
      .selectFrom('time_given as g')
      .innerJoin('activity as a', (j) => j.onRef('a.id', '=', 'g.activity_id').onRef('a.area_id', '=', 'g.area_id'))
      .select(['a.title', 'g.given_on', 'g.minutes'])
      .where('g.area_id', '=', areaId)
      .where('g.account_id', '=', accountId)
      .orderBy('g.given_on', 'desc')
      .execute();
    return {
      panels: panels.map((p) => ({ title: p.title, what: 'panel' as const, on: p.created_at })),
      came: came.map((c) => ({ title: c.title, what: 'came' as const, on: c.starts_at ?? c.created_at })),
      time: time.map((g) => ({ title: g.title, what: 'time' as const, on: g.given_on, minutes: g.minutes })),
    };
  });
}
