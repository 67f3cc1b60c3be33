/**
 * The charter self-assessment's forms: opening a year, one principle's page of an organisation's
 * ratings, and a forum's ratings of an organisation. Fields are named by the commitment's (or
 * principle's) position on the page, c1-…, p1-…, so the error summary links to them in page order.
 * Anything a browser sends that is not a string counts as nothing typed: never a 500.
 */
import { z } from 'zod';
import { errorState, parseForm, type FormProblem } from '../../lib/form-errors.ts';
import { readDate } from '../../lib/form-fields.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { isCharterRating, type CharterRating } from './data/charter-assessment-scale.ts';
import type { Principle, RatingInput } from './charter-assessment.repository.ts';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const v = 'evaluation.charterAssessment.validation.';

export type FormFailure = { ok: false; errors: Record<string, string>; summary: Array<{ text: string; href: string }>; values: Record<string, unknown> };

function values(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

function dateOf(body: Record<string, unknown>, prefix: string): string | null | 'invalid' {
  return readDate({ day: text(body[`${prefix}-day`]), month: text(body[`${prefix}-month`]), year: text(body[`${prefix}-year`]) });
}

// ── Opening a year ─────────────────────────────────────────────────────────────────────────────

export function parseOpenYear(body: unknown, t: Translate, today: string): { ok: true; data: { year: number; deadlineOn: string } } | FormFailure {
  const form = parseForm(
    z.object({
      year: z.preprocess(text, z.string().min(1, `${v}year.missing`).regex(/^\d{4}$/, `${v}year.invalid`).transform(Number).pipe(z.number().int().min(2000, `${v}year.invalid`).max(2100, `${v}year.invalid`))),
    }),
    body,
    t,
  );
  const problems: FormProblem[] = form.ok ? [] : Object.entries(form.errors).map(([field, message]) => ({ field, text: message }));
  const deadline = dateOf(values(body), 'deadline');
  if (deadline === null) problems.push({ field: 'deadline', text: t(`${v}deadline.missing`) });
  else if (deadline === 'invalid') problems.push({ field: 'deadline', text: t(`${v}deadline.invalid`) });
  else if (deadline < today) problems.push({ field: 'deadline', text: t(`${v}deadline.past`) });
  if (problems.length > 0 || !form.ok || typeof deadline !== 'string') {
    const { errors, errorSummary } = errorState(problems, { deadline: 'deadline-day' });
    return { ok: false, errors, summary: errorSummary, values: values(body) };
  }
  return { ok: true, data: { year: form.data.year, deadlineOn: deadline } };
}

/** A new deadline for an open year: a real date, today or later. */
export function parseDeadline(body: unknown, t: Translate, today: string): { ok: true; data: { deadlineOn: string } } | FormFailure {
  const deadline = dateOf(values(body), 'deadline');
  const problem = deadline === null ? 'missing' : deadline === 'invalid' ? 'invalid' : deadline < today ? 'past' : undefined;
  if (problem || typeof deadline !== 'string') {
    const { errors, errorSummary } = errorState([{ field: 'deadline', text: t(`${v}deadline.${problem}`) }], { deadline: 'deadline-day' });
    return { ok: false, errors, summary: errorSummary, values: values(body) };
  }
  return { ok: true, data: { deadlineOn: deadline } };
}

// ── One principle's ratings ────────────────────────────────────────────────────────────────────

const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/**
 * One principle's page. A commitment left blank is skipped (the page can be saved half done); one
 * with a rating needs evidence when met or partly, and an action, its owner and a date when partly
 * or not yet; anything typed without a rating asks for the rating.
 */
export function parseRatings(body: unknown, principle: Principle, activityIds: ReadonlySet<string>, t: Translate): { ok: true; data: RatingInput[]; seen: string } | FormFailure {
  const b = values(body);
  const problems: FormProblem[] = [];
  const ids: Record<string, string> = {};
  const data: RatingInput[] = [];
  for (const statement of principle.statements) {
    const n = statement.position;
    const f = (name: string) => `c${n}-${name}`;
    const rating = text(b[f('rating')]);
    const url = text(b[f('url')]);
    const activity = text(b[f('activity')]);
    const note = text(b[f('note')]);
    const action = text(b[f('action')]);
    const owner = text(b[f('owner')]);
    const due = dateOf(b, f('due'));
    ids[f('due')] = `${f('due')}-day`;
    const typed = url || activity || note || action || owner || due !== null;
    if (!rating && !typed) continue;
    const params = { number: n };
    if (!isCharterRating(rating)) {
      problems.push({ field: f('rating'), text: t(`${v}rating.missing`, params) });
      continue;
    }
    if (url && (url.length > 2000 || !URL_PATTERN.test(url))) problems.push({ field: f('url'), text: t(`${v}url.invalid`, params) });
    if (activity && !activityIds.has(activity)) problems.push({ field: f('activity'), text: t(`${v}activity.invalid`, params) });
    if (note.length > 2000) problems.push({ field: f('note'), text: t(`${v}note.tooLong`, params) });
    if ((rating === 'met' || rating === 'partly') && !url && !activity && !note) problems.push({ field: f('note'), text: t(`${v}evidence.missing`, params) });
    const needsAction = rating === 'partly' || rating === 'not_yet';
    if (needsAction && !action) problems.push({ field: f('action'), text: t(`${v}action.missing`, params) });
    if (action.length > 1000) problems.push({ field: f('action'), text: t(`${v}action.tooLong`, params) });
    if (needsAction && !owner) problems.push({ field: f('owner'), text: t(`${v}owner.missing`, params) });
    if (owner.length > 200) problems.push({ field: f('owner'), text: t(`${v}owner.tooLong`, params) });
    if (due === 'invalid') problems.push({ field: f('due'), text: t(`${v}due.invalid`, params) });
    else if (needsAction && due === null) problems.push({ field: f('due'), text: t(`${v}due.missing`, params) });
    data.push({
      statementId: statement.id,
      rating: rating as CharterRating,
      evidenceUrl: url,
      evidenceActivityId: activity || null,
      evidenceNote: note,
      actionText: action,
      actionOwner: owner,
      actionDueOn: typeof due === 'string' && due !== 'invalid' ? due : null,
    });
  }
  if (problems.length > 0) {
    const { errors, errorSummary } = errorState(problems, ids);
    return { ok: false, errors, summary: errorSummary, values: b };
  }
  return { ok: true, data, seen: typeof b.seen === 'string' ? b.seen : '' };
}

// ── A forum's ratings of one organisation ──────────────────────────────────────────────────────

export function parseForumRatings(
  body: unknown,
  principles: readonly Principle[],
  t: Translate,
  today: string,
): { ok: true; data: { agreedOn: string; ratings: Array<{ principleId: string; rating: CharterRating; note: string }> } } | FormFailure {
  const b = values(body);
  const problems: FormProblem[] = [];
  const ratings: Array<{ principleId: string; rating: CharterRating; note: string }> = [];
  for (const principle of principles) {
    const n = principle.position;
    const rating = text(b[`p${n}-rating`]);
    const note = text(b[`p${n}-note`]);
    if (!rating && !note) continue;
    if (!isCharterRating(rating)) {
      problems.push({ field: `p${n}-rating`, text: t(`${v}forumRating.missing`, { principle: principle.title }) });
      continue;
    }
    if (note.length > 1000) problems.push({ field: `p${n}-note`, text: t(`${v}forumNote.tooLong`, { principle: principle.title }) });
    ratings.push({ principleId: principle.id, rating, note });
  }
  if (ratings.length === 0 && problems.length === 0) problems.push({ field: 'p1-rating', text: t(`${v}forumRating.none`) });
  const agreed = dateOf(b, 'agreed');
  if (agreed === null) problems.push({ field: 'agreed', text: t(`${v}agreed.missing`) });
  else if (agreed === 'invalid') problems.push({ field: 'agreed', text: t(`${v}agreed.invalid`) });
  else if (agreed > today) problems.push({ field: 'agreed', text: t(`${v}agreed.future`) });
  if (problems.length > 0 || typeof agreed !== 'string') {
    // The summary follows the page: the principles first, the date last.
    const { errors, errorSummary } = errorState(problems, { agreed: 'agreed-day' });
    return { ok: false, errors, summary: errorSummary, values: b };
  }
  return { ok: true, data: { agreedOn: agreed, ratings } };
}
