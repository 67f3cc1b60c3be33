/**
 * The demo area's recognition and individual co-production (issue 17 acceptance 1): a young person
 * with their own sign-in (no email), a profile shared with one worker, a volunteer match with an
 * introduction rated; a youth forum event whose members were thanked and given vouchers from a
 * budget; one event with thanks overdue. Services only (and demo-sql.ts for what no page does).
 */
import type { Db } from '../db/database.ts';
import { createActivity, emptyActivityDetails, londonToUtc, setActivityStatus } from '../modules/activities/activities.service.ts';
import { signUp } from '../modules/activities/signups.service.ts';
import { createYoungPerson, DEMO_PICTURES, linkGuardian, setPictures, youngCodeHash } from '../modules/accounts/index.ts';
import { parseMemberCode } from '../modules/panels/index.ts';
import { approveRewards, attendanceOf, createBudget, createRule, issueReward, makeCertificate, markReceived, proposeRewards, recordAttendance, recordNameConsent, sendThanks } from '../modules/recognition/index.ts';
import { arrangeMeeting, chooseToMeet, confirmMatch, createMyViews, createVolunteer, recordMet, saveProfile, saveWishes, sayHowItWent, shareProfile } from '../modules/profiles/index.ts';
import { backdateIntroductionChosen, setDemoYoungCode } from './demo-sql.ts';

export type RecognitionSeedPeople = { leadId: string; parentId: string; practitionerId: string; organisationIds: ReadonlyMap<string, string> };

/** The demo child's code (printed at start-up with their pictures, DEMO_PICTURES). */
export const DEMO_YOUNG_CODE = 'CHRS-2468';
export const DEMO_YOUNG_NAME = 'Jaden';

const DAY = 86_400_000;

/** An event held `daysAgo` days ago, 4pm to 6pm, at the youth centre (people signed up before it). */
async function pastEvent(db: Db, areaId: string, leadId: string, organisationId: string | null, title: string, easyRead: string, daysAgo: number, now: Date): Promise<string> {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(now.getTime() - daysAgo * DAY));
  const activity = await createActivity(db, areaId, leadId, {
    ...emptyActivityDetails(),
    organisationId,
    title,
    purpose: easyRead,
    easyReadPurpose: easyRead,
    type: 'event',
    level: 'strategic',
    stage: 'design',
    services: ['Short breaks'],
    audience: 'children_young_people',
    ageBands: ['8_11', '12_15', '16_18'],
    startsAt: londonToUtc(day, '16:00'),
    endsAt: londonToUtc(day, '18:00'),
    venueKind: 'in_person',
    venueName: 'Riverside Youth Centre',
    groundRules: ['respect', 'ok_not_to_answer', 'ok_to_leave'],
    contactName: 'Jess Patel',
    contactEmail: 'participation@riverside.example',
  });
  await setActivityStatus(db, areaId, leadId, activity.id, 'open');
  return activity.id;
}

/** People signing up by name (young people's first names; an address only where a parent carer gave one). */
async function signUps(db: Db, areaId: string, activityId: string, key: string, people: ReadonlyArray<{ name: string; email?: string; accountId?: string }>, now: Date): Promise<void> {
  for (const [i, p] of people.entries()) {
    await signUp(db, areaId, activityId, { name: p.name, email: p.email ?? '', phone: '', people: 1, adjustments: [], details: '', idempotencyKey: `demo-${key}-${i}`, accountId: p.accountId ?? null }, new Date(now.getTime() - 40 * DAY));
  }
}

