/**
 * Panels (issue 16 §1), part: questions written by young people. Members draft questions (words, an
 * optional symbol, what a good answer looks like), see everyone's drafts, and choose together: a
 * draft is chosen or dropped, and chosen ones are put in order. The bank is the chosen questions of
 * the area's other panels of the same kind (row-level security keeps it to this area).
 *
 * Words are screened when typed (channel 'panel', key 'question:<id>'); a question with a
 * safeguarding concern is never shown to anyone but the member who wrote it (a lead sees it on the
 * concerns page), nor offered in the bank.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { keysWithConcerns, screenText } from '../privacy/safeguarding.service.ts';
import { findPanel, type Panel, type PanelMember } from './core.ts';
import { authorisedPanel, memberOf } from './scoring.service.ts';

export type QuestionStatus = 'draft' | 'chosen' | 'dropped';
export type PanelQuestion = { id: string; text: string; goodAnswer: string; symbol: string | null; status: QuestionStatus; position: number; mine: boolean; held: boolean };

/** Who is looking: a member of the panel, or staff who may manage it (or both). */
export type QuestionViewer = { panel: Panel; member: PanelMember | null; staff: boolean };

/** This request as a viewer of a panel's questions, or undefined (not a member, not staff who manage it). */
export async function questionViewer(db: Db, request: FastifyRequest, areaId: string, panelId: string): Promise<QuestionViewer | undefined> {
  const found = await memberOf(db, request, areaId, panelId);
  let staff = false;
  if (request.actor) {
    try {
      await authorisedPanel(db, request.actor, areaId, panelId, 'panel.manage');
      staff = true;
    } catch (error) {
      if (!(error instanceof ForbiddenError) && !(error instanceof NotFoundError)) throw error;
    }
  }
  if (found) return { panel: found.panel, member: found.member, staff };
  if (!staff) return undefined;
  const panel = await withArea(db, areaId, (tx) => findPanel(tx, areaId, panelId));
  return panel ? { panel, member: null, staff } : undefined;
}

const heldKey = (id: string) => `question:${id}`;

/** The panel's questions: chosen in order, then drafts, then dropped. Held ones only for their writer. */
export async function listQuestions(db: Db, areaId: string, viewer: QuestionViewer): Promise<PanelQuestion[]> {
  return withArea(db, areaId, async (tx) => {
    const rows = await tx.selectFrom('panel_question').select(['id', 'text', 'good_answer', 'symbol', 'status', 'position', 'proposed_by']).where('area_id', '=', areaId).where('panel_id', '=', viewer.panel.id).orderBy('position').execute();
    const held = await keysWithConcerns(tx, areaId, 'panel', rows.map((r) => heldKey(r.id)));
    const order: Record<QuestionStatus, number> = { chosen: 0, draft: 1, dropped: 2 };
    return rows
      .map((r) => ({ id: r.id, text: r.text, goodAnswer: r.good_answer, symbol: r.symbol, status: r.status, position: r.position, mine: Boolean(viewer.member) && r.proposed_by === viewer.member!.id, held: held.has(heldKey(r.id)) }))
      .filter((q) => !q.held || q.mine)
      .sort((a, b) => order[a.status] - order[b.status] || a.position - b.position);
  });
}

export type NewQuestion = { text: string; goodAnswer: string; symbol: string | null };

/**
 * A new draft question, screened as it is saved. Returns whether it is held (only its writer sees it)
 * and whether a concern was raised now (call sendAlertsNow after the commit).
 */
