/**
 * English phrases that may be a disclosure of harm, as data, for safeguarding-detector.ts.
 *
 * Source: our own list, written by hand for Chorus from the signs of harm named in "Keeping children
 * safe in education" (DfE) and "Working together to safeguard children" (abuse, neglect, sexual
 * abuse, domestic abuse, child criminal and sexual exploitation, bullying, self-harm and suicidal
 * thoughts), and from how children and young people with SEND actually write: short, misspelt,
 * text-speak, no punctuation, sometimes shouted, sometimes in the middle of a long comment about
 * something else. It is not copied from any data set.
 *
 * How a pattern is written. Patterns are regular expressions over the *normalised* text (see
 * normaliseForSafeguarding in safeguarding-detector.ts): lower case, accents folded, apostrophes
 * removed ("don't" → "dont", "dad's" → "dads"), text-speak mapped ("u" → "you", "wnt" → "want",
 * "kms" → "kill myself"), words separated by single spaces, and a sentence's end kept as the word ".".
 * Two shorthands keep the patterns readable and the lists short:
 * - `{group}` stands for one of the word groups below ("{adult} ~ {hit} me");
 * - ` ~ ` stands for up to three filler words ("my step dad *sometimes* hits me"), ` ~2 ` for up to
 *   two, and so on. A filler word is never a negation ("my dad *never* hits me") nor a word that
 *   starts a new clause ("that", "it", "when", "because"), and fillers never cross a sentence's end.
 * A pattern is matched from the start of a word, against the normalised text with one space added
 * at each end: `(?= )` after a word means "and the word ends here", `(?= \\.| $)` means "at the end
 * of a sentence or of the text". Ids are `en.<category>.<what it finds>`, stable once published
 * (a lead sees them in an alert and areas may have reports keyed on them).
 *
 * Keep to plain words, `(?:…|…)`, `?`, `{m,n}` and lookarounds: the detector reads each
 * pattern to learn which words a match needs, so that it can skip patterns a text cannot match.
 * Anything else still works, only more slowly.
 *
 * Severity follows the contract in safeguarding-detector.ts: urgent when a life may be at risk now,
 * high for a disclosure of abuse or harm, medium for a worry worth a look.
 */
import type { SafeguardingPhrase } from '../safeguarding-detector.ts';

/**
 * Text-speak and misspellings, one word → its standard form (which may be several words). Applied to
 * single words after punctuation is removed. Family words ("mam", "ma", "da") are not mapped here:
 * "ma" and "da" are Welsh words too, so they live in the {adult} group instead.
 */
export const TEXT_SPEAK: Readonly<Record<string, string>> = {
  u: 'you', yu: 'you', ur: 'your', r: 'are', im: 'i am', ive: 'i have', hes: 'he is', shes: 'she is',
  theyre: 'they are', youre: 'you are', theyll: 'they will', dnt: 'dont', didn: 'didnt', dint: 'didnt',
  doesn: 'doesnt', dosnt: 'doesnt', dosent: 'doesnt', doesent: 'doesnt', cannot: 'cant', carnt: 'cant',
  havnt: 'havent', hvnt: 'havent', wnt: 'want', wnat: 'want', whant: 'want', wunt: 'want', wanna: 'want to',
  wana: 'want to', wnna: 'want to', wants2: 'wants to', wnts: 'wants', gonna: 'going to', gna: 'going to',
  gunna: 'going to', gona: 'going to', goin: 'going', gotta: 'got to', kil: 'kill', kll: 'kill',
  kild: 'killed', killd: 'killed', kiled: 'killed', killin: 'killing', kilin: 'killing', kms: 'kill myself',
  kys: 'kill yourself', ded: 'dead', dieing: 'dying', hurtz: 'hurts', hurtss: 'hurts', herts: 'hurts',
  hert: 'hurt', hurted: 'hurt', hurtin: 'hurting', hertin: 'hurting', hitz: 'hits', hittin: 'hitting',
  beatin: 'beating', punchin: 'punching', kickin: 'kicking', slappin: 'slapping', touchin: 'touching',
  tuches: 'touches', tuched: 'touched', followin: 'following', folowing: 'following', folows: 'follows',
  cuttin: 'cutting', harmin: 'harming', sum1: 'someone', som1: 'someone', someon: 'someone', any1: 'anyone',
  ne1: 'anyone', no1: 'nobody', noone: 'nobody', nobdy: 'nobody', nobady: 'nobody', every1: 'everyone',
  evry1: 'everyone', myslef: 'myself', mysef: 'myself', meself: 'myself', maself: 'myself', myselfe: 'myself',
  mysel: 'myself', mself: 'myself', urself: 'yourself', yourslef: 'yourself', scard: 'scared',
  scaired: 'scared', skared: 'scared', scaried: 'scared', scaredd: 'scared', afriad: 'afraid',
  afaid: 'afraid', frit: 'scared', bcos: 'because', becos: 'because', becuase: 'because', becoz: 'because',
  cos: 'because', coz: 'because', cuz: 'because', bc: 'because', wiv: 'with', wid: 'with', nite: 'night',
  tonite: 'tonight', '2nite': 'tonight', '2night': 'tonight', tonigt: 'tonight', '2day': 'today',
  '2moro': 'tomorrow', '2morrow': 'tomorrow', tmrw: 'tomorrow', tomoz: 'tomorrow', b4: 'before',
  h8: 'hate', ppl: 'people', bf: 'boyfriend', gf: 'girlfriend', bro: 'brother', sis: 'sister',
  skool: 'school', skl: 'school', hme: 'home', mee: 'me', teh: 'the', nd: 'and', alwys: 'always',
  evry: 'every', wen: 'when', tryed: 'tried', lokked: 'locked', lockd: 'locked', pils: 'pills',
  tabs: 'tablets', nudez: 'nudes', bruses: 'bruises', bruzes: 'bruises', bruzies: 'bruises',
  sucide: 'suicide', suiside: 'suicide', sucidal: 'suicidal', suicidel: 'suicidal', suisidal: 'suicidal',
  overdoes: 'overdose', stepdaddy: 'stepdad', groomd: 'groomed',
};

/**
 * Several words → one standard form, applied to the normalised text after TEXT_SPEAK (so "do not" and
 * "dont" look the same to every pattern). Keys are whole-word sequences.
 */
export const PHRASE_SPEAK: ReadonlyArray<readonly [string, string]> = [
  ['do not', 'dont'], ['does not', 'doesnt'], ['did not', 'didnt'], ['have not', 'havent'],
  ['has not', 'hasnt'], ['can not', 'cant'], ['was not', 'wasnt'], ['is not', 'isnt'],
  // "i wont to die": a common misspelling of "want"; "won't to" is never English, so this is safe
  ['wont to', 'want to'],
  ['no one', 'nobody'], ['some one', 'someone'], ['some body', 'somebody'], ['any more', 'anymore'],
  ['my self', 'myself'], ['your self', 'yourself'], ['him self', 'himself'], ['her self', 'herself'],
  ['them selves', 'themselves'], ['step dad', 'stepdad'], ['step father', 'stepfather'],
  ['step mum', 'stepmum'], ['step mom', 'stepmom'], ['step mother', 'stepmother'],
  ['step brother', 'stepbrother'], ['step sister', 'stepsister'], ['step daddy', 'stepdad'],
  ['over dose', 'overdose'],
];

