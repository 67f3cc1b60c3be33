/**
 * Taking part in a live session (issue 15): joining with a code, agreeing the ground rules, answering
 * each interaction exactly once (answering again replaces the answer), writing open answers and
 * questions that go through moderation first, upvoting questions, and hearing back at the end.
 *
 * Exactly once: an answer is one row per interaction and participant (live_answer's primary key),
 * written with an upsert that changes nothing when the same answer comes again. The session row is
 * locked first (as the facilitator's actions lock it, and as appendEvent would anyway), then the
 * interaction's state is read in the same transaction: a close either waits for the answer and
 * freezes a tally that includes it, or comes first and the answer is refused. No answer lands after
 * the tally was frozen, and the two never deadlock.
 */
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { newReceiptCode } from '../../lib/codes.ts';
import { hashToken } from '../../lib/tokens.ts';
import { findActivityIn } from '../activities/activities.service.ts';
import { findAreaById } from '../areas/areas.service.ts';
import { findContactPreference, setContactPreference, type ContactPreference } from '../feedback/contacts.service.ts';
import {
  ANSWER_KINDS,
  appendEvent,
  findJoinCode,
  getParticipantByTokenHash,
  getSession,
  listInteractions,
  notifyTally,
  type LiveInteraction,
  type LiveParticipant,
  type LiveSession,
} from './core.ts';
import { screenLiveText } from './moderation.service.ts';
import type { ParsedAnswer } from './participate.forms.ts';
import * as repo from './participate.repository.ts';
import { tallyInteraction, type Tally } from './tally.ts';

export type { OwnPost, ShownQuestion, StoredAnswer } from './participate.repository.ts';

/** The interaction is not taking answers (not open yet, locked or closed). */
export class NotOpenError extends Error {}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/** Where a typed code leads: a running or draft session (any area's), or nothing (wrong or ended: one answer for both). */
export async function openJoinCode(db: Db, code: string): Promise<{ areaSlug: string; sessionId: string } | undefined> {
  const found = await findJoinCode(db, code);
  if (!found) return undefined;
  const session = await withArea(db, found.areaId, (tx) => getSession(tx, found.areaId, found.sessionId));
  if (!session || session.status === 'ended') return undefined;
  const area = await findAreaById(db, found.areaId);
  return area ? { areaSlug: area.slug, sessionId: session.id } : undefined;
}

export type SessionView = {
  session: LiveSession;
  activityTitle: string;
  groundRules: string[];
  participant: LiveParticipant | undefined;
};

/** A session as its participants see it, with who this browser is in it (undefined: not joined). */
export async function findSessionView(db: Db, areaId: string, sessionId: string, token: string | undefined): Promise<SessionView | undefined> {
  return withArea(db, areaId, async (tx) => {
    const session = await getSession(tx, areaId, sessionId);
    if (!session) return undefined;
    const activity = await findActivityIn(tx, areaId, session.activityId);
    const participant = token ? await getParticipantByTokenHash(tx, areaId, sessionId, hashToken(token)) : undefined;
    return { session, activityTitle: activity?.title ?? '', groundRules: activity?.groundRules ?? [], participant };
  });
}

/**
 * Joins a session: the participant's response (channel 'live', already submitted, with its receipt
 * code) and the participant, in one transaction, and tells the big screen how many are here. The
 * token is the browser's (its cookie); joining again with it changes nothing.
 */
