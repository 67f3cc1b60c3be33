/**
 * Who belongs to an area and with which roles: listing, changing roles, invitations.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import type { Role } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import type { PublicArea } from '../../plugins/types.ts';
import { listOrganisations } from '../areas/areas.service.ts';
import { audit } from '../privacy/audit.service.ts';
import type { Notifier } from '../notifications/notifications.service.ts';
import * as accounts from './accounts.repository.ts';
import * as repo from './memberships.repository.ts';
import { hashPassword } from './passwords.ts';

export type { ActiveMember, Member, Invitation } from './memberships.repository.ts';

const INVITATION_DAYS = 7;

export class LastAdminError extends Error {}

/** A member as the members page lists them: with the name of their organisation (the areas module's). */
export type ListedMember = repo.Member & { organisationName: string | null };

export async function listMembers(db: Db, areaId: string): Promise<{ members: ListedMember[]; invitations: repo.Invitation[] }> {
  const { members, invitations } = await withArea(db, areaId, async (tx) => ({ members: await repo.listMembers(tx, areaId), invitations: await repo.listPendingInvitations(tx, areaId) }));
  const organisationName = new Map((await listOrganisations(db, areaId)).map((o) => [o.id, o.name]));
  return { members: members.map((m) => ({ ...m, organisationName: (m.organisationId && organisationName.get(m.organisationId)) || null })), invitations };
}

export async function getMember(db: Db, areaId: string, accountId: string): Promise<repo.Member> {
  const member = await withArea(db, areaId, (tx) => repo.findMember(tx, areaId, accountId));
  if (!member) throw new NotFoundError('member');
  return member;
}

/** Replaces a member's roles. Refuses to leave the area without an admin. Audited. */
export async function changeRoles(db: Db, areaId: string, actorId: string, accountId: string, roles: Role[]): Promise<repo.Member> {
  return withArea(db, areaId, async (tx) => {
    const member = await repo.findMember(tx, areaId, accountId);
    if (!member) throw new NotFoundError('member');
    if (member.roles.includes('area_admin') && !roles.includes('area_admin') && (await repo.countAdmins(tx, areaId)) <= 1) {
      throw new LastAdminError('last admin');
    }
    await repo.setRoles(tx, areaId, accountId, roles, member.organisationId);
    await audit(tx, areaId, actorId, 'membership.roles_changed', { type: 'account', id: accountId, detail: { from: member.roles, to: roles } });
    return member;
  });
}

/** Invites someone by email to a role, and emails them a link that works for 7 days. */
export async function invite(
  db: Db,
  notifier: Notifier,
  area: PublicArea,
  actorId: string | null,
  values: { email: string; displayName: string; role: Role; organisationId: string | null },
  links: { baseUrl: string; t: Translate },
): Promise<void> {
  const token = newToken();
  await withArea(db, area.id, async (tx) => {
    await repo.insertInvitation(tx, area.id, { ...values, tokenHash: hashToken(token), invitedBy: actorId, days: INVITATION_DAYS });
    await audit(tx, area.id, actorId, 'invitation.sent', { type: 'invitation', detail: { role: values.role } });
  });
  const link = `${links.baseUrl}/a/${area.slug}/invitations/${token}`;
  const role = links.t(`roles.${values.role}`);
  await notifier.send({
    channel: 'email',
    recipient: values.email,
    areaSlug: area.slug,
    subject: links.t('invitation.emailSubject', { area: area.name }),
    body: links.t('invitation.emailBody', { name: values.displayName, area: area.name, role, link }),
  });
}

export async function findInvitation(db: Db, areaId: string, token: string): Promise<(repo.Invitation & { hasAccount: boolean }) | undefined> {
  const invitation = await withArea(db, areaId, (tx) => repo.findLiveInvitation(tx, areaId, hashToken(token)));
  if (!invitation) return undefined;
  return { ...invitation, hasAccount: (await accounts.findAccountByEmail(db, invitation.email)) !== undefined };
}

/**
 * Accepts an invitation: creates the account (with the chosen password) or adds the role to the
 * existing account with that email. Returns the account id, to sign them in.
 */
export async function acceptInvitation(db: Db, areaId: string, token: string, values: { displayName?: string; password?: string }): Promise<string> {
  const passwordHash = values.password ? await hashPassword(values.password) : null;
  return withArea(db, areaId, async (tx) => {
    const invitation = await repo.findLiveInvitation(tx, areaId, hashToken(token));
    if (!invitation) throw new NotFoundError('invitation');
    if (!(await repo.markInvitationAccepted(tx, areaId, invitation.id))) throw new ConflictError('invitation already used');
    let account = await accounts.findAccountByEmail(tx, invitation.email);
    if (!account) {
      account = await accounts.insertAccount(tx, { email: invitation.email, displayName: values.displayName ?? invitation.displayName, passwordHash });
    }
    await repo.addRole(tx, areaId, account.id, invitation.role, invitation.organisationId);
    await audit(tx, areaId, account.id, 'invitation.accepted', { type: 'invitation', id: invitation.id, detail: { role: invitation.role } });
    return account.id;
  });
}

/** Creates an account with a password (for the demo seed and operator set-up). */
export async function createAccount(db: Db, values: { email: string; displayName: string; password: string; isOperator?: boolean }): Promise<string> {
  const account = await accounts.insertAccount(db, { email: values.email, displayName: values.displayName, passwordHash: await hashPassword(values.password), isOperator: values.isOperator });
  return account.id;
}

/**
 * The area's members with this role and an account that still works, read inside the caller's
 * transaction (safeguarding alerts are queued in the transaction that raises the concern).
 */
export function activeMembersWithRoleIn(tx: AreaTx, areaId: string, role: Role): Promise<repo.ActiveMember[]> {
  return repo.activeMembersWithRole(tx, areaId, role);
}

/**
 * Staff of these organisations with one of these roles and an account that still works, read inside
 * the caller's transaction (the charter self-assessment reminders are queued in the transaction
 * that claims them).
 */
export function activeMembersOfOrganisationsIn(tx: AreaTx, areaId: string, roles: readonly Role[], organisationIds: readonly string[]): Promise<Array<repo.ActiveMember & { organisationId: string }>> {
  return repo.activeMembersOfOrganisations(tx, areaId, roles, organisationIds);
}

/** Gives an account a role in an area directly (the demo seed; people normally join by invitation). */
export async function addMember(db: Db, areaId: string, accountId: string, role: Role, organisationId: string | null): Promise<void> {
  await withArea(db, areaId, (tx) => repo.addRole(tx, areaId, accountId, role, organisationId));
}
