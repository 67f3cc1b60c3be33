/**
 * Panels (issue 16 §1), part: grants — a grant round's public side ("Dragon's Den"). Providers apply
 * through a public form (signed in by an emailed link, no password), save and come back, and send;
 * a sent application becomes the panel's candidate ("Application 1") for the young people to score.
 * Staff keep the round's questions, see the applications and the pot, and send the outcomes.
 */
import { sql } from 'kysely';
import type { AreaTx, Db, PanelOutcome, PanelStatus } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { getActivity } from '../activities/activities.service.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { pounds } from '../../lib/money.ts';

/** The answers as stored: { "<grant_question id>": "answer" }; anything else reads as no answers. */
export function readAnswers(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * What the panel scores for a candidate that is a sent grant application: the project, the amount
 * and the answers, in the round's question order. Never the organisation's or the contact's name or
 * email: young people score what is proposed, not who proposes it. Undefined for any other candidate.
 */
export async function applicationForScoring(
  tx: AreaTx,
  areaId: string,
  candidateId: string,
): Promise<{ projectTitle: string; amountPence: number; answers: Array<{ question: string; answer: string }> } | undefined> {
  const app = await tx
    .selectFrom('grant_application')
    .select(['panel_id', 'project_title', 'amount_pence', 'answers'])
    .where('area_id', '=', areaId)
    .where('candidate_id', '=', candidateId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  if (!app) return undefined;
  const questions = await tx.selectFrom('grant_question').select(['id', 'text']).where('area_id', '=', areaId).where('panel_id', '=', app.panel_id).orderBy('position').orderBy('id').execute();
  const answers = readAnswers(app.answers);
  return {
    projectTitle: app.project_title,
    amountPence: Number(app.amount_pence ?? 0),
    answers: questions.map((q) => ({ question: q.text, answer: answers[q.id] ?? '' })),
  };
}

// ── Shared reads ────────────────────────────────────────────────────────────────────────────────

export type GrantQuestion = { id: string; text: string; hint: string; maxWords: number; position: number };

export type Round = { id: string; activityId: string; title: string; purpose: string; potPence: number; closesAt: Date | null; status: PanelStatus; version: number };

/** A sign-in link lasts half an hour and works once. */
export const LINK_MINUTES = 30;
/** A signed-in applicant's browser stays signed in for 30 days unless they sign out. */
export const SESSION_DAYS = 30;
/** The applicant's cookie, on the area's grants pages only. */
export const GRANT_COOKIE = 'chorus_grant';
export const grantsBase = (areaSlug: string) => `/a/${areaSlug}/grants`;
/** The longest answer kept, whatever the word limit (about 2,000 words of long words). */
export const ANSWER_MAX_CHARS = 20_000;

export async function listQuestions(tx: AreaTx, areaId: string, panelId: string): Promise<GrantQuestion[]> {
  const rows = await tx.selectFrom('grant_question').select(['id', 'text', 'hint', 'max_words', 'position']).where('area_id', '=', areaId).where('panel_id', '=', panelId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, text: r.text, hint: r.hint, maxWords: r.max_words, position: r.position }));
}

async function findRound(tx: AreaTx, areaId: string, panelId: string): Promise<Round | undefined> {
  const r = await tx
    .selectFrom('panel')
    .select(['id', 'activity_id', 'title', 'purpose', 'pot_pence', 'closes_at', 'status', 'version'])
    .where('area_id', '=', areaId)
    .where('id', '=', panelId)
    .where('kind', '=', 'grant')
    .executeTakeFirst();
  return r ? { id: r.id, activityId: r.activity_id, title: r.title, purpose: r.purpose, potPence: Number(r.pot_pence ?? 0), closesAt: r.closes_at, status: r.status, version: r.version } : undefined;
}

/** Open for applications: closing in the future (a round with no closing date is not open yet) and not decided. */
export function isOpen(round: Pick<Round, 'closesAt' | 'status'>, now = new Date()): boolean {
  return round.closesAt !== null && round.closesAt.getTime() > now.getTime() && round.status !== 'decided';
}

