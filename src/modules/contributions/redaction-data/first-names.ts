/**
 * First names common in the UK's communities, for redaction.
 *
 * Source: our own list, written by hand for Chorus from general knowledge of names given to children
 * and adults across the UK (English, Welsh, Scottish, Irish, South Asian, Polish and other Eastern
 * European, Arabic, Somali, West African, Caribbean, Turkish and East Asian communities). It is not
 * copied from any data set, is not complete, and never needs to be: the area's own lists and the NLP
 * library cover what it misses. Add names freely (lower case, no accents needed: matching folds them).
 */

/** Names that are not also everyday English words: removed in any case ("jayden", "Jayden", "JAYDEN"). */
export const FIRST_NAMES: readonly string[] = [
  // English and UK-wide (boys)
  'oliver', 'george', 'harry', 'noah', 'leo', 'arthur', 'oscar', 'charlie', 'jacob', 'thomas', 'henry',
  'william', 'alfie', 'joshua', 'freddie', 'archie', 'theo', 'james', 'isaac', 'lucas', 'ethan',
  'alexander', 'daniel', 'samuel', 'joseph', 'edward', 'logan', 'benjamin', 'sebastian', 'finley',
  'adam', 'harrison', 'dylan', 'teddy', 'tommy', 'reggie', 'ronnie', 'albie', 'elijah', 'riley',
  'jaxon', 'louie', 'jenson', 'jude', 'rory', 'tyler', 'jayden', 'jaden', 'kai', 'callum', 'reece',
  'connor', 'kyle', 'liam', 'ryan', 'luke', 'nathan', 'aaron', 'lewis', 'jordan', 'bradley', 'ashley',
  'jamie', 'kieran', 'craig', 'darren', 'wayne', 'gary', 'steven', 'stephen', 'paul', 'david', 'dave',
  'andrew', 'andy', 'simon', 'richard', 'peter', 'michael', 'christopher', 'chris', 'matthew', 'matt',
  'anthony', 'tony', 'john', 'jon', 'ian', 'neil', 'kevin', 'keith', 'graham', 'trevor', 'nigel',
  'colin', 'brian', 'alan', 'martin', 'philip', 'phil', 'robert', 'timothy', 'jonathan', 'sam', 'ben',
  'joe', 'tom', 'dan', 'josh', 'alex', 'elliot', 'elliott', 'toby', 'zachary', 'zach', 'harvey', 'hugo',
  'jake', 'kian', 'leon', 'louis', 'billy', 'bobby', 'frankie', 'stanley', 'ronan', 'jesse',
  'jay', 'carl', 'shaun', 'shane', 'stuart', 'barry', 'terry', 'derek', 'roger', 'malcolm',
  // English and UK-wide (girls)
  'olivia', 'amelia', 'isla', 'ava', 'mia', 'isabella', 'isabelle', 'sophia', 'sophie', 'freya',
  'florence', 'ella', 'evie', 'emily', 'charlotte', 'chloe', 'jessica', 'lucy', 'hannah', 'sarah',
  'emma', 'laura', 'rachel', 'rebecca', 'amy', 'katie', 'kate', 'claire', 'nicola', 'michelle', 'kelly',
  'lisa', 'karen', 'susan', 'julie', 'helen', 'joanne', 'donna', 'tracey', 'stacey', 'sharon', 'sandra',
  'amanda', 'gemma', 'natalie', 'louise', 'zoe', 'megan', 'bethany', 'chelsea', 'leah', 'ellie',
  'millie', 'maisie', 'molly', 'phoebe', 'harriet', 'matilda', 'rosie', 'eva', 'elsie', 'luna',
  'hallie', 'alice', 'nancy', 'elizabeth', 'victoria', 'abigail', 'georgia', 'eleanor', 'scarlett',
  'jasmine', 'layla', 'lola', 'erin', 'imogen', 'esme', 'thea', 'paige', 'courtney', 'jodie', 'kirsty',
  'lauren', 'danielle', 'samantha', 'jennifer', 'jenny', 'anna', 'annie', 'maria', 'mary', 'margaret',
  'pauline', 'linda', 'janet', 'patricia', 'angela', 'wendy', 'diane', 'deborah', 'debbie',
  'tina', 'mandy', 'jackie', 'natasha', 'sasha', 'tanya', 'kimberley', 'leanne', 'charlene', 'shannon',
  'tia', 'keira', 'kayleigh', 'caitlin', 'abbie', 'ellen', 'amelie', 'ada', 'mabel', 'elodie', 'aurora',
  'darcey', 'darcie', 'lexi', 'lacey', 'tilly', 'hollie', 'jessie', 'becky', 'sally', 'julia', 'jane',
  'tiegan', 'teagan', 'kayla', 'nadine',
  // Welsh
  'rhys', 'dafydd', 'gethin', 'huw', 'ieuan', 'iwan', 'owain', 'owen', 'osian', 'cai', 'tomos', 'aled',
  'carys', 'cerys', 'ffion', 'seren', 'nia', 'bethan', 'eleri', 'sioned', 'mali', 'lowri', 'catrin',
  'gwen', 'angharad', 'elin', 'gareth', 'geraint', 'rhiannon', 'llywelyn', 'emrys', 'morgan', 'dewi',
  'gruffydd', 'tegan', 'manon', 'elis',
  // Scottish
  'hamish', 'angus', 'fraser', 'euan', 'ewan', 'struan', 'alasdair', 'alistair', 'lachlan', 'murray',
  'iain', 'calum', 'morag', 'mhairi', 'eilidh', 'catriona', 'ailsa', 'fiona', 'shona', 'kenzie',
  'mackenzie', 'innes', 'ruaridh', 'kenny', 'douglas', 'duncan', 'finlay', 'kirsteen',
  // Irish
  'sean', 'ciaran', 'cillian', 'oisin', 'darragh', 'eoin', 'conor', 'padraig', 'aoife', 'niamh',
  'siobhan', 'saoirse', 'roisin', 'caoimhe', 'orla', 'sinead', 'aisling', 'clodagh', 'grainne', 'maeve',
  'eimear', 'ciara', 'fionn', 'tadhg', 'cormac', 'declan', 'brendan', 'colm', 'shauna', 'bronagh',
  // South Asian (Pakistani, Indian, Bangladeshi, Sri Lankan heritage)
  'muhammad', 'mohammed', 'mohammad', 'mohamed', 'ahmed', 'ahmad', 'ali', 'hassan', 'hussain',
  'hussein', 'ibrahim', 'ismail', 'yusuf', 'yousef', 'zain', 'zayn', 'ayaan', 'aryan', 'arjun', 'rohan',
  'rahul', 'raj', 'ravi', 'vikram', 'sanjay', 'amit', 'anil', 'deepak', 'harpreet', 'gurpreet',
  'jaspreet', 'manpreet', 'simran', 'navdeep', 'kiran', 'priya', 'pooja', 'anjali', 'sunita', 'meera',
  'neha', 'divya', 'aarav', 'vihaan', 'krish', 'ishaan', 'riya', 'anaya', 'aanya', 'diya', 'saanvi',
  'amaira', 'zara', 'zainab', 'fatima', 'ayesha', 'aisha', 'maryam', 'mariam', 'hafsa', 'hamza',
  'bilal', 'imran', 'irfan', 'asif', 'tariq', 'usman', 'umar', 'omar', 'abdul', 'abdullah', 'faisal',
  'nadia', 'sana', 'sadia', 'shabana', 'nasreen', 'rubina', 'samina', 'farah', 'hina', 'iqra', 'alisha',
  'amir', 'arif', 'shahid', 'rizwan', 'nabeel', 'rehan', 'rayyan', 'idris', 'musa', 'hajra', 'ruqayyah',
  'safiya', 'inaya', 'humaira', 'tahmina', 'rukhsana', 'shamima', 'nusrat', 'rahima', 'jannat',
  'sumaiya', 'parveen', 'gurdeep', 'jasvir', 'sukhvinder', 'balvinder', 'kuldeep', 'lakshmi',
  'thushara', 'nimal', 'tharushi', 'kavya', 'aditya', 'sahil', 'yash', 'zaynab', 'rumi', 'tanvir',
  // Polish and other Eastern European
  'zofia', 'zuzanna', 'maja', 'lena', 'hanna', 'alicja', 'oliwia', 'wiktoria', 'natalia', 'agnieszka',
  'katarzyna', 'magdalena', 'malgorzata', 'ewa', 'joanna', 'aleksandra', 'kasia', 'gosia', 'piotr',
  'pawel', 'krzysztof', 'tomasz', 'jakub', 'kacper', 'szymon', 'filip', 'wojciech', 'mateusz', 'michal',
  'bartosz', 'oliwer', 'antoni', 'franciszek', 'stanislaw', 'zbigniew', 'marek', 'lukasz', 'dawid',
  'igor', 'kuba', 'andrei', 'ionut', 'alexandru', 'mihai', 'elena', 'ioana', 'bianca', 'daria', 'sofia',
  'vlad', 'darius', 'luca', 'denisa', 'larisa', 'ivan', 'dmitri', 'olena', 'oksana', 'yulia', 'viktor',
  'anastasia', 'jonas', 'lukas', 'ruta', 'gintare', 'tereza', 'petra',
  // Arabic
  'mahmoud', 'mustafa', 'khalid', 'karim', 'youssef', 'ammar', 'amina', 'amira', 'noor', 'nour', 'leila',
  'yasmin', 'yasmine', 'salma', 'hala', 'rania', 'huda', 'lina', 'malak', 'reem', 'sara', 'samira',
  'jamal', 'rashid', 'walid', 'zaid', 'sami', 'ayman', 'bashir', 'khadija', 'yasin', 'rahma', 'hiba',
  // Somali
  'abdi', 'abdirahman', 'abdirizak', 'hodan', 'hibaaq', 'fartun', 'farhan', 'hamdi', 'mohamud',
  'ifrah', 'sagal', 'nimco', 'muna', 'ayan', 'liban',
  // West African
  'kwame', 'kofi', 'kojo', 'kwabena', 'kwaku', 'yaw', 'akua', 'abena', 'efua', 'adwoa', 'oluwaseun',
  'seun', 'olumide', 'tunde', 'babatunde', 'chinedu', 'chidi', 'chukwuemeka', 'emeka', 'ngozi', 'chioma',
  'chiamaka', 'adaeze', 'amara', 'ifeoma', 'nkechi', 'obinna', 'ikenna', 'uche', 'adebayo', 'ayodele',
  'temitope', 'tope', 'funmilayo', 'folake', 'femi', 'kemi', 'yetunde', 'bukola', 'segun', 'oluwatobi',
  'tobi', 'tolu', 'damilola', 'fatou', 'aminata', 'mariama', 'ibrahima', 'mamadou', 'moussa', 'ousmane',
  'kelechi', 'somto', 'ebuka', 'zion',
  // Caribbean and Black British
  'shanice', 'tyrone', 'jerome', 'delroy', 'leroy', 'winston', 'marcia', 'marlene', 'beverley',
  'jermaine', 'dwayne', 'tyrese', 'kadeem', 'kemar', 'shantelle', 'tiana', 'jahmal', 'keisha', 'latoya',
  'andre', 'marcus', 'denzel', 'kareem', 'ricardo', 'tremaine', 'shakira', 'aaliyah', 'kiana', 'malik',
  // Turkish, Kurdish, East and South East Asian
  'mehmet', 'emre', 'elif', 'zeynep', 'ayse', 'kerem', 'baran', 'rojda', 'wei', 'ming', 'mei', 'linh',
  'minh', 'thanh', 'huong', 'tuan', 'hiroshi', 'yuki', 'haruto', 'jin', 'hyun', 'ji-woo',
  // Gypsy, Roma and Traveller families often use the common English and Irish names above, plus
  'mikey', 'johnny', 'patsy', 'tyson', 'levi', 'caleb', 'shay',
];

