/**
 * Managing an area: the staff dashboard, member organisations, the charter and its signatures,
 * forums and boards. Each route declares the action it needs; plugins/auth.ts enforces it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AreaAction } from '../../lib/authorisation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { CHARTER_TEMPLATES } from './charter-templates.ts';
import * as areas from './areas.service.ts';
import picturesRoutes from './pictures.routes.ts';
import { concernFiguresFor } from '../privacy/safeguarding.service.ts';
import { boardForm, charterTextForm, forumForm, ORGANISATION_KINDS, organisationForm, principleForm, settingsForm, signatureForm, templateForm } from './areas.forms.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });
const idParam = (name: string) => (request: FastifyRequest) => {
  const parsed = z.uuid().safeParse((request.params as Record<string, unknown>)[name]);
  if (!parsed.success) throw new NotFoundError(name);
  return parsed.data;
};
const principleId = idParam('principleId');
const signatureId = idParam('signatureId');

export default async function manageRoutes(app: FastifyInstance) {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/manage`;
  // The area's pictures and branding: their own plugin, so the upload parser stays on their routes.
  await app.register(picturesRoutes);

  app.get('/a/:area/manage', needs('area.manage'), async (request, reply) =>
    reply.page('areas/views/manage/dashboard.njk', {
      title: request.t('manage.title', { area: request.area!.name }),
      // Counts only, for area admins and safeguarding leads: no lead to alert, or a concern waiting too long.
      safeguarding: await concernFiguresFor(db, request.actor!, request.area!.id),
    }),
  );

  // The area's own rules
  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const current = await areas.findSettings(db, request.area!.id);
    return reply.page('areas/views/manage/settings.njk', {
      title: request.t('areaSettings.title'),
      values: { feedbackWeeks: current?.feedbackWeeks, minNoticeDays: current?.minNoticeDays },
      backLink: base(request),
      ...extra,
    }, status);
  };

  app.get('/a/:area/manage/settings', needs('area.settings'), (request, reply) => renderSettings(request, reply));

  app.post('/a/:area/manage/settings', needs('area.settings'), async (request, reply) => {
    const form = parseForm(settingsForm, request.body, request.t);
    if (!form.ok) return renderSettings(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await areas.updateSettings(db, request.area!.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('areaSettings.saved')).redirect(`${base(request)}/settings`, 303);
  });

  // Organisations
  const renderOrganisations = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('areas/views/manage/organisations.njk', {
      title: request.t('organisations.title'),
      organisations: await areas.listOrganisations(db, request.area!.id),
      kinds: ORGANISATION_KINDS,
      backLink: base(request),
      ...extra,
    }, status);

  app.get('/a/:area/manage/organisations', needs('organisation.manage'), (request, reply) => renderOrganisations(request, reply));

  app.post('/a/:area/manage/organisations', needs('organisation.manage'), async (request, reply) => {
    const form = parseForm(organisationForm, request.body, request.t);
    if (!form.ok) return renderOrganisations(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    try {
      await areas.addOrganisation(db, request.area!.id, request.actor!.accountId, form.data);
    } catch (error) {
      if (!(error instanceof areas.OrganisationExistsError)) throw error;
      const failed = formError('name', request.t('validation.organisationName.taken'), request.body as Record<string, unknown>);
      return renderOrganisations(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values }, 422);
    }
    return reply.flash(request.t('organisations.added', { name: form.data.name })).redirect(`${base(request)}/organisations`, 303);
  });

  // Charter
  const renderCharter = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const charter = await areas.findCharter(db, request.area!.id);
    return reply.page('areas/views/manage/charter.njk', {
      title: request.t('charterEdit.title'),
      charter,
      templates: CHARTER_TEMPLATES,
      values: charter && { title: charter.title, introduction: charter.introduction, easyReadIntroduction: charter.easyReadIntroduction, version: charter.version },
      backLink: base(request),
      ...extra,
    }, status);
  };

  app.get('/a/:area/manage/charter', needs('charter.edit'), (request, reply) => renderCharter(request, reply));

  app.post('/a/:area/manage/charter', needs('charter.edit'), async (request, reply) => {
    const form = parseForm(charterTextForm, request.body, request.t);
    if (!form.ok) return renderCharter(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const { version, ...values } = form.data;
    await areas.editCharterText(db, request.area!.id, request.actor!.accountId, version, values);
    return reply.flash(request.t('common.saved')).redirect(`${base(request)}/charter`, 303);
  });

  app.post('/a/:area/manage/charter/template', needs('charter.edit'), async (request, reply) => {
    const form = parseForm(templateForm, request.body, request.t);
    if (!form.ok) return renderCharter(request, reply, { errors: form.errors, errorSummary: form.summary }, 422);
    const template = await areas.applyTemplate(db, request.area!.id, request.actor!.accountId, form.data.template);
    return reply.flash(request.t('charterEdit.replaced', { name: template.name })).redirect(`${base(request)}/charter`, 303);
  });

  const renderPrinciple = (request: FastifyRequest, reply: FastifyReply, model: Record<string, unknown>, status = 200) =>
    reply.page('areas/views/manage/principle.njk', { title: request.t('charterEdit.principleTitle'), backLink: `${base(request)}/charter`, ...model }, status);

  const principleValues = (p: areas.Principle) => ({
    title: p.title,
    description: p.description,
    easyRead: p.easyRead,
    symbol: p.symbol ?? '',
    commitmentsEveryone: p.commitments.filter((c) => c.party === 'everyone').map((c) => c.text).join('\n'),
    commitmentsOrganisations: p.commitments.filter((c) => c.party === 'organisations').map((c) => c.text).join('\n'),
    commitmentsForum: p.commitments.filter((c) => c.party === 'forum').map((c) => c.text).join('\n'),
  });

  app.get('/a/:area/manage/charter/principles/new', needs('charter.edit'), (request, reply) => renderPrinciple(request, reply, { action: `${base(request)}/charter/principles/new`, values: {} }));

  app.get('/a/:area/manage/charter/principles/:principleId', needs('charter.edit'), async (request, reply) => {
    const id = principleId(request);
    const principle = (await areas.findCharter(db, request.area!.id))?.principles.find((p) => p.id === id);
    if (!principle) throw new NotFoundError('principle');
    return renderPrinciple(request, reply, { action: `${base(request)}/charter/principles/${id}`, principleId: id, values: principleValues(principle) });
  });

  const savePrinciple = async (request: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const action = `${base(request)}/charter/principles/${id ?? 'new'}`;
    const form = parseForm(principleForm, request.body, request.t);
    if (!form.ok) return renderPrinciple(request, reply, { action, principleId: id, errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const d = form.data;
    const commitments = [
      ...d.commitmentsEveryone.map((text) => ({ party: 'everyone' as const, text })),
      ...d.commitmentsOrganisations.map((text) => ({ party: 'organisations' as const, text })),
      ...d.commitmentsForum.map((text) => ({ party: 'forum' as const, text })),
    ];
    await areas.savePrinciple(db, request.area!.id, request.actor!.accountId, id, { title: d.title, description: d.description, easyRead: d.easyRead, symbol: d.symbol, commitments });
    return reply.flash(request.t('common.saved')).redirect(`${base(request)}/charter`, 303);
  };

  app.post('/a/:area/manage/charter/principles/new', needs('charter.edit'), (request, reply) => savePrinciple(request, reply, null));
  app.post('/a/:area/manage/charter/principles/:principleId', needs('charter.edit'), (request, reply) => savePrinciple(request, reply, principleId(request)));

  app.post('/a/:area/manage/charter/principles/:principleId/delete', needs('charter.edit'), async (request, reply) => {
    await areas.deletePrinciple(db, request.area!.id, request.actor!.accountId, principleId(request));
    return reply.flash(request.t('common.saved')).redirect(`${base(request)}/charter`, 303);
  });

  // Signatures
  const renderSignatures = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const [charter, organisations] = await Promise.all([areas.findCharter(db, request.area!.id), areas.listOrganisations(db, request.area!.id)]);
    return reply.page('areas/views/manage/signatures.njk', { title: request.t('signatures.title'), charter, organisations, backLink: base(request), values: {}, ...extra }, status);
  };

  app.get('/a/:area/manage/charter/signatures', needs('charter.record_signature'), (request, reply) => renderSignatures(request, reply));

  app.post('/a/:area/manage/charter/signatures', needs('charter.record_signature'), async (request, reply) => {
    const form = parseForm(signatureForm, request.body, request.t, { signedOn: 'signedOn-day' });
    if (!form.ok) return renderSignatures(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    const organisation = await areas.recordSignature(db, request.area!.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('signatures.recorded', { name: organisation.name })).redirect(`${base(request)}/charter/signatures`, 303);
  });

  app.post('/a/:area/manage/charter/signatures/:signatureId/withdraw', needs('charter.record_signature'), async (request, reply) => {
    await areas.withdrawSignature(db, request.area!.id, request.actor!.accountId, signatureId(request));
    return reply.flash(request.t('common.saved')).redirect(`${base(request)}/charter/signatures`, 303);
  });

  // Forums and boards
  const renderForums = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const { forums, boards } = await areas.listForumsAndBoards(db, request.area!.id);
    return reply.page('areas/views/manage/forums.njk', { title: request.t('forumsEdit.title'), forums, boards, backLink: base(request), forumValues: {}, boardValues: {}, ...extra }, status);
  };

  app.get('/a/:area/manage/forums', needs('forum.manage'), (request, reply) => renderForums(request, reply));

  app.post('/a/:area/manage/forums', needs('forum.manage'), async (request, reply) => {
    const form = parseForm(forumForm, request.body, request.t, { name: 'forum-name', description: 'forum-description', audience: 'audience' });
    if (!form.ok) return renderForums(request, reply, { forumErrors: form.errors, errorSummary: form.summary, forumValues: form.values }, 422);
    await areas.addForum(db, request.area!.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('forumsEdit.added', { name: form.data.name })).redirect(`${base(request)}/forums`, 303);
  });

  app.post('/a/:area/manage/boards', needs('forum.manage'), async (request, reply) => {
    const form = parseForm(boardForm, request.body, request.t, { name: 'board-name', description: 'board-description' });
    if (!form.ok) return renderForums(request, reply, { boardErrors: form.errors, errorSummary: form.summary, boardValues: form.values }, 422);
    await areas.addBoard(db, request.area!.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('forumsEdit.added', { name: form.data.name })).redirect(`${base(request)}/forums`, 303);
  });
}
