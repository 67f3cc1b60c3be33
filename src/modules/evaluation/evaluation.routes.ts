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
import { activityLevelsSummary } from './ladders.service.ts';
import { lundyScoresFor } from './lundy.service.ts';
import { charterSummary } from './charter-assessment.service.ts';
import { impactSummary } from './impact.service.ts';
import { representationSummary } from './representation.service.ts';

export default async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  app.get('/a/:area/manage/evaluation', { config: { access: { action: 'evaluation.view' } } }, async (request, reply) => {
    const area = request.area!;
    const actor = request.actor;
    const may = (action: Parameters<typeof can>[1]) => can(actor, action, { areaId: area.id, anyOrganisation: true });
    const t = request.t;
    // One line per question, from each part's own summary (each a fixed number of queries).
    const [levels, lundy, charter, impact, representation] = await Promise.all([
      activityLevelsSummary(db, area.id),
      lundyScoresFor(db, area.id),
      charterSummary(db, area.id),
      impactSummary(db, area.id),
      representationSummary(db, area.id),
    ]);
    const summaries = {
      ladder: levels.activities === 0 ? t('evaluation.hub.summary.noActivities') : t('evaluation.hub.summary.ladder', { count: levels.activities, achieved: levels.achieved, disagreements: t('evaluation.hub.summary.disagreements', { count: levels.disagreements }) }),
      lundy: lundy.activitiesChecked === 0 ? t('evaluation.hub.summary.lundyNone') : t('evaluation.hub.summary.lundy', { count: lundy.activityCount, checked: lundy.activitiesChecked, percent: lundy.overall.percent ?? 0 }),
      charter: charter ? t(`evaluation.hub.summary.charter.${charter.status}`, { year: charter.year, count: charter.organisations, finished: charter.finished, differences: t('evaluation.hub.summary.differences', { count: charter.differences }) }) : t('evaluation.hub.summary.charter.none'),
      impact: t('evaluation.hub.summary.impact', { count: impact.activitiesAnswered, paired: impact.pairedSuppressed ? t('evaluation.hub.summary.pairedFew') : t('evaluation.hub.summary.paired', { count: impact.pairedPeople ?? 0 }) }),
      missing: !representation.hasPopulation ? t('evaluation.hub.summary.noPopulation') : t('evaluation.hub.summary.missing', { count: representation.underRepresented }),
    };
    return reply.page('evaluation/views/hub/area.njk', {
      title: request.t('evaluation.hub.title'),
      summaries,
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
