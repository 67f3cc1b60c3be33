/** Placeholder: routes are being written (issue 4). */
import type { FastifyInstance } from 'fastify';

export default async function routes(_app: FastifyInstance): Promise<void> {}
