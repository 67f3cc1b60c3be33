/**
 * The live module (issue 15): one plugin per part, each in its own file.
 * - sessions.routes.ts: preparing a session and its interactions, the console, the big screen, results.
 * - participate.routes.ts: joining with a code (/join), ground rules, answering, the end of a session.
 * - board.routes.ts: the sticky-note board (list view first, canvas on top), clusters, dots, exports.
 * - moderation.routes.ts: what waits for the facilitator, hiding, safeguarding holds.
 * - stream.routes.ts: Server-Sent Events for participants, the big screen and the console.
 */
import type { FastifyInstance } from 'fastify';
import sessionsRoutes from './sessions.routes.ts';
import participateRoutes from './participate.routes.ts';
import boardRoutes from './board.routes.ts';
import moderationRoutes from './moderation.routes.ts';
import streamRoutes from './stream.routes.ts';

export default async function liveRoutes(app: FastifyInstance): Promise<void> {
  await app.register(sessionsRoutes);
  await app.register(participateRoutes);
  await app.register(boardRoutes);
  await app.register(moderationRoutes);
  await app.register(streamRoutes);
}
