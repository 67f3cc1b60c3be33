/**
 * What other modules may use of the live module (decision 0016): add one export line per function,
 * in your part's section.
 */
// ── sessions ──
export { DEFAULT_SETTINGS, listInteractions, listSessionsForActivity, newJoinCode } from './core.ts';
// ── participate ──
// ── board ──
export { PARTICIPANT_COOKIE } from './core.ts';
// ── moderation ──
export { moderationQueue, screenLiveText, type ModerationQueue, type ScreenedText } from './moderation.service.ts';
// ── contributions ──
export { makeContributionsSoon, makeLiveContributions, makeSessionContributions } from './contributions.ts';
// ── stream ──
export { LiveHub } from './stream.ts';
