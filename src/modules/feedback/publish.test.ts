/**
 * Publishing a response: everyone who asked to hear back is told exactly once (20 parallel clicks,
 * re-publishing, one signed-in person with two responses), in their own language, format and channel;
 * hidden contributions are neither counted, quoted nor told; the public copy holds redacted text only
 * and stays as it was until published again. Then the printed letters for the ones who asked for a letter.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ContactChannel } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { inReadingOrder, readPage, within } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { insertResponse } from '../../testing/responses.ts';
import { addContributionsForResponse } from '../contributions/contributions.service.ts';
import { composeNotice, publishProblems, SMS_LIMIT } from './publish.ts';
import { readPublishedContent, type PublishedContent } from './published.ts';
import * as responses from './responses.service.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let lead: Client;
let areaId: string;

const url = (themeId: string, rest = '') => `/a/riverside/manage/themes/${themeId}/response${rest}`;

type Contributor = { responseId: string; receiptCode: string; contributionId: string };

async function newTheme(title: string): Promise<string> {
  return withArea(t.db, areaId, async (tx) =>
    (
      await tx
        .insertInto('theme')
        .values({ area_id: areaId, title, summary: 'Families want the Saturday sessions kept.', easy_read_summary: 'Keep Saturday clubs.', symbol: '1F3E0', symbol_alt: 'A house' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
}

/** One person's response with one contribution in the theme, and how they want to hear back (if at all). */
async function contribute(
  themeId: string,
  options: { text: string; channel?: ContactChannel; format?: 'standard' | 'easy_read'; language?: string; accountId?: string; quote?: boolean; hidden?: boolean },
): Promise<Contributor> {
  return withArea(t.db, areaId, async (tx) => {
    const accountId = options.accountId ?? null;
    const response = await insertResponse(tx, areaId, { activityId: areas.riverside.activityId, mode: accountId ? 'signed_in' : 'anonymous', accountId, answers: [] });
    await addContributionsForResponse(tx, areaId, [
      { activityId: areas.riverside.activityId, questionId: areas.riverside.questionId, responseId: response.id, accountId, supporterRelationship: null, receiptCode: response.receiptCode!, source: 'free_text', text: options.text },
    ]);
    const { id } = await tx.selectFrom('contribution').select('id').where('response_id', '=', response.id).executeTakeFirstOrThrow();
    await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: themeId, contribution_id: id, is_quote: options.quote ?? false }).execute();
    if (options.channel) {
      const address = options.channel === 'sms' ? '07700900001' : ['email', 'supporter'].includes(options.channel) ? `person-${response.id.slice(0, 8)}@example.com` : '';
      await tx
        .insertInto('feedback_contact')
        .values({ area_id: areaId, response_id: response.id, channel: options.channel, address, format: options.format ?? 'standard', language: options.language ?? 'en' })
        .execute();
    }
    if (options.hidden) await tx.updateTable('contribution').set({ hidden_at: new Date(), hidden_reason: 'Off topic' }).where('id', '=', id).execute();
    return { responseId: response.id, receiptCode: response.receiptCode!, contributionId: id };
  });
}

type NoticeRow = { id: string; recipient_key: string; response_id: string; channel: string; subject: string; body: string; status: string };

async function notices(themeId: string): Promise<NoticeRow[]> {
  return withArea(t.db, areaId, (tx) =>
    tx
      .selectFrom('feedback_notice as n')
      .innerJoin('theme_response as r', 'r.id', 'n.theme_response_id')
      .select(['n.id', 'n.recipient_key', 'n.response_id', 'n.channel', 'n.subject', 'n.body', 'n.status'])
      .where('r.theme_id', '=', themeId)
      .execute(),
  );
}

async function stored(themeId: string) {
  return withArea(t.db, areaId, (tx) =>
    tx
      .selectFrom('theme_response')
      .select(['published_content', 'published_at', 'first_published_at', 'published_version', 'published_services', 'published_activity_ids', 'stage', 'version'])
      .where('theme_id', '=', themeId)
      .executeTakeFirstOrThrow(),
  );
}

