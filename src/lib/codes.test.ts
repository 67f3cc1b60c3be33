import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CODE_ALPHABET, hashResumeCode, newReceiptCode, newResumeCode, normaliseCode, parseReceiptCode, parseResumeCode } from './codes.ts';

test('the alphabet has no characters people confuse (0/O, 1/I/L)', () => {
  for (const c of '01OIL') assert.equal(CODE_ALPHABET.includes(c), false, c);
  assert.equal(new Set(CODE_ALPHABET).size, CODE_ALPHABET.length, 'no repeats');
  assert.equal(CODE_ALPHABET.length, 31);
});

test('receipt codes look like 7KQ-4MZ and resume codes are longer', () => {
  for (let i = 0; i < 500; i += 1) {
    assert.match(newReceiptCode(), /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    assert.match(newResumeCode(), /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
  }
});

test('codes are spread over the whole alphabet (no stuck or missing characters)', () => {
  const seen = new Map<string, number>();
  for (let i = 0; i < 3000; i += 1) for (const c of newReceiptCode().replace('-', '')) seen.set(c, (seen.get(c) ?? 0) + 1);
  assert.equal(seen.size, CODE_ALPHABET.length);
  // 18,000 characters over 31 symbols: about 580 each. A biased generator would miss this by far.
  for (const [c, n] of seen) assert.ok(n > 400 && n < 800, `${c} drawn ${n} times`);
  const codes = new Set(Array.from({ length: 5000 }, newReceiptCode));
  assert.ok(codes.size > 4990, 'practically no repeats in 5,000 draws');
});

test('what people type is forgiven for case, spaces and hyphens, but not for wrong characters', () => {
  assert.equal(parseReceiptCode(' 7kq 4mz '), '7KQ-4MZ');
  assert.equal(parseReceiptCode('7KQ-4MZ'), '7KQ-4MZ');
  assert.equal(parseReceiptCode('7kq–4mz'), '7KQ-4MZ', 'an en dash from a word processor');
  assert.equal(parseReceiptCode('7KQ-4M0'), undefined, 'zero is never used');
  assert.equal(parseReceiptCode('7KQ-4MZZ'), undefined, 'too long');
  assert.equal(parseReceiptCode('7KQ'), undefined, 'too short');
  assert.equal(parseReceiptCode(undefined), undefined);
  assert.equal(parseReceiptCode(['7KQ-4MZ']), undefined);
  assert.equal(parseReceiptCode("7KQ-4MZ'; drop table response; --"), undefined);
  const resume = newResumeCode();
  assert.equal(parseResumeCode(resume.toLowerCase().replace('-', ' ')), resume.replace('-', ''));
  assert.equal(parseResumeCode('ABCDE-FGHJ'), undefined);
  assert.equal(normaliseCode('a'.repeat(10_000)).length, 60, 'a huge input is cut short before any work');
});

test('a resume code is stored only as a hash, the same however it was typed', () => {
  const code = 'ABCDE-FGHJK';
  assert.match(hashResumeCode(code), /^[0-9a-f]{64}$/);
  assert.equal(hashResumeCode('abcde fghjk'), hashResumeCode(code));
  assert.notEqual(hashResumeCode('ABCDE-FGHJM'), hashResumeCode(code));
  assert.ok(!hashResumeCode(code).includes('ABCDE'));
});
