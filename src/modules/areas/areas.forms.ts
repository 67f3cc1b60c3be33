/**
 * Forms for managing an area: organisations, charter, signatures, forums and boards.
 */
import { z } from 'zod';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const required = (key: string, max: number, tooLong = `validation.${key}.tooLong`) =>
  z.preprocess(text, z.string().min(1, `validation.${key}.missing`).max(max, tooLong));

export const ORGANISATION_KINDS = ['council', 'nhs', 'school', 'charity', 'parent_carer_forum', 'other'] as const;

export const organisationForm = z.object({
  name: required('organisationName', 160),
  kind: z.preprocess(text, z.enum(ORGANISATION_KINDS, 'validation.organisationKind.missing')),
});

export const charterTextForm = z.object({
  title: required('title', 120),
  introduction: required('description', 2000),
  easyReadIntroduction: required('easyRead', 1000),
  version: z.coerce.number().int().min(1),
});

/** Commitments are typed one per line: each line becomes one commitment. */
const commitmentLines = z.preprocess(
  (v) => text(v).split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
  z.array(z.string().max(500, 'validation.commitment.tooLong')).max(30),
);

export const principleForm = z.object({
  title: required('title', 120),
  description: required('description', 2000),
  easyRead: required('easyRead', 1000),
  symbol: z.preprocess((v) => text(v).toUpperCase() || null, z.string().regex(/^[0-9A-F]{2,6}(-[0-9A-F]{2,6}){0,8}$/).nullable().catch(null)),
  commitmentsEveryone: commitmentLines,
  commitmentsOrganisations: commitmentLines,
  commitmentsForum: commitmentLines,
});

export const templateForm = z.object({ template: z.preprocess(text, z.string().min(1, 'validation.template.missing')) });

/**
 * A date typed as three boxes (the GOV.UK date input), checked to be real and not in the future.
 * The three boxes are gathered into one field first, so a missing date is reported in the same round
 * as every other error, not only after the rest of the form is right.
 */
const pastDate = z
  .object({ day: z.string(), month: z.string(), year: z.string() })
  .transform((v, ctx) => {
    if (!v.day && !v.month && !v.year) {
      ctx.addIssue({ code: 'custom', message: 'validation.date.missing' });
      return z.NEVER;
    }
    const day = Number(v.day), month = Number(v.month), year = Number(v.year);
    const date = new Date(Date.UTC(year, month - 1, day));
    const real = /^\d{1,2}$/.test(v.day) && /^\d{1,2}$/.test(v.month) && /^\d{4}$/.test(v.year) && date.getUTCDate() === day && date.getUTCMonth() === month - 1 && year >= 1990;
    if (!real) {
      ctx.addIssue({ code: 'custom', message: 'validation.date.invalid' });
      return z.NEVER;
    }
    if (date.getTime() > Date.now()) {
      ctx.addIssue({ code: 'custom', message: 'validation.date.future' });
      return z.NEVER;
    }
    return date.toISOString().slice(0, 10);
  });

export const signatureForm = z.preprocess(
  (body) => {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    return { ...b, signedOn: { day: text(b['signedOn-day']), month: text(b['signedOn-month']), year: text(b['signedOn-year']) } };
  },
  z.object({
    organisationId: z.preprocess(text, z.uuid('validation.organisation.missing')),
    signedByName: required('signedByName', 120),
    signedByRole: required('signedByRole', 120),
    signedOn: pastDate,
  }),
);

export const boardForm = z.object({ name: required('title', 120), description: required('description', 2000) });

export const forumForm = z.object({
  name: required('title', 120),
  audience: z.preprocess(text, z.enum(['young_people', 'parent_carers', 'mixed'], 'validation.audience.missing')),
  description: required('description', 2000),
  easyRead: required('easyRead', 1000),
  meets: z.preprocess(text, z.string().max(200, 'validation.meets.tooLong')),
  boardIds: z.preprocess((v) => (v === undefined ? [] : [v].flat().map(text).filter(Boolean)), z.array(z.uuid('validation.boards.invalid')).max(50)),
});

/** The area's own rules. Whole numbers only; the database holds the same limits. */
export const settingsForm = z.object({
  feedbackWeeks: z.preprocess(text, z.string().min(1, 'validation.feedbackWeeks.missing').regex(/^\d{1,3}$/, 'validation.feedbackWeeks.notNumber').transform(Number).pipe(z.number().int().min(1, 'validation.feedbackWeeks.range').max(104, 'validation.feedbackWeeks.range'))),
  minNoticeDays: z.preprocess(text, z.string().min(1, 'validation.minNoticeDays.missing').regex(/^\d{1,3}$/, 'validation.minNoticeDays.notNumber').transform(Number).pipe(z.number().int().min(0, 'validation.minNoticeDays.range').max(90, 'validation.minNoticeDays.range'))),
});
