/**
 * The GOV.UK error pattern, implemented once: problems become an error summary list and per-field
 * messages, with message keys looked up in the catalogue.
 */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;
export type ErrorSummaryItem = { text: string; href: string };
/** One thing wrong with a submission, already in words, against the field (by name) it belongs to. */
export type FormProblem = { field: string; text: string };
export type ErrorState = { errors: FieldErrors; errorSummary: ErrorSummaryItem[] };

export type FormState<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; summary: ErrorSummaryItem[]; values: Record<string, unknown> };

/**
 * Builds the per-field messages and the error summary from a list of problems (or from field
 * messages already keyed by field name). Only the first problem of each field is shown, as GOV.UK
 * does, and the summary keeps the order the problems came in, which should be the page's order.
 * `fieldIds` maps a field's name to the id of the input the summary links to, where they differ
 * (for example the first radio of a group); otherwise the link is `#<field>`.
 */
export function errorState(problems: readonly FormProblem[] | FieldErrors, fieldIds: Record<string, string> = {}): ErrorState {
  const list: readonly FormProblem[] = Array.isArray(problems)
    ? problems
    : Object.entries(problems as FieldErrors).map(([field, text]) => ({ field, text }));
  const errors: FieldErrors = {};
  const errorSummary: ErrorSummaryItem[] = [];
  for (const { field, text } of list) {
    if (field in errors) continue;
    errors[field] = text;
    errorSummary.push({ text, href: `#${fieldIds[field] ?? field}` });
  }
  return { errors, errorSummary };
}

/**
 * Parses a submitted body. Field messages in schemas are catalogue keys ("validation.email.missing");
 * `t` turns them into words, with a custom issue's `params` as the key's placeholders. Only the first
 * problem of each field is shown, as GOV.UK does. For an object schema the summary follows the order
 * of its fields, which is the page's order, so a rule between fields (a superRefine, checked last)
 * is still listed where its field is on the page.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  t: (key: string, params?: Record<string, unknown>) => string,
  fieldIds: Record<string, string> = {},
): FormState<z.output<S>> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const order = Object.keys((schema as { shape?: Record<string, unknown> }).shape ?? {});
  const place = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const problems = result.error.issues.map((issue) => ({
    field: String(issue.path[0] ?? 'form'),
    text: t(issue.message, issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined),
  }));
  // Array.prototype.sort is stable: problems of one field keep the order zod found them in.
  const { errors, errorSummary } = errorState(problems.sort((a, b) => place(a.field) - place(b.field)), fieldIds);
  return { ok: false, errors, summary: errorSummary, values };
}

/** One error for a whole form (for example "Email or password is wrong"), pointing at a field. */
export function formError(field: string, text: string, values: Record<string, unknown>, fieldId = field) {
  const { errors, errorSummary } = errorState([{ field, text }], { [field]: fieldId });
  return { ok: false as const, errors, summary: errorSummary, values };
}
