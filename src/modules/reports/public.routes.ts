/**
 * The published reports anyone can read: the list, a report as a web page (printable) and its easy-read version.
 */
import type { FastifyInstance } from 'fastify';
import type { ReportsOptions } from './reports.routes.ts';

export default async function publicRoutes(_app: FastifyInstance, _options: ReportsOptions): Promise<void> {}
