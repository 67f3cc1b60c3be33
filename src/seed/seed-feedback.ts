/**
 * The demo area's "you said, we did" loop, made through the same services the pages use:
 * contributions grouped into themes, responses written, one still being decided, one ready for
 * review, the others published (one "we can't, because …"); each respondent's choice of how to hear
 * back; the notices that publishing wrote, sent through the outbox; letters waiting to be printed;
 * "Do you feel listened to?" answers; and an older activity whose feedback is overdue.
 *
 * Made-up people, addresses in example.com and numbers in Ofcom's drama range only.
 */
import type { ContactChannel, Db, ListenedRating, ResponseStatus } from '../db/database.ts';
import { withArea } from '../db/db.ts';
import { createActivity, emptyActivityDetails, londonToUtc, setActivityStatus } from '../modules/activities/activities.service.ts';
import { setContactPreference } from '../modules/feedback/contacts.service.ts';
import { recordListened } from '../modules/feedback/my-views.service.ts';
import { approveResponse, markForReview, publishResponse, saveResponse } from '../modules/feedback/responses.service.ts';
import { outboxNotifier, sendPendingNotices } from '../modules/notifications/notifications.service.ts';
import { addQuestion } from '../modules/surveys/questions.service.ts';
import { assignContributions, createTheme, setQuote } from '../modules/themes/themes.service.ts';
import { agreedToQuotes } from '../modules/privacy/consent.service.ts';
import { answeredReceiptCodes, backdateClosed, backdatePublished, receiptCodeInTheme, spreadSubmissions, submittedResponses, visibleContributions } from './demo-sql.ts';
import { respondToSurvey, sequence, type DemoActivities } from './seed-activities.ts';
import { setDemoSurveyDates } from './demo-sql.ts';

const DAY = 86_400_000;

type DemoTheme = {
  title: string;
  summary: string;
  easyReadSummary: string;
  symbol: string;
  symbolAlt: string;
  /** Which comments belong: tested against the redacted text, first matching theme wins. */
  matches: RegExp;
  response: {
    status: ResponseStatus;
    reason?: string;
    whatChanged: string;
    whatChangedEasyRead: string;
    board?: string;
    role?: string;
    decidedDaysAgo?: number;
    dueInDays?: number;
    doneDaysAgo?: number;
    evidence?: string[];
  };
  /** What happens after writing: left as a draft, sent for review, or published. */
  stage: 'draft' | 'in_review' | 'published';
};

const CHILDREN_THEMES: DemoTheme[] = [
  {
    title: 'A calm, quiet place to go',
    summary: 'Many children asked for somewhere quiet at the club: a room away from noise, no loud bell, ear defenders, and fewer people at once.',
    easyReadSummary: 'You want a quiet place at the club.',
    symbol: '1F6CB',
    symbolAlt: 'A sofa',
    matches: /quiet|loud|busy|scared|sad|calm/i,
    response: {
      status: 'done',
      whatChanged:
        'We have made a quiet room at the Riverside Hub with beanbags and soft lights. Ear defenders are by the door for anyone who wants them. The club no longer uses a bell: staff use a picture card to show when it is time to change activity.',
      whatChangedEasyRead: 'There is a quiet room with beanbags. You can use ear defenders. There is no loud bell now.',
      role: 'Riverside Hub manager, with the Youth Council',
      decidedDaysAgo: 40,
      doneDaysAgo: 12,
    },
    stage: 'published',
  },
  {
    title: 'Bringing pets to the club',
    summary: 'Some children want to bring their dog to the club.',
    easyReadSummary: 'You want to bring your dog to the club.',
    symbol: '1F415',
    symbolAlt: 'A dog',
    matches: /\bdog\b/i,
    response: {
      status: 'cannot',
      reason:
        'Some children are scared of dogs and some are allergic to them, so we cannot let pets come to the club. Instead, a calm therapy dog called Biscuit will visit once a term. Nobody has to meet him.',
      whatChanged: 'A therapy dog will visit the club once a term, in a separate room, so children can choose whether to meet him.',
      whatChangedEasyRead: 'Pets can not come to the club. Some children are scared of dogs or allergic. A friendly dog will visit sometimes. You can choose to say hello or not.',
      role: 'Riverside Hub manager',
      decidedDaysAgo: 30,
      dueInDays: 60,
    },
    stage: 'published',
  },
  {
    title: 'Things to do at the club',
    summary: 'Children listed what they want to do: swimming, cooking pizza, Lego and Minecraft, a trampoline, and going to the park.',
    easyReadSummary: 'You told us what you like doing.',
    symbol: '1F3CA',
    symbolAlt: 'Someone swimming',
    matches: /swim|pizza|lego|minecraft|trampoline|duck|park|cooking/i,
    response: {
      status: 'will_do',
      whatChanged: 'The first term will have swimming every other week, a cooking session each month and a Lego and games room. We are asking the leisure centre about a trampoline session.',
      whatChangedEasyRead: 'You can go swimming. You can cook. There will be Lego and games.',
      board: 'SEND Partnership Board',
      dueInDays: 90,
    },
    stage: 'in_review',
  },
];

