/**
 * Finds possible disclosures of harm in free text as it arrives, so that a designated safeguarding
 * lead (DSL) is alerted at once ("Keeping children safe in education": act on a concern
 * immediately). It runs on every free-text answer, during the request.
 *
 * What it is, and is not. A list of phrases (safeguarding-data/, kept as data and shown to areas on
 * a page), matched on normalised words. It decides nothing about a child: it only says "a lead
 * should read this now". It errs towards flagging a clear disclosure however it is written, and
 * leaves out figures of speech ("this game is killing me"), sensory complaints ("the music hurts
 * my ears") and accidents ("I hurt my knee at football"), because a lead who is alerted for those
 * stops reading alerts. safeguarding-corpus.ts measures both.
 *
 * Every language's list runs on every text: a child in a Welsh-medium area may write in English,
 * and the other way round.
 *
 * Normalisation, because children write "i wnt 2 die", "KMS", "my step-dad really hits me",
 * "im sooooo scared": lower case; Unicode NFKC; curly quotes made straight; accents folded (so
 * Welsh "tŷ" and "ty" match); English contractions written out ("i'm" → "i am", "he'll" → "he
 * will"); Welsh "'n" and "'r" written out ("mae'n" → "mae yn"); other apostrophes dropped ("don't"
 * → "dont"); punctuation removed, except that a sentence's end is kept as the word "." so that
 * filler words never join two sentences; runs of a letter three or more long cut to two ("yaaaay"
 * → "yaay"), or to one when that makes a word the lists know ("dieeee" → "die", "sooooo" → "so");
 * then text-speak mapped word
 * by word ("u" → "you", "wnt" → "want", "2" → "to" unless a number of days or hours follows,
 * "kms" → "kill myself") and a few phrases made one ("do not" → "dont", "step dad" → "stepdad").
 *
 * Fast by construction, because it runs inside a request: patterns are compiled once, at import,
 * and each is read into the words any match of it must contain (see "Which rules can run"); a text
 * is normalised once, and a pattern is tried only where one of its possible first words stands,
 * and only if the text holds the other words it needs. A 5,000-character text takes a fraction of
 * a millisecond. Pure and synchronous: no I/O, no network, no model.
 */
import { CY_PHRASES, WORD_GROUPS as CY_WORD_GROUPS } from './safeguarding-data/cy.ts';
import { EN_PHRASES, PHRASE_SPEAK, TEXT_SPEAK, WORD_GROUPS as EN_WORD_GROUPS } from './safeguarding-data/en.ts';

export const CONCERN_CATEGORIES = ['self_harm', 'abuse', 'sexual_abuse', 'domestic_abuse', 'neglect', 'danger', 'exploitation', 'bullying'] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];
/**
 * urgent: a life may be at risk now (suicide, being hurt right now, running away tonight);
 * high: a disclosure of abuse or harm; medium: a worry worth a look (bullying, feeling unsafe).
 */
export const CONCERN_SEVERITIES = ['urgent', 'high', 'medium'] as const;
export type ConcernSeverity = (typeof CONCERN_SEVERITIES)[number];
/** One phrase rule in a list. */
export type SafeguardingPhrase = { id: string; pattern: string; category: ConcernCategory; severity: ConcernSeverity; note?: string };
/** An area's own addition (typed by a safeguarding lead: a plain phrase, not a regex). */
export type AreaPhrase = { phrase: string; category: ConcernCategory; severity: ConcernSeverity };
export type Detection = {
  flagged: boolean;
  /** The most severe match, or null. */
  severity: ConcernSeverity | null;
  categories: ConcernCategory[];
  /** Which rules matched (ids, e.g. 'en.self_harm.want_to_die' or 'area:3'), never the child's words. */
  ruleIds: string[];
};

type ListLanguage = 'en' | 'cy';
type WordGroups = Readonly<Record<string, readonly string[]>>;
type CompiledRule = {
  id: string;
  category: ConcernCategory;
  severity: ConcernSeverity;
  /** Finds a match anywhere in " normalised text ". */
  regex: RegExp;
  /** The same pattern, sticky: tried only at the offsets where one of `startWords` stands. */
  sticky: RegExp;
  /** Every word a match can start with, or null when that cannot be known (then `regex` runs). */
  startWords: ReadonlySet<string> | null;
  /** Per alternative of the pattern, the ids of the word sets a match must each meet (see needWords). */
  needs: ReadonlyArray<readonly number[]>;
};

