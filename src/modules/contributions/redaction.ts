/**
 * Finds personal details in free text so they can be removed before anyone else reads it
 * (issue 3 §3 "Redaction"; QUALITY.md: free text passes redaction before it is shared).
 *
 * Four layers, because none is enough alone:
 * 1. patterns for details with a fixed shape: emails, UK phone numbers, full postcodes, NHS numbers
 *    (with their mod-11 check digit), street addresses and school names;
 * 2. the area's own lists (its participants' and staff's names, its schools and places);
 * 3. names: the `compromise` NLP library's tagger, our first-name list (redaction-data/), titles
 *    ("Mrs Hughes"), possessives ("Jayden's"), and cues such as "my son kai" or "his name is";
 * 4. online identities (issue 10 §4): social-media handles ("@jess_okafor_2012"), usernames after a
 *    cue ("my snap is kai.b2011"), links to profiles on social sites, and email addresses spelled out
 *    ("jess dot okafor at gmail dot com"). Hashtags ("#SEND") are campaigns and stay; so does "@" used
 *    for "at" ("meet @ 3pm", "@home"), and so do council and NHS web addresses.
 *
 * Precision matters as much as recall: a comment with every "will" and "may" blanked out is useless
 * to a board. So names that are also everyday words ("will", "may", "grace", "mark") are removed only
 * when written with a capital and the sentence points to a person. The ambiguous case the brief names,
 * a sentence that starts "Mark …", is decided by the next word: "Mark said", "Will has", "May told"
 * are people (a modal or an imperative is not followed by "said" or "has"); "Mark my words",
 * "Will you", "May I" are not. For months ("May", "June", "April", "August") "was" and "is" are not
 * enough ("May was awful" is a month); a title, a surname or a speech verb is.
 *
 * When a capitalised word in mid-sentence looks like an unknown proper noun that we did not remove
 * (a nickname, a pet, a village, a game), `needsReview` asks a lead to check the comment. So do
 * shouted comments (ALL CAPS hides the capital-letter cue), comments longer than the NLP pass reads,
 * long digit runs that are neither a phone nor an NHS number, and an everyday word that may be an
 * account ("@sunshine", "my snap is sunshine"). Any span found also sends a contribution for review
 * (contributions.service.ts), and a theme cannot quote a contribution still to be reviewed.
 *
 * Pure and synchronous; no network, no model download. Linear in the text's length (patterns are
 * anchored so they cannot backtrack badly); the NLP pass reads at most NLP_LIMIT characters.
 */
import nlp from 'compromise';
import { FIRST_NAMES, FUNCTION_WORD_NAMES, MONTH_NAMES, WORD_NAMES } from './redaction-data/first-names.ts';
import {
  FLAT_WORDS, KIN_WORDS, MONTHS, NOT_NAMES, NOT_STREET_NAMES, PERSON_VERBS, SAINT_PLACE_FOLLOWERS, SCHOOL_ANCHORS,
  SCHOOL_CONNECTORS, SCHOOL_GENERIC, SPEECH_VERBS, STREET_GENERIC, STREET_TYPES, STREET_TYPES_LOWER, SURNAME_WORDS,
  TEXT_SPEAK, TITLES, WEAK_SCHOOL_ANCHORS, WEEKDAYS, WORD_USE_FOLLOWERS,
} from './redaction-data/vocabulary.ts';
import {
  ACCOUNT_VERBS, ACCOUNT_WORDS, AT_SHORTHAND, EMAIL_PROVIDERS, EMAIL_TLDS, HANDLE_CUES, NOT_LOCAL_PARTS, PERSONAL_SITE_HOSTS,
  PLATFORM_WORDS, PUBLIC_DOMAIN_ENDINGS, SOCIAL_HOSTS, USERNAME_CONNECTORS, USERNAME_PAIRS, USERNAME_WORDS,
} from './redaction-data/online.ts';

export type RedactionKind = 'name' | 'email' | 'phone' | 'postcode' | 'nhs_number' | 'school' | 'address' | 'other';
export type Span = { start: number; end: number; kind: RedactionKind };

/**
 * The engine's version. Raise it whenever it learns to find something it used to miss: every
 * contribution read by an older version is read again (contributions.service.ts rescanRedactions).
 * 2: social-media handles, usernames, profile links and spelled-out emails (issue 10 §4).
 */
export const REDACTION_VERSION = 2;
/** The area's own lists: its participants' and staff's names, its schools and its places. */
export type RedactionContext = { names: readonly string[]; schools: readonly string[]; places: readonly string[] };

/**
 * The NLP pass reads at most NLP_LIMIT characters, in pieces of about NLP_CHUNK: compromise slows down
 * more than linearly on long runs of abbreviations ("St St St …"), so small pieces bound the worst case
 * (about 1 s) while ordinary text takes about 8 ms per 500 characters. The rest gets patterns and lists.
 */
const NLP_LIMIT = 10_000;
const NLP_CHUNK = 500;

// ---------------------------------------------------------------------------------------------
// Words

const setOf = (xs: readonly string[]) => new Set(xs);
const FIRST = setOf(FIRST_NAMES);
const WORDNAME = setOf(WORD_NAMES);
const FUNCNAME = setOf(FUNCTION_WORD_NAMES);
const MONTHNAME = setOf(MONTH_NAMES);
const NOTNAME = setOf(NOT_NAMES);
const MONTH = setOf(MONTHS);
const WEEKDAY = setOf(WEEKDAYS);
const TITLE = setOf(TITLES);
const SPEAK = setOf(TEXT_SPEAK);
const SURNAME_WORD = setOf(SURNAME_WORDS);
const KIN = setOf(KIN_WORDS);
const PERSON_VERB = setOf(PERSON_VERBS);
const SPEECH_VERB = setOf(SPEECH_VERBS);
const WORD_USE = setOf(WORD_USE_FOLLOWERS);
const ANCHOR = setOf(SCHOOL_ANCHORS);
const WEAK_ANCHOR = setOf(WEAK_SCHOOL_ANCHORS);
const CONNECTOR = setOf(SCHOOL_CONNECTORS);
const GENERIC_SCHOOL = setOf(SCHOOL_GENERIC);
const SAINT_FOLLOWER = setOf(SAINT_PLACE_FOLLOWERS);
const STREET = setOf(STREET_TYPES);
const STREET_LOWER = setOf(STREET_TYPES_LOWER);
const GENERIC_STREET = setOf(STREET_GENERIC);
const NOT_STREET_NAME = setOf(NOT_STREET_NAMES);
const FLAT = setOf(FLAT_WORDS);
const EMAIL_PROVIDER = setOf(EMAIL_PROVIDERS);
const EMAIL_TLD = setOf(EMAIL_TLDS);
const NOT_LOCAL_PART = setOf(NOT_LOCAL_PARTS);
const PLATFORM = setOf(PLATFORM_WORDS);
const USERNAME_WORD = setOf(USERNAME_WORDS);
const USERNAME_PAIR = setOf(USERNAME_PAIRS.map(([a, b]) => `${a} ${b}`));
const ACCOUNT_WORD = setOf(ACCOUNT_WORDS);
const ACCOUNT_VERB = setOf(ACCOUNT_VERBS);
const USERNAME_CONNECTOR = setOf(USERNAME_CONNECTORS);
/** Connectors after which the next word is the username itself: "my snap is …", "called …". */
const USERNAME_LINK = setOf(['is', 'its', 'was', 'called', 'as']);
const HANDLE_CUE = setOf(HANDLE_CUES);
const AT_WORD = setOf(AT_SHORTHAND);
const POSSESSIVE_DETERMINERS = setOf(['my', 'our', 'his', 'her', 'their', 'your']);
const NAMING_WORDS = setOf(['called', 'named', 'name', 'names', 'nickname']);
/** After a sentence-initial "Will" or "Mark", these show a person too ("Mark from the bus company"). */
const PERSON_FOLLOWER = setOf(['from', 'who', 'at']);
/** Before a month-name, these make it a date even beside a name ("in May Jayden started"). */
const DETERMINERS = setOf(['the', 'a', 'an', 'this', 'that', 'every', 'each', 'any']);
/** Before a word the library alone calls a name, these suggest a place ("lives near Preston"); "to" and "from" do not ("said to Kerry-Ann"). */
const PLACE_PREPOSITIONS = setOf(['in', 'near', 'around', 'outside', 'towards', 'via']);
const DATE_PREPOSITIONS = setOf(['in', 'since', 'by', 'until', 'till', 'from', 'before', 'after', 'during', 'of', 'last', 'next', 'this', 'early', 'late', 'mid', 'end']);
const SCHOOL_CUES = setOf(['at', 'to', 'from', 'attends', 'attend', 'attending', 'attended', 'in', 'into', 'joined', 'left']);
const FUNCTION_TAGS = /Verb|Adverb|Adjective|Determiner|Pronoun|Preposition|Conjunction|Copula|Modal|Auxiliary|Value|Expression|QuestionWord|Negative/;
const NAME_TAG = /FirstName|MaleName|FemaleName|LastName|Person/;

