/**
 * Demo data for issue 13: ladders. The area keeps Hart's ladder (the default). Every demo activity
 * gets a planned level and who will decide; every one that has opened gets an achieved level with
 * staff's reasons (a draft has not happened, so it cannot be rated: the hurried EHCP meeting stays
 * planned only, and its checklist warns that co-design needs more notice and someone to decide).
 *
 * The children's survey is rated co-design by staff. The participants' rating seed has the young
 * people say "Grown-ups asked us" (consult), so the demo shows staff and young people disagreeing.
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../lib/authorisation.ts';
import { listActivities, updateActivity, type Activity, type ActivityInput } from '../modules/activities/activities.service.ts';
import { listForumsAndBoards } from '../modules/areas/areas.service.ts';
import { areaLadder, rateActivityLevel } from '../modules/evaluation/ladders.service.ts';
import type { DemoActivities } from './seed-activities.ts';
import type { EvaluationSeedIds } from './seed-evaluation.ts';

type Plan = { planned: string; decidedBy: 'board' | string | null; achieved?: { rung: string; justification: string } };

/** What each demo activity planned and achieved, by its title (the two surveys by their ids). */
function planFor(activity: Activity, activities: DemoActivities): Plan {
  if (activity.id === activities.childrenSurveyId) {
    return {
      planned: 'hart.adult_initiated_shared',
      decidedBy: 'board',
      achieved: {
        rung: 'hart.adult_initiated_shared',
        justification: 'Young people from Riverside Youth Voice chose the questions and the pictures with us, and they will choose which ideas go to the SEND board first.',
      },
    };
  }
  if (activity.id === activities.parentSurveyId) {
    return {
      planned: 'hart.consulted_informed',
      decidedBy: 'Head of SEND, Riverside Council',
      achieved: { rung: 'hart.consulted_informed', justification: 'We asked parent carers what works about short breaks. The council decides what changes, and will say why in "You said, we did".' },
    };
  }
  if (activity.type === 'workshop') {
    return {
      planned: 'hart.adult_initiated_shared',
      decidedBy: 'board',
      achieved: { rung: 'hart.adult_initiated_shared', justification: 'Rated after the first planning session: families chose which pages come first and the words for the search. The forum and the council sign off the design together.' },
    };
  }
  if (activity.status === 'draft') {
    // The hurried meeting: planned as co-design, with three days' notice and nobody named to decide.
    return { planned: 'hart.adult_initiated_shared', decidedBy: null };
  }
  // Any other (the closed survey about moving on to college, whose feedback is overdue): planned as
  // a consultation, achieved less, because nobody has told people what happened to their views.
  return {
    planned: 'hart.consulted_informed',
    decidedBy: 'Head of SEND, Riverside Council',
    achieved: { rung: 'hart.tokenism', justification: 'We asked, but we have not yet told young people and families what we will do with their answers. Until we do, it is closer to tokenism than a real consultation.' },
  };
}

export async function seedDemoLadders(db: Db, areaId: string, activities: DemoActivities, ids: EvaluationSeedIds, now: Date): Promise<void> {
  void now;
  const { boards } = await listForumsAndBoards(db, areaId);
  const ladder = await areaLadder(db, areaId);
  const board = boards[0];
  const lead: Actor = { accountId: ids.leadId, email: '', displayName: '', isOperator: false, rolesByArea: new Map([[areaId, ['participation_lead']]]) };
  for (const activity of await listActivities(db, areaId)) {
    const plan = planFor(activity, activities);
    const rung = ladder.rungs.find((r) => r.ref === plan.planned)!;
    const { id, areaId: _area, status: _status, version, createdAt: _c, updatedAt: _u, openedAt: _o, closedAt: _cl, closingReminderSentAt: _r, ...details } = activity;
    const input: ActivityInput = {
      ...details,
      plannedRung: plan.planned,
      plannedRungName: rung.name,
      plannedLevel: rung.commonLevel,
      decidedByBoardId: plan.decidedBy === 'board' ? (board?.id ?? null) : null,
      decidedByRole: plan.decidedBy && plan.decidedBy !== 'board' ? plan.decidedBy : '',
    };
    await updateActivity(db, areaId, ids.leadId, id, version, input);
    if (plan.achieved && activity.status !== 'draft') await rateActivityLevel(db, lead, areaId, id, { rungRef: plan.achieved.rung, justification: plan.achieved.justification });
  }
}
