/**
 * What other modules may use of the evaluation module (decision 0016): add one export line per
 * function, in your part's section.
 */
// ── ladders ──
export {
  activityLevelFor,
  activityLevelsForArea,
  activityLevelsSummary,
  areaLadder,
  planningLevelChoices,
  type ActivityLevel,
  type ActivityLevelRow,
  type AreaLadder,
  type AreaLevels,
  type PlanningLevelChoices,
} from './ladders.service.ts';
// ── ratings (participants' rating) ──
export { participantRatingSummaries, ratingOfferForResponse, rateResponse, variantForActivity, createRatingLink, type ParticipantRatingSummary, type ResponseRatingOffer } from './ratings.service.ts';
export { ratingForm } from './ratings.forms.ts';
// ── lundy ──
export { lundyScoresFor, type LundySummary } from './lundy.service.ts';
// ── charter-assessment ──
export { charterSummary, remindCharterSelfAssessments, type CharterSummary, type ReminderSummary } from './charter-assessment.service.ts';
// ── impact ──
export { impactOfferForResponse, impactOfferForAccount, impactSummary, questionSettings, type ImpactOffer, type ImpactSummary, type QuestionSettings } from './impact.service.ts';
// ── representation ──
export { representationSummary } from './representation.service.ts';
