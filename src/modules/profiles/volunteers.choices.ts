/**
 * What a young person can ask for in a volunteer or support worker, and what staff tick on a
 * volunteer's profile: the same codes, kept here as data with an OpenMoji symbol each, so a wish
 * ("likes football", "knows Makaton", "someone calm") matches a volunteer's ticks one for one.
 * Words are in messages ({en,cy}.volunteers.json): choices.<code> for staff, wishes.<code> for the
 * young person, because.<code> for "Sam likes football and knows Makaton".
 */

export type Choice = { code: string; symbol: string };

export const INTERESTS: readonly Choice[] = [
  { code: 'football', symbol: '26BD' },
  { code: 'swimming', symbol: '1F3CA' },
  { code: 'music', symbol: '1F3B5' },
  { code: 'art', symbol: '1F3A8' },
  { code: 'cooking', symbol: '1F373' },
  { code: 'computer_games', symbol: '1F3AE' },
  { code: 'animals', symbol: '1F436' },
  { code: 'park', symbol: '1F333' },
  { code: 'trains', symbol: '1F682' },
  { code: 'reading', symbol: '1F4DA' },
  { code: 'dancing', symbol: '1F483' },
  { code: 'bikes', symbol: '1F6B2' },
];

export const SKILLS: readonly Choice[] = [
  { code: 'makaton', symbol: '1F91F' },
  { code: 'bsl', symbol: '1F450' },
  { code: 'signalong', symbol: '270B' },
  { code: 'pecs', symbol: '1F5BC' },
  { code: 'autism_aware', symbol: '267E' },
  { code: 'wheelchair', symbol: '267F' },
  { code: 'other_language', symbol: '1F5E3' },
];

/** What they are like. */
export const TRAITS: readonly Choice[] = [
  { code: 'calm', symbol: '1F60C' },
  { code: 'chatty', symbol: '1F4AC' },
  { code: 'funny', symbol: '1F602' },
  { code: 'patient', symbol: '23F3' },
  { code: 'sporty', symbol: '1F3C3' },
  { code: 'kind', symbol: '1F917' },
  { code: 'quiet', symbol: '1F92B' },
];

export const CHOICE_GROUPS = { interests: INTERESTS, skills: SKILLS, traits: TRAITS } as const;
export type ChoiceGroup = keyof typeof CHOICE_GROUPS;

/** Every code a young person may wish for, in the order the page shows them. */
export const WISHES: readonly Choice[] = [...INTERESTS, ...SKILLS, ...TRAITS];
export const WISH_CODES: ReadonlySet<string> = new Set(WISHES.map((w) => w.code));
export const SYMBOL_OF: ReadonlyMap<string, string> = new Map(WISHES.map((w) => [w.code, w.symbol]));

/**
 * A DBS check ("a check that they are safe to work with children") counts for this many years from
 * the date staff recorded. A volunteer with no date, or an older one, is never suggested to a young
 * person, and a young person cannot choose them.
 */
export const DBS_VALID_YEARS = 3;

/** The earliest DBS check date that is still current on `today` ('YYYY-MM-DD', London's calendar is near enough for a date). */
export function dbsCutoff(today: Date = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() - DBS_VALID_YEARS, today.getUTCMonth(), today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

/** Whether a DBS check date is current on `today`. */
export function dbsCurrent(checkedOn: Date | string | null, today: Date = new Date()): boolean {
  if (!checkedOn) return false;
  const day = typeof checkedOn === 'string' ? checkedOn.slice(0, 10) : checkedOn.toISOString().slice(0, 10);
  return day >= dbsCutoff(today) && day <= today.toISOString().slice(0, 10);
}

/** The codes two lists share, in the order of `wishes`. */
export function matching(wishes: readonly string[], has: readonly string[]): string[] {
  const set = new Set(has);
  return wishes.filter((w) => set.has(w));
}

/** The five faces for "How did meeting them go?", 1 very unhappy … 5 very happy. */
export const FACES: readonly Choice[] = [
  { code: '1', symbol: '1F622' },
  { code: '2', symbol: '1F641' },
  { code: '3', symbol: '1F610' },
  { code: '4', symbol: '1F642' },
  { code: '5', symbol: '1F604' },
];

export const CARRY_ON: readonly Choice[] = [
  { code: 'yes', symbol: '1F44D' },
  { code: 'no', symbol: '1F44E' },
  { code: 'not_sure', symbol: '1F914' },
];