// ---------------------------------------------------------------------------------------------
// Compiling the lists

/**
 * A filler word between a pattern's parts ("my dad *really* hits me"). Never a negation ("my dad
 * never hits me") nor a word that starts another clause ("the music, *it* hurts me", "miss plays
 * music *that* hurts my ears"), and never the sentence mark ".".
 */
const NOT_FILLER = [
  'never', 'not', 'no', 'dont', 'doesnt', 'didnt', 'wont', 'wouldnt', 'isnt', 'wasnt', 'cant', 'nobody', 'nothing',
  'that', 'which', 'it', 'when', 'if', 'because', 'but', 'though', 'although', 'accidentally',
];
const FILLER = `(?!(?:${NOT_FILLER.join('|')}) )[^ .]+ `;
const DEFAULT_GAP = 3;

/** The pattern with its `{group}`s written out (` ~N ` gaps are left for needWords to see). */
function expandGroups(id: string, pattern: string, groups: WordGroups): string {
  return pattern.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const alternatives = groups[name];
    if (!alternatives) throw new Error(`Safeguarding rule ${id}: unknown word group {${name}}`);
    // longest first, so "stepdad" is tried before "step"
    return `(?:${[...alternatives].sort((a, b) => b.length - a.length).join('|')})`;
  });
}

/** The pattern as a regular expression over " normalised text ", starting at a word's leading space. */
function anchored(withGroups: string): string {
  const withGaps = withGroups.replace(/~(\d*) /g, (_, n: string) => `(?:${FILLER}){0,${n ? Number(n) : DEFAULT_GAP}}`);
  return ` (?:${withGaps})(?= )`;
}

// ---------------------------------------------------------------------------------------------
// Which rules can run

/*
 * Running every pattern over a long text costs about 10 µs per pattern per 5,000 characters, mostly
 * in trying the large word groups ({adult}) at every word. But a pattern can only match where one of
 * its first words stands, and only if the text holds its other words: "{adult} ~ {hit} me" needs
 * one of the {hit} words and "me". So each pattern is read, once, into those word sets, and for each
 * text only the patterns whose sets it meets are tried, and only at their first words. This is exact,
 * not a heuristic: a pattern skipped could not have matched. The reader understands the small
 * regular-expression subset the lists use; anything else (a character class, "*", "+") makes it
 * give up for that part, so the pattern simply runs more often.
 */

/** A finite set of strings a piece of pattern can match, or null when unknown or too many. */
type Strings = readonly string[] | null;
const STRINGS_LIMIT = 4000;

function concatenate(a: Strings, b: Strings): Strings {
  if (a === null || b === null || a.length * b.length > STRINGS_LIMIT) return null;
  return a.flatMap((x) => b.map((y) => x + y));
}

function unite(sets: readonly Strings[]): Strings {
  const out = new Set<string>();
  for (const set of sets) {
    if (set === null) return null;
    for (const x of set) out.add(x);
  }
  return out.size > STRINGS_LIMIT ? null : [...out];
}

/** Index of the bracket closing the "(" or "[" at `open`. */
function closing(source: string, open: number): number {
  if (source[open] === '[') {
    for (let i = open + 1; i < source.length; i++) {
      if (source[i] === '\\') i++;
      else if (source[i] === ']') return i;
    }
  } else {
    let depth = 0;
    for (let i = open; i < source.length; i++) {
      const c = source[i];
      if (c === '\\') i++;
      else if (c === '[') i = closing(source, i);
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i;
    }
  }
  throw new Error(`Unbalanced "${source[open]}" in ${source}`);
}

/** Splits at the top-level "|". */
function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') i = closing(source, i);
    else if (c === '|') {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
}

type Atom = { strings: Strings; end: number; kind: 'gap' | 'space' | 'other' };

