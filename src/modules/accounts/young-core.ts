/**
 * A young person's own way in (issue 17 §1): the contract every part uses. A young person is an
 * account with no email address (decision 0032) plus a `young_person` row in one area: their age band,
 * the hash of their sign-in code and of their picture password, who manages the account, and whether
 * their parent carers may see their pages.
 *
 * THE rule for parent carers (`parentsMaySee`): under 13, yes unless staff recorded otherwise; 13 or
 * over, only if the young person chose yes. Every page under /a/:area/young/:youngPersonId asks
 * `actingFor` first: the young person themselves ('self'), a linked parent carer the rule allows
 * ('guardian'), or nobody (null: the page answers 404, never someone else's data).
 */
import { createHash } from 'node:crypto';
import type { AreaTx } from '../../db/database.ts';
import type { Actor } from '../../lib/authorisation.ts';

export type YoungPerson = {
  id: string;
  accountId: string;
  /** A first name or the name they chose: shown to them and the adults who work with them, never in a report. */
  displayName: string;
  ageBand: string;
  thirteenOrOver: boolean;
  managedBy: string | null;
  /** null: nobody chose (the default for their age applies). */
  parentsSee: boolean | null;
  parentsChoiceAt: Date | null;
  hasCode: boolean;
  hasPictures: boolean;
  version: number;
};

/** The age bands a young person's account may have (no date of birth is ever asked). */
export const YOUNG_AGE_BANDS = ['5_7', '8_11', '12_15', '16_18', '19_25'] as const;
/** Bands wholly under 13 and wholly 13 or over; '12_15' is asked ("Are you 13 or older?"). */
export const UNDER_13_BANDS: ReadonlySet<string> = new Set(['0_4', '5_7', '8_11']);
export const THIRTEEN_PLUS_BANDS: ReadonlySet<string> = new Set(['16_18', '19_25']);

type Row = { id: string; account_id: string; display_name: string; age_band: string; thirteen_or_over: boolean; managed_by: string | null; parents_see: boolean | null; parents_choice_at: Date | null; code_hash: string | null; pictures_hash: string | null; version: number };

const toYoungPerson = (r: Row): YoungPerson => ({
  id: r.id,
  accountId: r.account_id,
  displayName: r.display_name,
  ageBand: r.age_band,
  thirteenOrOver: r.thirteen_or_over,
  managedBy: r.managed_by,
  parentsSee: r.parents_see,
  parentsChoiceAt: r.parents_choice_at,
  hasCode: r.code_hash !== null,
  hasPictures: r.pictures_hash !== null,
  version: r.version,
});

const selectYoung = (tx: AreaTx, areaId: string) =>
  tx
    .selectFrom('young_person as y')
    .innerJoin('account as a', 'a.id', 'y.account_id')
    .select(['y.id', 'y.account_id', 'a.display_name', 'y.age_band', 'y.thirteen_or_over', 'y.managed_by', 'y.parents_see', 'y.parents_choice_at', 'y.code_hash', 'y.pictures_hash', 'y.version'])
    .where('y.area_id', '=', areaId)
    .where('a.disabled_at', 'is', null);

export async function findYoungPerson(tx: AreaTx, areaId: string, youngPersonId: string): Promise<YoungPerson | undefined> {
  const row = await selectYoung(tx, areaId).where('y.id', '=', youngPersonId).executeTakeFirst();
  return row && toYoungPerson(row);
}

/** The young person this account is, in this area (undefined for everyone else). */
export async function youngPersonOfAccount(tx: AreaTx, areaId: string, accountId: string): Promise<YoungPerson | undefined> {
  const row = await selectYoung(tx, areaId).where('y.account_id', '=', accountId).executeTakeFirst();
  return row && toYoungPerson(row);
}

/** Every young person of an area, by name (for staff: the list of who has a sign-in). One query. */
export async function listYoungIn(tx: AreaTx, areaId: string): Promise<YoungPerson[]> {
  return (await selectYoung(tx, areaId).orderBy('a.display_name').execute()).map(toYoungPerson);
}

/** The children a parent carer is linked to in this area (whether or not they may see their pages). */
export async function childrenOf(tx: AreaTx, areaId: string, parentAccountId: string): Promise<YoungPerson[]> {
  const rows = await selectYoung(tx, areaId)
    .where((eb) => eb.exists(eb.selectFrom('young_guardian as g').select('g.id').whereRef('g.young_person_id', '=', 'y.id').where('g.account_id', '=', parentAccountId)))
    .orderBy('a.display_name')
    .execute();
  return rows.map(toYoungPerson);
}

/** Under 13: yes unless recorded otherwise. 13 or over: only if the young person chose yes. */
export function parentsMaySee(young: Pick<YoungPerson, 'thirteenOrOver' | 'parentsSee'>): boolean {
  return young.thirteenOrOver ? young.parentsSee === true : young.parentsSee !== false;
}

/** Whether the age band leaves "13 or over?" to be asked, and the answer when it does not. */
export function thirteenOrOverFor(ageBand: string): boolean | 'ask' {
  if (UNDER_13_BANDS.has(ageBand)) return false;
  if (THIRTEEN_PLUS_BANDS.has(ageBand)) return true;
  return 'ask';
}

/**
 * Who the signed-in actor is to this young person: themselves, a linked parent carer the rule lets
 * see their pages, or nobody. Staff are nobody here: they reach a young person's things through
 * their own pages and rights (a share, a volunteer match), never by opening the young person's pages.
 */
export async function actingFor(tx: AreaTx, areaId: string, actor: Actor | null, youngPersonId: string): Promise<{ young: YoungPerson; as: 'self' | 'guardian' } | null> {
  if (!actor) return null;
  const young = await findYoungPerson(tx, areaId, youngPersonId);
  if (!young) return null;
  if (young.accountId === actor.accountId) return { young, as: 'self' };
  if (!parentsMaySee(young)) return null;
  const link = await tx.selectFrom('young_guardian').select('id').where('area_id', '=', areaId).where('young_person_id', '=', young.id).where('account_id', '=', actor.accountId).executeTakeFirst();
  return link ? { young, as: 'guardian' } : null;
}

/** A young person's sign-in code: 8 characters from the unambiguous alphabet, shown as ABCD-EFGH. */
export function youngCodeHash(canonical: string): string {
  return createHash('sha256').update(`young:${canonical}`).digest('hex');
}
