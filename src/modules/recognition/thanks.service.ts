/**
 * Recognition (issue 17 §2), part C: who came, thanks, "nobody is forgotten", name consent,
 * certificates and a person's "record of what I did".
 *
 * - Who came: a lead ticks an activity's sign-ups; one attendance row per person and activity.
 * - Thanks: one easy-read message to everyone who took part and was not yet thanked; one thanks row
 *   per person and activity (a retry or double click adds nothing). It reaches them by email when we
 *   hold an address (accounts with one, sign-ups that gave one), on their own page when they are a
 *   young person with an account, and otherwise "through their supporter": the lead's page names
 *   those people so the lead can pass it on. Nothing else is promised.
 * - Overdue: an ended activity (ends_at, or starts_at) with someone not thanked more than the area's
 *   deadline (`thanksDueDays`) after it ended.
 * - Name consent: a person (or their parent carer, for a younger child) agreed that a name they chose
 *   may be printed on a certificate. A certificate needs current consent; withdrawing it stops new
 *   certificates and stops serving existing ones.
 * - Who sees a person: staff with recognition.manage; a practitioner only for people who took part in
 *   (came to, gave time to, or were thanked for) one of their own organisation's activities. Everyone
 *   else: 404. A young person (and a parent carer under `parentsMaySee`) sees their own through
 *   `actingFor`.
 *
 * Every function takes (db, areaId, actorId | null, plain input), so the demo seed can call them.
 */
import { sql } from 'kysely';
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { getActivity, type Activity } from '../activities/activities.service.ts';
import { actingFor, type YoungPerson } from '../accounts/index.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { rewardsFor, type Reward } from './rewards.service.ts';
import { parsePersonKey, participantsOf, personColumns, personKey, thanksDueDays, type Participant, type PersonRef } from './core.ts';

export const DEFAULT_THANKS = 'Thank you for taking part. Your ideas help make things better.';
export const MESSAGE_MAX = 600;
export const NAME_MAX = 60;
export const TITLE_MAX = 120;
export const WHAT_MAX = 600;
const DAY = 86_400_000;

export class NoNameConsentError extends Error {}
export class StaleSettingsError extends Error {}

/** The activity, if this person may manage recognition for it (a practitioner: their organisation's only). */
export async function authorisedActivity(db: Db, actor: Actor | null, areaId: string, activityId: string): Promise<Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, 'recognition.manage', { areaId, organisationId: activity.organisationId })) throw new ForbiddenError('recognition.manage');
  return activity;
}

// ── Who came ─────────────────────────────────────────────────────────────────────────────────

export type AttendanceCandidate = { key: string; person: PersonRef; name: string; people: number; came: boolean };

/** The activity's sign-ups (an account's sign-up counts as that account) and whether each came. Two queries. */
export async function attendanceOf(db: Db, areaId: string, activityId: string): Promise<AttendanceCandidate[]> {
  return withArea(db, areaId, async (tx) => {
    const [signups, came] = await Promise.all([
      tx.selectFrom('activity_signup').select(['id', 'account_id', 'name', 'people']).where('area_id', '=', areaId).where('activity_id', '=', activityId).where('cancelled_at', 'is', null).orderBy('name').orderBy('id').execute(),
      tx.selectFrom('attendance').select('person_key').where('area_id', '=', areaId).where('activity_id', '=', activityId).execute(),
    ]);
    const cameKeys = new Set(came.map((r) => r.person_key));
    const seen = new Set<string>();
    const out: AttendanceCandidate[] = [];
    for (const s of signups) {
      const person: PersonRef = s.account_id ? { accountId: s.account_id } : { signupId: s.id };
      const key = personKey(person);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, person, name: s.name, people: s.people, came: cameKeys.has(key) });
    }
    return out;
  });
}

