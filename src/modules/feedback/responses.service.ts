/**
 * Responses to themes ("we did"): editing with a version check and a kept history, marking ready for
 * review, publishing (the frozen public copy and, in the same transaction, one notice for each person
 * who asked to hear back) and the printed letters.
 *
 * Nobody is told twice: feedback_notice's unique key (theme response, recipient) turns every repeat
 * publication, double submit or parallel click into "already told".
 */
import type { AreaTx, ContactChannel, Db, ResponseStage } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { audit } from '../privacy/audit.service.ts';
import { findThemeToAnswer, themeExists, themeQuotesAndActivities, unquoteContributions, type ThemeToAnswer } from '../themes/answering.service.ts';
import type { PublishedContent } from './published.ts';
import { readPublishedContent } from './published.ts';
import { approvalOf, buildPublishedContent, composeNotice, mayApprove, publishProblems, type Approval, type PublishProblem } from './publish.ts';
import { STATUS_KEYS } from './response-statuses.ts';
import * as repo from './responses.repository.ts';

export type { Choice, ResponseContent } from './responses.repository.ts';
export type { ThemeToAnswer } from '../themes/answering.service.ts';
export type { Approval, PublishProblem } from './publish.ts';
export { mayApprove } from './publish.ts';

export type NoticeChannel = Exclude<ContactChannel, 'none'>;
export const NOTICE_CHANNELS: readonly NoticeChannel[] = ['email', 'sms', 'supporter', 'letter'];

/** The working copy as editors see it. A theme never answered yet has version 0 and no id. */
export type ThemeResponse = repo.ResponseContent & {
  id: string | null;
  stage: ResponseStage;
  version: number;
  /** False until someone first saves (a response row may exist before that). */
  hasBeenSaved: boolean;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  publishedVersion: number | null;
  updatedAt: Date | null;
  updatedByName: string | null;
};

export type ResponseView = { theme: ThemeToAnswer; response: ThemeResponse };

export const EMPTY_RESPONSE: repo.ResponseContent = {
  status: 'deciding',
  reason: '',
  whatChanged: '',
  whatChangedEasyRead: '',
  decidedByBoardId: null,
  decidedByRole: '',
  ownerAccountId: null,
  decidedOn: null,
  dueOn: null,
  doneOn: null,
  evidenceLinks: [],
};

/** A response that breaks a rule the form should have caught (a caller other than the form). */
export class ResponseInvalidError extends Error {
  readonly statusCode = 422;
  readonly field: string;
  constructor(field: string) {
    super(`Response not valid: ${field}`);
    this.field = field;
  }
}

/** Not ready to mark for review or to publish: what is missing. */
export class NotReadyError extends Error {
  readonly statusCode = 422;
  readonly problems: PublishProblem[];
  constructor(problems: PublishProblem[]) {
    super(`Response not ready: ${problems.join(', ')}`);
    this.problems = problems;
  }
}

class VersionConflict extends Error {}

function toView(stored: repo.StoredResponse | undefined): ThemeResponse {
  if (!stored) {
    return { ...EMPTY_RESPONSE, id: null, stage: 'draft', version: 0, hasBeenSaved: false, publishedAt: null, firstPublishedAt: null, publishedVersion: null, updatedAt: null, updatedByName: null };
  }
  return {
    ...repo.contentOf(stored),
    id: stored.id,
    stage: stored.stage,
    version: stored.version,
    hasBeenSaved: stored.version > 0,
    publishedAt: stored.publishedAt,
    firstPublishedAt: stored.firstPublishedAt,
    publishedVersion: stored.publishedVersion,
    updatedAt: stored.updatedAt,
    updatedByName: stored.updatedByName,
  };
}

/** Reads a history entry's content defensively: anything missing takes its empty value. */
export function readContent(value: unknown): repo.ResponseContent {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const str = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : '');
  const strOrNull = (key: string) => (typeof v[key] === 'string' && v[key] ? (v[key] as string) : null);
  const status = (STATUS_KEYS as readonly string[]).includes(str('status')) ? (str('status') as repo.ResponseContent['status']) : 'deciding';
  return {
    status,
    reason: str('reason'),
    whatChanged: str('whatChanged'),
    whatChangedEasyRead: str('whatChangedEasyRead'),
    decidedByBoardId: strOrNull('decidedByBoardId'),
    decidedByRole: str('decidedByRole'),
    ownerAccountId: strOrNull('ownerAccountId'),
    decidedOn: strOrNull('decidedOn'),
    dueOn: strOrNull('dueOn'),
    doneOn: strOrNull('doneOn'),
    evidenceLinks: Array.isArray(v.evidenceLinks) ? v.evidenceLinks.filter((l): l is string => typeof l === 'string') : [],
  };
}

