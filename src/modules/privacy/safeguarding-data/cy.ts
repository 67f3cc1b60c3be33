/**
 * Welsh phrases that may be a disclosure of harm, as data, for safeguarding-detector.ts.
 *
 * NOT YET CHECKED BY A WELSH SPEAKER. Every form here is our best knowledge of everyday Welsh as
 * children write it, standard and colloquial, north ("isio", "efo", "adra", "taid") and south
 * ("moyn", "gyda", "adre", "tad-cu"). It must be reviewed by a first-language Welsh speaker, ideally
 * one who works with children, before a Welsh-medium area relies on it; until then an area can add
 * its own phrases (AreaPhrase) for anything missing. The forms we are least sure of are marked
 * "CHECK" beside them. The ones we are most confident of are the core set: "eisiau marw" / "isio
 * marw" (want to die), "lladd fy hun" (kill myself), "brifo fy hun" (hurt myself), "fy nharo" (hits
 * me), "ddim yn saff / ddiogel adref / gartref" (not safe at home), "ofn mynd adref" (scared to go
 * home), "cyffwrdd â fi" (touches me), "cael fy mwlio" (being bullied).
 *
 * Welsh mutates the start of a word after certain words, so a verb appears in several shapes: "taro"
 * (hit) becomes "daro" (soft, "i daro"), "nharo" (nasal, "fy nharo" = hits me) and "tharo" (aspirate,
 * "ei tharo hi" = hits her). The groups below list the shapes a pattern needs. Patterns run on the
 * same normalised text as English (see safeguarding-detector.ts): accents folded ("tŷ" → "ty",
 * "â" → "a"), "'n" written out as "yn" ("mae'n" → "mae yn") and "'r" as "yr" ("mae'r" → "mae yr");
 * other apostrophes are dropped ("dwi'm" → "dwim"). The shorthands `{group}` and ` ~ ` work as in
 * en.ts.
 */
import type { SafeguardingPhrase } from '../safeguarding-detector.ts';

export const WORD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  /**
   * A person who could be harming a child, as the subject of a sentence: parents and their partners
   * (llystad = stepfather, cariad mam = mum's boyfriend), family (nain/taid north, mam-gu/tad-cu
   * south), teachers, pronouns (e/fe/o/fo = he, hi = she, nhw = they), someone (rhywun), a man (dyn).
   * "fy nhad" is "my father" (nasal mutation of "tad"); "fy mrawd" is "my brother".
   */
  cy_person: [
    'dad', 'dadi', 'tad', 'nhad', 'mam', 'mami', 'llystad', 'llysdad', 'llysfam', 'mrawd', 'brawd', 'chwaer',
    'ewythr', 'yncl', 'wncwl', 'taid', 'nain', 'tad ?cu', 'mam ?gu', 'athro', 'athrawes',
    'cariad (?:mam|dad)', 'partner (?:mam|dad)', 'e', 'o', 'fe', 'fo', 'hi', 'nhw', 'rhywun', 'dyn',
  ],
  /** "yn" (is …-ing), "wedi" / "di" (has …-ed), and "n" when the apostrophe of "'n" is left out. */
  cy_yn: ['yn', 'n', 'wedi', 'di'],
  /** Violence after "fy" (my, nasal mutation): "fy nharo" (hits me), "fy mwrw", "fy nghuro" (beats me), "fy mrifo" (hurts me). */
  cy_hit_nasal: [
    'nharo', 'mwrw', 'nghuro', 'nghicio', 'nyrnu', 'mrifo', 'nghlatsio', 'nhagu', 'mhwnio',
    'ngham ?drin', // CHECK: "fy ngham-drin" (abuses me)
    'nhaflu', // CHECK: "fy nhaflu" (throws me)
  ],
  /** Violence before "fi" (me), colloquial: "mae dad yn taro fi", "hitio fi" (Wenglish, common). */
  cy_hit_plain: [
    'taro', 'daro', 'bwrw', 'fwrw', 'curo', 'guro', 'cicio', 'gicio', 'dyrnu', 'ddyrnu', 'hitio', 'slapio',
    'clatsio', 'glatsio', 'brifo', 'frifo', 'tagu', 'dagu', 'pwnio', 'bwnio',
    'waldio', 'leinio', // CHECK: colloquial "beat up"
    'cam ?drin', 'gam ?drin',
  ],
  /** "Want": eisiau / isio (north) / moyn (south), and their spoken spellings. */
  cy_want: ['eisiau', 'eisie', 'eisio', 'isio', 'isie', 'ishe', 'isho', 'moyn', 'mofyn', 'moen'],
  /** Myself / himself / herself: "fy hun", "fy hunan", "'yn hun" (colloquial), "ei hun". */
  cy_self: ['fy hun(?:an)?', 'y hun(?:an)?', 'yn hun(?:an)?', 'fi fy hun(?:an)?', 'ei hun(?:an)?'],
  /** Home: adref / adre / adra (going home), gartref / gartre (at home), "yn y tŷ" (in the house). */
  cy_home: ['adref', 'adre', 'adra', 'gartref', 'gartre', 'gatre', 'yn y ty', 'yn ty', 'yn y cartref', 'yn ty ni'],
  /** Negation: "ddim" / "dim" (not), "dwi'm" (I'm not, north), "sa i" / "sai" (I'm not, south). */
  cy_not: ['ddim', 'dim', 'dwim', 'sai', 'sa i'],
};