/** Marks these people as having come (once each; marking again adds nothing). Returns how many were new. */
export async function recordAttendance(db: Db, areaId: string, actorId: string | null, activityId: string, people: readonly PersonRef[]): Promise<number> {
  if (people.length === 0) return 0;
  return withArea(db, areaId, async (tx) => {
    const rows = await tx
      .insertInto('attendance')
      .values(people.map((p) => ({ area_id: areaId, activity_id: activityId, ...personColumns(p), recorded_by: actorId })))
      .onConflict((oc) => oc.columns(['activity_id', 'person_key']).doNothing())
      .returning('id')
      .execute();
    if (rows.length) await audit(tx, areaId, actorId, 'recognition.attendance.recorded', { type: 'activity', id: activityId, detail: { added: rows.length } });
    return rows.length;
  });
}

/** Saves the lead's ticks: ticked sign-ups came; unticked ones that were marked are unmarked. */
export async function saveAttendance(db: Db, areaId: string, actorId: string, activityId: string, tickedKeys: readonly string[]): Promise<void> {
  const candidates = await attendanceOf(db, areaId, activityId);
  const ticked = new Set(tickedKeys);
  await recordAttendance(db, areaId, actorId, activityId, candidates.filter((c) => ticked.has(c.key)).map((c) => c.person));
  const unmark = candidates.filter((c) => c.came && !ticked.has(c.key)).map((c) => c.key);
  if (unmark.length) {
    await withArea(db, areaId, async (tx) => {
      await tx.deleteFrom('attendance').where('area_id', '=', areaId).where('activity_id', '=', activityId).where('person_key', 'in', unmark).execute();
      await audit(tx, areaId, actorId, 'recognition.attendance.unmarked', { type: 'activity', id: activityId, detail: { removed: unmark.length } });
    });
  }
}

// ── Thanks ───────────────────────────────────────────────────────────────────────────────────

export type Reach = 'email' | 'page' | 'supporter';
export type ThanksRow = Participant & { reach: Reach; thankedAt: Date | null; thankedBy: Reach | null };

type Contact = { email: string | null; young: boolean };

/** How each person can be reached: an email address, their own page (a young person's account), or neither. Two queries. */
async function contactsOf(tx: AreaTx, areaId: string, people: readonly Participant[]): Promise<Map<string, Contact>> {
  const accountIds = [...new Set(people.flatMap((p) => ('accountId' in p.person ? [p.person.accountId] : [])))];
  const signupIds = [...new Set(people.flatMap((p) => ('signupId' in p.person ? [p.person.signupId] : [])))];
  const [accounts, signups] = await Promise.all([
    accountIds.length
      ? tx.selectFrom('account as a').leftJoin('young_person as y', (j) => j.onRef('y.account_id', '=', 'a.id').on('y.area_id', '=', areaId)).select(['a.id', 'a.email', 'y.id as young_id']).where('a.id', 'in', accountIds).where('a.disabled_at', 'is', null).execute()
      : Promise.resolve([]),
    signupIds.length ? tx.selectFrom('activity_signup').select(['id', 'email']).where('area_id', '=', areaId).where('id', 'in', signupIds).execute() : Promise.resolve([]),
  ]);
  const out = new Map<string, Contact>();
  for (const a of accounts) out.set(`a:${a.id}`, { email: a.email || null, young: a.young_id !== null });
  for (const s of signups) out.set(`s:${s.id}`, { email: s.email || null, young: false });
  return out;
}

const reachOf = (contact: Contact | undefined): Reach => (contact?.email ? 'email' : contact?.young ? 'page' : 'supporter');

/** Everyone who took part, whether they were thanked, and how a thank-you would reach them. Four queries. */
export async function thanksOf(db: Db, areaId: string, activityId: string): Promise<ThanksRow[]> {
  return withArea(db, areaId, async (tx) => {
    const people = await participantsOf(tx, areaId, [activityId]);
    const [contacts, thanked] = await Promise.all([
      contactsOf(tx, areaId, people),
      tx.selectFrom('thanks').select(['person_key', 'sent_at', 'channel']).where('area_id', '=', areaId).where('activity_id', '=', activityId).execute(),
    ]);
    const byKey = new Map(thanked.map((t) => [t.person_key, t]));
    return people.map((p) => {
      const t = byKey.get(p.key);
      return { ...p, reach: reachOf(contacts.get(p.key)), thankedAt: t?.sent_at ?? null, thankedBy: (t?.channel as Reach | undefined) ?? null };
    });
  });
}

