/**
 * The published reports anyone can read (issue 14 §3): the list, a report as a web page (printable,
 * with its downloads) and its easy-read version; and the staff preview of any report's easy-read
 * version. Public pages show published reports only, from their frozen snapshot: a draft, another
 * area's report or an unknown id is the friendly "page not found".
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import type { ReportDocument } from './document.ts';
import { formatPeriod } from './format.ts';
import type { ReportsOptions } from './reports.routes.ts';
import * as reports from './reports.service.ts';

const publicRoute = { config: { access: 'public' as const } };
const view = { config: { access: { action: 'report.view' as const } } };
const D = 'reports.document.';

function reportIdOf(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown>).reportId;
  if (!isId(id)) throw new NotFoundError('report');
  return id;
}

const langOf = (request: FastifyRequest): 'en' | 'cy' => (request.lang === 'cy' ? 'cy' : 'en');

export default async function publicRoutes(app: FastifyInstance, options: ReportsOptions): Promise<void> {
  const { db } = app;
  const { sections } = options;
  const listUrl = (request: FastifyRequest) => `/a/${request.area!.slug}/reports`;
  const reportUrl = (request: FastifyRequest, reportId: string) => `${listUrl(request)}/${reportId}`;

  const published = async (request: FastifyRequest): Promise<ReportDocument> => reports.publishedDocument(db, request.area!.id, reportIdOf(request));

  app.get('/a/:area/reports', publicRoute, async (request, reply) => {
    const rows = await reports.listPublishedReports(db, request.area!.id);
    const lang = langOf(request);
    return reply.page('reports/views/document/list.njk', {
      title: request.t(`${D}list.title`),
      backLink: `/a/${request.area!.slug}`,
      reports: rows.map((r) => ({ ...r, href: reportUrl(request, r.id), period: formatPeriod(r.from, r.to, request.t, lang), kindLabel: request.t(`${D}kind.${r.kind}`) })),
    });
  });

  app.get('/a/:area/reports/:reportId', publicRoute, async (request, reply) => {
    const document = await published(request);
    const base = reportUrl(request, document.header.id);
    return reply.page('reports/views/document/report.njk', {
      title: document.header.title,
      backLink: listUrl(request),
      document,
      documentLinks: { easyRead: `${base}/easy-read`, pdf: `${base}/report.pdf`, docx: `${base}/report.docx`, xlsx: `${base}/report.xlsx` },
    });
  });

  app.get('/a/:area/reports/:reportId/easy-read', publicRoute, async (request, reply) => {
    const document = await published(request);
    return reply.page('reports/views/document/easy-read-page.njk', {
      title: request.t(`${D}easyRead.title`, { title: document.header.title }),
      backLink: reportUrl(request, document.header.id),
      document,
      fullLink: reportUrl(request, document.header.id),
    });
  });

  // Staff: how the easy-read version of any report (a draft too) will read.
  app.get('/a/:area/manage/reports/:reportId/easy-read', view, async (request, reply) => {
    const reportId = reportIdOf(request);
    const document = await reports.reportDocumentForStaff(db, sections, request.area!.id, reportId, request.t, langOf(request));
    const staffUrl = `/a/${request.area!.slug}/manage/reports/${reportId}`;
    return reply.page('reports/views/document/easy-read-page.njk', {
      title: request.t(`${D}staffPreviewTitle`, { title: document.header.title }),
      backLink: staffUrl,
      document,
      fullLink: staffUrl,
      preview: true,
    });
  });
}
