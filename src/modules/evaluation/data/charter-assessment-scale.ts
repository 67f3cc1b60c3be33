/**
 * The scale an organisation rates itself on against each commitment of the charter (issue 13 §3).
 *
 * Source and status: the Genuine Partnerships "Charter Promise" self-evaluation rates each statement
 * of the Four Cornerstones, but its scoring scale could NOT be retrieved to check (FRAMEWORKS.md §4b,
 * marked [U]; §13 item 4). So this scale is Chorus' own, as the issue asks (met / partly / not yet),
 * and every page that shows it says so. Order is explicit: higher is better.
 */
export const CHARTER_SCALE_SOURCE = {
  citation: 'Chorus\' own scale. The Genuine Partnerships Charter Promise tool has its own scoring scale, which we could not check.',
  url: 'https://genuinepartnerships.co.uk/rotherham/',
  status: 'ours' as const,
};

export const CHARTER_RATINGS = [
  // Symbols are OpenMoji code points (CC BY-SA 4.0) for the easy-read page.
  { key: 'met', order: 2, symbol: '2705' },
  { key: 'partly', order: 1, symbol: '1F7E1' },
  { key: 'not_yet', order: 0, symbol: '1F6A7' },
] as const;

export type CharterRating = (typeof CHARTER_RATINGS)[number]['key'];

export const CHARTER_RATING_KEYS: readonly CharterRating[] = CHARTER_RATINGS.map((r) => r.key);

export function isCharterRating(value: unknown): value is CharterRating {
  return typeof value === 'string' && (CHARTER_RATING_KEYS as readonly string[]).includes(value);
}

export function ratingOrder(rating: CharterRating): number {
  return CHARTER_RATINGS.find((r) => r.key === rating)!.order;
}

/**
 * An organisation's rating of a whole principle, from its ratings of the principle's commitments
 * (Chorus' own rule): met when every commitment is met, not yet when none is even partly met,
 * partly otherwise; undefined until every commitment has a rating.
 */
export function principleRating(counts: { total: number; rated: number; met: number; notYet: number }): CharterRating | undefined {
  if (counts.total === 0 || counts.rated < counts.total) return undefined;
  if (counts.met === counts.total) return 'met';
  if (counts.notYet === counts.total) return 'not_yet';
  return 'partly';
}

/** Days before the deadline that organisations not yet finished are reminded. */
export const REMINDER_DAYS_BEFORE = [14, 3] as const;
