/** Volunteers, what matters to a young person and introductions: the queries (issue 17 §3). */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type VolunteerRow = {
  id: string;
  kind: 'volunteer' | 'support_worker';
  displayName: string;
  organisationId: string | null;
  organisationName: string | null;
  about: string;
  interests: string[];
  skills: string[];
  traits: string[];
  availability: string;
  hasPhoto: boolean;
  /** 'YYYY-MM-DD' or null. */
  dbsCheckedOn: string | null;
  active: boolean;
  version: number;
};

const selectVolunteers = (tx: AreaTx, areaId: string) =>
  tx
    .selectFrom('volunteer as v')
    .leftJoin('organisation as o', (j) => j.onRef('o.id', '=', 'v.organisation_id').onRef('o.area_id', '=', 'v.area_id'))
    .select(['v.id', 'v.kind', 'v.display_name', 'v.organisation_id', 'o.name as organisation_name', 'v.about', 'v.interests', 'v.skills', 'v.traits', 'v.availability', 'v.dbs_checked_on', 'v.active', 'v.version'])
    .select(sql<boolean>`v.photo IS NOT NULL`.as('has_photo'))
    .where('v.area_id', '=', areaId);

type Raw = Awaited<ReturnType<ReturnType<typeof selectVolunteers>['executeTakeFirstOrThrow']>>;

const toVolunteer = (r: Raw): VolunteerRow => ({
  id: r.id,
  kind: r.kind,
  displayName: r.display_name,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  about: r.about,
  interests: r.interests,
  skills: r.skills,
  traits: r.traits,
  availability: r.availability,
  hasPhoto: r.has_photo,
  dbsCheckedOn: r.dbs_checked_on === null ? null : String(r.dbs_checked_on),
  active: r.active,
  version: r.version,
});

export async function listVolunteers(tx: AreaTx, areaId: string): Promise<VolunteerRow[]> {
  return (await selectVolunteers(tx, areaId).orderBy('v.active', 'desc').orderBy('v.display_name').execute()).map(toVolunteer);
}

export async function findVolunteer(tx: AreaTx, areaId: string, id: string): Promise<VolunteerRow | undefined> {
  const r = await selectVolunteers(tx, areaId).where('v.id', '=', id).executeTakeFirst();
  return r && toVolunteer(r);
}

/** Active volunteers in the area with a DBS check on or after `cutoff`: the only ones a young person is shown. */
export async function suggestible(tx: AreaTx, areaId: string, cutoff: string, today: string): Promise<VolunteerRow[]> {
  const rows = await selectVolunteers(tx, areaId)
    .where('v.active', '=', true)
    .where('v.dbs_checked_on', 'is not', null)
    .where(sql<boolean>`v.dbs_checked_on BETWEEN ${cutoff}::date AND ${today}::date`)
    .orderBy('v.display_name')
    .execute();
  return rows.map(toVolunteer);
}

export type VolunteerValues = {
  kind: 'volunteer' | 'support_worker';
  display_name: string;
  organisation_id: string | null;
  about: string;
  interests: string[];
  skills: string[];
  traits: string[];
  availability: string;
  dbs_checked_on: string | null;
  active: boolean;
};