export type SendResult = { sent: number; byEmail: number; onPage: number; throughSupporter: string[] };

/**
 * Thanks everyone who took part and was not yet thanked (or only the keys given, if they were not
 * yet thanked): one row each, once. Emails are queued in the same transaction as the rows, so a
 * retry or a double click neither adds a row nor sends a second email.
 */
export async function sendThanks(db: Db, areaId: string, actorId: string | null, activityId: string, input: { message: string; symbol?: string | null; personKeys?: readonly string[]; areaName?: string; activityTitle?: string; pageUrl?: string }): Promise<SendResult> {
  return withArea(db, areaId, async (tx) => {
    const people = await participantsOf(tx, areaId, [activityId]);
    const already = new Set((await tx.selectFrom('thanks').select('person_key').where('area_id', '=', areaId).where('activity_id', '=', activityId).execute()).map((r) => r.person_key));
    const only = input.personKeys ? new Set(input.personKeys) : null;
    const to = people.filter((p) => !already.has(p.key) && (!only || only.has(p.key)));
    const result: SendResult = { sent: 0, byEmail: 0, onPage: 0, throughSupporter: [] };
    if (to.length === 0) return result;
    const contacts = await contactsOf(tx, areaId, to);
    const inserted = await tx
      .insertInto('thanks')
      .values(to.map((p) => ({ area_id: areaId, activity_id: activityId, ...personColumns(p.person), message: input.message, symbol: input.symbol ?? null, channel: reachOf(contacts.get(p.key)), sent_by: actorId })))
      .onConflict((oc) => oc.columns(['activity_id', 'person_key']).doNothing())
      .returning(['person_key', 'channel'])
      .execute();
    const names = new Map(to.map((p) => [p.key, p.displayName]));
    for (const row of inserted) {
      result.sent += 1;
      const contact = contacts.get(row.person_key);
      if (row.channel === 'email' && contact?.email) {
        result.byEmail += 1;
        await queueMessage(tx, areaId, {
          purpose: 'thanks',
          channel: 'email',
          recipient: contact.email,
          subject: input.areaName ? `Thank you from ${input.areaName}` : 'Thank you',
          body: [input.activityTitle ? `${input.activityTitle}` : '', input.message, input.pageUrl && contact.young ? `You can see your thanks here: ${input.pageUrl}` : ''].filter(Boolean).join('\n\n'),
        });
      } else if (row.channel === 'page') result.onPage += 1;
      else result.throughSupporter.push(names.get(row.person_key) ?? '');
    }
    await audit(tx, areaId, actorId, 'recognition.thanks.sent', { type: 'activity', id: activityId, detail: { sent: result.sent, byEmail: result.byEmail } });
    return result;
  });
}

// ── Nobody is forgotten ──────────────────────────────────────────────────────────────────────

export type ActivityThanks = { activityId: string; title: string; organisationId: string | null; createdBy: string | null; endedAt: Date; participants: number; notThanked: number; overdue: boolean; daysOverdue: number; noReward: number };

/**
 * Every ended activity with someone who took part, how many are not yet thanked, and whether that is
 * overdue (ended more than the area's deadline ago), and how many have no reward where one of the
 * area's rules gives one. Five queries, whatever the number of activities or people.
 */
