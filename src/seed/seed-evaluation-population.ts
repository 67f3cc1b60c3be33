/**
 * Demo data for issue 13: population.
 */
import type { Db } from '../db/database.ts';
import type { DemoActivities } from './seed-activities.ts';
import type { EvaluationSeedIds } from './seed-evaluation.ts';

export async function seedDemoPopulation(db: Db, areaId: string, activities: DemoActivities, ids: EvaluationSeedIds, now: Date): Promise<void> {
  void db; void areaId; void activities; void ids; void now;
}
