/**
 * Feedback figures on a data set built by hand, whose closure rates, medians and overdue list are
 * worked out below in comments; who may see the dashboard; small "listened" counts hidden; and the
 * same number of queries for 10 and for 1,000 themes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AreaTx, Db, ListenedRating } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { testActivity } from '../../testing/activities.ts';
import { NORTH_VALE_SECRETS, twoAreas, type TwoAreas } from '../../testing/fixtures.ts';
import { readPage, type Page } from '../../testing/dom.ts';
import { Client, createTestDb, testApp, type TestDb } from '../../testing/harness.ts';
import { countingDb } from '../../testing/query-counter.ts';
import { insertResponse } from '../../testing/responses.ts';
import { createActivity } from '../activities/activities.service.ts';
import { addOrganisation, createArea } from '../areas/areas.service.ts';
import { isSmall } from '../../lib/suppression.ts';
import { activityFigures, feedbackDashboard, suppressTable, type FeedbackDashboard, type ListenedRow } from './figures.service.ts';

const DAY = 86_400_000;
/** A fixed "now" for the known data set: every date below is this minus whole days. */
const NOW = new Date('2026-06-01T10:00:00Z');
const daysAgo = (days: number, from = NOW) => new Date(from.getTime() - days * DAY);

let t: TestDb;
let app: FastifyInstance;
let fx: TwoAreas;

before(async () => {
  t = await createTestDb();
  fx = await twoAreas(t.db);
  app = await testApp(t.db);
});
after(async () => {
  await app?.close();
  await t?.drop();
});

// ── Building data straight into the tables ─────────────────────────────────────────────────────

type ActivitySpec = { title: string; organisationId: string | null; status: 'draft' | 'open' | 'closed' | 'feedback_given'; closedAt: Date | null; createdBy?: string | null };

async function addActivity(db: Db, areaId: string, spec: ActivitySpec): Promise<string> {
  const activity = await createActivity(db, areaId, null, testActivity({ organisationId: spec.organisationId, title: spec.title }));
  await withArea(db, areaId, (tx) =>
    tx.updateTable('activity').set({ status: spec.status, closed_at: spec.closedAt, created_by: spec.createdBy ?? null }).where('id', '=', activity.id).execute(),
  );
  return activity.id;
}

