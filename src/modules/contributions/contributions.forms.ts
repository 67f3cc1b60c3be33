/**
 * Forms for contributions: the list's filters (a GET form), adding a redaction, hiding, and the
 * area's redaction lists. Every value is checked here, so nothing a person types (or an attacker
 * crafts) reaches SQL in a shape PostgreSQL would refuse.
 */
import { z } from 'zod';
import { isId } from '../../lib/ids.ts';
import { pageNumber } from '../../lib/pagination.ts';
import type { ContributionFilter } from './contributions.service.ts';
import type { RedactionKind } from './redaction.ts';

/** A form value as text (NUL is already removed from every form field before any route: app.ts). */
const clean = (value: unknown) => (typeof value === 'string' ? value : '');
const text = (value: unknown) => clean(value).trim();
/** A query string may repeat a key: the first value counts. */
const first = (value: unknown): string => (Array.isArray(value) ? first(value[0]) : typeof value === 'string' ? value : '');

export const REDACTION_KINDS = ['name', 'email', 'phone', 'postcode', 'nhs_number', 'school', 'address', 'other'] as const satisfies readonly RedactionKind[];

export const SUPPORTER_RELATIONSHIPS = ['parent', 'teaching_assistant', 'speech_language_therapist', 'youth_worker', 'other'] as const;

// ── The list's filters ────────────────────────────────────────────────────────────────────────────

export type FilterValues = { question: string; from: string; to: string; support: string; review: string; visibility: string };

/**
 * A day typed as 27/3/2026, 27-3-2026, 27 3 2026 or 2026-03-27. Returns YYYY-MM-DD, or null if it
 * is not a real day between 2000 and 2100.
 */
export function parseDay(value: string): string | null {
  const v = value.trim();
  let day: number, month: number, year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const uk = /^(\d{1,2})[/\-. ](\d{1,2})[/\-. ](\d{4})$/.exec(v);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (uk) [day, month, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 2000 || year > 2100 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads the filters from a query string. Anything unexpected is ignored (a select or radio can only
 * send a bad value if someone crafted it); a date that is not real is reported, as a person can
 * mistype one. Keys in errors are message keys.
 */
export function parseFilters(query: unknown): { filter: ContributionFilter; values: FilterValues; errors: Record<string, string>; page: number } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const raw = (key: string) => clean(first(q[key])).slice(0, 100);
  const values: FilterValues = { question: raw('question'), from: raw('from').trim(), to: raw('to').trim(), support: raw('support'), review: raw('review'), visibility: raw('visibility') };
  const filter: ContributionFilter = {};
  const errors: Record<string, string> = {};
  if (values.question === 'anything_else' || isId(values.question)) filter.question = values.question;
  if (values.from) {
    const day = parseDay(values.from);
    if (day) filter.from = day;
    else errors.from = 'contributions.validation.from.invalid';
  }
  if (values.to) {
    const day = parseDay(values.to);
    if (day) filter.to = day;
    else errors.to = 'contributions.validation.to.invalid';
  }
  if (filter.from && filter.to && filter.to < filter.from) {
    errors.to = 'contributions.validation.to.beforeFrom';
    delete filter.to;
  }
  if (values.support === 'yes' || values.support === 'no') filter.support = values.support;
  if (values.review === 'yes') filter.toReview = true;
  if (values.visibility === 'visible' || values.visibility === 'hidden') filter.visibility = values.visibility;
  return { filter, values, errors, page: pageNumber(q) };
}

// ── Reviewing one contribution ────────────────────────────────────────────────────────────────────

export const WORDS_MAX = 200;
export const REASON_MAX = 500;

export const redactionForm = z.object({
  words: z.preprocess(text, z.string().min(1, 'contributions.validation.words.missing').max(WORDS_MAX, 'contributions.validation.words.tooLong')),
  kind: z.preprocess(text, z.enum(REDACTION_KINDS, 'contributions.validation.kind.missing')),
});

export const hideForm = z.object({
  reason: z.preprocess(text, z.string().min(1, 'contributions.validation.reason.missing').refine((v) => [...v].length <= REASON_MAX, 'contributions.validation.reason.tooLong')),
});

// ── The area's redaction lists ────────────────────────────────────────────────────────────────────

export const TERM_FIELDS = { names: 'name', schools: 'school', places: 'place' } as const;
type TermField = keyof typeof TERM_FIELDS;
const MAX_LINES = 500;

/** One list's box: one term per line, lines trimmed and blank ones dropped, each 2 to 120 characters. */
function termLines(field: TermField) {
  return z.preprocess(
    (value) => clean(first(value)).slice(0, 50_000).split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
    z.array(z.string()).superRefine((lines, ctx) => {
      // Counted in characters as PostgreSQL counts them (an emoji is one), not in UTF-16 units.
      const bad = lines.find((line) => [...line].length < 2 || [...line].length > 120);
      if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `contributions.validation.${field}.length`, params: { line: bad.length > 40 ? `${bad.slice(0, 40)}…` : bad } });
      else if (lines.length > MAX_LINES) ctx.addIssue({ code: 'custom', message: `contributions.validation.${field}.tooMany`, params: { max: MAX_LINES } });
    }),
  );
}

/** The area's redaction lists form: names, schools and places, at least one term in all. */
export const termsForm = z
  .object({ names: termLines('names'), schools: termLines('schools'), places: termLines('places') })
  .superRefine((form, ctx) => {
    if (form.names.length + form.schools.length + form.places.length === 0) ctx.addIssue({ code: 'custom', path: ['names'], message: 'contributions.validation.terms.missing' });
  })
  .transform((form) => (Object.keys(TERM_FIELDS) as TermField[]).flatMap((field) => form[field].map((term) => ({ kind: TERM_FIELDS[field], term }))));

/** The ids ticked for removal (a single checkbox arrives as a string, several as an array). */
export function parseRemoveForm(body: unknown): { kind: 'name' | 'school' | 'place' | null; ids: string[] } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const kind = first(b.kind);
  const ids = [b.remove].flat().filter((v): v is string => typeof v === 'string' && isId(v));
  return { kind: kind === 'name' || kind === 'school' || kind === 'place' ? kind : null, ids };
}

/** The ids a form sent under one name (one value or many), ids only, at most `max`. */
const idList = (value: unknown, max = 2000): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && isId(v)).slice(0, max);

/**
 * A decision on a batch of the same removed detail: keep every removal, or put the words back in
 * every answer. The removals are the batch's own ids, carried in the form (never the words).
 */
export const batchForm = z.object({
  decision: z.preprocess(first, z.enum(['keep', 'restore'], 'contributions.validation.batch.decision')),
  redaction: z.preprocess((value) => idList(value), z.array(z.string()).min(1, 'contributions.validation.batch.gone')),
});
