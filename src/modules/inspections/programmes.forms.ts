/**
 * The programmes part's forms (issue 16 §2): a programme (what is inspected, what each star means,
 * the rules) and a proposed checklist item. Messages are catalogue keys.
 */
import { z } from 'zod';
import { findSymbol } from '../../lib/symbols.ts';

const K = 'inspections.programmes.errors.';

const whole = (missing: string, min: number, max: number, bad: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(/^\d{1,4}$/, bad)
    .transform(Number)
    .pipe(z.number().min(min, bad).max(max, bad));

const word = z.string({ error: `${K}wordMissing` }).trim().min(1, `${K}wordMissing`).max(200, `${K}wordTooLong`);

export const programmeForm = z
  .object({
    title: z.string({ error: `${K}titleMissing` }).trim().min(1, `${K}titleMissing`).max(200, `${K}titleTooLong`),
    focus: z.string().trim().max(3000, `${K}focusTooLong`).default(''),
    word1: word,
    word2: word,
    word3: word,
    word4: word,
    word5: word,
    reinspectAtOrBelow: whole(`${K}reinspectMissing`, 0, 4, `${K}reinspectBad`),
    reinspectAfterDays: whole(`${K}daysMissing`, 7, 730, `${K}daysBad`),
    standardAtOrAbove: whole(`${K}standardMissing`, 1, 5, `${K}standardBad`),
  })
  .superRefine((v, ctx) => {
    if (v.standardAtOrAbove <= v.reinspectAtOrBelow) ctx.addIssue({ code: 'custom', path: ['standardAtOrAbove'], message: `${K}standardBelowReinspect` });
  });

export const versionForm = z.object({ version: z.coerce.number().int().min(1) });

/** A checklist item proposed by an inspector or staff. The symbol must be a known OpenMoji. */
export const criterionForm = z.object({
  title: z.string({ error: `${K}criterionMissing` }).trim().min(1, `${K}criterionMissing`).max(120, `${K}criterionTooLong`),
  goodLooksLike: z.string().trim().max(1000, `${K}goodTooLong`).default(''),
  symbol: z
    .string()
    .trim()
    .default('')
    .refine((s) => s === '' || !!findSymbol(s), `${K}symbolUnknown`)
    .transform((s) => (s === '' ? null : s)),
});

export const decisionForm = z.object({ decision: z.enum(['agreed', 'dropped', 'proposed'], { error: `${K}decisionMissing` }) });
