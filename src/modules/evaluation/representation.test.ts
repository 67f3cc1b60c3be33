/**
 * Who takes part, compared with everyone (issue 13 §5), on a known data set whose statistics were
 * worked out independently with SciPy 1.17 (`scipy.stats.chisquare`, which computes the statistic
 * and p-value its own way, from its own chi-square distribution): the values are given beside each
 * assertion. Also: small numbers hidden with secondary suppression on the page, in the flags and in
 * the exports; the CSV import refusing bad files line by line and storing nothing; figures typed in;
 * who may see what; and the same number of queries for 10 and 1,000 activities.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { testActivity } from '../../testing/activities.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, createTestDb, DEMO_PASSWORD, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { createActivity } from '../activities/activities.service.ts';
import { addOrganisation, createArea } from '../areas/areas.service.ts';
import { holm } from './representation.statistics.ts';
import { recordTypedPopulation, representationReport, type RepresentationSection } from './representation.service.ts';
import { representationSummary } from './index.ts';

let t: TestDb;
let app: FastifyInstance;
const KNOWN = 'rep-known';
const EMPTY = 'rep-empty';
const IMPORTS = 'rep-imports';
const ids: Record<string, string> = {};

type AboutYou = { sex?: string | null; ethnicity?: string | null; need_type?: string | null; support_level?: string | null; age_band?: string | null };

/** Submitted responses with these "About you" answers, written straight to the table (test data). */
async function addResponses(db: Db, areaId: string, activityId: string, answers: AboutYou, times: number): Promise<void> {
  if (times === 0) return;
  await withArea(db, areaId, (tx) =>
    tx
      .insertInto('response')
      .values(
        Array.from({ length: times }, () => ({
          area_id: areaId,
          activity_id: activityId,
          mode: 'anonymous' as const,
          support_methods: [],
          status: 'submitted' as const,
          access_token_hash: randomBytes(16).toString('hex'),
          idempotency_key: randomBytes(16).toString('hex'),
          receipt_code: randomBytes(6).toString('hex').toUpperCase(),
          submitted_at: new Date(),
          updated_at: new Date(),
          sex: answers.sex ?? null,
          ethnicity: answers.ethnicity ?? null,
          need_type: answers.need_type ?? null,
          support_level: answers.support_level ?? null,
          age_band: answers.age_band ?? null,
        })),
      )
      .execute(),
  );
}

async function areaWithLead(slug: string): Promise<{ areaId: string; leadEmail: string }> {
  const area = await createArea(t.db, { slug, name: `Area ${slug}`, contactEmail: `${slug}@example.com` });
  const leadEmail = `lead@${slug}.example`;
  const lead = await createAccount(t.db, { email: leadEmail, displayName: 'Lead', password: DEMO_PASSWORD });
  await addMember(t.db, area.id, lead, 'participation_lead', null);
  for (const role of ['decision_maker', 'young_person', 'area_admin'] as const) {
    const id = await createAccount(t.db, { email: `${role.replace('_', '-')}@${slug}.example`, displayName: role, password: DEMO_PASSWORD });
    await addMember(t.db, area.id, id, role, null);
  }
  ids[slug] = area.id;
  return { areaId: area.id, leadEmail };
}

async function signedIn(email: string, a: FastifyInstance = app): Promise<Client> {
  const client = new Client(a);
  await client.signIn(email);
  return client;
}

/**
 * The known area. Population (as at 2026-01-15) and participants (140 responses with about-you
 * answers, plus some that say "prefer not to say", are adults, or are still in progress):
 *
 * | sex    | population | participants |   | ethnic group | population | participants |
 * | female |        800 |           70 |   | white        |       1500 |          100 |
 * | male   |       1600 |           70 |   | mixed        |        240 |           12 |
 *                                          | asian        |        300 |           16 |
 *                                          | black        |        240 |            2 |  (hidden: 1–7)
 *                                          | other        |        120 |           10 |  (hidden: secondary)
 *
 * Type of need (100 participants): ASD 600/40, SEMH 500/20, SLCN 400/20, MLD 300/10, SPLD 200/10,
 * PD 20/0, HI 20/0. Expected for PD and HI is 0.98 each (under 5), merged with SPLD (9.80) to reach 5.
 */
