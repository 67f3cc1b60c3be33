/**
 * SQL for accounts, sessions, sign-in events and one-time tokens. None of these tables is area-owned.
 */
import { sql } from 'kysely';
import type { AreaTx, Db } from '../../db/database.ts';
import { ROLES, type Role } from '../../lib/authorisation.ts';

export type Account = {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  isOperator: boolean;
};

export type SessionAccount = Account & { sessionLastSeenAt: Date };

// A young person's account has no email address (issue 17): '' here, which no sign-in by email
// matches; the lists of people to email (findEmails, activeMembersWithRole, …) leave such accounts out.
function toAccount(row: { id: string; email: string | null; display_name: string; password_hash: string | null; is_operator: boolean }): Account {
  return { id: row.id, email: row.email ?? '', displayName: row.display_name, passwordHash: row.password_hash, isOperator: row.is_operator };
}

export async function findAccountByEmail(db: Db | AreaTx, email: string): Promise<Account | undefined> {
  const row = await db
    .selectFrom('account')
    .select(['id', 'email', 'display_name', 'password_hash', 'is_operator'])
    .where('email', '=', email.toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountById(db: Db | AreaTx, id: string): Promise<Account | undefined> {
  const row = await db
    .selectFrom('account')
    .select(['id', 'email', 'display_name', 'password_hash', 'is_operator'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && toAccount(row);
}

/** Email addresses by account id, disabled accounts included (the caller decides whom it writes to). */
export async function findEmails(db: Db | AreaTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'email']).where('id', 'in', [...new Set(ids)]).where('email', 'is not', null).execute();
  return new Map(rows.flatMap((r) => (r.email ? [[r.id, r.email] as const] : [])));
}

/** Display names by account id, disabled accounts included (a log still says who did what). */
export async function findDisplayNames(db: Db | AreaTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('account').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function insertAccount(
  db: Db | AreaTx,
  values: { email: string; displayName: string; passwordHash: string | null; isOperator?: boolean },
): Promise<Account> {
  const row = await db
    .insertInto('account')
    .values({
      email: values.email.toLowerCase(),
      display_name: values.displayName,
      password_hash: values.passwordHash,
      is_operator: values.isOperator ?? false,
    })
    .returning(['id', 'email', 'display_name', 'password_hash', 'is_operator'])
    .executeTakeFirstOrThrow();
  return toAccount(row);
}

export async function updatePasswordHash(db: Db | AreaTx, accountId: string, passwordHash: string): Promise<void> {
  await db.updateTable('account').set({ password_hash: passwordHash }).where('id', '=', accountId).execute();
}

/** A live session: not idle for longer than idleMinutes, not older than absoluteHours. */
export async function findSessionAccount(
  db: Db,
  idHash: string,
  idleMinutes: number,
  absoluteHours: number,
): Promise<SessionAccount | undefined> {
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select(['account.id', 'account.email', 'account.display_name', 'account.password_hash', 'account.is_operator', 'session.last_seen_at'])
    .where('session.id_hash', '=', idHash)
    .where('account.disabled_at', 'is', null)
    .where('session.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .where('session.created_at', '>', sql<Date>`now() - make_interval(hours => ${absoluteHours})`)
    .executeTakeFirst();
  return row && { ...toAccount(row), sessionLastSeenAt: row.last_seen_at };
}

export async function insertSession(db: Db, idHash: string, accountId: string, userAgent: string | null): Promise<void> {
  await db.insertInto('session').values({ id_hash: idHash, account_id: accountId, user_agent: userAgent?.slice(0, 200) ?? null }).execute();
}

export async function touchSession(db: Db, idHash: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: sql<Date>`now()` }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfAccount(db: Db | AreaTx, accountId: string): Promise<void> {
  await db.deleteFrom('session').where('account_id', '=', accountId).execute();
}

export async function recordSecurityEvent(
  db: Db,
  event: { kind: 'sign_in_succeeded' | 'sign_in_failed' | 'signed_out' | 'password_reset' | 'magic_link_used' | 'link_requested'; accountId?: string | null; email?: string | null; ip?: string | null },
): Promise<void> {
  await db
    .insertInto('security_event')
    .values({ kind: event.kind, account_id: event.accountId ?? null, email: event.email?.toLowerCase().slice(0, 320) ?? null, ip: event.ip ?? null })
    .execute();
}

/** Failed sign-ins in the last `minutes`, for this email and for this address. */
export async function countRecentFailures(db: Db, email: string, ip: string, minutes: number): Promise<{ byEmail: number; byIp: number; byEmailAndIp: number }> {
  const row = await db
    .selectFrom('security_event')
    .select([
      sql<string>`count(*) filter (where email = ${email.toLowerCase()})`.as('by_email'),
      sql<string>`count(*) filter (where ip = ${ip})`.as('by_ip'),
      sql<string>`count(*) filter (where email = ${email.toLowerCase()} and ip = ${ip})`.as('by_email_and_ip'),
    ])
    .where('kind', '=', 'sign_in_failed')
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${minutes})`)
    .where((eb) => eb.or([eb('email', '=', email.toLowerCase()), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return { byEmail: Number(row.by_email), byIp: Number(row.by_ip), byEmailAndIp: Number(row.by_email_and_ip) };
}

export async function insertOneTimeToken(
  db: Db,
  values: { tokenHash: string; purpose: 'password_reset' | 'magic_link'; accountId: string; minutes: number },
): Promise<void> {
  await db
    .insertInto('one_time_token')
    .values({
      token_hash: values.tokenHash,
      purpose: values.purpose,
      account_id: values.accountId,
      expires_at: sql<Date>`now() + make_interval(mins => ${values.minutes})` as never,
    })
    .execute();
}

/** Finds an unexpired, unused token without using it (to show a confirmation page first). */
export async function findLiveToken(db: Db, tokenHash: string, purpose: 'password_reset' | 'magic_link'): Promise<{ accountId: string } | undefined> {
  const row = await db
    .selectFrom('one_time_token')
    .select('account_id')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row && { accountId: row.account_id };
}

/** Marks the token used and returns its account, atomically: a link works exactly once. */
/** Every unused link of an account stops working (its password changed: older reset links must not). */
export async function expireTokensOfAccount(db: Db | AreaTx, accountId: string): Promise<void> {
  await db.updateTable('one_time_token').set({ used_at: sql<Date>`now()` }).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}

/** How many link emails (sign-in or reset) were asked for this address, or from this network address, lately. */
export async function countRecentLinkRequests(db: Db, email: string, ip: string, minutes: number): Promise<{ byEmail: number; byIp: number }> {
  const row = await db
    .selectFrom('security_event')
    .select([
      sql<string>`count(*) filter (where email = ${email.toLowerCase()})`.as('by_email'),
      sql<string>`count(*) filter (where ip = ${ip})`.as('by_ip'),
    ])
    .where('kind', '=', 'link_requested')
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${minutes})`)
    .where((eb) => eb.or([eb('email', '=', email.toLowerCase()), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return { byEmail: Number(row.by_email), byIp: Number(row.by_ip) };
}

export async function consumeToken(db: Db | AreaTx, tokenHash: string, purpose: 'password_reset' | 'magic_link'): Promise<string | undefined> {
  const row = await db
    .updateTable('one_time_token')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('account_id')
    .executeTakeFirst();
  return row?.account_id;
}

/**
 * Every area role of an account, and the organisations it belongs to in each area. Needs a
 * transaction from withAccount (the membership policy).
 */
export async function listRolesOfAccount(
  tx: AreaTx,
  accountId: string,
): Promise<{ rolesByArea: Map<string, Role[]>; organisationsByArea: Map<string, string[]> }> {
  const rows = await tx.selectFrom('area_membership').select(['area_id', 'role', 'organisation_id']).where('account_id', '=', accountId).execute();
  const rolesByArea = new Map<string, Role[]>();
  const organisationsByArea = new Map<string, string[]>();
  for (const row of rows) {
    if (!(ROLES as readonly string[]).includes(row.role)) continue;
    const list = rolesByArea.get(row.area_id) ?? [];
    list.push(row.role as Role);
    rolesByArea.set(row.area_id, list);
    if (row.organisation_id) organisationsByArea.set(row.area_id, [...(organisationsByArea.get(row.area_id) ?? []), row.organisation_id]);
  }
  return { rolesByArea, organisationsByArea };
}

export type SecurityEvent = { kind: string; ip: string | null; at: Date };

/** The latest sign-in activity of one account, failed attempts included (matched by email too). */
export async function listSecurityEvents(db: Db, account: { id: string; email: string }, limit: number): Promise<SecurityEvent[]> {
  return db
    .selectFrom('security_event')
    .select(['kind', 'ip', 'at'])
    .where((eb) => eb.or([eb('account_id', '=', account.id), eb('email', '=', account.email)]))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