/** compromise's lexicon (word → tag), for "is this an ordinary English word?". */
const LEXICON: Readonly<Record<string, unknown>> = (() => {
  try {
    const world = nlp.world() as { model?: { one?: { lexicon?: Record<string, unknown> } } };
    return world.model?.one?.lexicon ?? {};
  } catch {
    return {};
  }
})();

function lexiconTag(key: string): string | undefined {
  if (!Object.hasOwn(LEXICON, key)) return undefined;
  const tag = LEXICON[key];
  return Array.isArray(tag) ? tag.join(',') : String(tag);
}

/** True when the lexicon knows the word (or its stem) as something other than a name. */
function isOrdinaryWord(key: string): boolean {
  const stems = [key];
  if (key.endsWith('ies')) stems.push(`${key.slice(0, -3)}y`);
  if (key.endsWith('es')) stems.push(key.slice(0, -2));
  if (key.endsWith('s')) stems.push(key.slice(0, -1));
  if (key.endsWith('ed')) stems.push(key.slice(0, -2), key.slice(0, -1));
  if (key.endsWith('ing')) stems.push(key.slice(0, -3), `${key.slice(0, -3)}e`);
  if (key.endsWith('ly')) stems.push(key.slice(0, -2));
  for (const stem of stems) {
    const tag = lexiconTag(stem);
    if (tag !== undefined && !NAME_TAG.test(tag)) return true;
  }
  return false;
}

/** English word endings that names do not have: "Educational", "Psychology", "appointment". */
const ENGLISH_ENDING = /(?:tion|sion|ment|ness|ity|ism|ist|ional|ical|ual|ive|ous|ology|ician|ship|able|ible)$/;

/** An ordinary word by the lexicon or by its ending. */
function looksEnglish(key: string): boolean {
  return isOrdinaryWord(key) || ENGLISH_ENDING.test(key);
}

function isLexiconName(key: string): boolean {
  const tag = lexiconTag(key);
  return tag !== undefined && NAME_TAG.test(tag);
}

/** Lower case, accents and apostrophes removed: "Wiśniewska" → "wisniewska", "O'Brien" → "obrien". */
function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae');
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token = {
  start: number;
  end: number;
  /** End without a possessive "'s": the name in "Jayden's" is "Jayden". */
  nameEnd: number;
  raw: string;
  /** Folded, possessive removed. */
  key: string;
  /** Folded, possessive kept ("marys"). */
  fullKey: string;
  cap: boolean;
  allCaps: boolean;
  numeric: boolean;
  sentStart: boolean;
  tags: Set<string>;
};

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’‘][\p{L}\p{M}\p{N}]+|-[\p{L}\p{M}\p{N}]+)*/gu;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = m.index;
    const possessive = /['’]s$/iu.test(raw) && raw.length > 2;
    const core = possessive ? raw.slice(0, -2) : raw;
    const first = core.charAt(0);
    const letters = core.replace(/[^\p{L}]/gu, '');
    const previous = tokens.at(-1);
    tokens.push({
      start,
      end: start + raw.length,
      nameEnd: start + core.length,
      raw,
      key: fold(core),
      fullKey: fold(raw),
      cap: /\p{Lu}/u.test(first),
      allCaps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      numeric: /^\p{N}/u.test(core),
      sentStart: isSentenceStart(text, previous, start),
      tags: new Set(),
    });
  }
  return tokens;
}

function isSentenceStart(text: string, previous: Token | undefined, start: number): boolean {
  if (!previous) return true;
  const gap = text.slice(previous.end, start);
  if (!/[.!?\n\r•…:;]/u.test(gap)) return false;
  // "Dr. Patel", "St. Mary's", "J. Smith": a full stop after a title, saint or initial ends no sentence.
  if (/^\.\s*$/u.test(gap) && (TITLE.has(previous.key) || previous.key === 'st' || previous.raw.length === 1)) return false;
  return true;
}

/** Only spaces (or a tab) between two tokens: they can belong to one name, school or street. */
function tight(text: string, a: Token, b: Token): boolean {
  return b.start > a.end && b.start - a.end <= 3 && /^[ \t\u00a0]+$/u.test(text.slice(a.end, b.start));
}