async function knownArea(): Promise<void> {
  const { areaId } = await areaWithLead(KNOWN);
  const activity = await createActivity(t.db, areaId, null, testActivity({ title: 'Known survey' }));
  await recordTypedPopulation(t.db, areaId, null, {
    asAt: '2026-01-15',
    source: 'Known test figures',
    organisationId: null,
    counts: [
      { characteristic: 'sex', value: 'female', count: 800 },
      { characteristic: 'sex', value: 'male', count: 1600 },
      { characteristic: 'ethnicity', value: 'white', count: 1500 },
      { characteristic: 'ethnicity', value: 'mixed', count: 240 },
      { characteristic: 'ethnicity', value: 'asian', count: 300 },
      { characteristic: 'ethnicity', value: 'black', count: 240 },
      { characteristic: 'ethnicity', value: 'other', count: 120 },
      ...Object.entries({ ASD: 600, SEMH: 500, SLCN: 400, MLD: 300, SPLD: 200, PD: 20, HI: 20 }).map(([value, count]) => ({ characteristic: 'need_type' as const, value, count })),
    ],
  });
  // Ethnicity as people answer it: groups, or categories of a group ("african" is Black).
  const ethnic = [...Array(90).fill('white'), ...Array(10).fill('white_irish'), ...Array(12).fill('mixed'), ...Array(16).fill('indian'), 'african', 'black', ...Array(10).fill('arab')];
  const needs = [...Array(40).fill('ASD'), ...Array(20).fill('SEMH'), ...Array(20).fill('SLCN'), ...Array(10).fill('MLD'), ...Array(10).fill('SPLD'), ...Array(40).fill('dont_know')];
  for (let i = 0; i < 140; i += 1) {
    await addResponses(t.db, areaId, activity.id, { sex: i < 70 ? 'female' : 'male', ethnicity: ethnic[i], need_type: needs[i], age_band: i % 2 ? '12_15' : null }, 1);
  }
  // Not counted: prefer not to say (out of the shares), adults answering about themselves, unfinished.
  await addResponses(t.db, areaId, activity.id, { sex: 'prefer_not_to_say', ethnicity: 'prefer_not_to_say' }, 9);
  await addResponses(t.db, areaId, activity.id, { sex: 'female', ethnicity: 'black', age_band: 'over_25' }, 30);
  await withArea(t.db, areaId, (tx) => tx.updateTable('response').set({ status: 'in_progress', submitted_at: null, receipt_code: null }).where('sex', '=', 'prefer_not_to_say').execute());
  await addResponses(t.db, areaId, activity.id, { sex: 'prefer_not_to_say', ethnicity: 'prefer_not_to_say' }, 9);
}

before(async () => {
  t = await createTestDb();
  app = await testApp(t.db);
  await knownArea();
  await areaWithLead(EMPTY);
  const { areaId } = await areaWithLead(IMPORTS);
  await addOrganisation(t.db, areaId, null, { name: 'Riverbank School', kind: 'school' });
});
after(async () => {
  await app?.close();
  await t?.drop();
});

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
const sectionOf = (sections: RepresentationSection[], c: string) => sections.find((s) => s.characteristic === c)!;

