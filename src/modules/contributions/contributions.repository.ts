/**
 * SQL for contributions, their redactions and the area's own redaction lists.
 *
 * original_text leaves this file in two places only: findOriginal (for recomputing the redacted text
 * and for the audited "show the original"), never in a list or a summary.
 */
import { sql, type ExpressionBuilder, type Insertable, type OnConflictBuilder } from 'kysely';
import type { AreaTx, Database, ContributionSource } from '../../db/database.ts';
import { REDACTION_VERSION, type RedactionKind, type Span } from './redaction.ts';

export type NewContributionRow = {
  activityId: string;
  questionId: string | null;
  responseId: string;
  accountId: string | null;
  supporterRelationship: string | null;
  receiptCode: string;
  source: ContributionSource;
  originalText: string;
  redactedText: string;
  needsReview: boolean;
  spans: Span[];
  /** Held for a safeguarding lead (the insert must then run with the safeguarding wall lowered). */
  safeguardingHold?: boolean;
};

/**
 * Inserts a contribution and its automatic redactions, once: a replay of the same answer adds
 * nothing (and returns undefined).
 */
export function insertContribution(tx: AreaTx, areaId: string, c: NewContributionRow): Promise<string | undefined> {
  return insertOnce(tx, areaId, c.spans, {
    values: {
      activity_id: c.activityId,
      question_id: c.questionId,
      response_id: c.responseId,
      account_id: c.accountId,
      supporter_relationship: c.supporterRelationship,
      receipt_code: c.receiptCode,
      source: c.source,
      original_text: c.originalText,
      redacted_text: c.redactedText,
      needs_review: c.needsReview,
      safeguarding_hold: c.safeguardingHold ?? false,
    },
    once: 'answer',
  });
}

/**
 * Each channel's "once": a survey answer per response, question and source; a live answer or post
 * per response and live key; a panel's or an inspection's per area, channel and source key.
 */
const ONCE = {
  answer: (oc: OnConflict) => oc.columns(['response_id', 'question_id', 'source']).where('response_id', 'is not', null).where('live_key', 'is', null).where('source_key', 'is', null),
  live: (oc: OnConflict) => oc.columns(['response_id', 'live_key']).where('live_key', 'is not', null),
  channel: (oc: OnConflict) => oc.columns(['area_id', 'channel', 'source_key']).where('source_key', 'is not', null),
};
type OnConflict = OnConflictBuilder<Database, 'contribution'>;

