/**
 * The reports workflow's forms: a report's details (kind, title, audience, authors, scope, period),
 * a part's commentary, a written part, sending back with a reason. Server-side validation only,
 * every problem reported in one round, GOV.UK wording.
 */
import { z } from 'zod';
import { parseForm, type FormState } from '../../lib/form-errors.ts';
import { readDate } from '../../lib/form-fields.ts';
import { MAX_COMMENTARY, type ReportChoices, type ReportDetails } from './reports.service.ts';
import { REPORT_KINDS, type ReportKind, type ReportScope, type Translate } from './sections.ts';

const K = 'reports.manage.validation';
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
/** Commentary keeps its line breaks (blank lines are paragraphs) but not spaces at either end. */
const multiline = (value: unknown) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '');

export const PERIODS = ['six_months', 'year', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** Today's date in London ('YYYY-MM-DD'). */
export function londonToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(d, lastDay));
  return shifted.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last six months or the last year, ending today (both days included). */
export function periodDates(period: Exclude<Period, 'custom'>, today: string): { from: string; to: string } {
  return { from: addDays(addMonths(today, period === 'six_months' ? -6 : -12), 1), to: today };
}

function monthYear(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** The title Chorus suggests from the kind and the period ("Board report: April 2026 to September 2026"). */
export function suggestedTitle(kind: ReportKind, from: string, to: string, t: Translate, lang: string): string {
  return t(`reports.kinds.${kind}.titlePattern`, { from: monthYear(from, lang), to: monthYear(to, lang) });
}

function dateParts(body: Record<string, unknown>, name: string) {
  return { day: text(body[`${name}-day`]), month: text(body[`${name}-month`]), year: text(body[`${name}-year`]) };
}

export const DETAILS_FIELD_IDS: Record<string, string> = { kind: 'kind', period: 'period', from: 'from-day', to: 'to-day', scope: 'scope' };

/**
 * The details form. For a new report the kind and a period ("last six months", "last year" or
 * dates) are asked; when changing a report, its dates are asked directly (period 'custom').
 */
function detailsSchema(choices: ReportChoices, isNew: boolean) {
  const boardIds = choices.boards.map((b) => b.id);
  const organisationIds = choices.organisations.map((o) => o.id);
  return z
    .object({
      kind: isNew ? z.preprocess(text, z.enum(REPORT_KINDS, `${K}.kind.missing`)) : z.unknown().optional(),
      period: isNew ? z.preprocess(text, z.enum(PERIODS, `${K}.period.missing`)) : z.unknown().optional(),
      from: z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((p) => readDate(p)),
      to: z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((p) => readDate(p)),
      title: z.preprocess(text, isNew ? z.string().max(200, `${K}.title.tooLong`) : z.string().min(1, `${K}.title.missing`).max(200, `${K}.title.tooLong`)),
      audience: z.preprocess(text, z.string().refine((v) => v === 'other' || boardIds.includes(v), `${K}.audience.missing`)),
      audienceText: z.preprocess(text, z.string().max(200, `${K}.audienceText.tooLong`)),
      authors: z.preprocess(text, z.string().min(1, `${K}.authors.missing`).max(500, `${K}.authors.tooLong`)),
      scope: z.preprocess(text, z.enum(['area', 'organisation', 'service'], `${K}.scope.missing`)),
      organisationId: z.preprocess(text, z.string()),
      service: z.preprocess(text, z.string()),
    })
    .superRefine(
      (form, ctx) => {
        const problem = (field: string, key: string) => ctx.addIssue({ code: 'custom', path: [field], message: `${K}.${key}` });
        const custom = !isNew || form.period === 'custom';
        if (custom) {
          if (form.from === null) problem('from', 'from.missing');
          else if (form.from === 'invalid') problem('from', 'from.invalid');
          if (form.to === null) problem('to', 'to.missing');
          else if (form.to === 'invalid') problem('to', 'to.invalid');
          if (typeof form.from === 'string' && form.from !== 'invalid' && typeof form.to === 'string' && form.to !== 'invalid' && form.to < form.from) problem('to', 'to.beforeFrom');
        }
        if (form.audience === 'other' && !form.audienceText) problem('audienceText', 'audienceText.missing');
        if (form.scope === 'organisation' && !organisationIds.includes(form.organisationId)) problem('organisationId', 'organisationId.missing');
        if (form.scope === 'service' && !choices.services.includes(form.service)) problem('service', 'service.missing');
      },
      { when: () => true },
    );
}

export type DetailsForm = ReportDetails & { kind: ReportKind };

/** Parses the details form (the three boxes of each date read as one field). */
export function parseDetailsForm(body: unknown, t: Translate, choices: ReportChoices, options: { isNew: boolean; lang: string; now?: Date; kind?: ReportKind }): FormState<DetailsForm> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const gathered: Record<string, unknown> = { ...values, from: dateParts(values, 'from'), to: dateParts(values, 'to') };
  const form = parseForm(detailsSchema(choices, options.isNew), gathered, t, DETAILS_FIELD_IDS);
  if (!form.ok) return { ...form, values };
  const d = form.data;
  const kind = options.isNew ? (d.kind as ReportKind) : (options.kind ?? 'board');
  const period = options.isNew ? (d.period as Period) : 'custom';
  const dates = period === 'custom' ? { from: d.from as string, to: d.to as string } : periodDates(period, londonToday(options.now));
  const scope: ReportScope = d.scope === 'organisation' ? { kind: 'organisation', organisationId: d.organisationId } : d.scope === 'service' ? { kind: 'service', service: d.service } : { kind: 'area' };
  return {
    ok: true,
    data: {
      kind,
      title: d.title || suggestedTitle(kind, dates.from, dates.to, t, options.lang),
      audienceBoardId: d.audience === 'other' ? null : d.audience,
      audienceText: d.audience === 'other' ? d.audienceText : '',
      authors: d.authors,
      scope,
      from: dates.from,
      to: dates.to,
    },
  };
}

