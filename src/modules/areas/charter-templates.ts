/**
 * Co-production charter templates, encoded as data with their sources (shared/domain/FRAMEWORKS.md).
 * An area starts from one and then edits every word, so wording we could not verify is never fixed.
 *
 * status: 'verified'   — checked against the cited source (paraphrased);
 *         'partly'     — only part, or only a secondary source;
 *         'unverified' — not checked against a source: the area should check it before relying on it;
 *         'ours'       — written by the Chorus project as a starting point, not from a published charter.
 * Easy-read wording and symbols are always ours.
 */
export type SourceStatus = 'verified' | 'partly' | 'unverified' | 'ours';

export type CharterTemplate = {
  key: string;
  name: string;
  summary: string;
  source: { citation: string; url?: string; status: SourceStatus; note?: string };
  title: string;
  introduction: string;
  easyReadIntroduction: string;
  principles: Array<{
    title: string;
    description: string;
    easyRead: string;
    /** OpenMoji hexcode (CC BY-SA 4.0). */
    symbol: string;
    commitments: Array<{ party: 'everyone' | 'organisations' | 'forum'; text: string }>;
  }>;
};

export const CHARTER_TEMPLATES: readonly CharterTemplate[] = [
  {
    key: 'four_cornerstones',
    name: 'The Four Cornerstones (Genuine Partnerships)',
    summary: 'Welcome and care, value and include, communicate, work in partnership. Co-developed in Rotherham by the council and the parent carers forum; adopted in 2016 by the National Alliance for Partnership Working as a national common language for co-production.',
    source: {
      citation: 'Genuine Partnerships (formerly the Rotherham Charter), "The charter explained": the four cornerstones and their commitments, paraphrased. Devon\'s SEND strategy 2024–27 uses a longer list.',
      url: 'http://rotherhamcharter.co.uk/parents-and-carers/charter-explained/',
      status: 'verified',
      note: 'The commitments are paraphrased, not quoted. The Charter Promise scoring scale is not included: it was not available to check.',
    },
    title: 'Our co-production charter: the Four Cornerstones',
    introduction: 'This charter sets out how everyone in our SEND partnership works with children and young people and their families. It is built on the Four Cornerstones of Genuine Partnerships.',
    easyReadIntroduction: 'These are our promises. They say how we will work with you and your family.',
    principles: [
      {
        title: 'Welcome and care',
        description: 'Families are welcomed, listened to and cared for.',
        easyRead: 'We will make you feel welcome. We will listen to you.',
        symbol: '1F917',
        commitments: [
          { party: 'everyone', text: 'The family\'s voice is heard and valued.' },
          { party: 'everyone', text: 'We provide a happy, secure environment.' },
          { party: 'everyone', text: 'Strengths and achievements are celebrated.' },
        ],
      },
      {
        title: 'Value and include',
        description: 'Families are valued as experts in their own lives and included in decisions.',
        easyRead: 'You know your life best. We will ask you before we decide things.',
        symbol: '1F9E9',
        commitments: [
          { party: 'everyone', text: 'We take a "can do" approach.' },
          { party: 'everyone', text: 'Families are involved in decision-making.' },
          { party: 'everyone', text: 'We respond creatively and flexibly to individual needs and changing circumstances.' },
          { party: 'everyone', text: 'Needs are identified early, and involvement is welcomed at every stage.' },
        ],
      },
      {
        title: 'Communicate',
        description: 'We communicate openly, in good time, in ways people understand.',
        easyRead: 'We will tell you things in a way you understand. We will answer you quickly.',
        symbol: '1F4AC',
        commitments: [
          { party: 'everyone', text: 'We make time to listen calmly and respectfully.' },
          { party: 'everyone', text: 'We respond promptly, follow up and review regularly.' },
          { party: 'everyone', text: 'We give all the information needed, in good time and in a form people understand.' },
          { party: 'everyone', text: 'We use positive, constructive language.' },
        ],
      },
      {
        title: 'Work in partnership',
        description: 'Families and professionals work together as genuine partners.',
        easyRead: 'We will work with you as a team.',
        symbol: '1F91D',
        commitments: [
          { party: 'everyone', text: 'Contributions are valued as those of genuine partners.' },
          { party: 'everyone', text: 'We work together so that each child reaches their potential.' },
          { party: 'everyone', text: 'Participation is encouraged.' },
          { party: 'everyone', text: 'Families are asked to help the organisation improve.' },
        ],
      },
    ],
  },
  {
    key: 'five_principles',
    name: 'Five principles: trust, shared understanding, equal partnership, creative thinking, communication',
    summary: 'A charter used by some local areas, built on five principles.',
    source: {
      citation: 'Principle names as given in the Chorus brief for local charters. The descriptions are ours.',
      status: 'unverified',
      note: 'We could not check which published charter these five principles come from, or its wording. Check and edit every word before you adopt it.',
    },
    title: 'Our co-production charter',
    introduction: 'This charter sets out five principles for how our partnership works with children and young people with SEND and their families.',
    easyReadIntroduction: 'We have 5 promises about how we work with you.',
    principles: [
      {
        title: 'Trust',
        description: 'We are honest and reliable, and we do what we say we will do.',
        easyRead: 'We will be honest. We will do what we say.',
        symbol: '1F6E1',
        commitments: [{ party: 'everyone', text: 'We do what we say we will do, and tell you if we cannot.' }],
      },
      {
        title: 'Shared understanding',
        description: 'We take time to understand each other\'s experience and explain things clearly.',
        easyRead: 'We will try to understand you. We will explain things clearly.',
        symbol: '1F4A1',
        commitments: [{ party: 'everyone', text: 'We explain words and ideas so that everyone can take part.' }],
      },
      {
        title: 'Equal partnership',
        description: 'Everyone\'s knowledge counts, and decisions are shared.',
        easyRead: 'What you know matters. We decide things together.',
        symbol: '1F91D',
        commitments: [{ party: 'everyone', text: 'Children, young people and families are equal partners in decisions.' }],
      },
      {
        title: 'Creative thinking',
        description: 'We try new ways of doing things so that everyone can take part.',
        easyRead: 'We will find new ways so everyone can join in.',
        symbol: '1F3A8',
        commitments: [{ party: 'everyone', text: 'We offer different ways to take part: symbols, drawing, talking, writing.' }],
      },
      {
        title: 'Communication',
        description: 'We keep people informed and tell them what happened because of their views.',
        easyRead: 'We will tell you what happened because of what you said.',
        symbol: '1F4E3',
        commitments: [{ party: 'everyone', text: 'We tell everyone who took part what we did with their views: "you said, we did".' }],
      },
    ],
  },
  {
    key: 'lundy_promises',
    name: 'Lundy model promises: space, voice, audience, influence',
    summary: 'Four promises built on the Lundy model of child participation (2007), which puts Article 12 of the UN Convention on the Rights of the Child into practice.',
    source: {
      citation: 'Lundy, L. (2007) "\'Voice\' is not enough: conceptualising Article 12 of the United Nations Convention on the Rights of the Child". The four elements are verified; the promises are our wording.',
      url: 'http://www.childfriendlygovernance.org/blog/laura-lundy',
      status: 'partly',
      note: 'The elements and their order are verified. The wording of each promise is ours, not Lundy\'s.',
    },
    title: 'Our promises to children and young people',
    introduction: 'These promises follow the Lundy model of participation: children and young people need space to give their views, support to give them, an audience that can act, and to see the influence their views had.',
    easyReadIntroduction: 'We have 4 promises. They are about how we listen to you and what we do next.',
    principles: [
      {
        title: 'Space',
        description: 'Children and young people have a safe, inclusive chance to form and give their views, early enough to make a difference.',
        easyRead: 'You will have a safe place to share your ideas.',
        symbol: '1F3E0',
        commitments: [
          { party: 'organisations', text: 'We ask for views early, while things can still change.' },
          { party: 'organisations', text: 'We make sure everyone affected can take part, whatever their needs.' },
        ],
      },
      {
        title: 'Voice',
        description: 'Children and young people get the information and support they need, and a choice of ways to say what they think.',
        easyRead: 'You can tell us in the way that works for you: talking, symbols, drawing or writing.',
        symbol: '1F5E3',
        commitments: [
          { party: 'organisations', text: 'We give information in ways people understand, including easy read and symbols.' },
          { party: 'organisations', text: 'We make it clear that taking part is a choice.' },
        ],
      },
      {
        title: 'Audience',
        description: 'Views are heard by people with the responsibility and power to act on them.',
        easyRead: 'The people who make decisions will listen to you.',
        symbol: '1F442',
        commitments: [
          { party: 'organisations', text: 'We say who will hear these views and make the decision.' },
          { party: 'organisations', text: 'Decision makers hear views directly, not only in a summary.' },
        ],
      },
      {
        title: 'Influence',
        description: 'Views are acted on as appropriate, and children and young people are told what happened and why.',
        easyRead: 'We will tell you what we did because of what you said. If we cannot do it, we will tell you why.',
        symbol: '2714',
        commitments: [
          { party: 'organisations', text: 'We tell everyone who took part what happened because of their views, and why.' },
        ],
      },
    ],
  },
  {
    key: 'parent_carer_forum',
    name: 'Parent carer forum charter: commitments from organisations and from the forum',
    summary: 'A two-sided charter between the partnership\'s organisations and the parent carer forum, built on the four stages of participation used by parent carer forums (information, consultation, participation, co-production).',
    source: {
      citation: 'NNPCF four stages of participation (as quoted by parent carer forums) and the NNPCF definition of co-production. The commitments are ours.',
      url: 'https://www.contact.org.uk/get-involved/parent-carer-participation/',
      status: 'ours',
      note: 'The four stages are verified. Each commitment is a starting point written by the Chorus project, for the area and forum to agree together.',
    },
    title: 'Working together: our charter with the parent carer forum',
    introduction: 'Co-production is an equal and reciprocal partnership in which everyone\'s experience, knowledge and skills are used to create better outcomes. This charter sets out what our organisations and our parent carer forum each commit to.',
    easyReadIntroduction: 'This is how we will work with parent carers. It says what we promise, and what the forum promises.',
    principles: [
      {
        title: 'Information',
        description: 'Parent carers are well informed: this is the foundation for everything else.',
        easyRead: 'We will tell parent carers what is happening.',
        symbol: '1F4E2',
        commitments: [
          { party: 'organisations', text: 'We share plans and information with the forum early and in plain English.' },
          { party: 'forum', text: 'We share information with the families we reach.' },
        ],
      },
      {
        title: 'Consultation',
        description: 'Professionals ask parent carers for their views on new and existing services and take them into account.',
        easyRead: 'We will ask parent carers what they think.',
        symbol: '1F64B',
        commitments: [
          { party: 'organisations', text: 'We give enough time to respond, and we say how views will be used.' },
          { party: 'forum', text: 'We gather views from a wide range of families, not only our own.' },
        ],
      },
      {
        title: 'Participation',
        description: 'Parent carers are involved in planning services and in making decisions.',
        easyRead: 'Parent carers will help plan services.',
        symbol: '1F465',
        commitments: [
          { party: 'organisations', text: 'We invite forum representatives to the boards where decisions are made.' },
          { party: 'forum', text: 'We bring the lived experience of families to those boards.' },
        ],
      },
      {
        title: 'Co-production',
        description: 'Parent carers and professionals work together from the start: plan, design, develop, deliver and review.',
        easyRead: 'We will plan, make and check services together, from the start.',
        symbol: '1F91D',
        commitments: [
          { party: 'organisations', text: 'We work with the forum from the start, not after decisions are made.' },
          { party: 'organisations', text: 'We tell families what changed because of their views: "you said, we did".' },
          { party: 'forum', text: 'We work as a constructive, critical friend.' },
        ],
      },
    ],
  },
];

export function findTemplate(key: string): CharterTemplate | undefined {
  return CHARTER_TEMPLATES.find((template) => template.key === key);
}