const PARENT_THEMES: DemoTheme[] = [
  {
    title: 'More short breaks in the school holidays',
    summary: 'Parent carers told us holiday play schemes fill up within days and there are too few places for children who need one-to-one support.',
    easyReadSummary: 'There are not enough holiday clubs.',
    symbol: '1F3D6',
    symbolAlt: 'A beach with an umbrella',
    matches: /holiday|summer/i,
    response: {
      status: 'doing',
      whatChanged:
        'We are funding 40 more holiday play scheme places with one-to-one support for summer 2027. Booking opens in March, two weeks earlier for families whose children need one-to-one support.',
      whatChangedEasyRead: 'There will be more holiday club places. More places will have a helper just for your child.',
      board: 'SEND Partnership Board',
      decidedDaysAgo: 45,
      dueInDays: 150,
      evidence: ['https://riverside.example/short-breaks/holiday-schemes'],
    },
    stage: 'published',
  },
  {
    title: 'Staff who understand autism and use Makaton',
    summary: 'Families want short breaks staff who understand autism and can sign with Makaton, after children were sent home from schemes.',
    easyReadSummary: 'Staff should understand autism and use Makaton.',
    symbol: '1F9D1-200D-1F3EB',
    symbolAlt: 'A teacher',
    matches: /autism|makaton/i,
    response: {
      status: 'will_do',
      whatChanged: 'Every short breaks worker will complete autism training and Makaton basics by September 2027. The Parent Carer Forum is helping to write the training.',
      whatChangedEasyRead: 'Staff will learn more about autism. They will learn Makaton signs.',
      board: 'SEND Partnership Board',
      decidedDaysAgo: 45,
      dueInDays: 280,
    },
    stage: 'published',
  },
  {
    title: 'Clear information about who can get short breaks',
    summary: 'Parent carers could not find out who is eligible for each short break, or found out only by word of mouth, and asked for information in other languages.',
    easyReadSummary: 'It is hard to find out about short breaks.',
    symbol: '1F4F0',
    symbolAlt: 'A newspaper',
    matches: /local offer|eligib|polish|information/i,
    response: {
      status: 'done',
      whatChanged:
        'With the Parent Carer Forum we rewrote the short breaks pages of the Local Offer (the council’s website about SEND services). Each break now says who can get it, in plain English, and the pages are in Polish, Urdu and Romanian too.',
      whatChangedEasyRead: 'The website about short breaks is easier to read now. It says who can go. It is in more languages.',
      board: 'Local Offer Steering Group',
      decidedDaysAgo: 50,
      doneDaysAgo: 20,
      evidence: ['https://riverside.example/local-offer/short-breaks'],
    },
    stage: 'published',
  },
  {
    title: 'One named person, and fewer forms',
    summary: 'Families are tired of telling their story again and again: they want one named person to talk to, shorter waits, and schools and services that share what they know.',
    easyReadSummary: 'You want one person to talk to, and fewer forms.',
    symbol: '1F91F',
    symbolAlt: 'A hand sign meaning love',
    matches: /named person|same form|five different|communication|waiting|waited/i,
    response: {
      status: 'doing',
      whatChanged:
        'Every family using short breaks now has a named key worker, with their direct phone number in the welcome letter. From April, the yearly form will be sent already filled in, so families only tell us what has changed.',
      whatChangedEasyRead: 'You will have one person to talk to. The form will be filled in for you. You only tell us what has changed.',
      board: 'SEND Partnership Board',
      decidedDaysAgo: 45,
      dueInDays: 130,
    },
    stage: 'published',
  },
  {
    title: 'Sessions for working parents and for brothers and sisters',
    summary: 'Parent carers who work cannot come to daytime sessions, and many have other children to look after.',
    easyReadSummary: 'Some parents can only come in the evening. Brothers and sisters need somewhere to go too.',
    symbol: '1F46A',
    symbolAlt: 'A family',
    matches: /evening|sibling/i,
    response: {
      status: 'will_do',
      whatChanged: 'From January the Parent Carer Forum will meet online on the second Wednesday evening of each month, and two Saturday club sessions a term will welcome brothers and sisters.',
      whatChangedEasyRead: 'There will be evening meetings online. Brothers and sisters can come to some club days.',
      role: 'Chair of the Parent Carer Forum, with the short breaks manager',
      decidedDaysAgo: 44,
      dueInDays: 45,
    },
    stage: 'published',
  },
  {
    title: 'Getting to short breaks',
    summary: 'Working parents cannot get their children to sessions at the Hub, and asked for transport.',
    easyReadSummary: 'It is hard to get to short breaks.',
    symbol: '1F68C',
    symbolAlt: 'A bus',
    matches: /transport|cannot get/i,
    response: {
      status: 'deciding',
      whatChanged: 'The transport team is costing a minibus from Northfield and Eastgate on Saturdays. The board will decide in its next meeting.',
      whatChangedEasyRead: 'We are looking at a minibus to the Hub.',
      board: 'SEND Partnership Board',
    },
    stage: 'draft',
  },
];