/** Tags from compromise for the first NLP_LIMIT characters; false when the library failed. */
function tagWithNlp(text: string, tokens: Token[]): boolean {
  const limit = Math.min(text.length, NLP_LIMIT);
  let at = 0;
  let ti = 0;
  try {
    while (at < limit) {
      let end = Math.min(limit, at + NLP_CHUNK);
      if (end < limit) {
        // cut at a sentence's end when there is one in the second half of the piece, else at a space
        const sentence = Math.max(text.lastIndexOf('\n', end), text.lastIndexOf('. ', end));
        const space = text.lastIndexOf(' ', end);
        const cut = sentence > at + NLP_CHUNK / 2 ? sentence : space;
        if (cut > at + NLP_CHUNK / 2) end = cut + 1;
      }
      const json = nlp(text.slice(at, end)).json({ offset: true, terms: { offset: true } }) as Array<{
        terms?: Array<{ tags?: string[]; offset?: { start: number; length: number } }>;
      }>;
      for (const sentence of json) {
        for (const term of sentence.terms ?? []) {
          if (!term.offset || !term.tags) continue;
          const s = at + term.offset.start;
          while (ti < tokens.length && tokens[ti]!.end <= s) ti++;
          const token = tokens[ti];
          if (token && token.start <= s) for (const tag of term.tags) token.tags.add(tag);
        }
      }
      at = end;
    }
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Patterns with a fixed shape

const EMAIL = /(?<![\p{L}\p{N}._%+'’-])[\p{L}\p{N}._%+'’-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const NHS = /(?<![\p{N}+])(\d{3})([ -]?)(\d{3})\2(\d{4})(?!\p{N})/gu;
const PHONE = /(?<![\p{N}\p{L}+])(?:\+44[ \t-]?(?:\(0\)[ \t-]?)?|\(?0)\d(?:[ \t\-.)(]{0,2}\d){8,10}(?!\p{N})/gu;
const POSTCODE = /(?<![\p{L}\p{N}])([A-PR-UWYZ][A-HK-Y]?\d[A-HJKMNPR-Y\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;
const LONG_DIGITS = /\d(?:[ -]?\d){8,}/g;

/** The NHS number's mod-11 check: weights 10..2 on the first nine digits; 10 is never valid. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}

function isUkPhone(match: string): boolean {
  let digits = match.replace(/\D/g, '');
  if (match.trimStart().startsWith('+44')) digits = `0${digits.slice(2).replace(/^0/, '')}`; // "+44 (0)7700…"
  if (!/^0[1-35-9]/.test(digits)) return false;
  return digits.length === 11 || (digits.length === 10 && digits.startsWith('01'));
}

function findPatterns(text: string, out: Span[]): void {
  for (const m of text.matchAll(EMAIL)) {
    const lead = /^['’.\-_%+]*/u.exec(m[0])![0].length;
    if (m[0].indexOf('@') > lead) out.push({ start: m.index + lead, end: m.index + m[0].length, kind: 'email' });
  }
  for (const m of text.matchAll(NHS)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    const cue = /nhs/i.test(text.slice(Math.max(0, m.index - 40), m.index));
    if ((isValidNhsNumber(digits) && (digits[0] !== '0' || cue)) || cue) {
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'nhs_number' });
    }
  }
  for (const m of text.matchAll(PHONE)) {
    if (isUkPhone(m[0])) out.push({ start: m.index, end: m.index + m[0].length, kind: 'phone' });
  }
  for (const m of text.matchAll(POSTCODE)) {
    const outward = m[1]!.toUpperCase();
    const inward = m[2]!;
    if (/^\d(st|nd|rd|th)$/i.test(inward)) continue; // "Y6 2nd", "KS2 4th": ordinals, not postcodes
    if (/^[A-Z]\d/.test(outward) && !'BEGLMNSW'.includes(outward[0]!)) continue; // one-letter areas
    if (/^KS\d$/.test(outward)) continue; // key stages
    out.push({ start: m.index, end: m.index + m[0].length, kind: 'postcode' });
  }
}

// ---------------------------------------------------------------------------------------------
// The area's own lists, compiled once per context object

type Phrase = { keys: string[]; kind: RedactionKind; needsCap: boolean };
type CompiledContext = { phrases: Map<string, Phrase[]>; weakNameParts: Set<string> };
const compiledContexts = new WeakMap<RedactionContext, CompiledContext>();

function keysOf(term: string): string[] {
  return [...term.matchAll(WORD)].map((m) => {
    const raw = m[0];
    const key = fold(raw);
    return key === 'saint' ? 'st' : key;
  });
}

function compileContext(context: RedactionContext): CompiledContext {
  const cached = compiledContexts.get(context);
  if (cached) return cached;
  const phrases = new Map<string, Phrase[]>();
  const weakNameParts = new Set<string>();
  const add = (keys: string[], kind: RedactionKind, needsCap: boolean) => {
    if (keys.length === 0) return;
    const list = phrases.get(keys[0]!) ?? [];
    list.push({ keys, kind, needsCap });
    phrases.set(keys[0]!, list);
  };
  for (const name of context.names ?? []) {
    const keys = keysOf(String(name));
    if (keys.length > 1) add(keys, 'name', false);
    const parts = new Set([...keys, ...keys.flatMap((k) => k.split('-'))]);
    for (const part of parts) {
      if (part.length < 3 || NOTNAME.has(part) || TITLE.has(part) || WORDNAME.has(part) || MONTH.has(part) || WEEKDAY.has(part)) continue;
      // "Young", "Hall": a surname that is an everyday word is removed only beside another name.
      if (isOrdinaryWord(part) && !isLexiconName(part)) weakNameParts.add(part);
      else add([part], 'name', true);
    }
  }
  for (const school of context.schools ?? []) {
    const keys = keysOf(String(school));
    add(keys, 'school', false);
    const distinctive = keys.filter((k) => !ANCHOR.has(k) && !CONNECTOR.has(k) && !GENERIC_SCHOOL.has(k));
    // "Larkrise" alone means Larkrise Primary School; "Mary's" alone (from "St Mary's") is more likely a person
    const personal = distinctive.length === 1 && [distinctive[0]!, distinctive[0]!.replace(/s$/, '')].some((k) => FIRST.has(k) || WORDNAME.has(k) || isLexiconName(k));
    if (distinctive.length > 0 && !personal && distinctive.join('').length >= 4 && distinctive.length < keys.length) {
      const first = keys.indexOf(distinctive[0]!);
      add(keys.slice(first, first + distinctive.length), 'school', true);
    }
  }
  for (const place of context.places ?? []) {
    const keys = keysOf(String(place));
    add(keys, 'address', keys.length === 1);
  }
  const compiled = { phrases, weakNameParts };
  compiledContexts.set(context, compiled);
  return compiled;
}

function findContextPhrases(text: string, tokens: Token[], compiled: CompiledContext, out: Span[], isName: boolean[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    const candidates = compiled.phrases.get(first.key === 'saint' ? 'st' : first.key);
    if (!candidates) continue;
    for (const phrase of candidates) {
      if (phrase.needsCap && !first.cap) continue;
      let j = 0;
      for (; j < phrase.keys.length; j++) {
        const token = tokens[i + j];
        if (!token) break;
        const key = token.key === 'saint' ? 'st' : token.key;
        if (key !== phrase.keys[j] && token.fullKey !== phrase.keys[j]) break;
        if (j > 0 && !/^[\s\u00a0]+$/u.test(text.slice(tokens[i + j - 1]!.end, token.start))) break;
      }
      if (j !== phrase.keys.length) continue;
      const last = tokens[i + j - 1]!;
      const end = phrase.kind === 'name' ? last.nameEnd : last.end;
      out.push({ start: first.start, end, kind: phrase.kind });
      if (phrase.kind === 'name') for (let k = i; k < i + j; k++) isName[k] = true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses and schools

function isStreetName(token: Token): boolean {
  if (token.numeric || NOT_STREET_NAME.has(token.key) || (STREET.has(token.key) && !token.cap)) return false;
  if (token.cap) return !NOTNAME.has(token.key) && !MONTH.has(token.key) && !WEEKDAY.has(token.key);
  return !FUNCTION_TAGS.test(tagsOf(token)) && !SPEAK.has(token.key);
}

function isStreetType(token: Token): boolean {
  if (!STREET.has(token.key)) return false;
  // "St" and "Dr" are streets only when capitalised ("Church St"); in lower case they are too common.
  if (token.key === 'st' || token.key === 'dr') return token.cap;
  return token.cap || STREET_LOWER.has(token.key);
}

/** "14 Acacia Avenue", "5B Station Road", "12 The Green": the index of the street type, or -1. */
function streetAfterNumber(text: string, tokens: Token[], i: number): number {
  let j = i + 1;
  if (tokens[j]?.key === 'the' && tokens[j]!.cap && tight(text, tokens[i]!, tokens[j]!)) j++;
  const firstName = j;
  for (; j < tokens.length && j <= i + 4; j++) {
    const w = tokens[j]!;
    if (!tight(text, tokens[j - 1]!, w)) return -1;
    if (j > i + 1 && isStreetType(w)) {
      const names = tokens.slice(firstName, j);
      const cased = names.every((n) => n.cap);
      // lower-case names ("12 acacia avenue") only with a street word that is rarely anything else
      if (cased || STREET_LOWER.has(w.key)) return j;
    }
    if (!isStreetName(w)) return -1;
  }
  return -1;
}

/** "on Acacia Avenue", "Church St": the index of the street's first word before a street type, or -1. */
function streetBeforeType(text: string, tokens: Token[], i: number): number {
  const t = tokens[i]!;
  if (i === 0 || !t.cap || t.allCaps || !STREET.has(t.key)) return -1;
  const next = tokens[i + 1];
  if ((t.key === 'st' || t.key === 'dr') && next && next.cap && tight(text, t, next)) return -1; // "St Mary's", "Dr Ahmed"
  let first = -1;
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    const w = tokens[j]!;
    if (!w.cap || w.allCaps || w.numeric || !tight(text, w, tokens[j + 1]!)) break;
    if (NOTNAME.has(w.key) || MONTH.has(w.key) || WEEKDAY.has(w.key) || TITLE.has(w.key)) break;
    first = j;
    if (w.sentStart) break;
  }
  return first >= 0 && !GENERIC_STREET.has(tokens[first]!.key) ? first : -1;
}

function findAddresses(text: string, tokens: Token[], out: Span[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    // "Flat 3", "Apartment 12B"
    if (FLAT.has(t.key) && next && /^\d{1,4}[a-z]?$/i.test(next.raw) && tight(text, t, next)) {
      const before = tokens[i - 1];
      if (t.cap || (before && ['in', 'at', 'is', 'our', 'my', 'address'].includes(before.key))) {
        out.push({ start: t.start, end: next.end, kind: 'address' });
      }
    }
    // a house number, not the end of a time or a decimal ("3.30", "10:15")
    if (/^\d{1,4}[a-z]?(?:-\d{1,4}[a-z]?)?$/i.test(t.raw) && !/[.:]$/.test(text.slice(0, t.start))) {
      const end = streetAfterNumber(text, tokens, i);
      if (end >= 0) out.push({ start: t.start, end: tokens[end]!.end, kind: 'address' });
    }
    const first = streetBeforeType(text, tokens, i);
    if (first >= 0) out.push({ start: tokens[first]!.start, end: t.end, kind: 'address' });
  }
}

function isSchoolNameWord(token: Token, capMode: boolean): boolean {
  if (token.numeric) return false;
  if (token.cap) return !NOTNAME.has(token.key) || CONNECTOR.has(token.key) || ANCHOR.has(token.key);
  if (['of', 'and', 'the'].includes(token.key)) return capMode;
  if (capMode) return false;
  if (GENERIC_SCHOOL.has(token.key) || SPEAK.has(token.key) || NOTNAME.has(token.key)) return false;
  return !FUNCTION_TAGS.test([...token.tags].join(','));
}

function findSchools(text: string, tokens: Token[], out: Span[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Welsh-medium schools: "Ysgol Y Graig", "Ysgol Gymraeg Aberystwyth"
    if (t.key === 'ysgol') {
      let j = i;
      while (tokens[j + 1] && tight(text, tokens[j]!, tokens[j + 1]!) && (tokens[j + 1]!.cap || ['y', 'yr', 'gymraeg'].includes(tokens[j + 1]!.key)) && j < i + 4) j++;
      if (j > i) out.push({ start: t.start, end: tokens[j]!.end, kind: 'school' });
      continue;
    }
    // "St Mary's", "st marys" (a school unless a hospital, church or road follows)
    if ((t.key === 'st' || t.key === 'saint') && tokens[i + 1]) {
      const name = tokens[i + 1]!;
      const gapOk = tight(text, t, name) || /^\.\s{1,2}$/.test(text.slice(t.end, name.start));
      const nameLike = name.cap
        ? !NOTNAME.has(name.key) && !name.allCaps
        : FIRST.has(name.key) || FIRST.has(name.key.replace(/s$/, '')) || WORDNAME.has(name.key.replace(/s$/, ''));
      const previous = tokens[i - 1];
      // "Church St" followed by a lower-case word is a street abbreviation, not a saint
      const streetAbbreviation = previous !== undefined && previous.cap && !previous.sentStart && tight(text, previous, t) && !name.cap;
      const follower = tokens[i + 2];
      const placeFollows = follower !== undefined && SAINT_FOLLOWER.has(follower.key) && /^['’]?\s{1,2}$/u.test(text.slice(name.end, follower.start));
      if (gapOk && nameLike && !streetAbbreviation && !placeFollows) {
        const end = extendSchool(text, tokens, i + 1);
        out.push({ start: t.start, end: tokens[end]!.end, kind: 'school' });
        continue;
      }
    }
    if (!ANCHOR.has(t.key) || t.allCaps && t.key !== 'pru') continue;
    const capMode = t.cap;
    let first = i;
    for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
      const w = tokens[j]!;
      if (!tight(text, w, tokens[j + 1]!) || !isSchoolNameWord(w, capMode || w.cap)) break;
      first = j;
      if (w.sentStart) break;
    }
    // connectors cannot start a name ("of Oakfield Primary" starts at Oakfield)
    while (first < i && ['of', 'and', 'the'].includes(tokens[first]!.key)) first++;
    const chain = tokens.slice(first, i);
    const distinctive = chain.filter((w) => !CONNECTOR.has(w.key) && !ANCHOR.has(w.key) && !GENERIC_SCHOOL.has(w.key));
    if (distinctive.length === 0) continue;
    const anyCap = distinctive.some((w) => w.cap);
    if (WEAK_ANCHOR.has(t.key) && !anyCap) continue;
    if (!anyCap) {
      // lower case: "goes to brook house school" needs a cue word before it, or a word no dictionary knows
      const cue = tokens[first - 1];
      const unknown = distinctive.some((w) => !isOrdinaryWord(w.key) && !isLexiconName(w.key));
      if (!(cue && SCHOOL_CUES.has(cue.key)) && !unknown) continue;
    }
    const end = extendSchool(text, tokens, i);
    out.push({ start: chain[0]!.start, end: tokens[end]!.end, kind: 'school' });
  }
}

/** Words that may follow a school's name word before its type: "C of E Primary School", "SEN unit". */
const SCHOOL_TAIL = setOf(['c', 'e', 'ce', 'cofe', 'rc', 'of', 'england', 'church', 'catholic', 'community', 'sen', 'send', 'asd', 'resource', 'sixth', 'form', 'and', 'infant', 'nursery']);

/** Takes in the school words that follow: "Primary" + "School", "C of E Primary School", "SEN unit". */
function extendSchool(text: string, tokens: Token[], at: number): number {
  let lastAnchor = -1;
  for (let j = at + 1; j < tokens.length && j <= at + 6; j++) {
    const w = tokens[j]!;
    if (!tight(text, tokens[j - 1]!, w) || !(ANCHOR.has(w.key) || SCHOOL_TAIL.has(w.key))) break;
    // "Oakfield Primary school" yes; "Oakfield Primary and" no; lower-case tails only in lower-case names
    if (!w.cap && !ANCHOR.has(w.key) && !['of', 'and'].includes(w.key) && tokens[at]!.cap) break;
    if (ANCHOR.has(w.key)) lastAnchor = j;
  }
  // a tail ("C of E", "SEN") counts only when a school word ends it: "St Mary's C of E." stops at Mary's
  return lastAnchor > at ? lastAnchor : at;
}

// ---------------------------------------------------------------------------------------------
// Names

function tagsOf(token: Token): string {
  return [...token.tags].join(',');
}

function notAName(token: Token): boolean {
  return (
    NOTNAME.has(token.key) || (MONTH.has(token.key) && !MONTHNAME.has(token.key)) || WEEKDAY.has(token.key) || TITLE.has(token.key) ||
    ANCHOR.has(token.key) || SPEAK.has(token.key) || token.numeric || token.key.length < 2
  );
}

/** A word right after a title: "Mrs Hughes", "miss khan", "Ms Brown", "Dr. Patel-Singh". */
function surnameAfterTitle(token: Token, title: Token): boolean {
  const key = token.key;
  if (token.numeric || SPEAK.has(key)) return false;
  // "miss" and "sir" are also everyday words for a teacher ("sir will help", "i miss school")
  const loose = title.key === 'miss' || title.key === 'sir';
  if (FIRST.has(key) || (isLexiconName(key) && !WORDNAME.has(key))) return true;
  if (WORDNAME.has(key) || SURNAME_WORD.has(key)) return token.cap || (!loose && SURNAME_WORD.has(key));
  if (notAName(token) || (STREET.has(key) && !token.cap)) return false;
  if (token.cap && !token.allCaps) return !FUNCTION_TAGS.test(tagsOf(token)) || token.tags.has('ProperNoun');
  if (loose || title.key === 'dr') return !looksEnglish(key) && key.length >= 3;
  return !looksEnglish(key) && !FUNCTION_TAGS.test(tagsOf(token));
}

/** A capitalised word right after a name: "Priya Shah", "Fatima Begum", "tom evans". */
function surnameAfterName(token: Token, weakParts: Set<string>): boolean {
  if (notAName(token) || STREET.has(token.key) || token.sentStart) return false;
  if (weakParts.has(token.key)) return true;
  if (token.cap) {
    if (token.allCaps && token.key.length <= 5) return false;
    return !isOrdinaryWord(token.key) || isLexiconName(token.key) || FIRST.has(token.key);
  }
  return lexiconTag(token.key)?.includes('LastName') === true;
}

type NameState = { isName: boolean[]; shouting: boolean; nlpOk: boolean; cue: boolean[] };

function nameFromWords(text: string, tokens: Token[], i: number, state: NameState): boolean {
  const t = tokens[i]!;
  const key = t.key;
  if (notAName(t) && !MONTHNAME.has(key)) return false;
  // "St Thomas' Hospital", "St Mary's": a saint, not a person in the comment
  const previous = tokens[i - 1];
  if (previous && (previous.key === 'st' || previous.key === 'saint') && /^\.?[ \t]{1,2}$/.test(text.slice(previous.end, t.start))) return false;
  // ALL CAPS hides the capital-letter cue: only the first-name list and "my son …" cues count
  if (state.shouting) return (FIRST.has(key) && key.length >= 3) || (state.cue[i] === true && !isOrdinaryWord(key));
  const parts = key.includes('-') ? key.split('-') : [key];
  const isFirst = parts.every((p) => FIRST.has(p) || WORDNAME.has(p)) && parts.some((p) => FIRST.has(p) || parts.length > 1);
  const next = tokens[i + 1];
  const nextKey = next && /^,?[ \t]{1,2}$/.test(text.slice(t.end, next.start)) ? next.key : '';
  if (isFirst && (t.cap || t.allCaps || key.length >= 3) && !WORDNAME.has(key)) return true;
  // "jaydens mum": a first name with its apostrophe left out
  if (!t.cap && key.endsWith('s') && key.length >= 5 && FIRST.has(key.slice(0, -1)) && !isOrdinaryWord(key)) return true;
  if (state.cue[i]) return !isOrdinaryWord(key) || WORDNAME.has(key) || FIRST.has(key) || (t.cap && !FUNCTION_TAGS.test(tagsOf(t)));
  if (WORDNAME.has(key) || (isFirst && parts.length > 1)) {
    if (!t.cap || t.allCaps) return false;
    if (MONTHNAME.has(key)) return SPEECH_VERB.has(nextKey) || (next !== undefined && tight(text, t, next) && next.cap && lexiconTag(next.key)?.includes('LastName') === true);
    if (key === 'eve' && ['christmas', 'years', 'hallows'].includes(previous?.key ?? '')) return false;
    // "the Dean", "a Will", "this May": a determiner makes it the everyday word
    if (previous && DETERMINERS.has(previous.key) && tight(text, previous, t)) return false;
    if (!t.sentStart) return true;
    // "Will said", "Mark from the bus company": a person. "Will you", "Mark my words": not.
    if (FUNCNAME.has(key)) return PERSON_VERB.has(nextKey) || PERSON_FOLLOWER.has(nextKey) || (state.nlpOk && t.tags.has('Person') && !t.tags.has('Modal'));
    return !WORD_USE.has(nextKey);
  }
  if (!state.nlpOk) return false;
  const tags = tagsOf(t);
  const personTag = NAME_TAG.test(tags) && !t.tags.has('Honorific');
  // "near Preston": a name only the library knows, after a place word, is more likely a town.
  // It is left for a lead to check (needsReview) rather than removed.
  if (previous && PLACE_PREPOSITIONS.has(previous.key)) return false;
  if (t.cap && !t.allCaps) {
    if (personTag) return !(t.sentStart && isOrdinaryWord(key));
    if (!t.sentStart && isLexiconName(key) && !isOrdinaryWord(key)) return true;
    return false;
  }
  // lower case: compromise's own first-name list, when the word is nothing else
  return personTag && /MaleName|FemaleName/.test(lexiconTag(key) ?? '') && !isOrdinaryWord(key) && key.length >= 3 && !WORDNAME.has(key);
}

/** Marks words after "my son", "called", "his name is", and around "me and …". */
function markCues(text: string, tokens: Token[]): boolean[] {
  const cue: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(t.end, next.start);
    const near = /^[ \t]{1,2}$|^,[ \t]{0,2}$|^[ \t]*\([ \t]*$/.test(gap);
    if (!near) continue;
    const before = tokens[i - 1];
    const afterKin = KIN.has(t.key) && before !== undefined && (POSSESSIVE_DETERMINERS.has(before.key) || (before.key === 'best' && POSSESSIVE_DETERMINERS.has(tokens[i - 2]?.key ?? '')));
    const afterNaming = NAMING_WORDS.has(t.key) && t.key !== 'name' && t.key !== 'names'
      || (t.key === 'is' && ['name', 'names'].includes(before?.key ?? ''));
    if (afterKin || afterNaming) {
      cue[i + 1] = true;
      // "my twins Will and Grace"
      const and = tokens[i + 2];
      const second = tokens[i + 3];
      if (and && second && ['and', '&'].includes(and.key) && tight(text, next, and) && tight(text, and, second)) cue[i + 3] = true;
    }
    // "me and lily", "lily and me"
    if (t.key === 'me' && ['and', 'n'].includes(next.key) && tokens[i + 2] && tight(text, next, tokens[i + 2]!)) {
      const candidate = tokens[i + 2]!;
      if (FIRST.has(candidate.key) || WORDNAME.has(candidate.key)) cue[i + 2] = true;
    }
    if (['and', 'n'].includes(next.key) && tokens[i + 2]?.key === 'me' && (FIRST.has(t.key) || WORDNAME.has(t.key))) cue[i] = true;
  }
  return cue;
}

function findNames(text: string, tokens: Token[], compiled: CompiledContext, state: NameState, out: Span[]): void {
  const { isName } = state;
  const push = (from: number, to: number) => {
    for (let k = from; k <= to; k++) isName[k] = true;
    out.push({ start: tokens[from]!.start, end: tokens[to]!.nameEnd, kind: 'name' });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Titles: "Mrs Hughes", "Dr. Patel-Singh", "Mr John Smith"
    if (TITLE.has(t.key) && tokens[i + 1]) {
      const a = tokens[i + 1]!;
      const gap = text.slice(t.end, a.start);
      if (/^\.?[ \t]{1,2}$/.test(gap) && !(t.key === 'miss' && !t.cap && !FIRST.has(a.key) && !isLexiconName(a.key)) && surnameAfterTitle(a, t)) {
        let last = i + 1;
        const b = tokens[i + 2];
        if (b && a.cap && b.cap && tight(text, a, b) && !notAName(b) && !STREET.has(b.key) && !ANCHOR.has(b.key) && (!isOrdinaryWord(b.key) || isLexiconName(b.key))) last = i + 2;
        // "Mr and Mrs Kaur" is one name
        const and = tokens[i - 1];
        const otherTitle = tokens[i - 2];
        const pair = and && otherTitle && ['and', '&'].includes(and.key) && TITLE.has(otherTitle.key) && /^\.?[ \t]{1,2}$/.test(text.slice(otherTitle.end, and.start)) && tight(text, and, t);
        push(pair ? i - 2 : i, last);
        i = last;
        continue;
      }
    }
    if (isName[i]) continue;
    if (nameFromWords(text, tokens, i, state)) push(i, i);
  }
  // Surnames after any name found: "Priya Shah", "Oluwaseun Adeyemi", "Bethan Lloyd-Williams"
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!isName[i] || isName[i + 1]) continue;
    const t = tokens[i]!;
    const n = tokens[i + 1]!;
    if (t.nameEnd !== t.end || !tight(text, t, n)) continue;
    if (surnameAfterName(n, compiled.weakNameParts)) {
      isName[i + 1] = true;
      out.push({ start: n.start, end: n.nameEnd, kind: 'name' });
    }
  }
  // A capitalised word-name just before a name: "Faith Okonjo", "Will Parker" (but "in May Jayden …" is a date)
  for (let i = tokens.length - 2; i >= 0; i--) {
    const t = tokens[i]!;
    if (isName[i] || !isName[i + 1] || !t.cap || t.allCaps || !WORDNAME.has(t.key) || !tight(text, t, tokens[i + 1]!) || t.nameEnd !== t.end) continue;
    if (MONTHNAME.has(t.key) && DATE_PREPOSITIONS.has(tokens[i - 1]?.key ?? '')) continue;
    isName[i] = true;
    out.push({ start: t.start, end: t.nameEnd, kind: 'name' });
  }
}

// ---------------------------------------------------------------------------------------------
// Online identities: profile links, handles, usernames, spelled-out emails. Issue 10 §4: "follow me
// on insta @jess_okafor_2012" was neither removed nor flagged, and a lead quoted it onto the public
// page, the feed and the exports. An account finds a child as surely as a phone number does.
//
// Handles, usernames and links are reported as `other` (the redaction table's kinds are fixed by a
// CHECK constraint, and a lead adds the same details as "Something else"); spelled-out addresses as
// `email`. Names, schools and places found inside an account ("Priya" in "@Priya_Shah_Mum") give way
// to it, so the whole handle becomes one placeholder.

const escapeHost = (host: string) => host.replace(/\./g, '\\.');
/** A link's path: up to a space, a quote or a bracket (links are often written "(instagram.com/x)"). */
const PATH = '/[^\\s<>"“”‘’()\\[\\]{}]{1,300}';
/** Any page on a social site, with or without "https://" and "www.", "m." or "vm.". */
const PROFILE_LINK = new RegExp(
  `(?<![\\p{L}\\p{N}@._/-])(?:https?://)?(?:[a-z0-9-]{1,30}\\.){0,2}(?:${SOCIAL_HOSTS.map(escapeHost).join('|')})(${PATH})`,
  'giu',
);
/** A personal site: "jessokafor.wordpress.com", with or without a path. */
const PERSONAL_SITE = new RegExp(
  `(?<![\\p{L}\\p{N}@._/-])(?:https?://)?(?!www\\.)[a-z0-9-]{1,63}\\.(?:${PERSONAL_SITE_HOSTS.map(escapeHost).join('|')})(?:${PATH})?(?![\\p{L}\\p{N}-])`,
  'giu',
);
/** A sentence's full stop or comma is not part of a link or a username. */
const TRAILING_PUNCTUATION = /[.,;:!?…'’-]+$/u;

/** "@name": not after a letter (an email), a slash (a link's "tiktok.com/@x") or another "@". */
const HANDLE = /(?<![\p{L}\p{N}_.@/+-])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.]{0,38}[\p{L}\p{N}_])?)(?![\p{L}\p{N}_@])/gu;

/** "at" spelled out or bracketed, or an "@" with spaces both sides ("jess @ gmail dot com"). */
const SPELLED_AT = /[([{<][ \t]?at[ \t]?[)\]}>]|(?<![\p{L}\p{N}])at(?![\p{L}\p{N}])|(?<=[ \t])@(?=[ \t])/giu;
const DOT_AFTER = /[ \t]{0,3}[([{<][ \t]?dot[ \t]?[)\]}>][ \t]{0,3}|[ \t]{1,3}dot[ \t]{1,3}|\./iuy;
const JOIN_BEFORE = /(?:[ \t]{0,3}[([{<][ \t]?dot[ \t]?[)\]}>][ \t]{0,3}|[ \t]{1,3}(?:dot|underscore)[ \t]{1,3}|\.)$/iu;
const DOMAIN_LABEL = /[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?/uy;
const LOCAL_CHAR = /[\p{L}\p{N}_%+'’-]/u;

function findLinks(text: string, out: Span[]): void {
  for (const m of text.matchAll(PROFILE_LINK)) {
    const link = m[0].replace(TRAILING_PUNCTUATION, '');
    const path = m[1]!.slice(0, m[1]!.length - (m[0].length - link.length));
    // "facebook.com/" names nobody: the path must hold a letter or a digit
    if (/[\p{L}\p{N}]/u.test(path)) out.push({ start: m.index, end: m.index + link.length, kind: 'other' });
  }
  for (const m of text.matchAll(PERSONAL_SITE)) {
    const link = m[0].replace(TRAILING_PUNCTUATION, '');
    out.push({ start: m.index, end: m.index + link.length, kind: 'other' });
  }
}

/**
 * What an "@word" is: an account; "@" written for "at" ("@home", "@3pm", "@riverside.gov.uk"); or
 * an everyday word that may still be an account ("@sunshine"), which a lead should check.
 */
function judgeHandle(name: string, cued: boolean): 'account' | 'word' | 'unsure' {
  const key = fold(name);
  if (!/\p{L}/u.test(name) || /^\d{1,2}(?:[.:]\d{2})?(?:am|pm)$/iu.test(name)) return 'word';
  if (PUBLIC_DOMAIN_ENDINGS.some((ending) => key.endsWith(ending))) return 'word';
  if (/[\p{N}_.]/u.test(name) || /\p{Ll}\p{Lu}/u.test(name)) return 'account';
  if (AT_WORD.has(key) || FUNCTION_TAGS.test(lexiconTag(key) ?? '')) return 'word';
  if (cued) return 'account';
  return looksEnglish(key) || SPEAK.has(key) ? 'unsure' : 'account';
}

/** A platform or "follow", "add", "DM" in the handle's sentence, just before it or just after. */
function handleIsCued(tokens: Token[], first: number, end: number): boolean {
  for (let j = first - 1; j >= 0 && j >= first - 5; j--) {
    const t = tokens[j]!;
    if (PLATFORM.has(t.key) || HANDLE_CUE.has(t.key)) return true;
    if (t.sentStart) break;
  }
  let after = first;
  while (after < tokens.length && tokens[after]!.start < end) after++;
  for (let j = after; j < tokens.length && j < after + 3; j++) {
    const t = tokens[j]!;
    if (t.sentStart) break;
    if (PLATFORM.has(t.key)) return true;
  }
  return false;
}

/** Returns true when an "@word" might be an account but was kept. */
function findHandles(text: string, tokens: Token[], out: Span[]): boolean {
  let unsure = false;
  let first = 0;
  for (const m of text.matchAll(HANDLE)) {
    const name = m[1]!;
    while (first < tokens.length && tokens[first]!.start <= m.index) first++;
    const verdict = judgeHandle(name, handleIsCued(tokens, first, m.index + m[0].length));
    if (verdict === 'account') out.push({ start: m.index, end: m.index + m[0].length, kind: 'other' });
    else if (verdict === 'unsure') unsure = true;
  }
  return unsure;
}

const CANDIDATE = /[\p{L}\p{M}\p{N}_.#-]{1,64}/uy;

/** The username starting at `at`, across the dots, underscores and "#1234" that split it into words. */
function candidateAt(text: string, at: number): string {
  CANDIDATE.lastIndex = at;
  const m = CANDIDATE.exec(text);
  return m ? m[0].replace(/[.#-]+$/u, '') : '';
}

/** Shaped like a username rather than a word: "kai.b2011", "BlazeKing_09", "frostbyte#4821". */
function usernameShaped(candidate: string, camelCounts: boolean): boolean {
  if (!/\p{L}/u.test(candidate)) return false;
  // year groups, ordinals, times and abbreviations: "Y6", "3rd", "2pm", "e.g"
  if (/^(?:y|yr|year|ks)\d{1,2}$|^\d+(?:st|nd|rd|th|am|pm|s|yrs?|hrs?|mins?)$|^(?:\p{L}\.)+\p{L}?$/iu.test(candidate)) return false;
  return /[\p{N}_#]/u.test(candidate) || /[\p{L}\p{N}]\.[\p{L}\p{N}]/u.test(candidate) || (camelCounts && /\p{Ll}\p{Lu}/u.test(candidate));
}

/**
 * Usernames given without an "@": "my snap is kai.b2011", "my gamertag is Tilly Bird 22", "add me on
 * insta: lilbean.x". After a mere mention of a platform ("on tiktok 24/7") only a username-shaped word
 * counts; when someone is plainly giving an account ("my snap is", "username is", "add me on snap")
 * any word no dictionary knows does too, and an everyday noun ("my snap is sunflower") asks for a
 * lead's review. Returns true when such a doubt was left.
 */
function findUsernames(text: string, tokens: Token[], out: Span[]): boolean {
  let unsure = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const previous = tokens[i - 1];
    const pair = previous !== undefined && tight(text, previous, t) && USERNAME_PAIR.has(`${previous.key} ${t.key}`);
    const owned = previous !== undefined && (POSSESSIVE_DETERMINERS.has(previous.key) || PLATFORM.has(previous.key));
    const naming = USERNAME_WORD.has(t.key) || pair || (ACCOUNT_WORD.has(t.key) && owned);
    if (!naming && !PLATFORM.has(t.key)) continue;
    const asked = tokens.slice(Math.max(0, i - 3), i).some((w) => ACCOUNT_VERB.has(w.key));
    const strong = naming || owned || asked || /^[ \t]*[:=–-]/u.test(text.slice(t.end, t.end + 4));
    let linked = false;
    for (let j = i + 1; j < tokens.length && j <= i + 6; j++) {
      const c = tokens[j]!;
      const gap = text.slice(tokens[j - 1]!.end, c.start);
      // only spaces and one ":", "=" or dash may come between: a full stop ends the search, and a
      // handle ("@ameliah_11") is the handle pass's
      if (!/^[ \t]*[:=–-]?[ \t]*$/u.test(gap)) break;
      const candidate = candidateAt(text, c.start);
      if (usernameShaped(candidate, strong)) {
        out.push({ start: c.start, end: c.start + candidate.length, kind: 'other' });
        break;
      }
      // A plain word is a username only straight after "is", "called", a colon, or "add me on snap":
      // "my snap streak", "my discord server", "my ps5 is the best" are about the app.
      const afterLink = linked || /[:=–-]/u.test(gap) || (j === i + 1 && asked);
      // "my xbox gamertag is …": the naming word is a connector here, and starts its own search
      if (USERNAME_CONNECTOR.has(c.key) || USERNAME_WORD.has(c.key) || ACCOUNT_WORD.has(c.key)) {
        linked = USERNAME_LINK.has(c.key);
        continue;
      }
      if (!strong || !afterLink || notAName(c) || PLATFORM.has(c.key) || (c.allCaps && c.key.length <= 6)) break;
      // a word no dictionary knows, or a first name ("Tilly": "til" + "ly" looks English to the stemmer)
      if (!looksEnglish(c.key) || FIRST.has(c.key) || (c.cap && isLexiconName(c.key))) {
        // Xbox gamertags may hold spaces: "Tilly Bird 22"
        let last = j;
        while (naming && c.cap && last < j + 2 && tokens[last + 1] && tight(text, tokens[last]!, tokens[last + 1]!) && (tokens[last + 1]!.cap || tokens[last + 1]!.numeric)) last++;
        out.push({ start: c.start, end: last === j ? c.start + candidate.length : tokens[last]!.end, kind: 'other' });
      } else if (/Noun/.test(tagsOf(c)) && !FUNCTION_TAGS.test(`${tagsOf(c)},${lexiconTag(c.key) ?? ''}`) && !POSSESSIVE_DETERMINERS.has(c.key) && !DETERMINERS.has(c.key)) {
        // "my snap is sunshine": an everyday noun may still be the account
        unsure = true;
      }
      break;
    }
  }
  return unsure;
}

/** The domain after a spelled "at": its labels, where it ends, and whether a "dot" was spelled out. */
function domainAfter(text: string, from: number): { labels: string[]; end: number; spelled: boolean } {
  let at = from;
  while (at < text.length && at - from < 3 && (text[at] === ' ' || text[at] === '\t')) at++;
  const labels: string[] = [];
  let end = at;
  let spelled = false;
  for (let n = 0; n < 6; n++) {
    DOMAIN_LABEL.lastIndex = at;
    const label = DOMAIN_LABEL.exec(text);
    if (!label) break;
    if (n > 0 && text.slice(end, at) !== '.') spelled = true;
    labels.push(fold(label[0]));
    end = at + label[0].length;
    DOT_AFTER.lastIndex = end;
    const dot = DOT_AFTER.exec(text);
    if (!dot) break;
    at = end + dot[0].length;
  }
  return { labels, end, spelled };
}

/** The local part before a spelled "at": "jess dot okafor", "ellie underscore r", "leon.b". */
function localBefore(text: string, to: number): { start: number; labels: string[] } {
  let at = to;
  while (at > 0 && to - at < 3 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  const labels: string[] = [];
  let start = at;
  for (let n = 0; n < 5; n++) {
    let s = at;
    while (s > 0 && at - s < 64 && LOCAL_CHAR.test(text[s - 1]!)) s--;
    if (s === at) break;
    labels.unshift(text.slice(s, at));
    start = s;
    const join = JOIN_BEFORE.exec(text.slice(Math.max(0, s - 16), s));
    if (!join) break;
    at = s - join[0].length;
  }
  // a leading apostrophe or hyphen is punctuation, not the address ("'jess at gmail'")
  const lead = labels.length > 0 ? /^['’_%+-]*/u.exec(labels[0]!)![0].length : 0;
  if (lead > 0) labels[0] = labels[0]!.slice(lead);
  return { start: start + lead, labels: labels.filter((l) => l.length > 0) };
}

/**
 * Email addresses written to get past a filter: "jess dot okafor at gmail dot com", "sarah (at)
 * hotmail (dot) co (dot) uk", "leon.b at gmail". The domain must end in a known ending or start with
 * a known provider. Because "at" is an everyday word, with a plain "at" something else must show
 * the address was spelled out on purpose ("dot" in words, a provider, a local part with dots, digits
 * or underscores): "Mum at 3 o'clock", "we met at Tesco" and "see it at nhs.uk" stay.
 */
function findSpelledEmails(text: string, out: Span[]): void {
  for (const m of text.matchAll(SPELLED_AT)) {
    const domain = domainAfter(text, m.index + m[0].length);
    if (domain.labels.length === 0) continue;
    const provider = EMAIL_PROVIDER.has(domain.labels[0]!);
    if (!provider && !(domain.labels.length >= 2 && EMAIL_TLD.has(domain.labels.at(-1)!))) continue;
    const local = localBefore(text, m.index);
    if (local.labels.length === 0 || (local.labels.length === 1 && NOT_LOCAL_PART.has(fold(local.labels[0]!)))) continue;
    const plainAt = m[0].toLowerCase() === 'at';
    const deliberate = !plainAt || provider || domain.spelled || local.labels.length > 1 || /[\p{N}_]/u.test(local.labels.join(''));
    if (deliberate) out.push({ start: local.start, end: domain.end, kind: 'email' });
  }
}

/**
 * Every online identity in the text; what it found is pushed to `out` and returned as `accounts`.
 * `unsure` is true when something that may be an account was kept.
 */
function findOnlineIdentities(text: string, tokens: Token[], out: Span[]): { accounts: Span[]; unsure: boolean } {
  const accounts: Span[] = [];
  findLinks(text, accounts);
  const unsureHandle = findHandles(text, tokens, accounts);
  const unsureUsername = findUsernames(text, tokens, accounts);
  findSpelledEmails(text, out);
  out.push(...accounts);
  return { accounts, unsure: unsureHandle || unsureUsername };
}

/** Names, schools and places wholly inside a handle or link give way to it: "@Priya_Shah_Mum" is one account. */
function withoutWordsInsideAccounts(spans: readonly Span[], accounts: readonly Span[]): Span[] {
  if (accounts.length === 0) return [...spans];
  const wordKinds: readonly RedactionKind[] = ['name', 'school', 'address'];
  return spans.filter((s) => !(wordKinds.includes(s.kind) && accounts.some((a) => a.start <= s.start && s.end <= a.end)));
}

// ---------------------------------------------------------------------------------------------
// Review

function looksLikeMissedProperNoun(token: Token, previous: Token | undefined, covered: boolean): boolean {
  if (covered || !token.cap || token.sentStart || token.numeric) return false;
  if (previous && (previous.key === 'st' || previous.key === 'saint')) return false; // a saint's name
  if (token.allCaps && token.key.length <= 6) return false; // acronyms: ADHD, CAMHS, SALT
  const key = token.key;
  if (notAName(token) || MONTHNAME.has(key) || STREET.has(key) || CONNECTOR.has(key) || GENERIC_SCHOOL.has(key)) return false;
  if (WORDNAME.has(key)) return false; // a word-name we chose to keep ("in May") is a decision, not a doubt
  if (looksEnglish(key)) return false;
  const tags = tagsOf(token);
  if (/Place|Country|City|Region|Organization/.test(tags) && !NAME_TAG.test(tags)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Putting spans together

const PRIORITY: Record<RedactionKind, number> = {
  email: 8, nhs_number: 7, phone: 6, postcode: 5, school: 4, address: 3, name: 2, other: 1,
};

/** Sorted, non-overlapping spans; touching ones and same-kind neighbours across spaces made one. */
function normalise(text: string, spans: readonly Span[]): Span[] {
  const valid = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= text.length && s.end > s.start && s.kind in PRIORITY)
    .map((s) => ({ start: s.start, end: s.end, kind: s.kind }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of valid) {
    const last = merged.at(-1);
    if (last) {
      const gap = text.slice(last.end, span.start);
      const overlaps = span.start <= last.end;
      const sameKindNeighbour = span.start > last.end && span.kind === last.kind &&
        (/^[ \t\u00a0]+$/u.test(gap) || (span.kind === 'address' && /^[ \t]*,[ \t]*$/u.test(gap)));
      if (overlaps || sameKindNeighbour) {
        const kind = overlaps && PRIORITY[span.kind] > PRIORITY[last.kind] ? span.kind : last.kind;
        last.end = Math.max(last.end, span.end);
        last.kind = kind;
        continue;
      }
    }
    merged.push(span);
  }
  return merged;
}

/**
 * Finds the personal details in a contribution. Returns sorted, non-overlapping spans (offsets in
 * UTF-16 code units, as JavaScript strings count) and whether a lead should check the comment.
 * Never throws; any text is accepted.
 */
export function findPersonalDetails(text: string, context: RedactionContext): { spans: Span[]; needsReview: boolean } {
  if (typeof text !== 'string' || text.length === 0) return { spans: [], needsReview: false };
  const spans: Span[] = [];
  let needsReview = false;

  findPatterns(text, spans);
  const tokens = tokenise(text);
  const nlpOk = tagWithNlp(text, tokens);
  if (!nlpOk || text.length > NLP_LIMIT) needsReview = true;

  const letters = text.replace(/[^\p{L}]/gu, '');
  const shouting = letters.length >= 12 && (letters.match(/\p{Lu}/gu)?.length ?? 0) / letters.length > 0.6;
  if (shouting) needsReview = true;

  const compiled = compileContext(context ?? { names: [], schools: [], places: [] });
  const isName: boolean[] = [];
  findContextPhrases(text, tokens, compiled, spans, isName);
  findAddresses(text, tokens, spans);
  findSchools(text, tokens, spans);
  findNames(text, tokens, compiled, { isName, shouting, nlpOk, cue: markCues(text, tokens) }, spans);
  const online = findOnlineIdentities(text, tokens, spans);
  if (online.unsure) needsReview = true;

  const result = normalise(text, withoutWordsInsideAccounts(spans, online.accounts));

  if (!needsReview) {
    let s = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      while (s < result.length && result[s]!.end <= token.start) s++;
      const covered = s < result.length && result[s]!.start < token.end;
      if (looksLikeMissedProperNoun(token, tokens[i - 1], covered)) {
        needsReview = true;
        break;
      }
    }
  }
  if (!needsReview) {
    // a long run of digits that is neither a phone nor an NHS number may still identify someone
    let s = 0;
    for (const m of text.matchAll(LONG_DIGITS)) {
      while (s < result.length && result[s]!.end <= m.index) s++;
      const span = result[s];
      if (!span || span.start > m.index || span.end < m.index + m[0].length) {
        needsReview = true;
        break;
      }
    }
  }
  return { spans: result, needsReview };
}

/**
 * Every case-insensitive, whole-word occurrence of `term` in `text`, as spans of `kind`: what a lead
 * uses to remove a detail the engine missed everywhere it occurs. Spaces in the term match any run of
 * spaces; straight and curly apostrophes match each other.
 */
export function spansForTerm(text: string, term: string, kind: RedactionKind): Span[] {
  const trimmed = typeof term === 'string' ? term.trim() : '';
  if (!trimmed || typeof text !== 'string' || !text) return [];
  const body = [...trimmed]
    .map((ch) => {
      if (/\s/u.test(ch)) return '\\s+';
      if (/['’‘]/u.test(ch)) return "['’‘]";
      return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
    })
    .join('')
    .replace(/(?:\\s\+)+/g, '\\s+');
  const startsWord = /^[\p{L}\p{M}\p{N}_]/u.test(trimmed);
  const endsWord = /[\p{L}\p{M}\p{N}_]$/u.test(trimmed);
  const pattern = new RegExp(`${startsWord ? '(?<![\\p{L}\\p{M}\\p{N}_])' : ''}${body}${endsWord ? '(?![\\p{L}\\p{M}\\p{N}_])' : ''}`, 'giu');
  const spans: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0].length > 0) spans.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  return spans;
}

const PLACEHOLDER: Record<RedactionKind, string> = {
  name: '[name]',
  email: '[email]',
  phone: '[phone number]',
  postcode: '[postcode]',
  nhs_number: '[NHS number]',
  school: '[school]',
  address: '[address]',
  other: '[removed]',
};

/**
 * The text with each span replaced by a placeholder saying what kind of detail was removed.
 * Overlapping or touching spans become one placeholder (the more specific kind wins), and so do two
 * spans of the same kind with only spaces between them ("[name]", not "[name] [name]"). Everything
 * outside the spans is kept exactly. Spans outside the text are ignored.
 */
export function applySpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of normalise(text, spans)) {
    out += text.slice(at, span.start) + PLACEHOLDER[span.kind];
    at = span.end;
  }
  return out + text.slice(at);
}
