/**
 * The panels module (issue 16 §1): one plugin per part, each in its own file.
 * - setup.routes.ts: an activity's panels (interview, grant round, young inspectors), their details.
 * - members.routes.ts: members, the checklist (training, consent, parental consent, conflicts,
 *   ground rules), candidates, young people's personal codes and their way in, time given.
 * - questions.routes.ts: questions written by young people, the bank of past questions.
 * - scoring.routes.ts: the rubric, independent scoring, moderation, the decision, telling back.
 * - grants.routes.ts: the grant round's public form, applicants signed in by a link, awards, outcomes.
 */
import type { FastifyInstance } from 'fastify';
import setupRoutes from './setup.routes.ts';
import membersRoutes from './members.routes.ts';
import questionsRoutes from './questions.routes.ts';
import scoringRoutes from './scoring.routes.ts';
import grantsRoutes from './grants.routes.ts';

export default async function panelsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(setupRoutes);
  await app.register(membersRoutes);
  await app.register(questionsRoutes);
  await app.register(scoringRoutes);
  await app.register(grantsRoutes);
}
