/**
 * The public "You said, we did" pages, feeds and yearly publication, as the public and an attacker
 * meet them: only what was published (never the working copy), never another area's, counts of 1 to
 * 7 hidden everywhere, filters, hostile text inert in HTML, Atom and JSON, and a query count that
 * does not grow with the number of themes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ResponseStatus } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { inReadingOrder, readPage, within, type Page } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { createActivity } from '../activities/activities.service.ts';
import { createArea } from '../areas/areas.service.ts';
import { testActivity } from '../../testing/activities.ts';
import type { PublishedContent } from './published.ts';

let t: TestDb;
let app: FastifyInstance;
let areas: TwoAreas;
before(async () => {
  t = await createTestDb();
  areas = await twoAreas(t.db);
  app = await testApp(t.db, { config: { baseUrl: 'https://chorus.example' } });
});
after(async () => {
  await app.close();
  await t.drop();
});

const A = '/a/riverside';

type Published = {
  title: string;
  status?: ResponseStatus;
  count?: number;
  services?: string[];
  activities?: Array<{ id: string; title: string }>;
  firstPublishedAt?: Date;
  publishedAt?: Date;
  whatChanged?: string;
  whatChangedEasyRead?: string;
  reason?: string;
  summary?: string;
  quotes?: string[];
  evidenceLinks?: string[];
  decidedBy?: string;
  /** The working copy, edited since publication: must never reach a public page. */
  draft?: string;
};

/** A theme with a published response, written straight to the tables as the publishing step would. */
async function publish(areaId: string, p: Published): Promise<string> {
  const content: PublishedContent = {
    theme: {
      title: p.title,
      summary: p.summary ?? `People told us about ${p.title}.`,
      easyReadSummary: `You told us about ${p.title}.`,
      symbol: '1F3A0',
      symbolAlt: 'A carousel horse',
      citation: '',
      contributionCount: p.count ?? 12,
      quotes: p.quotes ?? [],
    },
    response: {
      status: p.status ?? 'done',
      reason: p.reason ?? (p.status === 'cannot' ? 'There is no money for it this year.' : ''),
      whatChanged: p.whatChanged ?? `We changed ${p.title}.`,
      whatChangedEasyRead: p.whatChangedEasyRead ?? `We changed it. It is better now.`,
      decidedBy: p.decidedBy ?? 'SEND Partnership Board',
      decidedOn: '2026-03-01',
      dueOn: null,
      doneOn: null,
      evidenceLinks: p.evidenceLinks ?? [],
    },
    activities: p.activities ?? [],
  };
  const first = p.firstPublishedAt ?? new Date();
  return withArea(t.db, areaId, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title: p.title }).returning('id').executeTakeFirstOrThrow();
    const response = await tx
      .insertInto('theme_response')
      .values({
        area_id: areaId,
        theme_id: theme.id,
        status: p.status ?? 'done',
        reason: p.status === 'cannot' ? 'x' : '',
        what_changed: p.draft ?? 'WORKING COPY NOT YET PUBLISHED',
        stage: 'published',
        evidence_links: [],
        published_content: JSON.stringify(content),
        published_at: p.publishedAt ?? first,
        first_published_at: first,
        published_version: 1,
        published_services: p.services ?? [],
        published_activity_ids: (p.activities ?? []).map((a) => a.id),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return response.id;
  });
}

const get = (url: string) => new Client(app).get(url);
const read = async (url: string) => readPage((await get(url)).body);
/** The published answers on a page: each is an article named by its theme's title. */
const entryCount = (page: Page) => page.queryAllByRole('article').length;
const entry = (page: Page, title: string) => within(page.getByRole('article', { name: title }));
const shows = (page: Page, words: string) => page.text('body').includes(words);

