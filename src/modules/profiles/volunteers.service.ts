/**
 * Choosing a volunteer or support worker (issue 17 §3). Staff keep volunteers' profiles and record
 * their DBS check date; a young person (or their parent carer, where the rule allows: accounts core
 * actingFor) says what matters to them, sees suggestions ranked by how many wishes match, ONLY
 * active volunteers of their area with a current DBS check, and chooses who to meet; after meeting
 * they say how it went and whether they want to carry on. A match is confirmed only with that said
 * and "yes" (the database's CHECK says so too).
 *
 * Every function takes (db, areaId, actorId or accountId, plain input) so the demo seed can call it.
 */
import type { Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { type Actor } from '../../lib/authorisation.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { actingFor, youngPersonOfAccount, childrenOf } from '../accounts/index.ts';
import { audit } from '../privacy/audit.service.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import { dbsCutoff, dbsCurrent, matching, WISH_CODES } from './volunteers.choices.ts';
import * as repo from './volunteers.repository.ts';

export type { IntroductionRow, VolunteerRow } from './volunteers.repository.ts';

export type VolunteerInput = {
  kind: 'volunteer' | 'support_worker';
  displayName: string;
  organisationId: string | null;
  about: string;
  interests: string[];
  skills: string[];
  traits: string[];
  availability: string;
  /** 'YYYY-MM-DD' or null. */
  dbsCheckedOn: string | null;
  active: boolean;
};

/** Refused: the match cannot be confirmed (the young person's say is not recorded, or is not "yes", or it ended). */
export class NotConfirmableError extends Error {
  readonly why: 'not_said' | 'not_yes' | 'ended' | 'confirmed';
  constructor(why: NotConfirmableError['why']) {
    super(`match not confirmable: ${why}`);
    this.why = why;
    this.name = 'NotConfirmableError';
  }
}

/** Refused: the young person cannot say how it went yet (not met) or any more (confirmed or ended). */
export class NotOpenForSayError extends Error {
  readonly why: 'not_met' | 'closed';
  constructor(why: NotOpenForSayError['why']) {
    super(`introduction not open: ${why}`);
    this.why = why;
    this.name = 'NotOpenForSayError';
  }
}

const values = (input: VolunteerInput): repo.VolunteerValues => ({
  kind: input.kind,
  display_name: input.displayName,
  organisation_id: input.organisationId,
  about: input.about,
  interests: input.interests,
  skills: input.skills,
  traits: input.traits,
  availability: input.availability,
  dbs_checked_on: input.dbsCheckedOn,
  active: input.active,
});

const asActor = (accountId: string | null) => (accountId ? ({ accountId } as Actor) : null);

// ── Staff: volunteers ──

export function listVolunteers(db: Db, areaId: string) {
  return withArea(db, areaId, (tx) => repo.listVolunteers(tx, areaId));
}

export async function getVolunteer(db: Db, areaId: string, volunteerId: string): Promise<repo.VolunteerRow> {
  const v = await withArea(db, areaId, (tx) => repo.findVolunteer(tx, areaId, volunteerId));
  if (!v) throw new NotFoundError('volunteer');
  return v;
}

/** Adds a volunteer or support worker; the DBS date (if given) is recorded as the actor's. For the seed too. */
export async function createVolunteer(db: Db, areaId: string, actorId: string | null, input: VolunteerInput): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const id = await repo.insertVolunteer(tx, areaId, values(input), actorId);
    await audit(tx, areaId, actorId, 'volunteer.added', { type: 'volunteer', id, detail: { kind: input.kind } });
    if (input.dbsCheckedOn) await audit(tx, areaId, actorId, 'volunteer.dbs_recorded', { type: 'volunteer', id, detail: { checkedOn: input.dbsCheckedOn } });
    return id;
  });
}

