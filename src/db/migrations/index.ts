/**
 * Every migration, in order. Listed by hand (not read from the folder) so a typo'd file name or a
 * stray file can never change what runs.
 */
import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-22T0900_foundation.ts';
import * as activities from './2026-11-22T1200_activities.ts';
import * as surveys from './2026-11-22T1210_surveys.ts';
import * as contributions from './2026-11-22T1220_contributions.ts';
import * as feedback from './2026-11-22T1300_feedback.ts';
import * as privacy from './2026-12-04T2200_privacy.ts';
import * as retention from './2026-12-04T2300_retention.ts';
import * as areaForeignKeys from './2026-12-04T2330_area_foreign_keys.ts';
import * as questionTypesInCode from './2026-12-05T0100_question_types_in_code.ts';
import * as queuedMessage from './2026-12-05T0200_queued_message.ts';
import * as signupCancelled from './2026-12-05T0320_signup_cancelled.ts';
import * as surveyDates from './2026-12-05T0330_survey_dates.ts';
import * as areaPictures from './2026-12-05T0340_area_pictures.ts';
import * as picturesLogo from './2026-12-05T0340_pictures_logo.ts';
import * as publishingApproval from './2026-12-05T0350_publishing_approval.ts';
import * as signupCancelToken from './2026-12-05T0500_signup_cancel_token.ts';
import * as evaluationLadders from './2026-12-05T1000_evaluation_ladders.ts';
import * as evaluationRatings from './2026-12-05T1010_evaluation_ratings.ts';
import * as evaluationLundy from './2026-12-05T1020_evaluation_lundy.ts';
import * as evaluationCharterAssessment from './2026-12-05T1030_evaluation_charter_assessment.ts';
import * as evaluationImpact from './2026-12-05T1040_evaluation_impact.ts';
import * as evaluationPopulation from './2026-12-05T1050_evaluation_population.ts';
import * as reports from './2026-12-05T1100_reports.ts';
import * as reportsIndexes from './2026-12-05T1110_reports_indexes.ts';
import * as live from './2026-12-05T1200_live.ts';
import * as liveModeration from './2026-12-05T1250_live_moderation.ts';
import * as panels from './2026-12-05T1400_panels.ts';
import * as inspections from './2026-12-05T1410_inspections.ts';
import * as recognitionProfiles from './2026-12-05T1500_recognition_profiles.ts';
import * as volunteerTraits from './2026-12-05T1540_volunteer_traits.ts';
import * as publicPageVersion from './2026-12-06T0900_public_page_version.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-22T0900_foundation': foundation,
  '2026-11-22T1200_activities': activities,
  '2026-11-22T1210_surveys': surveys,
  '2026-11-22T1220_contributions': contributions,
  '2026-11-22T1300_feedback': feedback,
  '2026-12-04T2200_privacy': privacy,
  '2026-12-04T2300_retention': retention,
  '2026-12-04T2330_area_foreign_keys': areaForeignKeys,
  '2026-12-05T0100_question_types_in_code': questionTypesInCode,
  '2026-12-05T0200_queued_message': queuedMessage,
  '2026-12-05T0320_signup_cancelled': signupCancelled,
  '2026-12-05T0330_survey_dates': surveyDates,
  '2026-12-05T0340_area_pictures': areaPictures,
  '2026-12-05T0340_pictures_logo': picturesLogo,
  '2026-12-05T0350_publishing_approval': publishingApproval,
  '2026-12-05T0500_signup_cancel_token': signupCancelToken,
  '2026-12-05T1000_evaluation_ladders': evaluationLadders,
  '2026-12-05T1010_evaluation_ratings': evaluationRatings,
  '2026-12-05T1020_evaluation_lundy': evaluationLundy,
  '2026-12-05T1030_evaluation_charter_assessment': evaluationCharterAssessment,
  '2026-12-05T1040_evaluation_impact': evaluationImpact,
  '2026-12-05T1050_evaluation_population': evaluationPopulation,
  '2026-12-05T1100_reports': reports,
  '2026-12-05T1110_reports_indexes': reportsIndexes,
  '2026-12-05T1200_live': live,
  '2026-12-05T1250_live_moderation': liveModeration,
  '2026-12-05T1400_panels': panels,
  '2026-12-05T1410_inspections': inspections,
  '2026-12-05T1500_recognition_profiles': recognitionProfiles,
  '2026-12-05T1540_volunteer_traits': volunteerTraits,
  '2026-12-06T0900_public_page_version': publicPageVersion,
};