export async function thanksOverviewIn(tx: AreaTx, areaId: string, now: Date): Promise<{ dueDays: number; activities: ActivityThanks[] }> {
  const dueDays = await thanksDueDays(tx, areaId);
  const ended = (
    await sql<{ id: string; title: string; type: string; organisation_id: string | null; created_by: string | null; ended_at: Date }>`
      SELECT id, title, type, organisation_id, created_by, coalesce(ends_at, starts_at) AS ended_at FROM activity
       WHERE area_id = ${areaId} AND coalesce(ends_at, starts_at) < ${now}
       ORDER BY coalesce(ends_at, starts_at) DESC, id`.execute(tx)
  ).rows;
  if (ended.length === 0) return { dueDays, activities: [] };
  const ids = ended.map((a) => a.id);
  const [people, thanked, rules, rewarded] = await Promise.all([
    participantsOf(tx, areaId, ids),
    tx.selectFrom('thanks').select(['activity_id', 'person_key']).where('area_id', '=', areaId).where('activity_id', 'in', ids).execute(),
    tx.selectFrom('reward_rule').select(['earned_by', 'activity_type']).where('area_id', '=', areaId).where('active', '=', true).execute(),
    tx.selectFrom('reward').select(['activity_id', 'person_key']).where('area_id', '=', areaId).where('activity_id', 'in', ids).where('status', '!=', 'declined').execute(),
  ]);
  const rewardedKeys = new Set(rewarded.map((r) => `${r.activity_id}|${r.person_key}`));
  const typeOf = new Map(ended.map((a) => [a.id, a.type]));
  /** Whether one of the area's rules (part B) gives this participant a reward for this activity. */
  const ruleApplies = (p: Participant) => rules.some((r) => (r.activity_type === null || r.activity_type === typeOf.get(p.activityId)) && (r.earned_by === 'attended' ? p.came : p.minutes > 0));
  const thankedKeys = new Set(thanked.map((t) => `${t.activity_id}|${t.person_key}`));
  const counts = new Map<string, { participants: number; notThanked: number; noReward: number }>();
  for (const p of people) {
    const c = counts.get(p.activityId) ?? { participants: 0, notThanked: 0, noReward: 0 };
    c.participants += 1;
    if (!thankedKeys.has(`${p.activityId}|${p.key}`)) c.notThanked += 1;
    if (ruleApplies(p) && !rewardedKeys.has(`${p.activityId}|${p.key}`)) c.noReward += 1;
    counts.set(p.activityId, c);
  }
  const activities: ActivityThanks[] = [];
  for (const a of ended) {
    const c = counts.get(a.id);
    if (!c) continue;
    const due = a.ended_at.getTime() + dueDays * DAY;
    const overdue = c.notThanked > 0 && now.getTime() > due;
    activities.push({ activityId: a.id, title: a.title, organisationId: a.organisation_id, createdBy: a.created_by, endedAt: a.ended_at, participants: c.participants, notThanked: c.notThanked, overdue, daysOverdue: overdue ? Math.floor((now.getTime() - due) / DAY) : 0, noReward: c.noReward });
  }
  return { dueDays, activities };
}

export function thanksOverview(db: Db, areaId: string, now = new Date()): ReturnType<typeof thanksOverviewIn> {
  return withArea(db, areaId, (tx) => thanksOverviewIn(tx, areaId, now));
}

/** For the weekly overdue digest (feedback module): activities whose thanks are overdue, with their owner. */
export async function overdueThanks(tx: AreaTx, areaId: string, now: Date): Promise<ActivityThanks[]> {
  return (await thanksOverviewIn(tx, areaId, now)).activities.filter((a) => a.overdue);
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────

export async function recognitionSettings(db: Db, areaId: string): Promise<{ thanksDueDays: number; version: number }> {
  return withArea(db, areaId, async (tx) => {
    const row = await tx.selectFrom('recognition_setting').select(['thanks_due_days', 'version']).where('area_id', '=', areaId).executeTakeFirst();
    return { thanksDueDays: row?.thanks_due_days ?? 14, version: row?.version ?? 0 };
  });
}

/** Saves the deadline, if nobody saved since `version` was read (0: never saved). */
export async function saveRecognitionSettings(db: Db, areaId: string, actorId: string | null, input: { thanksDueDays: number; version: number }): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const row = await tx.selectFrom('recognition_setting').select('version').where('area_id', '=', areaId).forUpdate().executeTakeFirst();
    if ((row?.version ?? 0) !== input.version) throw new StaleSettingsError();
    if (row) await tx.updateTable('recognition_setting').set({ thanks_due_days: input.thanksDueDays, version: row.version + 1 }).where('area_id', '=', areaId).execute();
    else await tx.insertInto('recognition_setting').values({ area_id: areaId, thanks_due_days: input.thanksDueDays }).execute();
    await audit(tx, areaId, actorId, 'recognition.settings.saved', { type: 'area', id: areaId, detail: { thanksDueDays: input.thanksDueDays } });
  });
}