/** One atom at `at`, with its quantifier. A ` ~N ` gap is an atom that matches any words. */
function readAtom(source: string, at: number): Atom {
  const c = source[at]!;
  if (c === '~') {
    let end = at + 1;
    while (end < source.length && /[0-9 ]/.test(source[end]!)) end++;
    return { strings: null, end, kind: 'gap' };
  }
  let strings: Strings;
  let end: number;
  if (c === '(') {
    end = closing(source, at) + 1;
    if (/^\(\?<?[=!]/.test(source.slice(at, at + 4))) strings = ['']; // a lookaround matches no text
    else strings = readStrings(source.slice(source.startsWith('(?:', at) ? at + 3 : at + 1, end - 1));
  } else if (c === '[') {
    end = closing(source, at) + 1;
    strings = null;
  } else if (c === '\\') {
    end = at + 2;
    const escaped = source[at + 1]!;
    strings = /[dDwWsS]/.test(escaped) ? null : /[bB]/.test(escaped) ? [''] : [escaped];
  } else {
    end = at + 1;
    strings = c === '.' ? null : c === '^' || c === '$' ? [''] : [c];
  }
  const quantifier = /^(?:\?|\*|\+|\{(\d+)(?:,(\d*))?\})/.exec(source.slice(end));
  if (!quantifier) return { strings, end, kind: c === ' ' ? 'space' : 'other' };
  end += quantifier[0].length;
  if (quantifier[0] === '?') return { strings: unite([strings, ['']]), end, kind: 'other' };
  const min = Number(quantifier[1]);
  const max = quantifier[1] === undefined || quantifier[2] === '' ? Infinity : quantifier[2] === undefined ? min : Number(quantifier[2]);
  if (max === Infinity) return { strings: null, end, kind: 'other' };
  const repeats: Strings[] = [];
  let power: Strings = [''];
  for (let n = 0; n <= max; n++) {
    if (n >= min) repeats.push(power);
    power = concatenate(power, strings);
  }
  return { strings: unite(repeats), end, kind: 'other' };
}

function readStrings(source: string): Strings {
  return unite(topLevelAlternatives(source).map((alternative) => {
    let strings: Strings = [''];
    for (let at = 0; at < alternative.length;) {
      const atom = readAtom(alternative, at);
      strings = atom.kind === 'gap' ? null : concatenate(strings, atom.strings);
      at = atom.end;
    }
    return strings;
  }));
}

const firstWordOf = (s: string) => (s.includes(' ') ? s.slice(0, s.indexOf(' ')) : s);
const lastWordOf = (s: string) => s.slice(s.lastIndexOf(' ') + 1);

type PatternWords = {
  /** Per top-level alternative, the word sets its matches must each meet. */
  needs: Array<Array<ReadonlySet<string>>>;
  /** The words a match can start with, or null when unknown. */
  startWords: Set<string> | null;
};

/**
 * Reads a pattern (groups written out, gaps not) into the words its matches need. Each top-level
 * alternative is cut into pieces at its top-level spaces and gaps, so each piece starts and ends at
 * a word's edge; a piece that can match only a few known strings needs one of their first words and
 * one of their last words, and the first piece's first words are where a match can start.
 */
function patternWords(withGroups: string): PatternWords {
  const needs: Array<Array<ReadonlySet<string>>> = [];
  let startWords: Set<string> | null = new Set();
  for (const alternative of topLevelAlternatives(withGroups)) {
    const alternativeNeeds: Array<ReadonlySet<string>> = [];
    let piece: Strings = [''];
    let isFirstPiece = true;
    const close = () => {
      const known = piece !== null && piece.length > 0 && !piece.includes('');
      const firstWords = known ? new Set(piece!.map(firstWordOf)) : null;
      const lastWords = known ? new Set(piece!.map(lastWordOf)) : null;
      if (firstWords && !firstWords.has('')) alternativeNeeds.push(firstWords);
      if (lastWords && !lastWords.has('') && [...lastWords].some((w) => !firstWords?.has(w))) alternativeNeeds.push(lastWords);
      if (isFirstPiece) {
        if (firstWords && !firstWords.has('') && startWords) for (const w of firstWords) startWords.add(w);
        else startWords = null;
      }
      isFirstPiece = false;
      piece = [''];
    };
    for (let at = 0; at < alternative.length;) {
      const atom = readAtom(alternative, at);
      if (atom.kind === 'gap' || atom.kind === 'space') close();
      else piece = concatenate(piece, atom.strings);
      at = atom.end;
    }
    close();
    needs.push(alternativeNeeds);
  }
  return { needs, startWords };
}

/** Every distinct word set any pattern needs, by id, so a text's words can mark them met. */
const NEED_SETS: Array<ReadonlySet<string>> = [];
const NEED_IDS = new Map<string, number>();

function needId(words: ReadonlySet<string>): number {
  const key = [...words].sort().join(' ');
  let id = NEED_IDS.get(key);
  if (id === undefined) {
    id = NEED_SETS.length;
    NEED_SETS.push(words);
    NEED_IDS.set(key, id);
  }
  return id;
}

function compileList(language: ListLanguage, phrases: readonly SafeguardingPhrase[], groups: WordGroups): CompiledRule[] {
  return phrases.map((phrase) => {
    if (!phrase.id.startsWith(`${language}.${phrase.category}.`)) {
      throw new Error(`Safeguarding rule ${phrase.id}: ids are "${language}.<category>.<name>"`);
    }
    const withGroups = expandGroups(phrase.id, phrase.pattern, groups);
    let regex: RegExp;
    let sticky: RegExp;
    try {
      regex = new RegExp(anchored(withGroups));
      sticky = new RegExp(anchored(withGroups), 'y');
    } catch (error) {
      throw new Error(`Safeguarding rule ${phrase.id}: ${(error as Error).message}`, { cause: error });
    }
    const { needs, startWords } = patternWords(withGroups);
    return {
      id: phrase.id,
      category: phrase.category,
      severity: phrase.severity,
      regex,
      sticky,
      startWords,
      needs: needs.map((alternative) => alternative.map(needId)),
    };
  });
}

const BUILT_IN_RULES: readonly CompiledRule[] = [
  ...compileList('en', EN_PHRASES, EN_WORD_GROUPS),
  ...compileList('cy', CY_PHRASES, CY_WORD_GROUPS),
];

{
  const ids = new Set<string>();
  for (const rule of BUILT_IN_RULES) {
    if (ids.has(rule.id)) throw new Error(`Safeguarding rule ${rule.id} is listed twice`);
    ids.add(rule.id);
  }
}

/** For each word, the ids of the need sets that hold it. */
const NEEDS_BY_WORD: ReadonlyMap<string, readonly number[]> = (() => {
  const index = new Map<string, number[]>();
  NEED_SETS.forEach((words, id) => {
    for (const word of words) {
      const ids = index.get(word) ?? [];
      ids.push(id);
      index.set(word, ids);
    }
  });
  return index;
})();

/** The rules whose patterns match " normalised text ", in list order. */
function matchingRules(normalised: string): CompiledRule[] {
  const padded = ` ${normalised} `;
  // Where each word stands: the offset of the space before it in `padded`.
  const offsets = new Map<string, number[]>();
  let at = 0;
  for (const word of normalised.split(' ')) {
    const list = offsets.get(word);
    if (list) list.push(at);
    else offsets.set(word, [at]);
    at += word.length + 1;
  }
  const met = new Uint8Array(NEED_SETS.length);
  for (const word of offsets.keys()) {
    for (const id of NEEDS_BY_WORD.get(word) ?? []) met[id] = 1;
  }
  const matched: CompiledRule[] = [];
  for (const rule of BUILT_IN_RULES) {
    if (!rule.needs.some((alternative) => alternative.every((id) => met[id] === 1))) continue;
    if (rule.startWords === null ? rule.regex.test(padded) : matchesAtStarts(rule, padded, offsets)) matched.push(rule);
  }
  return matched;
}

function matchesAtStarts(rule: CompiledRule, padded: string, offsets: ReadonlyMap<string, readonly number[]>): boolean {
  for (const word of rule.startWords!) {
    for (const offset of offsets.get(word) ?? []) {
      rule.sticky.lastIndex = offset;
      if (rule.sticky.test(padded)) return true;
    }
  }
  return false;
}

const BUILT_IN_PHRASES: ReadonlyArray<SafeguardingPhrase & { language: ListLanguage }> = Object.freeze([
  ...EN_PHRASES.map((p) => Object.freeze({ ...p, language: 'en' as const })),
  ...CY_PHRASES.map((p) => Object.freeze({ ...p, language: 'cy' as const })),
]);

/** Every language's list, for a page that shows what Chorus looks for. */
export function builtInPhrases(): ReadonlyArray<SafeguardingPhrase & { language: 'en' | 'cy' }> {
  return BUILT_IN_PHRASES;
}

// ---------------------------------------------------------------------------------------------
// Normalising a text

/**
 * Words the lists know, from every pattern and group: an elongated word ("dieeee", "hiiits") is cut
 * to one letter when that gives one of these, else to two ("yaaaay" → "yaay").
 */
const KNOWN_WORDS: ReadonlySet<string> = new Set(
  [
    ...[...EN_PHRASES, ...CY_PHRASES].map((p) => p.pattern),
    ...Object.values(EN_WORD_GROUPS).flat(),
    ...Object.values(CY_WORD_GROUPS).flat(),
    ...Object.keys(TEXT_SPEAK),
  ].flatMap((source) => source.split(/[^a-z]+/)).filter((w) => w.length > 1),
);

/** TEXT_SPEAK as word lists in a Map: a lookup per word must be cheap (an object this size is not). */
const SPEAK: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(TEXT_SPEAK).map(([from, to]) => [from, to.split(' ')]));

