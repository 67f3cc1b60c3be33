/**
 * The only reader of process.env. Everything Chorus can be told from outside is listed here,
 * validated once at boot, and handed down as a plain object.
 */
import path from 'node:path';
import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** GOV.UK Notify API keys are `<key name>-<service id>-<secret>`, the last two UUIDs. */
const NOTIFY_KEY = /^.{0,200}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** An empty variable (FOO= in a .env or compose file) means "not set". */
const optional = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === '' ? undefined : v), inner.optional());

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Public address people use, for links in emails. Defaults to http://localhost:PORT. */
  CHORUS_BASE_URL: optional(z.url()),
  /** A PostgreSQL server you run (15 or newer). When set, Chorus starts no embedded server. */
  DATABASE_URL: optional(z.string()),
  /** Optional: a login role for the app that owns nothing. Chorus manages `chorus_app` when unset. */
  DATABASE_APP_URL: optional(z.string()),
  CHORUS_DATA_DIR: z.string().min(1).default('data'),
  CHORUS_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  CHORUS_DEMO: optional(booleanFlag),
  CHORUS_DEMO_PASSWORD: z.string().min(12, 'CHORUS_DEMO_PASSWORD must be 12 characters or more').default('chorus-demo-password'),
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* so cookies get the Secure flag. */
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /**
   * Requests per minute per address before 429: a brake on floods, sized for a room of 200 people
   * behind one school or youth-club address (about a page every two seconds each, issue 18). Guessing
   * codes, passwords and links has its own, much stricter limits, which this does not loosen.
   */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  /**
   * The installation's own way of sending (invitations, password resets, and every area without
   * settings of its own): GOV.UK Notify, or SMTP, or neither (the built-in outbox, which sends nothing).
   */
  CHORUS_NOTIFY_API_KEY: optional(z.string().trim().regex(NOTIFY_KEY, 'CHORUS_NOTIFY_API_KEY is not a GOV.UK Notify API key (name-serviceid-secret)')),
  CHORUS_NOTIFY_EMAIL_TEMPLATE_ID: optional(z.string().trim().regex(UUID, 'CHORUS_NOTIFY_EMAIL_TEMPLATE_ID must be a template id (a UUID)')),
  CHORUS_NOTIFY_SMS_TEMPLATE_ID: optional(z.string().trim().regex(UUID, 'CHORUS_NOTIFY_SMS_TEMPLATE_ID must be a template id (a UUID)')),
  /** Where GOV.UK Notify is (a proxy in front of it, for example). */
  CHORUS_NOTIFY_BASE_URL: z.url().default('https://api.notifications.service.gov.uk'),
  /** smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS). */
  CHORUS_SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'CHORUS_SMTP_URL must start smtp:// or smtps://' })),
  CHORUS_EMAIL_FROM: optional(z.email('CHORUS_EMAIL_FROM must be an email address')),
  /** Run the scheduled jobs in this instance (every instance may: each job still runs once). */
  CHORUS_JOBS: booleanFlag.default(true),
})
  .superRefine((e, ctx) => {
    if (e.CHORUS_NOTIFY_API_KEY && e.CHORUS_SMTP_URL) ctx.addIssue({ code: 'custom', path: ['CHORUS_SMTP_URL'], message: 'set either CHORUS_NOTIFY_API_KEY or CHORUS_SMTP_URL, not both' });
    if (e.CHORUS_NOTIFY_API_KEY && !e.CHORUS_NOTIFY_EMAIL_TEMPLATE_ID) ctx.addIssue({ code: 'custom', path: ['CHORUS_NOTIFY_EMAIL_TEMPLATE_ID'], message: 'needed with CHORUS_NOTIFY_API_KEY: the id of an email template whose subject is ((subject)) and body ((body))' });
    if (e.CHORUS_SMTP_URL && !e.CHORUS_EMAIL_FROM) ctx.addIssue({ code: 'custom', path: ['CHORUS_EMAIL_FROM'], message: 'needed with CHORUS_SMTP_URL: the address emails come from' });
  });

/** How the installation sends messages of its own. The API key and SMTP password are secrets: never log them. */
export type InstallationTransport =
  | { kind: 'outbox' }
  | { kind: 'notify'; apiKey: string; emailTemplateId: string; smsTemplateId: string }
  | { kind: 'smtp'; url: string; from: string };

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl: string | undefined;
  databaseAppUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  demo: boolean;
  /** True when CHORUS_DEMO was set: with DATABASE_URL the demo is seeded only when asked for. */
  demoExplicit: boolean;
  demoPassword: string;
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  rateLimitPerMinute: number;
  installationTransport: InstallationTransport;
  notifyBaseUrl: string;
  /** Whether this instance runs the scheduler. */
  jobs: boolean;
};

export class ConfigError extends Error {}

/** Reads and validates the environment. Throws ConfigError with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Chorus cannot start: check these settings\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl: (e.CHORUS_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    databaseAppUrl: e.DATABASE_APP_URL,
    dataDir: path.resolve(e.CHORUS_DATA_DIR),
    embeddedPgPort: e.CHORUS_PG_PORT,
    demo: e.CHORUS_DEMO ?? true,
    demoExplicit: e.CHORUS_DEMO !== undefined,
    demoPassword: e.CHORUS_DEMO_PASSWORD,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    installationTransport: e.CHORUS_NOTIFY_API_KEY
      ? { kind: 'notify', apiKey: e.CHORUS_NOTIFY_API_KEY, emailTemplateId: e.CHORUS_NOTIFY_EMAIL_TEMPLATE_ID ?? '', smsTemplateId: e.CHORUS_NOTIFY_SMS_TEMPLATE_ID ?? '' }
      : e.CHORUS_SMTP_URL
        ? { kind: 'smtp', url: e.CHORUS_SMTP_URL, from: e.CHORUS_EMAIL_FROM ?? '' }
        : { kind: 'outbox' },
    notifyBaseUrl: e.CHORUS_NOTIFY_BASE_URL.replace(/\/$/, ''),
    jobs: e.CHORUS_JOBS,
  };
}
