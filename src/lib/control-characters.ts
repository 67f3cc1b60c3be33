/**
 * Control characters a person never means to type: NUL (PostgreSQL text cannot hold it), and ESC,
 * BS, BEL and the rest of C0, and DEL (they would reach titles, exports and terminals). Tab and line
 * breaks are kept: people type those.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The text without control characters, as every form field is stored (app.ts removes them on arrival). */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}
