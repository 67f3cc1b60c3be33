/**
 * How an area sends email and text messages (area admins), and what happened to the notices sent
 * after publication (participation leads).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AreaAction } from '../../lib/authorisation.ts';
import { parseForm } from '../../lib/form-errors.ts';
import { secretsOf } from './notifications.service.ts';
import { deliverySummary, retryFailedNotices } from './notices.service.ts';
import { keptValues, settingsForm, SMTP_SECURITY, TRANSPORTS, typedSecrets } from './settings.forms.ts';
import { getSettings, saveSettings, sendTestEmail, type SettingsView } from './settings.service.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });

export default async function notificationSettingsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const base = (request: FastifyRequest) => `/a/${request.area!.slug}/manage/notifications`;

  const formValues = (s: SettingsView) => ({
    transport: s.transport,
    version: s.version,
    notifyEmailTemplateId: s.notifyEmailTemplateId,
    notifySmsTemplateId: s.notifySmsTemplateId,
    smtpHost: s.smtpHost,
    smtpPort: String(s.smtpPort),
    smtpSecurity: s.smtpSecurity,
    smtpUser: s.smtpUser,
    emailFrom: s.emailFrom,
  });

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const settings = await getSettings(db, request.area!.id);
    return reply.page('notifications/views/settings.njk', {
      title: request.t('notifications.settings.title'),
      settings,
      values: formValues(settings),
      transports: TRANSPORTS,
      securities: SMTP_SECURITY,
      testRecipient: request.actor!.email,
      backLink: `/a/${request.area!.slug}/manage`,
      ...extra,
    }, status);
  };

  app.get('/a/:area/manage/notifications', needs('notifications.manage'), (request, reply) => renderSettings(request, reply));

  app.post('/a/:area/manage/notifications', needs('notifications.manage'), async (request, reply) => {
    const area = request.area!;
    const current = await getSettings(db, area.id);
    const form = parseForm(settingsForm(current), request.body, request.t, { transport: 'transport', smtpSecurity: 'smtpSecurity' });
    if (!form.ok) {
      // Secrets are never written back into the page: the person is asked to type them again.
      return renderSettings(request, reply, { errors: form.errors, errorSummary: form.summary, values: keptValues(form.values), retype: typedSecrets(form.values) }, 422);
    }
    const box = secretsOf(app.notifierFor);
    if (!box) throw new Error('this app was built without areaNotifiers(): area secrets cannot be stored');
    await saveSettings(db, box, area.id, request.actor!.accountId, form.data);
    return reply.flash(request.t('notifications.settings.saved')).redirect(base(request), 303);
  });

  app.post('/a/:area/manage/notifications/test', needs('notifications.manage'), async (request, reply) => {
    const area = request.area!;
    const result = await sendTestEmail(db, app.notifierFor, area, request.actor!, request.t);
    if (result.ok) {
      const key = result.transport === 'outbox' ? 'notifications.testEmail.keptInOutbox' : 'notifications.testEmail.sent';
      return reply.flash(request.t(key, { email: request.actor!.email })).redirect(base(request), 303);
    }
    return renderSettings(request, reply, { testFailure: request.t(`notifications.sendErrors.${result.reason}`, { detail: result.detail }) });
  });

  app.get('/a/:area/manage/notifications/deliveries', needs('feedback.publish'), async (request, reply) => {
    const summary = await deliverySummary(db, request.area!.id);
    return reply.page('notifications/views/deliveries.njk', {
      title: request.t('notifications.deliveries.title'),
      summary,
      backLink: `/a/${request.area!.slug}/manage`,
    });
  });

  app.post('/a/:area/manage/notifications/deliveries/retry', needs('feedback.publish'), async (request, reply) => {
    const count = await retryFailedNotices(db, request.area!.id, request.actor!.accountId);
    const message = count > 0 ? request.t('notifications.deliveries.retried', { count }) : request.t('notifications.deliveries.nothingToRetry');
    return reply.flash(message).redirect(`${base(request)}/deliveries`, 303);
  });
}
