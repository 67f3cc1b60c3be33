/**
 * The charter, self-assessed (issue 13 §3). A lead opens the year with a deadline; each member
 * organisation rates itself against each commitment of the charter (met / partly / not yet, Chorus'
 * own scale) with evidence and, where not met, an action with an owner and a date; each forum's
 * agreed rating of each organisation per principle is recorded beside it by a lead. Earlier years
 * are kept, read-only. Reminders go before the deadline to the staff of organisations not finished.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, rolesFor, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { isId } from '../../lib/ids.ts';
import { translator } from '../../lib/messages/messages.ts';
import { activeMembersOfOrganisationsIn } from '../accounts/members.service.ts';
import { activityTitlesIn, listActivities, londonParts } from '../activities/activities.service.ts';
import { findCharter, listAreas, listForumsAndBoards, listOrganisations, type Forum, type Organisation } from '../areas/areas.service.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { CHARTER_RATINGS, principleRating, ratingOrder, REMINDER_DAYS_BEFORE, type CharterRating } from './data/charter-assessment-scale.ts';
import * as repo from './charter-assessment.repository.ts';

export type { Cycle, Principle, Statement, Rating, RatingInput } from './charter-assessment.repository.ts';
export type { CharterRating } from './data/charter-assessment-scale.ts';
export { CHARTER_RATINGS, CHARTER_SCALE_SOURCE } from './data/charter-assessment-scale.ts';

const DAY_MS = 86_400_000;

/** Today's date in England ('YYYY-MM-DD'). */
export function londonToday(now: Date = new Date()): string {
  return londonParts(now).date;
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new NotFoundError('year');
  return Number(value);
}

async function getCycle(tx: AreaTx, areaId: string, yearText: string): Promise<repo.Cycle> {
  const cycle = await repo.findCycleByYear(tx, areaId, parseYear(yearText));
  if (!cycle) throw new NotFoundError('year');
  return cycle;
}

function findOrganisation(organisations: readonly Organisation[], organisationId: string): Organisation {
  const organisation = isId(organisationId) ? organisations.find((o) => o.id === organisationId) : undefined;
  if (!organisation) throw new NotFoundError('organisation');
  return organisation;
}

/** Who may change an organisation's self-assessment: its own practitioners, and any lead. */
export function canSelfAssess(actor: Actor | null, areaId: string, organisationId: string): boolean {
  return can(actor, 'evaluation.rate', { areaId, organisationId });
}

// ── Opening and closing a year ─────────────────────────────────────────────────────────────────

export class YearTakenError extends Error {}
export class YearOpenError extends Error {}

export type OpenYearPage = { openYear: repo.Cycle | undefined; latestYear: number | undefined; hasCharter: boolean };

export async function openYearPage(db: Db, areaId: string): Promise<OpenYearPage> {
  const [cycles, charter] = await Promise.all([withArea(db, areaId, (tx) => repo.listCycles(tx, areaId)), findCharter(db, areaId)]);
  return { openYear: cycles.find((c) => c.status === 'open'), latestYear: cycles[0]?.year, hasCharter: Boolean(charter && charter.principles.length > 0) };
}

/**
 * Opens a year with a copy of the charter as it stands: each principle with the commitments that
 * organisations make (the forum's own commitments are the forum's to keep, not the organisations').
 * A principle with none of those is assessed as a whole, by its description.
 */
export async function openYear(db: Db, areaId: string, actorId: string, values: { year: number; deadlineOn: string }): Promise<void> {
  const charter = await findCharter(db, areaId);
  if (!charter || charter.principles.length === 0) throw new NotFoundError('charter');
  const principles: repo.SnapshotPrinciple[] = charter.principles.map((p) => {
    const statements = p.commitments.filter((c) => c.party !== 'forum').map((c) => c.text);
    return { title: p.title, description: p.description, easyRead: p.easyRead, symbol: p.symbol, statements: statements.length > 0 ? statements : [p.description || p.title] };
  });
  await withArea(db, areaId, async (tx) => {
    const cycles = await repo.listCycles(tx, areaId);
    if (cycles.some((c) => c.status === 'open')) throw new YearOpenError();
    if (cycles.some((c) => c.year === values.year)) throw new YearTakenError();
    const id = await repo.insertCycle(tx, areaId, { ...values, charterTitle: charter.title, openedBy: actorId, principles });
    await audit(tx, areaId, actorId, 'evaluation.charter_year_opened', { type: 'charter_assessment_cycle', id, detail: { year: values.year, deadline: values.deadlineOn } });
  });
}

