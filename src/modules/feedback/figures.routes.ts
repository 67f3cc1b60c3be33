/**
 * The lead dashboard for keeping the promise: closure rate, time to feedback, what is overdue and
 * what is not in a theme yet (issue 4 §5), month by month (issue 12), and the same as a CSV file.
 * Counts only, for everyone who runs the area.
 */
import type { FastifyInstance } from 'fastify';
import { can } from '../../lib/authorisation.ts';
import { toCsv } from '../../lib/csv.ts';
import { exportFigures, feedbackDashboard, figuresSheet, monthName } from './figures.service.ts';

export default async function figuresRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  app.get('/a/:area/manage/feedback', { config: { access: { action: 'feedback.figures' } } }, async (request, reply) => {
    const area = request.area!;
    const actor = request.actor;
    const figures = await feedbackDashboard(db, area.id);
    // Links only where the reader may follow them: a practitioner reads views of their own
    // organisation's activities only; themes are for leads and decision makers.
    const canReadViews = (organisationId: string | null) => can(actor, 'contribution.read', { areaId: area.id, organisationId });
    return reply.page('feedback/views/figures/dashboard.njk', {
      title: request.t('feedback.figures.title'),
      backLink: `/a/${area.slug}/manage`,
      figures,
      overdue: figures.overdue.map((a) => ({ ...a, viewsLink: canReadViews(a.organisationId) })),
      themesLink: can(actor, 'theme.view', { areaId: area.id }),
      unthemedLink: can(actor, 'theme.manage', { areaId: area.id }),
      trend: figures.trend.map((m) => ({ ...m, label: monthName(m.month, request.lang) })),
      csvLink: `/a/${area.slug}/manage/feedback/figures.csv`,
    });
  });

  // The same figures as a spreadsheet. A GET link, so it works without JavaScript; audited, as every export is.
  app.get('/a/:area/manage/feedback/figures.csv', { config: { access: { action: 'feedback.figures' } } }, async (request, reply) => {
    const area = request.area!;
    const figures = await exportFigures(db, area.id, request.actor!.accountId);
    const csv = toCsv(figuresSheet(figures, request.t, request.lang));
    // The slug is lower-case letters, digits and hyphens already: safe in the header as it is.
    const fileName = `feedback-figures-${area.slug}-${new Date().toISOString().slice(0, 10)}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(csv);
  });
}
