/**
 * Tallies (issue 15 §3): what an interaction's answers add up to, for the big screen, the console and
 * the results page. Owned by the participate part; read by every part.
 *
 * A group answering together ("we are answering as a group of 3") counts once as an answer and is
 * counted as its number of people in `people`. A word cloud counts only words that were screened and
 * not held. A closed interaction's tally is frozen: read `frozenTally` instead of counting again.
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';
import { readSettings, type LiveInteraction } from './core.ts';

export type Tally =
  | { kind: 'choice'; answers: number; people: number; counts: Record<string, number> }
  | { kind: 'word_cloud'; answers: number; people: number; words: { word: string; count: number }[] }
  | { kind: 'scale'; answers: number; people: number; counts: [number, number, number, number, number]; mean: number | null }
  | { kind: 'ranking'; answers: number; people: number; points: Record<string, number>; order: string[] }
  | { kind: 'posts'; posts: number };

type Row = { interaction_id: string; value: unknown; shown_text: string; group_size: number };

const POST_KINDS: ReadonlySet<LiveInteraction['kind']> = new Set(['open_text', 'qanda', 'board']);

/** The tally of one interaction now (or as frozen, once closed). */
export async function tallyInteraction(tx: AreaTx, areaId: string, interaction: LiveInteraction): Promise<Tally> {
  return (await tallyInteractions(tx, areaId, [interaction])).get(interaction.id)!;
}

/**
 * The tallies of several interactions (the results page, the console): at most two queries however
 * many there are, one for the shown posts and one for the answers; closed ones read their frozen tally.
 */
export async function tallyInteractions(tx: AreaTx, areaId: string, interactions: readonly LiveInteraction[]): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>();
  const live = interactions.filter((i) => {
    if (i.state === 'closed' && i.frozenTally) {
      out.set(i.id, i.frozenTally as Tally);
      return false;
    }
    return true;
  });
  const postIds = live.filter((i) => POST_KINDS.has(i.kind)).map((i) => i.id);
  const answerIds = live.filter((i) => !POST_KINDS.has(i.kind)).map((i) => i.id);
  if (postIds.length > 0) {
    const counts = await tx
      .selectFrom('live_post')
      .select(['interaction_id', sql<string>`count(*)`.as('n')])
      .where('area_id', '=', areaId)
      .where('interaction_id', 'in', postIds)
      .where('status', '=', 'shown')
      .groupBy('interaction_id')
      .execute();
    const byId = new Map(counts.map((c) => [c.interaction_id, Number(c.n)]));
    for (const id of postIds) out.set(id, { kind: 'posts', posts: byId.get(id) ?? 0 });
  }
  if (answerIds.length > 0) {
    const rows = (await tx
      .selectFrom('live_answer as a')
      .innerJoin('live_participant as p', (j) => j.onRef('p.id', '=', 'a.participant_id').onRef('p.area_id', '=', 'a.area_id'))
      .select(['a.interaction_id', 'a.value', 'a.shown_text', 'p.group_size'])
      .where('a.area_id', '=', areaId)
      .where('a.interaction_id', 'in', answerIds)
      .where('a.held', '=', false)
      .execute()) as Row[];
    const byInteraction = new Map<string, Row[]>(answerIds.map((id) => [id, []]));
    for (const r of rows) byInteraction.get(r.interaction_id)?.push(r);
    for (const i of live) if (!POST_KINDS.has(i.kind)) out.set(i.id, tallyOfAnswers(i, byInteraction.get(i.id)!));
  }
  return out;
}

/** An answered interaction's tally from its answers (not held). */
function tallyOfAnswers(interaction: LiveInteraction, rows: readonly Row[]): Tally {
  const answers = rows.length;
  const people = rows.reduce((sum, r) => sum + r.group_size, 0);
  switch (interaction.kind) {
    case 'choice': {
      const settings = readSettings('choice', interaction.settings);
      const counts: Record<string, number> = Object.fromEntries(settings.options.map((o) => [o.id, 0]));
      for (const r of rows) for (const id of (r.value as { options?: string[] }).options ?? []) if (id in counts) counts[id]! += 1;
      return { kind: 'choice', answers, people, counts };
    }
    case 'scale': {
      const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      let total = 0;
      for (const r of rows) {
        const v = (r.value as { value?: number }).value;
        if (typeof v === 'number' && v >= 1 && v <= 5) {
          counts[v - 1]! += 1;
          total += v;
        }
      }
      return { kind: 'scale', answers, people, counts, mean: answers > 0 ? Math.round((total / answers) * 10) / 10 : null };
    }
    case 'word_cloud': {
      const counts = new Map<string, number>();
      for (const r of rows) for (const w of r.shown_text.split('\n').map((x) => x.trim().toLowerCase()).filter(Boolean)) counts.set(w, (counts.get(w) ?? 0) + 1);
      const words = [...counts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || a.word.localeCompare(b.word)).slice(0, 60);
      return { kind: 'word_cloud', answers, people, words };
    }
    case 'ranking': {
      // Borda points: with n options, first place scores n, last scores 1.
      const settings = readSettings('ranking', interaction.settings);
      const points: Record<string, number> = Object.fromEntries(settings.options.map((o) => [o.id, 0]));
      const n = settings.options.length;
      for (const r of rows) (r.value as { order?: string[] }).order?.forEach((id, i) => { if (id in points) points[id]! += n - i; });
      const order = settings.options.map((o) => o.id).sort((a, b) => points[b]! - points[a]!);
      return { kind: 'ranking', answers, people, points, order };
    }
    default:
      return { kind: 'posts', posts: 0 };
  }
}
