/**
 * What other modules may use of the inspections module (decision 0016): add one export line per
 * function, in your part's section.
 */
// ── core ──
export { findProgrammeForPanel, meetsStandard, needsReinspection, overallRating, type Programme, type Visit } from './core.ts';
// ── programmes ──
export { agreeCriterion, createProgramme, DEFAULT_RATING_WORDS, proposeCriterion, type ProgrammeInput } from './programmes.service.ts';
// ── visits ──
export { addProvider, planVisit, recordVisit, saveRating, type PlanVisitInput } from './visits.service.ts';
export { addPhoto } from './photos.service.ts';
// ── reports ──
export { findingKey, sendReport, writeReport, type SendOutcome } from './reports.service.ts';
export { respondAsProvider, type ProviderAction } from './provider.service.ts';
export { publicRatings, type PublicRating } from './public.service.ts';
