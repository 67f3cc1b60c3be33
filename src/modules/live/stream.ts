/**
 * The live hub (issue 15 §3): one per instance. It holds ONE dedicated PostgreSQL connection (not
 * from the pool) that LISTENs on core.ts's NOTIFY_CHANNEL; appendEvent's NOTIFY reaches every
 * instance at commit with "<session id>:<seq>". For each session someone here is watching, the hub
 * reads the new events once (coalesced: one read per session however many notifies arrived
 * meanwhile) and hands each to the watchers whose audience may see it (AUDIENCES_FOR).
 *
 * Instances keep nothing but who is connected: every event comes from live_event, so a screen on
 * instance B sees a vote made on instance A, and a reconnect anywhere resumes from its last id.
 *
 * - If the listening connection drops (database restarted, network), the hub connects again with a
 *   backoff and then reads every watched session's events after the last one it handed out, so
 *   nothing committed while it was deaf is missed.
 * - Without a database address (test apps built on a pool only), it reads watched sessions every
 *   half second instead of listening: slower, same events, same order.
 */
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Db, LiveAudience } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { AUDIENCES_FOR, eventsAfter, NOTIFY_CHANNEL, type LiveEvent } from './core.ts';

export type Viewer = keyof typeof AUDIENCES_FOR;

/** One open stream: the hub calls deliver() with each new event it may see, oldest first. */
export type Watcher = {
  viewer: Viewer;
  deliver: (event: LiveEvent) => void;
};

type Watched = {
  areaId: string;
  watchers: Set<Watcher>;
  /** The last event handed out (or, at first, the session's last event when watching began). */
  lastSeq: number;
  /** A read is running; `again` asks for one more when it ends (a notify arrived meanwhile). */
  reading: boolean;
  again: boolean;
  /** Resolves once lastSeq is known. */
  ready: Promise<void>;
};

export type LiveHubOptions = {
  /** The app's database address, for the one listening connection; without it the hub polls. */
  listenUrl?: string | undefined;
  log?: FastifyBaseLogger | undefined;
  /** How often to poll without a listening connection (ms). */
  pollMs?: number;
};

const READ_LIMIT = 500;
const ALL_AUDIENCES: readonly LiveAudience[] = AUDIENCES_FOR.console;
const RECONNECT_MS = [250, 500, 1000, 2000, 5000];

export class LiveHub {
  private readonly db: Db;
  private readonly options: LiveHubOptions;
  private readonly sessions = new Map<string, Watched>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private attempts = 0;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  /** Notifies received, and reads made (for the bench and the tests: coalescing at work). */
  readonly counts = { notifies: 0, reads: 0, reconnects: 0 };

  constructor(db: Db, options: LiveHubOptions = {}) {
    this.db = db;
    this.options = options;
  }

  /** Whether this hub listens (true) or polls (false). */
  get listening(): boolean {
    return Boolean(this.options.listenUrl);
  }

  /**
   * Starts handing this watcher the session's events. Resolves once the hub knows where the session
   * is: every event committed before it resolves is in live_event for the caller's own backlog read,
   * and every later one reaches deliver() (some may reach both: callers drop seqs already sent).
   */
  async watch(areaId: string, sessionId: string, watcher: Watcher): Promise<() => void> {
    if (this.closed) throw new Error('the live hub is closed');
    await this.ensureListening();
    let watched = this.sessions.get(sessionId);
    if (!watched) {
      const entry: Watched = { areaId, watchers: new Set(), lastSeq: 0, reading: false, again: false, ready: Promise.resolve() };
      entry.ready = this.lastSeqOf(areaId, sessionId).then(
        (seq) => {
          entry.lastSeq = seq;
        },
        (error: unknown) => {
          // The next watcher tries again.
          if (this.sessions.get(sessionId) === entry) this.sessions.delete(sessionId);
          throw error;
        },
      );
      this.sessions.set(sessionId, entry);
      watched = entry;
    }
    if (watched.areaId !== areaId) throw new Error('a session belongs to one area');
    watched.watchers.add(watcher);
    const entry = watched;
    try {
      await entry.ready;
    } catch (error) {
      this.unwatch(sessionId, watcher);
      throw error;
    }
    this.ensurePolling();
    return () => this.unwatch(sessionId, watcher);
  }