/**
 * Word groups used by the patterns as `{name}`. Each entry is one alternative, itself a small regular
 * expression over normalised words.
 */
export const WORD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  /**
   * The people a child most often means when disclosing harm at home: parents and their partners,
   * other family, carers. Kept apart from {adult} for rules where a pronoun would mislead (a parent
   * carer's "he gets violent" is usually about their child, not a disclosure).
   */
  parent_figure: [
    'dad', 'daddy', 'da', 'dada', 'father', 'stepdad', 'stepfather', 'mum', 'mummy', 'mam', 'mammy', 'mom',
    'mommy', 'ma', 'mother', 'stepmum', 'stepmom', 'stepmother', 'parents?', 'boyfriend', 'girlfriend',
    'partner', 'husband', 'fella', 'uncle', 'auntie', 'aunty', 'aunt', 'nan', 'nana', 'nanna', 'gran',
    'granny', 'grandma', 'grandad', 'granddad', 'grandpa', 'grandfather', 'grandmother', 'foster carers?',
    'carers?', '(?:mums|mams|moms|dads) (?:boyfriend|girlfriend|partner|husband|wife|fella|mate)',
  ],
  /**
   * Anyone who could be harming a child: {parent_figure} plus adults around them (staff, drivers and
   * escorts on SEND transport, coaches, neighbours, strangers) and pronouns. Siblings are {sibling}.
   * "miss" and "sir" are how children name teachers.
   */
  adult: [
    'dad', 'daddy', 'da', 'dada', 'father', 'stepdad', 'stepfather', 'mum', 'mummy', 'mam', 'mammy', 'mom',
    'mommy', 'ma', 'mother', 'stepmum', 'stepmom', 'stepmother', 'parents?', 'boyfriend', 'girlfriend',
    'partner', 'husband', 'fella', 'uncle', 'auntie', 'aunty', 'aunt', 'nan', 'nana', 'nanna', 'nanny',
    'gran', 'granny', 'grandma', 'grandad', 'granddad', 'grandpa', 'grandfather', 'grandmother', 'cousin',
    'carers?', 'babysitter', 'childminder', 'teacher', 'ta', 'sir', 'miss', 'coach', 'instructor', 'leader',
    'driver', 'escort', 'neighbour', 'neighbor', 'friends?', 'mates?', 'man', 'men', 'guy', 'adults?',
    'someone', 'somebody', 'stranger', 'he', 'she',
  ],
  /** Brothers and sisters: their violence is still worth a lead's look. */
  sibling: ['brother', 'sister', 'stepbrother', 'stepsister', 'brothers', 'sisters'],
  /** Other children and young people, for bullying. */
  peers: [
    'they', 'kids', 'children', 'boys?', 'girls?', 'lads', 'people', 'pupils', 'students', 'everyone',
    'classmates', 'bullies', 'others', 'gang',
  ],
  /**
   * Verbs of violence done to a person. Deliberately left out: "beat" ("beats me at fifa"), "push"
   * ("pushes me on the swings", "pushes my wheelchair") and "throw": those have their own rules with
   * the words that make them violent.
   */
  hit: [
    'hits', 'hit', 'hitting', 'punches', 'punched', 'punching', 'punch', 'kicks', 'kicked', 'kicking', 'kick',
    'slaps', 'slapped', 'slapping', 'slap', 'smacks', 'smacked', 'smacking', 'smack', 'whacks', 'whacked',
    'whacking', 'batters', 'battered', 'battering', 'bashes', 'bashed', 'burns', 'burned', 'burnt', 'chokes',
    'choked', 'choking', 'strangles', 'strangled', 'strangling', 'throttles', 'throttled', 'headbutts',
    'headbutted', 'stamps on', 'stamped on', 'bites', 'hurts', 'hurt', 'hurting', 'harms', 'harmed', 'abuses',
    'abused', 'abusing', 'attacks', 'attacked', 'attacking', 'assaulted', 'assaults', 'whips', 'whipped',
    'belts', 'belted', 'thumps', 'thumped', 'thumping', 'tortures', 'tortured', 'scratches', 'scratched',
    'pinches', 'pinched',
  ],
  /** Where a person, not a noise or a light, hurts a body (ears and eyes are left to sensory complaints). */
  body: [
    'arms?', 'wrists?', 'legs?', 'neck', 'throat', 'face', 'back', 'tummy', 'stomach', 'privates', 'bum',
    'chest', 'ribs', 'hair', 'fingers?', 'hands?',
  ],
  /** Home, as children say it. */
  home: [
    'at home', 'in (?:my|our|the) (?:own )?(?:house|home|flat)', 'at (?:my|our) (?:house|home|flat)',
    'at (?:my )?(?:mums|dads|mams|moms|nans)',
  ],
  /** Mum, as the person harmed in domestic abuse. */
  mum: ['mum', 'mummy', 'mam', 'mammy', 'mom', 'mommy', 'ma', 'mother', 'stepmum', 'stepmom'],
  /** Accidents, after "hurt myself" or "cut my leg": not disclosures. */
  accident: [
    '(?:playing|at|on|in|during|doing|when|while|whilst) (?:(?:the|a|my|his|her|our) )?(?:football|pe|rugby|netball|sports?|training|trampolin(?:e|ing)|park|playground|slide|swings?|match|game|bike|scooter|gym|gymnastics|danc(?:e|ing)|skating|stairs|swimming|pool|school trip|ice|fence|rock|table|glass|tin)(?= )',
    'by accident', 'accidentally', 'when (?:i|he|she) fell', 'falling',
  ],
};

