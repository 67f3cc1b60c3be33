/**
 * Panels (issue 16 §1), part: the rubric, independent scoring, moderation, the decision and telling
 * back. Every function takes (db, areaId, actor or member, plain inputs) so the demo seed can call it.
 *
 * Independence: nobody sees anyone else's scores for a candidate before they have SENT their own for
 * that candidate. The member pages only ever read the member's own scoresheet; the moderation view
 * (staff) hides a candidate's scores from a staff user who is also a member with unsent scores for
 * them; "what happened" shows the sides' results only once the panel has decided (by then every
 * member's scoresheets are closed: a member who never sent sees the results without having scored).
 */
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AreaTx, Db, PanelOutcome } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import type { Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { addChannelContributions } from '../contributions/contributions.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { applicationForScoring } from './grants.service.ts';
import { authorisedPanel } from './setup.service.ts';

export { authorisedPanel };
import { candidateName, checklistGaps, currentMember, findMember, findPanel, listCandidates, listCriteria, listMembers, type Candidate, type Criterion, type Panel, type PanelMember } from './core.ts';
import { combinedResults, type CandidateResult, type SentScore } from './scoring.results.ts';

export type Side = 'youth' | 'adults';
export const sideOf = (m: Pick<PanelMember, 'kind'>): Side => (m.kind === 'young_person' ? 'youth' : 'adults');

/** Refused changes, each with what the page should say (a message key under panels.scoring.refused). */
export type RefusedReason = 'rubricLocked' | 'notScoring' | 'alreadySent' | 'notAllScored' | 'overPot' | 'decided' | 'undecided' | 'noCriteria' | 'noCandidates';
export class ScoringRefused extends ConflictError {
  readonly reason: RefusedReason;
  readonly params: Record<string, unknown>;
  constructor(reason: RefusedReason, params: Record<string, unknown> = {}) {
    super(reason);
    this.reason = reason;
    this.params = params;
  }
}

// ── Who ──────────────────────────────────────────────────────────────────────────────────────────

/** The panel and this request's membership of it (account or code), or undefined for anyone else. */
/**
 * A member by id, for work done on their behalf outside a request of theirs (the demo seed; a
 * lead typing in a paper scoresheet). NotFoundError for a member of no panel here.
 */
export async function memberById(db: Db, areaId: string, panelId: string, memberId: string): Promise<PanelMember> {
  const member = await withArea(db, areaId, (tx) => findMember(tx, areaId, panelId, memberId));
  if (!member) throw new NotFoundError('panel member');
  return member;
}

export async function memberOf(db: Db, request: FastifyRequest, areaId: string, panelId: string): Promise<{ panel: Panel; member: PanelMember } | undefined> {
  return withArea(db, areaId, async (tx) => {
    const panel = await findPanel(tx, areaId, panelId);
    if (!panel) return undefined;
    const member = await currentMember(tx, request, areaId, panelId);
    return member ? { panel, member } : undefined;
  });
}

async function lockPanel(tx: AreaTx, areaId: string, panelId: string): Promise<Panel> {
  await sql`select 1 from panel where area_id = ${areaId} and id = ${panelId} for update`.execute(tx);
  const panel = await findPanel(tx, areaId, panelId);
  if (!panel) throw new NotFoundError('panel');
  return panel;
}

async function anyScoresSent(tx: AreaTx, areaId: string, panelId: string): Promise<boolean> {
  const row = await tx.selectFrom('panel_scoresheet').select('member_id').where('area_id', '=', areaId).where('panel_id', '=', panelId).where('submitted_at', 'is not', null).limit(1).executeTakeFirst();
  return Boolean(row);
}

// ── The rubric ───────────────────────────────────────────────────────────────────────────────────

export type CriterionInput = { title: string; description: string; symbol: string | null; weight: number };

export async function rubric(db: Db, areaId: string, panelId: string): Promise<{ criteria: Criterion[]; locked: boolean }> {
  return withArea(db, areaId, async (tx) => ({ criteria: await listCriteria(tx, areaId, panelId), locked: await anyScoresSent(tx, areaId, panelId) }));
}

/** Runs a change to the rubric, refused once anyone has sent scores (they scored against this rubric). */
async function changeRubric<T>(db: Db, areaId: string, panelId: string, change: (tx: AreaTx) => Promise<T>): Promise<T> {
  return withArea(db, areaId, async (tx) => {
    const panel = await lockPanel(tx, areaId, panelId);
    if (panel.status === 'decided') throw new ScoringRefused('decided');
    if (await anyScoresSent(tx, areaId, panelId)) throw new ScoringRefused('rubricLocked');
    return change(tx);
  });
}

export async function addCriterion(db: Db, areaId: string, actorId: string | null, panelId: string, input: CriterionInput): Promise<string> {
  return changeRubric(db, areaId, panelId, async (tx) => {
    const last = await tx.selectFrom('panel_criterion').select((eb) => eb.fn.max('position').as('p')).where('area_id', '=', areaId).where('panel_id', '=', panelId).executeTakeFirst();
    const row = await tx
      .insertInto('panel_criterion')
      .values({ area_id: areaId, panel_id: panelId, title: input.title, description: input.description, symbol: input.symbol, weight: input.weight, position: Number(last?.p ?? 0) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'panel.criterion.added', { type: 'panel', id: panelId, detail: { criterionId: row.id, weight: input.weight } });
    return row.id;
  });
}

export async function updateCriterion(db: Db, areaId: string, actorId: string | null, panelId: string, criterionId: string, input: CriterionInput): Promise<void> {
  await changeRubric(db, areaId, panelId, async (tx) => {
    const r = await tx.updateTable('panel_criterion').set({ title: input.title, description: input.description, symbol: input.symbol, weight: input.weight }).where('area_id', '=', areaId).where('panel_id', '=', panelId).where('id', '=', criterionId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('criterion');
    await audit(tx, areaId, actorId, 'panel.criterion.changed', { type: 'panel', id: panelId, detail: { criterionId, weight: input.weight } });
  });
}

export async function removeCriterion(db: Db, areaId: string, actorId: string | null, panelId: string, criterionId: string): Promise<void> {
  await changeRubric(db, areaId, panelId, async (tx) => {
    await tx.deleteFrom('panel_criterion').where('area_id', '=', areaId).where('panel_id', '=', panelId).where('id', '=', criterionId).execute();
    await audit(tx, areaId, actorId, 'panel.criterion.removed', { type: 'panel', id: panelId, detail: { criterionId } });
  });
}

export async function moveCriterion(db: Db, areaId: string, panelId: string, criterionId: string, direction: 'up' | 'down'): Promise<void> {
  await changeRubric(db, areaId, panelId, async (tx) => {
    const all = await listCriteria(tx, areaId, panelId);
    const i = all.findIndex((c) => c.id === criterionId);
    const here = all[i];
    const there = all[direction === 'up' ? i - 1 : i + 1];
    if (!here || !there) return;
    await tx.updateTable('panel_criterion').set({ position: there.position }).where('area_id', '=', areaId).where('id', '=', here.id).execute();
    await tx.updateTable('panel_criterion').set({ position: here.position }).where('area_id', '=', areaId).where('id', '=', there.id).execute();
  });
}

export async function setScale(db: Db, areaId: string, actorId: string | null, panelId: string, scale: 'faces' | 'stars'): Promise<void> {
  await changeRubric(db, areaId, panelId, async (tx) => {
    await tx.updateTable('panel').set({ scale, version: sql`version + 1` }).where('area_id', '=', areaId).where('id', '=', panelId).execute();
    await audit(tx, areaId, actorId, 'panel.scale.changed', { type: 'panel', id: panelId, detail: { scale } });
  });
}

/** Preparing → scoring: members may score from now on. Needs at least one criterion and one candidate. */
export async function startScoring(db: Db, areaId: string, actorId: string | null, panelId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const panel = await lockPanel(tx, areaId, panelId);
    if (panel.status !== 'preparing') return;
    if ((await listCriteria(tx, areaId, panelId)).length === 0) throw new ScoringRefused('noCriteria');
    if ((await listCandidates(tx, areaId, panelId)).length === 0) throw new ScoringRefused('noCandidates');
    await tx.updateTable('panel').set({ status: 'scoring', version: sql`version + 1` }).where('area_id', '=', areaId).where('id', '=', panelId).execute();
    await audit(tx, areaId, actorId, 'panel.scoring.started', { type: 'panel', id: panelId });
  });
}

// ── Scoring (members) ────────────────────────────────────────────────────────────────────────────

export type SheetStatus = 'not_started' | 'saved' | 'sent';

/** The candidates a member scores, by what the member may see (candidateName), with their own status. */
export async function scoringList(db: Db, areaId: string, member: PanelMember): Promise<Array<{ id: string; shownAs: string; status: SheetStatus }>> {
  return withArea(db, areaId, async (tx) => {
    const candidates = (await listCandidates(tx, areaId, member.panelId)).filter((c) => !c.withdrawnAt);
    const sheets = await tx.selectFrom('panel_scoresheet').select(['candidate_id', 'submitted_at']).where('area_id', '=', areaId).where('member_id', '=', member.id).execute();
    const byCandidate = new Map(sheets.map((s) => [s.candidate_id, s.submitted_at ? 'sent' : 'saved'] as const));
    return candidates.map((c) => ({ id: c.id, shownAs: candidateName(member, c), status: byCandidate.get(c.id) ?? 'not_started' }));
  });
}

export type ScoreSheet = {
  candidate: { id: string; shownAs: string };
  criteria: Criterion[];
  questions: Array<{ text: string; goodAnswer: string; symbol: string | null }>;
  scores: Record<string, number>;
  comment: string;
  sent: boolean;
  application: Awaited<ReturnType<typeof applicationForScoring>>;
};

/** One member's own scoresheet for one candidate (never anyone else's), with the reminders they need. */
export async function scoreSheet(db: Db, areaId: string, member: PanelMember, candidateId: string): Promise<ScoreSheet> {
  return withArea(db, areaId, async (tx) => {
    const candidate = (await listCandidates(tx, areaId, member.panelId)).find((c) => c.id === candidateId && !c.withdrawnAt);
    if (!candidate) throw new NotFoundError('candidate');
    const [criteria, questions, sheet, scores, application] = await Promise.all([
      listCriteria(tx, areaId, member.panelId),
      tx.selectFrom('panel_question').select(['text', 'good_answer', 'symbol']).where('area_id', '=', areaId).where('panel_id', '=', member.panelId).where('status', '=', 'chosen').orderBy('position').execute(),
      tx.selectFrom('panel_scoresheet').select(['comment', 'submitted_at']).where('area_id', '=', areaId).where('member_id', '=', member.id).where('candidate_id', '=', candidateId).executeTakeFirst(),
      tx.selectFrom('panel_score').select(['criterion_id', 'score']).where('area_id', '=', areaId).where('member_id', '=', member.id).where('candidate_id', '=', candidateId).execute(),
      applicationForScoring(tx, areaId, candidateId),
    ]);
    return {
      candidate: { id: candidate.id, shownAs: candidateName(member, candidate) },
      criteria,
      questions: questions.map((q) => ({ text: q.text, goodAnswer: q.good_answer, symbol: q.symbol })),
      scores: Object.fromEntries(scores.map((s) => [s.criterion_id, s.score])),
      comment: sheet?.comment ?? '',
      sent: Boolean(sheet?.submitted_at),
      application,
    };
  });
}

export type ScoresInput = { scores: Record<string, number>; comment: string };

/**
 * Saves a member's scores for a candidate ("Save for now"), or saves and sends them ("Send my
 * scores": every criterion scored; nothing can change afterwards). The scoresheet row is locked, so
 * a double click sends once; a sent sheet refuses any change.
 */
export async function saveScores(db: Db, areaId: string, member: PanelMember, candidateId: string, input: ScoresInput, send = false): Promise<void> {
  if (checklistGaps(member).length) throw new ForbiddenError('checklist');
  await withArea(db, areaId, async (tx) => {
    const panel = await findPanel(tx, areaId, member.panelId);
    if (!panel) throw new NotFoundError('panel');
    if (panel.status !== 'scoring') throw new ScoringRefused('notScoring');
    const candidate = (await listCandidates(tx, areaId, member.panelId)).find((c) => c.id === candidateId && !c.withdrawnAt);
    if (!candidate) throw new NotFoundError('candidate');
    const criteria = await listCriteria(tx, areaId, member.panelId);
    await tx
      .insertInto('panel_scoresheet')
      .values({ area_id: areaId, panel_id: member.panelId, member_id: member.id, candidate_id: candidateId, comment: '' })
      .onConflict((oc) => oc.columns(['member_id', 'candidate_id']).doNothing())
      .execute();
    const sheet = await sql<{ submitted_at: Date | null }>`select submitted_at from panel_scoresheet where area_id = ${areaId} and member_id = ${member.id} and candidate_id = ${candidateId} for update`.execute(tx);
    if (sheet.rows[0]?.submitted_at) throw new ScoringRefused('alreadySent');
    const known = criteria.filter((c) => Number.isInteger(input.scores[c.id]) && input.scores[c.id]! >= 1 && input.scores[c.id]! <= 5);
    if (send && known.length < criteria.length) throw new ScoringRefused('notAllScored');
    if (known.length) {
      await tx
        .insertInto('panel_score')
        .values(known.map((c) => ({ area_id: areaId, member_id: member.id, candidate_id: candidateId, criterion_id: c.id, score: input.scores[c.id]! })))
        .onConflict((oc) => oc.columns(['member_id', 'candidate_id', 'criterion_id']).doUpdateSet({ score: (eb) => eb.ref('excluded.score'), updated_at: new Date() }))
        .execute();
    }
    await tx
      .updateTable('panel_scoresheet')
      .set({ comment: input.comment, updated_at: new Date(), submitted_at: send ? new Date() : null })
      .where('area_id', '=', areaId)
      .where('member_id', '=', member.id)
      .where('candidate_id', '=', candidateId)
      .execute();
  });
}

export const sendScores = (db: Db, areaId: string, member: PanelMember, candidateId: string, input: ScoresInput) => saveScores(db, areaId, member, candidateId, input, true);

// ── Results (moderation, decision, what happened, report) ────────────────────────────────────────

type SentRow = { member_id: string; member_kind: PanelMember['kind']; display_name: string; candidate_id: string; criterion_id: string; score: number };

/** Every SENT score of a panel, one query whatever its size. */
async function sentScores(tx: AreaTx, areaId: string, panelId: string): Promise<SentRow[]> {
  return tx
    .selectFrom('panel_score as s')
    .innerJoin('panel_scoresheet as h', (j) => j.onRef('h.member_id', '=', 's.member_id').onRef('h.candidate_id', '=', 's.candidate_id').onRef('h.area_id', '=', 's.area_id'))
    .innerJoin('panel_member as m', (j) => j.onRef('m.id', '=', 's.member_id').onRef('m.area_id', '=', 's.area_id'))
    .select(['s.member_id', 'm.member_kind', 'm.display_name', 's.candidate_id', 's.criterion_id', 's.score'])
    .where('s.area_id', '=', areaId)
    .where('h.panel_id', '=', panelId)
    .where('h.submitted_at', 'is not', null)
    .execute();
}

const toSent = (rows: readonly SentRow[]): SentScore[] => rows.map((r) => ({ memberId: r.member_id, side: r.member_kind === 'young_person' ? 'youth' : 'adults', candidateId: r.candidate_id, criterionId: r.criterion_id, score: r.score }));

export type ModerationRow = {
  candidate: Candidate;
  /** A staff viewer who is a member and has not sent their own scores for this candidate sees none. */
  sendYoursFirst: boolean;
  criteria: Array<{ criterion: Criterion; youth: Array<{ name: string; score: number }>; adults: Array<{ name: string; score: number }>; spread: number | null; disagree: boolean }>;
  result: CandidateResult;
  disagreements: number;
  comments: string[];
};

export type Moderation = { panel: Panel; criteria: Criterion[]; rows: ModerationRow[]; ranked: ModerationRow[]; sentMembers: number; members: number };

/**
 * The moderation view (panel.view): each sent member's score per criterion, the spread, the
 * disagreements (a spread of 2 or more) first, each side's weighted mean and the combined result.
 * A fixed number of queries whatever the number of members, candidates or criteria.
 */
export async function moderation(db: Db, actor: Actor, areaId: string, panelId: string): Promise<Moderation> {
  const { panel } = await authorisedPanel(db, actor, areaId, panelId, 'panel.view');
  return withArea(db, areaId, async (tx) => {
    const [criteria, candidates, members, rows, sheets] = await Promise.all([
      listCriteria(tx, areaId, panelId),
      listCandidates(tx, areaId, panelId),
      listMembers(tx, areaId, panelId),
      sentScores(tx, areaId, panelId),
      tx.selectFrom('panel_scoresheet').select(['member_id', 'candidate_id', 'submitted_at', 'comment']).where('area_id', '=', areaId).where('panel_id', '=', panelId).execute(),
    ]);
    const me = members.find((m) => m.accountId === actor.accountId);
    const sentByMe = new Set(sheets.filter((s) => me && s.member_id === me.id && s.submitted_at).map((s) => s.candidate_id));
    const results = combinedResults({ youthWeight: panel.youthWeight, criteria, candidateIds: candidates.map((c) => c.id), scores: toSent(rows) });
    const out: ModerationRow[] = candidates.map((candidate, i) => {
      const hidden = Boolean(me) && !sentByMe.has(candidate.id);
      const mine = hidden ? [] : rows.filter((r) => r.candidate_id === candidate.id);
      const perCriterion = criteria.map((criterion) => {
        const here = mine.filter((r) => r.criterion_id === criterion.id);
        const scores = here.map((r) => r.score);
        const spread = scores.length ? Math.max(...scores) - Math.min(...scores) : null;
        return {
          criterion,
          youth: here.filter((r) => r.member_kind === 'young_person').map((r) => ({ name: r.display_name, score: r.score })),
          adults: here.filter((r) => r.member_kind !== 'young_person').map((r) => ({ name: r.display_name, score: r.score })),
          spread,
          disagree: spread !== null && spread >= 2,
        };
      });
      // Disagreements to discuss first.
      perCriterion.sort((a, b) => Number(b.disagree) - Number(a.disagree) || a.criterion.position - b.criterion.position);
      const empty: CandidateResult = { candidateId: candidate.id, members: new Map(), youth: null, adults: null, combined: null, onlySide: null };
      return {
        candidate,
        sendYoursFirst: hidden,
        criteria: perCriterion,
        result: hidden ? empty : results[i]!,
        disagreements: perCriterion.filter((c) => c.disagree).length,
        comments: hidden ? [] : sheets.filter((s) => s.candidate_id === candidate.id && s.submitted_at && s.comment.trim()).map((s) => s.comment),
      };
    });
    const ranked = [...out].sort((a, b) => (b.result.combined ?? -1) - (a.result.combined ?? -1) || a.candidate.position - b.candidate.position);
    const sentMembers = new Set(sheets.filter((s) => s.submitted_at).map((s) => s.member_id)).size;
    return { panel, criteria, rows: out, ranked, sentMembers, members: members.length };
  });
}

// ── The decision ─────────────────────────────────────────────────────────────────────────────────

export const INTERVIEW_OUTCOMES: readonly PanelOutcome[] = ['appointed', 'not_appointed', 'reserve'];
export const GRANT_OUTCOMES: readonly PanelOutcome[] = ['funded', 'part_funded', 'not_funded'];
export const outcomesFor = (panel: Pick<Panel, 'kind'>) => (panel.kind === 'grant' ? GRANT_OUTCOMES : INTERVIEW_OUTCOMES);

export type OutcomeInput = { outcome: PanelOutcome; reason: string; feedback: string; awardPence: number | null };

/**
 * Records one candidate's outcome. For a grant round the panel row is locked (select … for update)
 * so two people recording awards at once are put in a queue: the sum of awards never exceeds the pot.
 */
export async function recordOutcome(db: Db, areaId: string, actorId: string | null, panelId: string, candidateId: string, input: OutcomeInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const panel = await lockPanel(tx, areaId, panelId);
    if (panel.status === 'decided') throw new ScoringRefused('decided');
    if (!outcomesFor(panel).includes(input.outcome)) throw new NotFoundError('outcome');
    const award = panel.kind === 'grant' && input.outcome !== 'not_funded' ? (input.awardPence ?? 0) : null;
    if (panel.kind === 'grant') {
      const others = await tx
        .selectFrom('panel_candidate')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('award_pence'), sql<string>`0`).as('total'))
        .where('area_id', '=', areaId)
        .where('panel_id', '=', panelId)
        .where('id', '!=', candidateId)
        .executeTakeFirst();
      const total = Number(others?.total ?? 0) + (award ?? 0);
      if (total > (panel.potPence ?? 0)) throw new ScoringRefused('overPot', { total, pot: panel.potPence ?? 0 });
    }
    const r = await tx
      .updateTable('panel_candidate')
      .set({ outcome: input.outcome, outcome_reason: input.reason, feedback: input.feedback, award_pence: award, decided_at: new Date() })
      .where('area_id', '=', areaId)
      .where('panel_id', '=', panelId)
      .where('id', '=', candidateId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('candidate');
    await audit(tx, areaId, actorId, 'panel.outcome.recorded', { type: 'panel_candidate', id: candidateId, detail: { panelId, outcome: input.outcome, awardPence: award } });
  });
}

