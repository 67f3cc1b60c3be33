/**
 * The forms of "what taking part did": the area's evaluation questions and when to ask again; staff's
 * answers to (1) and (2); the participant impact check. Messages are catalogue keys under
 * evaluation.impact.validation (children's easy-read variants are chosen by the routes).
 */
import { z } from 'zod';
import { ACTIVITIES_RANGE, EVALUATION_QUESTIONS, IMPACT_ITEMS, MONTHS_RANGE, QUESTION_MAX, type EvaluationQuestionId, type ImpactItemId } from './data/impact-questions.ts';

const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '');
const V = 'evaluation.impact.validation';

// ── Settings ─────────────────────────────────────────────────────────────────────────────────

const wording = () => z.preprocess(text, z.string().max(QUESTION_MAX, `${V}.questionTooLong`));
const wordingFields = Object.fromEntries(
  EVALUATION_QUESTIONS.map((q) => [`question_${q.id}`, wording()]),
) as unknown as Record<`question_${EvaluationQuestionId}`, ReturnType<typeof wording>>;

const wholeNumber = (missing: string, range: string, min: number, max: number) =>
  z.preprocess(text, z.string().min(1, missing).regex(/^\d{1,3}$/, range).transform(Number).pipe(z.number().int().min(min, range).max(max, range)));

export const settingsForm = z
  .object({
    ...wordingFields,
    againAfterMonths: wholeNumber(`${V}.monthsMissing`, `${V}.monthsRange`, MONTHS_RANGE.min, MONTHS_RANGE.max),
    // Empty: no "after N activities", only the months.
    againAfterActivities: z.preprocess(
      (value) => text(value) || null,
      z
        .string()
        .regex(/^\d{1,3}$/, `${V}.activitiesRange`)
        .transform(Number)
        .pipe(z.number().int().min(ACTIVITIES_RANGE.min, `${V}.activitiesRange`).max(ACTIVITIES_RANGE.max, `${V}.activitiesRange`))
        .nullable(),
    ),
  })
  .transform((v) => ({
    wording: Object.fromEntries(EVALUATION_QUESTIONS.map((q) => [q.id, v[`question_${q.id}`]])) as Record<EvaluationQuestionId, string>,
    againAfterMonths: v.againAfterMonths,
    againAfterActivities: v.againAfterActivities,
  }));

// ── (1) and (2) ──────────────────────────────────────────────────────────────────────────────

export const CHANGE_MAX = 2000;
export const EVIDENCE_MAX = 500;

export const changeForm = z
  .object({
    target: z.preprocess(text, z.string().max(60)),
    didDifferently: z.preprocess(text, z.string().min(1, `${V}.differentlyMissing`).max(CHANGE_MAX, `${V}.differentlyTooLong`)),
    differentlyEvidence: z.preprocess(text, z.string().min(1, `${V}.evidenceMissing`).max(EVIDENCE_MAX, `${V}.evidenceTooLong`)),
    impactOnUsers: z.preprocess(text, z.string().max(CHANGE_MAX, `${V}.impactTooLong`)),
    impactEvidence: z.preprocess(text, z.string().max(EVIDENCE_MAX, `${V}.evidenceTooLong`)),
  })
  .superRefine((v, ctx) => {
    if (v.impactOnUsers && !v.impactEvidence) ctx.addIssue({ code: 'custom', path: ['impactEvidence'], message: `${V}.evidenceMissing` });
    if (!v.impactOnUsers && v.impactEvidence) ctx.addIssue({ code: 'custom', path: ['impactOnUsers'], message: `${V}.impactMissing` });
  });

// ── The participant impact check ─────────────────────────────────────────────────────────────

/** The answer "I'd rather not say" to an item: not stored, so the item leaves that person's pairs. */
export const SKIP = 'skip';

const answer = (item: ImpactItemId) =>
  z.preprocess(text, z.enum(['1', '2', '3', SKIP], { message: `${V}.answerMissing.${item}` }).transform((v) => (v === SKIP ? null : Number(v))));

export const checkForm = z
  .object(Object.fromEntries(IMPACT_ITEMS.map((i) => [i.id, answer(i.id)])) as Record<ImpactItemId, ReturnType<typeof answer>>)
  .transform((v) => Object.fromEntries(Object.entries(v).filter(([, n]) => n !== null)) as Partial<Record<ImpactItemId, number>>);

export const codeForm = z.object({ code: z.preprocess(text, z.string().min(1, `${V}.codeMissing`).max(60, `${V}.codeWrong`)) });