/** Words as people count them: runs of letters, digits and joining marks between spaces. */
export function countWords(text: string): number {
  const words = text.trim().split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length;
}

// ── Staff: the round ─────────────────────────────────────────────────────────────────────────────

/** The round, if this person may manage its panel (the activity's organisation): 404 for anything else than a grant round. */
export async function authorisedRound(db: Db, actor: Actor | null, areaId: string, panelId: string): Promise<Round> {
  const round = await withArea(db, areaId, (tx) => findRound(tx, areaId, panelId));
  if (!round) throw new NotFoundError('grant round');
  const activity = await getActivity(db, areaId, round.activityId);
  if (!can(actor, 'panel.manage', { areaId, organisationId: activity.organisationId })) throw new ForbiddenError('panel.manage');
  return round;
}

export type PotSummary = { totalPence: number; awardedPence: number; leftPence: number };

/** The pot: its total, what the decision awarded (decided awards only), and what is left (never below nothing). */
export async function potSummary(tx: AreaTx, areaId: string, panelId: string): Promise<PotSummary> {
  const round = await findRound(tx, areaId, panelId);
  if (!round) throw new NotFoundError('grant round');
  const row = await tx
    .selectFrom('panel_candidate')
    .select(sql<string>`coalesce(sum(award_pence), 0)`.as('awarded'))
    .where('area_id', '=', areaId)
    .where('panel_id', '=', panelId)
    .where('decided_at', 'is not', null)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirstOrThrow();
  const awardedPence = Number(row.awarded);
  return { totalPence: round.potPence, awardedPence, leftPence: round.potPence - awardedPence };
}

export type SentApplication = { id: string; label: string; name: string; amountPence: number; submittedAt: Date; outcome: PanelOutcome | null; awardPence: number | null; feedbackSentAt: Date | null; decidedAt: Date | null };

export type RoundOverview = { round: Round; questions: GrantQuestion[]; locked: boolean; drafts: number; sent: SentApplication[]; pot: PotSummary; outcomesToSend: number };

/** The staff page: questions, applications (drafts counted, sent ones listed) and the pot; a fixed number of queries. */
export async function roundOverview(db: Db, areaId: string, round: Round): Promise<RoundOverview> {
  return withArea(db, areaId, async (tx) => {
    const questions = await listQuestions(tx, areaId, round.id);
    const apps = await tx
      .selectFrom('grant_application as a')
      .leftJoin('panel_candidate as c', (j) => j.onRef('c.id', '=', 'a.candidate_id').onRef('c.area_id', '=', 'a.area_id'))
      .select(['a.id', 'a.status', 'a.amount_pence', 'a.submitted_at', 'c.label', 'c.name', 'c.position', 'c.outcome', 'c.award_pence', 'c.feedback_sent_at', 'c.decided_at'])
      .where('a.area_id', '=', areaId)
      .where('a.panel_id', '=', round.id)
      .execute();
    const sent = apps
      .filter((a) => a.status === 'submitted' && a.label !== null)
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
      .map((a) => ({
        id: a.id,
        label: a.label!,
        name: a.name ?? '',
        amountPence: Number(a.amount_pence ?? 0),
        submittedAt: a.submitted_at!,
        outcome: a.outcome,
        awardPence: a.award_pence === null ? null : Number(a.award_pence),
        feedbackSentAt: a.feedback_sent_at,
        decidedAt: a.decided_at,
      }));
    const pot = await potSummary(tx, areaId, round.id);
    return {
      round,
      questions,
      locked: apps.some((a) => a.status === 'submitted'),
      drafts: apps.filter((a) => a.status === 'draft').length,
      sent,
      pot,
      outcomesToSend: round.status === 'decided' ? sent.filter((s) => s.outcome !== null && s.feedbackSentAt === null).length : 0,
    };
  });
}

export type QuestionInput = { text: string; hint: string; maxWords: number };

/** Thrown when the questions can no longer change: an application has been sent. */
export class QuestionsLockedError extends Error {
  constructor() {
    super('grant questions are locked: an application has been sent');
  }
}