export async function closeYearPage(db: Db, areaId: string, yearText: string): Promise<{ cycle: repo.Cycle; notFinished: number }> {
  const organisations = await listOrganisations(db, areaId);
  return withArea(db, areaId, async (tx) => {
    const cycle = await getCycle(tx, areaId, yearText);
    const finished = await repo.finishedOrganisations(tx, areaId, cycle.id);
    return { cycle, notFinished: organisations.filter((o) => !finished.has(o.id)).length };
  });
}

/** Closes a year: nothing in it changes after this, and its totals go on the public page. */
export async function closeYear(db: Db, areaId: string, actorId: string, yearText: string): Promise<repo.Cycle> {
  const organisations = await listOrganisations(db, areaId);
  return withArea(db, areaId, async (tx) => {
    const cycle = await getCycle(tx, areaId, yearText);
    if (!(await repo.closeCycle(tx, areaId, cycle.id, actorId, organisations.map((o) => o.id)))) throw new ConflictError('year already closed');
    await audit(tx, areaId, actorId, 'evaluation.charter_year_closed', { type: 'charter_assessment_cycle', id: cycle.id, detail: { year: cycle.year } });
    return cycle;
  });
}

/**
 * Moves an open year's deadline. Reminders of stages that are ahead again go again before the new
 * deadline (a year extended from 3 days to 30 is reminded at 14 and 3 days before the new date).
 */
export async function changeDeadline(db: Db, areaId: string, actorId: string, yearText: string, deadlineOn: string, now: Date = new Date()): Promise<repo.Cycle> {
  return withArea(db, areaId, async (tx) => {
    const cycle = await getCycle(tx, areaId, yearText);
    if (!(await repo.updateDeadline(tx, areaId, cycle.id, deadlineOn))) throw new ConflictError('year closed');
    await repo.forgetRemindersAhead(tx, areaId, cycle.id, daysBetween(londonToday(now), deadlineOn));
    await audit(tx, areaId, actorId, 'evaluation.charter_deadline_changed', { type: 'charter_assessment_cycle', id: cycle.id, detail: { year: cycle.year, from: cycle.deadlineOn, to: deadlineOn } });
    return cycle;
  });
}

export async function getYear(db: Db, areaId: string, yearText: string): Promise<repo.Cycle> {
  return withArea(db, areaId, (tx) => getCycle(tx, areaId, yearText));
}

// ── The area's view of a year ──────────────────────────────────────────────────────────────────

export type OrganisationRow = {
  id: string;
  name: string;
  rated: number;
  total: number;
  state: 'not_started' | 'in_progress' | 'finished';
  finishedAt: Date | null;
  lastRemindedAt: Date | null;
  reminded: number;
};

export type Difference = {
  organisationId: string;
  organisationName: string;
  principleId: string;
  principleTitle: string;
  forumName: string;
  own: CharterRating | undefined;
  forum: CharterRating;
  agreedOn: string;
  /** 'lower': the forum rated it lower than the organisation did; 'higher'; 'unrated': the organisation has not rated it all. */
  kind: 'lower' | 'higher' | 'unrated';
};

export type PrincipleComparison = {
  principleTitle: string;
  thisYear: Record<CharterRating, number>;
  lastYear: Record<CharterRating, number> | undefined;
};

