/**
 * The profiles module (issue 17 §3): one plugin per part, each in its own file.
 * - about-me.routes.ts: "All about me" one-page profiles and "My views for my plan", their versions,
 *   photos, who they are shared with (revocable), printing.
 * - volunteers.routes.ts: volunteers' and support workers' profiles, choosing who to meet,
 *   introductions and the young person's say on how they went.
 */
import type { FastifyInstance } from 'fastify';
import aboutMeRoutes from './about-me.routes.ts';
import volunteersRoutes from './volunteers.routes.ts';

export default async function profilesRoutes(app: FastifyInstance): Promise<void> {
  await app.register(aboutMeRoutes);
  await app.register(volunteersRoutes);
}