const SELF_HARM: readonly SafeguardingPhrase[] = [
  {
    id: 'en.self_harm.want_to_die',
    pattern: '(?<!(?:dont|doesnt|didnt|never|not|nobody|wont) )(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|would like|desperate) (?:to )?(?:just )?(?:die|be dead)(?! (?:my|her|his|their|it|them|your|the|of|laughing|for|from|without)(?= ))',
    category: 'self_harm',
    severity: 'urgent',
    note: '"want to die my hair" (dye) and "want to die of embarrassment" are left out; "I don\'t want to die" is not suicidal.',
  },
  {
    id: 'en.self_harm.wish_dead',
    pattern: 'wish(?:es|ed|ing)? (?:i|he|she) (?:was|were|could be|would be|was just|had been) (?:dead|never born|not born|not alive|gone forever)|wish(?:es|ed)? (?:i|he|she) (?:had never been|was never|were never|wasnt|hadnt been) born|wish(?:es|ed)? (?:i|he|she) (?:could|would) (?:just )?(?:die|disappear forever|not wake up|never wake up)|(?:hope|hoping|hopes) (?:i|he|she) (?:just )?(?:die|dies|am dead|never wake up)',
    category: 'self_harm',
    severity: 'urgent',
  },
  {
    id: 'en.self_harm.kill_myself',
    pattern: '(?:kill|kills|killing|killed|hang|hanging|hanged|drown|drowning|poison|poisoning|shoot|shooting|stab|stabbing|suffocate|suffocating|end|ending) (?:myself|himself|herself|themselves|themself)(?! (?:laughing|with laughter|to (?:get|finish|make|do|keep)|in the foot)(?= ))',
    category: 'self_harm',
    severity: 'urgent',
    note: 'In any person: a parent carer writing "he tried to kill himself" is a disclosure about a child.',
  },
  {
    id: 'en.self_harm.end_my_life',
    pattern: 'end (?:it all|my life|my own life|his life|her life|their life|everything|it tonight|it now|it today)|ending (?:it all|my life|everything)|(?:take|taking) (?:my|his|her|their) (?:own )?life(?! (?:back|in|into|seriously|forward|over))|took (?:my|his|her|their) own life|(?:want|wants|wanna|going|planning|ready) to end it(?: all)?(?= \\.| $)',
    category: 'self_harm',
    severity: 'urgent',
  },
  {
    id: 'en.self_harm.better_off_without_me',
    pattern: '(?:better off|be better|happier) (?:without me|with me dead|dead|if i (?:was|were|wasnt|werent|am|was not) (?:dead|gone|here|around|alive|never born)|if i died|when i am gone)',
    category: 'self_harm',
    severity: 'urgent',
  },
  {
    id: 'en.self_harm.no_point_living',
    pattern: '(?:no|nothing|whats the|what is the) (?:point|reason) (?:in |of |to )?(?:living|being alive|me living|me being alive|life|live|me being here)(?= )|not worth living|life (?:isnt|is not|aint) worth (?:it|living)|(?:my )?life is pointless',
    category: 'self_harm',
    severity: 'urgent',
  },
  {
    id: 'en.self_harm.not_want_to_live',
    pattern: '(?:dont|doesnt|didnt|never) (?:want|wants|wanted|wish|wishes) (?:to )?(?:live|be alive|exist|be in this world|be on this earth|wake up)(?! (?:in|at|with|near|there|on|by|far|next|somewhere|anywhere|here|alone|independently|up|early|for|till|until|so|when)(?= ))',
    category: 'self_harm',
    severity: 'urgent',
    note: '"I don\'t want to live in a city" and "don\'t want to wake up early" are left out.',
  },
  {
    id: 'en.self_harm.not_want_to_be_here',
    pattern: '(?:dont|doesnt|never) (?:want|wants) (?:to )?(?:be here|be around|be alive|go on|carry on) (?:anymore|no more|ever again|any longer|much longer)',
    category: 'self_harm',
    severity: 'urgent',
    note: 'Only with "anymore" or the like: "I don\'t want to be here for two hours" is about a session.',
  },
  {
    id: 'en.self_harm.suicide',
    pattern: 'suicidal|suicide (?:attempt|attempts|note|thoughts|plan)|(?:attempt|attempted|attempting|commit|committed|committing|tried|try|trying|thought about|thinking about|thoughts of|thinking of|think about|considering|contemplating|talks about|talked about|talking about) (?:to )?(?:commit )?suicide',
    category: 'self_harm',
    severity: 'urgent',
    note: 'The bare word "suicide" is left out: "suicide prevention training" is not a disclosure.',
  },
  {
    id: 'en.self_harm.overdose',
    pattern: 'overdos(?:e|ed|es|ing)|(?:took|take|taken|taking) an od|(?:took|take|taken|taking|swallowed|swallow) (?:[5-9]|[1-9][0-9]+|twenty|loads of|lots of|a lot of|a load of|all the|a handful of) (?:pills|tablets|paracetamol|painkillers|ibuprofen|sleeping pills)(?! (?:a day|every|in the morning|each)(?= ))',
    category: 'self_harm',
    severity: 'urgent',
  },
  {
    id: 'en.self_harm.take_all_pills',
    pattern: '(?<!(?:forget|forgot|forgets|have|has|had|need|needs|remember|supposed|got|me|him|her|used) to )(?:take|took|taken|taking|swallow|swallowed|swallowing|drink|drank) (?:all (?:of )?(?:my|the|his|her|mums|dads|my mums|my dads|our) |a (?:whole|full) (?:packet|box|bottle) of |loads of |lots of |a load of |a packet of |a bottle of |the whole (?:packet|box|bottle) of )(?:pills|tablets|meds|medicine|medication|paracetamol|painkillers|bleach)(?! (?:in the morning|at (?:breakfast|lunch|night|bedtime|school)|every|each|on time|with)(?= ))',
    category: 'self_harm',
    severity: 'urgent',
    note: '"I have to take all my tablets in the morning" is a routine, not a plan.',
  },
  {
    id: 'en.self_harm.jump',
    pattern: '(?:jump|jumping|jumped|throw myself|throwing myself|threw myself) (?:off|from|out of) (?:a |the |our |my )?(?:bridge|building|roof|cliff|balcony|window|car park|multi storey|tower)|(?:step|stepping|stepped|jump|jumping|walk|walking|throw myself|lie down|lay down) (?:out )?in front of (?:a |the )?(?:train|bus|car|lorry|truck|traffic)|(?:want|wants|wish|wishing|hope|hoping) (?:that )?(?:a |the )?(?:car|bus|train|lorry|someone|somebody) (?:would |will |to )?(?:hit|hits|run|runs|kill|kills) (?:me|him|her)',
    category: 'self_harm',
    severity: 'urgent',
  },
  {
    id: 'en.self_harm.nobody_would_care',
    pattern: '(?:nobody|no one) ~3 (?:care|miss me|notice|be sad|cry|miss him|miss her) (?:if|when) (?:i|he|she) (?:died|die|was dead|were dead|was gone|am gone|killed myself|disappeared|wasnt here|wasnt around)',
    category: 'self_harm',
    severity: 'urgent',
  },
  {
    id: 'en.self_harm.cant_go_on',
    pattern: '(?:cant|cannot) (?:go on|carry on|keep going) (?:anymore|no more|any longer|like this|living)',
    category: 'self_harm',
    severity: 'high',
    note: 'High, not urgent: parent carers write it about exhaustion too, which a lead still wants to know.',
  },
  {
    id: 'en.self_harm.self_harm',
    pattern: 'self ?harm(?:ing|ed|s|er)?|self ?injur(?:y|ing|ed|es|e)|self ?inflicted',
    category: 'self_harm',
    severity: 'high',
    // Decision: a parent carer's "my daughter is self harming and nobody rings back" is flagged. It is a
    // disclosure about a child at risk, whoever writes it, and the lead decides what follows.
    note: 'Parent carers\' words about their own child are flagged too: a disclosure about a child, whoever writes it.',
  },
  {
    id: 'en.self_harm.hurt_myself',
    pattern: '(?<!(?:accidentally|fell and|fell over and|tripped and|nearly|almost) )(?:cut|cuts|cutting|harm|harms|harming|harmed|hurt|hurts|hurting|burn|burns|burning|burnt|burned|scratch|scratches|scratching|scratched|hit|hits|hitting|punch|punches|punching|punched|starve|starves|starving|starved|bite|bites|biting|bit|pinch|pinches|pinching|bruise|bruising|bang|banging|choke|choking|strangle|strangling) (?:myself|himself|herself|themselves|themself)(?! {accident})',
    category: 'self_harm',
    severity: 'high',
    note: 'Accidents ("I hurt myself playing football") are left out.',
  },
  {
    id: 'en.self_harm.still_cutting',
    pattern: '(?:i|i am|i was|i have been|i keep|i started|started|still|he keeps|she keeps|he has been|she has been|has started) (?:cutting|self harming|harming)(?: again| every day| every night| at night)?(?= \\.| $)',
    category: 'self_harm',
    severity: 'high',
    note: '"I keep cutting" at the end of a sentence: how young people often say it.',
  },
  {
    id: 'en.self_harm.cut_my_arms',
    pattern: '(?:cut|cuts|cutting|slit|slitting|scratch|scratching|scratches|burn|burning|burns) (?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|body)(?! (?:on (?:a|the|some)|playing|falling|when (?:i|he|she) fell|by accident)(?= ))',
    category: 'self_harm',
    severity: 'high',
  },
  {
    id: 'en.self_harm.low_mood',
    pattern: '(?:i |i just |i really )hate (?:myself|my life|being alive|being me)|(?:nobody|no one) (?:cares about|loves|likes|wants) me(?! to)|(?:want|wants|wanna|wish i could) (?:to )?(?:disappear|sleep forever|vanish)(?! (?:from|into|for a|for the|until|till)(?= ))|(?:cant|cannot) cope (?:anymore|any longer|with life|with anything)',
    category: 'self_harm',
    severity: 'medium',
    note: 'Low mood without a plan: a worry worth a look, not an emergency.',
  },
  {
    id: 'en.self_harm.eating',
    pattern: '(?:make|makes|making|made) (?:myself|himself|herself) (?:be )?sick|throw(?:ing)? up after (?:i eat|eating|meals|food|every meal)|(?:stopped|stop|not) eating (?:on purpose|so i|to lose|because i am fat)',
    category: 'self_harm',
    severity: 'high',
  },
];