/** "Record the decision": every candidate has an outcome; the panel is decided, with its summary. Audited. */
export async function recordDecision(db: Db, areaId: string, actorId: string | null, panelId: string, summary: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const panel = await lockPanel(tx, areaId, panelId);
    if (panel.status === 'decided') throw new ScoringRefused('decided');
    const candidates = (await listCandidates(tx, areaId, panelId)).filter((c) => !c.withdrawnAt);
    if (candidates.length === 0 || candidates.some((c) => !c.outcome)) throw new ScoringRefused('undecided');
    await tx
      .updateTable('panel')
      .set({ status: 'decided', decided_at: new Date(), decided_by: actorId, decision_summary: summary, version: sql`version + 1` })
      .where('area_id', '=', areaId)
      .where('id', '=', panelId)
      .execute();
    await audit(tx, areaId, actorId, 'panel.decided', { type: 'panel', id: panelId, detail: { candidates: candidates.length, outcomes: candidates.map((c) => c.outcome) } });
  });
}

export async function awardsTotal(db: Db, areaId: string, panelId: string): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    const r = await tx.selectFrom('panel_candidate').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('award_pence'), sql<string>`0`).as('total')).where('area_id', '=', areaId).where('panel_id', '=', panelId).executeTakeFirst();
    return Number(r?.total ?? 0);
  });
}

