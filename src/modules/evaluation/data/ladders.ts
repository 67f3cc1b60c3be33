/**
 * Ladders of participation, as data (issue 13 §1), from shared/domain/FRAMEWORKS.md §1 and §2. Every
 * meaning is a paraphrase; the source given for each rung holds the exact wording.
 *
 * status, from FRAMEWORKS.md's tags:
 *   'verified'   [V] checked against the cited source (or two independent secondary sources agree);
 *   'partly'     [P] a secondary source only, or only part of the item was seen;
 *   'unverified' [U] not checked: pages say "not yet checked against the source", and an area may
 *                copy the ladder and change the wording.
 *
 * `order` is explicit and never inferred from the position in the list or from the label: some later
 * sources swap Hart's rungs 7 and 8 (FRAMEWORKS.md §1, the "6-7-8 debate").
 *
 * `commonLevel` is Chorus' own cross-walk onto the common levels (data/common-levels.ts), a design
 * proposal (FRAMEWORKS.md §2c), NOT a published mapping: every page that shows it says so.
 * Two choices in it are ours and said on the pages:
 * - Hart's rung 6 (adult-initiated, shared decisions) sits between "involve" and "co-design" in the
 *   cross-walk. We count it as co-design, because decisions are shared with children; "involve" is
 *   influence only as far as adults allow (TLAP's "engagement").
 * - The parent carer forums' "participation" stage sits between "involve" and "co-design". We count
 *   it as involve: parent carers are involved in planning and decisions, but the stages keep
 *   "working together from the start" for co-production.
 */
import type { CommonLevel } from './common-levels.ts';

export type SourceStatus = 'verified' | 'partly' | 'unverified';

export type Source = { citation: string; url: string };

export type LadderRung = {
  /** Stable id, e.g. 'hart.tokenism' (an enum value and a stored reference). */
  id: string;
  /** 1 = the bottom rung. */
  order: number;
  name: string;
  meaning: string;
  status: SourceStatus;
  source: Source;
  commonLevel: CommonLevel;
  /** Hart's zones. */
  zone?: 'non_participation' | 'participation';
  /** TLAP: every step except coercion can have a legitimate place (Norfolk). */
  legitimate?: boolean;
  /** A local variant's rung: the stage of the ladder it is a variant of. */
  mapsTo?: string;
};

export type Ladder = {
  key: ShippedLadderKey;
  name: string;
  summary: string;
  source: Source & { status: SourceStatus };
  /** Words the source asks for when its ladder is reused (TLAP: credit TLAP and NCAG with a link). */
  credit?: string;
  /** A local variant of another shipped ladder, mapped onto its stages (rung.mapsTo). */
  variantOf?: ShippedLadderKey;
  rungs: readonly LadderRung[];
};

export const SHIPPED_LADDER_KEYS = ['hart', 'tlap', 'nnpcf', 'sunderland_pcf'] as const;
export type ShippedLadderKey = (typeof SHIPPED_LADDER_KEYS)[number];

/** The ladder an area uses until it chooses one. */
export const DEFAULT_LADDER: ShippedLadderKey = 'hart';

const HART_SOURCE: Source = {
  citation: "Hart, R. A. (1992) Children's Participation: From Tokenism to Citizenship. UNICEF International Child Development Centre (Florence), Innocenti Essays. Summarised by Organizing Engagement",
  url: 'https://organizingengagement.org/models/ladder-of-childrens-participation/',
};
const HART_LOW: Source = { citation: "The ladder of pupil participation (John Dabell, 2021), summarising Hart's rungs 1 to 3", url: 'https://johndabell.com/2021/05/15/the-ladder-of-pupil-participation' };
const HART_TOP: Source = { citation: 'Organizing Engagement, "Ladder of children\'s participation" (youth-initiated rungs); YouthREX factsheet', url: 'https://organizingengagement.org/models/ladder-of-childrens-participation/' };
const TLAP: Source = { citation: 'Think Local Act Personal (TLAP) and the National Co-production Advisory Group (NCAG), "The ladder of co-production"; order as given by Norfolk County Council', url: 'https://www.thinklocalactpersonal.org.uk/Latest/Co-production-The-ladder-of-co-production/' };
const NNPCF: Source = { citation: 'National Network of Parent Carer Forums (NNPCF): the four stages of participation, as given by Thurrock CAPA, Somerset PCF and Shropshire PACC', url: 'http://www.capathurrock.org.uk/about-us/' };
const SUNDERLAND: Source = { citation: 'Sunderland Parent Carer Forum, "Co-production"', url: 'https://sunderlandpcf.co.uk/co-production' };

