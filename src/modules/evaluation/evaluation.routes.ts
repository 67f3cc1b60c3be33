/**
 * The evaluation module (issue 13): was it real co-production, what did it change, and who was
 * missing? One plugin per part, each in its own file; this one registers them and serves the two
 * hub pages that lead to them: the area's (from the manage dashboard) and an activity's.
 */
import type { FastifyInstance } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { getActivity } from '../activities/activities.service.ts';
import laddersRoutes from './ladders.routes.ts';
import ratingsRoutes from './ratings.routes.ts';
import lundyRoutes from './lundy.routes.ts';
import charterAssessmentRoutes from './charter-assessment.routes.ts';
import impactRoutes from './impact.routes.ts';
import representationRoutes from './representation.routes.ts';

export default async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  app.get('/a/:area/manage/evaluation', { config: { access: { action: 'evaluation.view' } } }, async (request, reply) => {
    const area = request.area!;
    const actor = request.actor;
    const may = (action: Parameters<typeof can>[1]) => can(actor, action, { areaId: area.id, anyOrganisation: true });
    return reply.page('evaluation/views/hub/area.njk', {
      title: request.t('evaluation.hub.title'),
      backLink: `/a/${area.slug}/manage`,
      settings: may('evaluation.settings'),
      population: may('population.manage'),
    });
  });

  app.get<{ Params: { activityId: string } }>(
    '/a/:area/activities/:activityId/evaluation',
    { config: { access: { action: 'evaluation.view' } } },
    async (request, reply) => {
      const area = request.area!;
      const activity = await getActivity(db, area.id, request.params.activityId);
      return reply.page('evaluation/views/hub/activity.njk', {
        title: request.t('evaluation.hub.activityTitle', { activity: activity.title }),
        backLink: `/a/${area.slug}/activities/${activity.id}`,
        activity,
        rate: can(request.actor, 'evaluation.rate', { areaId: area.id, organisationId: activity.organisationId }),
      });
    },
  );

  await app.register(laddersRoutes);
  await app.register(ratingsRoutes);
  await app.register(lundyRoutes);
  await app.register(charterAssessmentRoutes);
  await app.register(impactRoutes);
  await app.register(representationRoutes);
}
