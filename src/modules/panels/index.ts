/**
 * What other modules may use of the panels module (decision 0016): add one export line per
 * function, in your part's section. The inspections module uses the membership core: young
 * inspectors are a panel of kind 'inspection'.
 */
// ── core ──
export {
  candidateName,
  checklistGaps,
  createPanelIn,
  currentMember,
  currentMemberships,
  findMember,
  findPanel,
  listMembers,
  MEMBER_COOKIE,
  memberBase,
  memberCookiePath,
  memberCodeHash,
  newMemberCode,
  parseMemberCode,
  type Panel,
  type PanelMember,
} from './core.ts';
// ── setup and members ──
export { authorisedActivity, authorisedPanel, createPanel, savePanel, type NewPanel } from './setup.service.ts';
export {
  addAccountMember,
  addCandidate,
  addYoungMember,
  memberAgreesRules,
  memberConsents,
  memberDeclaresConflict,
  recordChecklist,
  recordPanelTime,
  reissueCode,
  removeMember,
  setWithdrawn,
  type ChecklistInput,
} from './members.service.ts';
export { panelUrls, weightsText } from './setup.routes.ts';
// ── questions and scoring ──
export { addQuestion, chooseQuestion, moveQuestion, questionBank, useBankQuestion } from './questions.service.ts';
export {
  addCriterion,
  addDebrief,
  moderation,
  recordDecision,
  recordOutcome,
  saveScores,
  memberById,
  sendScores,
  setScale,
  startScoring,
  updateCriterion,
  whatHappened,
} from './scoring.service.ts';
export { combinedResults } from './scoring.results.ts';
// ── grants ──
export {
  addGrantQuestion,
  applicationForScoring,
  editGrantQuestion,
  moveGrantQuestion,
  potSummary,
  removeGrantQuestion,
  saveApplication,
  sendApplication,
  sendOutcomes,
  startApplication,
  type OutcomeWords,
  type PotSummary,
} from './grants.service.ts';