/** Saves a volunteer; ConflictError if someone saved since `version`. A changed DBS date is audited. */
export async function saveVolunteer(db: Db, areaId: string, actorId: string | null, volunteerId: string, version: number, input: VolunteerInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const before = await repo.findVolunteer(tx, areaId, volunteerId);
    if (!before) throw new NotFoundError('volunteer');
    const dbsChanged = before.dbsCheckedOn !== input.dbsCheckedOn;
    const ok = await repo.updateVolunteer(tx, areaId, volunteerId, version, values(input), dbsChanged ? (input.dbsCheckedOn ? actorId : null) : undefined);
    if (!ok) throw new ConflictError('volunteer changed');
    if (dbsChanged) await audit(tx, areaId, actorId, 'volunteer.dbs_recorded', { type: 'volunteer', id: volunteerId, detail: { checkedOn: input.dbsCheckedOn } });
    if (before.active !== input.active) await audit(tx, areaId, actorId, input.active ? 'volunteer.activated' : 'volunteer.deactivated', { type: 'volunteer', id: volunteerId });
  });
}

/** Sets (re-encoded bytes) or removes (null) a volunteer's photo. */
export async function setVolunteerPhoto(db: Db, areaId: string, actorId: string | null, volunteerId: string, bytes: Buffer | null): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await repo.setPhoto(tx, areaId, volunteerId, bytes))) throw new NotFoundError('volunteer');
    await audit(tx, areaId, actorId, bytes ? 'volunteer.photo.added' : 'volunteer.photo.removed', { type: 'volunteer', id: volunteerId });
  });
}

/**
 * A volunteer's photo, for staff who manage volunteers, and for young people (and their parent
 * carers) of the area while the volunteer could be suggested to them. Undefined for anyone else.
 */
export async function volunteerPhoto(db: Db, areaId: string, actor: Actor | null, staff: boolean, volunteerId: string): Promise<Buffer | undefined> {
  if (!actor) return undefined;
  return withArea(db, areaId, async (tx) => {
    const found = await repo.photoOf(tx, areaId, volunteerId);
    if (!found?.photo) return undefined;
    if (staff) return found.photo;
    if (!found.active || !dbsCurrent(found.dbsCheckedOn)) return undefined;
    const young = (await youngPersonOfAccount(tx, areaId, actor.accountId)) ?? (await childrenOf(tx, areaId, actor.accountId))[0];
    return young ? found.photo : undefined;
  });
}

// ── The young person: what matters, suggestions, choosing ──

export type Suggestion = { volunteer: repo.VolunteerRow; matches: string[] };

/** Ranks volunteers by how many wishes they match (most first, then by name). Pure: the ranking rule. */
export function rank(volunteers: readonly repo.VolunteerRow[], wishes: readonly string[]): Suggestion[] {
  return volunteers
    .map((volunteer) => ({ volunteer, matches: matching(wishes, [...volunteer.interests, ...volunteer.skills, ...volunteer.traits]) }))
    .sort((a, b) => b.matches.length - a.matches.length || a.volunteer.displayName.localeCompare(b.volunteer.displayName));
}

export type VolunteerPage = {
  young: { id: string; displayName: string };
  as: 'self' | 'guardian';
  request: { id: string; wishes: string[]; words: string } | undefined;
  suggestions: Suggestion[];
  introductions: repo.IntroductionRow[];
};

/** Everything the young person's /volunteer page shows; NotFoundError for anyone who is not them (or an allowed parent carer). */
export async function volunteerPage(db: Db, areaId: string, accountId: string | null, youngPersonId: string, today: Date = new Date()): Promise<VolunteerPage> {
  return withArea(db, areaId, async (tx) => {
    const who = await actingFor(tx, areaId, asActor(accountId), youngPersonId);
    if (!who) throw new NotFoundError('young person');
    const request = await repo.currentMatchRequest(tx, areaId, youngPersonId);
    const candidates = request ? await repo.suggestible(tx, areaId, dbsCutoff(today), today.toISOString().slice(0, 10)) : [];
    const introductions = await repo.introductionsOf(tx, areaId, youngPersonId);
    return { young: { id: who.young.id, displayName: who.young.displayName }, as: who.as, request, suggestions: request ? rank(candidates, request.wishes) : [], introductions };
  });
}

/** Who is asking for a young person's page (404 for anyone else). */
export async function acting(db: Db, areaId: string, accountId: string | null, youngPersonId: string) {
  const who = await withArea(db, areaId, (tx) => actingFor(tx, areaId, asActor(accountId), youngPersonId));
  if (!who) throw new NotFoundError('young person');
  return who;
}

