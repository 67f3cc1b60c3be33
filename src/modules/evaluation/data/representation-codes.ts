/**
 * The groups participants are compared by, and the codes a population file may use for each, as
 * data (issue 13 §5). Each characteristic is compared on the values the survey's optional "About
 * you" questions store (surveys/about-you.ts), so a population count and a participant's answer
 * meet on the same value.
 *
 * Sources and how sure they are (../shared/domain/FRAMEWORKS.md):
 * - sex: school census and AP census codes F / M (U "unknown" is not a group) [V] §6c;
 * - ethnic group: compared at the 5-group level, because the DfE school census codes and the ONS
 *   Census 2021 categories are not one-to-one [inferred, §6b]; DfE main codes [V] §6b, with Chinese
 *   (CHNE) in the Asian group as the GSS standard and DfE's published statistics put it [V];
 *   ONS TS021 codes 1–19 [P] §6a (code 1 inferred from the ordering);
 * - type of need: DfE school census SEN primary need codes [V] §5b, with BESD read as SEMH;
 * - support: SEN provision codes E (EHC plan), K (SEN support), N (no SEN) [V] §5c;
 * - age band: the activity age bands Chorus invites by (activities.service AGE_BANDS).
 */
import { AGE_BANDS } from '../../activities/activities.service.ts';
import { ETHNIC_GROUPS, NEED_TYPE_OPTIONS } from '../../surveys/results.service.ts';

export const CHARACTERISTICS = ['sex', 'ethnicity', 'need_type', 'support_level', 'age_band'] as const;
export type Characteristic = (typeof CHARACTERISTICS)[number];

const NEED_CODES = NEED_TYPE_OPTIONS.filter((v) => /^[A-Z]+$/.test(v));

/** The groups of each characteristic, in the order they are shown. */
export const GROUPS: Readonly<Record<Characteristic, readonly string[]>> = {
  sex: ['female', 'male'],
  ethnicity: ETHNIC_GROUPS.map((g) => g.group),
  need_type: NEED_CODES,
  support_level: ['ehc_plan', 'sen_support', 'none'],
  age_band: AGE_BANDS,
};

/** What a person may write in the file's first column for each characteristic (lower case). */
const CHARACTERISTIC_WORDS: Readonly<Record<string, Characteristic>> = {
  sex: 'sex',
  ethnicity: 'ethnicity',
  'ethnic group': 'ethnicity',
  ethnic_group: 'ethnicity',
  need: 'need_type',
  need_type: 'need_type',
  'type of need': 'need_type',
  'sen type': 'need_type',
  'primary need': 'need_type',
  support: 'support_level',
  support_level: 'support_level',
  provision: 'support_level',
  'sen provision': 'support_level',
  age: 'age_band',
  age_band: 'age_band',
  'age band': 'age_band',
};

export function readCharacteristic(text: string): Characteristic | undefined {
  return CHARACTERISTIC_WORDS[text.trim().toLowerCase().replace(/\s+/g, ' ')];
}

/** DfE school census main ethnicity codes → the 5 groups. */
const DFE_ETHNICITY: Readonly<Record<string, string>> = {
  WBRI: 'white', WIRI: 'white', WIRT: 'white', WROM: 'white', WOTH: 'white',
  MWBC: 'mixed', MWBA: 'mixed', MWAS: 'mixed', MOTH: 'mixed',
  AIND: 'asian', APKN: 'asian', ABAN: 'asian', AOTH: 'asian', CHNE: 'asian',
  BCRB: 'black', BAFR: 'black', BOTH: 'black',
  OOTH: 'other',
};

/** ONS Census 2021 TS021 codes 1–19 → the 5 groups. */
const ONS_ETHNICITY: Readonly<Record<string, string>> = Object.fromEntries(
  ETHNIC_GROUPS.flatMap((g) => g.categories.map((c) => [String(c.ons), g.group])),
);

/** Codes that mean "not known": a clear refusal, because they are not a group anyone can be compared with. */
const NOT_KNOWN = new Set(['U', 'UNKNOWN', 'NOT KNOWN', 'REFU', 'NOBT', 'PREFER NOT TO SAY', 'PREFER_NOT_TO_SAY', '-8']);

export type ReadGroup = { ok: true; value: string } | { ok: false; problem: 'not_known' | 'unknown' };

/**
 * The stored group for a code written in a population file, for one characteristic. Several codes
 * may give the same group (WBRI and WIRI are both "white"): their counts are added together.
 */
export function readGroup(characteristic: Characteristic, text: string): ReadGroup {
  const raw = text.trim();
  const upper = raw.toUpperCase().replace(/\s+/g, ' ');
  if (NOT_KNOWN.has(upper)) return { ok: false, problem: 'not_known' };
  const lower = raw.toLowerCase().replace(/\s+/g, ' ');
  const found = (value: string | undefined): ReadGroup => (value ? { ok: true, value } : { ok: false, problem: 'unknown' });
  switch (characteristic) {
    case 'sex':
      return found({ f: 'female', female: 'female', m: 'male', male: 'male' }[lower]);
    case 'ethnicity':
      if (GROUPS.ethnicity.includes(lower)) return found(lower);
      return found(DFE_ETHNICITY[upper] ?? ONS_ETHNICITY[raw]);
    case 'need_type':
      if (upper === 'BESD') return found('SEMH');
      return found(NEED_CODES.find((c) => c === upper));
    case 'support_level':
      return found({ e: 'ehc_plan', ehc: 'ehc_plan', 'ehc plan': 'ehc_plan', ehc_plan: 'ehc_plan', k: 'sen_support', 'sen support': 'sen_support', sen_support: 'sen_support', n: 'none', none: 'none' }[lower]);
    case 'age_band': {
      // "5-7", "5 to 7", "5_7" are the same band; "26 or over" is not a child's band.
      const band = lower.replace(/\s*(?:-|–|to)\s*/g, '_');
      return found(AGE_BANDS.find((b) => b === band));
    }
  }
}

/** The codes a file may use, for the template and the help text. */
export const TEMPLATE_CODES: Readonly<Record<Characteristic, readonly string[]>> = {
  sex: ['F', 'M'],
  ethnicity: GROUPS.ethnicity,
  need_type: NEED_CODES,
  support_level: ['E', 'K'],
  age_band: AGE_BANDS,
};

/** The word a template uses in its first column for each characteristic. */
export const TEMPLATE_WORD: Readonly<Record<Characteristic, string>> = {
  sex: 'sex',
  ethnicity: 'ethnicity',
  need_type: 'need',
  support_level: 'support',
  age_band: 'age',
};

/**
 * The participants' answers that are counted as a group, for a characteristic: the stored "About
 * you" value, or for ethnicity the group of a category ("white_irish" → "white"). Anything else
 * ("prefer not to say", "don't know", not answered) is left out of the shares.
 */
export function participantGroup(characteristic: Characteristic, stored: string | null, groupOf: (value: string) => string | undefined): string | undefined {
  if (stored === null) return undefined;
  if (characteristic === 'ethnicity') return GROUPS.ethnicity.includes(stored) ? stored : groupOf(stored);
  return GROUPS[characteristic].includes(stored) ? stored : undefined;
}
