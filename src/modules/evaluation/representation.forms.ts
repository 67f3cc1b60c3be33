/**
 * The population forms: what the figures describe (a date and a source) for a file or for figures
 * typed in, and the typed-in counts themselves. Server-side validation only; every problem is
 * against its field, and what was typed is shown back.
 */
import { withoutControlCharacters } from '../../lib/control-characters.ts';
import { readDate } from '../../lib/form-fields.ts';
import type { FormProblem } from '../../lib/form-errors.ts';
import { CHARACTERISTICS, GROUPS, type Characteristic } from './data/representation-codes.ts';

const K = 'evaluation.representation.population.validation';
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Where each error summary link goes (a date's first box). */
export const POPULATION_FIELD_IDS: Record<string, string> = { asAt: 'asAt-day' };

/** The name (and id) of a typed-in count's box. */
export const countField = (characteristic: Characteristic, value: string) => `count-${characteristic}-${value}`;

export type AboutFigures = { asAt: string; source: string };

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The date the figures describe and where they came from; problems against their fields. */
export function readAboutFigures(body: Record<string, unknown>, t: Translate, today: string): { data?: AboutFigures; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const asAt = readDate({ day: text(body['asAt-day']), month: text(body['asAt-month']), year: text(body['asAt-year']) });
  if (asAt === null) problems.push({ field: 'asAt', text: t(`${K}.asAt.missing`) });
  else if (asAt === 'invalid') problems.push({ field: 'asAt', text: t(`${K}.asAt.invalid`) });
  else if (asAt > today) problems.push({ field: 'asAt', text: t(`${K}.asAt.future`) });
  const source = withoutControlCharacters(text(body.source).replace(/[\t\r\n]+/g, ' '));
  if (!source) problems.push({ field: 'source', text: t(`${K}.source.missing`) });
  else if (source.length > 300) problems.push({ field: 'source', text: t(`${K}.source.tooLong`) });
  return problems.length || asAt === null || asAt === 'invalid' ? { problems } : { data: { asAt, source }, problems };
}

export type TypedCounts = Array<{ characteristic: Characteristic; value: string; count: number }>;

/**
 * The typed-in counts: blank boxes are left out; anything else must be a whole number from 0 to
 * 10,000,000. At least one box must be filled.
 */
export function readTypedCounts(body: Record<string, unknown>, t: Translate, label: (c: Characteristic, v: string) => string): { counts: TypedCounts; problems: FormProblem[] } {
  const counts: TypedCounts = [];
  const problems: FormProblem[] = [];
  for (const characteristic of CHARACTERISTICS) {
    for (const value of GROUPS[characteristic]) {
      const field = countField(characteristic, value);
      const typed = text(body[field]).replace(/,/g, '');
      if (typed === '') continue;
      if (/^-\s*\d/.test(typed)) problems.push({ field, text: t(`${K}.count.negative`, { group: label(characteristic, value) }) });
      else if (!/^\d+$/.test(typed)) problems.push({ field, text: t(`${K}.count.notNumber`, { group: label(characteristic, value) }) });
      else if (Number(typed) > 10_000_000) problems.push({ field, text: t(`${K}.count.tooLarge`, { group: label(characteristic, value) }) });
      else counts.push({ characteristic, value, count: Number(typed) });
    }
  }
  if (counts.length === 0 && problems.length === 0) {
    problems.push({ field: countField(CHARACTERISTICS[0], GROUPS[CHARACTERISTICS[0]][0]!), text: t(`${K}.count.none`) });
  }
  return { counts, problems };
}

/** The organisation chosen ('' for the whole area): one of the area's, or a problem. */
export function readOrganisation(body: Record<string, unknown>, organisations: ReadonlyArray<{ id: string }>, t: Translate): { organisationId?: string | null; problem?: FormProblem } {
  const chosen = text(body.organisation);
  if (chosen === '') return { organisationId: null };
  if (organisations.some((o) => o.id === chosen)) return { organisationId: chosen };
  return { problem: { field: 'organisation', text: t(`${K}.organisation.unknown`) } };
}
