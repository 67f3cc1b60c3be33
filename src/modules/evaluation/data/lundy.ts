/**
 * The Lundy model of child participation (issue 13 §2) as data: its four elements and two checklists
 * an area can choose from, each item with its source and how sure we are of its wording
 * (shared/domain/FRAMEWORKS.md §3).
 *
 * status: 'verified'   — checked against the cited source (paraphrased, not quoted);
 *         'unverified' — from memory of the source, NOT checked: every page shows it as "not yet
 *                        checked against the source", and the area can change its words;
 *         'ours'       — written by the Chorus project where no source was available, and labelled so.
 *
 * `proposer` names the rule (lundy.proposals.ts) Chorus uses to propose an answer from its own records;
 * null where Chorus holds no record that could answer the question (a person answers it alone).
 * Item ids are stable: answers are stored against them, so wording can change without losing answers.
 */

export const LUNDY_ELEMENTS = ['space', 'voice', 'audience', 'influence'] as const;
export type LundyElement = (typeof LUNDY_ELEMENTS)[number];

export type SourceStatus = 'verified' | 'unverified' | 'ours';

/** The rules that propose an answer from Chorus' records (see lundy.proposals.ts). */
export const PROPOSERS = [
  'space_early',
  'space_safe',
  'space_inclusive',
  'space_venue',
  'space_ways',
  'space_communication',
  'voice_information',
  'voice_optional',
  'voice_formats',
  'voice_time',
  'audience_process',
  'audience_told_who',
  'audience_power',
  'influence_considered',
  'influence_procedures',
  'influence_feedback',
  'influence_changed',
] as const;
export type Proposer = (typeof PROPOSERS)[number];

export type Source = { citation: string; url: string };

export type LundyItem = {
  id: string;
  element: LundyElement;
  wording: string;
  status: SourceStatus;
  proposer: Proposer | null;
};

export type LundyTemplate = {
  id: LundyTemplateId;
  name: string;
  summary: string;
  sources: readonly Source[];
  /** What is and is not checked, in a sentence, for the settings page. */
  note: string;
  items: readonly LundyItem[];
};

export const LUNDY_TEMPLATE_IDS = ['lundy_2015', 'norfolk'] as const;
export type LundyTemplateId = (typeof LUNDY_TEMPLATE_IDS)[number];

/** Where the model itself comes from (shown on every Lundy page). */
export const LUNDY_MODEL_SOURCES: readonly Source[] = [
  { citation: 'Lundy, L. (2007) \u2018\u201cVoice\u201d is not enough: conceptualising Article 12 of the United Nations Convention on the Rights of the Child\u2019, British Educational Research Journal 33(6) (journal details not yet checked).', url: 'http://www.childfriendlygovernance.org/blog/laura-lundy' },
  { citation: 'Hub na n\u00d3g: Participation Framework checklists and evaluation forms (DCEDIY, 2021).', url: 'https://hubnanog.ie/resources/participation-framework-checklists-and-evaluation-forms/' },
];

const item = (id: string, element: LundyElement, wording: string, status: SourceStatus, proposer: Proposer | null): LundyItem => ({ id, element, wording, status, proposer });

