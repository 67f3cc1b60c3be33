/**
 * The demo area's activities: a children's symbol survey, a parent carer survey and a workshop with
 * its planning checks, sign-ups and adjustment requests; plus realistic responses whose comments go
 * through the same redaction as real ones. Made-up people and places only.
 */
import type { Db } from '../db/database.ts';
import { hashToken } from '../lib/tokens.ts';
import { createActivity, emptyActivityDetails, setActivityStatus, type ActivityInput, type Adjustment } from '../modules/activities/activities.service.ts';
import { signUp } from '../modules/activities/signups.service.ts';
import { addTermDate } from '../modules/activities/term-dates.service.ts';
import { addQuestion, readyMadeOptions, type AnswerValue, type NewOption, type Question, type QuestionInput } from '../modules/surveys/questions.service.ts';
import { recordQuoteChoice } from '../modules/privacy/consent.service.ts';
import { getSurvey, saveAboutYou, saveAnswer, saveAnythingElse, saveSupport, startResponse, submitResponse } from '../modules/surveys/respond.service.ts';

const option = (label: string, symbol: string | null = null, easyRead = ''): NewOption => ({ label, easyRead, symbol, altText: symbol ? label : '' });
const question = (q: Partial<QuestionInput> & Pick<QuestionInput, 'type' | 'text'>): QuestionInput => ({
  easyRead: '',
  hint: '',
  required: false,
  settings: {},
  showIf: null,
  ...q,
});


export const CHILDREN_SURVEY: { activity: Omit<ActivityInput, 'organisationId'>; questions: Array<{ input: QuestionInput; options: NewOption[] }> } = {
  activity: {
    ...emptyActivityDetails(),
    title: 'Help us plan the new Saturday club',
    purpose:
      'Riverside is opening a Saturday club for children and young people with SEND in the spring. We want children to choose what happens there, when it runs and what would make it feel safe and fun.',
    easyReadPurpose: 'We are starting a new club on Saturdays. You can help choose what we do there.',
    type: 'survey',
    level: 'strategic',
    stage: 'design',
    services: ['Short breaks', 'Riverside Hub'],
    audience: 'children_young_people',
    ageBands: ['5_7', '8_11', '12_15'],
    contactName: 'Jess Patel',
    contactEmail: 'participation@riverside.example',
    adjustmentsOffered: ['symbols', 'easy_read', 'extra_time'],
    groundRules: ['ok_not_to_answer'],
    questionsShared: true,
    childrenMode: true,
  },
  questions: [
    {
      input: question({ type: 'smiley_scale', text: 'How do you feel about a new Saturday club?', easyRead: 'How do you feel about a Saturday club?', settings: { points: 3 }, required: true }),
      options: readyMadeOptions('smiley_scale', { points: 3 }),
    },
    {
      input: question({ type: 'card_sort', text: 'What would you like to do at the club?', easyRead: 'What do you like doing?', hint: 'Put each one in a pile.', settings: { allowComment: true } }),
      options: [
        option('Swimming', '1F3CA'),
        option('Cooking', '1F9D1-200D-1F373'),
        option('Music', '1F3B5'),
        option('A quiet room', '1F6CB'),
        option('Playing outside', '1F6DD'),
        option('Computer games', '1F3AE'),
        option('Art and making things', '1F3A8'),
      ],
    },
    {
      input: question({ type: 'picture_choice', text: 'When would be the best time for the club?', easyRead: 'When should the club be?' }),
      options: [option('Saturday morning', '1F305', 'Morning'), option('Saturday afternoon', '2600', 'Afternoon'), option('In the school holidays', '1F3D6', 'Holidays')],
    },
    {
      input: question({ type: 'yes_no_not_sure', text: 'Would you like a grown-up you know to come with you at first?', easyRead: 'Do you want a grown-up you know to come too?' }),
      options: readyMadeOptions('yes_no_not_sure', {}),
    },
    {
      input: question({ type: 'free_text', text: 'What would make the club a good place for you?', easyRead: 'What would make the club good for you?', settings: { maxLength: 1000 } }),
      options: [],
    },
  ],
};

