/**
 * The catalogue: every English text has a Welsh one with the same placeholders, so a Welsh page never
 * shows a key or loses a number.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalogue } from './messages.ts';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) for (const [fk, fv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(fk, fv);
  }
  return out;
}

// Welsh plurals have more forms than English: compare on the key without its plural suffix.
const pluralBase = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

test('every English message has a Welsh message with the same placeholders', () => {
  const en = flatten(loadCatalogue('en'));
  const cy = flatten(loadCatalogue('cy'));
  const cyBases = new Map<string, string>();
  for (const [key, text] of cy) cyBases.set(pluralBase(key), text);
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const [key, text] of en) {
    if (key.startsWith('meta.')) continue;
    const welsh = cy.get(key) ?? cyBases.get(pluralBase(key));
    if (welsh === undefined) missing.push(key);
    else if (placeholders(text).join() !== placeholders(welsh).join()) mismatched.push(key);
  }
  assert.deepEqual(missing, [], `Welsh texts missing for: ${missing.join(', ')}`);
  assert.deepEqual(mismatched, [], `Placeholders differ for: ${mismatched.join(', ')}`);
  assert.ok(en.size > 100, `catalogue has ${en.size} English texts`);
});