  /** How many streams this instance holds (all sessions). */
  get watcherCount(): number {
    let n = 0;
    for (const s of this.sessions.values()) n += s.watchers.size;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pollTimer);
    this.sessions.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private unwatch(sessionId: string, watcher: Watcher): void {
    const watched = this.sessions.get(sessionId);
    if (!watched) return;
    watched.watchers.delete(watcher);
    if (watched.watchers.size === 0) this.sessions.delete(sessionId);
    if (this.sessions.size === 0) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private async lastSeqOf(areaId: string, sessionId: string): Promise<number> {
    return withArea(this.db, areaId, async (tx) => {
      const row = await tx.selectFrom('live_session').select('event_seq').where('area_id', '=', areaId).where('id', '=', sessionId).executeTakeFirst();
      return Number(row?.event_seq ?? 0);
    });
  }

  // ── Listening ───────────────────────────────────────────────────────────────────────────────

  /** Connects the listening connection the first time anyone watches (test apps that never stream open none). */
  private ensureListening(): Promise<void> {
    if (!this.options.listenUrl || this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.listenUrl, application_name: 'chorus-live' });
    // A dropped connection emits 'error' then 'end'; either way, listen again.
    client.on('error', (error) => {
      // Once closed, the database stopping too is expected (server.ts stops it next).
      if (!this.closed) this.options.log?.warn({ err: error.message }, 'live: the listening connection failed');
    });
    client.on('end', () => {
      if (this.client === client) this.client = undefined;
      if (!this.closed) this.scheduleReconnect();
    });
    client.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      this.counts.notifies += 1;
      const [sessionId, seq] = message.payload.split(':');
      const watched = sessionId ? this.sessions.get(sessionId) : undefined;
      if (watched && Number(seq) > watched.lastSeq) this.read(sessionId!);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.attempts = 0;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = RECONNECT_MS[Math.min(this.attempts, RECONNECT_MS.length - 1)]!;
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect()
        .then(() => {
          this.counts.reconnects += 1;
          this.options.log?.info('live: listening again');
          // Whatever was committed while nobody listened is read now, after each session's last event.
          for (const sessionId of this.sessions.keys()) this.read(sessionId);
        })
        .catch(() => this.scheduleReconnect());
    }, delay);
    this.reconnectTimer.unref();
  }

  private ensurePolling(): void {
    if (this.options.listenUrl || this.pollTimer || this.closed) return;
    this.pollTimer = setInterval(() => {
      for (const sessionId of this.sessions.keys()) this.read(sessionId);
    }, this.options.pollMs ?? 500);
    this.pollTimer.unref();
  }

  // ── Reading and handing out ─────────────────────────────────────────────────────────────────

  /** Reads a session's new events once, however many notifies ask for it while a read runs. */
  private read(sessionId: string): void {
    const watched = this.sessions.get(sessionId);
    if (!watched) return;
    if (watched.reading) {
      watched.again = true;
      return;
    }
    watched.reading = true;
    watched.again = false;
    void watched.ready
      .then(() => this.readOnce(sessionId, watched))
      .catch((error: unknown) => {
        // The database is away: the reconnect (or the next poll, or the next notify) reads again.
        this.options.log?.warn({ err: String(error) }, 'live: could not read new events');
        if (this.listening && this.client) setTimeout(() => this.read(sessionId), 1000).unref();
      })
      .finally(() => {
        watched.reading = false;
        if (watched.again && this.sessions.get(sessionId) === watched) this.read(sessionId);
      });
  }

  private async readOnce(sessionId: string, watched: Watched): Promise<void> {
    for (;;) {
      this.counts.reads += 1;
      const events = await withArea(this.db, watched.areaId, (tx) => eventsAfter(tx, watched.areaId, sessionId, watched.lastSeq, ALL_AUDIENCES, READ_LIMIT));
      for (const event of events) {
        if (event.seq <= watched.lastSeq) continue;
        watched.lastSeq = event.seq;
        for (const watcher of [...watched.watchers]) {
          if (!AUDIENCES_FOR[watcher.viewer].includes(event.audience)) continue;
          try {
            watcher.deliver(event);
          } catch (error) {
            this.options.log?.warn({ err: String(error) }, 'live: a stream failed');
          }
        }
      }
      if (events.length < READ_LIMIT) return;
    }
  }
}