const ABUSE: readonly SafeguardingPhrase[] = [
  {
    id: 'en.abuse.hits_me',
    pattern: '{adult} ~ {hit} (?:me|us)(?! (?:by accident|accidentally|back|with the door|with (?:a|the) ball)(?= ))',
    category: 'abuse',
    severity: 'high',
    note: 'Needs a person: "the noise hurts me" is sensory, "my dad hits the ball" is cricket.',
  },
  {
    id: 'en.abuse.sibling_hits_me',
    pattern: '{sibling} ~ {hit} (?:me|us)(?! (?:by accident|accidentally|back|with the door|with (?:a|the) ball)(?= ))',
    category: 'abuse',
    severity: 'medium',
    note: 'Medium: brothers and sisters fight, but a lead should be able to see a pattern.',
  },
  {
    id: 'en.abuse.hits_child',
    pattern: '(?:{parent_figure}) ~ {hit} (?:him|my (?:son|daughter|child|kids|children|brother|sister|little brother|little sister))(?! (?:by accident|accidentally|back|for six)(?= ))',
    category: 'abuse',
    severity: 'high',
    note: 'A parent carer or sibling telling us that a child is hit at home.',
  },
  {
    id: 'en.abuse.beats_me',
    pattern: '(?:{adult}|{sibling}) ~ (?:beats|beat|beating|beaten|batters|battered) (?:me|us)(?! (?:at (?!home)|in (?:a |the )?(?:races?|games?|match)|every time))',
    category: 'abuse',
    severity: 'high',
    note: '"My brother beats me at fifa" is a game.',
  },
  {
    id: 'en.abuse.pushes_me',
    pattern: '(?:{adult}|{sibling}) ~ (?:pushes|pushed|pushing|shoves|shoved|shoving|throws|threw|throwing|drags|dragged|dragging|grabs|grabbed|grabbing|pins|pinned) (?:me|us) (?:down|into|against|across|over|onto|on to|out|off|to the (?:floor|ground)|on the floor|by (?:my|the) (?:hair|neck|throat|arms?|wrists?|collar)|around|about|up against)',
    category: 'abuse',
    severity: 'high',
    note: 'Only with where to: "dad pushes me on the swings" and "my TA pushes me in my wheelchair" are care.',
  },
  {
    id: 'en.abuse.throws_things',
    pattern: '{adult} ~ (?:throws|threw|throwing|chucks|chucked) (?:things|stuff|plates|a plate|chairs|a chair|cups|a cup|bottles|a bottle|glasses|a glass|shoes|a shoe|(?:his|her) phone|the remote|knives|a knife) at (?:me|us|{mum}|my {mum}|her|him)',
    category: 'abuse',
    severity: 'high',
  },
  {
    id: 'en.abuse.hit_with_object',
    pattern: '(?:hit|hits|hitting|beat|beats|beating|whacked|whacks|smacked|smacks|smacking|whipped|whips|belted) (?:me|us|him|her) with (?:a |his |her |the |their |my )?(?:belt|stick|shoe|slipper|spoon|wooden spoon|cable|wire|lead|hairbrush|brush|bat|pole|hanger|coat hanger|ruler|hose|phone charger|charger|fists?|hand|bottle|chair|remote|plug|iron)',
    category: 'abuse',
    severity: 'high',
  },
  {
    id: 'en.abuse.hurts_my_body',
    pattern: '(?:{adult}|{sibling}) ~2 (?:hurts|hurt|hurting|twists|twisted|twisting|squeezes|squeezed|pulls|pulled|pulling|yanks|yanked|grabs|grabbed|bends|bent|burns|burnt|burned|punched|kicked|slapped|hit|hits) (?:me )?(?:on |in )?(?:my|the) {body}(?! (?:by accident|accidentally)(?= ))',
    category: 'abuse',
    severity: 'high',
  },
  {
    id: 'en.abuse.bruises_from',
    pattern: '(?:bruises?|bruised|bruising|black eyes?|marks|welts|burn marks) ~4 (?:from|because|where|after|when) ~2 (?:{adult}|{sibling}|him|her)(?! (?:at|in|playing) (?:football|rugby|pe)(?= ))|(?:{adult}|{sibling}) ~3 (?:gave|gives|left|leaves) (?:me |him |her )?(?:a |some )?(?:bruises?|black eye|marks?)',
    category: 'abuse',
    severity: 'high',
  },
  {
    id: 'en.abuse.covered_in_bruises',
    pattern: '(?:covered in|full of|lots of|loads of) bruises|bruises all over (?:me|him|her|my body|his body|her body)',
    category: 'abuse',
    severity: 'medium',
  },
  {
    id: 'en.abuse.hit_at_home',
    pattern: '(?:get|gets|getting|got|been|being|was|am|is) (?:hit|beaten|battered|punched|slapped|kicked|smacked|hurt|whipped|belted|strangled|choked|abused) ~3 (?:{home}|by (?:my |our |his |her )?(?:{adult}|{sibling}))',
    category: 'abuse',
    severity: 'high',
  },
  {
    id: 'en.abuse.strangled',
    pattern: '(?:strangled|strangles|strangling|choked|chokes|throttled|suffocated|suffocates|smothered) (?:me|us|my {mum}|{mum}|her|him)',
    category: 'abuse',
    severity: 'high',
  },
  {
    id: 'en.abuse.tried_to_kill',
    pattern: '(?:tried|tries|trying|try) to (?:kill|strangle|choke|drown|stab|suffocate|smother|poison|run over) (?:me|us|my {mum}|{mum}|her|him|my (?:brother|sister|son|daughter))',
    category: 'abuse',
    severity: 'urgent',
  },
  {
    id: 'en.abuse.keep_it_secret',
    pattern: '{adult} ~ (?:said|says|told me|tells me|told|makes me promise|made me promise|warned me|warns me) (?:not to|never to|to never|dont|i (?:mustnt|cant|shouldnt|must not)|i am not allowed to) (?:tell|say)(?!(?: [^ .]+){0,5} (?:surprise|present|presents|party|birthday|christmas))|our (?:little |special )?secret(?! (?:den|club|base|handshake|code|santa|recipe|hideout|place|weapon)(?= ))',
    category: 'abuse',
    severity: 'medium',
    note: 'An adult asking a child to keep secrets is a grooming sign; surprises for a birthday are left out.',
  },
  {
    id: 'en.abuse.made_to_keep_secrets',
    pattern: '{adult} ~ (?:makes|made|make|asks|asked|tells|told|wants|wanted) (?:me|us) (?:to )?keep (?:secrets|a secret|it (?:a )?secret|things secret)(?! (?:about|for) (?:a |the |my |his |her )?(?:surprise|present|presents|party|birthday|christmas)(?= ))',
    category: 'abuse',
    severity: 'medium',
  },
  {
    id: 'en.abuse.put_down',
    pattern: '{adult} ~ (?:says|said|tells me|told me|calls me|called me|keeps saying) (?:that )?(?:i am |i was |im )?(?:worthless|a mistake|a waste of space|should have been aborted|should never have been born|wishes i was never born|wish i was never born|wishes i was dead)',
    category: 'abuse',
    severity: 'medium',
  },
];

