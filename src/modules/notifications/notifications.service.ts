/**
 * One interface for every way Chorus tells people things. The built-in outbox keeps messages
 * (viewable by the operator in demo mode); GOV.UK Notify and SMTP transports plug in behind the same
 * interface. Messages that belong to no area (invitations, password resets) go through the
 * installation's notifier; an area's messages go through its own settings, or the installation's
 * when it has none.
 */
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import * as repo from './notifications.repository.ts';
import { secretBox, SecretUnreadableError, type SecretBox } from './secret-box.ts';
import * as settingsRepo from './settings.repository.ts';
import { NOTIFY_PRODUCTION_URL, notifyNotifier, recorded, SendFailure, smtpNotifier, smtpSettingsFromUrl } from './transports.ts';

/** Plain words for why a message was not sent, for any module that sends through a notifier. */
export { describeFailure } from './notices.sender.ts';
/** The minute job's sending of "we did …" notices (the jobs module and the demo seed run it). */
export { sendPendingNotices, type SendSummary } from './notices.sender.ts';
export { asSendFailure } from './transports.ts';
export type { OutboxMessage } from './notifications.repository.ts';

export type OutgoingMessage = {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  areaSlug?: string | null;
  /** Our own id for the message, passed to the provider (Notify's `reference`). Never personal data. */
  reference?: string;
};

/** What a transport says once it has accepted a message. */
export type SendResult = { transport: string; reference: string | null };

export type Notifier = {
  send(message: OutgoingMessage): Promise<SendResult | void>;
};

/** The notifier an area's messages go through (its own Notify or SMTP settings, else the outbox). */
export type NotifierFor = (areaId: string) => Promise<Notifier>;

/** Keeps messages in the outbox table and sends nothing: the development and demo transport. */
export function outboxNotifier(db: Db): Notifier {
  return {
    async send(message) {
      await repo.insertMessage(db, { channel: message.channel, recipient: message.recipient, subject: message.subject, body: message.body, areaSlug: message.areaSlug ?? null, transport: 'outbox' });
      return { transport: 'outbox', reference: null };
    },
  };
}

/**
 * The installation's own transport, from its settings (CHORUS_NOTIFY_API_KEY or CHORUS_SMTP_URL):
 * used for messages of no area and by every area without settings of its own.
 */
export function installationNotifier(db: Db, config: Pick<Config, 'installationTransport' | 'notifyBaseUrl'>): Notifier {
  const transport = config.installationTransport;
  if (transport.kind === 'notify') {
    return recorded(db, notifyNotifier({ baseUrl: config.notifyBaseUrl, apiKey: transport.apiKey, emailTemplateId: transport.emailTemplateId, smsTemplateId: transport.smsTemplateId }));
  }
  if (transport.kind === 'smtp') return recorded(db, smtpNotifier(smtpSettingsFromUrl(transport.url, transport.from)));
  return outboxNotifier(db);
}

/** areaNotifiers() also seals and opens the area's saved secrets: it alone holds the installation secret. */
export type AreaNotifiers = NotifierFor & { readonly secrets: SecretBox };

/** Always fails: the area's saved secret cannot be opened (the installation secret changed). */
const unreadable: Notifier = {
  send: async () => {
    throw new SendFailure('settings_unreadable');
  },
};

/**
 * Each area's notifier, from its settings. The settings row is read on every call (one small query),
 * so a change takes effect at once on every instance; the transport built from it is kept until the
 * settings' version changes, so secrets are decrypted once per version, not once per message.
 */
export function areaNotifiers(db: Db, secret: string, options: { fallback?: Notifier; notifyBaseUrl?: string } = {}): AreaNotifiers {
  const box = secretBox(secret);
  const fallback = options.fallback ?? outboxNotifier(db);
  const baseUrl = options.notifyBaseUrl ?? NOTIFY_PRODUCTION_URL;
  const built = new Map<string, { version: number; notifier: Notifier; close?: () => void }>();

  const build = (areaId: string, s: settingsRepo.StoredSettings): { notifier: Notifier; close?: () => void } => {
    try {
      if (s.transport === 'notify') {
        if (!s.notifyApiKeySealed) return { notifier: unreadable };
        const apiKey = box.open(areaId, 'notify_api_key', s.notifyApiKeySealed);
        return { notifier: recorded(db, notifyNotifier({ baseUrl, apiKey, emailTemplateId: s.notifyEmailTemplateId, smsTemplateId: s.notifySmsTemplateId })) };
      }
      const password = s.smtpPasswordSealed ? box.open(areaId, 'smtp_password', s.smtpPasswordSealed) : '';
      const smtp = smtpNotifier({ host: s.smtpHost, port: s.smtpPort, secure: s.smtpSecure, user: s.smtpUser, password, from: s.emailFrom });
      return { notifier: recorded(db, smtp), close: smtp.close };
    } catch (error) {
      if (error instanceof SecretUnreadableError) return { notifier: unreadable };
      throw error;
    }
  };

  const notifierFor: NotifierFor = async (areaId) => {
    const settings = await withArea(db, areaId, (tx) => settingsRepo.findSettings(tx, areaId));
    if (!settings || settings.transport === 'outbox') return fallback;
    const cached = built.get(areaId);
    if (cached && cached.version === settings.version) return cached.notifier;
    cached?.close?.();
    const fresh = build(areaId, settings);
    built.set(areaId, { version: settings.version, ...fresh });
    return fresh.notifier;
  };
  return Object.assign(notifierFor, { secrets: box });
}

/** The secret box of app.notifierFor, when it was built by areaNotifiers (tests may pass their own). */
export function secretsOf(notifierFor: NotifierFor): SecretBox | undefined {
  return (notifierFor as Partial<AreaNotifiers>).secrets;
}

export function listOutbox(db: Db, limit = 100): Promise<repo.OutboxMessage[]> {
  return repo.listRecent(db, limit);
}
