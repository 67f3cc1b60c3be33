/**
 * What other modules may use of the accounts module's young people (issue 17 §1, decision 0016):
 * who a young person is, and who may open their pages.
 */
export { THIRTEEN_PLUS_BANDS, UNDER_13_BANDS, YOUNG_AGE_BANDS, actingFor, childrenOf, findYoungPerson, parentsMaySee, thirteenOrOverFor, youngCodeHash, youngPersonOfAccount, type YoungPerson } from './young-core.ts';
// ── young: way in ──
export { createSetupLink, createYoungPerson, DEMO_PICTURES, giveYoungCode, linkGuardian, recordParentsChoice, setPictures, YOUNG_PICTURES } from './young.service.ts';
