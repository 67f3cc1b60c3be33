/**
 * The weekly overdue digest: one email per person listing only their own overdue activities, leads
 * for activities nobody can own, disabled and departed accounts skipped, nothing when nothing is
 * overdue, never another area's activities, and never twice in one week.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import type { Role } from '../../lib/authorisation.ts';
import { testActivity } from '../../testing/activities.ts';
import { createTestDb, type TestDb } from '../../testing/harness.ts';
import { addMember, createAccount } from '../accounts/members.service.ts';
import { createActivity } from '../activities/activities.service.ts';
import { createArea } from '../areas/areas.service.ts';
import type { NotifierFor, OutgoingMessage } from '../notifications/notifications.service.ts';
import { isoWeek, OverdueDigestError, sendOverdueDigests } from './overdue.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-06-03T07:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const BASE = 'https://chorus.example';
const SECRET_VIEW = 'My son Alfie hates the bus';

let t: TestDb;
after(() => t?.drop());

type Sent = OutgoingMessage & { areaId: string };

/** A Notifier (our own interface, not a network edge) that keeps what it was given. */
function recorder(options: { failFor?: string } = {}): { notifierFor: NotifierFor; sent: Sent[] } {
  const sent: Sent[] = [];
  const notifierFor: NotifierFor = async (areaId) => ({
    async send(message) {
      if (message.recipient === options.failFor) throw new Error('transport down');
      sent.push({ ...message, areaId });
      return { transport: 'test', reference: null };
    },
  });
  return { notifierFor, sent };
}

async function person(db: Db, areaId: string | null, email: string, role: Role | null, options: { disabled?: boolean } = {}): Promise<string> {
  const id = await createAccount(db, { email, displayName: email.split('@')[0]!, password: 'a-long-test-password-123' });
  if (areaId && role) await addMember(db, areaId, id, role, null);
  if (options.disabled) await db.updateTable('account').set({ disabled_at: new Date() }).where('id', '=', id).execute();
  return id;
}

async function activity(db: Db, areaId: string, title: string, createdBy: string | null, status: 'open' | 'closed' | 'feedback_given', closedDaysAgo: number | null): Promise<string> {
  const created = await createActivity(db, areaId, null, testActivity({ title }));
  await withArea(db, areaId, (tx) =>
    tx.updateTable('activity').set({ status, created_by: createdBy, closed_at: closedDaysAgo === null ? null : daysAgo(closedDaysAgo) }).where('id', '=', created.id).execute(),
  );
  return created.id;
}

let owl: { id: string; ids: Record<string, string> };
let fox: { id: string; activityId: string };

