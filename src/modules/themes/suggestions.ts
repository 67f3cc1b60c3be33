/**
 * Suggested themes for contributions nobody has themed yet, from the words they share.
 *
 * Each comment is reduced to its lemmas (the dictionary form of each word: "waited", "waiting" and
 * "waits" are all "wait") with the `compromise` NLP library, leaving out a stop-word list of our own
 * (data/stop-words.txt). Two kinds of suggestion follow:
 * 1. add comments to an existing theme whose title or summary shares a lemma with them: the lead's
 *    own words for a theme are the best guide there is (STACK-NOTES: lemma overlap with staff-chosen
 *    theme words worked far better than automatic clustering, which was about 50% pure);
 * 2. for the rest, a new theme around the lemma most of them share ("9 comments mention waiting"),
 *    then the next, and so on, each comment in one suggestion only.
 *
 * Courtesy phrases ("thank you for asking", "no comment", "n/a": data/courtesy-phrases.txt) are taken
 * out first, and a comment that is nothing else is left out: ten people thanking the council for
 * asking are not a theme (issue 12 §3).
 *
 * Pure and deterministic (the same comments give the same suggestions), so it is tested on a known
 * set of comments, and measured on a labelled one (suggestions-corpus.ts). Suggestions are only ever shown to a lead, who accepts, edits or ignores them.
 */
import { readFileSync } from 'node:fs';
import nlp from 'compromise';

export type CommentInput = { id: string; text: string };
export type ThemeWords = { id: string; title: string; summary: string };

export type ExistingThemeSuggestion = {
  kind: 'existing';
  /** Stable across page loads while the data stays the same: finds this suggestion again after a form error. */
  key: string;
  themeId: string;
  themeTitle: string;
  /** The theme's words these comments use, most used first. */
  words: string[];
  contributionIds: string[];
};

export type NewThemeSuggestion = {
  kind: 'new';
  key: string;
  lemma: string;
  /** The word as people wrote it most often ("waiting"). */
  word: string;
  /** Every form of it they used, in alphabetical order ("wait", "waited", "waiting"). */
  forms: string[];
  /** A first title for the theme, which the lead may change. */
  title: string;
  contributionIds: string[];
};

export type Suggestion = ExistingThemeSuggestion | NewThemeSuggestion;

export type SuggestOptions = {
  /** Fewest comments that make a new theme worth suggesting. */
  minGroup?: number;
  /** Most new themes suggested at once (a long list helps nobody). */
  maxNewThemes?: number;
};

export const MIN_GROUP = 2;
export const MAX_NEW_THEMES = 12;
/** compromise slows down on long texts; the start of a comment says what it is about. */
const MAX_TEXT = 2000;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./data/stop-words.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
    .filter(Boolean),
);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern for each courtesy phrase, longest first, each matching only whole words and whatever
 * punctuation or spaces sit between its words ("N/A", "n a", "thank-you"). They are taken out one
 * after another, longest first, so "No. Thank you for the survey." loses the whole of "thank you for
 * the survey" before "no" is looked for (one pattern of alternatives would take "No. Thank you" first).
 */