export type AreaYearView = {
  cycles: repo.Cycle[];
  cycle: repo.Cycle | undefined;
  previous: repo.Cycle | undefined;
  daysLeft: number | undefined;
  principles: repo.Principle[];
  organisations: OrganisationRow[];
  counts: { organisations: number; finished: number; inProgress: number; notStarted: number };
  differences: Difference[];
  agreements: number;
  comparison: PrincipleComparison[];
  forums: Forum[];
};

const zeroCounts = (): Record<CharterRating, number> => ({ met: 0, partly: 0, not_yet: 0 });

type Rollup = Map<string, CharterRating | undefined>;
const rollupKey = (organisationId: string, principleId: string) => `${organisationId}:${principleId}`;

function rollups(counts: readonly repo.PrincipleCounts[], cycleId: string): Rollup {
  const map: Rollup = new Map();
  for (const c of counts) if (c.cycleId === cycleId) map.set(rollupKey(c.organisationId, c.principleId), principleRating(c));
  return map;
}

/**
 * A year as the area sees it (the latest when no year is named): who has not finished, progress,
 * where the forums differ, and this year beside last year. A fixed number of queries: one per
 * section, whatever the number of organisations, forums or activities.
 */
export async function areaYearView(db: Db, areaId: string, yearText?: string, now: Date = new Date()): Promise<AreaYearView> {
  const [allOrganisations, { forums }] = await Promise.all([listOrganisations(db, areaId), listForumsAndBoards(db, areaId)]);
  return withArea(db, areaId, async (tx) => {
    const cycles = await repo.listCycles(tx, areaId);
    const cycle = yearText === undefined ? cycles[0] : cycles.find((c) => c.year === parseYear(yearText));
    if (yearText !== undefined && !cycle) throw new NotFoundError('year');
    const empty: AreaYearView = {
      cycles, cycle, previous: undefined, daysLeft: undefined, principles: [], organisations: [], counts: { organisations: 0, finished: 0, inProgress: 0, notStarted: 0 },
      differences: [], agreements: 0, comparison: [], forums,
    };
    if (!cycle) return empty;
    const previous = cycles.find((c) => c.year < cycle.year);
    const principles = await repo.listPrinciples(tx, areaId, cycle.id);
    const progress = await repo.listProgress(tx, areaId, cycle.id);
    const counts = await repo.principleCounts(tx, areaId, previous ? [cycle.id, previous.id] : [cycle.id]);
    const forumRatings = await repo.listForumRatings(tx, areaId, cycle.id);

    const total = principles.reduce((n, p) => n + p.statements.length, 0);
    const byOrganisation = new Map(progress.map((p) => [p.organisationId, p]));
    // An open year asks every organisation the area has now; a closed one, those it asked.
    const asked = cycle.status === 'open' ? allOrganisations : allOrganisations.filter((o) => byOrganisation.get(o.id)?.listed);
    const organisations: OrganisationRow[] = asked.map((o) => {
      const p = byOrganisation.get(o.id);
      const state = p?.finishedAt ? 'finished' : p && p.rated > 0 ? 'in_progress' : 'not_started';
      return { id: o.id, name: o.name, rated: p?.rated ?? 0, total, state, finishedAt: p?.finishedAt ?? null, lastRemindedAt: p?.lastRemindedAt ?? null, reminded: p?.reminded ?? 0 };
    });
    // Not finished first (what a lead chases), then by name.
    const order = { not_started: 0, in_progress: 1, finished: 2 } as const;
    organisations.sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name));

    const own = rollups(counts, cycle.id);
    const organisationName = new Map(allOrganisations.map((o) => [o.id, o.name]));
    const forumName = new Map(forums.map((f) => [f.id, f.name]));
    const principleTitle = new Map(principles.map((p) => [p.id, p.title]));
    const differences: Difference[] = [];
    let agreements = 0;
    for (const f of forumRatings) {
      if (!organisationName.has(f.organisationId) || !forumName.has(f.forumId) || !principleTitle.has(f.principleId)) continue;
      const ownRating = own.get(rollupKey(f.organisationId, f.principleId));
      if (ownRating === f.rating) {
        agreements += 1;
        continue;
      }
      const kind = ownRating === undefined ? 'unrated' : ratingOrder(f.rating) < ratingOrder(ownRating) ? 'lower' : 'higher';
      differences.push({
        organisationId: f.organisationId, organisationName: organisationName.get(f.organisationId)!, principleId: f.principleId, principleTitle: principleTitle.get(f.principleId)!,
        forumName: forumName.get(f.forumId)!, own: ownRating, forum: f.rating, agreedOn: f.agreedOn, kind,
      });
    }
    const position = new Map(principles.map((p) => [p.id, p.position]));
    differences.sort((a, b) => a.organisationName.localeCompare(b.organisationName) || position.get(a.principleId)! - position.get(b.principleId)! || a.forumName.localeCompare(b.forumName));

    // This year beside last year, by principle title (a year's principles are its own copy).
    const tally = (cycleId: string) => {
      const byTitle = new Map<string, Record<CharterRating, number>>();
      for (const c of counts) {
        if (c.cycleId !== cycleId) continue;
        const rating = principleRating(c);
        if (!rating) continue;
        const title = cycleId === cycle.id ? principleTitle.get(c.principleId) : previousTitles.get(c.principleId);
        if (!title) continue;
        const row = byTitle.get(title) ?? zeroCounts();
        row[rating] += 1;
        byTitle.set(title, row);
      }
      return byTitle;
    };
    const previousTitles = new Map<string, string>();
    if (previous) for (const p of await repo.listPrinciples(tx, areaId, previous.id)) previousTitles.set(p.id, p.title);
    const thisYear = tally(cycle.id);
    const lastYear = previous ? tally(previous.id) : undefined;
    const comparison = principles.map((p) => ({
      principleTitle: p.title,
      thisYear: thisYear.get(p.title) ?? zeroCounts(),
      lastYear: previous ? (lastYear!.get(p.title) ?? zeroCounts()) : undefined,
    }));

    return {
      cycles, cycle, previous,
      daysLeft: cycle.status === 'open' ? daysBetween(londonToday(now), cycle.deadlineOn) : undefined,
      principles,
      organisations,
      counts: {
        organisations: organisations.length,
        finished: organisations.filter((o) => o.state === 'finished').length,
        inProgress: organisations.filter((o) => o.state === 'in_progress').length,
        notStarted: organisations.filter((o) => o.state === 'not_started').length,
      },
      differences,
      agreements,
      comparison,
      forums,
    };
  });
}

