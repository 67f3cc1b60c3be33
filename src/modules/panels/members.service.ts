/**
 * Panels, the members part (issue 16 §1): who is on a panel and their checklist, young people's
 * personal codes and their way in, candidates, and time given.
 *
 * - A young person (or a parent carer without an account) is given a personal code, shown once on a
 *   printable card; only `memberCodeHash(parseMemberCode(code))` is stored. Issuing a new code or
 *   removing the member ends every session of theirs at once.
 * - Staff and parent carers with an account are added by the email address of an account that is a
 *   member of the area; they sign in as themselves.
 * - Staff record training, a parent carer's consent for under-16s and a conflict they were told of;
 *   the member records their own consent, conflict and agreement to the ground rules.
 *
 * Callable from the demo seed (db, areaId, actorId | null, plain inputs): addYoungMember,
 * addAccountMember, recordChecklist, memberConsents, memberDeclaresConflict, memberAgreesRules,
 * addCandidate, recordPanelTime.
 */
import type { AreaTx, Db, PanelMemberKind } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { audit } from '../privacy/audit.service.ts';
import { screenText } from '../privacy/safeguarding.service.ts';
import { minutesByMember, recordTimeGiven } from '../recognition/index.ts';
import { findCandidate, findMember, findPanel, listCandidates, listMembers, MEMBER_SESSION_DAYS, memberCodeHash, newMemberCode, parseMemberCode, type Candidate, type PanelMember } from './core.ts';

export class NotAreaMemberError extends Error {}
export class AlreadyOnPanelError extends Error {}

async function panelOrThrow(tx: AreaTx, areaId: string, panelId: string) {
  const panel = await findPanel(tx, areaId, panelId);
  if (!panel) throw new NotFoundError('panel');
  return panel;
}

async function memberOrThrow(tx: AreaTx, areaId: string, panelId: string, memberId: string): Promise<PanelMember> {
  const member = await findMember(tx, areaId, panelId, memberId);
  if (!member) throw new NotFoundError('panel member');
  return member;
}

/** A code no member has (code_hash is unique across the installation); tried again on the rare clash. */
async function freshCode(tx: AreaTx): Promise<{ code: string; hash: string }> {
  for (;;) {
    const code = newMemberCode();
    const hash = memberCodeHash(parseMemberCode(code)!);
    const taken = await tx.selectFrom('panel_member').select('id').where('code_hash', '=', hash).executeTakeFirst();
    if (!taken) return { code, hash };
  }
}

async function endSessions(tx: AreaTx, areaId: string, memberId: string): Promise<void> {
  await tx.deleteFrom('panel_member_session').where('area_id', '=', areaId).where('member_id', '=', memberId).execute();
}

export type CodeMemberInput = { kind: 'young_person' | 'parent_carer'; displayName: string; ageBand: string | null };

/**
 * A young person (or a parent carer without an account) who signs in with a personal code. Returns
 * the code: show it once, it is not kept. They may not see candidates' names unless staff say so.
 */
export async function addYoungMember(db: Db, areaId: string, actorId: string | null, panelId: string, input: CodeMemberInput): Promise<{ memberId: string; code: string }> {
  return withArea(db, areaId, async (tx) => {
    await panelOrThrow(tx, areaId, panelId);
    const { code, hash } = await freshCode(tx);
    const row = await tx
      .insertInto('panel_member')
      .values({ area_id: areaId, panel_id: panelId, member_kind: input.kind, display_name: input.displayName, age_band: input.kind === 'young_person' ? input.ageBand : null, code_hash: hash, sees_names: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'panel.member.added', { type: 'panel_member', id: row.id, detail: { panelId, kind: input.kind, by: 'code' } });
    return { memberId: row.id, code };
  });
}

/**
 * A member of staff or a parent carer by the email address of an account that is a member of the
 * area: NotAreaMemberError if there is none, AlreadyOnPanelError if they are on the panel already.
 * Staff may see candidates' names; parent carers not, unless staff say so.
 */
export async function addAccountMember(db: Db, areaId: string, actorId: string | null, panelId: string, input: { kind: 'staff' | 'parent_carer'; email: string }): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await panelOrThrow(tx, areaId, panelId);
    const account = await tx
      .selectFrom('account as a')
      .innerJoin('area_membership as m', 'm.account_id', 'a.id')
      .select(['a.id', 'a.display_name'])
      .where('m.area_id', '=', areaId)
      .where((eb) => eb.fn('lower', ['a.email']), '=', input.email.trim().toLowerCase())
      .where('a.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!account) throw new NotAreaMemberError();
    const existing = await tx.selectFrom('panel_member').select('id').where('area_id', '=', areaId).where('panel_id', '=', panelId).where('account_id', '=', account.id).where('removed_at', 'is', null).executeTakeFirst();
    if (existing) throw new AlreadyOnPanelError();
    const row = await tx
      .insertInto('panel_member')
      .values({ area_id: areaId, panel_id: panelId, member_kind: input.kind, account_id: account.id, display_name: account.display_name.slice(0, 60) || '—', sees_names: input.kind === 'staff' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'panel.member.added', { type: 'panel_member', id: row.id, detail: { panelId, kind: input.kind, by: 'account' } });
    return row.id;
  });
}