export const LUNDY_TEMPLATES: readonly LundyTemplate[] = [
  {
    id: 'lundy_2015',
    name: 'Lundy checklist (Irish national strategy, 2015)',
    summary: 'Three questions for each of space, voice, audience and influence, from the checklist in Ireland\u2019s National Strategy on Children and Young People\u2019s Participation in Decision-making 2015\u20132020, the first government use of the Lundy model.',
    sources: [
      { citation: 'Department of Children and Youth Affairs (2015) National Strategy on Children and Young People\u2019s Participation in Decision-making 2015\u20132020, the Lundy model checklist.', url: 'https://readkong.com/page/national-strategy-on-childrenand-young-people-s-2658918' },
      { citation: 'CBSS Safe Kids: the Lundy model (the three Space questions).', url: 'https://cbss.org/securekids/the%20lundy%20model' },
    ],
    note: 'The three Space questions were checked against a source. The nine others were written from memory of the 2015 checklist and have not yet been checked: change their words to match the strategy if they differ.',
    items: [
      item('lundy.space.q1', 'space', 'Were children and young people\u2019s views sought as early as possible?', 'verified', 'space_early'),
      item('lundy.space.q2', 'space', 'Is there a safe space where they can express themselves freely?', 'verified', 'space_safe'),
      item('lundy.space.q3', 'space', 'Have steps been taken so that all the children and young people affected can take part: is the space inclusive?', 'verified', 'space_inclusive'),
      item('lundy.voice.q1', 'voice', 'Have children and young people had the information they need to form a view?', 'unverified', 'voice_information'),
      item('lundy.voice.q2', 'voice', 'Do children and young people know that they do not have to take part?', 'unverified', 'voice_optional'),
      item('lundy.voice.q3', 'voice', 'Have children and young people been offered a range of ways to express themselves?', 'unverified', 'voice_formats'),
      item('lundy.audience.q1', 'audience', 'Is there a process for passing on children and young people\u2019s views?', 'unverified', 'audience_process'),
      item('lundy.audience.q2', 'audience', 'Do children and young people know to whom their views are being communicated?', 'unverified', 'audience_told_who'),
      item('lundy.audience.q3', 'audience', 'Does that person or body have the power to make decisions?', 'unverified', 'audience_power'),
      item('lundy.influence.q1', 'influence', 'Were the views considered by those able to make change?', 'unverified', 'influence_considered'),
      item('lundy.influence.q2', 'influence', 'Are there procedures to make sure the views are taken seriously?', 'unverified', 'influence_procedures'),
      item('lundy.influence.q3', 'influence', 'Have children and young people been given feedback explaining the reasons for the decisions taken?', 'unverified', 'influence_feedback'),
    ],
  },
  {
    id: 'norfolk',
    name: 'Norfolk\u2019s Lundy model for children, young people and families',
    summary: 'Norfolk County Council\u2019s adaptation of the Lundy model, written for families as well as children and young people.',
    sources: [{ citation: 'Norfolk County Council: The Lundy Model of Participation (paraphrased).', url: 'https://norfolk.gov.uk/article/41017/The-Lundy-Model-of-Participation' }],
    note: 'The Space, Voice and Audience questions were checked against Norfolk\u2019s page. Norfolk\u2019s own Influence questions could not be read, so the three Influence questions here are Chorus\u2019 own, labelled as such: replace them with Norfolk\u2019s or your own.',
    items: [
      item('norfolk.space.opportunities', 'space', 'Which opportunities to take part were offered?', 'verified', 'space_ways'),
      item('norfolk.space.venue', 'space', 'Is the venue accessible, friendly and safe?', 'verified', 'space_venue'),
      item('norfolk.space.staff', 'space', 'Are staff trained and supported to do this work?', 'verified', null),
      item('norfolk.space.asked_how', 'space', 'Were people asked how they want to be communicated with?', 'verified', 'space_communication'),
      item('norfolk.space.adapted', 'space', 'Is information adapted so that it is accessible?', 'verified', 'voice_information'),
      item('norfolk.space.backgrounds', 'space', 'Did people from a range of backgrounds get the chance to be involved?', 'verified', null),
      item('norfolk.voice.asked', 'voice', 'Were people\u2019s views actually asked for?', 'verified', 'audience_process'),
      item('norfolk.voice.creative', 'voice', 'Are creative and varied activities used?', 'verified', 'voice_formats'),
      item('norfolk.voice.information', 'voice', 'Was there enough information to form a view?', 'verified', 'voice_information'),
      item('norfolk.voice.time', 'voice', 'Was there enough time?', 'verified', 'voice_time'),
      item('norfolk.voice.heard', 'voice', 'Where have views been heard and acted on?', 'verified', 'influence_changed'),
      item('norfolk.audience.decision_makers', 'audience', 'Are the right decision-makers involved?', 'verified', 'audience_power'),
      item('norfolk.audience.power', 'audience', 'Do they have the power to decide?', 'verified', 'audience_power'),
      item('norfolk.audience.know_who', 'audience', 'Do children, young people and families know who hears their views and what happens next?', 'verified', 'audience_told_who'),
      item('norfolk.audience.process', 'audience', 'Is there an agreed, accessible process for feeding back?', 'verified', 'influence_procedures'),
      item('norfolk.audience.changed', 'audience', 'How have decision-makers changed things as a result?', 'verified', 'influence_changed'),
      item('chorus.influence.acted_on', 'influence', 'Did views change what was decided or done?', 'ours', 'influence_changed'),
      item('chorus.influence.told_why', 'influence', 'Were people told what happened and why, including when the answer was \u201cwe can\u2019t\u201d?', 'ours', 'influence_feedback'),
      item('chorus.influence.considered', 'influence', 'Did the people able to make change consider every view?', 'ours', 'influence_considered'),
    ],
  },
];

export const DEFAULT_LUNDY_TEMPLATE: LundyTemplateId = 'lundy_2015';

export function lundyTemplate(id: string): LundyTemplate {
  return LUNDY_TEMPLATES.find((t) => t.id === id) ?? LUNDY_TEMPLATES.find((t) => t.id === DEFAULT_LUNDY_TEMPLATE)!;
}

export function isLundyTemplateId(value: unknown): value is LundyTemplateId {
  return typeof value === 'string' && (LUNDY_TEMPLATE_IDS as readonly string[]).includes(value);
}

/** The answers a person can give. */
export const LUNDY_ANSWERS = ['yes', 'partly', 'no', 'not_applicable'] as const;
export type LundyAnswer = (typeof LUNDY_ANSWERS)[number];

/** How an answer counts towards a score: yes 1, partly a half, no 0; "not applicable" is left out. */
export const ANSWER_POINTS: Readonly<Record<Exclude<LundyAnswer, 'not_applicable'>, number>> = { yes: 1, partly: 0.5, no: 0 };
