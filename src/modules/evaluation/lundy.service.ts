/**
 * The Lundy checklist (issue 13 §2): the area's checklist and wording, each activity's answers with
 * Chorus' proposals from its own records, and the scores.
 *
 * Scoring (said on every page that shows a score): yes = 1, partly = ½, no = 0; "not applicable" is
 * left out. An element's score is its points ÷ the questions that count, as a percentage; the overall
 * score is all points ÷ all questions that count (so an element with more questions weighs more).
 * Only answers a person confirmed or gave count: a proposal nobody has looked at is not a score.
 * Over time and across activities the points and questions are added up before dividing.
 *
 * Reads of other modules' records go through their services, one query per source for any number
 * of activities (activities: spaceEvidenceFor; surveys: supportedResponseCounts; feedback:
 * lundyFeedbackEvidence), so no page costs more queries with more activities.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { displayNamesOf } from '../accounts/accounts.service.ts';
import { getActivity, listActivities, londonParts, spaceEvidenceFor, type Activity } from '../activities/activities.service.ts';
import { lundyFeedbackEvidence } from '../feedback/figures.service.ts';
import { audit } from '../privacy/audit.service.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { supportedResponseCounts } from '../surveys/questions.service.ts';
import { ANSWER_POINTS, DEFAULT_LUNDY_TEMPLATE, LUNDY_ELEMENTS, LUNDY_TEMPLATES, lundyTemplate, type LundyAnswer, type LundyElement, type LundyItem, type LundyTemplate } from './data/lundy.ts';
import { propose, type ActivityEvidence, type Proposal } from './lundy.proposals.ts';
import * as repo from './lundy.repository.ts';

export type { Proposal } from './lundy.proposals.ts';

// ── The area's checklist ────────────────────────────────────────────────────────────────────────

export type ShownItem = LundyItem & { number: number; shownWording: string; edited: boolean };
export type LundyConfig = { template: LundyTemplate; items: ShownItem[]; wording: Record<string, string>; version: number; chosen: boolean };

function configFrom(setting: repo.LundySetting | undefined): LundyConfig {
  const template = lundyTemplate(setting?.templateId ?? DEFAULT_LUNDY_TEMPLATE);
  const wording = setting?.wording ?? {};
  const items = template.items.map((item, i) => {
    const own = typeof wording[item.id] === 'string' && wording[item.id]!.trim() !== '' ? wording[item.id]! : undefined;
    return { ...item, number: i + 1, shownWording: own ?? item.wording, edited: own !== undefined && own !== item.wording };
  });
  return { template, items, wording, version: setting?.version ?? 0, chosen: Boolean(setting) };
}

export async function lundyConfig(db: Db, areaId: string): Promise<LundyConfig> {
  return configFrom(await withArea(db, areaId, (tx) => repo.findSetting(tx, areaId)));
}

export const LUNDY_TEMPLATE_CHOICES = LUNDY_TEMPLATES;

export type TemplateInput = { templateId: LundyTemplate['id']; wording: Record<string, string>; version: number };

/**
 * Saves the area's checklist and its words for the current checklist's questions. A question left
 * empty (or set back to the source's words) goes back to the source's words. Changing checklist keeps
 * the words given for the other one, for when the area comes back to it.
 */
export async function saveLundyTemplate(db: Db, areaId: string, actorId: string | null, input: TemplateInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const current = configFrom(await repo.findSetting(tx, areaId));
    const wording = { ...current.wording };
    // Words are only taken for the questions that were on the page: the current checklist's.
    for (const item of current.template.items) {
      if (!(item.id in input.wording)) continue;
      const words = input.wording[item.id]!.trim();
      if (words === '' || words === item.wording) delete wording[item.id];
      else wording[item.id] = words;
    }
    const saved = await repo.saveSetting(tx, areaId, actorId, input.templateId, wording, input.version);
    if (!saved) throw new ConflictError('Someone else changed the Lundy checklist');
    await audit(tx, areaId, actorId, 'evaluation.lundy_template_saved', { type: 'area', id: areaId, detail: { templateId: input.templateId, edited: Object.keys(wording).length } });
  });
}

// ── Evidence and proposals ──────────────────────────────────────────────────────────────────────

