/**
 * Keyword search over the bundled OpenMoji symbols (CC BY-SA 4.0), so a lead can find a picture for
 * an answer option by typing "bus" or "happy". The data ships with the openmoji package: it is read
 * once, indexed in memory, and never fetched from anywhere (no third-party requests).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type SymbolMatch = {
  /** OpenMoji hexcode, served at /symbols/<hexcode>.svg. */
  hexcode: string;
  /** The symbol's name in words ("Grinning face"): a good first alt text. */
  name: string;
};

type RawEntry = { hexcode: string; group: string; subgroups: string; annotation: string; tags: string; openmoji_tags: string; skintone: string | number };
type Entry = SymbolMatch & { nameWords: string[]; tagWords: string[]; rank: number };

export const MAX_SYMBOL_RESULTS = 24;
/** The longest search we look at: more words than this is not a keyword search. */
export const MAX_QUERY_LENGTH = 100;

/** Hexcodes as the database accepts them (question_option.symbol). */
const HEXCODE = /^[0-9A-F]{2,6}(-[0-9A-F]{2,6}){0,8}$/;

const UUID = '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}';
/**
 * One of an area's own pictures used as a symbol: PIC:<area id>:<picture id>, upper case because the
 * forms upper-case symbols. The area id is in the reference so /symbols/<reference>.svg can read the
 * picture under that area's row-level security from any page, the same way it serves OpenMoji.
 */
const PICTURE_REF = new RegExp(`^PIC:(${UUID}):(${UUID})$`, 'i');

/** The symbol reference for an area's picture. */
export function pictureRef(areaId: string, pictureId: string): string {
  return `PIC:${areaId}:${pictureId}`.toUpperCase();
}

/** What a picture symbol is called where a page names the chosen symbol ("Symbol: Your picture"). */
export const PICTURE_NAME = 'Your picture';

/** The area and picture a picture reference names, or undefined for anything else. */
export function parsePictureRef(ref: string): { areaId: string; pictureId: string } | undefined {
  const m = PICTURE_REF.exec(ref.trim());
  return m ? { areaId: m[1]!.toLowerCase(), pictureId: m[2]!.toLowerCase() } : undefined;
}

/**
 * The words people use for a thing, where OpenMoji's name (Unicode's) is another: a child types "car",
 * not "automobile", and "ball" means a football, not a rice ball. The symbol named here comes first;
 * the rest follow by score. Kept short and British; symbols.test.ts measures it on everyday words.
 */
const EVERYDAY: Readonly<Record<string, string>> = {
  car: '1F697', cars: '1F697',
  ball: '26BD', football: '26BD',
  sweets: '1F36C', sweet: '1F36C',
  chips: '1F35F',
  biscuit: '1F36A', biscuits: '1F36A',
  home: '1F3E0',
  food: '1F37D', eat: '1F37D', dinner: '1F37D', lunch: '1F37D',
  drink: '1F964',
  friend: '1F9D1-200D-1F91D-200D-1F9D1', friends: '1F9D1-200D-1F91D-200D-1F9D1',
  play: '1F6DD', playground: '1F6DD',
  bike: '1F6B2',
  music: '1F3B5',
  game: '1F3AE', games: '1F3AE',
  rubbish: '1F5D1', bin: '1F5D1',
  trainers: '1F45F',
  telly: '1F4FA', tv: '1F4FA',
  phone: '1F4F1',
  shop: '1F3EA', shops: '1F3EA', shopping: '1F6CD',
  lorry: '1F69A',
  doctor: '1F9D1-200D-2695-FE0F', nurse: '1F9D1-200D-2695-FE0F',
};

/**
 * Flags name countries and groups, not feelings or things a child chooses; skin-tone variants would
 * fill every page with five copies of one hand; components (hair, skin swatches) and brand logos
 * are not symbols at all.
 */
function searchable(entry: RawEntry): boolean {
  if (entry.skintone !== '' && entry.skintone !== undefined) return false;
  if (entry.group === 'flags' || entry.group === 'component') return false;
  return !['flags', 'subdivision-flag', 'regional-indicator', 'brand'].includes(entry.subgroups);
}

/** Lower case, accents off, split into words ("Crème brûlée!" → ["creme", "brulee"]). */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

let index: { entries: Entry[]; byHexcode: Map<string, SymbolMatch> } | undefined;

