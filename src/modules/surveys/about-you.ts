/**
 * The optional "About you" questions at the end of a survey, as data: the stored values, in the
 * order people see them. Words live in the catalogue (surveys.respond.aboutYou.<field>.options.<value>).
 *
 * They let a partnership see who took part and who is missing, compared with who uses its services.
 * Every one is optional, explained in plain words, and has "Prefer not to say" or "Don't know".
 * Sources: ../shared/domain/FRAMEWORKS.md §5b, §5c, §6a, §6c (the file cites the originals).
 */
import { AGE_BANDS, type Activity } from '../activities/activities.service.ts';

const PREFER_NOT = 'prefer_not_to_say';
const DONT_KNOW = 'dont_know';

/**
 * Age bands: the activity age bands children and young people are invited by (0 to 25, the SEND
 * age range), plus one band for adults (parent carers), so the two can be compared.
 */
export const AGE_BAND_OPTIONS = [...AGE_BANDS, 'over_25', PREFER_NOT] as const;

/**
 * Sex, as the school census and the ONS 2021 census record it (FRAMEWORKS.md §6c: Female / Male).
 * Gender identity is a separate, 16-and-over question in the GSS standard, not asked here.
 */
export const SEX_OPTIONS = ['female', 'male', PREFER_NOT] as const;

/**
 * Ethnic group: the GSS harmonised standard for England (2021 onwards), its 19 categories in form
 * order (White first), in 5 groups, plus "Prefer not to say" (FRAMEWORKS.md §6a). `ons` is the ONS
 * Census 2021 TS021 code, for comparing with census population figures.
 */
export const ETHNIC_GROUPS = [
  {
    group: 'white',
    categories: [
      { value: 'white_british', ons: 13 },
      { value: 'white_irish', ons: 14 },
      { value: 'gypsy_irish_traveller', ons: 15 },
      { value: 'roma', ons: 16 },
      { value: 'other_white', ons: 17 },
    ],
  },
  {
    group: 'mixed',
    categories: [
      { value: 'white_black_caribbean', ons: 11 },
      { value: 'white_black_african', ons: 10 },
      { value: 'white_asian', ons: 9 },
      { value: 'other_mixed', ons: 12 },
    ],
  },
  {
    group: 'asian',
    categories: [
      { value: 'indian', ons: 3 },
      { value: 'pakistani', ons: 4 },
      { value: 'bangladeshi', ons: 1 },
      { value: 'chinese', ons: 2 },
      { value: 'other_asian', ons: 5 },
    ],
  },
  {
    group: 'black',
    categories: [
      { value: 'african', ons: 6 },
      { value: 'caribbean', ons: 7 },
      { value: 'other_black', ons: 8 },
    ],
  },
  {
    group: 'other',
    categories: [
      { value: 'arab', ons: 18 },
      { value: 'any_other', ons: 19 },
    ],
  },
] as const;

export type EthnicGroup = (typeof ETHNIC_GROUPS)[number]['group'];
export const ETHNIC_GROUP_OPTIONS = [...ETHNIC_GROUPS.map((g) => g.group), PREFER_NOT] as const;
export const ETHNICITY_OPTIONS = [...ETHNIC_GROUPS.flatMap((g) => g.categories.map((c) => c.value)), PREFER_NOT] as const;

export function ethnicGroupOf(ethnicity: string | null): EthnicGroup | undefined {
  return ETHNIC_GROUPS.find((g) => g.categories.some((c) => c.value === ethnicity))?.group;
}

export function categoriesOf(group: string): readonly string[] | undefined {
  return ETHNIC_GROUPS.find((g) => g.group === group)?.categories.map((c) => c.value);
}

/**
 * Type of need: the 13 DfE school census "SEN type" codes (FRAMEWORKS.md §5b), stored as the code
 * so they compare with census returns, shown in plain words, plus "Don't know".
 */
export const NEED_TYPE_OPTIONS = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'ASD', 'HI', 'VI', 'MSI', 'PD', 'OTH', 'NSA', DONT_KNOW, PREFER_NOT] as const;

/**
 * Support: the school census SEN provision codes (FRAMEWORKS.md §5c): E = an Education, Health and
 * Care plan, K = SEN support, N = no special educational need; plus "Don't know".
 */
