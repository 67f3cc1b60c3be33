/**
 * The members part's forms (issue 16 §1): a new member, a member's checklist as staff record it, a
 * young person's code and their own answers, candidates and time given. Everything typed comes back
 * when something is wrong.
 */
import { z } from 'zod';
import { email } from '../../lib/form-fields.ts';
import { readDate } from '../../lib/form-fields.ts';
import { AGE_BANDS } from '../activities/activities.service.ts';
import { parseMemberCode } from './core.ts';
import { TIME_WHAT } from './members.service.ts';

const K = 'panels.members.errors.';
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const trimmed = (v: unknown) => str(v).trim();

export const NAME_MAX = 60;
export const NOTE_MAX = 300;
export const CONFLICT_MAX = 1000;

export const WHO = ['young_person', 'parent_code', 'parent_account', 'staff'] as const;
export type Who = (typeof WHO)[number];

export type NewMember =
  | { who: 'young_person'; displayName: string; ageBand: string }
  | { who: 'parent_code'; displayName: string }
  | { who: 'parent_account' | 'staff'; email: string };

export const newMemberForm = z
  .object({
    who: z.enum(WHO, { error: `${K}whoMissing` }),
    displayName: z.preprocess(trimmed, z.string()),
    ageBand: z.preprocess(str, z.string()),
    email: z.preprocess(trimmed, z.string()),
  })
  .transform((data, ctx): NewMember => {
    if (data.who === 'young_person' || data.who === 'parent_code') {
      if (!data.displayName) ctx.addIssue({ code: 'custom', path: ['displayName'], message: `${K}nameMissing` });
      else if (data.displayName.length > NAME_MAX) ctx.addIssue({ code: 'custom', path: ['displayName'], message: `${K}nameTooLong`, params: { max: NAME_MAX } });
      if (data.who === 'young_person' && !(AGE_BANDS as readonly string[]).includes(data.ageBand)) ctx.addIssue({ code: 'custom', path: ['ageBand'], message: `${K}ageBandMissing` });
      return data.who === 'young_person' ? { who: data.who, displayName: data.displayName, ageBand: data.ageBand } : { who: data.who, displayName: data.displayName };
    }
    const parsed = email('otherEmail').safeParse(data.email);
    if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['email'], message: parsed.error.issues[0]!.message });
    return { who: data.who, email: parsed.success ? parsed.data : '' };
  });

const dateParts = (prefix: string) => ({
  [`${prefix}Day`]: z.preprocess(trimmed, z.string()),
  [`${prefix}Month`]: z.preprocess(trimmed, z.string()),
  [`${prefix}Year`]: z.preprocess(trimmed, z.string()),
});

export type ChecklistForm = { trainingOn: string | null; parentalConsentOn: string | null; parentalConsentNote: string; seesNames: boolean; conflict: string | null };

export const checklistForm = z
  .object({
    training: z.preprocess(str, z.string()),
    ...dateParts('training'),
    parental: z.preprocess(str, z.string()),
    ...dateParts('parental'),
    parentalNote: z.preprocess(trimmed, z.string().max(NOTE_MAX, `${K}noteTooLong`)),
    seesNames: z.enum(['yes', 'no'], { error: `${K}seesNamesMissing` }),
    conflict: z.preprocess(trimmed, z.string().max(CONFLICT_MAX, `${K}conflictTooLong`)),
  })
  .transform((data, ctx): ChecklistForm => {
    const d = data as Record<string, string>;
    const dateOf = (prefix: 'training' | 'parental', ticked: boolean) => {
      if (!ticked) return null;
      const date = readDate({ day: d[`${prefix}Day`]!, month: d[`${prefix}Month`]!, year: d[`${prefix}Year`]! });
      if (date === null) ctx.addIssue({ code: 'custom', path: [`${prefix}Day`], message: `${K}${prefix}DateMissing` });
      else if (date === 'invalid') ctx.addIssue({ code: 'custom', path: [`${prefix}Day`], message: `${K}dateInvalid` });
      return typeof date === 'string' && date !== 'invalid' ? date : null;
    };
    const trainingOn = dateOf('training', data.training === 'yes');
    const parentalConsentOn = dateOf('parental', data.parental === 'yes');
    if (data.parental === 'yes' && !data.parentalNote) ctx.addIssue({ code: 'custom', path: ['parentalNote'], message: `${K}noteMissing` });
    return { trainingOn, parentalConsentOn, parentalConsentNote: data.parentalNote, seesNames: data.seesNames === 'yes', conflict: data.conflict ? data.conflict : null };
  });

export const codeForm = z.object({
  code: z.preprocess(str, z.string().trim().min(1, `${K}codeMissing`).refine((v) => parseMemberCode(v) !== undefined, `${K}codeShape`)),
});

export const conflictForm = z
  .object({ knows: z.enum(['no', 'yes'], { error: `${K}knowsMissing` }), how: z.preprocess(trimmed, z.string().max(CONFLICT_MAX, `${K}conflictTooLong`)) })
  .transform((data, ctx) => {
    if (data.knows === 'yes' && !data.how) ctx.addIssue({ code: 'custom', path: ['how'], message: `${K}howMissing` });
    return data.knows === 'no' ? 'none' : data.how;
  });

export const candidateForm = z.object({ name: z.preprocess(trimmed, z.string().min(1, `${K}candidateMissing`).max(200, `${K}candidateTooLong`)) });

export type TimeForm = { date: string; minutes: number; what: (typeof TIME_WHAT)[number]; memberIds: string[] };

export const timeForm = z
  .object({
    ...dateParts('met'),
    hours: z.preprocess(trimmed, z.string()),
    minutes: z.preprocess(trimmed, z.string()),
    what: z.preprocess(str, z.string()),
    present: z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []), z.array(z.string())),
  })
  .transform((data, ctx): TimeForm => {
    const d = data as Record<string, unknown>;
    const date = readDate({ day: String(d.metDay), month: String(d.metMonth), year: String(d.metYear) });
    if (date === null) ctx.addIssue({ code: 'custom', path: ['metDay'], message: `${K}metMissing` });
    else if (date === 'invalid') ctx.addIssue({ code: 'custom', path: ['metDay'], message: `${K}dateInvalid` });
    const hours = data.hours === '' ? 0 : /^\d{1,2}$/.test(data.hours) ? Number(data.hours) : NaN;
    const mins = data.minutes === '' ? 0 : /^\d{1,2}$/.test(data.minutes) ? Number(data.minutes) : NaN;
    const total = hours * 60 + mins;
    if (!Number.isFinite(total) || mins >= 60 || total < 1 || total > 1440) ctx.addIssue({ code: 'custom', path: ['hours'], message: `${K}durationInvalid` });
    const what = (TIME_WHAT as readonly string[]).includes(data.what) ? (data.what as TimeForm['what']) : undefined;
    if (!what) ctx.addIssue({ code: 'custom', path: ['what'], message: `${K}whatMissing` });
    if (data.present.length === 0) ctx.addIssue({ code: 'custom', path: ['present'], message: `${K}presentMissing` });
    return { date: typeof date === 'string' && date !== 'invalid' ? date : '', minutes: total, what: what ?? 'meeting', memberIds: data.present };
  });