export const LADDERS: readonly Ladder[] = [
  {
    key: 'hart',
    name: "Hart's ladder of children's participation",
    summary: 'Eight rungs, from manipulation to decisions children start and share with adults. Rungs 1 to 3 are not participation. Hart said the ladder is a tool to question practice, not a set of steps every activity must climb.',
    source: { ...HART_SOURCE, status: 'verified' },
    rungs: [
      { id: 'hart.manipulation', order: 1, zone: 'non_participation', name: 'Manipulation', meaning: 'Adults use children to back a cause the children do not understand.', status: 'verified', source: HART_LOW, commonLevel: 'none' },
      { id: 'hart.decoration', order: 2, zone: 'non_participation', name: 'Decoration', meaning: 'Children are there to show off a cause (performing, in photos), with no say in how it is organised.', status: 'verified', source: HART_LOW, commonLevel: 'none' },
      { id: 'hart.tokenism', order: 3, zone: 'non_participation', name: 'Tokenism', meaning: 'Children seem to have a voice, but have little or no choice about the subject or how to take part.', status: 'verified', source: HART_LOW, commonLevel: 'none' },
      { id: 'hart.assigned_informed', order: 4, zone: 'participation', name: 'Assigned but informed', meaning: 'Adults start and run it. Children understand what it is for and who decided, and have a real role.', status: 'partly', source: HART_SOURCE, commonLevel: 'inform' },
      { id: 'hart.consulted_informed', order: 5, zone: 'participation', name: 'Consulted and informed', meaning: 'Adults design and run it. Children are asked, understand the process, and their views are taken seriously.', status: 'unverified', source: HART_SOURCE, commonLevel: 'consult' },
      { id: 'hart.adult_initiated_shared', order: 6, zone: 'participation', name: 'Adult-initiated, shared decisions with children', meaning: 'Adults start it, but decisions are shared with children.', status: 'unverified', source: HART_SOURCE, commonLevel: 'co_design' },
      { id: 'hart.child_initiated_directed', order: 7, zone: 'participation', name: 'Child-initiated and directed', meaning: 'Children have the idea and run it; adults support them.', status: 'verified', source: HART_TOP, commonLevel: 'co_produce' },
      { id: 'hart.child_initiated_shared', order: 8, zone: 'participation', name: 'Child-initiated, shared decisions with adults', meaning: 'Children start it and share decisions with adults as partners.', status: 'verified', source: HART_TOP, commonLevel: 'co_produce' },
    ],
  },
  {
    key: 'tlap',
    name: 'The ladder of co-production (TLAP)',
    summary: 'Seven steps, from coercion to co-production, for health and social care. Every step except coercion can have its place.',
    source: { ...TLAP, status: 'verified' },
    credit: 'The ladder of co-production was developed by Think Local Act Personal (TLAP) and its National Co-production Advisory Group (NCAG).',
    rungs: [
      { id: 'tlap.coercion', order: 1, legitimate: false, name: 'Coercion', meaning: 'People attend as passive recipients; their views are not taken into account.', status: 'verified', source: TLAP, commonLevel: 'none' },
      { id: 'tlap.educating', order: 2, legitimate: true, name: 'Educating', meaning: 'Providers help people understand how services are designed and delivered, and nothing more.', status: 'verified', source: TLAP, commonLevel: 'inform' },
      { id: 'tlap.informing', order: 3, legitimate: true, name: 'Informing', meaning: 'Providers tell people about services and how they work, perhaps including decisions already made and why.', status: 'verified', source: TLAP, commonLevel: 'inform' },
      { id: 'tlap.consultation', order: 4, legitimate: true, name: 'Consultation', meaning: 'People fill in surveys or come to meetings. It can be tokenistic if they have no power to change things.', status: 'verified', source: TLAP, commonLevel: 'consult' },
      { id: 'tlap.engagement', order: 5, legitimate: true, name: 'Engagement', meaning: 'More chances to give views and some influence, but only as far as providers allow.', status: 'verified', source: TLAP, commonLevel: 'involve' },
      { id: 'tlap.co_design', order: 6, legitimate: true, name: 'Co-design', meaning: 'People help design services from their experience and ideas, with real influence, but do not see it through to delivery.', status: 'verified', source: TLAP, commonLevel: 'co_design' },
      { id: 'tlap.co_production', order: 7, legitimate: true, name: 'Co-production', meaning: 'An equal relationship from design to delivery, sharing strategic decisions about policy and services.', status: 'verified', source: TLAP, commonLevel: 'co_produce' },
    ],
  },
  {
    key: 'nnpcf',
    name: "Parent carer forums' stages of participation (NNPCF)",
    summary: 'Four stages, from information to co-production, used by parent carer forums across England.',
    source: { ...NNPCF, status: 'verified' },
    rungs: [
      { id: 'nnpcf.information', order: 1, name: 'Information', meaning: 'Parent carers are well informed: the foundation for everything else.', status: 'verified', source: NNPCF, commonLevel: 'inform' },
      { id: 'nnpcf.consultation', order: 2, name: 'Consultation', meaning: "Professionals seek parent carers' views on new or existing services and take them into account.", status: 'verified', source: NNPCF, commonLevel: 'consult' },
      { id: 'nnpcf.participation', order: 3, name: 'Participation', meaning: 'Parent carers are involved in planning services and in decisions.', status: 'verified', source: NNPCF, commonLevel: 'involve' },
      { id: 'nnpcf.co_production', order: 4, name: 'Co-production', meaning: 'Parent carers and professionals work together from the start: plan, design, develop, deliver and review.', status: 'verified', source: NNPCF, commonLevel: 'co_produce' },
    ],
  },
  {
    key: 'sunderland_pcf',
    name: 'Sunderland Parent Carer Forum (a local version of the forum stages)',
    summary: "A forum's own ladder: five rungs, mapped onto the parent carer forums' four stages, with a rung below them for no working relationship.",
    source: { ...SUNDERLAND, status: 'verified' },
    variantOf: 'nnpcf',
    rungs: [
      { id: 'sunderland_pcf.no_engagement', order: 1, name: 'No engagement', meaning: 'There is no working relationship.', status: 'verified', source: SUNDERLAND, commonLevel: 'none' },
      { id: 'sunderland_pcf.information', order: 2, name: 'Information', meaning: 'Parent carers are told what is happening.', status: 'unverified', source: SUNDERLAND, commonLevel: 'inform', mapsTo: 'nnpcf.information' },
      { id: 'sunderland_pcf.consultation', order: 3, name: 'Consultation', meaning: 'Parent carers are given options; professionals decide.', status: 'verified', source: SUNDERLAND, commonLevel: 'consult', mapsTo: 'nnpcf.consultation' },
      { id: 'sunderland_pcf.participation', order: 4, name: 'Participation', meaning: 'Working in groups to decide what should happen.', status: 'verified', source: SUNDERLAND, commonLevel: 'involve', mapsTo: 'nnpcf.participation' },
      { id: 'sunderland_pcf.co_production', order: 5, name: 'Co-production', meaning: 'Developing, deciding, designing and doing together as equal partners.', status: 'verified', source: SUNDERLAND, commonLevel: 'co_produce', mapsTo: 'nnpcf.co_production' },
    ],
  },
];

export function isShippedLadderKey(value: unknown): value is ShippedLadderKey {
  return typeof value === 'string' && (SHIPPED_LADDER_KEYS as readonly string[]).includes(value);
}

export function shippedLadder(key: ShippedLadderKey): Ladder {
  return LADDERS.find((l) => l.key === key)!;
}

/** A shipped rung by its id, with its ladder. */
export function shippedRung(id: string): { ladder: Ladder; rung: LadderRung } | undefined {
  for (const ladder of LADDERS) {
    const rung = ladder.rungs.find((r) => r.id === id);
    if (rung) return { ladder, rung };
  }
  return undefined;
}
