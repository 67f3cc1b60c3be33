/**
 * Two areas with data in both: the demo area Riverside, and North Vale whose every name is
 * distinctive, so a test can search any page for a leak. One account per role in Riverside.
 */
import { createHash } from 'node:crypto';
import { hashToken, newToken } from '../lib/tokens.ts';
import sharp from 'sharp';
import { ROLES, type Role } from '../lib/authorisation.ts';
import type { AreaTx, Db } from '../db/database.ts';
import { seedDemo } from '../seed/seed.ts';
import { addMember, createAccount } from '../modules/accounts/members.service.ts';
import { addBoard, addForum, addOrganisation, createArea, findAreaBySlug, findCharter, listForumsAndBoards, listOrganisations, recordSignature } from '../modules/areas/areas.service.ts';
import { withArea } from '../db/db.ts';
import { createActivity, requestAdjustment, setActivityStatus } from '../modules/activities/activities.service.ts';
import { addTermDate, listTermDates } from '../modules/activities/term-dates.service.ts';
import { screenText } from '../modules/privacy/safeguarding.service.ts';
import { addContributionsForResponse } from '../modules/contributions/contributions.service.ts';
import { addQuestion } from '../modules/surveys/questions.service.ts';
import { copyLadder } from '../modules/evaluation/ladders.service.ts';
import { createRatingLink } from '../modules/evaluation/index.ts';
import { approveReport, assignPart, createReport, getReport, publishReport, submitForReview } from '../modules/reports/reports.service.ts';
import { translator } from '../lib/messages/messages.ts';
import { insertResponse } from './responses.ts';
import { Client, DEMO_PASSWORD } from './harness.ts';
import type { FastifyInstance } from 'fastify';
import { testActivity } from './activities.ts';
import { DEFAULT_SETTINGS, newJoinCode } from '../modules/live/index.ts';
import { memberCodeHash, newMemberCode, parseMemberCode } from '../modules/panels/index.ts';
import { youngCodeHash } from '../modules/accounts/index.ts';

export const NORTH_VALE_SECRETS = [
  'North Vale Secret Council',
  'Zebedee Quux',
  'North Vale Hidden Forum',
  'North Vale Board of Mysteries',
  'nv-admin@northvale.example',
  'North Vale Secret Survey',
  'North Vale secret comment',
  'North Vale Secret Child',
  'North Vale Secret Parent',
];

/** One of each thing an activity route can name, so every route can be called with real ids. */
export type ActivityIds = { activityId: string; questionId: string; contributionId: string; redactionId: string; requestId: string; termId: string; themeId: string; concernId: string; pictureId: string; organisationId: string; forumId: string; ratingCode: string; ladderId: string; reportId: string; partId: string; publishedReportId: string; liveSessionId: string; interactionId: string; postId: string; clusterId: string; joinCode: string } & PanelIds & InspectionIds & RecognitionIds;

/** Panels (issue 16): an interview panel with a young member (signing in with `memberCode`), a candidate, a criterion and a question; a grant round with a question and a draft application. */
export type PanelIds = { panelId: string; memberId: string; memberCode: string; candidateId: string; criterionId: string; panelQuestionId: string; roundId: string; grantQuestionId: string; applicationId: string; applicantId: string };
/** Inspections (issue 16): a programme (its inspectors' panel `inspectorPanelId`, a young inspector signing in with `inspectorCode`), an agreed criterion, a provider and a planned visit; and a visit to the same provider already reported (4 stars), whose link's token is `providerToken`. */
export type InspectionIds = { programmeId: string; inspectorPanelId: string; inspectorId: string; inspectorCode: string; inspectionCriterionId: string; providerId: string; visitId: string; photoId: string; providerToken: string };

