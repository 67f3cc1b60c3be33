/**
 * The feedback module's report sections on a data set built by hand (the expected figures are worked
 * out in the comments): what changed (you said, we did) and the regulation 56 publication; the
 * period and scope filters; small counts hidden; no words but published, redacted quotes (a name and
 * an email address in a view's own words, an unpublished quote and a working copy never appear);
 * an empty period; and the same number of queries for 10 and for 1,000 activities.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { AreaTx, Db, ResponseStatus } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { translator } from '../../lib/messages/messages.ts';
import { testActivity } from '../../testing/activities.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { createActivity } from '../activities/activities.service.ts';
import { addOrganisation, createArea } from '../areas/areas.service.ts';
import type { CountCell, ReportScope, SectionContent, SectionContext } from '../reports/index.ts';
import type { PublishedContent } from './published.ts';
import { MAX_RESPONSES_LISTED, feedbackReportSections } from './report-sections.service.ts';

const NOW = new Date('2026-07-15T10:00:00Z');
const FROM = '2026-01-01';
const TO = '2026-06-30';
const SECRET_ORIGINAL = 'My name is Alice Example and my email is alice.example@example.com';
const UNPUBLISHED_QUOTE = 'An unpublished quote about the bus';
const WORKING_COPY = 'WORKING COPY NOT YET PUBLISHED';

let t: TestDb;
let areaId: string;
let orgA: string;

const section = (key: string) => feedbackReportSections.find((s) => s.key === key)!;

function context(db: Db, scope: ReportScope = { kind: 'area' }, from = FROM, to = TO, id = areaId): SectionContext {
  return { db, areaId: id, scope, from, to, t: translator('en'), lang: 'en', now: NOW };
}

async function addActivity(db: Db, area: string, input: { title: string; organisationId: string | null; services: string[] }, dates: { openedAt: Date; closedAt: Date | null; status: string }): Promise<string> {
  const activity = await createActivity(db, area, null, testActivity(input));
  await withArea(db, area, (tx) =>
    sql`UPDATE activity SET opened_at = ${dates.openedAt}, closed_at = ${dates.closedAt}, status = ${dates.status}, created_at = ${dates.openedAt} WHERE id = ${activity.id}`.execute(tx),
  );
  return activity.id;
}

async function addViews(tx: AreaTx, area: string, activityId: string, count: number, createdAt: Date, options: { hidden?: boolean; original?: string; redacted?: string } = {}): Promise<string[]> {
  const rows = await tx
    .insertInto('contribution')
    .values(
      Array.from({ length: count }, (_, i) => ({
        area_id: area,
        activity_id: activityId,
        source: 'free_text' as const,
        original_text: options.original ?? `A view ${i}`,
        redacted_text: options.redacted ?? `A view ${i}`,
        created_at: createdAt,
        hidden_at: options.hidden ? createdAt : null,
        hidden_reason: options.hidden ? 'Off topic' : null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

type ThemeSpec = {
  title: string;
  contributionIds: string[];
  quoteIds?: string[];
  /** null: a draft response, never published. */
  firstPublishedAt: Date | null;
  status?: ResponseStatus;
  reason?: string;
  quotes?: string[];
  services?: string[];
  activities?: Array<{ id: string; title: string }>;
  whatChangedEasyRead?: string;
};

