/**
 * The retention schedule page (issue 9 §2), for area admins: how long each kind of personal data is
 * kept (Chorus' default, this area's period, and why), a form to change each period within its
 * limits, and what the nightly job has removed (counts only).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../../lib/form-errors.ts';
import { retentionForm } from './retention.forms.ts';
import { getRetentionSchedule, saveRetentionSchedule } from './retention.service.ts';

const needs = { config: { access: { action: 'privacy.retention' as const } } };

export default async function retentionRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const pageUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/privacy/retention`;

  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const schedule = await getRetentionSchedule(db, request.area!.id);
    return reply.page('privacy/views/retention/schedule.njk', {
      title: request.t('retention.title'),
      schedule,
      values: { ...Object.fromEntries(schedule.periods.map((p) => [p.kind, String(p.period)])), seen: schedule.fingerprint },
      formAction: pageUrl(request),
      backLink: `/a/${request.area!.slug}/manage`,
      ...extra,
    }, status);
  };

  app.get('/a/:area/manage/privacy/retention', needs, (request, reply) => render(request, reply));

  app.post('/a/:area/manage/privacy/retention', needs, async (request, reply) => {
    const form = parseForm(retentionForm, request.body, request.t);
    // What was typed is shown again, with the fingerprint of the schedule the admin was looking at.
    if (!form.ok) return render(request, reply, { errors: form.errors, errorSummary: form.summary, values: form.values }, 422);
    await saveRetentionSchedule(db, request.area!.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('retention.saved')).redirect(pageUrl(request), 303);
  });
}
