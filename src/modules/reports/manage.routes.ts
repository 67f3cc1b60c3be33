/**
 * Staff pages: the list of reports, making one, its parts, writing commentary, review, approval, publishing, history; and the page where a forum's writer writes their part.
 */
import type { FastifyInstance } from 'fastify';
import type { ReportsOptions } from './reports.routes.ts';

export default async function manageRoutes(_app: FastifyInstance, _options: ReportsOptions): Promise<void> {}
