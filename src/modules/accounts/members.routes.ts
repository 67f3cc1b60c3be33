/**
 * Area admins: members and their roles, and invitations.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../lib/authorisation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { listOrganisations } from '../areas/areas.service.ts';
import { inviteForm, rolesForm } from './accounts.forms.ts';
import * as members from './members.service.ts';

const access = { config: { access: { action: 'member.manage' as const } } };

export default async function membersRoutes(app: FastifyInstance) {
  const { db, notifier, config } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/manage`;
  const accountId = (request: FastifyRequest) => {
    const parsed = z.uuid().safeParse((request.params as Record<string, unknown>).accountId);
    if (!parsed.success) throw new NotFoundError('member');
    return parsed.data;
  };

  app.get('/a/:area/manage/members', access, async (request, reply) => {
    const { members: list, invitations } = await members.listMembers(db, request.area!.id);
    return reply.page('accounts/views/members.njk', { title: request.t('members.title'), members: list, invitations, backLink: base(request) });
  });

  const renderRoles = (request: FastifyRequest, reply: FastifyReply, member: members.Member, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('accounts/views/member-roles.njk', {
      title: request.t('members.changeRolesFor', { name: member.displayName }),
      member,
      roles: ROLES,
      values: { roles: member.roles },
      backLink: `${base(request)}/members`,
      ...extra,
    }, status);

  app.get('/a/:area/manage/members/:accountId', access, async (request, reply) =>
    renderRoles(request, reply, await members.getMember(db, request.area!.id, accountId(request))),
  );

  app.post('/a/:area/manage/members/:accountId', access, async (request, reply) => {
    const id = accountId(request);
    const member = await members.getMember(db, request.area!.id, id);
    const form = parseForm(rolesForm, request.body, request.t);
    if (!form.ok) return renderRoles(request, reply, member, { errors: form.errors, errorSummary: form.summary }, 422);
    try {
      await members.changeRoles(db, request.area!.id, request.actor!.accountId, id, form.data.roles);
    } catch (error) {
      if (!(error instanceof members.LastAdminError)) throw error;
      const failed = formError('roles', request.t('members.cannotRemoveLastAdmin'), {});
      return renderRoles(request, reply, member, { errors: failed.errors, errorSummary: failed.summary, values: { roles: form.data.roles } }, 422);
    }
    return reply.flash(request.t('members.rolesChanged', { name: member.displayName })).redirect(`${base(request)}/members`, 303);
  });

  const renderInvite = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('accounts/views/invite.njk', {
      title: request.t('invite.title'),
      roles: ROLES,
      organisations: await listOrganisations(db, request.area!.id),
      values: {},
      backLink: `${base(request)}/members`,
      ...extra,
    }, status);

  app.get('/a/:area/manage/invitations', access, (request, reply) => renderInvite(request, reply));

  app.post('/a/:area/manage/invitations', access, async (request, reply) => {
    const form = parseForm(inviteForm, request.body, request.t);
    if (!form.ok) return renderInvite(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const organisations = await listOrganisations(db, request.area!.id);
    if (form.data.organisationId && !organisations.some((o) => o.id === form.data.organisationId)) {
      const failed = formError('organisationId', request.t('validation.organisation.invalid'), request.body as Record<string, unknown>);
      return renderInvite(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values }, 422);
    }
    await members.invite(db, notifier, request.area!, request.actor!.accountId, form.data, { baseUrl: config.baseUrl, t: request.t });
    return reply.flash(request.t('invite.sent', { email: form.data.email })).redirect(`${base(request)}/members`, 303);
  });
}
