/**
 * Moderation and safety for live sessions (issue 15 §1): every piece of text a participant writes
 * (a word cloud's words, an open answer, a question, a sticky note) passes through screenLiveText
 * before anyone else can see it. Owned by the moderation part; called by participate and board.
 *
 * CONTRACT (the moderation part fills it in): personal details removed with the contributions
 * module's redaction and the area's lists; swearing found with a well-kept profanity filter and
 * masked; anything that may be a disclosure of harm screened by privacy/safeguarding (a concern is
 * raised and alerts go to the safeguarding leads) and the text held: status 'held', never on screen.
 * In a session with moderation 'approve', everything else waits ('pending') for the facilitator.
 */
import type { AreaTx, LivePostStatus } from '../../db/database.ts';
import type { LiveSession } from './core.ts';

export type ScreenedText = {
  /** What may be shown on screens: personal details removed, swearing masked. */
  shownText: string;
  status: LivePostStatus;
  /** Why it waits or is held: 'personal_details', 'profanity', 'safeguarding'. */
  flags: string[];
  /** A new safeguarding concern was raised: send the alerts once the transaction has committed. */
  concernRaised: boolean;
};

export type LiveTextInput = {
  session: LiveSession;
  interactionId: string;
  /** Stable per piece of text ('post:<id>', 'answer:<interaction>/<participant>'), one concern each. */
  sourceKey: string;
  text: string;
  participantId: string | null;
  receiptCode: string | null;
};

export async function screenLiveText(_tx: AreaTx, _areaId: string, input: LiveTextInput): Promise<ScreenedText> {
  return { shownText: input.text, status: input.session.moderation === 'approve' ? 'pending' : 'shown', flags: [], concernRaised: false };
}

/** What waits for the facilitator in a session, for the console (views/moderation/queue.njk). */
export type ModerationQueue = { pending: { id: string; interactionId: string; shownText: string; flags: string[]; createdAt: Date }[]; held: number };

export async function moderationQueue(_tx: AreaTx, _areaId: string, _sessionId: string): Promise<ModerationQueue> {
  return { pending: [], held: 0 };
}
