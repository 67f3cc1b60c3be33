/**
 * The grants part's forms (issue 16 §1): a round's application questions (staff), the sign-in
 * address, and the application itself. What was typed always comes back when something is wrong.
 */
import { z } from 'zod';
import { ANSWER_MAX_CHARS, countWords, type ApplicationDraft, type GrantQuestion } from './grants.service.ts';
import type { FormProblem } from '../../lib/form-errors.ts';
import { parsePounds } from '../../lib/money.ts';

const K = 'panels.grants.errors.';
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const trimmed = (v: unknown) => str(v).trim();

export const questionForm = z.object({
  text: z.preprocess(trimmed, z.string().min(1, `${K}questionMissing`).max(500, `${K}questionTooLong`)),
  hint: z.preprocess(trimmed, z.string().max(1000, `${K}hintTooLong`)),
  maxWords: z.preprocess(trimmed, z.string().regex(/^\d{1,4}$/, `${K}maxWordsNumber`).transform(Number).pipe(z.number().min(10, `${K}maxWordsRange`).max(2000, `${K}maxWordsRange`))),
});

export const signInForm = z.object({
  email: z.preprocess(trimmed, z.string().min(1, `${K}emailMissing`).max(320, `${K}emailFormat`).email(`${K}emailFormat`)),
});

/** What the apply form sends, read leniently: every field a string, the answers by question. */
export type ApplyValues = { organisationName: string; contactName: string; projectTitle: string; amount: string; answers: Record<string, string>; version: number };

export function readApplyBody(body: unknown, questions: readonly GrantQuestion[]): ApplyValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const answers: Record<string, string> = {};
  for (const q of questions) answers[q.id] = str(b[`answer-${q.id}`]);
  const version = Number(str(b.version));
  return {
    organisationName: str(b.organisationName),
    contactName: str(b.contactName),
    projectTitle: str(b.projectTitle),
    amount: str(b.amount),
    answers,
    version: Number.isSafeInteger(version) && version >= 0 ? version : -1,
  };
}

/**
 * Problems with what was typed that stop even a draft being saved (too long, not money, over a word
 * limit), as words by field, in the page's order; and the draft to save when there are none.
 */
export function checkApplyValues(values: ApplyValues, questions: readonly GrantQuestion[], t: (key: string, params?: Record<string, unknown>) => string): { problems: FormProblem[]; draft: ApplicationDraft } {
  const problems: FormProblem[] = [];
  const organisationName = values.organisationName.trim();
  const contactName = values.contactName.trim();
  const projectTitle = values.projectTitle.trim();
  if (organisationName.length > 200) problems.push({ field: 'organisationName', text: t(`${K}organisationTooLong`) });
  if (contactName.length > 120) problems.push({ field: 'contactName', text: t(`${K}contactTooLong`) });
  if (projectTitle.length > 200) problems.push({ field: 'projectTitle', text: t(`${K}projectTooLong`) });
  let amountPence: number | null = null;
  if (values.amount.trim()) {
    const parsed = parsePounds(values.amount);
    if (parsed === undefined) problems.push({ field: 'amount', text: t(`${K}amountFormat`) });
    else amountPence = parsed;
  }
  const answers: Record<string, string> = {};
  for (const [i, q] of questions.entries()) {
    const answer = values.answers[q.id] ?? '';
    const words = countWords(answer);
    if (answer.length > ANSWER_MAX_CHARS || words > q.maxWords) problems.push({ field: `answer-${q.id}`, text: t(`${K}tooManyWords`, { number: i + 1, max: q.maxWords, count: words }) });
    answers[q.id] = answer.trim();
  }
  return { problems, draft: { organisationName, contactName, projectTitle, amountPence, answers } };
}