const SELF_HARM: readonly SafeguardingPhrase[] = [
  {
    id: 'cy.self_harm.eisiau_marw',
    pattern: '(?<!(?:{cy_not}) (?:yn )?){cy_want} (?:i )?(?:marw|farw)',
    category: 'self_harm',
    severity: 'urgent',
    note: 'Want to die. "Dwi\'n marw isio mynd" (I\'m dying to go) has the words the other way round and is left out.',
  },
  {
    id: 'cy.self_harm.ddim_eisiau_byw',
    pattern: '(?:{cy_not}) (?:yn )?{cy_want} (?:i )?(?:byw|fyw|bod yn fyw)(?! (?:yn|yng|ym|gyda|gydag|efo|hefo|yma|fan|mewn|ar|yno)(?= ))',
    category: 'self_harm',
    severity: 'urgent',
    note: 'Don\'t want to live; "ddim eisiau byw yn y ddinas" (live in the city) is left out.',
  },
  {
    id: 'cy.self_harm.lladd_fy_hun',
    pattern: 'l?ladd {cy_self}',
    category: 'self_harm',
    severity: 'urgent',
    note: 'Kill myself / himself / herself ("ladd" after "i" or "am", soft mutation).',
  },
  {
    id: 'cy.self_harm.hunanladdiad',
    pattern: 'hunan ?ladd[a-z]*',
    category: 'self_harm',
    severity: 'urgent',
    note: 'Suicide, suicidal (hunanladdiad, hunanladdol).',
  },
  {
    id: 'cy.self_harm.gwell_hebdda_i',
    pattern: 'well ~3 (?:hebdda i|hebddo i|hebddof i|hebddof|heb fi|hebdda fi)', // CHECK: colloquial spellings of "hebddo i"
    category: 'self_harm',
    severity: 'urgent',
    note: 'Better off without me.',
  },
  {
    id: 'cy.self_harm.casau_fy_hun',
    pattern: '(?:casau|gasau|chasau) (?:fy |y |yn )?hun(?:an)?', // CHECK
    category: 'self_harm',
    severity: 'medium',
    note: 'I hate myself: low mood, a worry worth a look.',
  },
  {
    id: 'cy.self_harm.brifo_fy_hun',
    pattern: '(?:brifo|frifo|mrifo|anafu|nanafu|hanafu|niweidio|torri|dorri|thorri|llosgi|losgi) {cy_self}(?! (?:yn|wrth) chwarae)',
    category: 'self_harm',
    severity: 'high',
    note: 'Hurt / harm / cut / burn myself; "wrth chwarae" (while playing) is an accident.',
  },
  {
    id: 'cy.self_harm.hunan_niweidio',
    pattern: 'hunan ?(?:niweidio|niwed|anafu)',
    category: 'self_harm',
    severity: 'high',
    note: 'Self-harm; a parent carer\'s words about their child are flagged too.',
  },
];

const ABUSE: readonly SafeguardingPhrase[] = [
  {
    id: 'cy.abuse.fy_nharo',
    pattern: '(?:fy |y |yr )?(?:{cy_person}) (?:{cy_yn}) (?:fy |y |yn |ym |yng )?{cy_hit_nasal}|(?:wnaeth|nath|naeth|wnath|gwnaeth|ddaru) (?:fy |y |yr )?(?:{cy_person}) (?:fy |y )?{cy_hit_nasal}',
    category: 'abuse',
    severity: 'high',
    note: 'Hits / beats / hurts me ("mae dad yn fy nharo", "mae e\'n fy mrifo"). Needs a person: "mae\'n fy nharo i" alone means "it strikes me".',
  },
  {
    id: 'cy.abuse.taro_fi',
    pattern: '(?:fy |y |yr )?(?:{cy_person}) (?:{cy_yn}) {cy_hit_plain} (?:fi|ni)(?= )|(?:wnaeth|nath|naeth|wnath|gwnaeth|ddaru) (?:fy |y |yr )?(?:{cy_person}) {cy_hit_plain} (?:fi|ni)(?= )',
    category: 'abuse',
    severity: 'high',
    note: 'Hits me, colloquial ("mae dad yn taro fi"). Needs a person: "mae\'r sŵn yn brifo fi" (the noise hurts me) is sensory.',
  },
  {
    id: 'cy.abuse.cam_drin',
    pattern: '(?:fy |y )ngham ?drin|cam ?drin (?:fi|ni)(?= )|(?:cael|gael) (?:fy |y )ngham ?drin',
    category: 'abuse',
    severity: 'high',
    note: 'Abuse(s) me. CHECK the mutated forms.',
  },
];

