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
import { ANSWER_KINDS, AUDIENCES_FOR, eventsAfter, getInteraction, listInteractions, NOTIFY_CHANNEL, TALLY_CHANNEL, type LiveEvent, type LiveInteraction } from './core.ts';
import { tallyInteraction } from './tally.ts';

/**
 * Votes are not numbered events (core.ts's TALLY_CHANNEL): an answer's transaction notifies this
 * channel with "<session id>:<interaction id>" at commit, and the hub counts that interaction's tally
 * again at most every TALLY_EVERY_MS per session, sending it to the screens and consoles watching as
 * a `tally` event without an id (a tally is state: nothing to resume; a reconnecting screen draws its
 * results from the database).
 */
export const TALLY_EVERY_MS = 250;

export type Viewer = keyof typeof AUDIENCES_FOR;

/** One open stream: the hub calls deliver() with each new event it may see, oldest first. */
export type Watcher = {
  viewer: Viewer;
  deliver: (event: LiveEvent) => void;
};

type Watched = {
  areaId: string;
  /** Interactions whose tally changed since it was last sent, and when it was last sent. */
  dirtyTallies: Set<string>;
  tallyTimer: NodeJS.Timeout | undefined;
  tallySentAt: number;
  /** The tally last sent for each interaction (as JSON), so an unchanged one is not sent again. */
  lastTallies: Map<string, string>;
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
      const entry: Watched = { areaId, watchers: new Set(), lastSeq: 0, reading: false, again: false, ready: Promise.resolve(), dirtyTallies: new Set(), tallyTimer: undefined, tallySentAt: 0, lastTallies: new Map() };
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
    for (const watched of this.sessions.values()) clearTimeout(watched.tallyTimer);
    this.sessions.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private unwatch(sessionId: string, watcher: Watcher): void {
    const watched = this.sessions.get(sessionId);
    if (!watched) return;
    watched.watchers.delete(watcher);
    if (watched.watchers.size === 0) {
      clearTimeout(watched.tallyTimer);
      this.sessions.delete(sessionId);
    }
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
      if (message.channel === TALLY_CHANNEL && message.payload) {
        const [sessionId, interactionId] = message.payload.split(':');
        if (sessionId && interactionId) this.tallyChanged(sessionId, interactionId);
        return;
      }
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      this.counts.notifies += 1;
      const [sessionId, seq] = message.payload.split(':');
      const watched = sessionId ? this.sessions.get(sessionId) : undefined;
      if (watched && Number(seq) > watched.lastSeq) this.read(sessionId!);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}; LISTEN ${TALLY_CHANNEL}`);
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
          // Whatever was committed while nobody listened is read now, after each session's last event,
          // and the open questions' tallies are counted again (sent if they changed).
          for (const sessionId of this.sessions.keys()) {
            this.read(sessionId);
            void this.retallyOpen(sessionId);
          }
        })
        .catch(() => this.scheduleReconnect());
    }, delay);
    this.reconnectTimer.unref();
  }

  private ensurePolling(): void {
    if (this.options.listenUrl || this.pollTimer || this.closed) return;
    this.pollTimer = setInterval(() => {
      for (const sessionId of this.sessions.keys()) {
        this.read(sessionId);
        // Without notifications, the open questions' tallies are counted again (sent only if changed).
        void this.retallyOpen(sessionId);
      }
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

  // ── Tallies (not numbered) ───────────────────────────────────────────────────────────────────

  /** An answer changed this interaction's tally: send it soon, at most every TALLY_EVERY_MS per session. */
  private tallyChanged(sessionId: string, interactionId: string): void {
    const watched = this.sessions.get(sessionId);
    if (!watched || !this.watchesTallies(watched)) return;
    watched.dirtyTallies.add(interactionId);
    if (watched.tallyTimer) return;
    const wait = Math.max(0, watched.tallySentAt + TALLY_EVERY_MS - Date.now());
    watched.tallyTimer = setTimeout(() => {
      watched.tallyTimer = undefined;
      void this.sendTallies(sessionId, watched);
    }, wait);
    watched.tallyTimer.unref();
  }

  /** Tallies go to screens and consoles only (a participant's device never gets one as an event). */
  private watchesTallies(watched: Watched): boolean {
    for (const w of watched.watchers) if (w.viewer !== 'participant') return true;
    return false;
  }

  private async sendTallies(sessionId: string, watched: Watched): Promise<void> {
    const ids = [...watched.dirtyTallies];
    watched.dirtyTallies.clear();
    watched.tallySentAt = Date.now();
    try {
      const counted = await withArea(this.db, watched.areaId, async (tx) => {
        const out: Array<{ interaction: LiveInteraction; tally: unknown }> = [];
        for (const id of ids) {
          const interaction = await getInteraction(tx, watched.areaId, sessionId, id);
          if (interaction) out.push({ interaction, tally: await tallyInteraction(tx, watched.areaId, interaction) });
        }
        return out;
      });
      for (const { interaction, tally } of counted) this.deliverTally(watched, interaction, tally);
    } catch (error) {
      this.options.log?.warn({ err: String(error) }, 'live: could not count a tally');
    }
    // Answers that came while counting: another round (still at most every TALLY_EVERY_MS).
    if (watched.dirtyTallies.size > 0 && this.sessions.get(sessionId) === watched) {
      const again = [...watched.dirtyTallies];
      watched.dirtyTallies.clear();
      for (const id of again) this.tallyChanged(sessionId, id);
    }
  }

  /** Counts every open question's tally again and sends those that changed (polling, reconnecting). */
  private async retallyOpen(sessionId: string): Promise<void> {
    const watched = this.sessions.get(sessionId);
    if (!watched || !this.watchesTallies(watched)) return;
    try {
      const interactions = await withArea(this.db, watched.areaId, (tx) => listInteractions(tx, watched.areaId, sessionId));
      for (const i of interactions) if (i.state === 'open' && ANSWER_KINDS.has(i.kind)) this.tallyChanged(sessionId, i.id);
    } catch (error) {
      this.options.log?.warn({ err: String(error) }, 'live: could not count the tallies again');
    }
  }

  private deliverTally(watched: Watched, interaction: LiveInteraction, tally: unknown): void {
    const json = JSON.stringify(tally);
    if (watched.lastTallies.get(interaction.id) === json) return;
    watched.lastTallies.set(interaction.id, json);
    // As the participate part decides for the numbered ones: the screen sees it once results are shown.
    const audience: LiveAudience = !interaction.resultsHidden || interaction.revealedAt !== null ? 'screen' : 'staff';
    const event: LiveEvent = { seq: 0, kind: 'tally', audience, payload: { interactionId: interaction.id, tally }, createdAt: new Date() };
    for (const watcher of [...watched.watchers]) {
      if (!AUDIENCES_FOR[watcher.viewer].includes(audience)) continue;
      try {
        watcher.deliver(event);
      } catch (error) {
        this.options.log?.warn({ err: String(error) }, 'live: a stream failed');
      }
    }
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