export type ChecklistInput = {
  /** 'YYYY-MM-DD' (London) or null: not done. */
  trainingOn: string | null;
  parentalConsentOn: string | null;
  parentalConsentNote: string;
  seesNames: boolean;
  /** What staff were told: null leaves the member's own declaration as it is. */
  conflict: string | null;
};

const dayStart = (date: string) => new Date(`${date}T12:00:00Z`);

/** What staff record for a member: training, a parent carer's consent, names, a conflict they were told of. */
export async function recordChecklist(db: Db, areaId: string, actorId: string | null, panelId: string, memberId: string, input: ChecklistInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    const member = await memberOrThrow(tx, areaId, panelId, memberId);
    const sameDay = (at: Date | null, on: string | null) => (at ? at.toISOString().slice(0, 10) : null) === on;
    await tx
      .updateTable('panel_member')
      .set({
        training_done_at: input.trainingOn === null ? null : sameDay(member.trainingDoneAt, input.trainingOn) ? member.trainingDoneAt : dayStart(input.trainingOn),
        parental_consent_at: input.parentalConsentOn === null ? null : sameDay(member.parentalConsentAt, input.parentalConsentOn) ? member.parentalConsentAt : dayStart(input.parentalConsentOn),
        parental_consent_by: input.parentalConsentOn === null ? null : actorId,
        parental_consent_note: input.parentalConsentOn === null ? '' : input.parentalConsentNote,
        sees_names: input.seesNames,
        ...(input.conflict !== null && input.conflict !== (member.conflict ?? '') ? { conflict: input.conflict, conflict_declared_at: new Date() } : {}),
      })
      .where('area_id', '=', areaId)
      .where('id', '=', memberId)
      .execute();
    await audit(tx, areaId, actorId, 'panel.member.checklist', {
      type: 'panel_member',
      id: memberId,
      detail: { panelId, training: input.trainingOn !== null, parentalConsent: input.parentalConsentOn !== null, seesNames: input.seesNames, conflictRecorded: input.conflict !== null && input.conflict !== (member.conflict ?? '') },
    });
  });
}

/** Removes a member: every session of theirs ends at once, their code stops working. */
export async function removeMember(db: Db, areaId: string, actorId: string | null, panelId: string, memberId: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await memberOrThrow(tx, areaId, panelId, memberId);
    await tx.updateTable('panel_member').set({ removed_at: new Date(), code_hash: null }).where('area_id', '=', areaId).where('id', '=', memberId).execute();
    await endSessions(tx, areaId, memberId);
    await audit(tx, areaId, actorId, 'panel.member.removed', { type: 'panel_member', id: memberId, detail: { panelId } });
  });
}

/** A new code for a member who signs in with one: the old code and every session end at once. */
export async function reissueCode(db: Db, areaId: string, actorId: string | null, panelId: string, memberId: string): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    const member = await memberOrThrow(tx, areaId, panelId, memberId);
    if (member.accountId) throw new NotFoundError('code member');
    const { code, hash } = await freshCode(tx);
    await tx.updateTable('panel_member').set({ code_hash: hash }).where('area_id', '=', areaId).where('id', '=', memberId).execute();
    await endSessions(tx, areaId, memberId);
    await audit(tx, areaId, actorId, 'panel.member.new_code', { type: 'panel_member', id: memberId, detail: { panelId } });
    return code;
  });
}

// ── A member's way in ───────────────────────────────────────────────────────────────────────────