// ── What happened (members) ──────────────────────────────────────────────────────────────────────

export type WhatHappened = {
  panel: Panel;
  decided: boolean;
  candidates: Array<{ shownAs: string; outcome: PanelOutcome | null; reason: string; mine: number | null; youth: number | null; adults: number | null; combined: number | null; onlySide: Side | null }>;
  debriefed: boolean;
};

/** The decision, each candidate as this member may see them, and how this member's scores counted. */
export async function whatHappened(db: Db, areaId: string, member: PanelMember): Promise<WhatHappened> {
  return withArea(db, areaId, async (tx) => {
    const panel = await findPanel(tx, areaId, member.panelId);
    if (!panel) throw new NotFoundError('panel');
    const debrief = await tx.selectFrom('panel_debrief').select('member_id').where('area_id', '=', areaId).where('member_id', '=', member.id).executeTakeFirst();
    if (panel.status !== 'decided') return { panel, decided: false, candidates: [], debriefed: Boolean(debrief) };
    const [criteria, candidates, rows] = await Promise.all([listCriteria(tx, areaId, panel.id), listCandidates(tx, areaId, panel.id), sentScores(tx, areaId, panel.id)]);
    const shown = candidates.filter((c) => !c.withdrawnAt);
    const results = combinedResults({ youthWeight: panel.youthWeight, criteria, candidateIds: shown.map((c) => c.id), scores: toSent(rows) });
    return {
      panel,
      decided: true,
      debriefed: Boolean(debrief),
      candidates: shown.map((c, i) => {
        const r = results[i]!;
        return { shownAs: candidateName(member, c), outcome: c.outcome, reason: c.outcomeReason, mine: r.members.get(member.id) ?? null, youth: r.youth, adults: r.adults, combined: r.combined, onlySide: r.onlySide };
      }),
    };
  });
}

/**
 * A member's debrief: kept once, and made a contribution (channel 'panel', key 'debrief:<member id>',
 * the panel's activity) so it can be themed and answered; screened and redacted there.
 */
export async function addDebrief(db: Db, areaId: string, member: PanelMember, text: string, question: string): Promise<{ concernRaised: boolean }> {
  return withArea(db, areaId, async (tx) => {
    const panel = await findPanel(tx, areaId, member.panelId);
    if (!panel) throw new NotFoundError('panel');
    await tx.insertInto('panel_debrief').values({ area_id: areaId, panel_id: panel.id, member_id: member.id, text }).onConflict((oc) => oc.column('member_id').doNothing()).execute();
    const { concernRaised } = await addChannelContributions(tx, areaId, [{ activityId: panel.activityId, channel: 'panel', sourceKey: `debrief:${member.id}`, text, accountId: member.accountId, question }]);
    return { concernRaised };
  });
}