export const PARENT_SURVEY: typeof CHILDREN_SURVEY = {
  activity: {
    ...emptyActivityDetails(),
    title: 'Short breaks: what works for your family?',
    purpose:
      'Short breaks give disabled children and young people time to enjoy themselves and give families a rest. The council is reviewing short breaks for next year and wants parent carers to say what works, what does not, and what should change.',
    easyReadPurpose: '',
    type: 'survey',
    level: 'strategic',
    stage: 'review',
    services: ['Short breaks', 'Local Offer'],
    audience: 'parent_carers',
    contactName: 'Jess Patel',
    contactEmail: 'participation@riverside.example',
    adjustmentsOffered: ['easy_read', 'interpreter'],
    interpreterLanguages: 'Polish, Urdu, Romanian',
    groundRules: ['ok_not_to_answer', 'confidentiality'],
    questionsShared: true,
  },
  questions: [
    {
      input: question({ type: 'single_choice', text: 'Which age group is your child in?', hint: 'If you have more than one child with SEND, answer for the one who uses short breaks most.' }),
      options: [option('0 to 4'), option('5 to 10'), option('11 to 15'), option('16 to 25')],
    },
    {
      input: question({ type: 'multiple_choice', text: 'Which short breaks has your family used in the last year?', hint: 'Select all that apply.' }),
      options: [option('After-school clubs'), option('Holiday play schemes'), option('Overnight short breaks'), option('A direct payment for a personal assistant'), option('Family-based short breaks'), option('None of these')],
    },
    {
      input: question({ type: 'rating', text: 'How easy was it to find out about short breaks?', hint: '1 is very hard, 5 is very easy.', settings: { maxRating: 5 }, required: true }),
      options: [],
    },
    {
      input: question({ type: 'ranking', text: 'What matters most to you in a short break?', hint: 'Put them in order: 1 is the most important.' }),
      options: [option('Staff who know my child'), option('Close to home'), option('Available in the school holidays'), option('Affordable'), option('Transport provided')],
    },
    {
      input: question({ type: 'number', text: 'About how many hours of short breaks does your family get in a typical month?', settings: { min: 0, max: 300 } }),
      options: [],
    },
    {
      input: question({ type: 'free_text', text: 'What one thing would make short breaks better for your family?', settings: { maxLength: 2000 } }),
      options: [],
    },
  ],
};

/** What children said: some comments carry names, schools or numbers, which redaction removes. */
export const CHILDREN_COMMENTS = [
  'i want a quiet room with beanbags and no loud bell',
  'Swimming every week please!!',
  'my friend Amara should come too she is in my class at Oakfield Primary',
  'not too many people. i get scared when its busy',
  'pizza making',
  'can my big brother Tyler help',
  'lego and minecraft',
  'music but not too loud, and ear defenders for everyone',
  'I like when grown ups explain what happens next with pictures',
  'a trampoline',
  'Mrs Hughes from St Anne\'s School is kind she should run it',
  'going to the park and feeding ducks',
  'dont make us do sport',
  'A place to go when I am sad',
  'i want to bring my dog',
  'more than one day please',
];

export const PARENT_COMMENTS = [
  'More holiday provision. Every summer the schemes fill up in two days and there is nothing for children who need 1:1 support.',
  'Staff who actually understand autism. Our last play scheme sent my son home on day one.',
  'Transport. I work and cannot get my daughter to the Hub for 10am on a Saturday.',
  'Please stop making us fill in the same form every year. Her needs have not changed since she was born.',
  'Clear information on the Local Offer about who is eligible. I only found out about direct payments from another mum at the school gate.',
  'My son is 17 and there is nothing for his age. Clubs are full of little ones.',
  'The overnight breaks at Willow House are brilliant, please keep them. Call me on 07700 900461 if you want to hear more.',
  'A named person to talk to. I have spoken to five different people this year.',
  'Evening sessions for parents, I cannot attend anything in the day.',
  'Siblings should be able to come too, it is hard to find childcare for them.',
  'Direct payments are fine but we cannot find a personal assistant. There are none in our part of Riverside.',
  'Shorter waiting lists. We waited 14 months for an assessment.',
  'My email is lou.example@example.com if someone can explain the new eligibility rules to me.',
  'Quiet, small groups. Big halls are too much for my daughter.',
  'It would help if staff could use Makaton.',
  'Better communication between school and the short breaks team. Brookside Academy did not know he had a place.',
  'Cheaper. £15 a session adds up when you have two children with SEND.',
  'Nothing, the Saturday club has changed our lives. Thank you to Dan and the team.',
  'Information in Polish would help many families on our street.',
  'Let young people help choose the activities, they know what they like.',
];

// ── Putting it in the database ─────────────────────────────────────────────────────────────────

