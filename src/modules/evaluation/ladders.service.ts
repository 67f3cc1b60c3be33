/**
 * Ladders of participation (issue 13 §1): which ladder an area uses (a shipped one or its own
 * version), each activity's planned level (set on the activity form) and achieved level (rated by
 * staff after it, with reasons, every rating kept), set beside what the participants said.
 *
 * Levels are compared on Chorus' own common levels (data/common-levels.ts): our mapping, not a
 * published one, and every page that shows it says so.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { displayNamesOf } from '../accounts/accounts.service.ts';
import { getActivity, listActivities, type Activity } from '../activities/activities.service.ts';
import { listForumsAndBoards } from '../areas/areas.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { COMMON_LEVELS, levelOrder, type CommonLevel } from './data/common-levels.ts';
import { DEFAULT_LADDER, LADDERS, isShippedLadderKey, shippedLadder, shippedRung, type Ladder, type LadderRung, type ShippedLadderKey } from './data/ladders.ts';
import * as repo from './ladders.repository.ts';
import { participantRatingSummaries, type ParticipantRatingSummary } from './ratings.service.ts';

/** A rung as the area uses it: the shipped rung's fields (data/ladders.ts), and where it stands in the area. */
export type AreaLadderRung = LadderRung & {
  /** What a stored level refers to: a shipped rung's id, or '<variant id>/<rung id>'. */
  ref: string;
  /** The name of the stage it maps to (a local variant of the parent carer forums' stages). */
  mapsToName?: string;
  /** The area changed the shipped wording or level. */
  edited: boolean;
};

export type AreaLadder = {
  /** A shipped ladder's key, or the variant's id. */
  ref: string;
  kind: 'shipped' | 'variant';
  name: string;
  summary: string;
  source: Ladder['source'];
  credit?: string;
  basedOn: ShippedLadderKey;
  basedOnName: string;
  variantOf?: ShippedLadderKey;
  version: number;
  rungs: AreaLadderRung[];
};

const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
const stageName = (id: string | undefined) => (id ? shippedRung(id)?.rung.name : undefined);

function fromShipped(ladder: Ladder): AreaLadder {
  return {
    ref: ladder.key,
    kind: 'shipped',
    name: ladder.name,
    summary: ladder.summary,
    source: ladder.source,
    credit: ladder.credit,
    basedOn: ladder.key,
    basedOnName: ladder.name,
    variantOf: ladder.variantOf,
    version: 0,
    rungs: [...ladder.rungs].sort(byOrder).map((r) => ({ ...r, ref: r.id, mapsToName: stageName(r.mapsTo), edited: false })),
  };
}

function fromVariant(variant: repo.Variant): AreaLadder {
  const base = shippedLadder(variant.basedOn);
  return {
    ref: variant.id,
    kind: 'variant',
    name: variant.name,
    summary: base.summary,
    source: base.source,
    credit: base.credit,
    basedOn: variant.basedOn,
    basedOnName: base.name,
    variantOf: base.variantOf,
    version: variant.version,
    rungs: variant.rungs
      .map((r) => {
        const shipped = shippedRung(r.rungId)?.rung;
        return {
          ref: `${variant.id}/${r.rungId}`,
          id: r.rungId,
          order: r.position,
          name: r.name,
          meaning: r.meaning,
          status: shipped?.status ?? 'unverified',
          source: shipped?.source ?? base.source,
          commonLevel: r.commonLevel,
          zone: shipped?.zone,
          legitimate: shipped?.legitimate,
          mapsTo: shipped?.mapsTo,
          mapsToName: stageName(shipped?.mapsTo),
          edited: r.edited,
        };
      })
      .sort(byOrder),
  };
}

export const SHIPPED_LADDERS: readonly AreaLadder[] = LADDERS.map(fromShipped);

export type LadderSettings = { current: AreaLadder; shipped: readonly AreaLadder[]; variants: AreaLadder[] };