const answer = (overrides: Partial<responses.ResponseContent> = {}): responses.ResponseContent => ({
  ...responses.EMPTY_RESPONSE,
  status: 'will_do',
  whatChanged: 'We will keep the Saturday sessions and add one more each month.',
  whatChangedEasyRead: 'We will keep Saturday clubs.',
  decidedByRole: 'Head of Short Breaks',
  ownerAccountId: null,
  ...overrides,
});

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  areaId = areas.riverside.id;
  app = await testApp(t.db);
  lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
  await withArea(t.db, areaId, (tx) => tx.insertInto('redaction_term').values({ area_id: areaId, kind: 'name', term: 'Wilbur Quist' }).execute());
  // These tests are about publishing itself; the area's approval rule has its own test below, which turns it on.
  await responses.setPublishingRules(t.db, areaId, null, { needsApproval: false });
});
after(async () => {
  await app.close();
  await t.drop();
});

test('publishing tells each contributor exactly once, in their own way, even with 20 clicks at once', async () => {
  const themeId = await newTheme('Saturday sessions');
  const people = {
    email: await contribute(themeId, { text: 'Wilbur Quist says keep Saturdays. Email me at kim.one@example.com', channel: 'email', quote: true }),
    sms: await contribute(themeId, { text: 'Saturdays are the only day we can come.', channel: 'sms', format: 'easy_read' }),
    supporter: await contribute(themeId, { text: 'He loves the Saturday club.', channel: 'supporter' }),
    letter: await contribute(themeId, { text: 'Rwy’n hoffi dydd Sadwrn.', channel: 'letter', format: 'easy_read', language: 'cy' }),
    welshEmail: await contribute(themeId, { text: 'Cadwch y clwb.', channel: 'email', language: 'cy' }),
    none: await contribute(themeId, { text: 'Keep it please.', channel: 'none' }),
    noRow: await contribute(themeId, { text: 'Keep it going.' }),
    hidden: await contribute(themeId, { text: 'HIDDEN-SECRET rude words', channel: 'email', quote: true, hidden: true }),
  };
  const youngPerson = areas.riverside.memberIds.young_person;
  const firstOfTwo = await contribute(themeId, { text: 'I said this once.', channel: 'email', accountId: youngPerson });
  await contribute(themeId, { text: 'And I said it again.', channel: 'letter', accountId: youngPerson });

  const saved = await responses.saveResponse(t.db, areaId, areas.riverside.memberIds.participation_lead, themeId, answer({ ownerAccountId: areas.riverside.memberIds.decision_maker }), 0);
  assert.ok(saved.ok);

  // The preview says who will be told and how, before anything happens.
  const preview = await lead.get(url(themeId, '/publish'));
  assert.equal(preview.statusCode, 200);
  const check = readPage(preview.body);
  assert.equal(check.heading(), 'Check and publish');
  assert.ok(check.getByText(/6 people asked to hear what happened/));
  for (const way of ['3 by email', '1 by text message', '1 through their supporter', '1 by printed letter']) assert.ok(check.getByText(way), way);
  assert.ok(check.getAllByText('We will do it').length > 0);
  const calendar = check.getAllByRole('img', { name: 'A calendar' });
  assert.ok(calendar.length > 0 && calendar.every((img) => img.getAttribute('src') === '/symbols/1F4C5.svg'));
  assert.ok(inReadingOrder(check.getByRole('heading', { name: 'Easy-read version' }), check.getByText(/Keep Saturday clubs\./)), 'the easy-read version is previewed');
  assert.ok(check.getByText(/9 people said this/), 'nine visible contributions (the hidden one is not counted)');
  assert.doesNotMatch(preview.body, /HIDDEN-SECRET|kim\.one|Wilbur/);
  const version = check.hiddenValue('version')!;
  const token = lead.csrf();
  assert.equal(await notices(themeId).then((n) => n.length), 0, 'looking changes nothing');

  const clicks = await Promise.all(Array.from({ length: 20 }, () => lead.post(url(themeId, '/publish'), { version }, { csrf: token })));
  assert.deepEqual([...new Set(clicks.map((r) => r.statusCode))], [303]);

  const sent = await notices(themeId);
  const keys = sent.map((n) => n.recipient_key).sort();
  assert.deepEqual(keys, [
    `account:${youngPerson}`,
    ...[people.email, people.sms, people.supporter, people.letter, people.welshEmail].map((p) => `response:${p.responseId}`),
  ].sort());
  const byResponse = new Map(sent.map((n) => [n.response_id, n]));
  // The signed-in person is told once, through their first response's choice.
  assert.equal(sent.find((n) => n.recipient_key === `account:${youngPerson}`)!.response_id, firstOfTwo.responseId);
  assert.equal(sent.find((n) => n.recipient_key === `account:${youngPerson}`)!.channel, 'email');
  for (const p of [people.none, people.noRow, people.hidden]) assert.equal(byResponse.get(p.responseId), undefined);
  assert.ok(sent.every((n) => n.status === 'pending'), 'nothing is sent here: the job sends');

  const link = `${app.config.baseUrl}/a/riverside/my-views`;
  const email = byResponse.get(people.email.responseId)!;
  assert.equal(email.channel, 'email');
  assert.match(email.subject, /what happened to your views on Saturday sessions/);
  assert.match(email.body, /What we did: We will do it\./);
  assert.match(email.body, /We will keep the Saturday sessions and add one more each month\./);
  assert.match(email.body, /You said: Families want the Saturday sessions kept\./);
  assert.ok(email.body.includes(link) && email.body.includes(people.email.receiptCode), 'the link and the receipt code');
  assert.doesNotMatch(email.body, /kim\.one|Wilbur|keep Saturdays\. Email/, 'not their own words, nor anyone else’s');

  const sms = byResponse.get(people.sms.responseId)!;
  assert.equal(sms.channel, 'sms');
  assert.ok(sms.body.length < SMS_LIMIT, `SMS is ${sms.body.length} characters`);
  assert.match(sms.body, /We will do it later/, 'easy-read words for the status');
  assert.ok(sms.body.includes(people.sms.receiptCode) && sms.body.includes(link));

  const supporter = byResponse.get(people.supporter.responseId)!;
  assert.match(supporter.body, /Please share this with the person you helped/);

  const letter = byResponse.get(people.letter.responseId)!;
  assert.equal(letter.channel, 'letter');
  assert.match(letter.body, /Dywedoch chi wrthon ni: Keep Saturday clubs\./, 'Welsh, easy read');
  assert.match(letter.body, /Byddwn ni'n ei wneud yn nes ymlaen\./, 'the status in easy-read Welsh');
  assert.doesNotMatch(letter.body, /We will do it later/);
  assert.match(byResponse.get(people.welshEmail.responseId)!.body, /Beth wnaethon ni:/);

  // The public copy: counts and quotes of visible contributions only, redacted, no names.
  const row = await stored(themeId);
  const content = readPublishedContent(row.published_content) as PublishedContent;
  assert.equal(content.theme.contributionCount, 9, 'ten contributions, one hidden');
  assert.equal(content.theme.quotes.length, 1);
  assert.doesNotMatch(content.theme.quotes[0]!, /Wilbur|kim\.one@example\.com/);
  assert.match(content.theme.quotes[0]!, /keep Saturdays/);
  const json = JSON.stringify(row.published_content);
  for (const secret of ['HIDDEN-SECRET', 'kim.one', 'Wilbur', 'Only decision_maker', 'original_text', 'originalText', '07700900001']) assert.ok(!json.includes(secret), `published content holds ${secret}`);
  assert.equal(content.response.decidedBy, 'Head of Short Breaks');
  assert.deepEqual(content.activities.map((a) => a.id), [areas.riverside.activityId]);
  assert.deepEqual(row.published_activity_ids, [areas.riverside.activityId]);
  assert.equal(row.stage, 'published');
  assert.equal(row.published_version, row.version);

  // Audit: one save, publications recorded.
  const audited = await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select('action').where('subject_type', '=', 'theme_response').execute());
  assert.ok(audited.some((a) => a.action === 'feedback.save') && audited.some((a) => a.action === 'feedback.publish'));
});