/** A small deterministic random source: the demo looks the same on every machine. */
export function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * A workshop three weeks ahead (planning checks mostly met, sign-ups and adjustment requests),
 * a meeting planned at short notice in school hours (so its checklist shows warnings), and the two
 * surveys, open, with responses given through the same service calls the answering pages use.
 */
export type DemoActivities = { childrenSurveyId: string; parentSurveyId: string };

export async function seedDemoActivities(db: Db, areaId: string, adminId: string, organisationIds: ReadonlyMap<string, string>, now = new Date()): Promise<DemoActivities> {
  const youthVoice = organisationIds.get('Riverside Youth Voice')!;
  const council = organisationIds.get('Riverside Council')!;
  const forum = organisationIds.get('Riverside Parent Carer Forum')!;

  // The school year the demo is seeded in, and the autumn term after it: whatever the day, the
  // workshop's date below (and the planning checks) fall inside terms the area has entered.
  const terms = demoTerms(now);
  for (const term of terms) await addTermDate(db, areaId, adminId, term);

  const children = await createActivity(db, areaId, null, { ...CHILDREN_SURVEY.activity, organisationId: youthVoice });
  const parents = await createActivity(db, areaId, null, { ...PARENT_SURVEY.activity, organisationId: council });
  for (const [activity, survey] of [[children, CHILDREN_SURVEY], [parents, PARENT_SURVEY]] as const) {
    for (const q of survey.questions) await addQuestion(db, areaId, null, activity.id, q.input, q.options);
    await setActivityStatus(db, areaId, null, activity.id, 'open');
  }

  // A Thursday three weeks or more ahead, 4:30pm to 6pm London time (after school and pick-up), in
  // term time and not a bank holiday, so its planning checklist is met as the README says.
  const day = workshopDay(now, terms);
  const at = (hours: number, minutes: number) => londonTime(day, hours, minutes);
  const workshop = await createActivity(db, areaId, null, {
    organisationId: forum,
    title: 'Design the new Local Offer website together',
    purpose:
      'The Local Offer is the website that tells families about SEND services in Riverside. Families say it is hard to find things. Come and help us design the new one: what goes on the first page, what words to use, and how to search.',
    easyReadPurpose: 'Help us make the website about SEND services easier to use.',
    type: 'workshop',
    level: 'strategic',
    stage: 'design',
    services: ['Local Offer'],
    audience: 'both',
    ageBands: ['12_15', '16_18', '19_25'],
    startsAt: at(16, 30),
    endsAt: at(18, 0),
    venueKind: 'in_person',
    venueName: 'Riverside Hub, Room 2',
    venueAddress: '1 Market Street, Riverside RV1 1AA',
    joiningInstructions: 'Come to the main entrance. Jess will meet you in the foyer from 4:15pm.',
    venueAccessRecorded: true,
    venueAccess: ['step_free', 'accessible_toilet', 'changing_places', 'quiet_room', 'parking', 'public_transport'],
    questionsShared: true,
    adjustmentsOffered: ['makaton_signer', 'bsl_interpreter', 'symbols', 'easy_read', 'breaks', 'refreshments', 'transport'],
    interpreterLanguages: '',
    groundRules: ['confidentiality', 'respect', 'ok_not_to_answer', 'ok_to_leave'],
    contactName: 'Maria Lopes',
    contactEmail: 'forum@riverside.example',
    contactPhone: '01632 960 123',
    childrenMode: false,
  });
  await setActivityStatus(db, areaId, null, workshop.id, 'open');
  const signups: Array<{ name: string; email: string; phone: string; people: number; adjustments: Adjustment[]; details: string }> = [
    { name: 'Aisha', email: 'aisha.parent@example.com', phone: '', people: 2, adjustments: ['bsl_interpreter'], details: 'My son and I both use BSL.' },
    { name: 'Kieran', email: '', phone: '07700 900 555', people: 1, adjustments: ['transport'], details: 'I use a wheelchair and need accessible transport from Northfield.' },
    { name: 'Beth', email: 'beth@example.com', phone: '', people: 3, adjustments: ['refreshments', 'breaks'], details: 'Halal snacks please. My daughter needs a break every 20 minutes.' },
    { name: 'Sol', email: 'sol@example.com', phone: '', people: 1, adjustments: [], details: '' },
  ];
  for (const [i, s] of signups.entries()) {
    await signUp(db, areaId, workshop.id, { ...s, idempotencyKey: `demo-signup-${i}`, accountId: null }, now);
  }

  // Planned in a hurry: next weekday at 10am, no venue details yet, no adjustments: the checklist warns.
  const soon = new Date(now.getTime() + 3 * 86_400_000);
  while ([0, 6].includes(soon.getUTCDay())) soon.setUTCDate(soon.getUTCDate() + 1);
  await createActivity(db, areaId, null, {
    ...CHILDREN_SURVEY.activity,
    organisationId: council,
    title: 'EHCP annual reviews: what needs to change?',
    purpose: 'A meeting with parent carers about annual reviews of Education, Health and Care plans (EHCPs): what goes well, what does not, and what the council should change first.',
    easyReadPurpose: '',
    type: 'meeting',
    audience: 'parent_carers',
    ageBands: [],
    stage: 'review',
    services: ['EHC plans', 'SEND team'],
    startsAt: londonTime(soon, 10, 0),
    endsAt: londonTime(soon, 11, 30),
    venueKind: 'hybrid',
    venueName: 'Civic Centre',
    venueAddress: '',
    questionsShared: false,
    adjustmentsOffered: [],
    groundRules: [],
    childrenMode: false,
    contactName: 'Helen Moss',
    contactEmail: 'send.team@riverside.example',
  });

  await respondToSurvey(db, areaId, children.id, 24, CHILDREN_COMMENTS, sequence(7), true);
  await respondToSurvey(db, areaId, parents.id, PARENT_RESPONSES, PARENT_COMMENTS, sequence(11), false);
  return { childrenSurveyId: children.id, parentSurveyId: parents.id };
}