test('statistics on the known data set match SciPy: χ², degrees of freedom, p-values, ratios and rates', async () => {
  const report = await representationReport(t.db, ids[KNOWN]!);
  const sex = sectionOf(report.sections, 'sex');
  // Adults (30) and "prefer not to say" (9) and unfinished responses (9) are not counted.
  assert.equal(sex.participants, 140);
  assert.equal(sex.population, 2400);
  // scipy.stats.chisquare([70, 70], [140/3, 280/3]) → statistic 17.5, p 2.873076843491046e-05.
  close(sex.fit!.statistic, 17.5, 'sex χ²');
  assert.equal(sex.fit!.df, 1);
  close(sex.fit!.p, 2.873076843491046e-5, 'sex p');
  const female = sex.rows.find((r) => r.value === 'female')!;
  // 70/140 = 50% against 800/2400 = 33.3%: ratio 0.5 / (1/3) = 1.5; rate 70 / 800 × 10,000 = 875.0.
  assert.deepEqual([female.participants.count, female.participantShare, female.population.count, female.populationShare, female.ratio, female.ratePer10k], [70, 50, 800, 33.3, 1.5, 875]);
  const male = sex.rows.find((r) => r.value === 'male')!;
  // 70 / 1600 × 10,000 = 437.5; ratio 0.5 / (2/3) = 0.75.
  assert.deepEqual([male.ratio, male.ratePer10k, male.direction], [0.75, 437.5, 'under']);
  // Per group, two cells: scipy.stats.chisquare([70, 70], [46.67, 93.33]) is the same test, p 2.87e-05.
  assert.ok('p' in male.test);
  close(male.test.p, 2.873076843491046e-5, 'male per-group p');

  const ethnicity = sectionOf(report.sections, 'ethnicity');
  assert.equal(ethnicity.participants, 140, 'white_irish counts as White, indian as Asian, african as Black, arab as Other');
  // Black (2) is hidden as 1–7 and Other (10, the smallest other) hidden with it so it cannot be worked out.
  const row = (v: string) => ethnicity.rows.find((r) => r.value === v)!;
  assert.deepEqual([row('black').participants, row('other').participants], [{ count: null, suppression: 'small' }, { count: null, suppression: 'secondary' }]);
  assert.deepEqual([row('black').ratio, row('black').ratePer10k, row('black').participantShare, row('black').test], [null, null, null, { reason: 'hidden' }]);
  // White: 100/140 = 71.4% against 62.5%: ratio 1.142857 → 1.14; rate 100 / 1500 × 10,000 = 666.7.
  assert.deepEqual([row('white').participants.count, row('white').participantShare, row('white').ratio, row('white').ratePer10k], [100, 71.4, 1.14, 666.7]);
  // The hidden groups are merged before the overall test: cells White, Mixed, Asian, Black + Other.
  // scipy.stats.chisquare([100, 12, 16, 12], [87.5, 14, 17.5, 21]) → 6.057142857142857, p 0.10886295704908687.
  close(ethnicity.fit!.statistic, 6.057142857142857, 'ethnicity χ²');
  assert.equal(ethnicity.fit!.df, 3);
  close(ethnicity.fit!.p, 0.10886295704908687, 'ethnicity p');
  assert.deepEqual(ethnicity.fit!.merged, [{ value: 'black', reason: 'hidden' }, { value: 'other', reason: 'hidden' }]);
  // Per group, Black: scipy.stats.chisquare([2, 138], [14, 126]) → p 0.0007232327164301936; ×5 groups (Holm) = 0.0036: flagged.
  // White: chisquare([100, 40], [87.5, 52.5]) → p 0.029096331741252267; second smallest ×4 = 0.116: not flagged.
  assert.deepEqual(report.flags.filter((f) => f.characteristic === 'ethnicity').map((f) => [f.value, f.direction, f.participants, f.suppression]), [['black', 'under', null, 'small']]);
  assert.equal(row('white').direction, null);
  const whiteTest = row('white').test;
  assert.ok('p' in whiteTest);
  close(whiteTest.p, 0.029096331741252267, 'white per-group p');

  const need = sectionOf(report.sections, 'need_type');
  assert.equal(need.participants, 100, '"don\'t know" is left out of the shares');
  // Expected: ASD 29.41, SEMH 24.51, SLCN 19.61, MLD 14.71, SPLD 9.80, PD 0.98, HI 0.98. PD and HI
  // are under 5, merged (1.96, still under 5), so SPLD joins them (11.76). Equal ones in census order (HI before PD).
  // scipy.stats.chisquare([40, 20, 20, 10, 10], [29.41, 24.51, 19.61, 14.71, 11.76]) → 6.42, p 0.16990134187525108.
  close(need.fit!.statistic, 6.42, 'need χ²');
  assert.equal(need.fit!.df, 4);
  close(need.fit!.p, 0.16990134187525108, 'need p');
  assert.deepEqual(need.fit!.merged.map((m) => [m.value, m.reason]), [['HI', 'small_expected'], ['PD', 'small_expected'], ['SPLD', 'small_expected']]);
  assert.deepEqual(need.rows.find((r) => r.value === 'PD')!.test, { reason: 'too_few' });
  assert.deepEqual(report.missing, ['support_level', 'age_band']);

  // The hub's summary (index.ts).
  assert.deepEqual(await representationSummary(t.db, ids[KNOWN]!), { hasPopulation: true, underRepresented: 2, overRepresented: 0 });
});

test("Holm's adjustment: the smallest p times the number of tests, then never smaller than the one before", () => {
  // Worked by hand: p = 0.01, 0.04, 0.03, 0.5 → sorted 0.01×4 = 0.04, 0.03×3 = 0.09, 0.04×2 = 0.08 → 0.09 (monotone), 0.5×1 = 0.5.
  const tests = [0.01, 0.04, 0.03, 0.5].map((p) => ({ p, adjustedP: 1 }));
  holm(tests);
  assert.deepEqual(tests.map((x) => Math.round(x.adjustedP * 1e6) / 1e6), [0.04, 0.09, 0.09, 0.5]);
});

