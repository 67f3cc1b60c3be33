/**
 * The GOV.UK error pattern, implemented once: a zod result becomes an error summary list and
 * per-field messages, with message keys looked up in the catalogue.
 */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;
export type ErrorSummaryItem = { text: string; href: string };

export type FormState<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; summary: ErrorSummaryItem[]; values: Record<string, unknown> };

/**
 * Parses a submitted body. Field messages in schemas are catalogue keys ("validation.email.missing");
 * `t` turns them into words. Only the first problem of each field is shown, as GOV.UK does.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  t: (key: string) => string,
  fieldIds: Record<string, string> = {},
): FormState<z.output<S>> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  const summary: ErrorSummaryItem[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    const text = t(issue.message);
    errors[field] = text;
    summary.push({ text, href: `#${fieldIds[field] ?? field}` });
  }
  return { ok: false, errors, summary, values };
}

/** One error for a whole form (for example "Email or password is wrong"), pointing at a field. */
export function formError(field: string, text: string, values: Record<string, unknown>) {
  return { ok: false as const, errors: { [field]: text }, summary: [{ text, href: `#${field}` }], values };
}