/** The README promises "60 made-up responses" to the parent carer survey. */
export const PARENT_RESPONSES = 60;

type Term = { name: string; startsOn: string; endsOn: string };

/**
 * Terms like a council's: the school year that holds `now` (it starts in September) and the next
 * autumn term, so a date a few weeks ahead is always inside entered terms, even in July.
 */
export function demoTerms(now: Date): Term[] {
  const start = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return [
    { name: `Autumn term ${start}`, startsOn: `${start}-09-03`, endsOn: `${start}-12-18` },
    { name: `Spring term ${start + 1}`, startsOn: `${start + 1}-01-05`, endsOn: `${start + 1}-03-26` },
    { name: `Summer term ${start + 1}`, startsOn: `${start + 1}-04-13`, endsOn: `${start + 1}-07-22` },
    { name: `Autumn term ${start + 1}`, startsOn: `${start + 1}-09-03`, endsOn: `${start + 1}-12-18` },
  ];
}

/**
 * The first Thursday at least three weeks after `now` that is in one of these terms. Nor is it a
 * regular bank holiday: in England and Wales only Christmas, Boxing Day and New Year's Day can fall
 * on a Thursday, and those are in the Christmas holidays, outside every term here. (A one-off bank
 * holiday on a Thursday, like the 2022 Jubilee, would show as a warning on the checklist.)
 */
export function workshopDay(now: Date, terms: readonly Term[]): Date {
  const day = new Date(now.getTime() + 21 * 86_400_000);
  while (day.getUTCDay() !== 4) day.setUTCDate(day.getUTCDate() + 1);
  const iso = () => day.toISOString().slice(0, 10);
  const schoolDay = () => terms.some((t) => t.startsOn <= iso() && iso() <= t.endsOn);
  // At most a year of Thursdays: the terms above always hold one.
  for (let week = 0; week < 52 && !schoolDay(); week += 1) day.setUTCDate(day.getUTCDate() + 7);
  return day;
}

const RELATIONSHIPS = ['parent', 'teaching_assistant', 'speech_language_therapist', 'youth_worker'] as const;
const METHODS = [['symbols', 'spoken'], ['talking_mat'], ['makaton', 'symbols'], ['observation'], ['eye_gaze', 'symbols']] as const;