/** Everything the proposals need for these activities: a fixed number of queries for any number. */
async function evidenceFor(db: Db, areaId: string, areaSlug: string, activityIds: readonly string[], now: Date): Promise<Map<string, ActivityEvidence>> {
  const space = await spaceEvidenceFor(db, areaId, activityIds, now);
  const responses = await supportedResponseCounts(db, areaId, [...space.keys()]);
  const feedback = await lundyFeedbackEvidence(db, areaId, [...space.keys()], now);
  return new Map(
    [...space].map(([id, s]) => [id, { areaSlug, space: s, responses: responses.get(id) ?? { submitted: 0, supported: 0 }, feedback: feedback.get(id) }]),
  );
}

/** Lists in a proposal's figures, and the catalogue prefix of their words. */
const LISTS: Record<string, string> = {
  rules: 'activities.options.groundRules.',
  venueAccess: 'activities.options.venueAccess.',
  ways: 'evaluation.lundy.ways.',
  formats: 'evaluation.lundy.formats.',
};

export type ShownProposal = { answer: LundyAnswer | null; text: string; links: Array<{ text: string; href: string }> };

/** A proposal in the reader's words: why Chorus proposes it, and the pages holding the evidence. */
export function describeProposal(proposer: string, p: Proposal, t: Translate): ShownProposal {
  const params: Record<string, unknown> = { ...p.params };
  for (const [name, prefix] of Object.entries(LISTS)) {
    const value = p.params[name];
    if (typeof value === 'string') params[name] = value === '' ? '-' : value.split(',').map((v) => t(prefix + v)).join(', ');
  }
  return {
    answer: p.answer,
    text: t(`evaluation.lundy.reasons.${proposer}.${p.reason}`, params),
    links: p.links.map((l) => ({ text: t(`evaluation.lundy.evidence.${l.key}`, l.params ?? {}), href: l.href })),
  };
}

// ── Scores ──────────────────────────────────────────────────────────────────────────────────────

/** Points and questions that count; the share is null when no question counts. */
export type Score = { points: number; counted: number; share: number | null; percent: number | null };

export function scoreOf(points: number, counted: number): Score {
  const share = counted > 0 ? points / counted : null;
  return { points, counted, share, percent: share === null ? null : Math.round(share * 100) };
}

export function pointsOf(answer: LundyAnswer): number | null {
  return answer === 'not_applicable' ? null : ANSWER_POINTS[answer];
}

/** Scores per element and overall from a list of answers with their elements. */
export function scoreAnswers(answers: ReadonlyArray<{ element: LundyElement; answer: LundyAnswer }>): { elements: Record<LundyElement, Score>; overall: Score } {
  const sums = Object.fromEntries(LUNDY_ELEMENTS.map((e) => [e, { points: 0, counted: 0 }])) as Record<LundyElement, { points: number; counted: number }>;
  for (const a of answers) {
    const p = pointsOf(a.answer);
    if (p === null) continue;
    sums[a.element].points += p;
    sums[a.element].counted += 1;
  }
  const elements = Object.fromEntries(LUNDY_ELEMENTS.map((e) => [e, scoreOf(sums[e].points, sums[e].counted)])) as Record<LundyElement, Score>;
  const total = LUNDY_ELEMENTS.reduce((s, e) => ({ points: s.points + sums[e].points, counted: s.counted + sums[e].counted }), { points: 0, counted: 0 });
  return { elements, overall: scoreOf(total.points, total.counted) };
}

// ── One activity's checklist ────────────────────────────────────────────────────────────────────

export type ChecklistItem = ShownItem & {
  proposal: Proposal | null;
  saved: (repo.StoredAnswer & { answeredByName: string | null }) | undefined;
  /** The saved answer differs from what Chorus proposed at the time. */
  overrides: boolean;
};

export type Checklist = {
  activity: Activity;
  config: LundyConfig;
  elements: Array<{ element: LundyElement; items: ChecklistItem[]; score: Score }>;
  overall: Score;
  answered: number;
  mayRate: boolean;
};

