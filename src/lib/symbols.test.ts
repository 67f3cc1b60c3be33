/**
 * The symbol search a lead uses to find pictures for answer options.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { findSymbol, MAX_SYMBOL_RESULTS, searchSymbols, words } from './symbols.ts';

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
