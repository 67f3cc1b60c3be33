/**
 * Forms for activities: describing an activity, term dates, signing up, and an adjustment request's
 * status. Messages are catalogue keys (activities.validation.*). Fields that depend on each other
 * (a date needed only for timed activities, an end time after the start) are gathered into one value
 * first, so every problem is reported in the same round and in page order.
 */
import { z } from 'zod';
import {
  ACTIVITY_TYPES,
  ADJUSTMENTS,
  AGE_BANDS,
  AUDIENCES,
  GROUND_RULES,
  LEVELS,
  STAGES,
  TIMED_TYPES,
  VENUE_ACCESS,
  VENUE_KINDS,
  oneOf,
  type ActivityType,
  type Audience,
  type VenueKind,
} from './activity-options.ts';
import type { ActivityInput } from './activities.repository.ts';
import { londonToUtc, parseClockTime } from './london-time.ts';

const v = (key: string) => `activities.validation.${key}`;

/** Trimmed text (NUL is already removed from every form field before any route: app.ts). */
export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
/** A checkbox group's values (one ticked box arrives as a string, several as an array). */
export const list = (value: unknown): string[] => (value === undefined || value === null ? [] : [value].flat().map(text).filter(Boolean));

const required = (key: string, max: number) => z.preprocess(text, z.string().min(1, v(`${key}.missing`)).max(max, v(`${key}.tooLong`)));
const optional = (key: string, max: number) => z.preprocess(text, z.string().max(max, v(`${key}.tooLong`)));
const choice = <T extends string>(values: readonly T[], key: string) =>
  z.preprocess(text, z.string().refine((s): s is T => oneOf(values, s), v(`${key}.missing`))).transform((s) => s as T);
const choices = <T extends string>(values: readonly T[], key: string) =>
  z.preprocess(list, z.array(z.string()).max(values.length).refine((items) => items.every((i) => oneOf(values, i)), v(`${key}.invalid`))).transform((items) => [...new Set(items)] as T[]);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,30}$/;

/** The three boxes of a GOV.UK date input, checked to be a real date. Undefined when all are empty. */
export function realDate(day: string, month: string, year: string): string | undefined | 'invalid' {
  if (!day && !month && !year) return undefined;
  const d = Number(day), m = Number(month), y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) && date.getUTCDate() === d && date.getUTCMonth() === m - 1 && y >= 2000 && y <= 2100;
  return real ? date.toISOString().slice(0, 10) : 'invalid';
}

const when = z.object({ needed: z.boolean(), day: z.string(), month: z.string(), year: z.string(), start: z.string(), end: z.string() });
type When = z.infer<typeof when>;

const dateField = when.transform((w, ctx) => {
  if (!w.needed) return null;
  const date = realDate(w.day, w.month, w.year);
  if (date === undefined) ctx.addIssue({ code: 'custom', message: v('date.missing') });
  else if (date === 'invalid') ctx.addIssue({ code: 'custom', message: v('date.invalid') });
  return date ?? null;
});
const startField = when.transform((w, ctx) => {
  if (!w.needed) return null;
  if (!w.start) ctx.addIssue({ code: 'custom', message: v('startTime.missing') });
  else if (!parseClockTime(w.start)) ctx.addIssue({ code: 'custom', message: v('startTime.invalid') });
  return parseClockTime(w.start) ?? null;
});
const endField = when.transform((w, ctx) => {
  if (!w.needed) return null;
  const end = parseClockTime(w.end);
  const start = parseClockTime(w.start);
  if (!w.end) ctx.addIssue({ code: 'custom', message: v('endTime.missing') });
  else if (!end) ctx.addIssue({ code: 'custom', message: v('endTime.invalid') });
  else if (start && end <= start) ctx.addIssue({ code: 'custom', message: v('endTime.beforeStart') });
  return end ?? null;
});

export type OrganisationChoice = {
  /** Organisations this person may run an activity for. */
  organisationIds: readonly string[];
  /** Leads may also run one for the partnership as a whole (no organisation). */
  partnership: boolean;
};

/** The ids the activity form posts back for the error summary to link to. */
export const ACTIVITY_FIELD_IDS: Record<string, string> = { date: 'date-day', childrenMode: 'childrenMode', plannedRung: 'plannedRung', decidedBy: 'decidedBy' };

/**
 * What the form may plan (issue 13): the rungs of the area's ladder (from the evaluation module) and
 * the area's boards. Without it, the form leaves the planned level and "who will decide" alone.
 */
