/**
 * Demo data for issue 13: the participants' own ratings.
 *
 * - The children's survey: 16 of its 24 young people rated it on the thank-you page, most of them
 *   "Grown-ups asked us what we think" (consult). The ladders part seeds staff's achieved level for
 *   the same survey as co-design, so the demo shows the two disagreeing.
 * - The parent carers' survey: 20 of its responses rated it, most "Professionals asked us" or
 *   "Professionals decided everything".
 * - The Local Offer workshop: an open code for the day, in parent carers' words.
 */
import type { Db } from '../db/database.ts';
import { translator } from '../lib/messages/messages.ts';
import { findActivity, listActivities } from '../modules/activities/activities.service.ts';
import { createRatingLink, rateResponse } from '../modules/evaluation/index.ts';
import type { DemoActivities } from './seed-activities.ts';
import type { EvaluationSeedIds } from './seed-evaluation.ts';
import { submittedResponses } from './demo-sql.ts';

type Step = Parameters<typeof rateResponse>[2]['step'];

/** How many responses chose each step, given to the first responses in order. */
const CHILDREN_RATINGS: ReadonlyArray<[Step, number]> = [
  ['asked_us', 10],
  ['decided_together', 3],
  ['decided_for_us', 2],
  ['we_led', 1],
];

const PARENT_RATINGS: ReadonlyArray<[Step, number]> = [
  ['asked_us', 9],
  ['decided_for_us', 7],
  ['decided_together', 3],
  ['we_led', 1],
];

async function rateSurvey(db: Db, areaId: string, activityId: string, ratings: ReadonlyArray<[Step, number]>): Promise<void> {
  const activity = await findActivity(db, areaId, activityId);
  if (!activity) throw new Error('demo survey not found');
  const responses = await submittedResponses(db, areaId, activityId);
  const steps = ratings.flatMap(([step, n]) => Array.from({ length: n }, () => step));
  if (responses.length < steps.length) throw new Error(`the demo survey has ${responses.length} responses, fewer than the ${steps.length} ratings`);
  // Spread over the responses (every third one first), as people who chose to answer the last question.
  const order = responses.map((_, i) => i).sort((a, b) => (a % 3) - (b % 3) || a - b);
  const t = translator('en');
  for (const [i, step] of steps.entries()) {
    await rateResponse(db, areaId, { responseId: responses[order[i]!]!.id, activityId, step, activity }, t);
  }
}

export async function seedDemoRatings(db: Db, areaId: string, activities: DemoActivities, ids: EvaluationSeedIds, now: Date): Promise<void> {
  await rateSurvey(db, areaId, activities.childrenSurveyId, CHILDREN_RATINGS);
  await rateSurvey(db, areaId, activities.parentSurveyId, PARENT_RATINGS);
  const workshop = (await listActivities(db, areaId)).find((a) => a.type === 'workshop');
  if (workshop) await createRatingLink(db, areaId, ids.leadId, workshop.id, 'parent_carers', now);
}
