/**
 * What taking part did (issue 13 §4): the four evaluation questions that the area's charter promises
 * to answer, and the short participant impact check behind question (3).
 *
 * Source: the area's charter evaluation questions (the four questions the seeded charters commit the
 * partnership to answering). The wording here is Chorus' own, not a published text: an area changes
 * it on its evaluation settings page. The impact check's items are Chorus' own too (FRAMEWORKS.md has
 * no published scale for them): plain words about self-esteem, self-advocacy, confidence and feeling
 * less alone, on a three-point symbol scale, so that a first and a later answer can be compared.
 * Order is explicit; never infer it from the list position.
 */

export type EvaluationQuestionId = 'differently' | 'impact_on_users' | 'impact_on_participants' | 'who_takes_part';

export type EvaluationQuestion = {
  id: EvaluationQuestionId;
  order: number;
  /** The message key of the shipped wording (en and cy), under evaluation.impact.questions. */
  key: string;
  /** Where the question is answered in Chorus. */
  answeredBy: 'staff' | 'participants' | 'representation';
};

export const QUESTIONS_SOURCE = {
  citation: "The area's charter evaluation questions",
  wording: 'chorus_own',
  /** Not a published framework: nothing to check against an outside source. */
  status: 'chorus_own',
} as const;

export const EVALUATION_QUESTIONS: readonly EvaluationQuestion[] = [
  { id: 'differently', order: 1, key: 'differently', answeredBy: 'staff' },
  { id: 'impact_on_users', order: 2, key: 'impactOnUsers', answeredBy: 'staff' },
  { id: 'impact_on_participants', order: 3, key: 'impactOnParticipants', answeredBy: 'participants' },
  { id: 'who_takes_part', order: 4, key: 'whoTakesPart', answeredBy: 'representation' },
];

export const QUESTION_IDS: readonly EvaluationQuestionId[] = EVALUATION_QUESTIONS.map((q) => q.id);

/** The longest wording an area may give a question. */
export const QUESTION_MAX = 300;

// ── The participant impact check ──────────────────────────────────────────────────────────────

export type CheckVersion = 'child' | 'parent_carer';
export const CHECK_VERSIONS: readonly CheckVersion[] = ['child', 'parent_carer'];

export type ImpactItemId = 'self_esteem' | 'self_advocacy' | 'confidence' | 'less_isolated';

/** One statement of the check; words are message keys under evaluation.impact.check.items.<key>.<version>. */
export type ImpactItem = { id: ImpactItemId; order: number; key: string; symbol: string };

export const IMPACT_ITEMS: readonly ImpactItem[] = [
  { id: 'self_esteem', order: 1, key: 'selfEsteem', symbol: '1F31F' },
  { id: 'self_advocacy', order: 2, key: 'selfAdvocacy', symbol: '1F5E3' },
  { id: 'confidence', order: 3, key: 'confidence', symbol: '1F4AA' },
  { id: 'less_isolated', order: 4, key: 'lessIsolated', symbol: '1F91D' },
];

export const ITEM_IDS: readonly ImpactItemId[] = IMPACT_ITEMS.map((i) => i.id);

/** The three-point symbol scale: higher is better, so later minus first is the change. */
export const SCALE = [
  { value: 1, key: 'notReally', symbol: '1F641' },
  { value: 2, key: 'aBit', symbol: '1F610' },
  { value: 3, key: 'aLot', symbol: '1F600' },
] as const;

export type ScaleValue = (typeof SCALE)[number]['value'];

export function isScaleValue(value: unknown): value is ScaleValue {
  return value === 1 || value === 2 || value === 3;
}

/** Defaults for asking again. */
export const AGAIN_AFTER_MONTHS = 6;
export const MONTHS_RANGE = { min: 1, max: 24 } as const;
export const ACTIVITIES_RANGE = { min: 2, max: 20 } as const;