test('the page: flags in plain words that never give a hidden number away, tables, charts and the test', async () => {
  const lead = await signedIn(`lead@${KNOWN}.example`);
  const response = await lead.get(`/a/${KNOWN}/manage/evaluation/representation`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), `Area ${KNOWN} Who takes part, compared with everyone`);
  const flags = page.section('What stands out');
  assert.match(flags, /Under-represented: Black, Black British, Caribbean or African \(ethnic group\)\. Fewer than 8 of 140 participants, against 10\.0% of the children and young people our services serve\./);
  assert.match(flags, /Under-represented: Male \(sex\)\. 70 of 140 participants \(50\.0%\), against 66\.7%/);
  assert.doesNotMatch(flags, /Over-represented: Female/, 'with two groups, only the one missing out is named');
  assert.doesNotMatch(flags, /\b2 of 140\b/);
  const ethnicRows = page.tableRows('Ethnic group: participants and population');
  assert.deepEqual(ethnicRows.find((r) => r[0]!.startsWith('Black'))!.slice(1), ['fewer than 8', 'not shown–', '240', '10.0%', 'not shown–', 'not shown–', 'Not shown (small numbers)']);
  assert.deepEqual(ethnicRows.find((r) => r[0]!.startsWith('Other'))!.slice(1, 2), ['hidden']);
  assert.deepEqual(ethnicRows.find((r) => r[0] === 'White')!.slice(1), ['100', '71.4%', '1,500', '62.5%', '1.14', '666.7', 'p = 0.029']);
  const sexRows = page.tableRows('Sex: participants and population');
  assert.deepEqual(sexRows.find((r) => r[0]!.startsWith('Female'))!.slice(1), ['70', '50.0%', '800', '33.3%', '1.50', '875.0', 'p < 0.001']);
  assert.match(page.text(), /χ² = 6\.06, degrees of freedom: 3, p = 0\.109\./);
  assert.match(page.text(), /Put together before the test because their numbers are hidden: Black, Black British, Caribbean or African; Other ethnic group\./);
  assert.match(page.text(), /Put together before the test because fewer than 5 participants were expected in each: Hearing impairment \(HI\); Physical disability \(PD\); Specific learning difficulty \(SPLD\)\./);
  assert.match(page.text(), /We do not know this yet\./, 'says honestly that who was invited and did not take part is not known');
  // Each chart is an image with a name and a description that says every value, hidden ones as hidden.
  const chart = page.document.querySelector('svg[aria-labelledby="chart-ethnicity-title chart-ethnicity-desc"]')!;
  assert.equal(chart.getAttribute('role'), 'img');
  assert.match(chart.querySelector('desc')!.textContent!, /Black, Black British, Caribbean or African: participants fewer than 8, population 10\.0%\./);
  // No drawn bar for a hidden share: the chart has 5 population bars but 3 participant bars with width.
  assert.equal(chart.querySelectorAll('rect[fill="#1d70b8"][width="0%"]').length, 2);
  // The numbers of hidden groups are nowhere on the page.
  const leak = /83\.3|\b1\.4%|\b0\.14\b/.exec(response.body);
  assert.equal(leak && response.body.slice(leak.index - 200, leak.index + 50), null, 'rate (2/240), share (2/140) and ratio of Black would give 2 away');
  assert.doesNotMatch(response.body, /\b7\.1%|\b0\.32\b/, 'Other’s share (10/140) or ratio would give it away');
});

