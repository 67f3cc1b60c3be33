/**
 * The demo's safeguarding: a designated safeguarding lead (with a mobile number for text alerts), a
 * child's survey comment that the phrase lists flagged on arrival and nobody has opened yet, and a
 * comment a participation lead was worried about, raised by hand, read by the safeguarding lead,
 * with a recorded decision and what was done. Made through the same services the pages use.
 */
import type { Actor, Role } from '../lib/authorisation.ts';
import type { Db } from '../db/database.ts';
import { contributionWithWords } from './demo-sql.ts';
import { respondToSurvey, sequence } from './seed-activities.ts';
import { decideConcern, raiseConcernAboutContribution, recordAction, setLeadMobile } from '../modules/privacy/safeguarding.service.ts';

/** What a child wrote in the demo's open survey: flagged by the phrase lists, held, waiting for a lead. */
export const DEMO_DISCLOSURE = 'I like the trampoline. But my step dad hits me when mum is at work and I am scared to go home.';
/** The comment a participation lead raised a concern about by hand. */
export const DEMO_RAISED_COMMENT = 'A place to go when I am sad';

const actor = (accountId: string, areaId: string, role: Role): Actor => ({
  accountId,
  email: '',
  displayName: '',
  isOperator: false,
  rolesByArea: new Map([[areaId, [role]]]),
});

export async function seedDemoSafeguarding(db: Db, areaId: string, people: { adminId: string; leadId: string; safeguardingLeadId: string }, activities: { childrenSurveyId: string }): Promise<void> {
  await setLeadMobile(db, actor(people.adminId, areaId, 'area_admin'), areaId, people.safeguardingLeadId, '+447700900982');

  // One more child answers the open survey, through the answering service; the words are screened
  // as they are saved, so the concern and its alerts exist before the survey is even sent.
  await respondToSurvey(db, areaId, activities.childrenSurveyId, 1, [DEMO_DISCLOSURE], sequence(29), true, { from: 25 });

  // A participation lead reads the children's views and is worried by one of them.
  const contributionId = await contributionWithWords(db, areaId, DEMO_RAISED_COMMENT);
  if (!contributionId) return;
  const lead = actor(people.leadId, areaId, 'participation_lead');
  const { concernId } = await raiseConcernAboutContribution(db, lead, areaId, contributionId, 'This child says they are sad and want somewhere to go. I would like a safeguarding lead to check that the school knows.');

  const dsl = actor(people.safeguardingLeadId, areaId, 'safeguarding_lead');
  await recordAction(db, dsl, areaId, concernId, { takenOn: new Date().toISOString().slice(0, 10), description: 'Spoke to the designated safeguarding lead at the child\'s school. The school already supports the child and the family, and will check in this week.' });
  await decideConcern(db, dsl, areaId, concernId, {
    decision: 'other',
    note: 'Not a safeguarding concern on its own. Shared with the school\'s safeguarding lead, who already knows the child. The comment is about wanting a calm space at the club, so it goes back with the other views.',
    words: 'release',
    version: 1,
  });
}
