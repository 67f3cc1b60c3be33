/** Recognition (issue 17 §2), part: who came, thanks, overdue thanks, name consent, certificates and "record of what I did". */
import type { FastifyInstance } from 'fastify';

export default async function thanksRoutes(_app: FastifyInstance): Promise<void> {}
