/**
 * The panels module's shared core (issue 16 §1): what every part reads, and the few rules that must
 * be the same everywhere. Each part has its own files; they meet here.
 *
 * - setup and members (setup.*, members.*): panels, their members, the checklist, candidates;
 * - questions and scoring (questions.*, scoring.*): youth-written questions, the rubric, independent
 *   scoring, moderation, the decision, telling back;
 * - grants (grants.*): the public application form, applicants signed in by a link, awards.
 * Young inspectors are a panel of kind 'inspection'; the inspections module uses this core.
 *
 * Two rules live only here:
 * - `candidateName`: what a member sees for a candidate. Members who may not see names see only the
 *   label ("Candidate B") on every page, export and message. Never read `candidate.name` elsewhere
 *   for a member.
 * - `currentMember`: who a request is on a panel: a signed-in account that is a member, or a browser
 *   a young person signed in on with their personal code (cookie `chorus_panel` on the area's path, its token's hash in
 *   panel_member_session). Removing a member ends every session at once (the read checks removed_at).
 */
import type { FastifyRequest } from 'fastify';
import type { AreaTx, PanelKind, PanelMemberKind, PanelOutcome, PanelStatus } from '../../db/database.ts';
import { CODE_ALPHABET } from '../../lib/codes.ts';
import { hashToken } from '../../lib/tokens.ts';
import { randomInt } from 'node:crypto';

export type { PanelKind, PanelMemberKind, PanelOutcome, PanelStatus } from '../../db/database.ts';

export const PANEL_KINDS: readonly PanelKind[] = ['interview', 'grant', 'inspection'];
export const MEMBER_KINDS: readonly PanelMemberKind[] = ['young_person', 'parent_carer', 'staff'];
/** Age bands (activities' list) under 16: a parent carer's consent must be recorded before they take part. */
export const UNDER_16_BANDS: ReadonlySet<string> = new Set(['0_4', '5_7', '8_11', '12_15']);

export type Panel = {
  id: string;
  activityId: string;
  kind: PanelKind;
  title: string;
  purpose: string;
  youthWeight: number;
  scale: 'faces' | 'stars';
  potPence: number | null;
  closesAt: Date | null;
  status: PanelStatus;
  decisionSummary: string;
  decidedAt: Date | null;
  version: number;
  createdAt: Date;
};

export type PanelMember = {
  id: string;
  panelId: string;
  kind: PanelMemberKind;
  accountId: string | null;
  displayName: string;
  ageBand: string | null;
  seesNames: boolean;
  trainingDoneAt: Date | null;
  consentAt: Date | null;
  parentalConsentAt: Date | null;
  conflict: string | null;
  rulesAgreedAt: Date | null;
  removedAt: Date | null;
};

export type Candidate = {
  id: string;
  panelId: string;
  label: string;
  /** The real name: only through `candidateName` for members. */
  name: string;
  position: number;
  withdrawnAt: Date | null;
  outcome: PanelOutcome | null;
  outcomeReason: string;
  feedback: string;
  awardPence: number | null;
  decidedAt: Date | null;
};

export type Criterion = { id: string; panelId: string; title: string; description: string; symbol: string | null; weight: number; position: number };

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────────

const PANEL_COLUMNS = ['id', 'activity_id', 'kind', 'title', 'purpose', 'youth_weight', 'scale', 'pot_pence', 'closes_at', 'status', 'decision_summary', 'decided_at', 'version', 'created_at'] as const;

function toPanel(r: { id: string; activity_id: string; kind: PanelKind; title: string; purpose: string; youth_weight: number; scale: 'faces' | 'stars'; pot_pence: string | null; closes_at: Date | null; status: PanelStatus; decision_summary: string; decided_at: Date | null; version: number; created_at: Date }): Panel {
  return {
    id: r.id,
    activityId: r.activity_id,
    kind: r.kind,
    title: r.title,
    purpose: r.purpose,
    youthWeight: r.youth_weight,
    scale: r.scale,
    potPence: r.pot_pence === null ? null : Number(r.pot_pence),
    closesAt: r.closes_at,
    status: r.status,
    decisionSummary: r.decision_summary,
    decidedAt: r.decided_at,
    version: r.version,
    createdAt: r.created_at,
  };
}