test('only published responses appear, never the working copy, never another area’s; 1 to 7 is “fewer than 8” everywhere', async () => {
  const activityId = areas.riverside.activityId;
  await publish(areas.riverside.id, { title: 'Longer opening hours', count: 3, services: ['Play'], activities: [{ id: activityId, title: 'Riverside fixture survey' }], draft: 'SECRET DRAFT WORDING' });
  await publish(areas.riverside.id, { title: 'Quiet rooms in schools', count: 40, services: ['Schools'], status: 'cannot', reason: 'The buildings are rented.' });
  await publish(areas.northVale.id, { title: 'North Vale secret theme', count: 3, services: ['Play'] });
  const year = new Date().getFullYear();

  const pages = {
    standard: await get(`${A}/you-said-we-did`),
    easy: await get(`${A}/you-said-we-did/easy-read`),
    activity: await get(`${A}/activities/${activityId}/you-said-we-did`),
    activityEasy: await get(`${A}/activities/${activityId}/you-said-we-did/easy-read`),
    annual: await get(`${A}/you-said-we-did/annual/${year}`),
    feed: await get(`${A}/you-said-we-did/feed.atom`),
    json: await get(`${A}/you-said-we-did.json`),
  };
  for (const [name, page] of Object.entries(pages)) {
    assert.equal(page.statusCode, 200, name);
    if (name === 'feed' || name === 'json') assert.match(page.body, /Longer opening hours/, name);
    else assert.ok(readPage(page.body).getAllByRole('article', { name: 'Longer opening hours' }).length > 0, name);
    assert.doesNotMatch(page.body, /SECRET DRAFT WORDING|WORKING COPY|We are looking at it/, `${name}: never the working copy`);
    assert.doesNotMatch(page.body, /North Vale/, `${name}: never another area`);
    assert.doesNotMatch(page.body, /Riverside fixture survey theme/, `${name}: an unpublished theme is not shown`);
    assert.doesNotMatch(page.body, /Please ring me|07700 900123/, `${name}: never contribution text`);
    assert.doesNotMatch(page.body, /: 3\b|"contributionCount": 3/, `${name}: a count of 3 is never shown`);
  }
  const html = { standard: readPage(pages.standard.body), easy: readPage(pages.easy.body), activity: readPage(pages.activity.body), activityEasy: readPage(pages.activityEasy.body), annual: readPage(pages.annual.body) };
  for (const [name, page] of Object.entries(html)) {
    for (const article of page.getAllByRole('article', { name: 'Longer opening hours' })) assert.ok(within(article).getByText('Number of comments: fewer than 8'), name);
  }
  assert.ok(entry(html.standard, 'Quiet rooms in schools').getByText('Number of comments: 40'));
  assert.match(pages.feed.body, /Number of comments: fewer than 8/);
  const json = JSON.parse(pages.json.body) as { responses: Array<{ youSaid: { title: string; contributionCount: number | null; suppressed: boolean } }> };
  const byTitle = new Map(json.responses.map((r) => [r.youSaid.title, r.youSaid]));
  assert.deepEqual(byTitle.get('Longer opening hours'), { ...byTitle.get('Longer opening hours'), contributionCount: null, suppressed: true });
  assert.deepEqual(byTitle.get('Quiet rooms in schools'), { ...byTitle.get('Quiet rooms in schools'), contributionCount: 40, suppressed: false });

  // "We can't" says why; the activity page shows only what touches the activity, with its title.
  const cannot = entry(html.standard, 'Quiet rooms in schools');
  assert.ok(cannot.getByText("We can't do it"));
  assert.ok(inReadingOrder(cannot.getByText('Why we can’t'), cannot.getByText('The buildings are rented.')));
  assert.equal(html.activity.heading(), 'You said, we did: Riverside fixture survey');
  assert.ok(!shows(html.activity, 'Quiet rooms in schools'));
  const easyCannot = entry(html.easy, 'Quiet rooms in schools');
  assert.ok(easyCannot.getByText("We can't do it. We will tell you why"));
  assert.ok(easyCannot.getAllByRole('presentation').some((img) => img.getAttribute('src') === '/symbols/1F6AB.svg'), 'the status symbol');
  const easyDone = entry(html.easy, 'Longer opening hours');
  const themeSymbol = easyDone.getByRole('img', { name: 'A carousel horse' });
  assert.deepEqual([themeSymbol.getAttribute('src'), themeSymbol.getAttribute('width')], ['/symbols/1F3A0.svg', '64'], 'the theme symbol, big, with its alt text');
  const lines = [easyDone.getByText('We changed it.'), easyDone.getByText('It is better now.')];
  for (const line of lines) assert.ok(line.tagName === 'P' && line.classList.contains('govuk-body-l'), 'one idea a line, in large print');
  assert.equal(lines[0]!.nextElementSibling, lines[1], 'one idea a line');

  // The other area sees its own, and not Riverside's.
  const nv = await read('/a/north-vale/you-said-we-did');
  assert.ok(entry(nv, 'North Vale secret theme'));
  assert.ok(!shows(nv, 'Longer opening hours'));
});