const SEXUAL_ABUSE: readonly SafeguardingPhrase[] = [
  {
    id: 'cy.sexual_abuse.cyffwrdd_a_fi',
    pattern: '(?:fy |y |yr )?(?:{cy_person}) (?:{cy_yn}) (?:cyffwrdd|gyffwrdd) (?:a |ag |yn )?(?:fi|mi|ynof)(?= )|(?:fy |y |yr )?(?:{cy_person}) (?:{cy_yn}) (?:fy |y )nghyffwrdd|(?:cyffwrdd|gyffwrdd|chyffwrdd|nghyffwrdd) ~3 (?:rhannau preifat|preifat|pidyn)',
    category: 'sexual_abuse',
    severity: 'high',
    note: 'Touches me ("cyffwrdd â fi", "fy nghyffwrdd"). Needs a person: "pan mae pobl yn cyffwrdd â fi" (when people touch me) is often sensory.',
  },
  {
    id: 'cy.sexual_abuse.lluniau_noeth',
    pattern: 'l?l(?:uniau|un) (?:noeth|rhywiol)|noethlymun',
    category: 'sexual_abuse',
    severity: 'high',
    note: 'Nude pictures.',
  },
  {
    id: 'cy.sexual_abuse.named',
    pattern: 'cam ?drin rhywiol|treisio|nhreisio|threisio|ymosod(?:iad)? rhywiol',
    category: 'sexual_abuse',
    severity: 'high',
    note: 'Sexual abuse, rape, sexual assault.',
  },
];

const DOMESTIC_ABUSE: readonly SafeguardingPhrase[] = [
  {
    id: 'cy.domestic_abuse.taro_mam',
    pattern: '(?:fy |y |yr )?(?:{cy_person}) (?:{cy_yn}) (?:taro|curo|bwrw|brifo|hitio|dyrnu|cicio|slapio|cam ?drin) (?:fy )?(?:mam|mami|llysfam)(?= )|(?:fy |y |yr )?(?:{cy_person}) (?:{cy_yn}) ei (?:tharo|churo|bwrw|brifo|chicio|dyrnu|cham ?drin) hi',
    category: 'domestic_abuse',
    severity: 'high',
    note: 'Hits mum ("mae dad yn taro mam"); "ei tharo hi" (hits her) takes the aspirate mutation.',
  },
  {
    id: 'cy.domestic_abuse.named',
    pattern: '(?:cam ?drin|trais) domestig',
    category: 'domestic_abuse',
    severity: 'high',
    note: 'Domestic abuse, domestic violence.',
  },
];

const NEGLECT: readonly SafeguardingPhrase[] = [
  {
    id: 'cy.neglect.dim_bwyd',
    pattern: 'dim bwyd ~2 (?:{cy_home})|heb (?:fwyta|gael bwyd|cael bwyd) ers (?:dyddiau|ddoe|dau ddiwrnod|tri diwrnod|[0-9]+ (?:diwrnod|niwrnod))',
    category: 'neglect',
    severity: 'high',
    note: 'No food at home; not eaten for days.',
  },
  {
    id: 'cy.neglect.cloi',
    pattern: '(?:nghloi|cloi|gloi) ~3 (?:ystafell|stafell|llofft|cwpwrdd|sied)',
    category: 'neglect',
    severity: 'high',
    note: 'Locked (me) in my room. CHECK "llofft" (bedroom, north).',
  },
  {
    id: 'cy.neglect.ar_ben_fy_hun',
    pattern: 'ar (?:fy |y )?(?:mhen|ben) fy hun(?:an)? ~3 (?:drwy|trwy|dros|bob) (?:y |yr )?nos',
    category: 'neglect',
    severity: 'high',
    note: 'On my own all night. CHECK.',
  },
];