async function lockQuestions(tx: AreaTx, areaId: string, panelId: string): Promise<void> {
  // The panel row is the round's lock: sending an application takes it too, so a question cannot
  // change while an application is being sent.
  await tx.selectFrom('panel').select('id').where('area_id', '=', areaId).where('id', '=', panelId).forUpdate().executeTakeFirst();
  const sent = await tx.selectFrom('grant_application').select('id').where('area_id', '=', areaId).where('panel_id', '=', panelId).where('status', '=', 'submitted').limit(1).executeTakeFirst();
  if (sent) throw new QuestionsLockedError();
}

export async function addGrantQuestion(db: Db, areaId: string, actorId: string | null, panelId: string, input: QuestionInput): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await lockQuestions(tx, areaId, panelId);
    const last = await tx.selectFrom('grant_question').select(sql<number>`coalesce(max(position), 0)`.as('p')).where('area_id', '=', areaId).where('panel_id', '=', panelId).executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('grant_question')
      .values({ area_id: areaId, panel_id: panelId, text: input.text, hint: input.hint, max_words: input.maxWords, position: Number(last.p) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'panels.grant_question.added', { type: 'panel', id: panelId, detail: { questionId: row.id } });
    return row.id;
  });
}

export async function findGrantQuestion(db: Db, areaId: string, panelId: string, questionId: string): Promise<GrantQuestion | undefined> {
  return withArea(db, areaId, async (tx) => (await listQuestions(tx, areaId, panelId)).find((q) => q.id === questionId));
}

export async function editGrantQuestion(db: Db, areaId: string, actorId: string | null, panelId: string, questionId: string, input: QuestionInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await lockQuestions(tx, areaId, panelId);
    const r = await tx.updateTable('grant_question').set({ text: input.text, hint: input.hint, max_words: input.maxWords }).where('area_id', '=', areaId).where('panel_id', '=', panelId).where('id', '=', questionId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('grant question');
    await audit(tx, areaId, actorId, 'panels.grant_question.changed', { type: 'panel', id: panelId, detail: { questionId } });
  });
}

export async function removeGrantQuestion(db: Db, areaId: string, actorId: string | null, panelId: string, questionId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await lockQuestions(tx, areaId, panelId);
    const r = await tx.deleteFrom('grant_question').where('area_id', '=', areaId).where('panel_id', '=', panelId).where('id', '=', questionId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new NotFoundError('grant question');
    await audit(tx, areaId, actorId, 'panels.grant_question.removed', { type: 'panel', id: panelId, detail: { questionId } });
  });
}

/** Moves a question one place up or down (swapping with its neighbour); at either end nothing changes. */
export async function moveGrantQuestion(db: Db, areaId: string, actorId: string | null, panelId: string, questionId: string, direction: 'up' | 'down'): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await lockQuestions(tx, areaId, panelId);
    const questions = await listQuestions(tx, areaId, panelId);
    const i = questions.findIndex((q) => q.id === questionId);
    if (i < 0) throw new NotFoundError('grant question');
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= questions.length) return;
    [questions[i], questions[j]] = [questions[j]!, questions[i]!];
    for (const [index, q] of questions.entries()) {
      if (q.position !== index + 1) await tx.updateTable('grant_question').set({ position: index + 1 }).where('area_id', '=', areaId).where('id', '=', q.id).execute();
    }
    await audit(tx, areaId, actorId, 'panels.grant_question.moved', { type: 'panel', id: panelId, detail: { questionId, direction } });
  });
}

export type OutcomeWords = {
  subject: (round: string) => string;
  body: (p: { round: string; outcome: string; award: string; feedback: string; area: string; mineUrl: string }) => string;
  outcome: (outcome: PanelOutcome) => string;
  noAward: string;
  noFeedback: string;
};

/** Thrown when outcomes are asked for before the panel has decided. */
export class NotDecidedError extends Error {
  constructor() {
    super('the panel has not decided yet');
  }
}

