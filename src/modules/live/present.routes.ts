/**
 * The big screen (issue 15 §1) and the results page. The screen shows the join address, code and QR
 * code always, and the current interaction with its results as they come. Without JavaScript it
 * reloads itself every 5 seconds; with it the stream part's script refetches the results region
 * (`#live-results`, from …/present/fragment) on each event.
 *
 * Only shown posts' screened words reach these pages (never original words, never pending, hidden
 * or held posts), and never a nickname: the screen says what was said, not who said it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { symbolSrc } from '../../lib/symbols.ts';
import { readSettings, type LiveInteraction } from './core.ts';
import { joinAddress, joinBase, qrSvg } from './qr.ts';
import { param, sessionUrls, when } from './sessions.routes.ts';
import * as sessions from './sessions.service.ts';
import type { Tally } from './tally.ts';

const K = 'live.sessions.';
const run = { config: { access: { action: 'live.run' as const } } };
const view = { config: { access: { action: 'live.view' as const } } };

/** Scale points as faces (very sad to very happy, as the survey's smiley scale) or stars. */
export const FACES = ['1F622', '1F641', '1F610', '1F642', '1F604'] as const;
const STAR = '2B50';

const percent = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0);

/** An interaction's results as the screens show them (the same model for screen, console, results). */
export function resultModel(request: FastifyRequest, i: LiveInteraction, snap: sessions.Snapshot) {
  const t = request.t;
  const tally: Tally | undefined = snap.tallies.get(i.id);
  const posts = snap.posts.filter((p) => p.interactionId === i.id);
  const base = { id: i.id, kind: i.kind, prompt: i.prompt, symbol: i.symbol ? symbolSrc(i.symbol) : '', state: i.state, shown: sessions.resultsShown(i), closedAt: i.closedAt ? when(request, i.closedAt) : '' };
  const answers = tally && 'answers' in tally ? tally.answers : 0;
  const people = tally && 'people' in tally ? tally.people : 0;
  const counted = { answers, people, answersText: t(`${K}results.answers`, { count: answers }), peopleText: people !== answers ? t(`${K}results.people`, { count: people }) : '' };
  switch (i.kind) {
    case 'choice': {
      const s = readSettings('choice', i.settings);
      const counts = tally?.kind === 'choice' ? tally.counts : {};
      const max = Math.max(0, ...Object.values(counts));
      return { ...base, ...counted, bars: s.options.map((o) => ({ label: o.label, symbol: o.symbol ? symbolSrc(o.symbol) : '', count: counts[o.id] ?? 0, percent: percent(counts[o.id] ?? 0, answers), width: percent(counts[o.id] ?? 0, max), top: max > 0 && counts[o.id] === max })) };
    }
    case 'ranking': {
      const s = readSettings('ranking', i.settings);
      const points = tally?.kind === 'ranking' ? tally.points : {};
      const order = tally?.kind === 'ranking' ? tally.order : s.options.map((o) => o.id);
      const max = Math.max(0, ...Object.values(points));
      return {
        ...base,
        ...counted,
        ranks: order.flatMap((id, n) => {
          const o = s.options.find((x) => x.id === id);
          return o ? [{ place: n + 1, label: o.label, symbol: o.symbol ? symbolSrc(o.symbol) : '', points: points[id] ?? 0, width: percent(points[id] ?? 0, max) }] : [];
        }),
      };
    }
    case 'word_cloud': {
      const words = tally?.kind === 'word_cloud' ? tally.words : [];
      const max = Math.max(1, ...words.map((w) => w.count));
      return { ...base, ...counted, words: words.map((w) => ({ ...w, size: 1 + Math.round(((w.count - 1) / Math.max(1, max - 1)) * 4) })) };
    }
    case 'scale': {
      const s = readSettings('scale', i.settings);
      const counts = tally?.kind === 'scale' ? tally.counts : [0, 0, 0, 0, 0];
      const max = Math.max(0, ...counts);
      return {
        ...base,
        ...counted,
        style: s.style,
        lowLabel: s.lowLabel,
        highLabel: s.highLabel,
        mean: tally?.kind === 'scale' && tally.mean !== null ? tally.mean.toLocaleString(request.lang === 'cy' ? 'cy-GB' : 'en-GB') : '',
        points: counts.map((count, n) => ({
          value: n + 1,
          label: t(`${K}results.point.${s.style}`, { n: n + 1 }),
          symbols: s.style === 'faces' ? [symbolSrc(FACES[n]!)] : s.style === 'stars' ? Array.from({ length: n + 1 }, () => symbolSrc(STAR)) : [],
          count,
          width: percent(count, max),
        })),
      };
    }
    case 'qanda':
      return { ...base, posts: [...posts].sort((a, b) => b.votes - a.votes).map((p) => ({ text: p.shownText, symbol: p.symbol ? symbolSrc(p.symbol) : '', votes: p.votes })) };
    case 'open_text':
      return { ...base, posts: posts.map((p) => ({ text: p.shownText, symbol: p.symbol ? symbolSrc(p.symbol) : '', colour: p.colour })) };
    case 'board': {
      const s = readSettings('board', i.settings);
      const known = new Set(s.columns.map((c) => c.key));
      const note = (p: (typeof posts)[number]) => ({ text: p.shownText, symbol: p.symbol ? symbolSrc(p.symbol) : '', colour: p.colour, votes: p.votes, cluster: p.clusterId ? (snap.clusters.get(p.clusterId) ?? '') : '' });
      const columns = s.columns.map((c) => ({ title: c.title, colour: c.colour, notes: posts.filter((p) => p.columnKey === c.key).map(note) }));
      const loose = posts.filter((p) => !known.has(p.columnKey)).map(note);
      if (loose.length) columns.push({ title: t(`${K}results.otherNotes`), colour: 'yellow', notes: loose });
      return { ...base, columns, noteCount: posts.length };
    }
  }
}

