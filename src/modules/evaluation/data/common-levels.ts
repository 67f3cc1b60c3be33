/**
 * Chorus' own common levels of participation (issue 13 §1), so that activities rated on different
 * ladders (Hart, TLAP, the parent carer forums' stages, an area's own) can be compared, and so that
 * staff's and participants' ratings can be set side by side.
 *
 * This is Chorus' own mapping, a design proposal (FRAMEWORKS.md §2c), NOT a published one: every page
 * that shows it says so. Order is explicit; never infer it from the list position or the label.
 */
export const COMMON_LEVELS = [
  { key: 'none', order: 0 },
  { key: 'inform', order: 1 },
  { key: 'consult', order: 2 },
  { key: 'involve', order: 3 },
  { key: 'co_design', order: 4 },
  { key: 'co_produce', order: 5 },
] as const;

export type CommonLevel = (typeof COMMON_LEVELS)[number]['key'];

export const COMMON_LEVEL_KEYS: readonly CommonLevel[] = COMMON_LEVELS.map((l) => l.key);

export function isCommonLevel(value: unknown): value is CommonLevel {
  return typeof value === 'string' && (COMMON_LEVEL_KEYS as readonly string[]).includes(value);
}

export function levelOrder(level: CommonLevel): number {
  return COMMON_LEVELS.find((l) => l.key === level)!.order;
}
