/**
 * Forms of the accounts module. Messages are catalogue keys (lib/messages), turned into words by parseForm.
 */
import { z } from 'zod';
import { ROLES } from '../../lib/authorisation.ts';
import { displayName, email } from '../../lib/form-fields.ts';
import { isCommonPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export const newPassword = z.preprocess(
  text,
  z
    .string()
    .min(1, 'validation.password.missing')
    .min(MIN_PASSWORD_LENGTH, 'validation.password.tooShort')
    .max(MAX_PASSWORD_LENGTH, 'validation.password.tooLong')
    .refine((p) => !isCommonPassword(p), 'validation.password.common'),
);

export const signInForm = z.object({
  email: email(),
  password: z.preprocess(text, z.string().min(1, 'validation.password.missing').max(MAX_PASSWORD_LENGTH, 'validation.password.tooLong')),
});

export const emailOnlyForm = z.object({ email: email() });

export const newPasswordForm = z
  .object({ password: newPassword, confirmPassword: z.preprocess(text, z.string()) })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.password.mismatch' });

export const acceptNewAccountForm = z.object({ displayName, password: newPassword });

// Fields in the order the page shows them, so the error summary reads in the same order.
export const inviteForm = z.object({
  displayName,
  email: email('otherEmail'),
  role: z.preprocess(text, z.enum(ROLES, 'validation.role.missing')),
  organisationId: z.preprocess((v) => text(v) || null, z.uuid('validation.organisation.invalid').nullable()),
});

export const rolesForm = z.object({
  roles: z.preprocess((v) => (v === undefined ? [] : [v].flat().map(text).filter((r) => r !== '')), z.array(z.enum(ROLES, 'validation.roles.invalid')).max(ROLES.length)),
});

/** Only a local path may follow sign-in: never another site (open redirect). */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  // Judge the path as a browser will read it: decoded, with tabs and line breaks removed (browsers
  // drop them from URLs, so "/\t/evil.example" becomes "//evil.example") and backslashes as slashes.
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  const asBrowsed = decoded.replace(/[\t\r\n]/g, '').replace(/\\/g, '/');
  if (!asBrowsed.startsWith('/') || asBrowsed.startsWith('//')) return null;
  // Only our own paths: resolved against a made-up origin, it must stay on that origin.
  try {
    if (new URL(asBrowsed, 'https://chorus.invalid').origin !== 'https://chorus.invalid') return null;
  } catch {
    return null;
  }
  // Control characters (tab, NUL, ESC…) have no place in a path of ours.
  if ([...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return null;
  return value;
}
