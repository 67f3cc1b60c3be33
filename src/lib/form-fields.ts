/**
 * Form fields asked for the same way in more than one module: an email address and a person's name.
 * Their messages are in the shared catalogue (lib/messages), so any module's form can use them
 * without reaching into the accounts module's forms (decision 0016).
 */
import { z } from 'zod';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** An email address; `otherEmail` words the messages for someone else's address ("Enter their email address"). */
export const email = (prefix: 'email' | 'otherEmail' = 'email') =>
  z.preprocess(
    (v) => text(v).trim(),
    z
      .string()
      .min(1, `validation.${prefix}.missing`)
      .max(320, 'validation.email.tooLong')
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, `validation.${prefix}.invalid`),
  );

export const displayName = z.preprocess((v) => text(v).trim(), z.string().min(1, 'validation.displayName.missing').max(120, 'validation.displayName.tooLong'));

/**
 * The three boxes of a GOV.UK date input: empty (null), a real date ('YYYY-MM-DD') or not a date
 * (a year before 2000 or after 2100 counts as not a date).
 */
export function readDate(parts: { day: string; month: string; year: string }): string | null | 'invalid' {
  if (!parts.day && !parts.month && !parts.year) return null;
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) return 'invalid';
  const day = Number(parts.day), month = Number(parts.month), year = Number(parts.year);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || year < 2000 || year > 2100) return 'invalid';
  return date.toISOString().slice(0, 10);
}
