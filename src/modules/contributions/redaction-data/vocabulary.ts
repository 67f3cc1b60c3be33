/**
 * Word lists for redaction, other than first names.
 *
 * Source: our own lists, written by hand for Chorus. The SEND service words come from the SEND Code
 * of Practice (2015) and the words parent carers and children use for services in England and Wales;
 * street and school words from how UK addresses and school names are usually written. Keys are lower
 * case with apostrophes removed (as redaction.ts folds every word before looking it up).
 */

/** Titles that come before a surname. */
export const TITLES: readonly string[] = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'mister', 'dame'];

/**
 * Capitalised words that are never a person's name here and need no review: family words, services,
 * conditions, languages, countries, religions, holidays, brands children mention.
 */
export const NOT_NAMES: readonly string[] = [
  // family and address words
  'mum', 'mummy', 'mam', 'mom', 'mommy', 'dad', 'daddy', 'nan', 'nana', 'nanny', 'nannie', 'gran', 'granny',
  'grandma', 'grandad', 'granddad', 'grandpa', 'grandmother', 'grandfather', 'auntie', 'aunty', 'aunt',
  'uncle', 'sir', 'miss', 'teacher', 'santa', 'god', 'jesus', 'allah', 'lord', 'bro', 'sis', 'hun', 'babe',
  'parent', 'parents', 'carer', 'carers', 'family', 'families',
  // services, plans and roles (SEND Code of Practice and everyday use)
  'camhs', 'senco', 'sencos', 'ehcp', 'ehcps', 'ehc', 'ehcna', 'send', 'sen', 'nhs', 'makaton', 'bsl',
  'signalong', 'sendiass', 'iass', 'sendist', 'pecs', 'ta', 'tas', 'lsa', 'salt', 'slt', 'ot', 'ots',
  'adhd', 'add', 'asd', 'asc', 'pda', 'ocd', 'semh', 'slcn', 'mld', 'sld', 'pmld', 'pru', 'gp', 'gps',
  'cdc', 'ccg', 'icb', 'dla', 'pip', 'eotas', 'la', 'lea', 'ofsted', 'cqc', 'dfe', 'gcse', 'gcses',
  'btec', 'sats', 'ks1', 'ks2', 'ks3', 'ks4', 'ks5', 'eyfs', 'widgit', 'boardmaker', 'proloquo', 'aac',
  'teacch', 'aba', 'iep', 'ieps', 'pep', 'lac', 'cla', 'cin', 'mash', 'fsm', 'ehcps', 'ehcp’s', 'iass',
  'ipsea', 'kooth', 'mencap', 'barnardos', 'nspcc', 'childline', 'samaritans', 'scope', 'nas', 'sense',
  'local', 'offer', 'council', 'councillor', 'mp', 'ombudsman', 'tribunal', 'a&e', 'ae', 'ae’s',
  'pa', 'pas', 'sw', 'cp', 'dbs', 'fe', 'he', 'uni', 'ucas', 'iass', 'parent', 'forum', 'pcf',
  'speech', 'language', 'therapy', 'therapist', 'occupational', 'physio', 'physiotherapy',
  'paediatrician', 'paediatrics', 'paeds', 'psychologist', 'psychiatrist', 'ed', 'psych', 'senior',
  'social', 'worker', 'services', 'service', 'team', 'hospital', 'clinic', 'centre', 'center', 'surgery',
  'autism', 'autistic', 'dyslexia', 'dyslexic', 'dyspraxia', 'dyscalculia', 'asperger', 'aspergers',
  'tourette', 'tourettes', 'down', 'downs', 'duchenne', 'epilepsy', 'cerebral', 'palsy', 'deaf', 'blind',
  'year', 'reception', 'nursery', 'school', 'college', 'academy', 'primary', 'secondary', 'sixth', 'form',
  'syndrome', 'disorder', 'disability', 'disabilities', 'needs', 'condition', 'educational', 'psychology',
  // languages, countries, peoples, faiths
  'english', 'england', 'britain', 'british', 'uk', 'gb', 'wales', 'welsh', 'cymraeg', 'scotland',
  'scottish', 'ireland', 'irish', 'europe', 'european', 'poland', 'polish', 'urdu', 'punjabi', 'bengali',
  'bangla', 'sylheti', 'arabic', 'somali', 'romanian', 'pakistan', 'pakistani', 'india', 'indian',
  'bangladesh', 'bangladeshi', 'nigeria', 'nigerian', 'ghana', 'ghanaian', 'jamaica', 'jamaican',
  'somalia', 'romania', 'syria', 'syrian', 'ukraine', 'ukrainian', 'turkey', 'turkish', 'kurdish',
  'china', 'chinese', 'gujarati', 'tamil', 'portuguese', 'spanish', 'french', 'lithuanian', 'roma',
  'gypsy', 'traveller', 'travellers', 'muslim', 'christian', 'hindu', 'sikh', 'jewish', 'catholic',
  'islam', 'london', 'african', 'caribbean', 'asian', 'black', 'white',
  // holidays
  'christmas', 'easter', 'eid', 'diwali', 'ramadan', 'hanukkah', 'halloween', 'vaisakhi', 'xmas',
  // brands and things children name
  'zoom', 'teams', 'google', 'youtube', 'whatsapp', 'facebook', 'instagram', 'tiktok', 'snapchat',
  'minecraft', 'roblox', 'fortnite', 'xbox', 'playstation', 'ps4', 'ps5', 'ipad', 'iphone', 'android',
  'nintendo', 'switch', 'lego', 'tesco', 'asda', 'aldi', 'lidl', 'sainsburys', 'morrisons', 'mcdonalds',
  'kfc', 'netflix', 'disney', 'pokemon', 'peppa', 'bluey', 'cbeebies', 'bbc', 'itv', 'spotify', 'apple',
  'microsoft', 'word', 'excel', 'ok', 'okay', 'pe', 'it', 'ict', 'dt', 're', 'pshe', 'maths',
  // pronouns and words often capitalised mid-sentence
  'i', 'im', 'ive', 'id', 'ill', 'u', 'x', 'xx', 'xxx', 'ps', 'pps', 'nb', 'am', 'pm', 'etc', 'eg', 'ie',
];

