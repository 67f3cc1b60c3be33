/** Profiles (issue 17 §3), part: "All about me" and "My views for my plan": build, versions, photos, shares, print. */
import type { FastifyInstance } from 'fastify';

export default async function aboutMeRoutes(_app: FastifyInstance): Promise<void> {}
