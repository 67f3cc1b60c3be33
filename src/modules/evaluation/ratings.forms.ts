/**
 * Forms of the participants' own rating (issue 13 §1): choosing a step (children's or parent
 * carers' words for the error), typing a code, making a link, and the area's scale. Messages are
 * catalogue keys (evaluation.ratings.*).
 */
import { z } from 'zod';
import { COMMON_LEVEL_KEYS, isCommonLevel, levelOrder, type CommonLevel } from './data/common-levels.ts';
import { RATING_STEP_KEYS, RATING_VARIANTS, type RatingStepKey, type RatingVariant } from './data/ratings-scale.ts';
import { parseRatingCode, symbolFromTyped, type ScaleInput } from './ratings.service.ts';

const first = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');
const text = (value: unknown) => first(value).trim();

const STEPS = RATING_STEP_KEYS as unknown as [RatingStepKey, ...RatingStepKey[]];
const VARIANTS = RATING_VARIANTS as unknown as [RatingVariant, ...RatingVariant[]];

/** The step chosen; the error is in the words of the scale the person saw. */
export const ratingForm = (variant: RatingVariant) =>
  z.object({
    step: z.preprocess(text, z.enum(STEPS, `evaluation.ratings.errors.stepMissing.${variant === 'children' ? 'children' : 'parentCarers'}`)),
  });

export const codeForm = z.object({
  code: z.preprocess(
    text,
    z.string().min(1, 'evaluation.ratings.errors.codeMissing').refine((v) => parseRatingCode(v) !== undefined, 'evaluation.ratings.errors.codeNotFound'),
  ),
});

export const linkForm = z.object({
  variant: z.preprocess(text, z.enum(VARIANTS, 'evaluation.ratings.errors.variantMissing')),
});

/** Field names of step n (1-based), in page order: words for children, for parent carers, picture, level. */
export const scaleField = (n: number, field: 'children' | 'parents' | 'symbol' | 'level') => `step${n}-${field}`;

export const SCALE_FIELDS: readonly string[] = RATING_STEP_KEYS.flatMap((_, i) => (['children', 'parents', 'symbol', 'level'] as const).map((f) => scaleField(i + 1, f)));

/** A field's problem with the step's number in it ("… for answer 2"): custom issues carry params. */
const checked = (check: (value: string) => { key: string; params?: Record<string, unknown> } | undefined) =>
  z.preprocess(
    (v) => text(v).replace(/\s+/g, ' '),
    z.string().superRefine((value, ctx) => {
      const problem = check(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `evaluation.ratings.scale.errors.${problem.key}`, params: problem.params });
    }),
  );

const words = (n: number, who: 'children' | 'parents') =>
  checked((value) => (!value ? { key: `${who}Missing`, params: { n } } : value.length > 80 ? { key: `${who}TooLong`, params: { n } } : undefined));

const picture = (n: number) =>
  checked((value) => (!value ? { key: 'symbolMissing', params: { n } } : !symbolFromTyped(value.slice(0, 100)) ? { key: 'symbolNotFound', params: { n, typed: value.slice(0, 40) } } : undefined));

const level = (n: number) => checked((value) => ((COMMON_LEVEL_KEYS as readonly string[]).includes(value) ? undefined : { key: 'levelMissing', params: { n } }));

/**
 * The area's scale: four steps, each with both sets of words, a picture (a word to search for or an
 * OpenMoji code) and a common level; levels may not go down from one step to the next (a higher
 * step saying less say than the one below would make the totals mean nothing).
 */
export const scaleForm = z
  .object({
    ...Object.fromEntries(
      RATING_STEP_KEYS.flatMap((_, i) => {
        const n = i + 1;
        return [
          [scaleField(n, 'children'), words(n, 'children')],
          [scaleField(n, 'parents'), words(n, 'parents')],
          [scaleField(n, 'symbol'), picture(n)],
          [scaleField(n, 'level'), level(n)],
        ];
      }),
    ),
    seen: z.preprocess(text, z.string().max(5000)).catch(''),
  })
  .superRefine((v, ctx) => {
    const values = v as Record<string, string>;
    for (let n = 2; n <= RATING_STEP_KEYS.length; n += 1) {
      const before = values[scaleField(n - 1, 'level')] as CommonLevel;
      const here = values[scaleField(n, 'level')] as CommonLevel;
      if (isCommonLevel(here) && isCommonLevel(before) && levelOrder(here) < levelOrder(before)) ctx.addIssue({ code: 'custom', path: [scaleField(n, 'level')], message: 'evaluation.ratings.scale.errors.levelGoesDown', params: { n, before: n - 1 } });
    }
  });

/**
 * The parsed form as the service takes it. (Kept apart from scaleForm so that the form stays an
 * object schema: parseForm lists its errors in the order of the object's fields, the page's order.)
 */
export function scaleInput(v: Record<string, unknown>): ScaleInput {
    const values = v as Record<string, string>;
    const steps = Object.fromEntries(
      RATING_STEP_KEYS.map((key, i) => {
        const n = i + 1;
        return [key, { childrenWords: values[scaleField(n, 'children')]!, parentCarerWords: values[scaleField(n, 'parents')]!, symbol: symbolFromTyped(values[scaleField(n, 'symbol')]!)!.hexcode, commonLevel: values[scaleField(n, 'level')] as CommonLevel }];
      }),
    ) as ScaleInput['steps'];
    return { steps, seen: String(v.seen ?? '') };
}