export const SUPPORT_OPTIONS = ['ehc_plan', 'sen_support', 'none', DONT_KNOW, PREFER_NOT] as const;
export const SUPPORT_CENSUS_CODES: Readonly<Record<string, string>> = { ehc_plan: 'E', sen_support: 'K', none: 'N' };

/** The pages of "About you", in order; each stores one column of the response. */
export const ABOUT_YOU_FIELDS = [
  { slug: 'age', column: 'age_band', options: AGE_BAND_OPTIONS },
  { slug: 'sex', column: 'sex', options: SEX_OPTIONS },
  { slug: 'ethnic-group', column: 'ethnicity', options: ETHNIC_GROUP_OPTIONS },
  { slug: 'need', column: 'need_type', options: NEED_TYPE_OPTIONS },
  { slug: 'support', column: 'support_level', options: SUPPORT_OPTIONS },
] as const;

export type AboutYouField = (typeof ABOUT_YOU_FIELDS)[number];

/**
 * The age bands a survey offers: the ages it invites (the activity's age bands) when it names
 * them, plus "over 25" when parent carers are invited too, so a 5 to 15 survey never offers
 * "0 to 4" or "26 or over". A survey that names no ages offers them all.
 */
export function ageBandOptionsFor(activity: Pick<Activity, 'audience' | 'ageBands'>): readonly string[] {
  if (activity.ageBands.length === 0) return AGE_BAND_OPTIONS;
  const adults = activity.audience === 'children_young_people' ? [] : ['over_25'];
  return [...AGE_BANDS.filter((band) => activity.ageBands.includes(band)), ...adults, PREFER_NOT];
}

/**
 * Symbols for "About you" in children's mode (OpenMoji): one for each question, and one for each
 * answer where a picture helps a child. No symbols for ethnic groups (a picture would stereotype).
 */
export const ABOUT_YOU_SYMBOLS: { questions: Record<string, string>; options: Record<string, string> } = {
  questions: { age: '1F382', sex: '1F9D1', ethnicGroup: '1F30D', ethnicity: '1F30D', need: '1F91D', support: '1F3EB' },
  options: {
    female: '1F467',
    male: '1F466',
    SPLD: '1F4D6',
    MLD: '1F4DA',
    SLD: '1F91D',
    PMLD: '1FAC2',
    SEMH: '1F630',
    SLCN: '1F5E3',
    ASD: '267E',
    HI: '1F9BB',
    VI: '1F9AF',
    MSI: '1F440',
    PD: '267F',
    OTH: '2795',
    NSA: '1F3EB',
    ehc_plan: '1F4C4',
    sen_support: '1F3EB',
    none: '1F645',
    [DONT_KNOW]: '1F937',
    [PREFER_NOT]: '1F910',
  },
};
export type AboutYouColumn = AboutYouField['column'];
export type AboutYou = Record<AboutYouColumn, string | null>;

export function aboutYouField(slug: string): AboutYouField | undefined {
  return ABOUT_YOU_FIELDS.find((f) => f.slug === slug);
}

/**
 * Where the words for a stored "About you" answer are in the catalogue, for results and exports
 * (so no other file keeps its own code → words list). The ethnicity column holds a group ("white")
 * or a category ("white_irish"); each has its own words. `undefined` for a value the field never offers.
 */
export function aboutYouAnswerKey(column: AboutYouColumn, value: string): string | undefined {
  if (column === 'ethnicity') {
    if ((ETHNIC_GROUP_OPTIONS as readonly string[]).includes(value)) return `surveys.respond.aboutYou.ethnicGroup.options.${value}`;
    return (ETHNICITY_OPTIONS as readonly string[]).includes(value) ? `surveys.respond.aboutYou.ethnicity.options.${value}` : undefined;
  }
  const field = ABOUT_YOU_FIELDS.find((f) => f.column === column)!;
  return (field.options as readonly string[]).includes(value) ? `surveys.respond.aboutYou.${field.slug}.options.${value}` : undefined;
}

/** The catalogue key of an "About you" question's short name ("Age", "Type of need"), for results and exports. */
export function aboutYouShortKey(slug: AboutYouField['slug']): string {
  return `surveys.respond.aboutYou.${slug === 'ethnic-group' ? 'ethnicGroup' : slug}.short`;
}