/**
 * Tells every applicant with a decided application their outcome, award and the panel's feedback,
 * by email (queued in this transaction: sent only if it commits), once: `feedback_sent_at` marks it,
 * and a second press sends nothing. Only after the panel's decision. Never a panel member's name:
 * the email carries the round's title, the outcome, the award and the feedback the panel agreed.
 */
export async function sendOutcomes(db: Db, areaId: string, actorId: string | null, panelId: string, words: OutcomeWords, area: { name: string; mineUrl: string }): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    const round = await tx.selectFrom('panel').select(['title', 'status']).where('area_id', '=', areaId).where('id', '=', panelId).where('kind', '=', 'grant').forUpdate().executeTakeFirst();
    if (!round) throw new NotFoundError('grant round');
    if (round.status !== 'decided') throw new NotDecidedError();
    const due = await tx
      .selectFrom('grant_application as a')
      .innerJoin('panel_candidate as c', (j) => j.onRef('c.id', '=', 'a.candidate_id').onRef('c.area_id', '=', 'a.area_id'))
      .innerJoin('grant_applicant as p', (j) => j.onRef('p.id', '=', 'a.applicant_id').onRef('p.area_id', '=', 'a.area_id'))
      .select(['c.id as candidateId', 'c.outcome', 'c.award_pence', 'c.feedback', 'p.email'])
      .where('a.area_id', '=', areaId)
      .where('a.panel_id', '=', panelId)
      .where('a.status', '=', 'submitted')
      .where('c.outcome', 'is not', null)
      .where('c.feedback_sent_at', 'is', null)
      .orderBy('c.position')
      .execute();
    for (const d of due) {
      const award = d.award_pence !== null && Number(d.award_pence) > 0 ? pounds(Number(d.award_pence)) : words.noAward;
      await queueMessage(tx, areaId, {
        purpose: 'grant_outcome',
        channel: 'email',
        recipient: d.email,
        subject: words.subject(round.title),
        body: words.body({ round: round.title, outcome: words.outcome(d.outcome!), award, feedback: d.feedback.trim() || words.noFeedback, area: area.name, mineUrl: area.mineUrl }),
      });
    }
    if (due.length > 0) {
      await tx.updateTable('panel_candidate').set({ feedback_sent_at: new Date() }).where('area_id', '=', areaId).where('id', 'in', due.map((d) => d.candidateId)).execute();
    }
    await audit(tx, areaId, actorId, 'panels.grant_outcomes.sent', { type: 'panel', id: panelId, detail: { count: due.length } });
    return due.length;
  });
}

// ── Public: rounds open now ─────────────────────────────────────────────────────────────────────

export async function openRounds(db: Db, areaId: string, now = new Date()): Promise<Round[]> {
  return withArea(db, areaId, async (tx) => {
    const rows = await tx
      .selectFrom('panel')
      .select(['id', 'activity_id', 'title', 'purpose', 'pot_pence', 'closes_at', 'status', 'version'])
      .where('area_id', '=', areaId)
      .where('kind', '=', 'grant')
      .where('status', '!=', 'decided')
      .where('closes_at', '>', now)
      .orderBy('closes_at')
      .execute();
    return rows.map((r) => ({ id: r.id, activityId: r.activity_id, title: r.title, purpose: r.purpose, potPence: Number(r.pot_pence ?? 0), closesAt: r.closes_at, status: r.status, version: r.version }));
  });
}

/** A grant round for its public page (open or not: a closed one says so); undefined for anything else. */
export async function publicRound(db: Db, areaId: string, roundId: string): Promise<{ round: Round; questions: GrantQuestion[] } | undefined> {
  return withArea(db, areaId, async (tx) => {
    const round = await findRound(tx, areaId, roundId);
    if (!round) return undefined;
    return { round, questions: await listQuestions(tx, areaId, roundId) };
  });
}

// ── Signing in by a link ────────────────────────────────────────────────────────────────────────

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Someone asked for a sign-in link: the applicant for that address (made now if new: anyone may
 * apply) gets a new single-use link, valid LINK_MINUTES, by email (queued in this transaction).
 * The caller says the same thing whatever happened here.
 */