const DANGER: readonly SafeguardingPhrase[] = [
  {
    id: 'cy.danger.ddim_yn_saff_adref',
    pattern: '(?:{cy_not}) (?:yn )?(?:teimlo yn )?(?:saff|ddiogel|diogel) ~2 (?:{cy_home}|(?:gyda|gydag|efo|hefo) (?:fy )?(?:{cy_person}))',
    category: 'danger',
    severity: 'high',
    note: 'Not safe at home ("dw i ddim yn saff adref", "dwi ddim yn ddiogel gartref").',
  },
  {
    id: 'cy.danger.ofn_mynd_adref',
    pattern: 'ofn(?:i|us)? ~2 (?:mynd|fynd) (?:nol |yn ol |yn nol )?(?:{cy_home}|i yr ty|ir ty)',
    category: 'danger',
    severity: 'high',
    note: 'Scared to go home ("mae gen i ofn mynd adref").',
  },
  {
    id: 'cy.danger.ofn_dad',
    pattern: 'ofn(?:i)? (?:fy )?(?:nhad|dad|tad|llystad|llysdad|cariad mam|ewythr)(?= )',
    category: 'danger',
    severity: 'high',
    note: 'Afraid of (my) dad / stepfather / mum\'s boyfriend.',
  },
  {
    id: 'cy.danger.rhedeg_i_ffwrdd',
    pattern: '(?:mynd|am|eisiau|isio|moyn|meddwl am|gorfod) (?:i )?(?:redeg|rhedeg) (?:i )?(?:ffwrdd|bant)|(?:mynd|am|eisiau|isio|moyn) i (?:ddianc|dianc)|(?:redeg|rhedeg) (?:i )?(?:ffwrdd|bant) o (?:adref|adre|adra|gartref|yr ty)',
    category: 'danger',
    severity: 'high',
    note: 'Going to run away ("bant" is south). "A redodd i ffwrdd" (who ran away, in a story) is left out.',
  },
  {
    id: 'cy.danger.rhedeg_heno',
    pattern: '(?:redeg|rhedeg|ddianc|dianc) ~3 heno',
    category: 'danger',
    severity: 'urgent',
    note: 'Running away tonight.',
  },
  {
    id: 'cy.danger.dilyn',
    pattern: '(?:rhywun|dyn|rhyw ddyn|car|fan|pobl) ~2 (?:yn |wedi )?(?:fy |y )nilyn|(?:rhywun|dyn|rhyw ddyn) ~2 (?:dilyn|ddilyn) (?:fi|ni)(?= )',
    category: 'danger',
    severity: 'high',
    note: 'Someone is following me ("fy nilyn", nasal mutation of "dilyn").',
  },
  {
    id: 'cy.danger.cyllell',
    pattern: '(?:gyda|gydag|efo|hefo|gynno|ganddo|ganddi|gynni|cario|gario|chario|dangos) ~2 (?:cyllell|gyllell|dryll)(?! (?:a|ac) (?:fforc|ffyrc|llwy))',
    category: 'danger',
    severity: 'high',
    note: 'Has / carries a knife or gun. "Cyllell a fforc" (knife and fork) is left out. CHECK.',
  },
  {
    id: 'cy.danger.bygwth',
    pattern: 'bygwth ~2 (?:lladd|ladd|nharo|mrifo|taro|daro|nhrywanu|trywanu|drywanu)',
    category: 'danger',
    severity: 'urgent',
    note: 'Threatened to kill / hit / stab (me).',
  },
];

const EXPLOITATION: readonly SafeguardingPhrase[] = [
  {
    id: 'cy.exploitation.llinellau_sirol',
    pattern: '(?<!(?:am|dysgu|gwers) )llinellau sirol',
    category: 'exploitation',
    severity: 'high',
    note: 'County lines. CHECK: the term used in Welsh-medium schools.',
  },
];

const BULLYING: readonly SafeguardingPhrase[] = [
  {
    id: 'cy.bullying.bwlio',
    pattern: '(?:fy |y )mwlio|(?:bwlio|fwlio) (?:fi|ni)(?= )|cael (?:ei |eu )?(?:bwlio|fwlio)',
    category: 'bullying',
    severity: 'medium',
    note: 'Being bullied ("cael fy mwlio"); "gwrth-fwlio" (anti-bullying) is left out.',
  },
  {
    id: 'cy.bullying.galw_enwau',
    pattern: 'galw enwau (?:arna i|arnaf|arnon ni|arno fi)',
    category: 'bullying',
    severity: 'medium',
    note: 'Calling me names.',
  },
];

/** Every Welsh phrase, by category. */
export const CY_PHRASES: readonly SafeguardingPhrase[] = [
  ...SELF_HARM, ...ABUSE, ...SEXUAL_ABUSE, ...DOMESTIC_ABUSE, ...NEGLECT, ...DANGER, ...EXPLOITATION, ...BULLYING,
];