// ── One organisation's self-assessment ────────────────────────────────────────────────────────

export type PrincipleState = {
  principle: repo.Principle;
  rated: number;
  own: CharterRating | undefined;
  forums: Array<{ forumName: string; rating: CharterRating; note: string; agreedOn: string; differs: boolean }>;
};

export type OrganisationView = {
  cycle: repo.Cycle;
  organisation: Organisation;
  principles: PrincipleState[];
  total: number;
  rated: number;
  finishedAt: Date | null;
  mayEdit: boolean;
  forums: Forum[];
  /** Each commitment's rating, evidence and action, by commitment id. */
  ratings: Map<string, repo.Rating & { activityTitle: string | null }>;
};

export async function organisationView(db: Db, actor: Actor | null, areaId: string, yearText: string, organisationId: string): Promise<OrganisationView> {
  const [organisations, { forums }] = await Promise.all([listOrganisations(db, areaId), listForumsAndBoards(db, areaId)]);
  const organisation = findOrganisation(organisations, organisationId);
  return withArea(db, areaId, async (tx) => {
    const cycle = await getCycle(tx, areaId, yearText);
    const principles = await repo.listPrinciples(tx, areaId, cycle.id);
    const ratings = await repo.listRatings(tx, areaId, cycle.id, organisation.id);
    const self = await repo.findSelfAssessment(tx, areaId, cycle.id, organisation.id);
    const forumRatings = await repo.listForumRatings(tx, areaId, cycle.id, organisation.id);
    const titles = await activityTitlesIn(tx, areaId, ratings.flatMap((r) => (r.evidenceActivityId ? [r.evidenceActivityId] : [])));
    const byStatement = new Map(ratings.map((r) => [r.statementId, { ...r, activityTitle: (r.evidenceActivityId && titles.get(r.evidenceActivityId)) || null }]));
    const forumName = new Map(forums.map((f) => [f.id, f.name]));
    const states = principles.map((principle) => {
      const mine = principle.statements.map((s) => byStatement.get(s.id)).filter((r) => r !== undefined);
      const own = principleRating({ total: principle.statements.length, rated: mine.length, met: mine.filter((r) => r.rating === 'met').length, notYet: mine.filter((r) => r.rating === 'not_yet').length });
      return {
        principle,
        rated: mine.length,
        own,
        forums: forumRatings
          .filter((f) => f.principleId === principle.id && forumName.has(f.forumId))
          .map((f) => ({ forumName: forumName.get(f.forumId)!, rating: f.rating, note: f.note, agreedOn: f.agreedOn, differs: f.rating !== own })),
      };
    });
    return {
      cycle,
      organisation,
      principles: states,
      total: principles.reduce((n, p) => n + p.statements.length, 0),
      rated: ratings.length,
      finishedAt: self?.finishedAt ?? null,
      mayEdit: cycle.status === 'open' && canSelfAssess(actor, areaId, organisation.id),
      forums,
      ratings: byStatement,
    };
  });
}

