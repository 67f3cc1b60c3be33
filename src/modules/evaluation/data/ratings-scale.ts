/**
 * The participants' own rating scale (issue 13 §1): four steps a child can choose between with a
 * picture, from "Grown-ups decided everything" to "We led it", and the same steps in parent carers'
 * words ("Professionals decided everything" … "Parent carers led it").
 *
 * Source and status: Chorus' own wording, NOT a published scale. It is written after the idea of
 * Hart's ladder (Hart, R. A. (1992) Children's Participation: From Tokenism to Citizenship, UNICEF
 * Innocenti; FRAMEWORKS.md §1, [V] https://organizingengagement.org/models/ladder-of-childrens-participation/)
 * in words a child can judge from their own experience, and the mapping of each step to the common
 * levels (data/common-levels.ts, FRAMEWORKS.md §2c) is Chorus' own proposal too. Every page that shows
 * the mapping says so, and an area can change the words, the pictures and the mapping
 * (/a/:area/manage/evaluation/rating-scale).
 *
 * The default words live in the message catalogue (evaluation.ratings.steps.<key>), so they are in
 * English and Welsh; an area's own words replace both. `order` is explicit, never the list position.
 */
import type { CommonLevel } from './common-levels.ts';

export const RATING_STEP_KEYS = ['decided_for_us', 'asked_us', 'decided_together', 'we_led'] as const;
export type RatingStepKey = (typeof RATING_STEP_KEYS)[number];

/** Whose words the scale is in: children and young people's, or parent carers'. */
export const RATING_VARIANTS = ['children', 'parent_carers'] as const;
export type RatingVariant = (typeof RATING_VARIANTS)[number];

export type DefaultRatingStep = {
  key: RatingStepKey;
  order: number;
  /** OpenMoji hexcode (CC BY-SA 4.0, bundled). */
  symbol: string;
  /** Chorus' own mapping to the common levels (a design proposal, not a published one). */
  commonLevel: CommonLevel;
};

export const RATING_SCALE_SOURCE = {
  citation: "Chorus' own wording, after Hart, R. A. (1992) Children's Participation: From Tokenism to Citizenship (UNICEF Innocenti)",
  url: 'https://organizingengagement.org/models/ladder-of-childrens-participation/',
  status: 'chorus_own',
} as const;

export const DEFAULT_RATING_STEPS: readonly DefaultRatingStep[] = [
  // Adults decided; at most the children were told (Hart rung 4, "assigned but informed"; TLAP informing).
  { key: 'decided_for_us', order: 1, symbol: '1F9D1-200D-1F4BC', commonLevel: 'inform' },
  // Asked for their views, adults decided (Hart rung 5; TLAP and NNPCF consultation).
  { key: 'asked_us', order: 2, symbol: '2753', commonLevel: 'consult' },
  // Decisions shared (Hart rung 6; TLAP co-design).
  { key: 'decided_together', order: 3, symbol: '1F91D', commonLevel: 'co_design' },
  // Children or parent carers started and ran it (Hart rungs 7–8; TLAP and NNPCF co-production).
  { key: 'we_led', order: 4, symbol: '1F4E3', commonLevel: 'co_produce' },
];

export function isRatingStep(value: unknown): value is RatingStepKey {
  return typeof value === 'string' && (RATING_STEP_KEYS as readonly string[]).includes(value);
}

export function isRatingVariant(value: unknown): value is RatingVariant {
  return typeof value === 'string' && (RATING_VARIANTS as readonly string[]).includes(value);
}