export async function addQuestion(db: Db, areaId: string, proposedBy: string | null, panelId: string, input: NewQuestion, status: QuestionStatus = 'draft'): Promise<{ id: string; held: boolean; raised: boolean }> {
  return withArea(db, areaId, async (tx) => {
    const panel = await findPanel(tx, areaId, panelId);
    if (!panel) throw new NotFoundError('panel');
    const last = await tx.selectFrom('panel_question').select((eb) => eb.fn.max('position').as('p')).where('area_id', '=', areaId).where('panel_id', '=', panelId).executeTakeFirst();
    const row = await tx
      .insertInto('panel_question')
      .values({ area_id: areaId, panel_id: panelId, text: input.text, good_answer: input.goodAnswer, symbol: input.symbol, status, proposed_by: proposedBy, position: Number(last?.p ?? 0) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const screened = await screenText(tx, areaId, { channel: 'panel', sourceKey: heldKey(row.id), text: `${input.text}\n${input.goodAnswer}`, activityId: panel.activityId, context: { question: `Panel question: ${panel.title}` } });
    return { id: row.id, held: screened.hold, raised: screened.raised };
  });
}

/** Marks a question chosen, dropped or back to a draft (a held question cannot be chosen). */
export async function chooseQuestion(db: Db, areaId: string, panelId: string, questionId: string, status: QuestionStatus): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (status === 'chosen' && (await keysWithConcerns(tx, areaId, 'panel', [heldKey(questionId)])).size) throw new NotFoundError('question');
    const r = await tx.updateTable('panel_question').set({ status }).where('area_id', '=', areaId).where('panel_id', '=', panelId).where('id', '=', questionId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('question');
  });
}

/** Swaps a chosen question with the chosen one above or below it. */
export async function moveQuestion(db: Db, areaId: string, panelId: string, questionId: string, direction: 'up' | 'down'): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const chosen = await tx.selectFrom('panel_question').select(['id', 'position']).where('area_id', '=', areaId).where('panel_id', '=', panelId).where('status', '=', 'chosen').orderBy('position').forUpdate().execute();
    const i = chosen.findIndex((q) => q.id === questionId);
    const here = chosen[i];
    const there = chosen[direction === 'up' ? i - 1 : i + 1];
    if (!here || !there) return;
    await tx.updateTable('panel_question').set({ position: there.position }).where('area_id', '=', areaId).where('id', '=', here.id).execute();
    await tx.updateTable('panel_question').set({ position: here.position }).where('area_id', '=', areaId).where('id', '=', there.id).execute();
  });
}

export type BankQuestion = { id: string; text: string; goodAnswer: string; symbol: string | null; panelTitle: string };

/** Chosen questions of this area's other panels of the same kind (never held ones), newest panels first. */
export async function questionBank(db: Db, areaId: string, panel: Panel): Promise<BankQuestion[]> {
  return withArea(db, areaId, async (tx) => {
    const rows = await tx
      .selectFrom('panel_question as q')
      .innerJoin('panel as p', (j) => j.onRef('p.id', '=', 'q.panel_id').onRef('p.area_id', '=', 'q.area_id'))
      .select(['q.id', 'q.text', 'q.good_answer', 'q.symbol', 'p.title'])
      .where('q.area_id', '=', areaId)
      .where('p.kind', '=', panel.kind)
      .where('p.id', '!=', panel.id)
      .where('q.status', '=', 'chosen')
      .orderBy('p.created_at', 'desc')
      .orderBy('q.position')
      .limit(200)
      .execute();
    const held = await keysWithConcerns(tx, areaId, 'panel', rows.map((r) => heldKey(r.id)));
    return rows.filter((r) => !held.has(heldKey(r.id))).map((r) => ({ id: r.id, text: r.text, goodAnswer: r.good_answer, symbol: r.symbol, panelTitle: r.title }));
  });
}

/** "Use this question": copies a bank question into this panel as a draft. */
export async function useBankQuestion(db: Db, areaId: string, proposedBy: string | null, panel: Panel, bankQuestionId: string): Promise<string> {
  const bank = await questionBank(db, areaId, panel);
  const source = bank.find((q) => q.id === bankQuestionId);
  if (!source) throw new NotFoundError('question');
  const { id } = await addQuestion(db, areaId, proposedBy, panel.id, { text: source.text, goodAnswer: source.goodAnswer, symbol: source.symbol });
  return id;
}