export default async function presentRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  // The configured address when one was set; the default (localhost) is no use to phones in a room.
  const configured = /^http:\/\/localhost(:\d+)?$/.test(app.config.baseUrl) ? undefined : app.config.baseUrl;

  const load = (request: FastifyRequest, action: 'live.run' | 'live.view') =>
    sessions.loadSession(db, request.actor, request.area!.id, param(request, 'activityId'), param(request, 'sessionId'), action);

  /** The screen's model: the session, the current interaction and its results. */
  async function screen(request: FastifyRequest) {
    const loaded = await load(request, 'live.run');
    const { session, interactions } = loaded;
    const current = interactions.find((i) => i.id === session.currentInteractionId);
    const snap = await sessions.snapshot(db, request.area!.id, session.id, current ? [current] : []);
    const base = joinBase(request, configured);
    const number = current ? interactions.indexOf(current) + 1 : 0;
    return {
      loaded,
      model: {
        session: { title: session.title, status: session.status, code: session.joinCode, codeSpaced: `${session.joinCode.slice(0, 3)} ${session.joinCode.slice(3)}` },
        joinAt: base.replace(/^https?:\/\//, ''),
        qr: await qrSvg(joinAddress(base, session.joinCode), request.t(`${K}present.qrLabel`, { address: joinAddress(base, session.joinCode).replace(/^https?:\/\//, '') })),
        result: current ? resultModel(request, current, snap) : null,
        progress: current ? request.t(`${K}present.progress`, { n: number, total: interactions.length }) : '',
        participants: request.t(`${K}present.joined`, { count: snap.participants.people }),
        // The board part's own big-screen view, when the current interaction is a board.
        boardHref: current?.kind === 'board' ? sessionUrls(request, loaded.activity.id, session.id).board(current.id) : '',
      },
    };
  }

  const renderScreen = async (request: FastifyRequest, reply: FastifyReply, template: string) => {
    const { loaded, model } = await screen(request);
    const u = sessionUrls(request, loaded.activity.id, loaded.session.id);
    return reply.page(template, {
      title: request.t(`${K}present.title`, { title: loaded.session.title }),
      ...model,
      fragmentHref: `${u.present}/fragment`,
      // The stream part's events and script: the screen follows them instead of reloading.
      eventsHref: `${u.session}/events`,
      eventSeq: loaded.session.eventSeq,
      liveJs: app.assetUrl('live.js'),
    });
  };

  app.get('/a/:area/activities/:activityId/live/:sessionId/present', run, (request, reply) => renderScreen(request, reply, 'live/views/sessions/present.njk'));
  app.get('/a/:area/activities/:activityId/live/:sessionId/present/fragment', run, (request, reply) => renderScreen(request, reply, 'live/views/sessions/present-fragment.njk'));

  app.get('/a/:area/activities/:activityId/live/:sessionId/results', view, async (request, reply) => {
    const { activity, session, interactions } = await load(request, 'live.view');
    const snap = await sessions.snapshot(db, request.area!.id, session.id, interactions);
    const u = sessionUrls(request, activity.id, session.id);
    return reply.page('live/views/sessions/results.njk', {
      title: request.t(`${K}results.title`, { title: session.title }),
      activity,
      session: { title: session.title, status: request.t(`${K}status.${session.status}`), started: session.startedAt ? when(request, session.startedAt) : '', ended: session.endedAt ? when(request, session.endedAt) : '' },
      running: session.status === 'running',
      // The events stream is for those who run the session (live.run); a decision maker reloads.
      canFollow: session.status === 'running' && can(request.actor, 'live.run', { areaId: request.area!.id, organisationId: activity.organisationId }),
      eventsHref: `${u.session}/events`,
      eventSeq: session.eventSeq,
      liveJs: app.assetUrl('live.js'),
      participants: request.t(`${K}present.joined`, { count: snap.participants.people }),
      results: interactions.map((i) => resultModel(request, i, snap)),
      contributionsHref: u.contributions,
      backLink: u.activity,
    });
  });
}