/** A theme holding these views, with a response published as the publishing step freezes it (or a draft). */
async function addTheme(tx: AreaTx, area: string, spec: ThemeSpec): Promise<void> {
  const theme = await tx.insertInto('theme').values({ area_id: area, title: spec.title }).returning('id').executeTakeFirstOrThrow();
  if (spec.contributionIds.length) {
    await tx
      .insertInto('theme_contribution')
      .values(spec.contributionIds.map((id) => ({ area_id: area, theme_id: theme.id, contribution_id: id, is_quote: spec.quoteIds?.includes(id) ?? false })))
      .execute();
  }
  const status = spec.status ?? 'done';
  const content: PublishedContent = {
    theme: { title: spec.title, summary: `People told us about ${spec.title}.`, easyReadSummary: '', symbol: null, symbolAlt: '', citation: '', contributionCount: spec.contributionIds.length, quotes: spec.quotes ?? [] },
    response: {
      status,
      reason: spec.reason ?? '',
      whatChanged: `We changed ${spec.title}.`,
      whatChangedEasyRead: spec.whatChangedEasyRead ?? `We changed ${spec.title}. It is better now.`,
      decidedBy: 'SEND Partnership Board',
      decidedOn: '2026-03-01',
      dueOn: null,
      doneOn: null,
      evidenceLinks: [],
    },
    activities: spec.activities ?? [],
  };
  const published = spec.firstPublishedAt;
  await tx
    .insertInto('theme_response')
    .values({
      area_id: area,
      theme_id: theme.id,
      status,
      reason: status === 'cannot' ? 'x' : '',
      what_changed: WORKING_COPY,
      evidence_links: [],
      stage: published ? 'published' : 'draft',
      first_published_at: published,
      // Published again later: the first publication is what the period and time to feedback count.
      published_at: published && new Date(published.getTime() + 40 * 86_400_000),
      published_version: published ? 1 : null,
      published_content: published ? JSON.stringify(content) : null,
      published_services: published ? (spec.services ?? []) : [],
      published_activity_ids: published ? (spec.activities ?? []).map((a) => a.id) : [],
    })
    .execute();
}

/**
 * The known area (period 1 January to 30 June 2026, now 15 July 2026, feedback promise 12 weeks):
 *
 * | activity | org | service   | opened  | closed  | status         | views in period              | theme                          |
 * | A1       | A   | Education | 1 Feb   | 1 Mar   | closed         | 10 (one with a name and email in its own words) + 1 hidden | T1 |
 * | A2       | A   | Education | 10 Feb  | 10 Mar  | closed         | 4                            | T2 (draft; one marked as a quote) |
 * | B1       | B   | Health    | 1 Mar   | 1 Apr   | feedback_given | 6                            | T3 |
 * | B2       | B   | Health    | 1 May   | –       | open           | 0                            | –  |
 * | OLD      | A   | Education | 1 Oct 2025 | 1 Nov 2025 | closed    | 0 (5 made in October 2025)  | T1, T4 |
 *
 * T1: done, first published 21 Mar (20 days after A1 closed), quote "We want more after-school clubs."
 * T3: we can't (no money), first published 1 May (30 days after B1 closed), 6 views (fewer than 8).
 * T4: first published 1 Dec 2025 (before the period).
 *
 * Area: views 20, answered 16 (80%); closed activities A1, A2, B1; median of 20 and 30 = 25 days;
 * overdue: A2 (closed 10 Mar + 84 days < 15 Jul, nothing published); published in the period T1, T3.
 * Organisation A: views 14, answered 10 (71%); median 20; 1 overdue; published T1.
 * Service Health: views 6 (fewer than 8: no rate); median 30; none overdue; published T3.
 */
