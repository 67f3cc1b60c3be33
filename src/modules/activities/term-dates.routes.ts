/**
 * School term dates for area admins: the planning checks use them to tell term time from the
 * school holidays.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { parseForm } from '../../lib/form-errors.ts';
import { isId } from '../../lib/ids.ts';
import { TERM_FIELD_IDS, termDateForm } from './activities.forms.ts';
import * as terms from './term-dates.service.ts';

const needs = { config: { access: { action: 'term_dates.manage' as const } } };

export default async function termDatesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const page = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/term-dates`;

  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('activities/views/term-dates.njk', {
      title: request.t('activities.terms.title'),
      terms: await terms.listTermDates(db, request.area!.id),
      backLink: `/a/${request.area!.slug}/manage`,
      values: {},
      errors: {},
      ...extra,
    }, status);

  app.get('/a/:area/manage/term-dates', needs, (request, reply) => render(request, reply));

  app.post('/a/:area/manage/term-dates', needs, async (request, reply) => {
    const form = parseForm(termDateForm, request.body, request.t, TERM_FIELD_IDS);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, errorSummary: form.summary }, 422);
    await terms.addTermDate(db, request.area!.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('activities.terms.added', { name: form.data.name })).redirect(page(request), 303);
  });

  app.post('/a/:area/manage/term-dates/:termId/remove', needs, async (request, reply) => {
    const id = (request.params as Record<string, unknown>).termId;
    if (!isId(id)) throw new NotFoundError('term date');
    const removed = await terms.removeTermDate(db, request.area!.id, request.actor!.accountId, id);
    return reply.flash(request.t('activities.terms.removed', { name: removed.name })).redirect(page(request), 303);
  });
}