test('filters by service and year, on the page (a GET form), the feed and the JSON; odd filters are ignored', async () => {
  await publish(areas.riverside.id, { title: 'Filter: transport buses', services: ['Filter transport'], firstPublishedAt: new Date('2025-06-01T10:00:00Z') });
  await publish(areas.riverside.id, { title: 'Filter: transport taxis', services: ['Filter transport'], firstPublishedAt: new Date('2026-02-01T10:00:00Z') });
  await publish(areas.riverside.id, { title: 'Filter: health waiting', services: ['Filter health'], firstPublishedAt: new Date('2025-07-01T10:00:00Z') });
  // 00:30 on 1 January in London is still the new year, even in UTC terms.
  await publish(areas.riverside.id, { title: 'Filter: new year', services: ['Filter health'], firstPublishedAt: new Date('2024-12-31T23:59:59Z') });

  const page = await read(`${A}/you-said-we-did?service=${encodeURIComponent('Filter transport')}`);
  const form = page.getByLabelText('Service').closest('form')!;
  assert.deepEqual([form.getAttribute('method'), form.getAttribute('action')], ['get', '/a/riverside/you-said-we-did']);
  assert.equal(page.valueOf('Service'), 'Filter transport');
  assert.ok(entry(page, 'Filter: transport buses'));
  assert.ok(entry(page, 'Filter: transport taxis'));
  assert.ok(!shows(page, 'Filter: health waiting'));
  assert.equal(entryCount(page), 2);

  const both = await read(`${A}/you-said-we-did?service=${encodeURIComponent('Filter transport')}&year=2025`);
  assert.equal(entryCount(both), 1);
  assert.ok(entry(both, 'Filter: transport buses'));
  assert.equal(both.valueOf('Year first published'), '2025');
  assert.ok(both.getByRole('link', { name: 'Clear filters' }));

  const year2024 = await read(`${A}/you-said-we-did?year=2024&service=${encodeURIComponent('Filter health')}`);
  assert.ok(entry(year2024, 'Filter: new year'), '23:59:59 UTC on 31 December 2024 is 2024 in London (GMT)');

  const json = JSON.parse((await get(`${A}/you-said-we-did.json?service=${encodeURIComponent('Filter health')}&year=2025`)).body) as { filters: unknown; responses: Array<{ youSaid: { title: string } }> };
  assert.deepEqual(json.filters, { service: 'Filter health', year: 2025 });
  assert.deepEqual(json.responses.map((r) => r.youSaid.title), ['Filter: health waiting']);
  const feed = (await get(`${A}/you-said-we-did/feed.atom?service=${encodeURIComponent('Filter transport')}&year=2026`)).body;
  assert.deepEqual([...feed.matchAll(/<entry>\s*<title type="text">([^<]*)</g)].map((m) => m[1]), ['Filter: transport taxis']);

  for (const odd of ['?year=20x5', '?year[]=1&service[x]=2', '?page=-1', '?page=99999', '?service=' + 'x'.repeat(500), '?service=%00']) {
    const r = await get(`${A}/you-said-we-did${odd}`);
    assert.equal(r.statusCode, 200, odd);
    assert.equal((await get(`${A}/you-said-we-did.json${odd}`)).statusCode, 200, odd);
  }
  const none = await read(`${A}/you-said-we-did?service=Nothing+here`);
  assert.ok(none.getByText(/Nothing matches this filter/));
});

