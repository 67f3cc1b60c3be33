/**
 * Recognition (issue 17 §2), the money half: budgets (for an organisation or an activity; committed
 * and left worked out from their rewards), rules ("£10 voucher per event attended") that propose one
 * reward per person and activity, approval in bulk that never takes a budget below zero, issuing
 * exactly once, received, declined, and a young person's own vouchers (codes shown there; in an
 * email only with their consent, recorded on the reward as `code_by_email_at`).
 *
 * Who may: `recognition.view` reads budgets; `recognition.approve` (leads) changes budgets and rules,
 * approves, issues and declines; `recognition.manage` (leads; practitioners for their own
 * organisation's activities) sees an activity's rewards and proposes them from the rules.
 *
 * Callable from the demo seed (db, areaId, actorId | null, plain input): createBudget, createRule,
 * proposeRewards, approveRewards, declineRewards, issueReward, markReceived.
 */
import { sql } from 'kysely';
import type { AreaTx, Db } from '../../db/database.ts';
import { withArea } from '../../db/db.ts';
import { can, type Actor } from '../../lib/authorisation.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { pounds } from '../../lib/money.ts';
import { getActivity, type Activity } from '../activities/activities.service.ts';
import { queueMessage } from '../notifications/queued-messages.service.ts';
import { audit } from '../privacy/audit.service.ts';
import { budgetFigures, COMMITTED_STATUSES, participantsOf, personColumns, type BudgetFigures } from './core.ts';

export type RewardKind = 'voucher' | 'payment';
export type RewardStatus = 'proposed' | 'approved' | 'issued' | 'received' | 'declined';
export type EarnedBy = 'attended' | 'time_given';

// ── Budgets ─────────────────────────────────────────────────────────────────────────────────────

export type Budget = {
  id: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
  activityId: string | null;
  activityTitle: string | null;
  version: number;
} & BudgetFigures;

/** The amount can never be set below what is already committed. */
export class BelowCommittedError extends Error {
  readonly committedPence: number;
  constructor(committedPence: number) {
    super('below committed');
    this.committedPence = committedPence;
  }
}

type BudgetRow = { id: string; name: string; organisation_id: string | null; organisation_name: string | null; activity_id: string | null; activity_title: string | null; version: number; amount_pence: string | number; committed: string | number };

/** Budgets with what is committed and left: one query however many budgets and rewards. */
async function budgetsWhere(tx: AreaTx, areaId: string, budgetId?: string): Promise<Budget[]> {
  const rows = await sql<BudgetRow>`
    SELECT b.id, b.name, b.organisation_id, o.name AS organisation_name, b.activity_id, a.title AS activity_title, b.version, b.amount_pence,
           coalesce((SELECT sum(r.value_pence) FROM reward r WHERE r.area_id = b.area_id AND r.budget_id = b.id AND r.status = ANY(${[...COMMITTED_STATUSES]}::text[])), 0) AS committed
      FROM recognition_budget b
      LEFT JOIN organisation o ON o.area_id = b.area_id AND o.id = b.organisation_id
      LEFT JOIN activity a ON a.area_id = b.area_id AND a.id = b.activity_id
     WHERE b.area_id = ${areaId} ${budgetId ? sql`AND b.id = ${budgetId}` : sql``}
     ORDER BY lower(b.name), b.id`.execute(tx);
  return rows.rows.map((r) => {
    const amountPence = Number(r.amount_pence);
    const committedPence = Number(r.committed);
    return {
      id: r.id, name: r.name, organisationId: r.organisation_id, organisationName: r.organisation_name, activityId: r.activity_id, activityTitle: r.activity_title,
      version: r.version, amountPence, committedPence, leftPence: amountPence - committedPence,
    };
  });
}

export function listBudgets(db: Db, areaId: string): Promise<Budget[]> {
  return withArea(db, areaId, (tx) => budgetsWhere(tx, areaId));
}

