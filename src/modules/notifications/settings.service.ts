/**
 * An area's way of sending email and text messages: reading and saving the settings (secrets sealed
 * before they reach the database), and the "send a test email to me" check.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { ConflictError } from '../../lib/errors.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { audit } from '../privacy/audit.service.ts';
import type { NotifierFor } from './notifications.service.ts';
import type { SecretBox } from './secret-box.ts';
import type { SettingsInput } from './settings.forms.ts';
import * as repo from './settings.repository.ts';
import { asSendFailure, type SendFailureReason } from './transports.ts';

/** What the settings page shows. Secrets only as "one is saved". */
export type SettingsView = {
  transport: repo.TransportKind;
  hasNotifyKey: boolean;
  notifyEmailTemplateId: string;
  notifySmsTemplateId: string;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: 'tls' | 'starttls';
  smtpUser: string;
  hasSmtpPassword: boolean;
  emailFrom: string;
  /** 0 before the first save. */
  version: number;
  updatedAt: Date | null;
};

function view(stored: repo.StoredSettings | undefined): SettingsView {
  return {
    transport: stored?.transport ?? 'outbox',
    hasNotifyKey: Boolean(stored?.notifyApiKeySealed),
    notifyEmailTemplateId: stored?.notifyEmailTemplateId ?? '',
    notifySmsTemplateId: stored?.notifySmsTemplateId ?? '',
    smtpHost: stored?.smtpHost ?? '',
    smtpPort: stored?.smtpPort ?? 587,
    smtpSecurity: stored?.smtpSecure ? 'tls' : 'starttls',
    smtpUser: stored?.smtpUser ?? '',
    hasSmtpPassword: Boolean(stored?.smtpPasswordSealed),
    emailFrom: stored?.emailFrom ?? '',
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
  };
}

export async function getSettings(db: Db, areaId: string): Promise<SettingsView> {
  return view(await withArea(db, areaId, (tx) => repo.findSettings(tx, areaId)));
}

type SecretChange = 'none' | 'kept' | 'replaced' | 'removed';

function secretChange(typed: string, remove: boolean, had: boolean): SecretChange {
  if (typed) return 'replaced';
  if (remove) return had ? 'removed' : 'none';
  return had ? 'kept' : 'none';
}

/**
 * Saves the settings over `input.version` (ConflictError when someone else saved since). Only the
 * chosen way's fields change; the other ways' saved fields are left as they were. Typed secrets are
 * sealed here; an empty secret box keeps the saved one unless "remove" was ticked.
 */
export async function saveSettings(db: Db, box: SecretBox, areaId: string, actorId: string, input: SettingsInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const current = await repo.findSettings(tx, areaId, { forUpdate: true });
    if ((current?.version ?? 0) !== input.version) throw new ConflictError('notification settings changed');
    const base: repo.SettingsValues = {
      transport: input.transport,
      notifyApiKeySealed: current?.notifyApiKeySealed ?? null,
      notifyEmailTemplateId: current?.notifyEmailTemplateId ?? '',
      notifySmsTemplateId: current?.notifySmsTemplateId ?? '',
      smtpHost: current?.smtpHost ?? '',
      smtpPort: current?.smtpPort ?? 587,
      smtpSecure: current?.smtpSecure ?? false,
      smtpUser: current?.smtpUser ?? '',
      smtpPasswordSealed: current?.smtpPasswordSealed ?? null,
      emailFrom: current?.emailFrom ?? '',
    };
    const detail: Record<string, unknown> = { transport: input.transport };
    if (input.transport === 'notify') {
      detail.apiKey = secretChange(input.notifyApiKey, input.removeNotifyKey, Boolean(base.notifyApiKeySealed));
      if (input.notifyApiKey) base.notifyApiKeySealed = box.seal(areaId, 'notify_api_key', input.notifyApiKey);
      else if (input.removeNotifyKey) base.notifyApiKeySealed = null;
      base.notifyEmailTemplateId = input.notifyEmailTemplateId;
      base.notifySmsTemplateId = input.notifySmsTemplateId;
    }
    if (input.transport === 'smtp') {
      detail.password = secretChange(input.smtpPassword, input.removeSmtpPassword, Boolean(base.smtpPasswordSealed));
      if (input.smtpPassword) base.smtpPasswordSealed = box.seal(areaId, 'smtp_password', input.smtpPassword);
      else if (input.removeSmtpPassword) base.smtpPasswordSealed = null;
      Object.assign(base, { smtpHost: input.smtpHost, smtpPort: input.smtpPort, smtpSecure: input.smtpSecure, smtpUser: input.smtpUser, emailFrom: input.emailFrom });
    }
    const saved = current ? await repo.updateSettings(tx, areaId, actorId, input.version, base) : await repo.insertSettings(tx, areaId, actorId, base);
    if (!saved) throw new ConflictError('notification settings changed');
    // The audit says what changed, never the secrets themselves.
    await audit(tx, areaId, actorId, 'notifications.update', { type: 'area_notification_setting', id: areaId, detail });
  });
}

export type TestEmailResult = { ok: true; transport: string } | { ok: false; reason: SendFailureReason; detail: string };

/**
 * Sends a test email through the area's saved settings to the signed-in admin's own address, and
 * says in plain words what happened. Audited, with the outcome but not the address.
 */
export async function sendTestEmail(
  db: Db,
  notifierFor: NotifierFor,
  area: { id: string; slug: string; name: string },
  actor: { accountId: string; email: string },
  t: Translate,
): Promise<TestEmailResult> {
  let result: TestEmailResult;
  try {
    const notifier = await notifierFor(area.id);
    const sent = await notifier.send({
      channel: 'email',
      recipient: actor.email,
      subject: t('notifications.testEmail.subject', { area: area.name }),
      body: t('notifications.testEmail.body', { area: area.name }),
      areaSlug: area.slug,
      reference: `chorus-test-${randomUUID()}`,
    });
    result = { ok: true, transport: sent?.transport ?? 'unknown' };
  } catch (error) {
    const failure = asSendFailure(error);
    result = { ok: false, reason: failure.reason, detail: failure.detail };
  }
  await withArea(db, area.id, (tx) =>
    audit(tx, area.id, actor.accountId, 'notifications.test', {
      type: 'area_notification_setting',
      id: area.id,
      detail: result.ok ? { ok: true, transport: result.transport } : { ok: false, reason: result.reason },
    }),
  );
  return result;
}