test('editing after publication leaves the public copy alone; publishing again tells nobody twice but does tell newcomers', async () => {
  const themeId = await newTheme('Waiting lists');
  const early = await contribute(themeId, { text: 'The wait is too long.', channel: 'email' });
  await responses.saveResponse(t.db, areaId, null, themeId, answer(), 0);
  const first = await responses.publishResponse(t.db, areaId, null, themeId, { baseUrl: 'https://chorus.example', areaSlug: 'riverside' });
  assert.equal(first.noticesCreated, 1);
  assert.deepEqual(first.byChannel, { email: 1, sms: 0, supporter: 0, letter: 0 });
  const before = await stored(themeId);

  const edit = await responses.saveResponse(t.db, areaId, null, themeId, answer({ status: 'done', whatChanged: 'Done now.', whatChangedEasyRead: 'We did it.' }), 1);
  assert.deepEqual(edit, { ok: true, version: 2 });
  const between = await stored(themeId);
  assert.deepEqual(between.published_content, before.published_content, 'the public copy is as it was');
  assert.equal(between.stage, 'draft');
  assert.equal(between.published_version, 1);

  const page = readPage((await lead.get(url(themeId))).body);
  assert.ok(page.getByText(/It has been changed since then/));

  const second = await responses.publishResponse(t.db, areaId, null, themeId, { baseUrl: 'https://chorus.example', areaSlug: 'riverside', expectedVersion: 2 });
  assert.equal(second.noticesCreated, 0);
  const after = await stored(themeId);
  assert.equal(readPublishedContent(after.published_content)!.response.status, 'done');
  assert.deepEqual(after.first_published_at, before.first_published_at, 'first publication date kept');
  assert.ok(after.published_at!.getTime() >= before.published_at!.getTime());
  assert.equal((await notices(themeId)).length, 1);

  // Someone whose view joins the theme later is told at the next publication, once.
  const late = await contribute(themeId, { text: 'Still waiting.', channel: 'sms' });
  const third = await responses.publishResponse(t.db, areaId, null, themeId, { baseUrl: 'https://chorus.example', areaSlug: 'riverside' });
  assert.deepEqual(third.byChannel, { email: 0, sms: 1, supporter: 0, letter: 0 });
  assert.deepEqual((await notices(themeId)).map((n) => n.response_id).sort(), [early.responseId, late.responseId].sort());

  // A preview from before an edit cannot publish what nobody looked at.
  await responses.saveResponse(t.db, areaId, null, themeId, answer({ whatChanged: 'Changed again.' }), 2);
  await assert.rejects(responses.publishResponse(t.db, areaId, null, themeId, { baseUrl: 'x', areaSlug: 'riverside', expectedVersion: 2 }), (e: Error) => e.constructor.name === 'ConflictError');
  const previewPage = readPage((await lead.get(url(themeId, '/publish'))).body);
  const token = lead.csrf();
  assert.ok(previewPage.getByText(/An earlier version is published/));
  assert.ok(previewPage.getByText(/Fewer than 8 people said this/), 'small counts are suppressed as on public pages');
  const stale = await lead.post(url(themeId, '/publish'), { version: '2' }, { csrf: token });
  assert.equal(stale.statusCode, 409);
  assert.ok(readPage(stale.body).getByText(/changed after you opened the preview/));
});

