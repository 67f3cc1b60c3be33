/**
 * The response form ("we did"): status, the reason when "we can't", what changed (plain and easy
 * read), who decided, owner, three dates and up to five evidence links. Server-side validation only,
 * every problem reported in one round (rules between fields too), GOV.UK wording.
 */
import { z } from 'zod';
import { parseForm, type FormState } from '../../lib/form-errors.ts';
import { readDate } from '../../lib/form-fields.ts';
import type { ResponseContent } from './responses.repository.ts';
import { STATUS_KEYS } from './response-statuses.ts';

const K = 'feedback.responses.validation';
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Where each error summary link goes (a date's first box, the first radio). */
export const RESPONSE_FIELD_IDS: Record<string, string> = { decidedOn: 'decidedOn-day', dueOn: 'dueOn-day', doneOn: 'doneOn-day' };

export const DATE_FIELDS = ['decidedOn', 'dueOn', 'doneOn'] as const;
export const MAX_EVIDENCE_LINKS = 5;

function dateParts(body: Record<string, unknown>, name: string) {
  return { day: text(body[`${name}-day`]), month: text(body[`${name}-month`]), year: text(body[`${name}-year`]) };
}

const optionalDate = (name: string) =>
  z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx) => {
    const date = readDate(parts);
    if (date === 'invalid') {
      ctx.addIssue({ code: 'custom', message: `${K}.${name}.invalid` });
      return z.NEVER;
    }
    return date;
  });

/**
 * A web address people can follow: http or https only. javascript:, data:, file: and the rest are
 * refused, because the links are shown on public pages and in emails.
 */
export function isWebLink(value: string): boolean {
  if (value.length > 2000 || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const evidenceLinks = z.preprocess(
  (v) => text(v).split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
  z.array(z.string()).superRefine((links, ctx) => {
    if (links.length > MAX_EVIDENCE_LINKS) ctx.addIssue({ code: 'custom', message: `${K}.evidenceLinks.tooMany` });
    else if (links.some((link) => !isWebLink(link))) ctx.addIssue({ code: 'custom', message: `${K}.evidenceLinks.invalid` });
  }),
);

export type ResponseChoices = { boardIds: readonly string[]; staffIds: readonly string[] };

/** The form's fields in the page's order (the error summary follows it), and the rules between them. */
function schema(choices: ResponseChoices) {
  return z
    .object({
      status: z.preprocess(text, z.enum(STATUS_KEYS, `${K}.status.missing`)),
      reason: z.preprocess(text, z.string().max(3000, `${K}.reason.tooLong`)),
      whatChanged: z.preprocess(text, z.string().min(1, `${K}.whatChanged.missing`).max(5000, `${K}.whatChanged.tooLong`)),
      whatChangedEasyRead: z.preprocess(text, z.string().max(2000, `${K}.whatChangedEasyRead.tooLong`)),
      decidedBy: z.preprocess(text, z.string().refine((v) => v === '' || v === 'role' || choices.boardIds.includes(v), `${K}.decidedBy.invalid`)),
      decidedByRole: z.preprocess(text, z.string().max(200, `${K}.decidedByRole.tooLong`)),
      ownerAccountId: z.preprocess(text, z.string().refine((v) => v === '' || choices.staffIds.includes(v), `${K}.ownerAccountId.invalid`)),
      decidedOn: optionalDate('decidedOn'),
      dueOn: optionalDate('dueOn'),
      doneOn: optionalDate('doneOn'),
      evidenceLinks,
    })
    .superRefine(
      (form, ctx) => {
        const problem = (field: string, key: string) => ctx.addIssue({ code: 'custom', path: [field], message: `${K}.${key}` });
        if (form.status === 'cannot' && !form.reason) problem('reason', 'reason.missing');
        if (form.decidedBy === 'role' && !form.decidedByRole) problem('decidedByRole', 'decidedByRole.missing');
        // A date that is not a real one has its own message already; these compare real dates only.
        if (typeof form.decidedOn === 'string' && typeof form.doneOn === 'string' && form.doneOn < form.decidedOn) problem('doneOn', 'doneOn.beforeDecided');
      },
      // Checked even when another field is wrong (a missing status), so every problem is reported in one round.
      { when: () => true },
    );
}

/** Parses the posted form: the three boxes of each date are read as one field. */
export function parseResponseForm(body: unknown, t: (key: string) => string, choices: ResponseChoices): FormState<ResponseContent> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const gathered: Record<string, unknown> = { ...values };
  for (const name of DATE_FIELDS) gathered[name] = dateParts(values, name);
  const form = parseForm(schema(choices), gathered, t, RESPONSE_FIELD_IDS);
  if (!form.ok) return { ...form, values };
  const d = form.data;
  const board = d.decidedBy !== '' && d.decidedBy !== 'role' ? d.decidedBy : null;
  return {
    ok: true,
    data: {
      status: d.status,
      reason: d.reason,
      whatChanged: d.whatChanged,
      whatChangedEasyRead: d.whatChangedEasyRead,
      decidedByBoardId: board,
      decidedByRole: board ? '' : d.decidedByRole,
      ownerAccountId: d.ownerAccountId || null,
      decidedOn: d.decidedOn,
      dueOn: d.dueOn,
      doneOn: d.doneOn,
      evidenceLinks: d.evidenceLinks,
    },
  };
}

/** The version the editor started from; -1 (matches nothing) when missing or not a number. */
export function versionOf(body: unknown): number {
  const raw = (body && typeof body === 'object' ? (body as Record<string, unknown>).version : undefined) as unknown;
  const parsed = z.coerce.number().int().min(0).max(2_000_000_000).safeParse(typeof raw === 'string' ? raw.trim() : raw);
  return parsed.success && raw !== '' && raw !== undefined ? parsed.data : -1;
}

/** Form values for a saved response (what the edit page starts with). */
export function valuesOf(r: ResponseContent): Record<string, string> {
  const values: Record<string, string> = {
    status: r.status,
    reason: r.reason,
    whatChanged: r.whatChanged,
    whatChangedEasyRead: r.whatChangedEasyRead,
    decidedBy: r.decidedByBoardId ?? (r.decidedByRole ? 'role' : ''),
    decidedByRole: r.decidedByRole,
    ownerAccountId: r.ownerAccountId ?? '',
    evidenceLinks: r.evidenceLinks.join('\n'),
  };
  for (const name of DATE_FIELDS) {
    const date = r[name];
    const [year, month, day] = date ? date.split('-') : ['', '', ''];
    values[`${name}-day`] = day ? String(Number(day)) : '';
    values[`${name}-month`] = month ? String(Number(month)) : '';
    values[`${name}-year`] = year ?? '';
  }
  return values;
}

/** Ids posted by the "I have printed these letters" form (every well-formed one, at most 2,000). */
export function noticeIdsOf(body: unknown): string[] {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).noticeId : undefined;
  const list = raw === undefined ? [] : [raw].flat();
  return list.filter((v): v is string => typeof v === 'string' && z.uuid().safeParse(v).success).slice(0, 2000);
}

/** The area's publishing rule: does a response need someone other than its writer to approve it? */
export const publishingRulesForm = z.object({
  needsApproval: z.preprocess(text, z.enum(['yes', 'no'], 'feedback.publishingRules.validation.missing')),
});
