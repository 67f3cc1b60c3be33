/**
 * A signed-in person's own page in an area (issue 12 §2), where children, young people and parent
 * carers land after signing in: what is open to them now, what they signed up for (with a way to
 * cancel), and what changed because of them. It only puts together what the activities and
 * feedback modules already say, through their services.
 */
import type { Db } from '../../db/database.ts';
import type { Translate } from '../../lib/messages/messages.ts';
import { haveYourSay } from '../activities/activities.service.ts';
import { listMySignups, type MySignup } from '../activities/signups.service.ts';
import { whatChanged } from '../feedback/my-views.service.ts';
import { impactOfferForAccount } from '../evaluation/index.ts';
import { countPartsGivenTo } from '../reports/reports.service.ts';
import { withArea } from '../../db/db.ts';
import { childrenOf } from './young-core.ts';

type OpenItems = Awaited<ReturnType<typeof haveYourSay>>;

export type YourPage = {
  /** Open surveys and upcoming activities, leaving out the ones the person already has a place at. */
  open: OpenItems;
  signups: MySignup[];
  /** How many things they told us (their own answers and the ones given with their child), and how many have an answer. */
  told: number;
  answered: number;
  /** The participant impact check, when it is due for them (evaluation module): first time, again, or not now. */
  impactDue: 'first' | 'again' | null;
  /** Parts of reports given to them to write (a forum's chair writing the forum's part), still open. */
  reportParts: number;
  /** Children whose accounts they are linked to as parent carer (issue 17): their pages are under /children. */
  children: number;
};

export async function yourPage(db: Db, area: { id: string; slug: string }, accountId: string, t: Translate, lang: string, roles: readonly string[] = []): Promise<YourPage> {
  const [open, signups, changed, impactDue, reportParts, children] = await Promise.all([
    haveYourSay(db, area, t, lang),
    listMySignups(db, area, accountId, t, lang),
    whatChanged(db, area.id, accountId),
    impactOfferForAccount(db, area.id, accountId, roles),
    countPartsGivenTo(db, area.id, accountId),
    withArea(db, area.id, (tx) => childrenOf(tx, area.id, accountId)),
  ]);
  const placeAt = new Set(signups.map((s) => s.href));
  return {
    open: { ...open, surveys: open.surveys, sessions: open.sessions.filter((s) => !placeAt.has(s.href)) },
    signups,
    told: changed.total,
    answered: changed.answered,
    impactDue,
    children: children.length,
    reportParts,
  };
}
