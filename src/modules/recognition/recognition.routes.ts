/**
 * The recognition module (issue 17 §2): one plugin per part, each in its own file.
 * - rewards.routes.ts: budgets, rules ("£10 voucher per event attended"), rewards proposed after an
 *   activity, approved in bulk, issued (voucher codes shown to the person) and received.
 * - thanks.routes.ts: who came, thanks, what is overdue, consent to use a name, certificates, a
 *   person's "record of what I did", the area's deadline for thanks.
 */
import type { FastifyInstance } from 'fastify';
import rewardsRoutes from './rewards.routes.ts';
import thanksRoutes from './thanks.routes.ts';

export default async function recognitionRoutes(app: FastifyInstance): Promise<void> {
  await app.register(rewardsRoutes);
  await app.register(thanksRoutes);
}
