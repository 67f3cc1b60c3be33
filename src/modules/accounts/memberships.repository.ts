/**
 * SQL for who belongs to an area, with which roles, and invitations to join.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import { ROLES, type Role } from '../../lib/authorisation.ts';

/** email: '' for a young person's account, which has none (issue 17). */
export type Member = { accountId: string; displayName: string; email: string; roles: Role[]; organisationId: string | null };

/** Every member with their roles (or just one, with onlyAccountId): one query, grouped in SQL. */
export async function listMembers(tx: AreaTx, areaId: string, onlyAccountId?: string): Promise<Member[]> {
  let query = tx
    .selectFrom('area_membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select([
      'a.id',
      'a.display_name',
      'a.email',
      sql<string[]>`array_agg(m.role order by m.role)`.as('roles'),
      sql<string | null>`min(m.organisation_id::text)`.as('organisation_id'),
    ])
    .where('m.area_id', '=', areaId)
    .groupBy(['a.id', 'a.display_name', 'a.email'])
    .orderBy('a.display_name');
  if (onlyAccountId) query = query.where('m.account_id', '=', onlyAccountId);
  const rows = await query.execute();
  return rows.map((r) => ({
    accountId: r.id,
    displayName: r.display_name,
    email: r.email ?? '',
    roles: r.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    organisationId: r.organisation_id,
  }));
}

export async function findMember(tx: AreaTx, areaId: string, accountId: string): Promise<Member | undefined> {
  return (await listMembers(tx, areaId, accountId))[0];
}

export type ActiveMember = { accountId: string; email: string; displayName: string };

/** The area's members with this role whose account is not disabled, by name. */
export async function activeMembersWithRole(tx: AreaTx, areaId: string, role: Role): Promise<ActiveMember[]> {
  const rows = await tx
    .selectFrom('area_membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.email', 'a.display_name'])
    .where('m.area_id', '=', areaId)
    .where('m.role', '=', role)
    .where('a.disabled_at', 'is', null)
    .where('a.email', 'is not', null)
    .orderBy('a.display_name')
    .$narrowType<{ email: string }>()
    .execute();
  return rows.map((r) => ({ accountId: r.id, email: r.email, displayName: r.display_name }));
}

/** Members with an account that still works, with one of these roles, attached to one of these organisations. */
export async function activeMembersOfOrganisations(
  tx: AreaTx,
  areaId: string,
  roles: readonly Role[],
  organisationIds: readonly string[],
): Promise<Array<ActiveMember & { organisationId: string }>> {
  if (roles.length === 0 || organisationIds.length === 0) return [];
  const rows = await tx
    .selectFrom('area_membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.email', 'a.display_name', 'm.organisation_id'])
    .distinct()
    .where('m.area_id', '=', areaId)
    .where('m.role', 'in', [...roles])
    .where('m.organisation_id', 'in', [...organisationIds])
    .where('a.disabled_at', 'is', null)
    .where('a.email', 'is not', null)
    .orderBy('a.display_name')
    .$narrowType<{ email: string }>()
    .execute();
  return rows.map((r) => ({ accountId: r.id, email: r.email, displayName: r.display_name, organisationId: r.organisation_id! }));
}

export async function setRoles(tx: AreaTx, areaId: string, accountId: string, roles: readonly Role[], organisationId: string | null): Promise<void> {
  await tx.deleteFrom('area_membership').where('area_id', '=', areaId).where('account_id', '=', accountId).execute();
  if (roles.length === 0) return;
  await tx
    .insertInto('area_membership')
    .values(roles.map((role) => ({ area_id: areaId, account_id: accountId, role, organisation_id: organisationId })))
    .execute();
}

export async function addRole(tx: AreaTx, areaId: string, accountId: string, role: Role, organisationId: string | null): Promise<void> {
  await tx
    .insertInto('area_membership')
    .values({ area_id: areaId, account_id: accountId, role, organisation_id: organisationId })
    .onConflict((oc) => oc.columns(['area_id', 'account_id', 'role']).doNothing())
    .execute();
}

export async function countAdmins(tx: AreaTx, areaId: string): Promise<number> {
  const row = await tx
    .selectFrom('area_membership')
    .select(sql<string>`count(distinct account_id)`.as('n'))
    .where('area_id', '=', areaId)
    .where('role', '=', 'area_admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type Invitation = { id: string; email: string; displayName: string; role: Role; organisationId: string | null; expiresAt: Date };

export async function insertInvitation(
  tx: AreaTx,
  areaId: string,
  values: { email: string; displayName: string; role: Role; organisationId: string | null; tokenHash: string; invitedBy: string | null; days: number },
): Promise<void> {
  await tx
    .insertInto('invitation')
    .values({
      area_id: areaId,
      email: values.email.toLowerCase(),
      display_name: values.displayName,
      role: values.role,
      organisation_id: values.organisationId,
      token_hash: values.tokenHash,
      invited_by: values.invitedBy,
      expires_at: sql<Date>`now() + make_interval(days => ${values.days})` as never,
    })
    .execute();
}

export async function listPendingInvitations(tx: AreaTx, areaId: string): Promise<Invitation[]> {
  const rows = await tx
    .selectFrom('invitation')
    .select(['id', 'email', 'display_name', 'role', 'organisation_id', 'expires_at'])
    .where('area_id', '=', areaId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, role: r.role as Role, organisationId: r.organisation_id, expiresAt: r.expires_at }));
}

export async function findLiveInvitation(tx: AreaTx, areaId: string, tokenHash: string): Promise<Invitation | undefined> {
  const r = await tx
    .selectFrom('invitation')
    .select(['id', 'email', 'display_name', 'role', 'organisation_id', 'expires_at'])
    .where('area_id', '=', areaId)
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return r && { id: r.id, email: r.email, displayName: r.display_name, role: r.role as Role, organisationId: r.organisation_id, expiresAt: r.expires_at };
}

/** Marks an invitation accepted; false when someone else got there first (it works once). */
export async function markInvitationAccepted(tx: AreaTx, areaId: string, invitationId: string): Promise<boolean> {
  const result = await tx
    .updateTable('invitation')
    .set({ accepted_at: sql<Date>`now()` as never })
    .where('area_id', '=', areaId)
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
