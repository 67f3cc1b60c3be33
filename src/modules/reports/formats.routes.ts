/**
 * A report as PDF, DOCX and XLSX, for staff (any state) and for anyone (published reports).
 */
import type { FastifyInstance } from 'fastify';
import type { ReportsOptions } from './reports.routes.ts';

export default async function formatsRoutes(_app: FastifyInstance, _options: ReportsOptions): Promise<void> {}