function splitDate(date: string | null | undefined): { day: string; month: string; year: string } {
  const [year, month, day] = date ? date.split('-') : ['', '', ''];
  return { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year: year ?? '' };
}

/** The details form's values for a saved report. */
export function detailsValues(r: ReportDetails): Record<string, string> {
  const from = splitDate(r.from);
  const to = splitDate(r.to);
  return {
    title: r.title,
    audience: r.audienceBoardId ?? 'other',
    audienceText: r.audienceText,
    authors: r.authors,
    scope: r.scope.kind,
    organisationId: r.scope.kind === 'organisation' ? r.scope.organisationId : '',
    service: r.scope.kind === 'service' ? r.scope.service : '',
    'from-day': from.day,
    'from-month': from.month,
    'from-year': from.year,
    'to-day': to.day,
    'to-month': to.month,
    'to-year': to.year,
  };
}

/** A part's commentary: plain text, blank lines between paragraphs. Empty is allowed (nothing to add). */
export const commentaryForm = z.object({
  commentary: z.preprocess(multiline, z.string().max(MAX_COMMENTARY, `${K}.commentary.tooLong`)),
});

/** A written part: its heading, the forum credited with it and who in the area writes it. */
export function writtenPartForm(choices: ReportChoices) {
  return z.object({
    title: z.preprocess(text, z.string().min(1, `${K}.partTitle.missing`).max(200, `${K}.partTitle.tooLong`)),
    forumId: z.preprocess(text, z.string().refine((v) => v === '' || choices.forums.some((f) => f.id === v), `${K}.forumId.invalid`)),
    writerAccountId: z.preprocess(text, z.string().refine((v) => v === '' || choices.members.some((m) => m.id === v), `${K}.writerAccountId.invalid`)),
  });
}

/** Who writes an existing part (the heading of a section part is the section's own). */
export function assignForm(choices: ReportChoices) {
  return writtenPartForm(choices).omit({ title: true });
}

export const sendBackForm = z.object({
  reason: z.preprocess(multiline, z.string().min(1, `${K}.reason.missing`).max(2000, `${K}.reason.tooLong`)),
});

/** The version the person started from; -1 (matches nothing) when missing or not a number. */
export function versionOf(body: unknown): number {
  const raw = (body && typeof body === 'object' ? (body as Record<string, unknown>).version : undefined) as unknown;
  const parsed = z.coerce.number().int().min(0).max(2_000_000_000).safeParse(typeof raw === 'string' ? raw.trim() : raw);
  return parsed.success && raw !== '' && raw !== undefined ? parsed.data : -1;
}

/** 'up' or 'down' from the move buttons; anything else is undefined. */
export function directionOf(body: unknown): 'up' | 'down' | undefined {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).direction : undefined;
  return raw === 'up' || raw === 'down' ? raw : undefined;
}
