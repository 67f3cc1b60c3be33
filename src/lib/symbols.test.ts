/**
 * The symbol search a lead uses to find pictures for answer options.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { findSymbol, parsePictureRef, pictureRef, symbolSrc, MAX_SYMBOL_RESULTS, searchSymbols, words } from './symbols.ts';

const svgFolder = path.join(path.dirname(createRequire(import.meta.url).resolve('openmoji/package.json')), 'color', 'svg');

test('an exact word in the name comes first: "bus" finds the bus before the bus stop and the trolleybus', () => {
  const results = searchSymbols('bus');
  assert.equal(results[0]?.hexcode, '1F68C');
  assert.equal(results[0]?.name, 'Bus');
  const names = results.map((s) => s.name);
  assert.ok(names.indexOf('Bus stop') > 0);
  assert.ok(names.indexOf('Trolleybus') > names.indexOf('Bus stop'), 'a word that only starts with "bus" comes after whole-word matches');
});

test('every word must match, tags count, and case and accents do not matter', () => {
  assert.deepEqual(searchSymbols('thumbs up').map((s) => s.hexcode), ['1F44D']);
  assert.equal(searchSymbols('SCHOOL')[0]?.hexcode, '1F3EB');
  const happy = searchSymbols('happy').map((s) => s.hexcode);
  assert.equal(happy[0], '1F600', 'grinning face is tagged happy');
  assert.ok(happy.indexOf('1F642') < happy.indexOf('1F385'), 'among tag matches, faces come before Santa Claus');
  assert.deepEqual(searchSymbols('PINATA').map((s) => s.hexcode), ['1FA85'], 'plain letters find the accented name');
  assert.equal(searchSymbols('café')[0]?.hexcode, searchSymbols('cafe')[0]?.hexcode);
  assert.deepEqual(words('Crème  Brûlée!'), ['creme', 'brulee']);
});

test('no skin-tone copies, no flags, never more than 24, nothing for nothing', () => {
  const hands = searchSymbols('thumbs');
  assert.ok(hands.length > 0);
  assert.ok(hands.every((s) => !/1F3F[B-F]/.test(s.hexcode)), 'skin-tone variants are left out');
  const flags = searchSymbols('flag');
  assert.ok(flags.every((s) => !/^1F1E[6-9A-F]-|^1F1F[0-9A-F]-|^1F3F4-E00/.test(s.hexcode)), 'country and region flags are left out');
  assert.ok(!searchSymbols('united kingdom').some((s) => s.hexcode === '1F1EC-1F1E7'));
  assert.equal(searchSymbols('face').length, MAX_SYMBOL_RESULTS);
  assert.equal(searchSymbols('face', 5).length, 5);
  assert.deepEqual(searchSymbols(''), []);
  assert.deepEqual(searchSymbols('   !!! '), []);
  assert.deepEqual(searchSymbols('qwertyuiopasdf'), []);
  assert.doesNotThrow(() => searchSymbols('a'.repeat(100_000)));
});

test('every result has a picture on disk and a name to use as alt text', () => {
  for (const query of ['happy', 'sad', 'school', 'food', 'dog', 'house', 'car', 'book']) {
    for (const s of searchSymbols(query)) {
      assert.ok(existsSync(path.join(svgFolder, `${s.hexcode}.svg`)), `${s.hexcode}.svg`);
      assert.match(s.name, /^\S/);
    }
  }
});

test('findSymbol knows every OpenMoji hexcode and nothing else', () => {
  assert.deepEqual(findSymbol('1F642'), { hexcode: '1F642', name: 'Slightly smiling face' });
  assert.equal(findSymbol('1F44D-1F3FB')?.name, 'Thumbs up: light skin tone');
  assert.equal(findSymbol('ZZZZ'), undefined);
  assert.equal(findSymbol('../../etc/passwd'), undefined);
  assert.equal(findSymbol(''), undefined);
});

/**
 * Everyday words a lead or a child types, and the symbol a person means by each (issue 12: "bus"
 * must not offer "open for business" first; "car" puts the car first). The share that comes first
 * is the figure reported for the picker: 15 of 30 before the everyday words, 30 of 30 after.
 */
const EVERYDAY_WORDS: ReadonlyArray<[string, string]> = [
  ['bus', '1F68C'], ['car', '1F697'], ['train', '1F686'], ['bike', '1F6B2'], ['lorry', '1F69A'],
  ['house', '1F3E0'], ['home', '1F3E0'], ['school', '1F3EB'], ['dog', '1F415'], ['cat', '1F408'],
  ['happy', '1F600'], ['sad', '1F625'], ['angry', '1F620'], ['tired', '1F62B'], ['food', '1F37D'],
  ['eat', '1F37D'], ['drink', '1F964'], ['ball', '26BD'], ['football', '26BD'], ['sweets', '1F36C'],
  ['chips', '1F35F'], ['friends', '1F9D1-200D-1F91D-200D-1F9D1'], ['play', '1F6DD'], ['music', '1F3B5'],
  ['phone', '1F4F1'], ['tv', '1F4FA'], ['toilet', '1F6BD'], ['bed', '1F6CF'], ['shop', '1F3EA'], ['doctor', '1F9D1-200D-2695-FE0F'],
];

test('everyday words put the symbol people mean first', () => {
  const wrong = EVERYDAY_WORDS.filter(([word, hexcode]) => searchSymbols(word)[0]?.hexcode !== hexcode).map(([word]) => `${word} → ${searchSymbols(word)[0]?.name}`);
  assert.deepEqual(wrong, []);
  const bus = searchSymbols('bus').map((s) => s.hexcode);
  assert.ok(bus.indexOf('1F68C') < bus.indexOf('1F23A') || !bus.includes('1F23A'), 'a bus before "open for business"');
  assert.equal(searchSymbols('car')[0]?.name, 'Automobile');
});

test('an area picture is a symbol by reference, served from the same place', () => {
  const area = '0b8e6a52-5c1f-4c57-9d0e-3a1f2b4c5d6e';
  const picture = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
  const ref = pictureRef(area, picture);
  assert.equal(ref, `PIC:${area}:${picture}`.toUpperCase());
  assert.deepEqual(parsePictureRef(ref.toLowerCase()), { areaId: area, pictureId: picture });
  assert.deepEqual(findSymbol(ref.toLowerCase()), { hexcode: ref, name: 'Your picture' }, 'the forms upper-case a symbol: either case is one picture');
  assert.equal(symbolSrc(ref), `/symbols/${ref}.svg`);
  assert.equal(symbolSrc('1F68C'), '/symbols/1F68C.svg');
  assert.equal(parsePictureRef(`PIC:${area}:../../etc`), undefined);
  assert.equal(findSymbol(`PIC:${area}`), undefined);
});
