/**
 * The retention schedule (issue 9 §2). The job deletes exactly what is due, once: data on both sides
 * of every cutoff in two areas with different periods, the job run twice at once and then again, and
 * nothing else touched. The schedule page: area admins only, the GOV.UK error pattern, saves audited,
 * a stale page refused. The privacy notice shows the area's own periods. And the pure parts: the
 * calendar, the stored days, and moving redactions onto the redacted copy.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { withArea } from '../../db/db.ts';
import { readPage } from '../../testing/dom.ts';
import { Client, createTestDb, DEMO_PASSWORD, testConfig, type TestDb } from '../../testing/harness.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { createArea } from '../areas/areas.service.ts';
import { applySpans, type RedactionKind, type Span } from '../contributions/contributions.service.ts';
import { cutoffFor, periodFromDays, periodToDays, RETENTION_KINDS, RETENTION_SCHEDULE, retentionRule, type RetentionKind } from './retention-schedule.ts';
import { applyRetention, getRetentionSchedule, movedRedactions, privacyNoticeSchedule, saveRetentionSchedule } from './retention.service.ts';

const PAGE = '/a/east-dale/manage/privacy/retention';
const MINUTE = 60_000;

let t: TestDb;
let app: FastifyInstance;
let east: { id: string; slug: string };
let west: { id: string; slug: string };
const accounts: Record<'eastAdmin' | 'eastLead' | 'westAdmin', string> = { eastAdmin: '', eastLead: '', westAdmin: '' };

before(async () => {
  t = await createTestDb();
  // Two areas of our own (no demo data): every row the job may see is one this file wrote.
  east = await createArea(t.db, { slug: 'east-dale', name: 'East Dale SEND Partnership', contactEmail: 'hello@eastdale.example' });
  west = await createArea(t.db, { slug: 'west-fell', name: 'West Fell SEND Partnership', contactEmail: 'hello@westfell.example' });
  const member = async (email: string, areaId: string, role: 'area_admin' | 'participation_lead') => {
    const id = await createAccount(t.db, { email, displayName: email.split('@')[0]!, password: DEMO_PASSWORD });
    await addMember(t.db, areaId, id, role, null);
    return id;
  };
  accounts.eastAdmin = await member('admin@eastdale.example', east.id, 'area_admin');
  accounts.eastLead = await member('lead@eastdale.example', east.id, 'participation_lead');
  accounts.westAdmin = await member('admin@westfell.example', west.id, 'area_admin');
  app = await buildApp({ config: testConfig(), db: t.db, secret: 'retention-test-secret-'.padEnd(64, 'r') });
  // The privacy notice as its route will render it once the route passes the schedule (see the
  // last page test): the real template, layout and catalogue.
  app.get('/a/:area/test-privacy-notice', { config: { access: 'public' } }, async (request, reply) =>
    reply.page('pages/privacy.njk', { title: 'Privacy notice', retention: await privacyNoticeSchedule(t.db, request.area?.id) }),
  );
  await app.ready();
});
after(async () => {
  await app?.close();
  await t?.drop();
});

async function signedIn(email: string): Promise<Client> {
  const client = new Client(app);
  await client.signIn(email);
  return client;
}

/** Each period's field by the words of its label. */
const LABELS: Record<RetentionKind, string> = {
  signups: 'Sign-ups for activities',
  hear_back: 'How people asked to hear back',
  unsent_responses: 'Answers never sent',
  original_text: 'Original words',
  sessions: 'Sign-in records',
  audit_log: 'Audit log',
  safeguarding: 'Closed safeguarding concerns',
};

/** Every field of the form with the area's current values, as the page fills them in (and the version it was shown). */
function currentValues(html: string): Record<string, string> {
  const page = readPage(html);
  const values: Record<string, string> = Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, page.valueOf(LABELS[kind])]));
  values.seen = page.hiddenValue('seen') ?? '';
  return values;
}

const auditOf = (areaId: string) =>
  t.owner.selectFrom('audit_event').select(['action', 'actor_account_id', 'detail']).where('area_id', '=', areaId).where('action', '=', 'retention.changed').orderBy('id').execute();

const settingsOf = async (areaId: string) =>
  Object.fromEntries((await t.owner.selectFrom('retention_setting').select(['kind', 'period_days']).where('area_id', '=', areaId).execute()).map((r: { kind: string; period_days: number }) => [r.kind, r.period_days]));

/** Sets an area's periods through the service, as a save from the page would. */
async function setPeriods(areaId: string, actorId: string, periods: Partial<Record<RetentionKind, number>>): Promise<void> {
  const current = await getRetentionSchedule(t.db, areaId);
  const all = Object.fromEntries(current.periods.map((p) => [p.kind, periods[p.kind] ?? p.period])) as Record<RetentionKind, number>;
  await saveRetentionSchedule(t.db, areaId, actorId, { periods: all, seen: current.fingerprint });
}

// ── The page ──────────────────────────────────────────────────────────────────────────────────────

