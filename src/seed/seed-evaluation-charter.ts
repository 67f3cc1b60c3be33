/**
 * Demo data for issue 13 §3, the charter self-assessed, through the evaluation module's services:
 *
 * - last year, closed: the council, the NHS trust and the parent carer forum's organisation rated
 *   themselves; the parent carer forum gave its view; its totals are on the public page;
 * - this year, open with a deadline three weeks ahead: the council and the NHS trust have finished,
 *   the parent carer forum's organisation has started, Riverside Youth Voice has not started;
 *   the parent carer forum and the youth council have rated the council and the NHS trust, and the
 *   parent carer forum says the trust does NOT yet communicate well, where the trust says it does.
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../lib/authorisation.ts';
import {
  closeYear,
  finishSelfAssessment,
  forumForm,
  londonToday,
  openYear,
  principleForm,
  saveForumRatings,
  savePrinciple,
  type CharterRating,
  type RatingInput,
} from '../modules/evaluation/charter-assessment.service.ts';
import { listForumsAndBoards } from '../modules/areas/areas.service.ts';
import type { DemoActivities } from './seed-activities.ts';
import type { EvaluationSeedIds } from './seed-evaluation.ts';

const DAY = 86_400_000;

/** Ratings for the four cornerstones' commitments, principle by principle: m met, p partly, n not yet. */
type Plan = ReadonlyArray<string>;

const PLANS: Record<string, { thisYear: Plan; lastYear: Plan | null }> = {
  'Riverside Council': { thisYear: ['mmm', 'mpmm', 'mmpm', 'mmmm'], lastYear: ['mpm', 'ppmp', 'mnpm', 'mppm'] },
  'Riverside NHS Trust': { thisYear: ['mmm', 'pmpm', 'mmmm', 'mmpp'], lastYear: ['mpp', 'pnpp', 'ppnm', 'mppn'] },
  'Riverside Parent Carer Forum': { thisYear: ['mmm'], lastYear: ['mmm', 'mmmm', 'mmpm', 'mmmm'] },
};

const LETTER: Record<string, CharterRating> = { m: 'met', p: 'partly', n: 'not_yet' };

const EVIDENCE: Record<string, string> = {
  'Riverside Council': 'Families told us at the SEND roadshows; see the published "you said, we did" for the parent carers survey.',
  'Riverside NHS Trust': 'Clinic feedback cards for the year, and the therapy waiting-list letters reviewed with the forum.',
  'Riverside Parent Carer Forum': 'Our members\' survey and the minutes of our open meetings.',
};

const ACTIONS: Record<string, { text: string; owner: string }> = {
  'Riverside Council': { text: 'Send every plan to the family in draft, in plain English, two weeks before the review meeting.', owner: 'Head of SEND Assessment' },
  'Riverside NHS Trust': { text: 'Offer a named contact and a call-back within five working days on every therapy referral.', owner: 'Designated Clinical Officer' },
  'Riverside Parent Carer Forum': { text: 'Run an evening online session each term for parents who work.', owner: 'Forum coordinator' },
};

function leadActor(areaId: string, leadId: string): Actor {
  return { accountId: leadId, email: 'lead@riverside.example', displayName: 'Jess Patel', isOperator: false, rolesByArea: new Map([[areaId, ['participation_lead']]]) };
}

async function rateOrganisation(db: Db, actor: Actor, areaId: string, year: number, organisationId: string, name: string, plan: Plan, evidenceActivityId: string | null, dueOn: string): Promise<void> {
  for (const [index, letters] of plan.entries()) {
    const form = await principleForm(db, actor, areaId, String(year), organisationId, String(index + 1));
    const activity = evidenceActivityId && form.activities.some((a) => a.id === evidenceActivityId) ? evidenceActivityId : null;
    const ratings: RatingInput[] = form.principle.statements.map((statement, i) => {
      const rating = LETTER[letters[i] ?? 'm']!;
      const action = rating === 'met' ? null : ACTIONS[name]!;
      return {
        statementId: statement.id,
        rating,
        evidenceUrl: '',
        evidenceActivityId: rating !== 'not_yet' && i === 0 ? activity : null,
        evidenceNote: rating === 'not_yet' ? '' : EVIDENCE[name]!,
        actionText: action?.text ?? '',
        actionOwner: action?.owner ?? '',
        actionDueOn: action ? dueOn : null,
      };
    });
    await savePrinciple(db, actor, areaId, form, ratings, form.seen);
  }
}

