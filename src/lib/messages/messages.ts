/**
 * The message catalogue: every word a person reads comes from here (en.json, cy.json).
 * i18next gives us fallback to English and plural rules for Welsh (zero/one/two/few/many/other).
 */
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

function load(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

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

export function translator(language: Language): Translate {
  const t = fixed.get(language)!;
  return (key, params) => t(key, params as never) as unknown as string;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
