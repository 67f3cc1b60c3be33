/**
 * Survey results and exports for staff:
 *   GET  /a/:area/activities/:activityId/results  counts, percentages, charts (small numbers hidden
 *                                                  unless the viewer runs the activity);
 *        ?group=age:8_11  one group's answers;  ?by=age  each question compared across groups
 *                                                  (both GET forms: they work without JavaScript, and
 *                                                  the address keeps the choice to share or come back to)
 *   GET  /a/:area/activities/:activityId/export   choose a file format (and, for leads, personal details)
 *   POST /a/:area/activities/:activityId/export   the file itself, audited
 *
 * The route gate checks the role; the service loads the activity and checks its organisation.
 * The download answers the POST directly (no redirect): a file is not a page to come back to, and
 * POST with the CSRF token means no link on another site can start an export.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, type AreaAction } from '../../lib/authorisation.ts';
import { errorState, parseForm, type FormState } from '../../lib/form-errors.ts';
import * as results from './results.service.ts';

const needs = (action: AreaAction) => ({ config: { access: { action } } });
const activityParam = (request: FastifyRequest) => String((request.params as { activityId?: unknown }).activityId ?? '');
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

const exportForm = z.object({
  format: z.preprocess(text, z.enum(['csv', 'xlsx'], 'surveys.results.export.formatMissing')),
  // A checkbox: ticked sends "yes"; anything else (missing, repeated, tampered) is not a yes.
  personal: z.preprocess((v) => [v].flat().includes('yes'), z.boolean()),
});

export default async function resultsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const activityUrl = (request: FastifyRequest, id: string) => `/a/${request.area!.slug}/activities/${id}`;

  app.get('/a/:area/activities/:activityId/results', needs('activity.view'), async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    // A repeated parameter is not a choice from the form: joined, it matches no group, so the service says it is invalid.
    const param = (value: unknown) => (Array.isArray(value) ? value.map(String).join(',') : text(value)) || undefined;
    const view = { group: param(query.group), by: param(query.by) };
    const page = await results.getResults(db, request.actor, request.area!.id, activityParam(request), view);
    const url = activityUrl(request, page.activity.id);
    const t = request.t;
    const invalid = page.invalid ? errorState(page.invalid === 'both' ? { group: t('surveys.results.groups.chooseOne') } : { [page.invalid]: t(`surveys.results.groups.${page.invalid}Missing`) }) : null;
    return reply.page('surveys/views/results/results.njk', {
      title: t('surveys.results.title', { activity: page.activity.title }),
      backLink: url,
      activity: page.activity,
      canExport: page.canExport,
      results: results.presentResults(page.results, request.t, request.lang),
      groups: results.presentGroups(page, t, request.lang),
      errors: invalid?.errors,
      errorSummary: invalid?.errorSummary,
      resultsUrl: `${url}/results`,
      // Only those who may read the views get the link to them (area admins see numbers only).
      contributionsUrl: can(request.actor, 'contribution.read', { areaId: request.area!.id, organisationId: page.activity.organisationId }) ? `${url}/contributions` : null,
      exportUrl: `${url}/export`,
    }, invalid ? 422 : 200);
  });

  const renderExport = async (request: FastifyRequest, reply: FastifyReply, form?: Extract<FormState<unknown>, { ok: false }>) => {
    const page = await results.getExportPage(db, request.actor, request.area!.id, activityParam(request));
    const url = activityUrl(request, page.activity.id);
    return reply.page(
      'surveys/views/results/export.njk',
      {
        title: request.t('surveys.results.export.title'),
        backLink: `${url}/results`,
        activity: page.activity,
        submitted: page.submitted,
        canIncludePersonal: page.canIncludePersonal,
        action: `${url}/export`,
        values: form?.values ?? {},
        errors: form?.errors,
        errorSummary: form?.summary,
      },
      form ? 422 : 200,
    );
  };

  app.get('/a/:area/activities/:activityId/export', needs('response.export'), (request, reply) => renderExport(request, reply));

  app.post('/a/:area/activities/:activityId/export', needs('response.export'), async (request, reply) => {
    const form = parseForm(exportForm, request.body, request.t);
    if (!form.ok) return renderExport(request, reply, form);
    const file = await results.exportResponses(db, request.actor!, request.area!.id, activityParam(request), form.data, request.t, request.lang);
    return reply
      .code(200)
      .type(file.contentType)
      .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(file.body);
  });
}
