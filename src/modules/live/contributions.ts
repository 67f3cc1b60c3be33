/**
 * After a live session (issue 15 §3): every answer and post becomes a contribution in the single
 * store, so it can be themed, answered ("you said, we did") and told back like a survey answer.
 *
 * - One contribution per answer ('answer:<interaction id>') and per participant's post
 *   ('post:<post id>') on the participant's 'live' response, with its receipt code: hearing back and
 *   "what happened to my view" work as for a survey. The facilitator's own notes are not anyone's view.
 * - Words are the ORIGINAL words: the contributions pipeline removes personal details itself (and
 *   marks the contribution for review), and screens for safeguarding again under the key used during
 *   the session, so a note held then stays held and raises no second concern.
 * - A note the facilitator hid stays hidden, with their reason.
 * - Made by a job once the session has ended (the minute job finds any session not yet done, and
 *   ending a session asks for it at once); a second run adds nothing (ON CONFLICT on response and key).
 */
import { sql } from 'kysely';
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { findSymbol } from '../../lib/symbols.ts';
import { listAreas } from '../areas/areas.service.ts';
import { addLiveContributions, type NewLiveContribution } from '../contributions/contributions.service.ts';
import { keysWithConcerns } from '../privacy/safeguarding.service.ts';
import { answerSchemas, listInteractions, readSettings, type LiveInteraction, type LiveOption } from './core.ts';
import { answerSourceKey, postSourceKey } from './moderation.service.ts';

/** Why a hidden note is hidden when the facilitator gave no reason. */
const HIDDEN_NO_REASON = 'Hidden by the facilitator during the live session';

const labelOf = (options: readonly LiveOption[], id: string) => options.find((o) => o.id === id)?.label;

/** An answer in words, as a contribution's text: "Yes", "fun, friends", "4 out of 5 (Good)", "1. Parks, 2. Pools". */
export function answerText(interaction: Pick<LiveInteraction, 'kind' | 'settings'>, value: unknown): string {
  switch (interaction.kind) {
    case 'choice': {
      const parsed = answerSchemas.choice.safeParse(value);
      if (!parsed.success) return '';
      const { options } = readSettings('choice', interaction.settings);
      return parsed.data.options.map((id) => labelOf(options, id)).filter(Boolean).join(', ');
    }
    case 'word_cloud': {
      const parsed = answerSchemas.word_cloud.safeParse(value);
      return parsed.success ? parsed.data.words.map((w) => w.trim()).filter(Boolean).join(', ') : '';
    }
    case 'scale': {
      const parsed = answerSchemas.scale.safeParse(value);
      if (!parsed.success) return '';
      const v = parsed.data.value;
      const { lowLabel, highLabel } = readSettings('scale', interaction.settings);
      if (v === 1 && lowLabel) return `1 out of 5 (${lowLabel})`;
      if (v === 5 && highLabel) return `5 out of 5 (${highLabel})`;
      if (lowLabel && highLabel) return `${v} out of 5 (1 is ${lowLabel}, 5 is ${highLabel})`;
      return `${v} out of 5`;
    }
    case 'ranking': {
      const parsed = answerSchemas.ranking.safeParse(value);
      if (!parsed.success) return '';
      const { options } = readSettings('ranking', interaction.settings);
      return parsed.data.order.map((id) => labelOf(options, id)).filter(Boolean).map((label, i) => `${i + 1}. ${label}`).join(', ');
    }
    default:
      return '';
  }
}

/** A note's words; a note that is only a symbol is the symbol's name ("Symbol: grinning face"). */
export function postText(originalText: string, symbol: string | null): string {
  if (originalText.trim()) return originalText;
  const found = symbol ? findSymbol(symbol) : undefined;
  return found ? `Symbol: ${found.name}` : '';
}

type SessionRow = { id: string; activity_id: string; status: string; contributions_made_at: Date | null };

/**
 * Makes the contributions of one ended session, in the caller's transaction. Returns undefined when
 * the session has not ended (nothing to do yet). The session's answers and posts are read in a fixed
 * number of queries; each contribution is then screened and inserted on its own, as a survey's are.
 */