/** Gives `count` responses through the answering service, as people would (some with a supporter). */
export async function respondToSurvey(db: Db, areaId: string, activityId: string, count: number, comments: readonly string[], random: () => number, children: boolean, options: { from?: number } = {}): Promise<void> {
  const from = options.from ?? 0;
  for (let n = from; n < from + count; n += 1) {
    const token = `demo-${activityId}-${n}`;
    const supported = children && n % 3 === 0;
    const { id } = await startResponse(db, areaId, activityId, {
      how: supported ? 'supported' : 'own',
      accountId: null,
      idempotencyKey: `demo-${activityId.slice(0, 8)}-${n}`.padEnd(24, 'x'),
      accessTokenHash: hashToken(token),
      language: 'en',
      adjustments: n === 4 ? ['easy_read'] : [],
      adjustmentDetails: n === 4 ? 'Bigger pictures please.' : '',
      adjustmentContact: '',
    });
    let survey = await getSurvey(db, areaId, id, { token, accountId: null });
    if (supported) {
      const methods = METHODS[n % METHODS.length]!;
      await saveSupport(db, areaId, survey, { relationship: RELATIONSHIPS[n % RELATIONSHIPS.length]!, relationshipOther: '', methods: [...methods] });
    }
    for (const question of survey.questions) {
      survey = await getSurvey(db, areaId, id, { token, accountId: null });
      if (!survey.visible.some((q) => q.id === question.id)) continue;
      const value = answerFor(question, n, random, comments);
      await saveAnswer(db, areaId, survey, question, value ? { value, declined: false } : { value: null, declined: true });
    }
    survey = await getSurvey(db, areaId, id, { token, accountId: null });
    if (n % 5 === 2) await saveAnythingElse(db, areaId, survey, children ? 'Thank you for asking me.' : 'Thank you for asking. Please tell us what happens next.');
    if (n % 4 !== 3) {
      await saveAboutYou(db, areaId, survey, 'age_band', children ? (['5_7', '8_11', '12_15'] as const)[n % 3]! : null);
      await saveAboutYou(db, areaId, survey, 'need_type', (['ASD', 'SLCN', 'SEMH', 'MLD', 'SPLD', 'PD', 'dont_know'] as const)[n % 7]!);
      await saveAboutYou(db, areaId, survey, 'support_level', (['ehc_plan', 'sen_support', 'ehc_plan', 'dont_know'] as const)[n % 4]!);
      await saveAboutYou(db, areaId, survey, 'ethnicity', (['white_british', 'pakistani', 'white_british', 'african', 'other_white', 'white_black_caribbean', 'prefer_not_to_say'] as const)[n % 7]!);
    }
    const sent = await getSurvey(db, areaId, id, { token, accountId: null });
    await submitResponse(db, areaId, sent);
    // On the thank-you page most people say their words may be shared; some say no, and some skip it.
    if (n % 6 !== 5) {
      const r = sent.response;
      await recordQuoteChoice(db, areaId, { id: r.id, mode: r.mode, supporterRelationship: r.supporterRelationship, accountId: r.accountId }, n % 6 !== 4);
    }
  }
}

function answerFor(question: Question, n: number, random: () => number, comments: readonly string[]): AnswerValue | null {
  const options = question.options;
  const pick = () => options[Math.floor(random() * options.length)]!.id;
  // About one answer in twelve is "I don't want to answer this": that is an answer too.
  if (!question.required && random() < 0.08) return null;
  switch (question.type) {
    case 'single_choice':
    case 'smiley_scale':
    case 'yes_no_not_sure':
    case 'picture_choice':
      // Lean towards the first options, as real answers usually do.
      return { kind: 'option', optionId: options[Math.min(options.length - 1, Math.floor(random() * random() * options.length * 1.6))]!.id };
    case 'multiple_choice':
      return { kind: 'options', optionIds: [...new Set([pick(), pick()])] };
    case 'rating':
      return { kind: 'rating', value: 1 + Math.floor(random() * (question.settings.maxRating ?? 5)) };
    case 'number':
      return { kind: 'number', value: Math.floor(random() * 24) };
    case 'date':
      return { kind: 'date', date: '2026-10-14' };
    case 'ranking':
      return { kind: 'ranking', order: [...options].sort(() => random() - 0.5).map((o) => o.id) };
    case 'card_sort':
      return {
        kind: 'card_sort',
        piles: Object.fromEntries(options.map((o) => [o.id, (['like', 'like', 'unsure', 'dislike'] as const)[Math.floor(random() * 4)]!])),
        ...(n % 4 === 1 ? { comment: ['Swimming is the best because I feel calm in the water', 'not cooking, the kitchen is too hot and loud', 'I like music if I can choose it'][n % 3]! } : {}),
      };
    case 'free_text':
      return { kind: 'text', text: comments[n % comments.length]! };
    default:
      // A type the demo has no sample answers for is left unanswered.
      return null;
  }
}

/** hours:minutes on the given day, London time (GMT or BST), as an instant. */
export function londonTime(day: Date, hours: number, minutes: number): Date {
  const guess = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes));
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' }).format(guess);
  return new Date(guess.getTime() - (Number(shown) - hours) * 3_600_000);
}