async function rateByForum(db: Db, actorId: string, areaId: string, year: number, forumId: string, organisationId: string, ratings: string, agreedOn: string, notes: Record<number, string> = {}): Promise<void> {
  const form = await forumForm(db, areaId, String(year), forumId, organisationId);
  await saveForumRatings(db, actorId, areaId, form, {
    agreedOn,
    ratings: form.principles.flatMap((p, i) => (ratings[i] && ratings[i] !== '-' ? [{ principleId: p.principle.id, rating: LETTER[ratings[i]!]!, note: notes[i] ?? '' }] : [])),
  });
}

export async function seedDemoCharterAssessment(db: Db, areaId: string, activities: DemoActivities, ids: EvaluationSeedIds, now: Date): Promise<void> {
  const actor = leadActor(areaId, ids.leadId);
  const today = londonToday(now);
  const year = Number(today.slice(0, 4));
  const { forums } = await listForumsAndBoards(db, areaId);
  const parentForum = forums.find((f) => f.audience === 'parent_carers');
  const youthForum = forums.find((f) => f.audience === 'young_people');
  const org = (name: string) => ids.organisationIds.get(name)!;

  // Last year: finished by the spring deadline, then closed (read-only; its totals are public).
  await openYear(db, areaId, ids.leadId, { year: year - 1, deadlineOn: `${year - 1}-03-31` });
  for (const [name, plan] of Object.entries(PLANS)) {
    if (!plan.lastYear) continue;
    await rateOrganisation(db, actor, areaId, year - 1, org(name), name, plan.lastYear, activities.parentSurveyId, `${year - 1}-09-30`);
    await finishSelfAssessment(db, actor, areaId, String(year - 1), org(name));
  }
  if (parentForum) {
    await rateByForum(db, ids.leadId, areaId, year - 1, parentForum.id, org('Riverside Council'), 'ppnp', `${year - 1}-03-07`);
    await rateByForum(db, ids.leadId, areaId, year - 1, parentForum.id, org('Riverside NHS Trust'), 'pnnn', `${year - 1}-03-07`);
  }
  await closeYear(db, areaId, ids.leadId, String(year - 1));

  // This year: open, the deadline three weeks ahead.
  const deadline = londonToday(new Date(now.getTime() + 21 * DAY));
  await openYear(db, areaId, ids.leadId, { year, deadlineOn: deadline });
  const due = londonToday(new Date(now.getTime() + 120 * DAY));
  for (const name of ['Riverside Council', 'Riverside NHS Trust', 'Riverside Parent Carer Forum']) {
    await rateOrganisation(db, actor, areaId, year, org(name), name, PLANS[name]!.thisYear, activities.parentSurveyId, due);
  }
  await finishSelfAssessment(db, actor, areaId, String(year), org('Riverside Council'));
  await finishSelfAssessment(db, actor, areaId, String(year), org('Riverside NHS Trust'));
  const agreed = londonToday(new Date(now.getTime() - 5 * DAY));
  if (parentForum) {
    await rateByForum(db, ids.leadId, areaId, year, parentForum.id, org('Riverside Council'), 'mppp', agreed);
    // The clear difference: the trust says it communicates well (met); the forum says not yet.
    await rateByForum(db, ids.leadId, areaId, year, parentForum.id, org('Riverside NHS Trust'), 'ppnp', agreed, {
      2: 'Families still wait months for therapy letters, and phone calls are not returned.',
    });
  }
  if (youthForum) await rateByForum(db, ids.leadId, areaId, year, youthForum.id, org('Riverside Council'), 'mp-p', agreed);
}
