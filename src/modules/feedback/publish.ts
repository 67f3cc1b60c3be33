/**
 * Publishing a response, as pure functions: whether it may be published, the frozen public copy
 * (PublishedContent) and the words of each notice telling a contributor what happened.
 *
 * A notice is written once, at publication, in the person's own language and format: easy read
 * gets short sentences and the status's easy-read words. It carries the theme's summary, never the
 * person's own words or anyone else's, and no names: the address is added only when it is sent.
 */
import type { ContactChannel } from '../../db/database.ts';
import { isLanguage, translator, type Language } from '../../lib/messages/messages.ts';
import type { PublishedContent } from './published.ts';
import type { ThemeToAnswer } from '../themes/answering.service.ts';
import type { ResponseContent } from './responses.repository.ts';

/**
 * What stops a publication: nothing written yet, a part people need missing, the theme's own words
 * missing (its summary and easy-read summary are what a child's letter and the public page say "you
 * said" with: issue 12 §3), or, under the area's publishing rule, nobody but its writer has approved it.
 */
export type PublishProblem = 'nothing' | 'whatChanged' | 'whatChangedEasyRead' | 'reason' | 'themeSummary' | 'themeEasyReadSummary' | 'approval';

/** Problems with the theme's words, the publication's "you said". */
export const THEME_PROBLEMS: readonly PublishProblem[] = ['themeSummary', 'themeEasyReadSummary'];

export function publishProblems(response: ResponseContent | undefined, hasBeenSaved: boolean, theme?: { summary: string; easyReadSummary: string }): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (!response || !hasBeenSaved) problems.push('nothing');
  else {
    if (response.status === 'cannot' && !response.reason.trim()) problems.push('reason');
    if (!response.whatChanged.trim()) problems.push('whatChanged');
    // Letters and "what happened to my views" are in easy read: without it a child gets nothing.
    if (!response.whatChangedEasyRead.trim()) problems.push('whatChangedEasyRead');
  }
  if (theme && !theme.summary.trim()) problems.push('themeSummary');
  if (theme && !theme.easyReadSummary.trim()) problems.push('themeEasyReadSummary');
  return problems;
}

/** Where a response stands under the area's publishing rule. */
export type Approval = {
  /** The area's rule: someone other than the writer approves before publishing. */
  required: boolean;
  /** The current version is approved (by someone other than whoever saved it). */
  approved: boolean;
  writerId: string | null;
  writerName: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
};

export function approvalOf(
  response: { version: number; updatedBy: string | null; updatedByName: string | null; approvedVersion: number | null; approvedBy: string | null; approvedByName: string | null; approvedAt: Date | null } | undefined,
  required: boolean,
): Approval {
  const approved = !!response && response.approvedVersion === response.version && response.approvedAt !== null;
  return {
    required,
    approved,
    writerId: response?.updatedBy ?? null,
    writerName: response?.updatedByName ?? null,
    approvedByName: approved ? (response?.approvedByName ?? null) : null,
    approvedAt: approved ? (response?.approvedAt ?? null) : null,
  };
}

/**
 * Whether this person may approve: anyone who may write responses (participation leads and decision
 * makers) except the person who saved the current version. A version nobody is named against (saved
 * by the system or by an account since removed) may be approved by anyone who may write responses.
 */
export function mayApprove(actorId: string | null, canRespond: boolean, approval: Approval): boolean {
  return canRespond && actorId !== null && (approval.writerId === null || approval.writerId !== actorId);
}

export function buildPublishedContent(input: {
  theme: ThemeToAnswer;
  quotes: string[];
  response: ResponseContent;
  decidedBy: string;
  activities: Array<{ id: string; title: string }>;
}): PublishedContent {
  const { theme, response } = input;
  return {
    theme: {
      title: theme.title,
      summary: theme.summary,
      easyReadSummary: theme.easyReadSummary,
      symbol: theme.symbol,
      symbolAlt: theme.symbolAlt,
      citation: theme.citation,
      contributionCount: theme.contributionCount,
      quotes: input.quotes,
    },
    response: {
      status: response.status,
      reason: response.status === 'cannot' ? response.reason : '',
      whatChanged: response.whatChanged,
      whatChangedEasyRead: response.whatChangedEasyRead,
      decidedBy: input.decidedBy,
      decidedOn: response.decidedOn,
      dueOn: response.dueOn,
      doneOn: response.doneOn,
      evidenceLinks: [...response.evidenceLinks],
    },
    activities: input.activities.map((a) => ({ id: a.id, title: a.title })),
  };
}

/** A text message must stay under this many characters (three SMS parts, with room to spare). */
export const SMS_LIMIT = 450;

export type NoticeInput = {
  channel: Exclude<ContactChannel, 'none'>;
  format: 'standard' | 'easy_read';
  language: string;
  content: PublishedContent;
  areaName: string;
  /** ${baseUrl}/a/<slug>/my-views */
  link: string;
  receiptCode: string | null;
};

function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** The subject and body of one notice, in the person's language and format. */
export function composeNotice(input: NoticeInput): { subject: string; body: string } {
  const language: Language = isLanguage(input.language) ? input.language : 'en';
  const t = translator(language);
  const easy = input.format === 'easy_read';
  const { theme, response } = input.content;
  const status = t(`feedback.status.${response.status}.${easy ? 'easyRead' : 'label'}`);
  const subject = t('feedback.responses.notice.subject', { area: input.areaName, theme: shorten(theme.title, 120) });
  const supporter = input.channel === 'supporter';

  if (input.channel === 'sms') {
    const make = (title: string) =>
      [
        t(easy ? 'feedback.responses.notice.sms.easyRead' : 'feedback.responses.notice.sms.standard', { area: input.areaName, theme: title, status }),
        supporter ? t('feedback.responses.notice.sms.supporter') : '',
        input.receiptCode ? t('feedback.responses.notice.sms.lookup', { link: input.link, code: input.receiptCode }) : t('feedback.responses.notice.sms.lookupNoCode', { link: input.link }),
      ]
        .filter(Boolean)
        .join(' ');
    // The theme's title is the only part of any length: shorten it until the message fits.
    let body = make(shorten(theme.title, 120));
    for (let max = 100; body.length >= SMS_LIMIT && max >= 0; max -= 20) body = make(shorten(theme.title, max));
    return { subject, body: body.length < SMS_LIMIT ? body : shorten(body, SMS_LIMIT - 1) };
  }

  const k = easy ? 'feedback.responses.notice.easyRead' : 'feedback.responses.notice.standard';
  const summary = (easy ? theme.easyReadSummary : theme.summary).trim() || theme.summary.trim() || theme.title;
  const whatChanged = (easy ? response.whatChangedEasyRead : response.whatChanged).trim() || response.whatChanged.trim();
  const paragraphs = [
    t(`${k}.greeting`),
    supporter ? t(`${k}.supporter`, { area: input.areaName }) : t(`${k}.intro`, { area: input.areaName }),
    t(`${k}.youSaid`, { summary }),
    t(`${k}.status`, { status }),
    whatChanged,
    response.status === 'cannot' && response.reason.trim() ? t(`${k}.reason`, { reason: response.reason.trim() }) : '',
    !easy && response.decidedBy ? t(`${k}.decidedBy`, { decidedBy: response.decidedBy }) : '',
    input.receiptCode ? t(`${k}.lookup`, { link: input.link, code: input.receiptCode }) : t(`${k}.lookupNoCode`, { link: input.link }),
    t(`${k}.signOff`, { area: input.areaName }),
  ];
  return { subject, body: paragraphs.filter((p) => p.trim().length > 0).join('\n\n') };
}