async function settingsIn(tx: AreaTx, areaId: string): Promise<LadderSettings> {
  const choice = await repo.findAreaLadder(tx, areaId);
  const variants = (await repo.listVariants(tx, areaId)).map(fromVariant);
  const current = (choice?.variantId && variants.find((v) => v.ref === choice.variantId)) || fromShipped(shippedLadder(choice?.ladderKey ?? DEFAULT_LADDER));
  return { current, shipped: SHIPPED_LADDERS, variants };
}

/** The shipped ladders, the area's own versions and which one it uses (Hart's until it chooses). */
export function ladderSettings(db: Db, areaId: string): Promise<LadderSettings> {
  return withArea(db, areaId, (tx) => settingsIn(tx, areaId));
}

/** The ladder the area uses. */
export async function areaLadder(db: Db, areaId: string): Promise<AreaLadder> {
  return (await ladderSettings(db, areaId)).current;
}

/** Any ladder the area may use by its ref (a shipped key or one of its variants' ids). */
function findLadder(settings: LadderSettings, ref: string): AreaLadder | undefined {
  return settings.shipped.find((l) => l.ref === ref) ?? settings.variants.find((l) => l.ref === ref);
}

export async function chooseLadder(db: Db, areaId: string, actorId: string, ref: string): Promise<AreaLadder> {
  return withArea(db, areaId, async (tx) => {
    const ladder = findLadder(await settingsIn(tx, areaId), ref);
    if (!ladder) throw new NotFoundError('ladder');
    await repo.saveAreaLadder(tx, areaId, ladder.kind === 'shipped' ? { ladderKey: ladder.basedOn, variantId: null } : { ladderKey: null, variantId: ladder.ref });
    await audit(tx, areaId, actorId, 'evaluation.ladder_chosen', { type: 'ladder', id: null, detail: { ladder: ladder.kind === 'shipped' ? ladder.ref : 'own', variantId: ladder.kind === 'variant' ? ladder.ref : null } });
    return ladder;
  });
}

/** Copies a shipped ladder into the area's own version (not chosen yet: the area chooses it after editing). */
export async function copyLadder(db: Db, areaId: string, actorId: string, key: string, name: string): Promise<string> {
  if (!isShippedLadderKey(key)) throw new NotFoundError('ladder');
  const ladder = shippedLadder(key);
  return withArea(db, areaId, async (tx) => {
    const id = await repo.insertVariant(
      tx,
      areaId,
      key,
      name,
      ladder.rungs.map((r) => ({ rungId: r.id, position: r.order, name: r.name, meaning: r.meaning, commonLevel: r.commonLevel })),
    );
    await audit(tx, areaId, actorId, 'evaluation.ladder_copied', { type: 'ladder_variant', id, detail: { basedOn: key } });
    return id;
  });
}

export async function getVariant(db: Db, areaId: string, id: string): Promise<AreaLadder> {
  if (!isId(id)) throw new NotFoundError('ladder');
  const variant = (await ladderSettings(db, areaId)).variants.find((v) => v.ref === id);
  if (!variant) throw new NotFoundError('ladder');
  return variant;
}

export type VariantInput = { name: string; rungs: ReadonlyArray<{ id: string; order: number; name: string; meaning: string; commonLevel: CommonLevel }> };

/** Saves the area's wording of its own ladder; ConflictError when someone else saved first. */
export async function saveVariant(db: Db, areaId: string, actorId: string, id: string, version: number, input: VariantInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const variant = (await settingsIn(tx, areaId)).variants.find((v) => v.ref === id);
    if (!variant) throw new NotFoundError('ladder');
    const rungs = variant.rungs.map((r) => {
      const given = input.rungs.find((g) => g.id === r.id);
      if (!given) throw new NotFoundError('ladder rung');
      const shipped = shippedRung(r.id)?.rung;
      const edited = !shipped || shipped.name !== given.name || shipped.meaning !== given.meaning || shipped.commonLevel !== given.commonLevel || shipped.order !== given.order;
      return { rungId: r.id, position: given.order, name: given.name, meaning: given.meaning, commonLevel: given.commonLevel, edited };
    });
    if (!(await repo.updateVariant(tx, areaId, id, version, input.name, rungs))) throw new ConflictError('ladder changed since it was read');
    await audit(tx, areaId, actorId, 'evaluation.ladder_changed', { type: 'ladder_variant', id });
  });
}