async function themeOrNotFound(tx: AreaTx, areaId: string, themeId: string): Promise<ThemeToAnswer> {
  const theme = await findThemeToAnswer(tx, areaId, themeId);
  if (!theme) throw new NotFoundError('theme');
  return theme;
}

/** The theme and its response (an empty one if nobody has written it yet). NotFoundError for a theme of another area. */
/**
 * Words that must leave the public pages now, in the caller's transaction: a contribution held for
 * safeguarding, redacted anew, or erased. The frozen copies lose the quote at once (the count stays:
 * it records what was published); with askToPublishAgain, leads are told to publish again.
 */
export async function withdrawQuotes(tx: AreaTx, areaId: string, quotes: ReadonlyArray<{ contributionId: string; text: string }>, options: { askToPublishAgain: boolean }): Promise<number> {
  if (quotes.length === 0) return 0;
  const themeIds = await unquoteContributions(tx, areaId, quotes.map((q) => q.contributionId));
  return repo.withdrawQuotes(tx, areaId, themeIds, quotes.map((q) => q.text), options.askToPublishAgain);
}

export async function getResponse(db: Db, areaId: string, themeId: string): Promise<ResponseView> {
  return withArea(db, areaId, async (tx) => {
    const theme = await themeOrNotFound(tx, areaId, themeId);
    return { theme, response: toView(await repo.findResponse(tx, areaId, themeId)) };
  });
}

/** Where a theme's response stands, as the themes pages show it (null: never answered). */
export type ResponseState = { stage: ResponseStage; status: repo.ResponseContent['status']; publishedAt: Date | null };

/**
 * Where each theme's response stands, by theme id (all the area's themes, or these), in the
 * caller's transaction: one query however many themes.
 */
export async function responseStates(tx: AreaTx, areaId: string, themeIds?: readonly string[]): Promise<Map<string, ResponseState>> {
  const rows = await repo.listResponseStates(tx, areaId, themeIds);
  return new Map(rows.map((r) => [r.themeId, { stage: r.stage, status: r.status, publishedAt: r.publishedAt }]));
}

/** The area's boards and staff, for "who decided" and "owner". */
export async function formChoices(db: Db, areaId: string): Promise<{ boards: repo.Choice[]; staff: repo.Choice[] }> {
  return withArea(db, areaId, async (tx) => ({ boards: await repo.listBoards(tx, areaId), staff: await repo.listStaff(tx, areaId) }));
}

export type SaveResult = { ok: true; version: number } | { ok: false; conflict: true; current: ThemeResponse };

/**
 * Saves the working copy if nobody else saved since `expectedVersion` (0 for a response never saved).
 * Otherwise nothing changes and the caller gets what is saved now, to show beside what was typed.
 * Every save is kept in the history. The public copy is not touched: only publishing changes it.
 */
export async function saveResponse(db: Db, areaId: string, actorId: string | null, themeId: string, input: repo.ResponseContent, expectedVersion: number): Promise<SaveResult> {
  const content = repo.contentOf(input);
  if (content.status === 'cannot' && !content.reason.trim()) throw new ResponseInvalidError('reason');
  if (content.decidedOn && content.doneOn && content.doneOn < content.decidedOn) throw new ResponseInvalidError('doneOn');
  try {
    const saved = await withArea(db, areaId, async (tx) => {
      if (!(await themeExists(tx, areaId, themeId))) throw new NotFoundError('theme');
      // The database refuses another area's board (composite keys), but not a stranger's account, and a person deserves a clear message either way: check here.
      if (content.decidedByBoardId && !(await repo.listBoards(tx, areaId)).some((b) => b.id === content.decidedByBoardId)) throw new ResponseInvalidError('decidedBy');
      if (content.ownerAccountId && !(await repo.listStaff(tx, areaId)).some((s) => s.id === content.ownerAccountId)) throw new ResponseInvalidError('ownerAccountId');
      if (content.decidedByBoardId) content.decidedByRole = '';
      await repo.ensureResponse(tx, areaId, themeId);
      const row = await repo.updateIfVersion(tx, areaId, themeId, expectedVersion, content, actorId);
      // Throwing rolls back the empty row ensureResponse may just have made.
      if (!row) throw new VersionConflict();
      await repo.insertVersion(tx, areaId, { responseId: row.id, version: row.version, content, stage: row.stage, actorId });
      await audit(tx, areaId, actorId, 'feedback.save', { type: 'theme_response', id: row.id, detail: { version: row.version } });
      return row;
    });
    return { ok: true, version: saved.version };
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    return { ok: false, conflict: true, current: (await getResponse(db, areaId, themeId)).response };
  }
}