before(async () => {
  t = await createTestDb();
  areaId = (await createArea(t.db, { slug: 'report-feedback', name: 'Report Feedback', contactEmail: 'lead@example.com' })).id;
  orgA = (await addOrganisation(t.db, areaId, null, { name: 'Org A', kind: 'council' })).id;
  const orgB = (await addOrganisation(t.db, areaId, null, { name: 'Org B', kind: 'nhs' })).id;
  const a1 = await addActivity(t.db, areaId, { title: 'A1', organisationId: orgA, services: ['Education'] }, { openedAt: new Date('2026-02-01T10:00:00Z'), closedAt: new Date('2026-03-01T10:00:00Z'), status: 'closed' });
  const a2 = await addActivity(t.db, areaId, { title: 'A2', organisationId: orgA, services: ['Education'] }, { openedAt: new Date('2026-02-10T10:00:00Z'), closedAt: new Date('2026-03-10T10:00:00Z'), status: 'closed' });
  const b1 = await addActivity(t.db, areaId, { title: 'B1', organisationId: orgB, services: ['Health'] }, { openedAt: new Date('2026-03-01T10:00:00Z'), closedAt: new Date('2026-04-01T09:00:00Z'), status: 'feedback_given' });
  await addActivity(t.db, areaId, { title: 'B2', organisationId: orgB, services: ['Health'] }, { openedAt: new Date('2026-05-01T10:00:00Z'), closedAt: null, status: 'open' });
  const old = await addActivity(t.db, areaId, { title: 'OLD', organisationId: orgA, services: ['Education'] }, { openedAt: new Date('2025-10-01T10:00:00Z'), closedAt: new Date('2025-11-01T10:00:00Z'), status: 'closed' });
  await withArea(t.db, areaId, async (tx) => {
    const secret = await addViews(tx, areaId, a1, 1, new Date('2026-02-05T12:00:00Z'), { original: SECRET_ORIGINAL, redacted: 'My name is [name] and my email is [email]' });
    const a1Views = [...secret, ...(await addViews(tx, areaId, a1, 9, new Date('2026-02-05T12:00:00Z')))];
    const hidden = await addViews(tx, areaId, a1, 1, new Date('2026-02-05T12:00:00Z'), { hidden: true });
    const a2Views = await addViews(tx, areaId, a2, 3, new Date('2026-02-15T12:00:00Z'));
    const quoted = await addViews(tx, areaId, a2, 1, new Date('2026-02-15T12:00:00Z'), { original: UNPUBLISHED_QUOTE, redacted: UNPUBLISHED_QUOTE });
    const b1Views = await addViews(tx, areaId, b1, 6, new Date('2026-03-05T12:00:00Z'));
    const oldViews = await addViews(tx, areaId, old, 5, new Date('2025-10-15T12:00:00Z'));
    await addTheme(tx, areaId, {
      title: 'After-school clubs',
      contributionIds: [...a1Views, ...hidden, ...oldViews],
      firstPublishedAt: new Date('2026-03-21T12:00:00Z'),
      quotes: ['We want more after-school clubs.'],
      services: ['Education'],
      activities: [{ id: a1, title: 'A1' }, { id: old, title: 'OLD' }],
      whatChangedEasyRead: 'There are more clubs after school now. You can go on Tuesdays.',
    });
    await addTheme(tx, areaId, { title: 'Buses', contributionIds: [...a2Views, ...quoted], quoteIds: quoted, firstPublishedAt: null });
    await addTheme(tx, areaId, {
      title: 'Waiting lists',
      contributionIds: b1Views,
      firstPublishedAt: new Date('2026-05-01T12:00:00Z'),
      status: 'cannot',
      reason: 'There is no money for it this year.',
      quotes: ['The waiting list is too long.'],
      services: ['Health'],
      activities: [{ id: b1, title: 'B1' }],
    });
    await addTheme(tx, areaId, { title: 'Last year', contributionIds: [], firstPublishedAt: new Date('2025-12-01T12:00:00Z'), services: ['Education'], activities: [{ id: old, title: 'OLD' }] });
  });
});
after(async () => {
  await t?.drop();
});

const figure = (content: SectionContent, label: string) => content.figures.find((f) => f.label === label);
const table = (content: SectionContent, id: string) => content.tables.find((x) => x.id === id)!;

test('what changed: closure, median time to feedback, overdue, answers by status and the period’s published answers', async () => {
  const content = await section('feedback.what_changed').build(context(t.db));
  assert.equal(content.empty, false);
  assert.equal(figure(content, 'Themes answered and published')?.value, 2);
  assert.equal(figure(content, 'Views with a published answer')?.value, 80);
  assert.equal(figure(content, 'Views with a published answer')?.unit, 'percent');
  assert.equal(figure(content, 'Median time to feedback')?.value, 25);
  assert.equal(figure(content, 'Median time to feedback')?.unit, 'days');
  assert.equal(figure(content, 'Activities overdue for feedback now')?.value, 1);
  const text = content.paragraphs.join(' ');
  assert.match(text, /People shared 20 views in this period\. 16 of them \(80%\) now have a published answer/);
  assert.match(text, /1 done; 1 we cannot do, and we said why/);
  const statuses = table(content, 'by_status').rows.map((r) => [r[0], (r[1] as CountCell).value]);
  assert.deepEqual(statuses, [
    ['We did it', 1],
    ['We are doing it', 0],
    ['We will do it', 0],
    ["We can't do it", 1],
    ['We are still deciding', 0],
  ]);
  const responses = table(content, 'responses').rows;
  // Newest first publication first; "we can't" says why; 6 views are "fewer than 8".
  assert.deepEqual(responses.map((r) => r[0]), ['Waiting lists', 'After-school clubs']);
  assert.equal(responses[0]![2], 'Why not: There is no money for it this year.');
  assert.equal((responses[0]![3] as CountCell).value, null);
  assert.equal((responses[0]![3] as CountCell).suppression, 'small');
  assert.equal((responses[1]![3] as CountCell).value, 16);
  assert.deepEqual([...content.quotes].sort(), ['The waiting list is too long.', 'We want more after-school clubs.']);
  assert.equal(content.easyRead[0]!.text, 'We answered about 8 out of every 10 things you told us.');
  assert.ok(content.easyRead.some((l) => l.text === 'There are more clubs after school now.'));
  assert.ok(content.easyRead.length <= 3 && content.easyRead.every((l) => l.symbol));
  assert.ok(content.notes.some((n) => n.includes('held for safeguarding')));
  assert.equal(content.charts[0]!.tableId, 'by_status');
});