test('the Atom feed: Atom 1.0, the right type, absolute links from the configured address, one entry per response', async () => {
  await publish(areas.riverside.id, { title: 'Feed: café', services: ['Feed only'] });
  const feed = await get(`${A}/you-said-we-did/feed.atom?service=Feed+only`);
  assert.equal(feed.statusCode, 200);
  assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/);
  const body = feed.body;
  assert.match(body, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  assert.match(body, /<link rel="self" type="application\/atom\+xml" href="https:\/\/chorus\.example\/a\/riverside\/you-said-we-did\/feed\.atom\?service=Feed\+only"\/>/);
  assert.match(body, /<updated>\d{4}-\d{2}-\d{2}T/);
  assert.match(body, /<author><name>Riverside/);
  const entries = body.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
  assert.equal(entries.length, 1);
  assert.match(entries[0]!, /<id>urn:uuid:[0-9a-f-]{36}<\/id>/);
  assert.match(entries[0]!, /<link rel="alternate" type="text\/html" href="https:\/\/chorus\.example\/a\/riverside\/you-said-we-did\?service=Feed\+only#response-[0-9a-f-]{36}"\/>/);
  assert.match(entries[0]!, /<category term="Feed only"\/>/);
  assert.match(entries[0]!, /<summary type="text">We did it\. We changed Feed: café\.<\/summary>/);
  // Every href is absolute.
  for (const m of body.matchAll(/href="([^"]*)"/g)) assert.match(m[1]!, /^https:\/\/chorus\.example\//);
  // The page advertises the feed.
  const feedLink = (await read(`${A}/you-said-we-did`)).document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
  assert.equal(feedLink?.getAttribute('href'), '/a/riverside/you-said-we-did/feed.atom', 'feed readers find the feed from the page');
});

test('hostile text in published content is inert in HTML, Atom and JSON; a javascript: link stays text', async () => {
  const hostile = '<script>alert(1)</script> "quoted" & \'single\' {{ 7*7 }} ]]> \u0001\u0008\uFFFF';
  await publish(areas.riverside.id, {
    title: `Hostile ${hostile}`,
    summary: hostile,
    whatChanged: hostile,
    quotes: [hostile],
    decidedBy: hostile,
    services: ['Hostile <b>service</b>'],
    evidenceLinks: ['javascript:alert(1)', 'https://example.org/report?a=1&b=<2>'],
  });
  const service = encodeURIComponent('Hostile <b>service</b>');
  for (const url of [`${A}/you-said-we-did?service=${service}`, `${A}/you-said-we-did/easy-read?service=${service}`, `${A}/you-said-we-did/annual/${new Date().getFullYear()}`]) {
    const response = await get(url);
    assert.equal(response.statusCode, 200, url);
    assert.doesNotMatch(response.body, /<script>alert\(1\)|<b>service<\/b>/, url);
    assert.doesNotMatch(response.body, /href="javascript:/i, url);
    // What a person sees: the hostile words as words (a real script's text would not be found).
    const page = readPage(response.body);
    assert.ok(page.getAllByText(/<script>alert\(1\)<\/script>/).length > 0, url);
    assert.ok(page.getAllByText(/\{\{ 7\*7 \}\}/).length > 0, `${url}: no template injection`);
  }
  const standard = await read(`${A}/you-said-we-did?service=${service}`);
  assert.equal(standard.getByText('javascript:alert(1)').tagName, 'LI', 'a javascript: address is listed as words');
  assert.equal(standard.queryByRole('link', { name: 'javascript:alert(1)' }), null, 'and is not a link');
  assert.equal(standard.getByRole('link', { name: 'https://example.org/report?a=1&b=<2>' }).getAttribute('href'), 'https://example.org/report?a=1&b=%3C2%3E');

  const feed = (await get(`${A}/you-said-we-did/feed.atom?service=${service}`)).body;
  assert.doesNotMatch(feed, /<script>|<b>service/);
  assert.match(feed, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;quoted&quot; &amp; &apos;single&apos;/);
  // eslint-disable-next-line no-control-regex -- looking for the characters XML forbids
  assert.doesNotMatch(feed, /[\u0001\u0008\uFFFF]/, 'characters XML forbids are dropped');
  assert.match(feed, /<category term="Hostile &lt;b&gt;service&lt;\/b&gt;"\/>/);

  const jsonResponse = await get(`${A}/you-said-we-did.json?service=${service}`);
  assert.match(String(jsonResponse.headers['content-type']), /^application\/json/);
  assert.doesNotMatch(jsonResponse.body, /<script>|<\/script>/, 'no raw angle brackets even in JSON');
  const json = JSON.parse(jsonResponse.body) as { version: number; responses: Array<{ youSaid: { title: string; quotes: string[] }; weDid: { decidedBy: string; evidenceLinks: string[] } }> };
  assert.equal(json.version, 1);
  assert.equal(json.responses[0]!.youSaid.quotes[0], hostile, 'the JSON carries the exact text, safely encoded');
  assert.deepEqual(json.responses[0]!.weDid.evidenceLinks, ['javascript:alert(1)', 'https://example.org/report?a=1&b=<2>']);
});

test('a malformed published snapshot is left out, never a 500', async () => {
  await withArea(t.db, areas.riverside.id, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areas.riverside.id, title: 'Broken' }).returning('id').executeTakeFirstOrThrow();
    await tx
      .insertInto('theme_response')
      .values({ area_id: areas.riverside.id, theme_id: theme.id, evidence_links: [], published_content: JSON.stringify({ theme: 'nope' }), published_at: new Date(), first_published_at: new Date(), published_services: ['Broken service'] })
      .execute();
  });
  for (const url of [`${A}/you-said-we-did?service=Broken+service`, `${A}/you-said-we-did/easy-read?service=Broken+service`, `${A}/you-said-we-did.json?service=Broken+service`, `${A}/you-said-we-did/feed.atom?service=Broken+service`]) {
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    if (String(r.headers['content-type']).startsWith('text/html')) assert.equal(readPage(r.body).queryByRole('heading', { name: 'Broken' }), null, url);
    else assert.doesNotMatch(r.body, /"title": "Broken"/, url);
  }
});