// ── A person ─────────────────────────────────────────────────────────────────────────────────

export type NameConsent = { id: string; name: string; givenBy: 'self' | 'parent_carer'; consentedAt: Date };
export type PersonRecord = {
  key: string;
  person: PersonRef;
  displayName: string;
  young: boolean;
  consent: NameConsent | null;
  activities: { activityId: string; title: string; organisationId: string | null; on: Date | null; came: boolean; minutes: number }[];
  minutes: number;
  thanks: { activityId: string; title: string; message: string; symbol: string | null; sentAt: Date }[];
  certificates: { id: string; title: string; whatTheyDid: string; minutes: number; issuedAt: Date; shown: boolean }[];
  /** Vouchers and payments (the rewards part's ledger). */
  rewards: Reward[];
};

const personWhere = (person: PersonRef) => personKey(person);

/** Everything the ledger holds for one person in this area, or undefined if the area does not know them. Six queries. */
export async function personRecordIn(tx: AreaTx, areaId: string, person: PersonRef): Promise<PersonRecord | undefined> {
  const key = personWhere(person);
  let displayName: string | undefined;
  let young = false;
  if ('accountId' in person) {
    const row = await tx
      .selectFrom('account as a')
      .leftJoin('young_person as y', (j) => j.onRef('y.account_id', '=', 'a.id').on('y.area_id', '=', areaId))
      .select(['a.display_name', 'y.id as young_id'])
      .where('a.id', '=', person.accountId)
      .where((eb) => eb.or([eb('y.id', 'is not', null), eb.exists(eb.selectFrom('area_membership as m').select('m.account_id').whereRef('m.account_id', '=', 'a.id').where('m.area_id', '=', areaId))]))
      .executeTakeFirst();
    displayName = row?.display_name;
    young = !!row?.young_id;
  } else if ('panelMemberId' in person) {
    displayName = (await tx.selectFrom('panel_member').select('display_name').where('area_id', '=', areaId).where('id', '=', person.panelMemberId).executeTakeFirst())?.display_name;
  } else {
    displayName = (await tx.selectFrom('activity_signup').select('name').where('area_id', '=', areaId).where('id', '=', person.signupId).executeTakeFirst())?.name;
  }
  if (displayName === undefined) return undefined;
  const [took, thanks, consent, certificates, rewards] = await Promise.all([
    sql<{ activity_id: string; title: string; organisation_id: string | null; on: Date | null; came: boolean; minutes: number }>`
      SELECT a.id AS activity_id, a.title, a.organisation_id, coalesce(a.starts_at, a.ends_at) AS on, bool_or(p.came) AS came, sum(p.minutes)::int AS minutes
        FROM (SELECT activity_id, true AS came, 0 AS minutes FROM attendance WHERE area_id = ${areaId} AND person_key = ${key}
              UNION ALL
              SELECT activity_id, false, minutes FROM time_given WHERE area_id = ${areaId} AND coalesce('a:' || account_id::text, 'm:' || panel_member_id::text) = ${key}) p
        JOIN activity a ON a.area_id = ${areaId} AND a.id = p.activity_id
       GROUP BY a.id, a.title, a.organisation_id, a.starts_at, a.ends_at
       ORDER BY coalesce(a.starts_at, a.ends_at) DESC NULLS LAST, a.title`.execute(tx),
    tx.selectFrom('thanks as t').innerJoin('activity as a', (j) => j.onRef('a.id', '=', 't.activity_id').onRef('a.area_id', '=', 't.area_id')).select(['t.activity_id', 'a.title', 't.message', 't.symbol', 't.sent_at']).where('t.area_id', '=', areaId).where('t.person_key', '=', key).orderBy('t.sent_at', 'desc').execute(),
    tx.selectFrom('name_consent').select(['id', 'name', 'given_by', 'consented_at']).where('area_id', '=', areaId).where('person_key', '=', key).where('withdrawn_at', 'is', null).executeTakeFirst(),
    tx.selectFrom('certificate as c').innerJoin('name_consent as n', (j) => j.onRef('n.id', '=', 'c.name_consent_id').onRef('n.area_id', '=', 'c.area_id')).select(['c.id', 'c.title', 'c.what_they_did', 'c.minutes', 'c.issued_at', 'n.withdrawn_at']).where('c.area_id', '=', areaId).where('c.person_key', '=', key).orderBy('c.issued_at', 'desc').execute(),
    rewardsFor(tx, areaId, [key]),
  ]);
  const activities = took.rows.map((r) => ({ activityId: r.activity_id, title: r.title, organisationId: r.organisation_id, on: r.on, came: r.came, minutes: r.minutes }));
  return {
    key,
    person,
    displayName,
    young,
    consent: consent ? { id: consent.id, name: consent.name, givenBy: consent.given_by, consentedAt: consent.consented_at } : null,
    activities,
    minutes: activities.reduce((s, a) => s + a.minutes, 0),
    thanks: thanks.map((t) => ({ activityId: t.activity_id, title: t.title, message: t.message, symbol: t.symbol, sentAt: t.sent_at })),
    certificates: certificates.map((c) => ({ id: c.id, title: c.title, whatTheyDid: c.what_they_did, minutes: c.minutes, issuedAt: c.issued_at, shown: c.withdrawn_at === null })),
    rewards,
  };
}