export const MONTHS: readonly string[] = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];

export const WEEKDAYS: readonly string[] = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed',
  'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'weekend', 'bank',
];

/** Text-speak and common misspellings that are not names even though no dictionary knows them. */
export const TEXT_SPEAK: readonly string[] = [
  'tbh', 'lol', 'omg', 'idk', 'pls', 'plz', 'thx', 'ty', 'bc', 'cos', 'coz', 'cuz', 'bcos', 'bcoz', 'wiv',
  'dunno', 'gonna', 'wanna', 'gotta', 'innit', 'ur', 'r', 'ya', 'yh', 'yeah', 'yea', 'nah', 'tho', 'rn',
  'smh', 'btw', 'imo', 'fyi', 'asap', 'wen', 'wat', 'dat', 'dis', 'luv', 'gr8', 'm8', 'hes', 'shes', 'im',
  'ive', 'dont', 'wont', 'cant', 'didnt', 'doesnt', 'isnt', 'wasnt', 'thats', 'theres', 'its', 'lotsa',
  'freind', 'freinds', 'becuase', 'becos', 'realy', 'reely', 'alot', 'ppl', 'tmrw', 'tomoz', 'hw', 'sch',
  'skool', 'n', 'nd', 'abt', 'msg', 'txt', 'tx', 'ta', 'ok', 'k', 'kk', 'lmao', 'mins', 'hrs', 'wk', 'wks',
];

/** Surnames that are also everyday words: accepted after a title ("Ms Brown", "Mr King"). */
export const SURNAME_WORDS: readonly string[] = [
  'brown', 'green', 'white', 'black', 'grey', 'gray', 'young', 'king', 'hill', 'wood', 'bird', 'baker',
  'cook', 'carpenter', 'fisher', 'hunter', 'mason', 'miller', 'shepherd', 'turner', 'walker', 'ward',
  'wall', 'bell', 'rose', 'cross', 'marsh', 'moss', 'field', 'hall', 'house', 'lamb', 'fox', 'wolf',
  'long', 'little', 'short', 'sharp', 'strong', 'price', 'rich', 'stone', 'bishop', 'knight', 'page',
  'day', 'rice', 'lane', 'parker', 'cooper', 'carter', 'taylor', 'smith', 'wright', 'potter', 'booth',
  'bush', 'hope', 'joy', 'nice', 'good', 'best', 'gold', 'silver', 'frost', 'snow', 'winter', 'summer',
];

/** Kinship and friendship words after which the next word is very likely a name ("my son kai"). */
export const KIN_WORDS: readonly string[] = [
  'son', 'daughter', 'boy', 'girl', 'child', 'kid', 'brother', 'sister', 'twin', 'twins', 'friend',
  'bestie', 'mate', 'cousin', 'grandson', 'granddaughter', 'nephew', 'niece', 'stepson', 'stepdaughter',
  'baby', 'toddler', 'youngest', 'eldest', 'oldest', 'lad', 'boys', 'girls', 'kids', 'children', 'sons',
  'daughters', 'brothers', 'sisters',
];

