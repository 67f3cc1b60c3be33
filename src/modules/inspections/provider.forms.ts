/**
 * The provider's response form: what they think, and actions each with a date (day, month, year:
 * the GOV.UK date pattern). Rows are numbered fields (action1, day1, month1, year1, …) so "Add
 * another action" can post the whole form and come back with every word kept and one more row.
 * An empty row (no action, no date) is left out; half a row is an error.
 */
import type { FormProblem } from '../../lib/form-errors.ts';
import type { ProviderAction } from './provider.service.ts';

export const RESPONSE_MAX = 5000;
export const ACTION_MAX = 1000;
export const MAX_ROWS = 20;

export type ActionRow = { action: string; day: string; month: string; year: string };
export type ResponseValues = { response: string; rows: ActionRow[] };

const text = (value: unknown, max: number): string => (typeof value === 'string' ? value : '').replace(/\r\n/g, '\n').slice(0, max + 1);

/** What was posted, as typed (trimmed to a little over each limit so a long paste cannot flood the page). */
export function responseValues(body: unknown): ResponseValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const count = Math.min(MAX_ROWS, Math.max(1, Number.parseInt(String(b.rows ?? '1'), 10) || 1));
  const rows: ActionRow[] = [];
  for (let i = 1; i <= count; i += 1) {
    rows.push({ action: text(b[`action${i}`], ACTION_MAX), day: text(b[`day${i}`], 2).trim(), month: text(b[`month${i}`], 2).trim(), year: text(b[`year${i}`], 4).trim() });
  }
  return { response: text(b.response, RESPONSE_MAX), rows };
}

export const emptyRow = (): ActionRow => ({ action: '', day: '', month: '', year: '' });

/** A real calendar date from three typed parts, as 'YYYY-MM-DD', or undefined. */
export function typedDate(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type T = (key: string, params?: Record<string, unknown>) => string;

/** Checks the form; `today` is 'YYYY-MM-DD' (an action's date may not be in the past). */
export function checkResponse(values: ResponseValues, t: T, today: string): { ok: true; response: string; actions: ProviderAction[] } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const response = values.response.trim();
  if (!response) problems.push({ field: 'response', text: t('inspections.reports.errors.responseMissing') });
  else if (response.length > RESPONSE_MAX) problems.push({ field: 'response', text: t('inspections.reports.errors.responseLong', { max: RESPONSE_MAX }) });
  const actions: ProviderAction[] = [];
  values.rows.forEach((row, index) => {
    const n = index + 1;
    const action = row.action.trim();
    const anyDate = row.day || row.month || row.year;
    if (!action && !anyDate) return;
    if (!action) problems.push({ field: `action${n}`, text: t('inspections.reports.errors.actionMissing', { n }) });
    else if (action.length > ACTION_MAX) problems.push({ field: `action${n}`, text: t('inspections.reports.errors.actionLong', { n, max: ACTION_MAX }) });
    const dueOn = typedDate(row.day, row.month, row.year);
    if (!anyDate) problems.push({ field: `due${n}`, text: t('inspections.reports.errors.dateMissing', { n }) });
    else if (!dueOn) problems.push({ field: `due${n}`, text: t('inspections.reports.errors.dateInvalid', { n }) });
    else if (dueOn < today) problems.push({ field: `due${n}`, text: t('inspections.reports.errors.datePast', { n }) });
    if (action && dueOn) actions.push({ action, dueOn });
  });
  return problems.length ? { ok: false, problems } : { ok: true, response, actions };
}