/**
 * Recognition and profiles (issue 17): a young person (`youngPersonId`, account `youngAccountId`,
 * age band 8–11, signing in with `youngCode`; in Riverside the 'young_person' role account, in North
 * Vale an account with no email) whose parent carer (`guardianId`: Riverside's 'parent_carer' role
 * account) may see their pages; their "All about me" (`profileId`, shared with `workerId`: Riverside's
 * practitioner, and by a link whose token is `shareToken`) and "My views for my plan" (`viewsId`, not
 * shared); a budget (`budgetId`, £200) with a rule (`ruleId`, £10 per event attended) and a reward
 * proposed for them after the activity (`rewardId`); them marked as having come, their consent to use
 * their name and a certificate (`certificateId`); `personKey` names them in the ledger; a volunteer
 * (`volunteerId`), what matters to them (`matchRequestId`) and an introduction not yet rated
 * (`introductionId`).
 */
export type RecognitionIds = { youngPersonId: string; youngAccountId: string; youngCode: string; guardianId: string; workerId: string; profileId: string; viewsId: string; shareToken: string; budgetId: string; ruleId: string; rewardId: string; certificateId: string; personKey: string; volunteerId: string; matchRequestId: string; introductionId: string };

export type TwoAreas = {
  riverside: { id: string; principleId: string; signatureId: string; memberIds: Record<Role, string> } & ActivityIds;
  northVale: { id: string; principleId: string; signatureId: string; adminId: string } & ActivityIds;
};

/** Puts the area's real ids into a route pattern (a made-up one for anything not listed). */
export function fillRoute(url: string, area: string, ids: ActivityIds & { principleId: string; signatureId: string }, accountId: string): string {
  return url
    .replace(':area', area)
    .replace(':principleId', ids.principleId)
    .replace(':signatureId', ids.signatureId)
    .replace(':accountId', accountId)
    .replace(':activityId', ids.activityId)
    .replace(':questionId', ids.questionId)
    .replace(':contributionId', ids.contributionId)
    .replace(':redactionId', ids.redactionId)
    .replace(':requestId', ids.requestId)
    .replace(':termId', ids.termId)
    .replace(':themeId', ids.themeId)
    .replace(':concernId', ids.concernId)
    .replace(':pictureId', ids.pictureId)
    .replace(':ladderId', ids.ladderId)
    // Staff pages of a report act on a draft (every edit open); the public pages need a published one.
    .replace('/manage/reports/:reportId', `/manage/reports/${ids.reportId}`)
    .replace(':reportId', ids.publishedReportId)
    .replace(':partId', ids.partId)
    .replace(':organisationId', ids.organisationId)
    .replace(':forumId', ids.forumId)
    .replace(':sessionId', ids.liveSessionId)
    .replace(':interactionId', ids.interactionId)
    .replace(':postId', ids.postId)
    .replace(':clusterId', ids.clusterId)
    .replace(':joinCode', ids.joinCode)
    // Panels and inspections (issue 16).
    .replace(':panelId', ids.panelId)
    .replace(':memberId', ids.memberId)
    .replace(':candidateId', ids.candidateId)
    .replace(':criterionId', ids.criterionId)
    .replace(':panelQuestionId', ids.panelQuestionId)
    .replace(':roundId', ids.roundId)
    .replace(':grantQuestionId', ids.grantQuestionId)
    .replace(':applicationId', ids.applicationId)
    .replace(':programmeId', ids.programmeId)
    .replace(':inspectionCriterionId', ids.inspectionCriterionId)
    .replace(':providerId', ids.providerId)
    .replace(':visitId', ids.visitId)
    .replace('/provider-report/:token', `/provider-report/${ids.providerToken}`)
    .replace(':photoId', ids.photoId)
    .replace(':youngPersonId', ids.youngPersonId)
    .replace(':profileId', ids.profileId)
    .replace(':viewsId', ids.viewsId)
    .replace(':shareToken', ids.shareToken)
    .replace(':budgetId', ids.budgetId)
    .replace(':ruleId', ids.ruleId)
    .replace(':rewardId', ids.rewardId)
    .replace(':certificateId', ids.certificateId)
    .replace(':personKey', ids.personKey)
    .replace(':volunteerId', ids.volunteerId)
    .replace(':matchRequestId', ids.matchRequestId)
    .replace(':introductionId', ids.introductionId)
    .replace(':code', ids.ratingCode)
    .replace(':year', String(new Date().getFullYear()))
    .replace(':number', '1')
    .replace(':type', 'single_choice');
}