/**
 * Saves what matters to the young person (codes from WISHES; others are dropped) and their own words,
 * safeguarding-screened. Updates their open request or starts one. The caller sends alerts when a concern was raised.
 */
export async function saveWishes(db: Db, areaId: string, accountId: string | null, youngPersonId: string, input: { wishes: string[]; words: string }): Promise<{ matchRequestId: string; concernRaised: boolean }> {
  let raised = false;
  const matchRequestId = await withArea(db, areaId, async (tx) => {
    const who = await actingFor(tx, areaId, asActor(accountId), youngPersonId);
    if (!who) throw new NotFoundError('young person');
    const wishes = [...new Set(input.wishes.filter((w) => WISH_CODES.has(w)))];
    const words = input.words.trim();
    const open = await repo.currentMatchRequest(tx, areaId, youngPersonId);
    const requestId = open
      ? (await tx.updateTable('match_request').set({ wishes, words }).where('area_id', '=', areaId).where('id', '=', open.id).returning('id').executeTakeFirstOrThrow()).id
      : (await tx.insertInto('match_request').values({ area_id: areaId, young_person_id: youngPersonId, wishes, words }).returning('id').executeTakeFirstOrThrow()).id;
    if (words) raised = (await screenText(tx, areaId, { channel: 'profile', sourceKey: `match_request:${requestId}`, text: words, context: { question: 'What matters to you in a volunteer?' } })).raised;
    return requestId;
  });
  return { matchRequestId, concernRaised: raised };
}

/**
 * The young person chooses to meet a volunteer: only one they could be shown (active, current DBS,
 * their area). Choosing the same one again changes nothing. Returns the introduction's id.
 */
export async function chooseToMeet(db: Db, areaId: string, accountId: string | null, youngPersonId: string, volunteerId: string, today: Date = new Date()): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const who = await actingFor(tx, areaId, asActor(accountId), youngPersonId);
    if (!who) throw new NotFoundError('young person');
    const request = await repo.currentMatchRequest(tx, areaId, youngPersonId);
    if (!request) throw new NotFoundError('match request');
    const volunteer = await repo.findVolunteer(tx, areaId, volunteerId);
    if (!volunteer || !volunteer.active || !dbsCurrent(volunteer.dbsCheckedOn, today)) throw new NotFoundError('volunteer');
    const inserted = await tx.insertInto('introduction').values({ area_id: areaId, match_request_id: request.id, volunteer_id: volunteerId }).onConflict((oc) => oc.columns(['match_request_id', 'volunteer_id']).doNothing()).returning('id').executeTakeFirst();
    if (inserted) return inserted.id;
    return (await tx.selectFrom('introduction').select('id').where('area_id', '=', areaId).where('match_request_id', '=', request.id).where('volunteer_id', '=', volunteerId).executeTakeFirstOrThrow()).id;
  });
}

/** One of the young person's introductions, for them (or an allowed parent carer); 404 for anyone else. */
export async function introductionFor(db: Db, areaId: string, accountId: string | null, youngPersonId: string, introductionId: string) {
  return withArea(db, areaId, async (tx) => {
    const who = await actingFor(tx, areaId, asActor(accountId), youngPersonId);
    if (!who) throw new NotFoundError('young person');
    const intro = await repo.findIntroduction(tx, areaId, introductionId);
    if (!intro || intro.youngPersonId !== youngPersonId) throw new NotFoundError('introduction');
    return { who, intro };
  });
}

/**
 * After meeting: how it went (a face, 1 … 5), their words (screened) and whether they want to carry
 * on, with who said it (the young person or their parent carer) and when. They may change it until
 * staff confirm or end the introduction.
 */
