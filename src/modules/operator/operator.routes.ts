/**
 * The operator runs the installation: creates areas and (in demo mode) reads the outbox.
 * Operators hold no area roles, so they cannot read anyone's personal data inside an area.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formError, parseForm } from '../../lib/form-errors.ts';
import { invite } from '../accounts/members.service.ts';
import { createArea, listAreas, SlugTakenError } from '../areas/areas.service.ts';
import { createAreaForm } from './operator.forms.ts';
import { readOutbox } from './operator.service.ts';

export default async function operatorRoutes(app: FastifyInstance) {
  const { db, notifier, config } = app;
  const manageAreas = { config: { access: { action: 'installation.manage_areas' as const } } };

  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('operator/views/operator.njk', { title: request.t('operator.title'), areas: await listAreas(db), showOutbox: config.demo, values: {}, ...extra }, status);

  app.get('/operator', manageAreas, (request, reply) => render(request, reply));

  app.post('/operator/areas', manageAreas, async (request, reply) => {
    const form = parseForm(createAreaForm, request.body, request.t);
    if (!form.ok) return render(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    let area;
    try {
      area = await createArea(db, { slug: form.data.slug, name: form.data.name, contactEmail: form.data.contactEmail });
    } catch (error) {
      if (!(error instanceof SlugTakenError)) throw error;
      const failed = formError('slug', request.t('validation.slug.taken'), request.body as Record<string, unknown>);
      return render(request, reply, { errors: failed.errors, errorSummary: failed.summary, values: failed.values }, 422);
    }
    await invite(db, notifier, area, null, { email: form.data.adminEmail, displayName: form.data.adminName, role: 'area_admin', organisationId: null }, { baseUrl: config.baseUrl, t: request.t });
    return reply.flash(request.t('operator.created', { name: area.name })).redirect('/operator', 303);
  });

  // The outbox holds email addresses and sign-in links: only in demo mode, where nothing is real.
  app.get('/operator/outbox', { config: { access: { action: 'installation.view_outbox' as const } } }, async (request, reply) => {
    if (!config.demo) return reply.callNotFound();
    return reply.page('operator/views/outbox.njk', { title: request.t('operator.outboxTitle'), messages: await readOutbox(db), backLink: '/operator' });
  });
}