export async function activityChecklist(db: Db, actor: Actor | null, areaId: string, areaSlug: string, activityId: string, now: Date = new Date()): Promise<Checklist> {
  const activity = await getActivity(db, areaId, activityId);
  const config = await lundyConfig(db, areaId);
  const evidence = (await evidenceFor(db, areaId, areaSlug, [activity.id], now)).get(activity.id);
  if (!evidence) throw new NotFoundError('activity');
  const stored = await withArea(db, areaId, (tx) => repo.listAnswers(tx, areaId, activity.id, config.template.id));
  const names = await displayNamesOf(db, [...new Set(stored.map((s) => s.answeredBy).filter((id): id is string => Boolean(id)))]);
  const byItem = new Map(stored.map((s) => [s.itemId, { ...s, answeredByName: s.answeredBy ? (names.get(s.answeredBy) ?? null) : null }]));
  const items: ChecklistItem[] = config.items.map((item) => {
    const saved = byItem.get(item.id);
    return { ...item, proposal: propose(item.proposer, evidence), saved, overrides: Boolean(saved && saved.proposed !== null && saved.proposed !== saved.answer) };
  });
  const scored = scoreAnswers(items.filter((i) => i.saved).map((i) => ({ element: i.element, answer: i.saved!.answer })));
  return {
    activity,
    config,
    elements: LUNDY_ELEMENTS.map((element) => ({ element, items: items.filter((i) => i.element === element), score: scored.elements[element] })),
    overall: scored.overall,
    answered: stored.filter((s) => config.items.some((i) => i.id === s.itemId)).length,
    mayRate: can(actor, 'evaluation.rate', { areaId, organisationId: activity.organisationId }),
  };
}

export type ChecklistInput = Array<{ itemId: string; answer: LundyAnswer; note: string }>;

/**
 * Saves a person's answers to an activity's checklist, each beside the proposal Chorus makes from
 * the records now (the proposal is worked out again, so what is kept is what the records said when
 * the person answered). Practitioners only for their own organisation's activities.
 */
export async function saveActivityChecklist(db: Db, actor: Actor, areaId: string, areaSlug: string, activityId: string, input: ChecklistInput, now: Date = new Date()): Promise<number> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, 'evaluation.rate', { areaId, organisationId: activity.organisationId })) throw new ForbiddenError('evaluation.rate');
  return recordChecklistAnswers(db, areaId, areaSlug, actor.accountId, activity.id, input, now);
}

/**
 * Stores answers beside the proposals worked out now. No permission check: for saveActivityChecklist
 * (which checks first) and the demo seed.
 */
export async function recordChecklistAnswers(db: Db, areaId: string, areaSlug: string, actorId: string | null, activityId: string, input: ChecklistInput, now: Date = new Date()): Promise<number> {
  const config = await lundyConfig(db, areaId);
  const evidence = (await evidenceFor(db, areaId, areaSlug, [activityId], now)).get(activityId);
  if (!evidence) throw new NotFoundError('activity');
  const items = new Map(config.items.map((i) => [i.id, i]));
  const rows = input
    .filter((a) => items.has(a.itemId))
    .map((a) => {
      const p = propose(items.get(a.itemId)!.proposer, evidence);
      return { itemId: a.itemId, answer: a.answer, note: a.note, proposed: p?.answer ?? null, proposedReason: p ? p.reason : '' };
    });
  return withArea(db, areaId, async (tx) => {
    const changed = await repo.saveAnswers(tx, areaId, activityId, config.template.id, actorId, rows);
    const overrides = rows.filter((r) => r.proposed !== null && r.proposed !== r.answer).length;
    if (changed > 0) await audit(tx, areaId, actorId, 'evaluation.lundy_answered', { type: 'activity', id: activityId, detail: { templateId: config.template.id, changed, overrides } });
    return changed;
  });
}

/** Each question of the area's checklist with Chorus' proposal for this activity now (for the demo seed and tests). */
export async function proposalsFor(db: Db, areaId: string, areaSlug: string, activityId: string, now: Date = new Date()): Promise<Array<{ itemId: string; element: LundyElement; proposal: Proposal | null }>> {
  const config = await lundyConfig(db, areaId);
  const evidence = (await evidenceFor(db, areaId, areaSlug, [activityId], now)).get(activityId);
  if (!evidence) throw new NotFoundError('activity');
  return config.items.map((i) => ({ itemId: i.id, element: i.element, proposal: propose(i.proposer, evidence) }));
}