test('the exports: every table as CSV (all or one) and as Excel, hidden numbers hidden, each download audited', async () => {
  const lead = await signedIn(`lead@${KNOWN}.example`);
  const csv = await lead.get(`/a/${KNOWN}/manage/evaluation/representation.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /^attachment; filename="who-takes-part-rep-known-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '"Characteristic","Group","Participants","Share of participants","Population","Share of population","Representation ratio","Per 10,000","Test for this group"');
  assert.ok(lines.includes('"Sex","Female",70,50,800,33.3,1.5,875,"p < 0.001"'), lines.join('\n'));
  assert.ok(lines.includes('"Ethnic group","Black, Black British, Caribbean or African","fewer than 8",,240,10,,,"Not shown (small numbers)"'), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('"Ethnic group","Other ethnic group","hidden",')));
  assert.equal(lines.length, 1 + 2 + 5 + 7);
  const one = await lead.get(`/a/${KNOWN}/manage/evaluation/representation.csv?table=sex`);
  assert.equal(one.body.replace(/^\uFEFF/, '').trim().split('\r\n').length, 3);
  const bad = await lead.get(`/a/${KNOWN}/manage/evaluation/representation.csv?table=../../etc`);
  assert.equal(bad.statusCode, 303);
  const xlsx = await lead.get(`/a/${KNOWN}/manage/evaluation/representation.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK', 'an .xlsx is a zip file');
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(book.worksheets.map((w) => w.name), ['Sex', 'Ethnic group', 'Type of need']);
  const ethnicSheet = book.getWorksheet('Ethnic group')!;
  const black = ethnicSheet.getRows(1, 6)!.find((r) => String(r.getCell(1).value).startsWith('Black'))!;
  assert.equal(black.getCell(2).value, 'fewer than 8');
  const audits = await withArea(t.db, ids[KNOWN]!, (tx) => tx.selectFrom('audit_event').select('action').where('action', '=', 'representation.exported').execute());
  assert.equal(audits.length, 3);
});

test('who may see it: staff who evaluate see the comparison; only leads and admins manage population figures', async () => {
  const urls = ['/manage/evaluation/representation', '/manage/evaluation/population', '/manage/evaluation/population/import', '/manage/evaluation/population/new', '/manage/evaluation/population/template.csv'];
  const young = await signedIn(`young-person@${KNOWN}.example`);
  for (const url of urls) assert.ok([403, 404].includes((await young.get(`/a/${KNOWN}${url}`)).statusCode), url);
  const decider = await signedIn(`decision-maker@${KNOWN}.example`);
  assert.equal((await decider.get(`/a/${KNOWN}/manage/evaluation/representation`)).statusCode, 200);
  assert.doesNotMatch((await decider.get(`/a/${KNOWN}/manage/evaluation/representation`)).body, /Change or add population figures/);
  for (const url of urls.slice(1)) assert.equal((await decider.get(`/a/${KNOWN}${url}`)).statusCode, 403, url);
  // Another area's lead sees nothing of this one.
  const other = await signedIn(`lead@${EMPTY}.example`);
  assert.ok([403, 404].includes((await other.get(`/a/${KNOWN}/manage/evaluation/representation`)).statusCode));
});

test('an area without population figures says so, and where to add them', async () => {
  const lead = await signedIn(`lead@${EMPTY}.example`);
  const page = readPage((await lead.get(`/a/${EMPTY}/manage/evaluation/representation`)).body);
  assert.match(page.text(), /No population figures yet/);
  assert.ok(page.links().some((l) => l.name === 'Add population figures' && l.href === `/a/${EMPTY}/manage/evaluation/population`));
  assert.deepEqual(await representationSummary(t.db, ids[EMPTY]!), { hasPopulation: false, underRepresented: 0, overRepresented: 0 });
});

// ── Importing a file ──────────────────────────────────────────────────────────────────────────────

/** Posts the import form as a browser does: multipart, with the file and the form's fields. */
async function postImport(client: Client, slug: string, file: { name: string; bytes: Buffer | string } | null, fields: Record<string, string> = { 'asAt-day': '15', 'asAt-month': '1', 'asAt-year': '2026', source: 'DfE SEN in England 2026' }): Promise<LightMyRequestResponse> {
  await client.get(`/a/${slug}/manage/evaluation/population/import`);
  const boundary = `----chorus${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: client.csrf(), ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await app.inject({
    method: 'POST',
    url: `/a/${slug}/manage/evaluation/population/import`,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  // Keep the cookies it set (the flash message), as a browser would.
  for (const c of response.cookies as Array<{ name: string; value: string }>) client.cookies.set(c.name, c.value);
  return response;
}

const storedImports = async (slug: string) => (await withArea(t.db, ids[slug]!, (tx) => tx.selectFrom('population_count').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow())).n;

test('CSV import: bad files are refused with a message naming each bad line, and nothing is stored', async () => {
  const lead = await signedIn(`lead@${IMPORTS}.example`);
  const header = 'characteristic,group,count,organisation\n';
  const latin1 = Buffer.concat([Buffer.from(`${header}sex,F,10,\n`), Buffer.from('sex,M,12,Caf\xe9\n', 'latin1')]);
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
  const big = header + Array.from({ length: 5_000 }, (_, i) => `sex,F,${i},${'Riverbank School '.repeat(3)}`).join('\n');
  const cases: Array<{ kind: string; bytes: Buffer | string; expect: RegExp[] }> = [
    { kind: 'wrong header', bytes: 'kind,code,number\nsex,F,10\n', expect: [/^Line 1: the first line must name the columns characteristic,group,count,organisation\. Missing: characteristic, group, count/] },
    { kind: 'missing column', bytes: 'characteristic,group\nsex,F\n', expect: [/^Line 1: .*Missing: count$/] },
    { kind: 'no header at all', bytes: 'sex,F,10\nsex,M,12\n', expect: [/^Line 1: the first line must name the columns/] },
    { kind: 'count not a number', bytes: `${header}sex,F,10\nsex,M,twelve\n`, expect: [/^Line 3: the count ‘twelve’ is not a whole number/] },
    { kind: 'negative count', bytes: `${header}sex,F,-10\n`, expect: [/^Line 2: the count ‘-10’ is less than 0/] },
    { kind: 'unknown code', bytes: `${header}sex,F,10\nsex,X,12\nneed,DYS,4\nplanet,Mars,1\n`, expect: [/^Line 3: ‘X’ is not a sex code/, /^Line 4: ‘DYS’ is not a type of need code/, /^Line 5: ‘planet’ is not a characteristic/] },
    { kind: 'duplicate group', bytes: `${header}sex,F,10\nsex,M,12\nsex,f,10\n`, expect: [/^Line 4: ‘f’ is here twice: it is already on line 2/] },
    { kind: 'empty file', bytes: '', expect: [/^Line 1: the file is empty/] },
    { kind: 'only blank lines', bytes: '\n\n  \n', expect: [/^Line 1: the file is empty/] },
    { kind: 'header but no figures', bytes: header, expect: [/^Line 2: there are no figures after the first line/] },
    { kind: 'too large', bytes: big, expect: [/^Line [\d,]+: the file is bigger than 200 KB/] },
    { kind: 'binary (a picture)', bytes: png, expect: [/^Line 3: this is not a CSV file/] },
    { kind: 'wrong encoding (Windows, not UTF-8)', bytes: latin1, expect: [/^Line 3: this line is not UTF-8 text/] },
    { kind: 'formula injection', bytes: `${header}sex,"=HYPERLINK(""http://evil.example"",""x"")",10,\nsex,M,=1+1,\n`, expect: [/^Line 2: ‘=HYPERLINK\("http:\/\/evil\.example","x"\)’ is not a sex code/, /^Line 3: the count ‘=1\+1’ is not a whole number/] },
    { kind: 'a quote never closed', bytes: `${header}sex,F,10,\nsex,"M,12,\nsex,F,3\n`, expect: [/^Line 3: a quote mark opens here and is never closed/] },
    { kind: 'a comma not in quotes', bytes: `${header}sex,F,10,,extra\n`, expect: [/^Line 2: this line has 5 values, but the first line names 4 columns/] },
    { kind: 'not known is not a group', bytes: `${header}ethnicity,REFU,10,\n`, expect: [/^Line 2: ‘REFU’ means not known, which is not a group/] },
    { kind: 'unknown organisation', bytes: `${header}sex,F,10,Nowhere Academy\n`, expect: [/^Line 2: ‘Nowhere Academy’ is not one of the area’s organisations/] },
    { kind: 'good lines and one bad line', bytes: `${header}sex,F,10,\nsex,M,12,\nneed,ASD,1O,\n`, expect: [/^Line 4: the count ‘1O’ is not a whole number/] },
  ];
  for (const c of cases) {
    const response = await postImport(lead, IMPORTS, { name: 'figures.csv', bytes: c.bytes });
    assert.equal(response.statusCode, 422, c.kind);
    const page = readPage(response.body);
    const summary = page.errorSummary();
    for (const expected of c.expect) assert.ok(summary.some((s) => expected.test(s)), `${c.kind}: ${summary.join(' | ')}`);
    assert.equal(page.errorLinks()[0]!.startsWith('#file '), true, c.kind);
    assert.match(page.document.title, /^Error: /);
    // What was typed about the figures is kept (a file cannot be: browsers forbid it).
    assert.equal(page.valueOf('Where do the figures come from?'), 'DfE SEN in England 2026', c.kind);
    assert.doesNotMatch(response.body, /<a href="http:\/\/evil/);
    assert.equal(await storedImports(IMPORTS), '0', `${c.kind}: nothing stored`);
  }
  // No file at all, and the date and source missing: each problem against its own field.
  const nothing = readPage((await postImport(lead, IMPORTS, null, {})).body);
  assert.deepEqual(nothing.errorLinks(), ['#file Line 1: the file is empty. Choose a CSV file with figures in it', '#asAt-day Enter the date the figures describe', '#source Enter where the figures come from']);
  assert.equal(nothing.fieldError('file'), 'Line 1: the file is empty. Choose a CSV file with figures in it Nothing was imported.');
  const future = readPage((await postImport(lead, IMPORTS, { name: 'f.csv', bytes: `${header}sex,F,10,\n` }, { 'asAt-day': '1', 'asAt-month': '1', 'asAt-year': '2099', source: 'x' })).body);
  assert.deepEqual(future.errorSummary(), ['The date the figures describe must be today or in the past']);
  assert.equal(await storedImports(IMPORTS), '0');
});

