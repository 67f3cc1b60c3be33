/**
 * Answering a survey: starting a response (exactly once per form), answering one question per
 * page, saving and coming back, submitting exactly once (with the free text becoming
 * contributions), and looking up a receipt code.
 *
 * Who may touch a response: the browser holding its access token (a cookie; only the hash is
 * stored), or the signed-in account that started it. Anyone else gets "not found".
 */
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { hashToken } from '../../lib/tokens.ts';
import type { Actor } from '../../lib/authorisation.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { canManageActivity, findActivityIn, getActivity, isAcceptingResponses, opensLater, requestAdjustment, type Activity, type Adjustment } from '../activities/activities.service.ts';
import { isId } from '../../lib/ids.ts';
import { addContributionsForResponse, answerSourceKey, type NewContribution } from '../contributions/contributions.service.ts';
import { recordContactPreference, type ContactPreference } from '../feedback/contacts.service.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { screenText, type ConcernContext } from '../privacy/safeguarding.service.ts';
import type { AboutYouColumn } from './about-you.ts';
import { visibleQuestions, writtenViews, type SavedAnswer } from './answers.ts';
import { hashResumeCode, newReceiptCode, newResumeCode, parseResumeCode } from '../../lib/codes.ts';
import type { Question } from './question-types.ts';
import * as questionsRepo from './questions.repository.ts';
import * as repo from './responses.repository.ts';

export { SUPPORTER_RELATIONSHIPS, SUPPORT_METHODS } from './responses.repository.ts';
export type { ResponseRecord, ResponseMode, SupporterRelationship, SupportMethod } from './responses.repository.ts';

/** The survey is not open (draft surveys are simply not found). */
export class SurveyClosedError extends Error {}
/** The response was already submitted: it cannot change any more. */
export class AlreadySubmittedError extends Error {}
/** A required question has no answer yet: `position` is its place in the full list (1-based). */
export class UnansweredError extends Error {
  readonly position: number;
  constructor(position: number) {
    super('a required question has no answer');
    this.position = position;
  }
}

/** Who is asking: the token from their cookie, and their account when signed in. */
export type Access = { token: string | undefined; accountId: string | null };

/** Everything a page of the survey needs, read in one transaction. */
export type Survey = {
  response: repo.ResponseRecord;
  activity: Activity;
  questions: Question[];
  answers: Map<string, SavedAnswer>;
  /** The questions this person is asked, given their answers so far. */
  visible: Question[];
};

/**
 * A survey's start page: open ones can be answered, closed ones say so kindly, drafts are seen only
 * (as a preview) by people who may manage the activity: to everyone else they do not exist.
 */
export async function findSurvey(db: Db, areaId: string, activityId: string, actor: Actor | null): Promise<{ activity: Activity; questionCount: number; preview: boolean } | undefined> {
  if (!isId(activityId)) return undefined;
  // One transaction, and the questions counted rather than read with their options (issue 18: the
  // start page is the first page of every response, and round trips are what it costs).
  const found = await withArea(db, areaId, async (tx) => {
    const activity = await findActivityIn(tx, areaId, activityId);
    return activity && { activity, questionCount: await questionsRepo.countQuestions(tx, areaId, activityId) };
  });
  if (!found) return undefined;
  // A survey whose opening date has not come yet is, like a draft, seen only by its managers.
  const preview = found.activity.status === 'draft' || opensLater(found.activity);
  if (preview && !canManageActivity(actor, found.activity)) return undefined;
  return { ...found, preview };
}

/** About how long a survey takes, in whole minutes: half a minute a question, plus the last pages. */
export function estimateMinutes(questionCount: number): number {
  return Math.max(2, Math.ceil(questionCount / 2) + 1);
}

export type StartInput = {
  how: 'own' | 'supported';
  accountId: string | null;
  idempotencyKey: string;
  accessTokenHash: string;
  language: string;
  adjustments: Adjustment[];
  adjustmentDetails: string;
  adjustmentContact: string;
};

/**
 * Starts a response, once per idempotency key: the same form sent again (a double click, a
 * replay) finds the same response. An adjustment request is recorded by the call that created it.
 */