export async function requestSignInLink(db: Db, areaId: string, email: string, message: (link: string) => { subject: string; body: string }, linkFor: (token: string) => string, now = new Date()): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const address = email.trim();
    await tx
      .insertInto('grant_applicant')
      .values({ area_id: areaId, email: address })
      .onConflict((oc) => oc.expression(sql`area_id, lower(email)`).doNothing())
      .execute();
    const applicant = await tx.selectFrom('grant_applicant').select('id').where('area_id', '=', areaId).where(sql`lower(email)`, '=', normaliseEmail(address)).executeTakeFirstOrThrow();
    const token = newToken();
    await tx.insertInto('grant_sign_in').values({ token_hash: hashToken(token), area_id: areaId, applicant_id: applicant.id, kind: 'link', expires_at: new Date(now.getTime() + LINK_MINUTES * 60_000) }).execute();
    const words = message(linkFor(token));
    await queueMessage(tx, areaId, { purpose: 'grant_sign_in', channel: 'email', recipient: address, subject: words.subject, body: words.body });
  });
}

/** Whether a link could still be used (for its page: "Continue", or "this link has expired"); nothing changes. */
export async function linkUsable(db: Db, areaId: string, token: string, now = new Date()): Promise<boolean> {
  return withArea(db, areaId, async (tx) => {
    const row = await tx.selectFrom('grant_sign_in').select('token_hash').where('area_id', '=', areaId).where('token_hash', '=', hashToken(token)).where('kind', '=', 'link').where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
    return Boolean(row);
  });
}

/**
 * Uses a link, once (the update claims it: two presses at once sign in once), and makes a signed-in
 * browser: returns that browser's token (only its hash is kept), or undefined for a wrong, used or
 * expired link.
 */
export async function useSignInLink(db: Db, areaId: string, token: string, now = new Date()): Promise<string | undefined> {
  return withArea(db, areaId, async (tx) => {
    const used = await tx
      .updateTable('grant_sign_in')
      .set({ used_at: now })
      .where('area_id', '=', areaId)
      .where('token_hash', '=', hashToken(token))
      .where('kind', '=', 'link')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('applicant_id')
      .executeTakeFirst();
    if (!used) return undefined;
    const session = newToken();
    await tx.insertInto('grant_sign_in').values({ token_hash: hashToken(session), area_id: areaId, applicant_id: used.applicant_id, kind: 'session', expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000) }).execute();
    return session;
  });
}

export type Applicant = { id: string; email: string; organisationName: string; contactName: string };

/** The applicant a browser's cookie token signs in, in this area (a session, not expired). */
export async function applicantForToken(tx: AreaTx, areaId: string, token: string | undefined, now = new Date()): Promise<Applicant | undefined> {
  if (!token) return undefined;
  const row = await tx
    .selectFrom('grant_sign_in as s')
    .innerJoin('grant_applicant as p', (j) => j.onRef('p.id', '=', 's.applicant_id').onRef('p.area_id', '=', 's.area_id'))
    .select(['p.id', 'p.email', 'p.organisation_name', 'p.contact_name'])
    .where('s.area_id', '=', areaId)
    .where('s.token_hash', '=', hashToken(token))
    .where('s.kind', '=', 'session')
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, organisationName: row.organisation_name, contactName: row.contact_name } : undefined;
}

export async function currentApplicant(db: Db, areaId: string, token: string | undefined): Promise<Applicant | undefined> {
  if (!token) return undefined;
  return withArea(db, areaId, (tx) => applicantForToken(tx, areaId, token));
}

export async function signOut(db: Db, areaId: string, token: string): Promise<void> {
  await withArea(db, areaId, (tx) => tx.deleteFrom('grant_sign_in').where('area_id', '=', areaId).where('token_hash', '=', hashToken(token)).where('kind', '=', 'session').execute());
}

// ── Applying ────────────────────────────────────────────────────────────────────────────────────

export type Application = {
  id: string;
  panelId: string;
  projectTitle: string;
  amountPence: number | null;
  answers: Record<string, string>;
  status: 'draft' | 'submitted' | 'withdrawn';
  submittedAt: Date | null;
  candidateId: string | null;
  version: number;
  updatedAt: Date;
};