export async function findPanel(tx: AreaTx, areaId: string, panelId: string): Promise<Panel | undefined> {
  const row = await tx.selectFrom('panel').select(PANEL_COLUMNS).where('area_id', '=', areaId).where('id', '=', panelId).executeTakeFirst();
  return row ? toPanel(row) : undefined;
}

export async function listPanelsForActivity(tx: AreaTx, areaId: string, activityId: string): Promise<Panel[]> {
  const rows = await tx.selectFrom('panel').select(PANEL_COLUMNS).where('area_id', '=', areaId).where('activity_id', '=', activityId).orderBy('created_at').execute();
  return rows.map(toPanel);
}

const MEMBER_COLUMNS = ['id', 'panel_id', 'member_kind', 'account_id', 'display_name', 'age_band', 'sees_names', 'training_done_at', 'consent_at', 'parental_consent_at', 'conflict', 'rules_agreed_at', 'removed_at'] as const;

type MemberRow = { id: string; panel_id: string; member_kind: PanelMemberKind; account_id: string | null; display_name: string; age_band: string | null; sees_names: boolean; training_done_at: Date | null; consent_at: Date | null; parental_consent_at: Date | null; conflict: string | null; rules_agreed_at: Date | null; removed_at: Date | null };

function toMember(r: MemberRow): PanelMember {
  return {
    id: r.id,
    panelId: r.panel_id,
    kind: r.member_kind,
    accountId: r.account_id,
    displayName: r.display_name,
    ageBand: r.age_band,
    seesNames: r.sees_names,
    trainingDoneAt: r.training_done_at,
    consentAt: r.consent_at,
    parentalConsentAt: r.parental_consent_at,
    conflict: r.conflict,
    rulesAgreedAt: r.rules_agreed_at,
    removedAt: r.removed_at,
  };
}

/** The panel's current members (not removed), young people first, in the order they were added. */
export async function listMembers(tx: AreaTx, areaId: string, panelId: string): Promise<PanelMember[]> {
  const rows = await tx
    .selectFrom('panel_member')
    .select(MEMBER_COLUMNS)
    .where('area_id', '=', areaId)
    .where('panel_id', '=', panelId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const order: Record<PanelMemberKind, number> = { young_person: 0, parent_carer: 1, staff: 2 };
  return rows.map(toMember).sort((a, b) => order[a.kind] - order[b.kind]);
}

export async function findMember(tx: AreaTx, areaId: string, panelId: string, memberId: string): Promise<PanelMember | undefined> {
  const row = await tx.selectFrom('panel_member').select(MEMBER_COLUMNS).where('area_id', '=', areaId).where('panel_id', '=', panelId).where('id', '=', memberId).where('removed_at', 'is', null).executeTakeFirst();
  return row ? toMember(row) : undefined;
}

const CANDIDATE_COLUMNS = ['id', 'panel_id', 'label', 'name', 'position', 'withdrawn_at', 'outcome', 'outcome_reason', 'feedback', 'award_pence', 'decided_at'] as const;

function toCandidate(r: { id: string; panel_id: string; label: string; name: string; position: number; withdrawn_at: Date | null; outcome: PanelOutcome | null; outcome_reason: string; feedback: string; award_pence: string | null; decided_at: Date | null }): Candidate {
  return {
    id: r.id,
    panelId: r.panel_id,
    label: r.label,
    name: r.name,
    position: r.position,
    withdrawnAt: r.withdrawn_at,
    outcome: r.outcome,
    outcomeReason: r.outcome_reason,
    feedback: r.feedback,
    awardPence: r.award_pence === null ? null : Number(r.award_pence),
    decidedAt: r.decided_at,
  };
}

export async function listCandidates(tx: AreaTx, areaId: string, panelId: string): Promise<Candidate[]> {
  const rows = await tx.selectFrom('panel_candidate').select(CANDIDATE_COLUMNS).where('area_id', '=', areaId).where('panel_id', '=', panelId).orderBy('position').execute();
  return rows.map(toCandidate);
}

export async function findCandidate(tx: AreaTx, areaId: string, panelId: string, candidateId: string): Promise<Candidate | undefined> {
  const row = await tx.selectFrom('panel_candidate').select(CANDIDATE_COLUMNS).where('area_id', '=', areaId).where('panel_id', '=', panelId).where('id', '=', candidateId).executeTakeFirst();
  return row ? toCandidate(row) : undefined;
}

export async function listCriteria(tx: AreaTx, areaId: string, panelId: string): Promise<Criterion[]> {
  const rows = await tx
    .selectFrom('panel_criterion')
    .select(['id', 'panel_id', 'title', 'description', 'symbol', 'weight', 'position'])
    .where('area_id', '=', areaId)
    .where('panel_id', '=', panelId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, panelId: r.panel_id, title: r.title, description: r.description, symbol: r.symbol, weight: r.weight, position: r.position }));
}

