/**
 * The demo area's panels (issue 16 acceptance 1), made through the same services the pages use:
 * - an interview panel for a youth worker at the youth centre, last month: three young people, a
 *   parent carer and the participation lead; questions the young people wrote and chose (one put
 *   aside, one borrowed later from the bank); a weighted rubric; every member's scores sent on their
 *   own; the decision with reasons; two debriefs that became contributions; the time they gave;
 * - a short breaks grant round ("Dragon's Den"), £15,000: three applications sent by providers
 *   signed in by a link, scored by three young people and a practitioner, one funded, the others told
 *   why not, each applicant's outcome and feedback sent.
 *
 * Young people's personal codes are random and not printed: to try a young member's pages, sign in
 * as the lead, open a member on the panel's Members page and choose "Give a new code".
 * Made-up names only.
 */
import type { Db } from '../db/database.ts';
import { createActivity, emptyActivityDetails, londonToUtc, setActivityStatus } from '../modules/activities/activities.service.ts';
import {
  addAccountMember,
  addCandidate,
  addCriterion,
  addDebrief,
  addGrantQuestion,
  addQuestion,
  addYoungMember,
  chooseQuestion,
  createPanel,
  memberAgreesRules,
  memberById,
  memberConsents,
  memberDeclaresConflict,
  recordChecklist,
  recordDecision,
  recordOutcome,
  recordPanelTime,
  saveApplication,
  sendApplication,
  sendOutcomes,
  sendScores,
  startApplication,
  startScoring,
} from '../modules/panels/index.ts';
import { translator } from '../lib/messages/messages.ts';
import { pounds } from '../lib/money.ts';
import { backdateRoundClosing, roundCandidates } from './demo-sql.ts';

export type PanelSeedPeople = { leadId: string; decisionMakerId: string; organisationIds: ReadonlyMap<string, string> };

const DAY = 86_400_000;

/** A London date 'YYYY-MM-DD', `days` before now. */
export function daysAgo(days: number, now = new Date()): string {
  return new Date(now.getTime() - days * DAY).toISOString().slice(0, 10);
}

/**
 * A member who has done the whole checklist: trained, agreed, a parent carer's consent for an
 * under-16, no conflict, the ground rules agreed (as the member would on their own pages).
 */
export async function readyMember(
  db: Db,
  areaId: string,
  leadId: string,
  panel: { id: string; activityId: string },
  who: { kind: 'young_person'; name: string; ageBand: string } | { kind: 'staff' | 'parent_carer'; email: string },
): Promise<string> {
  const memberId = who.kind === 'young_person'
    ? (await addYoungMember(db, areaId, leadId, panel.id, { kind: 'young_person', displayName: who.name, ageBand: who.ageBand })).memberId
    : await addAccountMember(db, areaId, leadId, panel.id, { kind: who.kind, email: who.email });
  const underSixteen = who.kind === 'young_person' && who.ageBand === '12_15';
  await recordChecklist(db, areaId, leadId, panel.id, memberId, {
    trainingOn: daysAgo(40),
    parentalConsentOn: underSixteen ? daysAgo(41) : null,
    parentalConsentNote: underSixteen ? 'Mum agreed on the phone' : '',
    seesNames: who.kind === 'staff',
    conflict: null,
  });
  await memberConsents(db, areaId, { id: memberId });
  await memberDeclaresConflict(db, areaId, { id: memberId }, panel.activityId, 'none');
  await memberAgreesRules(db, areaId, { id: memberId });
  return memberId;
}

/** One member's scores for one candidate, sent: criteria in order. */
async function scoreAs(db: Db, areaId: string, panelId: string, memberId: string, candidateId: string, criteria: readonly string[], scores: readonly number[], comment: string): Promise<void> {
  await sendScores(db, areaId, await memberById(db, areaId, panelId, memberId), candidateId, { scores: Object.fromEntries(criteria.map((id, i) => [id, scores[i]!])), comment });
}

