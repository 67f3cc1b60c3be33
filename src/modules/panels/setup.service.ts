/**
 * Panels, the setup part (issue 16 §1): an activity's panels, a new interview panel or grant round,
 * a panel's details, and its page for staff. `panel.manage` (leads; practitioners for their own
 * organisation's activities) makes and changes; `panel.view` also lets decision makers read. The
 * route gate asks "anyone in the area with the action?"; here the activity's organisation is checked.
 *
 * Callable from the demo seed: `createPanel(db, areaId, actorId | null, input)`.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { getActivity, type Activity } from '../activities/activities.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { createPanelIn, findPanel, listCandidates, listMembers, listPanelsForActivity, type Candidate, type Panel, type PanelMember } from './core.ts';

export type PanelAction = 'panel.view' | 'panel.manage';

/** The activity, if this person may act on its panels: ForbiddenError if not. */
export async function authorisedActivity(db: Db, actor: Actor | null, areaId: string, activityId: string, action: PanelAction): Promise<Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, action, { areaId, organisationId: activity.organisationId })) throw new ForbiddenError(action);
  return activity;
}

/** The panel and its activity, if this person may act on it (NotFoundError for another area's). */
export async function authorisedPanel(db: Db, actor: Actor | null, areaId: string, panelId: string, action: PanelAction): Promise<{ panel: Panel; activity: Activity }> {
  const panel = await withArea(db, areaId, (tx) => findPanel(tx, areaId, panelId));
  if (!panel) throw new NotFoundError('panel');
  const activity = await authorisedActivity(db, actor, areaId, panel.activityId, action);
  return { panel, activity };
}

export async function panelsOf(db: Db, areaId: string, activityId: string): Promise<Panel[]> {
  return withArea(db, areaId, (tx) => listPanelsForActivity(tx, areaId, activityId));
}

export type NewPanel = { activityId: string; kind: 'interview' | 'grant'; title: string; purpose?: string; youthWeight?: number; scale?: 'faces' | 'stars'; potPence?: number | null; closesAt?: Date | null };

/** A new interview panel or grant round (the youth weight 50% unless said). */
export async function createPanel(db: Db, areaId: string, actorId: string | null, input: NewPanel): Promise<Panel> {
  return withArea(db, areaId, async (tx) => {
    const panel = await createPanelIn(tx, areaId, actorId, input);
    await audit(tx, areaId, actorId, 'panel.created', { type: 'panel', id: panel.id, detail: { kind: panel.kind, activityId: input.activityId } });
    return panel;
  });
}

export type PanelChanges = { title: string; purpose: string; youthWeight: number; scale: 'faces' | 'stars'; potPence: number | null; closesAt: Date | null };

/** Saves the panel's details; ConflictError if someone saved it since the form was made. */
export async function savePanel(db: Db, areaId: string, actorId: string | null, panelId: string, version: number, input: PanelChanges): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const before = await findPanel(tx, areaId, panelId);
    if (!before) throw new NotFoundError('panel');
    const grant = before.kind === 'grant';
    const updated = await tx
      .updateTable('panel')
      .set({
        title: input.title,
        purpose: input.purpose,
        youth_weight: input.youthWeight,
        scale: input.scale,
        pot_pence: grant ? (input.potPence ?? before.potPence ?? 0) : null,
        closes_at: grant ? input.closesAt : before.closesAt,
        version: before.version + 1,
      })
      .where('area_id', '=', areaId)
      .where('id', '=', panelId)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new ConflictError('panel changed');
    const changed = (['title', 'purpose', 'youthWeight', 'scale', 'potPence', 'closesAt'] as const).filter((k) => String(before[k] ?? '') !== String(input[k] ?? ''));
    await audit(tx, areaId, actorId, 'panel.changed', { type: 'panel', id: panelId, detail: { changed, youthWeight: input.youthWeight } });
  });
}

export type PanelOverview = { members: PanelMember[]; candidates: Candidate[] };

/** Members and candidates for the panel's page: two queries however many there are. */
export async function panelOverview(db: Db, areaId: string, panelId: string): Promise<PanelOverview> {
  return withArea(db, areaId, async (tx) => ({ members: await listMembers(tx, areaId, panelId), candidates: await listCandidates(tx, areaId, panelId) }));
}
