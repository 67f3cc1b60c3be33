/**
 * The population forms, as zod schemas read with parseForm (lib/form-errors.ts): what the figures
 * describe (a date and a source) for a file or for figures typed in, and the typed-in counts
 * themselves. Server-side validation only; every problem is against its field, in the page's order,
 * and what was typed is shown back.
 */
import { z } from 'zod';
import { withoutControlCharacters } from '../../lib/control-characters.ts';
import { readDate } from '../../lib/form-fields.ts';
import { CHARACTERISTICS, GROUPS, type Characteristic } from './data/representation-codes.ts';

const K = 'evaluation.representation.population.validation';
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Where each error summary link goes (a date's first box). */
export const POPULATION_FIELD_IDS: Record<string, string> = { asAt: 'asAt-day' };

/** The name (and id) of a typed-in count's box. */
export const countField = (characteristic: Characteristic, value: string) => `count-${characteristic}-${value}`;

const COUNT_FIELDS = CHARACTERISTICS.flatMap((c) => GROUPS[c].map((v) => ({ characteristic: c, value: v, field: countField(c, v) })));

/** The three date boxes as one value: 'YYYY-MM-DD', null when empty, 'invalid' when not a date. */
const dateOf = (body: Record<string, unknown>) => readDate({ day: text(body['asAt-day']), month: text(body['asAt-month']), year: text(body['asAt-year']) });

/** The date the figures describe: a real day, not after `today` (YYYY-MM-DD, London). */
const asAt = (today: string) =>
  z.union([z.string(), z.null()]).transform((date, ctx) => {
    const problem = date === null ? 'missing' : date === 'invalid' ? 'invalid' : date > today ? 'future' : null;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${K}.asAt.${problem}` });
      return z.NEVER;
    }
    return date!;
  });

const source = z.preprocess(
  (v) => withoutControlCharacters(text(v).replace(/[\t\r\n]+/g, ' ')),
  z.string().min(1, `${K}.source.missing`).max(300, `${K}.source.tooLong`),
);

const aboutShape = (today: string) => ({ asAt: asAt(today), source });

/** The import form's words (the file is read by representation.csv.ts). */
export function aboutFiguresForm(today: string) {
  return z.preprocess((body) => ({ ...(body as Record<string, unknown>), asAt: dateOf((body ?? {}) as Record<string, unknown>) }), z.object(aboutShape(today)));
}

/** A count typed in a box: blank (not known, left out) or a whole number from 0 to 10,000,000. */
const count = (group: string) =>
  z.preprocess(
    (v) => text(v).replace(/,/g, ''),
    z.string().transform((typed, ctx) => {
      if (typed === '') return null;
      const problem = /^-\s*\d/.test(typed) ? 'negative' : !/^\d+$/.test(typed) ? 'notNumber' : Number(typed) > 10_000_000 ? 'tooLarge' : null;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `${K}.count.${problem}`, params: { group } });
        return z.NEVER;
      }
      return Number(typed);
    }),
  );

export type TypedFigures = { asAt: string; source: string; organisationId: string | null; counts: Array<{ characteristic: Characteristic; value: string; count: number }> };

/**
 * The typed-in form: date, source, whole area or one of `organisationIds`, and a box per group
 * (labelled by `label`). At least one box must be filled.
 */
export function typedFiguresForm(today: string, organisationIds: readonly string[], label: (c: Characteristic, v: string) => string) {
  const first = COUNT_FIELDS[0]!.field;
  return z.preprocess(
    (body) => ({ ...(body as Record<string, unknown>), asAt: dateOf((body ?? {}) as Record<string, unknown>) }),
    z
      .object({
        ...aboutShape(today),
        organisation: z.preprocess(text, z.string().refine((v) => v === '' || organisationIds.includes(v), `${K}.organisation.unknown`)),
        ...Object.fromEntries(COUNT_FIELDS.map((f) => [f.field, count(label(f.characteristic, f.value))])),
      })
      .superRefine((form, ctx) => {
        if (COUNT_FIELDS.every((f) => (form as Record<string, unknown>)[f.field] === null)) ctx.addIssue({ code: 'custom', path: [first], message: `${K}.count.none` });
      })
      .transform((form): TypedFigures => {
        const all = form as Record<string, unknown>;
        return {
          asAt: form.asAt,
          source: form.source,
          organisationId: form.organisation === '' ? null : form.organisation,
          counts: COUNT_FIELDS.flatMap((f) => (typeof all[f.field] === 'number' ? [{ characteristic: f.characteristic, value: f.value, count: all[f.field] as number }] : [])),
        };
      }),
  );
}

/** The field names of the typed-in form, in the page's order (for the error summary's order). */
export const TYPED_FIELD_ORDER = ['asAt', 'source', 'organisation', ...COUNT_FIELDS.map((f) => f.field)];
