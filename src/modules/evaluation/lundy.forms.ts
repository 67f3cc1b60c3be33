/**
 * The Lundy forms: an activity's checklist (an answer and a note per question) and the area's
 * choice of checklist with its own words. Built from the questions on the page, so field names are
 * by question number: answer-3, note-3, wording-3 (each field's id is its name).
 *
 * Rules: an answer is yes, partly, no or not applicable (or none yet); a note is at most 1,000
 * characters; a note needs an answer; an answer that differs from Chorus' proposal needs a note
 * saying why (the override is kept, and the reason is what makes it useful later).
 */
import { z } from 'zod';
import { LUNDY_ANSWERS, LUNDY_TEMPLATE_IDS, type LundyAnswer, type LundyTemplateId } from './data/lundy.ts';
import type { ChecklistInput, TemplateInput } from './lundy.service.ts';

export const NOTE_MAX = 1000;
export const WORDING_MAX = 300;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const isAnswer = (value: string): value is LundyAnswer => (LUNDY_ANSWERS as readonly string[]).includes(value);

type ChecklistQuestion = { id: string; number: number; proposed: LundyAnswer | null };

export function checklistForm(questions: readonly ChecklistQuestion[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) {
    shape[`answer-${q.number}`] = z.unknown().optional();
    shape[`note-${q.number}`] = z.unknown().optional();
  }
  return z
    .object(shape)
    .superRefine((body, ctx) => {
      for (const q of questions) {
        const answer = text(body[`answer-${q.number}`]);
        const note = text(body[`note-${q.number}`]);
        const params = { number: q.number };
        if (answer !== '' && !isAnswer(answer)) ctx.addIssue({ code: 'custom', path: [`answer-${q.number}`], message: 'evaluation.lundy.validation.answer', params });
        if (note.length > NOTE_MAX) ctx.addIssue({ code: 'custom', path: [`note-${q.number}`], message: 'evaluation.lundy.validation.noteLength', params: { ...params, max: NOTE_MAX } });
        else if (note !== '' && answer === '') ctx.addIssue({ code: 'custom', path: [`answer-${q.number}`], message: 'evaluation.lundy.validation.answerForNote', params });
        else if (isAnswer(answer) && q.proposed !== null && answer !== q.proposed && note === '')
          ctx.addIssue({ code: 'custom', path: [`note-${q.number}`], message: 'evaluation.lundy.validation.noteNeeded', params });
      }
    })
    .transform((body): ChecklistInput =>
      questions.flatMap((q) => {
        const answer = text(body[`answer-${q.number}`]);
        return isAnswer(answer) ? [{ itemId: q.id, answer, note: text(body[`note-${q.number}`]) }] : [];
      }),
    );
}

type WordingQuestion = { id: string; number: number };

export function templateForm(questions: readonly WordingQuestion[]) {
  const shape: Record<string, z.ZodType> = {
    templateId: z.preprocess(text, z.string().refine((v) => (LUNDY_TEMPLATE_IDS as readonly string[]).includes(v), 'evaluation.lundy.validation.template')),
  };
  for (const q of questions) shape[`wording-${q.number}`] = z.unknown().optional();
  shape.version = z.preprocess(text, z.string().regex(/^\d{1,9}$/)).catch('0');
  return z
    .object(shape)
    .superRefine((body, ctx) => {
      for (const q of questions) {
        const words = text(body[`wording-${q.number}`]);
        if (words.length > WORDING_MAX) ctx.addIssue({ code: 'custom', path: [`wording-${q.number}`], message: 'evaluation.lundy.validation.wordingLength', params: { number: q.number, max: WORDING_MAX } });
      }
    })
    .transform(
      (body): TemplateInput => ({
        templateId: body.templateId as LundyTemplateId,
        version: Number(body.version),
        wording: Object.fromEntries(questions.filter((q) => typeof body[`wording-${q.number}`] === 'string').map((q) => [q.id, text(body[`wording-${q.number}`])])),
      }),
    );
}