/** Signs a browser in with a personal code: the session's token (only its hash is kept), or undefined. */
export async function signInWithCode(db: Db, areaId: string, canonical: string): Promise<{ token: string; memberId: string; panelId: string } | undefined> {
  return withArea(db, areaId, async (tx) => {
    const member = await tx
      .selectFrom('panel_member')
      .select(['id', 'panel_id'])
      .where('area_id', '=', areaId)
      .where('code_hash', '=', memberCodeHash(canonical))
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (!member) return undefined;
    const token = newToken();
    await tx
      .insertInto('panel_member_session')
      .values({ token_hash: hashToken(token), area_id: areaId, member_id: member.id, expires_at: new Date(Date.now() + MEMBER_SESSION_DAYS * 86_400_000) })
      .execute();
    return { token, memberId: member.id, panelId: member.panel_id };
  });
}

export async function signOut(db: Db, areaId: string, token: string): Promise<void> {
  await withArea(db, areaId, (tx) => tx.deleteFrom('panel_member_session').where('area_id', '=', areaId).where('token_hash', '=', hashToken(token)).execute());
}

export async function memberConsents(db: Db, areaId: string, member: Pick<PanelMember, 'id'>): Promise<void> {
  await withArea(db, areaId, (tx) => tx.updateTable('panel_member').set({ consent_at: new Date() }).where('area_id', '=', areaId).where('id', '=', member.id).where('consent_at', 'is', null).execute());
}

export async function memberAgreesRules(db: Db, areaId: string, member: Pick<PanelMember, 'id'>): Promise<void> {
  await withArea(db, areaId, (tx) => tx.updateTable('panel_member').set({ rules_agreed_at: new Date() }).where('area_id', '=', areaId).where('id', '=', member.id).where('rules_agreed_at', 'is', null).execute());
}

/**
 * The member's own answer to "Do you know any of the people we will meet?": 'none', or how they
 * know them (screened for safeguarding as typed: channel 'panel', key `conflict:<memberId>`).
 * Returns whether a concern was raised (call sendAlertsNow after).
 */
export async function memberDeclaresConflict(db: Db, areaId: string, member: Pick<PanelMember, 'id'>, activityId: string, conflict: string): Promise<{ concernRaised: boolean }> {
  return withArea(db, areaId, async (tx) => {
    let concernRaised = false;
    if (conflict !== 'none') concernRaised = (await screenText(tx, areaId, { channel: 'panel', sourceKey: `conflict:${member.id}`, text: conflict, activityId })).raised;
    await tx.updateTable('panel_member').set({ conflict, conflict_declared_at: new Date() }).where('area_id', '=', areaId).where('id', '=', member.id).execute();
    return { concernRaised };
  });
}

/** The panels of these memberships with their titles and kinds, for "My panels" (one query). */
export async function panelsOfMembers(db: Db, areaId: string, panelIds: readonly string[]): Promise<Array<{ id: string; title: string; kind: string }>> {
  if (panelIds.length === 0) return [];
  return withArea(db, areaId, (tx) => tx.selectFrom('panel').select(['id', 'title', 'kind']).where('area_id', '=', areaId).where('id', 'in', [...panelIds]).orderBy('created_at').execute());
}

// ── Candidates ──────────────────────────────────────────────────────────────────────────────────

/** "A", "B", … "Z", "AA", "AB" …: the nth label letter, never from the name. */
export function labelLetters(position: number): string {
  let n = position;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A person to interview, labelled "Candidate A", "Candidate B"… in the order they were added. */
export async function addCandidate(db: Db, areaId: string, actorId: string | null, panelId: string, name: string, labelWord = 'Candidate'): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await tx.selectFrom('panel').select('id').where('area_id', '=', areaId).where('id', '=', panelId).forUpdate().executeTakeFirstOrThrow();
    const last = await tx.selectFrom('panel_candidate').select((eb) => eb.fn.max<number>('position').as('max')).where('area_id', '=', areaId).where('panel_id', '=', panelId).executeTakeFirst();
    const position = Number(last?.max ?? 0) + 1;
    const row = await tx.insertInto('panel_candidate').values({ area_id: areaId, panel_id: panelId, label: `${labelWord} ${labelLetters(position)}`, name, position }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'panel.candidate.added', { type: 'panel_candidate', id: row.id, detail: { panelId } });
    return row.id;
  });
}