test('CSV import: a good file (quotes, byte-order mark, Windows line ends, codes added up by group) is stored whole, dated and kept in the history', async () => {
  const lead = await signedIn(`lead@${IMPORTS}.example`);
  const file = '\uFEFF"characteristic","group","count","organisation"\r\n"sex","F","1,130",\r\nsex,M,1270,\r\nethnicity,WBRI,1500,\r\nethnicity,WIRI,20,\r\nethnicity,AIND,200,\r\nethnicity,CHNE,40,\r\nethnicity,BCRB,150,\r\nethnicity,MWBC,100,\r\nethnicity,OOTH,30,\r\nneed,BESD,80,\r\nsupport,E,700,\r\nage,5-7,300,\r\nsex,F,60,Riverbank School\r\n';
  const response = await postImport(lead, IMPORTS, { name: 'census 2026.csv', bytes: file });
  assert.equal(response.statusCode, 303, response.body.slice(0, 2000));
  const page = readPage((await lead.get(`/a/${IMPORTS}/manage/evaluation/population`)).body);
  assert.equal(page.flash(), 'Population figures imported. Groups: 11');
  assert.deepEqual(page.tableRows(/^Sex/), [['Female', '1,130'], ['Male', '1,270'], ['Total', '2,400']]);
  // WBRI and WIRI are both White; AIND and CHNE both Asian (the 5 groups are compared).
  assert.deepEqual(page.tableRows(/^Ethnic group/).map((r) => r.join(' ')), ['White 1,520', 'Mixed or multiple ethnic groups 100', 'Asian or Asian British 240', 'Black, Black British, Caribbean or African 150', 'Other ethnic group 30', 'Total 2,040']);
  assert.deepEqual(page.tableRows(/^Type of need/), [['Social, emotional and mental health (SEMH)', '80'], ['Total', '80']], 'BESD is read as SEMH');
  assert.match(page.text(), /Riverbank School: characteristics with figures: 1/);
  assert.match(page.section('Every import'), /15 January 2026 DfE SEN in England 2026 CSV file census 2026\.csv, groups: 11/);

  // Newer sex figures typed in: they are used for sex; ethnicity stays from the file; both kept.
  await lead.get(`/a/${IMPORTS}/manage/evaluation/population/new`);
  const typed = await lead.post(`/a/${IMPORTS}/manage/evaluation/population/new`, { 'asAt-day': '1', 'asAt-month': '2', 'asAt-year': '2026', source: 'Local count', 'count-sex-female': '1,200', 'count-sex-male': '1300' });
  assert.equal(typed.statusCode, 303);
  const after = readPage((await lead.get(`/a/${IMPORTS}/manage/evaluation/population`)).body);
  assert.deepEqual(after.tableRows(/^Sex/), [['Female', '1,200'], ['Male', '1,300'], ['Total', '2,500']]);
  assert.match(after.text(), /Sex As at 1 February 2026\. Source: Local count/);
  assert.match(after.text(), /Ethnic group As at 15 January 2026\. Source: DfE SEN in England 2026/);
  assert.equal(after.tableRows('Every import').length, 2);
  const audits = await withArea(t.db, ids[IMPORTS]!, (tx) => tx.selectFrom('audit_event').select('action').where('action', '=', 'population.imported').execute());
  assert.equal(audits.length, 2);
});