// ── Planning: what the activity form offers ─────────────────────────────────────────────────────

export type PlanningLevelChoices = {
  ladder: AreaLadder;
  boards: Array<{ id: string; name: string }>;
};

/** The area's ladder and boards, for the activity form's planned level and "who will decide". */
export async function planningLevelChoices(db: Db, areaId: string): Promise<PlanningLevelChoices> {
  const [ladder, { boards }] = await Promise.all([areaLadder(db, areaId), listForumsAndBoards(db, areaId)]);
  return { ladder, boards: boards.map((b) => ({ id: b.id, name: b.name })) };
}

// ── Achieved levels and what participants said ─────────────────────────────────────────────────

export type LevelRatingView = repo.LevelRating & { ratedByName: string | null };

export type Disagreement = { staff: CommonLevel; participants: CommonLevel; higher: 'staff' | 'participants' };

/** Staff and participants disagree when both gave a level and the levels differ. */
export function disagreement(staff: CommonLevel | null | undefined, participants: CommonLevel | null | undefined): Disagreement | null {
  if (!staff || !participants || staff === participants) return null;
  return { staff, participants, higher: levelOrder(staff) > levelOrder(participants) ? 'staff' : 'participants' };
}

/** Whether an activity has ended (after which the achieved level is clearest). */
export function hasEnded(activity: Pick<Activity, 'status' | 'startsAt' | 'endsAt'>, now: Date = new Date()): boolean {
  if (activity.status === 'closed' || activity.status === 'feedback_given') return true;
  const end = activity.endsAt ?? activity.startsAt;
  return !!end && end.getTime() < now.getTime();
}

export type ActivityLevel = {
  activity: Activity;
  ladder: AreaLadder;
  planned: { rungName: string; commonLevel: CommonLevel } | null;
  achieved: LevelRatingView | null;
  history: LevelRatingView[];
  participants: ParticipantRatingSummary | null;
  disagreement: Disagreement | null;
  ended: boolean;
  /** Drafts are not rated: nothing has happened yet. */
  rateable: boolean;
};

function plannedOf(activity: Activity): ActivityLevel['planned'] {
  return activity.plannedLevel ? { rungName: activity.plannedRungName, commonLevel: activity.plannedLevel as CommonLevel } : null;
}

/** One activity's planned and achieved level, the history of ratings and the participants' totals. */
export async function activityLevelFor(db: Db, areaId: string, activityId: string, now: Date = new Date()): Promise<ActivityLevel> {
  const activity = await getActivity(db, areaId, activityId);
  const [ladder, history, summaries] = await Promise.all([
    areaLadder(db, areaId),
    withArea(db, areaId, (tx) => repo.listLevelRatings(tx, areaId, activity.id)),
    participantRatingSummaries(db, areaId),
  ]);
  const names = await displayNamesOf(db, history.flatMap((h) => (h.ratedBy ? [h.ratedBy] : [])));
  const views = history.map((h) => ({ ...h, ratedByName: (h.ratedBy && names.get(h.ratedBy)) || null }));
  const achieved = views[0] ?? null;
  const participants = summaries.get(activity.id) ?? null;
  return {
    activity,
    ladder,
    planned: plannedOf(activity),
    achieved,
    history: views,
    participants,
    disagreement: disagreement(achieved?.commonLevel, participants?.commonLevel),
    ended: hasEnded(activity, now),
    rateable: activity.status !== 'draft',
  };
}

export class LevelNotRateableError extends Error {}
/** The rung is not on the area's ladder (it changed meanwhile, or the value was made up). */
export class RungNotOnLadderError extends Error {}

/**
 * Records staff's rating of the level an activity achieved, on the area's ladder, with reasons.
 * Leads rate any activity; practitioners only their own organisation's. Drafts cannot be rated.
 */