test('what changed: the scope keeps one organisation’s or one service’s activities; a rate over fewer than 8 views is hidden', async () => {
  const a = await section('feedback.what_changed').build(context(t.db, { kind: 'organisation', organisationId: orgA }));
  assert.equal(figure(a, 'Themes answered and published')?.value, 1);
  assert.equal(figure(a, 'Views with a published answer')?.value, 71);
  assert.equal(figure(a, 'Median time to feedback')?.value, 20);
  assert.equal(figure(a, 'Activities overdue for feedback now')?.value, 1);
  assert.deepEqual(a.quotes, ['We want more after-school clubs.']);
  const health = await section('feedback.what_changed').build(context(t.db, { kind: 'service', service: 'Health' }));
  assert.equal(figure(health, 'Themes answered and published')?.value, 1);
  assert.equal(figure(health, 'Views with a published answer')?.value, null);
  assert.equal(figure(health, 'Views with a published answer')?.suppression, 'small');
  assert.equal(figure(health, 'Median time to feedback')?.value, 30);
  assert.equal(figure(health, 'Activities overdue for feedback now')?.value, 0);
  assert.match(health.paragraphs.join(' '), /Fewer than 8 views were shared/);
  assert.ok(!health.paragraphs.join(' ').includes('6 views'));
});

test('what changed: a period counts the answers first published in it; an empty period says so kindly', async () => {
  // December 2025: "Last year" was first published then; OLD's views came in October, not in December.
  const december = await section('feedback.what_changed').build(context(t.db, { kind: 'area' }, '2025-12-01', '2025-12-31'));
  assert.equal(figure(december, 'Themes answered and published')?.value, 1);
  assert.deepEqual(table(december, 'responses').rows.map((r) => r[0]), ['Last year']);
  const empty = await section('feedback.what_changed').build(context(t.db, { kind: 'area' }, '2024-01-01', '2024-12-31'));
  assert.equal(empty.empty, true);
  assert.equal(empty.figures.length, 0);
  assert.match(empty.paragraphs[0]!, /No answers were published in this period/);
  const annual = await section('feedback.annual_publication').build(context(t.db, { kind: 'area' }, '2024-01-01', '2024-12-31'));
  assert.equal(annual.empty, true);
  assert.match(annual.paragraphs[0]!, /Nothing was first published between 1 January 2024 and 31 December 2024/);
});

test('the yearly publication: the period’s answers grouped by service, as regulation 56 asks', async () => {
  const content = await section('feedback.annual_publication').build(context(t.db));
  assert.equal(section('feedback.annual_publication').question, null);
  assert.deepEqual(section('feedback.annual_publication').kinds, ['annual_publication']);
  assert.equal(content.empty, false);
  assert.match(content.paragraphs.join(' '), /Report Feedback/);
  assert.match(content.paragraphs.join(' '), /regulation 56/);
  assert.deepEqual(table(content, 'by_service').rows.map((r) => [r[0], (r[1] as CountCell).value]), [
    ['Education', 1],
    ['Health', 1],
  ]);
  assert.equal(table(content, 'service_1').caption, 'Education: comments and responses');
  assert.deepEqual(table(content, 'service_2').rows[0]!.slice(0, 4), ['Waiting lists', "We can't do it", 'Why not: There is no money for it this year.', 'SEND Partnership Board']);
  assert.equal(figure(content, 'Themes and responses')?.value, 2);
  const health = await section('feedback.annual_publication').build(context(t.db, { kind: 'service', service: 'Health' }));
  assert.deepEqual(health.tables.map((x) => x.id), ['by_service', 'service_1']);
});

