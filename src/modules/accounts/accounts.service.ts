/**
 * Sign-in, sessions, password reset and email sign-in links.
 */
import type { Db } from '../../db/database.ts';
import { withAccount } from '../../db/db.ts';
import { STAFF_ROLES, type Actor, type Role } from '../../lib/authorisation.ts';
import { TooManyAttemptsError } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { listAreas } from '../areas/areas.service.ts';
import * as repo from './accounts.repository.ts';
import { dummyVerify, hashPassword, verifyPassword } from './passwords.ts';

/** Wrong passwords from one network address (whoever it tries) before it must wait. */
export const MAX_FAILURES = 10;
/** Wrong passwords for one account from one address before that pair must wait. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
export const FAILURE_WINDOW_MINUTES = 5;
/** Link emails (sign-in or reset) per address an hour, and from one network address: no inbox flooding. */
export const MAX_LINK_EMAILS_PER_ADDRESS = 3;
export const MAX_LINK_EMAILS_PER_NETWORK = 20;
const MAGIC_LINK_MINUTES = 20;
const RESET_LINK_MINUTES = 60;

export type { Account } from './accounts.repository.ts';

/**
 * Checks an email and password (OWASP ASVS 2.2.1: throttle guessing without letting anyone lock a
 * person out). Refused (TooManyAttemptsError) after 10 failures in 5 minutes from one network
 * address, or 5 for one account from one address. Failures for an account from everywhere only slow
 * the answer (up to 5 seconds): so a stranger cannot keep a member of staff out, and the right
 * password from the person's own browser still works.
 */
export async function checkPassword(db: Db, email: string, password: string, ip: string, sleep: (ms: number) => Promise<void> = defaultSleep): Promise<repo.Account | undefined> {
  const failures = await repo.countRecentFailures(db, email, ip, FAILURE_WINDOW_MINUTES);
  if (failures.byIp >= MAX_FAILURES || failures.byEmailAndIp >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS) {
    throw new TooManyAttemptsError('too many failed sign-ins');
  }
  if (failures.byEmail >= MAX_FAILURES) await sleep(Math.min(5000, 250 * (failures.byEmail - MAX_FAILURES + 1)));
  const account = await repo.findAccountByEmail(db, email);
  const ok = account?.passwordHash ? await verifyPassword(account.passwordHash, password) : await dummyVerify(password).then(() => false);
  if (!account || !ok) {
    await repo.recordSecurityEvent(db, { kind: 'sign_in_failed', accountId: account?.id ?? null, email, ip });
    return undefined;
  }
  return account;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts a new session (a new id every sign-in, so a planted id is worthless) and returns its token. */
export async function startSession(db: Db, accountId: string, ip: string, userAgent: string | null, previousIdHash: string | null): Promise<string> {
  if (previousIdHash) await repo.deleteSession(db, previousIdHash);
  const token = newToken();
  await repo.insertSession(db, hashToken(token), accountId, userAgent);
  await repo.recordSecurityEvent(db, { kind: 'sign_in_succeeded', accountId, ip });
  return token;
}

export async function endSession(db: Db, idHash: string, accountId: string | null, ip: string): Promise<void> {
  await repo.deleteSession(db, idHash);
  await repo.recordSecurityEvent(db, { kind: 'signed_out', accountId, ip });
}

/** The signed-in person behind a session token, with their roles in every area; touches the session. */
export async function actorForSession(db: Db, idHash: string, idleMinutes: number, absoluteHours: number): Promise<Actor | undefined> {
  const account = await repo.findSessionAccount(db, idHash, idleMinutes, absoluteHours);
  if (!account) return undefined;
  // Write at most once a minute: a page view should not always cost a write.
  if (Date.now() - account.sessionLastSeenAt.getTime() > 60_000) await repo.touchSession(db, idHash);
  const { rolesByArea, organisationsByArea } = await withAccount(db, account.id, (tx) => repo.listRolesOfAccount(tx, account.id));
  return { accountId: account.id, email: account.email, displayName: account.displayName, isOperator: account.isOperator, rolesByArea, organisationsByArea };
}

/**
 * Creates a single-use link token for an existing account; returns undefined (and does nothing)
 * otherwise, or when this address has had its few links this hour (the request is still recorded,
 * whoever asks, so the count cannot reveal whether the address has an account).
 */
export async function createLinkToken(db: Db, email: string, purpose: 'password_reset' | 'magic_link', ip = ''): Promise<{ token: string; account: repo.Account } | undefined> {
  const recent = await repo.countRecentLinkRequests(db, email, ip, 60);
  await repo.recordSecurityEvent(db, { kind: 'link_requested', accountId: null, email, ip });
  if (recent.byEmail >= MAX_LINK_EMAILS_PER_ADDRESS || recent.byIp >= MAX_LINK_EMAILS_PER_NETWORK) return undefined;
  const account = await repo.findAccountByEmail(db, email);
  if (!account) return undefined;
  const token = newToken();
  await repo.insertOneTimeToken(db, {
    tokenHash: hashToken(token),
    purpose,
    accountId: account.id,
    minutes: purpose === 'magic_link' ? MAGIC_LINK_MINUTES : RESET_LINK_MINUTES,
  });
  return { token, account };
}

export async function isLinkTokenLive(db: Db, token: string, purpose: 'password_reset' | 'magic_link'): Promise<boolean> {
  return (await repo.findLiveToken(db, hashToken(token), purpose)) !== undefined;
}

export async function useMagicLink(db: Db, token: string, ip: string): Promise<string | undefined> {
  const accountId = await repo.consumeToken(db, hashToken(token), 'magic_link');
  if (accountId) await repo.recordSecurityEvent(db, { kind: 'magic_link_used', accountId, ip });
  return accountId;
}

/** Sets a new password from a reset link, and ends every session of the account. */
export async function resetPassword(db: Db, token: string, password: string, ip: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const accountId = await repo.consumeToken(trx, hashToken(token), 'password_reset');
    if (!accountId) return false;
    await repo.updatePasswordHash(trx, accountId, passwordHash);
    await repo.deleteSessionsOfAccount(trx, accountId);
    // Any other reset or sign-in link sent before the password changed stops working.
    await repo.expireTokensOfAccount(trx, accountId);
    await repo.recordSecurityEvent(trx, { kind: 'password_reset', accountId, ip });
    return true;
  });
}

