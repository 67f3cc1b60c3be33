/**
 * Prepares a database for Chorus: creates it if needed, runs migrations as the owner, and gives the
 * app its own login role that owns nothing and cannot bypass row-level security.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

function ownerDb(connectionString: string): Kysely<any> {
  const pool = new pg.Pool({ connectionString, max: 2, application_name: 'chorus-migrate' });
  // A connection dropped while checked out must fail its query, not crash the process (see db.ts).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
}

/** Creates the database named in url if it does not exist, connecting to `postgres` to do it. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  client.on('error', () => {});
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(name)} encoding 'UTF8' template template0`);
    }
  } finally {
    await client.end();
  }
}

export async function migrateToLatest(ownerUrl: string): Promise<string[]> {
  const db = ownerDb(ownerUrl);
  try {
    const migrator = new Migrator({ db, provider });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}

/**
 * Gives chorus_app a password kept in an owner-only table, and returns the URL the app connects with.
 * The password only changes when the stored one no longer works, so several instances agree.
 */
export async function appRoleUrl(ownerUrl: string): Promise<string> {
  const db = ownerDb(ownerUrl);
  try {
    let secret = (await sql<{ value: string }>`select value from installation_secret where name = 'app_role_password'`.execute(db)).rows[0]?.value;
    if (!secret) {
      secret = randomBytes(24).toString('hex');
      await sql`insert into installation_secret (name, value) values ('app_role_password', ${secret}) on conflict (name) do nothing`.execute(db);
      secret = (await sql<{ value: string }>`select value from installation_secret where name = 'app_role_password'`.execute(db)).rows[0]!.value;
    }
    const url = new URL(ownerUrl);
    url.username = 'chorus_app';
    url.password = secret;
    if (!(await canConnect(url.toString()))) {
      // Hex only, checked: ALTER ROLE takes no bind parameters.
      if (!/^[0-9a-f]{48}$/.test(secret)) throw new Error('Stored app role password has an unexpected form');
      await sql.raw(`alter role chorus_app with login password '${secret}'`).execute(db);
    }
    return url.toString();
  } finally {
    await db.destroy();
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A random secret kept in the owner-only table, created on first use; every instance reads the same. */
export async function installationSecret(ownerUrl: string, name: string): Promise<string> {
  const db = ownerDb(ownerUrl);
  try {
    await sql`insert into installation_secret (name, value) values (${name}, ${randomBytes(32).toString('hex')}) on conflict (name) do nothing`.execute(db);
    return (await sql<{ value: string }>`select value from installation_secret where name = ${name}`.execute(db)).rows[0]!.value;
  } finally {
    await db.destroy();
  }
}

/** Everything needed before the app starts: database, migrations, app role, the signing secret. */
export async function prepareDatabase(ownerUrl: string, appUrl?: string): Promise<{ appUrl: string; applied: string[]; secret: string }> {
  await ensureDatabase(ownerUrl);
  const applied = await migrateToLatest(ownerUrl);
  return { appUrl: appUrl ?? (await appRoleUrl(ownerUrl)), applied, secret: await installationSecret(ownerUrl, 'cookie_secret') };
}
