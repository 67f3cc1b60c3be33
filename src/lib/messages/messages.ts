/**
 * The message catalogue: every word a person reads comes from here: the shared en.json and cy.json
 * beside this file, plus each module's own src/modules/<module>/messages/{en,cy}[.part].json, merged.
 * i18next gives us fallback to English and plural rules for Welsh (zero/one/two/few/many/other).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

type Catalogue = Record<string, unknown>;

function readJson(url: URL): Catalogue {
  return JSON.parse(readFileSync(url, 'utf8')) as Catalogue;
}

/** Merges b into a; the same key defined twice is a mistake that would hide one of the texts. */
function merge(a: Catalogue, b: Catalogue, where: string): Catalogue {
  for (const [key, value] of Object.entries(b)) {
    const existing = a[key];
    if (existing === undefined) a[key] = value;
    else if (typeof existing === 'object' && typeof value === 'object' && existing && value) merge(existing as Catalogue, value as Catalogue, `${where}.${key}`);
    else throw new Error(`Message key ${where}.${key} is defined twice`);
  }
  return a;
}

const modules = new URL('../../modules/', import.meta.url);

/** The whole catalogue of one language. Exported for the catalogue test. */
export function loadCatalogue(language: string): Catalogue {
  const catalogue = readJson(new URL(`./${language}.json`, import.meta.url));
  // A module may split its texts: messages/en.json, messages/en.builder.json, … (one file per part).
  const ours = new RegExp(`^${language}(\\.[a-z-]+)?\\.json$`);
  for (const module of readdirSync(modules).sort()) {
    const folder = new URL(`${module}/messages/`, modules);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => ours.test(n)).sort()) merge(catalogue, readJson(new URL(name, folder)), module);
  }
  return catalogue;
}

const load = loadCatalogue;

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: load('en') }, cy: { translation: load('cy') } },
  lng: 'en',
  fallbackLng: 'en',
  // Nunjucks escapes on output; escaping here too would show &amp; to people.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export type Translate = (key: string, params?: Record<string, unknown>) => string;

const fixed = new Map<Language, TFunction>(LANGUAGES.map((lng) => [lng, i18n.getFixedT(lng)]));

/**
 * Words without parameters, looked up once per language and kept: a page asks for the same few
 * hundred keys on every request, and i18next's lookup (key splitting, fallbacks, plural checks)
 * was a tenth of a public page's time (issue 18, docs/performance.md). Emptied when words are added.
 */
const plain = new Map<Language, Map<string, string>>(LANGUAGES.map((lng) => [lng, new Map()]));

const translators = new Map<Language, Translate>(
  LANGUAGES.map((lng) => {
    const t = fixed.get(lng)!;
    const known = plain.get(lng)!;
    const translate: Translate = (key, params) => {
      if (params !== undefined) return t(key, params as never) as unknown as string;
      let words = known.get(key);
      if (words === undefined) {
        words = t(key) as unknown as string;
        known.set(key, words);
      }
      return words;
    };
    return [lng, translate];
  }),
);

export function translator(language: Language): Translate {
  return translators.get(language)!;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Adds words to the catalogue, merged into what is there. The catalogues are read from each module's
 * messages/ folder at start; this is for words that live beside their code elsewhere, such as a
 * question type written as a test fixture.
 */
export function addMessages(language: Language, words: Record<string, unknown>): void {
  i18n.addResourceBundle(language, 'translation', words, true, true);
  for (const known of plain.values()) known.clear();
}
