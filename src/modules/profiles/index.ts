/**
 * What other modules may use of the profiles module (decision 0016).
 */
export { ABOUT_ME_SECTIONS, MY_VIEWS_SECTIONS, findProfile, profileAccess, type Profile, type ProfileAccess, type ProfileContent, type ProfileItem, type ProfileKind } from './core.ts';
// ── about me ──
// For the demo seed and other parts: build, share and stop sharing a profile (each takes db, areaId, actorId or null, plain input).
export { addPhoto, createMyViews, revokeShare, saveContent, saveProfile, shareProfile } from './about-me.service.ts';
// ── volunteers ──
// For the demo seed and other parts (decision 0032): volunteers, what matters, introductions, the DBS rule.
export { DBS_VALID_YEARS } from './volunteers.choices.ts';
export { arrangeMeeting, chooseToMeet, confirmMatch, createVolunteer, endIntroduction, recordMet, saveWishes, sayHowItWent, setVolunteerPhoto, type VolunteerInput } from './volunteers.service.ts';