/**
 * Names that are also everyday words ("will", "may", "grace", "joy", "jack"): removed only when
 * written with a capital letter, and then only when the sentence suggests a person (see redaction.ts).
 */
export const WORD_NAMES: readonly string[] = [
  'grace', 'hope', 'faith', 'joy', 'rose', 'ruby', 'amber', 'jade', 'holly', 'daisy', 'lily', 'poppy',
  'ivy', 'violet', 'iris', 'heather', 'willow', 'hazel', 'autumn', 'dawn', 'skye', 'sky', 'river',
  'storm', 'sunny', 'honey', 'precious', 'blessing', 'favour', 'patience', 'mercy', 'gift', 'destiny',
  'harmony', 'bonnie', 'eve', 'dean', 'glen', 'dale', 'brook', 'brooke', 'ash', 'nick', 'sonny', 'kit',
  'penny', 'crystal', 'star', 'angel', 'robin', 'rowan', 'jack', 'jasper', 'basil', 'sandy', 'chase',
  'hunter', 'mason', 'carter', 'cooper', 'taylor', 'miles', 'frank', 'drew', 'art', 'don', 'guy', 'ray',
  'max', 'rob', 'sue', 'pat', 'bill', 'mark', 'will', 'may', 'june', 'april', 'august', 'summer', 'harley',
  'jean', 'lee', 'carol',
];

/**
 * Word-names that at the start of a sentence are far more often a verb, a modal or a month than a
 * person ("Will you…", "May I…", "Mark my words", "June was hard"). There they count as a name only
 * when the next word shows a person is meant ("Will said", "Mark has").
 */
export const FUNCTION_WORD_NAMES: readonly string[] = [
  'will', 'may', 'mark', 'june', 'april', 'august', 'bill', 'pat', 'sue', 'rob', 'max', 'ray', 'guy',
  'frank', 'art', 'don', 'drew', 'chase', 'miles', 'hope', 'faith', 'summer', 'autumn', 'dawn', 'sky',
  'river', 'storm', 'star', 'angel', 'gift', 'favour', 'patience', 'mercy', 'destiny', 'harmony', 'ash',
  'nick', 'kit', 'penny', 'crystal', 'jean', 'lee', 'sandy',
];

/**
 * Months and seasons that are also names: even mid-sentence they are dates ("in May", "In Summer")
 * unless a title, a surname or a speech verb shows a person ("May said", "Summer Jones").
 */
export const MONTH_NAMES: readonly string[] = ['may', 'june', 'april', 'august', 'summer', 'autumn'];