const APP_COLUMNS = ['id', 'panel_id', 'project_title', 'amount_pence', 'answers', 'status', 'submitted_at', 'candidate_id', 'version', 'updated_at'] as const;

function toApplication(r: { id: string; panel_id: string; project_title: string; amount_pence: string | null; answers: unknown; status: 'draft' | 'submitted' | 'withdrawn'; submitted_at: Date | null; candidate_id: string | null; version: number; updated_at: Date }): Application {
  return {
    id: r.id,
    panelId: r.panel_id,
    projectTitle: r.project_title,
    amountPence: r.amount_pence === null ? null : Number(r.amount_pence),
    answers: readAnswers(r.answers),
    status: r.status,
    submittedAt: r.submitted_at,
    candidateId: r.candidate_id,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** An applicant's application to a round: only ever found through the signed-in applicant, never by its id alone. */
async function findMyApplication(tx: AreaTx, areaId: string, applicantId: string, roundId: string): Promise<Application | undefined> {
  const row = await tx.selectFrom('grant_application').select(APP_COLUMNS).where('area_id', '=', areaId).where('applicant_id', '=', applicantId).where('panel_id', '=', roundId).executeTakeFirst();
  return row ? toApplication(row) : undefined;
}

export type ApplyPage = { round: Round; questions: GrantQuestion[]; applicant: Applicant; application: Application | undefined; open: boolean };

export async function applyPage(db: Db, areaId: string, applicantId: string, roundId: string): Promise<ApplyPage | undefined> {
  return withArea(db, areaId, async (tx) => {
    const round = await findRound(tx, areaId, roundId);
    if (!round) return undefined;
    const applicant = await tx.selectFrom('grant_applicant').select(['id', 'email', 'organisation_name', 'contact_name']).where('area_id', '=', areaId).where('id', '=', applicantId).executeTakeFirst();
    if (!applicant) return undefined;
    return {
      round,
      questions: await listQuestions(tx, areaId, roundId),
      applicant: { id: applicant.id, email: applicant.email, organisationName: applicant.organisation_name, contactName: applicant.contact_name },
      application: await findMyApplication(tx, areaId, applicantId, roundId),
      open: isOpen(round),
    };
  });
}

export type ApplicationDraft = { organisationName: string; contactName: string; projectTitle: string; amountPence: number | null; answers: Record<string, string> };

/** Why a save or a send was refused. */
export type SaveRefusal = 'closed' | 'stale' | 'sent';

/**
 * Saves what the applicant typed (gaps allowed): their organisation and name on the applicant, the
 * rest on their application to this round (made on the first save). `version` is the application's
 * version the form was read at (0 for none yet): a save from an older page is refused ('stale') and
 * the caller keeps what was typed. After the closing date, or once sent, nothing changes.
 */
export async function saveApplication(db: Db, areaId: string, applicantId: string, roundId: string, draft: ApplicationDraft, version: number, now = new Date()): Promise<{ ok: true; application: Application } | { ok: false; reason: SaveRefusal }> {
  return withArea(db, areaId, async (tx) => {
    const round = await findRound(tx, areaId, roundId);
    if (!round) throw new NotFoundError('grant round');
    if (!isOpen(round, now)) return { ok: false, reason: 'closed' };
    const questions = await listQuestions(tx, areaId, roundId);
    const answers: Record<string, string> = {};
    for (const q of questions) if (draft.answers[q.id]?.trim()) answers[q.id] = draft.answers[q.id]!.slice(0, ANSWER_MAX_CHARS);
    const existing = await findMyApplication(tx, areaId, applicantId, roundId);
    if (existing && existing.status !== 'draft') return { ok: false, reason: 'sent' };
    if ((existing?.version ?? 0) !== version) return { ok: false, reason: 'stale' };
    await tx.updateTable('grant_applicant').set({ organisation_name: draft.organisationName, contact_name: draft.contactName }).where('area_id', '=', areaId).where('id', '=', applicantId).execute();
    let row;
    if (existing) {
      row = await tx
        .updateTable('grant_application')
        .set({ project_title: draft.projectTitle, amount_pence: draft.amountPence, answers: JSON.stringify(answers), version: sql`version + 1`, updated_at: now })
        .where('area_id', '=', areaId)
        .where('id', '=', existing.id)
        .where('version', '=', version)
        .where('status', '=', 'draft')
        .returning(APP_COLUMNS)
        .executeTakeFirst();
    } else {
      row = await tx
        .insertInto('grant_application')
        .values({ area_id: areaId, panel_id: roundId, applicant_id: applicantId, project_title: draft.projectTitle, amount_pence: draft.amountPence, answers: JSON.stringify(answers), updated_at: now })
        .onConflict((oc) => oc.columns(['panel_id', 'applicant_id']).doNothing())
        .returning(APP_COLUMNS)
        .executeTakeFirst();
    }
    if (!row) return { ok: false, reason: 'stale' };
    return { ok: true, application: toApplication(row) };
  });
}

/** What is missing or wrong before an application can be sent, by field ('organisationName', 'amount', 'answer-<question id>', …). */
export type Gap = { field: string; problem: 'missing' | 'tooManyWords' };

export function applicationGaps(draft: ApplicationDraft, questions: readonly GrantQuestion[]): Gap[] {
  const gaps: Gap[] = [];
  if (!draft.organisationName.trim()) gaps.push({ field: 'organisationName', problem: 'missing' });
  if (!draft.contactName.trim()) gaps.push({ field: 'contactName', problem: 'missing' });
  if (!draft.projectTitle.trim()) gaps.push({ field: 'projectTitle', problem: 'missing' });
  if (draft.amountPence === null || draft.amountPence <= 0) gaps.push({ field: 'amount', problem: 'missing' });
  for (const q of questions) {
    const answer = draft.answers[q.id] ?? '';
    if (!answer.trim()) gaps.push({ field: `answer-${q.id}`, problem: 'missing' });
    else if (countWords(answer) > q.maxWords) gaps.push({ field: `answer-${q.id}`, problem: 'tooManyWords' });
  }
  return gaps;
}

/**
 * Sends the application: checked complete, status 'submitted', and in the same transaction the
 * panel's candidate for it ("Application 3": numbered in the order applications are sent; its name,
 * "<organisation>: <project title>", only for staff who may see names). Once: the round's row is
 * locked while it is numbered, and a second press (a double click) finds it sent and changes nothing.
 */
export async function sendApplication(db: Db, areaId: string, applicantId: string, roundId: string, now = new Date()): Promise<{ ok: true; label: string; alreadySent: boolean } | { ok: false; reason: 'closed' | 'gaps' | 'none' }> {
  return withArea(db, areaId, async (tx) => {
    const lockedRound = await tx.selectFrom('panel').select('id').where('area_id', '=', areaId).where('id', '=', roundId).where('kind', '=', 'grant').forUpdate().executeTakeFirst();
    if (!lockedRound) throw new NotFoundError('grant round');
    const round = (await findRound(tx, areaId, roundId))!;
    const application = await findMyApplication(tx, areaId, applicantId, roundId);
    if (!application) return { ok: false, reason: 'none' };
    if (application.status === 'submitted' && application.candidateId) {
      const c = await tx.selectFrom('panel_candidate').select('label').where('area_id', '=', areaId).where('id', '=', application.candidateId).executeTakeFirst();
      return { ok: true, label: c?.label ?? '', alreadySent: true };
    }
    if (!isOpen(round, now) || application.status !== 'draft') return { ok: false, reason: 'closed' };
    const applicant = await tx.selectFrom('grant_applicant').select(['organisation_name', 'contact_name']).where('area_id', '=', areaId).where('id', '=', applicantId).executeTakeFirstOrThrow();
    const questions = await listQuestions(tx, areaId, roundId);
    const draft = { organisationName: applicant.organisation_name, contactName: applicant.contact_name, projectTitle: application.projectTitle, amountPence: application.amountPence, answers: application.answers };
    if (applicationGaps(draft, questions).length > 0) return { ok: false, reason: 'gaps' };
    const counts = await tx
      .selectFrom('grant_application')
      .select(sql<number>`count(*)`.as('n'))
      .where('area_id', '=', areaId)
      .where('panel_id', '=', roundId)
      .where('candidate_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const last = await tx.selectFrom('panel_candidate').select(sql<number>`coalesce(max(position), 0)`.as('p')).where('area_id', '=', areaId).where('panel_id', '=', roundId).executeTakeFirstOrThrow();
    const label = `Application ${Number(counts.n) + 1}`;
    const name = `${applicant.organisation_name}: ${application.projectTitle}`.slice(0, 200);
    const candidate = await tx
      .insertInto('panel_candidate')
      .values({ area_id: areaId, panel_id: roundId, label, name, position: Number(last.p) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('grant_application')
      .set({ status: 'submitted', submitted_at: now, candidate_id: candidate.id, version: sql`version + 1`, updated_at: now })
      .where('area_id', '=', areaId)
      .where('id', '=', application.id)
      .execute();
    await audit(tx, areaId, null, 'panels.grant_application.sent', { type: 'panel', id: roundId, detail: { applicationId: application.id, candidateId: candidate.id, label } });
    return { ok: true, label, alreadySent: false };
  });
}

export type MyApplication = {
  roundId: string;
  roundTitle: string;
  closesAt: Date | null;
  open: boolean;
  projectTitle: string;
  amountPence: number | null;
  status: 'draft' | 'submitted' | 'withdrawn';
  submittedAt: Date | null;
  /** Only once the outcome has been sent to the applicant. */
  outcome: { outcome: PanelOutcome; awardPence: number | null; feedback: string } | null;
};

/** The signed-in applicant's applications in this area, newest round first, with outcomes once sent. */
export async function myApplications(db: Db, areaId: string, applicantId: string, now = new Date()): Promise<MyApplication[]> {
  return withArea(db, areaId, async (tx) => {
    const rows = await tx
      .selectFrom('grant_application as a')
      .innerJoin('panel as r', (j) => j.onRef('r.id', '=', 'a.panel_id').onRef('r.area_id', '=', 'a.area_id'))
      .leftJoin('panel_candidate as c', (j) => j.onRef('c.id', '=', 'a.candidate_id').onRef('c.area_id', '=', 'a.area_id'))
      .select(['a.panel_id', 'r.title', 'r.closes_at', 'r.status as round_status', 'a.project_title', 'a.amount_pence', 'a.status', 'a.submitted_at', 'c.outcome', 'c.award_pence', 'c.feedback', 'c.feedback_sent_at'])
      .where('a.area_id', '=', areaId)
      .where('a.applicant_id', '=', applicantId)
      .orderBy('a.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      roundId: r.panel_id,
      roundTitle: r.title,
      closesAt: r.closes_at,
      open: isOpen({ closesAt: r.closes_at, status: r.round_status }, now),
      projectTitle: r.project_title,
      amountPence: r.amount_pence === null ? null : Number(r.amount_pence),
      status: r.status,
      submittedAt: r.submitted_at,
      outcome: r.feedback_sent_at && r.outcome ? { outcome: r.outcome, awardPence: r.award_pence === null ? null : Number(r.award_pence), feedback: r.feedback ?? '' } : null,
    }));
  });
}

// ── For the seed ───────────────────────────────────────────────────────────────────────────────

/** An applicant by email (made if new), for the demo seed: its id. */
export async function startApplication(db: Db, areaId: string, email: string, details: { organisationName: string; contactName: string }): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await tx
      .insertInto('grant_applicant')
      .values({ area_id: areaId, email: email.trim(), organisation_name: details.organisationName, contact_name: details.contactName })
      .onConflict((oc) => oc.expression(sql`area_id, lower(email)`).doNothing())
      .execute();
    const row = await tx.selectFrom('grant_applicant').select('id').where('area_id', '=', areaId).where(sql`lower(email)`, '=', normaliseEmail(email)).executeTakeFirstOrThrow();
    return row.id;
  });
}