before(async () => {
  t = await createTestDb();
  const db = t.db;
  const owlArea = await createArea(db, { slug: 'owl', name: 'Owl Partnership', contactEmail: 'owl@example.com' });
  const ownerA = await person(db, owlArea.id, 'owner-a@owl.example', 'practitioner');
  const ownerB = await person(db, owlArea.id, 'owner-b@owl.example', 'participation_lead');
  await person(db, owlArea.id, 'lead-1@owl.example', 'participation_lead');
  await person(db, owlArea.id, 'lead-2@owl.example', 'participation_lead', { disabled: true });
  const disabledOwner = await person(db, owlArea.id, 'disabled@owl.example', 'practitioner', { disabled: true });
  const leaver = await person(db, null, 'leaver@elsewhere.example', null);
  const parent = await person(db, owlArea.id, 'parent@owl.example', 'parent_carer');
  const ids = {
    o1: await activity(db, owlArea.id, 'Owl O1 short breaks', ownerA, 'closed', 100),
    o2: await activity(db, owlArea.id, 'Owl O2 transport', ownerA, 'closed', 90),
    o3: await activity(db, owlArea.id, 'Owl O3 respite', ownerB, 'closed', 200),
    o4: await activity(db, owlArea.id, 'Owl O4 answered', ownerA, 'closed', 100),
    o5: await activity(db, owlArea.id, 'Owl O5 not due yet', ownerA, 'closed', 30),
    o6: await activity(db, owlArea.id, 'Owl O6 nobody owns it', null, 'closed', 120),
    o7: await activity(db, owlArea.id, 'Owl O7 owner disabled', disabledOwner, 'closed', 95),
    o8: await activity(db, owlArea.id, 'Owl O8 owner left', leaver, 'closed', 110),
    o9: await activity(db, owlArea.id, 'Owl O9 feedback given', ownerA, 'feedback_given', 300),
    o10: await activity(db, owlArea.id, 'Owl O10 owned by a parent', parent, 'closed', 150),
  };
  await withArea(db, owlArea.id, async (tx) => {
    // O1's view stays unthemed; O4's is in a theme with a published response.
    const [, c4] = await tx
      .insertInto('contribution')
      .values([ids.o1, ids.o4].map((activityId) => ({ area_id: owlArea.id, activity_id: activityId, source: 'free_text' as const, original_text: SECRET_VIEW, redacted_text: SECRET_VIEW })))
      .returning('id')
      .execute();
    const theme = await tx.insertInto('theme').values({ area_id: owlArea.id, title: 'Buses' }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('theme_contribution').values({ area_id: owlArea.id, theme_id: theme.id, contribution_id: c4!.id }).execute();
    await tx
      .insertInto('theme_response')
      .values({ area_id: owlArea.id, theme_id: theme.id, evidence_links: [], stage: 'published', first_published_at: daysAgo(10), published_at: daysAgo(10), published_content: '{}' })
      .execute();
  });
  owl = { id: owlArea.id, ids };

  const foxArea = await createArea(db, { slug: 'fox', name: 'Fox Partnership', contactEmail: 'fox@example.com' });
  const foxOwner = await person(db, foxArea.id, 'owner@fox.example', 'participation_lead');
  fox = { id: foxArea.id, activityId: await activity(db, foxArea.id, 'Fox secret consultation', foxOwner, 'closed', 365) };

  // An area where nothing is overdue: its lead hears nothing.
  const calm = await createArea(db, { slug: 'calm', name: 'Calm Partnership', contactEmail: 'calm@example.com' });
  const calmLead = await person(db, calm.id, 'lead@calm.example', 'participation_lead');
  await activity(db, calm.id, 'Calm recent', calmLead, 'closed', 20);
  await activity(db, calm.id, 'Calm open', calmLead, 'open', null);
});

const titlesIn = (body: string) => [...body.matchAll(/^((?:Owl|Fox|Calm) [^:]+):/gm)].map((m) => m[1]!);

test('each person gets one email listing only their overdue activities; leads get the ones nobody can own', async () => {
  const { notifierFor, sent } = recorder();
  const count = await sendOverdueDigests(t.db, notifierFor, { baseUrl: `${BASE}/`, now: NOW });
  assert.equal(count, 4);
  assert.equal(sent.length, 4);
  const to = (email: string) => sent.filter((m) => m.recipient === email);
  for (const m of sent) assert.equal(to(m.recipient).length, 1, `${m.recipient} got one email`);

  // Most overdue first.
  assert.deepEqual(titlesIn(to('owner-a@owl.example')[0]!.body), ['Owl O1 short breaks', 'Owl O2 transport']);
  // owner-b owns O3 and is also a lead: one email with both.
  assert.deepEqual(titlesIn(to('owner-b@owl.example')[0]!.body), ['Owl O3 respite', 'Owl O10 owned by a parent', 'Owl O6 nobody owns it', 'Owl O8 owner left', 'Owl O7 owner disabled']);
  assert.deepEqual(titlesIn(to('lead-1@owl.example')[0]!.body), ['Owl O10 owned by a parent', 'Owl O6 nobody owns it', 'Owl O8 owner left', 'Owl O7 owner disabled']);
  assert.deepEqual(titlesIn(to('owner@fox.example')[0]!.body), ['Fox secret consultation']);
  for (const skipped of ['disabled@owl.example', 'lead-2@owl.example', 'leaver@elsewhere.example', 'parent@owl.example', 'lead@calm.example']) {
    assert.equal(to(skipped).length, 0, `${skipped} gets nothing`);
  }

  const a = to('owner-a@owl.example')[0]!;
  assert.equal(a.channel, 'email');
  assert.equal(a.areaId, owl.id);
  assert.equal(a.areaSlug, 'owl');
  assert.equal(a.subject, '2 activities are overdue for feedback in Owl Partnership');
  assert.match(a.body, /^Hello owner-a,/);
  assert.match(a.body, /Owl O1 short breaks: closed on 23 February 2026, 16 days overdue/);
  assert.ok(a.body.includes(`${BASE}/a/owl/manage/themes?activity=${owl.ids.o1}`));
  assert.ok(a.body.includes(`${BASE}/a/owl/activities/${owl.ids.o1}/contributions`));
  assert.ok(a.body.includes(`${BASE}/a/owl/manage/feedback`));
  assert.equal(to('owner@fox.example')[0]!.subject, '1 activity is overdue for feedback in Fox Partnership');
  for (const m of sent) {
    assert.ok(!m.body.includes(SECRET_VIEW), 'no contribution text');
    if (m.areaId === owl.id) assert.ok(!m.body.includes('Fox') && !m.body.includes(fox.activityId), 'nothing from another area');
    else assert.ok(!m.body.includes('Owl'), 'nothing from another area');
  }
});

test('called again in the same week, nobody is emailed twice; the next week they are reminded', async () => {
  const again = recorder();
  assert.equal(await sendOverdueDigests(t.db, again.notifierFor, { baseUrl: BASE, now: new Date(NOW.getTime() + 2 * DAY) }), 0);
  assert.equal(again.sent.length, 0);
  // Two instances at once in the next week: the advisory lock and the audit record let one send.
  const nextWeek = new Date(NOW.getTime() + 7 * DAY);
  const [first, second] = [recorder(), recorder()];
  const counts = await Promise.all([
    sendOverdueDigests(t.db, first.notifierFor, { baseUrl: BASE, now: nextWeek }),
    sendOverdueDigests(t.db, second.notifierFor, { baseUrl: BASE, now: nextWeek }),
  ]);
  assert.equal(counts[0]! + counts[1]!, 4);
  assert.equal(first.sent.length + second.sent.length, 4);
  const audit = await withArea(t.db, owl.id, (tx) => tx.selectFrom('audit_event').select(['detail', 'actor_account_id']).where('action', '=', 'feedback.overdue_emailed').execute());
  assert.equal(audit.length, 2);
  assert.deepEqual(audit.map((a) => (a.detail as { week: string }).week).sort(), [isoWeek(NOW), isoWeek(nextWeek)]);
  assert.ok(audit.every((a) => a.actor_account_id === null && !JSON.stringify(a.detail).includes('@')), 'the audit record holds counts, no addresses');
});

test('no email when nothing is overdue', async () => {
  const early = recorder();
  // A year earlier none of these activities had even closed.
  const count = await sendOverdueDigests(t.db, early.notifierFor, { baseUrl: BASE, now: new Date('2025-06-01T09:00:00Z') });
  assert.equal(count, 0);
  assert.equal(early.sent.length, 0);
});

test('an email that fails does not stop the others, and the run ends with an error', async () => {
  const flaky = recorder({ failFor: 'owner-a@owl.example' });
  const later = new Date(NOW.getTime() + 21 * DAY);
  await assert.rejects(sendOverdueDigests(t.db, flaky.notifierFor, { baseUrl: BASE, now: later }), (error: unknown) => {
    assert.ok(error instanceof OverdueDigestError);
    assert.ok(!String((error as Error).message).includes('@'), 'no address in the error');
    return true;
  });
  assert.deepEqual(flaky.sent.map((m) => m.recipient).sort(), ['lead-1@owl.example', 'owner-b@owl.example', 'owner@fox.example']);
});

test('isoWeek: ISO 8601 weeks, including the ones that straddle a new year', () => {
  assert.equal(isoWeek(new Date('2026-06-03T07:00:00Z')), '2026-W23');
  assert.equal(isoWeek(new Date('2027-01-01T12:00:00Z')), '2026-W53');
  assert.equal(isoWeek(new Date('2024-12-30T12:00:00Z')), '2025-W01');
  assert.equal(isoWeek(new Date('2026-06-07T23:59:59Z')), '2026-W23');
  assert.equal(isoWeek(new Date('2026-06-08T00:00:00Z')), '2026-W24');
});