export async function joinSession(db: Db, areaId: string, session: LiveSession, input: { token: string; nickname: string; groupSize: number; language: string }): Promise<LiveParticipant> {
  const tokenHash = hashToken(input.token);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withArea(db, areaId, async (tx) => {
        const existing = await getParticipantByTokenHash(tx, areaId, session.id, tokenHash);
        if (existing) return existing;
        let receiptCode = newReceiptCode();
        for (let i = 0; i < 5 && (await repo.receiptCodeTaken(tx, areaId, receiptCode)); i += 1) receiptCode = newReceiptCode();
        const responseId = await repo.insertLiveResponse(tx, areaId, { activityId: session.activityId, tokenHash, receiptCode, language: input.language });
        await repo.insertParticipant(tx, areaId, { sessionId: session.id, tokenHash, responseId, nickname: input.nickname, groupSize: input.groupSize });
        await appendEvent(tx, areaId, session.id, 'participants', 'screen', await repo.countParticipants(tx, areaId, session.id));
        return (await getParticipantByTokenHash(tx, areaId, session.id, tokenHash))!;
      });
    } catch (error) {
      // The same form sent twice at once (the other one joined: read it next time round), or two
      // participants drew the same receipt code at the same moment: try again.
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/** Whether results may be seen beyond the console: shown from the start, or revealed by the facilitator. */
export function resultsShown(interaction: LiveInteraction): boolean {
  return !interaction.resultsHidden || interaction.revealedAt !== null;
}

/** Tells the screens (or the console alone, while results are hidden) the interaction's tally now. */
async function announceTally(tx: AreaTx, areaId: string, sessionId: string, interaction: LiveInteraction): Promise<void> {
  const tally = await tallyInteraction(tx, areaId, interaction);
  await appendEvent(tx, areaId, sessionId, 'tally', resultsShown(interaction) ? 'screen' : 'staff', { interactionId: interaction.id, tally });
}

/**
 * For an answer (a vote): the interaction as it is now, its row share-locked, open or NotOpenError.
 * Votes do not wait for each other and take no lock on the session: a facilitator's lock or close
 * (which holds the session, then locks the interaction row) waits for every vote in flight and counts
 * it; a vote that comes after sees the new state and is refused.
 */
async function lockOpenForAnswer(tx: AreaTx, areaId: string, session: LiveSession, interaction: LiveInteraction): Promise<LiveInteraction> {
  const now = await repo.lockInteractionState(tx, areaId, session.id, interaction.id);
  if (now?.state !== 'open') throw new NotOpenError(interaction.id);
  return { ...interaction, ...now };
}

/**
 * For what appends a numbered event (a post, a vote on a question): the session locked first, as
 * every facilitator's change does, then the interaction, so the two never wait on each other in a
 * circle. Open, or NotOpenError.
 */
async function lockOpen(tx: AreaTx, areaId: string, session: LiveSession, interaction: LiveInteraction): Promise<LiveInteraction> {
  await repo.lockSession(tx, areaId, session.id);
  const now = await repo.lockInteractionState(tx, areaId, session.id, interaction.id);
  if (now?.state !== 'open') throw new NotOpenError(interaction.id);
  return { ...interaction, ...now };
}

/**
 * A participant's answer to a choice, scale, word cloud or ranking: added, or replacing their last
 * one; a resent form changes nothing. Refused (NotOpenError) unless the interaction is open.
 * A word cloud's words are screened first (moderation.service.ts): the screened words are what is
 * stored to be shown, and words held for safeguarding never count.
 */
export async function saveAnswer(
  db: Db,
  areaId: string,
  session: LiveSession,
  participant: LiveParticipant,
  interaction: LiveInteraction,
  answer: Extract<ParsedAnswer, { ok: true }>,
): Promise<{ changed: boolean; concernRaised: boolean }> {
  return withArea(db, areaId, async (tx) => {
    await lockOpenForAnswer(tx, areaId, session, interaction);
    let shownText = '';
    let held = false;
    let concernRaised = false;
    if (answer.kind === 'word_cloud') {
      const screened = await screenLiveText(tx, areaId, {
        session,
        interactionId: interaction.id,
        sourceKey: `answer:${interaction.id}/${participant.id}`,
        text: answer.value.words.join('\n'),
        participantId: participant.id,
        receiptCode: await repo.responseReceiptCode(tx, areaId, participant.responseId),
      });
      shownText = screened.shownText.slice(0, 300);
      held = screened.status === 'held';
      concernRaised = screened.concernRaised;
    }
    const changed = await repo.upsertAnswer(tx, areaId, { interactionId: interaction.id, participantId: participant.id, value: answer.value, shownText, held });
    if (changed) await notifyTally(tx, session.id, interaction.id);
    return { changed, concernRaised };
  });
}

/**
 * An open answer or a Q&A question: screened before anyone sees it, then shown, waiting for the
 * facilitator, or held for safeguarding. Added once per form (its client key).
 */
export async function addPost(
  db: Db,
  areaId: string,
  session: LiveSession,
  participant: LiveParticipant,
  interaction: LiveInteraction,
  input: { kind: 'text' | 'question'; text: string; clientKey: string },
): Promise<{ status: string; concernRaised: boolean }> {
  return withArea(db, areaId, async (tx) => {
    const locked = await lockOpen(tx, areaId, session, interaction);
    const before = await repo.findPostByClientKey(tx, areaId, interaction.id, participant.id, input.clientKey);
    if (before) return { status: before.status, concernRaised: false };
    // The post's id is not known before it is stored: the form's key names the piece of text.
    const screened = await screenLiveText(tx, areaId, {
      session,
      interactionId: interaction.id,
      sourceKey: `post:${interaction.id}/${participant.id}/${input.clientKey}`,
      text: input.text,
      participantId: participant.id,
      receiptCode: await repo.responseReceiptCode(tx, areaId, participant.responseId),
    });
    const postId = await repo.insertPost(tx, areaId, {
      interactionId: interaction.id,
      participantId: participant.id,
      kind: input.kind,
      originalText: input.text,
      shownText: screened.shownText.slice(0, 500),
      status: screened.status,
      flags: screened.flags,
      clientKey: input.clientKey,
    });
    if (!postId) return { status: screened.status, concernRaised: screened.concernRaised };
    if (screened.status === 'shown') {
      await appendEvent(tx, areaId, session.id, 'post.shown', 'everyone', {
        interactionId: interaction.id,
        post: { id: postId, kind: input.kind, shownText: screened.shownText, symbol: null, colour: 'yellow', columnKey: '', clusterId: null, votes: 0 },
      });
      await announceTally(tx, areaId, session.id, locked);
    } else if (screened.status === 'held') {
      await appendEvent(tx, areaId, session.id, 'post.held', 'staff', { interactionId: interaction.id, postId });
    } else {
      await appendEvent(tx, areaId, session.id, 'post.pending', 'staff', { interactionId: interaction.id, postId });
    }
    return { status: screened.status, concernRaised: screened.concernRaised };
  });
}

/** A participant's upvote on a shown question: given or taken back ('add' twice is one vote). */
export async function voteOnQuestion(db: Db, areaId: string, session: LiveSession, participant: LiveParticipant, interaction: LiveInteraction, postId: string, wanted: boolean): Promise<boolean> {
  return withArea(db, areaId, async (tx) => {
    await lockOpen(tx, areaId, session, interaction);
    if (!(await repo.lockShownQuestion(tx, areaId, interaction.id, postId))) return false;
    const { changed, votes } = await repo.toggleVote(tx, areaId, postId, participant.id, wanted);
    if (changed) await appendEvent(tx, areaId, session.id, 'votes', 'everyone', { interactionId: interaction.id, postId, votes });
    return true;
  });
}

export type AnswerPage = {
  interaction: LiveInteraction;
  /** Its place in the session ("Question 2 of 5"). */
  position: number;
  total: number;
  answer: repo.StoredAnswer | undefined;
  ownPosts: repo.OwnPost[];
  questions: repo.ShownQuestion[];
  /** Only when the facilitator shows results (not hidden, or revealed), and after answering. */
  tally: Tally | undefined;
};

/** What an answer page shows a participant, in a fixed number of queries. */
export async function answerPage(db: Db, areaId: string, session: LiveSession, participant: LiveParticipant, interactionId: string): Promise<AnswerPage | undefined> {
  return withArea(db, areaId, async (tx) => {
    const interactions = await listInteractions(tx, areaId, session.id);
    const interaction = interactions.find((i) => i.id === interactionId);
    if (!interaction) return undefined;
    const answer = await repo.findAnswer(tx, areaId, interaction.id, participant.id);
    const ownPosts = interaction.kind === 'open_text' || interaction.kind === 'qanda' ? await repo.listOwnPosts(tx, areaId, interaction.id, participant.id) : [];
    const questions = interaction.kind === 'qanda' ? await repo.listShownQuestions(tx, areaId, interaction.id, participant.id) : [];
    // Results once you have answered (or once answering is over), so nobody's answer follows the crowd's.
    const tallied = ANSWER_KINDS.has(interaction.kind) && resultsShown(interaction) && (answer !== undefined || interaction.state !== 'open');
    const tally = tallied ? await tallyInteraction(tx, areaId, interaction) : undefined;
    return { interaction, position: interactions.indexOf(interaction) + 1, total: interactions.length, answer, ownPosts, questions, tally };
  });
}

/** The participant's receipt code and how they chose to hear back, for the end page. */
export async function endPage(db: Db, areaId: string, participant: LiveParticipant): Promise<{ receiptCode: string | null; contact: ContactPreference | undefined }> {
  const receiptCode = await withArea(db, areaId, (tx) => repo.responseReceiptCode(tx, areaId, participant.responseId));
  return { receiptCode, contact: await findContactPreference(db, areaId, participant.responseId) };
}

/** "Do you want to hear what happened?": the existing hear-back choice, against the participant's response. */
export async function chooseHearBack(db: Db, areaId: string, participant: LiveParticipant, preference: ContactPreference): Promise<void> {
  await setContactPreference(db, areaId, participant.responseId, preference);
}