test('nothing written, or a part missing, cannot be published', async () => {
  const empty = await newTheme('Nothing yet');
  await contribute(empty, { text: 'Hello.', channel: 'email' });
  await assert.rejects(responses.publishResponse(t.db, areaId, null, empty, { baseUrl: 'x', areaSlug: 'riverside' }), (e: responses.NotReadyError) => e.problems.join() === 'nothing');
  const preview = await lead.get(url(empty, '/publish'));
  assert.equal(preview.statusCode, 200);
  const notReady = readPage(preview.body);
  assert.ok(notReady.getByRole('heading', { name: 'This response cannot be published yet' }));
  assert.equal(notReady.queryByRole('button', { name: /Publish and tell people/ }), null);
  assert.ok(!notReady.text('body').includes('Publish and tell people'));
  const refused = await lead.post(url(empty, '/publish'), { version: '0' });
  assert.equal(refused.statusCode, 422);
  assert.ok(readPage(refused.body).errorSummary().includes('Write the response and save it first'));
  assert.equal((await notices(empty)).length, 0);

  const noEasyRead = await newTheme('No easy read');
  await responses.saveResponse(t.db, areaId, null, noEasyRead, answer({ whatChangedEasyRead: '' }), 0);
  await lead.get(url(noEasyRead, '/publish'));
  const missing = await lead.post(url(noEasyRead, '/publish'), { version: '1' });
  assert.equal(missing.statusCode, 422);
  assert.ok(readPage(missing.body).errorSummary().includes('Enter what changed, in easy read'));
  assert.equal((await stored(noEasyRead)).published_at, null);

  assert.deepEqual(publishProblems({ ...answer(), status: 'cannot', reason: ' ' }, true), ['reason']);
  assert.deepEqual(publishProblems(answer(), false), ['nothing']);
  assert.deepEqual(publishProblems(answer({ status: 'cannot', reason: 'No money.' }), true), []);
});

