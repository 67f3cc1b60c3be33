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

/** A date typed as three boxes (the GOV.UK date input), checked to be real and not in the future. */
export const signatureForm = z
  .object({
    organisationId: z.preprocess(text, z.uuid('validation.organisation.missing')),
    signedByName: required('signedByName', 120),
    signedByRole: required('signedByRole', 120),
    'signedOn-day': z.preprocess(text, z.string()),
    'signedOn-month': z.preprocess(text, z.string()),
    'signedOn-year': z.preprocess(text, z.string()),
  })
  .transform((v, ctx) => {
    const [d, m, y] = [v['signedOn-day'], v['signedOn-month'], v['signedOn-year']];
    if (!d && !m && !y) {
      ctx.addIssue({ code: 'custom', path: ['signedOn'], message: 'validation.date.missing' });
      return z.NEVER;
    }
    const day = Number(d), month = Number(m), year = Number(y);
    const date = new Date(Date.UTC(year, month - 1, day));
    const real = /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y) && date.getUTCDate() === day && date.getUTCMonth() === month - 1 && year >= 1990;
    if (!real) {
      ctx.addIssue({ code: 'custom', path: ['signedOn'], message: 'validation.date.invalid' });
      return z.NEVER;
    }
    if (date.getTime() > Date.now()) {
      ctx.addIssue({ code: 'custom', path: ['signedOn'], message: 'validation.date.future' });
      return z.NEVER;
    }
    return { organisationId: v.organisationId, signedByName: v.signedByName, signedByRole: v.signedByRole, signedOn: date.toISOString().slice(0, 10) };
  });

export const boardForm = z.object({ name: required('title', 120), description: required('description', 2000) });

export const forumForm = z.object({
  name: required('title', 120),
  audience: z.preprocess(text, z.enum(['young_people', 'parent_carers', 'mixed'], 'validation.audience.missing')),
  description: required('description', 2000),
  easyRead: required('easyRead', 1000),
  meets: z.preprocess(text, z.string().max(200, 'validation.meets.tooLong')),
  boardIds: z.preprocess((v) => (v === undefined ? [] : [v].flat().map(text).filter(Boolean)), z.array(z.uuid('validation.boards.invalid')).max(50)),
});