function load(): NonNullable<typeof index> {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('openmoji/package.json')), 'data', 'openmoji.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawEntry[];
  const entries: Entry[] = [];
  const byHexcode = new Map<string, SymbolMatch>();
  raw.forEach((entry, i) => {
    if (!HEXCODE.test(entry.hexcode)) return;
    const symbol = { hexcode: entry.hexcode, name: capitalise(entry.annotation.trim() || entry.hexcode) };
    byHexcode.set(entry.hexcode, symbol);
    if (!searchable(entry)) return;
    entries.push({
      ...symbol,
      nameWords: words(entry.annotation),
      tagWords: [...new Set(words(`${entry.tags} ${entry.openmoji_tags}`))],
      rank: i,
    });
  });
  index = { entries, byHexcode };
  return index;
}

/**
 * How well one entry matches the search words: every word must match somewhere, or the entry is
 * out (0). A word that is a whole word of the symbol's name counts most, then a whole tag, then the
 * start of a name word, then the start of a tag ("tree" finds "Christmas tree" before "treehouse").
 */
function score(entry: Entry, query: string[]): number {
  let total = 0;
  for (const word of query) {
    let best = 0;
    if (entry.nameWords.includes(word)) best = 100;
    else if (entry.tagWords.includes(word)) best = 60;
    else if (entry.nameWords.some((w) => w.startsWith(word))) best = 20;
    else if (entry.tagWords.some((w) => w.startsWith(word))) best = 10;
    if (best === 0) return 0;
    total += best;
  }
  // The whole name typed exactly ("school") beats a longer name that merely contains the word.
  if (entry.nameWords.join(' ') === query.join(' ')) total += 50;
  return total;
}

/** Up to `limit` symbols (at most 24) matching every word of the query, best first. */
export function searchSymbols(query: string, limit = MAX_SYMBOL_RESULTS): SymbolMatch[] {
  const terms = [...new Set(words(query.slice(0, MAX_QUERY_LENGTH)))].slice(0, 8);
  if (terms.length === 0) return [];
  const scored: Array<{ entry: Entry; score: number; length: number }> = [];
  for (const entry of load().entries) {
    const s = score(entry, terms);
    // Among names that contain every word, the shortest is the closest ("Bus" before "Oncoming
    // bus"); among tag matches, OpenMoji's own order keeps faces before Santa for "happy".
    const inName = terms.every((term) => entry.nameWords.includes(term));
    if (s > 0) scored.push({ entry, score: s, length: inName ? entry.nameWords.length : 0 });
  }
  scored.sort((a, b) => b.score - a.score || a.length - b.length || a.entry.rank - b.entry.rank);
  // An everyday word goes straight to its everyday symbol, unless a symbol is named exactly that.
  const everyday = EVERYDAY[terms.join(' ')];
  const exact = scored[0] && scored[0].entry.nameWords.join(' ') === terms.join(' ');
  if (everyday && !exact) {
    const at = scored.findIndex(({ entry }) => entry.hexcode === everyday);
    const found = at >= 0 ? scored.splice(at, 1)[0] : (() => {
      const entry = load().entries.find((e) => e.hexcode === everyday);
      return entry && { entry, score: 0, length: 0 };
    })();
    if (found) scored.unshift(found);
  }
  return scored.slice(0, Math.min(limit, MAX_SYMBOL_RESULTS)).map(({ entry }) => ({ hexcode: entry.hexcode, name: entry.name }));
}

/**
 * The symbol with this hexcode, if OpenMoji has it (skin tones and flags included: they exist), or a
 * well-formed picture reference (named PICTURE_NAME: its alt text is in the area's database, which
 * pictures.service.ts symbolName reads when a picture is picked). Whether the picture exists in the area is for the pictures service to say.
 */
export function findSymbol(hexcode: string): SymbolMatch | undefined {
  const picture = parsePictureRef(hexcode);
  if (picture) return { hexcode: pictureRef(picture.areaId, picture.pictureId), name: PICTURE_NAME };
  return load().byHexcode.get(hexcode);
}

/** Where a symbol's image is served: OpenMoji's SVG, or the area's picture (same route, by reference). */
export function symbolSrc(symbol: string): string {
  const picture = parsePictureRef(symbol);
  return `/symbols/${picture ? pictureRef(picture.areaId, picture.pictureId) : symbol}.svg`;
}
