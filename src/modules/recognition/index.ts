/**
 * What other modules may use of the recognition module (decision 0016). Issue 16 records the time
 * people give; issue 17 builds the ledger (thanks, certificates, vouchers) on it.
 */
export { minutesByMember, recordTimeGiven, type TimeGivenEntry } from './time-given.service.ts';
export { COMMITTED_STATUSES, budgetFigures, parsePersonKey, participantsOf, personColumns, personKey, thanksDueDays, type BudgetFigures, type Participant, type PersonRef } from './core.ts';
// ── rewards ──
export { approveRewards, createBudget, createRule, declineRewards, issueReward, markReceived, proposeRewards, rewardFigures, rewardsFor, type Reward, type RewardFigureRow, type RewardFigures } from './rewards.service.ts';
// ── thanks ──
export { attendanceOf, makeCertificate, overdueThanks, recordAttendance, recordNameConsent, sendThanks, withdrawNameConsent, type ActivityThanks as OverdueThanks } from './thanks.service.ts';