export async function insertVolunteer(tx: AreaTx, areaId: string, values: VolunteerValues, dbsRecordedBy: string | null): Promise<string> {
  const row = await tx.insertInto('volunteer').values({ area_id: areaId, ...values, dbs_recorded_by: values.dbs_checked_on ? dbsRecordedBy : null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Saves a volunteer if nobody saved since `version`; false when someone did. */
export async function updateVolunteer(tx: AreaTx, areaId: string, id: string, version: number, values: VolunteerValues, dbsRecordedBy: string | null | undefined): Promise<boolean> {
  const r = await tx
    .updateTable('volunteer')
    .set({ ...values, ...(dbsRecordedBy !== undefined ? { dbs_recorded_by: dbsRecordedBy } : {}), version: sql<number>`version + 1` })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function setPhoto(tx: AreaTx, areaId: string, id: string, bytes: Buffer | null): Promise<boolean> {
  const r = await tx.updateTable('volunteer').set({ photo: bytes, version: sql<number>`version + 1` }).where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function photoOf(tx: AreaTx, areaId: string, id: string): Promise<{ photo: Buffer | null; active: boolean; dbsCheckedOn: string | null } | undefined> {
  const r = await tx.selectFrom('volunteer').select(['photo', 'active', 'dbs_checked_on']).where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();
  return r && { photo: r.photo, active: r.active, dbsCheckedOn: r.dbs_checked_on === null ? null : String(r.dbs_checked_on) };
}

// ── What matters to a young person ──

/** The young person's latest request (open, or matched: they may still choose more people to meet). */
export async function currentMatchRequest(tx: AreaTx, areaId: string, youngPersonId: string): Promise<{ id: string; wishes: string[]; words: string } | undefined> {
  return tx
    .selectFrom('match_request')
    .select(['id', 'wishes', 'words'])
    .where('area_id', '=', areaId)
    .where('young_person_id', '=', youngPersonId)
    .where('status', 'in', ['open', 'matched'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}

// ── Introductions ──

export type IntroductionRow = {
  id: string;
  matchRequestId: string;
  youngPersonId: string;
  youngName: string;
  wishes: string[];
  wishWords: string;
  volunteerId: string;
  volunteerName: string;
  volunteerKind: 'volunteer' | 'support_worker';
  volunteerHasPhoto: boolean;
  chosenAt: Date;
  meetsAt: Date | null;
  metAt: Date | null;
  feeling: number | null;
  words: string;
  carryOn: 'yes' | 'no' | 'not_sure' | null;
  saidAt: Date | null;
  saidBy: string | null;
  saidByYoung: boolean;
  confirmedAt: Date | null;
  endedAt: Date | null;
};

const selectIntroductions = (tx: AreaTx, areaId: string) =>
  tx
    .selectFrom('introduction as i')
    .innerJoin('match_request as m', (j) => j.onRef('m.id', '=', 'i.match_request_id').onRef('m.area_id', '=', 'i.area_id'))
    .innerJoin('young_person as y', (j) => j.onRef('y.id', '=', 'm.young_person_id').onRef('y.area_id', '=', 'm.area_id'))
    .innerJoin('account as a', 'a.id', 'y.account_id')
    .innerJoin('volunteer as v', (j) => j.onRef('v.id', '=', 'i.volunteer_id').onRef('v.area_id', '=', 'i.area_id'))
    .select([
      'i.id', 'i.match_request_id', 'm.young_person_id', 'a.display_name as young_name', 'm.wishes', 'm.words as wish_words', 'i.volunteer_id', 'v.display_name as volunteer_name', 'v.kind as volunteer_kind',
      'i.chosen_at', 'i.meets_at', 'i.met_at', 'i.feeling', 'i.words', 'i.carry_on', 'i.said_at', 'i.said_by', 'i.confirmed_at', 'i.ended_at',
    ])
    .select(sql<boolean>`v.photo IS NOT NULL`.as('has_photo'))
    .select(sql<boolean>`i.said_by IS NOT DISTINCT FROM y.account_id`.as('said_by_young'))
    .where('i.area_id', '=', areaId);

type RawIntro = Awaited<ReturnType<ReturnType<typeof selectIntroductions>['executeTakeFirstOrThrow']>>;

const toIntroduction = (r: RawIntro): IntroductionRow => ({
  id: r.id,
  matchRequestId: r.match_request_id,
  youngPersonId: r.young_person_id,
  youngName: r.young_name,
  wishes: r.wishes,
  wishWords: r.wish_words,
  volunteerId: r.volunteer_id,
  volunteerName: r.volunteer_name,
  volunteerKind: r.volunteer_kind,
  volunteerHasPhoto: r.has_photo,
  chosenAt: r.chosen_at,
  meetsAt: r.meets_at,
  metAt: r.met_at,
  feeling: r.feeling,
  words: r.words,
  carryOn: r.carry_on,
  saidAt: r.said_at,
  saidBy: r.said_by,
  saidByYoung: r.said_by_young,
  confirmedAt: r.confirmed_at,
  endedAt: r.ended_at,
});

/** Every introduction in the area, newest first (staff). */
export async function listIntroductions(tx: AreaTx, areaId: string): Promise<IntroductionRow[]> {
  return (await selectIntroductions(tx, areaId).orderBy('i.ended_at', (o) => o.nullsFirst()).orderBy('i.chosen_at', 'desc').orderBy('i.id').execute()).map(toIntroduction);
}

/** One young person's introductions, newest first. */
export async function introductionsOf(tx: AreaTx, areaId: string, youngPersonId: string): Promise<IntroductionRow[]> {
  return (await selectIntroductions(tx, areaId).where('m.young_person_id', '=', youngPersonId).orderBy('i.chosen_at', 'desc').orderBy('i.id').execute()).map(toIntroduction);
}

export async function findIntroduction(tx: AreaTx, areaId: string, id: string): Promise<IntroductionRow | undefined> {
  const r = await selectIntroductions(tx, areaId).where('i.id', '=', id).executeTakeFirst();
  return r && toIntroduction(r);
}