/**
 * A person's record for a member of staff: a lead sees anyone the area knows; a practitioner only
 * people who took part in or were thanked for one of their own organisation's activities. Anyone else: 404.
 */
export async function personForStaff(db: Db, actor: Actor | null, areaId: string, key: string): Promise<PersonRecord> {
  // A practitioner with no organisation manages nobody's recognition: refused before any lookup.
  if (!can(actor, 'recognition.manage', { areaId }) && !(actor?.organisationsByArea?.get(areaId)?.length)) throw new ForbiddenError('recognition.manage');
  const person = parsePersonKey(key);
  if (!person) throw new NotFoundError('person');
  return withArea(db, areaId, async (tx) => {
    const record = await personRecordIn(tx, areaId, person);
    if (!record) throw new NotFoundError('person');
    const orgs = new Set([...record.activities.map((a) => a.organisationId), ...(await thankedOrganisations(tx, areaId, record.key))]);
    const allowed = [...orgs].some((organisationId) => can(actor, 'recognition.manage', { areaId, organisationId }));
    const lead = can(actor, 'recognition.approve', { areaId });
    if (!allowed && !lead) throw new NotFoundError('person');
    return record;
  });
}

async function thankedOrganisations(tx: AreaTx, areaId: string, key: string): Promise<(string | null)[]> {
  const rows = await tx.selectFrom('thanks as t').innerJoin('activity as a', (j) => j.onRef('a.id', '=', 't.activity_id').onRef('a.area_id', '=', 't.area_id')).select('a.organisation_id').where('t.area_id', '=', areaId).where('t.person_key', '=', key).execute();
  return rows.map((r) => r.organisation_id);
}

/** The young person's own record (or their parent carer's view of it, under the rule); null: 404. */
export async function youngRecord(db: Db, actor: Actor | null, areaId: string, youngPersonId: string): Promise<{ young: YoungPerson; as: 'self' | 'guardian'; record: PersonRecord } | null> {
  return withArea(db, areaId, async (tx) => {
    const acting = await actingFor(tx, areaId, actor, youngPersonId);
    if (!acting) return null;
    const record = await personRecordIn(tx, areaId, { accountId: acting.young.accountId });
    return record ? { ...acting, record } : null;
  });
}

// ── Name consent and certificates ────────────────────────────────────────────────────────────