export async function makeContributionsIn(tx: AreaTx, areaId: string, sessionId: string): Promise<{ added: number; concernRaised: boolean } | undefined> {
  // The session row's lock: two instances' runs take turns, and the second finds the work done.
  const session = (await tx
    .selectFrom('live_session')
    .select(['id', 'activity_id', 'status', 'contributions_made_at'])
    .where('area_id', '=', areaId)
    .where('id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst()) as SessionRow | undefined;
  if (!session || session.status !== 'ended') return undefined;
  const interactions = new Map((await listInteractions(tx, areaId, sessionId)).map((i) => [i.id, i]));
  const ids = [...interactions.keys()];
  const items: NewLiveContribution[] = [];
  if (ids.length > 0) {
    const answers = await tx
      .selectFrom('live_answer as a')
      .innerJoin('live_participant as p', (j) => j.onRef('p.area_id', '=', 'a.area_id').onRef('p.id', '=', 'a.participant_id'))
      .innerJoin('response as r', (j) => j.onRef('r.area_id', '=', 'p.area_id').onRef('r.id', '=', 'p.response_id'))
      .select(['a.interaction_id', 'a.participant_id', 'a.value', 'p.response_id', 'r.receipt_code'])
      .where('a.area_id', '=', areaId)
      .where('a.interaction_id', 'in', ids)
      .orderBy('a.created_at')
      .execute();
    for (const a of answers) {
      // Every live response has a receipt code (made on joining); one without cannot be told back.
      if (!a.receipt_code) continue;
      const interaction = interactions.get(a.interaction_id)!;
      items.push({
        activityId: session.activity_id,
        responseId: a.response_id,
        receiptCode: a.receipt_code,
        liveSessionId: session.id,
        liveInteractionId: interaction.id,
        liveKey: `answer:${interaction.id}`,
        text: answerText(interaction, a.value),
        sourceKey: answerSourceKey(interaction.id, a.participant_id),
        question: interaction.prompt,
        hidden: null,
      });
    }
    const posts = await tx
      .selectFrom('live_post as o')
      .innerJoin('live_participant as p', (j) => j.onRef('p.area_id', '=', 'o.area_id').onRef('p.id', '=', 'o.participant_id'))
      .innerJoin('response as r', (j) => j.onRef('r.area_id', '=', 'p.area_id').onRef('r.id', '=', 'p.response_id'))
      .select(['o.id', 'o.interaction_id', 'o.participant_id', 'o.client_key', 'o.original_text', 'o.symbol', 'o.status', 'o.hidden_reason', 'o.moderated_by', 'p.response_id', 'r.receipt_code'])
      .where('o.area_id', '=', areaId)
      .where('o.interaction_id', 'in', ids)
      .orderBy('o.created_at')
      .execute();
    // A post's words were screened under 'post:<id>' (the contract) or, by the answering pages, under
    // a key made from the form; whichever already has a concern is used again, so none is raised twice.
    const formKey = (o: (typeof posts)[number]) => `post:${o.interaction_id}/${o.participant_id}/${o.client_key}`;
    const flagged = await keysWithConcerns(tx, areaId, 'live', posts.flatMap((o) => [postSourceKey(o.id), formKey(o)]));
    for (const o of posts) {
      if (!o.receipt_code) continue;
      const interaction = interactions.get(o.interaction_id)!;
      items.push({
        activityId: session.activity_id,
        responseId: o.response_id,
        receiptCode: o.receipt_code,
        liveSessionId: session.id,
        liveInteractionId: interaction.id,
        liveKey: `post:${o.id}`,
        text: postText(o.original_text, o.symbol),
        sourceKey: flagged.has(formKey(o)) ? formKey(o) : postSourceKey(o.id),
        question: interaction.prompt,
        hidden: o.status === 'hidden' ? { reason: o.hidden_reason || HIDDEN_NO_REASON, by: o.moderated_by } : null,
      });
    }
  }
  const made = await addLiveContributions(tx, areaId, items);
  await tx.updateTable('live_session').set({ contributions_made_at: sql`now()` } as never).where('area_id', '=', areaId).where('id', '=', sessionId).execute();
  return made;
}

/** Makes one ended session's contributions in its own transaction (see makeContributionsIn). */
export function makeSessionContributions(db: Db, areaId: string, sessionId: string): Promise<{ added: number; concernRaised: boolean } | undefined> {
  return withArea(db, areaId, (tx) => makeContributionsIn(tx, areaId, sessionId));
}

/**
 * Asks for an ended session's contributions at once, after the ending has committed, without making
 * the facilitator wait: the 'live-contributions' minute job does it anyway if this fails.
 */
export function makeContributionsSoon(db: Db, areaId: string, sessionId: string, log: (error: unknown) => void): void {
  void makeSessionContributions(db, areaId, sessionId).catch(log);
}

/**
 * The job: every ended session whose contributions are not made yet, in every area (a few at a time
 * per area, oldest first). Returns how many contributions were added.
 */
export async function makeLiveContributions(db: Db, options: { limit?: number } = {}): Promise<number> {
  const limit = options.limit ?? 20;
  let added = 0;
  for (const area of await listAreas(db)) {
    const due = await withArea(db, area.id, (tx) =>
      tx.selectFrom('live_session').select('id').where('area_id', '=', area.id).where('status', '=', 'ended').where('contributions_made_at', 'is', null).orderBy('ended_at').limit(limit).execute(),
    );
    for (const session of due) added += (await makeSessionContributions(db, area.id, session.id))?.added ?? 0;
  }
  return added;
}
