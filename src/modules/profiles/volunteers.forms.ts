/**
 * The volunteers part's forms (issue 17 §3): a volunteer's profile (staff), what matters to a young
 * person, choosing who to meet, how meeting them went, and when an introduction meets (staff).
 * Message keys are catalogue keys; everything typed comes back when something is wrong.
 */
import { z } from 'zod';
import { readDate } from '../../lib/form-fields.ts';
import { parseClockTime, londonToUtc } from '../activities/activities.service.ts';
import { CARRY_ON, INTERESTS, SKILLS, TRAITS, WISH_CODES, type Choice } from './volunteers.choices.ts';

const K = 'profiles.volunteers.errors.';
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const trimmed = (v: unknown) => str(v).trim();
/** A group of tick boxes: one value, many, or none; unknown codes are dropped. */
const ticks = (choices: readonly Choice[]) => {
  const known = new Set(choices.map((c) => c.code));
  return z.preprocess((v) => [...new Set((Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && known.has(x)))], z.array(z.string()));
};

export const NAME_MAX = 60;
export const ABOUT_MAX = 1000;
export const AVAILABILITY_MAX = 300;
export const WISH_WORDS_MAX = 1000;
export const SAY_WORDS_MAX = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const volunteerForm = z
  .object({
    displayName: z.preprocess(trimmed, z.string()),
    kind: z.preprocess(str, z.string()),
    organisationId: z.preprocess(trimmed, z.string()),
    about: z.preprocess(trimmed, z.string()),
    traits: ticks(TRAITS),
    interests: ticks(INTERESTS),
    skills: ticks(SKILLS),
    availability: z.preprocess(trimmed, z.string()),
    dbs: z.unknown().optional(),
    active: z.preprocess(str, z.string()),
    version: z.preprocess(trimmed, z.string()),
    dbsDay: z.preprocess(trimmed, z.string()),
    dbsMonth: z.preprocess(trimmed, z.string()),
    dbsYear: z.preprocess(trimmed, z.string()),
  })
  .transform((data, ctx) => {
    // Every field is checked at once, so the error summary lists everything wrong in the page's order.
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message: `${K}${message}` });
    if (!data.displayName) problem('displayName', 'nameMissing');
    else if (data.displayName.length > NAME_MAX) problem('displayName', 'nameTooLong');
    if (data.kind !== 'volunteer' && data.kind !== 'support_worker') problem('kind', 'kindMissing');
    if (data.organisationId !== '' && !UUID.test(data.organisationId)) problem('organisationId', 'organisationUnknown');
    if (data.about.length > ABOUT_MAX) problem('about', 'aboutTooLong');
    if (data.availability.length > AVAILABILITY_MAX) problem('availability', 'availabilityTooLong');
    const dbs = readDate({ day: data.dbsDay, month: data.dbsMonth, year: data.dbsYear });
    if (dbs === 'invalid') problem('dbs', 'dbsInvalid');
    else if (dbs && dbs > new Date().toISOString().slice(0, 10)) problem('dbs', 'dbsFuture');
    return {
      displayName: data.displayName,
      kind: data.kind === 'support_worker' ? ('support_worker' as const) : ('volunteer' as const),
      organisationId: data.organisationId || null,
      about: data.about,
      interests: data.interests,
      skills: data.skills,
      traits: data.traits,
      availability: data.availability,
      dbsCheckedOn: dbs === 'invalid' ? null : dbs,
      active: data.active !== 'no',
      version: /^\d{1,9}$/.test(data.version) ? Number(data.version) : 0,
    };
  });

export const wishesForm = z.object({
  wishes: z.preprocess((v) => [...new Set((Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && WISH_CODES.has(x)))], z.array(z.string())),
  words: z.preprocess(trimmed, z.string().max(WISH_WORDS_MAX, `${K}wordsTooLong`)),
}).refine((d) => d.wishes.length > 0 || d.words.length > 0, { path: ['wishes'], message: `${K}wishesMissing` });

export const chooseForm = z.object({
  volunteerId: z.preprocess(trimmed, z.string().regex(UUID, `${K}volunteerUnknown`)),
});

export const sayForm = z.object({
  feeling: z.preprocess(trimmed, z.string().regex(/^[1-5]$/, `${K}feelingMissing`).transform(Number)),
  words: z.preprocess(trimmed, z.string().max(SAY_WORDS_MAX, `${K}sayWordsTooLong`)),
  carryOn: z.enum(CARRY_ON.map((c) => c.code) as ['yes', 'no', 'not_sure'], { error: `${K}carryOnMissing` }),
});

export const meetingForm = z
  .object({
    meetsDay: z.preprocess(trimmed, z.string()),
    meetsMonth: z.preprocess(trimmed, z.string()),
    meetsYear: z.preprocess(trimmed, z.string()),
    meetsTime: z.preprocess(trimmed, z.string()),
  })
  .transform((data, ctx) => {
    const day = readDate({ day: data.meetsDay, month: data.meetsMonth, year: data.meetsYear });
    const time = parseClockTime(data.meetsTime);
    if (!day || day === 'invalid') {
      ctx.addIssue({ code: 'custom', path: ['meets'], message: `${K}meetsInvalid` });
      return null;
    }
    if (!time) {
      ctx.addIssue({ code: 'custom', path: ['meetsTime'], message: `${K}meetsTimeInvalid` });
      return null;
    }
    return londonToUtc(day, time);
  });
