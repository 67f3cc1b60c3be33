/**
 * The five answers a theme can get ("we did" and the rest), as data: each has a symbol for the
 * easy-read pages and letters, and its words in the catalogue (feedback.status.<key>.*).
 *
 * "We can't" must always give the reason: children's charters ask to be told "if not, why not"
 * (domain/FRAMEWORKS.md §10), and the database refuses a "cannot" without one.
 */
import type { ListenedRating, ResponseStatus } from '../../db/database.ts';

export type StatusInfo = {
  key: ResponseStatus;
  /** OpenMoji code point, served at /symbols/<symbol>.svg. */
  symbol: string;
  /** Whether the response must explain why (the reason field). */
  needsReason: boolean;
};

export const RESPONSE_STATUSES: readonly StatusInfo[] = [
  { key: 'done', symbol: '2705', needsReason: false },
  { key: 'doing', symbol: '1F6A7', needsReason: false },
  { key: 'will_do', symbol: '1F4C5', needsReason: false },
  { key: 'cannot', symbol: '1F6AB', needsReason: true },
  { key: 'deciding', symbol: '1F914', needsReason: false },
];

export const STATUS_KEYS = RESPONSE_STATUSES.map((s) => s.key) as [ResponseStatus, ...ResponseStatus[]];

export function statusInfo(key: ResponseStatus): StatusInfo {
  return RESPONSE_STATUSES.find((s) => s.key === key)!;
}

/** "Do you feel listened to?": three faces, kindest first (feedback.listened.<key>). */
export const LISTENED_RATINGS: readonly { key: ListenedRating; symbol: string }[] = [
  { key: 'yes', symbol: '1F600' },
  { key: 'a_bit', symbol: '1F610' },
  { key: 'no', symbol: '1F641' },
];
