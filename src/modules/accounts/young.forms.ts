/**
 * A young person's own way in (issue 17 §1): the forms. Staff set up a young person; the young
 * person signs in with a code and three pictures; a parent carer's set-up link; who can see my pages.
 * Everything typed comes back when something is wrong.
 */
import { z } from 'zod';
import { email } from '../../lib/form-fields.ts';
import { parseMemberCode } from '../panels/index.ts';
import { thirteenOrOverFor, YOUNG_AGE_BANDS } from './young-core.ts';
import { PICTURE_IDS } from './young.service.ts';

const K = 'accounts.young.errors.';
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const trimmed = (v: unknown) => str(v).trim();

export const YOUNG_NAME_MAX = 60;
export const PICTURE_FIELDS = ['first', 'second', 'third'] as const;

export type NewYoungForm = { displayName: string; ageBand: string; thirteenOrOver: boolean | undefined; parentEmail: string | null };

export const newYoungForm = z
  .object({
    displayName: z.preprocess(trimmed, z.string()),
    ageBand: z.preprocess(str, z.string()),
    thirteen: z.preprocess(str, z.string()),
    parentEmail: z.preprocess(trimmed, z.string()),
  })
  .transform((data, ctx): NewYoungForm => {
    if (!data.displayName) ctx.addIssue({ code: 'custom', path: ['displayName'], message: `${K}nameMissing` });
    else if (data.displayName.length > YOUNG_NAME_MAX) ctx.addIssue({ code: 'custom', path: ['displayName'], message: `${K}nameTooLong`, params: { max: YOUNG_NAME_MAX } });
    const bandOk = (YOUNG_AGE_BANDS as readonly string[]).includes(data.ageBand);
    if (!bandOk) ctx.addIssue({ code: 'custom', path: ['ageBand'], message: `${K}ageBandMissing` });
    let thirteenOrOver: boolean | undefined;
    if (bandOk && thirteenOrOverFor(data.ageBand) === 'ask') {
      if (data.thirteen === 'yes' || data.thirteen === 'no') thirteenOrOver = data.thirteen === 'yes';
      else ctx.addIssue({ code: 'custom', path: ['thirteen'], message: `${K}thirteenMissing` });
    }
    let parentEmail: string | null = null;
    if (data.parentEmail) {
      const parsed = email('otherEmail').safeParse(data.parentEmail);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['parentEmail'], message: parsed.error.issues[0]!.message });
      else parentEmail = parsed.data;
    }
    return { displayName: data.displayName, ageBand: data.ageBand, thirteenOrOver, parentEmail };
  });

export const codeForm = z.object({
  code: z.preprocess(trimmed, z.string().min(1, `${K}codeMissing`).refine((v) => parseMemberCode(v) !== undefined, `${K}codeShape`)),
});

const picture = (field: string) => z.preprocess(str, z.string().refine((v) => PICTURE_IDS.includes(v), `${K}${field}Missing`));

export const picturesForm = z
  .object({ first: picture('first'), second: picture('second'), third: picture('third') })
  .transform((d) => [d.first, d.second, d.third]);

/** Signing in: the code (carried from the first step) and the three pictures. */
export const signInPicturesForm = z.object({
  code: z.preprocess(trimmed, z.string().max(40)),
  first: picture('first'),
  second: picture('second'),
  third: picture('third'),
});

export const parentEmailForm = z.object({ email: email('otherEmail') });

export const yesNoForm = z.object({ choice: z.enum(['yes', 'no'], { error: `${K}choiceMissing` }) });

export const setupForm = z.object({ displayName: z.preprocess(trimmed, z.string().max(YOUNG_NAME_MAX, `${K}nameTooLong`)) });