export type PrincipleForm = {
  cycle: repo.Cycle;
  organisation: Organisation;
  principle: repo.Principle;
  principleCount: number;
  ratings: Map<string, repo.Rating>;
  activities: Array<{ id: string; title: string }>;
  /** What the page showed, so a save over someone else's change is noticed. */
  seen: string;
};

function fingerprint(principle: repo.Principle, ratings: readonly repo.Rating[]): string {
  const ids = new Set(principle.statements.map((s) => s.id));
  return ratings
    .filter((r) => ids.has(r.statementId))
    .map((r) => `${r.statementId}@${r.updatedAt.getTime()}`)
    .sort()
    .join(',');
}

/** One principle's page of an organisation's self-assessment, for someone who may change it. */
export async function principleForm(db: Db, actor: Actor | null, areaId: string, yearText: string, organisationId: string, numberText: string): Promise<PrincipleForm> {
  const organisation = findOrganisation(await listOrganisations(db, areaId), organisationId);
  // Refused before anything is said about the year (not even that it is closed).
  if (!canSelfAssess(actor, areaId, organisation.id)) throw new ForbiddenError('evaluation.rate');
  const form = await withArea(db, areaId, async (tx) => {
    const cycle = await getCycle(tx, areaId, yearText);
    const principles = await repo.listPrinciples(tx, areaId, cycle.id);
    const principle = /^\d{1,3}$/.test(numberText) ? principles.find((p) => p.position === Number(numberText)) : undefined;
    if (!principle) throw new NotFoundError('principle');
    const ratings = await repo.listRatings(tx, areaId, cycle.id, organisation.id);
    return { cycle, principle, principleCount: principles.length, ratings: new Map(ratings.map((r) => [r.statementId, r])), seen: fingerprint(principle, ratings) };
  });
  if (form.cycle.status !== 'open') throw new ConflictError('year closed');
  // Evidence can be any of the organisation's own activities, and the partnership's.
  const activities = (await listActivities(db, areaId)).filter((a) => a.organisationId === organisation.id || a.organisationId === null).map((a) => ({ id: a.id, title: a.title }));
  return { ...form, organisation, activities };
}

export type SaveOutcome = { saved: true; next: number | undefined } | { saved: false; conflict: true; form: PrincipleForm };