test('only area admins of the area reach the schedule page; a lead and another area\'s admin get 403', async () => {
  const admin = await signedIn('admin@eastdale.example');
  const page = await admin.get(PAGE);
  assert.equal(page.statusCode, 200);
  const schedule = readPage(page.body);
  assert.equal(schedule.heading(), 'Retention schedule');
  // Every kind, with this area's period (the default), and why.
  const kinds = schedule.tableRows('How long each kind of information is kept');
  assert.deepEqual(kinds.map(([kind]) => RETENTION_KINDS.find((k) => kind!.startsWith(LABELS[k]))), [...RETENTION_KINDS]);
  const periods = kinds.map(([, period]) => period).join('\n');
  assert.match(periods, /^6 months after the activity/m);
  assert.match(periods, /^90 days after the last change/m);
  assert.match(periods, /^6 years after it was closed/m);
  assert.match(kinds.map(([kind]) => kind).join('\n'), /the IRMS toolkit and your local policy decide/);
  assert.ok(schedule.getByText('Nothing has been deleted yet.'));
  assert.deepEqual(currentValues(page.body), {
    signups: '6', hear_back: '12', unsent_responses: '90', original_text: '24', sessions: '30', audit_log: '6', safeguarding: '6',
    seen: 'signups=6;hear_back=12;unsent_responses=90;original_text=24;sessions=30;audit_log=6;safeguarding=6',
  });
  assert.ok(schedule.hiddenValue('_csrf'), 'the form carries its CSRF token');
  assert.ok(schedule.getAllByText("Between 1 month and 24 months. Chorus' default is 6 months.").length > 0);

  const lead = await signedIn('lead@eastdale.example');
  assert.equal((await lead.get(PAGE)).statusCode, 403);
  assert.equal((await lead.post(PAGE, { signups: '1' })).statusCode, 403);
  const westAdmin = await signedIn('admin@westfell.example');
  assert.equal((await westAdmin.get(PAGE)).statusCode, 403);
  assert.equal((await westAdmin.post(PAGE, { signups: '1' })).statusCode, 403);
  assert.equal((await new Client(app).get(PAGE)).statusCode, 303, 'signed out: to the sign-in page');
  assert.deepEqual(await settingsOf(east.id), {});
});

test('the GOV.UK error pattern: 422, "Error: " title, the summary in field order linking to each field, what was typed kept, nothing saved', async () => {
  const admin = await signedIn('admin@eastdale.example');
  const values = currentValues((await admin.get(PAGE)).body);
  const response = await admin.post(PAGE, { ...values, signups: '', hear_back: 'twelve', unsent_responses: '29', sessions: '1.5', audit_log: '8', safeguarding: ' 25 ' });
  assert.equal(response.statusCode, 422);
  const page = readPage(response.body);
  assert.match(page.document.title, /^Error: Retention schedule/);
  assert.deepEqual(page.errorLinks(), [
    '#signups Enter how many months to keep sign-ups for activities',
    '#hear_back How long to keep how people asked to hear back must be a whole number of months, like 12',
    '#unsent_responses How long to keep answers never sent must be between 30 and 365 days',
    '#sessions How long to keep sign-in records must be a whole number of days, like 30',
    '#audit_log How long to keep the audit log must be between 2 and 7 years',
  ]);
  assert.match(page.fieldError('hear_back') ?? '', /^How long to keep how people asked to hear back/, 'the message beside its field');
  const kept = currentValues(response.body);
  assert.equal(kept.hear_back, 'twelve');
  assert.equal(kept.unsent_responses, '29');
  assert.equal(kept.sessions, '1.5');
  assert.equal(kept.safeguarding, ' 25 ');
  assert.equal(kept.original_text, '24');
  assert.deepEqual(await settingsOf(east.id), {}, 'nothing saved');
  assert.deepEqual(await auditOf(east.id), []);
  // A form without its CSRF token is refused.
  assert.equal((await admin.post(PAGE, { ...values, signups: '3' }, { csrf: false })).statusCode, 403);
  // Arrays or junk where a number belongs: a clear 422, never a 500.
  const junk = await admin.post(PAGE, { ...values, signups: ['3', '4'], original_text: '1e2', safeguarding: '-1' });
  assert.equal(junk.statusCode, 422);
});