/** PHRASE_SPEAK by its first word, so the word loop replaces phrases without a pass per phrase. */
const PHRASES_BY_FIRST_WORD: ReadonlyMap<string, ReadonlyArray<{ from: readonly string[]; to: readonly string[] }>> = (() => {
  const map = new Map<string, Array<{ from: readonly string[]; to: readonly string[] }>>();
  for (const [from, to] of PHRASE_SPEAK) {
    const words = from.split(' ');
    const list = map.get(words[0]!) ?? [];
    list.push({ from: words, to: to.split(' ') });
    map.set(words[0]!, list);
  }
  return map;
})();

/** After "2" or "4", these keep the digit a number ("for 2 days"); otherwise "2" is "to" and "4" is "for". */
const COUNTED: ReadonlySet<string> = new Set([
  'days', 'day', 'weeks', 'week', 'hours', 'hour', 'hrs', 'nights', 'night', 'times', 'years', 'yrs', 'year', 'months',
  'month', 'mins', 'minutes', 'x', 'am', 'pm', 'of', 'or', 'and', 'more', 'people', 'kids', 'boys', 'girls', 'men',
  'older', 'pounds', 'quid',
]);

const CONTRACTIONS: Readonly<Record<string, string>> = { re: ' are', ll: ' will', ve: ' have', d: ' would', n: ' yn', r: ' yr' };
/** Marks a sentence's end while punctuation is removed: upper case cannot occur after lowercasing. */
const SENTENCE_END = 'S';
// eslint-disable-next-line no-control-regex -- the test is for "anything outside ASCII"
const NON_ASCII = /[^\u0000-\u007f]/;
const NON_ASCII_RUNS = /[\u0080-\uffff]+/g;

