/**
 * The one form of the data-rights pages: how to find the person. The search page asks for it; the
 * results, download and erasure forms carry it back as hidden fields, so an address or a phone number
 * never appears in a web address (nor in browser history, server logs or a Referer header).
 */
import { z } from 'zod';
import { isEmailAddress, normaliseUkMobile } from '../feedback/contacts.service.ts';
import { normaliseCode, parseReceiptCode } from '../../lib/codes.ts';
import { SEARCH_KINDS, type SearchKind } from './personal-data.ts';

/** What to look for, made canonical: a lower-case email, a phone as 447… digits, a receipt code as stored ("7KQ-4MZ"). */
export type Search = { kind: SearchKind; value: string };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const key = (field: string, problem: string) => `dataRights.validation.${field}.${problem}`;

/** The field each kind of search is typed into. */
export const SEARCH_FIELDS: Readonly<Record<SearchKind, 'email' | 'phone' | 'receiptCode'>> = { email: 'email', phone: 'phone', receipt_code: 'receiptCode' };

export const searchForm = z
  .object({
    searchBy: z.preprocess(text, z.enum(SEARCH_KINDS, key('searchBy', 'missing'))),
    email: z.preprocess(text, z.string()),
    phone: z.preprocess(text, z.string()),
    receiptCode: z.preprocess(text, z.string()),
  })
  .transform((v, ctx): Search => {
    const problem = (field: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [field], message: key(field, message) });
      return z.NEVER;
    };
    if (v.searchBy === 'email') {
      if (!v.email) return problem('email', 'missing');
      if (!isEmailAddress(v.email)) return problem('email', 'invalid');
      return { kind: 'email', value: v.email.toLowerCase() };
    }
    if (v.searchBy === 'phone') {
      if (!v.phone) return problem('phone', 'missing');
      const mobile = v.phone.length <= 40 ? normaliseUkMobile(v.phone) : undefined;
      if (!mobile) return problem('phone', 'invalid');
      return { kind: 'phone', value: mobile.slice(1) };
    }
    if (!normaliseCode(v.receiptCode)) return problem('receiptCode', 'missing');
    const code = parseReceiptCode(v.receiptCode);
    if (!code) return problem('receiptCode', 'invalid');
    return { kind: 'receipt_code', value: code };
  });

/** The hidden fields that carry a search from one page to the next. */
export function searchFields(search: Search): Record<string, string> {
  const fields: Record<string, string> = { searchBy: search.kind, email: '', phone: '', receiptCode: '' };
  fields[SEARCH_FIELDS[search.kind]] = search.kind === 'phone' ? `+${search.value}` : search.value;
  return fields;
}

/** What the search page shows again after an error: the typed fields, nothing else. */
export function keptValues(values: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const field of ['searchBy', 'email', 'phone', 'receiptCode']) kept[field] = typeof values[field] === 'string' ? (values[field] as string).slice(0, 400) : '';
  return kept;
}
