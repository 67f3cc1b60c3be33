/**
 * Live sessions (issue 15 §3): Server-Sent Events for participants' devices, the big screen and the
 * facilitator's console. Registered by live.routes.ts; the hub (stream.ts) is made in app.ts.
 *
 * - `/a/:area/live/:sessionId/events`: a participant who joined from this browser (their cookie);
 *   events for 'everyone' only. Limited per participant (PARTICIPANT_LIMIT), never per address.
 * - `/a/:area/activities/:activityId/live/:sessionId/events?view=screen|console`: staff who may run
 *   the activity's sessions; the screen gets 'everyone' and 'screen', the console also 'staff'.
 *
 * Every event is `id: <seq>`, `event: <kind>`, `data: <payload as JSON>`. A stream starts after the
 * Last-Event-ID header (a reconnect) or `?after=<seq>` (the seq a page was drawn at): first every
 * event after it, then the live ones, with no gap and none twice (the stream watches the hub BEFORE
 * reading the backlog, and drops any seq it has already sent). A comment every 20 s keeps proxies
 * from closing it. It ends after the session's end is sent, and when the server stops.
 *
 * A request that does not ask for a stream (no `Accept: text/event-stream`: a plain fetch, a test)
 * gets the events so far in the same format and the response ends.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LiveAudience } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can } from '../../lib/authorisation.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { findActivityIn } from '../activities/activities.service.ts';
import { AUDIENCES_FOR, currentParticipant, eventsAfter, getSession, PARTICIPANT_LIMIT, type LiveEvent, type LiveSession } from './core.ts';
import type { Viewer } from './stream.ts';

/** Streams one browser (one participant, one staff account) may hold at once on this instance. */
export const STREAMS_PER_PERSON = 4;
export const HEARTBEAT_MS = 20_000;
/** What EventSource waits before reconnecting (ms). */
export const RETRY_MS = 3000;
/** A client this far behind (bytes not yet taken) is cut off; it reconnects and resumes from its last id. */
const MAX_BUFFERED = 1024 * 1024;
const BACKLOG_PAGE = 500;

type OpenStream = { end: () => void; write: (chunk: string) => void };

/** One event as SSE text; a tally (seq 0: state, not numbered) has no id, so a reconnect resumes after the last numbered one. */
export function formatEvent(event: Pick<LiveEvent, 'seq' | 'kind' | 'payload'>): string {
  return `${event.seq > 0 ? `id: ${event.seq}\n` : ''}event: ${event.kind}\ndata: ${JSON.stringify(event.payload ?? {})}\n\n`;
}

/** Where a stream starts: Last-Event-ID (a reconnect) wins over ?after= (the page's own seq). */
function startingSeq(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const query = (request.query as Record<string, unknown>).after;
  for (const raw of [Array.isArray(header) ? header[0] : header, typeof query === 'string' ? query : undefined]) {
    if (raw !== undefined && /^\d{1,15}$/.test(raw.trim())) return Number(raw.trim());
  }
  return undefined;
}

function endsSession(event: LiveEvent): boolean {
  return event.kind === 'session.state' && (event.payload as { status?: unknown } | null)?.status === 'ended';
}