test('the activity page: only that activity’s responses; unknown, malformed, foreign and draft activities are not found', async () => {
  const draft = await createActivity(t.db, areas.riverside.id, null, testActivity({ title: 'A draft nobody may see' }));
  for (const id of ['not-an-id', ':activityId', '00000000-0000-0000-0000-000000000000', areas.northVale.activityId, draft.id]) {
    for (const suffix of ['', '/easy-read']) {
      const r = await get(`${A}/activities/${id}/you-said-we-did${suffix}`);
      assert.equal(r.statusCode, 404, `${id}${suffix}`);
      assert.doesNotMatch(r.body, /North Vale|A draft nobody may see/);
    }
  }
});

test('pages of 20, with links that keep the filter', async () => {
  for (let i = 1; i <= 23; i += 1) await publish(areas.riverside.id, { title: `Paged theme ${String(i).padStart(2, '0')}`, services: ['Paged'], firstPublishedAt: new Date(Date.UTC(2026, 0, i)) });
  const one = await read(`${A}/you-said-we-did?service=Paged`);
  assert.equal(entryCount(one), 20);
  assert.equal(one.getByRole('status').textContent?.trim(), 'Showing 1 to 20 of 23 answers');
  assert.equal(one.getAllByRole('article')[0], one.getByRole('article', { name: 'Paged theme 23' }), 'newest first');
  assert.equal(one.queryByRole('article', { name: 'Paged theme 03' }), null);
  assert.ok(one.getAllByRole('link').some((link) => link.getAttribute('href') === '/a/riverside/you-said-we-did?service=Paged&page=2'), 'the next page keeps the filter');
  const two = await read(`${A}/you-said-we-did?service=Paged&page=2`);
  assert.equal(entryCount(two), 3);
  assert.ok(entry(two, 'Paged theme 01'));
  const easyTwo = await read(`${A}/you-said-we-did/easy-read?service=Paged&page=2`);
  assert.equal(entryCount(easyTwo), 3);
});