export async function findBudget(db: Db, areaId: string, budgetId: string): Promise<Budget> {
  const [budget] = await withArea(db, areaId, (tx) => budgetsWhere(tx, areaId, budgetId));
  if (!budget) throw new NotFoundError('budget');
  return budget;
}

export type BudgetInput = { name: string; organisationId?: string | null; activityId?: string | null; amountPence: number };

/** The organisation or activity a budget is for must be this area's: NotFoundError if not. */
async function checkScope(tx: AreaTx, areaId: string, input: BudgetInput): Promise<void> {
  if (input.organisationId) {
    const org = await tx.selectFrom('organisation').select('id').where('area_id', '=', areaId).where('id', '=', input.organisationId).executeTakeFirst();
    if (!org) throw new NotFoundError('organisation');
  }
  if (input.activityId) {
    const activity = await tx.selectFrom('activity').select('id').where('area_id', '=', areaId).where('id', '=', input.activityId).executeTakeFirst();
    if (!activity) throw new NotFoundError('activity');
  }
}

export async function createBudget(db: Db, areaId: string, actorId: string | null, input: BudgetInput): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await checkScope(tx, areaId, input);
    const row = await tx
      .insertInto('recognition_budget')
      .values({ area_id: areaId, name: input.name, organisation_id: input.organisationId ?? null, activity_id: input.activityId ?? null, amount_pence: input.amountPence, created_by: actorId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'recognition.budget.created', { type: 'recognition_budget', id: row.id, detail: { amountPence: input.amountPence } });
    return row.id;
  });
}

/**
 * Saves a budget. ConflictError if someone saved it since the form was made; BelowCommittedError if
 * the amount is below what its rewards already hold (the row is locked while that is checked, so an
 * approval cannot slip in between).
 */
export async function saveBudget(db: Db, areaId: string, actorId: string | null, budgetId: string, version: number, input: BudgetInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await checkScope(tx, areaId, input);
    const locked = await tx.selectFrom('recognition_budget').select(['id', 'version', 'amount_pence']).where('area_id', '=', areaId).where('id', '=', budgetId).forUpdate().executeTakeFirst();
    if (!locked) throw new NotFoundError('budget');
    if (locked.version !== version) throw new ConflictError('budget changed');
    const committed = (await budgetFigures(tx, areaId, [budgetId])).get(budgetId)!.committedPence;
    if (input.amountPence < committed) throw new BelowCommittedError(committed);
    await tx
      .updateTable('recognition_budget')
      .set({ name: input.name, organisation_id: input.organisationId ?? null, activity_id: input.activityId ?? null, amount_pence: input.amountPence, version: version + 1 })
      .where('area_id', '=', areaId)
      .where('id', '=', budgetId)
      .execute();
    await audit(tx, areaId, actorId, 'recognition.budget.changed', { type: 'recognition_budget', id: budgetId, detail: { amountPence: input.amountPence, before: Number(locked.amount_pence) } });
  });
}

// ── Rules ───────────────────────────────────────────────────────────────────────────────────────

export type Rule = {
  id: string;
  earnedBy: EarnedBy;
  kind: RewardKind;
  valuePence: number;
  voucherType: string;
  budgetId: string;
  budgetName: string;
  activityType: string | null;
  active: boolean;
};

export type RuleInput = { earnedBy: EarnedBy; kind: RewardKind; valuePence: number; voucherType?: string; budgetId: string; activityType?: string | null; active?: boolean };

function ruleQuery(tx: AreaTx, areaId: string) {
  return tx
    .selectFrom('reward_rule as r')
    .innerJoin('recognition_budget as b', (j) => j.onRef('b.id', '=', 'r.budget_id').onRef('b.area_id', '=', 'r.area_id'))
    .select(['r.id', 'r.earned_by', 'r.kind', 'r.value_pence', 'r.voucher_type', 'r.budget_id', 'b.name as budget_name', 'r.activity_type', 'r.active'])
    .where('r.area_id', '=', areaId);
}

