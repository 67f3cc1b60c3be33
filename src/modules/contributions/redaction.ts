/**
 * Finds personal details in free text so they can be removed before anyone else reads it.
 * (First version: patterns only. The full engine replaces the body, keeping these signatures.)
 */

export type RedactionKind = 'name' | 'email' | 'phone' | 'postcode' | 'nhs_number' | 'school' | 'address' | 'other';
export type Span = { start: number; end: number; kind: RedactionKind };
/** The area's own lists: its participants' and staff's names, its schools and its places. */
export type RedactionContext = { names: readonly string[]; schools: readonly string[]; places: readonly string[] };

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

export function findPersonalDetails(text: string, _context: RedactionContext): { spans: Span[]; needsReview: boolean } {
  const spans: Span[] = [];
  for (const m of text.matchAll(EMAIL)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  return { spans, needsReview: false };
}

const PLACEHOLDER: Record<RedactionKind, string> = {
  name: '[name]',
  email: '[email]',
  phone: '[phone number]',
  postcode: '[postcode]',
  nhs_number: '[NHS number]',
  school: '[school]',
  address: '[address]',
  other: '[removed]',
};

/** The text with each span replaced by a placeholder saying what kind of detail was removed. */
export function applySpans(text: string, spans: readonly Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of sorted) {
    if (span.end <= at) continue;
    out += text.slice(at, Math.max(at, span.start)) + PLACEHOLDER[span.kind];
    at = span.end;
  }
  return out + text.slice(at);
}