const SEXUAL_ABUSE: readonly SafeguardingPhrase[] = [
  {
    id: 'en.sexual_abuse.touches_me_where',
    pattern: '(?:touch|touches|touched|touching|feels|felt|rubs|rubbed) (?:me|my) ~3 (?:where|private|privates|down there|bits|willy|penis|vagina|fanny|bum|boobs|breasts|between my legs|under my (?:clothes|pants|knickers|top|skirt)|in (?:my )?bed)',
    category: 'sexual_abuse',
    severity: 'high',
  },
  {
    id: 'en.sexual_abuse.adult_touches_me',
    pattern: '(?:{adult}|{sibling}) ~ (?:touches|touched|touching|touch|keeps touching|tries to touch|tried to touch|rubs|rubbed|fiddles with|fiddled with|fondles|fondled|gropes|groped|feels me up|felt me up) me(?! (?:on|by) (?:the|my) (?:arm|shoulder|hand|head|back|elbow|knee)(?= )| to (?:get|help|calm|show|move|wake)| gently| (?:in|at|during) (?:tag|pe|games|the game|football)(?= ))',
    category: 'sexual_abuse',
    severity: 'high',
    note: 'A touch on the arm or shoulder to help or calm is left out; a child saying "he touched me" is not.',
  },
  {
    id: 'en.sexual_abuse.makes_me_touch',
    pattern: '(?:makes|made|make|making|forces|forced|force|tells|told|wants|wanted|tries to make|tried to make|asks|asked|asking) (?:me|us|him|her) (?:to )?(?:touch (?:him|her|his|their|them)|rub (?:him|his|her)|suck|lick|undress|get undressed|take (?:off )?my clothes off|take off my clothes|strip|get naked|show (?:him|her|them) my|watch (?:porn|rude|sex|dirty))',
    category: 'sexual_abuse',
    severity: 'high',
  },
  {
    id: 'en.sexual_abuse.sends_pictures',
    pattern: '(?:sends|sent|send|sending|showed|shows|show|showing) (?:me|us) ~2 (?:pictures?|pics?|photos?|videos?|vids|images|snaps) ~3 (?:of (?:his|her|their|him|himself|herself|themselves) (?:body|willy|penis|privates|private|thing|bits|naked)|naked|nude|rude|dirty|sexy|sex|porn|of (?:himself|herself|themselves)(?= )|without (?:clothes|his clothes|her clothes))|(?:man|men|guy|guys|stranger|strangers|adult|grown up|older (?:boys?|men|man|guys?)|(?:someone|somebody) (?:online|on (?:snapchat|snap|instagram|insta|tiktok|roblox|discord|fortnite|xbox|whatsapp|a game))) ~4 (?:sends|sent|send|sending|keeps sending|kept sending) me (?:pictures?|pics?|photos?|videos?|vids|images|snaps|messages)',
    category: 'sexual_abuse',
    severity: 'high',
    note: '"My nan sends me pictures of her garden" is left out: pictures need a stranger or a sexual word.',
  },
  {
    id: 'en.sexual_abuse.hands_in_clothes',
    pattern: '(?:puts|put|putting|puts his|put his|put her) (?:his |her |their )?(?:hands?|fingers?) (?:in|inside|down|up|under) (?:my|me) ~1 (?:pants|knickers|trousers|clothes|top|shirt|skirt|bottoms|bra|pyjamas)',
    category: 'sexual_abuse',
    severity: 'high',
  },
  {
    id: 'en.sexual_abuse.asks_for_pictures',
    pattern: '(?:man|men|guy|guys|stranger|strangers|someone|somebody|older (?:boys?|man|men|guys?|lads?)|adult|grown up) ~4 (?:asked|asks|asking|keeps asking|kept asking|wants|wanted|told|tells) (?:me )?(?:for|to send|to take) ~1 (?:pics?|pictures?|photos?|videos?|snaps|selfies?)(?! of (?:the|our|my|a) (?!body)[^ ]+)',
    category: 'sexual_abuse',
    severity: 'high',
    note: 'A stranger or older person asking a child for pictures is a sign of online sexual abuse.',
  },
  {
    id: 'en.sexual_abuse.nudes',
    pattern: 'nudes|(?:nude|naked) (?:pics?|pictures?|photos?|selfies?|videos?)|(?:pics|pictures|photos|videos) of me naked|(?:pics|pictures|photos) of my (?:body|boobs|privates|bum|chest)',
    category: 'sexual_abuse',
    severity: 'high',
  },
  {
    id: 'en.sexual_abuse.sex_stuff',
    pattern: '(?:made|makes|make|forced|forces|force|tried to make|tries to make|wanted|wants|asked|asks|told|tells|pressured|pressures|pressuring) (?:me|us|him|her) (?:to )?(?:do|have|doing|having) (?:sex|sexual|rude|dirty)(?: stuff| things)?|sex stuff|sexual stuff',
    category: 'sexual_abuse',
    severity: 'high',
  },
  {
    id: 'en.sexual_abuse.named',
    pattern: 'rape|raped|rapes|raping|rapist|molest|molested|molesting|molests|sexually (?:abused|assaulted|abusing|touched|exploited)|sexual (?:abuse|assault)|indecent(?:ly)? (?:assault|exposure|images)|paedo|pedo|paedophile|pedophile|flashed (?:me|us|his)',
    category: 'sexual_abuse',
    severity: 'high',
  },
  {
    id: 'en.sexual_abuse.shows_private_parts',
    pattern: '(?:showed|shows|show|showing|sent|sends|send|made|makes|make) (?:me|us) (?:watch )?~2 (?:porn|porno|rude videos|sex videos|dirty videos)|(?:showed|shows|show|showing|flashed|flashes) (?:me|us) (?:his|her|their) (?:willy|penis|privates|private parts|private|thing|dick|cock|bits|boobs|bum)',
    category: 'sexual_abuse',
    severity: 'high',
  },
  {
    id: 'en.sexual_abuse.kisses_me',
    pattern: '{adult} ~ (?:kisses|kissed|kissing|tries to kiss|tried to kiss) me (?:on the lips|with (?:his|her) tongue|and touches|and touched|when (?:nobody|mum|dad) (?:is|was))',
    category: 'sexual_abuse',
    severity: 'high',
  },
];