test('saving: each period in its own unit, a default removes the setting, audited once, a replay is harmless, a stale page is refused', async () => {
  const admin = await signedIn('admin@eastdale.example');
  const values = currentValues((await admin.get(PAGE)).body);
  const token = admin.csrf();
  const form = { ...values, signups: '3', hear_back: '24', sessions: '90', safeguarding: '25' };
  // Two clicks of Save: one change, one audit entry.
  const [first, second] = await Promise.all([admin.post(PAGE, form, { csrf: token }), admin.post(PAGE, form, { csrf: token })]);
  assert.deepEqual([first.statusCode, second.statusCode], [303, 303]);
  assert.equal(first.headers.location, PAGE);
  assert.deepEqual(await settingsOf(east.id), { signups: 91, hear_back: 731, sessions: 90, safeguarding: 9131 });
  const audits = await auditOf(east.id);
  assert.equal(audits.length, 1);
  assert.equal(audits[0]!.actor_account_id, accounts.eastAdmin);
  assert.deepEqual(audits[0]!.detail, {
    signups: { from: 6, to: 3, unit: 'months' },
    hear_back: { from: 12, to: 24, unit: 'months' },
    sessions: { from: 30, to: 90, unit: 'days' },
    safeguarding: { from: 6, to: 25, unit: 'years' },
  });
  const page = await admin.get(PAGE);
  const saved = readPage(page.body);
  assert.equal(saved.flash(), 'Retention periods saved.');
  const periods = saved.tableRows('How long each kind of information is kept').map(([, period]) => period).join('\n');
  assert.match(periods, /^3 months after the activity Chorus' default: 6 months after the activity$/m);
  assert.match(periods, /^25 years after it was closed/m);
  assert.equal(currentValues(page.body).signups, '3');
  // The audit page has words for it.
  const audit = readPage((await admin.get('/a/east-dale/manage/audit')).body).tableRows('Audit log');
  assert.ok(audit.some(([, , what]) => what === 'Changed the retention schedule'), JSON.stringify(audit));

  // Someone else saves in between: a save from the page shown before is refused, not merged.
  const stale = currentValues(page.body);
  await setPeriods(east.id, accounts.eastAdmin, { original_text: 60 });
  const refused = await admin.post(PAGE, { ...stale, audit_log: '7' });
  assert.equal(refused.statusCode, 409);
  assert.equal(readPage(refused.body).heading(), 'Someone else changed this');
  assert.equal((await settingsOf(east.id)).audit_log, undefined);

  // Back to Chorus' defaults: the area's own settings go, so it follows the defaults.
  const fresh = currentValues((await admin.get(PAGE)).body);
  assert.equal((await admin.post(PAGE, { ...fresh, signups: '6', hear_back: '12', sessions: '30', safeguarding: '6', original_text: '24' })).statusCode, 303);
  assert.deepEqual(await settingsOf(east.id), {});
  assert.equal((await auditOf(east.id)).length, 3);
  // West Fell never changed.
  assert.deepEqual(await settingsOf(west.id), {});
});

// ── The job ───────────────────────────────────────────────────────────────────────────────────────

type Seeded = { due: Set<string>; kept: Set<string> };
const seeded = () => ({ due: new Set<string>(), kept: new Set<string>() });
/** What each table should lose and keep, and what each area's retention_run should say per kind. */
const rows = { signup: seeded(), request: seeded(), contact: seeded(), response: seeded(), contribution: seeded(), audit: seeded(), concern: seeded(), session: seeded() };
const expectedRemoved = new Map<string, number>();
/** Responses whose typed words are due to become the redacted copy (true) or to stay (false). */
const typedIn = new Map<string, boolean>();
const expect = (areaId: string, kind: RetentionKind, n = 1) => expectedRemoved.set(`${areaId}/${kind}`, (expectedRemoved.get(`${areaId}/${kind}`) ?? 0) + n);
const mark = (set: Seeded, id: string, due: boolean) => (due ? set.due : set.kept).add(id);

const EAST_PERIODS = { signups: 3, hear_back: 6, unsent_responses: 30, original_text: 12, sessions: 7, audit_log: 3, safeguarding: 2 } as const;

/** A partnership activity, dated or not, straight into the table. */
async function activity(areaId: string, dates: { startsAt?: Date | null; endsAt?: Date | null; status?: string; closedAt?: Date | null }): Promise<string> {
  const row = await t.owner
    .insertInto('activity')
    .values({
      area_id: areaId, title: 'Retention test', purpose: 'To test retention.', type: dates.startsAt ? 'workshop' : 'survey', level: 'strategic', stage: 'review',
      audience: 'both', contact_name: 'Jess', contact_email: 'jess@example.com', starts_at: dates.startsAt ?? null, ends_at: dates.endsAt ?? null,
      status: dates.status ?? 'closed', closed_at: dates.closedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function response(areaId: string, activityId: string, status: 'in_progress' | 'submitted', at: Date): Promise<string> {
  const row = await t.owner
    .insertInto('response')
    .values({
      area_id: areaId, activity_id: activityId, mode: 'anonymous', status, access_token_hash: randomBytes(8).toString('hex'), idempotency_key: randomBytes(8).toString('hex'),
      receipt_code: status === 'submitted' ? randomBytes(4).toString('hex') : null, started_at: at, updated_at: at, submitted_at: status === 'submitted' ? at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const ORIGINAL = 'Please ring Sam Smith on 07700 900123 today, or email sam@example.com.';
const at = (text: string, words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
const SPANS: Array<Span & { undone?: boolean }> = [
  { ...at(ORIGINAL, 'Sam'), kind: 'name' },
  { ...at(ORIGINAL, 'Smith'), kind: 'name' },
  { ...at(ORIGINAL, '07700 900123'), kind: 'phone' },
  { ...at(ORIGINAL, 'today'), kind: 'other', undone: true },
  { ...at(ORIGINAL, 'sam@example.com'), kind: 'email' },
];
const REDACTED = applySpans(ORIGINAL, SPANS.filter((s) => !s.undone));

type ContributionLink = { responseId: string; questionId: string | null; source: 'free_text' | 'card_sort' | 'anything_else' };

async function contribution(areaId: string, activityId: string, createdAt: Date, options: { held?: boolean; from?: ContributionLink } = {}): Promise<string> {
  const row = await t.owner
    .insertInto('contribution')
    .values({
      area_id: areaId, activity_id: activityId, response_id: options.from?.responseId ?? null, question_id: options.from?.questionId ?? null, source: options.from?.source ?? 'free_text',
      original_text: ORIGINAL, redacted_text: REDACTED, needs_review: true, safeguarding_hold: options.held ?? false, created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.owner
    .insertInto('redaction')
    .values(SPANS.map((s) => ({ area_id: areaId, contribution_id: row.id, start_offset: s.start, end_offset: s.end, kind: s.kind, method: 'automatic', undone_at: s.undone ? createdAt : null })))
    .execute();
  return row.id;
}

/**
 * One area's data at one moment `when` for every kind, due or not (the caller knows which side of
 * the cutoff `when` is).
 */
async function seedAt(areaId: string, kind: RetentionKind, when: Date, due: boolean): Promise<void> {
  if (kind === 'signups') {
    // Dated by its end: it started well before the cutoff, but ended at `when`.
    const dated = await activity(areaId, { startsAt: new Date(when.getTime() - 3 * 86_400_000), endsAt: when });
    const signup = await t.owner.insertInto('activity_signup').values({ area_id: areaId, activity_id: dated, name: 'Sam Smith', email: 'sam@example.com', idempotency_key: randomBytes(8).toString('hex') }).returning('id').executeTakeFirstOrThrow();
    const request = await t.owner.insertInto('adjustment_request').values({ area_id: areaId, activity_id: dated, signup_id: signup.id, adjustments: ['bsl'], details: 'An interpreter' }).returning('id').executeTakeFirstOrThrow();
    // A survey (no date) closed at `when`, with an adjustment asked for while answering it.
    const survey = await activity(areaId, { status: 'closed', closedAt: when });
    const asked = await t.owner.insertInto('adjustment_request').values({ area_id: areaId, activity_id: survey, adjustments: ['easy_read'], contact: 'sam@example.com' }).returning('id').executeTakeFirstOrThrow();
    mark(rows.signup, signup.id, due);
    mark(rows.request, request.id, due);
    mark(rows.request, asked.id, due);
    if (due) expect(areaId, 'signups', 3);
  } else if (kind === 'hear_back') {
    const survey = await activity(areaId, { status: 'closed', closedAt: new Date() });
    const id = await response(areaId, survey, 'submitted', when);
    await t.owner.insertInto('feedback_contact').values({ area_id: areaId, response_id: id, channel: 'email', address: 'sam@example.com' }).execute();
    mark(rows.contact, id, due);
    rows.response.kept.add(id);
    if (due) expect(areaId, 'hear_back');
  } else if (kind === 'unsent_responses') {
    const survey = await activity(areaId, { status: 'open' });
    const question = await t.owner.insertInto('question').values({ area_id: areaId, activity_id: survey, position: 1, type: 'free_text', text: 'What should change?' }).returning('id').executeTakeFirstOrThrow();
    const id = await response(areaId, survey, 'in_progress', when);
    await t.owner.insertInto('answer').values({ area_id: areaId, response_id: id, question_id: question.id, value: JSON.stringify({ kind: 'text', text: 'Unsent words' }), updated_at: when }).execute();
    mark(rows.response, id, due);
    if (due) expect(areaId, 'unsent_responses');
  } else if (kind === 'original_text') {
    // A sent response whose words are in three places: the answers as typed (a free-text answer and a
    // card sort's comment), "anything else", and the contributions made from them.
    const survey = await activity(areaId, { status: 'closed', closedAt: new Date() });
    const [freeText, cardSort] = await Promise.all(['free_text', 'card_sort'].map(async (type, i) =>
      (await t.owner.insertInto('question').values({ area_id: areaId, activity_id: survey, position: i + 1, type, text: 'Tell us' }).returning('id').executeTakeFirstOrThrow()).id as string));
    const responseId = await response(areaId, survey, 'submitted', when);
    await t.owner.updateTable('response').set({ anything_else: ORIGINAL }).where('id', '=', responseId).execute();
    await t.owner.insertInto('answer').values([
      { area_id: areaId, response_id: responseId, question_id: freeText, value: JSON.stringify({ kind: 'text', text: ORIGINAL }) },
      { area_id: areaId, response_id: responseId, question_id: cardSort, value: JSON.stringify({ kind: 'card_sort', piles: {}, comment: ORIGINAL }) },
    ]).execute();
    rows.response.kept.add(responseId);
    typedIn.set(responseId, due);
    for (const from of [{ questionId: freeText!, source: 'free_text' }, { questionId: cardSort!, source: 'card_sort' }, { questionId: null, source: 'anything_else' }] as const) {
      mark(rows.contribution, await contribution(areaId, survey, when, { from: { responseId, ...from } }), due);
    }
    // One on safeguarding hold, which ordinary transactions cannot see, is covered too.
    mark(rows.contribution, await contribution(areaId, survey, when, { held: true }), due);
    if (due) expect(areaId, 'original_text', 4);
  } else if (kind === 'audit_log') {
    const row = await t.owner.insertInto('audit_event').values({ area_id: areaId, action: 'charter.edited', subject_type: 'charter', at: when }).returning('id').executeTakeFirstOrThrow();
    mark(rows.audit, String(row.id), due);
    if (due) expect(areaId, 'audit_log');
  } else if (kind === 'safeguarding') {
    const concern = await t.owner
      .insertInto('safeguarding_concern')
      .values({ area_id: areaId, origin: 'automatic', channel: 'survey', source_key: randomBytes(8).toString('hex'), disclosed_text: 'Words of a disclosure', severity: 'high', created_at: new Date(when.getTime() - 86_400_000), decision: 'no_concern', decided_at: when, closed_at: when })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.owner.insertInto('safeguarding_action').values({ area_id: areaId, concern_id: concern.id, taken_on: '2020-01-01', description: 'Rang the school' }).execute();
    mark(rows.concern, concern.id, due);
    if (due) expect(areaId, 'safeguarding');
  }
}

async function session(accountId: string, lastSeenAt: Date, due: boolean): Promise<void> {
  const idHash = randomBytes(16).toString('hex');
  await t.owner.insertInto('session').values({ id_hash: idHash, account_id: accountId, created_at: lastSeenAt, last_seen_at: lastSeenAt }).execute();
  mark(rows.session, idHash, due);
}

const count = async (table: string) => Number((await t.owner.selectFrom(table).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
const ids = async (table: string, column: string) => new Set((await t.owner.selectFrom(table).select(`${column} as id`).execute()).map((r: { id: unknown }) => String(r.id)));
const runsOf = async () => t.owner.selectFrom('retention_run').select(['area_id', 'kind', 'cutoff', 'removed']).orderBy('id').execute();

let now: Date;

test('the job deletes exactly what is due, in each area by its own periods, once, even run twice at the same time', async () => {
  now = new Date();
  await setPeriods(east.id, accounts.eastAdmin, EAST_PERIODS);
  const eastCutoff = (kind: RetentionKind) => cutoffFor(now, EAST_PERIODS[kind], retentionRule(kind).unit);
  const westCutoff = (kind: RetentionKind) => cutoffFor(now, retentionRule(kind).defaultPeriod, retentionRule(kind).unit);
  for (const kind of RETENTION_KINDS) {
    if (kind === 'sessions') continue;
    // Just due and just not due, in each area.
    await seedAt(east.id, kind, new Date(eastCutoff(kind).getTime() - MINUTE), true);
    await seedAt(east.id, kind, new Date(eastCutoff(kind).getTime() + MINUTE), false);
    await seedAt(west.id, kind, new Date(westCutoff(kind).getTime() - MINUTE), true);
    await seedAt(west.id, kind, new Date(westCutoff(kind).getTime() + MINUTE), false);
    // Due by East Dale's shorter periods, but this is West Fell's: another area's settings never apply.
    await seedAt(west.id, kind, new Date(eastCutoff(kind).getTime() - MINUTE), false);
  }

  // Special cases of sign-ups: a survey reopened after closing is not "ended"; an open survey with no
  // date never is; an activity with only a start date counts from it.
  const reopened = await activity(east.id, { status: 'open', closedAt: new Date(eastCutoff('signups').getTime() - 30 * 86_400_000) });
  const undated = await activity(east.id, { status: 'open' });
  const startOnly = await activity(east.id, { startsAt: new Date(eastCutoff('signups').getTime() - MINUTE) });
  for (const [activityId, due] of [[reopened, false], [undated, false], [startOnly, true]] as const) {
    const request = await t.owner.insertInto('adjustment_request').values({ area_id: east.id, activity_id: activityId, adjustments: ['quiet_space'] }).returning('id').executeTakeFirstOrThrow();
    mark(rows.request, request.id, due);
    if (due) expect(east.id, 'signups');
  }
  // Unsent responses: the last change may be an answer; a sent response is never "unsent".
  {
    const survey = await activity(east.id, { status: 'open' });
    const question = await t.owner.insertInto('question').values({ area_id: east.id, activity_id: survey, position: 1, type: 'free_text', text: 'Anything else?' }).returning('id').executeTakeFirstOrThrow();
    const old = new Date(eastCutoff('unsent_responses').getTime() - 10 * 86_400_000);
    const answeredLately = await response(east.id, survey, 'in_progress', old);
    await t.owner.insertInto('answer').values({ area_id: east.id, response_id: answeredLately, question_id: question.id, value: JSON.stringify({ kind: 'text', text: 'Still typing' }), updated_at: new Date(eastCutoff('unsent_responses').getTime() + MINUTE) }).execute();
    rows.response.kept.add(answeredLately);
    rows.response.kept.add(await response(east.id, survey, 'submitted', old));
  }
  // Safeguarding: an open concern is never deleted, however old.
  {
    const open = await t.owner
      .insertInto('safeguarding_concern')
      .values({ area_id: east.id, origin: 'automatic', channel: 'survey', source_key: 'open-for-ever', disclosed_text: 'Words', severity: 'urgent', created_at: new Date('2001-01-01T00:00:00Z') })
      .returning('id')
      .executeTakeFirstOrThrow();
    rows.concern.kept.add(open.id);
  }
  // Sessions belong to accounts: each account's longest area period applies; no area, the default.
  const account = async (name: string, areaIds: string[]) => {
    const id = await createAccount(t.db, { email: `${name}@example.com`, displayName: name, password: DEMO_PASSWORD });
    for (const areaId of areaIds) await addMember(t.db, areaId, id, 'parent_carer', null);
    return id;
  };
  const eastOnly = await account('east-only', [east.id]);
  const westOnly = await account('west-only', [west.id]);
  const both = await account('in-both', [east.id, west.id]);
  const nowhere = await account('in-no-area', []);
  const sessions = (cutoff: Date, offset: number) => new Date(cutoff.getTime() + offset);
  await session(eastOnly, sessions(eastCutoff('sessions'), -MINUTE), true);
  await session(eastOnly, sessions(eastCutoff('sessions'), MINUTE), false);
  await session(westOnly, sessions(westCutoff('sessions'), -MINUTE), true);
  await session(westOnly, sessions(eastCutoff('sessions'), -MINUTE), false);
  await session(both, sessions(eastCutoff('sessions'), -MINUTE), false);
  await session(both, sessions(westCutoff('sessions'), -MINUTE), true);
  await session(nowhere, sessions(westCutoff('sessions'), -MINUTE), true);
  await session(nowhere, sessions(westCutoff('sessions'), MINUTE), false);
  expect(east.id, 'sessions', 2);
  expect(west.id, 'sessions', 2);

  const tables = {
    activity_signup: await count('activity_signup'),
    adjustment_request: await count('adjustment_request'),
    feedback_contact: await count('feedback_contact'),
    response: await count('response'),
    answer: await count('answer'),
    audit_event: await count('audit_event'),
    safeguarding_concern: await count('safeguarding_concern'),
    session: await count('session'),
    contribution: await count('contribution'),
    redaction: await count('redaction'),
  };
  const runsBefore = (await runsOf()).length;
  assert.equal(runsBefore, 0);

  // Two instances at once (a re-run overlapping the scheduled one): each record goes once, by one of them.
  const removed = await Promise.all([applyRetention(t.db, now), applyRetention(t.db, now)]);
  // The session of the account in both areas is recorded in both but deleted once; the one of the
  // account in no area is deleted and recorded nowhere: the two cancel out in the sum.
  const total = [...expectedRemoved.values()].reduce((a, b) => a + b, 0);
  assert.equal(removed[0]! + removed[1]!, total, `removed ${removed.join(' + ')}`);

  const left = {
    signup: await ids('activity_signup', 'id'),
    request: await ids('adjustment_request', 'id'),
    contact: await ids('feedback_contact', 'response_id'),
    response: await ids('response', 'id'),
    audit: await ids('audit_event', 'id'),
    concern: await ids('safeguarding_concern', 'id'),
    session: await ids('session', 'id_hash'),
  };
  for (const [name, set] of Object.entries(left) as Array<[keyof typeof left, Set<string>]>) {
    for (const id of rows[name].due) assert.ok(!set.has(id), `${name} ${id} was due and is still there`);
    for (const id of rows[name].kept) assert.ok(set.has(id), `${name} ${id} was not due and has gone`);
  }
  // Nothing else went: each table lost exactly the due rows.
  assert.equal(await count('activity_signup'), tables.activity_signup - rows.signup.due.size);
  assert.equal(await count('adjustment_request'), tables.adjustment_request - rows.request.due.size);
  assert.equal(await count('feedback_contact'), tables.feedback_contact - rows.contact.due.size);
  assert.equal(await count('response'), tables.response - rows.response.due.size);
  assert.equal(await count('answer'), tables.answer - rows.response.due.size, 'the answers of the unsent responses went with them');
  assert.equal(await count('audit_event'), tables.audit_event - rows.audit.due.size);
  assert.equal(await count('safeguarding_concern'), tables.safeguarding_concern - rows.concern.due.size);
  assert.equal(await count('session'), tables.session - rows.session.due.size);
  assert.equal(Number((await t.owner.selectFrom('safeguarding_action').select(sql<string>`count(*)`.as('n')).where('concern_id', 'in', [...rows.concern.due]).executeTakeFirstOrThrow()).n), 0);
  // Original words: replaced by the redacted copy, exactly for the due ones; no row or redaction deleted.
  assert.equal(await count('contribution'), tables.contribution);
  assert.equal(await count('redaction'), tables.redaction);
  const contributions = await t.owner.selectFrom('contribution').select(['id', 'original_text', 'redacted_text', 'original_deleted_at']).execute();
  for (const c of contributions) {
    if (rows.contribution.due.has(c.id)) {
      assert.equal(c.original_text, REDACTED);
      assert.equal(c.redacted_text, REDACTED);
      assert.equal(c.original_deleted_at?.getTime(), now.getTime());
    } else {
      assert.equal(c.original_text, ORIGINAL);
      assert.equal(c.original_deleted_at, null);
    }
  }

  // ... and so are the same words where they were typed.
  for (const [responseId, due] of typedIn) {
    const words = due ? REDACTED : ORIGINAL;
    const { anything_else } = await t.owner.selectFrom('response').select('anything_else').where('id', '=', responseId).executeTakeFirstOrThrow();
    assert.equal(anything_else, words);
    const answers = await t.owner.selectFrom('answer').select('value').where('response_id', '=', responseId).execute();
    assert.deepEqual(answers.map((a: { value: { text?: string; comment?: string } }) => a.value.text ?? a.value.comment).sort(), [words, words]);
  }

  // Recorded once per area and kind with what it removed; nothing recorded for nothing removed.
  const runs = await runsOf();
  const recorded = new Map<string, number>();
  for (const r of runs) {
    assert.ok(r.removed > 0, 'a run that removed nothing records nothing');
    recorded.set(`${r.area_id}/${r.kind}`, (recorded.get(`${r.area_id}/${r.kind}`) ?? 0) + r.removed);
    const cutoff = r.area_id === east.id ? eastCutoff(r.kind) : westCutoff(r.kind);
    assert.equal(new Date(r.cutoff).getTime(), cutoff.getTime(), `${r.kind} cutoff`);
  }
  assert.deepEqual(Object.fromEntries([...recorded].sort()), Object.fromEntries([...expectedRemoved].sort()));

  // And again: nothing more is due, nothing more is recorded.
  assert.equal(await applyRetention(t.db, now), 0);
  assert.equal((await runsOf()).length, runs.length);
});

test('the schedule page shows what the job removed, counts only', async () => {
  const admin = await signedIn('admin@eastdale.example');
  const page = await admin.get(PAGE);
  const schedule = readPage(page.body);
  assert.doesNotMatch(schedule.text(), /Nothing has been deleted yet/);
  const lines = schedule.tableRows('What has been deleted').map((row) => row.join(' '));
  assert.equal(lines.length, RETENTION_KINDS.length);
  assert.ok(lines.some((l) => /^.+ Sign-ups for activities Older than .+ 4$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^.+ Original words Older than .+ 4$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^.+ Sign-in records Older than .+ 2$/.test(l)), lines.join('\n'));
  // Bytes, not the page: what was deleted is not sent at all.
  assert.doesNotMatch(page.body, /Sam Smith|sam@example\.com|Words of a disclosure/);
  // West Fell's admin sees West Fell's runs only.
  const westAdmin = await signedIn('admin@westfell.example');
  const westPage = await westAdmin.get('/a/west-fell/manage/privacy/retention');
  assert.equal(westPage.statusCode, 200);
  const westRuns = readPage(westPage.body).tableRows('What has been deleted');
  assert.ok(westRuns.some(([, what]) => /^Sign-ups for activities Older than/.test(what ?? '')), JSON.stringify(westRuns));
});

test('after the original words are deleted, the contribution pages still work and can never show them', async () => {
  const dueContribution = await t.owner.selectFrom('contribution').select(['id', 'activity_id']).where('area_id', '=', east.id).where('id', 'in', [...rows.contribution.due]).where('safeguarding_hold', '=', false).executeTakeFirstOrThrow();
  const redactions = await t.owner.selectFrom('redaction').select(['id', 'start_offset', 'end_offset', 'kind', 'undone_at']).where('contribution_id', '=', dueContribution.id).orderBy('start_offset').execute();
  // Every redaction now points into the redacted copy: at its placeholder, or at its put-back words.
  const active = redactions.filter((r) => !r.undone_at).map((r) => ({ start: r.start_offset, end: r.end_offset, kind: r.kind as RedactionKind }));
  assert.equal(applySpans(REDACTED, active), REDACTED);
  const undone = redactions.find((r) => r.undone_at)!;
  assert.equal(REDACTED.slice(undone.start_offset, undone.end_offset), 'today');
  assert.deepEqual(active.map((s) => REDACTED.slice(s.start, s.end)), ['[name]', '[name]', '[phone number]', '[email]']);

  const lead = await signedIn('lead@eastdale.example');
  const url = `/a/east-dale/activities/${dueContribution.activity_id}/contributions/${dueContribution.id}`;
  const page = await lead.get(url);
  assert.equal(page.statusCode, 200);
  const original = await lead.post(`${url}/original`);
  assert.equal(original.statusCode, 200);
  const undo = await lead.post(`${url}/redactions/${redactions.find((r) => r.kind === 'phone')!.id}/undo`);
  assert.ok(undo.statusCode < 500, `undo answered ${undo.statusCode}`);
  // Bytes, not the page: deleted words cannot be sent in any form.
  for (const body of [page.body, original.body, (await lead.get(url)).body]) assert.doesNotMatch(body, /\bSam\b|Smith|07700|sam@example/);
  const after = await t.owner.selectFrom('contribution').select(['original_text', 'redacted_text']).where('id', '=', dueContribution.id).executeTakeFirstOrThrow();
  assert.equal(after.redacted_text, REDACTED, 'undoing a redaction cannot bring back a deleted word');
});

// ── The privacy notice ────────────────────────────────────────────────────────────────────────────

test('the privacy notice shows the area\'s own periods in plain words, else Chorus\' defaults, in English and Welsh', async () => {
  const visitor = new Client(app);
  const eastNotice = await visitor.get('/a/east-dale/test-privacy-notice');
  assert.equal(eastNotice.statusCode, 200);
  const eastWords = readPage(eastNotice.body).section('How long we keep your information');
  for (const words of [
    /^How long East Dale SEND Partnership keeps each kind of information\./,
    /your email address or mobile number\. We delete it 6 months after you answer\./,
    /We delete them 3 months after the activity\./,
    /we delete them 30 days after you last changed them\./,
    /we keep it 12 months after you answer/,
    /we delete them 7 days after they were last used\./,
    /we delete each entry 3 years after it was written\./,
    /we delete our record 2 years after the concern was closed\./,
  ]) assert.match(eastWords, words);
  const westWords = readPage((await visitor.get('/a/west-fell/test-privacy-notice')).body).section('How long we keep your information');
  assert.match(westWords, /We delete it 12 months after you answer\./);
  assert.match(westWords, /we delete our record 6 years after the concern was closed\./);
  const welsh = readPage((await visitor.get('/a/east-dale/test-privacy-notice?lang=cy')).body);
  const welshPeriod = welsh.getByText(/Rydyn ni'n ei ddileu 6 mis ar ôl i chi ateb\./);
  assert.equal(welshPeriod.closest('[lang]')?.getAttribute('lang'), 'cy', 'marked as Welsh inside the English notice');
  assert.ok(welsh.getByText(/2 flynedd ar ôl i'r pryder gael ei gau/));
  // With no area (the installation's own notice): Chorus' defaults.
  const defaults = await privacyNoticeSchedule(t.db, undefined);
  assert.deepEqual(defaults.periods.map((p) => [p.kind, p.period]), RETENTION_SCHEDULE.map((r) => [r.kind, r.defaultPeriod]));
  assert.equal(defaults.areaSet, false);
  assert.equal((await privacyNoticeSchedule(t.db, east.id)).areaSet, true);
  // The real route renders (it shows the schedule once it passes `retention`).
  const real = await new Client(app).get('/a/east-dale/privacy');
  assert.equal(real.statusCode, 200);
  assert.ok(readPage(real.body).getByRole('heading', { level: 2, name: 'How long we keep your information' }));
});

// ── The audit log's own protection ────────────────────────────────────────────────────────────────

test('the app cannot delete audit entries itself; the purge function works only in its own area and never on recent entries', async () => {
  await assert.rejects(withArea(t.db, east.id, (tx) => sql`delete from audit_event`.execute(tx)), /permission denied/);
  const old = new Date(Date.now() - 5 * 365 * 86_400_000);
  await assert.rejects(withArea(t.db, east.id, (tx) => sql`select purge_audit_events(${west.id}::uuid, ${old}::timestamptz)`.execute(tx)), /only the area of this transaction/);
  await assert.rejects(withArea(t.db, east.id, (tx) => sql`select purge_audit_events(${east.id}::uuid, ${new Date(Date.now() - 365 * 86_400_000)}::timestamptz)`.execute(tx)), /kept at least two years/);
  await assert.rejects(sql`select purge_audit_events(${east.id}::uuid, ${old}::timestamptz)`.execute(t.db), /only the area of this transaction/, 'no area set: nothing');
});

// ── The pure parts ────────────────────────────────────────────────────────────────────────────────

test('periods are counted on the calendar, in UTC, with month ends kept inside the month', () => {
  assert.equal(cutoffFor(new Date('2027-06-15T12:00:00Z'), 12, 'months').toISOString(), '2026-06-15T12:00:00.000Z');
  assert.equal(cutoffFor(new Date('2027-08-31T03:45:00Z'), 6, 'months').toISOString(), '2027-02-28T03:45:00.000Z');
  assert.equal(cutoffFor(new Date('2028-08-31T03:45:00Z'), 6, 'months').toISOString(), '2028-02-29T03:45:00.000Z');
  assert.equal(cutoffFor(new Date('2028-02-29T03:45:00Z'), 1, 'years').toISOString(), '2027-02-28T03:45:00.000Z');
  assert.equal(cutoffFor(new Date('2027-01-31T00:00:00Z'), 1, 'months').toISOString(), '2026-12-31T00:00:00.000Z');
  assert.equal(cutoffFor(new Date('2027-03-01T00:00:00Z'), 90, 'days').toISOString(), '2026-12-01T00:00:00.000Z');
  assert.equal(cutoffFor(new Date('2027-03-01T00:00:00Z'), 25, 'years').toISOString(), '2002-03-01T00:00:00.000Z');
});

test('the schedule data: every default within its limits, every limit storable, what was typed read back exactly', () => {
  assert.deepEqual(RETENTION_SCHEDULE.map((r) => r.kind), [...RETENTION_KINDS]);
  for (const rule of RETENTION_SCHEDULE) {
    assert.ok(rule.min <= rule.defaultPeriod && rule.defaultPeriod <= rule.max, rule.kind);
    assert.ok(rule.reason.length > 20 && rule.source.citation.length > 10, `${rule.kind} says why and where from`);
    for (let n = rule.min; n <= rule.max; n += 1) {
      const days = periodToDays(n, rule.unit);
      // retention_setting.period_days is CHECKed to 1..9200.
      assert.ok(days >= 1 && days <= 9200, `${rule.kind} ${n} ${rule.unit} = ${days} days`);
      assert.equal(periodFromDays(days, rule), n, `${rule.kind} ${n} ${rule.unit}`);
    }
    // A stored period outside today's limits is held to them.
    assert.equal(periodFromDays(1, rule), rule.min);
    assert.equal(periodFromDays(9200, rule), rule.max);
  }
});

/** Applies the moves and checks what the job relies on: the copy is unchanged by its redactions, and put-back words are found again. */
function checkMoved(original: string, spans: Array<Span & { undone?: boolean }>) {
  const redacted = applySpans(original, spans.filter((s) => !s.undone));
  const stored = spans.map((s, i) => ({ id: String(i), start: s.start, end: s.end, kind: s.kind, undone: Boolean(s.undone) }));
  const moves = new Map(movedRedactions(original, redacted, stored).map((m) => [m.id, m]));
  const after = stored.map((s) => ({ ...s, ...(moves.get(s.id) ?? {}) }));
  assert.equal(applySpans(redacted, after.filter((s) => !s.undone).map((s) => ({ ...s, kind: s.kind as RedactionKind }))), redacted, original);
  for (const [i, s] of after.entries()) {
    assert.ok(s.end > s.start && s.end <= redacted.length, `span ${i} inside the copy`);
    const overlapsActive = spans.some((o) => !o.undone && o.start < spans[i]!.end && spans[i]!.start < o.end && o !== spans[i]);
    if (s.undone && !overlapsActive) assert.equal(redacted.slice(s.start, s.end), original.slice(spans[i]!.start, spans[i]!.end));
  }
  return { redacted, after };
}

test('moving redactions onto the redacted copy: merged neighbours, overlaps, addresses, put-back words', () => {
  const text = 'Sam Smith from Oak Lane School, 12 High Street, Leeds, LS1 4AB rang 07700 900123 on Monday.';
  const where = (words: string) => at(text, words);
  // Same-kind neighbours across a space become one placeholder; both point at it.
  const { redacted, after } = checkMoved(text, [
    { ...where('Sam'), kind: 'name' },
    { ...where('Smith'), kind: 'name' },
    { ...where('Oak Lane School'), kind: 'school' },
    { ...where('12 High Street'), kind: 'address' },
    { ...where('Leeds'), kind: 'address' },
    { ...where('LS1 4AB'), kind: 'postcode' },
    { ...where('07700 900123'), kind: 'phone' },
    { ...where('Monday'), kind: 'other', undone: true },
  ]);
  assert.equal(redacted, '[name] from [school], [address], [postcode] rang [phone number] on Monday.');
  assert.deepEqual(after.slice(0, 2).map((s) => redacted.slice(s.start, s.end)), ['[name]', '[name]']);
  assert.deepEqual(after.slice(3, 5).map((s) => redacted.slice(s.start, s.end)), ['[address]', '[address]']);
  // Overlapping spans of different kinds, and a put-back word partly inside a removed one.
  const mail = 'Email jo.bloggs@nhs.net or ring 0113 496 0000 now';
  const phone = at(mail, '0113 496 0000');
  checkMoved(mail, [
    { ...at(mail, 'jo.bloggs@nhs.net'), kind: 'email' },
    { ...at(mail, 'jo.bloggs'), kind: 'name' },
    { ...phone, kind: 'phone' },
    { start: phone.start + 9, end: mail.length, kind: 'other', undone: true },
  ]);
  // Touching spans, a span at the very start and one at the very end.
  checkMoved('SamJones12345', [
    { start: 0, end: 3, kind: 'name' },
    { start: 3, end: 8, kind: 'name' },
    { start: 8, end: 13, kind: 'other' },
  ]);
  // Nothing active: nothing moves.
  assert.deepEqual(movedRedactions('All words kept', 'All words kept', [{ id: 'a', start: 4, end: 9, kind: 'name', undone: true }]), []);
  // A copy that does not match its redactions (never expected): left alone rather than guessed.
  assert.deepEqual(movedRedactions('Sam said hi', 'something else', [{ id: 'a', start: 0, end: 3, kind: 'name', undone: false }]), []);
});
