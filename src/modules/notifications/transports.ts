/**
 * The real ways out: GOV.UK Notify (through its official client) and SMTP (through nodemailer).
 * Both sit behind the Notifier interface, so nothing else in Chorus knows which one an area uses.
 *
 * What goes wrong is turned into a SendFailure: a catalogue key in plain words, never the
 * provider's raw error (which can carry request headers, tokens or stack traces).
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { NotifyClient } from 'notifications-node-client';
import type { Db } from '../../db/database.ts';
import type { Notifier, OutgoingMessage, SendResult } from './notifications.service.ts';
import * as repo from './notifications.repository.ts';

/** GOV.UK Notify's live API. An installation may point elsewhere (a proxy, or a fake in tests). */
export const NOTIFY_PRODUCTION_URL = 'https://api.notifications.service.gov.uk';

/** How long a provider may take to answer before Chorus gives up on one message. */
const SEND_TIMEOUT_MS = 20_000;

export type SendFailureReason =
  | 'no_address'
  | 'no_sms'
  | 'no_email_template'
  | 'notify_key'
  | 'notify_rejected'
  | 'notify_rate_limited'
  | 'notify_unavailable'
  | 'smtp_auth'
  | 'smtp_unreachable'
  | 'smtp_host_unknown'
  | 'smtp_tls'
  | 'smtp_certificate'
  | 'smtp_rejected'
  | 'timeout'
  | 'settings_unreadable'
  | 'unknown';

/**
 * A message that could not be sent, with the reason as a catalogue key
 * (`notifications.sendErrors.<reason>`) and, for Notify's own refusals, Notify's short explanation.
 * `uncertain` means the provider may have accepted it anyway (no answer in time): such a message
 * is never sent again automatically, so nobody is told twice.
 */
export class SendFailure extends Error {
  readonly reason: SendFailureReason;
  readonly detail: string;
  readonly uncertain: boolean;
  constructor(reason: SendFailureReason, options: { detail?: string; uncertain?: boolean } = {}) {
    super(`message not sent: ${reason}`);
    this.reason = reason;
    this.detail = options.detail ?? '';
    this.uncertain = options.uncertain ?? false;
  }
}

/** Makes any error a SendFailure (unknown errors become 'unknown': their text is never shown). */
export function asSendFailure(error: unknown): SendFailure {
  return error instanceof SendFailure ? error : new SendFailure('unknown');
}

/** j***@example.com / ********123: enough to recognise a message, not to contact the person. */
export function maskRecipient(channel: 'email' | 'sms', recipient: string): string {
  if (channel === 'email') {
    const at = recipient.lastIndexOf('@');
    if (at < 1) return '***';
    return `${recipient[0]}***${recipient.slice(at)}`;
  }
  const digits = recipient.replace(/\D/g, '');
  return digits.length > 4 ? `${'*'.repeat(digits.length - 3)}${digits.slice(-3)}` : '***';
}

/**
 * For messages that went to a real provider the outbox keeps a record without personal data:
 * transport, channel, subject, a masked address and when; never the body.
 */
export function recorded(db: Db, inner: Notifier): Notifier {
  return {
    async send(message) {
      const result = await inner.send(message);
      const transport = result?.transport ?? 'unknown';
      // The provider has the message now: a failed record must not make the caller think it was
      // not sent (and send it again), so the record is best effort.
      await repo.insertMessage(db, {
        areaSlug: message.areaSlug ?? null,
        channel: message.channel,
        recipient: maskRecipient(message.channel, message.recipient),
        subject: message.channel === 'email' ? message.subject : '',
        body: '',
        transport,
        sentAt: new Date(),
      }).catch(() => {});
      return result ?? { transport, reference: null };
    },
  };
}

/** A Notifier that always says what carried the message. */
export type Transport = { send(message: OutgoingMessage): Promise<SendResult> };

function withTimeout<T>(promise: Promise<T>, ms = SEND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SendFailure('timeout', { uncertain: true })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ── GOV.UK Notify ─────────────────────────────────────────────────────────────────────────────

export type NotifySettings = {
  baseUrl: string;
  apiKey: string;
  emailTemplateId: string;
  /** Empty: the area sends no text messages. */
  smsTemplateId: string;
};

/** Notify API keys are `<key name>-<service id>-<secret>`; the last two are UUIDs. */
export const NOTIFY_KEY_PATTERN = /^[\w .-]{0,200}-?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type AxiosLikeError = { response?: { status?: number; data?: { errors?: Array<{ message?: unknown }> } }; code?: unknown };

/** Notify's own words for a refusal ("Not a valid email address"), short and without anything secret-looking. */
function notifyDetail(error: AxiosLikeError): string {
  const message = error.response?.data?.errors?.[0]?.message;
  if (typeof message !== 'string') return '';
  return message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '…').slice(0, 200);
}

function notifyFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = (error ?? {}) as AxiosLikeError;
  const status = e.response?.status;
  if (status === 403) return new SendFailure('notify_key');
  if (status === 429) return new SendFailure('notify_rate_limited');
  if (status === 400) return new SendFailure('notify_rejected', { detail: notifyDetail(e) });
  if (status !== undefined && status >= 500) return new SendFailure('notify_unavailable', { uncertain: status === 504 });
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') return new SendFailure('timeout', { uncertain: true });
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || e.code === 'ECONNRESET') return new SendFailure('notify_unavailable');
  return new SendFailure('unknown');
}

/**
 * Sends through GOV.UK Notify. Each area has one email template and one text message template whose
 * content is only placeholders: email subject `((subject))`, body `((body))`; text message `((body))`.
 * Chorus writes the words; Notify carries them. `reference` is our id for the message (never personal).
 */
export function notifyNotifier(settings: NotifySettings): Transport {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey);
  return {
    async send(message: OutgoingMessage): Promise<SendResult> {
      const reference = message.reference ?? randomUUID();
      try {
        if (message.channel === 'sms') {
          if (!settings.smsTemplateId) throw new SendFailure('no_sms');
          const response = await withTimeout(client.sendSms(settings.smsTemplateId, message.recipient, { personalisation: { body: message.body }, reference }));
          return { transport: 'notify', reference: response.data.id };
        }
        if (!settings.emailTemplateId) throw new SendFailure('no_email_template');
        const response = await withTimeout(client.sendEmail(settings.emailTemplateId, message.recipient, { personalisation: { subject: message.subject, body: message.body }, reference }));
        return { transport: 'notify', reference: response.data.id };
      } catch (error) {
        throw notifyFailure(error);
      }
    },
  };
}

// ── SMTP ──────────────────────────────────────────────────────────────────────────────────────

export type SmtpSettings = {
  host: string;
  port: number;
  /** true: TLS from the first byte (usually port 465); false: STARTTLS (usually port 587). */
  secure: boolean;
  user: string;
  password: string;
  from: string;
};

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/**
 * nodemailer's options for these settings. Without implicit TLS, STARTTLS is required: a server
 * that does not offer it (or an attacker who strips it) gets no password and no message. The one
 * exception is a relay on this same machine (localhost), where the message never crosses a network.
 */
export function smtpOptions(settings: SmtpSettings) {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && !isLoopback(settings.host),
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: SEND_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Reads CHORUS_SMTP_URL (smtp://user:password@host:587 or smtps://…:465) into settings. */
export function smtpSettingsFromUrl(url: string, from: string): SmtpSettings {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    from,
  };
}

type SmtpError = { code?: unknown; message?: unknown; responseCode?: unknown };

function smtpFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = (error ?? {}) as SmtpError;
  const text = typeof e.message === 'string' ? e.message : '';
  switch (e.code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return new SendFailure('smtp_auth');
    case 'EDNS':
      return new SendFailure('smtp_host_unknown');
    case 'ETLS':
      return new SendFailure('smtp_tls');
    case 'EENVELOPE':
    case 'EMESSAGE':
      return new SendFailure(e.responseCode === 530 ? 'smtp_auth' : 'smtp_rejected');
    case 'ETIMEDOUT':
    case 'ECONNECTION':
      return new SendFailure('smtp_unreachable');
    case 'ESOCKET':
      if (/certificate|self[- ]signed|altname/i.test(text)) return new SendFailure('smtp_certificate');
      if (/ENOTFOUND|EAI_AGAIN/.test(text)) return new SendFailure('smtp_host_unknown');
      return new SendFailure('smtp_unreachable');
    default:
      return new SendFailure('unknown');
  }
}

/** Sends email through an SMTP server. SMTP carries no text messages: those fail with 'no_sms'. */
export function smtpNotifier(settings: SmtpSettings): Transport & { close(): void } {
  const transporter = nodemailer.createTransport(smtpOptions(settings));
  return {
    async send(message: OutgoingMessage): Promise<SendResult> {
      if (message.channel === 'sms') throw new SendFailure('no_sms');
      try {
        const info = await transporter.sendMail({
          from: settings.from,
          to: message.recipient,
          subject: message.subject,
          text: message.body,
          headers: message.reference ? { 'X-Chorus-Reference': message.reference } : undefined,
        });
        return { transport: 'smtp', reference: typeof info.messageId === 'string' ? info.messageId : null };
      } catch (error) {
        throw smtpFailure(error);
      }
    },
    close: () => transporter.close(),
  };
}
