/**
 * The demo parent carer, Lou Davies (parent@riverside.example), as issue 12 §2 needs them: signed
 * up, signed in, to the workshop coming up (so "Your page" has a place to show and to cancel), and
 * with views of their own and ones given with their child (so "What changed because of you" has
 * answers to show). Runs after the feedback loop is seeded.
 */
import type { Db } from '../db/database.ts';
import { listTakePart } from '../modules/activities/activities.service.ts';
import { signUp } from '../modules/activities/signups.service.ts';
import { giveDemoParentTheirViews } from './demo-sql.ts';
import type { DemoActivities } from './seed-activities.ts';

export async function seedDemoParent(db: Db, areaId: string, parentId: string, activities: DemoActivities, now = new Date()): Promise<void> {
  const { sessions } = await listTakePart(db, areaId, now);
  const forParents = sessions.find((s) => s.audience !== 'children_young_people') ?? sessions[0];
  if (forParents) {
    await signUp(db, areaId, forParents.id, { name: 'Lou', email: 'parent@riverside.example', phone: '', people: 2, adjustments: ['breaks'], details: '', idempotencyKey: 'demo-signup-parent-carer', accountId: parentId }, now);
  }
  await giveDemoParentTheirViews(db, areaId, parentId, activities);
}