test('a text message stays under 450 characters however long the names; supporters are asked to pass it on', () => {
  const content: PublishedContent = {
    theme: { title: 'T'.repeat(200), summary: 'S', easyReadSummary: 'E', symbol: null, symbolAlt: '', citation: '', contributionCount: 3, quotes: [] },
    response: { status: 'cannot', reason: 'R'.repeat(3000), whatChanged: 'W', whatChangedEasyRead: 'E', decidedBy: '', decidedOn: null, dueOn: null, doneOn: null, evidenceLinks: [] },
    activities: [],
  };
  for (const format of ['standard', 'easy_read'] as const) {
    for (const language of ['en', 'cy', 'xx']) {
      const notice = composeNotice({ channel: 'sms', format, language, content, areaName: 'A'.repeat(120), link: 'https://chorus.example/a/some-area/my-views', receiptCode: 'ABCDEF123456' });
      assert.ok(notice.body.length < SMS_LIMIT, `${format} ${language}: ${notice.body.length}`);
      assert.ok(notice.body.includes('ABCDEF123456'), 'the receipt code survives shortening');
    }
  }
  const supporter = composeNotice({ channel: 'supporter', format: 'easy_read', language: 'en', content, areaName: 'Riverside', link: 'L', receiptCode: null });
  assert.match(supporter.body, /Please share this with them/);
  assert.match(supporter.body, /This is why: R/);
  assert.doesNotMatch(supporter.body, /your code/i, 'no code line when there is no code');
});

