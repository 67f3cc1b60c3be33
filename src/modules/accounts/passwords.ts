/**
 * Password hashing and the password rules (QUALITY.md: argon2id at ≥ 19 MiB and t=2; at least 12
 * characters; no password from a list of common breached passwords).
 */
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id floor: m=19 MiB, t=2, p=1. algorithm 2 = Argon2id (the const enum cannot be
// imported under verbatimModuleSyntax).
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// Shorter ones are refused by length already; keep only what the length rule lets through.
const COMMON = new Set(
  ((dictionary as Record<string, string[]>)['passwords-common'] ?? []).filter((p) => p.length >= MIN_PASSWORD_LENGTH),
);

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the account does not exist keeps response times alike, so timing
// does not reveal which email addresses have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('chorus-timing-equaliser-not-a-password');
  return dummyHash.then((h) => verifyPassword(h, password));
}