/**
 * Makes a panel inside the caller's transaction (the setup part's pages, and the inspections module
 * when it makes a programme's team of young inspectors: kind 'inspection').
 */
export async function createPanelIn(
  tx: AreaTx,
  areaId: string,
  actorId: string | null,
  input: { activityId: string; kind: PanelKind; title: string; purpose?: string; youthWeight?: number; scale?: 'faces' | 'stars'; potPence?: number | null; closesAt?: Date | null },
): Promise<Panel> {
  const row = await tx
    .insertInto('panel')
    .values({
      area_id: areaId,
      activity_id: input.activityId,
      kind: input.kind,
      title: input.title,
      purpose: input.purpose ?? '',
      youth_weight: input.youthWeight ?? 50,
      scale: input.scale ?? 'faces',
      pot_pence: input.kind === 'grant' ? (input.potPence ?? 0) : null,
      closes_at: input.closesAt ?? null,
      created_by: actorId,
    })
    .returning(PANEL_COLUMNS)
    .executeTakeFirstOrThrow();
  return toPanel(row);
}

// ── The two rules ────────────────────────────────────────────────────────────────────────────────

/**
 * What a viewer sees for a candidate: the real name only for a member who may see names (or staff
 * who manage the panel: pass `null` as the member); everyone else sees the label.
 */
export function candidateName(viewer: Pick<PanelMember, 'seesNames'> | null, candidate: Pick<Candidate, 'label' | 'name'>): string {
  return viewer === null || viewer.seesNames ? candidate.name : candidate.label;
}

/** What is still missing before a member may take part (score, inspect): empty when ready. */
export function checklistGaps(member: PanelMember): Array<'training' | 'consent' | 'parental_consent' | 'conflict' | 'rules'> {
  const gaps: Array<'training' | 'consent' | 'parental_consent' | 'conflict' | 'rules'> = [];
  if (!member.trainingDoneAt) gaps.push('training');
  if (!member.consentAt) gaps.push('consent');
  if (member.kind === 'young_person' && (member.ageBand === null || UNDER_16_BANDS.has(member.ageBand)) && !member.parentalConsentAt) gaps.push('parental_consent');
  if (member.conflict === null) gaps.push('conflict');
  if (!member.rulesAgreedAt) gaps.push('rules');
  return gaps;
}

// ── Personal codes and member sessions ────────────────────────────────────────────────────────────

/**
 * The cookie of a browser a young person signed in on with their code. Its path is the area
 * (`memberCookiePath`), not the panels' pages alone: a young inspector's pages are under
 * /a/<slug>/inspections, and a cookie scoped to /a/<slug>/panels never reached them.
 */