/** Verbs that, right after a sentence-initial "Will", "Mark" or "May", show a person is meant. */
export const PERSON_VERBS: readonly string[] = [
  'said', 'says', 'told', 'tells', 'asked', 'asks', 'went', 'goes', 'came', 'comes', 'helped', 'helps',
  'loves', 'loved', 'likes', 'liked', 'hates', 'hated', 'wants', 'wanted', 'needs', 'needed', 'thinks',
  'thought', 'knows', 'knew', 'plays', 'played', 'cried', 'cries', 'gets', 'got', 'does', 'did', 'has',
  'had', 'is', 'was', 'cant', 'wont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'hasnt', 'struggles', 'struggled',
  'attends', 'attended', 'started', 'starts', 'explained', 'explains', 'rang', 'called', 'emailed',
];

/** The narrower set for months ("May said…"): "May was awful" stays a month. */
export const SPEECH_VERBS: readonly string[] = [
  'said', 'says', 'told', 'tells', 'asked', 'asks', 'helped', 'helps', 'explained', 'explains', 'rang',
  'emailed', 'loves', 'likes', 'hates', 'wants', 'needs',
];

/** Words after a sentence-initial "Grace", "Hope", "Joy" that show the everyday word is meant. */
export const WORD_USE_FOLLOWERS: readonly string[] = [
  'this', 'that', 'you', 'so', 'we', 'i', 'it', 'the', 'to', 'for', 'your', 'all', 'everyone', 'they',
  'he', 'she', 'my', 'our', 'a', 'an', 'me', 'us', 'them', 'up', 'out', 'in', 'on', 'of', 'period',
];

/** Words that make a following word the school's type: "Oakfield Primary", "Sunshine Nursery". */
export const SCHOOL_ANCHORS: readonly string[] = [
  'primary', 'secondary', 'academy', 'school', 'college', 'nursery', 'infants', 'infant', 'juniors',
  'junior', 'high', 'grammar', 'comprehensive', 'prep', 'preparatory', 'unit', 'base', 'pru',
];

/** Anchors too common as words to trust unless the school's own name is capitalised. */
export const WEAK_SCHOOL_ANCHORS: readonly string[] = ['high', 'unit', 'base', 'junior', 'juniors', 'infant', 'infants', 'prep', 'grammar', 'pru'];

/** Words that may sit inside a school's name without being its distinctive part. */
export const SCHOOL_CONNECTORS: readonly string[] = [
  'of', 'the', 'and', 'c', 'e', 'ce', 'cofe', 'rc', 'r', 'st', 'saint', 'catholic', 'church', 'england',
  'community', 'free', 'sen', 'send', 'asd', 'resource', 'specialist', 'special', 'language', 'hearing',
  'enhanced', 'provision', 'sixth', 'form', 'methodist', 'jewish', 'islamic', 'muslim', 'sikh', 'hindu',
  'christian', 'voluntary', 'aided', 'va', 'vc', 'county', 'village', 'federation', 'trust', 'learning',
  'centre', 'studio', 'utc', 'and', 'nursery', 'infant', 'junior', 'primary', 'secondary', 'high',
];

/** Words before a school word that make it generic ("the school", "a special school", "his school"). */
export const SCHOOL_GENERIC: readonly string[] = [
  'the', 'a', 'an', 'my', 'his', 'her', 'their', 'our', 'your', 'its', 'this', 'that', 'these', 'those',
  'new', 'old', 'local', 'mainstream', 'special', 'specialist', 'primary', 'secondary', 'high', 'junior',
  'infant', 'middle', 'grammar', 'private', 'independent', 'boarding', 'state', 'catholic', 'church',
  'faith', 'free', 'big', 'little', 'same', 'other', 'another', 'any', 'every', 'each', 'different',
  'next', 'last', 'current', 'previous', 'sixth', 'form', 'day', 'residential', 'village', 'nearby',
  'good', 'bad', 'great', 'outstanding', 'whole', 'forest', 'home', 'hospital', 'online', 'virtual',
  'sunday', 'summer', 'holiday', 'weekend', 'after', 'before', 'sen', 'send', 'asd', 'autism', 'autistic',
  'sensory', 'son', 'sons', 'daughter', 'daughters', 'child', 'childs', 'kids', 'kid', 'children',
  'childrens', 'brothers', 'sisters', 'first', 'upper', 'lower', 'driving', 'dance', 'drama', 'music',
  'swimming', 'football', 'sports', 'sport', 'gymnastics', 'coding', 'youth', 'stage', 'theatre', 'boys',
  'girls', 'mixed', 'comprehensive', 'community', 'further', 'education', 'fe', 'send', 'support', 'no',
  'one', 'two', 'which', 'what', 'whose', 'nursery', 'college', 'academy', 'school', 'unit', 'base',
  'resource', 'assessment', 'language', 'hearing', 'pru', 'alternative', 'provision', 'ehcp', 'camhs',
  'training', 'language', 'welsh', 'english', 'medium', 'cofe', 'ce', 'rc', 'of', 'and', 'c', 'e', 'st',
  'saint', 'pupil', 'referral', 'enhanced', 'inclusion', 'learning', 'centre', 'rugby', 'art', 'tech',
  'uni', 'university', 'open', 'reception', 'year', 'nurture', 'behaviour', 'hub', 'satellite',
];