/** The sign-in email addresses of these accounts (safeguarding alerts go to the address as it is now). */
export function emailsOf(db: Db, accountIds: readonly string[]): Promise<Map<string, string>> {
  return repo.findEmails(db, accountIds);
}

/** Who these accounts are, by name, for pages that say who did something (audit log, concerns). */
export function displayNamesOf(db: Db, accountIds: readonly string[]): Promise<Map<string, string>> {
  return repo.findDisplayNames(db, accountIds);
}

export function recentActivity(db: Db, account: { id: string; email: string }): Promise<repo.SecurityEvent[]> {
  return repo.listSecurityEvents(db, account, 10);
}

/** Staff roles that plan activities: their week starts on the area's activities list. */
const PLANNING_ROLES: readonly Role[] = ['participation_lead', 'practitioner'];

/**
 * Where someone lands after signing in, when no page asked for them (issue 12 §2): staff in the
 * area where they work (leads and practitioners on its activities, other staff on its dashboard);
 * children, young people and parent carers on their own page; someone in no area on their account.
 */
export async function landingPath(db: Db, accountId: string): Promise<string> {
  const { rolesByArea } = await withAccount(db, accountId, (tx) => repo.listRolesOfAccount(tx, accountId));
  if (rolesByArea.size === 0) return '/account';
  const areas = (await listAreas(db)).filter((a) => rolesByArea.has(a.id));
  const rolesIn = (areaId: string) => rolesByArea.get(areaId) ?? [];
  const staffArea = areas.find((a) => rolesIn(a.id).some((r) => STAFF_ROLES.includes(r)));
  if (staffArea) return `/a/${staffArea.slug}/${rolesIn(staffArea.id).some((r) => PLANNING_ROLES.includes(r)) ? 'activities' : 'manage'}`;
  return areas[0] ? `/a/${areas[0].slug}/your-page` : '/account';
}

/** The area of a person's own page when the address does not say (the header link outside an area). */
export async function homeAreaSlug(db: Db, accountId: string): Promise<string | undefined> {
  const { rolesByArea } = await withAccount(db, accountId, (tx) => repo.listRolesOfAccount(tx, accountId));
  return (await listAreas(db)).find((a) => rolesByArea.has(a.id))?.slug;
}