test('the yearly publication: years with publications, grouped by service, no names, printable without navigation', async () => {
  await publish(areas.riverside.id, { title: 'Annual: old year', services: ['Annual A'], firstPublishedAt: new Date('2019-05-01T10:00:00Z'), count: 5 });
  await publish(areas.riverside.id, { title: 'Annual: two services', services: ['Annual A', 'Annual B'], firstPublishedAt: new Date('2019-06-01T10:00:00Z'), count: 9 });
  await publish(areas.riverside.id, { title: 'Annual: no service', firstPublishedAt: new Date('2019-07-01T10:00:00Z') });
  const index = await read(`${A}/you-said-we-did/annual`);
  assert.equal(index.heading(), 'Our yearly publication');
  assert.equal(index.getByRole('link', { name: 'Comments and responses first published in 2019' }).getAttribute('href'), '/a/riverside/you-said-we-did/annual/2019');

  const response = await get(`${A}/you-said-we-did/annual/2019`);
  assert.equal(response.statusCode, 200);
  const page = readPage(response.body);
  assert.equal(page.heading(), 'Comments and responses: 2019');
  assert.ok(page.getByText(/to help meet the Special Educational Needs and Disability Regulations 2014, regulation 56/));
  assert.equal(page.getByRole('link', { name: 'Read regulation 56 on legislation.gov.uk' }).getAttribute('href'), 'https://www.legislation.gov.uk/uksi/2014/1530/regulation/56');
  assert.ok(page.getByText(/It does not name or identify anyone/));
  // Each theme once, saying its services; the index by service lists it under both and links to it.
  assert.equal(page.getAllByRole('heading', { level: 3, name: 'Annual: two services' }).length, 1, 'each theme once');
  assert.equal(page.getByText('Themes and responses this year: 3').tagName, 'P');
  assert.ok(entry(page, 'Annual: two services').getByText('Annual A, Annual B'), 'its services, listed');
  const byService = within(page.getByRole('navigation', { name: 'Themes by service' }));
  const services = ['Annual A', 'Annual B', 'Other comments'].map((name) => byService.getByRole('heading', { level: 3, name }));
  assert.ok(inReadingOrder(...services), 'by service, then the rest');
  const links = byService.getAllByRole('link', { name: 'Annual: two services' });
  assert.equal(links.length, 2, 'listed under each of its services');
  assert.ok(links.every((link) => page.document.querySelector(link.getAttribute('href')!)?.tagName === 'ARTICLE'), 'each link goes to the one entry');
  assert.ok(!shows(page, 'Number of comments: 5'), 'a count of 5 is never shown');
  assert.ok(entry(page, 'Annual: old year').getByText('Number of comments: fewer than 8'));
  assert.ok(!shows(page, 'Paged theme') && !shows(page, 'Longer opening hours'), 'only that year');
  const styles = [...page.document.querySelectorAll('style')].map((style) => style.textContent ?? '');
  assert.ok(styles.some((css) => /@media print \{[^}]*\.govuk-template__header/.test(css)), 'navigation is not printed');
  // Without JavaScript a person never meets the print button: it waits, hidden, for the script.
  assert.equal(page.queryByRole('button', { name: 'Print this page' }), null);
  const print = page.getByRole('button', { name: 'Print this page', hidden: true });
  assert.equal(print.getAttribute('type'), 'button');
  assert.ok(print.parentElement?.hasAttribute('hidden') && print.parentElement.hasAttribute('data-chorus-print') && print.parentElement.classList.contains('chorus-no-print'), 'the print button waits for JavaScript, and is not printed');
  const readAloud = [...page.document.querySelectorAll('script[type="module"][src]')].find((script) => /^\/assets\/read-aloud\.[0-9a-f]+\.js$/.test(script.getAttribute('src')!));
  assert.ok(readAloud?.hasAttribute('nonce'), 'the read-aloud script, under the page\'s nonce');
  const ids = [...page.document.querySelectorAll('[id]')].map((element) => element.id);
  assert.equal(new Set(ids).size, ids.length, 'no duplicate ids');

  for (const bad of ['19', 'abcd', '1999x', '3000', ':year']) assert.equal((await get(`${A}/you-said-we-did/annual/${bad}`)).statusCode, 404, bad);
  const empty = await read(`${A}/you-said-we-did/annual/2001`);
  assert.ok(empty.getByText(/Nothing was first published in 2001/));
});

test('the area home links to “You said, we did” and “What happened to my views?”', async () => {
  const home = await read(A);
  const hrefs = (name: string) => home.getAllByRole('link', { name }).map((link) => link.getAttribute('href'));
  assert.ok(hrefs('You said, we did').every((href) => href === '/a/riverside/you-said-we-did'));
  assert.ok(hrefs('You said, we did (easy read)').every((href) => href === '/a/riverside/you-said-we-did/easy-read'));
  assert.ok(hrefs('What happened to my views?').every((href) => href === '/a/riverside/my-views'));
  assert.equal(home.queryByRole('link', { name: 'What changed because of you' }), null, 'only for people signed in');
  assert.ok(!home.links().some((link) => link.href.includes('what-changed')), 'only for people signed in');
});