/** Draft → ready for review. Harmless when it already is; refused when nothing is written yet. */
export async function markForReview(db: Db, areaId: string, actorId: string | null, themeId: string, expectedVersion: number): Promise<SaveResult> {
  try {
    return await withArea(db, areaId, async (tx) => {
      if (!(await themeExists(tx, areaId, themeId))) throw new NotFoundError('theme');
      const current = await repo.findResponse(tx, areaId, themeId, { lock: true });
      if (!current) throw new NotReadyError(['nothing']);
      if (current.version !== expectedVersion) throw new VersionConflict();
      const problems = publishProblems(current, current.version > 0).filter((p) => p !== 'whatChangedEasyRead');
      if (problems.length > 0) throw new NotReadyError(problems);
      if (current.stage !== 'in_review') {
        await repo.setStage(tx, areaId, current.id, 'in_review');
        await audit(tx, areaId, actorId, 'feedback.review', { type: 'theme_response', id: current.id, detail: { version: current.version } });
      }
      return { ok: true as const, version: current.version };
    });
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    return { ok: false, conflict: true, current: (await getResponse(db, areaId, themeId)).response };
  }
}

// ── History ─────────────────────────────────────────────────────────────────────────────────────

export type ContentField = keyof repo.ResponseContent;
export const CONTENT_FIELDS: readonly ContentField[] = [
  'status',
  'reason',
  'whatChanged',
  'whatChangedEasyRead',
  'decidedByBoardId',
  'decidedByRole',
  'ownerAccountId',
  'decidedOn',
  'dueOn',
  'doneOn',
  'evidenceLinks',
];

export type HistoryEntry = {
  version: number;
  stage: ResponseStage;
  changedByName: string | null;
  changedAt: Date;
  content: repo.ResponseContent;
  /** The version before (null for the first kept). */
  previous: repo.ResponseContent | null;
  /** Fields that differ from the version before (every filled field for the first one). */
  changed: ContentField[];
  isPublished: boolean;
};

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function changedFields(before: repo.ResponseContent, after: repo.ResponseContent): ContentField[] {
  return CONTENT_FIELDS.filter((f) => !sameValue(before[f], after[f]));
}

/** Every saved version, newest first, with what changed from the one before; plus names for ids. */
export async function responseHistory(
  db: Db,
  areaId: string,
  themeId: string,
): Promise<ResponseView & { entries: HistoryEntry[]; boardNames: Map<string, string>; accountNames: Map<string, string> }> {
  return withArea(db, areaId, async (tx) => {
    const theme = await themeOrNotFound(tx, areaId, themeId);
    const stored = await repo.findResponse(tx, areaId, themeId);
    const response = toView(stored);
    const versions = stored ? await repo.listVersions(tx, areaId, stored.id) : [];
    const contents = versions.map((v) => readContent(v.content));
    const entries = versions.map((v, i) => ({
      version: v.version,
      stage: v.stage,
      changedByName: v.changedByName,
      changedAt: v.changedAt,
      content: contents[i]!,
      previous: contents[i + 1] ?? null,
      changed: changedFields(contents[i + 1] ?? EMPTY_RESPONSE, contents[i]!),
      isPublished: response.publishedAt !== null && response.publishedVersion === v.version,
    }));
    const boards = await repo.listBoards(tx, areaId);
    const owners = [...new Set(contents.map((c) => c.ownerAccountId).filter((id): id is string => id !== null))];
    return { theme, response, entries, boardNames: new Map(boards.map((b) => [b.id, b.name])), accountNames: await repo.accountNames(tx, owners) };
  });
}

// ── Publication ─────────────────────────────────────────────────────────────────────────────────

export type Audience = { total: number; byChannel: Record<NoticeChannel, number>; alreadyTold: number };

function emptyByChannel(): Record<NoticeChannel, number> {
  return { email: 0, sms: 0, supporter: 0, letter: 0 };
}

