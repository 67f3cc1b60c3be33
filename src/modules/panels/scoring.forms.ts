/** Panels (issue 16), part: scoring: the forms of the rubric, the decision and the debrief. */
import { z } from 'zod';

const text = (max: number, key: string) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(max, key));
const symbol = z.preprocess((v) => (typeof v === 'string' && /^[0-9A-F]{2,6}(-[0-9A-F]{2,6}){0,8}$/.test(v) ? v : null), z.string().nullable());

export const criterionForm = z.object({
  title: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'panels.scoring.errors.title.missing').max(120, 'panels.scoring.errors.title.long')),
  description: text(1000, 'panels.scoring.errors.description.long'),
  weight: z.preprocess((v) => (typeof v === 'string' && /^\d{1,2}$/.test(v.trim()) ? Number(v.trim()) : NaN), z.number({ message: 'panels.scoring.errors.weight.range' }).int().min(1, 'panels.scoring.errors.weight.range').max(10, 'panels.scoring.errors.weight.range')),
  symbol,
});

export const scaleForm = z.object({ scale: z.enum(['faces', 'stars'], { message: 'panels.scoring.errors.scale.missing' }) });
export const moveForm = z.object({ direction: z.enum(['up', 'down']) });

export const COMMENT_MAX = 3000;

/** The scoresheet: one 1–5 per criterion (`score-<criterion id>`), a comment, and which button. */
export function readScores(body: unknown, criterionIds: readonly string[]): { scores: Record<string, number>; comment: string; action: 'save' | 'send' } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const scores: Record<string, number> = {};
  for (const id of criterionIds) {
    const v = b[`score-${id}`];
    if (typeof v === 'string' && /^[1-5]$/.test(v)) scores[id] = Number(v);
  }
  const comment = typeof b.comment === 'string' ? b.comment.trim().slice(0, COMMENT_MAX) : '';
  return { scores, comment, action: b.action === 'send' ? 'send' : 'save' };
}

export const outcomeForm = z.object({
  outcome: z.enum(['appointed', 'not_appointed', 'reserve', 'funded', 'part_funded', 'not_funded'], { message: 'panels.scoring.errors.outcome.missing' }),
  reason: text(3000, 'panels.scoring.errors.reason.long'),
  feedback: text(5000, 'panels.scoring.errors.feedback.long'),
  award: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(20, 'panels.scoring.errors.award.invalid')),
});

export const decisionForm = z.object({
  summary: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'panels.scoring.errors.summary.missing').max(5000, 'panels.scoring.errors.summary.long')),
});

export const debriefForm = z.object({
  text: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'panels.scoring.errors.debrief.missing').max(3000, 'panels.scoring.errors.debrief.long')),
});