// ── The area's view ─────────────────────────────────────────────────────────────────────────────

export type ActivityScores = { activityId: string; title: string; when: string; elements: Record<LundyElement, Score>; overall: Score; answered: number; overrides: number };
export type PeriodScores = { month: string; activities: number; elements: Record<LundyElement, Score>; overall: Score };
export type AreaLundy = {
  config: LundyConfig;
  activities: ActivityScores[];
  /** Months (London time) of the activities' dates, oldest first; only months with a checked activity. */
  periods: PeriodScores[];
  total: { elements: Record<LundyElement, Score>; overall: Score };
  notChecked: number;
  activityCount: number;
};

/** The month an activity counts in: when it took place or opened, else when it was created. */
function monthOf(a: Activity): string {
  return `${londonParts(a.startsAt ?? a.createdAt).date.slice(0, 7)}-01`;
}

type Sums = Record<LundyElement, { points: number; counted: number }>;
const emptySums = (): Sums => Object.fromEntries(LUNDY_ELEMENTS.map((e) => [e, { points: 0, counted: 0 }])) as Sums;

function scoresOf(sums: Sums): { elements: Record<LundyElement, Score>; overall: Score } {
  const elements = Object.fromEntries(LUNDY_ELEMENTS.map((e) => [e, scoreOf(sums[e].points, sums[e].counted)])) as Record<LundyElement, Score>;
  const points = LUNDY_ELEMENTS.reduce((s, e) => s + sums[e].points, 0);
  const counted = LUNDY_ELEMENTS.reduce((s, e) => s + sums[e].counted, 0);
  return { elements, overall: scoreOf(points, counted) };
}

function addTo(target: Sums, from: Sums) {
  for (const e of LUNDY_ELEMENTS) {
    target[e].points += from[e].points;
    target[e].counted += from[e].counted;
  }
}

/** The area's checklists: every checked activity's scores, and the scores by month. Four queries however many activities. */
export async function areaLundy(db: Db, areaId: string): Promise<AreaLundy> {
  const config = await lundyConfig(db, areaId);
  const tallies = await withArea(db, areaId, (tx) => repo.elementTallies(tx, areaId, config.template.id));
  const activities = await listActivities(db, areaId);
  const byActivity = new Map<string, { sums: Sums; answered: number; overrides: number }>();
  for (const t of tallies) {
    if (!(LUNDY_ELEMENTS as readonly string[]).includes(t.element)) continue;
    const entry = byActivity.get(t.activityId) ?? { sums: emptySums(), answered: 0, overrides: 0 };
    entry.sums[t.element].points += t.points;
    entry.sums[t.element].counted += t.counted;
    entry.answered += t.answered;
    entry.overrides += t.overrides;
    byActivity.set(t.activityId, entry);
  }
  const rows: ActivityScores[] = [];
  const months = new Map<string, { sums: Sums; activities: number }>();
  const total = emptySums();
  for (const a of activities) {
    const entry = byActivity.get(a.id);
    if (!entry) continue;
    const when = monthOf(a);
    rows.push({ activityId: a.id, title: a.title, when, ...scoresOf(entry.sums), answered: entry.answered, overrides: entry.overrides });
    const month = months.get(when) ?? { sums: emptySums(), activities: 0 };
    addTo(month.sums, entry.sums);
    month.activities += 1;
    months.set(when, month);
    addTo(total, entry.sums);
  }
  rows.sort((x, y) => y.when.localeCompare(x.when) || x.title.localeCompare(y.title));
  const periods = [...months].sort(([x], [y]) => x.localeCompare(y)).map(([month, m]) => ({ month, activities: m.activities, ...scoresOf(m.sums) }));
  return { config, activities: rows, periods, total: scoresOf(total), notChecked: activities.length - rows.length, activityCount: activities.length };
}

/** For the evaluation hub and other modules: the area's Lundy scores in short. */
export type LundySummary = { templateId: string; activitiesChecked: number; activityCount: number; elements: Record<LundyElement, Score>; overall: Score };

export async function lundyScoresFor(db: Db, areaId: string): Promise<LundySummary> {
  const view = await areaLundy(db, areaId);
  return { templateId: view.config.template.id, activitiesChecked: view.activities.length, activityCount: view.activityCount, ...view.total };
}
