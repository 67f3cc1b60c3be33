/**
 * A report as PDF, DOCX and XLSX (issue 14 §3), for staff (any state: a draft's figures as they are
 * now) and for anyone (published reports only: the frozen figures). GET links, so they work without
 * JavaScript. A staff download is audited, as every export is; no file is kept by a browser or a
 * proxy for staff (no-store), since a draft changes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { audit } from '../privacy/audit.service.ts';
import type { ReportDocument } from './document.ts';
import { reportFileName } from './formats.blocks.ts';
import { renderDocx } from './formats.docx.ts';
import { renderPdf } from './formats.pdf.ts';
import { renderXlsx } from './formats.xlsx.ts';
import type { ReportsOptions } from './reports.routes.ts';
import { publishedDocument, reportDocumentForStaff } from './reports.service.ts';

export const FORMATS = {
  pdf: { type: 'application/pdf', render: renderPdf },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderDocx },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: renderXlsx },
} as const;
export type ReportFormat = keyof typeof FORMATS;

/** The file of a document in a format, in the report's own language. */
export function renderReport(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
  const lang = doc.header.lang === 'cy' ? 'cy' : 'en';
  return FORMATS[format].render(doc, translator(lang), lang);
}

async function send(reply: FastifyReply, doc: ReportDocument, format: ReportFormat, cache: string): Promise<FastifyReply> {
  const body = await renderReport(doc, format);
  // The file name is lower-case ASCII letters, digits and hyphens: safe in the header as it is.
  return reply.type(FORMATS[format].type).header('Content-Disposition', `attachment; filename="${reportFileName(doc, format)}"`).header('Cache-Control', cache).send(body);
}

export default async function formatsRoutes(app: FastifyInstance, options: ReportsOptions): Promise<void> {
  const { db } = app;
  const { sections } = options;

  for (const format of Object.keys(FORMATS) as ReportFormat[]) {
    app.get(`/a/:area/manage/reports/:reportId/report.${format}`, { config: { access: { action: 'report.view' } } }, async (request: FastifyRequest, reply) => {
      const area = request.area!;
      const { reportId } = request.params as { reportId: string };
      const doc = await reportDocumentForStaff(db, sections, area.id, reportId, request.t, request.lang);
      await withArea(db, area.id, (tx) => audit(tx, area.id, request.actor?.accountId ?? null, 'reports.downloaded', { type: 'report', id: doc.header.id, detail: { format, status: doc.header.status } }));
      return send(reply, doc, format, 'no-store');
    });

    app.get(`/a/:area/reports/:reportId/report.${format}`, { config: { access: 'public' } }, async (request: FastifyRequest, reply) => {
      const area = request.area!;
      const { reportId } = request.params as { reportId: string };
      // A draft, or a report that is not there, is the friendly 404 page (NotFoundError).
      const doc = await publishedDocument(db, area.id, reportId);
      // Published reports are frozen: the same file for everyone, for a while.
      return send(reply, doc, format, 'public, max-age=300');
    });
  }
}