const DOMESTIC_ABUSE: readonly SafeguardingPhrase[] = [
  {
    id: 'en.domestic_abuse.hits_mum',
    pattern: '(?:{adult}|{sibling}) ~ (?:{hit}|beats|beat|beating) (?:my |our )?(?:{mum}|nan|nana|gran|grandma|her)(?! (?:by accident|accidentally|back|feelings|at (?!home)[^ ]+)(?= ))|(?:{mum}) ~ (?:{hit}|beats|beat) (?:my |our )?(?:dad|stepdad|him)(?! (?:by accident|back|at (?!home)[^ ]+)(?= ))',
    category: 'domestic_abuse',
    severity: 'high',
  },
  {
    id: 'en.domestic_abuse.mum_scared_of_him',
    pattern: '(?:{mum}|she) (?:is|gets|was|seems) (?:so |really |very )?(?:scared|afraid|frightened|terrified) of (?:him|dad|my dad|my stepdad|stepdad|(?:her )?boyfriend|his temper)',
    category: 'domestic_abuse',
    severity: 'high',
  },
  {
    id: 'en.domestic_abuse.police_at_home',
    pattern: 'police (?:came|come|comes|coming|were called|was called|got called|get called|keep coming|kept coming|are always|were at|was at|came round|come round) ~4 (?:our|my) (?:house|home|flat)',
    category: 'domestic_abuse',
    severity: 'medium',
    note: 'Medium: police at home can be for many reasons, but a lead should look.',
  },
  {
    id: 'en.domestic_abuse.named',
    pattern: 'domestic (?:violence|abuse)|(?:womens|domestic abuse) refuge|(?:live|living|lived|stay|staying|stayed|moved|move|went|are|were|was|is) (?:in|to|into) a refuge',
    category: 'domestic_abuse',
    severity: 'high',
  },
  {
    id: 'en.domestic_abuse.violent_parent',
    pattern: '(?:{parent_figure}) ~ (?:is|gets|goes|can be) (?:really |very |so )?violent|violence (?:at home|in (?:our|the) house)',
    category: 'domestic_abuse',
    severity: 'high',
    note: 'Only parents and partners: parent carers write "he gets violent" about their child\'s distress.',
  },
];

const NEGLECT: readonly SafeguardingPhrase[] = [
  {
    id: 'en.neglect.no_food',
    pattern: '(?:no|never any|never enough|not enough|isnt any|isnt enough|not any|never) food ~2 (?:{home}|in the (?:fridge|cupboards?|house))|nothing to eat ~2 (?:{home}|in the house|for days|since)|(?:there is|theres|there isnt|we have|we never have|we dont have|we havent got|we hardly have) (?:never |no |any |enough |not enough |hardly any )?(?:any |enough )?food(?: at all| ever)?(?= \\.| $)',
    category: 'neglect',
    severity: 'high',
  },
  {
    id: 'en.neglect.not_eaten',
    pattern: '(?:havent|hasnt|didnt|not|never) (?:eaten|ate|had (?:any )?(?:food|anything to eat|anything|tea|dinner|breakfast)) ~2 (?:for|since|in) (?:days|ages|a (?:day|week|long time)|[0-9]+ days|two days|three days|yesterday|the weekend|friday|saturday|sunday|monday|last night)',
    category: 'neglect',
    severity: 'high',
  },
  {
    id: 'en.neglect.hungry',
    pattern: '(?:go|goes|went|going|sent|send me) to bed hungry|(?:{adult}) ~ (?:doesnt|dont|never|wont|didnt|forgets to|forgot to) (?:feed|feeds|give me (?:food|dinner|tea|breakfast)|make (?:me )?(?:food|dinner|tea))',
    category: 'neglect',
    severity: 'high',
  },
  {
    id: 'en.neglect.locked_in',
    pattern: '(?:locks|locked|lock|locking|keeps|kept|shuts|shut) (?:me|us|him|her) (?:in|inside|into|in to) (?:my|the|a|his|her) (?:room|bedroom|cupboard|shed|garden|cellar|basement|car|bathroom)|(?:locked|locks|lock|locking) (?:me|us) out|(?:get|got|am|is|being|was|been) locked in (?:my|the|his|her) (?:room|bedroom|cupboard|shed|cellar)|(?:get|got|gets|am|was|being|been|keep getting) locked out (?:of (?:the|my|our) (?:house|home|flat)|at night|all night|overnight)',
    category: 'neglect',
    severity: 'high',
  },
  {
    id: 'en.neglect.left_alone',
    pattern: '(?:left|leaves|leave|leaving) (?:me |us |him |her )?(?:alone|on my own|on our own|by myself|home alone|at home alone|in the house alone) ~3 (?:all night|overnight|at night|every night|for days|all weekend|for (?:the )?weekend|for hours|all day|till late|until late|when (?:she|he|they) (?:go|goes|went) out)|home alone (?:all|every|at) night',
    category: 'neglect',
    severity: 'high',
  },
  {
    id: 'en.neglect.nobody_picks_me_up',
    pattern: '(?:nobody|never anyone) (?:picks|picked|comes to pick|came to pick|collects|collected|comes to collect|came to collect|comes to get|came to get|came for) (?:me|us)',
    category: 'neglect',
    severity: 'medium',
  },
  {
    id: 'en.neglect.nobody_looks_after_me',
    pattern: 'nobody (?:looks after|looked after|feeds|washes|cares for|takes care of) (?:me|us)',
    category: 'neglect',
    severity: 'high',
  },
  {
    id: 'en.neglect.parent_drunk',
    pattern: '(?:{parent_figure}) ~ (?:is|gets|always|was) (?:always )?(?:drunk|wasted|high|off (?:her|his|their) (?:face|head)|passed out) (?:again|all the time|every (?:day|night)|most (?:days|nights)|and (?:cant|doesnt|dont|hits|shouts|falls|forgets|passes))|(?:{parent_figure}) ~ (?:takes|does|sells|smokes) (?:drugs|crack|heroin|coke|cocaine)',
    category: 'neglect',
    severity: 'high',
  },
];