test('no words reach a section but published, redacted quotes: not a view’s own words, a name, an email, an unpublished quote or a working copy', async () => {
  const scopes: ReportScope[] = [{ kind: 'area' }, { kind: 'organisation', organisationId: orgA }, { kind: 'service', service: 'Education' }];
  for (const s of feedbackReportSections) {
    for (const scope of scopes) {
      for (const lang of ['en', 'cy'] as const) {
        const content = await s.build({ ...context(t.db, scope), lang, t: translator(lang) });
        const all = JSON.stringify(content);
        for (const secret of ['Alice', 'alice.example@example.com', '[name]', '[email]', UNPUBLISHED_QUOTE, WORKING_COPY, 'A view 1']) {
          assert.ok(!all.includes(secret), `${s.key} (${scope.kind}, ${lang}) shows “${secret}”`);
        }
      }
    }
  }
});

test('the sections make the same number of queries for 10 activities as for 1,000', async (ctx) => {
  const counts: Record<string, number[]> = {};
  for (const size of [10, 1000]) {
    const area = await createArea(t.db, { slug: `report-feedback-${size}`, name: `Size ${size}`, contactEmail: 'lead@example.com' });
    const template = await addActivity(t.db, area.id, { title: 'Template', organisationId: null, services: ['Play'] }, { openedAt: new Date('2026-02-01T10:00:00Z'), closedAt: new Date('2026-03-01T10:00:00Z'), status: 'closed' });
    await withArea(t.db, area.id, async (tx) => {
      await sql`INSERT INTO activity (area_id, title, purpose, type, level, stage, services, audience, age_bands, contact_name, contact_email, status, opened_at, closed_at, created_at, updated_at)
        SELECT area_id, title || g, purpose, type, level, stage, services, audience, age_bands, contact_name, contact_email, status, opened_at, closed_at, created_at, updated_at
        FROM activity, generate_series(2, ${size}) AS g WHERE id = ${template}`.execute(tx);
      const ids = await sql<{ id: string }>`INSERT INTO contribution (area_id, activity_id, source, original_text, redacted_text, created_at)
        SELECT a.area_id, a.id, 'free_text', 'A view', 'A view', '2026-02-10T10:00:00Z' FROM activity a WHERE a.area_id = ${area.id} RETURNING id`.execute(tx);
      // One theme per ten activities, each answered.
      for (let i = 0; i < size / 10; i += 1) {
        const group = ids.rows.slice(i * 10, i * 10 + 10).map((r) => r.id);
        await addTheme(tx, area.id, { title: `Theme ${i}`, contributionIds: group, firstPublishedAt: new Date('2026-03-20T10:00:00Z'), services: ['Play'], quotes: [`Quote ${i}`] });
      }
    });
    for (const s of feedbackReportSections) {
      const counter = countingDb(t.db);
      const content = await s.build(context(counter.db, { kind: 'area' }, FROM, TO, area.id));
      assert.equal(content.empty, false);
      if (s.key === 'feedback.what_changed' && size === 1000) {
        // 100 answers published: a board report lists the newest 20 and says where the rest are.
        assert.equal(table(content, 'responses').rows.length, MAX_RESPONSES_LISTED);
        assert.ok(content.paragraphs.some((p) => p.includes(`newest ${MAX_RESPONSES_LISTED} of the 100 answers`)), content.paragraphs.join('\n'));
      }
      (counts[s.key] ??= []).push(counter.count());
    }
  }
  for (const [key, [small, large]] of Object.entries(counts)) {
    assert.equal(small, large, `${key}: ${small} vs ${large} queries`);
    ctx.diagnostic(`${key}: ${small} queries for 10 activities, ${large} for 1,000`);
  }
});