const COURTESY: readonly RegExp[] = readFileSync(new URL('./data/courtesy-phrases.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
  .filter(Boolean)
  .map((phrase) => phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean))
  .sort((a, b) => b.join(' ').length - a.join(' ').length)
  .map((words) => new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escape).join('[^\\p{L}\\p{N}]*')}(?![\\p{L}\\p{N}])`, 'giu'));

/** The comment with its courtesy phrases taken out ("Thank you for asking. The bus is late." → "The bus is late."). */
export function withoutCourtesy(text: string): string {
  return COURTESY.reduce((rest, pattern) => rest.replace(pattern, ' '), text);
}

/** True when a comment says nothing but courtesies ("Thanks for asking!", "No comment", "n/a"). */
export function isCourtesy(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(withoutCourtesy(text));
}

/** The tags of words that carry meaning; pronouns, auxiliaries and the like are left out. */
const CONTENT = new Set(['Noun', 'Verb', 'Adjective']);
const FUNCTION = new Set(['Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'Copula', 'Auxiliary', 'Modal', 'Value', 'QuestionWord', 'Negative', 'Possessive']);

type Term = { normal?: string; root?: string; tags?: string[] };
type World = { model: unknown; methods: { two: { transform: { verb: { toInfinitive: (word: string, model: unknown, tense: string) => string } } } } };
const world = nlp.world() as unknown as World;

/**
 * A noun or adjective made from a verb ("the waiting list", "worried") has no root in compromise;
 * its verb is the lemma that groups it with "waited" and "worry".
 */
function verbBase(word: string): string {
  if (word.length <= 5 || !/(ing|ed)$/.test(word)) return word;
  try {
    const base = world.methods.two.transform.verb.toInfinitive(word, world.model, word.endsWith('ing') ? 'Gerund' : 'PastTense');
    return typeof base === 'string' && /^\p{L}{3,}$/u.test(base) ? base : word;
  } catch {
    return word;
  }
}

const clean = (word: string) => word.toLowerCase().replace(/['’]s$/, '').replace(/[^\p{L}'-]/gu, '');

/**
 * The lemmas of a text, each with the forms it was written in. Redaction placeholders ("[name]")
 * and stop words are left out, as are words shorter than three letters and numbers.
 */
export function lemmasOf(text: string): Map<string, Set<string>> {
  return analyse(text).lemmas;
}

/** The lemmas, and which of them were used as verbs (a noun or adjective names a theme better). */
function analyse(text: string): { lemmas: Map<string, Set<string>>; verbs: Set<string> } {
  const found = new Map<string, Set<string>>();
  const verbs = new Set<string>();
  const plain = text.slice(0, MAX_TEXT).replace(/\[[^\]]*\]/g, ' ');
  if (!plain.trim()) return { lemmas: found, verbs };
  const doc = nlp(plain);
  doc.compute('root');
  const sentences = doc.json() as Array<{ terms?: Term[] }>;
  for (const sentence of sentences) {
    for (const term of sentence.terms ?? []) {
      const tags = new Set(term.tags ?? []);
      if (![...tags].some((tag) => CONTENT.has(tag)) || [...tags].some((tag) => FUNCTION.has(tag))) continue;
      const form = clean(term.normal ?? '');
      if (form.length < 3 || STOP_WORDS.has(form)) continue;
      let lemma = term.root ? clean(term.root) : verbBase(form);
      if (lemma.length < 3) lemma = form;
      if (STOP_WORDS.has(lemma)) continue;
      if (tags.has('Verb')) verbs.add(lemma);
      const forms = found.get(lemma);
      if (forms) forms.add(form);
      else found.set(lemma, new Set([form]));
    }
  }
  return { lemmas: found, verbs };
}

const capitalise = (word: string) => word.charAt(0).toLocaleUpperCase('en-GB') + word.slice(1);

type Analysed = { id: string; lemmas: Map<string, Set<string>>; verbs: Set<string> };

/**
 * Suggestions for these comments: first additions to existing themes (each comment to the theme
 * it shares most words with; the first theme in the given order wins a tie), then new themes.
 */
export function suggest(comments: readonly CommentInput[], themes: readonly ThemeWords[], options: SuggestOptions = {}): Suggestion[] {
  const minGroup = Math.max(2, options.minGroup ?? MIN_GROUP);
  const maxNew = options.maxNewThemes ?? MAX_NEW_THEMES;
  const analysed: Analysed[] = comments.filter((c) => !isCourtesy(c.text)).map((c) => ({ id: c.id, ...analyse(withoutCourtesy(c.text)) }));

  // 1. Existing themes, by the lead's own words for them.
  const themeWords = themes.map((theme) => ({ theme, lemmas: new Set(lemmasOf(`${theme.title}. ${theme.summary}`).keys()) }));
  const additions = new Map<string, { theme: ThemeWords; ids: string[]; words: Map<string, number> }>();
  const left: Analysed[] = [];
  for (const comment of analysed) {
    let best: { theme: ThemeWords; shared: string[] } | undefined;
    for (const { theme, lemmas } of themeWords) {
      const shared = [...comment.lemmas.keys()].filter((l) => lemmas.has(l));
      if (shared.length > 0 && (!best || shared.length > best.shared.length)) best = { theme, shared };
    }
    if (!best) {
      left.push(comment);
      continue;
    }
    const entry = additions.get(best.theme.id) ?? { theme: best.theme, ids: [], words: new Map<string, number>() };
    entry.ids.push(comment.id);
    for (const word of best.shared) entry.words.set(word, (entry.words.get(word) ?? 0) + 1);
    additions.set(best.theme.id, entry);
  }
  const existing: ExistingThemeSuggestion[] = [...additions.values()]
    .map((a) => ({
      kind: 'existing' as const,
      key: `theme:${a.theme.id}`,
      themeId: a.theme.id,
      themeTitle: a.theme.title,
      words: [...a.words].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([w]) => w),
      contributionIds: a.ids,
    }))
    .sort((x, y) => y.contributionIds.length - x.contributionIds.length || x.themeTitle.localeCompare(y.themeTitle));

  // 2. New themes: the lemma most remaining comments share, then the next. A word nearly every
  // comment uses (the activity's own subject, "club" in a survey about a club) groups nothing.
  const tooCommon = left.length >= 10 ? Math.floor(left.length / 2) : Infinity;
  const fresh: NewThemeSuggestion[] = [];
  let remaining = left;
  while (fresh.length < maxNew && remaining.length >= minGroup) {
    const counts = new Map<string, number>();
    for (const comment of remaining) for (const lemma of comment.lemmas.keys()) counts.set(lemma, (counts.get(lemma) ?? 0) + 1);
    const best = Math.max(0, ...[...counts.values()].filter((n) => n <= tooCommon));
    if (best < minGroup) break;
    // Among the words shared by as many comments, the one whose comments also share most other
    // words makes the tightest group; then a thing or a quality before an action (it names a theme
    // better); then alphabetical order, so the result never varies.
    const rank = (lemma: string) => {
      const group = remaining.filter((c) => c.lemmas.has(lemma));
      const cohesion = [...group[0]!.lemmas.keys()].filter((l) => l !== lemma && group.every((c) => c.lemmas.has(l))).length;
      const verb = group.filter((c) => c.verbs.has(lemma)).length * 2 > group.length ? 1 : 0;
      return { lemma, cohesion, verb };
    };
    const lemma = [...counts]
      .filter(([, n]) => n === best)
      .map(([l]) => rank(l))
      .sort((x, y) => y.cohesion - x.cohesion || x.verb - y.verb || (x.lemma < y.lemma ? -1 : x.lemma > y.lemma ? 1 : 0))[0]!.lemma;
    const group = remaining.filter((c) => c.lemmas.has(lemma));
    remaining = remaining.filter((c) => !c.lemmas.has(lemma));
    const formCounts = new Map<string, number>();
    for (const comment of group) for (const form of comment.lemmas.get(lemma)!) formCounts.set(form, (formCounts.get(form) ?? 0) + 1);
    const word = [...formCounts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]![0];
    fresh.push({
      kind: 'new',
      key: `word:${lemma}`,
      lemma,
      word,
      forms: [...new Set([lemma, ...formCounts.keys()])].sort(),
      title: capitalise(word),
      contributionIds: group.map((c) => c.id),
    });
  }
  return [...existing, ...fresh];
}