test('the public page, easy-read page and JSON make the same number of queries with 10 and with 1,000 published themes', async () => {
  const area = await createArea(t.db, { slug: 'counting', name: 'Counting Partnership', contactEmail: 'c@counting.example' });
  const many = async (n: number, from: number) => {
    // Bulk, in SQL: 1,000 inserts one by one would take longer than the test is worth.
    await withArea(t.db, area.id, (tx) =>
      sql`with themes as (
            insert into theme (area_id, title) select ${area.id}::uuid, 'Bulk ' || g from generate_series(${from}::int, ${from + n - 1}::int) g returning id, title
          )
          insert into theme_response (area_id, theme_id, evidence_links, published_content, published_at, first_published_at, published_services)
          select ${area.id}::uuid, id, '{}', jsonb_build_object(
            'theme', jsonb_build_object('title', title, 'summary', 's', 'easyReadSummary', 'e', 'symbol', null, 'symbolAlt', '', 'citation', '', 'contributionCount', 9, 'quotes', '[]'::jsonb),
            'response', jsonb_build_object('status', 'done', 'reason', '', 'whatChanged', 'w', 'whatChangedEasyRead', 'w', 'decidedBy', 'Board', 'decidedOn', null, 'dueOn', null, 'doneOn', null, 'evidenceLinks', '[]'::jsonb),
            'activities', '[]'::jsonb), now(), now(), array['S' || (length(title) % 7)]
          from themes`.execute(tx),
    );
  };
  const counter = countingDb(t.db);
  const counted = await testApp(counter.db);
  try {
    const urls = ['/a/counting/you-said-we-did', '/a/counting/you-said-we-did/easy-read', '/a/counting/you-said-we-did.json', '/a/counting/you-said-we-did?service=S1&year=' + new Date().getFullYear()];
    const measure = async () => {
      const counts: number[] = [];
      for (const url of urls) {
        await counted.inject(url); // warm: anything cached on a first visit is not counted
        counter.reset();
        const r = await counted.inject(url);
        assert.equal(r.statusCode, 200, url);
        counts.push(counter.count());
      }
      return counts;
    };
    await many(10, 1);
    const ten = await measure();
    await many(990, 11);
    const thousand = await measure();
    assert.deepEqual(thousand, ten, `queries with 10 themes ${ten.join(', ')}; with 1,000 ${thousand.join(', ')}`);
    assert.ok(ten.every((n) => n <= 12), `a handful of queries each: ${ten.join(', ')}`);
    const json = JSON.parse((await counted.inject('/a/counting/you-said-we-did.json')).body) as { responses: unknown[] };
    assert.equal(json.responses.length, 1000);
  } finally {
    await counted.close();
  }
});

test('in Welsh: every public page and the feeds have their words (no catalogue keys show)', async () => {
  const client = new Client(app);
  const year = new Date().getFullYear();
  for (const url of [`${A}/you-said-we-did`, `${A}/you-said-we-did/easy-read`, `${A}/activities/${areas.riverside.activityId}/you-said-we-did`, `${A}/you-said-we-did/annual`, `${A}/you-said-we-did/annual/${year}`, `${A}/my-views`, A]) {
    const response = await client.get(`${url}?lang=cy`);
    assert.equal(response.statusCode, 200, url);
    const page = readPage(response.body);
    assert.equal(page.document.documentElement.getAttribute('lang'), 'cy', url);
    // Everything a person reads or hears: the words, and the text in alt, title, labels and values.
    const heard = [...page.document.querySelectorAll('[alt], [title], [aria-label], [placeholder], [value]')].flatMap((element) => ['alt', 'title', 'aria-label', 'placeholder', 'value'].map((name) => element.getAttribute(name) ?? ''));
    assert.doesNotMatch([page.document.title, page.text('body'), ...heard].join(' '), /feedback\.[a-zA-Z]+\.[a-zA-Z]/, `${url}: a catalogue key shows`);
  }
  assert.match(readPage((await client.get(`${A}/you-said-we-did?lang=cy`)).body).heading(), /Dywedoch chi, gwnaethom ni/);
  const feed = await client.get(`${A}/you-said-we-did/feed.atom?lang=cy`);
  assert.match(feed.body, /xml:lang="cy"/);
  assert.doesNotMatch(feed.body, /feedback\.[a-zA-Z]+\.[a-zA-Z]/);
  const json = JSON.parse((await client.get(`${A}/you-said-we-did.json?lang=cy`)).body) as { responses: Array<{ weDid: { statusLabel: string } }> };
  assert.ok(json.responses.every((r) => !r.weDid.statusLabel.startsWith('feedback.')));
});