type RuleRow = { id: string; earned_by: string; kind: string; value_pence: number; voucher_type: string; budget_id: string; budget_name: string; activity_type: string | null; active: boolean };
const toRule = (r: RuleRow): Rule => ({
  id: r.id, earnedBy: r.earned_by as EarnedBy, kind: r.kind as RewardKind, valuePence: r.value_pence, voucherType: r.voucher_type, budgetId: r.budget_id, budgetName: r.budget_name, activityType: r.activity_type, active: r.active,
});

export function listRules(db: Db, areaId: string): Promise<Rule[]> {
  return withArea(db, areaId, async (tx) => (await ruleQuery(tx, areaId).orderBy('r.active', 'desc').orderBy('r.created_at').execute()).map(toRule));
}

export async function findRule(db: Db, areaId: string, ruleId: string): Promise<Rule> {
  const row = await withArea(db, areaId, (tx) => ruleQuery(tx, areaId).where('r.id', '=', ruleId).executeTakeFirst());
  if (!row) throw new NotFoundError('rule');
  return toRule(row);
}

async function checkBudget(tx: AreaTx, areaId: string, budgetId: string): Promise<void> {
  const budget = await tx.selectFrom('recognition_budget').select('id').where('area_id', '=', areaId).where('id', '=', budgetId).executeTakeFirst();
  if (!budget) throw new NotFoundError('budget');
}

