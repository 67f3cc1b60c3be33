/**
 * Money as people type and read it (issue 16: grant pots and awards; issue 17: vouchers). Amounts
 * are whole pence everywhere in Chorus (bigint in the database), never floating pounds.
 */

/** The most Chorus accepts for one amount: £100 million, far beyond any pot. */
const MAX_PENCE = 100_000_000_00;

/** Pence from what people type for money: "£1,250", "1250", "1,250.50", "£ 1250.5". Undefined if not money. */
export function parsePounds(typed: string): number | undefined {
  const text = typed.trim().replace(/^£\s*/, '').replace(/\s+/g, '');
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  const total = Number(match[1]!.replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(total) && total <= MAX_PENCE ? total : undefined;
}

/** "£1,250" for whole pounds, "£1,250.50" otherwise. */
export function pounds(pence: number): string {
  const whole = pence % 100 === 0;
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 })}`;
}