/** Saves one principle's ratings; refuses (keeping what was typed) if someone else saved in between. */
export async function savePrinciple(db: Db, actor: Actor, areaId: string, form: PrincipleForm, ratings: readonly repo.RatingInput[], seen: string): Promise<SaveOutcome> {
  const statementIds = new Set(form.principle.statements.map((s) => s.id));
  const activityIds = new Set(form.activities.map((a) => a.id));
  if (!ratings.every((r) => statementIds.has(r.statementId) && (r.evidenceActivityId === null || activityIds.has(r.evidenceActivityId)))) throw new NotFoundError('statement');
  const result = await withArea(db, areaId, async (tx) => {
    const cycle = await repo.findCycleByYear(tx, areaId, form.cycle.year);
    if (!cycle || cycle.status !== 'open') throw new ConflictError('year closed');
    const current = await repo.listRatings(tx, areaId, cycle.id, form.organisation.id);
    if (fingerprint(form.principle, current) !== seen) return { conflict: true as const, current };
    await repo.upsertRatings(tx, areaId, cycle.id, form.organisation.id, actor.accountId, ratings);
    await audit(tx, areaId, actor.accountId, 'evaluation.charter_self_assessed', {
      type: 'organisation', id: form.organisation.id, detail: { year: cycle.year, principle: form.principle.position, ratings: ratings.length },
    });
    return { conflict: false as const };
  });
  if (result.conflict) {
    return { saved: false, conflict: true, form: { ...form, ratings: new Map(result.current.map((r) => [r.statementId, r])), seen: fingerprint(form.principle, result.current) } };
  }
  return { saved: true, next: form.principle.position < form.principleCount ? form.principle.position + 1 : undefined };
}

export class NotAllRatedError extends Error {}

/** Marks an organisation's year finished: every commitment must have a rating. */
export async function finishSelfAssessment(db: Db, actor: Actor, areaId: string, yearText: string, organisationId: string): Promise<void> {
  const organisation = findOrganisation(await listOrganisations(db, areaId), organisationId);
  if (!canSelfAssess(actor, areaId, organisation.id)) throw new ForbiddenError('evaluation.rate');
  await withArea(db, areaId, async (tx) => {
    const cycle = await getCycle(tx, areaId, yearText);
    if (cycle.status !== 'open') throw new ConflictError('year closed');
    if (!(await repo.markFinished(tx, areaId, cycle.id, organisation.id, actor.accountId))) throw new NotAllRatedError();
    await audit(tx, areaId, actor.accountId, 'evaluation.charter_self_assessment_finished', { type: 'organisation', id: organisation.id, detail: { year: cycle.year } });
  });
}

// ── A forum's rating ───────────────────────────────────────────────────────────────────────────

export type ForumForm = {
  cycle: repo.Cycle;
  forum: Forum;
  organisation: Organisation;
  principles: Array<{ principle: repo.Principle; own: CharterRating | undefined; current: repo.ForumRating | undefined }>;
  agreedOn: string | undefined;
};

export async function forumForm(db: Db, areaId: string, yearText: string, forumId: string, organisationId: string): Promise<ForumForm> {
  const [organisations, { forums }] = await Promise.all([listOrganisations(db, areaId), listForumsAndBoards(db, areaId)]);
  const organisation = findOrganisation(organisations, organisationId);
  const forum = isId(forumId) ? forums.find((f) => f.id === forumId) : undefined;
  if (!forum) throw new NotFoundError('forum');
  const form = await withArea(db, areaId, async (tx) => {
    const cycle = await getCycle(tx, areaId, yearText);
    const principles = await repo.listPrinciples(tx, areaId, cycle.id);
    const counts = await repo.principleCounts(tx, areaId, [cycle.id]);
    const current = (await repo.listForumRatings(tx, areaId, cycle.id, organisation.id)).filter((f) => f.forumId === forum.id);
    const own = rollups(counts, cycle.id);
    return {
      cycle,
      principles: principles.map((principle) => ({ principle, own: own.get(rollupKey(organisation.id, principle.id)), current: current.find((c) => c.principleId === principle.id) })),
      agreedOn: current.map((c) => c.agreedOn).sort().at(-1),
    };
  });
  if (form.cycle.status !== 'open') throw new ConflictError('year closed');
  return { ...form, forum, organisation };
}

