/**
 * The recognition ledger's contract (issue 17 §2). A person is one of: an account (young people,
 * parent carers), a panel member known only by their code, or someone who signed up to an event by
 * name; `person_key` ('a:…', 'm:…', 's:…') names them. Who took part in an activity is everyone
 * marked as having come (attendance) and everyone whose time was recorded (time_given, panels and
 * visits): `participantsOf`. Budgets' committed and left are worked out from their rewards:
 * `budgetFigures`. Money is in pence (src/lib/money.ts to read and show it).
 */
import { sql } from 'kysely';
import type { AreaTx } from '../../db/database.ts';

export type PersonRef = { accountId: string } | { panelMemberId: string } | { signupId: string };

export function personKey(person: PersonRef): string {
  if ('accountId' in person) return `a:${person.accountId}`;
  if ('panelMemberId' in person) return `m:${person.panelMemberId}`;
  return `s:${person.signupId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The person a key names, or null for anything that is not a well-formed key. */
export function parsePersonKey(key: string): PersonRef | null {
  const [kind, id] = [key.slice(0, 2), key.slice(2)];
  if (!UUID.test(id)) return null;
  if (kind === 'a:') return { accountId: id };
  if (kind === 'm:') return { panelMemberId: id };
  if (kind === 's:') return { signupId: id };
  return null;
}

/** The three person columns of a ledger row, exactly one set. */
export function personColumns(person: PersonRef): { account_id: string | null; panel_member_id: string | null; signup_id: string | null } {
  return {
    account_id: 'accountId' in person ? person.accountId : null,
    panel_member_id: 'panelMemberId' in person ? person.panelMemberId : null,
    signup_id: 'signupId' in person ? person.signupId : null,
  };
}

export type Participant = {
  activityId: string;
  key: string;
  person: PersonRef;
  /** What the lead calls them (their display name, panel name or the name they signed up with). Never in a report. */
  displayName: string;
  /** An account's young person or parent carer role in the area, if any (for the right words). */
  came: boolean;
  minutes: number;
};

/**
 * Everyone who took part in these activities: marked as having come, or with time recorded. One
 * query, whatever the number of activities or people.
 */
export async function participantsOf(tx: AreaTx, areaId: string, activityIds: readonly string[]): Promise<Participant[]> {
  if (activityIds.length === 0) return [];
  const ids = [...new Set(activityIds)];
  const rows = await sql<{ activity_id: string; person_key: string; account_id: string | null; panel_member_id: string | null; signup_id: string | null; display_name: string; came: boolean; minutes: number }>`
    WITH people AS (
      SELECT activity_id, account_id, panel_member_id, signup_id, true AS came, 0 AS minutes
        FROM attendance WHERE area_id = ${areaId} AND activity_id = ANY(${ids}::uuid[])
      UNION ALL
      SELECT activity_id, account_id, panel_member_id, NULL::uuid, false, minutes
        FROM time_given WHERE area_id = ${areaId} AND activity_id = ANY(${ids}::uuid[])
    ), keyed AS (
      SELECT activity_id, account_id, panel_member_id, signup_id, came, minutes,
             coalesce('a:' || account_id::text, 'm:' || panel_member_id::text, 's:' || signup_id::text) AS person_key
        FROM people
    )
    SELECT k.activity_id, k.person_key,
           (array_agg(k.account_id) FILTER (WHERE k.account_id IS NOT NULL))[1] AS account_id,
           (array_agg(k.panel_member_id) FILTER (WHERE k.panel_member_id IS NOT NULL))[1] AS panel_member_id,
           (array_agg(k.signup_id) FILTER (WHERE k.signup_id IS NOT NULL))[1] AS signup_id,
           coalesce(max(a.display_name), max(m.display_name), max(s.name), '') AS display_name,
           bool_or(k.came) AS came,
           sum(k.minutes)::int AS minutes
      FROM keyed k
      LEFT JOIN account a ON a.id = k.account_id
      LEFT JOIN panel_member m ON m.area_id = ${areaId} AND m.id = k.panel_member_id
      LEFT JOIN activity_signup s ON s.area_id = ${areaId} AND s.id = k.signup_id
     GROUP BY k.activity_id, k.person_key
     ORDER BY k.activity_id, display_name, k.person_key
  `.execute(tx);
  return rows.rows.map((r) => ({
    activityId: r.activity_id,
    key: r.person_key,
    person: r.account_id ? { accountId: r.account_id } : r.panel_member_id ? { panelMemberId: r.panel_member_id } : { signupId: r.signup_id! },
    displayName: r.display_name,
    came: r.came,
    minutes: r.minutes,
  }));
}

export type BudgetFigures = { amountPence: number; committedPence: number; leftPence: number };

/** Rewards that hold money: approved, issued or received (proposed and declined ones do not). */
export const COMMITTED_STATUSES = ['approved', 'issued', 'received'] as const;

/** Each budget's amount, what its rewards have committed, and what is left. One query. */
export async function budgetFigures(tx: AreaTx, areaId: string, budgetIds: readonly string[]): Promise<Map<string, BudgetFigures>> {
  if (budgetIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('recognition_budget as b')
    .leftJoin('reward as r', (join) => join.onRef('r.budget_id', '=', 'b.id').on('r.status', 'in', [...COMMITTED_STATUSES]))
    .select(['b.id', 'b.amount_pence', sql<string>`coalesce(sum(r.value_pence), 0)`.as('committed')])
    .where('b.area_id', '=', areaId)
    .where('b.id', 'in', [...new Set(budgetIds)])
    .groupBy(['b.id', 'b.amount_pence'])
    .execute();
  return new Map(rows.map((r) => {
    const amountPence = Number(r.amount_pence);
    const committedPence = Number(r.committed);
    return [r.id, { amountPence, committedPence, leftPence: amountPence - committedPence }];
  }));
}

/** The area's deadline for thanks: days after an activity ends (14 unless the area set another). */
export async function thanksDueDays(tx: AreaTx, areaId: string): Promise<number> {
  const row = await tx.selectFrom('recognition_setting').select('thanks_due_days').where('area_id', '=', areaId).executeTakeFirst();
  return row?.thanks_due_days ?? 14;
}
