/**
 * The only reader of process.env. Everything Chorus can be told from outside is listed here,
 * validated once at boot, and handed down as a plain object.
 */
import path from 'node:path';
import { z } from 'zod';

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
  /** Requests per minute per address before 429 (sign-in failures have their own, stricter limit). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
});

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
  };
}
