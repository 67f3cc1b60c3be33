/**
 * Composing a report's document (issue 14 §1, §3): each part runs its registry section for the
 * report's scope and period, one after another; commentary becomes paragraphs; a missing section keeps
 * the authors' words; a board report carries the four questions in the area's own words; a stored
 * snapshot is read defensively.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { translator } from '../../lib/messages/messages.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { createArea } from '../areas/areas.service.ts';
import { saveQuestionSettings } from '../evaluation/impact.service.ts';
import { composeDocument, paragraphsOf, readSnapshot, type ReportHeader, type ReportPartInput } from './document.ts';
import { countCell, emptySection, type ReportSectionDefinition, type SectionContext } from './sections.ts';

let t: TestDb;
let areaId: string;
const tr = translator('en');
const now = new Date('2026-09-01T10:00:00Z');

before(async () => {
  t = await createTestDb();
  areaId = (await createArea(t.db, { slug: 'doc-test', name: 'Doc Test Partnership', contactEmail: 'hello@doc.example' })).id;
});
after(async () => {
  await t?.drop();
});

const calls: Array<{ key: string; context: SectionContext }> = [];
let running = 0;
function section(key: string, order: number, question: ReportSectionDefinition['question']): ReportSectionDefinition {
  return {
    key,
    order,
    kinds: ['board'],
    question,
    title: (tt) => `Title of ${key} (${tt('reports.format.none')})`,
    build: async (context) => {
      running++;
      assert.equal(running, 1, 'sections run one after another');
      calls.push({ key, context });
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { ...emptySection('Nothing'), empty: false, paragraphs: [`Built ${key}`], figures: [{ label: 'Activities', ...countCell(12) }] };
    },
  };
}
const SECTIONS = [section('test.one', 1, 'differently'), section('test.two', 2, 'who_takes_part')];

function header(overrides: Partial<ReportHeader> = {}): ReportHeader {
  return {
    id: 'r1', kind: 'board', title: 'Annual board report', audience: 'SEND Partnership Board', authors: 'The forum', scope: { kind: 'organisation', organisationId: 'o1' },
    scopeLabel: 'Riverside NHS Trust', from: '2025-09-01', to: '2026-08-31', status: 'draft', edition: 1, approvedAt: null, publishedAt: null,
    areaName: 'Doc Test Partnership', areaSlug: 'doc-test', lang: 'en', ...overrides,
  };
}
const part = (id: string, position: number, fields: Partial<ReportPartInput>): ReportPartInput => ({ id, kind: 'section', sectionKey: null, title: null, commentary: '', writtenBy: null, position, ...fields });

test('commentary is split into paragraphs at blank lines; single line breaks join', () => {
  assert.deepEqual(paragraphsOf('First line\nsame paragraph\n\n\n  Second  \r\n\r\nThird'), ['First line same paragraph', 'Second', 'Third']);
  assert.deepEqual(paragraphsOf(''), []);
  assert.deepEqual(paragraphsOf(null), []);
});

test('each section part runs its registry build with the header scope and period, in position order; written and missing parts keep their words', async () => {
  calls.length = 0;
  const parts = [
    part('p3', 3, { kind: 'written', title: 'What parent carers say', commentary: 'We were listened to.\n\nMore please.', writtenBy: 'Riverside Parent Carer Forum' }),
    part('p2', 2, { sectionKey: 'test.two', commentary: 'Who came.' }),
    part('p1', 1, { sectionKey: 'test.one' }),
    part('p4', 4, { sectionKey: 'gone.module', commentary: 'Our words stay.' }),
  ];
  const doc = await composeDocument({ db: t.db, areaId, t: tr, lang: 'en', now }, header(), parts, SECTIONS);
  assert.deepEqual(calls.map((c) => c.key), ['test.one', 'test.two']);
  const context = calls[0]!.context;
  assert.deepEqual(context.scope, { kind: 'organisation', organisationId: 'o1' });
  assert.equal(context.from, '2025-09-01');
  assert.equal(context.to, '2026-08-31');
  assert.equal(context.areaId, areaId);
  assert.equal(context.now, now);
  assert.equal(context.lang, 'en');

  assert.deepEqual(doc.sections.map((s) => s.partId), ['p1', 'p2', 'p3', 'p4']);
  const [one, two, written, missing] = doc.sections;
  assert.equal(one!.title, 'Title of test.one (none)');
  assert.equal(one!.question, 'differently');
  assert.deepEqual(one!.content?.paragraphs, ['Built test.one']);
  assert.deepEqual(two!.commentary, ['Who came.']);
  assert.equal(written!.kind, 'written');
  assert.equal(written!.title, 'What parent carers say');
  assert.equal(written!.content, null);
  assert.deepEqual(written!.commentary, ['We were listened to.', 'More please.']);
  assert.equal(written!.writtenBy, 'Riverside Parent Carer Forum');
  assert.equal(missing!.content, null);
  assert.equal(missing!.missing, true);
  assert.deepEqual(missing!.commentary, ['Our words stay.']);
  assert.equal(doc.builtAt, now.toISOString());
  assert.equal(doc.frozen, false);
  // A document is plain data: it survives JSON and reads back the same.
  assert.deepEqual(readSnapshot(JSON.parse(JSON.stringify(doc))), JSON.parse(JSON.stringify(doc)));
});

test('a board report carries the four questions in the area\'s own wording; other kinds none', async () => {
  const shipped = { differently: tr('evaluation.impact.questions.differently'), impact_on_users: 'x', impact_on_participants: 'y', who_takes_part: 'z' };
  const before = await composeDocument({ db: t.db, areaId, t: tr, lang: 'en', now }, header(), [], SECTIONS);
  assert.deepEqual(before.questions.map((q) => q.id), ['differently', 'impact_on_users', 'impact_on_participants', 'who_takes_part']);
  assert.equal(before.questions[0]!.title, shipped.differently);
  await saveQuestionSettings(t.db, areaId, null, { wording: { differently: 'What changed because you were there?' }, againAfterMonths: 6, againAfterActivities: null }, shipped);
  const after = await composeDocument({ db: t.db, areaId, t: tr, lang: 'en', now }, header({ status: 'published', publishedAt: now.toISOString() }), [], SECTIONS);
  assert.equal(after.questions[0]!.title, 'What changed because you were there?');
  assert.equal(after.questions[3]!.title, tr('evaluation.impact.questions.whoTakesPart'));
  assert.equal(after.frozen, true);
  const local = await composeDocument({ db: t.db, areaId, t: tr, lang: 'en', now }, header({ kind: 'local_account' }), [], SECTIONS);
  assert.deepEqual(local.questions, []);
});

test('a malformed snapshot reads as absent, never an error', () => {
  for (const bad of [null, undefined, 42, 'not json', '{"header":1}', {}, [], { header: {}, sections: 'x' }]) assert.equal(readSnapshot(bad), null);
  const good = {
    header: header({ status: 'published', publishedAt: '2026-09-01T10:00:00.000Z' }),
    questions: [{ id: 'differently', title: 'Q' }],
    sections: [{ partId: 'p', kind: 'section', key: 'k', title: 'T', question: null, content: { ...emptySection('x'), figures: [{ label: 'A', value: null, suppression: 'small' }] }, commentary: [], writtenBy: null }],
    builtAt: '2026-09-01T10:00:00.000Z',
    frozen: true,
  };
  assert.ok(readSnapshot(good));
  assert.ok(readSnapshot(JSON.stringify(good)), 'a JSON string is read too');
  assert.equal(readSnapshot({ ...good, questions: [{ id: 'not_a_question', title: 'Q' }] }), null);
  assert.equal(readSnapshot({ ...good, sections: [{ ...good.sections[0], content: { ...good.sections[0]!.content, tables: [{ id: 't', caption: 'c', columns: [], rows: [[{ value: 'five' }]] }] } }] }), null);
});

test('names never appear: the authors\' and forums\' words go through the redaction step before anyone reads them', async () => {
  const written = 'We thank everyone who came.\n\nPlease call Sophie Turner on 07700 900123 or email sophie.turner@example.com about the Saturday club.';
  const document = await composeDocument({ db: t.db, areaId, t: tr, lang: 'en', now }, header({ kind: 'local_account' }), [part('w', 1, { kind: 'written', title: 'What parent carers say', commentary: written, writtenBy: 'The forum' })], SECTIONS);
  const words = document.sections[0]!.commentary.join('\n');
  assert.equal(document.sections[0]!.commentary[0], 'We thank everyone who came.', 'words that name nobody are kept as written');
  for (const personal of ['Sophie', 'Turner', '07700 900123', 'sophie.turner@example.com']) assert.ok(!words.includes(personal), `"${personal}" is taken out: ${words}`);
  assert.match(words, /Saturday club/);
});