async function snapshot(tx: AreaTx, areaId: string, theme: ThemeToAnswer, response: repo.ResponseContent) {
  const { quotes, activities } = await themeQuotesAndActivities(tx, areaId, theme.id);
  const boards = response.decidedByBoardId ? await repo.listBoards(tx, areaId) : [];
  const decidedBy = response.decidedByBoardId ? (boards.find((b) => b.id === response.decidedByBoardId)?.name ?? '') : response.decidedByRole.trim();
  const content = buildPublishedContent({ theme, quotes, response, decidedBy, activities });
  const services = [...new Set(activities.flatMap((a) => a.services))].sort();
  return { content, services, activityIds: activities.map((a) => a.id) };
}

export type Preview = ResponseView & {
  /** What the public would see if it were published now (null when nothing is written). */
  content: PublishedContent | null;
  /** What the public sees now, if it was published before. */
  publishedContent: PublishedContent | null;
  problems: PublishProblem[];
  audience: Audience;
  approval: Approval;
};

/** The publication as it would be now, and who would be told (and how), without changing anything. */
export async function previewPublication(db: Db, areaId: string, themeId: string): Promise<Preview> {
  return withArea(db, areaId, async (tx) => {
    const theme = await themeOrNotFound(tx, areaId, themeId);
    const stored = await repo.findResponse(tx, areaId, themeId);
    const response = toView(stored);
    const approval = approvalOf(stored, await repo.publishNeedsApproval(tx, areaId));
    const problems = publishProblems(stored, response.hasBeenSaved, theme);
    if (response.hasBeenSaved && approval.required && !approval.approved) problems.push('approval');
    const content = stored && response.hasBeenSaved ? (await snapshot(tx, areaId, theme, stored)).content : null;
    const recipients = await repo.listRecipients(tx, areaId, themeId);
    const told = stored ? await repo.listNoticeKeys(tx, areaId, stored.id) : new Set<string>();
    const audience: Audience = { total: 0, byChannel: emptyByChannel(), alreadyTold: 0 };
    for (const r of recipients) {
      if (told.has(r.recipientKey)) audience.alreadyTold += 1;
      else {
        audience.total += 1;
        audience.byChannel[r.channel] += 1;
      }
    }
    return { theme, response, content, publishedContent: readPublishedContent(stored?.publishedContent), problems, audience, approval };
  });
}

export type PublishResult = { noticesCreated: number; byChannel: Record<NoticeChannel, number>; version: number };

/**
 * Publishes the working copy: freezes the public copy and, in the same transaction, writes one notice
 * for each person who asked to hear back and has not been told about this response before. The row
 * lock makes parallel publications wait for each other; the unique key makes repeats tell nobody twice.
 * Nothing is sent here: the sending job picks up pending notices.
 *
 * With `expectedVersion` (the version the preview showed), a response changed since then is a
 * ConflictError: people publish what they looked at.
 */
export async function publishResponse(
  db: Db,
  areaId: string,
  actorId: string | null,
  themeId: string,
  options: { baseUrl: string; areaSlug: string; expectedVersion?: number },
): Promise<PublishResult> {
  return withArea(db, areaId, async (tx) => {
    const theme = await themeOrNotFound(tx, areaId, themeId);
    const current = await repo.findResponse(tx, areaId, themeId, { lock: true });
    if (current && options.expectedVersion !== undefined && current.version !== options.expectedVersion) throw new ConflictError('response changed since the preview');
    const problems = publishProblems(current, (current?.version ?? 0) > 0, theme);
    // The area's publishing rule: someone other than the writer approved this very version.
    if (current && (await repo.publishNeedsApproval(tx, areaId)) && !approvalOf(current, true).approved) problems.push('approval');
    if (!current || problems.length > 0) throw new NotReadyError(problems.length > 0 ? problems : ['nothing']);

    const { content, services, activityIds } = await snapshot(tx, areaId, theme, current);
    await repo.savePublication(tx, areaId, current.id, { content, services, activityIds });

    const [recipients, areaName] = await Promise.all([repo.listRecipients(tx, areaId, themeId), repo.areaName(tx, areaId)]);
    const told = await repo.listNoticeKeys(tx, areaId, current.id);
    const link = `${options.baseUrl.replace(/\/$/, '')}/a/${options.areaSlug}/my-views`;
    const notices = recipients
      .filter((r) => !told.has(r.recipientKey))
      .map((r) => ({
        recipientKey: r.recipientKey,
        responseId: r.responseId,
        channel: r.channel,
        ...composeNotice({ channel: r.channel, format: r.format, language: r.language, content, areaName, link, receiptCode: r.receiptCode }),
      }));
    const created = await repo.insertNotices(tx, areaId, current.id, notices);
    const byChannel = emptyByChannel();
    for (const channel of created) byChannel[channel] += 1;
    await audit(tx, areaId, actorId, 'feedback.publish', { type: 'theme_response', id: current.id, detail: { version: current.version, notices: created.length } });
    return { noticesCreated: created.length, byChannel, version: current.version };
  });
}