export async function renameCandidate(db: Db, areaId: string, actorId: string | null, panelId: string, candidateId: string, name: string): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await findCandidate(tx, areaId, panelId, candidateId))) throw new NotFoundError('candidate');
    await tx.updateTable('panel_candidate').set({ name }).where('area_id', '=', areaId).where('id', '=', candidateId).execute();
    await audit(tx, areaId, actorId, 'panel.candidate.changed', { type: 'panel_candidate', id: candidateId, detail: { panelId } });
  });
}

/** Withdraws a candidate (or takes the withdrawal back). */
export async function setWithdrawn(db: Db, areaId: string, actorId: string | null, panelId: string, candidateId: string, withdrawn: boolean): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    if (!(await findCandidate(tx, areaId, panelId, candidateId))) throw new NotFoundError('candidate');
    await tx.updateTable('panel_candidate').set({ withdrawn_at: withdrawn ? new Date() : null }).where('area_id', '=', areaId).where('id', '=', candidateId).execute();
    await audit(tx, areaId, actorId, withdrawn ? 'panel.candidate.withdrawn' : 'panel.candidate.reinstated', { type: 'panel_candidate', id: candidateId, detail: { panelId } });
  });
}

export async function candidatesOf(db: Db, areaId: string, panelId: string): Promise<Candidate[]> {
  return withArea(db, areaId, (tx) => listCandidates(tx, areaId, panelId));
}

export async function candidateOf(db: Db, areaId: string, panelId: string, candidateId: string): Promise<Candidate> {
  const candidate = await withArea(db, areaId, (tx) => findCandidate(tx, areaId, panelId, candidateId));
  if (!candidate) throw new NotFoundError('candidate');
  return candidate;
}

// ── Members, read ───────────────────────────────────────────────────────────────────────────────

export async function membersOf(db: Db, areaId: string, panelId: string): Promise<PanelMember[]> {
  return withArea(db, areaId, (tx) => listMembers(tx, areaId, panelId));
}

/** A member and what staff recorded about their parent carer's consent. */
export async function memberOf(db: Db, areaId: string, panelId: string, memberId: string): Promise<PanelMember & { parentalConsentNote: string }> {
  return withArea(db, areaId, async (tx) => {
    const member = await memberOrThrow(tx, areaId, panelId, memberId);
    const note = await tx.selectFrom('panel_member').select('parental_consent_note').where('area_id', '=', areaId).where('id', '=', memberId).executeTakeFirstOrThrow();
    return { ...member, parentalConsentNote: note.parental_consent_note };
  });
}

// ── Time given ──────────────────────────────────────────────────────────────────────────────────

export const TIME_WHAT = ['interviews', 'questions', 'training', 'scoring', 'meeting'] as const;
export type TimeWhat = (typeof TIME_WHAT)[number];

/**
 * "The panel met on <date> for <minutes>, doing <what>": one entry per member who was there, once
 * per member and source key `panel:<panelId>:<date>:<what>`. Returns how many were new (recording
 * the same again adds nothing).
 */
export async function recordPanelTime(db: Db, areaId: string, actorId: string | null, panelId: string, input: { date: string; minutes: number; what: TimeWhat; memberIds: readonly string[] }): Promise<number> {
  return withArea(db, areaId, async (tx) => {
    const panel = await panelOrThrow(tx, areaId, panelId);
    const members = (await listMembers(tx, areaId, panelId)).filter((m) => input.memberIds.includes(m.id));
    const sourceKey = `panel:${panelId}:${input.date}:${input.what}`;
    const added = await recordTimeGiven(
      tx,
      areaId,
      members.map((m) => ({ activityId: panel.activityId, panelMemberId: m.id, accountId: m.accountId, kind: 'panel' as const, sourceKey, minutes: input.minutes, givenOn: input.date, recordedBy: actorId })),
    );
    if (added > 0) await audit(tx, areaId, actorId, 'panel.time_given', { type: 'panel', id: panelId, detail: { date: input.date, what: input.what, minutes: input.minutes, people: added } });
    return added;
  });
}

/** Each current member's total minutes given (one query). */
export async function timeTotals(db: Db, areaId: string, members: readonly Pick<PanelMember, 'id'>[]): Promise<Map<string, number>> {
  return withArea(db, areaId, (tx) => minutesByMember(tx, areaId, members.map((m) => m.id)));
}

export type { PanelMemberKind };