/** Records consent to print this name (replacing any earlier consent, which is withdrawn). */
export async function recordNameConsent(db: Db, areaId: string, actorId: string | null, person: PersonRef, input: { name: string; givenBy: 'self' | 'parent_carer' }): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await tx.updateTable('name_consent').set({ withdrawn_at: new Date() }).where('area_id', '=', areaId).where('person_key', '=', personKey(person)).where('withdrawn_at', 'is', null).execute();
    const row = await tx.insertInto('name_consent').values({ area_id: areaId, ...personColumns(person), name: input.name, given_by: input.givenBy, recorded_by: actorId }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'recognition.name_consent.recorded', { type: 'name_consent', id: row.id, detail: { givenBy: input.givenBy } });
    return row.id;
  });
}

/** Withdraws consent: no new certificates, and existing ones are no longer served. */
export async function withdrawNameConsent(db: Db, areaId: string, actorId: string | null, person: PersonRef): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const rows = await tx.updateTable('name_consent').set({ withdrawn_at: new Date() }).where('area_id', '=', areaId).where('person_key', '=', personKey(person)).where('withdrawn_at', 'is', null).returning('id').execute();
    for (const r of rows) await audit(tx, areaId, actorId, 'recognition.name_consent.withdrawn', { type: 'name_consent', id: r.id });
  });
}

/** A certificate, only with current name consent (NoNameConsentError otherwise). */
export async function makeCertificate(db: Db, areaId: string, actorId: string | null, person: PersonRef, input: { title: string; whatTheyDid: string; minutes: number; activityId?: string | null }): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const consent = await tx.selectFrom('name_consent').select('id').where('area_id', '=', areaId).where('person_key', '=', personKey(person)).where('withdrawn_at', 'is', null).forUpdate().executeTakeFirst();
    if (!consent) throw new NoNameConsentError();
    const row = await tx
      .insertInto('certificate')
      .values({ area_id: areaId, ...personColumns(person), activity_id: input.activityId ?? null, name_consent_id: consent.id, title: input.title, what_they_did: input.whatTheyDid, minutes: input.minutes, issued_by: actorId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'recognition.certificate.made', { type: 'certificate', id: row.id });
    return row.id;
  });
}

export type CertificateView = { id: string; name: string; title: string; whatTheyDid: string; minutes: number; issuedAt: Date };

/**
 * A certificate for someone allowed to see it: staff who may see the person (personForStaff's rule),
 * the young person themselves, or their parent carer under the rule. Withdrawn consent: nobody.
 * Anyone else: NotFoundError (404, never "forbidden").
 */
export async function certificateFor(db: Db, actor: Actor | null, areaId: string, certificateId: string): Promise<CertificateView> {
  if (!actor || !/^[0-9a-f-]{36}$/.test(certificateId)) throw new NotFoundError('certificate');
  const row = await withArea(db, areaId, (tx) =>
    tx
      .selectFrom('certificate as c')
      .innerJoin('name_consent as n', (j) => j.onRef('n.id', '=', 'c.name_consent_id').onRef('n.area_id', '=', 'c.area_id'))
      .select(['c.id', 'c.person_key', 'c.account_id', 'c.title', 'c.what_they_did', 'c.minutes', 'c.issued_at', 'n.name', 'n.withdrawn_at'])
      .where('c.area_id', '=', areaId)
      .where('c.id', '=', certificateId)
      .executeTakeFirst(),
  );
  if (!row || row.withdrawn_at !== null) throw new NotFoundError('certificate');
  const view = { id: row.id, name: row.name, title: row.title, whatTheyDid: row.what_they_did, minutes: row.minutes, issuedAt: row.issued_at };
  if (row.account_id) {
    const mine = await withArea(db, areaId, async (tx) => {
      const young = await tx.selectFrom('young_person').select('id').where('area_id', '=', areaId).where('account_id', '=', row.account_id!).executeTakeFirst();
      if (young) return (await actingFor(tx, areaId, actor, young.id)) !== null;
      return row.account_id === actor.accountId;
    });
    if (mine) return view;
  }
  if (!can(actor, 'recognition.manage', { areaId, anyOrganisation: true })) throw new NotFoundError('certificate');
  try {
    await personForStaff(db, actor, areaId, row.person_key);
  } catch (error) {
    // Whoever may not see the person does not learn the certificate exists.
    if (error instanceof ForbiddenError) throw new NotFoundError('certificate');
    throw error;
  }
  return view;
}