test('figures typed in: wrong numbers are refused against their box, with everything typed kept', async () => {
  const lead = await signedIn(`lead@${EMPTY}.example`);
  const url = `/a/${EMPTY}/manage/evaluation/population/new`;
  const form = readPage((await lead.get(url)).body);
  assert.equal(form.heading(), `Area ${EMPTY} Type population figures in`);
  const response = await lead.post(url, { 'asAt-day': '31', 'asAt-month': '2', 'asAt-year': '2026', source: '', 'count-sex-female': '-4', 'count-ethnicity-black': 'lots', 'count-age_band-5_7': '12', organisation: 'not-an-organisation' });
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  assert.deepEqual(page.errorLinks(), [
    '#asAt-day The date the figures describe must be a real date, for example 16 1 2026',
    '#source Enter where the figures come from',
    '#organisation Select the whole area or one of the area’s organisations',
    '#count-sex-female Female: the number must be 0 or more',
    '#count-ethnicity-black Black, Black British, Caribbean or African: enter a whole number, like 120',
  ]);
  assert.equal(page.valueOf('Black, Black British, Caribbean or African'), 'lots');
  assert.equal(page.valueOf('5 to 7'), '12');
  assert.equal(page.fieldError('count-sex-female'), 'Female: the number must be 0 or more');
  const none = readPage((await lead.post(url, { 'asAt-day': '1', 'asAt-month': '1', 'asAt-year': '2026', source: 'x' })).body);
  assert.deepEqual(none.errorSummary(), ['Enter at least one number']);
  assert.equal(await storedImports(EMPTY), '0');
});