export async function startResponse(db: Db, areaId: string, activityId: string, input: StartInput): Promise<{ id: string; created: boolean }> {
  const activity = await getActivity(db, areaId, activityId);
  if (activity.status === 'draft') throw new NotFoundError('activity');
  if (!isAcceptingResponses(activity)) throw new SurveyClosedError(activity.id);
  const mode: repo.ResponseMode = input.how === 'supported' ? 'supported' : input.accountId ? 'signed_in' : 'anonymous';
  const started = await withArea(db, areaId, (tx) =>
    repo.insertResponseOnce(tx, areaId, {
      activityId,
      mode,
      // A supporter's account is theirs, not the respondent's.
      accountId: mode === 'signed_in' ? input.accountId : null,
      supporterAccountId: mode === 'supported' ? input.accountId : null,
      accessTokenHash: input.accessTokenHash,
      idempotencyKey: input.idempotencyKey,
      language: input.language,
    }),
  );
  if (!started) throw new NotFoundError('response');
  if (started.created && (input.adjustments.length > 0 || input.adjustmentDetails)) {
    await requestAdjustment(db, areaId, { activityId, responseId: started.id, adjustments: input.adjustments, details: input.adjustmentDetails, contact: input.adjustmentContact });
  }
  return started;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function mayAccess(response: repo.ResponseRecord, access: Access): boolean {
  if (access.token && access.token.length <= 200 && sameHash(hashToken(access.token), response.accessTokenHash)) return true;
  return Boolean(access.accountId && (access.accountId === response.accountId || access.accountId === response.supporterAccountId));
}

/** The response and its survey, if this browser or account may see it; NotFoundError otherwise. */
export async function getSurvey(db: Db, areaId: string, responseId: string, access: Access): Promise<Survey> {
  if (!isId(responseId)) throw new NotFoundError('response');
  const found = await withArea(db, areaId, async (tx) => {
    const response = await repo.findResponse(tx, areaId, responseId);
    if (!response || !mayAccess(response, access)) return undefined;
    // One transaction for everything a page needs: each page of a survey is one round of queries.
    const [questions, answers, activity] = [
      await questionsRepo.listQuestions(tx, areaId, response.activityId),
      await repo.listAnswers(tx, areaId, responseId),
      await findActivityIn(tx, areaId, response.activityId),
    ];
    return activity && { response, questions, answers, activity };
  });
  if (!found) throw new NotFoundError('response');
  return { ...found, visible: visibleQuestions(found.questions, found.answers) };
}

/** A signed-in person's unfinished responses to this survey, to carry on with. */
export function listUnfinished(db: Db, areaId: string, activityId: string, accountId: string): Promise<Array<{ id: string; startedAt: Date; mode: repo.ResponseMode }>> {
  return withArea(db, areaId, (tx) => repo.listInProgressForAccount(tx, areaId, activityId, accountId));
}

function assertOpen(survey: Survey): void {
  if (survey.response.status !== 'in_progress') throw new AlreadySubmittedError(survey.response.id);
  if (!isAcceptingResponses(survey.activity)) throw new SurveyClosedError(survey.activity.id);
}

/** What the safeguarding lead is told about how this person is answering. */
function concernContext(survey: Survey): ConcernContext {
  return { mode: survey.response.mode, supporter: survey.response.supporterRelationship, language: survey.response.language };
}

/**
 * Saves (or, with null, clears) the answer to one question; replaying it changes nothing. Written
 * words are screened for a possible disclosure of harm as they are saved, not only when the survey
 * is sent: a child may write it and never press "send". Returns whether a concern was raised (the
 * route then sends the alerts).
 */
export async function saveAnswer(db: Db, areaId: string, survey: Survey, question: Question, answer: SavedAnswer | null): Promise<{ concernRaised: boolean }> {
  assertOpen(survey);
  if (!survey.questions.some((q) => q.id === question.id)) throw new NotFoundError('question');
  const raised = await withArea(db, areaId, async (tx) => {
    if (!(await repo.lockInProgress(tx, areaId, survey.response.id))) throw new AlreadySubmittedError(survey.response.id);
    if (!answer) {
      await repo.deleteAnswers(tx, areaId, survey.response.id, [question.id]);
      return false;
    }
    await repo.upsertAnswer(tx, areaId, survey.response.id, question.id, answer);
    let concern = false;
    for (const view of writtenViews([question], new Map([[question.id, answer]]))) {
      const outcome = await screenText(tx, areaId, {
        channel: 'survey',
        sourceKey: answerSourceKey(survey.response.id, question.id, view.source),
        text: view.text,
        activityId: survey.activity.id,
        responseId: survey.response.id,
        context: { ...concernContext(survey), question: question.text },
      });
      concern ||= outcome.raised;
    }
    return concern;
  });
  if (answer) survey.answers.set(question.id, answer);
  else survey.answers.delete(question.id);
  survey.visible = visibleQuestions(survey.questions, survey.answers);
  return { concernRaised: raised };
}

export async function saveSupport(db: Db, areaId: string, survey: Survey, support: { relationship: repo.SupporterRelationship; relationshipOther: string; methods: repo.SupportMethod[] }): Promise<void> {
  assertOpen(survey);
  await withArea(db, areaId, (tx) =>
    repo.updateSupport(tx, areaId, survey.response.id, { ...support, relationshipOther: support.relationship === 'other' ? support.relationshipOther : '' }),
  );
}

/**
 * "How would you like to hear what happened?": saves the choice and, when it is a new email
 * address, queues the receipt code to it, in one transaction: the email goes only if the choice was
 * saved, and is never lost if it was (notifications/queued-messages.service.ts sends it). Choosing
 * the same again queues nothing, so nobody gets the same email twice.
 */
export async function chooseHearBack(
  db: Db,
  area: { id: string; name: string },
  survey: Survey,
  choice: ContactPreference,
  words: { t: Translate; myViewsUrl: string },
): Promise<{ changed: boolean; queued: boolean }> {
  return withArea(db, area.id, async (tx) => {
    const { changed } = await recordContactPreference(tx, area.id, survey.response.id, choice);
    const code = survey.response.receiptCode;
    if (!changed || choice.channel !== 'email' || !code) return { changed, queued: false };
    await queueMessage(tx, area.id, {
      purpose: 'receipt',
      channel: 'email',
      recipient: choice.address.trim(),
      subject: words.t('surveys.respond.thankYou.emailSubject', { area: area.name }),
      body: words.t('surveys.respond.thankYou.emailBody', { code, activity: survey.activity.title, link: words.myViewsUrl }),
      responseId: survey.response.id,
    });
    return { changed, queued: true };
  });
}

export async function saveAnythingElse(db: Db, areaId: string, survey: Survey, text: string): Promise<{ concernRaised: boolean }> {
  assertOpen(survey);
  return withArea(db, areaId, async (tx) => {
    await repo.updateAnythingElse(tx, areaId, survey.response.id, text);
    const outcome = await screenText(tx, areaId, {
      channel: 'survey',
      sourceKey: answerSourceKey(survey.response.id, null, 'anything_else'),
      text,
      activityId: survey.activity.id,
      responseId: survey.response.id,
      context: concernContext(survey),
    });
    return { concernRaised: outcome.raised };
  });
}

export async function saveAboutYou(db: Db, areaId: string, survey: Survey, column: AboutYouColumn, value: string | null): Promise<void> {
  assertOpen(survey);
  await withArea(db, areaId, (tx) => repo.updateAboutYou(tx, areaId, survey.response.id, column, value));
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/**
 * A new resume code for an anonymous person to come back with. Only its hash is kept; a new code
 * replaces the last one. Retried on the (astronomically rare) clash with another response's code.
 */
export async function createResumeCode(db: Db, areaId: string, survey: Survey): Promise<string> {
  assertOpen(survey);
  for (let attempt = 1; ; attempt += 1) {
    const code = newResumeCode();
    try {
      const saved = await withArea(db, areaId, (tx) => repo.setResumeCodeHash(tx, areaId, survey.response.id, hashResumeCode(code)));
      if (!saved) throw new AlreadySubmittedError(survey.response.id);
      return code;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * Finds the unfinished response a resume code belongs to and hands it to this browser: the new
 * token replaces the old, so a code used on a new device locks out the device it came from.
 */
export async function resumeWithCode(db: Db, areaId: string, typed: unknown, newAccessTokenHash: string): Promise<string | undefined> {
  const code = parseResumeCode(typed);
  if (!code) return undefined;
  return withArea(db, areaId, async (tx) => {
    const response = await repo.findInProgressByResumeHash(tx, areaId, hashResumeCode(code));
    if (!response) return undefined;
    await repo.setAccessTokenHash(tx, areaId, response.id, newAccessTokenHash);
    return response.id;
  });
}

/**
 * Submits a response exactly once. In one transaction: lock the response, check every required
 * question that is shown has an answer, drop answers to questions no longer shown, mark it
 * submitted with a receipt code, and record its written views as contributions. Any number of
 * concurrent submits make one; the others find it submitted and get its receipt code.
 */
export async function submitResponse(db: Db, areaId: string, survey: Survey): Promise<{ receiptCode: string; first: boolean; concernRaised: boolean }> {
  if (!isAcceptingResponses(survey.activity) && survey.response.status === 'in_progress') throw new SurveyClosedError(survey.activity.id);
  const responseId = survey.response.id;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withArea(db, areaId, async (tx) => {
        await repo.lockResponse(tx, areaId, responseId);
        const response = await repo.findResponse(tx, areaId, responseId);
        if (!response) throw new NotFoundError('response');
        if (response.status === 'submitted') return { receiptCode: response.receiptCode!, first: false, concernRaised: false };
        const questions = await questionsRepo.listQuestions(tx, areaId, response.activityId);
        const answers = await repo.listAnswers(tx, areaId, responseId);
        const visible = visibleQuestions(questions, answers);
        const missing = visible.find((q) => q.required && !answers.has(q.id));
        if (missing) throw new UnansweredError(questions.indexOf(missing) + 1);
        const shown = new Set(visible.map((q) => q.id));
        await repo.deleteAnswers(tx, areaId, responseId, [...answers.keys()].filter((id) => !shown.has(id)));

        let receiptCode = newReceiptCode();
        for (let i = 0; i < 5 && (await repo.receiptCodeTaken(tx, areaId, receiptCode)); i += 1) receiptCode = newReceiptCode();
        if (!(await repo.markSubmitted(tx, areaId, responseId, receiptCode))) {
          // Cannot happen while we hold the lock; say so rather than guess.
          throw new AlreadySubmittedError(responseId);
        }
        const common = { activityId: response.activityId, responseId, accountId: response.accountId, supporterRelationship: response.supporterRelationship, receiptCode };
        const items: NewContribution[] = writtenViews(visible, answers).map((v) => ({ ...common, questionId: v.questionId, source: v.source, text: v.text }));
        if (response.anythingElse.trim()) items.push({ ...common, questionId: null, source: 'anything_else', text: response.anythingElse });
        const { concernRaised } = await addContributionsForResponse(tx, areaId, items, concernContext(survey));
        return { receiptCode, first: true, concernRaised };
      });
    } catch (error) {
      // Two responses drew the same receipt code at the same moment: try again with another.
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * For the evaluation module's participant impact check (issue 13 §4), offered on the thank-you page:
 * who sent this response (an account, or only its receipt code) and whether it was in children's
 * mode. Undefined unless it was sent.
 */
export async function sentResponseLink(db: Db, areaId: string, responseId: string): Promise<{ accountId: string | null; receiptCode: string; childrenMode: boolean } | undefined> {
  if (!isId(responseId)) return undefined;
  return withArea(db, areaId, async (tx) => {
    const response = await repo.findResponse(tx, areaId, responseId);
    if (!response || response.status !== 'submitted' || !response.receiptCode) return undefined;
    const activity = await findActivityIn(tx, areaId, response.activityId);
    return { accountId: response.accountId, receiptCode: response.receiptCode, childrenMode: Boolean(activity?.childrenMode) };
  });
}

/** How many different activities an account has sent a response to since a moment (the impact check's "after N activities"). */
export function activitiesSentSince(db: Db, areaId: string, accountId: string, since: Date): Promise<number> {
  return withArea(db, areaId, (tx) => repo.countActivitiesSentSince(tx, areaId, accountId, since));
}