export async function seedDemoPanels(db: Db, areaId: string, areaSlug: string, baseUrl: string, people: PanelSeedPeople, now = new Date()): Promise<void> {
  const youthVoice = people.organisationIds.get('Riverside Youth Voice')!;
  const lead = people.leadId;

  // ── An interview panel ──────────────────────────────────────────────────────────────────────
  const interviewDay = new Date(now.getTime() - 24 * DAY).toISOString().slice(0, 10);
  const interviews = await createActivity(db, areaId, lead, {
    ...emptyActivityDetails(),
    organisationId: youthVoice,
    title: 'Interview panel: a youth worker for the youth centre',
    purpose: 'Young people who use the youth centre wrote the questions, interviewed the candidates and scored their answers with staff and a parent carer.',
    easyReadPurpose: 'Help choose the new youth worker.',
    type: 'interview_panel',
    level: 'strategic',
    stage: 'deliver',
    services: ['Youth centre'],
    audience: 'children_young_people',
    ageBands: ['12_15', '16_18'],
    startsAt: londonToUtc(interviewDay, '16:00'),
    endsAt: londonToUtc(interviewDay, '19:00'),
    venueKind: 'in_person',
    venueName: 'Riverside Youth Centre',
    groundRules: ['confidentiality', 'respect', 'ok_not_to_answer', 'ok_to_leave'],
    contactName: 'Jess Patel',
    contactEmail: 'send.team@riverside.example',
  });
  await setActivityStatus(db, areaId, lead, interviews.id, 'open');
  const panel = await createPanel(db, areaId, lead, {
    activityId: interviews.id,
    kind: 'interview',
    title: 'Youth worker interviews',
    purpose: 'A youth worker for the youth centre, three evenings a week. They will run the Tuesday club and the summer trips.',
    youthWeight: 50,
    scale: 'faces',
  });
  const p = { id: panel.id, activityId: interviews.id };
  const ali = await readyMember(db, areaId, lead, p, { kind: 'young_person', name: 'Ali', ageBand: '12_15' });
  const bea = await readyMember(db, areaId, lead, p, { kind: 'young_person', name: 'Bea', ageBand: '16_18' });
  const callum = await readyMember(db, areaId, lead, p, { kind: 'young_person', name: 'Callum', ageBand: '16_18' });
  const lou = await readyMember(db, areaId, lead, p, { kind: 'parent_carer', email: 'parent@riverside.example' });
  const jess = await readyMember(db, areaId, lead, p, { kind: 'staff', email: 'lead@riverside.example' });

  const questions: Array<[string, string, string | null, string, 'chosen' | 'dropped']> = [
    [ali, 'What would you do if someone was sitting on their own at club?', '1F91D', 'Goes over kindly, asks what they like, and does not make a fuss.', 'chosen'],
    [bea, 'How would you make a trip work for someone who uses a wheelchair?', '267F', 'Checks the place first, asks the young person, plans the toilets and the transport.', 'chosen'],
    [callum, 'Tell us about a time you got something wrong. What did you do?', '1F914', 'A real example. Says sorry and what they learnt.', 'chosen'],
    [bea, 'How would you find out what we want to do at club?', '1F4AC', 'Asks us, in more than one way, and then actually does it.', 'chosen'],
    [ali, 'What is your favourite football team?', '26BD', '', 'dropped'],
  ];
  for (const [by, text, symbol, goodAnswer, status] of questions) {
    const { id } = await addQuestion(db, areaId, by, panel.id, { text, goodAnswer, symbol });
    await chooseQuestion(db, areaId, panel.id, id, status);
  }
  const criteria = [
    await addCriterion(db, areaId, lead, panel.id, { title: 'Listens to young people', description: 'Lets us finish, asks what we think, and acts on it.', symbol: '1F442', weight: 3 }),
    await addCriterion(db, areaId, lead, panel.id, { title: 'Makes club fun and safe', description: 'Ideas for things to do, and knows how to keep everyone safe.', symbol: '1F3B3', weight: 2 }),
    await addCriterion(db, areaId, lead, panel.id, { title: 'Understands SEND', description: 'Knows that everyone is different and changes things so everyone can join in.', symbol: '1F9E9', weight: 2 }),
  ];
  const candidates = [
    await addCandidate(db, areaId, lead, panel.id, 'Priya Kaur'),
    await addCandidate(db, areaId, lead, panel.id, 'Daniel Shaw'),
    await addCandidate(db, areaId, lead, panel.id, 'Morgan Ellis'),
  ];
  await startScoring(db, areaId, lead, panel.id);
  // Scores per member per candidate (criteria in order). The young people liked Candidate B most;
  // the adults were split between A and B, and disagreed about C's understanding of SEND.
  const scores: Array<[string, number[][], string[]]> = [
    [ali, [[4, 3, 3], [5, 5, 4], [2, 3, 2]], ['Nice but quiet.', 'Really listened to my question.', 'Did not look at us.']],
    [bea, [[3, 4, 4], [5, 4, 5], [3, 3, 2]], ['Good ideas for trips.', 'Knew about wheelchairs and asked us.', 'Talked a lot.']],
    [callum, [[4, 4, 3], [4, 5, 4], [2, 2, 3]], ['OK.', 'Told a true story about getting it wrong.', 'Did not answer our question.']],
    [lou, [[5, 4, 4], [4, 4, 5], [3, 3, 5]], ['Strong on safety.', 'Warm with the young people.', 'Has a lot of SEND experience.']],
    [jess, [[4, 4, 4], [5, 4, 4], [3, 3, 2]], ['Solid all round.', 'The young people lit up.', 'Less sure about working with the group.']],
  ];
  for (const [member, perCandidate, comments] of scores) {
    for (const [i, candidateId] of candidates.entries()) await scoreAs(db, areaId, panel.id, member, candidateId, criteria, perCandidate[i]!, comments[i]!);
  }
  await recordOutcome(db, areaId, lead, panel.id, candidates[1]!, {
    outcome: 'appointed',
    reason: 'The highest combined score, and the young people’s first choice on every question.',
    feedback: 'The panel liked how you listened and the true story you told. Young people said: "Really listened to my question."',
    awardPence: null,
  });
  await recordOutcome(db, areaId, lead, panel.id, candidates[0]!, {
    outcome: 'reserve',
    reason: 'A close second: strong on safety and trips.',
    feedback: 'The panel liked your ideas for trips and your plans for keeping everyone safe. Talk to the young people a little more.',
    awardPence: null,
  });
  await recordOutcome(db, areaId, lead, panel.id, candidates[2]!, {
    outcome: 'not_appointed',
    reason: 'The young people felt they were not listened to.',
    feedback: 'The panel valued your SEND experience. The young people felt you talked more than you listened: look at them and answer their own question.',
    awardPence: null,
  });
  await recordDecision(db, areaId, lead, panel.id, 'We chose Candidate B. Your scores counted for half of the result, and Candidate B was your first choice. They start at the youth centre after half term. Candidate A is our reserve.');
  await recordPanelTime(db, areaId, lead, panel.id, { date: daysAgo(31), minutes: 90, what: 'questions', memberIds: [ali, bea, callum] });
  await recordPanelTime(db, areaId, lead, panel.id, { date: interviewDay, minutes: 180, what: 'interviews', memberIds: [ali, bea, callum, lou, jess] });
  for (const [member, text] of [
    [bea, 'I liked that our questions were the real questions. Next time we should meet the candidates before the interview too.'],
    [callum, 'It was scary at first but the lead helped us. Please tell us how the new youth worker is getting on.'],
  ] as const) {
    await addDebrief(db, areaId, await memberById(db, areaId, panel.id, member), text, 'What do you want to tell us about being on the panel?');
  }

  // ── A grant round ("Dragon's Den") ────────────────────────────────────────────────────────────
  const denDay = new Date(now.getTime() - 10 * DAY).toISOString().slice(0, 10);
  const grantsActivity = await createActivity(db, areaId, lead, {
    ...emptyActivityDetails(),
    organisationId: youthVoice,
    title: "The young people's Dragon's Den: short breaks grants",
    purpose: 'Providers applied for money for short breaks. A panel of young people wrote their own questions, heard each provider and scored their answers.',
    easyReadPurpose: 'Decide which clubs get money for short breaks.',
    type: 'grant_panel',
    level: 'strategic',
    stage: 'design',
    services: ['Short breaks'],
    audience: 'children_young_people',
    ageBands: ['12_15', '16_18'],
    startsAt: londonToUtc(denDay, '16:30'),
    endsAt: londonToUtc(denDay, '19:00'),
    venueKind: 'in_person',
    venueName: 'Riverside Youth Centre',
    groundRules: ['confidentiality', 'respect', 'ok_not_to_answer'],
    contactName: 'Jess Patel',
    contactEmail: 'send.team@riverside.example',
  });
  await setActivityStatus(db, areaId, lead, grantsActivity.id, 'open');
  // Open while the providers apply; closed (below) before the panel met.
  const round = await createPanel(db, areaId, lead, {
    activityId: grantsActivity.id,
    kind: 'grant',
    title: 'Short breaks grants 2026',
    purpose: 'Money for clubs and activities in the school holidays where disabled children and young people, and children with SEN, are welcome and have fun.',
    youthWeight: 60,
    scale: 'stars',
    potPence: 1_500_000,
    closesAt: new Date(now.getTime() + DAY),
  });
  const r = { id: round.id, activityId: grantsActivity.id };
  const grantQuestions = [
    await addGrantQuestion(db, areaId, lead, round.id, { text: 'What will you do with the money?', hint: 'Say what young people will do, where and when.', maxWords: 250 }),
    await addGrantQuestion(db, areaId, lead, round.id, { text: 'How will you make sure every young person can join in?', hint: 'Think about access, staff, quiet spaces and transport.', maxWords: 250 }),
    await addGrantQuestion(db, areaId, lead, round.id, { text: 'How did young people help plan this?', hint: '', maxWords: 200 }),
  ];
  const applications: Array<{ email: string; organisationName: string; contactName: string; projectTitle: string; amountPence: number; answers: [string, string, string] }> = [
    {
      email: 'hello@riverside-climbing.example',
      organisationName: 'Riverside Climbing Club',
      contactName: 'Sam Hughes',
      projectTitle: 'Climb together: holiday climbing sessions',
      amountPence: 600_000,
      answers: [
        'Twelve climbing sessions in the summer holidays for young people aged 11 to 18, at the climbing wall on Mill Lane.',
        'We have a hoist and adapted harnesses, a quiet room, and two staff trained in autism awareness. Parents can stay.',
        'Members of our youth group tried the sessions in the spring and chose the times and the music.',
      ],
    },
    {
      email: 'studio@mill-lane-arts.example',
      organisationName: 'Mill Lane Arts',
      contactName: 'Rita Osei',
      projectTitle: 'Make a mural',
      amountPence: 450_000,
      answers: ['A mural for the youth centre wall, painted over six Saturdays.', 'The studio is on the first floor. We will find out about a lift.', 'We will ask young people what to paint.'],
    },
    {
      email: 'office@sunny-days.example',
      organisationName: 'Sunny Days Holiday Club',
      contactName: 'Ben Carter',
      projectTitle: 'More places at Sunny Days',
      amountPence: 800_000,
      answers: ['Ten more places each week of the summer holiday club.', 'We have one extra member of staff for children who need more help.', 'Parents told us they need more places.'],
    },
  ];
  for (const a of applications) {
    const applicantId = await startApplication(db, areaId, a.email, { organisationName: a.organisationName, contactName: a.contactName });
    const saved = await saveApplication(
      db,
      areaId,
      applicantId,
      round.id,
      { organisationName: a.organisationName, contactName: a.contactName, projectTitle: a.projectTitle, amountPence: a.amountPence, answers: Object.fromEntries(grantQuestions.map((q, i) => [q, a.answers[i]!])) },
      0,
    );
    if (!saved.ok) throw new Error(`demo grant application not saved: ${saved.reason}`);
    const sent = await sendApplication(db, areaId, applicantId, round.id);
    if (!sent.ok) throw new Error(`demo grant application not sent: ${sent.reason}`);
  }
  // The round closed before the panel met (the demo's own clock: no service moves a closing date back).
  await backdateRoundClosing(db, areaId, round.id, londonToUtc(daysAgo(14, now), '17:00'));

  const dani = await readyMember(db, areaId, lead, r, { kind: 'young_person', name: 'Dani', ageBand: '12_15' });
  const eli = await readyMember(db, areaId, lead, r, { kind: 'young_person', name: 'Eli', ageBand: '16_18' });
  const fatima = await readyMember(db, areaId, lead, r, { kind: 'young_person', name: 'Fatima', ageBand: '16_18' });
  const tom = await readyMember(db, areaId, lead, r, { kind: 'staff', email: 'practitioner@riverside.example' });
  const grantCriteria = [
    await addCriterion(db, areaId, lead, round.id, { title: 'Everyone can join in', description: 'Access, staff who understand, quiet spaces, transport.', symbol: '267F', weight: 3 }),
    await addCriterion(db, areaId, lead, round.id, { title: 'Young people would enjoy it', description: 'Would we want to go?', symbol: '1F929', weight: 2 }),
    await addCriterion(db, areaId, lead, round.id, { title: 'Young people helped plan it', description: 'They asked us, and it shows.', symbol: '1F91D', weight: 1 }),
  ];
  await startScoring(db, areaId, lead, round.id);
  const grantCandidates = await roundCandidates(db, areaId, round.id);
  const grantScores: Array<[string, number[][]]> = [
    [dani, [[5, 5, 5], [2, 4, 2], [3, 3, 1]]],
    [eli, [[5, 4, 4], [3, 4, 3], [3, 2, 2]]],
    [fatima, [[4, 5, 5], [2, 3, 2], [4, 3, 2]]],
    [tom, [[5, 4, 4], [3, 3, 2], [4, 3, 3]]],
  ];
  for (const [member, perCandidate] of grantScores) {
    for (const [i, c] of grantCandidates.entries()) await scoreAs(db, areaId, round.id, member, c.id, grantCriteria, perCandidate[i]!, '');
  }
  await recordOutcome(db, areaId, lead, round.id, grantCandidates[0]!.id, {
    outcome: 'funded',
    reason: 'The young people’s top choice: everyone can join in, and their own youth group planned it.',
    feedback: `The panel gave you the full ${pounds(600_000)}. They loved that young people chose the times and the music.`,
    awardPence: 600_000,
  });
  await recordOutcome(db, areaId, lead, round.id, grantCandidates[1]!.id, {
    outcome: 'not_funded',
    reason: 'The studio is upstairs with no lift yet, so not everyone could join in.',
    feedback: 'The panel liked the idea of a mural. Please apply again once everyone can get into the studio, and ask young people before you apply.',
    awardPence: null,
  });
  await recordOutcome(db, areaId, lead, round.id, grantCandidates[2]!.id, {
    outcome: 'not_funded',
    reason: 'More places are needed, but young people did not help plan it and it was not clear how everyone could join in.',
    feedback: 'The panel agreed more places are needed. Next time, tell them how young people helped plan it and how every child can join in.',
    awardPence: null,
  });
  await recordDecision(db, areaId, lead, round.id, 'We gave £6,000 to Riverside Climbing Club for holiday climbing sessions. Your scores counted for 60% of the result. £9,000 is left for the next round in the spring.');
  await recordPanelTime(db, areaId, lead, round.id, { date: denDay, minutes: 150, what: 'interviews', memberIds: [dani, eli, fatima, tom] });
  const en = translator('en');
  const e = (key: string, params?: Record<string, unknown>) => en(`panels.grants.email.${key}`, params);
  await sendOutcomes(
    db,
    areaId,
    lead,
    round.id,
    { subject: (title) => e('outcomeSubject', { round: title }), body: (x) => e('outcomeBody', x), outcome: (o) => en(`panels.grants.outcomes.${o}`), noAward: e('noAward'), noFeedback: e('noFeedback') },
    { name: 'Riverside SEND Partnership', mineUrl: `${baseUrl}/a/${areaSlug}/grants/mine` },
  );
}