export async function rateActivityLevel(db: Db, actor: Actor, areaId: string, activityId: string, input: { rungRef: string; justification: string }): Promise<void> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, 'evaluation.rate', { areaId, organisationId: activity.organisationId })) throw new ForbiddenError('evaluation.rate');
  if (activity.status === 'draft') throw new LevelNotRateableError('draft');
  await withArea(db, areaId, async (tx) => {
    const { current } = await settingsIn(tx, areaId);
    const rung = current.rungs.find((r) => r.ref === input.rungRef);
    if (!rung) throw new RungNotOnLadderError(input.rungRef.slice(0, 40));
    const id = await repo.insertLevelRating(tx, areaId, activity.id, actor.accountId, {
      rungRef: rung.ref,
      rungName: rung.name,
      ladderName: current.name,
      commonLevel: rung.commonLevel,
      justification: input.justification,
    });
    await audit(tx, areaId, actor.accountId, 'evaluation.level_rated', { type: 'activity', id: activity.id, detail: { rating: id, level: rung.commonLevel } });
  });
}

// ── The area's view ────────────────────────────────────────────────────────────────────────────

export type ActivityLevelRow = {
  activityId: string;
  title: string;
  status: Activity['status'];
  audience: Activity['audience'];
  planned: CommonLevel | null;
  plannedRungName: string;
  achieved: CommonLevel | null;
  achievedRungName: string;
  participants: CommonLevel | null;
  /** How many participants rated it (0 when none did). */
  participantsTotal: number;
  disagreement: Disagreement | null;
  /** Achieved lower than planned. */
  fellShort: boolean;
};

export type AreaLevels = {
  rows: ActivityLevelRow[];
  /** Per common level (in order): how many activities were planned, achieved and rated by participants at it. */
  counts: Array<{ level: CommonLevel; planned: number; achieved: number; participants: number }>;
  totals: { activities: number; planned: number; achieved: number; participants: number; disagreements: number };
};

/**
 * Every activity's planned, achieved and participants' level on the common scale, disagreements
 * first. A fixed number of queries (the activities, the newest ratings, the participants' totals),
 * whatever the number of activities.
 */
export async function activityLevelsForArea(db: Db, areaId: string): Promise<AreaLevels> {
  const [activities, latest, summaries] = await Promise.all([
    listActivities(db, areaId),
    withArea(db, areaId, (tx) => repo.latestLevelRatings(tx, areaId)),
    participantRatingSummaries(db, areaId),
  ]);
  const rows: ActivityLevelRow[] = activities.map((a) => {
    const achieved = latest.get(a.id);
    const summary = summaries.get(a.id);
    const planned = (a.plannedLevel as CommonLevel | null) ?? null;
    return {
      activityId: a.id,
      title: a.title,
      status: a.status,
      audience: a.audience,
      planned,
      plannedRungName: a.plannedRungName,
      achieved: achieved?.commonLevel ?? null,
      achievedRungName: achieved?.rungName ?? '',
      participants: summary?.commonLevel ?? null,
      participantsTotal: summary?.total ?? 0,
      disagreement: disagreement(achieved?.commonLevel, summary?.commonLevel),
      fellShort: !!planned && !!achieved && levelOrder(achieved.commonLevel) < levelOrder(planned),
    };
  });
  // Disagreements first (the most useful thing to look at), then achieved below planned, then the rest in list order.
  const rank = (r: ActivityLevelRow) => (r.disagreement ? 0 : r.fellShort ? 1 : 2);
  rows.sort((a, b) => rank(a) - rank(b));
  const counts = COMMON_LEVELS.map(({ key }) => ({
    level: key,
    planned: rows.filter((r) => r.planned === key).length,
    achieved: rows.filter((r) => r.achieved === key).length,
    participants: rows.filter((r) => r.participants === key).length,
  }));
  return {
    rows,
    counts,
    totals: {
      activities: rows.length,
      planned: rows.filter((r) => r.planned).length,
      achieved: rows.filter((r) => r.achieved).length,
      participants: rows.filter((r) => r.participants).length,
      disagreements: rows.filter((r) => r.disagreement).length,
    },
  };
}

/** A one-line summary for a hub page: how many activities are rated, and how many disagree. */
export async function activityLevelsSummary(db: Db, areaId: string): Promise<AreaLevels['totals']> {
  return (await activityLevelsForArea(db, areaId)).totals;
}
