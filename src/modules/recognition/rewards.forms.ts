/**
 * The rewards part's forms (issue 17 §2): a budget, a rule, ticking rewards to approve or decline,
 * issuing with a code, and consent to a code by email. Every field comes back as typed when
 * something is wrong, so nothing is lost. Money is read by src/lib/money.ts only.
 */
import { z } from 'zod';
import { isId } from '../../lib/ids.ts';
import { parsePounds } from '../../lib/money.ts';
import { ACTIVITY_TYPES } from '../activities/activities.service.ts';

const K = 'recognition.rewards.errors.';
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const trimmed = (v: unknown) => str(v).trim();

const money = (missing: string, invalid: string) =>
  z.preprocess(str, z.string()).transform((typed, ctx) => {
    if (!typed.trim()) {
      ctx.addIssue({ code: 'custom', message: `${K}${missing}` });
      return z.NEVER;
    }
    const pence = parsePounds(typed);
    if (pence === undefined) {
      ctx.addIssue({ code: 'custom', message: `${K}${invalid}` });
      return z.NEVER;
    }
    return pence;
  });

/** "org:<id>", "act:<id>" or "" (the whole area). */
const scope = z.preprocess(trimmed, z.string()).transform((v, ctx): { organisationId: string | null; activityId: string | null } => {
  if (v === '') return { organisationId: null, activityId: null };
  const [kind, id] = [v.slice(0, 4), v.slice(4)];
  if (kind === 'org:' && isId(id)) return { organisationId: id, activityId: null };
  if (kind === 'act:' && isId(id)) return { organisationId: null, activityId: id };
  ctx.addIssue({ code: 'custom', message: `${K}scopeInvalid` });
  return z.NEVER;
});

export const budgetForm = z.object({
  name: z.preprocess(trimmed, z.string().min(1, `${K}nameMissing`).max(120, `${K}nameTooLong`)),
  scope,
  amount: money('amountMissing', 'amountInvalid').refine((p) => p <= 100_000_000, `${K}amountTooBig`),
  version: z.preprocess(str, z.string().regex(/^\d{0,9}$/, `${K}stale`)).transform((v) => (v ? Number(v) : 0)),
});

export const ruleForm = z.object({
  earnedBy: z.enum(['attended', 'time_given'], { error: `${K}earnedByMissing` }),
  kind: z.enum(['voucher', 'payment'], { error: `${K}kindMissing` }),
  value: money('valueMissing', 'valueInvalid').refine((p) => p >= 1 && p <= 100_000, `${K}valueTooBig`),
  voucherType: z.preprocess(trimmed, z.string().max(80, `${K}voucherTypeTooLong`)),
  budgetId: z.preprocess(trimmed, z.string().refine((v) => isId(v), `${K}budgetMissing`)),
  activityType: z.preprocess(trimmed, z.union([z.literal(''), z.enum(ACTIVITY_TYPES)], { error: `${K}activityTypeInvalid` })).transform((v) => (v === '' ? null : v)),
  active: z.preprocess((v) => (Array.isArray(v) ? v.includes('on') : v === 'on'), z.boolean()),
});

/** The rewards ticked (in the order of the page), and which button. */
export const ticksForm = z.object({
  reward: z.preprocess((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]), z.array(z.unknown())).transform((list) => list.map(str).filter((id) => isId(id))).refine((ids) => ids.length > 0, `${K}noneTicked`),
  decision: z.enum(['approve', 'decline'], { error: `${K}noneTicked` }),
});

export const issueForm = z.object({
  voucherCode: z.preprocess(trimmed, z.string().max(200, `${K}codeTooLong`)),
});

export const codeByEmailForm = z.object({
  consent: z.preprocess((v) => (Array.isArray(v) ? v.includes('yes') : v === 'yes'), z.boolean()),
});
