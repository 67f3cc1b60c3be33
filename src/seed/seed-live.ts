/**
 * The demo area's live sessions (issue 15 acceptance 1), made through the same services the pages use:
 * - a youth forum meeting held last month, whose live session is finished: a poll with symbols, a word
 *   cloud and a board with groups and dots, each closed with its tally frozen; the session's answers
 *   became contributions, and the board's notes about getting there were themed and answered in
 *   "you said, we did" (published, so the young people who asked to hear back are told);
 * - the next youth forum meeting, with a session prepared and ready to run (every kind of question).
 *
 * Made-up nicknames only; participants join with a random browser token as a phone would.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { withArea } from '../db/db.ts';
import type { Actor, Role } from '../lib/authorisation.ts';
import { createActivity, emptyActivityDetails, londonToUtc, setActivityStatus } from '../modules/activities/activities.service.ts';
import { setContactPreference } from '../modules/feedback/contacts.service.ts';
import { approveResponse, publishResponse, saveResponse } from '../modules/feedback/responses.service.ts';
import { outboxNotifier, sendPendingNotices } from '../modules/notifications/notifications.service.ts';
import { addParticipantNote, createCluster, moveNote, setDot } from '../modules/live/board.service.ts';
import { makeSessionContributions } from '../modules/live/index.ts';
import { joinSession, saveAnswer } from '../modules/live/participate.service.ts';
import { addInteraction, changeInteraction, createSession, endSession, goTo, loadSession, startSession } from '../modules/live/sessions.service.ts';
import { assignContributions, createTheme } from '../modules/themes/themes.service.ts';
import { backdateClosed, backdatePublished } from './demo-sql.ts';
import type { DemoActivities } from './seed-activities.ts';

export type LiveSeedPeople = { leadId: string; decisionMakerId: string; organisationIds: ReadonlyMap<string, string> };

const DAY = 86_400_000;

function actorOf(accountId: string, areaId: string, role: Role): Actor {
  return { accountId, email: '', displayName: '', isOperator: false, rolesByArea: new Map([[areaId, [role]]]) };
}

const BOARD_COLUMNS = [
  { key: 'good', title: "What's good", colour: 'green' as const },
  { key: 'not', title: "What's not", colour: 'pink' as const },
  { key: 'ideas', title: 'Ideas', colour: 'yellow' as const },
];

/** Who came to last month's forum: nicknames only, two answering as a small group. */
const PEOPLE = [
  { nickname: 'Sam', groupSize: 1 },
  { nickname: 'Aisha', groupSize: 1 },
  { nickname: 'Leo', groupSize: 1 },
  { nickname: '', groupSize: 1 },
  { nickname: 'Table 2', groupSize: 3 },
  { nickname: 'Jay', groupSize: 1 },
  { nickname: 'Priya', groupSize: 1 },
  { nickname: '', groupSize: 1 },
  { nickname: 'Table 4', groupSize: 2 },
  { nickname: 'Ollie', groupSize: 1 },
  { nickname: 'Maya', groupSize: 1 },
  { nickname: 'Theo', groupSize: 1 },
];

const POLL_CHOICES = ['swim', 'cook', 'art', 'football', 'swim', 'swim', 'cook', 'art', 'swim', 'football', 'cook', 'swim'];
const WORDS = [['calm', 'friends'], ['fun'], ['quiet', 'snacks'], ['friends'], ['music', 'fun'], ['outside'], ['calm'], ['games', 'friends'], ['fun', 'calm'], ['football'], ['friends', 'art'], ['quiet']];

/** Notes on the board: column, words, symbol (or null). */
const NOTES: Array<{ column: string; text: string; symbol: string | null; group?: 'travel' | 'quiet' }> = [
  { column: 'good', text: 'The staff listen to us', symbol: '1F442' },
  { column: 'good', text: 'Cooking club is the best bit', symbol: '1F373' },
  { column: 'good', text: 'I made new friends', symbol: '1F91D' },
  { column: 'not', text: 'The minibus is always late', symbol: '1F690', group: 'travel' },
  { column: 'not', text: 'My mum has to drive me because there is no bus', symbol: '1F697', group: 'travel' },
  { column: 'not', text: 'Too far to get there on my own', symbol: null, group: 'travel' },
  { column: 'not', text: 'The hall is too loud', symbol: '1F50A', group: 'quiet' },
  { column: 'not', text: 'Nowhere to go when it gets too much', symbol: null, group: 'quiet' },
  { column: 'ideas', text: 'A quiet room with beanbags', symbol: '1F6CB' },
  { column: 'ideas', text: 'Pick-up from school on club days', symbol: '1F68C' },
  { column: 'ideas', text: 'More swimming in the holidays', symbol: '1F3CA' },
];