export async function saveForumRatings(
  db: Db,
  actorId: string,
  areaId: string,
  form: ForumForm,
  values: { agreedOn: string; ratings: ReadonlyArray<{ principleId: string; rating: CharterRating; note: string }> },
): Promise<void> {
  const known = new Set(form.principles.map((p) => p.principle.id));
  if (!values.ratings.every((r) => known.has(r.principleId))) throw new NotFoundError('principle');
  await withArea(db, areaId, async (tx) => {
    const cycle = await repo.findCycleByYear(tx, areaId, form.cycle.year);
    if (!cycle || cycle.status !== 'open') throw new ConflictError('year closed');
    await repo.upsertForumRatings(tx, areaId, cycle.id, form.forum.id, form.organisation.id, actorId, values.agreedOn, values.ratings);
    await audit(tx, areaId, actorId, 'evaluation.charter_forum_rating_recorded', {
      type: 'forum', id: form.forum.id, detail: { year: cycle.year, organisation: form.organisation.id, ratings: values.ratings.length, agreedOn: values.agreedOn },
    });
  });
}

// ── The public page ────────────────────────────────────────────────────────────────────────────

export type PublicPrinciple = {
  title: string;
  description: string;
  easyRead: string;
  symbol: string | null;
  organisations: Record<CharterRating, number> & { unrated: number };
  actions: number;
  forums: Array<{ name: string; audience: Forum['audience']; counts: Record<CharterRating, number>; rated: number; lower: number }>;
};

export type PublicProgress = { cycle: repo.Cycle; organisations: number; finished: number; principles: PublicPrinciple[] } | undefined;

/**
 * How the partnership is doing against its charter, from the latest closed year only (an open year
 * is still changing, and an organisation may not have finished): counts per principle, never a
 * name of a person or an organisation.
 */
export async function publicProgress(db: Db, areaId: string): Promise<PublicProgress> {
  const { forums } = await listForumsAndBoards(db, areaId);
  return withArea(db, areaId, async (tx) => {
    const cycle = await repo.findLatestClosedCycle(tx, areaId);
    if (!cycle) return undefined;
    const principles = await repo.listPrinciples(tx, areaId, cycle.id);
    const progress = (await repo.listProgress(tx, areaId, cycle.id)).filter((p) => p.listed);
    const counts = await repo.principleCounts(tx, areaId, [cycle.id]);
    const forumRatings = await repo.listForumRatings(tx, areaId, cycle.id);
    const asked = new Set(progress.map((p) => p.organisationId));
    const own = rollups(counts, cycle.id);
    return {
      cycle,
      organisations: asked.size,
      finished: progress.filter((p) => p.finishedAt).length,
      principles: principles.map((p) => {
        const tally = { ...zeroCounts(), unrated: 0 };
        for (const organisationId of asked) {
          const rating = own.get(rollupKey(organisationId, p.id));
          if (rating) tally[rating] += 1;
          else tally.unrated += 1;
        }
        return {
          title: p.title,
          description: p.description,
          easyRead: p.easyRead,
          symbol: p.symbol,
          organisations: tally,
          actions: counts.filter((c) => c.principleId === p.id && asked.has(c.organisationId)).reduce((n, c) => n + c.actions, 0),
          forums: forums.flatMap((f) => {
            const mine = forumRatings.filter((r) => r.forumId === f.id && r.principleId === p.id && asked.has(r.organisationId));
            if (mine.length === 0) return [];
            const forumCounts = zeroCounts();
            for (const r of mine) forumCounts[r.rating] += 1;
            const lower = mine.filter((r) => {
              const o = own.get(rollupKey(r.organisationId, p.id));
              return o !== undefined && ratingOrder(r.rating) < ratingOrder(o);
            }).length;
            return [{ name: f.name, audience: f.audience, counts: forumCounts, rated: mine.length, lower }];
          }),
        };
      }),
    };
  });
}

