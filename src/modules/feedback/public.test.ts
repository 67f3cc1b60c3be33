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
import { Client, createTestDb, h1, testApp, type TestDb } from '../../testing/harness.ts';
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
const entryCount = (html: string) => (html.match(/<article class="chorus-response"/g) ?? []).length;

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
    assert.match(page.body, /Longer opening hours/, name);
    assert.doesNotMatch(page.body, /SECRET DRAFT WORDING|WORKING COPY|We are looking at it/, `${name}: never the working copy`);
    assert.doesNotMatch(page.body, /North Vale/, `${name}: never another area`);
    assert.doesNotMatch(page.body, /Riverside fixture survey theme/, `${name}: an unpublished theme is not shown`);
    assert.doesNotMatch(page.body, /Please ring me|07700 900123/, `${name}: never contribution text`);
    assert.doesNotMatch(page.body, /: 3\b|"contributionCount": 3/, `${name}: a count of 3 is never shown`);
  }
  for (const name of ['standard', 'easy', 'activity', 'activityEasy', 'annual'] as const) assert.match(pages[name].body, /Number of comments: fewer than 8/, name);
  assert.match(pages.standard.body, /Number of comments: 40/);
  assert.match(pages.feed.body, /Number of comments: fewer than 8/);
  const json = JSON.parse(pages.json.body) as { responses: Array<{ youSaid: { title: string; contributionCount: number | null; suppressed: boolean } }> };
  const byTitle = new Map(json.responses.map((r) => [r.youSaid.title, r.youSaid]));
  assert.deepEqual(byTitle.get('Longer opening hours'), { ...byTitle.get('Longer opening hours'), contributionCount: null, suppressed: true });
  assert.deepEqual(byTitle.get('Quiet rooms in schools'), { ...byTitle.get('Quiet rooms in schools'), contributionCount: 40, suppressed: false });

  // "We can't" says why; the activity page shows only what touches the activity, with its title.
  assert.match(pages.standard.body, /We can&#39;t do it</);
  assert.match(pages.standard.body, /Why we can’t[\s\S]*The buildings are rented\./);
  assert.equal(h1(pages.activity.body), 'You said, we did: Riverside fixture survey');
  assert.doesNotMatch(pages.activity.body, /Quiet rooms in schools/);
  assert.match(pages.easy.body, /We can&#39;t do it\. We will tell you why/);
  assert.match(pages.easy.body, /src="\/symbols\/1F6AB\.svg"/, 'the status symbol');
  assert.match(pages.easy.body, /src="\/symbols\/1F3A0\.svg" alt="A carousel horse" width="64"/, 'the theme symbol, big, with its alt text');
  assert.match(pages.easy.body, /<p class="govuk-body-l">We changed it\.<\/p>\s*<p class="govuk-body-l">It is better now\.<\/p>/, 'one idea a line');

  // The other area sees its own, and not Riverside's.
  const nv = await get('/a/north-vale/you-said-we-did');
  assert.match(nv.body, /North Vale secret theme/);
  assert.doesNotMatch(nv.body, /Longer opening hours/);
});

test('filters by service and year, on the page (a GET form), the feed and the JSON; odd filters are ignored', async () => {
  await publish(areas.riverside.id, { title: 'Filter: transport buses', services: ['Filter transport'], firstPublishedAt: new Date('2025-06-01T10:00:00Z') });
  await publish(areas.riverside.id, { title: 'Filter: transport taxis', services: ['Filter transport'], firstPublishedAt: new Date('2026-02-01T10:00:00Z') });
  await publish(areas.riverside.id, { title: 'Filter: health waiting', services: ['Filter health'], firstPublishedAt: new Date('2025-07-01T10:00:00Z') });
  // 00:30 on 1 January in London is still the new year, even in UTC terms.
  await publish(areas.riverside.id, { title: 'Filter: new year', services: ['Filter health'], firstPublishedAt: new Date('2024-12-31T23:59:59Z') });

  const page = await get(`${A}/you-said-we-did?service=${encodeURIComponent('Filter transport')}`);
  assert.match(page.body, /<form method="get" action="\/a\/riverside\/you-said-we-did"/);
  assert.match(page.body, /<option value="Filter transport" selected>/);
  assert.match(page.body, /Filter: transport buses/);
  assert.match(page.body, /Filter: transport taxis/);
  assert.doesNotMatch(page.body, /Filter: health waiting/);
  assert.equal(entryCount(page.body), 2);

  const both = await get(`${A}/you-said-we-did?service=${encodeURIComponent('Filter transport')}&year=2025`);
  assert.equal(entryCount(both.body), 1);
  assert.match(both.body, /Filter: transport buses/);
  assert.match(both.body, /<option value="2025" selected>/);
  assert.match(both.body, /Clear filters/);

  const year2024 = await get(`${A}/you-said-we-did?year=2024&service=${encodeURIComponent('Filter health')}`);
  assert.match(year2024.body, /Filter: new year/, '23:59:59 UTC on 31 December 2024 is 2024 in London (GMT)');

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
  const none = await get(`${A}/you-said-we-did?service=Nothing+here`);
  assert.match(none.body, /Nothing matches this filter/);
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
  assert.match((await get(`${A}/you-said-we-did`)).body, /<link rel="alternate" type="application\/atom\+xml" href="\/a\/riverside\/you-said-we-did\/feed\.atom"/);
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
    const page = await get(url);
    assert.equal(page.statusCode, 200, url);
    assert.doesNotMatch(page.body, /<script>alert\(1\)|<b>service<\/b>/, url);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, url);
    assert.doesNotMatch(page.body, /href="javascript:/i, url);
    assert.match(page.body, /\{\{ 7\*7 \}\}/, `${url}: no template injection`);
  }
  const standard = (await get(`${A}/you-said-we-did?service=${service}`)).body;
  assert.match(standard, /<li>javascript:alert\(1\)<\/li>/);
  assert.match(standard, /<a class="govuk-link" href="https:\/\/example\.org\/report\?a=1&amp;b=%3C2%3E">/);

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
    assert.doesNotMatch(r.body, /"title": "Broken"|<h3[^>]*>Broken</);
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
  const one = await get(`${A}/you-said-we-did?service=Paged`);
  assert.equal(entryCount(one.body), 20);
  assert.match(one.body, /Showing 1 to 20 of 23 answers/);
  assert.match(one.body, /Paged theme 23/, 'newest first');
  assert.doesNotMatch(one.body, /Paged theme 03</);
  assert.match(one.body, /href="\/a\/riverside\/you-said-we-did\?service=Paged&amp;page=2"/);
  const two = await get(`${A}/you-said-we-did?service=Paged&page=2`);
  assert.equal(entryCount(two.body), 3);
  assert.match(two.body, /Paged theme 01/);
  const easyTwo = await get(`${A}/you-said-we-did/easy-read?service=Paged&page=2`);
  assert.equal(entryCount(easyTwo.body), 3);
});

