/**
 * Codes people write down or read out: the receipt code ("7KQ-4MZ") that looks up what happened to
 * their views, and the longer resume code that lets an anonymous person carry on later.
 *
 * The alphabet leaves out 0/O, 1/I/L: a child copying a code from a screen, or a supporter reading
 * it over the phone, cannot confuse them. Codes are drawn with crypto.randomInt (no modulo bias).
 */
import { randomInt } from 'node:crypto';
import { hashToken } from './tokens.ts';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 6 characters: 31^6 ≈ 887 million per area. It shows redacted views only, so it need not be a secret key. */
export const RECEIPT_LENGTH = 6;
/** 10 characters (≈ 50 bits): it unlocks someone's unfinished answers, and guessing is rate-limited. */
export const RESUME_LENGTH = 10;

function randomCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** Splits a code in two halves with a hyphen, easier to read and copy: 7KQ4MZ → 7KQ-4MZ. */
function grouped(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

export function newReceiptCode(): string {
  return grouped(randomCode(RECEIPT_LENGTH));
}

export function newResumeCode(): string {
  return grouped(randomCode(RESUME_LENGTH));
}

/**
 * What a person typed, made canonical: upper case, without spaces, hyphens or dots. Letters we
 * never use are left alone, so a mistyped code is refused rather than silently matched to another.
 */
export function normaliseCode(typed: unknown): string {
  if (typeof typed !== 'string') return '';
  return typed.slice(0, 60).toUpperCase().replace(/[\s\-–—._]/g, '');
}

function wellFormed(code: string, length: number): boolean {
  if (code.length !== length) return false;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return false;
  return true;
}

/** The receipt code as stored ("7KQ-4MZ"), or undefined if what was typed cannot be one. */
export function parseReceiptCode(typed: unknown): string | undefined {
  const code = normaliseCode(typed);
  return wellFormed(code, RECEIPT_LENGTH) ? grouped(code) : undefined;
}

/** The resume code's canonical form (no hyphen), or undefined if what was typed cannot be one. */
export function parseResumeCode(typed: unknown): string | undefined {
  const code = normaliseCode(typed);
  return wellFormed(code, RESUME_LENGTH) ? code : undefined;
}

/** Only this is stored for a resume code: SHA-256 of its canonical form. */
export function hashResumeCode(code: string): string {
  return hashToken(`resume:${normaliseCode(code)}`);
}