// ── For the evaluation hub ─────────────────────────────────────────────────────────────────────

export type CharterSummary = { year: number; status: 'open' | 'closed'; deadlineOn: string; organisations: number; finished: number; differences: number } | undefined;

/** The latest year in a line for the hub page: how many organisations finished, where forums differ. */
export async function charterSummary(db: Db, areaId: string): Promise<CharterSummary> {
  const view = await areaYearView(db, areaId);
  if (!view.cycle) return undefined;
  return {
    year: view.cycle.year,
    status: view.cycle.status,
    deadlineOn: view.cycle.deadlineOn,
    organisations: view.counts.organisations,
    finished: view.counts.finished,
    differences: view.differences.length,
  };
}

// ── Reminders (the daily job) ──────────────────────────────────────────────────────────────────

export type ReminderSummary = { organisations: number; messages: number };

/**
 * Reminds the staff of each organisation that has not finished, 14 and 3 days before the open
 * year's deadline (only the latest stage due, once each: a year opened 2 days before its deadline
 * sends one reminder, not two). Who: the organisation's practitioners and participation leads with
 * an account that still works — those who may fill it in. The reminder is claimed and its messages
 * queued in one transaction, so it goes once however many times or instances run this; an
 * organisation with nobody to remind is recorded as reminded with nobody, for the area's page.
 */
export async function remindCharterSelfAssessments(db: Db, options: { now: Date; baseUrl: string }): Promise<ReminderSummary> {
  const summary: ReminderSummary = { organisations: 0, messages: 0 };
  const base = options.baseUrl.replace(/\/+$/, '');
  const en = translator('en');
  const today = londonToday(options.now);
  const roles = rolesFor('evaluation.rate');
  for (const area of await listAreas(db)) {
    const cycle = await withArea(db, area.id, (tx) => repo.findOpenCycle(tx, area.id));
    if (!cycle) continue;
    const daysLeft = daysBetween(today, cycle.deadlineOn);
    const stage = [...REMINDER_DAYS_BEFORE].sort((a, b) => a - b).find((d) => daysLeft <= d);
    if (daysLeft < 0 || stage === undefined) continue;
    const organisations = await listOrganisations(db, area.id);
    await withArea(db, area.id, async (tx) => {
      const finished = await repo.finishedOrganisations(tx, area.id, cycle.id);
      const reminded = await repo.remindedOrganisations(tx, area.id, cycle.id, stage);
      const due = organisations.filter((o) => !finished.has(o.id) && !reminded.has(o.id));
      if (due.length === 0) return;
      const staff = await activeMembersOfOrganisationsIn(tx, area.id, roles, due.map((o) => o.id));
      const deadline = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${cycle.deadlineOn}T12:00:00Z`));
      for (const organisation of due) {
        const reminderId = await repo.claimReminder(tx, area.id, cycle.id, organisation.id, stage, options.now);
        if (!reminderId) continue;
        const people = staff.filter((s) => s.organisationId === organisation.id);
        for (const person of people) {
          await queueMessage(tx, area.id, {
            purpose: 'charter_reminder',
            channel: 'email',
            recipient: person.email,
            subject: en('evaluation.charterAssessment.reminder.subject', { organisation: organisation.name, deadline }),
            body: en('evaluation.charterAssessment.reminder.body', {
              name: person.displayName,
              organisation: organisation.name,
              year: cycle.year,
              deadline,
              days: daysLeft,
              url: `${base}/a/${area.slug}/manage/evaluation/charter/${cycle.year}/organisations/${organisation.id}`,
            }),
          });
        }
        await repo.setReminderRecipients(tx, area.id, reminderId, people.length);
        summary.organisations += 1;
        summary.messages += people.length;
      }
    });
  }
  return summary;
}

/** The scale's words in order (for the forms). */
export const RATING_KEYS: readonly CharterRating[] = CHARTER_RATINGS.map((r) => r.key);