export async function sayHowItWent(db: Db, areaId: string, accountId: string | null, youngPersonId: string, introductionId: string, input: { feeling: number; words: string; carryOn: 'yes' | 'no' | 'not_sure' }): Promise<{ concernRaised: boolean }> {
  let raised = false;
  await withArea(db, areaId, async (tx) => {
    const who = await actingFor(tx, areaId, asActor(accountId), youngPersonId);
    if (!who) throw new NotFoundError('young person');
    const intro = await repo.findIntroduction(tx, areaId, introductionId);
    if (!intro || intro.youngPersonId !== youngPersonId) throw new NotFoundError('introduction');
    if (!intro.metAt) throw new NotOpenForSayError('not_met');
    if (intro.confirmedAt || intro.endedAt) throw new NotOpenForSayError('closed');
    const words = input.words.trim();
    await tx.updateTable('introduction').set({ feeling: input.feeling, words, carry_on: input.carryOn, said_at: new Date(), said_by: accountId }).where('area_id', '=', areaId).where('id', '=', introductionId).execute();
    if (words) raised = (await screenText(tx, areaId, { channel: 'profile', sourceKey: `introduction:${introductionId}`, text: words, context: { question: 'How did meeting your volunteer go?' } })).raised;
  });
  return { concernRaised: raised };
}

// ── Staff: introductions ──

export function listIntroductions(db: Db, areaId: string) {
  return withArea(db, areaId, (tx) => repo.listIntroductions(tx, areaId));
}

async function openIntroduction(tx: Parameters<typeof repo.findIntroduction>[0], areaId: string, introductionId: string) {
  const intro = await repo.findIntroduction(tx, areaId, introductionId);
  if (!intro) throw new NotFoundError('introduction');
  return intro;
}

/** Sets (or clears) when they will meet. */
export async function arrangeMeeting(db: Db, areaId: string, actorId: string | null, introductionId: string, meetsAt: Date | null): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const intro = await openIntroduction(tx, areaId, introductionId);
    if (intro.endedAt) throw new NotConfirmableError('ended');
    await tx.updateTable('introduction').set({ meets_at: meetsAt }).where('area_id', '=', areaId).where('id', '=', introductionId).execute();
    await audit(tx, areaId, actorId, 'volunteer.introduction.arranged', { type: 'introduction', id: introductionId });
  });
}

/** Records that they met (now, or when given): the young person can then say how it went. */
export async function recordMet(db: Db, areaId: string, actorId: string | null, introductionId: string, metAt: Date = new Date()): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const intro = await openIntroduction(tx, areaId, introductionId);
    if (intro.endedAt) throw new NotConfirmableError('ended');
    await tx.updateTable('introduction').set({ met_at: metAt }).where('area_id', '=', areaId).where('id', '=', introductionId).execute();
    await audit(tx, areaId, actorId, 'volunteer.introduction.met', { type: 'introduction', id: introductionId });
  });
}

/** Why a match cannot be confirmed yet, or null when it can. */
export function notConfirmable(intro: Pick<repo.IntroductionRow, 'saidAt' | 'carryOn' | 'endedAt' | 'confirmedAt'>): NotConfirmableError['why'] | null {
  if (intro.confirmedAt) return 'confirmed';
  if (intro.endedAt) return 'ended';
  if (!intro.saidAt) return 'not_said';
  if (intro.carryOn !== 'yes') return 'not_yes';
  return null;
}

/** Confirms the match: ONLY with the young person's say recorded and "yes". NotConfirmableError otherwise. */
export async function confirmMatch(db: Db, areaId: string, actorId: string | null, introductionId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const intro = await openIntroduction(tx, areaId, introductionId);
    const why = notConfirmable(intro);
    if (why) throw new NotConfirmableError(why);
    await tx.updateTable('introduction').set({ confirmed_at: new Date(), confirmed_by: actorId }).where('area_id', '=', areaId).where('id', '=', introductionId).execute();
    await tx.updateTable('match_request').set({ status: 'matched' }).where('area_id', '=', areaId).where('id', '=', intro.matchRequestId).execute();
    await audit(tx, areaId, actorId, 'volunteer.match.confirmed', { type: 'introduction', id: introductionId });
  });
}

/** Ends an introduction (it will not go on); kept for the record. */
export async function endIntroduction(db: Db, areaId: string, actorId: string | null, introductionId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const intro = await openIntroduction(tx, areaId, introductionId);
    if (intro.endedAt) return;
    await tx.updateTable('introduction').set({ ended_at: new Date() }).where('area_id', '=', areaId).where('id', '=', introductionId).execute();
    await audit(tx, areaId, actorId, 'volunteer.introduction.ended', { type: 'introduction', id: introductionId });
  });
}