const DANGER: readonly SafeguardingPhrase[] = [
  {
    id: 'en.danger.scared_to_go_home',
    pattern: '(?:scared|afraid|frightened|terrified|petrified|too scared|worried) (?:to |of )?(?:go|going) (?:back )?home|dont want to go (?:back )?home (?:because|as|when|if) ~3 (?:{adult}|{sibling}|of)',
    category: 'danger',
    severity: 'high',
    note: '"I don\'t want to go home, club is fun" is left out; "because dad…" is not.',
  },
  {
    id: 'en.danger.not_safe_at_home',
    pattern: '(?<!(?:he is|she is|they are|it is|its|he was|she was|house is|flat is|stairs are) )(?:not|never|dont feel|never feel) (?:feel )?safe (?:at all )?(?:{home}|(?:with|around|near) (?:my |our )?(?:{parent_figure})|when (?:my |our )?(?:{parent_figure}|he|she) (?:is|gets|comes) (?:home|back|drunk|angry|in))|unsafe {home}|home (?:isnt|doesnt feel|never feels|dont feel) safe(?! for (?:him|her|them|my son|my daughter))|(?:scared|frightened) {home}',
    category: 'danger',
    severity: 'high',
    note: 'A parent\'s "he is not safe at home, he climbs" is about adaptations, not harm: left out.',
  },
  {
    id: 'en.danger.feel_unsafe',
    pattern: '(?:dont|never) feel safe|(?:feel|felt|am) (?:unsafe|in danger)|i am not safe',
    category: 'danger',
    severity: 'medium',
  },
  {
    id: 'en.danger.afraid_of_parent',
    pattern: '(?:scared|afraid|frightened|terrified|petrified|fearful) (?:of|about) (?:my |our )?(?:{parent_figure})(?! (?:driving|cooking|dog|dogs|cat|snake|spider|car|jokes|singing|finding out|seeing|reading|knowing)(?= ))',
    category: 'danger',
    severity: 'high',
  },
  {
    id: 'en.danger.run_away',
    pattern: '(?:going to|want to|wants to|will|plan to|planning to|planning on|thinking of|thinking about|think about|might|about to|decided to|i am|going|gonna) (?:run away|runaway|run off|leave home|running away|running off)|(?:run|ran|running|runs) away from home',
    category: 'danger',
    severity: 'high',
  },
  {
    id: 'en.danger.run_away_now',
    pattern: '(?:run away|running away|runaway|run off|leave home|leaving home) ~3 (?:tonight|today|now|this evening|after school)',
    category: 'danger',
    severity: 'urgent',
  },
  {
    id: 'en.danger.followed',
    pattern: '(?:someone|somebody|man|men|guy|guys|car|van|stranger|strangers|woman|(?:some|older) (?:men|boys|lads|guys|people)|he|they) ~3 (?:following|followed|follows|follow) (?:me|us)(?! (?:on|back on) (?:insta(?:gram)?|tiktok|twitter|x|snap(?:chat)?|youtube|twitch|roblox|social media|facebook)(?= ))|(?:followed|follows|following|follow) (?:me|us) home|(?:stalking|stalks|stalked) (?:me|us)',
    category: 'danger',
    severity: 'high',
  },
  {
    id: 'en.danger.weapon',
    pattern: '(?:has|had|have|got|gets|carries|carry|carrying|brought|brings|bring|bringing|pulled|pulls|pull|showed me|shows me|(?:me|us|him|her|{mum}) with|holding|held|waving|threatened me with) (?:a |an |his |her |their )?(?:knife|knives|blade|machete|gun|zombie knife|shank)(?! (?:and|&) (?:a )?fork| to cut| for (?:cutting|cooking|the (?:cake|food))(?= ))|(?:stab|stabbed|stabbing|stabs) (?:me|him|her|someone|somebody|my|us|them|you)',
    category: 'danger',
    severity: 'high',
  },
  {
    id: 'en.danger.threat_to_kill',
    pattern: '(?:threaten|threatens|threatened|threatening) (?:to )?(?:kill|stab|shoot|burn|murder)|(?:said|says|told me|tells me|keeps saying|saying) (?:that )?(?:he|she|they|{adult}) ?(?:will|would|is going to|was going to|are going to|were going to|going to)? (?:kill|stab|shoot|murder) (?:me|us|my {mum}|{mum}|my family|my (?:brother|sister)|her|him)(?! if (?:i|we) (?!(?:tell|told|say|said|talk|speak|go to|leave|run|call|ring|report)))',
    category: 'danger',
    severity: 'urgent',
    note: '"Mum will kill me if I lose my coat" is a figure of speech; "he said he will kill me if I tell" is a threat.',
  },
  {
    id: 'en.danger.threat_to_hurt',
    pattern: '(?:threaten|threatens|threatened|threatening) (?:to )?(?:hurt|hit|beat|batter|punch|break)|(?:said|says|told me|tells me) (?:that )?(?:he|she|they) (?:will|would|is going to|are going to|was going to|were going to) (?:hurt|hit|beat|batter|punch|get) (?:me|us|my)',
    category: 'danger',
    severity: 'high',
  },
];

