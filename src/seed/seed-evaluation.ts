/**
 * The demo area's evaluation (issue 13): levels, participants' ratings, Lundy checklists, the
 * charter self-assessment, what taking part did, and population data. One file per part; this
 * one calls them in order, after the activities and feedback exist.
 */
import type { Db } from '../db/database.ts';
import type { DemoActivities } from './seed-activities.ts';
import { seedDemoLadders } from './seed-evaluation-ladders.ts';
import { seedDemoRatings } from './seed-evaluation-ratings.ts';
import { seedDemoLundy } from './seed-evaluation-lundy.ts';
import { seedDemoCharterAssessment } from './seed-evaluation-charter.ts';
import { seedDemoImpact } from './seed-evaluation-impact.ts';
import { seedDemoPopulation } from './seed-evaluation-population.ts';

export type EvaluationSeedIds = {
  adminId: string;
  leadId: string;
  decisionMakerId: string;
  parentId: string;
  organisationIds: ReadonlyMap<string, string>;
};

export async function seedDemoEvaluation(db: Db, areaId: string, activities: DemoActivities, ids: EvaluationSeedIds, now = new Date()): Promise<void> {
  await seedDemoLadders(db, areaId, activities, ids, now);
  await seedDemoRatings(db, areaId, activities, ids, now);
  await seedDemoLundy(db, areaId, activities, ids, now);
  await seedDemoCharterAssessment(db, areaId, activities, ids, now);
  await seedDemoImpact(db, areaId, activities, ids, now);
  await seedDemoPopulation(db, areaId, activities, ids, now);
}