test('letters: listed by activity, printed one per person in easy read with their code, audited, and marked printed', async () => {
  const themeId = await newTheme('Letters theme');
  const a = await contribute(themeId, { text: 'PRIVATE-A words about clubs.', channel: 'letter', format: 'standard' });
  const b = await contribute(themeId, { text: 'PRIVATE-B words about clubs.', channel: 'letter', language: 'cy' });
  await contribute(themeId, { text: 'PRIVATE-C by email.', channel: 'email' });
  await responses.saveResponse(t.db, areaId, null, themeId, answer({ status: 'cannot', reason: 'The hall is closed at weekends.' }), 0);
  await responses.publishResponse(t.db, areaId, null, themeId, { baseUrl: app.config.baseUrl, areaSlug: 'riverside' });

  const list = await lead.get('/a/riverside/manage/letters');
  assert.equal(list.statusCode, 200);
  const lettersPage = readPage(list.body);
  assert.equal(lettersPage.heading(), 'Letters to print');
  // The demo's own activities have letters waiting too: take the fixture activity's.
  const link = `/a/riverside/manage/letters/print?activity=${areas.riverside.activityId}`;
  assert.equal(lettersPage.getByRole('link', { name: 'Print letters for Riverside fixture survey' }).getAttribute('href'), link);

  const pack = await lead.get(link);
  assert.equal(pack.statusCode, 200);
  const printed = readPage(pack.body);
  // One letter per person, each an article: ours are the ones about this theme.
  const ours = printed.getAllByRole('article').filter((letter) => within(letter).queryByRole('heading', { name: 'Letters theme' }));
  assert.equal(ours.length, 2);
  const english = ours.find((letter) => within(letter).queryByText(a.receiptCode))!;
  const welsh = ours.find((letter) => within(letter).queryByText(b.receiptCode))!;
  assert.equal(english.getAttribute('lang'), 'en');
  assert.equal(welsh.getAttribute('lang'), 'cy');
  const letter = within(english);
  assert.equal(letter.getByText('You told us:').parentElement?.textContent, 'You told us: Keep Saturday clubs.');
  assert.ok(english.textContent?.replace(/\s+/g, ' ').includes("We can't do it. We will tell you why"));
  assert.ok(letter.getByText(/The hall is closed at weekends\./));
  assert.equal(letter.getByRole('img', { name: 'A red circle with a line through it' }).getAttribute('src'), '/symbols/1F6AB.svg');
  assert.ok(letter.getByText(/my-views/));
  assert.ok(!english.textContent?.includes(b.receiptCode), 'each letter carries only its own code');
  assert.doesNotMatch(pack.body, /PRIVATE-[ABC]/, 'nobody’s own words are printed');
  assert.ok([...printed.document.querySelectorAll('style')].some((style) => style.textContent?.includes('break-after: page')), 'one letter a page when printed');
  const audited = await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select('detail').where('action', '=', 'feedback.letters_print').execute());
  assert.ok(audited.length >= 1);

  const ids = [...printed.document.querySelectorAll('input[type="hidden"][name="noticeId"]')].map((input) => input.getAttribute('value')!);
  const token = lead.csrf();
  // Only the shown ones are marked: a letter published after the page was opened is not.
  const laterTheme = await newTheme('Later theme');
  await contribute(laterTheme, { text: 'Later.', channel: 'letter' });
  await responses.saveResponse(t.db, areaId, null, laterTheme, answer(), 0);
  await responses.publishResponse(t.db, areaId, null, laterTheme, { baseUrl: app.config.baseUrl, areaSlug: 'riverside' });
  const marked = await lead.post('/a/riverside/manage/letters/printed', { activity: areas.riverside.activityId, noticeId: ids }, { csrf: token });
  assert.equal(marked.statusCode, 303);
  const statuses = (await notices(themeId)).filter((n) => n.channel === 'letter').map((n) => n.status);
  assert.deepEqual(statuses, ['printed', 'printed']);
  assert.deepEqual((await notices(laterTheme)).map((n) => n.status), ['pending']);
  const again = readPage((await lead.get(link)).body);
  assert.ok(!again.text('body').includes(a.receiptCode));
  assert.ok(again.getAllByRole('heading', { name: 'Later theme' }).length > 0);

  // Another area's activity, or a bad id, is not found; no activity chosen goes back to the list.
  assert.equal((await lead.get(`/a/riverside/manage/letters/print?activity=${areas.northVale.activityId}`)).statusCode, 404);
  assert.equal((await lead.get('/a/riverside/manage/letters/print?activity=nope')).statusCode, 404);
  assert.equal((await lead.get('/a/riverside/manage/letters/print')).statusCode, 303);
  await lead.get('/a/riverside/manage/letters');
  assert.equal((await lead.post('/a/riverside/manage/letters/printed', { activity: 'nope', noticeId: ids })).statusCode, 404);
  const dm = new Client(app);
  await dm.signIn('only-decision-maker@riverside.example');
  assert.equal((await dm.get(link)).statusCode, 403);
});