/** After "St Mary's" these make it a hospital, church or road rather than a school. */
export const SAINT_PLACE_FOLLOWERS: readonly string[] = [
  'hospital', 'church', 'chapel', 'cathedral', 'road', 'street', 'lane', 'avenue', 'ward', 'hospice',
  'centre', 'center', 'surgery', 'clinic', 'medical', 'health', 'park', 'day', 'eve', 'way', 'close',
  'place', 'square', 'hall', 'house', 'station', 'court', 'drive', 'crescent', 'terrace', 'gardens',
];

/** Street types (capitalised after a street's name, or with a house number). */
export const STREET_TYPES: readonly string[] = [
  'road', 'rd', 'street', 'st', 'lane', 'ln', 'avenue', 'ave', 'close', 'drive', 'dr', 'way', 'crescent',
  'cres', 'grove', 'gardens', 'gdns', 'court', 'ct', 'place', 'pl', 'terrace', 'tce', 'hill', 'park',
  'rise', 'view', 'walk', 'row', 'square', 'sq', 'mews', 'green', 'parade', 'vale', 'meadows', 'fields',
  'croft', 'mount', 'boulevard', 'heights', 'wharf', 'gate', 'chase', 'brow', 'bank', 'end', 'yard',
];

/** Street types safe to trust in lower case after a house number ("12 acacia avenue"). */
export const STREET_TYPES_LOWER: readonly string[] = [
  'road', 'rd', 'street', 'lane', 'avenue', 'ave', 'crescent', 'terrace', 'gardens', 'grove', 'mews', 'close',
  'drive', 'way', 'court',
];

/** Words that cannot start a street's name: "Car Park", "Google Drive", "Family Court". */
export const STREET_GENERIC: readonly string[] = [
  'the', 'a', 'an', 'my', 'our', 'your', 'his', 'her', 'their', 'this', 'that', 'no', 'safe', 'happy',
  'quiet', 'google', 'family', 'crown', 'county', 'youth', 'local', 'theme', 'car', 'play', 'soft',
  'water', 'skate', 'trampoline', 'holiday', 'retail', 'business', 'science', 'country', 'national',
  'ball', 'sensory', 'every', 'each', 'one', 'other', 'wrong', 'right', 'long', 'short', 'same', 'best',
  'worst', 'magistrates', 'high', 'supreme', 'tennis', 'food', 'adventure', 'dog', 'water', 'point',
  'bus', 'train', 'the', 'front', 'back', 'middle', 'top', 'bottom', 'end', 'whole', 'nice', 'good', 'bad',
];

/** Units and quantities after a number: "2 hours drive", "5 mile walk" are not addresses. */
export const NOT_STREET_NAMES: readonly string[] = [
  'hours', 'hour', 'hrs', 'hr', 'minutes', 'minute', 'mins', 'min', 'days', 'day', 'weeks', 'week', 'wks',
  'months', 'month', 'years', 'year', 'yrs', 'miles', 'mile', 'times', 'time', 'km', 'metres', 'meters',
  'steps', 'pounds', 'quid', 'people', 'kids', 'children', 'more', 'less', 'extra', 'other', 'of', 'or',
  'and', 'to', 'in', 'on', 'at', 'the', 'a', 'very', 'too', 'so', 'really', 'out', 'up', 'down', 'x',
  'hour', 'long', 'short', 'sessions', 'session', 'pupils', 'staff', 'members', 'parents', 'carers',
];

/** Words that start an address on their own: "Flat 3", "Apartment 12". */
export const FLAT_WORDS: readonly string[] = ['flat', 'apartment', 'apt'];