/** The writer of a version asked to approve it themselves. */
export class OwnApprovalError extends Error {
  readonly statusCode = 403;
  constructor() {
    super('the writer of a response cannot approve it');
  }
}

/**
 * Approves the version the person looked at, for publishing (the area's publishing rule). Refused
 * for its writer (OwnApprovalError), for a version that is not ready (NotReadyError, with what is
 * missing) and for one changed since it was shown (ConflictError). Approving twice changes nothing.
 * Audited: who approved which version.
 */
export async function approveResponse(db: Db, areaId: string, actorId: string, themeId: string, options: { canRespond: boolean; expectedVersion: number }): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const theme = await themeOrNotFound(tx, areaId, themeId);
    const current = await repo.findResponse(tx, areaId, themeId, { lock: true });
    if (!current || current.version === 0) throw new NotReadyError(['nothing']);
    if (current.version !== options.expectedVersion) throw new ConflictError('response changed since it was shown');
    const approval = approvalOf(current, true);
    if (!mayApprove(actorId, options.canRespond, approval)) throw new OwnApprovalError();
    const problems = publishProblems(current, true, theme);
    if (problems.length > 0) throw new NotReadyError(problems);
    if (approval.approved) return;
    if (!(await repo.approveVersion(tx, areaId, current.id, current.version, actorId))) throw new ConflictError('response changed since it was shown');
    await audit(tx, areaId, actorId, 'feedback.approve', { type: 'theme_response', id: current.id, detail: { version: current.version } });
  });
}

/** The area's publishing rule (on unless an area admin turned it off). */
export function publishingRules(db: Db, areaId: string): Promise<{ needsApproval: boolean }> {
  return withArea(db, areaId, async (tx) => ({ needsApproval: await repo.publishNeedsApproval(tx, areaId) }));
}

/** Changes the area's publishing rule; audited when it changes. */
export async function setPublishingRules(db: Db, areaId: string, actorId: string | null, rules: { needsApproval: boolean }): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (await repo.setPublishNeedsApproval(tx, areaId, rules.needsApproval)) {
      await audit(tx, areaId, actorId, 'feedback.publishing_rules', { type: 'area', id: areaId, detail: { needsApproval: rules.needsApproval } });
    }
  });
}

// ── Letters ─────────────────────────────────────────────────────────────────────────────────────

/** Activities with printed letters waiting, and how many each. */
export function listLetters(db: Db, areaId: string): Promise<Array<{ activityId: string; title: string; letters: number }>> {
  return withArea(db, areaId, (tx) => repo.listLetterActivities(tx, areaId));
}

export type Letter = { noticeId: string; language: string; receiptCode: string | null; content: PublishedContent };

/**
 * The letters waiting for one activity's contributors. They carry receipt codes (a bearer secret),
 * so reading them is audited.
 */
export async function letterPack(db: Db, areaId: string, actorId: string | null, activityId: string): Promise<{ activityTitle: string; letters: Letter[] }> {
  return withArea(db, areaId, async (tx) => {
    const title = await repo.activityTitle(tx, areaId, activityId);
    if (title === undefined) throw new NotFoundError('activity');
    const letters = (await repo.listPendingLetters(tx, areaId, activityId)).flatMap((l) => {
      const content = readPublishedContent(l.publishedContent);
      return content ? [{ noticeId: l.noticeId, language: l.language, receiptCode: l.receiptCode, content }] : [];
    });
    await audit(tx, areaId, actorId, 'feedback.letters_print', { type: 'activity', id: activityId, detail: { letters: letters.length } });
    return { activityTitle: title, letters };
  });
}

/** Marks as printed the letters that were shown (their ids), if still waiting. Returns how many. */
export async function markLettersPrinted(db: Db, areaId: string, actorId: string | null, activityId: string, noticeIds: string[]): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    if ((await repo.activityTitle(tx, areaId, activityId)) === undefined) throw new NotFoundError('activity');
    const count = await repo.markPrinted(tx, areaId, activityId, [...new Set(noticeIds)]);
    if (count > 0) await audit(tx, areaId, actorId, 'feedback.letters_printed', { type: 'activity', id: activityId, detail: { letters: count } });
    return count;
  });
}