export async function seedDemoRecognition(db: Db, areaId: string, areaSlug: string, baseUrl: string, people: RecognitionSeedPeople, now = new Date()): Promise<{ youngPersonId: string; youngAccountId: string }> {
  const lead = people.leadId;
  const youthVoice = people.organisationIds.get('Riverside Youth Voice') ?? null;

  // ── A young person with their own sign-in (no email address) ────────────────────────────────
  const jaden = await createYoungPerson(db, areaId, lead, { displayName: DEMO_YOUNG_NAME, ageBand: '8_11' });
  await setDemoYoungCode(db, areaId, jaden.youngPersonId, youngCodeHash(parseMemberCode(DEMO_YOUNG_CODE)!));
  await setPictures(db, areaId, lead, jaden.youngPersonId, DEMO_PICTURES);
  // Lou (the demo parent carer) is Jaden's parent carer: under 13, so Lou sees Jaden's pages.
  await linkGuardian(db, areaId, lead, jaden.youngPersonId, 'parent@riverside.example');

  // ── The youth forum: everyone who came thanked, and a voucher each from the forum's budget ─────
  const forumId = await pastEvent(db, areaId, lead, youthVoice, 'Youth forum: end of term meeting', 'The youth forum met to look back at the term: what we asked for, what changed, and what to do next.', 20, now);
  await signUps(db, areaId, forumId, 'forum', [
    { name: DEMO_YOUNG_NAME, accountId: jaden.accountId },
    { name: 'Maya' },
    { name: 'Tyler', email: 'tyler.family@example.com' },
    { name: 'Ruby' },
    { name: 'Kofi', email: 'kofi.family@example.com' },
  ], now);
  // Everyone came but Kofi.
  const signedUp = await attendanceOf(db, areaId, forumId);
  await recordAttendance(db, areaId, lead, forumId, signedUp.filter((p) => p.name !== 'Kofi').map((p) => p.person));
  await sendThanks(db, areaId, lead, forumId, {
    message: 'Thank you for coming to the youth forum. You told us what went well this term and what to do next. We will use your ideas to plan next term.',
    symbol: '1F64F',
  });
  const budgetId = await createBudget(db, areaId, lead, { name: 'Youth forum vouchers 2026–27', organisationId: youthVoice, amountPence: 30_000 });
  await createRule(db, areaId, lead, { earnedBy: 'attended', kind: 'voucher', valuePence: 1_000, voucherType: 'High street voucher', budgetId });
  const proposed = await proposeRewards(db, areaId, lead, forumId);
  await approveRewards(db, areaId, lead, proposed);
  for (const [i, rewardId] of proposed.entries()) {
    await issueReward(db, areaId, lead, rewardId, { voucherCode: `DEMO-${4821 + i * 37}-RVS` });
    if (i < 2) await markReceived(db, areaId, lead, rewardId);
  }
  await recordNameConsent(db, areaId, lead, { accountId: jaden.accountId }, { name: DEMO_YOUNG_NAME, givenBy: 'parent_carer' });
  await makeCertificate(db, areaId, lead, { accountId: jaden.accountId }, {
    title: 'Thank you for being part of the youth forum',
    whatTheyDid: 'Came to the youth forum and told us what went well this term and what to do next. Your ideas are helping us plan next term.',
    minutes: 90,
    activityId: forumId,
  });

  // ── An event whose thanks are overdue: the planning group met five weeks ago, nobody thanked yet ──
  const planningId = await pastEvent(db, areaId, lead, youthVoice, 'Summer fun day: planning group', 'Help us plan the summer fun day: the games, the food and the quiet tent.', 35, now);
  await signUps(db, areaId, planningId, 'planning', [{ name: 'Aisha' }, { name: 'Ben', email: 'ben.family@example.com' }, { name: 'Chloe' }, { name: 'Dev' }], now);
  await recordAttendance(db, areaId, lead, planningId, (await attendanceOf(db, areaId, planningId)).map((p) => p.person));

  // ── Jaden's "All about me", shared with Tom (a practitioner), and My views for their review ─────
  const item = (text: string, symbol: string | null = null) => ({ text, symbol, photoId: null });
  const profileId = await saveProfile(db, areaId, jaden.accountId, jaden.youngPersonId, {
    likes: [item('I am funny and I know lots about trains.', '1F682'), item('I am kind to my little sister.', '1F917')],
    important: [item('My dog Biscuit.', '1F415'), item('Knowing what is happening next.', '1F4C5')],
    support: [item('Tell me before things change.', '1F552'), item('Give me time to answer. Do not rush me.', '23F3'), item('Use pictures with words.', '1F5BC')],
    communicate: [item('I use symbols on my tablet when I am tired.', '1F4F1'), item('I nod for yes.', '1F44D')],
    dislikes: [item('Loud hand dryers.', '1F50A'), item('Being touched without asking.', '270B')],
  }, 0);
  await shareProfile(db, areaId, jaden.accountId, profileId, { email: 'practitioner@riverside.example', roleWords: 'My speech and language therapist' }, { base: `${baseUrl}/a/${areaSlug}` });
  await createMyViews(db, areaId, people.parentId, jaden.youngPersonId, 'Annual review, March 2027', {
    working: [item('My teaching assistant Mrs Khan helps me in maths.', '1F9EE'), item('The quiet room at lunch.', '1F92B')],
    not_working: [item('The bus is too loud in the morning.', '1F68C')],
    future: [item('I want to work with trains.', '1F682')],
    know: [item('I am happier when I know the plan for the day.', '1F4C5')],
  });

  // ── Choosing a volunteer: Jaden chose Sam, met him, said it went well; the match is confirmed ────
  const recent = new Date(now.getTime() - 200 * DAY).toISOString().slice(0, 10);
  const sam = await createVolunteer(db, areaId, lead, { kind: 'volunteer', displayName: 'Sam', organisationId: youthVoice, about: 'Sam is calm and patient. He plays football every Saturday and learnt Makaton for his brother.', interests: ['football', 'trains', 'park'], skills: ['makaton', 'autism_aware'], traits: ['calm', 'patient', 'sporty'], availability: 'Saturday mornings', dbsCheckedOn: recent, active: true });
  await createVolunteer(db, areaId, lead, { kind: 'volunteer', displayName: 'Priya', organisationId: youthVoice, about: 'Priya loves art and music, and is always laughing.', interests: ['art', 'music', 'dancing'], skills: ['bsl'], traits: ['funny', 'chatty', 'kind'], availability: 'After school on Tuesdays', dbsCheckedOn: recent, active: true });
  await createVolunteer(db, areaId, lead, { kind: 'support_worker', displayName: 'Owen', organisationId: youthVoice, about: 'Owen likes swimming and computer games.', interests: ['swimming', 'computer_games'], skills: ['pecs'], traits: ['quiet', 'kind'], availability: 'Weekends', dbsCheckedOn: null, active: true });
  await saveWishes(db, areaId, jaden.accountId, jaden.youngPersonId, { wishes: ['football', 'trains', 'calm', 'makaton'], words: 'Someone who does not shout.' });
  const introductionId = await chooseToMeet(db, areaId, jaden.accountId, jaden.youngPersonId, sam, now);
  // Jaden chose Sam two and a half weeks ago; they met at the park on a Saturday morning.
  await backdateIntroductionChosen(db, areaId, introductionId, new Date(now.getTime() - 17 * DAY));
  const metOn = londonToUtc(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(now.getTime() - 9 * DAY)), '10:30');
  await arrangeMeeting(db, areaId, lead, introductionId, metOn);
  await recordMet(db, areaId, lead, introductionId, metOn);
  await sayHowItWent(db, areaId, jaden.accountId, jaden.youngPersonId, introductionId, { feeling: 5, words: 'Sam knew about steam trains. We kicked a ball in the park.', carryOn: 'yes' });
  await confirmMatch(db, areaId, lead, introductionId);

  return { youngPersonId: jaden.youngPersonId, youngAccountId: jaden.accountId };
}