test('the yearly publication: years with publications, grouped by service, no names, printable without navigation', async () => {
  await publish(areas.riverside.id, { title: 'Annual: old year', services: ['Annual A'], firstPublishedAt: new Date('2019-05-01T10:00:00Z'), count: 5 });
  await publish(areas.riverside.id, { title: 'Annual: two services', services: ['Annual A', 'Annual B'], firstPublishedAt: new Date('2019-06-01T10:00:00Z'), count: 9 });
  await publish(areas.riverside.id, { title: 'Annual: no service', firstPublishedAt: new Date('2019-07-01T10:00:00Z') });
  const index = await get(`${A}/you-said-we-did/annual`);
  assert.equal(h1(index.body), 'Our yearly publication');
  assert.match(index.body, /href="\/a\/riverside\/you-said-we-did\/annual\/2019"/);

  const page = await get(`${A}/you-said-we-did/annual/2019`);
  assert.equal(page.statusCode, 200);
  assert.equal(h1(page.body), 'Comments and responses: 2019');
  assert.match(page.body, /to help meet the Special Educational Needs and Disability Regulations 2014, regulation 56/);
  assert.match(page.body, /href="https:\/\/www\.legislation\.gov\.uk\/uksi\/2014\/1530\/regulation\/56"/);
  assert.match(page.body, /It does not name or identify anyone/);
  const order = ['Annual A', 'Annual B', 'Other comments'].map((s) => page.body.indexOf(`>${s}</h2>`));
  assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, 'grouped by service, then the rest');
  assert.equal((page.body.match(/Annual: two services<\/h3>/g) ?? []).length, 2, 'under each of its services');
  assert.doesNotMatch(page.body, /Annual: old year[\s\S]*Number of comments: 5/);
  assert.match(page.body, /Number of comments: fewer than 8/);
  assert.doesNotMatch(page.body, /Paged theme|Longer opening hours/, 'only that year');
  assert.match(page.body, /@media print \{[^}]*\.govuk-template__header/, 'navigation is not printed');
  assert.match(page.body, /<div hidden data-chorus-print class="chorus-no-print">\s*<button type="button"/, 'the print button waits for JavaScript');
  assert.match(page.body, /<script type="module" src="\/assets\/read-aloud\.[0-9a-f]+\.js" nonce=/);
  const ids = [...page.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'no duplicate ids');

  for (const bad of ['19', 'abcd', '1999x', '3000', ':year']) assert.equal((await get(`${A}/you-said-we-did/annual/${bad}`)).statusCode, 404, bad);
  const empty = await get(`${A}/you-said-we-did/annual/2001`);
  assert.match(empty.body, /Nothing was first published in 2001/);
});

test('the area home links to “You said, we did” and “What happened to my views?”', async () => {
  const home = await get(A);
  assert.match(home.body, /href="\/a\/riverside\/you-said-we-did">You said, we did</);
  assert.match(home.body, /href="\/a\/riverside\/you-said-we-did\/easy-read"/);
  assert.match(home.body, /href="\/a\/riverside\/my-views">What happened to my views\?</);
  assert.doesNotMatch(home.body, /what-changed/, 'only for people signed in');
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
    const page = await client.get(`${url}?lang=cy`);
    assert.equal(page.statusCode, 200, url);
    assert.match(page.body, /<html lang="cy"/);
    assert.doesNotMatch(page.body, /feedback\.[a-zA-Z]+\.[a-zA-Z]/, `${url}: a catalogue key shows`);
  }
  assert.match((await client.get(`${A}/you-said-we-did?lang=cy`)).body, /Dywedoch chi, gwnaethom ni/);
  const feed = await client.get(`${A}/you-said-we-did/feed.atom?lang=cy`);
  assert.match(feed.body, /xml:lang="cy"/);
  assert.doesNotMatch(feed.body, /feedback\.[a-zA-Z]+\.[a-zA-Z]/);
  const json = JSON.parse((await client.get(`${A}/you-said-we-did.json?lang=cy`)).body) as { responses: Array<{ weDid: { statusLabel: string } }> };
  assert.ok(json.responses.every((r) => !r.weDid.statusLabel.startsWith('feedback.')));
});
