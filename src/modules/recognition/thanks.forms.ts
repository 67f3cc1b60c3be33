/** Part C's forms (issue 17 §2): thanks, the deadline, name consent and a certificate. Everything typed comes back when something is wrong. */
import { z } from 'zod';
import { MESSAGE_MAX, NAME_MAX, TITLE_MAX, WHAT_MAX } from './thanks.service.ts';

const K = 'recognition.thanks.errors.';
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const trimmed = (v: unknown) => str(v).trim();
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The symbols a thank-you may carry (OpenMoji): a heart, a star, a party popper, thumbs up, a trophy. */
export const THANKS_SYMBOLS = ['2764', '2B50', '1F389', '1F44D', '1F3C6'] as const;

export const attendanceForm = z.object({ came: z.preprocess(list, z.array(z.string().max(80)).max(2000)) });

export const thanksForm = z.object({
  message: z.preprocess(trimmed, z.string().min(1, `${K}messageMissing`).max(MESSAGE_MAX, `${K}messageTooLong`)),
  symbol: z.preprocess(str, z.union([z.literal(''), z.enum(THANKS_SYMBOLS)], { error: `${K}symbolUnknown` })),
  who: z.preprocess(list, z.array(z.string().max(80)).max(2000)),
});

export const settingsForm = z.object({
  thanksDueDays: z.preprocess(trimmed, z.string().regex(/^\d{1,3}$/, `${K}daysInvalid`).transform(Number).pipe(z.number().min(1, `${K}daysInvalid`).max(180, `${K}daysInvalid`))),
  version: z.preprocess(trimmed, z.string().regex(/^\d{1,9}$/).transform(Number)),
});

export const consentForm = z.object({
  name: z.preprocess(trimmed, z.string().min(1, `${K}nameMissing`).max(NAME_MAX, `${K}nameTooLong`)),
  givenBy: z.preprocess(str, z.enum(['self', 'parent_carer'], { error: `${K}givenByMissing` })),
});

export const certificateForm = z.object({
  title: z.preprocess(trimmed, z.string().min(1, `${K}titleMissing`).max(TITLE_MAX, `${K}titleTooLong`)),
  whatTheyDid: z.preprocess(trimmed, z.string().min(1, `${K}whatMissing`).max(WHAT_MAX, `${K}whatTooLong`)),
  hours: z.preprocess(trimmed, z.string().regex(/^(\d{1,4}(\.\d{1,2})?)?$/, `${K}hoursInvalid`).transform((v) => (v === '' ? null : Math.round(Number(v) * 60))).pipe(z.number().max(1_000_000, `${K}hoursInvalid`).nullable())),
});
