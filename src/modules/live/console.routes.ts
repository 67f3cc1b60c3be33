/**
 * The facilitator console (issue 15 §1): start, move on (Next, Previous, any), open, lock, close,
 * reveal or hide results, end. Every control is a plain form that posts and redirects, with big
 * buttons, so it works on a phone or a tablet, without JavaScript and by keyboard. Each change is
 * one transaction with its event (sessions.service.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConflictError } from '../../lib/errors.ts';
import { makeContributionsSoon } from './contributions.ts';
import { moderationQueue } from './moderation.service.ts';
import { withArea } from '../../db/db.ts';
import { resultModel } from './present.routes.ts';
import { kindName, param, sessionUrls } from './sessions.routes.ts';
import * as sessions from './sessions.service.ts';

const K = 'live.sessions.';
const run = { config: { access: { action: 'live.run' as const } } };

export default async function consoleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  const load = (request: FastifyRequest) => sessions.loadSession(db, request.actor, request.area!.id, param(request, 'activityId'), param(request, 'sessionId'), 'live.run');

  app.get('/a/:area/activities/:activityId/live/:sessionId/console', run, async (request, reply) => {
    const { activity, session, interactions } = await load(request);
    const areaId = request.area!.id;
    const u = sessionUrls(request, activity.id, session.id);
    const index = interactions.findIndex((i) => i.id === session.currentInteractionId);
    const current = interactions[index];
    const snap = await sessions.snapshot(db, areaId, session.id, current ? [current] : []);
    const moderation = await withArea(db, areaId, (tx) => moderationQueue(tx, areaId, session.id));
    return reply.page('live/views/sessions/console.njk', {
      title: request.t(`${K}console.title`),
      activity,
      session: { ...session, statusText: request.t(`${K}status.${session.status}`) },
      current: current ? { ...resultModel(request, current, snap), number: index + 1, kindName: kindName(request, current.kind), stateText: request.t(`${K}state.${current.state}`), resultsHidden: current.resultsHidden } : null,
      previous: index > 0 ? interactions[index - 1]!.id : '',
      next: index >= 0 && index < interactions.length - 1 ? interactions[index + 1]!.id : (index < 0 && interactions[0] ? interactions[0].id : ''),
      all: interactions.map((i, n) => ({ value: i.id, text: `${n + 1}. ${i.prompt}`, selected: i.id === session.currentInteractionId })),
      total: interactions.length,
      participants: request.t(`${K}present.joined`, { count: snap.participants.people }),
      moderation,
      liveJs: app.assetUrl('live.js'),
      urls: u,
      action: `${u.console}`,
      backLink: u.session,
    });
  });

  const ACTIONS = new Set(['start', 'end', 'go', 'open', 'lock', 'close', 'reveal', 'hide']);

  app.post('/a/:area/activities/:activityId/live/:sessionId/console', run, async (request, reply) => {
    const { activity, session, interactions } = await load(request);
    const areaId = request.area!.id;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = typeof body.action === 'string' && ACTIONS.has(body.action) ? body.action : '';
    const target = typeof body.interactionId === 'string' ? interactions.find((i) => i.id === body.interactionId) : undefined;
    const back = sessionUrls(request, activity.id, session.id).console;
    try {
      switch (action) {
        case 'start':
          await sessions.startSession(db, request.actor!.accountId, areaId, session.id);
          break;
        case 'end':
          await sessions.endSession(db, request.actor!.accountId, areaId, session.id);
          // Every answer becomes a contribution now, not at the minute job's next run (which still
          // makes them if this fails or the instance stops first; both add each one once).
          makeContributionsSoon(db, areaId, session.id, (error) => request.log.error({ err: error }, 'live contributions'));
          break;
        case 'go':
          if (!target) return reply.flash(request.t(`${K}console.pick`)).redirect(back, 303);
          await sessions.goTo(db, areaId, session.id, target.id);
          break;
        case 'open':
        case 'lock':
        case 'close':
        case 'reveal':
        case 'hide':
          if (!target) return reply.redirect(back, 303);
          await sessions.changeInteraction(db, areaId, session.id, target.id, action);
          break;
        default:
          return reply.redirect(back, 303);
      }
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return reply.flash(request.t(`${K}console.stale`)).redirect(back, 303);
    }
    return reply.flash(request.t(`${K}console.done.${action}`, { prompt: target?.prompt ?? '' })).redirect(back, 303);
  });
}