/** An activity that closed four months ago and was never answered: the dashboard shows it overdue. */
const COLLEGE_COMMENTS = [
  'A visit to the college before September so I know where things are.',
  'Someone to meet me on the first day.',
  'Help with the bus. I have never travelled on my own.',
  'A quiet place at lunchtime.',
  'Tell my new teachers about my EHCP before I start, not after.',
  'More information for parents about what support college gives.',
];

type Ids = { leadId: string; decisionMakerId: string; boards: ReadonlyMap<string, string>; organisationIds: ReadonlyMap<string, string> };

const dateDaysFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);

/** Seeds the loop; baseUrl goes into the links of the messages it writes. */
export async function seedDemoFeedback(db: Db, areaId: string, slug: string, baseUrl: string, activities: DemoActivities, ids: Ids, now = new Date()): Promise<void> {
  // The parents' survey was open for four weeks and closed ten weeks ago; the children's survey is
  // still open. Its answers came in over those four weeks, not all in the second it was seeded.
  await spreadSubmissions(db, areaId, activities.parentSurveyId, new Date(now.getTime() - 98 * DAY), new Date(now.getTime() - 71 * DAY));
  await setActivityStatus(db, areaId, ids.leadId, activities.parentSurveyId, 'closed');
  await backdateClosed(db, areaId, activities.parentSurveyId, new Date(now.getTime() - 70 * DAY));
  // The dates the lead set: the parents' survey ran for four weeks; the children's closes in three, at 5pm.
  await setDemoSurveyDates(db, areaId, activities.parentSurveyId, londonToUtc(dateDaysFrom(now, -98), '09:00'), londonToUtc(dateDaysFrom(now, -71), '17:00'));
  await setDemoSurveyDates(db, areaId, activities.childrenSurveyId, londonToUtc(dateDaysFrom(now, -14), '09:00'), londonToUtc(dateDaysFrom(now, 21), '17:00'));
  await seedOverdueActivity(db, areaId, ids, now);

  await chooseHowToHearBack(db, areaId, activities.childrenSurveyId, true);
  await chooseHowToHearBack(db, areaId, activities.parentSurveyId, false);

  await buildThemes(db, areaId, slug, baseUrl, activities.childrenSurveyId, CHILDREN_THEMES, ids, now);
  const parentThemes = await buildThemes(db, areaId, slug, baseUrl, activities.parentSurveyId, PARENT_THEMES, ids, now);
  // The parents heard back five weeks after their survey closed (35 days: inside the 12-week promise).
  await backdatePublished(db, areaId, parentThemes, new Date(now.getTime() - 35 * DAY));

  // What publishing wrote goes out through the outbox (the demo sends nothing for real); letters wait.
  const outbox = outboxNotifier(db);
  await sendPendingNotices(db, async () => outbox, { now, limit: 500 });

  await answerListened(db, areaId);
}

async function seedOverdueActivity(db: Db, areaId: string, ids: Ids, now: Date): Promise<void> {
  const activity = await createActivity(db, areaId, ids.leadId, {
    ...emptyActivityDetails(),
    organisationId: ids.organisationIds.get('Riverside Council') ?? null,
    title: 'Moving on to college: what helps?',
    purpose: 'Young people starting college next year, and their parent carers, told us what would make the move easier.',
    type: 'survey',
    level: 'strategic',
    stage: 'review',
    services: ['Preparing for adulthood'],
    audience: 'both',
    ageBands: ['16_18'],
    contactName: 'Helen Moss',
    contactEmail: 'send.team@riverside.example',
    questionsShared: true,
  });
  await addQuestion(db, areaId, ids.leadId, activity.id, { type: 'free_text', text: 'What would help you most when you move on to college?', easyRead: '', hint: '', required: false, settings: { maxLength: 1000 }, showIf: null }, []);
  await setActivityStatus(db, areaId, ids.leadId, activity.id, 'open');
  await respondToSurvey(db, areaId, activity.id, 6, COLLEGE_COMMENTS, sequence(13), false);
  await setActivityStatus(db, areaId, ids.leadId, activity.id, 'closed');
  await backdateClosed(db, areaId, activity.id, new Date(now.getTime() - 16 * 7 * DAY));
}

