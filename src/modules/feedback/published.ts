/**
 * What the public sees of one theme and its response, frozen at publication into
 * theme_response.published_content. Written by the publishing step, read by the public pages, the
 * annual publication, the feeds, "what happened to my views" and the letters.
 *
 * Nothing here names a person: quotes are redacted text chosen by a lead, the count is exact (pages
 * suppress 1–7 when they show it), and the decision maker is a board or a role, never a name.
 */
import type { ResponseStatus } from '../../db/database.ts';
import type { ThemeWords } from '../themes/answering.service.ts';

export type { ThemeWords };

export type PublishedContent = {
  theme: ThemeWords & {
    /** Visible contributions in the theme when it was published. */
    contributionCount: number;
    /** Redacted text only. */
    quotes: string[];
  };
  response: {
    status: ResponseStatus;
    /** Why not (always set when status is 'cannot'). */
    reason: string;
    whatChanged: string;
    whatChangedEasyRead: string;
    /** A board's name or a role ("Director of Children's Services"), as the area wrote it. */
    decidedBy: string;
    decidedOn: string | null;
    dueOn: string | null;
    doneOn: string | null;
    evidenceLinks: string[];
  };
  activities: { id: string; title: string }[];
};

/** Reads a stored snapshot defensively: a malformed one is treated as absent, never a 500. */
export function readPublishedContent(value: unknown): PublishedContent | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<PublishedContent>;
  if (!v.theme || !v.response || !Array.isArray(v.activities)) return null;
  if (typeof v.theme.title !== 'string' || typeof v.response.status !== 'string') return null;
  return v as PublishedContent;
}