/**
 * An open activity owned by one organisation (not the partnership), with a question, a submitted
 * response whose comment was redacted, an adjustment request and a school term.
 */
async function activityWithEverything(db: Db, areaId: string, adminId: string, organisationId: string, title: string, comment: string, reportWriterId: string, people: RecognitionPeople): Promise<ActivityIds> {
  // A workshop with questions: timed (sign-up, calendar) and answerable (survey pages).
  const input = testActivity({
    organisationId,
    title,
    type: 'workshop',
    audience: 'parent_carers',
    startsAt: new Date(Date.now() + 30 * 86_400_000),
    endsAt: new Date(Date.now() + 30 * 86_400_000 + 7_200_000),
    venueKind: 'online',
    contactName: 'Contact',
    contactEmail: 'contact@example.com',
  });
  const activity = await createActivity(db, areaId, null, input);
  const questionId = await addQuestion(
    db,
    areaId,
    null,
    activity.id,
    { type: 'free_text', text: 'What should change?', easyRead: '', hint: '', required: false, settings: {}, showIf: null },
    [],
  );
  const { contributionId, redactionId } = await withArea(db, areaId, async (tx) => {
    const response = await insertResponse(tx, areaId, { activityId: activity.id, answers: [{ questionId, value: { kind: 'text', text: comment } }] });
    await addContributionsForResponse(tx, areaId, [
      { activityId: activity.id, questionId, responseId: response.id, accountId: null, supporterRelationship: null, receiptCode: response.receiptCode!, source: 'free_text', text: comment },
    ]);
    const contribution = await tx.selectFrom('contribution').select('id').where('response_id', '=', response.id).executeTakeFirstOrThrow();
    const redaction = await tx.selectFrom('redaction').select('id').where('contribution_id', '=', contribution.id).executeTakeFirstOrThrow();
    return { contributionId: contribution.id, redactionId: redaction.id };
  });
  await setActivityStatus(db, areaId, null, activity.id, 'open');
  const requestId = await requestAdjustment(db, areaId, { activityId: activity.id, adjustments: ['easy_read'], details: 'Large print please', contact: 'someone@example.com' });
  await addTermDate(db, areaId, adminId, { name: 'Autumn term', startsOn: '2026-09-02', endsOn: '2026-12-18' });
  const termId = (await listTermDates(db, areaId))[0]!.id;
  // A theme holding the comment, with a draft response.
  const themeId = await withArea(db, areaId, async (tx) => {
    const theme = await tx.insertInto('theme').values({ area_id: areaId, title: `${title} theme`, summary: 'What people said.', created_by: adminId }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('theme_contribution').values({ area_id: areaId, theme_id: theme.id, contribution_id: contributionId, added_by: adminId }).execute();
    await tx.insertInto('theme_response').values({ area_id: areaId, theme_id: theme.id, what_changed: 'We are looking at it.', evidence_links: [] }).execute();
    return theme.id;
  });
  // A safeguarding concern about the activity, found in words written there (no contribution of its
  // own, so nothing else the fixture holds changes).
  const concernId = await withArea(db, areaId, async (tx) => {
    const outcome = await screenText(tx, areaId, { channel: 'survey', sourceKey: `fixture:${activity.id}`, text: `${comment} My dad hits me and I am scared to go home.`, activityId: activity.id });
    if (!outcome.concernId) throw new Error('the fixture disclosure was not flagged');
    return outcome.concernId;
  });
  // One of the area's own pictures (its bytes stand in for a re-encoded photo).
  const pictureId = await withArea(db, areaId, async (tx) =>
    (await tx.insertInto('area_picture').values({ area_id: areaId, alt_text: `${title} minibus`, content_type: 'image/webp', bytes: Buffer.from('RIFF\0\0\0\0WEBPVP8 '), width: 1, height: 1, fingerprint: '0123456789abcdef' }).returning('id').executeTakeFirstOrThrow()).id);
  // An open code for people to rate the activity themselves (evaluation: participants' rating).
  const ratingCode = (await createRatingLink(db, areaId, adminId, activity.id, 'parent_carers')).code;
  // The organisation that owns the activity, and one of the area's forums (the charter self-assessment).
  const forumId = (await listForumsAndBoards(db, areaId)).forums[0]!.id;
  // The area's own version of a ladder (evaluation: ladders).
  const ladderId = await copyLadder(db, areaId, adminId, 'hart', `${title} ladder`);
  // A draft board report whose first written part (the parent carers') is given to one member to write.
  const reportId = await createReport(db, [], areaId, adminId, { kind: 'board', title: `${title} report`, audienceBoardId: null, audienceText: 'The board', authors: 'The participation team', scope: { kind: 'area' }, from: '2026-01-01', to: '2026-06-30' }, translator('en'));
  const report = await getReport(db, [], areaId, reportId, translator('en'));
  const partId = report.parts[0]!.id;
  await assignPart(db, [], areaId, adminId, reportId, partId, { forumId: report.parts[0]!.forumId, writerAccountId: reportWriterId }, report.report.version, translator('en'));
  // And a published one, for the pages anyone can read.
  const publishedReportId = await createReport(db, [], areaId, adminId, { kind: 'local_account', title: `${title} published report`, audienceBoardId: null, audienceText: 'Families', authors: 'The participation team', scope: { kind: 'area' }, from: '2026-01-01', to: '2026-06-30' }, translator('en'));
  await submitForReview(db, areaId, adminId, publishedReportId);
  await approveReport(db, areaId, adminId, publishedReportId);
  await publishReport(db, [], areaId, adminId, publishedReportId, translator('en'), 'en');
  // A running live session on the activity, on a board with a column, a cluster and the facilitator's
  // own note (issue 15).
  const live = await liveSessionFixture(db, areaId, adminId, activity.id, title);
  const panels = await panelsFixture(db, areaId, adminId, activity.id, title);
  const inspections = await inspectionsFixture(db, areaId, adminId, activity.id, title);
  const recognition = await recognitionFixture(db, areaId, adminId, activity.id, organisationId, title, people);
  return { activityId: activity.id, questionId, contributionId, redactionId, requestId, termId, themeId, concernId, pictureId, organisationId, forumId, ratingCode, ladderId, reportId, partId, publishedReportId, ...live, ...panels, ...inspections, ...recognition };
}

async function liveSessionFixture(db: Db, areaId: string, adminId: string, activityId: string, title: string) {
  const joinCode = newJoinCode();
  return withArea(db, areaId, async (tx) => {
    const session = await tx.insertInto('live_session').values({ area_id: areaId, activity_id: activityId, title: `${title} live session`, join_code: joinCode, status: 'running', started_at: new Date(), created_by: adminId }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('live_join_code').values({ code: joinCode, area_id: areaId, session_id: session.id }).execute();
    const interaction = await tx
      .insertInto('live_interaction')
      .values({ area_id: areaId, session_id: session.id, position: 1, kind: 'board', prompt: `${title} board`, settings: JSON.stringify(DEFAULT_SETTINGS.board), state: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('live_session').set({ current_interaction_id: interaction.id }).where('id', '=', session.id).execute();
    const cluster = await tx.insertInto('live_cluster').values({ area_id: areaId, interaction_id: interaction.id, title: `${title} cluster`, column_key: 'good', position: 1 }).returning('id').executeTakeFirstOrThrow();
    const post = await tx
      .insertInto('live_post')
      .values({ area_id: areaId, interaction_id: interaction.id, participant_id: null, kind: 'note', original_text: `${title} note`, shown_text: `${title} note`, column_key: 'good', cluster_id: cluster.id, status: 'shown', client_key: `fixture-${session.id}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { liveSessionId: session.id, interactionId: interaction.id, postId: post.id, clusterId: cluster.id, joinCode };
  });
}

/** A young panel member who has done the whole checklist, signing in with the returned code. */
async function readyYoungMember(tx: AreaTx, areaId: string, panelId: string, name: string): Promise<{ id: string; code: string }> {
  const code = newMemberCode();
  const now = new Date();
  const member = await tx
    .insertInto('panel_member')
    .values({ area_id: areaId, panel_id: panelId, member_kind: 'young_person', display_name: name, age_band: '12_15', code_hash: memberCodeHash(parseMemberCode(code)!), training_done_at: now, consent_at: now, parental_consent_at: now, parental_consent_note: 'Mum agreed by phone', conflict: 'none', conflict_declared_at: now, rules_agreed_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: member.id, code };
}

async function panelsFixture(db: Db, areaId: string, adminId: string, activityId: string, title: string): Promise<PanelIds> {
  return withArea(db, areaId, async (tx) => {
    const panel = await tx.insertInto('panel').values({ area_id: areaId, activity_id: activityId, kind: 'interview', title: `${title} interview panel`, purpose: 'Youth worker', status: 'scoring', created_by: adminId }).returning('id').executeTakeFirstOrThrow();
    const member = await readyYoungMember(tx, areaId, panel.id, `${title} panel member`);
    const candidate = await tx.insertInto('panel_candidate').values({ area_id: areaId, panel_id: panel.id, label: 'Candidate A', name: `${title} candidate Jane Doe`, position: 1 }).returning('id').executeTakeFirstOrThrow();
    const criterion = await tx.insertInto('panel_criterion').values({ area_id: areaId, panel_id: panel.id, title: 'Listens to young people', weight: 2, position: 1 }).returning('id').executeTakeFirstOrThrow();
    const question = await tx.insertInto('panel_question').values({ area_id: areaId, panel_id: panel.id, text: 'How would you make a shy person feel welcome?', good_answer: 'Gives a real example', status: 'chosen', proposed_by: member.id, position: 1 }).returning('id').executeTakeFirstOrThrow();
    const round = await tx
      .insertInto('panel')
      .values({ area_id: areaId, activity_id: activityId, kind: 'grant', title: `${title} grant round`, purpose: 'Clubs for the holidays', pot_pence: 1_000_000, closes_at: new Date(Date.now() + 20 * 86_400_000), status: 'preparing', created_by: adminId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const grantQuestion = await tx.insertInto('grant_question').values({ area_id: areaId, panel_id: round.id, text: 'What will you do with the money?', position: 1 }).returning('id').executeTakeFirstOrThrow();
    const applicant = await tx.insertInto('grant_applicant').values({ area_id: areaId, email: `applicant-${areaId.slice(0, 8)}@example.com`, organisation_name: `${title} applicant club`, contact_name: 'Sam Applicant' }).returning('id').executeTakeFirstOrThrow();
    const application = await tx
      .insertInto('grant_application')
      .values({ area_id: areaId, panel_id: round.id, applicant_id: applicant.id, project_title: `${title} holiday club`, amount_pence: 250_000, answers: JSON.stringify({ [grantQuestion.id]: 'Run a club' }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      panelId: panel.id,
      memberId: member.id,
      memberCode: member.code,
      candidateId: candidate.id,
      criterionId: criterion.id,
      panelQuestionId: question.id,
      roundId: round.id,
      grantQuestionId: grantQuestion.id,
      applicationId: application.id,
      applicantId: applicant.id,
    };
  });
}

async function inspectionsFixture(db: Db, areaId: string, adminId: string, activityId: string, title: string): Promise<InspectionIds> {
  return withArea(db, areaId, async (tx) => {
    const panel = await tx.insertInto('panel').values({ area_id: areaId, activity_id: activityId, kind: 'inspection', title: `${title} young inspectors`, created_by: adminId }).returning('id').executeTakeFirstOrThrow();
    const inspector = await readyYoungMember(tx, areaId, panel.id, `${title} inspector`);
    const programme = await tx
      .insertInto('inspection_programme')
      .values({ area_id: areaId, activity_id: activityId, panel_id: panel.id, title: `${title} inspection programme`, focus: 'Holiday clubs', rating_words: JSON.stringify({ 1: 'Not good', 2: 'Needs work', 3: 'OK', 4: 'Good', 5: 'Brilliant' }), created_by: adminId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const criterion = await tx.insertInto('inspection_criterion').values({ area_id: areaId, programme_id: programme.id, title: 'Easy to get in', symbol: '267F', status: 'agreed', proposed_by: inspector.id, position: 1 }).returning('id').executeTakeFirstOrThrow();
    const provider = await tx.insertInto('inspection_provider').values({ area_id: areaId, name: `${title} provider`, venue: 'The leisure centre', contact_email: 'provider@example.com' }).returning('id').executeTakeFirstOrThrow();
    const visit = await tx.insertInto('inspection_visit').values({ area_id: areaId, programme_id: programme.id, provider_id: provider.id, activity_id: activityId, created_by: adminId }).returning('id').executeTakeFirstOrThrow();
    // A photo of the place (a plain white square), added by the inspector.
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ffffff' } }).webp().toBuffer();
    const photo = await tx.insertInto('inspection_photo').values({ area_id: areaId, visit_id: visit.id, member_id: inspector.id, bytes, mime: 'image/webp', width: 8, height: 8, sha256: createHash('sha256').update(bytes).digest('hex'), alt_text: 'A ramp up to the front door' }).returning('id').executeTakeFirstOrThrow();
    // A visit already reported to the same provider (4 stars, so it shows publicly), with the provider's link (`providerToken`).
    const providerToken = newToken();
    const reported = await tx
      .insertInto('inspection_visit')
      .values({ area_id: areaId, programme_id: programme.id, provider_id: provider.id, activity_id: activityId, status: 'reported', visited_at: new Date(), reported_at: new Date(), overall_rating: 4, summary: 'A friendly club.', easy_read_summary: 'We liked it.', provider_token_hash: hashToken(providerToken), provider_token_expires_at: new Date(Date.now() + 60 * 86_400_000), created_by: adminId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('inspection_rating').values({ area_id: areaId, visit_id: reported.id, criterion_id: criterion.id, member_id: inspector.id, rating: 4, note: 'The ramp was easy.' }).execute();
    return { programmeId: programme.id, inspectorPanelId: panel.id, inspectorId: inspector.id, inspectorCode: inspector.code, inspectionCriterionId: criterion.id, providerId: provider.id, visitId: visit.id, photoId: photo.id, providerToken };
  });
}

type RecognitionPeople = { youngAccountId: string; guardianId: string; workerId: string };

async function recognitionFixture(db: Db, areaId: string, adminId: string, activityId: string, organisationId: string, title: string, people: RecognitionPeople): Promise<RecognitionIds> {
  const youngCode = newMemberCode();
  const shareToken = newToken();
  return withArea(db, areaId, async (tx) => {
    const young = await tx.insertInto('young_person').values({ area_id: areaId, account_id: people.youngAccountId, age_band: '8_11', code_hash: youngCodeHash(parseMemberCode(youngCode)!), created_by: adminId }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('young_guardian').values({ area_id: areaId, young_person_id: young.id, account_id: people.guardianId }).execute();
    const profile = await tx.insertInto('profile').values({ area_id: areaId, young_person_id: young.id, kind: 'all_about_me', current_version: 1 }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('profile_version').values({ area_id: areaId, profile_id: profile.id, version: 1, content: JSON.stringify({ likes: [{ text: `${title} profile: I like trains`, symbol: '1F682', photoId: null }] }), made_by: people.youngAccountId }).execute();
    await tx.insertInto('profile_share').values({ area_id: areaId, profile_id: profile.id, account_id: people.workerId, role_words: 'My key worker', shared_by: people.youngAccountId }).execute();
    await tx.insertInto('profile_share').values({ area_id: areaId, profile_id: profile.id, email: 'senco@school.example', token_hash: hashToken(shareToken), role_words: 'My SENCO', shared_by: people.guardianId }).execute();
    const views = await tx.insertInto('profile').values({ area_id: areaId, young_person_id: young.id, kind: 'my_views', title: `${title} annual review`, current_version: 1 }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('profile_version').values({ area_id: areaId, profile_id: views.id, version: 1, content: JSON.stringify({ working: [{ text: `${title} views: my teacher helps me`, symbol: null, photoId: null }] }), made_by: people.youngAccountId }).execute();
    const budget = await tx.insertInto('recognition_budget').values({ area_id: areaId, name: `${title} budget`, organisation_id: organisationId, amount_pence: 20_000, created_by: adminId }).returning('id').executeTakeFirstOrThrow();
    const rule = await tx.insertInto('reward_rule').values({ area_id: areaId, earned_by: 'attended', kind: 'voucher', value_pence: 1_000, voucher_type: 'High street voucher', budget_id: budget.id, created_by: adminId }).returning('id').executeTakeFirstOrThrow();
    const person = { account_id: people.youngAccountId };
    await tx.insertInto('attendance').values({ area_id: areaId, activity_id: activityId, ...person, recorded_by: adminId }).execute();
    const reward = await tx.insertInto('reward').values({ area_id: areaId, activity_id: activityId, ...person, kind: 'voucher', value_pence: 1_000, voucher_type: 'High street voucher', budget_id: budget.id, rule_id: rule.id }).returning('id').executeTakeFirstOrThrow();
    const consent = await tx.insertInto('name_consent').values({ area_id: areaId, ...person, name: `${title} Alex`, given_by: 'parent_carer', recorded_by: adminId }).returning('id').executeTakeFirstOrThrow();
    const certificate = await tx.insertInto('certificate').values({ area_id: areaId, ...person, activity_id: activityId, name_consent_id: consent.id, title: 'Thank you for taking part', what_they_did: `${title}: helped plan the holiday club`, minutes: 120, issued_by: adminId }).returning('id').executeTakeFirstOrThrow();
    const volunteer = await tx.insertInto('volunteer').values({ area_id: areaId, organisation_id: organisationId, display_name: `${title} volunteer Sam`, about: 'Calm and kind.', interests: ['football'], skills: ['makaton'], availability: 'Saturdays', dbs_checked_on: '2026-06-01', dbs_recorded_by: adminId }).returning('id').executeTakeFirstOrThrow();
    const match = await tx.insertInto('match_request').values({ area_id: areaId, young_person_id: young.id, wishes: ['football', 'calm', 'makaton'], words: `${title}: someone who likes trains` }).returning('id').executeTakeFirstOrThrow();
    const introduction = await tx.insertInto('introduction').values({ area_id: areaId, match_request_id: match.id, volunteer_id: volunteer.id }).returning('id').executeTakeFirstOrThrow();
    return {
      youngPersonId: young.id, youngAccountId: people.youngAccountId, youngCode, guardianId: people.guardianId, workerId: people.workerId,
      profileId: profile.id, viewsId: views.id, shareToken, budgetId: budget.id, ruleId: rule.id, rewardId: reward.id, certificateId: certificate.id,
      personKey: `a:${people.youngAccountId}`, volunteerId: volunteer.id, matchRequestId: match.id, introductionId: introduction.id,
    };
  });
}

export async function twoAreas(db: Db): Promise<TwoAreas> {
  await seedDemo(db, DEMO_PASSWORD);
  const riverside = (await findAreaBySlug(db, 'riverside'))!;
  const riversideCharter = await findCharter(db, riverside.id);
  const memberIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const id = await createAccount(db, { email: `only-${role.replace('_', '-')}@riverside.example`, displayName: `Only ${role}`, password: DEMO_PASSWORD });
    await addMember(db, riverside.id, id, role, null);
    memberIds[role] = id;
  }

  const nv = await createArea(db, { slug: 'north-vale', name: 'North Vale SEND Partnership', contactEmail: 'hello@northvale.example' });
  const nvAdmin = await createAccount(db, { email: 'nv-admin@northvale.example', displayName: 'Zebedee Quux', password: DEMO_PASSWORD });
  await addMember(db, nv.id, nvAdmin, 'area_admin', null);
  const org = await addOrganisation(db, nv.id, nvAdmin, { name: 'North Vale Secret Council', kind: 'council' });
  await recordSignature(db, nv.id, nvAdmin, { organisationId: org.id, signedByName: 'Zebedee Quux', signedByRole: 'Chief Executive', signedOn: '2026-01-05' });
  await addBoard(db, nv.id, nvAdmin, { name: 'North Vale Board of Mysteries', description: 'Hidden.' });
  const { boards } = await listForumsAndBoards(db, nv.id);
  await addForum(db, nv.id, nvAdmin, { name: 'North Vale Hidden Forum', audience: 'mixed', description: 'Hidden.', easyRead: 'Hidden.', meets: '', boardIds: [boards[0]!.id] });
  const nvCharter = (await findCharter(db, nv.id))!;
  const nhsTrust = (await listOrganisations(db, riverside.id)).find((o) => o.name === 'Riverside NHS Trust')!;
  // The report's part is given to the young person: the role × route test fills :accountId with theirs.
  const riversideActivity = await activityWithEverything(db, riverside.id, memberIds.area_admin, nhsTrust.id, 'Riverside fixture survey', 'Please ring me on 07700 900123 about the club.', memberIds.young_person, { youngAccountId: memberIds.young_person, guardianId: memberIds.parent_carer, workerId: memberIds.practitioner });
  // North Vale's young person has an account with no email address, as young people's accounts do.
  const nvYoung = await withArea(db, nv.id, async (tx) => (await tx.insertInto('account').values({ email: null, display_name: 'North Vale Secret Child' }).returning('id').executeTakeFirstOrThrow()).id);
  await addMember(db, nv.id, nvYoung, 'young_person', null);
  const nvParent = await createAccount(db, { email: 'nv-parent@northvale.example', displayName: 'North Vale Secret Parent', password: DEMO_PASSWORD });
  await addMember(db, nv.id, nvParent, 'parent_carer', null);
  const nvActivity = await activityWithEverything(db, nv.id, nvAdmin, org.id, 'North Vale Secret Survey', 'North Vale secret comment: email me at zq@northvale.example', nvAdmin, { youngAccountId: nvYoung, guardianId: nvParent, workerId: nvAdmin });
  return {
    riverside: { id: riverside.id, principleId: riversideCharter!.principles[0]!.id, signatureId: riversideCharter!.signatures[0]!.id, memberIds, ...riversideActivity },
    northVale: { id: nv.id, principleId: nvCharter.principles[0]!.id, signatureId: nvCharter.signatures[0]!.id, adminId: nvAdmin, ...nvActivity },
  };
}

/** Someone with every role in one area, signed in: for tests that must reach every page of it. */
export async function everyRoleClient(app: FastifyInstance, db: Db, areaId: string, email: string): Promise<Client> {
  const id = await createAccount(db, { email, displayName: 'Every role', password: DEMO_PASSWORD });
  for (const role of ROLES) await addMember(db, areaId, id, role, null);
  const client = new Client(app);
  await client.signIn(email);
  return client;
}
