/** Recognition (issue 17 §2), part: budgets, reward rules, rewards (vouchers and payments) proposed, approved in bulk, issued and received. */
import type { FastifyInstance } from 'fastify';

export default async function rewardsRoutes(_app: FastifyInstance): Promise<void> {}
