/**
 * Forms for ladders (issue 13 §1): choosing the area's ladder, copying one into the area's own
 * version, changing that version's wording, and rating the level an activity achieved. Messages are
 * catalogue keys under evaluation.ladders.validation.*.
 */
import { z } from 'zod';
import { errorState, type ErrorState } from '../../lib/form-errors.ts';
import { COMMON_LEVEL_KEYS, isCommonLevel, type CommonLevel } from './data/common-levels.ts';
import { SHIPPED_LADDER_KEYS, isShippedLadderKey } from './data/ladders.ts';

const v = (key: string) => `evaluation.ladders.validation.${key}`;
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export const chooseLadderForm = z.object({
  ladder: z.preprocess(text, z.string().min(1, v('ladder.missing')).max(100, v('ladder.missing'))),
});

export const copyLadderForm = z.object({
  basedOn: z.preprocess(text, z.string().refine((s) => isShippedLadderKey(s), v('basedOn.missing'))).transform((s) => s as (typeof SHIPPED_LADDER_KEYS)[number]),
  name: z.preprocess(text, z.string().max(120, v('name.tooLong'))),
});

export const rateLevelForm = z.object({
  rung: z.preprocess(text, z.string().min(1, v('rung.missing')).max(200, v('rung.missing'))),
  justification: z.preprocess(text, z.string().min(1, v('justification.missing')).max(1000, v('justification.tooLong'))),
});

/** The field ids the error summary links to (the first radio of a group has the group's name). */
export const LEVEL_FIELD_IDS = { rung: 'rung', justification: 'justification' };

export type VariantRungValues = { id: string; order: string; name: string; meaning: string; commonLevel: string };

/** The posted wording of the area's own ladder, one group of fields per rung (by index, with its id hidden). */
export function variantValues(body: unknown, rungIds: readonly string[]): { name: string; rungs: VariantRungValues[] } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    name: text(b.name),
    rungs: rungIds.map((id, i) => ({
      id,
      order: text(b[`rung-${i}-order`]),
      name: text(b[`rung-${i}-name`]),
      meaning: text(b[`rung-${i}-meaning`]),
      commonLevel: text(b[`rung-${i}-level`]),
    })),
  };
}

export type VariantParsed = { name: string; rungs: Array<{ id: string; order: number; name: string; meaning: string; commonLevel: CommonLevel }> };

/**
 * Checks the area's wording: a name for the ladder, and for each rung a whole-number order (1 to 20,
 * no two the same), a name, a meaning of 600 characters or fewer, and a common level. Every problem
 * is reported in one round, in page order.
 */
export function parseVariant(values: { name: string; rungs: VariantRungValues[] }, t: (key: string, params?: Record<string, unknown>) => string): { ok: true; data: VariantParsed } | ({ ok: false } & ErrorState) {
  const problems: Array<{ field: string; text: string }> = [];
  if (!values.name) problems.push({ field: 'name', text: t(v('variantName.missing')) });
  else if (values.name.length > 120) problems.push({ field: 'name', text: t(v('variantName.tooLong')) });
  const orders = values.rungs.map((r) => (/^\d{1,2}$/.test(r.order) ? Number(r.order) : NaN));
  values.rungs.forEach((r, i) => {
    const n = i + 1;
    const order = orders[i]!;
    if (!r.order) problems.push({ field: `rung-${i}-order`, text: t(v('order.missing'), { n }) });
    else if (!Number.isInteger(order) || order < 1 || order > 20) problems.push({ field: `rung-${i}-order`, text: t(v('order.invalid'), { n }) });
    else if (orders.indexOf(order) !== i) problems.push({ field: `rung-${i}-order`, text: t(v('order.duplicate'), { n, order }) });
    if (!r.name) problems.push({ field: `rung-${i}-name`, text: t(v('rungName.missing'), { n }) });
    else if (r.name.length > 120) problems.push({ field: `rung-${i}-name`, text: t(v('rungName.tooLong'), { n }) });
    if (r.meaning.length > 600) problems.push({ field: `rung-${i}-meaning`, text: t(v('meaning.tooLong'), { n }) });
    if (!isCommonLevel(r.commonLevel)) problems.push({ field: `rung-${i}-level`, text: t(v('level.missing'), { n }) });
  });
  if (problems.length > 0) return { ok: false, ...errorState(problems) };
  return {
    ok: true,
    data: {
      name: values.name,
      rungs: values.rungs.map((r, i) => ({ id: r.id, order: orders[i]!, name: r.name, meaning: r.meaning, commonLevel: r.commonLevel as CommonLevel })),
    },
  };
}

export { COMMON_LEVEL_KEYS };