async function addContributions(tx: AreaTx, areaId: string, activityId: string, count: number, options: { hidden?: boolean } = {}): Promise<string[]> {
  if (count === 0) return [];
  const rows = await tx
    .insertInto('contribution')
    .values(
      Array.from({ length: count }, (_, i) => ({
        area_id: areaId,
        activity_id: activityId,
        source: 'free_text' as const,
        original_text: `View ${i}`,
        redacted_text: `View ${i}`,
        hidden_at: options.hidden ? NOW : null,
        hidden_reason: options.hidden ? 'Off topic' : null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A theme holding these contributions, with a response published first at `firstPublishedAt` (or a draft). */
async function addTheme(tx: AreaTx, areaId: string, title: string, contributionIds: string[], firstPublishedAt: Date | null): Promise<string> {
  const theme = await tx.insertInto('theme').values({ area_id: areaId, title }).returning('id').executeTakeFirstOrThrow();
  if (contributionIds.length > 0) {
    await tx.insertInto('theme_contribution').values(contributionIds.map((id) => ({ area_id: areaId, theme_id: theme.id, contribution_id: id }))).execute();
  }
  await tx
    .insertInto('theme_response')
    .values({
      area_id: areaId,
      theme_id: theme.id,
      evidence_links: [],
      stage: firstPublishedAt ? 'published' : 'draft',
      first_published_at: firstPublishedAt,
      // Published again later: the first publication is what "time to feedback" counts.
      published_at: firstPublishedAt && new Date(firstPublishedAt.getTime() + 3 * DAY),
      published_content: firstPublishedAt ? JSON.stringify({ title }) : null,
    })
    .execute();
  return theme.id;
}

async function addListened(tx: AreaTx, areaId: string, activityId: string, counts: Record<ListenedRating, number>): Promise<void> {
  for (const rating of ['yes', 'a_bit', 'no'] as const) {
    for (let i = 0; i < counts[rating]; i += 1) {
      const response = await insertResponse(tx, areaId, { activityId, answers: [] });
      await tx.insertInto('listened_rating').values({ area_id: areaId, response_id: response.id, activity_id: activityId, rating, updated_at: new Date() }).execute();
    }
  }
}

/**
 * The known area (feedback deadline 10 weeks = 70 days, now = NOW):
 *
 * | activity | org  | status         | closed   | visible views                         | first answer    | days | overdue |
 * | A1       | A    | closed         | 100 d ago| 4 (2 in T1, 1 in draft T2, 1 unthemed) | T1, 80 d ago    | 20   | no      |
 * |          |      |                |          |  + 1 hidden view in T1 (not counted)   |                 |      |         |
 * | A2       | A    | closed         | 80 d ago | 2 (both in draft T2)                   | none            | –    | 10 days |
 * | A7       | A    | closed         | 60 d ago | 1 (in T4)                              | T4, 65 d ago    | 0    | no      |
 * | A8       | A    | closed         | 90 d ago | 1 (in T1)                              | T1, 80 d ago    | 10   | no      |
 * | A3       | B    | feedback_given | 200 d ago| 3 (in T3)                              | T3, 159 d ago   | 41   | no      |
 * | A4       | B    | closed         | 30 d ago | 1 unthemed                             | none            | –    | no (not due) |
 * | A5       | none | closed         | 150 d ago| 0                                      | none            | –    | 80 days |
 * | A6       | none | open           | –        | 1 (in T1)                              | T1              | –    | no      |
 * | A9       | none | draft          | –        | 0                                      | –               | –    | no      |
 *
 * Org A: 4 of 8 answered (50%), median of 20, 0, 10 = 10 days, 1 overdue, 1 unthemed.
 * Org B: 3 of 4 answered (75%), median of 41 = 41 days, 0 overdue, 1 unthemed.
 * Partnership: 1 of 1 answered (100%), no median, 1 overdue, 0 unthemed.
 * Area: 8 of 13 answered (62%), median of 0, 10, 20, 41 = 15 days, 2 overdue (A5 by 80 days, then
 * A2 by 10), 2 unthemed (A1: 1 of 4, A4: 1 of 1).
 */
async function knownArea(db: Db) {
  const area = await createArea(db, { slug: 'known-figures', name: 'Known Figures Area', contactEmail: 'known@example.com' });
  await db.updateTable('area').set({ feedback_weeks: 10 }).where('id', '=', area.id).execute();
  const orgA = await addOrganisation(db, area.id, null, { name: 'Organisation Alpha', kind: 'council' });
  const orgB = await addOrganisation(db, area.id, null, { name: 'Organisation Beta', kind: 'nhs' });
  const ids = {
    a1: await addActivity(db, area.id, { title: 'A1 survey', organisationId: orgA.id, status: 'closed', closedAt: daysAgo(100) }),
    a2: await addActivity(db, area.id, { title: 'A2 workshop', organisationId: orgA.id, status: 'closed', closedAt: daysAgo(80) }),
    a3: await addActivity(db, area.id, { title: 'A3 panel', organisationId: orgB.id, status: 'feedback_given', closedAt: daysAgo(200) }),
    a4: await addActivity(db, area.id, { title: 'A4 recent', organisationId: orgB.id, status: 'closed', closedAt: daysAgo(30) }),
    a5: await addActivity(db, area.id, { title: 'A5 forgotten', organisationId: null, status: 'closed', closedAt: daysAgo(150) }),
    a6: await addActivity(db, area.id, { title: 'A6 open', organisationId: null, status: 'open', closedAt: null }),
    a7: await addActivity(db, area.id, { title: 'A7 early answer', organisationId: orgA.id, status: 'closed', closedAt: daysAgo(60) }),
    a8: await addActivity(db, area.id, { title: 'A8 shared theme', organisationId: orgA.id, status: 'closed', closedAt: daysAgo(90) }),
    a9: await addActivity(db, area.id, { title: 'A9 draft', organisationId: null, status: 'draft', closedAt: null }),
  };
  await withArea(db, area.id, async (tx) => {
    const a1 = await addContributions(tx, area.id, ids.a1, 4);
    const a1Hidden = await addContributions(tx, area.id, ids.a1, 1, { hidden: true });
    const a2 = await addContributions(tx, area.id, ids.a2, 2);
    const a3 = await addContributions(tx, area.id, ids.a3, 3);
    await addContributions(tx, area.id, ids.a4, 1);
    const a6 = await addContributions(tx, area.id, ids.a6, 1);
    const a7 = await addContributions(tx, area.id, ids.a7, 1);
    const a8 = await addContributions(tx, area.id, ids.a8, 1);
    await addTheme(tx, area.id, 'T1 published', [a1[0]!, a1[1]!, ...a1Hidden, ...a6, ...a8], daysAgo(80));
    await addTheme(tx, area.id, 'T2 draft', [a1[2]!, ...a2], null);
    await addTheme(tx, area.id, 'T3 published', a3, daysAgo(159));
    await addTheme(tx, area.id, 'T4 published before close', a7, daysAgo(65));
    // A published theme with no contributions changes nothing.
    await addTheme(tx, area.id, 'T5 empty', [], daysAgo(5));
  });
  return { area, orgA, orgB, ids };
}

test('figures on a known data set: closure rates, medians, overdue and unthemed, per organisation and for the area', async () => {
  const { area, orgA, orgB, ids } = await knownArea(t.db);
  const f = await feedbackDashboard(t.db, area.id, NOW);

  assert.equal(f.feedbackWeeks, 10);
  assert.deepEqual(
    { answered: f.area.closure.answered, visible: f.area.closure.visible, percent: f.area.closure.percent, median: f.area.medianDaysToFeedback, withFeedback: f.area.withFeedback, overdue: f.area.overdue, unthemed: f.area.unthemed, closed: f.area.closedActivities },
    { answered: 8, visible: 13, percent: 62, median: 15, withFeedback: 4, overdue: 2, unthemed: 2, closed: 7 },
  );
  assert.equal(f.area.closure.rate, 8 / 13);

  const byOrg = new Map(f.organisations.map((o) => [o.organisationId, o]));
  assert.equal(f.organisations.length, 3);
  const summary = (id: string | null) => {
    const o = byOrg.get(id)!;
    return { answered: o.closure.answered, visible: o.closure.visible, percent: o.closure.percent, median: o.medianDaysToFeedback, overdue: o.overdue, unthemed: o.unthemed };
  };
  assert.deepEqual(summary(orgA.id), { answered: 4, visible: 8, percent: 50, median: 10, overdue: 1, unthemed: 1 });
  assert.deepEqual(summary(orgB.id), { answered: 3, visible: 4, percent: 75, median: 41, overdue: 0, unthemed: 1 });
  assert.deepEqual(summary(null), { answered: 1, visible: 1, percent: 100, median: null, overdue: 1, unthemed: 0 });
  assert.equal(byOrg.get(orgA.id)!.organisationName, 'Organisation Alpha');

  assert.deepEqual(
    f.overdue.map((o) => ({ title: o.title, days: o.daysOverdue, org: o.organisationName })),
    [
      { title: 'A5 forgotten', days: 80, org: null },
      { title: 'A2 workshop', days: 10, org: 'Organisation Alpha' },
    ],
  );
  assert.deepEqual(f.overdue[1]!.closedAt, daysAgo(80));
  assert.deepEqual(
    f.unthemed.map((u) => ({ id: u.activityId, unthemed: u.unthemed, visible: u.visible })).sort((a, b) => a.visible - b.visible),
    [
      { id: ids.a4, unthemed: 1, visible: 1 },
      { id: ids.a1, unthemed: 1, visible: 4 },
    ],
  );

  // Each activity's own numbers.
  const a1 = (await activityFigures(t.db, area.id, ids.a1, NOW))!;
  assert.deepEqual({ answered: a1.closure.answered, visible: a1.closure.visible, unthemed: a1.unthemed, days: a1.daysToFeedback, overdue: a1.overdue }, { answered: 2, visible: 4, unthemed: 1, days: 20, overdue: false });
  const a2 = (await activityFigures(t.db, area.id, ids.a2, NOW))!;
  assert.deepEqual({ rate: a2.closure.rate, days: a2.daysToFeedback, overdue: a2.overdue, daysOverdue: a2.daysOverdue }, { rate: 0, days: null, overdue: true, daysOverdue: 10 });
  assert.equal((await activityFigures(t.db, area.id, ids.a7, NOW))!.daysToFeedback, 0, 'an answer published before the activity closed counts as 0 days');
  assert.equal((await activityFigures(t.db, area.id, ids.a3, NOW))!.daysToFeedback, 41);
  const a5 = (await activityFigures(t.db, area.id, ids.a5, NOW))!;
  assert.deepEqual({ rate: a5.closure.rate, percent: a5.closure.percent, daysOverdue: a5.daysOverdue }, { rate: null, percent: null, daysOverdue: 80 });
  assert.equal((await activityFigures(t.db, area.id, ids.a9, NOW))!.overdue, false);
  // Another area's activity, or a made-up id, is simply not there.
  assert.equal(await activityFigures(t.db, area.id, fx.riverside.activityId, NOW), undefined);
  assert.equal(await activityFigures(t.db, area.id, 'not-an-id', NOW), undefined);

  // Marking A2 "feedback given" takes it off the overdue list; a published answer takes A5 off.
  await withArea(t.db, area.id, (tx) => tx.updateTable('activity').set({ status: 'feedback_given' }).where('id', '=', ids.a2).execute());
  const later = await feedbackDashboard(t.db, area.id, NOW);
  assert.deepEqual(later.overdue.map((o) => o.title), ['A5 forgotten']);
  // A day later, A5 is one day more overdue; a shorter promise makes A4 overdue too.
  await t.db.updateTable('area').set({ feedback_weeks: 4 }).where('id', '=', area.id).execute();
  const shorter = await feedbackDashboard(t.db, area.id, new Date(NOW.getTime() + DAY));
  assert.deepEqual(shorter.overdue.map((o) => [o.title, o.daysOverdue]), [['A5 forgotten', 123], ['A4 recent', 3]]);
});

test('an empty area: no views, no median, nothing overdue or unthemed, no answers', async () => {
  const area = await createArea(t.db, { slug: 'empty-figures', name: 'Empty Figures Area', contactEmail: 'empty@example.com' });
  const f = await feedbackDashboard(t.db, area.id, NOW);
  assert.deepEqual(
    { visible: f.area.closure.visible, rate: f.area.closure.rate, median: f.area.medianDaysToFeedback, overdue: f.overdue.length, unthemed: f.unthemed.length, orgs: f.organisations.length },
    { visible: 0, rate: null, median: null, overdue: 0, unthemed: 0, orgs: 0 },
  );
  assert.deepEqual(f.listened.activities, []);
  assert.ok(f.notices.every((n) => n.count === 0));
});

// ── The page and who may see it ─────────────────────────────────────────────────────────────────

const URL_RIVERSIDE = '/a/riverside/manage/feedback';

async function riversideOverdue(): Promise<{ overdueTitle: string; unthemedTitle: string }> {
  // Riverside: an activity closed 20 weeks ago with a view in no theme (overdue and unthemed), owned
  // by the NHS trust. North Vale: the same, with secret names that must never reach Riverside's page.
  const riverside = fx.riverside.id;
  const overdueTitle = 'Riverside overdue short breaks review';
  const unthemedTitle = 'Riverside unthemed youth club survey';
  const overdue = await addActivity(t.db, riverside, { title: overdueTitle, organisationId: null, status: 'closed', closedAt: daysAgo(140, new Date()) });
  const unthemed = await addActivity(t.db, riverside, { title: unthemedTitle, organisationId: null, status: 'open', closedAt: null });
  await withArea(t.db, riverside, async (tx) => {
    await addContributions(tx, riverside, overdue, 2);
    await addContributions(tx, riverside, unthemed, 9);
    // 3 said "no": shown as "fewer than 8", with a second number hidden beside it.
    await addListened(tx, riverside, overdue, { yes: 20, a_bit: 9, no: 3 });
  });
  const nv = fx.northVale.id;
  const nvOverdue = await addActivity(t.db, nv, { title: 'North Vale Secret Overdue Review', organisationId: null, status: 'closed', closedAt: daysAgo(300, new Date()) });
  await withArea(t.db, nv, async (tx) => {
    await addContributions(tx, nv, nvOverdue, 50);
    await addListened(tx, nv, nvOverdue, { yes: 20, a_bit: 3, no: 9 });
  });
  return { overdueTitle, unthemedTitle };
}

/** A table found by its caption, as a screen reader names it; its rows as each cell's words. */
function captioned(page: Page, caption: string): string[][] {
  const table = page.getByRole('table', { name: caption });
  assert.ok(table.querySelector('caption')?.classList.contains('govuk-table__caption'), `"${caption}" is the table's caption`);
  return page.tableRows(caption);
}

/** The overdue table's row for an activity: its title (with who runs it), closing date and days overdue. */
const overdueRow = (page: Page, title: string) => captioned(page, 'Overdue activities, most overdue first').find((row) => row[0]!.startsWith(title));

let riversidePage: Promise<{ overdueTitle: string; unthemedTitle: string }> | undefined;
const riversideData = () => (riversidePage ??= riversideOverdue());

test('every staff role sees the dashboard; young people, parent carers, supporters and strangers do not', async () => {
  const { overdueTitle } = await riversideData();
  for (const role of ['practitioner', 'participation_lead', 'decision_maker', 'area_admin'] as const) {
    const client = new Client(app);
    await client.signIn(`only-${role.replace('_', '-')}@riverside.example`);
    const page = await client.get(URL_RIVERSIDE);
    assert.equal(page.statusCode, 200, role);
    const dashboard = readPage(page.body);
    assert.equal(dashboard.heading(), 'Riverside SEND Partnership Are we keeping our promise?', role);
    assert.ok(overdueRow(dashboard, overdueTitle), role);
  }
  for (const role of ['young_person', 'parent_carer', 'supporter'] as const) {
    const client = new Client(app);
    await client.signIn(`only-${role.replace('_', '-')}@riverside.example`);
    const page = await client.get(URL_RIVERSIDE);
    assert.equal(page.statusCode, 403, role);
    assert.doesNotMatch(page.body, new RegExp(overdueTitle), role);
  }
  const stranger = await new Client(app).get(URL_RIVERSIDE);
  assert.ok([302, 303, 401, 403].includes(stranger.statusCode), `anonymous: ${stranger.statusCode}`);
  assert.doesNotMatch(stranger.body, new RegExp(overdueTitle));
  // North Vale's admin has no role in Riverside.
  const nvAdmin = new Client(app);
  await nvAdmin.signIn('nv-admin@northvale.example');
  assert.equal((await nvAdmin.get(URL_RIVERSIDE)).statusCode, 403);
});

test('the page: figures in words and tables with captions, overdue links, and nothing from another area', async () => {
  const { overdueTitle, unthemedTitle } = await riversideData();
  const lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
  const body = (await lead.get(URL_RIVERSIDE)).body;
  for (const secret of [...NORTH_VALE_SECRETS, 'North Vale Secret Overdue Review']) assert.ok(!body.includes(secret), `leaked: ${secret}`);
  const page = readPage(body);

  const f = await feedbackDashboard(t.db, fx.riverside.id);
  const c = f.area.closure;
  assert.ok(page.text().includes(`${c.answered} of ${c.visible} views have an answer (${c.percent}%)`), 'the closure rate in words');
  assert.ok(f.overdue.some((o) => o.title === overdueTitle));
  assert.ok(!f.overdue.some((o) => o.title.includes('North Vale')));
  captioned(page, 'Answers by organisation');
  captioned(page, 'What needs doing, by organisation');
  assert.ok(overdueRow(page, overdueTitle)![0]!.startsWith(`${overdueTitle} Run by: The partnership as a whole`));
  captioned(page, 'Views not in a theme, by activity');
  assert.ok(page.getByText('What these figures mean'));
  assert.ok(page.getAllByText(/closed more than 12 weeks ago/).length > 0);

  const overdue = f.overdue.find((o) => o.title === overdueTitle)!;
  const link = (name: string) => page.getByRole('link', { name }).getAttribute('href');
  assert.equal(link(`Themes for ${overdueTitle}`), `/a/riverside/manage/themes?activity=${overdue.activityId}`);
  assert.equal(link(`Views for ${overdueTitle}`), `/a/riverside/activities/${overdue.activityId}/contributions`);
  const unthemed = f.unthemed.find((u) => u.title === unthemedTitle)!;
  assert.equal(unthemed.unthemed, 9);
  assert.equal(link(`Put them in themes for ${unthemedTitle}`), `/a/riverside/manage/themes/unthemed?activity=${unthemed.activityId}`);
  assert.equal(overdueRow(page, overdueTitle)![2], '56 days', 'closed 140 days ago, due after 84: 56 days overdue');

  // An area admin sees the counts but gets no links into views or themes, which they may not open.
  const admin = new Client(app);
  await admin.signIn('only-area-admin@riverside.example');
  const adminPage = readPage((await admin.get(URL_RIVERSIDE)).body);
  assert.ok(overdueRow(adminPage, overdueTitle));
  const ways = [...adminPage.links().map((l) => l.href), ...[...adminPage.document.querySelectorAll('form')].map((f) => f.getAttribute('action') ?? '')];
  assert.deepEqual(ways.filter((href) => href.includes('/manage/themes') || href.endsWith('/contributions')), []);

  // Welsh.
  const welsh = readPage((await lead.get(`${URL_RIVERSIDE}?lang=cy`)).body);
  assert.equal(welsh.document.documentElement.getAttribute('lang'), 'cy');
  assert.equal(welsh.heading(), "Riverside SEND Partnership Ydyn ni'n cadw ein haddewid?");
});

test('"do you feel listened to?": counts of 1 to 7 never show, and cannot be worked out from totals', async () => {
  const area = await createArea(t.db, { slug: 'listened-figures', name: 'Listened Figures Area', contactEmail: 'l@example.com' });
  const big = await addActivity(t.db, area.id, { title: 'Big activity', organisationId: null, status: 'closed', closedAt: daysAgo(5) });
  const mixed = await addActivity(t.db, area.id, { title: 'Mixed activity', organisationId: null, status: 'closed', closedAt: daysAgo(5) });
  const tiny = await addActivity(t.db, area.id, { title: 'Tiny activity', organisationId: null, status: 'closed', closedAt: daysAgo(5) });
  await withArea(t.db, area.id, async (tx) => {
    await addListened(tx, area.id, big, { yes: 12, a_bit: 10, no: 9 });
    await addListened(tx, area.id, mixed, { yes: 10, a_bit: 9, no: 3 });
    await addListened(tx, area.id, tiny, { yes: 2, a_bit: 1, no: 0 });
  });
  const f = await feedbackDashboard(t.db, area.id, NOW);
  const rows = [...f.listened.activities, f.listened.area];
  const byTitle = new Map(f.listened.activities.map((r) => [r.title, r]));
  const exact: Record<string, number[]> = { 'Big activity': [12, 10, 9], 'Mixed activity': [10, 9, 3], 'Tiny activity': [2, 1, 0] };

  // No small number anywhere, and a shown number is always the true one.
  for (const row of rows) {
    const truth = row.title ? exact[row.title]! : [24, 20, 12];
    const cells = [row.cells.yes, row.cells.a_bit, row.cells.no, row.total];
    const values = [...truth, truth.reduce((s, c) => s + c, 0)];
    cells.forEach((cell, i) => {
      if (cell.count !== null) {
        assert.equal(cell.count, values[i], `${row.title ?? 'area'} cell ${i}`);
        assert.ok(!isSmall(cell.count), `${row.title ?? 'area'} shows a small count ${cell.count}`);
      }
    });
  }
  // The tiny activity (3 answers) is hidden whole: even its 0 says something.
  const tinyRow = byTitle.get('Tiny activity')!;
  assert.deepEqual([tinyRow.cells.yes.count, tinyRow.cells.a_bit.count, tinyRow.cells.no.count, tinyRow.total.count], [null, null, null, null]);
  // "Mixed": 3 said no (small), so a second number in its row is hidden too.
  const mixedRow = byTitle.get('Mixed activity')!;
  assert.equal(mixedRow.cells.no.count, null);
  assert.equal(mixedRow.cells.a_bit.count, null);
  // The big activity's numbers are all 8 or more and stay shown: hiding spreads only as far as needed.
  const bigRow = byTitle.get('Big activity')!;
  assert.deepEqual([bigRow.cells.yes.count, bigRow.cells.a_bit.count, bigRow.cells.no.count, bigRow.total.count], [12, 10, 9, 31]);
  // No row or column has exactly one hidden number (it would be its total minus the others).
  assertNoLoneHidden(rows);

});

test('the page shows "fewer than 8" for small listened counts, and why', async () => {
  const { overdueTitle } = await riversideData();
  const lead = new Client(app);
  await lead.signIn('only-participation-lead@riverside.example');
  const page = readPage((await lead.get(URL_RIVERSIDE)).body);
  const row = captioned(page, 'Answers to "Do you feel listened to?"').find((cells) => cells[0] === `${overdueTitle}Answers: 32`);
  // 3 said no: "fewer than 8", and a bit (9) hidden beside it. Yes (20) shows unless its column
  // needs a second hidden number too, which depends on the demo area's own answers.
  assert.equal(row?.[3], 'fewer than 8');
  assert.equal(row?.[2], 'hidden');
  assert.ok(['20', 'hidden'].includes(row?.[1] ?? ''), JSON.stringify(row));
  assert.ok(page.getByText(/Numbers from 1 to 7 are shown as/));
  // The demo area's own answers (seeded) count too: the area sentence totals every answer there.
  const total = (await t.owner.selectFrom('listened_rating').select('rating').where('area_id', '=', fx.riverside.id).execute()).length;
  assert.ok(total > 32);
  assert.ok(page.getByText(new RegExp(`Across the area, ${total} answers: `)));
});

function assertNoLoneHidden(rows: ListenedRow[]): void {
  const grid = rows.map((r) => [r.cells.yes, r.cells.a_bit, r.cells.no, r.total].map((c) => c.count === null));
  grid.forEach((line, i) => assert.notEqual(line.filter(Boolean).length, 1, `row ${i} has one hidden number`));
  for (let j = 0; j < 4; j += 1) assert.notEqual(grid.filter((line) => line[j]).length, 1, `column ${j} has one hidden number`);
}

test('suppressTable: a lone hidden number in a column gets company; zeros are not used to hide', () => {
  // One activity row hides "no" (3) and, beside it, "a bit"; the other row's numbers would give both
  // away through the area's row, so they are hidden too.
  const { rows, area } = suppressTable([[10, 9, 3], [12, 10, 8]], [22, 19, 11]);
  assert.deepEqual(rows[0], ['none', 'secondary', 'small', 'none']);
  const columns = [0, 1, 2, 3].map((j) => [...rows, area].filter((r) => r[j] !== 'none').length);
  assert.ok(columns.every((n) => n !== 1), `columns: ${columns.join()}`);
  // Nothing small: nothing hidden.
  assert.deepEqual(suppressTable([[10, 9, 8]], [10, 9, 8]), { rows: [['none', 'none', 'none', 'none']], area: ['none', 'none', 'none', 'none'] });
  // Zeros stay shown when nothing is small.
  assert.deepEqual(suppressTable([[10, 0, 8], [9, 0, 0]], [19, 0, 8]).rows, [['none', 'none', 'none', 'none'], ['none', 'none', 'none', 'none']]);
});

// ── No N+1 ──────────────────────────────────────────────────────────────────────────────────────

/** An area with `themes` published themes over `activities` closed activities, 3 views per theme. */
async function areaWithThemes(db: Db, slug: string, themes: number, activities: number): Promise<void> {
  const area = await createArea(db, { slug, name: `Count ${slug}`, contactEmail: `${slug}@example.com` });
  const org = await addOrganisation(db, area.id, null, { name: `Org ${slug}`, kind: 'council' });
  const activityIds: string[] = [];
  for (let i = 0; i < activities; i += 1) {
    activityIds.push(await addActivity(db, area.id, { title: `Activity ${i}`, organisationId: i % 2 ? org.id : null, status: 'closed', closedAt: daysAgo(100 + i) }));
  }
  await withArea(db, area.id, async (tx) => {
    for (let i = 0; i < themes; i += 1) {
      // Half the activities get every theme; the other half have no views and are overdue.
      const activityId = activityIds[i % Math.ceil(activities / 2)]!;
      const contributions = await addContributions(tx, area.id, activityId, 3);
      await addTheme(tx, area.id, `Theme ${i}`, contributions.slice(0, 2), i % 3 ? daysAgo(50) : null);
    }
    for (const [i, activityId] of activityIds.entries()) await addListened(tx, area.id, activityId, { yes: i % 9, a_bit: 1, no: 0 });
  });
}

test('the dashboard makes the same number of queries for 10 themes as for 1,000 (and 2 or 40 activities)', async (ctx) => {
  await areaWithThemes(t.db, 'count-small', 10, 2);
  await areaWithThemes(t.db, 'count-large', 1000, 40);
  const counter = countingDb(t.db);
  const countingApp = await testApp(counter.db);
  try {
    const lead = new Client(countingApp);
    await lead.signIn('only-participation-lead@riverside.example');
    // The lead needs a role in both areas: make them one (straight into the table, as a fixture).
    const leadId = fx.riverside.memberIds.participation_lead;
    const queries: number[] = [];
    const pages: FeedbackDashboard[] = [];
    for (const slug of ['count-small', 'count-large']) {
      const area = (await t.db.selectFrom('area').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
      await withArea(t.db, area, (tx) => tx.insertInto('area_membership').values({ area_id: area, account_id: leadId, role: 'participation_lead', organisation_id: null }).execute());
      pages.push(await feedbackDashboard(t.db, area, NOW));
      await lead.get(`/a/${slug}/manage/feedback`); // warm: sign-in and membership caches
      counter.reset();
      const page = await lead.get(`/a/${slug}/manage/feedback`);
      assert.equal(page.statusCode, 200);
      queries.push(counter.count());
    }
    assert.equal(pages[1]!.area.closure.visible, 3000, 'the large area really has 1,000 themes of views');
    assert.ok(pages[1]!.overdue.length > 0);
    assert.equal(queries[0], queries[1], `queries: ${queries.join(' vs ')}`);
    ctx.diagnostic(`queries per dashboard request (session and area included): ${queries.join(' and ')}`);
  } finally {
    await countingApp.close();
  }
});
