/**
 * The safeguarding forms: a decision on a concern, an action taken, a concern raised by staff, a
 * lead's mobile number and the area's own phrases. Server-side validation only, GOV.UK wording.
 */
import { z } from 'zod';
import { readDate } from '../../lib/form-fields.ts';
import { normaliseUkMobile } from '../feedback/contacts.service.ts';
import { CONCERN_CATEGORIES, CONCERN_SEVERITIES } from './safeguarding-detector.ts';

const K = 'safeguarding.validation';
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export const DECISIONS = ['no_concern', 'referred_mash', 'referred_partnership', 'other'] as const;
export const WORDS_CHOICES = ['release', 'keep_hidden'] as const;

/** The decision form; `hasContribution` asks also what happens to the words among the activity's views. */
export function decisionForm(hasContribution: boolean) {
  return z
    .object({
      decision: z.preprocess(text, z.enum(DECISIONS, `${K}.decision.missing`)),
      note: z.preprocess(text, z.string().max(5000, `${K}.note.tooLong`)),
      words: z.preprocess((v) => text(v) || undefined, hasContribution ? z.enum(WORDS_CHOICES, `${K}.words.missing`) : z.undefined().catch(undefined)),
      version: z.preprocess((v) => Number(text(v)), z.number(`${K}.version`).int(`${K}.version`).positive(`${K}.version`)),
    })
    .superRefine((value, ctx) => {
      if (value.decision === 'other' && value.note === '') ctx.addIssue({ code: 'custom', path: ['note'], message: `${K}.note.missingForOther` });
    })
    .transform((v) => ({ ...v, words: v.words ?? null }));
}

export const DECISION_FIELD_IDS = { decision: 'decision', words: 'words', note: 'note' };

export const actionForm = z
  .object({
    'takenOn-day': z.preprocess(text, z.string()),
    'takenOn-month': z.preprocess(text, z.string()),
    'takenOn-year': z.preprocess(text, z.string()),
    description: z.preprocess(text, z.string().min(1, `${K}.description.missing`).max(2000, `${K}.description.tooLong`)),
  })
  .transform((v, ctx) => {
    const date = readDate({ day: v['takenOn-day'], month: v['takenOn-month'], year: v['takenOn-year'] });
    if (date === null) ctx.addIssue({ code: 'custom', path: ['takenOn'], message: `${K}.takenOn.missing` });
    else if (date === 'invalid') ctx.addIssue({ code: 'custom', path: ['takenOn'], message: `${K}.takenOn.invalid` });
    else if (date > new Date().toISOString().slice(0, 10)) ctx.addIssue({ code: 'custom', path: ['takenOn'], message: `${K}.takenOn.future` });
    return { takenOn: typeof date === 'string' && date !== 'invalid' ? date : '', description: v.description };
  });

export const ACTION_FIELD_IDS = { takenOn: 'takenOn-day', description: 'description' };

export const raiseForm = z.object({
  reason: z.preprocess(text, z.string().min(1, `${K}.reason.missing`).max(2000, `${K}.reason.tooLong`)),
});

export const mobileForm = z.object({
  accountId: z.preprocess(text, z.string().uuid(`${K}.lead.missing`)),
  mobile: z.preprocess(text, z.string().max(40, `${K}.mobile.invalid`)).transform((typed, ctx) => {
    if (typed === '') return null;
    const mobile = normaliseUkMobile(typed);
    if (!mobile) {
      ctx.addIssue({ code: 'custom', message: `${K}.mobile.invalid` });
      return z.NEVER;
    }
    return mobile;
  }),
});

export const phraseForm = z.object({
  phrase: z.preprocess(text, z.string().min(2, `${K}.phrase.missing`).max(120, `${K}.phrase.tooLong`)),
  category: z.preprocess(text, z.enum(CONCERN_CATEGORIES, `${K}.category.missing`)),
  severity: z.preprocess(text, z.enum(CONCERN_SEVERITIES, `${K}.severity.missing`)),
});