export async function createRule(db: Db, areaId: string, actorId: string | null, input: RuleInput): Promise<string> {
  return withArea(db, areaId, async (tx) => {
    await checkBudget(tx, areaId, input.budgetId);
    const row = await tx
      .insertInto('reward_rule')
      .values({
        area_id: areaId, earned_by: input.earnedBy, kind: input.kind, value_pence: input.valuePence, voucher_type: input.voucherType ?? '', budget_id: input.budgetId,
        activity_type: input.activityType ?? null, active: input.active ?? true, created_by: actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, areaId, actorId, 'recognition.rule.created', { type: 'reward_rule', id: row.id, detail: { valuePence: input.valuePence, kind: input.kind, earnedBy: input.earnedBy } });
    return row.id;
  });
}

/** Changes a rule (or turns it off): rewards it already proposed stay as they are. */
export async function saveRule(db: Db, areaId: string, actorId: string | null, ruleId: string, input: RuleInput): Promise<void> {
  await withArea(db, areaId, async (tx) => {
    await checkBudget(tx, areaId, input.budgetId);
    const updated = await tx
      .updateTable('reward_rule')
      .set({ earned_by: input.earnedBy, kind: input.kind, value_pence: input.valuePence, voucher_type: input.voucherType ?? '', budget_id: input.budgetId, activity_type: input.activityType ?? null, active: input.active ?? true })
      .where('area_id', '=', areaId)
      .where('id', '=', ruleId)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new NotFoundError('rule');
    await audit(tx, areaId, actorId, 'recognition.rule.changed', { type: 'reward_rule', id: ruleId, detail: { valuePence: input.valuePence, active: input.active ?? true } });
  });
}

// ── Rewards ─────────────────────────────────────────────────────────────────────────────────────

export type Reward = {
  id: string;
  activityId: string;
  activityTitle: string;
  personKey: string;
  accountId: string | null;
  /** What staff call them (display name, panel name or the name they signed up with). Never in a report. */
  displayName: string;
  kind: RewardKind;
  valuePence: number;
  voucherType: string;
  budgetId: string;
  budgetName: string;
  status: RewardStatus;
  proposedAt: Date;
  approvedAt: Date | null;
  approvedByName: string | null;
  issuedAt: Date | null;
  issuedByName: string | null;
  receivedAt: Date | null;
  hasCode: boolean;
  codeByEmail: boolean;
  /** Whether an email can reach them (only accounts with an address: nobody else is emailed). */
  hasEmail: boolean;
};

type RewardRow = {
  id: string; activity_id: string; activity_title: string; person_key: string; account_id: string | null; display_name: string; kind: string; value_pence: number; voucher_type: string;
  budget_id: string; budget_name: string; status: string; proposed_at: Date; approved_at: Date | null; approved_by_name: string | null; issued_at: Date | null; issued_by_name: string | null;
  received_at: Date | null; has_code: boolean; code_by_email_at: Date | null; has_email: boolean;
};

const REWARD_SELECT = sql`
  SELECT r.id, r.activity_id, act.title AS activity_title, r.person_key, r.account_id,
         coalesce(a.display_name, m.display_name, s.name, '') AS display_name,
         r.kind, r.value_pence, r.voucher_type, r.budget_id, b.name AS budget_name, r.status, r.proposed_at, r.approved_at, ap.display_name AS approved_by_name,
         r.issued_at, iss.display_name AS issued_by_name, r.received_at, (r.voucher_code IS NOT NULL) AS has_code, r.code_by_email_at, (a.email IS NOT NULL) AS has_email
    FROM reward r
    JOIN activity act ON act.area_id = r.area_id AND act.id = r.activity_id
    JOIN recognition_budget b ON b.area_id = r.area_id AND b.id = r.budget_id
    LEFT JOIN account a ON a.id = r.account_id
    LEFT JOIN panel_member m ON m.area_id = r.area_id AND m.id = r.panel_member_id
    LEFT JOIN activity_signup s ON s.area_id = r.area_id AND s.id = r.signup_id
    LEFT JOIN account ap ON ap.id = r.approved_by
    LEFT JOIN account iss ON iss.id = r.issued_by`;

const toReward = (r: RewardRow): Reward => ({
  id: r.id, activityId: r.activity_id, activityTitle: r.activity_title, personKey: r.person_key, accountId: r.account_id, displayName: r.display_name, kind: r.kind as RewardKind,
  valuePence: r.value_pence, voucherType: r.voucher_type, budgetId: r.budget_id, budgetName: r.budget_name, status: r.status as RewardStatus, proposedAt: r.proposed_at,
  approvedAt: r.approved_at, approvedByName: r.approved_by_name, issuedAt: r.issued_at, issuedByName: r.issued_by_name, receivedAt: r.received_at, hasCode: r.has_code,
  codeByEmail: r.code_by_email_at !== null,
  hasEmail: r.has_email,
});

async function rewardsWhere(tx: AreaTx, areaId: string, where: ReturnType<typeof sql>): Promise<Reward[]> {
  const rows = await sql<RewardRow>`${REWARD_SELECT} WHERE r.area_id = ${areaId} AND ${where} ORDER BY act.starts_at DESC NULLS LAST, display_name, r.proposed_at, r.id`.execute(tx);
  return rows.rows.map(toReward);
}

/** A person's rewards, for their record (part C): any number of person keys, one query. */
export function rewardsFor(tx: AreaTx, areaId: string, personKeys: readonly string[]): Promise<Reward[]> {
  if (personKeys.length === 0) return Promise.resolve([]);
  return rewardsWhere(tx, areaId, sql`r.person_key = ANY(${[...new Set(personKeys)]}::text[])`);
}

export function rewardsOfBudget(db: Db, areaId: string, budgetId: string): Promise<Reward[]> {
  return withArea(db, areaId, (tx) => rewardsWhere(tx, areaId, sql`r.budget_id = ${budgetId}`));
}

/** The activity, if this person may act on its rewards: ForbiddenError if not (NotFoundError for another area's). */
export async function authorisedActivity(db: Db, actor: Actor | null, areaId: string, activityId: string, action: 'recognition.manage' | 'recognition.approve' = 'recognition.manage'): Promise<Activity> {
  const activity = await getActivity(db, areaId, activityId);
  if (!can(actor, action, { areaId, organisationId: activity.organisationId })) throw new ForbiddenError(action);
  return activity;
}

export type ActivityRewards = { rewards: Reward[]; budgets: Budget[]; activeRules: number };

/** An activity's rewards and the budgets they come from: three queries however many people. */
export function activityRewards(db: Db, areaId: string, activityId: string): Promise<ActivityRewards> {
  return withArea(db, areaId, async (tx) => {
    const rewards = await rewardsWhere(tx, areaId, sql`r.activity_id = ${activityId}`);
    const budgetIds = new Set(rewards.map((r) => r.budgetId));
    const all = await budgetsWhere(tx, areaId);
    const rules = await tx.selectFrom('reward_rule').select(sql<number>`count(*)::int`.as('n')).where('area_id', '=', areaId).where('active', '=', true).executeTakeFirstOrThrow();
    return { rewards, budgets: all.filter((b) => budgetIds.has(b.id)), activeRules: rules.n };
  });
}

export async function findReward(db: Db, areaId: string, rewardId: string): Promise<Reward> {
  const [reward] = await withArea(db, areaId, (tx) => rewardsWhere(tx, areaId, sql`r.id = ${rewardId}`));
  if (!reward) throw new NotFoundError('reward');
  return reward;
}

/**
 * One reward per eligible participant per active rule (for this activity's type or every type):
 * attending earns an 'attended' rule, recorded time a 'time_given' rule. The unique index
 * reward_rule_once_idx makes it once: pressing again (or twice at once) adds nothing. The new ids.
 */
export async function proposeRewards(db: Db, areaId: string, actorId: string | null, activityId: string): Promise<string[]> {
  return withArea(db, areaId, async (tx) => {
    const activity = await tx.selectFrom('activity').select(['id', 'type']).where('area_id', '=', areaId).where('id', '=', activityId).executeTakeFirst();
    if (!activity) throw new NotFoundError('activity');
    const rules = await tx
      .selectFrom('reward_rule')
      .select(['id', 'earned_by', 'kind', 'value_pence', 'voucher_type', 'budget_id'])
      .where('area_id', '=', areaId)
      .where('active', '=', true)
      .where((eb) => eb.or([eb('activity_type', 'is', null), eb('activity_type', '=', activity.type)]))
      .orderBy('created_at')
      .execute();
    if (rules.length === 0) return [];
    const people = await participantsOf(tx, areaId, [activityId]);
    const values = rules.flatMap((rule) =>
      people
        .filter((p) => (rule.earned_by === 'attended' ? p.came : p.minutes > 0))
        .map((p) => ({
          area_id: areaId, activity_id: activityId, ...personColumns(p.person), kind: rule.kind, value_pence: rule.value_pence, voucher_type: rule.voucher_type, budget_id: rule.budget_id, rule_id: rule.id,
        })),
    );
    if (values.length === 0) return [];
    const inserted = await tx
      .insertInto('reward')
      .values(values)
      .onConflict((oc) => oc.columns(['rule_id', 'activity_id', 'person_key']).where('rule_id', 'is not', null).doNothing())
      .returning('id')
      .execute();
    if (inserted.length > 0) await audit(tx, areaId, actorId, 'recognition.rewards.proposed', { type: 'activity', id: activityId, detail: { count: inserted.length } });
    return inserted.map((r) => r.id);
  });
}

export type DidNotFit = { rewardId: string; displayName: string; valuePence: number; budgetName: string; leftPence: number };
export type Approval = { approved: string[]; didNotFit: DidNotFit[]; notProposed: string[] };

/**
 * Approves proposed rewards in the order given, in ONE transaction: each budget's row is locked
 * (SELECT … FOR UPDATE, in a fixed order so two approvals cannot deadlock), what is committed is
 * summed after the lock, and only rewards that fit are approved. A budget never goes below zero,
 * however many approvals run at once. `activityId` keeps the ids to one activity (the page's).
 */
export async function approveRewards(db: Db, areaId: string, actorId: string | null, rewardIds: readonly string[], activityId?: string): Promise<Approval> {
  const ids = [...new Set(rewardIds)];
  if (ids.length === 0) return { approved: [], didNotFit: [], notProposed: [] };
  return withArea(db, areaId, async (tx) => {
    const scope = activityId ? sql`AND r.activity_id = ${activityId}` : sql``;
    const found = await rewardsWhere(tx, areaId, sql`r.id = ANY(${ids}::uuid[]) ${scope}`);
    const byId = new Map(found.map((r) => [r.id, r]));
    const budgetIds = [...new Set(found.map((r) => r.budgetId))].sort();
    if (budgetIds.length > 0) {
      await tx.selectFrom('recognition_budget').select('id').where('area_id', '=', areaId).where('id', 'in', budgetIds).orderBy('id').forUpdate().execute();
    }
    const figures = await budgetFigures(tx, areaId, budgetIds);
    const left = new Map([...figures].map(([id, f]) => [id, f.leftPence]));
    const approved: string[] = [];
    const didNotFit: DidNotFit[] = [];
    const notProposed: string[] = [];
    // Statuses are read again under the locks: another approval may have taken some meanwhile.
    const current = found.length === 0 ? [] : await tx.selectFrom('reward').select(['id', 'status']).where('area_id', '=', areaId).where('id', 'in', found.map((r) => r.id)).execute();
    const status = new Map(current.map((r) => [r.id, r.status]));
    for (const id of ids) {
      const reward = byId.get(id);
      if (!reward || status.get(id) !== 'proposed') {
        notProposed.push(id);
        continue;
      }
      const room = left.get(reward.budgetId) ?? 0;
      if (reward.valuePence > room) {
        didNotFit.push({ rewardId: id, displayName: reward.displayName, valuePence: reward.valuePence, budgetName: reward.budgetName, leftPence: room });
        continue;
      }
      left.set(reward.budgetId, room - reward.valuePence);
      approved.push(id);
    }
    if (approved.length > 0) {
      await tx.updateTable('reward').set({ status: 'approved', approved_by: actorId, approved_at: new Date() }).where('area_id', '=', areaId).where('id', 'in', approved).where('status', '=', 'proposed').execute();
      // One audit line for the press, naming every reward it approved (the count of queries stays the same however many).
      const valuePence = approved.reduce((n, id) => n + byId.get(id)!.valuePence, 0);
      await audit(tx, areaId, actorId, 'recognition.rewards.approved', { type: 'reward', id: approved.length === 1 ? approved[0] : null, detail: { rewardIds: approved, count: approved.length, valuePence, budgetIds } });
    }
    return { approved, didNotFit, notProposed };
  });
}

/** Declines rewards not yet issued (proposed or approved: an approved one's money goes back). The ids declined. */
export async function declineRewards(db: Db, areaId: string, actorId: string | null, rewardIds: readonly string[], activityId?: string): Promise<string[]> {
  const ids = [...new Set(rewardIds)];
  if (ids.length === 0) return [];
  return withArea(db, areaId, async (tx) => {
    let query = tx.updateTable('reward').set({ status: 'declined' }).where('area_id', '=', areaId).where('id', 'in', ids).where('status', 'in', ['proposed', 'approved']);
    if (activityId) query = query.where('activity_id', '=', activityId);
    const declined = await query.returning('id').execute();
    if (declined.length > 0) await audit(tx, areaId, actorId, 'recognition.rewards.declined', { type: 'reward', id: declined.length === 1 ? declined[0]!.id : null, detail: { rewardIds: declined.map((d) => d.id), count: declined.length } });
    return declined.map((d) => d.id);
  });
}

export type IssueWords = { subject: string; body: (words: { what: string; value: string; activity: string; area: string; url: string; code: string | null }) => string };

const DEFAULT_WORDS: IssueWords = {
  subject: 'Your reward is ready',
  body: ({ what, value, activity, area, url, code }) =>
    [
      `Thank you for taking part in ${activity}.`,
      `Your ${what} (${value}) is ready.`,
      code ? `Your code: ${code}` : 'Your code is on your own page in Chorus. We do not put it in an email unless you ask us to.',
      `See it here: ${url}`,
      '',
      area,
    ].join('\n'),
};

/**
 * Issues an approved reward, optionally with its voucher code: EXACTLY ONCE (the update is
 * WHERE status = 'approved', so a second press, or two at once, changes nothing: 'already').
 * The person is emailed if they have an address; the code is in that email only if they consented.
 */
export async function issueReward(db: Db, areaId: string, actorId: string | null, rewardId: string, input: { voucherCode?: string | null; baseUrl?: string } = {}, words: IssueWords = DEFAULT_WORDS): Promise<'issued' | 'already'> {
  return withArea(db, areaId, async (tx) => {
    const code = input.voucherCode?.trim() || null;
    const updated = await tx
      .updateTable('reward')
      .set({ status: 'issued', issued_by: actorId, issued_at: new Date(), voucher_code: code })
      .where('area_id', '=', areaId)
      .where('id', '=', rewardId)
      .where('status', '=', 'approved')
      .returning(['id', 'account_id', 'kind', 'value_pence', 'voucher_type', 'code_by_email_at', 'activity_id'])
      .executeTakeFirst();
    if (!updated) {
      const exists = await tx.selectFrom('reward').select('id').where('area_id', '=', areaId).where('id', '=', rewardId).executeTakeFirst();
      if (!exists) throw new NotFoundError('reward');
      return 'already';
    }
    await audit(tx, areaId, actorId, 'recognition.reward.issued', { type: 'reward', id: rewardId, detail: { valuePence: updated.value_pence, withCode: code !== null } });
    if (updated.account_id) {
      const person = await tx
        .selectFrom('account')
        .leftJoin('young_person as y', (j) => j.onRef('y.account_id', '=', 'account.id').on('y.area_id', '=', areaId))
        .select(['account.email', 'y.id as young_id'])
        .where('account.id', '=', updated.account_id)
        .executeTakeFirst();
      if (person?.email) {
        const area = await tx.selectFrom('area').select(['name', 'slug']).where('id', '=', areaId).executeTakeFirstOrThrow();
        const activity = await tx.selectFrom('activity').select('title').where('area_id', '=', areaId).where('id', '=', updated.activity_id).executeTakeFirstOrThrow();
        const base = (input.baseUrl ?? '').replace(/\/$/, '');
        const url = person.young_id ? `${base}/a/${area.slug}/young/${person.young_id}/rewards` : `${base}/a/${area.slug}/me`;
        await queueMessage(tx, areaId, {
          purpose: 'reward_issued',
          channel: 'email',
          recipient: person.email,
          subject: words.subject,
          body: words.body({
            what: updated.voucher_type || updated.kind,
            value: pounds(updated.value_pence),
            activity: activity.title,
            area: area.name,
            url,
            code: updated.code_by_email_at && code ? code : null,
          }),
        });
      }
    }
    return 'issued';
  });
}

/** Marks an issued reward as received: once (WHERE status = 'issued'). */
export async function markReceived(db: Db, areaId: string, actorId: string | null, rewardId: string): Promise<'received' | 'already'> {
  return withArea(db, areaId, async (tx) => {
    const updated = await tx.updateTable('reward').set({ status: 'received', received_at: new Date() }).where('area_id', '=', areaId).where('id', '=', rewardId).where('status', '=', 'issued').returning('id').executeTakeFirst();
    if (!updated) {
      const exists = await tx.selectFrom('reward').select('id').where('area_id', '=', areaId).where('id', '=', rewardId).executeTakeFirst();
      if (!exists) throw new NotFoundError('reward');
      return 'already';
    }
    await audit(tx, areaId, actorId, 'recognition.reward.received', { type: 'reward', id: rewardId });
    return 'received';
  });
}

// ── A young person's own vouchers ───────────────────────────────────────────────────────────────

export type MyReward = Reward & { voucherCode: string | null };

/** A person's own rewards with their codes: only for their own page (or their parent carer's, when the page allows). */
export function myRewards(db: Db, areaId: string, accountId: string): Promise<MyReward[]> {
  return withArea(db, areaId, async (tx) => {
    const rewards = await rewardsWhere(tx, areaId, sql`r.account_id = ${accountId} AND r.status <> 'declined'`);
    if (rewards.length === 0) return [];
    const codes = await tx.selectFrom('reward').select(['id', 'voucher_code']).where('area_id', '=', areaId).where('id', 'in', rewards.map((r) => r.id)).execute();
    const code = new Map(codes.map((c) => [c.id, c.voucher_code]));
    return rewards.map((r) => ({ ...r, voucherCode: code.get(r.id) ?? null }));
  });
}

/** Records (or withdraws) consent to have this reward's code emailed, until it is issued. False if it cannot change now. */
export async function setCodeByEmail(db: Db, areaId: string, actorId: string | null, accountId: string, rewardId: string, consent: boolean): Promise<boolean> {
  return withArea(db, areaId, async (tx) => {
    const updated = await tx
      .updateTable('reward')
      .set({ code_by_email_at: consent ? new Date() : null })
      .where('area_id', '=', areaId)
      .where('id', '=', rewardId)
      .where('account_id', '=', accountId)
      .where('status', 'in', ['proposed', 'approved'])
      .returning('id')
      .executeTakeFirst();
    if (updated) await audit(tx, areaId, actorId, consent ? 'recognition.reward.code_by_email' : 'recognition.reward.code_by_email_withdrawn', { type: 'reward', id: rewardId });
    return Boolean(updated);
  });
}

// ── Figures for the report (part C builds the section) ──────────────────────────────────────────

export type RewardFigureRow = { id: string | null; count: number; spendPence: number };
export type RewardFigures = { given: number; spendPence: number; byActivity: RewardFigureRow[]; byOrganisation: RewardFigureRow[] };

/**
 * Rewards given (issued or received) with their issue date in [from, to): counts and spend in pence,
 * by activity and by the activity's organisation (null: none). No names. Two queries.
 */
export async function rewardFigures(tx: AreaTx, areaId: string, range: { from: Date; to: Date; activityIds?: readonly string[] }): Promise<RewardFigures> {
  const only = range.activityIds ? sql`AND r.activity_id = ANY(${[...range.activityIds]}::uuid[])` : sql``;
  if (range.activityIds && range.activityIds.length === 0) return { given: 0, spendPence: 0, byActivity: [], byOrganisation: [] };
  const base = sql`FROM reward r JOIN activity a ON a.area_id = r.area_id AND a.id = r.activity_id
    WHERE r.area_id = ${areaId} AND r.status IN ('issued', 'received') AND r.issued_at >= ${range.from} AND r.issued_at < ${range.to} ${only}`;
  const byActivity = await sql<{ id: string; count: number; spend: string }>`SELECT r.activity_id AS id, count(*)::int AS count, sum(r.value_pence)::bigint AS spend ${base} GROUP BY r.activity_id ORDER BY r.activity_id`.execute(tx);
  const byOrganisation = await sql<{ id: string | null; count: number; spend: string }>`SELECT a.organisation_id AS id, count(*)::int AS count, sum(r.value_pence)::bigint AS spend ${base} GROUP BY a.organisation_id ORDER BY a.organisation_id NULLS LAST`.execute(tx);
  const rows = (list: { id: string | null; count: number; spend: string }[]) => list.map((r) => ({ id: r.id, count: r.count, spendPence: Number(r.spend) }));
  const activities = rows(byActivity.rows);
  return {
    given: activities.reduce((n, r) => n + r.count, 0),
    spendPence: activities.reduce((n, r) => n + r.spendPence, 0),
    byActivity: activities,
    byOrganisation: rows(byOrganisation.rows),
  };
}