export const MEMBER_COOKIE = 'chorus_panel';
/** A member's session lasts a school term at most; "Sign out" ends it at once. */
export const MEMBER_SESSION_DAYS = 90;
/** 8 characters from the unambiguous alphabet, shown as ABCD-EFGH: 31^8 ≈ 850 billion. */
export const MEMBER_CODE_LENGTH = 8;

export function memberBase(areaSlug: string): string {
  return `/a/${areaSlug}/panels`;
}

/** Where the member cookie is sent: every page of the area (panels and young inspectors' pages). */
export function memberCookiePath(areaSlug: string): string {
  return `/a/${areaSlug}`;
}

/** A new personal code, shown once to the lead to give the young person (only its hash is kept). */
export function newMemberCode(): string {
  let code = '';
  for (let i = 0; i < MEMBER_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What someone typed as a code, canonical ("abcd efgh" → "ABCDEFGH"), or undefined if it cannot be one. */
export function parseMemberCode(typed: string): string | undefined {
  const canonical = typed.toUpperCase().replace(/[\s.\-–]/g, '');
  if (canonical.length !== MEMBER_CODE_LENGTH) return undefined;
  for (const c of canonical) if (!CODE_ALPHABET.includes(c)) return undefined;
  return canonical;
}

/** The stored hash of a code (hash the canonical form: "abcd-efgh" and "ABCDEFGH" are the same code). */
export function memberCodeHash(canonical: string): string {
  return hashToken(`panel-member:${canonical}`);
}

/** The token in a request's member cookie, if it carries a valid signed one. */
export function memberToken(request: FastifyRequest): string | undefined {
  const raw = request.cookies[MEMBER_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** The memberships a browser signed in to with a code (its session still current), on one panel or all. */
async function codeSessionMembers(tx: AreaTx, areaId: string, token: string, panelId?: string): Promise<PanelMember[]> {
  let query = tx
    .selectFrom('panel_member_session as s')
    .innerJoin('panel_member as m', (j) => j.onRef('m.id', '=', 's.member_id').onRef('m.area_id', '=', 's.area_id'))
    .select(MEMBER_COLUMNS.map((c) => `m.${c}` as const))
    .where('s.area_id', '=', areaId)
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', new Date())
    .where('m.removed_at', 'is', null);
  if (panelId) query = query.where('m.panel_id', '=', panelId);
  return (await query.execute()).map((r) => toMember(r as MemberRow));
}

/** A signed-in account's memberships (not removed), on one panel or all. */
async function accountMembers(tx: AreaTx, areaId: string, accountId: string, panelId?: string): Promise<PanelMember[]> {
  let query = tx.selectFrom('panel_member').select(MEMBER_COLUMNS).where('area_id', '=', areaId).where('account_id', '=', accountId).where('removed_at', 'is', null);
  if (panelId) query = query.where('panel_id', '=', panelId);
  return (await query.execute()).map(toMember);
}

/**
 * Who this request is on this panel: the signed-in account's membership, else the membership this
 * browser signed in to with a code (still current, not removed). Undefined for anyone else.
 */
export async function currentMember(tx: AreaTx, request: FastifyRequest, areaId: string, panelId: string): Promise<PanelMember | undefined> {
  const own = request.actor ? await accountMembers(tx, areaId, request.actor.accountId, panelId) : [];
  if (own[0]) return own[0];
  const token = memberToken(request);
  return token ? (await codeSessionMembers(tx, areaId, token, panelId))[0] : undefined;
}

/** Every panel membership of this request (account and code sessions), for "My panels". */
export async function currentMemberships(tx: AreaTx, request: FastifyRequest, areaId: string): Promise<PanelMember[]> {
  const out = request.actor ? await accountMembers(tx, areaId, request.actor.accountId) : [];
  const token = memberToken(request);
  if (token) for (const m of await codeSessionMembers(tx, areaId, token)) if (!out.some((o) => o.id === m.id)) out.push(m);
  return out;
}