export type PlanningChoices = {
  rungs: ReadonlyArray<{ ref: string; name: string; commonLevel: string }>;
  boardIds: readonly string[];
};

/**
 * The activity form. `organisations` says which organisation the person may choose; when there is
 * only one (a practitioner's own) the form shows it as fixed text and the value is filled in here.
 */
export function activityForm(organisations: OrganisationChoice, planning?: PlanningChoices) {
  const fixed = !organisations.partnership && organisations.organisationIds.length === 1 ? organisations.organisationIds[0]! : undefined;
  return z.preprocess(
    (body) => {
      const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      const type = text(b.type);
      const w: When = {
        needed: false,
        day: text(b['date-day']),
        month: text(b['date-month']),
        year: text(b['date-year']),
        start: text(b.startTime),
        end: text(b.endTime),
      };
      // Timed activities need a date and times; for a survey they are optional, but checked if given.
      w.needed = TIMED_TYPES.has(type as ActivityType) || Boolean(w.day || w.month || w.year || w.start || w.end);
      const venueKind = text(b.venueKind);
      return {
        ...b,
        organisationId: fixed ?? text(b.organisationId),
        date: w,
        startTime: w,
        endTime: w,
        venueName: { kind: venueKind, value: text(b.venueName) },
        venueAddress: { kind: venueKind, value: text(b.venueAddress) },
        joiningInstructions: { kind: venueKind, value: text(b.joiningInstructions) },
        venueAccess: { kind: venueKind, items: list(b.venueAccess) },
        interpreterLanguages: { offered: list(b.adjustmentsOffered).includes('interpreter'), value: text(b.interpreterLanguages) },
        childrenMode: { choice: text(b.childrenMode) || 'auto', audience: text(b.audience) },
        contactEmail: { email: text(b.contactEmail), phone: text(b.contactPhone) },
        questionsShared: list(b.questionsShared).includes('yes'),
        decidedBy: { choice: text(b.decidedBy), role: text(b.decidedByRole) },
        decidedByRole: { choice: text(b.decidedBy), role: text(b.decidedByRole) },
      };
    },
    z
      .object({
        title: required('title', 120),
        purpose: required('purpose', 2000),
        easyReadPurpose: optional('easyReadPurpose', 600),
        type: choice(ACTIVITY_TYPES, 'type'),
        level: choice(LEVELS, 'level'),
        stage: choice(STAGES, 'stage'),
        services: z.preprocess(
          (value) => text(value).split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
          z.array(z.string().max(120, v('services.tooLong'))).max(20, v('services.tooMany')),
        ),
        organisationId: z.string().transform((id, ctx) => {
          if (id === '' && organisations.partnership) return null;
          if (organisations.organisationIds.includes(id)) return id;
          ctx.addIssue({ code: 'custom', message: v(organisations.organisationIds.length === 0 && !organisations.partnership ? 'organisation.none' : 'organisation.missing') });
          return null;
        }),
        audience: choice(AUDIENCES, 'audience'),
        ageBands: choices(AGE_BANDS, 'ageBands'),
        childrenMode: z.object({ choice: z.string(), audience: z.string() }).transform((c, ctx) => {
          if (c.choice === 'on') return true;
          if (c.choice === 'off') return false;
          if (c.choice !== 'auto') ctx.addIssue({ code: 'custom', message: v('childrenMode.missing') });
          // Default on when the activity is for children and young people (alone or with parents).
          return c.audience === 'children_young_people' || c.audience === 'both';
        }),
        date: dateField,
        startTime: startField,
        endTime: endField,
        venueKind: choice(VENUE_KINDS, 'venueKind'),
        venueName: z.object({ kind: z.string(), value: z.string() }).transform((f, ctx) => {
          if (f.value.length > 200) ctx.addIssue({ code: 'custom', message: v('venueName.tooLong') });
          else if (!f.value && (f.kind === 'in_person' || f.kind === 'hybrid')) ctx.addIssue({ code: 'custom', message: v('venueName.missing') });
          return f.value;
        }),
        venueAddress: z.object({ kind: z.string(), value: z.string() }).transform((f, ctx) => {
          if (f.value.length > 500) ctx.addIssue({ code: 'custom', message: v('venueAddress.tooLong') });
          else if (!f.value && (f.kind === 'in_person' || f.kind === 'hybrid')) ctx.addIssue({ code: 'custom', message: v('venueAddress.missing') });
          return f.value;
        }),
        joiningInstructions: z.object({ kind: z.string(), value: z.string() }).transform((f, ctx) => {
          if (f.value.length > 1000) ctx.addIssue({ code: 'custom', message: v('joiningInstructions.tooLong') });
          else if (!f.value && (f.kind === 'online' || f.kind === 'hybrid')) ctx.addIssue({ code: 'custom', message: v('joiningInstructions.missing') });
          return f.value;
        }),
        venueAccess: z.object({ kind: z.string(), items: z.array(z.string()) }).transform((f, ctx) => {
          const features = f.items.filter((i) => i !== 'none');
          if (!features.every((i) => oneOf(VENUE_ACCESS, i))) ctx.addIssue({ code: 'custom', message: v('venueAccess.invalid') });
          else if (features.length > 0 && f.items.includes('none')) ctx.addIssue({ code: 'custom', message: v('venueAccess.noneAndSome') });
          const atVenue = f.kind === 'in_person' || f.kind === 'hybrid';
          // "None of these" is an answer too: the venue was checked and has none of them.
          return { recorded: atVenue && f.items.length > 0, features: atVenue ? ([...new Set(features)] as ActivityInput['venueAccess']) : [] };
        }),
        questionsShared: z.boolean(),
        adjustmentsOffered: choices(ADJUSTMENTS, 'adjustmentsOffered'),
        interpreterLanguages: z.object({ offered: z.boolean(), value: z.string() }).transform((f, ctx) => {
          if (f.value.length > 200) ctx.addIssue({ code: 'custom', message: v('interpreterLanguages.tooLong') });
          else if (f.offered && !f.value) ctx.addIssue({ code: 'custom', message: v('interpreterLanguages.missing') });
          return f.value;
        }),
        groundRules: choices(GROUND_RULES, 'groundRules'),
        contactName: required('contactName', 120),
        contactEmail: z.object({ email: z.string(), phone: z.string() }).transform((f, ctx) => {
          if (!f.email && !f.phone) ctx.addIssue({ code: 'custom', message: v('contactEmail.missing') });
          else if (f.email.length > 320) ctx.addIssue({ code: 'custom', message: v('contactEmail.tooLong') });
          else if (f.email && !EMAIL.test(f.email)) ctx.addIssue({ code: 'custom', message: v('contactEmail.invalid') });
          return f.email;
        }),
        contactPhone: z.preprocess(text, z.string().refine((p) => p === '' || PHONE.test(p), v('contactPhone.invalid'))),
        plannedRung: z.preprocess(text, z.string()).transform((ref, ctx) => {
          if (!planning || ref === '') return null;
          const rung = planning.rungs.find((r) => r.ref === ref);
          if (!rung) ctx.addIssue({ code: 'custom', message: v('plannedRung.invalid') });
          return rung ?? null;
        }),
        decidedBy: z.object({ choice: z.string(), role: z.string() }).transform((f, ctx) => {
          if (!planning || f.choice === '' || f.choice === 'none' || f.choice === 'role') return null;
          if (!planning.boardIds.includes(f.choice)) ctx.addIssue({ code: 'custom', message: v('decidedBy.invalid') });
          return f.choice;
        }),
        decidedByRole: z.object({ choice: z.string(), role: z.string() }).transform((f, ctx) => {
          if (!planning || f.choice !== 'role') return '';
          if (!f.role) ctx.addIssue({ code: 'custom', message: v('decidedByRole.missing') });
          else if (f.role.length > 200) ctx.addIssue({ code: 'custom', message: v('decidedByRole.tooLong') });
          return f.role;
        }),
      })
      .transform((d): ActivityInput => {
        const timedOrDated = d.date !== null && d.startTime !== null && d.endTime !== null;
        return {
          organisationId: d.organisationId,
          title: d.title,
          purpose: d.purpose,
          easyReadPurpose: d.easyReadPurpose,
          type: d.type,
          level: d.level,
          stage: d.stage,
          services: d.services,
          audience: d.audience as Audience,
          ageBands: d.ageBands,
          startsAt: timedOrDated ? londonToUtc(d.date!, d.startTime!) : null,
          endsAt: timedOrDated ? londonToUtc(d.date!, d.endTime!) : null,
          venueKind: d.venueKind as VenueKind,
          venueName: d.venueName,
          venueAddress: d.venueAddress,
          joiningInstructions: d.joiningInstructions,
          venueAccessRecorded: d.venueAccess.recorded,
          venueAccess: d.venueAccess.features,
          questionsShared: d.questionsShared,
          adjustmentsOffered: d.adjustmentsOffered,
          interpreterLanguages: d.adjustmentsOffered.includes('interpreter') ? d.interpreterLanguages : '',
          groundRules: d.groundRules,
          contactName: d.contactName,
          contactEmail: d.contactEmail,
          contactPhone: d.contactPhone,
          childrenMode: d.type === 'survey' ? d.childrenMode : false,
          ...(planning
            ? {
                plannedRung: d.plannedRung?.ref ?? null,
                plannedRungName: d.plannedRung?.name ?? '',
                plannedLevel: d.plannedRung?.commonLevel ?? null,
                decidedByBoardId: d.decidedBy,
                decidedByRole: d.decidedByRole,
              }
            : {}),
        };
      }),
  );
}