const EXPLOITATION: readonly SafeguardingPhrase[] = [
  {
    id: 'en.exploitation.made_to_carry',
    pattern: '(?:older|big|these) (?:boys|lads|kids|men|guys|people|girls|man|teenagers) ~6 (?:make|made|makes|making|get|got|gets|pay|paid|pays|give|gave|gives|ask|asked|asks|tell|told|tells|want|wants|wanted|force|forced|forces) (?:me|us|him|her) (?:to )?~2 (?:carry|deliver|sell|hold|hide|stash|drop off|look after)',
    category: 'exploitation',
    severity: 'high',
  },
  {
    id: 'en.exploitation.paid_to_deliver',
    pattern: '(?:give|gave|gives|giving|pay|paid|pays|paying|offered|offer|offers|promised) (?:me|us|him|her) ~3 (?:money|cash|quid|pounds|[0-9]+|trainers|a phone|phones|clothes|weed|vapes|drugs|stuff) ~3 (?:to|for|if (?:i|we)) (?:deliver|delivering|carry|carrying|sell|selling|hold|holding|hide|hiding|drop off|dropping off|stash|stashing|move|moving)(?! (?:leaflets|papers|newspapers|flyers|the post|post|shopping|cakes|raffle)(?= ))',
    category: 'exploitation',
    severity: 'high',
    note: 'A paper round ("paid me to deliver leaflets") is left out.',
  },
  {
    id: 'en.exploitation.made_to_sell',
    pattern: '(?:made|make|makes|making|forced|force|forces|told|tells|getting|get|got) (?:me|us|him|her) (?:to )?(?:sell|deliver|carry|hold|hide|keep|stash|move) ~2 (?:drugs|weed|coke|crack|packages|parcels|a package|a parcel|bags|a bag|for them|for him|phones|knives)|(?:made|makes|forced|forces|force) (?:me|us|him|her) (?:to )?sell(?! (?:my|our|his|her|raffle|cakes|tickets|toys|the)(?= ))',
    category: 'exploitation',
    severity: 'high',
  },
  {
    id: 'en.exploitation.groomed',
    pattern: '(?:i am|i was|i have been|been|being|is being|was being|were) groomed|groomed (?:me|us|him|her|my (?:son|daughter|child))|grooming (?:me|us|him|her|children|kids|my (?:son|daughter|child))',
    category: 'exploitation',
    severity: 'high',
    note: 'Only a person being groomed: "my dog got groomed" is left out.',
  },
  {
    id: 'en.exploitation.county_lines',
    pattern: '(?<!(?:about|on|learned|learnt|learning|lesson|talk|assembly|video|film) )(?:county lines|trap house|going country|cuckooing|cuckooed)|(?:run|running|sell|selling|sold|deliver|delivering|deal|dealing) (?:drugs|weed|coke|crack|heroin)(?: for (?:them|him|older))?',
    category: 'exploitation',
    severity: 'high',
    note: 'A lesson about county lines is not a disclosure.',
  },
  {
    id: 'en.exploitation.owe_them',
    pattern: '(?:owe|owes|owed|in debt to) (?:them|him|these|some|the older|older) ~3 (?:money|[0-9]+|loads|quid|pounds)',
    category: 'exploitation',
    severity: 'medium',
  },
  {
    id: 'en.exploitation.gifts_from_older',
    pattern: '(?:older|adult|grown up) (?:man|men|guy|guys|boyfriend|lad|lads|woman) ~4 (?:buys|bought|buying|gives|gave|giving|sends|sent) (?:me|us|him|her) ~2 (?:presents|gifts|alcohol|vodka|drink|drinks|vapes|weed|a phone|money|stuff|clothes|trainers|cigarettes)',
    category: 'exploitation',
    severity: 'high',
  },
  {
    id: 'en.exploitation.older_partner',
    pattern: '(?:boyfriend|girlfriend) (?:is|who is|he is|she is) (?:1[89]|[2-9][0-9]|twenty[a-z]*|nineteen|eighteen|much older|way older|an adult|a grown up)',
    category: 'exploitation',
    severity: 'medium',
    note: 'Medium: Chorus is for 5 to 25, so a lead judges the age gap.',
  },
  {
    id: 'en.exploitation.meet_online_contact',
    pattern: '(?:meet|meeting|met) up with ~3 (?:from|i met|off|on) (?:online|the internet|snapchat|snap|instagram|insta|tiktok|roblox|discord|fortnite|xbox|a game|an app)',
    category: 'exploitation',
    severity: 'medium',
  },
];

const BULLYING: readonly SafeguardingPhrase[] = [
  {
    id: 'en.bullying.bullied',
    pattern: '(?<!(?:not|never|anti|stop being) )(?:cyber ?)?bullied|(?:cyber ?)?bull(?:y|ies|ys|ying) (?:me|him|her|us|my|them)|(?<!(?:anti|about|on|against) )bullying(?! (?:week|policy|policies|ambassadors?|workshop|assembly|lesson|campaign|day|charter|club|survey|training)(?= ))',
    category: 'bullying',
    severity: 'medium',
    note: 'An anti-bullying week or policy is not a disclosure.',
  },
  {
    id: 'en.bullying.beat_up',
    pattern: '(?:beat|beats|beaten|beating) (?:me|us|him|her) up|(?:{peers}) ~3 (?:hit|hits|punch|punched|punches|kick|kicked|kicks|push|pushed|pushes|trip|tripped|spit on|spat on|spits on|hurt|hurts|laugh at|laughed at|laughs at|pick on|picked on|picks on|gang up on|ganged up on|gangs up on|make fun of|made fun of|makes fun of|tease|teased|teases) (?:me|us|him|her)|(?:{peers}) ~3 (?:take|took|takes|steal|stole|steals) my',
    category: 'bullying',
    severity: 'medium',
  },
  {
    id: 'en.bullying.names',
    pattern: '(?:(?:call|calls|called|calling) (?:me|him|her|us)|(?:get|gets|got|getting|being|been|am|was|is) called) (?:names|retard|retarded|spastic|spaz|spacker|mong|thick|stupid|dumb|fat|ugly|(?:a )?freak|weirdo|weird|gay|slurs|horrible (?:names|things)|the r word|disabled)',
    category: 'bullying',
    severity: 'medium',
  },
  {
    id: 'en.bullying.told_to_kill_myself',
    pattern: '(?:told|tell|tells|telling|said|says) (?:me|him|her) to (?:kill (?:myself|yourself|himself|herself)|die|go die|go and die|hang (?:myself|yourself)|drop dead)',
    category: 'bullying',
    severity: 'high',
    note: 'High, not medium: being told to kill yourself is a risk to life as well as bullying.',
  },
  {
    id: 'en.bullying.kill_yourself',
    pattern: 'kill yourself',
    category: 'bullying',
    severity: 'medium',
  },
];

/** Every English phrase, by category. */
export const EN_PHRASES: readonly SafeguardingPhrase[] = [
  ...SELF_HARM, ...ABUSE, ...SEXUAL_ABUSE, ...DOMESTIC_ABUSE, ...NEGLECT, ...DANGER, ...EXPLOITATION, ...BULLYING,
];
