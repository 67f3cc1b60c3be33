/**
 * The visits part's forms (issue 16 §2): planning a visit (a provider chosen or added, the date and
 * time, venue access and adjustments), recording it, and one rating with its note.
 */
import { z } from 'zod';
import { ADJUSTMENTS, londonToUtc, parseClockTime, realDate, VENUE_ACCESS, type Activity, type Adjustment } from '../activities/activities.service.ts';
import type { FormProblem } from '../../lib/form-errors.ts';

const K = 'inspections.visits.errors.';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

export type PlannedVisit = {
  providerId: string | null;
  newProvider: { name: string; venue: string; contactEmail: string } | null;
  startsAt: Date;
  endsAt: Date | undefined;
  venueAccess: Activity['venueAccess'];
  adjustmentsOffered: Adjustment[];
};

const EMAIL = z.email();

/** Reads the plan-a-visit form; problems are in page order (catalogue keys already turned to words by `t`). */
export function readVisitForm(body: Record<string, unknown>, providerIds: ReadonlySet<string>, t: (key: string) => string): { ok: true; data: PlannedVisit } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const provider = str(body.provider);
  let providerId: string | null = null;
  let newProvider: PlannedVisit['newProvider'] = null;
  if (provider === 'new') {
    const name = str(body.providerName);
    const venue = str(body.providerVenue);
    const contactEmail = str(body.providerEmail);
    if (!name) problems.push({ field: 'providerName', text: t(`${K}providerNameMissing`) });
    else if (name.length > 200) problems.push({ field: 'providerName', text: t(`${K}providerNameTooLong`) });
    if (venue.length > 300) problems.push({ field: 'providerVenue', text: t(`${K}venueTooLong`) });
    if (contactEmail && (contactEmail.length > 320 || !EMAIL.safeParse(contactEmail).success)) problems.push({ field: 'providerEmail', text: t(`${K}emailBad`) });
    newProvider = { name, venue, contactEmail };
  } else if (providerIds.has(provider)) {
    providerId = provider;
  } else {
    problems.push({ field: 'provider', text: t(`${K}providerMissing`) });
  }
  const date = realDate(str(body['day']), str(body['month']), str(body['year']));
  if (date === undefined) problems.push({ field: 'day', text: t(`${K}dateMissing`) });
  else if (date === 'invalid') problems.push({ field: 'day', text: t(`${K}dateBad`) });
  const start = parseClockTime(str(body.start));
  if (!str(body.start)) problems.push({ field: 'start', text: t(`${K}startMissing`) });
  else if (!start) problems.push({ field: 'start', text: t(`${K}timeBad`) });
  const end = str(body.end) ? parseClockTime(str(body.end)) : undefined;
  if (str(body.end) && !end) problems.push({ field: 'end', text: t(`${K}timeBad`) });
  if (start && end && end <= start) problems.push({ field: 'end', text: t(`${K}endBeforeStart`) });
  const venueAccess = list(body.venueAccess).filter((v) => (VENUE_ACCESS as readonly string[]).includes(v)) as Activity['venueAccess'];
  const adjustmentsOffered = list(body.adjustments).filter((v) => (ADJUSTMENTS as readonly string[]).includes(v)) as Adjustment[];
  if (problems.length || !date || date === 'invalid' || !start) return { ok: false, problems };
  return { ok: true, data: { providerId, newProvider, startsAt: londonToUtc(date, start), endsAt: end ? londonToUtc(date, end) : undefined, venueAccess, adjustmentsOffered } };
}

export const recordForm = z.object({
  day: z.string().default(''),
  month: z.string().default(''),
  year: z.string().default(''),
  hours: z
    .string({ error: `${K}hoursMissing` })
    .trim()
    .min(1, `${K}hoursMissing`)
    .regex(/^\d{1,2}([.,]\d{1,2})?$/, `${K}hoursBad`)
    .transform((s) => Math.round(Number(s.replace(',', '.')) * 60))
    .pipe(z.number().min(15, `${K}hoursBad`).max(720, `${K}hoursBad`)),
  went: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.string()).min(1, `${K}wentMissing`)),
});

/** One rating and note: rating 1–5 or none yet; a note of up to 3,000 characters. */
export const ratingForm = z.object({
  criterionId: z.string().min(1),
  rating: z
    .string()
    .default('')
    .refine((s) => s === '' || /^[1-5]$/.test(s), `${K}ratingBad`)
    .transform((s) => (s === '' ? null : Number(s))),
  note: z.string().max(3000, `${K}noteTooLong`).default('').transform((s) => s.trim()),
});