export async function seedDemoLive(db: Db, areaId: string, areaSlug: string, baseUrl: string, _activities: DemoActivities, people: LiveSeedPeople, now = new Date()): Promise<void> {
  const lead = actorOf(people.leadId, areaId, 'participation_lead');
  const youthVoice = people.organisationIds.get('Riverside Youth Voice') ?? null;

  // ── Last month's forum: a finished session ──────────────────────────────────────────────────
  const held = new Date(now.getTime() - 30 * DAY);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(held);
  const forum = await createActivity(db, areaId, people.leadId, {
    ...emptyActivityDetails(),
    organisationId: youthVoice,
    title: 'Youth forum: what makes a good short break?',
    purpose: 'Young people in the youth forum told us what is good about short breaks, what is not, and what would make them better.',
    easyReadPurpose: 'Tell us about short breaks: what is good, what is not, and your ideas.',
    type: 'meeting',
    level: 'strategic',
    stage: 'review',
    services: ['Short breaks'],
    audience: 'children_young_people',
    ageBands: ['12_15', '16_18'],
    startsAt: londonToUtc(day, '17:00'),
    endsAt: londonToUtc(day, '18:30'),
    venueKind: 'in_person',
    venueName: 'Riverside Youth Centre',
    groundRules: ['confidentiality', 'respect', 'ok_not_to_answer', 'ok_to_leave'],
    contactName: 'Helen Moss',
    contactEmail: 'send.team@riverside.example',
  });
  await setActivityStatus(db, areaId, people.leadId, forum.id, 'open');
  const sessionId = await createSession(db, people.leadId, areaId, forum.id, { title: 'Youth forum, short breaks', moderation: 'direct' });
  const pollId = await addInteraction(db, areaId, sessionId, {
    kind: 'choice',
    prompt: 'Which short break activity should there be more of?',
    symbol: null,
    resultsHidden: false,
    settings: {
      multiple: false,
      options: [
        { id: 'swim', label: 'Swimming', symbol: '1F3CA' },
        { id: 'cook', label: 'Cooking', symbol: '1F373' },
        { id: 'art', label: 'Art', symbol: '1F3A8' },
        { id: 'football', label: 'Football', symbol: '26BD' },
      ],
    },
  });
  const cloudId = await addInteraction(db, areaId, sessionId, { kind: 'word_cloud', prompt: 'One or two words for a good day out', symbol: '1F31E', resultsHidden: false, settings: { maxWords: 2 } });
  const boardId = await addInteraction(db, areaId, sessionId, { kind: 'board', prompt: 'Short breaks: what is good, what is not, and your ideas', symbol: null, resultsHidden: false, settings: { columns: BOARD_COLUMNS, dotsPerPerson: 3 } });

  await startSession(db, people.leadId, areaId, sessionId);
  const participants: Array<{ token: string; participant: Awaited<ReturnType<typeof joinSession>> }> = [];
  for (const person of PEOPLE) {
    const { session } = await loadSession(db, lead, areaId, forum.id, sessionId, 'live.run');
    const token = randomBytes(24).toString('base64url');
    const participant = await joinSession(db, areaId, session, { token, nickname: person.nickname, groupSize: person.groupSize, language: 'en' });
    participants.push({ token, participant });
  }

  const answerEach = async (interactionId: string, answer: (n: number) => Parameters<typeof saveAnswer>[5]) => {
    await goTo(db, areaId, sessionId, interactionId);
    await changeInteraction(db, areaId, sessionId, interactionId, 'open');
    const { session, interactions } = await loadSession(db, lead, areaId, forum.id, sessionId, 'live.run');
    const interaction = interactions.find((i) => i.id === interactionId)!;
    for (const [n, p] of participants.entries()) await saveAnswer(db, areaId, session, p.participant, interaction, answer(n));
    await changeInteraction(db, areaId, sessionId, interactionId, 'close');
  };
  await answerEach(pollId, (n) => ({ ok: true, kind: 'choice', value: { options: [POLL_CHOICES[n]!] } }));
  await answerEach(cloudId, (n) => ({ ok: true, kind: 'word_cloud', value: { words: WORDS[n]! } }));

  // The board: notes from the young people, grouped by the facilitator, then dots.
  await goTo(db, areaId, sessionId, boardId);
  await changeInteraction(db, areaId, sessionId, boardId, 'open');
  const noteIds: Array<{ id: string; group?: 'travel' | 'quiet' }> = [];
  for (const [n, note] of NOTES.entries()) {
    const writer = participants[n % participants.length]!;
    const clientKey = `demo-note-${n}-${randomBytes(6).toString('hex')}`;
    await addParticipantNote(db, areaId, sessionId, boardId, writer.token, { text: note.text, symbol: note.symbol, colour: note.column === 'good' ? 'green' : note.column === 'not' ? 'pink' : 'yellow', column: note.column, clientKey });
    const post = await withArea(db, areaId, (tx) => tx.selectFrom('live_post').select('id').where('area_id', '=', areaId).where('client_key', '=', clientKey).executeTakeFirstOrThrow());
    noteIds.push({ id: post.id, group: note.group });
  }
  const ref = { actor: lead, areaId, activityId: forum.id, sessionId, interactionId: boardId };
  const travel = await createCluster(db, ref, { title: 'Getting there', column: 'not' });
  const quiet = await createCluster(db, ref, { title: 'Somewhere quiet', column: 'not' });
  for (const note of noteIds) {
    if (note.group) await moveNote(db, ref, note.id, { place: { cluster: note.group === 'travel' ? travel : quiet } });
  }
  // Dots: most go on getting there and a quiet room.
  const dotted = [3, 4, 9, 8, 3, 1, 9, 4, 10, 3, 8, 2];
  for (const [n, p] of participants.entries()) {
    for (const k of [0, 1, 2]) {
      const target = noteIds[(dotted[n]! + k * 4) % noteIds.length]!;
      await setDot(db, areaId, sessionId, boardId, p.token, target.id, true);
    }
  }
  await changeInteraction(db, areaId, sessionId, boardId, 'close');

  // Five young people chose to hear what happened (easy read), by email through a parent carer; four
  // of them wrote about getting there.
  for (const [n, p] of participants.filter((_, k) => [0, 3, 4, 5, 9].includes(k)).entries()) {
    await setContactPreference(db, areaId, p.participant.responseId, { channel: 'email', address: `forum${n + 1}@example.com`, format: 'easy_read', language: 'en' });
  }
  await endSession(db, people.leadId, areaId, sessionId);
  await makeSessionContributions(db, areaId, sessionId);
  await setActivityStatus(db, areaId, people.leadId, forum.id, 'closed');
  await backdateSession(db, areaId, forum.id, sessionId, londonToUtc(day, '17:05'), londonToUtc(day, '18:25'));
  await backdateClosed(db, areaId, forum.id, londonToUtc(day, '18:30'));

  // "You said, we did": the notes about getting there, themed and answered.
  const travelNotes = await withArea(db, areaId, (tx) =>
    tx
      .selectFrom('contribution')
      .innerJoin('live_post', (j) => j.on(sql<boolean>`contribution.live_key = 'post:' || live_post.id::text`))
      .select('contribution.id')
      .where('contribution.area_id', '=', areaId)
      .where('contribution.live_session_id', '=', sessionId)
      .where('live_post.cluster_id', '=', travel)
      .execute(),
  );
  const themeId = await createTheme(db, areaId, people.leadId, {
    title: 'The short breaks minibus',
    summary: 'Young people at the youth forum said the minibus is late, it is too far to get there alone, and families have to drive.',
    easyReadSummary: 'Getting to short breaks is hard. The minibus is late.',
    symbol: '1F690',
    symbolAlt: 'Minibus',
  });
  await assignContributions(db, areaId, people.leadId, themeId, travelNotes.map((c) => c.id));
  const saved = await saveResponse(
    db,
    areaId,
    people.leadId,
    themeId,
    {
      status: 'doing',
      reason: '',
      whatChanged: 'From January, the short breaks minibus will pick up from school on club days, and the timetable will be checked with the youth forum each term.',
      whatChangedEasyRead: 'From January the minibus will pick you up from school on club days.',
      decidedByBoardId: null,
      decidedByRole: 'Short breaks manager',
      ownerAccountId: people.decisionMakerId,
      decidedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(now.getTime() - 10 * DAY)),
      dueOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(now.getTime() + 40 * DAY)),
      doneOn: null,
      evidenceLinks: [],
    },
    0,
  );
  if (!saved.ok) throw new Error('the demo live theme response was not saved');
  await approveResponse(db, areaId, people.decisionMakerId, themeId, { canRespond: true, expectedVersion: saved.version });
  await publishResponse(db, areaId, people.leadId, themeId, { baseUrl, areaSlug });
  // The forum heard back three weeks after it met; the notices went out through the outbox.
  await backdatePublished(db, areaId, [themeId], new Date(londonToUtc(day, '18:30').getTime() + 21 * DAY));
  const outbox = outboxNotifier(db);
  await sendPendingNotices(db, async () => outbox, { now, limit: 100 });

  // ── Next month's forum: a session ready to run ────────────────────────────────────────────────
  const next = new Date(now.getTime() + 14 * DAY);
  const nextDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(next);
  const nextForum = await createActivity(db, areaId, people.leadId, {
    ...emptyActivityDetails(),
    organisationId: youthVoice,
    title: 'Youth forum: planning the summer holiday clubs',
    purpose: 'The youth forum helps plan next summer’s holiday clubs: what to do, where, and how to make them welcoming for everyone.',
    easyReadPurpose: 'Help plan the summer holiday clubs.',
    type: 'meeting',
    level: 'strategic',
    stage: 'design',
    services: ['Short breaks'],
    audience: 'children_young_people',
    ageBands: ['12_15', '16_18'],
    startsAt: londonToUtc(nextDay, '17:00'),
    endsAt: londonToUtc(nextDay, '18:30'),
    venueKind: 'in_person',
    venueName: 'Riverside Youth Centre',
    groundRules: ['confidentiality', 'respect', 'ok_not_to_answer', 'ok_to_leave'],
    contactName: 'Helen Moss',
    contactEmail: 'send.team@riverside.example',
  });
  await setActivityStatus(db, areaId, people.leadId, nextForum.id, 'open');
  const readyId = await createSession(db, people.leadId, areaId, nextForum.id, { title: 'Youth forum, summer holiday clubs', moderation: 'approve' });
  await addInteraction(db, areaId, readyId, {
    kind: 'choice',
    prompt: 'Where should the summer clubs be?',
    symbol: '1F3D6',
    resultsHidden: false,
    settings: {
      multiple: true,
      options: [
        { id: 'park', label: 'The park', symbol: '1F333' },
        { id: 'pool', label: 'The pool', symbol: '1F3CA' },
        { id: 'school', label: 'A school', symbol: '1F3EB' },
        { id: 'centre', label: 'The youth centre', symbol: '1F3E0' },
      ],
    },
  });
  await addInteraction(db, areaId, readyId, { kind: 'scale', prompt: 'How did last summer’s clubs feel?', symbol: null, resultsHidden: true, settings: { style: 'faces', lowLabel: 'Not good', highLabel: 'Really good' } });
  await addInteraction(db, areaId, readyId, { kind: 'word_cloud', prompt: 'A word for a welcoming club', symbol: null, resultsHidden: false, settings: { maxWords: 3 } });
  await addInteraction(db, areaId, readyId, {
    kind: 'ranking',
    prompt: 'Put these in order: what matters most?',
    symbol: null,
    resultsHidden: true,
    settings: {
      options: [
        { id: 'quiet', label: 'A quiet space', symbol: '1F6CB' },
        { id: 'friends', label: 'Going with friends', symbol: '1F91D' },
        { id: 'food', label: 'Good food', symbol: '1F354' },
        { id: 'trips', label: 'Trips out', symbol: '1F68C' },
      ],
    },
  });
  await addInteraction(db, areaId, readyId, { kind: 'open_text', prompt: 'What would make you feel welcome on your first day?', symbol: null, resultsHidden: false, settings: {} });
  await addInteraction(db, areaId, readyId, { kind: 'qanda', prompt: 'Questions for the holiday clubs manager', symbol: '2753', resultsHidden: false, settings: {} });
  await addInteraction(db, areaId, readyId, { kind: 'board', prompt: 'Ideas for the summer', symbol: null, resultsHidden: false, settings: { columns: BOARD_COLUMNS, dotsPerPerson: 3 } });
}

/** The finished session happened on the forum's day (the services stamp "now"). */
async function backdateSession(db: Db, areaId: string, activityId: string, sessionId: string, start: Date, end: Date): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await sql`update live_session set created_at = ${new Date(start.getTime() - 2 * DAY)}, started_at = ${start}, ended_at = ${end} where area_id = ${areaId} and id = ${sessionId}`.execute(tx);
    await sql`update live_interaction set closed_at = ${end} where area_id = ${areaId} and session_id = ${sessionId} and closed_at is not null`.execute(tx);
    await sql`update contribution set created_at = ${end} where area_id = ${areaId} and live_session_id = ${sessionId}`.execute(tx);
    await sql`update response set started_at = ${start}, submitted_at = ${start} where area_id = ${areaId} and activity_id = ${activityId} and channel = 'live'`.execute(tx);
  });
}
