/**
 * What other modules may use of the profiles module (decision 0016).
 */
export { ABOUT_ME_SECTIONS, MY_VIEWS_SECTIONS, findProfile, profileAccess, type Profile, type ProfileAccess, type ProfileContent, type ProfileItem, type ProfileKind } from './core.ts';
// ── about me ──
// ── volunteers ──