/** The version an editor started from (optimistic concurrency). */
export const versionField = z.preprocess(text, z.coerce.number().int().min(1).max(2_147_483_647));

// ── Term dates ───────────────────────────────────────────────────────────────────────────────────

const termDay = (prefix: string) => (b: Record<string, unknown>) => ({ day: text(b[`${prefix}-day`]), month: text(b[`${prefix}-month`]), year: text(b[`${prefix}-year`]) });

export const TERM_FIELD_IDS = { startsOn: 'startsOn-day', endsOn: 'endsOn-day' };

export const termDateForm = z.preprocess(
  (body) => {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const start = termDay('startsOn')(b);
    return { name: b.name, startsOn: start, endsOn: { ...termDay('endsOn')(b), start } };
  },
  z.object({
    name: required('termName', 80),
    startsOn: z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((d, ctx) => {
      const date = realDate(d.day, d.month, d.year);
      if (date === undefined) ctx.addIssue({ code: 'custom', message: v('termStart.missing') });
      else if (date === 'invalid') ctx.addIssue({ code: 'custom', message: v('termStart.invalid') });
      return date ?? '';
    }),
    endsOn: z
      .object({ day: z.string(), month: z.string(), year: z.string(), start: z.object({ day: z.string(), month: z.string(), year: z.string() }) })
      .transform((d, ctx) => {
        const date = realDate(d.day, d.month, d.year);
        const start = realDate(d.start.day, d.start.month, d.start.year);
        if (date === undefined) ctx.addIssue({ code: 'custom', message: v('termEnd.missing') });
        else if (date === 'invalid') ctx.addIssue({ code: 'custom', message: v('termEnd.invalid') });
        else if (start && start !== 'invalid' && date < start) ctx.addIssue({ code: 'custom', message: v('termEnd.beforeStart') });
        return date ?? '';
      }),
  }),
);

