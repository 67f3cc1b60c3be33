/**
 * Demo data for issue 13: the Lundy checklist of every demo activity, answered from Chorus' own
 * proposals (worked out from the real demo records: planning checks, formats, themes, responses).
 *
 * - The lead confirms every proposal Chorus could make for each activity;
 * - on the parent carer survey, the lead overrides one proposal with a note (the override is kept
 *   beside what Chorus proposed);
 * - on the Local Offer workshop, the lead answers a question Chorus has no record for;
 * - the "EHCP annual reviews" meeting, planned in a hurry, gets the "no" Chorus proposes for notice.
 */
import type { Db } from '../db/database.ts';
import { listActivities } from '../modules/activities/activities.service.ts';
import { proposalsFor, recordChecklistAnswers, type ChecklistInput } from '../modules/evaluation/lundy.service.ts';
import type { DemoActivities } from './seed-activities.ts';
import type { EvaluationSeedIds } from './seed-evaluation.ts';

/** The slug is only used for evidence links, which are not stored. */
const SLUG = 'riverside';

export async function seedDemoLundy(db: Db, areaId: string, activities: DemoActivities, ids: EvaluationSeedIds, now: Date): Promise<void> {
  for (const activity of await listActivities(db, areaId)) {
    const proposals = await proposalsFor(db, areaId, SLUG, activity.id, now);
    const answers: ChecklistInput = proposals.flatMap((p) => (p.proposal?.answer ? [{ itemId: p.itemId, answer: p.proposal.answer, note: '' }] : []));
    if (activity.id === activities.parentSurveyId) {
      // The lead knows something the records do not: the survey went to every family with an EHC
      // plan by post as well, so more people had a way in than Chorus can see.
      const ways = answers.find((a) => a.itemId === 'lundy.voice.q3');
      if (ways && ways.answer !== 'yes') {
        ways.answer = 'yes';
        ways.note = 'We also posted a paper copy with a freepost envelope to every family with an EHC plan, and the forum helped 12 parents answer by phone.';
      } else {
        const safe = answers.find((a) => a.itemId === 'lundy.space.q2');
        if (safe) {
          safe.answer = 'partly';
          safe.note = 'Some parents told the forum they worried the council could see who answered. We now say on the first page that answers are anonymous.';
        }
      }
    }
    if (activity.title === 'Design the new Local Offer website together') {
      // No record answers "do they know who hears their views" before the workshop: the lead does.
      if (!answers.some((a) => a.itemId === 'lundy.audience.q2')) {
        answers.push({ itemId: 'lundy.audience.q2', answer: 'yes', note: 'The invitation names the Local Offer board, who will decide the new design.' });
      }
    }
    await recordChecklistAnswers(db, areaId, SLUG, ids.leadId, activity.id, answers, now);
  }
}
