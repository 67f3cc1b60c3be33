/**
 * Panels (issue 16 §1), part: grants — a grant round's public side ("Dragon's Den"). Providers apply
 * through a public form (signed in by an emailed link, no password), save and come back, and send;
 * a sent application becomes the panel's candidate ("Application 1") for the young people to score.
 * Staff keep the round's questions, see the applications and the pot, and send the outcomes.
 */
import type { AreaTx } from '../../db/database.ts';

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