export default async function streamRoutes(app: FastifyInstance): Promise<void> {
  const open = new Set<OpenStream>();
  const perPerson = new Map<string, number>();

  const heartbeat = setInterval(() => {
    for (const stream of open) stream.write(': still here\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    for (const stream of [...open]) stream.end();
  });

  async function backlog(areaId: string, sessionId: string, after: number, audiences: readonly LiveAudience[]): Promise<LiveEvent[]> {
    const all: LiveEvent[] = [];
    for (;;) {
      const from = all.at(-1)?.seq ?? after;
      const page = await withArea(app.db, areaId, (tx) => eventsAfter(tx, areaId, sessionId, from, audiences, BACKLOG_PAGE));
      all.push(...page);
      if (page.length < BACKLOG_PAGE) return all;
    }
  }

  async function stream(request: FastifyRequest, reply: FastifyReply, session: LiveSession, viewer: Viewer, person: string): Promise<unknown> {
    const audiences = AUDIENCES_FOR[viewer];
    const after = startingSeq(request) ?? session.eventSeq;
    const wantsStream = String(request.headers.accept ?? '').includes('text/event-stream');
    reply.header('Cache-Control', 'no-cache, no-transform').header('X-Accel-Buffering', 'no');

    if (!wantsStream || session.status === 'ended') {
      const events = await backlog(session.areaId, session.id, after, audiences);
      // An ended session with nothing new: 204 tells EventSource to stop reconnecting.
      if (wantsStream && events.length === 0) return reply.code(204).send();
      return reply.type('text/event-stream; charset=utf-8').send(`retry: ${RETRY_MS}\n\n${events.map(formatEvent).join('')}`);
    }
    if (app.draining) return reply.code(503).header('Retry-After', '3').type('text/plain; charset=utf-8').send('Stopping: try again in a moment.');
    const held = perPerson.get(person) ?? 0;
    if (held >= STREAMS_PER_PERSON) return reply.code(429).type('text/plain; charset=utf-8').send(request.t('live.stream.tooMany'));
    perPerson.set(person, held + 1);

    const raw = reply.raw;
    let sent = after;
    let queued: LiveEvent[] | undefined = [];
    let ended = false;
    let unwatch: (() => void) | undefined;
    const self: OpenStream = {
      write: (chunk) => {
        if (ended) return;
        raw.write(chunk);
        if (raw.writableLength > MAX_BUFFERED) self.end();
      },
      end: () => {
        if (ended) return;
        ended = true;
        raw.end();
      },
    };
    const send = (event: LiveEvent) => {
      if (ended) return;
      // A tally (not numbered): sent as it comes.
      if (event.seq === 0) return self.write(formatEvent(event));
      if (event.seq <= sent) return;
      sent = event.seq;
      self.write(formatEvent(event));
      if (endsSession(event)) self.end();
    };
    const cleanUp = () => {
      if (!open.delete(self)) return;
      ended = true;
      unwatch?.();
      const left = (perPerson.get(person) ?? 1) - 1;
      if (left > 0) perPerson.set(person, left);
      else perPerson.delete(person);
    };
    open.add(self);
    raw.on('close', cleanUp);

    reply.hijack();
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    raw.write(`retry: ${RETRY_MS}\n\n`);
    try {
      // Watch first, then read what was missed: nothing falls between the two.
      unwatch = await app.liveHub.watch(session.areaId, session.id, {
        viewer,
        deliver: (event) => (queued ? queued.push(event) : send(event)),
      });
      if (ended) unwatch();
      for (const event of await backlog(session.areaId, session.id, after, audiences)) send(event);
      // Tallies (seq 0) after the numbered ones: a tally is the latest state.
      const waiting = queued.sort((a, b) => (a.seq || Infinity) - (b.seq || Infinity));
      queued = undefined;
      for (const event of waiting) send(event);
    } catch (error) {
      request.log.warn({ err: String(error) }, 'live: a stream could not start');
      self.end();
      cleanUp();
    }
    return reply;
  }

  // ── A participant's device ─────────────────────────────────────────────────────────────────
  app.get<{ Params: { area: string; sessionId: string } }>(
    '/a/:area/live/:sessionId/events',
    { config: { access: 'public', rateLimit: PARTICIPANT_LIMIT }, compress: false },
    async (request, reply) => {
      const area = request.area!;
      const found = await withArea(app.db, area.id, async (tx) => {
        const session = await getSession(tx, area.id, request.params.sessionId);
        return session ? { session, participant: await currentParticipant(tx, request, area.id, session.id) } : undefined;
      });
      if (!found || found.session.status === 'draft') throw new NotFoundError();
      if (!found.participant) throw new ForbiddenError('live.participant');
      return stream(request, reply, found.session, 'participant', `p:${found.participant.id}`);
    },
  );

  // ── The big screen and the console ─────────────────────────────────────────────────────────
  app.get<{ Params: { area: string; activityId: string; sessionId: string }; Querystring: { view?: string } }>(
    '/a/:area/activities/:activityId/live/:sessionId/events',
    { config: { access: { action: 'live.run' } }, compress: false },
    async (request, reply) => {
      const area = request.area!;
      const { activityId, sessionId } = request.params;
      if (!isId(activityId)) throw new NotFoundError();
      const found = await withArea(app.db, area.id, async (tx) => {
        const session = await getSession(tx, area.id, sessionId);
        const activity = session && session.activityId === activityId ? await findActivityIn(tx, area.id, activityId) : undefined;
        return session && activity ? { session, activity } : undefined;
      });
      if (!found) throw new NotFoundError();
      if (!can(request.actor, 'live.run', { areaId: area.id, organisationId: found.activity.organisationId })) throw new ForbiddenError('live.run');
      const viewer: Viewer = request.query.view === 'console' ? 'console' : 'screen';
      return stream(request, reply, found.session, viewer, `a:${request.actor!.accountId}`);
    },
  );
}
