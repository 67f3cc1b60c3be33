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
  memberCodeHash,
  newMemberCode,
  parseMemberCode,
  type Panel,
  type PanelMember,
} from './core.ts';
// ── setup and members ──
// ── questions and scoring ──
// ── grants ──
export { applicationForScoring } from './grants.service.ts';
