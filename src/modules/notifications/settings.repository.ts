/**
 * SQL for an area's way of sending email and text messages (area_notification_setting).
 * Secrets leave this file only in their sealed (encrypted) form.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type TransportKind = 'outbox' | 'notify' | 'smtp';

export type StoredSettings = {
  transport: TransportKind;
  notifyApiKeySealed: string | null;
  notifyEmailTemplateId: string;
  notifySmsTemplateId: string;
  smtpHost: string;
  smtpPort: number;
  smtpSecure: boolean;
  smtpUser: string;
  smtpPasswordSealed: string | null;
  emailFrom: string;
  version: number;
  updatedAt: Date;
};

export type SettingsValues = Omit<StoredSettings, 'version' | 'updatedAt'>;

export async function findSettings(tx: AreaTx, areaId: string, options: { forUpdate?: boolean } = {}): Promise<StoredSettings | undefined> {
  let query = tx.selectFrom('area_notification_setting').selectAll().where('area_id', '=', areaId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    transport: row.transport,
    notifyApiKeySealed: row.notify_api_key_encrypted,
    notifyEmailTemplateId: row.notify_email_template_id,
    notifySmsTemplateId: row.notify_sms_template_id,
    smtpHost: row.smtp_host,
    smtpPort: row.smtp_port,
    smtpSecure: row.smtp_secure,
    smtpUser: row.smtp_user,
    smtpPasswordSealed: row.smtp_password_encrypted,
    emailFrom: row.email_from,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

const columns = (values: SettingsValues, actorId: string | null) => ({
  transport: values.transport,
  notify_api_key_encrypted: values.notifyApiKeySealed,
  notify_email_template_id: values.notifyEmailTemplateId,
  notify_sms_template_id: values.notifySmsTemplateId,
  smtp_host: values.smtpHost,
  smtp_port: values.smtpPort,
  smtp_secure: values.smtpSecure,
  smtp_user: values.smtpUser,
  smtp_password_encrypted: values.smtpPasswordSealed,
  email_from: values.emailFrom,
  updated_by: actorId,
});

/** The first save. False when another save created the row first (the caller reports a conflict). */
export async function insertSettings(tx: AreaTx, areaId: string, actorId: string | null, values: SettingsValues): Promise<boolean> {
  const row = await tx
    .insertInto('area_notification_setting')
    .values({ area_id: areaId, ...columns(values, actorId), updated_at: sql<Date>`now()` as never })
    .onConflict((oc) => oc.column('area_id').doNothing())
    .returning('area_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Saves over `version`; false when someone else saved since (the caller reports a conflict). */
export async function updateSettings(tx: AreaTx, areaId: string, actorId: string | null, version: number, values: SettingsValues): Promise<boolean> {
  const result = await tx
    .updateTable('area_notification_setting')
    .set({ ...columns(values, actorId), version: sql<number>`version + 1`, updated_at: sql<Date>`now()` as never })
    .where('area_id', '=', areaId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