/** The one insert of a contribution row and its automatic redactions; undefined when it was already there. */
async function insertOnce(
  tx: AreaTx,
  areaId: string,
  spans: readonly Span[],
  row: { values: Omit<Insertable<Database['contribution']>, 'area_id' | 'redaction_version'>; once: keyof typeof ONCE },
): Promise<string | undefined> {
  const inserted = await tx
    .insertInto('contribution')
    .values({ ...row.values, area_id: areaId, redaction_version: REDACTION_VERSION })
    .onConflict((oc) => ONCE[row.once](oc).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  if (spans.length > 0) {
    await tx
      .insertInto('redaction')
      .values(spans.map((s) => ({ area_id: areaId, contribution_id: inserted.id, start_offset: s.start, end_offset: s.end, kind: s.kind, method: 'automatic' as const })))
      .execute();
  }
  return inserted.id;
}

/** The area's own lists for redaction: its terms, and the names of everyone with a role in it. */
export async function redactionLists(tx: AreaTx, areaId: string): Promise<{ names: string[]; schools: string[]; places: string[] }> {
  const terms = await tx.selectFrom('redaction_term').select(['kind', 'term']).where('area_id', '=', areaId).execute();
  const people = await tx
    .selectFrom('area_membership')
    .innerJoin('account', 'account.id', 'area_membership.account_id')
    .select('account.display_name')
    .where('area_membership.area_id', '=', areaId)
    .distinct()
    .execute();
  return {
    names: [...terms.filter((t) => t.kind === 'name').map((t) => t.term), ...people.map((p) => p.display_name)],
    schools: terms.filter((t) => t.kind === 'school').map((t) => t.term),
    places: terms.filter((t) => t.kind === 'place').map((t) => t.term),
  };
}

// ── Reading contributions ─────────────────────────────────────────────────────────────────────────

export type ContributionFilter = {
  /** A question id, or 'anything_else' for the "anything else?" answers (which have no question). */
  question?: string;
  /** Calendar days (YYYY-MM-DD, Europe/London), both inclusive. */
  from?: string;
  to?: string;
  support?: 'yes' | 'no';
  /** Only contributions whose redactions a person has not checked yet. */
  toReview?: boolean;
  visibility?: 'visible' | 'hidden';
};

export type ContributionSummary = {
  id: string;
  activityId: string;
  questionId: string | null;
  source: ContributionSource;
  createdAt: Date;
  supporterRelationship: string | null;
  receiptCode: string | null;
  redactedText: string;
  needsReview: boolean;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  /** When the retention schedule replaced the original words with this redacted copy. */
  originalDeletedAt: Date | null;
  /** For a live session's contribution (issue 15), the interaction's prompt: what was asked. */
  livePrompt: string | null;
};

/** The prompt of a live contribution's interaction (null for a survey's), read with each contribution. */
const livePromptColumn = (eb: ExpressionBuilder<Database, 'contribution'>) =>
  eb.selectFrom('live_interaction').select('live_interaction.prompt').whereRef('live_interaction.id', '=', 'contribution.live_interaction_id').as('live_prompt');

const SUMMARY_COLUMNS = [
  'contribution.id',
  'contribution.activity_id',
  'contribution.question_id',
  'contribution.source',
  'contribution.created_at',
  'contribution.supporter_relationship',
  'contribution.receipt_code',
  'contribution.redacted_text',
  'contribution.needs_review',
  'contribution.hidden_at',
  'contribution.hidden_reason',
  'contribution.original_deleted_at',
] as const;

type SummaryRow = {
  id: string;
  activity_id: string;
  question_id: string | null;
  source: ContributionSummary['source'];
  created_at: Date;
  supporter_relationship: string | null;
  receipt_code: string | null;
  redacted_text: string;
  needs_review: boolean;
  hidden_at: Date | null;
  hidden_reason: string | null;
  original_deleted_at: Date | null;
  live_prompt: string | null;
};

function toSummary(row: SummaryRow): ContributionSummary {
  return {
    id: row.id,
    activityId: row.activity_id,
    questionId: row.question_id,
    source: row.source,
    createdAt: row.created_at,
    supporterRelationship: row.supporter_relationship,
    receiptCode: row.receipt_code,
    redactedText: row.redacted_text,
    needsReview: row.needs_review,
    hiddenAt: row.hidden_at,
    originalDeletedAt: row.original_deleted_at,
    hiddenReason: row.hidden_reason,
    livePrompt: row.live_prompt,
  };
}

/** The start of a calendar day in England, as an instant (so "from 1 June" means midnight BST). */
const londonDay = (day: string) => sql<Date>`(${day}::date::timestamp at time zone 'Europe/London')`;
const nextLondonDay = (day: string) => sql<Date>`((${day}::date + 1)::timestamp at time zone 'Europe/London')`;

function filtered(eb: ExpressionBuilder<Database, 'contribution'>, areaId: string, activityId: string, f: ContributionFilter) {
  const conditions = [eb('contribution.area_id', '=', areaId), eb('contribution.activity_id', '=', activityId)];
  if (f.question === 'anything_else') conditions.push(eb('contribution.source', '=', 'anything_else'));
  else if (f.question) conditions.push(eb('contribution.question_id', '=', f.question));
  if (f.from) conditions.push(eb('contribution.created_at', '>=', londonDay(f.from)));
  if (f.to) conditions.push(eb('contribution.created_at', '<', nextLondonDay(f.to)));
  if (f.support === 'yes') conditions.push(eb('contribution.supporter_relationship', 'is not', null));
  if (f.support === 'no') conditions.push(eb('contribution.supporter_relationship', 'is', null));
  if (f.toReview) conditions.push(eb('contribution.needs_review', '=', true));
  if (f.visibility === 'visible') conditions.push(eb('contribution.hidden_at', 'is', null));
  if (f.visibility === 'hidden') conditions.push(eb('contribution.hidden_at', 'is not', null));
  return eb.and(conditions);
}

/** One page of an activity's contributions, newest first: one query whatever the page size. */
export async function listContributions(
  tx: AreaTx,
  areaId: string,
  activityId: string,
  filter: ContributionFilter,
  page: { limit: number; offset: number },
): Promise<ContributionSummary[]> {
  const rows = await tx
    .selectFrom('contribution')
    .select(SUMMARY_COLUMNS)
    .select(livePromptColumn)
    .where((eb) => filtered(eb, areaId, activityId, filter))
    .orderBy('contribution.created_at', 'desc')
    .orderBy('contribution.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toSummary);
}

export async function countContributions(tx: AreaTx, areaId: string, activityId: string, filter: ContributionFilter): Promise<number> {
  const row = await tx
    .selectFrom('contribution')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => filtered(eb, areaId, activityId, filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A contribution of this activity (never its original words), or undefined. */
export async function findContribution(tx: AreaTx, areaId: string, activityId: string, id: string): Promise<ContributionSummary | undefined> {
  const row = await tx
    .selectFrom('contribution')
    .select(SUMMARY_COLUMNS)
    .select(livePromptColumn)
    .where('contribution.area_id', '=', areaId)
    .where('contribution.activity_id', '=', activityId)
    .where('contribution.id', '=', id)
    .executeTakeFirst();
  return row && toSummary(row);
}

/**
 * The words as the person wrote them. With forUpdate the row is locked until the transaction ends,
 * so two reviewers changing redactions at once cannot each recompute the text from a stale set.
 */
export async function findOriginal(tx: AreaTx, areaId: string, activityId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<string | undefined> {
  let query = tx
    .selectFrom('contribution')
    .select('original_text')
    .where('area_id', '=', areaId)
    .where('activity_id', '=', activityId)
    .where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst())?.original_text;
}

// ── Redactions ────────────────────────────────────────────────────────────────────────────────────

export type Redaction = Span & {
  id: string;
  method: 'automatic' | 'lead';
  createdAt: Date;
  undoneAt: Date | null;
};

/** Every redaction of a contribution, undone ones included, in the order they appear in the text. */
export async function listRedactions(tx: AreaTx, areaId: string, contributionId: string): Promise<Redaction[]> {
  const rows = await tx
    .selectFrom('redaction')
    .select(['id', 'start_offset', 'end_offset', 'kind', 'method', 'created_at', 'undone_at'])
    .where('area_id', '=', areaId)
    .where('contribution_id', '=', contributionId)
    .orderBy('start_offset')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, start: r.start_offset, end: r.end_offset, kind: r.kind as RedactionKind, method: r.method, createdAt: r.created_at, undoneAt: r.undone_at }));
}

export async function insertLeadRedactions(tx: AreaTx, areaId: string, contributionId: string, actorId: string, spans: readonly Span[]): Promise<void> {
  if (spans.length === 0) return;
  await tx
    .insertInto('redaction')
    .values(spans.map((s) => ({ area_id: areaId, contribution_id: contributionId, start_offset: s.start, end_offset: s.end, kind: s.kind, method: 'lead' as const, created_by: actorId })))
    .execute();
}

/** Marks one redaction undone; returns it, or undefined if it was already undone (or is not there). */
export async function undoRedaction(tx: AreaTx, areaId: string, contributionId: string, redactionId: string, actorId: string): Promise<{ kind: string; method: string } | undefined> {
  return tx
    .updateTable('redaction')
    .set({ undone_at: sql`now()`, undone_by: actorId })
    .where('area_id', '=', areaId)
    .where('contribution_id', '=', contributionId)
    .where('id', '=', redactionId)
    .where('undone_at', 'is', null)
    .returning(['kind', 'method'])
    .executeTakeFirst();
}

export async function setRedactedText(tx: AreaTx, areaId: string, id: string, redactedText: string): Promise<void> {
  await tx.updateTable('contribution').set({ redacted_text: redactedText }).where('area_id', '=', areaId).where('id', '=', id).execute();
}

/** Clears "needs review"; true if it was set (so a second click records nothing new). */
export async function markReviewed(tx: AreaTx, areaId: string, id: string): Promise<boolean> {
  const row = await tx.updateTable('contribution').set({ needs_review: false }).where('area_id', '=', areaId).where('id', '=', id).where('needs_review', '=', true).returning('id').executeTakeFirst();
  return Boolean(row);
}

// ── Moderation ────────────────────────────────────────────────────────────────────────────────────

/** Hides a contribution; true if it was visible (hiding twice keeps the first reason). */
export async function hideContribution(tx: AreaTx, areaId: string, id: string, actorId: string, reason: string): Promise<boolean> {
  const row = await tx
    .updateTable('contribution')
    .set({ hidden_at: sql`now()`, hidden_reason: reason, hidden_by: actorId })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('hidden_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export async function unhideContribution(tx: AreaTx, areaId: string, id: string): Promise<boolean> {
  const row = await tx
    .updateTable('contribution')
    .set({ hidden_at: null, hidden_reason: null, hidden_by: null })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .where('hidden_at', 'is not', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

// ── The area's redaction lists ────────────────────────────────────────────────────────────────────

export type TermKind = 'name' | 'school' | 'place';
export type RedactionTerm = { id: string; kind: TermKind; term: string };

export async function listTerms(tx: AreaTx, areaId: string): Promise<RedactionTerm[]> {
  const rows = await tx.selectFrom('redaction_term').select(['id', 'kind', 'term']).where('area_id', '=', areaId).orderBy(sql`lower(term)`).orderBy('id').execute();
  return rows;
}

/** Adds terms; one already on the list (in any letter case) is skipped. Returns how many were new. */
export async function insertTerms(tx: AreaTx, areaId: string, terms: ReadonlyArray<{ kind: TermKind; term: string }>): Promise<number> {
  if (terms.length === 0) return 0;
  const rows = await tx
    .insertInto('redaction_term')
    .values(terms.map((t) => ({ area_id: areaId, kind: t.kind, term: t.term })))
    // The unique index is on lower(term): any clash with it means "already listed".
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

export async function deleteTerms(tx: AreaTx, areaId: string, ids: readonly string[]): Promise<Array<{ kind: TermKind }>> {
  if (ids.length === 0) return [];
  return tx.deleteFrom('redaction_term').where('area_id', '=', areaId).where('id', 'in', [...ids]).returning('kind').execute();
}

/** Contributions an older redaction engine read, whose original words are still kept: the next few to read again. */
export async function listToRescan(tx: AreaTx, areaId: string, limit: number): Promise<Array<{ id: string; original: string; redacted: string }>> {
  const rows = await tx
    .selectFrom('contribution')
    .select(['id', 'original_text', 'redacted_text'])
    .where('area_id', '=', areaId)
    .where('redaction_version', '<', REDACTION_VERSION)
    .where('original_deleted_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({ id: r.id, original: r.original_text, redacted: r.redacted_text }));
}

/** Adds automatic redactions found by a newer engine, with the new redacted text; marks it read and, when anything was added, to be reviewed. */
export async function applyRescan(tx: AreaTx, areaId: string, id: string, added: readonly Span[], redactedText: string): Promise<void> {
  if (added.length > 0) {
    await tx
      .insertInto('redaction')
      .values(added.map((s) => ({ area_id: areaId, contribution_id: id, start_offset: s.start, end_offset: s.end, kind: s.kind, method: 'automatic' as const })))
      .execute();
  }
  await tx
    .updateTable('contribution')
    .set({ redaction_version: REDACTION_VERSION, ...(added.length > 0 ? { redacted_text: redactedText, needs_review: true } : {}) })
    .where('area_id', '=', areaId)
    .where('id', '=', id)
    .execute();
}

// ── Removed details checked in batches ───────────────────────────────────────────────────────────

/** A contribution of an activity with an automatic removal nobody has checked yet, with all its removals. */
export type BatchContribution = { id: string; original: string; createdAt: Date; redactions: Array<Redaction & { confirmedAt: Date | null }> };

/**
 * The activity's contributions that hold an automatic removal nobody has kept or undone yet (whose
 * original words are still kept: after the retention schedule there is nothing to put back), with
 * every removal of each, oldest contribution first. At most `limit` contributions.
 */
export async function listBatchContributions(tx: AreaTx, areaId: string, activityId: string, limit: number): Promise<BatchContribution[]> {
  const contributions = await tx
    .selectFrom('contribution as c')
    .select(['c.id', 'c.original_text', 'c.created_at'])
    .where('c.area_id', '=', areaId)
    .where('c.activity_id', '=', activityId)
    .where('c.original_deleted_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('redaction as r')
          .select(sql`1`.as('one'))
          .whereRef('r.contribution_id', '=', 'c.id')
          .where('r.area_id', '=', areaId)
          .where('r.method', '=', 'automatic')
          .where('r.undone_at', 'is', null)
          .where('r.confirmed_at', 'is', null),
      ),
    )
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  if (contributions.length === 0) return [];
  const rows = await tx
    .selectFrom('redaction')
    .select(['id', 'contribution_id', 'start_offset', 'end_offset', 'kind', 'method', 'created_at', 'undone_at', 'confirmed_at'])
    .where('area_id', '=', areaId)
    .where('contribution_id', 'in', contributions.map((c) => c.id))
    .orderBy('start_offset')
    .orderBy('created_at')
    .execute();
  return contributions.map((c) => ({
    id: c.id,
    original: c.original_text,
    createdAt: c.created_at,
    redactions: rows
      .filter((r) => r.contribution_id === c.id)
      .map((r) => ({ id: r.id, start: r.start_offset, end: r.end_offset, kind: r.kind as RedactionKind, method: r.method, createdAt: r.created_at, undoneAt: r.undone_at, confirmedAt: r.confirmed_at })),
  }));
}

/**
 * Of these removals, the ones still open to a decision in this activity (automatic, not undone, not
 * kept yet), with their contribution: anything else posted is ignored.
 */
export async function findOpenRedactions(tx: AreaTx, areaId: string, activityId: string, ids: readonly string[]): Promise<Array<{ id: string; contributionId: string; kind: string }>> {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('redaction as r')
    .innerJoin('contribution as c', (join) => join.onRef('c.id', '=', 'r.contribution_id').onRef('c.area_id', '=', 'r.area_id'))
    .select(['r.id', 'r.contribution_id', 'r.kind'])
    .where('r.area_id', '=', areaId)
    .where('c.activity_id', '=', activityId)
    .where('c.original_deleted_at', 'is', null)
    .where('r.id', 'in', [...ids])
    .where('r.method', '=', 'automatic')
    .where('r.undone_at', 'is', null)
    .where('r.confirmed_at', 'is', null)
    .execute();
  return rows.map((r) => ({ id: r.id, contributionId: r.contribution_id, kind: r.kind }));
}

/** Keeps these removals (a reviewer checked them); returns how many changed. */
export async function confirmRedactions(tx: AreaTx, areaId: string, ids: readonly string[], actorId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .updateTable('redaction')
    .set({ confirmed_at: sql`now()`, confirmed_by: actorId })
    .where('area_id', '=', areaId)
    .where('id', 'in', [...ids])
    .where('undone_at', 'is', null)
    .where('confirmed_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

// ── Live sessions (issue 15) ──────────────────────────────────────────────────────────────────────

/** A live answer or post as a contribution: where it came from in the session, hidden when a facilitator hid it. */
export type NewLiveContributionRow = Omit<NewContributionRow, 'questionId' | 'source' | 'accountId' | 'supporterRelationship'> & {
  liveSessionId: string;
  liveInteractionId: string;
  liveKey: string;
  hidden: { reason: string; by: string | null } | null;
};

/** Inserts a live contribution once per response and live key: a second run adds nothing (undefined). */
export function insertLiveContribution(tx: AreaTx, areaId: string, c: NewLiveContributionRow): Promise<string | undefined> {
  return insertOnce(tx, areaId, c.spans, {
    values: {
      activity_id: c.activityId,
      question_id: null,
      response_id: c.responseId,
      account_id: null,
      supporter_relationship: null,
      receipt_code: c.receiptCode,
      source: 'live',
      channel: 'live',
      live_session_id: c.liveSessionId,
      live_interaction_id: c.liveInteractionId,
      live_key: c.liveKey,
      original_text: c.originalText,
      redacted_text: c.redactedText,
      needs_review: c.needsReview,
      safeguarding_hold: c.safeguardingHold ?? false,
      ...(c.hidden ? { hidden_at: new Date(), hidden_reason: c.hidden.reason, hidden_by: c.hidden.by } : {}),
    },
    once: 'live',
  });
}

// ── Panels and inspections (issue 16) ─────────────────────────────────────────────────────────────

/** A panel member's debrief or an inspector's finding: no response behind it, named by its source key. */
export type NewChannelContributionRow = Omit<NewContributionRow, 'questionId' | 'source' | 'responseId' | 'receiptCode' | 'supporterRelationship'> & {
  channel: 'panel' | 'inspection';
  sourceKey: string;
};

/** Inserts a panel's or an inspection's contribution once per source key: a second run adds nothing. */
export function insertChannelContribution(tx: AreaTx, areaId: string, c: NewChannelContributionRow): Promise<string | undefined> {
  return insertOnce(tx, areaId, c.spans, {
    values: {
      activity_id: c.activityId,
      question_id: null,
      response_id: null,
      account_id: c.accountId,
      supporter_relationship: null,
      receipt_code: null,
      source: c.channel,
      channel: c.channel,
      source_key: c.sourceKey,
      original_text: c.originalText,
      redacted_text: c.redactedText,
      needs_review: c.needsReview,
      safeguarding_hold: c.safeguardingHold ?? false,
    },
    once: 'channel',
  });
}
