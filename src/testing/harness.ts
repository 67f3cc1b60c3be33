/**
 * Test support: a fresh migrated database per test file (copied from a template the test command
 * prepared, with or without the demo area), an app built on it with sessions and CSRF on, and a
 * small cookie-keeping client.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config/config.ts';
import { appRoleUrl } from '../db/bootstrap.ts';
import type { Db } from '../db/database.ts';
import { createDb } from '../db/db.ts';
import type { RouteAccess } from '../plugins/auth.ts';
import { seedDemo } from '../seed/seed.ts';

export type TestDb = { db: Db; owner: Kysely<any>; ownerUrl: string; name: string; drop: () => Promise<void> };

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests with \`npm test\`, which prepares the database`);
  return value;
}

/**
 * A new database copied from a template: every test file gets its own. `seeded: true` copies the
 * one the test command seeded with the demo area (CHORUS_TEST_SEEDED_TEMPLATE) instead of the
 * migrated one; `seeded` in the result says which, so a caller without that template seeds itself.
 */
export async function createTestDb(options: { seeded?: boolean } = {}): Promise<TestDb & { seeded: boolean }> {
  const adminUrl = env('CHORUS_TEST_PG_ADMIN');
  const seededTemplate = options.seeded ? process.env.CHORUS_TEST_SEEDED_TEMPLATE : undefined;
  const template = seededTemplate ?? env('CHORUS_TEST_TEMPLATE');
  const name = `chorus_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const ownerUrlObject = new URL(adminUrl);
  ownerUrlObject.pathname = `/${name}`;
  const ownerUrl = ownerUrlObject.toString();
  const db = createDb(await appRoleUrl(ownerUrl), { max: 20 });
  const ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  ownerPool.on('error', () => {});
  const owner = new Kysely<any>({ dialect: new PostgresDialect({ pool: ownerPool }) });
  return {
    db,
    owner,
    ownerUrl,
    name,
    seeded: Boolean(seededTemplate),
    drop: async () => {
      await db.destroy();
      await owner.destroy();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * A fresh database with the demo area in it. Seeding hashes seven passwords and writes a few thousand
 * rows (about 3 s), so the test command seeds once into a template and each file copies it (0.1 s);
 * run any other way, the demo is seeded here.
 */
export async function createSeededTestDb(): Promise<TestDb> {
  const t = await createTestDb({ seeded: true });
  try {
    if (!t.seeded) await seedDemo(t.db, DEMO_PASSWORD);
  } catch (error) {
    await t.drop().catch(() => {});
    throw error;
  }
  return t;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Route tests make thousands of requests from one address: the per-address limit has its own test.
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CHORUS_DEMO: 'true', RATE_LIMIT_PER_MINUTE: '1000000' }), ...overrides };
}

export async function testApp(db: Db, options: { config?: Partial<Config>; routes?: RouteAccess[] } = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config: testConfig(options.config), db, secret: 'test-secret-'.padEnd(64, 'x'), routes: options.routes });
  await app.ready();
  return app;
}

export const DEMO_PASSWORD = 'chorus-demo-password';

/** A fresh database with the demo area seeded and an app on it; close() takes both down. */
export async function seededApp(options: { config?: Partial<Config> } = {}): Promise<{ t: TestDb; app: FastifyInstance; close: () => Promise<void> }> {
  const t = await createSeededTestDb();
  const app = await testApp(t.db, options);
  return {
    t,
    app,
    close: async () => {
      await app.close();
      await t.drop();
    },
  };
}

/**
 * A client that keeps cookies between requests like a browser, and fills in the CSRF token from
 * the last page it saw (as a person submitting the form on that page would).
 */
export class Client {
  cookies = new Map<string, string>();
  lastHtml = '';
  private app: FastifyInstance;
  private headers: Record<string, string>;
  constructor(app: FastifyInstance, headers: Record<string, string> = {}) {
    this.app = app;
    this.headers = headers;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    for (const c of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = response.body;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.remember(response);
    return response;
  }

  /** The CSRF token in the last page seen. */
  csrf(): string {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1] ?? '';
  }

  async post(url: string, form: Record<string, string | string[]> = {}, options: { csrf?: string | false; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrf() : options.csrf;
    if (token !== false) body.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...options.headers },
    });
    this.remember(response);
    return response;
  }

  /** Visits the sign-in page and signs in; throws if it did not work. */
  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 303) throw new Error(`sign-in as ${email} failed: ${response.statusCode}`);
  }
}

/** Latest outbox message to an address (the emails a person would receive). */
export async function lastMessageTo(db: Db, recipient: string): Promise<{ subject: string; body: string } | undefined> {
  return db.selectFrom('outbox_message').select(['subject', 'body']).where('recipient', '=', recipient).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}
