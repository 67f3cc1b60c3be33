/**
 * The form for an area's way of sending email and text messages. Only the chosen way's fields are
 * checked and saved. The Notify API key and SMTP password are write-only: left empty, the saved one
 * is kept; they are never put back into the page, not even after an error.
 */
import { z } from 'zod';
import { NOTIFY_KEY_PATTERN } from './transports.ts';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const ticked = (value: unknown) => [value].flat().some((v) => v === 'yes');

export const TRANSPORTS = ['outbox', 'notify', 'smtp'] as const;
export const SMTP_SECURITY = ['starttls', 'tls'] as const;

const TEMPLATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,255}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$|^\[[0-9A-Fa-f:.]+\]$/;

/** The secret fields: never sent back to the browser. */
export const SECRET_FIELDS = ['notifyApiKey', 'smtpPassword'] as const;

export type SettingsInput =
  | { transport: 'outbox'; version: number }
  | { transport: 'notify'; version: number; notifyApiKey: string; removeNotifyKey: boolean; notifyEmailTemplateId: string; notifySmsTemplateId: string }
  | {
      transport: 'smtp';
      version: number;
      smtpHost: string;
      smtpPort: number;
      smtpSecure: boolean;
      smtpUser: string;
      smtpPassword: string;
      removeSmtpPassword: boolean;
      emailFrom: string;
    };

const key = (field: string, problem: string) => `notifications.validation.${field}.${problem}`;

/** `saved` says which secrets are already stored, so an empty box can mean "keep it". */
export function settingsForm(saved: { hasNotifyKey: boolean; hasSmtpPassword: boolean }) {
  return z
    .object({
      transport: z.preprocess(text, z.enum(TRANSPORTS, key('transport', 'missing'))),
      version: z.coerce.number().int().min(0).catch(0),
      notifyApiKey: z.preprocess(text, z.string()),
      removeNotifyKey: z.preprocess(ticked, z.boolean()),
      notifyEmailTemplateId: z.preprocess(text, z.string()),
      notifySmsTemplateId: z.preprocess(text, z.string()),
      smtpHost: z.preprocess(text, z.string()),
      smtpPort: z.preprocess(text, z.string()),
      smtpSecurity: z.preprocess(text, z.string()),
      smtpUser: z.preprocess(text, z.string()),
      smtpPassword: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
      removeSmtpPassword: z.preprocess(ticked, z.boolean()),
      emailFrom: z.preprocess(text, z.string()),
    })
    .transform((v, ctx): SettingsInput => {
      const problem = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message: key(field, message) });
      if (v.transport === 'outbox') return { transport: 'outbox', version: v.version };

      if (v.transport === 'notify') {
        const keyWillBeSaved = v.notifyApiKey !== '' || (saved.hasNotifyKey && !v.removeNotifyKey);
        if (v.notifyApiKey.length > 300 || (v.notifyApiKey && !NOTIFY_KEY_PATTERN.test(v.notifyApiKey))) problem('notifyApiKey', 'invalid');
        else if (!keyWillBeSaved) problem('notifyApiKey', 'missing');
        if (!v.notifyEmailTemplateId) problem('notifyEmailTemplateId', 'missing');
        else if (!TEMPLATE_ID.test(v.notifyEmailTemplateId)) problem('notifyEmailTemplateId', 'invalid');
        if (v.notifySmsTemplateId && !TEMPLATE_ID.test(v.notifySmsTemplateId)) problem('notifySmsTemplateId', 'invalid');
        return { transport: 'notify', version: v.version, notifyApiKey: v.notifyApiKey, removeNotifyKey: v.removeNotifyKey, notifyEmailTemplateId: v.notifyEmailTemplateId.toLowerCase(), notifySmsTemplateId: v.notifySmsTemplateId.toLowerCase() };
      }

      if (!v.smtpHost) problem('smtpHost', 'missing');
      else if (!HOST.test(v.smtpHost)) problem('smtpHost', 'invalid');
      const port = /^\d{1,5}$/.test(v.smtpPort) ? Number(v.smtpPort) : NaN;
      if (!v.smtpPort) problem('smtpPort', 'missing');
      else if (!(port >= 1 && port <= 65535)) problem('smtpPort', 'invalid');
      if (!(SMTP_SECURITY as readonly string[]).includes(v.smtpSecurity)) problem('smtpSecurity', 'missing');
      if (v.smtpUser.length > 255) problem('smtpUser', 'tooLong');
      const passwordWillBeSaved = v.smtpPassword !== '' || (saved.hasSmtpPassword && !v.removeSmtpPassword);
      if (v.smtpPassword.length > 300) problem('smtpPassword', 'tooLong');
      else if (v.smtpUser && !passwordWillBeSaved) problem('smtpPassword', 'missing');
      if (!v.smtpUser && v.smtpPassword) problem('smtpUser', 'missing');
      if (!v.emailFrom) problem('emailFrom', 'missing');
      else if (v.emailFrom.length > 320 || !z.email().safeParse(v.emailFrom).success) problem('emailFrom', 'invalid');
      return {
        transport: 'smtp',
        version: v.version,
        smtpHost: v.smtpHost,
        smtpPort: port,
        smtpSecure: v.smtpSecurity === 'tls',
        smtpUser: v.smtpUser,
        smtpPassword: v.smtpPassword,
        removeSmtpPassword: v.removeSmtpPassword,
        emailFrom: v.emailFrom,
      };
    });
}

/** What the page shows again after an error: everything typed except the secrets. */
export function keptValues(values: Record<string, unknown>): Record<string, unknown> {
  const kept = { ...values };
  for (const field of SECRET_FIELDS) delete kept[field];
  delete kept._csrf;
  return kept;
}

/** True when a secret was typed: the page asks for it again instead of showing it. */
export function typedSecrets(values: Record<string, unknown>): { notifyApiKey: boolean; smtpPassword: boolean } {
  return { notifyApiKey: text(values.notifyApiKey) !== '', smtpPassword: typeof values.smtpPassword === 'string' && values.smtpPassword !== '' };
}