// ── Signing up ───────────────────────────────────────────────────────────────────────────────────

export const SIGNUP_FIELD_IDS = { adjustments: 'adjustments' };

export const signupForm = z.preprocess(
  (body) => {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    return { ...b, email: { email: text(b.email), phone: text(b.phone) } };
  },
  z.object({
    name: required('signupName', 120),
    email: z.object({ email: z.string(), phone: z.string() }).transform((f, ctx) => {
      if (!f.email && !f.phone) ctx.addIssue({ code: 'custom', message: v('signupContact.missing') });
      else if (f.email.length > 320) ctx.addIssue({ code: 'custom', message: v('signupEmail.tooLong') });
      else if (f.email && !EMAIL.test(f.email)) ctx.addIssue({ code: 'custom', message: v('signupEmail.invalid') });
      return f.email;
    }),
    phone: z.preprocess(text, z.string().refine((p) => p === '' || PHONE.test(p), v('signupPhone.invalid'))),
    people: z.preprocess(
      (value) => text(value) || '1',
      z.string().regex(/^\d{1,2}$/, v('people.invalid')).transform(Number).pipe(z.number().int().min(1, v('people.invalid')).max(10, v('people.invalid'))),
    ),
    adjustments: choices(ADJUSTMENTS, 'adjustments'),
    details: optional('details', 1000),
  }),
);

/** A key the sign-up form carries so a double click or a resend makes one sign-up. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export const adjustmentStatusForm = z.object({
  status: z.preprocess(text, z.enum(['new', 'arranged', 'not_possible'], v('adjustmentStatus.missing'))),
});