test('the template downloads as CSV and, filled in, imports as it is', async () => {
  const lead = await signedIn(`lead@${EMPTY}.example`);
  const template = await lead.get(`/a/${EMPTY}/manage/evaluation/population/template.csv`);
  assert.equal(template.statusCode, 200);
  assert.match(String(template.headers['content-disposition']), /attachment; filename="population-template\.csv"/);
  const lines = template.body.split('\r\n');
  assert.equal(lines[0], '\uFEFF"characteristic","group","count","organisation"');
  assert.ok(lines.includes('"need","SPLD",,'));
  // Blank counts are refused, line by line; filled in, the same file imports.
  const blank = readPage((await postImport(lead, EMPTY, { name: 'template.csv', bytes: template.body })).body);
  assert.match(blank.errorSummary()[0]!, /^Line 2: the count is blank/);
  const filled = lines.map((line, i) => (i === 0 || line === '' ? line : line.replace(/,,$/, `,${i * 10},`))).join('\r\n');
  assert.equal((await postImport(lead, EMPTY, { name: 'template.csv', bytes: filled })).statusCode, 303);
  const report = await representationReport(t.db, ids[EMPTY]!);
  assert.deepEqual(report.missing, []);
});

test('the comparison page costs the same number of queries for 10 activities as for 1,000', async (ctx) => {
  const counter = countingDb(t.db);
  const countingApp = await testApp(counter.db);
  try {
    const queries: number[] = [];
    for (const [slug, activities] of [['rep-count-small', 10], ['rep-count-large', 1000]] as const) {
      const { areaId, leadEmail } = await areaWithLead(slug);
      const first = await createActivity(t.db, areaId, null, testActivity({ title: 'First' }));
      // The rest copied from the first in one statement (test data): 1,000 activities, 3 responses each.
      await withArea(t.db, areaId, async (tx) => {
        const columns = ['area_id', 'organisation_id', 'purpose', 'type', 'level', 'stage', 'services', 'audience', 'age_bands', 'venue_access', 'adjustments_offered', 'ground_rules', 'contact_name', 'contact_email'];
        await sqlCopy(tx, columns, first.id, activities - 1);
      });
      const activityIds = await withArea(t.db, areaId, (tx) => tx.selectFrom('activity').select('id').execute());
      assert.equal(activityIds.length, activities);
      for (const a of activityIds) await addResponses(t.db, areaId, a.id, { sex: 'female', ethnicity: 'white', need_type: 'ASD' }, 3);
      await recordTypedPopulation(t.db, areaId, null, { asAt: '2026-01-15', source: 'x', organisationId: null, counts: [{ characteristic: 'sex', value: 'female', count: 500 }, { characteristic: 'sex', value: 'male', count: 500 }, { characteristic: 'ethnicity', value: 'white', count: 900 }, { characteristic: 'ethnicity', value: 'black', count: 100 }] });
      const lead = await signedIn(leadEmail, countingApp);
      await lead.get(`/a/${slug}/manage/evaluation/representation`); // warm: sign-in and membership caches
      counter.reset();
      const page = await lead.get(`/a/${slug}/manage/evaluation/representation`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`${(activities * 3).toLocaleString("en-GB")} participants told us their sex`));
      queries.push(counter.count());
    }
    assert.equal(queries[0], queries[1], `queries: ${queries.join(' vs ')}`);
    ctx.diagnostic(`queries per comparison page (session and area included): ${queries.join(' and ')}`);
  } finally {
    await countingApp.close();
  }
});

async function sqlCopy(tx: Parameters<Parameters<typeof withArea>[2]>[0], columns: string[], fromId: string, times: number): Promise<void> {
  const { sql } = await import('kysely');
  const list = sql.raw(columns.join(', '));
  await sql`INSERT INTO activity (title, ${list}) SELECT 'Copy ' || n, ${list} FROM activity, generate_series(1, ${times}) AS n WHERE id = ${fromId}`.execute(tx);
}