/** One word of the text in its standard form, as one word or several. */
function normaliseWord(word: string, next: string | undefined): string | readonly string[] {
  if (word === '2' || word === '4') return next !== undefined && COUNTED.has(next) ? word : word === '2' ? 'to' : 'for';
  let key = word;
  if (/(.)\1\1/.test(word)) {
    const two = word.replace(/(.)\1{2,}/g, '$1$1');
    const one = word.replace(/(.)\1{2,}/g, '$1');
    const knows = (w: string) => KNOWN_WORDS.has(w) || SPEAK.has(w);
    key = knows(two) || !knows(one) ? two : one;
  }
  return SPEAK.get(key) ?? key;
}

/**
 * The text as the lists see it: lower-case words separated by single spaces, a sentence's end as
 * the word ".". Exported for tests and for a page that explains matching.
 */
export function normaliseForSafeguarding(text: string): string {
  let s = text;
  // Unicode work only on the runs of non-ASCII characters: over the whole text it would cost more
  // than all the patterns together.
  if (NON_ASCII.test(s)) {
    s = s.normalize('NFKC').replace(NON_ASCII_RUNS, (run) => run
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4]/g, "'")
      .normalize('NFD')
      .replace(/\p{M}/gu, ''));
  }
  s = s.toLowerCase()
    .replace(/`/g, "'")
    .replace(/(?<![a-z0-9\u0080-\uffff])i'm(?![a-z0-9\u0080-\uffff])/g, 'i am')
    // English "they're", "he'll", "I've", "I'd"; Welsh "mae'n", "dw i'n" (yn) and "mae'r", "i'r" (yr):
    // no English word ends in "'n" or "'r", and no Welsh one in "'re", "'ll" or "'ve".
    .replace(/([a-z\u0080-\uffff])'(re|ll|ve|d|n|r)(?![a-z0-9\u0080-\uffff])/g, (_, letter: string, ending: string) => letter + CONTRACTIONS[ending]!)
    .replace(/'/g, '')
    .replace(/[&+]/g, ' and ')
    .replace(/@/g, ' at ')
    // "..." is how many children write a comma; one ".", "!" or "?" before a space, or a new line, ends a sentence
    .replace(/\.{2,}/g, ' ')
    .replace(/[.!?]+(?=\s|$)|[\r\n]+/g, ` ${SENTENCE_END} `)
    .replace(/[^a-z0-9S\u0080-\uffff]+/g, ' ');
  if (NON_ASCII.test(s)) s = s.replace(NON_ASCII_RUNS, (run) => run.replace(/[^\p{L}\p{N}]+/gu, ' '));

  const words = s.split(' ');
  const mapped: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '') continue;
    if (word === SENTENCE_END) {
      if (mapped.length > 0 && mapped.at(-1) !== '.') mapped.push('.');
      continue;
    }
    let next = words[i + 1];
    for (let j = i + 2; next === ''; j++) next = words[j];
    const standard = normaliseWord(word, next);
    if (typeof standard === 'string') mapped.push(standard);
    else mapped.push(...standard);
  }
  if (mapped.at(-1) === '.') mapped.pop();

  const out: string[] = [];
  for (let i = 0; i < mapped.length; i++) {
    const phrase = PHRASES_BY_FIRST_WORD.get(mapped[i]!)?.find((p) => p.from.every((w, k) => mapped[i + k] === w));
    if (phrase) {
      out.push(...phrase.to);
      i += phrase.from.length - 1;
    } else {
      out.push(mapped[i]!);
    }
  }
  return out.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Area phrases

type AreaNeedle = { needle: string; index: number };

/** An area's phrases, normalised like the text, cached per list (a list is usually loaded once per area). */
const compiledAreaPhrases = new WeakMap<readonly AreaPhrase[], readonly AreaNeedle[]>();

function areaNeedles(phrases: readonly AreaPhrase[]): readonly AreaNeedle[] {
  const cached = compiledAreaPhrases.get(phrases);
  if (cached) return cached;
  const needles: AreaNeedle[] = [];
  phrases.forEach((p, index) => {
    // A lead types words, not a pattern: they are found as words (no regular expression is built, so
    // "." or "*" mean nothing special), whole words only, in the normalised text. A phrase that
    // normalises to nothing ("!!!") is ignored rather than matching everything.
    const words = normaliseForSafeguarding(typeof p?.phrase === 'string' ? p.phrase : '').split(' ').filter((w) => w !== '' && w !== '.');
    if (words.length > 0 && (CONCERN_CATEGORIES as readonly string[]).includes(p.category) && Object.hasOwn(SEVERITY_RANK, p.severity)) {
      needles.push({ needle: ` ${words.join(' ')} `, index });
    }
  });
  compiledAreaPhrases.set(phrases, needles);
  return needles;
}

// ---------------------------------------------------------------------------------------------
// Detecting

const SEVERITY_RANK: Readonly<Record<ConcernSeverity, number>> = { urgent: 3, high: 2, medium: 1 };

/**
 * Checks one text against every language's list and the area's own phrases. Returns which rules
 * matched (by id, never the words), their categories and the most severe level. Never throws on
 * any string; an empty text is not flagged.
 */
export function detectConcern(text: string, options?: { areaPhrases?: readonly AreaPhrase[] }): Detection {
  const normalised = typeof text === 'string' && text.length > 0 ? normaliseForSafeguarding(text) : '';
  const ruleIds: string[] = [];
  const categories = new Set<ConcernCategory>();
  let rank = 0;
  const record = (id: string, category: ConcernCategory, severity: ConcernSeverity) => {
    ruleIds.push(id);
    categories.add(category);
    rank = Math.max(rank, SEVERITY_RANK[severity]);
  };
  if (normalised) {
    for (const rule of matchingRules(normalised)) record(rule.id, rule.category, rule.severity);
    const area = options?.areaPhrases;
    if (area && area.length > 0) {
      const padded = ` ${normalised} `;
      for (const { needle, index } of areaNeedles(area)) {
        if (padded.includes(needle)) record(`area:${index}`, area[index]!.category, area[index]!.severity);
      }
    }
  }
  const severity = CONCERN_SEVERITIES.find((s) => SEVERITY_RANK[s] === rank) ?? null;
  return {
    flagged: severity !== null,
    severity,
    categories: CONCERN_CATEGORIES.filter((c) => categories.has(c)),
    ruleIds,
  };
}