/** Everyone chooses how to hear back: supporters for supported children, then a mix of the rest. */
async function chooseHowToHearBack(db: Db, areaId: string, activityId: string, children: boolean): Promise<void> {
  const responses = await submittedResponses(db, areaId, activityId);
  const cycle: ContactChannel[] = children ? ['letter', 'none', 'letter', 'email'] : ['email', 'none', 'sms', 'letter', 'email'];
  for (const [n, response] of responses.entries()) {
    const channel: ContactChannel = response.mode === 'supported' ? 'supporter' : cycle[n % cycle.length]!;
    const address =
      channel === 'email' ? `family${n + 1}@example.com` : channel === 'supporter' ? `helper${n + 1}@example.com` : channel === 'sms' ? `+447700900${String(100 + n).padStart(3, '0')}` : '';
    await setContactPreference(db, areaId, response.id, { channel, address, format: children || n % 6 === 0 ? 'easy_read' : 'standard', language: 'en' });
  }
}

async function buildThemes(db: Db, areaId: string, slug: string, baseUrl: string, activityId: string, themes: readonly DemoTheme[], ids: Ids, now: Date): Promise<string[]> {
  const contributions = await visibleContributions(db, areaId, activityId);
  // Only the words of people who said they may be shared are ever quoted.
  const quotable = await withArea(db, areaId, (tx) => agreedToQuotes(tx, areaId, contributions.flatMap((c) => (c.response_id ? [c.response_id] : []))));
  const taken = new Set<string>();
  const themeIds: string[] = [];
  for (const theme of themes) {
    const members = contributions.filter((c) => !taken.has(c.id) && theme.matches.test(c.redacted_text));
    for (const c of members) taken.add(c.id);
    const themeId = await createTheme(db, areaId, ids.leadId, {
      title: theme.title,
      summary: theme.summary,
      easyReadSummary: theme.easyReadSummary,
      symbol: theme.symbol,
      symbolAlt: theme.symbolAlt,
    });
    themeIds.push(themeId);
    await assignContributions(db, areaId, ids.leadId, themeId, members.map((c) => c.id));
    // Two quotes, each a different comment, none still waiting for a lead to check its redaction.
    const quotes = [...new Map(members.filter((c) => !c.needs_review && c.response_id && quotable.has(c.response_id)).map((c) => [c.redacted_text, c.id])).values()].slice(0, 2);
    for (const id of quotes) await setQuote(db, areaId, ids.leadId, themeId, id, true);

    const r = theme.response;
    const saved = await saveResponse(
      db,
      areaId,
      r.board ? ids.decisionMakerId : ids.leadId,
      themeId,
      {
        status: r.status,
        reason: r.reason ?? '',
        whatChanged: r.whatChanged,
        whatChangedEasyRead: r.whatChangedEasyRead,
        decidedByBoardId: r.board ? (ids.boards.get(r.board) ?? null) : null,
        decidedByRole: r.role ?? '',
        ownerAccountId: ids.decisionMakerId,
        decidedOn: r.decidedDaysAgo === undefined ? null : dateDaysFrom(now, -r.decidedDaysAgo),
        dueOn: r.dueInDays === undefined ? null : dateDaysFrom(now, r.dueInDays),
        doneOn: r.doneDaysAgo === undefined ? null : dateDaysFrom(now, -r.doneDaysAgo),
        evidenceLinks: r.evidence ?? [],
      },
      0,
    );
    if (!saved.ok) throw new Error(`demo response for "${theme.title}" was not saved`);
    if (theme.stage === 'in_review') await markForReview(db, areaId, ids.leadId, themeId, saved.version);
    if (theme.stage === 'published') {
      // The area's publishing rule (on by default): someone other than the writer approves first.
      const approver = r.board ? ids.leadId : ids.decisionMakerId;
      await approveResponse(db, areaId, approver, themeId, { canRespond: true, expectedVersion: saved.version });
      await publishResponse(db, areaId, ids.leadId, themeId, { baseUrl, areaSlug: slug });
    }
  }
  return themeIds;
}

/** A few people who looked up their code answered "Do you feel listened to?". */
async function answerListened(db: Db, areaId: string): Promise<void> {
  const codes = await answeredReceiptCodes(db, areaId);
  const ratings: ListenedRating[] = ['yes', 'yes', 'a_bit', 'yes', 'no', 'yes', 'a_bit', 'yes'];
  for (const [n, code] of codes.entries()) await recordListened(db, areaId, code, ratings[n % ratings.length]!);
}

/**
 * A receipt code to try on "What happened to my views?": a child whose view about bringing a dog
 * got "we can't, because …", so the easy-read answer shows the reason.
 */
export function demoReceiptCode(db: Db, areaId: string): Promise<string | undefined> {
  return receiptCodeInTheme(db, areaId, 'Bringing pets to the club');
}