test('approval: someone other than the writer approves the very version published; a decision maker can; the rule is audited', async () => {
  await responses.setPublishingRules(t.db, areaId, null, { needsApproval: true });
  try {
    const themeId = await newTheme('Approved sessions');
    await contribute(themeId, { text: 'Keep the approved sessions.', channel: 'email' });
    const leadId = areas.riverside.memberIds.participation_lead;
    const dmId = areas.riverside.memberIds.decision_maker;
    const saved = await responses.saveResponse(t.db, areaId, leadId, themeId, answer(), 0);
    assert.ok(saved.ok);
    await assert.rejects(responses.publishResponse(t.db, areaId, leadId, themeId, { baseUrl: 'x', areaSlug: 'riverside' }), (e: responses.NotReadyError) => e.problems.join() === 'approval');
    await assert.rejects(responses.approveResponse(t.db, areaId, leadId, themeId, { canRespond: true, expectedVersion: 1 }), responses.OwnApprovalError, 'the writer cannot approve their own');
    await assert.rejects(responses.approveResponse(t.db, areaId, dmId, themeId, { canRespond: true, expectedVersion: 7 }), (e: Error) => e.constructor.name === 'ConflictError', 'only the version they saw');

    const dm = new Client(app);
    await dm.signIn('only-decision-maker@riverside.example');
    const page = readPage((await dm.get(url(themeId, '/publish'))).body);
    assert.ok(page.getByRole('button', { name: 'Approve this response' }));
    const approved = await dm.post(url(themeId, '/approve'), { version: '1' });
    assert.equal(approved.statusCode, 303);
    assert.equal((await dm.post(url(themeId, '/approve'), { version: '1' })).statusCode, 303, 'approving twice is harmless');
    const responseId = (await responses.getResponse(t.db, areaId, themeId)).response.id!;
    const audits = await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select(['action', 'actor_account_id']).where('action', '=', 'feedback.approve').where('subject_id', '=', responseId).execute());
    assert.deepEqual(audits.map((a) => a.actor_account_id), [dmId], `audited once, as the decision maker: ${JSON.stringify(audits)} ${dmId}`);
    const own = await lead.post(url(themeId, '/approve'), { version: '1' });
    assert.equal(own.statusCode, 403, 'a writer posting an approval is refused');

    // Saving again makes a new version nobody has approved.
    assert.ok((await responses.saveResponse(t.db, areaId, leadId, themeId, answer({ whatChanged: 'Changed after approval.' }), 1)).ok);
    await assert.rejects(responses.publishResponse(t.db, areaId, leadId, themeId, { baseUrl: 'x', areaSlug: 'riverside' }), (e: responses.NotReadyError) => e.problems.includes('approval'));
    await responses.approveResponse(t.db, areaId, dmId, themeId, { canRespond: true, expectedVersion: 2 });
    const published = await responses.publishResponse(t.db, areaId, leadId, themeId, { baseUrl: 'x', areaSlug: 'riverside' });
    assert.equal(published.version, 2);
  } finally {
    await responses.setPublishingRules(t.db, areaId, null, { needsApproval: false });
  }
});

test('the theme\'s summary and easy read summary are needed before publishing', async () => {
  const themeId = await withArea(t.db, areaId, async (tx) => (await tx.insertInto('theme').values({ area_id: areaId, title: 'No words yet' }).returning('id').executeTakeFirstOrThrow()).id);
  await responses.saveResponse(t.db, areaId, null, themeId, answer(), 0);
  await assert.rejects(responses.publishResponse(t.db, areaId, null, themeId, { baseUrl: 'x', areaSlug: 'riverside' }), (e: responses.NotReadyError) => e.problems.join() === 'themeSummary,themeEasyReadSummary');
  const page = readPage((await lead.get(url(themeId, '/publish'))).body);
  assert.deepEqual(
    page.errorLinks().map((link) => link.split(' ')[0]),
    [`/a/riverside/manage/themes/${themeId}/edit#summary`, `/a/riverside/manage/themes/${themeId}/edit#easyReadSummary`],
  );
  assert.equal(page.queryByRole('button', { name: /Publish and tell people/ }), null);
  assert.deepEqual(publishProblems(answer(), true, { summary: ' ', easyReadSummary: 'x' }), ['themeSummary']);
});
